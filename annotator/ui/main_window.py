"""The annotation window: it holds the project and lays out the parts that do the work.

The parts live in their own modules (docs/DESIGN.md, *The window*): the article list, the
reading column, the claim list and the status bar; the keys that label (`ui.labelling`, over
the Qt-free `services.labelling`); the action table and menus (`ui.bindings`, over the
declarations in `ui.actions`); the features that receive a typed `WindowContext`. Every edit
is a core command run through `EditStack`; the window then refreshes only what the returned
`Change` names. It starts in two steps (`ui.two_step_start`): what the first paint shows and
the first key needs before that paint, the rest right after it. The project's safety checks
are never deferred: `open_project` refuses a hostile file before anything reads a row.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from annotator.core.collector import collector_paused
from annotator.ui.two_step_start import TwoStepStart

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    # The rest of the window loads when it is built: at once (`MainWindow()`), or right after
    # the first paint of a reopened project (`ui.quick_start`), which imports this module.
    from annotator.core.commands import Change, Command
    from annotator.core.errors import AnnotatorError, MachineError, ProjectFileError
    from annotator.core.model import AnnotatedArticle, Article, ArticleSummary, Claim, ClaimLabel
    from annotator.core.progress import CancelFn, ProgressFn
    from annotator.core.settings import Settings
    from annotator.services.last_closed import Maximized, Place, Reopened
    from annotator.services.project import CheckedFile, Project
    from annotator.ui.article_view import ViewPlace
    from annotator.ui.dialogs import ShortcutsDialog
    from annotator.ui.dock_room import DockRoom
    from annotator.ui.export_labels import ExportLabels
    from annotator.ui.geometry import PanelKeys, PanesBefore
    from annotator.ui.pipeline_dialog import PipelineDialog
    from annotator.ui.preferences import PreferencesDialog
    from annotator.ui.quick_start import Preview
    from annotator.ui.suggestions import SuggestionsFeature
    from annotator.ui.task_runner import TaskOptions
    from annotator.ui.team_menu import TeamFeature
    from annotator.ui.transfers import Transfers
    from annotator.ui.workers import Result, Task, WorkReturning


log = logging.getLogger(__name__)

_DOCK_AREAS = {
    "left": Qt.DockWidgetArea.LeftDockWidgetArea,
    "right": Qt.DockWidgetArea.RightDockWidgetArea,
    "top": Qt.DockWidgetArea.TopDockWidgetArea,
    "bottom": Qt.DockWidgetArea.BottomDockWidgetArea,
}
"""The sides a panel is kept docked on, by their names in window.ini (`geometry.DOCK_AREAS`)."""

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's limit on a widget's size
SAVE_COPY_TASK = "save copy"
"""The name of File ▸ Save a Copy As…'s task, which the project watch waits for."""


def _the_file_linked_to(path: Path) -> Path:
    """The project file a link (or a link to its folder) leads to, for the window to hold; `path`
    itself when it names no file through one, so that what the opening says names it as given.

    A window on a project opened through a link on the desktop took the link's deletion (the
    desktop tidied) for the project's: it said the project was moved, put a copy where the link
    had been and labelled there, while the project, untouched in its folder, got no more labels.
    """
    real = Path(os.path.realpath(path))
    return real if real != Path(os.path.abspath(path)) and real.is_file() else path


