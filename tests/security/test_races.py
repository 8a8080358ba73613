"""Item 1: two processes creating the same new project must never lose acknowledged work.

Two `annotator import new.db ...` commands start within a millisecond of each other; one
imports a good file, the other a file that is rejected (or another good one). Before the fix
the rejected one deleted the project the other had just filled and committed (which had
printed "imported ... article(s)" and exited 0), and two creators could both run the first
migration (`table meta already exists`, exit 3).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator import open_project
from tests.security.conftest import ROOT


def _jsonl(path: Path, tag: str, count: int) -> set[str]:
    texts = [f"Article {tag} {i}: the council approved the budget on {i} May." for i in range(count)]
    path.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n", encoding="utf-8")
    return set(texts)


def _wait_for(path: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"racer died: {proc.communicate()[1]}")
        assert time.monotonic() < deadline, f"timed out waiting for {path}"
        time.sleep(0.001)


def _run_races(tmp_path: Path, rounds: int) -> None:
    """Each round, three imports race on one new project: two good files and one rejected file."""
    texts = {
        "good": _jsonl(tmp_path / "good.jsonl", "a", 30),
        "also": _jsonl(tmp_path / "also.jsonl", "b", 30),
        "bad": set(),
    }
    (tmp_path / "bad.jsonl").write_text('{"text": "a fine line"}\n{"no text": 1}\n', encoding="utf-8")
    control = tmp_path / "control"
    control.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    project = str(tmp_path / "new-{round}.db")
    racers = {
        name: subprocess.Popen(
            [sys.executable, "-m", "tests.security._racer", str(control), name, str(rounds),
             "import", project, str(tmp_path / f"{name}.jsonl"), "--no-nlp"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        for name in texts
    }  # fmt: skip
    try:
        for round_no in range(rounds):
            for name, proc in racers.items():
                _wait_for(control / f"{name}-{round_no}.ready", proc)
            (control / f"go-{round_no}").touch()
            codes = {}
            for name, proc in racers.items():
                _wait_for(control / f"{name}-{round_no}.exit", proc)
                codes[name] = int((control / f"{name}-{round_no}.exit").read_text())
            _check(tmp_path / f"new-{round_no}.db", round_no, codes, texts)
    finally:
        for round_no in range(rounds):
            (control / f"go-{round_no}").touch()
        for proc in racers.values():
            proc.communicate(timeout=120)


def _check(project: Path, round_no: int, codes: dict[str, int], texts: dict[str, set[str]]) -> None:
    assert codes == {"good": 0, "also": 0, "bad": 1}, f"round {round_no}: exit codes {codes}"
    assert project.exists(), f"round {round_no}: an acknowledged import's project is gone"
    with open_project(project, create=False) as opened:
        stored = {opened.article(i).text for i in opened.article_ids()}
    assert stored == texts["good"] | texts["also"], f"round {round_no}: acknowledged articles are missing"


def test_five_racing_imports_on_one_new_project(tmp_path: Path) -> None:
    _run_races(tmp_path, 5)


@pytest.mark.slow
def test_fifty_racing_imports_on_one_new_project(tmp_path: Path) -> None:
    _run_races(tmp_path, 50)


def test_a_rejected_import_discards_only_its_own_empty_project(tmp_path: Path) -> None:
    """The discard itself: never a file someone else filled, never one another process has open."""
    path = tmp_path / "p.db"
    first = open_project(path)
    assert first.created
    with open_project(path) as second:  # another process opens the new file, imports, commits
        assert not second.created
        second.import_texts(["Committed by the other process."])
    assert first.discard_if_unused() is False
    with open_project(path, create=False) as check:
        assert check.article_count() == 1

    busy = tmp_path / "busy.db"
    creator = open_project(busy)
    other = open_project(busy)  # still open elsewhere: even an empty file stays
    assert creator.discard_if_unused() is False and busy.exists()
    other.close()

    empty = tmp_path / "empty.db"
    creator = open_project(empty)
    assert creator.discard_if_unused() is True
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("empty")] == []
