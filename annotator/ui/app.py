"""Start the window: QApplication, logging, theme, annotator name, project."""

from __future__ import annotations

import dataclasses
import logging
import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from annotator.core.settings import Settings
from annotator.services.last_closed import last_project
from annotator.services.logs import setup_logging
from annotator.services.settings import load_settings
from annotator.ui.main_window import MainWindow
from annotator.ui.quick_start import install_excepthook, make_application
from annotator.ui.theme import apply_theme

log = logging.getLogger(__name__)


def ensure_annotator(window: MainWindow) -> None:
    """Ask for the annotator's name on first start, over the window; fall back to the login name
    if dismissed.

    Asked over the shown window, window-modal, not before the window is made: a lone small
    dialog with no program behind it and no taskbar entry, which a window manager may place in
    a corner, was what a new person met first. The window takes no key or click meanwhile, so
    no claim is made under an empty name, while the project it opens shows behind the dialog.
    The name goes into the settings the window holds when it is given (a project opened
    meanwhile is on its recent list); the window says if they cannot be saved.
    """
    if window.settings.annotator:
        return
    from annotator.ui.dialogs import NameDialog  # first start only: not on every start's path

    dialog = NameDialog(window, current="")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    name = dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted else ""
    dialog.deleteLater()
    window.set_annotator(name or login_name())
    # The keys back to the window: without a window manager (a kiosk, a bare X session) X gave
    # the focus to no window when the dialog closed, and J and 1 went nowhere until a click.
    window.activateWindow()


def login_name() -> str:
    """The name a person who dismissed the first start's question labels under: their login
    name, else "annotator" (a login name may be `gold`, the reviewers' name, or none)."""
    import getpass

    from annotator.core.settings import annotator_name_problem

    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        return "annotator"
    return name if annotator_name_problem(name) is None else "annotator"


def initial_project(project_path: Path | None, settings: Settings) -> tuple[Path | None, bool]:
    """The project to open and whether it may be created: the given one, else the most recent
    if its file is still there (`services.last_closed.last_project`), never an older one.

    A project an earlier start found gone (`Settings.gone_project`) stays the most recent until
    another opens: it is reopened once its file is back, and meanwhile nothing is. It may have
    been taken off Open Recent, whose first entry is then an older project.
    """
    if project_path is not None:
        return project_path, True
    if settings.gone_project:
        gone = Path(settings.gone_project)
        return (gone if gone.is_file() else None), False
    return last_project(settings.recent_projects), False


def missing_project(settings: Settings) -> Path | None:
    """The project a start with none named did not find, when `initial_project` gave none: the one
    an earlier start found gone, else the most recent (None at a first start)."""
    if settings.gone_project:
        return Path(settings.gone_project)
    return Path(settings.recent_projects[0]) if settings.recent_projects else None


def taken_from_its_folder(path: Path) -> bool:
    """Whether a recent project's file is gone from a folder still there (deleted, renamed or
    moved away), so that Open Recent need not offer it again.

    A project whose folder is gone with it may be on a drive not connected: it stays on the
    list, and the start after the drive is back reopens it.
    """
    return not os.path.lexists(path) and path.parent.is_dir()


def newest_backup_of(path: Path) -> datetime | None:
    """When the newest daily copy of a gone project was taken, if the backups hold one: the
    way back for a project deleted by mistake. A backups folder that cannot be read is left
    unsaid, not a start that fails."""
    from annotator.services.backups import backups_of

    try:
        copies = backups_of(path)
    except OSError as exc:
        log.warning("backups of %s not read: %s", path, exc)
        return None
    return copies[0].taken if copies else None


def name_the_missing_project(window: MainWindow, last: Path) -> None:
    """Say, where New and Open are, that the project worked on last is not where it was, unless
    the person asked not to be told again of that file; open no older one in its place.

    Said, not dropped from Open Recent without a word: a project moved, renamed or on a drive
    not connected is the person's work, and a start that showed the first page, or the project
    below it, left them to think it lost (or to label the wrong one). Said on the page, not in a
    message box each start would stop on. A project kept on a drive that is often not connected
    (a USB stick) was named at every start without it: its "Don't tell me again for this file"
    leaves that one file unsaid (`Settings.quiet_gone_projects`), every other file still named.
    Unsaid or not, it is remembered (`Settings.gone_project`), so each start opens it once it is
    back, and a file gone from a folder still there is taken off Open Recent all the same.
    """
    if not window.settings.is_quiet_when_gone(str(last)):
        window.centre.empty.show_missing(last, newest_backup_of(last))
    told = dataclasses.replace(window.settings, gone_project=str(last))
    if taken_from_its_folder(last):
        told = told.without_recent(str(last))
    if told != window.settings:
        window.update_settings(told)


def run(project_path: Path | None) -> int:
    """Open the main window on `project_path` (or the most recent project) and run until it closes.

    The checked start: every start whose first paint `ui.quick_start` cannot show.
    """
    setup_logging()
    app = make_application()
    try:
        start_checked(project_path)
    except Exception as exc:  # logged by the command line, which ends the process
        from annotator.ui.bugs import show_start_failure  # not on a good start's path

        show_start_failure(type(exc).__name__)
        raise
    return app.exec()


def start_checked(project_path: Path | None) -> MainWindow:
    """The whole window, shown, with `project_path` (or the most recent project) opened in it."""
    app = make_application()
    settings = load_settings()
    apply_theme(app, settings.theme)
    window = MainWindow(settings)
    install_excepthook(window)
    window.show()
    # The keys go to the window. Without a window manager to focus it (a kiosk, a bare X
    # session) J and 1 went nowhere until a click. A window manager would focus the window anyway.
    window.activateWindow()
    path, create = initial_project(project_path, settings)
    last = missing_project(settings) if path is None else None
    if last is not None:  # the most recent project's file is gone
        name_the_missing_project(window, last)
    if path is not None:
        # The file's checks in the pool: the first paint says "Opening <name>…" where the
        # article goes, and the article follows once they pass. Made here, they held the window
        # 0.1-0.3 s on 10,000 articles before its first paint. What opening can leave for later
        # waits for that paint (see `MainWindow.finish_start`).
        window.open_checked_in_pool(path, create=create, resume=True)
    ensure_annotator(window)  # at a first start, over the window and the project opening in it
    return window
