"""Team work in the main window: File > Merge, Team > Review / Statistics, View > Guidelines.

The window builds a `TeamFeature` from its context and binds its handlers to the
declared actions; everything here works on the open project (the team file).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QDockWidget, QMessageBox, QTextEdit

from annotator.core.bidi import isolated
from annotator.core.errors import ProjectFileError
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.text import counted
from annotator.services.project import Project, open_project
from annotator.ui import merge_pick
from annotator.ui.actions import ActionSet, lend_application_keys
from annotator.ui.context import WindowContext
from annotator.ui.folders import DialogFolders
from annotator.ui.guidelines import GuidelinesPanel
from annotator.ui.plain import plain
from annotator.ui.project_files import refuse_unless_writable
from annotator.ui.task_runner import TaskOptions
from annotator.ui.workers import Task, WorkReturning

if TYPE_CHECKING:
    from annotator.core.commands import Change
    from annotator.services.backups import Backup
    from annotator.services.merging import MergeConflict, MergeReport, MergeResult
    from annotator.ui.dashboard import DashboardDialog
    from annotator.ui.rename_dialog import RenameDialog
    from annotator.ui.review import ReviewDialog

# Merge, review and the dashboard (merging, agreement, charts) load when first used: the
# window's first paint does not wait for features it does not draw.


LEFT_TO_RIGHT_MARK = "\u200e"


def _merged_names(reports: Sequence[MergeReport]) -> list[str]:
    """How the report names each merged file: by its name, as a person picked it in the dialog.

    The whole path ("/home/dana/Downloads/team/alice.annotator.db: …") took most of the line;
    where two files share a name (everyone's "project.annotator.db"), their paths tell them apart.
    """
    names = [Path(r.source).name for r in reports]
    return [
        _line_opening(r.source if names.count(name) > 1 else name)
        for r, name in zip(reports, names, strict=True)
    ]


def _line_opening(name: str) -> str:
    """`name` set at the start of one of the report's lines, which reads left to right.

    A Hebrew or Arabic name opening its line turned the whole line right to left:
    "אליס.db: 3 new articles…" showed as "db: 3 new articles, … .אליס", and "קרול 2.db" as
    "…, 0.2 קרול". Isolated (`core.bidi`), with a left-to-right mark before it, since Qt
    takes a line's direction from its first letter even inside an isolate.
    """
    shown = isolated(name)
    return shown if shown == name else LEFT_TO_RIGHT_MARK + shown


def merge_work(
    team_path: Path, paths: Sequence[Path], *, refused_hint: str = ""
) -> WorkReturning[MergeResult]:
    """Merge in a pool thread on its own connection (SQLite connections belong to one thread).

    A thread rather than a child process: the merge is SQLite work that releases the
    GIL, starts at once, and the service checks Cancel after every article.

    `refused_hint`: what the box adds when one of `paths` is refused (not a project, damaged,
    newer). It said only that the file was not opened and "Nothing in it is changed": a lead
    who had picked it with alice's and bob's files could not tell whether theirs went in.
    """
    picked = {path.absolute() for path in paths}

    def work(progress: ProgressFn, cancel: CancelFn) -> MergeResult:
        from annotator.services.merging import merge_keeping_a_copy

        with open_project(team_path, create=False) as team:
            try:
                return merge_keeping_a_copy(team, paths, progress=progress, cancel=cancel)
            except ProjectFileError as exc:
                if refused_hint and Path(exc.path).absolute() in picked:
                    raise exc.with_hint(refused_hint) from exc
                raise

    return work


class TeamFeature(QObject):
    """Merge, review, statistics and the guidelines dock, for the window's declared actions."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.main_window)
        self.ctx = ctx
        window = ctx.main_window
        self.merge_task: Task | None = None
        self.merge_report: QMessageBox | None = None
        self.review_dialog: ReviewDialog | None = None
        self.dashboard_dialog: DashboardDialog | None = None
        self.rename_dialog: RenameDialog | None = None
        self._renaming_in: Project | None = None  # the project the open rename dialog renames in
        self.dock = QDockWidget(self.tr("Guidelines"), window)
        self.dock.setObjectName("guidelines_dock")
        # Reset to Shipped Guidelines… is saved on the window's undo stack: Ctrl+Z takes it back.
        self.panel = GuidelinesPanel(ctx.project, run_edit=ctx.run_edit, guard=ctx.guard)
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(self._dock_visibility_changed)
        # The review works on the file it was opened on, but saves through the window's undo
        # stack, which follows the project the window opens: a review left open saved its next
        # decision into whatever file the window opened (an annotator's own, say).
        ctx.events.projectChanged.connect(self._close_review)
        # So does the dashboard: left open, it kept the first file's figures under the first
        # file's name, and worked them out again after each label made in the other file.
        ctx.events.projectChanged.connect(self._close_dashboard)
        # The panel shows, and its Edit saves to, the project open now, or the defaults when
        # there is none: it kept the closed project, and Edit raised an internal error.
        ctx.events.projectChanged.connect(self._show_project_guidelines)
        # The file gone while they are open: Edit and the gold labels greyed, saying why, at once.
        ctx.events.savingStopped.connect(self._saving_stopped)
        # A coordinator's new guidelines, saved in another window, reach the people reading them.
        ctx.events.savedElsewhere.connect(
            lambda: self.panel.set_project(ctx.project) if self.dock.isVisible() else None
        )
        # The people an open Rename a Person… offers, as another window or program saved them.
        ctx.events.savedElsewhere.connect(lambda: ctx.guard(self._rename_people_again))
        # The reset, its undo and its redo show in the panel at once.
        ctx.events.edited.connect(self._edited)

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "merge": self.merge,
            "review": self.review,
            "statistics": self.dashboard,
            "rename_person": self.rename_person,
            "guidelines_panel": lambda: self.dock.setVisible(not self.dock.isVisible()),
        }

    def attach(self, actions: ActionSet) -> None:
        self.dock.visibilityChanged.connect(actions["guidelines_panel"].setChecked)

    def _need_project(self) -> Project | None:
        if self.ctx.project is None:
            self.ctx.show_error(self.tr("Open or create the team project first."))
        return self.ctx.project

    def merge(self) -> None:
        project = self._need_project()
        if project is None:
            return
        # The merge opens the team file by its path; on a read-only one the files were picked
        # and read, and only the merge's save was refused.
        refuse_unless_writable(project, self.tr("nothing can be merged into it"))
        folders = DialogFolders(self.ctx)
        paths, _ = merge_pick.ask_merge_paths(
            self.ctx.main_window,
            self.tr("Merge project files into this project"),
            # Beside the team file until a merge is made: the annotators' files are usually sent
            # to the folder the team file lives in, and the documents folder (or home, where
            # there is none) left the lead to walk back there at the first merge.
            str(folders.start("merge", project.path)),
            self.tr("Projects (*.db);;All files (*)"),
            open_project=project.path,
        )
        if not paths:
            return
        folders.remember("merge", Path(paths[0]).parent)
        sources = [Path(p) for p in paths]
        from annotator.services.merging import repeated_source

        others = [source for source in sources if repeated_source(project.path, [source]) is None]
        if others and len(others) < len(sources):
            self._ask_without_open_project(project, sources, others)
            return
        self._merge_sources(project, sources)

    def _ask_without_open_project(
        self, project: Project, sources: Sequence[Path], others: list[Path]
    ) -> None:
        """Offer to merge the other picked files when the open project was picked with them.

        A native dialog lists the team file beside the annotators' files (`ui.merge_pick`
        leaves it out of Qt's own only): picked with alice's and bob's, the whole pick was
        refused, and the lead picked them all again. Said at once, before any work; the open
        project is never merged, and Cancel merges nothing.
        """
        picked = next(source for source in sources if source not in others)
        if picked.name == project.path.name:
            said = self.tr("{0} is the project open now: it cannot be merged into itself.")
            said = said.format(picked.name)
        else:  # a link, or a hard link by another name
            said = self.tr("{0} is the project open now, {1}: it cannot be merged into itself.").format(
                picked.name, project.path.name
            )
        if len(others) == 1:
            question = self.tr("Merge {0} without it?").format(others[0].name)
        else:
            question = self.tr("Merge the other {0} files without it?").format(len(others))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Merge Project Files"),
            said + "\n\n" + question,
            QMessageBox.StandardButton.NoButton,
            self.ctx.main_window,
        )
        box.setObjectName("mergeWithoutOpenProject")
        plain(box)  # file names are other people's
        merge = box.addButton(self.tr("&Merge Without It"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(merge)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            # Another project opened meanwhile is not the one these files were picked for.
            if box.clickedButton() is merge and self.ctx.project is project:
                self._merge_sources(project, others)

        box.finished.connect(answered)
        box.open()  # not exec(): the window goes on drawing while it asks

    def _merge_sources(self, project: Project, sources: list[Path]) -> None:
        refusal = self._repeated_source(project.path, sources)
        if refusal:
            self.ctx.show_error(refusal)
            return
        if len(sources) > 1:
            refused_hint = self.tr(
                "Nothing was merged, from the other files either: {0} is as it was. Merge "
                "again without this file."
            ).format(project.path.name)
        else:
            refused_hint = self.tr("Nothing was merged: {0} is as it was.").format(project.path.name)
        merging: list[Task] = []  # filled before the task's result can reach the window's thread
        self.merge_task = self.ctx.run_task(
            merge_work(project.path, sources, refused_hint=refused_hint),
            self.tr("Merging project files…"),
            lambda merged: self._merged(
                merged.reports, stopped_too_late=merging[0].is_cancelled(), copy=merged.copy
            ),
            TaskOptions(
                name="merge",
                stop_question=self.tr(
                    "Stop merging? If it is not saved yet, this project stays as it was: "
                    "nothing of the merged files is kept."
                ),
                # A merge is one transaction: stopped, it left nothing, and "Cancelled" alone
                # did not say so. Stopped after its commit (the merged articles' suggestions,
                # the entity decisions carried), it stands, and its report comes.
                cancelled_words=self.tr("Merge cancelled: {0} is as it was").format(project.path.name),
                result_stands=True,
            ),
        )
        merging.append(self.merge_task)

    def _repeated_source(self, team: Path, sources: Sequence[Path]) -> str:
        """Why the picked files are not merged, when one is picked twice or is the open project.

        A file picked twice (or with its link) was merged twice, its second line "0 claims
        added, 14 already there", and a slip for another person's file went unseen; the open
        project was refused only by the merge's worker, after its progress had shown. Said
        before any work, by the files' names, or their paths where the names are alike.
        """
        from annotator.services.merging import repeated_source

        repeated = repeated_source(team, sources)
        if repeated is None:
            return ""
        source, earlier = repeated.source, repeated.same_as
        if earlier is None:
            if source.name != team.name:  # a link, or a hard link by another name
                return self.tr(
                    "Nothing was merged: {0} is the open project {1}, and a project cannot be "
                    "merged into itself. Pick the other project files."
                ).format(source.name, team.name)
            return self.tr(
                "Nothing was merged: {0} is the open project, and a project cannot be merged "
                "into itself. Pick the other project files."
            ).format(source.name if source == team else str(source))
        if earlier == source:
            return self.tr("Nothing was merged: {0} was picked twice. Pick each project file once.").format(
                source.name
            )
        first, second = (
            (earlier.name, source.name) if earlier.name != source.name else (str(earlier), str(source))
        )
        return self.tr("Nothing was merged: {0} and {1} are one file. Pick each project file once.").format(
            first, second
        )

    def _merged(
        self, reports: list[MergeReport], *, stopped_too_late: bool = False, copy: Backup | None = None
    ) -> None:
        self.ctx.reload_articles()
        # The open article may have been given other people's labels, quotations or entity
        # decisions: shown as merged, so the next key acts on what is saved.
        self.ctx.show_again()
        # The merged articles came with their candidates, which the team's model has suggested
        # for (`services.merging`), and with people's labels: the Suggestions panel lists both.
        self.ctx.events.preannotated.emit()
        # The merge brought other people's labels: an open review lists the disagreements
        # they make (its list was worked out before them), staying where the reviewer is then.
        # Found as after another program's save, the shown items taking the keys meanwhile: an
        # emptied list dropped every key, decisions too, for the seconds a team file takes.
        if self.review_dialog is not None:
            self.review_dialog.refresh()
        lines = [r.summary(source=name) for r, name in zip(reports, _merged_names(reports), strict=True)]
        if stopped_too_late:  # the person asked it to stop and may think it did
            lines.insert(0, self.tr("The merge had finished before it could stop."))
        conflicts = [c for r in reports for c in r.conflicts]
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Merge finished"),
            "\n".join(lines),
            parent=self.ctx.main_window,
        )
        box.setObjectName("mergeReport")
        plain(box)  # titles and paths from other people's files
        below = []
        if conflicts:
            # "1 conflicts" after a merge of one contradicting decision.
            below.append(self._conflicts_kept(conflicts))
        if copy is not None:
            # A merge cannot be undone: a lead who merged the wrong file was not told that a
            # copy from just before it is kept, nor how to go back to it.
            below.append(self._way_back(copy))
        if below:
            box.setInformativeText("\n\n".join(below))
        if conflicts:
            box.setDetailedText("\n".join(str(c) for c in conflicts))
            # Qt's list of details takes no focus: Tab went round the buttons only, and a lead
            # without a mouse could not copy the conflicts to send them on.
            details = box.findChild(QTextEdit)
            if details is not None:
                details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                details.setTextInteractionFlags(
                    Qt.TextInteractionFlag.TextSelectableByMouse
                    | Qt.TextInteractionFlag.TextSelectableByKeyboard
                )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.merge_report = box
        box.open()  # not exec(): a nested event loop inside a worker's signal handler

    def _conflicts_kept(self, conflicts: Sequence[MergeConflict]) -> str:
        """How many conflicts, and what the project kept of them. A title that came with other
        text is two articles, both kept (`MergeConflict.both_kept`): "the project kept its own
        values" sent the lead looking for the file's article, there beside the team's."""
        said = counted(len(conflicts), "conflict")
        both = sum(c.both_kept for c in conflicts)
        if not both:
            return self.tr("{0}; the project kept its own values.").format(said)
        texts = self.tr(
            "both articles are kept where a file brought a title the project holds with other text: "
            "their claims are not compared."
        )
        if both == len(conflicts):
            return self.tr("{0}; {1}").format(said, texts)
        return self.tr("{0}; the project kept its own values, but {1}").format(said, texts)

    def _way_back(self, copy: Backup) -> str:
        """Where the copy of the team file from before the merge is kept, and how to go back to it."""
        from annotator.ui.backups import before_merging

        listed = copy.project.name
        if copy.before_merge is not None:
            listed = before_merging(listed, copy.before_merge)
        return self.tr(
            "A copy of {0} as it was before this merge is kept in the backups. To go back to it, choose "
            "File ▸ Restore from a Backup… and the copy listed as {1}, made {2:%Y-%m-%d %H:%M}: it makes "
            "a new project file from it, and {0} keeps the merge."
        ).format(copy.project.name, listed, copy.taken)

    def review(self) -> None:
        project = self._need_project()
        if project is None:
            return
        if self.review_dialog is not None:
            # One review at a time: a second one opened over it at the first undecided item,
            # while the first, out of sight, went on saving.
            self.review_dialog.raise_()
            self.review_dialog.activateWindow()
            return
        # Decisions go through the window's undo stack, so Ctrl+Z takes one back like any edit.
        from annotator.ui.review import open_review

        dialog = open_review(
            self.ctx.main_window,
            project,
            reviewer=self.ctx.settings.annotator or "",
            match=self.ctx.settings.match_mode(),
            run=self.ctx.run_edit,
            text_size=self.ctx.view.font_size,
        )
        if dialog is not None:
            self._remember_span_match(dialog.match_box)
            dialog.decided.connect(lambda _article_id: self.ctx.reload_articles())
            self.ctx.events.edited.connect(dialog.edits_saved)
            self.ctx.events.savedElsewhere.connect(dialog.edits_saved)  # another reviewer's
            # Ctrl+Z in the review did nothing (the window's keys act in the window only): the
            # window's own Undo and Redo act there too, on the same history.
            from annotator.ui.bindings import lend_history_keys

            lend_history_keys(self.ctx, dialog)
            lend_application_keys(self.ctx.main_window, dialog)  # Ctrl+Q, Ctrl+N, Ctrl+O
            self.review_dialog = dialog
            dialog.finished.connect(lambda _result: self._review_closed(dialog))

    def _remember_span_match(self, box: QComboBox) -> None:
        """Keep the span match chosen in `box` for the next review and dashboard."""

        def chosen(_index: int) -> None:
            match = box.currentData()
            if match != self.ctx.settings.span_match:
                self.ctx.update_settings(dataclasses.replace(self.ctx.settings, span_match=match))

        box.currentIndexChanged.connect(chosen)

    def _show_project_guidelines(self) -> None:
        self.panel.set_project(self.ctx.project)

    def _edited(self, change: Change) -> None:
        if change.guidelines:
            self.panel.set_project(self.ctx.project)

    def _saving_stopped(self) -> None:
        self.panel.show_saving()
        if self.review_dialog is not None:
            self.review_dialog.show_current()

    def _dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.panel.set_project(self.ctx.project)

    def _close_review(self) -> None:
        """Close the open review (another project was opened in the window); its decisions are
        saved, and opening it again on the team file starts at the first undecided one."""
        if self.review_dialog is not None:
            self.review_dialog.close()

    def _review_closed(self, dialog: ReviewDialog) -> None:
        """Forget a closed review (it deletes itself on close), so a merge does not reload it."""
        if self.review_dialog is dialog:
            self.review_dialog = None

    def dashboard(self) -> None:
        project = self._need_project()
        if project is None:
            return
        shown = self.dashboard_dialog
        if shown is not None and shown.dashboard.project.path == project.path:
            # One dashboard per file: a second opened over it, and each worked agreement out
            # again after every edit. Another file's dashboard is not this one's figures.
            shown.raise_()
            shown.activateWindow()
            return
        from annotator.ui.dashboard import open_dashboard

        dialog = open_dashboard(
            self.ctx.main_window, project, DialogFolders(self.ctx), match=self.ctx.settings.match_mode()
        )
        self._remember_span_match(dialog.dashboard.match_box)
        lend_application_keys(self.ctx.main_window, dialog)  # Ctrl+Q, Ctrl+N, Ctrl+O
        self.ctx.events.edited.connect(dialog.dashboard.edits_saved)
        self.ctx.events.preannotated.connect(dialog.dashboard.edits_saved)
        self.ctx.events.savedElsewhere.connect(dialog.dashboard.edits_saved)
        self.ctx.events.imported.connect(dialog.dashboard.edits_saved)  # not only once pre-annotated
        self.dashboard_dialog = dialog
        dialog.finished.connect(lambda _result: self._dashboard_closed(dialog))

    def rename_person(self) -> None:
        """Team ▸ Rename a Person…: a person's new name in every claim and decision, one undo step."""
        project = self._need_project()
        if project is None:
            return
        refuse_unless_writable(project, self.tr("nobody in it can be renamed"))
        from annotator.services.renaming import people
        from annotator.ui.rename_dialog import RenameDialog

        names = people(project)
        if not names:
            self.ctx.show_error(
                self.tr("Nobody has labelled in {0} yet: there is no one to rename.").format(
                    project.path.name
                )
            )
            return
        dialog = RenameDialog(self.ctx.main_window, names, own=self.ctx.settings.annotator)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.ctx.guard(lambda: self._rename(project, dialog.old(), dialog.new()))
        )
        dialog.finished.connect(lambda _result: self._rename_closed(dialog))
        self.rename_dialog, self._renaming_in = dialog, project
        dialog.open()

    def _rename_people_again(self) -> None:
        """Another window or program saved: the open rename dialog offers the people as saved
        now (a person renamed there, or labelling under a new name), not as when it opened."""
        dialog, project = self.rename_dialog, self.ctx.project
        if dialog is None or project is None or project is not self._renaming_in:
            return  # none open, or another project opened since: its rename is not made (`_rename`)
        from annotator.services.renaming import people

        dialog.set_people(people(project), own=self.ctx.settings.annotator, renamed=project.renames())

    def _rename_closed(self, dialog: RenameDialog) -> None:
        """Forget a closed rename dialog (it deletes itself on close). On `finished`, not
        `destroyed`: a Python slot there runs on a half-destroyed object."""
        if self.rename_dialog is dialog:
            self.rename_dialog = None

    def _rename(self, project: Project, old: str, new: str) -> None:
        if self.ctx.project is not project:  # another project opened meanwhile
            return
        from annotator.services.renaming import renaming

        self.ctx.run_edit(renaming(project, old, new))

    def _close_dashboard(self) -> None:
        """Close the open dashboard (another project was opened in the window): its figures
        are the file it was opened on; Statistics shows the open file's."""
        if self.dashboard_dialog is not None:
            self.dashboard_dialog.close()

    def _dashboard_closed(self, dialog: DashboardDialog) -> None:
        """Forget a closed dashboard (it deletes itself on close), so Statistics opens a new one."""
        if self.dashboard_dialog is dialog:
            self.dashboard_dialog = None
