"""Label suggestions end to end on real news sentences (NewsSD-ENG subset, see tests/data/ATTRIBUTION.md).

The project is built from 400 NewsSD sentences in 40 pseudo-articles of 10
consecutive sentences (SUBJ -> opinion, OBJ -> factual; NewsSD has no
questionable class). Training uses a blank tokenizer, so no `model` marker.
"""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import Cancelled
from annotator.core.model import GOLD_ANNOTATOR, ArticleDraft, ClaimDraft, ClaimLabel
from annotator.services.exporting import ExportOptions, export
from annotator.services.project import Project, open_project, store_of
from annotator.services.suggestions import (
    NotEnoughLabelsError,
    TrainOptions,
    TrainResult,
    accept_suggestion,
    collect_examples,
    current_model,
    refresh_suggestions,
    suggest_labels,
    suggestion_queue,
    train_claim_model,
    training_readiness,
)
from annotator.store.suggestions import clear_suggestions, models, suggestions
from tests.data.subjectivity import newssd

# The stated target: on the held-out articles of seed 1, macro-F1 of at least 0.60
# (measured 0.67; other seeds give 0.52-0.68, the held-out part being only 8
# articles) while always-"factual" scores about 0.38.
SEED = 1
MIN_MACRO_F1 = 0.60


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, TrainResult]]:
    path = tmp_path_factory.mktemp("train") / "newssd.db"
    with open_project(path) as project:
        project.import_drafts(newssd.drafts(newssd.read_rows()))
        newssd.add_candidates(project)
        result = train_claim_model(project, options=TrainOptions())
        yield project, result


def test_training_reaches_the_stated_macro_f1_on_held_out_articles(
    trained: tuple[Project, TrainResult],
) -> None:
    _, result = trained
    ev = result.evaluation
    assert ev.labels == ("factual", "opinion")
    assert ev.n_train + ev.n_eval == 400
    assert ev.eval_articles >= 4 and ev.train_articles + ev.eval_articles == 40
    majority = max(ev.per_label[label].support for label in ev.labels) / ev.n_eval
    majority_macro_f1 = (2 * majority / (1 + majority)) / 2
    assert ev.macro_f1 >= MIN_MACRO_F1
    assert ev.macro_f1 > majority_macro_f1 + 0.15
    assert sum(map(sum, ev.confusion)) == ev.n_eval
    notes = " ".join(note.sentence() for note in result.notes)
    assert "questionable" in notes  # the missing class is said, not hidden
    summary = result.summary()
    assert "macro-F1" in summary and "Confusion matrix" in summary and "held-out" in summary.lower()


def test_model_and_evaluation_are_stored_in_the_project(trained: tuple[Project, TrainResult]) -> None:
    project, result = trained
    assert result.model.name == f"claims-classifier-{result.model.id}"
    stored = current_model(project)
    assert stored is not None
    record, evaluation = stored
    assert record.id == result.model.id
    assert evaluation == result.evaluation
    assert record.info["label_counts"] == {"factual": 243, "opinion": 157}


def test_suggestions_never_become_labels(trained: tuple[Project, TrainResult], tmp_path: Path) -> None:
    project, result = trained
    assert result.suggestions == 400
    claims_before = project.claims()
    assert len(claims_before) == 400 and all(c.annotator == newssd.ANNOTATOR for c in claims_before)
    assert len(suggestions(store_of(project))) == 400
    out = tmp_path / "claims.jsonl"
    export(project, out, options=ExportOptions(format="claims-jsonl"))
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(exported) == 400  # only the people's claims, however many suggestions exist
    assert project.claims() == claims_before


def test_queue_orders_by_uncertainty_or_text(trained: tuple[Project, TrainResult]) -> None:
    project, _ = trained
    by_text = suggestion_queue(project, order="text")
    assert [(i.article_id, i.start) for i in by_text] == sorted((i.article_id, i.start) for i in by_text)
    useful = suggestion_queue(project, order="uncertainty")
    uncertainties = [i.suggestion.uncertainty for i in useful if i.suggestion is not None]
    assert len(uncertainties) == 400
    assert uncertainties == sorted(uncertainties, reverse=True)
    assert all(i.human_label is not None for i in useful)  # every NewsSD sentence is labelled
    assert suggestion_queue(project, unlabelled_only=True) == []


