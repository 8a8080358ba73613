"""The window carries the app's own icon, drawn from its SVG at whatever scale the screen asks."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import open_window


def test_the_window_shows_the_apps_icon_sharp_at_a_scale_of_2(qtbot: QtBot) -> None:
    """The window set no icon: the title bar and task switcher showed the desktop's blank
    window, though `resources/icons/annotator.svg` ships for the installers."""
    QApplication.setWindowIcon(QIcon())
    window = open_window(qtbot, None)
    try:
        icon = window.windowIcon()
        assert not icon.isNull()
        assert icon.pixmap(QSize(32, 32), 2.0).width() == 64  # drawn for the scale, not blown up
        assert icon.pixmap(QSize(24, 24), 1.75).width() == 42
    finally:
        window.close()
