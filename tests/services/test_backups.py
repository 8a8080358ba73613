"""Daily copies of a project, and new project files made from them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.errors import AnnotatorError
from annotator.services import backups
from annotator.services.backups import BACKUPS_KEPT, all_backups, back_up_if_due, backups_of, restore_copy

MONDAY = datetime(2026, 12, 7, 9, 30)


@pytest.fixture(scope="module")
def data_folder_before_the_tests() -> Path:
    """Where a module's fixture, set up before any test's own folders, would put copies."""
    return backups.backups_root()


def test_work_set_up_before_a_test_never_makes_copies_in_the_testers_own_data_folder(
    data_folder_before_the_tests: Path,
) -> None:
    """A window opened where a test's own ANNOTATOR_HOME was not yet set made its daily copy in
    the data folder of whoever ran the tests, and their Restore from a Backup listed it."""
    import platformdirs

    own = Path(platformdirs.user_data_dir("annotator", appauthor=False))
    assert not data_folder_before_the_tests.is_relative_to(own)
    assert data_folder_before_the_tests.is_relative_to(tempfile.gettempdir())


def project_with_claim(path: Path) -> Path:
    with open_project(path) as project:
        [article_id] = project.import_texts(["The council met on Monday. Prices rose."]).added
        project.add_claim(article_id, 0, 26, "factual", annotator="ana")
    return path


def test_a_copy_a_day_the_newest_few_kept_and_a_copy_opens_as_the_project_was(tmp_path: Path) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    first = back_up_if_due(project, now=MONDAY)
    assert first is not None and first.path.is_file()
    assert back_up_if_due(project, now=MONDAY + timedelta(hours=19)) is None  # not due yet
    for day in range(1, 5):
        assert back_up_if_due(project, now=MONDAY + timedelta(days=day)) is not None
    kept = backups_of(project)
    assert len(kept) == BACKUPS_KEPT
    assert [b.taken for b in kept] == [MONDAY + timedelta(days=d) for d in (4, 3, 2)]
    assert [b.path for b in all_backups()] == [b.path for b in kept]
    assert not list(kept[0].path.parent.glob("*.part"))

    with open_project(project, create=False) as opened:  # work after the copy: not in it
        opened.add_claim(opened.article_ids()[0], 27, 39, "opinion", annotator="ana")
    restored = restore_copy(kept[0], tmp_path / "restored.annotator.db", open_project_path=project)
    with open_project(restored, create=False) as copy:
        assert [c.label.value for c in copy.claims()] == ["factual"]


def test_a_restore_never_writes_over_a_file_least_of_all_the_project(tmp_path: Path) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    copy = back_up_if_due(project, now=MONDAY)
    assert copy is not None
    before = project.read_bytes()
    with pytest.raises(AnnotatorError, match="project file"):
        restore_copy(copy, project, open_project_path=project)
    (tmp_path / "taken.annotator.db").write_text("mine", "utf-8")
    with pytest.raises(AnnotatorError):
        restore_copy(copy, tmp_path / "taken.annotator.db")
    assert project.read_bytes() == before
    assert (tmp_path / "taken.annotator.db").read_text("utf-8") == "mine"


def test_a_damaged_copy_makes_no_project_file(tmp_path: Path) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    copy = back_up_if_due(project, now=MONDAY)
    assert copy is not None
    copy.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(AnnotatorError):
        restore_copy(copy, tmp_path / "restored.annotator.db")
    assert [p.name for p in tmp_path.iterdir()] == ["p.annotator.db"]


def test_files_someone_else_put_among_the_copies_are_not_listed(tmp_path: Path) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    copy = back_up_if_due(project, now=MONDAY)
    assert copy is not None
    folder = copy.path.parent
    (folder / "notes.txt").write_text("x", "utf-8")
    (folder / "2026-13-45_999999.annotator.db").write_text("x", "utf-8")  # no such date
    (folder / "2026-12-01_000000.annotator.db").symlink_to(project)
    stray = backups.backups_root() / "stray"
    stray.mkdir()
    (stray / "project.json").write_text(json.dumps({"project": "relative.db"}), "utf-8")
    (stray / "2026-12-01_000000.annotator.db").write_text("x", "utf-8")
    assert [b.path for b in all_backups()] == [copy.path]


def test_a_file_or_link_waiting_at_a_scratch_name_is_never_written_through(tmp_path: Path) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    other = project_with_claim(tmp_path / "other.annotator.db")
    before = other.read_bytes()
    (tmp_path / "out.annotator.db.part").symlink_to(other)  # what a fixed scratch name would follow
    (tmp_path / "out2.annotator.db.part").write_text("someone's notes", "utf-8")
    backups.copy_project(project, tmp_path / "out.annotator.db")
    backups.copy_project(project, tmp_path / "out2.annotator.db")
    assert other.read_bytes() == before
    assert (tmp_path / "out2.annotator.db.part").read_text("utf-8") == "someone's notes"
    assert not (tmp_path / "out.annotator.db").is_symlink()
    assert not list(tmp_path.glob(".annotator-copy*"))


def test_a_copy_dated_in_the_future_neither_stops_the_daily_copy_nor_displaces_it(tmp_path: Path) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    first = back_up_if_due(project, now=MONDAY)
    assert first is not None
    future = first.path.with_name("2030-01-01_090000.annotator.db")
    future.write_bytes(first.path.read_bytes())  # a clock that was years ahead
    days = [back_up_if_due(project, now=MONDAY + timedelta(days=day)) for day in (1, 2, 3)]
    assert all(day is not None for day in days)
    kept = {b.taken for b in backups_of(project)}
    assert kept == {MONDAY + timedelta(days=d) for d in (1, 2, 3)}  # the future one went first


def test_a_record_nested_thousands_deep_is_skipped_not_raised(tmp_path: Path) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    assert back_up_if_due(project, now=MONDAY) is not None
    deep = backups.backups_root() / "deep"
    deep.mkdir()
    (deep / "project.json").write_text("[" * 4000 + "]" * 4000, "utf-8")
    assert len(all_backups()) == 1


def test_a_copy_into_a_folder_that_does_not_exist_makes_the_folder(tmp_path: Path) -> None:
    """As every other output does: it was refused with "missing: no such folder; make it first"."""
    project = project_with_claim(tmp_path / "p.annotator.db")
    copy = backups.copy_project(project, tmp_path / "missing" / "copy.annotator.db")
    assert copy == tmp_path / "missing" / "copy.annotator.db" and copy.is_file()


def test_a_backup_of_an_older_file_stays_at_its_version_and_a_restore_brings_it_up(tmp_path: Path) -> None:
    import sqlite3

    from annotator.store.schema import SCHEMA_VERSION
    from tests.store.old_files import schema_at

    old = tmp_path / "old.annotator.db"
    conn = schema_at(sqlite3.connect(old), 6)
    conn.commit()
    conn.close()
    copy = backups.copy_project(old, tmp_path / "copy.annotator.db")
    assert sqlite3.connect(copy).execute("PRAGMA user_version").fetchone()[0] == 6
    taken = back_up_if_due(old, now=MONDAY)
    assert taken is not None
    restored = restore_copy(taken, tmp_path / "restored.annotator.db")
    assert sqlite3.connect(restored).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


_KILLED_MID_COPY = """
import os, signal, sys
from pathlib import Path
from annotator.services import backups

