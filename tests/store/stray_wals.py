"""`-wal` files that hold pages and belong to some other database, kept aside.

The open and the merge both refuse a project with such a `-wal` beside it; both make them the
same way, so they are made here once.
"""

from __future__ import annotations

import contextlib
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


def wal_pages(wal: Path) -> list[int]:
    """The page of each frame in `wal` that SQLite reads (those of its header's salts)."""
    data = wal.read_bytes()
    page_size = int.from_bytes(data[8:12], "big")
    pages, offset = [], 32
    while offset + 24 + page_size <= len(data) and data[offset + 8 : offset + 16] == data[16:24]:
        pages.append(int.from_bytes(data[offset : offset + 4], "big"))
        offset += 24 + page_size
    return pages


def a_larger_projects_later_wal(tmp_path: Path, *, growing: bool = False) -> Path:
    """The `-wal` of another, larger project's later session, kept aside: a label only, in
    pages that both projects have (neither page 1 nor the page of `meta`), then with
    `growing` an import that grows the file (page 1 too)."""
    folder = tmp_path / "colleague"
    folder.mkdir()
    path = folder / "other.annotator"
    with open_project(path) as other:
        other.import_texts(OTHER_TEXTS)
    with open_project(path, create=False) as other:  # the next day: her first label
        other.add_claim(other.article_ids()[3], 0, 5, "opinion", annotator="alice")
        if growing:
            other.import_texts([f"Another article {i}: the minister lied again. " * 20 for i in range(20)])
        kept = tmp_path / "other-wal"
        shutil.copyfile(folder / "other.annotator-wal", kept)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        [(meta_page,)] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meta'")
    pages = wal_pages(kept)
    assert meta_page not in pages and (1 in pages) == growing and pages[0] != 1
    return kept
