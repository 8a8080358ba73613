"""Stand-ins for the window's background targets, importable by a spawned child
(`ui.subprocess_work.run_in_process` hands the child the target itself).

None of them checks the stop event where the real work cannot either: in the middle of a
batch's transaction, or while the model loads.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

HELD_FOR = 120.0
"""How long a stand-in holds on before it goes on by itself: far longer than any Cancel takes
to end it, so a child still there afterwards was waited for, not ended."""

CANDIDATE_AND_QUOTE_ROWS = (
    "SELECT (SELECT count(*) FROM candidates WHERE article_id = ?)"
    " + (SELECT count(*) FROM quotes WHERE article_id = ?)"
)


def preannotate_held_in_second_batch(
    held: str,
    project_path: Path,
    article_ids: list[int] | None,
    keep: frozenset[int] = frozenset(),
    **callbacks: Any,
) -> Any:
    """The window's pre-annotation (`subprocess_work._preannotate`, rules only, one article a
    batch) that stops inside its second batch's transaction, after the batch's first article's
    rows are written and before the commit.

    Once there it writes `held`: which article and how many of its candidate and quotation rows
    the open transaction holds.
    """
    from annotator.nlp import FALLBACK_NAME, load_pipeline
    from annotator.services import preannotate as preannotating
    from annotator.store.project_store import ProjectStore
    from annotator.ui.subprocess_work import _preannotate

    preannotating.SAVE_EVERY = 1
    preannotating.load_pipeline = lambda _name=None: load_pipeline(FALLBACK_NAME)  # the model may be absent
    real_save = ProjectStore.save_analyses
    saves = [0]

    def save_analyses(store: ProjectStore, items: Iterable[tuple[int, Any]], **kwargs: Any) -> None:
        saves[0] += 1
        if saves[0] == 2:
            items = _held_after_the_first(store, items, Path(held))
        real_save(store, items, **kwargs)

    ProjectStore.save_analyses = save_analyses  # type: ignore[method-assign]
    return _preannotate(project_path, article_ids, keep, **callbacks)


def _held_after_the_first(
    store: Any, items: Iterable[tuple[int, Any]], held: Path
) -> Iterator[tuple[int, Any]]:
    """Hand over the first item; asked for the next, its rows are written but not committed."""
    iterator = iter(items)
    article_id, analysis = next(iterator)
    yield article_id, analysis
    (rows,) = store.conn.execute(CANDIDATE_AND_QUOTE_ROWS, (article_id, article_id)).fetchone()
    held.write_text(json.dumps({"article": article_id, "rows": rows}), encoding="utf-8")
    time.sleep(HELD_FOR)
    yield from iterator


def load_that_ignores_the_stop(loading: str, **_callbacks: Any) -> str:
    """A model that takes its time to load, never looking at the stop event meanwhile."""
    Path(loading).write_text("loading", encoding="utf-8")
    time.sleep(HELD_FOR)
    return "loaded"


def finish_after_the_stop(grace: float, **callbacks: Any) -> str:
    """Work that, once asked to stop, goes on for twice `grace` and then finishes: it is ended
    only if the parent does not wait for it."""
    deadline = time.monotonic() + HELD_FOR
    while not callbacks["cancel"]() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(2 * grace)
    return "finished"


def load_that_would_go_on_within_the_grace(loading: str, went_on: str, grace: float, **callbacks: Any) -> str:
    """A model still loading when the stop comes, which goes on loading for half of `grace`
    and then writes `went_on`: found there, the parent waited for a child that could not stop.

    It looks at the stop event only to know when the Cancel came; like a real load, it does
    not stop for it, and it never calls `stoppable`."""
    Path(loading).write_text("loading", encoding="utf-8")
    deadline = time.monotonic() + HELD_FOR
    while not callbacks["cancel"]() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(grace / 2)
    Path(went_on).write_text("loaded on after the stop", encoding="utf-8")
    time.sleep(HELD_FOR)
    return "loaded"


def batch_that_finishes_within_the_grace(finished: str, grace: float, **callbacks: Any) -> str:
    """A pre-annotation past its load: it says it is stoppable, reports its first batch begun,
    and once asked to stop finishes that batch within half of `grace`, writes `finished` and
    stops by itself."""
    from annotator.core.errors import Cancelled

    callbacks["stoppable"]()
    callbacks["progress"](0, 2)
    deadline = time.monotonic() + HELD_FOR
    while not callbacks["cancel"]() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(grace / 2)
    Path(finished).write_text("batch saved", encoding="utf-8")
    raise Cancelled("stopped after its batch")


def suggestions_after_the_last_article(**callbacks: Any) -> str:
    """A pre-annotation past its last article: it says it is stoppable, counts its articles
    done, hands over its report (`report_ready`) and then makes label suggestions, which look at
    no stop event, for far longer than the grace."""
    callbacks["stoppable"]()
    callbacks["progress"](2, 2)
    callbacks["report_ready"]("pre-annotated 2 articles")
    time.sleep(HELD_FOR)
    return "pre-annotated 2 articles; suggested labels"


def qt_modules_loaded(**_callbacks: Any) -> list[str]:
    """The Qt modules the child has imported by the time its target runs."""
    import sys

    return sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))


def worker_pid(**callbacks: Any) -> int:
    """A pre-annotation with its pipeline at hand: the process that ran it."""
    import os

    callbacks["stoppable"]()
    return os.getpid()


def crash(**_callbacks: Any) -> None:
    """A bug in the child."""
    raise IndexError("list index out of range")


def pipeline_changed_once(changed: str, **callbacks: Any) -> int:
    """A pre-annotation whose worker finds that a pipeline it loaded changed on disk, as
    `services.preannotate.kept_pipeline` finds it; in the next worker, `worker_pid`."""
    from annotator.services.preannotate import PipelineFilesChanged

    if not Path(changed).exists():
        Path(changed).write_text("reinstalled", encoding="utf-8")
        raise PipelineFilesChanged("the files of the spaCy pipeline en_core_web_sm changed")
    return worker_pid(**callbacks)


def nothing_to_preannotate(
    _project_path: Path, _article_ids: list[int] | None, _keep: frozenset[int] = frozenset(), **callbacks: Any
) -> Any:
    """The window's pre-annotation of a project whose articles are all pre-annotated."""
    from annotator.core.model import PipelineInfo
    from annotator.services.preannotate import PreannotateReport

    callbacks["stoppable"]()
    return PreannotateReport(PipelineInfo("en_core_web_sm", "3.8.0"), up_to_date=2)
