"""The claim classifier: TF-IDF words and characters, cues of opinion, logistic regression, calibration.

Why this model (measured in `benchmarks/bench_train.py`, written up in docs/DESIGN.md):
on NewsSD sentences from articles it never saw, a TF-IDF + logistic regression
model did as well as frozen sentence embeddings and far better than the spaCy
bag-of-words `textcat` it replaces, trains on 1,000 claims in seconds, suggests
for 1,000 candidates in a fraction of a second and needs nothing but numpy
(scikit-learn would do the same, but with SciPy it adds about 165 MB to the
installed app, more than the whole budget for this feature). Beside the words,
twenty cues the annotation guidelines name (rhetorical questions, exhortations,
intensifiers, evaluative words, the author's "I" and "we", reported speech and
quotation, numbers and names; `annotator.nlp.lang.en.subjectivity`) are read
from the text alone and feed a small model of their own: they do not depend on
the topic, and they raised the cross-validated macro-F1 on NewsSD's train.csv
from 0.718 to 0.731 (on val.csv, 0.544 to 0.553: within the interval).

Three steps make the shown percentage mean something on new text:
1. each model's `C` (the inverse L2 strength) is chosen by cross-validation over
   whole articles of the training data, inside every training run;
2. the out-of-fold scores of that cross-validation fit one weight per model and a
   per-class bias (Platt scaling for any number of classes, over both models), each
   example weighted so that every label counts as much as the others: "80%" is right
   about 80% of the time on articles the model did not see, when they hold every label
   equally often, which is what suggestions assume;
3. new text is rarely as balanced as the training sample (NewsSD's train set is
   one-third opinion, new articles about half): suggestions decide as if every
   label were equally common (`nlp.suggestions.suggestion_priors`; EM and BBSE
   re-estimation, kept here for the benchmark, ran away on new articles).

The model is stored as data, never as code: a JSON config (labels, vocabularies,
idf weights, calibration, priors) and the weights as raw little-endian float32.
A project file may come from anyone, so `load_classifier` checks format, sizes,
types and ranges of both before it builds anything; nothing is ever unpickled.
Standard library and numpy only: no spaCy, so suggestions load fast.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from annotator.core.errors import Cancelled, UserError
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.suggestions import StepKind, TrainingStep
from annotator.nlp.lang.en import subjectivity as cue_words

__all__ = [
    "ARCHITECTURE",
    "CUES",
    "FEATURES_VERSION",
    "ClaimClassifier",
    "ModelFormatError",
    "TrainingReport",
    "cue_values",
    "estimate_priors",
    "estimate_priors_bbse",
    "fit_classifier",
    "load_classifier",
    "unusable_model",
]

ARCHITECTURE = "annotator.tfidf-cues-logreg.v3"
FORMAT_VERSION = 3
WORDS_ONLY_ARCHITECTURE = "annotator.tfidf-logreg.v1"
"""The first version's models (words and characters, no cues): they still load and suggest."""
TRAIN_BALANCE_ARCHITECTURE = "annotator.tfidf-cues-logreg.v2"
"""The second version's models (cues, calibrated for the training balance): they still load and suggest."""
_VERSIONS = {ARCHITECTURE: FORMAT_VERSION, TRAIN_BALANCE_ARCHITECTURE: 2, WORDS_ONLY_ARCHITECTURE: 1}
FEATURES_VERSION = 1
"""Which features a model was trained on: what the "features" section below and the word lists it
reads (`lang/en/subjectivity.py`, `lang/en/lexicons.py`) make of a text. A model records it and
one of another version is refused ("train again"): its weights mean nothing for other features,
and it would score silently unlike its stored evaluation. A number, not a hash of the source as
`RULES_VERSION` is: a model travels in the project file between installs, and a frozen build has
no source to hash. `tests/nlp/test_model_checks.py` hashes that source and fails until this
number is raised when it changes. Models stored before it was recorded were all trained on
version 1's features (unchanged since the first classifier, the word lists since the cues came)."""
C_GRID = (1.0, 3.0, 10.0)
"""Inverse L2 strengths tried by cross-validation (on NewsSD's train.csv, 0.3 was worse and 30 no better)."""
CUE_C_GRID = (0.01, 0.1, 1.0)
"""The same for the cue model (twenty features: all three did about as well on NewsSD)."""
FOLDS = 5

# Limits a stored model must respect (a model trained on 100,000 claims stays far below them);
# anything larger is refused before it is read, so a hostile file cannot exhaust memory.
MAX_CONFIG_BYTES = 64 * 1024 * 1024
MAX_FEATURES = 1_000_000
MAX_FEATURE_CHARS = 200
MAX_LABELS = 3
MAX_CUE_NUMBER = 1e6

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


class ModelFormatError(UserError):
    """A stored model that is not one this version wrote: suggestions stay off until it is retrained."""


# ===================================================================== features
# Everything that turns a text into the model's inputs lives in this section: a change here changes
# FEATURES_VERSION (a test hashes this section).

_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("’", "'")


def word_features(text: str) -> list[str]:
    """Word unigrams and bigrams (punctuation kept: '!' and '?' say something about opinion)."""
    words = _WORD.findall(_normalise(text))
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def char_features(text: str) -> list[str]:
    """Character 2- to 5-grams inside each word padded with spaces (scikit-learn's `char_wb`)."""
    out: list[str] = []
    for word in _normalise(text).split():
        padded = f" {word} "
        for n in range(2, 6):
            if n > len(padded):
                break
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


