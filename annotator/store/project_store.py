"""One project = one SQLite file.

Every public write is one committed transaction (`BEGIN IMMEDIATE` ... `COMMIT`),
so a crash can lose at most the action that had not returned yet. WAL with
`synchronous=FULL` makes a returned commit durable across power loss.
"""

from __future__ import annotations

import bisect
import enum
import errno
import itertools
import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import groupby
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    import sqlite_utils

    from annotator.core.progress import CancelFn, ProgressFn

    # Reports are built after start-up (an import, the statistics): their module loads then.
    from annotator.core.reports import GoldDecision, ImportReport, LabelConflict, ProjectStats

from annotator.core.commands import (
    CHANGED_ELSEWHERE,
    GONE,
    Carried,
    Change,
    Command,
    PersonRenamed,
    PersonRows,
    kept_of_one_person,
)
from annotator.core.entity_decisions import (
    DECISIONS_CARRIED_META,
    FROM_DECISIONS,
    DecidedName,
    EntityDecisions,
    apply_decisions,
    decided_names,
    entity_name,
    judged_mentions,
)
from annotator.core.errors import (
    NOT_A_FOLDER,
    AnnotatorError,
    Cancelled,
    ChangedMeanwhile,
    CopyInProgress,
    DamagedProjectError,
    DiskFullError,
    NotAProjectError,
    NotFoundError,
    ProjectFileError,
    ProjectGoneError,
    ProjectLockedError,
    ReadOnlyError,
    SpanError,
    folder_that_is_a_file,
    missing_reason,
)
from annotator.core.model import (
    ENTITY_OUTDATED,
    GOLD_ANNOTATOR,
    QUOTE_CORRECTED,
    QUOTE_IMPORTED,
    QUOTE_REMOVED,
    Analysis,
    AnnotatedArticle,
    Article,
    ArticleDraft,
    ArticleStatus,
    ArticleSummary,
    Claim,
    ClaimCandidate,
    ClaimDraft,
    ClaimLabel,
    Entity,
    EntityStatus,
    LabelCheck,
    PipelineInfo,
    Quote,
    QuoteKind,
    QuoteSuggestion,
    Speaker,
    stamp_moment,
)
from annotator.core.reading_order import first_to_open
from annotator.core.search import folded_needles, found_in, holds, searchable
from annotator.core.text import check_span, content_hash, normalize_text
from annotator.core.tokens import TokenSpans
from annotator.core.validate import (
    MAX_FIELD_CHARS,
    MAX_TEXT_CHARS,
    InvalidValue,
    check_label,
    meta_json,
    storable_problem,
)
from annotator.store import checked_files, held_files, shared_places, stray_wal
from annotator.store import rows as rules
from annotator.store.backup import copy_database
from annotator.store.checks import (
    BAD_ROW_ADVICE,
    SQLITE_MAGIC,
    check_schema,
    check_structure,
    check_value_sizes,
    column_chars,
    harden,
    open_error,
    oversized,
    oversized_suggestions,
    read_as_found,
    read_header,
    read_only_connection,
    read_only_place,
    read_snapshot,
    read_uri,
    remove_own_companions,
)
from annotator.store.first_page import LIST_ORDER
from annotator.store.lock import InstanceLock, open_by_another_name
from annotator.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class _IdAndStatus(NamedTuple):
    """An article as `first_to_open` needs it."""

    id: int
    status: str


row_warnings = logging.getLogger("annotator.rows")
"""Rows the store ignores (a bad cached analysis, suggestion or model): one line each, once per
opening, for the first `ROW_WARNINGS_PER_TABLE` of a table. The CLI prints them as warnings and
the window shows them; both also reach the log."""

ROW_WARNINGS_PER_TABLE = 10
"""Ignored rows of one table named one by one per opening; the rest are counted in one line.

A line for each was a freeze: 500,000 suggestions outside their text (a 42 MB file) kept the
window 28 s on the article, each warning sent to the status bar and the log."""

REPLACED_BY_PREANNOTATION = {
    "entities": "status = 'suggested'",
    "quotes": f"model NOT IN ('{QUOTE_IMPORTED}', '{QUOTE_CORRECTED}', '{QUOTE_REMOVED}')",
    "candidates": "1",
}
"""The rows of each per-article table that a new pre-annotation of the article deletes and makes
again (`save_analyses`): suggestions, which an article may be shown without. The others hold a
person's decision (an entity accepted, rejected or added; a quotation corrected, removed or
imported from someone's file)."""

MAX_LEFT_OUT_ROWS = 20
"""Oversized suggestion rows one read leaves out (`leave_out_oversized`); one more refuses it."""

LEFT_OUT_CONSEQUENCE = "a suggestion, left out of its article; pre-annotating the article again replaces it"


BUSY_TIMEOUT_MS = 10_000

KEPT_READ_ARTICLES = 4
"""Articles whose entities and candidates the store keeps while nothing is written
(`ProjectStore._kept_read`): going back and forth between a few; a 1 MB article's are a few MB."""

FOLLOWED_ARTICLES_KEPT = 8
"""Articles whose entities `ProjectStore._carry` remembers as following the decisions: the
few a person goes back and forth between (a 1 MB article's 16,000 entities are a few MB)."""

UNDO_CARRIES_AT_ONCE = 100
"""At most this many articles an undo of an entity decision brings up to the decisions left
in its own transaction (`ProjectStore.revert`), the undone edit's article first: each costs
about 1 ms (its cached analysis read), and with a name every article holds, the undo of one
R held the window 9 s on 10,000 articles (benchmarks/bench_undo_carry.py). The rest are
carried when they are opened or at the next Pre-annotate All, as after a merge."""


