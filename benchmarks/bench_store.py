"""The project store at full size: labelling latency, opening time and export throughput.

    .venv/bin/python benchmarks/bench_store.py [--articles 10000] [--claims-per-article 10]
                                               [--writes 500] [--rebuild]

The project (10,000 articles, 100,000 claims) is built once by a bulk import in one
transaction and cached in benchmarks/_work/ (git-ignored); each run works on a fresh
copy, so the cache never changes. Every figure is printed beside a baseline measured
in the same run on the same file with plain `sqlite3` (same pragmas: WAL,
synchronous=FULL, one transaction per write), and the ratio app / baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.model import ArticleDraft, ClaimDraft, ClaimLabel
from annotator.services.project import open_project

WORK = Path(__file__).resolve().with_name("_work")
WORDS = [
    "the",
    "minister",
    "said",
    "prices",
    "rose",
    "percent",
    "in",
    "may",
    "critics",
    "disagree",
    "government",
    "report",
    "claims",
    "official",
    "figures",
    "show",
    "that",
    "unemployment",
    "fell",
    "police",
    "confirmed",
    "dozens",
    "were",
    "injured",
    "北京",
    "官员",
    "“quoted”",
    "café",
    "naïve",
    "👍🏽",
    "🇫🇷",
    "שלום",
    "über",
    "—",
    "40",
    "°C",
]
LABELS = [label.value for label in ClaimLabel]


def _drafts(articles: int, claims_per_article: int, seed: int) -> Iterator[ArticleDraft]:
    rng = random.Random(seed)
    for i in range(articles):
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))) + "." for _ in range(4)]
        text = f"Article {i}\n\n" + "\n\n".join(paragraphs)
        claims = []
        for _ in range(claims_per_article):
            start = rng.randrange(len(text) - 1)
            end = rng.randint(start + 1, min(len(text), start + 200))
            claims.append(ClaimDraft(start, end, ClaimLabel(rng.choice(LABELS)), annotator="bench"))
        yield ArticleDraft(text=text, title=f"Article {i}", claims=tuple(claims))


def cached_project(articles: int, claims_per_article: int, *, rebuild: bool) -> tuple[Path, float | None]:
    """The big project, built if missing; returns its path and the build time (None if cached)."""
    WORK.mkdir(exist_ok=True)
    path = WORK / f"store_{articles}x{claims_per_article}.annotator"
    if path.exists() and not rebuild:
        with open_project(path, create=False) as project:  # also migrates an older cache, untimed
            if project.article_count() == articles:
                return path, None
    building = path.with_suffix(".building")
    for stale in (building, path):
        stale.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with open_project(building) as project:
        project.import_drafts(_drafts(articles, claims_per_article, seed=1))
    built = time.perf_counter() - t0
    building.replace(path)
    return path, built


def fresh_copy(path: Path, name: str) -> Path:
    copy = WORK / name
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(path, copy)
    return copy


def raw_connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def bench_open(path: Path, repeat: int) -> tuple[float, float, float]:
    def app() -> None:
        with open_project(path, create=False) as project:
            project.article_count()

    def raw() -> None:
        conn = raw_connect(path)
        conn.execute("SELECT count(*) FROM articles").fetchone()
        conn.close()

    def raw_checked() -> None:  # what the app adds on purpose: a quick_check before trusting the file
        conn = raw_connect(path)
        conn.execute("PRAGMA quick_check(1)").fetchone()
        conn.execute("SELECT count(*) FROM articles").fetchone()
        conn.close()

    return _median_time(app, repeat), _median_time(raw, repeat), _median_time(raw_checked, repeat)


def _median_time(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _spans(path: Path, writes: int, seed: int) -> list[tuple[int, int, int]]:
    rng = random.Random(seed)
    conn = sqlite3.connect(str(path))
    lengths = dict(conn.execute("SELECT id, length(text) FROM articles"))
    conn.close()
    ids = sorted(lengths)
    picks = []
    for _ in range(writes):
        aid = rng.choice(ids)
        start = rng.randrange(lengths[aid] - 1)
        picks.append((aid, start, rng.randint(start + 1, min(lengths[aid], start + 120))))
    return picks


def bench_add_claim(path: Path, writes: int) -> tuple[list[float], list[float]]:
    """Per-call latency of `add_claim` and of a plain one-row INSERT transaction, interleaved in blocks."""
    spans = _spans(path, writes, seed=2)
    app: list[float] = []
    raw: list[float] = []
    block = 50
    for first in range(0, writes, block):
        with open_project(path, create=False) as project:
            for aid, start, end in spans[first : first + block]:
                t0 = time.perf_counter()
                project.add_claim(aid, start, end, "factual", annotator="bench", note="latency")
                app.append(time.perf_counter() - t0)
        conn = raw_connect(path)
        for aid, start, end in spans[first : first + block]:
            t0 = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            conn.execute(
                'INSERT INTO claims(article_id, start, "end", label, annotator, note, created_at, updated_at)'
                " VALUES (?, ?, ?, 'factual', 'bench', 'latency', ?, ?)",
                (aid, start, end, stamp, stamp),
            )
            conn.execute("COMMIT")
            raw.append(time.perf_counter() - t0)
        conn.close()
    return app, raw


def _record(claim_id: int, aid: int, start: int, end: int, label: str, who: str, note: str, text: str) -> str:
    return json.dumps(
        {
            "id": claim_id,
            "article_id": aid,
            "start": start,
            "end": end,
            "label": label,
            "annotator": who,
            "note": note,
            "text": text[start:end],
        },
        ensure_ascii=False,
    )


def bench_export(path: Path) -> tuple[float, float, int]:
    """Seconds to turn every claim into a JSON line with its text slice: app API vs plain sqlite3."""

    def app() -> int:
        count = 0
        with open_project(path, create=False) as project:
            current, text = -1, ""
            for c in project.iter_claims():
                if c.article_id != current:
                    current, text = c.article_id, project.article(c.article_id).text
                assert c.id is not None
                _record(c.id, c.article_id, c.start, c.end, c.label.value, c.annotator, c.note, text)
                count += 1
        return count

    def raw() -> int:
        count = 0
        conn = sqlite3.connect(str(path))
        current, text = -1, ""
        rows = conn.execute(
            'SELECT id, article_id, start, "end", label, annotator, note FROM claims'
            ' ORDER BY article_id, start, "end", id'
        )
        for claim_id, aid, start, end, label, who, note in rows:
            if aid != current:
                current, text = (
                    aid,
                    conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()[0],
                )
            _record(claim_id, aid, start, end, label, who, note, text)
            count += 1
        conn.close()
        return count

    app_times, raw_times, count = [], [], 0
    for _ in range(3):  # alternate: the machine is shared
        t0 = time.perf_counter()
        count = app()
        app_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        assert raw() == count
        raw_times.append(time.perf_counter() - t0)
    return min(app_times), min(raw_times), count


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims-per-article", type=int, default=10)
    parser.add_argument("--writes", type=int, default=500, help="add_claim calls timed")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached project")
    args = parser.parse_args()

    big, built = cached_project(args.articles, args.claims_per_article, rebuild=args.rebuild)
    size_mb = big.stat().st_size / 1_048_576
    print(f"## Store: {args.articles:,} articles, {args.articles * args.claims_per_article:,} claims")
    how = f"built in {built:.1f} s, one transaction" if built else "cached"
    print(f"- project file: {size_mb:.1f} MB ({how})")

    copy = fresh_copy(big, f"run-{os.getpid()}.annotator")
    app_open, raw_open, raw_checked = bench_open(copy, repeat=5)
    print(
        f"- open project (median of 5, warm cache): {ms(app_open)}; baseline sqlite3 connect + count "
        f"{ms(raw_open)}, ratio {app_open / raw_open:.1f}x; baseline with PRAGMA quick_check "
        f"{ms(raw_checked)}, ratio {app_open / raw_checked:.2f}x"
    )

    app_lat, raw_lat = bench_add_claim(copy, args.writes)
    q = lambda xs, p: statistics.quantiles(xs, n=100)[p - 1]  # noqa: E731
    print(
        f"- add_claim latency over {len(app_lat)} calls: median {ms(statistics.median(app_lat))}, "
        f"p95 {ms(q(app_lat, 95))}; baseline one-row INSERT transaction median "
        f"{ms(statistics.median(raw_lat))}, p95 {ms(q(raw_lat, 95))}; ratio (median) "
        f"{statistics.median(app_lat) / statistics.median(raw_lat):.1f}x"
    )

    app_export, raw_export, count = bench_export(copy)
    print(
        f"- export {count:,} claims to JSON with text (best of 3): {count / app_export:,.0f} claims/s "
        f"({app_export:.2f} s); baseline sqlite3 + json.dumps {count / raw_export:,.0f} claims/s "
        f"({raw_export:.2f} s); ratio app/baseline time {app_export / raw_export:.2f}x"
    )
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
