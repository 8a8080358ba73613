"""An open dashboard's refresh on a large team file: how long it takes, and how long the window stalls.

    .venv/bin/python benchmarks/bench_dashboard_refresh.py [--articles 5000] [--rounds 2] [--rebuild]

A team file of `--articles` articles, each labelled by one to three of four people (about seven
claims an article, 36,000 claims at 5,000), with 300-odd review decisions, is built once in
benchmarks/_work/dashboard/ (git-ignored) and opened in the window (offscreen); Team ▸
Statistics is opened and refreshed `--rounds` times. A 5 ms timer on the window's thread
notes when it fires: the longest gap between two ticks is the longest the window could not
answer a key. Baselines, in the same run: the window idle, a plain Python loop in a thread,
and the figures worked out as a refresh did before (`before_refresh`: three reads of the
claims, agreement's units built twice, the garbage collector running) in the pool, without
being shown. Prints figures; asserts nothing.

Figures, 5,000 articles (36,082-36,406 claims), two or three rounds, a shared two-core machine
under a load of about 7 (so the plain loop stalls the window too); "before" is this script's
dashboard refresh on the commit before the table was emptied first, the collector paused and
the claims read once (9f0f9fc7), and, within one run, the `before_refresh` line:

| | refresh, s | longest stall, ms |
|---|---|---|
| idle window | | 13-58 |
| plain loop in a thread | | 36-59 |
| dashboard refresh before | 15-31 | 640-1,691 |
| `before_refresh` (not shown), same run as the line below | 8.5-9.8 | 301-334 |
| dashboard refresh after | 6-9 | 120-210 |

What stalls the window now is the end of a refresh: the collector's first collection once it
runs again, the figures' objects freed at once, and the new figures laid out (40-65 ms).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.model import ArticleDraft, ClaimDraft, ClaimLabel
from annotator.services.project import Project, open_project

WORK = Path(__file__).resolve().with_name("_work") / "dashboard"
WORDS = ["the", "minister", "said", "prices", "rose", "percent", "in", "may", "critics", "report", "official"]
PEOPLE = ["ana", "ben", "chloé", "dev"]
TICK_MS = 5


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
        for _ in range(sentences)
    )


def build(articles: int, *, rebuild: bool = False) -> Path:
    """The team file (cached): claims on whole sentences, one in ten starting two characters in."""
    from annotator.services.adjudication import decide, review_items

    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"team-{articles}.annotator.db"
    if path.exists() and not rebuild:
        return path
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(7)
    drafts = []
    for i in range(articles):
        text = f"Article {i}. " + _text(rng, 6)
        starts = [0] + [j + 2 for j, ch in enumerate(text) if ch == "." and j + 2 < len(text)]
        ends = [j + 1 for j, ch in enumerate(text) if ch == "."]
        claims = []
        for person in rng.sample(PEOPLE, rng.choice([1, 1, 2, 2, 3])):
            for start, end in zip(starts, ends, strict=False):
                if rng.random() < 0.57:
                    start += 2 if rng.random() < 0.1 else 0
                    claims.append(ClaimDraft(start, end, rng.choice(list(ClaimLabel)), annotator=person))
        drafts.append(ArticleDraft(text=text, title=f"article {i}", claims=tuple(claims)))
    with open_project(path) as project:
        project.import_drafts(drafts)
        for item in review_items(project)[: articles // 12]:
            decide(project, item, rng.choice([*ClaimLabel, None]), reviewer="lead")
    return path


def before_refresh(project: Project) -> object:
    """The figures a refresh worked out before, as it worked them out: each service on its own
    read of the claims, the collector running."""
    from annotator.services.agreement import agreement
    from annotator.services.statistics import agreed_spans, decision_counts, preannotation_checks

    claims = list(project.iter_claims())
    return (
        agreement(project),
        agreed_spans(project, claims),
        decision_counts(project),
        project.stats().articles,
        preannotation_checks(project),
        {s.id: s.title for s in project.articles()},
    )


class Ticks(QObject):
    """When a timer of `TICK_MS` fired on the window's thread."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self.timer.start()

    def longest(self, since: float) -> float:
        times = [t for t in self.times if t >= since]
        return max((b - a for a, b in pairwise(times)), default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = build(args.articles, rebuild=args.rebuild)

    app = QApplication.instance() or QApplication([])
    from annotator.services.settings import Settings
    from annotator.ui.main_window import MainWindow
    from annotator.ui.team_tasks import compute_in_background

    window = MainWindow(Settings(annotator="dana"))
    window.auto_preannotate = False  # the bench measures the figures, not spaCy
    window.show()
    window.open_project(path)

    def wait(condition: Callable[[], bool], seconds: float = 900) -> None:
        end = time.perf_counter() + seconds
        while not condition():
            if time.perf_counter() > end:
                raise TimeoutError
            app.processEvents()
            time.sleep(0.001)

    def pause(seconds: float) -> None:
        end = time.perf_counter() + seconds
        wait(lambda: time.perf_counter() > end)

    wait(lambda: not window.busy)
    pause(3)  # what the opening started settles
    assert window.project is not None
    claims = window.project.stats().claims
    print(f"{path.name}: {args.articles} articles, {claims} claims")
    ticks = Ticks()
    since = time.perf_counter()
    pause(2)
    print(f"idle window:                      longest stall {ticks.longest(since) * 1000:5.0f} ms")

    def spin() -> None:
        end, total = time.perf_counter() + 3, 0
        while time.perf_counter() < end:
            total += sum(range(100))

    since = time.perf_counter()
    spinner = threading.Thread(target=spin)
    spinner.start()
    wait(lambda: not spinner.is_alive())
    print(f"plain loop in a thread:           longest stall {ticks.longest(since) * 1000:5.0f} ms")

    for round_ in range(args.rounds):
        done: list[Any] = []
        since = time.perf_counter()
        compute_in_background(window.project, before_refresh, done.append, done.append, name="before")
        wait(lambda done=done: bool(done))
        took = time.perf_counter() - since
        print(
            f"before, round {round_ + 1} (not shown):     {took:5.1f} s, "
            f"longest stall {ticks.longest(since) * 1000:5.0f} ms"
        )

    window.registry["statistics"].trigger()
    dialog = window.team.dashboard_dialog
    assert dialog is not None
    board = dialog.dashboard
    wait(lambda: not board.loading)
    pause(1)
    for round_ in range(args.rounds):
        since = time.perf_counter()
        board.refresh()
        wait(lambda: not board.loading)
        took = time.perf_counter() - since
        pause(0.5)  # what the new figures' layout and the collector's return leave
        print(
            f"dashboard refresh, round {round_ + 1}:      {took:5.1f} s, "
            f"longest stall {ticks.longest(since) * 1000:5.0f} ms"
        )
    dialog.close()
    window.close()
    QThreadPool.globalInstance().waitForDone()


if __name__ == "__main__":
    main()
