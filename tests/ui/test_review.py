"""Review mode: resolve disagreements by key; the gold labels are stored with the reviewer."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QHelpEvent, QScreen, QTextCharFormat, QTextCursor, QTextLayout
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPushButton, QToolTip, QWidget
from pytestqt.qtbot import QtBot

import annotator.ui.review as review_module
from annotator.core.model import GOLD_ANNOTATOR, ArticleDraft, ClaimLabel
from annotator.services.adjudication import decide, review_items
from annotator.services.merging import merge_files
from annotator.services.preannotate import preannotate_opened
from annotator.services.project import Project, open_project, store_of
from annotator.ui import merge_pick
from annotator.ui.main_window import MainWindow
from annotator.ui.palette import scheme_for
from annotator.ui.plain import tip
from annotator.ui.review import ReviewDialog
from annotator.ui.theme import apply_theme
from tests.other_process import decide_in_another_process
from tests.services.team_data import ARTICLES, build_annotator_projects, span_of
from tests.ui.conftest import cut_labels, larger_font, open_window

# Screenshots go to docs/ only on request (ANNOTATOR_SCREENSHOT_DIR=docs), so a test run
# never changes tracked files.
SHOTS = os.environ.get("ANNOTATOR_SCREENSHOT_DIR")


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A team file with the built annotators' projects merged into it, pre-annotated as its first
    opening in the window would (`preannotate_opened`); made once for the module.

    Built in each test, the window opened it unanalysed and loaded the language model in a
    child process to pre-annotate it: seconds a test, for the same file every time.
    """
    folder = tmp_path_factory.mktemp("merged")
    path = folder / "team.db"
    with open_project(path) as project:
        merge_files(project, build_annotator_projects(folder / "people"))
        preannotate_opened(project)
    return path


@pytest.fixture
def team_file(merged: Path, tmp_path: Path) -> Path:
    """A copy of `merged` for this test alone to open and change, with the annotators' own
    projects beside it in `people/`."""
    shutil.copytree(merged.parent / "people", tmp_path / "people")
    return Path(shutil.copy(merged, tmp_path / "team.db"))


def _open(qtbot: QtBot, team: Project, reviewer: str) -> ReviewDialog:
    dialog = ReviewDialog(team, reviewer=reviewer)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    return dialog


def _seen_at(dialog: QWidget, part: QWidget) -> QRect:
    """Where `part` is in `dialog`, the part of it a scroll area it is in has scrolled away left out."""
    seen = QRect(part.mapTo(dialog, part.rect().topLeft()), part.size())
    area = part.parentWidget()
    while area is not None and area is not dialog:
        if isinstance(area, QAbstractScrollArea):
            port = area.viewport()
            seen &= QRect(port.mapTo(dialog, port.rect().topLeft()), port.size())
        area = area.parentWidget()
    return seen


def _gold(team: Project) -> list[tuple[int, int, str, str]]:
    return [
        tuple(row)
        for row in store_of(team).conn.execute(
            'SELECT start, "end", label, decided_by FROM claims WHERE annotator = ?'
            " ORDER BY article_id, start",
            (GOLD_ANNOTATOR,),
        )
    ]


def test_three_disagreements_resolved_by_keys(qtbot: QtBot, team: Project) -> None:
    items = review_items(team)
    dialog = _open(qtbot, team, "dana")
    dialog.show()
    assert dialog.index == 0 and dialog.remaining() == 8
    assert "Disagreement 1 of 8" in dialog.header.text()
    assert dialog.table.rowCount() == 3
    assert [dialog.table.item(r, 1).text() for r in range(3)] == ["opinion", "opinion", "questionable"]
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # opinion, then moves on
    assert dialog.index == 1
    qtbot.keyClick(dialog, Qt.Key.Key_S)  # skip the second
    assert dialog.index == 2
    qtbot.keyClick(dialog, Qt.Key.Key_1)  # factual
    qtbot.keyClick(dialog, Qt.Key.Key_X)  # no claim on the fourth
    assert dialog.remaining() == 5
    qtbot.keyClick(dialog, Qt.Key.Key_K)
    assert dialog.index == 3
    assert "no claim" in dialog.gold_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_J)
    assert dialog.index == 4
    assert _gold(team) == [
        (*items[0].span, "opinion", "dana"),
        (*items[2].span, "factual", "dana"),
    ]
    assert store_of(team).conn.execute('SELECT start, "end", decided_by FROM gold_no_claim').fetchall() == [
        (*items[3].span, "dana")
    ]
    # Reopening finds the decisions and starts at the first undecided item.
    again = _open(qtbot, team, "dana")
    assert again.index == 1 and again.remaining() == 5
    assert again.items[0].decision is not None and again.items[0].decision.label == ClaimLabel.OPINION
    dialog.close()
    again.close()


def test_changing_a_decision_replaces_the_gold_label(qtbot: QtBot, team: Project) -> None:
    dialog = _open(qtbot, team, "erin")
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    qtbot.keyClick(dialog, Qt.Key.Key_K)
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert [g[2:] for g in _gold(team)] == [("factual", "erin")]
    qtbot.keyClick(dialog, Qt.Key.Key_K)
    qtbot.keyClick(dialog, Qt.Key.Key_U)
    assert _gold(team) == []
    dialog.close()


def test_a_decision_is_taken_back_with_a_button_beside_it(qtbot: QtBot, team: Project) -> None:
    """U took a decision back, but no button showed it: a reviewer with the mouse could not
    undo a wrong click, and nothing on screen said that U would. The button sits beside the
    decision and is enabled only while the shown disagreement has one."""
    dialog = _open(qtbot, team, "dana")
    dialog.show()
    qtbot.waitExposed(dialog)
    undo = dialog.buttons["U"]
    assert undo.isVisible() and not undo.isEnabled()
    assert "U" in undo.text() and "Undo" in undo.text()
    qtbot.mouseClick(dialog.buttons["2"], Qt.MouseButton.LeftButton)
    assert [g[2] for g in _gold(team)] == ["opinion"]
    assert not undo.isEnabled()  # the next disagreement shows, undecided
    qtbot.mouseClick(dialog.buttons["K"], Qt.MouseButton.LeftButton)
    assert undo.isEnabled() and "opinion" in dialog.gold_label.text()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert _gold(team) == []
    assert not undo.isEnabled() and "not decided" in dialog.gold_label.text()
    dialog.close()


def test_the_review_says_when_every_disagreement_is_decided(qtbot: QtBot, team: Project) -> None:
    """After the last decision the header said "(0 undecided)" and the dialog moved on to an
    item decided before, as if there were more to do. It says the review is over, and where
    the gold labels go next."""
    dialog = _open(qtbot, team, "dana")
    total = len(dialog.items)
    for _ in range(total - 1):
        qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert "All" not in dialog.header.text() and "(1 undecided)" in dialog.header.text()
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert dialog.remaining() == 0
    assert f"All {total} disagreements are decided" in dialog.header.text()
    assert "Export" in dialog.header.text()
    qtbot.keyClick(dialog, Qt.Key.Key_U)  # one taken back: there is one to do again
    assert "(1 undecided)" in dialog.header.text()
    dialog.close()


def test_screenshot_review(qtbot: QtBot, team: Project, tmp_path: Path) -> None:
    dialog = _open(qtbot, team, "dana")
    dialog.resize(900, 520)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    qtbot.keyClick(dialog, Qt.Key.Key_K)
    assert dialog.grab().save(str(Path(SHOTS or tmp_path) / "screenshot-review.png"))
    dialog.close()


