"""Help ▸ Recent Messages: the status bar's passing messages, to read again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from annotator.ui.messages import MessagesDialog
from annotator.ui.status_bar import MESSAGES_KEPT
from tests.ui.conftest import spoken_name


def _recent_messages(window: MainWindow) -> QAction:
    menu = window.registry.menus["help"]
    return next(action for action in menu.actions() if action.objectName() == "messages")


def test_a_passing_message_can_be_read_again_after_it_has_gone(qtbot: QtBot, window: MainWindow) -> None:
    """Why a key did nothing, where an export went, what another program added: the status bar
    said it for a few seconds and it was gone, with nothing to read it again by. Help ▸ Recent
    Messages lists them, newest first, whole, in a text a screen reader reads."""
    bar = window.status_bar
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_R)  # not in entity mode: the bar says what to do
    assert bar.currentMessage() == "Press E for entity mode first"
    whole = "Exported 12 claims to /home/ana/Documents/claims/exported-for-the-team-of-four.jsonl"
    window.status_fitting([whole, "Exported 12 claims to exported-for-the-team-of-four.jsonl"], whole, 60_000)
    bar.clearMessage()  # its time is up
    assert bar.currentMessage() == ""

    item = _recent_messages(window)
    assert item.text() == "Recent &Messages"
    item.trigger()
    dialog = window.findChild(MessagesDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    text = dialog.text
    assert QApplication.focusWidget() is text  # the arrows read it at once
    assert spoken_name(text) == "Recent messages"
    lines = text.toPlainText().splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == [whole, "Press E for entity mode first"]
    qtbot.keyClick(text, Qt.Key.Key_Down)  # a cursor the keys move, line by line
    assert text.textCursor().blockNumber() == 1
    qtbot.keyClick(text, Qt.Key.Key_Tab)  # no trap: Tab leaves the text for Close
    assert QApplication.focusWidget() is not text
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_stepping_through_candidates_keeps_the_messages_that_matter(qtbot: QtBot, window: MainWindow) -> None:
    """Each J and K said where it went ("Likely claim 4 of 22…"), and each line was kept: a
    labelling session's steps pushed where an export was saved out of the hundred kept. Where
    a step went is shown, and not kept; what was said before it still is."""
    assert window.article is not None and len(window.article.candidates) >= 2
    bar = window.status_bar
    whole = "Exported 12 claims to /home/ana/claims.jsonl"
    window.status_fitting([whole], whole, 60_000)
    window.view.setFocus()
    for _ in range(MESSAGES_KEPT):
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        qtbot.keyClick(window.view, Qt.Key.Key_K)
    assert bar.currentMessage().startswith("Likely claim 1 of ")  # shown as it was
    _recent_messages(window).trigger()
    dialog = window.findChild(MessagesDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    lines = [line.split("  ", 1)[1] for line in dialog.text.toPlainText().splitlines()]
    assert lines == [whole]
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
