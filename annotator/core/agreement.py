"""Inter-annotator agreement on claim labels, in pure Python.

Three figures, each with the number of items behind it:

* Cohen's kappa between two annotators, on the labels of spans both marked;
* Krippendorff's alpha (nominal), on the same items for a pair and on every span
  any two annotators marked for the team (alpha copes with missing coders, kappa does not);
* span F1: whether both marked the same spans as claims at all, ``2·matched / (|A| + |B|)``,
  which is symmetric, so neither annotator has to play the reference.

Spans are matched one-to-one, per article, either exactly (same start and end) or
relaxed: same sentence, or an overlap of at least half the shorter span. The team
kappa is the mean of the pairwise kappas (Light's kappa), because Fleiss' kappa
needs every item rated by the same number of people. Gold claims never count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel

MatchMode = Literal["exact", "relaxed"]
MATCH_MODES: tuple[MatchMode, ...] = ("exact", "relaxed")
LABELS: tuple[str, ...] = tuple(label.value for label in ClaimLabel)

Span = tuple[int, int]
Sentences = Sequence[Span]


# -- the statistics ---------------------------------------------------------------------


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels on the same items; None when undefined.

    Undefined means no items, or chance agreement of 1 (both raters used one and
    the same label throughout): there is nothing to tell agreement from chance.
    """
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    left = Counter(a for a, _ in pairs)
    right = Counter(b for _, b in pairs)
    expected = sum(left[label] * right[label] for label in left) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Iterable[Sequence[str]]) -> float | None:
    """Krippendorff's alpha for nominal data; each unit is the values its coders gave.

    Units with fewer than two values are not pairable and are ignored, as the
    definition says. None when there is no pairable unit or only one value in use.
    """
    coincidence: dict[tuple[str, str], float] = defaultdict(float)
    for values in units:
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidence[(c, k)] += pairs / (m - 1)
    marginals: dict[str, float] = defaultdict(float)
    for (c, _), value in coincidence.items():
        marginals[c] += value
    n = sum(marginals.values())
    if n <= 1:
        return None
    disagree_observed = sum(v for (c, k), v in coincidence.items() if c != k)
    disagree_expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if disagree_expected == 0:
        return None
    return 1.0 - (n - 1) * disagree_observed / disagree_expected


def span_f1(matched: int, count_a: int, count_b: int) -> float | None:
    """F1 of two sets of spans given how many were matched; None when neither marked any."""
    total = count_a + count_b
    return 2.0 * matched / total if total else None


# -- matching spans ---------------------------------------------------------------------


def simple_sentences(text: str) -> list[Span]:
    """Sentence spans by punctuation and line breaks: the fallback for articles never pre-annotated."""
    spans: list[Span] = []
    start = 0
    for match in re.finditer(r"[.!?…]+[\"'”’)\]]*\s+|\n+", text):
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _sentence_of(sentences: Sentences, position: int) -> int:
    """Index of the sentence holding `position`, by sentence starts; -1 before the first."""
    starts = [s for s, _ in sentences]
    return bisect_right(starts, position) - 1


def spans_match(a: Span, b: Span, *, mode: MatchMode, sentences: Sentences = ()) -> bool:
    """Whether two spans count as the same claim under `mode`."""
    if a == b:
        return True
    if mode == "exact":
        return False
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    if overlap > 0 and 2 * overlap >= shorter:
        return True
    if sentences:
        return _sentence_of(sentences, a[0]) == _sentence_of(sentences, b[0]) >= 0
    return False


def match_spans(
    left: Sequence[Span], right: Sequence[Span], *, mode: MatchMode, sentences: Sentences = ()
) -> list[tuple[int, int]]:
    """Pair spans one-to-one, best pairs first: exact, then larger overlap, then nearer starts.

    Returns (index into left, index into right) in left order, so results are stable.
    """
    if mode == "exact":
        where = {span: i for i, span in reversed(list(enumerate(right)))}
        pairs = [(i, where[span]) for i, span in enumerate(left) if span in where]
        seen: set[int] = set()
        unique = []
        for i, j in pairs:
            if j not in seen:
                seen.add(j)
                unique.append((i, j))
        return unique
    candidates: list[tuple[tuple[int, int, int, int, int], int, int]] = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if b[0] >= a[1] and not sentences:
                break
            if spans_match(a, b, mode=mode, sentences=sentences):
                overlap = max(0, min(a[1], b[1]) - max(a[0], b[0]))
                key = (0 if a == b else 1, -overlap, abs(a[0] - b[0]), i, j)
                candidates.append((key, i, j))
    candidates.sort()
    used_left: set[int] = set()
    used_right: set[int] = set()
    result: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        result.append((i, j))
    return sorted(result)


# -- reports ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """One agreement figure and how many items it rests on (None: undefined)."""

    value: float | None
    items: int

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "items": self.items}


@dataclass(frozen=True, slots=True)
class Scores:
    kappa: Figure
    alpha: Figure
    f1: Figure

    def to_dict(self) -> dict[str, Any]:
        return {"kappa": self.kappa.to_dict(), "alpha": self.alpha.to_dict(), "f1": self.f1.to_dict()}


