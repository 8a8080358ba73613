"""Paths past the file system's limits, for the tests of what a person is told about them."""

from __future__ import annotations

import os
from pathlib import Path


def deep_folder(base: Path, size: int) -> Path:
    """A folder in `base` whose path has at least `size` bytes, made one step at a time
    (past 4,096 bytes no call takes the whole path)."""
    here = os.open(base, os.O_RDONLY)
    path = str(base)
    try:
        while len(path.encode()) < size:
            os.mkdir("d" * 200, dir_fd=here)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=here)
            os.close(here)
            here = inner
            path += "/" + "d" * 200
    finally:
        os.close(here)
    return Path(path)
