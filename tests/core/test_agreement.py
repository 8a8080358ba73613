"""Agreement statistics against hand-worked values and the reference implementations."""

from __future__ import annotations

from fractions import Fraction

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement import (
    build_units,
    cohen_kappa,
    compute_agreement,
    krippendorff_alpha,
    match_spans,
    span_f1,
    spans_match,
)
from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel
from annotator.core.reports import agreement_cells

LABELS = ["factual", "opinion", "questionable"]


def test_kappa_by_hand() -> None:
    # 4 items, agree on 3; marginals a: F F O O, b: F F O F -> p_o .75, p_e (2*3 + 2*1)/16 = .5
    pairs = [("f", "f"), ("f", "f"), ("o", "o"), ("o", "f")]
    assert cohen_kappa(pairs) == 0.5
    assert cohen_kappa([]) is None
    assert cohen_kappa([("f", "f"), ("f", "f")]) is None  # chance agreement is 1


def test_alpha_by_hand() -> None:
    # Krippendorff (2011), nominal example with one disagreement among pairable units:
    # units (a,a) (b,b) (a,b): o_aa=2, o_bb=2, o_ab=o_ba=1, n=6 -> 1 - 5*2/(3*3*2) = 4/9
    assert krippendorff_alpha([["a", "a"], ["b", "b"], ["a", "b"]]) == pytest.approx(4 / 9)
    assert krippendorff_alpha([["a"], ["b"]]) is None
    assert krippendorff_alpha([["a", "a"], ["a", "a"]]) is None


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), st.sampled_from(LABELS)), min_size=2, max_size=60))
def test_kappa_equals_sklearn(pairs: list[tuple[str, str]]) -> None:
    ours = cohen_kappa(pairs)
    if ours is None:  # undefined exactly when both raters used one and the same label
        assert len({a for a, _ in pairs} | {b for _, b in pairs}) == 1
        return
    theirs = float(cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs], labels=LABELS))
    assert ours == pytest.approx(theirs, abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.sampled_from(LABELS)), min_size=3, max_size=3),
        min_size=2,
        max_size=40,
    )
)
def test_alpha_equals_krippendorff_package(rows: list[list[str | None]]) -> None:
    units = [[v for v in row if v is not None] for row in rows]
    ours = krippendorff_alpha(units)
    values = {v for u in units if len(u) >= 2 for v in u}
    if len(values) < 2:
        assert ours is None  # the package refuses data with one value in use
        return
    data = [[LABELS.index(row[k]) if row[k] else np.nan for row in rows] for k in range(3)]
    theirs = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    assert ours == pytest.approx(theirs, abs=1e-9)


def test_span_matching_rules() -> None:
    assert spans_match((0, 10), (0, 10), mode="exact")
    assert not spans_match((0, 10), (0, 9), mode="exact")
    assert spans_match((0, 10), (5, 30), mode="relaxed")  # overlap 5 = half of the shorter (10)
    assert not spans_match((0, 10), (6, 30), mode="relaxed")
    assert spans_match((0, 5), (20, 30), mode="relaxed", sentences=[(0, 40), (40, 80)])
    assert not spans_match((0, 5), (45, 50), mode="relaxed", sentences=[(0, 40), (40, 80)])
    # Best pairs first: the exact pair wins over an overlapping one.
    assert match_spans([(0, 10), (0, 8)], [(0, 8)], mode="relaxed") == [(1, 0)]
    assert match_spans([(0, 10), (12, 20)], [(12, 20), (0, 10)], mode="exact") == [(0, 1), (1, 0)]
    assert span_f1(3, 4, 4) == 0.75 and span_f1(0, 0, 0) is None


def test_sentence_spans_split_by_punctuation_and_line_breaks() -> None:
    from annotator.core.text import sentence_spans

    text = 'He said "no." Then he left!\nNew line here  \n\n  And… more'
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        'He said "no."',
        "Then he left!",
        "New line here",
        "And…",
        "more",
    ]


def _c(article: int, start: int, end: int, label: str, who: str) -> Claim:
    return Claim(article, start, end, ClaimLabel(label), who)


