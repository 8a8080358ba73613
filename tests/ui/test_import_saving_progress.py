"""An import's progress once its files are read: the saving of its articles, which takes
seconds for a spreadsheet of tens of thousands, is shown as under way, not as a full bar."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleDraft
from annotator.services.project import Project
from annotator.ui import services_bridge
from annotator.ui.subprocess_work import _import
from annotator.ui.task_runner import TaskProgress
from tests.ui.conftest import make_project, open_window


def test_an_import_saving_its_articles_says_so_while_its_bar_moves(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 50,000-row CSV was read in a second, then saved for several more with its bar full and
    still under "Importing…": it looked hung, and a Cancel then came too late to stop it."""
    # In this process, so that the saving can be held while the dialog is looked at.
    monkeypatch.setattr(
        services_bridge,
        "import_work",
        lambda path, paths, max_bytes: (
            lambda progress, cancel: _import(path, paths, max_bytes, progress=progress, cancel=cancel)
        ),
    )
    saving, release = threading.Event(), threading.Event()
    real_import_drafts = Project.import_drafts

    def held_import_drafts(project: Project, drafts: Iterable[ArticleDraft]) -> object:
        # The store takes the drafts as the files are read: held once the last is taken.
        def read_then_held() -> Iterator[ArticleDraft]:
            yield from drafts
            saving.set()
            release.wait(timeout=20)

        return real_import_drafts(project, read_then_held())

    sheet = tmp_path / "sheet.csv"
    rows = "".join(f'Title {n},"The council met on day {n}, and voted."\r\n' for n in range(3))
    sheet.write_text("title,text\r\n" + rows, "utf-8")
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", []))
    window.auto_preannotate = False
    monkeypatch.setattr(Project, "import_drafts", held_import_drafts)
    try:
        window.files_dropped([sheet])
        qtbot.waitUntil(saving.is_set, timeout=10_000)
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, TaskProgress)
        # A maximum of 0 is Qt's busy bar: it moves, with no count to fill.
        qtbot.waitUntil(lambda: dialog.labelText() == "Importing…\nSaving 3 articles…", timeout=5_000)
        assert dialog.maximum() == 0
        release.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        assert window.statusBar().currentMessage() == "Imported 3 articles from 1 file"
        assert window.article_model.rowCount() == 3
    finally:
        release.set()
