"""Pre-annotation steps aside for the person's own work and goes on after it.

Opening a project of 50,000 articles pre-annotates them for many minutes, and a merge or an
export asked meanwhile said "Waiting for pre-annotating to finish first" all along, though
pre-annotation saves each batch and a new run does only what is left. The pre-annotations
here run batches until they are cancelled; the work asked meanwhile ends at once.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.errors import Cancelled
from annotator.core.model import PipelineInfo
from annotator.core.progress import CancelFn, ProgressFn
from annotator.services.exporting import ExportResult
from annotator.services.merging import MergeResult
from annotator.services.preannotate import RULES_PIPELINE, PreannotateReport
from annotator.services.project import store_of
from annotator.ui import merge_pick, team_menu
from annotator.ui import services_bridge as bridge
from annotator.ui.main_window import MainWindow
from annotator.ui.task_runner import GiveWay, StopAsker, TaskOptions, TaskProgress, TaskRunner
from annotator.ui.workers import Task, Work
from tests.ui.conftest import (
    PIPELINE,
    answer_stop_question,
    hand_analysis,
    make_project,
    open_window,
    wikinews_texts,
)


class Batches:
    """Pre-annotation runs, each doing batches until it is cancelled (it never finishes)."""

    def __init__(self) -> None:
        self.keeps: list[frozenset[int]] = []  # what each run was asked to keep, in order
        self.batches_started = threading.Event()
        self.cancelled_runs = 0

    def work(self, _project_path: Path, _ids: object, keep: frozenset[int] = frozenset()) -> Work:
        self.keeps.append(keep)

        def run(progress: ProgressFn, cancel: CancelFn) -> None:
            done = 0
            while True:
                progress(done, 1000)
                self.batches_started.set()
                if cancel():
                    self.cancelled_runs += 1
                    progress(done + 1, 1000)  # the batch under way when the cancel came
                    raise Cancelled("cancelled after its batch")
                threading.Event().wait(0.02)  # a batch
                done += 1

        return run


def _quick(result: object) -> Work:
    def work(_progress: ProgressFn, _cancel: CancelFn) -> object:
        return result

    return work


def _runner(qtbot: QtBot, said: list[str]) -> TaskRunner:
    parent = QWidget()
    qtbot.addWidget(parent)
    return TaskRunner(
        parent,
        guard=lambda call: call(),
        show_error=lambda *_a, **_k: None,
        status=lambda message, _timeout: said.append(message),
    )


def test_work_asked_meanwhile_starts_without_waiting_and_the_background_work_resumes(qtbot: QtBot) -> None:
    said: list[str] = []
    runner = _runner(qtbot, said)
    heard: list[str] = []
    batches = Batches()

    def start_background() -> Task:
        return runner.run(
            batches.work(Path("p"), None),
            "Pre-annotating…",
            lambda _r: heard.append("pre-annotation finished"),
            TaskOptions(
                name="pre-annotate",
                on_stopped=lambda: heard.append("pre-annotation stopped"),
                give_way=GiveWay(
                    paused=lambda: heard.append("paused"), resume=lambda: heard.append("resumed")
                ),
            ),
        )

    background = start_background()
    assert batches.batches_started.wait(5)
    runner.run(_quick("written"), "Exporting…", heard.append, TaskOptions(name="export"))
    export_dialog = runner.progress_dialog
    assert export_dialog is not None and "Waiting" not in export_dialog.labelText()
    assert background.is_cancelled()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    qtbot.waitUntil(lambda: "resumed" in heard, timeout=5_000)
    assert heard == ["paused", "pre-annotation stopped", "written", "resumed"]
    assert "Cancelled" not in said  # it paused: nobody cancelled it
    assert not [message for message in said if "stopping" in message]  # nor did the export's end


def test_background_work_of_a_closed_project_does_not_resume(qtbot: QtBot) -> None:
    runner = _runner(qtbot, [])
    resumed: list[bool] = []
    batches = Batches()
    runner.run(
        batches.work(Path("p"), None),
        "Pre-annotating…",
        lambda _r: None,
        TaskOptions(
            name="pre-annotate", give_way=GiveWay(paused=lambda: None, resume=lambda: resumed.append(True))
        ),
    )
    assert batches.batches_started.wait(5)
    release = threading.Event()

    def held(_progress: ProgressFn, cancel: CancelFn) -> None:
        while not release.wait(0.02):
            if cancel():
                raise Cancelled("closed")

    runner.run(held, "Merging…", lambda _r: None, TaskOptions(name="merge"))
    runner.cancel_all()  # the project closes
    qtbot.wait(50)
    assert not runner.busy and resumed == []


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> Batches:
    made = Batches()
    monkeypatch.setattr(bridge, "preannotate_available", lambda: True)
    monkeypatch.setattr(bridge, "preannotate_work", made.work)
    return made


def _idle_window(qtbot: QtBot, project_path: Path) -> MainWindow:
    window = open_window(qtbot, project_path)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    return window


def _preannotate_all(window: MainWindow) -> None:
    """File ▸ Pre-annotate All, as the person asks for it (Ctrl+P)."""
    window.registry["preannotate"].trigger()


def test_an_export_asked_during_pre_annotate_all_runs_at_once_and_pre_annotation_resumes(
    qtbot: QtBot, project_path: Path, tmp_path: Path, batches: Batches, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _idle_window(qtbot, project_path)
    try:
        exported, release_export = _held_export(monkeypatch)
        waiting = [frozenset({1})]
        monkeypatch.setattr(window, "waiting_entities", lambda: waiting[0])
        _preannotate_all(window)
        assert batches.batches_started.wait(5)
        waiting[0] = frozenset({2})  # an edit undone meanwhile
        window.transfers.export_to(tmp_path / "out.jsonl", "jsonl", confirmed=True)
        assert exported.wait(10)  # it ran while the pre-annotation, which never ends, was asked
        qtbot.waitUntil(lambda: not window.runner.running("pre-annotate"))
        # Its last batch's count, reported after it was asked to pause, is not said as running.
        assert window.status_bar.model_label.text() == "pre-annotation paused"
        assert window.runner.running("export")
        batches.batches_started.clear()
        release_export.set()
        qtbot.waitUntil(lambda: window.runner.running("pre-annotate") and not window.runner.running("export"))
        assert batches.batches_started.wait(5)
        assert batches.keeps == [frozenset({1}), frozenset({2})]  # the keep of the time it resumed
        qtbot.waitUntil(lambda: window.status_bar.model_label.text().startswith("pre-annotating"))
        assert window.statusBar().currentMessage() != "Cancelled"
    finally:
        window.close()


def test_a_merge_asked_during_the_opening_s_pre_annotation_runs_at_once(
    qtbot: QtBot, tmp_path: Path, batches: Batches, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened_runs: list[bool] = []

    def opened_work(path: Path) -> Work:
        opened_runs.append(True)
        return batches.work(path, None)

    monkeypatch.setattr(bridge, "preannotate_opened_work", opened_work)
    project_path = make_project(tmp_path / "fresh.annotator.db", wikinews_texts()[:2], analyse=False)
    window = open_window(qtbot, project_path)  # its opening pre-annotates
    try:
        assert batches.batches_started.wait(10)
        merged: list[object] = []

        def merge_work(*_args: object, **_kwargs: object) -> Work:
            return _quick(MergeResult([], None))

        monkeypatch.setattr(team_menu, "merge_work", merge_work)
        monkeypatch.setattr(
            team_menu.TeamFeature, "_merged", lambda _self, reports, **_kwargs: merged.append(reports)
        )
        other = tmp_path / "other.annotator.db"
        other.write_bytes(project_path.read_bytes())
        monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *_a, **_k: ([str(other)], ""))
        window.team.merge()
        qtbot.waitUntil(lambda: merged == [[]], timeout=10_000)
        qtbot.waitUntil(lambda: len(opened_runs) == 2, timeout=10_000)  # resumed by itself
        assert window.runner.running("pre-annotate")
    finally:
        window.close()


@pytest.mark.parametrize("how", ["Cancel", "Escape"])
def test_a_confirmed_cancel_says_at_once_that_the_work_is_stopping(
    qtbot: QtBot, project_path: Path, batches: Batches, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The dialog closed at the Yes, but the run stops after its batch: the status bar said
    "pre-annotating 160 / 50000…" a second or more, as if the Cancel had been lost."""
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)
    window = _idle_window(qtbot, project_path)
    try:
        window.transfers.preannotate(None)
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, TaskProgress)
        qtbot.waitUntil(dialog.isVisible, timeout=5_000)
        assert batches.batches_started.wait(5)
        if how == "Cancel":
            qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        else:
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.stop_question is not None  # asked at once, before any event ran
        answer_stop_question(qtbot, dialog, QMessageBox.StandardButton.Yes)
        # No event has run since the Yes: the run has not heard of it yet, the status bar has.
        assert window.statusBar().currentMessage() == "Pre-annotating: stopping…"
        assert not dialog.isVisible() and window.busy
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        assert window.statusBar().currentMessage() == (
            "Pre-annotation cancelled: the articles it finished keep their highlights; "
            "File ▸ Pre-annotate All does the rest"
        )
    finally:
        window.close()


