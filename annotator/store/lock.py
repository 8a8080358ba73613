"""An advisory lock that tells whether another app instance has the project open.

SQLite itself keeps two writers from corrupting the file; this lock only lets us
*say* so to the user, because two windows on one project do not see each
other's edits until reopened.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO


class InstanceLock:
    """Held for as long as a project is open in this process."""

    def __init__(self, project_path: Path) -> None:
        self.path = project_path.with_name(project_path.name + ".lock")
        self._handle: IO[bytes] | None = None
        self.held_elsewhere = False

    def acquire(self) -> bool:
        """Try to take the lock without waiting; False when another process holds it."""
        try:
            handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the project is open
        except OSError:
            # A read-only folder: no lock is possible, and no writes either.
            return True
        try:
            _lock(handle)
        except OSError:
            handle.close()
            self.held_elsewhere = True
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