class MainWindow(QMainWindow):
    """One project at a time; one article shown; everything reachable from the keyboard."""

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        reopened: Reopened | None = None,
        before_build: Callable[[], None] | None = None,
    ) -> None:
        """The whole window at once; or, given what a clean close recorded (`reopened`; for a
        project opened first, its article read from the checked file, `services.first_open`),
        that article's page alone, and the rest right after its first paint (`ui.quick_start`).

        `before_build` runs first in that second step (the command line's logging).
        """
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName(self.tr("Annotator"))
        self.project: Project | None = None
        self.article: AnnotatedArticle | None = None
        self._places: dict[int, ViewPlace] = {}  # where each article read this session was left
        self._list_asked = 0  # the newest read of the article list asked of the pool (`reload_articles`)
        self._list_answered = 0  # how many of those reads have come back, read or not
        self._text_search_asked = 0  # the newest search of the article texts asked of the pool
        self._found: tuple[int, int, int] | None = None  # (article, start, end) a search selected
        self._listing: set[int] | None = None  # while one is out: the articles edited since it was asked
        self._told_elsewhere = 0  # how often the panels heard of another's save (`savedElsewhere`)
        self._opening_asked = 0  # the newest opening whose file the pool checks (`open_checked_in_pool`)
        self._opening: _Opening | None = None  # that opening, while its checks are out
        self._checks_out: dict[int, _PoolCheck] = {}  # every opening's checks out, dropped ones too
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.pipeline_dialog: PipelineDialog | None = None  # File > Pre-annotation Model…
        self.preferences_dialog: PreferencesDialog | None = None  # Edit > Preferences…
        self._recent_unsaved = False  # a project was opened and the recent list not yet saved
        self._said_settings_unsaved = False  # a settings folder that refuses them is said once
        self._built = False
        self._refused_by_copy = False  # "Not saved" says only of an edit Save a Copy As refused
        self._panels_at_close: tuple[PanelKeys, ...] = ()  # open at the last close (`_reopen_panels`)
        self._docking = False  # in `dock_shown`: it folds the list itself once the panes are shared
        self._dock_widths: dict[
            QDockWidget, int
        ] = {}  # at its last close (or the window's), for its next show
        # A panel's height one above the other panel: kept at the last close, or at its close beside it.
        self._dock_heights: dict[QDockWidget, int] = {}
        # Whether a panel was a tab in front of the other (True) or behind it at the last close.
        self._dock_tabbed: dict[QDockWidget, bool] = {}
        self._dock_room: DockRoom | None = None  # the panes' widths before a panel opened (`watch_dock`)
        self._panes_before_panel: PanesBefore | None = None  # kept at the last close, for the panel reopened
        self._pane_widths_at_close: list[int] | None = None  # beside the panels reopened (`_reopen_panels`)
        self._preview: Preview | None = None
        self._before_build = before_build
        self._start = TwoStepStart(self, self._build_the_rest, self.guard)
        if reopened is None:
            self._build(settings)
        else:
            from annotator.ui.quick_start import Preview, fits_record

            if fits_record(self, reopened):
                self._preview = Preview(self, reopened, misfit=self._preview_misfits)
            else:  # another size than at close: laid out for real before its first paint
                self._start_at_another_size(reopened)

    def _build(self, settings: Settings | None, *, splitter_sizes: list[int] | None = None) -> None:
        """Everything the window is made of; the splitter as stored, or as the preview had it."""
        from annotator.core.settings import Settings
        from annotator.ui.context import WindowEvents
        from annotator.ui.drops import FileDrops
        from annotator.ui.entity_mode import EntityMode
        from annotator.ui.features import Features
        from annotator.ui.geometry import (
            GUIDELINES_PANEL,
            SUGGESTIONS_PANEL,
            folded_list_width,
            list_folded_by_window,
            pane_widths_at_close,
            panel_open,
            panes_before_panel,
            restore_columns,
            restore_geometry,
        )
        from annotator.ui.labelling import LabellingController
        from annotator.ui.quotations import QuoteCorrection
        from annotator.ui.row_warnings import RowWarnings
        from annotator.ui.task_runner import TaskRunner
        from annotator.ui.undo import EditStack

        self.settings = settings if settings is not None else Settings()
        # What this window last read or wrote: it writes only what it changed since, onto what
        # the file holds then (`_save_settings`).
        self._settings_written = self.settings
        _show_app_icon()
        self.events = WindowEvents(self)
        self.events.savedElsewhere.connect(self._heard_elsewhere)
        self.events.savedElsewhere.connect(lambda: self.guard(self._follow_rename_elsewhere))
        self._followed_rename: tuple[str, str] | None = None  # (old, new) taken from elsewhere
        self.runner = TaskRunner(self, guard=self.guard, show_error=self.show_error, status=self.status)
        self.undo_stack = EditStack(
            self._on_change,
            self._on_edit_error,
            self,
            save=self._save_when_free,
            renewing=lambda: self.preannotating,
        )
        self._opened_by_replay = ""  # the article an undo or redo just opened, in words
        self._cleared_by_replay = ""  # the search and filters cleared to list it, in words
        self.undo_stack.said.connect(self._say_of_history)
        self.features = Features(self)
        from annotator.ui.daily_backup import DailyBackup
        from annotator.ui.project_watch import ProjectWatch

        self.daily_backup = DailyBackup(self)
        self.project_watch = ProjectWatch(
            self,
            close_project=self.close_project,
            open_project=self.open_checked_in_pool,
            busy=lambda: self.busy and not self._only_preannotating(),
            analysing=self._only_preannotating,
            relist=self._relist_if_changed,
            show_saved_changes=lambda claims_only: self.show_saved_changes(claims_only=claims_only),
            gone=self._project_gone,
            back=self._project_back,
            keep_history=self.undo_stack.keep_for,
            # A copy's end opens the copy; so does an opening out (Save a Copy As's, after it):
            # the window is leaving the moved file, which is not saved back meanwhile.
            copying=lambda: self.runner.running(SAVE_COPY_TASK) or self.opening,
        )
        self.daily_backup.failed.connect(lambda message: self.status(message, 10000))
        self._build_widgets()
        from annotator.ui.daily_backup import BackupWarning

        self.backup_warning = BackupWarning(self.daily_backup, self.status_bar, self)
        self.claims.keep_room_for(self.settings.annotator)
        self.entities = EntityMode(self, self.legend)
        self.quotations = QuoteCorrection(self)
        self.labelling = LabellingController(
            self, claims=self.claims, articles=self.articles, entities=self.entities
        )
        self._build_actions()
        self.drops = FileDrops(self, lambda paths: self.guard(lambda: self.files_dropped(paths)))
        if splitter_sizes is None:
            stored = restore_geometry(self, self.splitter)
            if stored is None:  # a first start, or a forgotten state
                self.share_panes()
            else:
                self._fit_stored_panes(stored)
            self._fold_list_if_unfitting()
        else:
            self.splitter.setSizes(splitter_sizes)
        self.list_fold.sync()  # a list folded when the window closed is folded now
        self.list_fold.folded_at_close(folded_list_width())  # and comes back at its width then
        if list_folded_by_window():  # not by the person: back when there is room for it
            self.list_fold.folded_by_window_at_close()
        restore_columns(self.article_list.header())
        # Opened once the window has painted (`_build_features`): not built on the first paint's path.
        self._panels_at_close = tuple(
            keys for keys in (SUGGESTIONS_PANEL, GUIDELINES_PANEL) if panel_open(keys)
        )
        self._panes_before_panel = panes_before_panel()
        self._pane_widths_at_close = pane_widths_at_close()
        self._update_title()
        self.row_warnings = RowWarnings(self)
        self.row_warnings.said.connect(lambda text: self.status(text, 10000))
        self._built = True

    # ================================================================ the context features get

    @property
    def main_window(self) -> QMainWindow:
        return self

    def status(self, message: str, timeout_ms: int = 4000, *, step: bool = False) -> None:
        if step:
            self.status_bar.show_step(message, timeout_ms)
        else:
            self.statusBar().showMessage(message, timeout_ms)

    def status_fitting(self, choices: Sequence[str], whole: str, timeout_ms: int) -> None:
        self.status_bar.show_fitting(choices, whole, timeout_ms)

    def run_task(
        self,
        work: WorkReturning[Result],
        title: str,
        on_success: Callable[[Result], None],
        options: TaskOptions,
    ) -> Task:
        return self.runner.run(work, title, on_success, options)

    def withdraw_task(self, task: Task) -> None:
        self.runner.withdraw(task)

    def run_edit(self, command: Command) -> Change:
        """Run an edit; one refused because the article changed under the view shows it again.

        The view can be older than the file: another window or a command deleted the claim a
        key acted on, or pre-annotation in the background (a model change, Pre-annotate All)
        replaced the shown article's suggestions before the window heard of it, or never, if
        it is cancelled. Every key on them then failed again, or acted on another row that
        took the id, until the person opened another article.

        A claim deleted elsewhere is said without its id, which the person never saw, and
        without the store's "reopen the article to see it as saved": it is shown again here.
        """
        from annotator.core.errors import ChangedMeanwhile, NotFoundError

        try:
            return self.undo_stack.run(command)
        except (ChangedMeanwhile, NotFoundError) as exc:
            # Shown as saved, so the next key acts on that.
            self.show_again()
            if isinstance(exc, NotFoundError) and exc.row == "The claim":
                log.info("edit refused: %s", exc)
                said = self.tr(
                    "The claim was deleted in another window or by a command; the article now shows"
                    " what is saved"
                )
                raise NotFoundError(said, row=exc.row) from exc
            raise

    def _save_when_free(self, attempt: Callable[[], Change], what: str) -> Change:
        """A save that waits, with the window alive, while another program writes (`ui.lock_wait`)."""
        from annotator.ui.lock_wait import save_when_free

        assert self.project is not None
        return save_when_free(self, self.project, attempt, what=what[:1].lower() + what[1:])

    def show_again(self) -> None:
        """Read the shown article again, keeping the person's place (see `WindowContext`)."""
        if self.article is not None and self.project is not None:
            place = self.view.place()
            self.show_article(self.article.article.id)
            self.view.restore_place(place)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    @property
    def listing(self) -> bool:
        """Whether a read of the article list is still out in the pool (`reload_articles`): the
        runner is idle as soon as an import or a merge is saved, and its rows come a moment later."""
        return self._list_answered < self._list_asked

    def _only_preannotating(self) -> bool:
        """Whether the window's only work in the background is pre-annotation, which writes no
        article, claim or status: the project watch then still shows what others save."""
        from annotator.ui.transfers import PREANNOTATION_TASK

        tasks = self.runner.tasks
        return bool(tasks) and all(task.name == PREANNOTATION_TASK for task in tasks)

    @property
    def preannotating(self) -> bool:
        from annotator.ui.transfers import PREANNOTATION_TASK

        return self.runner.running(PREANNOTATION_TASK)

    @property
    def progress_dialog(self) -> QWidget | None:
        return self.runner.progress_dialog

    @property
    def entity_mode(self) -> bool:
        return self.entities.active

    @property
    def auto_preannotate(self) -> bool:
        """Whether what an import adds (or a project lacks) is pre-annotated in the background."""
        return self.transfers.auto_preannotate

    @auto_preannotate.setter
    def auto_preannotate(self, value: bool) -> None:
        self.transfers.auto_preannotate = value

    # ================================================================ built after the first paint

    @property
    def suggestions(self) -> SuggestionsFeature:
        """Label suggestions: train dialog, panel dock, Enter (built on first use)."""
        return self.features.suggestions

    @property
    def team(self) -> TeamFeature:
        """Merge, review, statistics and the guidelines dock (built on first use)."""
        return self.features.team

    @property
    def transfers(self) -> Transfers:
        """Import, pre-annotation and export (built on first use)."""
        return self.features.transfers

    def feature(self, name: str) -> SuggestionsFeature | TeamFeature:
        """The feature an action declares (`ActionSpec.feature`), built if it is not yet."""
        return self.suggestions if name == "suggestions" else self.team

    def files_dropped(self, paths: list[Path]) -> None:
        """Files or folders dropped on the window: imported into the open project; with none
        open, a project file opens, as Open Project… would open it, and articles are refused
        with what to do first, as they are while another project opens.

        A project file dropped on an open project is left to the import, whose report says to
        open it or merge it: a teammate's file may be meant for either. Articles dropped while
        the window said "Opening <name>…" went into the project about to close, or were
        cancelled with it, never into the one being opened.
        """
        from annotator.core.errors import UserError
        from annotator.services.paths import PROJECT_ENDINGS

        names = ", ".join(path.name for path in paths[:3]) + (", …" if len(paths) > 3 else "")
        one_project = len(paths) == 1 and paths[0].name.lower().endswith(PROJECT_ENDINGS)
        if self._opening is not None and not (one_project and self.project is None):
            raise UserError(
                self.tr("{0}: not imported while {1} opens. Drop them again once it is open.").format(
                    names, self._opening.path.name
                )
            )
        if self.project is not None:
            self.import_paths(paths)
            return
        if one_project:
            if self.open_despite_work(self.tr("Open project")):
                self.open_checked_in_pool(paths[0])
            return
        raise UserError(
            self.tr(
                "{0}: not imported, since no project is open. Open or create a project (File ▸ Open"
                " Project… or New Project…), then drop the articles on it again."
            ).format(names)
        )

    def import_paths(self, import_paths: list[Path]) -> Task | None:
        """Import files or folders in a worker, then pre-annotate what was added."""
        return self.transfers.import_paths(import_paths)

    def export_to(
        self, out_path: Path, fmt: str, *, confirmed: bool = False, labels: ExportLabels | None = None
    ) -> Task | None:
        """Export `labels` (everyone's, one annotator's or the gold ones; None: everyone's) in a
        worker; asks before overwriting."""
        if labels is None:
            return self.transfers.export_to(out_path, fmt, confirmed=confirmed)
        return self.transfers.export_to(out_path, fmt, confirmed=confirmed, labels=labels)

    @property
    def start_finished(self) -> bool:
        """Whether what the first paint did not need has been built (see `ui.two_step_start`)."""
        return self._start.finished

    def finish_start(self) -> None:
        """Build what the first paint did not need, and do what opening the project left for it."""
        self._start.finish()

    def _build_the_rest(self) -> None:
        from annotator.ui.focus_return import return_focus_after_dialogs
        from annotator.ui.geometry import keep_file_dialogs_on_screen
        from annotator.ui.theme import frame_focus_on_plain_fusion, install_keyboard_cues

        app = QApplication.instance()
        keep_file_dialogs_on_screen(app or self)
        if isinstance(app, QApplication):
            frame_focus_on_plain_fusion(app)
            install_keyboard_cues(app)
            return_focus_after_dialogs(app)
        preview = self._preview
        if preview is not None:
            # The preview stays painted, and takes keys, while the pool checks its file; the
            # window is built in its place and the project opened in one slot once they pass,
            # so no frame draws the window without the article (`_build_on_preview`).
            self._run_before_build()
            self._check_in_pool(preview.record.project, self._build_on_preview)
            return
        self._build_features()

    def _build_on_preview(self, checked: CheckedFile | None) -> None:
        """The pool's checks of the previewed project came (`checked`; None: refused, or not
        made): the window in the preview's place, the project opened, then the features."""
        preview, self._preview = self._preview, None
        if preview is None:
            return  # built already, at another size (`_preview_misfits`), which opens it itself
        self._finish_reopening(preview.record, preview, checked=checked)
        self._build_features()

    def _build_features(self) -> None:
        log.debug("built after the first paint: %s", ", ".join(self.features.build_all()))
        self._reopen_panels()
        self._say_settings_set_aside()

    def _reopen_panels(self) -> None:
        """The side panels open at the last close (Suggestions, Guidelines) open again, over the
        project the start opened: someone who works from one opened it by mouse at every start.
        A start whose project did not open (gone, refused) has nothing for them to show, and
        leaves them closed."""
        reopen, self._panels_at_close = self._panels_at_close, ()
        if not reopen or self.project is None:
            return
        from annotator.ui.geometry import SUGGESTIONS_PANEL

        docks = [self.suggestions.dock if keys == SUGGESTIONS_PANEL else self.team.dock for keys in reopen]
        before, room = self._panes_before_panel, self._dock_room
        if before is not None and room is not None and any(not dock.isFloating() for dock in docks):
            room.take_before(before)  # not the narrow widths the panels left
        for dock in docks:
            dock.show()
        docked = [dock for dock in docks if not dock.isFloating()]
        if docked:
            self._panes_as_left_beside_panels()

    def _panes_as_left_beside_panels(self) -> None:
        """The list, the text and the claims as wide as they were beside the docked panels at the
        last close, when the panels took back the width they had then.

        Opened again, a panel shares the panes anew (`dock_shown`): a list widened beside it, or
        a panel widened at the text's expense, came back narrowed (the list from 495 px to 357,
        the claims from 326 to 246 on a 1400 px window). Widths of another splitter's width (a
        smaller screen, a panel kept narrower), or a fold the sharing undid or made, are left to it.
        """
        at_close, self._pane_widths_at_close = self._pane_widths_at_close, None
        sizes = self.splitter.sizes()
        if at_close is None or len(sizes) != 3 or sum(at_close) != sum(sizes):
            return
        if (at_close[0] == 0) != (sizes[0] == 0) or (at_close[2] == 0) != (sizes[2] == 0):
            return
        if at_close[1] < self.centre.minimumSizeHint().width():
            return
        self.splitter.setSizes(at_close)
        self.list_fold.sync()

    def _run_before_build(self) -> None:
        before, self._before_build = self._before_build, None
        if before is not None:
            before()

    def _say_settings_set_aside(self) -> None:
        """A settings file found broken at this start was set aside: say so, and where it went.
        Values in it the window cannot use were left for their defaults: say which.

        A hand-edited text size of 60 or a theme of "Dark" came back as 13 and System without a
        word, and the next save wrote the defaults over them.
        """
        from annotator.services.paths import settings_file
        from annotator.services.settings import settings_refused, settings_set_aside

        broken = settings_set_aside()
        refused = settings_refused()
        if broken is not None:
            self.show_error(
                self.tr(
                    "Your settings could not be read, so Annotator started with its defaults. The"
                    " broken file was kept as {0}."
                ).format(broken)
            )
        elif refused:
            words = {
                "annotator": self.tr("your name"),
                "theme": self.tr("the theme"),
                "font_size": self.tr("the text size"),
                "suggestion_threshold": self.tr("the suggestion threshold"),
                "max_import_bytes": self.tr("the largest file to import"),
            }
            self.show_error(
                self.tr(
                    "Some of your settings in {0} could not be used, so Annotator uses its defaults"
                    " for them: {1}. Edit ▸ Preferences sets them again."
                ).format(settings_file(), ", ".join(words.get(name, name) for name in refused))
            )

    def _preview_misfits(self) -> None:
        """The maximized window is not of the recorded size (`ui.quick_start._MappedSize`): the
        window in the preview's place now, before the next frame; the rest after the first paint."""
        preview, self._preview = self._preview, None
        if preview is not None:
            self._drop_opening()  # the pool may be checking the file for the preview: checked here
            self.guard(lambda: self._finish_reopening(preview.record, preview))
            if self._start.finished:  # that check was out: the rest was left for its answer
                self.guard(self._build_features)
            # Logged once the command line's logging is set up (`before_build`).
            log.info(
                "maximized to %dx%d, not %dx%d as at close: the window was built before it was drawn",
                self.width(),
                self.height(),
                *preview.record.window_size,
            )

    def _start_at_another_size(self, record: Reopened) -> None:
        """The window of another size than at close, built before its first paint, its project
        checked in the pool as at the checked start (`ui.app.start_checked`): the first paint
        says "Opening <name>…" where the article goes, and the article follows once the checks
        pass. Made on this thread, they kept the window off the screen as long: 0.55-1.09 s on a
        100 MB project, 0.07-0.12 s now, the article as soon under load and up to 0.4 s later at
        quieter moments (`benchmarks/bench_start_another_size.py`); a window that long in coming
        looked like a program that had not started."""
        from annotator.services import last_closed
        from annotator.services.settings import load_settings

        self._run_before_build()
        self._build(load_settings())

        def tried(opened: bool) -> None:
            if not opened:
                last_closed.forget()

        self.open_checked_in_pool(record.project, resume=True, then=tried)

    def _finish_reopening(
        self, record: Reopened, preview: Preview, *, checked: CheckedFile | None = None
    ) -> None:
        """The window in the preview's place, then the project opened (every check first).

        The window takes the preview's pane widths (set for its size now). The preview's article
        came from the record of the last clean close, or from the file after the checks the open
        makes before it reads a row (`store.first_page`): if the checked open refuses the file,
        the empty window and the usual message are what remains, and the record is dropped.
        Keys pressed on the preview act once the project is open.

        `checked`: the pool's checks, made while the preview was shown (`_build_on_preview`).
        A maximized preview that turns out of another size (`_preview_misfits`) makes them here,
        on its thread: it may have drawn the article already (a resize after its first frame),
        which "Opening <name>…" would replace until the checks pass, and its keys act at once.
        """
        from annotator.services import last_closed
        from annotator.services.settings import load_settings

        self._run_before_build()
        keys = preview.take_keys()

        def tried(opened: bool) -> None:
            if not opened:
                last_closed.forget()

        bar = self.menuBar()
        bar.setMinimumHeight(0)  # the preview held its height; its menus now do
        bar.setMaximumHeight(QWIDGETSIZE_MAX)
        self._build(load_settings(), splitter_sizes=preview.splitter_sizes())
        # Shown now, not in a later turn as a widget added to a shown window is: the next
        # frame draws the whole window, never an empty one.
        self.splitter.show()
        self.status_bar.show()
        self._open_now(record.project, checked, create=False, resume=True, then=tried)
        # Settled now, as the preview was before its paint: the view shows or hides its scroll
        # bar in a queued call, and the frame before it drew the text a scroll bar wider.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.sendPostedEvents(self.view, QEvent.Type.MetaCall)
        preview.replay(keys, self)

    # ================================================================ building

    def _build_widgets(self) -> None:
        from PySide6.QtCore import Qt  # not at the top: its first use builds its 93 enums (12 ms)

        from annotator.ui.article_panel import ArticlePanel
        from annotator.ui.centre import Centre
        from annotator.ui.claim_panel import ClaimPanel
        from annotator.ui.status_bar import StatusBar

        self.articles = ArticlePanel()
        self.articles.articleSelected.connect(
            lambda article_id: self.guard(lambda: self._read_article(article_id))
        )
        # The list's parts by the names tests and the self-test use.
        self.article_model, self.article_filter = self.articles.model, self.articles.filter
        self.search, self.article_list = self.articles.search, self.articles.list
        self.status_filter, self.label_filter = self.articles.status_filter, self.articles.label_filter

        self.centre = centre = Centre(self.settings)  # legend, title, text, the line under it
        self.legend, self.view, self.context_line = centre.legend, centre.view, centre.context_line

        # Right: the claims of this article.
        self.claims = ClaimPanel()
        self.claims.claimPicked.connect(self._claim_picked)
        self.claims.emptiedWithFocus.connect(self._claims_emptied)
        self.claim_model, self.claim_list = self.claims.model, self.claims.list

        from annotator.ui.geometry import PaneSplitter

        self.splitter = PaneSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for index, (part, stretch) in enumerate(((self.articles, 0), (centre, 1), (self.claims, 0))):
            self.splitter.addWidget(part)
            self.splitter.setStretchFactor(index, stretch)
        self.setCentralWidget(self.splitter)

        self.status_bar = StatusBar()
        self.setStatusBar(self.status_bar)
        bar = self.status_bar  # its labels by the names tests and the transfers use
        self.project_label, self.model_label = bar.project_label, bar.model_label
        self.progress_label, self.save_label = bar.progress_label, bar.save_label

        self.legend.hiddenChanged.connect(self._hidden_labels_changed)
        self.view.selectionChanged.connect(self._selection_moved)
        self.view.escapePressed.connect(lambda: self.guard(self.back_to_text))
        self.articles.articleOpened.connect(lambda _id: self._opened_to_read())
        self.articles.textSearch.connect(lambda needle: self.guard(lambda: self._search_texts(needle)))
        self.articles.textSearchFailed.connect(lambda message: self.status(message, 10000))
        self.articles.filteredOut.connect(lambda message: self.status(message, 10000))
        self.articles.foundInNotes.connect(lambda message: self.status(message, 10000))
        self.articles.nothingFound.connect(
            # The search matches from a word's start: "No article listed holds “rump”" read as
            # wrong beside a text that holds "Trump".
            lambda needle: self.status(
                self.tr(
                    "No article listed has “{0}” at the start of a word in its title, source, text or notes"
                ).format(needle)
            )
        )

    def _build_actions(self) -> None:
        """Actions from their declarations, bound by id, and the menus (`ui.bindings`)."""
        from annotator.ui.bindings import bind_actions, build_menus
        from annotator.ui.list_fold import ListFold

        self.registry = bind_actions(self)
        self.list_fold = ListFold(self, self.registry["article_list"])
        self.recent, self.theme_actions = build_menus(self, self.registry)
        self.recent_menu = self.recent.menu
        self._set_enabled()

    def set_theme(self, theme: str) -> None:
        """System, light or dark, applied at once and remembered in the settings."""
        import dataclasses

        from annotator.ui.theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.update_settings(dataclasses.replace(self.settings, theme=theme))

    def _set_enabled(self) -> None:
        """Actions, and the reading column or (with no project) New and Open, as the state allows."""
        # While the list of a project just opened is read, the keys on an article stay enabled:
        # pressed before an article shows, they say why nothing happens (`say_no_article`).
        article = self.article is not None or (self.project is not None and self.articles.loading)
        self.registry.set_enabled(project=self.project is not None, article=article)
        self._follow_the_history()
        self.enable_panes()
        self.entities.show_mode()
        self.centre.show_reading(self.project is not None)

    def enable_panes(self) -> None:
        """The article list (unless folded away, `ui.list_fold`) and the claim list, with a
        project open only.

        With no project they hold nothing to act on: enabled, Tab stopped on the claim list,
        the search box, both filters and the article list, framed and empty, between New, Open
        and Sample Project. Disabled, Tab skips them and they read as unavailable.
        """
        opened = self.project is not None
        self.articles.setEnabled(opened and not self.list_fold.folded)
        self.claims.setEnabled(opened)

    # ================================================================ errors

    def guard(self, slot: Callable[[], object]) -> None:
        """Run a slot; user and machine errors become a message, bugs go to the log."""
        from annotator.core.errors import AnnotatorError, MachineError

        try:
            slot()
        except AnnotatorError as exc:
            if isinstance(exc, MachineError) and self._built:
                self._show_not_saved(exc)
            self.show_explained(exc)
        except Exception as exc:
            log.exception("unexpected error")
            self.show_bug(type(exc).__name__)

    def show_bug(self, kind: str) -> None:
        """Say that a bug of this kind happened, the log behind Show Details… (`ui.bugs`)."""
        from annotator.ui.bugs import bug_text

        said = bug_text(kind)
        self.show_error(said.text, details=said.details)

    def show_explained(self, exc: AnnotatorError) -> None:
        """An error in plain words, its technical detail behind Show Details… (`ui.error_text`)."""
        from annotator.ui.error_text import explain

        said = explain(exc)
        self.show_error(said.text, details=said.details)

    def show_error(self, message: str, *, details: str = "") -> None:
        """`message` in a box and the status bar; `details` (a table, a row, a log) one click
        away, for whoever repairs a file or reads the log, not in the way of the person.

        The box says it as a sentence (`as_sentence`): a service's message is the command
        line's, lowercase and without a stop. The status bar's lines keep theirs.
        """
        from annotator.ui.error_text import as_sentence

        log.info("shown to user: %s%s", message, f" ({details})" if details else "")
        self.statusBar().showMessage(message, 8000)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Annotator"),
            as_sentence(message),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("errorBox")
        if details:
            box.setDetailedText(details)  # plain text whatever it holds: Qt shows it in a QTextEdit
        from PySide6.QtCore import Qt

        from annotator.ui.plain import plain

        plain(box)  # messages quote titles and file names
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _show_not_saved(self, exc: MachineError) -> None:
        from annotator.core.errors import CopyInProgress

        self._refused_by_copy = isinstance(exc, CopyInProgress)
        self.status_bar.show_saved(False)

    def _copy_ended(self, project: Project) -> None:
        """An edit refused while the copy ran (`CopyInProgress`) was said in its message and
        nothing of it waits to be saved: "Not saved" stayed until the next edit, as if work
        were at risk. Any other refusal since keeps it."""
        if self._refused_by_copy and self.project is project:
            self.status_bar.show_saved(True)
        self._refused_by_copy = False

    def _on_edit_error(self, exc: AnnotatorError, message: str, *, history_kept: bool = False) -> None:
        """An undo or redo that could not be saved, or was refused since its rows are gone or
        changed elsewhere (`message` says which edit, and why): a refused one shows the list
        and the article as saved, as `run_edit` does for an edit (the person's work is all
        saved then, so "Not saved" would only alarm them). The history goes, unless the
        stack dropped only the refused step and the steps that depended on it
        (`history_kept`), or the step was refused while Save a Copy As runs and wrote
        nothing (`EditStack`). A step whose wait for another program's write was cancelled
        wrote nothing either, and the window shows what the file holds: "Not saved" stayed
        up as if work were at risk."""
        from annotator.core.errors import (
            ChangedMeanwhile,
            CopyInProgress,
            MachineError,
            NotFoundError,
            ProjectLockedError,
        )

        self.show_error(message)
        if not isinstance(exc, CopyInProgress) and not history_kept:
            QTimer.singleShot(0, self.undo_stack, self.undo_stack.clear)  # not once it is deleted
        if isinstance(exc, ProjectLockedError) and history_kept:
            return
        if isinstance(exc, MachineError):
            self._show_not_saved(exc)
        else:
            self.guard(self.reload_articles)
            self.guard(self.show_again)
            if isinstance(exc, (ChangedMeanwhile, NotFoundError)):
                # Refused for another's save, which the list's read above takes note of, so the
                # project watch no longer tells the open panels: the Guidelines panel went on
                # showing the text the undo was refused for, under words that sent the person
                # to it "to see them as saved".
                self.events.savedElsewhere.emit()

    # ================================================================ projects

    @property
    def opening(self) -> bool:
        """Whether a project's file is being checked in the pool, to be opened when it passes."""
        return self._opening is not None

    @property
    def opening_path(self) -> Path | None:
        """The project whose file the pool checks (`opening`), or None."""
        return self._opening.path if self._opening is not None else None

    def open_checked_in_pool(
        self,
        path: Path,
        *,
        create: bool = False,
        resume: bool = False,
        then: Callable[[bool], None] | None = None,
    ) -> None:
        """Open a project, its file's checks made in the pool first; the project open stays as it
        is until they pass. Every way a project opens comes here: File ▸ Open, Open Recent, the
        start (`resume`, as `open_project`), a new project (`create`), the sample, Save a Copy
        As's reopen, a restored backup, the watch's reopen of a moved file.

        On the window's thread the checks held the window still 0.1-0.3 s on 10,000 articles
        (`benchmarks/bench_open_list.py`). The status bar says "Opening <name>…" meanwhile, and
        so does the article area when no project is open; an opening asked later, or a close,
        drops the answer, and what the checks left beside the file for the opening goes with
        it. The window's connection then takes the pool's checks for its own while the file is
        as it was checked (`store.checked_files.CheckedFile`), and makes them itself otherwise,
        as it does for a file the pool refused: the refusal is said as the window's open says it.

        With `create`, a file not there yet is made at once, on this thread: it has nothing to
        check, and its empty schema is written in milliseconds. `then`: told whether the project
        opened, once the open was tried (never for a dropped answer).
        """
        self._drop_opening()  # an opening asked later drops the answer to an earlier one
        if create and not os.path.lexists(path):
            self._open_now(path, None, create=True, resume=resume, then=then)
            return
        self._check_in_pool(path, partial(self._open_now, path, create=create, resume=resume, then=then))

    def _check_in_pool(self, path: Path, open_checked: Callable[[CheckedFile | None], None]) -> None:
        """Check the file in the pool, then `open_checked` (given what the pool found, or None
        if it refused the file or failed), unless another opening or a close came first."""
        from PySide6.QtCore import QThreadPool

        from annotator.core.errors import AnnotatorError
        from annotator.services.project import check_before_opening, not_opening
        from annotator.ui.workers import Task

        self._drop_opening()
        self._opening_asked += 1
        asked = self._opening_asked
        check = self._checks_out[asked] = _PoolCheck(asked, path)
        self._opening = _Opening(asked, path, open_checked)
        self._start.hold()  # at a start, the rest is built after the article's paint, not before
        self._say_opening()

        def work(_progress: ProgressFn, _cancel: CancelFn) -> _PoolCheck:
            try:
                checked = check_before_opening(path)
            except AnnotatorError:
                return check  # refused again by the open, in its words
            if not check.answered(checked):  # the window closed meanwhile: no slot will come
                not_opening(path, checked)
            return check

        checks_out = self._checks_out
        task = Task(work, name="project checks")
        _CHECKING.add(task)
        task.signals.succeeded.connect(self._checked_in_pool)
        task.signals.failed.connect(self._not_checked_in_pool)
        task.signals.finished.connect(lambda: _CHECKING.discard(task))
        task.signals.finished.connect(lambda: checks_out.pop(asked, None))
        task.start_in(QThreadPool.globalInstance())

    def _checked_in_pool(self, check: _PoolCheck) -> None:
        asked, path, checked = check.asked, check.path, check.take()
        opening = self._opening
        if opening is None or asked != opening.asked:
            # Another opening was asked, or the project closed (a closed window let go of the
            # answer already, `_let_go_of_checks`: it takes None here).
            if checked is not None and not self._holds_or_opens(path):
                from annotator.services.project import not_opening

                not_opening(path, checked)
            return
        self._drop_opening(release=False)
        opening.open_checked(checked)
        self._start.release()

    def _holds_or_opens(self, path: Path) -> bool:
        """Whether the window's project, or the opening now out, is the file at `path`: what a
        dropped check left beside it is theirs then."""
        named = [self.project.path] if self.project is not None else []
        if self._opening is not None:
            named.append(self._opening.path)
        try:
            return any(os.path.samefile(other, path) for other in named if os.path.exists(other))
        except OSError:
            return True  # not told apart: left as they are

    def _not_checked_in_pool(self, message: str) -> None:
        """A bug in the pool's checks: the open makes them itself (the log has the traceback)."""
        log.warning("project checks not made in the pool: %s", message)
        opening = self._opening
        if opening is not None:
            self._checked_in_pool(_PoolCheck(opening.asked, opening.path))

    def _say_opening(self) -> None:
        """The status bar and, with no project open, the article area say which project is
        being opened (a window still being built says it once built).

        The panes were fitted to the page before it changed: with 1.5 times the desktop's font,
        "Opening test.annotator.db…" once took 417 px where "No project is open" took 315, and a
        window 780 px wide at close was built 864 px wide before its first paint. The heading
        now asks for no width (`ui.centre.EmptyState`); the fit is checked again all the same
        (`_fold_list_if_unfitting`), as when the panes' minimums are too wide at a start.
        """
        from annotator.services.paths import name_on_one_line

        if self._opening is not None and self._built:
            name = name_on_one_line(self._opening.path.name)
            self.statusBar().showMessage(self.tr("Opening {0}…").format(name))
            self.centre.show_opening(name)
            self._fold_list_if_unfitting()

    def _drop_opening(self, *, release: bool = True) -> None:
        """No answer of the pool's checks now out opens its project (and, with `release`, the
        rest of the window need not wait for it)."""
        if self._opening is not None:
            self._opening = None
            if self._built:
                self.statusBar().clearMessage()
                self.centre.show_opening(None)
        if release:
            self._start.release()

    def _open_now(
        self,
        path: Path,
        checked: CheckedFile | None,
        *,
        create: bool,
        resume: bool,
        then: Callable[[bool], None] | None,
    ) -> None:
        """Open now what the pool checked (`checked`, as `open_project` takes it); tell `then`
        whether it opened."""
        opened = False

        def attempt() -> None:
            nonlocal opened
            self.open_project(path, create=create, resume=resume, checked=checked)
            opened = True

        self.guard(attempt)
        if then is not None:
            self.guard(lambda: then(opened))

    def open_project(
        self, path: Path, *, create: bool = True, resume: bool = False, checked: CheckedFile | None = None
    ) -> None:
        """Open (or create) a project; the previous one is closed first.

        The file's checks run before the window takes the project: a file they refuse is
        closed again and named in one message, and the window stays as it was (but for a project
        whose very file came back, closed first: `_close_if_come_back`). The article
        list is read in the pool (`_read_list`): on the window's thread it held the window
        still 0.3 s on 10,000 articles. The list says it is loading meanwhile, and the article
        to open is read alone and shown at once. A list whose rows the store refuses closes
        the project when it comes, named in one message (`_articles_read`).
        With `resume` (a start of the program), the article open at the last clean close of this
        project is shown where it was left, if it still holds the same text (`_resume`); else,
        and for a project opened later in the session, the first not done. `checked`: the
        pool's checks of the file (`open_checked_in_pool`), taken while it is unchanged.
        """
        path = _the_file_linked_to(path)
        closed_first = self._close_if_come_back(path)
        try:
            self._open_and_take(path, create=create, resume=resume, checked=checked)
        except BaseException:
            if closed_first:
                self.events.projectChanged.emit()  # the panels let the closed project go
            raise

    def _close_if_come_back(self, path: Path) -> bool:
        """Close the window's project first if `path` is its very file, come back after it went
        (`ProjectWatch`: a disk plugged in again, a folder moved back); whether it was closed.

        Its connection, its lock and its keeping process held that file all along: opened beside
        them, the file came back said to be "already open in another Annotator window", with no
        other window. Only the very file the window holds, so nothing the window alone has is
        lost if the opening fails: everything it saved is in that file.
        """
        project = self.project
        if project is None or not project.saving_stopped or project.file_moved():
            return False
        try:
            if not os.path.samefile(path, project.path):
                return False
        except OSError:
            return False
        self.close_project(tell=False)  # told when the project opens, or when it does not
        return True

    def _open_and_take(self, path: Path, *, create: bool, resume: bool, checked: CheckedFile | None) -> None:
        """`open_project`'s opening, the previous project closed once the file passed."""
        from annotator.core.errors import ProjectFileError
        from annotator.services.project import open_project

        try:
            project = open_project(path, create=create, checked=checked)
            try:
                # The watch's note of what is saved, taken before the list is read: what another
                # program saves from now on is listed at the watch's first look (`ProjectWatch.start`).
                project.changed_elsewhere()
                listed = project.article_count()
                first = project.first_to_open()
                identity = project.identity
            except BaseException:
                project.close()
                raise
        except ProjectFileError as exc:
            hints = " ".join(
                h
                for h in (self._backups_hint(path), self._import_hint(path), self._new_project_hint(path))
                if h
            )
            raise exc.with_hint(hints) from exc
        self.close_project(tell=False)  # told below, with the new project open
        from annotator.ui.lock_wait import UI_BUSY_MS

        project.set_busy_timeout(UI_BUSY_MS)  # never ten seconds of a window standing still
        self.project = project
        history_cleared = self.undo_stack.go_on_in(project, identity)  # the file came back: its history too
        # A project opened: the one a start found gone is no longer named at each start.
        self.settings = self.settings.with_opened(str(project.path.resolve()))
        self._recent_unsaved = True
        self.recent.fill()
        self.status_bar.show_project(project.path)
        self.status_bar.show_saved(True)
        if project.read_only:
            self.status_bar.show_read_only()
        self.articles.show_loading()
        self.status_bar.show_article_count(listed)
        self._read_list(changed_only=False)  # the watch's note is taken, above
        self._update_title()
        self.events.projectChanged.emit()
        self._set_enabled()
        self._narrow_onto_screen()
        if not self._resume(project, start=resume) and first is not None:
            self._show_article(first)
        if history_cleared:
            self.status(history_cleared, 10000)
        self.view.setFocus()  # the first key a person presses (J) is for the text
        self._start.when_painted(partial(self._opened, project, listed))

    def _resume(self, project: Project, *, start: bool) -> bool:
        """Show the article where the person left it in this project; whether it was shown.

        Each morning the window opened on the first article not done, at its top: a person who
        had moved on to a later one, or was half-way down a long one, searched for their place
        again. At a `start` the last clean close's record comes first, as the first paint chose
        from it (`store.first_page`), so the window shows what was painted; then, at any open,
        the place kept for this project when the window last closed it (`kept_place`): someone
        switching between their own project and a team's with Open Recent found the other one
        on its first article not done. A place is code points into the text as it was then, so
        it holds only for that text: a deleted or edited article means the usual first article
        (`services.last_closed` checks the records themselves, like any file).
        """
        from annotator.core.text import content_hash
        from annotator.services.last_closed import closed_last, kept_place, left_at, place_fits

        if start and closed_last(project.path):
            left = left_at(project.path)
            if left is None:
                return False
            shown = self._show_article(left.article_id)
            if shown is None or shown.text != left.text:
                return False
            self._restore(left.place)
            return True
        kept = kept_place(project.path)
        if kept is None:
            return False
        shown = self._show_article(kept.article_id)
        if shown is None or content_hash(shown.text) != kept.content_hash:
            return False
        if not place_fits(kept.place, len(shown.text)):
            return False
        self._restore(kept.place)
        return True

    def _show_article(self, article_id: int) -> Article | None:
        """Show this article, if the project holds it; the article shown then, if it is this one.

        While the list is being read (a project just opened), the article is read alone and
        its row becomes current when the list comes (`ArticlePanel.mark_shown`).
        """
        if self.articles.loading:
            if not self._holds_article(article_id):
                return None
            self.guard(lambda: self._read_article(article_id))
        elif self.article_model.row_of(article_id) is None:
            return None
        else:
            self.articles.select_article(article_id)
        shown = self.article
        return shown.article if shown is not None and shown.article.id == article_id else None

    def _holds_article(self, article_id: int) -> bool:
        """Whether the open project lists this article (its row alone read); a row the store
        refuses is not shown here, but named when the whole list comes."""
        from annotator.core.errors import AnnotatorError

        assert self.project is not None
        try:
            return bool(self.project.articles((article_id,)))
        except AnnotatorError:
            return False

    def say_no_article(self) -> None:
        """A key on the article was pressed with none shown: while the list of the project just
        opened is read, say that the articles are coming, lest the key look broken or the
        project empty."""
        if self.articles.loading:
            self.status(self.tr("The articles are still being read; the first one opens in a moment"), 4000)

    def _restore(self, place: Place) -> None:
        from annotator.ui.article_view import ViewPlace

        self.view.restore_top(ViewPlace(place.caret, place.selection, 0, place.top))

    def _import_hint(self, path: Path) -> str:
        """Where a file of articles, opened as a project, goes instead: into a project, by Import.

        "news.csv: is not an annotator project (not an SQLite file)" left someone with their
        articles in a spreadsheet, or a folder's pages, nowhere to turn.
        """
        from annotator.ui.services_bridge import article_file_endings

        ending = path.suffix.lower()
        if ending not in article_file_endings():
            return ""
        said = self.tr(
            "A {0} file holds articles to import, not a project: open or create a project, then use"
            " File ▸ Import Articles… (Ctrl+I)."
        )
        return said.format(ending)

    def _new_project_hint(self, path: Path) -> str:
        """How to make a project in a file with nothing in it, which Open refuses.

        The refusal said "import articles to make one", which File ▸ Import Articles… cannot
        do: it imports into the project open. New Project with the file's name makes the
        project in it (`_new_over_existing`), as `annotator import` does.
        """
        from annotator.services.paths import name_on_one_line
        from annotator.services.project import FoundAtPath, found_for_new_project

        if not os.path.lexists(path) or found_for_new_project(path) is not FoundAtPath.NOTHING_IN_IT:
            return ""
        return self.tr(
            "To make a new project in it, choose File ▸ New Project… and give {0} as its name."
        ).format(name_on_one_line(path.name))

    def _backups_hint(self, path: Path) -> str:
        """Where to turn when a project will not open: the copies this app made of it, if any."""
        from annotator.services.backups import backups_of

        kept = backups_of(path)
        if not kept:
            return ""
        newest = kept[0].taken.strftime("%Y-%m-%d %H:%M")
        said = self.tr("File ▸ Restore from a Backup… has a copy of it from {1}.")
        if len(kept) > 1:
            said = self.tr("File ▸ Restore from a Backup… has {0} copies of it, the newest from {1}.")
        return said.format(len(kept), newest)

    def _opened(self, project: Project, listed: int) -> None:
        """What opening a project does that the first paint need not wait for (`listed`: the
        article count taken when the list was read)."""
        if project is not self.project:
            return  # another project was opened (or this one closed) before the window was painted
        # Before any background process starts (or a file dialog opens) on the project; not
        # before the first paint, which has no time for starting a process.
        project.keep_locks()
        self.project_watch.start(articles_listed=listed)
        self._followed_rename = None
        self.guard(self._follow_rename_elsewhere)  # renamed by a command while the window was closed
        if self._recent_unsaved:
            self._save_settings()  # the recent projects
        self.transfers.preannotate_missing(project)
        self.daily_backup.start(project.path)
        if project.read_only:
            # Said at the opening: a person who labels a file copied from a CD or a read-only
            # share learnt it only at the first label, each label refused with a message.
            self.show_error(
                self.tr(
                    "{0} is read-only, so no label can be saved to it. To label it, make the file "
                    "writable or copy it into a folder you can write to, and open it again."
                ).format(project.path)
            )
        elif project.opened_elsewhere:
            self.show_error(
                self.tr(
                    "{0} is already open in another Annotator window. Both can save safely; "
                    "edits made there appear here within a few seconds."
                ).format(project.path.name)
            )
        if project.shared_place is not None and not project.read_only:
            self._say_shared_place(project)
        if project.copy_before_update is not None:
            # An update cannot be undone: said once, at the opening that made it, with where the
            # file as it was is kept (for the colleague whose older release sent it).
            self.show_error(
                self.tr(
                    "{0} was made by an earlier version of Annotator and has been updated; that "
                    "version cannot open it now. A copy of it as it was is kept as {1}."
                ).format(project.path.name, project.copy_before_update.name)
            )

    def _say_shared_place(self, project: Project) -> None:
        """Say what a project in a synced folder or on a network share risks: the store saves
        each label into the file itself there, but a second computer that opens the file while
        this one has it open can lose labels or damage the file.

        In a message box the first time for each project, then in the status bar only: a team
        that always works from its Dropbox was stopped by the same box at every opening.
        """
        place = project.shared_place
        assert place is not None
        if place.kind == "network":
            where = self.tr("on a network share ({0})").format(place.name)
        else:
            where = self.tr("in a folder a sync tool shares ({0})").format(place.name)
        said = self.tr(
            "{0} is {1}. Each label is saved into the project file itself, so the file other "
            "computers get holds it. Close the project here before anyone opens it on another "
            "computer: two computers labelling it at once can lose labels or damage the file. "
            "File ▸ Save a Copy As… makes a copy to hand to someone."
        ).format(project.path.name, where)
        if self.settings.was_told_shared(str(project.path)):
            self.statusBar().showMessage(said)
            return
        self.update_settings(self.settings.with_told_shared(str(project.path)))
        self.show_error(said)

    def close_project(self, *, tell: bool = True) -> None:
        """Close the open project, and with `tell` say so to the window's features.

        Told, the panels that show a project's contents let it go: the Guidelines panel went
        on showing the closed project's guidelines, and its Edit button read the closed file
        (an internal error). An open that replaces the project tells once, when the new one is
        open; a closing window tells no one.
        """
        had_project = self.project is not None
        self._drop_opening()  # a project being checked in the pool is not opened after this
        self._keep_place()
        self.runner.cancel_all()
        self.daily_backup.stop()
        self.project_watch.stop()
        self.articles.forget_text_matches()
        self.articles.clear_filters()
        self.undo_stack.clear()
        self.undo_stack.project = None
        if self.project is not None:
            self.project.close()
        self.project = None
        self.article = None
        self._places.clear()  # the next project's article ids are the same small numbers
        self._found = None  # so are the ids of the article a search selected in
        self._listing = None  # so are the edited rows a list read in the pool was to renew
        self.articles.show_no_project()
        self.claims.show_no_project()
        self.view.set_article("")
        self.status_bar.clearMessage()  # "Entity mode: J/K step through entities…" lasted 6 s more
        self.status_bar.show_no_project()
        self._update_title()
        self._set_enabled()
        if tell and had_project:
            self.events.projectChanged.emit()

    def _keep_place(self) -> None:
        """Keep where the person is in the project being closed, for its next open (`_resume`).

        At every close, a switch with Open Recent or Open as much as the window's: the close
        record keeps the last closed project only. The article's hash, not its text, tells
        whether the place still holds, so a long article's place is kept as well.
        """
        from annotator.core.text import content_hash
        from annotator.services.last_closed import KeptPlace, Place, keep_place

        if self.project is None:
            return
        kept = None
        if self.article is not None:
            shown = self.article.article
            at = self.view.place()
            kept = KeptPlace(shown.id, content_hash(shown.text), Place(at.caret, at.selection, at.top))
        written = keep_place(self.project.path, kept)
        log.debug("place kept for the next open: %s", written)

    def new_project_dialog(self) -> None:
        from annotator.ui.folders import DialogFolders
        from annotator.ui.project_files import ask_new_project, refuse_new_project_path

        folders = DialogFolders(self)
        if path := ask_new_project(self, folders.start("project")):
            if not os.path.lexists(path):
                refuse_new_project_path(path)
            folders.remember("project", path.parent)
            if os.path.lexists(path) and not self._new_over_existing(path):
                return
            if not self.open_here_already(path) and self.open_despite_work(self.tr("New project")):
                self.open_checked_in_pool(path, create=True)

    def _new_over_existing(self, path: Path) -> bool:
        """Whether to go on with a new project named after a file that is there already.

        A file that is not a project (another program's `notes.db`, a text file) is refused at
        once: the window offered to open it, and only then said it was not a project. A file
        with nothing in it (`touch claims.annotator.db`) is where the project is made, with no
        question: offered to be "opened as it is", it was filled as a new project, so the
        answer did not do what it said. File ▸ Open Project refuses such a file, since it holds
        no project to open; only a New Project or an import, which make one, fill it. A project
        is never replaced: the person may open it instead.
        """
        from annotator.core.errors import UserError
        from annotator.services.paths import name_on_one_line
        from annotator.services.project import FoundAtPath, found_for_new_project

        found = found_for_new_project(path)
        if found is FoundAtPath.NOT_A_PROJECT:
            raise UserError(
                self.tr(
                    "No project was made: {0} is already there and is not an annotator project."
                    " It was left as it is. Choose another name for the new project."
                ).format(name_on_one_line(path.name))
            )
        if found is FoundAtPath.NOTHING_IN_IT:
            return True
        return self._open_instead_of_new(path)

    def _open_instead_of_new(self, path: Path) -> bool:
        """Whether to open the file a new project was named after: it is never replaced."""
        question = self.tr(
            "{0} already exists. A new project never replaces a file: open it as it is? For a new,"
            " empty project, choose another name."
        ).format(path.name)
        buttons = QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel
        answer = QMessageBox.question(self, self.tr("New project"), question, buttons)
        return answer == QMessageBox.StandardButton.Open

    def open_project_dialog(self) -> None:
        from annotator.ui.folders import DialogFolders
        from annotator.ui.project_files import ask_project_to_open

        folders = DialogFolders(self)
        if path := ask_project_to_open(self, folders.start("project")):
            folders.remember("project", path.parent)
            if not self.open_here_already(path) and self.open_despite_work(self.tr("Open project")):
                self.open_checked_in_pool(path)

    def _project_gone(self) -> None:
        """The watch found the project file gone and could not put a copy back: say so, and stop
        the daily copy, which opens the project by its path and found nothing there ("cannot be
        copied (unable to open database file)", as if the project were damaged, every hour)."""
        self.status_bar.show_gone()
        self.daily_backup.stop()
        if self.project is not None:
            self.undo_stack.keep_for(self.project.path)  # for its file, should it come back
        self._follow_the_history()  # Undo and Redo greyed: pressed, they only said so
        self.events.savingStopped.emit()  # the open review, guidelines and decisions say so too

    def _project_back(self, said: str) -> None:
        """The gone project's file is at its path again (`ProjectWatch`): `said` tells how to
        go on there, in the status bar until another message, and on the save label."""
        self.status_bar.show_back(said)
        self.status(said, 0)
        self._follow_the_history()  # Undo and Redo say it too
        self.events.savingStopped.emit()  # and the open review, guidelines and decisions

    def _follow_the_history(self) -> None:
        from annotator.ui.bindings import follow_the_history

        follow_the_history(self)

    def save_copy_dialog(self) -> None:
        """File ▸ Save a Copy As…: all of the open project, to a new file the person picks.

        The way out when the project's file was deleted while open and could not be put back
        (`ProjectWatch`, `Project.saving_stopped`): the open connection still reads the
        deleted file, so the copy holds every label saved until then, and the window goes on
        with the copy, since nothing more can be saved to the old one. Otherwise the window
        stays with its project and the copy is only a copy.

        The copy runs in the task runner, with progress and Cancel: on the window's thread it
        held the window still 0.4-0.5 s on a 200 MB project, more on a slow disk or a USB
        stick, with no word. Edits asked meanwhile are refused until it is done
        (`CopyInProgress`), so the copy and the window's project never part.
        """
        from annotator.ui.folders import DialogFolders
        from annotator.ui.project_files import ask_copy_path, is_gone
        from annotator.ui.task_runner import TaskOptions

        project = self.project
        if project is None:
            return
        folders = DialogFolders(self)
        target = ask_copy_path(self, project.path, folders.start("project", project.path))
        if target is None or self.project is not project:
            return
        folders.remember("project", target.parent)

        def work(progress: ProgressFn, cancel: CancelFn) -> None:
            project.save_copy(target, progress=progress, cancel=cancel)

        def saved(_result: object) -> None:
            if self.project is not project:
                return
            # Asked in the two seconds before the watch's look, or while it waited for the copy
            # (`ProjectWatch`), the window stayed on the deleted file, the copy only a copy.
            if is_gone(project):
                self.undo_stack.keep_for(target)  # the copy holds what the history left

                def went_on(opened: bool) -> None:
                    if opened:
                        said = self.tr("Your work is saved in {0}; the window goes on there")
                        self.status(said.format(target), 10000)

                self.open_checked_in_pool(target, then=went_on)
            else:
                self.status(self.tr("A copy of {0} is saved in {1}").format(project.path.name, target), 10000)

        self.run_task(
            work,
            self.tr("Saving a copy of the project…"),
            saved,
            TaskOptions(
                name=SAVE_COPY_TASK,
                stop_question=self.tr("Stop saving the copy? No copy is left."),
                on_ended=lambda: self._copy_ended(project),
            ),
        )

    def open_sample_project(self) -> None:
        """Open the bundled sample project (made on first use), as `annotator --sample` does."""
        from annotator.services.samples import ensure_sample_project

        sample = ensure_sample_project()
        if not self.open_here_already(sample) and self.open_despite_work(self.tr("Open project")):
            self.open_checked_in_pool(sample)

    def open_here_already(self, path: Path) -> bool:
        """Whether `path` is the project this window has open; if so, say so and leave it as it is.

        Help ▸ Open Sample Project on the sample (a new person trying the menu), Open or Open
        Recent of the project open opened it a second time: the second open took this window's
        own hold on the file for another window's ("already open in another Annotator window",
        with no other window), went to the first article not done, dropped the undo history,
        and asked to cancel an import that was filling this very project.
        """
        if self.project is None:
            return False
        from annotator.ui.project_files import is_gone

        if is_gone(self.project):
            # The path names another file than the one the window holds (the gone file back
            # from a disk plugged in again): Open Recent said "the project open in this
            # window" of it, and nothing opened it again.
            return False
        try:
            here = os.path.samefile(path, self.project.path)
        except OSError:
            return False
        if here:
            self._drop_opening()  # another project asked for before this is not opened after it
            self.status(
                self.tr("{0} is the project open in this window").format(self.project.path.name), 8000
            )
            self.view.setFocus()
        return here

    def ask_name(self) -> None:
        from annotator.ui.dialogs import ask_name

        ask_name(self, self.settings.annotator, self.set_annotator)

    def set_annotator(self, name: str) -> None:
        import dataclasses

        from annotator.core.settings import annotator_name, annotator_name_problem
        from annotator.ui.dialogs import name_problem_text

        name = annotator_name(name)
        # The dialogs refuse these already; a name from elsewhere meets the same rule.
        refusal = annotator_name_problem(name) if name else None
        if refusal is not None:
            self.show_error(name_problem_text(refusal, self))
            return
        if name == annotator_name(self.settings.annotator):
            # The name shown, given back (Preferences' OK, the name dialog's): one saved in its
            # decomposed form owns its claims, which composing it here made another person's.
            return
        if name:
            self.update_settings(dataclasses.replace(self.settings, annotator=name))
            self.claims.keep_room_for(name)
            self._update_title()
            if self.article is not None:  # the keys act on the new name's claims: show those
                self.view.set_claims(self.article.claims, annotator=name)

    def _save_settings(self, *, say: bool = True) -> None:
        """Save the settings; the first time they cannot be saved, say so (once per window).

        A settings folder that is read-only, full or not a folder (an unusual HOME, a locked-down
        lab machine) was only logged: the person was asked their name at every start, their
        recent projects and choices gone, and never told why.
        """
        from annotator.services.settings import save_settings, saved_settings

        self._recent_unsaved = False
        # Another start of the app may have saved its own changes since: written whole, this
        # window's settings put back the text size, the name or the theme changed there.
        saved = saved_settings()
        kept = self.settings if saved is None else self.settings.changes_onto(self._settings_written, saved)
        try:
            save_settings(kept)
            self._settings_written = self.settings
        except OSError as exc:
            log.warning("could not save settings: %s", exc)
            if say:
                self.say_settings_unsaved(exc)

    def say_settings_unsaved(self, exc: OSError) -> None:
        """Say that the settings cannot be saved, and why, the first time only in this window.

        Also for the name asked at a first start (`ui.app.ensure_annotator`): when no project
        opened, nothing else was saved, and the failure was only logged.
        """
        from annotator.services.paths import settings_file

        if self._said_settings_unsaved:
            return
        self._said_settings_unsaved = True
        self.show_error(
            self.tr(
                "Your settings cannot be saved in {0} ({1}): your name, recent projects and"
                " other choices will be forgotten when Annotator closes."
            ).format(settings_file().parent, exc.strerror or exc)
        )

    def _update_title(self) -> None:
        """The project's file, the program and who annotates; with no project, the last two only.

        With none open the title read "no project — Annotator (Ada)", a placeholder where a
        native program's empty window names itself; the empty page already says none is open.
        """
        from annotator.services.paths import name_on_one_line

        who = self.settings.annotator or self.tr("anonymous")
        if self.project is None:
            self.setWindowTitle(self.tr("Annotator ({0})").format(who))
        else:
            name = name_on_one_line(self.project.path.name)
            self.setWindowTitle(self.tr("{0} — Annotator ({1})").format(name, who))

    # ================================================================ articles

    def reload_articles(self) -> None:
        """Refresh the list and progress from the project, read in the pool (one query, no texts).

        At the end of a merge, an import or a pre-annotation, and when the project watch sees
        another program's save, the list was read on the UI thread: 0.17-0.25 s on a team file
        of 5,000 articles, during which the keys waited. The window keeps its rows meanwhile;
        an answer for a project no longer open, or overtaken by a newer read, is dropped, and
        the rows of articles edited while it was out are read again when it comes (they may be
        newer than the answer). The list's selection, scroll and the open article stay.

        With no article shown (an empty project that a merge or an import just filled), the
        first not done opens when the list comes, as when a project opens: after a merge the
        list showed six articles and the text still said there was none.
        """
        if self.project is None:
            return
        self.project_watch.took_note()  # what is saved from now on is another's, listed at its look
        self._read_list(changed_only=False)

    def _relist_if_changed(self) -> None:
        """List the articles again if a row differs from the one shown, read in the pool.

        For the project watch while the window pre-annotates: its batches change no row, so
        a difference is another window's, and a list that is the same is not read into the
        model again (nor the panels told) at each batch. Read on the UI thread, it held the
        keys 0.14-0.25 s every two seconds of an hour's pre-annotation on 5,000 articles. When
        a row differs, the open panels are told (`savedElsewhere`) unless the watch told them
        since it asked.
        """
        if self.project is not None:
            self._read_list(changed_only=True)

    def _read_list(self, *, changed_only: bool) -> None:
        """Ask the pool for the article list; `_articles_read` applies the newest answer."""
        from annotator.ui.team_tasks import compute_in_background

        project = self.project
        assert project is not None
        self._list_asked += 1
        asked, told = self._list_asked, self._told_elsewhere
        if self._listing is None:
            self._listing = set()
        compute_in_background(
            project,
            lambda opened: (project, asked, changed_only, told, _summaries_or_refusal(opened)),
            self._articles_read,
            self._articles_not_read,
            name="article list",
        )

    def _articles_read(
        self, answer: tuple[Project, int, bool, int, list[ArticleSummary] | ProjectFileError]
    ) -> None:
        """The pool's answer to `_read_list`: listed if it is the newest for the open project."""
        project, asked, changed_only, told, summaries = answer
        self._list_answered += 1
        if project is not self.project or asked != self._list_asked:
            return  # another project opened, or a newer read was asked: that one lists
        if not isinstance(summaries, list):
            self._list_refused(project, summaries)
            return
        edited, self._listing = self._listing or set(), None
        if changed_only and not edited:
            shown = {summary.id: summary for summary in self.articles.summaries()}
            if {summary.id: summary for summary in summaries} == shown:
                return
        opening = self.articles.loading
        self._list_articles(summaries)
        if opening:
            self._set_enabled()  # the keys on an article: enabled while it could still come
        if edited:  # saved while the answer was read: their rows as saved now
            self.articles.update_articles(project.articles(frozenset(edited)))
            self._show_progress(self.articles.summaries())
        if changed_only and told == self._told_elsewhere:
            self.events.savedElsewhere.emit()  # another's rows: the open panels read again
        if self.article is None:
            first = self.articles.first_undone_row()
            if first is not None:
                self.articles.select_row(first)

    def _list_refused(self, project: Project, refused: ProjectFileError) -> None:
        """The store refused a row of the list. Read as the project opened, the project is
        closed again and named in one message, as the open refused such a file when it read
        the list itself; read later, the rows stay as they were and the status bar says why."""
        from annotator.ui.error_text import explain

        self._listing = None
        if not self.articles.loading:
            log.warning("article list not read again: %s", refused)  # the table and row
            self.status(explain(refused).text, 8000)
            return
        self.close_project()
        self.show_explained(refused.with_hint(self._backups_hint(project.path)))

    def _heard_elsewhere(self) -> None:
        self._told_elsewhere += 1

    def _follow_rename_elsewhere(self) -> None:
        """The window's own person renamed in another window or by `annotator rename-annotator`
        (the project's `renames`): the next label is theirs under the new name, said in the
        status bar. Left under the old name, each label made that name a person again beside
        the new one, and the title kept saying it. The rename undone there, the name goes back.
        """
        project = self.project
        if project is None or project.read_only:
            return
        own = self.settings.annotator
        renames = project.renames()  # a few rows; the people are read only when one may apply
        followed = self._followed_rename
        if own not in renames and (followed is None or followed[1] != own):
            return
        names = set(project.annotators())  # who labelled: a name still in use is not followed
        new = renames.get(own)
        if new is not None and own not in names:
            self._followed_rename = (own, new)
            self.set_annotator(new)
            self.status(
                self.tr("{0} was renamed {1} in another window or program: you label as {1} now").format(
                    own, new
                ),
                10_000,
            )
            return
        if followed is None or followed[1] != own:
            return
        old = followed[0]
        if renames.get(old) != own and old in names:  # no longer renamed, and labelling again
            self._followed_rename = None
            self.set_annotator(old)
            self.status(
                self.tr(
                    "The rename of {0} was undone in another window or program: you label as {0} again"
                ).format(old),
                10_000,
            )

    def _articles_not_read(self, message: str) -> None:
        """The list could not be read in the pool (the file is gone, say): the rows stay as they were."""
        log.warning("article list not read: %s", message)
        self._list_answered += 1
        if not self.listing:
            self._listing = None  # no answer is coming to renew the rows edited meanwhile
            if self.articles.loading:  # the open's read: said, not left loading for ever
                self.articles.show_unread()
                self._set_enabled()
                self.show_error(message)
                return
        self.status(message, 8000)

    def _list_articles(self, summaries: list[ArticleSummary]) -> None:
        self.articles.set_articles(summaries)
        self._show_progress(summaries)

    def _show_progress(self, summaries: list[ArticleSummary]) -> None:
        from annotator.core.model import ArticleStatus

        done = sum(1 for s in summaries if s.status == ArticleStatus.DONE)
        self.status_bar.show_progress(done, len(summaries))

    def _relist(self, article_ids: frozenset[int]) -> None:
        """The list's rows and the progress after an edit in these articles, reading their rows
        alone: listing every article again after each key took 0.2 s on 5,000 articles."""
        if self.project is None:
            return
        if self._listing is not None:  # the list being read may be older than this edit
            self._listing |= article_ids
            if self.articles.loading:
                return  # the opening's list is not shown yet: these rows are read again when it comes
        if self.article is None or not self.articles.update_articles(self.project.articles(article_ids)):
            self.reload_articles()  # which also opens the first article when none is shown
            return
        self._show_progress(self.articles.summaries())

    def select_article(self, article_id: int) -> str:
        """Show an article, as if picked in the list; what was cleared to list it, in words.

        An article the search or a filter hides is listed by clearing them (`ArticlePanel.select_article`):
        Team ▸ Entity Decisions… and the Suggestions panel did it without a word, the narrowed list
        back whole, unexplained. The caller adds the words returned ("Cleared the search “fire” to
        show “Boat fire”", "" when nothing was cleared) to its own line, as undo does.
        """
        cleared = self.articles.select_article(article_id)
        if not cleared:
            return ""
        opened = self._opened_words(article_id)
        if not opened:
            return self.tr("Cleared {0}").format(cleared)
        return self.tr("Cleared {0} to show {1}").format(cleared, opened)

    def _search_texts(self, needle: str) -> None:
        """Which articles' texts and claims' notes hold `needle`, found in the pool: 0.27 s for
        10,000 articles (`benchmarks/bench_search.py`) is too long to hold a key up; their 5,000
        notes add 15 ms."""
        from annotator.ui.team_tasks import compute_in_background

        if self.project is None:
            return
        path = self.project.path
        self._text_search_asked += 1
        asked = self._text_search_asked
        compute_in_background(
            self.project,
            lambda project: (path, asked, needle, *_texts_and_notes_holding(project, needle)),
            self._text_matches_found,
            self.articles.text_search_failed,
            name="text search",
        )

    def _text_matches_found(
        self, found: tuple[Path, int, str, frozenset[int], dict[int, int], str | None]
    ) -> None:
        """An answer of the pool: shown only if it is about the project still open (another
        may have been opened meanwhile, whose article ids are the same small numbers) and is
        the newest asked. The texts are searched again for the same words when articles come,
        and the pool's answers come in any order: an older one, read before the new articles,
        came last and hid those whose texts hold the words."""
        path, asked, needle, article_ids, in_notes, notes_failed = found
        if asked != self._text_search_asked:
            return
        if self.project is not None and self.project.path == path:
            self.articles.show_text_matches(needle, article_ids, in_notes)
            if notes_failed is not None:
                self.articles.text_search_failed(notes_failed)

    def find_in_text(self, step: int) -> None:
        """F3 / Shift+F3: select the next (or previous) place the list's search stands in the
        text, from the caret, going round the end."""
        from annotator.core.search import folded_spans

        needle = self.articles.text_needle()
        if not needle:
            self.status(self.tr("Type the words in the search box first (Ctrl+F), then F3 finds them here"))
            return
        if self.article is None:
            return
        spans = folded_spans(self.article.article.text, needle)
        if not spans:
            self.status(self.tr("“{0}” is not at the start of a word in this article").format(needle))
            return
        here = self.view.selected_span() or (self.view.cursor_position(),) * 2
        if step > 0:
            after = [span for span in spans if span[0] >= here[1] and span != here]
            found, wrapped = (after[0], False) if after else (spans[0], True)
        else:
            before = [span for span in spans if span[1] <= here[0] and span != here]
            found, wrapped = (before[-1], False) if before else (spans[-1], True)
        self._select_found(found)
        self.view.setFocus()
        where = self.tr("{0} of {1}").format(spans.index(found) + 1, len(spans))
        self.status(f"“{needle}”: {where}" + (self.tr(" (from the other end)") if wrapped else ""), step=True)

    def _select_found(self, span: tuple[int, int]) -> None:
        """Select a place the search's words stand, remembered as the search's (`back_to_text`)."""
        assert self.article is not None
        self.view.select_span(*span)
        self._found = (self.article.article.id, *span)

    def _selection_moved(self) -> None:
        """Words the person selected since (Shift+arrows, the mouse, J) are theirs to keep."""
        span = self.view.selected_span()
        if self._found is not None and span is not None and span != self._found[1:]:
            self._found = None

    def back_to_text(self) -> None:
        """Escape: to the text, with the word a search selected there (F3, or Return from the
        search box) unselected and the caret left on it.

        The found word stayed selected after the search was left, so the next 1, 2 or 3 made
        that one word a claim where the person meant the sentence they were reading. Words
        the person selected themselves since are kept.
        """
        found, self._found = self._found, None
        if (
            found is not None
            and self.article is not None
            and self.article.article.id == found[0]
            and self.view.selected_span() == found[1:]
        ):
            self.view.unselect()
        self.view.setFocus()

    def _claims_emptied(self) -> None:
        """The claim list lost its last row while it had the keyboard: to the text, where the
        keys label again (with no article shown, the window puts the focus where it goes)."""
        if self.article is not None:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _opened_to_read(self) -> None:
        """To the text; if the list is searched, to the first place the search stands, selected,
        else to the first claim whose note holds it (`_to_noted_claim`)."""
        from annotator.core.search import folded_spans
        from annotator.core.text import counted

        self.view.setFocus()
        needle = self.articles.text_needle()
        if not needle or self.article is None:
            return
        spans = folded_spans(self.article.article.text, needle)
        if not spans:
            self._to_noted_claim(needle)
        else:
            self._select_found(spans[0])
            self.status(
                self.tr("“{0}”: {1} in this article, the first selected").format(
                    needle, counted(len(spans), "time")
                )
            )

    def _to_noted_claim(self, needle: str) -> None:
        """The first claim, in the list's order, whose note holds `needle`: current in the claim
        list, its note shown under it, and its words selected in the text.

        An article listed for a note ("ask Maria") opened at its top with nothing selected, and
        the person looked through every claim's note for the one the search had found.
        """
        from annotator.core.search import holds

        assert self.article is not None
        for row in range(self.claim_model.rowCount()):
            claim = self.claim_model.claim(row)
            if claim.note and holds(claim.note, needle):
                self._select_found((claim.start, claim.end))
                self.claims.show_current(claim.id)
                self.status(self.tr("“{0}”: in the note of the claim selected").format(needle))
                return

    def _read_article(self, article_id: int) -> None:
        """Show an article picked in the list (or by D, or an undo), where it was left this session.

        Another article opened and this one again showed its top with nothing selected: a look
        at another article (or one arrow key too many in the search box) cost the place in a
        long one, found again by pressing J from the first candidate.
        """
        if self.article is not None:
            self._places[self.article.article.id] = self.view.place()
        self.show_article(article_id)
        place = self._places.get(article_id)
        if place is not None and self.article is not None and self.article.article.id == article_id:
            self.view.restore_place(place)

    def show_article(self, article_id: int) -> None:
        from annotator.core.errors import AnnotatorError
        from annotator.core.text import counted

        assert self.project is not None
        # Opening the 1 MB article makes some 100,000 objects (rows, entities, spans), which set
        # the collector off 340 times, three of them over every object of the process (60-80 ms
        # of the opening). Paused by `core.collector`, which counts the pauses under way: one of
        # its own here started the collector again in the midst of the dashboard's figures.
        with collector_paused():
            try:
                left_out, suggested = self._carry_decisions(article_id)
                annotated = self.project.annotated(article_id)
            except AnnotatorError:
                self._show_nothing()
                raise
            self._show(annotated)
        if left_out or suggested:
            self.status(
                self.tr("Your team's entity decisions: {0} left out, {1} added").format(
                    counted(left_out, "suggestion"), suggested
                ),
                8000,
            )
        if annotated.left_out:
            # One message for the article, after the store's line per row (`RowWarnings`): the
            # text and claims show, and the person learns why a highlight may be missing.
            self.status(
                self.tr(
                    "Some highlights of this article were too large to read and are left out ({0}); "
                    "pre-annotating it again replaces them"
                ).format(_left_out_kinds(annotated.left_out)),
                15000,
            )

    def _show_nothing(self) -> None:
        """A row the store refuses (one line, shown by `guard`): show nothing of this article."""
        self.article = None
        self.view.set_article("")
        self.claims.show_claims("", [])
        self._set_enabled()

    def show_saved_changes(self, *, claims_only: bool = False) -> bool:
        """Show the article being read as saved now, if another window or program changed it
        (`ProjectWatch`); False, changing nothing, while the person is in the middle of
        something (a dialog, a drag selection), so the watch tries again later. With
        `claims_only` (the window's own pre-annotation runs), only if its claims or status
        changed: the names and quotations the job renews are its own, not another's, and
        show when it ends.

        The reader keeps their caret, selection, scroll and picked claim: before, the article
        showed what others saved only when opened again, and a key could act on a claim
        another window had deleted or relabelled. Nothing is written here (no decisions are
        carried), so two windows on one article do not wake each other up.
        """
        from annotator.core.errors import AnnotatorError

        if self.project is None or self.article is None:
            return True
        if (
            QApplication.activeModalWidget() is not None
            or QApplication.mouseButtons() != Qt.MouseButton.NoButton
        ):
            return False
        before = self.article
        try:
            saved = self.project.annotated(before.article.id)
        except AnnotatorError:
            self._show_nothing()
            raise
        if saved == before or (
            claims_only and (saved.article.status, saved.claims) == (before.article.status, before.claims)
        ):
            return True
        place = self.view.place()
        current = self.claims.list.currentIndex()
        picked = self.claim_model.claim(current.row()).id if current.isValid() else None
        self._show(saved)
        self.view.restore_place(place)
        if picked is not None and any(c.id == picked for c in saved.claims):
            self.claims.show_current(picked)
        self.status(self._changed_by(before, saved), 8000)
        return True

    def _changed_by(self, before: AnnotatedArticle, saved: AnnotatedArticle) -> str:
        """Who changed claims on the shown article in another window: the people by name, and
        for gold labels the reviewer who decided them, never "gold", which is no one's name.
        A gold label that only went (undone, or overruled by "no claim") names nobody, as
        the file does not say who removed it: "a reviewer" did."""
        changed = set(before.claims) ^ set(saved.claims)
        people = {c.annotator for c in changed if not c.is_gold}
        decided = {c.decided_by for c in changed & set(saved.claims) if c.is_gold and c.decided_by}
        names = sorted(people | decided)
        if any(c.is_gold for c in changed) and not decided:
            if not people:
                return self.tr(
                    "A reviewer changed gold labels on this article in another window or program; "
                    "it shows what is saved now"
                )
            names.append(self.tr("a reviewer"))
        if not names:
            return self.tr(
                "This article was changed in another window or program; it shows what is saved now"
            )
        return self.tr(
            "{0} changed claims on this article in another window or program; it shows what is saved now"
        ).format(", ".join(names))

    def _show(self, annotated: AnnotatedArticle) -> None:
        """Draw this article as read from the store: text, highlights, claims, list mark."""
        article_id = annotated.article.id
        self.article = annotated
        self.legend.set_entity_labels(e.label for e in annotated.entities)
        self.view.set_hidden_entity_labels(self.legend.hidden)
        self.view.show_annotated(annotated, annotator=self.settings.annotator)
        self.claims.show_claims(annotated.article.text, annotated.claims)
        self._fold_list_if_unfitting()  # the claims' minimum grows with their first
        self.articles.mark_shown(article_id)
        self.status_bar.show_model(annotated.pipeline)
        self._set_enabled()
        self.events.articleShown.emit(article_id)

    def waiting_entities(self) -> frozenset[int]:
        """The entity rows the undone edits name (`EditStack.waiting_entities`): Pre-annotate
        All leaves them when it carries the team's decisions, as opening an article does."""
        return self.undo_stack.waiting_entities()

    def _carry_decisions(self, article_id: int) -> tuple[int, int]:
        """Names people rejected or added since this article was pre-annotated, applied to its
        suggestions before it shows. A file that cannot be written shows the article as it is.

        A suggestion an undone edit names stays until that edit is redone or dropped: R on one
        mention, A on another, Ctrl+Z, a look at another article, and Ctrl+Y said "Not redone:
        … does not exist" and cleared the history, since the opening had carried it away."""
        from annotator.core.errors import MachineError

        assert self.project is not None
        try:
            return self.project.carry_decisions(article_id, keep=self.undo_stack.waiting_entities())
        except MachineError as exc:
            log.warning("entity decisions not carried to article %s: %s", article_id, exc)
            return 0, 0

    # ================================================================ refresh from changes

    def _on_change(self, change: Change, *, replayed: bool = False) -> None:
        """Refresh only what the change names."""
        import dataclasses

        self.status_bar.show_saved(True)
        self._opened_by_replay = self._cleared_by_replay = ""  # said of this change only (`_say_of_history`)
        if self.project is None:
            return
        if change.renamed is not None and change.renamed[0] == self.settings.annotator:
            # The window's own person renamed (or the rename undone): the next label is theirs
            # under the name they have now, not one more claim of the name just merged away.
            self.set_annotator(change.renamed[1])
        self.events.edited.emit(change)
        article = self.article
        if article is None or article.article.id not in change.article_ids:
            # An edit in another article (a review decision, or the undo of an edit made
            # there): refresh the list; an undo or redo goes there, so the person sees it.
            if change.claims or change.status:
                self._relist(change.article_ids)
            if change.claims:
                self.articles.notes_changed()  # their notes are not read here: searched again
            if replayed and len(change.article_ids) == 1:
                opened = next(iter(change.article_ids))
                self._cleared_by_replay = self.articles.select_article(opened)
                self._opened_by_replay = self._opened_words(opened)
                self._show_where(change)
            # A review decision is saved there too: "Saved: gold: factual" came only for the
            # article open behind the review, and the others' decisions passed without a word.
            self._say_saved(change, replayed=replayed)
            return
        article_id = article.article.id
        if change.claims:
            claims = tuple(self.project.claims(article_id))
            if _notes_of(claims) != _notes_of(article.claims):
                self.articles.notes_changed()
            article = self.article = dataclasses.replace(article, claims=claims)
            self.view.set_claims(claims, annotator=self.settings.annotator)
            self.claims.show_claims(article.article.text, claims)
            self._fold_list_if_unfitting()  # the claims' minimum grows with their first
            self.claims.select_claims(change.claim_ids)
        if change.status:
            # Undo may have put the status back; later edits decide from it.
            article = self.article = dataclasses.replace(article, article=self.project.article(article_id))
        if change.entities:
            entities = self.project.entities(article_id)
            article = self.article = dataclasses.replace(article, entities=tuple(entities))
            self.view.set_entities(entities)
        if change.quotes:
            quotes = self.project.quotes(article_id)
            article = self.article = dataclasses.replace(article, quotes=tuple(quotes))
            self.view.set_quotes(quotes)
        if change.claims or change.status:
            self._relist(change.article_ids)
        if replayed:
            self._show_where(change)
        self._say_saved(change, replayed=replayed)

    def _show_where(self, change: Change) -> None:
        """An undo or redo out of view brings its place in the shown article onto the page, the
        caret there, as a text editor's does: Ctrl+Z on a claim labelled at the top, pressed
        with the page at the article's end (or in an article the undo opened where it was
        left), said "Undone: add factual claim" while the text showed nothing change, and the
        next key acted where the caret had been, out of sight. A place on the page is left as
        it is, and so are the caret and selection there."""
        article = self.article
        if article is None:
            return
        spans = sorted((start, end) for at, start, end in change.spans if at == article.article.id)
        if spans and not self.view.in_view(spans[0][0]):
            self.view.scroll_to(spans[0][0])

    def _say_of_history(self, said: str) -> None:
        """What an undo or redo did (`EditStack.said`), and the article it opened to show it:
        the text changed to another article under the person's eyes, and "Undone: add factual
        claim" named neither that article nor that it had been opened."""
        opened, self._opened_by_replay = self._opened_by_replay, ""
        cleared, self._cleared_by_replay = self._cleared_by_replay, ""
        if opened and cleared:
            # The search and filters were cleared without a word: the list the person had
            # narrowed came back whole, and nothing said why or what had been set.
            said = self.tr("{0}. Cleared {1} to show {2}, where the step was").format(said, cleared, opened)
        elif opened:
            said = self.tr("{0}; opened {1}").format(said, opened)
        self.status(said, 5000)

    def _opened_words(self, article_id: int) -> str:
        """The article shown, if it is `article_id`, as the status bar names it: by its title,
        as a person knows it, or "Article 12" as the list names one whose title shows nothing."""
        from annotator.ui.labelling import short_title
        from annotator.ui.models import article_name

        article = self.article
        if article is None or article.article.id != article_id:
            return ""  # not opened (gone from the list meanwhile): nothing to say of it
        return self.tr("“{0}”").format(short_title(article_name(article.article.title, article_id)))

    def _say_saved(self, change: Change, *, replayed: bool) -> None:
        if change.description and not replayed:  # an undo or redo says "Undone: …" itself
            # "Add factual claim" alone read as a hint of what to do next, as the other lines
            # there are ("Select a name to add it"); this says it was done, as undo's does.
            what = change.description[:1].lower() + change.description[1:]
            self.statusBar().showMessage(self.tr("Saved: {0}").format(what), 3000)

    def _claim_picked(self, start: int, end: int) -> None:
        self.view.select_span(start, end)
        self.view.centerCursor()

    def _hidden_labels_changed(self, hidden: frozenset[str]) -> None:
        import dataclasses

        self.view.set_hidden_entity_labels(hidden)
        self.update_settings(dataclasses.replace(self.settings, hidden_entity_labels=tuple(sorted(hidden))))

    def apply_label(self, label: ClaimLabel) -> None:
        """Label the selection, or relabel the claim under the cursor (as the number keys do)."""
        self.labelling.apply_label(label)

    # ================================================================ view

    def zoom(self, step: int) -> None:
        """Ctrl++ / Ctrl+-: the new size in the status bar, and at either end of the range that
        it stays: at 48 pt Ctrl++ changed nothing and said nothing, as if the key were lost."""
        from annotator.core.settings import FONT_SIZES

        wanted = self.view.font_size + step
        if self.project is None:  # no text to see it in; "Opening …" is not to be replaced
            self.set_text_size(wanted)
            return
        if wanted not in FONT_SIZES:
            if step > 0:
                self.status(self.tr("The text is at its largest size, {0} pt").format(self.view.font_size))
            else:
                self.status(self.tr("The text is at its smallest size, {0} pt").format(self.view.font_size))
            return
        folded_before = self.list_fold.folded_by_window_for_room
        self.set_text_size(wanted)
        folded = self.list_fold.folded_by_window_for_room
        if folded and not folded_before:
            return  # the list folded for the larger text, which the status bar says
        said = self.tr("Text size: {0} pt").format(wanted)
        if folded:  # said when it folded, and not to be lost under the next Ctrl++
            from annotator.ui.actions import key_text

            key = key_text(self.registry.specs["article_list"])
            said = self.tr("{0}; list folded: {1} shows it").format(said, key)
        self.status(said)

    def set_text_size(self, point_size: int) -> None:
        """The article's text at `point_size` (within the view's range), shown and remembered:
        what View ▸ Larger Text and Smaller Text and Preferences do."""
        import dataclasses

        columns = self.list_fold.text_columns()
        self.view.set_font_size(point_size)
        self.update_settings(dataclasses.replace(self.settings, font_size=self.view.font_size))
        self.list_fold.zoomed(columns)  # fewer characters a line: as a narrower window

    def show_shortcuts(self) -> None:
        """Every declared key (`ui.actions`), then the project's guidelines."""
        from annotator.ui.dialogs import show_shortcuts

        self.shortcuts_dialog = show_shortcuts(self, self.project)

    def show_messages(self) -> None:
        """The status bar's recent passing messages, newest first, to read again."""
        from annotator.ui.messages import show_messages

        self.messages_dialog = show_messages(self, self.status_bar.said)

    def show_about(self) -> None:
        """Versions, where the files are and the log folder: what a bug report starts from."""
        from annotator.ui.about import show_about

        self.about_dialog = show_about(self, str(self.project.path) if self.project else "")

    def share_panes(self, *, kept: tuple[int, int] | None = None, list_folded: bool = False) -> None:
        """Share the splitter's width between the list, the text and the claims (`geometry.shared_panes`).

        `kept` are the list's and the claims' widths to keep where they fit; by default the
        list's preferred width and the claims' share. A list the person folded away stays so.
        Before the window is shown its splitter will be as wide as the window (no dock is
        shown at a start).
        """
        from annotator.ui.geometry import shared_panes
        from annotator.ui.reading import READABLE_COLUMNS

        splitter = self.splitter
        width = splitter.width() if splitter.isVisible() else self.width()
        total = width - (splitter.count() - 1) * splitter.handleWidth()
        least = tuple(part.minimumSizeHint().width() for part in (self.articles, self.centre, self.claims))
        wanted = kept if kept is not None else (self.articles.preferred_width(), 0)
        if list_folded:
            least, wanted = (0, least[1], least[2]), (0, wanted[1])
        readable = (self.view.column_width(READABLE_COLUMNS), self.claims.readable_width())
        splitter.setSizes(shared_panes(total, wanted, (least[0], least[1], least[2]), readable))

    def _fit_stored_panes(self, stored: list[int]) -> None:
        """Keep the stored pane widths if they fit the window, else share it keeping what fits.

        Widths saved on a wider window (a laptop taken off its monitor, a scale changed to 200%)
        were cut from the text alone, the splitter's stretching pane: 250 | 692 | 361 px stored
        at 1366x768 left the text 122 px, 9 characters a line, in a window 655 px wide. A list
        folded away stays folded.
        """
        total = self.width() - (self.splitter.count() - 1) * self.splitter.handleWidth()
        if len(stored) != self.splitter.count() or sum(stored) <= total or stored[2] == 0:
            return  # they fit; or the claims were folded away, and stay so, their width the text's
        self.share_panes(kept=(stored[0], stored[2]), list_folded=stored[0] == 0)

    def _narrow_onto_screen(self) -> None:
        """The reading column replaced the no-project page: narrow a window its minimum widened.

        With twice the desktop's font the no-project page's buttons and the claims' column
        made a window shown before its project opened 807 px wide, on a 683 px screen, and
        it stayed so once the narrower reading column was shown.
        """
        from annotator.ui.geometry import keep_on_screen

        if not self.isVisible():
            return
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        keep_on_screen(self)

    def _fold_list_if_unfitting(self) -> None:
        """Fold the list if the three panes' minimums are wider than the splitter: at a start,
        when an article's first claim widens the claims' minimum (`ClaimPanel.minimumSizeHint`),
        or when the no-project page names the project being opened (`_say_opening`).

        With twice the desktop's font on a 1366x768 laptop at 200% (683 px) the list's, the
        text's and the claims' minimums came to 838 px: the window opened wider than the
        screen, its right part out of reach. Without the list (the splitter's minimum leaves a
        folded pane out) they fit; it comes back when the window is wide enough.
        """
        splitter = self.splitter
        width = splitter.width() if splitter.isVisible() else self.width()
        total = width - (splitter.count() - 1) * splitter.handleWidth()
        least = sum(part.minimumSizeHint().width() for part in (self.articles, self.centre, self.claims))
        if self.list_fold.folded or least <= total:
            return
        self.share_panes(kept=(0, splitter.sizes()[2]), list_folded=True)
        self.list_fold.folded_to_fit()

    def place_dock(self, dock: QDockWidget, keys: PanelKeys) -> None:
        """A side panel where it was at the last close it was open at: floating where it
        floated, and docked at its width then when it is first shown docked (`dock_shown`).

        Built after the first paint, it is not in what the window's `restoreState` could restore:
        a panel the person had widened, or made float, came back docked at its default width.
        Anything window.ini holds that the window cannot use is left out (`geometry`).
        """
        from annotator.ui.geometry import panel_area, panel_floating, panel_height, panel_tabbed, panel_width

        width = panel_width(keys)
        if width is not None:
            self._dock_widths[dock] = width
        height = panel_height(keys)
        if height is not None:
            self._dock_heights[dock] = height
        side = panel_area(keys)
        if side is not None and side != self.dock_side(dock):
            self.addDockWidget(_DOCK_AREAS[side], dock)  # hidden, it stays hidden until it is opened
        tabbed = panel_tabbed(keys)
        if tabbed in ("front", "behind"):
            self._dock_tabbed[dock] = tabbed == "front"
        floating = panel_floating(keys, dock.minimumSizeHint())
        if floating is not None:
            dock.setFloating(True)  # hidden, it stays hidden until it is opened
            dock.setGeometry(floating)

    def dock_side(self, dock: QDockWidget) -> str:
        """The side of the window `dock` is docked on, in window.ini's words (`geometry.DOCK_AREAS`)."""
        area = self.dockWidgetArea(dock)
        return next((side for side, known in _DOCK_AREAS.items() if known == area), "right")

    def dock_tabbed(self, dock: QDockWidget) -> str:
        """Whether `dock` is a tab with another open panel, and the one shown ("front") or not
        ("behind"), in window.ini's words (`geometry.TABBED`). Qt moves a tab behind out of the
        window rather than hiding it, so it is told by where it lies."""
        if not any(other.isVisibleTo(self) for other in self.tabifiedDockWidgets(dock)):
            return "no"
        return "front" if dock.geometry().intersects(self.rect()) else "behind"

    def _tab_again(self, dock: QDockWidget) -> None:
        """A panel that was a tab with the other at the last close it was open docked at is one
        again when it opens beside it: the two came back one above the other, and the person
        dragged one onto the other at every start. The one in front then is in front again."""
        front = self._dock_tabbed.pop(dock, None)
        other = self.panel_stacked_with(dock)
        if front is None or other is None:
            return
        self.tabifyDockWidget(other, dock)
        (dock if front else other).raise_()

    def watch_dock(self, dock: QDockWidget) -> None:
        """Share the panes when `dock` opens or closes (`dock_shown`), and give the list and the
        claims back their widths from before it opened when it closes (`ui.dock_room`)."""
        if self._dock_room is None:
            from annotator.ui.dock_room import DockRoom

            self._dock_room = DockRoom(self)
        self._dock_room.watch(dock)
        dock.visibilityChanged.connect(lambda visible: self.dock_shown(dock, visible))

    def dock_shown(self, dock: QDockWidget, visible: bool) -> None:
        """A dock (suggestions, guidelines) took its width from the splitter: share what is left.

        Qt gave the dock the width its content would like, and took it from the text, then from
        the claims, the list keeping its own: with a larger font, the claims were left a column
        of single words. The dock takes at most `geometry.DOCK_SHARE` of the window. If the
        text is still left too few characters a line, the article list folds away until the
        dock closes (`ListFold.fold_if_cramped`).

        A dock closed while it holds the focus gives it to the text: Qt gave it to the next
        widget in the chain, the article search, which took the next J or 1 as typed words.
        (Qt says the dock is hidden before it moves the focus, so the focus is still in it.)
        """
        from PySide6.QtCore import Qt

        from annotator.ui.geometry import DOCK_SHARE, keep_frame_on_screen, keep_on_screen

        if not visible and self.view.isVisible():
            focused = QApplication.focusWidget()
            if focused is not None and dock.isAncestorOf(focused):
                self.view.setFocus()
        if dock.isFloating():
            if visible:
                keep_frame_on_screen(dock)  # the frame is known now (`place_dock`)
            elif self._dock_room is not None:
                self._dock_room.give_back()  # made to float once open docked: its room went to the text
            return
        if not visible:
            # Opened again at the width it had, not at its share: one the person dragged is theirs.
            self._dock_widths[dock] = dock.width()
            if self.panel_stacked_with(dock) is not None:
                self._dock_heights[dock] = dock.height()  # and at the split it had beside the other
        # The dock laid out first (its content just shown or hidden), then the window.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the dock's width taken (or given back) now, not at the next layout
        if not visible:
            self.list_fold.unfold_if_folded_by_window()
            if self._dock_room is not None:
                self._dock_room.give_back()
            return
        self._docking = True  # keep_on_screen may narrow the window: no fold before the sharing
        try:
            # Set, not left to its content: Qt would widen it later to what its rows and its
            # wrapped summary would like, taking that from the panes after they were shared.
            # A width it had when the person closed it, or the window closed last, is theirs to keep.
            most = max(dock.minimumSizeHint().width(), int(self.width() * DOCK_SHARE))
            width = self._dock_widths.pop(dock, min(dock.width(), most))
            self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
            if layout is not None:
                layout.activate()
            if keep_on_screen(self) and layout is not None:
                layout.activate()
        finally:
            self._docking = False
        self._share_height(dock)
        self._tab_again(dock)
        sizes = self.splitter.sizes()
        self.share_panes(kept=(sizes[0], sizes[2]), list_folded=sizes[0] == 0)
        self.list_fold.fold_if_cramped()

    def _share_height(self, dock: QDockWidget) -> None:
        """A panel opened docked below or above the other open one: each its share of the height.

        Qt gave the panel opened second the height its content would like, no more: on a
        1366x768 laptop the Guidelines panel opened beside the Suggestions panel showed its
        wrapped heading and nothing under it. It takes the height it had at its last close
        beside the other (the split the person dragged), else half; each keeps what its
        content needs at least.
        """
        other = self.panel_stacked_with(dock)
        if other is None:
            return
        total = dock.height() + other.height()
        height = self._dock_heights.pop(dock, total // 2)
        height = max(dock.minimumSizeHint().height(), min(height, total - other.minimumSizeHint().height()))
        self.resizeDocks([dock, other], [height, total - height], Qt.Orientation.Vertical)
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def panel_stacked_with(self, dock: QDockWidget) -> QDockWidget | None:
        """The other side panel open docked one above or below `dock`, in the same column; None
        if there is none (closed, floating, elsewhere, or a tab behind it)."""
        from PySide6.QtWidgets import QDockWidget

        if dock.isFloating():
            return None
        area = self.dockWidgetArea(dock)
        tabs = self.tabifiedDockWidgets(dock)
        docks = self.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        for other in docks:
            if (
                other is not dock
                and other.isVisible()
                and not other.isFloating()
                and other not in tabs
                and self.dockWidgetArea(other) == area
                and other.x() == dock.x()
                and other.y() != dock.y()
            ):
                return other
        return None

    # ================================================================ settings

    def update_settings(self, settings: Settings) -> None:
        self.settings = settings
        self._save_settings()

    def quiet_when_gone(self, path: str, quiet: bool) -> None:
        """The gone project's "Don't tell me again for this file" (`app.name_the_missing_project`)."""
        self.update_settings(self.settings.with_quiet_when_gone(path, quiet))

    # ================================================================ palette, geometry, closing

    # A theme change (the system's, or View ▸ Theme) is not handled here: the article view and the
    # legend follow their own PaletteChange (`ArticleView.changeEvent`, `Legend.changeEvent`),
    # which arrives after the window's, when their own palette holds the new colours.

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrower window may leave the text cramped: the list and the claims give way, then
        the list folds (`ListFold.narrowed`); a wider one may have room for a list it folded.
        A taller one, grown by its minimum, is moved up onto the screen (`keep_bottom_on_screen`).

        The panes were laid out for the new width before this (the window's layout handles the
        resize first), so the text's width is the new one.
        """
        super().resizeEvent(event)
        if not self._built or self._docking:
            return
        if event.size().height() > event.oldSize().height() >= 0:
            from annotator.ui.geometry import keep_bottom_on_screen

            keep_bottom_on_screen(self)
        if event.size().width() < event.oldSize().width():
            self.list_fold.narrowed()
        elif event.size().width() > event.oldSize().width():
            self.list_fold.unfold_if_roomy()

    def event(self, event: QEvent) -> bool:
        """Deleted without a close (the close lets go first): the checks' answers would come to no
        window. Let go here, while the window is whole: a slot on `destroyed` runs on a
        half-destroyed object (`tests/ui/test_qt_object_lifetimes.py`)."""
        if event.type() == QEvent.Type.DeferredDelete:
            _let_go_of_checks(self._checks_out)
        return super().event(event)

    def quit_asked(self) -> None:
        """File ▸ Quit (Ctrl+Q): close the window, unless work the person asked for still runs
        and they would rather let it finish (`_quit_despite_work`)."""
        if self._quit_despite_work():
            self.close()

    def close_project_asked(self) -> None:
        """File ▸ Close Project (Ctrl+W): back to New, Open and Sample Project, unless work the
        person asked for still runs and they would rather let it finish (as Quit asks)."""
        if self._despite_work(
            self.tr("Close Project"),
            self.tr("{0} is not finished: closing the project now cancels it. Close it anyway?"),
        ):
            self.close_project()

    def open_despite_work(self, title: str) -> bool:
        """Whether to open another project although an import, export, copy or merge still
        runs: it asks, as Close Project does, since the open closes this project first.

        Open Recent, Open and New during an import cancelled it without a word: the articles
        the person waited for never came, and nothing said so.
        """
        return self._despite_work(
            title, self.tr("{0} is not finished: opening another project now cancels it. Open it anyway?")
        )

    def _quit_despite_work(self) -> bool:
        """Whether to quit although an import, export, copy or merge still runs: it asks.

        Ctrl+Q during an export closed the window at once and cancelled the export without a
        word: the file the person waited for was never written, and nothing said so.
        """
        return self._despite_work(
            self.tr("Quit"), self.tr("{0} is not finished: quitting now cancels it. Quit anyway?")
        )

    def _despite_work(self, title: str, question: str) -> bool:
        """Whether to go on although an import, export, copy or merge still runs: `question`
        (naming it in place of {0}) asks. The pre-annotation is left out: opening the project
        goes on with it."""
        from annotator.ui.transfers import PREANNOTATION_TASK

        leaving_out = frozenset({PREANNOTATION_TASK})
        running = self.runner.titles(leaving_out=leaving_out)
        if not running:
            return True
        doing = running[0].rstrip("…. ")
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, title, question.format(doing), yes | no, self)
        box.setObjectName("workRunsQuestion")
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        asked_about = [task for task in self.runner.tasks if task.name not in leaving_out]

        def ended() -> None:
            # The work ended meanwhile: nothing is left to cancel, and its report (a merge's,
            # an import's) came up over the question, where the Enter or Escape meant for the
            # question dismissed it unread and left the question asking about finished work.
            # Closed as No, as a Cancel's question is (`StopAsker`): the report is read first.
            if not self.runner.titles(leaving_out=leaving_out):
                box.done(no)

        for task in asked_about:
            task.signals.finished.connect(ended)
        # Work that ended between the look at the runner and the connections above has its end
        # queued already: heard after it, as a queued call is, the question does not stay.
        QTimer.singleShot(0, box, ended)
        try:
            box.exec()
            return box.clickedButton() is box.button(yes)
        finally:
            for task in asked_about:
                with contextlib.suppress(RuntimeError, TypeError):  # its signals freed at its end
                    task.signals.finished.disconnect(ended)
            box.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._built and event.spontaneous() and not self._quit_despite_work():
            event.ignore()  # the window's close button, as Ctrl+Q (`quit_asked`)
            return
        if not self._built:  # closed while the preview of a reopened project was shown
            self._start.cancel()
            self._drop_opening()  # its file may be being checked in the pool
            _let_go_of_checks(self._checks_out)
            super().closeEvent(event)
            return
        from annotator.ui.geometry import save_geometry

        save_geometry(
            self,
            self.splitter,
            self.article_list.header(),
            list_folded_by_window=self.list_fold.folded_by_window_for_room,
            folded_list_width=self.list_fold.folded_width,
            # Closed before the start could open the panels again: what the last close kept stays.
            panels=self.features.panels_at_close() if self._start.finished else (),
            panes_before_panel=self._panes_before_panel_at_close(),
        )
        if self._recent_unsaved:  # closed before its first paint: still remember the project
            self._save_settings(say=False)  # no message box on a closing window
        self.row_warnings.detach()
        shown = self._what_reopening_shows()
        if not self._start.finished:  # closed while a start's project was being checked
            self._start.cancel()
        self.close_project(tell=False)
        self.features.close()  # after the close, which waited for its work to end
        # The program may quit before the pool's answers reach this window: none opens now.
        _let_go_of_checks(self._checks_out)
        if shown is not None:
            self._record_close(*shown)
        super().closeEvent(event)

    def _panes_before_panel_at_close(self) -> PanesBefore | None:
        """The panes' widths before the docked panel open now took its room, for the start that
        opens it again to give back (`ui.dock_room`); those the last close kept if this window
        closed before its start could open the panel."""
        if not self._start.finished:
            return self._panes_before_panel
        return self._dock_room.before if self._dock_room is not None else None

    def _what_reopening_shows(self) -> tuple[Path, int, str, str, Place | None] | None:
        """The project, the article a start opens it on, and where the person was in it.

        Where they left wins: the article open now, at its caret, selection and scroll, even if
        it is done (they may have come back to check it). With no article shown, the first not
        done, at its top, as `open_project` picks it.
        """
        from annotator.core.errors import AnnotatorError
        from annotator.services.last_closed import Place

        project = self.project
        if project is None:
            return None
        if self.article is not None:
            shown = self.article.article
            at = self.view.place()
            return project.path, shown.id, shown.title, shown.text, Place(at.caret, at.selection, at.top)
        try:
            first_id = project.first_to_open()  # as `open_project` picks it
            if first_id is None:
                return None
            article = project.article(first_id)
        except (AnnotatorError, OSError):
            return None
        return project.path, article.id, article.title, article.text, None

    def _record_close(self, path: Path, article_id: int, title: str, text: str, place: Place | None) -> None:
        """Record what the next start shows first if nothing changes (`services.last_closed`)."""
        from annotator.services import last_closed
        from annotator.services.settings import load_settings
        from annotator.ui.quick_start import desktop_font

        settings = load_settings()  # what the next start reads, whatever this window holds
        sizes = self.splitter.sizes()
        written = last_closed.record_close(
            path,
            article_id=article_id,
            title=title,
            text=text,
            theme=settings.theme,
            font_size=settings.font_size,
            annotator=settings.annotator,
            recent_projects=settings.recent_projects,
            menu_height=self.menuBar().height(),
            legend_height=self.legend.height(),
            context_height=self.context_line.height(),
            pane_widths=(sizes[0], sizes[1], sizes[2]),
            window_size=(self.width(), self.height()),
            maximized=self._maximized_on(),
            desktop_font=desktop_font(),
            place=place,
        )
        log.debug("recorded for a quick reopening: %s", written)

    def _maximized_on(self) -> Maximized | None:
        """The screen that gave the window its maximized size, if it is maximized (not full screen)."""
        from annotator.ui.quick_start import screen_area

        if not self.isMaximized() or self.isFullScreen():
            return None
        return screen_area(self)


class _Opening(NamedTuple):
    """An opening whose file the pool is checking (`MainWindow.open_checked_in_pool`)."""

    asked: int
    path: Path
    open_checked: Callable[[CheckedFile | None], None]


class _PoolCheck:
    """The pool's checks for one opening, and who lets go of what they kept beside the file
    when no opening follows: the window, when their answer comes to it; the pool's work, once
    the window has closed (`let_go`), since the answer may then come to no window (the program
    quit, the window was destroyed) and the `-wal`/`-shm` stayed beside a file nobody had open.
    One lock decides which of the two it is, so it is done once."""

    def __init__(self, asked: int, path: Path) -> None:
        self.asked = asked
        self.path = path
        self._lock = threading.Lock()
        self._answer: CheckedFile | None = None
        self._let_go = False

    def answered(self, checked: CheckedFile) -> bool:
        """In the pool: keep the checks' answer for the window, unless it let go of them (False:
        the caller lets go of what they kept)."""
        with self._lock:
            if self._let_go:
                return False
            self._answer = checked
            return True

    def take(self) -> CheckedFile | None:
        """The answer, for the window: None if the pool refused the file, or after `let_go`."""
        with self._lock:
            answer, self._answer = self._answer, None
            return answer

    def let_go(self) -> CheckedFile | None:
        """No window takes the answer: the one come already (the caller lets go of it), and
        from now on the pool's work lets go of its own."""
        with self._lock:
            self._let_go = True
            answer, self._answer = self._answer, None
            return answer


