"""Which entity fix makes which ORG, right or wrong? (issue 14, fifth pass)

    .venv/bin/python benchmarks/org_fix_audit.py [--no-ablation] [--show NAME]...

Tuning batches only (`data/tune_entities.jsonl`); never the evaluation set. Every ORG the
pipeline shows (after the known-organisation ruler, the recogniser, `annotator_entity_fixes` and
the withholding of doubtful ORGs) is traced to the step that made it, re-typed it or re-cut it:
the step after which that exact span with type ORG first appears and stays (`FixTrace`); an ORG
present from the start is the ruler's (its span is among the ruler's own entities) or the
recogniser's. Organisation evidence is split by the kind of clue the name had (appositive,
"companies like X", a noun before it, a possessive, a company verb; a name with clues of several
kinds is counted under each). Per step: ORGs produced, right, wrong; what the recogniser had
there before (nothing, another type on the same words, other bounds); the wrong ones by what
the labels say they are (a product, a place, a person, a people, another name type, right words
with wrong bounds, or no name at all).

Then the gain of each step that can be switched off: the pipeline again without it, and the ORG
right and wrong it would lose or add, with tuning ORG P/R/F1. `--show` lists the ORGs of the
named steps (tuning errors only).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from spacy.tokens import Doc, Span

import annotator.nlp.entities as fixes
from annotator.core.name_extent import name_extent
from annotator.nlp import load_pipeline
from annotator.nlp.confidence import shown_entities
from annotator.nlp.entities import RULER, FixTrace
from benchmarks.eval_entities import DATA, _prf, _strip_the

_TRACE = "org_fix_audit_trace"
Row = dict[str, Any]
PLACES = frozenset({"GPE", "LOC", "FAC"})
EVIDENCE_KINDS = ("appositive", "appositive of", "list", "noun before", "possessive", "company verb")


def _gold(record: dict[str, Any]) -> tuple[dict[tuple[int, int], str], list[tuple[int, int]]]:
    text = record["text"]
    gold = {(_strip_the(text, e["start"], e["end"]), e["end"]): e["label"] for e in record["entities"]}
    return gold, [(s, e) for s, e in record["ignored"]]


def _extent(text: str, span: Span) -> tuple[int, int]:
    start, end = name_extent(text, span.start_char, span.end_char)
    return _strip_the(text, start, end), end


def judge(
    text: str, start: int, end: int, gold: dict[tuple[int, int], str], ignored: list[tuple[int, int]]
) -> str:
    """ "right", "ignored", or what a wrong ORG is by the labels."""
    if any(s < end and start < e for s, e in ignored):
        return "ignored"
    label = gold.get((start, end))
    if label == "ORG":
        return "right"
    if label is not None:
        if label == "PRODUCT":
            return "product"
        if label in PLACES:
            return "place"
        if label == "PERSON":
            return "person"
        if label == "NORP":
            return "people"
        return "other type"
    if any(s < end and start < e for s, e in gold):
        return "wrong bounds"
    return "not a name"


@contextmanager
def _tracing() -> Iterator[None]:
    """`fix_entities` with a trace kept in each document's user data."""
    original = fixes.fix_entities

    def traced(doc: Doc, *, evidence: set[str] | None = None, trace: FixTrace | None = None) -> list[Span]:
        trace = FixTrace()
        doc.user_data[_TRACE] = trace
        return original(doc, evidence=evidence, trace=trace)

    fixes.fix_entities = traced
    try:
        yield
    finally:
        fixes.fix_entities = original


def _origin(span: Span, trace: FixTrace, ruled: set[tuple[int, int, str]]) -> str:
    key = (span.start, span.end, "ORG")
    present = [any((e.start, e.end, e.label_) == key for e in ents) for _, ents in trace.steps]
    first = len(present)
    while first > 0 and present[first - 1]:
        first -= 1
    if first == 0:
        return "ruler" if key in ruled else "recogniser"
    if first == len(present):
        return "after the trace (model numbers, overlaps)"
    return trace.steps[first][0]


