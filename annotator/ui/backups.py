"""File ▸ Restore from a Backup…: the copies `services.backups` keeps (made by
`ui.daily_backup`), one restored by making a new project file and opening it."""

from __future__ import annotations

import contextlib
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from annotator.core.bidi import isolated
from annotator.core.errors import (
    DamagedProjectError,
    NewerProjectError,
    NotAProjectError,
    ProjectFileError,
    UserError,
)
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.text import byte_size
from annotator.services.backups import (
    BACKUPS_KEPT,
    Backup,
    BeforeMerge,
    all_backups,
    backups_root,
    earlier_projects,
    restore_copy,
    unreadable,
)
from annotator.services.paths import PROJECT_NAME_MAX, documents_dir, fitting_name
from annotator.ui.desktop_open import open_in_desktop, show_where
from annotator.ui.dialogs import tab_along_the_buttons
from annotator.ui.geometry import resize_to_fit
from annotator.ui.plain import plain, tip
from annotator.ui.project_files import ask_restored_path
from annotator.ui.task_runner import TaskOptions
from annotator.ui.workers import Task

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class BackupsDialog(QDialog):
    """Every copy kept, newest first; one is restored as a new project file, then opened."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Restore from a Backup"))
        layout = QVBoxLayout(self)
        about = QLabel(
            self.tr(
                "Annotator copies each project it opens once a day and keeps the last {0} copies, and "
                "copies a team file just before each merge into it, keeping the last {0} of those too. "
                "Opening a copy makes a new project file from it: the project it came from is not changed."
            ).format(BACKUPS_KEPT)
        )
        about.setWordWrap(True)
        layout.addWidget(about)
        self.state = plain(QLabel(self.open_project_state()))
        self.state.setObjectName("backupState")
        self.state.setWordWrap(True)
        self.state.setVisible(bool(self.state.text()))
        layout.addWidget(self.state)
        self.list = QTreeWidget()
        self.list.setObjectName("backupsList")
        self.list.setAccessibleName(self.tr("Backup copies"))  # else Orca says "table" alone
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([self.tr("Project"), self.tr("Copied"), self.tr("Size"), self.tr("Folder")])
        self.backups = all_backups()
        earlier = earlier_projects(self.backups)
        broken = unreadable(self.backups)
        for backup in self.backups:
            name = self.project_name(backup, earlier)
            if backup.before_merge is not None:
                name = before_merging(name, backup.before_merge)
            if backup.path in broken:
                name = self.tr("{0} (cannot be opened)").format(name)
            item = QTreeWidgetItem(
                [
                    name,
                    backup.taken.strftime("%Y-%m-%d %H:%M"),
                    byte_size(backup.size),
                    str(backup.project.parent),
                ]
            )
            item.setToolTip(3, tip(str(backup.project)))  # a path from a record anyone could write
            if backup.before_merge is not None:
                item.setToolTip(0, tip(name))  # a long file name is cut in its column
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        # The newest copy that can be opened first: an empty or cut file named as a copy (a crash,
        # a sync tool) was the one chosen, and Return only led to "is damaged".
        good = [row for row, backup in enumerate(self.backups) if backup.path not in broken]
        first = self.list.topLevelItem(good[0] if good else 0)
        if first is not None:
            self.list.setCurrentItem(first)
        # A double-click opens the copy; Return is the dialog's default button, Open a Copy…:
        # the list's own Return (itemActivated) went on to the dialog, whose default button was
        # Close, so the dialog closed behind the save dialog even when the save was cancelled.
        self.list.itemDoubleClicked.connect(self.open_copy)  # the item is the current one
        layout.addWidget(self.list, 1)
        self.message = QLabel(self.tr("No backups yet.") if not self.backups else "")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("&Open a Copy…"))
        self.open_button.setEnabled(bool(self.backups))
        self.open_button.clicked.connect(self.open_copy)
        folder = QPushButton(self.tr("Show Backup &Folder"))
        folder.clicked.connect(self.show_folder)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        if window.daily_backup.failure is not None:
            # The line above sent people to "click the warning in the status bar", a button
            # behind this dialog that a keyboard reaches only by leaving it and tabbing round
            # the window: the same explanation is a button here.
            explain = QPushButton(self.tr("&What to Do…"))
            explain.setObjectName("backupWhatToDo")
            explain.clicked.connect(window.backup_warning.explain)
            buttons.addButton(explain, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        tab_along_the_buttons(buttons)
        self.open_button.setDefault(bool(self.backups))  # once in the dialog, or the dialog picks Close
        resize_to_fit(self, 760, 420)

    def project_name(self, backup: Backup, earlier: dict[Path, datetime | None]) -> str:
        """The copy's project by its file name, and, for a copy of a project lost and made anew
        at its path, that it is of the earlier one: both were listed under the same name."""
        if backup.path not in earlier:
            return backup.project.name
        created = earlier[backup.path]
        if created is None:
            return self.tr("{0} (an earlier project at this path)").format(backup.project.name)
        return self.tr("{0} (an earlier project at this path, made {1:%Y-%m-%d})").format(
            backup.project.name, created
        )

    def open_project_state(self) -> str:
        """When the open project was last copied, and whether the latest copy failed.

        A person who missed the status bar's warning came here after a loss and found only old
        copies, with nothing saying that the copies had stopped.
        """
        from annotator.ui.daily_backup import moment, newest_copy
        from annotator.ui.error_text import with_full_stop

        project = self.window_.project
        if project is None:
            return ""
        newest = newest_copy(project.path)
        if newest is None:
            said = self.tr("No copy of {0} has been made yet.").format(project.path.name)
            due = self.window_.daily_backup.first_copy_due_ms()
            if due is not None:
                said += " " + self.tr(
                    "The first is made in {0} s, a minute after the project opened."
                ).format(-(-due // 1000))
        else:
            said = self.tr("The newest copy of {0} was made {1:%Y-%m-%d %H:%M}.").format(
                project.path.name, newest
            )
        failure = self.window_.daily_backup.failure
        if failure is not None:
            said += " " + self.tr(
                "The latest copy, at {0}, failed: {1} What to Do… says how to make copies again."
            ).format(moment(failure.when), with_full_stop(failure.reason))
        return said

    def chosen(self) -> Backup | None:
        current = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(current) if current is not None else -1
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def proposed_path(self, backup: Backup) -> Path:
        """A name no file has yet, beside the project: a restore never replaces a file, and the
        name proposed for a copy restored once before (to start again from it) was the file that
        restore made, so taking the proposal was refused as "already exists"."""
        folder = backup.project.parent if backup.project.parent.is_dir() else documents_dir()
        stem = backup.project.name.split(".")[0]
        taken = f"backup {backup.taken:%Y-%m-%d %H.%M}"
        for number in range(1, 100):
            again = "" if number == 1 else f" {number}"
            ending = f" ({taken}{again}).annotator.db"
            path = folder / fitting_name(stem, ending, room=PROJECT_NAME_MAX)  # a long name made one too long
            if not os.path.lexists(path):
                return path
        return path  # a hundred restores of one copy: the refusal says to choose another name

    def open_copy(self) -> None:
        backup = self.chosen()
        if backup is None:
            return
        target = ask_restored_path(self, self.proposed_path(backup))
        if target is not None:
            self.restore_to(backup, target)

    def restore_to(self, backup: Backup, target: Path) -> Task:
        """Copy in the window's task runner (with its progress), and close: what follows is
        the window's, which outlives this dialog."""
        window = self.window_
        current = window.project.path if window.project is not None else None
        said = self.tr("Opened a copy of the backup of {0} made {1}; that project is unchanged")
        taken = backup.taken.strftime("%Y-%m-%d %H:%M")
        # Made here, not in the work: the dialog is gone by the time the work runs.
        unusable = self.tr(
            "The copy of {0} made {1} is damaged, so no project was made from it; {0} itself is not "
            "changed. Choose another copy (File ▸ Restore from a Backup…)."
        ).format(backup.project.name, taken)

        # Said of a project, it named the copy by its file deep in the data folder and said to
        # "open the file again" once Annotator is updated, which is not how a copy is restored.
        newer = self.tr(
            "The copy of {0} made {1} was made by a newer version of Annotator, so this one cannot make "
            "a project from it; {0} itself is not changed. Update Annotator and restore that copy "
            "again, or choose another copy (File ▸ Restore from a Backup…)."
        ).format(backup.project.name, taken)

        # The list is read once: the daily copy, made a minute after the project opened, or
        # someone in the backups folder may remove a copy it shows.
        gone = self.tr(
            "The copy of {0} made {1} is no longer kept: it was removed after the list was shown "
            "(only the newest {2} copies are kept). No project was made from it. Choose another "
            "copy (File ▸ Restore from a Backup…)."
        ).format(backup.project.name, taken, BACKUPS_KEPT)

        where_gone = self.where_gone(target)

        def work(_progress: ProgressFn, _cancel: CancelFn) -> Path:
            if where_gone:
                raise UserError(where_gone)
            try:
                return restore_copy(backup, target, open_project_path=current)
            except ProjectFileError as exc:
                # Said of a project, it named the copy by its file deep in the app's data folder
                # and sent the person back to Restore from a Backup, where they already were,
                # without saying that another copy may be whole.
                if not os.path.lexists(backup.path):
                    why = gone
                elif isinstance(exc, DamagedProjectError | NotAProjectError):
                    why = unusable
                elif isinstance(exc, NewerProjectError):
                    why = newer
                else:
                    raise  # a disk that did not answer: said as for a project
                log.warning("the backup %s cannot be restored: %s", backup.path, exc)
                raise UserError(why) from exc

        def made(copy_path: Path) -> None:
            def tried(opened: bool) -> None:
                if opened:  # else the window said why
                    window.status(said.format(backup.project.name, taken), 10000)

            window.open_checked_in_pool(copy_path, then=tried)

        title = self.tr("Making a project from the backup…")
        task = window.run_task(work, title, made, TaskOptions(name="restore backup"))
        self.accept()
        return task

    def where_gone(self, target: Path) -> str:
        """Why a copy is not restored at `target`, the path of the open project whose file is
        gone (`is_gone`) with nothing there now; "" when it is not that path.

        It was refused as "the project file; writing there would destroy the project", untrue
        with no file there. It is not restored there yet all the same: the window still has
        the gone file open, the only copy of its latest labels if the file was deleted, and
        closing it later would take away the new file's write-ahead log, kept under the same
        name. Saved elsewhere or closed first, the path takes the copy.
        """
        from annotator.services.outputs import same_file
        from annotator.ui.project_files import is_gone

        project = self.window_.project
        if project is None or not is_gone(project) or os.path.lexists(target):
            return ""
        if not same_file(target, project.path):
            return ""
        return self.tr(
            "Nothing is at {0} now: {1} was moved, renamed or deleted while open, but this window "
            "still has it open, and what it shows may be the only copy of your latest labels. Keep "
            "them first with File ▸ Save a Copy As… (or close the project with File ▸ Close Project "
            "if you do not need them), then restore the backup as {1} again; or choose another name."
        ).format(target, project.path.name)

    def show_folder(self) -> bool:
        """The copies' folder in the desktop's file manager, or where it is, said in a box.

        A file where the folder should be (what stops the copies) raised "File exists" as
        "Something went wrong", and with no file manager to answer the button did nothing: a
        person who needed the copies never learnt where they are.
        """
        root = backups_root()
        with contextlib.suppress(OSError):  # a file in the way, a data folder made read-only
            root.mkdir(parents=True, exist_ok=True)
        if not root.is_dir():
            said = self.tr(
                "The backups are kept in {0}, but that is not a folder Annotator could make: a file of "
                "that name, or a folder made read-only, is in the way, and no copies can be made until "
                "it is moved."
            ).format(root)
            show_where(self, self.tr("Backup folder"), said, "backupFolderBox")
            return False
        return open_in_desktop(root, self.say_backups_folder)

    def say_backups_folder(self) -> None:
        """Where the copies are, when no file manager took the folder."""
        said = self.tr("The backups are kept in {0}").format(backups_root())
        show_where(self, self.tr("Backup folder"), said, "backupFolderBox")


def before_merging(name: str, merged: BeforeMerge) -> str:
    """How the list names a copy taken just before a merge: the project, and the files merged
    (by name; the first of many, and their number).

    A merge takes the team file's copy of the day (the daily copy then waits a day), and listed
    as one, a lead who merged the wrong file could not tell which copy held the team file from
    just before it. The merge's report names the copy in these words.
    """
    tr = QCoreApplication.translate
    names = [isolated(file) for file in merged.names]  # other people's names, right to left too
    if merged.files == 1 and names:
        files = names[0]
    elif merged.files == 2 and len(names) == 2:
        files = tr("BackupsDialog", "{0} and {1}").format(*names)
    elif names:
        files = tr("BackupsDialog", "{0} and {1} other files").format(names[0], merged.files - 1)
    else:
        files = tr("BackupsDialog", "{0} files").format(merged.files)
    return tr("BackupsDialog", "{0} (before merging {1})").format(name, files)


def open_backups_dialog(window: MainWindow) -> BackupsDialog:
    dialog = BackupsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
