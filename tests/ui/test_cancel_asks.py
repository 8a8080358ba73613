"""Cancel or Escape in the progress of work that has run a while asks first, saying what a stop
keeps, and going on is the default: Escape cancelled at once, so a tired finger threw away the
rest of a long import. Work just started, or waiting its turn, still stops at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.errors import Cancelled
from annotator.core.evaluation import Evaluation, LabelScore
from annotator.core.model import ClaimLabel
from annotator.services import importing
from annotator.services.project import Project
from annotator.ui import services_bridge
from annotator.ui.main_window import MainWindow
from annotator.ui.subprocess_work import _import
from annotator.ui.suggestions import TrainDialog
from annotator.ui.task_runner import StopAsker, TaskOptions, TaskProgress
from tests.data.subjectivity import newssd
from tests.ui.conftest import answer_stop_question, make_project, open_window

pytestmark = pytest.mark.slow  # seconds each, processes and waits: out of the everyday run (CI's time)

YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _held_work(release: threading.Event) -> Callable[[Callable[..., None], Callable[[], bool]], str]:
    def work(progress: Callable[..., None], cancel: Callable[[], bool]) -> str:
        progress(1, 10, "working")
        while not release.wait(0.02):
            if cancel():
                return "stopped"
        return "done"

    return work


def _held_training(release: threading.Event) -> Callable[[Callable[..., None], Callable[[], bool]], str]:
    """`_held_work` as training stops: a cancel it sees raises `Cancelled`, since a training
    that returns has saved its model (`TrainDialog.start`)."""

    def work(progress: Callable[..., None], cancel: Callable[[], bool]) -> str:
        if _held_work(release)(progress, cancel) == "stopped":
            raise Cancelled("training cancelled; no model was saved")
        return "done"

    return work


def _running(
    qtbot: QtBot, project_path: Path, release: threading.Event
) -> tuple[MainWindow, Any, TaskProgress]:
    window = open_window(qtbot, project_path)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    task = window.run_task(_held_work(release), "Working…", lambda _r: None, TaskOptions(name="long"))
    dialog = window.runner.progress_dialog
    assert isinstance(dialog, TaskProgress)
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    return window, task, dialog


def test_escape_then_no_leaves_the_work_running_and_yes_stops_it(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)  # has run "a while" from its start
    release = threading.Event()
    window, task, dialog = _running(qtbot, project_path, release)
    try:
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        question = dialog.stop_question
        assert question is not None and question.defaultButton() is question.button(NO)
        assert question.escapeButton() is question.button(NO)
        assert answer_stop_question(qtbot, dialog, NO) == "Working is not finished. Stop it?"
        qtbot.wait(100)
        assert not task.is_cancelled() and window.busy and dialog.isVisible()
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel asks too
        answer_stop_question(qtbot, dialog, YES)
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        assert task.is_cancelled()
        assert window.statusBar().currentMessage() == "Cancelled"
    finally:
        release.set()
        window.close()


def test_escape_in_the_question_goes_on(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)
    release = threading.Event()
    window, task, dialog = _running(qtbot, project_path, release)
    try:
        dialog.ask_to_stop()
        question = dialog.stop_question
        assert question is not None
        qtbot.waitUntil(question.isVisible)
        qtbot.keyClick(question, Qt.Key.Key_Escape)  # a second Escape of the same tired finger
        qtbot.waitUntil(lambda: dialog.stop_question is None)
        assert not task.is_cancelled() and dialog.isVisible()
    finally:
        release.set()
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        window.close()


def test_work_just_started_stops_at_once(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 3600.0)  # whatever the machine's load
    release = threading.Event()
    window, task, dialog = _running(qtbot, project_path, release)
    try:
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        assert dialog.stop_question is None
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        assert task.is_cancelled()
    finally:
        release.set()
        window.close()


def test_a_question_left_open_when_the_work_ends_closes_and_stops_nothing(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)
    release = threading.Event()
    done: list[object] = []
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.run_task(_held_work(release), "Working…", done.append, TaskOptions(name="long"))
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, TaskProgress)
        qtbot.waitUntil(dialog.isVisible, timeout=5_000)
        dialog.ask_to_stop()
        question = dialog.stop_question
        assert question is not None
        qtbot.waitUntil(question.isVisible)
        release.set()
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        assert done == ["done"]
        asking = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert asking == []
    finally:
        release.set()
        window.close()


def _import_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's imports run in the pool's thread, not a child process, so a test can hold them."""
    monkeypatch.setattr(
        services_bridge,
        "import_work",
        lambda path, paths, max_bytes: (
            lambda progress, cancel: _import(path, paths, max_bytes, progress=progress, cancel=cancel)
        ),
    )


