"""What a feature of the window (suggestions, team work) may use: a typed, narrow context.

Features do not reach into the window: they receive a `WindowContext`, build their
widgets and return what they made, and the window binds their handlers to the
declared actions (`ui.actions`). Anything a feature needs that is not here is a
sign it belongs in the window, or in a service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from annotator.core.commands import Change, Command
from annotator.core.model import AnnotatedArticle
from annotator.core.settings import Settings
from annotator.services.project import Project
from annotator.ui.article_view import ArticleView
from annotator.ui.workers import Result, Task, WorkReturning

if TYPE_CHECKING:
    from annotator.ui.task_runner import TaskOptions


class WindowEvents(QObject):
    """What happens in the window that features follow."""

    articleShown = Signal(int)  # an article (id) is now shown
    projectChanged = Signal()  # a project was opened (or the window has none)
    preannotated = Signal()  # new highlights and candidates (and their suggestions) are saved
    edited = Signal(object)  # a `Change`, after an edit, an undo or a redo was saved
    savedElsewhere = Signal()  # another window or program saved to the project (`ProjectWatch`)
    savingStopped = Signal()  # the project's file went and could not be put back (`ProjectWatch`)
    imported = Signal()  # articles were imported, before their pre-annotation (minutes on many)


class SettingsHandle(Protocol):
    """The user's settings as a dialog sees them: read, and replace (kept and saved)."""

    @property
    def settings(self) -> Settings: ...

    def update_settings(self, settings: Settings) -> None:
        """Keep and save changed settings."""


class WindowContext(SettingsHandle, Protocol):
    """The window as a feature sees it."""

    @property
    def project(self) -> Project | None: ...
    @property
    def article(self) -> AnnotatedArticle | None: ...
    @property
    def view(self) -> ArticleView: ...
    @property
    def events(self) -> WindowEvents: ...
    @property
    def preannotating(self) -> bool:
        """Whether pre-annotation runs in the background (its highlights and candidates to come)."""
        ...

    @property
    def opening(self) -> bool:
        """Whether another project is being opened: the one open now is about to close."""
        ...

    @property
    def opening_path(self) -> Path | None:
        """The project being opened (`opening`), to name it in a refusal."""
        ...

    @property
    def main_window(self) -> QMainWindow:
        """The parent for a feature's dialogs and docks."""
        ...

    def show_error(self, message: str, *, details: str = "") -> None:
        """One line to the person, in a message box and the status bar; `details` behind Show Details…."""

    def guard(self, slot: Callable[[], object]) -> None:
        """Run `slot`; user and machine errors become a message, bugs go to the log."""

    def run_task(
        self,
        work: WorkReturning[Result],
        title: str,
        on_success: Callable[[Result], None],
        options: TaskOptions,
    ) -> Task:
        """Run long work off the UI thread with progress and cancel (`TaskRunner.run`); its name,
        Cancel's question and what it says when stopped are in `options`."""
        ...

    def withdraw_task(self, task: Task) -> None:
        """Stop a task another request takes the place of, without a word (`TaskRunner.withdraw`)."""

    def status(self, message: str, timeout_ms: int = 4000, *, step: bool = False) -> None:
        """A passing line in the status bar; a `step`'s (where J, K or F3 went) is not kept
        for Help ▸ Recent Messages (`StatusBar.show_step`)."""

    def status_fitting(self, choices: Sequence[str], whole: str, timeout_ms: int) -> None:
        """A passing line, the first of `choices` that fits, `whole` in its tooltip
        (`StatusBar.show_fitting`)."""

    def run_edit(self, command: Command) -> Change:
        """Save an edit in one transaction and make it undoable."""
        ...

    def select_article(self, article_id: int) -> str:
        """Show an article, as if picked in the list; the search and filters it cleared to
        list it, in words for the status bar ("" for none)."""

    def show_article(self, article_id: int) -> None:
        """Read an article from the project and show it (again)."""

    def show_again(self) -> None:
        """Read the shown article again, keeping the person's place: work besides their own
        edits (pre-annotation, a merge) changed it."""

    def reload_articles(self) -> None:
        """Refresh the article list and progress from the project."""

    def waiting_entities(self) -> frozenset[int]:
        """The entity rows the undone edits waiting to be redone name: work on the project
        besides the person's edits (carrying the team's decisions) leaves them, or the redo
        would be refused."""
        ...
