"""Untranslated, the window's words for training are the command line's English.

The services return the kind and figures of a refusal, a progress step and a note; the command
line and a refused training say them in English (`TrainingReadiness.sentence`, the step's text,
`TrainingNote.sentence`), the window through `tr` (`ui.training_words`). The two sources must
not drift apart.
"""

from __future__ import annotations

import pickle

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from annotator.core.errors import NoModelError, NotEnoughLabelsError
from annotator.core.suggestions import (
    NoteKind,
    RefusalKind,
    StepKind,
    TrainingNote,
    TrainingReadiness,
    TrainingRefusal,
    TrainingStep,
)
from annotator.ui.error_text import explain
from annotator.ui.training_words import no_model_text, note_text, readiness_text, refusal_text, step_text

COUNTS = {"factual": 19, "opinion": 1, "questionable": 0}

REFUSALS = [
    None,
    TrainingRefusal(RefusalKind.TWO_LABELS, 20),
    TrainingRefusal(RefusalKind.SECOND_LABEL, 20),
    TrainingRefusal(RefusalKind.LABELS_SHORT, 20, short=(("opinion", 1),)),
    TrainingRefusal(RefusalKind.LABELS_SHORT, 20, short=(("opinion", 2),)),
    TrainingRefusal(RefusalKind.LABELS_SHORT, 20, short=(("factual", 1), ("opinion", 19))),
    TrainingRefusal(
        RefusalKind.LABELS_SHORT, 20, short=(("factual", 1), ("opinion", 19), ("questionable", 3))
    ),
    TrainingRefusal(RefusalKind.ONE_ARTICLE, 20),
    TrainingRefusal(RefusalKind.NONE_HELD_OUT, 20, kept=0.8),
    TrainingRefusal(RefusalKind.ONLY_NEWEST, 20, missing=("opinion", "questionable")),
]


@pytest.mark.parametrize("articles", [1, 3])
@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda r: "ready" if r is None else r.kind.value)
def test_the_window_s_source_words_are_the_command_line_s(
    qapp: QApplication, refusal: TrainingRefusal | None, shared: bool, articles: int
) -> None:
    readiness = TrainingReadiness(COUNTS, articles, refusal, shared=shared)
    if refusal is None:
        assert readiness_text(readiness) == readiness.counts_sentence()
        assert refusal_text(readiness) == ""
    else:
        assert readiness_text(readiness) == readiness.sentence()
        assert refusal_text(readiness) == readiness.refusal_sentence()


def test_a_refused_training_is_said_in_the_window_s_words_and_another_refusal_as_it_came(
    qapp: QApplication,
) -> None:
    readiness = TrainingReadiness(COUNTS, 2, TrainingRefusal(RefusalKind.ONE_ARTICLE, 20))
    assert explain(NotEnoughLabelsError("english", readiness=readiness)).text == readiness_text(readiness)
    no_model = "No model has been trained in this project yet; train one first."
    assert explain(NoModelError(no_model)).text == no_model == no_model_text()
    another = "the labels could not be read"
    assert explain(NotEnoughLabelsError(another)).text == another


class _Marking(QTranslator):
    """Brackets each line of the Train dialog's, so one said as it came shows as plain English."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"[{source}]" if context == "TrainDialog" else ""


def test_suggesting_without_a_model_is_refused_in_the_window_s_words(qapp: QApplication) -> None:
    marking = _Marking()
    QApplication.installTranslator(marking)
    try:
        said = explain(NoModelError("No model has been trained in this project yet; train one first.")).text
    finally:
        QApplication.removeTranslator(marking)
    assert said == "[No model has been trained in this project yet; train one first.]"


NOTES = [
    TrainingNote(NoteKind.TIES, count=1),
    TrainingNote(NoteKind.TIES, count=3),
    TrainingNote(NoteKind.LABEL_UNUSED, count=20, label="questionable", labels=("factual", "opinion")),
    TrainingNote(NoteKind.NOT_HELD_OUT, labels=("opinion",)),
    TrainingNote(NoteKind.NOT_HELD_OUT, labels=("opinion", "questionable")),
]


@pytest.mark.parametrize("note", NOTES, ids=lambda note: note.kind.value)
def test_a_training_note_s_source_words_are_the_command_line_s(
    qapp: QApplication, note: TrainingNote
) -> None:
    assert note_text(note) == note.sentence()


STEPS = [
    TrainingStep(StepKind.FOLD, 2, 5, 3.0),
    TrainingStep(StepKind.FOLD, 1, 5, 0.25),
    TrainingStep(StepKind.FOLD_CUES, 5, 5),
    TrainingStep(StepKind.FINAL_FIT, 10.0),
    TrainingStep(StepKind.EVALUATING_NEWEST),
    TrainingStep(StepKind.EVALUATING_FILE, "held.csv"),
    TrainingStep(StepKind.SUGGESTING),
]


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.kind.name)
def test_a_training_step_s_source_words_are_the_command_line_s(
    qapp: QApplication, step: TrainingStep
) -> None:
    assert step_text(step) == step
    assert pickle.loads(pickle.dumps(step)).figures == step.figures  # sent from the child process


def test_the_steps_english_is_what_training_always_said() -> None:
    assert [str(step) for step in STEPS] == [
        "testing settings on part 2 of 5 of the labels",
        "testing settings on part 1 of 5 of the labels",
        "testing settings on part 5 of 5 of the labels (opinion cues)",
        "training the final model",
        "evaluating on the newest articles",
        "evaluating on held.csv",
        "suggesting labels",
    ]


def test_a_step_keeps_its_setting_out_of_the_words_but_in_its_figures() -> None:
    """ "cross-validation: fold 4/5, C=3" and "fitting the final model (C=10)" were a data
    scientist's words in an annotator's progress bar; the C stays for whoever reads the figures."""
    fold, final = TrainingStep(StepKind.FOLD, 4, 5, 3.0), TrainingStep(StepKind.FINAL_FIT, 10.0)
    assert fold == "testing settings on part 4 of 5 of the labels"
    assert final == "training the final model"
    assert fold.figures == (4, 5, 3.0) and final.figures == (10.0,)
    assert len({kind.value for kind in StepKind}) == len(StepKind)  # no kind an alias of another


def test_another_progress_message_is_shown_as_it_came(qapp: QApplication) -> None:
    assert step_text("Applying your team's entity decisions") == "Applying your team's entity decisions"


def test_one_tied_span_is_said_in_the_singular(qapp: QApplication) -> None:
    """ "1 spans whose annotators disagree ... were left out" read as a machine's."""
    one, three = TrainingNote(NoteKind.TIES, count=1), TrainingNote(NoteKind.TIES, count=3)
    assert note_text(one) == "1 span whose annotators disagree (a tie, no gold label) was left out."
    assert note_text(three).startswith("3 spans whose annotators disagree")
