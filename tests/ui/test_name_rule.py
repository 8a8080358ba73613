"""Every dialog that takes a person's name refuses what Edit ▸ Preferences refuses, says why in
the same words and keeps OK disabled meanwhile: File ▸ Change Annotator Name (the first start's
dialog too) took "Gold", a name pasted with a line break or a NUL."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from annotator.ui.dialogs import NameDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.preferences import PreferencesDialog
from tests.ui.conftest import open_window

CTRL = Qt.KeyboardModifier.ControlModifier

REFUSED = {
    "other capitals": "Gold",
    "padded": "  GOLD ",
    "pasted with a line break": "Ada\nLovelace",
    "a tab inside": "Ada\tL.",
    "control characters only": "\x01\x02",
    "a NUL": "Ada\x00",
}
"""(A line edit keeps 32,767 characters of a paste: over the store's limit is tested in `tests/core`.)"""

TOO_LONG = "A name is at most 100 characters long; please shorten it."


def _paste(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Over the field's whole text, as a person pastes a name from elsewhere."""
    QApplication.clipboard().setText(text)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    assert field.text() == text


def _change_name_dialog(qtbot: QtBot, window: MainWindow) -> NameDialog:
    window.registry["change_name"].trigger()
    dialog = window.findChild(NameDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _said_by_preferences(qtbot: QtBot, window: MainWindow, typed: str) -> tuple[str, bool]:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: window.preferences_dialog is not None and window.preferences_dialog.isVisible())
    dialog = window.preferences_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    _paste(qtbot, dialog.name, typed)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    said = dialog.name_problem.text() if dialog.name_problem.isVisible() else ""
    enabled = ok.isEnabled()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # refused: OK is not pressed
    assert dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: window.preferences_dialog is None)
    return said, enabled


@pytest.mark.parametrize("typed", REFUSED.values(), ids=REFUSED.keys())
def test_change_annotator_name_refuses_what_preferences_refuses_in_its_words(
    qtbot: QtBot, project_path: Path, typed: str
) -> None:
    window = open_window(qtbot, project_path)
    try:
        preferences_said, preferences_ok = _said_by_preferences(qtbot, window, typed)
        assert preferences_said and not preferences_ok

        dialog = _change_name_dialog(qtbot, window)
        _paste(qtbot, dialog.edit, typed)
        problem = dialog.findChild(QLabel, "nameProblem")
        assert problem is not None and problem.isVisible()
        assert problem.text() == preferences_said
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and window.settings.annotator == "tester"
        _paste(qtbot, dialog.edit, "Ada L.\n")  # the line's end a paste brings is not the name's
        assert not problem.isVisible()
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.settings.annotator == "Ada L.")
    finally:
        window.close()


def test_the_first_start_dialog_says_why_as_preferences_does(qtbot: QtBot) -> None:
    dialog = NameDialog(current="")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    # Before a key is pressed the words above the field ask for the name; the refusal said it again.
    assert not ok.isEnabled() and not dialog.problem.isVisible()
    qtbot.keyClicks(dialog.edit, "A")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Backspace)
    assert not ok.isEnabled() and dialog.problem.isVisible()
    assert dialog.problem.text() == "Type your name or initials: every claim records who made it."
    _paste(qtbot, dialog.edit, "gOLD")
    assert not ok.isEnabled()
    assert dialog.problem.text() == "“gold” is kept for reviewers' decisions; please use another name."
    qtbot.keyClicks(dialog.edit, "ie")
    assert ok.isEnabled() and not dialog.problem.isVisible()


def _paste_whatever_fits(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    QApplication.clipboard().setText(text)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)


@pytest.mark.parametrize("pasted", ["x" * 32_767, "🙂" * 5_000, "Ada Lovelace " * 9])
def test_a_page_pasted_as_a_name_is_refused_as_too_long_not_cut_to_a_name(qtbot: QtBot, pasted: str) -> None:
    """A line edit took 32,767 characters, and the rule took any length the store keeps."""
    dialog = NameDialog(current="")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _paste_whatever_fits(qtbot, dialog.edit, pasted)
    assert pasted.startswith(dialog.edit.text()) and len(dialog.edit.text()) <= 2 * 100 + 2
    assert dialog.problem.isVisible() and dialog.problem.text() == TOO_LONG
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    _paste_whatever_fits(qtbot, dialog.edit, "🙂" * 100)  # the longest name, in any script
    assert dialog.edit.text() == "🙂" * 100 and not dialog.problem.isVisible()


def test_preferences_refuses_a_name_too_long_in_the_same_words(qtbot: QtBot, project_path: Path) -> None:
    window = open_window(qtbot, project_path)
    try:
        assert _said_by_preferences(qtbot, window, "x" * 101) == (TOO_LONG, False)
    finally:
        window.close()
    dialog = PreferencesDialog(None, Settings(annotator="Ada"), project_open=False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _paste_whatever_fits(qtbot, dialog.name, "x" * 32_767)
    assert len(dialog.name.text()) == 2 * 100 + 2 and dialog.name_problem.text() == TOO_LONG
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_name_typed_in_either_unicode_form_is_saved_as_one_name(qtbot: QtBot, project_path: Path) -> None:
    """ "Zoë" typed as "e" and a combining diaeresis (macOS input, a pasted name) was saved as it
    came: labels under it were another annotator than the same "Zoë" typed as one character."""
    window = open_window(qtbot, project_path)
    try:
        dialog = _change_name_dialog(qtbot, window)
        _paste(qtbot, dialog.edit, "Zoe\u0308")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.settings.annotator != "tester")
        assert window.settings.annotator == "Zo\u00eb"
        window.settings = dataclasses.replace(window.settings, annotator="tester")
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
        qtbot.waitUntil(
            lambda: window.preferences_dialog is not None and window.preferences_dialog.isVisible()
        )
        preferences = window.preferences_dialog
        assert preferences is not None
        qtbot.waitUntil(preferences.isActiveWindow)
        _paste(qtbot, preferences.name, "Zoe\u0308")
        qtbot.keyClick(preferences.name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
        assert window.settings.annotator == "Zo\u00eb"
    finally:
        window.close()
