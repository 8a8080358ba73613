"""Opening another project while an import, export or merge runs asks first, as Close does.

Open Recent, File ▸ Open and File ▸ New during an import closed the project under it and
cancelled the import without a word: the articles the person waited for never came, and
nothing said so. Close Project and Quit asked; the other ways out of the project did not.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.ui.main_window import MainWindow
from annotator.ui.task_runner import TaskOptions
from tests.ui.conftest import answer_work_question, make_project, open_window, wait_listed, wait_opened

TEXTS = [("Bridge", "The council voted 7 to 2 to build a bridge.")]
QUESTION = "Importing is not finished: opening another project now cancels it. Open it anyway?"


def _import_held(window: MainWindow) -> None:
    """An import that runs until it is cancelled."""
    started = threading.Event()

    def until_cancelled(_progress: object, cancelled: Callable[[], bool]) -> None:
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)

    window.run_task(until_cancelled, "Importing…", lambda _r: None, TaskOptions(name="import"))
    assert started.wait(30)


def _two_projects(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Path, Path]:
    """A window on `first`, with `second` opened before it, so Open Recent lists `second`."""
    first = make_project(tmp_path / "first.annotator.db", TEXTS)
    second = make_project(tmp_path / "second.annotator.db", TEXTS)
    window = open_window(qtbot, second)
    window.auto_preannotate = False
    window.open_project(first)
    wait_listed(qtbot, window)
    return window, first, second


def _open_recent(window: MainWindow, path: Path) -> None:
    window.recent.fill()
    (action,) = [a for a in window.recent.menu.actions() if Path(a.data()) == path.resolve()]
    action.trigger()


def test_open_recent_during_an_import_asks_and_no_keeps_the_project_and_the_import(
    qtbot: QtBot, tmp_path: Path
) -> None:
    asked: list[str] = []
    window, first, second = _two_projects(qtbot, tmp_path)
    try:
        _import_held(window)
        answer_work_question(window, QMessageBox.StandardButton.No, asked)
        _open_recent(window, second)
        wait_opened(qtbot, window)
        assert asked == [QUESTION]
        assert window.project is not None and window.project.path == first
        assert window.busy  # the import goes on
    finally:
        window.close()


def test_open_recent_during_an_import_opens_the_project_once_told_yes(qtbot: QtBot, tmp_path: Path) -> None:
    asked: list[str] = []
    window, _first, second = _two_projects(qtbot, tmp_path)
    try:
        _import_held(window)
        answer_work_question(window, QMessageBox.StandardButton.Yes, asked)
        _open_recent(window, second)
        wait_opened(qtbot, window)
        assert asked == [QUESTION]
        assert window.project is not None and window.project.path == second
    finally:
        window.close()


@pytest.mark.parametrize("action", ["open_project", "new_project"])
def test_open_and_new_during_an_import_ask_too(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    asked: list[str] = []
    window, first, second = _two_projects(qtbot, tmp_path)
    chosen = second if action == "open_project" else tmp_path / "new.annotator.db"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(chosen), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(chosen), ""))
    try:
        _import_held(window)
        answer_work_question(window, QMessageBox.StandardButton.No, asked)
        window.registry[action].trigger()
        wait_opened(qtbot, window)
        assert asked == [QUESTION]
        assert window.project is not None and window.project.path == first and window.busy
        assert action == "open_project" or not chosen.exists()  # no new file made for nothing
    finally:
        window.close()
