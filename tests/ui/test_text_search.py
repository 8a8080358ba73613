"""The article list's search reaches the texts: an article that only mentions a word is listed
once typing pauses, and opening it selects the first place the word stands."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleDraft, ArticleStatus
from annotator.services.project import Project, open_project
from annotator.ui import team_tasks
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, wait_listed


def listed(window: MainWindow) -> list[str]:
    model = window.article_filter
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_a_word_only_the_text_holds_lists_its_article_and_return_selects_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.search.setFocus()
    qtbot.keyClicks(window.search, "CONCEPTION")  # the boat, named in the text, not the title
    assert listed(window) == []  # titles and sources at once; the texts when typing pauses
    qtbot.waitUntil(lambda: listed(window) == ["Dozens dead in California boat fire"])
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.view
    assert window.article is not None
    text = window.article.article.text
    start, end = window.view.selected_span() or (0, 0)
    assert text[start:end] == "Conception" and start == text.index("Conception")
    assert "“CONCEPTION”: 5 times in this article" in window.statusBar().currentMessage()


def test_a_word_the_text_holds_once_is_counted_once_not_as_times(qtbot: QtBot, window: MainWindow) -> None:
    # "1 time(s) in this article" read as a machine's; the count speaks in the number read.
    window.search.setFocus()
    qtbot.keyClicks(window.search, "overnight")
    qtbot.waitUntil(lambda: listed(window) == ["Dozens dead in California boat fire"])
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    message = window.statusBar().currentMessage()
    assert message == "“overnight”: 1 time in this article, the first selected"


def test_a_title_match_shows_at_once_and_a_one_letter_search_reads_no_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    asked: list[str] = []
    window.articles.textSearch.connect(asked.append)
    qtbot.keyClicks(window.search, "t")
    qtbot.wait(window.articles.TEXT_SEARCH_PAUSE_MS * 2)
    assert asked == []
    qtbot.keyClicks(window.search, "oronto")
    assert listed(window) == ["Toronto serial killer pleads guilty"]
    qtbot.waitUntil(lambda: asked == ["toronto"])  # once, when typing paused


def test_an_answer_for_an_older_search_is_not_shown(qtbot: QtBot, window: MainWindow) -> None:
    window.search.setText("mcarthur")
    qtbot.waitUntil(lambda: listed(window) == ["Toronto serial killer pleads guilty"])
    window.search.setText("conception")
    every = frozenset(a.id for a in window.articles.summaries())
    window.articles.show_text_matches("mcarthur", every)  # late: the search has moved on
    assert listed(window) == ["Toronto serial killer pleads guilty"]  # until the new answer
    qtbot.waitUntil(lambda: listed(window) == ["Dozens dead in California boat fire"])


def test_a_search_left_in_the_box_reaches_articles_imported_after_it(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", [("One", "Ana went home.")]))
    try:
        window.transfers.auto_preannotate = False
        window.search.setText("straße")
        qtbot.wait(window.articles.TEXT_SEARCH_PAUSE_MS * 2)
        assert listed(window) == []
        page = tmp_path / "new.txt"
        page.write_text("Road works\n\nThe STRASSE was closed on Monday.\n", "utf-8")
        window.import_paths([page])
        qtbot.waitUntil(lambda: listed(window) == ["Road works"], timeout=20_000)
    finally:
        window.close()


def test_a_text_the_store_refuses_is_named_in_the_status_bar_and_titles_are_still_searched(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import sqlite3

    path = make_project(tmp_path / "p.annotator.db", [("One", "Ana went home."), ("Two", "Bo stayed.")])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE articles SET text = CAST(x'eda0bd' AS TEXT) WHERE title = 'Two'")
    conn.close()
    window = open_window(qtbot, path)
    try:
        qtbot.keyClicks(window.search, "two")
        assert listed(window) == ["Two"]
        # In plain words (the table and row go to the log): the file is named as damaged.
        qtbot.waitUntil(lambda: "p.annotator.db is damaged" in window.statusBar().currentMessage())
        assert "row" not in window.statusBar().currentMessage()
        assert listed(window) == ["Two"]
        assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if w is not window)
    finally:
        window.close()


def test_a_search_nothing_holds_says_so(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search, "wildfire")
    qtbot.waitUntil(lambda: "No article listed has “wildfire”" in window.statusBar().currentMessage())
    assert listed(window) == []


def test_a_search_the_status_filter_hides_says_so_not_that_no_article_holds_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    """ "No article listed holds" was said of words an article held while the status filter hid
    it: the person took them to be in none."""
    window.status_filter.setCurrentIndex(window.status_filter.findData(ArticleStatus.DONE))
    qtbot.keyClicks(window.search, "concep")
    qtbot.waitUntil(lambda: "“concep”" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        "“concep” is in 1 article, which the status filter hides; choose Any status to see it"
    )
    assert listed(window) == []
    window.status_filter.setCurrentIndex(0)
    assert listed(window) == ["Dozens dead in California boat fire"]


def test_the_search_matches_from_the_start_of_words_not_inside_them(qtbot: QtBot, window: MainWindow) -> None:
    # "ai" inside "said" listed every article; a word's start is where a search matches.
    qtbot.keyClicks(window.search, "ncept")  # inside "Conception", at no word's start
    # "No article listed holds “ncept”" read as wrong beside a text holding "Conception".
    qtbot.waitUntil(lambda: "“ncept”" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        "No article listed has “ncept” at the start of a word in its title, source, text or notes"
    )
    assert listed(window) == []
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F3)  # in the article still shown, which holds "Conception"
    assert window.article is not None and "Conception" in window.article.article.text
    assert window.statusBar().currentMessage() == "“ncept” is not at the start of a word in this article"
    window.search.clear()
    qtbot.keyClicks(window.search, "concep")  # a word's beginning still finds it
    qtbot.waitUntil(lambda: listed(window) == ["Dozens dead in California boat fire"])


def test_the_list_says_how_many_articles_the_search_leaves(qtbot: QtBot, window: MainWindow) -> None:
    count = window.articles.count
    assert count.text() == "2 articles"
    qtbot.keyClicks(window.search, "conception")
    assert count.text() == "0 of 2 articles"
    qtbot.waitUntil(lambda: count.text() == "1 of 2 articles")
    window.search.clear()
    assert count.text() == "2 articles"


def test_f3_and_shift_f3_step_through_the_words_in_the_text_and_go_round(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Slash)
    qtbot.keyClicks(window.search, "conception")
    qtbot.waitUntil(lambda: listed(window) == ["Dozens dead in California boat fire"])
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.article is not None
    text = window.article.article.text
    places = [i for i in range(len(text)) if text.startswith("Conception", i)]
    assert len(places) == 5

    def selected() -> int:
        span = window.view.selected_span()
        assert span is not None and text[span[0] : span[1]] == "Conception"
        return span[0]

    assert selected() == places[0]
    for expected in places[1:]:
        qtbot.keyClick(window.view, Qt.Key.Key_F3)
        assert selected() == expected
    assert window.statusBar().currentMessage() == "“conception”: 5 of 5"
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    assert selected() == places[0]
    assert "(from the other end)" in window.statusBar().currentMessage()
    qtbot.keyClick(window.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert selected() == places[-1]


def test_f3_without_a_search_says_how_to_start_one(qtbot: QtBot, window: MainWindow) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    assert "search box first (Ctrl+F)" in window.statusBar().currentMessage()
    assert window.view.selected_span() is None


def test_matches_of_the_project_closed_never_list_articles_of_the_one_opened(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    first = window.project
    assert first is not None
    qtbot.keyClicks(window.search, "conception")
    qtbot.waitUntil(lambda: listed(window) == ["Dozens dead in California boat fire"])
    other = make_project(
        tmp_path / "other.annotator.db", [("Alpha", "Ana went home."), ("Beta", "Bo stayed.")]
    )
    window.open_project(other, create=False)
    qtbot.keyClicks(window.search, "conception")  # the same search, in the project opened
    assert listed(window) == []  # its article 1 is not the first project's article 1
    window._text_matches_found(
        (first.path, window._text_search_asked, "conception", frozenset({1, 2}), {1: 1}, None)
    )  # a late answer
    assert listed(window) == []
    qtbot.wait(window.articles.TEXT_SEARCH_PAUSE_MS * 3)
    assert listed(window) == []


def test_a_name_typed_with_its_accent_finds_it_written_with_a_combining_accent(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Texts keep their characters as the file had them, and many (macOS, some sites) write "é"
    as "e" and a combining accent: "José" typed in the search box found neither the title nor the
    text, and F3 said the name was not in the article."""
    decomposed = "Jose\u0301 Garci\u0301a"
    path = make_project(
        tmp_path / "p.annotator.db",
        [
            ("Ana Berg", f"Ana went home.\nShe said {decomposed} had left. Later {decomposed} came back.\n"),
            (f"{decomposed} interview", "Nothing more."),
        ],
    )
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        window.search.insert("josé garcía")  # as typed (QTest types ASCII only)
        assert listed(window) == [f"{decomposed} interview"]  # the title, at once
        qtbot.waitUntil(lambda: listed(window) == ["Ana Berg", f"{decomposed} interview"])
        window.articles.select_row(0)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None and window.article.article.title == "Ana Berg"
        text = window.article.article.text
        first = text.index(decomposed)
        assert window.view.selected_span() == (first, first + len(decomposed))
        qtbot.keyClick(window.view, Qt.Key.Key_F3)
        second = text.index(decomposed, first + 1)
        assert window.view.selected_span() == (second, second + len(decomposed))
        assert window.statusBar().currentMessage() == "“josé garcía”: 2 of 2"
    finally:
        window.close()


