"""Split articles into train / validation / test, whole articles only, balanced on label counts.

A release must never put one article in two splits (sentences of one article leak
into each other's evaluation), yet each split should carry about its share of every
label, or a rare label can end up missing from the test split. This is a greedy
stratification by article: the articles are shuffled with the seed, the ones with the
most claims are placed first (small ones fill the gaps later), and each goes to the
split whose shortfall it reduces most, in claims per label and in articles.
Plain Python and deterministic: the same counts, ratios and seed give the same split.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

SPLIT_NAMES = ("train", "validation", "test")

SEED_MAX = 2**31 - 1
"""The largest seed: the release dialog's seed box goes no higher, so a release made from the
command line or a script can be made again in the window."""

SEED_RANGE = f"a whole number from 0 to {SEED_MAX}"
"""What a split's seed may be, in the words both the options and `--seed` refuse a value with."""


def check_seed(seed: object) -> None:
    """Refuse a seed outside 0..`SEED_MAX`, or one that is no whole number.

    A negative seed gives the same split as the positive one (Python's `random` seeds with the
    number's size only), so -3 looked like a new split and was not; one above the dialog's box
    made a release the window cannot repeat. True is refused too: it would pass as seed 1.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= SEED_MAX:
        raise ValueError(f"seed must be {SEED_RANGE}, not {seed!r}")


def parse_ratios(text: str) -> tuple[float, float, float]:
    """'0.8/0.1/0.1' -> (0.8, 0.1, 0.1); raises ValueError with a message a user can act on."""
    parts = text.replace(",", "/").split("/")
    if len(parts) != 3:
        raise ValueError(f"split {text!r} needs three shares, train/validation/test, e.g. 0.8/0.1/0.1")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise ValueError(f"split {text!r} must be three numbers, e.g. 0.8/0.1/0.1") from None
    check_ratios(values)
    return values[0], values[1], values[2]


def check_ratios(ratios: Sequence[float]) -> None:
    if len(ratios) != 3 or any(not r >= 0 for r in ratios) or abs(sum(ratios) - 1.0) > 1e-6:
        shown = "/".join(f"{r:g}" for r in ratios)
        raise ValueError(f"split {shown} must be three shares of at least 0 that add up to 1")
    if ratios[0] <= 0:
        raise ValueError("the train share of the split must be above 0")


def assign_splits(
    counts: Mapping[int, Mapping[str, int]], ratios: Sequence[float], *, seed: int
) -> list[list[int]]:
    """Article ids per split (sorted), from each article's claims per label.

    Minimises, one article at a time, the chi-square distance of every split from its
    share of each label's claims and of the articles: squared shortfalls relative to the
    target, so a 10% split and a rare label count as much as train and a common label.
    """
    check_ratios(ratios)
    ids = sorted(counts)
    random.Random(seed).shuffle(ids)
    ids.sort(key=lambda a: -sum(counts[a].values()))  # stable: equal sizes keep the seeded order
    labels = sorted({label for c in counts.values() for label, n in c.items() if n})
    totals = {label: sum(c.get(label, 0) for c in counts.values()) for label in labels}
    n_articles = len(ids)
    target_labels = [{label: r * totals[label] for label in labels} for r in ratios]
    target_articles = [r * n_articles for r in ratios]
    have_labels: list[dict[str, float]] = [dict.fromkeys(labels, 0.0) for _ in ratios]
    have_articles = [0.0 for _ in ratios]
    chosen: list[list[int]] = [[] for _ in ratios]
    open_splits = [k for k, r in enumerate(ratios) if r > 0]
    for article in ids:
        mine = counts[article]
        best, best_cost = open_splits[0], float("inf")
        for k in open_splits:
            # The change in sum((have - target)^2 / target) that this article makes (a chi-square):
            # relative to each target, so every split fills at the same pace and small ones count.
            cost = (2 * (have_articles[k] - target_articles[k]) + 1) / target_articles[k]
            for label, n in mine.items():
                if n:
                    target = target_labels[k][label]
                    cost += n * (2 * (have_labels[k][label] - target) + n) / target
            if cost < best_cost:
                best, best_cost = k, cost
        chosen[best].append(article)
        have_articles[best] += 1
        for label, n in mine.items():
            if n:
                have_labels[best][label] += n
    return [sorted(split) for split in chosen]
