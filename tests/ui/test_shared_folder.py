"""A project in a synced folder: the window says what to do, and each label reaches the file itself."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, select_words, wikinews_texts


def _shown_box(window: MainWindow) -> QMessageBox | None:
    box = window.findChild(QMessageBox, "errorBox")
    return box if box is not None and box.isVisible() else None


def test_a_project_in_a_synced_folder_says_to_close_it_before_another_computer_opens_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "Dropbox" / "claims"
    folder.mkdir(parents=True)
    path = make_project(folder / "team.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: _shown_box(window) is not None, timeout=10_000)
    box = _shown_box(window)
    assert box is not None
    said = box.text()
    assert "in a folder a sync tool shares (Dropbox)" in said
    assert "Close the project here before anyone opens it on another computer" in said
    assert "File ▸ Save a Copy As…" in said
    assert window.statusBar().currentMessage().startswith("team.annotator.db is in a folder")
    box.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    select_words(qtbot, window, 0, 1)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    # What the sync tool uploads while the window is still open: the project file alone.
    shutil.copyfile(path, tmp_path / "uploaded.db")
    with sqlite3.connect(f"file:{tmp_path / 'uploaded.db'}?immutable=1", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 1
    window.close()


def test_a_project_elsewhere_says_nothing_of_sharing(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_project(tmp_path / "mine.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    qtbot.wait(300)
    assert _shown_box(window) is None
    window.close()


def test_the_box_comes_once_per_project_then_the_status_bar_says_it(qtbot: QtBot, tmp_path: Path) -> None:
    """A team that always works from its Dropbox was stopped by the same box at every opening."""
    folder = tmp_path / "Dropbox" / "claims"
    folder.mkdir(parents=True)
    path = make_project(folder / "team.annotator.db", wikinews_texts())
    first = open_window(qtbot, path)
    qtbot.waitUntil(lambda: _shown_box(first) is not None, timeout=10_000)
    box = _shown_box(first)
    assert box is not None
    box.close()
    told = first.settings  # what the next start reads from the settings file
    first.close()
    again = open_window(qtbot, path, settings=told)
    qtbot.waitUntil(lambda: again.statusBar().currentMessage().startswith("team.annotator.db is in a folder"))
    qtbot.wait(300)
    shown = _shown_box(again)
    assert shown is None, shown.text()
    again.close()
    other = make_project(folder / "other.annotator.db", wikinews_texts())
    third = open_window(qtbot, other, settings=told)
    qtbot.waitUntil(lambda: _shown_box(third) is not None, timeout=10_000)  # another project: said
    third.close()
