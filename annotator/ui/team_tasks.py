"""Team figures (agreement, review items) computed in the thread pool, not on the UI thread.

On a merged file of ten people the figures take seconds; the dashboard and the
review dialog show a busy indicator meanwhile and fill in when the result arrives.
The work opens its *own* read connection (the store is one connection per thread),
so the window's connection is never used from another thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool

from annotator.core.progress import CancelFn, ProgressFn
from annotator.services.project import Project, open_project
from annotator.ui.workers import Task

# Tasks run with autoDelete off: something must hold them until they finish, even
# when the dialog that asked is closed (and deleted) first.
_RUNNING: set[Task] = set()


def compute_in_background(
    project_path: Path,
    compute: Callable[[Project], Any],
    on_result: Callable[[Any], None],
    on_error: Callable[[str], None],
    *,
    name: str,
) -> Task:
    """Run `compute(project)` in the global pool on a fresh connection; results come back by signal.

    `on_result` and `on_error` should be methods of a QObject, so a closed dialog's
    slots are disconnected by Qt and a late result is dropped rather than delivered.
    """

    def work(_progress: ProgressFn, _cancel: CancelFn) -> Any:
        with open_project(project_path, create=False) as project:
            return compute(project)

    task = Task(work, name=name)
    _RUNNING.add(task)
    task.signals.succeeded.connect(on_result)
    task.signals.failed.connect(on_error)
    task.signals.finished.connect(lambda: _RUNNING.discard(task))
    QThreadPool.globalInstance().start(task)
    return task
