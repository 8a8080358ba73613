"""What carrying people's entity decisions to the next articles saves (`core.entity_decisions`).

    .venv/bin/python benchmarks/bench_decisions.py [--split eval|tuned]... [--topic WORD]

A simulated annotator works through a split's articles in file order, as a team works through
a project. On each article it sees the pre-annotation (the same code path as the app's,
`analyse_texts`), accepts every suggestion the gold labels hold (start, end and type), rejects
every other, and adds every gold entity not suggested. Its decisions so far are what the next
article's pre-annotation carries (`apply_decisions`), exactly as `ProjectStore.save_analyses`
applies them. The baseline is the same annotator with nothing carried.

Printed per split: wrong suggestions shown (each a rejection), gold entities missed (each an
addition), suggestions right, and the precision, recall and F1 per type of what was shown
(`eval_entities.report`); then the time `apply_decisions` took against the pipeline's own.

Nothing here is tuned: the one rule (a name with a type is left out once people rejected it and
never accepted it; a name people added is suggested where nothing covers it) was fixed before
this was run. The simulated annotator is perfect and consistent, so the figures bound what a
real team saves from above; a team that disagrees with itself about a name gets it suggested
again, by design.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.entity_decisions import EntityDecisions, apply_decisions, entity_name, judged_mentions
from annotator.core.model import Entity
from annotator.nlp import analyse_texts, load_pipeline
from benchmarks.eval_entities import DATA, FILES, NAME_TYPES, _strip_the, report, score


def _gold(record: dict[str, Any]) -> dict[tuple[int, int, str], tuple[int, int]]:
    """Gold entities keyed as `eval_entities.score` compares them, with their own spans."""
    text = record["text"]
    return {
        (_strip_the(text, e["start"], e["end"]), e["end"], e["label"]): (e["start"], e["end"])
        for e in record["entities"]
    }


def simulate(
    records: list[dict[str, Any]], found: list[tuple[Entity, ...]], *, carry: bool
) -> tuple[Counter[str], float]:
    mentions: list[tuple[str, str, str]] = []
    shown_counts: Counter[str] = Counter()
    c: Counter[str] = Counter()
    spent = 0.0
    for record, entities in zip(records, found, strict=True):
        text = record["text"]
        ignored = [tuple(span) for span in record["ignored"]]
        names = [
            e
            for e in entities
            if e.label in NAME_TYPES and not any(s < e.end and e.start < t for s, t in ignored)
        ]
        if carry:
            began = time.perf_counter()
            decisions = EntityDecisions.from_mentions(mentions)
            names = [
                e
                for e in apply_decisions(text, names, decisions).entities
                if not any(s < e.end and e.start < t for s, t in ignored)
            ]
            spent += time.perf_counter() - began
        gold = _gold(record)
        right = set()
        decided: list[tuple[int, int, str, str, str]] = []
        for e in names:
            key = (_strip_the(text, e.start, e.end), e.end, e.label)
            status = "accepted" if key in gold else "rejected"
            c["right" if key in gold else "wrong shown (rejected)"] += 1
            if key in gold:
                right.add(key)
            decided.append((e.start, e.end, entity_name(text, e.start, e.end), e.label, status))
        for key, (start, end) in gold.items():
            if key not in right:
                c["missed (added)"] += 1
                decided.append((start, end, entity_name(text, start, end), key[2], "added"))
        mentions += judged_mentions(decided)  # as `ProjectStore.entity_decisions` reads them
        score(record, [(e.start, e.end, e.label) for e in names], shown_counts, [])
    c.update(shown_counts)
    return c, spent


def run(split: str, topic: str | None = None) -> list[str]:
    path = DATA / FILES[split]
    if not path.exists():
        return [f"(no {path.name})"]
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if topic:  # a project on one subject: only the articles that mention it
        records = [r for r in records if topic.casefold() in r["text"].casefold()]
        split = f"{split}, articles mentioning {topic!r}"
    pipeline = load_pipeline(None)
    began = time.perf_counter()
    found = [a.entities for a in analyse_texts([r["text"] for r in records], pipeline=pipeline)]
    analysis_time = time.perf_counter() - began
    lines = [
        f"== {split}: {len(records)} articles, {sum(len(r['entities']) for r in records)} gold entities, "
        f"pipeline {pipeline.info.name} {pipeline.info.version}"
    ]
    results = {}
    for carry in (False, True):
        results[carry], spent = simulate(records, found, carry=carry)
        c = results[carry]
        lines.append(f"-- {'decisions carried' if carry else 'baseline (nothing carried)'}")
        lines.append(
            f"right {c['right']}, wrong shown {c['wrong shown (rejected)']}, missed {c['missed (added)']}; "
            f"actions (rejections + additions) {c['wrong shown (rejected)'] + c['missed (added)']}"
        )
        lines += report(c)
        if carry:
            lines.append(
                f"applying decisions: {spent * 1000:.1f} ms, "
                f"{spent / analysis_time:.4f}x the pipeline's {analysis_time:.1f} s"
            )
    base, carried = results[False], results[True]
    before = base["wrong shown (rejected)"] + base["missed (added)"]
    after = carried["wrong shown (rejected)"] + carried["missed (added)"]
    lines.append(
        f"actions saved: {before - after} of {before} ({(before - after) / before:.1%})" if before else ""
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", action="append", choices=tuple(FILES), help="default: both")
    parser.add_argument("--topic", help="only the articles that mention this word, as a one-subject project")
    args = parser.parse_args()
    for split in args.split or tuple(FILES):
        print("\n".join(run(split, args.topic)))


if __name__ == "__main__":
    main()
