"""`release --limitations FILE` reads FILE as every input is read: a regular file, within a limit.

It was read with `Path.read_text`: a FIFO hung the release for ever and /dev/zero ran it out
of memory (exit 3). These run the real command in a child process, with a timeout and a cap
on its memory, so the old behaviour fails the test instead of hanging it or the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.conftest import ROOT, make_project, one_line

# The command under a cap of 3 GB of address space (it needs a few hundred MB), set in the child
# itself: reading /dev/zero then fails fast instead of filling the machine's memory.
_CAPPED = (
    "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30)); "
    "sys.argv[0] = 'annotator'; runpy.run_module('annotator', run_name='__main__')"
)


def _release(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CAPPED, "release", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p.db")


def test_a_pipe_or_a_device_is_refused_unread(project: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "limits.md"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    for given in (fifo, zero, tmp_path):
        done = _release(str(project), str(tmp_path / "out"), "--labels", "all", "--limitations", str(given))
        assert done.returncode == 1, done.stderr
        assert f"{given}: is not a regular file" in one_line(done.stderr)
    assert not (tmp_path / "out").exists()


def test_a_long_file_or_one_that_is_not_utf8_is_refused_in_one_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.cli import main

    big = tmp_path / "big.md"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    latin = tmp_path / "latin.md"
    latin.write_bytes("Caf\xe9 only".encode("latin-1"))
    for given, message in (
        (big, "holds 1,048,577 bytes, over the 1,048,576 bytes a card's"),
        (latin, "cannot be read as UTF-8 text (byte 3 "),
    ):
        code = main(["release", str(project), str(tmp_path / "out"), "--limitations", str(given)])
        assert code == 1
        assert message in one_line(capsys.readouterr().err)
    assert not (tmp_path / "out").exists()
