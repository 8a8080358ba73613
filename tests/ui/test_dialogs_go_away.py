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
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.services.merging import merge_files
from annotator.services.project import open_project
from annotator.ui.import_report import ImportOutcome, Rejected, show_import_report
from annotator.ui.main_window import MainWindow
from tests.services.team_data import build_annotator_projects
from tests.ui.conftest import make_project, open_window, select_words

# Offscreen, a dialog's size hints (the quotation's completion list, the sized dialogs) are not passed on.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

OPENINGS = 3
"""Openings measured after a first one, which builds what the window keeps (features, caches)."""

TEXT = (
    'Maria Lopez, the mayor, said: "Taxes rise again." Tom Baker disagreed and called the plan '
    '"a scandal". The council met on Monday in Springfield to vote on the budget for next year.'
)


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


def _shown_dialogs() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()}


def open_and_close(qtbot: QtBot, window: MainWindow, opener: Callable[[MainWindow], object]) -> None:
    """Open a dialog as the window does, wait for what it reads in the background, close it."""
    before = _shown_dialogs()
    opener(window)
    qtbot.waitUntil(lambda: bool(_shown_dialogs() - before), timeout=10_000)
    (dialog,) = _shown_dialogs() - before
    qtbot.waitUntil(lambda: not getattr(dialog, "loading", False), timeout=20_000)
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()
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


def _trigger(action_id: str) -> Callable[[MainWindow], object]:
    return lambda window: window.registry[action_id].trigger()


def _note(window: MainWindow) -> None:
    window.view.scroll_to(TEXT.index("Taxes") + 1)
    window.registry["note"].trigger()


def _quotation(window: MainWindow) -> None:
    window.view.scroll_to(TEXT.index('"a scandal"') + 2)
    window.registry["correct_quote"].trigger()


def _entity_type(window: MainWindow) -> None:
    start = TEXT.index("council")
    window.view.select_span(start, start + len("council"))
    window.registry["accept_entity"].trigger()


def _import_report(window: MainWindow) -> None:
    outcome = ImportOutcome(
        0, 1, rejected=(Rejected("/nowhere/a.pdf", None, "not a text file"),), rejected_count=1
    )
    show_import_report(window, outcome)


def _change_name(window: MainWindow) -> None:
    window.ask_name()


DIALOGS: dict[str, Callable[[MainWindow], object]] = {
    "note": _note,
    "quotation": _quotation,
    "entity type": _entity_type,
    "entity decisions": _trigger("entity_decisions"),
    "release": _trigger("release"),
    "pipeline": _trigger("pipeline_choice"),
    "preferences": _trigger("preferences"),
    "backups": _trigger("backups"),
    "import report": _import_report,
    "shortcuts": _trigger("shortcuts"),
    "about": _trigger("about"),
    "train": _trigger("train_suggestions"),
    "change name": _change_name,
}
TEAM_DIALOGS: dict[str, Callable[[MainWindow], object]] = {
    "review": _trigger("review"),
    "statistics": _trigger("statistics"),
}


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A window on an article with a claim of the tester's (for the note), a quotation, and
    entity mode on (for the entity type)."""
    win = open_window(qtbot, make_project(tmp_path / "one.annotator.db", [("Taxes", TEXT)]))
    select_words(qtbot, win, TEXT.index("Taxes"), 3)
    win.registry["label_factual"].trigger()
    win.registry["entity_mode"].trigger()
    yield win
    win.close()


@pytest.fixture
def team_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A team file of three annotators' projects, with disagreements to review, opened by dana."""
    path = tmp_path / "team.annotator.db"
    with open_project(path) as project:
        merge_files(project, build_annotator_projects(tmp_path / "people"))
    win = open_window(qtbot, path, annotator="dana")
    yield win
    win.close()


@pytest.mark.parametrize("name", DIALOGS)
def test_a_closed_dialog_leaves_nothing_alive(qtbot: QtBot, window: MainWindow, name: str) -> None:
    assert growth(qtbot, window, DIALOGS[name], OPENINGS) == Live(0, 0)


@pytest.mark.parametrize("name", TEAM_DIALOGS)
def test_a_closed_team_dialog_leaves_nothing_alive(qtbot: QtBot, team_window: MainWindow, name: str) -> None:
    assert growth(qtbot, team_window, TEAM_DIALOGS[name], OPENINGS) == Live(0, 0)
