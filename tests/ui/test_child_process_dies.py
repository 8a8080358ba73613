"""Background work whose child process dies without a word (killed, out of memory): the window
says which work stopped and what to do, in its own words, and trying again works.

The box said "The background preannotate_opened process stopped unexpectedly (exit code -9);
your labels are safe: start it again.": the program's name for the work, a signal number, and
"start it again" for work the person never started (opening a project starts it).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import annotator.ui.subprocess_work as subprocess_work
from annotator.core.errors import AnnotatorError
from annotator.ui.error_text import explain
from tests.ui.conftest import make_project, open_window, wikinews_texts


def _die(*_args: object, **_kwargs: object) -> None:
    """A child killed as it works, as the system's out-of-memory killer or `kill -9` does."""
    if hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(1)


@pytest.mark.slow  # a window and a spawned child: seconds
def test_a_killed_opening_pre_annotation_says_what_stopped_and_what_to_do(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_project(tmp_path / "fresh.annotator.db", wikinews_texts(), analyse=False)
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate_opened", _die)
    window = open_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=60_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert isinstance(box, QMessageBox)
        said = box.text()
        assert said.startswith("Pre-annotation stopped unexpectedly"), said
        assert "preannotate" not in said and "exit code" not in said
        assert "Pre-annotate All" in said  # how to go on: the person did not start it
        assert "exit code" in box.detailedText()  # for whoever reads the log
        assert window.statusBar().currentMessage() == said
        box.close()
        # Tried again, it runs: the killed child left nothing in the way.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: not window.busy)
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        assert window.preannotating
    finally:
        window.close()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("preannotate", "Pre-annotation stopped unexpectedly"),
        ("preannotate_opened", "Pre-annotation stopped unexpectedly"),
        ("import", "The import stopped unexpectedly"),
        ("export", "The export stopped unexpectedly"),
        ("train", "Training stopped unexpectedly"),
        ("release", "The release stopped unexpectedly"),
    ],
)
def test_each_kind_of_work_is_named_in_plain_words(name: str, words: str) -> None:
    exc = subprocess_work.ChildEndedError(name, -9)
    assert isinstance(exc, AnnotatorError)
    said = explain(exc)
    assert said.text.startswith(words), said.text
    assert f"background {name} process" not in said.text and "-9" not in said.text
    assert "your labels are safe" in said.text.lower()
    assert "-9" in said.details
    assert "stopped unexpectedly" in str(exc)  # the log's line, as before
