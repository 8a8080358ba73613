"""The first keys a person presses while a project is still being pre-annotated say what is
happening, not what to do about it: the sample project of a first start is pre-annotated while
the person reads, and J there said "pre-annotate it first", the next label key "press J"."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui import services_bridge
from annotator.ui.workers import Work
from tests.ui.conftest import make_project, open_window, select_words, wikinews_texts


def test_j_during_the_first_pre_annotation_says_the_candidates_are_coming(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = threading.Event()

    def held(_project_path: Path) -> Work:
        def work(_progress: ProgressFn, cancel: CancelFn) -> Any:
            while not released.wait(0.05):
                if cancel():
                    return None
            return None

        return work

    monkeypatch.setattr(services_bridge, "preannotate_opened_work", held)
    path = make_project(tmp_path / "fresh.annotator.db", wikinews_texts()[:1], analyse=False)
    window = open_window(qtbot, path)
    try:
        assert window.preannotating and window.article is not None and not window.article.candidates
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        said = window.statusBar().currentMessage()
        assert said.startswith("Candidate sentences come when pre-annotation is done")
        assert "pre-annotate it first" not in said
        select_words(qtbot, window, 0, 2)  # what the message offers works meanwhile
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        assert window.project is not None
        assert [c.label.value for c in window.project.claims(window.article.article.id)] == ["factual"]
    finally:
        released.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        window.close()


def test_j_with_no_candidates_and_nothing_running_still_says_to_pre_annotate(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services_bridge, "preannotate_available", lambda: False)
    path = make_project(tmp_path / "plain.annotator.db", wikinews_texts()[:1], analyse=False)
    window = open_window(qtbot, path)
    try:
        assert not window.preannotating and window.article is not None
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        assert "pre-annotate it first" in window.statusBar().currentMessage()
    finally:
        window.close()
