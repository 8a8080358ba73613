"""The daily copy of the open project (`services.backups`), started a while after it opens.

Not at once: the copy would compete with the first paint and the pre-annotation a new
project starts. The service is imported when the copy is made, not when the window is built.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui.workers import Task


class DailyBackup(QObject):
    """Copies the open project `delay_ms` after it opened, and looks again every `repeat_ms`
    (a window left open overnight), each time if its last copy is a day old."""

    failed = Signal(str)  # one line for the status bar

    def __init__(
        self, parent: QObject | None = None, *, delay_ms: int = 60_000, repeat_ms: int = 3_600_000
    ) -> None:
        super().__init__(parent)
        self.delay_ms, self.repeat_ms = delay_ms, repeat_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.back_up_now)
        self._project: Path | None = None
        self.task: Task | None = None

    def start(self, project: Path) -> None:
        self._project = project
        self._timer.start(self.delay_ms)

    def waiting(self) -> bool:
        """Whether a copy is due to start (the project opened less than `delay_ms` ago)."""
        return self._timer.isActive()

    def stop(self) -> None:
        self._project = None
        self._timer.stop()

    def back_up_now(self) -> Task | None:
        """Copy in the pool (a large file takes seconds); the window goes on meanwhile."""
        project = self._project
        if project is None:
            return None
        self._timer.start(self.repeat_ms)
        if self.task is not None:
            return None

        def work(_progress: ProgressFn, _cancel: CancelFn) -> object:
            from annotator.services.backups import back_up_if_due

            return back_up_if_due(project)

        task = Task(work, name="daily backup")
        task.signals.failed.connect(self._failed)  # methods: Qt drops them once the window is gone
        task.signals.finished.connect(self._finished)
        self.task = task
        QThreadPool.globalInstance().start(task)
        return task

    def _failed(self, message: str) -> None:
        self.failed.emit(self.tr("No backup made: {0}").format(message))

    def _finished(self) -> None:
        self.task = None
