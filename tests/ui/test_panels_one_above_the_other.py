"""The Suggestions and the Guidelines panels open together, one above the other on the right.

The panel opened second got what Qt gave it: on a 1366x768 laptop, the Guidelines panel opened
beside the Suggestions panel showed its wrapped heading and nothing under it, and the person
dragged the split at every start, as it was not kept. Each opens with its share of the height,
and the split the person dragged comes back at the next start.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from tests.ui.test_panes_docks import start_active, toggle_panel


def heights(window: MainWindow) -> tuple[int, int]:
    """The Suggestions panel's and the Guidelines panel's heights."""
    return window.suggestions.dock.height(), window.team.dock.height()


def lines_under_the_heading(window: MainWindow) -> float:
    """How many lines of the guidelines' text the panel shows under their heading."""
    browser = window.team.panel.browser
    document = browser.document()
    heading = document.documentLayout().blockBoundingRect(document.firstBlock())
    below = browser.viewport().height() - heading.bottom()
    return below / browser.fontMetrics().lineSpacing()


@pytest.mark.usefixtures("laptop_screen")
@pytest.mark.parametrize("first", ["suggestions", "guidelines"])
def test_the_panel_opened_second_has_its_share_of_the_height(
    qtbot: QtBot, project_path: Path, first: str
) -> None:
    window = start_active(qtbot, project_path)
    try:
        toggle_panel(qtbot, window, first)
        toggle_panel(qtbot, window, "guidelines" if first == "suggestions" else "suggestions")
        suggestions, guidelines = heights(window)
        both = suggestions + guidelines
        assert min(suggestions, guidelines) >= both // 3, (suggestions, guidelines)
        assert lines_under_the_heading(window) >= 5, heights(window)
    finally:
        window.close()


def separator(window: MainWindow) -> QPoint:
    """The middle of the edge between the Suggestions panel, above, and the Guidelines panel."""
    upper, lower = window.suggestions.dock.geometry(), window.team.dock.geometry()
    assert upper.bottom() < lower.top(), (upper, lower)  # one above the other
    return QPoint(upper.center().x(), (upper.bottom() + lower.top()) // 2)


def drag_separator(qtbot: QtBot, window: MainWindow, by: int) -> None:
    """Drag the edge between the panels `by` pixels down, as a mouse does, step by step for the
    window's timer that moves its separator."""
    edge = separator(window)
    qtbot.mouseMove(window, edge)
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=edge)
    for step in range(1, 11):
        qtbot.mouseMove(window, edge + QPoint(0, by * step // 10))
        qtbot.wait(10)
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=edge + QPoint(0, by))
    qtbot.wait(20)


def near(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return all(abs(a - b) <= 4 for a, b in zip(one, other, strict=True))


@pytest.mark.parametrize("by", [-150, 150])
def test_the_split_dragged_is_kept_at_the_next_start(qtbot: QtBot, project_path: Path, by: int) -> None:
    window = start_active(qtbot, project_path)
    toggle_panel(qtbot, window, "suggestions")
    toggle_panel(qtbot, window, "guidelines")
    opened = heights(window)
    drag_separator(qtbot, window, by)
    dragged = heights(window)
    assert abs(dragged[0] - opened[0] - by) <= 4, (opened, dragged)
    window.close()
    window = start_active(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: window.suggestions.dock.isVisible() and window.team.dock.isVisible())
        qtbot.wait(50)
        assert near(heights(window), dragged), (opened, dragged, heights(window))
    finally:
        window.close()
