"""A project whose articles were never pre-annotated gets highlights when it is opened."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.services.project import store_of
from tests.ui.conftest import make_project, open_window, wikinews_texts


@pytest.mark.model
def test_opening_an_unannotated_project_pre_annotates_it_in_the_background(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = make_project(tmp_path / "fresh.annotator.db", wikinews_texts()[:1], analyse=False)
    window = open_window(qtbot, path)
    try:
        assert window.busy  # started by opening, not by a key press
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=180_000)
        assert window.article is not None and window.article.entities
        assert window.model_label.text().startswith("model: ")
    finally:
        window.close()
    with open_project(path) as project:
        assert project.articles_needing_analysis() == []


def test_an_annotated_project_starts_no_work(qtbot: QtBot, project_path: Path) -> None:
    window = open_window(qtbot, project_path)
    try:
        assert not window.busy
    finally:
        window.close()


def _rules_project(path: Path) -> Path:
    """Articles pre-annotated by the rules standing in for a missing model (as a first run
    without the model does), with an annotator's claim in the first."""
    from annotator.nlp import FALLBACK_NAME, load_pipeline
    from annotator.services.preannotate import preannotate

    make_project(path, wikinews_texts(), analyse=False)
    missing = dataclasses.replace(load_pipeline(FALLBACK_NAME), warning="No trained spaCy model is installed")
    with open_project(path) as project:
        assert preannotate(project, pipeline=missing).analysed == 2
        first = project.article_ids()[0]
        project.add_claim(first, 0, 26, "factual", annotator="tester")
    return path


@pytest.mark.model
def test_once_the_model_is_installed_opening_redoes_what_the_rules_did(qtbot: QtBot, tmp_path: Path) -> None:
    """The fallback told the person to install the model; they did, and reopen the project."""
    path = _rules_project(tmp_path / "rules.annotator.db")
    with open_project(path) as project:
        [claim] = project.claims(project.article_ids()[0])
        text = project.article(claim.article_id).text
    messages: list[str] = []
    window = open_window(qtbot, path)
    try:
        window.status_bar.messageChanged.connect(messages.append)
        assert window.busy  # started by opening, in the background, with its progress and cancel
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=180_000)
        assert window.article is not None and window.article.pipeline is not None
        assert window.article.pipeline.name.startswith("en_core_web_sm")  # the article being read too
        assert window.model_label.text() == "model: small English"
        assert any("2 articles pre-annotated again with the small English model" in m for m in messages), (
            messages
        )
    finally:
        window.close()
    with open_project(path) as project:
        assert store_of(project).articles_analysed_by("blank:en") == []
        # The person's claim is untouched: same span, same text.
        [after] = project.claims(claim.article_id)
        assert (after.start, after.end, after.label) == (claim.start, claim.end, claim.label)
        assert (
            project.article(after.article_id).text[after.start : after.end] == text[claim.start : claim.end]
        )
