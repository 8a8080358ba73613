"""An advisory lock beside a project (`NAME.lock`): who else has it open, and who may remove it.

SQLite itself keeps two writers from corrupting the file; this lock lets us *say*
so to the user (two windows on one project do not see each other's edits until
reopened), and it is what makes removing files safe. Every process that opens the
project holds a shared lock on `NAME.lock` for as long as it is open. Only a
process that can upgrade to an exclusive lock knows that nobody else has the
project open, and only then may it remove the lock file on a clean close, or
discard a project it created and never filled (see `ProjectStore.discard_if_unused`).

A process waiting for the shared lock may be handed a lock file that was just
removed; it notices (the path no longer names the file it holds) and tries again.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import IO

from annotator.store import held_files

_WAIT_SECONDS = 10.0
"""How long to wait for another process's brief exclusive hold (a removal in progress)."""


class InstanceLock:
    """Held (shared) for as long as a project is open in this process."""

    def __init__(self, project_path: Path) -> None:
        # Beside the file, not beside a link to it: two windows that open one project by
        # different names (a link on the desktop, the file in its folder) share one lock, as
        # they share SQLite's `-wal`, which SQLite names after the file the link leads to.
        # `os.path.realpath`, not `Path.resolve()`: a link round in a loop raises no error here.
        real = Path(os.path.realpath(project_path))
        self.path = real.with_name(real.name + ".lock")
        self._handle: IO[bytes] | None = None
        self._exclusive = False
        self.held_elsewhere = False

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the shared lock; False when another process (or connection) had the project open."""
        for _ in range(100):
            try:
                handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the project is open
            except OSError:
                # A read-only folder: no lock is possible, and no writes either.
                return True
            alone = _try_exclusive(handle)
            if not _shared(handle, wait=_WAIT_SECONDS):
                # Someone holds the lock exclusively for far longer than a removal takes:
                # an older release of the app. Go on without a lock, but say it is shared.
                handle.close()
                self.held_elsewhere = True
                return False
            if _names(self.path, handle):
                self._handle = handle
                self.held_elsewhere = not alone
                return alone
            handle.close()  # removed while we waited: take the new one
        self.held_elsewhere = True
        return False

    def try_exclusive(self) -> bool:
        """Upgrade to an exclusive lock without waiting: True when nobody else has the project open.

        A failed upgrade may lose the shared lock (POSIX does not convert atomically),
        so call this only on the way out.
        """
        if self._handle is None:
            return False
        if _try_exclusive(self._handle) and _names(self.path, self._handle):
            self._exclusive = True
            return True
        return False

    def release(self, *, remove: bool = True) -> None:
        """Let go; with `remove`, delete the lock file when no other process has the project open."""
        handle = self._handle
        if handle is None:
            return
        try:
            if remove and (self._exclusive or self.try_exclusive()):
                self.path.unlink(missing_ok=True)
            _unlock(handle)
        except OSError:
            pass
        finally:
            handle.close()
            self._handle = None
            self._exclusive = False


def open_by_another_name(project_path: Path) -> bool:
    """Whether another process has the SQLite file `project_path` open, as far as can be told
    without opening it: asked only of a file with more than one name (a hard link), which the
    lock beside each name cannot tell.

    SQLite names a write-ahead log after the name a file was opened by, so two processes that
    open one file by two names each write to a log the other never reads, and at the close one's
    labels overwrite the other's. What they share is the file, and SQLite's own lock on it: every
    open connection holds a read lock on its shared bytes, which a write lock there would meet.
    """
    try:
        if os.stat(project_path).st_nlink < 2 or held_files.held_here(project_path):
            # One name: the lock beside it tells. Held here: a probe's close would drop this
            # process's SQLite locks (`store.held_files`), and this window has it open already.
            return False
        fd = os.open(project_path, os.O_RDWR | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False  # read-only (nothing will be written) or gone: the opening says what it finds
    try:
        return _sqlite_readers_elsewhere(fd)
    finally:
        os.close(fd)


def _names(path: Path, handle: IO[bytes]) -> bool:
    """Whether `path` still names the file `handle` has open (it may have been removed meanwhile)."""
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    held = os.fstat(handle.fileno())
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    # Windows has no shared flock: the first process keeps an exclusive byte lock, others
    # run without one (and are told the project is open elsewhere), as before.
    def _try_exclusive(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _shared(handle: IO[bytes], *, wait: float) -> bool:
        return True

    def _unlock(handle: IO[bytes]) -> None:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

    def _sqlite_readers_elsewhere(fd: int) -> bool:
        return False  # SQLite's locks are per handle here, and no probe can see them

else:
    import fcntl

    def _try_exclusive(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _shared(handle: IO[bytes], *, wait: float) -> bool:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
                return True
            except OSError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.005)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    _SQLITE_SHARED_FIRST = 0x40000000 + 2
    """Where SQLite's read locks on a database file begin (its `PENDING_BYTE` + 2), over 510 bytes."""
    _SQLITE_SHARED_SIZE = 510

    def _sqlite_readers_elsewhere(fd: int) -> bool:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, _SQLITE_SHARED_SIZE, _SQLITE_SHARED_FIRST)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, _SQLITE_SHARED_SIZE, _SQLITE_SHARED_FIRST)
        return False
