"""The cues of an author's opinion, on the examples of the NewsSD annotation guidelines (v2.0).

Each example sentence below is quoted from the guidelines (SUBJ n / OBJ example n); the
cues are read from text alone, so no spaCy model is needed.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.nlp.claim_classifier import CUES, cue_values
from annotator.nlp.lang.en import subjectivity


def _cues(text: str) -> dict[str, int]:
    """Counts back from log(1 + count), length left out."""
    values = dict(zip(CUES, cue_values(text), strict=True))
    return {name: round(math.expm1(v)) for name, v in values.items() if name != "log_length"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SUBJ 1: a rhetorical question, with an intensifier
        ("Do they really think other nations sprouted up out of the ground?", {"question": 1, "degree": 1}),
        # SUBJ 3: an exhortation
        ("The West should arm Ukraine faster.", {"exhortation": 1, "capitalised_inside": 2}),
        # SUBJ 1 (d): speculation that draws a conclusion
        (
            "But Putin will hope to sow uncertainty in the eyes of policymakers’ meetings in New York.",
            {"capitalised_inside": 3},
        ),
        # OBJ 3: a third party's words in quotation marks, and who said them
        (
            "“You showed callous indifference to Dean’s fate after he had been repeatedly stabbed” "
            "the judge said.",
            {"full_quotation": 1, "double_quotes": 2, "reporting": 1, "second_person": 1},
        ),
        # OBJ 2: the writer's own feelings are not an opinion on other matters
        (
            "I was definitely surprised at how emotional I felt watching the service.",
            {"first_person": 2, "first_person_feeling": 1, "ly_adverb": 1},
        ),
        # SUBJ 2 and OBJ 6: scare quotes inside the sentence
        (
            "The Duke of York ‘plotted’ with Diana to ‘push Prince Charles aside’.",
            {"scare_quotes": 2},
        ),
        # OBJ 5: numbers
        (
            "A good rule of thumb is to expect somewhere between 75 and 80 per cent of the range.",
            {"digits": 2, "superlative": 0},
        ),
    ],
)
def test_guideline_examples_show_their_cues(text: str, expected: dict[str, int]) -> None:
    cues = _cues(text)
    for name, count in expected.items():
        assert cues[name] == count, name


def test_a_quotation_that_opens_the_sentence_marks_reported_words() -> None:
    cues = _cues("“Crosbie is an extremely violent man who has no place in society.”")
    assert cues["full_quotation"] == 1
    assert cues["degree"] == 1 and cues["negation"] == 1
    assert cues["strong_sentiment"] >= 1  # "violent"


def test_evaluative_words_come_from_the_lexicons() -> None:
    assert "shameful" in subjectivity.STRONG_SENTIMENT_WORDS
    assert "outrageous" in subjectivity.SUBJECTIVE_WORDS
    assert _cues("What a shameful and outrageous mess.")["strong_sentiment"] >= 2
    assert _cues("What a shameful and outrageous mess.")["subjective_word"] == 1
    assert _cues("The council met on Monday.")["strong_sentiment"] == 0


def test_a_curly_apostrophe_negation_counts_like_a_straight_one() -> None:
    assert _cues("They don’t know.")["negation"] == _cues("They don't know.")["negation"] == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_every_cue_as_a_finite_non_negative_number(text: str) -> None:
    values = cue_values(text)
    assert len(values) == len(CUES)
    assert all(math.isfinite(v) and v >= 0 for v in values)
