"""Every "Menu ▸ Item" a message or a help text names is a menu item the window has.

The Suggestions panel sent a new user to "Suggestions ▸ Train", a menu item that is called
"Train Label Suggestions…": the words a person reads must lead to the menu they find.
"""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from annotator.ui.main_window import MainWindow

PACKAGE = Path(__file__).resolve().parents[2] / "annotator"

MENU_PATH = re.compile(r"\b(File|Edit|Go|View|Team|Suggestions|Help) ▸ ([^\n]+)")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring constants of `tree` (said to developers, not shown)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        # Attribute and constant docstrings: a string expression right after an assignment.
        for block in ("body", "orelse"):
            statements = getattr(node, block, None)
            if not isinstance(statements, list):
                continue
            for before, statement in itertools.pairwise(statements):
                if (
                    isinstance(before, ast.Assign | ast.AnnAssign)
                    and isinstance(statement, ast.Expr)
                    and isinstance(statement.value, ast.Constant)
                ):
                    found.add(id(statement.value))
    return found


def shown_strings() -> list[tuple[str, str]]:
    """(where, text) of every string in the package that is not a docstring."""
    shown: list[tuple[str, str]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in hidden:
                shown.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node.value))
    return shown


def _items(menu: QMenu) -> list[str]:
    """The words a menu's items show (no & mnemonic)."""
    texts = (
        action.text().replace("&&", "\0").replace("&", "").replace("\0", "&") for action in menu.actions()
    )
    return [text for text in texts if text]


def names_an_item(menus: dict[str, QMenu | None], top: str, rest: str) -> bool:
    menu = menus.get(top)
    if menu is None:
        return False
    # Named with or without its ellipsis ("Edit ▸ Preferences"), as people write it; a submenu's
    # items are not checked: they change (Open Recent).
    return any(rest.startswith(text.removesuffix("…")) for text in _items(menu))


def test_every_menu_path_a_message_names_is_in_the_menus(window: MainWindow) -> None:
    window.features.build_all()  # the Team and Suggestions menus' items are built after the first paint
    menus: dict[str, QMenu | None] = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            menus[action.text().replace("&", "")] = menu
    assert {"File", "Edit", "View", "Team", "Suggestions", "Help"} <= set(menus)
    wrong = [
        f"{where}: {match.group(0)[:60]!r}"
        for where, text in shown_strings()
        for match in MENU_PATH.finditer(text)
        if not names_an_item(menus, match.group(1), match.group(2))
    ]
    assert not wrong, "\n".join(wrong)


def test_a_wrong_path_is_found(window: MainWindow) -> None:
    """The check itself: a path no menu has is told apart from one it has."""
    window.features.build_all()
    menus = {
        action.text().replace("&", ""): action.menu()
        for action in window.menuBar().actions()
        if isinstance(action.menu(), QMenu)
    }
    assert names_an_item(menus, "Suggestions", "Train Label Suggestions… trains")  # type: ignore[arg-type]
    assert not names_an_item(menus, "Suggestions", "Train.")  # type: ignore[arg-type]
    assert isinstance(window.menuBar().actions()[0], QAction)
