"""One log file for the CLI and the window alike.

Tracebacks belong here, never in a dialog or on the terminal; a windowed build has no
console, so this file is where a user's bug report starts.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from annotator.services.paths import log_file
from annotator.services.regular_files import NotRegularFileError, open_regular

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MAX_BYTES = 2_000_000
_BACKUPS = 3
NOT_STARTED = "logging was not started"
"""`LogStatus.problem` before `setup_logging` (a test, a helper): no file was tried, none failed."""


class RotatingLog(logging.Handler):
    """The stdlib's `RotatingFileHandler` on `path`, made when the first record comes, and only
    ever writing to a regular file (`_regular_rotating_file`).

    `logging.handlers` imports socket, pickle and queue (5 ms) that a window which logs
    nothing before its first paint does not need then. Records go through this handler's
    lock, so the file handler is made once, whatever thread logs first.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = os.path.abspath(path)  # as a FileHandler names its file
        self._file: logging.Handler | None = None
        self.problem = ""  # why nothing is written, once the file could not be opened

    def emit(self, record: logging.LogRecord) -> None:
        if self.problem:
            return
        if self._file is None:
            try:
                self._file = _regular_rotating_file(self.baseFilename)
            except OSError as exc:
                # Off for the session, and said by whoever names the log (`log_status`).
                self.problem = _why(exc, Path(self.baseFilename))
                return
            self._file.setFormatter(self.formatter)
        self._file.emit(record)
        failure = getattr(self._file, "failure", None)
        if failure is not None:
            # A full disk or a folder gone read-only: the stdlib printed "--- Logging error ---"
            # and a traceback on the terminal for every record after. Off for the session, as
            # when the file cannot be opened, and `log_status` says why.
            self.problem = _why(failure, Path(self.baseFilename))
            file, self._file = self._file, None
            with contextlib.suppress(OSError):  # its close flushes what the disk refused
                file.close()

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _regular_rotating_file(path: str) -> logging.Handler:
    """A `RotatingFileHandler` on `path` whose every open (the first, and each after a roll-over)
    goes through `open_regular`.

    The stdlib's own open of a FIFO in append mode waits for a reader: a FIFO where the log
    should be hung every start, the CLI's included, before it did anything.
    """
    import logging.handlers

    class RegularRotatingFile(logging.handlers.RotatingFileHandler):
        failure: OSError | None = None
        """Why the last record could not be written, for `RotatingLog` to turn the log off."""

        def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - the stdlib's name
            error = sys.exc_info()[1]
            if isinstance(error, OSError):
                self.failure = error
            else:  # a log call's own mistake (bad arguments): the stdlib's report, as before
                super().handleError(record)

        def _open(self) -> io.TextIOWrapper:
            fd = open_regular(Path(self.baseFilename), os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    # backslashreplace: a file name that is not UTF-8 reaches Python with surrogate escapes,
    # and a strict encoder printed "--- Logging error ---" and a traceback on the terminal
    # instead of the record; the log keeps the bad bytes as \udcff.
    return RegularRotatingFile(
        path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", errors="backslashreplace"
    )


class _NoLog(logging.NullHandler):
    """Where records go when the log file cannot be written: nowhere, with the reason kept."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


@dataclass(frozen=True)
class LogStatus:
    """The log file records go to, or (`path` None) why none is written, in one line."""

    path: Path | None
    problem: str = ""


def log_status() -> LogStatus:
    """The log being written now, for a message that sends a person to it.

    A message naming the log file when none could be written sent people to a file that is not
    there; without one, they are told why.
    """
    for handler in logging.getLogger().handlers:
        if hasattr(handler, "annotator_log"):
            problem = str(getattr(handler, "problem", ""))
            if problem:
                return LogStatus(None, problem)
            return LogStatus(Path(handler.annotator_log))
    return LogStatus(None, NOT_STARTED)


def _why(exc: OSError, path: Path) -> str:
    """One line on why `path` cannot be the log, naming the file or folder at fault."""
    if isinstance(exc, NotRegularFileError):
        return str(exc)
    if isinstance(exc, FileExistsError):  # from mkdir: a file where the log folder should be
        return f"{exc.filename or path.parent} is a file, not a folder"
    return f"{exc.filename or path}: {exc.strerror or exc}"


def setup_logging(*, verbose: bool = False) -> Path | None:
    """Send all logging to a rotating file in the user log dir; returns its path (None if unwritable).

    Safe to call more than once: a second call with the same log dir changes nothing,
    and a changed dir (ANNOTATOR_HOME in tests) moves the handler there. The file is opened
    once here, by `open_regular` as every later open: anything but a regular file (or a new one)
    turns logging off for the session, which `log_status` then says.
    """
    path = log_file()
    root = logging.getLogger()
    for existing in [h for h in root.handlers if hasattr(h, "annotator_log")]:
        if getattr(existing, "annotator_log", None) == path:
            return log_status().path
        root.removeHandler(existing)
        existing.close()
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # writable now, as the file handler would find it
        os.close(open_regular(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT))
        handler = RotatingLog(path)
        written: Path | None = path
    except OSError as exc:
        handler, written = _NoLog(_why(exc, path)), None
    handler.setFormatter(logging.Formatter(_FORMAT))
    setattr(handler, "annotator_log", path)  # noqa: B010 - a marker on a stdlib object
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return written