def _disputed_format(dialog: ReviewDialog) -> QTextCharFormat:
    """How the review draws the words in dispute (found by their text, inside the mark)."""
    item = dialog.current
    assert item is not None
    text, start, end = item.context()
    found = dialog.context.document().find(text[start:end])
    assert not found.isNull()
    inside = QTextCursor(dialog.context.document())
    inside.setPosition(found.selectionStart() + 1)
    return inside.charFormat()


def test_the_words_in_dispute_are_not_marked_in_a_labels_colour(qtbot: QtBot, team: Project) -> None:
    """They were on yellow whatever labels were in dispute, beside opinion's orange, and a
    reviewer read the mark as that label. The mark is a grey, which no label is, in both themes
    (switched with the review open), with the text bold and underlined so it does not rest on
    colour, and the review says what it means."""
    dialog = _open(qtbot, team, "dana")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "not a label" in dialog.mark_note.text() and dialog.mark_note.isVisible()
    for theme in ("light", "dark"):
        apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
        themed = scheme_for(QApplication.palette())
        qtbot.waitUntil(lambda: scheme_for(dialog.context.palette()) == themed)  # noqa: B023
        scheme = scheme_for(dialog.context.palette())
        assert scheme.dark == (theme == "dark")
        drawn = _disputed_format(dialog)
        mark = drawn.background().color()
        assert mark == scheme.dispute_background()
        for label in ClaimLabel:
            label_fill = scheme.claim_background(label)
            assert mark != label_fill, (theme, label)
            # Every label is a hue; the mark has next to none, so it is not taken for one.
            assert mark.hsvSaturation() < 20 <= label_fill.hsvSaturation() - 20, (theme, label)
        assert drawn.fontUnderline() and drawn.fontWeight() >= 700
        assert drawn.foreground().color() == scheme.text
    dialog.close()


