"""Qt's own file dialog (X11 without a desktop's, or a portal's) fits a small or scaled screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QFileDialog
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
