"""Ctrl+Z and Ctrl+Shift+Z in a window after another program re-analysed the article: a second
window, or `annotator annotate`, pre-annotates on its own connection without this window's
history, so it does not keep the suggestion rows the window's undone steps name (`keep`), and
renews them under new ids.

The other program is `services.preannotate.preannotate` on a second connection, run between
two keys, with the model's part stubbed as in `test_undo_across_preannotation`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import Entity, EntityStatus
from annotator.services import preannotate as preannotate_service
from annotator.services.project import store_of
from annotator.ui.main_window import MainWindow
from tests.ui.test_undo_across_preannotation import (
    CTRL_SHIFT,
    LABOR_DAY,
    UNITED_STATES,
    _decide,
    _entity,
    _error_boxes,
    _key,
    _said,
    _shown_as_saved,
    _status,
    _stub_preannotation,
    _StubPipeline,
    _window,
)


def _preannotate_elsewhere(window: MainWindow) -> None:
    """Pre-annotate All by another process: its own connection, no `keep`."""
    assert window.project is not None
    with open_project(window.project.path, create=False) as elsewhere:
        preannotate_service.preannotate(elsewhere, pipeline=_StubPipeline())  # type: ignore[arg-type]


def _as_a_person_sees(window: MainWindow) -> list[tuple[int, int, str, EntityStatus]]:
    """Article 1's entities as saved, without what no one sees: row ids and the pipeline's name."""
    assert window.project is not None
    return sorted((e.start, e.end, e.label, EntityStatus(e.status)) for e in window.project.entities(1))


def _closed_error_boxes(qtbot: QtBot, window: MainWindow) -> list[str]:
    """The error boxes' words, the boxes closed and the window given the keys again."""
    boxes = [box for box in window.findChildren(QMessageBox, "errorBox") if box.isVisible()]
    said = [box.text() for box in boxes]
    for box in boxes:
        box.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return said


def _renewed(before: Entity | None, window: MainWindow) -> Entity:
    """The row at `before`'s span now, which pre-annotation elsewhere made anew."""
    assert before is not None
    now = _entity(window, (before.start, before.end))
    assert now is not None and now.id != before.id and now.model != before.model
    return now


def test_a_decision_undone_then_redone_after_pre_annotation_elsewhere(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A, Ctrl+Z, pre-annotation elsewhere, Ctrl+Shift+Z: the redo's suggestion row is gone,
    and the same name (span and type) is a new suggestion row. The redo said "this step no
    longer applies" and cleared the history; it applies to the new row, leaving the article as
    the person had it before Ctrl+Z, and its Ctrl+Z works on that row too."""
    _stub_preannotation(monkeypatch)
    window = _window(qtbot, tmp_path)
    try:
        suggested = _entity(window, UNITED_STATES)
        _decide(qtbot, window, UNITED_STATES, Qt.Key.Key_A)
        decided = _as_a_person_sees(window)
        _key(qtbot, window, Qt.Key.Key_Z)
        assert _said(window) == "Undone: mark entity accepted"
        _preannotate_elsewhere(window)
        renewed = _renewed(suggested, window)
        _key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
        assert _error_boxes(window) == []
        assert _said(window) == "Redone: mark entity accepted"
        assert _as_a_person_sees(window) == decided
        assert _entity(window, UNITED_STATES) == dataclasses.replace(renewed, status=EntityStatus.ACCEPTED)
        _shown_as_saved(window)
        assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 1)
        _key(qtbot, window, Qt.Key.Key_Z)
        assert _said(window) == "Undone: mark entity accepted"
        assert _entity(window, UNITED_STATES) == renewed
        _shown_as_saved(window)
    finally:
        window.close()


@pytest.mark.parametrize("found_again", [True, False], ids=["found-again", "no-longer-found"])
def test_decisions_undone_and_redone_after_pre_annotation_elsewhere(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, found_again: bool
) -> None:
    """A, R, pre-annotation elsewhere, Ctrl+Z twice, Ctrl+Shift+Z twice: decided rows are a
    person's work, which pre-annotation keeps in any program, so the undo finds them."""
    _stub_preannotation(
        monkeypatch, drop=frozenset() if found_again else frozenset({UNITED_STATES, LABOR_DAY})
    )
    window = _window(qtbot, tmp_path)
    try:
        _decide(qtbot, window, UNITED_STATES, Qt.Key.Key_A)
        _decide(qtbot, window, LABOR_DAY, Qt.Key.Key_R)
        decided = _as_a_person_sees(window)
        _preannotate_elsewhere(window)
        for said in ("Undone: mark entity rejected", "Undone: mark entity accepted"):
            _key(qtbot, window, Qt.Key.Key_Z)
            assert _said(window) == said
        assert (_status(window, UNITED_STATES), _status(window, LABOR_DAY)) == (
            EntityStatus.SUGGESTED,
            EntityStatus.SUGGESTED,
        )
        _shown_as_saved(window)
        for said in ("Redone: mark entity accepted", "Redone: mark entity rejected"):
            _key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
            assert _said(window) == said
        assert _as_a_person_sees(window) == decided
        assert _error_boxes(window) == []
        assert (window.undo_stack.count(), window.undo_stack.index()) == (2, 2)
    finally:
        window.close()


def test_a_redo_of_a_name_no_longer_found_elsewhere_drops_that_step_alone(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R on Labor Day, A on United States, Ctrl+Z twice, pre-annotation elsewhere by a version
    that no longer finds United States, Ctrl+Shift+Z twice: the accept can apply nowhere, and
    its refusal cleared the whole history, the rejection's step with it. Only the accept's step
    goes: the rejection's, waiting behind it, is redone, and its Ctrl+Z works."""
    _stub_preannotation(monkeypatch, drop=frozenset({UNITED_STATES}))
    window = _window(qtbot, tmp_path)
    try:
        _decide(qtbot, window, LABOR_DAY, Qt.Key.Key_R)
        _decide(qtbot, window, UNITED_STATES, Qt.Key.Key_A)
        for _ in range(2):
            _key(qtbot, window, Qt.Key.Key_Z)
        _key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)  # the rejection, on the row made anew
        assert _said(window) == "Redone: mark entity rejected"
        _preannotate_elsewhere(window)
        _key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
        assert _closed_error_boxes(qtbot, window) == [
            "Not redone: mark entity accepted. Pre-annotation since (in another window, or by "
            "annotator annotate) no longer finds United States (GPE) in the article, so this step "
            "no longer applies and was dropped; the rest of your undo history is kept."
        ]
        assert _entity(window, UNITED_STATES) is None
        assert _status(window, LABOR_DAY) is EntityStatus.REJECTED
        _shown_as_saved(window)
        qtbot.waitUntil(lambda: not window.busy and not window.listing)
        assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 1)
        _key(qtbot, window, Qt.Key.Key_Z)
        assert _said(window) == "Undone: mark entity rejected"
        assert _status(window, LABOR_DAY) is EntityStatus.SUGGESTED
    finally:
        window.close()


