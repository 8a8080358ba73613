"""The suggestions feature's plain data: stored models, suggested labels, the queue's rows.

Filled by `store.suggestions`, served by `services.suggestions`, shown by `ui.suggestions`.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise
from typing import Any, TypeVar

from annotator.core.model import ClaimLabel

__all__ = [
    "ModelRecord",
    "NoteKind",
    "QueueItem",
    "QueueRows",
    "RefusalKind",
    "StepKind",
    "Suggestion",
    "TrainingNote",
    "TrainingReadiness",
    "TrainingRefusal",
    "TrainingStep",
    "newest_held_out",
]


def newest_held_out(labelled: Iterable[tuple[int, str]], *, held_out_fraction: float = 0.2) -> frozenset[int]:
    """The articles held out to evaluate a model: the newest (highest ids) until they hold the fraction.

    `labelled` is one (article id, label) pair per training example. Here, apart from the
    examples' texts, so that the check that says whether a project can train (services'
    `training_readiness`) splits exactly as the training does, without building examples.
    Why the newest and why articles are skipped: `nlp.suggestions.split_newest`.
    """
    by_group: dict[int, Counter[str]] = {}
    for group, label in labelled:
        counts = by_group.get(group)
        if counts is None:  # not `setdefault(group, Counter())`, which makes one per example
            counts = by_group[group] = Counter()
        counts[label] += 1
    groups = sorted(by_group)
    if len(groups) < 2:
        return frozenset()
    totals: Counter[str] = Counter()
    for counts in by_group.values():
        totals.update(counts)
    keep = {label: (1.0 - held_out_fraction) * n for label, n in totals.items()}
    left = Counter(totals)
    target = held_out_fraction * totals.total()
    held: set[int] = set()
    count = 0
    for group in reversed(groups[1:]):  # always leave the oldest article for training
        if count >= target:
            break
        counts = by_group[group]
        # `left` holds at least this article's claims of each label, so nothing goes below 0.
        if any(left[label] - n < keep[label] for label, n in counts.items()):
            continue  # would leave too few of a label to learn it (e.g. one used only lately)
        held.add(group)
        left.subtract(counts)
        count += counts.total()
    return frozenset(held)


PASSAGE_NOTE = (
    "A passage several people labelled counts once (with the review's decision, or else the label "
    "most of them gave; ties are left out), so these can be fewer than the claims the dashboard counts."
)


class RefusalKind(Enum):
    """Why the labels are not enough to train, in the order a person meets the rules."""

    TWO_LABELS = "two labels"
    """No label in use has `least` passages: label that many of two labels."""
    SECOND_LABEL = "second label"
    """One label in use, with enough: a classifier needs a second."""
    LABELS_SHORT = "labels short"
    """Two or more labels in use, some short of `least` (`TrainingRefusal.short`)."""
    ONE_ARTICLE = "one article"
    """Every labelled passage is in one article, so none can be held out."""
    NONE_HELD_OUT = "none held out"
    """Holding out any article would leave less than `TrainingRefusal.kept` of some label."""
    ONLY_NEWEST = "only newest"
    """Some labels (`TrainingRefusal.missing`) are only in the articles held out."""


@dataclass(frozen=True)
class TrainingRefusal:
    """Why training would refuse, with the figures its sentence names.

    Data, not words: the command line says it in English (`TrainingReadiness.refusal_sentence`),
    the window in its own translated words (`ui.training_words`).
    """

    kind: RefusalKind
    least: int
    """The passages each label in use needs (`TrainOptions.min_per_class`)."""
    short: tuple[tuple[str, int], ...] = ()
    """The labels short of `least`, each with how many more it needs (`LABELS_SHORT`)."""
    missing: tuple[str, ...] = ()
    """The labels only the held-out articles have (`ONLY_NEWEST`)."""
    kept: float = 0.0
    """The share of each label's passages training must keep (`NONE_HELD_OUT`)."""


