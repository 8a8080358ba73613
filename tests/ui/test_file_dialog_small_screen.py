"""Qt's own file dialog (X11 without a desktop's, or a portal's) fits a small or scaled screen."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeView
from pytestqt.qtbot import QtBot

from tests.ui.conftest import open_window

SCALED_LAPTOP = QRect(0, 0, 683, 400)
"""A 1024x600 laptop's screen at 150%, in Qt's pixels: Qt's file dialog opens 408 pixels tall."""


def test_the_import_dialog_opens_within_a_scaled_laptop_screen(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its file-type list and Cancel were below the screen's bottom edge: Export's formats could
    not be chosen at all."""
    window = open_window(qtbot, project_path)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SCALED_LAPTOP)
    seen: list[QRect] = []

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, window, look_and_cancel)
            return
        seen.append(dialog.frameGeometry())  # where it is: Qt places it by the real screen
        dialog.reject()

    QTimer.singleShot(0, window, look_and_cancel)
    try:
        name, _ = QFileDialog.getOpenFileName(
            window,
            "Import articles",
            str(project_path.parent),
            "Articles (*.txt)",
            "",
            QFileDialog.Option.DontUseNativeDialog,
        )
    finally:
        window.close()
    assert name == ""
    (frame,) = seen
    assert frame.width() <= SCALED_LAPTOP.width() and frame.height() <= SCALED_LAPTOP.height(), frame


def _cut_columns(view: QTreeView) -> list[str]:
    """The columns of a file dialog's list narrower than their widest cell, or past its right edge."""
    header = view.header()
    model = view.model()
    cut = [
        f"{model.headerData(column, Qt.Orientation.Horizontal)}: {header.sectionSize(column)} px "
        f"of {view.sizeHintForColumn(column)}"
        for column in (1, 2)  # Size and Type
        if header.sectionSize(column) < view.sizeHintForColumn(column)
    ]
    if header.length() > view.viewport().width():
        cut.append(f"{header.length()} px of columns in {view.viewport().width()}")
    return cut


def test_the_merge_dialog_shows_each_file_s_size_and_type_whole(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt sizes its columns for "128.88 GB" and "mp3Folder" and gives the name the rest: on a
    1024x600 laptop at 150% a project read "128…KiB" and "SQL…ase", while the names had room
    to spare."""
    window = open_window(qtbot, project_path)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SCALED_LAPTOP)
    seen: list[list[str]] = []

    def look_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        view = dialog.findChild(QTreeView) if isinstance(dialog, QFileDialog) else None
        if view is None or view.model() is None or not view.model().rowCount(view.rootIndex()):
            QTimer.singleShot(20, window, look_and_cancel)
            return
        with contextlib.suppress(qtbot.TimeoutError):  # sizes and types come after the names
            qtbot.waitUntil(lambda: not _cut_columns(view), timeout=2000)
        seen.append(_cut_columns(view))
        assert isinstance(dialog, QFileDialog)
        dialog.reject()

    QTimer.singleShot(0, window, look_and_cancel)
    try:
        QFileDialog.getOpenFileNames(
            window,
            "Merge project files into this project",
            str(project_path.parent),
            "Projects (*.db)",
            "",
            QFileDialog.Option.DontUseNativeDialog,
        )
    finally:
        window.close()
    assert seen == [[]]
