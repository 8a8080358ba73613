"""The article list of a project being opened is read in the pool: on 10,000 articles the read
held the window still 0.3 s. Meanwhile the list says it is loading (not "0 articles", which
told of an empty project), the article to open is shown at once, and the keys that need the
list say so instead of acting on a list not yet come."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleStatus, ArticleSummary
from annotator.services.project import Project, open_project
from tests.ui.conftest import make_project, open_window, select_words, wait_listed
from tests.ui.error_boxes import assert_plain
from tests.ui.test_relist_in_pool import HeldReads, reads  # noqa: F401 (a fixture)

TEXTS = [
    ("One", "The council met on Monday. It voted to raise the rates by ten percent."),
    ("Two", "Prices rose again. The minister said the rise would not last beyond the summer."),
    ("Three", "The mayor spoke. She said the bridge would open in the spring of next year."),
]


def _project(tmp_path: Path) -> Path:
    """Three articles, the first done: the project opens on "Two"."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS)
    with open_project(path, create=False) as project:
        project.set_status(1, ArticleStatus.DONE)
    return path


def test_the_list_says_it_is_loading_then_shows_the_rows(
    qtbot: QtBot,
    tmp_path: Path,
    reads: HeldReads,  # noqa: F811
) -> None:
    path = _project(tmp_path)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        reads.hold = True
        window.open_project(path, create=False)
        note = window.articles.findChild(QLabel, "articlesLoading")
        assert note is not None and note.isVisible() and note.text() == "Loading articles…"
        assert window.articles.loading and window.articles.count.text() == "Loading articles…"
        assert window.article_model.rowCount() == 0
        # The article to open is shown at once, read alone; the progress counts what it can.
        assert window.article is not None and window.article.article.title == "Two"
        assert window.progress_label.text() == "3 articles"
        assert reads.on_ui_thread() == 0
        qtbot.waitUntil(lambda: bool(reads.gates), timeout=10_000)
        reads.gates[0].set()
        qtbot.waitUntil(lambda: window.article_model.rowCount() == 3, timeout=10_000)
        assert not window.articles.loading and not note.isVisible()
        assert window.articles.count.text() == "3 articles"
        assert window.progress_label.text() == "1 / 3 articles done"
        # The shown article's row is current, and it was not read again to get there.
        current = window.article_list.currentIndex()
        assert window.articles.filter.mapToSource(current).row() == window.article_model.row_of(2)
        assert window.article is not None and window.article.article.title == "Two"
        assert reads.on_ui_thread() == 0
    finally:
        window.close()


