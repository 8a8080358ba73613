"""Is this file exactly one of our projects? Checks made before anything reads or writes it.

A project file may come from anyone (mail, a shared folder), and SQLite runs what a
file carries: triggers fire on our writes, views stand in for tables. So a file is
accepted only when its schema is exactly the one the app's own migrations build for
its `user_version` (tables, columns, indexes; no triggers, no views), compared with a
schema built at run time in an in-memory database, never with a hand-kept copy: a new
migration elsewhere needs no edit here. SQLite's own statistics tables, made by `ANALYZE`,
are let be when their SQL is exactly SQLite's (`SQLITE_STATISTICS`).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any

from annotator.core.errors import (
    DamagedProjectError,
    DiskFullError,
    NewerProjectError,
    NotAProjectError,
    ProjectFileError,
    ProjectLockedError,
    ReadOnlyError,
    UnreachableProjectError,
    display_path,
)
from annotator.core.limits import MAX_FIELD_CHARS, MAX_META_CHARS, MAX_TEXT_CHARS
from annotator.store.held_files import held_here
from annotator.store.lock import InstanceLock
from annotator.store.schema import MIGRATIONS, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"

SchemaEntry = tuple[str, str, str, str | None]
"""(type, name, table, SQL with white space collapsed) of one `sqlite_master` row."""


def harden(conn: sqlite3.Connection) -> None:
    """Settings every connection to a file we did not make ourselves needs first.

    `trusted_schema=OFF` stops functions with side effects from running inside schema
    objects; the exact-schema check below then makes sure there are no such objects.
    """
    conn.execute("PRAGMA trusted_schema = OFF")


def _normalised(row: tuple[str, str, str, str | None]) -> SchemaEntry:
    kind, name, table, sql = row
    return kind, name, table, " ".join(sql.split()) if sql is not None else None


@cache
def expected_schema(version: int) -> frozenset[SchemaEntry]:
    """The schema the app's migrations build for `version`, made in an in-memory database."""
    conn = sqlite3.connect(":memory:")
    try:
        for step in range(1, version + 1):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
        return frozenset(
            _normalised(row) for row in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        )
    finally:
        conn.close()


