"""Ctrl+Q while work the person asked for still runs asks first; pre-annotation never does.

Ctrl+Q during an export closed the window at once and cancelled the export without a word:
the file the person waited for was never written, and nothing said so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from annotator.ui.task_runner import TaskOptions
from annotator.ui.transfers import PREANNOTATION_TASK
from tests.ui.conftest import answer_work_question, make_project, open_window

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
    window.run_task(_until_cancelled(started), title, lambda _r: None, TaskOptions(name=name))
    assert started.wait(30)


def _no_once_the_work_ended(window: MainWindow, left_open: list[bool]) -> Callable[[], None]:
    """Once the runner has let go of the work, and the window has had a turn for what it queued
    at the end, answers No to a question still open, noting it in `left_open`."""

    def answer_if_open() -> None:
        for box in window.findChildren(QMessageBox):
            if box.isVisible():
                left_open.append(True)
                box.button(QMessageBox.StandardButton.No).click()

    def after_the_end() -> None:
        if window.runner.tasks:
            QTimer.singleShot(10, window, after_the_end)
            return
        QTimer.singleShot(0, window, answer_if_open)

    return after_the_end


def test_quit_during_an_export_asks_and_no_keeps_the_window_and_the_export(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    try:
        _run(window, "Exporting…", "export")
        answer_work_question(window, QMessageBox.StandardButton.No, asked)
        qtbot.keyClick(window.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert asked == ["Exporting is not finished: quitting now cancels it. Quit anyway?"]
        assert window.isVisible() and window.busy  # No: the export goes on
        window.activateWindow()  # offscreen, no window manager gives it back after the question
        qtbot.waitUntil(window.isActiveWindow)
        answer_work_question(window, QMessageBox.StandardButton.Yes, asked)
        qtbot.keyClick(window.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert len(asked) == 2
        qtbot.waitUntil(lambda: not window.isVisible())
        qtbot.waitUntil(lambda: not window.busy)  # Yes: cancelled and closed
    finally:
        window.close()


def test_quit_during_pre_annotation_asks_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    asked: list[str] = []
    try:
        _run(window, "Pre-annotating…", PREANNOTATION_TASK)
        answer_work_question(window, QMessageBox.StandardButton.No, asked)  # were it asked
        qtbot.keyClick(window.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.isVisible())
        assert asked == []
    finally:
        window.close()


def test_the_question_closes_when_the_work_ends_meanwhile_and_the_window_stays(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Quit asked during a merge, and the merge ended while the question was open: its report
    came up over the question, the Enter or Escape meant for the question dismissed the report
    unread, and the question went on asking about work that had finished. It closes as the
    work ends, as No: the window stays, for the report."""
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    asked: list[str] = []
    release = threading.Event()

    def until_released(_progress: object, _cancelled: Callable[[], bool]) -> str:
        release.wait(20)
        return "merged"

    reported: list[str] = []
    try:
        window.run_task(until_released, "Merging project files…", reported.append, TaskOptions(name="merge"))
        answer_work_question(window, None, asked)

        # Once the question shows, the work ends; a question still open once the window has
        # heard of the end (the runner let go of the task) is answered No here.
        def end_the_work() -> None:
            if not asked:
                QTimer.singleShot(10, window, end_the_work)
                return
            release.set()
            QTimer.singleShot(10, window, no_once_the_work_ended)

        left_open: list[bool] = []
        no_once_the_work_ended = _no_once_the_work_ended(window, left_open)
        QTimer.singleShot(0, window, end_the_work)
        qtbot.keyClick(window.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert asked == ["Merging project files is not finished: quitting now cancels it. Quit anyway?"]
        assert left_open == []
        assert window.isVisible()
        qtbot.waitUntil(lambda: reported == ["merged"])
    finally:
        release.set()
        window.close()


def test_the_question_closes_for_work_that_ended_before_it_was_asked_but_was_not_yet_heard(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The work's end can be on its way to the window as Quit asks: the runner still holds the
    task, but its end was sent before the question listened for it. The question closed only
    at an end it heard, so it stayed, asking about finished work."""
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    asked: list[str] = []
    reported: list[str] = []
    left_open: list[bool] = []
    try:
        window.run_task(
            lambda _p, _c: "merged", "Merging project files…", reported.append, TaskOptions(name="merge")
        )
        window.runner.pool.waitForDone()  # ended in the pool; the window has not heard yet
        assert window.runner.tasks
        answer_work_question(window, None, asked)
        QTimer.singleShot(0, window, _no_once_the_work_ended(window, left_open))
        qtbot.keyClick(window.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert asked == ["Merging project files is not finished: quitting now cancels it. Quit anyway?"]
        assert left_open == []
        assert window.isVisible()
        qtbot.waitUntil(lambda: reported == ["merged"])
    finally:
        window.close()