def copy_then_die(source, target):
    real_copy(source, target)
    os.kill(os.getpid(), signal.SIGKILL)  # the laptop dies before the copy is renamed into place

real_copy = backups.copy_database
backups.copy_database = copy_then_die
if sys.argv[1] == "daily":
    backups.back_up_if_due(Path(sys.argv[2]))
else:
    backups.copy_project(Path(sys.argv[2]), Path(sys.argv[3]))
"""


def _killed_mid_copy(*args: str | Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_MID_COPY, *map(str, args)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_a_copy_killed_before_its_rename_leaves_nothing_the_next_copy_does_not_remove(tmp_path: Path) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    out = tmp_path / "out"
    out.mkdir()
    _killed_mid_copy("copy", project, out / "first.annotator.db")
    assert list(out.iterdir()), "the killed copy left no scratch file: the test proved nothing"
    backups.copy_project(project, out / "second.annotator.db")
    assert sorted(p.name for p in out.iterdir()) == ["second.annotator.db"]


def test_a_daily_copy_killed_before_its_rename_leaves_nothing_the_next_one_does_not_remove(
    tmp_path: Path,
) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    _killed_mid_copy("daily", project)
    folder = backups.folder_for(project)
    assert [p for p in folder.iterdir() if p.name.endswith(".part")]
    copy = back_up_if_due(project)
    assert copy is not None
    assert sorted(p.name for p in folder.iterdir()) == sorted([copy.path.name, "project.json"])


_KILLED_WHILE_THE_RESTORE_OPENS = """
import contextlib, os, signal, sys
from datetime import datetime
from pathlib import Path
from annotator.services import backups