SQLITE_STATISTICS: frozenset[SchemaEntry] = frozenset(
    {
        ("table", "sqlite_stat1", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
        ("table", "sqlite_stat4", "sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
    }
)
"""SQLite's own statistics tables, exactly as its `ANALYZE` makes them (`analyze.c`; `sqlite_stat4`
only in a build with STAT4), which a project may hold besides the app's schema.

A data scientist who runs `ANALYZE;` or `PRAGMA optimize;` on a project (the sqlite3 shell, DB
Browser for SQLite, Datasette, sqlite-utils' `db.analyze()`) leaves `sqlite_stat1` behind, and
every command and the window refused the genuine project as "not an annotator project". Their
rows run nothing: SQLite reads them to choose between indexes, so a crafted one can at worst
make queries slow, never change what they return. The app never reads or copies them (a merge
reads its own tables only). A table of that name with any other SQL, or an index on it, is
still refused like any other object the app never makes (a trigger on it SQLite itself will
not read).
"""


def file_schema(conn: sqlite3.Connection) -> frozenset[SchemaEntry]:
    """The file's schema objects, less SQLite's own statistics tables (`SQLITE_STATISTICS`)."""
    return (
        frozenset(
            _normalised(row) for row in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        )
        - SQLITE_STATISTICS
    )


def check_schema(conn: sqlite3.Connection, path: Path) -> int:
    """Return the file's schema version, or raise `ProjectFileError` unless it is exactly ours."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not isinstance(version, int) or version < 0:
        raise NotAProjectError(path, f"is not an annotator project (schema version {version})")
    if version > SCHEMA_VERSION:
        raise NewerProjectError(
            path,
            f"was made by a newer version of annotator (schema {version}, this version reads up to "
            f"{SCHEMA_VERSION}); please update annotator",
        )
    found = file_schema(conn)
    if version == 0:
        if found:
            raise NotAProjectError(path, "is an SQLite file but not an annotator project")
        return 0
    expected = expected_schema(version)
    if found != expected:
        raise DamagedProjectError(path, f"is not an annotator project: {_difference(found, expected)}")
    return version


_QUOTED_CHARS = 80
"""How much of a name or an SQLite message taken from a file a refusal quotes."""


def _quoted(text: object, limit: int = _QUOTED_CHARS) -> str:
    """`text` from a file, shortened to `limit` characters for a message (with "…" if cut).

    A crafted file's names are as long as its maker likes: a trigger named with 900,000
    characters made a refusal as long, which froze the window for seconds on a message box
    taller than any screen, its OK button out of reach.
    """
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _difference(found: frozenset[SchemaEntry], expected: frozenset[SchemaEntry]) -> str:
    """The first thing that differs, in words: a trigger, a view, a changed or missing table."""
    expected_names = {(e[0], e[1]): e for e in expected}
    for kind, name, _table, _sql in sorted(found - expected, key=lambda e: (e[0] != "trigger", e[1])):
        shown = repr(_quoted(name))
        if kind in ("trigger", "view"):
            return f"it holds a {kind} ({shown}), which the app never makes; it was refused unread"
        if (kind, name) in expected_names:
            return f"{kind} {shown} is not the one the app makes; it was refused unread"
        article = "an" if kind == "index" else "a"  # "a index" read as a slip on a refusal
        return f"it holds {article} {kind} {shown} the app never makes; it was refused unread"
    missing = sorted(e[1] for e in expected - found)
    return f"{', '.join(missing)} missing; the file is damaged or was not made by annotator"


def check_indexes(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose indexes disagree with their tables.

    `quick_check` reads every page but not whether an index holds exactly its table's
    rows, and a stale index hides rows from every query that uses it (claims vanish).
    Counting each index against its table costs a fraction of `integrity_check`.
    """
    tables: dict[str, int] = {}
    for name, table in conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"):
        if table not in tables:
            tables[table] = conn.execute(f'SELECT count(*) FROM "{table}" NOT INDEXED').fetchone()[0]
        entries = conn.execute(f'SELECT count(*) FROM "{table}" INDEXED BY "{name}"').fetchone()[0]
        if entries != tables[table]:
            raise DamagedProjectError(
                path,
                f"is damaged (index {name} holds {entries} rows, table {table} {tables[table]}); "
                "restore it from a backup",
            )


def check_structure(
    conn: sqlite3.Connection, path: Path, *, meanwhile: Callable[[], object] | None = None
) -> int:
    """The checks made before any row is read: the exact schema, `quick_check`, the indexes.

    Call it inside one read transaction (`read_snapshot`): another process may be creating
    or filling the file right now. Returns the schema version; raises `ProjectFileError`
    (or `sqlite3.Error`, which `open_error` words) for anything that is not exactly ours.

    `meanwhile`, if given, runs on this thread while `quick_check` reads every page on
    another (SQLite does that without Python's lock): the start loads Qt in that time. It
    must not touch `conn`; the checks go on only once both are done, in the same order.
    """
    version = check_schema(conn, path)
    result = _quick_check(conn) if meanwhile is None else _quick_check_beside(conn, meanwhile)
    if result != "ok":
        first_problem = str(result).splitlines()[-1].strip()
        raise DamagedProjectError(path, f"is damaged ({first_problem}); restore it from a backup")
    check_indexes(conn, path)
    return version


BAD_ROW_ADVICE = (
    "annotator never writes such a row, so the file was changed outside it; restore it from a backup"
)

DISPOSABLE_TABLES = frozenset({"analysis_cache", "token_cache", "claim_models", "claim_suggestions"})
"""Tables the app can do without: their bad rows are ignored as they are read, each read
bounding what it fetches (`store.suggestions`), so their sizes are not checked at open."""

COLUMN_CHARS = {
    ("articles", "text"): MAX_TEXT_CHARS,
    ("articles", "meta"): MAX_META_CHARS,
    ("meta", "value"): MAX_META_CHARS,
    ("candidates", "reasons"): MAX_META_CHARS,
}
"""The longest value a column may hold, in characters; any other column `MAX_FIELD_CHARS`
(the store's rules, `store.rows`, refuse a longer one when the row is read)."""

READ_MEASURED_TABLES = frozenset({"entities", "candidates", "quotes"})
"""The large per-article tables: their sizes are not measured at open, but by each read of
them, over the rows and columns it reads (`oversized`), just before. Measuring all 600,000
rows of a 5,000-article project took 0.3 s of the window's thread at every open, more than the
rest of the checks; an article's own rows take a few milliseconds."""

_UTF8_MAX_BYTES = 4
"""Bytes of one character in UTF-8 at most: a value within a column's limit is no larger."""


def check_value_sizes(conn: sqlite3.Connection, path: Path, *, tables: Iterable[str] | None = None) -> None:
    """Refuse a file with a value longer than its column may be, before any row is read
    (at open, and before a merge reads its source): later reads may trust the sizes, but
    those of `READ_MEASURED_TABLES`, which measure what they read (`oversized`). `tables`:
    these only (a merge reads all of its source's).

    The rules of `store.rows` refused such a value only once it was in Python: a 300 MB note
    took 610 MB to refuse in `stats` and 1.8 GB in `export`, enough to swap a laptop or have
    it killed. Here SQLite measures the values, one query per table and limit, with its length
    limit set to the largest value the limit allows, so a larger one is refused unread
    ("string or blob too big") and at most that much of any value is ever loaded.
    """
    if tables is None:
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if row[0] not in DISPOSABLE_TABLES | READ_MEASURED_TABLES and not row[0].startswith("sqlite_")
        ]
    for table in tables:
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
        found = oversized(conn, table, columns)
        if found is not None:
            raise DamagedProjectError(path, f"{table} row {found[0]}: {found[1]}; {BAD_ROW_ADVICE}")


def oversized(
    conn: sqlite3.Connection,
    table: str,
    columns: Iterable[str],
    where: str = "",
    params: tuple[Any, ...] = (),
) -> tuple[object, str] | None:
    """(row id, why) of the first row of `table` (of those `where`, an SQL condition, picks)
    with a value of `columns` longer than its column may be, or None; no value is fetched.

    One query per limit, with SQLite's length limit set to the largest value the limit allows,
    so a larger one is refused unread ("string or blob too big") and at most that much of any
    value is ever loaded, even by SQLite.
    """
    columns = list(columns)
    previous = conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH)
    try:
        for limit in sorted({column_chars(table, c) for c in columns}):
            group = [c for c in columns if column_chars(table, c) == limit]
            found = _over_limit(conn, table, group, limit, where, params)
            if found is not None:
                rowid, column = found
                return rowid, f"{column} is longer than the limit of {limit:,} characters"
    finally:
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, previous)
    return None


