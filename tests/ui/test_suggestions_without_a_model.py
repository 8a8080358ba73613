"""Suggestions stored with no usable model behind them are not shown, nor accepted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project, store_of
from annotator.services.suggestions import article_suggestions
from annotator.ui.suggestions import SuggestionModel
from tests.data.subjectivity import newssd
from tests.ui.conftest import open_window


def test_suggestions_of_a_model_row_that_is_ignored_are_not_shown_or_accepted(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A project file from elsewhere whose model row fails its checks: the model is treated as
    absent, but its suggestions stayed. The panel said "No model yet" above "Opinion? 83%", the
    text outlined them and Enter made them claims."""
    path = newssd.make_trained_project(tmp_path / "p.annotator.db")
    with open_project(path) as project:
        new_id = project.article_ids()[-1]  # an unlabelled article, with suggestions
        best = max(article_suggestions(project, new_id), key=lambda s: s.confidence)
        store = store_of(project)
        with store.transaction():
            store.conn.execute("UPDATE claim_models SET labels = '[\"bogus\"]'")
    window = open_window(qtbot, path, annotator="ana")
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        feature = window.suggestions
        feature.dock.show()
        panel = feature.panel
        qtbot.waitUntil(lambda: not panel.loading and panel.model.rowCount() > 0, timeout=10_000)
        assert "cannot be used" in panel.summary.text()
        labels = {
            panel.model.index(row, SuggestionModel.LABEL).data() for row in range(panel.model.rowCount())
        }
        assert labels == {"—"}
        window.select_article(new_id)
        qtbot.waitUntil(lambda: window.article is not None and window.article.article.id == new_id)
        window.view.setFocus()
        window.view.select_span(best.start, best.end)
        assert window.view.shown_suggestion is None
        qtbot.keyClick(window.view, Qt.Key.Key_Return)
        assert window.project is not None
        assert window.project.claims(new_id) == []
        assert "cannot be used until you train again" in window.statusBar().currentMessage()
    finally:
        window.close()
