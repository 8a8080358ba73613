"""Team ▸ Entity Decisions… lists what the team's entity decisions carry; Enter goes to where
one was made, in entity mode, and changing the mention there changes what is carried."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.core.entity_decisions import NOT_SUGGESTED, SUGGESTED_EVERYWHERE
from annotator.core.model import ArticleDraft, EntityStatus
from annotator.store import ProjectStore
from tests.services.test_entity_decisions_carry import (
    FIRST,
    SECOND,
    _ai_as_places,
    _decide_in_the_first_article,
)
from tests.ui.conftest import open_window


def _action(window: Any, menu: str, text: str) -> Any:
    found = next(a.menu() for a in window.menuBar().actions() if a.text() == menu)
    return next(a for a in found.actions() if a.text() == text)


def _rows(dialog: Any) -> list[list[str]]:
    proxy = dialog.proxy
    return [
        [str(proxy.index(r, c).data()) for c in range(proxy.columnCount())] for r in range(proxy.rowCount())
    ]


def _opened(qtbot: QtBot, window: Any) -> Any:
    """Team ▸ Entity Decisions…, and the dialog once the pool has read its list."""
    _action(window, "&Team", "&Entity Decisions…").trigger()
    dialog = window.entities.decisions_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.loading)
    return dialog


def _project(path: Path) -> Path:
    with ProjectStore(path) as store:
        _decide_in_the_first_article(store)  # "AI" rejected (twice), "Anthropic" added (twice)
        store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        store.save_analysis(2, _ai_as_places(SECOND))
    return path


def test_the_list_goes_to_where_a_name_was_rejected_and_accepting_it_there_ends_the_carrying(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, _project(tmp_path / "p.annotator.db"))
    window.show_article(2)
    assert window.view.describe(SECOND.index("AI")) == ""  # left out: rejected in the first article
    dialog = _opened(qtbot, window)
    assert dialog.isVisible()
    dialog.activateWindow()  # as a window manager makes it; the offscreen platform does not
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.table.hasFocus()  # arrows pick a row at once
    assert _rows(dialog) == [
        ["AI", "GPE", NOT_SUGGESTED, "2", "0", "1", "First"],
        ["Anthropic", "ORG", SUGGESTED_EVERYWHERE, "0", "2", "1", "First"],
    ]
    dialog.filter_edit.setFocus()
    qtbot.keyClicks(dialog.filter_edit, "ai")
    assert [row[0] for row in _rows(dialog)] == ["AI"]
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.article is not None and window.article.article.id == 1
    assert window.entities.active  # rejected mentions show in entity mode
    assert window.view.selected_span() == (0, 2)
    assert window.statusBar().currentMessage() == (
        "Rejected here: AI (GPE), so it is not suggested elsewhere; to stop that, accept it here (A)"
    )
    assert window.focusWidget() is window.view  # the keys go to the text
    window.activateWindow()  # back from the dialog, as the window manager does
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert window.project is not None
    assert window.project.entities(1)[0].status == EntityStatus.ACCEPTED
    # Accepted here, rejected once more in this article, both by the same person: "people
    # disagree" was said of one person's two decisions.
    window.show_article(2)
    assert window.view.describe(SECOND.index("AI")) == "GPE: AI (suggested)"
    dialog = _opened(qtbot, window)
    assert _rows(dialog)[0][:5] == ["AI", "GPE", "not carried: both rejected and kept", "1", "1"]
    dialog.reject()
    window.close()


def test_with_no_decision_the_list_says_how_to_make_one(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    with ProjectStore(path) as store:
        store.import_drafts([ArticleDraft(text=FIRST, title="First")])
        store.save_analysis(1, _ai_as_places(FIRST))
    window = open_window(qtbot, path)
    dialog = _opened(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.intro.text().startswith("Nobody has rejected or added a name yet.")
    assert not dialog.table.isVisible() and not dialog.go_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.close()


def test_with_no_decision_the_list_is_as_small_as_its_sentence(
    qtbot: QtBot, tmp_path: Path, laptop_screen: QRect
) -> None:
    """With nothing decided the dialog kept the list's size, nearly the screen's, for one
    sentence in its middle; it fits the sentence, every line of it shown, and Close."""
    path = tmp_path / "p.annotator.db"
    with ProjectStore(path) as store:
        store.import_drafts([ArticleDraft(text=FIRST, title="First")])
    window = open_window(qtbot, path)
    dialog = _opened(qtbot, window)
    qtbot.waitUntil(lambda: dialog.isVisible())
    QApplication.processEvents()
    assert dialog.height() < laptop_screen.height() / 2, dialog.size()
    assert dialog.width() < laptop_screen.width(), dialog.size()
    intro = dialog.intro
    assert intro.isVisible() and intro.text().startswith("Nobody has rejected")
    assert intro.height() >= intro.heightForWidth(intro.width())  # no line cut off
    assert dialog.rect().contains(intro.geometry())
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close.isVisible() and dialog.rect().contains(close.geometry().translated(dialog.buttons.pos()))
    window.close()


def test_with_no_decision_return_closes_the_list(qtbot: QtBot, tmp_path: Path) -> None:
    """Nothing to go to: Return closes, from where the focus starts (Close), as Escape does."""
    path = tmp_path / "p.annotator.db"
    with ProjectStore(path) as store:
        store.import_drafts([ArticleDraft(text=FIRST, title="First")])
    window = open_window(qtbot, path)
    dialog = _opened(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    focused = QApplication.focusWidget()
    assert focused is dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    window.close()


def test_return_on_a_row_goes_there_once(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, _project(tmp_path / "p.annotator.db"))
    window.show_article(2)
    dialog = _opened(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    went: list[object] = []
    dialog.goRequested.connect(went.append)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)  # from "AI" to "Anthropic"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert [getattr(d, "name", None) for d in went] == ["Anthropic"]
    assert window.article is not None and window.article.article.id == 1
    start = FIRST.index("Anthropic")
    assert window.view.selected_span() == (start, start + len("Anthropic"))
    assert window.statusBar().currentMessage().startswith("Added here: Anthropic (ORG), so it is suggested")
    window.close()


def test_the_list_is_read_off_the_ui_thread_while_the_dialog_says_it_is_busy(
    qtbot: QtBot, tmp_path: Path, monkeypatch: Any
) -> None:
    """On 5,000 articles the list took half a second to read, every key and paint held up:
    the dialog opens at once, busy, and the list fills when the pool has read it."""
    import threading

    from annotator.services.project import Project

    readers: list[bool] = []
    original = Project.decided_names

    def on_which_thread(self: Project) -> Any:
        readers.append(threading.current_thread() is threading.main_thread())
        return original(self)

    monkeypatch.setattr(Project, "decided_names", on_which_thread)
    window = open_window(qtbot, _project(tmp_path / "p.annotator.db"))
    _action(window, "&Team", "&Entity Decisions…").trigger()
    dialog = window.entities.decisions_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.busy.isVisible() and dialog.intro.text() == "Reading your team's decisions…"
    assert not dialog.go_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() == 2)
    assert readers == [False]  # read once, in the pool
    assert not dialog.busy.isVisible()
    assert dialog.go_button.isEnabled()
    assert dialog.intro.text().startswith("Names your team rejected")
    assert _rows(dialog)[0][0] == "AI" and dialog.current() is not None
    dialog.reject()
    window.close()


@pytest.fixture
def kept_past_the_model_tester() -> Iterator[list[QWidget]]:
    """Widgets whose models `qtmodeltester` checks: its teardown disconnects from them, so they
    must still exist then. Requested before it, this fixture is torn down after it."""
    kept: list[QWidget] = []
    yield kept
    for widget in kept:
        widget.close()


def test_the_model_sorts_and_filters_on_the_keys_it_made(  # type: ignore[no-untyped-def]
    qtbot: QtBot, kept_past_the_model_tester: list[QWidget], qtmodeltester
) -> None:
    """The rows are tuples in a table model, sorted and filtered in Python (2,785 names as
    QStandardItems held the window 0.2 s): sorted by each column's key, ties in the order
    read, a number column as numbers, a filter matching within one cell in any case."""
    from annotator.core.entity_decisions import DecidedName
    from annotator.ui.decisions_dialog import DecisionsDialog

    names = [
        DecidedName("Émile Zola", "PERSON", "not suggested", 10, 0, 3, (1, 0, 5)),
        DecidedName("AI", "GPE", "not suggested", 2, 1, 2, (2, 0, 2)),
        DecidedName("Anthropic", "ORG", "suggested everywhere", 0, 2, 9, (1, 5, 9)),
        DecidedName("zeta", "ORG", "not suggested", 2, 0, 1, (3, 0, 4)),
    ]
    dialog = DecisionsDialog(None, names, {1: "Paris news", 2: "Tech", 3: "Sport"})
    kept_past_the_model_tester.append(dialog)
    qtmodeltester.check(dialog.proxy, force_py=True)
    assert [row[0] for row in _rows(dialog)] == [
        "Émile Zola",
        "AI",
        "zeta",
        "Anthropic",
    ]  # rejected, most first
    assert _rows(dialog)[0] == ["Émile Zola", "PERSON", "not suggested", "10", "0", "3", "Paris news"]
    dialog.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [row[0] for row in _rows(dialog)] == ["AI", "Anthropic", "zeta", "Émile Zola"]
    dialog.table.selectRow(2)
    assert dialog.current() == names[3]
    dialog.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in _rows(dialog)] == ["Anthropic", "Émile Zola", "AI", "zeta"]
    assert dialog.current() == names[3]  # the selection follows its row
    dialog.filter_edit.setText("ÉMILE")
    assert [row[0] for row in _rows(dialog)] == ["Émile Zola"]
    dialog.filter_edit.setText("news")  # a title
    assert [row[0] for row in _rows(dialog)] == ["Anthropic", "Émile Zola"]
    dialog.filter_edit.setText("zolaperson")  # not over two cells
    assert _rows(dialog) == []


def test_the_article_a_name_was_decided_in_is_named_as_the_list_names_it(qtbot: QtBot) -> None:
    """An article titled with spaces or U+200B alone was an empty cell under the article the
    name was decided in, where the list calls it "Article 2"."""
    from annotator.core.entity_decisions import DecidedName
    from annotator.ui.decisions_dialog import DecisionsDialog

    names = [
        DecidedName("AI", "GPE", "not suggested", 2, 1, 2, (2, 0, 2)),
        DecidedName("Zola", "PERSON", "not suggested", 1, 0, 1, (3, 0, 4)),
    ]
    dialog = DecisionsDialog(None, names, {2: "\u200b ", 3: "Paris\nnews"})
    qtbot.addWidget(dialog)
    assert [row[-1] for row in _rows(dialog)] == ["Article 2", "Paris news"]


def test_tab_leaves_the_list_of_decisions(qtbot: QtBot, tmp_path: Path) -> None:
    """Tab in the list walked its cells and never left it: the filter and Close were out of
    the keyboard's reach once the list had the focus, as it has when the dialog opens."""
    from PySide6.QtWidgets import QApplication

    window = open_window(qtbot, _project(tmp_path / "p.annotator.db"))
    dialog = _opened(qtbot, window)
    dialog.activateWindow()  # as a window manager makes it; the offscreen platform does not
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.table.hasFocus() and dialog.proxy.rowCount() == 2
    visited = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert dialog.table not in visited[:2] and dialog.filter_edit in visited, visited
    dialog.close()
    window.close()


