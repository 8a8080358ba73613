"""A docked panel (Guidelines, Suggestions) closed gives the list and the claims back their widths.

At 1366x768 the Guidelines panel took the list from about 290 px to 165, its Source column
hidden, and narrowed the claims; closed, it gave all its width to the text, the list and the
claims staying narrow until the person dragged the handles, and window.ini kept the narrow list
for the next start. The same went for the Suggestions panel (F9 twice), and for one left open
at close: it opened again at the next start beside the narrow widths it had left, and gave
those back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from annotator.services import paths
from annotator.ui.geometry import PANES_BEFORE_PANEL, panes_before_panel, window_settings
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import LAPTOP, open_window
from tests.ui.test_panes_narrow import drag_handle, narrow_to, press_ctrl, reopen
from tests.ui.test_suggestions_panel_restart import start

PANELS = ["guidelines", "suggestions"]


@pytest.fixture
def laptop_window(qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = open_window(qtbot, project_path)
    window.finish_start()
    qtbot.wait(20)
    yield window
    window.close()


def panel_dock(window: MainWindow, panel: str) -> QDockWidget:
    return window.team.dock if panel == "guidelines" else window.suggestions.dock


def toggle_panel(qtbot: QtBot, window: MainWindow, panel: str) -> None:
    """View ▸ Guidelines, or F9 for the Suggestions panel, as the person opens and closes them."""
    dock = panel_dock(window, panel)
    shown = dock.isVisible()
    if panel == "guidelines":
        window.registry["guidelines_panel"].trigger()
    else:
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused if focused is not None else window.view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: dock.isVisible() != shown)
    qtbot.wait(50)  # the panes shared, or given back, after the window's layout


def shown_columns(window: MainWindow) -> list[int]:
    header = window.article_list.header()
    return [column for column in range(header.count()) if not header.isSectionHidden(column)]


def near(one: int, other: int) -> bool:
    return abs(one - other) <= 2


@pytest.mark.parametrize("panel", PANELS)
def test_a_closed_panel_gives_the_list_and_the_claims_their_widths_back(
    qtbot: QtBot, laptop_window: MainWindow, panel: str
) -> None:
    window = laptop_window
    splitter = window.splitter
    before, columns = splitter.sizes(), shown_columns(window)
    toggle_panel(qtbot, window, panel)
    opened = splitter.sizes()
    assert opened[0] < before[0] and opened[2] < before[2], (before, opened)  # it took from them
    toggle_panel(qtbot, window, panel)
    after = splitter.sizes()
    assert near(after[0], before[0]) and near(after[2], before[2]), (before, opened, after)
    assert sum(after) == sum(before)  # the text has the rest, as before
    assert shown_columns(window) == columns  # Source is back
    assert window.registry["article_list"].isChecked()


@pytest.mark.parametrize("panel", PANELS)
def test_the_next_start_has_the_widths_from_before_the_panel(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch, panel: str
) -> None:
    """The narrow list the panel had left was what the window kept at close, for the next start."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = reopen(qtbot, project_path)
    before = window.splitter.sizes()
    toggle_panel(qtbot, window, panel)
    toggle_panel(qtbot, window, panel)
    window.close()  # saves the window's state
    window = reopen(qtbot, project_path)
    try:
        after = window.splitter.sizes()
        assert near(after[0], before[0]) and near(after[2], before[2]), (before, after)
    finally:
        window.close()


@pytest.mark.parametrize("panel", PANELS)
def test_widths_dragged_while_the_panel_was_open_are_kept(
    qtbot: QtBot, laptop_window: MainWindow, panel: str
) -> None:
    """The person set the list's width beside the panel: theirs, not the one before it opened."""
    window = laptop_window
    splitter = window.splitter
    before = splitter.sizes()
    toggle_panel(qtbot, window, panel)
    drag_handle(window, 220)
    qtbot.wait(20)
    dragged = splitter.sizes()
    assert abs(dragged[0] - 220) <= 4 and not near(dragged[0], before[0]), dragged
    toggle_panel(qtbot, window, panel)
    after = splitter.sizes()
    assert near(after[0], dragged[0]) and near(after[2], dragged[2]), (before, dragged, after)


@pytest.mark.parametrize("panel", PANELS)
@pytest.mark.parametrize("folded", ["before it opened", "while it was open"])
def test_a_list_folded_by_the_person_stays_folded(
    qtbot: QtBot, laptop_window: MainWindow, panel: str, folded: str
) -> None:
    """The claims get their width back, the text the rest."""
    window = laptop_window
    splitter = window.splitter
    action = window.registry["article_list"]
    if folded == "before it opened":
        press_ctrl(qtbot, window, Qt.Key.Key_L)
    before = splitter.sizes()
    toggle_panel(qtbot, window, panel)
    if folded == "while it was open":
        press_ctrl(qtbot, window, Qt.Key.Key_L)
    assert splitter.sizes()[0] == 0
    toggle_panel(qtbot, window, panel)
    after = splitter.sizes()
    assert after[0] == 0 and not action.isChecked(), (before, after)
    assert near(after[2], before[2]), (before, after)
    press_ctrl(qtbot, window, Qt.Key.Key_L)  # shown again at the width it was folded at
    assert splitter.sizes()[0] > 0 and action.isChecked()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # a floating panel, offscreen