def test_a_cancel_after_the_last_article_says_what_the_run_did_and_its_model_warning(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Yes to "Stop pre-annotating?" while the run made tokens or label suggestions, after
    its last article, stopped nothing: yet the window said "Pre-annotation cancelled", and
    the report's warning that only simple rules ran, for want of the model, was never said."""
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)
    monkeypatch.setattr(bridge, "preannotate_available", lambda: True)
    counted = threading.Event()

    def work(_project_path: Path, _ids: object, _keep: frozenset[int] = frozenset()) -> Work:
        def run(progress: ProgressFn, cancel: CancelFn) -> PreannotateReport:
            progress(2, 2)
            counted.set()
            while not cancel():  # the label suggestions, which look at no stop
                threading.Event().wait(0.02)
            rules = PipelineInfo(RULES_PIPELINE, "3.8.0+rules.3f80f13009c0")
            return PreannotateReport(rules, analysed=2, warning="no module named 'en_core_web_sm'")

        return run

    monkeypatch.setattr(bridge, "preannotate_work", work)
    window = _idle_window(qtbot, project_path)
    try:
        window.transfers.preannotate(None)
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, TaskProgress)
        assert counted.wait(10)
        qtbot.waitUntil(dialog.isVisible, timeout=5_000)
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        answer_stop_question(qtbot, dialog, QMessageBox.StandardButton.Yes)
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        said = window.statusBar().currentMessage()
        # The line that fits the window: the model's warning, after what the stop found.
        assert said.startswith(
            "Pre-annotation had finished before it could stop: The English model is missing"
        )
        assert "no module named 'en_core_web_sm'" in window.status_bar.model_label.toolTip()
    finally:
        window.close()


