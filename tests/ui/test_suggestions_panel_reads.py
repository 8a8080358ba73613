"""The Suggestions panel reads its queue in the thread pool: busy meanwhile, never an old answer.

On 5,000 articles the queue took seconds to read (minutes with a 1 MB article), on the UI
thread, at every showing of the panel and every edit while it was open. These tests hold a
read in the pool with a gate where they need the panel to be mid-read, and check what the
person sees and what the store holds; `benchmarks/bench_large_project.py` prints the times.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.services.project import open_project, store_of
from annotator.services.suggestions import TrainOptions, train_claim_model
from annotator.store.suggestions import replace_suggestions, suggestions
from annotator.ui import suggestions as ui_suggestions
from annotator.ui.main_window import MainWindow
from tests.data.subjectivity import newssd
from tests.ui.conftest import open_window


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """NewsSD sentences with a trained model: 20 unlabelled candidates with suggestions."""
    return newssd.make_trained_project(tmp_path_factory.mktemp("trained") / "p.annotator.db")


@pytest.fixture
def project_path(trained: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(trained, tmp_path / "p.annotator.db"))


class Gate:
    """Counts the queue reads and where they run; while closed, holds pool reads of `path`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads: list[tuple[str, bool]] = []  # (project file name, on the UI thread)
        self.held: Path | None = None
        self.opened = threading.Event()
        original = ui_suggestions.suggestion_queue_rows

        def reading(project: Any, **kwargs: Any) -> Any:
            on_ui = threading.current_thread() is threading.main_thread()
            self.reads.append((project.path.name, on_ui))
            if not on_ui and self.held is not None and project.path == self.held:
                assert self.opened.wait(20), "the test never opened the gate"
            return original(project, **kwargs)

        monkeypatch.setattr(ui_suggestions, "suggestion_queue_rows", reading)

    def hold(self, path: Path) -> None:
        self.held = path
        self.opened.clear()

    def open(self) -> None:
        self.opened.set()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    found = Gate(monkeypatch)
    yield found
    found.open()  # never leave a pool thread waiting


def _window(qtbot: QtBot, path: Path) -> MainWindow:
    window = open_window(qtbot, path, annotator="ana")
    window.suggestions.panel.threshold.setValue(0)  # type: ignore[attr-defined]
    return window


def _show_panel(qtbot: QtBot, window: MainWindow) -> Any:
    """Suggestions ▸ Suggestions Panel, as a person opens it, and the panel once it has read."""
    window.registry["suggestions_panel"].trigger()
    panel = window.suggestions.panel  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not getattr(panel, "loading", False), timeout=10_000)
    return panel


def test_showing_the_panel_reads_in_the_pool_saying_so_then_lists_the_rows(
    qtbot: QtBot, project_path: Path, gate: Gate
) -> None:
    window = _window(qtbot, project_path)
    try:
        panel = window.suggestions.panel  # type: ignore[attr-defined]
        gate.hold(project_path)
        window.registry["suggestions_panel"].trigger()
        assert window.suggestions.dock.isVisible()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: bool(gate.reads))  # the read has started, and is held
        QApplication.processEvents()
        reading = getattr(panel, "reading", None)
        assert reading is not None and reading.isVisible() and reading.text() == "Reading suggestions…"
        assert panel.busy.isVisible() and panel.model.rowCount() == 0
        gate.open()
        qtbot.waitUntil(lambda: panel.model.rowCount() == 20)
        assert not panel.reading.isVisible() and not panel.busy.isVisible()
        assert gate.reads == [(project_path.name, False)]  # once, in the pool
        assert panel.summary.text().startswith("Held-out check: right on ")
        assert all(i.suggestion is not None and i.human_label is None for i in panel.model.items())
    finally:
        window.close()


