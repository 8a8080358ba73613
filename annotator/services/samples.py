"""The bundled sample project: a few Wikinews articles, so a first start shows real work."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from annotator.core.model import ArticleDraft
from annotator.core.text import decode_bytes, normalize_text
from annotator.services.paths import resources_dir, sample_project_file
from annotator.services.project import open_project

log = logging.getLogger(__name__)

SAMPLE_LICENCE = "Wikinews contributors, en.wikinews.org, CC BY 2.5"


def sample_drafts(folder: Path | None = None) -> list[ArticleDraft]:
    """The sample articles with their titles, dates and URLs from the index."""
    folder = folder or resources_dir() / "samples"
    with open(folder / "index.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    drafts = []
    for row in rows:
        path = folder / row["file"]
        text, encoding = decode_bytes(path.read_bytes())
        drafts.append(
            ArticleDraft(
                text=normalize_text(text),
                title=row["title"],
                source=row["url"],
                meta={"date": row["date"], "licence": SAMPLE_LICENCE},
                origin=str(path.name),
                encoding=encoding,
            )
        )
    return drafts


def ensure_sample_project(path: Path | None = None) -> Path:
    """Create the sample project in the user data dir on first use; later calls just return it.

    Pre-annotation is left to whoever opens it (the window does it in the background),
    so that creating the sample never waits for the model.
    """
    path = path or sample_project_file()
    with open_project(path) as project:
        if project.article_count() == 0:
            report = project.import_drafts(sample_drafts())
            log.info("created sample project %s with %d articles", path, len(report.added))
    return path