def test_items_are_found_off_the_ui_thread_with_a_busy_indicator(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return review_items(*args, **kwargs)

    monkeypatch.setattr(review_module, "review_items", recorded)
    dialog = ReviewDialog(team, reviewer="dana")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.loading and dialog.busy.isVisible()
    assert dialog.header.text() == "Finding disagreements…"
    qtbot.keyClick(dialog, Qt.Key.Key_1)  # nothing to decide yet: ignored
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    assert not dialog.busy.isVisible()
    assert threads and threading.get_ident() not in threads
    assert "Disagreement 1 of 8" in dialog.header.text() and dialog.remaining() == 8
    # Switching to relaxed spans asks again; the figures arrive the same way.
    dialog.match_box.setCurrentIndex(1)
    assert dialog.loading
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    assert len(dialog.items) == len(review_items(team, match="relaxed"))
    assert _gold(team) == []
    dialog.close()


def _review_from_the_window(qtbot: QtBot, path: Path) -> tuple[MainWindow, ReviewDialog]:
    """A team file of the built annotators' projects (`team_file`), opened by dana, and
    Team > Review on it, its items found."""
    window = open_window(qtbot, path, annotator="dana")
    window.registry["review"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    return window, dialog


def test_the_text_in_dispute_is_at_the_size_the_reviewer_reads_at(qtbot: QtBot, team_file: Path) -> None:
    """A reviewer who reads at 20 pt (View > Larger Text) found the text under review at a
    fixed 12 pt, smaller than every other line of the dialog."""
    path = team_file
    window = open_window(qtbot, path, annotator="dana")
    window.set_text_size(20)
    window.registry["review"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    assert _disputed_format(dialog).fontPointSize() == 20
    # The words around it too, not only the mark.
    start = QTextCursor(dialog.context.document())
    start.setPosition(dialog.context.document().characterCount() - 2)
    assert start.charFormat().fontPointSize() == 20
    dialog.close()
    window.close()


def test_a_decision_made_from_the_window_is_undone_with_ctrl_z(qtbot: QtBot, team_file: Path) -> None:
    window, dialog = _review_from_the_window(qtbot, team_file)
    dialog.press("2")
    assert window.project is not None
    assert [c.label.value for c in window.project.claims(annotator=GOLD_ANNOTATOR)] == ["opinion"]
    assert dialog.remaining() == len(dialog.items) - 1
    window.registry["undo"].trigger()  # the decision is an edit like any other
    assert window.project.claims(annotator=GOLD_ANNOTATOR) == []
    # The open review shows what the file now holds: the first item is undecided again.
    assert dialog.remaining() == len(dialog.items)
    dialog.press("K")
    assert dialog.index == 0 and dialog.gold_label.text() == "Gold: not decided yet"
    window.registry["redo"].trigger()
    assert dialog.gold_label.text() == "Gold: opinion (decided by dana)"
    dialog.close()
    window.close()


def test_a_long_title_does_not_widen_the_dialog_past_a_laptop_screen(qtbot: QtBot, team: Project) -> None:
    long_title = "A council meeting on the budget " * 6
    store_of(team).conn.execute("UPDATE articles SET title = ?", (long_title.strip(),))
    dialog = _open(qtbot, team, "dana")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "A council meeting on the budget" in dialog.header.text()
    assert dialog.width() <= 900


def test_the_match_mode_is_reached_from_the_keyboard(qtbot: QtBot, team: Project) -> None:
    """Alt+M, then Down: relaxed spans, with no mouse; the decision keys still work after."""
    dialog = _open(qtbot, team, "dana")
    dialog.show()
    dialog.activateWindow()  # offscreen, a dialog is not made active by itself
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.match_box.accessibleName()
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Down)
    assert dialog.match == "relaxed"
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    assert [i.span for i in dialog.items] == [i.span for i in review_items(team, match="relaxed")]
    first = dialog.current
    assert first is not None
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_2)
    assert _gold(team) == [(*first.span, "opinion", "dana")]
    dialog.close()


def test_with_larger_text_the_annotator_and_label_columns_are_shown_whole(
    qtbot: QtBot, team: Project
) -> None:
    """The columns kept Qt's fixed 100 px: at 1.6x text the "Annotator" heading and the label
    "questionable" were cut off."""
    with larger_font(1.6):
        dialog = _open(qtbot, team, "dana")
        dialog.show()
        qtbot.waitExposed(dialog)
        table, header = dialog.table, dialog.table.horizontalHeader()
        assert "questionable" in [table.item(r, 1).text() for r in range(table.rowCount())]
        for column in (0, 1):
            needed = max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
            assert header.sectionSize(column) >= needed, table.horizontalHeaderItem(column).text()


def test_ctrl_z_in_the_review_takes_back_its_last_decision(qtbot: QtBot, team_file: Path) -> None:
    """Ctrl+Z pressed in the review did nothing: only the main window's keys knew it."""
    window, dialog = _review_from_the_window(qtbot, team_file)
    dialog.activateWindow()  # as a window manager does: the keys go to the review
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert window.project is not None
    assert [c.label.value for c in window.project.claims(annotator=GOLD_ANNOTATOR)] == ["opinion"]
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.claims(annotator=GOLD_ANNOTATOR) == []
    assert dialog.remaining() == len(dialog.items)
    qtbot.keyClick(
        dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [c.label.value for c in window.project.claims(annotator=GOLD_ANNOTATOR)] == ["opinion"]
    dialog.close()
    window.close()


def test_ctrl_z_brings_the_review_back_to_the_disagreement_it_took_back(
    qtbot: QtBot, team_file: Path
) -> None:
    """A slip of 2 for 3, then Ctrl+Z: the review had moved on and stayed on the next
    disagreement, so the 3 meant for the first labelled the second and the first stayed open."""
    window, dialog = _review_from_the_window(qtbot, team_file)
    assert window.project is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    first = dialog.current
    assert first is not None
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert dialog.index == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.index == 0 and dialog.gold_label.text() == "Gold: not decided yet"
    assert "Disagreement 1 of" in dialog.header.text()
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(dialog, Qt.Key.Key_S)  # moved on again, Ctrl+Shift+Z shows what it put back
    qtbot.keyClick(dialog, Qt.Key.Key_Z, redo)
    assert dialog.index == 0 and dialog.gold_label.text() == "Gold: opinion (decided by dana)"
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    assert _gold(window.project) == [(*first.span, "questionable", "dana")]
    dialog.close()
    window.close()


def test_ctrl_z_of_a_cleared_decision_says_it_brought_the_decision_back(
    qtbot: QtBot, team_file: Path
) -> None:
    """U clears a decision; its Ctrl+Z said "Undone: undo gold decision", read as the decision
    gone when Ctrl+Z had just brought it back, and a decision's own Ctrl+Z said "gold: opinion"."""
    window, dialog = _review_from_the_window(qtbot, team_file)
    assert window.project is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    said = window.statusBar().currentMessage
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert said() == "Saved: decide gold label as opinion"
    qtbot.keyClick(dialog, Qt.Key.Key_K)
    qtbot.keyClick(dialog, Qt.Key.Key_U)
    assert said() == "Saved: clear gold decision"
    assert window.project.claims(annotator=GOLD_ANNOTATOR) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert said().startswith("Undone: clear gold decision")
    assert [c.label.value for c in window.project.claims(annotator=GOLD_ANNOTATOR)] == ["opinion"]
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert said().startswith("Undone: decide gold label as opinion")
    assert window.project.claims(annotator=GOLD_ANNOTATOR) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Z, redo)
    assert said().startswith("Redone: decide gold label as opinion")
    qtbot.keyClick(dialog, Qt.Key.Key_X)
    assert said() == "Saved: decide gold label as no claim"
    dialog.close()
    window.close()


def test_ctrl_z_in_the_review_with_nothing_to_undo_says_so(qtbot: QtBot, team_file: Path) -> None:
    """In the window Ctrl+Z with nothing left says "Nothing to undo"; in the review it said
    nothing, and the status bar went on saying "Undone: …" as if the key had taken back more."""
    window, dialog = _review_from_the_window(qtbot, team_file)
    assert window.project is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    said = window.statusBar().currentMessage
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert said() == "Nothing to undo"
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert said().startswith("Undone: ")
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert said() == "Nothing to undo"
    assert window.project.claims(annotator=GOLD_ANNOTATOR) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert said().startswith("Redone: ")
    qtbot.keyClick(dialog, Qt.Key.Key_Z, redo)
    assert said() == "Nothing to redo"
    assert [c.label.value for c in window.project.claims(annotator=GOLD_ANNOTATOR)] == ["opinion"]
    dialog.close()
    window.close()


def test_a_decision_made_in_another_window_shows_in_an_open_review(qtbot: QtBot, team_file: Path) -> None:
    """Two reviewers share the disagreements of one team file, each in a window of their own:
    the first item, decided by eve, still said "not decided yet" in dana's open review."""
    window, dialog = _review_from_the_window(qtbot, team_file)
    assert window.project is not None
    qtbot.waitUntil(
        lambda: not window.busy and not window.listing, timeout=60_000
    )  # its own pre-annotation first
    window.project_watch.took_note()
    with open_project(window.project.path, create=False) as other:
        [first] = [item for item in review_items(other) if item.span == dialog.items[0].span]
        decide(other, first, "factual", reviewer="eve")
    window.project_watch.check()
    assert dialog.remaining() == len(dialog.items) - 1
    assert dialog.index == 0 and dialog.gold_label.text() == "Gold: factual (decided by eve)"
    dialog.close()
    window.close()


def test_a_merge_made_while_the_review_is_open_brings_its_disagreements(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A team lead merged a late annotator's file with the review open: the review went on
    listing the disagreements from before (its count, and each one without the new person's
    label), and the spans the newcomer disputed never came up until it was closed and opened
    again."""
    alice, bob, carol = build_annotator_projects(tmp_path / "people")
    path = tmp_path / "team.db"
    with open_project(path) as project:
        merge_files(project, [alice, bob])
    window = open_window(qtbot, path, annotator="dana")
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    window.registry["review"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_S)  # the reviewer is at the second disagreement
    place = dialog.current
    assert place is not None
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(carol)], "Projects (*.db)"))
    window.registry["merge"].trigger()
    qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
    assert window.project is not None
    expected = review_items(window.project)
    qtbot.waitUntil(  # found in the pool, the shown items kept meanwhile
        lambda: [(i.article_id, i.span) for i in dialog.items] == [(i.article_id, i.span) for i in expected],
        timeout=20_000,
    )
    assert f"of {len(expected)} ({len(expected)} undecided)" in dialog.header.text()
    # Still where the reviewer was, now with carol's label beside the others.
    assert dialog.current is not None
    assert (dialog.current.article_id, dialog.current.span) == (place.article_id, place.span)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["alice", "bob", "carol"]
    window.team.merge_report.close()
    dialog.close()
    window.close()


def test_opening_another_project_closes_the_review_of_the_team_file(
    qtbot: QtBot, team_file: Path, tmp_path: Path
) -> None:
    """With the review of the team file open, the team lead opened an annotator's own file to
    look at it: the review stayed open on the team file's disagreements, and its next decision
    was saved as a gold label into the annotator's file, not the team file."""
    window, _dialog = _review_from_the_window(qtbot, team_file)
    assert window.project is not None
    team_path = window.project.path
    alice = tmp_path / "people" / "alice.db"
    window.open_project(alice, create=False)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    reviews = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible()]
    for review in reviews:  # a review left open: the keys a reviewer goes on pressing
        review.activateWindow()
        qtbot.waitUntil(review.isActiveWindow)
        qtbot.keyClick(review, Qt.Key.Key_2)
    assert window.project.claims(annotator=GOLD_ANNOTATOR) == []
    with open_project(team_path, create=False) as team:
        assert team.claims(annotator=GOLD_ANNOTATOR) == []
    assert reviews == []
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen
def test_review_disagreements_again_brings_the_open_review_forward(
    qtbot: QtBot, team_file: Path, tmp_path: Path
) -> None:
    """Ctrl+Shift+R with the review open opened a second one over it, at the first undecided
    item, and the first went on saving (and was left open when another project was opened)."""
    window, dialog = _review_from_the_window(qtbot, team_file)
    dialog.press("S")
    dialog.press("S")  # the reviewer is at the third item
    window.registry["review"].trigger()
    reviews = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible()]
    assert reviews == [dialog]
    assert dialog.index == 2 and "Disagreement 3 of" in dialog.header.text()
    qtbot.waitUntil(dialog.isActiveWindow)  # the keys go to it
    window.open_project(tmp_path / "people" / "alice.db", create=False)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible()]
    window.close()