def test_enter_in_the_panel_accepts_what_the_store_holds_while_the_rows_are_read_again(
    qtbot: QtBot, project_path: Path, gate: Gate
) -> None:
    """The rows are what the pool read last; the store may have moved on (another window on the
    file suggested anew). Enter, J and K act on the store's candidate, and the queue continues
    from the next row once the new rows arrive."""
    window = _window(qtbot, project_path)
    try:
        panel = _show_panel(qtbot, window)
        first, second, third = panel.model.items()[:3]
        # Another window on the same file: new suggestions for the first two rows, the other label.
        flipped = {}
        with open_project(project_path) as elsewhere:
            store = store_of(elsewhere)
            stored = suggestions(store, first.article_id)
            for s in stored:
                if (s.start, s.end) in {(first.start, first.end), (second.start, second.end)}:
                    label = ClaimLabel.OPINION if s.label is ClaimLabel.FACTUAL else ClaimLabel.FACTUAL
                    flipped[(s.start, s.end)] = label
                    stored[stored.index(s)] = replace(s, label=label)
            replace_suggestions(store, stored[0].model_id, stored, article_ids=[first.article_id])
        assert len(flipped) == 2
        gate.hold(project_path)  # the reads after each Enter stay in flight
        panel.list.setFocus()
        panel.list.setCurrentIndex(panel.model.index(0, 0))
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
        moved = panel.current_item()  # the old rows stay meanwhile, on the next one
        assert moved is not None and (moved.start, moved.end) == (second.start, second.end)
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
        assert window.project is not None
        made = {(c.start, c.end): (c.label, c.annotator) for c in window.project.claims(first.article_id)}
        assert made == {span: (label, "ana") for span, label in flipped.items()}
        assert getattr(panel, "loading", False) and panel.reading.isVisible()
        # K in the panel lands on the second candidate: what a person gave it now, not the old row.
        qtbot.keyClick(panel.list, Qt.Key.Key_K)
        assert window.view.selected_span() == (second.start, second.end)
        said = window.statusBar().currentMessage()
        assert said.startswith("Labelled ") and said.endswith(" by a person")
        gate.open()
        qtbot.waitUntil(lambda: not getattr(panel, "loading", False), timeout=10_000)
        assert panel.model.rowCount() == 18
        assert panel.current_item() == third  # the queue goes on from the next candidate
    finally:
        window.close()


def test_an_answer_for_a_project_no_longer_open_is_dropped(
    qtbot: QtBot, project_path: Path, tmp_path: Path, gate: Gate
) -> None:
    other = newssd.make_project(tmp_path / "other.annotator.db", unlabelled=10)  # no model yet
    window = _window(qtbot, project_path)
    try:
        panel = _show_panel(qtbot, window)
        assert panel.model.rowCount() == 20
        shown: list[int] = []
        panel.model.modelReset.connect(lambda: shown.append(panel.model.rowCount()))
        gate.hold(project_path)
        panel.reload()
        qtbot.waitUntil(lambda: len(gate.reads) == 2)  # the first project's read is in the pool
        window.open_project(other, create=False)
        assert panel.model.rowCount() == 0  # the first project's rows are gone at once
        assert panel.current_item() is None
        gate.open()
        qtbot.waitUntil(lambda: not getattr(panel, "loading", False), timeout=10_000)
        assert panel.model.rowCount() == 10
        assert panel.summary.text().startswith("No model yet")
        assert 20 not in shown, "the first project's answer was shown in the second's panel"
        assert [name for name, _ui in gate.reads] == [project_path.name] * 2 + [other.name]
    finally:
        window.close()


def test_a_burst_of_labels_is_read_once(qtbot: QtBot, project_path: Path, gate: Gate) -> None:
    window = _window(qtbot, project_path)
    try:
        panel = _show_panel(qtbot, window)
        article_id = panel.model.item(0).article_id  # nobody has labelled it
        window.select_article(article_id)
        gate.reads.clear()
        window.view.setFocus()
        window.view.scroll_to(0)
        for _ in range(3):
            qtbot.keyClick(window.view, Qt.Key.Key_J)
            qtbot.keyClick(window.view, Qt.Key.Key_1)
        assert window.project is not None and len(window.project.claims(article_id)) == 3
        qtbot.waitUntil(lambda: not getattr(panel, "loading", False), timeout=10_000)
        assert gate.reads == [(project_path.name, False)]
        assert panel.model.rowCount() == 17
    finally:
        window.close()


