"""Project files as an earlier release left them, for the tests of opening and migrating them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.store.schema import MIGRATIONS


def schema_at(conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """Give an empty file the tables of schema `version`, as that release's migrations made them."""
    for step in range(1, version + 1):
        for statement in MIGRATIONS[step]:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


OLD_TEXT = "Der Minister 😀 sagte: \"Wir 𝔸 senken die Steuern.\" Das ist 'gut' 🎉 für alle. Prices rose."
"""An article with letters beyond the BMP before every span, so an offset counted in UTF-16 shows."""


def project_at(path: Path, version: int) -> list[tuple[int, str, str, str, str, str]]:
    """A file of schema `version` holding what that release could hold (labels of each kind with
    notes by two people, entities, quotations, gold decisions, a model's suggestion); its claims
    as (id, text of the span, label, annotator, note, created_at)."""
    from annotator.core.text import content_hash

    text, stamp = OLD_TEXT, "2025-03-01T10:00:00.000Z"
    conn = schema_at(sqlite3.connect(path), version)
    conn.execute("INSERT INTO meta(key, value) VALUES ('created_at', ?)", (stamp,))
    for name in ("ana", "bo 𝔅", "gold"):
        conn.execute("INSERT INTO annotators(name, created_at) VALUES (?, ?)", (name, stamp))
    conn.execute(
        "INSERT INTO articles(id, content_hash, title, text, status, created_at, updated_at)"
        " VALUES (1, ?, 'T 😀', ?, 'in_progress', ?, ?)",
        (content_hash(text), text, stamp, stamp),
    )
    quoted = (text.index('"'), text.index('"', text.index('"') + 1) + 1)
    conn.execute(
        "INSERT INTO analyses(article_id, pipeline_name, pipeline_version, created_at)"
        " VALUES (1, 'en_core_web_sm', '3.8.0', ?)",
        (stamp,),
    )
    conn.execute(
        "INSERT INTO entities(article_id, start, \"end\", label, status) VALUES (1, 4, 12, 'PER', 'accepted')"
    )
    conn.execute(
        'INSERT INTO quotes(id, article_id, start, "end", kind, speaker_start, speaker_end, speaker_name)'
        " VALUES (5, 1, ?, ?, 'direct', 0, 12, 'Der Minister')",
        quoted,
    )
    spans = {
        "says": quoted,
        "view": (text.index("Das"), text.index("alle.") + 5),
        "rose": (text.index("Prices"), len(text)),
    }
    rows = [
        (1, "says", "factual", "ana", "note 😀"),
        (2, "view", "opinion", "ana", ""),
        (3, "says", "questionable", "bo 𝔅", "zweifel 𝔸"),
        (4, "rose", "factual", "bo 𝔅", "n"),
    ]
    if version >= 2:
        rows.append((5, "says", "factual", "gold", ""))
    claims = []
    for claim_id, span, label, annotator, note in rows:
        start, end = spans[span]
        created = f"2025-03-0{claim_id}T11:00:00.000Z"
        conn.execute(
            'INSERT INTO claims(id, article_id, start, "end", label, annotator, note, created_at, updated_at)'
            " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)",
            (claim_id, start, end, label, annotator, note, created, created),
        )
        claims.append((claim_id, text[start:end], label, annotator, note, created))
    if version >= 2:
        conn.execute("UPDATE claims SET decided_by = 'ana' WHERE annotator = 'gold'")
    if version >= 3:
        conn.execute(
            'INSERT INTO gold_no_claim(article_id, start, "end", decided_by, decided_at)'
            " VALUES (1, ?, ?, ?, ?)",
            (*spans["view"], "ana", stamp),
        )
    if version >= 4:
        conn.execute(
            "INSERT INTO claim_models(id, name, created_at, labels, architecture, spacy_version, config,"
            " evaluation) VALUES (1, 'm', ?, '[\"factual\", \"opinion\", \"questionable\"]', 'bow', '3.8.0',"
            " '{}', '{}')",
            (stamp,),
        )
        conn.execute("INSERT INTO claim_suggestions VALUES (1, ?, ?, 1, 'opinion', 0.8, 0.2, '{}')", quoted)
    if version >= 5:
        conn.execute(
            "INSERT INTO quotes(id, article_id, start, \"end\", kind) VALUES (7, 1, ?, ?, 'partial')",
            (spans["rose"][0], spans["rose"][0] + 6),
        )
    conn.commit()
    conn.close()
    return claims
