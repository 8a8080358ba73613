"""The claim classifier's parts: the newest-articles split, scores, training, cancel, round trip.

The classifier is numpy only, so these need no spaCy model and run in seconds.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core.errors import Cancelled
from annotator.core.evaluation import bootstrap_macro_f1, expected_calibration_error, reliability_table
from annotator.nlp.claim_classifier import (
    ARCHITECTURE,
    estimate_priors,
    estimate_priors_bbse,
    fit_classifier,
    load_classifier,
)
from annotator.nlp.suggestions import (
    Evaluation,
    TrainingExample,
    evaluate,
    split_newest,
    suggestion_priors,
)

LABELS = ["factual", "opinion"]


def _toy(n_groups: int = 10, per_group: int = 6) -> list[TrainingExample]:
    facts = [
        "The council approved a budget of 4 million euros on Monday.",
        "Police said 12 people were arrested near the station.",
        "The company reported revenue of 3 billion dollars in 2023.",
    ]
    opinions = [
        "This is a disgraceful and shameful decision by cowardly leaders.",
        "I think the plan is a terrible idea that will surely fail.",
        "Frankly, their arrogance is breathtaking and outrageous.",
    ]
    out = []
    for g in range(n_groups):
        for i in range(per_group):
            pool, label = (facts, "factual") if i % 2 == 0 else (opinions, "opinion")
            out.append(TrainingExample(f"{pool[(g + i) % 3]} ({g})", label, g))
    return out


def test_split_holds_out_the_newest_articles_and_never_cuts_one() -> None:
    examples = _toy(n_groups=20)
    split = split_newest(examples, held_out_fraction=0.25)
    train_groups = {e.group for e in split.train}
    held_groups = {e.group for e in split.held_out}
    assert held_groups == set(range(15, 20))  # the five newest of twenty articles
    assert not train_groups & held_groups
    assert len(split.train) + len(split.held_out) == len(examples)
    assert split_newest(examples, held_out_fraction=0.25) == split  # deterministic


def test_split_with_one_article_holds_nothing_out() -> None:
    examples = _toy(n_groups=1)
    assert split_newest(examples).held_out == ()


def test_split_keeps_a_label_used_only_lately_in_training() -> None:
    """A label that appears only in the newest articles must not vanish from training."""
    examples = _toy(n_groups=10) + [TrainingExample(f"Is it true? ({g})", "questionable", g) for g in (8, 9)]
    split = split_newest(examples, held_out_fraction=0.2)
    assert {e.label for e in split.train} == {"factual", "opinion", "questionable"}
    assert split.held_out  # older articles were held out instead


def test_evaluate_matches_hand_counts() -> None:
    gold = ["factual", "factual", "factual", "opinion", "opinion"]
    predicted = ["factual", "factual", "opinion", "opinion", "factual"]
    scores = [{p: 0.9, ({"factual", "opinion"} - {p}).pop(): 0.1} for p in predicted]
    ev = evaluate(gold, scores, LABELS)
    assert ev.confusion == ((2, 1), (1, 1))
    assert ev.per_label["factual"].precision == pytest.approx(2 / 3)
    assert ev.per_label["factual"].recall == pytest.approx(2 / 3)
    assert ev.per_label["opinion"].precision == pytest.approx(1 / 2)
    assert ev.per_label["opinion"].f1 == pytest.approx(1 / 2)
    assert ev.macro_f1 == pytest.approx((2 / 3 + 1 / 2) / 2)
    assert ev.accuracy == pytest.approx(3 / 5)
    assert Evaluation.from_dict(ev.to_dict()) == ev


def test_training_learns_a_separable_toy_task_and_survives_a_round_trip() -> None:
    examples = _toy()
    calls: list[tuple[int, int]] = []
    model = fit_classifier(
        [e.text for e in examples],
        [e.label for e in examples],
        [e.group for e in examples],
        LABELS,
        progress=lambda d, t, _m: calls.append((d, t)),
    )
    assert calls and calls[-1][0] == calls[-1][1]
    texts = ["Officials said 40 people were arrested on Monday.", "What a shameful and disgraceful idea."]
    scores = model.predict(texts)
    assert max(scores[0], key=scores[0].__getitem__) == "factual"
    assert max(scores[1], key=scores[1].__getitem__) == "opinion"
    assert sum(scores[0].values()) == pytest.approx(1.0)
    again = load_classifier(model.to_config(), model.to_weights(), architecture=ARCHITECTURE)
    assert again.predict(texts) == scores  # the stored model is the one that was used


def test_suggesting_reads_each_texts_cues_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The word model's features and the cue model's cues come from one reading of a text: the
    cues were read twice for every candidate suggested, the same scores at a higher cost."""
    import annotator.nlp.claim_classifier as claim_classifier

    examples = _toy()
    model = fit_classifier(
        [e.text for e in examples], [e.label for e in examples], [e.group for e in examples], LABELS
    )
    texts = ["Officials said 40 people were arrested on Monday.", "What a shameful and disgraceful idea."]
    scores = model.predict(texts)
    read: list[str] = []
    cue_values = claim_classifier.cue_values

    def counted(text: str) -> list[float]:
        read.append(text)
        return cue_values(text)

    monkeypatch.setattr(claim_classifier, "cue_values", counted)
    assert model.predict(texts) == scores
    assert read == texts


