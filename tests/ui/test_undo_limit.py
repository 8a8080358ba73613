"""The undo history keeps its last `UNDO_LIMIT` steps: a day's edits do not all stay in memory,
and the steps it forgets stay saved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.ui import undo
from tests.ui.conftest import make_project, open_window, select_words, wait_listed, wikinews_texts

LIMIT = 4
MORE = 3
CTRL = Qt.KeyboardModifier.ControlModifier


def test_undo_takes_back_the_last_limit_steps_and_the_older_stay_saved(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(undo, "UNDO_LIMIT", LIMIT)
    window = open_window(qtbot, make_project(tmp_path / "a.annotator.db", wikinews_texts()))
    view = window.view
    starts = [m.start() for m in re.finditer(r"\b[A-Za-z]{4,}\b", view.text[:3000])][::4][: LIMIT + MORE]
    labels = [ClaimLabel.FACTUAL, ClaimLabel.OPINION, ClaimLabel.QUESTIONABLE]
    keys = {
        ClaimLabel.FACTUAL: Qt.Key.Key_1,
        ClaimLabel.OPINION: Qt.Key.Key_2,
        ClaimLabel.QUESTIONABLE: Qt.Key.Key_3,
    }
    made: list[tuple[int, ClaimLabel]] = []
    for n, start in enumerate(starts):
        select_words(qtbot, window, start, 2)
        label = labels[n % 3]
        qtbot.keyClick(view, keys[label])
        made.append((start, label))
    project = window.project
    assert project is not None and window.article is not None
    article_id = window.article.article.id

    def saved() -> list[tuple[int, ClaimLabel]]:
        return sorted((c.start, c.label) for c in project.claims(article_id, annotator="tester"))

    assert saved() == made

    for _ in range(LIMIT + MORE):  # more than it can take back
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert not window.undo_stack.canUndo()
    assert saved() == made[:MORE]  # the forgotten steps were never undone

    for _ in range(LIMIT):
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert saved() == made
    window.close()


def test_the_limit_holds_for_the_next_project(qtbot: QtBot, tmp_path: Path) -> None:
    """Qt takes a limit only while the stack is empty; the window's is set once and kept by `clear`."""
    window = open_window(qtbot, make_project(tmp_path / "a.annotator.db", wikinews_texts()))
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    window.open_project(make_project(tmp_path / "b.annotator.db", wikinews_texts()))
    assert window.undo_stack.count() == 0
    assert window.undo_stack.undoLimit() == undo.UNDO_LIMIT
    window.close()


FORGOTTEN = f"Undo keeps the last {LIMIT:,} steps; older ones can no longer be undone."


def test_the_first_step_forgotten_is_told_once_per_opening(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt forgot the oldest step beyond the limit without a word: the status bar says so at the
    first step forgotten, after the key's own message, and not at each one after; a project
    opened next says it again."""
    monkeypatch.setattr(undo, "UNDO_LIMIT", LIMIT)
    window = open_window(qtbot, make_project(tmp_path / "a.annotator.db", wikinews_texts()))
    said: list[str] = []
    window.undo_stack.said.connect(said.append)
    starts = iter([m.start() for m in re.finditer(r"\b[A-Za-z]{4,}\b", window.view.text[:3000])][::4])

    def label_next() -> None:
        select_words(qtbot, window, next(starts), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        qtbot.wait(1)  # what the key left for the event loop

    for _ in range(LIMIT):
        label_next()
    assert FORGOTTEN not in said and window.undo_stack.count() == LIMIT
    label_next()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == FORGOTTEN)
    for _ in range(MORE):
        label_next()
    assert said.count(FORGOTTEN) == 1
    assert window.undo_stack.count() == LIMIT
    window.open_project(make_project(tmp_path / "b.annotator.db", wikinews_texts()))
    wait_listed(qtbot, window)
    for _ in range(LIMIT + 1):
        label_next()
    qtbot.waitUntil(lambda: said.count(FORGOTTEN) == 2)
    window.close()
