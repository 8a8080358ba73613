"""A folder of articles comes in from the File menu, as a drop or `annotator import FOLDER` does.

Import Articles… picks files only: in a folder of saved pages its Open did nothing until every
file was selected by hand, and the refusal of an image said to import "a folder of them".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from annotator.services.settings import load_settings
from tests.ui.conftest import make_project, open_window


def file_menu_item(window: object, text: str) -> QAction:
    """The File menu's item whose words (without the & of its key) are `text`."""
    menu_bar = window.menuBar()  # type: ignore[attr-defined]
    file_menu = next(a.menu() for a in menu_bar.actions() if a.text().replace("&", "") == "File")
    return next(a for a in file_menu.actions() if a.text().replace("&", "") == text)


def test_the_file_menu_imports_every_article_of_a_folder_and_its_subfolders(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = tmp_path / "saved pages"
    (pages / "march").mkdir(parents=True)
    (pages / "bridge.txt").write_text("Bridge vote\n\nThe council voted 7 to 2 to build a bridge.\n", "utf-8")
    (pages / "march" / "harbour.html").write_text(
        "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>"
        "<p>The harbour reopened on Monday after three weeks of repairs, the port authority said."
        " Fishermen welcomed the news and said the season could still be saved.</p></article>"
        "</body></html>",
        "utf-8",
    )
    asked: list[str] = []

    def choose_folder(_parent: object, _caption: str, start: str, *_options: object) -> str:
        asked.append(start)
        return str(pages)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose_folder)
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", []))
    window.transfers.auto_preannotate = False
    try:
        item = file_menu_item(window, "Import a Folder of Articles…")
        assert item.isEnabled()
        item.trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert len(asked) == 1
        titles = sorted(
            window.article_model.index(row, 0).data() for row in range(window.article_model.rowCount())
        )
        assert titles == ["Bridge vote", "Harbour reopens"]
        # The next folder dialog opens where this folder stands, beside its neighbours.
        assert load_settings().folder_for("import") == str(tmp_path)
    finally:
        window.close()


def test_importing_a_folder_waits_for_a_project(qtbot: QtBot) -> None:
    window = open_window(qtbot, None)
    try:
        assert not file_menu_item(window, "Import a Folder of Articles…").isEnabled()
    finally:
        window.close()


def test_a_folder_with_no_article_is_refused_in_sentences_for_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty folder chosen under Import a Folder of Articles… was refused in the command
    line's words, "no articles found: give .txt, … files, or folders of them": lowercase,
    without a full stop, and asking to "give" what a person there chooses."""
    from PySide6.QtWidgets import QMessageBox

    empty = tmp_path / "nothing yet"
    empty.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(empty))
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", []))
    window.transfers.auto_preannotate = False
    try:
        file_menu_item(window, "Import a Folder of Articles…").trigger()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=60_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert isinstance(box, QMessageBox)
        assert box.text().startswith("No articles were found there, so nothing was imported.")
        assert box.text().endswith(".") and "no articles found" in box.detailedText()
        box.close()
    finally:
        window.close()


def test_an_imported_article_s_source_shows_when_its_file_gives_one(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A news dump's JSONL "url" and a saved page's og:site_name (no canonical link) stayed in
    the metadata: the Source column was empty for articles whose files said where they came
    from. A file that gives no source still shows none."""
    pages = tmp_path / "saved pages"
    pages.mkdir()
    (pages / "dump.jsonl").write_text(
        '{"title": "Bridge vote", "text": "The council voted 7 to 2 to build a bridge.",'
        ' "url": "https://www.citynews.example/bridge"}\n',
        "utf-8",
    )
    (pages / "harbour.html").write_text(
        "<html><head><title>Harbour reopens</title><meta property='og:site_name' content='Harbour Gazette'>"
        "</head><body><article><h1>Harbour reopens</h1>"
        "<p>The harbour reopened on Monday after three weeks of repairs, the port authority said."
        " Fishermen welcomed the news and said the season could still be saved.</p></article>"
        "</body></html>",
        "utf-8",
    )
    (pages / "rain.txt").write_text("Rain again\n\nRain fell across the region on Tuesday.\n", "utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(pages))
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", []))
    window.transfers.auto_preannotate = False
    try:
        file_menu_item(window, "Import a Folder of Articles…").trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        model = window.article_model
        shown = {model.index(row, 0).data(): model.index(row, 1).data() for row in range(model.rowCount())}
        assert shown == {
            "Bridge vote": "citynews.example",
            "Harbour reopens": "Harbour Gazette",
            "Rain again": "",
        }
        assert window.project is not None
        sources = {a.title: a.source for a in window.project.articles()}
        assert sources["Bridge vote"] == "https://www.citynews.example/bridge"
    finally:
        window.close()


def test_a_folder_import_says_which_files_it_did_not_read_and_what_to_do(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unpacked INCEpTION project's .xmi files, a PDF and a Word file were passed over without
    a word: "Imported 1 article from 1 file", the rest unmentioned. The report says what was
    skipped and what to do about it."""
    folder = tmp_path / "project export"
    (folder / "annotation").mkdir(parents=True)
    (folder / "bridge.txt").write_text(
        "Bridge vote\n\nThe council voted 7 to 2 to build a bridge.\n", "utf-8"
    )
    for name in ("a.xmi", "b.xmi"):
        (folder / "annotation" / name).write_text("<xmi:XMI/>", "utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(folder))
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", []))
    window.transfers.auto_preannotate = False
    try:
        file_menu_item(window, "Import a Folder of Articles…").trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert window.article_model.rowCount() == 1
        assert window.statusBar().currentMessage() == (
            "Imported 1 article from 1 file; 4 files in the folders skipped, as not read"
        )
        dialog = window.transfers.import_report
        assert dialog is not None and dialog.isVisible()
        assert dialog.skipped.isVisible()
        assert dialog.skipped.text() == (
            "4 files in the folders skipped, as not read: 2 INCEpTION .xmi (export the documents from "
            'INCEpTION as "Plain text" for their texts, or write its labels as JSON Lines spans), '
            "1 Word .docx (save them as plain text (.txt) and import that), 1 .pdf (not supported; "
            "copy the article's text into a .txt file)."
        )
        dialog.close()
    finally:
        window.close()
