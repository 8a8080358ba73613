"""Every dialog the window opens, each opened as a person opens it, for the tests that go over
all of them (`test_dialogs_go_away`, `test_dialog_keys`): one list, so a new dialog is added once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.services.merging import merge_files
from annotator.services.project import open_project
from annotator.ui.import_report import ImportOutcome, Rejected, show_import_report
from annotator.ui.main_window import MainWindow
from tests.services.team_data import build_annotator_projects
from tests.ui.conftest import make_project, open_window, select_words

TEXT = (
    'Maria Lopez, the mayor, said: "Taxes rise again." Tom Baker disagreed and called the plan '
    '"a scandal". The council met on Monday in Springfield to vote on the budget for next year.'
)


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
        0,
        1,
        rejected=(Rejected("/nowhere/a.pdf", None, "not a text file"),),
        rejected_count=1,
        report_path="/nowhere/rejected.tsv",  # Open Full Report is there to reach, not opened
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
"""Dialogs opened on `dialog_window`."""

TEAM_DIALOGS: dict[str, Callable[[MainWindow], object]] = {
    "review": _trigger("review"),
    "statistics": _trigger("statistics"),
}
"""Dialogs opened on `team_dialog_window`."""


def dialog_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """A window on an article with a claim of the tester's (for the note), a quotation, and
    entity mode on (for the entity type)."""
    window = open_window(qtbot, make_project(tmp_path / "one.annotator.db", [("Taxes", TEXT)]))
    select_words(qtbot, window, TEXT.index("Taxes"), 3)
    window.registry["label_factual"].trigger()
    window.registry["entity_mode"].trigger()
    return window


def team_dialog_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """A team file of three annotators' projects, with disagreements to review, opened by dana."""
    path = tmp_path / "team.annotator.db"
    with open_project(path) as project:
        merge_files(project, build_annotator_projects(tmp_path / "people"))
    return open_window(qtbot, path, annotator="dana")


def shown_dialogs() -> set[QWidget]:
    return {w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()}


def open_dialog(qtbot: QtBot, window: MainWindow, opener: Callable[[MainWindow], object]) -> QDialog:
    """Open a dialog as the window does and wait for what it reads in the background."""
    before = shown_dialogs()
    opener(window)
    qtbot.waitUntil(lambda: bool(shown_dialogs() - before), timeout=10_000)
    (dialog,) = shown_dialogs() - before
    assert isinstance(dialog, QDialog)
    qtbot.waitUntil(lambda: not getattr(dialog, "loading", False), timeout=20_000)
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()
    return dialog