def test_a_run_paused_after_its_last_article_stays_silent_and_goes_on_after_the_other_work(
    qtbot: QtBot, project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report that stands once the person stops the run is not said for a run the window
    paused itself: it steps aside as it did, without a word, and goes on afterwards."""
    monkeypatch.setattr(bridge, "preannotate_available", lambda: True)
    counted, runs = threading.Event(), [0]

    def work(_project_path: Path, _ids: object, _keep: frozenset[int] = frozenset()) -> Work:
        runs[0] += 1

        def run(progress: ProgressFn, cancel: CancelFn) -> PreannotateReport:
            progress(2, 2)
            counted.set()
            while not cancel():
                threading.Event().wait(0.02)
            return PreannotateReport(PIPELINE, analysed=2)

        return run

    monkeypatch.setattr(bridge, "preannotate_work", work)
    window = _idle_window(qtbot, project_path)
    try:
        exported, release_export = _held_export(monkeypatch)
        window.transfers.preannotate(None)
        assert counted.wait(10)
        window.transfers.export_to(tmp_path / "out.jsonl", "jsonl", confirmed=True)
        assert exported.wait(10)
        qtbot.waitUntil(lambda: not window.runner.running("pre-annotate"))
        qtbot.wait(100)  # the paused run's end, heard
        assert window.status_bar.model_label.text() == "pre-annotation paused"
        assert "Pre-annotat" not in window.statusBar().currentMessage()
        release_export.set()
        qtbot.waitUntil(lambda: runs[0] == 2, timeout=10_000)  # it goes on
    finally:
        window.close()


def test_a_cancelled_opening_pre_annotation_says_how_many_articles_are_left_and_what_does_them(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Cancelled", gone after 4 s, was all a stopped pre-annotation said: the articles it had
    not reached had no highlights, and nothing said so or what would do them."""
    path = make_project(tmp_path / "new.annotator.db", wikinews_texts(), analyse=False)
    first_saved = threading.Event()

    def opened_work(project_path: Path) -> Work:
        def run(progress: ProgressFn, cancel: CancelFn) -> None:
            with open_project(project_path, create=False) as project:
                first = project.article_ids()[0]
                store_of(project).save_analyses([(first, hand_analysis(project.article(first).text))])
            progress(1, 2)
            first_saved.set()
            while not cancel():
                threading.Event().wait(0.02)
            raise Cancelled("cancelled after its batch")

        return run

    monkeypatch.setattr(bridge, "preannotate_available", lambda: True)
    monkeypatch.setattr(bridge, "preannotate_opened_work", opened_work)
    window = open_window(qtbot, path)
    try:
        assert first_saved.wait(30)
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, TaskProgress)
        qtbot.waitUntil(dialog.isVisible, timeout=10_000)
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        if dialog.stop_question is not None:  # a loaded machine took 2 s to get here
            answer_stop_question(qtbot, dialog, QMessageBox.StandardButton.Yes)
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        assert window.statusBar().currentMessage() == (
            "Pre-annotation cancelled: 1 article not pre-annotated yet; File ▸ Pre-annotate All does them"
        )
    finally:
        window.close()


