"""One log file for the CLI and the window alike.

Tracebacks belong here, never in a dialog or on the terminal; a windowed build has no
console, so this file is where a user's bug report starts.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from annotator.services.paths import log_file

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


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
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        written: Path | None = path
    except OSError:
        handler, written = logging.NullHandler(), None
    handler.setFormatter(logging.Formatter(_FORMAT))
    setattr(handler, "annotator_log", path)  # noqa: B010 - a marker on a stdlib object
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return written
