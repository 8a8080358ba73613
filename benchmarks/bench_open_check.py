"""What the checks at open cost on a large project, and what a crafted huge value costs to refuse.

    .venv/bin/python benchmarks/bench_open_check.py [--articles 5000] [--repeat 5]

A project of `--articles` Wikinews articles (`large_project.py`) given the rows pre-annotation
and a team leave (80 entities, 40 candidates, 4 quotations, 6 claims an article: on 5,000
articles 400,000 entities, 200,000 candidates, 20,000 quotations, 30,000 claims), written
directly. Printed: `check_connection` (the whole check at open, best of `--repeat`) and the
size measuring of each table within it; then the peak Python memory (tracemalloc) and the
time of opening the project and reading the one article whose entity row holds a 300 MB label;
and the time of reading every row of the project, checked (`stats`, as an export reads them).
Prints figures; asserts nothing.

Before and after a value's bytes were compared with its limit before its characters were
counted, 5,000 articles, this script on the commit before and after, one after the other, at
a load of 5.8-6.6 on a shared two-core machine: sizes of articles 66 ms before, 30 ms after;
of claims 26 and 29 ms (their values are short: nothing to skip); the whole check at open,
whose most is `quick_check` on this 400,000-entity file, 293 and 328 ms, within the load's
swing; the 300 MB label still left out unread (peak Python memory 0.1 MB both).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.errors import AnnotatorError
from annotator.services.project import open_project, store_of
from annotator.store import checks
from annotator.store.project_store import check_connection
from benchmarks.large_project import build_large_project


def fill(path: Path) -> None:
    """The pre-annotations and claims of a team's project, inserted in one transaction."""
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT OR IGNORE INTO annotators(name, created_at) VALUES ('ana', '2026-01-01T00:00:00Z')"
        )
        lengths = dict(conn.execute("SELECT id, length(text) - 5 FROM articles"))
        ids = list(lengths)

        def at(article: int, n: int) -> int:
            return n % lengths[article]

        conn.executemany(
            'INSERT INTO entities(article_id, start, "end", label, status, model) VALUES (?, ?, ?, ?, ?, ?)',
            (
                (a, at(a, 2 * n), at(a, 2 * n) + 1, "ORG", "suggested", "en_core_web_sm@3.8.0")
                for a in ids
                for n in range(80)
            ),
        )
        conn.executemany(
            'INSERT INTO candidates(article_id, start, "end", score, reasons, model)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    a,
                    at(a, 3 * n),
                    at(a, 3 * n) + 2,
                    0.5,
                    '["reported speech", "a number"]',
                    "en_core_web_sm@3.8.0",
                )
                for a in ids
                for n in range(40)
            ),
        )
        conn.executemany(
            'INSERT INTO quotes(article_id, start, "end", kind, model) VALUES (?, ?, ?, ?, ?)',
            (
                (a, at(a, 5 * n), at(a, 5 * n) + 3, "direct", "en_core_web_sm@3.8.0")
                for a in ids
                for n in range(4)
            ),
        )
        conn.executemany(
            'INSERT INTO claims(article_id, start, "end", label, annotator, note, created_at, updated_at)'
            " VALUES (?, ?, ?, 'opinion', 'ana', 'a note', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            ((a, at(a, 7 * n), at(a, 7 * n) + 5) for a in ids for n in range(6)),
        )


def time_open_check(path: Path, repeat: int) -> tuple[float, dict[str, float]]:
    """Best time of the whole check at open, and each table's size measuring in the best run."""
    spent: dict[str, float] = {}
    original = checks._over_limit

    def timed(conn: sqlite3.Connection, table: str, *args: Any) -> object:
        began = time.perf_counter()
        try:
            return original(conn, table, *args)
        finally:
            spent[table] = spent.get(table, 0.0) + time.perf_counter() - began

    checks._over_limit = timed  # type: ignore[assignment]
    best, best_split = float("inf"), {}
    try:
        for _ in range(repeat):
            spent.clear()
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                began = time.perf_counter()
                check_connection(conn, path)
                took = time.perf_counter() - began
            finally:
                conn.close()
            if took < best:
                best, best_split = took, dict(spent)
    finally:
        checks._over_limit = original
    return best, best_split


def huge_value(path: Path) -> None:
    """Open the project with a 300 MB entity label in one article, and read that article."""
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE entities SET label = hex(zeroblob(150000000))"
            " WHERE id = (SELECT min(id) FROM entities WHERE article_id = 2)"
        )
    tracemalloc.start()
    began = time.perf_counter()
    opened = outcome = ""
    try:
        with open_project(path, create=False) as project:
            opened = f"opened in {time.perf_counter() - began:.2f} s"
            shown = store_of(project).entities(1)
            try:
                store_of(project).entities(2)
                outcome = f"article 1: {len(shown)} entities; article 2 read"
            except AnnotatorError as exc:
                outcome = f"article 1: {len(shown)} entities; article 2 refused: {str(exc)[-140:]}"
    except AnnotatorError as exc:
        outcome = f"open refused: {str(exc)[-160:]}"
    took = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"300 MB entity label: {opened or 'not opened'}; {took:.2f} s in all;"
        f" peak Python memory {peak / 1e6:.1f} MB"
    )
    print(f"  {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = build_large_project(Path(folder) / "large.db", args.articles)
        fill(path)
        print(f"{args.articles} articles, {path.stat().st_size / 1e6:.0f} MB")
        best, split = time_open_check(path, args.repeat)
        print(f"check at open: {best * 1000:.0f} ms (best of {args.repeat})")
        for table, took in sorted(split.items(), key=lambda item: -item[1]):
            print(f"  sizes of {table}: {took * 1000:.0f} ms")
        with open_project(path, create=False) as project:
            best = float("inf")
            for _ in range(args.repeat):
                began = time.perf_counter()
                store_of(project).check_rows()
                best = min(best, time.perf_counter() - began)
        print(f"every row read and checked (stats): {best * 1000:.0f} ms (best of {args.repeat})")
        huge_value(path)


if __name__ == "__main__":
    main()
