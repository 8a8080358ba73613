"""Bringing several people's project files together, and the gold labels a reviewer decides.

Merging identifies things by what they are, never by row ids, which differ per file:

* an article is its content hash (the same text imported by two people is one article);
* a claim is (content hash, start, end, annotator): the same person's label on the same
  span. Merging a claim that is already there changes nothing, so merging a file twice
  is a no-op; if the label, note or `decided_by` differ, that is a *conflict*: the team
  file keeps what it has and the report names it. Nothing is overwritten silently.
* an entity is (content hash, start, end, label). Suggestions are carried over with
  articles new to the team file; a person's decision (accepted / rejected / added) is
  also carried into articles the team file already has, replacing only a suggestion.

The source file is read through its own read-only connection and everything is
written in one `BEGIN IMMEDIATE` transaction on the team file, so an interrupted
merge (even a killed process) leaves the team file as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectFileError, UserError
from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel
from annotator.core.progress import ProgressFn
from annotator.core.reports import GoldDecision, MergeConflict, MergeReport
from annotator.store.project_store import ProjectStore, check_project_file, now_iso

Span = tuple[int, int]


def _open_source(path: Path) -> tuple[sqlite3.Connection, int]:
    if not path.exists():
        raise ProjectFileError(path, "does not exist; check the path of the file to merge")
    version = check_project_file(path)
    if version == 0:
        raise ProjectFileError(path, "is empty, not an annotator project; nothing to merge")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return conn, version


_ARTICLE_COLUMNS = "content_hash, title, source, text, meta, status, origin, encoding, created_at, updated_at"


def merge_project(
    team: ProjectStore, source_path: str | Path, *, progress: ProgressFn | None = None
) -> MergeReport:
    """Merge one project file into `team` in a single transaction; see the module doc for the rules.

    `progress(done, total)` is called per article; raising from it (e.g. `Cancelled`)
    rolls the whole merge back.
    """
    source_path = Path(source_path)
    if source_path.resolve() == team.path.resolve():
        raise UserError(f"{source_path}: cannot merge a project into itself; pick another file")
    src, version = _open_source(source_path)
    report = MergeReport(source=str(source_path))
    try:
        src.execute("BEGIN")  # one consistent snapshot of the source
        with team.transaction():
            _merge(team, src, version, report, progress)
        src.execute("COMMIT")
    finally:
        src.close()
    return report


def _merge(
    team: ProjectStore,
    src: sqlite3.Connection,
    version: int,
    report: MergeReport,
    progress: ProgressFn | None,
) -> None:
    db = team.conn
    known = {
        row[0]: (row[1], row[2], row[3], row[4])
        for row in db.execute("SELECT content_hash, id, title, source, meta FROM articles")
    }
    rows = src.execute(f"SELECT id, {_ARTICLE_COLUMNS} FROM articles ORDER BY id").fetchall()
    total = len(rows)
    id_map: dict[int, int] = {}
    hashes: dict[int, tuple[str, str]] = {}  # team id -> (hash, title), for conflict messages
    new_ids: set[int] = set()
    for done, row in enumerate(rows, 1):
        src_id, digest, title, source, meta = row[0], row[1], row[2], row[3], row[5]
        if digest in known:
            team_id, team_title, team_source, team_meta = known[digest]
            report.articles_matched += 1
            for kind, ours, theirs in (
                ("title", team_title, title),
                ("source", team_source, source),
                ("meta", _canonical_json(team_meta), _canonical_json(meta)),
            ):
                if ours != theirs:
                    report.conflicts.append(
                        MergeConflict(kind, digest, team_title, f"team {ours!r}, {report.source} {theirs!r}")
                    )
        else:
            cursor = db.execute(
                f"INSERT INTO articles({_ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row[1:]
            )
            team_id = int(cursor.lastrowid or 0)
            team_title = title
            known[digest] = (team_id, title, source, meta)
            new_ids.add(team_id)
            report.articles_added += 1
        id_map[src_id] = team_id
        hashes[team_id] = (digest, team_title)
        if progress is not None:
            progress(done, total)

    # Only the articles this source touches need their claims and entities compared.
    db.execute("CREATE TEMP TABLE IF NOT EXISTS merge_targets(id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM merge_targets")
    db.executemany("INSERT INTO merge_targets(id) VALUES (?)", ((i,) for i in set(id_map.values())))
    _merge_suggestions(db, src, id_map, new_ids, version)
    _merge_entities(db, src, id_map, new_ids, hashes, report)
    for name, created_at in src.execute("SELECT name, created_at FROM annotators"):
        db.execute("INSERT OR IGNORE INTO annotators(name, created_at) VALUES (?, ?)", (name, created_at))
    _merge_claims(db, src, id_map, hashes, version, report)
    if version >= 3:
        db.executemany(
            'INSERT OR IGNORE INTO gold_no_claim(article_id, start, "end", decided_by, decided_at)'
            " VALUES (?, ?, ?, ?, ?)",
            [
                (id_map[r[0]], *r[1:])
                for r in src.execute(
                    'SELECT article_id, start, "end", decided_by, decided_at FROM gold_no_claim'
                )
            ],
        )
    _merge_guidelines(db, src, report)


def _canonical_json(text: str) -> str:
    try:
        return json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False)
    except ValueError:
        return text


def _merge_suggestions(
    db: sqlite3.Connection, src: sqlite3.Connection, id_map: dict[int, int], new_ids: set[int], version: int
) -> None:
    """Quotes, candidates and analyses of articles new to the team file, as they are."""

    def new_rows(sql: str) -> Iterable[tuple[Any, ...]]:
        for row in src.execute(sql):
            team_id = id_map[row[0]]
            if team_id in new_ids:
                yield (team_id, *row[1:])

    db.executemany(
        'INSERT INTO quotes(article_id, start, "end", kind, speaker_start, speaker_end, speaker_name, model)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        new_rows(
            'SELECT article_id, start, "end", kind, speaker_start, speaker_end, speaker_name, model'
            " FROM quotes ORDER BY id"
        ),
    )
    db.executemany(
        'INSERT INTO candidates(article_id, start, "end", score, reasons, model) VALUES (?, ?, ?, ?, ?, ?)',
        new_rows('SELECT article_id, start, "end", score, reasons, model FROM candidates ORDER BY id'),
    )
    db.executemany(
        "INSERT INTO analyses(article_id, pipeline_name, pipeline_version, created_at) VALUES (?, ?, ?, ?)",
        new_rows("SELECT article_id, pipeline_name, pipeline_version, created_at FROM analyses"),
    )
    if version >= 2:
        db.executemany(
            "INSERT OR IGNORE INTO analysis_cache(content_hash, pipeline_name, pipeline_version, payload)"
            " VALUES (?, ?, ?, ?)",
            src.execute("SELECT content_hash, pipeline_name, pipeline_version, payload FROM analysis_cache"),
        )


def _merge_entities(
    db: sqlite3.Connection,
    src: sqlite3.Connection,
    id_map: dict[int, int],
    new_ids: set[int],
    hashes: dict[int, tuple[str, str]],
    report: MergeReport,
) -> None:
    """All entities of new articles; for articles already there, only decisions a person made."""
    existing: dict[tuple[int, int, int, str], tuple[int, str]] = {}
    for row in db.execute(
        'SELECT article_id, start, "end", label, id, status FROM entities'
        " WHERE article_id IN (SELECT id FROM merge_targets)"
    ):
        existing.setdefault((row[0], row[1], row[2], row[3]), (row[4], row[5]))
    inserts: list[tuple[Any, ...]] = []
    for article_id, start, end, label, status, model in src.execute(
        'SELECT article_id, start, "end", label, status, model FROM entities ORDER BY id'
    ):
        team_id = id_map[article_id]
        key = (team_id, start, end, label)
        if team_id in new_ids:
            if key not in existing:
                existing[key] = (-1, status)
                inserts.append((*key, status, model))
            continue
        if status == "suggested":
            continue
        if key not in existing:
            existing[key] = (-1, status)
            inserts.append((*key, status, model))
            continue
        entity_id, team_status = existing[key]
        if team_status == status:
            continue
        if team_status == "suggested" and entity_id >= 0:
            db.execute("UPDATE entities SET status = ? WHERE id = ?", (status, entity_id))
            existing[key] = (entity_id, status)
            report.entity_decisions += 1
        else:
            digest, title = hashes[team_id]
            report.conflicts.append(
                MergeConflict(
                    "entity", digest, title, f"{label} at {start}..{end}: team {team_status}, source {status}"
                )
            )
    db.executemany(
        'INSERT INTO entities(article_id, start, "end", label, status, model) VALUES (?, ?, ?, ?, ?, ?)',
        inserts,
    )
    report.entities_added += len(inserts)


def _merge_claims(
    db: sqlite3.Connection,
    src: sqlite3.Connection,
    id_map: dict[int, int],
    hashes: dict[int, tuple[str, str]],
    version: int,
    report: MergeReport,
) -> None:
    existing: dict[tuple[int, int, int, str], tuple[str, str, str]] = {}
    for row in db.execute(
        'SELECT article_id, start, "end", annotator, label, note, decided_by FROM claims'
        " WHERE article_id IN (SELECT id FROM merge_targets)"
    ):
        existing.setdefault((row[0], row[1], row[2], row[3]), (row[4], row[5], row[6]))
    decided = "decided_by" if version >= 2 else "''"
    inserts: list[tuple[Any, ...]] = []
    for row in src.execute(
        f'SELECT article_id, start, "end", annotator, label, note, {decided}, created_at, updated_at'
        ' FROM claims ORDER BY article_id, start, "end", id'
    ):
        key = (id_map[row[0]], row[1], row[2], row[3])
        theirs = (row[4], row[5], row[6])
        ours = existing.get(key)
        if ours is None:
            existing[key] = theirs
            inserts.append((*key, *theirs, row[7], row[8]))
            continue
        if ours == theirs:
            report.claims_unchanged += 1
            continue
        digest, title = hashes[key[0]]
        for kind, mine, other in zip(("label", "note", "decided_by"), ours, theirs, strict=True):
            if mine != other:
                report.conflicts.append(
                    MergeConflict(
                        kind,
                        digest,
                        title,
                        f"{row[3]}'s claim at {row[1]}..{row[2]}: team {mine!r}, {report.source} {other!r}",
                    )
                )
    db.executemany(
        'INSERT INTO claims(article_id, start, "end", annotator, label, note, decided_by, created_at,'
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        inserts,
    )
    report.claims_added += len(inserts)


def _merge_guidelines(db: sqlite3.Connection, src: sqlite3.Connection, report: MergeReport) -> None:
    row = src.execute("SELECT value FROM meta WHERE key = 'guidelines'").fetchone()
    if row is None:
        return
    ours = db.execute("SELECT value FROM meta WHERE key = 'guidelines'").fetchone()
    if ours is None:
        db.execute("INSERT INTO meta(key, value) VALUES ('guidelines', ?)", (row[0],))
    elif ours[0] != row[0]:
        report.conflicts.append(
            MergeConflict("guidelines", "", "(project)", f"{report.source} has other guidelines")
        )


def canonical_dump(store: ProjectStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: compares two files by content, not by bytes."""
    tables = [
        row[0]
        for row in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    dump: dict[str, list[tuple[Any, ...]]] = {"user_version": [(store.schema_version,)]}
    for table in tables:
        dump[table] = sorted(
            (tuple(row) for row in store.conn.execute(f'SELECT * FROM "{table}"')),
            key=lambda r: tuple((v is None, str(type(v)), v if v is not None else 0) for v in r),
        )
    return dump


# -- adjudication -------------------------------------------------------------------------


def gold_decisions(store: ProjectStore) -> list[GoldDecision]:
    """Every gold label and "no claim" decision, in text order."""
    decisions = [
        GoldDecision(r[0], r[1], r[2], ClaimLabel(r[3]), r[4], r[5])
        for r in store.conn.execute(
            'SELECT article_id, start, "end", label, decided_by, note FROM claims WHERE annotator = ?',
            (GOLD_ANNOTATOR,),
        )
    ]
    decisions += [
        GoldDecision(r[0], r[1], r[2], None, r[3])
        for r in store.conn.execute('SELECT article_id, start, "end", decided_by FROM gold_no_claim')
    ]
    decisions.sort(key=lambda d: (d.article_id, d.start, d.end))
    return decisions


def gold_decision_at(store: ProjectStore, article_id: int, start: int, end: int) -> GoldDecision | None:
    """The decision recorded for exactly this span, if any (what undoing a decision restores)."""
    row = store.conn.execute(
        "SELECT label, decided_by, note FROM claims WHERE annotator = ? AND article_id = ? AND start = ?"
        ' AND "end" = ?',
        (GOLD_ANNOTATOR, article_id, start, end),
    ).fetchone()
    if row is not None:
        return GoldDecision(article_id, start, end, ClaimLabel(row[0]), row[1], row[2])
    row = store.conn.execute(
        'SELECT decided_by FROM gold_no_claim WHERE article_id = ? AND start = ? AND "end" = ?',
        (article_id, start, end),
    ).fetchone()
    return GoldDecision(article_id, start, end, None, row[0]) if row is not None else None


def set_gold(
    store: ProjectStore,
    article_id: int,
    start: int,
    end: int,
    label: ClaimLabel | None,
    *,
    reviewer: str,
    note: str = "",
) -> GoldDecision:
    """Record the reviewer's decision for a span in one transaction, replacing any earlier one.

    A label becomes a claim of the `gold` annotator with `decided_by` = reviewer; None
    records "no claim", which removes a gold label there.
    """
    if not reviewer.strip():
        raise UserError("adjudication needs a reviewer name; set it in the review window or with --reviewer")
    with store.transaction():
        store.get_article_status(article_id)  # raises NotFoundError for a stale id
        stamp = now_iso()
        clear_gold(store, article_id, start, end)
        if label is None:
            store.conn.execute(
                'INSERT INTO gold_no_claim(article_id, start, "end", decided_by, decided_at)'
                " VALUES (?, ?, ?, ?, ?)",
                (article_id, start, end, reviewer, stamp),
            )
        else:
            created = store.insert_claim(
                Claim(article_id, start, end, ClaimLabel(label), GOLD_ANNOTATOR, note=note)
            )
            store.conn.execute("UPDATE claims SET decided_by = ? WHERE id = ?", (reviewer, created.id))
    return GoldDecision(article_id, start, end, label, reviewer, note)


def clear_gold(store: ProjectStore, article_id: int, start: int, end: int) -> None:
    """Forget the decision for a span (the review's undo)."""
    with store.transaction():
        store.conn.execute(
            'DELETE FROM claims WHERE annotator = ? AND article_id = ? AND start = ? AND "end" = ?',
            (GOLD_ANNOTATOR, article_id, start, end),
        )
        store.conn.execute(
            'DELETE FROM gold_no_claim WHERE article_id = ? AND start = ? AND "end" = ?',
            (article_id, start, end),
        )


def article_sentences(store: ProjectStore) -> dict[int, list[Span]]:
    """Sentence spans that pre-annotation found, per article (articles never analysed are absent)."""
    result: dict[int, list[Span]] = {}
    for article_id, payload in store.conn.execute(
        "SELECT a.id, c.payload FROM articles a JOIN analyses n ON n.article_id = a.id"
        " JOIN analysis_cache c ON c.content_hash = a.content_hash"
        " AND c.pipeline_name = n.pipeline_name AND c.pipeline_version = n.pipeline_version"
    ):
        sentences = json.loads(payload).get("sentences", [])
        if sentences:
            result[article_id] = [(int(s), int(e)) for s, e in sentences]
    return result


def article_texts(store: ProjectStore, article_ids: Iterable[int]) -> dict[int, str]:
    """Texts of some articles in one query (the review shows context; agreement splits sentences)."""
    ids = sorted(set(article_ids))
    result: dict[int, str] = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ", ".join("?" * len(part))
        for article_id, text in store.conn.execute(
            f"SELECT id, text FROM articles WHERE id IN ({marks})", part
        ):
            result[article_id] = text
    return result
