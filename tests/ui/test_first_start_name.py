"""A first start (no name saved) shows the window, then asks the name over it.

The name was asked before the window was made: a new person met a lone small dialog with no
program behind it and no taskbar entry, which a window manager might place in a corner.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from annotator.services.settings import load_settings
from annotator.ui.app import start_checked
from annotator.ui.dialogs import NameDialog
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, wait_listed

TEXT = "The council met on Monday. It voted to raise the rates by ten percent."

Act = Callable[[MainWindow, NameDialog], None]


def start_and_answer(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, project: Path | None, act: Act
) -> MainWindow:
    """The checked start, as `annotator [PROJECT]` runs it with no name saved; `act` runs on the
    window and the name dialog once the dialog has the keys. The dialog is closed after `act`
    whatever it did, so the start goes on; what `act` asserted fails the test then."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the start installs its own
    failed: list[BaseException] = []
    started: list[MainWindow] = []

    def attempt() -> None:
        if started:
            return  # the start is over: the dialog was never seen
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, NameDialog) and w.isVisible()]
        if not shown or not shown[0].isActiveWindow():
            QTimer.singleShot(20, attempt)
            return
        dialog = shown[0]
        try:
            window = dialog.parentWidget()
            assert isinstance(window, MainWindow), f"the dialog is over {window!r}, not the window"
            act(window, dialog)
        except BaseException as exc:  # an assertion: close the dialog, fail after the start
            failed.append(exc)
        finally:
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, attempt)
    window = start_checked(project)
    started.append(window)
    qtbot.addWidget(window)
    if failed:
        window.close()
        raise failed[0]
    return window


def type_keys(text: str) -> None:
    """Keys typed where the focus is, as a keyboard types them."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClicks(focused, text)


def test_the_first_start_shows_the_window_then_asks_the_name_over_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def act(window: MainWindow, dialog: NameDialog) -> None:
        assert window.isVisible()
        assert dialog.windowModality() == Qt.WindowModality.WindowModal
        assert QApplication.activeModalWidget() is dialog
        assert QApplication.focusWidget() is dialog.edit  # the keys go to its field
        centre, over = dialog.frameGeometry().center(), window.frameGeometry().center()
        assert abs(centre.x() - over.x()) <= 2 and abs(centre.y() - over.y()) <= 2
        type_keys("Ada L.")
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)

    window = start_and_answer(qtbot, monkeypatch, None, act)
    try:
        assert window.settings.annotator == "Ada L." and load_settings().annotator == "Ada L."
        assert window.windowTitle() == "Annotator (Ada L.)"
        qtbot.waitUntil(window.isActiveWindow)  # the keys back to the window
    finally:
        window.close()


def _login_refused() -> str:
    raise KeyError("no name for this uid")


@pytest.mark.parametrize(
    ("login", "saved"),
    [(lambda: "dana", "dana"), (lambda: "Gold", "annotator"), (_login_refused, "annotator")],
    ids=["login name", "the reviewers' name", "no login name"],
)
def test_escape_at_the_first_start_labels_under_the_login_name(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, login: Callable[[], str], saved: str
) -> None:
    monkeypatch.setattr(getpass, "getuser", login)

    def act(window: MainWindow, dialog: NameDialog) -> None:
        type_keys("Ada")  # typed, then dismissed: unsaved, as the dialog says of Escape
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Escape)
        assert not dialog.isVisible()

    window = start_and_answer(qtbot, monkeypatch, None, act)
    try:
        assert window.settings.annotator == saved and load_settings().annotator == saved
    finally:
        window.close()


def test_a_project_opened_at_the_first_start_takes_no_label_before_the_name(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`annotator PROJECT` at a first start opens the project behind the dialog: every claim
    records who made it, so the label keys act only once the name is given."""
    path = make_project(tmp_path / "first.annotator.db", [("Rates", TEXT)])

    def label_by_keys(window: MainWindow) -> None:
        window.view.select_span(TEXT.index("It voted"), len(TEXT))
        handle = window.windowHandle()
        assert handle is not None
        QTest.keyClick(handle, Qt.Key.Key_1)  # as X delivers a key to the window

    def act(window: MainWindow, dialog: NameDialog) -> None:
        qtbot.waitUntil(lambda: window.project is not None, timeout=20_000)  # opened behind
        wait_listed(qtbot, window)
        label_by_keys(window)
        assert window.project is not None and window.project.claims() == []
        assert QApplication.focusWidget() is dialog.edit
        type_keys("Ada")
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)

    window = start_and_answer(qtbot, monkeypatch, path, act)
    try:
        assert window.project is not None and window.settings.annotator == "Ada"
        qtbot.waitUntil(window.isActiveWindow)
        label_by_keys(window)  # the same keys, the name given
        assert [c.annotator for c in window.project.claims()] == ["Ada"]
        saved = load_settings()  # the name joined what the open saved meanwhile
        assert saved.annotator == "Ada" and saved.recent_projects[0] == str(path)
    finally:
        window.close()
