"""The window on a project another window (another process) labels at the same time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.ui.main_window import MainWindow
from tests.other_process import label_in_another_process
from tests.ui.conftest import select_words

REDO = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _errors(window: MainWindow) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox, "errorBox")]


def test_undo_and_redo_here_leave_a_label_made_in_another_window(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """Label, undo; another window labels (its claim takes the freed id); redo and undo here.

    Redo failed ("Something went wrong (IntegrityError)") and left the undo history a step
    ahead of the file, so the next Ctrl+Z deleted the other window's claim while both windows
    said "All changes saved".
    """
    assert window.project is not None and window.article is not None
    mine = window.article.article.id
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    theirs = label_in_another_process(project_path, 1, (0, 7), "opinion", "bob")

    qtbot.keyClick(window.view, Qt.Key.Key_Z, REDO)
    assert _errors(window) == []
    assert [(c.label, window.view.text[c.start : c.end]) for c in window.article.claims] == [
        (ClaimLabel.FACTUAL, "The boat")
    ]
    assert window.claim_model.rowCount() == 1
    saved = {(c.article_id, c.annotator, c.label) for c in window.project.claims()}
    assert saved == {(mine, "tester", ClaimLabel.FACTUAL), (mine + 1, "bob", ClaimLabel.OPINION)}

    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [(c.id, c.annotator) for c in window.project.claims()] == [(theirs, "bob")]
    assert window.claim_model.rowCount() == 0
