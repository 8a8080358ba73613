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

import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from itertools import combinations
from math import lcm
from typing import Any, Literal

from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel

MatchMode = Literal["exact", "relaxed"]
MATCH_MODES: tuple[MatchMode, ...] = ("exact", "relaxed")
LABELS: tuple[str, ...] = tuple(label.value for label in ClaimLabel)


def _label(label: ClaimLabel | str) -> str:
    """A label's value, fast: runs per claim, and `ClaimLabel(x).value` (or hashing the
    enum member, which calls Python code) costs microseconds each."""
    if type(label) is ClaimLabel:
        return str.__str__(label)
    return ClaimLabel(label).value


Span = tuple[int, int]
Sentences = Sequence[Span]


# -- the statistics ---------------------------------------------------------------------


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels on the same items; None when undefined.

    Undefined means no items, or chance agreement of 1 (both raters used one and
    the same label throughout): there is nothing to tell agreement from chance.
    """
    ratio = _kappa_ratio(pairs)
    return None if ratio is None else float(ratio)


def _kappa_ratio(pairs: Sequence[tuple[str, str]]) -> Fraction | None:
    """Cohen's kappa as an exact fraction, `(n·agreed - S) / (n² - S)` with S the sum of the
    products of the two raters' label counts (p_o - p_e over 1 - p_e, multiplied by n²).

    Exact, so the float is the textbook value correctly rounded: worked out in floats, a kappa
    of exactly 1/16 came out a hair above it and showed "0.063" where the value itself shows
    "0.062" (and the team's mean of such floats drifted further).
    """
    n = len(pairs)
    if n == 0:
        return None
    # One count of the distinct pairs (few) instead of three passes over all of them (many).
    joint = Counter(pairs)
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    agreed = 0
    for (a, b), count in joint.items():
        left[a] += count
        right[b] += count
        if a == b:
            agreed += count
    chance = sum(left[label] * right[label] for label in left)
    if chance >= n * n:
        return None
    return Fraction(n * agreed - chance, n * n - chance)


def krippendorff_alpha(units: Iterable[Sequence[str]]) -> float | None:
    """Krippendorff's alpha for nominal data; each unit is the values its coders gave.

    Units with fewer than two values are not pairable and are ignored, as the
    definition says. None when there is no pairable unit or only one value in use.

    Exact: a unit of m values adds n_c·n_k/(m-1) to the coincidence matrix, so the
    sums are kept in whole numbers over a common denominator and divided once. In
    floats, six people's one shared span, whose alpha is 0, came out -2.2e-16 and
    showed "-0.000", and other figures came out a thousandth off.
    """
    # Agreement calls this on hundreds of thousands of units that repeat a handful of
    # value patterns; a unit's additions depend only on how many coders gave each value,
    # so each pattern (its values sorted) is worked out once, times its count.
    patterns: Counter[tuple[str, ...]] = Counter()
    for values, times in Counter(map(tuple, units)).items():
        if len(values) >= 2:
            patterns[tuple(sorted(values))] += times
    scale = lcm(*(len(values) - 1 for values in patterns)) if patterns else 1
    # The coincidence matrix times `scale`, in whole numbers.
    coincidence: Counter[tuple[str, str]] = Counter()
    for values, times in patterns.items():
        share = scale // (len(values) - 1) * times
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidence[(c, k)] += pairs * share
    marginals: Counter[str] = Counter()
    for (c, _), value in coincidence.items():
        marginals[c] += value
    n = sum(marginals.values())  # times scale
    if n <= scale:
        return None
    disagree_observed = sum(v for (c, k), v in coincidence.items() if c != k)  # times scale
    disagree_expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if disagree_expected == 0:
        return None
    # 1 - (n-1)·D_o/D_e, with n, D_o scaled once and D_e twice: the scales cancel.
    return (disagree_expected - (n - scale) * disagree_observed) / disagree_expected


def span_f1(matched: int, count_a: int, count_b: int) -> float | None:
    """F1 of two sets of spans given how many were matched; None when neither marked any."""
    total = count_a + count_b
    return 2.0 * matched / total if total else None


# -- matching spans ---------------------------------------------------------------------


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
    for i, j in _relaxed_candidates(left, right, sentences):
        a, b = left[i], right[j]
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


def _relaxed_candidates(
    left: Sequence[Span], right: Sequence[Span], sentences: Sentences
) -> Iterable[tuple[int, int]]:
    """Every (i, j) that `spans_match` accepts in relaxed mode, without trying all pairs.

    Spans that overlap are found by a sweep over `right` sorted by start (a span
    overlapping `a` starts before `a` ends and less than the longest span before it);
    same-sentence spans by an index of sentence ids. Candidates come out in an
    arbitrary order: `match_spans` sorts them by a key that includes (i, j).
    """
    if not left or not right:
        return
    order = sorted(range(len(right)), key=lambda j: right[j][0])
    starts = [right[j][0] for j in order]
    longest = max(0, max(b[1] - b[0] for b in right))
    sorted_input = all(right[k][0] <= right[k + 1][0] for k in range(len(right) - 1))
    equal: dict[Span, list[int]] = defaultdict(list)
    for j, b in enumerate(right):
        equal[b].append(j)
    sentence_starts = [s for s, _ in sentences]
    by_sentence: dict[int, list[int]] = defaultdict(list)
    if sentences:
        for j, b in enumerate(right):
            sentence = bisect_right(sentence_starts, b[0]) - 1
            if sentence >= 0:
                by_sentence[sentence].append(j)
    for i, a in enumerate(left):
        found: set[int] = set()
        hi = bisect_left(starts, a[1])
        if not sentences and not sorted_input:
            # Without sentences the rule stops at the first span that starts after `a`
            # ends, in the order given; keep exactly that for unsorted input.
            for j, b in enumerate(right):
                if b[0] >= a[1]:
                    break
                if spans_match(a, b, mode="relaxed"):
                    found.add(j)
        else:
            lo = bisect_right(starts, a[0] - longest)
            for k in range(lo, hi):
                j = order[k]
                if spans_match(a, right[j], mode="relaxed"):
                    found.add(j)
            if sentences:
                # Equal spans always match, wherever they lie (even empty ones).
                found.update(equal.get(a, ()))
                sentence = bisect_right(sentence_starts, a[0]) - 1
                if sentence >= 0:
                    found.update(by_sentence.get(sentence, ()))
        for j in found:
            yield i, j


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

    @cached_property
    def labels(self) -> dict[str, str]:
        return {name: _label(c.label) for name, c in self.claims.items()}

    @property
    def own_spans(self) -> list[Span]:
        """Where a gold decision on this unit may sit: its span, then each of its claims' spans
        (a decision stays the unit's when the span most annotators used changes after it)."""
        return [self.span, *((c.start, c.end) for c in self.claims.values())]

    @property
    def is_disagreement(self) -> bool:
        """Labels differ, someone who worked on the article did not mark this span, or (in a
        relaxed unit) people marked it with other bounds.

        Gold takes one span, and its agreed spans are exact (`services.adjudication.agreed_gold`):
        alike labels on "a budget." and "a budget" were no disagreement to a relaxed review, which
        said all was decided while the gold export left that claim out.
        """
        if len(set(self.labels.values())) > 1:
            return True
        if any((claim.start, claim.end) != self.span for claim in self.claims.values()):
            return True
        return len(self.annotators_on_article) > 1 and set(self.claims) != set(self.annotators_on_article)


_ByAnnotator = dict[str, list[Claim]]


def _group(claims: Iterable[Claim]) -> dict[int, _ByAnnotator]:
    """article -> annotator -> claims in text order, one per span (the first), gold left out.

    An annotator is their name in NFC: a project merged before names were kept in one Unicode
    form may hold "Zoë" in two, and agreement measured "Zoë vs Zoë" and the review listed two
    "Zoë" rows. (The claims keep the name as stored.)
    """
    grouped: dict[int, _ByAnnotator] = defaultdict(lambda: defaultdict(list))
    seen: set[tuple[int, str, int, int]] = set()
    forms: dict[str, str] = {}
    named = [
        (forms.setdefault(c.annotator, unicodedata.normalize("NFC", c.annotator)), c)
        for c in claims
        if c.annotator != GOLD_ANNOTATOR
    ]
    named.sort(key=lambda nc: (nc[1].article_id, nc[0], nc[1].start, nc[1].end, nc[1].id or 0))
    for name, claim in named:
        key = (claim.article_id, name, claim.start, claim.end)
        if key in seen:
            continue
        seen.add(key)
        grouped[claim.article_id][name].append(claim)
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


_Matches = dict[tuple[str, str], list[tuple[int, int]]]


def _article_matches(by_annotator: _ByAnnotator, *, match: MatchMode, sents: Sentences) -> _Matches:
    """Each pair's one-to-one span matching on one article: computed once, used for units and tallies."""
    spans = {name: _spans(claims) for name, claims in by_annotator.items()}
    return {
        (a, b): match_spans(spans[a], spans[b], mode=match, sentences=sents)
        for a, b in combinations(sorted(by_annotator), 2)
    }


def _article_units(article_id: int, by_annotator: _ByAnnotator, matches: _Matches) -> list[Unit]:
    """One article's units in text order, from the pairs' matches (union-find over them)."""
    names = sorted(by_annotator)
    nodes = [(name, i) for name in names for i in range(len(by_annotator[name]))]
    parent = {node: node for node in nodes}
    for (a, b), pairs in matches.items():
        for i, j in pairs:
            root_a, root_b = _find(parent, (a, i)), _find(parent, (b, j))
            if root_a != root_b:
                parent[max(root_a, root_b)] = min(root_a, root_b)
    clusters: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for node in nodes:
        clusters[_find(parent, node)].append(node)
    on_article = frozenset(names)
    units: list[Unit] = []
    for members in clusters.values():
        if len(members) == 1:  # most units on a large file: one person's claim, nobody else's
            name, i = members[0]
            claim = by_annotator[name][i]
            units.append(Unit(article_id, (claim.start, claim.end), {name: claim}, on_article))
            continue
        chosen: dict[str, Claim] = {}
        for name, i in sorted(members, key=lambda n: (n[0], by_annotator[n[0]][n[1]].start)):
            chosen.setdefault(name, by_annotator[name][i])
        counts = Counter((c.start, c.end) for c in chosen.values())
        span = min(counts, key=lambda s: (-counts[s], s))
        units.append(Unit(article_id, span, chosen, on_article))
    units.sort(key=lambda u: u.span)
    return units


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
        matches = _article_matches(by_annotator, match=match, sents=sentences.get(article_id, ()))
        units.extend(_article_units(article_id, by_annotator, matches))
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


def _pair_tally(
    a: Sequence[str],
    b: Sequence[str],
    pairs: Sequence[tuple[int, int]],
    count_a: Counter[str],
    count_b: Counter[str],
) -> _PairTally:
    """A pair's items on one article from its matches; labels and counts are worked out once per annotator."""
    return _PairTally([(a[i], b[j]) for i, j in pairs], count_a, count_b)


def _binary(items: Sequence[tuple[str, str]], label: str) -> list[tuple[str, str]]:
    """Each item as (a said `label`, b said `label`), grouped rather than in item order.

    Kappa and pairwise alpha only count items, in whole numbers, so the order cannot
    change them; building from the nine distinct pairs is what makes this cheap.
    """
    said = {value: str(value == label) for value in LABELS}
    result: list[tuple[str, str]] = []
    for (a, b), count in Counter(items).items():
        result += [(said[a], said[b])] * count
    return result


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
    if not pair_tallies:
        # An article only one person labelled: no pair, so no pairable unit and nothing matched.
        return Scores(kappa=Figure(None, 0), alpha=Figure(None, 0), f1=Figure(None, 0))
    # Fractions, so the mean is the textbook one correctly rounded, as each pair's is.
    kappas: list[Fraction] = []
    kappa_items = 0
    matched = marked = 0
    for tally in pair_tallies:
        items = tally.items if label is None else _binary(tally.items, label)
        value = _kappa_ratio(items)
        if value is not None:
            kappas.append(value)
            kappa_items += len(items)
        if label is None:
            matched += len(items)
            marked += sum(tally.count_a.values()) + sum(tally.count_b.values())
        else:
            matched += sum(1 for a, b in tally.items if a == b == label)
            marked += tally.count_a[label] + tally.count_b[label]
    said = {value: str(value == label) for value in LABELS}
    # Units one person marked are not pairable; skipping them first saves most of the work.
    pairable = [
        list(u.labels.values()) if label is None else [said[v] for v in u.labels.values()]
        for u in units
        if len(u.claims) >= 2
    ]
    return Scores(
        kappa=Figure(float(sum(kappas, Fraction(0)) / len(kappas)) if kappas else None, kappa_items),
        alpha=Figure(krippendorff_alpha(pairable), len(pairable)),
        f1=Figure(2.0 * matched / marked if marked else None, marked),
    )


def compute_agreement(
    claims: Iterable[Claim],
    *,
    match: MatchMode = "exact",
    sentences: Mapping[int, Sentences] | None = None,
    per_article: bool = True,
) -> AgreementReport:
    """Agreement of every pair of annotators and of the team; gold claims are left out.

    See `agreement_and_units`, which returns the units it was worked out on besides.
    """
    return agreement_and_units(claims, match=match, sentences=sentences, per_article=per_article)[0]


def agreement_and_units(
    claims: Iterable[Claim],
    *,
    match: MatchMode = "exact",
    sentences: Mapping[int, Sentences] | None = None,
    per_article: bool = True,
) -> tuple[AgreementReport, list[Unit]]:
    """Agreement of every pair of annotators and of the team, and the units (`build_units`'s,
    under `match`) it was worked out on; gold claims are left out.

    A pair is compared only on articles both of them labelled, so splitting the
    articles among people does not read as disagreement.

    `sentences` (article id -> sentence spans) feeds the relaxed "same sentence" rule.
    `per_article=False` leaves `by_article` empty: a dataset card shows only the totals,
    and the figures of 10,000 articles one by one were 40% of the time.
    """
    if match not in MATCH_MODES:
        raise ValueError(f"match must be one of {MATCH_MODES}, not {match!r}")
    claims = list(claims)
    sentences = sentences or {}
    grouped = _group(claims)
    names = tuple(sorted({name for by_annotator in grouped.values() for name in by_annotator}))
    units: list[Unit] = []
    totals: dict[tuple[str, str], _PairTally] = {pair: _PairTally() for pair in combinations(names, 2)}
    by_article: dict[int, Scores] = {}
    for article_id, by_annotator in sorted(grouped.items()):
        # One matching per pair and article feeds both the units and the pair's tally.
        matches = _article_matches(by_annotator, match=match, sents=sentences.get(article_id, ()))
        article_units = _article_units(article_id, by_annotator, matches)
        units.extend(article_units)
        values = {name: [_label(c.label) for c in found] for name, found in by_annotator.items()}
        counts = {name: Counter(found) for name, found in values.items()}
        article_tallies: list[_PairTally] = []
        for (a, b), matched in matches.items():
            tally = _pair_tally(values[a], values[b], matched, counts[a], counts[b])
            totals[(a, b)].add(tally)
            article_tallies.append(tally)
        if per_article:
            by_article[article_id] = _team_scores(article_tallies, article_units)

    pairs: list[PairAgreement] = []
    for (a, b), tally in totals.items():
        overall, by_label = _pair_scores(tally)
        pairs.append(PairAgreement((a, b), overall, by_label))
    # Only pairs that share at least one article say anything about the team.
    shared = [t for t in totals.values() if t.count_a or t.count_b]
    report = AgreementReport(
        match=match,
        annotators=names,
        team=_team_scores(shared, units),
        team_by_label={label: _team_scores(shared, units, label) for label in LABELS},
        pairs=tuple(pairs),
        by_article=by_article,
    )
    return report, units
