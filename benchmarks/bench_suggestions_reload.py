"""What a reload of the Suggestions panel costs the window's UI thread on a large project, offscreen.

    .venv/bin/python benchmarks/bench_suggestions_reload.py [--articles 5000] [--reloads 8]
        [--suggestions]

The project of `bench_large_project.py` (`--articles` Wikinews articles with dense hand-made
candidates, 184,000 on 5,000 articles; with `--suggestions`, a hand-made suggestion on each)
is opened with the Suggestions panel shown, and the panel is read again `--reloads` times.
For each reload: the CPU time of the UI thread (`time.thread_time`, not the time it waited
for the reading thread's GIL) from the answer's arrival until 0.3 s after it, less that of
0.3 s of the window idle just before (the timer's ticks); how many times the view asked
`SuggestionModel.data` meanwhile; and the longest gap of a 5 ms timer from `reload()` until
0.3 s after the answer (mostly the reading thread holding the GIL). Printed: the median of
each, and the largest. Prints figures; asserts nothing.

Before and after the label and confidence columns were fitted once per answer (not by
ResizeToContents at every layout of the panel) and `SuggestionModel.data` answered the roles
it does not set before reading the row, `--articles 5000 --suggestions`, this script on the
code before and after, one run each, twice, shared two-core machine at a load of 5-8:

| measure | before | after |
|---|---|---|
| UI thread CPU for an answer, less idle (median of 8) | 33, 38 ms | 22, 19 ms |
| the same, largest | 40, 55 ms | 28, 22 ms |
| `SuggestionModel.data` calls per reload | 3,794, 5,394 | 2,170, 2,170 |

The longest gap of the timer (145-203 ms median, up to 420 ms, either way) is the reading
thread holding the GIL and the machine's load, not the answer. What the answer still costs is
mostly the old rows freed (about 10 ms: 184,000 texts and score dicts) and the view laid out.
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
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

BEAT_MS = 5
AFTER_MS = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--reloads", type=int, default=8)
    parser.add_argument("--suggestions", action="store_true", help="a hand-made suggestion on each candidate")
    args = parser.parse_args()
    os.environ["ANNOTATOR_HOME"] = tempfile.mkdtemp(prefix="annotator-bench-")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    import annotator.ui.suggestions as suggestions_ui
    from annotator.core.settings import Settings
    from annotator.ui.main_window import MainWindow
    from benchmarks.bench_large_project import build, suggest_everywhere

    app = QApplication.instance() or QApplication([])
    path = Path(os.environ["ANNOTATOR_HOME"]) / "large.annotator.db"
    build(path, args.articles)
    if args.suggestions:
        suggest_everywhere(path)

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    asked = [0]
    data = suggestions_ui.SuggestionModel.data

    def counted(model: Any, index: Any, role: int = 0) -> Any:
        asked[0] += 1
        return data(model, index, role)

    suggestions_ui.SuggestionModel.data = counted  # type: ignore[method-assign]

    window = MainWindow(Settings(annotator="alice"))
    window.auto_preannotate = False
    window.resize(1366, 768)
    window.show()
    settle(300)
    window.open_project(path, create=False)
    while getattr(window, "listing", False):
        settle(5)
    window.registry["suggestions_panel"].trigger()
    panel = window.suggestions.panel
    while panel.loading:
        settle(5)
    settle(500)
    beats: list[float] = []
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(BEAT_MS)
    beat.timeout.connect(lambda: beats.append(time.perf_counter()))
    answered_at: list[float] = []
    answered = suggestions_ui.SuggestionPanel._answered

    def timed_answer(the_panel: Any, read: Any) -> None:
        answered_at.append(time.thread_time())
        asked[0] = 0
        answered(the_panel, read)

    suggestions_ui.SuggestionPanel._answered = timed_answer  # type: ignore[method-assign]
    cpu: list[float] = []
    calls: list[int] = []
    gaps: list[float] = []
    for _ in range(args.reloads):
        beat.start()
        began = time.thread_time()  # the UI thread idle, the timer ticking: the baseline
        settle(AFTER_MS)
        idle = time.thread_time() - began
        beats.clear()
        answered_at.clear()
        panel.reload()
        while panel.loading:
            settle(5)
        settle(AFTER_MS)
        cpu.append(time.thread_time() - answered_at[-1] - idle)
        calls.append(asked[0])
        beat.stop()
        gaps.append(max(b - a for a, b in itertools.pairwise(beats)))
    print(f"{len(panel.model.rows()):,} candidates, {args.reloads} reloads of the Suggestions panel, median:")
    print(
        f"  UI thread CPU for the answer, less idle, {statistics.median(cpu) * 1000:.0f} ms"
        f" (largest {max(cpu) * 1000:.0f})"
    )
    print(f"  SuggestionModel.data calls per reload {statistics.median(calls):,.0f}")
    print(
        f"  longest gap of a {BEAT_MS} ms timer {statistics.median(gaps) * 1000:.0f} ms"
        f" (largest {max(gaps) * 1000:.0f})"
    )
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
