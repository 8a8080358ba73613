"""What the article list shows for each article's source."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleStatus, ArticleSummary
from annotator.ui.models import ArticleListModel, source_label


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
