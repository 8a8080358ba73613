"""Arrow keys in the Suggestions panel show their candidate in the text, as a click does.

The arrows moved the highlight and nothing else: the text and the status line still showed the
row before, and Enter then accepted the highlighted row's suggestion for a sentence the person
had not read in the text (the panel cuts it at the right).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from tests.data.subjectivity import newssd
from tests.ui.conftest import open_window


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """NewsSD sentences with a trained model: 20 unlabelled candidates with suggestions."""
    return newssd.make_trained_project(tmp_path_factory.mktemp("trained") / "p.annotator.db")


@pytest.fixture
def window(qtbot: QtBot, trained: Path, tmp_path: Path) -> Any:
    shown = open_window(qtbot, Path(shutil.copy(trained, tmp_path / "p.annotator.db")), annotator="ana")
    shown.suggestions.panel.threshold.setValue(0)  # type: ignore[attr-defined]
    yield shown
    shown.close()


def _panel(qtbot: QtBot, window: MainWindow) -> Any:
    """Suggestions ▸ Suggestions Panel, as a person opens it, once it has read its rows."""
    window.registry["suggestions_panel"].trigger()
    panel = window.suggestions.panel  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not panel.loading and panel.model.rowCount() == 20, timeout=10_000)
    return panel


def _shown_in_text(window: MainWindow) -> tuple[int, int, int] | None:
    span = window.view.selected_span()
    if span is None or window.article is None:
        return None
    return (window.article.article.id, *span)


def test_down_in_the_panel_shows_the_next_candidate_and_enter_accepts_what_is_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = _panel(qtbot, window)
    first, second = panel.model.items()[:2]
    qtbot.mouseClick(
        panel.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.list.visualRect(panel.model.index(0, 0)).center(),
    )
    assert _shown_in_text(window) == (first.article_id, first.start, first.end)

    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert panel.list.hasFocus()  # the walk goes on with the next arrow
    assert _shown_in_text(window) == (second.article_id, second.start, second.end)
    assert second.suggestion is not None
    assert f"({second.suggestion.confidence:.0%})" in window.statusBar().currentMessage()

    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    assert _shown_in_text(window) == (second.article_id, second.start, second.end)

    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert window.project is not None
    accepted = [(c.article_id, c.start, c.end) for c in window.project.claims(annotator="ana")]
    assert accepted == [(second.article_id, second.start, second.end)]


def test_a_threshold_raised_above_the_suggestion_takes_it_off_the_line_under_the_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The outline went at once, but the line under the text went on saying "Suggested by the
    model: factual (77%)" for a suggestion the panel and Enter now hide, until the caret moved."""
    panel = _panel(qtbot, window)
    first = panel.model.items()[0]
    assert first.suggestion is not None and first.suggestion.confidence < 0.99
    qtbot.mouseClick(
        panel.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.list.visualRect(panel.model.index(0, 0)).center(),
    )
    context = window.findChild(QLabel, "contextLine")
    assert context is not None
    assert f"Suggested by the model: {first.suggestion.label.value}" in context.text()

    panel.threshold.setFocus()
    panel.threshold.selectAll()
    qtbot.keyClicks(panel.threshold, "99")
    assert panel.threshold.value() == 99
    assert window.view.shown_suggestion is None
    assert "Suggested by the model" not in context.text()

    panel.threshold.selectAll()
    qtbot.keyClicks(panel.threshold, "0")
    assert f"Suggested by the model: {first.suggestion.label.value}" in context.text()


def test_after_a_label_key_in_the_panel_the_row_it_moves_to_is_the_one_the_next_key_labels(
    qtbot: QtBot, window: MainWindow
) -> None:
    """1 in the panel labelled the candidate shown; the list, read again, took it off and
    highlighted the next row, but the text still showed the one just labelled, so the next key
    (2 for the highlighted sentence) relabelled that claim and left the highlighted row as it was."""
    panel = _panel(qtbot, window)
    first, second = panel.model.items()[:2]
    qtbot.mouseClick(
        panel.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.list.visualRect(panel.model.index(0, 0)).center(),
    )
    assert _shown_in_text(window) == (first.article_id, first.start, first.end)

    qtbot.keyClick(panel.list, "1")
    qtbot.waitUntil(lambda: not panel.loading and panel.model.rowCount() == 19, timeout=10_000)
    highlighted = panel.current_item()
    assert highlighted is not None and (highlighted.start, highlighted.end) == (second.start, second.end)
    assert _shown_in_text(window) == (second.article_id, second.start, second.end)

    qtbot.keyClick(panel.list, "2")
    assert window.project is not None
    labels = {(c.article_id, c.start, c.end): c.label.value for c in window.project.claims(annotator="ana")}
    assert labels == {
        (first.article_id, first.start, first.end): "factual",
        (second.article_id, second.start, second.end): "opinion",
    }


def test_a_candidate_in_an_article_the_filter_hides_says_the_filter_was_cleared(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The list narrowed to the articles done (none yet), a click on a candidate of another
    article: the filter was cleared to list it without a word, the narrowed list back whole."""
    from annotator.core.model import ArticleStatus

    panel = _panel(qtbot, window)
    assert window.article is not None
    row, item = next(
        (row, item)
        for row, item in enumerate(panel.model.items())
        if item.article_id != window.article.article.id
    )
    window.status_filter.setCurrentIndex(window.status_filter.findData(ArticleStatus.DONE))
    qtbot.waitUntil(lambda: window.article_filter.rowCount() == 0)
    qtbot.mouseClick(
        panel.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.list.visualRect(panel.model.index(row, 0)).center(),
    )
    assert _shown_in_text(window) == (item.article_id, item.start, item.end)
    assert window.status_filter.currentIndex() == 0 and window.article_filter.rowCount() > 0
    said = window.statusBar().currentMessage()
    assert said.startswith("Suggested: ") and ". Cleared the status filter “done” to show “" in said, said
