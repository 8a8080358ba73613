"""Rules for connecting Python to Qt objects that are deleted, each from a crash or a heap
corruption PySide cannot guard against."""

from __future__ import annotations

import ast
from pathlib import Path

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
