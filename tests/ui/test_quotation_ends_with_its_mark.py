"""Words of a quotation selected without its last stop and closing mark (as a person selects
words): W takes the mark in, and the stop before it, at the end as it does at the start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import Analysis, ArticleDraft, Entity, Quote, QuoteKind, Speaker
from annotator.services.exporting import ExportOptions, export
from annotator.services.project import store_of
from tests.ui.conftest import hand_analysis, open_window, select_words

TEXT = "Anna 🙂 Berg said: “Taxes 🙂 rise, and they rise again.” Then she left. Bo asked: “Why?” and went."
WHOLE = "“Taxes 🙂 rise, and they rise again.”"


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_bounds_and_added_quotations_end_with_the_closing_mark(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "ends.annotator.db"
    opening = TEXT.index(WHOLE)
    cut = TEXT.index(", and")  # the finder stopped at the comma
    anna = TEXT.index("Anna")
    with open_project(path) as project:
        (article_id,) = project.import_drafts([ArticleDraft(text=TEXT, title="Ends", source="t")]).added
        analysis = Analysis(
            hand_analysis("").pipeline,
            (Entity(anna, anna + len("Anna 🙂 Berg"), "PERSON"),),
            (
                Quote(
                    opening, cut, QuoteKind.DIRECT, Speaker(anna, anna + len("Anna 🙂 Berg"), "Anna 🙂 Berg")
                ),
            ),
            (),
            ((0, len(TEXT)),),
        )
        store_of(project).save_analyses([(article_id, analysis)])
    window = open_window(qtbot, path)
    assert window.project is not None
    # "Taxes" to "again", as a drag over the words selects them: not the ".”" after them.
    window.view.setFocus()
    window.view.select_span(TEXT.index("Taxes"), TEXT.index("again") + len("again"))
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = window.quotations.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.use_bounds()  # the finder cut it short: ticked, Enter saves them
    assert dialog.bounds.text().endswith("again.”")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # "Why" selected, a quotation the finder missed: its "?” too.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    select_words(qtbot, window, TEXT.index("Why"), 1)
    assert window.view.selected_span() == (TEXT.index("Why"), TEXT.index("Why") + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = window.quotations.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.excerpt.text() == "“Why?”"
    dialog.speaker_edit.setText("Bo")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    quoted = [TEXT[q.start : q.end] for q in window.project.quotes(article_id)]
    assert quoted == [WHOLE, "“Why?”"]
    window.close()
    out = tmp_path / "ends.jsonl"
    with open_project(path) as project:
        export(project, out, options=ExportOptions(format="jsonl"))
    task = json.loads(out.read_text("utf-8"))
    assert [task["text"][q["start"] : q["end"]] for q in task["quotes"]] == [WHOLE, "“Why?”"]
