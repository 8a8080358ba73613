"""What the status bar says in a person's first hour says it in their words, whole, at 1366 px."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.errors import AnnotatorError
from annotator.core.model import ClaimCandidate
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.suggestions import StepKind, TrainingStep
from annotator.core.time_left import TimeLeft
from annotator.services.labelling import CandidateStep
from annotator.services.preannotate import PreannotateReport
from annotator.services.project import store_of
from annotator.ui import services_bridge
from annotator.ui.candidate_words import LONGEST, candidate_text
from annotator.ui.main_window import MainWindow
from annotator.ui.plain import tip
from annotator.ui.subprocess_work import LOADING_MODEL
from annotator.ui.task_runner import StopAsker, TaskProgress
from annotator.ui.workers import Work
from tests.ui.conftest import (
    PIPELINE,
    answer_stop_question,
    hand_analysis,
    make_project,
    open_window,
    select_words,
    wikinews_texts,
)

RULES_REASONS = ("date", "named entity", "attribution", "hedge")
"""The reasons `nlp.candidates` gives a hedged sentence with a date and a name that says who said it."""


def test_j_says_the_candidate_in_plain_words_whole_on_a_laptop(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts()[:1], analyse=False)
    with open_project(path) as project:
        article_id = project.article_ids()[0]
        analysis = hand_analysis(project.article(article_id).text)
        worded = tuple(dataclasses.replace(c, score=0.4, reasons=RULES_REASONS) for c in analysis.candidates)
        store_of(project).save_analyses([(article_id, dataclasses.replace(analysis, candidates=worded))])
    window = open_window(qtbot, path)
    try:
        window.resize(1366, 736)
        qtbot.waitUntil(lambda: window.width() == 1366)
        assert window.article is not None
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        said = window.status_bar.currentMessage()
        assert said == (
            f"Likely claim 1 of {len(worded)} (fair): has a date, a name; says who said it; hedged"
        )
        assert "could" not in said  # was named as an example of a sentence with no hedge word
        assert "score" not in said and "hedge " not in said and "0.4" not in said
        qtbot.wait(20)  # the names give way as the bar is laid out again
        assert window.status_bar.shown_message() == said
    finally:
        window.close()


def test_j_names_the_hedge_words_its_sentence_holds(qtbot: QtBot, tmp_path: Path) -> None:
    """J said "hedged (“may”, “could”)" of every hedged sentence: of one with "may" alone too."""
    text = "Prices may rise in the spring, officials of the bank said on Monday. Nothing else was said."
    path = make_project(tmp_path / "p.annotator.db", [("Prices", text)], analyse=False)
    with open_project(path) as project:
        article_id = project.article_ids()[0]
        hedged = ClaimCandidate(0, text.index(" Nothing"), 0.3, ("attribution", "hedge"))
        analysis = dataclasses.replace(hand_analysis(text), candidates=(hedged,))
        store_of(project).save_analyses([(article_id, analysis)])
    window = open_window(qtbot, path)
    try:
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        assert (
            window.status_bar.currentMessage()
            == "Likely claim 1 of 1 (fair): says who said it; hedged (“may”)"
        )
    finally:
        window.close()


def test_a_candidate_with_every_cue_keeps_its_line_short_and_what_lowers_it() -> None:
    every = ClaimCandidate(
        0,
        10,
        0.95,
        (
            "number",
            "percentage",
            "money",
            "date",
            "named entity",
            "comparison",
            "reported speech",
            "attribution",
            "hedge",
            "first-person opinion",
        ),
    )
    said = candidate_text(CandidateStep(every, 122, 122))
    assert len(said) <= LONGEST
    assert said.startswith("Likely claim 122 of 122 (strong): has a number")
    assert said.endswith("and more; says who said it; hedged; an opinion (“I think”)")


def test_a_hedged_candidate_names_only_the_hedges_its_sentence_holds() -> None:
    hedged = ClaimCandidate(0, 30, 0.3, ("hedge",))
    assert candidate_text(CandidateStep(hedged, 1, 1, hedges=("might",))).endswith(": hedged (“might”)")
    assert candidate_text(CandidateStep(hedged, 1, 1, hedges=("may", "might", "could"))).endswith(
        ": hedged (“may”, “might”)"
    )
    assert candidate_text(CandidateStep(hedged, 1, 1)).endswith(": hedged")  # none known: no example


def test_a_candidate_with_no_cue_says_it_is_weak_and_why() -> None:
    said = candidate_text(CandidateStep(ClaimCandidate(0, 10, 0.2), 2, 5))
    assert said == "Likely claim 2 of 5 (weak): no number, name or source"


def _held_preannotation(released: threading.Event, *, then: Callable[[], None] = lambda: None) -> Work:
    """Pre-annotation that counts one article of two done, waits for `released`, then does `then`;
    its report is what `then` (the hand-made analyses) did, as the real run's would be."""

    def work(progress: ProgressFn, cancel: CancelFn) -> PreannotateReport:
        progress(1, 2)
        while not released.wait(0.05):
            if cancel():
                return PreannotateReport(PIPELINE, analysed=1, cancelled=True)
        then()
        return PreannotateReport(PIPELINE, analysed=2)

    return work


