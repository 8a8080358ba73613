"""A release killed while it writes leaves no temporary folder that the next release keeps."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.services.project import open_project
from annotator.services.release import ReleaseOptions, release

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

project, out_dir, stop_after = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
renames = 0
real_rename = os.rename

def rename(src, dst):
    # Only the swap renames folders beside the release; the process dies as a kill would
    # leave it, after `stop_after` of them.
    global renames
    real_rename(src, dst)
    renames += 1
    if renames == stop_after:
        os._exit(9)

os.rename = rename
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


@pytest.mark.parametrize(
    ("stop_after", "moment"),
    [(1, "the old release moved aside, the new one not yet in place"), (2, "before the old one is removed")],
)
def test_a_release_stopped_during_its_swap_is_recovered_by_the_next_one(
    tmp_path: Path, stop_after: int, moment: str
) -> None:
    project = tmp_path / "p.annotator.db"
    _labelled_project(project, 6)
    out = tmp_path / "out"
    with open_project(project, create=False) as opened:
        release(opened, out / "release", options=ReleaseOptions(labels="all"))
    with open_project(project, create=False) as opened:
        opened.add_claim(opened.article_ids()[0], 11, 20, "opinion", annotator="ana")
    before = sorted(p.name for p in out.iterdir())
    stopped = subprocess.run(
        [sys.executable, "-c", _STOPPED_AT_THE_SWAP, str(project), str(out / "release"), str(stop_after)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert stopped.returncode == 9, stopped.stderr
    left = sorted(p.name for p in out.iterdir())
    assert left != before, f"stopped {moment}, it left nothing beside the release: the test proved nothing"
    # Whatever is under the release's name is a whole release (the old or the new).
    if (out / "release").exists():
        _whole_release(out / "release")
    with open_project(project, create=False) as opened:
        assert opened.integrity_check() == "ok"
        release(opened, out / "release", options=ReleaseOptions(labels="all", force=True))
    assert sorted(p.name for p in out.iterdir()) == ["release"], f"stopped {moment}"
    _whole_release(out / "release")
    released = [
        line
        for name in _whole_release(out / "release")
        if name.startswith("claims/")
        for line in (out / "release" / name).read_text("utf-8").splitlines()
    ]
    assert len(released) == 7, "the next release is not of the project as it is now"
