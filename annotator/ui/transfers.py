"""Files in and out of the window's project: import (dialog or drop), pre-annotation, export.

Each runs off the UI thread through the window's `run_task` (the work itself is in
`ui.services_bridge`, in a child process); this module asks for paths, confirms an
overwrite, and tells the window what to refresh when the work is done.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.suggestions import StepKind, TrainingStep
from annotator.core.text import counted
from annotator.services.adjudication import gold_holds_a_claim
from annotator.services.paths import fitting_name, project_stem
from annotator.services.project import Project
from annotator.ui import save_dialog
from annotator.ui import services_bridge as bridge
from annotator.ui.article_panel import ArticlePanel
from annotator.ui.context import WindowContext
from annotator.ui.error_text import model_warning
from annotator.ui.export_labels import EVERYONE, ExportLabels, ExportLabelsDialog, needs_asking, remembered
from annotator.ui.folders import DialogFolders
from annotator.ui.plain import tip
from annotator.ui.project_files import refuse_if_gone, refuse_unless_writable
from annotator.ui.status_bar import StatusBar
from annotator.ui.subprocess_work import LOADING_MODEL, WarmWorker
from annotator.ui.task_runner import GiveWay, TaskOptions
from annotator.ui.workers import Result, Task, WorkReturning

if TYPE_CHECKING:
    from annotator.services.exporting import ExportResult
    from annotator.services.preannotate import PreannotateReport
    from annotator.ui.import_report import ImportReportDialog
    from annotator.ui.subprocess_work import ImportSummary

PREANNOTATION_TASK = "pre-annotate"
"""The name of the window's own pre-annotation task: it writes only what pre-annotation finds
(names, quotations, candidates and their suggestions), never an article, a claim or a status,
so the project watch still shows what other windows save while it runs (`ProjectWatch`)."""


SUGGESTING = "Suggesting labels for the new candidate sentences"
"""The progress message of a pre-annotation that is giving its new candidates label suggestions:
the status bar counts them apart from articles, and the progress dialog shows it as it is (it
read "suggesting", the bare mark, under "Pre-annotating…")."""


def _unpadded(typed: Path) -> Path:
    """The name typed in the save dialog without spaces around it, unless a file is named so.

    "claims.csv " (a space pasted or typed after the name) wrote "claims.csv .csv", and
    " claims" a file the list sorts apart: no one means a space no file list shows, and
    the release dialog trims its folder's name too.
    """
    trimmed = typed.name.strip()
    if not trimmed or trimmed == typed.name or os.path.lexists(typed):
        return typed
    return typed.with_name(trimmed)


def articles_done(done: int, total: int) -> str:
    """The progress dialog's line for the articles' count, as pre-annotation says it after a
    long article's parts."""
    return f"{done} of {total} articles done"


def suggestions_marked(work: WorkReturning[Result]) -> WorkReturning[Result]:
    """`work` whose label-suggestion steps reach the window as `SUGGESTING`, its other training
    steps as no message, and its words as they are.

    A run with a trained model ends by suggesting labels, counted by candidate: the status bar
    read "pre-annotating 601 / 601…" after "8 / 23", as if 601 articles were being done. Marked
    in the pool thread, where the step still has its kind: the progress signal carries text.
    The words pre-annotation says (a long article's parts) reach the progress dialog: they were
    dropped with the steps, and the dialog stood at 0% for the minutes such an article takes.
    The articles' count is said in words too (`articles_done`): the dialog keeps the last
    message it was given, and "Loading the language model…" stayed over the count.
    """

    def marked(progress: ProgressFn, cancel: CancelFn) -> Result:
        def relay(done: int, total: int, message: str = "", /) -> None:
            if isinstance(message, TrainingStep):
                progress(done, total, SUGGESTING if message.kind is StepKind.SUGGESTING else "")
            elif not message and total:
                progress(done, total, articles_done(done, total))
            else:
                progress(done, total, message)

        return work(relay, cancel)

    return marked


