"""The Suggestions panel open at close opens again at the next start, and F9 opens and closes it.

Someone who works from the panel opened it by mouse at every start. Whether it was open is kept
in window.ini beside the window's layout; it opens once the window has painted, not on the
first paint's path (`ui.two_step_start`), and only over a project the start opened.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from annotator.ui.geometry import window_settings
from annotator.ui.main_window import MainWindow


def start(qtbot: QtBot, project: Path | None) -> MainWindow:
    """As `ui.app.start_checked` does: the window shown, its project checked in the pool and
    opened, the rest built after the article's paint; returned once the start has settled."""
    window = MainWindow(Settings(annotator="tester"))
    qtbot.addWidget(window)
    window.show()
    if project is not None:
        window.open_checked_in_pool(project, resume=True)

    def settled() -> bool:
        return window.start_finished and not window.opening and not window.listing

    qtbot.waitUntil(settled, timeout=20_000)
    if project is not None:
        assert window.project is not None
    return window


def open_panel(qtbot: QtBot, window: MainWindow) -> None:
    window.registry["suggestions_panel"].trigger()  # Suggestions ▸ Suggestions Panel
    qtbot.waitUntil(lambda: window.suggestions.dock.isVisible() and not window.suggestions.panel.loading)


def test_the_panel_open_at_close_is_open_again_at_the_next_start(qtbot: QtBot, project_path: Path) -> None:
    window = start(qtbot, project_path)
    assert not window.registry["suggestions_panel"].isChecked()  # a first start: closed, as before
    open_panel(qtbot, window)
    window.close()  # saves the window's layout
    window = start(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: window.suggestions.dock.isVisible())
        assert window.registry["suggestions_panel"].isChecked()
        qtbot.waitUntil(lambda: not window.suggestions.panel.loading)  # it lists, as opened by hand
    finally:
        window.close()


def panel_dock(window: MainWindow, action: str) -> QDockWidget:
    return window.suggestions.dock if action == "suggestions_panel" else window.team.dock


@pytest.mark.parametrize("action", ["suggestions_panel", "guidelines_panel"])
def test_the_panel_closed_before_the_close_stays_closed(
    qtbot: QtBot, project_path: Path, action: str
) -> None:
    window = start(qtbot, project_path)
    window.registry[action].trigger()
    qtbot.waitUntil(lambda: panel_dock(window, action).isVisible())
    window.registry[action].trigger()
    qtbot.waitUntil(lambda: not panel_dock(window, action).isVisible())
    window.close()
    window = start(qtbot, project_path)
    try:
        qtbot.wait(50)
        assert not panel_dock(window, action).isVisible()
        assert not window.registry[action].isChecked()
    finally:
        window.close()


def test_a_start_without_a_project_leaves_the_panel_closed(qtbot: QtBot, project_path: Path) -> None:
    """Nothing for it to list: the empty window says how to open a project instead."""
    window = start(qtbot, project_path)
    open_panel(qtbot, window)
    window.close()
    window = start(qtbot, None)
    try:
        qtbot.wait(50)
        assert window.project is None
        assert not window.registry["suggestions_panel"].isChecked()
    finally:
        window.close()


@pytest.mark.parametrize("stored", ["yes", "1", "open", "9" * 5000, ["true", "true"]])
def test_a_hand_edited_value_is_no_panel(qtbot: QtBot, project_path: Path, stored: object) -> None:
    """The file may be hand-edited or damaged: anything but what the window writes starts the
    window as a first start does, with the panel closed."""
    stored_settings = window_settings()
    stored_settings.setValue("suggestionsPanel", stored)
    stored_settings.sync()
    window = start(qtbot, project_path)
    try:
        qtbot.wait(50)
        assert not window.registry["suggestions_panel"].isChecked()
    finally:
        window.close()


def test_f9_opens_the_panel_and_closes_it(qtbot: QtBot, project_path: Path) -> None:
    """Someone who works from the panel opened it by mouse: it had no key."""
    window = start(qtbot, project_path)
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: window.suggestions.dock.isVisible())
        assert window.registry["suggestions_panel"].isChecked()
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: not window.suggestions.dock.isVisible())
        assert not window.registry["suggestions_panel"].isChecked()
        assert window.view.hasFocus()  # back in the text, for the next J
    finally:
        window.close()


