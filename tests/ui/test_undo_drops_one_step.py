"""An undo or redo refused for a claim changed or deleted by a second connection drops that
step and the steps that depended on it (`core.commands.dependent_steps`), not the whole
history: the person's steps on other claims are still there for Ctrl+Z and Ctrl+Shift+Z.

It used to say "Your undo history was cleared." and take every step of the session with it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.commands import SetEntityStatus
from annotator.core.model import ArticleStatus, Claim, ClaimLabel, EntityStatus, PipelineInfo
from annotator.services.project import store_of
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import hand_analysis, make_project, open_window, select_words

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
KEPT = "; the rest of your undo history is kept."
NOTHING_ELSE = "; nothing else was in your undo history."


def _error_box(window: MainWindow) -> str:
    (box,) = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
    text = box.text()
    box.close()
    return text


def _no_error(window: MainWindow) -> bool:
    return not [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]


def _later_words(window: MainWindow) -> int:
    """Where a second claim starts: a word well after the first claim's two words."""
    assert window.article is not None
    text = window.article.article.text
    return text.index(" ", 40) + 1


def _mine(window: MainWindow) -> list[Claim]:
    assert window.project is not None
    return sorted(window.project.claims(), key=lambda claim: claim.start)


def _undo(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)


def _redo(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL_SHIFT)


