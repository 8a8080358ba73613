"""A `-journal` beside a project is named as what it is, and kept.

`echo garbage > p.db-journal; annotator stats p.db` said the project was on a read-only disk:
SQLite refused to read past a journal it would have to play back (SQLITE_READONLY_ROLLBACK),
and every read-only refusal was worded so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import open_project
from annotator.cli import main
from annotator.core.errors import ProjectFileError
from tests.security.conftest import make_project, one_line, snapshot


def test_a_leftover_journal_is_named_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p.db")
    journal = tmp_path / "p.db-journal"
    journal.write_text("garbage\n")
    before = snapshot(project)
    assert main(["stats", str(project)]) == 1
    message = one_line(capsys.readouterr().err)
    assert "read-only" not in message
    assert f"a leftover journal file {journal.name} is beside the project" in message
    assert "do not delete it" in message and f"move {journal.name} into another folder" in message
    with pytest.raises(ProjectFileError, match="leftover journal"):
        open_project(project, create=False)
    assert snapshot(project) == before  # the journal too: nothing played back or removed
