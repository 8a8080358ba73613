"""The names of new project files: what File ▸ New Project… and Save a Copy As… propose, and
a name typed that would leave the project where no one finds it again.

The save dialog returns what was typed; the window made the project from it with no word, in
a folder a slip of the fingers had named.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from tests.ui.conftest import make_project, open_window, wait_opened
from tests.ui.error_boxes import shown_error


def _type_in_the_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The save dialog of someone who types `path` under the projects filter and presses Save."""

    def save(_parent: object, _title: str, _start: str, filters: str, *_rest: Any) -> tuple[str, str]:
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)


def _save_as_proposed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The save dialog of someone who presses Save on the name it proposes; the names it
    proposed are listed in what is returned."""
    proposed: list[str] = []

    def save(_parent: object, _title: str, start: str, filters: str, *_rest: Any) -> tuple[str, str]:
        proposed.append(start)
        return start, filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    return proposed


def _new_project_refused(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str) -> str:
    """What the window says when New Project… is given `typed` in `tmp_path`, with no project
    open; checked to have made no file and opened no project."""
    _type_in_the_save_dialog(monkeypatch, tmp_path / typed)
    window = open_window(qtbot, None)
    try:
        window.registry["new_project"].trigger()
        said = shown_error(qtbot, window)
        wait_opened(qtbot, window)
        assert list(tmp_path.iterdir()) == []
        assert window.project is None
    finally:
        window.close()
    return said


def test_a_new_project_in_a_folder_that_is_not_there_is_refused_and_no_folder_is_made(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = make_project(tmp_path / "own.annotator.db", [])
    _type_in_the_save_dialog(monkeypatch, tmp_path / "Documnets" / "claims")
    window = open_window(qtbot, own)
    try:
        window.registry["new_project"].trigger()
        said = shown_error(qtbot, window)
        wait_opened(qtbot, window)
        assert said == (
            f"No project was made: the folder {tmp_path / 'Documnets'} does not exist. Check the"
            " folder's name, or make the folder first, then choose New Project again."
        )
        assert not (tmp_path / "Documnets").exists()
        assert window.project is not None and window.project.path == own  # still open, as it was
    finally:
        window.close()


@pytest.mark.parametrize("typed", [".claims", ".annotator.db"])
def test_a_new_project_named_with_a_leading_dot_is_refused_and_no_hidden_file_is_made(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    said = _new_project_refused(qtbot, tmp_path, monkeypatch, typed)
    assert said.startswith("No project was made: a name that starts with a dot (")
    assert said.endswith(
        "makes a hidden file, which the Open dialog does not list. Choose a name without"
        " the dot at the start."
    )


@pytest.mark.parametrize("typed", ["   ", "  .annotator.db", "\u3000"])
def test_a_new_project_named_with_spaces_only_is_refused_and_nothing_is_made(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    said = _new_project_refused(qtbot, tmp_path, monkeypatch, typed)
    assert said == "No project was made: its name is only spaces. Type a name for the project."


def test_new_project_proposes_a_name_no_file_has_and_save_as_proposed_makes_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_project(tmp_path / "claims.annotator.db", [("Bridge", "The council voted to build a bridge.")])
    (tmp_path / "claims 2.annotator.db").write_bytes(b"")  # any file takes a name, project or not
    proposed = _save_as_proposed(monkeypatch)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a: pytest.fail("asked about a name the window proposed")
    )
    settings = Settings(annotator="tester").with_folder("project", str(tmp_path))
    window = open_window(qtbot, None, settings=settings)
    try:
        window.registry["new_project"].trigger()
        wait_opened(qtbot, window)
        assert proposed == [str(tmp_path / "claims 3.annotator.db")]
        assert window.project is not None and window.project.path == tmp_path / "claims 3.annotator.db"
        assert window.project.articles() == []
    finally:
        window.close()


def test_save_a_copy_as_proposes_a_name_no_file_has_and_save_as_proposed_saves_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = make_project(tmp_path / "team.annotator.db", [("Bridge", "The council voted to build a bridge.")])
    (tmp_path / "team (copy).annotator.db").write_bytes(b"")  # yesterday's copy
    proposed = _save_as_proposed(monkeypatch)
    settings = Settings(annotator="tester").with_folder("project", str(tmp_path))
    window = open_window(qtbot, own, settings=settings)
    try:
        window.registry["save_copy"].trigger()
        copy = tmp_path / "team (copy 2).annotator.db"
        assert proposed == [str(copy)]
        qtbot.waitUntil(lambda: not window.busy, timeout=30_000)
        assert f"is saved in {copy}" in window.statusBar().currentMessage()
        assert [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()] == []
        assert (tmp_path / "team (copy).annotator.db").read_bytes() == b""
    finally:
        window.close()


def _another_programs_database(path: Path) -> bytes:
    """An SQLite file of another program (a notes app's), its bytes as made."""
    import sqlite3

    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('buy milk')")
        conn.commit()
    return path.read_bytes()


@pytest.mark.parametrize("kind", ["text", "sqlite"])
def test_a_new_project_named_after_a_file_that_is_not_a_project_is_refused_at_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    own = make_project(tmp_path / "own.annotator.db", [])
    there = tmp_path / "notes.db"
    if kind == "text":
        there.write_text("Call the council about the bridge.\n")
        before = there.read_bytes()
    else:
        before = _another_programs_database(there)
    _type_in_the_save_dialog(monkeypatch, there)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a: pytest.fail("offered to open a file that is not a project")
    )
    window = open_window(qtbot, own)
    try:
        window.registry["new_project"].trigger()
        said = shown_error(qtbot, window)
        wait_opened(qtbot, window)
        assert said == (
            "No project was made: notes.db is already there and is not an annotator project."
            " It was left as it is. Choose another name for the new project."
        )
        assert there.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("notes")) == ["notes.db"]
        assert window.project is not None and window.project.path == own  # still open, as it was
    finally:
        window.close()


def test_a_new_project_named_after_an_empty_file_is_made_in_it_without_offering_to_open_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    there = tmp_path / "claims.annotator.db"
    there.write_bytes(b"")  # `touch claims.annotator.db`
    _type_in_the_save_dialog(monkeypatch, there)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a: pytest.fail("offered to open an empty file as it is")
    )
    window = open_window(qtbot, None)
    try:
        window.registry["new_project"].trigger()
        wait_opened(qtbot, window)
        assert [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()] == []
        assert window.project is not None and window.project.path == there
        assert window.project.articles() == []
    finally:
        window.close()
