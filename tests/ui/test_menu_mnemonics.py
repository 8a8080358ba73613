"""Alt+F, then one letter: each menu's underlined letters differ, or the letter only moves the
highlight between the items that share it (seen under X11: "M" for both Pre-annotation Model
and Merge Project Files)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
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
    # The guidelines panel is built after the first paint, which may follow `open_window`.
    qtbot.waitUntil(lambda: window.start_finished, timeout=10_000)
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


def _missing(menu: QMenu, path: str) -> list[str]:
    """Items a keyboard user cannot reach with one letter, in `menu` and its submenus (filled
    as they are when they open)."""
    menu.aboutToShow.emit()
    found: list[str] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        if not re.search(r"&[^&]", action.text()):
            found.append(f"{path} > {action.text()}")
        submenu = action.menu()
        if isinstance(submenu, QMenu) and submenu is not menu:
            found += _missing(submenu, f"{path} > {action.text()}")
    return found + _clashes(menu, path)


def test_every_item_of_every_menu_has_its_own_underlined_letter(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    """Alt+G then a letter: "Next Candidate", "Larger Text" and eight more had no letter, so a
    keyboard user had to arrow through the menu. Open Recent (paths) and the legend's More
    types menu (entity types) are filled from data: each item is numbered or lettered, and a
    "&" in a folder's name ("R&D") is shown, not taken for the underline."""
    window = open_window(qtbot, project_path)
    try:
        window.finish_start()
        window.settings = window.settings.with_recent(str(tmp_path / "R&D" / "old.annotator"))
        window.legend.set_entity_labels(["LAW", "LANGUAGE", "PERCENT", "PRODUCT"])
        menus = [(action.menu(), action.text()) for action in window.menuBar().actions()]
        menus.append((window.legend.more_menu, "More types"))
        found = [item for menu, title in menus if isinstance(menu, QMenu) for item in _missing(menu, title)]
        assert found == []
        window.recent_menu.aboutToShow.emit()
        shown = [
            action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            for action in window.recent_menu.actions()
        ]
        assert shown == [f"{n} {path}" for n, path in enumerate(window.settings.recent_projects, 1)]
        assert str(tmp_path / "R&D" / "old.annotator") in shown[0]
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen: the menu's popup
def test_f10_opens_the_menu_bar_and_escape_goes_back_to_the_text(qtbot: QtBot, project_path: Path) -> None:
    """F10 opens the menu bar on GNOME, Xfce and Windows: here it did nothing, the focus left in
    the text, and a person who knew no other way to the menus from the keyboard reached for the mouse."""
    window = open_window(qtbot, project_path)
    try:
        window.view.setFocus()
        qtbot.waitUntil(window.view.hasFocus)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F10)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        assert QApplication.activePopupWidget() is window.menuBar().actions()[0].menu()  # File
        QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is window.menuBar().actions()[1].menu())
        QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(window.view.hasFocus)
    finally:
        window.close()
