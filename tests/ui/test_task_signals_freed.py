"""A finished background task's signals are freed, and only once every slot they owe has run.

PySide keeps each task started on a thread pool as long as the pool (the global one: the whole
session), and each task its `TaskSignals`: one QObject, with every connected slot and what its
lambdas hold, was kept for each review, statistics, preview and export run of a working day.
Freed as soon as the work ended, they were gone before the window's thread had run their
queued slots: a release preview's answer, checked against `sender()`, was then dropped.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, Slot
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui.task_runner import TaskOptions, TaskRunner
from annotator.ui.workers import Task, TaskSignals

TASKS = 20


def live_task_signals() -> int:
    """How many `TaskSignals` still have their Qt object."""
    return sum(1 for obj in gc.get_objects() if isinstance(obj, TaskSignals) and shiboken6.isValid(obj))


def settle(*pools: QThreadPool) -> None:
    """Let the pools' work end and the window's thread run all it was sent, deferred deletions too.

    Explicit, not waited for: on the old code the count never comes down, and a wait would only
    end in a timeout."""
    for pool in pools:
        assert pool.waitForDone(10_000)
    for _ in range(3):  # a queued slot may post more: a release posts the deletion
        QCoreApplication.sendPostedEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _call(call: Callable[[], object]) -> None:
    call()


def _runner(qtbot: QtBot, said: list[str]) -> TaskRunner:
    parent = QWidget()
    qtbot.addWidget(parent)
    return TaskRunner(
        parent,
        guard=_call,
        show_error=lambda _text, **_details: said.append("error"),
        status=lambda text, _ms: said.append(text),
    )


def _succeeds(_progress: ProgressFn, _cancel: CancelFn) -> int:
    return 1


def _fails(_progress: ProgressFn, _cancel: CancelFn) -> int:
    raise AnnotatorError("refused")


def _is_cancelled(_progress: ProgressFn, _cancel: CancelFn) -> int:
    raise Cancelled()


def _crashes(_progress: ProgressFn, _cancel: CancelFn) -> int:
    raise IndexError("a bug")


ENDINGS: list[Callable[[ProgressFn, CancelFn], int]] = [_succeeds, _fails, _is_cancelled, _crashes]


def test_the_window_s_runner_frees_the_signals_of_every_task_it_ran(qtbot: QtBot) -> None:
    said: list[str] = []
    results: list[int] = []
    runner = _runner(qtbot, said)
    settle(QThreadPool.globalInstance())
    before = live_task_signals()
    for number in range(TASKS):
        runner.run(
            ENDINGS[number % len(ENDINGS)], "Working…", results.append, TaskOptions(name=f"work {number}")
        )
        qtbot.waitUntil(lambda: not runner.busy)  # its `finished` delivered: the window is done with it
    settle(runner.pool)
    assert live_task_signals() == before
    assert len(results) == TASKS // len(ENDINGS)  # every ending still said what it had to
    assert said.count("Cancelled") == TASKS // len(ENDINGS)
    assert said.count("error") == 2 * TASKS // len(ENDINGS)  # refused, and a bug


def test_work_on_the_global_pool_frees_its_signals_too(qtbot: QtBot) -> None:
    """Where the review's, the statistics' and the daily backup's tasks run."""
    pool = QThreadPool.globalInstance()
    settle(pool)
    before = live_task_signals()
    ended: list[str] = []
    for number in range(TASKS):
        task = Task(ENDINGS[number % len(ENDINGS)], name="figures")
        task.signals.finished.connect(lambda: ended.append("finished"))
        task.start_in(pool)
    del task
    qtbot.waitUntil(lambda: len(ended) == TASKS)
    settle(pool)
    assert live_task_signals() == before


class Listener(QObject):
    """A dialog's way of hearing a task: methods, one of them asking who sent the signal."""

    def __init__(self) -> None:
        super().__init__()
        self.heard: list[str] = []

    @Slot(object)
    def answer(self, _result: object) -> None:
        self.heard.append("answer" if self.sender() is not None else "answer from nobody")

    @Slot()
    def done(self) -> None:
        self.heard.append("done" if self.sender() is not None else "done from nobody")


