"""A quotation inside another (imported so): the line under the text, the tooltip and W all
mean the innermost one at the caret."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.services.importing import import_paths
from tests.ui.conftest import open_window

TEXT = "Anna Berg said \"Tom Baker told me 'no' twice\" on Monday. Tom Baker agreed."
OUTER = (TEXT.index('"'), TEXT.index('twice"') + len('twice"'))
INNER = (TEXT.index("'no'"), TEXT.index("'no'") + len("'no'"))


def _quote(span: tuple[int, int], speaker: str, at: int) -> dict[str, object]:
    return {
        "start": span[0],
        "end": span[1],
        "kind": "direct",
        "speaker": {"start": at, "end": at + len(speaker), "name": speaker},
    }


def _nested_project(tmp_path: Path) -> Path:
    """One article whose file gives Anna Berg's quotation and, inside it, Tom Baker's."""
    source = tmp_path / "nested.jsonl"
    record = {
        "text": TEXT,
        "title": "Nested",
        "quotes": [
            _quote(OUTER, "Anna Berg", TEXT.index("Anna Berg")),
            _quote(INNER, "Tom Baker", TEXT.index("Tom Baker")),
        ],
    }
    source.write_text(json.dumps(record) + "\n", "utf-8")
    path = tmp_path / "nested.annotator.db"
    with open_project(path) as project:
        import_paths(project, [source])
    return path


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_the_line_names_the_inner_quotation_w_opens_on(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, _nested_project(tmp_path))
    qtbot.waitUntil(lambda: window.article is not None)
    window.view.setFocus()
    window.view.scroll_to(INNER[0] + 2)  # in "no"
    qtbot.waitUntil(lambda: "Tom Baker" in window.context_line.text())
    assert "Anna Berg" not in window.context_line.text()
    assert window.view.accessibleDescription() == window.context_line.text()
    assert window.view.describe(INNER[0] + 2).startswith("Quotation by Tom Baker")  # the tooltip's words
    # Outside the inner one, the outer one is named.
    assert window.view.describe(INNER[0] - 3).startswith("Quotation by Anna Berg")
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = window.quotations.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.speaker() == "Tom Baker"  # the one the line named
    dialog.reject()