def test_three_classes_train_and_predict() -> None:
    examples = _toy() + [
        TrainingExample(f"Is it true that the vaccine contains a microchip? ({g})", "questionable", g)
        for g in range(10)
        for _ in range(2)
    ]
    labels = ["factual", "opinion", "questionable"]
    model = fit_classifier(
        [e.text for e in examples], [e.label for e in examples], [e.group for e in examples], labels
    )
    scores = model.predict(["Is it true that the moon contains a microchip?"])[0]
    assert set(scores) == set(labels) and max(scores, key=scores.__getitem__) == "questionable"
    assert suggestion_priors(model).tolist() == pytest.approx([1 / 3] * 3)


def test_cancel_stops_training() -> None:
    examples = _toy()
    with pytest.raises(Cancelled):
        fit_classifier(
            [e.text for e in examples],
            [e.label for e in examples],
            [e.group for e in examples],
            LABELS,
            cancel=lambda: True,
        )


def test_balanced_priors_move_a_borderline_text_to_the_rarer_class() -> None:
    """Training had twice as many factual claims: a text at 60/40 under that balance is opinion."""
    examples = _toy()
    model = fit_classifier(
        [e.text for e in examples], [e.label for e in examples], [e.group for e in examples], LABELS
    )
    p = np.array([[0.6, 0.4]])
    from annotator.nlp.claim_classifier import _adjust

    adjusted = _adjust(p, np.array([2 / 3, 1 / 3]), suggestion_priors(model))
    assert adjusted[0, 1] == pytest.approx(0.5714, abs=1e-3)


def test_prior_estimators_find_a_plain_label_shift() -> None:
    """EM and BBSE recover a shifted balance when the posteriors are right (what they assume)."""
    rng = np.random.default_rng(0)
    train_priors = np.array([0.7, 0.3])
    # calibrated posteriors of a 60% opinion sample for a model trained at 30%
    y = (rng.random(4000) < 0.6).astype(int)
    score = rng.normal(np.where(y == 1, 1.0, -1.0), 1.0)  # N(+1, 1) vs N(-1, 1): ratio exp(2s)
    odds = np.exp(2 * score) * train_priors[1] / train_priors[0]
    p = np.column_stack([1 / (1 + odds), odds / (1 + odds)])
    assert estimate_priors(p, train_priors)[1] == pytest.approx(0.6, abs=0.05)
    confusion = np.array([[0.9, 0.1], [0.2, 0.8]])
    suggested = np.where(rng.random(4000) < np.where(y == 1, 0.8, 0.1), 1, 0)
    assert estimate_priors_bbse(suggested, confusion, train_priors)[1] == pytest.approx(0.6, abs=0.05)


def test_evaluation_round_trips_with_interval_and_calibration() -> None:
    gold = ["factual"] * 30 + ["opinion"] * 30
    scores = [{"factual": 0.8, "opinion": 0.2}] * 24 + [{"factual": 0.3, "opinion": 0.7}] * 36
    ev = evaluate(gold, scores, LABELS)
    assert ev.macro_f1_low is not None and ev.macro_f1_high is not None
    assert ev.macro_f1_low <= ev.macro_f1 <= ev.macro_f1_high
    assert sum(b.count for b in ev.reliability) == 60
    assert ev.ece is not None and 0 <= ev.ece <= 1
    assert Evaluation.from_dict(ev.to_dict()) == ev
    assert "held-out claims" in ev.headline() and "60" in ev.headline()


def test_old_evaluations_without_the_new_fields_still_read() -> None:
    old = {
        "labels": ["factual", "opinion"],
        "per_label": {
            "factual": {"precision": 1, "recall": 1, "f1": 1, "support": 1},
            "opinion": {"precision": 1, "recall": 1, "f1": 1, "support": 1},
        },
        "confusion": [[1, 0], [0, 1]],
        "macro_f1": 1.0,
        "accuracy": 1.0,
    }
    ev = Evaluation.from_dict(old)
    assert ev.macro_f1_low is None and ev.ece is None and ev.reliability == ()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.booleans()), min_size=1, max_size=60))
