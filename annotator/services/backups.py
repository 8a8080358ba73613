"""Daily copies of each project in the app's data folder, and copies made from them.

A project is one SQLite file on a laptop: a disk error, a sync tool that wrote half a file or a
deleted folder loses everything since the last copy the person made, and the error messages
say "restore it from a backup". So the window keeps `BACKUPS_KEPT` copies of each project it
opens, taken at most once every `BACKUP_EVERY`, under `data_dir()/backups`, away from the
project's own folder (which may be a synced one). A copy is restored by making a new project
file from it (`restore_copy`): a backup never replaces a file.

A merge is the one change a person cannot take back by hand (another team's file, last week's
copy merged by mistake): a copy of the team file is taken just before it (`back_up_before_merge`),
noted as such beside it, and kept apart from the daily copies.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from annotator.core.errors import DiskFullError, NotAProjectError, UserError
from annotator.services import paths
from annotator.services.outputs import check_output, remove_stale_parts, write_error
from annotator.services.project import open_project
from annotator.store import check_project_file, stray_wal
from annotator.store.backup import copy_database, copy_is_whole, project_identity

log = logging.getLogger(__name__)

BACKUPS_KEPT = 3
BACKUP_EVERY = timedelta(hours=20)  # once a working day, whenever the window is opened
_TAKEN = "%Y-%m-%d_%H%M%S"
# Copies are named in UTC, with a Z: named in the local time of the day, a copy made before a
# flight west looked hours "in the future" on landing, so another was made at once and the
# newest was removed first. Names without the Z, an earlier version's, are in local time.
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}_\d{6})(Z?)\.annotator\.db$")
_RECORD = "project.json"  # which project a folder's copies are of
_MAX_RECORD_BYTES = 8192
_NOTE = ".before-merge.json"
"""Beside a copy taken before a merge, in place of its `.annotator.db`: which files were merged."""
_NAMES_NOTED = 10  # the first few file names of a merge of many, and how many there were


@dataclass(frozen=True)
class BeforeMerge:
    """What a copy taken just before a merge says of it, for a person to tell it from the others."""

    names: tuple[str, ...]
    """The names of the files merged (the first `_NAMES_NOTED`)."""
    files: int
    """How many files were merged."""


@dataclass(frozen=True)
class Backup:
    project: Path
    """The project the copy was taken of, where it was then."""
    path: Path
    taken: datetime
    """When, in this computer's time now (naive), for people to read."""
    size: int
    utc: datetime | None = None
    """When, in UTC (aware), as the copy's name says; None for a copy not read from a name."""
    before_merge: BeforeMerge | None = None
    """For a copy taken just before a merge (`back_up_before_merge`): what was merged."""

    @property
    def instant(self) -> datetime:
        """When, in UTC: the order of copies, which a change of time zone must not change."""
        return self.utc or self.taken.astimezone(UTC)


def backups_root() -> Path:
    return paths.data_dir() / "backups"


def folder_for(project: Path) -> Path:
    """The folder of one project's copies: its name, for people, and a hash of its full path."""
    resolved = _real(project)
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    stem = re.sub(r"[^\w.-]", "_", resolved.name.split(".")[0])[:40] or "project"
    return backups_root() / f"{stem}-{digest}"


def backups_of(project: Path) -> list[Backup]:
    """This project's copies, newest first."""
    return _copies_in(folder_for(project), _real(project))


def copies_of(project: Path) -> list[Backup]:
    """The copies of the project now at `project`, newest first: not those of an earlier project
    made at that path (`earlier_projects`), nor ones that cannot be read.

    A copy of the lost project counted as the new one's: the new project had no copy of its
    own until the next day, while the window named the lost one's as its newest.
    """
    copies = backups_of(project)
    if not copies:
        return []
    identity = project_identity(_real(project), live=True)
    if identity is None:  # the project cannot be read now: its path is all there is to go by
        return copies
    return [copy for copy in copies if project_identity(copy.path) == identity]


def _real(project: Path) -> Path:
    """`project` with its links followed as far as they go: `Path.resolve` raises RuntimeError
    on a link that loops, and a project file replaced by one stopped every start (the backups
    of a gone project are named) and made a refused open "Something went wrong"."""
    return Path(os.path.realpath(project))


def all_backups() -> list[Backup]:
    """Every copy kept, of every project, newest first (the list a person restores from).

    The folders are the app's own, but a file there may have been put by anyone: only names of
    the form the app writes are listed, and a folder's record must name an absolute path.
    """
    root = backups_root()
    if not root.is_dir():
        return []
    found: list[Backup] = []
    for folder in root.iterdir():
        project = _recorded_project(folder)
        if project is not None:
            found.extend(_copies_in(folder, project))
    return sorted(found, key=lambda backup: backup.instant, reverse=True)


