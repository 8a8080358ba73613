"""Untranslated, the window's words for the training readiness are the command line's English.

The services return the refusal's kind and figures; the command line and a refused training
say them in English (`TrainingReadiness.sentence`), the window through `tr`
(`ui.training_words`). The two sources must not drift apart.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.errors import NotEnoughLabelsError
from annotator.core.suggestions import RefusalKind, TrainingReadiness, TrainingRefusal
from annotator.ui.error_text import explain
from annotator.ui.training_words import readiness_text, refusal_text

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
    assert explain(NotEnoughLabelsError(no_model)).text == no_model