def test_a_redo_refused_for_a_claim_relabelled_elsewhere_keeps_the_step_on_another_claim(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Label a claim, relabel it, label a second; Ctrl+Z twice; another window relabels the
    first. Ctrl+Shift+Z is refused for the relabel, which goes alone: the next Ctrl+Shift+Z
    still puts the second claim back."""
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    select_words(qtbot, window, _later_words(window), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    first, second = _mine(window)
    assert first.id is not None and (first.label, second.label) == (ClaimLabel.OPINION, ClaimLabel.FACTUAL)
    _undo(qtbot, window)
    _undo(qtbot, window)
    assert [c.label for c in _mine(window)] == [ClaimLabel.FACTUAL]
    with open_project(project_path, create=False) as other:
        other.update_claim(first.id, label="questionable")

    _redo(qtbot, window)
    assert _error_box(window) == (
        "Not redone: label claim as opinion. The claim was changed elsewhere since (in another window, "
        "or by an import or a merge), so this step was dropped" + KEPT
    )
    assert (window.undo_stack.count(), window.undo_stack.index()) == (2, 1)
    _redo(qtbot, window)
    assert _no_error(window)
    assert [(c.start, c.label) for c in _mine(window)] == [
        (first.start, ClaimLabel.QUESTIONABLE),
        (second.start, ClaimLabel.FACTUAL),
    ]
    assert window.claim_model.rowCount() == 2


def test_an_undo_refused_for_a_claim_deleted_elsewhere_drops_its_own_steps_and_keeps_another_claims(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Label and relabel one claim, then label and relabel a second; Ctrl+Z twice takes the
    second back; another window deletes the first. Ctrl+Z is refused for the first's relabel,
    and its label, on the same claim, goes with it; the second claim's two steps stay to be
    redone."""
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    select_words(qtbot, window, _later_words(window), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    first, second = _mine(window)
    assert first.id is not None
    _undo(qtbot, window)
    _undo(qtbot, window)
    with open_project(project_path, create=False) as other:
        other.delete_claim(first.id)

    _undo(qtbot, window)
    assert _error_box(window) == (
        "Not undone: label claim as opinion. The claim was deleted elsewhere (in another window, or by "
        "another program), so this step and 1 step that depended on it were dropped" + KEPT
    )
    assert (window.undo_stack.count(), window.undo_stack.index()) == (2, 0)
    assert _mine(window) == []
    _redo(qtbot, window)
    _redo(qtbot, window)
    assert _no_error(window)
    assert [(c.start, c.label) for c in _mine(window)] == [(second.start, ClaimLabel.QUESTIONABLE)]
    assert window.claim_model.rowCount() == 1
    assert not window.undo_stack.canRedo()


def test_the_undo_of_a_first_claim_deleted_elsewhere_blames_the_claim_not_the_status(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Deleting an article's last claim puts it back to new; the undo of that claim's labelling
    in this window then found the status changed, and said "The article's status was changed
    elsewhere", of a status nobody changed by hand."""
    assert window.article is not None
    article_id = window.article.article.id
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    (first,) = _mine(window)
    assert first.id is not None
    with open_project(project_path, create=False) as other:
        other.delete_claim(first.id)
        assert other.article(article_id).status is ArticleStatus.NEW

    _undo(qtbot, window)
    assert _error_box(window) == (
        "Not undone: add factual claim. The claim was deleted elsewhere (in another window, or by "
        "another program), so this step was dropped" + NOTHING_ELSE
    )
    assert _mine(window) == []
    assert window.project is not None and window.project.article(article_id).status is ArticleStatus.NEW


def test_a_chain_of_steps_on_one_claim_goes_together_and_writes_nothing_over_the_other_window(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Label a claim, then another, which is relabelled opinion, questionable, factual; Ctrl+Z
    thrice; another window makes it opinion. Ctrl+Shift+Z is refused for the first relabel.
    The second, alone, would find opinion as it expects and write questionable over the other
    person's label: the two relabels after the refused one go with it, and the file keeps
    opinion. The two labels before stay."""
    select_words(qtbot, window, _later_words(window), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    select_words(qtbot, window, 0, 2)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_1):
        qtbot.keyClick(window.view, key)
    assert window.undo_stack.count() == 5
    chained, _ = _mine(window)
    assert chained.id is not None
    for _ in range(3):
        _undo(qtbot, window)
    assert [c.label for c in _mine(window)] == [ClaimLabel.FACTUAL, ClaimLabel.FACTUAL]
    with open_project(project_path, create=False) as other:
        other.update_claim(chained.id, label="opinion")

    _redo(qtbot, window)
    assert _error_box(window) == (
        "Not redone: label claim as opinion. The claim was changed elsewhere since (in another window, "
        "or by an import or a merge), so this step and 2 steps that depended on it were dropped" + KEPT
    )
    assert (window.undo_stack.count(), window.undo_stack.index()) == (2, 2)
    _redo(qtbot, window)  # nothing is left to redo
    assert [c.label for c in _mine(window)] == [ClaimLabel.OPINION, ClaimLabel.FACTUAL]
    # The labels before stay: Ctrl+Z takes back the second label, which the other window
    # changed, refused in its turn, and then the first.
    _undo(qtbot, window)
    assert _error_box(window).startswith("Not undone: add factual claim. The claim was changed elsewhere")
    assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 1)
    _undo(qtbot, window)
    assert _no_error(window)
    assert [c.label for c in _mine(window)] == [ClaimLabel.OPINION]
    assert window.undo_stack.index() == 0


def test_an_undo_refused_for_a_decision_made_otherwise_elsewhere_keeps_the_claim_before_it(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Label a claim, then R on a name; another window accepts that name. Ctrl+Z is refused
    for the rejection, which goes alone: the claim's step, on another row, stays."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    window.view.setFocus()
    for key in (Qt.Key.Key_E, Qt.Key.Key_J, Qt.Key.Key_R):
        qtbot.keyClick(window.view, key)
    (rejected,) = [e for e in window.project.entities(article_id) if e.status is EntityStatus.REJECTED]
    assert rejected.id is not None
    with open_project(project_path, create=False) as other:
        other.execute(SetEntityStatus(rejected.id, EntityStatus.ACCEPTED))

    _undo(qtbot, window)
    assert _error_box(window) == (
        "Not undone: mark entity rejected. The entity was changed elsewhere since (in another window, "
        "or by an import or a merge), so this step was dropped" + KEPT
    )
    assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 1)
    _undo(qtbot, window)
    assert _no_error(window)
    assert window.project.claims() == []
    statuses = {e.id: e.status for e in window.project.entities(article_id)}
    assert statuses[rejected.id] is EntityStatus.ACCEPTED


@pytest.mark.parametrize("undo", [True, False], ids=["undo", "redo"])
def test_a_refused_step_that_was_the_whole_history_says_nothing_else_was_there(
    qtbot: QtBot, project_path: Path, window: MainWindow, undo: bool
) -> None:
    """Label one claim; another window relabels it (or, after Ctrl+Z, marks its article
    done, which the redo of a first claim would start again). The refused
    Ctrl+Z or Ctrl+Shift+Z drops the only step: it said "the rest of your undo history is
    kept" of a history with nothing left in it."""
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    (claim,) = _mine(window)
    assert claim.id is not None
    if not undo:
        _undo(qtbot, window)
        assert _mine(window) == []
    with open_project(project_path, create=False) as other:
        if undo:
            other.update_claim(claim.id, label="questionable")
        else:
            other.set_status(claim.article_id, ArticleStatus.DONE)  # the redo would start it again
    assert window.undo_stack.count() == 1

    (_undo if undo else _redo)(qtbot, window)
    if undo:
        assert _error_box(window) == (
            "Not undone: add factual claim. The claim was changed elsewhere since (in another window, "
            "or by an import or a merge), so this step was dropped" + NOTHING_ELSE
        )
    else:
        assert _error_box(window) == (
            "Not redone: add factual claim. The article's status was changed elsewhere since (in another "
            "window, or by an import or a merge), so this step was dropped" + NOTHING_ELSE
        )
    assert window.undo_stack.count() == 0


QUOTED = 'Maria Lopez said: "Taxes rise again." Tom Baker called the plan "a scandal" on Monday.'


def _claim_then_quotation_removed_and_undone(qtbot: QtBot, window: MainWindow) -> int:
    """Label a claim, remove the quotation "a scandal" (W), Ctrl+Z; where the quotation starts."""
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    start = QUOTED.index('"a scandal"')
    window.view.setFocus()
    window.view.scroll_to(start + 2)
    qtbot.keyClick(window.view, Qt.Key.Key_W)
    dialog = window.quotations.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("remove"))
    qtbot.keyClick(dialog.speaker_edit, Qt.Key.Key_Return)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    assert window.undo_stack.count() == 2
    _undo(qtbot, window)
    return start


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_redo_of_a_removal_with_no_quotation_left_at_its_span_keeps_the_claim_before_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Label a claim, remove a quotation (W), Ctrl+Z; another program deletes the quotation.
    Ctrl+Shift+Z finds nothing at its span and drops that step alone."""
    path = make_project(tmp_path / "quotes.annotator.db", [("Taxes", QUOTED)])
    window = open_window(qtbot, path)
    assert window.project is not None
    start = _claim_then_quotation_removed_and_undone(qtbot, window)
    (quote,) = [q for q in window.project.quotes(1) if q.start == start]
    with open_project(path, create=False) as other, store_of(other).transaction():
        store_of(other).conn.execute("DELETE FROM quotes WHERE id = ?", (quote.id,))

    _redo(qtbot, window)
    assert _error_box(window) == (
        "Not redone: remove quotation. The quotation was deleted elsewhere (in another window, or by "
        "another program), so this step was dropped" + KEPT
    )
    assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 1)
    _undo(qtbot, window)
    assert _no_error(window)
    assert window.project.claims() == []
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_redo_of_a_removal_pre_annotation_elsewhere_no_longer_finds_says_why_in_plain_words(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Label a claim, remove a quotation (W), Ctrl+Z; `annotator annotate` (or another window)
    pre-annotates the article again with a version that no longer finds the quotation.
    Ctrl+Shift+Z said the quotation "was deleted elsewhere", which no one did; it says what
    happened, as for an entity, and drops that step alone."""
    path = make_project(tmp_path / "quotes.annotator.db", [("Taxes", QUOTED)])
    window = open_window(qtbot, path)
    assert window.project is not None
    start = _claim_then_quotation_removed_and_undone(qtbot, window)
    with open_project(path, create=False) as other:
        analysis = hand_analysis(QUOTED)
        renewed = dataclasses.replace(
            analysis,
            pipeline=PipelineInfo("hand-made", "2"),
            quotes=tuple(q for q in analysis.quotes if q.start != start),
        )
        store_of(other).save_analyses([(1, renewed)])
        assert [q.start for q in other.quotes(1)] == [QUOTED.index('"Taxes')]

    _redo(qtbot, window)
    assert _error_box(window) == (
        "Not redone: remove quotation. Pre-annotation since (in another window, or by annotator "
        "annotate) no longer finds the quotation “a scandal” in the article, so this step no longer "
        "applies and was dropped" + KEPT
    )
    assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 1)
    _undo(qtbot, window)
    assert _no_error(window)
    assert window.project.claims() == []
    window.close()


def test_steps_on_a_first_claim_go_with_it_when_its_redo_under_a_new_id_is_refused(
    qtbot: QtBot, project_path: Path, window: MainWindow
) -> None:
    """Label a first claim (it also starts the article) and relabel it; Ctrl+Z twice; another
    window takes the claim's freed id and marks the article done. Ctrl+Shift+Z puts the claim
    back under a new id, then is refused for the article's status, and rolled back: the
    relabel, which names the claim by its old id, goes with it rather than wait to be refused
    on the other person's claim."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    (first,) = _mine(window)
    _undo(qtbot, window)
    _undo(qtbot, window)
    assert _mine(window) == []
    with open_project(project_path, create=False) as other:
        theirs = other.add_claim(other.articles()[1].id, 0, 9, "opinion", annotator="sam")
        other.set_status(article_id, ArticleStatus.DONE)
    assert theirs.id == first.id

    _redo(qtbot, window)
    assert _error_box(window) == (
        "Not redone: add factual claim. The article's status was changed elsewhere since (in another "
        "window, or by an import or a merge), so this step and 1 step that depended on it were dropped"
        + NOTHING_ELSE
    )
    assert window.undo_stack.count() == 0
    assert _mine(window) == [theirs]
    assert window.project.article(article_id).status is ArticleStatus.DONE


def test_a_step_whose_rows_cannot_be_known_still_clears_the_history(qtbot: QtBot, window: MainWindow) -> None:
    """A command that cannot say its rows may depend on any step: dropping it alone could leave
    a step that writes over someone's work, so its refusal clears the history as before."""
    from annotator.core.commands import Change, Command, EditTarget
    from annotator.core.errors import ChangedMeanwhile

    class Unnamed(Command):
        description = "Do something"

        def apply(self, target: EditTarget) -> Change:
            return Change(description=self.description)

        def revert(self, target: EditTarget) -> Change:
            raise ChangedMeanwhile("The row was changed elsewhere since", row="The row")

    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    window.undo_stack.run(Unnamed())
    assert window.undo_stack.count() == 2
    _undo(qtbot, window)
    assert _error_box(window) == (
        "Not undone: do something. The row was changed elsewhere since. Your undo history was cleared."
    )
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0)
