"""Random sessions in one window: label, relabel, note and delete, with Ctrl+Z and Ctrl+Y between.

After every key the file holds what the person's history says it should: the claims of the
step the history stands at, no more and no less, and taking back every step returns the file
to where the session started.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleStatus, ClaimLabel
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, select_words, wait_listed, wikinews_texts

CTRL = Qt.KeyboardModifier.ControlModifier
LABEL_KEYS = {
    ClaimLabel.FACTUAL: Qt.Key.Key_1,
    ClaimLabel.OPINION: Qt.Key.Key_2,
    ClaimLabel.QUESTIONABLE: Qt.Key.Key_3,
}
SLOTS = 4
"""Places a claim can be in each article: runs of two words, three words apart."""
NOTES = ("", "check the count", "source?")

Held = tuple[ClaimLabel, str] | None
"""A slot's claim (label and note), or none."""


@dataclass(frozen=True)
class Expected:
    """What the file should hold at one step of the history, article by article."""

    claims: tuple[tuple[Held, ...], ...]
    status: tuple[ArticleStatus, ...]

    def put(self, article: int, slot: int, claim: Held) -> Expected:
        claims = [list(row) for row in self.claims]
        claims[article][slot] = claim
        status = list(self.status)
        if claim is not None and status[article] is ArticleStatus.NEW:
            status[article] = ArticleStatus.IN_PROGRESS  # the first claim starts the article
        elif claim is None and status[article] is ArticleStatus.IN_PROGRESS and not any(claims[article]):
            status[article] = ArticleStatus.NEW  # deleting the last one puts it back, unless done
        return replace(self, claims=tuple(tuple(row) for row in claims), status=tuple(status))

    def done(self, article: int) -> Expected:
        status = list(self.status)
        status[article] = ArticleStatus.DONE
        return replace(self, status=tuple(status))


