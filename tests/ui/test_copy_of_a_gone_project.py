"""Save a Copy As of a project whose folder was deleted while the copy was asked or ran.

The watch looks every two seconds. Chosen before its look, the copy ended with "a copy is
saved" and the window stayed on the deleted file, where every label was lost at the close;
and a look during the copy held the window still until the copy was done.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import hold_copy, make_project, open_window, select_words, wikinews_texts


def _window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Path]:
    """A window with one label saved on a project in its own folder, the watch held still."""
    folder = tmp_path / "Ordner ü"
    folder.mkdir()
    path = make_project(folder / "p.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    window.project_watch._timer.stop()  # its two seconds between looks, held still
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.project is not None and len(window.project.claims()) == 1
    return window, folder


def test_a_copy_asked_before_the_watch_looked_is_where_the_window_goes_on(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, folder = _window(qtbot, tmp_path)
    rescue = tmp_path / "rescued.annotator.db"
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: rescue)
    shutil.rmtree(folder)
    try:
        window.registry["save_copy"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.opening and not window.listing, timeout=30_000)
        assert rescue.exists()
        assert window.project is not None and window.project.path == rescue
        assert "the window goes on there" in window.statusBar().currentMessage()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        assert len(window.project.claims()) == 2
    finally:
        window.close()
    with open_project(rescue, create=False) as copy:
        assert sorted(c.label.value for c in copy.claims()) == ["factual", "opinion"]


def test_the_watch_looking_during_the_copy_does_not_hold_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, folder = _window(qtbot, tmp_path)
    rescue = tmp_path / "rescued.annotator.db"
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: rescue)
    release = hold_copy(monkeypatch)
    try:
        window.registry["save_copy"].trigger()
        dialog = window.runner.progress_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.value() > 0, timeout=30_000)  # pages are being copied
        shutil.rmtree(folder)
        window.project_watch.check()  # its look, the copy going on
        # Held after its first page: a look that waited for the whole copy would still be in there.
        assert window.busy and not rescue.exists()
        release.set()
        qtbot.waitUntil(lambda: not window.busy and not window.opening and not window.listing, timeout=60_000)
        assert window.project is not None and window.project.path == rescue
    finally:
        window.close()
    with open_project(rescue, create=False) as copy:
        assert [c.label.value for c in copy.claims()] == ["factual"]
