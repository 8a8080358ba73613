"""File > Release Dataset…: choose the options, preview the splits, write the release in the background.

Self-contained: the window binds the declared `release` action to `open_release_dialog`,
and the dialog needs nothing of it but the project. The preview is
`services.release.plan_release` run in a pool thread on its own connection (a large team
file takes seconds); writing runs in a child process like export (spaCy's tokenizer would
hold the GIL in a thread), with a progress bar and Cancel in the dialog itself. It writes
the project too (the tokens it made), so the dialog the window opens writes in its turn
among the window's tasks, pre-annotation paused meanwhile (`WindowTurn`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import LABELS, MatchMode
from annotator.core.errors import AnnotatorError
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.splits import SEED_MAX
from annotator.core.text import counted
from annotator.services.paths import project_stem
from annotator.services.project import Project, open_project
from annotator.services.release import (
    DEFAULT_LIMITATIONS,
    LABEL_MODES,
    ReleaseOptions,
    ReleasePlan,
    is_spdx_identifier,
    labelled_alone,
    plan_release,
    recover_release_folder,
)
from annotator.ui.context import WindowContext
from annotator.ui.dialogs import ask_to_discard, tab_along_the_buttons
from annotator.ui.error_text import as_sentence
from annotator.ui.folders import DialogFolders
from annotator.ui.geometry import resize_to_fit, scrolled
from annotator.ui.plain import tip
from annotator.ui.project_files import gone_message, is_gone, refuse_if_gone
from annotator.ui.subprocess_work import ReleaseSummary, run_in_process
from annotator.ui.task_runner import TaskOptions
from annotator.ui.workers import Result, Task, TaskSignals, WorkReturning

LICENCES = ("", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC0-1.0", "ODC-By-1.0", "MIT")

LICENCE_ADVICE = "choose one in the Licence (SPDX) box of File ▸ Release Dataset… and release again"
"""What a card released from here without a licence says to do. Not translated: the card is
written in English whatever the window's language, and it names the box as the window
does in English."""


def release_work(project_path: Path, out_dir: Path, options: ReleaseOptions) -> WorkReturning[ReleaseSummary]:
    def work(progress: ProgressFn, cancel: CancelFn) -> ReleaseSummary:
        return run_in_process("release", (project_path, out_dir, options), progress, cancel)

    return work


def plan_work(project_path: Path, options: ReleaseOptions) -> WorkReturning[ReleasePlan]:
    """The preview, in a pool thread on its own connection (SQLite connections belong to one thread)."""

    def work(_progress: ProgressFn, _cancel: CancelFn) -> ReleasePlan:
        with open_project(project_path, create=False) as project:
            return plan_release(project, options)

    return work


RELEASE_TASK = "release"
"""The name of the release's writing among the window's tasks (`WindowTurn`)."""


def _never() -> bool:
    return False


class WindowTurn:
    """The release's writing, run as one of the window's tasks (`WindowContext.run_task`).

    In the dialog's own pool it neither waited for nor paused a pre-annotation under way, and
    both wrote the project at once: pre-annotation its analyses and tokens, the release the
    tokens it made (`keep_tokens`), while it read analyses a batch was replacing. As one of
    the window's tasks it makes pre-annotation step aside (`GiveWay`), which resumes once it
    ends, and a pre-annotation asked meanwhile waits behind it. The dialog keeps its own
    progress bar, Cancel and notes: the release's task runs inside the window's, on its
    thread, and the window's progress dialog waits behind the modal one (`TaskProgress`).
    """

    def __init__(self, context: WindowContext) -> None:
        self._context = context
        self._window_cancel: Callable[[], bool] = _never

    def cancelled(self) -> bool:
        """Whether the window asked its task to stop (its project closes, or its Cancel)."""
        return self._window_cancel()

    def watching(self, work: WorkReturning[Result]) -> WorkReturning[Result]:
        """`work` that stops when the dialog's Cancel or the window's asks."""

        def watched(progress: ProgressFn, cancel: CancelFn) -> Result:
            return work(progress, lambda: cancel() or self.cancelled())

        return watched

    def start(self, task: Task, title: str) -> None:
        """Run `task` once the window's tasks ahead of it have ended or stepped aside."""
        ran = False

        def in_turn(_progress: ProgressFn, cancel: CancelFn) -> None:
            nonlocal ran
            ran = True
            self._window_cancel = cancel
            try:
                task.run()
            finally:
                self._window_cancel = _never

        def stopped() -> None:
            task.cancel()
            if not ran:
                task.run()  # cancelled before its turn: it says so to the dialog, at once

        self._context.run_task(
            in_turn, title, lambda _result: None, TaskOptions(name=RELEASE_TASK, on_stopped=stopped)
        )


