"""A drop-down's name, as a screen reader on every desktop gets it.

On Linux, Qt gives a screen reader (Orca, through AT-SPI) a combo box's current entry as its
name, whatever `setAccessibleName` says (`QAccessibleComboBox::text`); what the box is for
reaches it only from a label whose buddy the box is. Tabbed onto the article list's status
filter, a screen reader was told "Any status", a combo box, never that it filters the list.
A box with no label on screen gets one that is never shown, beside it: Qt looks for a box's
labels among its siblings, so the label follows the box to whichever widget holds it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QLabel


class _LabelBeside(QObject):
    """Keeps `label` a sibling of the box it watches, hidden, when a layout moves the box."""

    def __init__(self, box: QComboBox, label: QLabel) -> None:
        super().__init__(box)
        self._label = label
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        label = self._label
        if (
            event.type() == QEvent.Type.ParentChange
            and isinstance(watched, QComboBox)
            and shiboken6.isValid(label)
        ):
            label.setParent(watched.parentWidget() or watched)  # which leaves it hidden
        return False


def name_drop_down(box: QComboBox, name: str) -> None:
    """Name `box` `name` for a screen reader: its accessible name (Windows, macOS) and an unseen
    label (Linux). For a box with no label on screen; one with a label names it with a buddy."""
    box.setAccessibleName(name)
    label = QLabel(name, box.parentWidget() or box)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setBuddy(box)
    label.hide()
    _LabelBeside(box, label)
