"""The Guidelines panel open at close opens again at the next start, where it was.

A person who reads the guidelines beside the text opened the panel by mouse at every start, and
widened it again: it came back closed (the Suggestions panel was kept, this one was not). Kept
in window.ini as the Suggestions panel is (`geometry.GUIDELINES_PANEL`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from tests.ui.test_suggestions_panel_restart import open_panel, start


def open_guidelines(qtbot: QtBot, window: MainWindow) -> None:
    window.registry["guidelines_panel"].trigger()  # View ▸ Guidelines
    qtbot.waitUntil(lambda: window.team.dock.isVisible())


def test_the_guidelines_open_at_close_are_open_again_at_their_width(qtbot: QtBot, project_path: Path) -> None:
    window = start(qtbot, project_path)
    assert not window.registry["guidelines_panel"].isChecked()  # a first start: closed
    open_guidelines(qtbot, window)
    dock = window.team.dock
    wanted = dock.width() + 60
    window.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(dock.width() - wanted) <= 4)
    width = dock.width()
    window.close()
    window = start(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: window.team.dock.isVisible())
        assert window.registry["guidelines_panel"].isChecked()
        assert not window.suggestions.dock.isVisible()  # only the panel that was open
        qtbot.waitUntil(lambda: abs(window.team.dock.width() - width) <= 4)
    finally:
        window.close()


def test_both_panels_open_at_close_are_both_open_again(qtbot: QtBot, project_path: Path) -> None:
    window = start(qtbot, project_path)
    open_guidelines(qtbot, window)
    open_panel(qtbot, window)
    window.close()
    window = start(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: window.team.dock.isVisible() and window.suggestions.dock.isVisible())
        # One above the other, each its share (none dragged): not one squeezed under the other.
        heights = window.team.dock.height(), window.suggestions.dock.height()
        qtbot.waitUntil(lambda: abs(window.team.dock.height() - window.suggestions.dock.height()) < 40)
        assert min(heights) > 0
    finally:
        window.close()
