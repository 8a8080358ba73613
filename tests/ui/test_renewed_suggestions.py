"""Keys on suggestions that pre-annotation in the background renewed before the window heard.

A model change or Pre-annotate All replaces the shown article's suggestion rows while the
person works in it; the window refreshes when the whole run ends, or never if it is
cancelled. SQLite hands the deleted rows' ids to the new ones, so an id the view holds may
name another entity by then.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.errors import Cancelled
from annotator.core.model import EntityStatus
from annotator.core.progress import CancelFn, ProgressFn
from annotator.services.project import store_of
from annotator.ui import services_bridge as bridge
from annotator.ui.main_window import MainWindow
from annotator.ui.workers import Work
from tests.ui.conftest import hand_analysis


def test_r_on_a_renewed_entity_decides_nothing_else_and_shows_the_article_again(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    assert window.project is not None
    last = window.project.articles()[-1].id  # its suggestions hold the highest ids
    window.select_article(last)
    assert window.article is not None and window.article.article.id == last
    shown = window.article.entities
    # The background run saves this article with another model, which finds one name fewer.
    with open_project(project_path, create=False) as other:
        analysis = hand_analysis(other.article(last).text)
        store_of(other).save_analyses([(last, dataclasses.replace(analysis, entities=analysis.entities[1:]))])
        renewed = other.entities(last)
    assert renewed[0].id == shown[0].id and renewed[0].start != shown[0].start  # the id went to another
    window.view.setFocus()
    for key in (Qt.Key.Key_E, Qt.Key.Key_J, Qt.Key.Key_R):  # R on the first entity as shown
        qtbot.keyClick(window.view, key)
    (box,) = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert box.text().startswith("The entity is not the one shown any more")
    box.close()
    assert [e.status for e in window.project.entities(last)] == [EntityStatus.SUGGESTED] * len(renewed)
    assert window.undo_stack.count() == 0
    # The view shows what is saved, so the next key acts on what the person sees.
    assert window.article.entities == tuple(renewed)
    window.view.setFocus()
    for key in (Qt.Key.Key_J, Qt.Key.Key_R):
        qtbot.keyClick(window.view, key)
    decided = [e for e in window.project.entities(last) if e.status is EntityStatus.REJECTED]
    assert [(e.start, e.end) for e in decided] == [window.view.selected_span()]


def test_a_cancelled_preannotation_shows_what_it_saved_of_the_open_article(
    qtbot: QtBot, project_path: Path, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pre-annotation saves in batches: cancelled after the open article's batch, the window
    kept the highlights (and ids) from before until the person opened another article."""
    assert window.project is not None and window.article is not None
    shown = window.article.article.id

    def work(_project_path: Path, _ids: object, _keep: object = frozenset()) -> Work:
        def run(_progress: ProgressFn, _cancel: CancelFn) -> None:
            with open_project(project_path, create=False) as other:
                analysis = hand_analysis(other.article(shown).text)
                renewed = dataclasses.replace(analysis, entities=analysis.entities[1:])
                store_of(other).save_analyses([(shown, renewed)])
            raise Cancelled("cancelled after the first batch")

        return run

    monkeypatch.setattr(bridge, "preannotate_available", lambda: True)
    monkeypatch.setattr(bridge, "preannotate_work", work)
    window.transfers.preannotate(None)
    qtbot.waitUntil(lambda: not window.busy)
    assert window.article.article.id == shown
    assert window.article.entities == tuple(window.project.entities(shown))


def test_a_cancelled_preannotation_tells_the_suggestions_panel(
    qtbot: QtBot, project_path: Path, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stopped run had saved some batches, whose candidates replaced the panel's rows, but
    only a finished run said so: the panel listed candidates that were gone."""
    told: list[bool] = []
    window.events.preannotated.connect(lambda: told.append(True))

    def work(_project_path: Path, _ids: object, _keep: object = frozenset()) -> Work:
        def run(_progress: ProgressFn, _cancel: CancelFn) -> None:
            raise Cancelled("cancelled after the first batch")

        return run

    monkeypatch.setattr(bridge, "preannotate_available", lambda: True)
    monkeypatch.setattr(bridge, "preannotate_work", work)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    told.clear()  # only what the cancelled run says
    window.transfers.preannotate(None)
    qtbot.waitUntil(lambda: told == [True], timeout=30_000)
    qtbot.waitUntil(lambda: not window.busy, timeout=30_000)
    assert told == [True]
