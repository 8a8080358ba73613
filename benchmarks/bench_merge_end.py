"""How long the window's own work holds the keys when a merge ends, and when the project watch
notices another program's save, on a large team file.

    .venv/bin/python benchmarks/bench_merge_end.py [--projects 10] [--articles 1000] [--shared 500]

A team file of `--projects - 1` merged annotators' files (`bench_merge`'s sources) is opened in
the window with an article shown; the last file is merged from the window (Team ▸ Merge…),
while J / K are pressed on the text every 25 ms, as a reader going on would. Then another
program saves a label to the file and the project watch looks. Printed for each: the longest a
key came late (the event loop busy) and the longest the UI thread was held between two ticks of
a 5 ms timer, from the merge's end (or the other program's save) until the new list is shown,
plus half a second.
Offscreen. A 5,000-article team file merging 500 more, shared two-core machine, the article
list read on the UI thread (before) and in the pool (after):
    merge end     keys up to 136-203 ms late, longest hold 159-220 ms  ->  17-35 ms, 36-43 ms
    watch's look  keys up to 141-159 ms late, longest hold 158-169 ms  ->  3-23 ms, 20-27 ms
What is left at the merge's end is the list model taking 5,500 rows (about 35 ms) and the open
article shown again (about 8 ms).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from annotator.services.merging import merge_files
from annotator.services.project import open_project
from annotator.services.settings import Settings
from benchmarks.bench_merge import _fresh, build_sources

TICK_MS = 25
BEAT_MS = 5


class Clock(QObject):
    """Presses J / K on the view every tick, noting how late each press came; a 5 ms beat
    notes the longest gap between two beats (how long the UI thread was held)."""

    def __init__(self, view: Any) -> None:
        super().__init__()
        self.view = view
        self.presses: list[tuple[float, float]] = []  # when due, when pressed
        self.beats: list[float] = []
        self._due = 0.0
        self._key = Qt.Key.Key_J
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.press)
        self.beat = QTimer(self)
        self.beat.setTimerType(Qt.TimerType.PreciseTimer)
        self.beat.setInterval(BEAT_MS)
        self.beat.timeout.connect(lambda: self.beats.append(time.perf_counter()))

    def start(self) -> None:
        self._arm()
        self.beat.start()

    def stop(self) -> None:
        self.timer.stop()
        self.beat.stop()

    def _arm(self) -> None:
        self._due = time.perf_counter() + TICK_MS / 1000
        self.timer.start(TICK_MS)

    def press(self) -> None:
        now = time.perf_counter()
        self._key = Qt.Key.Key_K if self._key == Qt.Key.Key_J else Qt.Key.Key_J
        QTest.keyClick(self.view, self._key)
        self.presses.append((self._due, now))
        self._arm()

    def figures(self, since: float, until: float, *, margin: float = 0.5) -> tuple[float, float]:
        """The longest a key came late and the longest hold (ms) from `margin` seconds before
        `since` (keys due just before a job's end wait for it too) until `until`."""
        late = [pressed - due for due, pressed in self.presses if since - margin <= due <= until]
        beats = [b for b in self.beats if since - margin <= b <= until]
        gaps = [b - a for a, b in itertools.pairwise(beats)]
        return max(late, default=0.0) * 1000, max(gaps, default=0.0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--shared", type=int, default=500)
    parser.add_argument("--claims-per-article", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    sources = build_sources(args)
    path = _fresh("merge-end-team.db")
    with open_project(path) as team:
        merge_files(team, sources[:-1])

    app = QApplication.instance() or QApplication([])
    from annotator.ui.main_window import MainWindow

    window = MainWindow(Settings(annotator="dana"))
    window.auto_preannotate = False  # the bench measures the window's own work, not spaCy
    window.show()
    window.open_project(path)
    window.project_watch.stop()  # no look during the merge's end: the bench starts it after
    QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: ([str(sources[-1])], ""))  # type: ignore[method-assign]

    def wait(condition: Any, seconds: float = 600) -> None:
        end = time.perf_counter() + seconds
        while not condition():
            if time.perf_counter() > end:
                raise TimeoutError
            app.processEvents()
            time.sleep(0.002)

    def rows() -> int:
        return int(window.article_model.rowCount())

    def claims_listed() -> int:
        return sum(s.claim_count for s in window.articles.summaries())

    def settle(seconds: float) -> None:
        end = time.perf_counter() + seconds
        wait(lambda: time.perf_counter() > end)

    wait(lambda: not window.busy)
    print(f"team file: {rows()} articles")
    clock = Clock(window.view)
    window.view.setFocus()
    clock.start()
    settle(0.3)

    before = rows()
    ended: list[float] = []
    task_end = window.team._merged

    def merged(reports: Any) -> None:
        ended.append(time.perf_counter())
        task_end(reports)

    window.team._merged = merged  # type: ignore[method-assign]
    window.registry["merge"].trigger()
    wait(lambda: bool(ended) and rows() > before)
    listed = time.perf_counter()
    settle(0.5)
    late, held = clock.figures(ended[0], listed + 0.5)
    print(
        f"merge end: {rows() - before} articles added; new list {1000 * (listed - ended[0]):.0f} ms after the"
        f" merge's end; keys up to {late:.0f} ms late; longest hold of the UI thread {held:.0f} ms"
    )
    if window.team.merge_report is not None:
        window.team.merge_report.close()

    # Another program's label, noticed by the project watch at its next look (every 2 s).
    count = claims_listed()
    article_id = window.articles.summaries()[-1].id
    window.project_watch.start()
    with open_project(path, create=False) as other:
        text = other.article(article_id).text
        other.add_claim(article_id, 0, text.index(".") + 1, "opinion", annotator="erin", note="")
    saved = time.perf_counter()  # the keys this in-process "other program" held are not the look's
    wait(lambda: claims_listed() > count)
    listed = time.perf_counter()
    settle(0.5)
    late, held = clock.figures(saved, listed + 0.5, margin=0.0)
    print(
        f"watch's look: new list {1000 * (listed - saved):.0f} ms after the other program's save;"
        f" keys up to {late:.0f} ms late; longest hold of the UI thread {held:.0f} ms"
    )
    clock.stop()
    window.close()


if __name__ == "__main__":
    main()
