"""The main window's panes with a larger font on a 1366x768 laptop, with no stored window state.

The list took its font-scaled preferred width and the claims paid for it: at 1.5x with the
suggestions panel the claim column was a word a line, at 2x the window was wider than the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from tests.ui.conftest import larger_font, open_window, wait_listed

READABLE = 20  # average characters of the claim a line, where the text has its readable width
NARROW = 10  # at least, when the text took the width first (`ClaimPanel.NARROW_CLAIM_CHARACTERS`)
TEXT_READABLE = 45  # average characters of the text a line, before the claims' 20 (`READABLE_COLUMNS`)
LIST_SHARE = 1 / 3  # of the panes' width, for the article list at most (`geometry.LIST_SHARE`)


def assert_shared_sensibly(window: MainWindow, screen: QRect) -> None:
    assert screen.contains(window.frameGeometry()), (window.frameGeometry(), window.minimumSizeHint())
    listed, text, claims = window.splitter.sizes()
    character = window.claim_list.fontMetrics().averageCharWidth()
    claim_column = window.claim_list.header().sectionSize(1)
    assert claim_column >= NARROW * character, (window.splitter.sizes(), claim_column)
    if claim_column < READABLE * character:  # the claims gave way to the text, and only for it
        at_least = claims == window.claims.minimumSizeHint().width()
        list_least = listed == window.articles.minimumSizeHint().width()
        readable = text >= window.view.column_width(TEXT_READABLE)
        assert readable or (at_least and list_least), (window.splitter.sizes(), claim_column)
    assert claims >= claim_column
    assert not window.claim_list.horizontalScrollBar().isVisible()  # "By" whole, nothing to scroll
    assert listed <= window.splitter.width() * LIST_SHARE + 1, window.splitter.sizes()
    assert text >= window.centre.minimumSizeHint().width()


@pytest.mark.parametrize("factor", [1.5, 2])
def test_a_first_window_with_larger_text_leaves_the_claims_readable(
    qtbot: QtBot, project_path: Path, laptop_screen: QRect, factor: float
) -> None:
    with larger_font(factor):
        window = open_window(qtbot, project_path)
        try:
            qtbot.waitUntil(lambda: window.claim_list.header().sectionSize(1) > 0)
            assert_shared_sensibly(window, laptop_screen)
        finally:
            window.close()


@pytest.mark.parametrize("factor", [1, 1.5, 2])
def test_the_suggestions_panel_leaves_the_claims_readable_and_the_window_on_the_screen(
    qtbot: QtBot, project_path: Path, laptop_screen: QRect, factor: float
) -> None:
    with larger_font(factor):
        window = open_window(qtbot, project_path)
        try:
            window.finish_start()
            window.registry["suggestions_panel"].trigger()  # Suggestions ▸ Suggestions Panel
            dock = window.suggestions.dock
            qtbot.waitUntil(lambda: dock.isVisible() and not window.suggestions.panel.loading)
            qtbot.wait(50)  # the panel's rows laid out
            assert dock.geometry().right() < window.width()
            assert_shared_sensibly(window, laptop_screen)
            text = window.splitter.sizes()[1]
            if factor == 1:  # room enough: the text keeps a third of what the panel leaves
                assert text >= window.splitter.width() // 3
        finally:
            window.close()


def test_with_twice_the_text_and_the_suggestions_panel_the_list_gives_way_only_to_the_text(
    qtbot: QtBot, project_path: Path, laptop_screen: QRect
) -> None:
    """The text pane's minimum was the no-project page's (its heading and two buttons, 397 px at
    2x), which the reading column does not need: the article list was cut to its own minimum
    (208 px, titles of a few letters) to pay for it. The list now gives way only while the
    reading column is narrower than its readable width."""
    with larger_font(2):
        window = open_window(qtbot, None)
        try:
            empty = window.centre.empty.minimumSizeHint().width()
            assert window.centre.minimumSizeHint().width() == empty  # no project: New and Open whole
            window.open_project(project_path)
            wait_listed(qtbot, window)
            window.finish_start()
            reading = window.centre.reading.minimumSizeHint().width()
            assert reading < empty
            assert window.centre.minimumSizeHint().width() == reading
            window.registry["suggestions_panel"].trigger()
            dock = window.suggestions.dock
            qtbot.waitUntil(lambda: dock.isVisible() and not window.suggestions.panel.loading)
            qtbot.wait(50)
            listed, text, _claims = window.splitter.sizes()
            # The list gives way for the text's readable width (up to it, not past), never for the
            # no-project page.
            if listed == window.articles.minimumSizeHint().width():
                assert text <= window.view.column_width(TEXT_READABLE), window.splitter.sizes()
            assert text >= reading
            assert_shared_sensibly(window, laptop_screen)
        finally:
            window.close()