def _show_app_icon() -> None:
    """Give every window the app's icon, from its SVG: the title bar and the task switcher
    showed the desktop's blank window, and a bitmap would be blown up at a scale of 2.
    Set as the window is built, which a reopened project's start does after its first paint
    (`ui.quick_start`): the SVG plugin is not loaded before that paint."""
    if QApplication.windowIcon().isNull():
        from annotator.services.paths import resources_dir

        QApplication.setWindowIcon(QIcon(str(resources_dir() / "icons" / "annotator.svg")))


def _let_go_of_checks(checks_out: dict[int, _PoolCheck]) -> None:
    """The window is closing or gone: what each check out kept for its opening goes, now for
    an answer already come, else by the pool's work as it ends (the program's exit waits for it)."""
    if not checks_out:
        return
    from annotator.services.project import not_opening

    for check in list(checks_out.values()):
        answer = check.let_go()
        if answer is not None:
            not_opening(check.path, answer)


_CHECKING: set[Task] = set()
"""The pool's checks of projects to open, held until they finish (the tasks' autoDelete is off)."""


def _summaries_or_refusal(project: Project) -> list[ArticleSummary] | ProjectFileError:
    """The article list, read in the pool; a row the store refuses comes back as its error,
    so the window knows which project and which read it is about (`_list_refused`)."""
    from annotator.core.errors import ProjectFileError

    try:
        return project.articles()
    except ProjectFileError as exc:
        return exc