def test_a_merge_saved_by_another_program_brings_its_disagreements_without_holding_the_keys(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the review open, a late annotator's file was merged into the team file from a
    terminal (`annotator merge`) or a second window: the review went on with the list from
    before, each item without the newcomer's label and the spans they disputed missing. The
    list comes again from the pool while the reviewer goes on deciding, and arrives at the
    item they are at then, with the decisions they made meanwhile."""
    alice, bob, carol = build_annotator_projects(tmp_path / "people")
    path = tmp_path / "team.db"
    with open_project(path) as project:
        merge_files(project, [alice, bob])
    window = open_window(qtbot, path, annotator="dana")
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    gate = threading.Event()
    gate.set()

    def held(*args: Any, **kwargs: Any) -> Any:
        found = review_items(*args, **kwargs)  # read now; returned when the test lets it
        gate.wait(20)
        return found

    monkeypatch.setattr(review_module, "review_items", held)
    window.registry["review"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_S)  # the reviewer is at the second disagreement
    decided = dialog.current
    assert decided is not None
    gate.clear()
    window.project_watch.took_note()
    with open_project(path, create=False) as other:  # what `annotator merge` does
        merge_files(other, [carol])
    window.project_watch.check()
    # The new list is being found: the reviewer's keys go on deciding the items shown.
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert (decided.span[0], decided.span[1], "opinion", "dana") in _gold(window.project)
    place = dialog.current
    assert place is not None and place != decided
    assert "Disagreement 3 of" in dialog.header.text()
    gate.set()
    assert window.project is not None
    expected = review_items(window.project)
    qtbot.waitUntil(
        lambda: [(i.article_id, i.span) for i in dialog.items] == [(i.article_id, i.span) for i in expected],
        timeout=20_000,
    )
    assert f"of {len(expected)} ({len(expected) - 1} undecided)" in dialog.header.text()
    assert dialog.current is not None
    assert (dialog.current.article_id, dialog.current.span) == (place.article_id, place.span)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["alice", "bob", "carol"]
    [again] = [i for i in dialog.items if (i.article_id, i.span) == (decided.article_id, decided.span)]
    assert again.decision is not None and again.decision.decided_by == "dana"
    dialog.close()
    window.close()


def test_the_review_opens_on_the_text_and_tab_visits_each_control_once_in_reading_order(
    qtbot: QtBot, team: Project
) -> None:
    """The review opened with no widget focused: its keys worked, but Tab and a screen reader
    started nowhere, and the buttons and the match box were no Tab stops at all. Focus starts on
    the disagreement's text; Tab goes through the annotators' table, each button from left to
    right, the match box, and back; the decision keys work wherever it is, and Return never
    presses a button that is not focused."""
    dialog = _open(qtbot, team, "dana")
    dialog.show()
    dialog.activateWindow()  # offscreen, a dialog is not made active by itself
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.context
    order = [dialog.context, dialog.table, *(dialog.buttons[k] for k in "123XSKJ"), dialog.match_box]
    visited = []
    for _ in order:
        visited.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert visited == order and QApplication.focusWidget() is dialog.context  # round, each once
    backwards = []
    for _ in order:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        backwards.append(QApplication.focusWidget())
    assert backwards == order[::-1]
    first = dialog.current
    assert first is not None
    qtbot.keyClick(dialog.context, Qt.Key.Key_Return)  # no default button to press unseen
    assert _gold(team) == [] and dialog.current is first
    dialog.table.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)  # the keys work from the table
    assert _gold(team) == [(*first.span, "opinion", "dana")]
    second = dialog.current
    assert second is not None and second is not first
    dialog.buttons["3"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # a focused button presses
    assert (*second.span, "questionable", "dana") in _gold(team)
    dialog.close()


def test_keys_pressed_while_the_merged_list_is_found_decide_the_shown_item(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Team ▸ Merge… with the review open: once the merge was saved, the review emptied its
    list until the new one was worked out (2 s on a team file of ten people), and every key the
    reviewer pressed meanwhile, a decision too, did nothing at all. The shown items stay, and
    take the keys, while the new list is found, as after another program's save."""
    alice, bob, carol = build_annotator_projects(tmp_path / "people")
    path = tmp_path / "team.db"
    with open_project(path) as project:
        merge_files(project, [alice, bob])
    window = open_window(qtbot, path, annotator="dana")
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    gate = threading.Event()
    gate.set()

    def held(*args: Any, **kwargs: Any) -> Any:
        found = review_items(*args, **kwargs)
        gate.wait(20)
        return found

    monkeypatch.setattr(review_module, "review_items", held)
    window.registry["review"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_S)  # the reviewer is at the second disagreement
    place = dialog.current
    assert place is not None
    gate.clear()
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(carol)], "Projects (*.db)"))
    window.registry["merge"].trigger()
    qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
    assert "Disagreement 2 of" in dialog.header.text()  # not "Finding disagreements…"
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert window.project is not None
    assert (*place.span, "opinion", "dana") in _gold(window.project)
    gate.set()
    expected = review_items(window.project)
    qtbot.waitUntil(
        lambda: [(i.article_id, i.span) for i in dialog.items] == [(i.article_id, i.span) for i in expected],
        timeout=20_000,
    )
    [again] = [i for i in dialog.items if (i.article_id, i.span) == (place.article_id, place.span)]
    assert again.decision is not None and again.decision.decided_by == "dana"
    window.team.merge_report.close()
    dialog.close()
    window.close()


