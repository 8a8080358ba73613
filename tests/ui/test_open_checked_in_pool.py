"""A project a person opens (File > Open, Open Recent) has its file's checks made in the pool:
on the window's thread they held the window still 0.1-0.3 s on 10,000 articles. The project
open stays until they pass; a refusal is said as the window's open says it, and a file that
changed after the pool checked it is checked again before anything of it is shown."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from annotator.services import project as project_service
from annotator.store import project_store
from annotator.store.checked_files import CheckedFile
from annotator.ui import main_window
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, wait_listed, wait_opened
from tests.ui.error_boxes import assert_plain

FIRST = [("First", "The council met on Monday. It voted to raise the rates by ten percent.")]
SECOND = [("Second", "Prices rose again. The minister said the rise would not last beyond the summer.")]
TRIGGER = "CREATE TRIGGER t AFTER UPDATE ON claims BEGIN DELETE FROM claims; END"
BAD_META = "UPDATE meta SET value = x'0102' WHERE key = 'created_at'"


@pytest.fixture
def checked_on_ui_thread(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each check of a file, whether it ran on the window's thread; each takes half a second."""
    ui_thread = threading.get_ident()
    made: list[bool] = []
    real = project_store.check_connection

    def slow(conn: sqlite3.Connection, path: Path) -> int:
        made.append(threading.get_ident() == ui_thread)
        threading.Event().wait(0.5)
        return real(conn, path)

    monkeypatch.setattr(project_store, "check_connection", slow)
    return made


def test_the_window_answers_while_the_pool_checks_the_project_to_open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_project(tmp_path / "first.annotator.db", FIRST)
    second = make_project(tmp_path / "second.annotator.db", SECOND)
    window = open_window(qtbot, first)
    window.auto_preannotate = False
    # Held until the window has been seen to answer: a check that merely took half a second
    # raced a 50 ms timer, and a loaded machine that ran the timer late saw the check's end.
    ui_thread = threading.get_ident()
    checked_on_ui_thread: list[bool] = []
    entered, release = threading.Event(), threading.Event()
    real = project_store.check_connection

    def held(conn: sqlite3.Connection, path: Path) -> int:
        if Path(path).name == second.name:
            checked_on_ui_thread.append(threading.get_ident() == ui_thread)
            if threading.get_ident() != ui_thread:
                entered.set()
                release.wait(30)
        return real(conn, path)

    monkeypatch.setattr(project_store, "check_connection", held)
    try:
        fired: list[tuple[bool, str]] = []
        window.open_checked_in_pool(second)
        qtbot.waitUntil(entered.is_set, timeout=30_000)
        QTimer.singleShot(0, lambda: fired.append((window.opening, window.statusBar().currentMessage())))
        qtbot.waitUntil(lambda: bool(fired), timeout=10_000)  # the event loop runs during the check
        assert fired == [(True, "Opening second.annotator.db…")]
        assert window.project is not None and window.project.path == first  # until the checks pass
        release.set()
        wait_opened(qtbot, window)
        wait_listed(qtbot, window)
        assert window.project is not None and window.project.path == second
        assert window.article is not None and window.article.article.title == "Second"
        assert checked_on_ui_thread == [False]  # the pool's; the window and the list took them
    finally:
        release.set()
        window.close()


