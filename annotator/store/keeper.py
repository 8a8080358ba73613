"""A small second process that holds the window's project open, so SQLite never thinks it alone.

POSIX drops every lock a process holds on a file when the process closes any descriptor of
that file, and code outside the app does that in the window's process: a file dialog that
lists the project's folder opens each file to guess its type (Qt's own dialog does, and the
GTK one may). With the window's locks gone, the next background process to close its
connection believes it is the last one: it checkpoints and deletes the `-wal` the window is
still writing to, and the labels saved after that are lost. `store.held_files` stops the
app's own raw opens; the keeper covers the rest. It opens one connection, runs nothing, and
closes nothing else, so its locks hold for as long as the window has the project open.

Linux and macOS only: Windows locks are per handle, and closing another handle keeps them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from annotator.store import keeper_child

log = logging.getLogger(__name__)

NEEDED = sys.platform != "win32"
"""Whether a keeper is needed: where a closed descriptor drops the process's locks (POSIX)."""


class ProjectKeeper:
    """The keeping process of one open project; `stop` after the project's connection closes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._process: Any = None  # a subprocess.Popen, or a multiprocessing process when frozen
        self._pipe: Any = None  # the multiprocessing end, when frozen
        self._ready = False
        self._could_not_start = False

    def start(self) -> None:
        """Start the keeper without waiting for it: the window's first paint does not wait."""
        if not NEEDED or self._process is not None:
            return
        python = _bare_interpreter()
        try:
            if python is None:
                self._start_in_multiprocessing()
            else:
                self._start_bare(python)
        except OSError:
            # No process to spare (limits, memory): the project works as before without one.
            log.warning("could not start a process to keep %s open", self.path, exc_info=True)
            self._could_not_start = True  # said once in the log, not retried every watch

    def _start_bare(self, python: str) -> None:
        """`keeper_child` run as a file by this Python with no site-packages (`-I -S`)."""
        self._process = subprocess.Popen(
            [python, "-I", "-S", keeper_child.__file__, _uri(self.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def _start_in_multiprocessing(self) -> None:
        """The frozen app has no Python to run a file with: its own executable, started by
        multiprocessing (`packaging/annotator_entry.py` calls `freeze_support`)."""
        import multiprocessing  # here: 40 ms a command-line run never needs

        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=_keep, args=(_uri(self.path), theirs), daemon=True)
        process.start()
        theirs.close()
        self._process, self._pipe = process, ours

    @property
    def pid(self) -> int | None:
        """The keeping process's id, for diagnostics (which process is it, in `ps`)."""
        return None if self._process is None else int(self._process.pid)

    def alive(self) -> bool:
        """Whether the keeping process runs: one killed leaves the window unguarded."""
        if not NEEDED or self._could_not_start:
            return True  # nothing to keep, or no process to spare: not started again
        if self._process is None:
            return False
        if self._running():
            return True
        if not self.ready():
            # It ended before it held the project: its SQLite open was refused, and a new one
            # would be refused too. Started again at each look of the window's watch, it was a
            # whole Python every two seconds for as long as the window stayed open.
            log.warning("the process keeping %s open ended before it held it; not started again", self.path)
            self._could_not_start = True
            return True
        return False  # killed or gone after it held the project: a new one is started

    def _running(self) -> bool:
        if isinstance(self._process, subprocess.Popen):
            return self._process.poll() is None
        return bool(self._process.is_alive())

    def ready(self, timeout: float = 0.0) -> bool:
        """Whether the keeper holds the project now (for tests and diagnostics)."""
        if self._ready or self._process is None:
            return self._ready
        with contextlib.suppress(EOFError, OSError, ValueError):
            if isinstance(self._process, subprocess.Popen):
                said = self._process.stdout
                if said is not None and _readable(said.fileno(), timeout):
                    self._ready = said.readline() == b"ready\n"
            elif self._pipe is not None:
                self._ready = bool(self._pipe.poll(timeout) and self._pipe.recv() == "ready")
        return self._ready

    def stop(self) -> None:
        """Let the keeper close its connection and go; it is the last one out, so it checkpoints."""
        ready = self.ready()
        process, pipe = self._process, self._pipe
        self._process = self._pipe = None
        self._ready = False
        if process is None:
            return
        if not ready:
            # Still starting (a project closed at once): no need to wait for its imports.
            # A keeper stopped inside its SQLite open leaves nothing that SQLite cannot recover.
            process.terminate()
        if isinstance(process, subprocess.Popen):
            _stop_bare(process)
            return
        with contextlib.suppress(OSError):
            pipe.close()  # the keeper reads end-of-file and closes its connection
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=1)


def _stop_bare(process: subprocess.Popen[bytes]) -> None:
    for end in (process.stdin, process.stdout):
        with contextlib.suppress(OSError):
            if end is not None:
                end.close()  # stdin's end-of-file: the keeper closes its connection and ends
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=1)


def _readable(fd: int, timeout: float) -> bool:
    """poll, not select: select refuses a descriptor numbered past 1,023, and a window that has
    opened many files may be given one."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(max(0, round(timeout * 1000))))


def _bare_interpreter() -> str | None:
    """The Python to run `keeper_child` with; None in a frozen app, whose executable is the app."""
    if getattr(sys, "frozen", False) or not sys.executable:
        return None
    return sys.executable


def _uri(path: Path) -> str:
    """mode=rw: never create a file the window has since moved or removed. The name's bytes
    are quoted as they are on disk (a name that is not UTF-8 has surrogate escapes here)."""
    return f"file:{quote(os.fsencode(path))}?mode=rw"


def _keep(uri: str, pipe: Any) -> None:
    """The keeper of the frozen app: `keeper_child`'s connection, held until the window says so
    or goes away."""
    conn = keeper_child.open_held(uri)
    if conn is None:
        log.warning("could not keep %s open", uri)
        return
    try:
        pipe.send("ready")
        pipe.recv()  # nothing is ever sent: this returns when the window closes its end or dies
    except (EOFError, OSError):
        pass
    finally:
        conn.close()
