"""A side panel comes back where the person put it: tabbed with the other, or on the left.

The panels are built after the first paint, so the window's own `restoreState` cannot place
them. Their width, height and floating place were kept, but two panels tabbed together came
back one above the other, and a panel dragged to the left came back on the right.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget
from pytestqt.qtbot import QtBot

from annotator.ui.geometry import window_settings
from annotator.ui.main_window import MainWindow
from tests.ui.test_panes_docks import start_active, toggle_panel


def both_open(qtbot: QtBot, window: MainWindow) -> tuple[QDockWidget, QDockWidget]:
    suggestions, guidelines = window.suggestions.dock, window.team.dock
    qtbot.waitUntil(lambda: suggestions.isVisibleTo(window) and guidelines.isVisibleTo(window))
    qtbot.wait(50)
    return suggestions, guidelines


def in_front(dock: QDockWidget) -> bool:
    """Whether a tabbed panel is the tab shown (Qt moves the one behind out of the window)."""
    return not dock.visibleRegion().isEmpty()


@pytest.mark.parametrize("front", ["suggestions", "guidelines"])
def test_panels_tabbed_together_come_back_tabbed(qtbot: QtBot, project_path: Path, front: str) -> None:
    window = start_active(qtbot, project_path)
    toggle_panel(qtbot, window, "suggestions")
    toggle_panel(qtbot, window, "guidelines")
    suggestions, guidelines = both_open(qtbot, window)
    window.tabifyDockWidget(suggestions, guidelines)  # what dropping one panel on the other does
    (suggestions if front == "suggestions" else guidelines).raise_()
    qtbot.wait(50)
    assert window.tabifiedDockWidgets(suggestions) == [guidelines]
    window.close()
    window = start_active(qtbot, project_path)
    try:
        suggestions, guidelines = both_open(qtbot, window)
        assert window.tabifiedDockWidgets(suggestions) == [guidelines]
        assert in_front(suggestions) == (front == "suggestions")
        assert in_front(guidelines) == (front == "guidelines")
    finally:
        window.close()


def test_panels_stacked_stay_stacked(qtbot: QtBot, project_path: Path) -> None:
    """Untabbed again by the person, they come back one above the other, not tabbed."""
    window = start_active(qtbot, project_path)
    toggle_panel(qtbot, window, "suggestions")
    toggle_panel(qtbot, window, "guidelines")
    suggestions, guidelines = both_open(qtbot, window)
    window.tabifyDockWidget(suggestions, guidelines)
    qtbot.wait(20)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, guidelines, Qt.Orientation.Vertical)
    qtbot.wait(50)
    assert window.tabifiedDockWidgets(suggestions) == []
    window.close()
    window = start_active(qtbot, project_path)
    try:
        suggestions, guidelines = both_open(qtbot, window)
        assert window.tabifiedDockWidgets(suggestions) == []
        assert suggestions.isVisible() and guidelines.isVisible()
    finally:
        window.close()


@pytest.mark.parametrize("panel", ["suggestions", "guidelines"])
def test_a_panel_moved_to_the_left_comes_back_on_the_left(
    qtbot: QtBot, project_path: Path, panel: str
) -> None:
    window = start_active(qtbot, project_path)
    toggle_panel(qtbot, window, panel)
    dock = window.suggestions.dock if panel == "suggestions" else window.team.dock
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)  # what dragging it there does
    qtbot.wait(50)
    assert dock.x() < window.view.mapTo(window, window.view.rect().topLeft()).x()
    window.close()
    window = start_active(qtbot, project_path)
    try:
        dock = window.suggestions.dock if panel == "suggestions" else window.team.dock
        qtbot.waitUntil(dock.isVisible)
        assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
        assert dock.x() < window.view.mapTo(window, window.view.rect().topLeft()).x()
    finally:
        window.close()


@pytest.mark.parametrize("side", ["middle", "LEFT", 1, ["left"], "left" * 10_000])
def test_a_hand_edited_side_is_the_right(qtbot: QtBot, project_path: Path, side: object) -> None:
    """window.ini may be hand-edited or damaged: a side the window does not write is its default."""
    window = start_active(qtbot, project_path)
    toggle_panel(qtbot, window, "suggestions")
    window.close()
    stored = window_settings()
    stored.setValue("suggestionsPanelArea", side)
    stored.setValue("suggestionsPanelTabbed", side)
    stored.sync()
    window = start_active(qtbot, project_path)
    try:
        qtbot.waitUntil(window.suggestions.dock.isVisible)
        assert window.dockWidgetArea(window.suggestions.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    finally:
        window.close()