def widen_panel(qtbot: QtBot, window: MainWindow, by: int) -> int:
    """Drag the panel's edge `by` pixels wider (as `resizeDocks` does): its width then."""
    dock = window.suggestions.dock
    wanted = dock.width() + by
    window.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(dock.width() - wanted) <= 4)
    return dock.width()


def float_panel(qtbot: QtBot, window: MainWindow, place: QRect) -> QRect:
    """Make the panel float, and move it to `place`: where it is then."""
    dock = window.suggestions.dock
    dock.setFloating(True)
    dock.setGeometry(place)
    qtbot.waitUntil(lambda: dock.isFloating() and dock.geometry() == place)
    return dock.geometry()


def shown_panel(qtbot: QtBot, window: MainWindow) -> QDockWidget:
    """The panel a start opened again, once shown and placed (its place is set as it shows)."""
    dock = window.suggestions.dock
    qtbot.waitUntil(lambda: dock.isVisible())
    qtbot.wait(50)
    return dock


def test_the_panel_comes_back_at_the_width_it_was_widened_to(qtbot: QtBot, project_path: Path) -> None:
    """Widened, closed and started again, the panel came back at its default width: built after
    the first paint, it is not in the window's own saved layout."""
    window = start(qtbot, project_path)
    open_panel(qtbot, window)
    first = window.suggestions.dock.width()
    widened = widen_panel(qtbot, window, 200)
    assert widened - first >= 150, (first, widened)
    window.close()
    window = start(qtbot, project_path)
    try:
        dock = shown_panel(qtbot, window)
        assert not dock.isFloating()
        assert abs(dock.width() - widened) <= 4, (first, widened, dock.width())
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the panel floating
def test_a_floating_panel_floats_again_where_it_was(qtbot: QtBot, project_path: Path) -> None:
    """Made to float, closed and started again, it came back docked."""
    window = start(qtbot, project_path)
    open_panel(qtbot, window)
    place = float_panel(qtbot, window, QRect(200, 150, 380, 520))
    window.close()
    window = start(qtbot, project_path)
    try:
        dock = shown_panel(qtbot, window)
        assert dock.isFloating()
        assert window.registry["suggestions_panel"].isChecked()
        shown = dock.geometry()
        assert max(abs(a - b) for a, b in zip(shown.getRect(), place.getRect(), strict=True)) <= 4, (
            place,
            shown,
        )
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the panel floating
def test_a_panel_docked_again_after_floating_keeps_its_docked_width(qtbot: QtBot, project_path: Path) -> None:
    """Floating is one close; docked again at the next, it comes back at the width it had docked."""
    window = start(qtbot, project_path)
    open_panel(qtbot, window)
    widened = widen_panel(qtbot, window, 160)
    window.close()
    window = start(qtbot, project_path)
    float_panel(qtbot, window, QRect(200, 150, 380, 520))
    window.close()
    window = start(qtbot, project_path)
    qtbot.waitUntil(lambda: window.suggestions.dock.isFloating() and window.suggestions.dock.isVisible())
    window.suggestions.dock.setFloating(False)
    window.close()
    window = start(qtbot, project_path)
    try:
        dock = shown_panel(qtbot, window)
        assert not dock.isFloating()
        assert abs(dock.width() - widened) <= 4, (widened, dock.width())
    finally:
        window.close()


def store(key: str, value: object) -> None:
    stored = window_settings()
    stored.setValue(key, value)
    stored.sync()


