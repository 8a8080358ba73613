"""No behaviour change: every export format writes the same bytes as before exports were made faster.

The expected files (tests/data/exports/expected, written by `tests.services.export_golden` on the
code before) cover the Prodigy jsonl with tokens, claims-jsonl, csv, doccano with and without
entities, filtered exports and the spaCy DocBins, on Wikinews articles and texts with emoji,
tabs, runs of spaces and line separators.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import annotator.store.project_store as store
from tests.services.export_golden import DATA, STAMP, build_project, expected, export_all


@pytest.fixture
def golden_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(store, "now_iso", lambda: STAMP)
    monkeypatch.chdir(DATA)
    return build_project(tmp_path)


def assert_same(files: dict[str, bytes]) -> None:
    want = expected()
    assert sorted(files) == sorted(want)
    for name, payload in files.items():
        assert payload == want[name], f"{name} differs from the expected export"


def test_exports_are_byte_identical_to_the_expected_files(golden_project: Path, tmp_path: Path) -> None:
    assert_same(export_all(golden_project, tmp_path / "first"))


def test_exporting_again_writes_the_same_bytes(golden_project: Path, tmp_path: Path) -> None:
    # The second export may take what the first one stored (tokens): it must not change a byte.
    export_all(golden_project, tmp_path / "first")
    assert_same(export_all(golden_project, tmp_path / "second"))
