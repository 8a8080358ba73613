"""Work that ends before `run` returns still reaches the callbacks given to it.

A task starts in the pool as soon as it is queued; work that fails or stops at once (a
cancelled pre-annotation, a copy refused at its first check) emits before the caller's next
line, and a slot connected then is never called. These tests run the work at once in the
asking thread, so the order is the one that lost the signal, every time.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui import services_bridge as bridge
from annotator.ui.main_window import MainWindow
from annotator.ui.task_runner import TaskOptions, TaskRunner
from annotator.ui.workers import Task, Work


@pytest.fixture
def at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tasks run in the asking thread before `start_in` returns: the earliest any work can end."""

    def start_in(task: Task, _pool: QThreadPool) -> None:
        task.run()

    monkeypatch.setattr(Task, "start_in", start_in)


def _runner(qtbot: QtBot) -> TaskRunner:
    parent = QWidget()
    qtbot.addWidget(parent)
    return TaskRunner(
        parent, guard=lambda call: call(), show_error=lambda *_a, **_k: None, status=lambda *_a: None
    )


def _raising(error: Exception) -> Work:
    def work(_progress: ProgressFn, _cancel: CancelFn) -> object:
        raise error

    return work


@pytest.mark.parametrize("error", [Cancelled("stopped"), AnnotatorError("refused")])
def test_work_that_stops_at_once_is_heard_as_stopped_and_ended(
    qtbot: QtBot, at_once: None, error: Exception
) -> None:
    heard: list[str] = []
    _runner(qtbot).run(
        _raising(error),
        "Working",
        lambda _r: heard.append("succeeded"),
        TaskOptions(
            name="work", on_stopped=lambda: heard.append("stopped"), on_ended=lambda: heard.append("ended")
        ),
    )
    assert heard == ["stopped", "ended"]


def test_work_that_succeeds_at_once_is_ended_but_not_stopped(qtbot: QtBot, at_once: None) -> None:
    heard: list[str] = []

    def work(_progress: ProgressFn, _cancel: CancelFn) -> object:
        return "done"

    _runner(qtbot).run(
        work,
        "Working",
        lambda result: heard.append(result),
        TaskOptions(
            name="work", on_stopped=lambda: heard.append("stopped"), on_ended=lambda: heard.append("ended")
        ),
    )
    assert heard == ["done", "ended"]


def test_a_preannotation_cancelled_at_once_tells_the_suggestions_panel(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI's run once lost the race: the cancelled run's signal came before the window connected
    to it, and the Suggestions panel kept listing candidates the run had replaced."""
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    told: list[bool] = []
    window.events.preannotated.connect(lambda: told.append(True))

    def work(_project_path: object, _ids: object, _keep: object = frozenset()) -> Work:
        return _raising(Cancelled("cancelled after the first batch"))

    monkeypatch.setattr(bridge, "preannotate_available", lambda: True)
    monkeypatch.setattr(bridge, "preannotate_work", work)
    monkeypatch.setattr(Task, "start_in", lambda task, _pool: task.run())
    window.transfers.preannotate(None)
    qtbot.waitUntil(lambda: not window.busy, timeout=30_000)
    assert told == [True]
