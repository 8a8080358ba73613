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
   entity's tokens. Only the sentences holding such an ORG are scored again: the recogniser's
   moves before the entity are replayed, not scored, and the entity's tokens are scored from
   the state they left. Kept in ``doc.user_data`` until the second component reads it.
2. ``annotator_low_confidence_orgs``, after ``annotator_entity_fixes``: the model-made ORGs of
   one name in one article share their mean confidence; below `ORG_MIN_CONFIDENCE` (in
   `annotator.nlp.lang.en.entities`) all of them are withheld from the suggestions: they go to
   ``doc.spans["annotator_doubtful_orgs"]`` and `shown_entities` (which pre-annotation reads)
   leaves them out, while ``doc.ents`` keeps them for the speaker rules. ORGs the ruler or the fixes made
   (or re-cut) have no confidence of their own and are kept, and so are names the fixes found
   organisation evidence for in the article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Set
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from annotator.nlp.entities import COMPONENT as FIXES
from annotator.nlp.entities import ORG_EVIDENCE, RULER
from annotator.nlp.lang.en.entities import ORG_MIN_CONFIDENCE

SCORER = "annotator_ner_confidence"
WITHHOLDER = "annotator_low_confidence_orgs"
_KEY = "annotator_ner_confidence"
DOUBTFUL = "annotator_doubtful_orgs"
"""``doc.spans`` key of the ORGs withheld from the suggestions."""

Mention = tuple[int, int, str]


@Language.factory(SCORER)
def make_scorer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The scoring component; it reads the recogniser and the ruler from `nlp` when it runs."""

    def score(doc: Doc) -> Doc:
        ner: Any = nlp.get_pipe("ner")
        ruler: Any = nlp.get_pipe(RULER) if RULER in nlp.pipe_names else None
        doc.user_data[_KEY] = org_confidence(doc, ner, ruler)
        return doc

    return score


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


def org_confidence(doc: Doc, ner: Any, ruler: Any | None) -> dict[Mention, float]:
    """(start, end, "ORG") -> the recogniser's confidence, for every ORG of `doc.ents` it made."""
    wanted: list[tuple[Span, list[Mention], list[Mention]]] = []  # sentence, its ents, its ORGs
    for sent in doc.sents:
        ents = [(e.start - sent.start, e.end - sent.start, e.label_) for e in sent.ents]
        orgs = [m for m in ents if m[2] == "ORG"]
        if orgs:
            wanted.append((sent, ents, orgs))
    if not wanted:
        return {}
    parts = [_as_given(sent, ruler) for sent, _, _ in wanted]
    ruled = [{(e.start, e.end, e.label_) for e in part.ents} for part in parts]
    targets = [
        [m for m in orgs if m not in preset] for (_, _, orgs), preset in zip(wanted, ruled, strict=True)
    ]
    scores = move_confidence(ner, parts, [ents for _, ents, _ in wanted], targets)
    out: dict[Mention, float] = {}
    for (sent, _, _), mentions, values in zip(wanted, targets, scores, strict=True):
        for (start, end, label), value in zip(mentions, values, strict=True):
            out[(start + sent.start, end + sent.start, label)] = value
    return out


def _as_given(sent: Span, ruler: Any | None) -> Doc:
    """The sentence as the recogniser was given it: its tokens and the ruler's entities only."""
    part = sent.as_doc()
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
    model = ner.model.predict(parts)
    states = moves.init_batch(parts)
    out = [[1.0] * len(t) for t in targets]
    jobs: list[tuple[int, int, Any, list[str]]] = []  # part, target, state, moves to score
    for p, (state, part_ents, wanted) in enumerate(zip(states, ents, targets, strict=True)):
        replay = _biluo(len(parts[p]), part_ents)
        for k, (start, end, _) in enumerate(wanted):
            job_state = state.copy()
            if all(_apply(moves, job_state, move) for move in replay[:start]):
                jobs.append((p, k, job_state, replay[start:end]))
    step = 0
    while jobs:
        rows = model.predict([state for _, _, state, _ in jobs])
        for (p, k, state, todo), row in zip(jobs, rows, strict=True):
            valid = numpy.array([moves.is_valid(state, n) for n in names], dtype=bool)
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


def _apply(moves: Any, state: Any, move: str) -> bool:
    if not moves.is_valid(state, move):
        return False
    moves.apply_transition(state, move)
    return True
