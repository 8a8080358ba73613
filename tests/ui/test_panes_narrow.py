"""The main window's panes on a narrow screen: the article's text gets the width first.

A 1366x768 laptop at 200% is 683x384 logical pixels. The list kept a third of the panes and
the claims their readable width (an empty column a third of the window wide), so the text
had 20 characters a line, and 11 once the first claim was labelled.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QMouseEvent, QScreen
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.services.settings import load_settings
from annotator.ui.actions import shortcut_rows
from annotator.ui.claim_panel import ClaimPanel
from annotator.ui.geometry import CLAIMS_SHARE, LIST_SHARE, window_settings
from annotator.ui.list_fold import CRAMPED_COLUMNS
from annotator.ui.main_window import MainWindow
from annotator.ui.reading import DOCUMENT_MARGIN
from tests.ui.conftest import LAPTOP, larger_font, open_window
from tests.ui.test_legend_small_screen import laid_over

HALF_LAPTOP = QRect(0, 0, 1366 // 2, (768 - 32) // 2)
"""The free area of a 1366x768 laptop's screen at 200%, in logical pixels."""


def line_characters(window: MainWindow) -> float:
    """How many average characters of the article's font a line of the text holds."""
    view = window.view
    return (view.viewport().width() - 2 * DOCUMENT_MARGIN) / view.fontMetrics().averageCharWidth()


@pytest.fixture
def narrow_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: HALF_LAPTOP)
    return HALF_LAPTOP


@pytest.fixture
def narrow_window(qtbot: QtBot, project_path: Path, narrow_screen: QRect) -> Iterator[MainWindow]:
    window = open_window(qtbot, project_path)
    window.finish_start()
    qtbot.wait(20)
    yield window
    window.close()


def show_suggestions(qtbot: QtBot, window: MainWindow) -> None:
    window.registry["suggestions_panel"].trigger()
    dock = window.suggestions.dock
    qtbot.waitUntil(lambda: dock.isVisible() and not window.suggestions.panel.loading)
    qtbot.wait(50)


def label_first_candidate(qtbot: QtBot, window: MainWindow) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_3)  # questionable: the widest label
    qtbot.waitUntil(lambda: window.claim_model.rowCount() == 1)
    qtbot.wait(50)  # the claim list's columns and the splitter laid out again


def test_a_narrow_window_gives_the_text_the_width_first(narrow_window: MainWindow) -> None:
    """20 characters a line before (panes 214, 224, 209 px), 23.9 after (160, 259, 228)."""
    window = narrow_window
    listed, text, claims = window.splitter.sizes()
    assert line_characters(window) >= 23, window.splitter.sizes()
    assert text > max(listed, claims), window.splitter.sizes()
    assert listed == window.articles.minimumSizeHint().width()
    assert claims == window.claims.minimumSizeHint().width()  # the claims gave way, to their least


@pytest.mark.parametrize("suggestions", [False, True])
def test_labelling_the_first_claim_leaves_the_text_as_it_was(
    qtbot: QtBot, narrow_window: MainWindow, suggestions: bool
) -> None:
    """The label and By columns widened with the first claim, and the claims' minimum with them:
    the splitter took 79 px from the text, 20 characters a line down to 11."""
    window = narrow_window
    if suggestions:
        show_suggestions(qtbot, window)
    sizes, width = window.splitter.sizes(), window.view.viewport().width()
    label_first_candidate(qtbot, window)
    assert window.splitter.sizes() == sizes
    assert window.view.viewport().width() == width
    assert HALF_LAPTOP.contains(window.frameGeometry()), window.frameGeometry()
    assert not window.claim_list.horizontalScrollBar().isVisible()  # label and By whole


def test_the_suggestions_panel_folds_the_list_while_it_is_open(
    qtbot: QtBot, narrow_window: MainWindow
) -> None:
    """With the panel the list's, the claims' and the panel's minimums left the text 122 px, 8.7
    characters a line; the window folds the list for it (26.4) and brings it back with the panel
    closed. A list the person folded stays folded."""
    window = narrow_window
    action = window.registry["article_list"]
    show_suggestions(qtbot, window)
    assert HALF_LAPTOP.contains(window.frameGeometry()), window.frameGeometry()
    assert window.splitter.sizes()[0] == 0
    assert line_characters(window) >= 25, window.splitter.sizes()
    assert not action.isChecked()
    assert "Ctrl+L" in window.statusBar().currentMessage()
    window.suggestions.dock.hide()
    qtbot.waitUntil(lambda: line_characters(window) >= 23)
    assert window.splitter.sizes()[0] == window.articles.minimumSizeHint().width()
    assert action.isChecked()

    press_ctrl(qtbot, window, Qt.Key.Key_L)  # folded by the person: theirs, whatever the panel does
    show_suggestions(qtbot, window)
    window.suggestions.dock.hide()
    qtbot.wait(20)
    assert window.splitter.sizes()[0] == 0
    assert not action.isChecked()


def test_the_list_shown_again_with_the_panel_closed_takes_back_its_folded_message(
    qtbot: QtBot, narrow_window: MainWindow
) -> None:
    """F9 opened the panel and folded the list, saying "List folded: Ctrl+L shows it"; F9 again
    (or the panel tabbed away behind another) brought the list back, and the status bar went on
    saying it was folded for ten seconds beside it, with Ctrl+L, which now folds it."""
    window = narrow_window
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F9)
    dock = window.suggestions.dock
    qtbot.waitUntil(lambda: dock.isVisible() and not window.suggestions.panel.loading)
    assert window.splitter.sizes()[0] == 0
    assert window.statusBar().currentMessage() == "List folded: Ctrl+L shows it"
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not dock.isVisible())
    assert window.splitter.sizes()[0] > 0
    assert "List folded" not in window.statusBar().currentMessage()


