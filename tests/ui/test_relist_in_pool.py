"""The article list read again after a merge, an import or another program's save is read in
the pool: on a team file of 5,000 articles the read held the keys for 0.17-0.25 s. Meanwhile
the keys act on what the window shows, and an answer older than the person's edit or than a
newer read does not overwrite them."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import annotator.services.merging as team_service
from annotator.core.model import ArticleSummary
from annotator.services.project import Project, open_project
from annotator.ui import merge_pick
from tests.services.team_data import build_annotator_projects
from tests.ui.conftest import make_project, open_window, select_words
from tests.ui.test_changed_elsewhere import import_in_another_process


class HeldReads:
    """`Project.articles()` of the whole list, recorded with its thread; reads off the UI thread
    wait, after reading, until let go (their answer is then older than what came meanwhile)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ui_thread = threading.get_ident()
        self.threads: list[int] = []
        self.ui_stacks: list[str] = []  # where each read on the UI thread came from
        self.gates: list[threading.Event] = []
        self.hold = False
        real = Project.articles

        def articles(project: Project, article_ids: Any = None) -> list[ArticleSummary]:
            read = real(project, article_ids)
            if article_ids is None:
                self.threads.append(threading.get_ident())
                if threading.get_ident() == self.ui_thread:
                    self.ui_stacks.append("".join(traceback.format_stack(limit=8)))
                if self.hold and threading.get_ident() != self.ui_thread:
                    gate = threading.Event()
                    self.gates.append(gate)
                    gate.wait(30)
            return read

        monkeypatch.setattr(Project, "articles", articles)

    def on_ui_thread(self) -> int:
        """How many reads of the whole list were made on the UI thread (`ui_stacks` say where)."""
        return sum(1 for thread in self.threads if thread == self.ui_thread)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldReads]:
    held = HeldReads(monkeypatch)
    yield held
    for gate in held.gates:
        gate.set()


def _merge(window: Any) -> None:
    window.registry["merge"].trigger()


def _close_report(qtbot: QtBot, window: Any) -> None:
    qtbot.waitUntil(lambda: window.team.merge_report is not None and window.team.merge_report.isVisible())
    box: QMessageBox = window.team.merge_report
    box.close()


def test_a_key_during_the_relist_after_a_merge_acts_on_the_article_shown(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: HeldReads
) -> None:
    team_path = tmp_path / "team.db"
    alice, bob = build_annotator_projects(tmp_path / "people")[:2]
    with open_project(team_path) as team:
        team_service.merge_files(team, [alice])
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(bob)], "Projects (*.db)"))
    window = open_window(qtbot, team_path, annotator="dana")
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.project_watch.stop()  # only the merge's end lists the articles here
        assert window.article is not None and window.project is not None
        first = window.article.article.id
        reads.threads.clear()
        reads.hold = True
        _merge(window)
        qtbot.waitUntil(lambda: bool(reads.gates), timeout=30_000)  # the list is being read
        assert reads.on_ui_thread() == 0
        _close_report(qtbot, window)
        window.activateWindow()  # the label keys act in the active window
        qtbot.waitUntil(window.isActiveWindow)
        # The person goes on: the next article, and a label on it, while the list is out.
        window.article_list.setFocus()
        qtbot.keyClick(window.article_list, Qt.Key.Key_Down)
        assert window.article is not None
        second = window.article.article.id
        assert second != first
        select_words(qtbot, window, 0, 2)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        assert [c.annotator for c in window.project.claims(second)].count("dana") == 1
        for gate in reads.gates:
            gate.set()
        qtbot.waitUntil(lambda: window.articles.model.row_of(second) is not None and not window.listing)
        qtbot.wait(50)
        # The answer, read before the label, keeps the label's row as saved and the place.
        row = window.articles.model.summary(window.articles.model.row_of(second))
        assert row.claim_count == len(window.project.claims(second))
        assert window.article.article.id == second
        current = window.article_list.currentIndex()
        assert window.articles.filter.mapToSource(current).row() == window.articles.model.row_of(second)
        assert reads.on_ui_thread() == 0
    finally:
        window.close()


