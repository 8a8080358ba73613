"""`-wal` files that hold pages and belong to some other database, kept aside.

The open and the merge both refuse a project with such a `-wal` beside it; both make them the
same way, so they are made here once.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from annotator.services.project import open_project

OTHER_TEXTS = [f"Other article {i} says the minister lied about the prices. " * 3 for i in range(20)]


def another_projects_wal(tmp_path: Path) -> Path:
    """The `-wal` of another project, with its articles in it, kept aside."""
    folder = tmp_path / "colleague"
    folder.mkdir()
    with open_project(folder / "other.annotator") as other:
        other.import_texts(OTHER_TEXTS)
        kept = tmp_path / "other-wal"
        shutil.copyfile(folder / "other.annotator-wal", kept)
    assert kept.stat().st_size > 0
    return kept


def a_databases_wal(tmp_path: Path) -> Path:
    """The `-wal` of an SQLite database that is no project, with pages in it, kept aside."""
    conn = sqlite3.connect(tmp_path / "notes.db")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE notes(body TEXT)")
    conn.executemany("INSERT INTO notes VALUES (?)", [("x" * 500,)] * 50)
    conn.commit()
    kept = tmp_path / "notes-wal"
    shutil.copyfile(tmp_path / "notes.db-wal", kept)
    conn.close()
    assert kept.stat().st_size > 0
    return kept