CUES = (
    "first_person",
    "second_person",
    "exhortation",
    "speculation",
    "degree",
    "negation",
    "reporting",
    "superlative",
    "subjective_word",
    "strong_sentiment",
    "ly_adverb",
    "digits",
    "capitalised_inside",
    "question",
    "exclamation",
    "full_quotation",
    "double_quotes",
    "scare_quotes",
    "log_length",
    "first_person_feeling",
)
"""The cues, in the order of the model's columns; a stored model must name exactly these."""

_SCARE_QUOTE = re.compile(r"[‘'][^‘’']{1,40}[’']")
_SENTENCE_OPENERS = frozenset(".!?“\"‘'")


def cue_values(text: str) -> list[float]:
    """The twenty cues of `CUES` for one text: log(1 + count), the length as log(words).

    Read from the text alone, with word lists from `lang.en.subjectivity`: names and
    numbers are seen as capitalised words inside the sentence and digits, not spaCy
    entities, so that suggesting needs no pipeline (spaCy's parse of 1,000 sentences
    takes longer than the whole suggestion budget).
    """
    raw = _WORD.findall(unicodedata.normalize("NFKC", text))
    tokens = [t.lower().replace("’", "'") for t in raw]
    words = [t for t in tokens if t[0].isalnum()]
    subjective, strong = cue_words.SUBJECTIVE_WORDS, cue_words.STRONG_SENTIMENT_WORDS
    counts = dict.fromkeys(CUES, 0)
    for i, w in enumerate(tokens):
        counts["first_person"] += w in cue_words.FIRST_PERSON
        counts["second_person"] += w in cue_words.SECOND_PERSON
        counts["exhortation"] += w in cue_words.EXHORTATION
        counts["speculation"] += w in cue_words.SPECULATION
        counts["degree"] += w in cue_words.DEGREE
        counts["negation"] += w in cue_words.NEGATION or w.endswith("n't")
        counts["reporting"] += w in cue_words.REPORTING
        counts["superlative"] += w in cue_words.SUPERLATIVE_WORDS or (
            len(w) >= 6 and w.endswith(cue_words.SUPERLATIVE_SUFFIX) and w.isalpha()
        )
        counts["subjective_word"] += w in subjective
        counts["strong_sentiment"] += w in strong
        counts["ly_adverb"] += len(w) > 4 and w.endswith("ly")
        counts["digits"] += any(c.isdigit() for c in w)
        counts["capitalised_inside"] += i > 0 and raw[i][:1].isupper() and raw[i - 1] not in _SENTENCE_OPENERS
        counts["first_person_feeling"] += (
            w == "i" and i + 1 < len(tokens) and tokens[i + 1] in cue_words.FEELING
        )
    stripped = text.strip()
    counts["question"] = int(stripped.endswith(("?", "?”", '?"')))
    counts["exclamation"] = stripped.count("!")
    counts["full_quotation"] = int(stripped[:1] in '“"' or stripped[-1:] in '”"')
    counts["double_quotes"] = sum(stripped.count(q) for q in '“”"')
    counts["scare_quotes"] = 0 if stripped[:1] in "‘'" else len(_SCARE_QUOTE.findall(stripped))
    counts["first_person_feeling"] = min(counts["first_person_feeling"], 1)
    values = [math.log1p(counts[name]) for name in CUES]
    values[CUES.index("log_length")] = math.log(max(1, len(words)))
    return values


@dataclass(frozen=True)
class _CueModel:
    """A logistic regression on the standardised cues, whose logits the calibration adds to the words'.

    A model of its own rather than twenty more columns beside 30,000 TF-IDF ones: with
    its own regularisation (chosen by cross-validation) and its own weight in the
    calibration, the cues counted; as columns of the word model they changed nothing
    (docs/DESIGN.md).
    """

    mean: FloatArray
    sd: FloatArray
    weights: FloatArray  # (cues + 1) x classes; last row the intercept
    scale: float  # the calibration's weight on these logits

    def logits(self, values: FloatArray) -> FloatArray:
        return _logits(_standardised(values, self.mean, self.sd), self.weights)


def _cue_matrix(texts: Sequence[str] | Sequence[Features]) -> FloatArray:
    rows = [cue_values(t) if isinstance(t, str) else t[2] for t in texts]
    return np.array(rows, dtype=np.float64).reshape(-1, len(CUES))


def _standardised(values: FloatArray, mean: FloatArray, sd: FloatArray) -> _Csr:
    """(values - mean) / sd as a (dense) `_Csr`, so the one logistic regression serves both models."""
    dense = (values - mean) / sd
    n, d = dense.shape
    return _Csr(
        (n, d),
        np.arange(0, n * d + 1, d, dtype=np.int64),
        np.tile(np.arange(d, dtype=np.int64), n),
        dense.ravel(),
    )


def _centre_and_spread(values: FloatArray) -> tuple[FloatArray, FloatArray]:
    sd = values.std(axis=0)
    sd[sd < 1e-6] = 1.0  # a cue never seen in training: centred, never amplified
    out: tuple[FloatArray, FloatArray] = (values.mean(axis=0), sd)
    return out


@dataclass(frozen=True)
class _Block:
    """One TF-IDF block: vocabulary and idf weights, rows L2-normalised on their own."""

    vocab: dict[str, int]
    idf: FloatArray

    @classmethod
    def fit(cls, docs: Sequence[list[str]], *, min_df: int) -> _Block:
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(set(doc))
        terms = sorted(t for t, c in df.items() if c >= min_df)
        n = len(docs)
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float64)
        return cls({t: i for i, t in enumerate(terms)}, idf)


