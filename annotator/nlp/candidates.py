"""Sentences and their check-worthiness: which sentences are worth a fact-checker's look.

The score is a transparent sum of cues, not a learned model, so the reasons shown
to the annotator are exactly what moved the score. Checkable facts carry numbers,
dates, names, comparisons and sources; hedges and first-person opinion make a
sentence less checkable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from annotator.core.model import ClaimCandidate

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
_HEDGES = frozenset(
    [
        "may",
        "might",
        "could",
        "perhaps",
        "possibly",
        "probably",
        "likely",
        "unlikely",
        "apparently",
        "reportedly",
        "allegedly",
        "seem",
        "seems",
        "seemed",
        "appear",
        "appears",
        "suggest",
        "suggests",
        "suggested",
    ]
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


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Sentence spans without surrounding white space, never crossing a blank line.

    The small English parser glues a dateline or heading onto the first sentence
    when only blank lines separate them; a paragraph break always ends a sentence.
    """
    text = doc.text
    raw = (
        [(s.start_char, s.end_char) for s in doc.sents]
        if doc.has_annotation("SENT_START")
        else [(0, len(text))]
    )
    spans: list[tuple[int, int]] = []
    for start, end in raw:
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


def score_sentences(
    doc: Doc, spans: Sequence[tuple[int, int]], *, model: str = "", quotes: Iterable[tuple[int, int]] = ()
) -> list[ClaimCandidate]:
    """Score each sentence span of doc; datelines and fragments are skipped."""
    text = doc.text
    quote_list = sorted(quotes)
    candidates: list[ClaimCandidate] = []
    for start, end in spans:
        sentence = text[start:end]
        if _DATELINE.match(sentence):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if t.is_alpha or t.like_num]
        if len(words) < MIN_WORDS:
            continue
        reasons: list[str] = []
        labels = {e.label_ for e in span.ents}
        if labels & _NUMERIC or any(t.like_num for t in span if not t.ent_type_ or t.ent_type_ in _NUMERIC):
            reasons.append("number")
        if "PERCENT" in labels or "%" in sentence or "per cent" in sentence or "percent" in sentence:
            reasons.append("percentage")
        if "MONEY" in labels or any(t.is_currency for t in span):
            reasons.append("money")
        if labels & {"DATE", "TIME"}:
            reasons.append("date")
        if labels & _NAMED:
            reasons.append("named entity")
        if any(t.tag_ in ("JJR", "JJS", "RBR", "RBS") for t in span) or _COMPARISON.search(sentence):
            reasons.append("comparison")
        if any(c in _QUOTE_MARKS for c in sentence) or any(qs < end and start < qe for qs, qe in quote_list):
            reasons.append("reported speech")
        if _ATTRIBUTION.search(sentence):
            reasons.append("attribution")
        if any(t.lower_ in _HEDGES for t in span):
            reasons.append("hedge")
        if _OPINION.search(sentence):
            reasons.append("first-person opinion")
        score = BASE_SCORE + sum(WEIGHTS[r] for r in reasons)
        score = round(min(1.0, max(0.0, score)), 3)
        candidates.append(ClaimCandidate(start, end, score, tuple(reasons), model=model))
    return candidates
