"""Qt's own warnings reach the log file (`ui.qt_messages`), not only a stderr nobody reads."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import qDebug, qWarning
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.logging import _QtMessageCapture
from pytestqt.qtbot import QtBot

import annotator.ui.qt_messages as qt_messages
from annotator.services.logs import setup_logging
from annotator.ui.qt_messages import BURST, WINDOW, QtMessages
from annotator.ui.quick_start import make_application

PAINT_WARNING = "QPainter::begin: Paint device returned engine == 0, type: 3"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    """A handler of this test's own (no counts from another test), on a clock the test moves;
    the root logger's handlers and level as they were after it."""
    clock = Clock()
    monkeypatch.setattr(qt_messages, "_messages", QtMessages(clock=clock))
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield clock
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def log_text() -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    path = setup_logging()
    assert path is not None
    return path.read_text("utf-8")


def paint_on_nothing() -> None:
    """What a paint on a widget not ready to be painted meets: Qt's own warning."""
    painter = QPainter()
    assert not painter.begin(QImage())


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_qt_warning_after_the_app_starts_is_in_the_log(clock: Clock, qtlog: _QtMessageCapture) -> None:
    setup_logging()
    make_application()
    paint_on_nothing()
    assert f"WARNING qt: {PAINT_WARNING}" in log_text()
    # The test's own capture of Qt's messages still sees it (the handler before is called too).
    assert [r.message for r in qtlog.records] == [PAINT_WARNING]


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_warning_every_frame_is_written_once_a_minute_with_its_count(clock: Clock) -> None:
    setup_logging()
    make_application()
    messages = qt_messages._messages
    assert messages is not None
    for _ in range(500):  # a paint warning each frame for a few seconds
        paint_on_nothing()
    assert log_text().count(PAINT_WARNING) == 1
    clock.now += WINDOW + 1
    paint_on_nothing()
    assert f"{PAINT_WARNING} (came 499 more times since it was last written)" in log_text()
    paint_on_nothing()
    paint_on_nothing()
    messages.flush()  # the app's end
    lines = [line for line in log_text().splitlines() if PAINT_WARNING in line]
    assert len(lines) == 3
    assert lines[-1].endswith(f"{PAINT_WARNING} (came 2 more times since it was last written)")


@pytest.mark.qt_log_ignore("flood")
def test_a_flood_of_different_messages_is_cut_and_counted(clock: Clock) -> None:
    setup_logging()
    make_application()
    for number in range(BURST + 80):
        qWarning(f"flood {number}")
    text = log_text()
    assert f"flood {BURST - 1}" in text and f"flood {BURST}\n" not in text
    clock.now += WINDOW
    qWarning("flood after a minute")
    text = log_text()
    assert "WARNING qt: 80 more Qt messages were not written (more than 20 in a minute)" in text
    assert "flood after a minute" in text


@pytest.mark.parametrize("verbose", [False, True], ids=["plain", "verbose"])
def test_qt_debug_messages_only_in_a_verbose_log(clock: Clock, verbose: bool) -> None:
    setup_logging(verbose=verbose)
    make_application()
    qDebug("a Qt debug message")
    assert ("DEBUG qt: a Qt debug message" in log_text()) is verbose


@pytest.mark.qt_log_ignore("This plugin does not support raise")
@pytest.mark.parametrize("verbose", [False, True], ids=["plain", "verbose"])
def test_the_offscreen_plugins_notes_stay_out_of_the_log_unless_verbose(
    qtbot: QtBot, clock: Clock, verbose: bool
) -> None:
    setup_logging(verbose=verbose)
    make_application()
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    widget.raise_()  # offscreen: "This plugin does not support raise()"
    text = log_text()
    assert "WARNING qt" not in text
    assert ("DEBUG qt: This plugin does not support raise()" in text) is verbose


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_failure_inside_the_handler_never_reaches_the_code_qt_warned_in(
    clock: Clock, monkeypatch: pytest.MonkeyPatch, qtlog: _QtMessageCapture
) -> None:
    setup_logging()
    make_application()
    messages = qt_messages._messages
    assert messages is not None

    def broken(*_: object) -> list[object]:
        raise RuntimeError("a bug in the handler")

    monkeypatch.setattr(messages, "_lines", broken)
    paint_on_nothing()  # raised out of qWarning into the paint, a bug box each frame
    assert [r.message for r in qtlog.records] == [PAINT_WARNING]


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_messages_before_the_log_is_set_up_are_written_once_it_is(
    clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first paint of a reopened project makes the application before the log is set up.
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    messages = qt_messages.install_qt_messages()
    paint_on_nothing()
    path = setup_logging()
    assert path is not None
    messages.write_held()
    assert f"WARNING qt: {PAINT_WARNING}" in log_text()


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_from_a_terminal_qt_messages_are_printed_too_with_repeats_counted(
    clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = io.StringIO()
    monkeypatch.setattr(qt_messages._messages, "echo", terminal)
    setup_logging()
    make_application()
    for _ in range(10):
        paint_on_nothing()
    qWarning("QPainter::begin: once more")
    assert terminal.getvalue() == f"{PAINT_WARNING}\nQPainter::begin: once more\n"
