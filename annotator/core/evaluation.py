"""A classifier's scores on held-out data, as plain data.

Kept out of `annotator.nlp` (which imports spaCy) so that a training result can
cross a process boundary, be stored and be shown in the window without spaCy
being imported there.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.model import ClaimLabel
from annotator.core.validate import check_text

__all__ = [
    "Evaluation",
    "LabelScore",
    "ReliabilityBin",
    "bootstrap_macro_f1",
    "confusion_scores",
    "expected_calibration_error",
    "reliability_table",
]


@dataclass(frozen=True, slots=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """Held-out suggestions whose confidence fell in [low, high): how often they were right."""

    low: float
    high: float
    count: int
    confidence: float
    accuracy: float


@dataclass(frozen=True)
class Evaluation:
    """Scores on the held-out articles: the only figures we show, because training scores flatter.

    `confusion[i][j]` counts held-out examples of gold label `labels[i]` predicted as `labels[j]`.
    The held-out articles are the newest ones (`split`), so the figure says how the model does
    on text imported after the labels it learnt from, whose balance of labels may differ.
    `macro_f1_low`/`_high` bound a 95% bootstrap interval; `ece` is the expected calibration
    error of the shown confidence; suggestions assume `suggestion_priors` (balanced classes)
    where training had `train_priors`, and `macro_f1_unadjusted` is the figure with the
    training balance; `cv_macro_f1` is the cross-validated figure on the training articles.
    """

    labels: tuple[str, ...]
    per_label: Mapping[str, LabelScore]
    confusion: tuple[tuple[int, ...], ...]
    macro_f1: float
    accuracy: float
    n_train: int = 0
    n_eval: int = 0
    train_articles: int = 0
    eval_articles: int = 0
    split: str = "articles"
    macro_f1_low: float | None = None
    macro_f1_high: float | None = None
    ece: float | None = None
    reliability: tuple[ReliabilityBin, ...] = ()
    macro_f1_unadjusted: float | None = None
    cv_macro_f1: float | None = None
    train_priors: Mapping[str, float] = field(default_factory=dict)
    suggestion_priors: Mapping[str, float] = field(default_factory=dict)
    source: str = ""
    """The file's name when the claims came from a file the user gave (`split` "file")."""
    on_file: Evaluation | None = None
    """The same model on a labelled file the user gave, whose balance is the user's, not the project's."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "per_label": {
                label: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "support": s.support}
                for label, s in self.per_label.items()
            },
            "confusion": [list(row) for row in self.confusion],
            "macro_f1": self.macro_f1,
            "accuracy": self.accuracy,
            "n_train": self.n_train,
            "n_eval": self.n_eval,
            "train_articles": self.train_articles,
            "eval_articles": self.eval_articles,
            "split": self.split,
            "macro_f1_low": self.macro_f1_low,
            "macro_f1_high": self.macro_f1_high,
            "ece": self.ece,
            "reliability": [[b.low, b.high, b.count, b.confidence, b.accuracy] for b in self.reliability],
            "macro_f1_unadjusted": self.macro_f1_unadjusted,
            "cv_macro_f1": self.cv_macro_f1,
            "train_priors": dict(self.train_priors),
            "suggestion_priors": dict(self.suggestion_priors),
            "source": self.source,
            "on_file": None if self.on_file is None else self.on_file.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, nested: bool = True) -> Evaluation:
        """Rebuild from `to_dict`'s form; raises KeyError, TypeError or ValueError for anything else.

        The data comes from a project file, which may come from anyone: the file's name
        must be text of at most `MAX_SOURCE_CHARS`, and only one level of `on_file` is read.
        """
        source = check_text(data.get("source", ""), "the evaluation's file name", MAX_SOURCE_CHARS)
        if "\n" in source:
            raise ValueError("the evaluation's file name is more than one line")
        on_file = data.get("on_file")
        if on_file is not None and not (nested and isinstance(on_file, Mapping)):
            raise ValueError("the evaluation on a file is not an evaluation")
        labels = data["labels"]
        known = {label.value for label in ClaimLabel}
        if not isinstance(labels, list) or not all(isinstance(x, str) and x in known for x in labels):
            raise ValueError("the evaluation's labels are not claim labels")
        if set(data["per_label"]) != set(labels):
            raise ValueError("the evaluation's scores are not those of its labels")
        return cls(
            labels=tuple(data["labels"]),
            per_label={
                label: LabelScore(s["precision"], s["recall"], s["f1"], int(s["support"]))
                for label, s in data["per_label"].items()
            },
            confusion=tuple(tuple(int(v) for v in row) for row in data["confusion"]),
            macro_f1=float(data["macro_f1"]),
            accuracy=float(data["accuracy"]),
            n_train=int(data.get("n_train", 0)),
            n_eval=int(data.get("n_eval", 0)),
            train_articles=int(data.get("train_articles", 0)),
            eval_articles=int(data.get("eval_articles", 0)),
            split=str(data.get("split", "articles")),
            macro_f1_low=_optional_float(data.get("macro_f1_low")),
            macro_f1_high=_optional_float(data.get("macro_f1_high")),
            ece=_optional_float(data.get("ece")),
            reliability=tuple(
                ReliabilityBin(float(lo), float(hi), int(n), float(c), float(a))
                for lo, hi, n, c, a in data.get("reliability", ())
            ),
            macro_f1_unadjusted=_optional_float(data.get("macro_f1_unadjusted")),
            cv_macro_f1=_optional_float(data.get("cv_macro_f1")),
            train_priors={str(k): float(v) for k, v in data.get("train_priors", {}).items()},
            suggestion_priors={str(k): float(v) for k, v in data.get("suggestion_priors", {}).items()},
            source=source,
            on_file=None if on_file is None else cls.from_dict(on_file, nested=False),
        )

    def headline(self) -> str:
        """One line for where suggestions appear: "macro-F1 0.74 (0.65–0.82) on 120 held-out claims".

        With an evaluation on the user's file, that one comes first ("... on 99 claims from
        val.csv; macro-F1 0.68 ... on 150 held-out claims"): it is the figure on a balance
        of labels the project did not choose, so the one closer to what new text will bring.
        """
        own = self.figure()
        return own if self.on_file is None else f"{self.on_file.figure()}; {own}"

    def right_of(self) -> tuple[int, int] | None:
        """(claims the model labelled as people did, claims scored), from the confusion matrix.

        For a reader who does not know macro-F1. None when the matrix does not add up to the
        claims scored (a stored evaluation from another file may not): no count is better than
        a wrong one.
        """
        size = len(self.labels)
        if size == 0 or len(self.confusion) != size or any(len(row) != size for row in self.confusion):
            return None
        if any(count < 0 for row in self.confusion for count in row):
            return None
        total = sum(sum(row) for row in self.confusion)
        if total != self.n_eval or total == 0:
            return None
        return sum(self.confusion[i][i] for i in range(size)), total

    def figure(self) -> str:
        """This evaluation's own figure, without the one on a file beside it."""
        interval = ""
        if self.macro_f1_low is not None and self.macro_f1_high is not None:
            interval = f" (95% interval {self.macro_f1_low:.2f}–{self.macro_f1_high:.2f})"
        claims = "claim" if self.n_eval == 1 else "claims"
        where = f"{claims} from {self.source}" if self.source else f"held-out {claims}"
        return f"macro-F1 {self.macro_f1:.2f}{interval} on {self.n_eval} {where}"


