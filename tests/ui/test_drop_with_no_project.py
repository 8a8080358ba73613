"""What is dropped on the window with no project open, or while one opens: a project opens,
articles are told why not.

The window took a drop only while a project was open. A project file dragged from the file
manager onto "No project is open" was refused by the cursor and nothing happened; articles
dropped there the same, with no word of the project they need first.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, wait_listed, wait_opened
from tests.ui.error_boxes import shown_error

TEXTS = [("Bridge", "The council voted 7 to 2 to build a bridge.")]


def _drop(window: MainWindow, paths: list[Path]) -> bool:
    """Drag `paths` over the window and drop them; whether the drag was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(window, QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, buttons, keys))
    return True


def test_a_project_file_dropped_on_the_empty_window_opens(qtbot: QtBot, tmp_path: Path) -> None:
    project = make_project(tmp_path / "team.annotator.db", TEXTS)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        assert _drop(window, [project])
        wait_opened(qtbot, window)
        wait_listed(qtbot, window)
        assert window.project is not None and window.project.path == project
        assert window.article_model.rowCount() == 1
    finally:
        window.close()


def test_articles_dropped_on_the_empty_window_are_told_to_wait_for_a_project(
    qtbot: QtBot, tmp_path: Path
) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text("The council voted 7 to 2 to build a bridge.", "utf-8")
    window = open_window(qtbot, None)
    try:
        assert _drop(window, [article])
        message = shown_error(qtbot, window)
        assert "bridge.txt" in message and "Open or create a project" in message
        assert window.project is None and not window.busy
    finally:
        window.close()


def test_a_project_file_dropped_on_an_open_project_is_still_explained_not_opened(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """With a project open, a teammate's file may be meant for Merge: the import report says
    both ways, and the project open stays."""
    open_one = make_project(tmp_path / "mine.annotator.db", TEXTS)
    theirs = make_project(tmp_path / "theirs.annotator.db", TEXTS)
    window = open_window(qtbot, open_one)
    window.auto_preannotate = False
    try:
        assert _drop(window, [theirs])
        qtbot.waitUntil(lambda: not window.busy and not window.opening, timeout=60_000)
        assert window.project is not None and window.project.path == open_one
        assert "could not be imported" in window.statusBar().currentMessage()
    finally:
        window.close()


def test_articles_dropped_while_another_project_opens_go_into_neither_and_are_told_why(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the window said "Opening second.annotator.db…", dropped articles went into the
    project about to close, or were cancelled with it when the import was slower: in neither
    case into the project the person was opening, and nothing said so."""
    import annotator.services.project as project_service

    first = make_project(tmp_path / "first.annotator.db", [])
    second = make_project(tmp_path / "second.annotator.db", [])
    article = tmp_path / "bridge.txt"
    article.write_text("The council voted 7 to 2 to build a bridge.", "utf-8")
    window = open_window(qtbot, first)
    window.auto_preannotate = False
    checked = project_service.check_before_opening
    held = threading.Event()
    monkeypatch.setattr(project_service, "check_before_opening", lambda path: held.wait(30) and checked(path))
    try:
        window.open_checked_in_pool(second)
        assert window.opening
        assert _drop(window, [article])
        message = shown_error(qtbot, window)
        assert "bridge.txt" in message and "second.annotator.db" in message
        assert not window.busy  # no import started into first.annotator.db
        held.set()
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path == second
        assert window.project.articles() == []
    finally:
        held.set()
        window.close()
    with open_project(first) as project:
        assert project.articles() == []