def test_every_slot_of_the_last_signals_runs_before_they_are_freed(qtbot: QtBot) -> None:
    """The release preview drops an answer whose sender is not the latest question's: with the
    signals deleted first, `sender()` was None and the preview never filled in. Nor may they go
    while the pool thread is still inside its last emission: the window's thread is held spinning
    its events while it is."""
    pool = QThreadPool()
    listener = Listener()
    late: list[str] = []
    kept_during_emission: list[bool] = []
    before = live_task_signals()
    for _ in range(TASKS):
        in_emission, spun = threading.Event(), threading.Event()

        def hold(in_emission: threading.Event = in_emission, spun: threading.Event = spun) -> None:
            in_emission.set()
            spun.wait(5)

        task = Task(_succeeds, name="preview")
        task.signals.finished.connect(hold, Qt.ConnectionType.DirectConnection)  # in the pool thread
        task.signals.succeeded.connect(listener.answer)
        task.signals.finished.connect(listener.done)
        task.signals.finished.connect(lambda: late.append("lambda"))
        task.start_in(pool)
        assert in_emission.wait(30)
        for _ in range(3):
            QCoreApplication.sendPostedEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        kept_during_emission.append(shiboken6.isValid(task.signals))
        spun.set()
    del task
    settle(pool)
    assert kept_during_emission == [True] * TASKS
    assert sorted(listener.heard) == ["answer"] * TASKS + ["done"] * TASKS
    assert late == ["lambda"] * TASKS
    assert live_task_signals() == before


def test_a_task_cancelled_before_it_started_frees_its_signals(qtbot: QtBot) -> None:
    """Waiting behind other work (one task at a time) and cancelled there."""
    said: list[str] = []
    runner = _runner(qtbot, said)
    started, release = threading.Event(), threading.Event()

    def slow(_progress: ProgressFn, _cancel: CancelFn) -> int:
        started.set()
        release.wait(10)
        return 1

    before = live_task_signals()
    runner.run(slow, "First…", lambda _r: None, TaskOptions(name="first"))
    assert started.wait(30)
    waiting = runner.run(
        _succeeds, "Second…", lambda _r: said.append("second ran"), TaskOptions(name="second")
    )
    waiting.cancel()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    settle(runner.pool)
    assert "Cancelled" in said and "second ran" not in said
    assert live_task_signals() == before


def test_a_task_whose_listener_was_closed_meanwhile_frees_its_signals(qtbot: QtBot) -> None:
    """A dashboard or review closed (and deleted) while its figures were worked out."""
    pool = QThreadPool()
    started, release = threading.Event(), threading.Event()

    def slow(_progress: ProgressFn, _cancel: CancelFn) -> int:
        started.set()
        release.wait(10)
        return 1

    before = live_task_signals()
    listener = Listener()
    task = Task(slow, name="figures")
    task.signals.succeeded.connect(listener.answer)
    task.signals.finished.connect(listener.done)
    task.start_in(pool)
    assert started.wait(30)
    shiboken6.delete(listener)
    release.set()
    settle(pool)
    assert live_task_signals() == before


class Held:
    """What a work function holds: a project the window has since closed, a search's words."""


def test_a_finished_task_lets_go_of_what_its_work_held(qtbot: QtBot) -> None:
    """The pools keep their tasks for good, and a task its work: the article list's and the
    text search's work hold the window's project, kept after it was closed and another opened."""
    pool = QThreadPool.globalInstance()
    held = Held()
    gone = weakref.ref(held)

    def work(_progress: ProgressFn, _cancel: CancelFn, held: Held = held) -> int:
        return 1

    task = Task(work, name="article list")
    ended: list[str] = []
    task.signals.finished.connect(lambda: ended.append("finished"))
    task.start_in(pool)
    qtbot.waitUntil(lambda: bool(ended))
    settle(pool)
    del held, work
    gc.collect()
    assert gone() is None


def live_tasks() -> int:
    """How many `Task` objects Python still has."""
    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, Task))


def test_a_finished_task_is_freed_itself(qtbot: QtBot) -> None:
    """PySide kept each task started with auto-delete off as its pool's child for as long as the
    pool: the global one, the whole session. A working day's searches, figures, lists and exports
    each left one (its event, lock, name and the wrapper of its freed signals).

    Only endings that log nothing: the test's log capture keeps a failure's record, whose
    exception's frames hold the task."""
    endings = [_succeeds, _is_cancelled]
    said: list[str] = []
    runner = _runner(qtbot, said)
    pool = QThreadPool.globalInstance()
    settle(pool, runner.pool)
    before = live_tasks()
    for number in range(TASKS):
        runner.run(
            endings[number % len(endings)], "Working…", lambda _r: None, TaskOptions(name=f"work {number}")
        )
        qtbot.waitUntil(lambda: not runner.busy)
    ended: list[str] = []
    for number in range(TASKS):
        task = Task(endings[number % len(endings)], name="figures")
        task.signals.finished.connect(lambda: ended.append("finished"))
        task.start_in(pool)
    del task
    qtbot.waitUntil(lambda: len(ended) == TASKS)
    settle(pool, runner.pool)
    assert live_tasks() == before
