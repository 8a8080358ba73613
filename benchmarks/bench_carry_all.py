"""What Pre-annotate All costs when it brings earlier articles up to the team's entity decisions.

    .venv/bin/python benchmarks/bench_carry_all.py [--articles 265] [--decisions 10]

The Wikinews articles are imported into a fresh project and pre-annotated with the default
pipeline (`preannotate`, as the window's Pre-annotate All and `annotator annotate` run it):
that run is the baseline. Then a person rejects, in the first article that has it, one
mention of each of the `--decisions` most often suggested (name, type) pairs, and adds, as an
organisation, the capitalised word most articles hold that is no word of any name the model suggested.
Pre-annotate All is run again, and this time only carries the decisions to the articles
analysed before them (`services.preannotate.carry_decisions`). A third run, with nothing new decided, finds
the same decisions recorded as carried everywhere and walks no article.

`--decided N` then measures, on a synthetic file with N decided mentions (1,000 articles), what
reading them costs: the decisions pre-annotation and the window use
(`ProjectStore.entity_decisions`, read afresh) and the list Team > Entity Decisions… shows
(`ProjectStore.decided_names`, read on the UI thread when the dialog opens), each against the
plain SELECT of the same rows in the same process.

Printed: each run's wall time, the carry run against the pre-annotation run (ratio), the time
per article, and what the carry changed. The decisions are arbitrary on purpose (the commonest
names, right or wrong): this measures cost and reach, not whether the decisions are good.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.commands import AddEntity
from annotator.core.entity_decisions import entity_name
from annotator.core.model import ArticleDraft, Entity, EntityStatus
from annotator.core.text import whole_word_spans
from annotator.services import labelling
from annotator.services.preannotate import load_pipeline, preannotate
from annotator.services.project import open_project, store_of
from annotator.store import ProjectStore

ARTICLES = Path(__file__).resolve().parent / "data" / "wikinews-articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=265)
    parser.add_argument("--decisions", type=int, default=10)
    parser.add_argument("--decided", type=int, default=50_000)
    args = parser.parse_args()
    if args.decided:
        reading(args.decided)
    if not args.articles:
        return
    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()][
        : args.articles
    ]
    pipeline = load_pipeline(None)
    with tempfile.TemporaryDirectory() as folder:
        project = open_project(Path(folder) / "bench.annotator")
        store = store_of(project)
        store.import_drafts(
            [
                ArticleDraft(text=r["text"], title=r["meta"].get("title") or f"a{i}")
                for i, r in enumerate(records)
            ]
        )
        started = time.perf_counter()
        first = preannotate(project, pipeline=pipeline)
        analysed = time.perf_counter() - started

        counts: Counter[tuple[str, str]] = Counter()
        where: dict[tuple[str, str], tuple[int, Entity]] = {}
        for article_id in store.article_ids():
            text = store.article(article_id).text
            for entity in store.annotated(article_id).entities:
                key = (entity_name(text, entity.start, entity.end), entity.label)
                counts[key] += 1
                where.setdefault(key, (article_id, entity))
        chosen = [key for key, _ in counts.most_common(args.decisions)]
        for key in chosen:
            article_id, entity = where[key]
            outcome = labelling.reject_entity(entity)
            assert outcome.command is not None
            store.execute(outcome.command)
        # One name added by hand: the capitalised word most articles hold that is no word of any
        # name the model suggested, added at its first mention; carrying suggests it wherever it
        # stands as whole words.
        words_of_names = {word for name, _ in counts for word in name.split()}
        holding: Counter[str] = Counter()
        for record in records:
            holding.update({w.strip(".,;:!?\"'()") for w in record["text"].split()})
        added = next(
            w
            for w, _ in holding.most_common()
            if w.istitle() and len(w) > 3 and w.isalpha() and w not in words_of_names
        )
        for article_id in store.article_ids():
            text = store.article(article_id).text
            spans = whole_word_spans(text, added)
            if spans:
                at, end = spans[0]
                store.execute(AddEntity(article_id, Entity(at, end, "ORG", EntityStatus.ADDED)))
                break

        started = time.perf_counter()
        carried = preannotate(project, pipeline=pipeline)
        carrying = time.perf_counter() - started
        started = time.perf_counter()
        again = preannotate(project, pipeline=pipeline)
        walking = time.perf_counter() - started
        project.close()

    n = len(records)
    print(f"{n} Wikinews articles, {pipeline.info.name} {pipeline.info.version}")
    print(
        f"decisions: rejected {', '.join(f'{name} ({label})' for name, label in chosen)}; added {added} (ORG)"
    )
    print(f"pre-annotation (baseline): {analysed:.2f} s ({first.analysed} analysed)")
    c = carried.carried
    print(
        f"Pre-annotate All carrying the decisions: {carrying:.2f} s"
        f" ({carrying / analysed:.3f}x the baseline, {carrying / n * 1000:.1f} ms per article);"
        f" {c.left_out} suggestion(s) left out and {c.added} added in {c.articles} article(s)"
    )
    print(
        f"Pre-annotate All with nothing new decided: {walking:.2f} s ({walking / analysed:.3f}x);"
        f" changed {again.carried.articles} article(s)"
    )


def reading(decided: int) -> None:
    """Read `decided` synthetic decided mentions as the app does, against a plain SELECT."""
    articles = 1000
    per_article = max(1, decided // articles)
    words = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Theta", "Kappa", "Lambda", "Sigma"]
    text = " ".join(f"{words[i % len(words)]}{i // len(words)} said so." for i in range(per_article))
    with tempfile.TemporaryDirectory() as folder:
        project = open_project(Path(folder) / "decided.annotator")
        store = store_of(project)
        store.import_drafts([ArticleDraft(text=f"{text} #{n}", title=f"a{n}") for n in range(articles)])
        rows = []
        for article_id in store.article_ids():
            at = 0
            for i in range(per_article):
                name = f"{words[i % len(words)]}{i // len(words)}"
                status = ("rejected", "added", "accepted")[i % 3]
                rows.append((article_id, at, at + len(name), "ORG", status))
                at += len(name) + len(" said so. ")
        with store.transaction():
            store.conn.executemany(
                'INSERT INTO entities(article_id, start, "end", label, status) VALUES (?, ?, ?, ?, ?)', rows
            )
        project.close()
        path = Path(folder) / "decided.annotator"
        select = "SELECT article_id, start, \"end\", label, status FROM entities WHERE status != 'suggested'"
        timings: dict[str, float] = {}
        for what in ("plain SELECT", "entity_decisions", "decided_names"):
            best = float("inf")
            for _ in range(3):
                with ProjectStore(path) as fresh:  # nothing cached: the first read after opening
                    started = time.perf_counter()
                    if what == "plain SELECT":
                        fresh.conn.execute(select).fetchall()
                    elif what == "entity_decisions":
                        fresh.entity_decisions()
                    else:
                        fresh.decided_names()
                    best = min(best, time.perf_counter() - started)
            timings[what] = best
    baseline = timings["plain SELECT"]
    print(f"{len(rows)} decided mentions in {articles} articles, best of 3:")
    said = {
        "plain SELECT": "plain SELECT of the rows",
        "entity_decisions": "entity_decisions (pre-annotation, the window)",
        "decided_names": "decided_names (Team > Entity Decisions…)",
    }
    for what, seconds in timings.items():
        print(f"  {said[what]}: {seconds:.3f} s ({seconds / baseline:.1f}x the plain SELECT)")


if __name__ == "__main__":
    main()