@dataclass(frozen=True)
class PreannotationScope:
    """Which articles a pre-annotation run does, so that two asked for one project become one.

    Ctrl+P pressed while the opening's pre-annotation was paused for an export queued a second
    run behind the export; after it the paused one resumed too, and loaded the model again only
    to find nothing left. A request that a run waiting, paused or under way already does is not
    queued; one that does more takes that run's place, as the wider of the two (`joined`).

    `everything`: Pre-annotate All, what the loaded pipeline has not analysed (the opening's
    articles among them) and the team's decisions carried to the rest. `opened`: what an
    opening does, the articles never analysed and, once a trained pipeline is installed, those
    the rules did (`preannotate_opened`). Otherwise `article_ids`, an import's new articles.
    A run reads which articles need it when it starts, so one not started yet (waiting, or
    paused, which starts anew) covers articles added since it was asked; a started one has
    its list.
    """

    everything: bool = False
    opened: bool = False
    article_ids: frozenset[int] = frozenset()

    def covers(
        self, asked: PreannotationScope, *, started: bool, never_analysed: Callable[[], set[int]]
    ) -> bool:
        """Whether this run, `started` or not, does all that `asked` would."""
        if asked.everything:
            return self.everything
        if asked.opened:
            return self.everything or self.opened
        if started:
            return False  # its list was read before these articles were asked for
        if self.everything:
            return True
        if self.opened:
            return asked.article_ids <= never_analysed()
        return asked.article_ids <= self.article_ids

    def joined(
        self, asked: PreannotationScope, *, never_analysed: Callable[[], set[int]]
    ) -> PreannotationScope:
        """One run that does what both would: the wider scope wins."""
        if self.everything or asked.everything:
            return PreannotationScope(everything=True)
        if self.opened or asked.opened:
            listed = self.article_ids | asked.article_ids
            # An import's articles are never analysed, which is what an opening's run does;
            # any others only Pre-annotate All does with it.
            if listed <= never_analysed():
                return PreannotationScope(opened=True)
            return PreannotationScope(everything=True)
        return PreannotationScope(article_ids=self.article_ids | asked.article_ids)


@dataclass(eq=False)
class _PreannotationRun:
    """The window's one pre-annotation of a project: what it does, and how far it has come."""

    project: Project
    scope: PreannotationScope
    task: Task | None = None
    started: bool = False
    paused: bool = False
    """Stepped aside for other work (`GiveWay`): it starts anew, with its list read again."""
    loading: bool = True
    """Its child is starting or loading the model: no article of it can be done yet."""
    some_done: bool = False
    """It has done an article (or a step of its later work): a stop keeps those."""


