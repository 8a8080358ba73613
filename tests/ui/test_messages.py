"""Help ▸ Recent Messages: the status bar's passing messages, to read again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from annotator.ui.messages import MessagesDialog
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
