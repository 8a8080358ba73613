"""Footnote marks glued to words: the sixth tuning batch's "the Secretary of the Treasury2 said"
gave the speaker "Secretary of the Treasury2"."""

from __future__ import annotations

import pytest
import spacy

from annotator.nlp import FALLBACK_NAME, LoadedPipeline, analyse_texts
from annotator.nlp.footnotes import COMPONENT, FootnoteMarks


def words(text: str, known: frozenset[str] = frozenset({"treasury", "python"})) -> list[str]:
    return [tok.text for tok in FootnoteMarks(known)(spacy.blank("en").make_doc(text))]


def test_a_digit_glued_to_a_known_word_is_a_footnote_mark() -> None:
    assert words("the Treasury2 said and it recently3 fell") == [
        "the",
        "Treasury",
        "2",
        "said",
        "and",
        "it",
        "recently3",  # not a word the pipeline knows
        "fell",
    ]


def test_a_word_the_text_writes_without_the_digit_is_known() -> None:
    assert words("Oakhaven2 grew. Oakhaven is small.", frozenset())[:2] == ["Oakhaven", "2"]


@pytest.mark.parametrize(
    "word",
    ["COVID19", "G20", "A380", "4chan", "ARMv7", "mp3", "km2", "celeron55", "Treasury22", "Politics1.com"],
)
def test_names_with_numbers_stay_whole(word: str) -> None:
    assert words(f"the {word} said", frozenset({"treasury", "mp", "km", "celeron", "politics"})) == [
        "the",
        word,
        "said",
    ]


@pytest.mark.parametrize("word", ["Python3", "Formula1", "Windows7", "html5"])
def test_a_name_whose_digit_belongs_to_it_stays_whole(word: str) -> None:
    known = frozenset({"treasury", "python", "formula", "windows", "html"})
    assert words(f"It runs {word} now, the Treasury2 said.", known) == [
        "It",
        "runs",
        word,
        "now",
        ",",
        "the",
        "Treasury",
        "2",
        "said",
        ".",
    ]


def test_a_word_the_text_writes_twice_with_its_digit_is_a_name() -> None:
    assert words("The Kindle2 ships. Buyers of the Kindle2 waited.", frozenset({"kindle"})) == [
        "The",
        "Kindle2",
        "ships",
        ".",
        "Buyers",
        "of",
        "the",
        "Kindle2",
        "waited",
        ".",
    ]


def test_the_rule_fallback_splits_a_footnote_mark_after_a_known_name(rules_pipeline: LoadedPipeline) -> None:
    assert rules_pipeline.nlp.pipe_names[0] == COMPONENT
    doc = rules_pipeline.nlp("Maria4 spoke.")
    assert [tok.text for tok in doc] == ["Maria", "4", "spoke", "."]
    assert FALLBACK_NAME in rules_pipeline.info.name


@pytest.mark.model
def test_a_speaker_named_before_a_footnote_mark_is_named_without_it(model_pipeline: LoadedPipeline) -> None:
    text = "“We will pay,” said the Secretary of the Treasury2 recently, in a speech to the bar."
    (analysis,) = analyse_texts([text], pipeline=model_pipeline)
    (quote,) = analysis.quotes
    assert quote.speaker is not None
    assert quote.speaker.name == "Secretary of the Treasury"
    assert text[quote.speaker.start : quote.speaker.end].endswith("Treasury")


@pytest.mark.model
def test_the_model_pipeline_keeps_a_versioned_name_and_splits_a_mark(model_pipeline: LoadedPipeline) -> None:
    doc = model_pipeline.nlp("Formula1 teams use Python3, the Secretary of the Treasury2 said.")
    texts = [tok.text for tok in doc]
    assert texts[:5] == ["Formula1", "teams", "use", "Python3", ","]
    assert texts[9:12] == ["Treasury", "2", "said"]
