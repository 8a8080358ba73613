"""The keeping process's own code (`store.keeper`), run as a file by a bare interpreter.

Standard library only, and nothing of the app's: the window starts it with `python -I -S`, no
site-packages and no environment, which costs a fifth of the CPU of a multiprocessing child
(20 ms against 105 ms a project opened) and keeps a stray PYTHONPATH from running in it.
The protocol is the pipes': "ready" on stdout once it holds the project, then it holds it until
its stdin ends, which happens when the window closes it or dies.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys


def open_held(uri: str) -> sqlite3.Connection | None:
    """One idle WAL connection that has read: the locks that say "not alone" from now on.

    None if SQLite refused it. `uri` has mode=rw, so a file moved or removed meanwhile is not
    created again.
    """
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        conn.execute("PRAGMA query_only = 1")
        # A read opens the WAL and its shared memory.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        return None
    return conn


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        return 2
    conn = open_held(argv[1])
    if conn is None:
        return 1  # the window sees it end before "ready", and does not start it again
    try:
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        sys.stdin.buffer.read()  # nothing is ever sent: returns at end-of-file
    except (OSError, ValueError):
        pass
    finally:
        conn.close()  # the last one out checkpoints
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
