"""The pool's checks of a project to open keep the `-wal`/`-shm` they made for the window's
connection that follows; when no opening follows (a later one was asked, the window closed),
`not_opening` removes them, and only them, unless someone else has the project open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.model import ArticleDraft
from annotator.services.project import check_before_opening, not_opening, open_project


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def _project(path: Path) -> Path:
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text="The council met on Monday.", title="One", source="test")])
    assert not any(c.exists() for c in _companions(path))  # a clean close removes them
    return path


def test_the_checks_keep_what_they_made_and_not_opening_removes_it(tmp_path: Path) -> None:
    path = _project(tmp_path / "p.annotator.db")
    checked = check_before_opening(path)
    assert checked.kept == ("-wal", "-shm")
    assert all(c.exists() for c in _companions(path))  # for the window's connection
    not_opening(path, checked)
    assert [c.name for c in _companions(path) if c.exists()] == []


def test_what_another_connection_has_open_stays(tmp_path: Path) -> None:
    path = _project(tmp_path / "p.annotator.db")
    with open_project(path, create=False) as project:
        project.article_count()
        checked = check_before_opening(path)
        assert checked.kept == ()  # they were there: not the checks' to remove
        not_opening(path, checked)
        assert all(c.exists() for c in _companions(path))


def test_a_wal_written_since_stays(tmp_path: Path) -> None:
    path = _project(tmp_path / "p.annotator.db")
    checked = check_before_opening(path)
    writer = sqlite3.connect(path)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("INSERT INTO meta (key, value) VALUES ('note', 'written meanwhile')")
        writer.commit()
        assert _companions(path)[0].stat().st_size > 0
        not_opening(path, checked)
        assert _companions(path)[0].exists()
    finally:
        writer.close()
