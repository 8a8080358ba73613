"""Import Articles… and Import a Folder… while the window says "Opening <name>…".

The project open then is about to close: the import went into it, or was cancelled with it when
slower, never into the project being opened, and nothing said so. A drop in that moment is
refused (`test_drop_with_no_project.py`); the File menu's imports are refused the same way,
before their file dialog and again after it, when an opening began while it was up.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, wait_opened
from tests.ui.error_boxes import shown_error
from tests.ui.test_import_folder import file_menu_item


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The pool's checks of a project to open wait until the event is set."""
    import annotator.services.project as project_service

    checked = project_service.check_before_opening
    event = threading.Event()
    monkeypatch.setattr(
        project_service, "check_before_opening", lambda path: event.wait(30) and checked(path)
    )
    yield event
    event.set()


def _article(tmp_path: Path) -> Path:
    article = tmp_path / "incoming" / "bridge.txt"
    article.parent.mkdir()
    article.write_text("The council voted 7 to 2 to build a bridge.", "utf-8")
    return article


def _assert_neither_has_articles(qtbot: QtBot, window: MainWindow, first: Path, second: Path) -> None:
    wait_opened(qtbot, window)
    assert window.project is not None and window.project.path == second
    assert window.project.articles() == []
    window.close()
    for path in (first, second):
        with open_project(path) as project:
            assert project.articles() == []


def test_ctrl_i_while_another_project_opens_is_refused_before_its_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event
) -> None:
    first = make_project(tmp_path / "first.annotator.db", [])
    second = make_project(tmp_path / "second.annotator.db", [])
    article = _article(tmp_path)
    asked: list[str] = []

    def choose(*_args: object) -> tuple[list[str], str]:
        asked.append("files")
        return [str(article)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    window = open_window(qtbot, first)
    window.auto_preannotate = False
    try:
        window.open_checked_in_pool(second)
        assert window.opening
        qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        message = shown_error(qtbot, window)
        assert "second.annotator.db" in message and "once it is open" in message
        assert asked == []  # no file dialog for an import that cannot happen
        assert not window.busy  # no import started into first.annotator.db
        held.set()
        _assert_neither_has_articles(qtbot, window, first, second)
    finally:
        held.set()
        window.close()


def test_import_a_folder_while_another_project_opens_is_refused(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event
) -> None:
    first = make_project(tmp_path / "first.annotator.db", [])
    second = make_project(tmp_path / "second.annotator.db", [])
    article = _article(tmp_path)
    asked: list[str] = []

    def choose(*_args: object) -> str:
        asked.append("folder")
        return str(article.parent)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    window = open_window(qtbot, first)
    window.auto_preannotate = False
    try:
        window.open_checked_in_pool(second)
        file_menu_item(window, "Import a Folder of Articles…").trigger()
        message = shown_error(qtbot, window)
        assert "second.annotator.db" in message and "once it is open" in message
        assert asked == []
        assert not window.busy
        held.set()
        _assert_neither_has_articles(qtbot, window, first, second)
    finally:
        held.set()
        window.close()


def test_files_chosen_while_an_opening_began_behind_the_dialog_are_refused_by_name(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event
) -> None:
    """An opening can begin while the file dialog is up (a project named on the command line
    reaches the running window, the watch reopens a moved file): the files chosen then were
    imported into the project about to close."""
    first = make_project(tmp_path / "first.annotator.db", [])
    second = make_project(tmp_path / "second.annotator.db", [])
    article = _article(tmp_path)
    window = open_window(qtbot, first)
    window.auto_preannotate = False

    def choose(*_args: object) -> tuple[list[str], str]:
        window.open_checked_in_pool(second)
        return [str(article)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    try:
        qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        message = shown_error(qtbot, window)
        assert "bridge.txt" in message and "second.annotator.db" in message
        assert not window.busy
        held.set()
        _assert_neither_has_articles(qtbot, window, first, second)
    finally:
        held.set()
        window.close()
