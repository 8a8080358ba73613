"""The bundled sample project, made in the user's data folder on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.errors import NewerProjectError
from annotator.services import paths
from annotator.services.samples import ensure_sample_project, sample_drafts


def _kept_beside(sample: Path) -> list[Path]:
    return sorted(p for p in sample.parent.iterdir() if p != sample and p.name.startswith("sample-project"))


def _another_program_s_database(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.close()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda path: path.write_bytes(b"not a project at all\n" * 200),
        _another_program_s_database,
    ],
    ids=["not-sqlite", "another-program-s-database"],
)
def test_a_spoiled_sample_is_set_aside_and_made_anew(caplog: pytest.LogCaptureFixture, spoil) -> None:
    """`annotator --sample` (and Help ▸ Open Sample Project) stopped at a sample file that was not
    a project with "is not an annotator project", and said nothing a person could do: the file
    is the app's own, in a folder they never see, and every later try stopped the same way."""
    sample = paths.sample_project_file()
    sample.parent.mkdir(parents=True, exist_ok=True)
    spoil(sample)
    before = sample.read_bytes()

    assert ensure_sample_project() == sample

    with open_project(sample, create=False) as project:
        assert project.article_count() == len(sample_drafts())
    kept = _kept_beside(sample)
    assert len(kept) == 1 and kept[0].read_bytes() == before  # nothing of the old file is lost
    assert str(kept[0]) in caplog.text


def test_a_second_spoiled_sample_does_not_take_the_place_of_the_first_set_aside() -> None:
    sample = paths.sample_project_file()
    sample.parent.mkdir(parents=True, exist_ok=True)
    for n in range(2):
        sample.write_bytes(f"spoiled {n}\n".encode() * 100)
        ensure_sample_project()
    contents = sorted(p.read_bytes()[:9] for p in _kept_beside(sample))
    assert contents == [b"spoiled 0", b"spoiled 1"]


def test_a_sample_made_before_is_opened_as_it_is() -> None:
    sample = ensure_sample_project()
    made = sample.stat().st_mtime_ns
    assert ensure_sample_project() == sample
    assert sample.stat().st_mtime_ns == made
    assert _kept_beside(sample) == []


def test_a_sample_made_by_a_newer_annotator_is_left_as_it_is() -> None:
    """It says to update annotator; set aside, a start of each version in turn made another."""
    sample = ensure_sample_project()
    with sqlite3.connect(sample) as conn:
        newer = conn.execute("PRAGMA user_version").fetchone()[0] + 1
        conn.execute(f"PRAGMA user_version = {newer}")
    conn.close()
    with pytest.raises(NewerProjectError, match="update annotator"):
        ensure_sample_project()
    assert _kept_beside(sample) == []