@pytest.mark.parametrize("panel", PANELS)
def test_a_floating_panel_changes_no_width(qtbot: QtBot, laptop_window: MainWindow, panel: str) -> None:
    """It never took any room."""
    window = laptop_window
    dock = panel_dock(window, panel)
    dock.setFloating(True)
    dock.setGeometry(QRect(900, 200, 300, 400))
    before = window.splitter.sizes()
    toggle_panel(qtbot, window, panel)
    assert dock.isFloating() and window.splitter.sizes() == before
    toggle_panel(qtbot, window, panel)
    assert window.splitter.sizes() == before


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # a floating panel, offscreen
@pytest.mark.parametrize("panel", PANELS)
def test_a_panel_made_to_float_once_open_gives_the_widths_back_at_its_close(
    qtbot: QtBot, laptop_window: MainWindow, panel: str
) -> None:
    window = laptop_window
    splitter = window.splitter
    dock = panel_dock(window, panel)
    before = splitter.sizes()
    toggle_panel(qtbot, window, panel)
    dock.setFloating(True)
    qtbot.waitUntil(dock.isFloating)
    toggle_panel(qtbot, window, panel)
    after = splitter.sizes()
    assert near(after[0], before[0]) and near(after[2], before[2]), (before, after)


@pytest.mark.parametrize("panel", PANELS)
def test_after_a_resize_the_panes_are_shared_keeping_what_fits(
    qtbot: QtBot, laptop_window: MainWindow, panel: str
) -> None:
    """The window narrowed with the panel open: the widths from before may not fit, and are
    shared as the window shares them (`MainWindow.share_panes`), not left as the panel left them."""
    window = laptop_window
    splitter = window.splitter
    before = splitter.sizes()
    toggle_panel(qtbot, window, panel)
    narrow_to(qtbot, window, 1100)
    opened = splitter.sizes()
    toggle_panel(qtbot, window, panel)
    after = splitter.sizes()
    assert after[0] > opened[0] and after[2] > opened[2], (before, opened, after)
    assert after[0] <= before[0] and after[2] <= before[2], (before, opened, after)
    window.share_panes(kept=(before[0], before[2]))  # what it is, shared again
    assert splitter.sizes() == after