MAX_SOURCE_CHARS = 300
"""The longest file name an evaluation may carry (shown in the window)."""


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def confusion_scores(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> tuple[tuple[tuple[int, ...], ...], dict[str, LabelScore], float, float]:
    """Confusion matrix, per-label scores, macro-F1 and accuracy of `predicted` against `gold`.

    A label with no gold and no predicted examples scores 0, which is what a reader should see.
    """
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        matrix[index[g]][index[p]] += 1
    per_label: dict[str, LabelScore] = {}
    for label, i in index.items():
        tp = matrix[i][i]
        predicted_count = sum(row[i] for row in matrix)
        support = sum(matrix[i])
        precision = tp / predicted_count if predicted_count else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = LabelScore(precision, recall, f1, support)
    n = sum(sum(row) for row in matrix)
    correct = sum(matrix[i][i] for i in range(len(labels)))
    macro = sum(s.f1 for s in per_label.values()) / len(per_label) if per_label else 0.0
    return tuple(tuple(row) for row in matrix), per_label, macro, (correct / n if n else 0.0)


def bootstrap_macro_f1(
    gold: Sequence[str],
    predicted: Sequence[str],
    labels: Sequence[str],
    *,
    resamples: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float]:
    """A percentile bootstrap interval for macro-F1 (claims resampled with replacement).

    With a hundred held-out claims the interval is about ±0.10 wide: shown so that nobody
    reads a difference of 0.03 between two models as real.
    """
    n = len(gold)
    if n == 0:
        return 0.0, 0.0
    rng = random.Random(seed)
    scores = []
    for _ in range(resamples):
        picks = [rng.randrange(n) for _ in range(n)]
        scores.append(confusion_scores([gold[i] for i in picks], [predicted[i] for i in picks], labels)[2])
    scores.sort()
    tail = (1.0 - level) / 2
    return scores[int(tail * (resamples - 1))], scores[round((1.0 - tail) * (resamples - 1))]


def reliability_table(
    confidence: Sequence[float], correct: Sequence[bool], *, bins: int = 10
) -> tuple[ReliabilityBin, ...]:
    """Equal-width confidence bins (empty ones left out): mean confidence against accuracy."""
    out = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [
            (c, ok)
            for c, ok in zip(confidence, correct, strict=True)
            if low <= c < high or (b == bins - 1 and c == 1.0)
        ]
        if members:
            out.append(
                ReliabilityBin(
                    low,
                    high,
                    len(members),
                    # Rounding may put the mean of three 0.7s at 0.6999999999999998, below
                    # the bin that holds every one of them.
                    min(max(math.fsum(c for c, _ in members) / len(members), low), high),
                    sum(ok for _, ok in members) / len(members),
                )
            )
    return tuple(out)


def expected_calibration_error(table: Sequence[ReliabilityBin]) -> float:
    """Count-weighted mean gap between confidence and accuracy over the bins (ECE)."""
    total = sum(b.count for b in table)
    return sum(b.count * abs(b.confidence - b.accuracy) for b in table) / total if total else 0.0
