"""What the article list's search of the texts costs on a large project.

    .venv/bin/python benchmarks/bench_search.py [--articles 10000]

The 265 Wikinews articles are repeated (each copy made distinct by a line naming its number)
into a fresh project of `--articles` articles, the size of a large team's file. Each time
typing pauses in the search box, the window opens the project in the thread pool and asks
`Project.articles_containing`: this times that whole step (open and search), then the search
alone for a word in about a fifth of the articles, for a word in none, for a word in
every article, for "ai", which stands inside words thousands of times ("said", "again")
and is found only where a word starts with it: each place inside a word is looked at and
passed over, and for "gdansk", which the texts write "Gdańsk" only: found once their accents
are left out; and for "duesseldorf" and "zuerich", typed without the umlauts of "Düsseldorf"
and "Zürich", for which a text holding an umlaut is searched again. Then the search of the
claims' notes (`Project.notes_containing`), which the same step asks, over 5,000 notes. The
baseline, run in the same process, is the plain `SELECT id, text FROM articles` the search
scans: the ratio is what the folding and matching add to reading the texts at all. A second
baseline is the plain case-folded search of the same texts read (`word in text.casefold()`, no
accents, marks nor word starts): the last ratio.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.services.project import open_project, store_of
from benchmarks.large_project import build_large_project


def timed(action: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()  # type: ignore[operator]
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = build_large_project(Path(folder) / "large.annotator.db", args.articles)

        def open_and_search() -> frozenset[int]:
            with open_project(path, create=False) as fresh:
                return fresh.articles_containing("police")

        first, found = timed(open_and_search)
        with open_project(path, create=False) as project:
            chars = sum(s.char_count for s in project.articles())
            conn = store_of(project).conn
            baseline, fetched = timed(lambda: conn.execute("SELECT id, text FROM articles").fetchall())
            rows = cast(list[tuple[int, str]], fetched)
            print(f"{args.articles} articles, {chars / 1e6:.1f} million characters")
            print(f"plain SELECT id, text (baseline) {baseline:7.3f} s")
            print(f"open the project, search 'police' {first:7.3f} s  {len(found):6} found")  # type: ignore[arg-type]
            for word in ("police", "zyzzyva", "the", "ai", "gdansk", "duesseldorf", "zuerich"):
                best = min(timed(lambda w=word: project.articles_containing(w))[0] for _ in range(3))
                hits = len(project.articles_containing(word))
                ratio = best / baseline
                plain = min(timed(lambda w=word: casefolded_search(rows, w))[0] for _ in range(3))
                print(
                    f"search {word!r:13} best of 3  {best:7.3f} s  {hits:6} found  ratio {ratio:.2f}"
                    f"  plain casefold {plain:.3f} s, ratio {best / plain:.2f}"
                )
            add_notes(conn, project.article_ids(), NOTES)
            for words in ("ask maria", "zyzzyva"):
                best = min(timed(lambda w=words: project.notes_containing(w))[0] for _ in range(3))
                held = sum(project.notes_containing(words).values())
                ratio = best / baseline
                print(f"notes {words!r:13} best of 3  {best:7.3f} s  {held:6} notes  ratio {ratio:.2f}")


def casefolded_search(rows: list[tuple[int, str]], word: str) -> frozenset[int]:
    """The plainest search of the texts read: case folded, anywhere in a word."""
    return frozenset(article_id for article_id, text in rows if word in text.casefold())


NOTES = 5_000
"""Claims with a note, as a team of a large project writes: the list's search reads them too."""


def add_notes(conn: sqlite3.Connection, article_ids: list[int], count: int) -> None:
    """`count` noted claims over the articles, one in fifty noting "ask Maria", written straight
    into the file: 5,000 labels through the service would time the labelling, not the search."""
    now = "2026-01-01T00:00:00"
    with conn:
        conn.execute("INSERT OR IGNORE INTO annotators(name, created_at) VALUES ('alice', ?)", (now,))
        conn.executemany(
            'INSERT INTO claims(article_id, start, "end", label, annotator, note, created_at, updated_at)'
            " VALUES (?, 0, 5, 'factual', 'alice', ?, ?, ?)",
            [
                (
                    article_ids[n % len(article_ids)],
                    "ask Maria about the quote" if n % 50 == 0 else f"check the figure again ({n})",
                    now,
                    now,
                )
                for n in range(count)
            ],
        )


if __name__ == "__main__":
    main()
