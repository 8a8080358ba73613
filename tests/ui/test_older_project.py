"""A project made by an earlier version, opened in the window: updated, and where it is kept as it was."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.store.old_files import project_at
from tests.ui.conftest import open_window
from tests.ui.error_boxes import shown_boxes, wait_for_a_box


def test_an_older_project_opens_with_its_labels_and_says_where_it_is_kept_as_it_was(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A colleague's file from an older release was updated without a word: their release can
    no longer open it, and nothing said so or where a copy it can open was."""
    path = tmp_path / "from Zoë.annotator.db"
    claims = project_at(path, 4)
    window = open_window(qtbot, path)
    wait_for_a_box(qtbot)
    (said,) = shown_boxes()
    assert "earlier version" in said and "from Zoë (before update).annotator.db" in said
    assert (tmp_path / "from Zoë (before update).annotator.db").is_file()
    assert window.article is not None
    assert window.claim_model.rowCount() == len(claims)
    window.close()
