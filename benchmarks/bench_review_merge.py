"""The reviewer's keys while Team ▸ Merge… runs in the window with the review open.

    .venv/bin/python benchmarks/bench_review_merge.py [--projects 4] [--articles 600] [--shared 400]

A team file of `--projects - 1` merged annotators' files (`bench_merge`'s sources) is opened
in the window, Team ▸ Review Disagreements lists its units, and the last file is merged from
the window. 25 ms after each key a J or K is pressed on the review, as a reviewer going on would.
Printed: the longest a key came late (the window's event loop busy), and how
long, after the merge's end, the review dropped the keys (it had no list to act on) and how
many keys it dropped; a dropped key is one the reviewer must press again. Offscreen.
"""

from __future__ import annotations

import argparse
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


class KeyClock(QObject):
    """Presses J / K on the review every tick; notes how late each press came (the event loop
    was busy) and whether the review acted on it (it had a list)."""

    def __init__(self, dialog: Any) -> None:
        super().__init__()
        self.dialog = dialog
        self.pressed: list[tuple[float, float, bool]] = []  # when due, when pressed, acted
        self._due = 0.0
        self._key = Qt.Key.Key_J
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.press)

    def start(self) -> None:
        self._due = time.perf_counter() + TICK_MS / 1000
        self.timer.start(TICK_MS)

    def press(self) -> None:
        now = time.perf_counter()
        acted = bool(self.dialog.items) and not self.dialog.loading
        self._key = Qt.Key.Key_K if self._key == Qt.Key.Key_J else Qt.Key.Key_J
        QTest.keyClick(self.dialog, self._key)
        self.pressed.append((self._due, now, acted))
        self.start()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=4)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--shared", type=int, default=400)
    parser.add_argument("--claims-per-article", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    sources = build_sources(args)
    path = _fresh("review-team.db")
    with open_project(path) as team:
        merge_files(team, sources[:-1])

    app = QApplication.instance() or QApplication([])
    from annotator.ui.main_window import MainWindow
    from annotator.ui.review import ReviewDialog

    window = MainWindow(Settings(annotator="dana"))
    window.auto_preannotate = False  # the bench measures the merge, not spaCy
    window.show()
    window.open_project(path)
    QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: ([str(sources[-1])], ""))  # type: ignore[method-assign]

    def wait(condition: Any, seconds: float = 600) -> None:
        end = time.perf_counter() + seconds
        while not condition():
            if time.perf_counter() > end:
                raise TimeoutError
            app.processEvents()
            time.sleep(0.002)

    wait(lambda: not window.busy)
    window.registry["review"].trigger()
    dialog = next(w for w in app.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    started = time.perf_counter()
    wait(lambda: not dialog.loading)
    print(f"review listed {len(dialog.items)} disagreements in {time.perf_counter() - started:.2f} s")

    clock = KeyClock(dialog)
    arrived: list[float] = []
    dialog.ready.connect(lambda: arrived.append(time.perf_counter()))
    clock.start()
    started = time.perf_counter()
    window.registry["merge"].trigger()
    wait(lambda: window.team.merge_report is not None)
    merged = time.perf_counter()
    wait(lambda: bool(arrived))  # the list found again after the merge
    listed = arrived[0]
    end = listed + 0.5
    wait(lambda: time.perf_counter() > end)
    clock.timer.stop()
    app.processEvents()

    waits = [pressed - due for due, pressed, _ in clock.pressed]
    dropped = [(due, pressed) for due, pressed, acted in clock.pressed if not acted]
    held = (dropped[-1][1] - dropped[0][0]) if dropped else 0.0
    print(f"merge in the window: {merged - started:.2f} s; the new list {listed - merged:.2f} s after it")
    late = max(range(len(waits)), key=waits.__getitem__)
    when = clock.pressed[late][0] - merged
    print(
        f"keys pressed: {len(clock.pressed)}; longest a key came late: {waits[late] * 1000:.0f} ms"
        f" (due {when:+.2f} s from the merge's end)"
    )
    print(f"keys dropped (no list to act on): {len(dropped)}, over {held * 1000:.0f} ms")
    window.team.merge_report.close()
    dialog.close()
    window.close()


if __name__ == "__main__":
    main()