@dataclass(frozen=True)
class PairAgreement:
    annotators: tuple[str, str]
    overall: Scores
    by_label: Mapping[str, Scores]

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "overall": self.overall.to_dict(),
            "by_label": {label: s.to_dict() for label, s in self.by_label.items()},
        }


@dataclass(frozen=True)
class AgreementReport:
    """Pairwise and team figures, overall, per label and per article."""

    match: MatchMode
    annotators: tuple[str, ...]
    team: Scores
    team_by_label: Mapping[str, Scores]
    pairs: tuple[PairAgreement, ...]
    by_article: Mapping[int, Scores] = field(default_factory=dict)

    def pair(self, a: str, b: str) -> PairAgreement:
        for pair in self.pairs:
            if set(pair.annotators) == {a, b}:
                return pair
        raise KeyError((a, b))

    def to_dict(self) -> dict[str, Any]:
        return {
            "match": self.match,
            "annotators": list(self.annotators),
            "team": self.team.to_dict(),
            "team_by_label": {label: s.to_dict() for label, s in self.team_by_label.items()},
            "pairs": [p.to_dict() for p in self.pairs],
            "by_article": {str(a): s.to_dict() for a, s in self.by_article.items()},
        }


@dataclass(frozen=True)
class Unit:
    """One place in an article that one or more annotators marked as a claim.

    `span` is the span most annotators used (ties: the earliest), which is where a
    gold label for the unit goes. `claims` maps annotator to their claim there.
    """

    article_id: int
    span: Span
    claims: Mapping[str, Claim]
    annotators_on_article: frozenset[str]

    @property
    def labels(self) -> dict[str, str]:
        return {name: ClaimLabel(c.label).value for name, c in self.claims.items()}

    @property
    def is_disagreement(self) -> bool:
        """Labels differ, or someone who worked on the article did not mark this span."""
        if len(set(self.labels.values())) > 1:
            return True
        return len(self.annotators_on_article) > 1 and set(self.claims) != set(self.annotators_on_article)


_ByAnnotator = dict[str, list[Claim]]


def _group(claims: Iterable[Claim]) -> dict[int, _ByAnnotator]:
    """article -> annotator -> claims in text order, one per span (the first), gold left out."""
    grouped: dict[int, _ByAnnotator] = defaultdict(lambda: defaultdict(list))
    seen: set[tuple[int, str, int, int]] = set()
    ordered = sorted(
        (c for c in claims if c.annotator != GOLD_ANNOTATOR),
        key=lambda c: (c.article_id, c.annotator, c.start, c.end, c.id or 0),
    )
    for claim in ordered:
        key = (claim.article_id, claim.annotator, claim.start, claim.end)
        if key in seen:
            continue
        seen.add(key)
        grouped[claim.article_id][claim.annotator].append(claim)
    return grouped


def _spans(claims: Sequence[Claim]) -> list[Span]:
    return [(c.start, c.end) for c in claims]


_Node = tuple[str, int]


def _find(parent: dict[_Node, _Node], node: _Node) -> _Node:
    """Union-find root, halving the path as it goes."""
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def build_units(
    claims: Iterable[Claim],
    *,
    match: MatchMode = "exact",
    sentences: Mapping[int, Sentences] | None = None,
) -> list[Unit]:
    """Group every annotator's claims into units (places), in article and text order.

    Relaxed units join spans matched between any two annotators, transitively; an
    annotator with two spans in one unit is represented by the first.
    """
    sentences = sentences or {}
    units: list[Unit] = []
    for article_id, by_annotator in sorted(_group(claims).items()):
        names = sorted(by_annotator)
        nodes = [(name, i) for name in names for i in range(len(by_annotator[name]))]
        parent = {node: node for node in nodes}

        sents = sentences.get(article_id, ())
        for a, b in combinations(names, 2):
            for i, j in match_spans(
                _spans(by_annotator[a]), _spans(by_annotator[b]), mode=match, sentences=sents
            ):
                root_a, root_b = _find(parent, (a, i)), _find(parent, (b, j))
                if root_a != root_b:
                    parent[max(root_a, root_b)] = min(root_a, root_b)
        clusters: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
        for node in nodes:
            clusters[_find(parent, node)].append(node)
        on_article = frozenset(names)
        for members in clusters.values():
            chosen: dict[str, Claim] = {}
            for name, i in sorted(members, key=lambda n: (n[0], by_annotator[n[0]][n[1]].start)):
                chosen.setdefault(name, by_annotator[name][i])
            counts = Counter((c.start, c.end) for c in chosen.values())
            span = min(counts, key=lambda s: (-counts[s], s))
            units.append(Unit(article_id, span, chosen, on_article))
    units.sort(key=lambda u: (u.article_id, u.span))
    return units


@dataclass
class _PairTally:
    items: list[tuple[str, str]] = field(default_factory=list)
    count_a: Counter[str] = field(default_factory=Counter)
    count_b: Counter[str] = field(default_factory=Counter)

    def add(self, other: _PairTally) -> None:
        self.items.extend(other.items)
        self.count_a.update(other.count_a)
        self.count_b.update(other.count_b)


