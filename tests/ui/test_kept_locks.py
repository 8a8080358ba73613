"""The window's labels reach the file even after something in its process closed a descriptor
of the project: a file dialog listing the project's folder does, and POSIX then drops all the
window's locks on it. Without the keeping process, the next background process to close its
connection deleted the journal the window was writing to, and later labels were lost."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project
from tests.other_process import claims_seen_by_another_process
from tests.ui.conftest import open_window, select_words


@pytest.mark.skipif(sys.platform == "win32", reason="Windows locks are per handle")
def test_labels_reach_the_file_after_a_stray_close_in_the_window(qtbot: QtBot, project_path: Path) -> None:
    window = open_window(qtbot, project_path)
    try:
        assert window.project is not None and window.article is not None
        qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
        qtbot.waitUntil(
            lambda: not window.busy and not window.listing, timeout=30_000
        )  # pre-annotation, if any
        for name in (project_path.name, f"{project_path.name}-wal", f"{project_path.name}-shm"):
            os.close(os.open(project_path.with_name(name), os.O_RDONLY))  # as a file dialog does
        assert claims_seen_by_another_process(project_path) == 0  # it opens, reads and closes
        select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        assert claims_seen_by_another_process(project_path) == 1
    finally:
        window.close()
    with open_project(project_path, create=False) as reopened:
        assert len(reopened.claims(1)) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="Windows locks are per handle")
def test_a_killed_keeper_is_replaced(qtbot: QtBot, project_path: Path) -> None:
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
        assert window.project is not None
        first = window.project.keeper_pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        qtbot.waitUntil(
            lambda: (
                window.project is not None
                and window.project.keeper_pid not in (None, first)
                and window.project.locks_kept()
            ),
            timeout=30_000,
        )
    finally:
        window.close()


def test_a_project_moved_while_open_is_saved_again_where_it_was(qtbot: QtBot, project_path: Path) -> None:
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        project_path.rename(project_path.with_name("moved.annotator.db"))  # as a file manager does
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        qtbot.waitUntil(lambda: project_path.exists(), timeout=15_000)
        qtbot.waitUntil(
            lambda: window.project is not None and not window.project.file_moved(), timeout=15_000
        )
        assert window.project is not None and window.project.path == project_path
        assert claims_seen_by_another_process(project_path) == 2
        said = [box.text() for box in window.findChildren(QMessageBox, "errorBox")]
        assert any("moved, renamed or deleted" in text for text in said)  # the person is told
    finally:
        window.close()


def test_a_project_opened_through_a_link_keeps_its_file_when_the_link_goes(
    qtbot: QtBot, project_path: Path
) -> None:
    """A project opened through a link on the desktop, and the link deleted while the window
    was open (the desktop tidied): the window said the project "was moved, renamed or deleted",
    put a copy where the link had been and labelled there, while the project itself, untouched
    in its folder, had none of the later labels. The window holds the file the link led to."""
    desktop = project_path.parent / "Desktop"
    desktop.mkdir()
    link = desktop / "claims.annotator.db"
    link.symlink_to(project_path)
    window = open_window(qtbot, link)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        link.unlink()
        qtbot.wait(3000)  # the watch looks every two seconds
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        assert [box.text() for box in window.findChildren(QMessageBox, "errorBox")] == []
        assert window.project is not None and window.project.path == project_path
        assert claims_seen_by_another_process(project_path) == 2
        assert not os.path.lexists(link)  # no copy of the project where the link was
    finally:
        window.close()


def test_a_renamed_project_keeps_every_label_at_close(tmp_path: Path) -> None:
    """SQLite skips the checkpoint at close for a file no longer at its path: labels stayed in
    a write-ahead log under the old name, and the renamed file had none of them."""
    path = tmp_path / "p.annotator.db"
    project = open_project(path)
    [article] = project.import_texts(["The minister said prices rose 5% in May."]).added
    project.add_claim(article, 0, 12, "factual", annotator="ana")
    renamed = path.rename(tmp_path / "renamed.annotator.db")
    project.add_claim(article, 13, 20, "opinion", annotator="ana")
    assert project.file_moved()
    project.close()
    assert claims_seen_by_another_process(renamed) == 2


def test_an_older_copy_put_in_the_project_s_place_keeps_what_it_held(
    qtbot: QtBot, project_path: Path
) -> None:
    """Yesterday's copy put back by hand (`mv`, a file manager) while the window labels: the
    window's labels go to a copy beside it, and the older copy reads as it was, not with the
    window's write-ahead log, left under the path's name, replayed over it."""
    older = project_path.with_name("yesterday.annotator.db")
    with open_project(project_path, create=False) as project:
        project.save_copy(older)
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        older.replace(project_path)
        qtbot.waitUntil(
            lambda: window.project is not None and window.project.path != project_path, timeout=15_000
        )
        assert window.project is not None and claims_seen_by_another_process(window.project.path) == 2
    finally:
        window.close()
    assert claims_seen_by_another_process(project_path) == 0
    with open_project(project_path, create=False) as restored:
        assert restored.integrity_check() == "ok"


def test_undo_goes_on_after_the_watch_put_a_moved_project_back(qtbot: QtBot, project_path: Path) -> None:
    """Moved away while open and put back by the window (`ProjectWatch`): the window reopened
    the copy it saved at the path, and Ctrl+Z then said "Nothing to undo", though the copy held
    the person's last labels exactly as the history had left them."""
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        before = window.project
        os.replace(project_path, project_path.with_name("moved.annotator.db"))
        qtbot.waitUntil(lambda: window.project is not before and window.project is not None, timeout=15_000)
        qtbot.waitUntil(lambda: not window.listing, timeout=15_000)
        assert window.project is not None and window.project.path == project_path
        assert window.registry["undo"].isEnabled()
        for box in window.findChildren(QMessageBox, "errorBox"):  # read and closed, as a person does
            assert "moved, renamed or deleted" in box.text()
            box.close()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.statusBar().currentMessage() == "Undone: add opinion claim"
        assert [c.label for c in window.project.claims(1)] == ["factual"]
        assert window.claims.model.rowCount() == 1  # what the panel lists
    finally:
        window.close()
    assert claims_seen_by_another_process(project_path) == 1
