"""Sentences and their check-worthiness: which sentences are worth a fact-checker's look.

The score is a transparent sum of cues, not a learned model, so the reasons shown
to the annotator are exactly what moved the score. Checkable facts carry numbers,
dates, names, comparisons and sources; hedges and first-person opinion make a
sentence less checkable.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy
from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_CURRENCY, LIKE_NUM, LOWER, TAG
from spacy.tokens import Doc

from annotator.core.model import ClaimCandidate
from annotator.nlp.lang.en.candidates import HEDGES as _HEDGES

MIN_WORDS = 4
BASE_SCORE = 0.2

WEIGHTS: dict[str, float] = {
    "number": 0.15,
    "percentage": 0.2,
    "money": 0.2,
    "date": 0.1,
    "named entity": 0.15,
    "comparison": 0.1,
    "reported speech": 0.1,
    "attribution": 0.1,
    "hedge": -0.15,
    "first-person opinion": -0.25,
}

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_DATELINE = re.compile(
    r"^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september|october|november|december),?\s+\d{4})"
    r"\s*$",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:I|we)\s+(?:think|believe|feel|guess|hope|suppose|reckon)\b|\bin my (?:view|opinion)\b|\bIMO\b"
    r"|\b(?:I|we)(?:'m| am| are)\s+(?:sure|convinced)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\baccording to\b|\b(?:said|says|told|reported|announced|stated|confirmed|wrote)\b", re.IGNORECASE
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer) than\b|\b(?:most|least|largest|biggest|highest|lowest|first|worst|best|record)\b",
    re.IGNORECASE,
)
_QUOTE_MARKS = frozenset('"“”«»')
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_NUMERIC = frozenset({"CARDINAL", "QUANTITY", "ORDINAL"})


def sentence_spans(doc: Doc, *, text: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans without surrounding white space, never crossing a blank line.

    The small English parser glues a dateline or heading onto the first sentence
    when only blank lines separate them; a paragraph break always ends a sentence, and so does
    the line break below a headline that stands on a line of its own (`_headline_line_end`) and
    below a subheading, a list item or any short line the next line cannot continue
    (`_short_lines`), and below a lead-in ending in a colon (`_lead_in_line_ends`).
    `text` is `doc.text` when the caller has it (see `score_sentences`).
    """
    if text is None:
        text = doc.text
    raw = (
        [(s.start_char, s.end_char) for s in doc.sents]
        if doc.has_annotation("SENT_START")
        else [(0, len(text))]
    )
    headline_end = _headline_line_end(text)
    line_ends = sorted(
        {end for _, end in _short_lines(text)}
        | set(_lead_in_line_ends(text))
        | ({headline_end} if headline_end is not None else set())
    )
    spans: list[tuple[int, int]] = []
    for start, end in raw:
        pos = start
        for line_end in line_ends[bisect.bisect_right(line_ends, start) : bisect.bisect_left(line_ends, end)]:
            spans.extend(_paragraphs(text, pos, line_end))
            pos = line_end
        spans.extend(_paragraphs(text, pos, end))
    return spans


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The trimmed pieces of text[start:end] between blank lines."""
    spans: list[tuple[int, int]] = []
    pos = start
    for match in _BLANK_LINE.finditer(text, start, end):
        spans.extend(_trimmed(text, pos, match.start()))
        pos = match.end()
    spans.extend(_trimmed(text, pos, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


_SENTENCE_ENDS = frozenset(".!?…:;\"'”’»)")


def _headline(text: str) -> tuple[int, int] | None:
    """The span of a headline heading the text: a first line with no sentence-ending mark,
    followed by more text (a plain-text file keeps its title there). The guidelines leave
    headlines out, so J does not stop on one."""
    start = len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    if line_end < 0 or not text[line_end:].strip():
        return None
    end = len(text[:line_end].rstrip())
    if end <= start or text[end - 1] in _SENTENCE_ENDS:
        return None
    return start, end


_HEADING_MAX_WORDS = 12
# A line ending so goes on below: a clause before a comma, a word hyphenated at the wrap.
_RUNS_ON = (",", "-", "‐", "–", "—")
# A list item or table row keeps its line, but is no heading: it may be a claim.
_LIST_ITEM = re.compile(r"(?:[-*+•–—|]|\d{1,3}[.)])\s")


def _short_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that end a sentence though they have no sentence-ending mark: a few
    words, then a line break and a line whose first word would have fitted on them.

    An imported HTML page puts each subheading (h2, h3) and list item on a line of its own,
    parted from the next paragraph by a single line break: the parser glued "Reactions" onto
    the sentence below, so J stopped on heading and sentence as one candidate, and a claim
    labelled there held the heading. A paragraph wrapped at a fixed width also has lines
    without a mark, but each is as long as the wrap allows: the next line's first word, had it
    fitted within the paragraph's longest line, would have been left on it.
    """
    found: list[tuple[int, int]] = []
    for lines, width in _blocks(text):
        for (start, end), (next_start, next_end) in itertools.pairwise(lines):
            line = text[start:end].lstrip()
            following = text[next_start:next_end].split(maxsplit=1)
            if (
                line
                and following
                and line[-1] not in _SENTENCE_ENDS
                and not line.endswith(_RUNS_ON)
                and len(line.split()) <= _HEADING_MAX_WORDS
                and end - start + 1 + len(following[0]) <= width
            ):
                found.append((end - len(line), end))
    return found