def _pair_tally(a: Sequence[Claim], b: Sequence[Claim], *, match: MatchMode, sents: Sentences) -> _PairTally:
    tally = _PairTally()
    for i, j in match_spans(_spans(a), _spans(b), mode=match, sentences=sents):
        tally.items.append((ClaimLabel(a[i].label).value, ClaimLabel(b[j].label).value))
    tally.count_a.update(ClaimLabel(c.label).value for c in a)
    tally.count_b.update(ClaimLabel(c.label).value for c in b)
    return tally


def _binary(items: Sequence[tuple[str, str]], label: str) -> list[tuple[str, str]]:
    return [(str(a == label), str(b == label)) for a, b in items]


def _pair_scores(tally: _PairTally) -> tuple[Scores, dict[str, Scores]]:
    items = tally.items
    n_a, n_b = sum(tally.count_a.values()), sum(tally.count_b.values())
    overall = Scores(
        kappa=Figure(cohen_kappa(items), len(items)),
        alpha=Figure(krippendorff_alpha(items), len(items)),
        f1=Figure(span_f1(len(items), n_a, n_b), n_a + n_b),
    )
    by_label: dict[str, Scores] = {}
    for label in LABELS:
        binary = _binary(items, label)
        both = sum(1 for a, b in items if a == b == label)
        count = tally.count_a[label] + tally.count_b[label]
        by_label[label] = Scores(
            kappa=Figure(cohen_kappa(binary), len(binary)),
            alpha=Figure(krippendorff_alpha(binary), len(binary)),
            f1=Figure(span_f1(both, tally.count_a[label], tally.count_b[label]), count),
        )
    return overall, by_label


def _team_scores(
    pair_tallies: Sequence[_PairTally], units: Sequence[Unit], label: str | None = None
) -> Scores:
    """Team figures: mean pairwise kappa, alpha over all units, F1 summed over pairs."""
    kappas: list[float] = []
    kappa_items = 0
    matched = marked = 0
    for tally in pair_tallies:
        items = tally.items if label is None else _binary(tally.items, label)
        value = cohen_kappa(items)
        if value is not None:
            kappas.append(value)
            kappa_items += len(items)
        if label is None:
            matched += len(items)
            marked += sum(tally.count_a.values()) + sum(tally.count_b.values())
        else:
            matched += sum(1 for a, b in tally.items if a == b == label)
            marked += tally.count_a[label] + tally.count_b[label]
    values = [
        list(u.labels.values()) if label is None else [str(v == label) for v in u.labels.values()]
        for u in units
    ]
    pairable = [v for v in values if len(v) >= 2]
    return Scores(
        kappa=Figure(sum(kappas) / len(kappas) if kappas else None, kappa_items),
        alpha=Figure(krippendorff_alpha(pairable), len(pairable)),
        f1=Figure(2.0 * matched / marked if marked else None, marked),
    )


def compute_agreement(
    claims: Iterable[Claim],
    *,
    match: MatchMode = "exact",
    sentences: Mapping[int, Sentences] | None = None,
) -> AgreementReport:
    """Agreement of every pair of annotators and of the team; gold claims are left out.

    A pair is compared only on articles both of them labelled, so splitting the
    articles among people does not read as disagreement.

    `sentences` (article id -> sentence spans) feeds the relaxed "same sentence" rule.
    """
    if match not in MATCH_MODES:
        raise ValueError(f"match must be one of {MATCH_MODES}, not {match!r}")
    claims = list(claims)
    sentences = sentences or {}
    grouped = _group(claims)
    names = tuple(sorted({name for by_annotator in grouped.values() for name in by_annotator}))
    units = build_units(claims, match=match, sentences=sentences)
    units_by_article: dict[int, list[Unit]] = defaultdict(list)
    for unit in units:
        units_by_article[unit.article_id].append(unit)

    totals: dict[tuple[str, str], _PairTally] = {pair: _PairTally() for pair in combinations(names, 2)}
    by_article: dict[int, Scores] = {}
    for article_id, by_annotator in sorted(grouped.items()):
        sents = sentences.get(article_id, ())
        article_tallies: list[_PairTally] = []
        for a, b in combinations(names, 2):
            if a not in by_annotator or b not in by_annotator:
                continue
            tally = _pair_tally(by_annotator[a], by_annotator[b], match=match, sents=sents)
            totals[(a, b)].add(tally)
            article_tallies.append(tally)
        by_article[article_id] = _team_scores(article_tallies, units_by_article[article_id])

    pairs: list[PairAgreement] = []
    for (a, b), tally in totals.items():
        overall, by_label = _pair_scores(tally)
        pairs.append(PairAgreement((a, b), overall, by_label))
    # Only pairs that share at least one article say anything about the team.
    shared = [t for t in totals.values() if t.count_a or t.count_b]
    return AgreementReport(
        match=match,
        annotators=names,
        team=_team_scores(shared, units),
        team_by_label={label: _team_scores(shared, units, label) for label in LABELS},
        pairs=tuple(pairs),
        by_article=by_article,
    )