@contextlib.contextmanager
def open_then_die(path, **options):
    with real_open(path, **options):
        os.kill(os.getpid(), signal.SIGKILL)  # the laptop dies while the copy is opened as a project
    yield

real_open = backups.open_project
backups.open_project = open_then_die
source = Path(sys.argv[1])
backups.restore_copy(backups.Backup(source, source, datetime.now(), 0), Path(sys.argv[2]))
"""


def test_a_restore_killed_while_it_opens_the_copy_leaves_nothing_the_next_copy_does_not_remove(
    tmp_path: Path,
) -> None:
    """Opening the copy takes its lock file (`NAME.lock`) beside it, which stayed for good."""
    project = project_with_claim(tmp_path / "p.annotator.db")
    out = tmp_path / "out"
    out.mkdir()
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            _KILLED_WHILE_THE_RESTORE_OPENS,
            str(project),
            str(out / "first.annotator.db"),
        ],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert [p for p in out.iterdir() if p.name.endswith(".lock")], "no lock left: the test proved nothing"
    taken = backups.Backup(project, project, datetime.now(), 0)
    restore_copy(taken, out / "second.annotator.db")
    assert sorted(p.name for p in out.iterdir()) == ["second.annotator.db"]


def _lose(project: Path) -> None:
    """The project file deleted (a sync tool, a mistaken clean-up), its journal files with it."""
    for gone in (project, *(project.with_name(project.name + s) for s in ("-wal", "-shm", ".lock"))):
        gone.unlink(missing_ok=True)


def _claims_in(copy: Path) -> list[str]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(copy.as_uri() + "?mode=ro&immutable=1", uri=True)) as conn:
        return [label for (label,) in conn.execute("SELECT label FROM claims")]


def test_a_new_project_at_a_lost_projects_path_never_pushes_out_the_lost_ones_copies(tmp_path: Path) -> None:
    """New Project proposes the lost file's name: the new, nearly empty project's daily copies
    went into the same folder and, one a day, removed every copy of the lost work."""
    project = project_with_claim(tmp_path / "p.annotator.db")
    for day in range(3):
        assert back_up_if_due(project, now=MONDAY + timedelta(days=day)) is not None
    _lose(project)
    with open_project(project):  # a new project where the lost one was
        pass
    for day in range(3, 10):
        assert back_up_if_due(project, now=MONDAY + timedelta(days=day)) is not None

    kept = backups_of(project)
    lost_work = [b.taken for b in kept if _claims_in(b.path) == ["factual"]]
    assert lost_work == [MONDAY + timedelta(days=d) for d in (2, 1, 0)]
    new_project = [b.taken for b in kept if _claims_in(b.path) == []]
    assert new_project == [MONDAY + timedelta(days=d) for d in (9, 8, 7)]


def test_a_copy_that_cannot_be_read_is_kept_and_a_project_without_a_creation_time_is_pruned(
    tmp_path: Path,
) -> None:
    """Which project a copy is of is read from the copy: one that cannot be read is never
    removed by mistake, and a file that never recorded when it was made still keeps the newest few."""
    import sqlite3

    from tests.store.old_files import schema_at

    project = project_with_claim(tmp_path / "p.annotator.db")
    first = back_up_if_due(project, now=MONDAY)
    assert first is not None
    first.path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)  # damaged on the disk
    for day in range(1, 6):
        assert back_up_if_due(project, now=MONDAY + timedelta(days=day)) is not None
    kept = [b.taken for b in backups_of(project)]
    assert kept == [MONDAY + timedelta(days=d) for d in (5, 4, 3, 0)]

    old = tmp_path / "old.annotator.db"
    conn = schema_at(sqlite3.connect(old), 6)  # no `created_at`, as no project the app made
    conn.commit()
    conn.close()
    for day in range(5):
        assert back_up_if_due(old, now=MONDAY + timedelta(days=day)) is not None
    assert len(backups_of(old)) == BACKUPS_KEPT


def test_a_new_project_at_a_lost_projects_path_is_copied_the_day_it_is_made(tmp_path: Path) -> None:
    """The lost project's copy of the morning counted as the new one's: the new project had no
    copy until the next day, and the window said its newest copy was the lost one's."""
    project = project_with_claim(tmp_path / "p.annotator.db")
    assert back_up_if_due(project, now=MONDAY) is not None
    _lose(project)
    with open_project(project):
        pass
    assert backups.copies_of(project) == []
    copy = back_up_if_due(project, now=MONDAY + timedelta(hours=2))
    assert copy is not None and _claims_in(copy.path) == []
    assert [b.path for b in backups.copies_of(project)] == [copy.path]
    assert back_up_if_due(project, now=MONDAY + timedelta(hours=3)) is None  # its own copy is recent


