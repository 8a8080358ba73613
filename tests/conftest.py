"""Test settings shared by every test: headless Qt, isolated user directories."""

from __future__ import annotations

import atexit
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

DATA = Path(__file__).parent / "data"

# Timings never decide a test: Hypothesis's 200 ms deadline per example failed a reader's property
# test on a loaded two-core machine (320 ms), as no assertion of its would.
settings.register_profile("annotator", deadline=None)
settings.load_profile("annotator")

# Set before anything imports Qt: tests never need a screen. The offscreen screen is a common
# desktop's 1920x1080 (Qt's own is 800x800), so windows open at the size people see; the tests
# of small screens give the window a smaller one.
os.environ.setdefault(
    "QT_QPA_PLATFORM", f"offscreen:configfile={Path(__file__).with_name('offscreen-screen.json')}"
)
# Qt's own file dialog keeps its history and column widths in the user's config folder
# (`QtProject.conf`): tests that open it must not write the tester's. One folder for the run,
# set before Qt reads it, and removed after.
_RUN_CONFIG = tempfile.mkdtemp(prefix="annotator-tests-config-")
os.environ["XDG_CONFIG_HOME"] = _RUN_CONFIG
atexit.register(shutil.rmtree, _RUN_CONFIG, ignore_errors=True)
# Each test gets its own ANNOTATOR_HOME (`_isolated_user_dirs`), but a module's or session's
# fixture is set up before it, and a conftest of test files kept elsewhere that imports this one
# with `import *` leaves out its `_`-named fixtures: a window opened there made its daily copy in
# the tester's own data folder, and every later Restore from a Backup run there listed it. The
# run's own folder, set as this module loads, is where such work goes.
_RUN_HOME = tempfile.mkdtemp(prefix="annotator-tests-home-")
os.environ["ANNOTATOR_HOME"] = _RUN_HOME
atexit.register(shutil.rmtree, _RUN_HOME, ignore_errors=True)


WINDOW_TEST_WEIGHT = 3
"""How many times longer a window test takes than another, about (0.7 s against 0.25 s a test)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest test files first, each file's tests in their own order.

    `make test` gives each of its two processes a whole file at a time, in this order. In
    the order of the folders the window's files came last, among them some of the longest,
    and one process ran the last of them for about a minute while the other had finished.
    Longest first leaves short files for the end, where the two processes even out. The
    length is guessed, not measured: the number of tests, window tests weighing more.
    """
    files: dict[Path, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.path, []).append(item)

    def weight(path: Path) -> int:
        return len(files[path]) * (WINDOW_TEST_WEIGHT if path.parent.name == "ui" else 1)

    items[:] = [item for path in sorted(files, key=weight, reverse=True) for item in files[path]]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Captured output and logs with a file name that is not UTF-8 (tests of such names log them,
    as surrogate escapes) written as backslash escapes: pytest-xdist sends every report from its
    worker as UTF-8, and one such character ended the whole run with an internal error."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    report.sections = [(title, _utf8_safe(text)) for title, text in report.sections]


def _utf8_safe(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point config, data and log dirs at a temp folder so tests never touch the real ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_HOME", str(home))


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def new_york_clock() -> Iterator[str]:
    """This computer's clock set to New York's time (EDT, UTC-4 in May), and put back after;
    gives the zone's names.

    A POSIX rule rather than a zone name, so no zone database is needed.
    """
    before = os.environ.get("TZ")
    os.environ["TZ"] = "EST5EDT,M3.2.0,M11.1.0"
    time.tzset()
    try:
        yield "EST/EDT"
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture(autouse=True)
def _no_leftovers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves threads, pool work, timers or windows behind.

    Leftovers make later tests flaky and hide real bugs (a worker that writes after its
    window closed). Runs after pytest-qt has closed the widgets a test registered.
    """
    threads_before = set(threading.enumerate())
    yield
    problems: list[str] = []
    if "PySide6.QtWidgets" in sys.modules:
        problems += _qt_leftovers()
    for thread in set(threading.enumerate()) - threads_before:
        if isinstance(thread, threading._DummyThread):
            continue  # a Qt pool thread that ran Python code: covered by the QThreadPool check
        thread.join(timeout=5)
        if thread.is_alive():
            problems.append(f"thread {thread.name!r} still running")
    for child in multiprocessing.active_children():
        child.join(timeout=5)
        if child.is_alive():
            problems.append(f"child process {child.name!r} still running")
    deadline = time.monotonic() + 5
    while (keepers := _running_keepers()) and time.monotonic() < deadline:
        time.sleep(0.02)
    problems += [f"keeping process {pid} still running" for pid in keepers]
    if problems:
        pytest.fail("test left things behind: " + "; ".join(problems), pytrace=False)


def _running_keepers() -> list[int]:
    """This process's children running `store.keeper_child` (Linux's /proc; elsewhere none):
    a project left open by a test, or a keeper not stopped with its project."""
    if not sys.platform.startswith("linux"):
        return []
    found = []
    for task in Path("/proc/self/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue  # a thread gone meanwhile, or a kernel without the list
        for pid in children:
            try:
                if b"keeper_child" in Path("/proc", pid, "cmdline").read_bytes():
                    found.append(int(pid))
            except OSError:
                continue  # gone meanwhile
    return found


def _qt_leftovers() -> list[str]:
    from PySide6.QtCore import QCoreApplication, QEvent, QThread, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return []
    problems = []
    if not QThreadPool.globalInstance().waitForDone(10_000):
        problems.append("QThreadPool work still running")
    # Let deleteLater() of closed widgets happen before we look.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if windows:
        problems.append("open windows: " + ", ".join(type(w).__name__ for w in windows))
        for window in windows:
            window.close()
            window.deleteLater()
    owners = [app, *QApplication.allWidgets()]
    threads = {id(t): t for owner in owners for t in owner.findChildren(QThread) if t.isRunning()}
    for thread in threads.values():
        if not thread.wait(5000):
            problems.append(f"QThread {thread.objectName() or type(thread).__name__} still running")
    timers = [t for t in app.findChildren(QTimer) if t.isActive()]
    for widget in QApplication.allWidgets():
        timers += [t for t in widget.findChildren(QTimer) if t.isActive()]
    if timers:
        names = ", ".join(t.objectName() or "unnamed" for t in timers)
        problems.append(f"{len(timers)} active QTimer(s): {names}")
        for timer in timers:
            timer.stop()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return problems
