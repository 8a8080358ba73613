"""Withholding from the suggestions the ORGs the recogniser itself was unsure of (`annotator.nlp.confidence`).

The rule (a name's mentions share their mean confidence; evidence from the article and the
ruler's names are kept) is tested on a hand-built parse with hand-set confidences; the
confidence itself needs the model, so one test runs it on a sentence of a test article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import Doc

from annotator.nlp import LoadedPipeline, analyse_texts, confidence
from annotator.nlp.confidence import (
    DOUBTFUL,
    SCORER,
    WITHHOLDER,
    keep_confident,
    org_confidence,
    org_confidences,
    shown_entities,
)
from annotator.nlp.entities import COMPONENT, RULER

from .parses import parsed

DATA = Path(__file__).resolve().parents[1] / "data"


def _doc() -> Doc:
    text = "Magellanic penguins met Anthropic. Magellanic staff and Graphcore agreed."
    return parsed(
        text,
        """
        Magellanic 1 compound PROPN
        penguins 2 nsubj NOUN
        met 2 ROOT VERB meet
        Anthropic 2 dobj PROPN
        . 2 punct PUNCT
        Magellanic 6 compound PROPN
        staff 9 nsubj NOUN
        and 6 cc CCONJ
        Graphcore 6 conj PROPN
        agreed 9 ROOT VERB agree
        . 9 punct PUNCT
        """,
        split_at_full_stops=True,
        ORG=["Magellanic@0", "Anthropic", "Magellanic@1", "Graphcore"],
    )


def test_a_doubtful_name_is_withheld_in_every_mention_and_a_confident_one_kept() -> None:
    doc = _doc()
    # Magellanic: 0.45 and 0.52, mean 0.485 < 0.5; Anthropic confident; Graphcore was made by a
    # rule (no confidence of its own) and stays.
    confidence = {(0, 1, "ORG"): 0.45, (3, 4, "ORG"): 0.97, (5, 6, "ORG"): 0.52}
    kept = keep_confident(list(doc.ents), confidence, 0.5)
    assert [(e.text, e.label_) for e in kept] == [("Anthropic", "ORG"), ("Graphcore", "ORG")]
    # One confident mention lifts the name's mean over the threshold: all of it is kept.
    confidence[(5, 6, "ORG")] = 0.9
    kept = keep_confident(list(doc.ents), confidence, 0.5)
    assert [e.text for e in kept] == ["Magellanic", "Anthropic", "Magellanic", "Graphcore"]


def test_a_name_the_article_calls_an_organisation_is_kept_however_unsure() -> None:
    doc = _doc()
    confidence = {(0, 1, "ORG"): 0.1, (5, 6, "ORG"): 0.1, (8, 9, "ORG"): 0.2}
    kept = keep_confident(list(doc.ents), confidence, 0.5, evidence={"Graphcore"})
    assert [e.text for e in kept] == ["Anthropic", "Graphcore"]


@pytest.mark.model
def test_the_model_is_unsure_of_a_species_adjective_and_sure_of_a_university(
    model_pipeline: LoadedPipeline,
) -> None:
    # From the Magellanic penguin article in tests/data/formats/wikinews-20.jsonl: the small
    # model types the adjective "Magellanic" ORG, with less than an even chance of its own moves.
    nlp = model_pipeline.nlp
    text = (
        "In findings published earlier this month in Ecological Applications, scientists from the "
        "University of Washington and Center for Ecosystem Sentinels examine the reason for the "
        "plummeting numbers of female Magellanic penguins, Spheniscus magellanicus, that have been "
        "reported at the birds' breeding sites in South America over the past twenty years and more."
    )
    with nlp.select_pipes(disable=[SCORER, COMPONENT, WITHHOLDER]):
        raw = nlp(text)
    scores = {
        raw[s:e].text: v
        for (s, e, _), v in org_confidence(raw, nlp.get_pipe("ner"), nlp.get_pipe(RULER)).items()
    }
    assert scores["Magellanic"] < 0.5 < scores["the University of Washington"]
    doc = nlp(text)
    shown = [(e.text, e.label_) for e in shown_entities(doc)]
    assert ("Magellanic", "ORG") not in shown
    assert ("the University of Washington", "ORG") in shown
    # Withheld from the suggestions only: the speaker rules still see the name.
    assert [(e.text, e.label_) for e in doc.spans[DOUBTFUL]] == [("Magellanic", "ORG")]
    assert ("Magellanic", "ORG") in [(e.text, e.label_) for e in doc.ents]
    assert not doc.user_data  # the components leave nothing behind on the doc
    (analysis,) = analyse_texts([text], pipeline=model_pipeline)
    assert "Magellanic" not in [text[e.start : e.end] for e in analysis.entities]


@pytest.mark.model
def test_scorer_sits_after_the_recogniser_and_the_withholder_after_the_fixes(
    model_pipeline: LoadedPipeline, rules_pipeline: LoadedPipeline
) -> None:
    names = model_pipeline.nlp.pipe_names
    assert names.index(SCORER) == names.index("ner") + 1
    assert names.index(WITHHOLDER) == names.index(COMPONENT) + 1
    assert SCORER not in rules_pipeline.nlp.pipe_names  # nothing to score without a recogniser


@pytest.mark.model
def test_a_window_of_four_tokens_each_side_scores_as_the_whole_sentence(
    model_pipeline: LoadedPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The recogniser's token vectors see 4 tokens each way; with 3 the scores change.
    nlp = model_pipeline.nlp
    lines = (DATA / "formats" / "wikinews-20.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines[:6]]
    with nlp.select_pipes(disable=[SCORER, COMPONENT, WITHHOLDER]):
        docs = list(nlp.pipe(texts))
    every = frozenset({"ORG", "PERSON", "GPE"})

    def scores() -> list[dict[tuple[int, int, str], float]]:
        return org_confidences(docs, nlp.get_pipe("ner"), nlp.get_pipe(RULER), every)

    windowed = scores()
    monkeypatch.setattr(confidence, "_MARGIN", 10_000)  # every window is its whole sentence
    assert scores() == windowed
    assert sum(len(found) for found in windowed) > 50
    monkeypatch.setattr(confidence, "_MARGIN", 3)
    assert scores() != windowed


@pytest.mark.model
def test_a_recogniser_that_cannot_be_scored_still_pre_annotates_with_every_org_kept(
    model_pipeline: LoadedPipeline, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def internals_changed(*args: object, **kwargs: object) -> None:
        raise AttributeError("'TransitionSystem' object has no attribute 'init_batch'")

    monkeypatch.setattr(confidence, "org_confidences", internals_changed)
    doc = model_pipeline.nlp("Graphcore and Snorkelware signed a deal with the Omsk Institute on Monday.")
    assert list(doc.spans[DOUBTFUL]) == []
    assert shown_entities(doc) == list(doc.ents)
    assert "ORG confidence unavailable" in caplog.text
