"""Ctrl+Z and Ctrl+Shift+Z with nothing to undo or redo say so in the status bar.

Their menu items are greyed then, as desktops expect, and a disabled action's keys do nothing
at all: a keyboard user, who does not see the menu, pressed Ctrl+Z and could not tell whether
it had undone something out of view, or nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import open_window, select_words

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """A key to whatever has the focus, as on a desktop."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def _said(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def _claims(window: MainWindow) -> list[tuple[int, int, ClaimLabel]]:
    assert window.project is not None
    return [(c.start, c.end, c.label) for c in window.project.claims()]


def test_undo_and_redo_with_nothing_to_take_back_say_so_and_stay_greyed(
    qtbot: QtBot, window: MainWindow
) -> None:
    undo, redo = window.registry["undo"], window.registry["redo"]
    window.view.setFocus()
    assert not undo.isEnabled() and not redo.isEnabled()  # greyed in the Edit menu
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _said(window) == "Nothing to undo"
    window.statusBar().clearMessage()
    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _said(window) == "Nothing to redo"
    window.statusBar().clearMessage()
    _key(qtbot, Qt.Key.Key_Y, CTRL)
    assert _said(window) == "Nothing to redo"
    assert not undo.isEnabled() and not redo.isEnabled()


def test_undo_and_redo_with_steps_work_as_before_then_say_when_none_is_left(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.article is not None
    start = window.article.article.text.index(" ", 40) + 1
    select_words(qtbot, window, start, 2)
    _key(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier)
    claimed = _claims(window)
    assert len(claimed) == 1
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _claims(window) == []
    assert _said(window).startswith("Undone: ")
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _said(window) == "Nothing to undo"
    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _claims(window) == claimed
    assert _said(window).startswith("Redone: ")
    _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _said(window) == "Nothing to redo"
    assert _claims(window) == claimed


def test_ctrl_z_in_the_search_box_still_takes_back_what_was_typed(qtbot: QtBot, window: MainWindow) -> None:
    _key(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.search
    qtbot.keyClicks(window.search, "police")
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.search.text() == ""
    assert _said(window) != "Nothing to undo"


def test_undo_with_no_project_open_still_says_nothing(qtbot: QtBot) -> None:
    """With no project the keys of what needs one say nothing (`test_no_project_window`)."""
    window = open_window(qtbot, None)
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        _key(qtbot, Qt.Key.Key_Z, CTRL)
        _key(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
        assert _said(window) == ""
    finally:
        window.close()


def _edit_menu(window: MainWindow) -> list[str]:
    """The Edit menu's first two items, as the menu shows them."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    return [action.text() for action in menu.actions()[:2]]


def test_the_edit_menu_names_the_step_undo_and_redo_would_take(qtbot: QtBot, window: MainWindow) -> None:
    """The items said "Undo" and "Redo" alone, whatever the step: one in another article, which
    the undo opens, or a note out of sight, could not be told before the key was pressed."""
    assert window.article is not None
    assert _edit_menu(window) == ["&Undo", "&Redo"]
    start = window.article.article.text.index(" ", 40) + 1
    select_words(qtbot, window, start, 2)
    _key(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier)
    assert _edit_menu(window) == ["&Undo add factual claim", "&Redo"]
    _key(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier)
    assert _edit_menu(window) == ["&Undo label claim as opinion", "&Redo"]
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _edit_menu(window) == ["&Undo add factual claim", "&Redo label claim as opinion"]
    _key(qtbot, Qt.Key.Key_Z, CTRL)
    assert _edit_menu(window) == ["&Undo", "&Redo add factual claim"]
    assert _claims(window) == []
    _key(qtbot, Qt.Key.Key_Y, CTRL)
    assert _edit_menu(window) == ["&Undo add factual claim", "&Redo label claim as opinion"]
    window.registry["close_project"].trigger()
    assert _edit_menu(window) == ["&Undo", "&Redo"]  # the history goes with the project


def test_a_steps_words_in_the_menu_keep_an_ampersand_and_stay_short() -> None:
    from annotator.ui.bindings import STEP_WORDS, step_words

    assert step_words("Accepted 1 mention of AT&T (ORG)") == "accepted 1 mention of AT&&T (ORG)"
    long = step_words("Accepted 3 mentions of " + "Very Long Name " * 10 + "(ORG)")
    assert len(long) == STEP_WORDS and long.endswith("…")