def _notes_of(claims: Iterable[Claim]) -> set[tuple[int | None, str]]:
    """The claims' notes, by claim: a change of them asks the list's search again."""
    return {(claim.id, claim.note) for claim in claims if claim.note}


def _texts_and_notes_holding(
    project: Project, needle: str
) -> tuple[frozenset[int], dict[int, int], str | None]:
    """The list's search, in the pool: the articles whose texts hold `needle`, how many claims'
    notes hold it in each article, and why the notes could not be searched (None if they were).

    A note the store refuses (a crafted row) leaves the texts' matches standing, as a refused
    text leaves the titles': failing the whole search for it hid every article a text held.
    """
    from annotator.core.errors import AnnotatorError
    from annotator.ui.error_text import explain

    in_text = project.articles_containing(needle)
    try:
        return in_text, project.notes_containing(needle), None
    except AnnotatorError as exc:
        log.warning("the notes could not be searched: %s", exc)
        return in_text, {}, explain(exc).text


_LEFT_OUT_KINDS: dict[str, tuple[str, str]] = {
    "entities": ("{0} entity", "{0} entities"),
    "quotes": ("{0} quotation", "{0} quotations"),
    "candidates": ("{0} candidate sentence", "{0} candidate sentences"),
}
"""What a person calls the rows of each table the store may leave out (`REPLACED_BY_PREANNOTATION`)."""

_LEFT_OUT_ROW = re.compile(r"^(\w+) row \d+:")
"""How the store names a row it left out ("entities row 7: label is longer than …")."""


def _left_out_kinds(rows: tuple[str, ...]) -> str:
    """How many highlights of each kind were left out, in words ("2 entities, 1 quotation").

    The store's own words ("entities row 2: label is longer than the limit of 100,000
    characters") told an annotator a table, a row and a column; the log still names them.
    """
    counts = Counter(match.group(1) if (match := _LEFT_OUT_ROW.match(row)) else "" for row in rows)
    said = []
    for table, count in counts.items():
        one, many = _LEFT_OUT_KINDS.get(table, ("{0} highlight", "{0} highlights"))
        said.append(QCoreApplication.translate("MainWindow", one if count == 1 else many).format(count))
    return ", ".join(said)
