"""Where Qt keeps the window's place (window.ini), once checked that Qt may read it.

A module of its own, with nothing but the standard library and `services.paths`: the first
paint of a reopened project restores the window's place, and imports only what it needs
(`tests/ui/test_quick_start.py`).
"""

from __future__ import annotations

import logging
import stat
import tempfile
from pathlib import Path

from annotator.services.paths import window_file

log = logging.getLogger(__name__)

MAX_WINDOW_FILE_BYTES = 1_000_000
"""Far more than Qt writes (a few kilobytes); a larger file is not the window's place."""


def usable_window_file() -> Path:
    """window.ini, once whatever is there that Qt must not read is set aside: a file only.

    Qt reads window.ini whole at each start, and at each close writes it: a FIFO there (or a
    link to one, or to /dev/zero) held every start still, before the window showed, until it
    was removed by hand, as a FIFO in place of settings.json did. Anything but a regular file
    of at most `MAX_WINDOW_FILE_BYTES` is renamed window.broken.ini, and the window opens at its
    default place. Where it cannot be renamed (a read-only folder), Qt is given a new file in
    the temporary folder instead, forgotten at the next start.
    """
    path = window_file()
    try:
        found = path.stat()
    except (OSError, ValueError):
        return path  # none yet (Qt makes it at the first close), or a link to nothing
    if stat.S_ISREG(found.st_mode) and found.st_size <= MAX_WINDOW_FILE_BYTES:
        return path
    aside = path.with_name("window.broken.ini")
    log.warning(
        "%s is not a window file Qt may read (mode %o, %d bytes); set aside",
        path,
        found.st_mode,
        found.st_size,
    )
    try:
        path.replace(aside)
    except OSError as exc:
        log.warning("cannot set %s aside (%s); the window's place is kept for this run only", path, exc)
        return _run_window_file()
    return path


_run_files: list[Path] = []


def _run_window_file() -> Path:
    """A window.ini of this run only, in a folder of its own in the temporary folder."""
    if not _run_files:
        _run_files.append(Path(tempfile.mkdtemp(prefix="annotator-window-")) / "window.ini")
    return _run_files[0]
