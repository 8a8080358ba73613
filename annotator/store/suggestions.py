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
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from annotator.core.errors import NotFoundError
from annotator.core.model import ClaimLabel
from annotator.core.suggestions import ModelRecord, QueueItem, Suggestion
from annotator.store.project_store import ProjectStore, now_iso

KEEP_WEIGHTS = 3
"""How many of the newest models keep their weights; older ones keep only their evaluation."""

MODEL_PREFIX = "claims-classifier"


_MODEL_COLUMNS = (
    "id, name, created_at, labels, architecture, spacy_version, evaluation, info, weights IS NOT NULL"
)


def _model_from_row(row: tuple[Any, ...]) -> ModelRecord:
    return ModelRecord(
        id=row[0],
        name=row[1],
        created_at=row[2],
        labels=tuple(json.loads(row[3])),
        architecture=row[4],
        spacy_version=row[5],
        evaluation=json.loads(row[6]),
        info=json.loads(row[7]),
        has_weights=bool(row[8]),
    )


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
    row = store.conn.execute(
        f"SELECT {_MODEL_COLUMNS} FROM claim_models WHERE id = ?", (model_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"model {model_id} does not exist in this project")
    return _model_from_row(row)


def models(store: ProjectStore) -> list[ModelRecord]:
    """Every model trained in this project, newest first."""
    return [
        _model_from_row(row)
        for row in store.conn.execute(f"SELECT {_MODEL_COLUMNS} FROM claim_models ORDER BY id DESC")
    ]


def latest_model(store: ProjectStore) -> ModelRecord | None:
    """The newest model that still has its weights, or None before the first training."""
    row = store.conn.execute(
        f"SELECT {_MODEL_COLUMNS} FROM claim_models WHERE weights IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return _model_from_row(row) if row else None


def model_payload(store: ProjectStore, model_id: int) -> tuple[str, bytes]:
    """The config text and weight bytes of a model, to rebuild it."""
    row = store.conn.execute("SELECT config, weights FROM claim_models WHERE id = ?", (model_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"model {model_id} does not exist in this project")
    if row[1] is None:
        raise NotFoundError(f"model {model_id} is old and its weights were removed; train again")
    return str(row[0]), bytes(row[1])


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


def clear_suggestions(store: ProjectStore) -> None:
    with store.transaction():
        store.conn.execute("DELETE FROM claim_suggestions")


def _suggestion_from_row(row: tuple[Any, ...]) -> Suggestion:
    return Suggestion(
        article_id=row[0],
        start=row[1],
        end=row[2],
        label=ClaimLabel(row[3]),
        confidence=row[4],
        uncertainty=row[5],
        model_id=row[6],
        scores=json.loads(row[7]),
    )


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
    return [_suggestion_from_row(row) for row in store.conn.execute(sql, params)]


def all_candidates(
    store: ProjectStore, article_ids: Iterable[int] | None = None
) -> list[tuple[int, int, int, str]]:
    """(article id, start, end, text) of every distinct candidate span (of `article_ids`), in text order."""
    sql = (
        'SELECT DISTINCT c.article_id, c.start, c."end", substr(a.text, c.start + 1, c."end" - c.start)'
        " FROM candidates c JOIN articles a ON a.id = c.article_id"
    )
    if article_ids is None:
        rows = list(store.conn.execute(sql + ' ORDER BY c.article_id, c.start, c."end"'))
    else:
        rows = []
        for article_id in sorted({int(i) for i in article_ids}):
            rows += store.conn.execute(
                sql + ' WHERE c.article_id = ? ORDER BY c.start, c."end"', (article_id,)
            ).fetchall()
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def queue(
    store: ProjectStore,
    *,
    order: Literal["text", "uncertainty"] = "text",
    unlabelled_only: bool = False,
    article_id: int | None = None,
) -> list[QueueItem]:
    """Claim candidates with their suggestion and any human label, in the order asked for.

    `uncertainty` puts the candidates the model is least sure about first (active
    learning: a person's label teaches the next model most there); candidates
    without a suggestion come last, then text order breaks ties.
    """
    where = ["1 = 1"]
    params: list[Any] = []
    if article_id is not None:
        where.append("c.article_id = ?")
        params.append(article_id)
    human = (
        "(SELECT h.label FROM claims h WHERE h.article_id = c.article_id"
        ' AND h.start < c."end" AND c.start < h."end" ORDER BY h.start, h.id LIMIT 1)'
    )
    if unlabelled_only:
        where.append(f"{human} IS NULL")
    order_by = 'c.article_id, c.start, c."end"'
    if order == "uncertainty":
        order_by = f"s.uncertainty IS NULL, s.uncertainty DESC, {order_by}"
    sql = (
        f'SELECT c.article_id, c.start, c."end", max(c.score), {human},'
        " s.label, s.confidence, s.uncertainty, s.model_id, s.scores,"
        ' substr(a.text, c.start + 1, c."end" - c.start)'
        " FROM candidates c JOIN articles a ON a.id = c.article_id"
        " LEFT JOIN claim_suggestions s"
        ' ON s.article_id = c.article_id AND s.start = c.start AND s."end" = c."end"'
        f" WHERE {' AND '.join(where)}"
        ' GROUP BY c.article_id, c.start, c."end"'
        f" ORDER BY {order_by}"
    )
    items = []
    for row in store.conn.execute(sql, params):
        suggestion = _suggestion_from_row((*row[:3], *row[5:10])) if row[5] is not None else None
        items.append(
            QueueItem(
                article_id=row[0],
                start=row[1],
                end=row[2],
                score=float(row[3]),
                suggestion=suggestion,
                human_label=ClaimLabel(row[4]) if row[4] is not None else None,
                text=row[10],
            )
        )
    return items
