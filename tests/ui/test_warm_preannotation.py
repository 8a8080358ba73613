"""The window pre-annotates in one process it keeps, with the model loaded, between runs.

Each Ctrl+P, and each import, started a child that imported spaCy and loaded the model again:
about 5 s before the first article was done, every time, though the same model had been loaded
a minute before. The window's worker (`subprocess_work.WarmWorker`) keeps it; a cancel, a crash
or a death still ends what they ended, and the next run then simply starts a new worker.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import annotator.ui.subprocess_work as subprocess_work
from annotator import open_project
from annotator.core.errors import Cancelled
from annotator.services.project import store_of
from annotator.ui.child_ended import ChildEndedError
from annotator.ui.main_window import MainWindow
from annotator.ui.subprocess_work import ChildCrashError, WarmWorker
from tests.ui import child_stand_ins
from tests.ui.conftest import UI_DATA, make_project, open_window, wait_listed, wikinews_texts

pytestmark = pytest.mark.slow  # spawned children: seconds each


def _no_progress(*_args: Any) -> None:
    pass


def _never() -> bool:
    return False


@pytest.fixture
def worker() -> Iterator[WarmWorker]:
    warm = WarmWorker()
    yield warm
    warm.close()


def _pid(worker: WarmWorker) -> int:
    pid = worker.run("preannotate", (), _no_progress, _never)
    assert isinstance(pid, int)
    return pid


@pytest.mark.model
def test_a_second_ctrl_p_does_not_load_the_model_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_project(tmp_path / "two.annotator.db", wikinews_texts()[:1], analyse=False)
    window = open_window(qtbot, None)
    try:
        window.auto_preannotate = False  # each run is the key's, as when imports are not pre-annotated
        window.open_project(path)
        wait_listed(qtbot, window)
        said: list[str] = []
        shown = window.status_bar.show_preannotating

        def seen(*args: Any, **kwargs: Any) -> None:
            shown(*args, **kwargs)
            said.append(window.status_bar.model_label.text())

        monkeypatch.setattr(window.status_bar, "show_preannotating", seen)
        _press_ctrl_p(qtbot, window)
        assert "loading the language model…" in said

        said.clear()
        window.import_paths([next(UI_DATA.glob("wn2019_022*"))])
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        _press_ctrl_p(qtbot, window)
        assert said and "loading the language model…" not in said, said
        worker = window.transfers.worker
        assert worker.running and worker.started == 1  # the same process, its model loaded

        with open_project(path, create=False) as project:
            assert project.articles_needing_analysis() == []
            ids = project.article_ids()
            ran = [store_of(project).analysis_pipeline(i) for i in ids]
            assert all(info is not None and info.name.startswith("en_core_web_sm") for info in ran), ran
        window.show_article(ids[1])
        assert window.article is not None and window.article.article.id == ids[1]
        names = {window.view.text[e.start : e.end] for e in window.article.entities}
        assert "Bruce McArthur" in names, names  # the highlights of the second run's article
    finally:
        window.close()
    assert not multiprocessing.active_children()  # the worker went with the window


def _press_ctrl_p(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.preannotating
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=180_000)


def test_a_run_cancelled_in_a_warm_worker_that_stops_by_itself_keeps_the_worker(
    worker: WarmWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.worker_pid)
    first = _pid(worker)
    monkeypatch.setitem(
        subprocess_work._TARGETS, "preannotate", child_stand_ins.batch_that_finishes_within_the_grace
    )
    finished = tmp_path / "finished"
    counted: list[object] = []

    with pytest.raises(Cancelled):  # asked once its first batch was under way
        worker.run(
            "preannotate",
            (str(finished), subprocess_work.STOP_GRACE_SECONDS),
            lambda *args: counted.append(args),
            lambda: bool(counted),
        )

    assert finished.exists()  # its batch was whole
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.worker_pid)
    assert _pid(worker) == first and worker.started == 1


def test_a_warm_worker_ended_by_a_cancel_is_started_again_for_the_next_run(
    worker: WarmWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.worker_pid)
    first = _pid(worker)
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.load_that_ignores_the_stop)
    loading = tmp_path / "loading"

    with pytest.raises(Cancelled):
        worker.run("preannotate", (str(loading),), _no_progress, loading.exists)

    assert not worker.running
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.worker_pid)
    assert _pid(worker) != first and worker.started == 2


def test_a_crash_in_the_warm_worker_is_reported_and_the_next_run_works(
    worker: WarmWorker, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.worker_pid)
    first = _pid(worker)
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.crash)

    with (
        caplog.at_level("ERROR", logger="annotator.ui.subprocess_work"),
        pytest.raises(ChildCrashError) as crash,
    ):
        worker.run("preannotate", (), _no_progress, _never)

    assert crash.value.kind == "IndexError"
    assert "Traceback" in caplog.text  # for whoever reads the log
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.worker_pid)
    assert _pid(worker) != first and worker.started == 2  # not a worker left in any state


def test_a_warm_worker_killed_between_runs_is_started_again(
    worker: WarmWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.worker_pid)
    first = _pid(worker)
    os.kill(first, signal.SIGKILL)  # the system short of memory, while it waits for a job
    deadline = time.monotonic() + 10
    while worker.running and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not worker.running

    assert _pid(worker) != first and worker.started == 2


def test_a_warm_worker_killed_during_a_run_is_reported_and_the_next_run_works(
    worker: WarmWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.test_child_process_dies import _die

    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", _die)
    with pytest.raises(ChildEndedError):
        worker.run("preannotate", (), _no_progress, _never)
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.worker_pid)
    assert isinstance(_pid(worker), int) and worker.started == 2


def test_a_pipeline_changed_on_disk_is_loaded_by_a_new_worker(
    worker: WarmWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person installed the model the rules stood in for, or reinstalled a damaged one."""
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.worker_pid)
    first = _pid(worker)
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.pipeline_changed_once)
    counted: list[object] = []

    pid = worker.run("preannotate", (str(tmp_path / "changed"),), lambda *args: counted.append(args), _never)

    assert pid != first and worker.started == 2  # the same job, in a new worker
    assert counted == []  # nothing said by the worker that made way


def test_closing_the_window_ends_its_worker(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(subprocess_work._TARGETS, "preannotate", child_stand_ins.nothing_to_preannotate)
    path = make_project(tmp_path / "done.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    try:
        _press_ctrl_p(qtbot, window)
        assert window.transfers.worker.running
        [child] = multiprocessing.active_children()
    finally:
        window.close()
    assert not child.is_alive()
    assert not multiprocessing.active_children()