def test_with_larger_text_the_suggestions_panel_takes_its_width_from_the_claims_first(
    qtbot: QtBot, narrow_window: MainWindow
) -> None:
    """At 14 pt on a 1024x600 screen at 150% the panel left the article 20 characters a line
    (18.7 here at 16 pt) beside claims at their least width, whose claim still had 19: the By
    column, given way, kept its room in their least. The claims give way to their narrowest
    (`ClaimPanel.NARROW_CLAIM_CHARACTERS`) before the text is cramped (`CRAMPED_COLUMNS`)."""
    window = narrow_window
    window.set_text_size(16)
    label_first_candidate(qtbot, window)
    show_suggestions(qtbot, window)
    _listed, text, claims = window.splitter.sizes()
    assert window.list_fold.text_columns() >= CRAMPED_COLUMNS, window.splitter.sizes()
    assert text > claims, window.splitter.sizes()
    assert claims == window.claims.minimumSizeHint().width()
    header = window.claim_list.header()
    character = window.claim_list.fontMetrics().averageCharWidth()
    assert header.sectionSize(1) >= ClaimPanel.NARROW_CLAIM_CHARACTERS * character
    assert header.isSectionHidden(ClaimPanel.BY_COLUMN)  # the name in the tooltips, as before
    assert not window.claim_list.horizontalScrollBar().isVisible()
    assert HALF_LAPTOP.contains(window.frameGeometry()), window.frameGeometry()


def press_ctrl(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(20)


def test_ctrl_l_folds_the_list_and_shows_it_again(qtbot: QtBot, narrow_window: MainWindow) -> None:
    """Only the splitter's handle folded the list, and nobody finds a splitter handle."""
    window = narrow_window
    action = window.registry["article_list"]
    assert action in window.menuBar().findChild(QMenu, "viewMenu").actions()
    assert ("Ctrl+L", "Show or fold away the article list (Ctrl+F shows it for a search)") in shortcut_rows()
    assert action.isChecked()
    before = line_characters(window)
    press_ctrl(qtbot, window, Qt.Key.Key_L)
    assert window.splitter.sizes()[0] == 0
    assert not action.isChecked()
    assert line_characters(window) >= before + 10, window.splitter.sizes()
    window.view.setFocus()
    for _ in range(8):  # Tab goes round the panes without landing in the folded list's search box
        focused = QApplication.focusWidget()
        assert focused is not None
        assert not window.articles.isAncestorOf(focused), focused.objectName()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    press_ctrl(qtbot, window, Qt.Key.Key_L)
    assert window.splitter.sizes()[0] == window.articles.minimumSizeHint().width()
    assert action.isChecked()
    assert line_characters(window) >= 23, window.splitter.sizes()


def test_a_search_shows_a_folded_list_until_an_article_is_opened(
    qtbot: QtBot, narrow_window: MainWindow
) -> None:
    """Ctrl+F put the focus in the folded list's search box, 0 px wide: what was typed filtered a
    list nobody could see, and Return opened an article nobody had seen picked."""
    window = narrow_window
    press_ctrl(qtbot, window, Qt.Key.Key_L)
    press_ctrl(qtbot, window, Qt.Key.Key_F)
    assert window.search.hasFocus()
    assert window.search.width() > 0 and window.article_list.width() > 0
    assert window.registry["article_list"].isChecked()
    qtbot.keyClicks(window.search, "Toronto")
    qtbot.waitUntil(lambda: window.article_filter.rowCount() == 1)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.view.hasFocus())
    assert window.article is not None and window.article.article.title.startswith("Toronto")
    assert window.splitter.sizes()[0] == 0  # folded again: the person had folded it
    assert not window.registry["article_list"].isChecked()
    press_ctrl(qtbot, window, Qt.Key.Key_F)  # Escape from the search folds it too
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] == 0)


@pytest.mark.parametrize("folded", [False, True])
def test_the_list_folded_with_ctrl_l_stays_so_at_the_next_start(
    qtbot: QtBot, project_path: Path, narrow_screen: QRect, folded: bool
) -> None:
    window = reopen(qtbot, project_path)
    if folded:
        press_ctrl(qtbot, window, Qt.Key.Key_L)
    window.close()
    window = reopen(qtbot, project_path)
    try:
        assert (window.splitter.sizes()[0] == 0) == folded, window.splitter.sizes()
        assert window.registry["article_list"].isChecked() != folded
        assert window.articles.isEnabled() != folded
        if folded:
            assert line_characters(window) >= 35, window.splitter.sizes()
            press_ctrl(qtbot, window, Qt.Key.Key_L)
            assert window.splitter.sizes()[0] > 0
    finally:
        window.close()


