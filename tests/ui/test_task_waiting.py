"""Work that waits for other work says so in its progress dialog, until it starts.

Export asked for while a new project's pre-annotation ran waited behind it (one task at a
time), but its dialog said "Exporting…" over the hidden "Pre-annotating… 16%" for minutes,
for a project with no claims at all: nothing told the person what they were waiting for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.ui.task_runner import TaskOptions, TaskRunner


def test_a_task_queued_behind_another_says_what_it_waits_for_until_it_starts(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(
        parent, guard=lambda call: call(), show_error=lambda _t: None, status=lambda *_a: None
    )
    started, release = threading.Event(), threading.Event()

    def slow(_progress: object, _cancelled: Callable[[], bool]) -> object:
        started.set()
        release.wait(10)
        return None

    exported: list[str] = []

    def export(_progress: object, _cancelled: Callable[[], bool]) -> str:
        return "done"

    first = runner.run(slow, "Pre-annotating…", lambda _r: None, TaskOptions(name="pre-annotate"))
    assert started.wait(30)
    first_dialog = runner.progress_dialog
    runner.run(export, "Exporting…", exported.append, TaskOptions(name="export"))
    second_dialog = runner.progress_dialog
    assert isinstance(first_dialog, QProgressDialog) and isinstance(second_dialog, QProgressDialog)
    assert second_dialog is not first_dialog
    assert first_dialog.labelText() == "Pre-annotating…"
    assert second_dialog.labelText() == "Exporting…\nWaiting for pre-annotating to finish first"
    # Once the work ahead is done, the queued work starts and its dialog says only what it does.
    labels_seen: list[str] = []
    runner.tasks[1].signals.started.connect(lambda: labels_seen.append(second_dialog.labelText()))
    release.set()
    qtbot.waitUntil(lambda: exported == ["done"])
    assert labels_seen == ["Exporting…"]
    qtbot.waitUntil(lambda: not runner.busy)
    assert first not in runner.tasks


def test_a_task_cancelled_while_it_waits_never_starts_its_work(qtbot: QtBot) -> None:
    """A pre-annotation stepping aside before its turn came started a child process and loaded
    its model only to stop at once."""
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(
        parent, guard=lambda call: call(), show_error=lambda _t: None, status=lambda *_a: None
    )
    release = threading.Event()
    ran: list[str] = []

    def first(_progress: object, _cancelled: Callable[[], bool]) -> None:
        release.wait(10)

    def second(_progress: object, _cancelled: Callable[[], bool]) -> None:
        ran.append("second")

    runner.run(first, "First…", lambda _r: None, TaskOptions(name="first"))
    waiting = runner.run(second, "Second…", lambda _r: None, TaskOptions(name="second"))
    waiting.cancel()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert ran == []
