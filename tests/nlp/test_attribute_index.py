"""The indexed attribute ruler finds exactly the matches spaCy's own finds, so every tag, part of
speech, feature and lemma it sets is the same (`annotator.nlp.attribute_index`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang.en import English
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab, create_vocab

from annotator.nlp import LoadedPipeline
from annotator.nlp.attribute_index import IndexedAttributeRuler, index_attribute_rulers

DATA = Path(__file__).resolve().parents[1] / "data"

WORDS = ["it", "It", "is", "'s", "n't", "gon", "na", "dog", " ", "\n"]
TAGS = ["NN", "VBZ", "RB", "PRP", "_SP", ""]
DEPS = ["nsubj", "ROOT", "aux", "dobj", ""]


def _vocab() -> Vocab:
    """A new English vocab, with English lexical attributes (a bare Vocab has no LOWER): the one
    `spacy.blank("en")` makes, without the tokenizer it builds besides (most of a second, which
    was nearly all of the random patterns' run)."""
    return create_vocab("en", English.Defaults)


def _pair(patterns: list[dict[str, Any]], vocab: Vocab) -> tuple[AttributeRuler, IndexedAttributeRuler]:
    stock = AttributeRuler(vocab)
    indexed = IndexedAttributeRuler(vocab)
    stock.add_patterns(patterns)
    indexed.add_patterns(patterns)
    return stock, indexed


def _doc(vocab: Vocab, rows: list[tuple[str, str, str]]) -> Doc:
    words = [w for w, _, _ in rows]
    tags = [t for _, t, _ in rows]
    deps = [d for _, _, d in rows]
    # Every token its own head: the parse's shape is not what the ruler reads, its labels are.
    return Doc(vocab, words=words, tags=tags, deps=deps, heads=list(range(len(rows))))


PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"LOWER": "it", "DEP": {"IN": ["dobj", "pobj"]}}]], "attrs": {"MORPH": "Case=Acc"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["RB", ""]}, "DEP": {"IN": ["aux"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    # Two alternatives of one number matching the same token count once, as in the Matcher.
    {"patterns": [[{"LOWER": "dog"}], [{"ORTH": "dog"}]], "attrs": {"LEMMA": "hound"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"POS": "PART"}},
    {"patterns": [[{"TEXT": "It"}]], "attrs": {"POS": "PRON"}},
]


def test_the_matches_are_the_stock_rulers_for_every_kind_of_pattern() -> None:
    vocab = _vocab()
    stock, indexed = _pair(PATTERNS, vocab)
    doc = _doc(
        vocab,
        [("It", "PRP", "nsubj"), ("is", "VBZ", "ROOT"), ("n't", "RB", "aux"), ("it", "PRP", "dobj"),
         ("'s", "VBZ", "aux"), (" ", "_SP", ""), ("dog", "NN", "dobj"), ("gon", "VBG", "aux"),
         ("na", "TO", "aux")],
    )  # fmt: skip
    expected = stock.match(doc)
    assert len(expected) > 10  # every pattern above has something to match
    assert indexed.match(doc) == expected


def test_a_pattern_added_after_the_first_document_is_matched() -> None:
    vocab = _vocab()
    stock, indexed = _pair(PATTERNS[:1], vocab)
    doc = _doc(vocab, [("dog", "NN", "ROOT"), ("is", "VBZ", "aux")])
    assert indexed.match(doc) == stock.match(doc)
    for ruler in (stock, indexed):
        ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert indexed.match(doc) == stock.match(doc)
    assert any(number == 1 for number, *_ in indexed.match(doc))


_words = st.sampled_from(WORDS + TAGS + DEPS)
_text_value = st.one_of(
    _words,
    st.builds(lambda xs: {"IN": xs}, st.lists(_words, max_size=3)),
    st.builds(lambda xs: {"NOT_IN": xs}, st.lists(_words, max_size=3)),
    st.builds(lambda w: {"REGEX": f"^{w[:1]}"}, _words),
)
_conditions = st.fixed_dictionaries(
    {},
    optional={
        "LOWER": _text_value,
        "ORTH": _text_value,
        "TAG": _text_value,
        "DEP": _text_value,
        "IS_SPACE": st.booleans(),
    },
).filter(bool)
_patterns = st.lists(
    st.builds(
        lambda alternatives: {"patterns": alternatives, "attrs": {"POS": "X"}},
        st.lists(st.lists(_conditions, min_size=1, max_size=2), min_size=1, max_size=2),
    ),
    min_size=1,
    max_size=8,
)
_tokens = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)), min_size=1, max_size=12
)


# 100 examples in every run; 300 took a minute of the two cores CI has when each built a blank
# English pipeline for its vocab.
@settings(max_examples=100, deadline=None)
@given(patterns=_patterns, rows=_tokens)
def test_random_patterns_match_as_spacys_own_ruler(patterns: list[dict[str, Any]], rows: list[Any]) -> None:
    vocab = _vocab()
    stock, indexed = _pair(patterns, vocab)
    doc = _doc(vocab, rows)
    assert indexed.match(doc) == stock.match(doc)


def test_only_the_stock_ruler_is_replaced_and_keeps_its_name_place_and_patterns() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add_patterns(PATTERNS)
    index_attribute_rulers(nlp)
    assert nlp.pipe_names == ["sentencizer", "attribute_ruler"]
    replaced = nlp.get_pipe("attribute_ruler")
    assert type(replaced) is IndexedAttributeRuler
    assert replaced.patterns == ruler.patterns
    index_attribute_rulers(nlp)  # a second call finds nothing stock to replace
    assert nlp.get_pipe("attribute_ruler") is replaced


@pytest.mark.model
def test_the_models_ruler_sets_what_spacys_own_sets_on_real_articles(model_pipeline: LoadedPipeline) -> None:
    nlp = model_pipeline.nlp
    indexed = nlp.get_pipe("attribute_ruler")
    assert type(indexed) is IndexedAttributeRuler  # the pipeline loaded for pre-annotation uses it
    stock = AttributeRuler(nlp.vocab)
    stock.add_patterns(indexed.patterns)
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "wikinews").glob("*.txt"))]
    lines = (DATA / "formats" / "wikinews-20.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(line)["text"] for line in lines]
    texts.append(
        "I'm gonna say y'all ain't seen nothin'. Let's go; c'mon!  There is a dog.\r\n\r\nIt's 🙂 東京."
    )
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        copy = doc.copy()
        stock(doc)
        indexed(copy)
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in copy] == [
            (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc
        ]
