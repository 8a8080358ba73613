"""Merging a team's files: 10 projects of 1,000 articles and 10,000 claims each.

    .venv/bin/python benchmarks/bench_merge.py [--projects 10] [--articles 1000]
                                              [--claims-per-article 10] [--shared 500] [--rebuild]

Every project holds `--shared` articles that all annotators labelled plus its own;
so the team file ends with shared + projects x (articles - shared) articles. The
source files are built once and cached in benchmarks/_work/merge/ (git-ignored).
Printed: the merge of all files in one transaction (time, peak Python memory by
tracemalloc in a second run, max RSS), merging them all again (a no-op), agreement
on the result, and a baseline: plain sqlite3 copying the same claim rows with no
identity checks, measured in the same run.

Agreement before/after: the same claims and sentences go through this checkout's
`compute_agreement` and through the one at `--agreement-baseline` (a git revision,
default the commit before pairs were matched once), loaded from git in this run;
both reports must be equal.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import subprocess
import sys
import time
import tracemalloc
import types
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.agreement import compute_agreement
from annotator.core.model import ArticleDraft, ClaimDraft, ClaimLabel
from annotator.services.agreement import agreement, agreement_inputs
from annotator.services.merging import merge_files
from annotator.services.project import open_project

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT_BASELINE = "42e7b2c"  # agreement.py before each pair's spans were matched once

WORK = Path(__file__).resolve().with_name("_work") / "merge"
WORDS = ["the", "minister", "said", "prices", "rose", "percent", "in", "may", "critics", "report", "official"]
LABELS = list(ClaimLabel)


def _text(rng: random.Random, n_sentences: int) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
        for _ in range(n_sentences)
    )


def build_sources(args: argparse.Namespace) -> list[Path]:
    WORK.mkdir(parents=True, exist_ok=True)
    paths = [WORK / f"annotator{k:02d}.db" for k in range(args.projects)]
    tag = WORK / f"built-{args.projects}-{args.articles}-{args.claims_per_article}-{args.shared}"
    if tag.exists() and not args.rebuild and all(p.exists() for p in paths):
        return paths
    for path in WORK.glob("*.db*"):
        path.unlink()
    for old in WORK.glob("built-*"):
        old.unlink()
    shared_rng = random.Random(1)
    shared = [_text(shared_rng, args.claims_per_article) for _ in range(args.shared)]
    for k, path in enumerate(paths):
        rng = random.Random(100 + k)
        own = [
            f"Article {k}-{i}. " + _text(rng, args.claims_per_article)
            for i in range(args.articles - args.shared)
        ]
        drafts = []
        for i, text in enumerate(shared + own):
            starts = [0] + [j + 2 for j, ch in enumerate(text) if ch == "." and j + 2 < len(text)]
            ends = [j + 1 for j, ch in enumerate(text) if ch == "."]
            spans = list(zip(starts, ends, strict=False))[: args.claims_per_article]
            claims = tuple(
                ClaimDraft(s, e, rng.choice(LABELS), annotator=f"annotator{k:02d}", note="") for s, e in spans
            )
            drafts.append(ArticleDraft(text=text, title=f"article {i}", claims=claims))
        with open_project(path) as project:
            project.import_drafts(drafts)
    tag.touch()
    return paths


def _fresh(name: str) -> Path:
    path = WORK / name
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def baseline(sources: list[Path]) -> float:
    """Plain sqlite3: copy every claim row into one table in one transaction, nothing checked."""
    path = _fresh("baseline.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        'CREATE TABLE claims (article_hash TEXT, start INT, "end" INT, annotator TEXT, label TEXT, note TEXT)'
    )
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for source in sources:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        rows = src.execute(
            'SELECT a.content_hash, c.start, c."end", c.annotator, c.label, c.note'
            " FROM claims c JOIN articles a ON a.id = c.article_id"
        ).fetchall()
        conn.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?)", rows)
        src.close()
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def load_baseline_agreement(revision: str) -> Any:
    """`annotator.core.agreement` as it was at `revision`, as a separate module; None without git."""
    try:
        source = subprocess.run(
            ["git", "show", f"{revision}:annotator/core/agreement.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("agreement_baseline")
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    exec(compile(source, f"{revision}:agreement.py", "exec"), module.__dict__)
    return module


def bench_agreement(team: Any, revision: str) -> list[str]:
    """Agreement on the team file, exact and relaxed: this checkout against `revision`."""
    claims, sentences = agreement_inputs(team, match="relaxed")
    baseline = load_baseline_agreement(revision)
    lines = [] if baseline is not None else [f"agreement baseline: cannot read {revision} from git"]
    for mode in ("exact", "relaxed"):
        started = time.perf_counter()
        after = compute_agreement(claims, match=mode, sentences=sentences)
        after_time = time.perf_counter() - started
        line = f"agreement {mode:<7} ({len(claims)} claims): after {after_time:6.2f} s"
        if baseline is not None:
            started = time.perf_counter()
            before = baseline.compute_agreement(claims, match=mode, sentences=sentences)
            before_time = time.perf_counter() - started
            same = "same report" if before.to_dict() == after.to_dict() else "REPORTS DIFFER"
            ratio = before_time / after_time
            line += f"   before ({revision}) {before_time:6.2f} s   {ratio:4.1f}x faster, {same}"
        lines.append(line)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--claims-per-article", type=int, default=10)
    parser.add_argument("--shared", type=int, default=500)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--agreement-baseline", default=AGREEMENT_BASELINE, metavar="REVISION")
    args = parser.parse_args()

    started = time.perf_counter()
    sources = build_sources(args)
    print(f"sources: {len(sources)} files, built or found in {time.perf_counter() - started:.1f} s")

    base = baseline(sources)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open_project(_fresh("team.db")) as team:
        started = time.perf_counter()
        reports = merge_files(team, sources)
        merge_time = time.perf_counter() - started
        stats = team.stats()
        started = time.perf_counter()
        again = merge_files(team, sources)
        again_time = time.perf_counter() - started
        started = time.perf_counter()
        report = agreement(team)
        agreement_time = time.perf_counter() - started
        agreement_lines = bench_agreement(team, args.agreement_baseline)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    tracemalloc.start()
    with open_project(_fresh("team-traced.db")) as traced:
        merge_files(traced, sources)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    added = sum(r.claims_added for r in reports)
    print(
        f"team file: {stats.articles} articles, {stats.claims} claims ({added} added), "
        f"{sum(len(r.conflicts) for r in reports)} conflicts"
    )
    print(f"merge (one transaction):      {merge_time:6.2f} s   {added / merge_time:8.0f} claims/s")
    print(f"baseline (plain row copy):    {base:6.2f} s   ratio merge/baseline {merge_time / base:.1f}x")
    print(
        f"merge again (no-op):          {again_time:6.2f} s"
        f"   claims added {sum(r.claims_added for r in again)}"
    )
    print(
        f"agreement (service, exact, reading included): {agreement_time:6.2f} s   "
        f"{len(report.annotators)} people, team alpha {report.team.alpha.value:.3f}"
        f" on {report.team.alpha.items} units"
    )
    print("\n".join(agreement_lines))
    print(f"peak Python memory (tracemalloc, merge): {peak / 2**20:6.1f} MiB")
    print(f"max RSS of the process: {rss_after / 1024:6.1f} MiB (before merge {rss_before / 1024:.1f} MiB)")


if __name__ == "__main__":
    main()
