"""Hypothesis strategies for round trips: texts with emoji, CJK, combining marks, RTL and CRLF."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import assume
from hypothesis import strategies as st

from annotator.core.model import ClaimLabel, EntityStatus, QuoteKind
from annotator.core.text import strip_span

PIECES = [
    "The", "minister", "said", "taxes", "fell", "5%", ".", ",", "“quoted”", "'single'", "—", "…",
    "🎉", "👩‍👩‍👧", "🇺🇦", "中文", "東京都", "한국어", "é", "e\u0301", "n\u0303o", "العربية", "עברית",
    "\u200f", "\u200d", "\xa0", "Москва", "नमस्ते", "\t", "\u2028",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "\n", "\n\n\n", "  "]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    annotator: str = ""
    note: str = ""
    status: str = ""


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation with an optional speaker span (start, end, name)."""

    start: int
    end: int
    kind: str
    speaker: tuple[int, int, str] | None = None


@dataclass(frozen=True)
class Doc:
    """A normalised text with spans over it; `crlf` says whether its file writes line breaks as CRLF."""

    text: str
    claims: tuple[Span, ...]
    entities: tuple[Span, ...]
    crlf: bool
    quotes: tuple[QuoteSpan, ...] = ()

    def raw(self) -> str:
        return self.text.replace("\n", "\r\n") if self.crlf else self.text

    def raw_offset(self, offset: int) -> int:
        return offset + self.text.count("\n", 0, offset) if self.crlf else offset


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps, strict=True)).strip(" \n")
    # An article of white space and invisible marks alone (a lone U+200F) is refused as empty.
    kept_start, kept_end = strip_span(text, 0, len(text))
    return text if kept_start < kept_end else "x"


@st.composite
def spans(draw: st.DrawFn, text: str, *, entity: bool) -> Span:
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    if entity:
        label = draw(st.sampled_from(["PERSON", "ORG", "GPE", "DATE", "MONEY"]))
        status = draw(st.sampled_from([s.value for s in EntityStatus]))
        return Span(start, end, label, status=status)
    # A claim holds words: one of white space alone is refused on import (`_blank`).
    kept_start, kept_end = strip_span(text, start, end)
    assume(kept_start < kept_end)
    label = draw(st.sampled_from([label.value for label in ClaimLabel]))
    annotator = draw(st.sampled_from(["ann", "bo", "ünï 😀", "gold"]))
    note = draw(st.sampled_from(["", "why?", "line\nbreak", "“quote”"]))
    return Span(start, end, label, annotator=annotator, note=note)


@st.composite
def quote_spans(draw: st.DrawFn, text: str) -> QuoteSpan:
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    kind = draw(st.sampled_from([k.value for k in QuoteKind]))
    speaker = None
    if draw(st.booleans()):
        s_start = draw(st.integers(0, len(text) - 1))
        s_end = draw(st.integers(s_start + 1, len(text)))
        # Not blank: a speaker without a name is named by its words when read
        # (`test_a_speaker_given_without_a_name_is_named_by_its_words`).
        speaker = (s_start, s_end, draw(st.sampled_from(["Ana Díaz", "李 😀", "x\ny"])))
    return QuoteSpan(start, end, kind, speaker)


@st.composite
def docs(draw: st.DrawFn) -> Doc:
    text = draw(texts())
    claims = draw(
        st.lists(
            # One label per span and person: a second is refused on import (`_first_of_its_span`).
            spans(text, entity=False),
            max_size=4,
            unique_by=lambda s: (s.start, s.end, s.annotator),
        )
    )
    entities = draw(
        st.lists(spans(text, entity=True), max_size=3, unique_by=lambda s: (s.start, s.end, s.label))
    )
    # One quotation per span: another given at the same span is refused on import (`add_quote`).
    quotes = draw(st.lists(quote_spans(text), max_size=3, unique_by=lambda q: (q.start, q.end)))
    return Doc(
        text=text,
        claims=tuple(claims),
        entities=tuple(entities),
        crlf=draw(st.booleans()),
        quotes=tuple(quotes),
    )


def corpora(max_size: int = 5) -> st.SearchStrategy[list[Doc]]:
    return st.lists(docs(), min_size=1, max_size=max_size, unique_by=lambda d: d.text)
