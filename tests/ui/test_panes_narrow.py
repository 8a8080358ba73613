"""The main window's panes on a narrow screen: the article's text gets the width first.

A 1366x768 laptop at 200% is 683x384 logical pixels. The list kept a third of the panes and
the claims their readable width (an empty column a third of the window wide), so the text
had 20 characters a line, and 11 once the first claim was labelled.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from annotator.ui.geometry import CLAIMS_SHARE, LIST_SHARE, window_settings
from annotator.ui.main_window import MainWindow
from annotator.ui.reading import DOCUMENT_MARGIN
from tests.ui.conftest import LAPTOP, open_window

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


def test_a_folded_article_list_gives_the_text_its_width(qtbot: QtBot, narrow_window: MainWindow) -> None:
    """With the suggestions panel too the text is at its least: the list folds away by its handle."""
    window = narrow_window
    show_suggestions(qtbot, window)
    assert HALF_LAPTOP.contains(window.frameGeometry()), window.frameGeometry()
    before = line_characters(window)
    listed, text, claims = window.splitter.sizes()
    window.splitter.setSizes([0, listed + text, claims])  # as dragging the list's handle left does
    qtbot.wait(20)
    assert window.splitter.sizes()[0] == 0
    assert line_characters(window) >= before + 15, window.splitter.sizes()
    window.suggestions.dock.hide()
    show_suggestions(qtbot, window)  # the panes shared again: the list stays folded
    assert window.splitter.sizes()[0] == 0


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
    finally:
        window.close()


def reopen(qtbot: QtBot, project_path: Path, *, forget_place: bool = False) -> MainWindow:
    """A new window on the stored state, as the next start opens."""
    if forget_place:  # as Qt does with a place saved on a screen of another size
        stored = window_settings()
        stored.remove("geometry")
        stored.sync()
    window = open_window(qtbot, project_path)
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
