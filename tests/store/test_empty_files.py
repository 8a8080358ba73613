"""A command that only reads never turns a file into a project.

`: > notes.txt; annotator stats notes.txt` exited 0 and left notes.txt a 128 KB project: an
opening with create=False treated an empty file as a new project to fill, as an import
may. Opening to read now refuses it and changes no byte; opening to create still fills it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import ProjectFileError
from annotator.store import ProjectStore
from tests.security.conftest import one_line


def _bare_sqlite(path: Path) -> Path:
    """An SQLite file with a header and nothing else (schema version 0, no tables)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    assert path.stat().st_size > 0
    return path


@pytest.mark.parametrize("command", [("stats",), ("export", "-o", "out.jsonl"), ("agreement",)])
def test_reading_commands_refuse_an_empty_file_and_leave_it_empty(
    command: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"")
    assert main([command[0], str(notes), *command[1:]]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"annotator: {notes}: is empty, not an annotator project; open a project file, "
        "or import articles to make one"
    )
    assert notes.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_sqlite_file_with_nothing_in_it_is_refused_too_but_may_be_created_into(tmp_path: Path) -> None:
    bare = _bare_sqlite(tmp_path / "bare.db")
    before = bare.read_bytes()
    with pytest.raises(
        ProjectFileError, match="is an SQLite file with nothing in it, not an annotator project"
    ):
        ProjectStore(bare, create=False)
    assert bare.read_bytes() == before
    empty = tmp_path / "made-by-a-save-dialog.db"
    empty.write_bytes(b"")
    for path in (bare, empty):  # an opening that may create still fills them
        with ProjectStore(path, create=True) as store:
            assert store.stats().articles == 0
        with ProjectStore(path, create=False) as store:
            assert store.stats().articles == 0
