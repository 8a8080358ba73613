"""A project whose articles were never pre-annotated gets highlights when it is opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator import open_project
from tests.ui.conftest import make_project, open_window, wikinews_texts


@pytest.mark.model
def test_opening_an_unannotated_project_pre_annotates_it_in_the_background(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = make_project(tmp_path / "fresh.annotator.db", wikinews_texts()[:1], analyse=False)
    window = open_window(qtbot, path)
    try:
        assert window.busy  # started by opening, not by a key press
        qtbot.waitUntil(lambda: not window.busy, timeout=180_000)
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
