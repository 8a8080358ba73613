"""A project opened with a `-wal` beside it that is not its own: refused, the file left as it was.

SQLite ties a `-wal` to its database by name only, so one left beside a project from another
project (a colleague's or a backup's file copied over this one while a `-wal` from a crash lay
beside it) was read into it: `annotator stats` counted the other project's articles, and its
close wrote them into the file for good, the person's own work gone. A project's own `-wal`
after a crash must always open, with the labels saved in it.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.errors import ProjectFileError, ReadOnlyError
from annotator.core.model import ArticleDraft, ClaimDraft, ClaimLabel
from annotator.services.project import open_project, store_of
from annotator.store.checks import read_only_connection
from annotator.store.stray_wal import read_alone
from tests.read_only_files import read_only_file, small_disk, write_protected
from tests.security.conftest import make_project, one_line, snapshot
from tests.store.stray_wals import a_databases_wal, a_larger_projects_later_wal, another_projects_wal
from tests.test_cli import run


def refusal(path: Path) -> str:
    return (
        f"{path}: the file {path.name}-wal beside it belongs to another project, whose work would be"
        f" read and saved in place of this one's; nothing was changed. Move {path.name}-wal into"
        " another folder (keep it) and open the project again"
    )


def bobs_project_beside(tmp_path: Path, wal: Path, folder: Path | None = None) -> Path:
    """Bob's project (one article, one claim), with `wal` left beside it."""
    path = make_project((folder or tmp_path) / "b.annotator", texts=("Bob's only article, with his claim.",))
    shutil.copyfile(wal, path.with_name("b.annotator-wal"))
    return path


@pytest.mark.parametrize("stray", ["another project's", "a database's"])
def test_a_wal_not_the_projects_own_refuses_the_open_and_nothing_is_written(
    tmp_path: Path, stray: str
) -> None:
    wal = another_projects_wal(tmp_path) if stray == "another project's" else a_databases_wal(tmp_path)
    path = bobs_project_beside(tmp_path, wal)
    before = snapshot(path)
    with pytest.raises(ProjectFileError) as refused, open_project(path, create=False):
        pass  # closed again, were it opened
    assert one_line(str(refused.value)) == refusal(path)
    assert snapshot(path) == before
    # Moved aside as told, the project opens as Bob left it.
    path.with_name("b.annotator-wal").rename(tmp_path / "kept-wal")
    with open_project(path, create=False) as bob:
        assert (bob.article_count(), len(bob.claims(bob.article_ids()[0]))) == (1, 1)


@pytest.mark.parametrize("growing", [False, True], ids=["a label only", "a label, then an import"])
def test_another_projects_wal_without_the_page_that_names_it_is_refused_by_its_frames(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], growing: bool
) -> None:
    """Alice's -wal of a label (her claims pages only) beside Bob's file: SQLite read her
    claims in place of his, the open said nothing, and its close wrote them into his file for
    good; his claim was gone, and reading the claims then called his file damaged."""
    path = bobs_project_beside(tmp_path, a_larger_projects_later_wal(tmp_path, growing=growing))
    before = snapshot(path)
    said = (
        f"{path}: the file b.annotator-wal beside it is not this file's own (it is left from another"
        " project or another copy of this one), and its pages would be read and saved in place of this"
        " file's; nothing was changed. Move b.annotator-wal into another folder (keep it) and open the"
        " project again"
    )
    with pytest.raises(ProjectFileError) as refused, open_project(path, create=False):
        pass  # closed again, were it opened
    assert one_line(str(refused.value)) == said
    code, out, err = run(capsys, "stats", str(path))
    assert (code, out, one_line(err)) == (1, "", f"annotator: {said}")
    assert snapshot(path) == before
    path.with_name("b.annotator-wal").rename(tmp_path / "kept-wal")
    with open_project(path, create=False) as bob:
        [claim] = bob.claims(bob.article_ids()[0])
        assert claim.annotator == "ana"


