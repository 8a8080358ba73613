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
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.store.checks import check_schema, harden
from annotator.store.held_files import held_here
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
    log_fits: bool = True
    """False when what SQLite wrote in the `-wal`'s frames cannot follow the file (`log_fits`)."""

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
            return Alone(identity(conn), newest_stamp(conn) if stamps else "", log_fits(path))
    except (sqlite3.Error, AnnotatorError):
        # A file copied while its checkpoint ran may not read alone: its -wal is then needed.
        return None


_WAL_MAGIC = (0x377F0682, 0x377F0683)
_WAL_VERSION = 3007000
_WAL_HEADER = 32
_FRAME_HEADER = 24
_MAX_FRAMES = 250_000
"""Frames read at most (1 GB of 4 KB pages): a longer `-wal` is left unjudged, as one that fits."""


def log_fits(path: Path) -> bool:
    """Whether the `-wal` beside `path` can be the file's own, by what SQLite writes in both;
    False only where it cannot (read when no process has the file open: `read_alone`).

    SQLite ties a `-wal` to nothing in the file, but what it writes ties each to the other:
    - a `-wal`'s frames are pages of the file's page size (it cannot change in WAL mode);
    - page 1, whenever it is written, takes a change counter one above the page 1 it was read
      from, so the file's counter (of the page 1 the `-wal` began on, or of one of the `-wal`'s
      own that a checkpoint wrote back) is the first page 1 of the `-wal` less one, or one of
      its page 1s;
    - no commit changes the file's size without page 1 (which holds it), so each commit before
      the `-wal`'s first page 1 leaves the size the file says, while that page 1 is not written
      back (a checkpoint writes page 1 first: the file's counter is then the first's less one).
    Another project's `-wal` beside the file, or an older copy's, breaks one of these unless
    its counters and sizes happen to fall on the file's (projects of one size, a `-wal` that
    opens by growing the file): one read in without the page that says which project it is
    (`Alone.another_project`) is caught when they do not.
    Frames are judged as SQLite reads them: up to the first that is not of this `-wal` (another
    salt), whose checksums are not summed: every frame of the `-wal`'s salts was written by
    SQLite for the file that `-wal` belongs to, so a `-wal` of the file's own never fails these.
    """
    if held_here(path):
        return True  # its own -wal, in use here: a raw open's close would drop SQLite's locks
    wal = path.with_name(path.name + "-wal")
    try:
        with open(path, "rb") as db:
            first = db.read(100)
            db_bytes = os.fstat(db.fileno()).st_size
        with open(wal, "rb") as log:
            return _frames_fit(first, db_bytes, log)
    except OSError:
        return True  # cannot be read here: the opening that follows says why


def _frames_fit(first: bytes, db_bytes: int, log: Any) -> bool:
    header = log.read(_WAL_HEADER)
    if len(first) < 100 or len(header) < _WAL_HEADER:
        return True
    magic, version, page_size, _, salt1, salt2, sum1, sum2 = struct.unpack(">8I", header)
    if magic not in _WAL_MAGIC or version != _WAL_VERSION or _checksum(header[:24], magic) != (sum1, sum2):
        return True  # SQLite reads no frame of it
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return True
    file_page_size = struct.unpack(">H", first[16:18])[0]
    if (65536 if file_page_size == 1 else file_page_size) != page_size:
        return False
    counter, header_size = struct.unpack(">II", first[24:32])
    (valid_for,) = struct.unpack(">I", first[92:96])
    sizes = {-(-db_bytes // page_size)}
    if header_size and counter == valid_for:
        sizes.add(header_size)
    counters: list[int] = []
    sizes_before_page_1: set[int] = set()  # sizes the commits before the first page 1 left
    offset = _WAL_HEADER
    for _ in range(_MAX_FRAMES):
        log.seek(offset)
        frame = log.read(_FRAME_HEADER + 28)
        if len(frame) < _FRAME_HEADER + 28:
            break
        page, size_after, frame_salt1, frame_salt2 = struct.unpack(">4I", frame[:16])
        if (frame_salt1, frame_salt2) != (salt1, salt2):
            break  # SQLite reads no further
        if page == 1:
            counters.append(struct.unpack(">I", frame[_FRAME_HEADER + 24 : _FRAME_HEADER + 28])[0])
        elif size_after and not counters:
            sizes_before_page_1.add(size_after)
        offset += _FRAME_HEADER + page_size
    else:
        return True  # too long to judge
    if counters and counter != counters[0] - 1:
        # Page 1 of the file is one of the -wal's own, written back by a checkpoint (so is its
        # size), or the -wal's first page 1 is not the one after it.
        return counter in counters
    return sizes_before_page_1 <= sizes


def _checksum(data: bytes, magic: int) -> tuple[int, int]:
    """SQLite's checksum of a `-wal`'s header (its words big-endian when the magic's low bit is set)."""
    words = struct.unpack(f"{'>' if magic & 1 else '<'}{len(data) // 4}I", data)
    s1 = s2 = 0
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


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