def earlier_projects(copies: list[Backup]) -> dict[Path, datetime | None]:
    """Among `copies` (newest first), those of a project other than the one copied last at
    the same path, each with when its project was created (None if it does not say).

    A project lost and made anew at its path has its copies listed under the same name as the
    new one's: a person looking for the lost work could not tell which copies hold it.
    """
    latest: dict[Path, str] = {}
    earlier: dict[Path, datetime | None] = {}
    for copy in copies:
        identity = project_identity(copy.path)
        if identity is None:
            continue
        newest = latest.setdefault(copy.path.parent, identity)
        if identity != newest:
            earlier[copy.path] = _created(identity)
    return earlier


def unreadable(copies: list[Backup]) -> set[Path]:
    """The paths of those `copies` that cannot be read as a project here (an empty or cut file,
    one of a newer version): listed among the good ones, and newest, such a file was the copy
    the list chose first after a crash, and restoring it only said it is damaged."""
    return {copy.path for copy in copies if project_identity(copy.path) is None}


def _created(identity: str) -> datetime | None:
    """The local time a project was created, from its `created_at` (UTC, ending in Z)."""
    try:
        created = datetime.fromisoformat(identity.replace("Z", "+00:00"))
    except ValueError:
        return None
    return created.astimezone().replace(tzinfo=None) if created.tzinfo is not None else created


def back_up_if_due(project: Path, *, now: datetime | None = None) -> Backup | None:
    """Copy `project` if its newest copy is older than `BACKUP_EVERY`; keep the newest few.

    The copy is written to a temporary name and renamed, so a crash leaves no half copy under
    a backup's name. Returns the new copy, or None when one was recent enough.
    """
    now_utc = (now or datetime.now()).astimezone(UTC)  # a naive `now` is this computer's time
    resolved = project.resolve()
    past = [backup for backup in copies_of(resolved) if backup.instant <= now_utc]
    # A recent copy damaged on the disk since it was made protects nothing: a new one is made.
    if past and now_utc - past[0].instant < BACKUP_EVERY and copy_is_whole(past[0].path):
        return None
    try:
        return _back_up(resolved, now_utc)
    except OSError as exc:  # a full disk, a data folder made read-only: one line, not a traceback
        raise UserError(
            f"cannot copy {resolved.name} into {folder_for(resolved)}: {exc.strerror or exc}"
        ) from exc


def back_up_before_merge(
    project: Path, sources: Sequence[str | Path], *, now: datetime | None = None
) -> Backup:
    """Copy `project` as it is, before a merge of `sources` changes it; keep the newest few such.

    A merge commits in one transaction and nothing undoes it: a lead who merged another team's
    file, or last week's copy, found the team file's earlier state gone unless the day's copy
    happened to be recent. This copy is the way back (File ▸ Restore from a Backup…, listed as
    taken before merging those files; `annotator backup COPY NEW`).

    It counts as the project's copy of the day (no daily copy follows it for `BACKUP_EVERY`: it
    holds the project as it was then, as that copy would), but it is kept apart from the daily
    copies (`_beyond_the_newest_few`): the newest `BACKUPS_KEPT` whole copies of each kind are
    kept. Counted with the daily ones, three merges in a morning would remove every daily copy,
    the one from before the day's work too, without a word. Written as a daily copy is (a temporary
    name, then renamed); its note is written before the rename, so a copy never shows as
    taken before a merge it was not. A copy that cannot be made raises `UserError` naming the
    folder: the caller refuses the merge rather than make a change with no way back.
    """
    now_utc = (now or datetime.now()).astimezone(UTC)
    resolved = project.resolve()
    names = tuple(Path(source).name for source in sources)
    note = BeforeMerge(names[:_NAMES_NOTED], len(names))
    try:
        return _back_up(resolved, now_utc, note)
    except (OSError, DiskFullError) as exc:
        why = "no space left on the disk" if isinstance(exc, DiskFullError) else exc.strerror or str(exc)
        raise UserError(f"cannot copy {resolved.name} into {folder_for(resolved)}: {why}") from exc


def discard_copy(backup: Backup) -> None:
    """Remove a copy taken before a merge that did not happen (refused, cancelled) with its note:
    kept, it said "before merging alice.db" of a merge that never was, and pushed out an
    earlier copy that was taken before one."""
    for path in (backup.path, _note_path(backup.path)):
        with contextlib.suppress(OSError):
            path.unlink()


