"""The main window's panes on a narrow screen: the article's text gets the width first.

A 1366x768 laptop at 200% is 683x384 logical pixels. The list kept a third of the panes and
the claims their readable width (an empty column a third of the window wide), so the text
had about 20 characters a line, and 9 with the suggestions panel open.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from annotator.ui.geometry import CLAIMS_SHARE, LIST_SHARE
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


def test_a_narrow_window_gives_the_text_the_width_first(narrow_window: MainWindow) -> None:
    """20 characters a line before (panes 214, 224, 209 px), 31 after (160, 326, 161)."""
    window = narrow_window
    listed, text, claims = window.splitter.sizes()
    assert line_characters(window) >= 30, window.splitter.sizes()
    assert text > max(listed, claims), window.splitter.sizes()
    assert listed == window.articles.minimumSizeHint().width()
    assert claims <= window.claims.readable_width()  # the claims gave way, down to their least
    assert claims >= window.claims.minimumSizeHint().width()


def test_a_narrow_window_with_the_suggestions_panel_keeps_more_of_the_text(
    qtbot: QtBot, narrow_window: MainWindow
) -> None:
    """9 characters a line before (the text at its minimum, 122 px), 12 after."""
    window = narrow_window
    show_suggestions(qtbot, window)
    assert line_characters(window) >= 12, window.splitter.sizes()
    assert window.splitter.sizes()[1] > window.centre.minimumSizeHint().width()


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
    finally:
        window.close()
