"""The README and docs/window.md name menu items and keys a person looks for in the window.

A menu item renamed in the code, or a key the docs promise that no action declares, sends an
annotator hunting for something that is not there ("Suggestions ▸ Train", "Team > Statistics"
named items the menus never had). These tests read the documents and check every menu path
against the live window's menus, every key of the key table (docs/window.md, the window's full
tour) against the declarations, and the few keys the README's quick start names against the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from annotator.ui.actions import ACTIONS, ActionSpec
from tests.ui.conftest import open_window

ROOT = Path(__file__).resolve().parents[2]
DOCS = ("README.md", "docs/window.md")
KEY_TABLE_DOC = "docs/window.md"
KEY = re.compile(r"(?:(?:Ctrl|Shift|Alt)\+)*(?:\S|F\d+|[A-Z][a-z]+)")
"""A key as the documents write it in backticks: `J`, `?`, `Ctrl+Z`, `Shift+F3`, `Escape`."""
"""The one document with the key table; the README's window section names a few keys and links to it."""

MENU_PATH = re.compile(r"\*{1,2}((?:File|Edit|Go|View|Team|Suggestions|Help)\s*(?:▸|>)\s*[^*]+?)\*{1,2}")
"""A menu path as the documents write it: *File ▸ Export…* or **Team > Review Disagreements…**."""

TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "J": ("next",),
    "K": ("previous",),
    "1": ("label_factual",),
    "2": ("label_opinion",),
    "3": ("label_questionable",),
    "N": ("note",),
    "Delete": ("delete_claim",),
    "Ctrl+Z": ("undo",),
    "Ctrl+Shift+Z": ("redo",),
    "Ctrl+Y": ("redo",),
    "D": ("done",),
    "W": ("correct_quote",),
    "Q": ("next_quote",),
    "Shift+Q": ("previous_quote",),
    "E": ("entity_mode",),
    "Enter": ("accept_suggestion",),
    "Ctrl+T": ("train_suggestions",),
    "Ctrl+Shift+R": ("review",),
    "F9": ("suggestions_panel",),
    "Ctrl+F": ("search",),
    "/": ("search",),
    "F3": ("find_next",),
    "Ctrl+G": ("find_next",),
    "Shift+F3": ("find_previous",),
    "Ctrl+Shift+G": ("find_previous",),
    "Escape": ("to_text",),
    "Return": ("open_in_text", "accept_suggestion"),
    "Ctrl+L": ("article_list",),
    "Ctrl++": ("bigger",),
    "Ctrl+=": ("bigger",),
    "Ctrl+-": ("smaller",),
    "Ctrl+,": ("preferences",),
    "Ctrl+N": ("new_project",),
    "Ctrl+O": ("open_project",),
    "Ctrl+W": ("close_project",),
    "Ctrl+I": ("import",),
    "Ctrl+P": ("preannotate",),
    "Ctrl+E": ("export",),
    "Ctrl+Q": ("quit",),
    "F10": ("menu_bar",),
    "?": ("shortcuts",),
    "F1": ("shortcuts",),
}
"""Each key in the first column of the documents' key table, and the actions its row says it does."""


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def _portable(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


def _table(doc: str) -> list[tuple[str, str]]:
    """(keys column, whole row) of the `| Keys | What they do |` table."""
    lines = (ROOT / doc).read_text("utf-8").splitlines()
    start = lines.index("| Keys | What they do |")
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append((line.split("|")[1], line))
    return rows


def _menu_items(menu: QMenu) -> list[str]:
    return [action.text().replace("&", "") for action in menu.actions() if not action.isSeparator()]


@pytest.mark.parametrize("doc", DOCS)
def test_every_menu_item_the_docs_name_is_in_that_menu(qtbot: QtBot, doc: str) -> None:
    window = open_window(qtbot, None)
    menus = {
        action.text().replace("&", ""): _menu_items(action.menu())
        for action in window.menuBar().actions()
        if isinstance(action.menu(), QMenu)
    }
    named = [m.group(1) for m in MENU_PATH.finditer(_flat((ROOT / doc).read_text("utf-8")))]
    assert named, f"{doc} names menu items"
    missing = []
    for path in named:
        title, item = (part.strip() for part in re.split(r"▸|>", path, maxsplit=1))
        # "File ▸ Export" for the item "Export…" is the same item.
        if not any(text.removesuffix("…") == item.removesuffix("…") for text in menus[title]):
            missing.append(path)
    assert missing == [], f"{doc} names menu items the window does not have"
    window.close()


def test_every_key_in_the_key_table_does_what_its_row_says() -> None:
    doc = KEY_TABLE_DOC
    specs: dict[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}
    listed = {key for keys, _row in _table(doc) for key in re.findall(r"`([^`]+)`", keys)}
    assert listed == set(TABLE_KEYS), f"{doc}: the key table's keys changed; say here what each does"
    for key, ids in TABLE_KEYS.items():
        for action_id in ids:
            declared = {_portable(k) for k in specs[action_id].keys}
            assert _portable(key) in declared, f"{doc}: {key} is not a key of {action_id}"


def test_the_key_table_names_every_key_the_window_declares() -> None:
    doc = KEY_TABLE_DOC
    named = {_portable(key) for _keys, row in _table(doc) for key in re.findall(r"`([^`]+)`", row)}
    missing = [f"{key} ({spec.id})" for spec in ACTIONS for key in spec.keys if _portable(key) not in named]
    assert missing == [], f"{doc}'s key table leaves out keys the window has"


def _readme_window_section() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index("## The annotation window\n")
    return text[start : text.index("\n## ", start + 1)]


def test_the_readme_s_window_section_links_to_the_full_tour_and_its_keys_are_in_the_table() -> None:
    """The README keeps a quick start and sends the reader to docs/window.md for the rest; the
    keys it names are keys of the table (and so of the declarations the table is checked against)."""
    section = _readme_window_section()
    assert "(docs/window.md)" in section
    assert "| Keys |" not in section  # the table is written once, in docs/window.md
    keys = [k for k in re.findall(r"`([^`]+)`", section) if KEY.fullmatch(k)]
    assert keys, "the README's window section names the first keys to press"
    table = {
        _portable(key)
        for keys_column, _row in _table(KEY_TABLE_DOC)
        for key in re.findall(r"`([^`]+)`", keys_column)
    }
    assert [k for k in keys if _portable(k) not in table] == []
