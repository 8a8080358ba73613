"""The settings every test runs under (`tests/conftest.py`)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import settings

from tests.read_only_files import read_only_file


def test_no_property_example_fails_for_the_time_it_took() -> None:
    """A reader's property test failed once on a loaded machine for taking 320 ms of Hypothesis's
    200 ms per example; timings never decide a test."""
    assert settings.default.deadline is None


def test_a_read_only_file_still_held_open_at_the_end_leaves_no_mount(tmp_path: Path) -> None:
    """A test that failed before closing its window held the file, the plain umount was refused
    as busy, and the read-only mount outlived the run; the next run's clean-up failed on it."""
    path = tmp_path / "held.annotator.db"
    path.write_bytes(b"x")
    with read_only_file(path):
        held = path.open("rb")  # opened through the read-only mount, as the window's connection
    try:
        assert str(path) not in Path("/proc/self/mounts").read_text(encoding="utf-8")
    finally:
        held.close()
