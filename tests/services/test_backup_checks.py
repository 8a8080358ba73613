"""`annotator backup` copies projects only: the file is checked as `stats` checks it, first.

A file with a foreign table or a trigger, or one of a newer schema, was copied and "copied
X to Y" said, as if it were a project.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store import SCHEMA_VERSION
from tests.security.conftest import make_project, one_line, raw, snapshot


def _run(path: Path, sql: str) -> None:
    conn = raw(path)
    try:
        conn.execute(sql)
    finally:
        conn.close()


def _foreign_table(path: Path) -> None:
    _run(path, "CREATE TABLE notes(body TEXT)")


def _trigger(path: Path) -> None:
    _run(path, "CREATE TRIGGER t AFTER INSERT ON claims BEGIN DELETE FROM claims; END")


def _foreign_index(path: Path) -> None:
    _run(path, "CREATE INDEX x ON claims(note)")


def _future(path: Path) -> None:
    _run(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _empty(path: Path) -> None:
    path.unlink()
    path.write_bytes(b"")


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_foreign_table, "holds a table 'notes' the app never makes"),
        (_trigger, "holds a trigger ('t')"),
        (_foreign_index, "holds an index 'x' the app never makes"),
        (_future, "was made by a newer version of annotator"),
        (_empty, "is empty, not an annotator project"),
    ],
)
def test_a_file_that_is_no_project_is_not_copied(
    spoil: Callable[[Path], None], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p.db")
    spoil(project)
    before = snapshot(project)
    copy = tmp_path / "copy.db"
    assert main(["backup", str(project), str(copy)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and f"{project}: " in err and message in one_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]
    assert snapshot(project) == before


def test_a_project_is_copied_and_nothing_is_left_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p.db")
    copy = tmp_path / "copy.db"
    assert main(["backup", str(project), str(copy)]) == 0
    assert capsys.readouterr().out == f"copied {project} to {copy}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "p.db"]
    assert main(["stats", str(copy), "--json"]) == 0


def test_the_copy_is_checked_too_for_a_file_swapped_after_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The copy is the snapshot that was read: a stranger put in the project's place between
    the check and the copy is refused, and no copy is kept."""
    project = make_project(tmp_path / "p.db")
    _trigger(project)
    monkeypatch.setattr("annotator.services.backups.check_project_file", lambda _path: SCHEMA_VERSION)
    assert main(["backup", str(project), str(tmp_path / "copy.db")]) == 1
    assert "holds a trigger ('t')" in one_line(capsys.readouterr().err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]