@pytest.mark.parametrize("folded_by", ["the window", "the person"])
def test_a_list_folded_for_twice_the_text_comes_back_in_a_wider_window_after_a_restart(
    qtbot: QtBot, project_path: Path, narrow_screen: QRect, monkeypatch: pytest.MonkeyPatch, folded_by: str
) -> None:
    """The window folded the list for twice the desktop's font; reopened, the splitter's state
    told it from a fold of the person's no more, and widened to 1366 px it stayed folded beside
    80 characters a line until Ctrl+L. A list the person folded stays folded."""
    with larger_font(2):
        window = reopen(qtbot, project_path)
        assert window.splitter.sizes()[0] == 0, window.splitter.sizes()  # no room at the start
        if folded_by == "the person":
            press_ctrl(qtbot, window, Qt.Key.Key_L)  # shown: it fits until the first claim
            assert window.splitter.sizes()[0] > 0, window.splitter.sizes()
            press_ctrl(qtbot, window, Qt.Key.Key_L)  # and folded again: theirs now
        label_first_candidate(qtbot, window)  # the claims widen: no room for the list
        assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
        window.close()
        window = reopen(qtbot, project_path)
        try:
            assert window.splitter.sizes()[0] == 0, window.splitter.sizes()  # still no room
            monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
            narrow_to(qtbot, window, LAPTOP.width())
            shown = folded_by == "the window"
            assert (window.splitter.sizes()[0] > 0) == shown, window.splitter.sizes()
            assert window.registry["article_list"].isChecked() == shown
            assert window.articles.isEnabled() == shown
        finally:
            window.close()


@pytest.mark.parametrize("folded_by", ["the window", "the person"])
def test_a_list_folded_for_larger_article_text_comes_back_with_smaller_text_after_a_restart(
    qtbot: QtBot, project_path: Path, narrow_screen: QRect, folded_by: str
) -> None:
    """Ctrl++ on a 683 px window folded the list, and as many Ctrl+- brought it back; after a
    restart in between, they left it folded until Ctrl+L. A list the person folded stays folded."""
    window = reopen(qtbot, project_path)
    steps = 0
    while window.splitter.sizes()[0] > 0:
        press_ctrl(qtbot, window, Qt.Key.Key_Plus)
        steps += 1
        assert steps < 10, window.splitter.sizes()
    if folded_by == "the person":
        press_ctrl(qtbot, window, Qt.Key.Key_L)  # shown: the panes' minimums fit
        assert window.splitter.sizes()[0] > 0, window.splitter.sizes()
        press_ctrl(qtbot, window, Qt.Key.Key_L)  # and folded again: theirs now
    window.close()
    window = reopen(qtbot, project_path, saved_settings=True)
    try:
        assert window.splitter.sizes()[0] == 0, window.splitter.sizes()  # the text as large: no room
        for _ in range(steps):
            press_ctrl(qtbot, window, Qt.Key.Key_Minus)
        shown = folded_by == "the window"
        assert (window.splitter.sizes()[0] > 0) == shown, window.splitter.sizes()
        assert window.registry["article_list"].isChecked() == shown
        if shown:
            assert line_characters(window) >= 23, window.splitter.sizes()
    finally:
        window.close()


def test_the_laptop_at_100_percent_keeps_its_panes(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 1366x768 there is room for all three as before: the list its titles, the claims a quarter."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = open_window(qtbot, project_path)
    try:
        window.finish_start()
        listed, text, claims = window.splitter.sizes()
        total = listed + text + claims
        assert listed == min(window.articles.preferred_width(), int(total * LIST_SHARE))
        assert claims == max(int(total * CLAIMS_SHARE), window.claims.readable_width())
        assert line_characters(window) >= 55, window.splitter.sizes()
        sizes = window.splitter.sizes()
        label_first_candidate(qtbot, window)
        assert window.splitter.sizes() == sizes
        show_suggestions(qtbot, window)  # room for the text beside the panel: the list stays
        listed = window.splitter.sizes()[0]
        assert listed >= window.articles.minimumSizeHint().width(), window.splitter.sizes()
        assert line_characters(window) >= 45, window.splitter.sizes()
        assert window.registry["article_list"].isChecked()
    finally:
        window.close()


def reopen(
    qtbot: QtBot, project_path: Path, *, forget_place: bool = False, saved_settings: bool = False
) -> MainWindow:
    """A new window on the stored state, as the next start opens; with `saved_settings`, on the
    settings the last close saved (the article's text size among them), as a start reads them."""
    if forget_place:  # as Qt does with a place saved on a screen of another size
        stored = window_settings()
        stored.remove("geometry")
        stored.sync()
    window = open_window(qtbot, project_path, settings=load_settings() if saved_settings else None)
    window.finish_start()
    qtbot.wait(20)
    return window


@pytest.mark.parametrize("folded", [False, True])
def test_stored_pane_widths_are_kept_where_they_fit(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch, folded: bool
) -> None:
    """Widths saved at 1366x768 were cut from the text alone on a narrower window: 250 | 692 | 361
    px left it 122 px (8.7 characters a line) of a window 655 px wide; now 23.9 characters, and
    41.7 with the list folded away (26.9 before, the claims keeping 361 px)."""
    screen = [LAPTOP]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen[0])
    window = reopen(qtbot, project_path)
    chosen = [0 if folded else 250, 692 + (250 if folded else 0), 361]
    window.splitter.setSizes(chosen)
    qtbot.wait(20)
    chosen = window.splitter.sizes()
    window.close()  # saves the window's state
    window = reopen(qtbot, project_path)
    assert window.splitter.sizes() == chosen  # the same window: as the person left them
    window.close()
    screen[0] = HALF_LAPTOP
    window = reopen(qtbot, project_path, forget_place=True)
    try:
        listed, _text, claims = window.splitter.sizes()
        if folded:  # kept folded; the text has the list's width
            assert listed == 0
            assert line_characters(window) >= 40, window.splitter.sizes()
        else:
            assert line_characters(window) >= 23, window.splitter.sizes()
            assert claims == window.claims.minimumSizeHint().width()
    finally:
        window.close()