def _back_up(resolved: Path, now: datetime, before_merge: BeforeMerge | None = None) -> Backup:
    folder = folder_for(resolved)
    folder.mkdir(parents=True, exist_ok=True)
    _record(folder, resolved)
    # Named to the second: a second merge in the same second (a script merging file after file)
    # took the first one's name, and its copy replaced the one from before both merges.
    taken = now.replace(microsecond=0)
    while any(
        os.path.lexists(path) for path in (_copy_path(folder, taken), _note_path(_copy_path(folder, taken)))
    ):
        taken += timedelta(seconds=1)
    target = _copy_path(folder, taken)
    with _scratch(folder) as partial:
        copy_database(resolved, partial)
        try:
            if before_merge is not None:
                _write_note(_note_path(target), before_merge)
            os.replace(partial, target)
        except BaseException:
            with contextlib.suppress(OSError):
                _note_path(target).unlink()
            raise
    # A copy dated later than now (a clock that was ahead, or a file put there) is not a day's
    # copy: it goes first, and the one just made is always kept.
    copies = backups_of(resolved)
    ordered = [c for c in copies if c.instant <= taken] + [c for c in copies if c.instant > taken]
    for old in _beyond_the_newest_few(ordered):
        if old.path != target:
            discard_copy(old)
    log.info("backed up %s to %s", resolved, target)
    return next(c for c in _copies_in(folder, resolved) if c.path == target)


def _copy_path(folder: Path, taken: datetime) -> Path:
    return folder / f"{taken.strftime(_TAKEN)}Z.annotator.db"


def _note_path(copy: Path) -> Path:
    return copy.with_name(copy.name.removesuffix(".annotator.db") + _NOTE)


