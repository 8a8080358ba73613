"""Drive the real window with the keyboard and check what the user sees and what the store holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import ArticleStatus, ClaimLabel
from annotator.core.text import snap_to_words
from annotator.ui.dialogs import NoteDialog
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, select_words, wikinews_texts


def test_opening_a_project_shows_the_first_article(window: MainWindow) -> None:
    assert window.article_model.rowCount() == 2
    assert window.article is not None
    assert window.view.toPlainText().startswith("Wednesday, September 4, 2019")
    assert "0 / 2 articles done" in window.progress_label.text()


def test_select_by_keys_and_press_2_stores_an_opinion_claim(qtbot: QtBot, window: MainWindow) -> None:
    text = window.view.text
    start = text.index("A deadly boat fire")
    select_words(qtbot, window, start, 4)
    selected = window.view.textCursor().selectedText().strip()
    assert selected == "A deadly boat fire"
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert window.project is not None
    claims = window.project.claims(window.article.article.id)  # type: ignore[union-attr]
    assert [(text[c.start : c.end], c.label, c.annotator) for c in claims] == [
        ("A deadly boat fire", ClaimLabel.OPINION, "tester")
    ]
    assert window.claim_model.rowCount() == 1
    assert window.claim_model.index(0, 0).data() == "Opinion"
    # The first claim starts the article.
    assert window.project.article(claims[0].article_id).status == ArticleStatus.IN_PROGRESS


def test_undo_and_redo_go_through_the_store(qtbot: QtBot, window: MainWindow) -> None:
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert len(window.project.claims(article_id)) == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.claims(article_id) == []
    assert window.claim_model.rowCount() == 0
    assert window.project.article(article_id).status == ArticleStatus.NEW
    qtbot.keyClick(
        window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    claims = window.project.claims(article_id)
    assert [(c.label, window.view.text[c.start : c.end]) for c in claims] == [
        (ClaimLabel.FACTUAL, "The boat")
    ]
    assert window.claim_model.rowCount() == 1


def test_label_key_on_an_existing_claim_changes_its_label(qtbot: QtBot, window: MainWindow) -> None:
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    start = window.view.text.index("Five people")
    select_words(qtbot, window, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    # Cursor inside the claim, no selection: 3 relabels it.
    window.view.scroll_to(start + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    claims = window.project.claims(article_id)
    assert [c.label for c in claims] == [ClaimLabel.QUESTIONABLE]
    # Picked in the claim list: 2 relabels it too.
    window.claim_list.setFocus()
    window.claim_list.setCurrentIndex(window.claim_model.index(0, 0))
    qtbot.keyClick(window.claim_list, Qt.Key.Key_2)
    assert [c.label for c in window.project.claims(article_id)] == [ClaimLabel.OPINION]
    assert window.claim_model.index(0, 0).data() == "Opinion"
    # Undo walks back both relabels.
    qtbot.keyClick(window.claim_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.claim_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [c.label for c in window.project.claims(article_id)] == [ClaimLabel.FACTUAL]


def test_the_label_a_claim_has_already_says_so_and_adds_no_step(qtbot: QtBot, window: MainWindow) -> None:
    """1 on a factual claim did nothing and said nothing: the key looked broken."""
    assert window.project is not None and window.article is not None
    start = window.view.text.index("Five people")
    select_words(qtbot, window, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    steps = window.undo_stack.count()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.statusBar().currentMessage() == "This claim is factual already"
    assert window.undo_stack.count() == steps
    assert [c.label for c in window.project.claims(window.article.article.id)] == [ClaimLabel.FACTUAL]


def test_note_and_delete(qtbot: QtBot, window: MainWindow) -> None:
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    start = window.view.text.index("Five people")
    select_words(qtbot, window, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    window.view.scroll_to(start + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    dialog = window.labelling.note_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.edit, "check the coroner's count")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [c.note for c in window.project.claims(article_id)] == ["check the coroner's count"]
    assert window.claim_model.index(0, 2).data() == "check the coroner's count"
    window.view.setFocus()
    window.view.scroll_to(start + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.project.claims(article_id) == []
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [c.note for c in window.project.claims(article_id)] == ["check the coroner's count"]


def test_j_selects_the_next_candidate_and_1_labels_it(qtbot: QtBot, window: MainWindow) -> None:
    assert window.project is not None and window.article is not None
    article = window.article
    first, second = sorted(article.candidates, key=lambda c: c.start)[:2]
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert window.view.selected_span() == (first.start, first.end)
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert window.view.selected_span() == (second.start, second.end)
    qtbot.keyClick(window.view, Qt.Key.Key_K)
    assert window.view.selected_span() == (first.start, first.end)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    claims = window.project.claims(article.article.id)
    assert [(c.start, c.end, c.label) for c in claims] == [
        (*snap_to_words(article.article.text, first.start, first.end), ClaimLabel.FACTUAL)
    ]
    # After labelling, J moves on to the sentence after the claim.
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert window.view.selected_span() == (second.start, second.end)


def test_d_marks_done_and_opens_the_next_article(qtbot: QtBot, window: MainWindow) -> None:
    assert window.project is not None and window.article is not None
    first_id = window.article.article.id
    window.view.setFocus()
    with qtbot.waitSignal(window.events.articleShown) as shown:
        qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert shown.args is not None and shown.args[0] != first_id
    assert window.project.article(first_id).status == ArticleStatus.DONE
    assert window.article.article.title == "Toronto serial killer pleads guilty"
    assert "1 / 2 articles done" in window.progress_label.text()
    assert window.article_model.index(0, 3).data() == "done"


def test_d_goes_on_through_the_articles_the_search_shows_and_keeps_the_search(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """D opened the next article of the whole project and cleared the search to show it: a
    person going through the articles their search found lost it at the first D."""
    texts = [
        (title, f"{title}: the council met on Monday.")
        for title in ("Fire one", "Court one", "Fire two", "Court two")
    ]
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", texts))
    try:
        assert window.article is not None and window.article.article.title == "Fire one"
        qtbot.keyClicks(window.search, "fire")
        qtbot.waitUntil(lambda: window.article_filter.rowCount() == 2)
        window.view.setFocus()
        with qtbot.waitSignal(window.events.articleShown):
            qtbot.keyClick(window.view, Qt.Key.Key_D)
        assert window.article.article.title == "Fire two"
        assert window.search.text() == "fire" and window.article_filter.rowCount() == 2
        # The last one the search shows: D says so, and leaves the search and the article be.
        qtbot.keyClick(window.view, Qt.Key.Key_D)
        assert "every article the list shows is done" in window.statusBar().currentMessage()
        assert window.article.article.title == "Fire two" and window.search.text() == "fire"
        # Without a search, D goes on to the articles it hid.
        window.search.clear()
        with qtbot.waitSignal(window.events.articleShown):
            qtbot.keyClick(window.view, Qt.Key.Key_D)
        assert window.article.article.title == "Court two"
    finally:
        window.close()


def test_the_status_filter_new_takes_d_to_the_next_new_article_after_this_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Filtered to new articles, the one just marked done leaves the list: D goes on from where
    it stood in the list, not back to the first new article."""
    texts = [(f"Article {n}", f"Article {n}: the council met on Monday.") for n in range(1, 5)]
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", texts))
    try:
        panel = window.articles
        panel.status_filter.setCurrentIndex(panel.status_filter.findData(ArticleStatus.NEW))
        panel.select_article(window.article_model.summaries()[1].id)  # Article 2, skipping 1
        qtbot.waitUntil(lambda: window.article is not None and window.article.article.title == "Article 2")
        window.view.setFocus()
        with qtbot.waitSignal(window.events.articleShown):
            qtbot.keyClick(window.view, Qt.Key.Key_D)
        assert window.article.article.title == "Article 3"
        assert panel.status_filter.currentData() == ArticleStatus.NEW
    finally:
        window.close()


