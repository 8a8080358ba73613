"""Opening a project no record matches: its article painted first, read from the checked file.

The window has closed another project before (so the window's part of that close is recorded,
`services.last_closed`), and this one has no record: never opened here, closed elsewhere, or
changed since. The start reads the article the open will show from the file, after the checks
the open makes before it reads a row (`store.first_page`), and paints it on the page the window
had at that close; the window is built in its place and opens the project with every check.
These tests drive that path as the `annotator` command takes it (`cli.first_paint_record`):
what it paints and that nothing moves, that keys pressed on it act, that a hostile file gets no
first paint and today's message, and the starts it leaves to the checked start.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.cli import first_paint_record
from annotator.core.errors import ProjectFileError
from annotator.core.model import ArticleStatus
from annotator.core.settings import Settings
from annotator.core.text import content_hash
from annotator.services import last_closed
from annotator.services.project import store_of
from annotator.services.settings import save_settings
from annotator.store.lock import InstanceLock
from annotator.store.schema import SCHEMA_VERSION
from annotator.ui.app import start_checked
from annotator.ui.main_window import MainWindow
from annotator.ui.quick_start import start_reopened
from tests.security.conftest import make_project as make_small_project
from tests.security.conftest import raw, snapshot, stale_claims_index
from tests.security.test_project_files import HOSTILE
from tests.store.old_files import schema_at
from tests.ui.conftest import wait_opened
from tests.ui.error_boxes import assert_plain
from tests.ui.test_quick_start import (
    BROKEN_MAXIMIZED,
    close_once,
    keys_act_once_built,
    nothing_moves,
    watch_the_built_window,
)


def seen_another(qtbot: QtBot, project: Path, tmp_path: Path, *, maximized: bool = False) -> None:
    """The window opened and closed another project (a copy of `project`) cleanly before."""
    other = tmp_path / "other" / project.name
    other.parent.mkdir()
    shutil.copyfile(project, other)
    close_once(qtbot, other, maximized=maximized)
    assert last_closed.reopened(project) is None  # no record of `project` itself


def start(qtbot: QtBot, args: list[str]) -> MainWindow:
    """The window as `annotator ARGS` starts it, its event loop left to qtbot."""
    record = first_paint_record(args)
    assert record is not None, "the first paint of a first open"
    window = start_reopened(record)
    qtbot.addWidget(window)
    return window


def test_a_first_open_paints_the_article_the_window_opens_and_nothing_moves(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_project(project_path, create=False) as project:
        store_of(project).set_status(1, ArticleStatus.DONE)  # the window opens the first not done
    seen_another(qtbot, project_path, tmp_path)
    frames = watch_the_built_window(monkeypatch)
    window = start(qtbot, [str(project_path)])
    preview = window._preview
    assert preview is not None and window.project is None and not window.start_finished
    assert preview.record.article_id == 2 and preview.record.project == project_path.resolve()
    with open_project(project_path, create=False) as project:
        shown = project.article(2)
    assert preview.view.toPlainText() == shown.text.replace("\xa0", " ")  # as Qt gives it back
    assert window.windowTitle() == "test.annotator.db — Annotator (tester)"
    frames.watch(preview.view)
    nothing_moves(qtbot, window, frames, tmp_path)
    assert window.article is not None and window.article.article.id == 2
    window.close()
    assert last_closed.reopened(project_path) is not None  # the next start is a reopening


def test_a_maximized_first_open_paints_the_article_first_and_nothing_moves(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen_another(qtbot, project_path, tmp_path, maximized=True)
    frames = watch_the_built_window(monkeypatch)
    window = start(qtbot, [str(project_path)])
    preview = window._preview
    assert preview is not None and preview.record.maximized is not None and window.project is None
    frames.watch(preview.view)
    nothing_moves(qtbot, window, frames, tmp_path)
    assert window.isMaximized() and (window.width(), window.height()) == preview.record.window_size
    assert window.splitter.sizes() == list(preview.record.pane_widths)
    window.close()


def test_keys_pressed_on_a_maximized_first_paint_act_once_the_window_is_built(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    seen_another(qtbot, project_path, tmp_path, maximized=True)
    keys_act_once_built(qtbot, start(qtbot, [str(project_path)]))


def test_keys_pressed_on_the_first_paint_act_once_the_window_is_built(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    seen_another(qtbot, project_path, tmp_path)
    keys_act_once_built(qtbot, start(qtbot, [str(project_path)]))


def _craft(sql: str) -> Callable[[Path], None]:
    def craft(path: Path) -> None:
        conn = raw(path)
        conn.executescript(sql)
        conn.close()

    return craft


def _not_sqlite(path: Path) -> None:
    path.write_text("Not a project, though its name says so.\n", "utf-8")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "trigger": _craft(HOSTILE["rewrite on done"]),
    "view": _craft(HOSTILE["view for a table"]),
    "bad schema": _craft(HOSTILE["weakened check"]),
    "extra table": _craft(HOSTILE["extra table"]),
    "stale index": stale_claims_index,
    "not SQLite": _not_sqlite,
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_hostile_file_gets_no_first_paint_and_the_usual_message(
    qtbot: QtBot, project_path: Path, tmp_path: Path, damage: str
) -> None:
    seen_another(qtbot, project_path, tmp_path)
    folder = tmp_path / "hostile"
    folder.mkdir()
    hostile = make_small_project(folder / "hostile.annotator.db")
    DAMAGES[damage](hostile)
    before = snapshot(hostile)
    assert first_paint_record([str(hostile)]) is None  # refused before a row was read: no preview
    assert snapshot(hostile) == before and sorted(p.name for p in folder.iterdir()) == [hostile.name]
    with pytest.raises(ProjectFileError) as refused:
        open_project(hostile, create=False)
    # The checked start that follows, as `annotator hostile.annotator.db` runs it.
    window = start_checked(hostile)
    qtbot.addWidget(window)
    wait_opened(qtbot, window)  # checked in the pool, then refused by the window's open in its words
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.detailedText() == str(refused.value)
    assert_plain(box, hostile)
    assert window.project is None and window.article is None and window.view.toPlainText() == ""
    assert snapshot(hostile) == before
    box.close()
    window.close()


def _held_by_another_window(path: Path) -> Callable[[], None]:
    lock = InstanceLock(path)
    lock.acquire()
    return lambda: lock.release()


def _being_written(path: Path) -> Callable[[], None]:
    wal = Path(f"{path}-wal")
    wal.write_bytes(b"x" * 100)  # changes not yet in the file
    return lambda: wal.unlink()


def _no_article(path: Path) -> Callable[[], None]:
    path.unlink()
    open_project(path).close()
    return lambda: None


def _read_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    # As the user sees it: the tests may run as root, who may write anything.
    import annotator.store.first_page as first_page

    real = os.access
    monkeypatch.setattr(first_page.os, "access", lambda p, mode: mode != os.W_OK and real(p, mode))
    return lambda: None


def _older_schema(path: Path) -> Callable[[], None]:
    """The project as the previous release left it: the open migrates it before it reads a row."""
    path.unlink()
    conn = raw(path)
    schema_at(conn, SCHEMA_VERSION - 1)
    text = "An article of the release before."
    conn.execute(
        "INSERT INTO articles(id, content_hash, text, created_at, updated_at) VALUES (1, ?, ?, 't', 't')",
        (content_hash(text), text),
    )
    conn.close()
    return lambda: None


def _settings_changed(path: Path) -> Callable[[], None]:
    save_settings(Settings(annotator="tester", theme="dark"))
    return lambda: None


def _no_window_record(path: Path) -> Callable[[], None]:
    last_closed.window_record_path().unlink()
    return lambda: None


@pytest.mark.parametrize(
    "situation",
    [
        "held by another window",
        "being written",
        "no article",
        "older schema",
        "read-only",
        "settings changed",
        "first run",
    ],
)
def test_what_the_first_paint_leaves_to_the_checked_start(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, situation: str
) -> None:
    seen_another(qtbot, project_path, tmp_path)
    assert first_paint_record([str(project_path)]) is not None  # as it is
    setups = {
        "held by another window": _held_by_another_window,
        "being written": _being_written,
        "no article": _no_article,
        "older schema": _older_schema,
        "read-only": lambda path: _read_only(path, monkeypatch),
        "settings changed": _settings_changed,
        "first run": _no_window_record,
    }
    undo = setups[situation](project_path)
    try:
        assert first_paint_record([str(project_path)]) is None
    finally:
        undo()


def test_a_sample_project_not_yet_made_is_left_to_the_checked_start(qtbot: QtBot, tmp_path: Path) -> None:
    # `annotator --sample` on a first run: the sample is made by the checked start (after the
    # name dialog when there is no name yet); there is nothing to read before.
    from annotator.services.paths import sample_project_file

    close_once(qtbot, make_small_project(tmp_path / "other.annotator.db"))
    assert not sample_project_file().exists()
    assert first_paint_record(["--sample"]) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: "not json",
        lambda r: json.dumps({**r, "version": 2}),
        lambda r: json.dumps({**r, "font_size": 1000}),
        lambda r: json.dumps({**r, "theme": "neon"}),
        lambda r: json.dumps({**r, "pane_widths": [1, -2, 3]}),
        lambda r: json.dumps({**r, "window_size": [1, 2, 3]}),
        lambda r: json.dumps({**r, "annotator": ""}),
        lambda r: json.dumps({**r, "recent_projects": [5]}),
        *BROKEN_MAXIMIZED,
    ],
)
def test_a_broken_or_hostile_window_record_is_no_first_paint(
    qtbot: QtBot, project_path: Path, tmp_path: Path, damage: Callable[[dict[str, object]], str]
) -> None:
    seen_another(qtbot, project_path, tmp_path)
    path = last_closed.window_record_path()
    record = json.loads(path.read_text("utf-8"))
    assert "text" not in record and "project" not in record  # the window's part only
    path.write_text(damage(record), "utf-8")
    assert first_paint_record([str(project_path)]) is None


def test_the_garbage_collector_waits_for_the_first_paint_only(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import annotator.ui.quick_start as quick_start
    from annotator import cli

    seen_another(qtbot, project_path, tmp_path)
    states: list[bool] = []

    def run(record: last_closed.Reopened, *, before_build: Callable[[], None] | None = None) -> int:
        states.append(gc.isenabled())  # the first paint
        assert before_build is not None
        before_build()  # the second step
        states.append(gc.isenabled())
        return 0

    monkeypatch.setattr(quick_start, "run_reopened", run)
    assert cli.main([str(project_path)]) == 0
    assert states == [False, True] and gc.isenabled()
    last_closed.window_record_path().unlink()  # no first paint: the checked start, collecting
    opened: list[bool] = []
    monkeypatch.setattr(
        cli, "SUBCOMMANDS", {**cli.SUBCOMMANDS, "open": lambda args: opened.append(gc.isenabled()) or 0}
    )
    assert cli.main([str(project_path)]) == 0
    assert opened == [True] and states == [False, True]


def _forge_text(path: Path) -> None:
    """The article's text changed outside the app: the schema and indexes pass every structural
    check, and only the row rules (`store.rows.check_article`: its hash) refuse it."""
    conn = raw(path)
    conn.execute("UPDATE articles SET text = 'Forged. ' || text")
    conn.close()


def test_a_forged_article_shown_first_is_taken_down_with_the_usual_message(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    seen_another(qtbot, project_path, tmp_path)
    forged = make_small_project(tmp_path / "forged.annotator.db")
    _forge_text(forged)
    before = snapshot(forged)
    record = first_paint_record([str(forged)])
    assert record is not None and record.text.startswith("Forged. ")  # the structure passes
    window = start_reopened(record)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "content_hash is not the hash of its text" in box.detailedText()
    assert_plain(box, forged)
    # Nothing of the refused row stays on screen, and the file is as it was.
    assert window.article is None
    assert "Forged." not in window.view.toPlainText()
    assert snapshot(forged)[""] == before[""]  # the file itself (the open keeps its lock and log)
    box.close()
    window.close()
