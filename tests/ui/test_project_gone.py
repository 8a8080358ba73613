"""A project whose folder is deleted (or whose disk is removed) while the window has it open.

The watch could not put a copy back where there is no folder; the window went on taking
labels into the deleted file, said "All changes saved", and lost them at its close.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project
from annotator.ui import merge_pick, save_dialog
from annotator.ui.backups import BackupsDialog
from annotator.ui.main_window import MainWindow
from annotator.ui.pipeline_dialog import PipelineDialog
from annotator.ui.review import ReviewDialog
from tests.ui.conftest import make_project, open_window, select_words, wikinews_texts


def _gone_window(
    qtbot: QtBot,
    tmp_path: Path,
    before: Callable[[MainWindow], None] = lambda _window: None,
    take_away: Callable[[Path], object] = shutil.rmtree,
) -> tuple[MainWindow, str]:
    """A window with one label saved, whose project folder was then deleted, or otherwise taken
    away (`take_away`) after `before`, done with the file still there; what it said."""
    folder = tmp_path / "Ordner ü"
    folder.mkdir()
    path = make_project(folder / "p.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.project is not None and len(window.project.claims()) == 1
    before(window)
    take_away(folder)
    qtbot.waitUntil(lambda: "moved, renamed or deleted while open" in _said(window), timeout=15_000)
    said = _said(window)
    _close_boxes(qtbot, window)
    return window, said


def _said(window: MainWindow) -> str:
    return "\n".join(box.text() for box in window.findChildren(QMessageBox, "errorBox"))


def _close_boxes(qtbot: QtBot, window: MainWindow) -> None:
    """Close the message boxes, as the person does, and give the window the keys back."""
    for box in window.findChildren(QMessageBox, "errorBox"):
        box.close()
        box.setObjectName("closed")  # deleted later; not what the window says next
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_a_deleted_folder_stops_labelling_and_nothing_says_saved(qtbot: QtBot, tmp_path: Path) -> None:
    window, said = _gone_window(qtbot, tmp_path)
    try:
        assert window.status_bar.save_label.text() == "Not saved: the project file is gone"
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        assert window.project is not None and len(window.project.claims()) == 1  # refused
        assert window.claims.model.rowCount() == 1  # and not listed as if it were saved
        assert "so this was not saved. Choose File ▸ Save a Copy As…" in _said(window)
        assert window.status_bar.save_label.text() == "Not saved: the project file is gone"
        # Said as it is: the folder is gone (it was said to be on a read-only disk).
        assert "Ordner ü no longer exists" in said and "read-only" not in said
    finally:
        window.close()


def test_a_copy_saved_elsewhere_keeps_the_labels_and_labelling_goes_on(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _said_then = _gone_window(qtbot, tmp_path)
    rescue = tmp_path / "rescued.annotator.db"
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: rescue)
    try:
        window.registry["save_copy"].trigger()  # copied in the task runner
        qtbot.waitUntil(lambda: window.project is not None and window.project.path == rescue, timeout=10_000)
        assert window.status_bar.save_label.text() == "All changes saved"
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        assert window.claims.model.rowCount() == 2
        assert window.status_bar.save_label.text() == "All changes saved"
    finally:
        window.close()
    with open_project(rescue, create=False) as copy:
        assert sorted(c.label.value for c in copy.claims()) == ["factual", "opinion"]


def test_undo_and_redo_are_greyed_saying_why_and_come_back_on_the_copy(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the file gone the Edit menu still offered Undo: pressed, it said it was refused and
    cleared the history. It is greyed, says why, and works again once the work goes on in a copy."""
    window, _said_then = _gone_window(qtbot, tmp_path)
    undo, redo = window.registry["undo"], window.registry["redo"]
    try:
        assert window.undo_stack.canUndo()  # the label made before the file went
        assert not undo.isEnabled() and not redo.isEnabled()
        assert "Save a Copy As" in undo.statusTip() and "p.annotator.db" in undo.toolTip()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        said = window.statusBar().currentMessage()
        assert said.startswith("Undo and Redo are off: p.annotator.db was moved, renamed or deleted"), said
        assert window.undo_stack.count() == 1 and not _said(window)  # kept, and no refusal box
        assert window.project is not None and len(window.project.claims()) == 1
        rescue = tmp_path / "rescued.annotator.db"
        monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: rescue)
        window.registry["save_copy"].trigger()
        qtbot.waitUntil(lambda: window.project is not None and window.project.path == rescue, timeout=10_000)
        assert undo.statusTip() == "" and undo.toolTip() == undo.text().replace("&", "")
        assert undo.isEnabled()  # the copy holds the label as the history left it
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        assert undo.isEnabled()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.project is not None and len(window.project.claims()) == 1
        assert redo.isEnabled()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.statusBar().currentMessage().startswith("Undone: add factual claim")
        assert window.project.claims() == [] and window.claims.model.rowCount() == 0
    finally:
        window.close()


