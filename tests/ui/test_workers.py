"""A background task that ends after its window (or the whole app) is gone ends quietly."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui.workers import Task

ROOT = Path(__file__).resolve().parents[2]


def test_a_task_whose_signals_were_deleted_meanwhile_ends_quietly(
    qtbot: QtBot, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """When the app quits, PySide deletes every QObject Python owns, a running task's signals
    too, before it waits for the pool; the task then emitted on the deleted object and the
    console showed "Signal source has been deleted" twice, with a traceback."""
    started, release = threading.Event(), threading.Event()

    def slow(progress: ProgressFn, _cancel: CancelFn) -> int:
        started.set()
        release.wait(30)
        progress(1, 2, "half way")
        return 42

    task = Task(slow, name="slow")
    pool = QThreadPool()
    task.start_in(pool)
    assert started.wait(30)
    shiboken6.delete(task.signals)  # what PySide's teardown does to it when the app quits
    release.set()
    assert pool.waitForDone(30_000)
    err = capfd.readouterr().err
    assert "Signal source has been deleted" not in err and "Traceback" not in err
    assert not [r for r in caplog.records if r.name == "annotator.ui.workers"]  # no "crashed"


def test_a_task_still_running_when_the_window_closes_ends_quietly() -> None:
    """The app as a person meets it: the window closed while a copy runs in the pool, and
    the process exits when it is done, with nothing on the console."""
    script = textwrap.dedent(
        """
        import time
        from PySide6.QtCore import QThreadPool, QTimer
        from PySide6.QtWidgets import QApplication, QWidget
        from annotator.ui.workers import Task

        app = QApplication([])
        window = QWidget()
        window.show()
        window.task = Task(lambda progress, cancel: time.sleep(0.5) or 42, name="slow")
        window.task.signals.succeeded.connect(window.close)
        window.task.start_in(QThreadPool.globalInstance())
        QTimer.singleShot(50, window.close)
        QTimer.singleShot(60, app.quit)
        raise SystemExit(app.exec())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert "Signal source has been deleted" not in done.stderr and "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (IndexError("[E040] Attempt to access token at 417, max length 417."), "IndexError"),
        (None, "IndexError"),  # the same bug in the child process, relayed
    ],
    ids=["in the pool", "in a child process"],
)
def test_a_bug_in_background_work_is_said_as_in_the_window(
    qtbot: QtBot, error: Exception | None, kind: str
) -> None:
    """A pre-annotation crash showed "RuntimeError: IndexError: [E040] Attempt to access token
    at 417, max length 417." in an error box: spaCy's words, and the wrong kind, where a bug in
    the window's own actions names its kind and the log that holds the traceback."""
    from annotator.ui.bugs import bug_message
    from annotator.ui.subprocess_work import ChildCrashError

    raised = error if error is not None else ChildCrashError("IndexError: [E040] Attempt to access token")

    def buggy(_progress: ProgressFn, _cancel: CancelFn) -> int:
        raise raised

    task = Task(buggy, name="pre-annotation")
    said: list[str] = []
    task.signals.failed.connect(said.append)
    pool = QThreadPool()
    task.start_in(pool)
    assert pool.waitForDone(30_000)
    qtbot.waitUntil(lambda: bool(said))
    assert said == [bug_message(kind)]
    assert "E040" not in said[0]


def test_a_refused_file_in_background_work_is_said_in_plain_words(qtbot: QtBot) -> None:
    """A dashboard or a panel reading a damaged file showed "…: claims row 7: …", the line the
    command line prints; the task's failure keeps it as the details of a message box."""
    from annotator.core.errors import DamagedProjectError

    def refused(_progress: ProgressFn, _cancel: CancelFn) -> int:
        raise DamagedProjectError("/work/p.db", "claims row 7: label 'x' is not a label")

    task = Task(refused, name="statistics")
    said: list[str] = []
    task.signals.failed.connect(said.append)
    pool = QThreadPool()
    task.start_in(pool)
    assert pool.waitForDone(30_000)
    qtbot.waitUntil(lambda: bool(said))
    assert said[0].startswith("/work/p.db is damaged") and "row" not in said[0]
    assert task.failure is not None and task.failure.text == said[0]
    assert task.failure.details == "/work/p.db: claims row 7: label 'x' is not a label"