def test_an_answer_overtaken_by_a_newer_read_is_dropped(
    qtbot: QtBot, tmp_path: Path, reads: HeldReads
) -> None:
    path = make_project(tmp_path / "p.annotator.db", [("One", "The council met."), ("Two", "Prices rose.")])
    window = open_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        window.project_watch.stop()  # only these reads list the articles
        reads.threads.clear()
        reads.hold = True
        window.reload_articles()  # reads two articles, then waits
        qtbot.waitUntil(lambda: len(reads.gates) == 1, timeout=10_000)
        import_in_another_process(path, tmp_path / "new.txt")
        window.reload_articles()  # reads three
        qtbot.waitUntil(lambda: len(reads.gates) == 2, timeout=10_000)
        reads.gates[1].set()
        qtbot.waitUntil(lambda: len(window.articles.summaries()) == 3, timeout=10_000)
        reads.gates[0].set()  # the older answer comes last
        # Answered, if only to be dropped: a fixed wait let a late answer (on a loaded machine)
        # come after the check, which then passed whatever the answer did.
        qtbot.waitUntil(lambda: not window.listing, timeout=10_000)
        assert len(window.articles.summaries()) == 3
        assert reads.on_ui_thread() == 0
    finally:
        window.close()


def test_an_answer_for_a_project_closed_meanwhile_is_dropped(
    qtbot: QtBot, tmp_path: Path, reads: HeldReads
) -> None:
    first = make_project(tmp_path / "a.annotator.db", [("One", "The council met."), ("Two", "Prices rose.")])
    second = make_project(tmp_path / "b.annotator.db", [("Three", "The mayor spoke.")])
    window = open_window(qtbot, first)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        window.project_watch.stop()  # only these reads list the articles
        reads.threads.clear()
        reads.hold = True
        window.reload_articles()
        qtbot.waitUntil(lambda: len(reads.gates) == 1, timeout=10_000)
        window.open_project(second, create=False)
        qtbot.waitUntil(lambda: len(reads.gates) == 2, timeout=10_000)  # the opening's own read
        reads.gates[1].set()
        qtbot.waitUntil(lambda: [s.title for s in window.articles.summaries()] == ["Three"], timeout=10_000)
        qtbot.waitUntil(lambda: not window.busy, timeout=60_000)
        reads.gates[0].set()
        qtbot.waitUntil(lambda: not window.listing, timeout=10_000)  # answered, and dropped
        assert [s.title for s in window.articles.summaries()] == ["Three"]
        assert window.article is not None and window.article.article.title == "Three"
    finally:
        window.close()


def test_another_program_s_articles_are_listed_from_the_pool(
    qtbot: QtBot, tmp_path: Path, reads: HeldReads
) -> None:
    path = make_project(tmp_path / "p.annotator.db", [("One", "The council met."), ("Two", "Prices rose.")])
    window = open_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        reads.threads.clear()
        import_in_another_process(path, tmp_path / "new.txt")
        window.project_watch.check()
        qtbot.waitUntil(lambda: len(window.articles.summaries()) == 3, timeout=10_000)
        assert reads.threads and reads.on_ui_thread() == 0
    finally:
        window.close()


def test_the_watch_during_the_window_s_pre_annotation_reads_the_list_in_the_pool(
    qtbot: QtBot, tmp_path: Path, reads: HeldReads
) -> None:
    """Its batches are saved every few seconds for an hour: each look read the list on the UI
    thread to find whether another program's rows came with them."""
    from annotator.ui.transfers import PREANNOTATION_TASK
    from annotator.ui.workers import Task

    path = make_project(tmp_path / "p.annotator.db", [("One", "The council met."), ("Two", "Prices rose.")])
    window = open_window(qtbot, path)
    told: list[bool] = []
    window.events.savedElsewhere.connect(lambda: told.append(True))
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        window.project_watch.stop()  # only these looks list the articles
        task = Task(lambda _progress, _cancel: None, name=PREANNOTATION_TASK)
        window.runner.tasks.append(task)  # as while the window pre-annotates
        reads.threads.clear()
        import_in_another_process(path, tmp_path / "new.txt")
        window.project_watch.check()
        qtbot.waitUntil(lambda: len(window.articles.summaries()) == 3, timeout=10_000)
        qtbot.waitUntil(lambda: not window.listing)  # every read answered: none left to tell again
        assert reads.threads and reads.on_ui_thread() == 0
        assert told == [True]  # the open panels read another's save once
        window.runner.tasks.remove(task)
    finally:
        window.close()
