"""Merge people's project files into a team file, all of them or none."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, Cancelled, ProjectFileError, UserError
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.reports import MergeConflict, MergeReport, RepeatedSource
from annotator.services.backups import Backup, back_up_before_merge, discard_copy
from annotator.services.guidelines import default_guidelines
from annotator.services.outputs import same_file
from annotator.services.preannotate import carry_everywhere
from annotator.services.project import Project, store_of
from annotator.store.merge import EntityOrigins, merge_project
from annotator.store.merge import canonical_dump as _canonical_dump

log = logging.getLogger(__name__)

__all__ = [
    "MergeConflict",
    "MergeReport",
    "MergeResult",
    "RepeatedSource",
    "canonical_dump",
    "merge_files",
    "merge_keeping_a_copy",
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
    had = set(team.article_ids())
    reports = _merge_in_one_transaction(team, sources, progress=progress, cancel=cancel)
    _after_the_commit(team, reports, had, progress=progress, cancel=cancel)
    return reports


@dataclass(frozen=True)
class MergeResult:
    reports: list[MergeReport]
    copy: Backup | None
    """The team file as it was just before the merge, in the backups; None for a team file
    made for this merge, which had nothing to keep."""


def merge_keeping_a_copy(
    team: Project,
    sources: Sequence[str | Path],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> MergeResult:
    """`merge_files`, with a copy of the team file taken first (`backups.back_up_before_merge`),
    the way back from a merge made by mistake; the window and the command line merge this way.

    A copy that cannot be made refuses the merge, naming the copies' folder: the merge is the
    one change nothing else undoes, and a warning that scrolled by (the command line's
    "no daily copy") left a person who merged the wrong file with no way back, which a full
    disk or a folder made read-only, once fixed, would not have cost. A merge refused or
    cancelled before its commit removes the copy: listed, it would speak of a merge that never
    was. Once committed the merge stands (a cancel of what follows it too), and so does its copy.
    """
    if not sources:
        raise UserError("name at least one project file to merge into the team file")
    copy: Backup | None = None
    if not team.created:
        if progress is not None:
            # A large team file takes seconds to copy: the bar stood at 0 % with no name.
            progress(0, 0, f"Copying {team.path.name} into the backups first")
        try:
            copy = back_up_before_merge(team.path, sources)
        except ProjectFileError:
            raise  # the team file itself (damaged, say): said as for any project
        except UserError as exc:
            raise UserError(
                f"nothing was merged: {exc}. That copy is the way back from the merge: free some "
                "space there, or make it a folder you can write to, then merge again"
            ) from exc
    had = set(team.article_ids())
    try:
        reports = _merge_in_one_transaction(team, sources, progress=progress, cancel=cancel)
    except BaseException:
        if copy is not None:
            discard_copy(copy)
        raise
    _after_the_commit(team, reports, had, progress=progress, cancel=cancel)
    return MergeResult(reports, copy)


def _merge_in_one_transaction(
    team: Project,
    sources: Sequence[str | Path],
    *,
    progress: ProgressFn | None,
    cancel: CancelFn | None,
) -> list[MergeReport]:
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
    origins: EntityOrigins = {}  # which of these files each entity decision came from
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
                    store,
                    Path(source),
                    progress=per_article,
                    cancel=cancel,
                    default_guidelines=shown,
                    entity_origins=origins,
                )
            )
        if progress is not None:
            progress(len(sources), len(sources))
        per_article(0, 0)
    return reports


def _after_the_commit(
    team: Project,
    reports: list[MergeReport],
    had: set[int],
    *,
    progress: ProgressFn | None,
    cancel: CancelFn | None,
) -> None:
    store = store_of(team)
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
