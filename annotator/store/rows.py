"""What a row of each table may hold: the rules of `core.validate`, applied per table.

A project file with exactly the app's schema can still hold rows the app never writes:
whoever made it could turn off CHECK constraints (`PRAGMA ignore_check_constraints`) and
foreign keys, or use SQLite's flexible typing (a float offset, a BLOB text, a label
outside the three). Merge checks every row it copies from another file with these rules,
and the store checks every row it reads from its own file with the same ones, so a row
merge would refuse is never one the window or an export shows.

Each rule raises `InvalidValue` with a reason that reads after "table row N: ". Span
rules take the length of the article's text (None when the row's article is missing or
holds no text, which refuses the row). Enumerations come from `core.model`, so a new
label, status or quotation kind needs no edit here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from annotator.core.limits import MAX_ENTITY_LABEL_CHARS
from annotator.core.model import GOLD_ANNOTATOR, ArticleStatus, EntityStatus, QuoteKind
from annotator.core.settings import annotator_name, annotator_name_problem
from annotator.core.text import content_hash, normalize_text
from annotator.core.validate import (
    MAX_META_CHARS,
    MAX_TEXT_CHARS,
    InvalidValue,
    check_json,
    check_label,
    check_meta,
    check_number,
    check_span,
    check_text,
)

ARTICLE_STATUSES = frozenset(s.value for s in ArticleStatus)
ENTITY_STATUSES = frozenset(s.value for s in EntityStatus)
QUOTE_KINDS = frozenset(k.value for k in QuoteKind)
MISSED_QUOTE = "missed"
"""`suggested_kind` of a quotation the finder missed and a person added."""
SUGGESTED_QUOTE_KINDS = QUOTE_KINDS | {MISSED_QUOTE}

MAX_JSON_CHARS = MAX_META_CHARS
"""A model's labels, evaluation and info, a candidate's reasons, a suggestion's scores."""

MAX_PAYLOAD_CHARS = 64 * 1024 * 1024
"""A cached analysis (merge bounds every row it reads to this many bytes too)."""


