"""What the article list shows for each article's source."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleStatus, ArticleSummary
from annotator.ui.article_panel import ArticlePanel
from annotator.ui.models import ID_ROLE, ArticleListModel, source_label
from tests.ui.conftest import ink_margins, make_project, open_window


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


def test_the_same_text_matches_again_filter_no_row_anew(qtbot: QtBot) -> None:
    """Closing a project forgets its text matches, whether there were any or not: on 10,000
    articles the list was filtered again for nothing, 40-50 ms of the window's thread at each
    switch of project. A set that differs still filters."""
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex

    from annotator.ui.models import ArticleFilterModel

    asked: list[int] = []

    class Counting(ArticleFilterModel):
        def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
            asked.append(row)
            return super().filterAcceptsRow(row, parent)

    model = ArticleListModel()
    model.set_articles([ArticleSummary(n, f"Title {n}", "", ArticleStatus.NEW, 0, 10) for n in range(1, 51)])
    proxy = Counting()
    proxy.setSourceModel(model)
    proxy.set_search("conception")  # no title holds it: only text matches are listed
    asked.clear()
    proxy.set_text_matches(frozenset())
    assert asked == [] and proxy.rowCount() == 0
    proxy.set_text_matches(frozenset({3, 7}))
    assert asked and proxy.rowCount() == 2
    asked.clear()
    proxy.set_text_matches(frozenset({3, 7}))
    assert asked == [] and proxy.rowCount() == 2
    proxy.set_text_matches(frozenset())
    assert proxy.rowCount() == 0


def test_the_filter_says_each_rows_flags_without_counting_the_list(qtbot: QtBot) -> None:
    """The tree view asks each row's flags twice as it lays its rows out; Qt's own answer went
    through the list's `index`, which counts its rows and columns in Python: 40,000 calls when
    a project of 10,000 articles opened. The flags are the list's all the same."""
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex

    from annotator.ui.models import ArticleFilterModel

    counted: list[str] = []

    class Counting(ArticleListModel):
        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            counted.append("rows")
            return super().rowCount(parent)

        def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            counted.append("columns")
            return super().columnCount(parent)

    model = Counting()
    model.set_articles([ArticleSummary(n, f"Title {n}", "", ArticleStatus.NEW, 0, 10) for n in range(1, 21)])
    proxy = ArticleFilterModel()
    proxy.setSourceModel(model)
    cells = [
        proxy.index(row, column) for row in range(proxy.rowCount()) for column in range(proxy.columnCount())
    ]
    counted.clear()
    flags = [proxy.flags(cell) for cell in cells]
    assert counted == []
    assert flags == [model.flags(proxy.mapToSource(cell)) for cell in cells]
    assert proxy.flags(QModelIndex()) == model.flags(QModelIndex())


def test_the_opened_article_is_current_at_once_and_in_view_once_the_list_is_laid_out(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of an opened project come while its article is shown: that article's row is
    current as soon as they are in, and scrolled into view a moment later, when the list has
    laid them out. Laid out at once, to scroll to the row, the 10,000 rows of a large project
    held the window in the same slot as their reset and their filter."""
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex

    from annotator.ui.models import ArticleFilterModel

    asked: list[int] = []
    flags_of = ArticleFilterModel.flags

    def counted(self: ArticleFilterModel, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        asked.append(index.row())
        return flags_of(self, index)

    monkeypatch.setattr(ArticleFilterModel, "flags", counted)
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.resize(320, 240)
    panel.show()
    qtbot.waitExposed(panel)
    summaries = [ArticleSummary(n, f"Title {n}", "", ArticleStatus.NEW, 0, 10) for n in range(1, 301)]
    panel.show_loading()
    panel.mark_shown(200)
    picked: list[int] = []
    panel.articleSelected.connect(picked.append)
    asked.clear()
    panel.set_articles(summaries)
    current = panel.list.currentIndex()
    assert current.data(ID_ROLE) == 200
    assert panel.list.selectionModel().isRowSelected(current.row(), QModelIndex())
    assert set(asked) <= {current.row()}  # selected, and no row laid out yet
    viewport = panel.list.viewport()
    qtbot.waitUntil(lambda: viewport.rect().contains(panel.list.visualRect(panel.list.currentIndex())))
    qtbot.waitUntil(panel.list.updatesEnabled)  # painted once laid out, and never left unpainted
    assert panel.list.currentIndex().data(ID_ROLE) == 200
    assert picked == []  # the list following the shown article is no pick


def test_a_hidden_list_takes_its_rows_and_current_row_at_once(qtbot: QtBot) -> None:
    """Not shown, the list lays nothing out as its current row changes: it takes the row as
    it always did, and is never left unpainted waiting for a layout."""
    from annotator.ui.article_panel import ArticlePanel

    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.show_loading()
    panel.mark_shown(2)
    panel.set_articles([ArticleSummary(n, f"Title {n}", "", ArticleStatus.NEW, 0, 10) for n in range(1, 4)])
    assert panel.list.currentIndex().data(ID_ROLE) == 2
    assert panel.list.updatesEnabled()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the tooltip's raise(), offscreen
def test_the_source_header_says_what_an_empty_source_means(qtbot: QtBot) -> None:
    """Articles from files that name no source (a CSV of title and text, a page without its
    address) showed an empty Source beside others' sites, and a new user took it for a fault.
    The header's tooltip says what the column holds and when it is empty."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip, QTreeView

    model = ArticleListModel()
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 200)
    view.show()
    qtbot.waitExposed(view)
    header = view.header()
    shown = []
    for section in range(4):
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
        middle = QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, 5)
        event = QHelpEvent(QEvent.Type.ToolTip, middle, header.viewport().mapToGlobal(middle))
        QApplication.sendEvent(header.viewport(), event)
        words = QTextDocument()
        words.setHtml(QToolTip.text() if QToolTip.isVisible() else "")
        shown.append(words.toPlainText())
    assert shown == ["", "The web address or outlet the article's file gave; empty when it gave none", "", ""]


