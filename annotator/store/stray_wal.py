"""A `-wal` beside a project file that is not its own: told apart by reading the file alone.

SQLite ties a `-wal` to its database by name only: the salts and checksums it checks are the
`-wal`'s own, so a stray one beside a copied file (left from an older copy, or another
project's) is read into it without a word, and a read-write connection then writes it into the
file for good. Someone who copied a colleague's or a backup's `x.annotator` over theirs while an
`x.annotator-wal` from a crash lay beside it opened the other project under the file's name, and
at the close the file held it. Read as it lies (SQLite's `immutable`), the file alone tells what
it is; what it is through the `-wal` is then compared (`Alone`), by the open
(`project_store.check_to_open`) and by a merge of the file (`merge.merge_project`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.store.checks import check_schema, harden
from annotator.store.lock import InstanceLock

_MAX_READ_BYTES = 64 * 1024 * 1024
"""SQLite's length limit on the reading of the file alone: a crafted value is not read whole."""


def identity(conn: sqlite3.Connection) -> str:
    """Which project `conn` reads: when it was created (`meta.created_at`, written once)."""
    row = conn.execute(
        "SELECT substr(value, 1, 64) FROM meta WHERE key = 'created_at' AND typeof(value) = 'text'"
    ).fetchone()
    return str(row[0]) if row is not None else ""


def newest_stamp(conn: sqlite3.Connection) -> str:
    """The newest stamp of a person's work in the project `conn` reads (its tables are checked)."""
    row = conn.execute(
        "SELECT substr(max(coalesce((SELECT max(updated_at) FROM claims), ''),"
        " coalesce((SELECT max(updated_at) FROM articles), ''),"
        " coalesce((SELECT max(created_at) FROM annotators), '')), 1, 64)"
    ).fetchone()
    return str(row[0])


@dataclass(frozen=True, slots=True)
class Alone:
    """The project file read without the `-wal` beside it (`read_alone`)."""

    identity: str
    newest: str
    """The newest stamp in the file alone; "" when not asked for (`read_alone(stamps=False)`)."""

    def another_project(self, conn: sqlite3.Connection) -> bool:
        """Whether `conn`, reading through the `-wal`, reads another project than the file alone.

        A `-wal` of the file's own never changes when the project was created: that is written
        with the tables, and a file without them is not read alone (`read_alone`). Only another
        creation time counts: a value that is not text, or none, is damage (another program may write into
        the project's own `-wal`), which the checks name.
        """
        try:
            through = identity(conn)
        except sqlite3.Error:
            return False
        return bool(self.identity) and bool(through) and through != self.identity

    def older_state(self, conn: sqlite3.Connection) -> bool:
        """Whether the project `conn` reads through the `-wal` is an older state of the file alone
        (work in the file newer than any read through the `-wal`). For a merge's source only.

        A `-wal` of the file's own holds only what was written after the file's pages: through it,
        the project is as new as the file alone, or newer. But not always by its stamps: a label
        deleted after a checkpoint, the newest, leaves the file alone newer (an article's stamp
        keeps its time in most cases). A merge may refuse that rare file (it says how to merge it);
        an open must not: a crash right after such a deletion would refuse the person's own
        project, with the labels of the session in its `-wal`.
        """
        try:
            return newest_stamp(conn) < self.newest
        except sqlite3.Error:
            return False  # a stamp that is no text: the reads that follow name its row


def read_alone(path: Path, *, lock: InstanceLock | None = None, stamps: bool = False) -> Alone | None:
    """The project file `path` read without the `-wal` beside it; None when there is no `-wal`
    with pages in it, the project is open in another process, or the file alone does not read.

    `lock`: the caller's own instance lock on the project, when it holds one (another taken here
    would meet it and take this process for another). `stamps`: read the newest stamp too
    (`Alone.older_state`), which reads the claims.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        if os.stat(wal).st_size == 0:
            return None
    except OSError:
        return None
    if open_elsewhere(path, lock):
        return None  # the -wal of a running annotator is its own
    try:
        with contextlib.closing(
            sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        ) as conn:
            harden(conn)
            conn.execute("PRAGMA query_only = ON")
            conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, _MAX_READ_BYTES)
            if check_schema(conn, path) == 0:
                return None  # a new project: its tables are in the -wal
            return Alone(identity(conn), newest_stamp(conn) if stamps else "")
    except (sqlite3.Error, AnnotatorError):
        # A file copied while its checkpoint ran may not read alone: its -wal is then needed.
        return None


def open_elsewhere(path: Path, lock: InstanceLock | None = None) -> bool:
    """Whether another process has the project `path` open (the lock beside it is held).

    `lock`: the caller's own, already taken, which knows; without it, one is taken here.
    """
    if lock is not None and (lock.held or lock.held_elsewhere):
        return lock.held_elsewhere
    probe = InstanceLock(path)
    if not probe.path.exists():
        return False
    try:
        return not probe.acquire()
    finally:
        probe.release(remove=False)


def log_in_the_way(target: Path) -> Path | None:
    """A `-wal` or `-journal` with something in it beside `target`, where a new copy is to go.

    Left from an earlier project of that name (deleted or moved without it), SQLite would read
    it into the copy as if it were the copy's own: an earlier project's `-wal` in place of the
    copy's pages, a `-journal` played back over them. A copy is only made where none lies.
    """
    for suffix in ("-wal", "-journal"):
        log = target.with_name(target.name + suffix)
        try:
            if os.stat(log).st_size > 0:
                return log
        except FileNotFoundError:
            continue
        except OSError:
            return log  # there, and cannot be looked at: not a place to put a copy
    return None


def log_in_the_way_refusal(log: Path) -> str:
    """What a copy refused for `log_in_the_way` says, after the target's name."""
    return (
        f"the file {log.name} lies beside it, left from an earlier project of that name, and would"
        f" be read into the copy; nothing was copied. Move {log.name} into another folder (keep it)"
        " and copy again, or choose another name"
    )
