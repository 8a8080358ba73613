"""The few tests that need the trained English pipeline (marked `model`; they still run in CI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import EntityStatus
from annotator.nlp import LoadedPipeline, analyse_texts

WIKINEWS = Path(__file__).parent.parent / "data" / "wikinews"

pytestmark = pytest.mark.model


def _read(prefix: str) -> str:
    return next(WIKINEWS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_speakers_in_real_articles(model_pipeline: LoadedPipeline) -> None:
    texts = [_read("wn2019_007"), _read("wn2019_022"), _read("wn2019_063")]
    trump, toronto, no_quotes = list(analyse_texts(texts, pipeline=model_pipeline, batch_size=2))
    text = texts[0]
    # Read from the article: "He also said" resolves to Trump, the only person just named.
    assert [
        (text[q.speaker.start : q.speaker.end], q.speaker.name) if q.speaker else None for q in trump.quotes
    ] == [
        ("Trump", "Trump"),
        ("Trump", "Trump"),
        ("Mike Pence", "Mike Pence"),
        ("Nancy Pelosi", "Nancy Pelosi"),
        ("Chuck Schumer", "Chuck Schumer"),
        ("Chuck Schumer", "Chuck Schumer"),
        None,  # "a non-starter": scare quote
        ("Durbin", "Durbin"),
        None,  # "years.": scare quote
    ]
    [giese] = [q for q in toronto.quotes if q.speaker]
    assert texts[1][giese.speaker.start : giese.speaker.end] == "Rachel Giese"  # type: ignore[union-attr]
    assert no_quotes.quotes == ()


def test_model_entities_and_candidates(model_pipeline: LoadedPipeline) -> None:
    text = _read("wn2019_063")
    [analysis] = list(analyse_texts([text], pipeline=model_pipeline))
    assert analysis.pipeline.name == model_pipeline.info.name
    assert all(e.status is EntityStatus.SUGGESTED for e in analysis.entities)
    assert ("Arnav Gupta", "PERSON") in {(text[e.start : e.end], e.label) for e in analysis.entities}
    # The dateline is a sentence but not a candidate.
    assert text[slice(*analysis.sentences[0])] == "Saturday, June 1, 2019"
    first = analysis.candidates[0]
    assert text[first.start : first.end].startswith("At around 12:20 p.m. local time on Wednesday")
    assert {"date", "named entity"} <= set(first.reasons)
