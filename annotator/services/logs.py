"""One log file for the CLI and the window alike.

Tracebacks belong here, never in a dialog or on the terminal; a windowed build has no
console, so this file is where a user's bug report starts.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from annotator.services.paths import log_file

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MAX_BYTES = 2_000_000
_BACKUPS = 3


class RotatingLog(logging.Handler):
    """The stdlib's `RotatingFileHandler` on `path`, made when the first record comes.

    `logging.handlers` imports socket, pickle and queue (5 ms) that a window which logs
    nothing before its first paint does not need then. Records go through this handler's
    lock, so the file handler is made once, whatever thread logs first.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = os.path.abspath(path)  # as a FileHandler names its file
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            try:
                # backslashreplace: a file name that is not UTF-8 reaches Python with surrogate
                # escapes, and a strict encoder printed "--- Logging error ---" and a traceback on
                # the terminal instead of the record; the log keeps the bad bytes as \udcff.
                self._file = logging.handlers.RotatingFileHandler(
                    self.baseFilename,
                    maxBytes=_MAX_BYTES,
                    backupCount=_BACKUPS,
                    encoding="utf-8",
                    errors="backslashreplace",
                )
            except OSError:
                self.handleError(record)
                return
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging(*, verbose: bool = False) -> Path | None:
    """Send all logging to a rotating file in the user log dir; returns its path (None if unwritable).

    Safe to call more than once: a second call with the same log dir changes nothing,
    and a changed dir (ANNOTATOR_HOME in tests) moves the handler there.
    """
    path = log_file()
    root = logging.getLogger()
    for existing in [h for h in root.handlers if hasattr(h, "annotator_log")]:
        if getattr(existing, "annotator_log", None) == path:
            return path
        root.removeHandler(existing)
        existing.close()
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8"):  # writable now, as the file handler would find it
            pass
        handler = RotatingLog(path)
        written: Path | None = path
    except OSError:
        handler, written = logging.NullHandler(), None
    handler.setFormatter(logging.Formatter(_FORMAT))
    setattr(handler, "annotator_log", path)  # noqa: B010 - a marker on a stdlib object
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return written