def test_a_name_typed_without_its_umlaut_lists_its_articles_and_f3_selects_it_exactly(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A keyboard without "ü" types "Zuerich" for "Zürich": the list showed no article and F3
    said the name was not there. Typed letter by letter, "joe" hides "Jörg", and "joer" shows it."""
    before = "😀 北京 Straße e\u0301 İ "
    text = f"Ana went home.\n{before}Zürich voted. Later Zu\u0308rich won.\n"
    path = make_project(
        tmp_path / "p.annotator.db",
        [("Ana Berg", text), ("ZÜRICH votes", "Nothing more."), ("Jörg Weber", "He left.")],
    )
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        qtbot.keyClicks(window.search, "zuerich")
        assert listed(window) == ["ZÜRICH votes"]  # the title, at once
        qtbot.waitUntil(lambda: listed(window) == ["Ana Berg", "ZÜRICH votes"])
        window.articles.select_row(0)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None and window.article.article.text == text
        first = text.index("Zürich")
        assert window.view.selected_span() == (first, first + len("Zürich"))
        assert window.view.textCursor().selectedText() == "Zürich"
        qtbot.keyClick(window.view, Qt.Key.Key_F3)
        second = text.index("Zu\u0308rich")
        assert window.view.selected_span() == (second, second + len("Zu\u0308rich"))
        assert window.statusBar().currentMessage() == "“zuerich”: 2 of 2"
        window.search.setFocus()
        window.search.clear()
        qtbot.keyClicks(window.search, "joe")
        assert listed(window) == []
        qtbot.keyClicks(window.search, "r")
        assert listed(window) == ["Jörg Weber"]
    finally:
        window.close()


def test_a_danish_city_typed_with_aa_or_with_its_a_ring_finds_it_written_either_way(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Danish wrote "aa" for "å" until the 1940s, and a keyboard without "å" types it so:
    "Aarhus" listed no article writing "Århus", and "Århus" none writing "Aarhus". Where the text
    writes the ring as a combining mark, the selection holds the whole name, mark and all."""
    ring = "A\u030arhus"
    path = make_project(
        tmp_path / "p.annotator.db",
        [
            ("Fair opens", "The fair opened.\nIn Århus the fair opened.\n"),
            ("Team wins", f"The team won.\nAarhus won again, and {ring} fans sang.\n"),
            ("Den Haag", "Naar Den Haag ging ze."),
        ],
    )
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        qtbot.keyClicks(window.search, "Aarhus")
        qtbot.waitUntil(lambda: listed(window) == ["Fair opens", "Team wins"])
        window.articles.select_row(0)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None and window.article.article.title == "Fair opens"
        assert window.view.textCursor().selectedText() == "Århus"
        window.search.setFocus()
        window.search.clear()
        qtbot.keyClicks(window.search, "Århus")
        assert window.search.text() == "Århus"
        qtbot.waitUntil(lambda: listed(window) == ["Fair opens", "Team wins"])
        window.articles.select_row(1)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None and window.article.article.title == "Team wins"
        text = window.article.article.text
        assert window.view.textCursor().selectedText() == "Aarhus"
        assert window.view.selected_span() == (text.index("Aarhus"), text.index("Aarhus") + 6)
        qtbot.keyClick(window.view, Qt.Key.Key_F3)
        assert window.view.selected_span() == (text.index(ring), text.index(ring) + len(ring))
        assert window.view.textCursor().selectedText() == ring
        assert window.statusBar().currentMessage() == "“Århus”: 2 of 2"
    finally:
        window.close()


def test_an_arabic_name_typed_without_its_vowel_marks_finds_it_written_with_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """An Arabic site points a name ("مُحَمَّد") that a keyboard types as its letters alone:
    the search listed neither the title nor the text, and F3 said the name was not there."""
    pointed = "مُحَمَّد"
    path = make_project(
        tmp_path / "p.annotator.db",
        [
            (
                "Cairo talks",
                f"The talks went on.\nقال {pointed} إن الاجتماع انتهى. ثم عاد {pointed} إلى القاهرة.\n",
            ),
            (f"مقابلة مع {pointed}", "Nothing more."),
        ],
    )
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        window.search.insert("محمد")
        assert listed(window) == [f"مقابلة مع {pointed}"]  # the title, at once
        qtbot.waitUntil(lambda: listed(window) == ["Cairo talks", f"مقابلة مع {pointed}"])
        window.articles.select_row(0)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None and window.article.article.title == "Cairo talks"
        text = window.article.article.text
        first = text.index(pointed)
        assert window.view.selected_span() == (first, first + len(pointed))
        qtbot.keyClick(window.view, Qt.Key.Key_F3)
        second = text.index(pointed, first + 1)
        assert window.view.selected_span() == (second, second + len(pointed))
        assert window.statusBar().currentMessage() == "“محمد”: 2 of 2"
    finally:
        window.close()


def test_a_persian_keyboard_s_search_finds_words_an_arabic_keyboard_wrote_and_across_marks(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A Persian keyboard types "ی" and "ک" where an Arabic one (which many Persian sites use)
    wrote "ي" and "ك", and "میخواهم" without the non-joiner a site writes in it; a right-to-left
    text puts a direction mark between words. The list showed neither article and F3 said the
    words were not there."""
    name = "كريمي"  # with an Arabic keyboard
    text = f"The minister spoke.\nآقای {name}\u200f گفت: می\u200cخواهم بمانم. سپس {name}\u200f گفت که رفت.\n"
    articles = [("Tehran talks", text), (f"گفتگو با {name}", "Nothing more.")]
    path = make_project(tmp_path / "p.annotator.db", articles)
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        window.search.insert("کریمی")  # with a Persian keyboard
        assert listed(window) == [f"گفتگو با {name}"]  # the title, at once
        qtbot.waitUntil(lambda: listed(window) == ["Tehran talks", f"گفتگو با {name}"])
        window.search.clear()
        window.search.insert("کریمی گفت")
        qtbot.waitUntil(lambda: listed(window) == ["Tehran talks"])
        window.articles.select_row(0)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None and window.article.article.title == "Tehran talks"
        first = text.index(name)
        assert window.view.selected_span() == (first, first + len(name) + len("\u200f گفت"))
        qtbot.keyClick(window.view, Qt.Key.Key_F3)
        second = text.index(name, first + 1)
        assert window.view.selected_span() == (second, second + len(name) + len("\u200f گفت"))
        assert window.statusBar().currentMessage() == "“کریمی گفت”: 2 of 2"
        window.search.clear()
        window.search.insert("میخواهم")
        qtbot.waitUntil(lambda: listed(window) == ["Tehran talks"])
        qtbot.keyClick(window.view, Qt.Key.Key_F3)
        wanted = text.index("می\u200cخواهم")
        assert window.view.selected_span() == (wanted, wanted + len("می\u200cخواهم"))
    finally:
        window.close()


def test_a_persian_word_after_a_non_joiner_is_found_and_a_space_stands_for_a_non_joiner(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Persian writes "رئیس\u200cجمهور" (president) with a non-joiner between its parts, and as
    often with a space, which is what a keyboard without the non-joiner's key types. A search for
    "جمهور" found the article before the non-joiner was left out of the texts, and none since; a
    search typed with a space found no text written with the non-joiner, nor the other way round:
    the list stayed empty and the status bar said no article held the words."""
    joined = "رئیس\u200cجمهور"
    spaced = "رئیس جمهور"
    articles = [
        ("Tehran", f"The minister spoke.\nبانک مرکزی گفت که {joined} امروز آمد.\n"),
        ("Mashhad", f"The mayor spoke.\nخبرگزاری گفت که {spaced} فردا می\u200cآید.\n"),
        (f"دیدار {joined}", "Nothing more."),
    ]
    path = make_project(tmp_path / "p.annotator.db", articles)
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        window.search.insert("جمهور")
        assert listed(window) == [f"دیدار {joined}"]  # the title, at once
        qtbot.waitUntil(lambda: listed(window) == ["Tehran", "Mashhad", f"دیدار {joined}"])
        for typed in (spaced, joined):
            window.search.clear()
            window.search.insert(typed)
            assert listed(window) == [f"دیدار {joined}"]
            qtbot.waitUntil(lambda: listed(window) == ["Tehran", "Mashhad", f"دیدار {joined}"])
        window.articles.select_row(listed(window).index("Tehran"))
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None and window.article.article.title == "Tehran"
        start = articles[0][1].index(joined)
        assert window.view.selected_span() == (start, start + len(joined))
    finally:
        window.close()


def test_words_typed_with_straight_marks_find_a_text_written_with_curly_ones_and_line_breaks(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """News sites write "wasn’t" and “green deal” with curly marks, and a wrapped text breaks
    "New York" over a line; a keyboard types "wasn't", straight quotes and a space. Each
    search said no article held the words, and F3 that this one did not."""
    text = (
        "The mayor said the city’s budget wasn’t enough for the “green deal”.\nNew\nYork officials agreed.\n"
    )
    path = make_project(tmp_path / "p.annotator.db", [("Budget", text), ("Other", "Ana went home.")])
    window = open_window(qtbot, path)
    try:
        for typed, found in (
            ("wasn't", "wasn’t"),
            ('"green deal"', "“green deal”"),
            ("new york officials", "New\nYork officials"),
        ):
            window.search.clear()
            window.search.setFocus()
            qtbot.keyClicks(window.search, typed)
            qtbot.waitUntil(lambda: listed(window) == ["Budget"])
            qtbot.keyClick(window.search, Qt.Key.Key_Return)
            start, end = window.view.selected_span() or (0, 0)
            assert text[start:end] == found
            said = window.statusBar().currentMessage()
            assert said == f"“{typed}”: 1 time in this article, the first selected"
    finally:
        window.close()


def test_a_project_opened_lists_all_its_articles_whatever_the_last_one_was_filtered_by(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A search or filter left from the project closed hid the new one's articles: a first
    import into a new project listed "0 of 1 articles" and the text said to import some."""
    qtbot.keyClicks(window.search, "conception")
    window.articles.status_filter.setCurrentIndex(1)
    window.articles.label_filter.setCurrentIndex(1)
    other = make_project(
        tmp_path / "other.annotator.db", [("Alpha", "Ana went home."), ("Beta", "Bo stayed.")]
    )
    window.open_project(other, create=False)
    wait_listed(qtbot, window)
    assert window.search.text() == ""
    assert window.articles.status_filter.currentIndex() == window.articles.label_filter.currentIndex() == 0
    assert listed(window) == ["Alpha", "Beta"]
    assert window.articles.count.text() == "2 articles"
    assert window.article is not None and window.article.article.title == "Alpha"


def test_an_older_answer_to_the_same_search_does_not_hide_articles_listed_since(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The texts are searched again when articles come (an import, another program's save), and
    two searches of the same words can be out in the pool at once: the older, read before the
    new article, came last and hid it, though its text holds the words."""
    path = make_project(
        tmp_path / "p.annotator.db", [("One", "The ferry Conception sank."), ("Two", "Prices rose.")]
    )
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    pool.setMaxThreadCount(max(threads, 2))  # the two searches at once, on any machine
    read_first, release_first = threading.Event(), threading.Event()
    real = Project.articles_containing

    def first_held(project: Project, needle: str) -> frozenset[int]:
        found = real(project, needle)
        if not read_first.is_set():
            read_first.set()
            release_first.wait(30)  # answers after the search asked next
        return found

    window = open_window(qtbot, path)
    try:
        wait_listed(qtbot, window)
        window.project_watch.stop()  # only this test's reads list the articles
        monkeypatch.setattr(Project, "articles_containing", first_held)
        window.search.setText("conception")
        qtbot.waitUntil(read_first.is_set, timeout=30_000)  # read before the new article
        with open_project(path, create=False) as other:
            other.import_drafts(
                [ArticleDraft(text="Divers found the Conception.", title="Three", source="test")]
            )
        window.reload_articles()  # a new article listed: the texts are searched again
        qtbot.waitUntil(lambda: listed(window) == ["One", "Three"], timeout=30_000)
        release_first.set()
        qtbot.waitUntil(lambda: not team_tasks._RUNNING, timeout=30_000)  # the older answer came
        assert listed(window) == ["One", "Three"]
    finally:
        release_first.set()
        window.close()
        pool.setMaxThreadCount(threads)


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key to whatever has the focus, as on a desktop."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def _claim_spans(window: MainWindow) -> list[tuple[int, int]]:
    assert window.project is not None and window.article is not None
    return [(c.start, c.end) for c in window.project.claims(window.article.article.id)]


def _go_to_police(qtbot: QtBot, window: MainWindow) -> tuple[int, int]:
    """Ctrl+F, "police", Return: the article opened on the first place, selected."""
    window.view.setFocus()
    _key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search, "police")
    qtbot.waitUntil(lambda: listed(window) == ["Toronto serial killer pleads guilty"])
    _key(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.view
    span = window.view.selected_span()
    assert window.article is not None and span is not None
    assert window.article.article.text[span[0] : span[1]].lower() == "police"
    return span


def test_escape_after_a_search_unselects_the_word_it_found_so_a_label_key_does_not_label_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Return goes to the match and selects it; Escape was the way to leave the search, but
    the word stayed selected and the next 1 made that one word a factual claim."""
    found = _go_to_police(qtbot, window)
    _key(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.view
    assert window.view.selected_span() is None
    assert window.view.cursor_position() == found[1]  # the place is kept
    _key(qtbot, Qt.Key.Key_1)
    assert found not in _claim_spans(window)
    # F3 goes on from there, and Escape from the search box (Ctrl+F again) unselects too.
    _key(qtbot, Qt.Key.Key_F3)
    second = window.view.selected_span()
    assert second is not None and second[0] > found[0]
    _key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search
    _key(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.view
    assert window.view.selected_span() is None
    assert window.view.cursor_position() == second[1]


def test_escape_after_a_search_keeps_words_the_person_selected_since(
    qtbot: QtBot, window: MainWindow
) -> None:
    found = _go_to_police(qtbot, window)
    words = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    _key(qtbot, Qt.Key.Key_Right, words)  # the person's own: the word after it too
    _key(qtbot, Qt.Key.Key_Right, words)
    mine = window.view.selected_span()
    assert mine is not None and mine[0] == found[0] and mine[1] > found[1]
    _key(qtbot, Qt.Key.Key_Escape)
    assert window.view.selected_span() == mine
    _key(qtbot, Qt.Key.Key_1)
    assert [span for span in _claim_spans(window) if span[0] == found[0] and span[1] > found[1]]


def test_return_typed_before_the_texts_answer_opens_what_the_answer_lists(
    qtbot: QtBot, window: MainWindow
) -> None:
    """ "conception", Return at typing speed: the list was still empty when Return came, so the
    key went to the text with nothing selected, and the article the answer then listed was
    never opened. The texts are searched at once and the answer's first article opens."""
    window.search.setFocus()
    qtbot.keyClicks(window.search, "CONCEPTION")
    assert listed(window) == []  # the texts' answer has not come
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.article is not None and window.view.selected_span() is not None)
    assert window.article is not None
    assert window.article.article.title == "Dozens dead in California boat fire"
    text = window.article.article.text
    start, end = window.view.selected_span() or (0, 0)
    assert text[start:end] == "Conception" and start == text.index("Conception")
    assert QApplication.focusWidget() is window.view


def test_words_typed_after_return_are_not_opened_for_the_return(qtbot: QtBot, window: MainWindow) -> None:
    """Return belongs to the words it was pressed on: typing on cancels the opening."""
    shown = window.article.article.id if window.article is not None else None
    window.search.setFocus()
    qtbot.keyClicks(window.search, "CONCEPTION")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    window.search.setFocus()
    qtbot.keyClicks(window.search, "x")  # "CONCEPTIONx": in no text
    qtbot.wait(window.articles.TEXT_SEARCH_PAUSE_MS * 3)
    assert window.article is not None and window.article.article.id == shown


def test_words_are_found_across_soft_hyphens_and_zero_width_spaces(qtbot: QtBot, tmp_path: Path) -> None:
    """Pages mark where a long line may break with a soft hyphen inside a word and a zero-width
    space after one. Neither shows, so the person types "information" and "war ended": the
    search listed no article, and F3 said the words were not in the one they were reading."""
    text = "Talks began.\nThe infor\u00admation minister said the war\u200b ended in 2019.\n"
    path = make_project(tmp_path / "p.annotator.db", [("Talks", text), ("Weather", "Rain today.")])
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        qtbot.keyClicks(window.search, "information")
        qtbot.waitUntil(lambda: listed(window) == ["Talks"])
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None and window.article.article.title == "Talks"
        word = text.index("infor")
        assert window.view.selected_span() == (word, word + len("infor\u00admation"))
        window.search.setFocus()
        window.search.selectAll()
        qtbot.keyClicks(window.search, "war ended")
        qtbot.waitUntil(lambda: listed(window) == ["Talks"])
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_F3)
        words = text.index("war")
        assert window.view.selected_span() == (words, words + len("war\u200b ended"))
        assert window.statusBar().currentMessage() == "“war ended”: 1 of 1"
    finally:
        window.close()


def test_names_typed_without_accents_find_titles_texts_and_places_written_with_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A keyboard types "Sao Paulo" and "Zurich" where the site wrote "São Paulo" (here with a
    combining tilde, as macOS writes it) and "Zürich": the list showed no article and F3 said
    the words were not in the one being read. The place selected is the text's own, an emoji
    before it (two UTF-16 units) and the combining tilde inside it."""
    text = "Talks 😀 began.\nAna flew from Sa\u0303o Paulo; later SÃO PAULO voted.\n"
    path = make_project(tmp_path / "p.annotator.db", [("Talks", text), ("Zürich vote", "Rain today.")])
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        qtbot.keyClicks(window.search, "zurich")
        assert listed(window) == ["Zürich vote"]  # the title, at once
        window.search.selectAll()
        qtbot.keyClicks(window.search, "sao paulo")
        qtbot.waitUntil(lambda: listed(window) == ["Talks"])
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None and window.article.article.title == "Talks"
        first = text.index("Sa\u0303o")
        assert window.view.selected_span() == (first, first + len("Sa\u0303o Paulo"))
        assert window.view.textCursor().selectedText() == "Sa\u0303o Paulo"
        qtbot.keyClick(window.view, Qt.Key.Key_F3)
        second = text.index("SÃO")
        assert window.view.selected_span() == (second, second + len("SÃO PAULO"))
        assert window.statusBar().currentMessage() == "“sao paulo”: 2 of 2"
    finally:
        window.close()
