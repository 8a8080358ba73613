"""An article's entities and candidates are checked in one pass of comparisons, not a call per
row: a hostile row among thousands of good ones is still refused by name, also when another
connection writes it after this one read (and kept) the good rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectFileError
from annotator.core.model import Analysis, ArticleDraft, ClaimCandidate, Entity, PipelineInfo
from annotator.store import ProjectStore

PIPE = PipelineInfo("test", "1")
TEXT = " ".join(f"Word{i} said things." for i in range(200))
ROWS = 60
HOSTILE_ID = 31  # a row in the middle, after good rows with the same values


def _project(path: Path) -> ProjectStore:
    store = ProjectStore(path)
    store.import_drafts([ArticleDraft(text=TEXT, title="Long")])
    store.save_analysis(
        1,
        Analysis(
            PIPE,
            entities=tuple(Entity(i * 10, i * 10 + 5, "PERSON") for i in range(ROWS)),
            candidates=tuple(ClaimCandidate(i * 10, i * 10 + 8, 0.5, ("number",)) for i in range(ROWS)),
        ),
    )
    return store


def _craft(path: Path, sql: str) -> None:
    """Write as another program would, past the table's CHECK constraints."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(sql)
    conn.close()


@pytest.mark.parametrize(
    "change",
    [
        "start = 1.5",
        "start = 'x'",
        '"end" = 99999',
        '"end" = start',
        "label = x'00ff'",
        "label = '   '",
        "label = 'PER' || char(0)",
        "status = 'maybe'",
        "model = x'6d'",
    ],
)
def test_a_hostile_entity_row_among_good_ones_is_refused_by_name(change: str, tmp_path: Path) -> None:
    with _project(tmp_path / "p.db") as store:
        assert len(store.entities(1)) == ROWS  # read and kept
        _craft(store.path, f"UPDATE entities SET {change} WHERE id = {HOSTILE_ID}")
        with pytest.raises(ProjectFileError, match=f"entities row {HOSTILE_ID}: "):
            store.entities(1)


@pytest.mark.parametrize(
    "change",
    [
        "start = 1.5",
        '"end" = 99999',
        "score = 'high'",
        "score = 9e999",
        "reasons = '{\"a\": 1}'",
        "reasons = '[1]'",
        "model = x'6d'",
    ],
)
def test_a_hostile_candidate_row_among_good_ones_is_refused_by_name(change: str, tmp_path: Path) -> None:
    with _project(tmp_path / "p.db") as store:
        assert len(store.candidates(1)) == ROWS
        candidate_id = store.candidates(1)[HOSTILE_ID - 1].id
        _craft(store.path, f"UPDATE candidates SET {change} WHERE id = {candidate_id}")
        with pytest.raises(ProjectFileError, match=f"candidates row {candidate_id}: "):
            store.candidates(1)


def test_rows_come_in_text_order_though_read_in_start_order(tmp_path: Path) -> None:
    """The index gives the rows by start; equal starts are ordered by end, then id, as before."""
    with _project(tmp_path / "p.db") as store:
        _craft(
            store.path,
            'INSERT INTO entities(id, article_id, start, "end", label, status, model)'
            " VALUES (500, 1, 10, 12, 'ORG', 'suggested', 'x'), (400, 1, 10, 12, 'GPE', 'suggested', 'x'),"
            " (300, 1, 10, 20, 'ORG', 'suggested', 'x')",
        )
        near = [(e.start, e.end, e.id) for e in store.entities(1) if e.start == 10]
        assert near == [(10, 12, 400), (10, 12, 500), (10, 15, 2), (10, 20, 300)]
