"""Reopening the project closed last: its article painted first, the window built in its place.

A clean close records the article a start opens the project on (`services.last_closed`); the
next start on the same, unchanged file paints that page before the rest of the program loads
(`ui.quick_start`), then builds the window and opens the project with every check. These
tests drive that path with real windows: what the record holds and when it is refused, that
the text does not move when the window is built, that keys pressed on the preview act, that a
refused file leaves the usual message, and what the first paint may import.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QPixmap, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from annotator import cli
from annotator.core.model import ClaimLabel
from annotator.core.settings import Settings
from annotator.services import last_closed
from annotator.services.settings import load_settings, save_settings
from annotator.ui.main_window import MainWindow
from annotator.ui.quick_start import Preview, start_reopened
from annotator.ui.reading import ReadingView
from annotator.ui.theme import apply_theme
from tests.ui.conftest import make_project, wikinews_texts
from tests.ui.test_startup_imports import NOT_BEFORE_FIRST_PAINT

ROOT = Path(__file__).resolve().parents[2]
QWIDGETSIZE_MAX = (1 << 24) - 1


def close_once(
    qtbot: QtBot, project: Path, *, theme: str = "system", maximized: bool = False
) -> last_closed.Reopened:
    """Open `project` in a full window and close it, as a person does; the record it leaves."""
    save_settings(Settings(annotator="tester", theme=theme))
    window = MainWindow(load_settings())
    qtbot.addWidget(window)
    window.resize(780, 700)  # within the offscreen screen, which a restored window must fit in
    if maximized:
        window.showMaximized()
    else:
        window.show()
    window.open_project(project)
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    window.close()
    record = last_closed.reopened(project)
    assert record is not None
    return record


def reopen(qtbot: QtBot, record: last_closed.Reopened) -> MainWindow:
    window = start_reopened(record)
    qtbot.addWidget(window)
    return window


def in_window(widget: QWidget, rect: QRect) -> QRect:
    return QRect(widget.mapTo(widget.window(), rect.topLeft()), rect.size())


def first_line(view: QPlainTextEdit) -> QRect:
    """Where the text's first character is drawn, in the window's coordinates."""
    cursor = QTextCursor(view.document())
    return in_window(view.viewport(), view.cursorRect(cursor))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_clean_close_records_the_article_a_start_opens(qtbot: QtBot, project_path: Path) -> None:
    record = close_once(qtbot, project_path)
    assert (record.title, record.annotator) == ("Dozens dead in California boat fire", "tester")
    assert record.text.startswith("Wednesday, September 4, 2019")
    assert last_closed.reopening([str(project_path)]) == record
    assert last_closed.reopening([]) == record  # the most recent project
    assert last_closed.reopening(["open", str(project_path)]) == record
    for other in (["--self-test"], [str(project_path), "--sample"], ["--sample"]):
        assert last_closed.reopening(other) is None


def test_a_start_whose_last_project_is_gone_previews_no_older_one(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    """The first paint showed the next recent project's article, and the window opened it:
    a person took its articles for their lost work, or labelled the wrong project. The
    checked start says where the last one was instead."""
    newest = make_project(tmp_path / "newest.annotator.db", wikinews_texts()[:1])
    save_settings(Settings(annotator="tester"))
    window = MainWindow(load_settings())
    qtbot.addWidget(window)
    window.resize(780, 700)
    window.show()
    for project in (project_path, newest):
        window.open_project(project)
        qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    window.close()
    assert load_settings().recent_projects == (str(newest.resolve()), str(project_path.resolve()))
    found = last_closed.first_opening([])
    assert found is not None and found[0] == newest.resolve()
    newest.unlink()
    assert last_closed.reopening([]) is None
    assert last_closed.first_opening([]) is None
    assert cli.first_paint_record([]) is None
    assert last_closed.first_opening([str(project_path)]) is not None  # named, it is still previewed


def test_a_project_written_since_its_close_is_not_previewed(qtbot: QtBot, project_path: Path) -> None:
    close_once(qtbot, project_path)
    before = os.stat(project_path)
    db = sqlite3.connect(project_path)  # a write that puts the old mtime back
    with db:
        db.execute("PRAGMA user_version = 999")
    db.close()  # the last connection: its log goes into the file, so only the file tells
    assert not Path(f"{project_path}-wal").exists()
    os.utime(project_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(project_path)
    same = ("st_size", "st_mtime_ns", "st_ino", "st_dev")
    assert [getattr(after, key) for key in same] == [getattr(before, key) for key in same]
    assert last_closed.reopened(project_path) is None  # its ctime moved


def test_a_replaced_project_and_a_changed_settings_file_are_not_previewed(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    close_once(qtbot, project_path)
    twin = tmp_path / "twin.annotator.db"
    shutil.copy2(project_path, twin)
    os.replace(twin, project_path)  # same bytes and mtime, another file
    assert last_closed.reopened(project_path) is None

    close_once(qtbot, project_path)
    save_settings(Settings(annotator="tester", theme="dark"))
    assert last_closed.reopened(project_path) is None

    close_once(qtbot, project_path)
    Path(f"{project_path}-wal").write_bytes(b"x" * 100)  # changes not yet in the file
    assert last_closed.reopened(project_path) is None


def _maximized(screen: object = "eDP-1", available: object = (0, 0, 1920, 1048)) -> dict[str, object]:
    return {"screen": screen, "available": list(available) if isinstance(available, tuple) else available}


BROKEN_MAXIMIZED: list[Callable[[dict[str, object]], str]] = [
    lambda r: json.dumps({**r, "maximized": True}),
    lambda r: json.dumps({**r, "maximized": _maximized(screen=5)}),
    lambda r: json.dumps({**r, "maximized": _maximized(screen="x" * 300)}),
    lambda r: json.dumps({**r, "maximized": _maximized(screen="eDP\x00")}),
    lambda r: json.dumps({**r, "maximized": _maximized(available=(0, 0, 1920))}),
    lambda r: json.dumps({**r, "maximized": _maximized(available=(0, 0, 0, 1048))}),
    lambda r: json.dumps({**r, "maximized": _maximized(available=(0, 0, -1920, 1048))}),
    lambda r: json.dumps({**r, "maximized": _maximized(available=(0, 0, 10**9, 1048))}),
    lambda r: json.dumps({**r, "maximized": _maximized(available=(0, True, 1920, 1048))}),
    lambda r: json.dumps({**r, "maximized": _maximized(available=(0.5, 0, 1920, 1048))}),
    lambda r: json.dumps({**r, "maximized": {**_maximized(), "extra": 1}}),
]
"""Broken `maximized` fields, for the project's record and the window's."""


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: "not json",
        lambda r: json.dumps([r]),
        lambda r: json.dumps({**r, "version": 2}),
        lambda r: json.dumps({**r, "text": 5}),
        lambda r: json.dumps({**r, "text": "x" * (last_closed.MAX_TEXT_CHARS + 1)}),
        lambda r: json.dumps({**r, "font_size": 1000}),
        lambda r: json.dumps({**r, "font_size": True}),
        lambda r: json.dumps({**r, "theme": "neon"}),
        lambda r: json.dumps({**r, "identity": [1, 2, 3]}),
        lambda r: json.dumps({**r, "pane_widths": [1, -2, 3]}),
        lambda r: json.dumps({**r, "project": "relative.annotator.db"}),
        lambda r: json.dumps({**r, "title": "a\x00b"}),
        lambda r: json.dumps({**r, "desktop_font": ["Sans", 30]}),
        lambda r: json.dumps({**r, "desktop_font": "Sans," * 1000}),
        lambda r: "[" * 100_000,
        *BROKEN_MAXIMIZED,
    ],
)
def test_a_broken_or_hostile_record_is_no_preview(qtbot: QtBot, project_path: Path, damage: object) -> None:
    close_once(qtbot, project_path)
    path = last_closed.record_path()
    record = json.loads(path.read_text("utf-8"))
    path.write_text(damage(record), "utf-8")  # type: ignore[operator]
    assert last_closed.reopened(project_path) is None
    assert last_closed.reopening([]) is None


class Frames(QObject):
    """What each paint of a reading view's page drew where: the page, the title, the first line."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, bool, QRect, QRect, QRect]] = []
        self.grabs: list[QPixmap] = []

    def watch(self, view: ReadingView) -> None:
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = watched.parent()
        if event.type() == QEvent.Type.Paint and isinstance(view, ReadingView):
            window = view.window()
            assert isinstance(window, MainWindow)
            self.seen.append(
                (
                    type(view).__name__,
                    window.start_finished,
                    in_window(view, view.viewport().geometry()),
                    in_window(view, view._title_widget.geometry()),
                    first_line(view),
                )
            )
            if len(self.seen) == 1:  # the preview's frame, before the rest is built
                QTimer.singleShot(0, window, lambda: self.grabs.append(window.grab()))
        return False


