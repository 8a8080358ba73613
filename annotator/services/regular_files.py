"""Opening a file the app did not make itself: only a regular file, and never a wait.

A FIFO where a settings or log file should be made `open()` wait for another process
forever (reading waits for a writer, appending for a reader), and a device there would
be read or written as if it were the file. Every such file is opened here.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFileError(OSError):
    """The path is a pipe, a device, a socket or a folder, not a file the app may use."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EINVAL, "not a regular file (a pipe, a device or a folder)", str(path))

    def __str__(self) -> str:
        return f"{self.filename} is {self.strerror}"


def open_regular(path: Path, flags: int, mode: int = 0o666) -> int:
    """A descriptor of `path` opened with `flags`, if it is a regular file; OSError if not.

    Opened without blocking, then checked: an open never waits, and nothing is read from or
    written to anything but a regular file. The descriptor is set back to blocking, which a
    regular file ignores anyway. A FIFO without a reader refuses a write-only open with ENXIO,
    said here as what it is.
    """
    nonblock = getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | nonblock | getattr(os, "O_BINARY", 0), mode)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise NotRegularFileError(path) from exc
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(path)
        if nonblock and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd
