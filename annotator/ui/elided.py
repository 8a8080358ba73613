"""A one-line label and a combo box that never widen their window: what does not fit ends in "…".

The line under the text shows whatever a file holds (an entity whose span ran over a
line break); a plain QLabel grew the window or wrapped a word onto a line of its own.
A combo box narrower than its choice cut it off mid-letter ("Any stat"). (The article's
title wraps instead: `ui.reading.PageTitle`.)
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` as it is: Qt takes anything that looks like markup as rich text."""
    return f"<p>{html.escape(text)}</p>" if text else ""


class ElidedLabel(QLabel):
    """Plain text on one line (white space runs become one space), elided at the right."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._full = ""
        self._tip = ""
        self.setText(text)

    def set_tip(self, tip: str) -> None:
        """A tooltip kept whether the text is cut or not (a file's whole path behind its name);
        without one, the tooltip is the whole text, while it is cut."""
        self._tip = tip
        self._elide()

    def setText(self, text: str) -> None:
        self._full = " ".join(text.split())
        self._elide()

    def text(self) -> str:
        """The whole text, not the part that fits."""
        return self._full

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(width, 0))
        super().setText(shown)
        self.setToolTip(plain_tooltip(self._tip or (self._full if shown != self._full else "")))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()


class ElidedComboBox(QComboBox):
    """A combo box whose choice ends in "…" when the box is too narrow for it, never in a cut letter.

    The article list's filters are narrower than their longest choice so that the list leaves
    the text room on a small screen; at 150% scale the style clipped their text at the box's
    edge, "Any stat" and "Any labe". The list that drops down still shows every choice whole,
    and the accessible name says what the box filters by.
    """

    def shown_text(self) -> str:
        """The current choice as the box draws it: whole, or cut to its field with an ellipsis."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        text = self.currentText()
        if self.fontMetrics().horizontalAdvance(text) <= field.width():
            return text
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(field.width(), 0))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.isEditable():
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
