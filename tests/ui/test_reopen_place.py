"""A start shows the article open at the last clean close, where the person left it.

The window opened each morning on the first article not done, at its top, with nothing
selected: a person who had moved on to a later article, or was half-way down a long one,
looked for their place again. The record of the close (`services.last_closed`) now keeps the
article open then with its caret, selection and scroll; the first paint and the window show it
there when that article still holds the same text, and fall back to the first not done
otherwise (deleted, edited, a damaged or older record).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractSlider
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import ArticleStatus
from annotator.core.settings import Settings
from annotator.services import last_closed
from annotator.services.first_open import first_open
from annotator.services.settings import load_settings, save_settings
from annotator.ui.main_window import MainWindow
from annotator.ui.quick_start import Preview, start_reopened
from annotator.ui.reading import ReadingView
from tests.ui.conftest import make_project, wikinews_texts

SELECTED = (3000, 3060)  # code points in article 4, two screens down


@pytest.fixture
def four(tmp_path: Path) -> Path:
    """Four articles, the last a long one; the first is done, so the first not done is article 2."""
    (_, one), (_, two) = wikinews_texts()
    path = make_project(
        tmp_path / "four.annotator.db",
        [("One", one), ("Two", two), ("Three", "Third. " + one), ("Four", f"Fourth. {two}\n\n{one}")],
    )
    with open_project(path, create=False) as project:
        project.set_status(1, ArticleStatus.DONE)
    return path


def close_on_article_four(qtbot: QtBot, path: Path) -> tuple[int, int]:
    """Open `path` as a start does, read article 4 half-way down with words selected, close.

    Returns the first character of the page's top line and the caret, in code points.
    """
    save_settings(Settings(annotator="tester"))
    window = MainWindow(load_settings())
    qtbot.addWidget(window)
    window.resize(1366, 740)  # a laptop's
    window.show()
    window.open_project(path, create=False, resume=True)
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    assert window.article is not None and window.article.article.id == 2  # no place yet
    # Article 4 is picked from the list, which the pool reads after the first article shows:
    # a list not come yet (a pool thread started late) has no row to select.
    qtbot.waitUntil(lambda: not window.listing, timeout=20_000)
    window.articles.select_article(4)
    assert window.article.article.id == 4
    window.view.select_span(*SELECTED)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.value() - 2)  # scrolled back a little, the selection still in sight
    place = window.view.place()
    assert place.scroll > 0 and place.caret == SELECTED[1] and 0 < place.top < SELECTED[1]
    window.close()
    return place.top, place.caret


def scrolled_to(window: MainWindow, top: int) -> bool:
    """Whether the page's top line starts at `top`, as at the close.

    The scroll bar's value is not compared: it counts wrapped lines, and the lines of the
    paragraphs above the page are counted as one each until they are laid out, so the same
    place has another value after a start."""
    bar = window.view.verticalScrollBar()
    return bar.value() > 0 and window.view.place().top == top


def checked_start(qtbot: QtBot, path: Path) -> MainWindow:
    """A start with no preview (`ui.app.run`): the window opens the project, every check first."""
    window = MainWindow(load_settings())
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.open_project(path, create=False, resume=True)
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    return window


def test_a_start_shows_the_article_open_at_the_close_with_its_selection_and_scroll(
    qtbot: QtBot, four: Path
) -> None:
    top, caret = close_on_article_four(qtbot, four)
    record = last_closed.reopened(four)
    assert record is not None and record.article_id == 4 and record.title == "Four"
    assert record.place == last_closed.Place(caret, SELECTED, top)
    window = start_reopened(record)
    qtbot.addWidget(window)
    preview = window._preview
    assert preview is not None  # the first paint is article 4, scrolled as the window will be
    assert preview.view.toPlainText().startswith("Fourth. ")
    assert preview.view.top_position() == top  # no astral characters: UTF-16 is code points
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    assert window.article is not None and window.article.article.id == 4
    assert window.view.selected_span() == SELECTED
    assert scrolled_to(window, top)
    window.close()


class TopLines(QObject):
    """At each paint of a reading view: which view, where its top line starts, and where the
    line is drawn in the window."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, int, QRect]] = []

    def watch(self, view: ReadingView) -> None:
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = watched.parent()
        if event.type() == QEvent.Type.Paint and isinstance(view, ReadingView):
            top = view.top_position()
            cursor = QTextCursor(view.document())
            cursor.setPosition(top)
            rect = view.cursorRect(cursor)
            self.seen.append(
                (
                    type(view).__name__,
                    top,
                    QRect(view.viewport().mapTo(view.window(), rect.topLeft()), rect.size()),
                )
            )
        return False


