"""Quotation spans, kinds and speakers against hand-labelled gold, one figure set per split.

    .venv/bin/python benchmarks/eval_quotes.py [--pipeline NAME] [--split eval|tuned|heldout]...
                                               [--show-errors SPLIT]

Splits (see benchmarks/data/EVAL_SETS.md and build_quotes_gold.py):

- ``eval`` (eval_quotes.jsonl): the independent evaluation set, Wikinews April-December 2020 and
  two Global Voices pages, labelled before any rule ran on it. Never tuned on: its errors are
  not printed unless asked for by name, and rules must not be changed from them.
- ``tuned`` (quotes_gold.jsonl): the articles the rules are written against; in-sample. Its
  second batch (issue 14's second pass) is reported apart: out of sample until rules change for it.
- ``heldout`` (quotes_gold.jsonl): Wikinews March 2019 - March 2020, labelled before rules ran
  on it. Scored and never tuned on until issue 14's fourth pass, which read its misses and
  wrote rules from them: since then it is a tuning batch (the fourth) under its old name, and
  the evaluation set is the only measurement out of sample.

The tuning batches are reported apart (``tuned / wikinews, batch 2``, ``tuned / newssd, batch 6``:
NewsSD-ENG news sentences, each its own record). A gold quotation marked ``speaker_unscored`` (a
pronoun with no antecedent in its sentence) is left out of the speaker figures.

Figures: quotation spans (exact, marks included) P/R/F1 and overlap recall; kind accuracy on
exact matches (direct / partial / scare) with a confusion table; speaker accuracy on gold
quotations that have a speaker: the predicted **resolved name** must equal the gold resolved
name after normalisation (titles, leading articles, possessives and case removed). "Lenient"
counts a speaker right when the predicted mention overlaps the gold one or the last name word
matches, the looser measure the project used before. "False speakers" are speakers predicted for
gold quotations nobody is said to have said. Each attribution is also counted under the rule that
made it, with how many of those were right.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.model import Quote
from annotator.nlp import analyse_texts, load_pipeline
from annotator.nlp.quotes import find_quotes
from annotator.nlp.speakers import attribute

# The scorer's own name normalisation, frozen as it was when the evaluation set was first scored
# (issue 14's first pass), so that growing the rules' title lists cannot make a gold name easier
# to match: only the rules' output may change between a "before" and an "after".
_SCORER_HONORIFICS = "mr|mrs|ms|mme|mlle|dr|prof|sen|rep|gov|gen|lt|col|capt|sgt|st|sir|dame|lord|lady|rev"
_SCORER_TITLE_WORDS = (
    "president|prime minister|minister|senator|governor|mayor|professor|judge|justice|chancellor"
    "|secretary|chairman|chairwoman|chief executive|ceo|king|queen|prince|princess|pope|archbishop"
    "|bishop|representative|congressman|congresswoman|assemblyman|assemblywoman|general|detective"
    "|inspector|officer|constable|sergeant|spokesman|spokeswoman|spokesperson|coach|captain|doctor"
    "|director"
)
_SCORER_TITLES = re.compile(
    rf"^(?:(?:the|a|an)\s+)?(?:(?:{_SCORER_HONORIFICS})\.?\s+|(?:{_SCORER_TITLE_WORDS})\s+(?=[A-Z]))*",
    re.IGNORECASE,
)
_SCORER_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SCORER_POSSESSIVE = re.compile(r"['’]s?$")


def normalise_name(mention: str) -> str:
    """A name as the scorer compares it: no leading article or title, no possessive, single spaces."""
    name = " ".join(mention.split())
    name = _SCORER_POSSESSIVE.sub("", name) if len(name) > 2 else name
    trimmed = _SCORER_TITLES.sub("", name)
    if not trimmed.strip():
        trimmed = _SCORER_ARTICLE.sub("", name)
    return trimmed.strip() or name


DATA = Path(__file__).parent / "data"
SPLITS = ("eval", "tuned", "heldout")


def load_records(splits: tuple[str, ...]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for name in ("eval_quotes.jsonl", "quotes_gold.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            record.setdefault("split", "tuned")
            if record["split"] in splits:
                records.append(record)
    return records


def name_key(name: str) -> str:
    """A resolved name as compared: no title, article or possessive, one kind of apostrophe, casefolded."""
    return " ".join(normalise_name(name.replace("’", "'")).casefold().split())


def _surname(name: str) -> str:
    words = normalise_name(name).split()
    return words[-1].lower() if words else ""


def _prf(tp: int, npred: int, ngold: int) -> str:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp}, predicted={npred}, gold={ngold})"


def score(
    record: dict[str, Any], pred: list[Quote], rules: list[str], c: Counter[str], errors: list[str]
) -> None:
    """Add one article's counts to `c`; `rules[i]` names the rule behind pred[i]'s speaker."""
    text: str = record["text"]
    where = record["source_index"]
    gold: list[dict[str, Any]] = record["quotes"]
    c["npred"] += len(pred)
    c["ngold"] += len(gold)
    by_span = {(q.start, q.end): (q, rule) for q, rule in zip(pred, rules, strict=True)}
    for g in gold:
        if any(q.start < g["end"] and g["start"] < q.end for q in pred):
            c["overlap"] += 1
        # A pronoun whose referent lies outside the record (a sentence cut from its article) has
        # no name to check: such a speaker is neither right nor wrong, nor a false one.
        speaker_unscored = bool(g.get("speaker_unscored"))
        gs = None if speaker_unscored else g["speaker"]
        c["sp_unscored"] += speaker_unscored
        if gs is not None:
            c["sp_gold"] += 1
        match = by_span.get((g["start"], g["end"]))
        if match is None:
            errors.append(f"[{where}] missed {g['text'][:70]!r}")
            continue
        q, rule = match
        c["exact"] += 1
        c[f"kind {g['kind']} -> {q.kind.value}"] += 1
        c["kind_ok"] += q.kind.value == g["kind"]
        if q.kind.value != g["kind"]:
            errors.append(f"[{where}] kind {q.kind.value} != {g['kind']} for {g['text'][:60]!r}")
        if speaker_unscored:
            continue
        sp = q.speaker
        if sp is not None:
            c[f"rule {rule} attributed"] += 1
        if gs is None:
            if sp is not None:
                c["false_speaker"] += 1
                errors.append(f"[{where}] speaker {sp.name!r} ({rule}) for unattributed {g['text'][:50]!r}")
            continue
        if sp is None:
            errors.append(
                f"[{where}] no speaker for {g['text'][:50]!r} ({gs['text']} = {gs.get('resolved')})"
            )
            continue
        resolved = gs.get("resolved", gs["text"])
        right = name_key(sp.name) == name_key(resolved)
        lenient = (sp.start < gs["end"] and gs["start"] < sp.end) or _surname(sp.name) == _surname(resolved)
        mention = sp.start < gs["end"] and gs["start"] < sp.end
        c["sp_right"] += right
        c["sp_lenient"] += lenient
        c["sp_mention"] += mention
        c[f"rule {rule} right"] += right
        if not right:
            errors.append(
                f"[{where}] speaker {sp.name!r} (mention {text[sp.start : sp.end]!r}, {rule}) "
                f"!= {resolved!r} (mention {gs['text']!r}) for {g['text'][:40]!r}"
            )
    gold_spans = {(g["start"], g["end"]) for g in gold}
    for q in pred:
        if (q.start, q.end) not in gold_spans:
            errors.append(f"[{where}] spurious {text[q.start : q.end][:70]!r}")


def report(name: str, c: Counter[str]) -> list[str]:
    n = max(1, c["sp_gold"])
    lines = [
        f"== {name}",
        "quotation spans, exact:   " + _prf(c["exact"], c["npred"], c["ngold"]),
        f"quotation spans, overlap: R={c['overlap'] / max(1, c['ngold']):.3f} ({c['overlap']}/{c['ngold']})",
        f"kind accuracy on exact matches: {c['kind_ok'] / max(1, c['exact']):.3f} "
        f"({c['kind_ok']}/{c['exact']})",
        "  gold -> predicted: "
        + ", ".join(f"{k[5:]} {v}" for k, v in sorted(c.items()) if k.startswith("kind ") and "->" in k),
        f"speaker accuracy (resolved name): {c['sp_right'] / n:.3f} ({c['sp_right']}/{c['sp_gold']} "
        "gold quotations with a speaker)",
        f"speaker accuracy, lenient (mention overlaps or same last name): {c['sp_lenient'] / n:.3f} "
        f"({c['sp_lenient']}/{c['sp_gold']}); "
        f"mention overlaps gold mention: {c['sp_mention']}/{c['sp_gold']}",
        f"false speakers on quotations nobody is said to have said: {c['false_speaker']}",
        f"speakers not scored (a pronoun whose referent is outside the record): {c['sp_unscored']}",
        "per rule (attributed / right):",
    ]
    rules = sorted({k.split(" ")[1] for k in c if k.startswith("rule ")})
    for rule in rules:
        lines.append(f"  {rule:<24} {c[f'rule {rule} attributed']:>4} / {c[f'rule {rule} right']:>4}")
    return lines


def speaker_rules(pipeline: Any, texts: list[str]) -> list[list[str]]:
    """The rule behind each quotation's speaker ("-" when it has none), in the finder's order."""
    out = []
    for doc in pipeline.nlp.pipe(texts):
        out.append([a.rule if a.speaker else "-" for a in attribute(doc, find_quotes(doc.text))])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pipeline", default=None)
    parser.add_argument("--split", action="append", choices=SPLITS, help="default: all three")
    parser.add_argument(
        "--show-errors", action="append", default=[], choices=SPLITS, help="print this split's errors"
    )
    args = parser.parse_args()
    splits = tuple(args.split or SPLITS)
    records = load_records(splits)
    pipeline = load_pipeline(args.pipeline)
    if pipeline.warning:
        print("warning:", pipeline.warning)
    print(f"pipeline {pipeline.info.name} {pipeline.info.version}; {len(records)} articles")
    texts = [r["text"] for r in records]
    rules = speaker_rules(pipeline, texts)
    counts: dict[tuple[str, str], Counter[str]] = {}
    errors: dict[str, list[str]] = {s: [] for s in SPLITS}
    for record, analysis, rule_list in zip(
        records, analyse_texts(texts, pipeline=pipeline), rules, strict=True
    ):
        pred = list(analysis.quotes)
        names = rule_list if len(rule_list) == len(pred) else ["?"] * len(pred)
        group = record.get("source", "wikinews")
        if record.get("batch", 1) > 1:
            group += f", batch {record['batch']}"  # labelled later: out of sample until tuned on
        key = (record["split"], group)
        score(record, pred, names, counts.setdefault(key, Counter()), errors[record["split"]])
    for split in (s for s in SPLITS if s in splits):
        total: Counter[str] = Counter()
        for (sp, source), c in sorted(counts.items()):
            if sp == split:
                total.update(c)
                if len({k[1] for k in counts if k[0] == split}) > 1:
                    print("\n".join(report(f"{split} / {source}", c)))
        print("\n".join(report(f"{split} / overall", total)))
    for split in args.show_errors:
        print(f"-- errors in split {split}")
        print("\n".join(errors[split]))


if __name__ == "__main__":
    main()
