"""A consistent copy of a project file, taken while the window may be writing to it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from annotator.core.errors import AnnotatorError, DamagedProjectError, DiskFullError, ProjectFileError
from annotator.store.checks import check_schema, check_structure, harden, read_only_place, read_uri


def copy_database(source: Path, target: Path) -> None:
    """Copy the SQLite database `source` (its write-ahead log included) to `target`.

    SQLite's online backup reads one snapshot: a label saved meanwhile by the window is either
    all in the copy or not at all, which copying the file's bytes cannot promise. The source
    connection may write nothing (`query_only`); it is not opened read-only because such a
    connection cannot remove the write-ahead log it makes beside a closed project. On a read-only
    disk or folder, where it can make none, it is (`read_uri`): `mode=rw` cannot open it there.
    """
    # mode=rw never creates a file where there was none
    uri = read_uri(source) if read_only_place(source) else source.absolute().as_uri() + "?mode=rw"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as original, closing(sqlite3.connect(target)) as copy:
            original.execute("PRAGMA query_only = ON")
            original.backup(copy)
            harden(copy)
            # The copy is the snapshot that was read: checked as a project too, so a file swapped
            # for a stranger's after the caller's check is not kept as a copy of a project.
            check_schema(copy, source)
            verdict = copy.execute("PRAGMA quick_check").fetchone()
    except sqlite3.Error as exc:
        if _no_room_for(source, target):
            # Not the project's fault: the message blamed it ("cannot be copied (disk I/O
            # error)") and hinted at damage when the copies' folder was full.
            raise DiskFullError(
                f"{target.parent}: no room for a copy of {source.name} ({exc}); free some space "
                "there, the project itself is fine"
            ) from exc
        raise ProjectFileError(source, f"cannot be copied ({exc})") from exc
    if verdict is None or verdict[0] != "ok":
        raise DamagedProjectError(
            source, f"is damaged ({verdict[0] if verdict else 'no answer'}); the copy is not kept"
        )


_IDENTITY_CHARS = 64
"""More than a creation time (`2026-12-07T09:30:00.000Z`) needs: a value put in a file is cut."""


def project_identity(copy: Path, *, live: bool = False) -> str | None:
    """Which project the copy `copy` is of: when that project was created (`meta.created_at`,
    written once, when the file is made, by every version), "" for a project without it, None
    for a file that cannot be read as a project.

    A project made anew where a lost one was has the lost one's path, so only this tells their
    copies apart. A copy is read as found (`immutable`): a read-only connection to a file in
    write-ahead mode left a `-wal` and a `-shm` beside each copy it read. A `live` project, which
    the window may be writing, is read as `copy_database` reads it, writing nothing.
    """
    if live and read_only_place(copy):
        uri = read_uri(copy)  # `mode=rw` cannot open it on a read-only disk
    else:
        uri = copy.absolute().as_uri() + ("?mode=rw" if live else "?mode=ro&immutable=1")
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            harden(conn)
            conn.execute("PRAGMA query_only = ON")
            if check_schema(conn, copy) == 0:
                return None
            row = conn.execute(
                "SELECT substr(value, 1, ?) FROM meta WHERE key = 'created_at' AND typeof(value) = 'text'",
                (_IDENTITY_CHARS,),
            ).fetchone()
    except (sqlite3.Error, AnnotatorError):
        return None
    return row[0] if row is not None else ""


def copy_is_whole(copy: Path) -> bool:
    """Whether the kept copy `copy` passes the checks a project passes as it opens (its schema,
    every page, its indexes): a copy damaged on the disk since it was made still reads as a
    copy of its project (`project_identity`), but nothing can be restored from it.

    Read as found (`immutable`), as `project_identity` reads a copy.
    """
    try:
        with closing(sqlite3.connect(copy.absolute().as_uri() + "?mode=ro&immutable=1", uri=True)) as conn:
            harden(conn)
            conn.execute("PRAGMA query_only = ON")
            check_structure(conn, copy)
    except (sqlite3.Error, AnnotatorError):
        return False
    return True


def _no_room_for(source: Path, target: Path) -> bool:
    """Whether the copy's disk lacks room for the project and its write-ahead log."""
    try:
        needed = sum(
            os.stat(source.with_name(source.name + suffix)).st_size
            for suffix in ("", "-wal")
            if os.path.exists(source.with_name(source.name + suffix))
        )
        return shutil.disk_usage(target.parent).free < needed + (1 << 20)
    except OSError:
        return False
