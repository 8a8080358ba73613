"""Project files this process has checked, by the state of their bytes on disk, so that a second
connection to a file this process holds open does not make the same checks again.

Opening a project made the file's checks (`project_store.check_connection`) on the window's
thread, and then again on each connection the pool opened to the same file: the article list
read as the project opens, the lists read again after a merge or another's save, the team
figures. On 10,000 articles that repeated 0.1-0.3 s of reading before the list could show.

A file counts as checked while nothing about it has changed since a check passed: the
project's and its write-ahead log's device, inode, size, modification and status-change
times (`FileState`). A commit by any connection grows or rewrites the `-wal`, a checkpoint
writes the project file, a replacement gives another inode, so any of them makes the next
connection check again. Only a file that a connection of this process holds open
(`held_files`) is taken as checked: a file opened afresh, or again after it was closed, is
always checked in full. What this does not see is a write that keeps the sizes and lands in
the same tick of the file system's clock as the previous one; the checks never guarded
against a writer that shares the file after them either (they run once, at open).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

from annotator.store.held_files import held_here

StatKey = tuple[int, int, int, int, int]
"""(device, inode, size, modification time, status-change time) of one file, in ns."""

FileState = tuple[StatKey, StatKey | None]
"""The project file's `StatKey`, and its `-wal`'s (None when there is none or it is empty)."""


class CheckedFile(NamedTuple):
    """A project file whose checks passed on one thread, for an opening on another: the state it
    had throughout the checks (None if it changed meanwhile) and its schema version."""

    state: FileState | None
    version: int
    kept: tuple[str, ...] = ()
    """The `-wal`/`-shm` the checks made and left for the opening (`check_to_open`), by suffix:
    an opening that does not follow removes them (`project_store.let_go_of_check`)."""


_KEPT = 8
"""Checked states remembered at most: one a project open, and a few for files opened beside it."""

_lock = threading.Lock()
_checked: OrderedDict[FileState, int] = OrderedDict()


def _stat_key(path: Path) -> StatKey | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def file_state(path: Path) -> FileState | None:
    """The state of `path`'s bytes as the file system tells it, or None if it cannot be told.

    An empty `-wal` counts as none: it holds no page, and a read-only check of a project makes
    one where there was none.
    """
    project = _stat_key(path)
    if project is None:
        return None
    wal = _stat_key(path.with_name(path.name + "-wal"))
    return project, (wal if wal is not None and wal[2] > 0 else None)


def remember(before: FileState | None, after: FileState | None, version: int) -> None:
    """Take note that the checks passed on a file whose state was `before` when they began and
    `after` when they ended (schema `version`); a file changed meanwhile is not taken as checked."""
    if before is None or before != after or version <= 0:
        return
    with _lock:
        _checked[before] = version
        _checked.move_to_end(before)
        while len(_checked) > _KEPT:
            _checked.popitem(last=False)


def checked_version(path: Path) -> int | None:
    """The schema version of `path` if this process holds the file open and checked it as it is
    now, else None (check it)."""
    if not held_here(path):
        return None
    state = file_state(path)
    with _lock:
        return _checked.get(state) if state is not None else None