def one_of(value: object, allowed: frozenset[str], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise InvalidValue(f"{what} {value!r:.40} is not one of {', '.join(sorted(allowed))}")
    return value


def _span(start: object, end: object, length: int | None, what: str) -> tuple[int, int]:
    if length is None:
        raise InvalidValue("belongs to an article the project does not hold (or one without text)")
    return check_span(start, end, length, what)


def check_article(
    *,
    text: object,
    digest: object,
    title: object,
    source: object,
    meta: object,
    status: object,
    origin: object,
    encoding: object,
    created_at: object,
    updated_at: object = "",
) -> dict[str, Any]:
    """An article row; returns its parsed metadata. The hash is recomputed from the text.

    A blank text is allowed: the store's own import takes any text a script gives it.
    """
    text = check_text(text, "text", max_chars=MAX_TEXT_CHARS)
    if normalize_text(text) != text:
        raise InvalidValue("text has a byte order mark or CR line ends, which no project stores")
    if digest != content_hash(text):
        raise InvalidValue("content_hash is not the hash of its text (a forged hash)")
    for value, what in (
        (title, "title"),
        (source, "source"),
        (origin, "origin"),
        (encoding, "encoding"),
        (created_at, "created_at"),
        (updated_at, "updated_at"),
    ):
        check_text(value, what)
    one_of(status, ARTICLE_STATUSES, "status")
    return check_meta(meta)


def check_summary(*, title: object, source: object, status: object) -> None:
    """What the article list shows of an article (its text is checked when it is read)."""
    check_text(title, "title")
    check_text(source, "source")
    one_of(status, ARTICLE_STATUSES, "status")


def check_claim(
    *,
    start: object,
    end: object,
    length: int | None,
    label: object,
    annotator: object,
    note: object,
    created_at: object,
    updated_at: object,
    decided_by: object = "",
    annotators: frozenset[str] | set[str] | None = None,
) -> None:
    """A claim row; with `annotators`, its annotator must be one of them (the foreign key)."""
    _span(start, end, length, "claim")
    check_text(annotator, "annotator", empty=False)
    if annotators is not None and annotator not in annotators:
        raise InvalidValue(f"annotator {annotator!r:.40} is not one of the project's annotators")
    check_label(label)
    check_text(note, "note")
    check_text(decided_by, "decided_by")
    check_text(created_at, "created_at")
    check_text(updated_at, "updated_at")


def check_label_check(
    *, start: object, end: object, length: int | None, annotator: object, label: object, confidence: object
) -> None:
    """A `label_checks` row: the label a model suggested where a person made a claim."""
    _span(start, end, length, "label check")
    check_text(annotator, "annotator", empty=False)
    check_label(label)
    if not 0 <= check_number(confidence, "confidence") <= 1:
        raise InvalidValue(f"confidence {confidence!r} is not between 0 and 1")


_PASSED_LIMIT = 4096
"""How many distinct values each of the memos below keeps (a crafted file cannot grow them)."""
_passed_entity_values: set[tuple[object, object, object]] = set()
_passed_reasons: dict[tuple[object, object], tuple[str, ...]] = {}


def check_entity(
    *, start: object, end: object, length: int | None, label: object, status: object, model: object
) -> None:
    _span(start, end, length, "entity")
    # The checks of label, status and model depend on those values alone, and a 1 MB article's
    # 16,000 entities have a dozen of them: checked once per value, not once per row (opening
    # the article reads its entities twice, 0.1 s each). Only values that passed are kept.
    values = (label, status, model)
    if values in _passed_entity_values:
        return
    check_text(label, "entity label", max_chars=MAX_ENTITY_LABEL_CHARS, empty=False)
    one_of(status, ENTITY_STATUSES, "entity status")
    check_text(model, "model")
    if len(_passed_entity_values) < _PASSED_LIMIT:
        _passed_entity_values.add(values)


def entity_rows_passing(rows: Sequence[Sequence[Any]], length: int | None) -> list[bool]:
    """For each row laid out as the entities table is read (article_id, start, end, label,
    status, id, model), whether `check_entity` passes it by plain comparisons alone; a False
    row still needs `check_entity` itself, which says what is wrong or remembers new values.

    One pass over a 1 MB article's 16,000 rows without a call per row: `check_entity`'s
    keyword call and its span check were most of the 80 ms each read of them took.
    """
    if length is None:
        return [False] * len(rows)
    passed = _passed_entity_values
    return [
        type(row[1]) is int
        and type(row[2]) is int
        and 0 <= row[1] < row[2] <= length
        and (row[3], row[4], row[6]) in passed
        for row in rows
    ]


def check_quote(
    *,
    start: object,
    end: object,
    length: int | None,
    kind: object,
    speaker_start: object,
    speaker_end: object,
    speaker_name: object,
    model: object,
    suggested_kind: object = None,
    suggested_speaker: object = None,
) -> None:
    _span(start, end, length, "quote")
    one_of(kind, QUOTE_KINDS, "quote kind")
    if speaker_start is not None or speaker_end is not None:
        _span(speaker_start, speaker_end, length, "speaker")
        check_text(speaker_name, "speaker name")
    elif speaker_name is not None:
        raise InvalidValue("a speaker name without a speaker span")
    check_text(model, "model")
    if suggested_kind is not None:
        one_of(suggested_kind, SUGGESTED_QUOTE_KINDS, "suggested quote kind")
    if suggested_speaker is not None:
        if suggested_kind is None or suggested_kind == MISSED_QUOTE:
            raise InvalidValue("a suggested speaker without a suggested quotation")
        check_text(suggested_speaker, "suggested speaker")


def check_quote_row(row: Sequence[object], length: int | None) -> None:
    """`check_quote` on a row laid out as the quotes table is: (article_id, start, end, kind,
    speaker_start, speaker_end, speaker_name, model, suggested_kind, suggested_speaker)."""
    _article_id, start, end, kind, speaker_start, speaker_end, speaker_name, model, *suggested = row
    suggested_kind, suggested_speaker = suggested or (None, None)  # a file from before v7
    check_quote(
        start=start,
        end=end,
        length=length,
        kind=kind,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        speaker_name=speaker_name,
        model=model,
        suggested_kind=suggested_kind,
        suggested_speaker=suggested_speaker,
    )


def check_candidate(
    *, start: object, end: object, length: int | None, score: object, reasons: object, model: object
) -> tuple[str, ...]:
    """A candidate row; returns its reasons."""
    _span(start, end, length, "candidate")
    check_number(score, "score")
    # As `check_entity`: a few lists of reasons repeat over thousands of rows, and parsing and
    # checking each row's JSON was most of the time an article's candidates took to read.
    key = (reasons, model)
    known = _passed_reasons.get(key)
    if known is not None:
        return known
    parsed = check_json(reasons, "reasons", list, MAX_JSON_CHARS)
    if not all(isinstance(r, str) for r in parsed):
        raise InvalidValue("reasons must be a JSON list of strings")
    check_text(model, "model")
    found = tuple(parsed)
    if len(_passed_reasons) < _PASSED_LIMIT:
        _passed_reasons[key] = found
    return found


def candidate_reasons_passing(
    rows: Sequence[Sequence[Any]], length: int | None
) -> list[tuple[str, ...] | None]:
    """For each row laid out as the candidates table is read (start, end, score, reasons, id,
    model), its reasons when `check_candidate` passes it by plain comparisons and the reasons
    it has already parsed; None for a row that still needs `check_candidate` itself.

    As `entity_rows_passing`: a 1 MB article's 8,900 candidates, without a call per row.
    """
    if length is None:
        return [None] * len(rows)
    known = _passed_reasons
    return [
        known.get((row[3], row[5]))
        if type(row[0]) is int
        and type(row[1]) is int
        and 0 <= row[0] < row[1] <= length
        and ((type(row[2]) is float and math.isfinite(row[2])) or type(row[2]) is int)
        else None
        for row in rows
    ]


def check_analysis(*, pipeline_name: object, pipeline_version: object, created_at: object) -> None:
    check_text(pipeline_name, "pipeline_name", empty=False)
    check_text(pipeline_version, "pipeline_version")
    check_text(created_at, "created_at")


def check_cached_analysis(
    *, pipeline_name: object, pipeline_version: object, payload: object, length: int | None
) -> dict[str, Any]:
    """A cached analysis of a text `length` code points long; returns the parsed payload.

    The payload is what `ProjectStore.save_analyses` writes: lists of entities
    [start, end, label], quotes [start, end, kind, speaker or null], candidates
    [start, end, score, reasons] and sentences [start, end].
    """
    check_text(pipeline_name, "pipeline_name", empty=False)
    check_text(pipeline_version, "pipeline_version")
    data: dict[str, Any] = check_json(payload, "payload", dict, MAX_PAYLOAD_CHARS)
    for key in ("entities", "quotes", "candidates", "sentences"):
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, list) for item in items):
            raise InvalidValue(f"payload {key} must be a list of lists")
    labels: set[str] = set()  # checked once each: a dozen labels over thousands of entities
    # Spans that plainly fit skip the call of `_span`, which says what is wrong with one that
    # does not: a 1 MB article's analysis holds some 40,000 spans, checked at each opening
    # that carries the team's decisions. -1 lets no span fit an article without text.
    fits = -1 if length is None else length
    try:
        for s, e, label in data["entities"]:
            if not (type(s) is int and type(e) is int and 0 <= s < e <= fits):
                _span(s, e, length, "entities")
            if not (isinstance(label, str) and label in labels):
                labels.add(check_text(label, "entity label", max_chars=MAX_ENTITY_LABEL_CHARS, empty=False))
        for s, e, kind, speaker in data["quotes"]:
            _span(s, e, length, "quotes")
            one_of(kind, QUOTE_KINDS, "quote kind")
            if speaker is not None:
                if not isinstance(speaker, list):
                    raise InvalidValue("a quote's speaker must be a list")
                speaker_start, speaker_end, name = speaker
                _span(speaker_start, speaker_end, length, "speaker")
                check_text(name, "speaker name")
        for s, e, score, reasons in data["candidates"]:
            if not (type(s) is int and type(e) is int and 0 <= s < e <= fits):
                _span(s, e, length, "candidates")
            if not (type(score) is float and math.isfinite(score)):
                check_number(score, "score")
            if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
                raise InvalidValue("a candidate's reasons must be a list of strings")
        for s, e in data.get("sentences", []):
            if not (type(s) is int and type(e) is int and 0 <= s < e <= fits):
                _span(s, e, length, "sentences")
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, InvalidValue):
            raise
        raise InvalidValue(f"payload is not an analysis ({type(exc).__name__})") from None
    return data


