"""The daily copy of the open project (`services.backups`), started a while after it opens.

Not at once: the copy would compete with the first paint and the pre-annotation a new
project starts. The service is imported when the copy is made, not when the window is built.

A copy that cannot be made (a full disk, a file where the backups folder should be) is kept
as `failure` until one is made: a line in the status bar for ten seconds, each hour, was easy
to miss, and a person who missed it believed the work was copied while Restore from a Backup
listed only old copies. The window shows a lasting mark for it (`ui.status_bar`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui.error_text import with_full_stop
from annotator.ui.plain import plain
from annotator.ui.workers import Task

if TYPE_CHECKING:
    from annotator.ui.status_bar import StatusBar


@dataclass(frozen=True)
class BackupFailure:
    """Why the last daily copy of the open project could not be made, and when."""

    project: Path
    reason: str
    when: datetime
    damaged: bool = False
    """The project itself was found damaged (not the disk or the copies' folder): what to do differs."""


class DailyBackup(QObject):
    """Copies the open project `delay_ms` after it opened, and looks again every `repeat_ms`
    (a window left open overnight), each time if its last copy is a day old."""

    failed = Signal(str)  # one line for the status bar
    failure_changed = Signal()  # `failure` was set or cleared

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
        self._copying: Path | None = None  # the project the running task copies
        self._found_damaged = False  # set by the running task, read when it has failed
        self.failure: BackupFailure | None = None
        """Set when a copy of the open project failed, until one is made or the project closes."""

    def start(self, project: Path) -> None:
        self._project = project
        self._timer.start(self.delay_ms)

    def waiting(self) -> bool:
        """Whether a copy is due to start (the project opened less than `delay_ms` ago)."""
        return self._timer.isActive()

    def first_copy_due_ms(self) -> int | None:
        """How long until the open project's first copy of this session starts, or None once it
        has started: Restore from a Backup, opened in the first minute, said only that no copy
        had been made, as if copies were not being made at all."""
        if self._project is None or not self._timer.isActive() or self._timer.interval() != self.delay_ms:
            return None
        # A coarse timer may answer a little over its interval ("in 61 s" of a minute's wait).
        return min(self.delay_ms, max(0, self._timer.remainingTime()))

    def stop(self) -> None:
        self._project = None
        self._timer.stop()
        self._set_failure(None)  # the next project's copies are its own

    def back_up_now(self) -> Task | None:
        """Copy in the pool (a large file takes seconds); the window goes on meanwhile."""
        project = self._project
        if project is None:
            return None
        self._timer.start(self.repeat_ms)
        if self.task is not None:
            return None

        self._found_damaged = False

        def work(_progress: ProgressFn, _cancel: CancelFn) -> object:
            from annotator.core.errors import DamagedProjectError
            from annotator.services.backups import back_up_if_due

            try:
                return back_up_if_due(project)
            except DamagedProjectError:
                self._found_damaged = True  # before `failed` is emitted, which reads it
                raise

        task = Task(work, name="daily backup")
        self._copying = project
        task.signals.failed.connect(self._failed)  # methods: Qt drops them once the window is gone
        task.signals.succeeded.connect(self._succeeded)
        task.signals.finished.connect(self._finished)
        self.task = task
        task.start_in(QThreadPool.globalInstance())
        return task

    def _failed(self, message: str) -> None:
        project = self._copying
        if project is None or project != self._project:
            return  # the project was closed meanwhile: its failure is no longer the window's
        self._set_failure(BackupFailure(project, message, datetime.now(), self._found_damaged))
        self.failed.emit(with_full_stop(self.tr("No backup made: {0}").format(message)))

    def _succeeded(self, _copy: object) -> None:
        """A copy made, or one recent enough (None): the project is protected again."""
        if self._copying == self._project:
            self._set_failure(None)

    def _set_failure(self, failure: BackupFailure | None) -> None:
        if failure != self.failure:
            self.failure = failure
            self.failure_changed.emit()

    def _finished(self) -> None:
        self.task = None


class BackupWarning(QObject):
    """What the window shows of a failed daily copy: a mark in the status bar that stays until a
    copy is made, its tooltip and a click on it saying what failed and what to do, and that said
    once in a message box, the first time in a session (every hour would be nagging)."""

    def __init__(self, backup: DailyBackup, bar: StatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self._backup, self._bar, self._parent = backup, bar, parent
        self._told = False
        self.box: QMessageBox | None = None
        backup.failure_changed.connect(self._changed)
        bar.backup_warning.clicked.connect(self.explain)

    def _changed(self) -> None:
        failure = self._backup.failure
        if failure is None:
            if self.box is not None:
                self.box.close()
            self._bar.show_backup_failure(None)
            return
        self._bar.show_backup_failure(
            self.tr("No backup of {0} since {1}: {2}").format(
                failure.project.name, moment(failure.when), failure.reason
            )
        )
        if not self._told:
            self._told = True
            self.explain()

    def explain(self) -> QMessageBox | None:
        """The failure, where copies go and how to fix it, in a box that does not block the window."""
        failure = self._backup.failure
        if failure is None:
            return None
        if self.box is not None:
            self.box.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("No backup made"), failure_text(failure), parent=self._parent
        )
        box.setObjectName("backupFailedBox")
        plain(box)  # the reason quotes file names
        ok = box.addButton(QMessageBox.StandardButton.Ok)
        box.setEscapeButton(ok)  # with two buttons Qt picks none, and Esc and the close button did nothing
        again = box.addButton(self.tr("&Try Again"), QMessageBox.ButtonRole.ActionRole)
        again.clicked.connect(self._backup.back_up_now)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Forgotten when it closes, not from `destroyed`: that is emitted inside ~QObject, and a
        # Python slot there runs on a half-destroyed box (no Python slot on `destroyed`).
        box.finished.connect(self._forget_box)
        self.box = box
        box.open()
        return box

    def _forget_box(self) -> None:
        """The box closed; a box replaced by a newer one was closed before it was replaced."""
        self.box = None


def moment(when: datetime) -> str:
    """`when` as its time of day if it is today, else with its date: a window stays open for days."""
    return f"{when:%H:%M}" if when.date() == datetime.now().date() else f"{when:%Y-%m-%d %H:%M}"


def newest_copy(project: Path) -> datetime | None:
    """When the newest copy of `project` kept was made, or None if none is."""
    from annotator.services.backups import copies_of

    copies = copies_of(project)
    return copies[0].taken if copies else None


def failure_text(failure: BackupFailure) -> str:
    """What failed, what the copies are for, where they go and how to make them work again."""
    from annotator.services.backups import backups_root

    newest = newest_copy(failure.project)
    tr = QCoreApplication.translate
    if failure.damaged:
        # The advice below (free space, a folder to write to) told a person whose project was
        # damaged to fix a disk that was fine, and to save a copy of the damaged file.
        what_to_do = tr(
            "DailyBackup",
            "A damaged project is not copied, so the copies kept are not replaced by damaged ones. "
            "Restoring a copy makes a new project file and leaves this one as it is.",
        )
    else:
        what_to_do = tr(
            "DailyBackup",
            "To fix it, free some space on the disk, and make sure {0} is a folder you can write to "
            "(a file of that name, or a folder made read-only, stops the copies). Annotator tries "
            "again every hour, and the warning stays in the status bar until a copy is made. Until "
            "then, File ▸ Save a Copy As… keeps a copy of your work.",
        ).format(backups_root())
    if newest is None:
        kept = tr("DailyBackup", "No copy of this project has been made yet.")
    else:
        kept = tr("DailyBackup", "The newest copy of this project is from {0:%Y-%m-%d %H:%M}.").format(newest)
    return tr(
        "DailyBackup",
        "No backup of {0} could be made at {1}: {2}\n\n"
        "Annotator copies each project it opens once a day into {3}, so that a damaged or deleted "
        "file can be restored (File ▸ Restore from a Backup…). {4}\n\n{5}",
    ).format(
        failure.project.name,
        moment(failure.when),
        with_full_stop(failure.reason),
        backups_root(),
        kept,
        what_to_do,
    )
