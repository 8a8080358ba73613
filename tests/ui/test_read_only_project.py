"""A project file that cannot be written, opened in the window: said at once, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import GOLD_ANNOTATOR
from annotator.ui import merge_pick
from annotator.ui.guidelines import GuidelinesEditor
from annotator.ui.pipeline_dialog import PipelineDialog
from annotator.ui.rename_dialog import RenameDialog
from annotator.ui.suggestions import TrainDialog
from tests.read_only_files import read_only_file, small_disk, write_protected
from tests.ui.conftest import agreed_and_open_team, make_project, open_window, select_words, wikinews_texts
from tests.ui.error_boxes import shown_boxes, wait_for_a_box
from tests.ui.test_decisions_dialog import _opened as opened_decisions
from tests.ui.test_decisions_dialog import _project as decided_project


def test_a_read_only_project_is_said_read_only_when_it_opens_and_a_label_says_what_to_do(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A project copied from a CD opened with "All changes saved" and no word; the person found
    out at the first label, from a message that did not say what to do about it."""
    path = make_project(tmp_path / "Projekt für Zoë.annotator.db", wikinews_texts())
    with read_only_file(path):
        window = open_window(qtbot, path)
        wait_for_a_box(qtbot)
        opening = shown_boxes()
        assert len(opening) == 1 and str(path) in opening[0] and "read-only" in opening[0]
        assert "copy it into a folder you can write to" in opening[0]
        assert window.status_bar.save_label.text() == "Read-only: nothing can be saved"
        assert window.article is not None
        article_id = window.article.article.id
        window.activateWindow()  # as the desktop does when its dialogs close: the label keys
        qtbot.waitUntil(window.isActiveWindow)  # act in the active window
        select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        refused = shown_boxes()
        assert len(refused) == 1 and str(path) in refused[0]
        assert "nothing was saved" in refused[0] and "make the file writable" in refused[0]
        assert window.claim_model.rowCount() == 0
        # Still said as it is: a plain "Not saved" read as a save that failed and might be tried again.
        assert window.status_bar.save_label.text() == "Read-only: nothing can be saved"
        qtbot.keyClick(window.view, Qt.Key.Key_D)  # mark done: refused too
        assert len(shown_boxes()) == 1
        assert window.status_bar.save_label.text() == "Read-only: nothing can be saved"
        window.close()
    with open_project(path, create=False) as project:
        assert project.claims(article_id) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_an_import_into_a_read_only_project_is_refused_before_it_reads_anything(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A folder dropped on a read-only project was read whole, its rejections written to a
    report beside the project, and only then refused "to label it": the person waited for
    nothing, and found a report of an import that never was."""
    path = make_project(tmp_path / "shared.annotator.db", wikinews_texts())
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "bridge.txt").write_text("Bridge vote\n\nThe council voted 7 to 2 for a bridge.\n", "utf-8")
    (incoming / "empty.txt").write_text("", "utf-8")
    with read_only_file(path):
        window = open_window(qtbot, path)
        wait_for_a_box(qtbot)
        shown_boxes()  # said read-only at the opening
        qtbot.waitUntil(lambda: not window.busy, timeout=30_000)
        window.guard(lambda: window.import_paths([incoming]))
        assert not window.busy
        (refused,) = shown_boxes()
        assert refused == (
            f"{path.name} is read-only, so no article can be imported into it. To change that, make the file "
            "writable or copy it into a folder you can write to, and open it again."
        )
        window.close()
    assert not list(tmp_path.glob("*.tsv"))
    with open_project(path, create=False) as project:
        assert project.article_count() == 2


def test_a_project_on_a_write_protected_stick_opens_to_be_read_and_says_so_at_once(qtbot: QtBot) -> None:
    """A project a colleague handed over on a write-protected USB stick (cleanly closed: no -wal)
    could not be opened at all ("copy it somewhere writable to open it"): SQLite cannot make the
    -shm it reads a write-ahead file through there. Nothing can change it there, so it is read as
    it lies: it opens, is said read-only at once, and a label is refused saying what to do."""
    with small_disk() as disk:
        path = make_project(disk / "from Zoë.annotator.db", wikinews_texts())
        with write_protected(disk):
            window = open_window(qtbot, path)
            wait_for_a_box(qtbot)
            opening = shown_boxes()
            assert len(opening) == 1 and str(path) in opening[0] and "read-only" in opening[0], opening
            assert window.status_bar.save_label.text() == "Read-only: nothing can be saved"
            assert window.article is not None and window.article_model.rowCount() == 2
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
            select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
            qtbot.keyClick(window.view, Qt.Key.Key_1)
            refused = shown_boxes()
            assert len(refused) == 1 and str(path) in refused[0] and "nothing was saved" in refused[0]
            assert window.claim_model.rowCount() == 0
            window.close()
            assert sorted(p.name for p in disk.iterdir()) == [path.name]


def test_undo_on_a_read_only_project_says_why_and_comes_back_when_it_is_opened_writable(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Ctrl+Z said only "Nothing to undo", and the Edit menu's Undo gave no reason, as if a label
    could be made and taken back: the why was in the box at the opening, long closed."""
    path = make_project(tmp_path / "vom Stick.annotator.db", wikinews_texts())
    undo, redo = None, None
    with read_only_file(path):
        window = open_window(qtbot, path)
        wait_for_a_box(qtbot)
        shown_boxes()  # said read-only at the opening
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        undo, redo = window.registry["undo"], window.registry["redo"]
        assert not undo.isEnabled() and not redo.isEnabled()
        for action in (undo, redo):
            assert "vom Stick.annotator.db is read-only" in action.toolTip(), action.toolTip()
            assert "make the file writable" in action.statusTip()
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        said = window.statusBar().currentMessage()
        assert said.startswith("Undo and Redo are off: vom Stick.annotator.db is read-only"), said
        assert "copy it into a folder you can write to" in said
        window.close_project()
    # The file made writable and opened again: Undo is itself once more.
    window.open_project(path)
    qtbot.waitUntil(lambda: window.project is not None and not window.project.read_only)
    assert undo.toolTip() == undo.text().replace("&", "") and undo.statusTip() == ""
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Nothing to undo"
    window.close()


def test_import_merge_model_and_pre_annotation_on_a_read_only_project_are_refused_at_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each asked first (the files to import or merge, a model) or ran a whole pre-annotation or
    training, and only then said that nothing was saved, speaking of labelling."""
    path = make_project(tmp_path / "archiv.annotator.db", wikinews_texts())
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *_a: (asked.append("files"), ([], ""))[1])
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a: (asked.append("folder"), "")[1])
    )
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *_a, **_k: (asked.append("merge"), ([], ""))[1])
    with read_only_file(path):
        window = open_window(qtbot, path)
        wait_for_a_box(qtbot)
        shown_boxes()  # said read-only at the opening
        qtbot.waitUntil(lambda: not window.busy, timeout=30_000)
        for action, words in (
            ("import", "no article can be imported into it"),
            ("import_folder", "no article can be imported into it"),
            ("merge", "nothing can be merged into it"),
            ("pipeline_choice", "no pre-annotation model can be chosen for it"),
            ("preannotate", "nothing can be pre-annotated in it"),
            ("train_suggestions", "no label suggestion model can be trained and saved in it"),
            ("rename_person", "nobody in it can be renamed"),
        ):
            window.registry[action].trigger()
            assert not asked and not window.busy, action  # nothing asked, nothing started
            dialogs = [
                *window.findChildren(PipelineDialog),
                *window.findChildren(TrainDialog),
                *window.findChildren(RenameDialog),
            ]
            assert not [d for d in dialogs if d.isVisible()], action
            (said,) = shown_boxes()
            assert said.startswith(f"{path.name} is read-only, so {words}"), said
            assert "make the file writable or copy it into a folder you can write to" in said
        assert window.status_bar.save_label.text() == "Read-only: nothing can be saved"
        window.close()


def test_a_read_only_project_never_pre_annotated_is_not_pre_annotated_at_the_opening(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Opening one (an import made with --no-nlp, copied to a CD) ran pre-annotation in the
    background, then said in a second box that nothing was saved."""
    path = make_project(tmp_path / "roh.annotator.db", wikinews_texts(), analyse=False)
    with read_only_file(path):
        window = open_window(qtbot, path)
        wait_for_a_box(qtbot)
        qtbot.wait(500)  # the opening's pre-annotation, if any, starts once the window is painted
        assert not window.busy
        qtbot.wait(1500)
        (opening,) = shown_boxes()
        assert "is read-only, so no label can be saved to it" in opening
        assert window.status_bar.save_label.text() == "Read-only: nothing can be saved"
        window.close()


def test_the_review_on_a_read_only_team_file_says_at_once_that_no_gold_label_can_be_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Team ▸ Review Disagreements… opened as if gold labels could be decided: the reviewer weighed
    each disagreement, pressed 2, and only then was refused. The disagreements can still be read."""
    path = agreed_and_open_team(tmp_path / "Team Zoë.annotator.db")
    with read_only_file(path):
        window = open_window(qtbot, path, annotator="dana")
        try:
            wait_for_a_box(qtbot)
            shown_boxes()  # said read-only at the opening
            window.registry["review"].trigger()
            dialog = window.team.review_dialog
            assert dialog is not None
            qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
            dialog.activateWindow()  # as the desktop does; the offscreen platform does not
            qtbot.waitUntil(dialog.isActiveWindow)
            banner = dialog.nothing_saved
            assert banner.isVisible(), "nothing says it before a key is pressed"
            said = banner.text()
            assert said.startswith(f"{path.name} is read-only, so no gold label can be decided in it"), said
            assert "make the file writable or copy it into a folder you can write to" in said
            opinion = dialog.buttons["2"]
            assert not opinion.isEnabled() and opinion.toolTip() == said
            assert dialog.buttons["J"].isEnabled()  # reading goes on
            qtbot.keyClick(dialog, Qt.Key.Key_2)
            assert not shown_boxes()  # nothing was done, so nothing is refused after it
            assert dialog.gold_label.text() == "Gold: not decided yet"
            assert window.project is not None and window.project.claims(annotator=GOLD_ANNOTATOR) == []
        finally:
            window.close()


def test_the_guidelines_on_a_read_only_project_can_be_read_and_say_at_once_they_cannot_be_edited(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Edit guidelines… opened the editor; a coordinator's hour of writing was refused only at
    Save, in a line under the text."""
    path = make_project(tmp_path / "Leitfaden.annotator.db", wikinews_texts())
    with read_only_file(path):
        window = open_window(qtbot, path)
        try:
            wait_for_a_box(qtbot)
            shown_boxes()  # said read-only at the opening
            window.registry["guidelines_panel"].trigger()
            panel = window.team.panel
            qtbot.waitUntil(panel.isVisible)
            assert panel.browser.toPlainText().strip()  # the guidelines are there to read
            said = panel.nothing_saved.text()
            assert panel.nothing_saved.isVisible()
            assert said.startswith(f"{path.name} is read-only, so no guidelines can be saved in it"), said
            assert "make the file writable or copy it into a folder you can write to" in said
            button = panel.edit_button
            assert not button.isEnabled() and button.toolTip() == said and button.statusTip() == said
            reset = panel.reset_button  # Reset to Shipped Guidelines… says why, not "shipped already"
            assert not reset.isEnabled() and reset.toolTip() == said and reset.statusTip() == said
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            panel.setFocus()
            qtbot.keyClick(panel, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
            assert not [e for e in panel.findChildren(GuidelinesEditor) if e.isVisible()]
            assert not shown_boxes()
        finally:
            window.close()


def test_the_entity_decisions_on_a_read_only_project_say_at_once_that_none_can_be_changed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Team ▸ Entity Decisions… said Enter went where A or R changes what is carried, and the status
    bar there said "to stop that, accept it here (A)": A was then refused in a box."""
    path = decided_project(tmp_path / "Namen.annotator.db")
    with read_only_file(path):
        window = open_window(qtbot, path)
        try:
            wait_for_a_box(qtbot)
            shown_boxes()  # said read-only at the opening
            dialog = opened_decisions(qtbot, window)
            said = dialog.nothing_saved.text()
            assert dialog.nothing_saved.isVisible()
            assert said.startswith(f"{path.name} is read-only, so no entity decision can be changed in it"), (
                said
            )
            assert "make the file writable or copy it into a folder you can write to" in said
            assert "A accepts it" not in dialog.intro.text()
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)
            dialog.filter_edit.setFocus()
            qtbot.keyClicks(dialog.filter_edit, "ai")
            qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)  # going there to read it still works
            assert not dialog.isVisible()
            assert window.view.selected_span() == (0, 2)
            where = window.statusBar().currentMessage()
            assert where.startswith("Rejected here: AI (GPE), so it is not suggested elsewhere."), where
            assert "accept it here (A)" not in where and "is read-only, so no entity decision" in where
        finally:
            window.close()
