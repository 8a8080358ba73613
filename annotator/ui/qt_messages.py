"""Qt's own warnings and errors, written to the app's log.

Qt writes its messages ("QPainter::begin: ...", a font or platform plugin that would not load)
to stderr, which a start from the desktop's menu loses and a windowed build does not have: a bug
report built from the log never showed them. They go to the log under the logger `qt` (`qt.`
and the message's category, `qt.qpa.xcb`), at the level Qt gave them; Qt's debug messages only
when the log is verbose (`-v`). From a terminal they are printed on stderr as well, as Qt printed
them, for whoever develops the app.

A message that repeats (a paint warning every frame) is written once a minute at most, with how
many times it came meanwhile, and the rest once the app ends; and a flood of different ones is
cut at `BURST` lines a minute, saying how many were left out. Nothing raised here reaches Qt.

Standard library and `QtCore` only: installed before the first paint of a reopened project,
which may load little (`tests/ui/test_quick_start.py`).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from PySide6.QtCore import qInstallMessageHandler

WINDOW = 60.0
"""Seconds a repeated message waits before it is written again (with its count)."""
BURST = 20
"""Qt's lines written at most in one `WINDOW`; a flood of different messages is cut there."""
HELD = 100
"""Messages kept, at most, from before the log is set up (the start's first paint)."""
_KEEP = 500
"""Different messages remembered for their repeats; the oldest are forgotten past it."""

# QtMsgType's values (QtDebugMsg, QtWarningMsg, QtCriticalMsg, QtFatalMsg, QtInfoMsg) as the
# logging levels they are: read as numbers, without building PySide6's enums before the first paint.
_LEVELS = {0: logging.DEBUG, 1: logging.WARNING, 2: logging.ERROR, 3: logging.CRITICAL, 4: logging.INFO}
_FATAL = 3

PLATFORM_NOTES = ("This plugin does not support", "Wayland does not support QWindow::requestActivate")
"""Warnings of a platform that lacks a feature the app asks for in passing (the offscreen
plugin's `propagateSizeHints()` and `raise()`, Wayland's activation): nothing wrong with the app
or the computer, written at debug level, so a log holds them only when verbose."""

Handler = Callable[[Any, Any, str], object]
_Line = tuple[str, int, str]
"""A line to write: the message's category, its level and its text."""


class _Seen:
    """When a message was last written, and how many times it came since."""

    __slots__ = ("repeats", "written_at")

    def __init__(self, written_at: float) -> None:
        self.written_at = written_at
        self.repeats = 0


