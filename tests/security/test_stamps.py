"""Stamps other than claims' in a crafted project file: read as text, never as times.

Claims' stamps are compared as moments wherever a time matters (`Claim.changed_at`: `export
--since`, a release card's date, a label worked out from claims). The project's other stamped
columns, found here from the schema so that a new one cannot be missed, are checked where they
are read as any text is (`store.rows`: text, no NUL, within the field limit; a blob or a NUL
refuses the row by name, as in a claim), and no code sorts by them, compares them, counts them
or shows them: a stamp that names no time, or a time outside what a date can hold, changes
nothing a person sees. A merge carries them into the team file as the source wrote them, as it
carries claims' stamps; should one ever be shown or compared, it must be read as a moment
(`core.model.stamp_moment`), and these tests then say where.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.errors import ProjectFileError
from annotator.services.exporting import ExportOptions, export
from annotator.services.project import Project, store_of
from annotator.services.statistics import team_stats
from annotator.services.suggestions import current_model
from annotator.store.merge import gold_decisions, merge_project
from annotator.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.security.conftest import TEXT
from tests.security.test_project_rows import _craft, _genuine
from tests.ui.conftest import open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

CLAIM_STAMPS = {("claims", "created_at"), ("claims", "updated_at")}
OTHER_STAMPS = {
    ("articles", "created_at"),
    ("articles", "updated_at"),
    ("analyses", "created_at"),
    ("annotators", "created_at"),
    ("gold_no_claim", "decided_at"),
    ("claim_models", "created_at"),
}
"""Besides these columns, the `meta` entry `created_at` (when the project was made) is a stamp."""

CRAFTED = {
    "no time": "yesterday",
    "past the last year": "9999-12-31T23:59:59-05:00",
    "before the first year": "0001-01-01T00:00:00+05:00",
    "empty": "",
    "markup and controls": "\u202e<b>2024-01-01</b>\n\t",
    "as long as a field": "2" * 100_000,
}


def test_every_stamped_column_of_the_schema_is_one_of_these() -> None:
    """A stamped column a migration adds must be thought about here too."""
    conn = sqlite3.connect(":memory:")
    try:
        for step in range(1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        stamped = {
            (table, row[1])
            for table in tables
            for row in conn.execute(f'PRAGMA table_info("{table}")')
            if row[1].endswith("_at")
        }
    finally:
        conn.close()
    assert stamped == OTHER_STAMPS | CLAIM_STAMPS


def _stamped(path: Path, stamp: str) -> Path:
    """Every stamp but claims' set to `stamp`, as someone editing the file would write it."""
    statements = [f"UPDATE {table} SET {column} = :stamp" for table, column in sorted(OTHER_STAMPS)]
    statements.append("UPDATE meta SET value = :stamp WHERE key = 'created_at'")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement, {"stamp": stamp})
    finally:
        conn.close()
    return path


def _seen(project: Project, out: Path) -> dict[str, Any]:
    """What a person or a script gets from a project, but the stamps as stored."""
    shown = project.annotated(1)
    export(project, out, options=ExportOptions(format="jsonl", force=True))
    export(project, out.with_suffix(".since.jsonl"), options=ExportOptions(since="2000-01-01", force=True))
    found = current_model(project)
    return {
        "article": dataclasses.replace(shown, article=dataclasses.replace(shown.article, created_at="")),
        "stats": project.stats(),
        "team": team_stats(project),
        "gold": gold_decisions(store_of(project)),
        "export": out.read_bytes(),
        "since": out.with_suffix(".since.jsonl").read_bytes(),
        "model": found[0].id if found else None,
    }


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_stamp_changes_nothing_a_person_sees_and_a_merge_carries_it(
    case: str, tmp_path: Path
) -> None:
    stamp = CRAFTED[case]
    clean = _genuine(tmp_path / "clean.db")
    crafted = tmp_path / "crafted.db"
    shutil.copyfile(clean, crafted)
    _stamped(crafted, stamp)
    with open_project(clean, create=False) as project:
        expected = _seen(project, tmp_path / "clean.jsonl")
    with open_project(crafted, create=False) as project:
        assert _seen(project, tmp_path / "crafted.jsonl") == expected

    merged = {}
    for name, source in (("clean", clean), ("crafted", crafted)):
        with open_project(tmp_path / f"team-{name}.db") as team:
            report = merge_project(store_of(team), source)
            figures = team_stats(team), gold_decisions(store_of(team))
            merged[name] = (report.to_dict() | {"source": ""}, *figures)
            carried = {
                (table, column): {
                    row[0] for row in store_of(team).conn.execute(f"SELECT {column} FROM {table}")
                }
                for table, column in (("articles", "created_at"), ("gold_no_claim", "decided_at"))
            }
    assert merged["crafted"] == merged["clean"]
    # Carried as the source wrote it, as a claim's stamp is; nothing reads it as a time.
    assert carried == {("articles", "created_at"): {stamp}, ("gold_no_claim", "decided_at"): {stamp}}


@pytest.mark.parametrize("value", ["x'00ff'", "'2024-01-01' || char(0)"])
def test_a_stamp_that_is_not_text_refuses_its_row_by_name(value: str, tmp_path: Path) -> None:
    """As in a claim: annotator never writes one, so the row is named, not read."""
    path = _genuine(tmp_path / "p.db")
    _craft(path, f"UPDATE gold_no_claim SET decided_at = {value}")
    with (
        open_project(path, create=False) as project,
        pytest.raises(ProjectFileError, match="gold_no_claim row 1: decided_at "),
    ):
        gold_decisions(store_of(project))


def test_the_window_shows_an_article_of_a_file_with_crafted_stamps(qtbot: QtBot, tmp_path: Path) -> None:
    path = _stamped(_genuine(tmp_path / "p.db"), CRAFTED["markup and controls"])
    window = open_window(qtbot, None)
    window.guard(lambda: window.open_project(path, create=False))
    qtbot.waitUntil(lambda: window.article is not None)
    assert window.findChild(QMessageBox, "errorBox") is None
    assert window.article is not None and window.view.toPlainText() == TEXT
    assert [(c.start, c.end) for c in window.article.claims] == [(0, 12)]
    window.close()
