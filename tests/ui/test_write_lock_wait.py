"""A label made while another program holds the project's write lock (a merge into the team
file, a large import) waits with the window alive, says why, and is saved when the lock goes;
or, cancelled, is said not saved. The window stood still and grey for up to ten seconds.
The guidelines' Save and saves outside the undo history (the pre-annotation model) wait the
same way, and a cancelled wait keeps what the person typed or chose for one more try."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.services.guidelines import default_guidelines, guidelines
from annotator.services.preannotate import chosen_pipeline
from annotator.ui.guidelines import GuidelinesEditor
from annotator.ui.main_window import MainWindow
from annotator.ui.task_runner import StopAsker
from tests.services.test_pipeline_choice import medium_installed
from tests.ui.conftest import select_words, spoken_name

_HOLD = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


pytestmark = pytest.mark.slow  # seconds each, processes and waits: out of the everyday run (CI's time)


@contextmanager
def write_lock_held(path: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the project's write lock for `seconds` (or until the block ends)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def _waiting() -> str | None:
    """The words of the window's wait for the lock, if it is shown."""
    modal = QApplication.activeModalWidget()
    return modal.labelText() if isinstance(modal, QProgressDialog) else None


def _errors(window: MainWindow) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox, "errorBox")]


def test_a_label_waits_for_another_program_with_the_window_alive_and_is_saved(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    project = window.project
    assert project is not None
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    seen: list[tuple[str | None, int]] = []
    with write_lock_held(project_path, 3):
        # Runs only if the window handles events while it waits.
        QTimer.singleShot(1500, lambda: seen.append((_waiting(), len(project.claims()))))
        qtbot.keyClick(window.view, Qt.Key.Key_1)

    [(waiting, saved_then)] = seen
    assert saved_then == 0 and waiting is not None and "another program is writing" in waiting
    assert [(c.annotator, c.label) for c in window.project.claims()] == [("tester", ClaimLabel.FACTUAL)]
    assert window.claim_model.rowCount() == 1
    assert _errors(window) == [] and _waiting() is None


def test_a_wait_cancelled_says_the_label_was_not_saved(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    assert window.project is not None
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)

    def cancel() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, QProgressDialog)
        modal.cancel()

    with write_lock_held(project_path, 60):
        QTimer.singleShot(1200, cancel)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        [said] = _errors(window)
    assert "not saved" in said.lower()
    assert window.project.claims() == [] and window.claim_model.rowCount() == 0
    assert not window.undo_stack.canUndo()
    assert window.view.selected_span() is not None  # still selected: one key labels it again
    for box in window.findChildren(QMessageBox, "errorBox"):
        box.accept()
    window.activateWindow()  # as the desktop does when its dialogs close
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert [c.label for c in window.project.claims()] == [ClaimLabel.FACTUAL]


