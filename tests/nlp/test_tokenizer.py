"""The export tokenizer is `spacy.blank("en")`'s, built without the blank pipeline around it.

Stored tokens and every Prodigy export depend on it splitting text exactly as before, so it
is compared with the blank pipeline's own tokenizer setting by setting, then token by token
on the real articles in tests/data and on hostile text.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import LENGTH, SPACY

from annotator.core.tokens import TokenSpans
from annotator.nlp.tokenizer import _tokenizer, tokenize, tokenize_texts

DATA = Path(__file__).resolve().parents[1] / "data"


@lru_cache(maxsize=1)
def _blank() -> Any:
    return spacy.blank("en").tokenizer


@pytest.fixture
def reference() -> Any:
    return _blank()


def _pattern(search: Any) -> str | None:
    """The regular expression behind a bound `search`, `match` or `finditer`."""
    return None if search is None else search.__self__.pattern


def test_same_settings_as_the_blank_pipelines_tokenizer(reference: Any) -> None:
    ours = _tokenizer()
    assert ours.rules == reference.rules
    for attribute in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        assert _pattern(getattr(ours, attribute)) == _pattern(getattr(reference, attribute)), attribute
    assert ours.faster_heuristics == reference.faster_heuristics


def _reference_spans(reference: Any, text: str) -> tuple[list[int], list[int]]:
    lengths, spaced = reference(text).to_array([LENGTH, SPACY]).reshape(-1, 2).T.tolist()
    return lengths, spaced


def _ours(spans: TokenSpans) -> tuple[list[int], list[int]]:
    return [e - s for s, e in zip(spans.starts, spans.ends, strict=True)], [int(s) for s in spans.spaced]


def _texts() -> list[tuple[str, str]]:
    """Every article text in tests/data: Wikinews (txt, jsonl), NewsSD rows, raw HTML pages (CRLF)."""
    found: list[tuple[str, str]] = []
    for path in sorted(DATA.rglob("*")):
        if path.suffix in {".txt", ".html", ".csv"}:
            found.append((str(path), path.read_bytes().decode("utf-8", "replace")))
        elif path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text("utf-8").splitlines()):
                row = json.loads(line) if line.strip() else {}
                if isinstance(row, dict) and isinstance(row.get("text"), str):
                    found.append((f"{path}:{n + 1}", row["text"]))
    return found


def test_same_tokens_as_the_blank_pipeline_on_every_test_article(reference: Any) -> None:
    texts = _texts()
    assert len(texts) > 30  # Wikinews articles, HTML pages, news sentences
    for (where, text), spans in zip(texts, tokenize_texts(t for _, t in texts), strict=True):
        assert _ours(spans) == _reference_spans(reference, text), where


# What English tokenizer rules react to: contractions and abbreviations (special cases),
# URLs and e-mail addresses (url_match, token_match), units after numbers (suffixes),
# hyphens, dots and quotes between letters (infixes), emoji, CJK, combining marks, CRLF.
PIECES = [
    "don't",
    "Don't",
    "can't",
    "y'all",
    "'s",
    "’s",
    "U.S.",
    "e.g.",
    "Mr.",
    "a.m.",
    "Jan.",
    "o.O",
    ":)",
    "<3",
    "https://en.wikinews.org/wiki/A_(b)?x=1&y=2",
    "www.example.com/x.",
    "mail@example.org",
    "10km",
    "5.3%",
    "$20",
    "1,000",
    "3-4",
    "well-known",
    "end.Start",
    "(",
    ")",
    '"',
    "“",
    "”",
    "—",
    "…",
    "...",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "漢字",
    "東京都",
    "é",
    "e\u0301",
    "\u200d",
    "\u00a0",
    "\r\n",
    "\n\n\n",
    "\t",
    " ",
    "  ",
    "word",
    "Word",
    ",",
    ".",
    "?!",
]
HOSTILE = st.lists(
    st.sampled_from(PIECES) | st.text(st.characters(exclude_categories=("Cs",)), max_size=6), max_size=25
).map("".join)


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_same_tokens_as_the_blank_pipeline_on_hostile_text(text: str) -> None:
    assert _ours(tokenize(text)) == _reference_spans(_blank(), text)
