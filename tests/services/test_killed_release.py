"""A release killed while it writes leaves no temporary folder that the next release keeps, and one
killed while it replaces an earlier release never leaves the name without a whole release for
longer than the next look at it."""

from __future__ import annotations

import ctypes
import errno
import hashlib
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from annotator.services import outputs
from annotator.services import release as releasing
from annotator.services.outputs import part_prefix
from annotator.services.project import open_project
from annotator.services.release import ReleaseOptions, check_release_folder, release

_KILLED_BEFORE_THE_RENAME = """
import os, signal, sys
from pathlib import Path
from annotator.services import release as releasing
from annotator.services.project import open_project

def die(tmp, out_dir):
    os.kill(os.getpid(), signal.SIGKILL)  # every file written, the folder not yet renamed

releasing._swap_into_place = die
with open_project(Path(sys.argv[1]), create=False) as project:
    releasing.release(project, Path(sys.argv[2]), options=releasing.ReleaseOptions(labels="all"))
"""


def test_a_release_killed_before_its_rename_leaves_nothing_the_next_one_keeps(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator.db"
    with open_project(project) as opened:
        for article_id in opened.import_texts(
            [f"Article {n}. The council met. Prices rose." for n in range(6)]
        ).added:
            opened.add_claim(article_id, 0, 10, "factual", annotator="ana")
    out = tmp_path / "out"
    out.mkdir()
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_BEFORE_THE_RENAME, str(project), str(out / "release")],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert list(out.iterdir()), "the killed release left nothing: the test proved nothing"
    with open_project(project, create=False) as opened:
        release(opened, out / "release", options=ReleaseOptions(labels="all"))
    assert sorted(p.name for p in out.iterdir()) == ["release"]


_STOPPED_AT_THE_SWAP = """
import os, sys
from pathlib import Path
from annotator.services import release as releasing
from annotator.services.project import open_project

project, out_dir, how, stop_after = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
renames = 0
real_rename = os.rename
real_exchange = releasing.exchange_names

def rename(src, dst):
    # Only the swap renames folders beside the release; the process dies as a kill would
    # leave it, after `stop_after` of them.
    global renames
    real_rename(src, dst)
    renames += 1
    if renames == stop_after:
        os._exit(9)

def exchange(first, second):
    if how == "renames":
        return False  # as on a file system that cannot exchange names
    if not real_exchange(first, second):
        os._exit(8)  # this system cannot exchange: the test would prove nothing
    os._exit(9)  # right after the exchange, before the earlier release is removed

os.rename = rename
releasing.exchange_names = exchange
with open_project(project, create=False) as opened:
    options = releasing.ReleaseOptions(labels="all", force=True)
    releasing.release(opened, out_dir, options=options)
"""


def _labelled_project(path: Path, articles: int) -> None:
    with open_project(path) as opened:
        texts = [f"Article {n}. The council met. Prices rose {n}%." for n in range(articles)]
        for article_id in opened.import_texts(texts).added:
            opened.add_claim(article_id, 0, 10, "factual", annotator="ana")


