"""What the Export dialog's *Gold labels* offer costs to settle exactly before it opens.

    .venv/bin/python benchmarks/bench_gold_offer.py [--articles 10000] [--repeat 3]

A project of `--articles` Wikinews articles (`large_project.py`), two annotators with five
claims each an article (100,000 claims on 10,000 articles), written directly. Each state
below is timed for `services.adjudication.gold_holds_a_claim` (what the window asks) against
the baseline of working gold out whole (`gold_claims`, what the export itself does), best of
`--repeat`, and both answers are checked to agree:

- **open**: nobody reviewed, every article has four spans labelled alike and one not (the
  usual project before a review: gold holds nothing);
- **one agreed**: the same, the last article's annotators agreeing throughout (gold holds it,
  found last);
- **none alike**: no span labelled alike anywhere;
- **labelled**: one reviewer's label (gold holds it);
- **no claim everywhere**: a "no claim" decision beside every article's disagreement, which
  settles none (every article worked out in Python: the worst case).

Prints figures; asserts only that both answers agree.

10,000 articles, at a load that made working gold out 5.0-6.9 s (2.5 s unloaded): the offer
0.34 s open, 0.38 s one agreed (found last), 0.31 s none alike, 0.10 s labelled (reading the
decisions, which the window has read anyway); no claim everywhere 5.8 s against 6.9 s, since
every article was worked out as the export does. Under the exact review's matching, a
decision settles only the disagreement at its own span, so the store now rules out an article
whose disagreement has no decision at its span: at another load (whole gold 3.3-5.4 s), no
claim everywhere 3.9 s before, 0.71 s after; the other states unchanged (0.1-0.26 s).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.services.adjudication import gold_claims, gold_holds_a_claim
from annotator.services.project import open_project
from benchmarks.large_project import build_large_project

STAMP = "2026-01-01T00:00:00Z"


def label_all(path: Path, *, agree_last: bool) -> None:
    """ana and ben label five sentences-worth of spans an article; the fifth differs."""
    with sqlite3.connect(path) as conn:
        for name in ("ana", "ben", "gold"):  # gold: a reviewer's labels, in some states
            conn.execute("INSERT OR IGNORE INTO annotators(name, created_at) VALUES (?, ?)", (name, STAMP))
        conn.execute("DELETE FROM claims")
        conn.execute("DELETE FROM gold_no_claim")
        ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
        rows = []
        for article in ids:
            for n in range(5):
                for name in ("ana", "ben"):
                    label = "factual"
                    if n == 4 and name == "ben" and not (agree_last and article == ids[-1]):
                        label = "opinion"
                    rows.append((article, 2 * n, 2 * n + 1, label, name, STAMP, STAMP))
        conn.executemany(
            'INSERT INTO claims(article_id, start, "end", label, annotator, created_at, updated_at)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def timed(run: Callable[[], bool], repeat: int) -> tuple[float, bool]:
    best, answer = float("inf"), False
    for _ in range(repeat):
        began = time.perf_counter()
        answer = run()
        best = min(best, time.perf_counter() - began)
    return best, answer


def measure(path: Path, state: str, repeat: int) -> None:
    with open_project(path, create=False) as project:
        quick, said = timed(lambda: gold_holds_a_claim(project), repeat)
        whole, truth = timed(lambda: bool(gold_claims(project)), 1)
    assert said == truth, (state, said, truth)
    print(f"{state:22} holds={truth!s:5}  offer {quick * 1000:8.1f} ms   whole gold {whole * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = build_large_project(Path(folder) / "bench.annotator.db", args.articles)
        label_all(path, agree_last=False)
        measure(path, "open", args.repeat)
        label_all(path, agree_last=True)
        measure(path, "one agreed", args.repeat)
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE claims SET label = 'opinion' WHERE annotator = 'ben'")
        measure(path, "none alike", args.repeat)
        label_all(path, agree_last=False)
        with sqlite3.connect(path) as conn:
            conn.execute(
                'INSERT INTO claims(article_id, start, "end", label, annotator, decided_by, created_at,'
                " updated_at) VALUES (1, 8, 9, 'factual', 'gold', 'dana', ?, ?)",
                (STAMP, STAMP),
            )
        measure(path, "labelled", args.repeat)
        label_all(path, agree_last=False)
        with sqlite3.connect(path) as conn:
            conn.execute(
                'INSERT INTO gold_no_claim(article_id, start, "end", decided_by, decided_at)'
                " SELECT id, 30, 35, 'dana', ? FROM articles",
                (STAMP,),
            )
        measure(path, "no claim everywhere", args.repeat)


if __name__ == "__main__":
    main()
