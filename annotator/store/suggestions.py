"""Trained claim classifiers and their suggestions, kept in the project file.

Choice of storage: the model lives *inside* the SQLite file (table
`claim_models`: the classifier's config as JSON text and its float32 weights as
a BLOB, with the held-out evaluation as JSON; `annotator.nlp.claim_classifier`
checks both before it rebuilds a model, since a project file may come from
anyone), not in a folder beside it. One project stays one file that can be
copied or mailed with its model, the model row and its evaluation are committed
in the same transaction (no orphan folders after a crash), and the bytes are
small (about 1 MB of config and 0.3 MB of weights for 800 claims). Only the
newest `KEEP_WEIGHTS` models keep their weights; older rows keep their
evaluation, so the history of scores is never lost. A model's name is
`claims-classifier-<id>`, its version the row id.

Suggestions (table `claim_suggestions`) are keyed by article and span, never
stored in `claims`, so exports, agreement and merges cannot mistake a
suggestion for a person's label. Re-running pre-annotation keeps a suggestion
as long as a candidate with the same span exists.

These are functions that take a `ProjectStore` rather than methods on it, so
this feature's SQL stays in one module.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

from annotator.core.errors import NotFoundError, ProjectFileError, UserError
from annotator.core.model import ClaimLabel
from annotator.core.suggestions import ModelRecord, QueueItem, QueueRows, Suggestion
from annotator.core.validate import (
    MAX_TEXT_CHARS,
    InvalidValue,
    check_label,
    check_number,
    check_span,
    check_text,
)
from annotator.store import rows as rules
from annotator.store.project_store import ProjectStore, now_iso

_SPAN_COLUMNS = ("article_id", "start", "end", "id")
"""What the queue and `all_candidates` read of a candidate; the open does not measure their
sizes, these reads do, leaving out a row too large to read (`ProjectStore.leave_out_oversized`)."""


def _besides(candidate_ids: list[int]) -> str:
    """An SQL condition, to follow another with AND, leaving out candidates too large to read
    (`ProjectStore.leave_out_oversized`); their ids, integers SQLite gave, are written into it."""
    return f" AND c.id NOT IN ({', '.join(str(int(i)) for i in candidate_ids)})" if candidate_ids else ""


KEEP_WEIGHTS = 3
"""How many of the newest models keep their weights; older ones keep only their evaluation."""

MODEL_PREFIX = "claims-classifier"


_HAS_WEIGHTS = "typeof(weights) <> 'null'"
"""Whether a model keeps its weights, without reading them: `typeof()` looks at the record's
header, where `weights IS NOT NULL` (SQLite 3.40) reads the whole blob, and a project file may
hold one of any size."""

_MODEL_COLUMNS = (
    f"id, name, created_at, labels, architecture, spacy_version, evaluation, info, {_HAS_WEIGHTS}"
)


_IGNORED_MODEL = "it is treated as absent (train again to replace it)"
_IGNORED_SUGGESTION = "the candidate is shown without a suggestion"


def _model_from_row(row: tuple[Any, ...]) -> ModelRecord:
    labels, evaluation, info = rules.check_model(
        name=row[1],
        created_at=row[2],
        labels=row[3],
        architecture=row[4],
        spacy_version=row[5],
        evaluation=row[6],
        info=row[7],
    )
    return ModelRecord(
        id=row[0],
        name=row[1],
        created_at=row[2],
        labels=labels,
        architecture=row[4],
        spacy_version=row[5],
        evaluation=evaluation,
        info=info,
        has_weights=bool(row[8]),
    )


def _checked_models(store: ProjectStore, sql: str, params: tuple[Any, ...] = ()) -> Iterator[ModelRecord]:
    """Model rows that pass their checks; any other is skipped with a warning (a model is
    never needed to open or export a project)."""
    for row in _rows(store, "claim_models", sql, params, _IGNORED_MODEL):
        try:
            yield _model_from_row(row)
        except InvalidValue as exc:
            store.warn_row("claim_models", row[0], exc, _IGNORED_MODEL)


def _rows(
    store: ProjectStore, table: str, sql: str, params: tuple[Any, ...] | list[Any], consequence: str
) -> list[tuple[Any, ...]]:
    """The rows of a read of a table the app can do without; undecodable text skips them all."""
    try:
        return list(store.query((table,), sql, params))
    except ProjectFileError as exc:  # names the row whose text is not UTF-8
        store.warn_row(table, "?", exc.reason, consequence)
        return []


def save_model(
    store: ProjectStore,
    *,
    labels: Iterable[str],
    architecture: str,
    spacy_version: str,
    config: str,
    weights: bytes,
    evaluation: Mapping[str, Any],
    info: Mapping[str, Any] | None = None,
) -> ModelRecord:
    """Store a trained model with its evaluation in one transaction; prune old weights."""
    with store.transaction():
        cursor = store.conn.execute(
            "INSERT INTO claim_models(name, created_at, labels, architecture, spacy_version, config,"
            " weights, evaluation, info) VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now_iso(),
                json.dumps(list(labels), allow_nan=False),
                architecture,
                spacy_version,
                config,
                weights,
                json.dumps(dict(evaluation), allow_nan=False),
                json.dumps(dict(info or {}), allow_nan=False),
            ),
        )
        model_id = int(cursor.lastrowid or 0)
        store.conn.execute(
            "UPDATE claim_models SET name = ? WHERE id = ?", (f"{MODEL_PREFIX}-{model_id}", model_id)
        )
        store.conn.execute(
            "UPDATE claim_models SET weights = NULL WHERE id NOT IN"
            " (SELECT id FROM claim_models ORDER BY id DESC LIMIT ?)",
            (KEEP_WEIGHTS,),
        )
    return get_model(store, model_id)


def get_model(store: ProjectStore, model_id: int) -> ModelRecord:
    found = next(
        _checked_models(store, f"SELECT {_MODEL_COLUMNS} FROM claim_models WHERE id = ?", (model_id,)), None
    )
    if found is None:
        raise NotFoundError(f"model {model_id} does not exist in this project (or cannot be read)")
    return found


def models(store: ProjectStore) -> list[ModelRecord]:
    """Every model trained in this project that can be read, newest first."""
    return list(_checked_models(store, f"SELECT {_MODEL_COLUMNS} FROM claim_models ORDER BY id DESC"))


def latest_model(store: ProjectStore) -> ModelRecord | None:
    """The newest model that still has its weights, or None before the first training.

    A newest row that cannot be read is ignored with a warning and counts as no model: an
    older model is never used in its place without anyone asking.
    """
    row = next(
        _checked_models(
            store,
            f"SELECT {_MODEL_COLUMNS} FROM claim_models WHERE {_HAS_WEIGHTS} ORDER BY id DESC LIMIT 1",
        ),
        None,
    )
    return row


class StoredModelError(UserError):
    """A stored model refused before it was read (too large, or weights that are not bytes)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def model_payload(
    store: ProjectStore, model_id: int, *, max_config_bytes: int, max_weight_bytes: int
) -> tuple[str | bytes, bytes]:
    """The config text and weight bytes of a model, to rebuild it; nothing over the limits is read.

    A project file may come from anyone, and this runs on the window's thread: a model's
    weights are measured in SQL before they are fetched (a BLOB's length is in its record, so
    `length()` reads nothing more), and anything else in that column is refused unread. The
    config is TEXT, whose `length()` would read it all to count characters, so the connection's
    length limit is lowered for the read instead: SQLite refuses a longer value before reading
    it. Raises `StoredModelError` with the reason; the caller says what it means.
    """
    found = store.conn.execute(
        "SELECT typeof(weights), CASE typeof(weights) WHEN 'blob' THEN length(weights) END"
        " FROM claim_models WHERE id = ?",
        (model_id,),
    ).fetchone()
    if found is None:
        raise NotFoundError(f"model {model_id} does not exist in this project")
    kind, size = found
    if kind == "null":
        raise NotFoundError(f"model {model_id} is old and its weights were removed; train again")
    if kind != "blob":
        raise StoredModelError("its weights are not bytes")
    if size > max_weight_bytes:
        raise StoredModelError(f"its weights have {size} bytes, more than a model can have")
    limit = store.conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max(max_config_bytes, max_weight_bytes))
    try:
        row = next(
            store.query(
                ("claim_models",),
                "SELECT config, weights FROM claim_models WHERE id = ?"
                " AND typeof(weights) = 'blob' AND length(weights) <= ?",
                (model_id, max_weight_bytes),
            ),
            None,
        )
    except sqlite3.DataError:  # "string or blob too big": the config, refused before it was read
        raise StoredModelError("its settings are too large") from None
    except ProjectFileError:
        raise StoredModelError("its settings are not text") from None
    finally:
        store.conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limit)
    if row is None:  # changed between the two reads (another program writing the file)
        raise NotFoundError(f"model {model_id} changed while it was read; open the project again")
    config, weights = row
    if not isinstance(config, str | bytes):
        raise StoredModelError("its settings are not text")
    if len(config) > max_config_bytes:
        raise StoredModelError("its settings are too large")
    return config, bytes(weights)