def _with_new_articles(path: Path) -> Project:
    """300 labelled NewsSD sentences in 30 articles, then 2 new unlabelled articles (20 candidates)."""
    rows = newssd.read_rows()
    project = open_project(path)
    project.import_drafts(newssd.drafts(rows[:300]))
    project.import_drafts(newssd.drafts(rows[300:320], label=False, tag="new "))
    newssd.add_candidates(project)
    return project


@pytest.fixture(scope="module")
def trained_with_new_articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TrainResult]:
    """`_with_new_articles` trained with the default options, closed: each test opens a copy."""
    path = tmp_path_factory.mktemp("trained-new") / "p.db"
    with _with_new_articles(path) as project:
        result = train_claim_model(project, options=TrainOptions())
    return path, result


def _copy_of_file(trained: tuple[Path, TrainResult], tmp_path: Path) -> Project:
    """A copy of the trained project's file, opened: the same model, suggestions and ids."""
    source, _ = trained
    copy = tmp_path / "p.db"
    shutil.copyfile(source, copy)
    return open_project(copy, create=False)


def test_accept_and_override_on_unlabelled_articles(
    trained_with_new_articles: tuple[Path, TrainResult], tmp_path: Path
) -> None:
    with _copy_of_file(trained_with_new_articles, tmp_path) as project:
        todo = suggestion_queue(project, order="uncertainty", unlabelled_only=True)
        assert len(todo) == 20 and all(i.suggestion is not None and i.human_label is None for i in todo)
        first, second = todo[0], todo[1]
        assert first.suggestion is not None
        accepted = accept_suggestion(project, first, annotator="ana")
        assert accepted.label == first.suggestion.label and accepted.annotator == "ana"
        overridden = accept_suggestion(project, second, annotator="ana", label=ClaimLabel.QUESTIONABLE)
        assert overridden.label is ClaimLabel.QUESTIONABLE
        assert len(suggestion_queue(project, unlabelled_only=True)) == 18
        # re-suggesting with the stored model leaves the people's labels alone
        assert suggest_labels(project) == 320
        assert project.get_claim(overridden.id or 0).label is ClaimLabel.QUESTIONABLE


def _labelled_project(path: Path, counts: dict[ClaimLabel, int], *, per_article: int = 10) -> Project:
    rows = newssd.read_rows()
    pools = {
        ClaimLabel.FACTUAL: [r for r in rows if r[1] is ClaimLabel.FACTUAL],
        ClaimLabel.OPINION: [r for r in rows if r[1] is ClaimLabel.OPINION],
        ClaimLabel.QUESTIONABLE: [(s, ClaimLabel.QUESTIONABLE) for s, _ in rows[-40:]],
    }
    chosen = [row for label, n in counts.items() for row in pools[label][:n]]
    project = open_project(path)
    project.import_drafts(newssd.drafts(chosen, per_article=per_article))
    return project


def test_too_few_of_a_class_says_so_instead_of_training(tmp_path: Path) -> None:
    counts = {ClaimLabel.FACTUAL: 60, ClaimLabel.OPINION: 40, ClaimLabel.QUESTIONABLE: 7}
    with _labelled_project(tmp_path / "p.db", counts) as project:
        with pytest.raises(
            NotEnoughLabelsError,
            match=r"^Label 13 more questionable claims to train: each label in use needs at least 20\. "
            r"You have 60 factual, 40 opinion, 7 questionable \(in 11 articles\)\.$",
        ):
            train_claim_model(project)
        assert models(store_of(project)) == []


def test_a_single_class_cannot_train(tmp_path: Path) -> None:
    with (
        _labelled_project(tmp_path / "p.db", {ClaimLabel.FACTUAL: 60}) as project,
        pytest.raises(NotEnoughLabelsError, match=r"^Label at least 20 claims of a second label to train"),
    ):
        train_claim_model(project)


