"""Long work off the UI thread: tasks run in a thread pool that report through signals.

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
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QMetaObject, QObject, Qt, QThreadPool, Signal, SignalInstance, Slot

from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui.error_text import ErrorText, explain

log = logging.getLogger(__name__)


Result = TypeVar("Result")

WorkReturning = Callable[[ProgressFn, CancelFn], Result]
"""Work whose result is known: `TaskRunner.run` checks its success slot takes what it returns."""

Work = WorkReturning[object]
"""`work(progress, cancel)`: what a `Task` runs in a pool thread. Its result only goes on to a signal
that carries any object; `WorkReturning` is where a result is checked against its slot."""


_UNRELEASED: dict[TaskSignals, Task] = {}
"""Tasks whose work has ended and whose signals' slots may not all have run, by their signals:
held here until then, so the signals' lifetime does not hang on the pool's hold on the task
(which ends once `run` has returned, in the pool thread), and a pool thread can never drop the
last name and delete a QObject of the window's thread."""


class TaskSignals(QObject):
    """What a task tells the thread it was made on; freed once that thread has heard it all.

    PySide kept every task started on a pool as long as the pool (see `Task`), which for the
    global pool is the whole session: each review, statistics, preview and export run kept its
    signals, and with them every connected slot and what its lambdas hold. They cannot go as
    soon as the work ends: the slots run later, queued on the window's thread, and a slot whose
    sender is gone is never called (a lambda's) or finds `sender()` None (the release preview
    then dropped its answer).
    """

    started = Signal()  # the pool has begun the work: it waited for no other from then on
    progress = Signal(int, int, str)  # done, total, message
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # always last, whatever happened

    def release_when_heard(self, task: Task) -> None:
        """Called by the pool thread once its last emission has returned: free this object after
        every slot it queued.

        The thread this object lives on runs its posted events in order, and every slot of the
        task's signals was queued before this call is: the release runs after the last of them,
        and `sender()` still names this object in each. It is asked for once the emission has
        returned, not by a slot connected to `finished`, which can run on the window's thread
        while the pool thread is still inside that emission, touching the object.
        """
        _UNRELEASED[self] = task
        QMetaObject.invokeMethod(self, "_release", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _release(self) -> None:
        """`deleteLater` first: it hands the object to Qt, so dropping its last Python name here
        cannot delete it inside its own slot; Qt deletes it once this event is done."""
        self.deleteLater()
        task = _UNRELEASED.pop(self, None)
        if task is not None:
            task.let_go_of_work()


def _ran(_progress: ProgressFn, _cancel: CancelFn) -> None:
    """What a task holds once its work has run and been let go of: nothing."""


class Task:
    """Runs `work(progress, cancel)` in a thread pool (`start_in`).

    Progress is throttled to about 20 signals a second, so a fast loop over
    thousands of items cannot flood the UI thread's event queue.

    Not a QRunnable: PySide kept every QRunnable started on a pool as the pool's child for as
    long as the pool (with auto-delete off), the global one for the whole session, and a
    working day's searches, figures, lists and exports left one task each (its event, lock,
    name and the wrapper of its freed signals), about 60 every 100 edits; with auto-delete on,
    a task that ended before `start` had returned was made the pool's child after its deletion,
    kept the same way. A pool holds the callable it is given only until it has been called.
    """

    def __init__(
        self, work: Work, *, name: str = "task", result_stands: bool | Callable[[Any], bool] = False
    ) -> None:
        """`result_stands`: work that returns has done what it does (a merge has committed), so a
        Cancel that came too late to stop it is not said as a cancel: its result is delivered.
        A callable says so of the result it is given (a pre-annotation that did every article)."""
        self.signals = TaskSignals()
        self.name = name
        self.result_stands = result_stands
        self._work = work
        self._cancel = threading.Event()
        self._last_progress = 0.0
        self.failure: ErrorText | None = None
        """What a message box says of the failure, set before `failed` is emitted: the signal
        carries its plain words, this their details too."""

    def start_in(self, pool: QThreadPool) -> None:
        """Queue the work on `pool`, which holds the task until `run` has returned.

        The task may then end in the pool thread: by then it holds nothing of the window's
        (`TaskSignals._release` has dropped the work and handed the signals to Qt on the
        window's thread, or holds the task until it does).
        """
        pool.start(self.run)

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
            if self._cancel.is_set():
                # Cancelled while it waited its turn: a pre-annotation that stepped aside for
                # a merge started a child process and loaded its model only to stop at once.
                raise Cancelled("cancelled before it started")
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
            if self._cancel.is_set() and not self._stands(result):
                self._emit(signals.cancelled)
            else:
                self._emit(signals.succeeded, result)
        finally:
            self._emit(signals.finished)
            self._release_signals()

    def _stands(self, result: object) -> bool:
        stands = self.result_stands
        return stands(result) if callable(stands) else stands

    def let_go_of_work(self) -> None:
        """Drop the work once it has run, on the thread the task was made on.

        What the work holds (the article list's and the text search's work hold the window's
        project) must not go with the task, whose last name may be dropped in the pool thread
        (see `Task`): dropped here, no last name of a Qt object or a connection the work held
        goes in a thread it does not belong to.
        """
        self._work = _ran

    def _release_signals(self) -> None:
        """Free the signals after their slots (`TaskSignals.release_when_heard`), unless the app's
        end deleted them already (see `_emit`)."""
        if not shiboken6.isValid(self.signals):
            return
        try:
            self.signals.release_when_heard(self)
        except RuntimeError:
            if shiboken6.isValid(self.signals):
                raise  # another fault: not ours to hide