@pytest.fixture
def laptop_window(qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = open_window(qtbot, project_path)
    window.finish_start()
    qtbot.wait(20)
    yield window
    window.close()


def narrow_to(qtbot: QtBot, window: MainWindow, width: int) -> None:
    window.resize(width, window.height())
    qtbot.waitUntil(lambda: window.width() == width)
    qtbot.wait(20)


def test_narrowing_the_window_with_the_panel_open_folds_the_list(
    qtbot: QtBot, laptop_window: MainWindow
) -> None:
    """The list was folded only when the panel opened: a window narrowed to 683 px afterwards
    left the text 122 px, 8.7 characters a line, beside a list of 160. Widened again, the list
    stays folded (no folding and showing back and forth while the edge is dragged) until the
    panel closes."""
    window = laptop_window
    action = window.registry["article_list"]
    show_suggestions(qtbot, window)
    assert window.splitter.sizes()[0] > 0 and action.isChecked()  # room for it at 1366 px
    for width in (1100, 900, 683):
        narrow_to(qtbot, window, width)
        assert line_characters(window) >= 20, (width, window.splitter.sizes())
    assert window.splitter.sizes()[0] == 0
    assert not action.isChecked()
    assert not window.articles.isEnabled()
    assert "Ctrl+L" in window.statusBar().currentMessage()
    for width in (1366, 683, 1366):
        narrow_to(qtbot, window, width)
        assert window.splitter.sizes()[0] == 0, (width, window.splitter.sizes())
    window.suggestions.dock.hide()
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] > 0)
    assert action.isChecked()


def test_larger_text_with_the_panel_open_folds_the_list(qtbot: QtBot, laptop_window: MainWindow) -> None:
    """Ctrl++ with the panel open made each line shorter, 21.1 characters down to 19 and fewer,
    the list keeping its 160 px."""
    window = laptop_window
    narrow_to(qtbot, window, 1100)
    show_suggestions(qtbot, window)
    narrow_to(qtbot, window, 900)
    assert window.splitter.sizes()[0] > 0, window.splitter.sizes()
    assert line_characters(window) >= 20, window.splitter.sizes()
    for _ in range(4):  # the claims give way to their narrowest first, then the list folds
        press_ctrl(qtbot, window, Qt.Key.Key_Plus)
        assert line_characters(window) >= 20, (window.view.font_size, window.splitter.sizes())
    assert window.splitter.sizes()[0] == 0
    assert not window.registry["article_list"].isChecked()


def test_a_list_shown_with_ctrl_l_beside_the_panel_stays_shown(
    qtbot: QtBot, narrow_window: MainWindow
) -> None:
    """The person chose the list over the text's width: larger text or a narrower window does
    not fold it again, until they fold it or open a panel again."""
    window = narrow_window
    action = window.registry["article_list"]
    show_suggestions(qtbot, window)
    assert window.splitter.sizes()[0] == 0  # folded for the panel
    press_ctrl(qtbot, window, Qt.Key.Key_L)
    assert window.splitter.sizes()[0] > 0 and action.isChecked()
    press_ctrl(qtbot, window, Qt.Key.Key_Plus)
    press_ctrl(qtbot, window, Qt.Key.Key_Plus)
    narrow_to(qtbot, window, window.width() + 60)
    narrow_to(qtbot, window, window.width() - 60)
    assert window.splitter.sizes()[0] > 0, window.splitter.sizes()
    assert action.isChecked()
    press_ctrl(qtbot, window, Qt.Key.Key_L)  # folded by the person, shown again: still theirs
    press_ctrl(qtbot, window, Qt.Key.Key_L)
    narrow_to(qtbot, window, window.width() + 20)
    assert window.splitter.sizes()[0] > 0, window.splitter.sizes()
    window.suggestions.dock.hide()
    qtbot.wait(20)
    show_suggestions(qtbot, window)  # a panel opened again: cramped, the list folds for it
    assert window.splitter.sizes()[0] == 0, window.splitter.sizes()


def test_narrowing_the_window_takes_the_width_from_the_list_and_the_claims_first(
    qtbot: QtBot, laptop_window: MainWindow
) -> None:
    """Qt's splitter took a narrower window's width from the text alone: 1366 px narrowed to 683
    left it 122 px, 8.7 characters a line, beside a list of 325 and claims of 228, where a window
    opened at 683 px has 24. Narrower still, the list folds; wide again, it comes back, and not
    while the edge is dragged to and fro about the width where it folded."""
    window = laptop_window
    action = window.registry["article_list"]
    for width in (1100, 900, 683):
        narrow_to(qtbot, window, width)
        assert line_characters(window) >= 23, (width, window.splitter.sizes())
    listed, _text, claims = window.splitter.sizes()
    assert listed == window.articles.minimumSizeHint().width()
    assert claims == window.claims.minimumSizeHint().width()
    assert action.isChecked()  # room enough for the list, as a window opened at 683 px has
    narrow_to(qtbot, window, 560)
    assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
    assert line_characters(window) >= 20, window.splitter.sizes()
    assert not action.isChecked() and not window.articles.isEnabled()
    assert "Ctrl+L" in window.statusBar().currentMessage()
    for width in (600, 570, 620, 560):  # about where it folded: it stays folded
        narrow_to(qtbot, window, width)
        assert window.splitter.sizes()[0] == 0, (width, window.splitter.sizes())
    narrow_to(qtbot, window, 1366)
    assert window.splitter.sizes()[0] >= window.articles.minimumSizeHint().width(), window.splitter.sizes()
    assert action.isChecked() and window.articles.isEnabled()
    assert line_characters(window) >= 45, window.splitter.sizes()


