"""Team figures (agreement, review items) computed in the thread pool, not on the UI thread.

On a merged file of ten people the figures take seconds; the dashboard and the
review dialog show a busy indicator meanwhile and fill in when the result arrives.
The work opens its *own* read connection (the store is one connection per thread),
so the window's connection is never used from another thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QThreadPool

from annotator.core.errors import ProjectGoneError
from annotator.core.progress import CancelFn, ProgressFn
from annotator.services.project import Project, open_project
from annotator.ui.project_files import gone_message, is_gone
from annotator.ui.workers import Task

# Held until they finish, even when the dialog that asked is closed (and deleted) first.
_RUNNING: set[Task] = set()

Computed = TypeVar("Computed")


def compute_in_background(
    project: Project,
    compute: Callable[[Project], Computed],
    on_result: Callable[[Computed], None],
    on_error: Callable[[str], None],
    *,
    name: str,
) -> Task:
    """Run `compute` in the global pool on a fresh connection to `project`'s file; results come
    back by signal (typed: `on_result` takes what `compute` returns, though the signal carries
    an `object`).

    `on_result` and `on_error` should be methods of a QObject, so a closed dialog's
    slots are disconnected by Qt and a late result is dropped rather than delivered.
    A project whose file is gone (`project_files.is_gone`) is not opened by its path, where
    nothing is: `on_error` hears what to do (File ▸ Save a Copy As…), not "…: does not exist".
    """
    project_path = project.path
    gone = gone_message(project) if is_gone(project) else None

    def work(_progress: ProgressFn, _cancel: CancelFn) -> Computed:
        if gone is not None:
            raise ProjectGoneError(gone)
        with open_project(project_path, create=False) as opened:
            return compute(opened)

    task = Task(work, name=name)
    _RUNNING.add(task)
    task.signals.succeeded.connect(on_result)
    task.signals.failed.connect(on_error)
    task.signals.finished.connect(lambda: _RUNNING.discard(task))
    task.start_in(QThreadPool.globalInstance())
    return task
