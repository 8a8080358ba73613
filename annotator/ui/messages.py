"""Help ▸ Recent Messages: the status bar's passing messages, to read again.

A passing message goes after a few seconds; some carry news nothing else repeats (where an
export or a copy went, rows the store ignored, articles another program added). The bar
keeps them (`StatusBar.said`) and this dialog lists them, newest first, as text a keyboard
and a screen reader move through line by line.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from annotator.ui.actions import lend_application_keys
from annotator.ui.geometry import resize_to_fit


class MessagesDialog(QDialog):
    """The messages, newest first, each after its time, in a read-only text."""

    def __init__(self, parent: QWidget | None, said: Iterable[tuple[datetime, str]]) -> None:
        super().__init__(parent)
        self.setObjectName("messagesDialog")
        self.setWindowTitle(self.tr("Recent messages"))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("messagesText")
        self.text.setAccessibleName(self.tr("Recent messages"))  # else Orca says "text" alone
        self.text.setReadOnly(True)
        # Read-only text takes no Tab of its own, but keeps its cursor so the arrows read it.
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.text.setTabChangesFocus(True)
        lines = [f"{when:%H:%M:%S}  {message}" for when, message in reversed(list(said))]
        self.text.setPlainText("\n".join(lines) if lines else self.tr("No messages yet."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.setFocus()
        resize_to_fit(self, 640, 420)


def show_messages(parent: QWidget, said: Iterable[tuple[datetime, str]]) -> MessagesDialog:
    """Open the list of `said` beside the window (it does not wait for an answer)."""
    dialog = MessagesDialog(parent, said)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    lend_application_keys(parent, dialog)  # Ctrl+Q works in it too
    dialog.open()
    return dialog
