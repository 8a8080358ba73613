"""The suggestion flow in the real window: train in the background, see suggestions, Enter accepts.

The project is NewsSD sentences (see tests/data/ATTRIBUTION.md): 30 labelled
pseudo-articles to train on and two unlabelled ones to label with suggestions.
Training uses a blank tokenizer (no `model` marker) and takes a few seconds.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTranslator
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle
from pytestqt.qtbot import QtBot

from annotator.core.commands import AddClaim
from annotator.core.evaluation import Evaluation, LabelScore
from annotator.core.model import Claim, ClaimLabel
from annotator.core.suggestions import QueueItem, Suggestion
from annotator.services.project import open_project, store_of
from annotator.services.suggestions import TrainOptions, suggestion_queue, train_claim_model
from annotator.store.suggestions import models, suggestions
from annotator.ui import merge_pick
from annotator.ui import services_bridge as bridge
from annotator.ui.legend import label_text
from annotator.ui.main_window import MainWindow
from annotator.ui.suggestions import SuggestionModel, TrainDialog, plain_headline
from annotator.ui.task_runner import StopAsker
from tests.data.subjectivity import newssd
from tests.ui.conftest import UI_DATA, cut_labels, larger_font, make_project, open_window, wikinews_texts

FAST = TrainOptions()


@pytest.fixture
def pool() -> QThreadPool:
    return QThreadPool()


@dataclass(frozen=True)
class Trained:
    """A NewsSD project with a model trained on it, made once for the module; a test works on a copy."""

    path: Path
    evaluation: Evaluation

    def copy(self, path: Path) -> Path:
        """The trained project copied to `path`, for one test to open and change."""
        return Path(shutil.copy(self.path, path))


def _trained(folder: Path, *, unlabelled: int) -> Trained:
    path = newssd.make_project(folder / "p.annotator.db", unlabelled=unlabelled)
    with open_project(path) as project:
        result = train_claim_model(project, options=FAST)
    return Trained(path, result.evaluation)


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Trained:
    """300 labelled NewsSD sentences and 20 new ones, trained on: the new ones carry suggestions.

    Training takes seconds; the tests of what the window does with a trained model copy it."""
    return _trained(tmp_path_factory.mktemp("trained"), unlabelled=20)


@pytest.fixture(scope="module")
def trained_all_labelled(tmp_path_factory: pytest.TempPathFactory) -> Trained:
    """`trained` without the new sentences: every candidate is labelled."""
    return _trained(tmp_path_factory.mktemp("trained-all-labelled"), unlabelled=0)


def test_train_dialog_shows_the_held_out_evaluation(qtbot: QtBot, tmp_path: Path, pool: QThreadPool) -> None:
    path = newssd.make_project(tmp_path / "p.db")
    dialog = TrainDialog(path, pool, options=FAST)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.trained, timeout=60_000) as blocker:
        dialog.start()
    result = blocker.args[0]
    qtbot.waitUntil(lambda: not dialog.running)
    assert (
        "held-out" in dialog.headline.text() and f"{result.evaluation.macro_f1:.2f}" in dialog.headline.text()
    )
    assert (
        dialog.scores.rowCount() == 2 and dialog.confusion.rowCount() == dialog.confusion.columnCount() == 2
    )
    cells = sum(int(dialog.confusion.item(r, c).text()) for r in range(2) for c in range(2))
    assert cells == result.evaluation.n_eval
    # Says what would bring the third label in, not that it never can be suggested.
    assert "does not suggest questionable. Label at least 20 questionable claims" in dialog.notes.text()
    with open_project(path) as project:
        assert [m.name for m in models(store_of(project))] == [result.model.name]
        assert len(suggestions(store_of(project))) == 320
    # Tab leaves each filled table (it walked their cells, and the buttons were out of reach).
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.scores.setFocus()
    qtbot.keyClick(dialog.scores, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.confusion
    qtbot.keyClick(dialog.confusion, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() not in (dialog.scores, dialog.confusion)
    pool.waitForDone()


def test_train_dialog_cancel_saves_nothing(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 3600.0)  # the click itself stops it, on any machine
    path = newssd.make_project(tmp_path / "p.db")
    dialog = TrainDialog(path, pool, options=TrainOptions(c_grid=tuple(float(c) for c in range(1, 200))))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.cancelled, timeout=60_000):
        dialog.start()
        qtbot.waitUntil(lambda: dialog.progress.maximum() > 0, timeout=30_000)  # training has begun
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert "no model was saved" in dialog.status.text()
    with open_project(path) as project:
        assert models(store_of(project)) == [] and suggestions(store_of(project)) == []
    pool.waitForDone()


def test_a_cancel_that_comes_as_the_model_is_saved_says_it_was_trained(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel Training pressed after training last looked at the cancel (while it saved the model
    and its suggestions, seconds on a large project) said "Cancelled; no model was saved." beside
    the new model, whose suggestions the window then never showed."""
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 3600.0)  # the click itself stops it, on any machine
    path = newssd.make_project(tmp_path / "p.db")

    def saved_as_cancelled(_path: Path, _options: TrainOptions) -> Any:
        def work(progress: Any, cancel: Any) -> Any:
            progress(1, 10, "suggesting labels")
            while not cancel():
                time.sleep(0.01)
            with open_project(path) as project:  # the save the cancel came too late to stop
                return train_claim_model(project, options=FAST)

        return work

    monkeypatch.setattr(bridge, "train_work", saved_as_cancelled)
    dialog = TrainDialog(path, pool, options=FAST)
    qtbot.addWidget(dialog)
    trained: list[object] = []
    dialog.trained.connect(trained.append)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.progress.maximum() > 0, timeout=10_000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    with open_project(path) as project:
        assert len(models(store_of(project))) == 1
    assert dialog.status.text().startswith("Trained in") and len(trained) == 1
    assert dialog.headline.text().startswith("Held-out check of claims-classifier-1")
    pool.waitForDone()


