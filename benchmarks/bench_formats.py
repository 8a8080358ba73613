"""Import and export throughput on 10,000 articles, beside plain `json` on the same records.

Run: .venv/bin/python benchmarks/bench_formats.py [--articles 10000] [--source PATH] [--no-project]

The corpus is the Wikinews sample repeated with variations (a numbered dateline, so every
text is distinct, plus two claims and one entity per article). Baselines run in the same
process on the same data: `json.loads` of every line for reading, `json.dumps` of the very
records each writer writes. Times are CPU seconds (best of 3 for the pure parts), because the
machine may be shared. Ratios are ours / baseline (lower is better; 1.0 = as fast as json).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.model import (  # noqa: E402
    AnnotatedArticle,
    Article,
    ArticleDraft,
    Claim,
    Entity,
    EntityStatus,
)
from annotator.formats import format_lines, prodigy_task, read_path, simple_tokens  # noqa: E402
from annotator.formats.writers import claim_records, doccano_record  # noqa: E402

LIMIT = 1 << 30  # the 10,000-article file (~45 MB) is over the 20 MB default on purpose
DEFAULT_SOURCES = [
    Path("/work/shared/samples/wikinews-articles.jsonl"),
    ROOT / "tests" / "data" / "formats" / "wikinews-20.jsonl",
]


def build_input(source: Path, count: int, folder: Path) -> Path:
    base = [json.loads(line) for line in source.read_text("utf-8").splitlines() if line.strip()]
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = base[i % len(base)]
            text = f"Variant {i}.\n\n{record['text']}"
            first = text.find("\n\n\n")
            start = first + 3 if first != -1 else 0
            end = text.find(".", start) + 1 or len(text)
            if end <= start:  # a text with nothing after its dateline (the sample has one junk page)
                start, end = 0, len(text)
            spans = [
                {"start": start, "end": end, "label": "factual", "text": text[start:end]},
                {"start": 0, "end": len(f"Variant {i}."), "label": "opinion"},
            ]
            task = {
                "text": text,
                "meta": {**record.get("meta", {}), "variant": i},
                "spans": spans,
                "entities": [{"start": 0, "end": 7, "label": "MISC", "status": "accepted"}],
            }
            out.write(json.dumps(task, ensure_ascii=False) + "\n")
    return path


def timed(label: str, func: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best CPU time of `repeat` runs: the machine is shared, so wall time is noisy; CPU time is not."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = func()
        best = min(best, time.process_time() - start)
    return best, result


def report(name: str, ours: float, base: float, count: int, size: int) -> None:
    print(
        f"{name:<44} {ours:7.3f} s  {count / ours:8.0f} art/s  {size / ours / 1e6:6.1f} MB/s"
        f"   json {base:6.3f} s   ratio {ours / base:5.2f}x"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--source", type=Path)
    parser.add_argument("--no-project", action="store_true", help="skip the SQLite import/export timings")
    args = parser.parse_args()
    source = args.source or next(p for p in DEFAULT_SOURCES if p.exists())
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        corpus = build_input(source, args.articles, folder)
        size = corpus.stat().st_size
        print(f"corpus: {args.articles} articles, {size / 1e6:.1f} MB, from {source}")
        print(f"{'step':<38} {'ours':>9}  {'throughput':>15}  {'':>10}   {'baseline':>13}   ratio")

        # --- reading ---
        def read_json() -> list[Any]:
            with corpus.open(encoding="utf-8") as handle:
                return [json.loads(line) for line in handle]

        def read_ours() -> list[Any]:
            return list(read_path(corpus, max_bytes=LIMIT))

        base_read, records = timed("json", read_json)
        ours_read, drafts = timed("ours", read_ours)
        assert all(isinstance(d, ArticleDraft) for d in drafts) and len(drafts) == len(records)
        report("read jsonl -> ArticleDraft", ours_read, base_read, len(drafts), size)

        # --- writing (writers only; tokens computed beforehand as the service would) ---
        items = []
        for i, d in enumerate(drafts, start=1):
            items.append(
                AnnotatedArticle(
                    article=Article(id=i, text=d.text, title=d.title, content_hash=str(i), meta=d.meta),
                    claims=tuple(Claim(i, c.start, c.end, c.label, "ann") for c in d.claims),
                    entities=tuple(
                        Entity(e.start, e.end, e.label, EntityStatus.ACCEPTED) for e in d.entities
                    ),
                    tokens=simple_tokens(d.text),
                )
            )
        tasks = [prodigy_task(item) for item in items]

        # Each writer against json.dumps of exactly the records it writes (built beforehand).
        baselines: dict[str, list[Any]] = {
            "jsonl": tasks,
            "doccano": [doccano_record(item) for item in items],
            "claims-jsonl": [record for item in items for record in claim_records(item)],
            "csv": [record for item in items for record in claim_records(item)],
        }

        def write_json(records: list[Any]) -> Callable[[], int]:
            def run() -> int:
                with (folder / "base.jsonl").open("w", encoding="utf-8") as handle:
                    for record in records:
                        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                return len(records)

            return run

        def write_ours(fmt: str) -> Callable[[], int]:
            def run() -> int:
                with (folder / f"ours.{fmt}").open("w", encoding="utf-8") as handle:
                    handle.writelines(format_lines(fmt, items))
                return len(items)

            return run

        base_write = {}
        for fmt, records in baselines.items():
            base_write[fmt], _ = timed("json", write_json(records))
            out_size = (folder / "base.jsonl").stat().st_size
            ours_write, _ = timed(fmt, write_ours(fmt))
            report(f"write {fmt} (writer only)", ours_write, base_write[fmt], len(items), out_size)

        # The writer timings keep ~8 million token objects alive; every full garbage collection
        # during the exports below would walk them all, which the app (a fresh worker) never pays.
        for kept in (items, tasks, drafts, *baselines.values()):
            kept.clear()
        gc.collect()

        if not args.no_project:
            from annotator.services.exporting import ExportOptions, export
            from annotator.services.importing import import_paths
            from annotator.services.project import open_project

            with open_project(folder / "bench.annot") as project:
                start = time.process_time()
                result = import_paths(project, [corpus], max_bytes=LIMIT)
                ours_import = time.process_time() - start
                assert len(result.added) == args.articles
                report("import_paths into SQLite (1 txn)", ours_import, base_read, args.articles, size)
                for label, tokenizer in (("simple tokens", simple_tokens), ("spaCy tokenizer", None)):
                    target = folder / f"export-{label}.jsonl"
                    start = time.process_time()
                    done = export(project, target, tokenizer=tokenizer)
                    ours_export = time.process_time() - start
                    name = f"export jsonl from SQLite ({label})"
                    report(name, ours_export, base_write["jsonl"], done.articles, target.stat().st_size)
                target = folder / "export.doccano"
                start = time.process_time()
                export(project, target, options=ExportOptions(format="doccano"))
                ours_export = time.process_time() - start
                name = "export doccano from SQLite"
                report(name, ours_export, base_write["doccano"], args.articles, target.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
