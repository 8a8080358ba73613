"""Builders of hostile input shared by the security tests (each test still builds its own file)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import open_project

ROOT = Path(__file__).resolve().parents[2]

TEXT = "The minister said prices rose 5% in May. Critics disagree strongly with that figure."


def make_project(path: Path, *, texts: tuple[str, ...] = (TEXT,), annotator: str = "ana") -> Path:
    """A small genuine project with one claim per article."""
    with open_project(path) as project:
        for article_id in project.import_texts(list(texts)).added:
            project.add_claim(article_id, 0, 12, "factual", annotator=annotator)
    return path


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection, as an attacker would use to craft a file."""
    return sqlite3.connect(path, isolation_level=None)


def stale_claims_index(path: Path) -> None:
    """Add a claim per claim that the index `claims_article` does not hold (`quick_check` passes)."""
    conn = raw(path)
    (root, sql) = conn.execute(
        "SELECT rootpage, sql FROM sqlite_master WHERE name = 'claims_article'"
    ).fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("DELETE FROM sqlite_master WHERE name = 'claims_article'")
    conn.close()
    conn = raw(path)  # the index is unknown now: new claims do not reach it
    conn.execute(
        'INSERT INTO claims(article_id, start, "end", label, annotator, created_at, updated_at)'
        " SELECT article_id, 0, 5, 'opinion', annotator, created_at, updated_at FROM claims"
    )
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "INSERT INTO sqlite_master(type, name, tbl_name, rootpage, sql) VALUES ('index', 'claims_article',"
        " 'claims', ?, ?)",
        (root, sql),
    )
    conn.close()


def snapshot(path: Path) -> dict[str, bytes]:
    """The bytes of a file and of every companion beside it (to prove nothing changed)."""
    found = {}
    for suffix in ("", "-wal", "-shm", ".lock", "-journal"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            found[suffix] = companion.read_bytes()
    return found


def descriptors_of(path: Path) -> list[str]:
    """What this process holds open of the file `path` and of its companions (Linux's /proc).

    A connection that failed to close (a statement of it still alive) keeps them open after the
    app said it let the file go, and Windows lets nobody replace or remove a file held open.
    """
    held = []
    for entry in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(entry)
        except OSError:
            continue  # closed since it was listed (the listing's own descriptor, say)
        if target.removesuffix(" (deleted)").startswith(str(path)):
            held.append(target)
    return held


def run_cli(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real `annotator` command in a child process, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "annotator", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
        check=False,
    )


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> subprocess.CompletedProcess[str]:
    """The `annotator` command's `main` in this process, its exit status and output as `run_cli`
    gives them: for the commands whose refusal of a file is under test, not the process itself
    (its start, its signals, its terminal), which `run_cli` tests. A child process per case
    spent most of a test file's time starting Python and importing the app."""
    from annotator.cli import main

    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["annotator", *argv], code, out, err)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p.db")