def _before(span: Span, trace: FixTrace) -> str:
    model = [e for e in trace.steps[0][1] if e.start < span.end and span.start < e.end]
    if not model:
        return "nothing"
    if any(e.start == span.start and e.end == span.end and e.label_ == "ORG" for e in model):
        return "the same"
    if any(e.start == span.start and e.end == span.end for e in model):
        return "other type"
    return "other bounds"


def collect(records: list[dict[str, Any]]) -> list[Row]:
    nlp = load_pipeline(None).nlp
    ruler: Any = nlp.get_pipe(RULER)
    rows: list[Row] = []
    with _tracing():
        docs = list(nlp.pipe([r["text"] for r in records], batch_size=32))
    for ri, (record, doc) in enumerate(zip(records, docs, strict=True)):
        text = record["text"]
        trace: FixTrace = doc.user_data.pop(_TRACE)
        ruled = {(e.start, e.end, e.label_) for e in ruler(nlp.make_doc(text)).ents}
        gold, ignored = _gold(record)
        withheld = {(s.start, s.end) for s in doc.ents} - {(s.start, s.end) for s in shown_entities(doc)}
        for span in doc.ents:
            if span.label_ != "ORG":
                continue
            start, end = _extent(text, span)
            if end <= start:
                continue
            origin = _origin(span, trace, ruled)
            kinds = (
                trace.org_evidence.get(fixes._key(span), set())
                if origin.startswith("org evidence")
                else set()
            )
            rows.append(
                {
                    "record": ri,
                    "batch": record.get("batch", 1),
                    "text": text[start:end],
                    "origin": origin,
                    "kinds": sorted(kinds),
                    "before": _before(span, trace),
                    "verdict": judge(text, start, end, gold, ignored),
                    "shown": (span.start, span.end) not in withheld,
                }
            )
    return rows


def audit_table(rows: list[Row]) -> list[str]:
    shown = [r for r in rows if r["shown"] and r["verdict"] != "ignored"]
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in shown:
        groups[r["origin"]].append(r)
        for kind in r["kinds"]:
            groups[f"  clue: {kind}"].append(r)
    order = [
        "ruler",
        "recogniser",
        "edges and never-names",
        "person tails",
        "org tails (of/on/for)",
        "org evidence, strong",
        *(f"  clue: {k}" for k in EVIDENCE_KINDS[:4]),
        "org evidence, weak twice",
        *(f"  clue: {k}" for k in EVIDENCE_KINDS[4:]),
        "acronyms",
        "places",
        "one type per name",
        "after the trace (model numbers, overlaps)",
    ]
    wrong_kinds = ("product", "place", "person", "people", "other type", "wrong bounds", "not a name")
    lines = [
        "ORGs shown on the tuning batches, by the step that made, re-typed or re-cut them",
        "| step | ORGs | right | wrong | recogniser had (wrong ones): nothing / other type / other bounds | "
        + " | ".join(wrong_kinds)
        + " |",
        "|---|---|---|---|---|" + "---|" * len(wrong_kinds),
    ]
    for name in order + sorted(set(groups) - set(order)):
        g = groups.get(name, [])
        if not g:
            continue
        right = sum(r["verdict"] == "right" for r in g)
        wrong = [r for r in g if r["verdict"] != "right"]
        before = Counter(r["before"] for r in wrong)
        verdicts = Counter(r["verdict"] for r in wrong)
        lines.append(
            f"| {name} | {len(g)} | {right} | {len(wrong)} | "
            f"{before['nothing']} / {before['other type']} / {before['other bounds']} | "
            + " | ".join(str(verdicts[k]) for k in wrong_kinds)
            + " |"
        )
    withheld = [r for r in rows if not r["shown"] and r["verdict"] != "ignored"]
    lines.append(
        f"withheld as doubtful (not shown): {len(withheld)}, "
        f"{sum(r['verdict'] == 'right' for r in withheld)} of them right"
    )
    return lines


