"""The Export dialog proposes a file name of each format's own, and the name follows the file
type the person picks in it (three formats are JSON Lines: one name for all sent the second
export over the first)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from annotator.services.exporting import export_file_ending, export_formats, renamed_for_format
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, wikinews_texts


def test_every_format_the_export_dialog_offers_proposes_a_name_of_its_own() -> None:
    endings = [export_file_ending(name) for name, _description, _extension in export_formats()]
    assert len(set(endings)) == len(endings)
    assert export_file_ending("doccano") == "-doccano.jsonl"
    assert export_file_ending("claims-jsonl") == "-claims.jsonl"
    assert export_file_ending("spacy") == ".spacy"


@pytest.mark.parametrize(
    ("name", "old", "new", "renamed"),
    [
        ("news-prodigy.jsonl", "jsonl", "doccano", "news-doccano.jsonl"),
        ("news-gold-doccano.jsonl", "doccano", "csv", "news-gold-claims.csv"),
        ("news-prodigy.csv", "jsonl", "csv", "news-claims.csv"),  # Qt's dialog swapped the suffix first
        ("labels.jsonl", "jsonl", "csv", "labels.csv"),
        ("Labels.JSONL", "jsonl", "doccano", "Labels.JSONL"),
        ("notes.txt", "jsonl", "csv", "notes.txt"),
        ("-prodigy.jsonl", "jsonl", "doccano", "-prodigy.jsonl"),
    ],
)
def test_a_name_takes_the_ending_of_the_type_picked_and_keeps_the_persons_words(
    name: str, old: str, new: str, renamed: str
) -> None:
    assert renamed_for_format(name, old, new) == renamed


def drive_export_dialog(qtbot: QtBot, window: MainWindow, steps: Callable[[QFileDialog], None]) -> None:
    """Ctrl+E; `steps` drives the real (Qt's own, offscreen) save dialog; waits for the export."""
    failed: list[BaseException] = []
    driven: list[QFileDialog] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            QTimer.singleShot(20, window, drive)
            return
        driven.append(dialog)
        try:
            steps(dialog)
        except BaseException as exc:  # an assertion: close the dialog, fail after it
            failed.append(exc)
            dialog.reject()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(0, window, drive)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    if failed:
        raise failed[0]
    assert driven, "no save dialog opened"


def test_the_name_in_the_export_dialog_follows_the_file_type_picked(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    shown: list[str] = []

    def pick_types_then_save(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        types = dialog.findChild(QComboBox, "fileTypeCombo")
        assert isinstance(name, QLineEdit) and isinstance(types, QComboBox)
        shown.append(name.text())
        # Down through Claims only, doccano and CSV, then back up to doccano, as a person would.
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up):
            qtbot.keyClick(types, key)
            shown.append(name.text())
        assert types.currentText() == "doccano JSON Lines (*.jsonl)"
        buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
        assert isinstance(buttons, QDialogButtonBox)
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    drive_export_dialog(qtbot, window, pick_types_then_save)
    assert shown == [
        "test-prodigy.jsonl",
        "test-claims.jsonl",
        "test-doccano.jsonl",
        "test-claims.csv",
        "test-doccano.jsonl",
    ]
    written = tmp_path / "test-doccano.jsonl"
    assert window.status_bar.whole_message() == f"Exported 2 articles and 0 claims to {written}"
    first = json.loads(written.read_text("utf-8").splitlines()[0])
    assert "label" in first  # doccano's, as the type picked says


def test_the_proposed_name_keeps_the_whole_project_name(qtbot: QtBot, tmp_path: Path) -> None:
    """A project the app saved as "team (saved 2024-05-06 10.30)" proposed "team (saved
    2024-05-06 10-prodigy.jsonl": the project's name was cut at its first dot."""
    project = make_project(tmp_path / "team (saved 2024-05-06 10.30).annotator.db", wikinews_texts()[:1])
    window = open_window(qtbot, project)
    shown: list[str] = []

    def look(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name, QLineEdit)
        shown.append(name.text())
        dialog.reject()

    try:
        drive_export_dialog(qtbot, window, look)
    finally:
        window.close()
    assert shown == ["team (saved 2024-05-06 10.30)-prodigy.jsonl"]
