"""Work the window cancels itself (a project closed or switched) ends without a word."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from annotator.ui.task_runner import TaskOptions, TaskRunner


def _runner(qtbot: QtBot, said: list[str]) -> TaskRunner:
    parent = QWidget()
    qtbot.addWidget(parent)
    return TaskRunner(
        parent, guard=lambda call: None, show_error=said.append, status=lambda text, _ms: said.append(text)
    )


def _waits_for_cancel(started: threading.Event) -> Callable[..., object]:
    def work(_progress: object, cancelled: Callable[[], bool]) -> object:
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        return None

    return work


def test_work_cancelled_by_the_window_does_not_say_cancelled_over_the_next_message(qtbot: QtBot) -> None:
    """Restoring a backup opened the new project and said "…that project is unchanged"; the old
    project's pre-annotation, cancelled by the switch, then put "Cancelled" over it."""
    said: list[str] = []
    runner = _runner(qtbot, said)
    started = threading.Event()
    task = runner.run(_waits_for_cancel(started), "Working", lambda _r: None, TaskOptions(name="work"))
    assert started.wait(30)
    finished: list[bool] = []
    task.signals.finished.connect(lambda: finished.append(True))
    runner.cancel_all()
    said.append("the next project's message")
    qtbot.waitUntil(lambda: bool(finished))
    assert said[-1] == "the next project's message"
    assert "Cancelled" not in said


def test_a_tasks_own_cancel_words_stay_long_enough_to_be_read(qtbot: QtBot) -> None:
    """A merge's "Merge cancelled: team.db is as it was" went after the 4 s of a bare "Cancelled"."""
    said: list[tuple[str, int]] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(
        parent,
        guard=lambda call: None,
        show_error=lambda *_a, **_k: None,
        status=lambda t, ms: said.append((t, ms)),
    )
    for words in ("Merge cancelled: team.db is as it was", ""):
        started = threading.Event()
        task = runner.run(
            _waits_for_cancel(started),
            "Working",
            lambda _r: None,
            TaskOptions(name="w", cancelled_words=words),
        )
        assert started.wait(30)
        ended: list[bool] = []
        task.signals.finished.connect(lambda ended=ended: ended.append(True))
        task.cancel()
        qtbot.waitUntil(lambda ended=ended: bool(ended), timeout=30_000)
    assert said[0] == ("Merge cancelled: team.db is as it was", 10000)
    assert said[1] == ("Cancelled", 4000)
