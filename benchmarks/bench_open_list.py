"""How long opening a large project holds the window's UI thread, offscreen.

    .venv/bin/python benchmarks/bench_open_list.py [--articles 10000] [--opens 5] [--route open|start]

A project of `--articles` Wikinews articles (`large_project.py`, no pre-annotation; the
window's background pre-annotation is turned off) is opened in a shown window `--opens` times,
another project opened between. The large one is opened as File ▸ Open does
(`open_checked_in_pool`, its checks in the pool; `open_project` on a commit without it). For
each opening, a 5 ms timer runs from just before the call until half a second after the list
shows every row; printed (median and largest of the openings): how long the call held the UI
thread, the longest gap between two ticks of the timer (the longest the window could not
answer), the longest begun by the time the first article was shown and the longest begun
after it (the list's rows), the most CPU time the UI thread spent between two ticks before and
after the first article was shown (what the window did, whatever the machine's load made of
it), when the list showed its rows and when the first article was shown.
Prints figures; asserts nothing.

Before and after the list was read in the pool (the article to open read alone and shown at
once), 10,000 articles, median of 5 openings (largest), this script on the commit before and
after, one after the other, shared two-core machine at a load of 2.4 (first pair) and 5.9:

| measure | before | after |
|---|---|---|
| `open_project` held the UI thread | 521 (644), 634 (701) ms | 228 (375), 271 (334) ms |
| longest gap of the 5 ms timer | 570 (694), 694 (748) ms | 254 (397), 287 (353) ms |
| the first article shown after | 521 (644), 634 (701) ms | 228 (375), 271 (334) ms |
| the list's rows shown after | 521 (644), 634 (701) ms | 551 (764), 742 (1,449) ms |

What the open still holds is the file's checks (`check_connection`, about 0.19 s quiet, of
which the value sizes 0.13 s), never deferred, and the first article shown; the rows come
later than before, read after the pool's own connection makes the same checks.

Before and after the checks were made cheaper (a value's bytes compared with its limit
before its characters are counted) and made once (the pool's connection to the window's
project, unchanged since, does not repeat them), 10,000 articles, median of 5 openings
(largest), this script on the commit before and after, one after the other, three pairs on a
shared two-core machine at loads of 4.4-5.8, 6.6-6.8 and 6.4-6.6:

| measure | before | after |
|---|---|---|
| `open_project` held UI | 615 (653), 466 (552), 396 (1,032) ms | 467 (503), 320 (391), 374 (426) ms |
| longest gap of the 5 ms timer | 713 (762), 515 (627), 467 (1,151) ms | 562 (594), 440 (456), 406 (541) ms |
| the first article shown after | 615 (653), 466 (552), 396 (1,032) ms | 467 (503), 320 (391), 374 (426) ms |
| rows shown | 2,232 (2,572), 1,224 (1,479), 970 (1,621) ms | 1,312 (1,664), 990 (1,152), 1,052 (1,413) ms |

At those loads the figures swing more than the change. `check_connection` alone on the same
file, before and after taken in turn 15 times in one process (load 6.2): 98 ms of the
thread's CPU time (median; 204 ms wall), 66 ms after (136 ms wall): `quick_check` (21 ms of
the thread's CPU, median of 9), the indexes counted (7 ms) and the sizes measured (38 ms).

Before and after File ▸ Open made the checks in the pool (the window's connection taking
them while the file is unchanged), this script (as it is now) on the commit before the checks
were made cheaper and on the one after the pool took them, one after the other, two pairs at
a load of 3.5-4.1:

| measure | before | after |
|---|---|---|
| the call held the UI thread | 256 (413), 288 (434) ms | 1 (10), 1 (5) ms |
| longest gap of the 5 ms timer | 300 (454), 314 (486) ms | 161 (227), 189 (228) ms |
| of those, by the first article | 300 (454), 314 (486) ms | 109 (227), 168 (204) ms |
| the first article shown after | 256 (413), 288 (434) ms | 236 (455), 249 (284) ms |
| rows shown | 767 (974), 837 (1,244) ms | 656 (743), 602 (699) ms |

The checks no longer hold the window. What does now: the open itself once they passed (the
window's connection, the previous project closed, the first article shown: 50-100 ms), and
the list's 10,000 rows put into the list when they come (its model reset, filter and current
row: 130-180 ms, measured with each slot timed), now the longest gap.

Where those went, each event timed in the thread's CPU time (`time.thread_time`): the reset,
with the filter asking each row whether it is listed, about 10 ms; then the current row, for
which the tree view laid out every row to scroll to it, asking each row's flags twice, each
through the list's `index`, which counts its rows and columns in Python: 40,000 calls, 45 of
the slot's 60 ms. Before and after three changes: the filter says the rows' flags itself and
accepts every row at once when nothing filters; the opened article's row is made current
without the list being told, and scrolled to once the list has laid out its rows (on its own
timer, after the slot); the list paints replaced rows after that layout, not in the pass of
the slot. This script (with the two figures after the first article and the CPU figures
added) on the commit before and after, three pairs one after the other (the second pair in
the other order), 10,000 articles, median of 5 openings (largest), shared two-core machine at
a load of 2.6-2.8:

| measure | before | after |
|---|---|---|
| the call held the UI thread | 0 (0), 0 (0), 1 (1) ms | 0 (1), 0 (1), 1 (1) ms |
| longest gap of the 5 ms timer | 147 (157), 109 (122), 82 (126) ms | 78 (157), 76 (91), 65 (74) ms |
| of those, by the first article | 107 (157), 109 (122), 77 (91) ms | 78 (157), 76 (91), 65 (74) ms |
| of those, after it (the list's rows) | 107 (153), 84 (99), 75 (126) ms | 30 (118), 45 (87), 35 (61) ms |
| most CPU between ticks, by the first article | 25 (30), 25 (32), 26 (46) ms | 20 (31), 22 (32), 30 (35) ms |
| most CPU between ticks, after it | 66 (106), 62 (94), 72 (122) ms | 30 (47), 33 (45), 35 (60) ms |
| the first article shown after | 232 (277), 198 (236), 172 (182) ms | 148 (308), 154 (229), 150 (164) ms |
| rows shown | 426 (612), 426 (463), 382 (474) ms | 306 (609), 352 (445), 328 (349) ms |

The rows now hold the window in three stretches, each timed as above: the reset and filter
(10-15 ms of CPU), the layout (21-26 ms: the 20,000 calls for the rows' flags are what is left,
the least a tree view over a Python model asks; a table view lays out no row) and the paint
(about 10 ms). At this load a stretch takes about three times its CPU time. The longest gap
is now the open itself (its code unchanged; its figures swing with the load): the window's
connection, the previous project closed and the first article shown.

`--route start` times the program's checked start instead (`ui.app.start_checked`, as
`annotator large.annotator.db` runs it when no preview can be shown): a new window each time,
made, shown and opening the project, the 5 ms timer running from just before the start until
half a second after the list shows every row. Before and after the start (and every other
opening) made the file's checks in the pool, this script on the commit before and after, three
pairs one after the other (after, before, after, before, before, after), 10,000 articles,
median of 5 starts (largest: each run's first, its imports cold), shared two-core machine at a
load of 2.3-2.6:

| measure | before | after |
|---|---|---|
| `start_checked` held the UI thread | 138 (268), 145 (280), 170 (239) ms | 43 (142), 67 (145), 41 (193) ms |
| longest gap of the 5 ms timer | 151 (303), 155 (314), 187 (249) ms | 69 (269), 90 (244), 90 (212) ms |
| most CPU between two ticks | 130 (231), 122 (241), 119 (216) ms | 42 (151), 65 (153), 45 (211) ms |
| article and list shown after | 370 (742), 346 (576), 451 (711) ms | 356 (550), 381 (590), 383 (620) ms |

The start made the window, then the checks and the open in one stretch before its first
paint; it now paints "Opening large.annotator.db…" after the window is made, and the longest
gap is the window's own making (the start's call) or the open once the checks passed. The
article comes no later: the checks run in the pool while the window paints.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

BEAT_MS = 5


def said(name: str, figures: list[float]) -> str:
    """A figure as the benchmark prints it: the median of the runs, and the largest."""
    return f"{name} {statistics.median(figures) * 1000:.0f} ms (largest {max(figures) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--opens", type=int, default=5)
    parser.add_argument(
        "--route",
        choices=("open", "start"),
        default="open",
        help="open: File ▸ Open in a shown window; start: the program's start (`ui.app.start_checked`)",
    )
    args = parser.parse_args()
    os.environ["ANNOTATOR_HOME"] = tempfile.mkdtemp(prefix="annotator-bench-")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.core.settings import Settings
    from annotator.services.project import open_project
    from annotator.ui.main_window import MainWindow
    from benchmarks.large_project import build_large_project

    app = QApplication.instance() or QApplication([])
    home = Path(os.environ["ANNOTATOR_HOME"])
    began = time.perf_counter()
    large = build_large_project(home / "large.annotator.db", args.articles)
    print(f"{args.articles:,} articles built in {time.perf_counter() - began:.0f} s")
    small = build_large_project(home / "small.annotator.db", 3)
    with open_project(large, create=False) as project:
        project.article_count()  # the file in the page cache, as for a person who opened it before

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def listing(window: MainWindow) -> bool:
        return bool(getattr(window, "listing", False))  # the window before the change read it at once

    def settled(window: MainWindow) -> None:
        while listing(window) or window.busy or getattr(window, "opening", False):
            settle(5)

    def opened_as_a_person_does(window: MainWindow) -> Callable[[Path], None]:
        """File > Open's way: checked in the pool first where the window can (`open_checked_in_pool`)."""
        return getattr(window, "open_checked_in_pool", lambda path: window.open_project(path, create=False))

    def showing_large(window: MainWindow) -> bool:
        return window.project is not None and window.project.path == large and window.article is not None

    if args.route == "start":
        started_as_the_program_does(args.opens, large, args.articles)
        return
    window = MainWindow(Settings(annotator="alice"))
    window.auto_preannotate = False  # 10,000 articles pre-annotated by spaCy would drown the figure
    window.resize(1366, 768)
    window.show()
    settle(500)
    beats: list[float] = []
    beats_cpu: list[float] = []  # the UI thread's CPU time at each tick: what it spent, whatever the load
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(BEAT_MS)
    beat.timeout.connect(lambda: (beats.append(time.perf_counter()), beats_cpu.append(time.thread_time())))
    held: list[float] = []
    gaps: list[float] = []
    gaps_to_first: list[float] = []
    gaps_after_first: list[float] = []
    cpu_to_first: list[float] = []
    cpu_after_first: list[float] = []
    listed: list[float] = []
    shown: list[float] = []
    for _ in range(args.opens):
        window.open_project(small, create=False)
        settled(window)
        settle(300)
        beats.clear()
        beats_cpu.clear()
        beat.start()
        settle(20)
        start = time.perf_counter()
        opened_as_a_person_does(window)(large)
        held.append(time.perf_counter() - start)
        first_shown = time.perf_counter() if showing_large(window) else None
        while not showing_large(window) or window.article_model.rowCount() < args.articles:
            settle(1)
            if first_shown is None and showing_large(window):
                first_shown = time.perf_counter()
        listed.append(time.perf_counter() - start)
        shown.append((first_shown or time.perf_counter()) - start)
        settle(500)
        beat.stop()
        gaps.append(max(b - a for a, b in itertools.pairwise(beats)))
        until = start + shown[-1]
        gaps_to_first.append(max((b - a for a, b in itertools.pairwise(beats) if a <= until), default=0.0))
        gaps_after_first.append(max((b - a for a, b in itertools.pairwise(beats) if a > until), default=0.0))
        spent = [
            (a, cpu_b - cpu_a)
            for (a, cpu_a), (_, cpu_b) in itertools.pairwise(zip(beats, beats_cpu, strict=True))
        ]
        cpu_to_first.append(max((cpu for a, cpu in spent if a <= until), default=0.0))
        cpu_after_first.append(max((cpu for a, cpu in spent if a > until), default=0.0))

    print(f"opening {args.articles:,} articles, {args.opens} times, median:")
    print("  " + said("open_project held the UI thread", held))
    print("  " + said("longest gap of a 5 ms timer, open to list shown + 0.5 s", gaps))
    print("  " + said("of those, the longest begun by the time the first article was shown", gaps_to_first))
    print("  " + said("and the longest begun after it (the list's rows)", gaps_after_first))
    print(
        "  " + said("most of the UI thread's CPU time between two ticks, by the first article", cpu_to_first)
    )
    print("  " + said("and after it (the list's rows)", cpu_after_first))
    print("  " + said("list shown after", listed) + "; " + said("first article shown after", shown))
    window.close()
    app.processEvents()


