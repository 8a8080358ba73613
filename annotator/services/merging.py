"""Merge people's project files into a team file, all of them or none."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, Cancelled, UserError
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.reports import MergeConflict, MergeReport, RepeatedSource
from annotator.services.guidelines import default_guidelines
from annotator.services.outputs import same_file
from annotator.services.preannotate import carry_everywhere
from annotator.services.project import Project, store_of
from annotator.store.merge import canonical_dump as _canonical_dump
from annotator.store.merge import merge_project

log = logging.getLogger(__name__)

__all__ = [
    "MergeConflict",
    "MergeReport",
    "RepeatedSource",
    "canonical_dump",
    "merge_files",
    "repeated_source",
]


def canonical_dump(project: Project) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of a project in a form that compares equal across merges (tests, checks)."""
    return _canonical_dump(store_of(project))


def repeated_source(team: Path, sources: Sequence[Path]) -> RepeatedSource | None:
    """The first source that is the team file or a file named before it, through links, hard
    links and `./`; None when every source is another file.

    A file merged twice said "0 claims added, 14 already there" the second time, so a slip for
    another person's file went unseen; the team file as a source was refused only once open.
    The command line and the window ask this before they open anything.
    """
    for index, source in enumerate(sources):
        if same_file(source, team):
            return RepeatedSource(source, None)
        earlier = next((other for other in sources[:index] if same_file(source, other)), None)
        if earlier is not None:
            return RepeatedSource(source, earlier)
    return None


def merge_files(
    team: Project,
    sources: Sequence[str | Path],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> list[MergeReport]:
    """Merge every file into `team` in ONE transaction: all of them, or (on any error) none.

    `progress(done, total, message)` counts the articles of the file being merged, at each
    whole percent (total 0 while the file is checked and while its labels go in), `message`
    naming the file (and which of them it is); raising `Cancelled` from it rolls back. It
    counted files only: one annotator's file of 50,000 articles held the window's bar at 0 %
    for the whole merge. `cancel()` is asked after every article, so a window's Cancel
    button stops a long file at once instead of only between files; it rolls back the same way.
    """
    if not sources:
        raise UserError("name at least one project file to merge into the team file")
    naming = ""
    shown_percent = -1

    def per_article(done: int, total: int, _message: str = "", /) -> None:
        nonlocal shown_percent
        if cancel is not None and cancel():
            raise Cancelled("merge cancelled; the team file is unchanged")
        if progress is None or total <= 0:
            return
        if done >= total:
            # The articles are in; the file's labels, names and quotations follow, in bulk and
            # without a count (a third of a large file's time): a full bar said it was done.
            progress(0, 0, naming)
        elif done * 100 // total != shown_percent:
            shown_percent = done * 100 // total
            progress(done, total, naming)

    reports: list[MergeReport] = []
    store = store_of(team)
    shown = default_guidelines()  # what the team file shows without guidelines of its own
    had = set(team.article_ids())
    with store.transaction():
        for done, source in enumerate(sources):
            name = Path(source).name
            naming = f"{name} ({done + 1} of {len(sources)})" if len(sources) > 1 else name
            shown_percent = -1
            if progress is not None:
                progress(0, 0, naming)  # unknown until the file is open and checked
            per_article(0, 0)
            reports.append(
                merge_project(
                    store, Path(source), progress=per_article, cancel=cancel, default_guidelines=shown
                )
            )
        if progress is not None:
            progress(len(sources), len(sources))
        per_article(0, 0)
    _suggest_for_new_articles(team, sorted(set(team.article_ids()) - had))
    if any(r.entities_added or r.entity_decisions for r in reports):
        # Decisions merged in reach the articles the team file had already, as Pre-annotate All
        # would carry them, so an export right after the merge writes no suggestion the team has
        # ruled out. After the merge's commit: a cancel here keeps the merge and the articles done.
        try:
            reports[-1].carried = carry_everywhere(
                store, store.entity_decisions(), progress=progress, cancel=cancel
            )
        except Cancelled:
            # Raised by a caller's progress: the merge stands ("the team file is unchanged"
            # would be false); the articles not reached follow when next opened.
            log.info("carrying the merged entity decisions was cancelled")
    return reports


def _suggest_for_new_articles(team: Project, article_ids: list[int]) -> None:
    """With a trained model, label suggestions for the candidates of the articles a merge added.

    A merge brings articles with their candidates (their pre-annotation) but not the source's
    suggestions, which came from another model: without this, the team's model suggested
    nothing there until the next training, and the window said "train first". After the
    merge's commit, so a failure here is logged and never undoes the merge.
    """
    from annotator.services.suggestions import refresh_suggestions

    try:
        refresh_suggestions(team, article_ids)
    except AnnotatorError as exc:
        log.warning("the merged articles got no label suggestions: %s", exc)
