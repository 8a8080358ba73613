"""Adjudication: walk through disagreements and decide gold labels ("no claim" included)."""

from __future__ import annotations

from collections import defaultdict

from annotator.core.agreement import MatchMode, build_units, spans_match
from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel
from annotator.core.reports import GoldDecision, ReviewItem
from annotator.services.agreement import agreement_inputs
from annotator.services.project import Project, store_of
from annotator.store.merge import article_texts, clear_gold, gold_decisions, set_gold

__all__ = ["GoldDecision", "ReviewItem", "decide", "gold_claims", "review_items", "undecide"]


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
    decisions: dict[int, list[GoldDecision]] = defaultdict(list)
    for decision in gold_decisions(store_of(project)):
        decisions[decision.article_id].append(decision)
    items = []
    for unit in units:
        spans = [unit.span, *((c.start, c.end) for c in unit.claims.values())]
        found = next(
            (
                d
                for d in decisions[unit.article_id]
                if any(spans_match((d.start, d.end), s, mode=match) for s in spans)
            ),
            None,
        )
        items.append(ReviewItem(unit, titles.get(unit.article_id, ""), texts[unit.article_id], found))
    return items


def decide(
    project: Project, item: ReviewItem, label: ClaimLabel | str | None, *, reviewer: str
) -> ReviewItem:
    """Store the gold label (or "no claim") for a disagreement; returns the item with its decision."""
    start, end = item.span
    if item.decision is not None and (item.decision.start, item.decision.end) != (start, end):
        clear_gold(store_of(project), item.article_id, item.decision.start, item.decision.end)
    decision = set_gold(
        store_of(project),
        item.article_id,
        start,
        end,
        ClaimLabel(label) if label is not None else None,
        reviewer=reviewer,
    )
    return ReviewItem(item.unit, item.title, item.text, decision)


def undecide(project: Project, item: ReviewItem) -> ReviewItem:
    if item.decision is not None:
        clear_gold(store_of(project), item.article_id, item.decision.start, item.decision.end)
    return ReviewItem(item.unit, item.title, item.text, None)


def gold_claims(project: Project) -> list[Claim]:
    """The adjudicated labels, for `export --gold`: the same as `project.claims(annotator="gold")`."""
    return project.claims(annotator=GOLD_ANNOTATOR)
