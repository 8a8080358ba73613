"""The window with no project open (after a close, a start whose project is gone, a refused
open, and while a project is being opened) as a newcomer meets it: the status bar and the
title say nothing of a project no longer open, Tab goes round what can be used, and every
action left enabled acts without an error and without writing anywhere."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QPushButton, QStyleOptionButton
from pytestqt.qtbot import QtBot

from annotator.services.paths import settings_file
from annotator.store import project_store
from annotator.ui.app import start_checked
from annotator.ui.centre import EmptyState
from annotator.ui.main_window import MainWindow
from annotator.ui.task_runner import TaskOptions
from tests.ui.conftest import answer_work_question, make_project, open_window, wait_listed, wait_opened

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
        assert window.windowTitle() == "Annotator (tester)"  # as an empty window names itself
        bar = window.status_bar
        shown = [(label.text(), label.toolTip()) for label in (bar.project_label, bar.model_label)]
        shown += [(label.text(), label.toolTip()) for label in (bar.progress_label, bar.save_label)]
        assert shown == [("", "")] * 4
        assert window.articles.count.text() == ""  # not "0 articles", as at a first start
        assert window.claims.title.text() == "Claims"  # not "Claims (0)"
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


ENABLED_WITH_NO_PROJECT = {
    "new_project",
    "open_project",
    "backups",
    "change_name",
    "quit",
    "preferences",
    "article_list",
    "bigger",
    "smaller",
    "guidelines_panel",
    "suggestions_panel",
    "open_sample",
    "shortcuts",
    "messages",
    "about",
}
"""What can be used with no project: start or find one, the person's own settings, the view,
the guidelines, help. Every other action needs a project and is disabled."""

NOT_TRIGGERED = {"quit", "open_sample"}
"""Enabled, but left alone by the tours below: Quit ends the test, and the sample is a project
the window makes and opens (tests/ui/test_sample_from_the_menu.py), which would drop an opening."""

LABELLING_KEYS = ("1", "2", "3", "E", "J", "K", "N", "W", "D", "A", "R", "Q", "Del", "Ctrl+Z", "Ctrl+Shift+Z")


@pytest.fixture
def nothing_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file dialog is cancelled, as a person who only looks would."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([], "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: ("", "")))


def _menu_actions(menu: QMenu) -> list[QAction]:
    """Every action of a menu and its submenus but the themes (they restyle the whole application)."""
    found: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            if submenu.objectName() != "theme":
                found.extend(_menu_actions(submenu))
        elif not action.isSeparator():
            found.append(action)
    return found


def _trigger_every_enabled_action(qtbot: QtBot, window: MainWindow) -> tuple[set[str], list[str]]:
    """Trigger each enabled action of the menu bar once (`NOT_TRIGGERED` aside), closing whatever window
    it opens; the enabled ids and the message boxes shown (their text)."""
    boxes: list[str] = []

    def close_other_windows() -> None:
        for top in QApplication.topLevelWidgets():
            if top is not window and top.isVisible() and top.isWindow():
                if isinstance(top, QMessageBox):
                    boxes.append(top.text())
                top.close()

    closer = QTimer()
    closer.timeout.connect(close_other_windows)
    closer.start(50)  # the modal ones are shown inside `trigger`
    enabled: set[str] = set()
    try:
        for menu in window.menuBar().findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
            for action in _menu_actions(menu):
                if not action.isEnabled():
                    continue
                enabled.add(action.objectName())
                if action.objectName() not in NOT_TRIGGERED:
                    action.trigger()
                    qtbot.wait(100)
                    close_other_windows()
    finally:
        closer.stop()
    return enabled, boxes


def _press_labelling_keys(qtbot: QtBot, window: MainWindow) -> None:
    for key in LABELLING_KEYS:
        sequence = QKeySequence(key)[0]
        focused = QApplication.focusWidget() or window
        qtbot.keyClick(focused, sequence.key(), sequence.keyboardModifiers())


def _project_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*") if ".db" in p.name)


def test_every_action_left_enabled_with_no_project_acts_without_a_box_or_a_write(
    qtbot: QtBot, tmp_path: Path, nothing_chosen: None, caplog: pytest.LogCaptureFixture
) -> None:
    window = open_window(qtbot, None)
    home = Path(os.environ["ANNOTATOR_HOME"])
    try:
        with caplog.at_level(logging.WARNING):
            enabled, boxes = _trigger_every_enabled_action(qtbot, window)
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
            window.centre.empty.open_button.setFocus()
            _press_labelling_keys(qtbot, window)
        assert boxes == []  # no "Open a project first" after the click, no error
        assert enabled == ENABLED_WITH_NO_PROJECT
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
        assert window.project is None and not window.entity_mode
        assert window.statusBar().currentMessage() == ""
        assert _project_files(tmp_path, home) == []
    finally:
        window.close()


def test_while_a_project_opens_with_none_open_the_window_offers_nothing_that_needs_one(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    nothing_chosen: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = make_project(tmp_path / "first.annotator.db", FIRST)
    let_through = threading.Event()
    real = project_store.check_connection

    def held(conn: sqlite3.Connection, checked: Path) -> int:
        let_through.wait(20)
        return real(conn, checked)

    monkeypatch.setattr(project_store, "check_connection", held)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        window.open_checked_in_pool(path)
        assert window.opening
        with caplog.at_level(logging.WARNING):
            enabled, boxes = _trigger_every_enabled_action(qtbot, window)
            _press_labelling_keys(qtbot, window)
        assert window.opening  # nothing above dropped the opening
        assert boxes == []
        assert enabled == ENABLED_WITH_NO_PROJECT
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
        assert window.statusBar().currentMessage() == "Opening first.annotator.db…"
        assert "first.annotator.db" not in window.windowTitle()  # not open yet
        assert not window.articles.isEnabled() and not window.claims.isEnabled()
        let_through.set()
        wait_opened(qtbot, window)
        wait_listed(qtbot, window)
        assert window.project is not None and window.article is not None
        assert window.claims.isEnabled()
    finally:
        let_through.set()
        window.close()


def test_entity_mode_is_not_named_in_the_status_bar_with_no_project_and_is_kept_for_the_next(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = make_project(tmp_path / "first.annotator.db", FIRST)
    window = open_window(qtbot, path)
    window.auto_preannotate = False
    mode_label = window.status_bar.mode_label
    try:
        window.registry["entity_mode"].trigger()
        assert mode_label.isVisible() and "E leaves" in mode_label.text()
        window.close_project()
        assert window.statusBar().currentMessage() == ""  # nor the mode's passing line
        assert not mode_label.isVisible()  # E is off: "E leaves" would name a key that does nothing
        window.open_project(path)
        wait_listed(qtbot, window)
        assert window.entity_mode and mode_label.isVisible()
    finally:
        window.close()


def test_ctrl_w_closes_the_project_and_return_then_offers_to_open_one(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_project(tmp_path / "first.annotator.db", FIRST)
    window = open_window(qtbot, path)
    window.auto_preannotate = False
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        assert window.project is None
        assert window.centre.currentWidget() is window.centre.empty
        assert QApplication.focusWidget() is window.centre.empty.open_button
        assert not window.registry["close_project"].isEnabled()
        assert window.settings.recent_projects[0] == str(path.resolve())  # Open Recent has it first
    finally:
        window.close()


def test_close_project_while_an_export_runs_asks_and_no_keeps_the_project_and_the_export(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    path = make_project(tmp_path / "first.annotator.db", FIRST)
    window = open_window(qtbot, path)
    window.auto_preannotate = False
    started = threading.Event()

    def until_cancelled(_progress: object, cancelled: Callable[[], bool]) -> None:
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)

    try:
        window.run_task(until_cancelled, "Exporting…", lambda _r: None, TaskOptions(name="export"))
        assert started.wait(30)
        answer_work_question(window, QMessageBox.StandardButton.No, asked)
        window.registry["close_project"].trigger()
        assert asked == ["Exporting is not finished: closing the project now cancels it. Close it anyway?"]
        assert window.project is not None and window.busy  # No: the project and the export stay
    finally:
        window.close()


def test_a_start_whose_last_project_is_gone_says_so_where_new_and_open_are(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "away" / "thesis.annotator.db"
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(
        json.dumps({"annotator": "Ada", "recent_projects": [str(gone)]}), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = start_checked(None)
    qtbot.addWidget(window)
    empty = window.centre.empty
    try:
        assert window.project is None and not window.opening
        said = empty.hint.text()
        assert "thesis.annotator.db" in said and str(gone.parent) in said
        window.open_project(make_project(tmp_path / "first.annotator.db", FIRST))
        wait_listed(qtbot, window)
        window.close_project()
        assert "thesis" not in empty.hint.text()  # said of the start only
    finally:
        window.close()


def test_a_start_whose_last_project_is_gone_names_its_newest_backup_and_how_to_restore_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project deleted by mistake had its daily copy in the backups, and the page said only
    "Open it where it is now, or start a new one": the way back to the work went unsaid."""
    from annotator.services.backups import back_up_if_due

    gone = make_project(tmp_path / "thesis.annotator.db", FIRST)
    copy = back_up_if_due(gone)
    assert copy is not None
    for leftover in tmp_path.glob("thesis.annotator.db*"):
        leftover.unlink()
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(
        json.dumps({"annotator": "Ada", "recent_projects": [str(gone)]}), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = start_checked(None)
    qtbot.addWidget(window)
    try:
        assert window.project is None
        said = window.centre.empty.hint.text()
        assert f"A copy of it from {copy.taken:%Y-%m-%d %H:%M} is kept in the backups" in said
        assert "File ▸ Restore from a Backup…" in said
    finally:
        window.close()


def test_a_start_whose_gone_project_has_no_backup_names_none(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "away" / "thesis.annotator.db"
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(
        json.dumps({"annotator": "Ada", "recent_projects": [str(gone)]}), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = start_checked(None)
    qtbot.addWidget(window)
    try:
        assert "backup" not in window.centre.empty.hint.text().lower()
    finally:
        window.close()


@pytest.mark.parametrize("folder", ["still there", "gone too"])
def test_a_start_whose_last_project_is_gone_opens_no_older_one_in_its_place(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    """The next recent project opened without a word: its articles in place of those worked on
    last read as lost work, or were labelled as the other project's. The window says where the
    last one was and opens none; Open Recent keeps the others. A file gone from a folder still
    there is taken off the list; one whose folder is gone too (a drive not connected) stays,
    to be reopened once it is back."""
    older = make_project(tmp_path / "older.annotator.db", FIRST)
    gone = tmp_path / ("thesis" if folder == "still there" else "away") / "thesis.annotator.db"
    gone.parent.mkdir(exist_ok=folder == "still there")
    if folder == "gone too":
        gone.parent.rmdir()
    recent = [str(gone), str(older)]
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(json.dumps({"annotator": "Ada", "recent_projects": recent}), encoding="utf-8")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = start_checked(None)
    qtbot.addWidget(window)
    try:
        assert window.project is None and not window.opening
        qtbot.wait(50)  # nothing opens later either
        assert window.project is None and not window.opening
        assert window.centre.currentWidget() is window.centre.empty
        said = window.centre.empty.hint.text()
        assert "thesis.annotator.db" in said and str(gone.parent) in said
        assert window.windowTitle() == "Annotator (Ada)"
        kept = recent[1:] if folder == "still there" else recent
        window.recent.menu.aboutToShow.emit()
        assert [action.data() for action in window.recent.menu.actions()] == kept
        assert list(json.loads(settings_file().read_text("utf-8"))["recent_projects"]) == kept
    finally:
        window.close()


def _start(qtbot: QtBot) -> MainWindow:
    window = start_checked(None)
    qtbot.addWidget(window)
    window.auto_preannotate = False
    return window


def _show_active(qtbot: QtBot, window: MainWindow) -> None:
    """Shown and active: an Alt+letter mnemonic reaches only the active window's buttons."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_every_start_names_the_gone_project_until_a_project_is_opened(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Said at one start only: that start took the gone file off Open Recent, and the next one
    opened the older project below it without a word of the one worked on last."""
    older = make_project(tmp_path / "older.annotator.db", FIRST)
    gone = tmp_path / "thesis" / "thesis.annotator.db"
    gone.parent.mkdir()  # the folder is still there: the file alone was moved or deleted
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    recent = [str(gone), str(older)]
    settings_file().write_text(json.dumps({"annotator": "Ada", "recent_projects": recent}), encoding="utf-8")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    for start in ("first", "second", "third"):
        window = _start(qtbot)
        try:
            assert window.project is None and not window.opening, start
            said = window.centre.empty.hint.text()
            assert "thesis.annotator.db" in said and str(gone.parent) in said, start
            window.recent.menu.aboutToShow.emit()
            assert [action.data() for action in window.recent.menu.actions()] == [str(older)], start
            if start == "third":  # the person acts: Open Recent's older project
                window.recent.menu.actions()[0].trigger()
                wait_opened(qtbot, window)
                wait_listed(qtbot, window)
                assert window.project is not None and window.project.path == older
        finally:
            window.close()
    window = _start(qtbot)
    try:
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path.resolve() == older.resolve()
        assert "thesis" not in window.centre.empty.hint.text()
        assert json.loads(settings_file().read_text("utf-8"))["gone_project"] == ""
    finally:
        window.close()


def test_a_gone_project_whose_file_is_back_is_reopened_and_no_longer_named(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Taken off Open Recent by the start that found it gone, it is still the one a start opens."""
    older = make_project(tmp_path / "older.annotator.db", FIRST)
    away = make_project(tmp_path / "moved.annotator.db", FIRST)
    gone = tmp_path / "thesis.annotator.db"
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    recent = [str(gone), str(older)]
    settings_file().write_text(json.dumps({"annotator": "Ada", "recent_projects": recent}), encoding="utf-8")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = _start(qtbot)
    try:
        assert window.project is None and "thesis.annotator.db" in window.centre.empty.hint.text()
    finally:
        window.close()
    away.rename(gone)  # moved back
    window = _start(qtbot)
    try:
        wait_opened(qtbot, window)
        wait_listed(qtbot, window)
        assert window.project is not None and window.project.path == gone
        assert window.settings.gone_project == ""
    finally:
        window.close()


def test_don_t_tell_me_again_leaves_that_file_unsaid_at_the_next_starts_and_names_others(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project kept on a USB stick was named as gone at every start without the stick. Its
    "Don't tell me again for this file" leaves that file unsaid; it stays on Open Recent (its
    folder is gone with the stick), is reopened once it is back, and another gone file is still
    named."""
    stick = tmp_path / "stick" / "thesis.annotator.db"
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(
        json.dumps({"annotator": "Ada", "recent_projects": [str(stick)]}), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = _start(qtbot)
    try:
        empty = window.centre.empty
        assert "thesis.annotator.db" in empty.hint.text()
        box = empty.quiet_box
        assert box.isVisible() and box.text() == "Don't tell &me again for this file" and not box.isChecked()
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        assert box.isChecked()
        assert json.loads(settings_file().read_text("utf-8"))["quiet_gone_projects"] == [str(stick)]
    finally:
        window.close()
    window = _start(qtbot)
    try:
        empty = window.centre.empty
        assert window.project is None and not window.opening  # no other project in its place
        assert "thesis" not in empty.hint.text() and not empty.quiet_box.isVisible()
        assert empty.hint.text().startswith("A project is one file")
        window.recent.menu.aboutToShow.emit()
        assert [action.data() for action in window.recent.menu.actions()] == [str(stick)]
    finally:
        window.close()
    make_project(stick, FIRST)  # the stick is back
    window = _start(qtbot)
    try:
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path == stick
        wait_listed(qtbot, window)
    finally:
        window.close()
    other = tmp_path / "laptop" / "notes.annotator.db"
    settings = json.loads(settings_file().read_text("utf-8"))
    settings["recent_projects"] = [str(other), str(stick)]
    settings_file().write_text(json.dumps(settings), encoding="utf-8")
    window = _start(qtbot)
    try:
        empty = window.centre.empty
        assert "notes.annotator.db" in empty.hint.text() and empty.quiet_box.isVisible()
        assert not empty.quiet_box.isChecked()  # said of that file alone
    finally:
        window.close()


def test_alt_m_ticks_don_t_tell_me_again_and_no_menu_takes_that_key(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box had no mnemonic: a keyboard user reached it only by Tab from the buttons below."""
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    gone = tmp_path / "stick" / "thesis.annotator.db"
    settings_file().write_text(
        json.dumps({"annotator": "Ada", "recent_projects": [str(gone)]}), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = _start(qtbot)
    try:
        _show_active(qtbot, window)
        box = window.centre.empty.quiet_box
        assert box.isVisible() and not box.isChecked()
        menus = [QKeySequence.mnemonic(action.text()) for action in window.menuBar().actions()]
        assert QKeySequence("Alt+M") not in menus and QKeySequence("Alt+F") in menus
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(box.isChecked)  # a mnemonic clicks as a mouse would, press then release
        assert json.loads(settings_file().read_text("utf-8"))["quiet_gone_projects"] == [str(gone)]
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: not box.isChecked())
    finally:
        window.close()


def _recording_presses(empty: EmptyState) -> tuple[dict[QPushButton, str], list[str]]:
    """The empty page's buttons by name, each recording its presses in the list instead of acting."""
    pressed: list[str] = []
    names = {empty.new_button: "new", empty.open_button: "open", empty.sample_button: "sample"}
    for button, name in names.items():
        button.clicked.disconnect()
        button.clicked.connect(lambda _checked=False, name=name: pressed.append(name))
    return names, pressed


def test_return_presses_the_empty_page_button_tab_went_to(qtbot: QtBot, tmp_path: Path) -> None:
    """Tab goes round New, Open and Sample Project, but Return pressed only Open (the page's
    default): on New or Sample Project it did nothing, and nothing said why."""
    path = make_project(tmp_path / "first.annotator.db", FIRST)
    window = open_window(qtbot, path)
    window.auto_preannotate = False
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        empty = window.centre.empty
        names, pressed = _recording_presses(empty)
        for _ in range(3):
            focused = QApplication.focusWidget()
            assert focused in names
            qtbot.keyClick(focused, Qt.Key.Key_Return)
            assert pressed[-1:] == [names[focused]]
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert sorted(pressed) == ["new", "open", "sample"]
    finally:
        window.close()


def _shown_as_default(button: QPushButton) -> bool:
    """Whether the button is painted as the one Return presses (Fusion's darker, framed look)."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    return bool(option.features & QStyleOptionButton.ButtonFeature.DefaultButton)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_the_empty_page_shows_as_default_the_button_return_presses(qtbot: QtBot, key: Qt.Key) -> None:
    """Open Project kept the default look while Tab went on to New or Sample Project, whose
    Return (and keypad Enter) it then was not: the look said Return would open a project."""
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        empty = window.centre.empty
        names, pressed = _recording_presses(empty)
        assert QApplication.focusWidget() is empty.open_button
        for expected in ("open", "sample", "new", "open"):
            focused = QApplication.focusWidget()
            assert isinstance(focused, QPushButton) and names[focused] == expected
            assert [name for button, name in names.items() if button.isDefault()] == [expected]
            assert [name for button, name in names.items() if _shown_as_default(button)] == [expected]
            qtbot.keyClick(focused, key)
            assert pressed[-1:] == [expected]
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert pressed == ["open", "sample", "new", "open"]
    finally:
        window.close()


def test_the_empty_page_buttons_answer_alt_letters_no_menu_takes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New, Open and Sample Project had no mnemonic: a keyboard user reached them by Tab only."""
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(json.dumps({"annotator": "Ada"}), encoding="utf-8")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = _start(qtbot)
    try:
        _show_active(qtbot, window)
        empty = window.centre.empty
        menus = {QKeySequence.mnemonic(action.text()) for action in window.menuBar().actions()}
        pressed: list[str] = []
        for button, name in (
            (empty.new_button, "new"),
            (empty.open_button, "open"),
            (empty.sample_button, "sample"),
        ):
            button.clicked.disconnect()
            button.clicked.connect(lambda _checked=False, name=name: pressed.append(name))
        for letter, name in ((Qt.Key.Key_N, "new"), (Qt.Key.Key_O, "open"), (Qt.Key.Key_P, "sample")):
            assert QKeySequence(Qt.KeyboardModifier.AltModifier | letter) not in menus
            qtbot.keyClick(QApplication.focusWidget() or window, letter, Qt.KeyboardModifier.AltModifier)
            qtbot.waitUntil(lambda name=name: pressed[-1:] == [name])
    finally:
        window.close()


def test_a_quiet_file_gone_from_its_folder_is_still_taken_off_open_recent(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = make_project(tmp_path / "older.annotator.db", FIRST)
    gone = tmp_path / "thesis" / "thesis.annotator.db"
    gone.parent.mkdir()  # the folder is there: the file was deleted or moved away
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(
        json.dumps(
            {
                "annotator": "Ada",
                "recent_projects": [str(gone), str(older)],
                "quiet_gone_projects": [str(gone)],
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = _start(qtbot)
    try:
        assert window.project is None and "thesis" not in window.centre.empty.hint.text()
        window.recent.menu.aboutToShow.emit()
        assert [action.data() for action in window.recent.menu.actions()] == [str(older)]
        assert json.loads(settings_file().read_text("utf-8"))["recent_projects"] == [str(older)]
    finally:
        window.close()


def test_a_start_whose_last_project_is_a_link_to_itself_starts_and_open_recent_says_why(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project file replaced by a symbolic link that loops stopped every start with "internal
    error" (the backups were looked up by a path Python cannot resolve), until the settings
    file was edited by hand; Open Recent said "Something went wrong in annotator"."""
    looping = tmp_path / "thesis.annotator.db"
    looping.symlink_to(looping.name)
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(
        json.dumps({"annotator": "Ada", "recent_projects": [str(looping)]}), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    window = start_checked(None)
    qtbot.addWidget(window)
    try:
        assert window.project is None and "thesis.annotator.db" in window.centre.empty.hint.text()
        (action,) = [a for a in window.recent_menu.actions() if a.data() == str(looping)]
        action.trigger()
        wait_opened(qtbot, window)
        said = window.statusBar().currentMessage()
        assert said.startswith(f"{looping}: is a symbolic link that leads to no file"), said
        for box in window.findChildren(QMessageBox, "errorBox"):
            box.close()
    finally:
        window.close()