def test_one_article_cannot_be_held_out(tmp_path: Path) -> None:
    counts = {ClaimLabel.FACTUAL: 25, ClaimLabel.OPINION: 25}
    with (
        _labelled_project(tmp_path / "p.db", counts, per_article=50) as project,
        pytest.raises(NotEnoughLabelsError, match="two articles"),
    ):
        train_claim_model(project)


def test_no_article_that_can_be_held_out_says_so_instead_of_storing_a_model_scored_on_nothing(
    tmp_path: Path,
) -> None:
    """Articles of ten claims of one label, forty of each: holding out any of them would leave
    less than 80% of a label to learn from, so nothing is held out and there is no figure."""
    counts = {ClaimLabel.FACTUAL: 40, ClaimLabel.OPINION: 40}
    with _labelled_project(tmp_path / "p.db", counts) as project:
        with pytest.raises(NotEnoughLabelsError, match=r"No article can be held out.*less than 80%"):
            train_claim_model(project)
        assert models(store_of(project)) == [] and current_model(project) is None


@pytest.mark.parametrize(
    ("counts", "per_article"),
    [
        ({}, 10),
        ({ClaimLabel.FACTUAL: 3}, 10),
        ({ClaimLabel.FACTUAL: 60}, 10),
        ({ClaimLabel.FACTUAL: 19, ClaimLabel.OPINION: 25}, 5),
        ({ClaimLabel.FACTUAL: 60, ClaimLabel.OPINION: 40, ClaimLabel.QUESTIONABLE: 7}, 10),
        ({ClaimLabel.FACTUAL: 25, ClaimLabel.OPINION: 25}, 50),  # one article
        ({ClaimLabel.FACTUAL: 40, ClaimLabel.OPINION: 40}, 10),  # no article can be held out
        ({ClaimLabel.FACTUAL: 40, ClaimLabel.OPINION: 40, ClaimLabel.QUESTIONABLE: 20}, 10),
        ({ClaimLabel.FACTUAL: 20, ClaimLabel.OPINION: 20}, 5),
        ({ClaimLabel.FACTUAL: 40, ClaimLabel.OPINION: 40}, 5),
        ({ClaimLabel.FACTUAL: 40, ClaimLabel.OPINION: 40, ClaimLabel.QUESTIONABLE: 30}, 5),
    ],
)
def test_the_readiness_check_refuses_exactly_what_training_refuses(
    tmp_path: Path, counts: dict[ClaimLabel, int], per_article: int
) -> None:
    """The dialog enables Train by `training_readiness`: a project it passes must train, and one
    it refuses must be refused by training with the same words."""
    with _labelled_project(tmp_path / "p.db", counts, per_article=per_article) as project:
        readiness = training_readiness(project)
        assert dict(readiness.counts) == {label.value: counts.get(label, 0) for label in ClaimLabel}
        try:
            train_claim_model(project, options=TrainOptions(suggest=False, c_grid=(1.0,)))
        except NotEnoughLabelsError as exc:
            assert not readiness.ready
            assert str(exc) == readiness.sentence()
        else:
            assert readiness.ready, readiness.sentence()


def test_a_passage_several_people_labelled_counts_once_in_the_check_as_in_training(tmp_path: Path) -> None:
    """The review's (gold) label wins, else the majority; a tie is left out."""
    text = "One. Two. Three. Four."
    spans = [(0, 4), (5, 9), (10, 16), (17, 22)]
    given = [
        [("alice", ClaimLabel.FACTUAL), ("bob", ClaimLabel.OPINION)],  # a tie: left out
        [("alice", ClaimLabel.OPINION), ("bob", ClaimLabel.OPINION), ("carol", ClaimLabel.FACTUAL)],
        [
            ("alice", ClaimLabel.OPINION),
            (GOLD_ANNOTATOR, ClaimLabel.QUESTIONABLE),
            ("bob", ClaimLabel.OPINION),
        ],
        [("alice", ClaimLabel.FACTUAL)],
    ]
    claims = tuple(
        ClaimDraft(start, end, label, annotator=who)
        for (start, end), people in zip(spans, given, strict=True)
        for who, label in people
    )
    with open_project(tmp_path / "p.db") as project:
        project.import_drafts([ArticleDraft(text=text, title="t", claims=claims)])
        readiness = training_readiness(project)
        examples, notes = collect_examples(project)
    assert [(e.text, e.label) for e in examples] == [
        ("Two.", "opinion"),
        ("Three.", "questionable"),
        ("Four.", "factual"),
    ]
    assert notes == ["1 span whose annotators disagree (a tie, no gold label) was left out."]
    assert dict(readiness.counts) == {"factual": 1, "opinion": 1, "questionable": 1}
    assert readiness.shared and readiness.articles == 1