@pytest.fixture
def themed() -> Iterator[Callable[[str], None]]:
    """Applies a theme as `run_reopened` does before the window; the platform's look after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield lambda name: apply_theme(app, name)
    apply_theme(app, "system")


@pytest.mark.parametrize("theme_name", ["system", "dark"])
def test_the_first_paint_shows_the_article_and_nothing_moves_when_the_window_is_built(
    qtbot: QtBot,
    project_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    themed: Callable[[str], None],
    theme_name: str,
) -> None:
    # In the dark theme too: the preview's page is the full view's, no flash of another colour.
    themed(theme_name)
    record = close_once(qtbot, project_path, theme=theme_name)
    assert record.theme == theme_name
    frames = watch_the_built_window(monkeypatch)
    window = reopen(qtbot, record)
    assert not window.start_finished and window.project is None
    preview = window._preview
    assert preview is not None
    assert preview.view.toPlainText() == record.text.replace("\xa0", " ")  # as Qt gives it back
    assert window.windowTitle() == "test.annotator.db — Annotator (tester)"
    frames.watch(preview.view)
    nothing_moves(qtbot, window, frames, tmp_path)
    assert window.article is not None and window.article.article.id == record.article_id
    assert window.windowTitle() == "test.annotator.db — Annotator (tester)"
    window.close()


def watch_the_built_window(monkeypatch: pytest.MonkeyPatch) -> Frames:
    """Frames that will follow the full view too, from before its first paint."""
    frames = Frames()
    build = MainWindow._finish_reopening

    def build_and_watch(
        window: MainWindow, record: last_closed.Reopened, preview: Preview | None, **opening: Any
    ) -> None:
        build(window, record, preview, **opening)
        frames.watch(window.view)  # before its first paint

    monkeypatch.setattr(MainWindow, "_finish_reopening", build_and_watch)
    return frames


def nothing_moves(qtbot: QtBot, window: MainWindow, frames: Frames, tmp_path: Path) -> None:
    """Wait for the window built after its preview; no frame moved the page, the title or the text."""
    qtbot.waitUntil(lambda: window.start_finished and window.article is not None and len(frames.seen) >= 2)
    (kind, built, page, title, line) = frames.seen[0]
    assert (kind, built) == ("ReadingView", False)
    previews = [frame for frame in frames.seen if frame[0] == "ReadingView"]
    after = frames.seen[len(previews) :]
    assert after and all(frame[:2] == ("ArticleView", True) for frame in after)
    # Every frame the full view draws has the page, the title and the first line where the
    # preview had them: nothing moves, not even for one frame.
    assert [frame[2:] for frame in frames.seen] == [(page, title, line)] * len(frames.seen)
    before, now = frames.grabs[0], window.grab()
    before.save(str(tmp_path / "before.png"))
    now.save(str(tmp_path / "after.png"))
    # The title has no highlights: the preview drew it pixel for pixel as the label does.
    assert before.copy(title).toImage() == now.copy(title).toImage()
    # So does the page's margin left of the text, where only quotation bars may appear later:
    # down to the first paragraph with a quotation, if the page shows one.
    margin = QRect(page.left(), page.top(), line.left() - page.left() - 6, page.height())
    margin.setBottom(min(margin.bottom(), first_quoted_paragraph(window) - 1))
    assert margin.width() > 0
    assert before.copy(margin).toImage() == now.copy(margin).toImage()


def first_quoted_paragraph(window: MainWindow) -> int:
    """The top, in the window's coordinates, of the first paragraph with a quotation (its bar)."""
    from annotator.ui.offsets import utf16_length

    assert window.article is not None
    text = window.article.article.text
    starts = [quote.start for quote in window.article.quotes]
    if not starts:
        return QWIDGETSIZE_MAX
    view = window.view
    cursor = QTextCursor(view.document().findBlock(utf16_length(text[: min(starts)])))
    return in_window(view.viewport(), view.cursorRect(cursor)).top()


