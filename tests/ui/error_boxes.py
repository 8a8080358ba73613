"""What a refused file's message box must say: plain words naming the file first, the table,
row and reason only behind Show Details…; and the message boxes on screen, read and closed."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

JARGON = re.compile(
    r"\b(rows?|tables?|columns?|schema|sqlite|index|indexes|trigger|view|utf-8)\b", re.IGNORECASE
)
"""Words of the database a person labelling articles cannot act on."""


def assert_plain(box: QMessageBox, path: Path | str) -> None:
    """The box's first part names the file and speaks no database word; it has details."""
    text = box.text()
    assert str(path) in text, text
    assert not JARGON.search(text.replace(str(path), "")), text
    assert box.detailedText(), text  # the technical reason is one click away


def shown_error(qtbot: QtBot, window: QWidget) -> str:
    """The text of the error box the window shows (waited for), and the box closed."""
    boxes: list[QMessageBox] = []

    def found() -> bool:
        boxes[:] = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
        return bool(boxes)

    qtbot.waitUntil(found)
    text = boxes[0].text()
    boxes[0].close()
    return text


def shown_boxes() -> list[str]:
    """The texts of the message boxes on screen, closing each."""
    texts = []
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.isVisible():
            texts.append(box.text())
            box.close()
    return texts


def wait_for_a_box(qtbot: QtBot) -> None:
    """Wait until a message box is on screen (one the opening shows comes after the window)."""
    qtbot.waitUntil(
        lambda: any(isinstance(b, QMessageBox) and b.isVisible() for b in QApplication.topLevelWidgets())
    )
