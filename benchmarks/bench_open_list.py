"""How long opening a large project holds the window's UI thread, offscreen.

    .venv/bin/python benchmarks/bench_open_list.py [--articles 10000] [--opens 5]

A project of `--articles` Wikinews articles (`large_project.py`, no pre-annotation; the
window's background pre-annotation is turned off) is opened in a shown window `--opens` times,
another project opened between. For each opening, a 5 ms timer runs from just before
`open_project` until half a second after the list shows every row; printed (median and
largest of the openings): how long the `open_project` call held the UI thread, the longest gap
between two ticks of the timer (the longest the window could not answer), when the list
showed its rows and when the first article was shown.
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
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

BEAT_MS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--opens", type=int, default=5)
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
        while listing(window) or window.busy:
            settle(5)

    window = MainWindow(Settings(annotator="alice"))
    window.auto_preannotate = False  # 10,000 articles pre-annotated by spaCy would drown the figure
    window.resize(1366, 768)
    window.show()
    settle(500)
    beats: list[float] = []
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(BEAT_MS)
    beat.timeout.connect(lambda: beats.append(time.perf_counter()))
    held: list[float] = []
    gaps: list[float] = []
    listed: list[float] = []
    shown: list[float] = []
    for _ in range(args.opens):
        window.open_project(small, create=False)
        settled(window)
        settle(300)
        beats.clear()
        beat.start()
        settle(20)
        start = time.perf_counter()
        window.open_project(large, create=False)
        held.append(time.perf_counter() - start)
        first_shown = time.perf_counter() if window.article is not None else None
        while window.article_model.rowCount() < args.articles:
            settle(1)
            if first_shown is None and window.article is not None:
                first_shown = time.perf_counter()
        listed.append(time.perf_counter() - start)
        shown.append((first_shown or time.perf_counter()) - start)
        settle(500)
        beat.stop()
        gaps.append(max(b - a for a, b in itertools.pairwise(beats)))

    def said(name: str, figures: list[float]) -> str:
        return f"{name} {statistics.median(figures) * 1000:.0f} ms (largest {max(figures) * 1000:.0f})"

    print(f"opening {args.articles:,} articles, {args.opens} times, median:")
    print("  " + said("open_project held the UI thread", held))
    print("  " + said("longest gap of a 5 ms timer, open to list shown + 0.5 s", gaps))
    print("  " + said("list shown after", listed) + "; " + said("first article shown after", shown))
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