class OneWindow(RuleBasedStateMachine):
    """The history as a list of expected states and the step it stands at, as `QUndoStack`.

    The keys act on the article shown, whichever it is: D, and an undo or redo of an edit made
    in the other article, open the other one."""

    def __init__(self, qtbot: QtBot, window: MainWindow, new_path: Callable[[], Path]) -> None:
        super().__init__()
        self.qtbot, self.window = qtbot, window
        window.open_project(make_project(new_path(), wikinews_texts()))
        wait_listed(qtbot, window)  # D opens the next article of the list
        # The events of the wait end the activation the last session's closed dialogs had
        # left pending: the keys are the active window's.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        project = window.project
        assert project is not None
        articles = project.articles()
        self.ids = [summary.id for summary in articles]
        self.starts: list[list[int]] = []
        for article_id in self.ids:
            text = project.article(article_id).text
            words = [m.start() for m in re.finditer(r"\b[A-Za-z]{3,}\b", text[:2000])]
            self.starts.append([words[3 * i] for i in range(SLOTS)])
        self.history = [
            Expected(
                tuple((None,) * SLOTS for _ in self.ids),
                tuple(project.article(article_id).status for article_id in self.ids),
            )
        ]
        self.at = 0

    # -- the person's keys ------------------------------------------------------------------

    @property
    def shown(self) -> int:
        """Which article the window shows (0 or 1)."""
        assert self.window.article is not None
        return self.ids.index(self.window.article.article.id)

    @property
    def now(self) -> Expected:
        return self.history[self.at]

    def _key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.window.view.setFocus()
        self.qtbot.keyClick(self.window.view, key, modifiers)

    def _caret_in(self, slot: int) -> None:
        self.window.view.setFocus()
        self.window.view.scroll_to(self.starts[self.shown][slot] + 1)

    def _edited(self, expected: Expected) -> None:
        self.history[self.at + 1 :] = [expected]
        self.at += 1

    def _held(self, pick: int) -> int:
        """One of the shown article's slots holding a claim."""
        held = [slot for slot, claim in enumerate(self.now.claims[self.shown]) if claim is not None]
        return held[pick % len(held)]

    def _any_held(self) -> bool:
        return any(self.now.claims[self.shown])

    @rule(slot=st.integers(0, SLOTS - 1), label=st.sampled_from(list(ClaimLabel)))
    def label_selection(self, slot: int, label: ClaimLabel) -> None:
        """Select the slot's words and press a label key: a new claim, or a relabel of the
        person's claim there."""
        select_words(self.qtbot, self.window, self.starts[self.shown][slot], 2)
        self._key(LABEL_KEYS[label])
        self._labelled(slot, label)

    @precondition(_any_held)
    @rule(pick=st.integers(0, SLOTS - 1), label=st.sampled_from(list(ClaimLabel)))
    def label_at_caret(self, pick: int, label: ClaimLabel) -> None:
        slot = self._held(pick)
        self._caret_in(slot)
        self._key(LABEL_KEYS[label])
        self._labelled(slot, label)

    def _labelled(self, slot: int, label: ClaimLabel) -> None:
        held = self.now.claims[self.shown][slot]
        if held is None:
            self._edited(self.now.put(self.shown, slot, (label, "")))
        elif held[0] is not label:
            self._edited(self.now.put(self.shown, slot, (label, held[1])))

    @precondition(_any_held)
    @rule(pick=st.integers(0, SLOTS - 1), note=st.sampled_from(NOTES))
    def write_note(self, pick: int, note: str) -> None:
        slot = self._held(pick)
        held = self.now.claims[self.shown][slot]
        assert held is not None
        self._caret_in(slot)
        self._key(Qt.Key.Key_N)
        dialog = self.window.labelling.note_dialog
        assert dialog.isVisible()
        self.qtbot.keyClick(dialog.edit, Qt.Key.Key_A, CTRL)
        if note:
            self.qtbot.keyClicks(dialog.edit, note)
        else:
            self.qtbot.keyClick(dialog.edit, Qt.Key.Key_Backspace)
        self.qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, CTRL)
        if note != held[1]:
            self._edited(self.now.put(self.shown, slot, (held[0], note)))

    @precondition(_any_held)
    @rule(pick=st.integers(0, SLOTS - 1))
    def delete(self, pick: int) -> None:
        slot = self._held(pick)
        self._caret_in(slot)
        self._key(Qt.Key.Key_Delete)
        self._edited(self.now.put(self.shown, slot, None))

    @rule()
    def mark_done(self) -> None:
        """D: this article done, and the next one opens; on an article done already, no step."""
        shown = self.shown
        self._key(Qt.Key.Key_D)
        if self.now.status[shown] is not ArticleStatus.DONE:
            self._edited(self.now.done(shown))

    @rule()
    def open_the_other_article(self) -> None:
        self.window.select_article(self.ids[1 - self.shown])

    @rule()
    def undo(self) -> None:
        self._key(Qt.Key.Key_Z, CTRL)
        self.at = max(self.at - 1, 0)

    @rule()
    def redo(self) -> None:
        self._key(Qt.Key.Key_Y, CTRL)
        self.at = min(self.at + 1, len(self.history) - 1)

    @rule()
    def undo_everything_then_redo_it(self) -> None:
        """N edits, N times Ctrl+Z: the file is as the session found it; N times Ctrl+Y: as left."""
        steps = self.at
        for _ in range(steps):
            self._key(Qt.Key.Key_Z, CTRL)
        self.at = 0
        self.file_holds_the_step_the_history_stands_at()
        for _ in range(steps):
            self._key(Qt.Key.Key_Y, CTRL)
        self.at = steps

    # -- what must hold -----------------------------------------------------------------------

    @invariant()
    def file_holds_the_step_the_history_stands_at(self) -> None:
        window = self.window
        assert not [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
        project = window.project
        assert project is not None
        for index, article_id in enumerate(self.ids):
            saved: list[Held] = [None] * SLOTS
            claims = project.claims(article_id)
            for claim in claims:
                slot = max(i for i, first in enumerate(self.starts[index]) if first <= claim.start)
                assert saved[slot] is None, f"two claims at slot {slot}: {claims}"
                saved[slot] = (claim.label, claim.note)
            assert tuple(saved) == self.now.claims[index]
            assert project.article(article_id).status is self.now.status[index]
        assert window.article is not None
        shown = window.article
        assert shown.article.status is self.now.status[self.shown]  # what the next key decides from
        assert window.claim_model.rowCount() == len(project.claims(shown.article.id))
        assert window.undo_stack.index() == self.at

    def teardown(self) -> None:
        """The next session starts in the same window: nothing of this one may be left open."""
        for box in self.window.findChildren(QMessageBox):
            box.close()
        self.window.close_project()


def test_undo_and_redo_in_random_sessions_keep_the_file_as_the_history_says(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, None)
    numbers = itertools.count()
    try:
        run_state_machine_as_test(
            lambda: OneWindow(qtbot, window, lambda: tmp_path / f"session{next(numbers)}.db"),
            settings=settings(
                max_examples=40,
                stateful_step_count=30,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            ),
        )
    finally:
        window.close()