def test_a_stopped_import_keeps_none_of_its_articles_as_the_question_says(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)
    # The import's own work, in this process so that its reading can be held at the first file.
    _import_in_this_process(monkeypatch)
    started, release = threading.Event(), threading.Event()
    real_read = importing.read_file

    def held_read(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(timeout=20)
        return real_read(*args, **kwargs)

    monkeypatch.setattr(importing, "read_file", held_read)
    folder = tmp_path / "incoming"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Article {n}\n\nThe council met on day {n}.\n", "utf-8")
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        assert window.project is not None
        before = window.project.article_count()
        window.transfers.import_paths([folder])
        qtbot.waitUntil(started.is_set, timeout=10_000)
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, TaskProgress)
        qtbot.waitUntil(dialog.isVisible, timeout=5_000)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        said = answer_stop_question(qtbot, dialog, YES)
        assert said == "Stop importing? None of its articles are kept: an import saves them all at the end."
        release.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        assert window.statusBar().currentMessage() == "Cancelled"
        with open_project(project_path, create=False) as project:
            assert project.article_count() == before
    finally:
        release.set()
        window.close()


def _hold_import_saving(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Imports run in the pool's thread and stop as they save, having read every file and looked
    at a stop for the last time: the first event is set then, and they go on when the second is.

    The store takes the drafts as they are read, in its transaction: they are held once the last
    is taken, before the last rows are written and the transaction committed."""
    _import_in_this_process(monkeypatch)
    saving, release = threading.Event(), threading.Event()
    real_import_drafts = Project.import_drafts

    def held_import_drafts(project: Project, drafts: Any) -> Any:
        def read_then_held() -> Any:
            yield from drafts
            saving.set()
            release.wait(timeout=20)

        return real_import_drafts(project, read_then_held())

    monkeypatch.setattr(Project, "import_drafts", held_import_drafts)
    return saving, release


def test_an_import_stopped_after_it_saved_its_articles_says_it_finished_and_lists_them(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Yes to "Stop importing?" while the import was saving its articles (the seconds a large
    import's one transaction takes, its progress at the end) came too late to stop it: the
    articles were in the project, but the window said "Cancelled", its list did not show them,
    and a few seconds later it said they had been "added to this project by another window or
    program"."""
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)
    saving, release = _hold_import_saving(monkeypatch)
    folder = tmp_path / "incoming"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Article {n}\n\nThe council met on day {n}.\n", "utf-8")
    window = open_window(qtbot, project_path)
    window.transfers.auto_preannotate = False
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        before = window.article_model.rowCount()
        window.transfers.import_paths([folder])
        qtbot.waitUntil(saving.is_set, timeout=10_000)
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, TaskProgress)
        qtbot.waitUntil(dialog.isVisible, timeout=5_000)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        answer_stop_question(qtbot, dialog, YES)
        release.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        assert window.statusBar().currentMessage() == (
            "The import had finished before it could stop: Imported 3 articles from 3 files"
        )
        assert window.article_model.rowCount() == before + 3
        with open_project(project_path, create=False) as project:
            assert project.article_count() == before + 3
    finally:
        release.set()
        window.close()