def test_train_dialog_says_when_labels_are_too_few(qtbot: QtBot, tmp_path: Path, pool: QThreadPool) -> None:
    path = newssd.make_project(tmp_path / "p.db", labelled=30)
    dialog = TrainDialog(path, pool, options=FAST)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=30_000):
        dialog.start()
    assert "at least 20" in dialog.status.text()
    pool.waitForDone()


class _Marking(QTranslator):
    """A translation of the Train dialog's lines that brackets each, so a line that did not go
    through Qt's translation shows as plain English."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"[{source}]" if context == "TrainDialog" else ""


def test_the_dialog_says_what_to_label_in_the_window_s_translated_words(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool
) -> None:
    """The readiness and the refusal were the services' English, shown as they came: no
    translation could reach them. Counted when the dialog opens, and refused by a training
    started all the same (in its child process), they are said through `tr`."""
    path = tmp_path / "p.db"
    open_project(path).close()
    marking = _Marking()
    QApplication.installTranslator(marking)
    try:
        dialog = TrainDialog(path, pool, options=FAST)
        qtbot.addWidget(dialog)
        _counted(qtbot, dialog)
        refusal = "[Label at least 20 claims each of two labels to train.]"
        assert dialog.train_button.toolTip() == refusal
        assert dialog.readiness.text() == (
            f"{refusal} [You have [0 [factual]], [0 [opinion]], [0 [questionable]] (in [0 articles]).]"
        )
        with qtbot.waitSignal(dialog.failed, timeout=30_000):
            dialog.start()
        assert dialog.status.text() == dialog.readiness.text()
    finally:
        QApplication.removeTranslator(marking)
    pool.waitForDone()


def test_a_training_s_progress_and_notes_are_said_in_the_window_s_translated_words(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Training's progress ("evaluating on the newest articles") and its notes ("No claim is
    labelled questionable…") were the services' English, shown as they came."""
    path = newssd.make_project(tmp_path / "p.db")
    marking = _Marking()
    QApplication.installTranslator(marking)
    try:
        dialog = TrainDialog(path, pool, options=FAST)
        qtbot.addWidget(dialog)
        shown: list[str] = []
        relay = dialog._progress

        def seen(done: int, total: int, message: str) -> None:
            shown.append(message)
            relay(done, total, message)

        monkeypatch.setattr(dialog, "_progress", seen)  # before Train connects it
        with qtbot.waitSignal(dialog.trained, timeout=60_000):
            dialog.start()
        qtbot.waitUntil(lambda: not dialog.running)
    finally:
        QApplication.removeTranslator(marking)
    said = {message for message in shown if message}
    assert "[evaluating on the newest articles]" in said
    assert "[suggesting labels]" in said
    # The last step of the fit and the last batch of suggestions always get through the throttle.
    assert any(message == "[training the final model]" for message in said), said
    assert all(message.startswith("[") and message.endswith("]") for message in said), said
    assert dialog.notes.text() == (
        "[No claim is labelled [questionable]: the model was trained on [factual], [opinion] only and "
        "does not suggest [questionable]. Label at least 20 [questionable] claims and train again to "
        "have it suggested.]"
    )
    pool.waitForDone()


def test_the_refusal_on_a_team_file_counts_passages_not_everyone_s_claims(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool
) -> None:
    """Three people labelled the same 9 factual and 15 opinion sentences: the dashboard shows 27
    factual claims and 45 opinion ones. The refusal said "factual has N" as if it counted the claims."""
    import dataclasses

    every = newssd.read_rows()
    rows = [r for r in every if r[1] is ClaimLabel.FACTUAL][:9] + [
        r for r in every if r[1] is ClaimLabel.OPINION
    ][:15]
    people = ("alice", "bob", "carol")
    articles = [
        dataclasses.replace(
            draft,
            claims=tuple(dataclasses.replace(c, annotator=p) for p in people for c in draft.claims),
        )
        for draft in newssd.drafts(rows, per_article=6)
    ]
    path = tmp_path / "team.db"
    with open_project(path) as project:
        project.import_drafts(articles)
        newssd.add_candidates(project)
    dialog = TrainDialog(path, pool, options=FAST)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=30_000):
        dialog.start()
    shown = dialog.status.text()
    assert shown.startswith(
        "Label 11 more factual and 5 more opinion passages to train: each label in use needs at least 20. "
        "You have 9 factual, 15 opinion, 0 questionable passages (in 4 articles)."
    )
    assert "A passage several people labelled counts once" in shown
    assert "fewer than the claims the dashboard counts" in shown
    pool.waitForDone()


def _counted(qtbot: QtBot, dialog: TrainDialog) -> None:
    """Wait for the dialog's count of the labels, made in the pool when it opens."""
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=10_000)


def test_on_an_empty_project_train_waits_and_the_dialog_says_what_to_label(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool
) -> None:
    """Train was offered at once; pressed, it said after a start "there are examples of no class only"."""
    path = tmp_path / "p.db"
    open_project(path).close()
    dialog = TrainDialog(path, pool, options=FAST)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _counted(qtbot, dialog)
    assert dialog.readiness.text() == (
        "Label at least 20 claims each of two labels to train. "
        "You have 0 factual, 0 opinion, 0 questionable (in 0 articles)."
    )
    assert not dialog.train_button.isEnabled()
    assert dialog.train_button.toolTip() == "Label at least 20 claims each of two labels to train."
    qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    assert not dialog.running
    pool.waitForDone()


