"""Temporary files left by a killed write are removed, and the folder's listing is closed even
when reading it fails half-way."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest

from annotator.services import outputs

REAL_SCANDIR = os.scandir


def test_a_dead_writer_s_part_file_is_removed_and_others_kept(tmp_path: Path) -> None:
    dead = tmp_path / ".report.jsonl.999999999.abcdefgh.part"
    dead.write_text("half", "utf-8")
    alive = tmp_path / f".report.jsonl.{os.getpid()}.abcdefgh.part"
    alive.write_text("being written", "utf-8")
    mine = tmp_path / "report.jsonl"
    mine.write_text("{}", "utf-8")
    assert outputs.remove_stale_parts(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, mine.name])


def test_a_dead_release_s_old_folder_is_removed_but_a_file_of_that_name_is_kept(tmp_path: Path) -> None:
    """Only a release moves a folder aside as `.NAME.PID.XXXX.old`; a file so named is someone's."""
    moved_aside = tmp_path / ".release.999999999.abcdefgh.old"
    (moved_aside / "claims").mkdir(parents=True)
    (moved_aside / "claims" / "train.jsonl").write_text("{}", "utf-8")
    a_file = tmp_path / ".notes.999999999.abcdefgh.old"
    a_file.write_text("kept", "utf-8")
    live = tmp_path / f".release.{os.getpid()}.abcdefgh.old"
    live.mkdir()
    assert outputs.remove_stale_parts(tmp_path) == []
    assert outputs.remove_stale_parts(tmp_path, folders=True) == [moved_aside]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([a_file.name, live.name])


class _BrokenListing:
    """A directory listing that fails after its first entry, as one removed while read may."""

    def __init__(self, folder: Path) -> None:
        with REAL_SCANDIR(folder) as listing:
            self.entries = iter(list(listing)[:1])
        self.closed = False

    def __iter__(self) -> Iterator[os.DirEntry[str]]:
        yield from self.entries
        raise OSError("No such file or directory")

    def __enter__(self) -> _BrokenListing:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.closed = True


def test_a_listing_that_fails_half_way_is_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        (tmp_path / f"f{n}").write_text("x", "utf-8")
    listings: list[_BrokenListing] = []

    def scandir(folder: Path) -> _BrokenListing:
        listings.append(_BrokenListing(folder))
        return listings[-1]

    monkeypatch.setattr(os, "scandir", scandir)
    assert outputs.remove_stale_parts(tmp_path) == []
    assert [listing.closed for listing in listings] == [True]
