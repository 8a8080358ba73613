"""A full disk and a read-only project give a one-line MachineError and lose nothing.

Two ways to get each condition: an injected one that runs everywhere (`PRAGMA
max_page_count`, `PRAGMA query_only` on the app's own connection), and the real thing
(a tiny tmpfs, a read-only mount) when the tests run as root where mounting is allowed;
the latter skip elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.errors import DiskFullError, MachineError, ReadOnlyError
from annotator.core.model import Analysis, Entity, PipelineInfo
from annotator.services.project import Project, open_project, store_of
from tests import read_only_files
from tests.read_only_files import _mount
from tests.reliability._procs import TEXTS

BIG_NOTE = "note " * 400


def _one_line_machine_error(exc: BaseException, kind: type[MachineError], path: Path) -> None:
    assert isinstance(exc, kind), f"{type(exc).__name__}: {exc}"
    message = str(exc)
    assert "\n" not in message and message, message
    assert str(path) in message, f"the message should name the project: {message}"
    assert "Traceback" not in message and "sqlite" not in message.lower()


def _snapshot(project: Project) -> list[tuple[int | None, int, int, str, str]]:
    return sorted((c.id, c.start, c.end, c.label.value, c.note) for c in project.claims())


def _reopened(path: Path) -> tuple[list[tuple[int | None, int, int, str, str]], int, str]:
    with open_project(path, create=False) as project:
        return _snapshot(project), project.article_count(), project.integrity_check()


def _seed(project: Project, claims: int = 20) -> int:
    (aid, *_) = project.import_texts(TEXTS).added
    for i in range(claims):
        project.add_claim(aid, i, i + 3, "factual", annotator="ann", note=f"before {i}")
    return aid


def _fill(project: Project, aid: int, limit: int = 100_000) -> tuple[int, BaseException]:
    """Label until the store refuses; return how many more were saved and the error."""
    for i in range(limit):
        try:
            project.add_claim(aid, 0, 5, "opinion", annotator="ann", note=f"{i} {BIG_NOTE}")
        except Exception as exc:
            return i, exc
    raise AssertionError(f"{limit} claims fitted; the disk never filled")


# -- full disk ------------------------------------------------------------------------------


def _cap_pages(project: Project, extra: int) -> None:
    pages = store_of(project).conn.execute("PRAGMA page_count").fetchone()[0]
    store_of(project).conn.execute(f"PRAGMA max_page_count = {pages + extra}").fetchone()


def test_injected_full_disk_while_labelling(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with open_project(path) as project:
        aid = _seed(project)
        _cap_pages(project, 5)
        saved, exc = _fill(project, aid)
        _one_line_machine_error(exc, DiskFullError, path)
        before = _snapshot(project)
        assert len(before) == 20 + saved
        # An import and a pre-annotation that do not fit are refused whole, with the same message.
        with pytest.raises(DiskFullError) as info:
            project.import_texts([f"{i} " + "word " * 2000 for i in range(20)])
        _one_line_machine_error(info.value, DiskFullError, path)
        entities = tuple(Entity(i, i + 3, "ORG") for i in range(0, 3000))
        with pytest.raises(DiskFullError) as info:
            store_of(project).save_analyses(
                [(aid, Analysis(pipeline=PipelineInfo("p", "1"), entities=entities))]
            )
        _one_line_machine_error(info.value, DiskFullError, path)
        assert project.entities(aid) == []
        assert _snapshot(project) == before
        # Space comes back: labelling continues on the same connection.
        store_of(project).conn.execute("PRAGMA max_page_count = 1073741823").fetchone()
        project.add_claim(aid, 1, 2, "factual", annotator="ann", note="after")
    claims, articles, integrity = _reopened(path)
    assert integrity == "ok"
    assert articles == len(TEXTS)
    assert claims[: len(before)] == before and claims[-1][-1] == "after"


def _tmpfs(size: str, prefix: str) -> Iterator[Path]:
    """A small tmpfs for the duration of a test (`tests.read_only_files.small_disk`); skips
    where mounting is not allowed, where the injected tests cover the same faults."""
    with read_only_files.small_disk(size, prefix) as point:
        yield point


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A 1 MiB tmpfs, the real 'No space left on device'."""
    yield from _tmpfs("1m", "annotator-full-")


def test_real_full_disk_while_labelling(small_disk: Path) -> None:
    path = small_disk / "p.db"
    ballast = small_disk / "ballast"
    with open_project(path) as project:
        aid = _seed(project)
        ballast.write_bytes(b"\0" * 128 * 1024)  # room to free later
        saved, exc = _fill(project, aid)
        _one_line_machine_error(exc, DiskFullError, path)
        before = _snapshot(project)
        assert len(before) == 20 + saved
        ballast.unlink()
        project.add_claim(aid, 1, 2, "factual", annotator="ann", note="after")
    claims, _, integrity = _reopened(path)
    assert integrity == "ok"
    assert claims[: len(before)] == before and claims[-1][-1] == "after"