def test_with_enough_labels_train_is_enabled_and_trains_as_before(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool
) -> None:
    path = newssd.make_project(tmp_path / "p.db")
    dialog = TrainDialog(path, pool, options=FAST)
    qtbot.addWidget(dialog)
    _counted(qtbot, dialog)
    counts = dialog.readiness.text()
    assert counts.startswith("You have ") and counts.endswith(" 0 questionable (in 30 articles).")
    assert dialog.train_button.isEnabled() and dialog.train_button.toolTip() == ""
    with qtbot.waitSignal(dialog.trained, timeout=60_000):
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.train_button.isEnabled()
    pool.waitForDone()


def test_the_open_dialog_counts_again_after_the_window_s_edits_and_another_s_save(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Labelling more, here or in another program, did not change what the dialog said."""
    path = newssd.make_project(tmp_path / "p.db", labelled=30)
    window = open_window(qtbot, path)
    try:
        dialog = window.suggestions.open_train_dialog()
        assert dialog is not None
        _counted(qtbot, dialog)
        assert not dialog.train_button.isEnabled()
        before = dialog.readiness.text()
        assert "(in 3 articles)" in before
        project = window.project
        assert project is not None
        new_article = max(project.article_ids())
        candidate = project.candidates(new_article)[0]
        window.run_edit(
            AddClaim(Claim(new_article, candidate.start, candidate.end, ClaimLabel.OPINION, "tester"))
        )
        qtbot.waitUntil(lambda: "(in 4 articles)" in dialog.readiness.text(), timeout=10_000)
        assert not dialog.train_button.isEnabled()
        # Another program labels enough; the window's watch hears of the save.
        with open_project(path) as elsewhere:
            elsewhere.import_drafts(newssd.drafts(newssd.read_rows()[30:330]))
        qtbot.waitUntil(dialog.train_button.isEnabled, timeout=15_000)
        assert dialog.readiness.text().startswith("You have ") and dialog.train_button.toolTip() == ""
        dialog.close()
    finally:
        window.close()
        QApplication.processEvents()


def _read(qtbot: QtBot, panel: Any) -> Any:
    """The panel once the thread pool has read its queue and the rows are shown."""
    qtbot.waitUntil(lambda: not panel.loading, timeout=10_000)
    return panel


def _train_in_window(qtbot: QtBot, window: MainWindow) -> None:
    window.registry["train_suggestions"].trigger()  # type: ignore[attr-defined]
    dialog: TrainDialog = window.suggestions.train_dialog  # type: ignore[attr-defined]
    dialog.options = FAST
    with qtbot.waitSignal(dialog.trained, timeout=60_000):
        dialog.train_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    dialog.close()
    window.activateWindow()  # window shortcuts (Enter, 1/2/3) fire only in the active window
    qtbot.waitUntil(window.isActiveWindow)


def test_window_shows_suggestions_and_enter_accepts_them(
    qtbot: QtBot,
    tmp_path: Path,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window(qtbot, newssd.make_project(tmp_path / "p.annotator.db"), annotator="ana")
    try:
        _train_in_window(qtbot, window)
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        panel.threshold.setValue(0)  # every suggestion shown (the threshold has its own test)
        assert window.suggestions.dock.isVisible()  # type: ignore[attr-defined]
        assert panel.model.rowCount() == 20  # unlabelled candidates only
        qtmodeltester.check(panel.model)
        first = panel.model.item(0)
        assert first.suggestion is not None and first.human_label is None
        assert panel.model.index(0, SuggestionModel.CANDIDATE).data() == " ".join(first.text.split())
        label_cell = panel.model.index(0, SuggestionModel.LABEL)
        assert label_cell.data() == f"{label_text(first.suggestion.label)}? {first.suggestion.confidence:.0%}"
        font = label_cell.data(Qt.ItemDataRole.FontRole)
        assert font.italic() and not font.bold()

        # "Most useful first": the least certain candidates come first.
        panel.order.setCurrentIndex(panel.order.findData("uncertainty"))
        _read(qtbot, panel)
        ordered = [panel.model.item(r).suggestion.uncertainty for r in range(panel.model.rowCount())]
        assert ordered == sorted(ordered, reverse=True)

        # Pick the most useful candidate in the panel, Enter accepts its suggestion.
        top = panel.model.item(0)
        panel.list.setFocus()
        panel.list.setCurrentIndex(panel.model.index(0, 0))
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
        assert window.project is not None
        claims = window.project.claims(top.article_id)
        assert [(c.label, c.annotator) for c in claims] == [(top.suggestion.label, "ana")]
        _read(qtbot, panel)
        assert panel.model.rowCount() == 19
        following = panel.current_item()  # the queue moved on to the next candidate and shows it
        assert following is not None and window.article is not None
        assert window.article.article.id == following.article_id
        window.select_article(top.article_id)  # back to the accepted claim's article

        # Next candidate by J in the article, a number key overrides the suggestion.
        window.view.setFocus()
        window.view.scroll_to(0)
        qtbot.keyClick(window.view, "j")
        span = window.view.selected_span()
        assert span is not None
        if claims and span == (claims[0].start, claims[0].end):
            qtbot.keyClick(window.view, "j")
            span = window.view.selected_span()
        assert "Suggested:" in window.statusBar().currentMessage()
        qtbot.keyClick(window.view, "3")
        labels = {(c.start, c.end): c.label for c in window.project.claims(top.article_id)}
        assert ClaimLabel.QUESTIONABLE in labels.values()

        # Enter on a candidate a person labelled never relabels it.
        window.view.select_span(claims[0].start, claims[0].end)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Return)
        assert window.project.get_claim(claims[0].id or 0).label is claims[0].label
        assert "never replaces" in window.statusBar().currentMessage()

        # Enter elsewhere (the search field) is not an accept.
        count = len(window.project.claims())
        panel.reload()
        _read(qtbot, panel)
        other = next(i for i in panel.model.items() if i.article_id == top.article_id)
        window.view.select_span(other.start, other.end)  # an unlabelled candidate is selected...
        window.search.setFocus()  # ...but the typing happens in the search field
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert len(window.project.claims()) == count

        # Accepting is an ordinary edit: undo removes the claims again; suggestions stay.
        before = len(suggestions(store_of(window.project)))
        window.registry["undo"].trigger()
        window.registry["undo"].trigger()
        assert window.project.claims(top.article_id) == []
        assert len(suggestions(store_of(window.project))) == before
    finally:
        window.close()
        QApplication.processEvents()


def test_training_runs_in_a_child_process(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy holds the GIL while it trains: in a pool thread that stalled the window."""
    started: list[str] = []
    real = bridge.run_in_process

    def spy(name: str, *args: Any) -> Any:
        started.append(name)
        return real(name, *args)

    monkeypatch.setattr(bridge, "run_in_process", spy)
    dialog = TrainDialog(newssd.make_project(tmp_path / "p.db"), pool, options=FAST)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.trained, timeout=60_000) as blocker:
        dialog.start()
    qtbot.waitUntil(lambda: not dialog.running)
    pool.waitForDone()
    assert started == ["train"]
    assert blocker.args[0].suggestions == 320