@pytest.mark.slow  # a window, a copy and a second opening: seconds
def test_a_copy_that_the_window_goes_on_with_drops_the_old_project_s_paused_pre_annotation(
    qtbot: QtBot, project_path: Path, tmp_path: Path, batches: Batches, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy's end opens the copy (the project's file was deleted): the pre-annotation it
    paused belongs to the project being closed, and resumed for it in the moment before the
    switch it loaded a model and started a child process only to be cancelled."""
    opened_runs: list[Path] = []

    def opened_work(path: Path) -> Work:
        opened_runs.append(path)
        return _quick(None)

    monkeypatch.setattr(bridge, "preannotate_opened_work", opened_work)
    window = _idle_window(qtbot, project_path)
    copy = tmp_path / "copy.annotator.db"
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: copy)
    try:
        _preannotate_all(window)
        assert batches.batches_started.wait(5)
        # Deleted while open: the copy is where the window goes on (`save_copy_dialog`).
        monkeypatch.setattr(
            "annotator.ui.project_files.is_gone", lambda project: project.path == project_path
        )
        window.registry["save_copy"].trigger()
        qtbot.waitUntil(lambda: window.project is not None and window.project.path == copy, timeout=30_000)
        qtbot.waitUntil(lambda: not window.busy, timeout=30_000)
        qtbot.wait(100)  # a resume queued for the old project would have run by now
        assert len(batches.keeps) == 1  # Ctrl+P's run only: none resumed for the closed project
        assert window.status_bar.model_label.text() != "pre-annotation paused"
    finally:
        window.close()


def _held_export(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """An export that starts (the first event) and ends once the second is set."""
    exported = threading.Event()
    release_export = threading.Event()

    def export_work(*_args: object, **_kwargs: object) -> Work:
        def work(_progress: ProgressFn, _cancel: CancelFn) -> ExportResult:
            exported.set()
            release_export.wait(10)
            return ExportResult(Path("out.jsonl"), "jsonl", articles=1, claims=0)

        return work

    monkeypatch.setattr(bridge, "export_work", export_work)
    return exported, release_export


@pytest.mark.slow  # a window opening a project that pre-annotates, an export: seconds
def test_ctrl_p_while_the_opening_s_pre_annotation_is_paused_takes_its_place(
    qtbot: QtBot, tmp_path: Path, batches: Batches, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed during an export that paused the opening's run, Ctrl+P queued a second run; after
    it the paused one resumed as well, and loaded the model again only to find nothing left."""
    opened_runs: list[Path] = []
    all_runs: list[object] = []

    def opened_work(path: Path) -> Work:
        opened_runs.append(path)
        return batches.work(path, None)

    def preannotate_work(_path: Path, ids: object, _keep: frozenset[int] = frozenset()) -> Work:
        all_runs.append(ids)
        return _quick(None)

    monkeypatch.setattr(bridge, "preannotate_opened_work", opened_work)
    monkeypatch.setattr(bridge, "preannotate_work", preannotate_work)
    exported, release_export = _held_export(monkeypatch)
    project_path = make_project(tmp_path / "fresh.annotator.db", wikinews_texts()[:2], analyse=False)
    window = open_window(qtbot, project_path)  # its opening pre-annotates
    try:
        assert batches.batches_started.wait(10)
        window.transfers.export_to(tmp_path / "out.jsonl", "jsonl", confirmed=True)
        assert exported.wait(10)
        qtbot.waitUntil(lambda: window.status_bar.model_label.text() == "pre-annotation paused")
        _preannotate_all(window)  # Pre-annotate All does what the opening's run does, and more
        release_export.set()
        qtbot.waitUntil(lambda: all_runs == [None], timeout=10_000)
        qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
        qtbot.wait(100)  # the paused run's resume, had it been kept, has come by now
        assert opened_runs == [project_path] and all_runs == [None]
        assert window.status_bar.model_label.text() != "pre-annotation paused"
    finally:
        window.close()