def start_active(qtbot: QtBot, project_path: Path) -> MainWindow:
    """A start on the project, as the program makes it (the Suggestions panel open at the last
    close opens again), the window active for F9."""
    window = start(qtbot, project_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.wait(20)
    return window


def reopen_with_panel(qtbot: QtBot, project_path: Path) -> MainWindow:
    """The next start, which opens again the Suggestions panel left open at close."""
    window = start_active(qtbot, project_path)
    qtbot.waitUntil(window.suggestions.dock.isVisible)
    qtbot.wait(50)  # the panes shared beside it
    return window


def closed_panel_widths(qtbot: QtBot, project_path: Path) -> list[int]:
    """The panes' widths once the panel the start opened again is closed (F9)."""
    window = reopen_with_panel(qtbot, project_path)
    try:
        toggle_panel(qtbot, window, "suggestions")
        return window.splitter.sizes()
    finally:
        window.close()


def test_the_panel_open_at_close_gives_back_the_widths_from_before_it_after_a_restart(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone who keeps the panel open closes the window with it open: the list stayed 165 px,
    its Source hidden, once they closed the panel at a later start."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = start_active(qtbot, project_path)
    before, columns = window.splitter.sizes(), shown_columns(window)
    toggle_panel(qtbot, window, "suggestions")
    opened = window.splitter.sizes()
    assert opened[0] < before[0] and opened[2] < before[2], (before, opened)
    window.close()  # with the panel open
    window = reopen_with_panel(qtbot, project_path)
    try:
        reopened = window.splitter.sizes()
        toggle_panel(qtbot, window, "suggestions")
        after = window.splitter.sizes()
        assert near(after[0], before[0]) and near(after[2], before[2]), (before, opened, reopened, after)
        assert shown_columns(window) == columns  # Source is back
    finally:
        window.close()


def test_no_widths_are_kept_when_no_panel_is_open_at_close(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = start_active(qtbot, project_path)
    toggle_panel(qtbot, window, "suggestions")
    window.close()
    assert panes_before_panel() is not None  # kept with the panel open
    window = reopen_with_panel(qtbot, project_path)
    toggle_panel(qtbot, window, "suggestions")
    window.close()
    assert not set(PANES_BEFORE_PANEL) & set(window_settings().allKeys())


@pytest.mark.parametrize(
    ("key", "stored"),
    [
        ("listWidthBeforePanel", "-290"),
        ("listWidthBeforePanel", "99999999999"),
        ("claimsWidthBeforePanel", "wide"),
        ("claimsWidthBeforePanel", "330.5"),
        ("windowWidthBeforePanel", "0"),
        ("windowWidthBeforePanel", ["1311", "1311"]),
        ("textSizeBeforePanel", "9" * 5000),
    ],
)
def test_hand_edited_widths_from_before_the_panel_are_left_out(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, stored: object
) -> None:
    """The file may be hand-edited or damaged: the panel's close at the next start then does
    what it does with no widths kept."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = start_active(qtbot, project_path)
    toggle_panel(qtbot, window, "suggestions")
    window.close()
    ini = paths.config_dir() / "window.ini"
    at_close = ini.read_bytes()
    settings = window_settings()
    for each in PANES_BEFORE_PANEL:
        settings.remove(each)
    settings.sync()
    without = closed_panel_widths(qtbot, project_path)
    ini.write_bytes(at_close)
    settings = window_settings()
    settings.setValue(key, stored)
    settings.sync()
    assert panes_before_panel() is None
    hand_edited = closed_panel_widths(qtbot, project_path)
    assert all(near(one, other) for one, other in zip(hand_edited, without, strict=True)), (
        without,
        hand_edited,
    )


def test_widths_kept_for_another_window_width_are_shared_keeping_what_fits(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept beside a wider window (a laptop taken off its monitor): they may not fit, and are
    shared as the window shares them (`MainWindow.share_panes`), as in the run they were kept in."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = start_active(qtbot, project_path)
    toggle_panel(qtbot, window, "suggestions")
    window.close()
    kept = panes_before_panel()
    assert kept is not None
    settings = window_settings()
    settings.setValue("windowWidthBeforePanel", kept.window_width + 600)
    settings.sync()
    window = reopen_with_panel(qtbot, project_path)
    try:
        toggle_panel(qtbot, window, "suggestions")
        after = window.splitter.sizes()
        window.share_panes(kept=(kept.listed, kept.claims))  # what it is, shared again
        assert window.splitter.sizes() == after
    finally:
        window.close()


def drag_panel_edge(qtbot: QtBot, window: MainWindow, dock: QDockWidget, by: int) -> None:
    """Drag the edge between the text and the docked panel `by` pixels left, as a mouse does.

    The window moves its separator on a timer after each move: the drag waits for it, step by step.
    """
    edge = QPoint((window.centralWidget().geometry().right() + dock.geometry().left()) // 2, dock.y() + 40)
    qtbot.mouseMove(window, edge)
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=edge)
    for step in range(1, 11):
        qtbot.mouseMove(window, edge - QPoint(by * step // 10, 0))
        qtbot.wait(10)
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=edge - QPoint(by, 0))
    qtbot.wait(20)


@pytest.mark.parametrize("dragged", ["the list's handle", "the panel's edge"])
def test_the_panes_beside_the_panel_open_at_close_come_back_as_they_were_left(
    qtbot: QtBot, project_path: Path, dragged: str
) -> None:
    """A wider list beside the panel (its Source column shown), or a wider panel at the text's
    expense: at the next start the panel opened again and the window shared the panes anew,
    the list narrowed from 495 px to 357 and the claims from 326 to 246 on a 1400 px window."""
    window = start_active(qtbot, project_path)
    toggle_panel(qtbot, window, "suggestions")
    if dragged == "the list's handle":
        drag_handle(window, window.splitter.sizes()[0] + 150)
    else:
        drag_panel_edge(qtbot, window, window.suggestions.dock, 200)
    qtbot.wait(20)
    left, panel = window.splitter.sizes(), window.suggestions.dock.width()
    window.close()  # with the panel open
    window = reopen_with_panel(qtbot, project_path)
    try:
        assert near(window.suggestions.dock.width(), panel), (panel, window.suggestions.dock.width())
        reopened = window.splitter.sizes()
        assert all(near(one, other) for one, other in zip(reopened, left, strict=True)), (left, reopened)
    finally:
        window.close()


@pytest.mark.parametrize("panel", PANELS)
def test_a_panel_dragged_wider_opens_again_at_that_width(
    qtbot: QtBot, project_path: Path, panel: str
) -> None:
    """Closed (F9, View ▸ Guidelines) and opened again, a panel the person had dragged wider came
    back at its share of the window: 464 px went back to 350 on a 1400 px window."""
    window = start_active(qtbot, project_path)
    try:
        toggle_panel(qtbot, window, panel)
        dock = panel_dock(window, panel)
        first = dock.width()
        drag_panel_edge(qtbot, window, dock, 200)
        dragged = dock.width()
        assert dragged - first >= 150, (first, dragged)
        toggle_panel(qtbot, window, panel)
        toggle_panel(qtbot, window, panel)
        assert near(dock.width(), dragged), (first, dragged, dock.width())
    finally:
        window.close()