@pytest.mark.model
def test_articles_imported_after_training_get_suggestions_in_the_panel(
    qtbot: QtBot, trained_all_labelled: Trained, tmp_path: Path
) -> None:
    path = trained_all_labelled.copy(tmp_path / "p.annotator.db")
    with open_project(path) as project:
        known = set(project.article_ids())
    window = open_window(qtbot, path)
    try:
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        assert panel.model.rowCount() == 0  # every NewsSD sentence is labelled
        window.import_paths([next(UI_DATA.glob("wn2019_095*"))])
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=180_000)
        qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
        _read(qtbot, panel)
        assert window.project is not None
        (new_id,) = set(window.project.article_ids()) - known
        candidates = {(c.start, c.end) for c in window.project.candidates(new_id)}
        assert candidates
        assert {(s.start, s.end) for s in suggestions(store_of(window.project), new_id)} == candidates
        # The panel was reloaded when pre-annotation finished: it lists them, suggested.
        listed = panel.model.items()
        assert {(i.start, i.end) for i in listed} == candidates
        assert all(i.article_id == new_id and i.suggestion is not None for i in listed)
        assert models(store_of(window.project))[0].id == listed[0].suggestion.model_id
    finally:
        window.close()


def test_the_panel_shows_the_held_out_figure_and_hides_suggestions_below_the_threshold(
    qtbot: QtBot, trained: Trained, tmp_path: Path
) -> None:
    path = trained.copy(tmp_path / "p.annotator.db")
    evaluation = trained.evaluation
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        ev = evaluation
        summary = panel.summary.text()
        # Plain words first (how many the model got right), the figure kept, its meaning in the tooltip.
        right = sum(ev.confusion[i][i] for i in range(len(ev.labels)))
        assert summary.startswith(
            f"Held-out check: right on {right} of {ev.n_eval} claims (macro-F1 {ev.macro_f1:.2f}, "
            "95% interval "
        )
        assert "Macro-F1 scores" in panel.summary.toolTip() and "rare label" in panel.summary.toolTip()

        panel.threshold.setValue(0)
        confidences = [i.suggestion.confidence for i in panel.model.items() if i.suggestion is not None]
        assert len(confidences) == 20
        cut = sorted(confidences)[10]  # half the suggestions are at least this sure
        panel.threshold.setValue(int(cut * 100) + 1)
        cells = [panel.model.index(r, SuggestionModel.LABEL).data() for r in range(panel.model.rowCount())]
        hidden = [c for c in confidences if round(c * 100) < panel.threshold_percent]
        assert sum(c.endswith("%") for c in cells) == len(confidences) - len(hidden)
        assert cells.count("—") == len(hidden) > 0
        assert f"{len(hidden)} suggestions below {panel.threshold_percent}% hidden" in panel.summary.text()
        assert window.settings.suggestion_threshold == panel.threshold_percent  # remembered

        # A hidden suggestion is not accepted by Enter and not outlined in the text.
        row = next(r for r in range(panel.model.rowCount()) if cells[r] == "—")
        item = panel.model.item(row)
        panel.list.setFocus()
        panel.list.setCurrentIndex(panel.model.index(row, 0))
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
        assert window.project is not None and window.project.claims(item.article_id) == []
        assert "less sure than your threshold" in window.statusBar().currentMessage()
        outlined = {(s.start, s.end) for s in window.view._suggestions}
        assert (item.start, item.end) not in outlined
        panel.threshold.setValue(0)
        assert (item.start, item.end) in {(s.start, s.end) for s in window.view._suggestions}
    finally:
        window.close()
        QApplication.processEvents()


def test_a_suggestion_that_reads_as_the_threshold_s_percentage_is_not_hidden_by_it(
    qtbot: QtBot, trained: Trained, tmp_path: Path
) -> None:
    """ "Hide suggestions below 60%" hid "Factual? 60%" (59.6% sure), and Enter refused it as less
    sure than the threshold: about half the suggestions that read as a percentage went when the
    threshold was set to it, at the default 60% too."""
    path = trained.copy(tmp_path / "p.annotator.db")
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        panel.threshold.setValue(0)
        rows = range(panel.model.rowCount())
        read = [panel.model.index(r, SuggestionModel.LABEL).data() for r in rows]
        percents = [int(cell.rsplit(" ", 1)[1].removesuffix("%")) for cell in read]
        items = [panel.model.item(r) for r in rows]
        rounded_up = [r for r in rows if items[r].suggestion.confidence * 100 < percents[r]]
        assert rounded_up  # what the test is about: shown as more than it is, by rounding
        for percent in sorted(set(percents)):
            panel.threshold.setValue(percent)
            cells = [panel.model.index(r, SuggestionModel.LABEL).data() for r in rows]
            assert cells == [cell if p >= percent else "—" for cell, p in zip(read, percents, strict=True)]
            below = sum(p < percent for p in percents)
            assert f"{below} suggestions below {percent}% hidden" in panel.summary.text()
        row = rounded_up[0]
        panel.threshold.setValue(percents[row])
        panel.list.setFocus()
        panel.list.setCurrentIndex(panel.model.index(row, 0))
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
        assert window.project is not None
        assert [c.label for c in window.project.claims(items[row].article_id)] == [
            items[row].suggestion.label
        ]
    finally:
        window.close()
        QApplication.processEvents()