@dataclass(frozen=True)
class _Csr:
    """A sparse matrix in CSR form; `rows` repeats each row index once per stored value."""

    shape: tuple[int, int]
    indptr: IntArray
    indices: IntArray
    data: FloatArray
    rows: IntArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        rows = np.repeat(np.arange(self.shape[0], dtype=np.int64), np.diff(self.indptr))
        object.__setattr__(self, "rows", rows)

    def take_rows(self, which: IntArray) -> _Csr:
        starts, ends = self.indptr[which], self.indptr[which + 1]
        lengths = ends - starts
        parts = [np.arange(s, e) for s, e in zip(starts, ends, strict=True)]
        pick = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        return _Csr((len(which), self.shape[1]), indptr, self.indices[pick], self.data[pick])

    def dot(self, weights: FloatArray) -> FloatArray:
        """X @ W for a dense (features x classes) W."""
        out = np.zeros((self.shape[0], weights.shape[1]))
        rows = self.rows
        for k in range(weights.shape[1]):
            out[:, k] = np.bincount(rows, self.data * weights[self.indices, k], minlength=self.shape[0])
        return out

    def tdot(self, g: FloatArray) -> FloatArray:
        """X.T @ G for a dense (rows x classes) G."""
        out = np.zeros((self.shape[1], g.shape[1]))
        rows = self.rows
        for k in range(g.shape[1]):
            out[:, k] = np.bincount(self.indices, self.data * g[rows, k], minlength=self.shape[1])
        return out


Features = tuple[list[str], list[str], list[float]]


def _features(texts: Sequence[str]) -> list[Features]:
    return [(word_features(t), char_features(t), cue_values(t)) for t in texts]


def _vectorise(blocks: Sequence[_Block], texts: Sequence[str] | Sequence[Features]) -> _Csr:
    """Sublinear TF-IDF per block (1 + log tf), each block L2-normalised, blocks side by side."""
    offsets = np.cumsum([0, *(len(b.vocab) for b in blocks)])
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for item in texts:
        features = _features([item])[0] if isinstance(item, str) else item
        for block, terms, offset in zip(blocks, features[:2], offsets, strict=False):
            counts = Counter(i for t in terms if (i := block.vocab.get(t)) is not None)
            if not counts:
                continue
            ids = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
            values = tf * block.idf[ids]
            values /= np.sqrt(np.multiply(values, values).sum())  # no BLAS: see _dot
            indices.extend((ids + int(offset)).tolist())
            data.extend(values.tolist())
        indptr.append(len(indices))
    return _Csr(
        (len(texts), int(offsets[-1])),
        np.asarray(indptr, dtype=np.int64),
        np.asarray(indices, dtype=np.int64),
        np.asarray(data, dtype=np.float64),
    )


def _fit_blocks(features: Sequence[Features]) -> list[_Block]:
    # Characters seen once are mostly names of this article; words seen once still count
    # (a rare evaluative word is what generalises).
    return [
        _Block.fit([words for words, _, _ in features], min_df=1),
        _Block.fit([chars for _, chars, _ in features], min_df=2),
    ]


# ===================================================================== optimisation


def _softmax(z: FloatArray) -> FloatArray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: FloatArray = e / e.sum(axis=1, keepdims=True)
    return out


def _dot(a: FloatArray, b: FloatArray) -> float:
    """a . b without BLAS: on a busy machine OpenBLAS's threads made each of these 40x slower."""
    return float(np.multiply(a, b).sum())


def _lbfgs(
    fun: Callable[[FloatArray], tuple[float, FloatArray]],
    x0: FloatArray,
    *,
    max_iter: int = 300,
    tol: float = 1e-5,
    memory: int = 10,
) -> FloatArray:
    """Minimise a smooth convex function: L-BFGS with a backtracking (Armijo) line search.

    Hand-written because SciPy (whose `minimize` this mirrors) is over 100 MB installed;
    the problems here are convex, so this simple form converges reliably.
    """
    x = x0.copy()
    f, g = fun(x)
    s_list: list[FloatArray] = []
    y_list: list[FloatArray] = []
    for _ in range(max_iter):
        if float(np.abs(g).max()) < tol:
            break
        q = g.copy()
        alphas = []
        for s, y in zip(reversed(s_list), reversed(y_list), strict=True):
            a = _dot(s, q) / _dot(y, s)
            alphas.append(a)
            q -= a * y
        if s_list:
            q *= _dot(s_list[-1], y_list[-1]) / _dot(y_list[-1], y_list[-1])
        for (s, y), a in zip(zip(s_list, y_list, strict=True), reversed(alphas), strict=True):
            b = _dot(y, q) / _dot(y, s)
            q += s * (a - b)
        direction = -q
        slope = _dot(g, direction)
        if slope >= 0:  # not a descent direction (numerical trouble): restart from the gradient
            s_list.clear()
            y_list.clear()
            direction, slope = -g, -_dot(g, g)
        step = 1.0
        while True:
            x_new = x + step * direction
            f_new, g_new = fun(x_new)
            if f_new <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s, y = x_new - x, g_new - g
        # Differences of near-equal numbers can be subnormal, and arithmetic on subnormal
        # floats is a hundred times slower on x86: flush them (they carry no information).
        s[np.abs(s) < 1e-200] = 0.0
        y[np.abs(y) < 1e-200] = 0.0
        if _dot(s, y) > 1e-12:
            s_list.append(s)
            y_list.append(y)
            if len(s_list) > memory:
                s_list.pop(0)
                y_list.pop(0)
        converged = abs(f - f_new) <= tol * max(1.0, abs(f))
        x, f, g = x_new, f_new, g_new
        if converged:
            break
    return x


