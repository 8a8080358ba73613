"""A name typed on a span pre-annotation read as another type stands alone there, and the
other type is rejected, as a decision carried to the other articles.

Select "Tom Baker. " word by word (the full stop with it, so A asks a type rather than accept
the GPE suggestion, and the type goes on "Tom Baker"), type PERSON: the GPE suggestion stayed
beside the added name, drawn and exported as a second entity on the span, until the article
was next carried; then it was deleted, which carried nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.entity_decisions import NOT_SUGGESTED, SUGGESTED_EVERYWHERE
from annotator.core.model import Analysis, Entity, EntityStatus, PipelineInfo
from annotator.formats.writers import format_lines
from annotator.services.project import store_of
from annotator.ui.main_window import MainWindow
from annotator.ui.palette import scheme_for
from tests.ui.conftest import make_project, open_window, select_words
from tests.ui.test_decisions_dialog import _opened, _rows

TEXT = "Maria Lopez spoke first. The plan was praised by Tom Baker. Critics disagree."
TOM_BAKER = (TEXT.index("Tom Baker"), TEXT.index("Tom Baker") + len("Tom Baker"))


def _rows_at(window: MainWindow, span: tuple[int, int]) -> list[tuple[str, str]]:
    """Every row the file holds on `span` of the article, as (type, status)."""
    assert window.project is not None
    return [
        (str(row[0]), str(row[1]))
        for row in store_of(window.project).conn.execute(
            'SELECT label, status FROM entities WHERE article_id = 1 AND start = ? AND "end" = ? ORDER BY id',
            span,
        )
    ]


def _shown_at(window: MainWindow, span: tuple[int, int]) -> list[tuple[str, EntityStatus]]:
    assert window.article is not None
    return [(e.label, e.status) for e in window.article.entities if (e.start, e.end) == span]


def _type_the_selected_name(qtbot: QtBot, window: MainWindow, label: str) -> None:
    """A on the selected text in entity mode, `label` typed into the dialog it asks in and
    Return pressed. Ends with the text focused in the active window."""
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    dialog = window.entities.entity_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.edit.selectAll()
    qtbot.keyClicks(dialog.edit, label)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_name_typed_on_another_types_suggestion_rejects_it_and_ctrl_z_gives_it_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = make_project(tmp_path / "names.annotator.db", [("Praise", TEXT)])
    window = open_window(qtbot, path)
    try:
        assert window.project is not None
        assert _rows_at(window, TOM_BAKER) == [("GPE", "suggested")]
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_E)
        select_words(qtbot, window, TOM_BAKER[0], 3)
        assert window.view.selected_span() == (TOM_BAKER[0], TOM_BAKER[1] + 2)  # "Tom Baker. ": A asks a type
        _type_the_selected_name(qtbot, window, "PERSON")

        # The GPE is rejected (a decision, carried), no longer a suggestion drawn and exported.
        after = [("GPE", EntityStatus.REJECTED), ("PERSON", EntityStatus.ADDED)]
        assert _rows_at(window, TOM_BAKER) == [("GPE", "rejected"), ("PERSON", "added")]
        assert sorted(_shown_at(window, TOM_BAKER)) == after
        record = json.loads(
            "".join(format_lines("doccano", [store_of(window.project).annotated(1)], with_entities=True))
        )
        assert [label for label in record["label"] if label[:2] == list(TOM_BAKER)] == [
            [*TOM_BAKER, "PERSON"]
        ]

        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _rows_at(window, TOM_BAKER) == [("GPE", "suggested")]
        assert _shown_at(window, TOM_BAKER) == [("GPE", EntityStatus.SUGGESTED)]
        qtbot.keyClick(
            window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        assert _rows_at(window, TOM_BAKER) == [("GPE", "rejected"), ("PERSON", "added")]
        assert sorted(_shown_at(window, TOM_BAKER)) == after
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_name_typed_with_the_type_it_was_suggested_as_accepts_that_suggestion(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """ "Tom Baker. " selected word by word and typed GPE, the type pre-annotation gave it: a
    second GPE went in beside the suggestion, J counted the name twice, the status bar still
    called it suggested, and every export wrote it twice, once suggested and once added."""
    path = make_project(tmp_path / "names.annotator.db", [("Praise", TEXT)])
    window = open_window(qtbot, path)
    try:
        assert window.project is not None
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_E)
        select_words(qtbot, window, TOM_BAKER[0], 3)
        _type_the_selected_name(qtbot, window, "GPE")

        assert _rows_at(window, TOM_BAKER) == [("GPE", "accepted")]
        assert _shown_at(window, TOM_BAKER) == [("GPE", EntityStatus.ACCEPTED)]
        assert window.statusBar().currentMessage() == "Accepted Tom Baker (GPE)"
        record = json.loads(
            "".join(format_lines("doccano", [store_of(window.project).annotated(1)], with_entities=True))
        )
        assert record["label"].count([*TOM_BAKER, "GPE"]) == 1

        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _rows_at(window, TOM_BAKER) == [("GPE", "suggested")]
    finally:
        window.close()


def _reject_the_place_and_type_the_person(
    qtbot: QtBot, window: MainWindow, *, rejected: Callable[[], bool] = lambda: True
) -> None:
    """In entity mode, R on the GPE suggested for Tom Baker, then the name typed PERSON with A;
    `rejected` is checked between the two. Ends with the text focused in the active window."""
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    view.select_span(*TOM_BAKER)
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert rejected()
    select_words(qtbot, window, TOM_BAKER[0], 3)
    qtbot.keyClick(view, Qt.Key.Key_A)
    dialog = window.entities.entity_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.combo.setCurrentText("PERSON")
    dialog.accept()
    assert _rows_at(window, TOM_BAKER) == [("GPE", "rejected"), ("PERSON", "added")]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_j_a_and_r_act_on_the_type_a_person_gave_a_name_after_rejecting_the_suggested_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """R on the GPE suggestion, then "Tom Baker. " typed PERSON: J from Maria Lopez said
    "Entity 2 of 3: GPE, rejected" and the next J went past the PERSON; K to it said "PERSON,
    added", yet R there did nothing (and A accepted the GPE the person had rejected, so both
    types stood on the name and went to every export)."""
    path = make_project(tmp_path / "names.annotator.db", [("Praise", TEXT)])
    window = open_window(qtbot, path)
    try:
        view = window.view
        _reject_the_place_and_type_the_person(qtbot, window)
        view.select_span(0, 0)
        qtbot.keyClick(view, Qt.Key.Key_J)
        qtbot.keyClick(view, Qt.Key.Key_J)
        assert view.selected_span() == TOM_BAKER
        assert window.statusBar().currentMessage() == "Entity 2 of 2: PERSON, added"
        qtbot.keyClick(view, Qt.Key.Key_R)
        assert _rows_at(window, TOM_BAKER) == [("GPE", "rejected"), ("PERSON", "rejected")]
        assert window.statusBar().currentMessage().startswith("Rejected Tom Baker (PERSON)")
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_the_line_under_the_text_names_the_type_a_person_gave_not_the_one_they_rejected(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """R on the GPE suggestion, then "Tom Baker" typed PERSON: the name was drawn as the bold
    PERSON and A and R acted on it, yet the line under the text (and a screen reader) said
    "GPE: Tom Baker (rejected)", the first row on the span, in entity mode and out of it."""
    path = make_project(tmp_path / "names.annotator.db", [("Praise", TEXT)])
    window = open_window(qtbot, path)
    try:
        view = window.view
        _reject_the_place_and_type_the_person(
            qtbot,
            window,
            rejected=lambda: window.context_line.text() == "GPE: Tom Baker (rejected)",
        )
        view.select_span(*TOM_BAKER)
        assert window.context_line.text() == "PERSON: Tom Baker (added)"
        view.select_span(TOM_BAKER[0] + 2, TOM_BAKER[0] + 2)
        assert window.context_line.text() == "PERSON: Tom Baker (added)"
        assert view.accessibleDescription() == "PERSON: Tom Baker (added)"
        qtbot.keyClick(view, Qt.Key.Key_E)  # out of entity mode, where rejected names are not drawn
        view.select_span(TOM_BAKER[0] + 3, TOM_BAKER[0] + 3)
        assert window.context_line.text() == "PERSON: Tom Baker (added)"
    finally:
        window.close()


def test_leaving_entity_mode_stops_naming_a_rejected_name_no_longer_drawn(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """R on "Tom Baker", then E: the struck-through name was no longer drawn, yet the line under
    the text said "GPE: Tom Baker (rejected)" until the caret moved; E again, it said nothing
    of the name drawn once more."""
    path = make_project(tmp_path / "names.annotator.db", [("Praise", TEXT)])
    window = open_window(qtbot, path)
    try:
        view = window.view
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        view.select_span(*TOM_BAKER)
        qtbot.keyClick(view, Qt.Key.Key_R)
        assert window.context_line.text() == "GPE: Tom Baker (rejected)"
        qtbot.keyClick(view, Qt.Key.Key_E)
        assert not window.entity_mode
        assert "Tom Baker" not in window.context_line.text()
        assert "Tom Baker" not in view.accessibleDescription()
        qtbot.keyClick(view, Qt.Key.Key_E)
        assert window.context_line.text() == "GPE: Tom Baker (rejected)"
    finally:
        window.close()


OTHER = "Maria Lopez spoke again. The praise came from Tom Baker."
OTHER_TOM_BAKER = (OTHER.index("Tom Baker"), OTHER.index("Tom Baker") + len("Tom Baker"))


def _in_other(window: MainWindow) -> list[tuple[str, str, EntityStatus]]:
    assert window.project is not None
    return [(OTHER[e.start : e.end], e.label, e.status) for e in window.project.entities(2)]


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_name_typed_with_another_type_is_carried_as_that_type_to_the_other_articles(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """ "Tom Baker. " selected word by word on the GPE suggestion and typed PERSON: the GPE was
    deleted, not rejected, so the decisions held only "Tom Baker PERSON added", the other
    article kept the GPE suggestion (which kept the PERSON off the name there too), yet the
    status bar said the change was carried to other articles."""
    path = make_project(tmp_path / "names.annotator.db", [("Praise", TEXT), ("Again", OTHER)])
    window = open_window(qtbot, path)
    try:
        assert window.project is not None
        window.show_article(1)
        view = window.view
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        select_words(qtbot, window, TOM_BAKER[0], 3)
        _type_the_selected_name(qtbot, window, "PERSON")

        assert _rows_at(window, TOM_BAKER) == [("GPE", "rejected"), ("PERSON", "added")]
        assert (
            window.statusBar()
            .currentMessage()
            .startswith("Added Tom Baker (PERSON), rejected as GPE — carried")
        )
        assert view.describe(TOM_BAKER[0]) == "PERSON: Tom Baker (added)"
        exported = [
            (e.label, e.status)
            for e in store_of(window.project).annotated(1).entities
            if (e.start, e.end) == TOM_BAKER and e.status != EntityStatus.REJECTED
        ]
        assert exported == [("PERSON", EntityStatus.ADDED)]
        decisions = store_of(window.project).entity_decisions()
        assert decisions.rejected == {("Tom Baker", "GPE")}
        assert decisions.added == {("Tom Baker", "PERSON")}
        listed = _opened(qtbot, window)
        assert [row[:3] for row in _rows(listed)] == [
            ["Tom Baker", "GPE", NOT_SUGGESTED],
            ["Tom Baker", "PERSON", SUGGESTED_EVERYWHERE],
        ]
        listed.reject()
        window.activateWindow()  # back from the list, as the window manager does
        qtbot.waitUntil(window.isActiveWindow)

        window.show_article(2)
        assert _in_other(window) == [
            ("Maria Lopez", "PERSON", EntityStatus.SUGGESTED),
            ("Tom Baker", "PERSON", EntityStatus.SUGGESTED),
        ]
        assert window.view.describe(OTHER_TOM_BAKER[0]).startswith("PERSON: Tom Baker (suggested: your team")

        # One Ctrl+Z takes the whole change back, here and in the other article.
        window.show_article(1)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _rows_at(window, TOM_BAKER) == [("GPE", "suggested")]
        assert not store_of(window.project).entity_decisions()
        assert _in_other(window) == [
            ("Maria Lopez", "PERSON", EntityStatus.SUGGESTED),
            ("Tom Baker", "GPE", EntityStatus.SUGGESTED),
        ]
        qtbot.keyClick(
            view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        assert _rows_at(window, TOM_BAKER) == [("GPE", "rejected"), ("PERSON", "added")]
        window.show_article(2)
        assert [(name, label) for name, label, _status in _in_other(window)] == [
            ("Maria Lopez", "PERSON"),
            ("Tom Baker", "PERSON"),
        ]
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_shift_a_typing_another_type_on_a_suggested_name_rejects_that_type_too(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Shift+A on "Tom Baker. " typed PERSON: the GPE suggestion on the name selected was
    deleted, and the decisions never heard of it."""
    text = TEXT + " Tom Baker agreed."
    path = make_project(tmp_path / "names.annotator.db", [("Praise", text)], analyse=False)
    with open_project(path) as project:  # the model read the first mention alone, as a place
        store_of(project).save_analysis(
            1, Analysis(PipelineInfo("hand-made", "1"), (Entity(*TOM_BAKER, "GPE"),))
        )
    window = open_window(qtbot, path)
    try:
        assert window.project is not None
        view = window.view
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        select_words(qtbot, window, TOM_BAKER[0], 3)
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
        dialog = window.entities.entity_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.combo.setCurrentText("PERSON")
        dialog.accept()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        view.setFocus()

        later = (text.rindex("Tom Baker"), text.rindex("Tom Baker") + len("Tom Baker"))
        assert _rows_at(window, TOM_BAKER) == [("GPE", "rejected"), ("PERSON", "added")]
        assert _rows_at(window, later) == [("PERSON", "added")]
        assert (
            window.statusBar()
            .currentMessage()
            .startswith("Added 2 mentions of Tom Baker (PERSON), rejected as GPE — carried")
        )
        assert store_of(window.project).entity_decisions().rejected == {("Tom Baker", "GPE")}
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _rows_at(window, TOM_BAKER) == [("GPE", "suggested")]
        assert _rows_at(window, later) == []
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_on_one_of_two_types_suggested_on_a_name_rejects_the_other_and_ctrl_z_gives_both_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """ "Tom Baker" suggested both as PERSON and as GPE (two analyses in one file, a merged
    one): A on it accepted the PERSON and deleted the GPE, which left no decision, so the
    other article kept suggesting "Tom Baker" as a place, and the status bar said nothing
    of the GPE. It is rejected in the same step, carried, and one Ctrl+Z gives both back."""
    path = make_project(tmp_path / "names.annotator.db", [("Praise", TEXT), ("Again", OTHER)], analyse=False)
    with open_project(path) as project:
        store = store_of(project)
        store.save_analyses(
            [
                (
                    1,
                    Analysis(
                        PipelineInfo("hand-made", "1"),
                        (Entity(*TOM_BAKER, "PERSON"), Entity(*TOM_BAKER, "GPE")),
                    ),
                ),
                (2, Analysis(PipelineInfo("hand-made", "1"), (Entity(*OTHER_TOM_BAKER, "GPE"),))),
            ]
        )
    window = open_window(qtbot, path)
    try:
        assert window.project is not None
        window.show_article(1)
        view = window.view
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        view.select_span(*TOM_BAKER)
        assert window.context_line.text() == "PERSON: Tom Baker (suggested)"
        qtbot.keyClick(view, Qt.Key.Key_A)

        assert _rows_at(window, TOM_BAKER) == [("PERSON", "accepted"), ("GPE", "rejected")]
        assert sorted(_shown_at(window, TOM_BAKER)) == [
            ("GPE", EntityStatus.REJECTED),
            ("PERSON", EntityStatus.ACCEPTED),
        ]
        assert (
            window.statusBar()
            .currentMessage()
            .startswith("Accepted Tom Baker (PERSON), rejected as GPE — carried")
        )
        assert store_of(window.project).entity_decisions().rejected == {("Tom Baker", "GPE")}
        record = json.loads(
            "".join(format_lines("doccano", [store_of(window.project).annotated(1)], with_entities=True))
        )
        assert [label for label in record["label"] if label[:2] == list(TOM_BAKER)] == [
            [*TOM_BAKER, "PERSON"]
        ]
        window.show_article(2)
        assert [name for name, _label, _status in _in_other(window)] == []

        window.show_article(1)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _rows_at(window, TOM_BAKER) == [("PERSON", "suggested"), ("GPE", "suggested")]
        assert not store_of(window.project).entity_decisions()
        assert _in_other(window) == [("Tom Baker", "GPE", EntityStatus.SUGGESTED)]
    finally:
        window.close()


