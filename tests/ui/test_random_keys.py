"""Random keys on the real window, as a tired or hurried person's fingers press them.

Every key the window binds, with Tab, arrows and Escape, sent to whatever has the focus (the
text, a list, a dialog the keys opened, a menu): no key may end in an exception, every claim
stored must stand on words of its article, and undoing everything must leave the project as
it was. A fixed seed makes a run repeatable; the trail of keys is in the failure's message.
Such keys found a quotation dialog that checked its answer against another article than its
own (its own test is in `test_quote_correction.py`).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from annotator import open_project
from tests.ui.conftest import make_project, open_window, wikinews_texts

Key = Qt.Key
Mod = Qt.KeyboardModifier
PLAIN, SHIFT, CTRL = Mod.NoModifier, Mod.ShiftModifier, Mod.ControlModifier
WINDOW_KEYS: tuple[tuple[Key, Mod], ...] = (
    *((key, PLAIN) for key in (Key.Key_J, Key.Key_K, Key.Key_1, Key.Key_2, Key.Key_3, Key.Key_N)),
    *((key, PLAIN) for key in (Key.Key_E, Key.Key_A, Key.Key_R, Key.Key_W, Key.Key_Q, Key.Key_D)),
    *((key, PLAIN) for key in (Key.Key_X, Key.Key_S, Key.Key_U, Key.Key_Slash, Key.Key_F3)),
    *((key, PLAIN) for key in (Key.Key_Delete, Key.Key_Backspace, Key.Key_Space, Key.Key_Return)),
    *((key, PLAIN) for key in (Key.Key_Tab, Key.Key_Escape, Key.Key_Down, Key.Key_Up, Key.Key_Right)),
    *((key, PLAIN) for key in (Key.Key_PageDown,)),
    (Key.Key_A, SHIFT), (Key.Key_R, SHIFT), (Key.Key_Q, SHIFT), (Key.Key_Backtab, SHIFT),
    (Key.Key_Left, SHIFT), (Key.Key_Delete, SHIFT), (Key.Key_Right, SHIFT | CTRL),
    (Key.Key_Z, CTRL), (Key.Key_Z, CTRL), (Key.Key_Z, CTRL | SHIFT), (Key.Key_F, CTRL),
    (Key.Key_Home, CTRL), (Key.Key_End, CTRL), (Key.Key_Plus, CTRL), (Key.Key_Minus, CTRL),
)  # fmt: skip
DIALOG_KEYS = (
    Key.Key_A,
    Key.Key_B,
    Key.Key_O,
    Key.Key_T,
    Key.Key_Space,
    Key.Key_Tab,
    Key.Key_Down,
    Key.Key_Up,
)
STEPS = 500


@pytest.mark.slow
@pytest.mark.qt_log_ignore("This plugin does not support")  # popups and raise(), offscreen
@pytest.mark.parametrize("seed", [43, 7])
def test_random_keys_break_nothing_and_undo_takes_everything_back(
    qtbot: QtBot, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    path = make_project(tmp_path / "keys.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    trail: list[str] = []

    def answer_what_is_open() -> None:
        """A dialog or menu the keys opened gets keys of its own, Escape and Return among them."""
        opened = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if opened is None:
            return
        target = QApplication.activePopupWidget() or QApplication.focusWidget() or opened
        key = rng.choice((Key.Key_Escape, Key.Key_Return)) if rng.random() < 0.35 else rng.choice(DIALOG_KEYS)
        trail.append(f"  in {type(opened).__name__}: {key.name}")
        qtbot.keyClick(target, key)

    answering = QTimer()
    answering.setInterval(30)
    answering.timeout.connect(answer_what_is_open)
    answering.start()
    try:
        for _step in range(STEPS):
            key, modifiers = rng.choice(WINDOW_KEYS)
            target = QApplication.focusWidget()
            if not isinstance(target, QWidget) or rng.random() < 0.1:
                target = rng.choice((window.view, window.articles.list, window.claims.list, window))
                target.setFocus()
            trail.append(f"{key.name} {modifiers.name} on {type(target).__name__}")
            qtbot.keyClick(target, key, modifiers)
            if rng.random() < 0.05:
                qtbot.wait(rng.choice((5, 50, 200)))
        qtbot.wait(300)
        with open_project(path) as project:
            for summary in project.articles():
                text = project.article(summary.id).text
                for claim in project.claims(summary.id):
                    assert 0 <= claim.start < claim.end <= len(text), trail[-40:]
                    assert text[claim.start : claim.end].strip(), trail[-40:]
        while window.undo_stack.canUndo():
            window.undo_stack.undo()
        qtbot.wait(300)
        with open_project(path) as project:
            left = [claim for summary in project.articles() for claim in project.claims(summary.id)]
        assert left == [], trail[-40:]
    finally:
        answering.stop()
        window.close()
