"""The keys as declared, whatever the desktop's standard keys say: on X11, Qt's standard Delete
is Del *and* Ctrl+D (D marks an article done), and New, Open and Quit add keys named New, Open
and Exit that no keyboard of our users has."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from annotator.ui.actions import EXTRA_HELP
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import open_window, select_words

_STD = QKeySequence.StandardKey
_X11_BINDINGS = {
    _STD.Delete: [QKeySequence("Del"), QKeySequence("Ctrl+D")],
    _STD.New: [QKeySequence("Ctrl+N"), QKeySequence(Qt.Key.Key_New)],
    _STD.Open: [QKeySequence("Ctrl+O"), QKeySequence(Qt.Key.Key_Open)],
    _STD.Quit: [QKeySequence("Ctrl+Q"), QKeySequence(Qt.Key.Key_Exit)],
}
_TYPED = {
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Backspace,
    *(Qt.Key(Qt.Key.Key_F1.value + i) for i in range(12)),
}
"""The keys off the typewriter part of the keyboard that a shortcut may use alone."""


@pytest.fixture
def x11_window(qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The window as a KDE or GNOME desktop builds it (offscreen, Qt's standard keys are fewer)."""
    standard = QKeySequence.keyBindings

    def x11(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        return list(_X11_BINDINGS.get(key, standard(key)))

    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(x11))
    window = open_window(qtbot, project_path)
    yield window
    window.close()


def test_ctrl_d_does_not_delete_the_claim_and_del_does(qtbot: QtBot, x11_window: MainWindow) -> None:
    window = x11_window
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    start = window.view.text.index("Five people")
    select_words(qtbot, window, start, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    window.view.scroll_to(start + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # a slip for D
    assert len(window.project.claims(article_id)) == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.project.claims(article_id) == []


def test_the_key_table_lists_only_keys_a_keyboard_has(qtbot: QtBot, x11_window: MainWindow) -> None:
    window = x11_window
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert dialog.isVisible()
    table = dialog.table
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert rows["New Project…"] == "Ctrl+N"
    assert rows["Open Project…"] == "Ctrl+O"
    assert rows["Quit"] == "Ctrl+Q"
    assert rows["Delete Claim"] == "Del"
    gestures = {what for _keys, what in EXTRA_HELP}
    for what, keys in rows.items():
        if what in gestures:
            continue
        for key in keys.split(", "):
            sequence = QKeySequence(key)
            assert sequence.count() == 1 and sequence.toString() == key, (what, key)
            combination = sequence[0]
            alone = combination.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
            typed = combination.key().value < Qt.Key.Key_Escape.value or combination.key() in _TYPED
            assert typed or not alone, (what, key)
    dialog.close()


def test_the_key_table_says_where_each_key_works(qtbot: QtBot, window: MainWindow) -> None:
    """Return was listed twice ("Open the Article or Claim in the Text", "Accept Suggestion") and
    Escape as "Back to the Text", with no word of where: a newcomer could not tell what Return
    does in the text. One row a key, saying what it does in each place it works."""
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    keys = [key for key, _what in rows]
    assert len(keys) == len(set(keys))  # no key twice
    said = dict(rows)
    # "The lists" took in the Suggestions panel, where Return accepts and opens nothing.
    assert said["Return, Enter"] == (
        "In the search box and the article and claim lists: open the article or claim; "
        "in the text and the Suggestions panel: accept the model's suggestion for the outlined "
        "candidate (in the panel, the selected one)"
    )
    assert said["Esc"] == (
        "In the search box and the article and claim lists: go back to the text "
        "(from the Suggestions panel too); in the text, unselect the words a search selected"
    )
    assert said["J"] == "Next Candidate"  # a key that works anywhere in the window says nothing more
    dialog.close()


def _live(action: QAction) -> bool:
    """Whether Qt would fire `action` for its keys now: enabled, and its shortcut context met by
    the active window and the focus (as Qt's own matcher for widgets decides)."""
    if not action.isEnabled():
        return False
    active, focus = QApplication.activeWindow(), QApplication.focusWidget()
    context = action.shortcutContext()
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):  # a menu's item works through the menu bar it is in
            owners = [w for w in owner.menuAction().associatedObjects() if isinstance(w, QWidget)]
            if context == Qt.ShortcutContext.WindowShortcut and any(
                w.isVisible() and w.window() is active for w in owners
            ):
                return True
            continue
        if not isinstance(owner, QWidget) or not owner.isVisible() or not owner.isEnabled():
            continue
        if context == Qt.ShortcutContext.ApplicationShortcut:
            return True
        if context == Qt.ShortcutContext.WidgetShortcut:
            if owner is focus:
                return True
        elif context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
            if focus is not None and (owner is focus or owner.isAncestorOf(focus)):
                return True
        elif owner.window() is active:
            return True
    return False


def _ambiguous() -> dict[str, list[str]]:
    """Every key that two live actions share, as Qt sees them now ("Ambiguous shortcut
    overload": the key then does nothing at all)."""
    actions: dict[int, QAction] = {}
    for top in QApplication.topLevelWidgets():
        for widget in [top, *top.findChildren(QWidget)]:
            for action in widget.actions():
                actions[id(action)] = action
        for action in top.findChildren(QAction):
            actions[id(action)] = action
    keys: dict[str, list[str]] = {}
    for action in actions.values():
        if _live(action):
            for sequence in action.shortcuts():
                keys.setdefault(sequence.toString(), []).append(action.objectName() or action.text())
    return {key: names for key, names in keys.items() if len(names) > 1}


def test_no_key_is_ambiguous_wherever_the_focus_is(qtbot: QtBot, x11_window: MainWindow) -> None:
    """Each place a person works, in each mode: no two actions Qt would fire share a key. The
    declarations are checked by `duplicate_keys`; this walks the live window, where panels
    attach actions to their own widgets (Return accepts in the Suggestions panel: the lists'
    Return there too would make it do nothing)."""
    from annotator.ui.review import ReviewDialog

    window = x11_window
    window.finish_start()
    qtbot.waitUntil(lambda: window.start_finished, timeout=10_000)
    window.registry["suggestions_panel"].trigger()
    window.registry["guidelines_panel"].trigger()
    qtbot.waitUntil(window.suggestions.dock.isVisible)
    found: dict[str, dict[str, list[str]]] = {}
    for mode in ("claims", "entities"):
        if mode == "entities":
            window.view.setFocus()
            qtbot.keyClick(window.view, Qt.Key.Key_E)
            assert window.entity_mode
        places = [
            w
            for w in window.findChildren(QWidget)
            if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        ]
        assert window.search in places and window.suggestions.panel.list in places
        for place in places:
            place.setFocus()
            if QApplication.focusWidget() is place and (clash := _ambiguous()):
                found[f"{mode}: {place.objectName() or type(place).__name__}"] = clash
    window.registry["review"].trigger()
    review = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow)
    if clash := _ambiguous():
        found["review"] = clash
    review.close()
    assert found == {}


def test_tab_leaves_the_key_table_for_the_guidelines_and_close(qtbot: QtBot, window: MainWindow) -> None:
    """Tab in the `?` table walked its cells, row after row, and never left it: the guidelines
    under it and the Close button could not be reached from the keyboard."""
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()  # as a window manager makes it; the offscreen platform does not
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.table
    close = dialog.findChild(QPushButton)
    assert close is not None and close.text() == "Close"
    visited = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == [dialog.guidelines, close, dialog.table]
    dialog.close()
