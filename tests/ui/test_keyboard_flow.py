"""The keyboard flow as a new user meets it: keys go to whatever has focus, with no click first.

Every key here is sent to `QApplication.focusWidget()`, not to a widget the test picks,
so a test fails when focus is somewhere a person would not expect (the search box).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import Analysis, ClaimCandidate, ClaimLabel, Entity, EntityStatus
from annotator.services.project import store_of
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import PIPELINE, make_project, open_window, spoken_name

_NO = Qt.KeyboardModifier.NoModifier


def focused(window: MainWindow) -> QWidget:
    """The widget a key press goes to, as on a real desktop."""
    widget = QApplication.focusWidget()
    assert widget is not None and window.isAncestorOf(widget), widget
    return widget


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = _NO) -> None:
    qtbot.keyClick(focused(window), key, modifier)


def candidates(window: MainWindow) -> list[tuple[int, int]]:
    assert window.article is not None
    return sorted((c.start, c.end) for c in window.article.candidates)


def stored_claims(window: MainWindow) -> list[tuple[int, int, ClaimLabel]]:
    assert window.project is not None and window.article is not None
    return [(c.start, c.end, c.label) for c in window.project.claims(window.article.article.id)]


# -- 5: focus ---------------------------------------------------------------------------------


def test_j_with_no_click_first_selects_the_first_candidate(qtbot: QtBot, window: MainWindow) -> None:
    assert window.article is not None
    shown = window.article.article.id
    assert focused(window) is window.view
    press(qtbot, window, Qt.Key.Key_J)
    assert window.search.text() == ""
    assert window.article.article.id == shown
    assert window.view.selected_span() == candidates(window)[0]


def test_escape_from_the_search_returns_to_the_text_with_the_article_unchanged(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.article is not None
    shown = window.article.article.id
    press(qtbot, window, Qt.Key.Key_Slash)
    assert focused(window) is window.search
    qtbot.keyClicks(window.search, "toronto")
    # The list narrows to another article; what is being read stays put.
    assert window.article_filter.rowCount() == 1
    assert window.article.article.id == shown
    press(qtbot, window, Qt.Key.Key_Escape)
    assert focused(window) is window.view
    assert window.article.article.id == shown
    # Clearing the search keeps the current article, and the list shows it as current.
    window.search.clear()
    assert window.article.article.id == shown
    current = window.article_list.currentIndex()
    assert current.isValid() and current.data() == window.article.article.title
    # Keys work in the text again.
    press(qtbot, window, Qt.Key.Key_J)
    assert window.view.selected_span() == candidates(window)[0]


def test_return_in_the_search_opens_the_only_match_and_goes_to_the_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(window), "toronto")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.article is not None
    assert window.article.article.title == "Toronto serial killer pleads guilty"
    assert focused(window) is window.view


def test_ctrl_f_again_replaces_the_last_search_with_what_is_typed(qtbot: QtBot, window: MainWindow) -> None:
    """A second search typed after Ctrl+F (or /) starts afresh, as in a browser, instead of
    being appended to the words still in the box ("torontoboat" finds nothing)."""
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(window), "toronto")
    press(qtbot, window, Qt.Key.Key_Return)
    assert focused(window) is window.view
    for key, modifier in ((Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_Slash, _NO)):
        press(qtbot, window, key, modifier)
        qtbot.keyClicks(focused(window), "boat")
        assert window.search.text() == "boat"
        press(qtbot, window, Qt.Key.Key_Return)
        assert window.article is not None
        assert window.article.article.title == "Dozens dead in California boat fire"
        assert focused(window) is window.view


def test_clicking_an_article_puts_focus_in_its_text(qtbot: QtBot, window: MainWindow) -> None:
    rect = window.article_list.visualRect(window.article_filter.index(1, 0))
    qtbot.mouseClick(window.article_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.article is not None
    assert window.article.article.title == "Toronto serial killer pleads guilty"
    assert focused(window) is window.view
    # Browsing the list with the arrow keys keeps focus there.
    window.article_list.setFocus()
    press(qtbot, window, Qt.Key.Key_Up)
    assert window.article.article.title == "Dozens dead in California boat fire"
    assert focused(window) is window.article_list


# -- 6: the claim just made is the current claim -----------------------------------------------


def test_1_then_2_relabels_the_claim_just_made(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_1)
    ((start, end, label),) = stored_claims(window)
    assert label == ClaimLabel.FACTUAL
    press(qtbot, window, Qt.Key.Key_2)
    assert stored_claims(window) == [(start, end, ClaimLabel.OPINION)]
    assert "Select some text first" not in window.statusBar().currentMessage()


def test_1_then_delete_deletes_the_claim_just_made(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_1)
    assert len(stored_claims(window)) == 1
    press(qtbot, window, Qt.Key.Key_Delete)
    assert stored_claims(window) == []
    assert window.claim_model.rowCount() == 0


def test_delete_with_no_claim_at_the_cursor_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    """On a candidate nobody labelled, and in the claim list after its row went, Delete did
    nothing and said nothing; 1-3 and N say what to do there."""
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert stored_claims(window) == []
    assert "Put the cursor in a claim to delete it" in window.statusBar().currentMessage()
    press(qtbot, window, Qt.Key.Key_1)
    window.claim_list.setFocus()
    window.claim_list.setCurrentIndex(window.claim_model.index(0, 0))
    press(qtbot, window, Qt.Key.Key_Delete)
    assert stored_claims(window) == []
    assert window.statusBar().currentMessage() == "Saved: delete claim"
    press(qtbot, window, Qt.Key.Key_Delete)  # the list keeps the focus, with no row left
    assert "Put the cursor in a claim to delete it" in window.statusBar().currentMessage()


def test_moving_the_cursor_away_ends_the_current_claim(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_1)
    ((start, end, _label),) = stored_claims(window)
    window.view.scroll_to(end + 5)  # the caret goes on past the claim
    press(qtbot, window, Qt.Key.Key_2)
    assert stored_claims(window) == [(start, end, ClaimLabel.FACTUAL)]
    assert "Select some text first" in window.statusBar().currentMessage()


# -- 7 ------------------------------------------------------------------------------------------


def test_k_after_a_label_moves_to_the_previous_candidate(qtbot: QtBot, window: MainWindow) -> None:
    first, second = candidates(window)[:2]
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_J)
    assert window.view.selected_span() == second
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_K)
    assert window.view.selected_span() == first


def test_j_past_the_last_candidate_and_k_before_the_first_move_nothing_and_say_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    """J from the end of an article, after its last candidate, went back up to that candidate,
    and K from the top went down to the first: "next" moved the caret back, and the status bar
    said "Likely claim 22 of 22" as if J had gone on. As Q does, nothing moves, and the status
    bar says there is none that way."""
    text = window.view.text
    last = candidates(window)[-1]
    window.view.scroll_to(len(text))
    press(qtbot, window, Qt.Key.Key_J)
    assert window.view.selected_span() is None and window.view.cursor_position() == len(text)
    assert window.statusBar().currentMessage() == "No claim candidate after here (K goes to the previous one)"
    press(qtbot, window, Qt.Key.Key_K)
    assert window.view.selected_span() == last
    # Held at the last candidate, J keeps it selected and says which it is.
    press(qtbot, window, Qt.Key.Key_J)
    assert window.view.selected_span() == last
    assert window.statusBar().currentMessage().startswith(f"Likely claim {len(candidates(window))} of ")
    window.view.scroll_to(0)
    press(qtbot, window, Qt.Key.Key_K)
    assert window.view.selected_span() is None and window.view.cursor_position() == 0
    assert window.statusBar().currentMessage() == "No claim candidate before here (J goes to the next one)"


def test_j_in_a_pre_annotated_article_with_no_candidate_does_not_say_to_pre_annotate_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A short article that pre-annotation found no likely claim in: J said "pre-annotate it
    first" of an article pre-annotated already, and doing so again found nothing again."""
    path = make_project(tmp_path / "p.annotator.db", [("Brief", "Short one. Yes."), ("Other", "Fine. Ok.")])
    window = open_window(qtbot, path)
    try:
        assert window.article is not None and window.article.pipeline is not None
        assert not window.article.candidates and not window.preannotating
        press(qtbot, window, Qt.Key.Key_J)
        said = window.statusBar().currentMessage()
        assert "pre-annotate" not in said
        assert said == "Pre-annotation found no likely claim in this article; select words and press 1-3"
    finally:
        window.close()