def now_iso() -> str:
    """UTC time with milliseconds: sortable as text and unambiguous across time zones."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def stamp_after(*earlier: object) -> str:
    """Now (`now_iso`), or a millisecond past the latest of `earlier` stamps when the clock reads
    before it: a change is always stamped after the version it replaces.

    A merge takes the later `updated_at` of a claim as its author's later change. A laptop
    whose clock ran ahead and was put right stamped a relabel before the version the team
    file held, and the merge kept the old label as the "newer" one. Stamps that name no time
    (a hand-edited file's) are passed over.
    """
    stamp = now_iso()
    moments = [m for m in (stamp_moment(e) for e in earlier if isinstance(e, str)) if m is not None]
    latest = max(moments, default=None)
    if latest is None or (now := stamp_moment(stamp)) is None or now > latest:
        return stamp
    try:
        past = latest + timedelta(milliseconds=1)
    except OverflowError:  # a crafted stamp at the end of time: nothing is later
        return stamp
    return past.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def check_project_file(
    path: Path, *, lock: InstanceLock | None = None, checked: checked_files.CheckedFile | None = None
) -> int:
    """Return the schema version of an existing file, or refuse it without changing a byte.

    Refused: anything but a regular file (a FIFO would hang, a device would be written),
    non-SQLite files, versions we cannot read, any schema that is not exactly the app's
    (see `annotator.store.checks`), and damage that a quick check finds, including
    indexes that disagree with their tables. The file is read through a read-only
    connection; the `-wal`/`-shm` that connection may create are removed again on refusal.
    A file this process holds open and checked as it is now is not checked again
    (`checked_files`): the pool's connections to the window's project would each repeat it.
    Nor is a file still in the state `checked` says it passed them in (`check_to_open`, made
    on another thread): the window opens a project the pool checked.
    """
    if checked is not None and checked.state is not None and checked.state == checked_files.file_state(path):
        return checked.version
    known = checked_files.checked_version(path)
    if known is not None:
        return known
    return check_to_open(path, lock=lock).version


def check_to_open(path: Path, *, lock: InstanceLock | None = None) -> checked_files.CheckedFile:
    """The checks of `check_project_file`, made in full, with the state the file had throughout
    them, for an opening on another thread (`ProjectStore(checked=…)`)."""
    try:
        header = read_header(path)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP) and os.path.islink(path):
            # A link to a moved project, or round in a loop: "cannot be read (No such file or
            # directory)" sent the reader to a path `ls` shows. Said as imports and merges say it.
            raise ProjectFileError(path, missing_reason(path)) from exc
        raise ProjectFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not header:
        return checked_files.CheckedFile(None, 0)  # an empty file, e.g. made by a save dialog: we may use it
    if header != SQLITE_MAGIC:
        raise NotAProjectError(path, "is not an annotator project (not an SQLite file)")
    companions = _companions(path)
    existed = [c.exists() for c in companions]
    before = checked_files.file_state(path)
    # Before any connection reads the file through a -wal beside it: one that is not its own
    # would be written into it for good by the read-write connection that follows.
    alone = stray_wal.read_alone(path, lock=lock)
    if alone is not None and not alone.log_fits:
        raise _not_its_wal(path, known_project=False)
    with read_only_connection(path, lock=lock, keep=True) as conn:
        try:
            version = check_connection(conn, path)
        except (NotAProjectError, DamagedProjectError) as exc:
            # The file alone is a project, and through the -wal no project at all (another
            # program's -wal) or another project. Not any damage: another program may have
            # written a trigger or a bad row into the project's own -wal, and that is said.
            if alone is not None and (isinstance(exc, NotAProjectError) or alone.another_project(conn)):
                raise _not_its_wal(path) from exc
            raise
        # Only what a project's own -wal can never show refuses it: after a crash the -wal holds
        # the session's last labels, and refusing that project would be worse than the fault.
        # Not the merge's "older" test (`Alone.older_state`), which a crash can meet.
        if alone is not None and alone.another_project(conn):
            raise _not_its_wal(path)
    after = checked_files.file_state(path)
    checked_files.remember(before, after, version)
    kept = tuple(
        c.name.removeprefix(path.name)
        for c, was_there in zip(companions, existed, strict=True)
        if not was_there
    )
    return checked_files.CheckedFile(before if before == after else None, version, kept)


def _not_its_wal(path: Path, *, known_project: bool = True) -> ProjectFileError:
    """The open's refusal of a file with another project's `-wal` beside it (`stray_wal`);
    `known_project` False: one whose frames cannot follow the file's (`stray_wal.log_fits`),
    which may be another project's or another copy's of this one."""
    wal = path.name + "-wal"
    if not known_project:
        return ProjectFileError(
            path,
            f"the file {wal} beside it is not this file's own (it is left from another project or"
            " another copy of this one), and its pages would be read and saved in place of this"
            f" file's; nothing was changed. Move {wal} into another folder (keep it) and open the"
            " project again",
        )
    return ProjectFileError(
        path,
        f"the file {wal} beside it belongs to another project, whose work would be read and saved"
        f" in place of this one's; nothing was changed. Move {wal} into another folder (keep it)"
        " and open the project again",
    )


def let_go_of_check(path: Path, checked: checked_files.CheckedFile) -> None:
    """No opening follows these checks (a later one was asked, or the window closed): remove
    the empty `-wal`/`-shm` they made and kept for it, as a check that keeps nothing would.

    Left there, they stayed beside a project nobody had open, until its next open and close.
    Nothing is removed from a file another process has open, nor a `-wal` written meanwhile.
    """
    if not checked.kept:
        return
    companions = _companions(path)
    existed = [c.name.removeprefix(path.name) not in checked.kept for c in companions]
    remove_own_companions(path, companions, existed, None)


def check_connection(conn: sqlite3.Connection, path: Path, *, merging: bool = False) -> int:
    """The checks of `check_project_file` on an open (read-only, hardened) connection
    (`merging`: of a merge's source, as `open_error` says).

    All in one read transaction: another process may be creating or filling the file right
    now, and a version read before its commit with tables read after it (or an index counted
    before it and its table after) would look like a foreign or damaged file.
    """
    try:
        with read_snapshot(conn):
            version = check_structure(conn, path)
            if version > 0:
                check_value_sizes(conn, path)  # first: the small tables are read whole
                check_small_tables(conn, path, version)
    except sqlite3.Error as exc:
        raise open_error(exc, path, merging=merging) from exc
    return version


def check_small_tables(conn: sqlite3.Connection, path: Path, version: int = SCHEMA_VERSION) -> None:
    """Every row of the tables a project holds few rows in (settings, annotators), at open.

    The large tables (articles, claims, pre-annotations) are checked row by row as they are
    read: checking them all at open would cost more than the whole opening does
    (`ProjectStore` docstring). These are read by almost every command and are small.
    """
    reads: tuple[tuple[str, str, Callable[[tuple[Any, ...]], None]], ...] = (
        ("meta", "SELECT rowid, key, value FROM meta", _meta_row),
        ("annotators", "SELECT rowid, name, created_at FROM annotators", _annotator_row),
    )
    if version >= 9:  # `renames` came with v9; an older file gains it empty when it migrates
        reads = (*reads, ("renames", "SELECT rowid, old, new FROM renames", _rename_row))
    for table, sql, check in reads:
        try:
            rows = conn.execute(sql).fetchall()
        except sqlite3.OperationalError as exc:
            if not _is_decode_error(exc):
                raise
            raise DamagedProjectError(
                path, undecodable_row(conn, (table,), exc) + "; " + BAD_ROW_ADVICE
            ) from exc
        for row in rows:
            try:
                check(row)
            except InvalidValue as exc:
                raise DamagedProjectError(path, f"{table} row {row[0]}: {exc}; {BAD_ROW_ADVICE}") from None
    if version >= 9:
        _check_renames_flat(conn, path)


def _meta_row(row: tuple[Any, ...]) -> None:
    rules.check_meta_entry(key=row[1], value=row[2])


def _annotator_row(row: tuple[Any, ...]) -> None:
    rules.check_annotator(name=row[1], created_at=row[2])


def _rename_row(row: tuple[Any, ...]) -> None:
    rules.check_rename(old=row[1], new=row[2])


def _check_renames_flat(conn: sqlite3.Connection, path: Path) -> None:
    """Every new name in `renames` is a name in use, never another row's old one: a rename
    keeps the table so (`ProjectStore.rename_person`), and a merge looks a name up once. A
    crafted chain or loop ("a" to "b", "b" to "a") is refused as any bad row is."""
    found = conn.execute(
        "SELECT r.rowid, r.new FROM renames r JOIN renames s ON s.old = r.new ORDER BY r.rowid LIMIT 1"
    ).fetchone()
    if found is not None:
        raise DamagedProjectError(
            path, f"renames row {found[0]}: its new name {found[1]!r:.60} was renamed again; {BAD_ROW_ADVICE}"
        )


def _is_decode_error(exc: sqlite3.Error) -> bool:
    return "could not decode" in str(exc).lower()


def undecodable_row(conn: sqlite3.Connection, tables: Iterable[str], exc: sqlite3.Error) -> str:
    """Where a value that is not UTF-8 text sits ("claims row 7: note is not UTF-8 text").

    Python's sqlite3 only names the column when it cannot decode a value; a read that failed
    so is repeated here as bytes, table by table, to name the row. Only on that error path.
    """
    found = re.search(r"column '([^']*)'", str(exc))
    wanted = found.group(1) if found else None
    for table in tables:
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
        for column in columns:
            if wanted is not None and column != wanted:
                continue
            for rowid, value in conn.execute(
                f'SELECT rowid, CAST("{column}" AS BLOB) FROM "{table}" WHERE typeof("{column}") = \'text\''
            ):
                try:
                    bytes(value).decode("utf-8")
                except UnicodeDecodeError:
                    return f"{table} row {rowid}: {column} {_NOT_UTF8}"
    return f"{', '.join(tables)}: a value {_NOT_UTF8}"


_NOT_UTF8 = "is not UTF-8 text (stray bytes or an unpaired surrogate)"


def translate_sqlite_error(exc: sqlite3.Error, path: Path) -> Exception:
    """Tell machine problems (full disk, read-only, locked) apart from bugs."""
    message = str(exc).lower()
    if "disk is full" in message or "database or disk is full" in message:
        return DiskFullError(f"{path}: the disk is full; free some space, your saved work is safe")
    if "readonly" in message or "read-only" in message:
        return ReadOnlyError(
            f"{path}: the project file is read-only, so nothing was saved; to label it, make the"
            " file writable or copy it into a folder you can write to, and open it again"
        )
    if "locked" in message or "busy" in message:
        return ProjectLockedError(f"{path}: another program is writing to this project; try again")
    return exc


def _companions(path: Path) -> list[Path]:
    """The project's `-wal` and `-shm`, in the order `checks.remove_own_companions` takes them."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def _writable(path: Path) -> bool:
    """Whether this process may write `path` (a missing file counts as writable: it is not ours to judge)."""
    try:
        return os.access(path, os.W_OK) or not path.exists()
    except OSError:
        return True


def _drop_stale_read_only_companions(path: Path, companions: list[Path]) -> None:
    """Remove an empty `-wal` and its `-shm` that cannot be written beside a project that can.

    They are what a reading of the project while it was read-only left (SQLite gives them the
    file's mode): with them there, SQLite opens the project read-only for good, and every label
    was refused as "read-only" after the person had made the file writable. An empty `-wal`
    holds no saved work; nothing is removed while another process has the project open.
    """
    if not _writable(path) or not os.access(path.parent, os.W_OK):
        return
    if all(_writable(c) for c in companions):
        return
    remove_own_companions(path, companions, [False] * len(companions), None)


COPY_PAGES = 1024
"""Pages `ProjectStore.save_copy` copies between two looks at progress and cancel (4 MB)."""


def _place_new(partial: Path, target: Path) -> None:
    """Give the finished copy `partial` the name `target`, never replacing a file that took
    that name meanwhile: a hard link fails on a name that exists, where a rename replaces it.
    A disk without hard links (FAT, some network shares) gets a rename after a last look."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise ProjectFileError(target, "already exists; the copy never replaces a file") from None
    except OSError:
        if _exists(target):
            raise ProjectFileError(target, "already exists; the copy never replaces a file") from None
        os.replace(partial, target)


_COPYING = re.compile(r"^\..*\.copying-(?P<pid>\d+)(?:-journal|-wal|-shm)?$")


def _remove_dead_copies(folder: Path) -> None:
    """Remove the hidden partial copies (and their journals) of processes that are gone.

    A copy killed before it took its name (the laptop died, the window was killed) left
    `.name.copying-PID` beside it for good, as large as the project. Only a dead process's
    are removed: another window may be copying into the same folder. Windows is not asked
    (`os.kill(pid, 0)` would end the process there).
    """
    if os.name == "nt":
        return
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _COPYING.match(name)
        if match is None or _process_alive(int(match["pid"])):
            continue
        with suppress(OSError):
            if not os.path.islink(folder / name) and os.path.isfile(folder / name):
                os.unlink(folder / name)
                log.info("removed %s, left by an interrupted copy", folder / name)


def _copy_refused(refusal: Exception, target: Path) -> Exception:
    """A refusal of the copy `target` by its disk, said as a copy's: no copy was made, nothing else changed.

    The opening's words ("free some space and open the project again", "the project is on a
    read-only disk…; copy it somewhere writable to open it") were said of a copy onto a full
    disk or a write-protected stick, about the project that was open and fine all along.
    """
    if isinstance(refusal, DiskFullError):
        return DiskFullError(
            f"{target}: the disk is full, so no copy was made (the open project is unchanged); "
            "free some space there or choose another disk"
        )
    if isinstance(refusal, ReadOnlyError):
        return ReadOnlyError(
            f"{target}: that disk or folder is read-only, so no copy was made (the open project "
            "is unchanged); choose another folder"
        )
    return refusal


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, or we cannot tell: leave its file alone
    return True


_NAME_ROOM = 255 - len("-journal")
"""The longest name SQLite can open: a file system's 255 bytes, less the `-journal` it adds."""


def _hidden_name(name: str, ending: str) -> str:
    """`.name` + `ending`, `name` cut short at a whole letter so SQLite can open the file.

    The copy of a project whose name is as long as a project's may be (247 bytes, a title in
    Cyrillic or Chinese) was refused with "File name too long": the hidden name added 16 bytes.
    """
    room = _NAME_ROOM - len(os.fsencode(f".{ending}"))
    while name and len(os.fsencode(name)) > room:
        name = name[:-1]
    return f".{name}{ending}"


def _exists(path: Path) -> bool:
    """Whether anything is at `path` (a dangling symlink counts: we will not create through it)."""
    return os.path.lexists(path)


def _has_schema(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return True


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; another process switching at the same moment may hold the lock briefly."""
    for attempt in range(200):
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or attempt == 199:
                raise
            time.sleep(0.05)


def _cannot_update_here(path: Path, version: int) -> ReadOnlyError:
    """An older project that cannot be written: it must be updated to open, and here it cannot be.

    Said as the general read-only refusal was ("on a read-only disk or in a read-only folder"),
    it was false of a read-only file in a writable folder, and did not say why a project that
    opens read-only when it is of this version was refused.
    """
    return ReadOnlyError(
        f"{path}: this project was made by an earlier version of annotator (schema {version}) and"
        " must be updated before it can be opened, which cannot be done here: the file, its"
        " folder or its disk is read-only; copy it somewhere writable and open the copy"
    )


def _before_update_name(path: Path) -> Path:
    """Where the copy of `path` as it was before an update goes: beside it, with its ending, so
    the release that made it opens it; a free name, cut short at a whole letter if need be. The
    schema version is left to the log: people read "before update"."""
    name = path.name
    ending = next((e for e in (".annotator.db", path.suffix) if e and name.endswith(e)), "")
    stem = name[: len(name) - len(ending)] if ending else name
    for n in itertools.count(1):
        tail = f" (before update){ending}" if n == 1 else f" (before update {n}){ending}"
        room = _NAME_ROOM - len(os.fsencode(tail)) - len(".copying-") - 12
        cut = stem
        while cut and len(os.fsencode(cut)) > room:
            cut = cut[:-1]
        candidate = path.with_name(cut + tail)
        if not _exists(candidate):
            return candidate
    raise AssertionError("unreachable")


class FoundAtPath(enum.Enum):
    """What a new project's chosen name already names (`found_at`)."""

    NOTHING_IN_IT = "nothing in it"
    PROJECT = "project"
    NOT_A_PROJECT = "not a project"


def found_at(path: Path) -> FoundAtPath:
    """What the file a new project was named after holds, read without changing a byte.

    Only its header and its schema are read, not the whole file: this is asked on the
    window's thread, before the window offers to open the file (the open's full checks then
    run in the pool as every open's do). A file with nothing in it, 0 bytes or an SQLite
    file without tables, is `NOTHING_IN_IT`: what an opening that may create fills (see
    `ProjectStore`), as `annotator import` fills it. Another program's SQLite data, a text
    file or a damaged project is `NOT_A_PROJECT`: no opening fills or opens it as a project.
    A file that cannot be read is taken for a `PROJECT`: the open then says why it fails.
    """
    try:
        header = read_header(path)
        if not header:
            return FoundAtPath.NOTHING_IN_IT
        if header != SQLITE_MAGIC:
            return FoundAtPath.NOT_A_PROJECT
        with read_only_connection(path) as conn, read_snapshot(conn):
            version = check_schema(conn, path)
    except (NotAProjectError, DamagedProjectError):
        return FoundAtPath.NOT_A_PROJECT
    except (AnnotatorError, OSError, sqlite3.Error):
        return FoundAtPath.PROJECT
    return FoundAtPath.NOTHING_IN_IT if version == 0 else FoundAtPath.PROJECT


def _not_a_project_yet(path: Path) -> ProjectFileError:
    """An empty file (or an SQLite file with nothing in it) opened by a command that only reads.

    Only an opening that may create a project fills one (an import, the window's New
    Project, which may be handed an empty file a save dialog made): `stats notes.txt` on an
    empty notes.txt turned it into a 128 KB project and said "articles: 0".
    """
    try:
        empty = os.stat(path).st_size == 0
    except OSError:
        empty = True
    what = "is empty" if empty else "is an SQLite file with nothing in it"
    return ProjectFileError(
        path, f"{what}, not an annotator project; open a project file, or import articles to make one"
    )


def _os_open_error(path: Path, exc: OSError) -> Exception:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(f"{path}: the disk is full ({reason}); free some space and try again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyError(
            f"{path}: cannot create a project here ({reason}); choose a folder you can write to"
        )
    return ProjectFileError(path, f"cannot be created ({reason})")


class ProjectStore:
    """Rows in, core objects out. Not thread-safe: one store per thread."""

    def __init__(
        self, path: str | Path, *, create: bool = True, checked: checked_files.CheckedFile | None = None
    ) -> None:
        """`checked`: what `check_to_open` found on another thread, taken for the file's checks
        while the file is as it was then."""
        self.path = Path(path)
        self.copy_before_update: Path | None = None
        """Where this opening kept the project as it was before updating it from an earlier
        version (`_keep_as_it_was`), or None when it needed no update."""
        self.created = False
        """True when this process made the file (and may discard it while it is still empty)."""
        self._created_id: tuple[int, int] | None = None
        self._closed = False
        self._may_create = create
        if not _exists(self.path):
            if not create:
                raise ProjectFileError(self.path, "does not exist")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                blocker = folder_that_is_a_file(self.path)
                if blocker is not None:  # the person's slip, not the disk's refusal
                    raise ProjectFileError(blocker, f"{NOT_A_FOLDER} for the project") from exc
                raise ReadOnlyError(f"{self.path.parent}: cannot create the folder ({exc.strerror})") from exc
        companions = _companions(self.path)
        _drop_stale_read_only_companions(self.path, companions)
        existed = [c.exists() for c in companions]
        # The lock first: it is what lets a process that created the file discard it safely.
        self.lock = InstanceLock(self.path)
        self.opened_elsewhere = not self.lock.acquire()
        conn: sqlite3.Connection | None = None
        try:
            if not self.opened_elsewhere and open_by_another_name(self.path):
                raise ProjectFileError(
                    self.path,
                    "is open in another window or program under another of its names (a hard link"
                    " to the same file); close it there first, or open it there by that name: labels"
                    " saved under two names at once overwrite each other",
                )
            if create and not _exists(self.path):
                self._create_file()
            # read-only: refuses, changing no byte
            if check_project_file(self.path, lock=self.lock, checked=checked) == 0 and not create:
                raise _not_a_project_yet(self.path)
            # On a write-protected stick or a read-only share the project is read as it lies
            # (`read_as_found`): SQLite cannot make the -shm it needs to read it otherwise.
            self._as_found = read_as_found(self.path)
            # Not tied to this thread: `save_copy` reads it from a worker, which only it may do,
            # while `transaction` refuses the window's writes (`_copy_guard`).
            conn = sqlite3.connect(
                read_uri(self.path) if self._as_found else str(self.path),
                uri=self._as_found,
                isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000,
                check_same_thread=False,
            )
            self._conn = conn
            self._db: sqlite_utils.Database | None = None
            harden(conn)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            self._open_schema(conn)
        except BaseException as exc:
            # Whatever stops the opening, leave no connection, lock or empty file behind: a
            # lock left held would make the next open say another window has the project.
            if conn is not None:
                conn.close()
            self._discard_created(check_empty=None)
            self.lock.release()
            if isinstance(exc, sqlite3.Error):
                raise open_error(exc, self.path) from exc
            raise
        self._held = held_files.hold(self.path)  # no raw open of it here from now on
        self.read_only = not _writable(self.path)
        """The file cannot be written (mode 0444, a copy from a CD): it opens, and every save is
        refused; the window says so at once rather than at the first label."""
        self._companions_existed = existed
        self._data_version: int | None = None  # `changed_elsewhere`
        self._refusal: str | None = None  # `stop_saving`
        self._copy_guard = threading.Lock()  # held by a `transaction` or by `save_copy`, never both
        self._annotators: set[str] = set()
        self._decisions: _DecidedRows | None = None  # `entity_decisions`
        # (changes, data version) when `_decisions` last matched the file, but for the articles
        # whose entities this connection's edits changed since (`_decisions_pending`)
        self._decisions_seen_at: tuple[int, int] | None = None
        self._decisions_pending: set[int] = set()
        # `_kept_read`: (table, article) -> (changes, data version), the rows and the rows left out
        self._kept_reads: dict[tuple[str, int], tuple[tuple[int, int], list[Any], tuple[str, ...]]] = {}
        # `_carry`: article -> (its pipeline and text, the decisions) and the entities it left as they were
        self._followed: dict[int, tuple[tuple[PipelineInfo, str, EntityDecisions], list[Entity]]] = {}
        # `replace_entity`: the suggestions the edit or undo under way took off a span it named
        self._displaced: list[tuple[int, Entity]] = []
        # `text_length`: the lengths counted in the transaction under way (None: none under way)
        self._lengths_counted: dict[int, int] | None = None
        self._warned: set[tuple[str, object]] = set()
        self._warnings_per_table: Counter[str] = Counter()  # `warn_row`
        self.shared_place = (
            None if self._as_found or self.read_only else shared_places.shared_place(self.path)
        )
        """What makes the project's folder shared with other computers (`store.shared_places`), in
        words, or None. There each committed action is copied into the project file at once
        (`_copy_into_file`): a sync tool that uploads the file alone, without its `-wal`, then
        passes on every saved label, not the file as it was when the window opened it."""
        self._copy_into_file()  # the tables a new project was just given

    def _create_file(self) -> None:
        """Make the empty file ourselves, exclusively: of two processes racing, exactly one did."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            return
        except OSError as exc:
            raise _os_open_error(self.path, exc) from exc
        try:
            info = os.fstat(fd)
        finally:
            os.close(fd)
        self.created = True
        self._created_id = (info.st_dev, info.st_ino)

    def _open_schema(self, conn: sqlite3.Connection) -> None:
        """Read the version under a write lock, then create or migrate: never twice, never a stranger's.

        `BEGIN IMMEDIATE` before reading `user_version` makes a second process that races
        to create the same project wait and then find the schema made, instead of running
        the first migration again. The schema is checked again on this connection, inside
        the transaction, because another process may have changed the file since the
        read-only check.
        """
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            with read_snapshot(conn):
                version = check_schema(conn, self.path)
            if version == 0:
                if not self._may_create:  # emptied since the check: still not ours to fill
                    raise _not_a_project_yet(self.path)
                _set_wal(conn)  # a new file: WAL before the schema goes in
        try:
            conn.execute("BEGIN")  # a read: a read-only project opens (and refuses writes later)
            version = check_schema(conn, self.path)
            conn.execute("COMMIT")
            if version < SCHEMA_VERSION:
                if version > 0 and (self._as_found or read_only_place(self.path) or not _writable(self.path)):
                    raise _cannot_update_here(self.path, version)
                conn.execute("BEGIN IMMEDIATE")
                version = check_schema(conn, self.path)
                if version == 0 and not self._may_create:
                    raise _not_a_project_yet(self.path)
                if version < SCHEMA_VERSION:
                    if version > 0:
                        self.copy_before_update = self._keep_as_it_was(version)
                    self._migrate(version)
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if self._as_found:
            return  # read as it lies: its journal mode is the file's, and nothing is written
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _set_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")

    # -- plumbing ----------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, made on first use.

        Importing sqlite-utils imports numpy (and pandas when installed), 0.2-0.5 s
        that the window's start-up does not need: the store's own queries use `conn`.
        """
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self._conn, recursive_triggers=False)
        return self._db

    def close(self) -> None:
        """Close the connection; the lock file goes too when no other process has the project open."""
        if self._closed:
            return
        self._closed = True
        try:
            # Through this connection's own descriptor, so the labels reach the file it has open
            # even if the project was renamed or moved meanwhile: SQLite skips the checkpoint at
            # close for a file no longer at its path, and the write-ahead log it leaves behind
            # under the old name is no use to the renamed file. PASSIVE: never waits for readers.
            with suppress(sqlite3.Error):
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.conn.close()
        finally:
            held_files.let_go(self._held)
            if self.read_only and not all(self._companions_existed):
                # SQLite makes a -wal and -shm as read-only as the file to read it, and a
                # read-only connection never removes them; left behind, that -shm kept the
                # project read-only after the file itself was made writable.
                remove_own_companions(self.path, _companions(self.path), self._companions_existed, self.lock)
            self.lock.release()

    def file_moved(self) -> bool:
        """Whether the project's path no longer names the file this store has open: it was
        renamed, moved or deleted while open, and what is saved now reaches no file there."""
        return self._held is not None and held_files.file_key(self.path) != self._held

    def stop_saving(self, reason: str) -> None:
        """Refuse every write from now on with `reason` (`ProjectGoneError`).

        For a file that left its path and could not be put back (`file_moved`): SQLite would go
        on committing to the deleted file, and each label would look saved until the close lost
        it. Reading, and `save_copy` of all the connection holds, still work.
        """
        self._refusal = reason

    @property
    def saving_stopped(self) -> bool:
        """Whether `stop_saving` was called: nothing can be saved to this project any more."""
        return self._refusal is not None

    def set_busy_timeout(self, ms: int) -> None:
        """How long a write waits for another connection's write lock before it is refused
        (`ProjectLockedError`); `BUSY_TIMEOUT_MS` unless changed."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")

    def changed_elsewhere(self) -> bool:
        """Whether another connection (another window, a command, a background process) has
        committed to the project since this was last asked; the first call only takes note.

        SQLite's `data_version` changes with each commit of another connection and never with
        this connection's own, so asking costs no read of the data.
        """
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    def save_copy(
        self, target: Path, *, progress: ProgressFn | None = None, cancel: CancelFn | None = None
    ) -> None:
        """Write what this connection holds, its write-ahead log included, to the new file `target`.

        May run in a worker: the window is not held for the copy of a large project (0.4 s at
        200 MB, longer on a slow disk), which steps `COPY_PAGES` pages at a time, reporting
        progress and asking `cancel` between steps. Meanwhile this connection's writes are
        refused (`CopyInProgress`): SQLite would copy a transaction not yet committed, which a
        refused edit then rolls back, and the copy is the project as it was when it began. It is
        written under a hidden name beside `target` and renamed at the end, so a cancelled or
        failed copy leaves no half file under the name asked for.
        """
        if _exists(target):
            raise ProjectFileError(target, "already exists; the copy never replaces a file")
        if (log := stray_wal.log_in_the_way(target)) is not None:
            raise ProjectFileError(target, stray_wal.log_in_the_way_refusal(log))
        _remove_dead_copies(target.parent)
        partial = target.with_name(_hidden_name(target.name, f".copying-{os.getpid()}"))

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)
            if cancel is not None and cancel():
                raise Cancelled("the copy was cancelled")  # aborts the backup

        with self._copy_guard:
            try:
                with suppress(FileNotFoundError):
                    partial.unlink()
                with closing(sqlite3.connect(partial)) as copy:
                    self.conn.backup(copy, pages=COPY_PAGES, progress=step)
                _place_new(partial, target)
            except sqlite3.Error as exc:
                raise _copy_refused(open_error(exc, target), target) from exc
            except OSError as exc:
                # A read-only disk refuses even the removal of a scratch file that is not there.
                raise _copy_refused(_os_open_error(target, exc), target) from exc
            finally:
                with suppress(OSError):
                    partial.unlink()

    def discard_if_unused(self) -> bool:
        """Close, and remove the project files if this process created them and nothing is in them.

        For a first import that was rejected: the empty project it created should not stay.
        Never removes a file another process has open, one that was replaced since, or one
        that holds anything (another process may have filled it meanwhile).
        """
        if self._closed:
            return False
        if not self.created or not self.lock.try_exclusive():
            self.close()
            return False
        try:
            empty = self._is_empty()
        except sqlite3.Error:
            empty = False
        self._closed = True
        self.conn.close()
        held_files.let_go(self._held)
        removed = self._discard_created(check_empty=empty)
        self.lock.release()
        return removed

    def _is_empty(self) -> bool:
        for table in ("articles", "annotators", "claim_models"):
            if self.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                return False
        return not self.conn.execute("SELECT 1 FROM meta WHERE key != 'created_at' LIMIT 1").fetchone()

    def _discard_created(self, *, check_empty: bool | None) -> bool:
        """Remove the file this process created, if it is still that file; `check_empty` None:
        only when it has no schema yet (a failed creation), else only when True."""
        if not self.created or self._created_id is None:
            return False
        try:
            info = os.stat(self.path)
        except OSError:
            return False
        if (info.st_dev, info.st_ino) != self._created_id:
            return False
        if check_empty is None:
            if not self.lock.try_exclusive() or _has_schema(self.path):
                return False
        elif not check_empty:
            return False
        for companion in (self.path, *(self.path.with_name(self.path.name + s) for s in ("-wal", "-shm"))):
            try:
                companion.unlink(missing_ok=True)
            except OSError:
                return False
        log.info("removed %s, which this process created and which stayed empty", self.path)
        return True

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One committed unit of work; nested calls join the outer one."""
        if self.conn.in_transaction:
            yield
            return
        if self._refusal is not None:
            raise ProjectGoneError(self._refusal)
        if not self._copy_guard.acquire(blocking=False):
            raise CopyInProgress(
                "Not saved: a copy of the project is being saved (File ▸ Save a Copy As…); "
                "edits are refused until it is done. Try again in a moment."
            )
        try:
            self._lengths_counted = {}
            with self._guarded_transaction():
                yield
        finally:
            self._lengths_counted = None
            self._copy_guard.release()

    @contextmanager
    def _guarded_transaction(self) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, self.path) from exc
        try:
            yield
        except sqlite3.OperationalError as exc:
            # Raw conn.execute/executemany calls in a body (not only _write) can hit a full disk.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            translated = translate_sqlite_error(exc, self.path)
            if translated is exc:
                raise
            raise translated from exc
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise translate_sqlite_error(exc, self.path) from exc
        self._copy_into_file()

    def _copy_into_file(self) -> None:
        """In a shared place (`shared_place`), copy what is committed from the `-wal` into the
        project file itself.

        PASSIVE: it never waits for another connection, and what a reader still holds goes in at
        the next action's. The action is saved whether or not this succeeds (it is in the `-wal`),
        so a failure is only logged.
        """
        if self.shared_place is None:
            return
        try:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            log.warning("could not copy the last action into %s", self.path, exc_info=True)

    def _write(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, self.path) from exc

    def _keep_as_it_was(self, version: int) -> Path:
        """Copy the project, still at schema `version`, beside it before it is updated; the copy's path.

        An update cannot be undone: a release of that version refuses the updated file as made
        by a newer one, and the colleague who sent it, or this person's other computer, could no
        longer open it. The daily copy is taken after the opening, so it held the updated file
        only. Run inside `_open_schema`'s `BEGIN IMMEDIATE`: no other process changes the file
        between the copy and the update. A copy that cannot be made refuses the update.
        """
        target = _before_update_name(self.path)
        _remove_dead_copies(self.path.parent)
        partial = self.path.with_name(_hidden_name(target.name, f".copying-{os.getpid()}"))
        try:
            # Another connection: SQLite's backup cannot read through one holding a write lock.
            # This one's lock still keeps every writer out while the copy reads.
            copy_database(self.path, partial)
            _place_new(partial, target)
        except (OSError, AnnotatorError) as exc:
            reason = exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)
            raise ProjectFileError(
                self.path,
                f"was made by an earlier version of annotator and must be updated to open, but no copy"
                f" of it as it was could be kept first ({reason}); nothing was changed",
            ) from exc
        finally:
            with suppress(OSError):
                partial.unlink()
        log.info("kept %s at schema %d before updating it, as %s", self.path, version, target)
        return target

    def _migrate(self, from_version: int) -> None:
        """Run inside the caller's `BEGIN IMMEDIATE` (see `_open_schema`)."""
        for version in range(from_version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version]:
                self.conn.execute(statement)
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        if from_version == 0:
            self.conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('created_at', ?)", (now_iso(),)
            )
            log.info("created project %s (schema %d)", self.path, SCHEMA_VERSION)
        else:
            log.info("migrated %s from schema %d to %d", self.path, from_version, SCHEMA_VERSION)

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    # -- checked reads -------------------------------------------------------------
    # A file with the app's schema may still hold rows the app never writes (see
    # `store.rows`). Every row is checked as it is read, with the rules merge applies to
    # rows it copies; a bad one becomes one line naming the table and row. Rows the app can
    # do without (cached analyses, suggestions, models) are skipped with a warning instead.

    def bad_row(self, table: str, row_id: object, reason: object) -> ProjectFileError:
        """The one-line error for a row that breaks the rules of its table."""
        return DamagedProjectError(self.path, f"{table} row {row_id}: {reason}; {BAD_ROW_ADVICE}")

    def warn_row(self, table: str, row_id: object, reason: object, consequence: str) -> None:
        """Say once per opening that a row the app can do without is ignored, and why.

        Only the first `ROW_WARNINGS_PER_TABLE` rows of a table are named; one more line
        says that further ones are ignored unlisted.
        """
        key = (table, row_id)
        if key in self._warned:
            return
        said = self._warnings_per_table[table]
        if said > ROW_WARNINGS_PER_TABLE:
            return
        self._warnings_per_table[table] += 1
        if said == ROW_WARNINGS_PER_TABLE:
            row_warnings.warning(
                "%s: more %s rows are ignored; they are not listed one by one",
                self.path,
                table,
            )
            return
        self._warned.add(key)
        row_warnings.warning(
            "%s: %s row %s is ignored: %s; %s", self.path, table, row_id, reason, consequence
        )

    @contextmanager
    def _bad_rows_named(self, tables: tuple[str, ...]) -> Iterator[None]:
        """A value that is not UTF-8 text, met by a read from `tables`, is a bad row, named."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if not _is_decode_error(exc):
                raise
            raise DamagedProjectError(
                self.path, undecodable_row(self.conn, tables, exc) + "; " + BAD_ROW_ADVICE
            ) from exc

    def query(
        self, tables: tuple[str, ...], sql: str, params: tuple[Any, ...] | list[Any] = ()
    ) -> Iterator[Any]:
        """The rows of a read from `tables`; a value that is not UTF-8 text is a bad row, named."""
        with self._bad_rows_named(tables):
            # Not `yield from`: that would close the cursor when an abandoned read is collected,
            # which fails once the connection is closed.
            for row in self.conn.execute(sql, params):  # noqa: UP028 - see above
                yield row

    def query_all(
        self, tables: tuple[str, ...], sql: str, params: tuple[Any, ...] | list[Any] = ()
    ) -> list[Any]:
        """`query`'s rows fetched at once: a generator's step per row was a fifth of the time
        a 1 MB article's 16,000 entities took to read."""
        with self._bad_rows_named(tables):
            return self.conn.execute(sql, params).fetchall()

    def refuse_oversized(
        self, table: str, columns: Iterable[str], where: str = "", params: tuple[Any, ...] = ()
    ) -> None:
        """Refuse, naming it, a row (of those `where` picks) with a value of `columns` longer
        than its column may be, before a read fetches them.

        The open does not measure the large per-article tables (`checks.READ_MEASURED_TABLES`):
        each read measures the rows and columns it is about to fetch, in SQLite, so a crafted
        300 MB value is refused unread, as the open refuses one in the other tables.
        """
        found = oversized(self.conn, table, columns, where, params)
        if found is not None:
            raise self.bad_row(table, found[0], found[1])

    def leave_out_oversized(
        self, table: str, columns: Iterable[str], where: str, params: tuple[Any, ...]
    ) -> tuple[list[int], tuple[str, ...]]:
        """(row ids, "table row N: why" each) of the rows `where` picks with a value of `columns`
        longer than its column may be, when every one is a suggestion (`REPLACED_BY_PREANNOTATION`);
        a row holding a person's work is refused as `refuse_oversized` refuses it. Nothing is fetched.

        One crafted row of suggestions refused its whole article: the text and the person's
        claims hid behind a row that pre-annotating the article again replaces. Such rows are
        left out of the read, each named in the log once per opening (`warn_row`); the caller
        says so where the article is shown. A person's decision on an entity or a quotation is
        not left out (its loss would go unnoticed until someone missed it), nor are claims, which
        `check_value_sizes` refuses at open; nor more than `MAX_LEFT_OUT_ROWS` rows of one read,
        which is a file made to be slow rather than one bad row, and is refused.
        """
        left_out, refused = oversized_suggestions(
            self.conn,
            table,
            columns,
            REPLACED_BY_PREANNOTATION[table],
            where,
            params,
            at_most=MAX_LEFT_OUT_ROWS,
        )
        if refused is not None:
            raise self.bad_row(table, refused[0], refused[1])
        for row_id, why in left_out:
            self.warn_row(table, row_id, why, LEFT_OUT_CONSEQUENCE)
        return [row_id for row_id, _ in left_out], tuple(
            f"{table} row {row_id}: {why}" for row_id, why in left_out
        )

    def checked(self, table: str, row_id: object, build: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        """`build(...)`, with an `InvalidValue` turned into the one-line error naming the row."""
        try:
            return build(*args, **kwargs)
        except InvalidValue as exc:
            raise self.bad_row(table, row_id, exc) from None

    def text_length(self, article_id: int) -> int | None:
        """Code points in an article's text, or None if there is no such article (or text).

        Counted once a transaction: SQLite's `length` walks the whole UTF-8 text, and an edit
        reads each row it changes back against it. Shift+A on a name a 400,000-character
        report gives 354 times counted the report 354 times, 0.3 s of the key; its undo as
        long. No one writes meanwhile, and an article's text is never rewritten; one not
        (yet) there is asked again, as a merge may add it.
        """
        counted = self._lengths_counted
        if counted is not None and article_id in counted:
            return counted[article_id]
        row = self.conn.execute(
            "SELECT length(text) FROM articles WHERE id = ? AND typeof(text) = 'text'", (article_id,)
        ).fetchone()
        if not row:
            return None
        length = int(row[0])
        if counted is not None and self.conn.in_transaction:
            counted[article_id] = length
        return length

    def text_lengths(self) -> dict[int, int]:
        """Code points in every article's text: spans of whole-project reads are checked against it."""
        return dict(self.conn.execute("SELECT id, length(text) FROM articles WHERE typeof(text) = 'text'"))

    def annotator_names(self) -> frozenset[str]:
        """The names in `annotators` (checked at open), which every claim's annotator must be."""
        return frozenset(row[0] for row in self.conn.execute("SELECT name FROM annotators"))

    def check_rows(self, *, claims: bool = True) -> dict[str, list[int]]:
        """Read every row the project's figures and exports rest on, checked; the first bad one raises.

        For whole-project reports (`stats`), which count rows without reading them one by one.
        Without `claims`, the claims are not read: the caller read them all, checked, already.
        Returns the suggestion rows too large to read, by table, left out as reading their
        article leaves them out (`leave_out_oversized`): the figures count what the window shows.
        """
        lengths = self.text_lengths()
        for row in self.query(("articles",), _ARTICLE_SELECT + " ORDER BY id"):
            self.checked("articles", row[0], _article_from_row, row)
        names = self.annotator_names()
        for row in self.query(("claims",), _CLAIM_SELECT) if claims else ():
            self.checked("claims", row[0], _claim_from_row, row, lengths.get(row[1]), names)
        left_out = {
            "entities": self.leave_out_oversized("entities", ENTITY_COLUMNS, "1", ())[0],
            "quotes": self.leave_out_oversized("quotes", ("article_id", *QUOTE_COLUMNS), "1", ())[0],
            "candidates": self.leave_out_oversized("candidates", ("article_id", *CANDIDATE_COLUMNS), "1", ())[
                0
            ],
        }
        besides = {table: f" WHERE 1{_not_among(ids)}" for table, ids in left_out.items()}
        for row in self.query(("entities",), _ENTITY_SELECT + besides["entities"], left_out["entities"]):
            self.checked("entities", row[5], _entity_from_row, row, lengths.get(row[0]))
        for table, select, mapper, id_at in (
            ("quotes", _QUOTE_SELECT, _quote_from_row, 6),
            ("candidates", _CANDIDATE_SELECT, _candidate_from_row, 4),
        ):
            for row in self.query(
                (table,),
                select.replace("SELECT ", "SELECT article_id, ", 1) + besides[table],
                left_out[table],
            ):
                self.checked(table, row[id_at + 1], mapper, row[1:], lengths.get(row[0]))
        for row in self.query(
            ("analyses",), "SELECT article_id, pipeline_name, pipeline_version, created_at FROM analyses"
        ):
            self.checked("analyses", row[0], _analysis_from_row, row[1:], lengths.get(row[0]))
        for row in self.query(
            ("label_checks",),
            'SELECT rowid, article_id, start, "end", annotator, label, confidence FROM label_checks',
        ):
            self.checked("label_checks", row[0], _label_check_from_row, row[2:], lengths.get(row[1]))
        if self.schema_version >= 3:
            for row in self.query(
                ("gold_no_claim",),
                'SELECT rowid, article_id, start, "end", decided_by, decided_at FROM gold_no_claim',
            ):
                self.checked("gold_no_claim", row[0], _gold_from_row, row[1:], lengths.get(row[1]))
        return left_out

    # -- metadata ----------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._write("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def put_meta(self, key: str, value: str | None) -> None:
        """`set_meta`, or the entry taken away for None (an undo back to no entry)."""
        if value is None:
            with self.transaction():
                self._write("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.set_meta(key, value)

    def annotators(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM annotators ORDER BY name")]

    def claim_authors(self) -> list[str]:
        """Who owns at least one claim, `gold` among them if a reviewer decided a label.

        The `annotators` table keeps a name whose claims were all deleted since; asked here,
        a person who labelled alone and deleted a colleague's test claims counts alone. One
        read of that small table, a `claims_annotator` index lookup a name, so a dialog can
        ask before it opens on a file of 100,000 claims.
        """
        rows = self.conn.execute(
            "SELECT name FROM annotators AS a"
            " WHERE EXISTS (SELECT 1 FROM claims AS c WHERE c.annotator = a.name) ORDER BY name"
        )
        return [row[0] for row in rows]

    def shares_an_article(self) -> bool:
        """Whether two annotators (gold aside) both have claims on some article.

        Without such an article there is nothing to compare: no disagreement, and no
        agreement either. One pass in `claims_article` order that stops at the first.
        """
        row = self.conn.execute(
            "SELECT 1 FROM claims WHERE annotator != ? GROUP BY article_id"
            " HAVING min(annotator) != max(annotator) LIMIT 1",
            (GOLD_ANNOTATOR,),
        ).fetchone()
        return row is not None

    def has_agreed_span(self) -> bool:
        """Whether two annotators gave some span of an article the same label.

        Gold labels are the decisions and the spans every annotator of an article labelled
        alike (`services.adjudication.agreed_gold`); without such a pair, and with no
        decision, gold holds nothing. One read through the `claims_article` index, which
        stops at the first pair; the window asks it before its Export dialog opens.
        """
        row = self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM claims AS a JOIN claims AS b"
            ' ON b.article_id = a.article_id AND b.start = a.start AND b."end" = a."end"'
            " AND b.label = a.label AND b.annotator > a.annotator"
            " WHERE a.annotator != ? AND b.annotator != ?)",
            (GOLD_ANNOTATOR, GOLD_ANNOTATOR),
        ).fetchone()
        return bool(row[0])

    def articles_gold_may_take(self, *, decided_by_exact_span: bool = False) -> Iterator[int]:
        """The articles whose agreed spans gold may take, in id order, streamed: each labelled
        by two or more annotators and not sure to hold their agreed spans back.

        Sure to hold them back is an article with no decision whose annotators did not all
        label alike, which `services.adjudication.agreed_gold` leaves out while its
        disagreement is open: the usual team project before a review, where working out every
        article's units took 2.5 s on 10,000 articles. In one pass over the claims, grouped as
        the `claims_article` index reads them: with no person's two claims on one span, the
        annotators all labelled alike exactly when the claims number the distinct spans and
        labels times the annotators. An article with a decision, or with one person's two
        claims on one span (the units keep the first), is left to the caller to work out, if
        two annotators labelled a span of it alike.

        Spans are keyed as integers, cheaper to count than text: a text holds fewer than 2**25
        code points (`MAX_TEXT_CHARS`), so keys of valid rows never collide.

        `decided_by_exact_span`: the review matches spans exactly, so a decision settles only the
        disagreement at its own span, and an article with one disagreement whose span has none
        is sure to hold its agreed spans back too, decisions elsewhere or not. Without it, a
        project with a "no claim" beside every article's open disagreement had every article
        worked out in Python: 5.8 s on 10,000 articles, on the window's thread, before the
        Export dialog opened.
        """
        span = '(c.start * 33554432 + c."end" - c.start)'
        kind = "(label = 'opinion') + 2 * (label = 'questionable')"
        if decided_by_exact_span:
            # A span labelled otherwise by someone, or left out by someone who labelled the
            # article, with no decision (a reviewer's label or "no claim") at that very span.
            # Worked out only for an article with a decision: a project before its review
            # (none) is ruled out by the first test alone, as before.
            decisions_leave_it_open = (
                " (c.article_id IN (SELECT article_id FROM gold_no_claim)"
                " OR c.article_id IN (SELECT article_id FROM claims WHERE annotator = :gold))"
                " AND c.article_id NOT IN (SELECT s.article_id FROM ("
                f' SELECT article_id, start, "end", count(*) AS marks, count(DISTINCT {kind}) AS kinds'
                ' FROM claims WHERE annotator != :gold GROUP BY article_id, start, "end") AS s'
                " JOIN (SELECT article_id, count(DISTINCT annotator) AS people FROM claims"
                " WHERE annotator != :gold GROUP BY article_id) AS a ON a.article_id = s.article_id"
                " WHERE (s.kinds > 1 OR s.marks < a.people)"
                " AND NOT EXISTS (SELECT 1 FROM gold_no_claim AS g WHERE g.article_id = s.article_id"
                ' AND g.start = s.start AND g."end" = s."end")'
                " AND NOT EXISTS (SELECT 1 FROM claims AS d WHERE d.article_id = s.article_id"
                ' AND d.annotator = :gold AND d.start = s.start AND d."end" = s."end"))'
            )
        else:
            decisions_leave_it_open = (
                " c.article_id IN (SELECT article_id FROM gold_no_claim)"
                " OR c.article_id IN (SELECT article_id FROM claims WHERE annotator = :gold)"
            )
        rows = self.conn.execute(
            "SELECT c.article_id FROM claims AS c JOIN annotators AS p ON p.name = c.annotator"
            " WHERE c.annotator != :gold GROUP BY c.article_id"
            " HAVING count(DISTINCT p.rowid) > 1 AND ("
            f" count(*) = count(DISTINCT {span} * 4 + (c.label = 'opinion')"
            " + 2 * (c.label = 'questionable')) * count(DISTINCT p.rowid)"
            f" OR (count(*) != count(DISTINCT {span} * 4096 + p.rowid) OR {decisions_leave_it_open})"
            " AND EXISTS (SELECT 1 FROM claims AS a JOIN claims AS b"
            ' ON b.article_id = a.article_id AND b.start = a.start AND b."end" = a."end"'
            " AND b.label = a.label AND b.annotator > a.annotator"
            " WHERE a.article_id = c.article_id AND a.annotator != :gold AND b.annotator != :gold))",
            {"gold": GOLD_ANNOTATOR},
        )
        for row in rows:
            yield int(row[0])

    def _ensure_annotator(self, name: str) -> None:
        if name in self._annotators:
            return
        self._write("INSERT OR IGNORE INTO annotators(name, created_at) VALUES (?, ?)", (name, now_iso()))
        self._annotators.add(name)

    # -- articles ----------------------------------------------------------------

    def import_drafts(self, drafts: Iterable[ArticleDraft]) -> ImportReport:
        """Add articles (with any claims, entities and quotations they carry) in ONE transaction.

        Texts already in the project (same normalised content) are skipped and counted,
        so importing a folder twice is harmless. A text met again in this import is skipped
        too, but for the claims its line gives that earlier lines did not give their person: a
        Prodigy team's export holds each text once per person, and all but the first person's
        labels were lost, so another person's line (`ArticleDraft.annotator`) joins the article,
        each claim its person's, for agreement to compare; and a line of the same person (or
        of no one) brings the spans the earlier ones left bare. An article that comes with claims
        starts in progress, as the window starts one at its first claim: imported as new, it was
        in the New filter and `export --status new` with its labels. Rows go in with one
        `executemany` per table and ids handed out here (safe: `BEGIN IMMEDIATE` keeps other writers out),
        so 265 articles cost a few milliseconds besides the commit.

        `drafts` is taken a few thousand at a time, inside the transaction, and may be a generator
        that reads them from files as they are wanted: held all at once, a 1,000,000-row CSV's
        drafts took 0.6 GB. An exception it raises rolls the whole import back. Crediting a
        doccano file to its person (`_credit_files`) needs every line of the file first: from
        the first such line on, the rest are taken at once (and a list of drafts holding one is
        taken whole), so a stream should hold none of them before.
        """
        added: list[int] = []
        duplicates = repeated = 0
        stamp = now_iso()
        self._annotators.clear()  # a rollback may undo annotator rows we cached
        whole = isinstance(drafts, Sequence) and any(_credited_by_file(draft) for draft in drafts)
        stream = iter(drafts)
        with self.transaction():
            known: dict[str, int] = {}
            held: dict[int, _HeldArticle] = {}
            next_id = int(self.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]) + 1
            held_before = next_id  # the project's articles; those from `next_id` on are this import's
            articles: list[tuple[Any, ...]] = []
            claims: list[Claim] = []
            entities: list[tuple[int, Entity]] = []
            quotes: list[tuple[Any, ...]] = []
            # Texts added by this import: their article and whose lines it holds.
            added_here: dict[str, _JoinedLines] = {}
            fresh: list[str] = []  # of those, the ones met first since the last chunk was taken
            conflicts: list[LabelConflict] = []
            unnamed: dict[str, tuple[str, int]] = {}
            inserted = next_id  # articles with a smaller id are in the table already
            restarted: dict[int, _JoinedLines] = {}  # of those, the ones a later line started further

            def flush() -> None:
                # Rows go in as they are made, a few thousand at a time: held to the end with the
                # lists they were made from, a 1,000,000-row CSV's import peaked 1.5 GB.
                nonlocal inserted
                self.conn.executemany(
                    "INSERT INTO articles(id, content_hash, title, source, text, meta, origin, encoding,"
                    " created_at, updated_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(*row, added_here[row[1]].status.value) for row in articles],
                )
                inserted = next_id
                for claim in claims:
                    self._insert_claim_row(claim)
                for article_id, entity in entities:
                    self._insert_entity_row(article_id, entity)
                self.conn.executemany(_INSERT_QUOTE, quotes)
                # Cleared, not made anew: each text's `_JoinedLines` adds to these very lists.
                for rows in (articles, claims, entities, quotes):
                    rows.clear()

            def started(lines: _JoinedLines, draft: ArticleDraft) -> None:
                # The line's status for its text; an article already written is updated at the end.
                status = lines.status
                lines.start(draft)
                if lines.status is not status and lines.article_id < inserted:
                    restarted[lines.article_id] = lines

            while chunk := list(stream) if whole else list(itertools.islice(stream, _FLUSH_ARTICLES)):
                if any(_credited_by_file(draft) for draft in chunk):
                    chunk += stream
                batch = [(draft, normalize_text(draft.text)) for draft in chunk]
                del chunk
                for draft, text in batch:
                    # Before hashing, which cannot encode an unpaired surrogate: a one-line refusal.
                    _storable(_where(draft), text=text)
                digests = [content_hash(text) for _draft, text in batch]
                # A text whose one line brought only its article (`_JoinedLines.plain`) is let go
                # of once its row is written, and found in the table if met again: kept, the state
                # of a 1,000,000-row CSV's texts took 0.3 GB.
                flush()
                for digest in fresh:
                    if added_here[digest].plain():
                        del added_here[digest]
                fresh.clear()
                # The project's texts among these and this import's let go of, in a few indexed
                # queries rather than one per article.
                project_texts, written = self._known_hashes(digests, below=held_before)
                known.update(project_texts)
                for digest, article_id in written.items():
                    if digest not in added_here:
                        added_here[digest] = _JoinedLines.plain_one(article_id, entities, conflicts)
                        fresh.append(digest)
                batch = self._credit_files(batch, digests, known, held)
                for (draft, text), digest in zip(batch, digests, strict=True):
                    if len(articles) >= _FLUSH_ARTICLES or len(claims) + len(entities) >= _FLUSH_SPANS:
                        flush()
                    lines = added_here.get(digest)
                    if digest in known:
                        article = self._held_article(held, known[digest])
                        given = article.take(draft)
                        for claim in given:
                            _check_span_of(_where(draft), article.text, claim.start, claim.end)
                            _storable(_where(draft), annotator=claim.annotator, note=claim.note)
                        claims += given
                        if not given:
                            duplicates += 1
                        continue
                    joins = lines is not None and any(p not in lines.people for p in _named_people(draft))
                    if lines is not None and not joins:  # met earlier in this import, naming no one new
                        more = lines.more(draft)
                        for claim in more:
                            _check_span_of(_where(draft), text, claim.start, claim.end)
                            _storable(_where(draft), annotator=claim.annotator, note=claim.note)
                        if more:
                            claims += more
                            _count_unnamed(unnamed, draft, more)
                            started(lines, draft)
                        else:
                            duplicates += 1
                            repeated += 1
                        continue
                    spans = [(c.start, c.end) for c in draft.claims]
                    spans += [(e.start, e.end) for e in draft.entities]
                    for q in draft.quotes:
                        spans.append((q.start, q.end))
                        if q.speaker is not None:
                            spans.append((q.speaker.start, q.speaker.end))
                    where = _where(draft)
                    for start, end in spans:
                        _check_span_of(where, text, start, end)
                    _storable(where, title=draft.title, source=draft.source)  # the text is checked above
                    for c in draft.claims:
                        _storable(where, annotator=c.annotator, note=c.note)
                    if lines is None:
                        article_id = next_id
                        next_id += 1
                        articles.append(
                            (
                                article_id,
                                digest,
                                draft.title,
                                draft.source,
                                text,
                                _meta_json(draft.meta, where),
                                draft.origin,
                                draft.encoding,
                                stamp,
                                stamp,
                            )
                        )
                        added.append(article_id)
                        lines = added_here[digest] = _JoinedLines(article_id, entities, conflicts)
                        fresh.append(digest)
                    joined_claims = lines.join(draft)
                    claims += joined_claims
                    _count_unnamed(unnamed, draft, joined_claims)
                    started(lines, draft)
                    # Marked "imported" (not a pipeline name) so it is clear no model here made them.
                    quotes += [
                        _quote_row(lines.article_id, q, q.model or QUOTE_IMPORTED)
                        for q in lines.new_quotes(draft)
                    ]
                del batch, digests  # let go of these drafts before the next are read
            flush()
            # The status after every line of a text is joined: one person's claims start it.
            self.conn.executemany(
                "UPDATE articles SET status = ? WHERE id = ?",
                [(lines.status.value, article_id) for article_id, lines in restarted.items()],
            )
            for article in held.values():
                if article.people_added and article.status is ArticleStatus.NEW:
                    # As the window starts an article at its first claim: never new with claims.
                    self.set_article_status(article.article_id, ArticleStatus.IN_PROGRESS)
            # Read in the import's transaction: what the rename it advises would name.
            in_all = self._claims_by(IMPORTED_ANNOTATOR) if unnamed else 0
        from annotator.core.reports import ImportReport

        joined = [lines.people for lines in added_here.values() if lines.joined]
        return ImportReport(
            added=added,
            duplicates=duplicates,
            joined_texts=len(joined),
            joined_people=len(set().union(*joined)),
            repeated=repeated,
            given=sum(1 for article in held.values() if article.people_added),
            differing=tuple(
                (person, article.title) for article in held.values() for person in article.differing
            ),
            conflicts=tuple(conflicts),
            unnamed=tuple((origin, person, count) for origin, (person, count) in unnamed.items()),
            imported_in_all=in_all,
        )

    def _claims_by(self, annotator: str) -> int:
        """How many claims `annotator` owns in the project."""
        row = self.conn.execute("SELECT COUNT(*) FROM claims WHERE annotator = ?", (annotator,)).fetchone()
        return int(row[0])

    def _held_article(self, held: dict[int, _HeldArticle], article_id: int) -> _HeldArticle:
        """The project's article an import's line gives its text of, with the claims it holds."""
        if article_id not in held:
            article = self.article(article_id)
            held[article_id] = _HeldArticle(article, self.claims(article_id))
        return held[article_id]

    def _credit_files(
        self,
        batch: list[tuple[ArticleDraft, str]],
        digests: Sequence[str],
        known: Mapping[str, int],
        held: dict[int, _HeldArticle],
    ) -> list[tuple[ArticleDraft, str]]:
        """Each doccano file naming no one credited to its file's name (`ArticleDraft.file_person`)
        where a line of it gives a text the project holds with someone's labels already.

        doccano exports one file per annotator (`alice.jsonl`), its lines naming no one: imported
        alone, its labels are "imported"'s; imported on a later day, a second person's file of the
        same texts was all "duplicates skipped". A text the project holds labelled (by someone
        named or by no one) tells the file is another person's labels of it, as another file of
        the same import does (`services.importing`); every line of the file is then theirs. Not
        taken: a text held without labels (nothing tells whose the file is: an export of a
        single-user project is named after the project), nor one whose labels by no one are the
        line's own (the same file imported again).
        """
        files: dict[str, str] = {}
        for (draft, _text), digest in zip(batch, digests, strict=True):
            if draft.annotator or not draft.file_person or digest not in known or draft.origin in files:
                continue
            article = self._held_article(held, known[digest])
            if article.labels and article.labels.get(IMPORTED_ANNOTATOR) != _label_set(draft.claims):
                files[draft.origin] = draft.file_person
        if not files:
            return batch
        credited = []
        for draft, text in batch:
            person = "" if draft.annotator else files.get(draft.origin, "")
            if person:
                claims = tuple(replace(c, annotator=c.annotator or person) for c in draft.claims)
                draft = replace(draft, annotator=person, claims=claims)
            credited.append((draft, text))
        return credited

    def _known_hashes(self, digests: Sequence[str], *, below: int) -> tuple[dict[str, int], dict[str, int]]:
        """Which of these content hashes the project's articles (their ids `below`) already have,
        and which those an import has written (from `below` on), with their articles.

        Each of the project's articles found is read (and so checked): a row whose hash is not
        its text's is refused, since it would make a genuine import be skipped as a duplicate.
        """
        known: dict[str, int] = {}
        written: dict[str, int] = {}
        for at in range(0, len(digests), _HASH_CHUNK):
            chunk = list(digests[at : at + _HASH_CHUNK])
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT id, content_hash FROM articles WHERE content_hash IN ({marks})"
            for article_id, digest in list(self.query(("articles",), sql, chunk)):
                if article_id >= below:
                    written[digest] = int(article_id)
                    continue
                self.article(article_id)
                known[digest] = int(article_id)
        return known, written

    def import_texts(self, texts: Iterable[str], *, title: str = "", source: str = "") -> ImportReport:
        """Scripting shortcut: plain strings become articles."""
        return self.import_drafts(ArticleDraft(text=t, title=title, source=source) for t in texts)

    def article_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def article_ids(self) -> list[int]:
        return [row[0] for row in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def first_to_open(self) -> int | None:
        """The article the project opens on (`core.reading_order.first_to_open`), its ids and
        statuses read in list order only as far as it: the window shows it while the whole list
        is read in the pool, which took 0.2-0.3 s on 10,000 articles. The schema's CHECK keeps
        a status one of the three, so no row rule is needed to compare it with done."""
        rows = self.conn.execute(f"SELECT id, status FROM articles {LIST_ORDER}")
        try:
            return first_to_open(_IdAndStatus(*row) for row in rows)
        finally:
            rows.close()

    def articles(self, article_ids: Iterable[int] | None = None) -> list[ArticleSummary]:
        """Everything the article list shows, in one query (no article texts loaded); with
        `article_ids`, the rows of those articles only (what an edit changed)."""
        if article_ids is None:
            return self._summaries("", [])
        ids = sorted({int(i) for i in article_ids})
        found: list[ArticleSummary] = []
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            found += self._summaries(f" IN ({', '.join('?' * len(part))})", part)
        return found

    def _summaries(self, among: str, params: list[int]) -> list[ArticleSummary]:
        """The list's rows of the articles whose id is `among` (an SQL `IN (...)`), or of all."""
        labels: dict[int, set[ClaimLabel]] = {}
        for article_id, label, claim_id in self.query(
            ("claims",),
            "SELECT article_id, label, min(id) FROM claims"
            + (f" WHERE article_id{among}" if among else "")
            + " GROUP BY article_id, label",
            params,
        ):
            labels.setdefault(article_id, set()).add(self.checked("claims", claim_id, check_label, label))
        # The reviewers' decisions, read by the annotator's index: counted in the labels' read,
        # every claim's annotator compared, that read took 119 ms instead of 93 (median) on
        # 100,000 claims; this one reads the decisions alone (about 9 ms for 6,563 of them,
        # nothing in a project without gold).
        gold: dict[int, int] = dict(
            self.query(
                ("claims",),
                "SELECT article_id, count(*) FROM claims WHERE annotator = ?"
                + (f" AND article_id{among}" if among else "")
                + " GROUP BY article_id",
                [GOLD_ANNOTATOR, *params],
            )
        )
        rows = self.query(
            ("articles",),
            "SELECT a.id, a.title, a.source, a.status, length(a.text),"
            " (SELECT count(*) FROM claims c WHERE c.article_id = a.id)"
            + (f" FROM articles a WHERE a.id{among} " if among else " FROM articles a ")
            + LIST_ORDER,
            params,
        )
        return [
            self.checked(
                "articles", row[0], _summary_from_row, (*row, labels.get(row[0], ()), gold.get(row[0], 0))
            )
            for row in rows
        ]

    def articles_containing(self, needle: str) -> frozenset[int]:
        """The articles whose text holds `needle` from the start of a word, ignoring case and
        accents (`core.search.holds`, the test F3 then finds the places with).

        A scan, not an index: 52 million characters (10,000 long articles) take about 0.1 s,
        which a search that runs once typing pauses can afford. A text that is not a string
        (a crafted row) matches nothing; opening that article names the row.
        """
        if not needle.casefold():
            return frozenset()
        rows = self.query(("articles",), "SELECT id, text FROM articles")
        return frozenset(
            article_id for article_id, text in rows if isinstance(text, str) and holds(text, needle)
        )

    def notes_containing(self, needle: str) -> dict[int, int]:
        """How many claims' notes hold `needle` in each article that has one, the notes of every
        annotator (a merged team file holds them all), by the same test as the texts (`holds`).

        A lead asks the team to note "check source" and an annotator notes "ask Maria": the
        list's search found neither, as it looked in titles, sources and texts alone. Notes are
        short and many are alike, so a scan of the non-empty ones, the search folded once and each
        note as the list folds a title (`searchable`): `holds`, which folds the search again for
        each text, took 100 ms over 5,000 notes, this a fifth of that. A note that is not a
        string (a crafted row) matches nothing.
        """
        needles = folded_needles(needle)
        if not needles:
            return {}
        found: dict[int, int] = {}
        rows = self.query(("claims",), "SELECT article_id, note FROM claims WHERE note != ''")
        for article_id, note in rows:
            if isinstance(note, str) and found_in(searchable(note), needles):
                found[article_id] = found.get(article_id, 0) + 1
        return found

    def article(self, article_id: int) -> Article:
        row = next(self.query(("articles",), _ARTICLE_SELECT + " WHERE id = ?", (article_id,)), None)
        if row is None:
            raise NotFoundError(f"article {article_id} does not exist in this project", row="The article")
        return self.checked("articles", row[0], _article_from_row, row)

    def articles_in(self, article_ids: Iterable[int]) -> dict[int, Article]:
        """Some articles, checked, in few queries (the review shows context; agreement splits sentences)."""
        ids = sorted(set(article_ids))
        result: dict[int, Article] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ", ".join("?" * len(part))
            for row in self.query(("articles",), _ARTICLE_SELECT + f" WHERE id IN ({marks})", part):
                result[row[0]] = self.checked("articles", row[0], _article_from_row, row)
        return result

    def article_by_hash(self, digest: str) -> Article | None:
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        return self.article(row[0]) if row else None

    def annotated(self, article_id: int) -> AnnotatedArticle:
        """One article with everything on it; suggestion rows too large to read are left out
        and named in `left_out` (`leave_out_oversized`)."""
        article = self.article(article_id)
        claims = tuple(self.claims(article_id))
        entities, entities_left_out = self._entities(article_id)
        quotes, quotes_left_out = self._quotes(article_id)
        candidates, candidates_left_out = self._candidates(article_id)
        return AnnotatedArticle(
            article=article,
            claims=claims,
            entities=tuple(_without_shadowed_outdated(entities)),
            quotes=tuple(quotes),
            candidates=tuple(candidates),
            pipeline=self.analysis_pipeline(article_id),
            left_out=entities_left_out + quotes_left_out + candidates_left_out,
        )

    def iter_annotated(
        self,
        *,
        status: ArticleStatus | str | None = None,
        tokenizer: str | None = None,
        claims: bool = True,
    ) -> Iterator[AnnotatedArticle]:
        """Every article (or those with `status`) as `annotated` gives it, in id order, streamed.

        One query per table, merged by article id, instead of six per article: exports read
        every article. Candidates are left out (no export writes them). With `tokenizer`,
        tokens stored under that name come along (see `store_tokens`); a stored row that does
        not tile its text (a damaged or hostile file) is dropped, so the text is tokenised again.
        `claims=False` leaves the claims out: a release has chosen its own (majority, gold,
        pseudonymised) and reading and checking 100,000 rows again was a second of its time.
        """
        where, params = "", tuple[str, ...]()
        if status is not None:
            where, params = " WHERE status = ?", (ArticleStatus(status).value,)
        scope = f" WHERE article_id IN (SELECT id FROM articles{where})" if where else ""
        self.refuse_oversized("entities", ENTITY_COLUMNS, scope.removeprefix(" WHERE "), params)
        quoted = f"{scope.removeprefix(' WHERE ')} AND {_QUOTE_SHOWN}" if scope else _QUOTE_SHOWN
        self.refuse_oversized("quotes", ("article_id", *QUOTE_COLUMNS), quoted, params)
        claim_rows = _Lockstep(
            self.query(("claims",), _CLAIM_SELECT + scope + ' ORDER BY article_id, start, "end", id', params)
            if claims
            else (),
            key=1,
        )
        # What a trained model had suggested where each claim was made (`label_checks`).
        checks = _Lockstep(
            self.query(
                ("label_checks",),
                'SELECT article_id, start, "end", annotator, label, confidence, rowid FROM label_checks'
                + scope
                + " ORDER BY article_id",
                params,
            )
            if claims
            else ()
        )
        exported = f"{scope} AND {_ENTITY_EXPORTED}" if scope else f" WHERE {_ENTITY_EXPORTED}"
        entities = _Lockstep(
            self.query(
                ("entities",), _ENTITY_SELECT + exported + ' ORDER BY article_id, start, "end", id', params
            )
        )
        quotes = _Lockstep(
            self.query(
                ("quotes",),
                _QUOTE_SELECT.replace("SELECT ", "SELECT article_id, ", 1)
                + (f"{scope} AND {_QUOTE_SHOWN}" if scope else f" WHERE {_QUOTE_SHOWN}")
                + ' ORDER BY article_id, start, "end", id',
                params,
            )
        )
        token_join, token_params = "", tuple[str, ...]()
        if tokenizer is not None:
            token_join = " LEFT JOIN token_cache t ON t.content_hash = a.content_hash AND t.tokenizer = ?"
            token_params = (tokenizer,)
        width = len(ARTICLE_COLUMNS)
        names = self.annotator_names()
        rows = self.query(
            ("articles", "analyses"),
            "SELECT "
            + ", ".join(f'a."{column}"' for column in ARTICLE_COLUMNS)
            + ", n.pipeline_name, n.pipeline_version, n.created_at"
            + (", t.tokens" if tokenizer is not None else ", NULL")
            + " FROM articles a LEFT JOIN analyses n ON n.article_id = a.id"
            + token_join
            + where.replace("status", "a.status")
            + " ORDER BY a.id",
            token_params + params,
        )
        for row in rows:
            article = self.checked("articles", row[0], _article_from_row, row[:width])
            length = len(article.text)
            analysis, stored = row[width : width + 3], row[width + 3]
            tokens = TokenSpans.decode(article.text, stored) if isinstance(stored, bytes) else None
            shown = {
                (r[1], r[2], r[3]): self.checked("label_checks", r[6], _label_check_of_row, r[1:6], length)
                for r in checks.take(article.id)
            }
            yield AnnotatedArticle(
                article=article,
                claims=tuple(
                    _with_check(self.checked("claims", r[0], _claim_from_row, r, length, names), shown)
                    for r in claim_rows.take(article.id)
                ),
                entities=tuple(
                    self.checked("entities", r[5], _entity_from_row, r, length)[1]
                    for r in entities.take(article.id)
                ),
                quotes=tuple(
                    self.checked("quotes", r[7], _quote_from_row, r[1:], length)
                    for r in quotes.take(article.id)
                ),
                tokens=tokens if tokens is not None else (),
                pipeline=self.checked("analyses", article.id, _analysis_from_row, analysis, length)
                if analysis != (None, None, None)
                else None,
            )

    def store_tokens(self, tokenizer: str, items: Iterable[tuple[str, TokenSpans | bytes]]) -> None:
        """Keep texts' tokens (content hash, tokens) under the tokenizer's name, in one transaction.

        Tokens may come encoded (`TokenSpans.encode`): a release's worker processes send them
        so, a fiftieth of their size. Reading checks them against the text either way.
        """
        rows = [
            (digest, tokenizer, tokens if isinstance(tokens, bytes) else tokens.encode())
            for digest, tokens in items
        ]
        if not rows:
            return
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO token_cache(content_hash, tokenizer, tokens) VALUES (?, ?, ?)", rows
            )

    def texts_without_tokens(self, article_ids: Iterable[int], tokenizer: str) -> list[tuple[str, str]]:
        """(content hash, text) of those articles whose text has no tokens stored under `tokenizer`."""
        wanted = set(article_ids)
        rows = self.conn.execute(
            "SELECT a.id, a.content_hash, a.text FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM token_cache t WHERE t.content_hash = a.content_hash AND t.tokenizer = ?)"
            " ORDER BY a.id",
            (tokenizer,),
        )
        found: dict[str, str] = {}
        for article_id, digest, text in rows:
            if article_id in wanted:
                found.setdefault(digest, text)
        return list(found.items())

    def get_article_status(self, article_id: int) -> ArticleStatus:
        row = self.conn.execute("SELECT status FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"article {article_id} does not exist in this project", row="The article")
        status = self.checked("articles", article_id, rules.one_of, row[0], rules.ARTICLE_STATUSES, "status")
        return ArticleStatus(status)

    def set_article_status(self, article_id: int, status: ArticleStatus) -> None:
        cursor = self._write(
            "UPDATE articles SET status = ?, updated_at = ? WHERE id = ?",
            (ArticleStatus(status).value, now_iso(), article_id),
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"article {article_id} does not exist in this project", row="The article")

    def set_status(self, article_id: int, status: ArticleStatus | str) -> None:
        with self.transaction():
            self.set_article_status(article_id, ArticleStatus(status))

    # -- pre-annotations -----------------------------------------------------------

    def save_analysis(self, article_id: int, analysis: Analysis) -> None:
        self.save_analyses([(article_id, analysis)])

    def save_analyses(
        self,
        items: Iterable[tuple[int, Analysis]],
        *,
        decisions: EntityDecisions | None = None,
        keep: frozenset[int] = frozenset(),
    ) -> None:
        """Replace the suggestions of each article; entities a person decided on are kept, and
        names people decided on elsewhere in the project are left out or suggested as they
        decided (`core.entity_decisions`; `decisions`, when a caller saving in batches has
        read them once).

        No suggestion is added at a span a person accepted or added, whatever its type (it
        stood beside the decision as a second entity there). The entity suggestions `keep`
        names by id stay too, as decided rows do (the new analysis' same name is not added
        beside one): the window's undone decisions name
        them, and Ctrl+Y after Pre-annotate All said "Entity 2 does not exist (any more)" and
        cleared the history. One the new analysis no longer finds is marked `ENTITY_OUTDATED`
        (`_mark_outdated`), as are decided rows it no longer finds, which an undo makes
        suggestions again: exports wrote such a row as the new pre-annotation's for as long
        as no one opened its article, and Pre-annotate All, finding the decisions carried
        everywhere already, left it."""
        stamp = now_iso()
        with self.transaction():
            if decisions is None:
                decisions = self.entity_decisions()
            self._forget_carried(decisions)
            for article_id, analysis in items:
                article = self.article(article_id)
                pipeline = analysis.pipeline
                model = f"{pipeline.name}@{pipeline.version}"
                # Quotes that came in with the file (someone's corrected export) or that a person
                # corrected here are data, not suggestions: kept, and the model's quote at the
                # same span skipped. What is deleted here is what reads may leave out.
                for table, suggestion in REPLACED_BY_PREANNOTATION.items():
                    kept = self._kept_suggestions(article_id, keep) if table == "entities" else []
                    spared = f" AND id NOT IN ({', '.join('?' * len(kept))})" if kept else ""
                    self._write(
                        f"DELETE FROM {table} WHERE article_id = ? AND {suggestion}{spared}",
                        (article_id, *kept),
                    )
                self.refuse_oversized("quotes", ("start", "end"), "article_id = ?", (article_id,))
                self.refuse_oversized(
                    "entities", ("start", "end", "label", "status"), "article_id = ?", (article_id,)
                )
                imported_quotes = {
                    (row[0], row[1])
                    for row in self.conn.execute(
                        'SELECT start, "end" FROM quotes WHERE article_id = ?', (article_id,)
                    )
                }
                # Quotations never overlap (adding one that would is refused): the model's
                # quotation reaching into a person's, one character longer or shorter under
                # a new model or rules version, is the same quotation. Saved, it stood beside
                # the corrected one with the wrong speaker again, or brought a removed one back.
                overlaps_kept = _span_overlaps(imported_quotes)
                decided_rows = self.conn.execute(
                    'SELECT start, "end", label, status, id, model FROM entities WHERE article_id = ?',
                    (article_id,),
                ).fetchall()
                decided = {(row[0], row[1], row[2]) for row in decided_rows}
                # A span a person said what it is (accepted or added) takes no suggestion of
                # another type: it stood beside the decision, shown and exported as a second
                # entity there. A rejection only says what the span is not.
                named = {(row[0], row[1]) for row in decided_rows if row[3] in NAMED_BY_A_PERSON}
                standing = [
                    (row[0], row[1])
                    for row in decided_rows
                    if row[3] != "rejected" and isinstance(row[0], int) and isinstance(row[1], int)
                ]
                suggested = apply_decisions(
                    article.text, analysis.entities, decisions, standing=standing
                ).entities
                self.conn.executemany(
                    'INSERT INTO entities(article_id, start, "end", label, status, model)'
                    " VALUES (?, ?, ?, ?, 'suggested', ?)",
                    [
                        (article_id, e.start, e.end, e.label, e.model or model)
                        for e in suggested
                        if (e.start, e.end, e.label) not in decided and (e.start, e.end) not in named
                    ],
                )
                if decided_rows:  # most articles have none: no dictionary of what was found
                    found = {(e.start, e.end, e.label): e.model or model for e in analysis.entities}
                    found.update({(e.start, e.end, e.label): e.model or model for e in suggested})
                    self._mark_outdated(decided_rows, found)
                self.conn.executemany(
                    _INSERT_QUOTE,
                    [
                        _quote_row(article_id, q, model)
                        for q in analysis.quotes
                        if (q.start, q.end) not in imported_quotes and not overlaps_kept(q.start, q.end)
                    ],
                )
                self.conn.executemany(
                    'INSERT INTO candidates(article_id, start, "end", score, reasons, model)'
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (
                            article_id,
                            c.start,
                            c.end,
                            c.score,
                            json.dumps(list(c.reasons), allow_nan=False),
                            model,
                        )
                        for c in analysis.candidates
                    ],
                )
                self._write(
                    "INSERT OR REPLACE INTO analyses(article_id, pipeline_name, pipeline_version, created_at)"
                    " VALUES (?, ?, ?, ?)",
                    (article_id, pipeline.name, pipeline.version, stamp),
                )
                self._write(
                    "INSERT OR REPLACE INTO analysis_cache(content_hash, pipeline_name, pipeline_version,"
                    " payload) VALUES (?, ?, ?, ?)",
                    (article.content_hash, pipeline.name, pipeline.version, _analysis_to_json(analysis)),
                )

    def _mark_outdated(self, rows: Sequence[Sequence[Any]], found: dict[tuple[int, int, str], str]) -> None:
        """Mark the rows an undo can make suggestions again (kept suggestions, accepted and
        rejected entities) `ENTITY_OUTDATED` where the new analysis, or the decisions, do not
        find them, and give an outdated one found again the model that found it
        (`save_analyses`; `rows` as it reads them: start, end, label, status, id, model).

        A decided row stays a person's work whatever its `model` says; marked, the Ctrl+Z that
        makes it a suggestion again leaves one that no export writes and the next carrying of
        the decisions removes, as for a kept suggestion."""
        renewed: list[tuple[str, int]] = []
        kept_outdated = False
        for start, end, label, status, row_id, was in rows:
            if status == EntityStatus.ADDED.value:
                continue  # a person's own: no analysis is asked to find it
            key = (start, end, label)
            becomes = found.get(key, ENTITY_OUTDATED) if key not in found or was == ENTITY_OUTDATED else was
            kept_outdated |= status == EntityStatus.SUGGESTED.value and becomes == ENTITY_OUTDATED
            if becomes != was:
                renewed.append((becomes, row_id))
        if renewed:
            self.conn.executemany("UPDATE entities SET model = ? WHERE id = ?", renewed)
        if kept_outdated:
            # Not every article's suggestions follow the analysis and the decisions now: the
            # next Pre-annotate All walks them (`DECISIONS_CARRIED_META`).
            self._write("DELETE FROM meta WHERE key = ?", (DECISIONS_CARRIED_META,))

    def _kept_suggestions(self, article_id: int, keep: frozenset[int]) -> list[int]:
        """The ids of the article's entity suggestions that `keep` names (`save_analyses`)."""
        if not keep:
            return []
        rows = self.conn.execute(
            f"SELECT id FROM entities WHERE article_id = ? AND {REPLACED_BY_PREANNOTATION['entities']}",
            (article_id,),
        )
        return [row[0] for row in rows if row[0] in keep]

    def carry_decisions(
        self, article_id: int, decisions: EntityDecisions, *, keep: frozenset[int] = frozenset()
    ) -> tuple[int, int]:
        """Bring an article pre-annotated earlier up to the project's entity decisions
        (`core.entity_decisions`): (suggestions left out, suggestions added).

        What the model found comes from the analysis cache (else the article's own model
        suggestions), so a name people stop rejecting comes back. Only the difference is
        written, in one transaction, so suggestions that stay keep their ids (an undo or redo
        in the window still finds them); a person's decisions are never touched, nor the
        suggestions `keep` names by id (the window's edits waiting to be redone).
        """
        gone, new = self._carry(article_id, decisions, keep=keep)
        return len(gone), len(new)

    def _carry(
        self,
        article_id: int,
        decisions: EntityDecisions,
        *,
        withdrawn: tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]] | None = None,
        keep: frozenset[int] = frozenset(),
    ) -> tuple[list[Entity], list[Entity]]:
        """`carry_decisions`, giving the suggestions it removed (with their ids) and the ones it
        added (without): an undo keeps them for its redo (`Carried`). With `withdrawn` (names
        no longer rejected, names no longer added, each with its type), only their suggestions
        come back and go, respectively."""
        row = self.conn.execute(
            "SELECT pipeline_name, pipeline_version, a.content_hash FROM analyses n"
            " JOIN articles a ON a.id = n.article_id WHERE n.article_id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return [], []
        pipeline = PipelineInfo(str(row[0]), str(row[1]))
        read_at = self._read_state()
        current, left_out = self._entities(article_id)  # read once with the window's `annotated` after it
        # The article's entities as this found them when it last had nothing to change, under
        # the same decisions, text and pipeline: nothing to change again. Opening the 1 MB article
        # parsed and checked its cached analysis and applied the decisions to its 16,000
        # entities each time (0.1-0.2 s). The cached analysis is the pipeline's for the text;
        # pre-annotating again rewrites the suggestions, which shows in the entities.
        followed = (pipeline, str(row[2]), decisions)
        if withdrawn is None and self._followed.get(article_id) == (followed, current):
            return [], []
        article = self.article(article_id)
        model = f"{pipeline.name}@{pipeline.version}"
        suggested: dict[tuple[int, int, str], Entity] = {}
        decided: set[tuple[int, int, str]] = set()
        standing: list[tuple[int, int]] = []
        for entity in current:
            key = (entity.start, entity.end, entity.label)
            if entity.status == EntityStatus.SUGGESTED:
                suggested[key] = entity
            else:
                decided.add(key)
                if entity.status != EntityStatus.REJECTED:
                    standing.append(key[:2])
        cached = self._cached_entities(article.content_hash, pipeline)
        # Without a cached analysis, the article's own suggestions; made only then (16,000
        # entities on a 1 MB article, 20 ms).
        found = (
            cached
            if cached is not None
            else [
                Entity(e.start, e.end, e.label)
                for e in current
                if e.status == EntityStatus.SUGGESTED and e.model != FROM_DECISIONS
            ]
        )
        # No suggestion of another type where a person said what the name is, as `save_analyses`.
        named = set(standing)
        target = {
            (e.start, e.end, e.label): e.model or model
            for e in apply_decisions(article.text, found, decisions, standing=standing).entities
            if (e.start, e.end, e.label) not in decided and (e.start, e.end) not in named
        }
        # An outdated suggestion (`ENTITY_OUTDATED`) is off target even where the decisions
        # suggest its name again: removed, a fresh suggestion takes its place, unless an edit
        # waiting to be redone keeps it there.
        off_target = [
            entity
            for key, entity in suggested.items()
            if key not in target or entity.model == ENTITY_OUTDATED
        ]
        gone = [entity for entity in off_target if entity.id not in keep]
        if withdrawn is not None:
            rejected, added = withdrawn
            gone = [e for e in gone if (entity_name(article.text, e.start, e.end), e.label) in added]
        staying = suggested.keys() - {(e.start, e.end, e.label) for e in gone}
        new = [
            Entity(*key, EntityStatus.SUGGESTED, model=target[key]) for key in target if key not in staying
        ]
        if withdrawn is not None:
            new = [e for e in new if (entity_name(article.text, e.start, e.end), e.label) in rejected]
        follows = withdrawn is None and article.content_hash == followed[1]
        if follows and not off_target and not new:
            self._remember_followed(article_id, followed, current)
        if gone or new:
            committed_here = not self.conn.in_transaction
            with self.transaction():
                untouched_since_read = self._read_state() == read_at
                self._forget_carried(decisions)
                self.conn.executemany("DELETE FROM entities WHERE id = ?", [(e.id,) for e in gone])
                insert = (
                    'INSERT INTO entities(article_id, start, "end", label, status, model)'
                    " VALUES (?, ?, ?, ?, 'suggested', ?)"
                )
                # One statement a row, for each row's id: the entities as they stand after the
                # write are kept without reading them back (`_keep_written_entities`).
                written = [
                    replace(
                        e,
                        id=self.conn.execute(
                            insert, (article_id, e.start, e.end, e.label, e.model)
                        ).lastrowid,
                    )
                    for e in new
                ]
                written_at = self._read_state()
            if committed_here and untouched_since_read:
                after = self._keep_written_entities(article_id, current, gone, written, left_out, written_at)
                # Nothing kept back for an edit waiting to be redone: the entities follow the
                # decisions now, and opening the article again has nothing to carry. Only from
                # a cached analysis, which the write leaves as it was (the article's own
                # suggestions, the other source, are what it changed).
                if after is not None and follows and cached is not None and len(gone) == len(off_target):
                    self._remember_followed(article_id, followed, after)
        return gone, new

    def _remember_followed(
        self, article_id: int, followed: tuple[PipelineInfo, str, EntityDecisions], entities: list[Entity]
    ) -> None:
        """Record that `entities` are the article's as they follow the decisions (`_carry`)."""
        self._followed.pop(article_id, None)
        self._followed[article_id] = (followed, entities)
        while len(self._followed) > FOLLOWED_ARTICLES_KEPT:  # the longest unopened goes
            del self._followed[next(iter(self._followed))]

    def _read_state(self) -> tuple[int, int]:
        """What a kept read is valid for (`_kept_read`): this connection's changes and others'."""
        return self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0]

    def _keep_written_entities(
        self,
        article_id: int,
        before: list[Entity],
        gone: list[Entity],
        written: list[Entity],
        left_out: tuple[str, ...],
        state: tuple[int, int],
    ) -> list[Entity] | None:
        """Keep (and give) an article's entities as a carry left them, as `_kept_read` keeps a
        read, rather than reading back what was just written: opening the 1 MB article read its
        16,000 entities again after the carry's write (80 ms); None if they are not kept.

        Only when nothing was saved between the read of `before` and the write, and only
        suggestions that pass the rows' checks: a model name from a crafted analyses row is
        refused when the rows are read back, as before. A row another connection writes later
        changes `data_version`, and the article's entities are read (and checked) again.
        """
        length = self.text_length(article_id)
        rows = [(article_id, e.start, e.end, e.label, e.status.value, e.id, e.model) for e in written]
        for row, passing in zip(rows, rules.entity_rows_passing(rows, length), strict=True):
            if not passing:
                try:
                    _entity_from_row(row, length)
                except InvalidValue:
                    return None
        removed = {e.id for e in gone}
        after = [e for e in before if e.id not in removed] + written
        _in_text_order(after)
        self._keep_read(("entities", article_id), state, after, left_out)
        return list(after)

    def _forget_carried(self, decisions: EntityDecisions) -> None:
        """Suggestions are being written under `decisions`: unless they are the ones recorded as
        carried to every article, that record no longer holds (`DECISIONS_CARRIED_META`)."""
        recorded = self.get_meta(DECISIONS_CARRIED_META)
        if recorded is not None and recorded != decisions.fingerprint:
            self._write("DELETE FROM meta WHERE key = ?", (DECISIONS_CARRIED_META,))

    def cached_analysis(self, digest: str, pipeline: PipelineInfo) -> Analysis | None:
        """The cached analysis of this text by this pipeline; one that does not fit the text is
        ignored with a warning (the text is analysed again)."""
        data = self._cached_payload(digest, pipeline)
        return None if data is None else _analysis_from_data(data, pipeline)

    def _cached_entities(self, digest: str, pipeline: PipelineInfo) -> tuple[Entity, ...] | None:
        """The entities of `cached_analysis`, checked as it checks all of it, without making
        its candidates, quotations and sentences: carrying the decisions to the 1 MB article on
        opening it needs only its 16,000 entities, and made 8,900 candidates besides."""
        data = self._cached_payload(digest, pipeline)
        return None if data is None else _entities_from_data(data)

    def _cached_payload(self, digest: str, pipeline: PipelineInfo) -> dict[str, Any] | None:
        """The parsed and checked payload of `cached_analysis`, or None (with the warning)."""
        try:
            row = next(
                self.query(
                    ("analysis_cache",),
                    "SELECT rowid, payload FROM analysis_cache WHERE content_hash = ? AND pipeline_name = ?"
                    " AND pipeline_version = ?",
                    (digest, pipeline.name, pipeline.version),
                ),
                None,
            )
        except ProjectFileError as exc:
            self.warn_row("analysis_cache", digest[:12], exc.reason, "the article is analysed again")
            return None
        if row is None:
            return None
        length = self.conn.execute(
            "SELECT length(text) FROM articles WHERE content_hash = ? AND typeof(text) = 'text'", (digest,)
        ).fetchone()
        try:
            data = rules.check_cached_analysis(
                pipeline_name=pipeline.name,
                pipeline_version=pipeline.version,
                payload=row[1],
                length=length[0] if length else None,
            )
        except InvalidValue as exc:
            self.warn_row("analysis_cache", row[0], exc, "the article is analysed again")
            return None
        return data

    def analysis_pipeline(self, article_id: int) -> PipelineInfo | None:
        analysis = self._analysis_record(article_id)
        return None if analysis is None else analysis[0]

    def analysed_at(self, article_id: int) -> str | None:
        """When pre-annotation last wrote the article's suggestions (its `analyses` row's stamp,
        renewed by every `save_analyses`), or None if never.

        A window compares it with the stamp it saw when it saved an entity step: a new one
        means another window or process replaced the suggestion rows the step names.
        """
        analysis = self._analysis_record(article_id)
        return None if analysis is None else analysis[1]

    def _analysis_record(self, article_id: int) -> tuple[PipelineInfo, str] | None:
        """The article's `analyses` row, checked: the pipeline and the stamp of its last write."""
        row = next(
            self.query(
                ("analyses",),
                "SELECT pipeline_name, pipeline_version, created_at FROM analyses WHERE article_id = ?",
                (article_id,),
            ),
            None,
        )
        if row is None:
            return None
        pipeline = self.checked("analyses", article_id, _analysis_from_row, row, self.text_length(article_id))
        return pipeline, str(row[2])

    def articles_needing_analysis(self, pipeline: PipelineInfo | None = None) -> list[int]:
        """Articles never analysed, or (given a pipeline) analysed by another one."""
        if pipeline is None:
            sql = (
                "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id"
                " WHERE n.article_id IS NULL"
            )
            params: tuple[str, ...] = ()
        else:
            sql = (
                "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id"
                " WHERE n.article_id IS NULL OR n.pipeline_name != ? OR n.pipeline_version != ?"
            )
            params = (pipeline.name, pipeline.version)
        return [row[0] for row in self.conn.execute(sql + " ORDER BY a.id", params)]

    def articles_analysed_by(self, pipeline_name: str) -> list[int]:
        """Articles whose analysis this pipeline made, whatever its version (the rule-based
        fallback's, to do again once a trained pipeline is installed)."""
        sql = "SELECT article_id FROM analyses WHERE pipeline_name = ? ORDER BY article_id"
        return [row[0] for row in self.conn.execute(sql, (pipeline_name,))]

    def entities(self, article_id: int) -> list[Entity]:
        """An article's entities in text order (suggestions too large to read left out, and
        outdated ones another entity stands on: `_without_shadowed_outdated`)."""
        return _without_shadowed_outdated(self._entities(article_id)[0])

    def _kept_read(
        self, table: str, article_id: int, read: Callable[[int], tuple[list[_T], tuple[str, ...]]]
    ) -> tuple[list[_T], tuple[str, ...]]:
        """`read(article_id)`, kept for the last few articles (`KEPT_READ_ARTICLES`) until
        anything is written to the project, by this connection (`total_changes`) or another
        (`data_version`).

        Opening an article reads its entities to carry the team's decisions and again to show
        them, 16,000 rows and 80 ms each time on a 1 MB article, and going back to an article
        read them all again, with its 8,900 candidates. Not what is read inside a transaction,
        which a rollback may take back without changing either count.
        """
        state = self._read_state()
        kept = self._kept_reads.pop((table, article_id), None)
        if kept is not None and kept[0] == state:
            self._kept_reads[(table, article_id)] = kept  # the most recent now
            return list(kept[1]), kept[2]
        found, left_out = read(article_id)
        if not self.conn.in_transaction:
            self._keep_read((table, article_id), state, found, left_out)
        return list(found), left_out

    def _keep_read(
        self, key: tuple[str, int], state: tuple[int, int], found: list[Any], left_out: tuple[str, ...]
    ) -> None:
        """Keep `found` as what reading `key` gives in `state`, dropping what other states kept."""
        self._kept_reads = {k: kept for k, kept in self._kept_reads.items() if kept[0] == state}
        self._kept_reads.pop(key, None)
        self._kept_reads[key] = (state, found, left_out)
        while len(self._kept_reads) > KEPT_READ_ARTICLES * 2:  # entities and candidates each
            del self._kept_reads[next(iter(self._kept_reads))]

    def _entities(self, article_id: int) -> tuple[list[Entity], tuple[str, ...]]:
        """An article's entities in text order, and the suggestion rows left out (`leave_out_oversized`)."""
        return self._kept_read("entities", article_id, self._read_entities)

    def _read_entities(self, article_id: int) -> tuple[list[Entity], tuple[str, ...]]:
        length = self.text_length(article_id)
        skipped, left_out = self.leave_out_oversized(
            "entities", ENTITY_COLUMNS, "article_id = ?", (article_id,)
        )
        rows = self.query_all(
            ("entities",),
            _ENTITY_SELECT + f" WHERE article_id = ?{_not_among(skipped)} ORDER BY start",
            (article_id, *skipped),
        )
        # Checked in one pass of comparisons; a row it cannot pass is checked in full, which
        # names what is wrong with it.
        found = [
            Entity(row[1], row[2], row[3], _ENTITY_STATUS_OF[row[4]], row[5], row[6])
            if passing
            else self.checked("entities", row[5], _entity_from_row, row, length)[1]
            for row, passing in zip(rows, rules.entity_rows_passing(rows, length), strict=True)
        ]
        _in_text_order(found)
        return found, left_out

    def quotes(self, article_id: int) -> list[Quote]:
        """An article's quotations in text order (suggestions too large to read left out)."""
        return self._quotes(article_id)[0]

    def _quotes(self, article_id: int) -> tuple[list[Quote], tuple[str, ...]]:
        length = self.text_length(article_id)
        shown = f"article_id = ? AND {_QUOTE_SHOWN}"
        skipped, left_out = self.leave_out_oversized("quotes", QUOTE_COLUMNS, shown, (article_id,))
        found = [
            self.checked("quotes", row[6], _quote_from_row, row, length)
            for row in self.query(
                ("quotes",),
                _QUOTE_SELECT + f' WHERE {shown}{_not_among(skipped)} ORDER BY start, "end", id',
                (article_id, *skipped),
            )
        ]
        return found, left_out

    def candidates(self, article_id: int) -> list[ClaimCandidate]:
        """An article's claim candidates in text order (rows too large to read left out)."""
        return self._candidates(article_id)[0]

    def _candidates(self, article_id: int) -> tuple[list[ClaimCandidate], tuple[str, ...]]:
        return self._kept_read("candidates", article_id, self._read_candidates)

    def _read_candidates(self, article_id: int) -> tuple[list[ClaimCandidate], tuple[str, ...]]:
        length = self.text_length(article_id)
        skipped, left_out = self.leave_out_oversized(
            "candidates", CANDIDATE_COLUMNS, "article_id = ?", (article_id,)
        )
        rows = self.query_all(
            ("candidates",),
            _CANDIDATE_SELECT + f" WHERE article_id = ?{_not_among(skipped)} ORDER BY start",
            (article_id, *skipped),
        )
        found = [
            ClaimCandidate(row[0], row[1], float(row[2]), reasons, row[4], row[5])
            if reasons is not None
            else self.checked("candidates", row[4], _candidate_from_row, row, length)
            for row, reasons in zip(rows, rules.candidate_reasons_passing(rows, length), strict=True)
        ]
        _in_text_order(found)
        return found, left_out

    # -- entities as edit targets -------------------------------------------------

    def get_entity(self, entity_id: int) -> tuple[int, Entity]:
        self.refuse_oversized("entities", ENTITY_COLUMNS, "id = ?", (entity_id,))
        row = next(self.query(("entities",), _ENTITY_SELECT + " WHERE id = ?", (entity_id,)), None)
        if row is None:
            raise NotFoundError(f"entity {entity_id} does not exist (any more)", row="The entity")
        return self.checked("entities", entity_id, _entity_from_row, row, self.text_length(row[0]))

    def entities_at(self, article_id: int, start: int, end: int, label: str | None = None) -> list[Entity]:
        """The article's entities at this span (with this type, if given), by id: a redo finds
        there the row another program's pre-annotation made anew for the name its step decided
        (`SetEntityStatus`), or the suggestions beside a name it adds again (`AddEntity`)."""
        where = 'article_id = ? AND start = ? AND "end" = ?' + ("" if label is None else " AND label = ?")
        params = (article_id, start, end) + (() if label is None else (label,))
        self.refuse_oversized("entities", ENTITY_COLUMNS, where, params)
        rows = self.query_all(("entities",), f"{_ENTITY_SELECT} WHERE {where} ORDER BY id", params)
        length = self.text_length(article_id)
        return [self.checked("entities", row[5], _entity_from_row, row, length)[1] for row in rows]

    def _insert_entity_row(self, article_id: int, entity: Entity) -> Entity:
        cursor = self._write(
            'INSERT INTO entities(id, article_id, start, "end", label, status, model)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                entity.id,
                article_id,
                entity.start,
                entity.end,
                entity.label,
                EntityStatus(entity.status).value,
                entity.model,
            ),
        )
        return Entity(
            start=entity.start,
            end=entity.end,
            label=entity.label,
            status=entity.status,
            id=int(cursor.lastrowid or 0),
            model=entity.model,
        )

    def insert_entity(self, article_id: int, entity: Entity) -> Entity:
        """Insert inside the caller's transaction (an added entity, or its redo, which keeps
        its id unless another row took it meanwhile, as `insert_claim`); a name added by hand
        leaves no suggestion of another type on its span, as an acceptance (`replace_entity`).

        A name typed on a span pre-annotation read as another type stood beside that
        suggestion, both drawn and exported, until the article was next carried."""
        _check_span_of(f"article {article_id}", self.article(article_id).text, entity.start, entity.end)
        inserted = self._insert_entity_row(
            article_id, replace(entity, id=self._free_id("entities", entity.id))
        )
        if EntityStatus(entity.status).value in NAMED_BY_A_PERSON:
            self._take_other_types_off(article_id, inserted)
        return inserted

    def _free_id(self, table: str, row_id: int | None) -> int | None:
        """`row_id` if no row of `table` holds it, else None (SQLite then picks one).

        Row ids are handed out again once the highest is deleted: a row put back by a redo
        or an undo may find its id taken by what another window or a command saved since.
        """
        if row_id is None or self.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone():
            return None
        return row_id

    def replace_entity(self, article_id: int, entity: Entity) -> Entity:
        """Write an entity's decision inside the caller's transaction; an accepted one leaves
        no suggestion of another type on its span (`OTHER_TYPES_SUGGESTED_AT`), and the ones it
        removes go to `execute` or `revert`, which give them to the step that takes it back.
        The window's A rejects them in the same step first (`labelling.accept_entity`), so the
        rejection is carried; what is left here is a redo's or a script's.

        The redo of an acceptance undone before a new analysis read the name as another type
        accepts the row kept for it (`ENTITY_OUTDATED`) beside the new type's suggestion:
        both were drawn and exported until the article was next opened and carried."""
        status = EntityStatus(entity.status).value
        self._write(
            'UPDATE entities SET start = ?, "end" = ?, label = ?, status = ? WHERE id = ? AND article_id = ?',
            (entity.start, entity.end, entity.label, status, entity.id, article_id),
        )
        if status in NAMED_BY_A_PERSON:
            self._take_other_types_off(article_id, entity)
        return entity

    def _take_other_types_off(self, article_id: int, named: Entity) -> None:
        """Delete the suggestions of another type on the span of `named` (a person's name),
        keeping them for `execute` or `revert` to give to the step that takes it back."""
        where = (article_id, named.start, named.end, named.label)
        # A suggestion too large to read is left out, as the article's reads leave it out:
        # fetched for the undo, a crafted one came whole into memory (`leave_out_oversized`).
        unread, _ = self.leave_out_oversized(
            "entities", ("label", "model"), 'article_id = ? AND start = ? AND "end" = ?', where[:3]
        )
        besides = f" AND id NOT IN ({', '.join(str(int(i)) for i in unread)})" if unread else ""
        displaced = [
            (article_id, Entity(row[1], row[2], row[3], EntityStatus.SUGGESTED, id=row[0], model=row[4]))
            for row in self.conn.execute(
                'SELECT id, start, "end", label, model FROM entities WHERE '
                + OTHER_TYPES_SUGGESTED_AT
                + besides,
                where,
            )
        ]
        if displaced:
            self._write("DELETE FROM entities WHERE " + OTHER_TYPES_SUGGESTED_AT + besides, where)
            self._displaced.extend(displaced)

    def remove_entity(self, article_id: int, entity: Entity) -> None:
        """Delete an entity made earlier; only that one, not another that took its id since."""
        self._write(
            'DELETE FROM entities WHERE id = ? AND article_id = ? AND start = ? AND "end" = ? AND label = ?',
            (entity.id, article_id, entity.start, entity.end, entity.label),
        )

    # -- quotes as edit targets ---------------------------------------------------

    def get_quote(self, quote_id: int) -> tuple[int, Quote]:
        self.refuse_oversized("quotes", ("article_id", *QUOTE_COLUMNS), "id = ?", (quote_id,))
        row = next(self.query(("quotes",), "SELECT article_id FROM quotes WHERE id = ?", (quote_id,)), None)
        if row is None:
            raise NotFoundError(f"quotation {quote_id} does not exist (any more)", row="The quotation")
        article_id = int(row[0])
        quote_row = next(self.query(("quotes",), _QUOTE_SELECT + " WHERE id = ?", (quote_id,)))
        quote = self.checked("quotes", quote_id, _quote_from_row, quote_row, self.text_length(article_id))
        return article_id, quote

    def quotes_at(self, article_id: int, start: int, end: int) -> list[Quote]:
        """The article's quotations at this span, removed ones too, by id: a redo finds there
        the row another program's pre-annotation made anew for the quotation its step
        corrected or removed (`core.commands.CorrectQuote`, `RemoveQuote`)."""
        where = 'article_id = ? AND start = ? AND "end" = ?'
        self.refuse_oversized("quotes", QUOTE_COLUMNS, where, (article_id, start, end))
        rows = self.query_all(
            ("quotes",), f"{_QUOTE_SELECT} WHERE {where} ORDER BY id", (article_id, start, end)
        )
        length = self.text_length(article_id)
        return [self.checked("quotes", row[6], _quote_from_row, row, length) for row in rows]

    def _checked_quote_row(self, article_id: int, quote: Quote) -> tuple[Any, ...]:
        """The quotes row of `quote`, its spans and values checked against the article's text."""
        text = self.article(article_id).text
        _check_span_of(f"article {article_id}", text, quote.start, quote.end)
        if quote.speaker is not None:
            _check_span_of(f"article {article_id}", text, quote.speaker.start, quote.speaker.end)
        row = _quote_row(article_id, quote, quote.model)
        rules.check_quote_row(row, len(text))
        return row

    def replace_quote(self, article_id: int, quote: Quote) -> Quote:
        """A quotation's kind, speaker and origin; its span stays (it is the finder's, and right)."""
        row = self._checked_quote_row(article_id, quote)
        cursor = self._write(
            "UPDATE quotes SET kind = ?, speaker_start = ?, speaker_end = ?, speaker_name = ?, model = ?,"
            " suggested_kind = ?, suggested_speaker = ? WHERE id = ? AND article_id = ?",
            (*row[3:], quote.id, article_id),
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"quotation {quote.id} does not exist (any more)", row="The quotation")
        return quote

    def insert_quote(self, article_id: int, quote: Quote) -> Quote:
        """Insert inside the caller's transaction; a redo keeps its id unless it was taken
        (as `insert_entity`)."""
        quote = replace(quote, id=self._free_id("quotes", quote.id))
        row = self._checked_quote_row(article_id, quote)
        cursor = self._write(
            'INSERT INTO quotes(id, article_id, start, "end", kind, speaker_start, speaker_end, speaker_name,'
            " model, suggested_kind, suggested_speaker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (quote.id, *row),
        )
        return replace(quote, id=int(cursor.lastrowid or 0))

    def remove_quote(self, article_id: int, quote: Quote) -> None:
        """Delete a quotation added earlier; only that one, as `remove_entity`."""
        self._write(
            'DELETE FROM quotes WHERE id = ? AND article_id = ? AND start = ? AND "end" = ?',
            (quote.id, article_id, quote.start, quote.end),
        )

    # -- claims --------------------------------------------------------------------

    def _insert_claim_row(self, claim: Claim) -> Claim:
        _storable(
            f"article {claim.article_id}",
            annotator=claim.annotator,
            note=claim.note,
            decided_by=claim.decided_by,
        )
        self._ensure_annotator(claim.annotator)
        created = claim.created_at or now_iso()
        updated = claim.updated_at or created
        cursor = self._write(
            'INSERT INTO claims(id, article_id, start, "end", label, annotator, note, created_at, updated_at,'
            " decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                claim.id,
                claim.article_id,
                claim.start,
                claim.end,
                ClaimLabel(claim.label).value,
                claim.annotator,
                claim.note,
                created,
                updated,
                claim.decided_by,
            ),
        )
        return Claim(
            article_id=claim.article_id,
            start=claim.start,
            end=claim.end,
            label=ClaimLabel(claim.label),
            annotator=claim.annotator,
            note=claim.note,
            id=int(cursor.lastrowid or 0),
            created_at=created,
            updated_at=updated,
            decided_by=claim.decided_by,
        )

    def insert_claim(self, claim: Claim) -> Claim:
        """Insert inside the caller's transaction (used by commands); checks the span first.

        A claim put back (a redo, the undo of a delete) keeps its id unless another claim
        took it meanwhile: row ids are handed out again, so a label made in another window
        or by a command may hold it now. It then gets a new id (the command keeps the claim
        returned), rather than failing on the taken id.
        """
        if not claim.annotator.strip():
            raise SpanError("a claim needs an annotator name")
        _check_span_of(
            f"article {claim.article_id}", self.article(claim.article_id).text, claim.start, claim.end
        )
        back = self._claim_back_already(claim)
        if back is not None:
            return back
        claim = replace(claim, id=self._free_id("claims", claim.id))
        return self._insert_claim_row(claim)

    def _claim_back_already(self, claim: Claim) -> Claim | None:
        """The claim a redo or an undo puts back, when it is in the file again already: a merge
        brought it back (a copy of this file made before the undo holds it), as it was.

        Put back beside it, the person had two claims of one label on the same words, which no
        key makes, and every later merge counted the pair. Changed since (another label or
        note), it is left as it is now, and said (`ChangedMeanwhile`), as an undo leaves it.
        """
        if not claim.created_at:
            return None  # a new claim: none can be it
        row = self.conn.execute(
            'SELECT id FROM claims WHERE article_id = ? AND start = ? AND "end" = ? AND annotator = ?'
            " AND created_at = ? ORDER BY id LIMIT 1",
            (claim.article_id, claim.start, claim.end, claim.annotator, claim.created_at),
        ).fetchone()
        if row is None:
            return None
        there = self.get_claim(int(row[0]))
        if (there.label, there.note) != (claim.label, claim.note):
            raise ChangedMeanwhile(CHANGED_ELSEWHERE.format("The claim"), row="The claim")
        return there

    def record_label_check(self, claim: Claim, shown: LabelCheck | None) -> None:
        """Record the label suggestion the window showed beside a new claim (`label_checks`), or
        that none was: inside the caller's transaction (used by `AddClaim`).

        What was shown, not what the suggestions table holds: a suggestion below the person's
        threshold, or of a model that failed its checks, was never seen. With none shown, an
        earlier claim's record on the same span (deleted since, its record kept for an undo)
        goes, so it is not taken for this one's. Reviewers' gold decisions are never recorded.
        """
        if claim.annotator == GOLD_ANNOTATOR:
            return
        key = (claim.article_id, claim.start, claim.end, claim.annotator)
        if shown is not None and not 0.0 <= float(shown.confidence) <= 1.0:
            shown = None  # never refuse a person's label over the record beside it
        if shown is None:
            self._write(
                'DELETE FROM label_checks WHERE article_id = ? AND start = ? AND "end" = ? AND annotator = ?',
                key,
            )
            return
        self._write(
            'INSERT OR REPLACE INTO label_checks(article_id, start, "end", annotator, label, confidence)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            (*key, ClaimLabel(shown.label).value, float(shown.confidence)),
        )

    def claim_labels(self) -> list[tuple[int, int, int, str, ClaimLabel]]:
        """(article id, span start, span end, annotator, label) of every claim, in the order they
        were made: whether the project can train a model, in one read of five columns.

        Not `iter_claims`: the window asks at every edit while the training dialog is open,
        and building each claim (its note, times, and span against its article's length)
        is most of that read's cost on a large project. A value of the wrong kind is a bad
        row, as there, since a project file may come from anyone.
        """
        found: list[tuple[int, int, int, str, ClaimLabel]] = []
        # By id, the table's own order: sorting by span as well took a third of the read.
        sql = 'SELECT id, article_id, start, "end", annotator, label FROM claims ORDER BY id'
        for row_id, article_id, start, end, annotator, label in self.query(("claims",), sql):
            if not (type(article_id) is type(start) is type(end) is int and isinstance(annotator, str)):
                raise self.bad_row("claims", row_id, "an article, span or annotator of the wrong type")
            claim_label = _CLAIM_LABELS.get(label)  # a third of the read's time was `ClaimLabel(label)`
            if claim_label is None:
                raise self.bad_row("claims", row_id, f"{label!r} is not a claim label")
            found.append((article_id, start, end, annotator, claim_label))
        return found

    def label_checks(self) -> list[tuple[str, float, str]]:
        """(suggested label, confidence shown, the person's label now) for every claim made where
        a trained model had a suggestion; reviewers' gold decisions are not counted."""
        return [
            (str(suggested), float(confidence), str(label))
            for suggested, confidence, label in self.conn.execute(
                "SELECT k.label, k.confidence, c.label FROM label_checks k JOIN claims c"
                ' ON c.article_id = k.article_id AND c.start = k.start AND c."end" = k."end"'
                " AND c.annotator = k.annotator ORDER BY c.id"
            )
        ]

    def get_claim(self, claim_id: int) -> Claim:
        row = next(self.query(("claims",), _CLAIM_SELECT + " WHERE id = ?", (claim_id,)), None)
        if row is None:
            raise NotFoundError(f"claim {claim_id} does not exist (any more)", row="The claim")
        length, names = self.text_length(row[1]), self.annotator_names()
        return self.checked("claims", claim_id, _claim_from_row, row, length, names)

    def replace_claim(self, claim: Claim) -> Claim:
        """Rewrite a claim read earlier (`get_claim`); only that claim, never another claim
        that took its id since (`core.commands.same_claim`): the span was checked against
        this claim's article, not the other's."""
        _storable(f"article {claim.article_id}", note=claim.note)
        _check_span_of(
            f"article {claim.article_id}", self.article(claim.article_id).text, claim.start, claim.end
        )
        was = self.conn.execute(
            'SELECT start, "end", created_at, updated_at FROM claims WHERE ' + _SAME_CLAIM, _claim_key(claim)
        ).fetchone()
        stamp = stamp_after(*(was[2:] if was is not None else ()))
        cursor = self._write(
            'UPDATE claims SET start = ?, "end" = ?, label = ?, note = ?, updated_at = ?'
            " WHERE " + _SAME_CLAIM,
            (claim.start, claim.end, ClaimLabel(claim.label).value, claim.note, stamp, *_claim_key(claim)),
        )
        if cursor.rowcount == 0:
            raise NotFoundError(GONE.format(claim.id), row="The claim")
        if was is not None and tuple(was[:2]) != (claim.start, claim.end):
            self._move_label_check(claim, was[0], was[1])
        return Claim(
            article_id=claim.article_id,
            start=claim.start,
            end=claim.end,
            label=ClaimLabel(claim.label),
            annotator=claim.annotator,
            note=claim.note,
            id=claim.id,
            created_at=claim.created_at,
            updated_at=stamp,
            decided_by=claim.decided_by,
        )

    def _move_label_check(self, claim: Claim, start: int, end: int) -> None:
        """Move the record of the suggestion shown beside a claim (`label_checks`, keyed by
        span) from its old span `start`-`end` to its new one, inside the caller's transaction.

        Left behind, a resized claim lost its `suggested` in exports and figures (an undo of
        the resize moves it back). Another claim of the person's still on the old span keeps
        a copy; with no record to move, one on the new span (a deleted claim's) goes, so it is
        not taken for this claim's, as in `record_label_check`.
        """
        old = (claim.article_id, start, end, claim.annotator)
        new = (claim.article_id, claim.start, claim.end, claim.annotator)
        where = 'article_id = ? AND start = ? AND "end" = ? AND annotator = ?'
        record = self.conn.execute(
            "SELECT label, confidence FROM label_checks WHERE " + where, old
        ).fetchone()
        if record is None:
            # This claim (already on the new span) is the only one of the person's there.
            if self.conn.execute("SELECT count(*) FROM claims WHERE " + where, new).fetchone()[0] == 1:
                self._write("DELETE FROM label_checks WHERE " + where, new)
            return
        if not self.conn.execute("SELECT 1 FROM claims WHERE " + where, old).fetchone():
            self._write("DELETE FROM label_checks WHERE " + where, old)
        self._write(
            'INSERT OR REPLACE INTO label_checks(article_id, start, "end", annotator, label, confidence)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            (*new, *record),
        )

    def remove_claim(self, claim: Claim) -> None:
        """Delete a claim read or made earlier; only that claim, as `replace_claim`."""
        cursor = self._write("DELETE FROM claims WHERE " + _SAME_CLAIM, _claim_key(claim))
        if cursor.rowcount == 0:
            raise NotFoundError(GONE.format(claim.id), row="The claim")

    def claims(self, article_id: int | None = None, *, annotator: str | None = None) -> list[Claim]:
        """Claims in text order (article, start, end), optionally of one article or annotator."""
        where: list[str] = []
        params: list[Any] = []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if annotator is not None:
            where.append("annotator = ?")
            params.append(annotator)
        sql = _CLAIM_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += ' ORDER BY article_id, start, "end", id'
        return list(self._checked_claims(sql, params, one_article=article_id))

    def claims_of(self, article_ids: Sequence[int]) -> list[Claim]:
        """The claims of some articles in one read (at most 500 ids), in text order."""
        marks = ", ".join("?" * len(article_ids))
        sql = _CLAIM_SELECT + f' WHERE article_id IN ({marks}) ORDER BY article_id, start, "end", id'
        return list(self._checked_claims(sql, list(article_ids), articles=article_ids))

    def iter_claims(self) -> Iterator[Claim]:
        """All claims, streamed: exports of 100,000 claims should not build a list first."""
        return self._checked_claims(_CLAIM_SELECT + ' ORDER BY article_id, start, "end", id')

    def _checked_claims(
        self,
        sql: str,
        params: tuple[Any, ...] | list[Any] = (),
        *,
        one_article: int | None = None,
        articles: Sequence[int] = (),
    ) -> Iterator[Claim]:
        if one_article is not None:
            length = self.text_length(one_article)
            lengths = {one_article: length} if length is not None else {}
        elif articles:
            lengths = {a: n for a in articles if (n := self.text_length(a)) is not None}
        else:
            lengths = self.text_lengths()
        names = self.annotator_names()
        for row in self.query(("claims",), sql, params):
            if row[5] not in names:
                # Read before the claims, the names may be older than them: another process's
                # first gold decision (or a merge) adds its annotator and claims in one commit
                # between the two reads, and the pool's read of the review's items failed on
                # "annotator 'gold' is not one of the project's annotators". Read once more.
                names = self.annotator_names()
            try:
                yield _claim_from_row(row, lengths.get(row[1]), names)
            except InvalidValue as exc:
                raise self.bad_row("claims", row[0], exc) from None

    # -- gold decisions as edit targets ---------------------------------------------
    # The SQL lives with the rest of adjudication in `store.merge`; imported when used,
    # since that module builds on this one.

    def gold_decision(self, article_id: int, start: int, end: int) -> GoldDecision | None:
        from annotator.store.merge import gold_decision_at

        return gold_decision_at(self, article_id, start, end)

    def set_gold(self, decision: GoldDecision) -> None:
        from annotator.store.merge import set_gold

        set_gold(
            self,
            decision.article_id,
            decision.start,
            decision.end,
            decision.label,
            reviewer=decision.decided_by,
            note=decision.note,
            decided_at=decision.decided_at,
        )

    def clear_gold(self, article_id: int, start: int, end: int) -> None:
        from annotator.store.merge import clear_gold

        clear_gold(self, article_id, start, end)

    # -- renaming a person -----------------------------------------------------------

    def rename_person(self, old: str, new: str) -> PersonRenamed:
        """Put every row naming person `old` under `new`, inside the caller's transaction
        (`core.commands.RenameAnnotator`): their claims, the gold labels and "no claim" they
        decided, the label suggestions recorded beside their claims, and the `annotators` row.

        Where both names labelled one span, one claim stays (`kept_of_one_person`) and the
        other goes, with the suggestion record of the claim that went; the record says what
        went, for the undo. The names are checked by the caller (`services.renaming`).
        """
        row = self.conn.execute("SELECT created_at FROM annotators WHERE name = ?", (old,)).fetchone()
        created_at = None if row is None else str(row[0])
        decided = [int(r[0]) for r in self.conn.execute("SELECT id FROM claims WHERE decided_by = ?", (old,))]
        no_claims = [
            (int(a), int(s), int(e))
            for a, s, e in self.conn.execute(
                'SELECT article_id, start, "end" FROM gold_no_claim WHERE decided_by = ?', (old,)
            )
        ]
        if created_at is None and not decided and not no_claims:
            raise NotFoundError(f"nobody is named {old!r} in this project (any more)", row="The person")
        _storable("the new name", annotator=new)
        new_was_there = (
            self.conn.execute("SELECT 1 FROM annotators WHERE name = ?", (new,)).fetchone() is not None
        )
        where = 'article_id = ? AND start = ? AND "end" = ? AND annotator = ?'
        dropped: list[Claim] = []
        dropped_checks: list[tuple[int, int, int, str, str, float]] = []
        kept_new: set[tuple[int, int, int]] = set()
        both = self.conn.execute(
            'SELECT article_id, start, "end" FROM claims WHERE annotator = ?'
            ' INTERSECT SELECT article_id, start, "end" FROM claims WHERE annotator = ?',
            (old, new),
        ).fetchall()
        for article_id, start, end in both:
            there = [
                claim
                for claim in self.claims(article_id)
                if (claim.start, claim.end) == (start, end) and claim.annotator in (old, new)
            ]
            kept = kept_of_one_person(there, new)
            for claim in there:
                if claim is not kept:
                    self.remove_claim(claim)
                    dropped.append(claim)
            if kept.annotator == new:
                kept_new.add((article_id, start, end))
            else:  # `new`'s record is of a claim that went
                found = self.conn.execute(
                    "SELECT label, confidence FROM label_checks WHERE " + where, (article_id, start, end, new)
                ).fetchone()
                if found is not None:
                    dropped_checks.append((article_id, start, end, new, found[0], found[1]))
                    self._write("DELETE FROM label_checks WHERE " + where, (article_id, start, end, new))
        taken = (
            set(
                self.conn.execute(
                    'SELECT article_id, start, "end" FROM label_checks WHERE annotator = ?', (new,)
                )
            )
            | kept_new
        )
        checks: list[tuple[int, int, int]] = []
        for article_id, start, end, label, confidence in self.conn.execute(
            'SELECT article_id, start, "end", label, confidence FROM label_checks WHERE annotator = ?', (old,)
        ).fetchall():
            if (article_id, start, end) in taken:  # of a claim that went, or `new`'s stays
                dropped_checks.append((article_id, start, end, old, label, confidence))
                self._write("DELETE FROM label_checks WHERE " + where, (article_id, start, end, old))
            else:
                checks.append((article_id, start, end))
        self._write("UPDATE label_checks SET annotator = ? WHERE annotator = ?", (new, old))
        if created_at is not None and not new_was_there:
            self._write("INSERT INTO annotators(name, created_at) VALUES (?, ?)", (new, created_at))
        claims = [int(r[0]) for r in self.conn.execute("SELECT id FROM claims WHERE annotator = ?", (old,))]
        self._write("UPDATE claims SET annotator = ? WHERE annotator = ?", (new, old))
        self._write("UPDATE claims SET decided_by = ? WHERE decided_by = ?", (new, old))
        self._write("UPDATE gold_no_claim SET decided_by = ? WHERE decided_by = ?", (new, old))
        self._write("DELETE FROM annotators WHERE name = ?", (old,))
        self._annotators.clear()
        # Remembered, for a later merge of a file that still carries `old` (`store.merge`); kept
        # flat, so one look-up finds the name in use: `new` is in use again, and the names that
        # had become `old` become `new`.
        renames = tuple(
            (str(r[0]), str(r[1]))
            for r in self.conn.execute(
                "SELECT old, new FROM renames WHERE old IN (?, ?) OR new = ? ORDER BY old", (old, new, old)
            )
        )
        self._write("DELETE FROM renames WHERE old = ?", (new,))
        self._write("UPDATE renames SET new = ? WHERE new = ?", (new, old))
        self._write("INSERT OR REPLACE INTO renames(old, new) VALUES (?, ?)", (old, new))
        articles = {
            int(r[0])
            for r in self.conn.execute(
                "SELECT DISTINCT article_id FROM claims WHERE annotator = ? OR decided_by = ?", (new, new)
            )
        }
        return PersonRenamed(
            left=self.person_rows(new),
            led_to_new=self.renamed_to(new),
            renames=renames,
            old=old,
            new=new,
            claims=tuple(claims),
            decided=tuple(decided),
            no_claims=tuple(no_claims),
            checks=tuple(checks),
            dropped=tuple(dropped),
            dropped_checks=tuple(dropped_checks),
            created_at=created_at,
            new_was_there=new_was_there,
            article_ids=frozenset(
                articles | {a for a, _s, _e in no_claims} | {c.article_id for c in dropped}
            ),
        )

    def renames(self) -> dict[str, str]:
        """Each person's old name with the name it became and is in use now (`rename_person`);
        checked at open (`check_small_tables`)."""
        return {str(old): str(new) for old, new in self.conn.execute("SELECT old, new FROM renames")}

    def renamed_to(self, name: str) -> frozenset[str]:
        """The old names the record of renames leads to `name`, read in the caller's transaction."""
        found = self.conn.execute("SELECT old FROM renames WHERE new = ?", (name,))
        return frozenset(str(r[0]) for r in found)

    def person_rows(self, name: str) -> PersonRows:
        """The rows naming person `name` (`core.commands.PersonRows`), read in the caller's transaction."""
        return PersonRows(
            frozenset(
                int(r[0]) for r in self.conn.execute("SELECT id FROM claims WHERE annotator = ?", (name,))
            ),
            frozenset(
                int(r[0]) for r in self.conn.execute("SELECT id FROM claims WHERE decided_by = ?", (name,))
            ),
            frozenset(
                (int(a), int(s), int(e))
                for a, s, e in self.conn.execute(
                    'SELECT article_id, start, "end" FROM gold_no_claim WHERE decided_by = ?', (name,)
                )
            ),
        )

    def unrename_person(self, renamed: PersonRenamed) -> None:
        """Put back under `renamed.old` what `rename_person` put under the new name, inside the
        caller's transaction; the claims it took away are put back by the command
        (`insert_claim`, which finds them a new id if theirs was taken meanwhile)."""
        old, new = renamed.old, renamed.new
        if renamed.created_at is not None:
            self._write(
                "INSERT OR IGNORE INTO annotators(name, created_at) VALUES (?, ?)", (old, renamed.created_at)
            )
        self.conn.executemany(
            "UPDATE claims SET annotator = ? WHERE id = ? AND annotator = ?",
            [(old, i, new) for i in renamed.claims],
        )
        self.conn.executemany(
            "UPDATE claims SET decided_by = ? WHERE id = ? AND decided_by = ?",
            [(old, i, new) for i in renamed.decided],
        )
        self.conn.executemany(
            'UPDATE gold_no_claim SET decided_by = ? WHERE article_id = ? AND start = ? AND "end" = ?'
            " AND decided_by = ?",
            [(old, *key, new) for key in renamed.no_claims],
        )
        self.conn.executemany(
            'UPDATE OR IGNORE label_checks SET annotator = ? WHERE article_id = ? AND start = ? AND "end" = ?'
            " AND annotator = ?",
            [(old, *key, new) for key in renamed.checks],
        )
        self.conn.executemany(
            'INSERT OR REPLACE INTO label_checks(article_id, start, "end", annotator, label, confidence)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            renamed.dropped_checks,
        )
        if not renamed.new_was_there:
            self._write(
                "DELETE FROM annotators WHERE name = ? AND NOT EXISTS"
                " (SELECT 1 FROM claims WHERE annotator = ?)",
                (new, new),
            )
        # The rows the rename wrote are those of `old` and of the names it had recorded
        # (`PersonRenamed.renames`); the others (the names that had become `new`) stay.
        self.conn.executemany(
            "DELETE FROM renames WHERE old = ?", [(name,) for name in {old, *(r[0] for r in renamed.renames)}]
        )
        self.conn.executemany("INSERT INTO renames(old, new) VALUES (?, ?)", renamed.renames)
        self._annotators.clear()

    # -- commands ------------------------------------------------------------------

    def execute(self, command: Command, *, carried: Carried | None = None) -> Change:
        """Apply an edit command in one committed transaction; for a redo, also take back the
        suggestions its undo rewrote (`carried`, `Change.carried`)."""
        self._annotators.clear()
        owned = not self.conn.in_transaction
        with self.transaction():
            seen = owned and self._decisions_seen_at == self._quiet_state()
            self._displaced = []
            if not carried:
                change = command.apply(self)
            else:
                # Before the edit, the inverse of its undo: the redo may name a suggestion put back.
                taken_back = self._take_back(carried)
                command.follow(taken_back)  # one put back under a new id
                change = command.apply(self) | taken_back
            change = self._with_displaced(change)
            seen_at = self._edited(change) if seen else None
        self._decisions_seen_at = seen_at
        return change

    def _edited(self, change: Change, *, read: bool = False) -> tuple[int, int] | None:
        """At the end of an edit's own transaction, begun with the decisions seen: the state
        that `entity_decisions` may take as seen once it commits, the edit's articles noted to
        be read again (`_decisions_pending`). Read in the transaction, which no other
        connection writes meanwhile; a commit by another after it shows in the data version.
        An edit in a caller's transaction, which may yet be rolled back, is not noted: the
        next read looks at every article's fingerprint. `read`: the decisions were read after
        the edit already (an undo's, `_decisions_after_edit`)."""
        if self._decisions is None:
            return None
        if change.entities and not read:
            self._decisions_pending |= change.article_ids
        return self._quiet_state()

    def _quiet_state(self) -> tuple[int, int]:
        """(rows this connection changed, data version): both stay the same while nothing is
        written to the project, by this connection or another."""
        return self.conn.total_changes, int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def revert(self, command: Command, *, carried: Carried | None = None) -> Change:
        """Undo an edit command in one committed transaction: undo is saved like any edit;
        `carried`, what the edit or its redo rewrote beside it (`Change.carried`), is taken
        back in the same transaction (the suggestions an acceptance took off its span come back).

        An undo that changes the entity decisions (a rejection, an added name) brings the
        suggestions of that name up to the decisions left, in every analysed article that
        holds it, in the same transaction: opening an article had carried the rejection to
        its other mentions, and they stayed away after Ctrl+Z until the article was opened
        again, so undoing every step no longer gave back the file. What it wrote is in
        `Change.carried`, for the redo. Only `UNDO_CARRIES_AT_ONCE` articles are done at
        once (the undone edit's first); the others are left to their opening.
        """
        self._annotators.clear()
        owned = not self.conn.in_transaction
        with self.transaction():
            seen = owned and self._decisions_seen_at == self._quiet_state()
            before = self.entity_decisions() if command.decides_entities() else None
            self._displaced = []
            change = command.revert(self)
            if carried:
                change = change | self._take_back(carried)
            read = before is not None and change.entities
            if before is not None and read:
                after = self._decisions_after_edit(change.article_ids)
                change = replace(change, carried=self._carry_changed(before, after, first=change.article_ids))
            change = self._with_displaced(change)
            seen_at = self._edited(change, read=read) if seen else None
        self._decisions_seen_at = seen_at
        return change

    def _with_displaced(self, change: Change) -> Change:
        """`change` with the suggestions its decisions took off their spans (`replace_entity`)
        as removed, for the step that takes it back (`_take_back`) to put them back."""
        if not self._displaced:
            return change
        displaced = Carried(removed=tuple(self._displaced))
        self._displaced = []
        return replace(change, entities=True, carried=change.carried | displaced)

    def _carry_changed(
        self, before: EntityDecisions, after: EntityDecisions, *, first: frozenset[int] = frozenset()
    ) -> Carried:
        """Take back the carrying of the decisions an undo withdrew, in the analysed articles
        holding the name: the suggestions of a name no longer rejected come back, those made
        from a name no longer added go (a person's decided rows are never touched).

        Only withdrawn ones: the undo of an accept that leaves a name rejected again puts that
        mention back to suggested, as the person saw it, rather than carrying it away at once;
        like R, that waits for the article to be opened.

        The articles in `first` (the undone edit's, the one shown), then the others in order,
        up to `UNDO_CARRIES_AT_ONCE`: the rest are carried when opened, and the record that
        the decisions reached every article is dropped, so Pre-annotate All walks them."""
        withdrawn = (before.rejected - after.rejected, before.added - after.added)
        words = sorted(
            {max(name.split(), key=len) for name, _label in withdrawn[0] | withdrawn[1] if name.split()}
        )
        if not words:
            return Carried()
        article_ids: set[int] = set()
        holding = (
            "SELECT a.id FROM articles a JOIN analyses n ON n.article_id = a.id"
            " WHERE typeof(a.text) = 'text' AND instr(a.text, ?) > 0"
        )
        for word in words:  # a cheap superset: the name's longest word (not "The") in the text
            # Only the first articles holding it are carried: SQLite stops at one more than
            # that (and the undone edit's, which come first wherever they are), which also says
            # whether some are left, rather than reading every text (90 ms on 10,000 articles
            # for a name each holds).
            enough = UNDO_CARRIES_AT_ONCE + 1 + len(first)
            article_ids.update(
                int(row[0]) for row in self.conn.execute(f"{holding} ORDER BY a.id LIMIT ?", (word, enough))
            )
            if first:
                marks = ", ".join("?" * len(first))
                article_ids.update(
                    int(row[0])
                    for row in self.conn.execute(f"{holding} AND a.id IN ({marks})", (word, *sorted(first)))
                )
        order = sorted(article_ids, key=lambda article_id: (article_id not in first, article_id))
        if len(order) > UNDO_CARRIES_AT_ONCE:
            self._write("DELETE FROM meta WHERE key = ?", (DECISIONS_CARRIED_META,))
        carried = Carried()
        for article_id in order[:UNDO_CARRIES_AT_ONCE]:
            gone, new = self._carry(article_id, after, withdrawn=withdrawn)
            carried |= Carried(tuple((article_id, e) for e in gone), tuple((article_id, e) for e in new))
        return carried

    def _take_back(self, carried: Carried) -> Change:
        """A redo: remove the suggestions its undo brought back and put back the ones it
        removed (under their ids unless taken since: `Change.moved_entities`), each only where
        no row stands at its span with its type now."""
        for article_id, entity in carried.added:
            self._write(
                'DELETE FROM entities WHERE article_id = ? AND start = ? AND "end" = ? AND label = ?'
                " AND status = 'suggested'",
                (article_id, entity.start, entity.end, entity.label),
            )
        moved: list[tuple[int, int, Entity]] = []
        for article_id, entity in carried.removed:
            if self.conn.execute(
                'SELECT 1 FROM entities WHERE article_id = ? AND start = ? AND "end" = ? AND label = ?',
                (article_id, entity.start, entity.end, entity.label),
            ).fetchone():
                continue
            saved = self.insert_entity(article_id, entity)
            if entity.id is not None and saved.id != entity.id:
                moved.append((entity.id, article_id, saved))
        self._forget_carried(self.entity_decisions())
        return Change(entities=True, moved_entities=tuple(moved))

    # -- statistics ------------------------------------------------------------------

    def stats(self, *, claims_checked: bool = False) -> ProjectStats:
        """Counts of the whole project, after every row they count was read and checked
        (`check_rows`): a figure counts what the app shows, never a row it would refuse to
        show nor a suggestion it leaves out of its article. `claims_checked`: the caller has
        read every claim through `iter_claims`, which checks them as `check_rows` does."""
        # Rows too large to read, left out as the window leaves them out.
        left_out = self.check_rows(claims=not claims_checked)
        entities, quotes, candidates = (left_out[t] for t in ("entities", "quotes", "candidates"))

        def counts(sql: str) -> Counter[str]:
            return Counter({row[0]: row[1] for row in self.conn.execute(sql)})

        by_status = counts("SELECT status, count(*) FROM articles GROUP BY status")
        by_label = counts("SELECT label, count(*) FROM claims GROUP BY label")

        def scalar(sql: str, params: list[int] | None = None) -> int:
            return int(self.conn.execute(sql, params or []).fetchone()[0])

        from annotator.core.reports import ProjectStats

        return ProjectStats(
            articles=sum(by_status.values()),
            by_status={s.value: by_status.get(s.value, 0) for s in ArticleStatus},
            claims=sum(by_label.values()),
            by_label={label.value: by_label.get(label.value, 0) for label in ClaimLabel},
            by_annotator=dict(
                counts("SELECT annotator, count(*) FROM claims GROUP BY annotator ORDER BY annotator")
            ),
            entities=scalar(f"SELECT count(*) FROM entities WHERE 1{_not_among(entities)}", entities),
            quotes=scalar(f"SELECT count(*) FROM quotes WHERE {_QUOTE_SHOWN}{_not_among(quotes)}", quotes),
            candidates=scalar(f"SELECT count(*) FROM candidates WHERE 1{_not_among(candidates)}", candidates),
            analysed=scalar("SELECT count(*) FROM analyses"),
        )

    def entity_decisions(self) -> EntityDecisions:
        """Every name people decided on or added, with its type (`core.entity_decisions`).

        Read again only where the decided rows changed (a fingerprint of each article's, from
        any connection), and only those articles' mentions: the window asks on every article
        it opens, and the undo of an entity decision before and after it; a team file's tens
        of thousands of decided mentions take a third of a second to read, and an edit changes
        one article's.
        """
        cached = self._decisions
        if cached is not None and self._decisions_seen_at == self._quiet_state():
            # Nothing written since they were seen but this connection's edits, whose articles
            # are read again alone: not a scan of the table (50 ms on 770,000 suggestions) at
            # each undo of an entity decision and each article opened after an edit.
            if not self._decisions_pending:
                return cached.decisions
            pending, self._decisions_pending = frozenset(self._decisions_pending), set()
            return self._decisions_after_edit(pending)
        self._decisions_seen_at, self._decisions_pending = None, set()
        state = None if self.conn.in_transaction else self._quiet_state()
        fingerprints = {
            row[0]: tuple(row[1:])
            for row in self.conn.execute(
                f"SELECT {_DECISIONS_FINGERPRINT} FROM entities NOT INDEXED"
                " WHERE status != 'suggested' GROUP BY article_id"
            )
        }
        if cached is not None and cached.fingerprints == fingerprints:
            self._decisions_seen_at = state
            return cached.decisions
        changed = (
            None
            if cached is None
            else {
                article_id
                for article_id in fingerprints.keys() | cached.fingerprints.keys()
                if fingerprints.get(article_id) != cached.fingerprints.get(article_id)
            }
        )
        decisions = self._read_decisions_again(fingerprints, changed)
        self._decisions_seen_at = state
        return decisions

    def _decisions_after_edit(self, article_ids: frozenset[int]) -> EntityDecisions:
        """`entity_decisions` after an edit of these articles' entities, in the transaction
        that read them just before it (no other connection writes meanwhile): only those
        articles' rows are read, not every article's fingerprint (a scan of the table, 50 ms
        on 770,000 suggestions). Another article's rows changed too would be found at the
        next `entity_decisions`, from its fingerprint."""
        cached = self._decisions
        if cached is None or not article_ids or len(article_ids) > _DECIDED_ARTICLES_READ_ALONE:
            self._decisions_seen_at = None  # every article's fingerprint, then
            return self.entity_decisions()
        fingerprints = {a: f for a, f in cached.fingerprints.items() if a not in article_ids}
        fingerprints.update(
            (row[0], tuple(row[1:]))
            for row in self.conn.execute(
                f"SELECT {_DECISIONS_FINGERPRINT} FROM entities"
                f" WHERE article_id IN ({', '.join('?' * len(article_ids))}) AND status != 'suggested'"
                " GROUP BY article_id",
                tuple(article_ids),
            )
        )
        return self._read_decisions_again(fingerprints, set(article_ids))

    def _read_decisions_again(
        self, fingerprints: dict[Any, tuple[Any, ...]], changed: set[Any] | None
    ) -> EntityDecisions:
        """The decisions from the cached mentions of every article but the `changed` ones
        (None: every article's read again), and the cache kept with `fingerprints`."""
        cached = self._decisions
        if cached is None or changed is None or len(changed) > _DECIDED_ARTICLES_READ_ALONE:
            judged = self._judged_mentions(None)
        else:
            judged = {a: mentions for a, mentions in cached.judged.items() if a not in changed}
            judged.update(self._judged_mentions(changed))
        decisions = EntityDecisions.from_mentions(itertools.chain.from_iterable(judged.values()))
        self._decisions = _DecidedRows(fingerprints, judged, decisions)
        return decisions

    def _judged_mentions(self, article_ids: Iterable[Any] | None) -> dict[int, list[tuple[str, str, str]]]:
        """`judged_mentions` of the given articles' decided mentions (None: every article's), by article."""
        return {
            article_id: judged_mentions([row[1:] for row in group])
            for article_id, group in itertools.groupby(
                self.decided_mentions(article_ids), key=lambda row: row[0]
            )
        }

    def decided_mentions(
        self, article_ids: Iterable[Any] | None = None
    ) -> list[tuple[int, int, int, str, str, str]]:
        """(article id, start, end, name as read, label, status) of every mention a person
        decided on or added (in the given articles only, unless None), by article then position."""
        among = () if article_ids is None else tuple(article_ids)
        # NOT INDEXED for every article: ordered by article, SQLite walked the whole
        # `entities_article` index and looked up each of its rows in the table to find the few
        # decided ones (290 ms on 770,000 suggestions, of an undo's 540 ms); a plain scan and a
        # sort of what it finds take 60 ms. A few articles' are found by the index.
        source = (
            "entities e NOT INDEXED JOIN articles a ON a.id = e.article_id WHERE"
            if article_ids is None
            else "entities e JOIN articles a ON a.id = e.article_id"
            f" WHERE e.article_id IN ({', '.join('?' * len(among))}) AND"
        )
        # A name near its text's start is cut by SQLite; one further in, from the text read once
        # (`_far_names`): `substr` walks the UTF-8 text from its start to the name, and a long
        # report's 354 decided mentions of one person cost 354 walks of most of it.
        rows = self.conn.execute(
            'SELECT e.article_id, e.start, e."end",'
            f' CASE WHEN e.start < {_NAME_CUT_IN_SQL_BEFORE} OR e."end" < e.start'
            ' THEN substr(a.text, e.start + 1, e."end" - e.start) END, e.label,'
            f" e.status FROM {source} e.status != 'suggested'"
            # A row of the wrong types or too long (a crafted file) is no one's decision;
            # reading it for itself refuses it, naming it.
            " AND typeof(e.start) = 'integer' AND typeof(e.\"end\") = 'integer' AND typeof(e.label) = 'text'"
            f" AND length(e.label) <= {column_chars('entities', 'label')}"
            f" AND length(e.status) <= {column_chars('entities', 'status')}"
            " AND typeof(a.text) = 'text' ORDER BY e.article_id, e.start, e.\"end\"",
            among,
        )
        return [
            (
                int(article_id),
                int(start),
                int(end),
                entity_name(str(name), 0, len(str(name))),
                str(label),
                str(status),
            )
            for article_id, start, end, name, label, status in self._far_names(rows)
        ]

    def _far_names(self, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
        """`decided_mentions`' rows, each name SQLite left uncut (NULL) cut from its article's
        text, read once for the article's rows (they come by article) and sliced by code point,
        as `substr` cuts a start and an end from 0 up."""
        text_of: tuple[Any, str] | None = None
        for row in rows:
            if row[3] is None:
                article_id, start, end = row[0], int(row[1]), int(row[2])
                if text_of is None or text_of[0] != article_id:
                    found = self.conn.execute(
                        "SELECT text FROM articles WHERE id = ? AND typeof(text) = 'text'", (article_id,)
                    ).fetchone()
                    text_of = (article_id, str(found[0]) if found else "")
                row = (*row[:3], text_of[1][start:end], *row[4:])
            yield row

    def decided_names(self) -> list[DecidedName]:
        """The names and types people's decisions carry to other articles, or that their
        disagreement keeps from carrying (`core.entity_decisions.decided_names`)."""
        return decided_names(self.decided_mentions())

    def entity_checks(self) -> list[tuple[str, str, int]]:
        """(label, status, rows) of pre-annotation's entities, and of every entity a person
        added: what people decided of its suggestions, and what they found it missed.

        A suggestion no analysis finds now (`ENTITY_OUTDATED`, kept for a redo) is no
        pre-annotation's, as exports say: counted, it stood among those nobody checked yet."""
        checked = f"(model != '' OR status = 'added') AND {_ENTITY_EXPORTED}"
        # A suggestion too large to read counts nowhere, as its article leaves it out.
        skipped, _ = self.leave_out_oversized("entities", ("label", "status"), checked, ())
        return [
            (str(label), str(status), int(count))
            for label, status, count in self.conn.execute(
                f"SELECT label, status, count(*) FROM entities WHERE ({checked}){_not_among(skipped)}"
                " GROUP BY label, status ORDER BY label, status",
                skipped,
            )
        ]

    def quote_checks(self) -> tuple[int, list[tuple[Any, ...]]]:
        """The quotations pre-annotation suggested that nobody checked yet, and (kind, speaker
        name, model, suggested_kind, suggested_speaker) of each one a person checked or added."""
        unchecked = self.conn.execute(
            "SELECT count(*) FROM quotes WHERE model NOT IN (?, ?, ?)",
            (QUOTE_IMPORTED, QUOTE_CORRECTED, QUOTE_REMOVED),
        ).fetchone()[0]
        columns = ("kind", "speaker_name", "model", "suggested_kind", "suggested_speaker")
        self.refuse_oversized("quotes", columns, "suggested_kind IS NOT NULL")
        checked = self.conn.execute(
            "SELECT kind, speaker_name, model, suggested_kind, suggested_speaker FROM quotes"
            " WHERE suggested_kind IS NOT NULL ORDER BY id"
        ).fetchall()
        return int(unchecked), checked


# -- rows <-> core objects -------------------------------------------------------------------------
# One column list per table feeds both its SELECT and its row mapper, which unpacks the
# row in that order: a column added to one and not the other fails loudly, at once.


def _select(table: str, columns: tuple[str, ...]) -> str:
    quoted = ", ".join('"' + column + '"' for column in columns)  # "end" is an SQL keyword
    return f"SELECT {quoted} FROM {table}"


ARTICLE_COLUMNS = (
    "id", "text", "title", "content_hash", "source", "meta", "status", "origin", "encoding", "created_at",
)  # fmt: skip
_ARTICLE_SELECT = _select("articles", ARTICLE_COLUMNS)


# Each mapper checks its row with the rules of `store.rows` (raising `InvalidValue`) before
# it builds the object; the store turns that into the one-line error naming the row.


def _article_from_row(row: tuple[Any, ...]) -> Article:
    id_, text, title, digest, source, meta, status, origin, encoding, created_at = row
    parsed = rules.check_article(
        text=text,
        digest=digest,
        title=title,
        source=source,
        meta=meta,
        status=status,
        origin=origin,
        encoding=encoding,
        created_at=created_at,
    )
    return Article(
        id=id_,
        text=text,
        title=title,
        content_hash=digest,
        source=source,
        meta=parsed,
        status=ArticleStatus(status),
        origin=origin,
        encoding=encoding,
        created_at=created_at,
    )


CLAIM_COLUMNS = (
    "id", "article_id", "start", "end", "label", "annotator", "note", "created_at", "updated_at",
    "decided_by",
)  # fmt: skip
_CLAIM_SELECT = _select("claims", CLAIM_COLUMNS)
_CLAIM_LABELS: dict[object, ClaimLabel] = {label.value: label for label in ClaimLabel}


def _summary_from_row(row: tuple[Any, ...]) -> ArticleSummary:
    rules.check_summary(title=row[1], source=row[2], status=row[3])
    return ArticleSummary(
        id=row[0],
        title=row[1],
        source=row[2],
        status=ArticleStatus(row[3]),
        char_count=row[4],
        claim_count=row[5],
        labels=frozenset(row[6]),
        gold_count=row[7],
    )


_SAME_CLAIM = "id = ? AND article_id = ? AND annotator = ? AND created_at = ?"
"""A claim row by what `core.commands.same_claim` compares."""


_NAME_CUT_IN_SQL_BEFORE = 4096
"""Where `decided_mentions` stops cutting names with SQLite's `substr` (cheap this near the start)."""


def _claim_key(claim: Claim) -> tuple[Any, ...]:
    return (claim.id, claim.article_id, claim.annotator, claim.created_at)


def _claim_from_row(row: tuple[Any, ...], length: int | None, annotators: frozenset[str]) -> Claim:
    id_, article_id, start, end, label, annotator, note, created_at, updated_at, decided_by = row
    rules.check_claim(
        start=start,
        end=end,
        length=length,
        label=label,
        annotator=annotator,
        note=note,
        created_at=created_at,
        updated_at=updated_at,
        decided_by=decided_by,
        annotators=annotators,
    )
    return Claim(
        id=id_,
        article_id=article_id,
        start=start,
        end=end,
        label=ClaimLabel(label),
        annotator=annotator,
        note=note,
        created_at=created_at,
        updated_at=updated_at,
        decided_by=decided_by,
    )


ENTITY_COLUMNS = ("article_id", "start", "end", "label", "status", "id", "model")
_ENTITY_SELECT = _select("entities", ENTITY_COLUMNS)


_TEXT_ORDER = attrgetter("start", "end", "id")


def _in_text_order(spans: list[Entity] | list[ClaimCandidate]) -> None:
    """Sort rows read `ORDER BY start` by (start, end, id), as `ORDER BY start, "end", id` did.

    The index on (article_id, start) gives them by start already; SQLite sorted the rest in a
    temporary B-tree, a third of the time of reading a 1 MB article's 16,000 entities, where
    Python's sort of a list nearly in order is one pass of comparisons. Sorted after the rows
    are checked, when every offset is an integer.
    """
    spans.sort(key=_TEXT_ORDER)


_ENTITY_STATUS_OF = {status.value: status for status in EntityStatus}
"""A look-up rather than `EntityStatus(value)`, an enum call per row, for values already checked."""


def _entity_from_row(row: tuple[Any, ...], length: int | None) -> tuple[int, Entity]:
    article_id, start, end, label, status, id_, model = row
    rules.check_entity(start=start, end=end, length=length, label=label, status=status, model=model)
    return article_id, Entity(
        start=start, end=end, label=label, status=EntityStatus(status), id=id_, model=model
    )


QUOTE_COLUMNS = (
    "start",
    "end",
    "kind",
    "speaker_start",
    "speaker_end",
    "speaker_name",
    "id",
    "model",
    "suggested_kind",
    "suggested_speaker",
)
_QUOTE_SELECT = _select("quotes", QUOTE_COLUMNS)
_DECISIONS_FINGERPRINT = (
    "article_id, count(*),"
    " total(id * (CASE status WHEN 'accepted' THEN 1 WHEN 'rejected' THEN 2 ELSE 3 END)),"
    ' total(id * unicode(label)), total(start), total("end")'
)
"""Selected from the decided entity rows grouped by article: each article's changes whenever
one of them is added, removed, or changes status, type or span. Every article's is read with
a scan of the table (NOT INDEXED), as `decided_mentions` reads every article's."""

_DECIDED_ARTICLES_READ_ALONE = 200
"""At most this many articles' decided mentions are read again by article; more, every one's."""


class _DecidedRows(NamedTuple):
    """`ProjectStore.entity_decisions` as last read, with what it was made from."""

    fingerprints: dict[Any, tuple[Any, ...]]
    """Article id (as the file holds it) -> `_DECISIONS_FINGERPRINTS` of its decided rows."""
    judged: dict[int, list[tuple[str, str, str]]]
    """Article id -> `judged_mentions` of its decided mentions."""
    decisions: EntityDecisions


def _not_among(row_ids: list[int]) -> str:
    """An SQL condition, to follow another with AND, that leaves out `row_ids` (bound after it)."""
    return f" AND id NOT IN ({', '.join('?' * len(row_ids))})" if row_ids else ""


def _is_outdated_suggestion(entity: Entity) -> bool:
    return entity.status == EntityStatus.SUGGESTED and entity.model == ENTITY_OUTDATED


def _without_shadowed_outdated(entities: list[Entity]) -> list[Entity]:
    """`entities` but the outdated suggestions (`ENTITY_OUTDATED`) on a span another entity
    holds: what an article shows and A and R act on.

    A suggestion kept for a redo that the new analysis reads as another type stood beside the
    new suggestion, first on their span, so A at the name accepted the stale type and the
    window drew both. Its row stays for the redo (`get_entity`, `_carry` read it); alone on
    its span it is still shown, the redo's only trace in the text. Exports leave out every
    outdated suggestion (`_ENTITY_EXPORTED`)."""
    # Most articles have no outdated row: one pass. Otherwise only the few outdated spans are
    # looked up (a set of every span took 24 ms on a 1 MB article's 16,000 entities).
    outdated = {
        (e.start, e.end) for e in entities if e.model == ENTITY_OUTDATED and _is_outdated_suggestion(e)
    }
    if not outdated:
        return entities
    starts = {start for start, _end in outdated}
    held = {
        (e.start, e.end)
        for e in entities
        if e.start in starts and (e.start, e.end) in outdated and not _is_outdated_suggestion(e)
    }
    if not held:
        return entities
    return [
        e
        for e in entities
        if e.model != ENTITY_OUTDATED or not ((e.start, e.end) in held and _is_outdated_suggestion(e))
    ]


NAMED_BY_A_PERSON = (EntityStatus.ACCEPTED.value, EntityStatus.ADDED.value)
"""Entity statuses that say what a span is, so no suggestion of another type goes there
(`save_analyses`; `_carry` keeps the same spans as its `standing`) or stays there
(`replace_entity`, `insert_entity`, `store.merge`: `OTHER_TYPES_SUGGESTED_AT`); a rejection says only what the
span is not."""

OTHER_TYPES_SUGGESTED_AT = (
    'article_id = ? AND start = ? AND "end" = ? AND label != ?'
    f" AND status = 'suggested' AND model != '{ENTITY_OUTDATED}'"
)
"""The suggestions of other types than the one a person named at a span (bound: article, start,
end, the person's type), which go, as `save_analyses` adds none there: a decision written by a
redo (`replace_entity`) or a merge (`store.merge`) stood beside them, two entities on one span. Rows
kept for a window's redo (`ENTITY_OUTDATED`) stay: reads leave them out beside the decision
(`_without_shadowed_outdated`), no export writes them, and the redo needs them.
Found through `entities_article` (article_id, start)."""

_ENTITY_EXPORTED = f"NOT (status = 'suggested' AND model = '{ENTITY_OUTDATED}')"
"""Entity suggestions no analysis finds now (`ENTITY_OUTDATED`) stay for the window's redo, but
no export or release writes them as pre-annotation."""

_QUOTE_SHOWN = f"model != '{QUOTE_REMOVED}'"
"""Quotations a person removed stay as rows (a new pre-annotation must not bring them back) but
are read by nothing that shows, counts or exports quotations."""


def _quote_from_row(row: tuple[Any, ...], length: int | None) -> Quote:
    start, end, kind, speaker_start, speaker_end, speaker_name, id_, model, *suggested = row
    rules.check_quote_row((None, *row[:6], model, *suggested), length)  # the table's layout
    return Quote(
        start=start,
        end=end,
        kind=QuoteKind(kind),
        speaker=Speaker(speaker_start, speaker_end, speaker_name) if speaker_start is not None else None,
        id=id_,
        model=model,
        suggested=_suggested_from(*suggested),
    )


def _label_check_from_row(row: tuple[Any, ...], length: int | None) -> None:
    start, end, annotator, label, confidence = row
    rules.check_label_check(
        start=start, end=end, length=length, annotator=annotator, label=label, confidence=confidence
    )


def _label_check_of_row(row: tuple[Any, ...], length: int | None) -> LabelCheck:
    _label_check_from_row(row, length)
    return LabelCheck(ClaimLabel(row[3]), float(row[4]))


def _with_check(claim: Claim, shown: Mapping[tuple[int, int, str], LabelCheck]) -> Claim:
    check = shown.get((claim.start, claim.end, claim.annotator))
    return replace(claim, suggested=check) if check is not None else claim


def _suggested_from(kind: str | None, speaker: str | None) -> QuoteSuggestion | None:
    if kind is None:
        return None
    return QuoteSuggestion(None if kind == rules.MISSED_QUOTE else QuoteKind(kind), speaker)


CANDIDATE_COLUMNS = ("start", "end", "score", "reasons", "id", "model")
_CANDIDATE_SELECT = _select("candidates", CANDIDATE_COLUMNS)


def _candidate_from_row(row: tuple[Any, ...], length: int | None) -> ClaimCandidate:
    start, end, score, reasons, id_, model = row
    parsed = rules.check_candidate(
        start=start, end=end, length=length, score=score, reasons=reasons, model=model
    )
    return ClaimCandidate(start=start, end=end, score=float(score), reasons=parsed, id=id_, model=model)


def _analysis_from_row(row: tuple[Any, ...], length: int | None) -> PipelineInfo:
    """An `analyses` row (pipeline name, version, date) of an article `length` long."""
    if length is None:
        raise InvalidValue("belongs to an article the project does not hold (or one without text)")
    rules.check_analysis(pipeline_name=row[0], pipeline_version=row[1], created_at=row[2])
    return PipelineInfo(row[0], row[1])


def _meta_json(meta: Mapping[str, Any], where: str) -> str:
    """Metadata as strict JSON (NaN and Infinity are not JSON, and no export could write them),
    within the depth and length the row checks read back."""
    try:
        return meta_json(dict(meta))
    except InvalidValue as exc:
        raise SpanError(f"{where}: {exc}") from None


def _credited_by_file(draft: ArticleDraft) -> bool:
    """Whether an import may credit the draft's line to the person its file is named after."""
    return bool(draft.file_person) and not draft.annotator


def _where(draft: ArticleDraft) -> str:
    """The file and line a draft came from (or its title), for a refusal's message."""
    where = draft.origin or f"article {draft.title!r}"
    return where if draft.line is None else f"{where}:{draft.line}"


IMPORTED_ANNOTATOR = "imported"
"""Who an imported claim is credited to when its file names no one."""


_STATUS_ORDER = (ArticleStatus.NEW, ArticleStatus.IN_PROGRESS, ArticleStatus.DONE)
"""An article's statuses as its work goes on: of two lines of one text, the further one counts."""


class _JoinedLines:
    """The lines of one text an import turns into one article: whose they are, and what they hold.

    Each line's claims are its person's; the entities and quotations are the text's, so one
    person's are not added again with the next person's.

    One is kept for every article an import adds, until its transaction ends: slotted, with its
    people a tuple and its spans' sets made only once a line has spans. With four empty sets and
    a dict each (1 KB), a 1,000,000-row CSV's import peaked 0.75 GB higher.
    """

    __slots__ = (
        "_conflicts", "_entities", "_entity_spans", "_labels", "_quote_spans", "article_id", "joined",
        "people", "status",
    )  # fmt: skip

    def __init__(
        self, article_id: int, entities: list[tuple[int, Entity]], conflicts: list[LabelConflict]
    ) -> None:
        self.article_id = article_id
        self.people: tuple[str, ...] = ()
        self.joined = False
        """Whether a second line joined the first (one line may name several people: not joined)."""
        self._entities = entities
        self._conflicts = conflicts
        self._entity_spans: set[tuple[int, int, str]] | None = None
        self._quote_spans: set[tuple[int, int]] | None = None
        self._labels: dict[tuple[int, int, str], tuple[ClaimLabel, str, str]] | None = None
        """(start, end, person): (label, note, the file and line that gave it)."""
        self.status = ArticleStatus.NEW
        """The furthest status a line of the text starts the article with (`ArticleDraft.started_status`)."""

    @classmethod
    def plain_one(
        cls, article_id: int, entities: list[tuple[int, Entity]], conflicts: list[LabelConflict]
    ) -> _JoinedLines:
        """The lines of a text that is `plain`, as they were before they were let go of."""
        lines = cls(article_id, entities, conflicts)
        lines.people = (IMPORTED_ANNOTATOR,)
        return lines

    def plain(self) -> bool:
        """Whether the text came in one line naming no one, with no span and no status: all a
        later line of it needs to know is its article (`plain_one` makes these lines again)."""
        return (
            self.people == (IMPORTED_ANNOTATOR,)
            and not self.joined
            and self.status is ArticleStatus.NEW
            and self._entity_spans is None
            and self._quote_spans is None
            and self._labels is None
        )

    def start(self, draft: ArticleDraft) -> None:
        """Take the status the draft's line starts the article with, if it is further on."""
        status = draft.started_status()
        if _STATUS_ORDER.index(status) > _STATUS_ORDER.index(self.status):
            self.status = status

    def join(self, draft: ArticleDraft) -> list[Claim]:
        """The draft's claims for the article (its spans checked by the caller); its entities added.

        A person's claim an earlier line of the text gave already is not added twice; another
        label for it is not taken, the earlier line's kept and the two said (`conflicts`), as an
        import on a later day keeps the project's (`_HeldArticle`): it refused the whole import,
        every other file with it.
        """
        self.joined = self.joined or bool(self.people)
        self.people += tuple(p for p in _named_people(draft) or (IMPORTED_ANNOTATOR,) if p not in self.people)
        claims = self.more(draft)
        if draft.entities:
            spans = self._entity_spans = self._entity_spans or set()
            entities = [e for e in draft.entities if (e.start, e.end, e.label) not in spans]
            spans.update((e.start, e.end, e.label) for e in entities)
            self._entities += [(self.article_id, entity) for entity in entities]
        return claims

    def more(self, draft: ArticleDraft) -> list[Claim]:
        """The draft's claims no earlier line of the text gave their person (spans checked by the
        caller); those labelled otherwise there are said (`conflicts`), the earlier label kept.

        Of a line naming only people earlier lines named (or no one, as they did), this is all
        it brings: its further spans were dropped with it as a "repeated" duplicate, unsaid.
        """
        claims = [
            _imported_claim(self.article_id, claim, claim.annotator or IMPORTED_ANNOTATOR)
            for claim in self._new_claims(draft)
        ]
        # After the loop: a line's own spans are the reader's to check against each other.
        if claims:
            labels = self._labels = self._labels or {}
            at = _line_of(draft)
            labels.update({(c.start, c.end, c.annotator): (c.label, c.note, at) for c in claims})
        return claims

    def _new_claims(self, draft: ArticleDraft) -> list[ClaimDraft]:
        """The draft's claims no earlier line gave its person; those given another label are
        recorded in `conflicts` and left out."""
        labels = self._labels or {}
        new: list[ClaimDraft] = []
        for claim in draft.claims:
            annotator = claim.annotator or IMPORTED_ANNOTATOR
            earlier = labels.get((claim.start, claim.end, annotator))
            if earlier is None:
                new.append(claim)
            elif earlier[:2] != (claim.label, claim.note):
                from annotator.core.reports import LabelConflict

                self._conflicts.append(
                    LabelConflict(
                        person=claim.annotator,
                        start=claim.start,
                        end=claim.end,
                        kept=_label_words(earlier[0], earlier[1], claim.label, claim.note),
                        kept_at=earlier[2],
                        given=_label_words(claim.label, claim.note, earlier[0], earlier[1]),
                        given_at=_line_of(draft),
                    )
                )
        return new

    def new_quotes(self, draft: ArticleDraft) -> list[Quote]:
        """The draft's quotations but those an earlier line of the text gave."""
        if not draft.quotes:
            return []
        spans = self._quote_spans = self._quote_spans or set()
        quotes = [q for q in draft.quotes if (q.start, q.end) not in spans]
        spans.update((q.start, q.end) for q in quotes)
        return quotes


def _count_unnamed(unnamed: dict[str, tuple[str, int]], draft: ArticleDraft, taken: Iterable[Claim]) -> None:
    """Count the claims of the draft's file stored as "imported"'s, its file naming no person,
    with the person its file's name may be (`ArticleDraft.file_person`)."""
    count = sum(1 for claim in taken if claim.annotator == IMPORTED_ANNOTATOR)
    if count:
        person, before = unnamed.get(draft.origin, (draft.file_person, 0))
        unnamed[draft.origin] = (person, before + count)


def _line_of(draft: ArticleDraft) -> str:
    """Where a draft came from, in words: "a.jsonl line 3" (or its title)."""
    where = draft.origin or f"article {draft.title!r}"
    return where if draft.line is None else f"{where} line {draft.line}"


def _label_words(label: ClaimLabel, note: str, other: ClaimLabel, other_note: str) -> str:
    """A label as a conflict names it: its value, and "another note" where only the notes differ."""
    return label.value if label is not other or note == other_note else f"{label.value}, another note"


def _named_people(draft: ArticleDraft) -> tuple[str, ...]:
    """Whose labels a line brings: the person it names, and each its spans' annotators name.

    Not only the line's person: two people's exports of our own (each span naming its annotator,
    the line no one) joined an article when imported on two days (`_HeldArticle`), but in one
    import the second person's line was a "duplicate skipped" and their labels were lost.
    """
    named = [draft.annotator] if draft.annotator else []
    named += [c.annotator for c in draft.claims if c.annotator]
    return tuple(dict.fromkeys(named))


def _imported_claim(article_id: int, claim: ClaimDraft, annotator: str) -> Claim:
    """An import's claim as the article stores it, its person's."""
    return Claim(
        article_id=article_id,
        start=claim.start,
        end=claim.end,
        label=claim.label,
        annotator=annotator,
        note=claim.note,
    )


def _label_set(claims: Iterable[ClaimDraft | Claim]) -> frozenset[tuple[int, int, ClaimLabel, str]]:
    """One person's labels of an article as a set to compare: span, label and note."""
    return frozenset((c.start, c.end, ClaimLabel(c.label), c.note) for c in claims)


class _HeldArticle:
    """An article the project held before an import, and what the import's lines give it.

    A line of its text brings each person's labels: a person who has none on it yet gets theirs
    added (a second annotator's file imported on another day); a person who has some keeps them,
    the line's skipped, and said when they are not the same (changed since), never written over.
    Labels naming no one are never added: whose they are is not known. Entities and quotations
    stay as the project has them.
    """

    __slots__ = ("article_id", "differing", "labels", "people_added", "status", "text", "title")

    def __init__(self, article: Article, claims: Iterable[Claim]) -> None:
        self.article_id = article.id
        self.text = article.text
        self.title = article.title
        self.status = article.status
        by_person: dict[str, list[Claim]] = {}
        for claim in claims:
            by_person.setdefault(claim.annotator, []).append(claim)
        self.labels = {person: _label_set(held) for person, held in by_person.items()}
        self.people_added: list[str] = []
        self.differing: list[str] = []

    def take(self, draft: ArticleDraft) -> list[Claim]:
        """The draft's claims of people the article holds no labels of (spans checked by the caller)."""
        by_person: dict[str, list[ClaimDraft]] = {}
        for claim in draft.claims:
            by_person.setdefault(claim.annotator, []).append(claim)
        taken: list[Claim] = []
        for person, claims in by_person.items():
            given = _label_set(claims)
            if person and person not in self.labels:
                self.labels[person] = given
                self.people_added.append(person)
                taken += [_imported_claim(self.article_id, c, person) for c in claims]
            elif given != self.labels.get(person or IMPORTED_ANNOTATOR) and person not in self.differing:
                self.differing.append(person)
        return taken


def _storable(where: str, **values: str) -> None:
    """Refuse to write text the row rules would refuse to read back (a NUL, an unpaired surrogate,
    more characters than `store.rows` allows).

    The length was not checked: a note pasted from a whole document, or an annotator name from a
    hand-edited settings file, over 100,000 characters was saved, and the project then refused to
    open ("annotator never writes such a row").
    """
    for what, value in values.items():
        problem = storable_problem(value, MAX_TEXT_CHARS if what == "text" else MAX_FIELD_CHARS)
        if problem is not None:
            raise SpanError(f"{where}: the {what} {problem}")


def _check_span_of(where: str, text: str, start: int, end: int) -> None:
    """`check_span`, with a message that names the article or file the span belongs to."""
    try:
        check_span(text, start, end)
    except SpanError as exc:
        raise SpanError(f"{where}: {exc}") from None


_HASH_CHUNK = 500
"""Content hashes asked about per query: under SQLite's oldest limit of 999 parameters."""

_FLUSH_ARTICLES = 5_000
_FLUSH_SPANS = 50_000
"""An import writes its rows once it holds this many articles, or claims and entities, all in its
one transaction: few enough to hold, many enough that each `executemany` is worth its call."""

_INSERT_QUOTE = (
    'INSERT INTO quotes(article_id, start, "end", kind, speaker_start, speaker_end, speaker_name, model,'
    " suggested_kind, suggested_speaker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _span_overlaps(spans: Iterable[tuple[Any, Any]]) -> Callable[[int, int], bool]:
    """Whether a span overlaps any of `spans` (read from a file: those not of two whole
    numbers are left out), in O(log n): the spans sorted by start, with the furthest end
    reached so far; some span starting before `end` reaches past `start` exactly when one
    overlaps (`save_analyses`, where a long article holds thousands of quotations)."""
    ordered = sorted((s, e) for s, e in spans if type(s) is int and type(e) is int and s < e)
    starts = [s for s, _e in ordered]
    reach = list(itertools.accumulate((e for _s, e in ordered), max))

    def overlaps(start: int, end: int) -> bool:
        if start >= end:
            return False
        before = bisect.bisect_left(starts, end)
        return before > 0 and reach[before - 1] > start

    return overlaps


def _quote_row(article_id: int, quote: Quote, model: str) -> tuple[Any, ...]:
    """A quotation as the quotes table lays it out (`rules.check_quote_row`), from article_id on."""
    speaker = quote.speaker
    suggested = quote.suggested
    if suggested is None:
        suggested_kind = None
    else:
        suggested_kind = rules.MISSED_QUOTE if suggested.kind is None else QuoteKind(suggested.kind).value
    return (
        article_id,
        quote.start,
        quote.end,
        QuoteKind(quote.kind).value,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
        speaker.name if speaker else None,
        model,
        suggested_kind,
        suggested.speaker if suggested is not None else None,
    )


class _Lockstep:
    """Rows ordered by article id (column `key`), handed out one article at a time, in step
    with an ordered walk over the articles; rows of skipped articles are passed over.

    So are rows whose article id is text or bytes, which a crafted file can hold (an INTEGER
    column keeps what it cannot convert) and which belong to no article: SQLite orders them
    after every number, and comparing one with an article's id raised `TypeError`.
    """

    def __init__(self, rows: Iterable[tuple[Any, ...]], key: int = 0) -> None:
        self._groups = groupby(rows, key=itemgetter(key))
        self._next = next(self._groups, None)

    def take(self, article_id: int) -> list[tuple[Any, ...]]:
        while self._next is not None and (
            not isinstance(self._next[0], int | float) or self._next[0] < article_id
        ):
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != article_id:
            return []
        rows = list(self._next[1])
        self._next = next(self._groups, None)
        return rows


def _analysis_to_json(analysis: Analysis) -> str:
    return json.dumps(
        {
            "entities": [[e.start, e.end, e.label] for e in analysis.entities],
            "quotes": [
                [q.start, q.end, QuoteKind(q.kind).value, [q.speaker.start, q.speaker.end, q.speaker.name]]
                if q.speaker
                else [q.start, q.end, QuoteKind(q.kind).value, None]
                for q in analysis.quotes
            ],
            "candidates": [[c.start, c.end, c.score, list(c.reasons)] for c in analysis.candidates],
            "sentences": [list(s) for s in analysis.sentences],
        },
        ensure_ascii=False,
        allow_nan=False,
    )


def _gold_from_row(row: tuple[Any, ...], length: int | None) -> None:
    """A `gold_no_claim` row (article id, start, end, reviewer, date) of an article `length` long."""
    rules.check_gold_no_claim(start=row[1], end=row[2], length=length, decided_by=row[3], decided_at=row[4])


def _entities_from_data(data: Mapping[str, Any]) -> tuple[Entity, ...]:
    """A cached analysis's entities, from its payload checked by `rules.check_cached_analysis`
    (each [start, end, label]); made without keywords, a fourth faster: a 1 MB article's
    16,000 are made at each opening that carries the team's decisions."""
    return tuple(itertools.starmap(Entity, data["entities"]))


def _analysis_from_data(data: Mapping[str, Any], pipeline: PipelineInfo) -> Analysis:
    """A cached analysis from its payload, parsed and checked by `rules.check_cached_analysis`."""
    return Analysis(
        pipeline=pipeline,
        entities=_entities_from_data(data),
        quotes=tuple(
            Quote(start=s, end=e, kind=QuoteKind(kind), speaker=Speaker(*speaker) if speaker else None)
            for s, e, kind, speaker in data["quotes"]
        ),
        candidates=tuple(
            ClaimCandidate(start=s, end=e, score=score, reasons=tuple(reasons))
            for s, e, score, reasons in data["candidates"]
        ),
        sentences=tuple((s, e) for s, e in data.get("sentences", [])),
    )