def _write_note(path: Path, before_merge: BeforeMerge) -> None:
    """Write the note beside a copy taken before a merge: beside, then renamed into place."""
    handle, name = tempfile.mkstemp(prefix=f".note.{os.getpid()}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps({"merged": list(before_merge.names), "files": before_merge.files}))
        os.replace(name, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _read_note(copy: Path) -> BeforeMerge | None:
    """The note beside `copy`, if it is one the app wrote: a file anyone could put there."""
    note = _note_path(copy)
    try:
        if note.is_symlink() or not note.is_file() or note.stat().st_size > _MAX_RECORD_BYTES:
            return None
        data = json.loads(note.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    names, files = data.get("merged"), data.get("files")
    if not isinstance(names, list) or not all(isinstance(n, str) and "\x00" not in n for n in names):
        return None
    if not isinstance(files, int) or isinstance(files, bool) or not len(names) <= files <= 1_000_000:
        return None
    return BeforeMerge(tuple(names[:_NAMES_NOTED]), files)


def _record(folder: Path, resolved: Path) -> None:
    """Say in `folder` which project its copies are of, unless it says so already.

    The record was removed and written anew at each copy: a write that failed (a full disk, the
    laptop dying) left none, and the folder's copies were no longer listed, so Restore from a
    Backup said "No backups yet" just when a project hurt by the full disk needed one. It is
    written beside and renamed into place, which replaces a link put there, not written through.
    """
    if _recorded_project(folder) == resolved:
        return
    remove_stale_parts(folder)
    handle, name = tempfile.mkstemp(prefix=f".project.{os.getpid()}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps({"project": str(resolved)}))
        os.replace(name, folder / _RECORD)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _beyond_the_newest_few(ordered: list[Backup]) -> list[Backup]:
    """The copies in `ordered` (the ones to keep first) past the first `BACKUPS_KEPT` whole ones
    of each project and each kind; a copy that cannot be read is never among them.

    Copies taken before a merge (`back_up_before_merge`) are one kind, the daily copies the
    other: each is counted against its own kind only, so a day of merges never pushes out the
    daily copies (the only copy from before the day's work, maybe), nor daily copies the ones
    a person goes back to when a merge was a mistake.

    Copies are filed by the project's path, and a project lost and made anew at that path (New
    Project proposes the same name) is another project: counted together, the new one's daily
    copies removed the lost one's, one a day, until none of the lost work was left. A copy
    damaged on the disk since it was made (`copy_is_whole`) is not counted either: counted, it
    pushed out an older whole copy, and a person was left with damaged copies and none to
    restore. It goes once `BACKUPS_KEPT` whole copies newer than it are kept.
    """
    kept: Counter[tuple[str, bool]] = Counter()
    beyond: list[Backup] = []
    for copy in ordered:
        found = project_identity(copy.path)
        if found is None:  # unreadable here and now: kept rather than removed by mistake
            continue
        identity = (found, copy.before_merge is not None)
        if not copy_is_whole(copy.path):
            if kept[identity] >= BACKUPS_KEPT:
                beyond.append(copy)
            continue
        kept[identity] += 1
        if kept[identity] > BACKUPS_KEPT:
            beyond.append(copy)
    return beyond


@contextlib.contextmanager
def _scratch(folder: Path) -> Iterator[Path]:
    """A new empty file in `folder` made for this copy (never a name someone may have put there,
    or a link to follow), removed afterwards with the journal files SQLite may leave beside it.

    A copy killed before that (the laptop died) left its scratch file, `-wal` and `-shm` in the
    copies' folder or beside the named copy for good: the name now carries the process id, as
    an export's temporary file does, so the next copy into the folder removes a dead one's.
    """
    remove_stale_parts(folder)
    handle, name = tempfile.mkstemp(prefix=f".annotator-copy.{os.getpid()}.", suffix=".part", dir=folder)
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), Path(f"{partial}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def restore_copy(backup: Backup, target: Path, *, open_project_path: Path | None = None) -> Path:
    """Make `target`, a new project file, from `backup`; check it opens as a project.

    Never over a file (the open project least of all): a restore that went wrong must not take
    the last good copy with it. Only the window restores, so the refusal of an existing file
    says what to do there: the save dialog had asked whether to replace it, and the person
    who said yes was told to "pass --force", which no window offers.
    """
    return copy_project(
        backup.path,
        target,
        keep=open_project_path,
        opens=True,
        if_exists="a backup is restored only as a new project file, never over another file: "
        "choose a name no file has.",
    )


def copy_project(
    source: Path,
    target: Path,
    *,
    keep: Path | None = None,
    force: bool = False,
    opens: bool = False,
    if_exists: str = "choose another name or pass --force to overwrite it",
) -> Path:
    """A consistent copy of the project `source` at `target` (`annotator backup`), checked by
    SQLite (`quick_check`); with `opens`, also by opening it as a project, which brings an
    older file up to this version (right for a restore, which is worked on; not for a backup,
    which stays as it was). Copying the file's bytes while the window writes can tear it.

    Never over `source` or `keep` (the project a window has open), nor over another project;
    over another file only with `force`; without it, an existing `target` is refused saying
    `if_exists` (the command line's words by default).
    """
    paths.check_project_path(target)  # a copy SQLite could not open is no backup
    real = target
    for project in (keep, source):  # the open project first: its refusal says the most
        if project is not None:
            real = check_output(target, project=project, force=force, if_exists=if_exists)
    if (log := stray_wal.log_in_the_way(real)) is not None:
        raise UserError(f"{target}: {stray_wal.log_in_the_way_refusal(log)}")
    # The checks `stats` makes, before the copy opens the file read-write (which would play back
    # a journal put beside it): a file with a foreign table or trigger, one of a newer version, a
    # damaged or an empty one was copied and "copied" was said, as if it were a project.
    if check_project_file(source) == 0:
        raise NotAProjectError(source, "is empty, not an annotator project; there is nothing to copy")
    try:
        # Its folder made if missing, as `export -o`, `release`, `stats --html` and `import
        # --report` make theirs: only after the checks, so a refused copy makes no folder.
        real.parent.mkdir(parents=True, exist_ok=True)
        with _scratch(real.parent) as partial:
            copy_database(source, partial)
            if opens:
                with open_project(partial, create=False):
                    pass  # the checks a project passes when the window opens it
            if real.exists() and not force:
                raise UserError(f"{target} appeared meanwhile; choose another name")
            os.replace(partial, real)
    except OSError as exc:
        # As every output says it: a read-only folder or a full disk is the machine's refusal.
        raise write_error(target, exc, "copy") from exc
    return real


def _copies_in(folder: Path, project: Path) -> list[Backup]:
    if not folder.is_dir():
        return []
    copies: list[Backup] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match is None or not entry.is_file() or entry.is_symlink():
            continue
        try:
            named = datetime.strptime(match.group(1), _TAKEN)
            utc = named.replace(tzinfo=UTC) if match.group(2) else named.astimezone(UTC)
            taken = utc.astimezone().replace(tzinfo=None) if match.group(2) else named
            size = entry.stat().st_size
        except (ValueError, OSError, OverflowError):  # OverflowError: year 1 west of Greenwich
            continue
        copies.append(Backup(project, entry, taken, size, utc, _read_note(entry)))
    return sorted(copies, key=lambda backup: backup.instant, reverse=True)


def _recorded_project(folder: Path) -> Path | None:
    record = folder / _RECORD
    try:
        if not folder.is_dir() or record.is_symlink() or record.stat().st_size > _MAX_RECORD_BYTES:
            return None
        data = json.loads(record.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: brackets nested thousands deep
        return None
    project = data.get("project") if isinstance(data, dict) else None
    if not isinstance(project, str) or "\x00" in project or not os.path.isabs(project):
        return None
    return Path(project)
