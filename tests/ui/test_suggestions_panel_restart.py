"""The Suggestions panel open at close opens again at the next start, and F9 opens and closes it.

Someone who works from the panel opened it by mouse at every start. Whether it was open is kept
in window.ini beside the window's layout; it opens once the window has painted, not on the
first paint's path (`ui.two_step_start`), and only over a project the start opened.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
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


def test_the_panel_closed_before_the_close_stays_closed(qtbot: QtBot, project_path: Path) -> None:
    window = start(qtbot, project_path)
    open_panel(qtbot, window)
    window.registry["suggestions_panel"].trigger()
    qtbot.waitUntil(lambda: not window.suggestions.dock.isVisible())
    window.close()
    window = start(qtbot, project_path)
    try:
        qtbot.wait(50)
        assert not window.suggestions.dock.isVisible()
        assert not window.registry["suggestions_panel"].isChecked()
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
