"""How long the training dialog's check of the labels takes on a large project.

    .venv/bin/python benchmarks/bench_train_readiness.py [--articles 10000] [--claims 5] [--runs 5]

A project of `--articles` Wikinews articles (`large_project.py`) with `--claims` labelled
claims each (labels in turn, one in five labelled by a second person too, as on a team's
file). Timed, median and largest of `--runs`, on a connection opened once: the check the
dialog makes in the pool when it opens and after each edit (`training_readiness`), and
beside it the baseline measured in the same run, what training read before it could refuse
(`collect_examples`: every claim built and checked, each article's text and candidates);
then the check as the dialog's pool work makes it, opening its own connection first while
the first stays open (as the window's does).
Prints figures; asserts nothing.

10,000 articles, 59,778 claims (49,815 passages), median (largest) of 5 runs, shared
two-core machine at loads of 4.5-6.7:

| measure | first version | after |
|---|---|---|
| `training_readiness` | 1,035 (1,279) ms | 278-364 (346-586) ms |
| `collect_examples`, the baseline | 4,453 (5,561) ms | 2,356-3,296 (3,350-3,707) ms |
| ratio | 4.3x | 6.5-11.8x |
| opened in the pool, then checked | 1,146 (1,903) ms (a) | 241-320 (283-330) ms (b) |

(a) with no other connection open, so the file's checks were made again; (b) with the first
connection open, as the window's is.

The first version built a Counter per passage and per example and sorted the claims by span
in SQL, and turned each label into a `ClaimLabel` by calling the enum; after, a passage one
person labelled is taken as it is, the claims are read in id order, and labels are looked up.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annotator.core.model import ArticleDraft, ClaimDraft, ClaimLabel
from benchmarks.large_project import ARTICLES

CLAIM_CHARS = 40


def build(path: Path, articles: int, claims: int) -> Path:
    from annotator.services.project import open_project

    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    labels = list(ClaimLabel)
    drafts = []
    for n in range(articles):
        text = f"{records[n % len(records)]['text']}\n\nCopy {n}."
        made: list[ClaimDraft] = []
        for k in range(claims):
            start = k * (CLAIM_CHARS + 10)
            if start + CLAIM_CHARS > len(text):
                break
            label = labels[(n + k) % len(labels)]
            made.append(ClaimDraft(start, start + CLAIM_CHARS, label, annotator="alice"))
            if k % 5 == 0:
                made.append(ClaimDraft(start, start + CLAIM_CHARS, label, annotator="bob"))
        drafts.append(ArticleDraft(text=text, title=f"bench {n}", source="bench", claims=tuple(made)))
    with open_project(path) as project:
        project.import_drafts(drafts)
    return path


def timed(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds), max(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["ANNOTATOR_HOME"] = tempfile.mkdtemp(prefix="annotator-bench-")
    from annotator.services.project import open_project
    from annotator.services.suggestions import collect_examples, training_readiness

    home = Path(os.environ["ANNOTATOR_HOME"])
    began = time.perf_counter()
    path = build(home / "large.annotator.db", args.articles, args.claims)
    with open_project(path, create=False) as project:
        rows = len(project.claims())
        print(f"{args.articles:,} articles, {rows:,} claims, built in {time.perf_counter() - began:.0f} s")
        print(training_readiness(project).sentence())
        check = timed(args.runs, lambda: training_readiness(project))
        baseline = timed(args.runs, lambda: collect_examples(project))

        def opened_and_checked() -> None:
            with open_project(path, create=False) as fresh:
                training_readiness(fresh)

        # With this connection open, as the window's is: the pool's skips the file's checks.
        pool_work = timed(args.runs, opened_and_checked)
    print(f"median (largest) of {args.runs} runs:")
    print(f"  training_readiness                {check[0] * 1000:7.0f} ({check[1] * 1000:.0f}) ms")
    print(f"  collect_examples (baseline)       {baseline[0] * 1000:7.0f} ({baseline[1] * 1000:.0f}) ms")
    print(f"  ratio                             {baseline[0] / check[0]:7.1f}x")
    print(f"  open + training_readiness (pool)  {pool_work[0] * 1000:7.0f} ({pool_work[1] * 1000:.0f}) ms")


if __name__ == "__main__":
    main()