def test_import_pre_annotation_and_export_say_what_to_do_and_start_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each opened the project by its path in a child process and said only "…p.annotator.db:
    does not exist", of the project the window still showed, sending nobody to the way out."""
    window, _said_then = _gone_window(qtbot, tmp_path)
    article = tmp_path / "new.txt"
    article.write_text("The mayor said the bridge would open in May.", encoding="utf-8")
    out = tmp_path / "claims.jsonl"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a: ([str(article)], "")))
    monkeypatch.setattr(save_dialog, "ask_save_path", lambda *_a, **_k: (str(out), ""))
    try:
        for action in ("import", "preannotate", "export"):
            window.registry[action].trigger()
            assert not window.busy  # nothing started
            said = _said(window)
            assert "p.annotator.db was moved, renamed or deleted while open" in said, action
            assert "Save a Copy As" in said and "does not exist" not in said, action
            _close_boxes(qtbot, window)
        assert not out.exists() and not (tmp_path / "Ordner ü").exists()
        assert window.status_bar.save_label.text() == "Not saved: the project file is gone"
    finally:
        window.close()


def test_import_dialogs_and_the_model_choice_refuse_before_anything_is_picked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Import Articles… and Import a Folder… showed their file dialog, refused only once the
    files were picked; Pre-annotation Model… took a choice and said nothing of the file."""
    window, _said_then = _gone_window(qtbot, tmp_path)
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *_a: (asked.append("files"), ([], ""))[1])
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a: (asked.append("folder"), "")[1])
    )
    try:
        for action in ("import", "import_folder", "pipeline_choice"):
            window.registry[action].trigger()
            assert not asked, action  # no dialog to pick in
            assert not [d for d in window.findChildren(PipelineDialog) if d.isVisible()], action
            said = _said(window)
            assert "p.annotator.db was moved, renamed or deleted while open" in said, action
            assert "Save a Copy As" in said, action
            _close_boxes(qtbot, window)
        assert window.status_bar.save_label.text() == "Not saved: the project file is gone"
    finally:
        window.close()


def test_the_daily_copy_is_not_tried_on_a_file_that_is_gone(qtbot: QtBot, tmp_path: Path) -> None:
    """It opened the project by its path, found nothing there and said, hour after hour, that
    the project "cannot be copied (unable to open database file)", as if it were damaged."""
    window, _said_then = _gone_window(qtbot, tmp_path)
    try:
        assert window.daily_backup.back_up_now() is None  # what its timer runs
        assert window.daily_backup.task is None
        assert not window.daily_backup.waiting()  # and it is not due again
        qtbot.wait(300)
        assert "No backup made" not in window.statusBar().currentMessage()
        assert window.status_bar.save_label.text() == "Not saved: the project file is gone"
    finally:
        window.close()


def test_release_merge_and_training_say_what_to_do_and_start_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each opens the project by its path: the release's preview said "…: does not exist", a
    merge and a training ended so, and nobody was sent to the way out."""
    window, _said_then = _gone_window(qtbot, tmp_path)
    other = make_project(tmp_path / "other.annotator.db", wikinews_texts()[:1])
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a: ([str(other)], "")))
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *_a, **_k: ([str(other)], ""))
    try:
        for action in ("train_suggestions", "merge", "release"):
            window.registry[action].trigger()
            assert not window.busy, action  # nothing started
            opened = [d for d in window.findChildren(QDialog) if not isinstance(d, QMessageBox)]
            assert not [d for d in opened if d.isVisible()], action
            said = _said(window)
            assert "p.annotator.db was moved, renamed or deleted while open" in said, action
            assert "Save a Copy As" in said and "does not exist" not in said, action
            _close_boxes(qtbot, window)
    finally:
        window.close()


