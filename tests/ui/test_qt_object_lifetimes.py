"""Rules for connecting Python to Qt objects that are deleted, each from a crash or a heap
corruption PySide cannot guard against."""

from __future__ import annotations

import ast
import gc
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

UI = Path(__file__).parents[2] / "annotator" / "ui"


def _connects(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "connect"
        and node.args
    ]


def test_no_python_slot_is_connected_to_destroyed() -> None:
    """`destroyed` is emitted inside ~QObject, after the subclass's destructors and with the
    Python wrapper being torn down: a Python slot there runs on a half-destroyed object, and its
    argument is one. The window's message box and its row-warnings handler used to listen there."""
    found = [
        f"{path.relative_to(UI.parent.parent)}:{call.lineno}"
        for path in sorted(UI.rglob("*.py"))
        for call in _connects(ast.parse(path.read_text("utf-8")))
        if isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Attribute)
        and call.func.value.attr == "destroyed"
    ]
    assert found == []


def test_every_single_shot_timer_names_the_object_it_is_for() -> None:
    """`QTimer.singleShot(ms, callable)` has no object to outlive: a bound method of a widget
    deleted meanwhile was still called (a C++ slot raised "already deleted" from the event loop,
    a Python one ran on the dead widget). Given the object, Qt drops the call with it."""
    found = [
        f"{path.relative_to(UI.parent.parent)}:{node.lineno}"
        for path in sorted(UI.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "singleShot"
        and len(node.args) < 3
    ]
    assert found == []


# Lambdas holding `self` on a signal of an object `self` owns, kept on purpose: the window and
# its action table live for the whole session, and the window is never freed before the end.
LAMBDAS_ON_OWN_CHILDREN_ALLOWED = {
    "annotator/ui/actions.py:ActionSet.bind": "the window's actions, bound to their handlers",
    "annotator/ui/main_window.py:MainWindow._build": "the window's undo stack, backup and warnings",
    "annotator/ui/main_window.py:MainWindow._build_widgets": "the window's own article list",
}


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _root(expr: ast.expr) -> str | None:
    """The name an expression such as `self.list.selectionModel().currentRowChanged` starts from."""
    while isinstance(expr, ast.Attribute | ast.Call | ast.Subscript):
        expr = expr.func if isinstance(expr, ast.Call) else expr.value
    return expr.id if isinstance(expr, ast.Name) else None


def _made_with_self(function: ast.FunctionDef) -> set[str]:
    """Local names bound to an object constructed with `self` itself as an argument (its parent)."""
    return {
        node.targets[0].id
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Call)
        and any(
            isinstance(arg, ast.Name) and arg.id == "self"
            for arg in (*node.value.args, *(k.value for k in node.value.keywords))
        )
    }


def _lambdas_on_own_children() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            for function in (node for node in cls.body if isinstance(node, ast.FunctionDef)):
                children = _made_with_self(function)
                for call in _connects(function):
                    slot = call.args[0]
                    if not isinstance(slot, ast.Lambda) or not isinstance(call.func, ast.Attribute):
                        continue
                    held = _names(slot.body) - {a.arg for a in slot.args.args}
                    sender = _root(call.func.value)
                    if "self" in held and (sender == "self" or sender in children):
                        where = f"{path.relative_to(UI.parent.parent)}:{cls.name}.{function.name}"
                        found.setdefault(where, []).append(call.lineno)
    return found


def test_no_lambda_holding_self_is_connected_to_a_signal_of_what_self_owns() -> None:
    """PySide keeps a connected lambda as long as the sender, and a sender `self` owns lives as
    long as `self`: a cycle through C++ Python's collector cannot see. A dialog or panel so made
    was never freed by Python, and where Python alone owned it, it was freed from inside its
    child's destructor when that child was deleted, which it then deleted again (the guidelines
    panel's heap corruption). A bound method is held weakly: connect one instead."""
    found = _lambdas_on_own_children()
    assert set(found) - set(LAMBDAS_ON_OWN_CHILDREN_ALLOWED) == set(), found
    assert set(LAMBDAS_ON_OWN_CHILDREN_ALLOWED) - set(found) == set()  # no stale exception


def _widget_dropped(make: Callable[[], QWidget]) -> bool:
    """Whether a widget Python alone owns is freed with its last name."""
    gone = weakref.ref(make())
    gc.collect()
    return gone() is None


def test_a_panel_or_dialog_python_owns_is_freed_with_its_last_name(qapp: QApplication) -> None:
    """Each connected a signal of a widget of its own to a lambda using it, and so was never
    freed (a test's panel, a dialog made without a parent), or freed later from inside the
    destructor of that widget."""
    from annotator.ui.about import AboutDialog
    from annotator.ui.article_panel import ArticlePanel
    from annotator.ui.claim_panel import ClaimPanel
    from annotator.ui.decisions_dialog import DecisionsDialog
    from annotator.ui.legend import Legend

    makers: dict[str, Callable[[], QWidget]] = {
        "about": AboutDialog,
        "article list": ArticlePanel,
        "claim list": ClaimPanel,
        "entity decisions": lambda: DecisionsDialog(None, [], {}),
        "legend": Legend,
    }
    kept = [name for name, make in makers.items() if not _widget_dropped(make)]
    assert kept == []
