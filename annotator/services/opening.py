"""The window's first project, opened on a thread while the window's modules load.

Starting the window is mostly loading PySide6 and the window's modules (about 100 ms of
CPU), and opening the project is mostly SQLite reading the file (`PRAGMA quick_check`, the
schema, the article list), which releases the GIL. So the command line starts the opening
here before it imports PySide6, and the window takes the result when it needs it, before
its first paint. Nothing is skipped: the thread runs the same `open_project` (every safety
check before any row is read) and the same article list query; the window waits for the
outcome before any row reaches it, and a refused file raises the same error there, in the
window's thread, as opening it there would. Qt-free, so it can run before PySide6 loads.
"""

from __future__ import annotations

import threading
from pathlib import Path

from annotator.core.model import ArticleSummary
from annotator.core.settings import Settings
from annotator.services.project import Project, open_project


def initial_project(project_path: Path | None, settings: Settings) -> tuple[Path | None, bool]:
    """The project to open and whether it may be created: the given one, else the most recent."""
    if project_path is not None:
        return project_path, True
    for recent in settings.recent_projects:
        if Path(recent).is_file():
            return Path(recent), False
    return None, False


class ProjectOpening:
    """`open_project(path)` and its article list, running on a thread from construction on.

    `result()` waits for it and hands the project over to the calling thread (or raises what
    the opening raised). A result nobody takes is closed by `discard()`.
    """

    def __init__(self, path: Path, *, create: bool) -> None:
        self.path = path
        self.create = create
        self._project: Project | None = None
        self._summaries: list[ArticleSummary] = []
        self._error: BaseException | None = None
        self._taken = False
        # Not a daemon: a process that ends first waits for the opening (it may be creating the
        # file) rather than killing it half-way.
        self._thread = threading.Thread(target=self._open, name="open-project")
        self._thread.start()

    def _open(self) -> None:
        try:
            project = open_project(self.path, create=self.create, handed_over=True)
            try:
                summaries = project.articles()
            except BaseException:
                project.close()
                raise
        except BaseException as exc:  # re-raised in the caller's thread by `result()`
            self._error = exc
            return
        self._project, self._summaries = project, summaries

    def result(self) -> tuple[Project, list[ArticleSummary]]:
        """The opened project and its article list, once; raises what opening it raised."""
        self._thread.join()
        if self._taken:
            raise RuntimeError("the opened project was already taken")
        self._taken = True
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        assert self._project is not None
        project, self._project = self._project, None
        return project, self._summaries

    def discard(self) -> None:
        """Wait for the opening and close its project if nobody took it."""
        self._thread.join()
        self._taken = True
        self._error = None
        if self._project is not None:
            self._project.close()
            self._project = None
