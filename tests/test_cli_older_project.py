"""Commands on a project made by an earlier version: it is updated, and kept as it was beside it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store.schema import SCHEMA_VERSION
from tests.store.old_files import project_at


def test_stats_of_an_older_project_says_it_was_updated_and_where_it_is_kept_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even `stats` updates a file (every read of it needs today's tables): run on a colleague's
    file, it left one their release refused, and said nothing."""
    path = tmp_path / "colleague.annotator.db"
    project_at(path, 2)
    assert main(["stats", str(path)]) == 0
    out, err = capsys.readouterr()
    kept = tmp_path / "colleague (before update).annotator.db"
    assert "factual" in out
    assert "earlier version" in err and str(kept) in err
    with closing(sqlite3.connect(kept)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