def test_a_model_that_fails_its_checks_is_named_and_suggests_nothing(
    qtbot: QtBot, trained: Trained, tmp_path: Path
) -> None:
    path = trained.copy(tmp_path / "p.annotator.db")
    with open_project(path) as project:
        store = store_of(project)
        store.conn.execute("UPDATE claim_models SET weights = ?", (b"\x80\x04not a model",))
        store.conn.commit()
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        panel.threshold.setValue(0)
        text = panel.summary.text()
        assert "cannot be used" in text and "suggestions are off" in text and "\n" not in text
        cells = [panel.model.index(r, SuggestionModel.LABEL).data() for r in range(panel.model.rowCount())]
        assert cells and set(cells) == {"—"}
        assert window.view._suggestions == []
    finally:
        window.close()
        QApplication.processEvents()


def test_after_an_upgrade_of_the_features_an_older_model_asks_to_be_trained_again(
    qtbot: QtBot, trained: Trained, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model whose features this version computes differently would score unlike its stored
    evaluation: the panel says to train again and shows none of its suggestions."""
    from annotator.nlp import claim_classifier

    path = trained.copy(tmp_path / "p.annotator.db")
    with open_project(path) as project:
        assert len(suggestions(store_of(project))) == 320
    upgraded = getattr(claim_classifier, "FEATURES_VERSION", 1) + 1
    monkeypatch.setattr(claim_classifier, "FEATURES_VERSION", upgraded, raising=False)
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        panel.threshold.setValue(0)
        text = panel.summary.text()
        assert "trained with an older version of annotator" in text and "until you train again" in text
        cells = [panel.model.index(r, SuggestionModel.LABEL).data() for r in range(panel.model.rowCount())]
        assert cells and set(cells) == {"—"}
        assert window.view._suggestions == []
    finally:
        window.close()
        QApplication.processEvents()


def test_a_model_that_fails_its_checks_is_not_blamed_on_the_threshold_anywhere(
    qtbot: QtBot, trained: Trained, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade the stored model fails its checks, and the panel says so; yet each row's
    tooltip, J and Enter said its suggestion was "less sure than your threshold", sending the
    person to lower it, which changed nothing, and a suggestion 99.5% sure or more still showed
    as "Opinion? 100% … Enter accepts", which Enter then refused."""
    from annotator.nlp import claim_classifier

    path = trained.copy(tmp_path / "p.annotator.db")
    with open_project(path) as project:
        item = next(i for i in suggestion_queue(project, unlabelled_only=True) if i.suggestion is not None)
        store = store_of(project)
        store.conn.execute(
            "UPDATE claim_suggestions SET confidence = 0.997"
            ' WHERE article_id = ? AND start = ? AND "end" = ?',
            (item.article_id, item.start, item.end),
        )
        store.conn.commit()
    upgraded = getattr(claim_classifier, "FEATURES_VERSION", 1) + 1
    monkeypatch.setattr(claim_classifier, "FEATURES_VERSION", upgraded, raising=False)
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        assert "suggestions are off until you train again" in panel.summary.text()
        cells = [panel.model.index(r, SuggestionModel.LABEL) for r in range(panel.model.rowCount())]
        assert cells and {cell.data() for cell in cells} == {"—"}
        tips = {cell.data(Qt.ItemDataRole.ToolTipRole) for cell in cells}
        assert not any("threshold" in tip or "Enter accepts" in tip for tip in tips)
        assert all("cannot be used" in tip for tip in tips)

        window.show_article(item.article_id)
        view = window.view
        view.setFocus()
        view.scroll_to(0)
        qtbot.keyClick(view, "j")
        assert view.selected_span() == (item.start, item.end)
        said = window.statusBar().currentMessage()
        assert "threshold" not in said and "cannot be used" in said
        qtbot.keyClick(view, Qt.Key.Key_Return)
        said = window.statusBar().currentMessage()
        assert "threshold" not in said and "cannot be used" in said
        assert window.project is not None and window.project.claims(item.article_id) == []
    finally:
        window.close()
        QApplication.processEvents()


def test_labelling_where_a_suggestion_stands_is_counted_beside_the_held_out_figure(
    qtbot: QtBot, trained: Trained, tmp_path: Path
) -> None:
    """A candidate nobody labelled, then the other label's key: the panel says how often people
    gave the suggested label."""
    path = trained.copy(tmp_path / "p.annotator.db")
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        panel.threshold.setValue(0)
        assert "In use" not in panel.summary.text()
        assert window.project is not None
        item = next(i for i in panel.model.items() if i.suggestion is not None and i.human_label is None)
        window.show_article(item.article_id)
        window.view.setFocus()
        window.view.select_span(item.start, item.end)
        other = ClaimLabel.OPINION if item.suggestion.label is ClaimLabel.FACTUAL else ClaimLabel.FACTUAL
        qtbot.keyClick(window.view, other.key)
        made = [
            c for c in window.project.claims(item.article_id) if (c.start, c.end) == (item.start, item.end)
        ]
        assert [(c.label, c.annotator) for c in made] == [(other, "ana")]
        qtbot.waitUntil(lambda: "In use" in panel.summary.text(), timeout=5000)
        assert "In use, people gave the suggested label 0 of 1 times (0%)." in panel.summary.text()
    finally:
        window.close()


def test_the_label_column_says_in_words_who_decided_and_how_sure(qtbot: QtBot) -> None:
    """The candidate comes first and the label column says, in its words and not only its font,
    whether a person labelled it or the model suggests it; a screen reader says the same."""
    said = Suggestion(1, 0, 10, ClaimLabel.FACTUAL, 0.93, 0.07, 1)
    unsure = Suggestion(1, 40, 50, ClaimLabel.OPINION, 0.55, 0.45, 1)
    model = SuggestionModel()
    model.set_items(
        [
            QueueItem(1, 0, 10, 0.5, said, ClaimLabel.OPINION, "A  claim\nsplit."),
            QueueItem(1, 20, 30, 0.5, said, None, "Another claim."),
            QueueItem(1, 40, 50, 0.5, unsure, None, "An unsure one."),
            QueueItem(1, 60, 70, 0.5, None, None, "No model here."),
            QueueItem(1, 80, 90, 0.5, said, ClaimLabel.FACTUAL, "Agreed."),
        ],
        threshold=60,
    )

    def cell(row: int, column: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> Any:
        return model.data(model.index(row, column), role)

    assert [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for c in (0, 1)] == [
        "Candidate",
        "Label",
    ]
    assert cell(0, SuggestionModel.CANDIDATE) == "A claim split."
    assert "A claim split." in cell(0, SuggestionModel.CANDIDATE, Qt.ItemDataRole.ToolTipRole)
    labels = [cell(row, SuggestionModel.LABEL) for row in range(5)]
    assert labels == ["Opinion", "Factual? 93%", "—", "—", "Factual"]
    spoken = [cell(row, SuggestionModel.LABEL, Qt.ItemDataRole.AccessibleTextRole) for row in range(5)]
    assert spoken[0] == "Opinion, labelled by a person"
    assert spoken[1] == "Factual, suggested by the model, 93% sure"
    assert spoken[2] == spoken[3] == "No suggestion"
    assert cell(0, SuggestionModel.LABEL, Qt.ItemDataRole.FontRole).bold()
    assert cell(1, SuggestionModel.LABEL, Qt.ItemDataRole.FontRole).italic()
    tips = [cell(row, SuggestionModel.LABEL, Qt.ItemDataRole.ToolTipRole) for row in range(5)]
    # Beside a person's label, a bare "93%" would read as the model's confidence in that label.
    assert tips[0] == "Labelled Opinion by a person; the model suggested Factual (93% sure)"
    assert tips[1] == "Suggested by the model (93% sure); Enter accepts, 1/2/3 choose another label"
    assert "less sure than your threshold" in tips[2]
    assert tips[3] == "No suggestion for this candidate"
    assert tips[4] == "Labelled Factual by a person; the model suggested the same (93% sure)"


def test_a_candidates_tooltip_shows_its_text_as_text(qtbot: QtBot) -> None:
    """The sentence comes from an imported file: its tooltip must not be read as rich text."""
    model = SuggestionModel()
    model.set_items([QueueItem(1, 0, 10, 0.5, None, None, '<img src="file:///dev/zero"> & more')])
    shown = model.data(model.index(0, SuggestionModel.CANDIDATE), Qt.ItemDataRole.ToolTipRole)
    assert shown == '<qt>&lt;img src="file:///dev/zero"&gt; &amp; more</qt>'


def _enter_on(qtbot: QtBot, window: MainWindow, item: QueueItem) -> None:
    """Select the candidate in the article, as J or a drag would, and press Enter there."""
    window.show_article(item.article_id)
    window.view.setFocus()
    window.view.select_span(item.start, item.end)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)


@pytest.mark.parametrize("damaged", [False, True])
def test_with_the_panel_closed_enter_accepts_only_what_the_text_shows(
    qtbot: QtBot, trained: Trained, tmp_path: Path, damaged: bool
) -> None:
    """The panel has never been opened (its default): a suggestion below the remembered
    threshold, or one of a model that fails its checks, is not outlined, so Enter must not
    accept it (it once did: the threshold reached Enter only through the open panel)."""
    path = trained.copy(tmp_path / "p.annotator.db")
    with open_project(path) as project:
        todo = [i for i in suggestion_queue(project, unlabelled_only=True) if i.suggestion is not None]
        if damaged:
            store = store_of(project)
            store.conn.execute("UPDATE claim_models SET weights = ?", (b"\x80\x04not a model",))
            store.conn.commit()
    threshold = 60
    if damaged:
        item = max(todo, key=lambda i: i.suggestion.confidence if i.suggestion else 0.0)
    else:
        item = min(todo, key=lambda i: i.suggestion.confidence if i.suggestion else 1.0)
    assert item.suggestion is not None
    assert (item.suggestion.confidence * 100 >= threshold) is damaged
    window = open_window(qtbot, path, annotator="ana")
    try:
        assert window.settings.suggestion_threshold == threshold
        assert not window.suggestions.dock.isVisible()  # type: ignore[attr-defined]
        _enter_on(qtbot, window, item)
        assert window.view.shown_suggestion is None  # nothing outlined...
        assert window.project is not None and window.project.claims(item.article_id) == []  # ...or accepted
        assert "Suggested:" not in window.statusBar().currentMessage()
        window.suggestions.after_step()  # type: ignore[attr-defined]  # what J / K say of it
        assert "Suggested:" not in window.statusBar().currentMessage()
    finally:
        window.close()
        QApplication.processEvents()


def test_a_label_given_where_the_suggestion_was_hidden_is_not_recorded_as_shown(
    qtbot: QtBot, trained: Trained, tmp_path: Path
) -> None:
    """J to a candidate whose suggestion is below the default threshold (nothing outlined),
    then 1: the claim is the person's alone, so stats, the panel's "in use"
    figure and exports must not count it as a label given beside a suggestion. Enter there
    says the suggestion is hidden by the threshold, not that there is none. After lowering
    the threshold it is shown, and a label on the next such candidate records it."""
    path = trained.copy(tmp_path / "p.annotator.db")
    with open_project(path) as project:
        hidden = [
            i
            for i in suggestion_queue(project, unlabelled_only=True)
            if i.suggestion is not None and i.suggestion.confidence < 0.6
        ]
    assert len(hidden) >= 2
    item, later = hidden[0], hidden[1]
    window = open_window(qtbot, path, annotator="ana")
    try:
        assert window.settings.suggestion_threshold == 60
        window.show_article(item.article_id)
        view = window.view
        view.setFocus()
        view.scroll_to(item.start)
        qtbot.keyClick(view, "j")
        assert view.selected_span() == (item.start, item.end)
        assert view.shown_suggestion is None  # nothing outlined
        qtbot.keyClick(view, Qt.Key.Key_Return)
        said = window.statusBar().currentMessage()
        assert "threshold" in said and "No suggestion" not in said
        qtbot.keyClick(view, "1")
        assert window.project is not None
        made = [
            c for c in window.project.claims(item.article_id) if (c.start, c.end) == (item.start, item.end)
        ]
        assert [(c.label, c.annotator) for c in made] == [(ClaimLabel.FACTUAL, "ana")]
        assert window.project.label_checks() == []
        exported = [
            c.suggested
            for a in window.project.iter_annotated()
            if a.article.id == item.article_id
            for c in a.claims
            if (c.start, c.end) == (item.start, item.end)
        ]
        assert exported == [None]

        # Shown once the threshold allows it: then the label is given beside it.
        window.suggestions.panel.threshold.setValue(0)  # type: ignore[attr-defined]
        window.show_article(later.article_id)
        view.setFocus()
        view.scroll_to(later.start)
        qtbot.keyClick(view, "j")
        assert view.selected_span() == (later.start, later.end) and view.shown_suggestion is not None
        qtbot.keyClick(view, "2")
        assert later.suggestion is not None
        assert window.project.label_checks() == [
            (
                later.suggestion.label.value,
                pytest.approx(later.suggestion.confidence),
                ClaimLabel.OPINION.value,
            )
        ]
    finally:
        window.close()
        QApplication.processEvents()


def test_raising_the_threshold_above_the_suggestion_at_the_caret_stops_offering_it(
    qtbot: QtBot, trained: Trained, tmp_path: Path
) -> None:
    """J to a suggested candidate, then a higher "Hide suggestions below": the outline went at
    once, but the status bar went on with "Suggested: Factual (96%) — Enter accepts" for its
    remaining seconds, offering what Enter no longer accepts."""
    path = trained.copy(tmp_path / "p.annotator.db")
    with open_project(path) as project:
        todo = [i for i in suggestion_queue(project, unlabelled_only=True) if i.suggestion is not None]
    item = max(
        (i for i in todo if i.suggestion is not None and i.suggestion.confidence < 0.98),
        key=lambda i: i.suggestion.confidence if i.suggestion else 0.0,
    )
    assert item.suggestion is not None
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        panel.threshold.setValue(0)
        window.show_article(item.article_id)
        view = window.view
        view.setFocus()
        view.scroll_to(item.start)
        for _ in range(20):  # J from the article's top to the candidate
            qtbot.keyClick(view, "j")
            if view.selected_span() == (item.start, item.end):
                break
        assert view.shown_suggestion is not None
        offered = f"Suggested: {label_text(item.suggestion.label)} ({item.suggestion.confidence:.0%})"
        assert window.statusBar().currentMessage().startswith(offered)

        above = int(item.suggestion.confidence * 100) + 1
        panel.threshold.setFocus()
        panel.threshold.selectAll()
        qtbot.keyClicks(panel.threshold, str(above))
        assert panel.threshold_percent == above
        assert view.shown_suggestion is None
        said = window.statusBar().currentMessage()
        assert "Suggested:" not in said and "Enter accepts" not in said
        assert "less sure than your threshold" in said

        # Lowered again: it is offered again.
        panel.threshold.selectAll()
        qtbot.keyClicks(panel.threshold, "0")
        assert window.statusBar().currentMessage().startswith(offered)
    finally:
        window.close()
        QApplication.processEvents()


def test_with_labelled_candidates_listed_the_label_column_shows_every_label_whole(
    qtbot: QtBot, trained: Trained, tmp_path: Path
) -> None:
    """ "Unlabelled only" unticked: the column was fitted to the first rows, all of them people's
    labels ("Opinion"), and cut the model's "Factual? 96%" further down to "Factua…"."""
    path = trained.copy(tmp_path / "p.annotator.db")
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        panel.threshold.setValue(0)
        panel.unlabelled.click()
        assert not panel.unlabelled.isChecked()
        panel = _read(qtbot, panel)
        model, view = panel.model, panel.list
        assert model.rowCount() > 100  # more than the rows the column is fitted to
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        room = view.columnWidth(SuggestionModel.LABEL) - 2 * margin
        cells = [model.index(row, SuggestionModel.LABEL) for row in range(model.rowCount())]
        assert any(cell.data().endswith("%") for cell in cells)  # the model's suggestions are listed
        for cell in cells:
            font = QFont(cell.data(Qt.ItemDataRole.FontRole)).resolve(view.font())
            text = cell.data()
            assert QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, room) == text, text
    finally:
        window.close()
        QApplication.processEvents()


