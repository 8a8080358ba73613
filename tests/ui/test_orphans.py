"""A background child never outlives a window that was killed."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_WINDOW = """
import multiprocessing, sys, time
from tests.ui.orphan_target import wait_for_stop
if __name__ == "__main__":
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    child = context.Process(target=wait_for_stop, args=(sys.argv[1], stop), daemon=True)
    child.start()
    print(child.pid, flush=True)
    time.sleep(120)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_child_stops_its_work_when_the_window_is_killed(tmp_path: Path) -> None:
    marker = tmp_path / "stopped"
    child_pid = 0
    with subprocess.Popen(
        [sys.executable, "-c", _WINDOW, str(marker)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as window:
        try:
            assert window.stdout is not None
            child_pid = int(window.stdout.readline())
            time.sleep(1.0)  # the child is running its task
            assert not marker.exists()
            window.send_signal(signal.SIGKILL)
            window.wait(timeout=10)
            deadline = time.monotonic() + 20
            while not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert marker.read_text(encoding="utf-8") == "stopped"
        finally:
            window.kill()
            if child_pid:
                with contextlib.suppress(OSError):
                    os.kill(child_pid, signal.SIGKILL)


_WINDOW_WITH_A_WARM_WORKER = """
import sys, time
from annotator.ui import subprocess_work
from tests.ui import child_stand_ins
if __name__ == "__main__":
    subprocess_work._TARGETS["preannotate"] = child_stand_ins.worker_pid
    worker = subprocess_work.WarmWorker()
    print(worker.run("preannotate", (), lambda *_a: None, lambda: False), flush=True)
    time.sleep(120)
"""


def _ended(pid: int) -> bool:
    """Gone, or ended and waiting for a parent to collect it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGKILL, /proc")
def test_a_warm_worker_waiting_for_its_next_job_ends_when_the_window_is_killed() -> None:
    """The window's pre-annotation process outlives each run, with the model loaded (hundreds
    of MB): killed, the window must not leave it waiting for a job no one will send."""
    worker_pid = 0
    with subprocess.Popen(
        [sys.executable, "-c", _WINDOW_WITH_A_WARM_WORKER],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as window:
        try:
            assert window.stdout is not None
            worker_pid = int(window.stdout.readline())
            assert not _ended(worker_pid)  # its job done, it waits for the next
            window.send_signal(signal.SIGKILL)
            window.wait(timeout=10)
            deadline = time.monotonic() + 20
            while not _ended(worker_pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _ended(worker_pid)
        finally:
            window.kill()
            if worker_pid:
                with contextlib.suppress(OSError):
                    os.kill(worker_pid, signal.SIGKILL)