def _import_one(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = tmp_path / "fire.txt"
    page.write_text(wikinews_texts()[0][1], "utf-8")
    window.transfers.import_paths([page])
    qtbot.waitUntil(lambda: window.preannotating and window.article is not None, timeout=60_000)


def test_while_an_import_is_pre_annotated_the_model_label_says_so_then_the_model(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = threading.Event()
    path = tmp_path / "new.annotator.db"
    open_project(path).close()

    def analyse_all() -> None:
        with open_project(path) as project:
            store_of(project).save_analyses(
                (i, hand_analysis(project.article(i).text)) for i in project.article_ids()
            )

    monkeypatch.setattr(
        services_bridge, "preannotate_work", lambda *_args: _held_preannotation(released, then=analyse_all)
    )
    window = open_window(qtbot, path)
    try:
        _import_one(qtbot, window, tmp_path)
        qtbot.waitUntil(lambda: window.model_label.text() == "pre-annotating 1 / 2…")
        assert window.article is not None and window.article.pipeline is None  # shown unannotated
        released.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        qtbot.waitUntil(lambda: window.model_label.text() == "model: hand-made 1")
    finally:
        released.set()
        window.close()


def test_the_label_suggestions_after_pre_annotation_are_counted_as_suggestions(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a trained model, the same run then suggests labels and counts its candidates: the
    label read "pre-annotating 601 / 601…" after "8 / 23", as if 601 articles were being done;
    the dialog read "Pre-annotating…" over "suggesting", the window's own mark for the step."""
    released = threading.Event()
    path = tmp_path / "new.annotator.db"
    open_project(path).close()

    def work(progress: ProgressFn, cancel: CancelFn) -> PreannotateReport:
        progress(300, 601, TrainingStep(StepKind.SUGGESTING))
        while not released.wait(0.05) and not cancel():
            pass
        return PreannotateReport(PIPELINE, analysed=1)

    monkeypatch.setattr(services_bridge, "preannotate_work", lambda *_args: work)
    window = open_window(qtbot, path)
    try:
        _import_one(qtbot, window, tmp_path)
        qtbot.waitUntil(lambda: window.model_label.text() == "suggesting labels 300 / 601…")
        dialog = window.runner.progress_dialog
        assert dialog is not None
        assert dialog.labelText() == "Pre-annotating…\nSuggesting labels for the new candidate sentences"
        assert (dialog.value(), dialog.maximum()) == (300, 601)
    finally:
        released.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        window.close()


def test_the_progress_dialog_says_the_model_loads_then_counts_the_articles_and_asks_truthfully(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 6-10 s the model took to load read "Pre-annotating…" over a busy bar, and a Cancel
    then asked whether to stop as "the articles pre-annotated so far keep their highlights",
    before any was done."""
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)  # has run "a while" from its start
    loaded, released = threading.Event(), threading.Event()
    path = tmp_path / "new.annotator.db"
    open_project(path).close()

    def work(progress: ProgressFn, cancel: CancelFn) -> PreannotateReport:
        progress(0, 0, LOADING_MODEL)  # as the child says it (`subprocess_work._with_suggestions`)
        while not loaded.wait(0.05) and not cancel():
            pass
        progress(0, 3)
        threading.Event().wait(0.1)  # an article's time: the task passes on 20 reports a second
        progress(1, 3)
        while not released.wait(0.05) and not cancel():
            pass
        return PreannotateReport(PIPELINE, analysed=3)

    monkeypatch.setattr(services_bridge, "preannotate_work", lambda *_args: work)
    window = open_window(qtbot, path)
    try:
        _import_one(qtbot, window, tmp_path)
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, TaskProgress)
        qtbot.waitUntil(lambda: dialog.labelText() == "Pre-annotating…\nLoading the language model…")
        assert (dialog.value(), dialog.maximum()) == (0, 0)  # busy: no count yet
        # The bar says the same step: "pre-annotating…" read as if articles were being done.
        assert window.status_bar.model_label.text() == "loading the language model…"
        dialog.ask_to_stop()
        assert answer_stop_question(qtbot, dialog, QMessageBox.StandardButton.No) == (
            "Stop pre-annotating? The language model is still loading, so no article has been "
            "pre-annotated yet; File ▸ Pre-annotate All does them later."
        )
        loaded.set()
        qtbot.waitUntil(lambda: dialog.labelText() == "Pre-annotating…\n1 of 3 articles done")
        assert (dialog.value(), dialog.maximum()) == (1, 3)
        assert window.status_bar.model_label.text() == "pre-annotating 1 / 3…"
        dialog.ask_to_stop()
        assert answer_stop_question(qtbot, dialog, QMessageBox.StandardButton.No) == (
            "Stop pre-annotating? The articles pre-annotated so far keep their highlights; "
            "File ▸ Pre-annotate All does the rest later."
        )
    finally:
        loaded.set()
        released.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        window.close()


def test_the_progress_dialog_says_about_how_long_is_left_once_the_pace_is_known(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 10,000 articles the bar crept for minutes with only a percentage."""
    monkeypatch.setattr(TimeLeft, "MIN_SECONDS", 0.5)  # 3 s and more in use: kept short here
    monkeypatch.setattr(TimeLeft, "SETTLE_SECONDS", 0.05)
    go, released = threading.Event(), threading.Event()
    path = tmp_path / "new.annotator.db"
    open_project(path).close()

    def work(progress: ProgressFn, cancel: CancelFn) -> PreannotateReport:
        progress(0, 10_000)
        threading.Event().wait(0.1)
        progress(1, 10_000)
        go.wait(30)
        for done in range(2, 30):  # an article each 0.06 s: about ten minutes for 10,000
            threading.Event().wait(0.06)
            progress(done, 10_000)
        while not released.wait(0.05) and not cancel():
            pass
        return PreannotateReport(PIPELINE, analysed=29)

    monkeypatch.setattr(services_bridge, "preannotate_work", lambda *_args: work)
    window = open_window(qtbot, path)
    try:
        _import_one(qtbot, window, tmp_path)
        dialog = window.runner.progress_dialog
        assert isinstance(dialog, TaskProgress)
        # One article done is no pace: nothing is said of the time left.
        qtbot.waitUntil(lambda: dialog.labelText() == "Pre-annotating…\n1 of 10000 articles done")
        go.set()
        qtbot.waitUntil(lambda: "left" in dialog.labelText(), timeout=10_000)
        title, count, left = dialog.labelText().split("\n")
        assert (title, count.endswith("of 10000 articles done")) == ("Pre-annotating…", True)
        assert re.fullmatch(r"about \d+ minutes left", left), left
    finally:
        go.set()
        released.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        window.close()


def test_a_cancelled_pre_annotation_leaves_the_article_said_not_pre_annotated(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = threading.Event()
    path = tmp_path / "new.annotator.db"
    open_project(path).close()
    monkeypatch.setattr(services_bridge, "preannotate_work", lambda *_args: _held_preannotation(released))
    window = open_window(qtbot, path)
    try:
        _import_one(qtbot, window, tmp_path)
        qtbot.waitUntil(lambda: window.model_label.text().startswith("pre-annotating"))
        for task in window.runner.tasks:
            task.cancel()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        qtbot.waitUntil(lambda: window.model_label.text() == "not pre-annotated")
    finally:
        released.set()
        window.close()


def test_a_failed_pre_annotation_leaves_the_article_said_not_pre_annotated(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = threading.Event()
    path = tmp_path / "new.annotator.db"
    open_project(path).close()

    def fail() -> None:
        raise AnnotatorError("the model could not be loaded")

    monkeypatch.setattr(
        services_bridge, "preannotate_work", lambda *_args: _held_preannotation(released, then=fail)
    )
    window = open_window(qtbot, path)
    try:
        _import_one(qtbot, window, tmp_path)
        qtbot.waitUntil(lambda: window.model_label.text().startswith("pre-annotating"))
        released.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        qtbot.waitUntil(lambda: window.model_label.text() == "not pre-annotated")
        box = window.findChild(QMessageBox, "errorBox")
        if box is not None:
            box.close()
    finally:
        released.set()
        window.close()


def test_a_new_empty_project_has_no_gap_where_no_model_is_named(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "news.annotator.db"
    open_project(path).close()
    window = open_window(qtbot, path)
    try:
        window.resize(1366, 736)
        qtbot.waitUntil(lambda: window.width() == 1366)
        bar = window.status_bar
        assert bar.progress_label.text() == "0 / 0 articles done" and bar.model_label.text() == ""
        assert not bar.model_label.isVisible()
        between = bar.progress_label.x() - (bar.project_label.x() + bar.project_label.width())
        beside = bar.save_label.x() - (bar.progress_label.x() + bar.progress_label.width())
        assert between == beside  # the same room as between two shown fields
    finally:
        window.close()


@pytest.mark.parametrize(
    ("fmt", "name", "what"),
    [
        ("jsonl", "news.jsonl", "2 articles and 1 claim"),
        ("claims-jsonl", "news-claims.jsonl", "1 claim (from 2 articles)"),
        ("doccano", "news-doccano.jsonl", "2 articles and 1 claim"),
        ("csv", "news-claims.csv", "1 claim (from 2 articles)"),
    ],
)
def test_an_export_says_how_many_articles_and_claims_it_wrote(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, fmt: str, name: str, what: str
) -> None:
    select_words(qtbot, window, 0, 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    window.export_to(tmp_path / name, fmt)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    assert window.status_bar.whole_message() == f"Exported {what} to {tmp_path / name}"
    # The file's name, after its folder's name where the line has room for it.
    assert window.status_bar.currentMessage() in (
        f"Exported {what} to {tmp_path.name}/{name}",
        f"Exported {what} to {name}",
    )


@pytest.mark.qt_log_ignore("This plugin does not support")  # the tooltip's raise, offscreen
def test_an_export_saved_deep_in_folders_names_its_file_whole_at_1366_px_and_its_path_on_hover(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """ "Exported 1 claim (from 2 articles) to /home/ana/Documents/projects/2026/…" was cut off
    before the file's name, the one part a person looks for. The line names the file, with its
    folder's name when there is room; the tooltip over it names the whole path."""
    folder = tmp_path.joinpath("Documents", "projects", "2026", "spring term", "week twelve of the course")
    folder.mkdir(parents=True)
    out = folder / "sample-project-claims.jsonl"
    window.resize(1366, 736)
    qtbot.waitUntil(lambda: window.width() == 1366)
    select_words(qtbot, window, 0, 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    window.export_to(out, "claims-jsonl")
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    bar = window.status_bar
    qtbot.wait(20)  # the names give way as the bar is laid out again
    shown = bar.shown_message()
    assert shown == f"Exported 1 claim (from 2 articles) to {Path(folder.name) / out.name}"
    assert str(tmp_path) not in bar.currentMessage()
    room = bar.message_room()
    QApplication.sendEvent(
        bar, QHelpEvent(QEvent.Type.ToolTip, room.center(), bar.mapToGlobal(room.center()))
    )
    assert QToolTip.text() == tip(f"Exported 1 claim (from 2 articles) to {out}")
    QToolTip.hideText()


def test_at_1024_px_an_export_s_line_names_its_file_alone_when_its_folder_does_not_fit(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / ("a folder whose name is long enough to take the whole line " * 2).strip()
    folder.mkdir()
    out = folder / "sample-project-claims.jsonl"
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024)
    window.export_to(out, "claims-jsonl")
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    qtbot.wait(20)
    assert window.status_bar.shown_message() == f"Exported 0 claims (from 2 articles) to {out.name}"
    assert window.status_bar.whole_message() == f"Exported 0 claims (from 2 articles) to {out}"


def test_a_spacy_export_says_what_it_wrote_in_its_files(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    select_words(qtbot, window, 0, 1)
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    window.export_to(tmp_path / "news.spacy", "spacy")
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    assert window.status_bar.whole_message() == (
        f"Exported 2 articles and 1 claim to {tmp_path / 'news.train.spacy'} and 3 more files beside it"
    )
    assert window.status_bar.currentMessage().endswith("news.train.spacy and 3 more files beside it")


def test_d_says_which_article_it_opened_and_then_that_all_are_done(qtbot: QtBot, window: MainWindow) -> None:
    assert window.article is not None
    window.view.setFocus()
    with qtbot.waitSignal(window.events.articleShown):
        qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert window.statusBar().currentMessage() == (
        "Marked done; opened “Toronto serial killer pleads guilty” (article 2 of 2)"
    )
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert window.statusBar().currentMessage() == "Marked done; every article is done"


def test_d_names_a_long_title_in_part(qtbot: QtBot, tmp_path: Path) -> None:
    (first, text), (_, other) = wikinews_texts()
    long_title = "A title much longer than the status bar has room for beside its lasting fields, " * 2
    path = make_project(tmp_path / "p.annotator.db", [(first, text), (long_title, other)])
    window = open_window(qtbot, path)
    try:
        window.view.setFocus()
        with qtbot.waitSignal(window.events.articleShown):
            qtbot.keyClick(window.view, Qt.Key.Key_D)
        said = window.statusBar().currentMessage()
        assert said.startswith("Marked done; opened “A title much longer") and said.endswith(
            "…” (article 2 of 2)"
        )
        assert len(said) <= 100
    finally:
        window.close()


@pytest.mark.parametrize("title", ["\u200b", "\ufeff\u200b ", "   "])
def test_d_and_redo_name_an_article_whose_title_shows_nothing_as_the_list_does(
    qtbot: QtBot, tmp_path: Path, title: str
) -> None:
    """D to an article titled U+200B alone said "opened “”" (the list had a blank row for it);
    one titled with spaces alone was "article 2 of 2" here and "Article 2" in the list."""
    (first, text), (_, other) = wikinews_texts()
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", [(first, text), (title, other)]))
    try:
        assert window.articles.list.model().index(1, 0).data() == "Article 2"
        window.view.setFocus()
        with qtbot.waitSignal(window.events.articleShown):
            qtbot.keyClick(window.view, Qt.Key.Key_D)
        assert window.statusBar().currentMessage() == "Marked done; opened “Article 2” (article 2 of 2)"
        select_words(qtbot, window, 0, 1)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        window.select_article(window.articles.summaries()[0].id)
        qtbot.waitUntil(lambda: window.article is not None and window.article.article.title == first)
        with qtbot.waitSignal(window.events.articleShown):
            qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.statusBar().currentMessage() == "Undone: add factual claim; opened “Article 2”"
    finally:
        window.close()


@dataclasses.dataclass(frozen=True)
class _HandMadePipeline:
    """What `preannotate` reads of a loaded pipeline: the fixtures' own, so nothing is analysed again."""

    info: object = PIPELINE
    warning: str | None = None
    is_fallback: bool = False


def test_pre_annotate_all_applying_the_teams_decisions_is_not_counted_as_pre_annotating(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+P after rejecting a name, every article pre-annotated already: the run analyses
    nothing and brings each article up to the decision. The label read "pre-annotating
    0 / 10000…" for the 13 s that took, as if every article were being pre-annotated again,
    while the progress dialog said "Applying your team's entity decisions"."""
    from annotator.services import preannotate as preannotate_service

    released = threading.Event()

    def work(project: Path, article_ids: list[int] | None, keep: frozenset[int] = frozenset()) -> Work:
        def run(progress: ProgressFn, cancel: CancelFn) -> PreannotateReport:
            def held(done: int, total: int, message: str = "", /) -> None:
                progress(done, total, message)
                if message and done == total:  # the last article brought up to the decisions
                    while not released.wait(0.05) and not cancel():
                        pass

            with open_project(project, create=False) as opened:
                return preannotate_service.preannotate(
                    opened,
                    article_ids,
                    keep=keep,
                    pipeline=_HandMadePipeline(),  # type: ignore[arg-type]
                    progress=held,
                    cancel=cancel,
                )

        return run

    monkeypatch.setattr(services_bridge, "preannotate_available", lambda: True)
    monkeypatch.setattr(services_bridge, "preannotate_work", work)
    window = open_window(qtbot, project_path)
    try:
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(
            lambda: window.model_label.text() == "applying entity decisions 2 / 2…", timeout=20_000
        )
        released.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert window.model_label.text() == "model: hand-made 1"
    finally:
        released.set()
        window.close()


def test_d_on_an_article_already_done_opens_the_next_without_an_empty_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    """D on an article done before marked it done again: a step that changed nothing, which
    Ctrl+Z then took back as "Undone: mark article done" with the article still done."""
    window.view.setFocus()
    with qtbot.waitSignal(window.events.articleShown):
        qtbot.keyClick(window.view, Qt.Key.Key_D)
    steps = window.undo_stack.count()
    first = window.articles.summaries()[0].id
    with qtbot.waitSignal(window.events.articleShown):
        window.select_article(first)  # back to the article done
    window.view.setFocus()
    with qtbot.waitSignal(window.events.articleShown):
        qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert window.statusBar().currentMessage() == (
        "Already done; opened “Toronto serial killer pleads guilty” (article 2 of 2)"
    )
    assert window.undo_stack.count() == steps


def test_d_counts_the_article_it_opened_among_the_rows_the_search_shows(qtbot: QtBot, tmp_path: Path) -> None:
    """With the list searched to three of four articles, D said "(article 3 of 4)", counted over
    the project, beside a list reading "3 of 4 articles" whose third row was another article."""
    titles = ["Council one", "Weather", "Council two", "Council three"]
    texts = [(title, f"The mayor said taxes will rise by {n}% next year.") for n, title in enumerate(titles)]
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", texts))
    try:
        qtbot.keyClicks(window.articles.search, "Council")
        qtbot.waitUntil(lambda: window.articles.count.text() == "3 of 4 articles")
        window.view.setFocus()
        with qtbot.waitSignal(window.events.articleShown):
            qtbot.keyClick(window.view, Qt.Key.Key_D)
        said = window.statusBar().currentMessage()
        assert said == "Marked done; opened “Council two” (article 2 of 3 shown)", said
        assert window.articles.list.currentIndex().row() == 1  # the row the count names
        window.articles.search.clear()
        qtbot.waitUntil(lambda: window.articles.count.text() == "4 articles")
        window.view.setFocus()
        with qtbot.waitSignal(window.events.articleShown):
            qtbot.keyClick(window.view, Qt.Key.Key_D)
        assert window.statusBar().currentMessage() == "Marked done; opened “Council three” (article 4 of 4)"
    finally:
        window.close()