def test_after_a_merge_the_open_panel_lists_the_new_articles_with_suggestions(
    qtbot: QtBot, trained_all_labelled: Trained, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    colleague = tmp_path / "ana.db"
    with open_project(colleague) as ana:
        ana.import_drafts(newssd.drafts(newssd.read_rows()[300:320], label=False, tag="new "))
        newssd.add_candidates(ana)
    path = trained_all_labelled.copy(tmp_path / "team.annotator.db")
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(colleague)], "Projects (*.db)"))
    window = open_window(qtbot, path, annotator="dana")
    try:
        window.auto_preannotate = False  # only the merge may touch the file
        window.suggestions.dock.show()  # type: ignore[attr-defined]
        panel = _read(qtbot, window.suggestions.panel)  # type: ignore[attr-defined]
        panel.threshold.setValue(0)
        assert panel.model.rowCount() == 0  # every NewsSD sentence of the team file is labelled
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        # The merge's end asked the panel to read its queue again, in the shared pool: wait for
        # that answer, as long as for the merge, not 5 s for a row count.
        qtbot.waitUntil(lambda: not panel.loading, timeout=30_000)
        assert panel.model.rowCount() == 20
        assert all(i.suggestion is not None for i in panel.model.items())
    finally:
        window.close()
        QApplication.processEvents()


