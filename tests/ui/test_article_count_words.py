"""The article counts under the list and in the status bar say "1 article", not "1 articles".

A first import of one page into a new project, the way most people start, left the list
saying "1 articles" under its only row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_project, open_window, wait_listed

PAGE = """<!doctype html><html><head><title>Council closes library</title></head>
<body><article><h1>Council closes library</h1>
<p>The city council voted on Tuesday to close the central library.</p>
<p>The mayor said the building costs too much to heat.</p></article></body></html>"""


def test_one_imported_page_is_counted_as_one_article(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "library.html"
    page.write_text(PAGE, "utf-8")
    window = open_window(qtbot, make_project(tmp_path / "new.annotator.db", []))
    window.auto_preannotate = False
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(page)], ""))
    try:
        assert window.articles.count.text() == "0 articles"
        qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert window.article_model.rowCount() == 1
        assert window.articles.count.text() == "1 article"
        qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(window.search, "zebra")
        qtbot.waitUntil(lambda: window.articles.count.text() == "0 of 1 article")
    finally:
        window.close()


def test_the_status_bar_counts_one_article_while_the_list_is_read(qtbot: QtBot, tmp_path: Path) -> None:
    project = make_project(tmp_path / "one.annotator.db", [("Alone", "Ana went home.")])
    window = open_window(qtbot, None)
    try:
        window.open_project(project, create=False)
        assert window.status_bar.progress_label.text() == "1 article"  # before the list comes
        wait_listed(qtbot, window)
        assert window.status_bar.progress_label.text() == "0 / 1 articles done"
    finally:
        window.close()
