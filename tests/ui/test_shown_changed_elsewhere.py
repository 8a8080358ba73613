"""The article being read shows what another window or program saved to it, without losing
the reader's place; not while the reader is in the middle of something, but right after."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.ui.main_window import MainWindow
from tests.other_process import (
    add_entity_in_another_process,
    delete_in_another_process,
    label_in_another_process,
)
from tests.ui.conftest import select_words


def _shown_claims(window: MainWindow) -> list[tuple[str, str]]:
    """The claim panel's rows as the reader sees them: who, and the claim's words."""
    model = window.claim_model
    text = window.view.text
    return sorted(
        (model.claim(row).annotator, text[model.claim(row).start : model.claim(row).end])
        for row in range(model.rowCount())
    )


def _current_claim_id(window: MainWindow) -> int | None:
    index = window.claims.list.currentIndex()
    return window.claim_model.claim(index.row()).id if index.isValid() else None


def _label_here(qtbot: QtBot, window: MainWindow, words: str, count: int) -> int:
    select_words(qtbot, window, window.view.text.index(words), count)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.article is not None
    [claim] = [c for c in window.article.claims if window.view.text[c.start :].startswith(words[:8])]
    assert claim.id is not None
    return claim.id


def test_another_window_s_label_shows_here_keeping_the_reader_s_place(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """Bob labels the start of the article being read: his claim shows, said by name, and the
    reader's selection, scroll and picked claim (now another row) stay as they were."""
    assert window.project is not None and window.article is not None
    window.project_watch.took_note()  # as at the opening, once painted
    window.resize(900, 400)
    mine = _label_here(qtbot, window, "The boat, Conception", 2)
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 3)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    place = window.view.place()
    assert _current_claim_id(window) == mine

    label_in_another_process(project_path, 0, (0, 7), "opinion", "bob")
    window.project_watch.check()

    assert ("bob", window.view.text[0:7]) in _shown_claims(window)
    assert {(c.annotator, c.label) for c in window.article.claims} == {
        ("tester", ClaimLabel.FACTUAL),
        ("bob", ClaimLabel.OPINION),
    }
    assert window.view.place() == place
    assert _current_claim_id(window) == mine
    assert "bob" in window.statusBar().currentMessage()