def test_a_screen_reader_names_the_list_of_decisions(qtbot: QtBot, tmp_path: Path) -> None:
    """The dialog opens with the focus in the list, and Orca said "table" and no more: the
    list had no name, and the sentence above it is no label of it. Each Tab stop is named."""
    from tests.ui.conftest import spoken_name

    window = open_window(qtbot, _project(tmp_path / "p.annotator.db"))
    dialog = _opened(qtbot, window)
    dialog.activateWindow()  # as a window manager makes it; the offscreen platform does not
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.table.hasFocus()
    stops = []
    for _ in range(4):
        stops.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.table in stops and dialog.filter_edit in stops
    unnamed = [w.objectName() or type(w).__name__ for w in stops if w is not None and not spoken_name(w)]
    assert not unnamed, f"a screen reader says nothing of {unnamed}"
    dialog.close()
    window.close()


def test_going_to_a_decision_the_search_hides_says_the_search_was_cleared(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The list narrowed by a search to the second article, Enter on a name decided in the first:
    the search was cleared to list the first without a word, the narrowed list back whole."""
    window = open_window(qtbot, _project(tmp_path / "p.annotator.db"))
    window.show_article(2)
    qtbot.keyClicks(window.search, "Second")
    qtbot.waitUntil(lambda: window.article_filter.rowCount() == 1)
    dialog = _opened(qtbot, window)
    dialog.filter_edit.setFocus()
    qtbot.keyClicks(dialog.filter_edit, "ai")
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert window.article is not None and window.article.article.id == 1
    assert window.search.text() == "" and window.article_filter.rowCount() == 2
    assert window.statusBar().currentMessage() == (
        "Rejected here: AI (GPE), so it is not suggested elsewhere; to stop that, accept it here (A). "
        "Cleared the search “Second” to show “First”"
    )
    window.close()