def _blocks(text: str) -> Iterator[tuple[list[tuple[int, int]], int]]:
    """The lines of each block of text between blank lines, as spans without trailing white
    space, with the length of the block's longest line: the width a wrapped paragraph was
    filled to, or more."""
    blank_lines = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    block_starts = [0, *(end for _, end in blank_lines)]
    block_ends = [*(start for start, _ in blank_lines), len(text)]
    for block_start, block_end in zip(block_starts, block_ends, strict=True):
        lines: list[tuple[int, int]] = []
        pos = block_start
        while pos <= block_end:
            line_end = text.find("\n", pos, block_end)
            line_end = block_end if line_end < 0 else line_end
            lines.append((pos, pos + len(text[pos:line_end].rstrip())))
            pos = line_end + 1
        yield lines, max(end - start for start, end in lines)


def _lead_in_line_ends(text: str) -> list[int]:
    """Where the lines end that introduce the line below with a colon, in text whose lines are
    not wrapped at a fixed width there: the line's end ends its sentence.

    An imported HTML page puts a lead-in and the paragraph it quotes each on a line, parted by a
    single line break ("Kamran writes:" above the blogger's words): the parser glued them into one
    sentence, so J stopped on lead-in and quotation as one candidate, and a claim labelled there
    held "Kamran writes:". A paragraph wrapped at a fixed width may break after a colon too, but
    only because the next word did not fit: the sentence goes on below. A colon inside a line
    never ends a sentence here.
    """
    found: list[int] = []
    for lines, width in _blocks(text):
        for (start, end), (next_start, next_end) in itertools.pairwise(lines):
            following = text[next_start:next_end].split(maxsplit=1)
            if (
                end > start
                and text[end - 1] == ":"
                and following
                and end - start + 1 + len(following[0]) <= width
            ):
                found.append(end)
    return found


def _headings(text: str) -> set[tuple[int, int]]:
    """Spans of the subheadings among `_short_lines`: the guidelines leave headings out, as they
    do the headline, so J does not stop on one; list items stay candidates."""
    return {(start, end) for start, end in _short_lines(text) if not _LIST_ITEM.match(text, start)}


def _headline_line_end(text: str) -> int | None:
    """Where the headline heading `text` ends when a single line break parts it from the first
    paragraph, and that line cannot be the first of a paragraph wrapped at a fixed width.

    An imported HTML page has its heading and paragraphs each on one line, with no blank line
    between: the parser glued "Harbour reopens after storm" onto the first sentence, so J
    stopped on headline and sentence as one candidate, and a claim labelled there held the
    headline. A plain-text file wrapped at 60 or 72 columns also has a first line without a
    sentence-ending mark, but the next line is not longer than it with its first word: had the
    word fitted, the wrap would have left it on the first line.
    """
    headline = _headline(text)
    if headline is None:
        return None
    start, end = headline
    line_end = text.find("\n", end)
    next_end = text.find("\n", line_end + 1)
    next_line = text[line_end + 1 : len(text) if next_end < 0 else next_end].strip()
    if not next_line:
        return None  # a blank line follows: a paragraph break, which ends a sentence anyway
    first_word = next_line.split(maxsplit=1)[0]
    return end if len(next_line) >= end - start + 1 + len(first_word) else None


