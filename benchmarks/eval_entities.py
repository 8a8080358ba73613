"""Entity precision, recall and F1 per type against the hand-labelled entity gold.

    .venv/bin/python benchmarks/eval_entities.py [--pipeline NAME]... [--split eval|tuned]
                                                 [--show-errors]

Gold: benchmarks/data/eval_entities.jsonl (split "eval": 27 Wikinews articles of 2020 labelled
before any pipeline ran on them, never tuned on; see data/EVAL_SETS.md) and, when present,
data/tune_entities.jsonl (split "tuned": articles the entity rules are written against).
Only name types are scored (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW,
LANGUAGE); dates, numbers and amounts are neither labelled nor scored, and a prediction that
overlaps a span the labels mark as ambiguous is skipped. A leading "the" is ignored on both
sides. An entity is right when start, end and type all match ("exact"); "span" figures ignore the
type. Entities come from the same code path as pre-annotation (`analyse_texts`), so rules that
filter or add entities after the model count.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.nlp import analyse_texts, load_pipeline

DATA = Path(__file__).parent / "data"
NAME_TYPES = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)
FILES = {"eval": "eval_entities.jsonl", "tuned": "tune_entities.jsonl"}


def _strip_the(text: str, start: int, end: int) -> int:
    for article in ("the ", "The "):
        if text.startswith(article, start) and start + len(article) < end:
            return start + len(article)
    return start


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    record: dict[str, Any], predicted: list[tuple[int, int, str]], c: Counter[str], errors: list[str]
) -> None:
    text: str = record["text"]
    where = record["source_index"]
    ignored = [tuple(span) for span in record["ignored"]]
    gold = {(_strip_the(text, e["start"], e["end"]), e["end"], e["label"]) for e in record["entities"]}
    pred = set()
    for start, end, label in predicted:
        if label not in NAME_TYPES or any(s < end and start < e for s, e in ignored):
            continue
        pred.add((_strip_the(text, start, end), end, label))
    gold_spans = {(s, e) for s, e, _ in gold}
    pred_spans = {(s, e) for s, e, _ in pred}
    for s, e, label in gold:
        c[f"gold {label}"] += 1
        c["gold"] += 1
        if (s, e, label) in pred:
            c[f"tp {label}"] += 1
            c["tp"] += 1
        else:
            other = [p for p in pred if p[0] == s and p[1] == e]
            why = f"typed {other[0][2]}" if other else "missed"
            errors.append(f"[{where}] {why}: {text[s:e]!r} {label}")
    for s, e, label in pred:
        c[f"pred {label}"] += 1
        c["pred"] += 1
        if (s, e, label) not in gold and not any(g[0] == s and g[1] == e for g in gold):
            errors.append(f"[{where}] spurious: {text[s:e]!r} {label}")
    c["span_tp"] += len(gold_spans & pred_spans)
    c["span_gold"] += len(gold_spans)
    c["span_pred"] += len(pred_spans)


def report(c: Counter[str]) -> list[str]:
    lines = [f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6}   tp / predicted / gold"]
    for label in NAME_TYPES:
        if not (c[f"gold {label}"] or c[f"pred {label}"]):
            continue
        p, r, f = _prf(c[f"tp {label}"], c[f"pred {label}"], c[f"gold {label}"])
        lines.append(
            f"{label:<12} {p:>6.3f} {r:>6.3f} {f:>6.3f}   "
            f"{c[f'tp {label}']} / {c[f'pred {label}']} / {c[f'gold {label}']}"
        )
    p, r, f = _prf(c["tp"], c["pred"], c["gold"])
    lines.append(f"{'all (exact)':<12} {p:>6.3f} {r:>6.3f} {f:>6.3f}   {c['tp']} / {c['pred']} / {c['gold']}")
    p, r, f = _prf(c["span_tp"], c["span_pred"], c["span_gold"])
    lines.append(
        f"{'all (span)':<12} {p:>6.3f} {r:>6.3f} {f:>6.3f}   "
        f"{c['span_tp']} / {c['span_pred']} / {c['span_gold']}"
    )
    return lines


def evaluate(pipeline_name: str | None, split: str, *, show_errors: bool) -> list[str]:
    path = DATA / FILES[split]
    if not path.exists():
        return [f"(no {path.name})"]
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pipeline = load_pipeline(pipeline_name)
    lines = []
    if pipeline.warning:
        lines.append(f"warning: {pipeline.warning}")
    ntypes = sum(len(r["entities"]) for r in records)
    lines.append(
        f"== {split}: pipeline {pipeline.info.name} {pipeline.info.version}; "
        f"{len(records)} articles, {ntypes} gold entities"
    )
    c: Counter[str] = Counter()
    by_batch: dict[int, Counter[str]] = {}
    errors: list[str] = []
    analyses = analyse_texts([r["text"] for r in records], pipeline=pipeline)
    for record, analysis in zip(records, analyses, strict=True):
        predicted = [(e.start, e.end, e.label) for e in analysis.entities]
        one: Counter[str] = Counter()
        score(record, predicted, one, errors)
        c.update(one)
        by_batch.setdefault(record.get("batch", 1), Counter()).update(one)
    if len(by_batch) > 1:
        # A later batch was labelled before the rules changed for it: out of sample until tuned on.
        for batch, counts in sorted(by_batch.items()):
            lines.append(f"-- {split}, batch {batch}")
            lines += report(counts)
        lines.append(f"-- {split}, all")
    lines += report(c)
    if show_errors:
        lines += errors
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pipeline", action="append", help="default: the default pipeline")
    parser.add_argument("--split", action="append", choices=tuple(FILES), help="default: both")
    parser.add_argument("--show-errors", action="store_true", help="list misses (tuned split only)")
    args = parser.parse_args()
    for name in args.pipeline or [None]:
        for split in args.split or tuple(FILES):
            print("\n".join(evaluate(name, split, show_errors=args.show_errors and split == "tuned")))


if __name__ == "__main__":
    main()