def check_gold_no_claim(
    *, start: object, end: object, length: int | None, decided_by: object, decided_at: object
) -> None:
    _span(start, end, length, "span")
    check_text(decided_by, "decided_by")
    check_text(decided_at, "decided_at")


def check_annotator(*, name: object, created_at: object) -> None:
    check_text(name, "name", empty=False)
    check_text(created_at, "created_at")


def check_rename(*, old: object, new: object) -> None:
    """A `renames` row: a person's old name and the one it became, as a rename writes them
    (`core.commands.RenameAnnotator`): the new one a name the window takes as typed, neither
    the reviewers' `gold`, and not the same. A crafted row could otherwise send a merge's
    labels to "gold", where they would read as reviewers' decisions."""
    old_name = check_text(old, "old name", empty=False)
    new_name = check_text(new, "new name", empty=False)
    refusal = annotator_name_problem(new_name)
    if refusal is not None or annotator_name(new_name) != new_name:
        raise InvalidValue(f"new name {new_name!r:.60} is no name a rename gives")
    if old_name == GOLD_ANNOTATOR or annotator_name(old_name) == GOLD_ANNOTATOR:
        raise InvalidValue("old name is 'gold', the reviewers' decisions, which are never renamed")
    if old_name == new_name:
        raise InvalidValue("old and new name are the same")


