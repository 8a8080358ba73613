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
    # Read from the article: each speaker as the text attributes it, and the fullest name of
    # that referent ("He also said" is Trump, the one person just named; "Trump" is Donald Trump).
    found = [
        (text[q.speaker.start : q.speaker.end], q.speaker.name, q.kind.value) if q.speaker else None
        for q in trump.quotes
    ]
    assert found[:6] == [
        ("Trump", "Donald Trump", "direct"),
        ("He", "Donald Trump", "direct"),
        ("Mike Pence", "Mike Pence", "partial"),  # said on Friday the United States is "in the midst …"
        ("Nancy Pelosi", "Nancy Pelosi", "direct"),
        ("Chuck Schumer", "Chuck Schumer", "direct"),
        ("Chuck Schumer", "Chuck Schumer", "direct"),
    ]
    # "Schiff called it "a non-starter"": short, but attributed, so a partial quotation. The
    # article misspells his title ("Represenative Adam Schiff"), which the name keeps.
    schiff = found[6]
    assert schiff is not None and schiff[0] == "Schiff" and schiff[1].endswith("Adam Schiff")
    assert schiff[2] == "partial"
    assert found[7:] == [
        ("Durbin", "Dick Durbin", "direct"),
        ("Trump", "Donald Trump", "partial"),  # claims he would be okay if it went on for "years."
    ]
    # "Toronto Police, which indicated … a "significant development"": an organisation speaks.
    assert [
        (texts[1][q.speaker.start : q.speaker.end], q.speaker.name, q.kind.value)
        for q in toronto.quotes
        if q.speaker
    ] == [("Toronto Police", "Toronto Police", "partial"), ("Rachel Giese", "Rachel Giese", "partial")]
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


OP_ED = (
    "AI is everywhere now. Anthropic’s confirmation came late on Friday, and companies like "
    "Anthropic and DeepMind have promised restraint. Graphcore, a British startup, is betting on "
    "chips instead. We don’t know what AI will do next, and opening Pandora’s box was never the plan.\n\n"
    "Few people understand the risk better than Dr. Eleanor Shaw, a computational ethics researcher "
    "at Cambridge, who told me: “We are building systems that we cannot audit.”\n\n"
    "Anthropic has confirmed the delay. In its announcement, the firm noted that “no model will be "
    "released before it has been tested by outside experts.”"
)
"""An op-ed of the kind the tool is for, written for this test after the one issue 14 describes."""


def test_op_ed_entities_and_speakers(model_pipeline: LoadedPipeline) -> None:
    [analysis] = list(analyse_texts([OP_ED], pipeline=model_pipeline))
    ents = {(OP_ED[e.start : e.end], e.label) for e in analysis.entities}
    assert not {text for text, _ in ents} & {"AI", "n’t", "Pandora"}
    assert {
        ("Anthropic", "ORG"),
        ("DeepMind", "ORG"),
        ("Graphcore", "ORG"),
        ("Eleanor Shaw", "PERSON"),
    } <= ents
    shaw, firm = analysis.quotes
    assert shaw.speaker is not None and shaw.speaker.name == "Eleanor Shaw"
    assert firm.speaker is not None and firm.speaker.name == "Anthropic"
    assert OP_ED[firm.speaker.start : firm.speaker.end] == "the firm"
