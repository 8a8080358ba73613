"""Every two seconds, that the open project is still where it was and still guarded.

Two ways labels were lost while the window said "All changes saved":
- the keeping process (`store.keeper`) was killed, and the window's locks then went with a
  file dialog's stray close, so a background process deleted the journal in use;
- the project file was renamed, moved or deleted while open: what the window saved reached
  no file at the path, or a deleted one.

The watch starts a new keeper when the old one is gone, and when the file has left its path
it saves the open project, all of it, to a new file (at the same path if that is free) and
opens it there, telling the person what happened and where their work is. When no copy can
be made there (the folder was deleted, the disk removed), nothing more is saved (the window
would have committed into the deleted file and said "All changes saved"), and the person is
sent to File ▸ Save a Copy As…, which saves it all from the open connection.

It also lists again the articles when another window or program saved to the project (an
`annotator import` run while the window is open, a second window's labels): the list showed
only what the window itself did until the project was reopened. The article being read is
shown again as saved if its rows changed (`MainWindow.show_saved_changes`), keeping the
reader's place; while they are in the middle of something (a dialog, a drag selection), at
the first look after it.

While the window's own import or merge runs, the look is skipped: they write articles and
claims as other windows do, and theirs would be said to be someone else's. The window's own
pre-annotation, which can take an hour on a large project, writes only what pre-annotation
finds (never an article, a claim or a status), so the look goes on then: whatever differs in
the list or in the open article's claims and status is another's and shows at once; the
highlights the job renews show when it ends, as before. What a skipped or partial look could
not tell (guidelines, a decision on a name) shows at the first look after.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from annotator.core.errors import AnnotatorError
from annotator.core.text import counted
from annotator.ui.context import WindowContext

WATCH_MS = 2_000


class ProjectWatch(QObject):
    """Started when a project opens, stopped when it closes."""

    def __init__(
        self,
        ctx: WindowContext,
        *,
        close_project: Callable[[], None],
        open_project: Callable[[Path], None],
        busy: Callable[[], bool] = lambda: False,
        analysing: Callable[[], bool] = lambda: False,
        relist: Callable[[], None] = lambda: None,
        show_saved_changes: Callable[[bool], bool] = lambda _claims_only: True,
        gone: Callable[[], None] = lambda: None,
        copying: Callable[[], bool] = lambda: False,
        back: Callable[[str], None] = lambda _said: None,
        keep_history: Callable[[Path], None] = lambda _path: None,
    ) -> None:
        super().__init__(ctx.main_window)
        self.ctx = ctx
        self._close_project, self._open_project = close_project, open_project
        self._gone = gone  # the file left and no copy could be put back: nothing is saved now
        self._back = back  # ...and a file is at its path again: what to say of it
        self._keep_history = keep_history  # the undo history, for the copy opened again
        self._busy = busy  # the window's own import or merge is writing
        self._analysing = analysing  # the window's own pre-annotation alone is writing
        self._relist = relist  # list the articles again (read in the pool) if their rows changed
        self._copying = copying  # File ▸ Save a Copy As… runs: its end goes on in the copy
        self._missed = False  # another may have saved what a look during a job did not show
        self._timer = QTimer(self)
        self._timer.setInterval(WATCH_MS)
        self._timer.timeout.connect(self.check)
        self._gave_up = False
        self._said_back = False  # the file came back after `_gave_up`, and it was said
        self._articles = 0  # listed at the last look, to say how many another program added
        self._show_saved_changes = show_saved_changes  # False: not now, the person is busy
        self._article_stale = False  # another writer saved since the shown article was drawn
        self._claims_only = False  # ...while the window pre-annotated: redraw for claims or status

    def start(self, *, articles_listed: int | None = None) -> None:
        """Look every `WATCH_MS`. `articles_listed`: the article count the window took, with the
        project's note of what was saved (`changed_elsewhere`), just before it read the list when
        the project opened. The watch starts after the first paint, and taking its note only
        then let a save by another program in between (seconds on a loaded machine) pass as
        the starting state, never listed."""
        self._gave_up = self._missed = self._said_back = False
        if articles_listed is None:
            self.took_note()
        else:
            self._articles = articles_listed
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        project = self.ctx.project
        if project is None:
            return
        if self._gave_up:
            self._look_for_it_back()
            return
        project.keep_locks()  # a new keeper if the last one is gone
        if project.file_moved():
            # Saving elsewhere copies from the connection Save a Copy As… is copying from: the
            # look waited for all of that copy, the window still. That copy's end opens it
            # instead; a cancelled or failed one leaves the file to the next look.
            if not self._copying():
                self._save_elsewhere()
            return
        busy, analysing = self._busy(), self._analysing()
        others = False  # whether to tell the open panels (statistics, guidelines, review)
        if busy:
            self._missed = project.changed_elsewhere() or self._missed
        elif analysing:
            if project.changed_elsewhere():
                self._missed = True
                self._relist_while_analysing()
        elif project.changed_elsewhere() or self._missed:  # or a job ended: what it did not
            # show may be another's (what the job itself saved, its end showed already)
            self._missed = False
            self._list_again()
            self._article_stale, self._claims_only = True, False
            others = True
        if self._article_stale:
            self._article_stale = False
            claims_only, article = self._claims_only, self.ctx.article
            shown: list[bool] = []
            self.ctx.guard(lambda: shown.append(self._show_saved_changes(claims_only)))
            self._article_stale = shown == [False]  # deferred; a refused row is said once
            others = others or (claims_only and self.ctx.article is not article)
        if others:
            self.ctx.events.savedElsewhere.emit()

    def _look_for_it_back(self) -> None:
        """After the file went (`_save_elsewhere` gave up): once a file is at its path again,
        say that opening it again goes on there, and refuse each edit in those words.

        A USB disk plugged in again left the window saying the file was gone, and sent the
        person to Save a Copy As… only. Said once; the watch's only look at a gone project is
        this stat.
        """
        from annotator.ui.project_files import back_message, came_back

        project = self.ctx.project
        assert project is not None
        if self._said_back or not came_back(project):
            return
        self._said_back = True
        said = back_message(project)
        project.stop_saving(said)
        self._back(said)

    def _relist_while_analysing(self) -> None:
        """Something was saved while the window's own pre-annotation runs: perhaps only the
        job's batches. The job never changes a list row, a claim or a status, so a list that
        differs from the one shown is another's doing (said as such, with the articles they
        added), and so are the open article's claims and status if they differ: it is redrawn
        only then (`MainWindow.show_saved_changes` with claims only), not for the names the
        job renews, which show when it ends. The open panels read the project again only when
        the list or the article showed another's save, not at each of the job's batches (the
        statistics work agreement out again, seconds on a team file): for the list, the window
        tells them when its read in the pool finds a row that differs.
        """
        self.ctx.guard(self._relist)
        project = self.ctx.project
        if project is not None:
            count = project.article_count()
            added, self._articles = count - self._articles, count
            self._say_added(added)
        if not self._article_stale:  # a full redraw still owed stays one
            self._claims_only = True
        self._article_stale = True

    def took_note(self) -> None:
        """The window listed the articles as saved now (after its own import or merge, say):
        what others saved before is in the list, and not said as theirs."""
        project = self.ctx.project
        if project is not None:
            project.changed_elsewhere()
            self._articles = project.article_count()

    def _list_again(self) -> None:
        """The article list and progress as saved now, saying how many articles came in."""
        project = self.ctx.project
        assert project is not None
        count = project.article_count()
        added, self._articles = count - self._articles, count
        self.ctx.reload_articles()
        self._say_added(added)

    def _say_added(self, added: int) -> None:
        if added > 0:
            self.ctx.status(
                self.tr("{0} added to this project by another window or program").format(
                    counted(added, "article")
                ),
                8000,
            )

    def _save_elsewhere(self) -> None:
        """The open project, copied back to its path (`Project.save_where_it_was`), reopened;
        where no copy can be made there (its folder deleted, its disk removed), every edit is
        refused from now on and File ▸ Save a Copy As… is the way to keep the work."""
        project = self.ctx.project
        assert project is not None
        path = project.path
        try:
            target = project.save_where_it_was()
        except (AnnotatorError, OSError) as exc:
            self._gave_up = True  # said once, not every two seconds
            # SQLite would go on saving into the deleted file, lost at the close, while the
            # window said "All changes saved": every edit is refused instead, and the open
            # connection, which still reads the deleted file, saves all of it as a copy.
            project.stop_saving(
                self.tr(
                    "{0} was moved, renamed or deleted while open, so this was not saved. Choose "
                    "File ▸ Save a Copy As… to keep your work somewhere else, then go on there."
                ).format(path.name)
            )
            self._gone()
            self.ctx.show_error(
                self.tr(
                    "{0} was moved, renamed or deleted while open, and the labels cannot be saved "
                    "again there ({1}). Nothing more can be saved to it: choose File ▸ Save a Copy "
                    "As… to keep all your work, every label made so far included, in a folder you "
                    "pick; the window goes on there."
                ).format(path.name, exc)
            )
            return
        # The copy holds every row as the undo history left it: Ctrl+Z goes on there.
        self._keep_history(target)
        self._close_project()  # the window's side; the project itself is closed
        self.ctx.guard(lambda: self._open_project(target))
        self.ctx.show_error(
            self.tr(
                "{0} was moved, renamed or deleted while open. Everything saved so far, the last "
                "labels included, is now in {1}, and the window goes on there."
            ).format(path.name, target)
        )
