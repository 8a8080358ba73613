"""Label suggestions in the window: train dialog, suggestion panel, Enter to accept.

The window builds a `SuggestionsFeature` from its context and binds its handlers.
Training runs in a child process (`ui.subprocess_work`, waited for by a `Task`
on the window's thread pool) with its own project connection; the dialog shows
progress, can cancel, and then shows the held-out evaluation (never training-set
scores). The labelled file it also evaluates on is remembered per project in the
user's settings (through a `SettingsHandle`), since annotators retrain often; a
remembered file that has gone is named in the status line, and nothing fails.
The panel lists claim candidates, their sentence first and taking the room, then
one label column: a person's label as the bare word in bold, a suggestion in italics
as a question with its confidence ("Factual? 82%"), so the two are never confused,
in the words as in the font; "Most useful first" orders by model uncertainty. Enter
accepts the suggestion for the selected candidate as an ordinary undoable claim; the
number keys (the window's own label actions) override it. A candidate that a person already labelled is
never relabelled by Enter. The panel reads its list in the thread pool (seconds on a
large project), saying so, and drops an answer that a newer reload or another project
overtook; Enter and J / K act on the candidate as the store holds it, not on the row.

Where suggestions appear, the panel shows the model's held-out check in plain words, then
its figure ("Held-out check: right on 48 of 70 claims (macro-F1 0.63, 95% interval
0.51–0.74)"; what macro-F1 means is in the tooltip), and beside it how often people
gave the suggested label where one was shown ("In use, people gave the suggested label 41
of 60 times (68%)", from `label_checks`), and a threshold the user
sets (remembered in the settings) hides every suggestion less sure than it: in
the panel, the status line, the outline in the text and for Enter, such a
candidate has no suggestion at all. A stored model that fails its checks (a
project file from elsewhere) is named in one line and suggests nothing.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ClaimLabel
from annotator.services import labelling
from annotator.services.project import Project, open_project
from annotator.services.suggestions import (
    ModelRecord,
    QueueItem,
    QueueRows,
    Suggestion,
    TrainingNote,
    TrainingReadiness,
    TrainOptions,
    TrainResult,
    agreed_in_use,
    article_suggestions,
    candidate_at,
    current_model,
    model_problem,
    orphaned_suggestions,
    suggestion_queue_rows,
    training_readiness,
)
from annotator.ui import services_bridge as bridge
from annotator.ui.actions import ACTIONS, ActionSet, key_text
from annotator.ui.article_view import Suggested
from annotator.ui.context import SettingsHandle, WindowContext
from annotator.ui.drop_down_name import name_drop_down
from annotator.ui.elided import ElidedLabel
from annotator.ui.error_text import with_full_stop
from annotator.ui.geometry import resize_to_fit, scrolled
from annotator.ui.legend import FlowLayout, label_text
from annotator.ui.models import InItsDirectionDelegate
from annotator.ui.plain import plain, tip
from annotator.ui.project_files import refuse_unless_writable
from annotator.ui.task_runner import StopAsker
from annotator.ui.training_words import note_text, readiness_text, refusal_text, worded_steps
from annotator.ui.workers import Task, WorkReturning


def _tr(text: str) -> str:
    """Translate a string outside a QObject method (one context for the module's loose strings)."""
    return QCoreApplication.translate("annotator", text)


if TYPE_CHECKING:
    # A name, not an import at start-up: `Evaluation` lives with spaCy.
    from annotator.services.suggestions import Evaluation

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def shown(suggestion: Suggestion | None, threshold: int) -> Suggestion | None:
    """The suggestion if it is at least `threshold` percent sure, else None (it is not shown at all)."""
    if suggestion is None or labelling.below_threshold(suggestion.confidence, threshold):
        return None
    return suggestion


def _below(confidence: float, threshold: int) -> bool:
    """`labelling.below_threshold`, with the arguments in the order `partial` can bind."""
    return labelling.below_threshold(confidence, threshold)


# ===================================================================== training


ReadinessAnswer: TypeAlias = "tuple[int, TrainingReadiness | None, tuple[ModelRecord, Evaluation] | None]"
"""(generation, whether the project can train, the current model and its evaluation)."""


def readiness_work(
    project_path: Path, options: TrainOptions, generation: int
) -> WorkReturning[ReadinessAnswer]:
    """Whether the project can train (`training_readiness`), and its current model (one another
    window or program may have trained), read in the pool on its own connection.

    None for a path that is no file (yet): there is nothing to count, and training says why.
    """

    def work(_progress: object, _cancel: object) -> ReadinessAnswer:
        if not _regular(project_path):
            return generation, None, None
        with open_project(project_path, create=False) as project:
            return generation, training_readiness(project, options), current_model(project)

    return work


class TrainDialog(QDialog):
    """Train in the background with progress and cancel, then show the held-out evaluation.

    When it opens, and after the labels change while it is open (`labels_changed`), it counts
    the labelled claims in the pool (`training_readiness`, the rules training refuses by) and
    says what to label before Train can start; Train waits until there are enough.
    """

    trained = Signal(object)  # TrainResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        project_path: Path,
        pool: QThreadPool,
        parent: QWidget | None = None,
        *,
        options: TrainOptions | None = None,
        shown: tuple[ModelRecord, Evaluation] | None = None,
        settings: SettingsHandle | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trainDialog")
        self.setWindowTitle(self.tr("Train label suggestions"))
        self.project_path = project_path
        self.pool = pool
        self.options = options or TrainOptions()
        self.task: Task | None = None
        self.result: TrainResult | None = None
        # A cancel leaves the project as it was (`train_claim_model`): the model shown stays.
        self.had_model = shown is not None
        # The model whose evaluation is shown (0: none), so a newer one saved by another window
        # or program replaces it (`_readiness_answered`).
        self.shown_model_id = int(getattr(shown[0], "id", 0)) if shown is not None else 0
        self.asker = StopAsker(self, "")
        # Where the evaluation file is remembered for this project (None: not remembered).
        self.settings = settings
        self.project_key = str(project_path.resolve())
        remembered = settings.settings.eval_file_for(self.project_key) if settings is not None else ""
        self.remembered: Path | None = Path(remembered) if remembered else None

        # Everything but the buttons scrolls on a small screen: on a 1024x600 laptop at 150% the
        # dialog is as tall as the screen allows, and the five lines saying why it could not
        # train were squeezed into three beside the empty tables, their first and last cut off.
        parts = QWidget()
        layout = QVBoxLayout(parts)
        layout.setContentsMargins(0, 0, 0, 0)
        self.intro = QLabel(
            self.tr(
                "Trains a small classifier on this project's labelled claims (on this computer), "
                "holds out whole articles to evaluate it, and suggests a label for every claim "
                "candidate. Suggestions are never exported and never replace a person's label."
            )
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        # What to label before training can start, and the counts: from the check in the pool.
        self.readiness = QLabel()
        self.readiness.setObjectName("trainReadiness")
        self.readiness.setWordWrap(True)
        self.readiness.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.readiness)
        self.checked: TrainingReadiness | None = None  # the newest answer; None: none (yet)
        # One check at a time: a request while one is out is read when it ends. Edits within
        # `RECHECK_DELAY_MS` make one check.
        self._check_generation = 0
        self._checking = False
        self._check_again = False
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.timeout.connect(self.check_readiness)
        eval_row = QHBoxLayout()
        self.eval_file_button = QPushButton(self.tr("Also evaluate on a &file…"))
        self.eval_file_button.setObjectName("evalFileButton")
        self.eval_file_button.setToolTip(
            self.tr(
                "Labelled sentences whose balance of labels is not the project's: CSV with sentence "
                "and label columns, or JSONL with text and label (factual/opinion/questionable or SUBJ/OBJ)"
            )
        )
        # A file name from the file system, cut with "…" where it does not fit: a plain label
        # as wide as a long name widened the dialog past the screen, Close out of reach.
        self.eval_file_label = ElidedLabel()
        self.eval_file_label.setObjectName("evalFileLabel")
        self.eval_file_clear = QPushButton(self.tr("No file"))
        self.eval_file_clear.setObjectName("evalFileClear")
        # "newest articles only" stood alone beside the file button and read as a stray label:
        # it is what the model is evaluated on, so it says so, before the buttons that change it.
        self.eval_caption = QLabel(self.tr("Evaluated on:"))
        self.eval_caption.setObjectName("evalCaption")
        self.eval_caption.setBuddy(self.eval_file_button)
        eval_row.addWidget(self.eval_caption)
        eval_row.addWidget(self.eval_file_label, 1)
        eval_row.addWidget(self.eval_file_button)
        eval_row.addWidget(self.eval_file_clear)
        layout.addLayout(eval_row)
        self.eval_file_button.clicked.connect(self.choose_eval_file)
        self.eval_file_clear.clicked.connect(self.clear_eval_file)
        # The remembered file, unless the caller chose one; one that has gone is named below.
        gone: Path | None = None
        if self.options.eval_file is None and self.remembered is not None:
            if _regular(self.remembered):
                self.options = dataclasses.replace(self.options, eval_file=self.remembered)
            else:
                gone = self.remembered
        self.set_eval_file(self.options.eval_file)
        self.progress = QProgressBar()
        self.progress.setObjectName("trainProgress")
        self.progress.setAccessibleName(self.tr("Training"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        # "0%" on a dialog that has not started, or was opened on a trained model, read as
        # training that stalled: the figure shows only while training runs and once it is done.
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("trainStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.headline = plain(QLabel())  # names the model, which may come from a merged file
        self.headline.setObjectName("evaluationHeadline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.scores = QTableWidget(0, 4)
        self.scores.setObjectName("labelScores")
        self.scores.setAccessibleName(self.tr("Scores per label"))  # else Orca says "table" alone
        self.scores.setHorizontalHeaderLabels(
            [self.tr("Precision"), self.tr("Recall"), self.tr("F1"), self.tr("Held-out claims")]
        )
        self.scores.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves it (arrows move in it): Qt's tables walk their cells on Tab, a trap.
        self.scores.setTabKeyNavigation(False)
        layout.addWidget(self.scores)
        # Columns as wide as their headings: Qt's fixed 100 px cut "Held-out claims" at 1.4x text.
        self.scores.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.confusion_title = QLabel(
            self.tr("Confusion matrix (rows: the people's label, columns: suggested)")
        )
        layout.addWidget(self.confusion_title)
        self.confusion = QTableWidget(0, 0)
        self.confusion.setObjectName("confusionMatrix")
        # Its title is a label above it, which a screen reader does not join to the table.
        self.confusion.setAccessibleName(self.confusion_title.text())
        self.confusion.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.confusion.setTabKeyNavigation(False)  # as the scores above
        self.confusion.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.confusion)
        for table in (self.scores, self.confusion):
            _fit_rows(table)
        self.file_evaluation = plain(QLabel())  # names the user's file
        self.file_evaluation.setObjectName("fileEvaluation")
        self.file_evaluation.setWordWrap(True)
        self.file_evaluation.hide()  # until a file's evaluation is there to say
        layout.addWidget(self.file_evaluation)
        self.notes = QLabel()
        self.notes.setObjectName("trainNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.notes)
        layout.addStretch(1)  # spare height below the notes, not between them and the tables
        buttons = QDialogButtonBox()
        self.train_button = QPushButton(self.tr("&Train"))
        self.train_button.setObjectName("trainButton")
        self.cancel_button = QPushButton(self.tr("&Cancel Training"))
        self.cancel_button.setObjectName("cancelTrainButton")
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        buttons.addButton(self.train_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        outer = QVBoxLayout(self)
        outer.addWidget(scrolled(parts), 1)
        outer.addWidget(buttons)
        self.train_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.ask_to_stop)
        self.close_button.clicked.connect(self.reject)
        # Return trains, as the dialog is for: focus started on the first button in the tab
        # order, "Also evaluate on a file…", so Return opened the file chooser instead.
        self.train_button.setDefault(True)
        self.train_button.setFocus()
        resize_to_fit(self, self._wanted_width(parts, eval_row), 520)
        if shown is not None:
            record, evaluation = shown
            self.show_evaluation(evaluation, name=str(getattr(record, "name", "")))
            self.status.setText(self.tr("Showing the current model. Train again after labelling more."))
        if gone is not None:
            sentence = self.tr(
                "The evaluation file remembered for this project, {0}, is gone, so training uses the "
                "newest articles only."
            ).format(str(gone))
            self.status.setText(" ".join(filter(None, (self.status.text(), sentence))))
        self.check_readiness()

    RECHECK_DELAY_MS = 200
    """How long after a change of the labels the dialog waits for more before it counts again."""

    def labels_changed(self, _change: object = None) -> None:
        """The window saved an edit, or another program saved: count the labels again soon."""
        self._recheck.start(self.RECHECK_DELAY_MS)

    def check_readiness(self) -> None:
        """Count the labelled claims in the pool; Train stays as it is until the answer comes.

        Train is not disabled while the count is out: it takes milliseconds, and a Train
        pressed meanwhile is refused by training with the same words.
        """
        self._check_generation += 1
        if self._checking:
            self._check_again = True
            return
        self._checking = True
        self._check_again = False
        task = Task(
            readiness_work(self.project_path, self.options, self._check_generation), name="training readiness"
        )
        task.signals.succeeded.connect(self._readiness_answered)
        task.signals.failed.connect(self._readiness_failed)
        task.signals.finished.connect(self._readiness_finished)
        task.start_in(self.pool)

    def _readiness_answered(self, answer: ReadinessAnswer) -> None:
        generation, readiness, model = answer
        if generation != self._check_generation:
            return  # the labels changed since it was asked: the newer answer is on its way
        self._show_newer_model(model)
        self.checked = readiness
        self.readiness.setText(readiness_text(readiness) if readiness is not None else "")
        self._update_train_button()

    def _show_newer_model(self, model: tuple[ModelRecord, Evaluation] | None) -> None:
        """Show a model newer than the one shown, trained in another window or program.

        The dialog went on showing the figure of the model it opened on (or had trained) as
        "the current model", while the panel and the suggestions were already the newer one's.
        Not while training runs: its own result follows. Ids only grow, so an answer read
        before this dialog's own training saved cannot take its place.
        """
        if model is None or self.task is not None or model[0].id <= self.shown_model_id:
            return
        record, evaluation = model
        self.shown_model_id = record.id
        self.had_model = True
        self.show_evaluation(evaluation, name=record.name)
        self.status.setText(self.tr("Showing the current model, trained in another window or program."))

    def _readiness_failed(self, message: str) -> None:
        """The count failed (a damaged file, say): Train stays, and training says what is wrong."""
        self.checked = None
        self.readiness.setText(
            with_full_stop(self.tr("The labelled claims could not be counted: {0}").format(message))
        )
        self._update_train_button()

    def _readiness_finished(self) -> None:
        self._checking = False
        if self._check_again:
            self.check_readiness()

    def _update_train_button(self) -> None:
        """Train while nothing runs and the labels are enough (or could not be counted)."""
        waiting = self.checked is not None and not self.checked.ready
        had_focus = self.train_button.hasFocus() or self.close_button.hasFocus()
        changed = self.task is None and waiting == self.train_button.isEnabled()
        if changed:
            # A disabled Train cannot be the default: Return did nothing, and Qt moved the focus
            # on. Close takes both until the labels are enough, made the default before Train is
            # disabled: the focus Qt moves to Close makes it the default for that moment only,
            # and a later `setDefault` then left the dialog's own default on Train.
            (self.close_button if waiting else self.train_button).setDefault(True)
        self.train_button.setEnabled(self.task is None and not waiting)
        self.train_button.setToolTip(refusal_text(self.checked) if self.checked is not None else "")
        if changed and had_focus:  # a count that changes nothing leaves the focus where it is
            (self.close_button if waiting else self.train_button).setFocus()

    def _wanted_width(self, parts: QWidget, eval_row: QHBoxLayout) -> int:
        """560 pixels, or wider where the line "Evaluated on: the newest articles only" and its
        buttons need it whole: at a desktop's usual 11 pt text it read "the newest artic…" in a
        dialog narrower than the screen. A file's name may be cut, not those words."""
        # The label's own width is left out of the row's (its size policy is Ignored).
        only = self.eval_file_label.fontMetrics().horizontalAdvance(self.tr("the newest articles only"))
        content = parts.sizeHint().width()
        return max(560, self.sizeHint().width() - content + max(content, eval_row.sizeHint().width() + only))

    @property
    def running(self) -> bool:
        return self.task is not None

    def set_eval_file(self, path: Path | None) -> None:
        """The labelled file the next training also evaluates on (None: the newest articles only)."""
        self.options = dataclasses.replace(self.options, eval_file=path)
        self.eval_file_label.setText(
            self.tr("the newest articles and {0}").format(path.name)
            if path is not None
            else self.tr("the newest articles only")
        )
        self.eval_file_label.set_tip(str(path) if path is not None else "")  # which folder it is in
        self.eval_file_clear.setEnabled(path is not None)

    def choose_eval_file(self) -> None:
        """Ask (native dialog) for labelled sentences to evaluate on; it is read when training starts.

        The dialog starts in the remembered file's folder, even if that file has gone since.
        """
        start = self.options.eval_file or self.remembered
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Evaluate on labelled sentences"),
            str(start.parent) if start is not None else "",
            self.tr("Labelled sentences (*.csv *.tsv *.jsonl)"),
        )
        if name:
            self._remember(Path(name).absolute())

    def clear_eval_file(self) -> None:
        """The "No file" button: evaluate on the newest articles only, and forget this project's file."""
        self._remember(None)

    def _remember(self, path: Path | None) -> None:
        """Use `path` and keep it for this project in the user's settings, so an annotator who
        retrains every hour picks the file once."""
        self.set_eval_file(path)
        self.remembered = path
        if self.settings is not None:
            file = str(path) if path is not None else ""
            self.settings.update_settings(self.settings.settings.with_eval_file(self.project_key, file))

    def start(self) -> Task:
        """Start training in the pool; the dialog stays responsive and can cancel.

        A training that returns has saved its model and suggestions (`train_claim_model` looks at
        the cancel last before it saves): a Cancel pressed while it saved said "no model was saved"
        beside the new model, so its result stands.
        """
        work = worded_steps(bridge.train_work(self.project_path, self.options))
        task = Task(work, name="train", result_stands=True)
        task.signals.progress.connect(self._progress)
        task.signals.succeeded.connect(self._succeeded)
        task.signals.failed.connect(self._failed)
        task.signals.cancelled.connect(self._cancelled)
        task.signals.finished.connect(self._finished)
        task.signals.started.connect(self.asker.work_started)
        self.asker.question_text = self._stop_question()
        self.task = task
        self.train_button.setEnabled(False)
        self.eval_file_button.setEnabled(False)
        self.eval_file_clear.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(True)
        self.status.setText(self.tr("Training…"))
        task.start_in(self.pool)
        return task

    @property
    def stop_question(self) -> QMessageBox | None:
        """The question open now, if a Cancel is being asked about (`StopAsker`)."""
        return self.asker.question

    def _stop_question(self) -> str:
        """What a Cancel of training that has run a while asks, saying what a stop keeps."""
        if self.had_model or self.result is not None:
            return self.tr("Stop training? The current model and its suggestions stay as they are.")
        return self.tr("Stop training? No model is saved.")

    def ask_to_stop(self) -> None:
        """Cancel Training: stops at once early on, else asks first, as the window's other long
        work does (`StopAsker`); it stopped at once however long it had run."""
        self.asker.ask(self.cancel)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 0))
        if total:
            self.progress.setValue(min(done, total))
        if message:
            self.status.setText(message)

    def _succeeded(self, result: TrainResult) -> None:
        self.result = result
        self.shown_model_id = max(self.shown_model_id, result.model.id)
        self.show_evaluation(result.evaluation, name=result.model.name, notes=result.notes)
        self.status.setText(
            self.tr("Trained in {0:.1f} s; suggested labels for {1} candidates.").format(
                result.train_seconds, result.suggestions
            )
        )
        self.trained.emit(result)

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.failed.emit(message)

    def _cancelled(self) -> None:
        if self.had_model or self.result is not None:
            self.status.setText(self.tr("Cancelled; the current model stays."))
        else:
            self.status.setText(self.tr("Cancelled; no model was saved."))
        self.cancelled.emit()

    def _finished(self) -> None:
        self.task = None
        self.asker.work_ended()
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if self.result is not None else 0)
        self.progress.setTextVisible(self.result is not None)  # "100%"; nothing for a stop
        self._update_train_button()
        self.eval_file_button.setEnabled(True)
        self.eval_file_clear.setEnabled(self.options.eval_file is not None)
        self.cancel_button.setEnabled(False)

    def show_evaluation(
        self, evaluation: Evaluation, *, name: str = "", notes: tuple[TrainingNote, ...] = ()
    ) -> None:
        """Fill the tables from a held-out evaluation, its count of right labels first.

        "claims-classifier-1: macro-F1 0.77 (…) on 89 held-out claims, accuracy 0.80" led with
        figures a new annotator cannot read; the panel said "right on 71 of 89 claims". The
        figures stay, behind the count, and the tooltips say what they mean.
        """
        counted = evaluation.right_of()
        if counted is None:  # no count to lead with: the figure, as before
            headline = self.tr(
                "{0}: {1}, accuracy {2:.2f}; the held-out claims are from the {3} newest articles, "
                "not used in training ({4} training claims)."
            ).format(
                name or self.tr("Model"),
                evaluation.figure(),
                evaluation.accuracy,
                evaluation.eval_articles,
                evaluation.n_train,
            )
        else:
            headline = self.tr(
                "Held-out check of {0}: right on {1} of {2} claims ({3}). The held-out claims are from "
                "the {4} newest articles, not used in training ({5} training claims)."
            ).format(
                name or self.tr("the model"),
                *counted,
                _figure(evaluation),
                evaluation.eval_articles,
                evaluation.n_train,
            )
        if evaluation.ece is not None:
            headline += " " + self.tr(
                "The percentage shown is {0} from how often it was right, on average on those claims "
                "(calibration error)."
            ).format(_points(evaluation.ece))
        self.headline.setText(headline)
        self.headline.setToolTip(tip(self.tr(MACRO_F1_MEANS)))
        labels = [label_text(ClaimLabel(label)) for label in evaluation.labels]
        self.scores.setRowCount(len(labels))
        self.scores.setVerticalHeaderLabels(labels)
        for row, label in enumerate(evaluation.labels):
            score = evaluation.per_label[label]
            values = [f"{score.precision:.2f}", f"{score.recall:.2f}", f"{score.f1:.2f}", str(score.support)]
            for column, value in enumerate(values):
                self.scores.setItem(row, column, QTableWidgetItem(value))
        self.confusion.setRowCount(len(labels))
        self.confusion.setColumnCount(len(labels))
        self.confusion.setVerticalHeaderLabels(labels)
        self.confusion.setHorizontalHeaderLabels(labels)
        for row, counts in enumerate(evaluation.confusion):
            for column, count in enumerate(counts):
                self.confusion.setItem(row, column, QTableWidgetItem(str(count)))
        for table in (self.scores, self.confusion):
            _fit_rows(table)
        self.file_evaluation.setText(_file_summary(evaluation.on_file) if evaluation.on_file else "")
        self.file_evaluation.setVisible(evaluation.on_file is not None)  # empty, it was a gap
        self.file_evaluation.setToolTip(tip(self.tr(MACRO_F1_MEANS)) if evaluation.on_file else "")
        self.notes.setText("\n".join(note_text(note) for note in notes))
        # The headline, notes and rows came after the dialog was sized: with larger text the
        # layout squeezed the wrapped labels and cut their last lines, the introduction's first.
        resize_to_fit(self, self.width(), self.height())

    def reject(self) -> None:
        """Close or Escape stops the training too, so asks as Cancel Training does."""
        if self.task is None:
            super().reject()
            return

        def stop_and_close() -> None:
            self.cancel()
            super(TrainDialog, self).reject()

        self.asker.ask(stop_and_close)


def _fit_rows(table: QTableWidget) -> None:
    """As tall as its two or three rows: the tables took the dialog's spare height as empty
    space, and the notes under them (why questionable is not suggested) were scrolled out of
    sight at 1366x768."""
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(rows + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth())


def _regular(path: Path) -> bool:
    """Whether `path` is (a link to) a regular file; a path the OS cannot take is not."""
    try:
        return path.is_file()
    except OSError:
        return False


def _file_summary(evaluation: Evaluation) -> str:
    """The evaluation on the user's file in two sentences: how many it got right, its figure and
    recall, then calibration."""
    recall = ", ".join(
        _tr("{0} {1:.2f}").format(label_text(ClaimLabel(label)), evaluation.per_label[label].recall)
        for label in evaluation.labels
    )
    counted = evaluation.right_of()
    if counted is None:  # no count to lead with: the figure, as before
        text = _tr("On the file: {0} (recall {1}).").format(evaluation.figure(), recall)
    else:
        text = _tr("Checked on {0}: right on {1} of {2} claims ({3}; recall {4}).").format(
            evaluation.source or _tr("the file"), *counted, _figure(evaluation), recall
        )
    if evaluation.ece is not None:
        off = _tr("The percentage shown is {0} from how often it was right, on average there.")
        text += " " + off.format(_points(evaluation.ece))
    return text


def _points(error: float) -> str:
    """A calibration error in percentage points ("7 points"): "off by 10%" read as a tenth of
    the percentage shown, where it is ten points of it (70% shown, right 60% of the time)."""
    from annotator.core.text import counted

    return counted(round(error * 100), _tr("point"), _tr("points"))


# ===================================================================== panel


class SuggestionModel(QAbstractTableModel):
    """Queue items as rows: the candidate's sentence first, then one column saying in words who
    labelled it and how sure.

    A person's label is the bare word, in bold ("Factual"); a suggestion asks, in italics, with
    its confidence ("Factual? 82%"), so the two differ in the words (and in what a screen reader
    says), not only in the font. Where the model said otherwise beside a person's label, the
    tooltip says so: in the text it widened the column for every row, and the sentence, which a
    person reads to judge the suggestion, kept about five characters on a laptop.

    The view is given `CHUNK` rows at a time (`fetchMore`, as it scrolls, or `reveal` for a row
    asked for): a tree view lays out every row it is told of on each reset, 0.5 s for 184,000
    candidates, at every reload of the panel. The rows are `QueueRows` columns, a `QueueItem`
    made when one is asked for: as objects, the garbage collector walked them at every reload.
    """

    COLUMNS = ("Candidate", "Label")
    CANDIDATE, LABEL = range(2)
    CHUNK = 500

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items = QueueRows()
        self._shown = 0  # rows the view has been told of
        self.threshold = 0
        self.model_off = False
        """The stored model fails its checks: no row has a suggestion, whatever the threshold."""

    def set_items(
        self,
        items: QueueRows | list[QueueItem],
        *,
        threshold: int | None = None,
        model_off: bool = False,
    ) -> None:
        """Show `items` (indexed for `row_of` off the UI thread, if they are many: `QueueRows.index`)."""
        self.beginResetModel()
        self._items = items if isinstance(items, QueueRows) else QueueRows.of(items)
        self._shown = min(len(self._items), self.CHUNK)
        if threshold is not None:
            self.threshold = threshold
        self.model_off = model_off
        self.endResetModel()

    def item(self, row: int) -> QueueItem:
        return self._items.item(row)

    def items(self) -> list[QueueItem]:
        """Every row read, including those the view has not been given yet."""
        return list(self._items)

    def rows(self) -> QueueRows:
        """Every row read, as read (columns: nothing is made per row)."""
        return self._items

    def row_of(self, article_id: int, start: int, end: int) -> int | None:
        """The candidate's row, given to the view if it was not yet (None: not listed)."""
        row = self._items.find(article_id, start, end)
        if row is not None:
            self.reveal(row)
        return row

    def reveal(self, row: int) -> None:
        """Give the view every row up to `row` (and a chunk more), so it can be selected."""
        if self._shown <= row < len(self._items):
            self._fetch_to(row + 1 + self.CHUNK)

    def _fetch_to(self, count: int) -> None:
        count = min(count, len(self._items))
        if count > self._shown:
            self.beginInsertRows(_ROOT, self._shown, count - 1)
            self._shown = count
            self.endInsertRows()

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and self._shown < len(self._items)

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not parent.isValid():
            self._fetch_to(self._shown + self.CHUNK)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        rows, row = self._items, index.row()
        if role == Qt.ItemDataRole.UserRole:
            return rows.item(row)
        if role not in _SHOWN_ROLES:
            return None  # most of what a view asks (alignment, colours, check state…): Qt's defaults
        # Read from the columns, not through a `QueueItem`: a view asks this thousands of
        # times as it lays out a chunk of rows.
        if index.column() == self.CANDIDATE:
            if role == Qt.ItemDataRole.DisplayRole:
                return " ".join(rows.text(row).split())
            if role == Qt.ItemDataRole.ToolTipRole:
                # The whole sentence, elided in the row (text from a file: shown as text).
                return tip(" ".join(rows.text(row).split()))
            return None
        human_label = rows.human_label(row)
        # A model that fails its checks suggests nothing: hidden behind a threshold of 100%, a
        # suggestion 99.5% sure still showed as "Factual? 100%", and every other row's tooltip
        # blamed the threshold.
        model_said = None if self.model_off else rows.suggested(row)
        suggestion = (
            model_said
            if model_said is not None and not labelling.below_threshold(model_said[1], self.threshold)
            else None
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return _label_words(human_label, suggestion)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if human_label is not None:
                font.setBold(True)
            elif suggestion is not None:
                font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _label_spoken(human_label, suggestion)
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.model_off and human_label is None:
                return _tr(MODEL_OFF)
            return _label_tooltip(
                human_label, suggestion, hidden=model_said is not None and suggestion is None
            )
        return None


_SHOWN_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
)
"""The roles `SuggestionModel.data` answers besides the row's item (`UserRole`)."""

MODEL_OFF = "No suggestion: the model stored in this project cannot be used until you train again"
"""Why a candidate has no suggestion when the stored model fails its checks: not the threshold."""


def _label_words(human_label: ClaimLabel | None, suggestion: tuple[ClaimLabel, float] | None) -> str:
    """The Label column: "Factual" a person's, "Factual? 82%" the model's, "—" neither."""
    if human_label is not None:
        return label_text(human_label)
    if suggestion is not None:
        return _tr("{0}? {1:.0%}").format(label_text(suggestion[0]), suggestion[1])
    return "—"


def _label_spoken(human_label: ClaimLabel | None, suggestion: tuple[ClaimLabel, float] | None) -> str:
    """What a screen reader says for the Label column: the words a sighted person reads in the
    font (bold, italics) too."""
    if human_label is not None:
        return _tr("{0}, labelled by a person").format(label_text(human_label))
    if suggestion is not None:
        return _tr("{0}, suggested by the model, {1:.0%} sure").format(
            label_text(suggestion[0]), suggestion[1]
        )
    return _tr("No suggestion")


def _label_tooltip(
    human_label: ClaimLabel | None, suggestion: tuple[ClaimLabel, float] | None, *, hidden: bool
) -> str:
    """Who decided and how sure, in a sentence; beside a person's label, what the model said."""
    if human_label is not None:
        said = _tr("Labelled {0} by a person").format(label_text(human_label))
        if suggestion is None:
            return said
        # Beside a person's label a bare "93%" would read as the model's confidence in that
        # label: name the model's own label, which may differ.
        if suggestion[0] is human_label:
            return said + "; " + _tr("the model suggested the same ({0:.0%} sure)").format(suggestion[1])
        return (
            said
            + "; "
            + _tr("the model suggested {0} ({1:.0%} sure)").format(label_text(suggestion[0]), suggestion[1])
        )
    if suggestion is not None:
        return _tr("Suggested by the model ({0:.0%} sure); Enter accepts, 1/2/3 choose another label").format(
            suggestion[1]
        )
    if hidden:
        return _tr("The model's suggestion is less sure than your threshold: not shown")
    return _tr("No suggestion for this candidate")


MACRO_F1_MEANS = (
    "The check: the model labelled claims it had not learnt from (the newest articles' claims, or "
    "those of the file you gave), and its labels were compared with the people's.\n\n"
    "Macro-F1 scores that from 0 to 1 (higher is better) for each label on its own, then "
    "averages them, so a rare label counts as much as a common one: a model that always said "
    "the commonest label would be right on many claims but score low.\n\n"
    "The 95% interval is how far the score could move with other claims to check on; a wide "
    "one means few claims were checked."
)
"""What the summary's figures mean, in its tooltip: the summary leads with the plain count."""


def plain_headline(evaluation: Evaluation) -> str:
    """The model's held-out check, as a person says it first: "Held-out check: right on 35 of
    50 claims (macro-F1 0.70, 95% interval 0.55–0.82)." An evaluation on the user's file comes
    first, as in `Evaluation.headline`.

    "Model: macro-F1 0.58 (95% interval 0.48–0.67) on 99 claims …" led with jargon; the figure
    is kept, behind the count of claims the model got right, and the tooltip says what it means.
    """
    parts = [_checked(evaluation.on_file)] if evaluation.on_file is not None else []
    parts.append(_checked(evaluation))
    return " ".join(part[:1].upper() + part[1:] + "." for part in parts)


def _figure(evaluation: Evaluation) -> str:
    """ "macro-F1 0.77, 95% interval 0.67–0.85": the figure behind a count of right labels."""
    figure = f"macro-F1 {evaluation.macro_f1:.2f}"
    if evaluation.macro_f1_low is not None and evaluation.macro_f1_high is not None:
        figure += _tr(", 95% interval {0:.2f}–{1:.2f}").format(
            evaluation.macro_f1_low, evaluation.macro_f1_high
        )
    return figure


def _checked(evaluation: Evaluation) -> str:
    """One evaluation: how many claims it got right of how many, then its figure."""
    figure = _figure(evaluation)
    counted = evaluation.right_of()
    if counted is None:  # no count to lead with: the figure, as before
        return evaluation.figure()
    right, total = counted
    if evaluation.source:
        return _tr("Checked on {0}: right on {1} of {2} claims ({3})").format(
            evaluation.source, right, total, figure
        )
    return _tr("Held-out check: right on {0} of {1} claims ({2})").format(right, total, figure)


ProblemKey = tuple[str, int]
"""(project path, model id): a stored model is checked once per opening of the panel."""


@dataclasses.dataclass(frozen=True)
class QueueRead:
    """What the panel shows, read together in the thread pool: the queue, the model and its figures.

    `generation` names the reload that asked, so an answer a newer reload overtook is dropped.
    """

    generation: int
    items: QueueRows
    found: tuple[ModelRecord, Evaluation] | None
    problem_key: ProblemKey
    problem: str | None  # only when asked (a model not checked before)
    agreed: tuple[int, int]


def read_queue(
    project: Project,
    *,
    generation: int,
    order: str,
    unlabelled_only: bool,
    checked: frozenset[ProblemKey],
) -> QueueRead:
    """The panel's list and summary, read in the pool on that thread's own connection.

    Seconds on a project of 5,000 articles (200,000 candidate rows): on the UI thread it froze
    the window at every edit while the panel was open.
    """
    items = suggestion_queue_rows(
        project, order="uncertainty" if order == "uncertainty" else "text", unlabelled_only=unlabelled_only
    )
    found = current_model(project)
    key = (str(project.path), found[0].id if found is not None else 0)
    problem = model_problem(project) if found is not None and key not in checked else None
    items.index()  # here in the pool, not when the window first looks a candidate up
    return QueueRead(generation, items, found, key, problem, agreed_in_use(project))


class SuggestionPanel(QWidget):
    """Claim candidates across the project with their suggestions, in text or "most useful" order."""

    activated = Signal(object)  # QueueItem
    thresholdChanged = Signal(int)  # percent

    def __init__(
        self,
        project: Callable[[], Project | None] = lambda: None,
        parent: QWidget | None = None,
        *,
        threshold: int = 60,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionPanel")
        self._project = project  # asked on every reload: the window may have closed or switched it
        self._problems: dict[ProblemKey, str | None] = {}  # model checks, once per model
        # The queue is read in the thread pool, one read at a time. Each request for a reload
        # counts a generation; an answer of an older generation, or for a project that is no
        # longer the one open, is dropped, and the newest request is read when the read in
        # flight ends. A burst of edits waits `EDIT_DELAY_MS` and becomes one read.
        self._generation = 0
        self._pending = False  # a reload asked for and not started yet
        self._flight: tuple[int, Project] | None = None  # the read running: its generation, project
        self._read: QueueRead | None = None  # the answer shown, for the threshold to redraw
        self._rows_project: Project | None = None  # whose candidates the rows are
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_read)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        busy_row = QHBoxLayout()
        self.reading = QLabel(self.tr("Reading suggestions…"))
        self.reading.setObjectName("suggestionReading")
        self.busy = QProgressBar()
        self.busy.setObjectName("suggestionBusy")
        self.busy.setAccessibleName(self.tr("Reading suggestions"))
        self.busy.setTextVisible(False)
        self.busy.setRange(0, 0)  # indeterminate: one read, no steps to count
        self.busy.setMaximumHeight(self.reading.sizeHint().height())
        # Both narrower while reading than the panel is (see the controls below).
        self.reading.setWordWrap(True)
        self.busy.setMinimumWidth(2 * self.reading.sizeHint().height())
        busy_row.addWidget(self.reading)
        busy_row.addWidget(self.busy, 1)
        self.reading.hide()
        self.busy.hide()
        # The controls wrap, and the threshold's words, so that the panel fits beside the list,
        # the text and the claims on a laptop's screen with a larger font (`MainWindow.dock_shown`).
        controls = FlowLayout()
        self.order = QComboBox()
        self.order.setObjectName("suggestionOrder")
        name_drop_down(self.order, self.tr("Order of candidates"))
        self.order.addItem(self.tr("Text order"), "text")
        self.order.addItem(self.tr("Most useful first"), "uncertainty")
        self.order.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.order.setMinimumContentsLength(len(self.tr("Text order")))
        self.unlabelled = QCheckBox(self.tr("Unlabelled only"))
        self.unlabelled.setObjectName("suggestionUnlabelled")
        self.unlabelled.setChecked(True)
        controls.addWidget(self.order)
        controls.addWidget(self.unlabelled)
        layout.addLayout(controls)
        limit = QHBoxLayout()
        self.threshold = QSpinBox()
        self.threshold.setObjectName("suggestionThreshold")
        self.threshold.setRange(0, 99)
        self.threshold.setSuffix("%")
        self.threshold.setValue(max(0, min(99, threshold)))
        self.threshold.setAccessibleName(self.tr("Hide suggestions less sure than"))
        self.threshold.setToolTip(
            self.tr("Suggestions less sure than this are not shown anywhere, and Enter does not accept them")
        )
        threshold_label = QLabel(self.tr("Hide suggestions below"))
        threshold_label.setWordWrap(True)
        threshold_label.setBuddy(self.threshold)
        limit.addWidget(threshold_label, 1)  # on one line where the panel has room for it
        limit.addWidget(self.threshold)
        layout.addLayout(limit)
        layout.addLayout(busy_row)
        self.summary = plain(QLabel())  # names the model, which may come from another file
        self.summary.setObjectName("suggestionSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = SuggestionModel(self)
        self.list = QTreeView()
        self.list.setObjectName("suggestionList")
        self.list.setAccessibleName(self.tr("Claim candidates with suggested labels"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(InItsDirectionDelegate(self.list))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        # The candidate takes the room, elided at the right (its tooltip has it whole): a person
        # judges a suggestion by reading the sentence, which had about five characters beside
        # the label and confidence on a 1366x768 laptop.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SuggestionModel.CANDIDATE, QHeaderView.ResizeMode.Stretch)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        # The label fitted to the first rows once per answer (`_fit_columns`), not by
        # ResizeToContents, which measured it again at each layout of the panel (its busy
        # line shown and hidden, a chunk of rows given to the view): about 5,000 calls of
        # `SuggestionModel.data` at each reload, 40 ms of the UI thread on 184,000 candidates.
        header.setResizeContentsPrecision(100)  # fit the first rows, not every row
        layout.addWidget(self.list, 1)
        self.order.currentIndexChanged.connect(self._options_changed)
        self.unlabelled.toggled.connect(self._options_changed)
        self.threshold.valueChanged.connect(self._threshold_changed)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        # The arrows show their row in the text as a click does: they moved the highlight alone,
        # and Enter then accepted a sentence the text did not show. Rows the window selects
        # (J / K in the text, a reload keeping its place) are not the person's walk here.
        self._moving = False
        self.list.selectionModel().currentChanged.connect(self._current_changed)

    @property
    def project(self) -> Project | None:
        return self._project()

    @property
    def order_key(self) -> str:
        return str(self.order.currentData())

    @property
    def threshold_percent(self) -> int:
        return int(self.threshold.value())

    @property
    def loading(self) -> bool:
        """A reload was asked for and its answer is not shown yet."""
        return self._pending or self._flight is not None

    def _threshold_changed(self, value: int) -> None:
        # Which suggestions are hidden is the panel's own doing: the rows read stay the same.
        if self._read is not None:
            self._show(self._read)
        self.thresholdChanged.emit(value)

    def problem(self, project: Project) -> str | None:
        """Why the project's newest model cannot suggest (checked once per model), or None."""
        found = current_model(project)
        key = (str(project.path), found[0].id if found is not None else 0)
        if key not in self._problems:
            self._problems[key] = model_problem(project)
        return self._problems[key]

    EDIT_DELAY_MS = 200
    """How long after an edit the panel waits for more before it reads the queue again."""

    def reload(self, *, delay_ms: int = 0) -> None:
        """Read the queue again in the thread pool, the panel busy meanwhile; the rows stay until then.

        The rows of another project are cleared at once: nothing may act on them.
        """
        self._generation += 1
        self._pending = True
        if self.project is not self._rows_project:
            self._read = None
            self._set_rows(None, [])
        self._set_busy(True)
        self._timer.start(max(0, delay_ms))

    def forget(self) -> None:
        """Another project, the panel hidden: drop the rows and any answer on its way; read nothing."""
        self._generation += 1
        self._pending = False
        self._timer.stop()
        self._read = None
        self._set_rows(None, [])
        self._set_busy(False)

    def _options_changed(self) -> None:
        self.reload()

    def reload_soon(self) -> None:
        """After an edit: one read for a burst of them (a held key, several undos)."""
        self.reload(delay_ms=self.EDIT_DELAY_MS)

    def _start_read(self) -> None:
        if self._flight is not None:
            return  # `_read_finished` starts the newest request when this read ends
        self._pending = False
        project = self.project
        if project is None:
            self._read = None
            self._set_rows(None, [])
            self.summary.setText(self.tr("No project open."))
            self.summary.setToolTip("")
            self._set_busy(False)
            return
        from annotator.ui.team_tasks import compute_in_background

        self._flight = (self._generation, project)
        compute = partial(
            read_queue,
            generation=self._generation,
            order=self.order_key,
            unlabelled_only=self.unlabelled.isChecked(),
            checked=frozenset(self._problems),
        )
        # Every read ends in exactly one of the two (it is never cancelled); they end the flight.
        compute_in_background(project, compute, self._answered, self._failed, name="suggestion queue")

    def _current(self, generation: int) -> bool:
        """Whether an answer of `generation` is still wanted: no newer reload, the same project."""
        return self._flight is not None and generation == self._generation and self._flight[1] is self.project

    def _answered(self, read: QueueRead) -> None:
        if self._current(read.generation):
            if read.found is not None and read.problem_key not in self._problems:
                self._problems[read.problem_key] = read.problem
            self._read = read
            self._show(read)
        self._read_finished()

    def _failed(self, message: str) -> None:
        if self._flight is not None and self._current(self._flight[0]):
            self._read = None
            self._set_rows(None, [])
            self.summary.setText(
                with_full_stop(self.tr("The suggestions could not be read: {0}").format(message))
            )
            self.summary.setToolTip("")
        self._read_finished()

    def _read_finished(self) -> None:
        self._flight = None
        if not self._pending:
            self._set_busy(False)
        elif not self._timer.isActive():
            self._start_read()  # asked for again while this read ran

    def _set_busy(self, busy: bool) -> None:
        self.reading.setVisible(busy)
        self.busy.setVisible(busy)

    def _set_rows(
        self,
        project: Project | None,
        items: QueueRows | list[QueueItem],
        threshold: int | None = None,
        *,
        model_off: bool = False,
    ) -> None:
        self._rows_project = project
        self.model.set_items(items, threshold=threshold, model_off=model_off)

    def _show(self, read: QueueRead) -> None:
        """Show an answer, keeping the current candidate selected if it stays, or else the next
        one of the old rows that does (after Enter the queue continues from there)."""
        project = self.project
        if project is None:
            return
        index = self.list.currentIndex()
        # The old rows from the current one on, made one at a time until one stays.
        following = self.model.rows().items(index.row()) if index.isValid() else iter(())
        was = self.model.rows().key(index.row()) if index.isValid() else None
        items = read.items
        found = read.found
        problem = self._problems.get(read.problem_key) if found is not None else None
        threshold = self.threshold_percent
        tooltip = ""  # what the figures mean, where there are figures
        # Suggestions with no usable model behind them (`orphaned_suggestions`) are not shown.
        orphaned = found is None and items.count_hidden(lambda _c: True) > 0
        self._set_rows(project, items, threshold=threshold, model_off=bool(problem) or orphaned)
        # The model's labels, where any of its suggestions is above the threshold ("—" else).
        hiding = partial(_below, threshold=threshold)
        shown_any = not problem and items.count_hidden(hiding) < items.count_hidden(lambda _c: True)
        suggested = found[0].labels if found is not None and shown_any else ()
        self._fit_columns([label for label in ClaimLabel if label.value in suggested])
        if problem:
            self.summary.setText(problem)
        elif orphaned:
            self.summary.setText(
                self.tr(
                    "The model stored in this project cannot be used, so its suggestions are not "
                    "shown: train again to have suggestions."
                )
            )
        elif found is None:
            self.summary.setText(
                self.tr("No model yet: label some claims, then Suggestions ▸ Train Label Suggestions…")
            )
        else:
            _record, evaluation = found
            hidden = items.count_hidden(partial(_below, threshold=threshold))
            summary = plain_headline(evaluation) + " "
            summary += self.tr("{0} candidates listed; {1} suggestions below {2}% hidden.").format(
                len(items), hidden, threshold
            )
            tooltip = tip(self.tr(MACRO_F1_MEANS))
            agreed, made = read.agreed
            if made:
                # What people did where suggestions stood, beside the held-out figure.
                summary += " " + self.tr(
                    "In use, people gave the suggested label {0} of {1} times ({2:.0%})."
                ).format(agreed, made, agreed / made)
            self.summary.setText(summary)
        self.summary.setToolTip(tooltip)
        for item in following:
            row = self.model.row_of(item.article_id, item.start, item.end)
            if row is not None:
                self._set_current(self.model.index(row, 0))
                if (item.article_id, item.start, item.end) != was and self.list.hasFocus():
                    # The current candidate left the list (a label key here labelled it): the
                    # text shows the next, as an arrow would. It went on showing the one just
                    # labelled, and the next label key relabelled that claim, not the row
                    # highlighted here.
                    self._activated(self.model.index(row, 0))
                break

    def _fit_columns(self, suggested: Sequence[ClaimLabel]) -> None:
        """The label as wide as the first rows need, and at least as wide as any label its rows
        can show (a person's, or one of the `suggested` labels the model knows); the candidate's
        text stretches over the rest.

        With "Unlabelled only" unticked the first rows can all be people's labels ("Opinion"),
        and fitted to those alone the column cut a suggestion further down, "Factual? 96%", to
        "Factua…". The widest text a row can show is known from the labels, without reading
        every row.
        """
        self.list.resizeColumnToContents(SuggestionModel.LABEL)
        people, model = QFont(self.list.font()), QFont(self.list.font())
        people.setBold(True)  # as `SuggestionModel.data` shows them
        model.setItalic(True)
        shown: list[tuple[QFont, str]] = []
        if not self.unlabelled.isChecked():
            shown += [(people, _label_words(label, None)) for label in ClaimLabel]
        shown += [(model, _label_words(None, (label, 1.0))) for label in suggested]
        if not shown:
            return
        # The item's text margin each side, as Qt's styles lay out and elide an item's text.
        margin = self.list.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.list) + 1
        widest = max(QFontMetrics(font).horizontalAdvance(text) for font, text in shown) + 2 * margin
        if widest > self.list.columnWidth(SuggestionModel.LABEL):
            self.list.setColumnWidth(SuggestionModel.LABEL, widest)

    def current_item(self) -> QueueItem | None:
        """The selected row as it was read (its suggestion may be older than the store's)."""
        index = self.list.currentIndex()
        if not index.isValid() or self._rows_project is not self.project:
            return None
        return self.model.item(index.row())

    def select(self, article_id: int, start: int, end: int) -> QueueItem | None:
        row = self.model.row_of(article_id, start, end)
        if row is None:
            return None
        self._set_current(self.model.index(row, 0))
        return self.model.item(row)

    def next_row(self) -> None:
        """Move to the next candidate (after accepting one, the queue continues from there)."""
        row = self.list.currentIndex().row() + 1
        self.model.reveal(row)
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self._set_current(index)
            self._activated(index)

    def _set_current(self, index: QModelIndex) -> None:
        """Highlight a row the window chose, without showing it again as a walk in the list."""
        self._moving = True
        try:
            self.list.setCurrentIndex(index)
        finally:
            self._moving = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """A row the person reached in the list (arrows, Home, Page Down): show it in the text."""
        if not self._moving and self.list.hasFocus():
            self._activated(current)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.model.item(index.row()))


# ===================================================================== the feature


class SuggestionsFeature(QObject):
    """The suggestions in the window: the train dialog, the panel's dock and Enter to accept.

    Built from a `WindowContext`; the window binds `handlers()` to the declared actions
    (`train_suggestions`, `accept_suggestion`, `suggestions_panel`) and calls `attach`.
    """

    def __init__(self, ctx: WindowContext, pool: QThreadPool) -> None:
        super().__init__(ctx.main_window)
        self.ctx = ctx
        self.pool = pool
        window = ctx.main_window
        self.panel = SuggestionPanel(lambda: ctx.project, threshold=ctx.settings.suggestion_threshold)
        self.dock = QDockWidget(self.tr("Suggestions"), window)
        self.dock.setObjectName("suggestionDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.train_dialog: TrainDialog | None = None
        self._said: tuple[QueueItem, str] | None = None  # the candidate last described, and the words
        events = ctx.events
        events.articleShown.connect(lambda article_id: ctx.guard(lambda: self._show_in_text(article_id)))
        self.panel.activated.connect(self._panel_activated)
        self.panel.thresholdChanged.connect(self._panel_threshold_changed)
        # Only while shown (showing reloads): a hidden panel must not cost the start-up a query.
        # Another project's rows go at once, shown or not (`reload` clears them).
        events.projectChanged.connect(self._project_changed)
        # Pre-annotation in the background also suggests labels for the new candidates.
        events.preannotated.connect(self._reload_if_shown)
        events.edited.connect(lambda _change: self._reload_if_shown(soon=True))
        # Another's save (`annotator train` run beside the window, a teammate's labels in the
        # team file): the open panel said "No model yet", or listed candidates labelled since,
        # until it was closed and shown again.
        events.savedElsewhere.connect(lambda: ctx.guard(self._saved_elsewhere))
        self.dock.visibilityChanged.connect(self._dock_visibility_changed)
        # Minimized, the panel read its whole queue again at each save of another program (a
        # pre-annotation run in a terminal saves every few seconds): the read is owed until
        # the window is seen again.
        self._owed = False
        window.installEventFilter(self)
        shown_now = ctx.article
        if shown_now is not None:  # built after the first article was shown (the window's start)
            ctx.guard(lambda: self._show_in_text(shown_now.article.id))

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "train_suggestions": self.open_train_dialog,
            "accept_suggestion": self.accept,
            "suggestions_panel": lambda: self.dock.setVisible(not self.dock.isVisible()),
        }

    def attach(self, actions: ActionSet) -> None:
        """Enter and Escape work in the panel too. (J / K call `after_step`: the window connects them at once,
        so a J pressed before this feature is built still describes its candidate.)"""
        actions.attach("article", self.panel.list)
        # Escape leads back to the text from the panel as from the other lists (not Return,
        # which accepts here: `open_in_text` would make it an ambiguous key that does nothing).
        self.panel.addAction(actions["to_text"])
        toggle = actions["suggestions_panel"]
        self.dock.visibilityChanged.connect(toggle.setChecked)

    def _project_changed(self) -> None:
        if self.dock.isVisible():
            self.panel.reload()
        else:
            self.panel.forget()

    def _reload_if_shown(self, *, soon: bool = False) -> None:
        if self.dock.isVisible() and self.ctx.main_window.isMinimized():
            self._owed = True
        elif self.dock.isVisible():
            if soon:
                self.panel.reload_soon()
            else:
                self.panel.reload()

    def _saved_elsewhere(self) -> None:
        """Another window or program saved: the panel reads again, and so do the text's outlines.

        A model trained in another window (or by `annotator train`) left the article shown
        outlining the old model's suggestions, or none, until another article was opened,
        while Enter accepted what the store held: a label the text did not show.
        """
        self._reload_if_shown(soon=True)
        article = self.ctx.article
        if article is not None:
            self._show_in_text(article.article.id)
            self._describe_again()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A read owed while the window was minimized, made when it is restored."""
        if (
            self._owed
            and event.type() == QEvent.Type.WindowStateChange
            and not self.ctx.main_window.isMinimized()
        ):
            self._owed = False
            self._reload_if_shown(soon=True)
        return False

    def _panel_activated(self, item: QueueItem) -> None:
        self.ctx.guard(lambda: self.show_item(item))

    def _panel_threshold_changed(self, value: int) -> None:
        self.ctx.guard(lambda: self._threshold_changed(value))

    def _dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.panel.reload()

    def show_item(self, item: QueueItem) -> None:
        article, cleared = self.ctx.article, ""
        if article is None or article.article.id != item.article_id:
            cleared = self.ctx.select_article(item.article_id)
        self.ctx.view.select_span(item.start, item.end)
        self.ctx.view.centerCursor()
        said, now = self._said, self.ctx.main_window.statusBar().currentMessage()
        if not cleared and said is not None and said == (item, now):
            return  # a click shows its row twice (press, release): what the first cleared stays said
        self._describe(item, cleared=cleared)

    def _shown(self, item: QueueItem) -> Suggestion | None:
        """The item's suggestion as the text outlines it: none below the user's threshold, none
        from a model that fails its checks.

        Not the panel's list's threshold: that is set when the panel loads, and the panel is
        closed until someone opens it, while Enter and J work in the article all the same.
        """
        if self._model_fails():
            return None
        return shown(item.suggestion, self.panel.threshold_percent)

    def _model_fails(self) -> bool:
        """No project, its stored model fails its checks, or suggestions are stored with no model
        that can be used (`orphaned_suggestions`): nothing of it is shown."""
        project = self.ctx.project
        if project is None:
            return True
        if current_model(project) is None:
            return orphaned_suggestions(project)
        return bool(self.panel.problem(project))

    def _describe(self, item: QueueItem | None, *, cleared: str = "") -> None:
        """Say what the candidate is; `cleared`: the search and filters cleared to list its
        article, in words (`MainWindow.select_article`)."""
        if item is None:
            return
        message = self._words(item)
        if cleared:
            message = self.tr("{0}. {1}").format(message, cleared)
        self._said = (item, message)
        self.ctx.status(message, 8000)

    def _words(self, item: QueueItem) -> str:
        """What the status bar says of a candidate: who labelled it, or what the model suggests."""
        suggestion = self._shown(item)
        if item.human_label is not None:
            return self.tr("Labelled {0} by a person").format(label_text(item.human_label))
        if suggestion is not None:
            return self.tr("Suggested: {0} ({1:.0%}) — Enter accepts, 1/2/3 choose another label").format(
                label_text(suggestion.label), suggestion.confidence
            )
        if item.suggestion is not None:
            # Hidden because the model fails its checks, not by the threshold: lowering it does nothing.
            return self._model_off_text() if self._model_fails() else self.tr(labelling.BELOW_THRESHOLD)
        return self.tr("No suggestion for this candidate (train first)")

    def _describe_again(self) -> None:
        """Say the candidate again if the status bar still speaks of it and a new threshold
        changed what is true of it.

        Raising the threshold above a suggestion hid its outline, but the status bar went on
        offering it ("Suggested: Factual (96%) — Enter accepts") for its remaining seconds,
        while Enter would no longer accept it.
        """
        said = self._said
        if said is None or self.ctx.main_window.statusBar().currentMessage() != said[1]:
            return
        item = self._fresh(said[0])
        if item is None:
            self.ctx.main_window.statusBar().clearMessage()  # the candidate is gone: nothing to offer
        elif self._words(item) != said[1]:
            self._describe(item)

    def _fresh(self, item: QueueItem | None) -> QueueItem | None:
        """The candidate a row shows, as the store holds it now (None: no longer there)."""
        project = self.ctx.project
        if item is None or project is None:
            return None
        return candidate_at(project, item.article_id, item.start, item.end)

    def _item_at_selection(self) -> QueueItem | None:
        project, article = self.ctx.project, self.ctx.article
        span = self.ctx.view.selected_span()
        if project is None or article is None or span is None:
            return None
        return candidate_at(project, article.article.id, *span)

    def accept(self) -> None:
        """Enter: the selected candidate's suggestion becomes a claim (`services.labelling`'s rules).

        In the panel, the candidate of the selected row is read again from the store: the rows
        were read in the background and may be older than the last edit, a new model or a
        pre-annotation, and Enter must accept what the store holds now.
        """
        in_panel = self.ctx.main_window.focusWidget() is self.panel.list
        item = self._fresh(self.panel.current_item()) if in_panel else self._item_at_selection()
        if item is None:
            if in_panel and self.panel.current_item() is not None:
                self.ctx.status(self.tr("This candidate is gone; the list is read again"), 4000)
                self.panel.reload()
                return
            self.ctx.status(self.tr("Select a claim candidate first (J / K or the Suggestions panel)"), 4000)
            return
        if in_panel:
            self.show_item(item)
        article = self.ctx.article
        if article is None or article.article.id != item.article_id:
            return
        # A model that fails its checks shows nothing; a suggestion below the person's threshold
        # is hidden, and the rules say so. One accepted was shown, so it is recorded as shown.
        if self._model_fails():
            item = dataclasses.replace(item, suggestion=None)
        outcome = labelling.accept_suggestion(
            article, item, annotator=self.ctx.settings.annotator, threshold=self.panel.threshold_percent
        )
        if outcome.command is None:
            self.ctx.status(self._not_accepted(outcome.message), 5000)
            return
        self.ctx.run_edit(outcome.command)
        if outcome.select is not None:  # the new claim is the current one, as after 1 / 2 / 3
            self.ctx.view.select_span(*outcome.select)
        if in_panel:
            self.panel.list.setFocus()
            self.panel.next_row()

    def _not_accepted(self, message: str) -> str:
        """Why Enter labelled nothing. Before any training, "No suggestion for this candidate"
        read as the model having none for this one sentence, and Enter is the key a new
        annotator tries first: say there is no model yet and which key trains one."""
        project = self.ctx.project
        if message == labelling.NO_SUGGESTION and project is not None and self._model_fails():
            return self._model_off_text()
        if message == labelling.NO_SUGGESTION and project is not None and current_model(project) is None:
            key = key_text(next(spec for spec in ACTIONS if spec.id == "train_suggestions"))
            return self.tr(
                "No label suggestions yet: label some claims, then {0} trains them; press 1, 2 or 3"
            ).format(key)
        return self.tr(message)

    def _model_off_text(self) -> str:
        """Why nothing is suggested when the stored model fails its checks, and what to do."""
        return self.tr(MODEL_OFF) + "; " + self.tr("press 1, 2 or 3")

    def _trained(self, _result: TrainResult) -> None:
        self.dock.show()
        self.panel.reload()
        article = self.ctx.article
        if article is not None:
            self._show_in_text(article.article.id)

    def open_train_dialog(self) -> TrainDialog | None:
        project = self.ctx.project
        if project is None:
            self.ctx.show_error(self.tr("Open a project first."))
            return None
        # Training reads and saves the project by its path; on a read-only one it trained,
        # minutes on a large project, and only then was its model refused.
        refuse_unless_writable(project, self.tr("no label suggestion model can be trained and saved in it"))
        dialog = TrainDialog(
            project.path, self.pool, self.ctx.main_window, shown=current_model(project), settings=self.ctx
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.trained.connect(self._trained)
        # The person's labels, another's save (a teammate, `annotator` run beside the window),
        # a merge or an import with labels: Train may now be possible, or no longer.
        events = self.ctx.events
        events.edited.connect(dialog.labels_changed)
        events.savedElsewhere.connect(dialog.labels_changed)
        events.preannotated.connect(dialog.labels_changed)
        self.train_dialog = dialog
        dialog.open()
        return dialog

    def after_step(self) -> None:
        """J / K landed on a candidate: select it in the panel and say what the model or a person said."""
        span = self.ctx.view.selected_span()
        article = self.ctx.article
        if span is None or article is None:
            return
        # The row is only highlighted: what is said comes from the store, since the rows may
        # be older than the last edit while the panel reads them again.
        self.panel.select(article.article.id, *span)
        item = self._item_at_selection()
        if item is not None and (item.suggestion is not None or item.human_label is not None):
            self._describe(item)

    def _show_in_text(self, article_id: int) -> None:
        """Hand the article's suggestions to the reading view, which outlines the current candidate's."""
        project = self.ctx.project
        if project is None:
            return
        if self._model_fails():
            self.ctx.view.set_suggestions(())
            return
        threshold = self.panel.threshold_percent
        self.ctx.view.set_suggestions(
            Suggested(s.start, s.end, s.label, s.confidence)
            for s in article_suggestions(project, article_id)
            if shown(s, threshold) is not None
        )

    def _threshold_changed(self, value: int) -> None:
        """Remember the threshold, redraw the outlines of the article shown and say again what
        the status bar said of the candidate there."""
        self.ctx.update_settings(dataclasses.replace(self.ctx.settings, suggestion_threshold=value))
        article = self.ctx.article
        if article is not None:
            self._show_in_text(article.article.id)
        self._describe_again()