class QtMessages:
    """The message handler: each Qt message to the log (and a terminal), repeats counted."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, echo: TextIO | None = None) -> None:
        self.clock = clock
        self.echo = echo
        """Where messages are printed as well (stderr when it is a terminal), or None."""
        self.previous: Handler | None = None
        """The handler installed before this one (a test's capture), which still gets every message."""
        self._lock = threading.RLock()
        self._local = threading.local()  # a message raised while one is handled is not handled again
        self._seen: dict[tuple[int, str, str], _Seen] = {}  # by level, category and text
        self._window_start = float("-inf")
        self._written = 0
        self._left_out = 0
        self._held: list[logging.LogRecord] = []

    def __call__(self, kind: Any, context: Any, message: str) -> None:
        if not getattr(self._local, "busy", False):
            self._local.busy = True
            # Raised into Qt, an error here came out of the paint or the call Qt warned in (the
            # window's bug box, each frame) or ended the app: the message is lost instead.
            try:
                with contextlib.suppress(Exception):
                    self._take(kind, context, message)
            finally:
                self._local.busy = False
        previous = self.previous
        if previous is not None:
            with contextlib.suppress(Exception):
                previous(kind, context, message)

    def _take(self, kind: Any, context: Any, message: str) -> None:
        value = int(getattr(kind, "value", kind))
        level = _LEVELS.get(value, logging.WARNING)
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
        category = str(getattr(context, "category", None) or "default")
        if logging.WARNING <= level < logging.CRITICAL and text.startswith(PLATFORM_NOTES):
            level = logging.DEBUG
        logger = logging.getLogger(_logger_name(category))
        if self.echo is None and value != _FATAL and not self._may_log(logger, level):
            return  # a debug message, not verbose: nothing to write, nothing to count
        with self._lock:
            lines = self._lines(level, category, text)
        self._write_lines(lines)
        if value == _FATAL:  # Qt ends the process when this returns: the log must hold why
            self.write_held()
            for handler in logging.getLogger().handlers:
                handler.flush()

    def _lines(self, level: int, category: str, text: str) -> list[_Line]:
        """What to write for this message now: nothing if it repeats within `WINDOW` or the
        minute's `BURST` is spent; else the message (with its repeats since it was last written)
        and, first, how many lines the last flood left out."""
        now = self.clock()
        key = (level, category, text)
        seen = self._seen.get(key)
        if seen is not None and now - seen.written_at < WINDOW and level != logging.CRITICAL:
            seen.repeats += 1
            return []
        lines: list[_Line] = []
        if now - self._window_start >= WINDOW:
            if self._left_out:
                lines.append(("default", logging.WARNING, _left_out_line(self._left_out)))
            self._window_start, self._written, self._left_out = now, 0, 0
        if self._written >= BURST and level != logging.CRITICAL:
            self._left_out += 1
            if seen is not None:
                seen.repeats += 1  # counted with its next line, not written now
            return lines
        self._written += 1
        repeats = seen.repeats if seen is not None else 0
        self._seen.pop(key, None)
        self._seen[key] = _Seen(now)
        while len(self._seen) > _KEEP:
            forgotten = next(iter(self._seen))
            if self._seen[forgotten].repeats:  # its count written before it goes
                level_of, category_of, text_of = forgotten
                lines.append((category_of, level_of, _repeats_line(text_of, self._seen[forgotten].repeats)))
            del self._seen[forgotten]
        lines.append((category, level, _repeats_line(text, repeats) if repeats else text))
        return lines

    def flush(self) -> None:
        """Write what is still counted or held: the repeats since each message was last
        written, and the lines a flood left out (at the app's end)."""
        lines: list[_Line] = []
        with self._lock:
            for (level, category, text), seen in self._seen.items():
                if seen.repeats:
                    lines.append((category, level, _repeats_line(text, seen.repeats)))
                    seen.repeats = 0
            if self._left_out:
                lines.append(("default", logging.WARNING, _left_out_line(self._left_out)))
                self._left_out = 0
        self._write_lines(lines)
        self.write_held()

    def _write_lines(self, lines: list[_Line]) -> None:
        for category, level, line in lines:
            self._write(logging.getLogger(_logger_name(category)), level, line)
            if self.echo is not None:  # as Qt printed it
                self.echo.write((line if category == "default" else f"{category}: {line}") + "\n")
        if self.echo is not None and lines:
            self.echo.flush()

    def write_held(self) -> None:
        """Write the messages that came before the log was set up (none are, once it is)."""
        with self._lock:
            if not logging.getLogger().handlers:
                return
            held, self._held = self._held, []
        for record in held:
            logger = logging.getLogger(record.name)
            if logger.isEnabledFor(record.levelno):
                logger.handle(record)

    def _write(self, logger: logging.Logger, level: int, line: str) -> None:
        if not logging.getLogger().handlers:
            # Before the log is set up (the first paint of a reopened project, which sets it up
            # after): kept with its time, and written once it is (`write_held`).
            with self._lock:
                if len(self._held) < HELD:
                    self._held.append(logger.makeRecord(logger.name, level, "(qt)", 0, line, (), None))
            return
        self.write_held()
        if logger.isEnabledFor(level):
            logger.log(level, line)

    @staticmethod
    def _may_log(logger: logging.Logger, level: int) -> bool:
        """Whether a message at `level` may be written: at once, or once the log is set up
        (whose level is not known before)."""
        return logger.isEnabledFor(level) or not logging.getLogger().handlers


def _logger_name(category: str) -> str:
    """`qt` for Qt's plain messages, else `qt.` and the category (`qt.qpa.xcb` as it is)."""
    if category == "default":
        return "qt"
    return category if category == "qt" or category.startswith("qt.") else f"qt.{category}"


def _repeats_line(text: str, repeats: int) -> str:
    return f"{text} (came {repeats} more times since it was last written)"


def _left_out_line(count: int) -> str:
    return f"{count} more Qt messages were not written (more than {BURST} in a minute)"


_messages: QtMessages | None = None


def install_qt_messages() -> QtMessages:
    """Send Qt's messages to the log from now on (again after a test's handler replaced it); the
    handler that was installed, if another, still gets each one.

    Installed before the QApplication is made: the platform plugin's and the fonts' messages
    come while it is.
    """
    global _messages
    if _messages is None:
        stderr = sys.stderr
        terminal = stderr is not None and _is_terminal(stderr)
        _messages = QtMessages(echo=stderr if terminal else None)
        atexit.register(_messages.flush)  # after logging's own: runs before it
    messages: QtMessages = _messages
    previous = qInstallMessageHandler(messages)
    if previous is not messages:
        messages.previous = previous
    return messages


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError, AttributeError):
        return False
