"""A project whose folder was deleted a moment ago, before the window's two-second look.

Until the watch looked, export, release and the team statistics opened the project by its
path and said "…p.annotator.db: does not exist" of the project the window still showed,
where a moment later the same actions said what to do (File ▸ Save a Copy As…).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.ui import save_dialog
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, wikinews_texts


def _said(window: MainWindow) -> str:
    return "\n".join(box.text() for box in window.findChildren(QMessageBox, "errorBox"))


def _close_boxes(window: MainWindow) -> None:
    for box in window.findChildren(QMessageBox, "errorBox"):
        box.close()
        box.setObjectName("closed")


def test_work_asked_before_the_watch_looked_says_the_file_is_gone(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "Ordner ü"
    folder.mkdir()
    path = make_project(folder / "p.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    window.project_watch._timer.stop()  # the two seconds before it looks, held still
    out = tmp_path / "claims.jsonl"
    monkeypatch.setattr(save_dialog, "ask_save_path", lambda *_a, **_k: (str(out), ""))
    shutil.rmtree(folder)
    try:
        for action in ("export", "release"):
            window.registry[action].trigger()  # refused at once, or its work started
            qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
            said = _said(window)
            assert "p.annotator.db was moved, renamed or deleted while open" in said, (action, said)
            assert "does not exist" not in said, action
            _close_boxes(window)
        window.registry["statistics"].trigger()
        dialog = window.team.dashboard_dialog
        assert dialog is not None
        summary = dialog.dashboard.summary
        qtbot.waitUntil(lambda: "Could not compute" in summary.text(), timeout=15_000)
        assert "Save a Copy As" in summary.text() and "does not exist" not in summary.text()
        assert not out.exists()
    finally:
        window.close()