def test_search_and_filters_narrow_the_list(qtbot: QtBot, window: MainWindow) -> None:
    # Label a claim in the first article, so the filters have something to tell apart.
    select_words(qtbot, window, 0, 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    qtbot.keyClicks(window.search, "toronto")
    assert window.article_filter.rowCount() == 1
    assert window.article_filter.index(0, 0).data() == "Toronto serial killer pleads guilty"
    window.search.clear()
    assert window.article_filter.rowCount() == 2
    window.label_filter.setCurrentIndex(window.label_filter.findData(ClaimLabel.OPINION))
    assert [window.article_filter.index(0, c).data() for c in (0, 2, 3)] == [
        "Dozens dead in California boat fire",
        1,
        "in progress",
    ]
    assert window.article_filter.rowCount() == 1
    window.label_filter.setCurrentIndex(0)
    window.status_filter.setCurrentIndex(window.status_filter.findData(ArticleStatus.NEW))
    assert [window.article_filter.index(r, 0).data() for r in range(window.article_filter.rowCount())] == [
        "Toronto serial killer pleads guilty"
    ]


def test_emoji_article_claim_text_is_what_was_selected(qtbot: QtBot, tmp_path: Path) -> None:
    text = (
        'Fans 🎉 cheered as the mayor 👍🏽 said: "北京 𠀋 is naïve\u0301" — 👨‍👩‍👧 families agreed.\n'
        "Second line with more 😀 emoji and CJK 汉字 here."
    )
    path = make_project(tmp_path / "emoji.annotator.db", [("Emoji", text)])
    window = open_window(qtbot, path)
    try:
        select_words(qtbot, window, text.index("mayor"), 8)
        on_screen = window.view.textCursor().selectedText()
        assert "👍🏽" in on_screen
        qtbot.keyClick(window.view, Qt.Key.Key_3)
        assert window.project is not None
        (claim,) = window.project.claims()
        stored = window.project.article(claim.article_id).text[claim.start : claim.end]
        assert stored == on_screen.strip()
        assert window.claim_model.index(0, 1).data() == stored
    finally:
        window.close()


def test_crlf_article_offsets_match_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    raw = "First line 🎉 here.\r\nSecond line with a claim.\r\n\r\nThird 👍 line."
    path = tmp_path / "crlf.annotator.db"
    from annotator import open_project

    with open_project(path) as project:
        project.import_texts([raw], title="CRLF")
    window = open_window(qtbot, path)
    try:
        text = window.view.text
        assert "\r" not in text
        select_words(qtbot, window, text.index("Second"), 5)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        assert window.project is not None
        (claim,) = window.project.claims()
        assert text[claim.start : claim.end] == "Second line with a claim"
    finally:
        window.close()


def test_undo_after_d_goes_back_to_the_article_and_reopens_it(qtbot: QtBot, window: MainWindow) -> None:
    assert window.project is not None and window.article is not None
    first_id = window.article.article.id
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert window.article.article.id != first_id
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.article.article.id == first_id
    assert window.project.article(first_id).status == ArticleStatus.NEW
    assert "0 / 2 articles done" in window.progress_label.text()


def test_an_undo_that_opens_another_article_names_it(qtbot: QtBot, window: MainWindow) -> None:
    """A label in one article, another article opened, Ctrl+Z: the undo opens the first one
    again and says so. It said "Undone: add factual claim" alone while the text changed to
    another article under the person's eyes; so did the redo."""
    assert window.project is not None and window.article is not None
    first_id, first_title = window.article.article.id, window.article.article.title
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    second_id = next(i for i in (1, 2) if i != first_id)
    window.select_article(second_id)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.article.article.id == first_id
    assert window.project.claims(first_id) == []
    assert window.statusBar().currentMessage() == f"Undone: add factual claim; opened “{first_title}”"
    window.select_article(second_id)
    window.view.setFocus()
    qtbot.keyClick(
        window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.article.article.id == first_id
    assert window.statusBar().currentMessage() == f"Redone: add factual claim; opened “{first_title}”"
    # In the article shown, nothing was opened, and nothing more is said.
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Undone: add factual claim"


def test_an_undo_that_clears_the_search_and_filter_to_open_its_article_says_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A label in one article, the list narrowed by a search and a status filter to another,
    Ctrl+Z: the undo opens the first article, clearing the search and the filter that hid it.
    They were cleared without a word, and the narrowed list came back whole, unexplained."""
    assert window.project is not None and window.article is not None
    first_id, first_title = window.article.article.id, window.article.article.title
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClicks(window.search, "toronto")
    window.status_filter.setCurrentIndex(window.status_filter.findData(ArticleStatus.NEW))
    qtbot.waitUntil(lambda: window.article_filter.rowCount() == 1)
    second_id = next(i for i in (1, 2) if i != first_id)
    window.select_article(second_id)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.article.article.id == first_id and window.project.claims(first_id) == []
    assert window.search.text() == "" and window.status_filter.currentIndex() == 0
    assert window.statusBar().currentMessage() == (
        f"Undone: add factual claim. Cleared the search “toronto” and the status filter “new”"
        f" to show “{first_title}”, where the step was"
    )
    # Nothing hid it this time: the undo opens it and says only that.
    window.select_article(second_id)
    window.view.setFocus()
    qtbot.keyClick(
        window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.statusBar().currentMessage() == f"Redone: add factual claim; opened “{first_title}”"


def _note_dialog_on_a_claim(qtbot: QtBot, window: MainWindow, start: int) -> tuple[NoteDialog, list[int]]:
    """N on the claim at `start`: the note dialog, and its results once it closes."""
    window.activateWindow()  # offscreen, no window is active again by itself after a dialog
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    window.view.scroll_to(start + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    dialog = window.labelling.note_dialog
    assert dialog.isVisible()
    results: list[int] = []
    dialog.finished.connect(results.append)
    return dialog, results


def test_escape_in_the_note_dialog_asks_before_discarding_a_typed_note(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    start = window.view.text.index("Five people")
    select_words(qtbot, window, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    dialog, closed = _note_dialog_on_a_claim(qtbot, window, start)
    qtbot.keyClicks(dialog.edit, "check the coroner's count")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    box = dialog.discard_box
    assert box is not None and box.isVisible() and box.text() == "Discard the note you typed?"
    assert closed == [] and dialog.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # no: back to the note, as typed
    assert closed == [] and dialog.isVisible() and dialog.discard_box is None
    assert dialog.edit.toPlainText() == "check the coroner's count"
    assert dialog.focusWidget() is dialog.edit
    # Cancel asks too; D (Discard) throws the note away.
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    box = dialog.discard_box
    assert box is not None and box.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: closed == [0])
    assert [c.note for c in window.project.claims(article_id)] == [""]
    # Nothing typed (or typed and taken back): Escape closes at once.
    dialog, closed = _note_dialog_on_a_claim(qtbot, window, start)
    qtbot.keyClicks(dialog.edit, "x")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert closed == [0]


def test_a_note_too_long_to_keep_stays_in_the_dialog_with_the_reason(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A note pasted from a whole document: the dialog closed, then the project refused the
    note, and the text typed was gone."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    start = window.view.text.index("Five people")
    select_words(qtbot, window, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    dialog, closed = _note_dialog_on_a_claim(qtbot, window, start)
    pasted = "A report of the inquiry. " * 5_000  # 125,000 characters
    dialog.edit.insertPlainText(pasted)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert closed == [] and dialog.isVisible()
    problem = dialog.findChild(QLabel, "noteProblem")
    assert problem is not None and problem.isVisible()
    assert problem.text() == "The note is 124,999 characters long, over the limit of 100,000"
    assert dialog.edit.toPlainText() == pasted
    assert [c.note for c in window.project.claims(article_id)] == [""]
    # Shortened, it is saved.
    dialog.edit.setPlainText("See the inquiry's report, page 4.")
    assert not problem.isVisible()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: closed == [1])
    assert [c.note for c in window.project.claims(article_id)] == ["See the inquiry's report, page 4."]


def test_typing_in_a_note_opened_again_goes_on_after_what_it_says(qtbot: QtBot, window: MainWindow) -> None:
    """The cursor stood before the note's first word: "also the date" typed to add to
    "Needs a source" saved "also the dateNeeds a source"."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    start = window.view.text.index("Five people")
    select_words(qtbot, window, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    dialog, closed = _note_dialog_on_a_claim(qtbot, window, start)
    qtbot.keyClicks(dialog.edit, "Needs a source.")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: closed == [1])
    dialog, closed = _note_dialog_on_a_claim(qtbot, window, start)
    qtbot.keyClicks(dialog.edit, " And the date.")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: closed == [1])
    assert [c.note for c in window.project.claims(article_id)] == ["Needs a source. And the date."]


def test_a_note_saved_in_another_window_meanwhile_is_not_replaced_unseen(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Two windows on one project: a note saved in the other while this one's dialog was open
    was overwritten by Save without a word, and the other window's note was lost. The first
    Save says what it says now and keeps the typed note; a second one replaces it."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    start = window.view.text.index("Five people")
    select_words(qtbot, window, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    dialog, closed = _note_dialog_on_a_claim(qtbot, window, start)
    (claim,) = window.project.claims(article_id)
    with open_project(window.project.path) as other:
        other.update_claim(claim.id, note="Check the date with the coroner.")
    qtbot.keyClicks(dialog.edit, "Needs a source.")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert closed == [] and dialog.isVisible()
    assert dialog.edit.toPlainText() == "Needs a source."
    problem = dialog.findChild(QLabel, "noteProblem")
    assert problem is not None and problem.isVisible()
    assert problem.text() == (
        "The note was changed in another window since you opened it; it now says “Check the date"
        " with the coroner.”. Press Save again to replace it with yours, or Cancel to keep it."
    )
    assert [c.note for c in window.project.claims(article_id)] == ["Check the date with the coroner."]
    assert window.claim_model.index(0, 2).data() == "Check the date with the coroner."
    # The button the words name: it read "OK", beside "Ctrl+Enter saves".
    named = {button.text().replace("&", ""): button for button in dialog.buttons.buttons()}
    assert sorted(named) == ["Cancel", "Save"]
    qtbot.mouseClick(named["Save"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed == [1])
    assert [c.note for c in window.project.claims(article_id)] == ["Needs a source."]
    assert window.claim_model.index(0, 2).data() == "Needs a source."
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [c.note for c in window.project.claims(article_id)] == ["Check the date with the coroner."]


def test_control_characters_pasted_into_a_note_are_not_saved(qtbot: QtBot, window: MainWindow) -> None:
    """A note pasted from a terminal or a PDF brought a bell, an escape sequence and a C1
    control with it: saved as they were, invisible in the window, and written raw into the
    CSV export, where the ESC sequence drove the terminal that printed it. The tab and the
    line break stay: a note is lines of text."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    start = window.view.text.index("Five people")
    select_words(qtbot, window, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    dialog, closed = _note_dialog_on_a_claim(qtbot, window, start)
    clipboard = QApplication.clipboard()
    assert clipboard is not None
    clipboard.setText("\x1b[2J\x1b[31mCheck\x07 the\tcount\x9b1m\x7f\nwith the coroner\x0c.")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: closed == [1])
    said = "[2J[31mCheck the\tcount1m\nwith the coroner."
    assert [c.note for c in window.project.claims(article_id)] == [said]
    assert window.claim_model.claim(0).note == said


def test_escape_closes_at_once_a_note_dialog_on_an_imported_note_with_a_control_character(
    qtbot: QtBot,
) -> None:
    """A note imported with a bell in it reads without it in the dialog's `note()`: Escape with
    nothing typed must not ask whether to discard a note that was never typed."""
    dialog = NoteDialog(note="Check the count\x07")
    qtbot.addWidget(dialog)
    dialog.show()
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert closed == [0] and dialog.discard_box is None


def test_words_selected_in_chinese_are_the_claim_not_the_whole_clause(qtbot: QtBot, tmp_path: Path) -> None:
    """Chinese has no spaces between words: widening the selection to "whole words" made the
    whole run up to the full stop the claim, and A in entity mode added "我今天去北京了" as a place."""
    text = "我今天去北京了。政府说经济增长了百分之五。\n"
    window = open_window(qtbot, make_project(tmp_path / "zh.annotator.db", [("新闻", text)]))
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    view = window.view
    view.setFocus()
    view.scroll_to(text.index("经济"))
    for _ in range(len("经济增长了百分之五")):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_1)
    claims = window.project.claims(article_id)
    assert [text[c.start : c.end] for c in claims] == ["经济增长了百分之五"]
    assert window.claim_model.index(0, 1).data() == "经济增长了百分之五"
    # Entity mode: A on the selected name adds the name.
    qtbot.keyClick(view, Qt.Key.Key_E)
    view.scroll_to(text.index("北京"))
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_A)
    dialog = window.entities.entity_dialog
    assert dialog is not None
    dialog.combo.setCurrentText("GPE")
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),  # type: ignore[union-attr]
        Qt.MouseButton.LeftButton,
    )
    added = [text[e.start : e.end] for e in window.project.entities(article_id) if e.label == "GPE"]
    assert added == ["北京"]
    window.close()


def test_the_line_under_the_text_names_the_inner_claim_the_keys_act_on(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A phrase labelled inside a labelled sentence: the line under the text named the
    sentence's label while the phrase's colour showed and N, Delete and 1-3 acted on the phrase."""
    assert window.project is not None and window.article is not None
    text = window.view.text
    sentence = text.index("Five people, who were all crew")
    phrase = text.index("who were", sentence)
    window.view.setFocus()
    window.view.select_span(phrase, phrase + len("who were"))
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    window.view.select_span(sentence, text.index("presumed dead.", sentence) + len("presumed dead."))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    stored = [(text[c.start : c.end], c.label) for c in window.project.claims(window.article.article.id)]
    assert ("who were", ClaimLabel.OPINION) in stored and len(stored) == 2
    window.view.scroll_to(phrase + 3)
    assert window.context_line.text() == "Claim: opinion by tester"
    window.view.scroll_to(sentence + 2)
    assert window.context_line.text() == "Claim: factual by tester"


def test_keys_leave_another_persons_claim_alone_and_label_beside_it(qtbot: QtBot, tmp_path: Path) -> None:
    """Two people labelling one project: ana's 2 on bob's claim relabelled it under bob's
    name, and Delete deleted it."""
    path = make_project(tmp_path / "shared.annotator.db", wikinews_texts())
    with open_project(path) as project:
        article_id = project.articles()[0].id
        text = project.article(article_id).text
        start = text.index("Five people")
        project.add_claim(article_id, start, start + 11, "factual", annotator="bob", note="bob's")
    window = open_window(qtbot, path, annotator="ana")
    assert window.project is not None and window.article is not None

    def stored() -> list[tuple[str, str, ClaimLabel, str]]:
        assert window.project is not None
        return [
            (c.annotator, text[c.start : c.end], c.label, c.note) for c in window.project.claims(article_id)
        ]

    bobs = [("bob", "Five people", ClaimLabel.FACTUAL, "bob's")]
    window.view.setFocus()
    window.view.scroll_to(start + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert stored() == bobs
    assert "This claim is bob's" in window.statusBar().currentMessage()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert stored() == bobs
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    assert window.labelling.note_dialog is None
    assert "only to your own claims" in window.statusBar().currentMessage()
    # Picked in the claim list, it stays bob's too.
    window.claim_list.setFocus()
    window.claim_list.setCurrentIndex(window.claim_model.index(0, 0))
    qtbot.keyClick(window.claim_list, Qt.Key.Key_3)
    qtbot.keyClick(window.claim_list, Qt.Key.Key_Delete)
    assert stored() == bobs
    # Selecting the same words gives ana her own claim beside bob's, and 3, Delete act on hers.
    window.view.setFocus()
    window.view.select_span(start, start + 11)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert stored() == [*bobs, ("ana", "Five people", ClaimLabel.OPINION, "")]
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert stored() == [*bobs, ("ana", "Five people", ClaimLabel.QUESTIONABLE, "")]
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert stored() == bobs
    window.close()


def test_in_a_shared_project_the_line_under_the_text_names_the_claim_the_keys_act_on(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Bob's short claim inside ana's long one: ana's window showed bob's colour there and the
    line under the text named bob's claim, while her 2 relabelled her own long claim."""
    path = make_project(tmp_path / "shared.annotator.db", wikinews_texts())
    with open_project(path) as project:
        article_id = project.articles()[0].id
        text = project.article(article_id).text
        sentence = text.index("Five people, who were all crew")
        end = text.index("presumed dead.", sentence) + len("presumed dead.")
        phrase = text.index("who were", sentence)
        project.add_claim(article_id, sentence, end, "factual", annotator="ana")
        project.add_claim(article_id, phrase, phrase + len("who were"), "questionable", annotator="bob")
    window = open_window(qtbot, path, annotator="ana")
    assert window.project is not None and window.article is not None
    window.view.setFocus()
    window.view.scroll_to(phrase + 3)
    assert window.context_line.text() == "Claim: factual by ana"
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    stored = {(c.annotator, text[c.start : c.end], c.label) for c in window.project.claims(article_id)}
    assert stored == {
        ("ana", text[sentence:end], ClaimLabel.OPINION),
        ("bob", "who were", ClaimLabel.QUESTIONABLE),
    }
    assert window.context_line.text() == "Claim: opinion by ana"
    window.set_annotator("bob")  # now bob's keys act on his phrase: it shows
    assert window.context_line.text() == "Claim: questionable by bob"
    window.close()


def test_a_phrase_selected_in_a_labelled_sentence_becomes_a_claim_of_its_own(
    qtbot: QtBot, window: MainWindow
) -> None:
    """J, 1 labels a sentence factual; a phrase of it selected with the keys and 2 is an opinion
    claim beside it (it relabelled the whole sentence, and the factual label was gone)."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    text = window.view.text
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    sentence = window.view.selected_span()
    assert sentence is not None
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    # Three words from the sentence's second word.
    second_word = text.index(" ", sentence[0]) + 1
    select_words(qtbot, window, second_word, 3)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    claims = sorted(window.project.claims(article_id), key=lambda c: (c.start, -c.end))
    assert [(c.label, c.start) for c in claims] == [
        (ClaimLabel.FACTUAL, snap_to_words(text, *sentence)[0]),
        (ClaimLabel.OPINION, second_word),
    ]
    assert window.claim_model.rowCount() == 2
    # The phrase stays selected: 3 relabels it, and the sentence stays factual.
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    labels = sorted((c.start, c.label) for c in window.project.claims(article_id))
    assert [label for _start, label in labels] == [ClaimLabel.FACTUAL, ClaimLabel.QUESTIONABLE]


def _drag(qtbot: QtBot, window: MainWindow, start: int, end: int) -> None:
    """Press the left button on code point `start`, move to `end` and let go, as a mouse does."""
    view = window.view
    points = []
    for offset in (start, end):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.offsets.to_utf16(offset))
        rect = view.cursorRect(cursor)
        points.append(QPoint(rect.left(), rect.center().y()))
    begin, finish = points
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=begin)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, begin + (finish - begin) * step / 5)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=finish)


def test_a_phrase_dragged_over_in_the_sentence_just_labelled_becomes_a_claim_of_its_own(
    qtbot: QtBot, window: MainWindow
) -> None:
    """J, 1 leaves the sentence selected; a drag over a phrase of it selects the phrase, and 2
    labels it. The press inside the selection began dragging the sentence's text out instead:
    nothing was selected, and 2 relabelled the whole sentence opinion."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    text = window.view.text
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    sentence = window.view.selected_span()
    assert sentence is not None
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.view.selected_span() == sentence
    second_word = text.index(" ", sentence[0]) + 1
    fourth_word = text.index(" ", text.index(" ", second_word) + 1) + 1
    _drag(qtbot, window, second_word, fourth_word - 1)
    assert window.view.selected_span() == (second_word, fourth_word - 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    claims = sorted(window.project.claims(article_id), key=lambda c: (c.start, -c.end))
    assert [(c.label, c.start, c.end) for c in claims] == [
        (ClaimLabel.FACTUAL, *snap_to_words(text, *sentence)),
        (ClaimLabel.OPINION, second_word, fourth_word - 1),
    ]


def test_a_label_key_on_a_full_stop_or_spaces_alone_saves_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A drag that slipped over a sentence's full stop alone, or the space between two words:
    1 saved a claim on "." (counted, reviewed and exported as a claim), and on the space it
    did nothing and said nothing, as if the key were broken."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    text = window.view.text
    stop = text.index("Conception") + text[text.index("Conception") :].index(".")
    window.view.setFocus()
    _drag(qtbot, window, stop, stop + 1)
    assert window.view.selected_span() == (stop, stop + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.project.claims(article_id) == []
    assert window.statusBar().currentMessage() == "Select some words first, or press J for the next candidate"
    space = text.index(" ", text.index("The boat"))
    window.status("")
    _drag(qtbot, window, space, space + 1)
    assert window.view.selected_span() == (space, space + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert window.project.claims(article_id) == []
    assert window.statusBar().currentMessage() == "Select some words first, or press J for the next candidate"


def test_a_claim_dragged_over_again_with_its_comma_is_relabelled_not_added_twice(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Words labelled factual, then dragged over again a little too far, onto the comma after
    them, and 2 pressed: a second claim on the same words was added beside the first, which
    stayed factual; the list showed two claims where the person meant to change one."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    text = window.view.text
    start = text.index("The boat, Conception")
    end = text.index(", which caught fire", start)
    window.view.setFocus()
    _drag(qtbot, window, start, end)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    (first,) = window.project.claims(article_id)
    assert text[first.start : first.end] == "The boat, Conception"
    window.view.unselect()
    _drag(qtbot, window, start, end + 1)
    assert window.view.selected_span() == (start, end + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    claims = window.project.claims(article_id)
    assert [(c.id, c.label, text[c.start : c.end]) for c in claims] == [
        (first.id, ClaimLabel.OPINION, "The boat, Conception")
    ]
    assert window.claim_model.rowCount() == 1
    assert window.claim_model.index(0, 0).data() == "Opinion"


def test_the_line_under_the_text_names_the_selected_claim_the_keys_act_on(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Words labelled factual, then a longer stretch starting inside them labelled 2: the new
    claim was selected, listed as current and relabelled by the next key, while the line under
    the text (and a screen reader) went on naming the factual claim at the selection's start,
    so 2 and then 3 seemed to have labelled nothing."""
    assert window.project is not None and window.article is not None
    text = window.view.text
    first = text.index("The boat, Conception")
    window.view.setFocus()
    window.view.select_span(first, first + len("The boat, Conception"))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    later = text.index("Conception", first)
    window.view.select_span(later, text.index(" carried 33 passengers", later))
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert window.context_line.text() == "Claim: opinion by tester"
    assert window.view.accessibleDescription() == "Claim: opinion by tester"
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    stored = sorted(
        (text[c.start : c.end], c.label) for c in window.project.claims(window.article.article.id)
    )
    assert stored == [
        ("Conception, which caught fire overnight in open seas,", ClaimLabel.QUESTIONABLE),
        ("The boat, Conception", ClaimLabel.FACTUAL),
    ]
    assert window.context_line.text() == "Claim: questionable by tester"
    # Where the caret alone is, the line names the claim drawn there, as before.
    window.view.scroll_to(first + 2)
    assert window.context_line.text() == "Claim: factual by tester"


def test_words_dragged_over_inside_single_quotes_are_saved_without_the_quote_marks(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Single quotes, as British papers print them: the words dragged over inside ‘a disaster’
    were saved with its closing quote (“a disaster’”), shown so in the claim list and exported
    so, though the person had stopped the drag before it."""
    text = "‘We will win,’ the mayor said. He called the loss ‘a disaster’ and left."
    window = open_window(qtbot, make_project(tmp_path / "quotes.annotator.db", [("Quotes", text)]))
    try:
        assert window.project is not None and window.article is not None
        window.view.setFocus()
        for words in ("We will win", "a disaster"):
            start = text.index(words)
            _drag(qtbot, window, start, start + len(words))
            assert window.view.textCursor().selectedText() == words
            qtbot.keyClick(window.view, Qt.Key.Key_1)
            window.view.unselect()
        claims = window.project.claims(window.article.article.id)
        assert sorted(text[c.start : c.end] for c in claims) == ["We will win", "a disaster"]
        assert sorted(window.claim_model.index(r, 1).data() for r in range(2)) == [
            "We will win",
            "a disaster",
        ]
    finally:
        window.close()


@pytest.mark.parametrize(
    ("text", "keyed", "keyed_selection", "clicked", "clicked_selection"),
    [
        pytest.param(
            "The minister said the war\u200b ended\u200b in 2019 after talks.",
            "the war",
            "the war\u200b ",
            "ended",
            "ended\u200b",
            id="zero-width space",
        ),
        pytest.param(
            "השר אמר\u200f שהמלחמה\u200f הסתיימה.\nThe mayor said\u200e it ended.",
            "The mayor said",
            "The mayor said\u200e ",
            "שהמלחמה",
            "שהמלחמה\u200f",
            id="direction mark",
        ),
    ],
)
def test_a_word_before_an_invisible_mark_is_saved_without_it(
    qtbot: QtBot,
    tmp_path: Path,
    text: str,
    keyed: str,
    keyed_selection: str,
    clicked: str,
    clicked_selection: str,
) -> None:
    """Pages put a zero-width space where a long line may break; Hebrew and Arabic pages put a
    direction mark after a word to keep the punctuation or numbers beside it in order.
    Ctrl+Shift+Right and a double-click took the mark with the word, and the claim was saved
    with an invisible character ("war\u200b") that the view did not show and a drag over the
    same word left out."""
    path = make_project(tmp_path / "marks.annotator.db", [("Invisible marks", text)])
    window = open_window(qtbot, path)
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    select_words(qtbot, window, text.index(keyed), len(keyed.split()))
    assert window.view.textCursor().selectedText() == keyed_selection
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    cursor = window.view.textCursor()
    cursor.setPosition(window.view.offsets.to_utf16(text.index(clicked) + len(clicked) // 2))
    rect = window.view.cursorRect(cursor)
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.textCursor().selectedText() == clicked_selection
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    claims = window.project.claims(article_id)
    assert sorted((text[c.start : c.end], c.label) for c in claims) == sorted(
        [(keyed, ClaimLabel.FACTUAL), (clicked, ClaimLabel.OPINION)]
    )
    window.close()
