"""What the terminal shows in the awkward cases: names that are not UTF-8, a reader that left.

These run the real command in a child process: the streams and the pipe are what is tested.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import open_project
from tests.security.conftest import ROOT, make_project


def _run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *argv],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        cwd=ROOT,
        check=False,
    )


def test_an_output_name_that_is_not_utf8_is_printed_under_a_strict_utf8_terminal(tmp_path: Path) -> None:
    """Under a UTF-8 locale stdout is strict: the summary naming `out\\xff.jsonl` raised after the
    export had succeeded, and the user read "internal error" (exit 3)."""
    project = make_project(tmp_path / "p.db")
    out = os.fsdecode(bytes(tmp_path / "out") + b"\xff.jsonl")
    done = _run("export", str(project), "-o", out, env={"PYTHONIOENCODING": "utf-8:strict"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b"exported 1 claim from" in done.stdout and b"out\\udcff.jsonl" in done.stdout
    assert Path(out).is_file()


@pytest.mark.parametrize("command", [("agreement", "--json"), ("stats", "--json")])
def test_a_reader_that_closed_the_pipe_ends_the_command_quietly(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    """`annotator agreement --json | head -c1` said "internal error" (exit 3): the write to the
    closed pipe raised BrokenPipeError, and a short output raised it at exit instead."""
    project = make_project(tmp_path / "p.db")
    with open_project(project) as opened:
        opened.add_claim(1, 0, 12, "opinion", annotator="bea")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "annotator", command[0], str(project), *command[1:]],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=tmp_path,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (1, b"")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_where_the_log_should_be_does_not_hang_a_command(tmp_path: Path) -> None:
    """The log was opened in append mode, which waits for a reader of a FIFO: `annotator stats`
    hung before it did anything, and so did every window start."""
    from annotator.services import paths

    paths.log_file().parent.mkdir(parents=True)
    os.mkfifo(paths.log_file())
    missing = tmp_path / "missing.db"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "annotator", "stats", str(missing)],
            capture_output=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("annotator stats waited on the FIFO for 60 s")
    assert (done.returncode, done.stdout) == (1, b"")
    said = done.stderr.decode()
    assert said.startswith(f"annotator: {missing}: does not exist; ") and said.count("\n") == 1