@example([(0.7, False), (0.7, False), (0.7, False)])  # their float mean is just under 0.7
def test_reliability_bins_hold_every_prediction_and_ece_is_a_mean_gap(
    rows: list[tuple[float, bool]],
) -> None:
    confidence = [c for c, _ in rows]
    correct = [ok for _, ok in rows]
    table = reliability_table(confidence, correct)
    assert sum(b.count for b in table) == len(rows)
    assert all(b.low <= b.confidence <= b.high for b in table)
    assert 0.0 <= expected_calibration_error(table) <= 1.0


def test_bootstrap_interval_of_a_perfect_classifier_is_a_point() -> None:
    gold = ["factual", "opinion"] * 20
    assert bootstrap_macro_f1(gold, gold, LABELS) == (1.0, 1.0)


def test_the_cross_validated_figure_shown_is_the_suggesting_models() -> None:
    """Not the word model's raw figure that chose C: the calibrated model with its cues, deciding balanced."""
    import dataclasses

    from annotator.nlp.suggestions import evaluate_held_out

    examples = _toy()
    model = fit_classifier(
        [e.text for e in examples], [e.label for e in examples], [e.group for e in examples], LABELS
    )
    assert model.report is not None and model.report.cv_macro_f1_balanced is not None
    marked = dataclasses.replace(model, report=dataclasses.replace(model.report, cv_macro_f1_balanced=0.1234))
    assert evaluate_held_out(marked, examples[:12]).cv_macro_f1 == 0.1234


def _with_unclear(examples: list[TrainingExample]) -> list[TrainingExample]:
    """The toy task plus one sentence labelled opinion and factual in every article: the fits
    then end at an interior optimum, where a changed weight has something to move."""
    text = "The plan was discussed at length ({}).".format
    groups = sorted({e.group for e in examples})
    return examples + [TrainingExample(text(g), label, g) for g in groups for label in LABELS]


def test_weights_of_one_fit_the_same_model_to_the_last_bit() -> None:
    """Explicit weights of 1 and calibration on every text are the product's fit, not a near copy."""
    examples = _with_unclear(_toy())
    args = ([e.text for e in examples], [e.label for e in examples], [e.group for e in examples], LABELS)
    plain = fit_classifier(*args)
    ones = fit_classifier(*args, sample_weights=[1.0] * len(examples), calibrate_on=[True] * len(examples))
    assert plain.cues is not None and ones.cues is not None
    assert np.array_equal(ones.weights, plain.weights) and np.array_equal(
        ones.cues.weights, plain.cues.weights
    )
    assert (ones.scale, ones.cues.scale) == (plain.scale, plain.cues.scale)
    assert np.array_equal(ones.bias, plain.bias) and np.array_equal(ones.train_priors, plain.train_priors)
    assert np.array_equal(ones.confusion, plain.confusion) and dataclasses.replace(
        ones.report, seconds=0
    ) == dataclasses.replace(plain.report, seconds=0)
    assert (ones.to_config(), ones.to_weights()) == (plain.to_config(), plain.to_weights())


def test_a_text_weighted_down_counts_for_less() -> None:
    """In the word and cue models themselves: the sentence labelled both ways is kept out of the
    calibration, which would otherwise move its score by the weights alone."""
    examples = _with_unclear(_toy())
    args = ([e.text for e in examples], [e.label for e in examples], [e.group for e in examples], LABELS)
    kept = ["discussed" not in e.text for e in examples]
    light = [0.05 if "discussed" in e.text and e.label == "opinion" else 1.0 for e in examples]
    probe, half = ["The plan was discussed at length."], np.full(2, 0.5)
    full = fit_classifier(*args, calibrate_on=kept).probabilities(probe, priors=half)[0, 1]
    weighted = fit_classifier(*args, sample_weights=light, calibrate_on=kept).probabilities(
        probe, priors=half
    )
    assert weighted[0, 1] < full - 0.05


def test_texts_left_out_of_the_calibration_still_train_the_models() -> None:
    examples = _with_unclear(_toy())
    args = ([e.text for e in examples], [e.label for e in examples], [e.group for e in examples], LABELS)
    kept = ["discussed" not in e.text for e in examples]
    plain, left_out = fit_classifier(*args), fit_classifier(*args, calibrate_on=kept)
    assert np.array_equal(left_out.weights, plain.weights)
    assert (left_out.scale, left_out.bias.tolist()) != (plain.scale, plain.bias.tolist())
    with pytest.raises(ValueError, match="every label"):
        fit_classifier(*args, calibrate_on=[e.label == "factual" for e in examples])
    with pytest.raises(ValueError, match="positive"):
        fit_classifier(*args, sample_weights=[0.0] * len(examples))