def test_search_and_the_suggestions_panel_say_what_to_do_and_work_again_on_the_copy(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They read the project by its path in the pool: the search found titles only and the
    status bar said "…p.annotator.db: does not exist", as did the emptied Suggestions panel."""
    window, _said_then = _gone_window(qtbot, tmp_path)
    try:
        window.registry["suggestions_panel"].trigger()
        panel = window.suggestions.panel
        qtbot.waitUntil(lambda: "could not be read" in panel.summary.text(), timeout=10_000)
        assert "Save a Copy As" in panel.summary.text(), panel.summary.text()
        assert "does not exist" not in panel.summary.text()
        window.search.setFocus()
        qtbot.keyClicks(window.search, "Conception")  # in the boat article's text, not its title
        qtbot.waitUntil(lambda: "Save a Copy As" in window.statusBar().currentMessage(), timeout=10_000)
        assert "does not exist" not in window.statusBar().currentMessage()
        assert window.article_filter.rowCount() == 0
        rescue = tmp_path / "rescued.annotator.db"
        monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: rescue)
        window.registry["save_copy"].trigger()  # copied in the task runner
        qtbot.waitUntil(lambda: window.project is not None and window.project.path == rescue, timeout=10_000)
        window.search.clear()
        qtbot.keyClicks(window.search, "Conception")
        qtbot.waitUntil(lambda: window.article_filter.rowCount() == 1, timeout=10_000)
        qtbot.waitUntil(lambda: "could not be read" not in panel.summary.text(), timeout=10_000)
    finally:
        window.close()


def test_the_review_says_it_could_not_read_the_disagreements_and_not_to_merge_first(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Team ▸ Review Disagreements… said at its top "Nothing to review yet: … Merge their project
    files first", above the line saying the disagreements could not be read since the file is gone."""
    window, _said_then = _gone_window(qtbot, tmp_path)
    try:
        window.registry["review"].trigger()
        dialog = window.findChild(ReviewDialog)
        assert dialog is not None
        qtbot.waitUntil(lambda: "Could not find" in dialog.gold_label.text(), timeout=10_000)
        assert "Save a Copy As" in dialog.gold_label.text()
        assert dialog.header.text() == "No disagreement can be shown: they could not be read."
        dialog.reject()
    finally:
        window.close()


def test_the_open_guidelines_and_review_grey_what_would_save_once_the_file_is_gone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Open when the folder went, the Guidelines panel's Edit and the review's gold labels went on
    offering to save: the coordinator's text and each gold label were refused only after the work."""

    def open_them(window: MainWindow) -> None:
        window.registry["guidelines_panel"].trigger()
        window.registry["review"].trigger()
        assert window.team.panel.edit_button.isEnabled() and not window.team.panel.nothing_saved.text()

    window, _said_then = _gone_window(qtbot, tmp_path, open_them)
    try:
        panel, dialog = window.team.panel, window.team.review_dialog
        assert dialog is not None
        for banner in (panel.nothing_saved, dialog.nothing_saved):
            assert banner.text().startswith("p.annotator.db was moved, renamed or deleted while open"), (
                banner.text()
            )
            assert "Save a Copy As" in banner.text() and banner.isVisible()
        assert not panel.edit_button.isEnabled() and panel.edit_button.toolTip() == panel.nothing_saved.text()
        assert not panel.reset_button.isEnabled()
        assert panel.reset_button.toolTip() == panel.nothing_saved.text()
        qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
        assert not [e for e in panel.findChildren(QDialog) if e.isVisible()]
    finally:
        window.close()


def test_a_folder_that_comes_back_is_said_back_and_open_recent_goes_on_there(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A USB disk pulled out and plugged in again: the window stayed "the project file is gone",
    nothing said the file was back, and File ▸ Open Recent on it said only that it was "the
    project open in this window", so the person saved a copy they did not need."""
    kept = tmp_path / "on the disk"

    def keep_a_copy(window: MainWindow) -> None:
        assert window.project is not None
        window.project.save_copy(kept / "p.annotator.db")  # what the disk holds, label and all

    kept.mkdir()
    window, _said_then = _gone_window(qtbot, tmp_path, keep_a_copy)
    folder = tmp_path / "Ordner ü"
    try:
        shutil.move(kept, folder)  # plugged in again
        qtbot.waitUntil(lambda: "is back" in window.statusBar().currentMessage(), timeout=10_000)
        said = window.statusBar().currentMessage()
        assert said.startswith("p.annotator.db is back"), said
        assert "File ▸ Open Recent" in said
        assert "is back" in window.status_bar.save_label.toolTip()
        assert "Open Recent" in window.registry["undo"].statusTip()
        # A label asked now says the same way out, not Save a Copy As… alone.
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        assert "is back" in _said(window) and "Open Recent" in _said(window)
        _close_boxes(qtbot, window)
        window.recent.fill()  # as File ▸ Open Recent does when it shows
        first = window.recent.menu.actions()[0]
        assert first.data() == str((folder / "p.annotator.db").resolve())
        first.trigger()
        qtbot.waitUntil(lambda: window.status_bar.save_label.text() == "All changes saved", timeout=10_000)
        assert window.project is not None and not window.project.saving_stopped
        assert len(window.project.claims()) == 1  # the label made before it went
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        assert len(window.project.claims()) == 2
    finally:
        window.close()


def _open_recent_first(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    """File ▸ Open Recent's first entry, `path`, chosen; until it is open."""
    window.recent.fill()  # as File ▸ Open Recent does when it shows
    first = window.recent.menu.actions()[0]
    assert first.data() == str(path.resolve())
    first.trigger()
    qtbot.waitUntil(lambda: window.status_bar.save_label.text() == "All changes saved", timeout=10_000)
    qtbot.waitUntil(lambda: not window.listing, timeout=10_000)


def _come_back_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """`_gone_window` with its folder moved away rather than deleted, then moved back (a disk
    pulled out and plugged in again), and the file opened again from File ▸ Open Recent, as
    the window says to."""
    away, folder = tmp_path / "away", tmp_path / "Ordner ü"
    window, _said_then = _gone_window(qtbot, tmp_path, take_away=lambda folder: os.replace(folder, away))
    try:
        os.replace(away, folder)
        qtbot.waitUntil(lambda: "is back" in window.statusBar().currentMessage(), timeout=10_000)
        _open_recent_first(qtbot, window, folder / "p.annotator.db")
        qtbot.wait(100)  # what the opening says once painted
    except BaseException:
        window.close()
        raise
    return window


def test_the_file_that_came_back_is_not_said_to_be_open_in_another_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Opened again, it was said to be "already open in another Annotator window": the window's
    own connection, lock and keeping process, gone and back with the file, were taken for
    another's."""
    window = _come_back_window(qtbot, tmp_path)
    try:
        assert window.project is not None and not window.project.opened_elsewhere
        assert "already open in another" not in _said(window), _said(window)
        assert window.status_bar.save_label.text() == "All changes saved"
    finally:
        window.close()


def test_undo_goes_on_in_the_file_that_came_back(qtbot: QtBot, tmp_path: Path) -> None:
    """Opened again from File ▸ Open Recent, as the window said to, the file that came back had
    lost its undo history, and Ctrl+Z said "Nothing to undo" of the label made before, still in
    the file as it was left."""
    window = _come_back_window(qtbot, tmp_path)
    try:
        _close_boxes(qtbot, window)
        undo = window.registry["undo"]
        assert undo.isEnabled() and undo.statusTip() == ""
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        said = window.statusBar().currentMessage()
        assert said.startswith("Undone: add factual claim"), said
        assert window.project is not None and window.project.claims() == []
        assert window.claims.model.rowCount() == 0
        assert window.registry["redo"].isEnabled()
    finally:
        window.close()
    with open_project(tmp_path / "Ordner ü" / "p.annotator.db", create=False) as project:
        assert project.claims() == []


def test_another_project_come_to_the_path_clears_the_history_and_says_so(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """What stands at the path once the file came back may be another project (made anew in a
    folder of that name): the history of the one that went is not undone into it."""
    window, _said_then = _gone_window(qtbot, tmp_path)
    folder = tmp_path / "Ordner ü"
    try:
        folder.mkdir()
        other = folder / "p.annotator.db"
        with open_project(other) as project:  # made anew, not a copy of the one that went
            [first] = project.import_texts(["The minister said prices rose 5% in May."]).added
            project.add_claim(first, 0, 12, "opinion", annotator="someone")
        qtbot.waitUntil(lambda: "is back" in window.statusBar().currentMessage(), timeout=10_000)
        _open_recent_first(qtbot, window, other)
        said = window.statusBar().currentMessage()
        assert said == (
            "Your undo history was cleared: p.annotator.db is now another project, not the one your "
            "edits were saved in, so they cannot be undone in it."
        ), said
        assert not window.registry["undo"].isEnabled() and window.undo_stack.count() == 0
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.statusBar().currentMessage() == "Nothing to undo"
        assert window.project is not None
        assert [c.label.value for c in window.project.claims()] == ["opinion"]
    finally:
        window.close()


def test_a_backup_restored_while_the_file_is_gone_takes_no_undo_history(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ Restore from a Backup… while the file is gone: the restored copy holds the project
    as it was backed up, not as the history left it, so nothing of the history is undone into it."""

    def backed_up(window: MainWindow) -> None:
        qtbot.waitUntil(window.daily_backup.waiting)
        assert window.daily_backup.back_up_now() is not None  # as the timer does, a minute on
        qtbot.waitUntil(lambda: window.daily_backup.task is None, timeout=20_000)

    window, _said_then = _gone_window(qtbot, tmp_path, backed_up)
    restored = tmp_path / "restored.annotator.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(restored), ""))
    try:
        window.registry["backups"].trigger()
        qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)
        dialog = window.findChild(BackupsDialog)
        assert isinstance(dialog, BackupsDialog)
        dialog.open_button.click()
        qtbot.waitUntil(
            lambda: window.project is not None and window.project.path == restored, timeout=20_000
        )
        assert not window.registry["undo"].isEnabled() and window.undo_stack.count() == 0
        _close_boxes(qtbot, window)
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.statusBar().currentMessage() == "Nothing to undo"
        assert window.project is not None and len(window.project.claims()) == 1  # as backed up
    finally:
        window.close()


def test_a_backup_restored_to_the_gone_files_own_path_says_what_to_do_and_goes_once_it_is_closed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ Restore from a Backup… to the path of the project whose file is gone was refused as
    "…is the project file; writing there would destroy the project", with no file there to
    destroy. It says what is so, and what to do: once the gone project is closed (or saved
    elsewhere), the copy is restored at that path and opened."""

    def backed_up(window: MainWindow) -> None:
        qtbot.waitUntil(window.daily_backup.waiting)
        assert window.daily_backup.back_up_now() is not None  # as the timer does, a minute on
        qtbot.waitUntil(lambda: window.daily_backup.task is None, timeout=20_000)

    window, _said_then = _gone_window(qtbot, tmp_path, backed_up)
    there = tmp_path / "Ordner ü" / "p.annotator.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(there), ""))

    def restore() -> None:
        window.registry["backups"].trigger()
        qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)
        dialog = window.findChild(BackupsDialog)
        assert isinstance(dialog, BackupsDialog)
        dialog.open_button.click()

    try:
        gone = window.project
        restore()
        qtbot.waitUntil(lambda: bool(_said(window)), timeout=20_000)
        said = _said(window)
        assert "destroy" not in said and "is the project file" not in said
        assert said.startswith(f"Nothing is at {there} now: p.annotator.db was moved, renamed or deleted")
        assert "File ▸ Save a Copy As…" in said and "File ▸ Close Project" in said
        assert window.project is gone and not os.path.lexists(there)
        _close_boxes(qtbot, window)

        window.close_project()
        restore()
        qtbot.waitUntil(lambda: window.project is not None and window.project.path == there, timeout=20_000)
        assert len(window.project.claims()) == 1  # as backed up
        assert not _said(window)
    finally:
        window.close()


def test_undo_in_a_file_come_back_without_the_last_label_says_so_and_keeps_the_rest(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The file that came back is a copy made before the last label (a sync tool's, a disk's):
    the undo of that label finds no such claim and says so; the earlier label is still undone."""
    kept = tmp_path / "on the disk"

    def copy_then_label(window: MainWindow) -> None:
        assert window.project is not None
        window.project.save_copy(kept / "p.annotator.db")  # the first label only
        select_words(qtbot, window, window.view.text.index("A deadly boat fire"), 4)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        assert window.project is not None and len(window.project.claims()) == 2

    kept.mkdir()
    window, _said_then = _gone_window(qtbot, tmp_path, copy_then_label)
    folder = tmp_path / "Ordner ü"
    try:
        shutil.move(kept, folder)
        qtbot.waitUntil(lambda: "is back" in window.statusBar().currentMessage(), timeout=10_000)
        _open_recent_first(qtbot, window, folder / "p.annotator.db")
        _close_boxes(qtbot, window)
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _said(window).startswith("Not undone: add opinion claim. The claim was deleted elsewhere")
        assert "the rest of your undo history is kept" in _said(window)
        assert window.project is not None and [c.label.value for c in window.project.claims()] == ["factual"]
        _close_boxes(qtbot, window)
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.statusBar().currentMessage().startswith("Undone: add factual claim")
        assert window.project.claims() == [] and window.claims.model.rowCount() == 0
    finally:
        window.close()
