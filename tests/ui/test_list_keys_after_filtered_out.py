"""Down and Up in the article list carry on from the article being read when a filter has just
hidden it: working through the new articles, labelling one takes it out of "New", and Down then
went to the top of the list, the person's place in 2,000 articles lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleStatus
from annotator.services.project import open_project
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, select_words, wait_listed, wikinews_texts


@pytest.fixture
def twelve(tmp_path: Path) -> Path:
    texts = wikinews_texts()
    return make_project(
        tmp_path / "p.annotator.db",
        [(f"Report {n}", f"{texts[n % 2][1]}\n\nCopy {n}.") for n in range(12)],
    )


def _label_the_article_read(qtbot: QtBot, window: MainWindow) -> None:
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)


def _title_read(window: MainWindow) -> str:
    assert window.article is not None
    return window.article.article.title


def _only_new(window: MainWindow) -> None:
    window.status_filter.setCurrentIndex(window.status_filter.findData(ArticleStatus.NEW))


def _read_report_5_and_label_it_out_of_new(qtbot: QtBot, window: MainWindow) -> None:
    """Show only the new articles, go down the list to "Report 5" and label it: the filter
    hides the article being read, which leaves the list with no current row."""
    _only_new(window)
    window.article_list.setFocus()
    for _ in range(5):
        qtbot.keyClick(window.article_list, Qt.Key.Key_Down)
    assert _title_read(window) == "Report 5"
    _label_the_article_read(qtbot, window)


@pytest.mark.parametrize(("key", "after"), [(Qt.Key.Key_Down, "Report 6"), (Qt.Key.Key_Up, "Report 4")])
def test_down_or_up_in_the_list_after_the_filter_hid_the_article_goes_on_from_it(
    qtbot: QtBot, twelve: Path, key: Qt.Key, after: str
) -> None:
    window = open_window(qtbot, twelve)
    try:
        _read_report_5_and_label_it_out_of_new(qtbot, window)
        assert window.articles.count.text() == "11 of 12 articles"  # "Report 5" is no longer new
        window.article_list.setFocus()
        qtbot.keyClick(window.article_list, key)
        assert _title_read(window) == after
        assert window.article_list.currentIndex().data() == after
    finally:
        window.close()


def test_down_past_the_last_listed_article_stays_on_the_last(qtbot: QtBot, twelve: Path) -> None:
    window = open_window(qtbot, twelve)
    try:
        _only_new(window)
        window.select_article(window.articles.summaries()[11].id)
        _label_the_article_read(qtbot, window)
        window.article_list.setFocus()
        qtbot.keyClick(window.article_list, Qt.Key.Key_Down)
        assert _title_read(window) == "Report 10"  # the nearest, not the top of the list
    finally:
        window.close()


@pytest.mark.parametrize(("key", "beyond"), [(Qt.Key.Key_PageDown, 1), (Qt.Key.Key_PageUp, -1)])
def test_page_down_or_up_after_the_filter_hid_the_article_turns_a_page_from_it(
    qtbot: QtBot, tmp_path: Path, key: Qt.Key, beyond: int
) -> None:
    text = wikinews_texts()[0][1]
    many = make_project(
        tmp_path / "p.annotator.db",
        [(f"Report {n}", f"{text}\n\nCopy {n}.") for n in range(300)],
        analyse=False,
    )
    window = open_window(qtbot, many)
    try:
        _only_new(window)
        window.select_article(window.articles.summaries()[150].id)
        _label_the_article_read(qtbot, window)
        window.article_list.setFocus()
        qtbot.keyClick(window.article_list, key)
        landed = int(_title_read(window).removeprefix("Report "))
        assert 1 < (landed - 150) * beyond < 100  # a page on from "Report 150", not the top of the list
        assert window.article_list.currentIndex().data() == _title_read(window)
    finally:
        window.close()


def test_tab_into_the_list_read_again_keeps_the_article_the_filter_hid(qtbot: QtBot, twelve: Path) -> None:
    """Read again (an import, a merge, another window's save), a list whose filter hid the
    article being read made its first row current when Tab brought the focus to it: the
    first article opened, and Down went on from the top, the person's place lost."""
    window = open_window(qtbot, twelve)
    try:
        _read_report_5_and_label_it_out_of_new(qtbot, window)
        assert window.articles.count.text() == "11 of 12 articles"
        with open_project(twelve) as project:  # another window imports an article
            project.import_texts(["Rivers rose overnight and roads were closed."], title="Report 12")
        window.reload_articles()
        wait_listed(qtbot, window)
        assert window.articles.count.text() == "12 of 13 articles"
        window.label_filter.setFocus()
        qtbot.keyClick(window.label_filter, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is window.article_list
        assert _title_read(window) == "Report 5"
        assert not window.article_list.currentIndex().isValid()
        qtbot.keyClick(window.article_list, Qt.Key.Key_Down)
        assert _title_read(window) == "Report 6"
        assert window.article_list.currentIndex().data() == "Report 6"
    finally:
        window.close()


def test_end_in_the_list_after_the_filter_hid_the_article_goes_to_the_last_one(
    qtbot: QtBot, twelve: Path
) -> None:
    """With no current row (the filter hid the article being read), End went to the first
    article listed, as Qt's list takes every key from no current row to its first."""
    window = open_window(qtbot, twelve)
    try:
        _read_report_5_and_label_it_out_of_new(qtbot, window)
        assert not window.article_list.currentIndex().isValid()
        window.article_list.setFocus()
        qtbot.keyClick(window.article_list, Qt.Key.Key_End)
        assert _title_read(window) == "Report 11"
        assert window.article_list.currentIndex().data() == "Report 11"
        qtbot.keyClick(window.article_list, Qt.Key.Key_Home)
        assert _title_read(window) == "Report 0"
    finally:
        window.close()