# -- read-only ------------------------------------------------------------------------------


def test_injected_read_only_project(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with open_project(path) as project:
        aid = _seed(project)
        before = _snapshot(project)
        store_of(project).conn.execute("PRAGMA query_only = 1")
        with pytest.raises(ReadOnlyError) as info:
            project.add_claim(aid, 0, 4, "opinion", annotator="ann")
        _one_line_machine_error(info.value, ReadOnlyError, path)
        with pytest.raises(ReadOnlyError):
            project.import_texts(["a new article"])
        assert _snapshot(project) == before
        store_of(project).conn.execute("PRAGMA query_only = 0")
        project.add_claim(aid, 0, 4, "opinion", annotator="ann", note="after")
    claims, _, integrity = _reopened(path)
    assert integrity == "ok" and claims[:-1] == before and claims[-1][-1] == "after"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes read-only files anyway")
def test_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with open_project(path) as project:
        aid = _seed(project)
        before = _snapshot(project)
    path.chmod(0o444)
    try:
        with pytest.raises(ReadOnlyError) as info, open_project(path) as project:
            project.add_claim(aid, 0, 4, "opinion", annotator="ann")
        _one_line_machine_error(info.value, ReadOnlyError, path)
    finally:
        path.chmod(0o644)
    claims, _, integrity = _reopened(path)
    assert integrity == "ok" and claims == before


@pytest.fixture
def read_only_disk() -> Iterator[Path]:
    """A tmpfs we can flip to read-only, like a write-protected USB stick or a read-only share."""
    yield from _tmpfs("4m", "annotator-ro-")


def test_a_project_on_a_read_only_disk_opens_to_be_read_and_refuses_every_save(read_only_disk: Path) -> None:
    """A cleanly closed project (no -wal) on a write-protected stick could not be opened at all:
    SQLite reads a write-ahead file through a -shm it cannot make there, and every command said
    "copy it somewhere writable to open it". Nothing can change it there: it is read as it lies."""
    path = read_only_disk / "p.db"
    with open_project(path) as project:
        aid = _seed(project)
        before = _snapshot(project)
    assert _mount("-o", "remount,ro", str(read_only_disk))
    try:
        with open_project(path, create=False) as project:
            assert project.read_only
            assert _snapshot(project) == before and project.integrity_check() == "ok"
            with pytest.raises(ReadOnlyError) as info:
                project.add_claim(aid, 0, 4, "opinion", annotator="ann")
            _one_line_machine_error(info.value, ReadOnlyError, path)
        assert sorted(p.name for p in read_only_disk.iterdir()) == [path.name]
    finally:
        assert _mount("-o", "remount,rw", str(read_only_disk))
    claims, _, integrity = _reopened(path)
    assert integrity == "ok" and claims == before


def test_a_team_lead_reads_merges_copies_and_exports_projects_on_a_read_only_disk(
    read_only_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`merge`, `backup`, `stats`, `export` and `agreement` of an annotator's project on a
    write-protected stick each said "the project is on a read-only disk…; copy it somewhere
    writable to open it", though none of them writes to it."""
    import json

    from annotator.cli import main

    path = read_only_disk / "a.annotator.db"
    with open_project(path) as project:
        _seed(project)
        before = _snapshot(project)
    team = tmp_path / "team.annotator.db"
    with open_project(team):
        pass
    assert _mount("-o", "remount,ro", str(read_only_disk))
    try:
        assert main(["stats", str(path)]) == 0
        assert "claims:    20" in capsys.readouterr().out
        out = tmp_path / "out.jsonl"
        assert main(["export", str(path), "-o", str(out)]) == 0
        exported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert sum(len(task["spans"]) for task in exported) == len(before)
        copy = tmp_path / "copy.annotator.db"
        assert main(["backup", str(path), str(copy)]) == 0
        assert main(["agreement", str(path)]) == 0
        assert main(["merge", str(team), str(path)]) == 0
        assert "20 claims added" in capsys.readouterr().out
        assert sorted(p.name for p in read_only_disk.iterdir()) == [path.name]
    finally:
        assert _mount("-o", "remount,rw", str(read_only_disk))
    for made in (copy, team):
        claims, articles, integrity = _reopened(made)
        assert integrity == "ok" and articles == len(TEXTS)
        assert sorted(c[1:] for c in claims) == sorted(c[1:] for c in before)


def test_a_project_copied_to_a_read_only_disk_while_open_keeps_its_last_saved_work(
    read_only_disk: Path,
) -> None:
    """Reading a project as it lies leaves out its -wal: the labels saved last would be gone
    without a word. With its -shm beside it, SQLite reads the -wal; without it, the project is
    refused saying the -wal must be copied with it (a copy of the file alone loses that work)."""
    import shutil

    path = read_only_disk / "p.db"
    lonely = read_only_disk / "alone.db"
    with open_project(path) as project:
        _seed(project)
        project.import_texts(["The last article, saved just before the copy."])
        before = _snapshot(project)
        for suffix in ("", "-wal", "-shm"):  # copied while the window had it open
            shutil.copyfile(f"{path}{suffix}", f"{path}.copy{suffix}")
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{path}{suffix}", f"{lonely}{suffix}")
    for suffix in ("", "-wal", "-shm"):
        os.replace(f"{path}.copy{suffix}", f"{path}{suffix}")
    assert os.path.getsize(f"{path}-wal") > 0
    assert _mount("-o", "remount,ro", str(read_only_disk))
    try:
        with open_project(path, create=False) as project:
            assert project.read_only
            assert _snapshot(project) == before and project.article_count() == len(TEXTS) + 1
        with pytest.raises(ReadOnlyError) as info, open_project(lonely, create=False):
            pass
        _one_line_machine_error(info.value, ReadOnlyError, lonely)
        assert "its last saved work is in alone.db-wal" in str(info.value)
        assert "copy both files together" in str(info.value)
    finally:
        assert _mount("-o", "remount,rw", str(read_only_disk))


def test_a_backup_to_a_full_disk_says_so_and_does_not_blame_the_project(
    tmp_path: Path, small_disk: Path
) -> None:
    """The daily copy on a full data folder said "<project>: cannot be copied (disk I/O error)",
    which reads as a damaged project."""
    from annotator.store.backup import copy_database

    source = tmp_path / "big.annotator.db"
    with open_project(source) as project:
        project.import_texts([f"Article {i}: " + "words of a long news text " * 200 for i in range(300)])
    assert source.stat().st_size > 1 << 20
    with pytest.raises(DiskFullError, match=r"no room for a copy of big\.annotator\.db") as raised:
        copy_database(source, small_disk / "copy.annotator.db")
    assert "the project itself is fine" in str(raised.value)


def test_a_read_only_project_file_opens_says_so_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    """A file copied from a CD (mode 0444) in a folder that can be written: it opens to be read,
    is said read-only from the start, each save is refused saying what to do, and it leaves no
    -wal or -shm behind (SQLite makes them as read-only as the file and never removes them)."""
    from tests.read_only_files import read_only_file

    path = tmp_path / "copied from a CD.db"
    with open_project(path) as project:
        aid = _seed(project)
        before = _snapshot(project)
    with read_only_file(path):
        with open_project(path, create=False) as project:
            assert project.read_only
            assert _snapshot(project) == before
            with pytest.raises(ReadOnlyError) as info:
                project.add_claim(aid, 0, 4, "opinion", annotator="ann")
            _one_line_machine_error(info.value, ReadOnlyError, path)
            assert "make the file writable or copy it" in str(info.value)
        assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    with open_project(path, create=False) as project:
        assert not project.read_only
        project.add_claim(aid, 0, 4, "opinion", annotator="ann", note="after")
    claims, _, integrity = _reopened(path)
    assert integrity == "ok" and claims[:-1] == before and claims[-1][-1] == "after"


def test_a_project_made_writable_again_is_not_kept_read_only_by_what_a_reading_left(tmp_path: Path) -> None:
    """A -shm of mode 0444 left beside the project by a reading while it was read-only kept SQLite
    opening it read-only after the person had made the file itself writable: every label was
    refused as "read-only" for good. An empty -wal and its -shm hold no saved work."""
    import sqlite3

    from tests.read_only_files import modes_bind

    if not modes_bind(tmp_path):
        pytest.skip("root writes a read-only -shm anyway")
    path = tmp_path / "p.db"
    with open_project(path) as project:
        aid = _seed(project)
        before = _snapshot(project)
    path.chmod(0o444)
    reading = sqlite3.connect(path)  # what any reading of the read-only file leaves
    reading.execute("SELECT count(*) FROM claims").fetchone()
    reading.close()
    shm = path.with_name(path.name + "-shm")
    assert shm.exists() and not os.access(shm, os.W_OK)
    path.chmod(0o644)  # the person makes the project writable
    with open_project(path, create=False) as project:
        project.add_claim(aid, 0, 4, "opinion", annotator="ann", note="after")
    claims, _, integrity = _reopened(path)
    assert integrity == "ok" and claims[:-1] == before and claims[-1][-1] == "after"
