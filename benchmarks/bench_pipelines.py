"""English pipelines side by side: accuracy on the evaluation sets, load time, speed, size on disk.

    .venv/bin/python benchmarks/bench_pipelines.py [--pipeline NAME]... [--articles 120] [--repeat 2]

Each pipeline runs in its own child process, so load times are cold (spaCy imported first, then
the pipeline loaded and timed) and one pipeline's memory does not weigh on the next. Accuracy
is measured on the independent evaluation sets (benchmarks/data/EVAL_SETS.md): quotation span
F1, kind accuracy and speaker accuracy by resolved name; entity precision, recall and F1 for
PERSON, ORG and GPE and over all name types. Speed is whole pre-annotation (`analyse_texts`,
rules included) on Wikinews articles from the shared samples, CPU seconds of the child, best of
`--repeat`, on a machine that may be shared: compare the ratios of one run, not absolute figures
across runs. Load time is wall time (it reads files). Size is the
pipeline's data on disk (the package directory a spaCy load reads).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing
sys.path.insert(0, str(HERE))

SAMPLES = Path("/work/shared/samples/wikinews-articles.jsonl")
DEFAULT = ("en_core_web_sm", "en_core_web_md")


def _size_on_disk(package: str) -> int:
    """Bytes of the installed package that carries the pipeline (data and code)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return 0
    root = Path(next(iter(spec.submodule_search_locations)))
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def measure(name: str, *, articles: int, repeat: int) -> dict[str, Any]:
    """Everything for one pipeline, in this process (the parent runs it in a child)."""
    import eval_entities
    import eval_quotes
    import spacy  # noqa: F401  (imported before the clock starts: its import is not the pipeline's)

    from annotator.nlp import analyse_texts, load_pipeline

    started = time.perf_counter()
    pipeline = load_pipeline(name)
    load_seconds = time.perf_counter() - started
    if pipeline.warning:
        return {"name": name, "error": pipeline.warning}
    out: dict[str, Any] = {"name": name, "loaded": pipeline.info.name, "version": pipeline.info.version}
    out["load_s"] = load_seconds
    out["size_mb"] = _size_on_disk(pipeline.info.name) / 1e6

    records = eval_quotes.load_records(("eval",))
    c: Counter[str] = Counter()
    texts = [r["text"] for r in records]
    rules = eval_quotes.speaker_rules(pipeline, texts)
    for record, analysis, rule_list in zip(
        records, analyse_texts(texts, pipeline=pipeline), rules, strict=True
    ):
        pred = list(analysis.quotes)
        names = rule_list if len(rule_list) == len(pred) else ["?"] * len(pred)
        eval_quotes.score(record, pred, names, c, [])
    p = c["exact"] / max(1, c["npred"])
    r = c["exact"] / max(1, c["ngold"])
    out["span_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    out["kind_acc"] = c["kind_ok"] / max(1, c["exact"])
    out["speaker_acc"] = c["sp_right"] / max(1, c["sp_gold"])

    ents = [
        json.loads(line) for line in (HERE / "data" / "eval_entities.jsonl").read_text("utf-8").splitlines()
    ]
    e: Counter[str] = Counter()
    for record, analysis in zip(
        ents, analyse_texts([r["text"] for r in ents], pipeline=pipeline), strict=True
    ):
        eval_entities.score(record, [(x.start, x.end, x.label) for x in analysis.entities], e, [])
    for label in ("PERSON", "ORG", "GPE"):
        out[f"{label}_prf"] = eval_entities._prf(e[f"tp {label}"], e[f"pred {label}"], e[f"gold {label}"])
    out["all_prf"] = eval_entities._prf(e["tp"], e["pred"], e["gold"])

    texts = [json.loads(line)["text"] for line in SAMPLES.read_text("utf-8").splitlines()]
    texts = [t for t in texts if 200 < len(t) < 20_000][:articles]
    list(analyse_texts(texts[:5], pipeline=pipeline))  # warm up
    best = float("inf")
    for _ in range(repeat):
        # CPU time of this process: on two shared cores wall time mostly measures the neighbours.
        started = time.process_time()
        list(analyse_texts(texts, pipeline=pipeline))
        best = min(best, time.process_time() - started)
    out["articles"] = len(texts)
    out["articles_per_s"] = len(texts) / best
    out["words_per_s"] = sum(len(t.split()) for t in texts) / best
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pipeline", action="append", help=f"default: {', '.join(DEFAULT)}")
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, articles=args.articles, repeat=args.repeat)))
        return
    results = []
    for name in args.pipeline or DEFAULT:
        cmd = [sys.executable, __file__, "--child", name, "--articles", str(args.articles)]
        cmd += ["--repeat", str(args.repeat)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            results.append({"name": name, "error": done.stderr.strip().splitlines()[-1:]})
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    base = next((r for r in results if "error" not in r), None)
    print(
        "| pipeline | loaded as | size on disk | load | speed (ratio to first) | span F1 | kind acc. "
        "| speaker acc. | PERSON P/R/F1 | ORG P/R/F1 | GPE P/R/F1 | all names P/R/F1 |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if "error" in r:
            print(f"| {r['name']} | not available: {r['error']} |")
            continue
        ratio = r["articles_per_s"] / base["articles_per_s"] if base else 1.0

        def prf(key: str, row: dict[str, Any] = r) -> str:
            return "/".join(f"{x:.3f}" for x in row[key])

        print(
            f"| {r['name']} | {r['loaded']} {r['version']} | {r['size_mb']:.0f} MB | {r['load_s']:.1f} s "
            f"| {r['articles_per_s']:.1f} articles/s, {r['words_per_s']:.0f} words/s ({ratio:.2f}x) "
            f"| {r['span_f1']:.3f} | {r['kind_acc']:.3f} | {r['speaker_acc']:.3f} | {prf('PERSON_prf')} "
            f"| {prf('ORG_prf')} | {prf('GPE_prf')} | {prf('all_prf')} |"
        )
    print(f"({base['articles'] if base else 0} Wikinews articles for speed; the machine may be shared.)")


if __name__ == "__main__":
    main()