def test_report_structure_and_gold_excluded() -> None:
    claims = [
        _c(1, 0, 10, "factual", "a"),
        _c(1, 0, 10, "factual", "b"),
        _c(1, 20, 30, "opinion", "a"),
        _c(1, 20, 30, "factual", "b"),
        _c(1, 40, 50, "opinion", "a"),
        _c(1, 40, 50, "questionable", GOLD_ANNOTATOR),
        _c(2, 0, 10, "opinion", "a"),  # b never labelled article 2: not counted for the pair
    ]
    report = compute_agreement(claims)
    assert report.annotators == ("a", "b")
    pair = report.pair("a", "b")
    assert pair.overall.kappa.items == 2 and pair.overall.kappa.value == 0.0
    assert pair.overall.f1.value == pytest.approx(2 * 2 / 5) and pair.overall.f1.items == 5
    assert pair.by_label["questionable"].f1.value is None
    assert pair.by_label["factual"].f1.value == pytest.approx(2 * 1 / 3)
    assert set(report.by_article) == {1, 2}
    assert report.by_article[2].kappa.value is None and report.by_article[2].alpha.items == 0
    units = build_units(claims)
    assert [(u.article_id, u.span, u.is_disagreement) for u in units] == [
        (1, (0, 10), False),
        (1, (20, 30), True),
        (1, (40, 50), True),  # b worked on the article but did not mark it
        (2, (0, 10), False),
    ]
    with pytest.raises(ValueError):
        compute_agreement(claims, match="fuzzy")  # type: ignore[arg-type]
    assert report.to_dict()["pairs"][0]["overall"]["kappa"] == {"value": 0.0, "items": 2}


def test_a_name_stored_in_two_unicode_forms_is_one_annotator() -> None:
    """A project merged before names were kept in one form holds "Zoë" in two: agreement
    measured "Zoë vs Zoë", and the review listed her twice with a label each."""
    claims = [
        _c(1, 0, 10, "factual", "Zo\u00eb"),
        _c(1, 0, 10, "factual", "Zoe\u0308"),  # the same label again, under the other form
        _c(1, 20, 30, "opinion", "Zoe\u0308"),
        _c(1, 0, 10, "factual", "bob"),
        _c(1, 20, 30, "factual", "bob"),
    ]
    report = compute_agreement(claims)
    assert report.annotators == ("Zo\u00eb", "bob")
    assert report.pair("Zo\u00eb", "bob").overall.kappa.items == 2
    units = build_units(claims)
    assert [(u.span, sorted(u.claims), u.is_disagreement) for u in units] == [
        ((0, 10), ["Zo\u00eb", "bob"], False),
        ((20, 30), ["Zo\u00eb", "bob"], True),
    ]