def test_the_preview_is_scrolled_as_the_window_and_nothing_jumps(
    qtbot: QtBot, four: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first paint at the top and the window at the place would jump once the window is built."""
    top, _caret = close_on_article_four(qtbot, four)
    record = last_closed.reopened(four)
    assert record is not None
    frames = TopLines()
    build = MainWindow._finish_reopening

    def build_and_watch(
        window: MainWindow, record: last_closed.Reopened, preview: Preview | None, **opening: Any
    ) -> None:
        build(window, record, preview, **opening)
        frames.watch(window.view)  # before its first paint

    monkeypatch.setattr(MainWindow, "_finish_reopening", build_and_watch)
    window = start_reopened(record)
    qtbot.addWidget(window)
    assert window._preview is not None
    frames.watch(window._preview.view)
    qtbot.waitUntil(lambda: window.start_finished and any(kind == "ArticleView" for kind, *_ in frames.seen))
    qtbot.wait(50)  # and the frames after
    assert frames.seen[0][0] == "ReadingView"
    assert {(line, where) for _kind, line, where in frames.seen} == {(top, frames.seen[0][2])}
    window.close()


def test_the_person_s_own_scrolling_is_not_undone(qtbot: QtBot, four: Path) -> None:
    """The start keeps the place on top while the text is laid out; once the person scrolls, a
    relayout (a resize) leaves the page where they put it."""
    top, _caret = close_on_article_four(qtbot, four)
    window = checked_start(qtbot, four)
    assert scrolled_to(window, top)
    window.view.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    theirs = window.view.place().top
    assert theirs > top
    window.resize(1300, 700)
    qtbot.wait(20)
    assert window.view.place().top != top
    window.close()


def test_the_place_holds_after_the_file_changed_elsewhere(qtbot: QtBot, four: Path) -> None:
    """Another article deleted (a merge, the CLI): no preview from the record, but the place
    holds, in the first paint read from the file and in the window."""
    top, _caret = close_on_article_four(qtbot, four)
    with sqlite3.connect(four) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM articles WHERE id = 3")
    conn.close()
    assert last_closed.reopened(four) is None
    painted = first_open([str(four)])
    assert painted is not None and painted.article_id == 4 and painted.place is not None
    assert painted.place.selection == SELECTED
    window = checked_start(qtbot, four)
    assert window.article is not None and window.article.article.id == 4
    assert window.view.selected_span() == SELECTED
    assert scrolled_to(window, top)
    window.close()


def _delete_four(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM articles WHERE id = 4")
    conn.close()


def _edit_four(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET text = 'Edited. ' || text WHERE id = 4")
    conn.close()


def _damage_place(path: Path) -> None:
    """The place damaged in the close record and in the place kept for the project beside it
    (`last_closed.keep_place`), which a start uses when the close record is broken."""
    record_path = last_closed.record_path()
    record = json.loads(record_path.read_text("utf-8"))
    record["place"]["selection"] = [5, 10**7]  # past the end of the text
    record_path.write_text(json.dumps(record), "utf-8")
    places = json.loads(last_closed.places_path().read_text("utf-8"))
    places["places"][0]["place"]["selection"] = [5, 10**7]
    last_closed.places_path().write_text(json.dumps(places), "utf-8")


@pytest.mark.parametrize(
    "change", [_delete_four, _edit_four, _damage_place], ids=["deleted", "edited", "damaged"]
)
def test_without_its_article_or_text_a_start_opens_on_the_first_not_done(
    qtbot: QtBot, four: Path, change: Callable[[Path], None]
) -> None:
    close_on_article_four(qtbot, four)
    change(four)
    assert last_closed.left_at(four) is None or change is not _damage_place
    painted = first_open([str(four)])
    assert painted is not None and (painted.article_id, painted.place) == (2, None)
    window = checked_start(qtbot, four)
    assert window.article is not None and window.article.article.id == 2
    assert window.view.selected_span() is None
    assert window.view.verticalScrollBar().value() == 0
    window.close()


def test_a_record_written_before_places_were_kept_still_opens_as_before(qtbot: QtBot, four: Path) -> None:
    close_on_article_four(qtbot, four)
    record_path = last_closed.record_path()
    record = json.loads(record_path.read_text("utf-8"))
    del record["place"]
    record |= {"article_id": 2, "title": "Two"}  # what an older close recorded: the first not done
    with open_project(four, create=False) as project:
        record["text"] = project.article(2).text
    record_path.write_text(json.dumps(record), "utf-8")
    reopened = last_closed.reopened(four)
    assert reopened is not None and (reopened.article_id, reopened.place) == (2, None)
    assert last_closed.left_at(four) is None
    window = start_reopened(reopened)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    assert window.article is not None and window.article.article.id == 2
    window.close()


@pytest.mark.parametrize(
    "place",
    [
        {"version": 1, "caret": -1, "selection": None, "top": 0},
        {"version": 1, "caret": 0, "selection": [10, 5], "top": 0},
        {"version": 1, "caret": 0, "selection": [0, True], "top": 0},
        {"version": 1, "caret": 0, "selection": None, "top": 10**9},
        {"version": 1, "caret": 0, "selection": None, "top": 1.5},
        {"version": 1, "caret": 0, "selection": None},
        {"version": 1, "caret": 0, "selection": None, "top": 0, "extra": 1},
        {"version": "1", "caret": 0, "selection": None, "top": 0},
        [0, 0, 0],
    ],
)
def test_a_damaged_place_is_a_damaged_record(qtbot: QtBot, four: Path, place: object) -> None:
    close_on_article_four(qtbot, four)
    record_path = last_closed.record_path()
    record = json.loads(record_path.read_text("utf-8"))
    record_path.write_text(json.dumps({**record, "place": place}), "utf-8")
    assert last_closed.reopened(four) is None
    assert last_closed.left_at(four) is None


def test_a_place_of_a_newer_version_is_ignored_not_misread(qtbot: QtBot, four: Path) -> None:
    close_on_article_four(qtbot, four)
    record_path = last_closed.record_path()
    record = json.loads(record_path.read_text("utf-8"))
    record_path.write_text(json.dumps({**record, "place": {"version": 2, "anchor": "x"}}), "utf-8")
    reopened = last_closed.reopened(four)
    assert reopened is not None and reopened.place is None
    assert last_closed.left_at(four) is None
