"""The project files this process has open through SQLite, so nothing else here opens them raw.

SQLite guards a WAL project with POSIX record locks, and POSIX drops *every* lock a process
holds on a file as soon as the process closes *any* descriptor of that file. A header check
that did `os.open` + `os.close` on the window's own project (a second, in-process open for
the text search) silently dropped the window's locks. The next background process to close
its connection then believed it was the last one: it checkpointed, deleted the `-wal`, and
every label the window saved afterwards went into a deleted file, lost at quit.

SQLite keeps its own descriptors open until its last connection to the file closes; this
registry lets the store's other readers do the same: they ask before opening a file raw.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path

_lock = threading.Lock()
_open: Counter[tuple[int, int]] = Counter()


def file_key(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file `path` names, through links; None when it cannot be told."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def hold(path: Path) -> tuple[int, int] | None:
    """Count a SQLite connection to `path` as open; the key to `let_go` with."""
    key = file_key(path)
    if key is not None:
        with _lock:
            _open[key] += 1
    return key


def let_go(key: tuple[int, int] | None) -> None:
    if key is None:
        return
    with _lock:
        _open[key] -= 1
        if _open[key] <= 0:
            del _open[key]


def held_here(path: Path) -> bool:
    """Whether a connection in this process has the file `path` names open (any of its names)."""
    key = file_key(path)
    with _lock:
        return key is not None and key in _open
