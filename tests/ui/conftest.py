"""Fixtures for window tests: a small real project, pre-annotated by hand (no spaCy)."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, QUrl
from PySide6.QtGui import QAccessible, QDesktopServices, QFont, QScreen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import (
    Analysis,
    ArticleDraft,
    ClaimCandidate,
    Entity,
    PipelineInfo,
    Quote,
    Speaker,
)
from annotator.core.settings import Settings
from annotator.services.merging import merge_files
from annotator.services.project import Project, store_of
from annotator.ui.main_window import MainWindow
from annotator.ui.suggestions import TrainDialog
from annotator.ui.task_runner import TaskProgress
from annotator.ui.theme import apply_theme, ours_applied
from annotator.ui.workers import Task
from tests.services.team_data import build_annotator_projects

UI_DATA = Path(__file__).parent.parent / "data" / "ui"
PIPELINE = PipelineInfo("hand-made", "1")

_SENTENCE = re.compile(r"[^\s][^.!?\n]*[.!?]+[\"”’']?")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_QUOTE = re.compile(r"\"[^\"\n]+\"")


def hand_analysis(text: str) -> Analysis:
    """Sentences as candidates, capitalised word runs as entities, double-quoted text as quotes.

    Crude on purpose: the window must draw whatever pre-annotation finds, and tests
    must not depend on the spaCy model.
    """
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    entities = tuple(
        Entity(m.start(), m.end(), ("PERSON", "GPE", "ORG")[i % 3])
        for i, m in enumerate(_NAME.finditer(text))
    )
    quotes = tuple(Quote(m.start(), m.end(), speaker=Speaker(0, 1, "Someone")) for m in _QUOTE.finditer(text))
    candidates = tuple(ClaimCandidate(s, e, 0.5, ("hand",)) for s, e in sentences if e - s > 20)
    return Analysis(PIPELINE, entities, quotes, candidates, tuple(sentences))


def make_project(path: Path, texts: list[tuple[str, str]], *, analyse: bool = True) -> Path:
    """A project of `texts` at `path`, closed: a copy of the one built first for these texts.

    Most window tests start from the same two articles: building the file (schema, import,
    analyses) took 30 ms a test, a copy 1 ms. The copy is of a closed file, so it holds
    everything (no -wal); what differs is only when its rows say they were made.
    """
    key = (tuple(texts), analyse)
    template = _TEMPLATES.get(key)
    if template is None or not template.exists():
        template = Path(tempfile.mkdtemp(prefix="annotator-test-project-")) / "template.annotator.db"
        atexit.register(shutil.rmtree, template.parent, ignore_errors=True)
        with open_project(template) as project:
            report = project.import_drafts(
                ArticleDraft(text=text, title=title, source="test") for title, text in texts
            )
            if analyse:
                store_of(project).save_analyses(
                    (i, hand_analysis(project.article(i).text)) for i in report.added
                )
        _TEMPLATES[key] = template
    path.parent.mkdir(parents=True, exist_ok=True)  # as a new project's folder is made
    shutil.copyfile(template, path)
    return path


_TEMPLATES: dict[tuple[tuple[tuple[str, str], ...], bool], Path] = {}


def wikinews_texts() -> list[tuple[str, str]]:
    return [
        (
            "Dozens dead in California boat fire",
            (UI_DATA / next(UI_DATA.glob("wn2019_095*"))).read_text("utf-8"),
        ),
        (
            "Toronto serial killer pleads guilty",
            (UI_DATA / next(UI_DATA.glob("wn2019_022*"))).read_text("utf-8"),
        ),
    ]


@pytest.fixture(autouse=True)
def _platform_look_after() -> Iterator[None]:
    """A test that switched to Light or Dark leaves the platform's look to the next one.

    The theme is the application's, not a window's: `ui.app` applies it once, before its one
    window. Left dark by a test (View > Theme > Dark in a fixture), the next test's window, its
    settings saying System, opened dark, and that test compared the platform's look with ours.
    After the test's windows are closed (this fixture is set up before them).
    """
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication) and ours_applied():
        apply_theme(app, "system")


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return make_project(tmp_path / "test.annotator.db", wikinews_texts())


def open_window(
    qtbot: QtBot, path: Path | None, *, annotator: str = "tester", settings: Settings | None = None
) -> MainWindow:
    window = MainWindow(settings if settings is not None else Settings(annotator=annotator))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # Window shortcuts (the label keys) only fire in the active window.
    qtbot.waitUntil(window.isActiveWindow)
    # Exposed is not painted: the rest of the window is built, and the project watch started
    # (which takes note of the file's state), only after the first paint (`ui.two_step_start`).
    # On a loaded machine the paint came late, so an opening's pre-annotation had not started
    # when a test looked, and a save another program made meanwhile was taken as the state the
    # watch compares with, never listed. A person sees the window painted before acting.
    qtbot.waitUntil(lambda: window.start_finished)
    if path is not None:
        window.open_project(path)
        wait_listed(qtbot, window)
    return window


def wait_opened(qtbot: QtBot, window: MainWindow) -> None:
    """Until a project asked for by File > Open or Open Recent, checked in the pool first
    (`MainWindow.open_checked_in_pool`), is open, or refused."""
    qtbot.waitUntil(lambda: not window.opening, timeout=20_000)


def wait_listed(qtbot: QtBot, window: MainWindow) -> None:
    """Until the list of the project just opened has come from the pool (`MainWindow.open_project`)."""
    qtbot.waitUntil(lambda: not window.listing, timeout=20_000)


@pytest.fixture
def window(qtbot: QtBot, project_path: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, project_path)
    yield win
    win.close()


def select_words(qtbot: QtBot, window: MainWindow, start: int, words: int) -> None:
    """Put the cursor at code point `start` and extend the selection word by word with the keyboard."""
    view = window.view
    view.setFocus()
    view.scroll_to(start)
    for _ in range(words):
        qtbot.keyClick(
            view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        )


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says a control is: its accessible name (Qt's own from a button's
    text, a field's buddy label, a window's title), else the labels a relation joins to it;
    empty for none, or for a lone "…".

    A drop-down's name, on Linux, is its current entry whatever its accessible name says
    (`QAccessibleComboBox::text`): what it is for reaches Orca only from a label, so only
    a label names it here.
    """
    accessible = QAccessible.queryAccessibleInterface(widget)
    assert accessible is not None
    name = "" if isinstance(widget, QComboBox) else accessible.text(QAccessible.Text.Name).strip()
    if not name:
        labels = accessible.relations(QAccessible.RelationFlag.Label)
        name = " ".join(label.text(QAccessible.Text.Name) for label, _relation in labels).strip()
    return "" if name in ("…", "...") else name