def score_sentences(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    *,
    model: str = "",
    quotes: Iterable[tuple[int, int]] = (),
    text: str | None = None,
) -> list[ClaimCandidate]:
    """Score each sentence span of doc; datelines and fragments are skipped.

    `text` is `doc.text` when the caller has it: spaCy rebuilds it from a Python object per token
    on every read. The token cues are read once per document (`_TokenCues`), not once per
    sentence: walking each sentence's tokens and `Span.ents` (which walks all of the document's
    entities) was two thirds of the time the rules after the model took.
    """
    if text is None:
        text = doc.text
    quote_list = sorted(quotes)
    cues = _TokenCues(doc)
    candidates: list[ClaimCandidate] = []
    headline = _headline(text)
    headings = _headings(text)
    for start, end in spans:
        sentence = text[start:end]
        if _DATELINE.match(sentence) or (start, end) == headline or (start, end) in headings:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        first, last = span.start, span.end
        if cues.count(cues.words, first, last) < MIN_WORDS:
            continue
        reasons: list[str] = []
        labels = cues.labels_within(first, last)
        if labels & _NUMERIC or cues.count(cues.numbers, first, last):
            reasons.append("number")
        if "PERCENT" in labels or "%" in sentence or "per cent" in sentence or "percent" in sentence:
            reasons.append("percentage")
        if "MONEY" in labels or cues.count(cues.currency, first, last):
            reasons.append("money")
        if labels & {"DATE", "TIME"}:
            reasons.append("date")
        if labels & _NAMED:
            reasons.append("named entity")
        if cues.count(cues.comparisons, first, last) or _COMPARISON.search(sentence):
            reasons.append("comparison")
        if not _QUOTE_MARKS.isdisjoint(sentence) or any(qs < end and start < qe for qs, qe in quote_list):
            reasons.append("reported speech")
        if _ATTRIBUTION.search(sentence):
            reasons.append("attribution")
        if cues.count(cues.hedges, first, last):
            reasons.append("hedge")
        if _OPINION.search(sentence):
            reasons.append("first-person opinion")
        score = BASE_SCORE + sum(WEIGHTS[r] for r in reasons)
        score = round(min(1.0, max(0.0, score)), 3)
        candidates.append(ClaimCandidate(start, end, score, tuple(reasons), model=model))
    return candidates


_COMPARISON_TAGS = ("JJR", "JJS", "RBR", "RBS")


class _TokenCues:
    """Per-token cues of one document as running counts, so a sentence asks in O(1) how many of
    its tokens have one: words (alphabetic or number-like), numbers outside non-numeric
    entities, currency signs, comparative tags and hedges. Read from `Doc.to_array` (one pass in
    C, no `Token` objects), each cue the same test the rules state on `Token` attributes."""

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        columns = doc.to_array([IS_ALPHA, LIKE_NUM, IS_CURRENCY, ENT_TYPE, TAG, LOWER])
        alpha, like_num, currency, ent_type, tag, lower = (columns[:, i] for i in range(6))
        self.words = _running(alpha.astype(bool) | like_num.astype(bool))
        # `t.like_num for t in span if not t.ent_type_ or t.ent_type_ in _NUMERIC`
        numeric = [strings[label] for label in _NUMERIC]
        self.numbers = _running(like_num.astype(bool) & ((ent_type == 0) | numpy.isin(ent_type, numeric)))
        self.currency = _running(currency.astype(bool))
        self.comparisons = _running(numpy.isin(tag, [strings[t] for t in _COMPARISON_TAGS]))
        self.hedges = _running(numpy.isin(lower, [strings[w] for w in _HEDGES]))
        # `Span.ents`: the entities wholly inside the span's tokens.
        self._ents = [(e.start, e.end, e.label_) for e in doc.ents]
        self._starts = [start for start, _, _ in self._ents]

    @staticmethod
    def count(running: list[int], first: int, last: int) -> int:
        return running[last] - running[first]

    def labels_within(self, first: int, last: int) -> set[str]:
        labels: set[str] = set()
        for _start, end, label in self._ents[bisect.bisect_left(self._starts, first) :]:
            if end > last:
                break
            labels.add(label)
        return labels


def _running(flags: numpy.ndarray[Any, Any]) -> list[int]:
    """Counts of true flags before each position (one more entry than flags)."""
    return [0, *numpy.cumsum(flags, dtype="int64").tolist()]
