"""Choosing a project file: the New, Open and Save a Copy As dialogs, and File ▸ Open Recent.

The window opens what is chosen (`MainWindow.open_project`); these only ask which file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QWidget

from annotator.core.errors import AnnotatorError, ProjectGoneError, UserError
from annotator.services.paths import check_project_path, missing_folder, name_on_one_line, project_stem
from annotator.ui.plain import plain

if TYPE_CHECKING:
    from annotator.services.project import Project

PROJECT_FILTER = "Annotator projects (*.annotator.db *.db *.sqlite);;All files (*)"
PROJECT_SUFFIXES = (".annotator.db", ".db", ".sqlite")
"""The endings `PROJECT_FILTER` lists first: what the Open dialog shows."""


def ask_new_project(parent: QWidget, folder: Path) -> Path | None:
    """A path for a new project (`claims.annotator.db` in `folder`, or the first "claims N" no
    file has, proposed), or None."""
    # Never "replace it?": a new project opens a file that is there and replaces nothing, so
    # a Yes there opened a project full of articles as if it were the new, empty one.
    # A name no file has: in a folder that held a claims.annotator.db already, Save as proposed
    # asked whether to open that project instead, and Cancel there meant starting over.
    proposed = _free_path(folder, lambda number: f"claims{_again(number)}{PROJECT_SUFFIXES[0]}")
    return _ask_project_path(parent, parent.tr("New project"), proposed, confirm_overwrite=False)


def _again(number: int) -> str:
    """What tells the `number`th name proposed from one apart: nothing for the first, " 2" on."""
    return "" if number == 1 else f" {number}"


def _free_path(folder: Path, name: Callable[[int], str]) -> Path:
    """`folder / name(1)`, or the first of `name(2)`, `name(3)`… no file has (the last tried
    after a hundred: the refusal then says to choose another name)."""
    path = folder / name(1)
    for number in range(2, 101):
        if not os.path.lexists(path):
            break
        path = folder / name(number)
    return path


def refuse_new_project_path(path: Path) -> None:
    """Refuse, before any file or folder is made, a new project's path no one would find again.

    A folder's name typed with a slip ("Documnets/claims") made that folder and the project in
    it, with no word: the store makes the folders a path names, as `annotator import` needs.
    A name that starts with a dot (".claims") made a hidden file, which the Open dialog never
    listed, so the project seemed lost at the next start of the day. A name of spaces only
    (the name field's text deleted and a space pressed) made "   .annotator.db", a project
    whose title and Open Recent entry named nothing but its ending.
    """
    if not project_stem(path).strip():
        raise UserError(
            QCoreApplication.translate(
                "ProjectFiles", "No project was made: its name is only spaces. Type a name for the project."
            )
        )
    if path.name.startswith("."):
        raise UserError(
            QCoreApplication.translate(
                "ProjectFiles",
                "No project was made: a name that starts with a dot ({0}) makes a hidden file, which"
                " the Open dialog does not list. Choose a name without the dot at the start.",
            ).format(name_on_one_line(path.name))
        )
    # A path too long for SQLite first: past the 4,096 bytes of a path no folder is found, and
    # "does not exist" sent the person to look for one that is there.
    check_project_path(path)
    missing = missing_folder(path)
    if missing is not None:
        raise UserError(
            QCoreApplication.translate(
                "ProjectFiles",
                "No project was made: the folder {0} does not exist. Check the folder's name, or make"
                " the folder first, then choose New Project again.",
            ).format(name_on_one_line(str(missing)))
        )


def ask_copy_path(parent: QWidget, project: Path, folder: Path) -> Path | None:
    """Where to save a copy of `project` (`<name> (copy).annotator.db` in `folder` proposed), or None."""
    from annotator.services.paths import PROJECT_NAME_MAX, fitting_name

    stem = project.name.split(".")[0] or "project"
    # Cut to fit: the name of a long-named project with " (copy)" added was too long to save.
    # A name no file has: the second copy into one folder proposed the first one's name, and
    # Save as proposed was refused as "already exists".
    proposed = _free_path(
        folder,
        lambda number: fitting_name(
            stem, f" (copy{_again(number)}){PROJECT_SUFFIXES[0]}", room=PROJECT_NAME_MAX
        ),
    )
    # Never "replace it?": a copy replaces no file (`ProjectStore.save_copy`), so a Yes there
    # only led to "already exists", or, over the project itself, to "would destroy the project".
    title = parent.tr("Save a copy of the project")
    return _ask_project_path(parent, title, proposed, confirm_overwrite=False)


def ask_restored_path(parent: QWidget, proposed: Path) -> Path | None:
    """Where to make a project from a backup (`proposed` first), or None.

    The project ending is added as Save a Copy As adds it: "restored" typed made a file the
    Open dialog never listed.
    """
    # Never "replace it?": a restore replaces no file (`services.backups.restore_copy`), so a
    # Yes there only led to "already exists".
    title = parent.tr("Save the copy as a new project")
    return _ask_project_path(parent, title, proposed, confirm_overwrite=False)


def _ask_project_path(
    parent: QWidget, title: str, proposed: Path, *, confirm_overwrite: bool = True
) -> Path | None:
    """A project path from the save dialog, or None.

    A name typed without a project ending under the projects filter gets `.annotator.db`:
    saved as typed ("mywork"), the Open dialog, which lists project files, never showed it.
    A name that already ends in `.annotator` ("team.annotator") gets only `.db`: the whole
    ending made "team.annotator.annotator.db", and every export named after it.
    """
    filters = parent.tr(PROJECT_FILTER)
    if confirm_overwrite:
        name, chosen = QFileDialog.getSaveFileName(parent, title, str(proposed), filters)
    else:
        no_question = QFileDialog.Option.DontConfirmOverwrite
        name, chosen = QFileDialog.getSaveFileName(parent, title, str(proposed), filters, "", no_question)
    if not name:
        return None
    path = Path(name)
    if chosen == filters.split(";;")[0] and not path.name.lower().endswith(PROJECT_SUFFIXES):
        half_typed = path.name.lower().endswith(PROJECT_SUFFIXES[0].removesuffix(".db"))
        path = path.with_name(path.name + (".db" if half_typed else PROJECT_SUFFIXES[0]))
    return path


def gone_message(project: Project) -> str:
    """What to say of work asked on a project whose file is gone (`Project.saving_stopped`), or
    came back since (`came_back`)."""
    if came_back(project):
        return back_message(project)
    return QCoreApplication.translate(
        "ProjectFiles",
        "{0} was moved, renamed or deleted while open. Choose File ▸ Save a Copy As… to keep "
        "your work somewhere else, then go on there.",
    ).format(project.path.name)


def came_back(project: Project) -> bool:
    """Whether a file is at the path again of a project that stopped saving when its file went
    (its disk plugged in again, its folder put back from the bin)."""
    return project.saving_stopped and os.path.isfile(project.path)


def back_message(project: Project) -> str:
    """What to say once the file of a project that stopped saving is back (`came_back`).

    The window goes on with the connection it had, which reached the file as it went: it is not
    opened again unasked, since the file there now may lack the last labels (a disk pulled out
    before they were written to it) or be another file put at that path. Opening it is the
    person's choice; Save a Copy As… still keeps what the window shows.
    """
    return QCoreApplication.translate(
        "ProjectFiles",
        "{0} is back in {1}, but this window stopped saving to it when it went. Open it again from "
        "File ▸ Open Recent to go on labelling there, or choose File ▸ Save a Copy As… to keep what "
        "this window shows somewhere else.",
    ).format(project.path.name, name_on_one_line(str(project.path.parent)))


def is_gone(project: Project) -> bool:
    """Whether `project`'s file is gone at this moment: the watch found it so
    (`Project.saving_stopped`), or its path names no longer the file the window has open.

    The watch looks every two seconds; work asked in between (an export, a release preview, the
    statistics) opened the path, found nothing and said only "…: does not exist".
    """
    return project.saving_stopped or project.file_moved()


def refuse_if_gone(project: Project) -> None:
    """Refuse, saying what to do, work that opens `project` by its path once its file is gone.

    Such work (import, pre-annotation, export, release, merge, training, the pool's readers)
    finds nothing at the path: it said only "…: does not exist" of the project the window still
    shows, or saved into the deleted file, and sent nobody to File ▸ Save a Copy As…, which
    saves all of it from the window's open connection; on the copy the work goes again.
    """
    if is_gone(project):
        raise ProjectGoneError(gone_message(project))


def refuse_unless_writable(project: Project, refused: str) -> None:
    """Refuse at once work whose result is saved into `project` when its file is gone
    (`refuse_if_gone`) or read-only, `refused` saying what cannot be done ("no article can be
    imported into it").

    Asked before any dialog or run: on a read-only project, import, merge, the model's choice,
    pre-annotation and training had the person pick files, or ran for minutes, and were refused
    only at the save, in words about labelling.
    """
    refuse_if_gone(project)
    if project.read_only:
        raise AnnotatorError(nothing_saved_why(project, refused))


def nothing_saved_why(project: Project, refused: str) -> str:
    """Why nothing asked in a panel or dialog can be saved into `project`, `refused` saying what
    ("no gold label can be decided in it"), or "" when it can be: the words `refuse_unless_writable`
    refuses with, said beside the controls that would save.

    The review, the entity decisions and the guidelines opened on a read-only project and let
    the person work: each gold label, each guidelines edit was refused one at a time in a box,
    after the work was done.
    """
    if is_gone(project):
        return gone_message(project)
    if project.read_only:
        return QCoreApplication.translate(
            "ProjectFiles",
            "{0} is read-only, so {1}. To change that, make the file writable or copy it into a "
            "folder you can write to, and open it again.",
        ).format(project.path.name, refused)
    return ""


def nothing_saved_banner() -> QLabel:
    """The line at the top of a panel or dialog that says `nothing_saved_why`; hidden until
    `show_nothing_saved` gives it words. One look and one wording in the review, the entity
    decisions and the guidelines."""
    banner = plain(QLabel())  # a file's name, never rich text
    banner.setObjectName("nothingSaved")
    banner.setWordWrap(True)
    banner.setStyleSheet("font-weight: 600;")
    banner.hide()
    return banner


def show_nothing_saved(banner: QLabel, why: str) -> None:
    """`why` in `banner`, shown; "" hides it."""
    banner.setText(why)
    banner.setVisible(bool(why))


def ask_project_to_open(parent: QWidget, folder: Path) -> Path | None:
    """An existing project's path, looked for from `folder`, or None."""
    title, start = parent.tr("Open project"), str(folder)
    name, _ = QFileDialog.getOpenFileName(parent, title, start, parent.tr(PROJECT_FILTER))
    return Path(name) if name else None


class RecentMenu:
    """Open Recent: one action per remembered project, refilled each time the menu shows."""

    def __init__(
        self, menu: QMenu, recent: Callable[[], Sequence[str]], open_path: Callable[[Path], None]
    ) -> None:
        self.menu = menu
        self._recent = recent  # read when filled: the settings change as projects are opened
        self._open_path = open_path
        menu.aboutToShow.connect(self.fill)
        self.fill()

    def fill(self) -> None:
        self.menu.clear()
        recent = self._recent()
        for number, path in enumerate(recent, 1):
            # Numbered 1-9, then 0, for the keyboard; a "&" in a folder's name ("R&D") is shown
            # as itself instead of underlining the letter after it, and a tab or a line break as
            # a symbol: a tab moved the rest of the path into the shortcut's column.
            shown = name_on_one_line(path).replace("&", "&&")
            action = self.menu.addAction(f"&{number % 10} {shown}")
            action.setData(path)
            action.triggered.connect(lambda _c=False, p=path: self._open_path(Path(p)))
        self.menu.setEnabled(bool(recent))
