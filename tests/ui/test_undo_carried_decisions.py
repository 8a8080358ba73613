"""Ctrl+Z of a rejection that was carried to the name's other mentions brings them back at once,
and Ctrl+Y takes them away again: the history, not the next opening of an article, decides."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.model import EntityStatus, PipelineInfo
from annotator.nlp import FALLBACK_NAME, load_pipeline
from annotator.services.preannotate import PIPELINE_META_KEY
from annotator.services.project import open_project, store_of
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import hand_analysis, make_project, open_window, wikinews_texts

CTRL = Qt.KeyboardModifier.ControlModifier


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return sorted(db.execute('SELECT article_id, start, "end", label, status, model FROM entities'))


def _pre_annotated_by_the_rules(path: Path) -> Path:
    """The Wikinews articles, pre-annotated as if by the project's pipeline (the rules, which a
    worker loads in a moment): Pre-annotate All finds them up to date and only carries."""
    rules = PipelineInfo(FALLBACK_NAME, load_pipeline(FALLBACK_NAME).info.version)
    make_project(path, wikinews_texts(), analyse=False)
    with open_project(path) as project:
        store_of(project).set_meta(PIPELINE_META_KEY, FALLBACK_NAME)
        store_of(project).save_analyses(
            (i, replace(hand_analysis(project.article(i).text), pipeline=rules))
            for i in project.article_ids()
        )
    return path


def _status(window: MainWindow, article_id: int, start: int) -> EntityStatus | None:
    assert window.project is not None
    return next((e.status for e in window.project.entities(article_id) if e.start == start), None)


def test_undoing_a_carried_rejection_brings_back_the_mentions_it_took_away(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts())
    start_rows = _rows(path)
    window = open_window(qtbot, path)
    assert window.project is not None
    window.select_article(1)
    text = window.project.article(1).text
    assert text.startswith("The Conception", 369)
    assert _status(window, 1, 2520) is EntityStatus.SUGGESTED
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    view.scroll_to(370)
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert _status(window, 1, 369) is EntityStatus.REJECTED
    window.select_article(2)
    window.select_article(1)
    assert _status(window, 1, 2520) is None  # carried: the team rejected the name
    assert window.view.describe(2521) == ""
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    # What the person sees and what the file holds, at once, without opening the article again.
    assert _status(window, 1, 369) is EntityStatus.SUGGESTED
    assert _status(window, 1, 2520) is EntityStatus.SUGGESTED
    assert window.view.describe(2521).endswith("(suggested)")
    assert window.article is not None
    assert window.article.entities == tuple(window.project.entities(1))
    assert _rows(path) == start_rows  # undoing everything gives back the file it began as
    # Redo takes the decision and its carrying back as they were before Ctrl+Z.
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert _status(window, 1, 369) is EntityStatus.REJECTED
    assert _status(window, 1, 2520) is None
    assert window.view.describe(2521) == ""
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _rows(path) == start_rows
    window.close()


def test_a_redo_finds_the_mention_it_names_after_a_look_at_another_article(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """R on one mention, R on the other, Ctrl+Z, a look at the other article and back: the
    opening carries the team's rejection, but not to the mention Ctrl+Y is about to reject."""
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    assert window.project is not None
    window.select_article(1)
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    for start in (369, 2520):
        view.scroll_to(start + 1)
        qtbot.keyClick(view, Qt.Key.Key_R)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _status(window, 1, 2520) is EntityStatus.SUGGESTED
    window.select_article(2)
    window.select_article(1)
    assert _status(window, 1, 2520) is EntityStatus.SUGGESTED
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert window.statusBar().currentMessage().startswith("Redone: ")
    assert _status(window, 1, 2520) is EntityStatus.REJECTED
    assert window.view.describe(2521).endswith("(rejected)")
    assert window.undo_stack.count() == 2
    window.close()


def test_a_redo_finds_the_mention_it_names_after_pre_annotate_all(qtbot: QtBot, tmp_path: Path) -> None:
    """R on one mention, R on the other, Ctrl+Z, Ctrl+P: Pre-annotate All carries the team's
    rejection to every article in the background, but not to the mention Ctrl+Y is about to
    reject, or the redo is refused and the history cleared."""
    path = _pre_annotated_by_the_rules(tmp_path / "p.annotator.db")
    window = open_window(qtbot, path)
    assert window.project is not None
    window.select_article(1)
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    for start in (369, 2520):
        view.scroll_to(start + 1)
        qtbot.keyClick(view, Qt.Key.Key_R)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _status(window, 1, 2520) is EntityStatus.SUGGESTED
    with qtbot.waitSignal(window.events.preannotated, timeout=60_000):
        qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    assert _status(window, 1, 2520) is EntityStatus.SUGGESTED  # an undone edit still names it
    # The job's progress dialog closed, and the offscreen platform gives the window its
    # activation back a moment later: Ctrl+Y, a window shortcut, went nowhere before that.
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert window.statusBar().currentMessage().startswith("Redone: ")
    assert _status(window, 1, 2520) is EntityStatus.REJECTED
    assert window.view.describe(2521).endswith("(rejected)")
    assert window.undo_stack.count() == 2
    window.close()
