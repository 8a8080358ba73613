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
import sqlite3
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

log = logging.getLogger(__name__)

NEEDED = sys.platform != "win32"
"""Whether a keeper is needed: where a closed descriptor drops the process's locks (POSIX)."""


class ProjectKeeper:
    """The keeping process of one open project; `stop` after the project's connection closes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._process: Any = None
        self._pipe: Any = None
        self._ready = False
        self._could_not_start = False

    def start(self) -> None:
        """Start the keeper without waiting for it: the window's first paint does not wait."""
        if not NEEDED or self._process is not None:
            return
        import multiprocessing  # here: 40 ms a command-line run never needs

        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=_keep, args=(str(self.path), theirs), daemon=True)
        try:
            process.start()
        except OSError:
            # No process to spare (limits, memory): the project works as before without one.
            log.warning("could not start a process to keep %s open", self.path, exc_info=True)
            self._could_not_start = True  # said once in the log, not retried every watch
            return
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
        if self._process.is_alive():
            return True
        if not self.ready():
            # It ended before it held the project: its SQLite open was refused, and a new one
            # would be refused too. Started again at each look of the window's watch, it was a
            # whole Python every two seconds for as long as the window stayed open.
            log.warning("the process keeping %s open ended before it held it; not started again", self.path)
            self._could_not_start = True
            return True
        return False  # killed or gone after it held the project: a new one is started

    def ready(self, timeout: float = 0.0) -> bool:
        """Whether the keeper holds the project now (for tests and diagnostics)."""
        if not self._ready and self._pipe is not None:
            with contextlib.suppress(EOFError, OSError):
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
        with contextlib.suppress(OSError):
            pipe.close()  # the keeper reads end-of-file and closes its connection
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=1)


def _keep(path: str, pipe: Any) -> None:
    """The keeper: one idle WAL connection, held until the window says so or goes away."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)
    try:
        # mode=rw: never create a file the window has since moved or removed. The name's bytes
        # are quoted as they are on disk (a name that is not UTF-8 has surrogate escapes here).
        uri = f"file:{quote(os.fsencode(path))}?mode=rw"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10)
    except (sqlite3.Error, ValueError, OSError):
        log.warning("could not keep %s open", path, exc_info=True)
        return
    try:
        conn.execute("PRAGMA query_only = 1")
        # A read opens the WAL and its shared memory: the locks that say "not alone" from now on.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        pipe.send("ready")
        pipe.recv()  # nothing is ever sent: this returns when the window closes its end or dies
    except (EOFError, OSError, sqlite3.Error):
        pass
    finally:
        conn.close()
