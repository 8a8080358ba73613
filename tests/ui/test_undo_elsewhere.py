"""Undo and redo when another writer (a second window, the command line, a merge) saved meanwhile.

The window's history only knows its own edits; what it writes back must never wipe out, or
land on, what someone else saved since. A row it puts back whose id was taken gets a new one;
an undo whose row was changed since is refused: the window says so and keeps the file as it is.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.entity_decisions import entity_name
from annotator.core.model import ClaimLabel, EntityStatus, PipelineInfo
from annotator.services.project import store_of
from annotator.store.backup import copy_database
from annotator.ui import merge_pick
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import hand_analysis, select_words

CTRL = Qt.KeyboardModifier.ControlModifier


def _error_box(window: MainWindow) -> str:
    (box,) = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    text = box.text()
    box.close()
    return text


def test_a_redo_puts_the_claim_back_beside_one_saved_elsewhere_in_its_place(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """The freed id went to another person's claim: the redo puts this claim back under a new
    id (`core.commands.same_claim`), and the next Ctrl+Z takes back only this one."""
    assert window.project is not None and window.article is not None
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    (first,) = window.project.claims()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.project.claims() == []
    # Meanwhile a second window labels the other article: SQLite gives it the free id.
    with open_project(project_path, create=False) as other:
        second = other.articles()[1].id
        theirs = other.add_claim(second, 0, 9, "opinion", annotator="sam")
    assert theirs.id == first.id
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert not [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    (mine,) = [c for c in window.project.claims() if c.annotator == "tester"]
    assert mine.id != theirs.id and mine.label is ClaimLabel.FACTUAL
    assert window.project.get_claim(theirs.id) == theirs
    assert window.claim_model.rowCount() == 1
    # Ctrl+Z takes back this window's claim; the other person's claim stays.
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.project.claims() == [theirs]
    assert window.claim_model.rowCount() == 0


def test_an_undo_never_overwrites_a_label_saved_elsewhere_since(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    assert window.project is not None
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    (claim,) = window.project.claims()
    assert claim.id is not None and claim.label is ClaimLabel.OPINION
    with open_project(project_path, create=False) as other:
        other.update_claim(claim.id, label="questionable")
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    # The label before it names the same claim, and goes with it (`dependent_steps`).
    assert _error_box(window) == (
        "Not undone: label claim as opinion. The claim was changed elsewhere since (in another window, "
        "or by an import or a merge), so this step and 1 step that depended on it were dropped; "
        "nothing else was in your undo history."
    )
    assert window.project.get_claim(claim.id).label is ClaimLabel.QUESTIONABLE
    assert window.undo_stack.count() == 0
    # The window shows the claim as saved, and nothing of the person's is unsaved.
    assert window.claim_model.index(0, 0).data() == "Questionable"
    assert window.save_label.text() == "All changes saved"


def test_an_undone_delete_puts_the_claim_back_beside_one_saved_elsewhere_in_its_place(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    assert window.project is not None
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    (deleted,) = window.project.claims()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.project.claims() == []
    with open_project(project_path, create=False) as other:
        theirs = other.add_claim(other.articles()[1].id, 0, 9, "opinion", annotator="sam")
    assert theirs.id == deleted.id
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert not [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    (back,) = [c for c in window.project.claims() if c.annotator == "tester"]
    assert back.id != theirs.id and (back.start, back.end, back.label) == (
        deleted.start,
        deleted.end,
        ClaimLabel.FACTUAL,
    )
    assert window.project.get_claim(theirs.id) == theirs
    # Redo deletes it again, under its new id, and nothing of the other person's.
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert window.project.claims() == [theirs]


def test_an_undone_rejection_never_overwrites_a_decision_saved_elsewhere(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    window.view.setFocus()
    for key in (Qt.Key.Key_E, Qt.Key.Key_J, Qt.Key.Key_R):
        qtbot.keyClick(window.view, key)
    (rejected,) = [e for e in window.project.entities(article_id) if e.status is EntityStatus.REJECTED]
    assert rejected.id is not None
    with open_project(project_path, create=False) as other:
        from annotator.core.commands import SetEntityStatus

        other.execute(SetEntityStatus(rejected.id, EntityStatus.ACCEPTED))
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert _error_box(window).startswith("Not undone: mark entity rejected. The entity was changed elsewhere")
    statuses = {e.id: e.status for e in window.project.entities(article_id)}
    assert statuses[rejected.id] is EntityStatus.ACCEPTED


def test_a_redo_of_a_decision_on_a_name_pre_annotation_elsewhere_no_longer_finds_says_why_in_plain_words(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """A, Ctrl+Z, then Pre-annotate All in another window or process, by a version that no
    longer finds the name: Ctrl+Y said "Entity 2 does not exist (any more)", a row's id the
    person never saw. It names the entity and what happened, and drops that step alone."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    window.view.setFocus()
    for key in (Qt.Key.Key_E, Qt.Key.Key_J, Qt.Key.Key_A):
        qtbot.keyClick(window.view, key)
    (accepted,) = [e for e in window.project.entities(article_id) if e.status is EntityStatus.ACCEPTED]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    statuses = {e.id: e.status for e in window.project.entities(article_id)}
    assert statuses[accepted.id] is EntityStatus.SUGGESTED
    with open_project(project_path, create=False) as other:
        text = other.article(article_id).text
        analysis = hand_analysis(text)
        renewed = dataclasses.replace(
            analysis,
            pipeline=PipelineInfo("hand-made", "2"),
            entities=tuple(
                e for e in analysis.entities if (e.start, e.end) != (accepted.start, accepted.end)
            ),
        )
        store_of(other).save_analyses([(article_id, renewed)])
        assert accepted.id not in {e.id for e in other.entities(article_id)}
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    name = f"{entity_name(text, accepted.start, accepted.end)} ({accepted.label})"
    assert _error_box(window) == (
        "Not redone: mark entity accepted. Pre-annotation since (in another window, or by annotator "
        f"annotate) no longer finds {name} in the article, so this step no longer applies and was "
        "dropped; nothing else was in your undo history."
    )
    assert window.undo_stack.count() == 0


