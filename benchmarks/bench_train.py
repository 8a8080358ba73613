"""Training time and held-out macro-F1 of the claim classifier for 200, 1,000 and 5,000 labelled claims.

    .venv/bin/python benchmarks/bench_train.py [--data DIR] [--sizes 200 1000 5000] [--seeds 0 1 2]
    .venv/bin/python benchmarks/bench_train.py --ui-stall   # the window while it trains

`--ui-stall` trains on every NewsSD sentence (830 with the shared data) with a window's
event loop running (offscreen), once from the train dialog (a child process) and once in a
pool thread (how it was done before), and prints the longest event-loop stall a 10 ms
QTimer sees meanwhile, beside the same timer's longest gap over 3 s with nothing running.

Data: NewsSD-ENG (CC BY 4.0, Antici et al., LREC-COLING 2024, nlp-unibo/newssd-eng),
`train.csv` then `val.csv` from DIR (default /work/shared/samples/subjectivity, else the
400-row subset in tests/data/subjectivity), SUBJ -> opinion, OBJ -> factual, grouped into
pseudo-articles of 10 consecutive sentences (rows come in runs from one article).

NewsSD has only 830 sentences. A size above that is reached by REPEATING real sentences
(exact copies, round-robin), each copy placed in its original's article, so the split by
article still keeps every copy of a held-out sentence out of training. So: training time
for 1,000 and 5,000 is real; the F1 there is NOT a figure for 1,000 / 5,000 distinct
claims (repeats add no new information; the held-out part also contains repeats, which
weights its sentences unevenly). The baseline printed beside each F1 is "always the
majority class" on the same held-out part, measured in the same run.
Training goes through `train_claim_model` (a real project file, model stored), with
suggestions switched off; the time of suggesting labels for every candidate is printed
separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.model import ArticleDraft, ClaimDraft, ClaimLabel
from annotator.services.project import open_project
from annotator.services.suggestions import TrainOptions, suggest_labels, train_claim_model
from tests.data.subjectivity import newssd

SHARED = Path("/work/shared/samples/subjectivity")
PER_ARTICLE = 10


def load_rows(folder: Path) -> tuple[list[tuple[str, ClaimLabel]], str]:
    if (folder / "train.csv").exists():
        rows = newssd.read_rows(folder / "train.csv")
        if (folder / "val.csv").exists():
            rows += newssd.read_rows(folder / "val.csv")
        return rows, str(folder)
    return newssd.read_rows(), str(newssd.SUBSET)


def build_drafts(rows: list[tuple[str, ClaimLabel]], size: int) -> tuple[list[ArticleDraft], int]:
    """`size` labelled claims: the first `size` real rows, or all rows plus repeats in their own article."""
    real = rows[:size]
    groups: dict[int, list[tuple[str, ClaimLabel]]] = defaultdict(list)
    for i, row in enumerate(real):
        groups[i // PER_ARTICLE].append(row)
    for k in range(size - len(real)):
        j = k % len(real)
        groups[j // PER_ARTICLE].append(real[j])
    drafts = []
    for g, items in sorted(groups.items()):
        parts, claims, offset = [], [], 0
        for sentence, label in items:
            claims.append(ClaimDraft(offset, offset + len(sentence), label, annotator=newssd.ANNOTATOR))
            parts.append(sentence)
            offset += len(sentence) + 1
        drafts.append(
            ArticleDraft(
                text=" ".join(parts),
                title=f"NewsSD {g}",
                meta={"sentences": [[c.start, c.end] for c in claims]},
                claims=tuple(claims),
            )
        )
    return drafts, len(real)


def bench_ui_stall(rows: list[tuple[str, ClaimLabel]], source: str, epochs: int) -> None:
    """Longest gap between 10 ms timer ticks while training runs (like bench_ui's import).

    First as the train dialog does it (a child process), then as it was done before
    (`train_claim_model` in a pool thread, importing spaCy there): the second run comes
    last because it imports spaCy into this process.
    """
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.ui.suggestions import TrainDialog
    from annotator.ui.workers import Task

    app = QApplication.instance() or QApplication([])
    drafts, _ = build_drafts(rows, len(rows))
    options = TrainOptions(epochs=epochs)
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]
    gaps: list[int] = []

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    pool = QThreadPool()
    with tempfile.TemporaryDirectory() as tmp:
        for way in ("child process (the train dialog)", "pool thread (before)"):
            path = Path(tmp) / f"stall-{len(gaps)}.db"
            with open_project(path) as project:
                project.import_drafts(drafts)
                newssd.add_candidates(project)
            dialog = TrainDialog(path, pool, options=options)
            dialog.show()
            wait(500)  # settle
            gaps.clear()
            wait(3000)  # what the machine alone costs
            idle = max(gaps, default=0)
            gaps.clear()
            done = QEventLoop()
            started = time.perf_counter()
            if way.startswith("child"):
                dialog.trained.connect(lambda _r, loop=done: loop.quit())
                dialog.failed.connect(lambda _m, loop=done: loop.quit())
                dialog.start()
            else:

                def work(progress, cancel, path=path):  # type: ignore[no-untyped-def]
                    with open_project(path, create=False) as project:
                        return train_claim_model(project, options=options, progress=progress, cancel=cancel)

                task = Task(work, name="train")
                task.signals.finished.connect(done.quit)
                pool.start(task)
            done.exec()
            elapsed = time.perf_counter() - started
            longest = max(gaps, default=0)
            pool.waitForDone()
            dialog.close()
            print(
                f"train {len(rows)} sentences ({source}) in a {way}: {elapsed:.1f} s; "
                f"longest event-loop stall {longest} ms (timer every 10 ms; "
                f"baseline with nothing running: {idle} ms over 3 s)",
                flush=True,
            )
    timer.stop()
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--epochs", type=int, default=TrainOptions().epochs)
    parser.add_argument("--ui-stall", action="store_true", help="measure the window while it trains")
    args = parser.parse_args()
    rows, source = load_rows(args.data)
    if args.ui_stall:
        bench_ui_stall(rows, source, args.epochs)
        return 0
    print(f"data: {source} ({len(rows)} sentences); epochs {args.epochs}; seeds {args.seeds}")
    print(
        f"{'claims':>7} {'distinct':>8} {'seed':>4} {'train s':>8} {'n_eval':>6} "
        f"{'macro-F1':>8} {'baseline':>8} {'suggest s':>9}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            drafts, distinct = build_drafts(rows, size)
            f1s, times = [], []
            for seed in args.seeds:
                path = Path(tmp) / f"bench-{size}-{seed}.db"
                with open_project(path) as project:
                    project.import_drafts(drafts)
                    newssd.add_candidates(project)
                    result = train_claim_model(
                        project, options=TrainOptions(seed=seed, epochs=args.epochs, suggest=False)
                    )
                    started = time.perf_counter()
                    suggested = suggest_labels(project)
                    suggest_seconds = time.perf_counter() - started
                ev = result.evaluation
                majority = max(ev.per_label[label].support for label in ev.labels) / max(ev.n_eval, 1)
                baseline = (2 * majority / (1 + majority)) / len(ev.labels)
                f1s.append(ev.macro_f1)
                times.append(result.train_seconds)
                print(
                    f"{size:>7} {distinct:>8} {seed:>4} {result.train_seconds:>8.1f} {ev.n_eval:>6} "
                    f"{ev.macro_f1:>8.3f} {baseline:>8.3f} {suggest_seconds:>9.1f}  ({suggested} candidates)",
                    flush=True,
                )
            note = (
                "" if distinct == size else f"  [{size - distinct} repeats: F1 not a generalisation figure]"
            )
            print(
                f"  size {size}: train {statistics.median(times):.1f} s (median), macro-F1 mean "
                f"{statistics.mean(f1s):.3f} (min {min(f1s):.3f}, max {max(f1s):.3f}){note}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
