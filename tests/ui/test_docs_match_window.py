"""The README and docs/window.md name menu items and keys a person looks for in the window.

A menu item renamed in the code, or a key the docs promise that no action declares, sends an
annotator hunting for something that is not there ("Suggestions ▸ Train", "Team > Statistics"
named items the menus never had). These tests read the documents and check every menu path
against the live window's menus and every key of the key table against the declarations.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.ui.conftest import open_window

ROOT = Path(__file__).resolve().parents[2]
DOCS = ("README.md", "docs/window.md")

MENU_PATH = re.compile(r"\*{1,2}((?:File|Edit|Go|View|Team|Suggestions|Help)\s*(?:▸|>)\s*[^*]+?)\*{1,2}")
"""A menu path as the documents write it: *File ▸ Export…* or **Team > Review Disagreements…**."""


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


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
