"""File > Pre-annotation Model…: a pipeline this machine lacks is greyed with what to install;
choosing an installed one saves it and runs Pre-annotate All."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from annotator.services.preannotate import chosen_pipeline
from annotator.services.project import open_project
from tests.services.test_pipeline_choice import medium_installed, medium_missing
from tests.ui.conftest import cut_labels, larger_font, open_window


def _open_dialog(qtbot: QtBot, tmp_path: Path) -> Any:
    path = tmp_path / "p.annotator.db"
    open_project(path).close()
    window = open_window(qtbot, path)
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    next(a for a in file_menu.actions() if a.text() == "Pre-annotation Mode&l…").trigger()
    dialog = window.pipeline_dialog
    assert dialog is not None and dialog.isVisible()
    return window, dialog


def test_a_missing_pipeline_is_greyed_with_what_to_install(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    medium_missing(monkeypatch)
    window, dialog = _open_dialog(qtbot, tmp_path)
    small, medium = dialog.buttons_by_name["en_core_web_sm"], dialog.buttons_by_name["en_core_web_md"]
    assert small.isChecked() and small.isEnabled()
    assert not medium.isEnabled()
    said = [label.text() for label in dialog.findChildren(type(dialog.note))]
    # The official package's own command, which every Python takes: the PyPI copy needs 3.12.
    assert any(
        "Not installed: install it with: " in t and "-m spacy download en_core_web_md" in t for t in said
    )
    dialog.reject()
    window.close()


def test_choosing_an_installed_pipeline_saves_it_and_pre_annotates_everything(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    medium_installed(monkeypatch, tmp_path)
    window, dialog = _open_dialog(qtbot, tmp_path)
    runs: list[object] = []
    monkeypatch.setattr(window.transfers, "preannotate", runs.append)  # the copy here is empty
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    medium = dialog.buttons_by_name["en_core_web_md"]
    assert medium.isEnabled() and not medium.isChecked()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)  # arrows move between the choices
    assert medium.isChecked()
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )
    assert runs == [None]  # Pre-annotate All
    assert window.statusBar().currentMessage() == "Pre-annotating every article with: Medium English pipeline"
    assert window.project is not None and chosen_pipeline(window.project) == "en_core_web_md"
    window.close()


def test_with_large_text_the_install_hint_and_the_closing_note_are_shown_whole(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt capped the dialog at two thirds of the screen's width and kept the height worked out
    for the wider one: at 2x text on a 1366x768 laptop the install hint and the closing note
    were cut off. The test screen is 1920 wide, where 3x text does the same."""
    medium_missing(monkeypatch)
    with larger_font(3):
        window, dialog = _open_dialog(qtbot, tmp_path)
        qtbot.waitExposed(dialog)
        try:
            assert cut_labels(dialog) == []
            assert dialog.screen().availableGeometry().contains(dialog.geometry())
            said = " ".join(label.text() for label in dialog.findChildren(QLabel))
            assert "Not installed: install it with: " in said
            assert "-m spacy download en_core_web_md" in said
        finally:
            dialog.reject()
            window.close()


def test_at_200_percent_with_larger_text_every_paragraph_is_whole_and_ok_on_the_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 200% on a 1366x768 laptop (683x384) with the desktop's text 1.5 times larger, the
    paragraphs were taller than the screen: the dialog was fitted to it and squeezed them, and
    the install hint lost its first and last lines. They scroll now, OK and Cancel below them."""
    medium_missing(monkeypatch)
    screen = QRect(0, 0, 683, 384)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    with larger_font(1.5):
        window, dialog = _open_dialog(qtbot, tmp_path)
        qtbot.waitExposed(dialog)
        try:
            frame = dialog.frameGeometry()
            assert frame.width() <= screen.width() and frame.height() <= screen.height(), frame
            assert cut_labels(dialog) == []
            box = dialog.findChild(QDialogButtonBox)
            for button in box.buttons():
                at = button.mapTo(dialog, QPoint(0, 0))
                assert dialog.rect().contains(QRect(at, button.size())), button.text()
        finally:
            dialog.reject()
            window.close()