@dataclass(frozen=True)
class TrainingReadiness:
    """Whether the project's labels are enough to train a model, and what they are.

    `counts` has every label, in `ClaimLabel` order, and counts passages as training does
    (one per labelled span); `shared` says some span was labelled by several people, so
    those counts are not the claims the dashboard shows. `refusal` is why training would
    refuse, or None when it would train.
    """

    counts: Mapping[str, int]
    articles: int
    refusal: TrainingRefusal | None
    shared: bool = False

    @property
    def ready(self) -> bool:
        return self.refusal is None

    def counts_sentence(self) -> str:
        """ "You have 3 factual, 0 opinion, 0 questionable (in 2 articles).", passages on a team's file."""
        counts = ", ".join(f"{n} {label}" for label, n in self.counts.items())
        noun = " passages" if self.shared else ""
        where = "1 article" if self.articles == 1 else f"{self.articles} articles"
        return f"You have {counts}{noun} (in {where})."

    def refusal_sentence(self) -> str | None:
        """What to label before training can start, in the command line's English (None: nothing)."""
        refusal = self.refusal
        if refusal is None:
            return None
        least = refusal.least
        noun = "passages" if self.shared else "claims"
        if refusal.kind is RefusalKind.TWO_LABELS:
            return f"Label at least {least} {noun} each of two labels to train."
        if refusal.kind is RefusalKind.SECOND_LABEL:
            return (
                f"Label at least {least} {noun} of a second label to train: a classifier needs two "
                f"labels with {least} {noun} each."
            )
        if refusal.kind is RefusalKind.LABELS_SHORT:
            wanted = _and([f"{more} more {label}" for label, more in refusal.short])
            one = len(refusal.short) == 1 and refusal.short[0][1] == 1
            noun = noun[:-1] if one else noun
            return f"Label {wanted} {noun} to train: each label in use needs at least {least}."
        if refusal.kind is RefusalKind.ONE_ARTICLE:
            return (
                "All labelled claims are in one article; label claims in at least two articles "
                "so that whole articles can be held out for an honest evaluation."
            )
        if refusal.kind is RefusalKind.NONE_HELD_OUT:
            return (
                "No article can be held out to evaluate the model: each holds so many claims of one "
                f"label that holding it out would leave less than {refusal.kept:.0%} "
                "of that label's claims to learn from. Label claims in more articles, then train again."
            )
        return (
            f"Only the newest articles have {', '.join(refusal.missing)} claims, and those are held "
            "out for the evaluation; label some in older articles too, then train again."
        )

    def sentence(self) -> str:
        """What to do before training can start, then the counts (and why they are passages)."""
        parts = [self.refusal_sentence(), self.counts_sentence(), PASSAGE_NOTE if self.shared else None]
        return " ".join(part for part in parts if part)