@pytest.mark.slow  # a window and an export: seconds
def test_ctrl_p_while_pre_annotate_all_is_paused_is_not_queued_and_says_so(
    qtbot: QtBot, project_path: Path, tmp_path: Path, batches: Batches, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _idle_window(qtbot, project_path)
    exported, release_export = _held_export(monkeypatch)
    try:
        _preannotate_all(window)
        assert batches.batches_started.wait(5)
        _preannotate_all(window)  # again, while it runs: the run under way does the same
        assert "already under way" in window.statusBar().currentMessage()
        window.transfers.export_to(tmp_path / "out.jsonl", "jsonl", confirmed=True)
        assert exported.wait(10)
        qtbot.waitUntil(lambda: not window.runner.running("pre-annotate"))
        _preannotate_all(window)  # while it is paused
        assert "paused" in window.statusBar().currentMessage()
        assert not window.runner.running("pre-annotate")
        batches.batches_started.clear()
        release_export.set()
        qtbot.waitUntil(lambda: window.runner.running("pre-annotate") and not window.runner.running("export"))
        assert batches.batches_started.wait(5)
        assert len(batches.keeps) == 2  # the first run and its resume, nothing queued besides
        assert [task.name for task in window.runner.tasks] == ["pre-annotate"]
    finally:
        window.close()


@pytest.mark.slow  # a window opening a project that pre-annotates: seconds
def test_ctrl_p_while_the_opening_s_pre_annotation_runs_takes_its_place_without_a_cancelled(
    qtbot: QtBot, tmp_path: Path, batches: Batches, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pre-annotate All does what the opening's run does and more: waiting behind it, the
    person's run started only after the whole of the opening's."""
    opened_runs: list[Path] = []
    all_runs: list[object] = []

    def opened_work(path: Path) -> Work:
        opened_runs.append(path)
        return batches.work(path, None)  # never ends unless cancelled

    def preannotate_work(_path: Path, ids: object, _keep: frozenset[int] = frozenset()) -> Work:
        all_runs.append(ids)
        return _quick(None)

    monkeypatch.setattr(bridge, "preannotate_opened_work", opened_work)
    monkeypatch.setattr(bridge, "preannotate_work", preannotate_work)
    project_path = make_project(tmp_path / "fresh.annotator.db", wikinews_texts()[:2], analyse=False)
    window = open_window(qtbot, project_path)
    try:
        assert batches.batches_started.wait(10)
        _preannotate_all(window)
        qtbot.waitUntil(lambda: all_runs == [None] and not window.busy, timeout=10_000)
        qtbot.wait(100)
        assert opened_runs == [project_path] and batches.cancelled_runs == 1
        assert window.statusBar().currentMessage() != "Cancelled"
    finally:
        window.close()


def _articles_for_the_real_child(path: Path) -> tuple[Path, int]:
    """A handful of Wikinews articles, pre-annotated by hand and set to the rules, which load in
    a moment in any child: Pre-annotate All then does every article again."""
    from annotator.nlp import FALLBACK_NAME
    from annotator.services.preannotate import PIPELINE_META_KEY

    folder = Path(__file__).parents[1] / "data" / "wikinews"
    texts = [(file.stem, file.read_text("utf-8")) for file in sorted(folder.glob("*.txt"))]
    make_project(path, [*texts, *wikinews_texts()])
    with open_project(path) as project:
        store_of(project).set_meta(PIPELINE_META_KEY, FALLBACK_NAME)
        return path, len(project.article_ids())


@pytest.mark.slow  # a window, two real children (pre-annotation, export) and a third (its resume)
def test_an_export_asked_as_pre_annotate_all_starts_pauses_the_real_child_and_it_resumes(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child still starting (importing spaCy, loading the pipeline) when the export comes is
    ended at once, the export writes its file, and the pre-annotation starts again and does
    every article."""
    from annotator.nlp import FALLBACK_NAME, load_pipeline

    path, articles = _articles_for_the_real_child(tmp_path / "real.annotator.db")
    out = tmp_path / "out.jsonl"
    runs: list[bool] = []  # at each pre-annotation's start: had the export written its file?
    real_work = bridge.preannotate_work

    def preannotate_work(
        project_path: Path, ids: list[int] | None, keep: frozenset[int] = frozenset()
    ) -> Work:
        runs.append(out.exists())
        return real_work(project_path, ids, keep)

    monkeypatch.setattr(bridge, "preannotate_work", preannotate_work)
    window = _idle_window(qtbot, path)
    try:
        _preannotate_all(window)
        window.transfers.export_to(out, "jsonl", confirmed=True)
        assert runs == [False]
        qtbot.waitUntil(
            lambda: window.status_bar.model_label.text() == "pre-annotation paused", timeout=10_000
        )
        assert window.runner.running("export")
        qtbot.waitUntil(lambda: len(runs) == 2, timeout=60_000)
        assert runs == [False, True]  # resumed once the export had written its file
        assert not window.runner.running("export")
        qtbot.waitUntil(lambda: not window.busy, timeout=60_000)
        assert window.statusBar().currentMessage().startswith("Pre-annotated")
    finally:
        window.close()
    assert len(out.read_text("utf-8").splitlines()) == articles
    rules = load_pipeline(FALLBACK_NAME).info
    with open_project(path, create=False) as project:
        assert project.articles_needing_analysis(rules) == []
        assert all(project.analysis_pipeline(i) == rules for i in project.article_ids())
        assert project.integrity_check() == "ok"
