"""A new project named after a file that is there: the window asks to open it, never to replace it.

The save dialog asked "second.annotator.db already exists. Do you want to replace it?"; Yes
opened the project as it was, its 273 articles and all, as if it were the new, empty one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_project, open_window, wait_opened

TEXTS = [("Bridge", "The council voted 7 to 2 to build a bridge.")]


class NewProjectDialog:
    """The save dialog of someone who types the name of `path` and presses Save."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        self.options: list[Any] = []

        def save(_parent: object, _title: str, _start: str, filters: str, *rest: Any) -> tuple[str, str]:
            self.options.extend(rest[1:])
            return str(path), filters.split(";;")[0]

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save)


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Open, QMessageBox.StandardButton.Cancel])
def test_a_new_project_named_after_an_existing_one_asks_to_open_it_as_it_is(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton
) -> None:
    existing = make_project(tmp_path / "second.annotator.db", TEXTS)
    dialog = NewProjectDialog(monkeypatch, existing)
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    window = open_window(qtbot, make_project(tmp_path / "mine.annotator.db", []))
    try:
        window.registry["new_project"].trigger()
        wait_opened(qtbot, window)  # an existing file is checked in the pool first
        # The save dialog itself never asks to replace what nothing replaces.
        assert dialog.options == [QFileDialog.Option.DontConfirmOverwrite]
        (said,) = asked
        assert said.startswith("second.annotator.db already exists. A new project never replaces a file")
        assert window.project is not None
        opened = answer == QMessageBox.StandardButton.Open
        assert window.project.path.name == ("second.annotator.db" if opened else "mine.annotator.db")
        assert len(window.project.articles()) == (1 if opened else 0)
    finally:
        window.close()


def test_a_new_project_with_a_new_name_asks_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    NewProjectDialog(monkeypatch, tmp_path / "fresh.annotator.db")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: pytest.fail("asked about a new name"))
    window = open_window(qtbot, None)
    try:
        window.registry["new_project"].trigger()
        wait_opened(qtbot, window)  # an existing file is checked in the pool first
        assert window.project is not None and window.project.path.name == "fresh.annotator.db"
        assert window.project.articles() == []
    finally:
        window.close()
