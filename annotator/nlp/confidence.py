"""The recogniser's own confidence in the organisations it found, and withholding the doubtful ones.

The small English model types many product, software and place names ORG, and a wrong ORG
misleads an annotator more than a missing one. The recogniser is a greedy transition system: at
every token it scores each move (begin, inside, last, unit of each type, outside) and takes the
best valid one. The softmax of those scores over the valid moves says how sure it was of the move
it took; an entity is as sure as its least sure move. Measured on the tuning batches
(`benchmarks/beam_orgs.py`, `benchmarks/data/eval_results.md`, fourth pass), this ranks right
ORGs above wrong ones far better than spaCy's beam (`beam_parse` probability mass, ROC AUC about
0.5: the greedy-trained weights make a poor beam) and needs no retraining.

Two components, because the fixes after the recogniser change spans and types:

1. ``annotator_ner_confidence``, right after ``ner``: for every ORG the recogniser itself made
   (not the known-organisation ruler's), the lowest probability of its own moves over the
   entity's tokens. Each such ORG is scored again on a window of its sentence (four tokens
   either side: all the recogniser's features can see); its moves before the entity are
   replayed, not scored. Kept in ``doc.user_data`` until the second component reads it.
2. ``annotator_low_confidence_orgs``, after ``annotator_entity_fixes``: the model-made ORGs of
   one name in one article share their mean confidence; below `ORG_MIN_CONFIDENCE` (in
   `annotator.nlp.lang.en.entities`) all of them are withheld from the suggestions. They go to
   ``doc.spans["annotator_doubtful_orgs"]`` and `shown_entities` (which pre-annotation reads)
   leaves them out, while ``doc.ents`` keeps them for the speaker rules. ORGs the ruler or the
   fixes made (or re-cut) have no confidence of their own and are kept, and so are names the
   fixes found organisation evidence for in the article.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence, Set
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from annotator.nlp.entities import COMPONENT as FIXES
from annotator.nlp.entities import ORG_EVIDENCE, RULER
from annotator.nlp.lang.en.entities import ORG_MIN_CONFIDENCE

log = logging.getLogger(__name__)

SCORER = "annotator_ner_confidence"
WITHHOLDER = "annotator_low_confidence_orgs"
_KEY = "annotator_ner_confidence"
DOUBTFUL = "annotator_doubtful_orgs"
"""``doc.spans`` key of the ORGs withheld from the suggestions."""

Mention = tuple[int, int, str]


@Language.factory(SCORER)
def make_scorer(nlp: Language, name: str) -> ConfidenceScorer:
    return ConfidenceScorer(nlp)


class ConfidenceScorer:
    """The scoring component; it reads the recogniser and the ruler from the pipeline when it
    runs. `pipe` scores a batch of documents with one run of the model."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.failed = False  # warned once that this pipeline's recogniser cannot be scored

    def __call__(self, doc: Doc) -> Doc:
        return self._score([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == batch_size:
                yield from self._score(batch)
                batch = []
        yield from self._score(batch)

    def _score(self, docs: list[Doc]) -> list[Doc]:
        ner: Any = self.nlp.get_pipe("ner")
        ruler: Any = self.nlp.get_pipe(RULER) if RULER in self.nlp.pipe_names else None
        try:
            found = org_confidences(docs, ner, ruler)
        except (AttributeError, TypeError, ValueError, KeyError, IndexError, StopIteration):
            # The scoring replays the recogniser's transition system, which is spaCy's inside:
            # a pipeline whose recogniser differs (a shared tok2vec, other moves) must still
            # pre-annotate, with every ORG kept as the recogniser gave it.
            if not self.failed:
                log.warning("ORG confidence unavailable for this pipeline; all ORGs kept", exc_info=True)
            self.failed = True
            found = [{} for _ in docs]
        for doc, confidences in zip(docs, found, strict=True):
            doc.user_data[_KEY] = confidences
        return docs


@Language.component(WITHHOLDER)
def withhold_doubtful_orgs(doc: Doc) -> Doc:
    """Put the model-made ORGs whose name the recogniser was, on average, unsure of in
    ``doc.spans[DOUBTFUL]``; `shown_entities` leaves them out of the suggestions."""
    confidence: dict[Mention, float] = doc.user_data.pop(_KEY, None) or {}
    evidence: set[str] = doc.user_data.pop(ORG_EVIDENCE, None) or set()
    ents = list(doc.ents)
    kept = set(keep_confident(ents, confidence, ORG_MIN_CONFIDENCE, evidence=evidence))
    doc.spans[DOUBTFUL] = [e for e in ents if e not in kept]
    return doc


def shown_entities(doc: Doc) -> list[Span]:
    """The entities to suggest: ``doc.ents`` without the doubtful ORGs.

    They stay in ``doc.ents`` because a name the model could not type is still a name: the
    speaker rules resolve "he" and "the voter" to it, and a person the model typed ORG still
    speaks (withholding them from ``doc.ents`` lost 5 of 52 speakers on the held-out split).
    """
    doubtful = {(s.start, s.end, s.label_) for s in doc.spans.get(DOUBTFUL, ())}
    return [e for e in doc.ents if (e.start, e.end, e.label_) not in doubtful]


def add_org_confidence(nlp: Language) -> None:
    """Score ORGs after the recogniser and withhold doubtful ones after the fixes, once.

    A pipeline without a statistical recogniser (the rule fallback) has nothing to score.
    """
    if "ner" not in nlp.pipe_names or SCORER in nlp.pipe_names:
        return
    nlp.add_pipe(SCORER, after="ner")
    nlp.add_pipe(WITHHOLDER, after=FIXES if FIXES in nlp.pipe_names else SCORER)


def keep_confident(
    ents: list[Span], confidence: dict[Mention, float], threshold: float, *, evidence: Set[str] = frozenset()
) -> list[Span]:
    """`ents` without the ORGs scored below `threshold`, judged per name (mean over its scored mentions).

    One name's mentions stand or fall together, so an annotator never sees a name highlighted
    in one paragraph and not in the next for no visible reason. A name in `evidence` (the article
    says it is an organisation: "Graphcore, a British startup") is kept however unsure the model was.
    """
    by_name: dict[str, list[float]] = defaultdict(list)
    for e in ents:
        score = confidence.get((e.start, e.end, e.label_))
        if e.label_ == "ORG" and score is not None:
            by_name[_name(e)].append(score)
    doubtful = {
        name
        for name, scores in by_name.items()
        if sum(scores) / len(scores) < threshold and name not in evidence
    }
    return [
        e
        for e in ents
        if not (e.label_ == "ORG" and (e.start, e.end, e.label_) in confidence and _name(e) in doubtful)
    ]


def _name(span: Span) -> str:
    return " ".join(t.text for t in span)


def org_confidence(
    doc: Doc, ner: Any, ruler: Any | None, labels: Set[str] = frozenset({"ORG"})
) -> dict[Mention, float]:
    """(start, end, label) -> the recogniser's confidence, for every entity of `doc.ents` it made
    with one of `labels` (the benchmark also scores PERSON and GPE)."""
    return org_confidences([doc], ner, ruler, labels)[0]


def org_confidences(
    docs: Sequence[Doc], ner: Any, ruler: Any | None, labels: Set[str] = frozenset({"ORG"})
) -> list[dict[Mention, float]]:
    """`org_confidence` of each doc, the model run once for all of them.

    Each entity is scored on a window of its sentence: `_MARGIN` tokens either side are all the
    recogniser's features can see (its token vectors look 4 tokens each way, its state the token
    before), so the window gives what the whole sentence would, at a fraction of the cost.
    """
    parts: list[Doc] = []
    where: list[tuple[int, int]] = []  # doc index, window start
    replays: list[list[Mention]] = []
    targets: list[list[Mention]] = []
    for d, doc in enumerate(docs):
        ents = [(e.start, e.end, e.label_) for e in doc.ents]
        if not any(label in labels for _, _, label in ents):
            continue
        starts = [int(i) for i in numpy.flatnonzero(doc.to_array("SENT_START") == 1)]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        ends = [*starts[1:], len(doc)]
        for w0, w1 in _windows(ents, labels, starts, ends):
            part = _as_given(doc, w0, w1, ruler)
            preset = {(e.start + w0, e.end + w0, e.label_) for e in part.ents}
            inside = [m for m in ents if w0 <= m[0] and m[1] <= w1]
            wanted = [m for m in inside if m[2] in labels and m not in preset]
            if wanted:
                parts.append(part)
                where.append((d, w0))
                replays.append([(a - w0, b - w0, label) for a, b, label in inside])
                targets.append([(a - w0, b - w0, label) for a, b, label in wanted])
    out: list[dict[Mention, float]] = [{} for _ in docs]
    if not parts:
        return out
    scores = move_confidence(ner, parts, replays, targets)
    for (d, w0), mentions, values in zip(where, targets, scores, strict=True):
        for (start, end, label), value in zip(mentions, values, strict=True):
            out[d][(start + w0, end + w0, label)] = value
    return out


_MARGIN = 4


def _windows(
    ents: list[Mention], labels: Set[str], starts: list[int], ends: list[int]
) -> list[tuple[int, int]]:
    """Token windows holding each wanted entity and `_MARGIN` tokens either side, within its
    sentence, never cutting another entity at the left edge (its moves are replayed), merged
    where they overlap."""
    windows: list[tuple[int, int]] = []
    for start, end, label in ents:
        if label not in labels:
            continue
        s = bisect_right(starts, start) - 1
        if end > ends[s]:
            continue  # across a sentence: the recogniser never makes one
        w0, w1 = max(starts[s], start - _MARGIN), min(ends[s], end + _MARGIN)
        for a, b, _ in ents:
            if a < w0 < b:
                w0 = a
        windows.append((w0, w1))
    windows.sort()
    merged: list[tuple[int, int]] = []
    for w0, w1 in windows:
        if merged and w0 < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], w1))
        else:
            merged.append((w0, w1))
    return merged