def test_keys_pressed_on_the_preview_act_once_the_window_is_built(qtbot: QtBot, project_path: Path) -> None:
    keys_act_once_built(qtbot, reopen(qtbot, close_once(qtbot, project_path)))


def keys_act_once_built(qtbot: QtBot, window: MainWindow) -> None:
    """J and 1 pressed on the preview label the first candidate once the window is built."""
    preview = window._preview
    assert preview is not None
    QTest.keyClick(preview.view, Qt.Key.Key_J)  # the first candidate
    QTest.keyClick(preview.view, Qt.Key.Key_1)  # labelled factual
    assert not window.start_finished and window.project is None
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    assert window.project is not None and window.article is not None
    first = min(window.article.candidates, key=lambda c: (c.start, c.end))
    claims = window.project.claims(preview.record.article_id)
    assert [(c.start, c.end, c.label, c.annotator) for c in claims] == [
        (first.start, first.end, ClaimLabel.FACTUAL, "tester")
    ]
    window.close()


@pytest.mark.parametrize("size", ["as at close", "another"])
def test_a_file_the_checked_open_refuses_loses_its_preview_and_is_not_written(
    qtbot: QtBot, project_path: Path, tmp_path: Path, size: str
) -> None:
    # The record is as untrusted as the settings: here it names a file with a trigger in it,
    # as if it had been written for that file. The preview shows the record's text; the
    # checked open refuses the file; nothing of it was read before, and nothing is written.
    close_once(qtbot, project_path)
    hostile = tmp_path / "hostile.annotator.db"
    shutil.copyfile(project_path, hostile)
    with sqlite3.connect(hostile) as db:
        db.execute("CREATE TRIGGER t AFTER INSERT ON claims BEGIN DELETE FROM claims; END")
    db.close()
    path = last_closed.record_path()
    record = json.loads(path.read_text("utf-8"))
    record |= {"project": str(hostile.resolve()), "identity": last_closed._identity(hostile)}
    path.write_text(json.dumps(record), "utf-8")
    digest = sha(hostile)
    previewed = last_closed.reopened(hostile)
    assert previewed is not None
    if size == "another":  # no preview: the window built first, its file checked in the pool
        previewed = previewed._replace(window_size=(1200, 900))

    window = reopen(qtbot, previewed)
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "hostile.annotator.db" in box.text()
    assert window.project is None and window.article is None
    assert window.centre.currentWidget() is window.centre.empty  # New and Open, not the article
    assert window.view.toPlainText() == ""
    assert window.windowTitle() == "Annotator (tester)"
    assert sha(hostile) == digest
    assert not path.exists()  # the record that led there is dropped
    box.close()
    window.close()