def test_an_import_that_saved_while_its_project_closed_says_nothing_in_the_next_one(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import whose result stands once saved, ended by opening another project, is the closed
    project's: the next project is not told of it, nor has its own articles of those numbers
    pre-annotated."""
    saving, release = _hold_import_saving(monkeypatch)
    preannotated: list[list[int] | None] = []
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a.txt").write_text("Article\n\nThe council met on Monday.\n", "utf-8")
    other = make_project(tmp_path / "other.annotator.db", [("Other", "The river rose by two metres.")])
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        monkeypatch.setattr(window.transfers, "preannotate", preannotated.append)
        window.transfers.import_paths([folder])
        qtbot.waitUntil(saving.is_set, timeout=10_000)
        threading.Timer(0.5, release.set).start()  # the close waits for the work to end
        window.open_project(other)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        qtbot.wait(200)  # the import's queued end, if any, is heard
        assert "Import" not in window.statusBar().currentMessage()
        assert preannotated == []
        assert [window.article_model.index(r, 0).data() for r in range(window.article_model.rowCount())] == [
            "Other"
        ]
    finally:
        release.set()
        window.close()


def _evaluation() -> Evaluation:
    labels = tuple(label.value for label in ClaimLabel)
    return Evaluation(
        labels=labels,
        per_label={label: LabelScore(0.5, 0.5, 0.5, 12) for label in labels},
        confusion=((4, 4, 4), (4, 4, 4), (4, 4, 4)),
        macro_f1=0.5,
        accuracy=0.5,
        n_train=120,
        n_eval=36,
        eval_articles=3,
    )


@pytest.mark.parametrize("had_model", [False, True], ids=["first model", "a model before"])
def test_cancel_training_asks_as_other_long_work_does(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, had_model: bool
) -> None:
    """Cancel Training (and Close or Escape, which stop it too) stopped at once however long it
    had run, where import, export, merge and copy ask: it asks in the same way, saying what a
    stop keeps (a cancelled training leaves the project as it was, its model included)."""
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)  # has run "a while" from its start
    release = threading.Event()
    started = threading.Event()

    def held_training(_path: Path, _options: object) -> Callable[..., str]:
        def work(progress: Callable[..., None], cancel: Callable[[], bool]) -> str:
            started.set()
            return _held_training(release)(progress, cancel)

        return work

    monkeypatch.setattr(services_bridge, "train_work", held_training)
    pool = QThreadPool()
    # Labels enough to train: Train waits for them.
    project_path = newssd.make_project(tmp_path / "p.db", unlabelled=0)
    dialog = TrainDialog(project_path, pool, shown=(None, _evaluation()) if had_model else None)
    qtbot.addWidget(dialog)
    try:
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: dialog.checked is not None)
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(started.is_set, timeout=10_000)
        task = dialog.task
        assert task is not None
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        said = answer_stop_question(qtbot, dialog, NO)
        if had_model:
            assert said == "Stop training? The current model and its suggestions stay as they are."
        else:
            assert said == "Stop training? No model is saved."
        qtbot.wait(100)
        assert dialog.running and not task.is_cancelled() and dialog.isVisible()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing stops the training: it asks too
        assert answer_stop_question(qtbot, dialog, NO) == said
        qtbot.wait(100)
        assert dialog.running and dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        answer_stop_question(qtbot, dialog, YES)
        qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
        assert task.is_cancelled() and not dialog.isVisible()
        assert dialog.status.text() == (
            "Cancelled; the current model stays." if had_model else "Cancelled; no model was saved."
        )
    finally:
        release.set()
        pool.waitForDone()


def test_training_just_started_stops_at_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 3600.0)  # whatever the machine's load
    release = threading.Event()
    monkeypatch.setattr(services_bridge, "train_work", lambda _path, _options: _held_training(release))
    pool = QThreadPool()
    project_path = newssd.make_project(tmp_path / "p.db", unlabelled=0)  # enough labels to train
    dialog = TrainDialog(project_path, pool)
    qtbot.addWidget(dialog)
    try:
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: dialog.checked is not None)
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.progress.maximum() > 0, timeout=10_000)  # "working" came
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.stop_question is None
        qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
        assert dialog.status.text() == "Cancelled; no model was saved."
    finally:
        release.set()
        pool.waitForDone()