class Transfers(QObject):
    """Import, pre-annotate and export for the open project."""

    def __init__(self, ctx: WindowContext, *, articles: ArticlePanel, status_bar: StatusBar) -> None:
        super().__init__(ctx.main_window)
        self.ctx = ctx
        self.articles = articles
        self.status_bar = status_bar
        self.model_label = status_bar.model_label
        self.auto_preannotate = True  # pre-annotate what an import added
        self.folders = DialogFolders(ctx)
        self.import_report: ImportReportDialog | None = None  # the last import's rejections
        self.labels_dialog: ExportLabelsDialog | None = None  # whose labels to export, while it asks
        self._preannotation: _PreannotationRun | None = None  # running, waiting or paused
        # One process pre-annotates for the window, keeping its model loaded between runs.
        self.worker = WarmWorker()
        ctx.events.projectChanged.connect(self._forget_closed_preannotation)

    def close(self) -> None:
        """The window closes: its pre-annotation process ends, its model with it."""
        self.worker.close()

    def _forget_closed_preannotation(self) -> None:
        """A paused run of a closed project is not resumed (`TaskRunner.cancel_all`): let it go."""
        if self._preannotation is not None and self._preannotation.project is not self.ctx.project:
            self._preannotation = None

    def _refuse_while_opening(self, chosen: Sequence[Path] = ()) -> None:
        """Refuse an import asked while the window says "Opening <name>…", as a drop is refused
        then (`MainWindow.files_dropped`): it went into the project about to close, or was
        cancelled with it, never into the one being opened, and nothing said so.

        Asked before a file dialog, so that none is filled in for nothing, and again with the
        files `chosen` in it, since an opening can begin while it is up (a project named on
        the command line reaching this window, the watch reopening a moved file).
        """
        opening = self.ctx.opening_path
        if opening is None:
            return
        if not chosen:
            raise AnnotatorError(
                self.tr("Articles cannot be imported while {0} opens. Import them once it is open.").format(
                    opening.name
                )
            )
        names = ", ".join(path.name for path in chosen[:3]) + (", …" if len(chosen) > 3 else "")
        raise AnnotatorError(
            self.tr("{0}: not imported while {1} opens. Import them again once it is open.").format(
                names, opening.name
            )
        )

    def _refuse_import(self) -> Project:
        """The open project, if articles can be imported into it; else refused, saying why.

        Asked before a file dialog too: on a read-only project, or one whose file is gone, the
        person picked the files or the folder first and was refused only then.
        """
        project = self.ctx.project
        if project is None:
            raise AnnotatorError(self.tr("Open or create a project before importing"))
        refuse_unless_writable(project, self.tr("no article can be imported into it"))
        return project

    def import_dialog(self) -> None:
        self._refuse_while_opening()
        self._refuse_import()
        title, start = self.tr("Import articles"), str(self.folders.start("import"))
        names, _ = QFileDialog.getOpenFileNames(self.ctx.main_window, title, start, bridge.import_filter())
        if names:
            self.folders.remember("import", Path(names[0]).parent)
            self._refuse_while_opening([Path(n) for n in names])
            self.import_paths([Path(n) for n in names])

    def import_folder_dialog(self) -> None:
        """A whole folder at once, as a drop or `annotator import FOLDER` reads it.

        The file dialog of Import Articles picks files only: in a folder of pages, its Open did
        nothing until every file was selected, and the refusal of a file said to import
        "a folder of them", which no dialog of the window could.
        """
        self._refuse_while_opening()
        self._refuse_import()
        title, start = self.tr("Import a folder of articles"), str(self.folders.start("import"))
        name = QFileDialog.getExistingDirectory(self.ctx.main_window, title, start)
        if name:
            # Its parent: the next time, the dialog shows this folder beside its neighbours.
            self.folders.remember("import", Path(name).parent)
            self._refuse_while_opening([Path(name)])
            self.import_paths([Path(name)])

    def import_paths(self, import_paths: Sequence[Path]) -> Task | None:
        """Import files or folders in a worker, then pre-annotate what was added."""
        project = self._refuse_import()
        work = bridge.import_work(
            project.path, list(import_paths), max_bytes=self.ctx.settings.max_import_bytes
        )
        # One transaction at the end (`services.importing`): a stop keeps none of the files.
        stop = self.tr("Stop importing? None of its articles are kept: an import saves them all at the end.")
        importing: list[Task] = []  # filled before the task's result can reach the window's thread
        task = self.ctx.run_task(
            work,
            self.tr("Importing…"),
            lambda report: self._imported(report, project, stopped_too_late=importing[0].is_cancelled()),
            # A stop asked while the import saves (its one transaction, seconds for a large
            # import, its progress at the end) cannot stop it: the articles are in the project.
            # "Cancelled" then left them out of the list, until the project watch called them
            # added "by another window or program"; the import stands, and says so.
            TaskOptions(name="import", stop_question=stop, result_stands=True),
        )
        if task is not None:
            importing.append(task)
        return task

    def _imported(self, report: ImportSummary, project: Project, *, stopped_too_late: bool = False) -> None:
        from annotator.ui.import_report import ImportOutcome, show_import_report

        if self.ctx.project is not project:
            # Closed or switched meanwhile (`TaskRunner.cancel_all`): the articles are in that
            # project's file, and its ids are not this project's to reload or pre-annotate.
            return
        added = report["added"]
        self.ctx.reload_articles()
        if added:
            self.ctx.events.imported.emit()
        outcome = ImportOutcome.from_report(report)
        # The window's own line, as a sentence: the service's ("imported 2 article(s) …") is the
        # command line's, which starts lowercase after the program's name.
        line = outcome.status_line()
        if stopped_too_late:  # the person asked it to stop, and was told none of it would be kept
            line = self.tr("The import had finished before it could stop: {0}").format(line)
        self.ctx.status(line, 8000)
        if (
            outcome.rejected_count
            or outcome.left_out_labels
            or outcome.differing
            or outcome.conflict_count
            or outcome.skipped
            or outcome.unnamed
        ):
            # Each rejected file and why, in a dialog that stays: a status-bar count, clipped and
            # gone after 8 s, pointing at a report in a hidden folder, explained nothing. So are
            # the spans left out for labels that are not ours, or they went missing unseen, and
            # the labels not taken over those the project holds of the same person, or over
            # another file's of this import, and the folders' files of kinds not read; and the
            # labels stored as "imported"'s, whose person is named only by a rename.
            self.import_report = show_import_report(self.ctx.main_window, outcome)
        if self.ctx.article is None and self.articles.filter.rowCount():
            self.articles.select_row(0)
        elif outcome.given:
            # Another person's labels joined articles the project held: the one shown may be
            # among them, and showed Alice's labels without Bob's until opened again.
            self.ctx.show_again()
        if added and self.auto_preannotate and bridge.preannotate_available():
            self.preannotate(added)

    def preannotate_missing(self, project: Project) -> Task | None:
        """Pre-annotate in the background what was never pre-annotated (a new sample project, an
        import made with --no-nlp), so its highlights come without waiting for Ctrl+P; and,
        once the spaCy model is installed, what simple rules pre-annotated without it.

        The fallback's advice is to install the model: whoever did so expects the highlights
        to get better when they open the project again, not after finding Pre-annotate All.
        """
        if not (self.auto_preannotate and bridge.preannotate_available()) or project.saving_stopped:
            return None
        if project.read_only:  # nothing it finds could be saved: it ran, then said so in a box
            return None
        if not project.articles_needing_analysis() and not bridge.rules_to_upgrade(project):
            return None
        return self._ask_preannotation(project, PreannotationScope(opened=True))

    def preannotate(self, article_ids: list[int] | None) -> Task | None:
        """Pre-annotate these articles (None: every one that needs it) in the background."""
        project = self.ctx.project
        if project is None:
            return None
        if not bridge.preannotate_available():
            raise AnnotatorError(self.tr("Pre-annotation is not available in this build"))
        refuse_unless_writable(project, self.tr("nothing can be pre-annotated in it"))
        if article_ids is None:
            return self._ask_preannotation(project, PreannotationScope(everything=True))
        return self._ask_preannotation(project, PreannotationScope(article_ids=frozenset(article_ids)))

    def _preannotation_work(
        self, project: Project, scope: PreannotationScope
    ) -> WorkReturning[PreannotateReport]:
        if scope.opened:
            return self.worker.taking(bridge.preannotate_opened_work(project.path))
        article_ids = None if scope.everything else sorted(scope.article_ids)
        # R, R, Ctrl+Z, Ctrl+P: carrying the standing rejection to the second mention would
        # make Ctrl+Y say "Not redone" and clear the history, as the opening of an article
        # would. Read at each start: a run resumed after a merge has other undone edits.
        work = bridge.preannotate_work(project.path, article_ids, self.ctx.waiting_entities())
        return self.worker.taking(work)

    def _ask_preannotation(self, project: Project, scope: PreannotationScope) -> Task | None:
        """At most one pre-annotation of the project runs, waits or is paused (`PreannotationScope`)."""
        current = self._preannotation
        if current is None or current.project is not project:
            return self._run_preannotation(project, scope)

        def never_analysed() -> set[int]:
            return set(project.articles_needing_analysis())

        started = current.started and not current.paused
        if current.scope.covers(scope, started=started, never_analysed=never_analysed):
            if scope.everything:  # asked by the person (Ctrl+P), who is told why nothing new starts
                if current.paused:
                    said = self.tr("Pre-annotation is paused and goes on by itself once the other work ends")
                else:
                    said = self.tr("Pre-annotation is already under way")
                self.ctx.status(said, 8000)
            return None if current.paused else current.task
        scope = current.scope.joined(scope, never_analysed=never_analysed)
        if current.task is not None and not current.paused:
            self.ctx.withdraw_task(current.task)
        self._preannotation = None  # a paused one's resume finds itself replaced
        return self._run_preannotation(project, scope)

    def _run_preannotation(self, project: Project, scope: PreannotationScope) -> Task | None:
        """Pre-annotate in the background, stepping aside for any other task asked meanwhile.

        Each batch is saved as it is done, and a new run does only what is left, so a merge,
        import, export or copy asked meanwhile need not wait the minutes a large project's
        pre-annotation takes: it stops after its batch, without a "Cancelled", and starts
        again by itself once the window has no task left, if the project is still the one open
        (`task_runner.GiveWay`). Pre-annotate All does the same, and takes the place of the
        pre-annotation asked before it (`_ask_preannotation`).
        """
        title = self.tr("Pre-annotating…")
        run = _PreannotationRun(project, scope)
        self._preannotation = run

        def stop() -> str:
            # "The articles pre-annotated so far keep their highlights" was asked while the
            # model loaded, before any article was done: nothing is kept then, and nothing lost.
            if run.some_done:
                return self.tr(
                    "Stop pre-annotating? The articles pre-annotated so far keep their highlights; "
                    "File ▸ Pre-annotate All does the rest later."
                )
            if run.loading:
                return self.tr(
                    "Stop pre-annotating? The language model is still loading, so no article has been "
                    "pre-annotated yet; File ▸ Pre-annotate All does them later."
                )
            return self.tr(
                "Stop pre-annotating? No article has been pre-annotated yet; "
                "File ▸ Pre-annotate All does them later."
            )

        def progressed(done: int, total: int, message: str) -> None:
            run.loading = run.loading and message == LOADING_MODEL
            run.some_done = run.some_done or done > 0
            self._preannotation_progress(done, total, message)

        def pause() -> None:
            run.paused = True
            self.status_bar.show_preannotation_paused()

        def started() -> None:
            run.started = True

        def ended() -> None:
            if self._preannotation is run and not run.paused:
                self._preannotation = None

        def stopped() -> None:
            # Replaced by a wider run (`_ask_preannotation`): that one goes on, and says so.
            replaced = run.paused or self._preannotation is not run
            self._stopped(paused=replaced)
            task = run.task
            if not replaced and task is not None and task.is_cancelled() and task.failure is None:
                self._say_cancelled(project)

        def resume() -> None:
            if self._preannotation is not run:
                return  # another run took its place
            self._preannotation = None
            # An opening under way closes this project: a Save a Copy that goes on with the
            # copy ends by opening it, and a run resumed just before the switch loaded a model
            # and started a child process only to be cancelled by the close.
            if self.ctx.project is not project or project.saving_stopped or self.ctx.opening:
                self.status_bar.show_preannotation_ended()
                return
            self._run_preannotation(project, scope)

        def preannotated(report: PreannotateReport) -> None:
            task = run.task
            self._preannotated(report, stopped_too_late=task is not None and task.is_cancelled())

        self.status_bar.show_preannotating()
        run.task = self.ctx.run_task(
            suggestions_marked(self._preannotation_work(project, scope)),
            title,
            preannotated,
            TaskOptions(
                name=PREANNOTATION_TASK,
                stop_question=stop,
                on_started=started,
                on_progress=progressed,
                time_left=True,
                # Batches are saved as they are done: a run cancelled or stopped by an error has
                # renewed some articles' suggestions, maybe the open one's, whose ids are then gone.
                on_stopped=stopped,
                on_ended=ended,
                give_way=GiveWay(paused=pause, resume=resume),
                # A Cancel after the last article (while tokens or label suggestions are made)
                # stops nothing the report speaks of: "cancelled" dropped the report, and with
                # it the warning that the model is missing.
                result_stands=lambda report: not report.cancelled,
            ),
        )
        return run.task

    def _preannotation_progress(self, done: int, total: int, message: str) -> None:
        # Here, not at the top: the window's first paint does without pre-annotation's modules.
        from annotator.services.preannotate import CARRYING_DECISIONS

        self.status_bar.show_preannotating(
            done,
            total,
            suggesting=message == SUGGESTING,
            carrying=message == CARRYING_DECISIONS,
            loading=message == LOADING_MODEL,
        )

    def _stopped(self, *, paused: bool = False) -> None:
        """What a pre-annotation that did not finish had saved: the list and the open article.

        One that stepped aside for other work (`paused`) still says so: it goes on after it."""
        if not paused:
            self.status_bar.show_preannotation_ended()
        if self.ctx.project is not None:
            self.ctx.guard(self.ctx.reload_articles)
            self.ctx.guard(self.ctx.show_again)
            self.ctx.events.preannotated.emit()  # the Suggestions panel reads its candidates again

    def _say_cancelled(self, project: Project) -> None:
        """What a pre-annotation the person cancelled left, and how to finish it.

        "Cancelled" alone, gone after 4 s, left the articles it had not reached without
        highlights and nothing said that any were left, or how to do them: a run stopped
        before its first question (`StopAsker`) never said Pre-annotate All does the rest.
        """
        if self.ctx.project is not project:
            return  # closed or switched (`TaskRunner.cancel_all`): nothing of it is said
        left = len(project.articles_needing_analysis())
        if left:
            said = self.tr(
                "Pre-annotation cancelled: {0} not pre-annotated yet; File ▸ Pre-annotate All does them"
            ).format(counted(left, "article"))
        else:
            said = self.tr(
                "Pre-annotation cancelled: the articles it finished keep their highlights; "
                "File ▸ Pre-annotate All does the rest"
            )
        self.ctx.status(said, 10000)

    def _preannotated(self, result: PreannotateReport, *, stopped_too_late: bool = False) -> None:
        """Say what the run did; `stopped_too_late`: the person asked it to stop, after it had
        done every article, and is told so rather than "cancelled"."""
        self.status_bar.show_preannotation_ended()
        # As for a shown article: "blank:en 3.8.18+rules.…" told nobody that simple rules ran.
        self.status_bar.show_model(result.pipeline)
        if result.warning:
            said = model_warning(result.pipeline, result.warning, damaged=result.damaged is not None)
            self.model_label.setToolTip(tip(f"{said.text}\n\n{said.details}"))
        self.ctx.reload_articles()
        # The same article, with its new suggestions: the person keeps their place in it.
        self.ctx.show_again()
        message = bridge.preannotation_line(result)
        if message:
            choices = bridge.preannotation_choices(result)
            if stopped_too_late:
                late = self.tr("Pre-annotation had finished before it could stop: {0}")
                choices, message = [late.format(line) for line in choices], late.format(message)
            # The first line that fits: the whole one, or the model's warning in fewer words.
            self.ctx.status_fitting(choices, message, 8000)
        self.ctx.events.preannotated.emit()

    def export_dialog(self) -> None:
        project = self.ctx.project
        if project is None:
            return
        if not bridge.export_available():
            raise AnnotatorError(self.tr("Export is not available in this build"))
        refuse_if_gone(project)
        labels = self._ask_labels(project)
        if labels is None:
            return
        start = self.folders.start("export", project.path)
        proposed, format_ending = bridge.export_proposal(self.ctx.settings.export_format)
        # Cut to fit: a long-named project's name with the ending added was too long to save.
        ending = labels.file_suffix() + format_ending  # kept whole: whose labels, which format
        suggested = str(start / fitting_name(project_stem(project.path), ending))
        window, filters = self.ctx.main_window, self.tr(bridge.export_filter())
        name, chosen = save_dialog.ask_save_path(
            window, self.tr("Export"), suggested, filters, proposed, rename=bridge.export_renamer
        )
        if name:
            fmt = bridge.format_from_filter(chosen, Path(name))
            if fmt != self.ctx.settings.export_format:
                self.ctx.update_settings(dataclasses.replace(self.ctx.settings, export_format=fmt))
            # A name typed without an ending ("claims") was written as it stood: a file that
            # no spreadsheet or editor on the laptop would open by a double click.
            out = bridge.export_output(_unpadded(Path(name)), fmt)
            other = bridge.clashing_export_format(out, fmt)
            if other is not None:
                # CSV written into "claims.jsonl", said exported: read back, every line was bad JSON.
                raise AnnotatorError(
                    self.tr(
                        "{0} ends in {1}, as {2} files do, but the file type chosen is {3}, so nothing "
                        "was exported: export again, choosing that file type or a name ending in {4}"
                    ).format(
                        out.name,
                        out.suffix,
                        other,
                        bridge.export_description(fmt),
                        bridge.export_extension(fmt),
                    )
                )
            # The save dialog, native or Qt's own, has already asked whether to replace an
            # existing file: asking again made people answer the same question twice. It
            # asked about the name typed, though, not about the one with its ending added,
            # nor about the files spaCy's export names after it ("news.train.spacy", ...).
            confirmed = bridge.export_targets(out, fmt) == [Path(name)]
            self.export_to(out, fmt, confirmed=confirmed, labels=labels)

    def _ask_labels(self, project: Project) -> ExportLabels | None:
        """Whose labels to export (None: the person cancelled), as `annotator export` offers them.

        Asked only when there is a choice (a second annotator, or gold decisions); the answer
        is kept in the settings, so the next export proposes it again.
        """
        # Who owns a claim, not every name the project has known: one whose claims were all
        # deleted was offered, and chosen, wrote an empty file said "Exported 0 claims".
        annotators = project.claim_authors()
        decisions = project.gold_decisions()
        decided = bool(decisions)
        me = self.ctx.settings.annotator
        settled_here = any(d.decided_by == me and d.label is not None for d in decisions)
        if not needs_asking(annotators, decided):
            return EVERYONE
        # Offered for a "no claim" decision or one span two annotators labelled alike, gold
        # came out empty where that span's article still had an open disagreement, and the
        # person learnt it only after choosing a file. Now offered only when `export --gold`
        # writes a claim: exactly, mostly in one pass over the claims (a tenth to a twentieth
        # of working gold out on 10,000 articles with 100,000 claims; bench_gold_offer.py).
        has_gold = gold_holds_a_claim(project, decisions, match=self.ctx.settings.match_mode())
        waiting = not has_gold and project.has_agreed_span()
        chosen = remembered(self.ctx.settings, annotators, has_gold, settled_here=settled_here)
        dialog = ExportLabelsDialog(
            annotators, has_gold, chosen, self.ctx.main_window, agreed_waiting=waiting
        )
        self.labels_dialog = dialog

        def read_again() -> None:  # another window or program saved: its people as saved now
            if self.ctx.project is project:
                dialog.set_annotators(project.claim_authors(), project.renames())

        # A partial, not a lambda holding `self` (the lifetime rule); disconnected as the dialog ends.
        elsewhere = self.ctx.events.savedElsewhere.connect(partial(self.ctx.guard, read_again))
        try:
            if dialog.exec() != ExportLabelsDialog.DialogCode.Accepted:
                return None
            labels = dialog.choice()
        finally:
            self.ctx.events.savedElsewhere.disconnect(elsewhere)
            self.labels_dialog = None
            dialog.deleteLater()
        settings = self.ctx.settings
        kept = dataclasses.replace(
            settings,
            export_labels=labels.kind,
            export_annotator=labels.annotator or settings.export_annotator,
        )
        if kept != settings:
            self.ctx.update_settings(kept)
        return labels

    def export_to(
        self, out_path: Path, fmt: str, *, confirmed: bool = False, labels: ExportLabels = EVERYONE
    ) -> Task | None:
        """Export `labels` in a worker; asks before overwriting, unless a save dialog already has
        (`confirmed`)."""
        project = self.ctx.project
        if project is None:
            return None
        refuse_if_gone(project)
        from annotator.services.outputs import check_output

        # "claims" typed over a folder "claims.jsonl" was asked "claims.jsonl exists. Replace
        # it?", and only a Yes heard that a folder is never replaced: what a file can never be
        # written over (a folder, the project, a device) is said before anything is asked.
        targets = bridge.export_targets(out_path, fmt)
        for target in targets:
            check_output(target, project=project.path, force=True)
        existing = [target for target in targets if target.exists()]
        if existing and not confirmed:
            if len(existing) == 1:
                question = self.tr("{0} exists. Replace it?").format(existing[0].name)
            else:
                question = self.tr("{0} and {1} exist. Replace them?").format(
                    existing[0].name, counted(len(existing) - 1, "more file")
                )
            answer = QMessageBox.question(self.ctx.main_window, self.tr("Export"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        self.folders.remember("export", out_path.parent)
        # Gold counts as undecided what the review, matching spans as set there, showed undecided.
        work = bridge.export_work(
            project.path,
            out_path,
            fmt,
            gold=labels.gold,
            annotators=labels.annotators,
            match=self.ctx.settings.match_mode(),
        )
        return self.ctx.run_task(
            work,
            self.tr("Exporting…"),
            lambda result: self._exported(out_path, result, targets),
            TaskOptions(name="export", stop_question=self.tr("Stop exporting? No file is written.")),
        )

    def _exported(self, out_path: Path, result: ExportResult, targets: Sequence[Path] = ()) -> None:
        """Say what the export wrote and where, and what in it differs from the project (claims
        widened to whole words for spaCy): the person exporting would not otherwise know.

        Where is the file's name, with its folder's if the line has room: the whole path cut
        the line off at 1366 px before the name. The path is in the line's tooltip.

        Its folder is remembered again now it is written: a folder typed into the dialog that
        did not exist yet was made by the export, and the next Export started in the home folder.
        """
        self.folders.remember("export", out_path.parent)
        written = out_path
        beside = len(targets) > 1 and targets[0].parent == out_path.parent
        if beside:  # spaCy's files beside the name chosen: "news.spacy" itself is never written.
            written = targets[0]

        def where(shown: str) -> str:
            if not beside:
                return shown
            return self.tr("{0} and {1} beside it").format(shown, counted(len(targets) - 1, "more file"))

        what = self._what_was_exported(result)
        notes = list(result.notes)

        def line(shown: str) -> str:
            done = self.tr("Exported {0} to {1}").format(what, where(shown))
            # A note names a claim: read, not glanced at.
            return self.tr("{0}. Note: {1}").format(done, " ".join(notes)) if notes else done

        in_folder = str(Path(written.parent.name) / written.name) if written.parent.name else written.name
        choices = [line(in_folder), line(written.name)]
        # Longer with a note than the plain line.
        self.ctx.status_fitting(choices, line(str(written)), 30000 if notes else 8000)

    def _what_was_exported(self, result: ExportResult) -> str:
        """ "7 articles and 2 claims", or "2 claims (from 7 articles)" for a file of claims only.

        "Exported to news.jsonl" said nothing of what was in it: an export of the wrong
        person's labels, or of none, read the same as the one meant.
        """
        article_count, claim_count = result.articles, result.claims
        articles = (
            self.tr("1 article") if article_count == 1 else self.tr("{0} articles").format(article_count)
        )
        claims = self.tr("1 claim") if claim_count == 1 else self.tr("{0} claims").format(claim_count)
        if result.claim_rows:
            return self.tr("{0} (from {1})").format(claims, articles)
        return self.tr("{0} and {1}").format(articles, claims)
