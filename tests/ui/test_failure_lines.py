"""A panel's or dialog's line that puts the window's words before an error's is one sentence.

"Could not compute the statistics: {0}" and its like ended without a stop when the error was
the command line's ("cannot read p.db"), and with one when it was a sentence already: each
line is now said with exactly one stop, whichever it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

import annotator.services.backups as backups_module
import annotator.ui.dashboard as dashboard_module
import annotator.ui.decisions_dialog as decisions_module
import annotator.ui.review as review_module
import annotator.ui.suggestions as suggestions_module
from annotator.core.errors import AnnotatorError
from annotator.services.project import Project, open_project
from annotator.ui.daily_backup import DailyBackup
from annotator.ui.dashboard import Dashboard
from annotator.ui.decisions_dialog import DecisionsDialog
from annotator.ui.review import ReviewDialog
from annotator.ui.suggestions import SuggestionPanel, TrainDialog
from annotator.ui.team_tasks import compute_in_background

Raise = Callable[..., Any]
Shown = Callable[[QtBot, Project, pytest.MonkeyPatch, Raise], str]
"""Makes one panel's read fail with `raise_` in place of its service call; the line it shows."""


def _dashboard(qtbot: QtBot, project: Project, monkeypatch: pytest.MonkeyPatch, raise_: Raise) -> str:
    monkeypatch.setattr(dashboard_module, "team_stats", raise_)
    dashboard = Dashboard(project)
    qtbot.addWidget(dashboard)
    qtbot.waitUntil(lambda: "Could not compute" in dashboard.summary.text(), timeout=10_000)
    return dashboard.summary.text()


def _review(qtbot: QtBot, project: Project, monkeypatch: pytest.MonkeyPatch, raise_: Raise) -> str:
    monkeypatch.setattr(review_module, "review_items", raise_)
    dialog = ReviewDialog(project, reviewer="dana")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "Could not find" in dialog.gold_label.text(), timeout=10_000)
    return dialog.gold_label.text()


def _train_count(qtbot: QtBot, project: Project, monkeypatch: pytest.MonkeyPatch, raise_: Raise) -> str:
    monkeypatch.setattr(suggestions_module, "training_readiness", raise_)
    pool = QThreadPool()
    dialog = TrainDialog(project.path, pool)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "could not be counted" in dialog.readiness.text(), timeout=10_000)
    pool.waitForDone()
    return dialog.readiness.text()


def _suggestion_panel(qtbot: QtBot, project: Project, monkeypatch: pytest.MonkeyPatch, raise_: Raise) -> str:
    monkeypatch.setattr(suggestions_module, "suggestion_queue_rows", raise_)
    panel = SuggestionPanel(lambda: project)
    qtbot.addWidget(panel)
    panel.reload()
    qtbot.waitUntil(lambda: "could not be read" in panel.summary.text(), timeout=10_000)
    return panel.summary.text()


def _decisions(qtbot: QtBot, project: Project, monkeypatch: pytest.MonkeyPatch, raise_: Raise) -> str:
    """As Team ▸ Entity Decisions… asks for the list (`EntityMode.show_decisions`)."""
    monkeypatch.setattr(decisions_module, "read_decisions", raise_)
    dialog = DecisionsDialog(None)
    qtbot.addWidget(dialog)
    compute_in_background(
        project,
        decisions_module.read_decisions,
        dialog.show_names,
        dialog.show_failure,
        name="entity decisions",
    )
    qtbot.waitUntil(lambda: "could not be read" in dialog.intro.text(), timeout=10_000)
    return dialog.intro.text()


def _daily_backup(qtbot: QtBot, project: Project, monkeypatch: pytest.MonkeyPatch, raise_: Raise) -> str:
    monkeypatch.setattr(backups_module, "back_up_if_due", raise_)
    backup = DailyBackup()
    backup.start(project.path)
    with qtbot.waitSignal(backup.failed, timeout=10_000) as said:
        backup.back_up_now()
    backup.stop()
    return str(said.args[0])


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with open_project(tmp_path / "p.annotator.db") as opened:
        yield opened


@pytest.mark.parametrize(
    "message",
    [
        "cannot read p.annotator.db",  # the command line's words: no capital, no stop
        "The disk is full. Free some space, then try again.",  # a sentence already
    ],
)
@pytest.mark.parametrize(
    "shown",
    [_dashboard, _review, _train_count, _suggestion_panel, _decisions, _daily_backup],
    ids=lambda shown: shown.__name__.strip("_"),
)
def test_a_line_before_an_error_ends_in_one_full_stop(
    qtbot: QtBot, project: Project, monkeypatch: pytest.MonkeyPatch, shown: Shown, message: str
) -> None:
    def raise_(*_args: Any, **_kwargs: Any) -> Any:
        raise AnnotatorError(message)

    text = shown(qtbot, project, monkeypatch, raise_)
    assert message.rstrip(".") in text
    assert text.endswith(".") and not text.endswith("..") and ".." not in text, text
