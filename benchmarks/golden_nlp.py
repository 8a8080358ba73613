"""Prove a speed-up changed no output: a digest of everything pre-annotation finds and stores.

    .venv/bin/python benchmarks/golden_nlp.py [--articles 200] [--checkout DIR] [--dump out.json]

Runs `preannotate` on a temp project of the benchmark's articles and prints a SHA-256 per part:
the analyses (entities, quotations with kinds and speakers, candidates, sentences) and the rows
the store holds (entities, quotes, candidates, analyses, the analysis cache, the token cache).
Run it on two checkouts (`--checkout` puts another tree's `annotator` first on the path) and
compare the lines. The rules' hash (`RULES_VERSION`, part of the pipeline version) changes with
any edit to a rule module, so it is replaced by a placeholder, and so are creation times.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path("/work/shared/samples/wikinews-articles.jsonl")

TABLES = {
    "entities": 'SELECT article_id, start, "end", label, status, model FROM entities'
    ' ORDER BY article_id, start, "end", label',
    "quotes": "SELECT * FROM quotes ORDER BY article_id, start",
    "candidates": 'SELECT article_id, start, "end", score, reasons, model FROM candidates'
    " ORDER BY article_id, start",
    "analyses": "SELECT article_id, pipeline_name, pipeline_version FROM analyses ORDER BY article_id",
    "analysis_cache": "SELECT content_hash, pipeline_name, pipeline_version, payload FROM analysis_cache"
    " ORDER BY content_hash",
    "token_cache": "SELECT content_hash, tokenizer, hex(tokens) FROM token_cache ORDER BY content_hash",
}


def digests(texts: list[str], *, dump: Path | None = None) -> dict[str, str]:
    """Part name -> SHA-256 of what the checkout on `sys.path` makes of `texts`."""
    from annotator.core.model import ArticleDraft
    from annotator.nlp import analyse_texts, load_pipeline
    from annotator.nlp.pipeline import RULES_VERSION
    from annotator.services.preannotate import preannotate
    from annotator.services.project import open_project

    pipeline = load_pipeline(None)

    def plain(value: str) -> str:
        return value.replace(RULES_VERSION, "RULES")

    parts: dict[str, Any] = {
        "analyse_texts": [
            plain(repr((a.entities, a.quotes, a.candidates, a.sentences)))
            for a in analyse_texts(texts, pipeline=pipeline)
        ]
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "golden.annotator"
        with open_project(path) as project:
            project.import_drafts([ArticleDraft(text=t) for t in texts])
        with open_project(path) as project:
            preannotate(project, pipeline=pipeline)
        conn = sqlite3.connect(path)
        try:
            for name, sql in TABLES.items():
                parts[name] = [
                    [plain(v) if isinstance(v, str) else v for v in row] for row in conn.execute(sql)
                ]
        finally:
            conn.close()
    if dump is not None:
        dump.write_text(json.dumps(parts, ensure_ascii=False, indent=0), encoding="utf-8")
    return {
        name: hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
        + f" ({len(rows)} rows)"
        for name, rows in parts.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--checkout", type=Path, default=HERE)
    parser.add_argument("--dump", type=Path, default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(args.checkout.resolve()))
    lines = args.source.read_text(encoding="utf-8").splitlines()[: args.articles]
    texts = list(dict.fromkeys(json.loads(line)["text"] for line in lines))
    import annotator

    print(f"code {Path(annotator.__file__).parent}")
    for name, digest in digests(texts, dump=args.dump).items():
        print(f"{name:<16} {digest}")


if __name__ == "__main__":
    main()
