"""Alt+F, then one letter: each menu's underlined letters differ, or the letter only moves the
highlight between the items that share it (seen under X11: "M" for both Pre-annotation Model
and Merge Project Files)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.ui.conftest import open_window


def _clashes(menu: QMenu, path: str) -> list[str]:
    letters: dict[str, list[str]] = {}
    found: list[str] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        mnemonic = re.search(r"&([^&])", action.text())
        if mnemonic:
            letters.setdefault(mnemonic.group(1).casefold(), []).append(action.text())
        submenu = action.menu()
        if isinstance(submenu, QMenu) and submenu is not menu:
            found += _clashes(submenu, f"{path} > {action.text()}")
    found += [f"{path}: {', '.join(texts)}" for texts in letters.values() if len(texts) > 1]
    return found


def test_no_two_items_of_a_menu_share_their_underlined_letter(qtbot: QtBot) -> None:
    window = open_window(qtbot, None)
    bar = window.menuBar()
    menus = [(action.menu(), action.text()) for action in bar.actions()]
    found = [clash for menu, title in menus if isinstance(menu, QMenu) for clash in _clashes(menu, title)]
    assert found == []
    titles = [re.search(r"&([^&])", action.text()) for action in bar.actions()]
    assert len({m.group(1).casefold() for m in titles if m}) == len(titles)  # the menu bar too
    window.close()


def test_the_window_s_buttons_do_not_take_a_menu_s_letter(qtbot: QtBot) -> None:
    """Alt+E opened the Edit menu, never the guidelines panel's "&Edit guidelines…" button."""
    from PySide6.QtWidgets import QAbstractButton

    window = open_window(qtbot, None)
    menus = {
        m.group(1).casefold()
        for action in window.menuBar().actions()
        if (m := re.search(r"&([^&])", action.text()))
    }
    buttons = [
        (m.group(1).casefold(), button.text())
        for button in window.findChildren(QAbstractButton)
        if (m := re.search(r"&([^&])", button.text()))
    ]
    assert buttons, "the window has buttons with underlined letters (the guidelines panel's)"
    assert [text for letter, text in buttons if letter in menus] == []
    window.close()