def _fit_logreg(
    x: _Csr,
    y: IntArray,
    n_classes: int,
    c: float,
    *,
    start: FloatArray | None = None,
    sample_weights: FloatArray | None = None,
) -> FloatArray:
    """Multinomial logistic regression, C * sum of log-losses + |W|^2 / 2 (scikit-learn's form).

    Returns the (features + 1) x classes matrix whose last row is the unpenalised intercept.
    `sample_weights` scale each example's log-loss (scikit-learn's `sample_weight`), so an
    example the trainer is less sure of (a pseudo-label) can count for less than a real
    label; all ones, or None, is the unweighted fit to the last bit.
    """
    d = x.shape[1]
    onehot = np.eye(n_classes)[y]
    if sample_weights is not None:
        onehot = onehot * sample_weights[:, None]
    row_weight = onehot.sum(axis=1, keepdims=True)  # 1.0 exactly where unweighted

    def fun(flat: FloatArray) -> tuple[float, FloatArray]:
        w = flat.reshape(d + 1, n_classes)
        z = x.dot(w[:d]) + w[d]
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -c * float((onehot * log_p).sum()) + 0.5 * float((w[:d] ** 2).sum())
        err = c * (np.exp(log_p) * row_weight - onehot)
        grad = np.vstack([x.tdot(err) + w[:d], err.sum(axis=0)])
        return loss, grad.ravel()

    x0 = start.ravel() if start is not None else np.zeros((d + 1) * n_classes)
    return _lbfgs(fun, x0).reshape(d + 1, n_classes)


def _logits(x: _Csr, w: FloatArray) -> FloatArray:
    d = x.shape[1]
    out: FloatArray = x.dot(w[:d]) + w[d]
    return out


def _fit_calibration(
    zs: Sequence[FloatArray], y: IntArray, sample_weights: FloatArray | None = None
) -> tuple[FloatArray, FloatArray]:
    """Weights a_m and per-class bias b for softmax(sum_m a_m * z_m + b), by (weighted) maximum likelihood.

    With one model this is Platt scaling for K classes (a temperature and a bias); with
    the word model and the cue model it also decides how much each one counts, on
    out-of-fold scores, so the combination is calibrated as a whole. `sample_weights`
    reweight the examples, e.g. to the balance of labels the probabilities are meant for.
    """
    k = zs[0].shape[1]
    m = len(zs)
    onehot = np.eye(k)[y] * (1.0 if sample_weights is None else sample_weights[:, None])

    def fun(p: FloatArray) -> tuple[float, FloatArray]:
        a, b = p[:m], p[m:]
        s = sum((a[i] * zs[i] for i in range(m)), start=np.zeros_like(zs[0])) + b
        s = s - s.max(axis=1, keepdims=True)
        log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        err = np.exp(log_p) * onehot.sum(axis=1, keepdims=True) - onehot
        # A tiny pull towards (1, 0) keeps the fit finite when the classes separate perfectly.
        loss = -float((onehot * log_p).sum()) + 1e-3 * (float(((a - 1) ** 2).sum()) + float((b**2).sum()))
        grad_a = [float((err * zs[i]).sum()) + 2e-3 * (a[i] - 1) for i in range(m)]
        return loss, np.concatenate([grad_a, err.sum(axis=0) + 2e-3 * b])

    p = _lbfgs(fun, np.concatenate([np.ones(m), np.zeros(k)]))
    return p[:m], p[m:]


def estimate_priors(
    posteriors: FloatArray, train_priors: FloatArray, *, max_iter: int = 200, floor: float = 0.02
) -> FloatArray:
    """Class priors of an unlabelled set by EM (Saerens et al. 2002), from calibrated posteriors.

    The posteriors must be calibrated for the training priors; each step re-weights them by
    new/old prior and takes the mean. `floor` keeps every class possible: a project whose
    candidates look all-factual still gets opinion suggestions where the text says so.
    """
    priors = train_priors.copy()
    if len(posteriors) == 0:
        return priors
    for _ in range(max_iter):
        adjusted = _adjust(posteriors, train_priors, priors)
        clipped = np.clip(adjusted.mean(axis=0), floor, None)
        new: FloatArray = clipped / clipped.sum()
        if float(np.abs(new - priors).max()) < 1e-6:
            return new
        priors = new
    return priors


def estimate_priors_bbse(
    suggested: IntArray, confusion: FloatArray, train_priors: FloatArray, *, floor: float = 0.02
) -> FloatArray:
    """Class priors of an unlabelled set from how often each label is suggested (BBSE).

    Black-box shift estimation (Lipton, Wang & Smola 2018): the share of texts given
    label j is sum_i P(j | true i) * prior_i, with P(j | i) measured out of fold at
    training time; solving that linear system undoes the classifier's own bias, where
    EM trusts its posteriors and can run away when they are off on new text.
    """
    k = len(train_priors)
    if len(suggested) == 0:
        return train_priors.copy()
    observed = np.bincount(suggested, minlength=k) / len(suggested)
    try:
        priors = np.linalg.solve(confusion.T, observed)
    except np.linalg.LinAlgError:
        return train_priors.copy()
    if not np.isfinite(priors).all():
        return train_priors.copy()
    priors = np.clip(priors, floor, None)
    out: FloatArray = priors / priors.sum()
    return out


