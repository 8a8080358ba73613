"""File ▸ Save a Copy As… onto a full disk or a read-only one says that no copy was made and
why, in the copy's words; the project stays open and saved, and nothing is left on that disk.

Run on real disks (a small tmpfs, one remounted read-only) where mounting is allowed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project
from tests.reliability.test_machine_errors import _mount, _tmpfs
from tests.ui.conftest import make_project, open_window, wikinews_texts


@pytest.fixture
def full_disk() -> Iterator[Path]:
    """A 1 MiB disk with no room left."""
    for point in _tmpfs("1m", "annotator-copy-full-"):
        with open(point / "ballast", "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 4096)
            except OSError:
                pass
        yield point


@pytest.fixture
def read_only_disk() -> Iterator[Path]:
    """A write-protected USB stick, a read-only share."""
    for point in _tmpfs("1m", "annotator-copy-ro-"):
        assert _mount("-o", "remount,ro", str(point))
        try:
            yield point
        finally:
            _mount("-o", "remount,rw", str(point))


def _copy_to(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: Path) -> str:
    """What the window says when the open project is copied to `target`; checks the project
    stays open, said saved, and unchanged."""
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: target)
    try:
        window.registry["save_copy"].trigger()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=20_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None
        said = box.text()
        assert window.project is not None and window.project.path == path
        assert window.save_label.text() == "All changes saved"
        box.close()
    finally:
        window.close()
    with open_project(path, create=False) as project:
        assert project.article_count() == 2
    return said


def test_a_copy_onto_a_full_disk_says_no_copy_was_made_and_the_project_is_fine(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_disk: Path
) -> None:
    """It said "…: the disk is full; free some space and open the project again": the words of
    a project that would not open, about a project that was open and fine."""
    said = _copy_to(qtbot, tmp_path, monkeypatch, full_disk / "copy.annotator.db")
    assert "copy.annotator.db" in said and "disk is full" in said
    assert "no copy was made (the open project is unchanged)" in said
    assert "open the project again" not in said
    assert os.listdir(full_disk) == ["ballast"]


def test_a_copy_onto_a_read_only_disk_says_so_not_that_something_went_wrong(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only_disk: Path
) -> None:
    """The read-only disk refused the copy's scratch file with an OSError nobody caught: the
    window said "Something went wrong in annotator (not in anything you did)"."""
    said = _copy_to(qtbot, tmp_path, monkeypatch, read_only_disk / "copy.annotator.db")
    assert "Something went wrong" not in said
    assert "copy.annotator.db" in said and "read-only" in said
    assert "no copy was made (the open project is unchanged)" in said and "choose another folder" in said
    assert os.listdir(read_only_disk) == []