def replace_suggestions(
    store: ProjectStore,
    model_id: int,
    items: Iterable[Suggestion],
    *,
    article_ids: Iterable[int] | None = None,
) -> int:
    """Swap the stored suggestions for those of `model_id`, in one transaction.

    Every suggestion, or with `article_ids` only those of these articles.
    """
    rows = [
        (
            s.article_id,
            s.start,
            s.end,
            model_id,
            ClaimLabel(s.label).value,
            s.confidence,
            s.uncertainty,
            json.dumps(dict(s.scores), allow_nan=False),
        )
        for s in items
    ]
    with store.transaction():
        if article_ids is None:
            store.conn.execute("DELETE FROM claim_suggestions")
        else:
            store.conn.executemany(
                "DELETE FROM claim_suggestions WHERE article_id = ?", [(int(i),) for i in article_ids]
            )
        store.conn.executemany(
            'INSERT OR REPLACE INTO claim_suggestions(article_id, start, "end", model_id, label,'
            " confidence, uncertainty, scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)


def articles_owing_suggestions(store: ProjectStore, model_id: int) -> list[int]:
    """Articles analysed since model `model_id` was saved that have a candidate without a suggestion.

    A pre-annotation suggests for its articles after its last batch: one ended before that
    (the window ends a child that does not stop when asked) left the batches it had committed
    without suggestions, and the next run, doing only what is left, never came back to them.
    Articles analysed before the model do not count: `annotator train --no-suggest` leaves
    theirs without one on purpose.
    """
    sql = (
        "SELECT DISTINCT a.article_id FROM analyses a"
        " JOIN candidates c ON c.article_id = a.article_id"
        " WHERE a.created_at >= (SELECT created_at FROM claim_models WHERE id = ?)"
        " AND NOT EXISTS (SELECT 1 FROM claim_suggestions s"
        ' WHERE s.article_id = c.article_id AND s.start = c.start AND s."end" = c."end")'
        " ORDER BY a.article_id"
    )
    tables = ("analyses", "candidates", "claim_models", "claim_suggestions")
    return [int(row[0]) for row in store.query_all(tables, sql, (int(model_id),))]


def has_suggestions(store: ProjectStore) -> bool:
    """Whether any suggestion is stored, without reading one: with no usable model behind
    them (`latest_model` is None), the window must not show them."""
    return bool(
        store.query_all(("claim_suggestions",), "SELECT EXISTS (SELECT 1 FROM claim_suggestions)")[0][0]
    )


def clear_suggestions(store: ProjectStore) -> int:
    """Remove every stored suggestion, in one transaction; how many there were."""
    with store.transaction():
        return store.conn.execute("DELETE FROM claim_suggestions").rowcount


def _suggestion_from_row(row: tuple[Any, ...], length: int | None) -> Suggestion:
    scores = rules.check_suggestion(
        start=row[1],
        end=row[2],
        length=length,
        label=row[3],
        confidence=row[4],
        uncertainty=row[5],
        scores=row[7],
    )
    return Suggestion(
        article_id=row[0],
        start=row[1],
        end=row[2],
        label=check_label(row[3]),  # checked above: a look-up, not an enum call
        confidence=float(row[4]),
        uncertainty=float(row[5]),
        model_id=row[6],
        scores=scores,
    )


def _checked_suggestion(store: ProjectStore, row: tuple[Any, ...], length: int | None) -> Suggestion | None:
    """A suggestion that passes its checks, or None with a warning (the candidate stays)."""
    try:
        return _suggestion_from_row(row, length)
    except InvalidValue as exc:
        store.warn_row("claim_suggestions", f"{row[0]}:{row[1]}..{row[2]}", exc, _IGNORED_SUGGESTION)
        return None


def suggestions(store: ProjectStore, article_id: int | None = None) -> list[Suggestion]:
    """Stored suggestions in text order, optionally of one article."""
    sql = (
        'SELECT article_id, start, "end", label, confidence, uncertainty, model_id, scores'
        " FROM claim_suggestions"
    )
    params: tuple[int, ...] = ()
    if article_id is not None:
        sql += " WHERE article_id = ?"
        params = (article_id,)
    sql += ' ORDER BY article_id, start, "end"'
    lengths = {article_id: store.text_length(article_id)} if article_id is not None else store.text_lengths()
    found = (
        _checked_suggestion(store, row, lengths.get(row[0]))
        for row in _rows(store, "claim_suggestions", sql, params, _IGNORED_SUGGESTION)
    )
    return [s for s in found if s is not None]


def _cut_texts(
    store: ProjectStore, spans: Sequence[tuple[int, int, int, object]]
) -> tuple[list[str | None], dict[int, int]]:
    """Each span's text, cut in Python from its article's text read once, and each article's length.

    `spans` are (article id, start, end, candidate id). Why not `substr` in the query: SQLite
    walks a text from its start to reach each slice, so a whole project's candidates took over a minute
    with one 1 MB article in it (the cost grows with the square of an article's length). Both
    count code points, so the slices are the same. A span outside its text is the bad row it
    was; a span whose article has gone since the candidates were read (another connection
    deleted it) gets None.
    """
    rows_of: dict[int, list[int]] = defaultdict(list)
    for index, (article_id, *_rest) in enumerate(spans):
        rows_of[article_id].append(index)
    texts: list[str | None] = [None] * len(spans)
    lengths: dict[int, int] = {}
    ids = sorted(rows_of)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ", ".join("?" * len(part))
        # One article's text at a time: the whole project's would be read, never held.
        for article_id, value in store.query(
            ("articles",), f"SELECT id, text FROM articles WHERE id IN ({marks})", part
        ):
            text = store.checked("articles", article_id, check_text, value, "text", MAX_TEXT_CHARS)
            lengths[article_id] = len(text)
            for index in rows_of[article_id]:
                _a, start, end, candidate_id = spans[index]
                store.checked("candidates", candidate_id, check_span, start, end, len(text), "candidate")
                texts[index] = text[start:end]
    return texts, lengths


def all_candidates(
    store: ProjectStore, article_ids: Iterable[int] | None = None
) -> list[tuple[int, int, int, str]]:
    """(article id, start, end, text) of every distinct candidate span (of `article_ids`), in text order."""
    rows = _candidate_rows(store, article_ids)
    texts, _lengths = _cut_texts(store, rows)
    return [(row[0], row[1], row[2], text) for row, text in zip(rows, texts, strict=True) if text is not None]


def candidate_spans(store: ProjectStore) -> set[tuple[int, int, int]]:
    """(article id, start, end) of every candidate `all_candidates` reads, without their texts:
    what training compares with the candidates it suggested for, as it saves."""
    return {(row[0], row[1], row[2]) for row in _candidate_rows(store, None)}


def _candidate_rows(store: ProjectStore, article_ids: Iterable[int] | None) -> list[tuple[Any, ...]]:
    """(article id, start, end, candidate id) of the distinct candidate spans that can be read."""
    sql = 'SELECT DISTINCT c.article_id, c.start, c."end", c.id FROM candidates c'
    tables = ("candidates",)
    if article_ids is None:
        skipped, _ = store.leave_out_oversized("candidates", _SPAN_COLUMNS, "1", ())
        rows = list(
            store.query(tables, sql + f' WHERE 1{_besides(skipped)} ORDER BY c.article_id, c.start, c."end"')
        )
    else:
        rows = []
        for article_id in sorted({int(i) for i in article_ids}):
            skipped, _ = store.leave_out_oversized(
                "candidates", _SPAN_COLUMNS, "article_id = ?", (article_id,)
            )
            rows += store.query(
                tables,
                sql + f' WHERE c.article_id = ?{_besides(skipped)} ORDER BY c.start, c."end"',
                (article_id,),
            )
    return rows


def queue(
    store: ProjectStore,
    *,
    order: Literal["text", "uncertainty"] = "text",
    unlabelled_only: bool = False,
    article_id: int | None = None,
    span: tuple[int, int] | None = None,
) -> list[QueueItem]:
    """Claim candidates with their suggestion and any human label, in the order asked for
    (`queue_rows`, as one `QueueItem` each)."""
    return list(
        queue_rows(store, order=order, unlabelled_only=unlabelled_only, article_id=article_id, span=span)
    )


def queue_rows(
    store: ProjectStore,
    *,
    order: Literal["text", "uncertainty"] = "text",
    unlabelled_only: bool = False,
    article_id: int | None = None,
    span: tuple[int, int] | None = None,
    scores: bool = True,
) -> QueueRows:
    """Claim candidates with their suggestion and any human label, in the order asked for.

    `uncertainty` puts the candidates the model is least sure about first (active
    learning: a person's label teaches the next model most there); candidates
    without a suggestion come last, then text order breaks ties. `span` (with
    `article_id`) reads the one candidate there. The candidates' texts are cut from
    each article's text read once (`_cut_texts`), and the person's label over each is
    found in one read of the claims (`_ClaimSpans`). Without `scores` each suggestion's
    scores are neither read nor checked (its `scores` are empty): the Suggestions panel shows
    the label and confidence only, and parsing 184,000 of them as JSON was a third of its read.
    Enter reads the candidate again (`candidate_at`), scores and all. The rows are columns (`QueueRows`),
    not an object each, so a whole project's queue gives the garbage collector nothing
    to walk.
    """
    where = ["1 = 1"]
    params: list[Any] = []
    if article_id is not None:
        where.append("c.article_id = ?")
        params.append(article_id)
    if span is not None:
        where.append('c.start = ? AND c."end" = ?')
        params += [int(span[0]), int(span[1])]
    measured = " AND ".join(w.replace("c.", "") for w in where)  # the same rows, without the alias
    skipped, _ = store.leave_out_oversized("candidates", (*_SPAN_COLUMNS, "score"), measured, tuple(params))
    if skipped:  # as the article's own read leaves them out
        where.append(_besides(skipped).removeprefix(" AND "))
    order_by = 'c.article_id, c.start, c."end"'
    if order == "uncertainty":
        order_by = f"s.uncertainty IS NULL, s.uncertainty DESC, {order_by}"
    sql = (
        'SELECT c.article_id, c.start, c."end", max(c.score),'
        f" s.label, s.confidence, s.uncertainty, s.model_id, {'s.scores' if scores else 'NULL'}, min(c.id),"
        ' row_number() OVER (ORDER BY c.article_id, c.start, c."end")'
        " FROM candidates c"
        " LEFT JOIN claim_suggestions s"
        ' ON s.article_id = c.article_id AND s.start = c.start AND s."end" = c."end"'
        f" WHERE {' AND '.join(where)}"
        ' GROUP BY c.article_id, c.start, c."end"'
        f" ORDER BY {order_by}"
    )
    rows = list(store.query(("candidates", "claim_suggestions"), sql, params))
    labelled = _ClaimSpans(store, article_id)
    humans = [labelled.first_over(row[0], row[1], row[2]) for row in rows]
    if unlabelled_only:
        rows = [row for row, human in zip(rows, humans, strict=True) if human is None]
        humans = [None] * len(rows)
    texts, lengths = _cut_texts(store, [(row[0], row[1], row[2], row[9]) for row in rows])
    found = QueueRows()
    places = array("q")  # each row's place in text order, for `found.index_by_places`
    unread = rules.SCORES_NOT_READ
    for row, human, text in zip(rows, humans, texts, strict=True):
        if text is None:
            continue  # its article was deleted between the two reads
        length = lengths[row[0]]
        score = store.checked("candidates", row[9], check_number, row[3], "score")
        human_label = store.checked("claims", "?", check_label, human) if human is not None else None
        suggestion = (
            _checked_suggestion(store, (*row[:3], *row[4:8], row[8] if scores else unread), length)
            if row[4] is not None
            else None
        )
        found.append(row[0], row[1], row[2], score, suggestion, human_label, text)
        places.append(row[10])
    found.index_by_places(places)
    return found


class _ClaimSpans:
    """Every person's claim (of one article, or all), to find the first over a candidate's span.

    Why not a subquery per candidate: SQLite walked an article's claims from its start for each
    of its candidates, once to filter "unlabelled only" and again for the label shown, about
    1.5 s of the 2 s the whole project's queue spent in SQLite (184,000 candidates, 31,000
    claims). One ordered read of the claims, and a bisection per candidate, give the same
    answer: the label of the overlapping claim that starts first (then the lowest id).
    """

    def __init__(self, store: ProjectStore, article_id: int | None) -> None:
        sql = (
            'SELECT article_id, start, "end", label FROM claims'
            " WHERE typeof(start) = 'integer' AND typeof(\"end\") = 'integer'"
        )
        params: tuple[int, ...] = ()
        if article_id is not None:
            sql += " AND article_id = ?"
            params = (article_id,)
        # Per article: starts in (start, id) order, the greatest end so far, the labels.
        self._by_article: dict[object, tuple[list[int], list[int], list[object]]] = {}
        for claim_article, start, end, label in store.query(
            ("claims",), sql + " ORDER BY article_id, start, id", params
        ):
            starts, reach, labels = self._by_article.setdefault(claim_article, ([], [], []))
            starts.append(start)
            reach.append(max(end, reach[-1]) if reach else end)
            labels.append(label)

    def first_over(self, article_id: object, start: object, end: object) -> object:
        """The stored label of the first claim (by start, then id) overlapping [start, end), or None.

        The first claim that ends after `start` is the first whose greatest end so far passes
        it; it overlaps if it starts before `end`, and if it does not, no later one does.
        A span that is not whole numbers overlaps nothing here (its row's checks refuse it).
        """
        found = self._by_article.get(article_id)
        if found is None or type(start) is not int or type(end) is not int:
            return None
        starts, reach, labels = found
        at = bisect_right(reach, start)
        return labels[at] if at < len(starts) and starts[at] < end else None
