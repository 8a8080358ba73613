"""Adjudication: walk through disagreements and decide gold labels ("no claim" included)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from annotator.core.agreement import MatchMode, Unit, build_units, spans_match
from annotator.core.commands import Change, Command
from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel
from annotator.core.reports import GoldDecision, ReviewItem
from annotator.services import labelling
from annotator.services.agreement import agreement_inputs
from annotator.services.project import Project, store_of
from annotator.store.merge import article_texts, gold_decisions

__all__ = [
    "GoldDecision",
    "ReviewItem",
    "decide",
    "gold_claims",
    "review_items",
    "undecide",
    "with_stored_decisions",
]


def review_items(
    project: Project, *, match: MatchMode = "exact", include_agreed: bool = False
) -> list[ReviewItem]:
    """Disagreements in article and text order: labels differ, or only some annotators marked the span."""
    claims, sentences = agreement_inputs(project, match=match)
    units = [
        u
        for u in build_units(claims, match=match, sentences=sentences)
        if include_agreed or u.is_disagreement
    ]
    texts = article_texts(store_of(project), {u.article_id for u in units})
    titles = {s.id: s.title for s in project.articles()}
    decisions = _decisions_by_article(project)
    return [
        ReviewItem(
            unit,
            titles.get(unit.article_id, ""),
            texts[unit.article_id],
            _decision_for(unit, decisions[unit.article_id], match),
        )
        for unit in units
    ]


def with_stored_decisions(
    project: Project, items: list[ReviewItem], *, match: MatchMode = "exact"
) -> list[ReviewItem]:
    """The same items with the decisions the file holds now.

    A decision can be undone or redone from the main window (its undo stack), out of the
    review's sight; the review asks again instead of trusting what it last set.
    """
    decisions = _decisions_by_article(project)
    return [
        replace(item, decision=_decision_for(item.unit, decisions[item.article_id], match)) for item in items
    ]


def _decisions_by_article(project: Project) -> dict[int, list[GoldDecision]]:
    decisions: dict[int, list[GoldDecision]] = defaultdict(list)
    for decision in gold_decisions(store_of(project)):
        decisions[decision.article_id].append(decision)
    return decisions


def _decision_for(unit: Unit, decisions: list[GoldDecision], match: MatchMode) -> GoldDecision | None:
    spans = [unit.span, *((c.start, c.end) for c in unit.claims.values())]
    return next(
        (d for d in decisions if any(spans_match((d.start, d.end), s, mode=match) for s in spans)),
        None,
    )


Run = Callable[[Command], Change]
"""Runs an edit command: `Project.execute`, or the window's undo stack so Ctrl+Z takes it back."""


def decide(
    project: Project,
    item: ReviewItem,
    label: ClaimLabel | str | None,
    *,
    reviewer: str,
    run: Run | None = None,
) -> ReviewItem:
    """Store the gold label (or "no claim") for a disagreement; returns the item with its decision.

    One undoable edit (`core.commands.DecideGold`, made by `services.labelling.decide_gold`).
    """
    chosen = ClaimLabel(label) if label is not None else None
    command = labelling.decide_gold(item, chosen, reviewer=reviewer)
    (run or project.execute)(command)
    start, end = item.span
    decision = GoldDecision(item.article_id, start, end, chosen, reviewer)
    return ReviewItem(item.unit, item.title, item.text, decision)


def undecide(project: Project, item: ReviewItem, *, run: Run | None = None) -> ReviewItem:
    """Forget the decision on a disagreement (one undoable edit)."""
    command = labelling.undecide_gold(item)
    if command is not None:
        (run or project.execute)(command)
    return ReviewItem(item.unit, item.title, item.text, None)


def gold_claims(project: Project) -> list[Claim]:
    """The adjudicated labels, for `export --gold`: the same as `project.claims(annotator="gold")`."""
    return project.claims(annotator=GOLD_ANNOTATOR)