def test_ctrl_t_then_return_trains_without_asking_for_a_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Return in the train dialog is Train, the button the dialog is for, not the file chooser."""
    asked: list[str] = []

    def ask(*_args: Any) -> tuple[str, str]:
        asked.append("file dialog")
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(ask))
    window = open_window(qtbot, newssd.make_project(tmp_path / "p.db"))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog: TrainDialog = window.suggestions.train_dialog  # type: ignore[attr-defined]
    assert dialog.isVisible()
    dialog.options = FAST
    assert dialog.train_button.isDefault()
    dialog.activateWindow()  # offscreen, a dialog is not made active by itself
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.trained, timeout=60_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert asked == []
    qtbot.waitUntil(lambda: not dialog.running)
    dialog.close()
    window.close()


def test_with_larger_text_the_evaluation_tables_show_their_headings_whole(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool
) -> None:
    """The tables' columns kept Qt's fixed 100 px: at 1.4x text "Held-out claims" was cut to
    "d-out cla", and the confusion matrix's "Questionable" too."""
    labels = tuple(label.value for label in ClaimLabel)
    evaluation = Evaluation(
        labels=labels,
        per_label={label: LabelScore(0.5, 0.5, 0.5, 12) for label in labels},
        confusion=((4, 4, 4), (4, 4, 4), (4, 4, 4)),
        macro_f1=0.5,
        accuracy=0.5,
        n_train=120,
        n_eval=36,
        eval_articles=3,
    )
    with larger_font(1.4):
        dialog = TrainDialog(tmp_path / "p.db", pool, shown=(None, evaluation))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for table in (dialog.scores, dialog.confusion):
            header = table.horizontalHeader()
            cut = [
                table.horizontalHeaderItem(column).text()
                for column in range(table.columnCount())
                if header.sectionSize(column) < header.sectionSizeHint(column)
            ]
            assert cut == [], table.objectName()
        assert cut_labels(dialog) == []


