"""The claim classifier's parts: article-level split, scores, training, cancel, round trip.

No trained pipeline is needed (the classifier sits on a blank English tokenizer),
so these run without the `model` marker and in a few seconds.
"""

from __future__ import annotations

import pytest

from annotator.core.errors import Cancelled
from annotator.nlp.suggestions import (
    Evaluation,
    TrainingExample,
    evaluate,
    load_model,
    predict,
    split_by_group,
    train_textcat,
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


def test_split_never_puts_one_article_on_both_sides() -> None:
    examples = _toy(n_groups=20)
    split = split_by_group(examples, held_out_fraction=0.25, seed=3)
    train_groups = {e.group for e in split.train}
    held_groups = {e.group for e in split.held_out}
    assert train_groups and held_groups
    assert not train_groups & held_groups
    assert len(split.train) + len(split.held_out) == len(examples)
    assert 0.2 <= len(split.held_out) / len(examples) <= 0.35
    assert split_by_group(examples, held_out_fraction=0.25, seed=3) == split  # deterministic


def test_split_with_one_article_holds_nothing_out() -> None:
    examples = _toy(n_groups=1)
    assert split_by_group(examples).held_out == ()


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
    model = train_textcat(examples, LABELS, epochs=5, progress=lambda d, t, _m: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1] == 5 * len(examples)
    texts = ["Officials said 40 people were arrested on Monday.", "What a shameful and disgraceful idea."]
    scores = predict(load_model(model), texts)
    assert max(scores[0], key=scores[0].__getitem__) == "factual"
    assert max(scores[1], key=scores[1].__getitem__) == "opinion"
    assert sum(scores[0].values()) == pytest.approx(1.0, abs=1e-4)  # exclusive classes
    again = predict(load_model(model), texts)
    assert again == scores


def test_cancel_stops_training() -> None:
    with pytest.raises(Cancelled):
        train_textcat(_toy(), LABELS, epochs=5, cancel=lambda: True)
