"""Team work in the main window: File > Merge, Team > Review / Statistics, View > Guidelines.

Kept out of `main_window.py` so that file only needs one call, `install_team_menu`;
everything here works on `window.project` (the open project is the team file).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox

from annotator.core.progress import CancelFn, ProgressFn
from annotator.services.merging import MergeReport, merge_files
from annotator.services.project import open_project
from annotator.ui.dashboard import open_dashboard
from annotator.ui.guidelines import GuidelinesPanel
from annotator.ui.review import open_review
from annotator.ui.services_bridge import Work
from annotator.ui.workers import Task


def merge_work(team_path: Path, paths: Sequence[Path]) -> Work:
    """Merge in a pool thread on its own connection (SQLite connections belong to one thread).

    A thread rather than a child process: the merge is SQLite work that releases the
    GIL, starts at once, and the service checks Cancel after every article.
    """

    def work(progress: ProgressFn, cancel: CancelFn) -> list[MergeReport]:
        with open_project(team_path, create=False) as team:
            return merge_files(team, paths, progress=progress, cancel=cancel)

    return work


def install_team_menu(window: QMainWindow, file_menu: QMenu, view_menu: QMenu) -> None:
    """Add the team actions and the guidelines dock to a main window."""
    win: Any = window
    tr = window.tr

    def need_project() -> Any:
        if win.project is None:
            win.show_error(tr("Open or create the team project first."))
        return win.project

    def merge() -> None:
        project = need_project()
        if project is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            window, tr("Merge project files into this project"), "", tr("Projects (*.db);;All files (*)")
        )
        if paths:
            win.merge_task = win._start_task(
                Task(merge_work(project.path, [Path(p) for p in paths]), name="merge"),
                tr("Merging project files…"),
                merged,
            )

    def merged(reports: list[MergeReport]) -> None:
        win.reload_articles()
        lines = [r.summary() for r in reports]
        conflicts = [str(c) for r in reports for c in r.conflicts]
        box = QMessageBox(QMessageBox.Icon.Information, tr("Merge finished"), "\n".join(lines), parent=window)
        box.setObjectName("mergeReport")
        if conflicts:
            box.setInformativeText(
                tr("{0} conflicts; the project kept its own values.").format(len(conflicts))
            )
            box.setDetailedText("\n".join(conflicts))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        win.merge_report = box
        box.open()  # not exec(): a nested event loop inside a worker's signal handler

    def review() -> None:
        project = need_project()
        if project is not None:
            dialog = open_review(window, project, reviewer=win.settings.annotator or "")
            if dialog is not None:
                dialog.decided.connect(lambda _article_id: win.reload_articles())

    def dashboard() -> None:
        project = need_project()
        if project is not None:
            open_dashboard(window, project)

    merge_action = QAction(tr("&Merge Project Files…"), window)
    merge_action.triggered.connect(lambda _c=False: merge())
    file_menu.insertAction(file_menu.actions()[-1], merge_action)  # above Quit
    team_menu = QMenu(tr("&Team"), window)
    team_menu.setObjectName("teamMenu")
    # Help stays the last menu, as on every desktop.
    help_menu = next((a for a in window.menuBar().actions() if a.text() == window.tr("&Help")), None)
    if help_menu is not None:
        window.menuBar().insertMenu(help_menu, team_menu)
    else:
        window.menuBar().addMenu(team_menu)
    review_action = team_menu.addAction(tr("&Review Disagreements…"))
    review_action.setShortcut("Ctrl+Shift+R")
    review_action.triggered.connect(lambda _c=False: review())
    stats_action = team_menu.addAction(tr("&Statistics and Agreement…"))
    stats_action.triggered.connect(lambda _c=False: dashboard())

    dock = QDockWidget(tr("Guidelines"), window)
    dock.setObjectName("guidelines_dock")
    panel = GuidelinesPanel(win.project)
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    dock.visibilityChanged.connect(lambda visible: panel.set_project(win.project) if visible else None)
    view_menu.addSeparator()
    view_menu.addAction(dock.toggleViewAction())
    win.guidelines_dock = dock
