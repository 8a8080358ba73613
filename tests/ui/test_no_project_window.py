"""The window with no project open (after a close, a start whose project is gone, a refused
open, and while a project is being opened) as a newcomer meets it: the status bar and the
title say nothing of a project no longer open, Tab goes round what can be used, and every
action left enabled acts without an error and without writing anywhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_project, open_window, wait_listed

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


def _tab_stops(qtbot: QtBot, presses: int) -> list[str]:
    """The object names the focus lands on, Tab after Tab."""
    stops: list[str] = []
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        landed = QApplication.focusWidget()
        stops.append(landed.objectName() if landed is not None else "")
    return stops


def test_tab_goes_round_new_open_and_sample_only_and_the_panes_read_as_unavailable(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = make_project(tmp_path / "first.annotator.db", FIRST)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        assert QApplication.focusWidget() is window.centre.empty.open_button
        assert _tab_stops(qtbot, 6) == ["emptySample", "emptyNew", "emptyOpen"] * 2
        assert not window.articles.isEnabled() and not window.claims.isEnabled()
        window.open_project(path)
        wait_listed(qtbot, window)
        assert window.claims.isEnabled()
        assert window.articles.isEnabled() == (not window.list_fold.folded)
        window.close_project()  # the panes the project enabled are off again
        assert not window.articles.isEnabled() and not window.claims.isEnabled()
        assert _tab_stops(qtbot, 3) == ["emptySample", "emptyNew", "emptyOpen"]
    finally:
        window.close()
