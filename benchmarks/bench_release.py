"""Time to release a 10,000-article, 100,000-claim team project (target: under 30 s).

Run: .venv/bin/python benchmarks/bench_release.py [--articles 10000] [--source PATH] [--labels majority]

The project: the Wikinews sample repeated with a numbered dateline (every text distinct),
each article's first three sentences labelled by three annotators (two agree, the third
now and then differs or leaves a sentence out) and the first one adjudicated, so ten
claims an article. The release is `majority` (the heaviest choice: agreement, votes and
ties) with spaCy's tokenizer, as `annotator release` runs it. Baseline, in the same run on
the same project: `annotator export --format jsonl`, the one existing step that writes the
same Prodigy file (its spaCy tokenization included). Wall and CPU seconds both; the machine
may be shared, so CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.model import ArticleDraft, ClaimDraft, ClaimLabel  # noqa: E402
from annotator.services.exporting import export  # noqa: E402
from annotator.services.project import open_project  # noqa: E402
from annotator.services.release import ReleaseOptions, plan_release, release  # noqa: E402

DEFAULT_SOURCES = [
    Path("/work/shared/samples/wikinews-articles.jsonl"),
    ROOT / "tests" / "data" / "formats" / "wikinews-20.jsonl",
]
LABELS = list(ClaimLabel)
TARGET_SECONDS = 30.0


def sentences(text: str, count: int) -> list[tuple[int, int]]:
    spans, start = [], text.find("\n\n") + 2
    for _ in range(count):
        end = text.find(". ", start)
        if end == -1:
            break
        spans.append((start, end + 1))
        start = end + 2
    return spans


def drafts(source: Path, count: int) -> list[ArticleDraft]:
    base = [json.loads(line) for line in source.read_text("utf-8").splitlines() if line.strip()]
    result = []
    for i in range(count):
        record = base[i % len(base)]
        text = f"Variant {i}.\n\n{record['text']}"
        claims = []
        spans = sentences(text, 3)
        while len(spans) < 3:  # a text without three sentences (the sample has a junk page)
            spans.append((0, len(f"Variant {i}.") - len(spans)))
        for s, (start, end) in enumerate(spans):
            for k, name in enumerate(("alice", "bob", "carol")):
                label = LABELS[(i + s + (k == 2 and (i + s) % 4 == 0)) % 3]
                claims.append(ClaimDraft(start, end, label, annotator=name))
        start, end = spans[0]
        claims.append(ClaimDraft(start, end, LABELS[i % 3], annotator="gold"))
        meta = {**record.get("meta", {}), "licence": "CC BY 2.5"}
        result.append(ArticleDraft(text=text, title=meta.pop("title", ""), meta=meta, claims=tuple(claims)))
    return result


def clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    return time.perf_counter() - start[0], time.process_time() - start[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--source", type=Path)
    parser.add_argument("--labels", default="majority", choices=["gold", "majority", "all"])
    args = parser.parse_args()
    source = args.source or next(p for p in DEFAULT_SOURCES if p.exists())
    print(f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "team.annotator.db"
        start = clock()
        with open_project(path) as project:
            project.import_drafts(drafts(source, args.articles))
            stats = project.stats()
        wall, _ = since(start)
        print(
            f"project: {stats.articles} articles, {stats.claims} claims "
            f"({', '.join(f'{k} {v}' for k, v in stats.by_annotator.items())}), "
            f"{path.stat().st_size / 1e6:.1f} MB, built in {wall:.1f} s from {source.name}"
        )
        options = ReleaseOptions(labels=args.labels, pseudonymise=True, license="CC-BY-4.0")
        with open_project(path, create=False) as project:
            start = clock()
            plan = plan_release(project, options)
            plan_wall, plan_cpu = since(start)
            start = clock()
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            result = release(project, folder / "release", options=options)
            rel_wall, rel_cpu = since(start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            workers_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
            start = clock()
            export(project, folder / "export.jsonl")
            exp_wall, exp_cpu = since(start)
        size = sum(p.stat().st_size for p in (folder / "release").rglob("*") if p.is_file())
        print(
            f"released ({args.labels}): {plan.article_count} articles, {plan.claim_count} claims, "
            f"{len(plan.ties)} ties, {len(result.files)} files, {size / 1e6:.1f} MB"
        )
        print(f"plan only (the dialog's preview):  wall {plan_wall:6.2f} s   cpu {plan_cpu:6.2f} s")
        print(
            f"release (plan + write):            wall {rel_wall:6.2f} s   cpu {rel_cpu:6.2f} s"
            f" + workers {workers_cpu:6.2f} s"
            f"   target < {TARGET_SECONDS:.0f} s: {'met' if rel_wall < TARGET_SECONDS else 'NOT met'}"
        )
        print(f"baseline: export --format jsonl    wall {exp_wall:6.2f} s   cpu {exp_cpu:6.2f} s")
        total_cpu = rel_cpu + workers_cpu
        ratios = f"wall {rel_wall / exp_wall:5.2f}x   cpu {total_cpu / exp_cpu:5.2f}x (workers included)"
        print(f"ratio release / export jsonl:      {ratios}")
        print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"max RSS of the process: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
