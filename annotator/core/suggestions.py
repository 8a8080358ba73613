"""The suggestions feature's plain data: stored models, suggested labels, the queue's rows.

Filled by `store.suggestions`, served by `services.suggestions`, shown by `ui.suggestions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from annotator.core.model import ClaimLabel

__all__ = ["ModelRecord", "QueueItem", "Suggestion"]


@dataclass(frozen=True)
class ModelRecord:
    """A stored model without its weights: what lists and dialogs need."""

    id: int
    name: str
    created_at: str
    labels: tuple[str, ...]
    architecture: str
    spacy_version: str
    evaluation: Mapping[str, Any]
    info: Mapping[str, Any] = field(default_factory=dict)
    has_weights: bool = True


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The label a model suggests for one candidate span, with how sure it is."""

    article_id: int
    start: int
    end: int
    label: ClaimLabel
    confidence: float
    uncertainty: float
    model_id: int
    scores: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QueueItem:
    """A claim candidate as the suggestion queue shows it.

    `human_label` is the label of a person's claim overlapping the candidate, if
    any; it always wins over `suggestion` in the display and is never replaced.
    """

    article_id: int
    start: int
    end: int
    score: float
    suggestion: Suggestion | None
    human_label: ClaimLabel | None
    text: str = ""
