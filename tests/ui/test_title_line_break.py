"""A project whose file name holds a line break or another control character, named on one line.

A file name may hold any character but `/`: a project saved by a script as "week\\n1.annotator.db"
opened with its line break in the window's title, which a title bar draws as two lines, cut, or
as nothing where the break is, so "week1" and "week 1" could not be told apart from it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_project, open_window


def test_a_line_break_in_the_projects_name_is_shown_as_a_symbol_in_the_title(
    qtbot: QtBot, tmp_path: Path
) -> None:
    project = make_project(tmp_path / "week\n1\tdraft.annotator.db", [])
    window = open_window(qtbot, project)
    try:
        assert window.windowTitle() == "week␊1␉draft.annotator.db — Annotator (tester)"
    finally:
        window.close()


def test_the_project_being_opened_is_named_on_one_line(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.services.project as project_service

    second = make_project(tmp_path / "week\n2.annotator.db", [])
    window = open_window(qtbot, make_project(tmp_path / "first.annotator.db", []))
    checked = project_service.check_before_opening
    held = threading.Event()
    monkeypatch.setattr(project_service, "check_before_opening", lambda path: held.wait(30) and checked(path))
    try:
        window.open_checked_in_pool(second)
        assert window.statusBar().currentMessage() == "Opening week␊2.annotator.db…"
    finally:
        held.set()
        window.close()


def test_open_recent_names_the_project_on_one_line_and_still_opens_it(qtbot: QtBot, tmp_path: Path) -> None:
    """In Open Recent a tab moved the rest of the path into the column of a shortcut, and a
    line break made the item two lines; the item still opens the file by its real name."""
    project = make_project(tmp_path / "week\t3\n.annotator.db", [])
    window = open_window(qtbot, project)
    try:
        window.recent.fill()
        (action,) = [a for a in window.recent.menu.actions() if Path(a.data()) == project.resolve()]
        assert "\t" not in action.text() and "\n" not in action.text()
        assert action.text().endswith("week␉3␊.annotator.db")
    finally:
        window.close()


def test_the_first_paint_of_a_reopened_project_names_it_on_one_line(qtbot: QtBot, tmp_path: Path) -> None:
    """The first paint, before the rest of the window loads (`ui.quick_start`), titles the
    window as the built window does."""
    from tests.ui.test_quick_start import close_once, reopen

    project = make_project(
        tmp_path / "week\n4.annotator.db", [("Bridge", "The council voted to build a bridge.")]
    )
    window = reopen(qtbot, close_once(qtbot, project))
    try:
        assert window._preview is not None
        assert window.windowTitle() == "week␊4.annotator.db — Annotator (tester)"
    finally:
        window.close()