def test_a_decision_waiting_for_the_write_lock_keeps_the_list_that_arrived_meanwhile(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer's key waited for another program's write lock ("Waiting to save…") while the
    list, found again after another's save, arrived: the saved decision was then put back at
    the new list's row as the item from before, so that disagreement lost the newcomer's label
    (and a row the decided item no longer held was replaced by it). The decision goes to the
    same disagreement in the new list."""
    alice, bob, carol = build_annotator_projects(tmp_path / "people")
    path = tmp_path / "team.db"
    with open_project(path) as project:
        merge_files(project, [alice, bob])
    window = open_window(qtbot, path, annotator="dana")
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    gate = threading.Event()
    gate.set()

    def held(*args: Any, **kwargs: Any) -> Any:
        found = review_items(*args, **kwargs)
        gate.wait(20)
        return found

    monkeypatch.setattr(review_module, "review_items", held)
    window.registry["review"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_S)
    place = dialog.current
    assert place is not None
    gate.clear()
    window.project_watch.took_note()
    with open_project(path, create=False) as other:  # `annotator merge` in a terminal
        merge_files(other, [carol])
    window.project_watch.check()  # the list is found again, held in the pool
    writer = sqlite3.connect(path, isolation_level=None)  # another program's long write
    writer.execute("BEGIN IMMEDIATE")
    arrived: list[bool] = []
    dialog.ready.connect(lambda: arrived.append(True))
    QTimer.singleShot(50, gate.set)  # the list arrives while the key waits to save
    QTimer.singleShot(1_500, lambda: writer.execute("COMMIT"))
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    writer.close()
    assert arrived  # it did arrive during the wait
    assert window.project is not None
    assert (*place.span, "opinion", "dana") in _gold(window.project)
    expected = review_items(window.project)
    assert [(i.article_id, i.span) for i in dialog.items] == [(i.article_id, i.span) for i in expected]
    [again] = [i for i in dialog.items if (i.article_id, i.span) == (place.article_id, place.span)]
    assert sorted(again.unit.annotators_on_article) == ["alice", "bob", "carol"]
    assert again.decision is not None and again.decision.decided_by == "dana"
    assert dialog.remaining() == len(expected) - 1
    dialog.close()
    window.close()


def test_another_reviewers_decision_keeps_the_text_where_the_reviewer_scrolled_it(
    qtbot: QtBot, team_file: Path
) -> None:
    """A second reviewer's decision, saved in their window, drew the shown disagreement again
    in an open review: its text jumped back to the top while the reviewer was reading further
    down (on a laptop with larger text the context does not fit), every time the other saved."""
    window, dialog = _review_from_the_window(qtbot, team_file)
    assert window.project is not None
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    dialog.resize(420, 330)
    qtbot.waitExposed(dialog)
    bar = dialog.context.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    qtbot.keyClick(dialog.context, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.context, Qt.Key.Key_PageDown)
    scrolled = bar.value()
    assert scrolled > 0
    window.project_watch.took_note()
    with open_project(window.project.path, create=False) as other:
        [last] = [item for item in review_items(other) if item.span == dialog.items[-1].span]
        decide(other, last, "factual", reviewer="eve")
    window.project_watch.check()
    qtbot.waitUntil(lambda: dialog.items[-1].decision is not None, timeout=20_000)
    qtbot.wait(50)
    assert dialog.index == 0 and bar.value() == scrolled
    dialog.close()
    window.close()


def test_one_annotator_s_project_says_there_is_nothing_to_review_yet_and_how_to_get_some(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Opened on one person's project, the review said "every annotator agrees on every span"
    and kept its label buttons ready to decide on nothing."""
    alone = open_project(tmp_path / "alone.db")
    try:
        dialog = _open(qtbot, alone, "ada")
        said = dialog.header.text()
        assert said.startswith("Nothing to review yet") and "File ▸ Merge Project Files…" in said
        assert "agrees" not in said
        assert not any(button.isEnabled() for button in dialog.buttons.values())
        qtbot.keyClick(dialog, Qt.Key.Key_1)
        assert _gold(alone) == []
        dialog.close()
    finally:
        alone.close()


def test_annotators_who_labelled_no_article_in_common_are_not_said_to_agree(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A team that split the articles among its people, each labelling their own, merged and
    opened the review: it said "every annotator agrees on every span" of labels nobody had
    compared, while the gold export, refused for holding nothing, sent them to this review."""
    people = []
    for k, name in enumerate(("alice", "bob")):
        with open_project(tmp_path / f"{name}.db") as own:
            added = own.import_drafts(ArticleDraft(text=text, title=title) for title, text in ARTICLES).added
            own.add_claim(added[k], *span_of(k, 0), "factual", annotator=name)
        people.append(tmp_path / f"{name}.db")
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, people)
        dialog = _open(qtbot, team, "dana")
        said = dialog.header.text()
        assert "agrees" not in said
        assert said.startswith("Nothing to review yet") and "no article in common" in said
        assert not any(button.isEnabled() for button in dialog.buttons.values())
        [alices] = team.claims(annotator="alice")  # bob labels alice's article alike: all agree
        team.add_claim(alices.article_id, alices.start, alices.end, "factual", annotator="bob")
        dialog.reload()
        qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
        assert dialog.header.text() == "No disagreements: every annotator agrees on every span."
        dialog.close()


def test_words_in_dispute_across_a_paragraph_break_keep_it(qtbot: QtBot, tmp_path: Path) -> None:
    """The text around the words in dispute kept its line breaks, the words themselves did not:
    a claim over two paragraphs read as one run of text, unlike the article it came from."""
    text = "The council met on Monday.\n\nIt approved the budget. Critics objected."
    end = text.index("budget.") + len("budget.")
    with open_project(tmp_path / "team.db") as team:
        (article,) = team.import_drafts([ArticleDraft(text=text, title="Budget")]).added
        team.add_claim(article, 0, end, "factual", annotator="alice")
        team.add_claim(article, 0, end, "opinion", annotator="bob")
        dialog = _open(qtbot, team, "dana")
        assert dialog.context.toPlainText() == text
        dialog.close()


def test_the_greyed_buttons_say_why_in_their_tooltips(qtbot: QtBot, tmp_path: Path, team: Project) -> None:
    """Greyed with nothing to review, the buttons had no tooltip: the reason is in the header,
    far above them. Ready to decide, they have none to contradict it."""
    alone = open_project(tmp_path / "alone.db")
    try:
        dialog = _open(qtbot, alone, "ada")
        qtbot.keyClick(dialog, Qt.Key.Key_U)
        for key, button in dialog.buttons.items():
            assert not button.isEnabled()
            expected = "No decision on this disagreement to take back" if key == "U" else "Nothing to decide"
            assert button.toolTip().startswith(expected), (key, button.toolTip())
        dialog.close()
    finally:
        alone.close()
    dialog = _open(qtbot, team, "dana")
    assert dialog.buttons["1"].isEnabled() and dialog.buttons["1"].toolTip() == ""
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    qtbot.keyClick(dialog, Qt.Key.Key_K)
    assert dialog.undo_button.isEnabled() and dialog.undo_button.toolTip() == ""
    dialog.close()


def test_with_disagreements_to_decide_the_label_and_move_buttons_are_ready(
    qtbot: QtBot, team: Project
) -> None:
    dialog = _open(qtbot, team, "dana")
    assert dialog.items
    assert all(button.isEnabled() for key, button in dialog.buttons.items() if key != "U")
    dialog.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the tooltips, offscreen
def test_the_windows_claims_name_gold_labels_as_the_reviewers_decisions(
    qtbot: QtBot, team_file: Path
) -> None:
    """After a review, the window listed the gold labels "by gold" beside alice, bob and carol,
    and the line under the text said "Claim: opinion by gold": a decision of the team read
    as the work of one more annotator called "gold"."""
    window, dialog = _review_from_the_window(qtbot, team_file)
    window.resize(1600, 900)  # room for the By column beside the claim
    labelled, not_a_claim = dialog.items[0], dialog.items[1]
    assert labelled.article_id == not_a_claim.article_id
    dialog.press("2")  # opinion
    dialog.press("X")  # the next span is no claim
    dialog.close()
    window.select_article(labelled.article_id)
    qtbot.waitUntil(lambda: window.article is not None and window.article.article.id == labelled.article_id)
    model = window.claim_model
    assert not window.claim_list.isColumnHidden(model.columnCount() - 1)
    rows = [model.claim(row) for row in range(model.rowCount())]
    by = [model.index(row, 3).data() for row in range(model.rowCount())]
    assert "gold" not in by
    assert sorted(set(by)) == ["Gold", "alice", "bob", "carol"]
    gold_rows = [row for row, name in enumerate(by) if name == "Gold"]
    assert [(rows[r].start, rows[r].end, rows[r].label) for r in gold_rows] == [
        (*labelled.span, ClaimLabel.OPINION)
    ]
    # "No claim" is no label: no gold row stands on that span.
    assert not any(c.is_gold for c in rows if (c.start, c.end) == not_a_claim.span)
    gold, person = model.index(gold_rows[0], 3), model.index(by.index("alice"), 3)
    assert gold.data(Qt.ItemDataRole.FontRole).bold()  # seen at a glance among the people's names
    assert person.data(Qt.ItemDataRole.FontRole) is None
    assert gold.data(Qt.ItemDataRole.AccessibleTextRole) == "Opinion, gold label, decided by dana"
    assert (
        gold.siblingAtColumn(0).data(Qt.ItemDataRole.AccessibleTextRole)
        == "Opinion, gold label, decided by dana"
    )
    assert person.siblingAtColumn(0).data(Qt.ItemDataRole.AccessibleTextRole) is None
    # The By cell's tooltip, as the list shows it.
    cell = window.claim_list.visualRect(gold).center()
    viewport = window.claim_list.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, cell, viewport.mapToGlobal(cell)))
    assert QToolTip.text() == tip(
        "Gold label: the team's decision on this span, made by dana in Team ▸ Review Disagreements"
    )
    # The line under the text, and the text's own tooltip, at the caret in the decided span.
    window.view.setFocus()
    window.view.scroll_to(labelled.span[0] + 3)
    assert window.context_line.text() == "Gold label: opinion, decided by dana"
    cursor = window.view.textCursor()
    point = window.view.cursorRect(cursor).center()
    text_viewport = window.view.viewport()
    QApplication.sendEvent(
        text_viewport, QHelpEvent(QEvent.Type.ToolTip, point, text_viewport.mapToGlobal(point))
    )
    assert QToolTip.text() == tip("Gold label: opinion, decided by dana")
    QToolTip.hideText()
    window.close()


def test_a_decision_saved_elsewhere_is_said_to_be_the_reviewers_not_golds(
    qtbot: QtBot, team_file: Path
) -> None:
    """A review in another window decided a span of the article being read: the status line
    said "gold changed claims on this article", naming the reserved annotator as a person."""
    path = team_file
    with open_project(path) as project:
        first = review_items(project)[0]
    window = open_window(qtbot, path, annotator="erin")
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    window.select_article(first.article_id)
    qtbot.waitUntil(lambda: window.article is not None and window.article.article.id == first.article_id)
    window.project_watch.took_note()
    decide_in_another_process(path, 0, "factual", "dana")
    window.project_watch.check()
    said = window.statusBar().currentMessage()
    assert said.startswith("dana changed claims on this article"), said
    decide_in_another_process(path, 0, None, "erin")  # "no claim": the gold label goes
    window.project_watch.check()
    said = window.statusBar().currentMessage()
    assert said.startswith("A reviewer changed gold labels on this article"), said
    window.close()


def test_gold_decisions_beside_one_annotator_do_not_count_as_a_second_annotator(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store lists the reviewers' decisions under the annotator name "gold": one person's
    project with a decision left over was said to have "every annotator" agreeing."""
    alone = open_project(tmp_path / "alone.db")
    try:
        monkeypatch.setattr(alone, "annotators", lambda: ["ada", GOLD_ANNOTATOR])
        dialog = _open(qtbot, alone, "ada")
        assert dialog.header.text().startswith("Nothing to review yet")
        dialog.close()
    finally:
        alone.close()


def test_a_refused_decision_is_said_as_a_sentence(qtbot: QtBot, team: Project) -> None:
    """A decision without a reviewer's name is refused in the command line's words ("adjudication
    needs a reviewer name; …"): the dialog says them as a sentence, and saves nothing."""
    dialog = _open(qtbot, team, " ")
    dialog.show()
    before = _gold(team)
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    said = dialog.gold_label.text()
    assert said.startswith("Adjudication needs a reviewer name; ") and said.endswith("."), said
    assert _gold(team) == before


def test_a_decision_on_another_article_than_the_open_one_is_said_saved(qtbot: QtBot, team_file: Path) -> None:
    """The status line said "Saved: gold: factual" for a decision on the article open behind the
    review, and nothing for one on any other: a reviewer saw some decisions confirmed and the
    rest pass without a word."""
    path = team_file
    window = open_window(qtbot, path, annotator="dana")
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert window.article is not None
        shown = window.article.article.id
        window.registry["review"].trigger()
        qtbot.waitUntil(lambda: window.team.review_dialog is not None, timeout=20_000)
        dialog = window.team.review_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
        # Offscreen a dialog is not made active by itself, and the keys then went to the window
        # behind (its J is Next Candidate): the loop below waited for ever for the review to move.
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        for _ in range(len(dialog.items)):
            if dialog.items[dialog.index].article_id != shown:
                break
            qtbot.keyClick(dialog, Qt.Key.Key_J)
        assert dialog.items[dialog.index].article_id != shown, "J did not move the review on"
        window.statusBar().clearMessage()
        qtbot.keyClick(dialog, Qt.Key.Key_1)
        assert window.statusBar().currentMessage() == "Saved: decide gold label as factual"
        assert window.article.article.id == shown  # the article behind the review stays
    finally:
        window.close()


def test_with_relaxed_spans_each_persons_own_words_are_shown(qtbot: QtBot, tmp_path: Path) -> None:
    """Matched loosely, bob's and carol's spans were said as "[span 20..56]": numbers a
    reviewer cannot read, so which words each person marked was shown nowhere. Their words
    are shown, quoted (a long span shortened in its middle), and whole in the tooltip."""
    text = "The mayor said that unemployment fell by half since 2019 in the city.\nCritics disagree."
    marked = {"alice": (0, 69, "factual"), "bob": (20, 56, "opinion"), "carol": (4, len(text), "factual")}
    sources = []
    for name, (start, end, label) in marked.items():
        with open_project(tmp_path / f"{name}.db") as person:
            [article_id] = person.import_drafts([ArticleDraft(text=text, title="Jobs")]).added
            person.add_claim(article_id, start, end, label, annotator=name, note="unsure" * (name == "bob"))
        sources.append(tmp_path / f"{name}.db")
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, sources)
        dialog = ReviewDialog(team, reviewer="dana", match="relaxed")
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
        assert dialog.current is not None and dialog.current.span == (0, 69)  # alice's, marked in the text
        notes = {dialog.table.item(row, 0).text(): dialog.table.item(row, 2) for row in range(3)}
        assert notes["alice"].text() == ""
        assert notes["bob"].text() == "Marked “unemployment fell by half since 2019”: unsure"
        assert notes["bob"].toolTip() == tip("Marked “unemployment fell by half since 2019”: unsure")
        # On one line, its middle left out; whole in the tooltip, as the person marked it.
        carol = notes["carol"].text()
        assert carol.startswith("Marked “mayor said that") and carol.endswith("Critics disagree.”")
        assert "…" in carol and "\n" not in carol and len(carol) < len(text)
        assert notes["carol"].toolTip() == tip(f"Marked “{text[4:]}”")
        assert "[span" not in " ".join(note.text() for note in notes.values())
        dialog.close()


def test_the_span_match_chosen_is_kept_for_the_next_review_and_dashboard(
    qtbot: QtBot, team_file: Path
) -> None:
    """A lead who settles the team's files with relaxed spans chose it again at every review
    and every dashboard: each opened on exact spans, with other disagreements and figures."""
    from annotator.services.settings import load_settings
    from annotator.ui.dashboard import DashboardDialog

    window, dialog = _review_from_the_window(qtbot, team_file)
    dialog.match_box.setFocus()
    qtbot.keyClick(dialog.match_box, Qt.Key.Key_Down)
    assert dialog.match == "relaxed"
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    dialog.close()
    qtbot.waitUntil(lambda: window.team.review_dialog is None)
    window.registry["review"].trigger()
    again = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    assert again is not dialog
    assert again.match == "relaxed" and again.match_box.currentText() == "Relaxed spans"
    qtbot.waitUntil(lambda: not again.loading, timeout=20_000)
    again.close()
    window.registry["statistics"].trigger()
    board = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, DashboardDialog) and w.isVisible()
    )
    assert board.dashboard.match_box.currentText() == "Relaxed spans"
    qtbot.waitUntil(lambda: not board.dashboard.loading, timeout=20_000)
    board.close()
    assert load_settings().span_match == "relaxed"  # and at the next start
    window.close()