def test_the_claim_list_follows_j_and_k(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_2)  # claim on the first candidate
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_3)  # claim on the third
    assert window.claim_model.rowCount() == 2
    press(qtbot, window, Qt.Key.Key_K)  # the second candidate: no claim there
    assert not window.claim_list.currentIndex().isValid()
    press(qtbot, window, Qt.Key.Key_K)
    assert window.claim_list.currentIndex().row() == 0
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_J)
    assert window.claim_list.currentIndex().row() == 1
    # Following never moves the selection in the text.
    assert window.view.selected_span() == candidates(window)[2]
    assert focused(window) is window.view


def test_undo_and_redo_say_what_they_did(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_claims(window) == []
    assert window.statusBar().currentMessage() == "Undone: add factual claim"
    press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(stored_claims(window)) == 1
    assert window.statusBar().currentMessage() == "Redone: add factual claim"


def _on_the_page(window: MainWindow, position: int) -> bool:
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(position)  # the texts here are all below U+10000: UTF-16 is code points
    return view.viewport().rect().contains(view.cursorRect(cursor).center())


def test_an_undo_or_redo_out_of_view_brings_its_place_onto_the_page(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Z on a claim labelled at the top, pressed at the article's end, said "Undone: add
    factual claim" while the page showed nothing change, and the next key acted out of sight."""
    assert window.project is not None and window.article is not None
    window.resize(1000, 500)  # the text scrolls
    first = window.article.article.id
    press(qtbot, window, Qt.Key.Key_J)
    claimed = candidates(window)[0]
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert not _on_the_page(window, claimed[0])
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_claims(window) == []
    assert _on_the_page(window, claimed[0])
    press(qtbot, window, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_claims(window) == [(*claimed, ClaimLabel.FACTUAL)]
    assert _on_the_page(window, claimed[0])
    press(qtbot, window, Qt.Key.Key_2)  # the key acts on the claim the page shows
    assert stored_claims(window) == [(*claimed, ClaimLabel.OPINION)]
    # An undo that opens another article shows the place there too, not where it was left.
    press(qtbot, window, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    window.select_article(next(s.id for s in window.project.articles() if s.id != first))
    window.select_article(first)  # left at its end
    assert not _on_the_page(window, claimed[0])
    window.select_article(next(s.id for s in window.project.articles() if s.id != first))
    window.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.article.article.id == first
    assert stored_claims(window) == [(*claimed, ClaimLabel.FACTUAL)]
    assert _on_the_page(window, claimed[0])


def test_an_undone_entity_decision_out_of_view_brings_the_name_onto_the_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.project is not None and window.article is not None
    window.resize(1000, 500)
    article_id = window.article.article.id
    first = sorted(window.article.entities, key=lambda e: e.start)[0]
    window.view.scroll_to(0)
    press(qtbot, window, Qt.Key.Key_E)
    press(qtbot, window, Qt.Key.Key_J)
    assert window.view.selected_span() == (first.start, first.end)
    press(qtbot, window, Qt.Key.Key_R)
    press(qtbot, window, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert not _on_the_page(window, first.start)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {e.id: e.status for e in window.project.entities(article_id)}[first.id] == EntityStatus.SUGGESTED
    assert _on_the_page(window, first.start)


def test_each_edit_says_it_was_saved_not_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    """The bar said "Add factual claim", then "Label claim opinion": a command's name, read as
    the hints the same place gives ("Select a name to add it"), as if asking for one more."""
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_1)
    assert window.statusBar().currentMessage() == "Saved: add factual claim"
    press(qtbot, window, Qt.Key.Key_2)
    assert window.statusBar().currentMessage() == "Saved: label claim as opinion"
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Undone: label claim as opinion"


DATELINE = "Wednesday, September 4, 2019\xa0\n\n\nThe boat Conception sank near Santa Cruz Island today."


def _dateline_project(tmp_path: Path) -> Path:
    """A Wikinews-like dateline that the model's DATE swallowed with its line breaks."""
    path = make_project(tmp_path / "dateline.annotator.db", [("Boat", DATELINE)], analyse=False)
    island = DATELINE.index("Santa Cruz Island")
    boat = DATELINE.index("Conception")
    analysis = Analysis(
        PIPELINE,
        (
            Entity(0, DATELINE.index("The"), "DATE"),  # ends after "\xa0\n\n\n"
            Entity(boat, boat + len("Conception"), "PRODUCT"),
            Entity(island, island + len("Santa Cruz Island"), "LOC"),
        ),
        (),
        (ClaimCandidate(DATELINE.index("The"), len(DATELINE), 0.5, ("hand",)),),
        (),
    )
    with open_project(path) as project:
        store_of(project).save_analyses([(project.articles()[0].id, analysis)])
    return path


def _status_words(window: MainWindow) -> str:
    """What the status bar shows now: its passing message and every label on it."""
    bar = window.statusBar()
    shown = [label.text() for label in bar.findChildren(QLabel) if label.isVisible()]
    return " | ".join([bar.currentMessage(), *shown])


def test_entity_mode_stays_named_in_the_status_bar_until_it_is_left(qtbot: QtBot, tmp_path: Path) -> None:
    """E changed what J, K and Delete do, and only a passing line said so: once it was gone,
    nothing on screen told a person who had pressed E unawares why J now jumped from name to
    name. The status bar names the mode for as long as it lasts."""
    window = open_window(qtbot, _dateline_project(tmp_path))
    try:
        assert "Entity mode" not in _status_words(window)
        press(qtbot, window, Qt.Key.Key_E)
        press(qtbot, window, Qt.Key.Key_J)
        window.statusBar().clearMessage()  # as its timeout does
        assert "Entity mode" in _status_words(window)
        press(qtbot, window, Qt.Key.Key_E)
        window.statusBar().clearMessage()
        assert "Entity mode" not in _status_words(window)
    finally:
        window.close()


def test_entity_mode_names_the_entity_and_counts_n_of_m(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, _dateline_project(tmp_path))
    try:
        press(qtbot, window, Qt.Key.Key_E)
        press(qtbot, window, Qt.Key.Key_J)
        # The dateline without its line breaks, as the person sees it.
        assert window.view.textCursor().selectedText() == "Wednesday, September 4, 2019"
        message = window.statusBar().currentMessage()
        assert message.startswith("Entity 1 of 3: DATE")
        assert "\n" not in window.context_line.text()
        assert window.context_line.text().startswith("DATE: Wednesday, September 4, 2019 (suggested)")
        press(qtbot, window, Qt.Key.Key_J)
        assert window.statusBar().currentMessage().startswith("Entity 2 of 3: PRODUCT")
        assert window.context_line.text().startswith("PRODUCT: Conception")
        # A and R find the entity that was stepped to, even though its stored span is wider.
        press(qtbot, window, Qt.Key.Key_K)
        press(qtbot, window, Qt.Key.Key_A)
        assert window.project is not None
        statuses = {e.label: e.status for e in window.project.entities(window.article.article.id)}  # type: ignore[union-attr]
        assert statuses["DATE"] == EntityStatus.ACCEPTED
    finally:
        window.close()


def test_the_claim_list_scrolls_to_the_claim_it_follows(qtbot: QtBot, project_path: Path) -> None:
    with open_project(project_path) as project:
        article = project.articles()[0]
        for candidate in project.candidates(article.id):
            project.add_claim(article.id, candidate.start, candidate.end, "factual", annotator="tester")
    window = open_window(qtbot, project_path)
    try:
        window.resize(900, 420)
        last = candidates(window)[-1]
        window.view.select_span(*last)  # as J does, far down the article
        row = window.claim_model.rowCount() - 1
        assert window.claim_list.currentIndex().row() == row
        viewport = window.claim_list.viewport().rect()
        index = window.claim_model.index(row, 1)
        qtbot.waitUntil(lambda: viewport.intersects(window.claim_list.visualRect(index)))
    finally:
        window.close()


def _flood_project(tmp_path: Path) -> Path:
    """Four articles; a search for "flood" leaves the last three, and not the one shown first."""
    texts = [
        ("Budget vote delayed", "The council put off the budget vote until next week."),
        ("Flood warning in the north", "Rivers rose overnight and roads were closed."),
        ("Flood warning in the south", "The coast expects a storm surge on Friday."),
        ("Flood relief fund opens", "Donations reached a record in the first day."),
    ]
    return make_project(tmp_path / "flood.annotator.db", texts)


def _current_title(window: MainWindow) -> str:
    return str(window.article_list.currentIndex().data())


def test_return_in_the_search_opens_the_first_of_several_matches(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, _flood_project(tmp_path))
    try:
        assert window.article is not None and window.article.article.title == "Budget vote delayed"
        press(qtbot, window, Qt.Key.Key_Slash)
        qtbot.keyClicks(focused(window), "flood")
        assert window.article_filter.rowCount() == 3
        press(qtbot, window, Qt.Key.Key_Return)
        assert window.article.article.title == "Flood warning in the north"
        assert focused(window) is window.view
    finally:
        window.close()


def test_down_and_up_in_the_search_move_through_the_matches_and_return_opens_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """As in a browser's find box: the arrows move the list's current row while typing stays
    in the search box, and Return opens the row they are on."""
    window = open_window(qtbot, _flood_project(tmp_path))
    try:
        press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(focused(window), "flood")
        press(qtbot, window, Qt.Key.Key_Down)
        assert _current_title(window) == "Flood warning in the north"
        assert focused(window) is window.search
        press(qtbot, window, Qt.Key.Key_Down)
        press(qtbot, window, Qt.Key.Key_Down)
        press(qtbot, window, Qt.Key.Key_Down)  # the last match stays current
        assert _current_title(window) == "Flood relief fund opens"
        press(qtbot, window, Qt.Key.Key_Up)
        assert _current_title(window) == "Flood warning in the south"
        assert focused(window) is window.search
        qtbot.keyClicks(focused(window), " warning")  # typing goes on in the box
        assert window.search.text() == "flood warning"
        assert _current_title(window) == "Flood warning in the south"
        press(qtbot, window, Qt.Key.Key_Return)
        assert window.article is not None
        assert window.article.article.title == "Flood warning in the south"
        assert focused(window) is window.view
    finally:
        window.close()


def test_page_down_and_up_in_the_search_turn_a_page_of_the_matches(qtbot: QtBot, tmp_path: Path) -> None:
    """Page Down and Page Up did nothing in the search box: a long list of matches was walked
    with Down alone, or by leaving the box for the list."""
    texts = [("Budget vote delayed", "The council put off the budget vote.")]
    texts += [(f"Flood report {n}", f"Rivers rose overnight, report {n}.") for n in range(80)]
    window = open_window(qtbot, make_project(tmp_path / "floods.annotator.db", texts))
    try:
        press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(focused(window), "flood")
        assert window.articles.count.text() == "80 of 81 articles"
        press(qtbot, window, Qt.Key.Key_PageDown)  # from no current row: the first match, as Down
        assert _current_title(window) == "Flood report 0"
        press(qtbot, window, Qt.Key.Key_PageDown)
        paged = window.article_list.currentIndex().row()
        assert paged > 1  # a page on, not a row
        assert _current_title(window) == f"Flood report {paged}"
        assert window.article is not None and window.article.article.title == f"Flood report {paged}"
        assert focused(window) is window.search
        press(qtbot, window, Qt.Key.Key_PageUp)
        assert _current_title(window) == "Flood report 0"
        assert window.article.article.title == "Flood report 0"
        assert window.search.text() == "flood"
    finally:
        window.close()


def test_an_article_read_again_in_the_same_session_opens_where_it_was_left(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A look at another article (to compare, or an arrow key too many in the search box) and
    back put the first one at its top with nothing selected: twelve J presses to find the place."""
    assert window.article is not None
    window.resize(1000, 500)  # the text scrolls
    first = window.article.article.id
    for _ in range(8):
        press(qtbot, window, Qt.Key.Key_J)
    left = window.view.selected_span()
    scroll = window.view.verticalScrollBar().value()
    assert left == candidates(window)[7] and scroll > 0
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.article.article.id != first
    assert window.view.selected_span() is None  # an article not read yet opens at its top
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Up)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.article.article.id == first
    assert window.view.selected_span() == left
    assert window.view.verticalScrollBar().value() == scroll
    press(qtbot, window, Qt.Key.Key_J)  # and J goes on from there
    assert window.view.selected_span() == candidates(window)[8]


def test_a_label_key_after_j_from_the_claim_list_labels_the_candidate_j_selected(
    qtbot: QtBot, window: MainWindow
) -> None:
    """J works wherever focus is; pressed in the claim list (reached with Tab), it selected the
    next candidate in the text, and 2 then relabelled the claim the list had been on instead."""
    first, second = candidates(window)[:2]
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused(window) is window.claim_list
    press(qtbot, window, Qt.Key.Key_J)
    assert window.view.selected_span() == second
    press(qtbot, window, Qt.Key.Key_2)
    assert stored_claims(window) == [(*first, ClaimLabel.FACTUAL), (*second, ClaimLabel.OPINION)]


def test_q_from_the_claim_list_takes_focus_to_the_quotation_it_selects(
    qtbot: QtBot, window: MainWindow
) -> None:
    press(qtbot, window, Qt.Key.Key_J)
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert focused(window) is window.claim_list
    press(qtbot, window, Qt.Key.Key_Q)
    assert window.article is not None and window.view.selected_span() in {
        (q.start, q.end) for q in window.article.quotes
    }
    assert focused(window) is window.view


def test_closing_a_panel_that_holds_the_focus_gives_it_to_the_text(qtbot: QtBot, window: MainWindow) -> None:
    """The Suggestions or Guidelines panel closed while it had the focus (its menu item, its
    close button): Qt gave the focus to the next widget in the chain, the article search, so
    the next J or 1 was typed into the search box and filtered the article list away."""
    window.finish_start()
    qtbot.waitUntil(lambda: window.start_finished, timeout=10_000)
    article_id = window.article.article.id if window.article is not None else None
    for panel, dock, focus_in in (
        ("suggestions_panel", window.suggestions.dock, window.suggestions.panel.list),
        ("guidelines_panel", window.team.dock, window.team.panel),
    ):
        press(qtbot, window, Qt.Key.Key_J)
        span = window.view.selected_span()
        window.registry[panel].trigger()
        qtbot.waitUntil(dock.isVisible)
        focus_in.setFocus()
        assert dock.isAncestorOf(focused(window))
        window.registry[panel].trigger()  # closed as its menu item or its close button does
        assert not dock.isVisible()
        assert focused(window) is window.view
        assert window.view.selected_span() == span
        press(qtbot, window, Qt.Key.Key_1)
        assert window.search.text() == ""
        assert window.article is not None and window.article.article.id == article_id
        assert (*span, ClaimLabel.FACTUAL) in stored_claims(window)


def test_escape_in_the_suggestions_panel_goes_back_to_the_text(qtbot: QtBot, window: MainWindow) -> None:
    """Escape leads back to the text from the search box and the lists, as the key table says;
    in the Suggestions panel's list (where Enter leaves the focus) it did nothing."""
    window.finish_start()
    qtbot.waitUntil(lambda: window.start_finished, timeout=10_000)
    press(qtbot, window, Qt.Key.Key_J)
    span = window.view.selected_span()
    assert span is not None
    window.registry["suggestions_panel"].trigger()
    panel = window.suggestions.panel
    qtbot.waitUntil(panel.isVisible)
    for widget in (panel.list, panel.findChild(QWidget, "suggestionOrder")):
        assert widget is not None
        widget.setFocus()
        press(qtbot, window, Qt.Key.Key_Escape)
        assert focused(window) is window.view
        assert window.view.selected_span() == span
    press(qtbot, window, Qt.Key.Key_2)
    assert (*span, ClaimLabel.OPINION) in stored_claims(window)


def test_escape_leaves_either_name_dialog_at_once_and_keeps_the_old_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    """File ▸ Change Annotator Name asked "Discard the name you typed?" at Escape, while Edit ▸
    Preferences, which holds the same name, left at once: both now leave as Cancel does, the
    name as it was (a name is a few keys to type again; a question at each Escape is not)."""
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui.dialogs import NameDialog

    window.registry["change_name"].trigger()
    dialog = window.findChild(NameDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.edit
    qtbot.keyClicks(dialog.edit, "Ada L.")
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert closed == [0] and dialog.findChild(QMessageBox) is None
    qtbot.waitUntil(lambda: window.findChild(NameDialog) is None)
    assert window.settings.annotator == "tester"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.preferences_dialog is not None and window.preferences_dialog.isVisible())
    preferences = window.preferences_dialog
    assert preferences is not None
    qtbot.waitUntil(preferences.isActiveWindow)
    qtbot.keyClicks(preferences.name, "Ada L.")
    left: list[int] = []
    preferences.finished.connect(left.append)
    qtbot.keyClick(preferences.name, Qt.Key.Key_Escape)
    assert left == [0] and preferences.findChild(QMessageBox) is None
    qtbot.waitUntil(lambda: window.preferences_dialog is None)
    assert window.settings.annotator == "tester"


def test_a_new_annotator_name_typed_replaces_the_old_one(qtbot: QtBot, window: MainWindow) -> None:
    """File ▸ Change Annotator Name opened with the cursor after the name: "Ana" typed to
    change "Mia K" saved "Mia KAna"."""
    from annotator.ui.dialogs import NameDialog

    window.registry["change_name"].trigger()
    dialog = window.findChild(NameDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.edit
    qtbot.keyClicks(dialog.edit, "Ada L.")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.settings.annotator == "Ada L.")


def _tab_round(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> list[QWidget]:
    """The widgets `key` stops at from the focused one until it is back there (at most 60)."""
    start = focused(window)
    stops = [start]
    for _ in range(60):
        press(qtbot, window, key, modifier)
        if focused(window) is start:
            return stops
        stops.append(focused(window))
    raise AssertionError(f"Tab never came back to {start.objectName()}: {[w.objectName() for w in stops]}")


def test_tab_goes_round_every_pane_and_shift_tab_back_with_each_stop_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    """From the article list, Tab reaches the filters, the legend's switches, the text, the claims
    and both side panels, each stop drawn on screen (no hidden or folded widget takes the
    focus), and comes back to the list; Shift+Tab goes the same way back."""
    window.finish_start()
    qtbot.waitUntil(lambda: window.start_finished, timeout=10_000)
    for panel in ("suggestions_panel", "guidelines_panel"):
        window.registry[panel].trigger()
    qtbot.waitUntil(lambda: window.suggestions.dock.isVisible() and window.team.dock.isVisible())
    window.article_list.setFocus()
    forward = _tab_round(qtbot, window, Qt.Key.Key_Tab, _NO)
    backward = _tab_round(qtbot, window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert backward == [forward[0], *reversed(forward[1:])]
    seen = window.rect()
    for stop in forward:
        place = stop.rect().translated(stop.mapTo(window, stop.rect().topLeft()))
        assert stop.isVisible() and not stop.visibleRegion().isEmpty(), stop.objectName()
        assert seen.contains(place.center()), (stop.objectName(), place)
    panes = {
        "article list": [window.article_list, window.search, *window.articles.findChildren(QComboBox)],
        "legend": window.legend.findChildren(QCheckBox),
        "text": [window.view],
        "claims": [window.claim_list],
        "suggestions": [
            window.suggestions.panel.findChild(QWidget, name)
            for name in ("suggestionOrder", "suggestionUnlabelled", "suggestionThreshold", "suggestionList")
        ],
        "guidelines": [window.team.panel.browser, window.team.panel.edit_button],
    }
    missed = {
        pane: [w.objectName() if w is not None else "?" for w in widgets if w not in forward]
        for pane, widgets in panes.items()
    }
    assert not any(missed.values()), missed


def test_each_stop_of_the_tab_round_has_a_name_a_screen_reader_says(qtbot: QtBot, window: MainWindow) -> None:
    """Tabbed into the Guidelines panel, Orca said "text" and no more: the page had no name
    and the panel's title is its dock's, which a screen reader does not say for what is in it."""
    window.finish_start()
    qtbot.waitUntil(lambda: window.start_finished, timeout=10_000)
    for panel in ("suggestions_panel", "guidelines_panel"):
        window.registry[panel].trigger()
    qtbot.waitUntil(lambda: window.suggestions.dock.isVisible() and window.team.dock.isVisible())
    window.article_list.setFocus()
    stops = _tab_round(qtbot, window, Qt.Key.Key_Tab, _NO)
    unnamed = [f"{type(w).__name__}({w.objectName()})" for w in stops if not spoken_name(w)]
    assert not unnamed, f"a screen reader says nothing of {unnamed}"