def ink_margins(view: QAbstractItemView, index: QModelIndex) -> tuple[int, int]:
    """The room left of and right of a cell's text, as the view paints it."""
    rect = view.visualRect(index)
    image = view.viewport().grab().toImage()
    ground = image.pixelColor(rect.left() + 1, rect.top() + 1)
    xs = [
        x
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
        if abs(image.pixelColor(x, y).lightness() - ground.lightness()) > 60
    ]
    assert xs, f"nothing drawn in row {index.row()}, column {index.column()}"
    return min(xs) - rect.left(), rect.right() - max(xs)


def hold_copy(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """File ▸ Save a Copy As… copies one page a step and stops after the first page it reports
    until the returned event is set or the copy is cancelled.

    What a test does "while the copy runs" then happens while it runs on any machine: a copy
    made merely slow (0.2 s a page) could end first on a loaded one, and the window's keys and
    looks raced it. Held for a minute at most, so a window that waits for the copy on its own
    thread ends the test with a failure, not a hang.
    """
    monkeypatch.setattr("annotator.store.project_store.COPY_PAGES", 1, raising=False)
    release = threading.Event()
    relay = Task._progress

    def held(self: Task, done: int, total: int = 0, message: str = "", /) -> None:
        relay(self, done, total, message)
        deadline = time.monotonic() + 60
        while done > 0 and not self.is_cancelled() and time.monotonic() < deadline:
            if release.wait(0.02):
                return

    monkeypatch.setattr(Task, "_progress", held)
    return release


def answer_file_dialog(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[tuple[str, str]]:
    """The platform's open-file dialog answers `path`; each call's (start folder, filters) is recorded."""
    asked: list[tuple[str, str]] = []

    def answer(_parent: object, _caption: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append((folder, filters))
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    return asked


LAPTOP = QRect(0, 0, 1366, 768 - 32)
"""A 1366x768 laptop's free area, the desktop's panel at the bottom."""


@pytest.fixture
def laptop_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """Windows and dialogs open on a 1366x768 laptop screen."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    return LAPTOP


@contextmanager
def larger_font(factor: float) -> Iterator[QFont]:
    """The application's font `factor` times larger, as on a desktop set to bigger text; put back after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    font = QFont(before)
    font.setPointSizeF(before.pointSizeF() * factor)
    app.setFont(font)
    try:
        yield font
    finally:
        app.setFont(before)


def cut_labels(top: QWidget) -> list[str]:
    """The visible wrapped labels in `top` whose text is taller than the label: cut off at the bottom."""
    return [
        label.text()
        for label in top.findChildren(QLabel)
        if label.isVisibleTo(top) and label.wordWrap() and label.text()
        if label.heightForWidth(label.width()) > label.height()
    ]


def answer_work_question(
    window: QWidget, answer: QMessageBox.StandardButton | None, asked: list[str]
) -> None:
    """Answer the question Quit or Close Project asks while work runs, once it shows (it is
    modal: the key that asks returns after the answer); its words go to `asked`. `answer`
    None leaves it open, for the work's end to close."""

    def look() -> None:
        shown = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
        if not shown:
            QTimer.singleShot(10, window, look)
            return
        asked.append(shown[0].text())
        if answer is not None:
            shown[0].button(answer).click()

    QTimer.singleShot(0, window, look)


def answer_stop_question(
    qtbot: QtBot, dialog: TaskProgress | TrainDialog, answer: QMessageBox.StandardButton
) -> str:
    """Answer what a Cancel of long work asks (`StopAsker`); return its words."""
    qtbot.waitUntil(lambda: dialog.stop_question is not None)
    question = dialog.stop_question
    assert question is not None
    qtbot.waitUntil(question.isVisible)
    said = str(question.text())
    qtbot.mouseClick(question.button(answer), Qt.MouseButton.LeftButton)
    return said


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Project]:
    """A team file with three annotators' projects merged into it (`tests.services.team_data`),
    for the review and the dashboard; a module may give its own."""
    project = open_project(tmp_path / "team.db")
    merge_files(project, build_annotator_projects(tmp_path / "people"))
    yield project
    project.close()


def agreed_and_open_team(path: Path) -> Path:
    """A team file where alice and bob labelled one span alike and another differently, and
    nobody reviewed: gold offered, yet holding nothing until the disagreement is decided."""
    path = make_project(path, wikinews_texts())
    with open_project(path, create=False) as project:
        first = project.article_ids()[0]
        project.add_claim(first, 0, 5, "factual", annotator="alice")
        project.add_claim(first, 0, 5, "factual", annotator="bob")
        project.add_claim(first, 10, 20, "factual", annotator="alice")
        project.add_claim(first, 10, 20, "opinion", annotator="bob")
    return path


def fake_opener(monkeypatch: pytest.MonkeyPatch, folder: Path, exit_code: int) -> Path:
    """An `xdg-open` first on PATH that notes what it was handed and exits `exit_code` (3: no
    file manager took it, as on a bare window manager); the file it writes its paths in."""
    folder.mkdir(parents=True, exist_ok=True)
    handed = folder / "handed.txt"
    opener = folder / "xdg-open"
    opener.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{handed}"\nexit {exit_code}\n', "utf-8")
    opener.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")

    def as_on_a_desktop(url: QUrl) -> bool:
        """Qt's way on X11 and Wayland: the opener started, and True whatever it then says."""
        subprocess.run([str(opener), url.toLocalFile()], check=False)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", as_on_a_desktop)
    return handed


def handed_paths(qtbot: QtBot, handed: Path) -> list[str]:
    """The paths the fake opener was handed, once it has exited."""
    from annotator.ui.desktop_open import still_handing

    qtbot.waitUntil(lambda: not still_handing(), timeout=10_000)
    return handed.read_text("utf-8").splitlines() if handed.exists() else []
