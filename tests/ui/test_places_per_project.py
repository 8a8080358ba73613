"""Each recent project comes back where the person left it, however it is opened.

The close record (`services.last_closed`) names one project, the last closed: someone who
switched between their own project and a team's with File > Open Recent, or opened one with
File > Open, found the other on its first article not done. Each project now keeps its own
place (`keep_place`, `kept_place`), the ten closed last, checked like any file.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import ArticleStatus
from annotator.core.settings import Settings
from annotator.services import last_closed
from annotator.services.first_open import first_open
from annotator.services.settings import load_settings, save_settings
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, wait_listed, wait_opened, wikinews_texts

OURS = (2000, 2040)  # in article 3 of "ours"
THEIRS = (1500, 1530)  # in article 4 of "theirs"


def _project(path: Path) -> Path:
    """Four articles, the first done: the first not done is article 2."""
    (_, one), (_, two) = wikinews_texts()
    make_project(
        path, [("One", one), ("Two", two), ("Three", f"Third. {one}"), ("Four", f"Fourth. {two}\n\n{one}")]
    )
    with open_project(path, create=False) as project:
        project.set_status(1, ArticleStatus.DONE)
    return path


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    return _project(tmp_path / "ours.annotator.db")


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    (tmp_path / "team").mkdir()
    return _project(tmp_path / "team" / "review.annotator.db")


def window_on(qtbot: QtBot, path: Path) -> MainWindow:
    """A start on `path` (no preview), as `ui.app.run` makes it."""
    save_settings(Settings(annotator="tester"))
    window = MainWindow(load_settings())
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.open_project(path, create=False, resume=True)
    qtbot.waitUntil(lambda: window.start_finished)
    wait_listed(qtbot, window)  # the list the person picks from
    return window


def read_to(window: MainWindow, article_id: int, span: tuple[int, int]) -> None:
    window.articles.select_article(article_id)
    window.view.select_span(*span)


def open_recent(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    """Choose `path` in File > Open Recent, as the person does."""
    window.recent_menu.aboutToShow.emit()
    (action,) = [a for a in window.recent_menu.actions() if a.data() == str(path.resolve())]
    action.trigger()
    wait_opened(qtbot, window)
    assert window.project is not None and window.project.path.resolve() == path.resolve()
    wait_listed(qtbot, window)
    qtbot.wait(20)


def shown(window: MainWindow) -> tuple[int, tuple[int, int] | None]:
    assert window.article is not None
    return window.article.article.id, window.view.selected_span()


def test_switching_with_open_recent_each_project_comes_back_at_its_place(
    qtbot: QtBot, ours: Path, theirs: Path
) -> None:
    window = window_on(qtbot, ours)
    read_to(window, 3, OURS)
    window.open_project(theirs, create=False)  # File > Open
    assert shown(window) == (2, None)  # never left anywhere: the first not done
    wait_listed(qtbot, window)
    read_to(window, 4, THEIRS)
    open_recent(qtbot, window, ours)
    assert shown(window) == (3, OURS)
    assert window.view.place().top > 0  # scrolled to it, as it was
    open_recent(qtbot, window, theirs)
    assert shown(window) == (4, THEIRS)
    window.close()


def test_file_open_comes_back_at_the_place(
    qtbot: QtBot, ours: Path, theirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_on(qtbot, ours)
    read_to(window, 3, OURS)
    window.open_project(theirs, create=False)
    monkeypatch.setattr("annotator.ui.project_files.ask_project_to_open", lambda *_a: ours)
    window.open_project_dialog()
    wait_opened(qtbot, window)
    assert shown(window) == (3, OURS)
    window.close()


def test_a_start_on_the_project_closed_before_the_last_one_comes_back_at_its_place(
    qtbot: QtBot, ours: Path, theirs: Path
) -> None:
    window = window_on(qtbot, ours)
    read_to(window, 3, OURS)
    window.open_project(theirs, create=False)
    window.close()  # the close record is of theirs
    assert last_closed.left_at(ours) is None
    painted = first_open([str(ours)])  # the first paint shows what the window will
    assert painted is not None and painted.article_id == 3 and painted.place is not None
    assert painted.place.selection == OURS
    window = window_on(qtbot, ours)
    assert shown(window) == (3, OURS)
    window.close()


def test_an_edited_article_opens_on_the_first_not_done(qtbot: QtBot, ours: Path, theirs: Path) -> None:
    window = window_on(qtbot, ours)
    read_to(window, 3, OURS)
    window.open_project(theirs, create=False)
    with sqlite3.connect(ours) as conn:  # edited by hand: its hash column left as it was
        conn.execute("UPDATE articles SET text = 'Edited. ' || text WHERE id = 3")
    conn.close()
    open_recent(qtbot, window, ours)
    assert shown(window) == (2, None)
    window.close()


def _places() -> dict[str, object]:
    record: dict[str, object] = json.loads(last_closed.places_path().read_text("utf-8"))
    return record


def _entries() -> list[dict[str, object]]:
    entries = _places()["places"]
    assert isinstance(entries, list)
    return entries


@pytest.mark.parametrize(
    "damage",
    [
        "not json {",
        json.dumps({"version": 1, "places": "everything"}),
        json.dumps({"version": 99, "places": []}),
        "HUGE",
        "ENTRY:caret",
        "ENTRY:hash",
        "ENTRY:selection",
        "ENTRY:extra",
    ],
)
def test_damaged_places_are_ignored_with_a_log_line(
    qtbot: QtBot, ours: Path, theirs: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    window = window_on(qtbot, ours)
    read_to(window, 3, OURS)
    window.open_project(theirs, create=False)
    path = last_closed.places_path()
    if damage == "HUGE":
        path.write_text(json.dumps({"version": 1, "places": ["x" * 10_000_000]}), "utf-8")
    elif damage.startswith("ENTRY:"):
        record = _places()
        assert isinstance(record["places"], list)
        entry = record["places"][0]
        assert entry["project"] == str(ours.resolve()) and isinstance(entry["place"], dict)
        what = damage.removeprefix("ENTRY:")
        if what == "caret":
            entry["place"]["caret"] = -5
        elif what == "hash":
            entry["content_hash"] = "not a hash"
        elif what == "selection":
            entry["place"]["selection"] = [OURS[0], 10**8]  # past the end of the article
        else:
            entry["extra"] = True
        path.write_text(json.dumps(record), "utf-8")
    else:
        path.write_text(damage, "utf-8")
    with caplog.at_level(logging.WARNING, logger="annotator.services.last_closed"):
        open_recent(qtbot, window, ours)
    assert shown(window) == (2, None)
    if damage != "ENTRY:selection":  # well formed: only the article's own length refuses it
        assert any("kept places" in r.getMessage() for r in caplog.records)
    read_to(window, 4, THEIRS)  # and the next close writes a sound record again
    open_recent(qtbot, window, theirs)
    open_recent(qtbot, window, ours)
    assert shown(window) == (4, THEIRS)
    window.close()


def test_the_eleventh_project_drops_the_oldest(qtbot: QtBot, tmp_path: Path, ours: Path) -> None:
    window = window_on(qtbot, ours)
    read_to(window, 3, OURS)
    others = []
    for number in range(10):
        other = make_project(tmp_path / f"p{number}.annotator.db", [("Only", f"Article number {number}.")])
        window.open_project(other, create=False)  # the one before it keeps its place
        window.view.select_span(0, 7)
        others.append(other)
    window.close()
    entries = _entries()
    assert len(entries) == last_closed.MAX_PLACES
    assert [e["project"] for e in entries] == [str(p.resolve()) for p in reversed(others)]
    assert last_closed.kept_place(ours) is None  # the oldest, dropped
    kept = last_closed.kept_place(others[0])
    assert kept is not None and kept.place.selection == (0, 7)


def test_a_long_article_s_place_is_kept(qtbot: QtBot, tmp_path: Path, ours: Path) -> None:
    """Over 500,000 characters the close record is not written (its text is the first paint's,
    which would not be the slow part); the place needs no text, only its hash."""
    (_, one), (_, two) = wikinews_texts()
    long_text = "\n\n".join([one, two] * (1 + last_closed.MAX_TEXT_CHARS // (len(one) + len(two))))
    assert len(long_text) > last_closed.MAX_TEXT_CHARS
    long = make_project(tmp_path / "long.annotator.db", [("Short", one), ("Long", long_text)], analyse=False)
    window = window_on(qtbot, long)
    spot = (len(long_text) - 2000, len(long_text) - 1990)
    read_to(window, 2, spot)
    window.close()
    assert last_closed.left_at(long) is None  # no close record: the text is too long for it
    window = window_on(qtbot, long)
    assert shown(window) == (2, spot)
    window.close()