def test_an_empty_project_is_told_to_label_two_labels(tmp_path: Path) -> None:
    """Training an empty project said "there are examples of no class only"."""
    said = (
        "Label at least 20 claims each of two labels to train. "
        "You have 0 factual, 0 opinion, 0 questionable (in 0 articles)."
    )
    with open_project(tmp_path / "p.db") as project:
        with pytest.raises(NotEnoughLabelsError) as refused:
            train_claim_model(project)
        assert str(refused.value) == said


def test_three_classes_train_when_each_has_enough(tmp_path: Path) -> None:
    counts = {ClaimLabel.FACTUAL: 40, ClaimLabel.OPINION: 40, ClaimLabel.QUESTIONABLE: 30}
    with _labelled_project(tmp_path / "p.db", counts, per_article=5) as project:
        result = train_claim_model(project, options=TrainOptions(suggest=False))
        assert result.evaluation.labels == ("factual", "opinion", "questionable")
        assert len(result.evaluation.confusion) == 3
        assert not any("does not suggest" in note.sentence() for note in result.notes)


def test_cancel_saves_nothing(tmp_path: Path) -> None:
    counts = {ClaimLabel.FACTUAL: 40, ClaimLabel.OPINION: 40}
    with _labelled_project(tmp_path / "p.db", counts, per_article=5) as project:
        with pytest.raises(Cancelled):
            train_claim_model(project, cancel=lambda: True)
        assert models(store_of(project)) == [] and suggestions(store_of(project)) == []


