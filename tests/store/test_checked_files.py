"""A project this process holds open, unchanged since its checks passed, is not checked again by
the next connection to it (the pool's, reading the list while the window has the project); any
change to the file, or a file no connection of this process holds, is checked in full."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.errors import DamagedProjectError, ProjectFileError
from annotator.store import project_store
from tests.security.conftest import make_project, raw


@pytest.fixture
def checks_made(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files `check_connection` was run on, in order."""
    made: list[Path] = []
    original = project_store.check_connection

    def counted(conn: sqlite3.Connection, path: Path) -> int:
        made.append(path)
        return original(conn, path)

    monkeypatch.setattr(project_store, "check_connection", counted)
    return made


def _open_on_another_thread(path: Path) -> int:
    """Open `path` as the pool does, on a thread of its own; the articles it counts."""
    counted: list[int | BaseException] = []

    def work() -> None:
        try:
            with open_project(path, create=False) as project:
                counted.append(project.article_count())
        except BaseException as exc:  # raised again below
            counted.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if isinstance(counted[0], BaseException):
        raise counted[0]
    return counted[0]


def test_a_second_connection_to_an_unchanged_open_project_is_not_checked_again(
    tmp_path: Path, checks_made: list[Path]
) -> None:
    path = make_project(tmp_path / "p.db")
    with open_project(path, create=False):
        assert _open_on_another_thread(path) == 1
        assert _open_on_another_thread(path) == 1
    assert len(checks_made) == 1


def test_a_project_saved_to_since_is_checked_again(tmp_path: Path, checks_made: list[Path]) -> None:
    path = make_project(tmp_path / "p.db")
    with open_project(path, create=False) as window:
        window.set_status(1, "done")  # the window's own save
        assert _open_on_another_thread(path) == 1
        with raw(path) as other:  # another program's
            other.execute("UPDATE articles SET status = 'new'")
        assert _open_on_another_thread(path) == 1
    assert len(checks_made) == 3


def test_a_project_no_connection_holds_is_checked_at_each_open(
    tmp_path: Path, checks_made: list[Path]
) -> None:
    path = make_project(tmp_path / "p.db")
    for _ in range(2):
        with open_project(path, create=False):
            pass
    assert len(checks_made) == 2


def test_a_trigger_added_to_an_open_project_is_refused_by_the_next_connection(tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.db")
    with open_project(path, create=False):
        assert _open_on_another_thread(path) == 1
        with raw(path) as hostile:
            hostile.execute("CREATE TRIGGER t AFTER UPDATE ON claims BEGIN DELETE FROM claims; END")
        with pytest.raises(DamagedProjectError, match="trigger"):
            _open_on_another_thread(path)


def test_a_project_replaced_while_open_is_checked_as_the_new_file(tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.db")
    stranger = tmp_path / "stranger.db"
    stranger.write_bytes(b"not a project at all, but as long as one " * 100)
    with open_project(path, create=False):
        stranger.replace(path)
        with pytest.raises(ProjectFileError, match="not an annotator project"):
            _open_on_another_thread(path)