def test_a_right_to_left_title_reads_from_the_right(qtbot: QtBot, tmp_path: Path) -> None:
    """An Arabic title naming someone in Latin letters was laid out left to right in the list:
    its first word at the left, where a reader of Arabic ends. It reads from the right, as the
    article's own title above the text does; an English title stays at the left."""
    arabic = "قال Tom Baker"
    path = make_project(
        tmp_path / "rtl.annotator.db", [(arabic, "نص المقال."), ("Paris agreed", "Text.")], analyse=False
    )
    window = open_window(qtbot, path)
    try:
        view = window.articles.list
        rows = {view.model().index(row, 0).data(): row for row in range(view.model().rowCount())}
        left, right = ink_margins(view, view.model().index(rows[arabic], 0))
        assert right < 12 < left
        left, right = ink_margins(view, view.model().index(rows["Paris agreed"], 0))
        assert left < 12 < right
    finally:
        window.close()


def test_typing_a_search_folds_each_title_once_and_looks_again_only_where_it_stood(qtbot: QtBot) -> None:
    """Each key in the search box folded the title and the source of every article again (and
    the search, twice a row): on 10,000 articles a key held the window 100-200 ms, some over
    200 ms. Each title and source is folded once; a key that adds a letter looks again only at
    those the shorter search stood in, and a source shared by many articles is looked at once."""
    from annotator.ui.article_panel import ArticlePanel

    folded: list[str] = []

    class Counted(str):
        def casefold(self) -> str:
            folded.append(str(self))
            return super().casefold()

    site = "https://www.example.com/news"
    titles = [
        f"Police chief {n}" if n % 10 == 0 else f"Report {n}, politely" if n % 10 == 1 else f"Report {n}"
        for n in range(1, 301)
    ]
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.set_articles(
        [
            ArticleSummary(n, Counted(title), Counted(site), ArticleStatus.NEW, 0, 10)
            for n, title in enumerate(titles, 1)
        ]
    )
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "po")
    assert sorted(folded) == sorted([*titles, site])  # each title, and the one source, once
    assert panel.count.text() == "60 of 300 articles"
    folded.clear()
    qtbot.keyClicks(panel.search, "lice")
    assert folded == []
    shown = [panel.filter.index(row, 0).data() for row in range(panel.filter.rowCount())]
    assert shown == [title for title in titles if title.startswith("Police")]
    assert panel.count.text() == "30 of 300 articles"
    qtbot.keyClick(panel.search, Qt.Key.Key_Backspace)
    assert panel.filter.rowCount() == 30
    panel.search.clear()
    assert panel.count.text() == "300 articles"


def test_a_title_of_spaces_alone_is_listed_as_its_article_number(qtbot: QtBot, tmp_path: Path) -> None:
    """A JSONL line's `"title": "   "` was a blank row in the list, with an empty tooltip."""
    path = make_project(tmp_path / "blank.annotator.db", [("   ", "Some words here. And more words.")])
    window = open_window(qtbot, path)
    model = window.articles.list.model()
    index = model.index(0, 0)
    assert window.project is not None
    [article] = window.project.articles()
    assert article.title == "   "  # kept as the file had it; only its showing changes
    assert index.data() == f"Article {article.id}"
    window.close()


