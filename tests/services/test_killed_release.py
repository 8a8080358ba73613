"""A release killed while it writes leaves no temporary folder that the next release keeps."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

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
