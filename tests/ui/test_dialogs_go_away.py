"""Every dialog the window opens is gone once it is closed: neither its C++ widgets nor its
Python wrapper outlive it. A day's session opens hundreds of them; one kept per opening is a
leak that grows all day, and a dialog kept alive by a lambda connected inside it (a cycle
through C++ the collector cannot see) was also, where Python alone owned it, freed at random
from inside another object's destructor (see `tests/ui/test_qt_object_lifetimes.py`)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from tests.ui.dialog_openers import DIALOGS, TEAM_DIALOGS, dialog_window, open_dialog, team_dialog_window

# Offscreen, a dialog's size hints (the quotation's completion list, the sized dialogs) are not passed on.
pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support"),
    pytest.mark.slow,
]  # minutes: out of CI

OPENINGS = 3
"""Openings measured after a first one, which builds what the window keeps (features, caches)."""


@dataclass(frozen=True)
class Live:
    """What is alive after deferred deletions and a collection."""

    widgets: int
    """C++ widgets (`QApplication.allWidgets()`)."""
    ours: int
    """Python objects of the app's own widget classes (a dialog, its panels), alive or of a
    deleted widget: a wrapper kept holds everything its attributes hold (a project, a plan)."""

    def __sub__(self, other: Live) -> Live:
        return Live(self.widgets - other.widgets, self.ours - other.ours)


def settle() -> Live:
    """Run what closing posted (deferred deletions, queued signals), then count what is left."""
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()
    ours = sum(
        1 for o in gc.get_objects() if isinstance(o, QWidget) and type(o).__module__.startswith("annotator.")
    )
    return Live(len(QApplication.allWidgets()), ours)


def open_and_close(qtbot: QtBot, window: MainWindow, opener: Callable[[MainWindow], object]) -> None:
    """Open a dialog as the window does, wait for what it reads in the background, close it."""
    dialog = open_dialog(qtbot, window, opener)
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def growth(qtbot: QtBot, window: MainWindow, opener: Callable[[MainWindow], object], openings: int) -> Live:
    """What each opening and closing leaves alive, on average, after a first one."""
    open_and_close(qtbot, window, opener)
    start = settle()
    for _ in range(openings):
        open_and_close(qtbot, window, opener)
    end = settle()
    left = end - start
    return Live(left.widgets // openings, left.ours // openings)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A window on an article with a claim of the tester's (for the note), a quotation, and
    entity mode on (for the entity type)."""
    win = dialog_window(qtbot, tmp_path)
    yield win
    win.close()


@pytest.fixture
def team_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A team file of three annotators' projects, with disagreements to review, opened by dana."""
    win = team_dialog_window(qtbot, tmp_path)
    yield win
    win.close()


@pytest.mark.parametrize("name", DIALOGS)
def test_a_closed_dialog_leaves_nothing_alive(qtbot: QtBot, window: MainWindow, name: str) -> None:
    assert growth(qtbot, window, DIALOGS[name], OPENINGS) == Live(0, 0)


@pytest.mark.parametrize("name", TEAM_DIALOGS)
def test_a_closed_team_dialog_leaves_nothing_alive(qtbot: QtBot, team_window: MainWindow, name: str) -> None:
    assert growth(qtbot, team_window, TEAM_DIALOGS[name], OPENINGS) == Live(0, 0)
