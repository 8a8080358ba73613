"""A long task's progress does not take the keyboard from the article.

The progress dialog appears 0.4 s into any long task (import, pre-annotate all, export,
release, merge, training, Save a Copy As). It took the keyboard when it did: the person
labelling meanwhile (1/2/3, J/K, Space) typed into it, and Space or Enter on its Cancel
button stopped the long work by accident.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressBar, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.core.errors import Cancelled
from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui.import_report import ImportOutcome, Rejected, show_import_report
from annotator.ui.task_runner import StopAsker, TaskOptions, TaskProgress
from tests.ui.conftest import answer_stop_question, open_window, select_words, spoken_name


def _long_work(progress: ProgressFn, cancel: CancelFn) -> str:
    """Work that goes on, reporting, until it is cancelled (or 2 minutes pass: a loaded machine
    took the 20 s it had before to reach the Cancel)."""
    began = time.monotonic()
    while time.monotonic() - began < 120:
        if cancel():
            raise Cancelled("stopped")
        progress(1, 10, "working")
        time.sleep(0.02)
    return "done"


def _counting_work(progress: ProgressFn, cancel: CancelFn) -> str:
    """Work through 6,000 steps of 20 ms (2 minutes, whatever the load), until it is cancelled."""
    for done in range(6_000):
        if cancel():
            raise Cancelled("stopped")
        progress(done, 6_000, "working")
        time.sleep(0.02)
    return "done"


def test_keys_pressed_while_a_long_task_runs_go_to_the_article(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)  # it has run a while when Escape comes
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        assert window.project is not None
        window.view.setFocus()
        task = window.run_task(_long_work, "Working…", lambda _r: None, TaskOptions(name="long"))
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(dialog.isVisible, timeout=30_000)  # after its 0.4 s, later under load
        qtbot.waitUntil(
            dialog.isActiveWindow, timeout=30_000
        )  # a fixed 0.1 s was not always enough under load
        # Desktops leave the window active when a window asks so; the offscreen platform of
        # the tests activates every window it shows, so the keys go to the dialog here: the
        # worst case, where they reached its Cancel.
        assert dialog.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        focused = QApplication.focusWidget() or dialog
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_1):
            qtbot.keyClick(focused, key)
            qtbot.keyClick(dialog, key)
        assert not task.is_cancelled()
        assert window.busy and dialog.isVisible()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=30_000)
        select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        assert len(window.project.claims()) == 1  # labelling goes on while it runs
        dialog.activateWindow()  # the person clicks on the progress
        qtbot.waitUntil(dialog.isActiveWindow, timeout=30_000)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # and Escape, the key that means stop, stops it
        assert isinstance(dialog, TaskProgress)
        answer_stop_question(qtbot, dialog, QMessageBox.StandardButton.Yes)  # once asked: it ran a while
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        assert task.is_cancelled()
    finally:
        window.close()


def test_progress_waits_for_a_dialog_open_in_front_of_the_window(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pre-annotation follows an import, whose rejected lines a dialog lists: the progress came
    0.4 s later over that dialog's text, its Cancel blocked by the dialog's modality."""
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 3600.0)  # the click itself stops it, on any machine
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        outcome = ImportOutcome(
            added=1,
            files=1,
            duplicates=0,
            rejected=(Rejected("a.jsonl", 2, "invalid JSON"),),
            rejected_count=1,
            report_path=None,
        )
        report = show_import_report(window, outcome)
        qtbot.waitUntil(report.isVisible, timeout=30_000)
        task = window.run_task(_counting_work, "Pre-annotating…", lambda _r: None, TaskOptions(name="long"))
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, QProgressDialog)
        assert isinstance(dialog, TaskProgress)
        # Its 0.4 s have passed, however long the machine took, when it waits for the report.
        qtbot.waitUntil(lambda: dialog.held_back or dialog.isVisible(), timeout=30_000)
        assert not dialog.isVisible()  # the report is read uncovered
        assert QApplication.activeModalWidget() is report
        report.close()
        qtbot.waitUntil(dialog.isVisible, timeout=30_000)  # then the progress, with a Cancel that works
        cancel = dialog.findChildren(QPushButton)[0]
        handle = dialog.windowHandle()
        assert handle is not None
        # A click through the window system, which drops what a modal dialog blocks.
        QTest.mouseClick(
            handle,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            cancel.mapTo(dialog, cancel.rect().center()),
        )
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        assert task.is_cancelled()
    finally:
        window.close()


def test_the_progress_of_a_long_task_leaves_the_text_in_sight(qtbot: QtBot, project_path: Path) -> None:
    """It opened over the middle of the article (Qt centres a dialog on its window), so after
    every import the sentence being labelled lay under "Pre-annotating…" until it ended."""
    window = open_window(qtbot, project_path)
    try:
        window.resize(1300, 700)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        task = window.run_task(_long_work, "Working…", lambda _r: None, TaskOptions(name="long"))
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(dialog.isVisible, timeout=30_000)
        view = window.view.viewport()
        text = QRect(view.mapToGlobal(QPoint(0, 0)), view.size())
        assert not dialog.frameGeometry().intersects(text), (dialog.frameGeometry(), text)
        assert window.frameGeometry().contains(dialog.geometry())
        task.cancel()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    finally:
        window.close()


def test_a_screen_reader_says_what_the_progress_is_of(qtbot: QtBot, project_path: Path) -> None:
    """The dialog had no title and its bar no name: Orca read "dialog" and "progress bar, 40
    percent", with nothing of the import or export under way."""
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        task = window.run_task(_counting_work, "Exporting…", lambda _r: None, TaskOptions(name="long"))
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(dialog.isVisible, timeout=30_000)
        assert dialog.windowTitle() == "Exporting"
        assert spoken_name(dialog) == "Exporting"
        bar = dialog.findChild(QProgressBar)
        assert bar is not None and spoken_name(bar) == "Exporting"
        task.cancel()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    finally:
        window.close()
