"""A project a data scientist ran `ANALYZE;` on (sqlite3 shell, DB Browser for SQLite, Datasette,
sqlite-utils) opens in the window: its `sqlite_stat1` was taken for a table the app never makes,
and the window refused the genuine project as "not an annotator project"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_project, open_window, wait_listed, wait_opened

FIRST = [("First", "The council met on Monday. It voted to raise the rates by ten percent.")]
ANALYZED = [
    ("Analyzed", "Prices rose again. The minister said the rise would not last beyond the summer."),
    ("Also analyzed", "Critics disagree strongly with that figure, and said so on Tuesday."),
]


def test_an_analyzed_project_opens_in_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    first = make_project(tmp_path / "first.annotator.db", FIRST)
    analyzed = make_project(tmp_path / "analyzed.annotator.db", ANALYZED)
    conn = sqlite3.connect(analyzed, isolation_level=None)
    conn.execute("ANALYZE")
    conn.close()
    window = open_window(qtbot, first)
    window.auto_preannotate = False
    try:
        window.open_checked_in_pool(analyzed)  # File > Open
        wait_opened(qtbot, window)
        wait_listed(qtbot, window)
        assert [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()] == []
        assert window.project is not None and window.project.path == analyzed
        assert window.article_list.model().rowCount() == 2
    finally:
        window.close()
