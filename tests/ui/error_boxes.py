"""What a refused file's message box must say: plain words naming the file first, the table,
row and reason only behind Show Details…."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

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