def _as_given(doc: Doc, start: int, end: int, ruler: Any | None) -> Doc:
    """Tokens start:end as the recogniser was given them: their words and norms, one sentence,
    and the ruler's entities only."""
    tokens = doc[start:end]
    starts: list[bool | int | None] = [True]
    starts += [False] * (len(tokens) - 1)
    part = Doc(
        doc.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        sent_starts=starts,
    )
    for token, original in zip(part, tokens, strict=True):
        if token.norm != original.norm:  # a tokenizer exception's norm ("n't" -> "not")
            token.norm_ = original.norm_
    part.set_ents([], default="outside")
    return ruler(part) if ruler is not None else part


def _biluo(length: int, ents: list[Mention]) -> list[str]:
    moves = ["O"] * length
    for start, end, label in ents:
        if end - start == 1:
            moves[start] = f"U-{label}"
        else:
            moves[start : end - 1] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 2)
            moves[end - 1] = f"L-{label}"
    return moves


def move_confidence(
    ner: Any, parts: list[Doc], ents: list[list[Mention]], targets: list[list[Mention]]
) -> list[list[float]]:
    """For each target of each part, the lowest probability among the moves that made it.

    `ents` are the recogniser's entities of each part (its moves are replayed up to a target);
    a move that is not valid in the replayed state (it should not happen) leaves the target at 1.0,
    so it is kept.
    """
    moves = ner.moves
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    index = {n: i for i, n in enumerate(names)}
    valid_moves = _ValidMoves(moves, names)
    model = ner.model.predict(parts)
    states = moves.init_batch(parts)
    out = [[1.0] * len(t) for t in targets]
    jobs: list[tuple[int, int, Any, list[str], str]] = []  # part, target, state, moves to score, label
    for p, (state, part_ents, wanted) in enumerate(zip(states, ents, targets, strict=True)):
        replay = _biluo(len(parts[p]), part_ents)
        for k, (start, end, label) in enumerate(wanted):
            job_state = state.copy()
            if all(_apply(moves, job_state, move) for move in replay[:start]):
                jobs.append((p, k, job_state, replay[start:end], label))
    step = 0
    while jobs:
        rows = model.predict([job[2] for job in jobs])
        for (p, k, state, todo, label), row in zip(jobs, rows, strict=True):
            valid = valid_moves(state, label)
            move = todo[step]
            if not valid[index[move]]:
                out[p][k] = 1.0
                todo[step + 1 :] = []
                continue
            logits = numpy.where(valid, row, -numpy.inf)
            probs = numpy.exp(logits - logits.max())
            out[p][k] = min(out[p][k], float(probs[index[move]] / probs.sum()))
            moves.apply_transition(state, move)
        step += 1
        jobs = [job for job in jobs if step < len(job[3])]
    model.clear_memory()
    return out


