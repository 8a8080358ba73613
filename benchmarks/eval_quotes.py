"""Precision and recall of quotation spans and speakers on the hand-labelled gold file.

    .venv/bin/python benchmarks/eval_quotes.py [--pipeline NAME] [--show-errors]

Gold: benchmarks/data/quotes_gold.jsonl: Wikinews (CC BY 2.5; quotes_gold_labels.txt and, held out,
quotes_heldout_labels.txt) and
Global Voices (CC BY 3.0, text as the app's HTML reader extracts it; quotes_gold_gv_labels.txt).
Figures are given per split, and within a split per source and overall. Split "tuned" is the
set the rules were written against (its figures are in-sample); split "heldout" (Wikinews,
quotes_heldout_labels.txt) was labelled before the rules were run on it and is never used to
tune them, so it is the honest estimate. The sources differ in typography (straight vs curly
quotes, guillemets) and layout (inline quotes vs multi-paragraph block quotes).
A span is correct when start and end match exactly (marks included); "overlap" figures
count any overlap. A speaker is correct when its span overlaps the gold mention or its
last name word equals the gold's (so "Duda" for "Andrzej Duda" counts): grouping by
speaker is what the annotator needs. Speakers are scored on gold direct quotations.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.model import Quote
from annotator.nlp import analyse_texts, load_pipeline
from annotator.nlp.speakers import normalise_name

GOLD = Path(__file__).parent / "data" / "quotes_gold.jsonl"


def _surname(name: str) -> str:
    words = normalise_name(name).split()
    return words[-1].lower() if words else ""


def _prf(tp: int, npred: int, ngold: int) -> str:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp}, predicted={npred}, gold={ngold})"


def _score(record: dict[str, Any], pred: list[Quote], c: Counter[str], errors: list[str]) -> None:
    text: str = record["text"]
    gold: list[dict[str, Any]] = record["quotes"]
    where = record["source_index"]
    c["npred"] += len(pred)
    c["ngold"] += len(gold)
    by_span = {(q.start, q.end): q for q in pred}
    for g in gold:
        if any(q.start < g["end"] and g["start"] < q.end for q in pred):
            c["overlap"] += 1
        q = by_span.get((g["start"], g["end"]))
        if q is None:
            errors.append(f"[{where}] missed {g['text'][:70]!r}")
            continue
        c["exact"] += 1
        c["kind_ok"] += q.kind.value == g["kind"]
        if g["kind"] != "direct":
            continue
        gs = g["speaker"]
        if gs is not None:
            c["sp_gold"] += 1
        if q.speaker is not None:
            c["sp_pred"] += 1
        if gs is not None and q.speaker is not None:
            hit = (q.speaker.start < gs["end"] and gs["start"] < q.speaker.end) or _surname(
                q.speaker.name
            ) == _surname(gs["text"])
            c["sp_tp"] += hit
            if not hit:
                errors.append(f"[{where}] speaker {q.speaker.name!r} != {gs['text']!r}")
        elif gs is not None:
            errors.append(f"[{where}] no speaker for {g['text'][:50]!r} ({gs['text']})")
        elif q.speaker is not None:
            errors.append(f"[{where}] speaker {q.speaker.name!r} for unattributed {g['text'][:50]!r}")
    gold_spans = {(g["start"], g["end"]) for g in gold}
    for q in pred:
        if (q.start, q.end) not in gold_spans:
            errors.append(f"[{where}] spurious {text[q.start : q.end][:70]!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pipeline", default=None)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    pipeline = load_pipeline(args.pipeline)
    if pipeline.warning:
        print("warning:", pipeline.warning)
    print(f"pipeline {pipeline.info.name} {pipeline.info.version}; {len(records)} articles")
    counts: dict[tuple[str, str], Counter[str]] = {}
    errors: list[str] = []
    for record, analysis in zip(
        records, analyse_texts([r["text"] for r in records], pipeline=pipeline), strict=True
    ):
        key = (record.get("split", "tuned"), record.get("source", "wikinews"))
        _score(record, list(analysis.quotes), counts.setdefault(key, Counter()), errors)
    sections: list[tuple[str, Counter[str]]] = []
    for split in sorted({k[0] for k in counts}, key=lambda s: s != "tuned"):
        total: Counter[str] = Counter()
        for (sp, source), c in sorted(counts.items()):
            if sp == split:
                total.update(c)
                sections.append((f"{split} / {source}", c))
        sections.append((f"{split} / overall", total))
    for name, c in sections:
        print(f"== {name}")
        print("quotation spans, exact:  ", _prf(c["exact"], c["npred"], c["ngold"]))
        overlap = f"R={c['overlap'] / max(1, c['ngold']):.3f} ({c['overlap']}/{c['ngold']})"
        print("quotation spans, overlap:", overlap)
        print(
            "kind (direct/scare) accuracy on exact matches: "
            f"{c['kind_ok'] / max(1, c['exact']):.3f} ({c['kind_ok']}/{c['exact']})"
        )
        print("speakers on matched direct quotations:", _prf(c["sp_tp"], c["sp_pred"], c["sp_gold"]))
    if args.show_errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