def test_the_command_line_refuses_it_in_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`annotator stats b.annotator` counted the other project's 20 articles, and left them in
    the file: Bob's article and claim were gone."""
    path = bobs_project_beside(tmp_path, another_projects_wal(tmp_path))
    before = snapshot(path)
    for command in (["stats", str(path)], ["export", str(path), "-o", str(tmp_path / "out.jsonl")]):
        code, out, err = run(capsys, *command)
        assert (code, out) == (1, "")
        assert one_line(err) == f"annotator: {refusal(path)}"
        assert snapshot(path) == before
    assert not (tmp_path / "out.jsonl").exists()


def test_a_read_only_project_file_refuses_it_too(tmp_path: Path) -> None:
    """A file that cannot be written (a copy from a CD, mode 0444) beside a -wal: nothing was
    written, but the other project was shown under the file's name."""
    path = bobs_project_beside(tmp_path, another_projects_wal(tmp_path))
    before = snapshot(path)
    with read_only_file(path):
        with pytest.raises(ProjectFileError) as refused, open_project(path, create=False):
            pass  # closed again, were it opened
        assert one_line(str(refused.value)) == refusal(path)
    assert snapshot(path) == before


def test_on_a_write_protected_stick_it_is_copied_off_first_and_refused_there(tmp_path: Path) -> None:
    """A -wal with work in it cannot be read where no `-shm` can be made: the project is refused
    there, with advice to copy both files somewhere writable, where the open then says whose
    the -wal is."""
    wal = another_projects_wal(tmp_path)
    with small_disk() as stick:
        path = bobs_project_beside(tmp_path, wal, stick)
        before = snapshot(path)
        with write_protected(stick):
            with (
                pytest.raises(ReadOnlyError, match="copy both files together somewhere writable"),
                open_project(path, create=False),
            ):
                pass  # closed again, were it opened
            assert snapshot(path) == before
        home = tmp_path / "home"
        home.mkdir()
        for name in ("b.annotator", "b.annotator-wal"):
            shutil.copyfile(stick / name, home / name)
    before = snapshot(home / "b.annotator")
    with pytest.raises(ProjectFileError) as refused, open_project(home / "b.annotator", create=False):
        pass  # closed again, were it opened
    assert one_line(str(refused.value)) == refusal(home / "b.annotator")
    assert snapshot(home / "b.annotator") == before


_CRASHING_SESSION = """
import sys, time
from annotator.services.project import open_project, store_of
with open_project(sys.argv[1], create=False) as project:
    [article] = project.article_ids()
    project.add_claim(article, 0, 5, "factual", annotator="bob")
    newest = project.add_claim(article, 6, 10, "opinion", annotator="bob")
    # The newest label reaches the file (SQLite checkpoints now and then), then is deleted:
    # the file alone holds a label newer than any the -wal shows.
    store_of(project).conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    project.delete_claim(newest.id)
    print("saved", flush=True)
    time.sleep(600)
"""


def _session(path: Path) -> subprocess.Popen[str]:
    """A process with `path` open, its labels saved in the -wal, once it says so."""
    child = subprocess.Popen(
        [sys.executable, "-c", _CRASHING_SESSION, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    said = child.stdout.readline()
    child.stdout.close()
    assert said == "saved\n"
    return child


def test_the_projects_own_wal_after_a_crash_opens_with_the_labels_in_it(tmp_path: Path) -> None:
    """The laptop died mid-session: the -wal holds the last saved labels, and is the project's own."""
    path = tmp_path / "b.annotator"
    with open_project(path) as bob:
        bob.import_texts(["Bob's only article, with his claims in it."])
    child = _session(path)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert path.with_name("b.annotator-wal").stat().st_size > 0
    # The merge's test of an older copy would take this -wal for a stray one; the open must not.
    alone = read_alone(path, stamps=True)
    assert alone is not None
    with read_only_connection(path) as conn:
        assert alone.older_state(conn) and not alone.another_project(conn)
    with open_project(path, create=False) as bob:
        [claim] = bob.claims(bob.article_ids()[0])
        assert (claim.start, claim.end, claim.label.value) == (0, 5, "factual")
    with open_project(path, create=False) as bob:  # and written into the file for good
        assert len(bob.claims(bob.article_ids()[0])) == 1


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("CREATE TRIGGER t AFTER UPDATE ON claims BEGIN DELETE FROM claims; END", "trigger"),
        ("UPDATE meta SET value = x'0102' WHERE key = 'created_at'", "meta row"),
    ],
)
def test_damage_another_program_wrote_into_the_projects_own_wal_is_said_as_damage(
    tmp_path: Path, written: str, said: str
) -> None:
    """The -wal is the project's own: what is wrong is what was written, not whose it is."""
    path = make_project(tmp_path / "b.annotator", texts=("Bob's only article, with his claim.",))
    alone = tmp_path / "alone"
    shutil.copyfile(path, alone)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(written)
    shutil.copyfile(path.with_name("b.annotator-wal"), tmp_path / "its-wal")
    conn.close()  # which checkpoints the -wal: both put back as a crash leaves them
    shutil.copyfile(alone, path)
    shutil.copyfile(tmp_path / "its-wal", path.with_name("b.annotator-wal"))
    with pytest.raises(ProjectFileError) as refused, open_project(path, create=False):
        pass  # closed again, were it opened
    assert said in str(refused.value) and "-wal" not in str(refused.value)