def close_full_screen(qtbot: QtBot, project: Path) -> last_closed.Reopened:
    """As `close_once`, the window full screen: the record of a window of no recorded screen."""
    save_settings(Settings(annotator="tester"))
    window = MainWindow(load_settings())
    qtbot.addWidget(window)
    window.showFullScreen()
    window.open_project(project)
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    window.close()
    record = last_closed.reopened(project)
    assert record is not None and record.maximized is None
    return record


def another_screen(
    record: last_closed.Reopened,
    *,
    screen: str | None = None,
    available: tuple[int, int, int, int] | None = None,
) -> last_closed.Reopened:
    """`record` as if the window had been maximized on another screen at close."""
    was = record.maximized
    assert was is not None
    return record._replace(maximized=last_closed.Maximized(screen or was.screen, available or was.available))


@pytest.mark.parametrize("change", ["size", "screen area", "screen name", "full screen"])
def test_a_window_of_another_size_than_at_close_is_built_before_its_first_paint(
    qtbot: QtBot, project_path: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The recorded sizes hold for the window's size at close; another screen may change it. A
    # maximized window is given its size when it is mapped: the size at close holds on a screen
    # of the same name and available geometry only; a full-screen window is always built first.
    if change == "size":
        record = close_once(qtbot, project_path)._replace(window_size=(1200, 900))
    elif change == "screen area":
        record = another_screen(close_once(qtbot, project_path, maximized=True), available=(0, 0, 1024, 768))
    elif change == "screen name":
        record = another_screen(close_once(qtbot, project_path, maximized=True), screen="HDMI-2")
    else:
        record = close_full_screen(qtbot, project_path)
    checked_on = checks_made_on(monkeypatch)
    window = reopen(qtbot, record)
    # Its file checked in the pool, as at the checked start: on the window's thread the checks
    # kept the window off the screen as long; its first paint says what it opens.
    assert window._preview is None and window.project is None and window.opening
    assert window.centre.currentWidget() is window.centre.empty
    assert window.centre.empty.heading.text() == f"Opening {project_path.name}…"
    qtbot.waitUntil(lambda: window.article is not None, timeout=20_000)
    assert window.article is not None and window.article.article.id == record.article_id
    assert window.centre.currentWidget() is window.centre.reading
    assert checked_on == ["pool"]
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    window.close()


def checks_made_on(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """For each file the window's opening checks before it opens it: on which thread."""
    from annotator.services import project as project_service

    window_thread = threading.current_thread()
    made: list[str] = []
    real = project_service.check_before_opening

    def recorded(path: str | Path) -> object:
        made.append("window" if threading.current_thread() is window_thread else "pool")
        return real(path)

    monkeypatch.setattr(project_service, "check_before_opening", recorded)
    return made


def test_a_maximized_close_records_the_screen_that_gave_its_size(qtbot: QtBot, project_path: Path) -> None:
    assert close_once(qtbot, project_path).maximized is None
    record = close_once(qtbot, project_path, maximized=True)
    screen = QApplication.primaryScreen()
    area = screen.availableGeometry()
    assert record.maximized == last_closed.Maximized(
        screen.name(), (area.x(), area.y(), area.width(), area.height())
    )
    assert record.window_size[0] <= area.width() and record.window_size[1] <= area.height()


def test_a_maximized_window_paints_its_article_first_and_nothing_moves(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = close_once(qtbot, project_path, maximized=True)
    frames = watch_the_built_window(monkeypatch)
    window = reopen(qtbot, record)
    preview = window._preview
    assert preview is not None and not window.start_finished and window.project is None
    frames.watch(preview.view)
    nothing_moves(qtbot, window, frames, tmp_path)
    assert window.isMaximized() and (window.width(), window.height()) == record.window_size
    assert window.article is not None and window.article.article.id == record.article_id
    # The panes as at the close, in the preview's first frame and in the built window.
    assert window.splitter.sizes() == list(record.pane_widths)
    window.close()


def test_a_maximized_preview_laid_out_at_its_normal_size_first_is_laid_out_again_before_its_paint(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On X the window is laid out at its normal size when it is shown, and the window manager's
    # size comes with the map: the panes are set again on the expose, before anything is drawn.
    # (Offscreen, `show` takes the maximized size at once; the layout is made to come first here.)
    record = close_once(qtbot, project_path, maximized=True)
    frames = watch_the_built_window(monkeypatch)
    window = MainWindow(reopened=record)
    qtbot.addWidget(window)
    preview = window._preview
    assert preview is not None and window.width() < record.window_size[0]  # the normal size
    layout = window.layout()
    assert layout is not None
    layout.activate()
    assert preview.splitter_sizes() != list(record.pane_widths)
    frames.watch(preview.view)
    window.show()
    nothing_moves(qtbot, window, frames, tmp_path)
    assert window.splitter.sizes() == list(record.pane_widths)
    window.close()


def test_keys_pressed_on_a_maximized_preview_act_once_the_window_is_built(
    qtbot: QtBot, project_path: Path
) -> None:
    keys_act_once_built(qtbot, reopen(qtbot, close_once(qtbot, project_path, maximized=True)))


def test_a_maximized_window_mapped_at_another_size_is_built_before_its_first_paint(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same screen, but the window manager gives another size (another theme's title bar):
    # the preview's page is never drawn at a size its pane widths were not made for.
    record = close_once(qtbot, project_path, maximized=True)
    width, height = record.window_size
    record = record._replace(window_size=(width, height - 30))
    frames = watch_the_built_window(monkeypatch)
    window = reopen(qtbot, record)
    preview = window._preview
    assert preview is not None  # the same screen: previewed, until the window is mapped
    frames.watch(preview.view)
    qtbot.waitUntil(lambda: window.start_finished and window.article is not None and len(frames.seen) >= 1)
    assert (window.width(), window.height()) == (width, height)
    assert frames.seen and all(frame[0] == "ArticleView" for frame in frames.seen)
    assert window.article is not None and window.article.article.id == record.article_id
    window.close()


class ResizeAfterFirstFrame(QObject):
    """Resizes the window after the preview's first frame, before the posted build runs."""

    def __init__(self, window: MainWindow, size: tuple[int, int]) -> None:
        super().__init__()
        self.window, self.size = window, size
        self.built_at_once: bool | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.built_at_once is None:
            self.built_at_once = False
            watched.removeEventFilter(self)
            # Before the build the first paint posted at low priority.
            QApplication.postEvent(self, QEvent(QEvent.Type.User), Qt.EventPriority.HighEventPriority.value)
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User:
            assert not self.window.start_finished and self.window._preview is not None
            self.window.resize(*self.size)
            self.built_at_once = self.window._preview is None and self.window.project is not None
            return True
        return super().event(event)


def test_a_maximized_preview_resized_before_the_window_is_built_is_replaced_at_once(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = close_once(qtbot, project_path, maximized=True)
    frames = watch_the_built_window(monkeypatch)
    window = reopen(qtbot, record)
    preview = window._preview
    assert preview is not None
    frames.watch(preview.view)
    resize = ResizeAfterFirstFrame(window, (record.window_size[0] - 100, record.window_size[1] - 100))
    preview.view.viewport().installEventFilter(resize)
    qtbot.waitUntil(lambda: window.start_finished and window.article is not None and len(frames.seen) >= 2)
    assert resize.built_at_once is True
    # One frame of the preview, at the recorded size; every later one is the built window's.
    assert [frame[:2] for frame in frames.seen[:2]] == [("ReadingView", False), ("ArticleView", False)]
    assert all(frame[0] == "ArticleView" for frame in frames.seen[1:])
    window.close()


def test_closing_the_preview_builds_nothing_and_opens_nothing(qtbot: QtBot, project_path: Path) -> None:
    record = close_once(qtbot, project_path)
    window = reopen(qtbot, record)
    window.close()
    qtbot.wait(50)
    assert window.project is None and window._preview is not None


# The first paint of a reopened project, started as the `annotator` command does: the modules
# loaded by then. Everything else (the domain model, the store, SQLite, the window's parts)
# loads right after it.
FIRST_PAINT_CHILD = r"""
import json, sys
import annotator.cli as cli
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import annotator.ui.quick_start as quick_start

seen = []

def report():
    print(json.dumps(sorted(sys.modules)), flush=True)

class Watch(QObject):
    def eventFilter(self, obj, event):
        if not seen and event.type() == QEvent.Type.Paint and not obj.parent().document().isEmpty():
            seen.append(1)
            report()
            QTimer.singleShot(0, lambda: (QApplication.instance().topLevelWidgets()[0].close(),
                                          QApplication.instance().quit()))
        return False

start = quick_start.start_reopened

def watched(record, **options):
    window = start(record, **options)
    window._watch = Watch()
    window._preview.view.viewport().installEventFilter(window._watch)
    return window

quick_start.start_reopened = watched
sys.exit(cli.main([sys.argv[1]]))
"""

FIRST_PAINT_MAY_IMPORT = {
    "annotator",
    "annotator.cli",
    "annotator.core",
    "annotator.core.errors",
    "annotator.core.bidi",  # a file name isolated in the window's title (standard library only)
    "annotator.core.offsets",  # what `annotator.ui.offsets` gives the widgets (standard library only)
    "annotator.core.palette",
    "annotator.core.collector",  # the garbage collector's pause, opening an article (gc, threading)
    "annotator.services",
    "annotator.services.paths",
    "annotator.services.window_file",  # window.ini checked before Qt reads it (standard library only)
    "annotator.services.last_closed",
    "annotator.services.regular_files",  # the records are opened without waiting (standard library only)
    "annotator.ui",
    "annotator.ui.system_check",
    "annotator.ui.quick_start",
    "annotator.ui.qt_messages",  # Qt's messages to the log from the start (standard library only)
    "annotator.ui.main_window",
    "annotator.ui.two_step_start",
    "annotator.ui.reading",
    "annotator.ui.offsets",  # the place left at the close, code points to Qt's (standard library only)
    "annotator.ui.theme",
    "annotator.ui.app_events",  # the one application-wide event filter, which the theme switches on
    "annotator.ui.geometry",
}
"""What of the program the first paint of a reopened project may load (besides the standard
library, PySide6 and platformdirs): the domain model, the store, the services and the window's
parts load after it."""

NOT_BEFORE_REOPENED_PAINT = [*NOT_BEFORE_FIRST_PAINT, "sqlite3", "dataclasses"]


def modules_at_first_paint(project_path: Path) -> list[str]:
    """The modules loaded when `annotator PROJECT` paints its article first, in a child process."""
    env = dict(os.environ)  # the platform the record was made on
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_CHILD, str(project_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    loaded: list[str] = json.loads(out.stdout.strip().splitlines()[0])
    return loaded


def test_the_first_paint_of_a_reopened_project_imports_almost_nothing(
    qtbot: QtBot, project_path: Path
) -> None:
    close_once(qtbot, project_path)
    reopened_paint_imports_almost_nothing(project_path)


def test_the_first_paint_of_a_maximized_window_imports_no_more(qtbot: QtBot, project_path: Path) -> None:
    close_once(qtbot, project_path, maximized=True)
    reopened_paint_imports_almost_nothing(project_path)


def reopened_paint_imports_almost_nothing(project_path: Path) -> None:
    loaded = modules_at_first_paint(project_path)
    ours = {m for m in loaded if m == "annotator" or m.startswith("annotator.")}
    assert "annotator.ui.quick_start" in ours  # the reopening path was taken
    assert ours - FIRST_PAINT_MAY_IMPORT == set(), "imported before the first paint (python -X importtime)"
    heavy = [
        m for m in loaded if m in NOT_BEFORE_REOPENED_PAINT or m.split(".")[0] in NOT_BEFORE_REOPENED_PAINT
    ]
    assert heavy == []


FIRST_OPEN_MAY_IMPORT = FIRST_PAINT_MAY_IMPORT | {
    "annotator.core.limits",  # the longest value a column may hold (no imports)
    "annotator.core.reading_order",
    "annotator.services.first_open",
    "annotator.store",
    "annotator.store.checks",
    "annotator.store.first_page",
    "annotator.store.held_files",
    "annotator.store.lock",
    "annotator.store.schema",
}
"""What the first paint of a project no record matches may load besides: the checks the open
makes before it reads a row (SQLite through `store.checks`), and the rule that picks the article.
Not the domain model, the rest of the store (sqlite-utils), nor the services."""

NOT_BEFORE_FIRST_OPEN_PAINT = [*NOT_BEFORE_FIRST_PAINT, "dataclasses", "annotator.core.model"]


def test_the_first_paint_of_a_project_opened_first_imports_only_the_checks(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other" / project_path.name
    other.parent.mkdir()
    shutil.copyfile(project_path, other)
    close_once(qtbot, other)  # the window's part of a close is recorded; this project has no record
    assert last_closed.reopened(project_path) is None
    loaded = modules_at_first_paint(project_path)
    ours = {m for m in loaded if m == "annotator" or m.startswith("annotator.")}
    assert "annotator.store.first_page" in ours  # the first-open path was taken
    assert ours - FIRST_OPEN_MAY_IMPORT == set(), "imported before the first paint (python -X importtime)"
    heavy = [
        m
        for m in loaded
        if m in NOT_BEFORE_FIRST_OPEN_PAINT or m.split(".")[0] in NOT_BEFORE_FIRST_OPEN_PAINT
    ]
    assert heavy == []


def test_after_the_desktop_s_text_grew_the_window_is_built_before_its_first_paint(
    qtbot: QtBot, project_path: Path
) -> None:
    """The record's heights and pane widths were laid out with the desktop's font at close: with
    a larger one since, the preview painted the page at the old places and the built window
    moved the text, the legend and the panes once (its lists' minimums grew with the font).

    The window keeps the width the person gave it: "Opening <name>…" at that font widened the
    no-project page's minimum after the panes were fitted, and the window was built 864 px wide,
    which the close then recorded, so the next start at the old font was not previewed."""
    from tests.ui.conftest import larger_font

    record = close_once(qtbot, project_path)
    assert record.window_size[0] == 780
    with larger_font(1.5):
        window = reopen(qtbot, record)
        try:
            assert window.width() == 780, window.splitter.sizes()  # the list folds instead
            assert window._preview is None and window.opening  # checked in the pool first
            qtbot.waitUntil(lambda: window.article is not None, timeout=20_000)
            assert window.article is not None and window.article.article.id == record.article_id
            assert window.centre.currentWidget() is window.centre.reading
            qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
            assert window.width() == 780, window.splitter.sizes()
        finally:
            window.close()
    window = reopen(qtbot, record)  # the font of the close again: previewed as before
    assert window._preview is not None
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)  # and opened
    window.close()


LONG_TITLE = (
    "President Trump signs executive order on the border wall after a long night of negotiation "
    "in Congress, and Democrats vow to take the order to court"
)


def test_a_title_on_several_lines_stays_where_the_preview_drew_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long title wraps over the text, in the preview as in the full view: same lines, same
    height, so the text below it does not move when the window is built."""
    from tests.ui.conftest import make_project, wikinews_texts

    project = make_project(tmp_path / "long.annotator.db", [(LONG_TITLE, wikinews_texts()[0][1])])
    record = close_once(qtbot, project)
    assert record.title == LONG_TITLE
    frames = watch_the_built_window(monkeypatch)
    window = reopen(qtbot, record)
    preview = window._preview
    assert preview is not None
    previewed = preview.view._title_widget.lines()
    assert len(previewed) >= 2
    frames.watch(preview.view)
    nothing_moves(qtbot, window, frames, tmp_path)
    assert window.view.title.lines() == previewed
    window.close()


def test_a_sign_typed_with_shift_on_the_preview_acts_as_in_the_window(
    qtbot: QtBot, project_path: Path
) -> None:
    """ "?" is Shift+/ on most keyboards, and the desktop's keyboard map gives the window's
    shortcuts "?" for it. The keys kept on the preview were matched to the actions as pressed,
    "Shift+?": "?" pressed as the project reopened showed no key table."""
    window = reopen(qtbot, close_once(qtbot, project_path))
    preview = window._preview
    assert preview is not None
    QTest.keyClick(preview.view, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert not window.start_finished and window.project is None
    qtbot.waitUntil(lambda: window.start_finished and not window.opening)
    dialog = window.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.close()
    window.close()
