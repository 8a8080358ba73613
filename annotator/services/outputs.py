"""Where the app may write a file the user named (export, release, HTML report, import report), and how.

An output path may be wrong: the project itself typed by mistake, its `-wal`, a hard
link or symlink to another project, `/dev/stdout`, a FIFO. Every output goes through
`check_output` first, and is written by `atomic_write`: to a temporary file beside
it, renamed into place, so a crash or a full disk never leaves half a file under the
name asked for. A killed writer's temporary file is removed by the next write to the
same folder.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import (
    NOT_A_FOLDER,
    DiskFullError,
    ExportError,
    ReadOnlyError,
    UserError,
    folder_that_is_a_file,
)
from annotator.services.paths import NAME_MAX, fitting_name
from annotator.store.held_files import held_here

log = logging.getLogger(__name__)

PROJECT_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
"""Files beside a project that belong to it; none of them is ever an output.

`-journal` too, though a project in WAL mode writes none: SQLite looks for it at every
opening, and a folder or a file of ours under that name made every command on the
project fail with "disk I/O error"."""
_SQLITE_MAGIC = b"SQLite format 3\x00"
_COMPANIONS = ("", *PROJECT_COMPANION_SUFFIXES)


def _read_umask() -> int:
    # mkstemp makes files private (0600); outputs should get the permissions any new file gets.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _read_umask()
_UMASK = UMASK


class OutputPathError(UserError):
    """An output path that would destroy something or cannot hold a file."""


def check_output(
    path: Path,
    *,
    project: Path | None = None,
    force: bool = False,
    if_exists: str = "choose another name or pass --force to overwrite it",
) -> Path:
    """Refuse an output that is a project (or one of its files), is not a regular file, or
    exists (without `force`, saying `if_exists`: the command line's option by default; a caller
    the window uses, where there is no option, says what to do there); return the real path to
    write.

    A symlink is followed to the file it names, so the rename replaces that file and the
    link stays; a path into `/dev`, `/proc` or `/sys` (`/dev/stdout`, a terminal) is refused
    whatever it leads to, because renaming over it would replace a system file. A symlink
    that leads to no file is refused, `force` or not (`_refuse_dangling_link`).
    """
    found = project_file_at(path, project)
    if found is not None:
        raise OutputPathError(
            f"{path} {_what(found, project)}; writing there would destroy the project: choose another name"
        )
    _refuse_dangling_link(path)
    real = Path(os.path.realpath(path))
    if any(_is_system(hop) for hop in (*_link_hops(path), real)):
        raise OutputPathError(f"{path} is not a regular file (a device or a system file); give a file name")
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return real
    except OSError as exc:
        raise OutputPathError(_unusable(path, exc, "cannot be used as an output")) from exc
    if stat.S_ISDIR(info.st_mode):
        raise OutputPathError(f"{path} is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise OutputPathError(
            f"{path} is not a regular file (a device, a pipe or a terminal); give the name of a new file"
        )
    if _is_sqlite(real):
        raise OutputPathError(f"{path} is an annotator project (an SQLite file); it is never overwritten")
    if not force:
        raise ExportError(f"{path} already exists; {if_exists}")
    return real


def dangling_link_on(path: Path) -> tuple[Path, str] | None:
    """(link, what it names) for the first symlink on `path`, itself or one of its folders, that
    leads to no file; None when there is none (a loop is not one: the stat says ELOOP in words)."""
    for hop in (*reversed(path.parents), path):  # as given, so a message names it so
        if not os.path.islink(hop):
            continue
        try:
            os.stat(hop)
        except FileNotFoundError:
            try:
                return hop, os.readlink(hop)
            except OSError:
                return hop, "?"
        except OSError:
            return None
    return None


def _refuse_dangling_link(path: Path) -> None:
    """Refuse an output through a symlink whose target is not there.

    Followed, the output was made where the link pointed, with any folders missing on the way
    (a share not mounted: its mount point filled with folders), and said written there or, by
    `stats --html`, under the name typed; replacing the link instead would undo a link someone
    made on purpose. Neither is what the name typed says, so the person decides: the message
    names the link and its target.
    """
    found = dangling_link_on(path)
    if found is None:
        return
    link, target = found
    if link == path:
        raise OutputPathError(
            f"{path} is a symbolic link to {target}, which does not exist; nothing was written: "
            "remove the link, or choose another name"
        )
    raise OutputPathError(
        f"{path}: its folder {link} is a symbolic link to {target}, which does not exist; nothing "
        "was written: fix the link, or choose another folder"
    )


def _unusable(path: Path, exc: OSError, what: str) -> str:
    """Why `path` cannot be an output: the file standing where a folder of it should be, if any."""
    blocker = folder_that_is_a_file(path)
    if blocker is not None:
        return f"{blocker}: {NOT_A_FOLDER} for {path.name}"
    if exc.errno == errno.ENAMETOOLONG:
        # "(File name too long)" left the person to guess by how much, and of which name: a
        # spaCy export's prefix is refused for the longest file named after it.
        for part in reversed(path.parts):
            size = len(os.fsencode(part))
            if size > NAME_MAX:
                named = "the name" if part == path.name else f"the folder name {part[:20]}…"
                return (
                    f"{path}: {named} is {size} bytes long, more than the {NAME_MAX} a name may "
                    "have on this disk; choose a shorter name"
                )
        return f"{path}: the path is too long for this system; choose a shorter name or folder"
    return f"{path}: {what} ({exc.strerror or exc})"


_SYSTEM = tuple(Path(p) for p in ("/dev", "/proc", "/sys")) if os.name == "posix" else ()


def _link_hops(path: Path) -> list[Path]:
    """The path and every path its chain of symlinks passes through (`out` -> `/dev/stdout` -> ...)."""
    hops = [Path(os.path.abspath(path))]
    for _ in range(40):
        try:
            target = os.readlink(hops[-1])
        except OSError:
            break
        hops.append(Path(os.path.abspath(os.path.join(hops[-1].parent, target))))
    return hops


def _is_system(path: Path) -> bool:
    return any(path == root or root in path.parents for root in _SYSTEM)


def project_file_at(path: Path, project: Path | None) -> tuple[Path, str] | None:
    """(project, suffix) when writing `path` would replace a project file or one of its companions.

    SQLite names the companions after the name it opened the file by: a project reached through
    a symlink has them beside the file the link names, and one with hard links beside whichever
    name a process opened. Those names cannot all be listed, so the test goes the other way: an
    output called NAME-wal, NAME-shm, NAME-journal or NAME.lock (as given, or where its links
    lead) is refused when NAME is the project, by any of its names, or another project file.
    """
    if project is not None:
        for base in dict.fromkeys((project, Path(os.path.realpath(project)))):
            for suffix in _COMPANIONS:
                if same_file(path, base.with_name(base.name + suffix)):
                    return base, suffix
    for name in dict.fromkeys((Path(os.path.abspath(path)), Path(os.path.realpath(path)))):
        for suffix in PROJECT_COMPANION_SUFFIXES:
            if len(name.name) > len(suffix) and name.name.endswith(suffix):
                base = name.with_name(name.name[: -len(suffix)])
                if (project is not None and same_file(base, project)) or _is_sqlite(base):
                    return base, suffix
    return None


def _what(found: tuple[Path, str], project: Path | None) -> str:
    base, suffix = found
    if project is not None and same_file(base, project):
        return "is the project file" if not suffix else f"is the project's {suffix} file"
    return f"is the {suffix} file of the project {base}"


def same_file(path: Path, other: Path) -> bool:
    """Same file, through symlinks and hard links; for paths not there yet, the same place."""
    try:
        return os.path.samefile(path, other)
    except OSError:
        pass
    try:
        return path.resolve() == other.resolve()
    except (OSError, RuntimeError):
        return False


def _is_sqlite(path: Path) -> bool:
    if held_here(path):
        return True  # a project open in this process: opening it raw would drop its locks
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        # Only a regular file is read: `/dev/tty-wal` must not read what someone types.
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False
    finally:
        os.close(fd)


# -- release folders ----------------------------------------------------------------------------


def check_output_path(path: Path, *, project_path: Path | None = None) -> None:
    """Refuse an output that is the project, a companion of it, another project file or a device."""
    # Not `Path.resolve()`: on a symlink loop it raises RuntimeError, and `release OUT` or
    # `export --format spacy -o OUT` with OUT a loop said "internal error". The stat below
    # says ELOOP in words instead.
    resolved = Path(os.path.realpath(path))
    if any(_is_system(hop) for hop in (*_link_hops(path), resolved)):
        raise UserError(f"{path} is a device or special file, not a place to write; choose a file or folder")
    found = project_file_at(path, project_path)
    if found is not None:
        if project_path is not None and same_file(found[0], project_path):
            raise UserError(f"{path} is the open project or one of its files; choose another output")
        raise UserError(f"{path} {_what(found, project_path)}; choose another output")
    _refuse_dangling_link(path)
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserError(_unusable(path, exc, "cannot check this output")) from exc
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        raise UserError(f"{path} is a device or special file, not a place to write; choose a file or folder")
    if stat.S_ISREG(info.st_mode) and info.st_size:
        if held_here(resolved):  # read it raw and its open connection here would lose its locks
            raise UserError(f"{path} is a project (SQLite) file; it will not be overwritten")
        try:
            with open(resolved, "rb") as handle:
                header = handle.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            raise UserError(f"{path}: cannot check this output ({exc.strerror or exc})") from exc
        if header == _SQLITE_MAGIC:
            raise UserError(f"{path} is a project (SQLite) file; it will not be overwritten")


# -- writing ----------------------------------------------------------------------------------------

_PART = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.(?P<kind>part(?:-wal|-shm|-journal|\.lock)?|old)$")
"""A temporary file of ours, or the SQLite journal or the lock file beside one (a project copy's
scratch file, which a restore opens as a project), or an earlier release moved aside while a new
one takes its name (`.old`, a folder)."""


def atomic_write(
    path: Path,
    chunks: Iterable[str | bytes],
    *,
    make_folder: bool = True,
    what: str = "file",
    refused: Callable[[Path, OSError], Exception] | None = None,
) -> None:
    """Write to a temp file beside `path`, fsync, then rename over it; remove the temp on any failure.

    The temp file's name carries our process id, so a later write to the same folder
    can tell a dead writer's leftover from a live one's and remove only the former.
    A refusal of the disk is `write_error`'s, or `refused`'s for a caller that has more to say
    (what became of the rest of its work, what to do instead).
    """
    atomic_write_all([(path, chunks)], make_folder=make_folder, what=what, refused=refused)


def atomic_write_all(
    files: Sequence[tuple[Path, Iterable[str | bytes]]],
    *,
    make_folder: bool = True,
    what: str = "file",
    refused: Callable[[Path, OSError], Exception] | None = None,
) -> None:
    """`atomic_write` for outputs that belong together (spaCy's four DocBins): every file is
    written to its temp file and synced before the first is renamed into place.

    Written and renamed one by one, a disk that filled at the third file left the new train and
    dev files beside an earlier export's others, a set no export made; a crash now has only the
    renames' instant to fall in, where it had the whole writing.
    """
    if refused is None:
        refused = functools.partial(write_error, what=what)
    pending: list[tuple[Path, Path]] = []  # (temp file, its output) not renamed yet
    try:
        for path, chunks in files:
            pending.append((_written_part(path, chunks, make_folder=make_folder, refused=refused), path))
        while pending:
            tmp, path = pending[0]
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise refused(path, exc) from exc
            pending.pop(0)
    finally:
        for tmp, _path in pending:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


def _written_part(
    path: Path,
    chunks: Iterable[str | bytes],
    *,
    make_folder: bool,
    refused: Callable[[Path, OSError], Exception],
) -> Path:
    """`chunks` written and synced to a new temp file beside `path` (see `atomic_write`)."""
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(path.parent)
        fd, tmp_name = tempfile.mkstemp(prefix=part_prefix(path.name), suffix=".part", dir=path.parent)
    except OSError as exc:
        raise refused(path, exc) from exc
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise refused(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


_PART_TAIL = len("XXXXXXXX.part")
"""What follows `part_prefix` in a temporary name: mkstemp's 8 letters and the ending."""
_STAMP_DIGITS = 19
MOVED_ASIDE_TAIL = len("XXXXXXXX-") + _STAMP_DIGITS + len(".old")
"""What follows the prefix in a moved-aside release's name: its replacement's letters, a stamp."""


def part_prefix(name: str, pid: int | None = None, *, tail: int = _PART_TAIL) -> str:
    """The start of a temporary file's name for the output `name`: `.name.pid.`, `name` shortened
    so the whole, with `tail` bytes after it (mkstemp's 8 letters and ".part"), fits in a file name.

    A name of 233 bytes or more, which the file system took, could not be written: its temporary
    file's name was too long. `pid` (default: this process) tells another process's names.
    """
    marker = f".{os.getpid() if pid is None else pid}."
    return "." + fitting_name(name, marker, room=NAME_MAX - 1 - tail)


def moved_aside_name(output_name: str, part_name: str, stamp: int) -> str:
    """The name an earlier release is moved aside under while the folder `part_name` takes its
    place: `.NAME.PID.XXXX-STAMP.old`.

    XXXX, the part's own letters, pairs the two, and STAMP (nanoseconds, 19 digits) orders
    the swaps: a container starts the app with the same process id each time, so the id
    alone paired a killed swap's earlier release with another run's new one, and two folders
    moved aside one after the other share a change time on a file system's coarse clock.
    """
    letters = part_name.removesuffix(".part").rpartition(".")[2]
    return f"{part_prefix(output_name, tail=MOVED_ASIDE_TAIL)}{letters}-{stamp:0{_STAMP_DIGITS}d}.old"


@dataclass(frozen=True)
class LeftFolder:
    """A folder a process left beside an output under one of its temporary names."""

    path: Path
    pid: int
    kind: str
    """"part" (written, not yet renamed into place) or "old" (an earlier release moved aside)."""
    replaced_by: Path | None = None
    """For an "old" named by `moved_aside_name`: the part that was to take its place."""
    stamp: int | None = None
    """For an "old" named by `moved_aside_name`: when it was moved aside."""


_LEFT_FOLDER_TAIL = re.compile(r"^[^.]+\.(?P<kind>part|old)$")
_MOVED_ASIDE_TAIL = re.compile(rf"^(?P<letters>[^.-]+)-(?P<stamp>\d{{{_STAMP_DIGITS}}})\.old$")


def _moved_aside(name: str, output: Path, pid: int) -> LeftFolder | None:
    prefix = part_prefix(output.name, pid, tail=MOVED_ASIDE_TAIL)
    match = _MOVED_ASIDE_TAIL.match(name[len(prefix) :]) if name.startswith(prefix) else None
    if match is None:
        return None
    part = output.parent / f"{part_prefix(output.name, pid)}{match['letters']}.part"
    return LeftFolder(output.parent / name, pid, "old", replaced_by=part, stamp=int(match["stamp"]))


def dead_folders_beside(output: Path, *, live_too: bool = False) -> list[LeftFolder]:
    """The `.NAME.PID.XXXX.part` and `.NAME.PID.XXXX.old` folders beside `output` (NAME its name)
    whose process is gone: what a release killed while it replaced `output` leaves.

    Only real folders count, never a symlink, and only names made for this very output: the
    name must start with what `part_prefix` makes of it for that process id. `live_too` adds
    a live process's (this one's too), to stamp a new swap after every earlier one.
    """
    try:
        with os.scandir(output.parent) as listing:
            entries = list(listing)
    except OSError:
        return []
    found: list[LeftFolder] = []
    for entry in entries:
        match = _PART.match(entry.name)
        if match is None or match["kind"] not in ("part", "old"):
            continue
        pid = int(match["pid"])
        left = _moved_aside(entry.name, output, pid) if match["kind"] == "old" else None
        if left is None:
            prefix = part_prefix(output.name, pid)
            tail = entry.name[len(prefix) :]
            if not entry.name.startswith(prefix) or _LEFT_FOLDER_TAIL.match(tail) is None:
                continue
            left = LeftFolder(Path(entry.path), pid, match["kind"])
        try:
            if not entry.is_dir(follow_symlinks=False) or (_alive(pid) and not live_too):
                continue
        except OSError:
            continue
        found.append(left)
    return sorted(found, key=lambda left: left.path.name)


def remove_stale_parts(folder: Path, *, folders: bool = False) -> list[Path]:
    """Remove temp files of our naming whose writer process is gone (a killed export); with
    `folders`, temporary folders too (a killed release's, and the earlier release it had moved
    aside to take its name)."""
    removed: list[Path] = []
    try:
        # Closed when the listing fails half-way too (a folder removed while it is read): left
        # to the garbage collector, the open directory became a warning in another test.
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return removed
    for entry in entries:
        match = _PART.match(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            if match["kind"] == "old" and not entry.is_dir(follow_symlinks=False):
                continue  # only a release's folder is moved aside under that name
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
            elif folders and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                continue
            removed.append(Path(entry.path))
            log.info("removed %s, left by an interrupted write", entry.path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":
        return True  # on Windows, os.kill(pid, 0) would send Ctrl+C: never probe there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or we cannot tell: leave its file alone
    return True


@dataclass(frozen=True)
class WriteAdvice:
    """What to do when the disk refuses an output, by the kind of refusal (`write_error`)."""

    disk_full: str = "free some space and try again"
    read_only: str = "choose another folder"
    other: str = "pick another place"


def write_error(
    path: Path, exc: OSError, what: str = "file", *, outcome: str = "", advice: WriteAdvice = WriteAdvice()
) -> Exception:
    """The refusal to write `path`, of its kind: a full disk and a folder that refuses writes are
    the machine's (`DiskFullError`, `ReadOnlyError`), anything else the output's.

    `outcome` is what became of the rest of the work (", so OUTCOME" follows the cause), and
    `advice` one thing to do per kind: a caller with its own advice gives it here, in the one
    sentence, rather than after this advice (it said "choose another folder; choose another
    place with --report").
    """
    reason = exc.strerror or str(exc)
    then = f", so {outcome}" if outcome else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(f"{path}: no space left on the disk ({reason}){then}; {advice.disk_full}")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyError(f"{path}: cannot write here ({reason}){then}; {advice.read_only}")
    return ExportError(f"{path}: cannot write the {what} ({reason}){then}; {advice.other}")
