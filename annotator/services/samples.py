"""The bundled sample project: a few Wikinews articles, so a first start shows real work."""

from __future__ import annotations

import csv
import logging
import os
from pathlib import Path

from annotator.core.errors import DamagedProjectError, NotAProjectError
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

    A sample file that is not a project, or a damaged one, is set aside and the sample made
    anew: `annotator --sample` stopped at it with "is not an annotator project", every time,
    and the file is the app's own, in a folder nobody opens. Whatever it holds is kept beside
    it, named in the log. One made by a newer annotator is left as it is, refused with "please
    update annotator": set aside, each start of this version and the newer one in turn would
    leave another copy.
    """
    path = path or sample_project_file()
    try:
        project = open_project(path)
    except (NotAProjectError, DamagedProjectError) as exc:
        kept = _set_aside(path)
        log.warning("the sample project could not be opened (%s); it was kept as %s and made anew", exc, kept)
        project = open_project(path)
    with project:
        if project.article_count() == 0:
            report = project.import_drafts(sample_drafts())
            log.info("created sample project %s with %d articles", path, len(report.added))
    return path


def _set_aside(path: Path) -> Path:
    """Move the sample file, and its -wal and -shm, to the first free `….broken-N…` name beside it.

    The -wal goes too: left behind, SQLite would read its pages into the new sample.
    """
    stem, ending = path.name.split(".", 1) if "." in path.name else (path.name, "")
    number = 1
    while True:
        kept = path.with_name(f"{stem}.broken-{number}.{ending}" if ending else f"{stem}.broken-{number}")
        if not any(os.path.lexists(f"{kept}{suffix}") for suffix in ("", "-wal", "-shm")):
            break
        number += 1
    for suffix in ("-wal", "-shm", ""):  # the file itself last: never a new sample beside an old -wal
        if os.path.lexists(f"{path}{suffix}"):
            os.replace(f"{path}{suffix}", f"{kept}{suffix}")
    return kept