def oversized_suggestions(
    conn: sqlite3.Connection,
    table: str,
    columns: Iterable[str],
    suggestion: str,
    where: str = "1",
    params: tuple[Any, ...] = (),
    *,
    at_most: int,
) -> tuple[list[tuple[int, str]], tuple[object, str] | None]:
    """The rows of `table` (of those `where` picks) with a value of `columns` longer than its
    column may be, as `oversized` finds them, none fetched: ((row id, why) of each that may be
    left out, (row id, why) of the first that may not, or None).

    A row may be left out when `suggestion` (an SQL condition) holds for it: it is a suggestion,
    which pre-annotation makes again. The condition is judged with no value longer than a field
    may be, so a status too large to read is no suggestion. Past `at_most` rows, the next is
    the one that may not: each costs a search of the rows, and that many is a file made so.
    """
    columns = list(columns)
    left_out: list[tuple[int, str]] = []
    while True:
        ids = [row_id for row_id, _ in left_out]
        others = f" AND rowid NOT IN ({', '.join('?' * len(ids))})" if ids else ""
        found = oversized(conn, table, columns, f"({where}){others}", (*params, *ids))
        if found is None:
            return left_out, None
        row_id, why = found
        if (
            len(left_out) >= at_most
            or not isinstance(row_id, int)
            or not _holds(conn, table, row_id, suggestion)
        ):
            return left_out, found
        left_out.append((row_id, why))


def _holds(conn: sqlite3.Connection, table: str, row_id: int, condition: str) -> bool:
    """Whether `condition` holds for one row, reading none of its values longer than a field may be."""
    previous = conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_FIELD_CHARS * _UTF8_MAX_BYTES)
    try:
        return (
            conn.execute(f'SELECT 1 FROM "{table}" WHERE rowid = ? AND ({condition})', (row_id,)).fetchone()
            is not None
        )
    except sqlite3.DataError:
        return False
    finally:
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, previous)


