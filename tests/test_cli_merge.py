"""`annotator merge TEAM ...` into a team file that did not exist: refused, it leaves none behind.

A rejected merge into a new team file left an empty 128 KB project there (so did `merge
self.db self.db`), which the next merge then took for a team file; a rejected first import
already removed what it had made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from tests.security.conftest import make_project, one_line, snapshot


def test_a_refused_merge_into_a_new_team_file_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("junk\n")
    team = tmp_path / "NEW.db"
    same = tmp_path / "self.db"
    for argv, message in (
        ([str(team), str(bad)], "not an SQLite file"),
        ([str(same), str(same)], "cannot merge a project into itself"),
    ):
        assert main(["merge", *argv]) == 1
        assert message in one_line(capsys.readouterr().err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]


def test_a_refused_merge_into_an_existing_team_file_keeps_it_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = make_project(tmp_path / "team.db")
    before = snapshot(team)
    bad = tmp_path / "bad.db"
    bad.write_text("junk\n")
    assert main(["merge", str(team), str(bad)]) == 1
    assert "not an SQLite file" in one_line(capsys.readouterr().err)
    assert snapshot(team) == before