def test_a_narrower_window_keeps_the_widths_the_person_dragged_where_the_text_reads_well(
    qtbot: QtBot, laptop_window: MainWindow
) -> None:
    """The list and the claims give way only for the text's readable width, or for the width
    the person left the text by dragging a handle, never more."""
    window = laptop_window
    splitter = window.splitter
    splitter.setSizes([250, 700, 361])  # as dragged: the text wide
    qtbot.wait(20)
    listed, _text, claims = splitter.sizes()
    narrow_to(qtbot, window, window.width() - 100)
    assert splitter.sizes()[0] == listed and splitter.sizes()[2] == claims, splitter.sizes()

    splitter.setSizes([600, 300, 311])  # as dragged: a wide list, the text narrower than readable
    qtbot.wait(20)
    text = splitter.sizes()[1]
    narrow_to(qtbot, window, window.width() - 100)
    listed, kept, claims = splitter.sizes()
    assert kept == text, splitter.sizes()  # as the person left it
    assert listed < 600 and claims < 311, splitter.sizes()  # both gave way
    assert listed > 400, splitter.sizes()  # in proportion: the list is still the wide one


def test_with_twice_the_text_a_laptop_at_200_percent_holds_the_whole_window(
    qtbot: QtBot, project_path: Path, narrow_screen: QRect
) -> None:
    """The list's, the text's and the claims' minimums (208, 220 and 402 px) and the status bar's
    labels (938) made the window 1015 px wide at least, on a screen of 683: the claims and the
    window's right edge out of reach. The list folds to make room, Ctrl+L says so, and the
    window's minimum leaves the folded list out."""
    with larger_font(2):
        window = open_window(qtbot, project_path)  # shown, then the project opened, as a start does
        try:
            window.finish_start()
            qtbot.wait(20)
            assert narrow_screen.contains(window.frameGeometry()), (
                window.frameGeometry(),
                window.splitter.sizes(),
            )
            assert window.minimumSizeHint().width() <= narrow_screen.width(), window.minimumSizeHint()
            assert line_characters(window) >= 20, window.splitter.sizes()
            # The empty claim list keeps no room for a first claim it would take 402 px for.
            assert window.claim_model.rowCount() == 0
            assert window.splitter.sizes()[2] < window.claims.readable_width(10) // 2, window.splitter.sizes()
            label_first_candidate(qtbot, window)  # the claims take their room; the list folds for it
            assert narrow_screen.contains(window.frameGeometry()), (
                window.frameGeometry(),
                window.splitter.sizes(),
            )
            assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
            assert not window.registry["article_list"].isChecked()
            assert window.splitter.sizes()[2] >= window.claims.minimumSizeHint().width(), (
                window.splitter.sizes()
            )
            assert not window.claim_list.horizontalScrollBar().isVisible()
            assert line_characters(window) >= 12, window.splitter.sizes()
        finally:
            window.close()


def test_larger_text_without_a_panel_folds_the_list_as_a_narrower_window_does(
    qtbot: QtBot, narrow_window: MainWindow
) -> None:
    """Only a panel's folding met Ctrl++: without one, eight of them on a 683 px window left the
    article 15 characters a line beside a list of 160 px, where narrowing the window folds it."""
    window = narrow_window
    action = window.registry["article_list"]
    for _ in range(8):
        press_ctrl(qtbot, window, Qt.Key.Key_Plus)
        assert line_characters(window) >= 20, (window.view.font_size, window.splitter.sizes())
    assert window.view.font_size > 16
    assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
    assert not action.isChecked() and not window.articles.isEnabled()
    assert "Ctrl+L" in window.statusBar().currentMessage()
    narrow_to(qtbot, window, 1300)  # room for it beside the larger text: it comes back
    assert window.splitter.sizes()[0] >= window.articles.minimumSizeHint().width(), window.splitter.sizes()
    assert action.isChecked()


def test_larger_text_takes_the_lines_lost_width_from_the_list_and_the_claims_first(
    qtbot: QtBot, laptop_window: MainWindow
) -> None:
    """As a narrower window does: the text keeps its characters a line (up to its readable
    width) while the list and the claims have width above their minimums; with smaller text
    again, a list folded for it comes back once there is room beside it."""
    window = laptop_window
    splitter = window.splitter
    narrow_to(qtbot, window, 900)
    before = line_characters(window)
    listed, _text, claims = splitter.sizes()
    press_ctrl(qtbot, window, Qt.Key.Key_Plus)
    press_ctrl(qtbot, window, Qt.Key.Key_Plus)
    assert line_characters(window) >= int(before), (before, splitter.sizes())
    assert splitter.sizes()[0] < listed and splitter.sizes()[2] < claims, splitter.sizes()
    for _ in range(24):
        press_ctrl(qtbot, window, Qt.Key.Key_Plus)
        assert line_characters(window) >= 20, (window.view.font_size, splitter.sizes())
    assert splitter.sizes()[0] == 0, splitter.sizes()
    for _ in range(26):
        press_ctrl(qtbot, window, Qt.Key.Key_Minus)
    assert splitter.sizes()[0] >= window.articles.minimumSizeHint().width(), splitter.sizes()
    assert window.registry["article_list"].isChecked()


def test_larger_text_keeps_the_widths_the_person_dragged_where_the_text_reads_well(
    qtbot: QtBot, laptop_window: MainWindow
) -> None:
    window = laptop_window
    splitter = window.splitter
    splitter.setSizes([250, 700, 361])  # as dragged: the text wide
    qtbot.wait(20)
    sizes = splitter.sizes()
    press_ctrl(qtbot, window, Qt.Key.Key_Plus)
    assert line_characters(window) >= 45, splitter.sizes()
    assert splitter.sizes() == sizes