def test_a_step_waiting_behind_a_dropped_one_is_redone_on_the_name_made_anew(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A on United States, R on Labor Day, Ctrl+Z twice, pre-annotation elsewhere that no
    longer finds United States but finds Labor Day again: the first redo is dropped, and the
    next Ctrl+Shift+Z redoes the rejection on Labor Day's new row."""
    _stub_preannotation(monkeypatch, drop=frozenset({UNITED_STATES}))
    window = _window(qtbot, tmp_path)
    try:
        _decide(qtbot, window, UNITED_STATES, Qt.Key.Key_A)
        _decide(qtbot, window, LABOR_DAY, Qt.Key.Key_R)
        for _ in range(2):
            _key(qtbot, window, Qt.Key.Key_Z)
        labor_day = _entity(window, LABOR_DAY)
        _preannotate_elsewhere(window)
        renewed = _renewed(labor_day, window)
        _key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
        assert len(_closed_error_boxes(qtbot, window)) == 1
        qtbot.waitUntil(lambda: not window.busy and not window.listing)
        assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 0)
        _key(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
        assert _said(window) == "Redone: mark entity rejected"
        assert _entity(window, LABOR_DAY) == dataclasses.replace(renewed, status=EntityStatus.REJECTED)
        _shown_as_saved(window)
    finally:
        window.close()


def test_an_undo_of_a_decision_deleted_elsewhere_names_it_and_drops_that_step_alone(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R on Labor Day, A on United States, its row deleted by another program (pre-annotation
    keeps a decided row, so not by that), Ctrl+Z: it said "Entity 2 does not exist (any
    more)", or blamed pre-annotation had the article been analysed since, and cleared the
    history. It names the entity, keeps the edit as it is, and the rejection's Ctrl+Z works."""
    _stub_preannotation(monkeypatch)
    window = _window(qtbot, tmp_path)
    try:
        _decide(qtbot, window, LABOR_DAY, Qt.Key.Key_R)
        _decide(qtbot, window, UNITED_STATES, Qt.Key.Key_A)
        accepted = _entity(window, UNITED_STATES)
        assert window.project is not None and accepted is not None
        _preannotate_elsewhere(window)
        with open_project(window.project.path, create=False) as elsewhere, store_of(elsewhere).transaction():
            store_of(elsewhere).conn.execute("DELETE FROM entities WHERE id = ?", (accepted.id,))
        _key(qtbot, window, Qt.Key.Key_Z)
        assert _closed_error_boxes(qtbot, window) == [
            "Not undone: mark entity accepted. United States (GPE) is no longer in the article "
            "(deleted elsewhere), so this step was dropped; the rest of your undo history is kept."
        ]
        qtbot.waitUntil(lambda: not window.busy and not window.listing)
        _shown_as_saved(window)
        assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 1)
        _key(qtbot, window, Qt.Key.Key_Z)
        assert _said(window) == "Undone: mark entity rejected"
        assert _status(window, LABOR_DAY) is EntityStatus.SUGGESTED
    finally:
        window.close()


def test_a_decision_on_a_name_shown_before_pre_annotation_elsewhere(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A on United States as the window shows it, after pre-annotation elsewhere renewed its
    row: it said "The entity is not the one shown any more" though the name stood there. It
    accepts the row made anew, and Ctrl+Z gives that back as a suggestion."""
    _stub_preannotation(monkeypatch)
    window = _window(qtbot, tmp_path)
    try:
        assert window.article is not None
        suggested = _entity(window, UNITED_STATES)
        _preannotate_elsewhere(window)
        renewed = _renewed(suggested, window)
        assert suggested in window.article.entities  # the window has not heard of it yet
        _decide(qtbot, window, UNITED_STATES, Qt.Key.Key_A)
        assert _error_boxes(window) == []
        assert _entity(window, UNITED_STATES) == dataclasses.replace(renewed, status=EntityStatus.ACCEPTED)
        _shown_as_saved(window)
        _key(qtbot, window, Qt.Key.Key_Z)
        assert _said(window) == "Undone: mark entity accepted"
        assert _entity(window, UNITED_STATES) == renewed
    finally:
        window.close()