def _and(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c": how the refusal lists the labels short of examples."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


class NoteKind(Enum):
    """What a finished training tells people about the labels it learnt from."""

    TIES = "ties"
    """`TrainingNote.count` spans were left out: their annotators tied, with no gold label."""
    LABEL_UNUSED = "label unused"
    """No claim has `label`: the model learnt `labels` only and does not suggest it; `count`
    claims of it, and a training after, would have it suggested."""
    NOT_HELD_OUT = "not held out"
    """The held-out articles have no claims of `labels`: their recall is not measured."""


@dataclass(frozen=True)
class TrainingNote:
    """A note on a finished training, with the figures its sentence names.

    Data, not words, as a refusal is: the command line and the stored model say it in
    English (`sentence`), the window in its own translated words (`ui.training_words`).
    """

    kind: NoteKind
    count: int = 0
    label: str = ""
    labels: tuple[str, ...] = ()

    def sentence(self) -> str:
        if self.kind is NoteKind.TIES:
            if self.count == 1:
                return "1 span whose annotators disagree (a tie, no gold label) was left out."
            return f"{self.count} spans whose annotators disagree (a tie, no gold label) were left out."
        if self.kind is NoteKind.LABEL_UNUSED:
            return (
                f"No claim is labelled {self.label}: the model was trained on {', '.join(self.labels)} "
                f"only and does not suggest {self.label}. Label at least {self.count} {self.label} "
                "claims and train again to have it suggested."
            )
        return (
            f"The held-out articles have no {', '.join(self.labels)} claims, so recall for "
            "those labels could not be measured; label more articles for a fuller evaluation."
        )


class StepKind(Enum):
    """Which step of a training a progress message reports (`TrainingStep`).

    Said to an annotator, who need not know what a fold or a C is: the figures still carry
    the C tried or chosen (the stored model's info has the chosen ones, as `train --json`).
    Each value differs from the others, or the Enum would make one kind an alias of another.
    """

    FOLD = "testing settings on part {0} of {1} of the labels"
    FOLD_CUES = "testing settings on part {0} of {1} of the labels (opinion cues)"
    FINAL_FIT = "training the final model"
    EVALUATING_NEWEST = "evaluating on the newest articles"
    EVALUATING_FILE = "evaluating on {0}"
    SUGGESTING = "suggesting labels"


Figure = int | float | str


class TrainingStep(str):
    """A training's progress message: the English the command line and the log get, which it
    is, with its kind and figures, from which the window says it in its own words.

    A `str`, so every progress callback takes it as the message it always was.
    """

    kind: StepKind
    figures: tuple[Figure, ...]

    def __new__(cls, kind: StepKind, *figures: Figure) -> TrainingStep:
        step = super().__new__(cls, kind.value.format(*figures))
        step.kind = kind
        step.figures = figures
        return step

    def __reduce__(self) -> tuple[type[TrainingStep], tuple[Any, ...]]:
        # Sent from the training's child process as itself, not as the plain text.
        return (TrainingStep, (self.kind, *self.figures))


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


_LABELS: tuple[ClaimLabel, ...] = tuple(ClaimLabel)


_Value = TypeVar("_Value", int, float)
_BUCKETS = 1024


def _ascending(confidences: Iterable[float]) -> array[float]:
    """`confidences` in ascending order, sorted by bucket (they lie in 0..1).

    Why not `sorted`: one C call over 184,000 floats in no order (text order, or a model's
    margin-based "most useful first") holds the GIL 40-170 ms, the window frozen meanwhile;
    a loop over them and many small sorts let the UI thread run.
    """
    buckets: list[list[float]] = [[] for _ in range(_BUCKETS + 1)]
    for confidence in confidences:
        at = int(confidence * _BUCKETS) if 0.0 <= confidence <= 1.0 else _BUCKETS if confidence > 1.0 else 0
        buckets[at].append(confidence)
    ranked = array("d")
    for bucket in buckets:
        bucket.sort()
        ranked.extend(bucket)
    return ranked


def _by_place(places: Iterable[int], values: Iterable[_Value]) -> list[_Value]:
    """`values` in the order of their `places` (distinct, not negative), by a loop over slots."""
    slots: list[_Value | None] = []
    for place, value in zip(places, values, strict=True):
        if place >= len(slots):
            slots.extend([None] * (place + 1 - len(slots)))
        slots[place] = value
    return [value for value in slots if value is not None]


class QueueRows:
    """The suggestion queue in columns: one array per field, not an object per row.

    Why: the panel lists every candidate of a project (184,000 in a large one), and as
    `QueueItem`s they were 184,000 objects Python's cyclic garbage collector scans: each
    reload of the panel made it walk the whole heap several times (70-90 ms each, holding
    the GIL, so the window stalled), and freeing the old rows held the UI thread 30 ms.
    Numbers live in arrays and texts in one list, which the collector does not walk; a
    `QueueItem` is made when a row is asked for (`item`, iteration).
    """

    __slots__ = (
        "_article_ids",
        "_candidate_scores",
        "_confidences",
        "_ends",
        "_human",
        "_index",
        "_model_ids",
        "_ranked_confidences",
        "_scores",
        "_starts",
        "_suggested",
        "_texts",
        "_uncertainties",
    )

    def __init__(self) -> None:
        self._article_ids = array("q")
        self._starts = array("q")
        self._ends = array("q")
        self._candidate_scores = array("d")
        self._human = bytearray()  # 0: no person's label, else 1 + its place in ClaimLabel
        self._texts: list[str] = []
        self._suggested = bytearray()  # as `_human`, for the model's label
        self._confidences = array("d")
        self._uncertainties = array("d")
        self._model_ids = array("q")
        self._scores: list[Mapping[str, float] | None] = []  # str -> float dicts: not walked
        self._index: array[int] | None = None  # rows in (article id, start, end) order: `find`
        self._ranked_confidences: array[float] | None = None  # ascending: `count_hidden`

    def append(
        self,
        article_id: int,
        start: int,
        end: int,
        score: float,
        suggestion: Suggestion | None,
        human_label: ClaimLabel | None,
        text: str,
    ) -> None:
        """Add a row (the fields of a `QueueItem`)."""
        self._index = None
        self._ranked_confidences = None
        self._article_ids.append(article_id)
        self._starts.append(start)
        self._ends.append(end)
        self._candidate_scores.append(score)
        self._human.append(0 if human_label is None else 1 + _LABELS.index(human_label))
        self._texts.append(text)
        if suggestion is None:
            self._suggested.append(0)
            self._confidences.append(0.0)
            self._uncertainties.append(0.0)
            self._model_ids.append(0)
            self._scores.append(None)
        else:
            self._suggested.append(1 + _LABELS.index(suggestion.label))
            self._confidences.append(suggestion.confidence)
            self._uncertainties.append(suggestion.uncertainty)
            self._model_ids.append(suggestion.model_id)
            self._scores.append(suggestion.scores)

    def __len__(self) -> int:
        return len(self._texts)

    def key(self, row: int) -> tuple[int, int, int]:
        """(article id, start, end) of a row."""
        return self._article_ids[row], self._starts[row], self._ends[row]

    def index(self) -> None:
        """Make what `find` looks in (a sort of every row: do it where it may take a while).

        An array of rows in candidate order, bisected: a dict of 184,000 (article id, start,
        end) keys took the UI thread 15-35 ms to free at each reload of the panel.
        """
        if self._index is None:
            self._index = array("q", sorted(range(len(self)), key=self.key))
        if self._ranked_confidences is None:
            self._ranked_confidences = _ascending(self.suggestion_confidences())

    def index_by_places(self, places: Sequence[int]) -> None:
        """Make `find`'s index from each row's place in (article id, start, end) order, as the
        store reads them (distinct places; gaps are fine).

        Why: `index` sorts 184,000 rows by their keys in one C call holding the GIL: in the
        pool it still froze the window 220-310 ms at each reload of the panel in "most useful
        first" order. SQLite numbers the rows as it reads them; here they are put in place, and
        the result checked, in Python loops, which let the UI thread run. Places out of that
        order are left to `index`.
        """
        if len(places) != len(self):
            raise ValueError(f"{len(places)} places for {len(self)} rows")
        index = array("q", _by_place(places, range(len(self))))
        key = self.key
        if len(index) == len(self) and all(key(a) < key(b) for a, b in pairwise(index)):
            self._index = index

    def find(self, article_id: int, start: int, end: int) -> int | None:
        """The row of the candidate at this span, or None."""
        self.index()
        assert self._index is not None
        order, wanted = self._index, (article_id, start, end)
        at = bisect_left(order, wanted, key=self.key)
        return order[at] if at < len(order) and self.key(order[at]) == wanted else None

    def human_label(self, row: int) -> ClaimLabel | None:
        """The label of a person's claim over the row's candidate, if any."""
        human = self._human[row]
        return _LABELS[human - 1] if human else None

    def suggested(self, row: int) -> tuple[ClaimLabel, float] | None:
        """The model's label for the row and its confidence, if it has one."""
        suggested = self._suggested[row]
        return (_LABELS[suggested - 1], self._confidences[row]) if suggested else None

    def text(self, row: int) -> str:
        return self._texts[row]

    def item(self, row: int) -> QueueItem:
        """A row as a `QueueItem` (made afresh each time: compare them by value)."""
        if not -len(self) <= row < len(self):
            raise IndexError(row)
        article_id, start, end = self._article_ids[row], self._starts[row], self._ends[row]
        suggested = self._suggested[row]
        human = self._human[row]
        suggestion = None
        if suggested:
            suggestion = Suggestion(
                article_id=article_id,
                start=start,
                end=end,
                label=_LABELS[suggested - 1],
                confidence=self._confidences[row],
                uncertainty=self._uncertainties[row],
                model_id=self._model_ids[row],
                scores=self._scores[row] or {},
            )
        return QueueItem(
            article_id=article_id,
            start=start,
            end=end,
            score=self._candidate_scores[row],
            suggestion=suggestion,
            human_label=_LABELS[human - 1] if human else None,
            text=self._texts[row],
        )

    def items(self, first: int = 0) -> Iterator[QueueItem]:
        """The rows from `first` on, as `QueueItem`s, made one at a time."""
        return (self.item(row) for row in range(max(0, first), len(self)))

    def __iter__(self) -> Iterator[QueueItem]:
        return self.items()

    def suggestion_confidences(self) -> Iterator[float]:
        """The confidence of each row's suggestion, for the rows that have one."""
        return (c for suggested, c in zip(self._suggested, self._confidences, strict=True) if suggested)

    def count_hidden(self, hidden: Callable[[float], bool]) -> int:
        """How many suggestions `hidden` hides, where it hides every one less sure than some
        confidence and none surer (a person's threshold).

        A bisection of the confidences sorted by `index`: the panel's summary counted them
        one by one on the UI thread, 30 ms for 184,000 at each reload and each step of the
        threshold.
        """
        self.index()
        assert self._ranked_confidences is not None
        return bisect_left(self._ranked_confidences, True, key=lambda confidence: not hidden(confidence))

    @classmethod
    def of(cls, items: Iterable[QueueItem]) -> QueueRows:
        """The rows of `items`, in their order."""
        rows = cls()
        for item in items:
            rows.append(
                item.article_id,
                item.start,
                item.end,
                item.score,
                item.suggestion,
                item.human_label,
                item.text,
            )
        return rows
