"""A file of articles opened as a project says where it goes instead: Import Articles.

Someone with their articles in a spreadsheet opened it with Open Project… and read only
"news.csv: is not an annotator project (not an SQLite file)": nothing said what to do next.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_project, open_window
from tests.ui.error_boxes import shown_error


@pytest.mark.parametrize("name", ["articles.csv", "pages.html", "feed.jsonl"])
def test_opening_a_file_of_articles_as_a_project_points_to_import(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    articles = tmp_path / name
    articles.write_text("title,text\nBridge,The council voted 7 to 2 to build a bridge.\n", "utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(articles), ""))
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", []))
    try:
        window.registry["open_project"].trigger()
        message = shown_error(qtbot, window)
        assert message.startswith(f"{articles} is not an Annotator project")
        assert f"A {articles.suffix} file holds articles to import" in message
        assert "File ▸ Import Articles… (Ctrl+I)" in message
        assert window.project is not None and window.project.path.name == "p.annotator.db"
    finally:
        window.close()


def test_a_broken_project_file_gets_no_import_hint(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "team.annotator.db"
    broken.write_bytes(b"not a database at all" * 10)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(broken), ""))
    window = open_window(qtbot, None)
    try:
        window.registry["open_project"].trigger()
        message = shown_error(qtbot, window)
        assert message.startswith(f"{broken} is not an Annotator project") and "Import" not in message
    finally:
        window.close()