def test_why_training_could_not_start_is_shown_whole_on_a_scaled_laptop(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a 1024x600 laptop at 150% the dialog opened as tall as the screen allows, and the five
    lines saying why it could not train were squeezed into three beside the empty tables, their
    first and last lines cut off."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 683, 400))
    dialog = TrainDialog(tmp_path / "p.db", pool)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog._failed(
        "Not enough labelled text to train: 2 passages labelled factual and 1 passage labelled "
        "opinion, where each label needs at least 20. A passage several people labelled counts "
        "once (with the review's decision, or else the label most of them gave; ties are left "
        "out), so these can be fewer than the claims the dashboard counts. Label more passages "
        "and train again."
    )
    qtbot.wait(20)
    assert cut_labels(dialog) == []
    assert dialog.height() <= 400


def test_the_summary_keeps_the_figure_first_where_no_count_can_be_made(qtbot: QtBot) -> None:
    """A stored evaluation whose matrix does not add up to its claims gives no "right on N of M":
    the figure leads, as before, rather than a wrong count."""
    labels = ("factual", "opinion")
    scores = {label: LabelScore(0.5, 0.5, 0.5, 10) for label in labels}
    counted = Evaluation(
        labels, scores, ((8, 2), (3, 7)), 0.75, 0.75, n_eval=20, macro_f1_low=0.6, macro_f1_high=0.9
    )
    assert (
        plain_headline(counted)
        == "Held-out check: right on 15 of 20 claims (macro-F1 0.75, 95% interval 0.60–0.90)."
    )
    uncounted = Evaluation(labels, scores, ((8, 2), (3, 7)), 0.75, 0.75, n_eval=30)
    assert plain_headline(uncounted) == "Macro-F1 0.75 on 30 held-out claims."


def test_enter_before_any_training_says_which_key_trains_suggestions(qtbot: QtBot, tmp_path: Path) -> None:
    """Enter on a candidate is what a new annotator tries first; with no model trained it said
    "No suggestion for this candidate", as if the model had none for this one sentence."""
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts())
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        qtbot.keyClick(window.view, Qt.Key.Key_Return)
        assert window.statusBar().currentMessage() == (
            "No label suggestions yet: label some claims, then Ctrl+T trains them; press 1, 2 or 3"
        )
        assert window.project is not None and window.article is not None
        assert window.project.claims(window.article.article.id) == []
    finally:
        window.close()
        QApplication.processEvents()
