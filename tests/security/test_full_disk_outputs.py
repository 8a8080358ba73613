"""An output that does not fit on the disk leaves the earlier file as it was, and the project too.

`export --force`, `stats --html --force` and `import --report` replace a file a person may still
need; a disk that fills half-way must not leave them with half a file, or none.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.security.conftest import make_project, one_line, snapshot
from tests.security.test_outputs import run


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """Writes of files the app opens for output fail with ENOSPC once `room` bytes went out."""
    real_fdopen = os.fdopen
    written = 0

    class FillingFile:
        def __init__(self, handle: object) -> None:
            self._handle = handle

        def write(self, data: bytes) -> int:
            nonlocal written
            written += len(data)
            if written > room:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self._handle.write(data)  # type: ignore[attr-defined, no-any-return]

        def __getattr__(self, name: str) -> object:
            return getattr(self._handle, name)

        def __enter__(self) -> FillingFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()  # type: ignore[attr-defined]

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FillingFile(real_fdopen(fd, *a, **k)))


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (("export", "-o", "{out}", "--format", "csv", "--force"), "claims.csv"),
        (("export", "-o", "{out}", "--format", "jsonl", "--force"), "claims.jsonl"),
        (("stats", "--html", "{out}", "--force"), "report.html"),
    ],
)
def test_a_full_disk_keeps_the_earlier_output_and_the_project(
    argv: tuple[str, ...], name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    project = make_project(
        tmp_path / "p.db", texts=tuple(f"Article {i}: the mayor said prices rose." * 50 for i in range(20))
    )
    out = tmp_path / "out" / name
    out.parent.mkdir()
    out.write_bytes(b"the earlier output, which a person still needs\n")
    before, earlier = snapshot(project), out.read_bytes()
    _disk_fills_after(monkeypatch, 100)
    command, *rest = argv
    code, err = run(capsys, command, str(project), *(a.format(out=out) for a in rest))
    assert code == 1, err
    assert "no space left" in one_line(err)
    assert out.read_bytes() == earlier
    assert sorted(p.name for p in out.parent.iterdir()) == [name]
    # The project file itself: the export's generator, stopped by the failed write, keeps the
    # project open (its -wal and -shm beside it) while the test's log holds the error's frames.
    assert snapshot(project)[""] == before[""]


def test_a_spacy_export_that_fills_the_disk_keeps_all_four_earlier_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The four DocBins were written and renamed one by one: a disk that filled at the third left
    the new train and dev files beside the earlier export's textcat files, a set no export made,
    whose dev articles may have been trained on. They are all new, or all as they were."""
    project = make_project(
        tmp_path / "p.db", texts=tuple(f"Article {i}: the mayor said prices rose." * 5 for i in range(20))
    )
    out = tmp_path / "corpus"
    code, err = run(capsys, "export", str(project), "-o", str(out), "--format", "spacy", "--seed", "1")
    assert code == 0, err
    earlier = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(earlier) == 4
    real_fdopen = os.fdopen
    opened = 0

    class FullFile:
        def __init__(self, handle: object) -> None:
            self._handle = handle

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name: str) -> object:
            return getattr(self._handle, name)

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()  # type: ignore[attr-defined]

    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        nonlocal opened
        opened += 1
        handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]
        return FullFile(handle) if opened >= 3 else handle  # the first two files fit

    monkeypatch.setattr(os, "fdopen", fdopen)
    argv = ("export", str(project), "-o", str(out), "--format", "spacy", "--seed", "2", "--force")
    code, err = run(capsys, *argv)
    assert code == 1, err
    assert "no space left" in one_line(err)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == earlier