def check_meta_entry(*, key: object, value: object) -> None:
    """A `meta` entry: project settings (pipeline, guidelines, dates), all text."""
    check_text(key, "key", empty=False)
    check_text(value, "value", max_chars=MAX_META_CHARS)


SCORES_NOT_READ = object()
"""The `scores` of a suggestion read without them (`check_suggestion`): nothing to check."""


def check_suggestion(
    *,
    start: object,
    end: object,
    length: int | None,
    label: object,
    confidence: object,
    uncertainty: object,
    scores: object,
) -> dict[str, float]:
    """A stored label suggestion; returns its scores (label -> probability), or none when
    `scores` is `SCORES_NOT_READ`."""
    _span(start, end, length, "suggestion")
    check_label(label)
    for value, what in ((confidence, "confidence"), (uncertainty, "uncertainty")):
        if not 0.0 <= check_number(value, what) <= 1.0:
            raise InvalidValue(f"{what} {value!r:.40} is outside 0..1")
    if scores is SCORES_NOT_READ:
        return {}
    parsed = check_json(scores, "scores", dict, MAX_JSON_CHARS)
    result = {}
    for key, score in parsed.items():
        check_label(key, "score label")
        result[key] = check_number(score, f"score of {key}")
    return result


def check_model(
    *,
    name: object,
    created_at: object,
    labels: object,
    architecture: object,
    spacy_version: object,
    evaluation: object,
    info: object,
) -> tuple[tuple[str, ...], dict[str, Any], dict[str, Any]]:
    """A stored model's description (its config and weights are checked when it is loaded);
    returns its labels, evaluation and info."""
    check_text(name, "name")
    check_text(created_at, "created_at")
    check_text(architecture, "architecture")
    check_text(spacy_version, "spacy_version")
    parsed_labels = check_json(labels, "labels", list, MAX_JSON_CHARS)
    for label in parsed_labels:
        check_label(label)
    evaluation_parsed = check_json(evaluation, "evaluation", dict, MAX_JSON_CHARS)
    return tuple(parsed_labels), evaluation_parsed, check_json(info, "info", dict, MAX_JSON_CHARS)