def _drawn_colour(window: MainWindow, at: int) -> QColor:
    """The colour the text is drawn in at code point `at` (an entity's type colour there)."""
    view = window.view
    view.finish_highlighting()
    u16 = view.offsets.to_utf16(at)
    block = view.document().findBlock(u16)
    for rng in block.layout().formats():
        if rng.start <= u16 - block.position() < rng.start + rng.length:
            return QTextCharFormat(rng.format).foreground().color()
    return QColor()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_name_typed_over_the_type_a_person_accepted_replaces_it_in_one_undoable_step(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A on "Tom Baker" accepted the GPE; then "Tom Baker. " typed PERSON: the GPE stayed
    accepted beside the added PERSON, the name was a place and a person at once in every
    export, and the status bar said nothing of the GPE. The new type replaces the old one (the
    GPE rejected, so carried as not a place), says so, and one Ctrl+Z gives the GPE back."""
    path = make_project(tmp_path / "names.annotator.db", [("Praise", TEXT)])
    window = open_window(qtbot, path)
    try:
        assert window.project is not None
        view = window.view
        scheme = scheme_for(view.palette())
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        view.select_span(*TOM_BAKER)
        qtbot.keyClick(view, Qt.Key.Key_A)
        assert _rows_at(window, TOM_BAKER) == [("GPE", "accepted")]
        assert _drawn_colour(window, TOM_BAKER[0]) == scheme.entity_colour("GPE")

        select_words(qtbot, window, TOM_BAKER[0], 3)
        _type_the_selected_name(qtbot, window, "PERSON")

        replaced = [("GPE", "rejected"), ("PERSON", "added")]
        assert _rows_at(window, TOM_BAKER) == replaced
        assert (
            window.statusBar()
            .currentMessage()
            .startswith("Added Tom Baker (PERSON) in place of your GPE (now rejected) — carried")
        )
        assert view.describe(TOM_BAKER[0]) == "PERSON: Tom Baker (added)"
        assert _drawn_colour(window, TOM_BAKER[0]) == scheme.entity_colour("PERSON")
        record = json.loads(
            "".join(format_lines("doccano", [store_of(window.project).annotated(1)], with_entities=True))
        )
        assert [label for label in record["label"] if label[:2] == list(TOM_BAKER)] == [
            [*TOM_BAKER, "PERSON"]
        ]
        decisions = store_of(window.project).entity_decisions()
        assert (decisions.rejected, decisions.added) == ({("Tom Baker", "GPE")}, {("Tom Baker", "PERSON")})

        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _rows_at(window, TOM_BAKER) == [("GPE", "accepted")]
        assert _shown_at(window, TOM_BAKER) == [("GPE", EntityStatus.ACCEPTED)]
        assert _drawn_colour(window, TOM_BAKER[0]) == scheme.entity_colour("GPE")
        qtbot.keyClick(
            view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        assert _rows_at(window, TOM_BAKER) == replaced
        assert _drawn_colour(window, TOM_BAKER[0]) == scheme.entity_colour("PERSON")
    finally:
        window.close()


def _person_accepted_over_a_rejected_place(path: Path) -> Path:
    """The project of TEXT with "Tom Baker" suggested both as GPE and as PERSON (two analyses
    saved into one file, or a merged one), the PERSON accepted, so the GPE rejected."""
    from annotator.services import labelling

    make_project(path, [("Praise", TEXT)], analyse=False)
    with open_project(path, create=False) as project:
        store = store_of(project)
        both = tuple(Entity(*TOM_BAKER, label) for label in ("GPE", "PERSON"))
        store.save_analysis(1, Analysis(PipelineInfo("test", "1"), entities=both))
        person = next(e for e in store.entities(1) if e.label == "PERSON")
        command = labelling.accept_entity(person, article=store.annotated(1)).command
        assert command is not None
        project.execute(command)
    return path


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_t_gives_back_the_type_rejected_under_a_name_accepted_as_another(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """ "Tom Baker" accepted as PERSON, its GPE suggestion rejected by that: A and R meant the
    PERSON (the one drawn), A said nothing, and the GPE could be had back only by selecting the
    name with a character more and typing GPE. A says the key now; T asks the type, GPE
    offered first, and makes the name GPE again in one step that Ctrl+Z takes back."""
    path = _person_accepted_over_a_rejected_place(tmp_path / "names.annotator.db")
    window = open_window(qtbot, path)
    try:
        view = window.view
        before = [("GPE", "rejected"), ("PERSON", "accepted")]
        assert _rows_at(window, TOM_BAKER) == before
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        view.select_span(*TOM_BAKER)
        qtbot.keyClick(view, Qt.Key.Key_A)
        assert _rows_at(window, TOM_BAKER) == before
        assert window.statusBar().currentMessage() == (
            "Tom Baker (PERSON) is accepted already; to make it GPE again, press T (Change Entity Type)"
        )

        qtbot.keyClick(view, Qt.Key.Key_T)
        dialog = window.entities.entity_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.windowTitle() == "Change entity type"
        assert dialog.label() == "GPE"  # the rejected type, offered first
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        view.setFocus()

        assert _rows_at(window, TOM_BAKER) == [("GPE", "accepted"), ("PERSON", "rejected")]
        assert (
            window.statusBar()
            .currentMessage()
            .startswith("Accepted Tom Baker (GPE) in place of your PERSON (now rejected) — carried")
        )
        assert view.describe(TOM_BAKER[0]) == "GPE: Tom Baker (accepted)"
        assert window.undo_stack.count() == 1
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _rows_at(window, TOM_BAKER) == before
    finally:
        window.close()


def test_t_is_in_the_edit_menu_and_the_key_table_and_asks_for_entity_mode(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = _person_accepted_over_a_rejected_place(tmp_path / "names.annotator.db")
    window = open_window(qtbot, path)
    try:
        action = window.registry["change_entity_type"]
        assert action.text() == "Change Entity T&ype…" and action.shortcut().toString() == "T"
        (edit,) = (a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
        assert isinstance(edit, QMenu) and action in edit.actions()
        from annotator.ui.actions import shortcut_rows

        assert dict(shortcut_rows())["T"].startswith(
            "Entity mode: give the entity at the cursor another type"
        )
        view = window.view
        view.setFocus()
        view.select_span(*TOM_BAKER)
        qtbot.keyClick(view, Qt.Key.Key_T)  # not in entity mode: a stray key edits nothing
        assert window.entities.entity_dialog is None
        assert window.statusBar().currentMessage() == "Press E for entity mode first"
        qtbot.keyClick(view, Qt.Key.Key_E)
        view.select_span(0, 0)
        qtbot.keyClick(view, Qt.Key.Key_End)  # past every name
        qtbot.keyClick(view, Qt.Key.Key_T)
        assert window.entities.entity_dialog is None
        assert window.statusBar().currentMessage() == "Put the cursor on an entity to change its type"
    finally:
        window.close()
