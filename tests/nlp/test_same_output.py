"""The faster paths of pre-annotation give exactly what the plain ones gave, on real articles.

`benchmarks/golden_nlp.py` proves it on the benchmark's 200 articles (every analysis and every
stored row, digest for digest, against the code before); these tests keep it true on the 23
Wikinews articles in tests/data: claim candidates read from per-document token cues against the
per-sentence reading they replaced, and the tokens read from the pipeline's own `Doc` against
the export tokenizer's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from annotator.core.model import ArticleDraft, ClaimCandidate
from annotator.nlp import LoadedPipeline, analyse_doc, analyse_texts, tokenize, tokenizer_name
from annotator.nlp import candidates as rules
from annotator.nlp.analyse import _batches, analyse_texts_with_tokens
from annotator.nlp.pipeline import fallback_nlp
from annotator.nlp.quotes import find_quotes
from annotator.nlp.tokenizer import splits_like_export
from annotator.services import preannotate as service
from annotator.services.project import open_project

DATA = Path(__file__).resolve().parents[1] / "data"


def _articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "wikinews").glob("*.txt"))]
    lines = (DATA / "formats" / "wikinews-20.jsonl").read_text(encoding="utf-8").splitlines()
    return texts + [json.loads(line)["text"] for line in lines]


def _per_sentence(
    doc: Doc, spans: Sequence[tuple[int, int]], quotes: Iterable[tuple[int, int]]
) -> list[ClaimCandidate]:
    """`score_sentences` as it was: every cue read from the sentence's own tokens and `Span.ents`."""
    text = doc.text
    quote_list = sorted(quotes)
    found: list[ClaimCandidate] = []
    headline = rules._headline(text)
    for start, end in spans:
        sentence = text[start:end]
        if rules._DATELINE.match(sentence) or (start, end) == headline:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if len([t for t in span if t.is_alpha or t.like_num]) < rules.MIN_WORDS:
            continue
        reasons: list[str] = []
        labels = {e.label_ for e in span.ents}
        numeric = rules._NUMERIC
        if labels & numeric or any(t.like_num for t in span if not t.ent_type_ or t.ent_type_ in numeric):
            reasons.append("number")
        if "PERCENT" in labels or "%" in sentence or "per cent" in sentence or "percent" in sentence:
            reasons.append("percentage")
        if "MONEY" in labels or any(t.is_currency for t in span):
            reasons.append("money")
        if labels & {"DATE", "TIME"}:
            reasons.append("date")
        if labels & rules._NAMED:
            reasons.append("named entity")
        if any(t.tag_ in ("JJR", "JJS", "RBR", "RBS") for t in span) or rules._COMPARISON.search(sentence):
            reasons.append("comparison")
        if any(c in rules._QUOTE_MARKS for c in sentence) or any(
            qs < end and start < qe for qs, qe in quote_list
        ):
            reasons.append("reported speech")
        if rules._ATTRIBUTION.search(sentence):
            reasons.append("attribution")
        if any(t.lower_ in rules._HEDGES for t in span):
            reasons.append("hedge")
        if rules._OPINION.search(sentence):
            reasons.append("first-person opinion")
        score = round(min(1.0, max(0.0, rules.BASE_SCORE + sum(rules.WEIGHTS[r] for r in reasons))), 3)
        found.append(ClaimCandidate(start, end, score, tuple(reasons), model="m"))
    return found


def _both(doc: Doc) -> tuple[list[ClaimCandidate], list[ClaimCandidate]]:
    spans = rules.sentence_spans(doc)
    quotes = [(q.start, q.end) for q in find_quotes(doc.text)]
    return rules.score_sentences(doc, spans, model="m", quotes=quotes), _per_sentence(doc, spans, quotes)


@pytest.mark.model
def test_candidates_are_those_of_the_per_sentence_reading(model_pipeline: LoadedPipeline) -> None:
    texts = _articles()
    reasons: set[str] = set()
    for doc in model_pipeline.nlp.pipe(texts):
        fast, plain = _both(doc)
        assert fast == plain
        reasons.update(r for c in fast for r in c.reasons)
    assert reasons == set(rules.WEIGHTS)  # every cue was exercised, comparisons by tag included


_WORDS = ["Prices", "rose", "12", "%", "$", "5", "million", "more", "than", "may", "I", "think",
          "said", "Paris", "Monday", "“", "”", "\n\n", ".", ",", "twelve", "MIGHT", "the"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_candidates_match_on_any_text(rules_pipeline: LoadedPipeline, words: list[str]) -> None:
    fast, plain = _both(rules_pipeline.nlp(" ".join(words)))
    assert fast == plain


@pytest.mark.model
def test_analyses_come_with_the_export_tokenizers_tokens(model_pipeline: LoadedPipeline) -> None:
    texts = _articles()[:8]
    assert splits_like_export(model_pipeline.nlp.tokenizer)
    paired = list(analyse_texts_with_tokens(texts, pipeline=model_pipeline, batch_size=3, batch_chars=6000))
    # The plain path: texts straight into `nlp.pipe`, each text read back from its `Doc`.
    plain = [analyse_doc(doc, model_pipeline.info) for doc in model_pipeline.nlp.pipe(texts, batch_size=3)]
    assert [a for a, _ in paired] == plain
    assert list(analyse_texts(texts, pipeline=model_pipeline, batch_size=3)) == plain
    assert [t for _, t in paired] == [tokenize(text) for text in texts]


def test_batches_keep_order_and_bound_texts_and_characters() -> None:
    texts = ["a" * 5, "b" * 5, "c" * 20, "d" * 3, "e" * 3, "f" * 3, "g"]
    assert list(_batches(texts, size=2, chars=12)) == [
        ["a" * 5, "b" * 5],
        ["c" * 20],  # longer than the cap: alone
        ["d" * 3, "e" * 3],
        ["f" * 3, "g"],
    ]
    assert list(_batches(texts, size=32, chars=10)) == [
        ["a" * 5, "b" * 5],
        ["c" * 20],
        ["d" * 3, "e" * 3, "f" * 3, "g"],
    ]
    assert list(_batches([], size=4, chars=10)) == []


def test_a_pipeline_that_splits_otherwise_gives_no_tokens(rules_pipeline: LoadedPipeline) -> None:
    nlp = fallback_nlp()
    nlp.tokenizer.add_special_case("cannot", [{"ORTH": "cannot"}])  # the export splits "can" "not"
    other = LoadedPipeline(nlp, rules_pipeline.info)
    assert not splits_like_export(nlp.tokenizer)
    [(analysis, tokens)] = analyse_texts_with_tokens(["We cannot say."], pipeline=other)
    assert tokens is None and analysis.sentences == ((0, 14),)


@pytest.mark.model
def test_preannotate_tokenizes_no_text_the_pipeline_already_split(
    model_pipeline: LoadedPipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _articles()[:4]
    tokenized: list[str] = []
    real = service.tokenize_texts

    def counting(items: Iterable[str]) -> Iterable[object]:
        items = list(items)
        tokenized.extend(items)
        return real(items)

    monkeypatch.setattr(service, "tokenize_texts", counting)
    with open_project(tmp_path / "p.annotator") as project:
        project.import_drafts([ArticleDraft(text=t) for t in texts])
        report = service.preannotate(project, pipeline=model_pipeline, batch_size=2)
        assert report.analysed == 4 and tokenized == []
        stored = {a.article.text: a.tokens for a in project.iter_annotated(tokenizer=tokenizer_name())}
    assert stored == {text: tokenize(text) for text in texts}
