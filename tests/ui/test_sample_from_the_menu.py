"""Help ▸ Open Sample Project: the empty page's Sample Project button, with a project open too.

The sample could be opened only from the page shown with no project (or `--sample`): a person
who wanted to try the keys again on it had to close their own project first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import ClaimLabel
from annotator.services import paths
from annotator.services.samples import ensure_sample_project
from tests.ui.conftest import make_project, open_window, select_words, wait_listed, wait_opened

OWN = [("Council", "The council met on Monday. It voted to raise the rates by ten percent.")]


def _help_item(menu: QMenu, action_id: str) -> QAction:
    return next(action for action in menu.actions() if action.objectName() == action_id)


def test_help_opens_the_sample_over_an_open_project_and_leaves_that_project_as_it_was(
    qtbot: QtBot, tmp_path: Path
) -> None:
    own = make_project(tmp_path / "own.annotator.db", OWN)
    with open_project(own, create=False) as project:
        article = project.articles()[0]
        project.add_claim(article.id, 0, 26, ClaimLabel.FACTUAL, annotator="tester")
    window = open_window(qtbot, own)
    window.auto_preannotate = False
    try:
        wait_listed(qtbot, window)
        item = _help_item(window.registry.menus["help"], "open_sample")
        assert item.text() == "&Open Sample Project" and item.isEnabled()
        item.trigger()
        wait_opened(qtbot, window)
        wait_listed(qtbot, window)
        assert window.project is not None and window.project.path == paths.sample_project_file()
        assert window.windowTitle() == "sample-project.annotator.db — Annotator (tester)"
        assert window.status_bar.project_label.text() == "sample-project.annotator.db"
        assert len(window.articles.summaries()) == 6
        # The project left behind is second in Open Recent, its file and its label untouched.
        assert window.settings.recent_projects[:2] == (
            str(paths.sample_project_file().resolve()),
            str(own.resolve()),
        )
    finally:
        window.close()
    with open_project(own, create=False) as project:
        assert [(c.start, c.end, c.label) for c in project.claims()] == [(0, 26, ClaimLabel.FACTUAL)]
        assert [a.title for a in project.articles()] == ["Council"]


def test_the_empty_page_s_button_and_the_menu_item_are_one_action(qtbot: QtBot) -> None:
    """The button triggers the declared action, so the two cannot open the sample two ways."""
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    fired: list[bool] = []
    window.registry["open_sample"].triggered.connect(lambda _checked=False: fired.append(True))
    try:
        assert window.registry["open_sample"].isEnabled()  # with no project as well
        window.centre.empty.sample_button.click()
        assert fired == [True]
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path == paths.sample_project_file()
    finally:
        window.close()


def test_help_s_sample_while_the_sample_is_open_leaves_the_window_as_it_is(qtbot: QtBot) -> None:
    """A new person on the sample tried Help ▸ Open Sample Project: the window opened the file a
    second time, said "sample-project.annotator.db is already open in another Annotator window"
    (there was no other window), went back to the first article and forgot what Ctrl+Z undoes."""
    sample = ensure_sample_project()
    window = open_window(qtbot, sample)
    window.auto_preannotate = False
    try:
        wait_opened(qtbot, window)
        wait_listed(qtbot, window)
        third = window.articles.summaries()[2].id
        window.articles.select_row(2)
        qtbot.waitUntil(lambda: window.article is not None and window.article.article.id == third)
        select_words(qtbot, window, 0, 3)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        qtbot.waitUntil(window.undo_stack.canUndo)
        project = window.project
        _help_item(window.registry.menus["help"], "open_sample").trigger()
        wait_opened(qtbot, window)
        qtbot.wait(300)  # the second open's message came once the window had painted it
        assert not [box for box in window.findChildren(QMessageBox) if box.isVisible()]
        assert window.statusBar().currentMessage() == (
            "sample-project.annotator.db is the project open in this window"
        )
        assert window.project is project and window.article is not None
        assert window.article.article.id == third and window.undo_stack.canUndo()
    finally:
        window.close()
