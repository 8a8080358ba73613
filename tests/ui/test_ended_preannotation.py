"""A Cancel ends a pre-annotation's child that does not stop by itself, and nothing is lost by it.

The child checks the stop event only between batches; loading the model and parsing the first
batch took seconds, all that time "stopping…". Ended instead, mid-transaction, it must leave the
project whole: every committed batch there, nothing of the one under way, no lock behind.
"""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

import annotator.ui.subprocess_work as subprocess_work
from annotator.core.errors import Cancelled
from annotator.core.model import ArticleDraft
from annotator.nlp import FALLBACK_NAME, load_pipeline
from annotator.services.preannotate import preannotate
from annotator.services.project import open_project, store_of
from tests.ui import child_stand_ins
from tests.ui.child_stand_ins import CANDIDATE_AND_QUOTE_ROWS

pytestmark = pytest.mark.slow  # a spawned child imports the services and spaCy: seconds each

TEXTS = [
    'Mayor Ann Park said "the new bridge will open in May next year" on Monday.',
    "“We have waited far too long,” said Tom Okafor.",
    'The minister said "prices rose by 12 percent in 2019" at the meeting.',
    "The council spent $5 million on roads last year, according to the report.",
]


def _no_progress(*_args: Any) -> None:
    pass


def _rows(project: Any, article_id: int) -> int:
    (rows,) = store_of(project).conn.execute(CANDIDATE_AND_QUOTE_ROWS, (article_id, article_id)).fetchone()
    return int(rows)


def test_a_preannotation_ended_inside_a_batch_keeps_the_batches_before_it_and_nothing_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.annotator.db"
    with open_project(path) as project:
        ids = project.import_drafts([ArticleDraft(text=t, title=f"t{i}") for i, t in enumerate(TEXTS)]).added
    held = tmp_path / "held"
    monkeypatch.setitem(
        subprocess_work._TARGETS, "preannotate", child_stand_ins.preannotate_held_in_second_batch
    )

    with pytest.raises(Cancelled):
        subprocess_work.run_in_process("preannotate", (str(held), path, None), _no_progress, held.exists)

    assert not multiprocessing.active_children()
    inside = json.loads(held.read_text(encoding="utf-8"))
    assert inside["article"] == ids[1]
    assert inside["rows"] > 0, "the transaction held no row: the test proves nothing"
    rules = load_pipeline(FALLBACK_NAME).info
    with open_project(path, create=False) as project:
        assert project.integrity_check() == "ok"
        assert project.analysis_pipeline(ids[0]) == rules  # the first batch, committed
        assert _rows(project, ids[0]) > 0
        assert project.articles_needing_analysis(rules) == ids[1:]
        assert _rows(project, ids[1]) == 0  # the batch under way, rolled back
        # No lock left behind: a save that would wait for one is refused at once instead.
        project.set_busy_timeout(0)
        project.add_claim(ids[0], 0, 4, "factual", annotator="ana")
        rest = preannotate(project, pipeline=load_pipeline(FALLBACK_NAME))
        assert (rest.analysed, rest.cancelled) == (len(ids) - 1, False)
        assert _rows(project, ids[1]) == inside["rows"]
        assert project.integrity_check() == "ok"


@pytest.mark.parametrize("name", sorted(subprocess_work.ENDED_AT_ANY_MOMENT))
def test_a_cancel_while_the_model_loads_ends_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    loading = tmp_path / "loading"
    monkeypatch.setitem(subprocess_work._TARGETS, name, child_stand_ins.load_that_ignores_the_stop)

    with pytest.raises(Cancelled):
        subprocess_work.run_in_process(name, (str(loading),), _no_progress, loading.exists)

    assert not multiprocessing.active_children()


@pytest.mark.parametrize("name", sorted(subprocess_work.ENDED_AT_ANY_MOMENT))
def test_a_cancel_before_the_child_is_stoppable_ends_it_without_the_grace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Loading the model, the child checks no stop event and has saved nothing: the second of
    grace it got was spent for nothing, and a merge or export asked meanwhile waited it out."""
    loading, went_on = tmp_path / "loading", tmp_path / "went-on"
    monkeypatch.setitem(
        subprocess_work._TARGETS, name, child_stand_ins.load_that_would_go_on_within_the_grace
    )

    with pytest.raises(Cancelled, match="was ended"):
        subprocess_work.run_in_process(
            name,
            (str(loading), str(went_on), subprocess_work.STOP_GRACE_SECONDS),
            _no_progress,
            loading.exists,
        )

    assert not multiprocessing.active_children()
    assert loading.exists()
    assert not went_on.exists(), "the child was given time after the stop, though it could not use it"


@pytest.mark.parametrize("name", sorted(subprocess_work.ENDED_AT_ANY_MOMENT))
def test_a_child_that_said_it_is_stoppable_gets_its_grace_and_keeps_its_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    finished = tmp_path / "finished"
    monkeypatch.setitem(subprocess_work._TARGETS, name, child_stand_ins.batch_that_finishes_within_the_grace)
    reported: list[tuple[Any, ...]] = []

    with pytest.raises(Cancelled) as raised:
        # Cancelled once its first batch is reported, which the child sends after `stoppable`.
        subprocess_work.run_in_process(
            name,
            (str(finished), subprocess_work.STOP_GRACE_SECONDS),
            lambda *args: reported.append(args),
            lambda: bool(reported),
        )

    assert str(raised.value) == "stopped after its batch"  # its own words: it stopped by itself
    assert finished.exists()
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("name", sorted(subprocess_work.ENDED_AT_ANY_MOMENT))
def test_a_cancel_after_the_last_article_ends_the_child_and_returns_its_report(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Cancelled while it made label suggestions, after its last article, the child was ended
    and its report lost: the window said "cancelled" of work that was done, and a warning that
    the model is missing, which only the report carries, was never said."""
    monkeypatch.setitem(subprocess_work._TARGETS, name, child_stand_ins.suggestions_after_the_last_article)
    reported: list[tuple[Any, ...]] = []

    report = subprocess_work.run_in_process(
        name,  # type: ignore[call-overload]
        (),
        lambda *args: reported.append(args),
        lambda: bool(reported),  # a Cancel once the last article is counted
    )

    assert report == "pre-annotated 2 articles"  # the suggestions, ended, are the next run's
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("name", sorted(set(subprocess_work._TARGETS) - subprocess_work.ENDED_AT_ANY_MOMENT))
def test_work_that_must_not_be_ended_is_waited_for(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """An import, export, release or training leaves files to explain if ended in the middle:
    it stops by itself, however long after the Cancel."""
    monkeypatch.setitem(subprocess_work._TARGETS, name, child_stand_ins.finish_after_the_stop)

    result = subprocess_work.run_in_process(
        name, (subprocess_work.STOP_GRACE_SECONDS,), _no_progress, lambda: True
    )

    assert result == "finished"
    assert not multiprocessing.active_children()
