"""A large project for the benchmarks that need one: the Wikinews articles repeated, each copy
made distinct by a last line naming its number (so none is a duplicate the import skips)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.model import ArticleDraft
from annotator.services.project import open_project

ARTICLES = Path(__file__).resolve().parent / "data" / "wikinews-articles.jsonl"


def build_large_project(path: Path, articles: int) -> Path:
    """`articles` articles imported into a new project at `path` (no pre-annotation)."""
    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    drafts = (
        ArticleDraft(
            text=f"{records[n % len(records)]['text']}\n\nCopy {n}.",
            title=f"{records[n % len(records)]['meta'].get('title') or 'a'} ({n})",
            source="bench",
        )
        for n in range(articles)
    )
    with open_project(path) as project:
        project.import_drafts(drafts)
    return path