def test_escape_stops_a_long_wait_at_once_without_asking(
    qtbot: QtBot, window: MainWindow, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unlike long work (`StopAsker`), the wait does not ask, however long it has run: waiting
    builds nothing a stop could lose, and the label stays selected for one more key."""
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)  # long work would ask now
    assert window.project is not None
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    asked: list[bool] = []
    named: list[str] = []

    def escape() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, QProgressDialog) and modal.objectName() == "waitingToSave"
        bar = modal.findChild(QProgressBar)  # a screen reader says what is waited for
        named.append(spoken_name(bar) if bar is not None else "")
        qtbot.keyClick(modal, Qt.Key.Key_Escape)
        asked.append(any(w.objectName() == "stopQuestion" for w in QApplication.topLevelWidgets()))

    with write_lock_held(project_path, 60):
        QTimer.singleShot(1200, escape)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        [said] = _errors(window)
    assert asked == [False] and "not saved" in said.lower()
    assert named == ["Waiting to save"]
    assert window.project.claims() == [] and window.view.selected_span() is not None
    for box in window.findChildren(QMessageBox, "errorBox"):
        box.accept()


def test_an_undo_waits_too_and_keeps_the_history(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    assert window.project is not None
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    seen: list[str | None] = []
    with write_lock_held(project_path, 2):
        QTimer.singleShot(1000, lambda: seen.append(_waiting()))
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seen != [None] and len(seen) == 1
    assert window.project.claims() == [] and window.claim_model.rowCount() == 0
    assert _errors(window) == [] and window.undo_stack.canRedo()


def test_an_undo_or_redo_whose_wait_is_cancelled_keeps_the_history_for_one_more_try(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """Ctrl+Z while a merge or an import wrote, the wait cancelled: the box said "do it again
    when it has finished" and "Your undo history was cleared", and every step of the session
    was gone with the one that had written nothing."""
    project = window.project
    assert project is not None
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    select_words(qtbot, window, window.view.text.index("Five people"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    labels = [ClaimLabel.FACTUAL, ClaimLabel.OPINION]

    def undo_cancelled(modifiers: Qt.KeyboardModifier) -> str:
        with write_lock_held(project_path, 60):
            QTimer.singleShot(1200, _cancel_wait)
            qtbot.keyClick(window.view, Qt.Key.Key_Z, modifiers)
            [said] = _errors(window)
        for box in window.findChildren(QMessageBox, "errorBox"):
            box.accept()
        window.activateWindow()  # as the desktop does when its dialogs close
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.wait(10)  # a history cleared after a refusal is cleared on the next turn
        return said

    said = undo_cancelled(Qt.KeyboardModifier.ControlModifier)
    assert said == (
        "Not undone: add opinion claim. Another program is still writing to test.annotator.db; "
        "undo again when it has finished."
    )
    assert [c.label for c in project.claims()] == labels and window.claim_model.rowCount() == 2
    assert (window.undo_stack.count(), window.undo_stack.index()) == (2, 2)
    assert window.status_bar.save_label.text() == "All changes saved"  # nothing of it waits
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [c.label for c in project.claims()] == labels[:1] and window.claim_model.rowCount() == 1

    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    said = undo_cancelled(redo)
    assert said == (
        "Not redone: add opinion claim. Another program is still writing to test.annotator.db; "
        "redo again when it has finished."
    )
    assert [c.label for c in project.claims()] == labels[:1]
    assert (window.undo_stack.count(), window.undo_stack.index()) == (2, 1)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, redo)
    assert [c.label for c in project.claims()] == labels and window.claim_model.rowCount() == 2


def _guidelines_editor(qtbot: QtBot, window: MainWindow) -> GuidelinesEditor:
    """The coordinator's editor, opened from the Guidelines dock's button."""
    panel = window.team.panel
    window.team.dock.show()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    editor = panel.editor
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    editor.text.selectAll()
    qtbot.keyClicks(editor.text, "# Ours")
    for _ in range(2):
        qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text, "Only sourced numbers are factual.")
    return editor


def _save_button(dialog: QDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    for kind in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok):
        button = box.button(kind)
        if button is not None:
            return button
    raise AssertionError("no Save or OK button")


def _cancel_wait() -> None:
    modal = QApplication.activeModalWidget()
    if isinstance(modal, QProgressDialog):
        modal.cancel()


def test_guidelines_saved_while_another_program_writes_wait_and_are_saved(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    project = window.project
    assert project is not None
    editor = _guidelines_editor(qtbot, window)
    seen: list[tuple[str | None, str]] = []
    with write_lock_held(project_path, 3):
        QTimer.singleShot(1500, lambda: seen.append((_waiting(), guidelines(project))))
        qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    [(waiting, saved_then)] = seen
    assert waiting is not None and "another program is writing" in waiting and "guidelines" in waiting
    assert saved_then == default_guidelines()
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert guidelines(project) == "# Ours\n\nOnly sourced numbers are factual."
    assert "Only sourced numbers" in window.team.panel.browser.toPlainText()


def test_guidelines_whose_wait_is_cancelled_stay_in_the_editor_and_save_next_time(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    project = window.project
    assert project is not None
    editor = _guidelines_editor(qtbot, window)
    seen: list[str | None] = []

    def cancel() -> None:
        seen.append(_waiting())
        _cancel_wait()

    with write_lock_held(project_path, 60):
        QTimer.singleShot(1200, cancel)
        qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert seen[0] is not None and "another program is writing" in seen[0]
        assert editor.isVisible() and "Only sourced numbers" in editor.text.toPlainText()
        assert "not saved" in editor.problem.text().lower() and editor.problem.isVisible()
        assert guidelines(project) == default_guidelines()
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert guidelines(project) == "# Ours\n\nOnly sourced numbers are factual."


def _pipeline_dialog(qtbot: QtBot, window: MainWindow) -> QDialog:
    """File > Pre-annotation Model…, the medium pipeline chosen with the arrow key."""
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    next(a for a in file_menu.actions() if a.text() == "Pre-annotation Mode&l…").trigger()
    dialog = window.pipeline_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    assert dialog.buttons_by_name["en_core_web_md"].isChecked()
    return dialog


def test_a_pipeline_chosen_while_another_program_writes_waits_and_is_saved(
    qtbot: QtBot, window: MainWindow, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    medium_installed(monkeypatch, tmp_path)
    project = window.project
    assert project is not None
    runs: list[object] = []
    monkeypatch.setattr(window.transfers, "preannotate", runs.append)
    dialog = _pipeline_dialog(qtbot, window)
    seen: list[str | None] = []
    with write_lock_held(project_path, 3):
        QTimer.singleShot(1500, lambda: seen.append(_waiting()))
        qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0] is not None and "another program is writing" in seen[0]
    qtbot.waitUntil(lambda: chosen_pipeline(project) == "en_core_web_md")
    assert runs == [None] and _errors(window) == []


def test_a_pipeline_choice_whose_wait_is_cancelled_stays_chosen_and_saves_next_time(
    qtbot: QtBot, window: MainWindow, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    medium_installed(monkeypatch, tmp_path)
    project = window.project
    assert project is not None
    runs: list[object] = []
    monkeypatch.setattr(window.transfers, "preannotate", runs.append)
    dialog = _pipeline_dialog(qtbot, window)
    seen: list[str | None] = []

    def cancel() -> None:
        seen.append(_waiting())
        _cancel_wait()

    with write_lock_held(project_path, 60):
        QTimer.singleShot(1200, cancel)
        qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert seen[0] is not None and "another program is writing" in seen[0]
        # The choice is still there for one more OK.
        assert dialog.isVisible() and dialog.buttons_by_name["en_core_web_md"].isChecked()
        assert chosen_pipeline(project) != "en_core_web_md" and runs == []
        assert any("not saved: the pre-annotation model" in said.lower() for said in _errors(window))
    qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chosen_pipeline(project) == "en_core_web_md")
    assert runs == [None] and not dialog.isVisible()


def test_space_or_enter_typed_during_the_wait_does_not_cancel_it(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """The wait shows after 0.4 s of a window that took no key: the keys typed meanwhile (the
    next label, Space to go on) reached its focused Cancel, and the label was not saved."""
    project = window.project
    assert project is not None
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    pressed: list[str | None] = []

    def type_on() -> None:
        pressed.append(_waiting())
        target = QApplication.focusWidget() or QApplication.activeModalWidget()
        assert target is not None
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            qtbot.keyClick(target, key)

    with write_lock_held(project_path, 3):
        QTimer.singleShot(1200, type_on)
        qtbot.keyClick(window.view, Qt.Key.Key_1)

    [waiting] = pressed
    assert waiting is not None  # the keys came while it waited
    assert _errors(window) == []
    assert [c.label for c in project.claims()] == [ClaimLabel.FACTUAL]


def test_a_note_whose_wait_is_cancelled_stays_in_its_dialog_and_saves_next_time(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """The note dialog closed as the save began: cancelled while a merge or an import wrote,
    the error said "do it again", and every word of the note was gone."""
    project = window.project
    assert project is not None
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    dialog = window.labelling.note_dialog
    assert dialog is not None
    note = "Source: the coastguard's statement of 2 September, page 3."
    qtbot.keyClicks(dialog.edit, note)
    seen: list[str | None] = []

    def cancel() -> None:
        seen.append(_waiting())
        _cancel_wait()

    with write_lock_held(project_path, 60):
        QTimer.singleShot(1200, cancel)
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert seen[0] is not None and "another program is writing" in seen[0]
        assert dialog.isVisible() and dialog.edit.toPlainText() == note  # for one more Save
        assert "not saved" in dialog.problem.text().lower() and dialog.problem.isVisibleTo(dialog)
        assert [c.note for c in project.claims()] == [""]
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [c.note for c in project.claims()] == [note])
    assert not dialog.isVisible() and window.undo_stack.canUndo()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_quotation_s_speaker_whose_wait_is_cancelled_stays_in_its_dialog(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """W's dialog closed as the save began: cancelled while another program wrote, the
    speaker chosen and the kind were gone with it, to be found and typed again."""
    from tests.ui.test_quote_correction import TEXT, _active, _window

    window = _window(qtbot, tmp_path)
    try:
        assert window.project is not None and window.article is not None
        window.view.setFocus()
        window.view.scroll_to(TEXT.index('"Taxes') + 3)
        qtbot.keyClick(window.view, Qt.Key.Key_W)
        dialog = _active(qtbot, window)
        dialog.speaker_edit.setText("Maria Lopez")
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("partial"))
        seen: list[str | None] = []

        def cancel() -> None:
            seen.append(_waiting())
            _cancel_wait()

        def speakers() -> list[str | None]:
            assert window.project is not None and window.article is not None
            quotes = window.project.quotes(window.article.article.id)
            return [q.speaker.name if q.speaker is not None else None for q in quotes]

        with write_lock_held(window.project.path, 60):
            QTimer.singleShot(1200, cancel)
            qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: bool(seen), timeout=5000)
            assert seen[0] is not None and "another program is writing" in seen[0]
            assert dialog.isVisible() and (dialog.speaker(), dialog.kind()) == ("Maria Lopez", "partial")
            assert "not saved" in dialog.problem.text().lower() and dialog.problem.isVisibleTo(dialog)
            assert "Maria Lopez" not in speakers()
        qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Maria Lopez" in speakers())
        assert not dialog.isVisible()
    finally:
        window.close()