def test_a_slow_list_read_leaves_the_window_answering(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read of the whole list that takes a second: a timer set as the open is asked fires
    before the rows come (on the window's thread, the read held the timer until they came)."""
    path = _project(tmp_path)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    ui_thread = threading.get_ident()
    real = Project.articles

    def slow(project: Project, article_ids: Any = None) -> list[ArticleSummary]:
        if article_ids is None:
            time.sleep(1.0 if threading.get_ident() != ui_thread else 0.3)
        return real(project, article_ids)

    monkeypatch.setattr(Project, "articles", slow)
    rows_when_fired: list[int] = []
    try:
        QTimer.singleShot(20, lambda: rows_when_fired.append(window.article_model.rowCount()))
        window.open_project(path, create=False)
        qtbot.waitUntil(lambda: bool(rows_when_fired), timeout=10_000)
        assert rows_when_fired == [0]
        wait_listed(qtbot, window)
        assert window.article_model.rowCount() == 3
    finally:
        window.close()


def test_label_keys_before_the_list_comes_act_on_the_article_shown(
    qtbot: QtBot,
    tmp_path: Path,
    reads: HeldReads,  # noqa: F811
) -> None:
    """A label on the shown article is saved, and its row comes with its claim; D, which opens
    the next article of the list, says to wait instead of saying every article is done."""
    path = _project(tmp_path)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        reads.hold = True
        window.open_project(path, create=False)
        assert window.articles.loading and window.article is not None
        project = window.project
        assert project is not None
        select_words(qtbot, window, 0, 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        assert len(project.claims(2)) == 1
        qtbot.keyClick(window.view, Qt.Key.Key_D)
        assert project.articles((2,))[0].status != ArticleStatus.DONE
        assert window.article.article.id == 2
        assert "still being read" in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: bool(reads.gates), timeout=10_000)
        reads.gates[0].set()
        wait_listed(qtbot, window)
        row = window.article_model.summary(window.article_model.row_of(2))
        assert row.claim_count == 1
    finally:
        window.close()


def test_label_keys_with_no_article_yet_say_why(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reads: HeldReads,  # noqa: F811
) -> None:
    """No article chosen before the list comes (here the quick pick finds none): J, 1 and D
    write nothing and say the articles are being read, not nothing at all."""
    path = _project(tmp_path)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    monkeypatch.setattr(Project, "first_to_open", lambda _project: None)
    try:
        reads.hold = True
        window.open_project(path, create=False)
        assert window.articles.loading and window.article is None
        window.view.setFocus()
        for key in (Qt.Key.Key_J, Qt.Key.Key_1, Qt.Key.Key_D, Qt.Key.Key_Delete):
            window.statusBar().clearMessage()
            qtbot.keyClick(window.view, key)
            assert "still being read" in window.statusBar().currentMessage(), key
        assert window.project is not None and window.project.claims() == []
        qtbot.waitUntil(lambda: bool(reads.gates), timeout=10_000)
        reads.gates[0].set()
        qtbot.waitUntil(lambda: window.article is not None, timeout=10_000)
        assert window.article is not None and window.article.article.title == "Two"  # the first not done
    finally:
        window.close()


def test_a_list_the_store_refuses_at_open_closes_the_project_and_says_why(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = _project(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET source = CAST(x'eda0bd' AS TEXT) WHERE id = 3")
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        window.open_project(path, create=False)
        qtbot.waitUntil(lambda: window.project is None, timeout=10_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None and "articles row 3" in box.detailedText()
        assert_plain(box, path)
        assert not window.articles.loading and window.article is None
        box.close()
    finally:
        window.close()


def test_a_list_the_store_refuses_later_keeps_the_rows_and_says_so_in_plain_words(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Read again later (another program saved), a refused row kept the rows and put the store's
    "…: articles row 3: …" in the status bar, words an annotator cannot act on."""
    path = _project(tmp_path)
    window = open_window(qtbot, path)
    window.auto_preannotate = False
    try:
        qtbot.waitUntil(lambda: not window.articles.loading and window.article_model.rowCount() == 3)
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE articles SET source = CAST(x'eda0bd' AS TEXT) WHERE id = 3")
        window.reload_articles()
        said = window.statusBar()
        qtbot.waitUntil(lambda: "is damaged" in said.currentMessage(), timeout=10_000)
        assert said.currentMessage().startswith(f"{path} is damaged") and "row" not in said.currentMessage()
        assert window.project is not None and window.article_model.rowCount() == 3
    finally:
        window.close()


def test_the_pool_reads_the_list_without_checking_the_file_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's connection checked the file as it opened: the pool's connection that reads
    the list made the same checks again (0.1-0.3 s on 10,000 articles) before the rows could come.
    Once the window saves, the next read in the pool checks the file it finds."""
    from annotator.store import project_store

    path = _project(tmp_path)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    checked_on: list[bool] = []  # whether on the window's thread
    ui_thread = threading.get_ident()
    real = project_store.check_connection

    def counted(conn: sqlite3.Connection, checked: Path) -> int:
        checked_on.append(threading.get_ident() == ui_thread)
        return real(conn, checked)

    monkeypatch.setattr(project_store, "check_connection", counted)
    try:
        window.open_project(path, create=False)
        wait_listed(qtbot, window)
        assert window.article_model.rowCount() == 3
        assert checked_on == [True]
        assert window.project is not None
        window.project.set_status(3, ArticleStatus.DONE)
        window.reload_articles()
        wait_listed(qtbot, window)
        assert checked_on == [True, False]
    finally:
        window.close()