def test_cli_train_prints_the_held_out_evaluation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    counts = {ClaimLabel.FACTUAL: 40, ClaimLabel.OPINION: 40}
    path = tmp_path / "p.db"
    _labelled_project(path, counts, per_article=5).close()
    assert main(["train", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Held-out evaluation" in out
    assert "does not suggest questionable. Label at least 20 questionable claims and train again" in out
    assert main(["train", str(path), "--json", "--held-out", "0.3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["model"] == "claims-classifier-2" and "macro_f1" in data["evaluation"]


def test_cli_train_with_too_few_labels_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.db"
    _labelled_project(path, {ClaimLabel.FACTUAL: 30, ClaimLabel.OPINION: 5}).close()
    assert main(["train", str(path)]) == 1
    assert "Label 15 more opinion claims to train" in capsys.readouterr().err


def test_suggest_labels_for_some_articles_replaces_only_theirs(trained: tuple[Project, TrainResult]) -> None:
    project, _ = trained
    before = suggestions(store_of(project))
    first, second = project.article_ids()[:2]
    clear_suggestions(store_of(project))
    try:
        assert suggest_labels(project, article_ids=[first]) == 10
        assert [s for s in suggestions(store_of(project))] == [s for s in before if s.article_id == first]
        assert refresh_suggestions(project, [second]) == 10  # there is a model: it suggests
        assert {s.article_id for s in suggestions(store_of(project))} == {first, second}
        assert refresh_suggestions(project, []) == 0
    finally:
        suggest_labels(project)
    assert suggestions(store_of(project)) == before


def test_refresh_suggestions_without_a_model_does_nothing(tmp_path: Path) -> None:
    with open_project(tmp_path / "p.db") as project:
        project.import_drafts(newssd.drafts(newssd.read_rows()[:20]))
        newssd.add_candidates(project)
        assert refresh_suggestions(project, project.article_ids()) == 0
        assert suggestions(store_of(project)) == []


def test_articles_a_run_left_without_suggestions_get_them_at_the_next_refresh(tmp_path: Path) -> None:
    """A pre-annotation suggests after its last batch; the window ends one that does not stop
    when asked, and the batches it had committed kept candidates without suggestions: the next
    run, doing only what is left, never came back to them. Articles pre-annotated before the
    model stay without, as `annotator train --no-suggest` left them."""
    path = newssd.make_project(tmp_path / "p.db")
    with open_project(path, create=False) as project:
        train_claim_model(project, options=TrainOptions(suggest=False))
        assert suggestions(store_of(project)) == []
        rows = newssd.read_rows()[320:330]
        (ended,) = project.import_drafts(newssd.drafts(rows, label=False, tag="ended ")).added
        newssd.add_candidates(project, [ended])  # a batch committed, then the run ended

        assert refresh_suggestions(project, []) == 10
        assert {s.article_id for s in suggestions(store_of(project))} == {ended}
        assert refresh_suggestions(project, []) == 0  # owed no more


def test_a_training_result_unpickles_without_spacy(
    trained: tuple[Project, TrainResult], tmp_path: Path
) -> None:
    """The window gets the result from a child process and must not import spaCy to read it."""
    _, result = trained
    pickled = tmp_path / "result.pickle"
    pickled.write_bytes(pickle.dumps(result))
    code = (
        "import pickle, sys; "
        f"r = pickle.loads(open({str(pickled)!r}, 'rb').read()); "
        "assert 'spacy' not in sys.modules, 'spaCy was imported'; "
        "print(r.evaluation.macro_f1, r.model.name)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(result.evaluation.macro_f1), result.model.name]


def test_a_hostile_model_row_turns_suggestions_off_with_one_line(
    trained: tuple[Project, TrainResult], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A project file from someone else's laptop: its model row is checked, never unpickled."""
    import os

    from annotator.nlp.claim_classifier import ARCHITECTURE, ModelFormatError
    from annotator.services.suggestions import model_problem
    from annotator.store.suggestions import save_model

    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {tmp_path / 'pwned'}",))

    source, _ = trained
    path = tmp_path / "foreign.db"
    with open_project(path) as project:
        project.import_drafts(newssd.drafts(newssd.read_rows()[:40], label=False))
        newssd.add_candidates(project)
        save_model(
            store_of(project),
            labels=("factual", "opinion"),
            architecture=ARCHITECTURE,
            spacy_version="numpy 2",
            config=json.dumps({"format": ARCHITECTURE, "version": 1, "labels": ["factual", "opinion"]}),
            weights=pickle.dumps(Boom()),
            evaluation={"macro_f1": "not a number"},
        )
        with pytest.raises(ModelFormatError) as caught:
            suggest_labels(project)
        assert "\n" not in str(caught.value) and "suggestions are off" in str(caught.value)
        problem = model_problem(project)
        assert problem is not None and "suggestions are off" in problem
        assert current_model(project) is None  # its evaluation does not read either: no figure shown
        with caplog.at_level("WARNING"):
            assert refresh_suggestions(project, project.article_ids()) == 0  # pre-annotation goes on
        assert "suggestions are off" in caplog.text
        assert suggestions(store_of(project)) == [] and project.claims() == []
    assert not (tmp_path / "pwned").exists()
    assert model_problem(source) is None


def test_a_persons_label_always_wins_over_a_suggestion(
    trained_with_new_articles: tuple[Path, TrainResult], tmp_path: Path
) -> None:
    with _copy_of_file(trained_with_new_articles, tmp_path) as project:
        item = next(i for i in suggestion_queue(project, unlabelled_only=True) if i.suggestion is not None)
        assert item.suggestion is not None
        other = next(label for label in ClaimLabel if label is not item.suggestion.label)
        claim = project.add_claim(item.article_id, item.start, item.end, other, annotator="ana")
        suggest_labels(project)  # suggesting again never touches it
        shown = next(
            i for i in suggestion_queue(project) if (i.article_id, i.start) == (item.article_id, item.start)
        )
        assert shown.human_label is other and project.get_claim(claim.id or 0).label is other


@pytest.mark.parametrize("asked", [1, 2])
def test_a_cancel_after_the_evaluation_keeps_the_old_model_and_its_suggestions(
    trained_with_new_articles: tuple[Path, TrainResult], tmp_path: Path, asked: int
) -> None:
    """Cancel pressed while the new model suggests: the project stays as it was, the old model
    current with its own suggestions (once, the new model was kept beside the old suggestions)."""
    _, first = trained_with_new_articles
    with _copy_of_file(trained_with_new_articles, tmp_path) as project:
        before = suggestions(store_of(project))
        evaluated = [False]
        questions = [0]

        def progress(_done: int, _total: int = 0, message: str = "") -> None:
            evaluated[0] = evaluated[0] or message.startswith("evaluating")

        def cancel() -> bool:
            questions[0] += evaluated[0]
            return questions[0] >= asked

        with pytest.raises(Cancelled, match="no model was saved"):
            train_claim_model(project, progress=progress, cancel=cancel)
        assert questions[0] == asked
        assert [m.id for m in models(store_of(project))] == [first.model.id]
        stored = current_model(project)
        assert stored is not None and stored[0].id == first.model.id
        assert suggestions(store_of(project)) == before


def test_articles_a_merge_adds_get_suggestions_from_the_team_model(tmp_path: Path) -> None:
    """A colleague's file brings new articles with their candidates: the team's model suggests
    labels for them at once, as after pre-annotation (not "train first" until the next training)."""
    from annotator.services.merging import merge_files

    rows = newssd.read_rows()
    with open_project(tmp_path / "ana.db") as ana:
        ana.import_drafts(newssd.drafts(rows[300:320], label=False, tag="new "))
        newssd.add_candidates(ana)
    with open_project(newssd.make_project(tmp_path / "team.db", unlabelled=0)) as team:
        result = train_claim_model(team)
        had = set(team.article_ids())
        merge_files(team, [tmp_path / "ana.db"])
        added = set(team.article_ids()) - had
        todo = suggestion_queue(team, unlabelled_only=True)
        assert len(added) == 2 and {i.article_id for i in todo} == added and len(todo) == 20
        assert all(i.suggestion is not None and i.suggestion.model_id == result.model.id for i in todo)


def _copy_of(project: Project, path: Path) -> Project:
    store_of(project).save_copy(path)
    return open_project(path)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("weights", "zeroblob(30000000)", "its weights have 30000000 bytes"),
        ("weights", "printf('%.*c', 30000000, 'x')", "its weights are not bytes"),
        ("weights", "1000000000000000", "its weights are not bytes"),  # bytes(n) asked for a petabyte
        ("config", "CAST(X'80FF7B7D' AS TEXT)", "its settings are not text"),  # once a traceback
    ],
)
def test_a_stored_model_larger_than_any_model_is_refused_unread(
    trained: tuple[Project, TrainResult], tmp_path: Path, column: str, value: str, reason: str
) -> None:
    """A project file whose model row holds 30 MB (a model can have 12): the panel's check once
    read all of it on the window's thread before saying the model cannot be used."""
    import sqlite3

    from annotator.services.suggestions import model_problem

    source, _ = trained
    with _copy_of(source, tmp_path / "big.db") as project:
        conn = store_of(project).conn
        conn.execute(f"UPDATE claim_models SET {column} = {value}")
        conn.commit()
        # Any read of a value longer than 1 MB now fails: nothing may read the weights to judge them.
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 1_000_000)
        problem = model_problem(project)
        assert problem is not None and "cannot be used" in problem and reason in problem
        assert "suggestions are off" in problem and "\n" not in problem
        found = current_model(project)
        assert found is not None and found[0].has_weights  # the figure is still read, without the weights
        assert refresh_suggestions(project, project.article_ids()) == 0
        assert conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) == 1_000_000


def test_a_model_payload_over_the_callers_limits_is_refused(trained: tuple[Project, TrainResult]) -> None:
    import sqlite3

    from annotator.store.suggestions import StoredModelError, model_payload

    source, result = trained
    store = store_of(source)
    before = store.conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH)
    config, weights = model_payload(store, result.model.id, max_config_bytes=10**7, max_weight_bytes=10**7)
    assert len(config) > 2 * len(weights) > 200_000
    with pytest.raises(StoredModelError, match=f"its weights have {len(weights)} bytes"):
        model_payload(store, result.model.id, max_config_bytes=10**7, max_weight_bytes=len(weights) - 1)
    for limit in (len(config) - 1, len(weights)):  # refused by the length check, or by SQLite unread
        with pytest.raises(StoredModelError, match="its settings are too large"):
            model_payload(store, result.model.id, max_config_bytes=limit, max_weight_bytes=len(weights))
    assert store.conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) == before  # restored


