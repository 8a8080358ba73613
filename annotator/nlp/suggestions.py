"""Train, evaluate, save and apply the claim classifier (a spaCy `textcat`).

This module is the only place that knows the model is spaCy: it takes plain
texts and labels in and gives plain data (`Evaluation`, `TrainedModel` with a
config string and weight bytes, score dictionaries) out, so the store can keep
the model as bytes and the services can orchestrate without importing spaCy.

The architecture is `spacy.TextCatBOW.v3` (hashed unigram + bigram bag of
words, exclusive classes) on a blank English tokenizer: no vectors and no
trained pipeline needed, a few seconds for a thousand sentences on one CPU
core, and deterministic for a fixed seed. A tok2vec ensemble would gain a few
points of F1 at ten times the training time; for a model in the annotation
loop that is retrained often, fast wins.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy import about as spacy_about
from spacy.language import Language
from spacy.training import Example
from spacy.util import load_model_from_config, minibatch
from thinc.api import Config, compounding, fix_random_seed

from annotator.core.errors import Cancelled
from annotator.core.evaluation import Evaluation, LabelScore
from annotator.core.progress import CancelFn, ProgressFn

log = logging.getLogger(__name__)

ARCHITECTURE = "spacy.TextCatBOW.v3"


@dataclass(frozen=True, slots=True)
class TrainingExample:
    """One labelled text; `group` is the article it came from, so splits never cut an article."""

    text: str
    label: str
    group: int


@dataclass(frozen=True)
class TrainedModel:
    """A trained classifier as data: what the store saves and `load_model` reads back."""

    labels: tuple[str, ...]
    config: str
    weights: bytes
    spacy_version: str = spacy_about.__version__
    architecture: str = ARCHITECTURE
    seconds: float = 0.0
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Split:
    train: tuple[TrainingExample, ...]
    held_out: tuple[TrainingExample, ...]


def split_by_group(
    examples: Sequence[TrainingExample], *, held_out_fraction: float = 0.2, seed: int = 0
) -> Split:
    """Hold out whole articles (about `held_out_fraction` of the examples) for evaluation.

    Sentences of one article share topic, names and the writer's voice; splitting
    inside an article would let the model memorise those and flatter the score.
    Articles are shuffled with `seed` and taken into the held-out part until it
    holds the fraction; the result depends only on the data and the seed.
    """
    groups = sorted({e.group for e in examples})
    if len(groups) < 2:
        return Split(tuple(examples), ())
    rng = random.Random(seed)
    rng.shuffle(groups)
    sizes: dict[int, int] = {}
    for e in examples:
        sizes[e.group] = sizes.get(e.group, 0) + 1
    target = held_out_fraction * len(examples)
    held: set[int] = set()
    count = 0
    for group in groups[:-1]:  # always leave at least one article for training
        if count >= target:
            break
        held.add(group)
        count += sizes[group]
    return Split(
        train=tuple(e for e in examples if e.group not in held),
        held_out=tuple(e for e in examples if e.group in held),
    )


def _textcat_config() -> dict[str, Any]:
    return {
        "threshold": 0.0,  # exclusive classes: the top label always wins
        "model": {
            "@architectures": ARCHITECTURE,
            "exclusive_classes": True,
            "ngram_size": 2,
            "no_output_layer": False,
            "length": 65536,
        },
    }


def _blank_classifier(labels: Sequence[str]) -> Language:
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config=_textcat_config())
    for label in labels:
        textcat.add_label(label)  # type: ignore[attr-defined]
    return nlp


def train_textcat(
    examples: Sequence[TrainingExample],
    labels: Sequence[str],
    *,
    epochs: int = 12,
    dropout: float = 0.2,
    seed: int = 0,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> TrainedModel:
    """Train an exclusive-class text classifier on `examples`; CPU only, deterministic per seed.

    Progress is reported per batch as (examples seen, examples to see, message);
    `cancel` is polled between batches and raises `Cancelled`, so the caller can
    drop the half-trained model without saving anything.
    """
    started = time.perf_counter()
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = _blank_classifier(labels)
    data = [
        Example.from_dict(
            nlp.make_doc(e.text), {"cats": {label: float(label == e.label) for label in labels}}
        )
        for e in examples
    ]
    optimizer = nlp.initialize(lambda: data)
    total = epochs * len(data)
    seen = 0
    for epoch in range(epochs):
        rng.shuffle(data)
        losses: dict[str, float] = {}
        for batch in minibatch(data, size=compounding(8.0, 64.0, 1.01)):  # type: ignore[no-untyped-call]
            if cancel is not None and cancel():
                raise Cancelled("training cancelled; no model was saved")
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
            seen += len(batch)
            if progress is not None:
                progress(seen, total, f"epoch {epoch + 1}/{epochs}")
        log.debug("epoch %d loss %.4f", epoch + 1, losses.get("textcat", 0.0))
    seconds = time.perf_counter() - started
    return TrainedModel(
        labels=tuple(labels),
        config=nlp.config.to_str(),
        weights=nlp.to_bytes(),
        seconds=seconds,
        meta={"epochs": epochs, "dropout": dropout, "seed": seed, "n_train": len(examples)},
    )


def load_model(model: TrainedModel) -> Language:
    """Rebuild a pipeline from the config and bytes `train_textcat` produced."""
    config = Config().from_str(model.config)
    nlp = load_model_from_config(config, auto_fill=True)
    nlp.from_bytes(model.weights)
    return nlp


def predict(
    nlp: Language, texts: Sequence[str], *, batch_size: int = 256, cancel: CancelFn | None = None
) -> list[dict[str, float]]:
    """Class probabilities for each text (they sum to 1: the classes are exclusive)."""
    out: list[dict[str, float]] = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        if cancel is not None and len(out) % batch_size == 0 and cancel():
            raise Cancelled("suggestions cancelled; nothing was saved")
        out.append({label: float(score) for label, score in doc.cats.items()})
    return out


def evaluate(
    gold: Sequence[str],
    scores: Sequence[Mapping[str, float]],
    labels: Sequence[str],
) -> Evaluation:
    """Per-label precision, recall, F1, macro-F1, accuracy and the confusion matrix.

    Computed here rather than with spaCy's scorer so that the confusion matrix and
    the per-label figures come from the same predictions. A label with no gold and
    no predicted examples scores 0, which is what a reader should see.
    """
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for gold_label, cats in zip(gold, scores, strict=True):
        predicted = max(labels, key=lambda label: cats.get(label, 0.0))
        matrix[index[gold_label]][index[predicted]] += 1
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
    return Evaluation(
        labels=tuple(labels),
        per_label=per_label,
        confusion=tuple(tuple(row) for row in matrix),
        macro_f1=sum(s.f1 for s in per_label.values()) / len(per_label) if per_label else 0.0,
        accuracy=correct / n if n else 0.0,
        n_eval=n,
    )