def org_prf(records: list[dict[str, Any]]) -> tuple[int, int, int]:
    """ORG true positives, predictions and gold over the records, as `eval_entities.py` counts them."""
    from annotator.nlp import analyse_texts

    pipeline = load_pipeline(None)
    tp = npred = ngold = 0
    for record, analysis in zip(
        records, analyse_texts([r["text"] for r in records], pipeline=pipeline), strict=True
    ):
        text = record["text"]
        gold, ignored = _gold(record)
        ngold += sum(label == "ORG" for label in gold.values())
        for e in analysis.entities:
            if e.label != "ORG" or any(s < e.end and e.start < t for s, t in ignored):
                continue
            key = (_strip_the(text, e.start, e.end), e.end)
            npred += 1
            tp += gold.get(key) == "ORG"
    return tp, npred, ngold


def _without_clue(kind: str) -> Callable[[], Any]:
    original = fixes._org_evidence

    def patched(doc: Doc, tok: Any, ents_at: dict[int, Span]) -> str | None:
        found = original(doc, tok, ents_at)
        return None if found == kind else found

    return lambda: _patched("_org_evidence", patched)


@contextmanager
def _patched(name: str, value: Any) -> Iterator[None]:
    original = getattr(fixes, name)
    setattr(fixes, name, value)
    try:
        yield
    finally:
        setattr(fixes, name, original)


def ablations() -> dict[str, Callable[[], Any]]:
    same: Callable[[Doc, list[Span]], list[Span]] = lambda doc, ents: ents  # noqa: E731
    out: dict[str, Callable[[], Any]] = {
        "person tails": lambda: _patched("_person_tails", same),
        "org tails (of/on/for)": lambda: _patched("_org_tails", same),
        "acronyms": lambda: _patched("_acronyms", same),
        "places": lambda: _patched("_places", lambda doc, ents, protected: ents),
        "one type per name": lambda: _patched("_one_type_per_name", lambda doc, ents, protected: ents),
        "all org evidence": lambda: _patched("_org_evidence", lambda doc, tok, ents_at: None),
    }
    for kind in EVIDENCE_KINDS:
        out[f"clue: {kind}"] = _without_clue(kind)
    return out


def gain_table(records: list[dict[str, Any]]) -> list[str]:
    base = org_prf(records)
    p, r, f = _prf(*base)
    lines = [
        "What each step gains: the pipeline without it (ORG on all tuning batches)",
        "| without | tp / predicted | right ORGs lost | wrong ORGs removed | P | R | F1 |",
        "|---|---|---|---|---|---|---|",
        f"| (nothing: the pipeline) | {base[0]} / {base[1]} | | | {p:.3f} | {r:.3f} | {f:.3f} |",
    ]
    for name, patch in ablations().items():
        with patch():
            tp, npred, ngold = org_prf(records)
        p, r, f = _prf(tp, npred, ngold)
        lost = base[0] - tp
        removed = (base[1] - base[0]) - (npred - tp)
        lines.append(f"| {name} | {tp} / {npred} | {lost} | {removed} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-ablation", action="store_true", help="only the audit table")
    parser.add_argument("--show", action="append", default=[], help="list the ORGs of a step (or clue)")
    args = parser.parse_args()
    records = [json.loads(line) for line in (DATA / "tune_entities.jsonl").read_text("utf-8").splitlines()]
    rows = collect(records)
    print("\n".join(audit_table(rows)))
    for name in args.show:
        for r in rows:
            if r["shown"] and (r["origin"] == name or name.removeprefix("clue: ") in r["kinds"]):
                where = f"{r['batch']}:{r['record']}"
                print(f"  [{where}] {r['verdict']:<12} {r['before']:<12} {r['text']!r} {r['kinds']}")
    if not args.no_ablation:
        print()
        print("\n".join(gain_table(records)))


if __name__ == "__main__":
    main()