def test_a_redo_of_a_decision_on_a_name_gone_otherwise_still_names_the_entity(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Not pre-annotated again (the entity's row deleted by other means): no reason is made up."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    window.view.setFocus()
    for key in (Qt.Key.Key_E, Qt.Key.Key_J, Qt.Key.Key_A):
        qtbot.keyClick(window.view, key)
    (accepted,) = [e for e in window.project.entities(article_id) if e.status is EntityStatus.ACCEPTED]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    with open_project(project_path, create=False) as other, store_of(other).transaction():
        store_of(other).conn.execute("DELETE FROM entities WHERE id = ?", (accepted.id,))
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    name = entity_name(window.article.article.text, accepted.start, accepted.end)
    assert _error_box(window) == (
        f"Not redone: mark entity accepted. {name} ({accepted.label}) is no longer in the article "
        "(deleted elsewhere), so this step was dropped; nothing else was in your undo history."
    )
    assert window.undo_stack.count() == 0


def test_a_redo_never_overwrites_a_label_saved_elsewhere_since(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Opinion, factual, Ctrl+Z; another window makes the claim questionable; Ctrl+Y wrote
    factual over it silently. The redo is refused as the undo would be, and the file kept;
    that step alone goes, and the label before it stays in the history."""
    assert window.project is not None
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    (claim,) = window.project.claims()
    assert claim.id is not None and claim.label is ClaimLabel.FACTUAL
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.project.get_claim(claim.id).label is ClaimLabel.OPINION
    with open_project(project_path, create=False) as other:
        other.update_claim(claim.id, label="questionable")
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert _error_box(window) == (
        "Not redone: label claim as factual. The claim was changed elsewhere since (in another window, "
        "or by an import or a merge), so this step was dropped; the rest of your undo history is kept."
    )
    assert window.project.get_claim(claim.id).label is ClaimLabel.QUESTIONABLE
    assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 1)
    assert window.claim_model.index(0, 0).data() == "Questionable"
    assert window.save_label.text() == "All changes saved"


def test_the_history_follows_a_claim_put_back_under_a_new_id(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Label, relabel, Delete; another window takes the freed id; Ctrl+Z puts the claim back
    under a new id. The relabel before it named the old id, so the next Ctrl+Z was refused
    ("claim N was deleted") and the history cleared: it follows the claim to its new id."""
    assert window.project is not None
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    (deleted,) = window.project.claims()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    with open_project(project_path, create=False) as other:
        theirs = other.add_claim(other.articles()[1].id, 0, 9, "opinion", annotator="sam")
    assert theirs.id == deleted.id
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # back, under a new id
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the relabel, on that claim
    assert not [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    (back,) = [c for c in window.project.claims() if c.annotator == "tester"]
    assert back.id != theirs.id and back.label is ClaimLabel.FACTUAL
    assert window.claim_model.index(0, 0).data() == "Factual"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # the label itself
    assert window.project.claims() == [theirs]
    # And forward again: Ctrl+Y thrice gives the same claim, relabelled, then deleted.
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    (again,) = [c for c in window.project.claims() if c.annotator == "tester"]
    assert again.label is ClaimLabel.OPINION
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert not [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert window.project.claims() == [theirs]
    assert window.project.get_claim(theirs.id) == theirs


def test_a_redo_follows_a_claim_put_back_under_a_new_id(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Label, relabel, Ctrl+Z twice; another window takes the freed id; Ctrl+Y puts the claim
    back under a new id, and the next Ctrl+Y relabels that claim rather than being refused."""
    assert window.project is not None
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.project.claims() == []
    with open_project(project_path, create=False) as other:
        theirs = other.add_claim(other.articles()[1].id, 0, 9, "opinion", annotator="sam")
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert not [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    (mine,) = [c for c in window.project.claims() if c.annotator == "tester"]
    assert mine.id != theirs.id and mine.label is ClaimLabel.QUESTIONABLE
    assert window.project.get_claim(theirs.id) == theirs
    assert window.undo_stack.canUndo()


def test_undoing_a_first_claim_leaves_the_article_started_while_another_persons_claim_is_on_it(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """The first claim started the article; another window then labelled it too. Ctrl+Z takes
    back this window's claim only, and the article stays in progress with the other claim."""
    from annotator.core.model import ArticleStatus

    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.project.article(article_id).status is ArticleStatus.IN_PROGRESS
    with open_project(project_path, create=False) as other:
        theirs = other.add_claim(article_id, 0, 9, "opinion", annotator="sam")
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert not [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    assert window.project.claims(article_id) == [theirs]
    assert window.project.article(article_id).status is ArticleStatus.IN_PROGRESS


def test_an_undo_refused_by_the_disk_keeps_the_file_name_the_store_names(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store's line starts with the project's name as it was given ("test.annotator.db:
    the disk is full; …"); after "Not undone: …." it was capitalised as if it were a word."""
    from annotator.core.errors import DiskFullError

    assert window.project is not None
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)

    def full(*_args: object, **_kwargs: object) -> None:
        raise DiskFullError("test.annotator.db: the disk is full; free some space and try again")

    monkeypatch.setattr(window.project, "revert", full)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert _error_box(window) == (
        "Not undone: add factual claim. test.annotator.db: the disk is full; free some space and "
        "try again. Your undo history was cleared."
    )


def test_an_undo_refused_by_the_disk_logs_the_step_without_its_note(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The log named the step by its repr: the note in full, the annotator's name, in a log a
    person attaches to a bug report. It names the step's kind, description and rows."""
    from annotator.core.errors import DiskFullError

    assert window.project is not None
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    dialog = window.labelling.note_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.edit, "private doubts about the source")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, CTRL)
    claim = window.project.claims(window.article.article.id)[0]  # type: ignore[union-attr]
    assert claim.note == "private doubts about the source"

    def full(*_args: object, **_kwargs: object) -> None:
        raise DiskFullError("test.annotator.db: the disk is full; free some space and try again")

    monkeypatch.setattr(window.project, "revert", full)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert "Your undo history was cleared." in _error_box(window)
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("could not undo")]
    assert logged == [
        f"could not undo UpdateClaim 'Edit note' on [claim {claim.id}]: test.annotator.db: the disk is full;"
        " free some space and try again"
    ]


def test_a_redo_of_a_claim_a_merge_brought_back_leaves_one_claim(
    qtbot: QtBot, tmp_path: Path, project_path: Path, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Labelled, undone, then merged from a copy made before the undo: Ctrl+Y put the claim
    back beside the merged one, two claims of one label on the same words."""
    assert window.project is not None and window.article is not None
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    (mine,) = window.project.claims()
    copy = tmp_path / "sent.annotator"
    copy_database(project_path, copy)  # sent to a colleague, or kept on a laptop
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.project.claims() == []
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(copy)], ""))
    window.findChild(QAction, "merge").trigger()
    qtbot.waitUntil(lambda: window.team.merge_report is not None and window.team.merge_report.isVisible())
    window.team.merge_report.close()
    qtbot.waitUntil(lambda: not window.busy and not window.listing)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert not [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    (back,) = window.project.claims()
    assert (back.start, back.end, back.label, back.created_at) == (
        mine.start,
        mine.end,
        mine.label,
        mine.created_at,
    )
    assert window.claim_model.rowCount() == 1
    # Ctrl+Z takes it back again, as the history says.
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert window.project.claims() == []
