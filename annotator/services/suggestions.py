"""Label suggestions that learn from the team's own labels (the model in the loop).

`train_claim_model` turns the project's labelled claims into examples (the
claim's sentence as context), holds out the newest articles, trains the claim
classifier (`annotator.nlp.claim_classifier`: TF-IDF, logistic regression,
calibration) on the rest, evaluates it on the held-out articles, stores model
and evaluation in the project file and (by default) suggests a label for every
claim candidate, deciding as if every label were equally common in new text.
Suggestions go to their own table and never become claims unless a person
accepts one (`accept_suggestion`, an ordinary undoable edit).

Decisions, so the tool stays honest:
- The stored model is the one that was evaluated (trained on the training
  articles only); the evaluation shown is always the held-out one.
- A class needs `min_per_class` (20) examples. A class with some but too few
  examples stops training with `NotEnoughLabelsError`: a model that never
  predicts a label the team uses would mislead. A class with *no* examples at
  all is taken as one the project does not use (NewsSD, for instance, has no
  questionable class): the model trains on the classes present, does not suggest
  the missing one, and the result says so in `notes`, with the number of labels
  that would bring it in. At least two classes are
  needed.
- Several people may label the same span: a gold (adjudicated) label wins,
  otherwise the majority; a tie is left out of training and counted in `notes`.
- A stored model is untrusted input (a project file may come from anyone): it is
  checked before it is rebuilt, and one that fails turns suggestions off with a
  one-line message (`model_problem`), never anything worse.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from annotator.core.errors import (
    Cancelled,
    InputFileError,
    NoModelError,
    NotEnoughLabelsError,
    NotFoundError,
    UserError,
    display_path,
)
from annotator.core.evaluation import MAX_SOURCE_CHARS, Evaluation
from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.suggestions import (
    ModelRecord,
    NoteKind,
    QueueItem,
    QueueRows,
    RefusalKind,
    StepKind,
    Suggestion,
    TrainingNote,
    TrainingReadiness,
    TrainingRefusal,
    TrainingStep,
    newest_held_out,
)
from annotator.core.text import sentence_around
from annotator.services import labelling
from annotator.services.project import Project, store_of
from annotator.store.suggestions import (
    StoredModelError,
    all_candidates,
    articles_owing_suggestions,
    candidate_spans,
    clear_suggestions,
    has_suggestions,
    latest_model,
    model_payload,
    queue,
    queue_rows,
    replace_suggestions,
    save_model,
    suggestions,
)

if TYPE_CHECKING:
    # spaCy takes about a second to import; the window lists suggestions (and starts)
    # without it, so the functions that train or predict import it when they run
    # (`Evaluation` is plain data in core, so a result unpickles without spaCy).
    from annotator.nlp.suggestions import ClaimClassifier, TrainingExample

__all__ = [
    "Evaluation",
    "ModelRecord",
    "NotEnoughLabelsError",
    "QueueItem",
    "QueueRows",
    "Suggestion",
    "TrainOptions",
    "TrainResult",
    "TrainingNote",
    "TrainingReadiness",
    "accept_suggestion",
    "agreed_in_use",
    "article_suggestions",
    "candidate_at",
    "collect_examples",
    "current_model",
    "model_problem",
    "orphaned_suggestions",
    "refresh_suggestions",
    "suggest_labels",
    "suggestion_queue",
    "suggestion_queue_rows",
    "train_claim_model",
    "training_readiness",
]

log = logging.getLogger(__name__)


MIN_PER_CLASS = 20


@dataclass(frozen=True)
class TrainOptions:
    """How to train: the share of examples (newest articles) held out, the minimum per class."""

    held_out_fraction: float = 0.2
    min_per_class: int = MIN_PER_CLASS
    suggest: bool = True
    c_grid: tuple[float, ...] = (1.0, 3.0, 10.0)  # the classifier's C_GRID; tests lengthen it
    eval_file: Path | None = None
    """Labelled sentences (CSV sentence,label or JSONL text/label) to evaluate on as well."""


@dataclass(frozen=True)
class TrainResult:
    """What a training run produced: the stored model, its held-out evaluation and what to tell people."""

    model: ModelRecord
    evaluation: Evaluation
    label_counts: dict[str, int]
    notes: tuple[TrainingNote, ...] = ()
    """What people should know about the labels it learnt from (the CLI: `note.sentence()`)."""
    train_seconds: float = 0.0
    suggestions: int = 0
    removed_suggestions: int = 0
    """Suggestions of an older model removed because this run suggested nothing."""

    def summary(self) -> str:
        """Plain-English report; the CLI prints it and the dialog shows it."""
        ev = self.evaluation
        lines = [
            f"Trained {self.model.name} on {ev.n_train} claims from {ev.train_articles} articles "
            f"in {self.train_seconds:.1f} s.",
            f"Held-out evaluation ({ev.n_eval} claims from the {ev.eval_articles} newest articles, "
            f"not used in training): {ev.figure()}, accuracy {ev.accuracy:.2f}",
            f"  {'label':<13} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}",
        ]
        for label in ev.labels:
            s = ev.per_label[label]
            lines.append(f"  {label:<13} {s.precision:>9.2f} {s.recall:>7.2f} {s.f1:>6.2f} {s.support:>8}")
        lines.append("Confusion matrix (rows: gold, columns: suggested):")
        width = max(len(label) for label in ev.labels) + 1
        lines.append("  " + " " * width + "".join(f"{label:>{width}}" for label in ev.labels))
        for label, row in zip(ev.labels, ev.confusion, strict=True):
            lines.append(f"  {label:<{width}}" + "".join(f"{v:>{width}}" for v in row))
        if ev.ece is not None:
            lines.append(
                f"Calibration: the shown confidence is off by {ev.ece:.2f} on average (ECE); "
                "confidence bins (claims, mean confidence, right):"
            )
            lines.extend(_reliability_lines(ev))
        if ev.train_priors:
            balance = ", ".join(f"{label} {ev.train_priors.get(label, 0):.0%}" for label in ev.labels)
            lines.append(
                f"Suggestions assume every label equally likely in new text (training claims: {balance})."
            )
            if ev.macro_f1_unadjusted is not None:
                lines.append(f"  (macro-F1 with the training balance instead: {ev.macro_f1_unadjusted:.2f})")
        if ev.cv_macro_f1 is not None:
            lines.append(f"Cross-validated on the training articles: macro-F1 {ev.cv_macro_f1:.2f}")
        if ev.on_file is not None:
            lines.extend(_file_lines(ev.on_file))
        lines.extend(f"Note: {note.sentence()}" for note in self.notes)
        if self.suggestions:
            lines.append(f"Suggested labels for {self.suggestions} claim candidates.")
        if self.removed_suggestions:
            lines.append(
                f"No labels were suggested: the previous model's {self.removed_suggestions} suggestions "
                "were removed, as this model did not make them. Train with suggestions to have some."
            )
        return "\n".join(lines)


def _reliability_lines(ev: Evaluation) -> list[str]:
    """One line per confidence bin; "1 claim" in the singular (a small file's bins hold one)."""
    return [
        f"  {b.low:.0%}–{b.high:.0%}: {b.count:>4} {'claim' if b.count == 1 else 'claims'}, "
        f"{b.confidence:.0%} shown, {b.accuracy:.0%} right"
        for b in ev.reliability
    ]


def _file_lines(ev: Evaluation) -> list[str]:
    """The evaluation on the user's file, for `summary`: figure, recall per label, calibration."""
    recall = ", ".join(
        f"{label} {ev.per_label[label].recall:.2f} of {ev.per_label[label].support}" for label in ev.labels
    )
    lines = [
        f"Evaluated on a file: {ev.figure()}, accuracy {ev.accuracy:.2f}",
        f"  recall: {recall}",
    ]
    if ev.ece is not None:
        lines.append(
            f"  calibration error (ECE) {ev.ece:.2f}; confidence bins (claims, mean confidence, right):"
        )
        lines.extend(_reliability_lines(ev))
    return lines


def _read_eval_file(path: Path, labels: Sequence[str]) -> tuple[list[str], list[str]]:
    """The file's sentences and labels; refuses (file and line) a label the model will not know."""
    from annotator.formats.labelled import read_labelled

    rows = read_labelled(path)
    for row in rows:
        if row.label.value not in labels:
            raise InputFileError(
                path,
                f"a sentence is labelled {row.label.value}, which the project's claims never are, "
                "so the model cannot suggest it; leave those sentences out",
                line=row.line,
            )
    return [row.text for row in rows], [row.label.value for row in rows]


def _example_text(text: str, start: int, end: int, sentences: Sequence[tuple[int, int]]) -> str:
    """The claim in its sentence: the sentence alone when the claim is the sentence.

    Candidates (what suggestions are made for) are whole sentences, so a claim that
    is its sentence looks exactly like a candidate; a shorter claim is put before its
    sentence, so its own words weigh more than the rest of the sentence.
    """
    overlapping = [(s, e) for s, e in sentences if s < end and start < e]
    if overlapping:
        left = min(start, *(s for s, _ in overlapping))
        right = max(end, *(e for _, e in overlapping))
    else:
        left, right = sentence_around(text, start, end)
    claim_text = text[start:end].strip()
    context = text[left:right].strip()
    return context if claim_text == context else f"{claim_text}\n{context}"


Span = tuple[int, int, int]
"""(article id, start, end): one labelled passage, however many people labelled it."""


@dataclass(frozen=True)
class _Decided:
    """The label each passage trains with, from the claims on it (`_decide`)."""

    labels: dict[Span, ClaimLabel]  # in the order the claims were read
    ties: int
    shared: bool  # some passage has several claims


def _decide(claims: Iterable[tuple[int, int, int, str, ClaimLabel]]) -> _Decided:
    """One label per labelled span from (article id, start, end, annotator, label), each span's
    claims in the order they were made: the last gold label wins, otherwise the majority; a tie
    is left out.

    The one rule for both training and the check that says whether it can train.
    """
    labels: dict[Span, ClaimLabel] = {}
    first_annotator: dict[Span, str] = {}
    several: dict[Span, list[tuple[str, ClaimLabel]]] = {}  # only spans labelled more than once
    for article_id, start, end, annotator, label in claims:
        span = (article_id, start, end)
        if span not in labels:
            labels[span] = label
            first_annotator[span] = annotator
        elif span in several:
            several[span].append((annotator, label))
        else:
            several[span] = [(first_annotator[span], labels[span]), (annotator, label)]
    ties = 0
    for span, given in several.items():
        gold = [label for annotator, label in given if annotator == GOLD_ANNOTATOR]
        if gold:
            labels[span] = gold[-1]
            continue
        ranked = Counter(label for _, label in given).most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            ties += 1
            del labels[span]
            continue
        labels[span] = ranked[0][0]
    return _Decided(labels, ties, shared=bool(several))


def _collect(project: Project) -> tuple[list[TrainingExample], list[TrainingNote], _Decided]:
    from annotator.nlp.suggestions import TrainingExample

    decided = _decide((c.article_id, c.start, c.end, c.annotator, c.label) for c in project.iter_claims())
    by_article: dict[int, list[tuple[int, int, ClaimLabel]]] = defaultdict(list)
    for (article_id, start, end), label in decided.labels.items():
        by_article[article_id].append((start, end, label))
    examples: list[TrainingExample] = []
    for article_id in sorted(by_article):
        text = project.article(article_id).text
        sentences = [(c.start, c.end) for c in project.candidates(article_id)]
        for start, end, label in by_article[article_id]:
            examples.append(
                TrainingExample(
                    text=_example_text(text, start, end, sentences), label=label.value, group=article_id
                )
            )
    notes = [TrainingNote(NoteKind.TIES, count=decided.ties)] if decided.ties else []
    return examples, notes, decided


def collect_examples(project: Project) -> tuple[list[TrainingExample], list[str]]:
    """One example per labelled span (gold wins, else the majority), plus notes on what was left out."""
    examples, notes, _decided = _collect(project)
    return examples, [note.sentence() for note in notes]


def training_readiness(project: Project, options: TrainOptions | None = None) -> TrainingReadiness:
    """Whether `train_claim_model` would train on the project's labels now, and what they are.

    For the training dialog, which asks when it opens and after every edit: one read of the
    claims' labels and spans (`ProjectStore.claim_labels`), no texts, no classifier, no spaCy.
    Training refuses by the same function (`_readiness`), so the two cannot disagree.
    """
    decided = _decide(store_of(project).claim_labels())
    labelled = [(article_id, label.value) for (article_id, _, _), label in decided.labels.items()]
    return _readiness(labelled, options or TrainOptions(), shared=decided.shared)


def _readiness(
    labelled: Sequence[tuple[int, str]], options: TrainOptions, *, shared: bool
) -> TrainingReadiness:
    """The rules that let a project train, over one (article id, label) pair per passage.

    In the order a person meets them: enough of two labels, enough of every label in use,
    then whole articles to hold out. A class with *no* examples is one the project does
    not use and stops nothing (see the module's docstring).
    """
    counts = Counter(label for _, label in labelled)
    by_label = {label.value: counts[label.value] for label in ClaimLabel}
    articles = len({article_id for article_id, _ in labelled})
    least = options.min_per_class
    present = [label for label, n in by_label.items() if n > 0]
    short = tuple((label, least - by_label[label]) for label in present if by_label[label] < least)
    refusal: TrainingRefusal | None = None
    if len(present) < 2:
        kind = RefusalKind.SECOND_LABEL if present and not short else RefusalKind.TWO_LABELS
        refusal = TrainingRefusal(kind, least)
    elif short:
        refusal = TrainingRefusal(RefusalKind.LABELS_SHORT, least, short=short)
    elif articles < 2:
        refusal = TrainingRefusal(RefusalKind.ONE_ARTICLE, least)
    else:
        held = newest_held_out(labelled, held_out_fraction=options.held_out_fraction)
        trained_on = {label for article_id, label in labelled if article_id not in held}
        missing_in_train = tuple(sorted(set(present) - trained_on))
        if not held:
            # Every article holds so much of some label that holding it out would leave too
            # little of that label to learn from. A model with no held-out claims has no honest
            # figure: it would be stored and shown as "macro-F1 0.00 on 0 held-out claims".
            refusal = TrainingRefusal(RefusalKind.NONE_HELD_OUT, least, kept=1 - options.held_out_fraction)
        elif missing_in_train:
            refusal = TrainingRefusal(RefusalKind.ONLY_NEWEST, least, missing=missing_in_train)
    return TrainingReadiness(counts=by_label, articles=articles, refusal=refusal, shared=shared)


def _choose_labels(counts: Counter[str], min_per_class: int) -> tuple[list[str], list[TrainingNote]]:
    """The classes to train on (those with examples; `_readiness` has passed), and notes.

    A label left out is named with the number of claims that would bring it in: "will never
    suggest questionable" read as a limit of the tool, where twenty labels lift it.
    """
    present = [label.value for label in ClaimLabel if counts[label.value] > 0]
    notes = [
        TrainingNote(NoteKind.LABEL_UNUSED, count=min_per_class, label=label.value, labels=tuple(present))
        for label in ClaimLabel
        if counts[label.value] == 0
    ]
    return present, notes


def train_claim_model(
    project: Project,
    *,
    options: TrainOptions | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> TrainResult:
    """Train on the labelled claims, evaluate on the newest articles, store, and suggest.

    Nothing is written before training and evaluation have finished, so a
    cancel (`Cancelled`) or a failure leaves the project as it was.
    """
    import numpy as np

    from annotator.nlp.claim_classifier import describe_report
    from annotator.nlp.suggestions import evaluate_file, evaluate_held_out, fit_classifier, split_newest

    options = options or TrainOptions()
    examples, notes, decided = _collect(project)
    readiness = _readiness([(e.group, e.label) for e in examples], options, shared=decided.shared)
    if not readiness.ready:
        raise NotEnoughLabelsError(readiness.sentence(), readiness=readiness)
    counts = Counter(e.label for e in examples)
    labels, label_notes = _choose_labels(counts, options.min_per_class)
    notes.extend(label_notes)
    # Read and check the evaluation file before training, so a bad one costs nothing.
    eval_sample = _read_eval_file(options.eval_file, labels) if options.eval_file is not None else None
    # The same articles `_readiness` found to hold out, so there are some, and every label
    # has training claims.
    split = split_newest(examples, held_out_fraction=options.held_out_fraction)
    missing_in_eval = sorted(set(labels) - {e.label for e in split.held_out})
    if missing_in_eval:
        notes.append(TrainingNote(NoteKind.NOT_HELD_OUT, labels=tuple(missing_in_eval)))
    started = time.perf_counter()
    model = fit_classifier(
        [e.text for e in split.train],
        [e.label for e in split.train],
        [e.group for e in split.train],
        labels,
        c_grid=options.c_grid,
        progress=progress,
        cancel=cancel,
    )
    if progress is not None:
        progress(0, 0, TrainingStep(StepKind.EVALUATING_NEWEST))
    held = evaluate_held_out(model, split.held_out)
    on_file = None
    if eval_sample is not None and options.eval_file is not None:
        if progress is not None:
            progress(0, 0, TrainingStep(StepKind.EVALUATING_FILE, options.eval_file.name))
        on_file = evaluate_file(
            model, *eval_sample, source=display_path(options.eval_file.name)[:MAX_SOURCE_CHARS]
        )
    evaluation = dataclasses.replace(
        held,
        n_train=len(split.train),
        train_articles=len({e.group for e in split.train}),
        eval_articles=len({e.group for e in split.held_out}),
        on_file=on_file,
    )
    seconds = time.perf_counter() - started
    # The suggestions are worked out before anything is saved, and saved with the model in one
    # transaction: a cancel while suggesting once left the new model stored as the current one
    # beside the old model's suggestions, after the dialog had said that no model was saved.
    items = (
        _score_candidates(project, model, progress=progress, cancel=cancel, stopped=_TRAINING_CANCELLED)
        if options.suggest
        else None
    )
    if cancel is not None and cancel():
        raise Cancelled(_TRAINING_CANCELLED)
    store = store_of(project)
    with store.transaction():
        if items is not None:
            items = _scored_as_saved(project, model, items)
        record = save_model(
            store,
            labels=model.labels,
            architecture=model.architecture,
            spacy_version=f"numpy {np.__version__}",
            config=model.to_config(),
            weights=model.to_weights(),
            evaluation=evaluation.to_dict(),
            info={
                **describe_report(model.report),
                "train_seconds": round(seconds, 3),
                "label_counts": dict(counts),
                "held_out_fraction": options.held_out_fraction,
                "notes": [note.sentence() for note in notes],
            },
        )
        suggested = removed = 0
        if items is None:
            # From this commit on the new model is the current one, whose figure the panel shows
            # and whose suggestions new articles get; the old model's stayed beside it, shown as
            # if this model had made them. Keeping the old model current instead would throw away
            # the one just trained (or need a "current" mark the file does not have).
            removed = clear_suggestions(store)
        else:
            suggested = replace_suggestions(store, record.id, items)
    log.info(
        "trained %s: macro-F1 %.3f on %d held-out claims",
        record.name,
        evaluation.macro_f1,
        len(split.held_out),
    )
    return TrainResult(
        model=record,
        evaluation=evaluation,
        label_counts=dict(counts),
        notes=tuple(notes),
        train_seconds=seconds,
        suggestions=suggested,
        removed_suggestions=removed,
    )


_TRAINING_CANCELLED = "training cancelled; no model was saved"
_SUGGESTING_CANCELLED = "suggestions cancelled; nothing was saved"


def _score_candidates(
    project: Project,
    model: ClaimClassifier,
    *,
    progress: ProgressFn | None,
    cancel: CancelFn | None,
    stopped: str = _SUGGESTING_CANCELLED,
    article_ids: Sequence[int] | None = None,
) -> list[Suggestion]:
    """A suggestion for every candidate (of `article_ids`), assuming no label is more common than
    another; nothing is saved. Their `model_id` is 0: `replace_suggestions` stores the model's."""
    from annotator.nlp.suggestions import suggestion_priors

    priors = suggestion_priors(model)
    spans = all_candidates(store_of(project), article_ids)
    items: list[Suggestion] = []
    batch = 512
    for first in range(0, len(spans), batch):
        if cancel is not None and cancel():
            raise Cancelled(stopped)
        chunk = spans[first : first + batch]
        scores = model.predict([t.strip() for *_, t in chunk], priors=priors)
        for (article_id, start, end, _text), cats in zip(chunk, scores, strict=True):
            ranked = sorted(cats.items(), key=lambda kv: kv[1], reverse=True)
            best, p1 = ranked[0]
            p2 = ranked[1][1] if len(ranked) > 1 else 0.0
            items.append(
                Suggestion(
                    article_id=article_id,
                    start=start,
                    end=end,
                    label=ClaimLabel(best),
                    confidence=p1,
                    uncertainty=1.0 - (p1 - p2),  # margin: small gap between the top two = unsure
                    model_id=0,
                    scores={k: round(v, 4) for k, v in cats.items()},
                )
            )
        if progress is not None:
            progress(min(first + batch, len(spans)), len(spans), TrainingStep(StepKind.SUGGESTING))
    return items


def _scored_as_saved(
    project: Project, model: ClaimClassifier, items: Sequence[Suggestion]
) -> list[Suggestion]:
    """`items` with the articles whose candidates changed since they were scored scored again;
    called in the transaction that saves them, so nothing can change them meanwhile.

    A pre-annotation in another process (the window's, `annotator annotate`) that ended while
    training suggested had suggested for its articles with the old model: replacing every
    suggestion with those of the candidates read before it left its new candidates with none,
    and, analysed before this model was saved, no later refresh came back to them.
    """
    scored: defaultdict[int, set[tuple[int, int]]] = defaultdict(set)
    for item in items:
        scored[item.article_id].add((item.start, item.end))
    now: defaultdict[int, set[tuple[int, int]]] = defaultdict(set)
    for article_id, start, end in candidate_spans(store_of(project)):
        now[article_id].add((start, end))
    changed = sorted(a for a in scored.keys() | now.keys() if scored.get(a) != now.get(a))
    if not changed:
        return list(items)
    kept = [item for item in items if item.article_id not in changed]
    return kept + _score_candidates(project, model, progress=None, cancel=None, article_ids=changed)


def _suggest_with(
    project: Project,
    model_id: int,
    model: ClaimClassifier,
    *,
    progress: ProgressFn | None,
    cancel: CancelFn | None,
    article_ids: Sequence[int] | None = None,
) -> int:
    """Suggest for every candidate (of `article_ids`) with a stored model, and save the suggestions."""
    items = _score_candidates(project, model, progress=progress, cancel=cancel, article_ids=article_ids)
    return replace_suggestions(store_of(project), model_id, items, article_ids=article_ids)


def _load_latest(project: Project) -> tuple[ModelRecord, ClaimClassifier]:
    """The newest model, checked and rebuilt; `ModelFormatError` for one this version cannot use."""
    from annotator.nlp.claim_classifier import MAX_CONFIG_BYTES, MAX_WEIGHT_BYTES, unusable_model
    from annotator.nlp.suggestions import load_classifier

    record = latest_model(store_of(project))
    if record is None:
        raise NoModelError("No model has been trained in this project yet; train one first.")
    try:
        # Bounded by what a model this version trains can be, before a byte of it is read:
        # the window runs this on its own thread, and a project file may come from anyone.
        config, weights = model_payload(
            store_of(project), record.id, max_config_bytes=MAX_CONFIG_BYTES, max_weight_bytes=MAX_WEIGHT_BYTES
        )
    except StoredModelError as exc:
        raise unusable_model(exc.reason) from None
    return record, load_classifier(config, weights, architecture=record.architecture)


def suggest_labels(
    project: Project,
    *,
    article_ids: Sequence[int] | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> int:
    """Suggest labels with the newest model, for every candidate or only those of `article_ids`.

    With `article_ids`, only those articles' suggestions are replaced (newly imported or
    pre-annotated again); the rest of the project keeps its suggestions. A stored model
    that fails its checks raises `ModelFormatError` (one line) and suggests nothing.
    """
    record, model = _load_latest(project)
    return _suggest_with(project, record.id, model, progress=progress, cancel=cancel, article_ids=article_ids)


def refresh_suggestions(
    project: Project, article_ids: Sequence[int], *, progress: ProgressFn | None = None
) -> int:
    """After pre-annotation: suggest labels for these articles' new candidates, if there is a model.

    Returns how many candidates got a suggestion (0 without a model or articles). Not
    cancellable on purpose: it runs after a pre-annotation whose finished articles are
    kept even on cancel, and those must not keep stale or missing suggestions. The articles
    an earlier run pre-annotated and was ended before it suggested for get theirs too
    (`store.suggestions.articles_owing_suggestions`). A model that fails its checks turns
    suggestions off (one line in the log), never the import.
    """
    from annotator.nlp.suggestions import ModelFormatError

    model = latest_model(store_of(project))
    if model is None:
        return 0
    wanted = sorted({*article_ids, *articles_owing_suggestions(store_of(project), model.id)})
    if not wanted:
        return 0
    try:
        return suggest_labels(project, article_ids=wanted, progress=progress)
    except ModelFormatError as exc:
        log.warning("%s", exc)
        return 0


def model_problem(project: Project) -> str | None:
    """Why the newest stored model cannot be used (one line), or None when it can (or there is none)."""
    from annotator.nlp.suggestions import ModelFormatError

    if latest_model(store_of(project)) is None:
        return None
    try:
        _load_latest(project)
    except (ModelFormatError, NotFoundError) as exc:
        return str(exc)
    return None


def orphaned_suggestions(project: Project) -> bool:
    """Whether the project holds suggestions but no model to stand behind them.

    A project file from elsewhere whose newest model row fails its checks has that model
    treated as absent (`latest_model`), yet its suggestions stayed in their table: the window
    said "No model yet" beside them, outlined them and Enter accepted them.
    """
    return current_model(project) is None and has_suggestions(store_of(project))


def agreed_in_use(project: Project) -> tuple[int, int]:
    """(claims where the suggested label was the person's label, claims made where a model
    had a suggestion): the figure from real use, beside the held-out one."""
    checks = project.label_checks()
    return sum(suggested == label for suggested, _confidence, label in checks), len(checks)


def current_model(project: Project) -> tuple[ModelRecord, Evaluation] | None:
    """The newest model with weights and its held-out evaluation, for the dialog and the panel.

    An evaluation that does not read (a damaged or foreign project file) counts as no model.
    """
    record = latest_model(store_of(project))
    if record is None:
        return None
    try:
        return record, Evaluation.from_dict(record.evaluation)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        log.warning("the stored model's evaluation cannot be read: %s", exc)
        return None


def suggestion_queue(
    project: Project,
    *,
    order: Literal["text", "uncertainty"] = "text",
    unlabelled_only: bool = False,
    article_id: int | None = None,
) -> list[QueueItem]:
    """Candidates with suggestions; `uncertainty` order is "most useful first"."""
    return queue(store_of(project), order=order, unlabelled_only=unlabelled_only, article_id=article_id)


def suggestion_queue_rows(
    project: Project,
    *,
    order: Literal["text", "uncertainty"] = "text",
    unlabelled_only: bool = False,
) -> QueueRows:
    """`suggestion_queue` as columns (`QueueRows`): the whole project's, for the panel.

    Without the suggestions' scores (the panel shows label and confidence; Enter reads the
    candidate again): parsing them was a third of a large project's read.
    """
    return queue_rows(store_of(project), order=order, unlabelled_only=unlabelled_only, scores=False)


def candidate_at(project: Project, article_id: int, start: int, end: int) -> QueueItem | None:
    """The candidate at exactly this span, with its suggestion and any human label, or None.

    What J / K describe on every press: one indexed read, where the article's whole queue
    grew with the square of its length (0.3 s at 100,000 characters, a minute at 1 MB).
    """
    found = queue(store_of(project), article_id=article_id, span=(start, end))
    return found[0] if found else None


def article_suggestions(project: Project, article_id: int) -> list[Suggestion]:
    """One article's suggestions in text order, for the reading view on every article switch.

    One indexed-by-article read: unlike `suggestion_queue` it does not look up human
    labels per candidate (60 ms for 300 candidates), since the view already has the claims.
    """
    return suggestions(store_of(project), article_id)


def accept_suggestion(
    project: Project,
    item: QueueItem,
    *,
    annotator: str,
    label: ClaimLabel | str | None = None,
) -> Claim:
    """Turn a candidate into a person's claim: the suggested label, or `label` to override it.

    The window's Enter key, through the same rules (`services.labelling`): an ordinary
    undoable edit attributed to `annotator`, the first claim starts the article, and a
    candidate a person already labelled is refused. The suggestion row stays as it was, and
    is not recorded as shown beside the claim (`label_checks`): no person saw it.
    """
    shown = project.annotated(item.article_id)
    if label is not None:
        item = dataclasses.replace(item, suggestion=None)
        outcome = labelling.label_span(
            shown, ClaimLabel(label), selection=(item.start, item.end), caret=item.start, annotator=annotator
        )
    else:
        outcome = labelling.accept_suggestion(shown, item, annotator=annotator)
    if outcome.command is None:
        raise UserError(outcome.message or "This candidate is already labelled.")
    project.execute(outcome.command)
    # The person's own: another person may have labelled the same sentence (`own_claims`).
    mine = project.claims(item.article_id, annotator=annotator)
    return next(c for c in mine if (c.start, c.end) == (item.start, item.end))
