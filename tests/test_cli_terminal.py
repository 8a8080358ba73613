"""What the terminal shows in the awkward cases: names that are not UTF-8, a reader that left.

These run the real command in a child process: the streams and the pipe are what is tested.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    assert b"exported 1 claim(s)" in done.stdout and b"out\\udcff.jsonl" in done.stdout
    assert Path(out).is_file()