def test_a_project_open_in_another_running_annotator_opens(tmp_path: Path) -> None:
    path = tmp_path / "b.annotator"
    with open_project(path) as bob:
        bob.import_texts(["Bob's only article, with his claims in it."])
    child = _session(path)
    try:
        with open_project(path, create=False) as here:
            assert here.opened_elsewhere
            assert [c.start for c in here.claims(here.article_ids()[0])] == [0]
    finally:
        child.kill()
        child.wait()


def test_the_cost_of_the_check_on_a_project_of_10000_claims(tmp_path: Path) -> None:
    """Printed, not asserted: the file alone is opened and its schema and identity read."""
    path = tmp_path / "big.annotator"
    with open_project(path) as project:
        # Imported with their claims, one `executemany` a table: 10,000 claims added one by one,
        # a commit each waiting for the disk, were nearly all the test's time.
        drafts = [
            ArticleDraft(
                text=f"Article {i}: the minister said the prices rose.",
                claims=tuple(ClaimDraft(s, s + 3, ClaimLabel.FACTUAL, "ann") for s in range(0, 40, 4)),
            )
            for i in range(1000)
        ]
        store_of(project).import_drafts(drafts)
        assert len(project.claims()) == 10_000
        wal = path.with_name("big.annotator-wal")
        with contextlib.suppress(OSError):
            shutil.copyfile(wal, tmp_path / "own-wal")
    shutil.copyfile(tmp_path / "own-wal", wal)  # as a crash leaves it
    timings = []
    for _ in range(5):
        began = time.perf_counter()
        assert read_alone(path) is not None
        timings.append(time.perf_counter() - began)
    began = time.perf_counter()
    with open_project(path, create=False) as project:
        opened = time.perf_counter() - began
        assert project.article_count() == 1000
    print(f"\nthe check: {min(timings) * 1000:.1f} ms; the whole open: {opened * 1000:.1f} ms")


def test_a_copy_is_not_put_beside_a_wal_left_from_an_earlier_project_of_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`annotator backup` and Save a Copy As made the copy beside it and said "copied": opened,
    the copy was that other project, or an older state of this one read in place of the copy."""
    path = make_project(tmp_path / "b.annotator", texts=("Bob's only article, with his claim.",))
    target = tmp_path / "c.annotator"
    shutil.copyfile(another_projects_wal(tmp_path), tmp_path / "c.annotator-wal")
    left = snapshot(target)
    said = (
        "the file c.annotator-wal lies beside it, left from an earlier project of that name, and would be"
        " read into the copy; nothing was copied. Move c.annotator-wal into another folder (keep it) and"
        " copy again, or choose another name"
    )
    code, out, err = run(capsys, "backup", str(path), str(target))
    assert (code, out, one_line(err)) == (1, "", f"annotator: {target}: {said}")
    assert snapshot(target) == left and not target.exists()
    with open_project(path, create=False) as bob:
        with pytest.raises(ProjectFileError) as refused:
            bob.save_copy(target)
        assert one_line(str(refused.value)) == f"{target}: {said}"
        assert snapshot(target) == left and not target.exists()
        # Moved aside as told, the copy is made, and opens as Bob's project.
        (tmp_path / "c.annotator-wal").rename(tmp_path / "kept-wal")
        bob.save_copy(target)
    with open_project(target, create=False) as copy:
        assert copy.article_count() == 1
