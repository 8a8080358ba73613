"""The golden exports: every export format of one project, as the files the tests compare against.

    .venv/bin/python -m tests.services.export_golden   # rewrite tests/data/exports/expected/

The expected files were written by this module on main's code (e97f559, which writes a
speaker's `mention` beside its name), so the test proves the faster exports write the same
bytes. Rewrite them only for a change of output that is meant, and say so in the commit; run
it on the code whose output is the reference (`git archive` it and put it first on sys.path).
"""

from __future__ import annotations

import gzip
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data" / "exports"
INPUT = DATA / "input.jsonl"
EXPECTED = DATA / "expected"
STAMP = "2024-05-06T07:08:09.010Z"
_GZIP_ABOVE = 100_000

EXPORTS: dict[str, dict[str, Any]] = {
    "all.jsonl": {"format": "jsonl"},
    "alice-done.jsonl": {"format": "jsonl", "annotators": ("alice",), "status": "done"},
    "all.claims.jsonl": {"format": "claims-jsonl"},
    "all.csv": {"format": "csv"},
    "all.doccano.jsonl": {"format": "doccano"},
    "entities.doccano.jsonl": {"format": "doccano", "with_entities": True},
    "gold-factual.doccano.jsonl": {"format": "doccano", "gold": True, "labels": ("factual", "opinion")},
    "in-progress.csv": {"format": "csv", "status": "in_progress", "since": "2024"},
    "spacy": {"format": "spacy", "seed": 3},
}
"""Output name -> export options."""


def build_project(folder: Path, now: Callable[[], str] | None = None) -> Path:
    """Import the golden input into a new project (with the store's clock pinned by the caller)."""
    from annotator.core.model import ArticleStatus
    from annotator.services.importing import import_paths
    from annotator.services.project import open_project

    path = folder / "golden.annotator.db"
    with open_project(path) as project:
        # A relative path, so `import_file` in the output does not name the machine's folders.
        import_paths(project, [Path(os.path.relpath(INPUT))])
        project.set_status(1, ArticleStatus.DONE)
        project.set_status(2, ArticleStatus.IN_PROGRESS)
        project.set_status(14, ArticleStatus.IN_PROGRESS)
    return path


def export_all(project_path: Path, folder: Path) -> dict[str, bytes]:
    """Export the project in every golden variant; name -> bytes (spaCy parts as name/part)."""
    from annotator.services.exporting import ExportOptions, export
    from annotator.services.project import open_project

    out: dict[str, bytes] = {}
    with open_project(project_path) as project:
        for name, options in EXPORTS.items():
            target = folder / name
            export(project, target, options=ExportOptions(force=True, **options))
            if target.is_dir():
                for part in sorted(target.iterdir()):
                    out[f"{name}/{part.name}"] = part.read_bytes()
            else:
                out[name] = target.read_bytes()
    return out


def read_expected(folder: Path) -> dict[str, bytes]:
    """Golden files under `folder` by relative name; big ones are stored gzipped (`NAME.gz`)."""
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = path.relative_to(folder).as_posix()
            if name.endswith(".gz"):
                files[name.removesuffix(".gz")] = gzip.decompress(path.read_bytes())
            else:
                files[name] = path.read_bytes()
    return files


def write_expected(folder: Path, files: dict[str, bytes], *, gzip_above: int) -> None:
    """Write golden files under `folder`, gzipping (reproducibly) those above `gzip_above` bytes."""
    for rel, payload in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if len(payload) > gzip_above:
            target = target.with_name(target.name + ".gz")
            payload = gzip.compress(payload, compresslevel=9, mtime=0)
        target.write_bytes(payload)
        print(f"{target}: {len(payload)} bytes", file=sys.stderr)


def expected() -> dict[str, bytes]:
    """The expected files by export name."""
    return read_expected(EXPECTED)


def build_for_writing(folder: Path) -> Path:
    """The golden project as the scripts that write expected files build it (clock pinned, in DATA)."""
    import annotator.store.project_store as store

    store.now_iso = lambda: STAMP
    os.chdir(DATA)
    return build_project(folder)


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files = export_all(build_for_writing(folder), folder)
    write_expected(EXPECTED, files, gzip_above=_GZIP_ABOVE)


if __name__ == "__main__":
    main()
