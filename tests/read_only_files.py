"""Make a project file read-only as a copy from a CD or a 0444 file in a writable folder is.

`chmod 0444` does it for a normal user; root writes such a file anyway, so root gets a read-only
bind mount of the one file instead (its folder stays writable, as in the real case). Tests skip
where neither is possible.
"""

from __future__ import annotations

import gc
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def modes_bind(tmp: Path) -> bool:
    """Whether this process is refused a write to a file of mode 0444 (False for root)."""
    probe = tmp / ".mode-probe"
    probe.write_bytes(b"")
    probe.chmod(0o444)
    try:
        with open(probe, "ab"):
            return False
    except PermissionError:
        return True
    finally:
        probe.chmod(0o644)
        probe.unlink()


@contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """`path` cannot be written for the duration; its folder can."""
    if os.name != "posix":
        pytest.skip("POSIX file modes and mounts")
    if modes_bind(path.parent):
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    where = str(path)
    if subprocess.run(["mount", "--bind", where, where], capture_output=True, check=False).returncode:
        pytest.skip("root here can neither be refused by a file's mode nor mount")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", where, where], check=True, capture_output=True)
        yield
    finally:
        # A test that failed before closing its window leaves the file open, and the plain umount
        # is refused as busy: the mount outlived the run, and the next run's clean-up of old test
        # folders failed on it. Detached lazily, it goes once the last handle closes.
        if subprocess.run(["umount", where], check=False, capture_output=True).returncode:
            subprocess.run(["umount", "-l", where], check=False, capture_output=True)


@contextmanager
def small_disk(size: str = "8m", prefix: str = "annotator-disk-") -> Iterator[Path]:
    """A small tmpfs of its own for the duration, unmounted after; skips where mounting is not allowed."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    point = Path(tempfile.mkdtemp(prefix=prefix))
    if not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)):
        point.rmdir()
        pytest.skip("cannot mount a tmpfs here (no CAP_SYS_ADMIN)")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)
        point.rmdir()


@contextmanager
def write_protected(disk: Path) -> Iterator[None]:
    """`disk` (a `small_disk`) remounted read-only for the duration, as a write-protected USB
    stick, a CD or a read-only share is: nothing can be made or changed on it, even by root."""
    gc.collect()  # a connection left to the collector holds files open: the remount is refused
    assert _mount("-o", "remount,ro", str(disk)), "the disk is busy: a file on it is open for writing"
    try:
        yield
    finally:
        gc.collect()
        assert _mount("-o", "remount,rw", str(disk))


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0
