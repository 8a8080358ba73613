"""How many held-out claims the model labelled as people did, for the panel's plain summary."""

from __future__ import annotations

import pytest

from annotator.core.evaluation import Evaluation, LabelScore

LABELS = ("factual", "opinion")


def _evaluation(confusion: tuple[tuple[int, ...], ...], n_eval: int) -> Evaluation:
    return Evaluation(
        labels=LABELS,
        per_label={label: LabelScore(0.5, 0.5, 0.5, 1) for label in LABELS},
        confusion=confusion,
        macro_f1=0.5,
        accuracy=0.5,
        n_eval=n_eval,
    )


def test_the_claims_right_are_the_confusion_matrix_diagonal() -> None:
    # 30 factual claims, 25 labelled factual; 20 opinion claims, 12 labelled opinion.
    assert _evaluation(((25, 5), (8, 12)), 50).right_of() == (37, 50)


@pytest.mark.parametrize(
    ("confusion", "n_eval"),
    [
        (((25, 5), (8, 12)), 49),  # does not add up to the claims scored
        (((25, 5),), 30),  # not one row a label
        (((25, 5, 1), (8, 12, 0)), 51),  # not one column a label
        (((60, -10), (0, 0)), 50),  # a count below zero, from a file made elsewhere
        (((0, 0), (0, 0)), 0),  # nothing scored
    ],
)
def test_a_matrix_that_does_not_add_up_gives_no_count(
    confusion: tuple[tuple[int, ...], ...], n_eval: int
) -> None:
    assert _evaluation(confusion, n_eval).right_of() is None


def test_one_claim_scored_is_said_in_the_singular() -> None:
    """An evaluation file of one row read "on 1 claims from one.csv"."""
    import dataclasses

    one = dataclasses.replace(_evaluation(((1, 0), (0, 0)), 1), source="one.csv")
    assert one.figure() == "macro-F1 0.50 on 1 claim from one.csv"
    assert _evaluation(((1, 0), (0, 0)), 1).figure() == "macro-F1 0.50 on 1 held-out claim"
    assert _evaluation(((25, 5), (8, 12)), 50).figure() == "macro-F1 0.50 on 50 held-out claims"