def test_five_annotators_labels_are_all_in_sight_without_scrolling(qtbot: QtBot, tmp_path: Path) -> None:
    """Five people split 2/2/1 on a sentence: the table of labels, held at three rows' height,
    showed alice, bob, carol and dan and cut eve's row in half, so the one label that made it a
    three-way split was out of sight until the reviewer scrolled a table they had no reason to
    think scrolled."""
    text = "Critics say the plan is a disaster for the city. Residents vote in May."
    labels = {
        "alice": "factual",
        "bob": "factual",
        "carol": "opinion",
        "dan": "opinion",
        "eve": "questionable",
    }
    sources = []
    for name, label in labels.items():
        with open_project(tmp_path / f"{name}.db") as person:
            [article_id] = person.import_drafts([ArticleDraft(text=text, title="Budget")]).added
            person.add_claim(article_id, 0, 48, label, annotator=name)
        sources.append(tmp_path / f"{name}.db")
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, sources)
        dialog = _open(qtbot, team, "lead")
        dialog.show()
        qtbot.waitExposed(dialog)
        table = dialog.table
        shown = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
        assert shown == labels
        viewport = table.viewport().rect()
        for row in range(table.rowCount()):
            assert viewport.contains(table.visualRect(table.model().index(row, 1))), table.item(row, 0).text()
        assert not table.verticalScrollBar().isVisible()
        # Laid out taller, not drawn over the decision line and the buttons below it.
        qtbot.waitUntil(lambda: table.geometry().bottom() < dialog.gold_label.geometry().top())
        dialog.close()


