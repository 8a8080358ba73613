"""W corrects the quotation at the cursor: the dialog, the saved edit, what the line under the
text says, undo, and a UTF-16 text (an emoji before the quotation and the speaker)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import QUOTE_CORRECTED, Analysis, ArticleDraft, Entity, Quote, QuoteKind, Speaker
from annotator.services.project import store_of
from annotator.ui.dialogs import QuoteDialog
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import PIPELINE, hand_analysis, make_project, open_window, select_words, spoken_name

TEXT = (
    "Critics 🙂 of the plan met on Monday. Maria Lopez, who chairs the Zürich council, "
    'said: "Taxes rise again." Tom Baker disagreed and called the plan "a scandal". '
    "Baker wrote that ‘the council failed’ in a letter."
)


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    path = make_project(tmp_path / "quotes.annotator.db", [("Taxes", TEXT)])
    return open_window(qtbot, path)


def _speaker(window: MainWindow, start: int) -> tuple[str, str, QuoteKind, str] | None:
    assert window.project is not None and window.article is not None
    quote = next(q for q in window.project.quotes(window.article.article.id) if q.start == start)
    if quote.speaker is None:
        return None
    mention = TEXT[quote.speaker.start : quote.speaker.end]
    return mention, quote.speaker.name, quote.kind, quote.model


def _active(qtbot: QtBot, window: MainWindow) -> QuoteDialog:
    """The dialog W opened, active as a window manager makes it (offscreen does not on its own)."""
    dialog = window.quotations.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _back(qtbot: QtBot, window: MainWindow) -> None:
    """The dialog closed: the window is active again, the text has the focus."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_w_sets_the_speaker_and_undo_puts_the_models_back(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    start = TEXT.index('"Taxes')
    before = _speaker(window, start)
    assert before is not None and before[1] == "Someone"  # the hand-made pre-annotation's
    window.view.setFocus()
    window.view.scroll_to(start + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.speaker() == "Someone" and dialog.kind() == "direct"
    # The article's people are offered; typing replaces the selected current name.
    offered = [dialog.speaker_combo.itemText(i) for i in range(dialog.speaker_combo.count())]
    assert "Maria Lopez" in offered and "Tom Baker" in offered
    qtbot.keyClicks(dialog.speaker_edit, "lopez")
    # The completion list matches any part of a name, and so does what is typed; Enter saves
    # (once: one undo step below puts the model's speaker back).
    assert dialog.speaker_combo.completer().popup().isVisible()
    dialog.speaker_combo.completer().popup().hide()  # as a click beside it does
    assert dialog.speaker() == "Maria Lopez"
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _back(qtbot, window)
    assert _speaker(window, start) == ("Maria Lopez", "Maria Lopez", QuoteKind.DIRECT, QUOTE_CORRECTED)
    assert window.view.describe(start + 3) == "Quotation by Maria Lopez, corrected"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _speaker(window, start) == before
    assert window.view.describe(start + 3).startswith("Quotation by Someone")
    window.close()


def test_a_scare_quote_has_nobody_and_a_name_not_in_the_text_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    start = TEXT.index('"a scandal"')
    window.view.setFocus()
    window.view.scroll_to(start + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    dialog.speaker_edit.setText("Ada Lovelace")
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    # Refused in the dialog, which stays open with the name to fix; nothing is saved.
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert dialog.problem.text().startswith("“Ada Lovelace” is not in this article")
    # A new name is not the one refused: the old complaint goes as soon as it changes.
    dialog.speaker_edit.setText("Tom Baker")
    assert not dialog.problem.isVisible()
    dialog.speaker_edit.setText("Ada Lovelace")
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    assert dialog.problem.isVisible()
    assert _speaker(window, start) is not None and _speaker(window, start)[3] != QUOTE_CORRECTED  # type: ignore[index]
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("scare"))
    assert not dialog.speaker_combo.isEnabled() and dialog.speaker() == ""
    dialog.accept()
    _back(qtbot, window)
    assert _speaker(window, start) is None
    assert window.view.describe(start + 2) == "Scare quote (no one is said to have said it), corrected"
    window.close()


def test_w_outside_a_quotation_says_where_to_put_the_cursor(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.view.setFocus()
    window.view.scroll_to(2)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    assert window.quotations.dialog is None
    assert window.statusBar().currentMessage() == (
        "Put the cursor in a quotation to correct it, or select quoted words to add one"
    )
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_completion_list_picks_a_name_from_any_part_of_it(qtbot: QtBot) -> None:
    dialog = QuoteDialog(None, excerpt="“…”", kind="direct", speaker="he", names=["Maria Lopez", "Tom Baker"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.speaker_edit, "lop")
    popup = dialog.speaker_combo.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible() and dialog.speaker_edit.text() == "Maria Lopez"
    # A part that fits two names, or none, is kept as typed (and refused if the text lacks it).
    dialog.speaker_edit.setText("a")
    assert dialog.speaker() == "a"


def test_the_same_speaker_for_the_other_quotations_in_one_edit(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    first, second = TEXT.index('"Taxes'), TEXT.index('"a scandal"')
    window.view.setFocus()
    window.view.scroll_to(first + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    # The pre-annotation gave both quotations "Someone": the box offers the other one.
    assert dialog.also.isVisible() and "Someone (1)" in dialog.also.text()
    assert not dialog.also.isChecked()
    dialog.also.setChecked(True)
    dialog.speaker_edit.setText("Maria Lopez")
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    assert _speaker(window, first) == ("Maria Lopez", "Maria Lopez", QuoteKind.DIRECT, QUOTE_CORRECTED)
    assert _speaker(window, second) == ("Maria Lopez", "Maria Lopez", QuoteKind.DIRECT, QUOTE_CORRECTED)
    assert window.statusBar().currentMessage() == "2 quotations: speaker Maria Lopez"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _speaker(window, first) is not None and _speaker(window, first)[1] == "Someone"  # type: ignore[index]
    assert _speaker(window, second) is not None and _speaker(window, second)[1] == "Someone"  # type: ignore[index]
    # A quotation a person corrected is theirs: it is not offered again as "the same speaker".
    window.view.scroll_to(second + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    dialog.speaker_edit.setText("Tom Baker")
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    window.view.scroll_to(first + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.also.isHidden()
    dialog.reject()
    window.close()


def test_w_on_selected_words_adds_the_quotation_the_finder_missed(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    assert window.project is not None
    missed = TEXT.index("the council failed")
    select_words(qtbot, window, missed, 3)  # the words, and what the word keys take after them
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.windowTitle() == "Add quotation"
    assert dialog.excerpt.text() == "‘the council failed’"  # as it will be added
    assert dialog.kind_combo.findData("remove") == -1  # nothing to remove yet
    dialog.speaker_edit.setText("Tom Baker")
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    # The span takes in its quote marks; the speaker's mention is "Baker" in its own sentence.
    start = missed - 1
    assert _speaker(window, start) == ("Baker", "Tom Baker", QuoteKind.DIRECT, QUOTE_CORRECTED)
    assert window.view.describe(missed + 2) == "Quotation by Tom Baker (“Baker”), corrected"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all(q.start != start for q in window.project.quotes(1))
    assert window.view.describe(missed + 2) == ""
    window.close()


def test_w_on_words_without_quote_marks_says_to_select_them_with_their_marks(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """W on "of the plan" (no marks) used to add a direct quotation with no speaker and no word
    said; then the dialog said why under all the fields, with the focus in the speaker's name
    (not at fault) and OK looking as if it worked: Return did nothing, which was easy to miss.
    The kind is at fault: it has the focus and the reason beside it, and OK is disabled with
    the reason as its tooltip until the kind is one unmarked words can be (a scare quote)."""
    window = _window(qtbot, tmp_path)
    assert window.project is not None
    before = [(q.start, q.end) for q in window.project.quotes(1)]
    unmarked = TEXT.index("of the plan")
    window.view.setFocus()
    window.view.select_span(unmarked, unmarked + len("of the plan"))
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.windowTitle() == "Add quotation" and dialog.kind() == "direct"
    said = (
        "These words have no quote marks: select the quoted words with their marks "
        "(a title or term without marks is a scare quote)."
    )
    note = dialog.findChild(QLabel, "quoteKindProblem")
    assert note is not None and note.isVisible() and note.text() == said
    kind, speaker = dialog.kind_combo.geometry(), dialog.speaker_combo.geometry()
    assert kind.bottom() < note.geometry().top() < speaker.top()  # beside the kind, above the rest
    assert QApplication.focusWidget() is dialog.kind_combo
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and ok.toolTip() == said
    dialog.speaker_edit.setFocus()
    dialog.speaker_edit.setText("Tom Baker")  # as picked from the completion list
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)  # back to the field at fault
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.kind_combo
    assert note.isVisible() and not ok.isEnabled()
    assert [(q.start, q.end) for q in window.project.quotes(1)] == before
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)  # partial: unmarked words cannot be one either
    assert dialog.kind() == "partial" and note.isVisible() and not ok.isEnabled()
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)  # a scare quote may go unmarked
    assert dialog.kind() == "scare" and not note.isVisible()
    assert ok.isEnabled() and ok.toolTip() == ""
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    added = [q for q in window.project.quotes(1) if (q.start, q.end) not in before]
    assert [(q.start, q.end, q.kind) for q in added] == [
        (unmarked, unmarked + len("of the plan"), QuoteKind.SCARE)
    ]
    window.close()


def test_removing_a_quotation_hides_it_until_undo(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    assert window.project is not None
    start = TEXT.index('"a scandal"')
    window.view.setFocus()
    window.view.scroll_to(start + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("remove"))
    assert not dialog.speaker_combo.isEnabled()
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    assert all(q.start != start for q in window.project.quotes(1))
    assert window.view.describe(start + 2) == ""
    assert window.statusBar().currentMessage() == "Quotation removed"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _speaker(window, start) is not None
    assert window.view.describe(start + 2).startswith("Quotation by Someone")
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_also_reaches_the_one_other_quotation_when_this_one_was_checked_already(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A quotation confirmed as it stands, then W on it again with *Also…* ticked for the one
    other quotation given the same speaker: "Nothing changed" was said and the other was left
    as the pre-annotation had it, since this quotation itself had nothing to change."""
    window = _window(qtbot, tmp_path)
    first, second = TEXT.index('"Taxes'), TEXT.index('"a scandal"')
    window.view.setFocus()
    window.view.scroll_to(first + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    qtbot.keyClick(_active(qtbot, window).speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    assert _speaker(window, first) == ("C", "Someone", QuoteKind.DIRECT, QUOTE_CORRECTED)
    before = _speaker(window, second)
    assert before is not None and before[3] != QUOTE_CORRECTED
    window.view.scroll_to(first + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.also.isVisible() and "Someone (1)" in dialog.also.text()
    qtbot.mouseClick(dialog.also, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _back(qtbot, window)
    assert _speaker(window, second) == (before[0], "Someone", QuoteKind.DIRECT, QUOTE_CORRECTED)
    assert _speaker(window, first) == ("C", "Someone", QuoteKind.DIRECT, QUOTE_CORRECTED)
    assert window.statusBar().currentMessage() == "1 quotation: speaker Someone"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _speaker(window, second) == before
    assert _speaker(window, first) == ("C", "Someone", QuoteKind.DIRECT, QUOTE_CORRECTED)
    window.close()


def test_w_and_enter_confirm_a_quotation_as_it_stands(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    start = TEXT.index('"Taxes')
    window.view.setFocus()
    window.view.scroll_to(start + 3)
    assert window.view.describe(start + 3) == "Quotation by Someone (“C”)"
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _back(qtbot, window)
    assert window.statusBar().currentMessage() == "Quotation confirmed: direct, speaker Someone"
    assert window.view.describe(start + 3) == "Quotation by Someone (“C”), confirmed"
    assert window.project is not None and window.article is not None
    quote = next(q for q in window.project.quotes(window.article.article.id) if q.start == start)
    assert quote.model == QUOTE_CORRECTED and quote.suggested is not None
    assert (quote.suggested.kind, quote.suggested.speaker) == (QuoteKind.DIRECT, "Someone")
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_q_steps_through_the_quotations_left_to_check(qtbot: QtBot, tmp_path: Path) -> None:
    """Q, W, Enter, Q, …: each quotation checked in turn; a checked one is skipped after."""
    window = _window(qtbot, tmp_path)
    assert window.project is not None and window.article is not None
    quotes = sorted(window.project.quotes(window.article.article.id), key=lambda q: q.start)
    assert len(quotes) >= 2
    window.view.setFocus()
    window.view.scroll_to(0)
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    first = quotes[0]
    assert window.view.selected_span() == (first.start, first.end)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Quotation 1 of {len(quotes)} to check: ")
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _back(qtbot, window)
    assert window.statusBar().currentMessage().startswith("Quotation confirmed")
    qtbot.keyClick(window.view, Qt.Key.Key_Q)
    second = quotes[1]
    assert window.view.selected_span() == (second.start, second.end)
    assert window.statusBar().currentMessage().startswith(f"Quotation 1 of {len(quotes) - 1} to check: ")
    # Back with Shift+Q: the confirmed one is not offered again.
    qtbot.keyClick(window.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.selected_span() == (second.start, second.end)
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_w_on_words_reaching_past_a_quotation_offers_them_as_its_bounds(qtbot: QtBot, tmp_path: Path) -> None:
    """The finder cut a quotation short: selecting from where it really starts and pressing W
    offers those words as its bounds, ticked; Enter saves them as one edit, Ctrl+Z undoes it."""
    window = _window(qtbot, tmp_path)
    assert window.project is not None
    old = TEXT.index('"a scandal"')
    new = TEXT.index("the plan", old - 12)
    window.view.setFocus()
    window.view.select_span(new, old + len('"a scandal"'))  # starts outside every quotation
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.windowTitle() == "Correct quotation"
    assert dialog.bounds.isVisible() and dialog.bounds.isChecked()
    assert dialog.bounds.text() == '&Bounds: the selected words, the plan "a scandal"'
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    spans = {(q.start, q.end): q.model for q in window.project.quotes(1)}
    assert (old, old + len('"a scandal"')) not in spans
    assert spans[(new, old + len('"a scandal"'))] == QUOTE_CORRECTED
    assert window.statusBar().currentMessage().startswith("Quotation bounds changed: direct")
    assert window.view.selected_span() == (new, old + len('"a scandal"'))
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {(q.start, q.end) for q in window.project.quotes(1)} >= {(old, old + len('"a scandal"'))}
    assert all(q.start != new for q in window.project.quotes(1))
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_word_selected_inside_a_quotation_keeps_its_bounds_unless_ticked(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path)
    assert window.project is not None
    start = TEXT.index('"Taxes')
    word = TEXT.index("rise", start)
    window.view.setFocus()
    window.view.select_span(word, word + 4)  # pointing at the quotation, not re-cutting it
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.bounds.isVisible() and not dialog.bounds.isChecked()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("remove"))
    assert not dialog.bounds.isEnabled()  # removing it has no bounds to change
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("partial"))
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    quote = next(q for q in window.project.quotes(1) if q.start == start)
    assert (quote.end, quote.kind) == (start + len('"Taxes rise again."'), QuoteKind.PARTIAL)
    window.close()


def test_a_redo_follows_a_quotation_put_back_under_a_new_id(qtbot: QtBot, tmp_path: Path) -> None:
    """W adds a missed quotation, W corrects its speaker, Ctrl+Z twice; meanwhile another
    article's pre-annotation saves quotations, one under the freed id. Ctrl+Y puts the quotation
    back under a new id; the next Ctrl+Y corrected the quotation of that id, which was not the
    one shown, so it was refused and the history cleared: it follows the quotation instead."""
    from annotator import open_project
    from annotator.core.model import Analysis, ArticleDraft, Quote
    from annotator.services.project import store_of
    from tests.ui.conftest import PIPELINE

    path = make_project(tmp_path / "quotes.annotator.db", [("Taxes", TEXT)])
    with open_project(path) as project:
        (other,) = project.import_drafts([ArticleDraft(text='He said "no" twice.', title="Other")]).added
    window = open_window(qtbot, path)
    assert window.project is not None and window.article is not None
    missed = TEXT.index("the council failed")
    start = missed - 1
    select_words(qtbot, window, missed, 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    dialog.speaker_edit.setText("Tom Baker")
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    window.view.scroll_to(missed + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    dialog.speaker_edit.setText("Maria Lopez")
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    assert _speaker(window, start) == ("Maria Lopez", "Maria Lopez", QuoteKind.DIRECT, QUOTE_CORRECTED)
    (added,) = [q.id for q in window.project.quotes(window.article.article.id) if q.start == start]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with open_project(path, create=False) as elsewhere:
        store_of(elsewhere).save_analysis(other, Analysis(PIPELINE, (), (Quote(8, 12),), (), ((0, 19),)))
        assert [q.id for q in elsewhere.quotes(other)] == [added]
    qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.findChild(QuoteDialog) is None or not window.findChild(QuoteDialog).isVisible()
    from PySide6.QtWidgets import QMessageBox

    assert not [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert _speaker(window, start) == ("Maria Lopez", "Maria Lopez", QuoteKind.DIRECT, QUOTE_CORRECTED)
    assert [(q.start, q.end) for q in window.project.quotes(other)] == [(8, 12)]
    assert window.undo_stack.canUndo()
    window.close()


def test_escape_asks_before_throwing_a_typed_speaker_away(qtbot: QtBot, tmp_path: Path) -> None:
    """Escape closed the dialog at once and the name typed for the speaker was gone; it asks,
    as the note does, when a name other than the one offered was typed (and not otherwise)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    window = _window(qtbot, tmp_path)
    start = TEXT.index('"Taxes')
    before = _speaker(window, start)
    window.view.setFocus()
    window.view.scroll_to(start + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Escape)  # nothing typed: closes at once
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _back(qtbot, window)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    dialog.speaker_edit.setText("Maria Lop")
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Escape)
    box = dialog.findChild(QMessageBox, "discardSpeaker")  # the dialog stays, and asks
    assert box is not None and box.isVisible() and dialog.isVisible()
    assert box.text() == "Discard the speaker you typed?"
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # no: back to the name, as typed
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible() and dialog.speaker_edit.text() == "Maria Lop"
    assert QApplication.focusWidget() is dialog.speaker_combo  # its line edit's focus proxy
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Escape)
    box = dialog.discard_box
    assert box is not None and box.isVisible()
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    qtbot.keyClick(box, Qt.Key.Key_D)  # Discard
    qtbot.waitUntil(lambda: closed == [0])
    assert _speaker(window, start) == before
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_words_reaching_into_a_quotation_from_before_it_keep_its_bounds_unless_ticked(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """J selects a sentence that begins before a quotation and ends inside it (`Trump said on
    Friday "I can do it … if I want.` of `"… I may do it."`): W offered it as the quotation's
    bounds, ticked, and Enter, meant for the speaker, cut the quotation's end off and took the
    attribution in."""
    window = _window(qtbot, tmp_path)
    assert window.project is not None
    start = TEXT.index('"Taxes')
    end = start + len('"Taxes rise again."')
    before = TEXT.index("Maria Lopez")
    window.view.setFocus()
    window.view.select_span(before, TEXT.index("rise", start) + len("rise"))
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.bounds.isVisible() and not dialog.bounds.isChecked()
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    assert any((q.start, q.end) == (start, end) for q in window.project.quotes(1))
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_sentence_j_selects_with_who_said_it_keeps_the_quotations_bounds(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """J selects `Maria Lopez, …, said: "Taxes rise again."`, which holds the whole quotation
    and its speaker: W offered it as the bounds, ticked, and W then Enter, meant to confirm the
    quotation, took "Maria Lopez, … said:" into it."""
    path = make_project(tmp_path / "quotes.annotator.db", [("Taxes", TEXT)], analyse=False)
    named = TEXT.index("Maria Lopez")
    start = TEXT.index('"Taxes')
    end = start + len('"Taxes rise again."')
    analysis = hand_analysis(TEXT)
    quotes = tuple(
        dataclasses.replace(q, speaker=Speaker(named, named + len("Maria Lopez"), "Maria Lopez"))
        if q.start == start
        else q
        for q in analysis.quotes
    )
    with open_project(path) as project:
        store_of(project).save_analyses([(1, dataclasses.replace(analysis, quotes=quotes))])
    window = open_window(qtbot, path)
    assert window.project is not None
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert window.view.selected_span() == (named, end)  # the sentence, speaker and quotation
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.bounds.isVisible() and not dialog.bounds.isChecked()
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    _back(qtbot, window)
    quote = next(q for q in window.project.quotes(1) if q.end == end)
    assert (quote.start, quote.model) == (start, QUOTE_CORRECTED)
    assert window.statusBar().currentMessage().startswith("Quotation confirmed")
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_enter_on_a_whole_name_typed_saves_though_the_completion_list_is_open(qtbot: QtBot) -> None:
    """A name typed whole still shows the list with that one name in it, and the list took
    Enter for itself: it closed, and the dialog waited for a second Enter."""
    dialog = QuoteDialog(None, excerpt="“…”", kind="direct", speaker="he", names=["Maria Lopez", "Tom Baker"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.speaker_edit, "Maria Lopez")
    popup = dialog.speaker_combo.completer().popup()
    assert popup.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(popup, Qt.Key.Key_Return)  # while the list is open, the keys go to it
    assert dialog.speaker() == "Maria Lopez"


def test_a_quotation_added_elsewhere_meanwhile_is_refused_in_a_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    """Another window added the quotation while this one's dialog was open: the refusal is the
    command line's ("the selection overlaps a quotation; …"), said under the fields as a sentence."""
    from annotator.core.commands import AddQuote
    from annotator.core.model import Quote
    from annotator.services.project import open_project

    window = _window(qtbot, tmp_path)
    assert window.project is not None
    missed = TEXT.index("the council failed")
    select_words(qtbot, window, missed, 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.windowTitle() == "Add quotation"
    with open_project(window.project.path, create=False) as other:
        other.execute(
            AddQuote(1, Quote(missed - 1, missed + len("the council failed") + 1, QuoteKind.DIRECT))
        )
    window.show_again()  # as the window does once it hears of the other's save
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert dialog.problem.text() == (
        "The selection overlaps a quotation; put the cursor in it and press W to correct it."
    )
    dialog.reject()
    window.close()


def _renew_elsewhere(window: MainWindow) -> None:
    """Another window or `annotator annotate` pre-annotates the article again on its own
    connection: a quotation the text had gone without comes first, so every quotation is made
    anew under another id, and the first one shown gives its id to that one."""
    import dataclasses

    from annotator import open_project
    from annotator.core.model import PipelineInfo, Quote
    from annotator.services.project import store_of
    from tests.ui.conftest import hand_analysis

    assert window.project is not None and window.article is not None
    shown = {q.id: (q.start, q.end) for q in window.article.quotes}
    missed = TEXT.index("‘the council failed’")
    with open_project(window.project.path, create=False) as elsewhere:
        analysis = hand_analysis(TEXT)
        renewed = dataclasses.replace(
            analysis,
            pipeline=PipelineInfo("hand-made", "2"),
            quotes=(Quote(missed, missed + len("‘the council failed’"), QuoteKind.SCARE), *analysis.quotes),
        )
        store_of(elsewhere).save_analyses([(1, renewed)])
        now = {q.id: (q.start, q.end) for q in elsewhere.quotes(1)}
    assert all(now.get(quote_id) != span for quote_id, span in shown.items())
    assert {q.id: (q.start, q.end) for q in window.article.quotes} == shown  # not heard of yet


@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize("kind", ["partial", "remove"])
def test_w_on_a_quotation_renewed_elsewhere_acts_on_the_one_at_its_span(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    """W, a kind, Enter on the quotation shown, after another program pre-annotated the
    article again: it said "The quotation is not the one shown any more" though the same
    quotation stood there. It corrects (or removes) that one, and Ctrl+Z gives it back."""
    from PySide6.QtWidgets import QMessageBox

    window = _window(qtbot, tmp_path)
    assert window.project is not None
    start = TEXT.index('"Taxes')
    _renew_elsewhere(window)
    (renewed,) = [q for q in window.project.quotes(1) if q.start == start]
    window.view.setFocus()
    window.view.scroll_to(start + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    assert [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()] == []
    _back(qtbot, window)
    edited = [q for q in window.project.quotes(1) if q.start == start]
    if kind == "remove":
        assert edited == [] and window.statusBar().currentMessage() == "Quotation removed"
    else:
        assert [(q.id, q.kind, q.model) for q in edited] == [(renewed.id, QuoteKind.PARTIAL, QUOTE_CORRECTED)]
    assert window.undo_stack.count() == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [q for q in window.project.quotes(1) if q.start == start] == [renewed]
    window.close()


CHINESE = "外交部长王毅周一说：“我们反对任何形式的制裁。”发言人汪文斌也表示，中方欢迎对话。"
"""Chinese puts no space between words: every name stands between other letters."""


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_speaker_offered_in_a_chinese_article_is_taken(qtbot: QtBot, tmp_path: Path) -> None:
    """W on a quotation in a Chinese article, the speaker picked from the names the dialog
    offers: "“王毅” is not in this article outside the quotation" was said of a name standing
    before it, since only a name with no letter beside it counted, and no Chinese name has
    none. The nearest mention of the name is the speaker's, as in English."""
    from annotator.core.model import Analysis, ArticleDraft, Entity, Quote

    path = tmp_path / "zh.annotator.db"
    opening, closing = CHINESE.index("“"), CHINESE.index("”") + 1
    wang, spokesman = CHINESE.index("王毅"), CHINESE.index("汪文斌")
    with open_project(path) as project:
        (article_id,) = project.import_drafts([ArticleDraft(text=CHINESE, title="中方", source="t")]).added
        analysis = Analysis(
            hand_analysis("").pipeline,
            (Entity(wang, wang + 2, "PERSON"), Entity(spokesman, spokesman + 3, "PERSON")),
            (Quote(opening, closing, QuoteKind.DIRECT, Speaker(spokesman, spokesman + 3, "汪文斌")),),
            (),
            ((0, len(CHINESE)),),
        )
        store_of(project).save_analyses([(article_id, analysis)])
    window = open_window(qtbot, path)
    assert window.project is not None
    window.view.setFocus()
    window.view.scroll_to(opening + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    offered = [dialog.speaker_combo.itemText(i) for i in range(dialog.speaker_combo.count())]
    assert "王毅" in offered
    dialog.speaker_edit.setText("王毅")  # as picked from the list
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    assert not dialog.problem.isVisible(), dialog.problem.text()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _back(qtbot, window)
    (quote,) = window.project.quotes(article_id)
    assert quote.speaker == Speaker(wang, wang + 2, "王毅") and quote.model == QUOTE_CORRECTED
    assert window.view.describe(opening + 2) == "Quotation by 王毅, corrected"
    window.close()


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("田中さんは「明日は雨だ」と言った。", "「明日は雨だ」"),  # Japanese corner brackets
        ("田中さんは『明日は雨だ』と書いた。", "『明日は雨だ』"),
        ("Er sagte: »Wir gehen morgen« und ging.", "»Wir gehen morgen«"),  # German, reversed
        ("Il a dit : ‹Nous partons› hier.", "‹Nous partons›"),
    ],
)
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_w_adds_words_in_the_quote_marks_of_other_languages(
    qtbot: QtBot, tmp_path: Path, text: str, quoted: str
) -> None:
    """W on the words of a quotation the finder missed, in Japanese 「」 or German »«: "These
    words have no quote marks" was said of words between marks, with OK disabled, and
    selecting the marks too was refused as well. The marks are taken in, as “” are."""
    path = make_project(tmp_path / "marks.annotator.db", [("Marks", text)], analyse=False)
    window = open_window(qtbot, path)
    assert window.project is not None and window.article is not None
    start = text.index(quoted)
    window.view.setFocus()
    window.view.select_span(start + 1, start + len(quoted) - 1)  # the words, without their marks
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.windowTitle() == "Add quotation"
    assert dialog.excerpt.text() == quoted  # as it will be added
    note = dialog.findChild(QLabel, "quoteKindProblem")
    assert note is None or not note.isVisible(), note.text()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.reject()
    _back(qtbot, window)
    # Selected with its marks, it is the same quotation; added with no speaker named.
    window.view.select_span(start, start + len(quoted))
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert dialog.excerpt.text() == quoted
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _back(qtbot, window)
    added = window.project.quotes(window.article.article.id)
    assert [(text[q.start : q.end], q.kind, q.speaker) for q in added] == [(quoted, QuoteKind.DIRECT, None)]
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_quotation_dialog_left_open_while_another_article_is_shown_saves_nothing_and_says_so(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """OK checked the answer against the article shown, not the dialog's: with a shorter one
    shown meanwhile, the quotation's offsets ran past its text (IndexError in the window)."""
    path = make_project(tmp_path / "quotes.annotator.db", [("Taxes", TEXT), ("Short", "A short one.")])
    window = open_window(qtbot, path)
    assert window.project is not None and window.article is not None
    first = window.article.article.id
    other = next(s.id for s in window.project.articles() if s.id != first)
    start = TEXT.index('"Taxes')
    before = _speaker(window, start)
    window.view.setFocus()
    window.view.scroll_to(start + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    window.show_article(other)  # as a reload after a change made elsewhere may
    qtbot.waitUntil(lambda: window.article is not None and window.article.article.id == other)
    dialog.speaker_edit.setText("Tom Baker")
    dialog.accept()
    assert dialog.isVisible() and "no longer shown" in dialog.problem.text()
    dialog.done(0)
    window.show_article(first)
    qtbot.waitUntil(lambda: window.article is not None and window.article.article.id == first)
    assert _speaker(window, start) == before


def _shown(text: str) -> str:
    """A button's text as it is drawn: "&&" is an ampersand, a single "&" underlines the next letter."""
    return "&".join(part.replace("&", "") for part in text.split("&&"))


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_an_ampersand_in_a_speaker_or_the_selected_words_is_shown_as_itself(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The check boxes' texts are mnemonic texts: "Johnson & Johnson" read "Johnson _Johnson"
    (the space underlined), and the selected "R&D" read "RD" with Alt+D ticking the bounds."""
    text = (
        'Johnson & Johnson said: "We recall the batch." Later Johnson & Johnson added: "It is safe." '
        'Analysts called R&D spending "high".'
    )
    company = Speaker(0, len("Johnson & Johnson"), "Johnson & Johnson")
    recall, safe, high = (text.index(words) for words in ('"We', '"It', '"high"'))
    quotes = (
        Quote(recall, text.index('"', recall + 1) + 1, QuoteKind.DIRECT, company),
        Quote(safe, text.index('"', safe + 1) + 1, QuoteKind.DIRECT, company),
        Quote(high, high + len('"high"'), QuoteKind.SCARE),
    )
    path = tmp_path / "company.annotator.db"
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text=text, title="Recall", source="test")])
        entities = (Entity(0, len("Johnson & Johnson"), "ORG"),)
        store_of(project).save_analyses([(1, Analysis(PIPELINE, entities, quotes, (), ()))])
    window = open_window(qtbot, path)
    window.view.setFocus()
    window.view.scroll_to(recall + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert _shown(dialog.also.text()) == (
        "Also give this speaker to the other quotations attributed to Johnson & Johnson (1)"
    )
    assert spoken_name(dialog.also).endswith("attributed to Johnson & Johnson (1)")  # and as said
    dialog.reject()
    _back(qtbot, window)
    start = text.index("R&D")
    window.view.select_span(start, high + len('"high"'))
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert _shown(dialog.bounds.text()) == 'Bounds: the selected words, R&D spending "high"'
    assert dialog.bounds.isChecked()
    dialog.reject()
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_name_typed_is_not_taken_for_an_offered_name_it_is_only_letters_of(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The model missed "Lee"; typed as the speaker, it was saved as "Ashlee Green", the one
    offered name holding those letters, and the quotation went to her."""
    text = 'Ashlee Green chairs the council. A resident, Lee, said: "It is fine."'
    window = open_window(qtbot, make_project(tmp_path / "lee.annotator.db", [("Council", text)]))
    assert window.project is not None
    start = text.index('"It')
    window.view.setFocus()
    window.view.scroll_to(start + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = _active(qtbot, window)
    assert "Ashlee Green" in dialog.names and "Lee" not in dialog.names
    qtbot.keyClicks(dialog.speaker_edit, "Lee")
    popup = dialog.speaker_combo.completer().popup()
    assert popup.isVisible()  # offering "Ashlee Green"; Enter with no row picked takes "Lee"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _back(qtbot, window)
    assert window.statusBar().currentMessage() == "Quotation: direct, speaker Lee"
    quote = next(q for q in window.project.quotes(1) if q.start == start)
    assert quote.speaker is not None
    assert (text[quote.speaker.start : quote.speaker.end], quote.speaker.name) == ("Lee", "Lee")
    # A whole word of an offered name still stands for it, in any case.
    other = QuoteDialog(None, excerpt="“…”", kind="direct", speaker="", names=["Ashlee Green", "Maria Lopez"])
    qtbot.addWidget(other)
    other.speaker_edit.setText("green")
    assert other.speaker() == "Ashlee Green"
    window.close()


def test_a_refused_speaker_is_told_to_a_screen_reader_in_the_field_it_returns_to(qtbot: QtBot) -> None:
    """Enter on a name the article lacks keeps the dialog open with the reason under the
    fields, the focus back in the name: a screen reader said the name again and nothing of why."""
    refused = "“Ada Lovelace” is not in this article outside the quotation."
    dialog = QuoteDialog(
        None,
        excerpt="“…”",
        kind="direct",
        speaker="he",
        names=["Maria Lopez"],
        problem_with=lambda _kind, name: refused if name == "Ada Lovelace" else "",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.speaker_edit.setText("Ada Lovelace")
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.problem.text() == refused

    def described() -> str:
        focused = QApplication.focusWidget()
        assert focused is dialog.speaker_combo
        accessible = QAccessible.queryAccessibleInterface(focused)
        assert accessible is not None
        return accessible.text(QAccessible.Text.Description)

    assert refused in described()
    # Another name is not the one refused: the reason goes with it, as it does from the screen.
    qtbot.keyClicks(dialog.speaker_edit, "x")
    assert refused not in described()
    dialog.done(0)
