"""The Export dialog proposes a file name of each format's own, and the name follows the file
type the person picks in it (three formats are JSON Lines: one name for all sent the second
export over the first)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from annotator.services.exporting import export_file_ending, export_formats, renamed_for_format
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, select_words, wikinews_texts


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


def test_picking_a_file_of_a_spacy_set_in_the_export_dialog_replaces_that_set(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy's four files take the name chosen as their prefix ("news" -> "news.train.spacy",
    ...), and the save dialog lists those four, never "news.spacy". Picking one of them to
    export again over the set wrote a second set, "news.train.train.spacy" and its three
    siblings, beside the first, which was left as it was, and the status bar named the new
    files: the next training read the old labels. A file of a set names that set, as
    `annotator export -o news.train.spacy` does."""
    parts = ("train", "dev", "textcat_train", "textcat_dev")
    asked: list[str] = []

    def replace(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", replace)

    def save_as(name: str) -> Callable[[QFileDialog], None]:
        def steps(dialog: QFileDialog) -> None:
            types = dialog.findChild(QComboBox, "fileTypeCombo")
            edit = dialog.findChild(QLineEdit, "fileNameEdit")
            assert isinstance(types, QComboBox) and isinstance(edit, QLineEdit)
            types.setCurrentIndex(types.findText("spaCy DocBin files (*.spacy)"))
            dialog.setDirectory(str(tmp_path))
            edit.setText(name)

            def confirm_overwrite() -> None:  # Qt's own dialog asks about the file picked
                box = QApplication.activeModalWidget()
                if isinstance(box, QMessageBox):
                    box.button(QMessageBox.StandardButton.Yes).click()
                else:
                    QTimer.singleShot(20, window, confirm_overwrite)

            if (tmp_path / name).exists():
                QTimer.singleShot(20, window, confirm_overwrite)
            buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
            assert isinstance(buttons, QDialogButtonBox)
            save = buttons.button(QDialogButtonBox.StandardButton.Save)
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

        return steps

    drive_export_dialog(qtbot, window, save_as("news"))
    first = {p.name: p.read_bytes() for p in tmp_path.glob("news.*")}
    assert sorted(first) == sorted(f"news.{part}.spacy" for part in parts)
    # The progress dialog, shown when the export took long enough, took the activation: the
    # label key and Ctrl+E are the window's shortcuts, which reach nothing while it is inactive.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    select_words(qtbot, window, 0, 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)  # a claim more, so the set written again differs
    assert window.project is not None and len(window.project.claims()) == 1
    drive_export_dialog(qtbot, window, save_as("news.train.spacy"))
    again = {p.name: p.read_bytes() for p in tmp_path.glob("news.*")}
    assert sorted(again) == sorted(first)  # no news.train.train.spacy beside them
    assert again != first  # the set itself written again, with the claim
    assert asked == ["news.train.spacy and 3 more files exist. Replace them?"]
    said = window.status_bar.whole_message()
    assert (
        said
        == f"Exported 2 articles and 1 claim to {tmp_path / 'news.train.spacy'} and 3 more files beside it"
    )
