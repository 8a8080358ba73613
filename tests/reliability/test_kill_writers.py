"""SIGKILL a writer at random points: every acknowledged label survives and the file stays sound.

The default run kills 3 writers of 300 writes each; `make reliability` (marker `slow`)
does the full 20 kills of 1,000 writes each, all against one project that grows
across the rounds, so later rounds also recover the WAL an earlier kill left behind.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.reliability._procs import Ledger, kill_writer_midway, make_project, read_state


def _kill_rounds(path: Path, *, rounds: int, writes: int, seed: int) -> tuple[Ledger, int]:
    rng = random.Random(seed)
    article_ids = make_project(path)
    ledger = Ledger()
    kills = 0
    for round_no in range(rounds):
        kills += kill_writer_midway(path, article_ids, ledger, count=writes, annotator="ann", rng=rng)
        actual, integrity = read_state(path)
        assert integrity == "ok", f"round {round_no}: integrity_check said {integrity!r}"
        ledger.check_and_settle(actual, "ann")
    return ledger, kills


def test_killed_writers_lose_no_acknowledged_label(tmp_path: Path) -> None:
    ledger, kills = _kill_rounds(tmp_path / "p.db", rounds=3, writes=300, seed=20240601)
    assert kills >= 2, "the writers finished before the kill; the test proved nothing"
    assert ledger.expected, "no write was acknowledged"


@pytest.mark.slow
def test_twenty_kills_during_a_thousand_writes(tmp_path: Path) -> None:
    ledger, kills = _kill_rounds(tmp_path / "p.db", rounds=20, writes=1000, seed=6)
    assert kills >= 18
    print(f"\nkills={kills} claims={len(ledger.expected)} acknowledged writes={ledger.acknowledged} lost=0")
