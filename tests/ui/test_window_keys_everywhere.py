"""Ctrl+Q (and New, Open) work wherever the focus is: in the window, its docks and its own
windows. A window's keys work while that window is active only, and with the focus in the
import report, the review or the statistics, Ctrl+Q did nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.ui import project_files
from annotator.ui.actions import ACTIONS
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window


def _counted(window: MainWindow, action_id: str) -> list[str]:
    fired: list[str] = []
    window.registry[action_id].triggered.connect(lambda *_a: fired.append(action_id))
    return fired


def _press_in(qtbot: QtBot, top: QWidget, key: Qt.Key) -> None:
    """Ctrl+`key` with `top` active and the focus where it puts it, as a person presses it."""
    top.activateWindow()  # as a window manager does; the offscreen platform does not
    qtbot.waitUntil(top.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or top, key, Qt.KeyboardModifier.ControlModifier)


def test_the_application_wide_keys_are_quit_new_and_open() -> None:
    assert {spec.id: spec.keys for spec in ACTIONS if spec.application} == {
        "new_project": ("Ctrl+N",),
        "open_project": ("Ctrl+O",),
        "quit": ("Ctrl+Q",),
    }


def test_ctrl_q_in_the_import_report_quits(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    good = incoming / "council.txt"
    good.write_text("Council vote\n\nThe mayor said taxes will rise by 5% next year.\n", "utf-8")
    bad = incoming / "wire.csv"
    bad.write_text('name,body\nx,"A council spokesperson said 300 jobs would go."\n', "utf-8")
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", []))
    window.auto_preannotate = False
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(good), str(bad)], ""))
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        dialog = window.transfers.import_report
        assert dialog is not None and dialog.isVisible()
        dialog.table.setFocus()
        _press_in(qtbot, dialog, Qt.Key.Key_Q)
        qtbot.waitUntil(lambda: not window.isVisible())  # quit: the window and its report are gone
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: a dock set floating
def test_quit_new_and_open_work_in_the_docks_and_the_window_s_dialogs(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window, "_quit_despite_work", lambda: False)  # asked, and the answer is stay
    monkeypatch.setattr(project_files, "ask_new_project", lambda *_a: None)  # the file dialogs, cancelled
    monkeypatch.setattr(project_files, "ask_project_to_open", lambda *_a: None)
    keys = {"quit": Qt.Key.Key_Q, "new_project": Qt.Key.Key_N, "open_project": Qt.Key.Key_O}
    fired = {action_id: _counted(window, action_id) for action_id in keys}
    window.finish_start()
    window.registry["suggestions_panel"].trigger()
    window.registry["guidelines_panel"].trigger()
    qtbot.waitUntil(window.suggestions.dock.isVisible)
    window.registry["review"].trigger()
    window.registry["statistics"].trigger()
    docks = window.findChildren(QDockWidget)
    assert len(docks) == 2
    missed: list[tuple[str, str]] = []
    for floating in (False, True):
        for dock in docks:
            dock.setFloating(floating)
        tops = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
        assert {type(top).__name__ for top in tops} >= {"ReviewDialog", "DashboardDialog"}
        for top in tops:
            for action_id, key in keys.items():
                before = len(fired[action_id])
                _press_in(qtbot, top, key)
                if len(fired[action_id]) == before:
                    missed.append((top.objectName() or type(top).__name__, action_id))
    for action_id in ("shortcuts", "about"):  # each holds the window until it closes
        window.registry[action_id].trigger()
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        for key_action, key in keys.items():
            before = len(fired[key_action])
            _press_in(qtbot, dialog, key)
            if len(fired[key_action]) == before:
                missed.append((type(dialog).__name__, key_action))
        dialog.close()
    assert missed == []