def test_a_copy_that_fails_on_a_full_disk_leaves_the_earlier_copies_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder's record (which project its copies are of) was removed and written again at
    each copy: on a full disk the writing failed, and Restore from a Backup said "No backups
    yet" just when a project hurt by the full disk needed one."""
    import errno

    project = project_with_claim(tmp_path / "p.annotator.db")
    monday = back_up_if_due(project, now=MONDAY)
    assert monday is not None
    real_write, real_open = Path.write_text, os.fdopen

    def no_room(*_args: object, **_kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", no_room)
    monkeypatch.setattr(os, "fdopen", no_room)
    monkeypatch.setattr(backups, "copy_database", no_room)
    with pytest.raises(AnnotatorError, match="No space left on device"):
        back_up_if_due(project, now=MONDAY + timedelta(days=1))
    monkeypatch.setattr(Path, "write_text", real_write)
    monkeypatch.setattr(os, "fdopen", real_open)
    assert [b.path for b in all_backups()] == [monday.path]


@pytest.fixture
def travelling_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Sets this computer's zone (a POSIX rule, no zone database needed) as a laptop that
    travels does; the zone the tests run in is put back after."""

    def set_zone(rule: str) -> None:
        monkeypatch.setenv("TZ", rule)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def test_the_copy_made_before_a_flight_west_is_neither_repeated_nor_removed_first(
    tmp_path: Path, travelling_clock: Callable[[str], None]
) -> None:
    """Copies named in the local time of the day: flown from UTC+2 to UTC-5, the copy made
    that morning looked hours "in the future", so another was made at once and the morning's,
    the newest, was removed before the older ones."""
    project = project_with_claim(tmp_path / "p.annotator.db")
    travelling_clock("CEST-2")
    for day in range(4):  # Monday to Thursday, 09:30 in Athens (07:30 UTC)
        assert back_up_if_due(project, now=MONDAY + timedelta(days=day)) is not None
    travelling_clock("EST5")
    thursday_early = datetime(2026, 12, 10, 7, 0)  # New York: 12:00 UTC, four and a half hours on
    assert back_up_if_due(project, now=thursday_early) is None
    assert len(backups_of(project)) == BACKUPS_KEPT
    assert backups_of(project)[0].taken == datetime(2026, 12, 10, 2, 30)  # Thursday's, in New York time

    friday = datetime(2026, 12, 11, 7, 0)
    made = back_up_if_due(project, now=friday)
    assert made is not None
    assert [b.taken for b in backups_of(project)] == [
        friday,
        datetime(2026, 12, 10, 2, 30),
        datetime(2026, 12, 9, 2, 30),
    ]


def test_copies_named_in_local_time_by_an_earlier_version_are_listed_and_rotated_in_turn(
    tmp_path: Path,
) -> None:
    project = project_with_claim(tmp_path / "p.annotator.db")
    first = back_up_if_due(project, now=MONDAY)
    assert first is not None
    older = first.path.with_name(f"{MONDAY - timedelta(days=1):%Y-%m-%d_%H%M%S}.annotator.db")
    first.path.rename(older)  # as the earlier version named Sunday's copy
    assert [b.taken for b in backups_of(project)] == [MONDAY - timedelta(days=1)]
    for day in range(3):
        assert back_up_if_due(project, now=MONDAY + timedelta(days=day)) is not None
    assert [b.taken for b in backups_of(project)] == [MONDAY + timedelta(days=d) for d in (2, 1, 0)]
    assert not older.exists()


def _damage_inside(copy: Path) -> None:
    """The claims table's first page overwritten (a bad sector, a sync tool's half write): the
    copy still opens and says which project it is of, but SQLite's checks fail."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(copy.as_uri() + "?mode=ro&immutable=1", uri=True)) as conn:
        [page_size] = conn.execute("PRAGMA page_size").fetchone()
        [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()
    data = bytearray(copy.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xa5" * page_size
    copy.write_bytes(bytes(data))


def test_copies_damaged_inside_never_push_out_a_whole_one(tmp_path: Path) -> None:
    """A copy damaged on the disk still counted among the copies kept: two damaged ones made
    the next day's copies remove the last whole old copy, and kept the damaged ones instead."""
    project = project_with_claim(tmp_path / "p.annotator.db")
    for day in range(3):
        assert back_up_if_due(project, now=MONDAY + timedelta(days=day)) is not None
    newest, middle, monday = backups_of(project)
    _damage_inside(newest.path)
    _damage_inside(middle.path)
    assert backups.project_identity(newest.path) is not None  # still read as a copy of the project
    # The newest copy, damaged, protects nothing: a new one is made before its day is out.
    tuesday_evening = MONDAY + timedelta(days=2, hours=10)
    assert back_up_if_due(project, now=tuesday_evening) is not None
    assert back_up_if_due(project, now=MONDAY + timedelta(days=4)) is not None
    whole = [b.taken for b in backups_of(project) if b.path not in (newest.path, middle.path)]
    assert whole == [MONDAY + timedelta(days=4), tuesday_evening, MONDAY]
    assert _claims_in(monday.path) == ["factual"]
    # Once three whole copies newer than them are kept, the damaged ones go.
    assert back_up_if_due(project, now=MONDAY + timedelta(days=5)) is not None
    assert [b.taken for b in backups_of(project)] == [MONDAY + timedelta(days=d) for d in (5, 4)] + [
        tuesday_evening
    ]


def test_copies_before_merges_are_kept_apart_from_the_daily_ones(tmp_path: Path) -> None:
    """Counted with the daily copies, a morning of merges removed every one of them, the copy
    from before the day's work too; and a copy before a merge counts as the day's copy."""
    project = project_with_claim(tmp_path / "p.annotator.db")
    for day in range(3):
        assert back_up_if_due(project, now=MONDAY + timedelta(days=day)) is not None
    daily = [b.path for b in backups_of(project)]
    wednesday = MONDAY + timedelta(days=3)
    merges = [
        backups.back_up_before_merge(project, [f"person{n}.db"], now=wednesday + timedelta(minutes=n))
        for n in range(5)
    ]
    kept = backups_of(project)
    assert [b.path for b in kept if b.before_merge is None] == daily
    assert [b.path for b in kept if b.before_merge is not None] == [m.path for m in merges[:1:-1]]
    assert not backups._note_path(merges[0].path).exists()  # its note went with it
    # The copy before the merge holds the project as the daily copy would: none follows that day.
    assert back_up_if_due(project, now=wednesday + timedelta(hours=2)) is None


def test_two_merges_in_one_second_keep_both_copies(tmp_path: Path) -> None:
    """A script merging file after file took two copies in one second: the second took the
    first's name, and the copy from before both merges was gone."""
    project = project_with_claim(tmp_path / "p.annotator.db")
    first = backups.back_up_before_merge(project, ["alice.db"], now=MONDAY)
    second = backups.back_up_before_merge(project, ["bob.db", "carol.db"], now=MONDAY)
    assert second.path != first.path and first.path.is_file()
    assert [b.before_merge for b in backups_of(project)] == [
        backups.BeforeMerge(("bob.db", "carol.db"), 2),
        backups.BeforeMerge(("alice.db",), 1),
    ]