def started_as_the_program_does(opens: int, large: Path, articles: int) -> None:
    """`--route start`: `opens` times, the window the program's checked start makes, opening
    `large` (`annotator large.annotator.db` with no preview); a 5 ms timer runs from just before
    the start until half a second after the list shows every row."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from annotator.core.settings import Settings
    from annotator.services.settings import save_settings
    from annotator.ui.app import start_checked
    from annotator.ui.main_window import MainWindow

    save_settings(Settings(annotator="alice", recent_projects=(str(large),)))

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def showing_all(window: MainWindow) -> bool:
        return (
            window.project is not None
            and window.article is not None
            and window.article_model.rowCount() >= articles
        )

    held: list[float] = []
    gaps: list[float] = []
    cpu: list[float] = []
    shown: list[float] = []
    beats: list[tuple[float, float]] = []  # each tick: the time, and the UI thread's CPU time
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(BEAT_MS)
    beat.timeout.connect(lambda: beats.append((time.perf_counter(), time.thread_time())))
    for _ in range(opens):
        beats.clear()
        beat.start()
        settle(20)
        start = time.perf_counter()
        beats.append((start, time.thread_time()))  # the start begins at a tick
        window = start_checked(large)
        held.append(time.perf_counter() - start)
        window.auto_preannotate = False  # set before the first paint, which starts it
        while not showing_all(window):
            settle(1)
        shown.append(time.perf_counter() - start)
        settle(500)
        beat.stop()
        gaps.append(max(b[0] - a[0] for a, b in itertools.pairwise(beats)))
        cpu.append(max(b[1] - a[1] for a, b in itertools.pairwise(beats)))
        window.close()
        window.deleteLater()
        settle(300)

    print(f"the program's start on {articles:,} articles, {opens} times, median:")
    print("  " + said("start_checked held the UI thread", held))
    print("  " + said("longest gap of a 5 ms timer, start to list shown + 0.5 s", gaps))
    print("  " + said("most of the UI thread's CPU time between two ticks", cpu))
    print("  " + said("article and list shown after", shown))


if __name__ == "__main__":
    main()
