"""Opening an article pauses Python's cyclic garbage collector, and always starts it again:
the 1 MB article's rows and entities set it off 340 times, three of them over every object
of the process."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from annotator.core.errors import ProjectFileError
from annotator.services.project import Project
from annotator.ui.main_window import MainWindow, collector_paused


def test_the_collector_runs_again_after_the_pause_and_after_an_error() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()


def test_a_pause_inside_another_leaves_the_collector_to_the_outer_one() -> None:
    """The first paint pauses it too (`cli`); an article shown meanwhile does not start it."""
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pauses_in_two_threads_keep_the_collector_paused_until_the_last_ends() -> None:
    """The dashboard's figures pause the collector in a pool thread while the window opens an
    article: the first pause to end started it again while the other still made its objects."""
    first_in, first_out, second_in = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def figures() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    worker = threading.Thread(target=figures)
    worker.start()
    try:
        assert first_in.wait(10)
        with collector_paused():
            second_in.set()
            assert first_out.wait(10)
            seen.append(gc.isenabled())  # the figures are done, the article is not
        seen.append(gc.isenabled())
    finally:
        second_in.set()
        worker.join(10)
    assert seen == [False, True]


def test_an_article_is_read_and_shown_with_the_collector_paused(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = Project.annotated

    def annotated(self: Project, article_id: int) -> Any:
        seen.append(gc.isenabled())
        return real(self, article_id)

    monkeypatch.setattr(Project, "annotated", annotated)
    window.show_article(2)
    assert seen == [False] and gc.isenabled()
    assert window.article is not None and window.article.article.id == 2


def test_the_collector_runs_again_when_an_article_cannot_be_shown(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    def refused(self: Project, article_id: int) -> Any:
        raise ProjectFileError(self.path, "entities row 7: entity status 'maybe' is not one of …")

    monkeypatch.setattr(Project, "annotated", refused)
    with pytest.raises(ProjectFileError):
        window.show_article(2)
    assert gc.isenabled()
