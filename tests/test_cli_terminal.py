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
from tests.security.conftest import ROOT, make_project, snapshot


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


STOPPED_BY = """
import os, signal, sys
from annotator import cli

def stop(*_args):  # the first step's progress: the command is under way
    os.kill(os.getpid(), signal.{signal})

cli.Progress.__call__ = stop
sys.argv = ["annotator", *sys.argv[1:]]
raise SystemExit(cli.main())
"""
"""The real command line, given Ctrl+C (or `kill`) by itself once its work is under way."""


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize(
    "command", [("export", "-o", "{out}/x.jsonl"), ("release", "{out}/rel"), ("import", "{new}")]
)
@pytest.mark.skipif(os.name != "posix", reason="a shell sees a command ended by a signal on POSIX")
def test_a_command_stopped_by_a_signal_says_so_and_ends_by_it_as_a_shell_expects(
    signal_name: str, command: tuple[str, ...], tmp_path: Path
) -> None:
    """Ctrl+C ended a command with exit 1, a user error's: `for f in *.jsonl; do annotator import
    p.db "$f"; done` went on to the next file (a shell stops a loop only for a command that died
    of the signal), and a script could not tell Ctrl+C from a bad file. `kill` (or `timeout`, or a
    batch system's time limit) ended it without a word and left its temporary file beside the
    output. Each now says it was stopped in one line, cleans up, and ends by the signal it got."""
    import signal

    project = make_project(tmp_path / "p.db")
    before = snapshot(project)
    article = tmp_path / "new.txt"
    article.write_text("The mayor said taxes rose 4% last year.", encoding="utf-8")
    out = tmp_path / "out"
    argv = [part.format(out=out, new=article) for part in command]
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_BY.replace("{signal}", signal_name), argv[0], str(project), *argv[1:]],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == -getattr(signal, signal_name), done.stderr  # what a shell sees as 128 + N
    said = done.stderr.decode()
    assert said.startswith("annotator: ") and said.count("\n") == 1, said
    assert ("interrupted" if signal_name == "SIGINT" else "stopped") in said
    assert done.stdout == b""
    assert snapshot(project) == before
    assert not out.exists() or list(out.iterdir()) == []


def test_a_command_stopped_by_ctrl_c_returns_the_shell_s_status_to_a_python_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Called from Python, `main` returns 130 (128 + SIGINT) for Ctrl+C, not a user error's 1."""
    from annotator import cli

    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    project = make_project(tmp_path / "p.db")
    monkeypatch.setitem(cli.SUBCOMMANDS, "stats", interrupted)
    assert cli.main(["stats", str(project)]) == 130
    assert (
        capsys.readouterr().err == "annotator: interrupted; nothing after the last completed step was saved\n"
    )


CTRL_C_AT_THE_TERMINAL = """
import os, signal, sys, time
from annotator import cli
from annotator.services import release

pools = []
start_workers, chunks = release._start_workers, release._chunks

def started(workers):
    pools.append(start_workers(workers))
    return pools[-1]

def ctrl_c_once_the_workers_wait(*args, **kwargs):
    while pools[0]._pending_work_items:  # warming up (spaCy's import); then they wait for chunks
        time.sleep(0.05)
    time.sleep(0.2)
    os.killpg(0, signal.SIGINT)  # a terminal's Ctrl+C reaches its whole process group
    yield from chunks(*args, **kwargs)

release._start_workers, release._chunks = started, ctrl_c_once_the_workers_wait
sys.argv = ["annotator", *sys.argv[1:]]
raise SystemExit(cli.main())
"""


@pytest.mark.skipif(os.name != "posix", reason="process groups and killpg are POSIX")
def test_ctrl_c_in_a_big_release_says_one_line_without_the_workers_tracebacks(tmp_path: Path) -> None:
    """A release of 2,500 articles or more renders in worker processes, and Ctrl+C at a terminal
    reaches every process of its group, the workers too: each printed its KeyboardInterrupt
    traceback (in the middle of an import, or waiting on its queue) above the one line saying
    the release was stopped. The workers now leave Ctrl+C to the release, which closes them."""
    import signal

    from annotator.core.model import ArticleDraft, ClaimDraft
    from annotator.services.project import open_project
    from annotator.services.release import PARALLEL_FROM

    project = tmp_path / "big.annotator.db"
    claim = "The mayor said taxes rose last year."

    def labelled(i: int) -> ArticleDraft:
        start = len(f"Report {i}. ")
        said = ClaimDraft(start, start + len(claim), "factual", annotator="ana")
        return ArticleDraft(
            text=f"Report {i}. {claim} Critics disagreed.", title=f"Report {i}", claims=(said,)
        )

    with open_project(project) as opened:
        opened.import_drafts(labelled(i) for i in range(PARALLEL_FROM + 100))
    before = snapshot(project)
    out = tmp_path / "release"
    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_AT_THE_TERMINAL, "release", str(project), str(out), "--labels", "all"],
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path,
        check=False,
        start_new_session=True,  # its own group, as a terminal's foreground command is
    )
    said = done.stderr.decode()
    assert "Traceback" not in said and "KeyboardInterrupt" not in said, said
    assert said == "annotator: interrupted; nothing after the last completed step was saved\n", said
    assert done.returncode == -signal.SIGINT  # what a shell sees as 130
    assert done.stdout == b""
    assert snapshot(project) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [project.name]  # no release, no half-written one