def _all_pairs_reference(
    left: list[tuple[int, int]], right: list[tuple[int, int]], sentences: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The matching as it was first written: try every pair, then pick the best one-to-one."""
    candidates = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if b[0] >= a[1] and not sentences:
                break
            if spans_match(a, b, mode="relaxed", sentences=sentences):
                overlap = max(0, min(a[1], b[1]) - max(a[0], b[0]))
                candidates.append(((0 if a == b else 1, -overlap, abs(a[0] - b[0]), i, j), i, j))
    used_left: set[int] = set()
    used_right: set[int] = set()
    result = []
    for _, i, j in sorted(candidates):
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            result.append((i, j))
    return sorted(result)


_SPAN = st.tuples(st.integers(0, 120), st.integers(0, 40)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_SPAN, max_size=12),
    st.lists(_SPAN, max_size=12),
    st.lists(st.integers(1, 159), max_size=8, unique=True),
    st.booleans(),
    st.booleans(),
)
def test_relaxed_matching_equals_trying_every_pair(
    left: list[tuple[int, int]],
    right: list[tuple[int, int]],
    cuts: list[int],
    use_sentences: bool,
    sort: bool,
) -> None:
    if sort:  # claims come sorted from the store; unsorted input must still give the same answer
        left, right = sorted(left), sorted(right)
    bounds = [0, *sorted(cuts), 160]
    sentences = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)] if use_sentences else []
    expected = _all_pairs_reference(left, right, sentences)
    assert match_spans(left, right, mode="relaxed", sentences=sentences) == expected


@pytest.mark.parametrize("mode", ["exact", "relaxed"])
def test_each_pair_is_matched_once_per_shared_article(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import annotator.core.agreement as agreement

    calls: list[int] = []
    real = agreement.match_spans

    def counted(*args: object, **kwargs: object) -> list[tuple[int, int]]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(agreement, "match_spans", counted)
    claims = [
        _c(article, start, start + 8, label, who)
        for article in (1, 2)
        for who in ("a", "b", "c")
        for start, label in ((0, "factual"), (20, "opinion"), (40, "questionable"))
    ]
    claims.append(_c(3, 0, 8, "factual", "a"))  # nobody else on article 3: no pair to match
    report = compute_agreement(claims, match=mode, sentences={1: [(0, 30), (30, 60)]})  # type: ignore[arg-type]
    assert len(calls) == 3 * 2  # three pairs on two shared articles, once each
    assert report.pair("a", "b").overall.kappa.items == 6


def _textbook_kappa(pairs: list[tuple[str, str]]) -> Fraction | None:
    """(p_o - p_e) / (1 - p_e), in exact fractions."""
    n = len(pairs)
    values = {v for pair in pairs for v in pair}
    p_o = Fraction(sum(a == b for a, b in pairs), n)
    p_e = sum(
        (
            Fraction(sum(a == v for a, _ in pairs), n) * Fraction(sum(b == v for _, b in pairs), n)
            for v in values
        ),
        Fraction(0),
    )
    return None if p_e == 1 else (p_o - p_e) / (1 - p_e)


def _textbook_alpha(units: list[list[str]]) -> Fraction | None:
    """Krippendorff (2011), nominal: o_ck sums n_c·n_k/(m_u - 1) over pairable units (n_c(n_c-1) when
    c = k); alpha = 1 - (n - 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, in exact fractions."""
    coincidence: dict[tuple[str, str], Fraction] = {}
    for unit in units:
        if len(unit) < 2:
            continue
        for i, c in enumerate(unit):
            for j, k in enumerate(unit):
                if i != j:
                    coincidence[(c, k)] = coincidence.get((c, k), Fraction(0)) + Fraction(1, len(unit) - 1)
    totals: dict[str, Fraction] = {}
    for (c, _), value in coincidence.items():
        totals[c] = totals.get(c, Fraction(0)) + value
    n = sum(totals.values(), Fraction(0))
    expected = sum((totals[c] * totals[k] for c in totals for k in totals if c != k), Fraction(0))
    if n <= 1 or expected == 0:
        return None
    observed = sum((v for (c, k), v in coincidence.items() if c != k), Fraction(0))
    return 1 - (n - 1) * observed / expected


def test_figures_are_the_exact_values_not_float_noise() -> None:
    """Six people who marked one span gave it f, f, f, f, o, q: alpha is exactly 0, and
    summed in floats it came out -2.2e-16, which the window, the report and the card showed as
    "-0.000"; a kappa of exactly 1/16 came out 0.06250000000000003, shown "0.063"."""
    pairs = [("f", "f"), *[("f", "o")] * 4, ("o", "f"), *[("o", "o")] * 6]
    assert cohen_kappa(pairs) == 0.0625 == _textbook_kappa(pairs)
    labels = ["factual"] * 4 + ["opinion", "questionable"]
    claims = [_c(1, 0, 10, label, f"p{k}") for k, label in enumerate(labels)]
    report = compute_agreement(claims)
    assert report.team.alpha.value == 0.0 and report.team.alpha.items == 1
    team_alpha = agreement_cells(report)[0][2][1]
    assert team_alpha.value == "0.000", team_alpha


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), st.sampled_from(LABELS)), min_size=1, max_size=60))
def test_kappa_is_the_textbook_value_correctly_rounded(pairs: list[tuple[str, str]]) -> None:
    expected = _textbook_kappa(pairs)
    assert cohen_kappa(pairs) == (None if expected is None else float(expected))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(LABELS), min_size=1, max_size=12),
        min_size=1,
        max_size=12,
    )
)
def test_alpha_is_the_textbook_value_correctly_rounded(units: list[list[str]]) -> None:
    """Units of one to twelve coders, as a team of twelve gives them."""
    expected = _textbook_alpha(units)
    assert krippendorff_alpha(units) == (None if expected is None else float(expected))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda people: st.lists(
            st.tuples(
                st.integers(0, people - 1),
                st.sampled_from([(0, 10), (10, 20), (20, 30)]),
                st.sampled_from(LABELS),
            ),
            max_size=40,
            unique_by=lambda t: (t[0], t[1]),
        )
    )
)
def test_team_kappa_is_the_exact_mean_of_the_pairs(marks: list[tuple[int, tuple[int, int], str]]) -> None:
    """Light's kappa, the mean of the pairs' kappas, in exact fractions and then rounded once."""
    claims = [_c(1, span[0], span[1], label, f"p{who:02d}") for who, span, label in marks]
    report = compute_agreement(claims)
    kappas = []
    for pair in report.pairs:
        a, b = pair.annotators
        said = {(c.annotator, c.start, c.end): c.label.value for c in claims}
        both = [
            (said[(a, *s)], said[(b, *s)])
            for s in [(0, 10), (10, 20), (20, 30)]
            if (a, *s) in said and (b, *s) in said
        ]
        value = _textbook_kappa(both) if both else None
        assert pair.overall.kappa.value == (None if value is None else float(value))
        if value is not None:
            kappas.append(value)
    mean = sum(kappas, Fraction(0)) / len(kappas) if kappas else None
    assert report.team.kappa.value == (None if mean is None else float(mean))
