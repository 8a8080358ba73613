"""What training says, in the window's translated words: whether the labels are enough, its
progress, its notes, and the refusal to suggest without a model.

The services decide (`services.suggestions.training_readiness`, the rules training refuses by)
and return the refusal's kind and figures (`core.suggestions.TrainingRefusal`), each progress
step's (`TrainingStep`) and each note's (`TrainingNote`); the command line says them in
English (`TrainingReadiness.sentence`, the step's own text, `TrainingNote.sentence`). The window
said that English as it came, the one part of the Train dialog no translation could reach.
Here each sentence is the window's own, through Qt's translation, with the same English source.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.suggestions import (
    NoteKind,
    RefusalKind,
    StepKind,
    TrainingNote,
    TrainingReadiness,
    TrainingStep,
)

if TYPE_CHECKING:
    from annotator.ui.workers import Result, WorkReturning


def _tr(text: str) -> str:
    """The Train dialog's context: these lines are its own, also where a refused training ends."""
    return QCoreApplication.translate("TrainDialog", text)


def readiness_text(readiness: TrainingReadiness) -> str:
    """What to label before training can start, then the counts (and why they are passages);
    the counts alone when training can start."""
    parts = [refusal_text(readiness), counts_text(readiness)]
    if not readiness.ready and readiness.shared:
        parts.append(
            _tr(
                "A passage several people labelled counts once (with the review's decision, or else the "
                "label most of them gave; ties are left out), so these can be fewer than the claims the "
                "dashboard counts."
            )
        )
    return " ".join(part for part in parts if part)


def counts_text(readiness: TrainingReadiness) -> str:
    """ "You have 3 factual, 0 opinion, 0 questionable (in 2 articles).", passages on a team's file."""
    counts = ", ".join(_tr("{0} {1}").format(n, _label_word(label)) for label, n in readiness.counts.items())
    where = _tr("1 article") if readiness.articles == 1 else _tr("{0} articles").format(readiness.articles)
    if readiness.shared:
        return _tr("You have {0} passages (in {1}).").format(counts, where)
    return _tr("You have {0} (in {1}).").format(counts, where)


def refusal_text(readiness: TrainingReadiness) -> str:
    """Why Train waits, in one or two sentences ("" when it does not)."""
    refusal = readiness.refusal
    if refusal is None:
        return ""
    shared, least = readiness.shared, refusal.least
    if refusal.kind is RefusalKind.TWO_LABELS:
        if shared:
            return _tr("Label at least {0} passages each of two labels to train.").format(least)
        return _tr("Label at least {0} claims each of two labels to train.").format(least)
    if refusal.kind is RefusalKind.SECOND_LABEL:
        if shared:
            return _tr(
                "Label at least {0} passages of a second label to train: a classifier needs two labels "
                "with {0} passages each."
            ).format(least)
        return _tr(
            "Label at least {0} claims of a second label to train: a classifier needs two labels with "
            "{0} claims each."
        ).format(least)
    if refusal.kind is RefusalKind.LABELS_SHORT:
        wanted = _and([_tr("{0} more {1}").format(more, _label_word(label)) for label, more in refusal.short])
        if len(refusal.short) == 1 and refusal.short[0][1] == 1:
            if shared:
                return _tr("Label {0} passage to train: each label in use needs at least {1}.").format(
                    wanted, least
                )
            return _tr("Label {0} claim to train: each label in use needs at least {1}.").format(
                wanted, least
            )
        if shared:
            return _tr("Label {0} passages to train: each label in use needs at least {1}.").format(
                wanted, least
            )
        return _tr("Label {0} claims to train: each label in use needs at least {1}.").format(wanted, least)
    if refusal.kind is RefusalKind.ONE_ARTICLE:
        return _tr(
            "All labelled claims are in one article; label claims in at least two articles so that "
            "whole articles can be held out for an honest evaluation."
        )
    if refusal.kind is RefusalKind.NONE_HELD_OUT:
        return _tr(
            "No article can be held out to evaluate the model: each holds so many claims of one label "
            "that holding it out would leave less than {0:.0%} of that label's claims to learn from. "
            "Label claims in more articles, then train again."
        ).format(refusal.kept)
    return _tr(
        "Only the newest articles have {0} claims, and those are held out for the evaluation; label "
        "some in older articles too, then train again."
    ).format(", ".join(_label_word(label) for label in refusal.missing))


def note_text(note: TrainingNote) -> str:
    """A finished training's note on the labels it learnt from."""
    if note.kind is NoteKind.TIES:
        if note.count == 1:
            return _tr("1 span whose annotators disagree (a tie, no gold label) was left out.")
        return _tr("{0} spans whose annotators disagree (a tie, no gold label) were left out.").format(
            note.count
        )
    if note.kind is NoteKind.LABEL_UNUSED:
        return _tr(
            "No claim is labelled {0}: the model was trained on {1} only and does not suggest {0}. "
            "Label at least {2} {0} claims and train again to have it suggested."
        ).format(_label_word(note.label), ", ".join(_label_word(label) for label in note.labels), note.count)
    return _tr(
        "The held-out articles have no {0} claims, so recall for those labels could not be measured; "
        "label more articles for a fuller evaluation."
    ).format(", ".join(_label_word(label) for label in note.labels))


def step_text(message: str) -> str:
    """A training's progress message: a `TrainingStep` in the window's words, any other as it came."""
    if not isinstance(message, TrainingStep):
        return message
    figures = message.figures
    if message.kind is StepKind.FOLD:  # the C tried stays in the figures, out of the words
        return _tr("testing settings on part {0} of {1} of the labels").format(*figures[:2])
    if message.kind is StepKind.FOLD_CUES:
        return _tr("testing settings on part {0} of {1} of the labels (opinion cues)").format(*figures)
    if message.kind is StepKind.FINAL_FIT:
        return _tr("training the final model")
    if message.kind is StepKind.EVALUATING_NEWEST:
        return _tr("evaluating on the newest articles")
    if message.kind is StepKind.EVALUATING_FILE:
        return _tr("evaluating on {0}").format(*figures)
    return _tr("suggesting labels")


def worded_steps(work: WorkReturning[Result]) -> WorkReturning[Result]:
    """`work` with its training steps worded before they reach the dialog.

    Worded in the pool thread, where the step still has its kind: the progress signal carries
    plain text. Qt's translation may be asked from any thread.
    """

    def worded(progress: ProgressFn, cancel: CancelFn) -> Result:
        def relay(done: int, total: int, message: str = "", /) -> None:
            progress(done, total, step_text(message))

        return work(relay, cancel)

    return worded


def no_model_text() -> str:
    """Suggesting labels before any model was trained (`core.errors.NoModelError`)."""
    return _tr("No model has been trained in this project yet; train one first.")


def _label_word(label: str) -> str:
    """A label as a word inside a sentence ("3 factual"): its stored value, translated, as the
    legend translates its name (`ui.legend.label_text`), so a new label needs no entry here."""
    return _tr(label)


def _and(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" in the window's words."""
    if len(items) == 1:
        return items[0]
    return _tr("{0} and {1}").format(", ".join(items[:-1]), items[-1])
