"""The golden releases: three releases of the golden export project, as the files the tests compare against.

    .venv/bin/python -m tests.services.release_golden   # rewrite tests/data/releases/expected/

The project is the golden export test's (`export_golden.build_project`: Wikinews articles and
texts with emoji, tabs, runs of spaces and line separators, claims that start or end inside
a word, three annotators and gold labels). The expected files were written by this module on
main's code before releases read stored tokens (7e50809), so the test proves the faster
release writes the same bytes. Rewrite them only for a change of output that is meant, and
say so in the commit; run it on the code whose output is the reference (`git archive` it and
put it first on sys.path, with the working directory outside this repository).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.services.export_golden import build_for_writing, read_expected, write_expected

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "releases" / "expected"
VERSION = "{version}"
"""Stands for the tool's version in the stored cards, so a version bump needs no new files."""
_GZIP_ABOVE = 30_000

RELEASES: dict[str, dict[str, Any]] = {
    "majority": {"labels": "majority", "seed": 3, "pseudonymise": True, "license": "CC-BY-4.0"},
    "all": {"labels": "all", "seed": 1, "split": (0.6, 0.2, 0.2), "name": "every label"},
    "gold": {"labels": "gold", "seed": 0, "keep_paths": True},
}
"""Release name -> release options."""


def release_all(
    project_path: Path, folder: Path, *, only: tuple[str, ...] = (), **kwargs: Any
) -> dict[str, bytes]:
    """Release the project with every golden option set (or those named in `only`); "name/file" -> bytes.

    `kwargs` go to `release` (`workers`, `tokenizer`). The tool's version in each card is
    replaced by `VERSION`, and SHA256SUMS leaves out the card's line, which that changes.
    """
    from annotator import __version__
    from annotator.services.project import open_project
    from annotator.services.release import CHECKSUMS, ReleaseOptions, release

    out: dict[str, bytes] = {}
    with open_project(project_path, create=False) as project:
        for name, options in RELEASES.items():
            if only and name not in only:
                continue
            target = folder / name
            release(project, target, options=ReleaseOptions(**options), **kwargs)
            for path in sorted(target.rglob("*")):
                if not path.is_file():
                    continue
                rel = path.relative_to(target).as_posix()
                payload = path.read_bytes()
                if rel == "README.md":
                    payload = payload.replace(
                        f"annotator {__version__}".encode(), f"annotator {VERSION}".encode()
                    )
                elif rel == CHECKSUMS:
                    lines = payload.decode("utf-8").splitlines(keepends=True)
                    payload = "".join(line for line in lines if not line.endswith("  README.md\n")).encode()
                out[f"{name}/{rel}"] = payload
    return out


def expected() -> dict[str, bytes]:
    """The expected files by "release/file"."""
    return read_expected(EXPECTED)


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files = release_all(build_for_writing(folder), folder / "releases", workers=1)
    write_expected(EXPECTED, files, gzip_above=_GZIP_ABOVE)


if __name__ == "__main__":
    main()
