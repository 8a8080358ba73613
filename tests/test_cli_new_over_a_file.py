"""`annotator import` into a name a file has already: as the window's New Project does.

A file that is not a project (another program's SQLite data, a text file) is refused and
left as it is; a file with nothing in it (`touch claims.annotator.db`) is where the project
is made. These run the real command in a child process, in a folder of its own.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.security.conftest import ROOT


def _run(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(cwd)},
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("text", "annotator: notes.db: is not an annotator project (not an SQLite file)"),
        ("sqlite", "annotator: notes.db: is an SQLite file but not an annotator project"),
    ],
)
def test_import_into_a_file_that_is_not_a_project_refuses_it_and_leaves_it_as_it_is(
    tmp_path: Path, kind: str, said: str
) -> None:
    (tmp_path / "article.txt").write_text("The council voted to build a bridge.\n")
    notes = tmp_path / "notes.db"
    if kind == "text":
        notes.write_text("Call the council about the bridge.\n")
    else:
        with closing(sqlite3.connect(notes)) as conn:
            conn.execute("CREATE TABLE notes (body TEXT)")
            conn.commit()
    before = notes.read_bytes()
    done = _run("import", "notes.db", "article.txt", "--no-nlp", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == said
    assert "Traceback" not in done.stderr
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "notes.db"]


def test_import_into_an_empty_file_makes_the_project_in_it(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("The council voted to build a bridge.\n")
    (tmp_path / "claims.annotator.db").write_bytes(b"")
    done = _run("import", "claims.annotator.db", "article.txt", "--no-nlp", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "imported 1 article" in done.stdout
    stats = _run("stats", "claims.annotator.db", cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
