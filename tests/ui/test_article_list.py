"""What the article list shows for each article's source."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen, QTextDocument
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleStatus, ArticleSummary
from annotator.ui.models import ArticleListModel, source_label
from tests.ui.conftest import open_window


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("https://en.wikinews.org/wiki/Some_article", "en.wikinews.org"),
        ("http://www.example.com/a?b=c", "example.com"),
        ("Wikinews", "Wikinews"),
        ("/home/ana/articles/a.txt", "/home/ana/articles/a.txt"),
        ("", ""),
    ],
)
def test_web_addresses_show_as_their_site(source: str, shown: str) -> None:
    assert source_label(source) == shown


def test_the_list_shows_the_site_and_the_full_address_on_hover(qtbot: QtBot) -> None:
    model = ArticleListModel()
    url = "https://en.wikinews.org/wiki/Dozens_dead"
    model.set_articles([ArticleSummary(1, "Dozens dead", url, ArticleStatus.NEW, 0, 100)])
    cell = model.index(0, 1)
    assert model.data(cell, Qt.ItemDataRole.DisplayRole) == "en.wikinews.org"
    shown = QTextDocument()
    shown.setHtml(model.data(cell, Qt.ItemDataRole.ToolTipRole))  # tooltips are escaped rich text
    assert shown.toPlainText() == url


@pytest.mark.parametrize(
    "screen",
    [QRect(0, 0, 1024, 600 - 32), QRect(0, 0, 1366, 768 - 32)],
    ids=["1024x600", "1366x768"],
)
def test_the_title_takes_the_list_s_spare_width_not_the_source(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch, screen: QRect
) -> None:
    """At 1024x600 the Title column showed "Pr…" while Source kept 90 px for "test". The title is
    what a person picks an article by: it takes what Claims and Status leave, Source a small
    share of it; a Source the person drags stays as they left it."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    window = open_window(qtbot, project_path)
    try:
        listed = window.articles.list
        header = listed.header()
        qtbot.waitUntil(lambda: listed.model().rowCount() == 2)
        title, source = header.sectionSize(0), header.sectionSize(1)
        characters = listed.fontMetrics().averageCharWidth()
        assert title >= 2 * source and title >= 10 * characters
        assert source >= 4 * characters  # a few letters of the source still show
        # What the first row shows of its title: more than its first two letters.
        cell = listed.visualRect(listed.model().index(0, 0))
        shown = listed.fontMetrics().elidedText(
            "Dozens dead in California boat fire", Qt.TextElideMode.ElideRight, cell.width() - 8
        )
        assert shown.startswith("Dozens d")
        assert (
            listed.viewport().rect().contains(listed.visualRect(listed.model().index(0, 3)))
        )  # Status in sight
        header.resizeSection(1, 120)  # the person widens Source
        window.resize(window.width() - 40, window.height())
        qtbot.waitUntil(lambda: header.sectionSize(1) == 120)
        window.resize(window.width() + 40, window.height())
        qtbot.wait(50)
        assert header.sectionSize(1) == 120
    finally:
        window.close()
