"""A bug nothing caught is said by the window, or by a box of its own when the window's start
failed, not only on a terminal no one sees; its traceback is in the log.

Started from the desktop's menu, or as the windowed Windows and macOS builds (no console at
all), a start that failed before its window could show ended without a word.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import annotator.ui.app as app_module
import annotator.ui.main_window as main_window_module
from annotator import cli
from annotator.services import paths
from annotator.services.logs import setup_logging
from annotator.ui.quick_start import install_excepthook
from tests.ui.conftest import open_window
from tests.ui.error_boxes import shown_error
from tests.ui.test_first_open import seen_another


class _Broken:
    """A window whose making fails as a bug in it would."""

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        raise KeyError("broken at start")


def _answer_start_box() -> list[tuple[str, str]]:
    """The text and details of each start-failure box shown, each closed with its OK button."""
    seen: list[tuple[str, str]] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QMessageBox)
                and widget.objectName() == "startFailedBox"
                and widget.isVisible()
            ):
                seen.append((widget.text(), widget.detailedText()))
                ok = widget.button(QMessageBox.StandardButton.Ok)
                assert ok is not None
                ok.click()
                return
        QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return seen


@pytest.mark.parametrize("reopened", [False, True], ids=["checked start", "reopened start"])
def test_a_start_that_fails_says_so_in_a_box_and_logs_the_traceback(
    qtbot: QtBot,
    project_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    reopened: bool,
) -> None:
    if reopened:
        seen_another(qtbot, project_path, tmp_path)  # `annotator PROJECT` paints it first
    root = logging.getLogger()
    monkeypatch.setattr(app_module, "MainWindow", _Broken)
    monkeypatch.setattr(main_window_module, "MainWindow", _Broken)
    seen = _answer_start_box()
    assert cli.main([str(project_path)]) == cli.EXIT_BUG
    assert len(seen) == 1, "no box said the start failed"
    text, details = seen[0]
    assert "could not start" in text and "not in anything you did" in text
    assert details == f"The details are in {paths.log_file()}"
    for handler in root.handlers:
        handler.flush()
    log = paths.log_file().read_text("utf-8")
    assert "Traceback" in log and "KeyError: 'broken at start'" in log
    assert "internal error" in capsys.readouterr().err  # the terminal's line, as before


@pytest.fixture(autouse=True)
def _root_handlers() -> Iterator[None]:
    """The root logger's handlers and level as they were: the start adds the log's."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.mark.parametrize("where", ["pool thread", "Python thread"])
def test_a_bug_in_another_thread_is_logged_and_said_by_the_window_on_its_own_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A pool thread's uncaught exception made the message box in that thread (Qt: "Cannot
    create children for a parent that is in a different thread"), and a Python thread's went
    to the terminal only, which a windowed build does not have."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # installed by the window's start
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    assert setup_logging() is not None
    window = open_window(qtbot, None)
    install_excepthook(window)

    def broken() -> None:
        raise ValueError("broken off the window's thread")

    if where == "pool thread":
        pool = QThreadPool()
        pool.start(broken)
        pool.waitForDone()
    else:
        thread = threading.Thread(target=broken)
        thread.start()
        thread.join()
    assert "Something went wrong in annotator" in shown_error(qtbot, window)
    for handler in logging.getLogger().handlers:
        handler.flush()
    log = paths.log_file().read_text("utf-8")
    assert "Traceback" in log and "ValueError: broken off the window's thread" in log
