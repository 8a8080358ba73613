"""The article list's search reaches the claims' notes: an article whose notes alone hold the
words is listed, the status bar says in how many notes, and opening it makes the first claim
so noted current, its note shown under it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, wikinews_texts


def listed(window: MainWindow) -> list[str]:
    model = window.article_filter
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def noted_project(path: Path) -> tuple[Path, tuple[int, int]]:
    """A team file: alice and bob noted claims in the Toronto article, bob one in the other; the
    span of the first claim in text order noted "ask Maria" (bob's, in capitals)."""
    make_project(path, wikinews_texts())
    with open_project(path, create=False) as project:
        boat, toronto = project.article_ids()
        project.add_claim(toronto, 40, 60, "factual", annotator="alice", note="check source")
        project.add_claim(toronto, 0, 20, "factual", annotator="bob", note="Ask MARIA about the date")
        project.add_claim(toronto, 80, 90, "opinion", annotator="alice", note="ask maria too")
        project.add_claim(toronto, 100, 120, "opinion", annotator="alice")
        project.add_claim(boat, 0, 10, "opinion", annotator="bob", note="fine")
    return path, (0, 20)


def test_words_only_a_note_holds_list_its_article_and_return_makes_that_claim_current(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path, first_noted = noted_project(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        qtbot.keyClicks(window.search, "ask maria")  # in two notes, by two people; in no text
        qtbot.waitUntil(lambda: listed(window) == ["Toronto serial killer pleads guilty"])
        assert window.statusBar().currentMessage() == "“ask maria” is in 2 notes"
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.article is not None
        assert window.article.article.title == "Toronto serial killer pleads guilty"
        current = window.claim_list.currentIndex()
        assert current.isValid()
        claim = window.claim_model.claim(current.row())
        assert (claim.annotator, claim.note) == ("bob", "Ask MARIA about the date")
        assert current.siblingAtColumn(2).data() == "Ask MARIA about the date"  # shown under the claim
        assert window.view.selected_span() == first_noted
        assert QApplication.focusWidget() is window.view
        assert window.statusBar().currentMessage() == "“ask maria”: in the note of the claim selected"
    finally:
        window.close()


def test_a_note_search_says_one_note_and_nothing_found_names_notes(qtbot: QtBot, tmp_path: Path) -> None:
    path, _first = noted_project(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path)
    try:
        qtbot.keyClicks(window.search, "check source")
        qtbot.waitUntil(lambda: listed(window) == ["Toronto serial killer pleads guilty"])
        assert window.statusBar().currentMessage() == "“check source” is in 1 note"
        assert window.articles.count.text() == "1 of 2 articles"
        window.search.clear()
        qtbot.keyClicks(window.search, "zyzzyva")
        qtbot.waitUntil(lambda: "zyzzyva" in window.statusBar().currentMessage())
        assert window.statusBar().currentMessage() == (
            "No article listed has “zyzzyva” at the start of a word in its title, source, text or notes"
        )
    finally:
        window.close()


def test_a_note_the_store_refuses_is_named_and_the_texts_are_still_searched(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import sqlite3

    path, _first = noted_project(tmp_path / "team.annotator.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE claims SET note = CAST(x'eda0bd' AS TEXT) WHERE note = 'check source'")
    conn.close()
    window = open_window(qtbot, path)  # on the other article, whose claims are read whole
    try:
        assert "damaged" not in window.statusBar().currentMessage()
        qtbot.keyClicks(window.search, "conception")  # in a text
        qtbot.waitUntil(lambda: listed(window) == ["Dozens dead in California boat fire"])
        assert "team.annotator.db is damaged" in window.statusBar().currentMessage()
    finally:
        window.close()


def test_a_note_saved_with_the_searched_words_lists_its_article_and_one_taken_out_unlists_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Texts never change, notes do: the answer stood until the search was typed again."""
    path, _first = noted_project(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path, annotator="bob")  # on the boat article: bob's claim noted "fine"
    try:
        assert window.article is not None and window.project is not None
        boat = window.article.article.id
        qtbot.keyClicks(window.search, "check source")
        qtbot.waitUntil(lambda: listed(window) == ["Toronto serial killer pleads guilty"])
        window.view.setFocus()
        window.view.scroll_to(1)
        qtbot.keyClick(window.view, Qt.Key.Key_N)
        dialog = window.labelling.note_dialog
        assert dialog.isVisible()
        qtbot.keyClick(dialog.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.edit, "Check source, then fine")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert [c.note for c in window.project.claims(boat)] == ["Check source, then fine"]
        qtbot.waitUntil(
            lambda: (
                listed(window)
                == ["Dozens dead in California boat fire", "Toronto serial killer pleads guilty"]
            )
        )
        assert "is in" not in window.statusBar().currentMessage()  # what was saved stays said
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        window.view.scroll_to(1)
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the note undone
        assert [c.note for c in window.project.claims(boat)] == ["fine"]
        qtbot.waitUntil(lambda: listed(window) == ["Toronto serial killer pleads guilty"])
    finally:
        window.close()


def test_a_note_written_with_accents_is_found_by_words_typed_without(qtbot: QtBot, tmp_path: Path) -> None:
    """A note "ask José" (the colleague's name as they write it) was found by no search typed
    on a keyboard without accents, so the claim it asked about was never found again."""
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts())
    with open_project(path, create=False) as project:
        _boat, toronto = project.article_ids()
        project.add_claim(toronto, 0, 20, "factual", annotator="bob", note="Ask José about the date")
    window = open_window(qtbot, path)
    try:
        window.search.setFocus()
        qtbot.keyClicks(window.search, "ask jose")
        qtbot.waitUntil(lambda: listed(window) == ["Toronto serial killer pleads guilty"])
        assert window.statusBar().currentMessage() == "“ask jose” is in 1 note"
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.view.selected_span() == (0, 20)
        assert window.statusBar().currentMessage() == "“ask jose”: in the note of the claim selected"
    finally:
        window.close()
