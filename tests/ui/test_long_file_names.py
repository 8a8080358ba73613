"""The file names the window proposes fit in a file system's name limit (255 bytes).

A project named in a language written in several bytes a letter (a long Russian or Chinese
title) left little room: the proposed copy, export and backup names added their endings to the
whole name, and saving under the name proposed failed with "File name too long".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.ui import save_dialog
from annotator.ui.export_labels import ExportLabelsDialog
from tests.long_paths import deep_folder
from tests.ui.conftest import make_project, open_window

TEXTS = [("One", "The council met on Monday. It said the plan was a disgrace.")]
NAME_MAX = 255
TITLE = "Заявления министров о бюджете и налогах за весь год"  # 51 letters, 95 bytes


def _long_project(folder: Path, ending: str) -> Path:
    """A project whose name, with `ending`, is as long as a project's name can be (247 bytes:
    SQLite adds "-journal" beside it)."""
    stem = (TITLE + " ") * 3
    while len((stem + ending).encode()) > NAME_MAX - len("-journal"):
        stem = stem[:-1]
    return make_project(folder / (stem + ending), TEXTS)


def _errors(window: QWidget) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox, "errorBox")]


class SaveAsProposed:
    """Stands in for the save dialog of a person who keeps the name proposed and presses Save."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.proposed: list[str] = []

        def save(
            _parent: object, _title: str, start: str, filters: str, *_rest: str, **_options: object
        ) -> tuple[str, str]:
            self.proposed.append(start)
            return start, filters.split(";;")[0]

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
        monkeypatch.setattr(save_dialog, "ask_save_path", save)  # the Export dialog


@pytest.mark.parametrize("ending", [".annotator.db", ".db"])
def test_save_a_copy_as_under_the_proposed_name_of_a_long_named_project(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    dialog = SaveAsProposed(monkeypatch)
    project = _long_project(tmp_path, ending)
    window = open_window(qtbot, project)
    try:
        window.registry["save_copy"].trigger()
        copy = Path(dialog.proposed[-1])
        assert len(copy.name.encode()) <= NAME_MAX
        assert copy.name.startswith(TITLE[:20]) and copy.name.endswith(" (copy).annotator.db")
        qtbot.waitUntil(
            lambda: not window.busy and not window.listing, timeout=20_000
        )  # the copy runs in the background
        assert _errors(window) == [] and copy.is_file()
    finally:
        window.close()


def test_export_of_one_persons_labels_under_the_proposed_name_of_a_long_named_project(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name proposed adds the person's name to the project's ("-María José Fernández")."""
    from annotator import open_project
    from tests.ui.test_export_labels import export_with

    person = "María José Fernández"
    project = _long_project(tmp_path, ".db")
    with open_project(project, create=False) as opened:
        first = opened.article_ids()[0]
        opened.add_claim(first, 0, 26, "factual", annotator=person)
        opened.add_claim(first, 0, 26, "opinion", annotator="bob")
    dialog = SaveAsProposed(monkeypatch)
    window = open_window(qtbot, project, annotator=person)
    window.transfers.auto_preannotate = False

    def just_mine(labels: ExportLabelsDialog) -> None:
        qtbot.mouseClick(labels.one, Qt.MouseButton.LeftButton)
        labels.annotator.setCurrentText(person)
        qtbot.mouseClick(labels.choose, Qt.MouseButton.LeftButton)

    try:
        export_with(qtbot, window, just_mine)
        out = Path(dialog.proposed[-1])
        assert len(out.name.encode()) <= NAME_MAX
        assert out.name.startswith(TITLE[:20]) and out.name.endswith(f"-{person}-prodigy.jsonl")
        assert _errors(window) == []
        written = out.read_text("utf-8")
        assert json.dumps(person, ensure_ascii=False) in written and '"bob"' not in written
    finally:
        window.close()


def test_restore_a_backup_of_a_long_named_project_under_the_proposed_name(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.services.backups import back_up_if_due
    from annotator.ui.backups import BackupsDialog

    project = _long_project(tmp_path, ".annotator.db")
    assert back_up_if_due(project) is not None
    dialog_stand_in = SaveAsProposed(monkeypatch)
    window = open_window(qtbot, None)
    try:
        window.registry["backups"].trigger()
        qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)
        dialog = window.findChild(BackupsDialog)
        assert isinstance(dialog, BackupsDialog)
        dialog.open_button.click()
        restored = Path(dialog_stand_in.proposed[-1])
        assert len(restored.name.encode()) <= NAME_MAX and restored.name.startswith(TITLE[:20])
        qtbot.waitUntil(lambda: window.project is not None, timeout=20_000)
        assert window.project is not None and window.project.path == restored
        assert _errors(window) == []
    finally:
        window.close()


class SaveAsTyped:
    """Stands in for the save dialog of a person who types `name` in `folder` and presses Save."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        def save(_parent: object, _title: str, _start: str, filters: str, *_rest: str) -> tuple[str, str]:
            return str(path), filters.split(";;")[0]

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save)


def _typed_name(size: int, ending: str = ".annotator.db") -> str:
    """A name of `size` bytes, Cyrillic (two bytes a letter) but for its last letter and `ending`."""
    stem = "Ж" * ((size - len(ending)) // 2)
    return stem + "x" * (size - len((stem + ending).encode())) + ending


@pytest.mark.parametrize(("size", "over"), [(248, 1), (251, 2), (255, 4), (260, 7)])
def test_a_new_project_named_past_the_limit_says_by_how_much(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, over: int
) -> None:
    """A typed name of 248-255 bytes fits the disk but not SQLite's '-journal' beside it: the
    window said "cannot be opened here (unable to open database file); check the disk", as if
    the disk were failing, or that the disk was read-only, or "Something went wrong"."""
    name = _typed_name(size)
    assert len(name.encode()) == size
    SaveAsTyped(monkeypatch, tmp_path / name)
    window = open_window(qtbot, None)
    try:
        window.registry["new_project"].trigger()
        qtbot.waitUntil(lambda: bool(_errors(window)))
        [said] = _errors(window)
        assert f"the name is too long by {over} characters; shorten it" in said
        assert window.project is None
        assert list(tmp_path.iterdir()) == []  # nothing made
    finally:
        window.close()


def test_save_a_copy_as_a_name_past_the_limit_says_by_how_much(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy was written under the name, which then could not be opened."""
    project = make_project(tmp_path / "p.annotator.db", TEXTS)
    copies = tmp_path / "copies"
    copies.mkdir()
    SaveAsTyped(monkeypatch, copies / _typed_name(250))
    window = open_window(qtbot, project)
    try:
        window.registry["save_copy"].trigger()
        qtbot.waitUntil(lambda: bool(_errors(window)), timeout=10_000)
        [said] = _errors(window)
        assert "the name is too long by 2 characters; shorten it" in said
        assert list(copies.iterdir()) == []
        assert window.project is not None and window.project.path == project
    finally:
        window.close()


def test_a_new_project_in_a_folder_past_the_path_limit_says_so(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Folders nested past the 4,096 bytes of a path: "File name too long", or worse."""
    folder = deep_folder(tmp_path, 4100)
    SaveAsTyped(monkeypatch, folder / "claims.annotator.db")
    window = open_window(qtbot, None)
    try:
        window.registry["new_project"].trigger()
        qtbot.waitUntil(lambda: bool(_errors(window)))
        [said] = _errors(window)
        assert "the folder's path is too long" in said and "Errno" not in said
        assert window.project is None
    finally:
        window.close()
