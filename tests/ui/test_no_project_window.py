"""The window with no project open (after a close, a start whose project is gone, a refused
open, and while a project is being opened) as a newcomer meets it: the status bar and the
title say nothing of a project no longer open, Tab goes round what can be used, and every
action left enabled acts without an error and without writing anywhere."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_project, open_window

FIRST = [("First", "The council met on Monday. It voted to raise the rates by ten percent.")]


def test_closing_the_project_leaves_no_word_of_it_in_the_title_or_the_status_bar(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = make_project(tmp_path / "first.annotator.db", FIRST)
    window = open_window(qtbot, path)
    window.auto_preannotate = False
    try:
        assert window.progress_label.text() == "0 / 1 articles done"  # what the close must take away
        window.close_project()
        assert "first.annotator.db" not in window.windowTitle()
        assert "no project" in window.windowTitle()
        bar = window.status_bar
        shown = [(label.text(), label.toolTip()) for label in (bar.project_label, bar.model_label)]
        shown += [(label.text(), label.toolTip()) for label in (bar.progress_label, bar.save_label)]
        assert shown == [("", "")] * 4
    finally:
        window.close()