def test_a_hundred_character_name_leaves_every_label_and_note_in_sight(qtbot: QtBot, tmp_path: Path) -> None:
    """A name as long as the app takes (100 characters) made the Annotator column as wide as
    itself: the Label and Note columns lay past the table's right edge, every label out of
    sight behind a scroll bar that also covered the last row."""
    long_name = "Annotation team Lisbon, second round, " + "A" * 62
    text = "Critics say the plan is a disaster for the city. Residents vote in May."
    labels = {long_name: "opinion", "bob": "factual", "carol": "questionable"}
    sources = []
    for k, (name, label) in enumerate(labels.items()):
        with open_project(tmp_path / f"p{k}.db") as person:
            [article_id] = person.import_drafts([ArticleDraft(text=text, title="Budget")]).added
            person.add_claim(article_id, 0, 48, label, annotator=name, note=f"{k} says so")
        sources.append(tmp_path / f"p{k}.db")
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, sources)
        dialog = _open(qtbot, team, "lead")
        dialog.show()
        qtbot.waitExposed(dialog)
        table = dialog.table
        viewport = table.viewport().rect()
        rows = {table.item(row, 0).text(): row for row in range(table.rowCount())}
        assert set(rows) == set(labels)
        for name, row in rows.items():
            assert table.item(row, 1).text() == labels[name]
            for column in (1, 2):
                cell = table.visualRect(table.model().index(row, column))
                assert viewport.contains(cell) and cell.width() > 20, (name, column)
        assert not table.horizontalScrollBar().isVisible()
        # The name is cut short where it is shown; its tooltip has it whole.
        assert tip(long_name) == table.item(rows[long_name], 0).toolTip()
        assert table.columnWidth(0) < table.viewport().width() // 2
        dialog.close()


def test_the_header_names_an_article_whose_title_shows_nothing_as_the_list_does(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A disagreement in an article titled U+200B (or spaces) alone ended the header at
    "(1 undecided): ", naming no article; the list calls it "Article 1"."""
    with open_project(tmp_path / "odd.db") as team:
        [article_id] = team.import_drafts(
            [ArticleDraft(text="The mayor said prices rose.", title="\u200b ")]
        ).added
        team.add_claim(article_id, 0, 27, "factual", annotator="alice")
        team.add_claim(article_id, 0, 27, "opinion", annotator="bob")
        dialog = _open(qtbot, team, "dana")
        assert dialog.header.text() == f"Disagreement 1 of 1 (1 undecided): Article {article_id}"
        dialog.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the tooltip shown
def test_a_long_note_s_tooltip_in_the_review_stays_on_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    """A note of 10,000 characters (a report pasted in) made its cell's tooltip in the review
    taller than the screen, the note's first lines off its top, as the claim list's once was.
    The tooltip shows the note's start, marked "…" where it is cut."""
    text = "The mayor said that unemployment fell by half since 2019 in the city.\nCritics disagree."
    note = ("The report of the inquiry says otherwise on page four. " * 200)[:10_000]
    sources = []
    for name, label in (("alice", "factual"), ("bob", "opinion")):
        with open_project(tmp_path / f"{name}.db") as person:
            [article_id] = person.import_drafts([ArticleDraft(text=text, title="Jobs")]).added
            person.add_claim(article_id, 0, 69, label, annotator=name, note=note * (name == "bob"))
        sources.append(tmp_path / f"{name}.db")
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, sources)
        dialog = _open(qtbot, team, "dana")
        dialog.show()
        qtbot.waitExposed(dialog)
        [row] = [r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "bob"]
        viewport = dialog.table.viewport()
        cell = dialog.table.visualItemRect(dialog.table.item(row, 2)).center()
        QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, cell, viewport.mapToGlobal(cell)))
        try:
            shown = QToolTip.text()
            assert shown.startswith("<qt>The report of the inquiry says otherwise on page four.")
            assert shown.endswith("…</qt>")
            (label,) = [
                w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()
            ]
            assert label.height() <= dialog.screen().availableGeometry().height() // 2
        finally:
            QToolTip.hideText()
        dialog.close()


