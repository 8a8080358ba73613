"""Splitting articles for a release: whole articles, reproducible, balanced on labels."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.splits import assign_splits, parse_ratios

LABELS = ("factual", "opinion", "questionable")

counts_strategy = st.dictionaries(
    st.integers(1, 10_000),
    st.dictionaries(st.sampled_from(LABELS), st.integers(0, 6), max_size=3),
    max_size=60,
)
ratios_strategy = st.sampled_from([(0.8, 0.1, 0.1), (1.0, 0.0, 0.0), (0.5, 0.25, 0.25), (0.6, 0.4, 0.0)])


@given(counts_strategy, ratios_strategy, st.integers(0, 5))
def test_every_article_lands_in_exactly_one_split_and_the_seed_reproduces_it(
    counts: dict[int, dict[str, int]], ratios: tuple[float, float, float], seed: int
) -> None:
    splits = assign_splits(counts, ratios, seed=seed)
    assert sorted(a for split in splits for a in split) == sorted(counts)
    assert all(split == sorted(split) for split in splits)
    for split, ratio in zip(splits, ratios, strict=True):
        if ratio == 0:
            assert split == []
    shuffled = dict(random.Random(seed).sample(sorted(counts.items()), len(counts)))
    assert assign_splits(shuffled, ratios, seed=seed) == splits  # input order does not matter


def test_a_rare_label_reaches_every_split_and_article_shares_hold() -> None:
    """100 articles, 10 of them with the only questionable claims: a plain shuffle often leaves
    the 10% test split without any; the balanced split gives each split its share."""
    counts = {a: {"factual": 2, "opinion": 1} for a in range(100)}
    for a in range(0, 100, 10):
        counts[a] = {"questionable": 1, "factual": 1}
    for seed in range(20):
        train, validation, test = assign_splits(counts, (0.8, 0.1, 0.1), seed=seed)
        assert (len(train), len(validation), len(test)) == (80, 10, 10)
        rare = [sum(counts[a].get("questionable", 0) for a in split) for split in (train, validation, test)]
        assert rare == [8, 1, 1], seed
    assert assign_splits(counts, (0.8, 0.1, 0.1), seed=1) != assign_splits(counts, (0.8, 0.1, 0.1), seed=2)


def test_ratios_are_parsed_and_checked() -> None:
    assert parse_ratios("0.8/0.1/0.1") == (0.8, 0.1, 0.1)
    assert parse_ratios("0.7,0.2,0.1") == (0.7, 0.2, 0.1)
    for bad, message in (
        ("0.8/0.2", "three shares"),
        ("a/b/c", "three numbers"),
        ("0.8/0.3/0.1", "add up to 1"),
        ("0/0.5/0.5", "train share"),
        ("1.2/-0.1/-0.1", "at least 0"),
        ("nan/0.5/0.5", "at least 0"),
    ):
        with pytest.raises(ValueError, match=message):
            parse_ratios(bad)