def test_a_claim_deleted_elsewhere_goes_and_its_undo_here_is_refused(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    assert window.project is not None and window.article is not None
    window.project_watch.took_note()
    claim_id = _label_here(qtbot, window, "The boat, Conception", 2)

    delete_in_another_process(project_path, claim_id)
    window.project_watch.check()
    assert window.article.claims == () and window.claim_model.rowCount() == 0

    # The undo of the label (a delete) finds the claim gone: it says so and changes nothing.
    label_in_another_process(project_path, 1, (0, 7), "opinion", "bob")  # takes the freed id
    window.project_watch.check()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [box.text() for box in window.findChildren(QMessageBox, "errorBox")] != []
    assert [(c.annotator, c.label) for c in window.project.claims()] == [("bob", ClaimLabel.OPINION)]


def test_pre_annotation_by_another_program_shows_here(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    assert window.article is not None
    window.project_watch.took_note()
    before = len(window.article.entities)
    add_entity_in_another_process(project_path, 0, (0, 3), "ORG")
    window.project_watch.check()
    assert len(window.article.entities) == before + 1
    assert "another window or program" in window.statusBar().currentMessage()


def test_not_while_a_note_is_typed_but_right_after(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    assert window.article is not None
    window.project_watch.took_note()
    _label_here(qtbot, window, "The boat, Conception", 2)
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    dialog = window.labelling.note_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.edit, "half")

    label_in_another_process(project_path, 0, (0, 7), "opinion", "bob")
    window.project_watch.check()
    assert ("bob", window.view.text[0:7]) not in _shown_claims(window)  # not under the dialog
    assert dialog.isVisible() and dialog.edit.toPlainText() == "half"

    dialog.edit.clear()  # thought better of it: Escape closes, and nothing is saved
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ("bob", window.view.text[0:7]) not in _shown_claims(window)
    window.project_watch.check()  # the next look, with nothing else saved meanwhile
    assert ("bob", window.view.text[0:7]) in _shown_claims(window)


def test_a_note_typed_for_a_claim_deleted_elsewhere_stays_to_be_copied(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """The claim a note was being typed for was deleted in another window: Save closed the
    dialog and the typed words were gone, the status bar saying "claim 1 was deleted, …;
    reopen the article to see it as saved", by an id the person never saw. The dialog stays,
    says so in plain words, and holds the note selected for Ctrl+C."""
    assert window.project is not None and window.article is not None
    claim_id = _label_here(qtbot, window, "The boat, Conception", 2)
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    dialog = window.labelling.note_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.edit, "Needs a source: the coroner's report.")

    delete_in_another_process(project_path, claim_id)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.isVisible() and dialog.edit.toPlainText() == "Needs a source: the coroner's report."
    problem = dialog.findChild(QLabel, "noteProblem")
    assert problem is not None and problem.isVisible()
    assert problem.text() == (
        "This claim was deleted in another window or by a command, so the note cannot be saved. "
        "Your note is selected: press Ctrl+C to copy it, then Cancel."
    )
    assert dialog.edit.textCursor().selectedText() == "Needs a source: the coroner's report."
    assert window.findChildren(QMessageBox, "errorBox") == []
    assert str(claim_id) not in window.statusBar().currentMessage()
    assert window.project.claims() == [] and window.claim_model.rowCount() == 0  # shown as saved

    qtbot.keyClick(dialog.edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    clipboard = QApplication.clipboard()
    assert clipboard is not None and clipboard.text() == "Needs a source: the coroner's report."


def test_a_relabel_of_a_claim_deleted_elsewhere_says_so_in_plain_words(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """2 on a claim another window had just deleted said "claim 1 was deleted, in another window
    or by a command; reopen the article to see it as saved": an id the person never saw, and a
    reopen the window had already done, the claim gone from the list."""
    assert window.project is not None and window.article is not None
    claim_id = _label_here(qtbot, window, "The boat, Conception", 2)
    delete_in_another_process(project_path, claim_id)
    qtbot.keyClick(window.view, Qt.Key.Key_2)

    said = "The claim was deleted in another window or by a command; the article now shows what is saved"
    assert window.statusBar().currentMessage() == said
    [box] = window.findChildren(QMessageBox, "errorBox")
    assert box.text() == said + "."
    assert window.project.claims() == [] and window.claim_model.rowCount() == 0


def test_not_during_a_drag_selection_but_right_after(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    window.project_watch.took_note()
    viewport = window.view.viewport()
    start = window.view.cursorRect().center() + QPoint(2, 0)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    assert QApplication.mouseButtons() & Qt.MouseButton.LeftButton

    label_in_another_process(project_path, 0, (0, 7), "opinion", "bob")
    window.project_watch.check()
    assert window.claim_model.rowCount() == 0

    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(40, 0))
    window.project_watch.check()
    assert ("bob", window.view.text[0:7]) in _shown_claims(window)


def test_a_selection_made_backwards_goes_on_growing_backwards_after_another_window_s_label(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """Words selected right to left (Ctrl+Shift+Left from after them), and bob labels elsewhere
    meanwhile: the next Ctrl+Shift+Left took a word off the selection's end, where it had added
    the word before it, as the selection came back with its caret at the end; 1 then said to
    select some words, the selection being ", " alone."""
    assert window.project is not None and window.article is not None
    window.project_watch.took_note()
    text = window.view.text
    end = text.index(", which caught fire")
    view = window.view
    view.setFocus()
    view.scroll_to(end)
    backwards = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Left, backwards)
    assert text[slice(*view.selected_span() or (0, 0))] == ", Conception"

    label_in_another_process(project_path, 0, (0, 7), "opinion", "bob")
    window.project_watch.check()
    assert ("bob", text[0:7]) in _shown_claims(window)

    qtbot.keyClick(view, Qt.Key.Key_Left, backwards)
    assert text[slice(*view.selected_span() or (0, 0))] == "boat, Conception"
    qtbot.keyClick(view, Qt.Key.Key_1)
    claims = window.project.claims(window.article.article.id)
    assert [text[c.start : c.end] for c in claims if c.annotator == "tester"] == ["boat, Conception"]


def test_the_window_s_own_edits_are_not_said_to_be_another_s(qtbot: QtBot, window: MainWindow) -> None:
    """What the window shows after its own label, relabel and Mark Done is what the
    store holds: a look that finds nothing new leaves the text and the status bar alone."""
    claim_id = _label_here(qtbot, window, "The boat, Conception", 2)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert window.article is not None and [c.id for c in window.article.claims] == [claim_id]
    for _ in range(2):
        window.status("")
        shown = window.article
        assert window.show_saved_changes()
        assert window.article is shown
        assert window.statusBar().currentMessage() == ""
        qtbot.keyClick(window.view, Qt.Key.Key_D)  # done, and on to the next article


def test_open_statistics_and_guidelines_follow_another_window(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """A team lead keeps the statistics and the guidelines open while others label and a
    coordinator rewrites the guidelines in another window: both showed the figures and text
    of when they were opened until Refresh was pressed, or the panel hidden and shown."""
    from annotator.services.guidelines import set_guidelines
    from annotator.services.project import open_project
    from annotator.ui.dashboard import DashboardDialog

    window.project_watch.took_note()
    team_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Team")
    next(a for a in team_menu.actions() if a.text().startswith("&Statistics")).trigger()
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, DashboardDialog) and w.isVisible()]
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert board.summary.text().startswith("Articles: 2   Claims: 0")
    window.feature("team").dock.show()
    panel = window.feature("team").panel

    label_in_another_process(project_path, 1, (0, 7), "opinion", "bob")
    with open_project(project_path, create=False) as other:  # another window's editor
        set_guidelines(other, "# Ours\n\nOnly **sourced** numbers are factual.")
    window.project_watch.check()

    qtbot.waitUntil(lambda: board.summary.text().startswith("Articles: 2   Claims: 1"), timeout=20_000)
    assert panel.browser.toPlainText().startswith("Ours")
    dialog.close()


def test_the_guidelines_being_read_keep_their_place_while_others_label(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """An annotator reading the guidelines halfway down, beside the text of a team file others
    label in: at each label saved in another window the panel drew them again from the top,
    every few seconds. They are drawn again only when they changed, and where they were read."""
    from annotator.services.guidelines import default_guidelines, set_guidelines
    from annotator.services.project import open_project

    window.project_watch.took_note()
    window.registry["guidelines_panel"].trigger()  # View ▸ Guidelines
    qtbot.waitUntil(lambda: window.team.dock.isVisible())
    bar = window.team.panel.browser.verticalScrollBar()
    assert bar.maximum() > 200, "the default guidelines are longer than the panel"
    bar.setValue(bar.maximum() // 2)
    reading = bar.value()

    label_in_another_process(project_path, 1, (0, 7), "opinion", "bob")
    saved_elsewhere: list[bool] = []
    window.events.savedElsewhere.connect(lambda: saved_elsewhere.append(True))
    window.project_watch.check()
    assert saved_elsewhere, "the watch saw the other window's label"
    assert bar.value() == reading

    with open_project(project_path, create=False) as other:  # a coordinator's edit, a word added
        set_guidelines(other, default_guidelines() + "\nAsk the coordinator when unsure.\n")
    window.project_watch.check()
    assert window.team.panel.browser.toPlainText().endswith("Ask the coordinator when unsure.")
    assert bar.value() == reading


def _pre_annotating(window: MainWindow) -> object:
    """As while the window's own pre-annotation runs in the background (its task listed)."""
    from annotator.ui.transfers import PREANNOTATION_TASK
    from annotator.ui.workers import Task

    task = Task(lambda _progress, _cancel: None, name=PREANNOTATION_TASK)
    window.runner.tasks.append(task)
    assert window.busy
    return task


def test_another_window_s_labels_show_while_this_window_pre_annotates(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """A long pre-annotation in the background only writes what it finds (names, quotations,
    candidates), never a claim, a status or an article: what changed in the list or in the
    article's claims meanwhile is another's, and shows at the next look, not when it ends."""
    from annotator.services.project import open_project

    assert window.project is not None and window.article is not None
    window.project_watch.took_note()
    task = _pre_annotating(window)
    saved_elsewhere: list[bool] = []
    window.events.savedElsewhere.connect(lambda: saved_elsewhere.append(True))
    try:
        # The window's own pre-annotation saves a name on the article being read: not said as
        # another's, and nothing is redrawn (its highlights come when it ends).
        with open_project(project_path, create=False) as job:
            from annotator.core.commands import AddEntity
            from annotator.core.model import Entity

            job.execute(AddEntity(window.article.article.id, Entity(0, 3, "ORG")))
        shown = window.article
        window.status("")
        window.project_watch.check()
        assert window.article is shown
        assert window.statusBar().currentMessage() == ""
        assert saved_elsewhere == []

        label_in_another_process(project_path, 0, (0, 7), "opinion", "bob")
        label_in_another_process(project_path, 1, (0, 9), "factual", "bob")
        window.project_watch.check()
        assert ("bob", window.view.text[0:7]) in _shown_claims(window)
        assert "bob" in window.statusBar().currentMessage()
        # The list is read in the pool: its rows follow, the panels told once of both.
        qtbot.waitUntil(lambda: [s.claim_count for s in window.articles.summaries()] == [1, 1])
        qtbot.waitUntil(lambda: not window.listing)  # every read answered: none left to tell again
        assert saved_elsewhere == [True]
    finally:
        window.runner.tasks.remove(task)


def test_what_was_missed_during_the_window_s_own_job_follows_once_it_ends(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """Guidelines rewritten in another window while this one pre-annotates change no list row
    and no claim: the open guidelines follow at the first look after the job."""
    from annotator.services.guidelines import set_guidelines
    from annotator.services.project import open_project

    window.project_watch.took_note()
    window.feature("team").dock.show()
    panel = window.feature("team").panel
    task = _pre_annotating(window)
    try:
        with open_project(project_path, create=False) as other:
            set_guidelines(other, "# Ours\n\nOnly **sourced** numbers are factual.")
        window.project_watch.check()
    finally:
        window.runner.tasks.remove(task)
    window.reload_articles()  # as when the job ends
    window.project_watch.check()
    assert panel.browser.toPlainText().startswith("Ours")