def test_training_without_suggesting_leaves_no_suggestion_of_the_old_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`annotator train --no-suggest` made a new model current and left the old model's labels in
    the panel, under the new model's held-out figure."""
    path = tmp_path / "p.db"
    _with_new_articles(path).close()
    assert main(["train", str(path)]) == 0
    assert "Suggested labels for 320 claim candidates" in capsys.readouterr().out
    assert main(["train", str(path), "--no-suggest"]) == 0
    with open_project(path) as project:
        current = current_model(project)
        assert current is not None and current[0].name == "claims-classifier-2"
        assert suggestions(store_of(project)) == []
        assert all(i.suggestion is None for i in suggestion_queue(project))
        assert "the previous model's 320 suggestions were removed" in capsys.readouterr().out
        new = project.article_ids()[-1]
        assert refresh_suggestions(project, [new]) == 10  # pre-annotation: the new model suggests
        assert {s.model_id for s in suggestions(store_of(project))} == {current[0].id}
    assert main(["train", str(path), "--no-suggest", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["suggestions"] == 0 and data["removed_suggestions"] == 10


def test_overriding_a_suggestion_returns_the_persons_own_claim_beside_anothers(tmp_path: Path) -> None:
    """On a sentence bob labelled, ana's label is hers (bob's is left as it was), and that is
    the claim handed back, not bob's."""
    from annotator.core.model import ArticleDraft
    from annotator.core.suggestions import QueueItem

    with open_project(tmp_path / "p.db") as project:
        (article_id,) = project.import_drafts([ArticleDraft(text="Prices rose by ten percent.")]).added
        bobs = project.add_claim(article_id, 0, 27, "factual", annotator="bob")
        item = QueueItem(article_id, 0, 27, 0.5, None, ClaimLabel.FACTUAL)
        mine = accept_suggestion(project, item, annotator="ana", label=ClaimLabel.OPINION)
        assert (mine.annotator, mine.label) == ("ana", ClaimLabel.OPINION)
        assert project.get_claim(bobs.id or 0).label is ClaimLabel.FACTUAL


def test_articles_pre_annotated_while_training_suggests_get_the_new_models_suggestions(
    tmp_path: Path,
) -> None:
    """A pre-annotation (the window's, or `annotator annotate` beside it) that ends while training
    works out its suggestions: the training replaced every suggestion with those of the
    candidates it had read, so the new article's candidates kept none, and no later refresh
    came back to them (they were analysed before the model was saved)."""
    rows = newssd.read_rows()
    path = newssd.make_project(tmp_path / "p.db")
    with open_project(path) as project:
        train_claim_model(project, options=TrainOptions(c_grid=(1.0,)))
    late: list[int] = []

    def pre_annotate_beside(_done: int, _total: int, message: str) -> None:
        if "suggesting" in message and not late:
            with open_project(path) as other:
                late.extend(other.import_drafts(newssd.drafts(rows[320:330], label=False, tag="late ")).added)
                newssd.add_candidates(other, late)
                assert refresh_suggestions(other, late) == 10  # with the model of the time

    with open_project(path) as project:
        result = train_claim_model(project, options=TrainOptions(c_grid=(1.0,)), progress=pre_annotate_beside)
        todo = suggestion_queue(project, article_id=late[0])
        assert len(todo) == 10
        assert all(i.suggestion is not None and i.suggestion.model_id == result.model.id for i in todo)
        assert result.suggestions == len(suggestions(store_of(project))) == 330
