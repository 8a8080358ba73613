"""File ▸ Save a Copy As… copies in the task runner, with progress and Cancel.

On the window's thread it held the window still for the whole copy (0.4-0.5 s at 200 MB,
more on a slow disk) with no word and no way to stop it. Edits asked while it runs are
refused, so the copy is the project as it was when it began; a cancelled copy leaves no
file, whole or half, in the destination's folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project
from annotator.ui.main_window import MainWindow
from annotator.ui.task_runner import StopAsker, TaskProgress
from tests.ui.conftest import (
    answer_stop_question,
    hold_copy,
    make_project,
    open_window,
    select_words,
    wikinews_texts,
)

pytestmark = pytest.mark.slow  # seconds each, processes and waits: out of the everyday run (CI's time)


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    return window


def _said(window: MainWindow) -> str:
    return "\n".join(box.text() for box in window.findChildren(QMessageBox, "errorBox"))


def test_the_window_is_not_held_and_edits_wait_for_the_copy(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, tmp_path)
    release = hold_copy(monkeypatch)
    copy = tmp_path / "copy.annotator.db"
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: copy)
    try:
        assert window.project is not None
        select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        assert len(window.project.claims()) == 1
        window.registry["save_copy"].trigger()
        # Held after its first page: a window that waited for the copy would still be in there.
        assert window.busy and not copy.exists()
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(lambda: dialog.value() > 0, timeout=30_000)  # pages are being copied
        window.activateWindow()  # the person clicks back into the text, the copy going on
        qtbot.waitUntil(window.isActiveWindow)
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)  # while the copy runs: refused, and said
        qtbot.waitUntil(lambda: "a copy of the project is being saved" in _said(window), timeout=5_000)
        assert window.busy  # the key came while it ran
        assert len(window.project.claims()) == 1
        release.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert copy.exists() and not [n for n in os.listdir(tmp_path) if ".copying-" in n]
        assert f"is saved in {copy}" in window.statusBar().currentMessage()
        for box in window.findChildren(QMessageBox, "errorBox"):
            box.close()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)  # after it: saved to the window's project
        assert len(window.project.claims()) == 2
        assert window.project.path == tmp_path / "p.annotator.db"
    finally:
        window.close()
    with open_project(copy, create=False) as copied:
        assert [c.label.value for c in copied.claims()] == ["factual"]


def test_a_cancelled_copy_leaves_no_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)  # the copy has run a while
    window = _window(qtbot, tmp_path)
    hold_copy(monkeypatch)  # until the Cancel
    elsewhere = tmp_path / "USB stick"
    elsewhere.mkdir()
    copy = elsewhere / "copy.annotator.db"
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: copy)
    try:
        window.registry["save_copy"].trigger()
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(lambda: dialog.value() > 0, timeout=30_000)  # pages are being copied
        assert [n for n in os.listdir(elsewhere) if ".copying-" in n]  # under a hidden name
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
        assert isinstance(dialog, TaskProgress)
        said = answer_stop_question(qtbot, dialog, QMessageBox.StandardButton.Yes)
        assert said == "Stop saving the copy? No copy is left."
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        assert os.listdir(elsewhere) == []
        assert window.statusBar().currentMessage() == "Cancelled"
        assert window.project is not None and window.project.path == tmp_path / "p.annotator.db"
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)  # edits are saved again
        assert len(window.project.claims()) == 1
    finally:
        window.close()


def test_after_the_copy_an_edit_refused_during_it_no_longer_says_not_saved(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refused edit is said in its message; afterwards nothing waits to be saved, and
    "Not saved" stayed in the status bar until the next edit, as if work were at risk."""
    window = _window(qtbot, tmp_path)
    release = hold_copy(monkeypatch)
    copy = tmp_path / "copy.annotator.db"
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: copy)
    try:
        window.registry["save_copy"].trigger()
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(lambda: dialog.value() > 0, timeout=30_000)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        qtbot.waitUntil(lambda: "a copy of the project is being saved" in _said(window), timeout=5_000)
        assert window.busy
        assert window.status_bar.save_label.text() == "Not saved"  # while it runs: that edit
        release.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert copy.exists()
        assert window.status_bar.save_label.text() == "All changes saved"
    finally:
        window.close()


def test_an_undo_or_redo_asked_during_the_copy_keeps_the_history(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused while the copy ran, Ctrl+Z cleared the whole undo history, though nothing in
    the file had changed: every edit of the session could no longer be taken back."""
    window = _window(qtbot, tmp_path)
    assert window.project is not None
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.project.claims()) == 1 and window.undo_stack.index() == 1
    release = hold_copy(monkeypatch)
    copy = tmp_path / "copy.annotator.db"
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: copy)
    try:
        window.registry["save_copy"].trigger()
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, QProgressDialog)
        qtbot.waitUntil(lambda: dialog.value() > 0, timeout=30_000)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "a copy of the project is being saved" in _said(window), timeout=5_000)
        qtbot.wait(50)
        assert window.busy
        assert "history was cleared" not in _said(window)
        assert window.undo_stack.count() == 2 and window.undo_stack.index() == 1
        release.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert window.status_bar.save_label.text() == "All changes saved"
        for box in window.findChildren(QMessageBox, "errorBox"):
            box.close()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # works again
        assert window.project.claims() == []
        qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        assert len(window.project.claims()) == 2
    finally:
        window.close()
