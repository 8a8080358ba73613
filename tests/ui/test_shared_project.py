"""The window on a project another window (another process) labels at the same time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.ui.main_window import MainWindow
from tests.other_process import delete_in_another_process, label_in_another_process
from tests.ui.conftest import select_words

REDO = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _errors(window: MainWindow) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox, "errorBox")]


def test_undo_and_redo_here_leave_a_label_made_in_another_window(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """Label, undo; another window labels (its claim takes the freed id); redo and undo here.

    Redo failed ("Something went wrong (IntegrityError)") and left the undo history a step
    ahead of the file, so the next Ctrl+Z deleted the other window's claim while both windows
    said "All changes saved".
    """
    assert window.project is not None and window.article is not None
    mine = window.article.article.id
    select_words(qtbot, window, window.view.text.index("The boat, Conception"), 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    theirs = label_in_another_process(project_path, 1, (0, 7), "opinion", "bob")

    qtbot.keyClick(window.view, Qt.Key.Key_Z, REDO)
    assert _errors(window) == []
    assert [(c.label, window.view.text[c.start : c.end]) for c in window.article.claims] == [
        (ClaimLabel.FACTUAL, "The boat")
    ]
    assert window.claim_model.rowCount() == 1
    saved = {(c.article_id, c.annotator, c.label) for c in window.project.claims()}
    assert saved == {(mine, "tester", ClaimLabel.FACTUAL), (mine + 1, "bob", ClaimLabel.OPINION)}

    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [(c.id, c.annotator) for c in window.project.claims()] == [(theirs, "bob")]
    assert window.claim_model.rowCount() == 0


def _label_here(qtbot: QtBot, window: MainWindow, words: str, count: int, key: Qt.Key) -> int:
    select_words(qtbot, window, window.view.text.index(words), count)
    qtbot.keyClick(window.view, key)
    assert window.article is not None
    [claim] = [c for c in window.article.claims if window.view.text[c.start : c.end].startswith(words[:5])]
    assert claim.id is not None
    return claim.id


def test_relabelling_a_claim_deleted_in_another_window_says_so_and_shows_the_file(
    qtbot: QtBot, window: MainWindow, project_path: Path
) -> None:
    """Another window deleted a claim this one shows, and labelled elsewhere (its claim took
    the id): a key on the stale claim relabelled the other window's claim, in another article."""
    assert window.project is not None and window.article is not None
    claim_id = _label_here(qtbot, window, "The boat, Conception", 2, Qt.Key.Key_1)
    delete_in_another_process(project_path, claim_id)
    assert label_in_another_process(project_path, 1, (0, 7), "opinion", "bob") == claim_id
    window.view.scroll_to(window.view.text.index("The boat, Conception") + 2)  # in the claim shown

    qtbot.keyClick(window.view, Qt.Key.Key_3)
    [said] = _errors(window)
    assert said.startswith("The claim was deleted in another window or by a command")
    [bob] = window.project.claims()
    assert (bob.annotator, bob.label) == ("bob", ClaimLabel.OPINION)
    assert window.article.claims == () and window.claim_model.rowCount() == 0  # as saved now


def test_a_project_opened_through_a_link_while_open_elsewhere_is_said_to_be(
    qtbot: QtBot, project_path: Path
) -> None:
    """The same file opened through a link to it (one on the desktop, say) while another
    window had it open: the window said nothing, so neither person knew that the other's
    labels appear only after a refresh. It is said, naming the file the link leads to, which
    is the one the window holds."""
    from annotator.services.project import open_project
    from tests.ui.conftest import open_window

    link = project_path.with_name("on-the-desktop.annotator.db")
    link.symlink_to(project_path.name)
    other = open_project(project_path)  # stands in for another Annotator instance
    try:
        window = open_window(qtbot, link)
        qtbot.waitUntil(lambda: bool(_errors(window)), timeout=10_000)
        assert _errors(window) == [
            "test.annotator.db is already open in another Annotator window. Both can "
            "save safely; edits made there appear here within a few seconds."
        ]
        window.close()
    finally:
        other.close()
