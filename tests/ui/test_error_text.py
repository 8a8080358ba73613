"""A refused project file's box: plain words naming the file first, the reason in the details."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.errors import (
    DamagedProjectError,
    DiskFullError,
    NewerProjectError,
    NotAProjectError,
    ProjectFileError,
    UnreachableProjectError,
)
from annotator.store.checks import open_error
from annotator.ui.error_text import explain
from tests.ui.error_boxes import JARGON


@pytest.mark.parametrize(
    "kind", [DamagedProjectError, NewerProjectError, NotAProjectError, UnreachableProjectError]
)
def test_each_kind_of_refusal_names_the_file_in_plain_words(kind: type[ProjectFileError]) -> None:
    refused = kind("/work/team.annotator.db", "claims row 7: label 'x' is not a label (schema 9)")
    said = explain(refused)
    assert said.text.startswith("/work/team.annotator.db ") and not JARGON.search(said.text)
    assert said.details == "/work/team.annotator.db: claims row 7: label 'x' is not a label (schema 9)"


def test_the_window_s_advice_stays_in_the_plain_part() -> None:
    refused = DamagedProjectError("/work/p.db", "is damaged (page 3)").with_hint("Restore it, Ann.")
    said = explain(refused)
    assert said.text.endswith(" Restore it, Ann.") and said.details == "/work/p.db: is damaged (page 3)"
    assert str(refused) == "/work/p.db: is damaged (page 3). Restore it, Ann."  # the one line, as printed


def test_a_disk_that_fails_an_open_is_told_apart_from_damage(tmp_path: Path) -> None:
    """SQLite's "disk I/O error" led the message: words for whoever looks at the disk."""
    failed = sqlite3.OperationalError("disk I/O error")
    failed.sqlite_errorname = "SQLITE_IOERR"  # type: ignore[attr-defined]
    path = tmp_path / "p.annotator.db"
    path.write_bytes(b"")  # there and writable: neither gone nor read-only
    refused = open_error(failed, path)
    assert isinstance(refused, UnreachableProjectError)
    said = explain(refused)
    assert "disk I/O error" not in said.text and "disk I/O error" in said.details
    assert "Check that the disk or network drive is connected" in said.text


def test_an_error_already_in_plain_words_is_shown_as_it_is() -> None:
    said = explain(ProjectFileError("/work/p.db", "does not exist"))
    assert (said.text, said.details) == ("/work/p.db: does not exist", "")


def test_the_box_keeps_the_details_behind_show_details(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.ui.conftest import open_window

    window = open_window(qtbot, None)
    try:
        window.show_explained(DamagedProjectError(tmp_path / "p.db", "claims row 7: bad label"))
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None and box.detailedText() == f"{tmp_path / 'p.db'}: claims row 7: bad label"
        assert "row 7" not in box.text() and "row 7" not in window.statusBar().currentMessage()
        box.close()
    finally:
        window.close()


def test_the_box_says_a_service_message_as_a_sentence_and_the_status_bar_as_it_came(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The command line's words ("the disk is full; nothing was imported: …") led a box in lower
    case and without a stop; the status bar's line keeps its own style, without one."""
    from tests.ui.conftest import open_window

    said = "the disk is full; nothing was imported: make room on that disk, then import again"
    window = open_window(qtbot, None)
    try:
        window.show_explained(DiskFullError(said))
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None
        assert (
            box.text() == "The disk is full; nothing was imported: make room on that disk, then import again."
        )
        assert window.statusBar().currentMessage() == said
        box.close()
    finally:
        window.close()