class _Paragraphs(QPlainTextEdit):
    """A text box `lines` lines tall at first and at least, taking any height its dialog is
    given beyond its other fields.

    Held at 7 lines, the intended use and limitations stayed small in a taller dialog, the room
    going to empty space under the preview, and a long text scrolled in 7 lines. Qt's own
    preferred height for any scroll area (192 px) would have made the dialog open taller.
    """

    def __init__(self, text: str, *, lines: int) -> None:
        super().__init__(text)
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def _height(self) -> int:
        return self._lines * self.fontMetrics().lineSpacing()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height())


def _as_read(label: str) -> str:
    """A button's or box's text as it reads on screen: its Alt letter's "&" gone, "&&" an "&".

    Named in a sentence, the box's own text showed its mark: "tick “Replace an earlier release
    in this f&older”".
    """
    return re.sub(r"&(.)", r"\1", label)


def _holds_anything(folder: Path) -> bool:
    """Whether `folder` is a folder with something in it (unreadable: left to the release to say).

    A release killed while it replaced the one there may have left the name empty: it is put
    back first (`recover_release_folder`), so the box is asked for as for any earlier release.
    """
    try:
        recover_release_folder(folder)
        return folder.is_dir() and next(folder.iterdir(), None) is not None
    except OSError:
        return False