def test_a_file_the_pool_refuses_is_said_as_the_open_says_it_and_the_project_stays(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = make_project(tmp_path / "first.annotator.db", FIRST)
    hostile = make_project(tmp_path / "hostile.annotator.db", SECOND)
    with sqlite3.connect(hostile) as conn:
        conn.execute(TRIGGER)
    window = open_window(qtbot, first)
    window.auto_preannotate = False
    try:
        window.open_checked_in_pool(hostile)
        wait_opened(qtbot, window)
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None and "trigger" in box.detailedText()
        assert_plain(box, hostile)
        assert window.project is not None and window.project.path == first
        box.close()
    finally:
        window.close()


def test_a_file_changed_after_the_pool_checked_it_is_checked_again_and_refused(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_project(tmp_path / "first.annotator.db", FIRST)
    second = make_project(tmp_path / "second.annotator.db", SECOND)
    real = project_service.check_before_opening

    def then_changed(path: str | Path) -> CheckedFile:
        checked = real(path)
        with sqlite3.connect(second) as conn:  # between the pool's checks and the window's open
            conn.execute(BAD_META)  # only the file's checks see it: the schema is the app's
        return checked

    monkeypatch.setattr(project_service, "check_before_opening", then_changed)
    window = open_window(qtbot, first)
    window.auto_preannotate = False
    try:
        window.open_checked_in_pool(second)
        wait_opened(qtbot, window)
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None and "meta row" in box.detailedText()
        assert window.project is not None and window.project.path == first
        box.close()
    finally:
        window.close()


def test_an_opening_asked_later_or_a_close_drops_the_answer(
    qtbot: QtBot, tmp_path: Path, checked_on_ui_thread: list[bool]
) -> None:
    first = make_project(tmp_path / "first.annotator.db", FIRST)
    second = make_project(tmp_path / "second.annotator.db", SECOND)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        window.open_checked_in_pool(first)
        window.open_checked_in_pool(second)
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path == second
        wait_listed(qtbot, window)
        window.open_checked_in_pool(first)
        window.close_project()
        assert not window.opening and window.statusBar().currentMessage() == ""
        # The pool's answer comes meanwhile, and is dropped: waited for, not for a fixed time
        # that a loaded machine may outlast, leaving nothing to drop when the assertion runs.
        qtbot.waitUntil(lambda: not main_window._CHECKING, timeout=30_000)
        assert window.project is None
    finally:
        window.close()


def test_a_dropped_check_leaves_no_wal_or_shm_beside_the_file_it_checked(
    qtbot: QtBot, tmp_path: Path, checked_on_ui_thread: list[bool]
) -> None:
    first = make_project(tmp_path / "first.annotator.db", FIRST)
    second = make_project(tmp_path / "second.annotator.db", SECOND)
    companions = [first.with_name(first.name + suffix) for suffix in ("-wal", "-shm")]
    assert not any(c.exists() for c in companions)  # closed cleanly: SQLite removed them
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        window.open_checked_in_pool(first)
        window.open_checked_in_pool(second)  # while the pool checks the first
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path == second
        wait_listed(qtbot, window)
        qtbot.waitUntil(lambda: not main_window._CHECKING)  # the first's answer came, and was dropped
        assert checked_on_ui_thread == [False, False]
        assert [c.name for c in companions if c.exists()] == []
    finally:
        window.close()


@pytest.mark.parametrize(
    ("ending", "dropped_first"),
    [
        ("closed, destroyed", False),
        ("closed, destroyed", True),
        ("destroyed unclosed", False),
        ("quit", False),
    ],
    # Unclosed, a window with a project open leaves it open: no window is destroyed so.
    ids=["the opening out", "an opening dropped before", "destroyed unclosed", "closed as the program quits"],
)
def test_a_window_gone_while_the_pool_checks_leaves_no_wal_or_shm_beside_the_file(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    ending: str,
    dropped_first: bool,
) -> None:
    """The program quitting during a long check: the answer came to a window no longer there,
    or to no event loop, and the `-wal`/`-shm` the check made for the opening stayed beside a
    file nobody had open."""
    checked = make_project(tmp_path / "first.annotator.db", FIRST)
    other = make_project(tmp_path / "second.annotator.db", SECOND)
    companions = [checked.with_name(checked.name + suffix) for suffix in ("-wal", "-shm")]
    entered, release = threading.Event(), threading.Event()
    real = project_store.check_connection

    def held(conn: sqlite3.Connection, path: Path) -> int:
        version = real(conn, path)  # SQLite makes the -wal/-shm as it reads
        if Path(path).name == checked.name:
            entered.set()
            release.wait(20)
        return version

    monkeypatch.setattr(project_store, "check_connection", held)
    window = MainWindow(Settings(annotator="tester"))  # not the qtbot's: this test destroys it
    window.show()
    qtbot.waitUntil(lambda: window.start_finished)
    window.auto_preannotate = False
    gone: list[bool] = []
    window.destroyed.connect(lambda: gone.append(True))
    with caplog.at_level(logging.WARNING):
        window.open_checked_in_pool(checked)
        assert entered.wait(10)
        if dropped_first:  # the close finds another opening out, and this one's answer on its way
            window.open_checked_in_pool(other)
            wait_opened(qtbot, window)
        assert [c.name for c in companions if c.exists()] == [c.name for c in companions]  # the check's own
        if ending != "destroyed unclosed":
            window.close()
        if ending != "quit":
            window.deleteLater()
            qtbot.waitUntil(lambda: bool(gone))
        release.set()
        # No event is handled meanwhile, as after the event loop's end: the answer reaches no slot.
        assert QThreadPool.globalInstance().waitForDone(20_000)
        left = [c.name for c in companions if c.exists()]
        if ending == "quit":
            window.deleteLater()
            qtbot.waitUntil(lambda: bool(gone))
        qtbot.waitUntil(lambda: not main_window._CHECKING, timeout=20_000)
    assert left == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
