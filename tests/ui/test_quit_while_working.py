"""Ctrl+Q while work the person asked for still runs asks first; pre-annotation never does.

Ctrl+Q during an export closed the window at once and cancelled the export without a word:
the file the person waited for was never written, and nothing said so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from annotator.ui.transfers import PREANNOTATION_TASK
from tests.ui.conftest import make_project, open_window

TEXTS = [("Bridge", "The council voted 7 to 2 to build a bridge.")]


def _until_cancelled(started: threading.Event) -> Callable[..., object]:
    def work(_progress: object, cancelled: Callable[[], bool]) -> object:
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        return None

    return work


def _run(window: MainWindow, title: str, name: str) -> None:
    started = threading.Event()
    window.run_task(_until_cancelled(started), title, lambda _r: None, name=name)
    assert started.wait(5)


def test_quit_during_an_export_asks_and_no_keeps_the_window_and_the_export(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    try:
        _run(window, "Exporting…", "export")
        qtbot.keyClick(window.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert asked == ["Exporting is not finished: quitting now cancels it. Quit anyway?"]
        assert window.isVisible() and window.busy  # No: the export goes on
        qtbot.keyClick(window.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert len(asked) == 2
        qtbot.waitUntil(lambda: not window.isVisible())
        qtbot.waitUntil(lambda: not window.busy)  # Yes: cancelled and closed
    finally:
        window.close()


def test_quit_during_pre_annotation_asks_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: pytest.fail("asked about pre-annotation"))
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    try:
        _run(window, "Pre-annotating…", PREANNOTATION_TASK)
        qtbot.keyClick(window.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.isVisible())
    finally:
        window.close()
