"""On a small screen the article list keeps its titles readable: the Source column gives way.

A first start on a 1024x600 screen gave the list about 260 pixels, of which Source, Claims and
Status took their fixed widths: the titles shrank to two letters and an ellipsis ("Br…",
"Af…"), and the articles could no longer be told apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QScreen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QStyleOptionComboBox, QWidget
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import ArticleStatus
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window

SMALL_SCREEN = QRect(0, 0, 1024, 600)
TEXTS = [
    ("Brazil: Amplified conversations to fight the Digital Crimes Bill", "The bill was debated on Monday."),
    ("Africa: Gay and lesbian voices", "The report was published on Tuesday."),
]
SOURCE, CLAIMS, STATUS = 1, 2, 3


def title_characters(window: MainWindow) -> float:
    header = window.article_list.header()
    return header.sectionSize(0) / window.article_list.fontMetrics().averageCharWidth()


def test_a_first_start_on_a_small_screen_leaves_the_titles_readable(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SMALL_SCREEN)
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    try:
        assert window.width() <= SMALL_SCREEN.width()
        qtbot.waitUntil(lambda: title_characters(window) >= 12)
        assert window.article_list.header().isSectionHidden(SOURCE)
    finally:
        window.close()


def test_the_source_comes_back_when_the_list_is_wide_enough_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SMALL_SCREEN)
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    header = window.article_list.header()
    try:
        qtbot.waitUntil(lambda: header.isSectionHidden(SOURCE))
        sizes = window.splitter.sizes()
        window.splitter.setSizes([sizes[0] + 300, sizes[1] - 300, *sizes[2:]])
        qtbot.waitUntil(lambda: not header.isSectionHidden(SOURCE))
        assert title_characters(window) >= 12
    finally:
        window.close()


def test_on_a_still_narrower_list_the_claim_counts_give_way_too_but_never_the_status(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 150% scale, the window remembered from 100% left the list so narrow that, Source gone,
    the titles were still "…"."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SMALL_SCREEN)
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    header = window.article_list.header()
    try:
        status_width = header.sectionSize(STATUS)
        room = window.article_list.fontMetrics().averageCharWidth() * 17 + status_width
        sizes = window.splitter.sizes()
        window.splitter.setSizes([room, sizes[1] + sizes[0] - room, *sizes[2:]])
        qtbot.waitUntil(lambda: header.isSectionHidden(CLAIMS))
        assert header.isSectionHidden(SOURCE)
        assert not header.isSectionHidden(STATUS) and header.sectionSize(STATUS) == status_width
        assert title_characters(window) >= 12
    finally:
        window.close()


class _RecordingStyle(QProxyStyle):
    """Fusion, noting the text a combo box draws as its choice."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.drawn: list[str] = []

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.ControlElement.CE_ComboBoxLabel and isinstance(option, QStyleOptionComboBox):
            self.drawn.append(option.currentText)
        super().drawControl(element, option, painter, widget)


@pytest.mark.parametrize("size", [(683, 400), (1024, 600)])
def test_the_filters_show_whole_words_or_an_ellipsis_never_a_cut_letter(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """At 150% scale (683x400 of a 1024x600 screen) the filters read "Any stat" and "Any labe":
    the style clipped their text at the box's edge. What the box draws now fits its field."""
    width, height = size
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, width, height))
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    styles = []
    try:
        window.resize(width, height)
        window.list_fold.set_shown(True)
        for box in (window.articles.status_filter, window.articles.label_filter):
            style = _RecordingStyle()
            styles.append(style)  # kept alive while the box paints with it
            box.setStyle(style)
            qtbot.waitUntil(box.isVisible)
            box.repaint()
            shown = style.drawn[-1]
            option = QStyleOptionComboBox()
            box.initStyleOption(option)
            field = style.subControlRect(
                QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
            )
            assert box.fontMetrics().horizontalAdvance(shown) <= field.width(), (shown, field.width())
            whole = box.currentText()
            assert shown == whole or (shown.endswith("…") and whole.startswith(shown[:-1])), shown
    finally:
        window.close()


def test_at_150_percent_the_status_gives_way_to_the_titles_and_each_title_carries_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 683x400 (1024x600 at 150%) the list's 150 pixels kept the Status column's 84, and the
    titles read "Preside…": five letters. Status gives way too, each title saying its status
    (a mark, the word in its tooltip and its accessible text); the status filter still filters
    and says by what, and the column comes back at its width once the list is wide enough."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 683, 400))
    path = make_project(tmp_path / "p.annotator.db", TEXTS)
    with open_project(path) as project:
        project.set_status(project.article_ids()[1], ArticleStatus.DONE)
    window = open_window(qtbot, path)
    header = window.article_list.header()
    articles = window.articles
    try:
        window.resize(683, 400)
        window.list_fold.set_shown(True)
        qtbot.waitUntil(lambda: header.isSectionHidden(STATUS))
        assert title_characters(window) >= articles.TITLE_STATUS_CHARACTERS
        done = articles.filter.index(1, 0)
        assert not done.data(Qt.ItemDataRole.DecorationRole).isNull()
        assert done.data(Qt.ItemDataRole.AccessibleTextRole).endswith(", done")
        assert "Status: done" in done.data(Qt.ItemDataRole.ToolTipRole)
        articles.status_filter.setCurrentIndex(articles.status_filter.findData(ArticleStatus.DONE))
        assert articles.filter.rowCount() == 1
        assert "Filter by status: done" in articles.status_filter.toolTip()
        window.resize(1300, 600)
        total = sum(window.splitter.sizes())
        window.splitter.setSizes([450, total - 700, 250])
        qtbot.waitUntil(lambda: not header.isSectionHidden(STATUS))
        assert articles.filter.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None
        header.resizeSection(STATUS, 100)  # as the person leaves it
        window.splitter.setSizes([160, total - 410, 250])
        qtbot.waitUntil(lambda: header.isSectionHidden(STATUS))
        window.splitter.setSizes([450, total - 700, 250])
        qtbot.waitUntil(lambda: not header.isSectionHidden(STATUS))
        assert header.sectionSize(STATUS) == 100
    finally:
        window.close()


LONG_TITLE = (
    "President Trump signs executive order on the national emergency at the southern border"
    " after months of talks with Congress failed to fund a wall"
)


def test_a_title_cut_in_the_list_is_shown_whole_under_it_while_the_keyboard_is_there(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 683x400 the list showed "President Trump si…" and the header over the text three lines
    ending in "…": the rest was in a tooltip, out of a keyboard user's reach."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 683, 400))
    texts = [(LONG_TITLE, "The order was signed on Friday."), ("Short", "The fire started at night.")]
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", texts))
    articles = window.articles
    try:
        window.resize(683, 400)
        window.list_fold.set_shown(True)
        articles.select_row(1)
        window.article_list.setFocus()
        qtbot.waitUntil(window.article_list.hasFocus)
        assert not articles.whole_title.isVisible()  # "Short" fits its column
        qtbot.keyClick(window.article_list, Qt.Key.Key_Up)
        qtbot.waitUntil(articles.whole_title.isVisible)
        assert articles.whole_title.text() == LONG_TITLE
        assert articles.whole_title.width() <= articles.width()
        assert articles.count.text() == "2 articles"  # the count stays
        window.view.setFocus()
        qtbot.waitUntil(lambda: not articles.whole_title.isVisible())
    finally:
        window.close()