def test_a_title_that_shows_nothing_or_breaks_its_line_is_listed_on_one_line(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A title of U+200B (or U+FEFF) alone was a blank row, its tooltip and accessible name empty
    too, as one of spaces alone was; a title with a line break was listed as its first line and
    "…", and one with a tab with a gap in it, while the status bar named them on one line."""
    titles = ["\u200b", "\ufeff\u200b ", "Harbour\nreopens", "Harbour\treopens"]
    path = make_project(
        tmp_path / "odd.annotator.db",
        [(t, f"Some words here. And more words {n}.") for n, t in enumerate(titles)],
    )
    window = open_window(qtbot, path)
    try:
        model = window.articles.list.model()
        ids = [window.articles.summaries()[row].id for row in range(4)]
        shown = [model.index(row, 0).data() for row in range(4)]
        assert shown == [f"Article {ids[0]}", f"Article {ids[1]}", "Harbour reopens", "Harbour reopens"]
        assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == f"<qt>Article {ids[0]}</qt>"
        assert window.project is not None
        assert [a.title for a in window.project.articles()] == titles  # stored as the file had them
    finally:
        window.close()


def test_a_title_of_spaces_alone_is_found_by_the_number_it_is_listed_as(qtbot: QtBot) -> None:
    """Listed as "Article 2", the row went away when "Article 2" was typed in the search: the
    search looked in the stored title, spaces alone, not in what the list showed."""
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    panel.set_articles(
        [
            ArticleSummary(1, "Police report", "", ArticleStatus.NEW, 0, 10),
            ArticleSummary(2, "   ", "", ArticleStatus.NEW, 0, 10),
        ]
    )
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "article 2")
    shown = [panel.filter.index(row, 0).data() for row in range(panel.filter.rowCount())]
    assert shown == ["Article 2"]
    assert panel.count.text() == "1 of 2 articles"


def test_a_long_list_is_filtered_once_typing_pauses_and_return_opens_what_the_search_finds(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each key in the search box filtered every row of the list before the next key was read:
    on 20,000 articles a key held the window 100-450 ms, and letters came late as one typed. A
    long list is filtered once typing pauses, the count saying so meanwhile; a key that needs
    the rows (Return, Down) has them filtered first."""
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex

    from annotator.ui.models import ArticleFilterModel

    asked: list[int] = []
    accepts = ArticleFilterModel.filterAcceptsRow

    def counting(self: ArticleFilterModel, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        asked.append(row)
        return accepts(self, row, parent)

    monkeypatch.setattr(ArticleFilterModel, "filterAcceptsRow", counting)
    monkeypatch.setattr(ArticlePanel, "FILTER_AT_EACH_KEY_ROWS", 50)  # a long list, kept small here
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    titles = [f"Police chief {n}" if n % 10 == 0 else f"Report {n}" for n in range(1, 301)]
    panel.set_articles(
        [ArticleSummary(n, title, "", ArticleStatus.NEW, 0, 10) for n, title in enumerate(titles, 1)]
    )
    opened: list[int] = []
    panel.articleOpened.connect(opened.append)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.search.setFocus()
    asked.clear()
    qtbot.keyClicks(panel.search, "poli")
    assert asked == []  # no key waited for the rows to be filtered
    assert panel.count.text() == "Filtering…"
    qtbot.waitUntil(lambda: panel.count.text() == "30 of 300 articles")
    assert len(asked) == 300  # once, for the whole word
    qtbot.keyClicks(panel.search, "ce chief 2")
    assert panel.open_current()  # Return, at once
    assert opened == [20]  # "Police chief 20", the first the whole search lists
    assert panel.count.text() == "11 of 300 articles"  # 20 and 200-290
    panel.search.clear()
    assert panel.count.text() == "300 articles"  # an empty search lists every row at once


def test_a_screen_reader_in_the_search_box_hears_how_many_articles_match(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count ("3 of 10 articles") was a label under the list, which a screen reader never
    reads while the focus is in the search: typing there, one heard the letters and not
    whether anything matched. The search field is described by the count, kept as it changes."""
    from PySide6.QtGui import QAccessible

    monkeypatch.setattr(ArticlePanel, "FILTER_AT_EACH_KEY_ROWS", 5)  # a long list, kept small here
    panel = ArticlePanel()
    qtbot.addWidget(panel)
    titles = [f"Police chief {n}" if n % 4 == 0 else f"Report {n}" for n in range(1, 11)]
    panel.set_articles(
        [ArticleSummary(n, title, "", ArticleStatus.NEW, 0, 10) for n, title in enumerate(titles, 1)]
    )
    accessible = QAccessible.queryAccessibleInterface(panel.search)
    assert accessible is not None

    def described() -> str:
        return accessible.text(QAccessible.Text.Description)

    assert described() == "10 articles"
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "police")
    assert described() == "Filtering…"  # typing has not paused yet
    qtbot.waitUntil(lambda: panel.count.text() == "2 of 10 articles")
    assert described() == "2 of 10 articles"
    assert accessible.text(QAccessible.Text.Name) == "Search articles"  # the name stays put
    panel.search.clear()
    assert described() == panel.count.text() == "10 articles"
