"""Save a Copy As killed before the copy takes its name: the next copy removes what it left."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from annotator.services.project import open_project

_KILLED_BEFORE_THE_NAME = """
import os, signal, sys
from pathlib import Path
from annotator.services.project import open_project
from annotator.store import project_store

def die(partial, target):
    os.kill(os.getpid(), signal.SIGKILL)  # the laptop dies with the copy whole but unnamed

project_store._place_new = die
with open_project(Path(sys.argv[1]), create=False) as project:
    project.save_copy(Path(sys.argv[2]))
"""


def test_a_copy_killed_before_its_name_leaves_nothing_the_next_copy_does_not_remove(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator.db"
    with open_project(project) as opened:
        [article_id] = opened.import_texts(["The council met on Monday."]).added
        opened.add_claim(article_id, 0, 26, "factual", annotator="ana")
    out = tmp_path / "out"
    out.mkdir()
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_BEFORE_THE_NAME, str(project), str(out / "first.annotator.db")],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert list(out.iterdir()), "the killed copy left nothing: the test proved nothing"
    with open_project(project, create=False) as opened:
        opened.save_copy(out / "second.annotator.db")
    assert sorted(p.name for p in out.iterdir()) == ["second.annotator.db"]
