"""The window's Open and Open Recent never make a project of a file that is not one.

Open Recent opened with create=True: a remembered project since deleted came back as a new
empty one, and a file emptied since became a project. Both open to read now, as Open does,
and say why they cannot.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import open_window, wait_opened


def _close_boxes(window: object) -> None:
    for box in window.findChildren(QMessageBox, "errorBox"):  # type: ignore[attr-defined]
        box.close()


def test_open_recent_and_open_refuse_a_file_that_is_gone_or_empty(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, project_path)
    try:
        gone = tmp_path / "gone.annotator"
        emptied = tmp_path / "emptied.annotator"
        emptied.write_bytes(b"")
        window.settings = window.settings.with_recent(str(gone)).with_recent(str(emptied))
        window.recent.fill()
        for path, reason in ((gone, "does not exist"), (emptied, "is empty, not an annotator project")):
            (action,) = [a for a in window.recent_menu.actions() if a.data() == str(path)]
            action.trigger()
            wait_opened(qtbot, window)
            assert window.statusBar().currentMessage().startswith(f"{path}: {reason}")
            _close_boxes(window)
        assert not gone.exists() and emptied.read_bytes() == b""
        monkeypatch.setattr("annotator.ui.project_files.ask_project_to_open", lambda *_: emptied)
        window.guard(window.open_project_dialog)  # as the File menu's action runs it
        wait_opened(qtbot, window)
        assert "is empty, not an annotator project" in window.statusBar().currentMessage()
        _close_boxes(window)
        assert emptied.read_bytes() == b""
    finally:
        window.close()


def test_open_recent_takes_off_a_project_found_gone_and_keeps_one_refused(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    """A project deleted since stayed in Open Recent, and each choice of it said "does not
    exist" again. An emptied file is still there, the person's to fix: it stays listed."""
    from annotator.services.settings import load_settings

    window = open_window(qtbot, project_path)
    try:
        gone = tmp_path / "gone.annotator"
        emptied = tmp_path / "emptied.annotator"
        emptied.write_bytes(b"")
        window.settings = window.settings.with_recent(str(gone)).with_recent(str(emptied))
        said = []
        for path in (gone, emptied):
            window.recent_menu.aboutToShow.emit()  # as when the menu opens
            (action,) = [a for a in window.recent_menu.actions() if a.data() == str(path)]
            action.trigger()
            wait_opened(qtbot, window)
            said.append(window.statusBar().currentMessage())
            _close_boxes(window)
        assert said[0] == f"{gone}: does not exist; taken off Open Recent"
        assert said[1].startswith(f"{emptied}: is empty")
        window.recent_menu.aboutToShow.emit()
        listed = [a.data() for a in window.recent_menu.actions()]
        assert str(gone) not in listed and str(emptied) in listed
        assert str(gone) not in load_settings().recent_projects  # saved, not only shown
    finally:
        window.close()


def test_open_recent_keeps_a_project_whose_folder_is_gone_with_it(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    """A project on a USB stick not plugged in, chosen from Open Recent, was taken off the list
    ("does not exist; taken off Open Recent"): once the stick was back, the person had to find
    the file again with Open. A start keeps such a project listed (its folder gone with it, the
    drive may be not connected); Open Recent now does the same, and says why it could not open."""
    from annotator.services.settings import load_settings

    window = open_window(qtbot, project_path)
    try:
        on_the_stick = tmp_path / "media" / "STICK" / "interviews.annotator.db"  # never mounted
        window.update_settings(window.settings.with_recent(str(on_the_stick)))  # saved, as when it opened
        window.recent_menu.aboutToShow.emit()
        (action,) = [a for a in window.recent_menu.actions() if a.data() == str(on_the_stick)]
        action.trigger()
        wait_opened(qtbot, window)
        assert window.statusBar().currentMessage() == (
            f"{on_the_stick}: not found, nor its folder; if it is on a drive that is not connected,"
            " connect it and choose it again"
        )
        _close_boxes(window)
        assert window.project is not None and window.project.path == project_path  # still open
        window.recent_menu.aboutToShow.emit()
        assert str(on_the_stick) in [a.data() for a in window.recent_menu.actions()]
        assert str(on_the_stick) in load_settings().recent_projects
    finally:
        window.close()


def test_open_recent_lists_only_project_paths_from_a_hand_edited_settings_file(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries that are not paths were listed as "None", "3" or an empty line, and any number of
    them: the menu ran off the screen."""
    from annotator.services.paths import settings_file
    from annotator.ui.app import start_checked

    mine = str(project_path.resolve())
    others = [str(tmp_path / f"p{n}.annotator.db") for n in range(30)]
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(
        json.dumps({"annotator": "Ada", "recent_projects": [None, 3, "", mine, *others]}), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = start_checked(None)  # reopens the most recent project that is a file
    qtbot.addWidget(window)
    try:
        wait_opened(qtbot, window)
        assert window.project is not None
        window.recent_menu.aboutToShow.emit()  # as when the menu opens
        assert [a.data() for a in window.recent_menu.actions()] == [mine, *others[:9]]
    finally:
        window.close()


def test_open_of_an_empty_file_says_new_project_makes_one_in_it_and_it_does(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Import articles to make one" was all Open said of an empty file, and File ▸ Import
    Articles… imports into the project open, not into that file."""
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.error_boxes import shown_error

    empty = tmp_path / "claims.annotator.db"
    empty.write_bytes(b"")  # `touch claims.annotator.db`
    monkeypatch.setattr("annotator.ui.project_files.ask_project_to_open", lambda *_: empty)
    window = open_window(qtbot, None)
    try:
        window.registry["open_project"].trigger()
        said = shown_error(qtbot, window)
        wait_opened(qtbot, window)
        assert said.endswith(
            "To make a new project in it, choose File ▸ New Project… and give claims.annotator.db"
            " as its name."
        )
        assert empty.read_bytes() == b"" and window.project is None
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(empty), _a[3].split(";;")[0]))
        window.registry["new_project"].trigger()  # as the message says
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path == empty
    finally:
        window.close()