def test_at_twice_the_scale_with_larger_text_every_button_is_on_the_laptops_screen(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 200% on a 1366x768 laptop (683x384) with the desktop's text 1.5 times larger, the
    seven decision buttons in one row made the dialog wider than the screen: Next, Previous
    and Undo Decision lay past its right edge, out of reach of the mouse."""
    screen = QRect(0, 0, 683, 384)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    with larger_font(1.5):
        dialog = _open(qtbot, team, "dana")
        dialog.show()
        qtbot.waitExposed(dialog)
        # Its size: with no window under it, Qt centres it on the test's real (larger) screen.
        frame = dialog.frameGeometry()
        assert frame.width() <= screen.width() and frame.height() <= screen.height(), frame
        shown = [button for button in dialog.findChildren(QPushButton) if button.isVisibleTo(dialog)]
        assert {button.text() for button in shown} >= {"&J Next", "&K Previous", "&1 Factual"}
        for button in shown:
            at = button.mapTo(dialog, button.rect().topLeft())
            assert dialog.rect().contains(QRect(at, button.size())), button.text()
            # Whole, and not lying over another part of the dialog where that part is seen.
            assert button.width() >= button.sizeHint().width(), button.text()
            for other in (dialog.table, dialog.gold_label, dialog.context, dialog.header):
                assert not _seen_at(dialog, other).intersects(QRect(at, button.size())), (
                    button.text(),
                    other,
                )
        dialog.close()


def _decided_then_carol_disagrees(folder: Path) -> Path:
    """alice said factual and bob opinion on the first sentence; the lead decided factual; then
    carol's file, labelled questionable there after that decision, was merged."""
    title, text = ARTICLES[0]
    span = span_of(0, 0)

    def person(name: str, label: str) -> Path:
        path = folder / f"{name}.db"
        with open_project(path) as own:
            (article,) = own.import_drafts([ArticleDraft(text=text, title=title)]).added
            own.add_claim(article, *span, label, annotator=name)
        return path

    team_path = folder / "team.db"
    with open_project(team_path) as team:
        merge_files(team, [person("alice", "factual"), person("bob", "opinion")])
        (item,) = review_items(team)
        decide(team, item, "factual", reviewer="lead")
    time.sleep(0.01)  # carol's label is stamped after the decision, to the millisecond
    with open_project(team_path) as team:
        merge_files(team, [person("carol", "questionable")])
    return team_path


def test_a_decision_made_before_a_label_that_disputes_it_came_in_is_to_look_at_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """carol's file came after the lead decided: the review said all was decided and skipped
    the span, though the lead had never seen carol's label."""
    with open_project(_decided_then_carol_disagrees(tmp_path)) as team:
        dialog = _open(qtbot, team, "lead")
        assert dialog.remaining() == 1 and dialog.index == 0
        assert "(0 undecided, 1 to look at again)" in dialog.header.text()
        assert dialog.gold_label.text() == (
            "Gold: factual (decided by lead). To look at again: carol labelled it after this "
            "decision; decide again to confirm or change it."
        )
        assert _gold(team) == [(*span_of(0, 0), "factual", "lead")]  # kept, not dropped
        qtbot.keyClick(dialog, Qt.Key.Key_1)  # the lead confirms factual
        assert dialog.remaining() == 0 and "All 1 disagreements are decided" in dialog.header.text()
        assert _open(qtbot, team, "lead").remaining() == 0


def test_undoing_a_changed_decision_puts_back_the_one_still_to_look_at_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Ctrl+Z put the earlier decision back stamped now, so it no longer showed carol's newer
    label to look at, which the lead had just taken their answer to back."""
    window = open_window(qtbot, _decided_then_carol_disagrees(tmp_path), annotator="lead")
    window.registry["review"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    assert dialog.remaining() == 1
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_3)  # questionable, as carol said
    assert dialog.remaining() == 0
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project is not None
    assert [c.label.value for c in window.project.claims(annotator=GOLD_ANNOTATOR)] == ["factual"]
    assert dialog.remaining() == 1
    assert "To look at again: carol" in dialog.gold_label.text()
    dialog.close()
    window.close()


def test_a_decision_both_annotators_now_dispute_alike_is_still_shown_to_look_at_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """alice and bob both relabelled the decided sentence questionable after the lead decided
    factual: agreeing now, the span left the review, and gold kept factual unseen."""
    title, text = ARTICLES[0]
    span = span_of(0, 0)
    with open_project(tmp_path / "team.db") as team:
        (article,) = team.import_drafts([ArticleDraft(text=text, title=title)]).added
        ids = [
            team.add_claim(article, *span, label, annotator=name).id or 0
            for name, label in (("alice", "factual"), ("bob", "opinion"))
        ]
        (item,) = review_items(team)
        decide(team, item, "factual", reviewer="lead")
        time.sleep(0.01)  # the relabels are stamped after the decision, to the millisecond
        for claim_id in ids:
            team.update_claim(claim_id, label="questionable")
        dialog = _open(qtbot, team, "lead")
        assert [i.span for i in dialog.items] == [span] and dialog.remaining() == 1
        assert "To look at again: alice, bob labelled it after" in dialog.gold_label.text()
        qtbot.keyClick(dialog, Qt.Key.Key_3)  # the lead takes their label
        assert _gold(team) == [(*span, "questionable", "lead")]
        assert dialog.remaining() == 0


def test_a_decision_many_people_labelled_after_keeps_the_dialog_on_the_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten more people's files came in after the lead decided: the one line under the table,
    naming them all, made the dialog wider than the laptop's screen (its right-hand buttons past
    the edge), and on a narrower dialog it was cut off before "decide again"."""
    title, text = ARTICLES[0]
    span = span_of(0, 0)

    def person(name: str, label: str) -> Path:
        path = tmp_path / f"{name}.db"
        with open_project(path) as own:
            (article,) = own.import_drafts([ArticleDraft(text=text, title=title)]).added
            own.add_claim(article, *span, label, annotator=name)
        return path

    later = [f"annotator {k:02d} of the second round" for k in range(10)]
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, [person("alice", "factual"), person("bob", "opinion")])
        (item,) = review_items(team)
        decide(team, item, "factual", reviewer="lead")
        time.sleep(0.01)  # their labels are stamped after the decision, to the millisecond
        merge_files(team, [person(name, "questionable") for name in later])
        screen = QRect(0, 0, 683, 384)
        monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
        dialog = _open(qtbot, team, "lead")
        dialog.show()
        qtbot.waitExposed(dialog)
        assert all(name in dialog.gold_label.text() for name in later)
        assert dialog.gold_label.text().endswith("decide again to confirm or change it.")
        qtbot.waitUntil(lambda: not cut_labels(dialog))
        assert dialog.frameGeometry().width() <= screen.width()
        assert dialog.gold_label.isVisible()
        assert dialog.gold_label.width() <= dialog.width()
        dialog.close()


def _left_edge(text: str, part: str, font: QFont) -> float:
    """Where `part` of `text`, laid out on one line in `font`, starts on the left, in pixels."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    at = text.index(part)
    # Between its own letters only: where a run of another direction begins or ends, the
    # cursor has two places.
    return min(line.cursorToX(i)[0] for i in range(at + 1, at + len(part)))


def test_arabic_names_who_labelled_after_a_decision_read_in_their_order(qtbot: QtBot, tmp_path: Path) -> None:
    """Two people with Arabic names labelled after the decision: the line read "To look at
    again: أحمد ,دانة سارة", the names in the other order and the comma moved between them."""
    title, text = ARTICLES[0]
    span = span_of(0, 0)

    def person(name: str, label: str, k: int) -> Path:
        path = tmp_path / f"p{k}.db"
        with open_project(path) as own:
            (article,) = own.import_drafts([ArticleDraft(text=text, title=title)]).added
            own.add_claim(article, *span, label, annotator=name)
        return path

    with open_project(tmp_path / "team.db") as team:
        merge_files(team, [person("alice", "factual", 0), person("bob", "opinion", 1)])
        (item,) = review_items(team)
        decide(team, item, "factual", reviewer="lead")
        time.sleep(0.01)  # their labels are stamped after the decision, to the millisecond
        merge_files(team, [person("سارة أحمد", "questionable", 2), person("دانة", "opinion", 3)])
        dialog = _open(qtbot, team, "lead")
        assert dialog.current is not None
        first, second = dialog.current.came_after
        shown = dialog.gold_label.text()
        assert "labelled it after this decision" in shown
        font = dialog.gold_label.font()
        assert _left_edge(shown, first, font) < _left_edge(shown, second, font)
        assert _left_edge(shown, "To look at again", font) < _left_edge(shown, first, font)
        assert _left_edge(shown, second, font) < _left_edge(shown, "labelled it after", font)
        dialog.close()