def _whole_release(folder: Path) -> set[str]:
    """The files SHA256SUMS lists, each checked against its digest (a half-written one fails)."""
    listed: set[str] = set()
    for line in (folder / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, _, name = line.partition("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
        listed.add(name)
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert present == listed | {"SHA256SUMS"}
    return listed


def _released_claims(folder: Path) -> int:
    """How many claims a whole release holds (6 in the first release, 7 in the second)."""
    return sum(
        len((folder / name).read_text("utf-8").splitlines())
        for name in _whole_release(folder)
        if name.startswith("claims/")
    )


def _stop_a_second_release(tmp_path: Path, how: str, stop_after: int) -> tuple[Path, Path]:
    """A first release of 6 claims, then a seventh claim and a second release stopped at its swap."""
    project = tmp_path / "p.annotator.db"
    _labelled_project(project, 6)
    out = tmp_path / "out"
    with open_project(project, create=False) as opened:
        release(opened, out / "release", options=ReleaseOptions(labels="all"))
    with open_project(project, create=False) as opened:
        opened.add_claim(opened.article_ids()[0], 11, 20, "opinion", annotator="ana")
    before = sorted(p.name for p in out.iterdir())
    stopped = subprocess.run(
        [
            sys.executable,
            "-c",
            _STOPPED_AT_THE_SWAP,
            str(project),
            str(out / "release"),
            how,
            str(stop_after),
        ],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert stopped.returncode == 9, stopped.stderr
    assert sorted(p.name for p in out.iterdir()) != before, (
        "it left nothing beside the release: proves nothing"
    )
    return project, out


def test_a_release_stopped_right_after_its_exchange_leaves_the_new_one_under_the_name(tmp_path: Path) -> None:
    project, out = _stop_a_second_release(tmp_path, "exchange", 0)
    assert _released_claims(out / "release") == 7
    [left] = [p for p in out.iterdir() if p.name != "release"]
    assert left.name.endswith(".part") and _released_claims(left) == 6, "the earlier release, to remove"
    with open_project(project, create=False) as opened:
        release(opened, out / "release", options=ReleaseOptions(labels="all", force=True))
    assert sorted(p.name for p in out.iterdir()) == ["release"]
    assert _released_claims(out / "release") == 7


@pytest.mark.parametrize(
    ("stop_after", "moment"),
    [(1, "the old release moved aside, the new one not yet in place"), (2, "before the old one is removed")],
)
def test_a_release_stopped_during_its_two_renames_is_recovered_at_the_next_look(
    tmp_path: Path, stop_after: int, moment: str
) -> None:
    project, out = _stop_a_second_release(tmp_path, "renames", stop_after)
    assert (out / "release").exists() == (stop_after == 2), moment
    # The dialog and the command line check the folder before anything else: that puts it back.
    check_release_folder(out / "release", project_path=project, force=True)
    assert _released_claims(out / "release") == 7, f"stopped {moment}: the new release, whole"
    with open_project(project, create=False) as opened:
        assert opened.integrity_check() == "ok"
        release(opened, out / "release", options=ReleaseOptions(labels="all", force=True))
    assert sorted(p.name for p in out.iterdir()) == ["release"], f"stopped {moment}"
    assert _released_claims(out / "release") == 7, "the next release is not of the project as it is now"


def _release_folder(folder: Path, claims: int, *, finished: bool = True) -> Path:
    """A folder laid out as a release of `claims` claim lines, its SHA256SUMS written or not yet."""
    (folder / "claims").mkdir(parents=True)
    lines = "".join(f'{{"claim": {n}}}\n' for n in range(claims)).encode()
    (folder / "claims" / "train.jsonl").write_bytes(lines)
    if finished:
        (folder / "SHA256SUMS").write_text(
            f"{hashlib.sha256(lines).hexdigest()}  claims/train.jsonl\n", "utf-8"
        )
    return folder


_DEAD = 999_999_999  # above any pid_max: no process has it


def test_the_earlier_release_goes_back_when_the_new_one_was_not_finished(tmp_path: Path) -> None:
    _release_folder(tmp_path / f".release.{_DEAD}.abcdefgh.old", 6)
    _release_folder(tmp_path / f".release.{_DEAD}.ijklmnop.part", 7, finished=False)
    assert (
        releasing.recover_release_folder(tmp_path / "release") == tmp_path / f".release.{_DEAD}.abcdefgh.old"
    )
    assert _released_claims(tmp_path / "release") == 6


def test_the_new_release_goes_in_when_it_was_finished(tmp_path: Path) -> None:
    _release_folder(tmp_path / f".release.{_DEAD}.abcdefgh.old", 6)
    _release_folder(tmp_path / f".release.{_DEAD}.ijklmnop.part", 7)
    _release_folder(tmp_path / f".release.{_DEAD - 1}.qrstuvwx.part", 5)  # another process's: not this swap's
    assert (
        releasing.recover_release_folder(tmp_path / "release") == tmp_path / f".release.{_DEAD}.ijklmnop.part"
    )
    assert _released_claims(tmp_path / "release") == 7


def _changed_after(folder: Path, *earlier: Path) -> None:
    """Change `folder`'s inode until its change time is past every `earlier` folder's.

    A change time cannot be set, and the file system's clock ticks coarsely: folders made one
    after the other share one. Touched again after a tick, the folder reads as moved aside later.
    """
    latest = max(os.lstat(path).st_ctime_ns for path in earlier)
    while os.lstat(folder).st_ctime_ns <= latest:
        os.utime(folder)


@pytest.mark.parametrize("newer_pid", [_DEAD, _DEAD - 1], ids=["newer-sorts-last", "newer-sorts-first"])
@pytest.mark.parametrize("newer_finished", [True, False], ids=["new-one-finished", "new-one-cut-short"])
def test_of_several_killed_swaps_of_one_name_the_latest_is_recovered(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, newer_pid: int, newer_finished: bool
) -> None:
    """Two replacements of "release", each killed between its renames, with nothing put back in
    between: the name goes to what the later one held (its new release if finished, else the
    release it moved aside), never to the earlier one's, whichever sorts first by name; the log
    names the folder put back."""
    older_pid = _DEAD + _DEAD - 1 - newer_pid
    older_old = _release_folder(tmp_path / f".release.{older_pid}.abcdefgh.old", 3)
    older_part = _release_folder(tmp_path / f".release.{older_pid}.bcdefghi.part", 4)
    newer_old = _release_folder(tmp_path / f".release.{newer_pid}.cdefghij.old", 5)
    newer_part = _release_folder(tmp_path / f".release.{newer_pid}.defghijk.part", 6, finished=newer_finished)
    _changed_after(newer_old, older_old, older_part)
    _changed_after(newer_part, older_old, older_part)
    expected, claims = (newer_part, 6) if newer_finished else (newer_old, 5)
    with caplog.at_level(logging.INFO, logger=releasing.__name__):
        assert releasing.recover_release_folder(tmp_path / "release") == expected
    assert _released_claims(tmp_path / "release") == claims
    assert older_old.is_dir() and older_part.is_dir(), (
        "the earlier swap's folders are the next release's to remove"
    )
    said = [record.getMessage() for record in caplog.records if record.name == releasing.__name__]
    assert said == [
        f"put {expected} back as {tmp_path / 'release'}, left by a release killed while it replaced it"
    ]


class _Killed(BaseException):
    """The process stopping where it stands: nothing after it runs, not even an `except OSError`."""


def _swap_killed_between_its_renames(part: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace `out_dir` by `part` as a file system without the exchange does, killed once the
    earlier release is moved aside."""
    real_rename = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        real_rename(src, dst)
        raise _Killed

    with monkeypatch.context() as patched:
        patched.setattr(releasing, "exchange_names", lambda first, second: False)
        patched.setattr(os, "rename", rename)
        with pytest.raises(_Killed):
            releasing._swap_into_place(part, out_dir)


def _new_part(out_dir: Path, claims: int, *, finished: bool = True) -> Path:
    """A release written under the temporary name this process gives it."""
    made = tempfile.mkdtemp(prefix=part_prefix(out_dir.name), suffix=".part", dir=out_dir.parent)
    return _release_folder(Path(made), claims, finished=finished)


@pytest.mark.parametrize("name", ["release", "r" * 250], ids=["short-name", "longest-name"])
@pytest.mark.parametrize("later_finished", [True, False], ids=["new-one-finished", "new-one-cut-short"])
def test_of_two_killed_swaps_under_one_process_id_the_later_is_recovered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later_finished: bool, name: str
) -> None:
    """A container starts the app with the same process id each time: two runs killed while they
    replaced "release" leave two swaps' folders under one id, and the earlier one's finished
    release must not stand in for the later one's."""
    out_dir = tmp_path / name
    _release_folder(out_dir, 3)
    _swap_killed_between_its_renames(_new_part(out_dir, 4), out_dir, monkeypatch)
    # The next run, under the same id, took those folders for its own live process's and left
    # them: it wrote a release under the empty name, and the run after it was killed replacing it.
    _release_folder(out_dir, 5)
    later_part = _new_part(out_dir, 6, finished=later_finished)
    before = set(tmp_path.iterdir())
    _swap_killed_between_its_renames(later_part, out_dir, monkeypatch)
    [later_old] = set(tmp_path.iterdir()) - before
    assert not out_dir.exists() and len(list(tmp_path.iterdir())) == 4
    monkeypatch.setattr(outputs, "_alive", lambda pid: False)  # the last run's process is gone too
    assert releasing.recover_release_folder(out_dir) == (later_part if later_finished else later_old)
    assert _released_claims(out_dir) == (6 if later_finished else 5)
    assert len(list(tmp_path.iterdir())) == 4, "the earlier swap's folders are the next release's to remove"
    outputs.remove_stale_parts(tmp_path, folders=True)
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_swap_after_one_stamped_by_a_clock_ahead_is_still_the_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clock set back between two runs must not make the earlier swap look like the later one."""
    ahead = time.time_ns() + 3_600 * 10**9
    _release_folder(tmp_path / f".release.{_DEAD}.abcdefgh-{ahead:019d}.old", 3)
    _release_folder(tmp_path / f".release.{_DEAD}.abcdefgh.part", 4)
    out_dir = _release_folder(tmp_path / "release", 5)
    later_part = _new_part(out_dir, 6, finished=False)
    before = set(tmp_path.iterdir())
    _swap_killed_between_its_renames(later_part, out_dir, monkeypatch)
    [later_old] = set(tmp_path.iterdir()) - before
    monkeypatch.setattr(outputs, "_alive", lambda pid: False)
    assert releasing.recover_release_folder(out_dir) == later_old
    assert _released_claims(out_dir) == 5


def test_recovery_leaves_alone_what_no_killed_swap_left(tmp_path: Path) -> None:
    elsewhere = _release_folder(tmp_path / "elsewhere", 6)
    # Each pair would be put back but for one thing: a symlink, a live process, another name.
    (tmp_path / f".release.{_DEAD}.abcdefgh.old").symlink_to(elsewhere, target_is_directory=True)
    _release_folder(tmp_path / f".release.{_DEAD}.bcdefghi.part", 7)
    _release_folder(tmp_path / f".release.{_DEAD - 1}.cdefghij.old", 6)
    (tmp_path / f".release.{_DEAD - 1}.defghijk.part").symlink_to(elsewhere, target_is_directory=True)
    _release_folder(tmp_path / f".release.{os.getpid()}.efghijkl.old", 6)
    _release_folder(tmp_path / f".release.{os.getpid()}.fghijklm.part", 7)
    _release_folder(tmp_path / f".release.v2.{_DEAD - 2}.ghijklmn.old", 6)  # the swap of "release.v2"
    _release_folder(tmp_path / f".release.v2.{_DEAD - 2}.hijklmno.part", 7)
    # The swap finished and the old one was being removed: the name gone since is someone's doing.
    _release_folder(tmp_path / f".release.{_DEAD - 3}.ijklmnop.old", 3)
    (tmp_path / f".release.{_DEAD - 4}.jklmnopq.old").write_text("a file, someone's", "utf-8")
    _release_folder(tmp_path / f".release.{_DEAD - 4}.klmnopqr.part", 7)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert releasing.recover_release_folder(tmp_path / "release") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    (tmp_path / "taken").symlink_to(tmp_path / "gone")  # a name taken, by a dangling link
    _release_folder(tmp_path / f".taken.{_DEAD}.abcdefgh.old", 6)
    _release_folder(tmp_path / f".taken.{_DEAD}.bcdefghi.part", 7)
    assert releasing.recover_release_folder(tmp_path / "taken") is None


class _FailingRenameat2:
    """`renameat2` as a kernel or file system without RENAME_EXCHANGE answers: -1 and an errno."""

    def __init__(self, code: int) -> None:
        self.code = code
        self.calls = 0

    def __call__(self, *args: object) -> int:
        self.calls += 1
        ctypes.set_errno(self.code)
        return -1


@pytest.mark.parametrize("code", [errno.ENOSYS, errno.EINVAL])
def test_a_system_without_the_exchange_falls_back_to_two_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    renameat2 = _FailingRenameat2(code)
    monkeypatch.setattr(releasing, "_renameat2", lambda: renameat2)
    project = tmp_path / "p.annotator.db"
    _labelled_project(project, 6)
    with open_project(project, create=False) as opened:
        release(opened, tmp_path / "out" / "release", options=ReleaseOptions(labels="all"))
        opened.add_claim(opened.article_ids()[0], 11, 20, "opinion", annotator="ana")
        release(opened, tmp_path / "out" / "release", options=ReleaseOptions(labels="all", force=True))
    assert renameat2.calls == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["release"]
    assert _released_claims(tmp_path / "out" / "release") == 7


def test_an_exchange_that_fails_otherwise_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(releasing, "_renameat2", lambda: _FailingRenameat2(errno.EACCES))
    with pytest.raises(PermissionError):
        releasing.exchange_names(tmp_path / "a", tmp_path / "b")


def test_without_the_call_there_is_no_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(releasing, "_renameat2", lambda: None)
    (tmp_path / "a").mkdir()
    assert not releasing.exchange_names(tmp_path / "a", tmp_path / "b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]
