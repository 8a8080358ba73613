"""A window left open on a project, untouched, costs the laptop next to nothing: the project
watch's look every two seconds (`ui.project_watch`) asks SQLite whether another program saved
(`PRAGMA data_version`) and reads nothing more while nothing changed, and starts no process."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.services.project import store_of
from annotator.store import keeper
from tests.read_only_files import small_disk, write_protected
from tests.ui.conftest import make_project, open_window, wikinews_texts

LOOKS = 5
"""How many looks of the project watch each test waits through."""


def _close_boxes() -> None:
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox) and box.isVisible():
            box.close()


@pytest.fixture
def keepers_started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The project of each keeping process started from now on (`store.keeper`)."""
    started: list[Path] = []
    start = keeper.ProjectKeeper.start

    def counted(self: keeper.ProjectKeeper) -> None:
        started.append(self.path)
        start(self)

    monkeypatch.setattr(keeper.ProjectKeeper, "start", counted)
    yield started


def test_an_idle_window_reads_nothing_from_the_project_while_nothing_changed(
    qtbot: QtBot, project_path: Path
) -> None:
    """Asking whether another program saved is the watch's one query while nothing changed."""
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        assert window.project is not None
        statements: list[str] = []
        store_of(window.project).conn.set_trace_callback(statements.append)
        for _ in range(LOOKS):
            window.project_watch.check()
            qtbot.wait(50)
        assert statements.count("PRAGMA data_version") == LOOKS
        assert [s for s in statements if s != "PRAGMA data_version"] == []
    finally:
        window.close()


@pytest.mark.skipif(not keeper.NEEDED, reason="no keeping process where locks are per handle")
def test_a_project_on_a_write_protected_stick_starts_no_process_every_two_seconds(
    qtbot: QtBot, keepers_started: list[Path]
) -> None:
    """On a write-protected stick, a CD or a read-only share the keeping process cannot open the
    project (SQLite has no `-shm` to read it through there) and ends at once; the watch started
    a new one, a whole Python, at each look: 1.6 s of CPU a minute for a window left open, the
    laptop's fan and battery going while nobody touched it. Nothing can be saved to such a
    project, so there is nothing for a keeper to guard."""
    with small_disk() as disk:
        path = make_project(disk / "from Zoë.annotator.db", wikinews_texts())
        with write_protected(disk):
            window = open_window(qtbot, path)
            try:
                qtbot.waitUntil(lambda: window.project is not None and window.project.read_only)
                _close_boxes()  # said read-only at the opening
                for _ in range(LOOKS):
                    qtbot.wait(200)  # a keeper that fails ends in this time, and is seen gone
                    window.project_watch.check()
                assert keepers_started == []
            finally:
                window.close()


@pytest.mark.skipif(not keeper.NEEDED, reason="no keeping process where locks are per handle")
def test_a_keeper_that_cannot_hold_the_project_is_not_started_again_at_each_look(
    qtbot: QtBot,
    project_path: Path,
    keepers_started: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A keeper that ends before it holds the project (its SQLite open refused) would end the
    same way again: it is said once in the log, and not started at every look for as long as
    the window is open."""
    start = keeper.ProjectKeeper.start

    def refused(self: keeper.ProjectKeeper) -> None:
        self.path = project_path.with_name("not there.annotator.db")  # its open is refused
        start(self)

    monkeypatch.setattr(keeper.ProjectKeeper, "start", refused)
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        for _ in range(LOOKS):
            qtbot.wait(400)  # the keeper ends in this time, and is seen gone
            window.project_watch.check()
        assert len(keepers_started) == 1
        assert [r.message for r in caplog.records if r.name == keeper.__name__] == [
            f"the process keeping {keepers_started[0]} open ended before it held it; not started again"
        ]
    finally:
        window.close()


def test_the_statistics_are_not_worked_out_while_nobody_sees_them_nor_several_at_once(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program saving every two seconds (a pre-annotation run in a terminal) had the
    statistics left open with the window minimized work agreement out at each save, several at
    once: 32 s of CPU a minute on 500 articles for figures nobody saw. Minimized, nothing is
    worked out; restored, once; saves while figures are being worked out make one more."""
    from annotator.ui import dashboard as dashboard_ui

    computed: list[int] = []
    team_stats = dashboard_ui.team_stats

    def counted(*args: object, **kwargs: object) -> object:
        computed.append(1)
        time.sleep(1.5)  # agreement on a large team file takes seconds
        return team_stats(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboard_ui, "team_stats", counted)
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.registry["statistics"].trigger()
        dialog = window.team.dashboard_dialog
        assert dialog is not None
        dashboard = dialog.dashboard
        qtbot.waitUntil(lambda: dashboard.stats is not None, timeout=15_000)
        assert len(computed) == 1
        for _ in range(3):  # saves while computing: one more computation after it
            window.events.savedElsewhere.emit()
            qtbot.wait(dashboard_ui.REFRESH_AFTER_EDIT_MS + 100)
        qtbot.waitUntil(lambda: len(computed) == 3 and not dashboard.busy.isVisible(), timeout=15_000)
        qtbot.wait(dashboard_ui.REFRESH_AFTER_EDIT_MS + 300)
        assert len(computed) == 3
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized)
        assert dashboard._unseen(), [(w, w.isVisible(), w.isMinimized()) for w in dashboard._windows()]
        for _ in range(3):
            window.events.savedElsewhere.emit()
            qtbot.wait(dashboard_ui.REFRESH_AFTER_EDIT_MS + 100)
        qtbot.wait(500)
        assert len(computed) == 3
        window.showNormal()
        qtbot.waitUntil(lambda: len(computed) == 4, timeout=5_000)
        qtbot.waitUntil(lambda: not dashboard.busy.isVisible(), timeout=15_000)
        qtbot.wait(dashboard_ui.REFRESH_AFTER_EDIT_MS + 300)
        assert len(computed) == 4
    finally:
        window.close()


def test_the_suggestions_panel_reads_nothing_while_the_window_is_minimized(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Minimized with the Suggestions panel open, the window read the panel's whole queue again
    at each save of another program: once restored, one read shows what they saved."""
    from annotator.ui.suggestions import SuggestionPanel

    reads: list[int] = []
    start_read = SuggestionPanel._start_read

    def counted(panel: SuggestionPanel) -> None:
        reads.append(1)
        start_read(panel)

    monkeypatch.setattr(SuggestionPanel, "_start_read", counted)
    window = open_window(qtbot, project_path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.registry["suggestions_panel"].trigger()
        panel = window.suggestions.panel
        qtbot.waitUntil(lambda: reads != [] and not panel.loading, timeout=15_000)
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized)
        before = len(reads)
        for _ in range(3):
            window.events.savedElsewhere.emit()
            qtbot.wait(700)
        assert len(reads) == before
        window.showNormal()
        qtbot.waitUntil(lambda: len(reads) == before + 1, timeout=5_000)
        qtbot.waitUntil(lambda: not panel.loading, timeout=15_000)
    finally:
        window.close()