class ReleaseDialog(QDialog):
    """Options on the left of the preview; Release writes, Cancel stops the writing or closes."""

    def __init__(
        self,
        project: Project,
        parent: QWidget | None = None,
        folders: DialogFolders | None = None,
        turn: WindowTurn | None = None,
        *,
        match: MatchMode = "exact",
    ) -> None:
        """`turn`: how the writing takes its turn among the window's tasks; None, at once.
        `match`: the review's span matching (the settings'), so gold counts as undecided what
        that review showed undecided."""
        super().__init__(parent)
        self._turn = turn
        self._match = match
        self.folders = folders or DialogFolders(None)
        self.setObjectName("releaseDialog")
        self.setWindowTitle(self.tr("Release Dataset"))
        self.project = project  # asked at each preview and release whether its file is gone
        self.project_path = project.path
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.plan: ReleasePlan | None = None
        self.outcome: ReleaseSummary | None = None
        self._asked: TaskSignals | None = None
        """The latest preview's signals: an answer from any other is late, and dropped."""
        self._writing: Task | None = None
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(self.refresh_preview)

        stem = project_stem(self.project_path)
        # A name typed on its own ("dataset") goes here too, not into the working directory.
        self.base_folder = self.folders.start("export", project.path)
        self.folder = QLineEdit(str(self.base_folder / f"{stem}-dataset"))
        self.folder.setObjectName("releaseFolder")
        browse = QPushButton(self.tr("C&hoose…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        self.labels = QComboBox()
        self.labels.setObjectName("releaseLabels")
        descriptions = {
            "gold": self.tr("Gold: reviewers' decisions and the spans everyone agreed on"),
            "majority": self.tr("Majority: one label per span by vote, ties left out"),
            "all": self.tr("All: every annotator's claims"),
        }
        for mode in LABEL_MODES:
            self.labels.addItem(descriptions[mode], mode)
        self.alone = labelled_alone(project.claim_authors())
        """One annotator's claims and no gold: All is what there is to release (`labelled_alone`)."""
        if self.alone:
            self.labels.setCurrentIndex(self.labels.findData("all"))
        self.shares = []
        split_row = QHBoxLayout()
        self._split_names = {
            "train": self.tr("train"),
            "validation": self.tr("validation"),
            "test": self.tr("test"),
        }
        # Train starts at 1 %: a release needs something to train on (`core.splits.check_ratios`),
        # and at 0 % with the others at 100 the preview only said so after asking.
        lowest = {"train": 1}
        for (key, name), value in zip(self._split_names.items(), (80, 10, 10), strict=True):
            box = QSpinBox()
            box.setRange(lowest.get(key, 0), 100)
            box.setSuffix(" %")
            box.setValue(value)
            box.setAccessibleName(name)
            self.shares.append(box)
            split_row.addWidget(QLabel(name))
            split_row.addWidget(box)
        self.seed = QSpinBox()
        self.seed.setRange(0, SEED_MAX)
        # "Seed" alone is a programmer's word: a coordinator could not tell what it changes.
        seed_about = self.tr(
            "Which articles go to train, validation and test is drawn at random from this number: "
            "the same number gives the same split again, so a release can be repeated exactly; "
            "another number gives another split."
        )
        self.seed.setToolTip(tip(seed_about))
        self.seed.setAccessibleDescription(seed_about)
        self.seed_hint = QLabel(self.tr("The same number gives the same split again."))
        self.seed_hint.setObjectName("releaseSeedHint")
        self.seed_hint.setToolTip(tip(seed_about))
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed)
        seed_row.addWidget(self.seed_hint, 1)
        self.pseudonymise = QCheckBox(self.tr("Replace annotator names by annotator-1, annotator-2, …"))
        self.licence = QComboBox()
        self.licence.setEditable(True)
        self.licence.addItems(LICENCES)
        self.name = QLineEdit(stem)
        self.force = QCheckBox(self.tr("Replace an earlier release in this f&older"))
        self.limitations = _Paragraphs(DEFAULT_LIMITATIONS, lines=7)
        self.limitations.setAccessibleName(self.tr("Intended use and limitations"))
        self._limitations_kept = DEFAULT_LIMITATIONS  # what closing may drop without asking
        self.discard_box: QMessageBox | None = None
        self.limitations.setTabChangesFocus(True)

        # An Alt letter for every field, as in Preferences: nine fields are many Tabs to the
        # last. A row of several widgets gets its label's field by hand (QFormLayout gives a
        # label the field only when the row is one widget).
        form = QFormLayout()
        # A field too wide beside its label goes under it: beside them, at 200% with the
        # desktop's text 1.5 times larger, the dialog was 889 pixels wide, and on a 1366x768
        # laptop (683) Choose…, Release and Cancel lay past the screen's right edge.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Folder"), folder_row)
        form.addRow(self.tr("&Labels"), self.labels)
        form.addRow(self.tr("&Split"), split_row)
        form.addRow(self.tr("S&eed"), seed_row)
        form.addRow(self.tr("&Annotators"), self.pseudonymise)
        form.addRow(self.tr("L&icence (SPDX)"), self.licence)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow("", self.force)
        form.addRow(self.tr("In&tended use and limitations"), self.limitations)
        for row, field in ((folder_row, self.folder), (split_row, self.shares[0]), (seed_row, self.seed)):
            label = form.labelForField(row)
            if isinstance(label, QLabel):
                label.setBuddy(field)

        self.table = QTableWidget(3, 3 + len(LABELS))
        self.table.setObjectName("releasePreview")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Split"), self.tr("Articles"), self.tr("Claims"), *(label.title() for label in LABELS)]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows_height = sum(self.table.rowHeight(r) for r in range(3))
        self.table.setFixedHeight(rows_height + self.table.horizontalHeader().sizeHint().height() + 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview_note = QLabel()
        self.preview_note.setObjectName("releaseNote")
        self.preview_note.setWordWrap(True)
        self.preview_note.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setObjectName("releaseProgress")
        self.progress.setAccessibleName(self.tr("Writing the release"))
        self.progress.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.release_button = self.buttons.addButton(
            self.tr("&Release"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.release_button.setObjectName("releaseButton")
        self.release_button.setEnabled(False)
        self.buttons.accepted.connect(self.start_release)
        self.buttons.rejected.connect(self.reject)

        # The options and the preview scroll when the screen is short (2x text on a laptop
        # needed 798 pixels); Release and Cancel stay below them, on the screen.
        body = QWidget()
        parts = QVBoxLayout(body)
        parts.setContentsMargins(0, 0, 0, 0)
        parts.addLayout(form, 1)  # a taller dialog's height goes to the limitations box
        parts.addWidget(QLabel(self.tr("Preview")))
        parts.addWidget(self.table)
        parts.addWidget(self.preview_note)
        parts.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(body), 1)
        layout.addWidget(self.buttons)
        tab_along_the_buttons(self.buttons)
        # Where typing starts: the focus started on the scroll area, which Tab keeps as a stop
        # (arrows scroll it to the preview on a small screen) but nobody types in.
        self.folder.setFocus()
        resize_to_fit(self, 720, max(600, self.sizeHint().height()))  # all of it when the screen has room

        for box in self.shares:
            box.valueChanged.connect(self._schedule_preview)
        self.seed.valueChanged.connect(self._schedule_preview)
        self.labels.currentIndexChanged.connect(self._schedule_preview)
        self.pseudonymise.toggled.connect(self._schedule_preview)
        self.refresh_preview()

    # -- options and preview ----------------------------------------------------------------------

    def options(self) -> ReleaseOptions:
        shares = tuple(box.value() / 100 for box in self.shares)
        return ReleaseOptions(
            seed=self.seed.value(),
            split=(shares[0], shares[1], shares[2]),
            labels=str(self.labels.currentData()),
            pseudonymise=self.pseudonymise.isChecked(),
            license=self.licence.currentText().strip(),
            name=self.name.text().strip(),
            force=self.force.isChecked(),
            limitations=self.limitations.toPlainText(),
            match=self._match,
            licence_advice=LICENCE_ADVICE,
        )

    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    def refresh_preview(self) -> None:
        """Plan again with the current options; a late answer to an older question is dropped."""
        self._asked = None
        self.plan = None
        self.release_button.setEnabled(False)
        if self._gone():
            return
        if sum(box.value() for box in self.shares) != 100:
            self.preview_note.setText(self.tr("The split must add up to 100 %."))
            return
        self.preview_note.setText(self.tr("Working out the splits…"))
        task = Task(plan_work(self.project_path, self.options()), name="release preview")
        # Methods, not lambdas holding the dialog: PySide keeps a connected lambda as long as
        # the task, which the pool keeps, and so kept every closed dialog; a method is dropped
        # with the dialog, and a late answer is not delivered to a deleted one.
        task.signals.succeeded.connect(self._show_plan)
        task.signals.failed.connect(self._show_problem)
        self._asked = task.signals
        task.start_in(self.pool)

    def _gone(self) -> bool:
        """Whether the project's file is gone (`project_files.is_gone`), saying what to do if so.

        The dialog may stay open while the window finds the project's folder deleted; its
        preview and its release open the project by its path, found nothing there, and said
        only "…: does not exist" of the project the window still shows.
        """
        if not is_gone(self.project):
            return False
        self.preview_note.setText(gone_message(self.project))
        self.release_button.setEnabled(False)
        return True

    def _answers_the_last_question(self) -> bool:
        return self._asked is not None and self.sender() is self._asked

    def _show_problem(self, message: str) -> None:
        if self._answers_the_last_question():
            self.preview_note.setText(as_sentence(message))

    def _show_plan(self, plan: ReleasePlan) -> None:
        if not self._answers_the_last_question():
            return
        self.plan = plan
        for row, summary in enumerate(plan.summaries()):
            values = [summary.name, summary.articles, summary.claims, *(summary.labels[x] for x in LABELS)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        notes = []
        if self.alone and plan.options.labels != "all":
            notes.append(self._one_annotator_only(empty=not plan.claim_count))
        elif not plan.claim_count:
            notes.append(self._nothing_to_release(plan))
        if plan.ties:
            notes.append(
                self.tr("{0} will be left out and listed in TIES.md.").format(
                    counted(len(plan.ties), "tied span")
                )
            )
        if plan.articles_without_labels and plan.claim_count:  # else all are: the note above says why
            notes.append(
                self.tr("1 article has no label of this kind and is left out.")
                if plan.articles_without_labels == 1
                else self.tr("{0} articles have no label of this kind and are left out.").format(
                    plan.articles_without_labels
                )
            )
        team = plan.agreement.team.alpha
        if team.value is not None:
            # "alpha" alone is a statistician's word: a lead about to publish the labels could
            # not tell whether 0.287 was good, nor what scale it was on.
            notes.append(
                self.tr(
                    "Team agreement on the labels: {0:.3f} on {1} spans (Krippendorff's alpha: "
                    "1 is perfect, 0 is chance)."
                ).format(team.value, team.items)
            )
        self.preview_note.setText(" ".join(notes))
        self.release_button.setEnabled(bool(plan.claim_count) and self._writing is None)

    def _nothing_to_release(self, plan: ReleasePlan) -> str:
        """Why the release would be empty, in the dialog's words: the services' message names the
        command line's `--labels`, which a person in this dialog has as the Labels box. It said
        no span was labelled alike, to a team who could see spans they all labelled alike, held
        back by the open disagreements of their article (`agreed_gold`)."""
        labels = plan.options.labels
        if labels == "majority" and (plan.ties or plan.majority_no_claim):
            # The project has claims: every vote was tied or went to "no claim" (it was told
            # no article had a labelled claim).
            return self.tr(
                "Nothing to release yet: no span has a majority label; every vote was tied or "
                'went to "no claim". Settle disagreements under Team ▸ Review Disagreements '
                "and choose Gold, or choose All under Labels."
            )
        if labels == "gold":
            return self.tr(
                "Nothing to release yet: no reviewer has settled a disagreement, and the spans "
                "every annotator of an article labelled alike count once that article's "
                "disagreements are decided. Settle disagreements under Team ▸ Review "
                "Disagreements, or choose Majority or All under Labels."
            )
        return self.tr("Nothing to release yet: no article has a labelled claim.")

    def _one_annotator_only(self, *, empty: bool) -> str:
        """Gold or Majority chosen where one person labelled everything: there is no disagreement
        to settle, so the way on is to merge the team's files, or release this person's as All."""
        if empty:
            return self.tr(
                "Nothing to release yet: gold and majority labels need two or more annotators' "
                "files merged (Team ▸ Merge Project Files…). With one annotator, choose All under "
                "Labels to release their labels."
            )
        return self.tr(
            "Gold and majority labels need two or more annotators' files merged "
            "(Team ▸ Merge Project Files…). With one annotator, choose All under Labels to "
            "release their labels."
        )

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the release"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    # -- writing ----------------------------------------------------------------------------------

    def start_release(self) -> Task | None:
        if self.plan is None or self._writing is not None or self._gone():
            return None
        if self._preview_timer.isActive():
            # An option changed within the preview's wait: released now, the release was not
            # the one previewed, and an empty one was refused in the command line's words
            # ("release with --labels majority or all"). The preview comes first.
            self._preview_timer.stop()
            self.refresh_preview()
            return None
        folder = self.base_folder / Path(self.folder.text().strip()).expanduser()  # absolute stays as typed
        if not self.folder.text().strip():
            self.preview_note.setText(self.tr("Choose a folder for the release."))
            return None
        licence = self.licence.currentText().strip()
        if licence and not is_spdx_identifier(licence):
            # The release refuses it too, in the command line's words: "licence 'CC BY 4.0' is
            # not an SPDX identifier …", lowercase and without the box to correct it in.
            self.preview_note.setText(
                self.tr(
                    "“{0}” is not an SPDX licence identifier such as CC-BY-4.0, CC-BY-SA-4.0 or MIT: "
                    "correct it in the Licence (SPDX) box, or leave the box empty."
                ).format(licence)
            )
            self.licence.setFocus()
            return None
        if not self.force.isChecked() and _holds_anything(folder):
            # The release itself refuses it too, but in the command line's words ("pass
            # --force"): a person pressing Release again after a first one is told of the box.
            self.preview_note.setText(
                self.tr(
                    "{0} is not empty: choose a new folder, or tick “{1}” to replace the release there."
                ).format(folder, _as_read(self.force.text()))
            )
            self.force.setFocus()
            return None
        self.folders.remember("export", folder.absolute().parent)
        work = release_work(self.project_path, folder, self.options())
        if self._turn is not None:
            work = self._turn.watching(work)
        task = Task(work, name=RELEASE_TASK)
        task.signals.progress.connect(self._progress)
        task.signals.succeeded.connect(self._released)
        task.signals.failed.connect(self._say_refused)
        task.signals.cancelled.connect(self._say_cancelled)
        task.signals.finished.connect(self._finished_writing)
        self._writing = task
        self.release_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.preview_note.setText(self.tr("Writing the release to {0}…").format(folder))
        if self._turn is None:
            task.start_in(self.pool)
        else:
            self._turn.start(task, self.tr("Releasing the dataset…"))
        return task

    def _progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)

    def _released(self, result: ReleaseSummary) -> None:
        self.outcome = result
        self._limitations_kept = self.limitations.toPlainText()  # it is in the card now
        self.preview_note.setText(self._released_sentence(result))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))

    def _released_sentence(self, result: ReleaseSummary) -> str:
        """What was released, as sentences: the service's summary ("released 12 claims (gold)
        to …") is the command line's line, which starts lowercase after the program's name and
        names the `--labels` value; here the kind is the Labels box's word."""
        kinds = {"gold": self.tr("Gold"), "majority": self.tr("Majority"), "all": self.tr("All")}
        labels = result["labels"]
        splits = ", ".join(
            self.tr("{0} {1} / {2}").format(
                self._split_names.get(name, name), counted(articles, "article"), counted(claims, "claim")
            )
            for name, articles, claims in result["splits"]
        )
        said = [
            self.tr("Released {0} ({1}) to {2}: {3}.").format(
                counted(result["claims"], "claim"),
                kinds.get(labels, labels),
                result["path"],
                splits,
            )
        ]
        ties = result["ties"]
        if ties:
            said.append(self.tr("{0} left out, listed in TIES.md.").format(counted(ties, "tied span")))
        said += [self.tr("Note: {0}.").format(note) for note in result["notes"]]
        return " ".join(said)

    def _say_refused(self, message: str) -> None:
        """The release's refusal as the note's other lines are said: the service's message is
        the command line's ("/x holds files …: choose a new or empty folder"), without a stop."""
        self.preview_note.setText(as_sentence(message))

    def _say_cancelled(self) -> None:
        self.preview_note.setText(self.tr("Cancelled; nothing was written."))

    def _finished_writing(self) -> None:
        self._writing = None
        self.progress.hide()
        self.release_button.setEnabled(self.plan is not None and bool(self.plan.claim_count))

    @property
    def busy(self) -> bool:
        return self._writing is not None

    def reject(self) -> None:
        """Cancel stops a running release first (the folder is left as it was); a second Cancel
        closes, after asking if the intended use and limitations were edited and not released."""
        if self._writing is not None:
            self._writing.cancel()
            return
        if self.limitations.toPlainText() != self._limitations_kept:
            # Paragraphs written for the dataset card: Escape must not drop them without a word.
            self._ask_to_discard()
            return
        self._stop()
        super().reject()

    def _ask_to_discard(self) -> None:
        def answered(discarded: bool) -> None:
            self.discard_box = None
            if discarded:
                self._stop()
                super(ReleaseDialog, self).reject()

        question = self.tr("Discard the intended use and limitations you typed?")
        self.discard_box = ask_to_discard(self, question, "discardLimitations", self.limitations, answered)

    def _stop(self) -> None:
        self._asked = None
        self._preview_timer.stop()
        if self._writing is not None:
            self._writing.cancel()
        self.pool.waitForDone()

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)


def open_release_dialog(context: WindowContext) -> ReleaseDialog | None:
    """File > Release Dataset…: the dialog, on the open project (it opens its own connections)."""
    if context.project is None:
        raise AnnotatorError(context.main_window.tr("Open a project before releasing a dataset."))
    refuse_if_gone(context.project)  # its preview and its writing open the project by its path
    dialog = ReleaseDialog(
        context.project,
        context.main_window,
        DialogFolders(context),
        WindowTurn(context),
        match=context.settings.match_mode(),
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