def column_chars(table: str, column: str) -> int:
    """The longest value `column` of `table` may hold, in characters (`COLUMN_CHARS`)."""
    return COLUMN_CHARS.get((table, column), MAX_FIELD_CHARS)


def _over_limit(
    conn: sqlite3.Connection,
    table: str,
    columns: list[str],
    limit: int,
    where: str = "",
    params: tuple[Any, ...] = (),
) -> tuple[object, str] | None:
    """(row id, column) of the first value of `columns` over `limit` characters, or None."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limit * _UTF8_MAX_BYTES)
    longer = _longer_than(columns, limit)
    scope = f"({where}) AND " if where else ""
    try:
        row = conn.execute(f'SELECT rowid FROM "{table}" WHERE {scope}({longer}) LIMIT 1', params).fetchone()
    except sqlite3.DataError:  # too big to load: found by halving, still unread
        row = _first_too_big(conn, table, columns, limit, scope, params)
    if row is None:
        return None
    for column in columns:
        try:
            (length,) = conn.execute(
                f'SELECT length("{column}") FROM "{table}" WHERE rowid = ?', row
            ).fetchone()
        except sqlite3.DataError:
            return row[0], column
        if length is not None and length > limit:
            return row[0], column
    return row[0], columns[0]


def _longer_than(columns: list[str], limit: int) -> str:
    """SQL that holds for a row with a value of `columns` longer than `limit` characters.

    Each value's bytes are compared first and its characters counted only when there are more
    bytes than the limit: a value has at least as many bytes as characters (in UTF-8 and UTF-16,
    and a number or a blob as many), and counting every article's characters was most of the
    checks at open (articles' sizes 114 ms of 196 on 10,000 articles, 23 ms with bytes first).
    `CAST(… AS BLOB)` keeps the bytes as they are stored; `AND` leaves the count unmade.
    """
    return " OR ".join(
        f'(length(CAST("{c}" AS BLOB)) > {limit} AND length("{c}") > {limit})' for c in columns
    )


def _first_too_big(
    conn: sqlite3.Connection, table: str, columns: list[str], limit: int, scope: str, params: tuple[Any, ...]
) -> tuple[object] | None:
    """The row holding the first value SQLite refused to load, found by halving the row ids.

    SQLite's error does not say which row it was reading (and Python's cursor reads a row
    ahead), so ranges of row ids are asked again, each refused or not: about twice the rows
    of the table are measured, on this path only.
    """
    longer = _longer_than(columns, limit)
    lowest, highest = conn.execute(
        f'SELECT min(rowid), max(rowid) FROM "{table}"'
        + (f" WHERE {scope[: -len(' AND ')]}" if scope else ""),
        params,
    ).fetchone()
    if lowest is None:
        return None
    low, high = int(lowest), int(highest)
    while low < high:
        middle = (low + high) // 2
        try:
            found = conn.execute(
                f'SELECT 1 FROM "{table}" WHERE {scope}rowid BETWEEN ? AND ? AND ({longer}) LIMIT 1',
                (*params, low, middle),
            ).fetchone()
        except sqlite3.DataError:
            found = True
        if found:
            high = middle
        else:
            low = middle + 1
    return (low,)


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One consistent read of the file (joins a transaction already open)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def read_header(path: Path) -> bytes:
    """The first bytes of a regular file; anything else (FIFO, device, folder) is refused unread.

    A project this process already has open is not opened again: closing that descriptor
    would drop the open connection's locks (`store.held_files`). It was checked when opened.
    """
    if held_here(path) and stat.S_ISREG(os.stat(path).st_mode):
        return SQLITE_MAGIC
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ProjectFileError(
                path, "is not a regular file (a device, a pipe or a folder); pick a project file"
            )
        return os.read(fd, len(SQLITE_MAGIC))
    finally:
        os.close(fd)


def read_as_found(path: Path) -> bool:
    """Whether the project `path` is read as it lies (SQLite's `immutable`): its place cannot be
    written, and no write-ahead log or journal with work in it lies beside it.

    SQLite reads a file in write-ahead mode only through a `-shm` beside it, which it cannot
    make on a write-protected stick, a CD or a read-only share: a cleanly closed project there
    was refused by every command and by the window ("copy it somewhere writable"). Nothing can
    change the file there, so reading it as it lies is exact. Not with a `-wal` or `-journal`
    that holds work: `immutable` would leave out the last saved labels without a word, so such
    a project is read as any other (through a `-shm` already there, if SQLite can). In a
    read-only folder on a disk that can be written, even an empty `-wal` may be that of a
    program writing the file now (its file may be writable), so then there must be none.
    """
    logs = [path.with_name(path.name + suffix) for suffix in ("-wal", "-journal")]
    if _read_only_mount(path):
        return not any(_holds_bytes(log) for log in logs)
    return not os.access(path.parent, os.W_OK) and not any(os.path.lexists(log) for log in logs)


def _holds_bytes(path: Path) -> bool:
    """Whether `path` is a file with something in it (one that cannot be looked at counts)."""
    try:
        return os.stat(path).st_size > 0
    except FileNotFoundError:
        return False
    except OSError:
        return True


def read_uri(path: Path) -> str:
    """The URI a read-only connection to the project `path` opens (`read_as_found`)."""
    return path.resolve().as_uri() + ("?mode=ro&immutable=1" if read_as_found(path) else "?mode=ro")


@contextmanager
def read_only_connection(
    path: Path, *, lock: InstanceLock | None = None, keep: bool = False
) -> Iterator[sqlite3.Connection]:
    """A read-only, hardened connection that leaves no `-wal`/`-shm` of its own behind.

    SQLite makes both beside a WAL-mode file even to read it. They are removed on the
    way out when this connection made them and no other process has the project open
    (`lock`: the caller's own instance lock, if it holds one). With `keep`, they stay
    after a successful check, for the read-write connection that follows.
    """
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = [c.exists() for c in companions]
    try:
        # Not tied to this thread: `check_structure` may run `quick_check` on a worker.
        conn = sqlite3.connect(read_uri(path), uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise open_error(exc, path) from exc
    failed = True
    try:
        harden(conn)
        yield conn
        failed = False
    finally:
        conn.close()
        if not all(existed) and (failed or not keep):
            remove_own_companions(path, companions, existed, lock)


def remove_own_companions(
    path: Path, companions: list[Path], existed: list[bool], lock: InstanceLock | None
) -> None:
    """Remove the `-wal`/`-shm` that were not there before (`existed`), when the `-wal` holds
    nothing and no other process has the project open (`lock`: the caller's, or one taken here)."""
    wal = companions[0]
    if not existed[0] and wal.exists() and wal.stat().st_size > 0:
        return  # someone wrote to it meanwhile: it is theirs
    own = lock is None
    if lock is None:
        lock = InstanceLock(path)
        if lock.path.exists() and not lock.acquire():
            lock.release(remove=False)
            return
    if lock.held and not lock.try_exclusive():
        if own:
            lock.release(remove=False)
        return
    for companion, was_there in zip(companions, existed, strict=True):
        if not was_there:
            with suppress(OSError):
                companion.unlink(missing_ok=True)
    if own:
        lock.release(remove=False)


def open_error(exc: sqlite3.Error, path: Path, *, merging: bool = False) -> Exception:
    """An opening that failed: tell a full disk, a read-only place and a lock apart from damage.

    `merging`: the file is a merge's source, which the advice speaks of (`_leftover_journal`); a
    lock or a read-only place holding its `-wal` refuses that file (`ProjectFileError`), so the
    window tells the lead that the files picked with it were not merged either."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    # SQLite's message may quote the file's own text ("malformed database schema (name)").
    message = _quoted(exc, 4 * _QUOTED_CHARS)
    if name == "SQLITE_FULL" or "disk is full" in message:
        return DiskFullError(f"{path}: the disk is full; free some space and open the project again")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        if merging:  # a refused file of the merge: the window says the others were not merged either
            return ProjectFileError(
                path, "is being written by another program; merge again once it has finished"
            )
        return ProjectLockedError(f"{path}: another program is writing to this project; try again")
    if name == "SQLITE_READONLY_ROLLBACK":
        return _leftover_journal(path, merging=merging)
    cannot_open = name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR")) or "unable to open" in message
    if cannot_open and not os.path.isdir(path.parent):
        # Checked before the read-only test, which a missing folder also fails: a copy of a
        # project whose folder was deleted while open was said to be on a read-only disk.
        return ProjectFileError(
            path,
            f"cannot be written: the folder {display_path(path.parent)} no longer exists (deleted, "
            "renamed, or on a disk that was removed); choose another folder",
        )
    read_only = not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)) or _read_only_mount(path)
    if name.startswith("SQLITE_READONLY") or (
        read_only and (name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR")) or "unable to open" in message)
    ):
        # A WAL file whose -shm cannot be created (read-only disk or folder) cannot be opened
        # at all; that is not damage, and saying so would frighten the user.
        wal = path.with_name(path.name + "-wal")
        if _holds_bytes(wal):
            # Its last saved work is in the -wal (`read_as_found` will not leave it out): a copy
            # of the project file alone would open without it, and nothing would say so.
            if merging:
                # A refusal of the picked file, as a damaged one is (`ProjectFileError`): the
                # window said "to open it", and not whether the files picked with it went in.
                return ProjectFileError(
                    path,
                    f"is on a read-only disk or in a read-only folder, and its last saved work is in "
                    f"{wal.name} beside it; copy both files together somewhere writable and merge again",
                )
            return ReadOnlyError(
                f"{path}: the project is on a read-only disk or in a read-only folder, and its last "
                f"saved work is in {wal.name} beside it; copy both files together somewhere "
                "writable to open it"
            )
        return ReadOnlyError(
            f"{path}: the project is on a read-only disk or in a read-only folder; "
            "copy it somewhere writable to open it"
        )
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR")) or "unable to open" in message:
        if _disk_full(path):
            return DiskFullError(f"{path}: the disk is full; free some space and open the project again")
        return UnreachableProjectError(
            path, f"cannot be opened here ({message}); check the disk and try again"
        )
    return DamagedProjectError(path, f"is damaged or not a project file ({message})")


def _leftover_journal(path: Path, *, merging: bool = False) -> ProjectFileError:
    """A `-journal` beside the project, which our read-only check may not play back.

    SQLite calls it hot: the undo record of a write that stopped half-way, to be played back
    before the file is read. Its documentation ("How To Corrupt An SQLite Database File",
    deleting a hot journal) is why the message says to keep it: if it is genuine, the
    project is damaged without it. annotator writes none while it works (its projects keep
    a write-ahead log), so one is most often a stray file; moving it aside, kept, is safe to
    try, and the advice says how. It used to be worded as a read-only disk, which it is not.
    """
    journal = path.with_name(path.name + "-journal").name
    # A merge's source: "open the project again" sent the lead to open the colleague's file,
    # and its backups are the colleague's to restore.
    then = "merge again" if merging else "open the project again"
    otherwise = "ask for another copy of the project" if merging else "restore the project from a backup"
    return ProjectFileError(
        path,
        f"a leftover journal file {journal} is beside the project, and SQLite would have to play "
        "it back before the project can be read; do not delete it: if a program stopped while "
        "writing the project, it holds what undoes that half-finished write. annotator writes "
        f"none itself, so if no other program writes this project, move {journal} into another "
        f"folder (keep it) and {then}; otherwise {otherwise}" + ("; nothing was merged" if merging else ""),
    )


def _disk_full(path: Path) -> bool:
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except (OSError, AttributeError):
        return False


def read_only_place(path: Path) -> bool:
    """Whether nothing can be created beside `path`: a read-only disk or folder."""
    return _read_only_mount(path) or not os.access(path.parent, os.W_OK)


def _read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _quick_check(conn: sqlite3.Connection) -> object:
    return conn.execute("PRAGMA quick_check(1)").fetchone()[0]


def _quick_check_beside(conn: sqlite3.Connection, meanwhile: Callable[[], object]) -> object:
    """`quick_check` on a worker thread while `meanwhile` runs here; its error, if any, raised here."""
    import threading

    outcome: list[object] = []

    def check() -> None:
        try:
            outcome.append(_quick_check(conn))
        except BaseException as exc:  # raised again on the calling thread
            outcome.append(exc)

    worker = threading.Thread(target=check, name="quick_check", daemon=True)
    worker.start()
    try:
        meanwhile()
    finally:
        worker.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]