HOSTILE_WIDTHS = [
    "-300",
    "0",
    "99999999999",
    "wide",
    "300.5",
    "9" * 5000,
    ["300", "400"],
    "@Rect(0 0 300 400)",
]
OFF_EVERY_SCREEN = [QRect(5000, 5000, 380, 520), QRect(-3000, -3000, 380, 520), QRect(0, 1080, 380, 520)]
HOSTILE_PLACES = [
    *OFF_EVERY_SCREEN,
    QRect(0, 0, 0, 0),
    QRect(100, 100, -380, 520),
    QRect(100, 100, 100_000, 520),
    "wide",
    "200 150 380 520",
    "@Rect(a b c d)",
    "@Rect(1 2)",
    ["200", "150", "380", "520"],
    True,
]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the panel floating
@pytest.mark.parametrize("stored", HOSTILE_WIDTHS)
def test_a_hand_edited_width_is_left_out(qtbot: QtBot, project_path: Path, stored: object) -> None:
    """The file may be hand-edited or damaged: a width the window cannot use is no width, and
    what else it keeps still comes back (here where the panel floated). Docked again, the
    panel takes the width a first start gives it."""
    window = start(qtbot, project_path)
    open_panel(qtbot, window)
    first = window.suggestions.dock.width()
    place = float_panel(qtbot, window, QRect(200, 150, 380, 520))
    window.close()
    store("suggestionsPanelWidth", stored)
    window = start(qtbot, project_path)
    try:
        dock = shown_panel(qtbot, window)
        assert dock.isFloating()
        assert dock.geometry() == place
        window.registry["suggestions_panel"].trigger()  # closed, docked, and opened again
        qtbot.waitUntil(lambda: not dock.isVisible())
        dock.setFloating(False)
        open_panel(qtbot, window)
        qtbot.wait(50)
        assert abs(dock.width() - first) <= 4, (first, dock.width())
    finally:
        window.close()


@pytest.mark.parametrize("stored", HOSTILE_PLACES)
def test_a_hand_edited_floating_place_is_left_out(qtbot: QtBot, project_path: Path, stored: object) -> None:
    """A place the window cannot use (off every screen: a monitor since unplugged) would open the
    panel out of reach: it comes back docked, at the width it was left at."""
    window = start(qtbot, project_path)
    open_panel(qtbot, window)
    widened = widen_panel(qtbot, window, 160)
    window.close()
    store("suggestionsPanelFloating", stored)
    window = start(qtbot, project_path)
    try:
        dock = shown_panel(qtbot, window)
        assert not dock.isFloating()
        assert abs(dock.width() - widened) <= 4, (widened, dock.width())
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the panel floating
@pytest.mark.parametrize(
    "stored",
    [QRect(1800, 900, 380, 520), QRect(-200, -100, 380, 520), QRect(100, 100, 1, 1), QRect(0, 0, 4000, 3000)],
)
def test_a_floating_place_partly_off_the_screen_is_moved_onto_it(
    qtbot: QtBot, project_path: Path, stored: QRect
) -> None:
    """Partly off the screen, too small to use or larger than the screen: the panel floats on the
    screen, whole, at least as large as its content needs."""
    window = start(qtbot, project_path)
    open_panel(qtbot, window)
    window.close()
    store("suggestionsPanelFloating", stored)
    window = start(qtbot, project_path)
    try:
        dock = shown_panel(qtbot, window)
        assert dock.isFloating()
        area = dock.screen().availableGeometry()
        assert area.contains(dock.frameGeometry()), (area, dock.frameGeometry())
        least = dock.minimumSizeHint()
        assert dock.width() >= least.width() and dock.height() >= least.height(), (least, dock.geometry())
    finally:
        window.close()


def test_a_width_wider_than_the_window_leaves_the_text_its_room(qtbot: QtBot, project_path: Path) -> None:
    """A hand-edited width within limits but wider than the window: the panel is as wide as the
    window allows, and the text keeps at least its minimum."""
    window = start(qtbot, project_path)
    open_panel(qtbot, window)
    first = window.suggestions.dock.width()
    window.close()
    store("suggestionsPanelWidth", "16000")
    window = start(qtbot, project_path)
    try:
        dock = shown_panel(qtbot, window)
        assert first < dock.width() < window.width(), (first, dock.width(), window.width())
        assert window.centre.width() >= window.centre.minimumSizeHint().width()
        assert window.frameGeometry().right() <= window.screen().availableGeometry().right()
    finally:
        window.close()
