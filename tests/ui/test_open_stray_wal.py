"""File > Open of a project with another project's `-wal` beside it: a box says whose the `-wal`
is and what to do, and the file is left as it was (it was opened as the other project, and its
close wrote that project into the file for good)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.security.conftest import snapshot
from tests.store.test_open_stray_wal import another_projects_wal, bobs_project_beside
from tests.ui.conftest import answer_file_dialog, open_window, wait_opened
from tests.ui.error_boxes import shown_error


def test_file_open_refuses_another_projects_wal_in_a_box_and_writes_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bobs_project_beside(tmp_path, another_projects_wal(tmp_path))
    before = snapshot(path)
    window = open_window(qtbot, None)
    try:
        answer_file_dialog(monkeypatch, path)
        qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        wait_opened(qtbot, window)
        said = shown_error(qtbot, window)
        assert said.startswith(f"{path}: the file b.annotator-wal beside it belongs to another project"), said
        assert "Move b.annotator-wal into another folder (keep it) and open the project again" in said
        assert window.project is None
        assert snapshot(path) == before
        # Moved aside as told, Bob's project opens, his article in the list.
        path.with_name("b.annotator-wal").rename(tmp_path / "kept-wal")
        window.activateWindow()  # the box closed, the person is back in the window
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        wait_opened(qtbot, window)
        qtbot.waitUntil(lambda: window.project is not None)
        assert window.project is not None and window.project.article_count() == 1
    finally:
        window.close()
