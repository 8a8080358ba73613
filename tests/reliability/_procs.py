"""Parent side of the crash and concurrency tests: start writers, kill them, check what survived."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from annotator.services.project import open_project

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("_writer.py")

# Texts where code points, UTF-16 units and bytes all disagree, so an offset bug shows.
TEXTS = [
    "The minister said “prices rose 5% in May.” Critics disagree 👩‍👩‍👧 strongly.\nSecond line.",
    "北京消息：官员称经济增长了百分之五。记者核实了数据。🇫🇷 Le ministre a dit « non ».",
    "Cafe\u0301 owners said: הממשלה הודיעה على الحدود — “It’s 40 °C.” Zalgo: z\u0336\u0317a\u0337l.",
]


@dataclass(frozen=True)
class Row:
    article_id: int
    start: int
    end: int
    label: str
    annotator: str
    note: str


@dataclass
class Ledger:
    """What the writers were told is saved (acknowledged), plus the one write in flight, if any."""

    expected: dict[int, Row] = field(default_factory=dict)
    acknowledged: int = 0
    pending: tuple[str, ...] | None = None

    def feed(self, line: str, annotator: str) -> None:
        parts = line.split(" ")
        if parts[0] == "B":
            self.pending = tuple(parts[1:])
        elif parts[0] == "A":
            assert self.pending is not None, f"acknowledgement without a begin: {line!r}"
            claim_id = int(parts[1])
            if self.pending[0] == "add":
                _, aid, start, end, label, note = self.pending
                assert claim_id not in self.expected, f"claim id {claim_id} handed out twice"
                self.expected[claim_id] = Row(int(aid), int(start), int(end), label, annotator, note)
            else:
                _, upd_id, label = self.pending
                assert int(upd_id) == claim_id
                self.expected[claim_id] = replace(self.expected[claim_id], label=label)
            self.acknowledged += 1
            self.pending = None

    def check_and_settle(self, actual: dict[int, Row], annotator: str) -> None:
        """Assert the project holds every acknowledged write and at most the one in flight.

        Afterwards the ledger matches the project, so the next writer's round starts from it.
        """
        pending, self.pending = self.pending, None
        if actual == self.expected:
            return
        assert pending is not None, _diff(self.expected, actual)
        if pending[0] == "add":
            _, aid, start, end, label, note = pending
            extra = set(actual) - set(self.expected)
            assert len(extra) == 1, _diff(self.expected, actual)
            (extra_id,) = extra
            assert actual[extra_id] == Row(int(aid), int(start), int(end), label, annotator, note)
            assert {k: v for k, v in actual.items() if k != extra_id} == self.expected
            self.expected[extra_id] = actual[extra_id]
        else:
            _, upd_id, label = pending
            settled = dict(self.expected)
            settled[int(upd_id)] = replace(settled[int(upd_id)], label=label)
            assert actual == settled, _diff(settled, actual)
            self.expected = settled


def _diff(expected: dict[int, Row], actual: dict[int, Row]) -> str:
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k])
    return f"lost {missing[:10]} (of {len(missing)}), unexpected {extra[:10]}, changed {changed[:10]}"


def make_project(path: Path) -> list[int]:
    """A fresh project holding the Unicode test articles; returns their ids."""
    with open_project(path) as project:
        return project.import_texts(TEXTS).added


def read_state(path: Path) -> tuple[dict[int, Row], str]:
    """Every claim in the project and its integrity_check result, read the way the app opens it."""
    with open_project(path, create=False) as project:
        integrity = project.integrity_check()
        texts = {aid: project.article(aid).text for aid in project.article_ids()}
        rows: dict[int, Row] = {}
        for claim in project.claims():
            assert claim.id is not None
            assert 0 <= claim.start < claim.end <= len(texts[claim.article_id])
            rows[claim.id] = Row(
                claim.article_id, claim.start, claim.end, claim.label.value, claim.annotator, claim.note
            )
    return rows, integrity


def start_writer(
    path: Path,
    article_ids: list[int],
    count: int,
    annotator: str,
    seed: int,
    *,
    wait_go: bool = False,
    adds_only: bool = False,
) -> tuple[subprocess.Popen[str], IO[str]]:
    """Start a writer process; returns it and the temp file that collects its stderr."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    stderr = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed by the caller
    args = [sys.executable, str(WRITER), str(path), ",".join(map(str, article_ids)), str(count)]
    args += (
        [annotator, str(seed)] + (["--wait-go"] if wait_go else []) + (["--adds-only"] if adds_only else [])
    )
    proc = subprocess.Popen(
        args,
        stdin=subprocess.PIPE if wait_go else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
    )
    return proc, stderr


def stderr_text(stderr: IO[str]) -> str:
    stderr.seek(0)
    text = stderr.read()
    stderr.close()
    return text[-3000:]


def kill_writer_midway(
    path: Path, article_ids: list[int], ledger: Ledger, *, count: int, annotator: str, rng: random.Random
) -> bool:
    """Run one writer and SIGKILL it after a random number of acknowledged writes.

    The kill lands a random 0-1.5 ms after an acknowledgement, i.e. anywhere in the
    next write: before BEGIN, inside the transaction, during COMMIT's fsync or after it.
    Returns True if the writer was killed, False if it finished first.
    """
    kill_after = rng.randrange(count)
    proc, stderr = start_writer(path, article_ids, count, annotator, rng.randrange(2**31))
    assert proc.stdout is not None
    killed = False
    acks = 0
    try:
        if kill_after == 0:
            time.sleep(rng.uniform(0.0, 0.3))  # somewhere in start-up or opening the project
            killed = kill(proc)
        for line in proc.stdout:
            if not line.endswith("\n"):
                break  # cut off by the kill: not acknowledged
            line = line.rstrip("\n")
            if line == "done":
                break
            ledger.feed(line, annotator)
            acks += line.startswith("A ")
            if not killed and acks == kill_after:
                time.sleep(rng.uniform(0.0, 0.0015))
                killed = kill(proc)
        returncode = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    err = stderr_text(stderr)
    if killed:
        assert returncode in (-signal.SIGKILL, 0), f"writer failed (rc {returncode}):\n{err}"
    else:
        assert returncode == 0, f"writer failed (rc {returncode}):\n{err}"
    return killed and returncode == -signal.SIGKILL


def kill(proc: subprocess.Popen[str]) -> bool:
    try:
        os.kill(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True
