"""File ▸ Save a Copy As… refuses a destination that is the project, one of its files, a
folder, a device or a path into a missing folder, saying which, and writes nothing there."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, wikinews_texts


def _said(window: MainWindow) -> str:
    return "\n".join(box.text() for box in window.findChildren(QMessageBox, "errorBox"))


def _close_boxes(window: MainWindow) -> None:
    for box in window.findChildren(QMessageBox, "errorBox"):
        box.close()
        box.setObjectName("closed")


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("p.annotator.db", "is the project file"),
        ("p.annotator.db-wal", "is the project's -wal file"),
        ("p.annotator.db-shm", "is the project's -shm file"),
        # A copy there made the project unopenable: SQLite took it for a leftover journal.
        ("p.annotator.db-journal", "is the project's -journal file"),
        ("other.annotator.db-journal", "is the -journal file of the project"),
        ("Ordner", "is a folder"),
        ("/dev/null", "a device"),
        ("gone/copy.annotator.db", "gone no longer exists"),
    ],
)
def test_a_copy_is_refused_where_it_would_harm_or_cannot_be(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, said: str
) -> None:
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts()[:2])
    make_project(tmp_path / "other.annotator.db", wikinews_texts()[:1])
    (tmp_path / "Ordner").mkdir()
    target = tmp_path / name
    before = sorted(os.listdir(tmp_path))
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: target)
    try:
        window.registry["save_copy"].trigger()
        qtbot.waitUntil(lambda: said in _said(window), timeout=10_000)
        assert "already exists" not in _said(window)
        assert window.project is not None and window.project.path == path
        _close_boxes(window)
    finally:
        window.close()
    assert sorted(os.listdir(tmp_path)) == before
    assert not list((tmp_path / "Ordner").iterdir())
    for project in (path, tmp_path / "other.annotator.db"):
        with open_project(project, create=False) as opened:
            assert opened.articles()


def test_the_copy_dialog_never_asks_to_replace_a_file_the_copy_never_replaces(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save dialog asked "notes.annotator.db already exists. Do you want to replace it?", and
    Yes only heard that the copy never replaces a file."""
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts()[:1])
    existing = tmp_path / "notes.annotator.db"
    existing.write_text("my notes", "utf-8")
    options: list[Any] = []

    def save(_parent: object, _title: str, _start: str, filters: str, *rest: Any) -> tuple[str, str]:
        options.extend(rest[1:])
        return str(existing), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    window = open_window(qtbot, path)
    try:
        window.registry["save_copy"].trigger()
        qtbot.waitUntil(lambda: "already exists" in _said(window), timeout=10_000)
        assert options == [QFileDialog.Option.DontConfirmOverwrite]
        assert "never replaces a file" in _said(window)
        _close_boxes(window)
    finally:
        window.close()
    assert existing.read_text("utf-8") == "my notes"
