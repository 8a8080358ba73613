"""A release's worker processes end with the process that started them, however it ends."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

_STARTS_WORKERS = """
import time
from annotator.services import release

pool = release._new_pool(2)
for busy in [pool.submit(time.sleep, 0.3) for _ in range(2)]:  # two at once: two workers start
    busy.result()
print(" ".join(map(str, sorted(pool._processes))), flush=True)
time.sleep(120)
"""


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_workers_of_a_killed_release_end_with_it() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _STARTS_WORKERS],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    try:
        assert len(workers) == 2 and all(map(_running, workers))
        os.kill(parent.pid, signal.SIGKILL)  # the laptop's battery, or the OOM killer
        parent.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_running, workers)), "the workers outlived the release that started them"
    finally:
        parent.stdout.close()
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


class _CountingPool:
    """Stands in for the worker pool `release` starts while it plans: only its closing matters."""

    def __init__(self) -> None:
        self.shutdowns = 0

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.shutdowns += 1


def test_workers_close_when_loading_the_writer_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing spaCy for the writer takes seconds: a Ctrl+C (or a broken install) then left the
    workers running until the interpreter's exit, which printed their tracebacks."""
    from annotator.services.project import open_project
    from annotator.services.release import ReleaseOptions, plan_release, write_release
    from tests.services.release_data import build_release_project

    path = tmp_path / "team.annotator.db"
    build_release_project(path)
    monkeypatch.setitem(sys.modules, "annotator.formats.spacy_docbin", None)  # import fails
    pool = _CountingPool()
    with open_project(path, create=False) as project:
        plan = plan_release(project, ReleaseOptions())
        with pytest.raises(ImportError):
            write_release(project, plan, tmp_path / "out", _pool=pool)  # type: ignore[arg-type]
    assert pool.shutdowns == 1
    assert not (tmp_path / "out").exists()
