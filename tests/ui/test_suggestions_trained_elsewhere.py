"""A model trained in another window or program reaches the article this window shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project
from annotator.services.suggestions import TrainOptions, article_suggestions, train_claim_model
from tests.data.subjectivity import newssd
from tests.ui.conftest import open_window


def test_a_model_trained_elsewhere_is_outlined_in_the_article_shown_and_enter_takes_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Trained by another window (or `annotator train`) while this one showed an unlabelled
    article: the text outlined no suggestion until another article was opened, while Enter
    accepted the new model's label, which the text had never shown."""
    path = newssd.make_project(tmp_path / "p.annotator.db")
    with open_project(path) as project:
        new_id = project.article_ids()[-1]  # one of the unlabelled articles
    window = open_window(qtbot, path, annotator="ana")
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.select_article(new_id)
        qtbot.waitUntil(lambda: window.article is not None and window.article.article.id == new_id)
        with open_project(path) as project:  # the other window's training
            train_claim_model(project, options=TrainOptions())
            best = max(article_suggestions(project, new_id), key=lambda s: s.confidence)
        assert best.confidence >= 0.6  # above the window's threshold
        window.project_watch.check()  # the watch's next look
        window.view.setFocus()
        window.view.select_span(best.start, best.end)
        shown = window.view.shown_suggestion
        assert shown is not None and (shown.start, shown.end, shown.label) == (
            best.start,
            best.end,
            best.label,
        )
        qtbot.keyClick(window.view, Qt.Key.Key_Return)
        assert window.project is not None
        claims = window.project.claims(new_id)
        assert [(c.start, c.end, c.label, c.annotator) for c in claims] == [
            (best.start, best.end, best.label, "ana")
        ]
    finally:
        window.close()


def test_the_open_train_dialog_shows_a_model_trained_elsewhere_as_the_current_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Opened on model 1, the dialog went on showing its figure as "the current model" after
    another window trained model 2, whose suggestions the panel already showed."""
    path = newssd.make_trained_project(tmp_path / "p.annotator.db")
    window = open_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        dialog = window.suggestions.open_train_dialog()
        assert dialog is not None
        assert "claims-classifier-1" in dialog.headline.text()
        with open_project(path) as project:  # the other window's training
            newer = train_claim_model(project, options=TrainOptions(held_out_fraction=0.3))
        window.project_watch.check()  # the watch's next look
        qtbot.waitUntil(lambda: "claims-classifier-2" in dialog.headline.text(), timeout=10_000)
        assert f"{newer.evaluation.n_eval} claims" in dialog.headline.text()
        assert "another window or program" in dialog.status.text()
        dialog.close()
    finally:
        window.close()
