"""Long work off the UI thread: QRunnables that report through signals.

Workers never touch widgets, and long work never uses the window's connection
(SQLite connections belong to one thread). Import, pre-annotation, export and
training run in a child process (`ui.subprocess_work`, spaCy holds the GIL too
long for a thread); the pool thread only waits for it and relays progress. Merge
and the dashboard's and the review's figures run in the pool thread itself, each
on its *own* `open_project` connection (`ui.team_tasks`, `ui.team_menu`).
SQLite's WAL and busy timeout serialise those connections with the window's, so
labelling goes on meanwhile; the window refreshes from the store when the worker
reports it has finished.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Signal, SignalInstance

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui.error_text import ErrorText, explain

log = logging.getLogger(__name__)


Work = Callable[[ProgressFn, CancelFn], Any]
"""`work(progress, cancel)`: what a `Task` runs in a pool thread."""


class TaskSignals(QObject):
    started = Signal()  # the pool has begun the work: it waited for no other from then on
    progress = Signal(int, int, str)  # done, total, message
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # always last, whatever happened


class Task(QRunnable):
    """Runs `work(progress, cancel)` in the thread pool.

    Progress is throttled to about 20 signals a second, so a fast loop over
    thousands of items cannot flood the UI thread's event queue.
    """

    def __init__(self, work: Work, *, name: str = "task") -> None:
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it until `finished`
        self.signals = TaskSignals()
        self.name = name
        self._work = work
        self._cancel = threading.Event()
        self._last_progress = 0.0
        self.failure: ErrorText | None = None
        """What a message box says of the failure, set before `failed` is emitted: the signal
        carries its plain words, this their details too."""

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int = 0, message: str = "", /) -> None:
        now = time.monotonic()
        if done < total and now - self._last_progress < 0.05:
            return
        self._last_progress = now
        self._emit(self.signals.progress, int(done), int(total), str(message))

    def _emit(self, signal: SignalInstance, *args: object) -> None:
        """Emit, unless the signals object is gone: then nobody is left to tell, and it ends quietly.

        The signals object is a QObject Python owns, and when the app quits PySide deletes every
        such object before it waits for the pool; a task still running (a backup, a search, a
        team figure in the global pool) then emitted on a deleted object, and the console showed
        "Signal source has been deleted" with a traceback. PySide checks the object before it
        emits, so the check here is only to stay silent; the RuntimeError covers its deletion
        between the two.
        """
        if not shiboken6.isValid(self.signals):
            return
        try:
            signal.emit(*args)
        except RuntimeError:
            if shiboken6.isValid(self.signals):
                raise  # another fault: not ours to hide

    def run(self) -> None:
        signals = self.signals
        self._emit(signals.started)
        try:
            result = self._work(self._progress, self.is_cancelled)
        except Cancelled:
            self._emit(signals.cancelled)
        except AnnotatorError as exc:
            log.warning("%s failed: %s", self.name, exc)
            self.failure = explain(exc)
            # The plain words: a dashboard, a panel or the status bar shows the line as it comes,
            # and the log (above) keeps the table and row a refused file's line spoke of.
            self._emit(signals.failed, self.failure.text)
        except Exception as exc:  # a bug: the traceback goes to the log, a line to the user
            log.exception("%s crashed", self.name)
            from annotator.ui.bugs import bug_message, bug_text

            kind = getattr(exc, "kind", None) or type(exc).__name__  # a child's own kind
            self.failure = bug_text(kind)
            self._emit(signals.failed, bug_message(kind))
        else:
            if self._cancel.is_set():
                self._emit(signals.cancelled)
            else:
                self._emit(signals.succeeded, result)
        finally:
            self._emit(signals.finished)
