"""A classifier's scores on held-out data, as plain data.

Kept out of `annotator.nlp` (which imports spaCy) so that a training result can
cross a process boundary, be stored and be shown in the window without spaCy
being imported there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Evaluation", "LabelScore"]


@dataclass(frozen=True, slots=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Evaluation:
    """Scores on the held-out articles: the only figures we show, because training scores flatter.

    `confusion[i][j]` counts held-out examples of gold label `labels[i]` predicted as `labels[j]`.
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
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evaluation:
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
        )