def test_a_long_queue_is_given_to_the_view_a_chunk_at_a_time(
    qtbot: QtBot,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    """A tree view laid out all 184,000 rows at every reload (half a second); it is given them
    as it scrolls, and a candidate asked for (J, Enter's next row) is given at once."""
    from annotator.core.suggestions import QueueItem
    from annotator.ui.suggestions import SuggestionModel, SuggestionPanel

    items = [QueueItem(1 + n // 100, n, n + 1, 0.5, None, None, f"Candidate {n}.") for n in range(1_200)]
    panel = SuggestionPanel()
    qtbot.addWidget(panel)
    model = panel.model
    model.set_items(items)
    assert model.rowCount() == SuggestionModel.CHUNK < len(model.items()) == 1_200
    far = items[1_100]
    assert panel.select(far.article_id, far.start, far.end) == far
    assert model.rowCount() == 1_200 and panel.list.currentIndex().row() == 1_100
    model.set_items(items)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1_200
    model.set_items(items)
    qtmodeltester.check(model)  # fetches as a view would


def test_the_threshold_counts_hidden_suggestions_without_walking_every_row_on_the_ui_thread(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary's "N suggestions below T% hidden" was counted row by row on the UI thread, at
    each reload and each step of the threshold (30 ms for 184,000 candidates); the counts stay."""
    from annotator.core.suggestions import QueueRows

    walks: list[bool] = []  # one per walk of every row's confidence: on the UI thread?
    original = QueueRows.suggestion_confidences

    def walking(self: QueueRows) -> Any:
        walks.append(threading.current_thread() is threading.main_thread())
        return original(self)

    monkeypatch.setattr(QueueRows, "suggestion_confidences", walking)
    window = _window(qtbot, project_path)
    try:
        panel = _show_panel(qtbot, window)
        confidences = [i.suggestion.confidence for i in panel.model.items() if i.suggestion is not None]
        assert len(confidences) == 20
        # Up and down the threshold with the keyboard, and onto a suggestion's own confidence.
        panel.threshold.setFocus()
        steps = [*sorted({round(c * 100) for c in confidences})[:3], 99, 0]
        for value in steps:
            for _ in range(101):  # bounded: a key that missed the box would loop for ever
                if panel.threshold.value() == value:
                    break
                key = Qt.Key.Key_Up if panel.threshold.value() < value else Qt.Key.Key_Down
                qtbot.keyClick(panel.threshold, key)
                hidden = sum(round(c * 100) < panel.threshold.value() for c in confidences)  # as shown
                expected = f"{hidden} suggestions below {panel.threshold.value()}% hidden"
                assert expected in panel.summary.text()
            assert panel.threshold.value() == value
        assert True not in walks  # never on the UI thread
    finally:
        window.close()


def test_the_label_column_shows_its_rows_whole_after_each_answer_and_the_candidate_takes_the_rest(
    qtbot: QtBot, project_path: Path
) -> None:
    """The label is fitted once per answer, not at every layout of the panel (each layout measured
    it again, thousands of calls of the model at each reload on a large project): a label wider
    than the last answer's, or a wider text at the threshold's change, is still whole. The
    candidate's sentence stretches over the rest of the list, and nothing scrolls sideways: beside
    a label and a confidence column it kept about five characters on a laptop."""
    label, candidate = ui_suggestions.SuggestionModel.LABEL, ui_suggestions.SuggestionModel.CANDIDATE
    window = _window(qtbot, project_path)
    try:
        panel = _show_panel(qtbot, window)
        header, view = panel.list.header(), panel.list

        def cut() -> bool:
            return header.sectionSize(label) < view.sizeHintForColumn(label)

        def candidate_takes_the_rest() -> bool:
            room = view.viewport().width()
            return header.sectionSize(candidate) + header.sectionSize(label) == room and header.sectionSize(
                candidate
            ) > header.sectionSize(label)

        assert panel.model.rowCount() == 20 and not cut()
        assert header.visualIndex(candidate) == 0 and candidate_takes_the_rest()
        assert not view.horizontalScrollBar().isVisible()
        panel.threshold.setValue(99)  # every suggestion hidden: "—", narrower
        assert not cut() and candidate_takes_the_rest()
        narrow = header.sectionSize(label)
        panel.threshold.setValue(0)  # "Factual? 62%" again, wider
        assert not cut() and header.sectionSize(label) > narrow and candidate_takes_the_rest()
        panel.unlabelled.setChecked(False)
        qtbot.waitUntil(lambda: not panel.loading, timeout=10_000)
        assert not cut() and candidate_takes_the_rest()
    finally:
        window.close()


def test_the_open_panel_follows_a_model_trained_and_labels_saved_by_another_program(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """`annotator train` run beside the window left the open panel saying "No model yet", and
    a teammate's labels left their candidates listed as unlabelled, until it was shown again."""
    path = newssd.make_project(tmp_path / "p.annotator.db")
    window = _window(qtbot, path)
    try:
        panel = _show_panel(qtbot, window)
        assert panel.summary.text().startswith("No model yet")
        window.project_watch.took_note()
        with open_project(path, create=False) as other:  # `annotator train`, as the command runs it
            train_claim_model(other, options=TrainOptions())
        window.project_watch.check()
        qtbot.waitUntil(lambda: panel.summary.text().startswith("Held-out check: "), timeout=20_000)
        qtbot.waitUntil(lambda: not panel.loading, timeout=10_000)
        listed = panel.model.rowCount()
        first = panel.model.item(0)
        with open_project(path, create=False) as other:  # a teammate labels the first candidate
            other.add_claim(first.article_id, first.start, first.end, "factual", annotator="bob")
        window.project_watch.check()
        qtbot.waitUntil(lambda: not panel.loading and panel.model.rowCount() == listed - 1, timeout=20_000)
    finally:
        window.close()
