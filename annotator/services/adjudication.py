"""Adjudication: walk through disagreements and decide gold labels ("no claim" included)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from annotator.core.agreement import MatchMode, Span, Unit, build_units, spans_match
from annotator.core.commands import Change, Command
from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel, newest_stamp
from annotator.core.reports import GoldDecision, ReviewItem, labels_after
from annotator.services import labelling
from annotator.services.agreement import agreement_inputs
from annotator.services.project import Project, store_of
from annotator.store.merge import article_texts, gold_decisions

__all__ = [
    "AgreedGold",
    "GoldDecision",
    "ReviewItem",
    "agreed_gold",
    "decide",
    "gold_claims",
    "review_items",
    "undecide",
    "with_agreed",
    "with_stored_decisions",
]


def review_items(
    project: Project, *, match: MatchMode = "exact", include_agreed: bool = False
) -> list[ReviewItem]:
    """Disagreements in article and text order: labels differ, or only some annotators marked the
    span, or a decision was made before labels that differ from it (`ReviewItem.came_after`)."""
    claims, sentences = agreement_inputs(project, match=match)
    every_unit = build_units(claims, match=match, sentences=sentences)
    # Decisions are shared out over every unit, shown or not: an agreed unit keeps its own. One
    # its people now agree against, having relabelled after it, is shown too: it left the review
    # while gold kept the decision they all dispute, which the reviewer never saw.
    owned = _decisions_for(every_unit, _decisions_by_article(project), match)
    shown = [
        (u, d)
        for u, d in zip(every_unit, owned, strict=True)
        if include_agreed or u.is_disagreement or labels_after(d, u.claims.values())
    ]
    texts = article_texts(store_of(project), {u.article_id for u, _ in shown})
    titles = {s.id: s.title for s in project.articles()}
    return [
        ReviewItem(unit, titles.get(unit.article_id, ""), texts[unit.article_id], decision)
        for unit, decision in shown
    ]


def with_stored_decisions(
    project: Project, items: list[ReviewItem], *, match: MatchMode = "exact"
) -> list[ReviewItem]:
    """The same items with the decisions the file holds now.

    A decision can be undone or redone from the main window (its undo stack), out of the
    review's sight; the review asks again instead of trusting what it last set.
    """
    owned = _decisions_for([item.unit for item in items], _decisions_by_article(project), match)
    return [replace(item, decision=decision) for item, decision in zip(items, owned, strict=True)]


def _decisions_by_article(project: Project) -> dict[int, list[GoldDecision]]:
    decisions: dict[int, list[GoldDecision]] = defaultdict(list)
    for decision in gold_decisions(store_of(project)):
        decisions[decision.article_id].append(decision)
    return decisions


def _decisions_for(
    units: Sequence[Unit], decisions: Mapping[int, list[GoldDecision]], match: MatchMode
) -> list[GoldDecision | None]:
    """The decision each unit shows (in `units` order); a decision belongs to at most one unit.

    A decision at a unit's span is that unit's, then one at one of its claims' spans. Relaxed
    matching also finds a decision whose span no unit has any more (a claim was resized after
    the review) for the unit, still without one, that overlaps it most. Matching every decision
    against every unit instead showed one unit's decision on the overlapping one too, and
    deciding that one then replaced the first.
    """
    found: list[GoldDecision | None] = [None] * len(units)
    by_article: dict[int, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        by_article[unit.article_id].append(index)
    for article_id, indexes in by_article.items():
        left: dict[Span, GoldDecision] = {}
        for decision in decisions.get(article_id, ()):
            left.setdefault((decision.start, decision.end), decision)
        for spans_of in (lambda u: [u.span], lambda u: u.own_spans):
            for index in indexes:
                span = next((s for s in spans_of(units[index]) if s in left), None)
                if found[index] is None and span is not None:
                    found[index] = left.pop(span)
        if match == "exact" or not left:
            continue
        pairs = sorted(
            (-overlap, index, span)
            for span in left
            for index in indexes
            if found[index] is None and (overlap := _relaxed_overlap(span, units[index].own_spans, match)) > 0
        )
        for _, index, span in pairs:
            if found[index] is None and span in left:
                found[index] = left.pop(span)
    return found


def _relaxed_overlap(span: Span, spans: Sequence[Span], match: MatchMode) -> int:
    """The largest overlap of `span` with one of `spans` it matches under `match` (0: none)."""
    return max(
        (min(span[1], s[1]) - max(span[0], s[0]) for s in spans if spans_match(span, s, mode=match)),
        default=0,
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


@dataclass(frozen=True)
class AgreedGold:
    """What gold holds beyond the decisions themselves (see `agreed_gold`)."""

    claims: Mapping[int, list[Claim]] = field(default_factory=dict)
    """Article -> the agreed spans gold takes there, as claims of `gold`, in text order."""
    undecided: int = 0
    """Disagreements with no decision in articles gold takes (they are not claims there)."""


def agreed_gold(
    claims: Iterable[Claim],
    decisions: Iterable[GoldDecision],
    *,
    match: MatchMode = "exact",
    exact_units: Sequence[Unit] | None = None,
) -> AgreedGold:
    """The spans every annotator of an article agrees on, which gold holds beside the decisions.

    The review only shows disagreements, so an agreed span never gets a decision; leaving it
    out of gold taught a model that the team's most certain claims are "not a claim". Agreed is
    the review's own rule: an exact-span unit that is no disagreement, of two or more
    annotators. A decision on the unit's span wins (its label is already a gold claim; "no
    claim" removes it). An article with a disagreement nobody has decided yet is taken as gold
    took it before: only if a reviewer gave it a gold label, its undecided spans left out.

    `match` is the review's span matching, so gold counts as undecided what that review
    shows undecided. Exact, only a decision on a disagreement's own span decides it: the
    exact review lists a sentence marked whole and its second half as two, and deciding the
    whole left the half open there, while gold took it as settled (its agreed spans released,
    a span fewer on the card's count than the review still showed). Relaxed, the
    disagreements are the relaxed review's units (`_relaxed_undecided`): that review shows
    the whole and the half as one, and its "no claim" left the half undecided here, so the
    article's agreed spans went missing from gold while the review said all was decided.

    `exact_units`: `build_units(claims, match="exact")`, built already (the dashboard's exact
    agreement builds them), so the claims are not grouped and matched a second time.
    """
    by_article: dict[int, list[GoldDecision]] = defaultdict(list)
    for decision in decisions:
        by_article[decision.article_id].append(decision)
    labelled = {a for a, found in by_article.items() if any(d.label is not None for d in found)}
    claims = list(claims)
    units = build_units(claims, match="exact") if exact_units is None else exact_units
    agreed: dict[int, list[Claim]] = defaultdict(list)
    undecided: Counter[int] = Counter()
    for unit, owned in zip(units, _decisions_for(units, by_article, "exact"), strict=True):
        if unit.is_disagreement:
            undecided[unit.article_id] += owned is None
        elif owned is None and len(unit.annotators_on_article) > 1:
            first = next(iter(unit.claims.values()))
            # Stamped with the newest of the agreeing claims, so `--since` and the card's date see it.
            stamp = newest_stamp(unit.claims.values())
            start, end = unit.span
            agreed[unit.article_id].append(
                Claim(unit.article_id, start, end, first.label, GOLD_ANNOTATOR, created_at=stamp)
            )
    if match == "relaxed":
        undecided = _relaxed_undecided(claims, by_article)
    taken = {a: found for a, found in agreed.items() if not undecided[a] or a in labelled}
    return AgreedGold(taken, sum(n for a, n in undecided.items() if a in labelled))


def _relaxed_undecided(claims: Sequence[Claim], decisions: Mapping[int, list[GoldDecision]]) -> Counter[int]:
    """Article -> its disagreements without a decision, as the relaxed review counts them.

    Counted on exact units, each settled by a decision on words it overlaps, a disagreement
    the review showed as one (a sentence marked whole and two parts of it) stood on the card
    as three undecided spans. Without sentences, which only an analysis has, spans of one
    sentence that do not overlap stay apart here.
    """
    units = build_units(claims, match="relaxed")
    owned = _decisions_for(units, decisions, "relaxed")
    return Counter(u.article_id for u, d in zip(units, owned, strict=True) if u.is_disagreement and d is None)


def with_agreed(decided: Sequence[Claim], agreed: Sequence[Claim]) -> list[Claim]:
    """An article's gold claims: its decisions (as stored) and its agreed spans, in text order."""
    return sorted([*decided, *agreed], key=lambda c: (c.start, c.end))


def gold_holds_a_claim(
    project: Project, decisions: Sequence[GoldDecision] | None = None, *, match: MatchMode = "exact"
) -> bool:
    """Whether `export --gold` would write a claim: exactly its answer, cheap enough to ask
    before the Export dialog opens.

    Offered for one span two annotators labelled alike, *Gold labels* came out empty where
    that span's article still had an open disagreement, and the person learnt it only after
    choosing a file. A reviewer's label is a gold claim at once; else an agreed span counts
    only in an article the store cannot rule out (`articles_gold_may_take`), each worked out
    as the export does, stopping at the first. `decisions`: the project's, if already read;
    `match`: the review's span matching, as the export is given it (`agreed_gold`).
    """
    if decisions is None:
        decisions = project.gold_decisions()
    if any(decision.label is not None for decision in decisions):
        return True
    by_article: dict[int, list[GoldDecision]] = defaultdict(list)
    for decision in decisions:
        by_article[decision.article_id].append(decision)
    store = store_of(project)
    # Read and worked out a few hundred at a time: one by one, a project whose every article
    # had a "no claim" decision and a disagreement still open took longer than the export.
    articles = store.articles_gold_may_take(decided_by_exact_span=match == "exact")
    while batch := list(islice(articles, 256)):
        decided = [d for article_id in batch for d in by_article.get(article_id, ())]
        if agreed_gold(store.claims_of(batch), decided, match=match).claims:
            return True
    return False


def gold_claims(project: Project, *, match: MatchMode = "exact") -> list[Claim]:
    """The gold labels `export --gold` writes: decisions and agreed spans (`agreed_gold`)."""
    claims = list(project.iter_claims())
    agreed = agreed_gold(claims, project.gold_decisions(), match=match).claims
    decided: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.annotator == GOLD_ANNOTATOR:
            decided[claim.article_id].append(claim)
    return [
        claim
        for article in sorted({*decided, *agreed})
        for claim in with_agreed(decided.get(article, []), agreed.get(article, []))
    ]
