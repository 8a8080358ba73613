"""Does the recogniser's own confidence tell right ORGs from wrong ones? (issue 14, fourth pass)

    .venv/bin/python benchmarks/beam_orgs.py [--widths 4 8 16] [--dump rows.json]

Tuning batches only (`data/tune_entities.jsonl`); never the evaluation set. For every PERSON, ORG
and GPE the pipeline shows after the known-organisation ruler and the entity fixes (the
withholding component switched off), two confidences from the pipeline's own weights:

- **beam**: spaCy's `EntityRecognizer.beam_parse` at each width, the probability mass of the
  same span with the same type (`scored_ents`), on the whole document and, at width 16, on each
  sentence alone. The beam is given what the recogniser was given: the tokenizer's tokens, the
  ruler's entities as presets and the parser's sentence starts. (Given the finished document, the
  presets force every parse to keep its entities: mass 1.0 for all.)
- **greedy**: the lowest softmax probability of the recogniser's own moves over the entity's
  tokens (`annotator.nlp.confidence.org_confidence`, what the pipeline ships), sentence by sentence.

Entities the ruler or the fixes made (or re-cut) have no confidence of their own and are kept.
Prints who made the wrong ORGs, how well each confidence ranks right above wrong (ROC AUC), the
trade-off of withholding below a threshold per mention and per name (all model-made mentions of
one name in one article share their mean or max), the threshold chosen leaving each article
out, and what relabelling a span to the type the beam prefers would do.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from spacy.language import Language
from spacy.tokens import Doc

from annotator.core.name_extent import name_extent
from annotator.nlp import load_pipeline
from annotator.nlp.confidence import SCORER, WITHHOLDER, org_confidence
from annotator.nlp.entities import RULER
from benchmarks.eval_entities import DATA, _prf, _strip_the, score

TYPES = ("ORG", "PERSON", "GPE")
RAW = "beam_orgs_raw"
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99)
Row = dict[str, Any]


@Language.component("beam_orgs_record_raw")
def _record_raw(doc: Doc) -> Doc:
    doc.user_data[RAW] = {(e.start, e.end, e.label_) for e in doc.ents}
    return doc


def as_given(ruled: Doc, doc: Doc, start: int = 0, end: int | None = None) -> Doc:
    """Tokens start:end as the recogniser saw them: the ruler's entities and the parser's sentence
    starts (an entity never crosses one; a beam without them explores sentence-long entities)."""
    part = ruled[start : len(ruled) if end is None else end].as_doc()
    for i, token in enumerate(part):
        token.is_sent_start = doc[start + i].is_sent_start if i else True
    return part


def collect(
    widths: list[int], density: float, timing: Counter[str]
) -> tuple[list[Row], list[dict[str, Any]]]:
    records = [json.loads(line) for line in (DATA / "tune_entities.jsonl").read_text("utf-8").splitlines()]
    nlp = load_pipeline(None).nlp
    if "beam_orgs_record_raw" not in nlp.pipe_names:
        nlp.add_pipe("beam_orgs_record_raw", after="ner")
    ner: Any = nlp.get_pipe("ner")
    ruler: Any = nlp.get_pipe(RULER)
    rows: list[Row] = []
    for ri, record in enumerate(records):
        text = record["text"]
        with nlp.select_pipes(disable=[SCORER, WITHHOLDER]):
            t0 = time.process_time()
            doc = nlp(text)
            timing["pipeline"] += time.process_time() - t0
        raw = doc.user_data.pop(RAW)
        ruled = ruler(nlp.make_doc(text))
        preset = {(e.start, e.end, e.label_) for e in ruled.ents}
        whole = as_given(ruled, doc)
        beam: dict[int, dict[tuple[int, int, str], float]] = {}
        for width in widths:
            t0 = time.process_time()
            beam[width] = dict(
                ner.scored_ents(ner.beam_parse([whole], beam_width=width, beam_density=density))[0]
            )
            timing[f"beam {width}, whole documents"] += time.process_time() - t0
        t0 = time.process_time()
        sents = [s for s in doc.sents if any(e.label_ in TYPES for e in s.ents)]
        parts = [as_given(ruled, doc, s.start, s.end) for s in sents]
        by_sentence: dict[tuple[int, int, str], float] = {}
        for s, scored in zip(
            sents, ner.scored_ents(ner.beam_parse(parts, beam_width=16, beam_density=density)), strict=True
        ):
            by_sentence.update({(a + s.start, b + s.start, lab): m for (a, b, lab), m in scored.items()})
        timing["beam 16, sentences with an entity"] += time.process_time() - t0
        t0 = time.process_time()
        with nlp.select_pipes(disable=[SCORER, WITHHOLDER, "annotator_entity_fixes"]):
            greedy = org_confidence(nlp(text), ner, ruler, labels=frozenset(TYPES))
        timing["greedy (with a second pipeline run)"] += time.process_time() - t0
        for e in doc.ents:
            if e.label_ not in TYPES:
                continue
            key = (e.start, e.end, e.label_)
            start, end = name_extent(text, e.start_char, e.end_char)
            c: Counter[str] = Counter()
            score(record, [(start, end, e.label_)], c, [])
            rows.append(
                {
                    "record": ri,
                    "batch": record.get("batch", 1),
                    "start": start,
                    "end": end,
                    "label": e.label_,
                    "name": " ".join(t.text for t in e),
                    "source": "ruler" if key in preset else "model" if key in raw else "fixes",
                    "scored": c[f"pred {e.label_}"] > 0,
                    "right": c[f"tp {e.label_}"] > 0,
                    **{f"beam{w}": beam[w].get(key, 0.0) for w in widths},
                    "beam16 sentence": by_sentence.get(key, 0.0),
                    "greedy": greedy.get(key, 1.0),
                    "others16": {
                        lab: m
                        for (a, b, lab), m in beam.get(16, {}).items()
                        if (a, b) == (e.start, e.end) and lab != e.label_
                    },
                }
            )
        print(f"{ri + 1}/{len(records)}", file=sys.stderr, end="\r")
    return rows, records


def auc(right: list[float], wrong: list[float]) -> float:
    """How often a right entity scores above a wrong one (ties count half)."""
    if not right or not wrong:
        return float("nan")
    wins = sum(1.0 if r > w else 0.5 if r == w else 0.0 for r in right for w in wrong)
    return wins / (len(right) * len(wrong))


def per_row(rows: list[Row], key: str, agg: str | None) -> Callable[[Row], float]:
    """The score a row is judged by: its own, or its name's mean or max; 2.0 (always kept) for
    entities the ruler or the fixes made."""
    if agg is None:
        return lambda r: r[key] if r["source"] == "model" else 2.0
    groups: dict[tuple[int, str], list[float]] = defaultdict(list)
    for r in rows:
        if r["source"] == "model":
            groups[(r["record"], r["name"])].append(r[key])
    pick = max if agg == "max" else (lambda v: sum(v) / len(v))
    names = {k: pick(v) for k, v in groups.items()}
    return lambda r: names[(r["record"], r["name"])] if r["source"] == "model" else 2.0


def counts(
    rows: list[Row], gold: dict[int, int], judge: Callable[[Row], float], t: float, recs: Iterable[int]
) -> tuple[int, int, int]:
    recs = set(recs)
    kept = [r for r in rows if r["scored"] and r["record"] in recs and judge(r) >= t]
    return sum(r["right"] for r in kept), len(kept), sum(gold[i] for i in recs)


def tradeoff(rows: list[Row], gold: dict[int, int], recs: list[int], key: str, agg: str | None) -> list[str]:
    judge = per_row(rows, key, agg)
    lines = []
    for t in THRESHOLDS:
        tp, npred, ngold = counts(rows, gold, judge, t, recs)
        p, r, f = _prf(tp, npred, ngold)
        held = [x for x in rows if x["scored"] and x["record"] in recs and judge(x) < t]
        wrong = sum(not x["right"] for x in held)
        lines.append(
            f"  {t:<5} P {p:.3f} R {r:.3f} F1 {f:.3f}   {tp} / {npred} / {ngold}   "
            f"withheld {wrong} wrong, {len(held) - wrong} right"
        )
    return lines


def leave_one_article_out(rows: list[Row], gold: dict[int, int], key: str, agg: str | None) -> str:
    """The threshold with the best ORG F1 on the other articles, applied to each article in turn."""
    judge = per_row(rows, key, agg)
    articles = sorted(gold)
    grid = [0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9]
    tp = npred = ngold = 0
    chosen: Counter[float] = Counter()
    for held in articles:
        others = [a for a in articles if a != held]
        best = max(grid, key=lambda t: (_prf(*counts(rows, gold, judge, t, others))[2], -t))
        chosen[best] += 1
        a, b, c = counts(rows, gold, judge, best, [held])
        tp, npred, ngold = tp + a, npred + b, ngold + c
    p, r, f = _prf(tp, npred, ngold)
    p0, r0, f0 = _prf(*counts(rows, gold, judge, 0.0, articles))
    return (
        f"  {key}, {agg or 'per mention'}: P {p0:.3f} -> {p:.3f}, R {r0:.3f} -> {r:.3f}, "
        f"F1 {f0:.3f} -> {f:.3f}; thresholds chosen {dict(sorted(chosen.items()))}"
    )


def report(rows: list[Row], records: list[dict[str, Any]], widths: list[int]) -> list[str]:
    lines: list[str] = []
    keys = [f"beam{w}" for w in widths] + ["beam16 sentence", "greedy"]
    batches = {
        "all": list(range(len(records))),
        "1-3": [i for i, r in enumerate(records) if r.get("batch", 1) < 4],
    }
    lines.append("ORG predictions by who made them (right / wrong):")
    for name, recs in batches.items():
        c = Counter(
            (r["source"], r["right"])
            for r in rows
            if r["label"] == "ORG" and r["scored"] and r["record"] in recs
        )
        made = ", ".join(f"{s} {c[(s, True)]} / {c[(s, False)]}" for s in ("model", "fixes", "ruler"))
        lines.append(f"  batches {name}: {made}")
    model = [r for r in rows if r["source"] == "model" and r["scored"]]
    if 16 in widths:
        far = sum(abs(r["beam16 sentence"] - r["beam16"]) > 0.05 for r in model)
        lines.append(
            f"beam 16, sentence alone vs whole document: {far} of {len(model)} model-made mentions "
            "differ by > 0.05"
        )
    lines.append("ROC AUC, right above wrong, model-made mentions (batches all / 1-3):")
    for label in TYPES:
        for key in keys:
            vals = []
            for recs in batches.values():
                sel = [r for r in model if r["label"] == label and r["record"] in recs]
                vals.append(auc([r[key] for r in sel if r["right"]], [r[key] for r in sel if not r["right"]]))
            lines.append(f"  {label:<7} {key:<16} {vals[0]:.3f} / {vals[1]:.3f}")
    for label in TYPES:
        typed = [r for r in rows if r["label"] == label]
        gold = {i: sum(1 for e in rec["entities"] if e["label"] == label) for i, rec in enumerate(records)}
        for key in keys if label == "ORG" else ["beam16", "greedy"]:
            for agg in (None, "mean", "max") if label == "ORG" else (None, "mean"):
                for name, recs in batches.items():
                    lines.append(f"== {label}, {key}, {agg or 'per mention'}, batches {name}")
                    lines += tradeoff(typed, gold, recs, key, agg)
        if label == "ORG":
            lines.append("ORG, threshold chosen leaving each article out (all batches):")
            for key in ("beam4", "beam16", "greedy"):
                if key in keys:
                    for agg in (None, "mean", "max"):
                        lines.append(leave_one_article_out(typed, gold, key, agg))
    if 16 in widths:
        lines.append("Relabelling a model-made span to the type the beam (16) prefers over its own:")
        gold_type = {
            (i, _strip_the(rec["text"], e["start"], e["end"]), e["end"]): e["label"]
            for i, rec in enumerate(records)
            for e in rec["entities"]
        }
        c: Counter[str] = Counter()
        for r in model:
            other = max(r["others16"].items(), key=lambda kv: kv[1], default=None)
            if other is None or other[1] <= r["beam16"]:
                continue
            truth = gold_type.get(
                (r["record"], _strip_the(records[r["record"]]["text"], r["start"], r["end"]), r["end"])
            )
            outcome = (
                "was right" if r["right"] else "right after" if truth == other[0] else "wrong either way"
            )
            c[f"{r['label']} -> {other[0]}: {outcome}"] += 1
        lines += [f"  {k}: {v}" for k, v in sorted(c.items())] or ["  none"]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--widths", type=int, nargs="+", default=[4, 8, 16])
    parser.add_argument("--density", type=float, default=0.0001)
    parser.add_argument("--dump", type=Path, default=None)
    args = parser.parse_args()
    timing: Counter[str] = Counter()
    rows, records = collect(args.widths, args.density, timing)
    if args.dump:
        args.dump.write_text(json.dumps(rows), encoding="utf-8")
    print("\n".join(report(rows, records, args.widths)))
    print("CPU seconds on the tuning batches: " + ", ".join(f"{k} {v:.1f}" for k, v in timing.items()))


if __name__ == "__main__":
    main()
