"""Item 3 (and the project-file parts of items 9 and 11): a project file is refused unless its
schema is exactly the app's, and a refusal changes no byte and leaves no file behind.

A crafted file's triggers ran on the app's own writes (deleting every claim on the first
pre-annotation, removing a new label, rewriting labels when an article was marked done), its
views stood in for tables, and `trusted_schema` was on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.errors import DiskFullError, ProjectFileError
from annotator.core.model import ArticleStatus
from annotator.services.project import store_of
from tests.reliability.test_machine_errors import _tmpfs
from tests.security.conftest import TEXT, make_project, one_line, raw, run_cli, snapshot, stale_claims_index

HOSTILE = {
    "delete claims on insert": "CREATE TRIGGER wipe AFTER INSERT ON entities BEGIN DELETE FROM claims; END",
    "drop a new label": "CREATE TRIGGER undo AFTER INSERT ON claims BEGIN"
    " DELETE FROM claims WHERE id = new.id; END",
    "rewrite on done": "CREATE TRIGGER rw AFTER UPDATE OF status ON articles BEGIN"
    " UPDATE claims SET label = 'opinion'; END",
    "endless": "CREATE TRIGGER hang BEFORE INSERT ON claims BEGIN SELECT count(*) FROM "
    "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c); END",
    "view for a table": "DROP TABLE analysis_cache; CREATE VIEW analysis_cache(content_hash, pipeline_name,"
    " pipeline_version, payload) AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
    " SELECT x, 'p', 'v', zeroblob(1000000) FROM c",
    "extra table": "CREATE TABLE notes(x)",
    "missing index": "DROP INDEX claims_article",
    "weakened check": "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql,"
    " 'CHECK (label IN (''factual'', ''opinion'', ''questionable''))', '') WHERE name = 'claims'",
}


def _craft(path: Path, sql: str) -> None:
    conn = raw(path)
    conn.executescript(sql)
    conn.close()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_file_with_foreign_schema_objects_is_refused_unchanged(name: str, tmp_path: Path) -> None:
    path = make_project(tmp_path / "crafted.db")
    _craft(path, HOSTILE[name])
    before = snapshot(path)
    with pytest.raises(ProjectFileError) as info:
        open_project(path, create=False)
    assert "\n" not in str(info.value) and str(path) in str(info.value)
    assert snapshot(path) == before, "a refused file must keep every byte"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crafted.db"]


def test_the_cli_refuses_a_crafted_file_with_one_line_and_exit_1(tmp_path: Path) -> None:
    path = make_project(tmp_path / "crafted.db")
    _craft(path, HOSTILE["rewrite on done"])
    before = snapshot(path)
    for argv in (("stats", str(path)), ("export", str(path), "-o", str(tmp_path / "o.jsonl"))):
        result = run_cli(*argv)
        assert result.returncode == 1, result.stderr
        assert "trigger" in one_line(result.stderr)
    assert snapshot(path) == before


@pytest.mark.parametrize("version", [-1, 2, 99])
def test_a_wrong_user_version_is_refused_before_anything_writes(version: int, tmp_path: Path) -> None:
    """A negative or mismatched version gave exit 3 and switched the file to WAL."""
    path = tmp_path / "p.db"
    make_project(path)
    conn = raw(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = snapshot(path)
    result = run_cli("import", str(path), str(_article(tmp_path)), "--no-nlp")
    assert result.returncode == 1, result.stderr
    one_line(result.stderr)
    assert snapshot(path) == before
    assert path.read_bytes()[18:20] == b"\x01\x01", "still a rollback-journal file, not switched to WAL"


def _article(tmp_path: Path) -> Path:
    article = tmp_path / "a.txt"
    article.write_text("A new article about the budget.", encoding="utf-8")
    return article


def test_every_connection_distrusts_the_schema(project_path: Path) -> None:
    with open_project(project_path, create=False) as project:
        assert store_of(project).conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0


def test_a_stale_index_that_hides_claims_is_refused(tmp_path: Path) -> None:
    """Item 9: `quick_check(1)` passes a file whose index lost rows; every claim query then hid them."""
    path = make_project(tmp_path / "p.db", texts=(TEXT, TEXT + " More."))
    stale_claims_index(path)
    conn = raw(path)
    assert conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    assert len(conn.execute("SELECT * FROM claims WHERE article_id = 1").fetchall()) == 1  # one hidden
    conn.close()
    before = snapshot(path)
    with pytest.raises(ProjectFileError, match="damaged"):
        open_project(path, create=False)
    assert snapshot(path) == before


def _fill_disk(ballast: Path) -> None:
    with open(ballast, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass


@pytest.fixture
def small_disk() -> Iterator[Path]:
    yield from _tmpfs("2m", "annotator-sec-full-")


def test_a_healthy_project_on_a_full_disk_is_not_called_damaged(small_disk: Path) -> None:
    """Item 9: opening needs a `-shm`; on a full disk that failed and read as "damaged"."""
    path = make_project(small_disk / "p.db")
    ballast = small_disk / "ballast"
    _fill_disk(ballast)
    try:
        with pytest.raises(DiskFullError) as info, open_project(path, create=False):
            pass
        assert "damaged" not in str(info.value)
    finally:
        ballast.unlink()
    with open_project(path, create=False) as project:
        assert project.article_count() == 1
        project.set_status(1, ArticleStatus.DONE)


def test_a_full_disk_while_creating_leaves_no_empty_project(small_disk: Path) -> None:
    """Item 11: creating a project on a full disk left a 0-byte project behind."""
    ballast = small_disk / "ballast"
    _fill_disk(ballast)
    try:
        with pytest.raises(DiskFullError):
            open_project(small_disk / "new.db")
        assert sorted(os.listdir(small_disk)) == ["ballast"]
    finally:
        ballast.unlink()


def test_refusing_a_wal_file_leaves_no_wal_or_shm(tmp_path: Path) -> None:
    """Item 11: the read-only check of a WAL-mode file made `-wal`/`-shm` beside it."""
    path = make_project(tmp_path / "p.db")
    _craft(path, HOSTILE["extra table"])
    assert path.read_bytes()[18:20] == b"\x02\x02"  # WAL mode
    with pytest.raises(ProjectFileError):
        open_project(path, create=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]


def test_a_clean_close_removes_the_lock_file(tmp_path: Path) -> None:
    """Item 11: `NAME.lock` stayed after a clean quit."""
    path = make_project(tmp_path / "p.db")
    with open_project(path) as first, open_project(path) as second:
        assert second.opened_elsewhere and store_of(first).lock.path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]


# A name of a schema object is the file's own text: as long as whoever crafted it liked.
_LONG_NAME = "wipe" + " and more" * 100_000


@pytest.mark.parametrize(
    "sql",
    [
        f'CREATE TRIGGER "{_LONG_NAME}" AFTER INSERT ON claims BEGIN DELETE FROM claims; END',
        f'CREATE TABLE "{_LONG_NAME}"(x)',
        # Not even SQL: SQLite's own error ("malformed database schema (name)") quotes the name.
        "PRAGMA writable_schema = ON; INSERT INTO sqlite_master VALUES"
        f" ('trigger', '{_LONG_NAME}', 'claims', 0, 'CREATE TRIGGER oops')",
    ],
)
def test_a_refusal_quotes_a_hostile_name_short(sql: str, tmp_path: Path) -> None:
    """A trigger named with 900,000 characters made a refusal as long: the window froze for
    seconds on a message box 180,000 pixels tall whose OK button was off the screen."""
    path = make_project(tmp_path / "crafted.db")
    _craft(path, sql)
    with pytest.raises(ProjectFileError) as info:
        open_project(path, create=False)
    message = str(info.value)
    assert str(path) in message and "wipe and more" in message
    assert len(message) < len(str(path)) + 400, message[:500]
