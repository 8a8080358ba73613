"""Train, evaluate and apply the claim classifier on plain texts and labels.

The model itself is `annotator.nlp.claim_classifier` (TF-IDF words and characters,
logistic regression, calibration, prior re-estimation; numpy only). This module
holds what surrounds it: examples, the split that holds out the *newest* articles,
the class balance suggestions assume,
and the held-out evaluation with its bootstrap interval and reliability table, so
the services can orchestrate without knowing the model's insides.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from annotator.core.evaluation import (
    Evaluation,
    bootstrap_macro_f1,
    confusion_scores,
    expected_calibration_error,
    reliability_table,
)
from annotator.core.suggestions import newest_held_out
from annotator.nlp.claim_classifier import (
    ARCHITECTURE,
    ClaimClassifier,
    ModelFormatError,
    fit_classifier,
    load_classifier,
)

__all__ = [
    "ARCHITECTURE",
    "ClaimClassifier",
    "Evaluation",
    "ModelFormatError",
    "Split",
    "TrainingExample",
    "evaluate",
    "evaluate_file",
    "evaluate_held_out",
    "fit_classifier",
    "load_classifier",
    "split_newest",
    "suggestion_priors",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TrainingExample:
    """One labelled text; `group` is the article it came from, so splits never cut an article."""

    text: str
    label: str
    group: int


@dataclass(frozen=True, slots=True)
class Split:
    train: tuple[TrainingExample, ...]
    held_out: tuple[TrainingExample, ...]


def split_newest(examples: Sequence[TrainingExample], *, held_out_fraction: float = 0.2) -> Split:
    """Hold out the newest articles (highest ids, i.e. imported last) until they hold the fraction.

    Why the newest, not a random draw: suggestions are made for articles imported after
    the labels were made, whose topics and balance of labels drift from the first ones;
    a random draw of articles shares the training sample's balance and flatters the
    score (NewsSD: 0.67 by random articles against 0.46 on new text). Whole articles
    only, since sentences of one article share names and voice; at least one article
    always stays for training, and an article is skipped when holding it out would leave
    less than (1 - fraction) of a label's examples to learn from. Deterministic.
    """
    held = newest_held_out(((e.group, e.label) for e in examples), held_out_fraction=held_out_fraction)
    return Split(
        train=tuple(e for e in examples if e.group not in held),
        held_out=tuple(e for e in examples if e.group in held),
    )


def evaluate(
    gold: Sequence[str],
    scores: Sequence[Mapping[str, float]],
    labels: Sequence[str],
    *,
    bootstrap: bool = True,
) -> Evaluation:
    """Per-label precision, recall, F1, macro-F1 with its interval, accuracy, confusion, calibration.

    The suggestion is the top label; its probability is the confidence the window shows,
    so the reliability table and ECE are computed on exactly that.
    """
    predicted = [max(labels, key=lambda label: cats.get(label, 0.0)) for cats in scores]
    confusion, per_label, macro, accuracy = confusion_scores(gold, predicted, labels)
    table = reliability_table(
        [max(cats.get(label, 0.0) for label in labels) for cats in scores],
        [g == p for g, p in zip(gold, predicted, strict=True)],
    )
    low, high = bootstrap_macro_f1(gold, predicted, labels) if bootstrap and gold else (None, None)
    return Evaluation(
        labels=tuple(labels),
        per_label=per_label,
        confusion=confusion,
        macro_f1=macro,
        accuracy=accuracy,
        n_eval=len(gold),
        macro_f1_low=low,
        macro_f1_high=high,
        ece=expected_calibration_error(table) if gold else None,
        reliability=table,
    )


def suggestion_priors(model: ClaimClassifier) -> npt.NDArray[np.float64]:
    """The class balance suggestions assume for new text: every class equally likely.

    Why not the training balance, nor one estimated on the candidates: new text rarely
    has the training sample's balance, and estimating it from unlabelled text (EM,
    Saerens et al. 2002; BBSE) ran away on new articles, whose posteriors are off in
    ways that a label shift does not explain (NewsSD, newest fifth of train.csv: EM put
    opinion at 13% where it was 27%, macro-F1 0.60 -> 0.44). Deciding as if the classes
    were balanced gave the best macro-F1 in both train-only trials (0.66 and 0.66, against
    0.60 and 0.61 with the training balance); see docs/DESIGN.md.
    """
    k = len(model.labels)
    return np.full(k, 1.0 / k)


def _as_suggested(model: ClaimClassifier, texts: Sequence[str], gold: Sequence[str]) -> Evaluation:
    """Scores as the product suggests (balanced priors), the training balance's macro-F1 beside them."""
    priors = suggestion_priors(model)
    adjusted = evaluate(gold, model.predict(texts, priors=priors), model.labels)
    plain = evaluate(gold, model.predict(texts), model.labels, bootstrap=False)
    return dataclasses.replace(
        adjusted,
        macro_f1_unadjusted=plain.macro_f1,
        train_priors=dict(zip(model.labels, map(float, model.train_priors), strict=True)),
        suggestion_priors=dict(zip(model.labels, map(float, priors), strict=True)),
    )


def evaluate_held_out(model: ClaimClassifier, held_out: Sequence[TrainingExample]) -> Evaluation:
    """Evaluate as the product suggests (balanced priors); the figure with the training balance beside it."""
    evaluation = _as_suggested(model, [e.text for e in held_out], [e.label for e in held_out])
    report = model.report
    cv = None
    if report is not None:
        # The figure of the model that suggests (calibrated, cues included, deciding with
        # `priors`), not the word model's raw one that chose C.
        cv = report.cv_macro_f1_balanced
        if cv is None:
            cv = report.cv_macro_f1.get(f"{report.c:g}")
    return dataclasses.replace(evaluation, split="newest articles", cv_macro_f1=cv)


def evaluate_file(
    model: ClaimClassifier, texts: Sequence[str], gold: Sequence[str], *, source: str
) -> Evaluation:
    """Evaluate on labelled sentences from a file the user gave (`source` is its name).

    Why beside the newest articles: those share the project's balance of labels and
    its annotators' habits, a file need not; on NewsSD the newest fifth of train.csv
    gave 0.68 where val.csv gave 0.55.
    """
    return dataclasses.replace(_as_suggested(model, texts, gold), split="file", source=source)