def test_ctrl_l_never_widens_the_window_past_the_screen(
    qtbot: QtBot, project_path: Path, narrow_screen: QRect
) -> None:
    """With twice the desktop's font and a first claim, the list's, the text's and the claims'
    minimums (208, 220 and 402 px) do not fit a 683 px screen: Ctrl+L showed the list all the
    same and Qt widened the window to 842 px, the claims and its right edge out of reach."""
    with larger_font(2):
        window = open_window(qtbot, project_path)
        try:
            window.finish_start()
            qtbot.wait(20)
            label_first_candidate(qtbot, window)
            assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
            press_ctrl(qtbot, window, Qt.Key.Key_L)
            qtbot.wait(50)
            assert narrow_screen.contains(window.frameGeometry()), (
                window.frameGeometry(),
                window.splitter.sizes(),
            )
            assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
            assert not window.registry["article_list"].isChecked()
            assert "No room for the list" in window.statusBar().currentMessage()
        finally:
            window.close()


def press_in_search(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    qtbot.keyClick(window.search, key, modifier)
    qtbot.wait(20)


@pytest.mark.parametrize("ending", ["return", "escape", "ctrl_l", "ctrl_q"])
def test_ctrl_f_searches_in_a_list_with_no_room_without_widening_the_window(
    qtbot: QtBot, project_path: Path, narrow_screen: QRect, ending: str
) -> None:
    """With twice the desktop's font and a first claim, the list folded for lack of room: Ctrl+F
    showed it all the same, and Qt widened the window to 842 px, past the 683 px screen. The
    claims give the list their width while the person searches, and get it back after, at the
    next start too."""
    with larger_font(2):
        window = open_window(qtbot, project_path)
        try:
            window.finish_start()
            qtbot.wait(20)
            label_first_candidate(qtbot, window)
            sizes = window.splitter.sizes()
            assert sizes[0] == 0, sizes
            press_ctrl(qtbot, window, Qt.Key.Key_F)
            qtbot.wait(50)
            assert narrow_screen.contains(window.frameGeometry()), (
                window.frameGeometry(),
                window.splitter.sizes(),
            )
            assert window.search.hasFocus()
            assert window.search.width() > 0, window.splitter.sizes()
            listed, text, _claims = window.splitter.sizes()
            assert listed >= window.articles.minimumSizeHint().width(), window.splitter.sizes()
            assert text >= window.centre.minimumSizeHint().width(), window.splitter.sizes()
            qtbot.keyClicks(window.search, "Toronto")
            qtbot.waitUntil(lambda: window.article_filter.rowCount() == 1)
            no = Qt.KeyboardModifier.NoModifier
            if ending == "return":
                press_in_search(qtbot, window, Qt.Key.Key_Return, no)
                assert window.article is not None and window.article.article.title.startswith("Toronto")
            elif ending == "escape":
                press_in_search(qtbot, window, Qt.Key.Key_Escape, no)
            elif ending == "ctrl_l":
                press_in_search(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
            else:
                press_in_search(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
                qtbot.waitUntil(lambda: not window.isVisible())
                window = reopen(qtbot, project_path)
            qtbot.waitUntil(lambda: window.splitter.sizes()[0] == 0)
            qtbot.wait(50)
            assert window.splitter.sizes() == sizes  # folded again, the claims as they were
            assert narrow_screen.contains(window.frameGeometry()), window.frameGeometry()
            assert not window.registry["article_list"].isChecked()
            assert not window.articles.isEnabled()
        finally:
            window.close()


def test_ctrl_f_without_room_even_beside_the_text_leaves_the_focus_where_it_was(
    qtbot: QtBot, project_path: Path, narrow_screen: QRect, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list wider than all the text can give stays folded, and its search box, 0 px wide,
    does not take the keys: the status bar says why, as Ctrl+L's does."""
    with larger_font(2):
        window = open_window(qtbot, project_path)
        try:
            window.finish_start()
            qtbot.wait(20)
            label_first_candidate(qtbot, window)
            sizes = window.splitter.sizes()
            assert sizes[0] == 0, sizes
            wide = QSize(sizes[1] + sizes[2], window.articles.minimumSizeHint().height())
            monkeypatch.setattr(window.articles, "minimumSizeHint", lambda: wide)
            press_ctrl(qtbot, window, Qt.Key.Key_F)
            assert window.view.hasFocus()
            assert window.splitter.sizes() == sizes
            assert narrow_screen.contains(window.frameGeometry()), window.frameGeometry()
            assert "No room for the list" in window.statusBar().currentMessage()
        finally:
            window.close()


SHORT_SCREEN = QRect(0, 0, 683, 330)
"""A screen the window opens on a little above its least height with twice the text, as under
X a 683x400 one at twice the font's dpi does (its scroll bars, taller there, take the rest)."""


def test_a_first_claim_never_pushes_the_window_past_the_bottom_of_a_short_screen(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first claim narrowed the text's column, the legend's colours wrapped to a row each,
    and the window's minimum grew by a row: Qt made the window 391 px tall where it stood, at
    y=20 on a screen 400 px tall, and the status bar went past the bottom edge. (The colours
    now show their keys only there, and the window keeps its height; a window made taller where
    it stands is still moved up onto the screen.)"""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SHORT_SCREEN)
    with larger_font(2):
        window = open_window(qtbot, project_path)
        try:
            window.finish_start()
            qtbot.wait(20)
            assert SHORT_SCREEN.contains(window.frameGeometry()), window.frameGeometry()
            height = window.height()
            label_first_candidate(qtbot, window)
            qtbot.wait(100)
            assert window.claim_model.rowCount() == 1
            # No extra row: the colours show their keys only, on the row they had.
            assert window.height() == height, window.legend.minimumSizeHint()
            assert not laid_over(window.legend)
            assert SHORT_SCREEN.contains(window.frameGeometry()), window.frameGeometry()
            bar = window.statusBar()
            assert SHORT_SCREEN.contains(QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size()))
            window.move(window.x(), 20)  # made taller where it stands, as a taller minimum does
            qtbot.waitUntil(lambda: window.y() == 20)
            window.resize(window.width(), SHORT_SCREEN.height() - 10)
            qtbot.waitUntil(lambda: SHORT_SCREEN.contains(window.frameGeometry()))
        finally:
            window.close()


def test_smaller_text_again_brings_back_a_list_larger_text_folded(
    qtbot: QtBot, narrow_window: MainWindow
) -> None:
    """Three Ctrl++ on a 683 px window folded the list; three Ctrl+- left it folded beside 41
    characters a line until Ctrl+L, though the text had its 24 beside it again: the list came
    back only with `ROOMY_COLUMNS` beside it, more than the window opened with. A list the
    person folded with Ctrl+L stays folded."""
    window = narrow_window
    action = window.registry["article_list"]
    sizes, font_size = window.splitter.sizes(), window.view.font_size
    steps = 0
    while window.splitter.sizes()[0] > 0:
        press_ctrl(qtbot, window, Qt.Key.Key_Plus)
        steps += 1
        assert steps < 10, window.splitter.sizes()
    for _ in range(steps):
        press_ctrl(qtbot, window, Qt.Key.Key_Minus)
    assert window.view.font_size == font_size
    assert window.splitter.sizes() == sizes
    assert action.isChecked() and window.articles.isEnabled()
    assert line_characters(window) >= 23, window.splitter.sizes()

    press_ctrl(qtbot, window, Qt.Key.Key_L)  # the person's folding: theirs, whatever the text's size
    for key in [Qt.Key.Key_Plus] * steps + [Qt.Key.Key_Minus] * steps:
        press_ctrl(qtbot, window, key)
    assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
    assert not action.isChecked()


def test_with_twice_the_text_the_window_fits_a_short_screen_with_its_title_bar(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With twice the desktop's font on a 1366x768 laptop at 200% (683x384 with the title bar)
    the legend kept its claim colours whole, "3 Questionable" a row of its own beside a first
    claim: four rows, and the window's least height came to 391 px under X (323 here). Short of
    room, the colours show their keys only, on one row, their names in their tooltips."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: HALF_LAPTOP)
    with larger_font(2):
        window = open_window(qtbot, project_path)
        try:
            window.finish_start()
            qtbot.wait(20)
            label_first_candidate(qtbot, window)
            qtbot.wait(50)
            legend = window.legend
            row = legend.more_button.sizeHint().height() + 2
            assert legend.minimumSizeHint().height() <= 2 * row + 12, legend.minimumSizeHint()
            # X's scroll bars at this font are twice as tall as these, and so is the article's
            # least height: with a title bar of 30 the window must fit 384.
            least = window.minimumSizeHint().height() + window.view.minimumSizeHint().height()
            assert least + 30 <= 384, window.minimumSizeHint()
            named = window.centre.minimumSizeHint().width()
            window.resize(window.width(), window.minimumSizeHint().height())  # as short as it goes
            qtbot.waitUntil(lambda: window.height() == window.minimumSizeHint().height())
            qtbot.wait(50)
            chips = [legend.claim_chip(label) for label in ClaimLabel]
            assert all(chip.isVisible() for chip in chips)
            assert len({chip.geometry().top() for chip in chips}) == 1, [c.geometry() for c in chips]
            for label, chip in zip(ClaimLabel, chips, strict=True):
                assert chip.text() == label.key
                assert label.text in chip.toolTip() and label.text in chip.accessibleName()
            assert not laid_over(legend)
            assert window.centre.minimumSizeHint().width() == named  # the column keeps its least width
        finally:
            window.close()


def test_with_room_the_claim_colours_keep_their_names(qtbot: QtBot, narrow_window: MainWindow) -> None:
    """A 683x368 window at the desktop's font has room for the colours' names."""
    legend = narrow_window.legend
    for label in ClaimLabel:
        assert legend.claim_chip(label).text() == f"{label.key} {label.text}"


def test_a_folded_list_leaves_the_window_as_short_as_the_text_and_the_claims_let_it(
    qtbot: QtBot, project_path: Path, narrow_screen: QRect
) -> None:
    """The list folded for twice the desktop's font kept its least height (its search box, its
    two filters and a few rows: 292 px under X) as the window's: 358 px, taller than a 768 px
    screen at 200% leaves below a title bar, though the text and the claims needed 235."""
    with larger_font(2):
        window = open_window(qtbot, project_path)
        try:
            window.finish_start()
            qtbot.wait(20)
            label_first_candidate(qtbot, window)
            splitter = window.splitter
            assert splitter.sizes()[0] == 0, splitter.sizes()
            shown = max(part.minimumSizeHint().height() for part in (window.centre, window.claims))
            assert splitter.minimumSizeHint().height() <= shown + 2 * splitter.frameWidth()
            press_ctrl(qtbot, window, Qt.Key.Key_F)  # shown for a search: its least height counts again
            qtbot.wait(50)
            assert splitter.sizes()[0] > 0, splitter.sizes()
            assert splitter.minimumSizeHint().height() >= window.articles.minimumSizeHint().height()
        finally:
            window.close()


def test_smaller_text_again_gives_the_list_and_the_claims_back_their_widths(
    qtbot: QtBot, laptop_window: MainWindow
) -> None:
    """Ctrl++ took the text's lost width from the list and the claims; as many Ctrl+- left them
    so, the list narrowed to its Title and Status columns beside a text wider than it reads
    well, until the person dragged the handles back."""
    window = laptop_window
    splitter = window.splitter
    before = splitter.sizes()
    for _ in range(6):
        press_ctrl(qtbot, window, Qt.Key.Key_Plus)
    larger = splitter.sizes()
    assert larger[0] < before[0] and larger[2] < before[2], (before, larger)
    for _ in range(6):
        press_ctrl(qtbot, window, Qt.Key.Key_Minus)
    after = splitter.sizes()
    assert after[0] == before[0] and after[2] == before[2], (before, larger, after)


def drag_handle(window: MainWindow, to_x: int) -> None:
    """Drag the handle between the list and the text to `to_x` in the splitter, as a mouse does."""
    handle = window.splitter.handle(1)
    grip = handle.rect().center()
    target = handle.mapFrom(window.splitter, QPoint(to_x, grip.y()))
    left = Qt.MouseButton.LeftButton
    for kind, at, buttons in (
        (QEvent.Type.MouseButtonPress, grip, left),
        (QEvent.Type.MouseMove, target, left),
        (QEvent.Type.MouseButtonRelease, target, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind,
            QPointF(at),
            QPointF(handle.mapToGlobal(at)),
            left,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(handle, event)


@pytest.mark.parametrize("folded_by", ["Ctrl+L", "the handle"])
@pytest.mark.parametrize("width", [300, 520])
def test_the_list_comes_back_at_the_width_it_had_before_it_was_folded(
    qtbot: QtBot, laptop_window: MainWindow, folded_by: str, width: int
) -> None:
    """Folded and shown again, the list came back about 185 px wide, its Title and Status columns
    only, whatever width the person had given it: the hidden columns counted for nothing in the
    width it was shown at."""
    window = laptop_window
    splitter = window.splitter
    drag_handle(window, width)
    qtbot.wait(20)
    before = splitter.sizes()
    assert abs(before[0] - width) <= 4, before
    header = window.articles.list.header()
    columns = [column for column in range(header.count()) if not header.isSectionHidden(column)]
    if folded_by == "Ctrl+L":
        press_ctrl(qtbot, window, Qt.Key.Key_L)
    else:
        drag_handle(window, 0)
        qtbot.wait(20)
    assert splitter.sizes()[0] == 0, splitter.sizes()
    assert not window.registry["article_list"].isChecked()
    press_ctrl(qtbot, window, Qt.Key.Key_L)
    after = splitter.sizes()
    assert abs(after[0] - before[0]) <= 4 and abs(after[2] - before[2]) <= 4, (before, after)
    assert [column for column in range(header.count()) if not header.isSectionHidden(column)] == columns


def test_a_list_folded_at_the_last_close_comes_back_with_every_column(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown again after a restart, it comes back at its width at the fold, here the width a
    first start gives it. Folded, its Source and Claims columns had given way, and that width
    counted them for nothing: Title and Status, about 190 px."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = reopen(qtbot, project_path)
    first = window.splitter.sizes()[0]
    press_ctrl(qtbot, window, Qt.Key.Key_L)
    window.close()
    window = reopen(qtbot, project_path)
    try:
        assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
        press_ctrl(qtbot, window, Qt.Key.Key_L)
        assert abs(window.splitter.sizes()[0] - first) <= 4, (first, window.splitter.sizes())
        header = window.articles.list.header()
        assert not any(header.isSectionHidden(column) for column in range(header.count()))
    finally:
        window.close()


@pytest.mark.parametrize("width", [300, 520])
def test_a_list_folded_at_the_last_close_comes_back_at_the_width_it_had(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """Folded, closed and reopened, the list came back at the width a first start gives it,
    not the one the person had dragged it to: that was kept within one run only."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = reopen(qtbot, project_path)
    drag_handle(window, width)
    qtbot.wait(20)
    before = window.splitter.sizes()[0]
    assert abs(before - width) <= 4, window.splitter.sizes()
    press_ctrl(qtbot, window, Qt.Key.Key_L)
    assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
    window.close()
    window = reopen(qtbot, project_path)
    try:
        assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
        press_ctrl(qtbot, window, Qt.Key.Key_L)
        assert abs(window.splitter.sizes()[0] - before) <= 4, (before, window.splitter.sizes())
    finally:
        window.close()


@pytest.mark.parametrize(
    "stored", [None, "-300", "0", "99999999999", "wide", "300.5", "9" * 5000, ["300", "400"]]
)
def test_a_width_at_the_fold_the_window_cannot_use_is_left_out_of_the_start(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch, stored: object
) -> None:
    """An older window file has no width at the fold, and a hand-edited or damaged one may hold
    anything: the window starts, and the list comes back as a first start shows it."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    window = reopen(qtbot, project_path)
    first = window.splitter.sizes()[0]
    drag_handle(window, 520)
    qtbot.wait(20)
    press_ctrl(qtbot, window, Qt.Key.Key_L)
    window.close()
    settings = window_settings()
    settings.remove("listWidth")
    if stored is not None:
        settings.setValue("listWidth", stored)
    settings.sync()
    window = reopen(qtbot, project_path)
    try:
        assert window.splitter.sizes()[0] == 0, window.splitter.sizes()
        press_ctrl(qtbot, window, Qt.Key.Key_L)
        assert abs(window.splitter.sizes()[0] - first) <= 4, (first, window.splitter.sizes())
    finally:
        window.close()