class _ValidMoves:
    """Which moves are valid in a state, asking spaCy about 10 moves instead of all 74.

    Inside an entity of type L that no ruler preset constrains (the ruler's own entities are
    never scored), a move's validity depends on its kind (begin, inside, last, unit) and on
    whether its type is L, not on which other type it is; so one other type answers for all.
    """

    def __init__(self, moves: Any, names: list[str]) -> None:
        self.moves = moves
        self.names = names
        self.index = {n: i for i, n in enumerate(names)}
        self.labels = sorted({n[2:] for n in names if n[:2] in ("B-", "U-") and len(n) > 2})
        self.by_kind = {
            kind: numpy.array([i for i, n in enumerate(names) if n.startswith(kind + "-") and len(n) > 2])
            for kind in "BILU"
        }
        self.single = [n for n in names if n[1:2] != "-" or len(n) <= 2]  # "O", "U-"

    def __call__(self, state: Any, label: str) -> numpy.ndarray[Any, Any]:
        valid = numpy.zeros(len(self.names), dtype=bool)
        other = next(x for x in self.labels if x != label)
        for kind, where in self.by_kind.items():
            valid[where] = self.moves.is_valid(state, f"{kind}-{other}")
            valid[self.index[f"{kind}-{label}"]] = self.moves.is_valid(state, f"{kind}-{label}")
        for name in self.single:
            valid[self.index[name]] = self.moves.is_valid(state, name)
        return valid


def _apply(moves: Any, state: Any, move: str) -> bool:
    if not moves.is_valid(state, move):
        return False
    moves.apply_transition(state, move)
    return True