def _adjust(posteriors: FloatArray, old: FloatArray, new: FloatArray) -> FloatArray:
    q = posteriors * (new / old)
    out: FloatArray = q / q.sum(axis=1, keepdims=True)
    return out


def _macro_f1(gold: IntArray, predicted: IntArray, n_classes: int) -> float:
    scores = []
    for k in range(n_classes):
        tp = int(((predicted == k) & (gold == k)).sum())
        fp = int(((predicted == k) & (gold != k)).sum())
        fn = int(((predicted != k) & (gold == k)).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / n_classes


def _shares(y: IntArray, weight: FloatArray, n_classes: int) -> FloatArray:
    """Each label's share of the (weighted) examples; with all-one weights exactly count / n."""
    counts = np.bincount(y, weights=weight, minlength=n_classes)
    out: FloatArray = counts / counts.sum()
    return out


def _folds(groups: Sequence[int], n_folds: int) -> list[IntArray]:
    """Whole groups (articles) per fold, largest first into the smallest fold (like GroupKFold)."""
    sizes = Counter(groups)
    order = sorted(sizes, key=lambda g: (-sizes[g], g))
    fold_of: dict[int, int] = {}
    totals = [0] * n_folds
    for g in order:
        k = totals.index(min(totals))
        fold_of[g] = k
        totals[k] += sizes[g]
    which = np.array([fold_of[g] for g in groups])
    return [np.flatnonzero(which == k) for k in range(n_folds)]


# ===================================================================== the model


@dataclass(frozen=True)
class TrainingReport:
    """How a model was chosen: what the trainer tried by cross-validation, for the stored info."""

    c: float
    cv_macro_f1: dict[str, float]
    folds: int
    seconds: float
    cue_c: float | None = None
    cue_scale: float | None = None
    cv_macro_f1_combined: float | None = None
    cv_macro_f1_balanced: float | None = None
    """The calibrated model's out-of-fold macro-F1 deciding as suggestions do (every class equally likely)."""


@dataclass(frozen=True)
class ClaimClassifier:
    """A trained classifier: turns texts into calibrated class probabilities."""

    labels: tuple[str, ...]
    blocks: tuple[_Block, ...]
    weights: FloatArray  # (features + 1) x classes; last row the intercept
    scale: float
    bias: FloatArray
    train_priors: FloatArray
    confusion: FloatArray  # P(suggested j | true i), out of fold: what prior estimation corrects for
    cues: _CueModel | None = None  # None: a first-version model, words and characters only
    calibrated_for: FloatArray | None = None
    """The balance of labels the calibrated scores assume (None: the training balance, as
    models before the third version were calibrated)."""
    report: TrainingReport | None = field(default=None, compare=False)

    def probabilities(self, texts: Sequence[str], *, priors: FloatArray | None = None) -> FloatArray:
        """Calibrated P(label | text) for a balance of labels: `priors`, or the training balance."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        # Each text read once: the words' vectors and the cues from the same features (the
        # cues were read again for the cue model, a third of the time suggesting took).
        features = _features(texts)
        z = self.scale * _logits(_vectorise(self.blocks, features), self.weights) + self.bias
        if self.cues is not None:
            z += self.cues.scale * self.cues.logits(_cue_matrix(features))
        p = _softmax(z)
        calibrated_for = self.train_priors if self.calibrated_for is None else self.calibrated_for
        target = self.train_priors if priors is None else priors
        return p if np.array_equal(calibrated_for, target) else _adjust(p, calibrated_for, target)

    def predict(self, texts: Sequence[str], *, priors: FloatArray | None = None) -> list[dict[str, float]]:
        """Probabilities as {label: p} per text (they sum to 1)."""
        p = self.probabilities(texts, priors=priors)
        return [dict(zip(self.labels, map(float, row), strict=True)) for row in p]

    # ----------------------------------------------------------------- storage

    @property
    def architecture(self) -> str:
        """What to store beside the model: an older version's model keeps its own name."""
        if self.cues is None:
            return WORDS_ONLY_ARCHITECTURE
        return TRAIN_BALANCE_ARCHITECTURE if self.calibrated_for is None else ARCHITECTURE

    def to_config(self) -> str:
        """Everything but the weights, as JSON text."""
        data: dict[str, Any] = {
            "format": self.architecture,
            "version": _VERSIONS[self.architecture],
            "labels": list(self.labels),
            "vocabularies": [sorted(b.vocab, key=b.vocab.__getitem__) for b in self.blocks],
            "idf": [b.idf.tolist() for b in self.blocks],
            "scale": self.scale,
            "bias": self.bias.tolist(),
            "train_priors": self.train_priors.tolist(),
            "confusion": self.confusion.tolist(),
            "features": FEATURES_VERSION,
        }
        if self.cues is not None:
            data["cues"] = {
                "names": list(CUES),
                "mean": self.cues.mean.tolist(),
                "sd": self.cues.sd.tolist(),
                "scale": self.cues.scale,
            }
        if self.architecture == ARCHITECTURE and self.calibrated_for is not None:
            data["calibrated_for"] = self.calibrated_for.tolist()
        return json.dumps(data, ensure_ascii=False)

    def to_weights(self) -> bytes:
        """The word model's weight matrix, then the cue model's, as little-endian float32, row-major."""
        out = self.weights.astype("<f4").tobytes()
        if self.cues is not None:
            out += self.cues.weights.astype("<f4").tobytes()
        return out


def fit_classifier(
    texts: Sequence[str],
    labels: Sequence[str],
    groups: Sequence[int],
    label_set: Sequence[str],
    *,
    c_grid: Iterable[float] = C_GRID,
    cue_c_grid: Iterable[float] = CUE_C_GRID,
    use_cues: bool = True,
    n_folds: int = FOLDS,
    sample_weights: Sequence[float] | None = None,
    calibrate_on: Sequence[bool] | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ClaimClassifier:
    """Train on `texts`: choose both Cs and fit the calibration by cross-validation over `groups`.

    Two models, the words' (TF-IDF) and the cues', each with its C chosen by the
    out-of-fold macro-F1; their out-of-fold logits then fit one calibration, which
    weighs them (`use_cues=False`: the words alone, the first version's model, kept
    for comparison). Deterministic: no randomness anywhere (folds come from the group
    sizes). `cancel` is polled between fits and raises `Cancelled`.

    `sample_weights` (positive; None: all 1, the product's fit) say how much each text
    counts in the fits and in the training balance, and `calibrate_on` (None: every text)
    which texts' out-of-fold scores the calibration is fitted on: both so that texts
    labelled by a model rather than a person (self-training, `bench_train.py`) can count
    for less and stay out of the calibration their own confidence would skew.
    """
    started = time.perf_counter()
    label_set = tuple(label_set)
    index = {label: i for i, label in enumerate(label_set)}
    y = np.array([index[label] for label in labels], dtype=np.int64)
    k = len(label_set)
    weight = np.ones(len(y)) if sample_weights is None else np.asarray(sample_weights, dtype=np.float64)
    calibrated = np.ones(len(y), dtype=bool) if calibrate_on is None else np.asarray(calibrate_on, dtype=bool)
    if weight.shape != y.shape or not (np.isfinite(weight) & (weight > 0)).all():
        raise ValueError("sample_weights must be one positive number a text")
    if calibrated.shape != y.shape or set(y[calibrated].tolist()) != set(y.tolist()):
        raise ValueError("calibrate_on must be one flag a text and keep a text of every label")
    grid = tuple(c_grid)
    cue_grid = tuple(cue_c_grid) if use_cues else ()
    n_folds = max(2, min(n_folds, len(set(groups))))
    folds = _folds(groups, n_folds)
    features = _features(texts)
    cue_table = _cue_matrix(features)
    total = n_folds * (len(grid) + 1) + 1
    done = 0

    def step(message: TrainingStep) -> None:
        nonlocal done
        if cancel is not None and cancel():
            raise Cancelled("training cancelled; no model was saved")
        done += 1
        if progress is not None:
            progress(done, total, message)

    out_of_fold = {c: np.zeros((len(texts), k)) for c in grid}
    cue_out_of_fold = {c: np.zeros((len(texts), k)) for c in cue_grid}
    for f, test in enumerate(folds):
        train = np.setdiff1d(np.arange(len(texts)), test)
        blocks = _fit_blocks([features[i] for i in train])
        x_all = _vectorise(blocks, features)
        x_train, x_test = x_all.take_rows(train), x_all.take_rows(test)
        w = None
        for c in sorted(grid):  # warm start: each C starts from the last solution
            step(TrainingStep(StepKind.FOLD, f + 1, n_folds, c))
            w = _fit_logreg(x_train, y[train], k, c, start=w, sample_weights=weight[train])
            out_of_fold[c][test] = _logits(x_test, w)
        step(TrainingStep(StepKind.FOLD_CUES, f + 1, n_folds))
        if not use_cues:
            continue
        mean, sd = _centre_and_spread(cue_table[train])
        cue_train = _standardised(cue_table[train], mean, sd)
        cue_test = _standardised(cue_table[test], mean, sd)
        w = None
        for c in sorted(cue_grid):
            w = _fit_logreg(cue_train, y[train], k, c, start=w, sample_weights=weight[train])
            cue_out_of_fold[c][test] = _logits(cue_test, w)
    cv_f1 = {c: _macro_f1(y, out_of_fold[c].argmax(axis=1), k) for c in grid}
    best = max(grid, key=lambda c: (round(cv_f1[c], 6), -c))  # ties: the stronger regularisation
    train_priors = _shares(y, weight, k)
    # Calibrated for every label equally common, the balance suggestions assume: each
    # example weighs 1 / (k * its label's share), rather than calibrating for the training
    # balance and shifting afterwards. On NewsSD's train.csv (cross-fitted ECE reweighted
    # to that balance) 0.019 against 0.032 over the trainer's folds, 0.029 against 0.026
    # over contiguous fifths: a tie within noise, kept because it fits what is used
    # (docs/DESIGN.md).
    yc, wc = y[calibrated], weight[calibrated]
    balance_weights = (1.0 / (k * _shares(yc, wc, k)))[yc] * wc
    if use_cues:
        cue_f1 = {c: _macro_f1(y, cue_out_of_fold[c].argmax(axis=1), k) for c in cue_grid}
        best_cue = max(cue_grid, key=lambda c: (round(cue_f1[c], 6), -c))
        (scale, cue_scale), bias = _fit_calibration(
            [out_of_fold[best][calibrated], cue_out_of_fold[best_cue][calibrated]], yc, balance_weights
        )
        combined = scale * out_of_fold[best] + cue_scale * cue_out_of_fold[best_cue] + bias
    else:
        (scale,), bias = _fit_calibration([out_of_fold[best][calibrated]], yc, balance_weights)
        combined = scale * out_of_fold[best] + bias
    balanced = combined.argmax(axis=1)
    suggested = (combined + np.log(train_priors)).argmax(axis=1)  # deciding with the training balance
    confusion = np.zeros((k, k))
    np.add.at(confusion, (y, suggested), 1.0)
    confusion /= confusion.sum(axis=1, keepdims=True)
    step(TrainingStep(StepKind.FINAL_FIT, best))
    blocks = _fit_blocks(features)
    weights = _fit_logreg(_vectorise(blocks, features), y, k, best, sample_weights=weight)
    weights = weights.astype("<f4").astype(np.float64)  # what is stored: suggest the same as the store would
    cues = None
    if use_cues:
        mean, sd = _centre_and_spread(cue_table)
        cue_weights = _fit_logreg(_standardised(cue_table, mean, sd), y, k, best_cue, sample_weights=weight)
        cues = _CueModel(mean, sd, cue_weights.astype("<f4").astype(np.float64), float(cue_scale))
    return ClaimClassifier(
        labels=label_set,
        blocks=tuple(blocks),
        weights=weights,
        scale=max(float(scale), 1e-3),
        bias=bias,
        train_priors=train_priors,
        confusion=confusion,
        cues=cues,
        calibrated_for=np.full(k, 1.0 / k),
        report=TrainingReport(
            c=best,
            cv_macro_f1={f"{c:g}": round(v, 4) for c, v in cv_f1.items()},
            folds=n_folds,
            seconds=time.perf_counter() - started,
            cue_c=best_cue if use_cues else None,
            cue_scale=float(cue_scale) if use_cues else None,
            cv_macro_f1_combined=round(_macro_f1(y, suggested, k), 4),
            cv_macro_f1_balanced=round(_macro_f1(y, balanced, k), 4),
        ),
    )


# ===================================================================== loading, checked


MAX_WEIGHT_BYTES = (MAX_FEATURES + 1 + len(CUES) + 1) * MAX_LABELS * 4
"""The most weight bytes `load_classifier` can accept (every vocabulary entry, the bias and the
cue model's rows, for three labels, as float32): a stored blob longer than this is refused
unread."""


def unusable_model(reason: str) -> ModelFormatError:
    """The one-line error for a stored model that cannot be used, `reason` in brackets.

    Public so that a refusal made before the model is read (its size, in the store) says
    the same as one made while it is checked.
    """
    return ModelFormatError(
        f"The suggestion model stored in this project cannot be used ({reason}); "
        "suggestions are off until you train again."
    )


def _float_list(value: Any, name: str, length: int) -> FloatArray:
    if not isinstance(value, list) or len(value) != length:
        raise unusable_model(f"{name} is not a list of {length} numbers")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        raise unusable_model(f"{name} holds something that is not a number")
    out = np.asarray(value, dtype=np.float64)
    if not np.isfinite(out).all():
        raise unusable_model(f"{name} holds a number that is not finite")
    return out


def _load_cues(value: Any) -> tuple[FloatArray, FloatArray, float]:
    """The cue model's centres, spreads and calibration weight, for exactly the cues this version reads."""
    if not isinstance(value, dict) or set(value) != {"names", "mean", "sd", "scale"}:
        raise unusable_model("its cues do not have the expected fields")
    if value["names"] != list(CUES):
        raise unusable_model("its cues are not the ones this version reads")
    mean = _float_list(value["mean"], "its cue centres", len(CUES))
    sd = _float_list(value["sd"], "its cue spreads", len(CUES))
    if (np.abs(mean) > MAX_CUE_NUMBER).any():
        raise unusable_model("a cue centre is out of range")
    if (sd < 1e-6).any() or (sd > MAX_CUE_NUMBER).any():
        raise unusable_model("a cue spread is out of range")
    scale = value["scale"]
    if not isinstance(scale, int | float) or isinstance(scale, bool) or not -1e3 < scale < 1e3:
        raise unusable_model("its cue weight is out of range")
    return mean, sd, float(scale)


def _check_features(version: Any) -> None:
    """Refuse a model trained on other features than this version computes (see `FEATURES_VERSION`)."""
    if not isinstance(version, int) or isinstance(version, bool):
        raise unusable_model("its features version is not a number")
    if version < FEATURES_VERSION:
        raise unusable_model("it was trained with an older version of annotator")
    if version > FEATURES_VERSION:
        raise unusable_model("it was trained with a newer version of annotator; update annotator")


def load_classifier(config: str | bytes, weights: bytes, *, architecture: str) -> ClaimClassifier:
    """Rebuild a stored classifier, checking everything first; raises `ModelFormatError`.

    The checks come before any array is built: the architecture, the JSON's size and
    exact keys, the features it was trained on (`FEATURES_VERSION`; a model stored before
    they were recorded is one of version 1), the labels, every vocabulary entry's type and
    length, the cues (exactly this version's, with finite centres and positive scales),
    numbers finite and in range, the balance the calibration assumes (probabilities), and
    the weight bytes exactly as long as the vocabularies and cues say. Models of the first version
    (`WORDS_ONLY_ARCHITECTURE`: no cues) and the second (`TRAIN_BALANCE_ARCHITECTURE`:
    calibrated for the training balance) load too.
    """
    if architecture not in _VERSIONS:
        raise unusable_model(f"it was made by another version ({architecture[:60]!r})")
    if isinstance(config, bytes):
        if len(config) > MAX_CONFIG_BYTES:
            raise unusable_model("its settings are too large")
        try:
            config = config.decode("utf-8")
        except UnicodeDecodeError:
            raise unusable_model("its settings are not text") from None
    if len(config) > MAX_CONFIG_BYTES:
        raise unusable_model("its settings are too large")
    try:
        data = json.loads(config)
    except (ValueError, RecursionError):
        raise unusable_model("its settings are not valid JSON") from None
    expected = {
        "format",
        "version",
        "labels",
        "vocabularies",
        "idf",
        "scale",
        "bias",
        "train_priors",
        "confusion",
    }
    with_cues = architecture != WORDS_ONLY_ARCHITECTURE
    if with_cues:
        expected.add("cues")
    if architecture == ARCHITECTURE:
        expected.add("calibrated_for")
    if not isinstance(data, dict) or set(data) - {"features"} != expected:
        raise unusable_model("its settings do not have the expected fields")
    if data["format"] != architecture or data["version"] != _VERSIONS[architecture]:
        raise unusable_model("its settings are of another format")
    _check_features(data.get("features", 1))
    labels = data["labels"]
    allowed = {"factual", "opinion", "questionable"}
    if (
        not isinstance(labels, list)
        or not 2 <= len(labels) <= MAX_LABELS
        or not all(isinstance(label, str) and label in allowed for label in labels)
        or len(set(labels)) != len(labels)
    ):
        raise unusable_model("its labels are not two or three of factual, opinion, questionable")
    k = len(labels)
    vocabularies = data["vocabularies"]
    if not isinstance(vocabularies, list) or len(vocabularies) != 2:
        raise unusable_model("it does not have the two vocabularies expected")
    if not isinstance(data["idf"], list) or len(data["idf"]) != 2:
        raise unusable_model("it does not have the two idf tables expected")
    n_features = sum(len(v) if isinstance(v, list) else 0 for v in vocabularies)
    if n_features > MAX_FEATURES:
        raise unusable_model(f"it has more than {MAX_FEATURES} features")
    blocks = []
    for vocab, idf in zip(vocabularies, data["idf"], strict=True):
        if not isinstance(vocab, list) or not all(
            isinstance(t, str) and 0 < len(t) <= MAX_FEATURE_CHARS for t in vocab
        ):
            raise unusable_model("a vocabulary holds something that is not a short text")
        if len(set(vocab)) != len(vocab):
            raise unusable_model("a vocabulary repeats an entry")
        idf_array = _float_list(idf, "an idf table", len(vocab))
        if (idf_array < 1.0).any() or (idf_array > 100.0).any():
            raise unusable_model("an idf weight is out of range")
        blocks.append(_Block({t: i for i, t in enumerate(vocab)}, idf_array))
    scale = data["scale"]
    if not isinstance(scale, int | float) or isinstance(scale, bool) or not 0 < scale < 1e3:
        raise unusable_model("its calibration scale is out of range")
    bias = _float_list(data["bias"], "its calibration bias", k)
    priors = _float_list(data["train_priors"], "its class priors", k)
    if (priors <= 0).any() or abs(float(priors.sum()) - 1.0) > 1e-6:
        raise unusable_model("its class priors are not probabilities")
    calibrated_for = None
    if "calibrated_for" in expected:
        calibrated_for = _float_list(data["calibrated_for"], "its calibration balance", k)
        if (calibrated_for <= 0).any() or abs(float(calibrated_for.sum()) - 1.0) > 1e-6:
            raise unusable_model("its calibration balance is not probabilities")
    rows = data["confusion"]
    if not isinstance(rows, list) or len(rows) != k:
        raise unusable_model("its confusion table is not square")
    confusion = np.vstack([_float_list(row, "its confusion table", k) for row in rows])
    if (confusion < 0).any() or (np.abs(confusion.sum(axis=1) - 1.0) > 1e-6).any():
        raise unusable_model("its confusion table does not hold probabilities")
    cue_settings = _load_cues(data["cues"]) if with_cues else None
    n_cue_rows = len(CUES) + 1 if with_cues else 0
    if not isinstance(weights, bytes | bytearray | memoryview):
        raise unusable_model("its weights are not bytes")
    size = (n_features + 1 + n_cue_rows) * k * 4
    if len(weights) != size:
        raise unusable_model(f"its weights have {len(weights)} bytes where {size} were expected")
    everything = np.frombuffer(bytes(weights), dtype="<f4").astype(np.float64)
    if not np.isfinite(everything).all():
        raise unusable_model("a weight is not a finite number")
    everything = everything.reshape(n_features + 1 + n_cue_rows, k)
    matrix = everything[: n_features + 1]
    cues = None
    if cue_settings is not None:
        mean, sd, cue_scale = cue_settings
        cues = _CueModel(mean, sd, everything[n_features + 1 :], cue_scale)
    return ClaimClassifier(
        labels=tuple(labels),
        blocks=tuple(blocks),
        cues=cues,
        weights=matrix,
        scale=float(scale),
        bias=bias,
        train_priors=priors,
        confusion=confusion,
        calibrated_for=calibrated_for,
    )


def describe_report(report: TrainingReport | None) -> Mapping[str, Any]:
    """The model-selection facts worth keeping with the model (JSON-ready)."""
    if report is None:
        return {}
    out: dict[str, Any] = {
        "C": report.c,
        "cv_macro_f1_by_C": report.cv_macro_f1,
        "cv_folds": report.folds,
        "fit_seconds": round(report.seconds, 3),
    }
    if report.cue_c is not None:
        out["cue_C"] = report.cue_c
        out["cue_weight"] = round(report.cue_scale or 0.0, 4)
        out["cv_macro_f1_with_cues"] = report.cv_macro_f1_combined
    if report.cv_macro_f1_balanced is not None:
        out["cv_macro_f1_as_suggested"] = report.cv_macro_f1_balanced
    return out
