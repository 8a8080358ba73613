"""How long everyday keys and dialogs hold the window's UI thread on a large project, offscreen.

    .venv/bin/python benchmarks/bench_large_project.py [--articles 5000] [--one-mb-presses 3]
        [--panel-presses 10] [--suggestions]

The project: the Wikinews articles repeated to `--articles` (`large_project.py`), each with
dense hand-made suggestions (`bench_ui.hand_analysis`, no spaCy), two annotators' claims on
three candidates each (about 30,000 claims), three entity decisions each (about 15,000), and
one article of 1,000,000 characters (16,000 entities, 1,260 quotations, 8,900 candidates,
800 claims), plus one of 100,000 and an ordinary long one (40,000 characters, 160 claims).
Each figure is the time the call (a key press, an action) holds the UI thread; for the Entity
Decisions dialog and the Suggestions panel also the time until the list is filled and the
longest gap of a 10 ms timer meanwhile (the rows are added on the UI thread), and for a label
with the panel open the time until its list is read again.
Prints figures; asserts nothing.

Before and after, 5,000 articles, on a shared two-core machine (one run each, this script
on the commit before the fixes and after them):

| action | before | after |
|---|---|---|
| J on the 100,000-character article (median of 5) | 232 ms | 0.7 ms |
| J on the 1 MB article | 65,266 ms (one press) | 4.6 ms (median of 3) |
| label (1), undo, redo on a short article (median of 10) | 120 / 109 / 113 ms | 2.8 / 2.6 / 2.8 ms |
| Team > Entity Decisions…: UI thread held before the dialog shows | 571 ms | 6 ms |
| Entity Decisions: its 2,785 names listed | 571 ms | 773 ms, longest stall 227 ms |

The last stall is the rows made and laid out on the UI thread (about 0.2 s for 2,785 names).

On the 1 MB article (800 claims, two people's on each of 400 sentences), the time a key holds
the UI thread, median of 5 (E of 4), this script's figures and the same measure of the commit
before, one run each, `--articles 20`, on a loaded shared two-core machine:

| key | before | after |
|---|---|---|
| label (1) / undo / redo | 226 / 225 / 293 ms | 40 / 24 / 36 ms |
| E (entity mode on or off) | 315 ms | 143 ms |

The label's gain is Qt's repaint of claims that did not change (`ArticleView._apply_claims`);
E's, the paragraphs highlighted again.

Opening the 1 MB article (the first time, `--articles 20`, one run each at a load of about 3):
869 ms before the claims near the view only, the highlighting as paragraphs are painted, one
read of its entities and the cheaper row checks; 467 ms after. What remains is mostly the
store: carrying the team's entity decisions (the cached analysis parsed and checked, the
entities read, `apply_decisions`: about 230 ms warm) and reading the rest of the article
(about 60 ms); the view's part is about 80 ms (the 1 MB layout, entity spans, claims).
With 5,000 articles, before and after those commits and the two below: E 112 -> 37 ms; the
Entity Decisions list's longest stall 220 -> 96 ms; a label with the Suggestions panel
open, its longest stall 127 -> 71 ms and the list read again after 3.6 -> 3.3 s.

After a label, undo or redo the claim list held the next turn of the event loop: it was reset,
and Qt fitted its label and name columns (`ResizeToContents`) by measuring every row's cells
through the Python delegate, on every layout. Now the model inserts, removes or changes only
the rows an edit touched, the delegate keeps each cell's size by (column, text, note, width,
font), and those two columns are fitted from one row of each label and name (`ClaimTree`).
The longest gap of the 10 ms timer after each key (median of 5), `--articles 20`, two runs each
of the commit before and after, at a load of about 2 on the shared two-core machine:

| article | label / undo / redo, before | after |
|---|---|---|
| 1 MB, 800 claims | 212-216 / 206-208 / 203-204 ms | 11-20 / 14-17 / 11-15 ms |
| ordinary long (40,000 characters), 160 claims | 50-51 / 50-53 / 50-51 ms | 11-13 / 12-14 / 11-17 ms |

11 ms is the timer's own interval: no stall. Each part's share on the 1 MB article, measured
on a more loaded machine where the gap was 335-515 ms: fitting the two columns from one row
each leaves 18-62 ms; with the kept sizes too, 14-30 ms; with the rows changed in place too
(all three), 11-25 ms. Without the column fitting, the other two leave 36-104 ms.

The Suggestions panel (184,019 unlabelled candidates, the 1 MB article's among them; no
trained model, so no suggestion rows), before and after it read its queue in the pool with
the texts cut in Python, at a load of 4-5 on the shared two-core machine (after: two runs):

| action | before | after |
|---|---|---|
| the whole queue read by the store (`store.suggestions.queue`, unlabelled) | 78 s | 3.2 s |
| Suggestions > Suggestions Panel: UI thread held | 88,785 ms | 9-12 ms |
| the panel's list filled | 88,785 ms | 3.7-4.4 s, longest stall 68-79 ms |
| label (1) with the panel open: UI thread held (median of 2 before, 10 after) | 97,895 ms | 24-26 ms |
| the panel's list read again after that label | 97,895 ms | 6.0-6.7 s, longest stall 252-610 ms |

What remains of the stalls is Python's cyclic garbage collector, run in the reading thread
while it makes 184,000 rows (gen-2 passes of 145-317 ms hold the GIL), and the old rows freed
on the UI thread.

With `--suggestions` (a hand-made suggestion on each of the 199,749 candidate spans, so the
panel's rows carry labels, confidences and scores), the panel's read of its queue, before and
after the person's label over each candidate came from one read of the claims (not a subquery
per candidate, run twice with "Unlabelled only"), the panel's read left out the scores it
never shows, and the hidden suggestions were counted by bisection in the pool; this script on
the commit before and after, `--one-mb-presses 1 --panel-presses 5`, at a load of 2-3 on the
shared two-core machine (after: two runs):

| action | before | after |
|---|---|---|
| the panel's queue read, text order, unlabelled only (best of 3) | 5.61 s | 1.78-2.47 s |
| the same, most useful first | 5.70 s | 2.28-2.38 s |
| Suggestions > Suggestions Panel: the list filled | 5.1 s | 2.6-3.3 s |
| label (1) with the panel open: the list read again | 6.1 s | 3.0-3.4 s |

The same read in CPU time (`suggestion_queue_rows`, best of 2): 4.2 -> 1.7 s (text order),
4.3 -> 2.0 s (most useful first). The longest stalls while the panel loads (43-72 ms before,
49-98 ms after) did not move beyond the machine's noise: they are the reading thread holding
the GIL.

Labelling with the panel in "Most useful first" order, the longest gap of a 5 ms timer on the
UI thread until the list is read again (3 presses, `--one-mb-presses 1 --panel-presses 3`,
this script on the commit before and after, at a load of 1-1.5 on the shared two-core machine):
the pool's read sorted the 184,000 rows into text order for `QueueRows.find` (and their
confidences for the summary's count) in single C calls holding the GIL, 150-300 ms. Now
SQLite numbers the rows in text order as it reads them, they are put in place by a Python
loop, and the confidences are sorted by bucket:

| action | before | after |
|---|---|---|
| label (1), most useful first: longest gap until read again (median, largest) | 155, 168 ms | 56, 57 ms |
| label (1), text order: longest stall meanwhile (10 ms timer) | 68 ms | 54 ms |
| label (1), text order: the list read again after | 2,511 ms | 2,858 ms |

The read takes longer (SQLite's numbering, the loops) but lets the window run meanwhile. At a
load of 8 the most useful first gap was 564-707 ms before and 113-114 ms after (median of 4).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QElapsedTimer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing


ORDINARY = "An ordinary long article"  # 40,000 characters, 160 claims


class GapWatch:
    """The longest gap of a 10 ms timer on the UI thread since `start`: how long the window
    could not answer. `start` again forgets the gaps seen before."""

    def __init__(self, clock: QElapsedTimer, interval: int = 10) -> None:
        from PySide6.QtCore import QTimer

        self._clock = clock
        self._gaps: list[int] = []
        self._last = clock.elapsed()
        self._timer = QTimer()
        self._timer.setInterval(interval)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self._gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self._gaps.clear()
        self._last = self._clock.elapsed()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def longest(self) -> int:
        return max(self._gaps, default=0)


def build(path: Path, articles: int) -> None:
    """The project described above, written through the store (no spaCy)."""
    from annotator.core.model import ArticleDraft
    from annotator.services.project import open_project, store_of
    from annotator.store.project_store import now_iso
    from benchmarks.bench_ui import hand_analysis, long_text
    from benchmarks.large_project import build_large_project

    build_large_project(path, articles)
    rng = random.Random(1)
    with open_project(path) as project:
        store = store_of(project)
        ids = [a.id for a in project.articles()]
        ordinary = -1
        long_articles = (
            ("The 1 MB article", 1_000_000),
            ("The 100,000-character article", 100_000),
            (ORDINARY, 40_000),
        )
        for title, chars in long_articles:
            text = long_text(chars=chars) + f"\n\n{title}."
            ids += project.import_drafts([ArticleDraft(text=text, title=title)]).added
            if title == ORDINARY:
                ordinary = ids[-1]
        for i in range(0, len(ids), 250):
            chunk = ids[i : i + 250]
            store.save_analyses([(a, hand_analysis(store.article(a).text)) for a in chunk])
        stamp = now_iso()
        with store.transaction():
            for who in ("alice", "bob"):
                store.conn.execute("INSERT INTO annotators(name, created_at) VALUES (?, ?)", (who, stamp))
            claims, decisions = [], []
            for a in ids:
                spans = store.conn.execute(
                    'SELECT start, "end" FROM candidates WHERE article_id = ? ORDER BY start', (a,)
                ).fetchall()
                many = 400 if len(spans) > 5000 else 80 if a == ordinary else 3
                for start, end in rng.sample(spans, min(many, len(spans))):
                    for who in ("alice", "bob"):
                        label = rng.choice(["factual", "opinion", "questionable"])
                        claims.append((a, start, end, label, who, stamp, stamp))
                entities = store.conn.execute("SELECT id FROM entities WHERE article_id = ?", (a,)).fetchall()
                for (entity_id,) in rng.sample(entities, min(3, len(entities))):
                    decisions.append((rng.choice(["rejected", "accepted", "accepted"]), entity_id))
            store.conn.executemany(
                'INSERT INTO claims(article_id, start, "end", label, annotator, created_at, updated_at)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                claims,
            )
            store.conn.executemany("UPDATE entities SET status = ? WHERE id = ?", decisions)
    print(f"project: {len(ids):,} articles, {len(claims):,} claims, {len(decisions):,} entity decisions")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--one-mb-presses", type=int, default=3, help="J presses timed on the 1 MB article")
    parser.add_argument(
        "--panel-presses", type=int, default=10, help="labels timed with the Suggestions panel open"
    )
    parser.add_argument(
        "--suggestions",
        action="store_true",
        help="a hand-made suggestion for every candidate (a stored model row, no spaCy), and the "
        "time the Suggestions panel's read of the queue takes",
    )
    args = parser.parse_args()
    os.environ["ANNOTATOR_HOME"] = tempfile.mkdtemp(prefix="annotator-bench-")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.core.settings import Settings
    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    path = Path(os.environ["ANNOTATOR_HOME"]) / "large.annotator.db"
    build(path, args.articles)
    if args.suggestions:
        suggest_everywhere(path)
        queue_read(path)

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def timed(action: Callable[[], object]) -> float:
        start = time.perf_counter()
        action()
        return (time.perf_counter() - start) * 1000

    window = MainWindow(Settings(annotator="alice"))
    window.resize(1366, 768)
    window.show()
    settle(300)
    print(f"open the project: {timed(lambda: window.open_project(path, create=False)):.0f} ms")
    settle(1500)
    view, undo, redo = window.view, window.registry["undo"], window.registry["redo"]

    def press(key: Qt.Key) -> Callable[[], None]:
        return lambda: QTest.keyClick(view, key)

    labels: dict[str, list[float]] = {"label": [], "undo": [], "redo": []}
    view.setFocus()
    for _ in range(10):
        QTest.keyClick(view, Qt.Key.Key_J)
        labels["label"].append(timed(press(Qt.Key.Key_1)))
        labels["undo"].append(timed(undo.trigger))
        labels["redo"].append(timed(redo.trigger))
    print(
        "on a short article, median of 10: "
        + ", ".join(f"{what} {statistics.median(times):.1f} ms" for what, times in labels.items())
    )

    summaries = {s.title: s.id for s in window.articles.summaries()}
    for title, presses in (("The 100,000-character article", 5), ("The 1 MB article", args.one_mb_presses)):
        opened_in = timed(partial(window.select_article, summaries[title]))
        settle(1000)
        view.setFocus()
        steps = [timed(press(Qt.Key.Key_J)) for _ in range(presses)]
        print(
            f"{title}: opening it held the UI thread {opened_in:.0f} ms; "
            f"J median of {presses} {statistics.median(steps):.1f} ms"
        )

    clock = QElapsedTimer()
    clock.start()
    long_article_keys(window, clock, settle, timed)
    window.select_article(summaries[ORDINARY])
    settle(1000)
    long_article_keys(window, clock, settle, timed)
    ticker = GapWatch(clock)
    opened = time.perf_counter()
    held = timed(window.registry["entity_decisions"].trigger)
    ticker.start()
    dialog = window.entities.decisions_dialog
    assert dialog is not None
    while getattr(dialog, "loading", False):  # the dialog before the fix had its list at once
        settle(5)
    filled = (time.perf_counter() - opened) * 1000
    settle(100)
    ticker.stop()
    print(
        f"Team > Entity Decisions: UI thread held {held:.0f} ms, list of {dialog.model.rowCount():,} "
        f"names filled after {filled:.0f} ms, longest stall meanwhile {ticker.longest()} ms"
    )
    dialog.reject()
    settle(300)

    # Suggestions > Suggestions Panel: the whole project's queue, 1 MB article included.
    panel = window.suggestions.panel
    ticker.start()
    opened = time.perf_counter()
    held = timed(window.registry["suggestions_panel"].trigger)
    while getattr(panel, "loading", False):  # the panel before the fix read it on the UI thread
        settle(5)
    filled = (time.perf_counter() - opened) * 1000
    settle(100)
    ticker.stop()
    print(
        f"Suggestions > Suggestions Panel: UI thread held {held:.0f} ms, {len(panel.model.rows()):,} "
        f"candidates listed after {filled:.0f} ms, longest stall meanwhile {ticker.longest()} ms"
    )
    assert window.project is not None
    article_id = list(summaries.values())[len(summaries) // 2]
    window.select_article(article_id)
    window.activateWindow()  # the label keys are window shortcuts, back from the dialog
    settle(500)
    shown = window.project.annotated(article_id)
    free = [c for c in shown.candidates if not any(h.start < c.end and c.start < h.end for h in shown.claims)]
    claims_before = len(window.project.claims())
    pressed: list[float] = []
    refreshed: list[float] = []
    stalls: list[int] = []
    for candidate in free[: args.panel_presses]:
        view.setFocus()
        view.select_span(candidate.start, candidate.end)
        ticker.start()
        start = time.perf_counter()
        pressed.append(timed(press(Qt.Key.Key_1)))
        while getattr(panel, "loading", False):
            settle(5)
        refreshed.append((time.perf_counter() - start) * 1000)
        settle(50)  # a tick after a stall records it
        ticker.stop()
        stalls.append(ticker.longest())
    print(
        f"label (1) with the panel open, median of {len(pressed)}: UI thread held "
        f"{statistics.median(pressed):.0f} ms, list read again after {statistics.median(refreshed):.0f} ms, "
        f"longest stall meanwhile {max(stalls)} ms"
    )
    made = len(window.project.claims()) - claims_before
    assert made == len(pressed), f"{made} labels made for {len(pressed)} presses"
    useful_first(window, panel, article_id, args.panel_presses, clock, settle)
    window.close()
    app.processEvents()


def useful_first(window, panel, article_id, presses, clock, settle) -> None:  # type: ignore[no-untyped-def]
    """Label `presses` more candidates of the article with the panel in "Most useful first"
    order: the longest gap of a 5 ms timer on the UI thread until the list is read again (its
    sort into text order held the GIL in the pool), median and largest of the presses."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    panel.order.setCurrentIndex(panel.order.findData("uncertainty"))
    while panel.loading:
        settle(5)
    settle(300)
    ticker = GapWatch(clock, interval=5)
    stalls: list[int] = []
    shown = window.project.annotated(article_id)
    free = [c for c in shown.candidates if not any(h.start < c.end and c.start < h.end for h in shown.claims)]
    for candidate in free[:presses]:
        window.view.setFocus()
        window.view.select_span(candidate.start, candidate.end)
        ticker.start()
        QTest.keyClick(window.view, Qt.Key.Key_1)
        while panel.loading:
            settle(5)
        settle(50)
        ticker.stop()
        stalls.append(ticker.longest())
    if stalls:
        print(
            f"label (1) with the panel in most useful first order, {len(stalls)} presses: longest gap "
            f"of a 5 ms timer until the list is read again {statistics.median(stalls)} ms (median), "
            f"{max(stalls)} ms (largest)"
        )


def suggest_everywhere(path: Path) -> None:
    """A suggestion for every candidate, as training stores them (random labels and confidences)."""
    from annotator.core.model import ClaimLabel
    from annotator.core.suggestions import Suggestion
    from annotator.services.project import open_project, store_of
    from annotator.store.suggestions import replace_suggestions, save_model

    rng = random.Random(2)
    labels = list(ClaimLabel)
    with open_project(path) as project:
        store = store_of(project)
        model = save_model(
            store,
            labels=[label.value for label in labels],
            architecture="hand-made",
            spacy_version="",
            config="{}",
            weights=b"\0",
            evaluation={},
        )
        spans = store.conn.execute('SELECT DISTINCT article_id, start, "end" FROM candidates').fetchall()
        made = []
        for article_id, start, end in spans:
            sure = rng.random()
            scores = {label.value: round(rng.random(), 4) for label in labels}
            made.append(
                Suggestion(
                    article_id, start, end, rng.choice(labels), 0.34 + 0.6 * sure, 1 - sure, model.id, scores
                )
            )
        print(f"suggestions: {replace_suggestions(store, model.id, made):,}")


def queue_read(path: Path, runs: int = 3) -> None:
    """The Suggestions panel's read of the whole queue (`read_queue`'s part), best of `runs`."""
    from annotator.services.project import open_project
    from annotator.services.suggestions import suggestion_queue_rows

    with open_project(path) as project:
        for order in ("text", "uncertainty"):
            best = min(
                timed_read(lambda: suggestion_queue_rows(project, order=order, unlabelled_only=True))  # noqa: B023
                for _ in range(runs)
            )
            print(f"the panel's queue read ({order} order, unlabelled only), best of {runs}: {best:.2f} s")


def timed_read(read: Callable[[], object]) -> float:
    start = time.perf_counter()
    read()
    return time.perf_counter() - start


def long_article_keys(window, clock, settle, timed) -> None:  # type: ignore[no-untyped-def]
    """On the article shown: label, undo, redo and E, each the time the call holds the UI
    thread and the longest gap of a 10 ms timer in the 600 ms after it (median of 5; E of 4)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view, undo, redo = window.view, window.registry["undo"], window.registry["redo"]

    def measured(action: Callable[[], object]) -> tuple[float, int]:
        ticker = GapWatch(clock)
        held = timed(action)
        ticker.start()
        settle(600)
        ticker.stop()
        return held, ticker.longest()

    view.setFocus()
    figures: dict[str, list[tuple[float, int]]] = {"label": [], "undo": [], "redo": [], "E": []}
    for _ in range(5):
        QTest.keyClick(view, Qt.Key.Key_J)
        while window.labelling.current_claim() is not None:  # a candidate nobody labelled
            QTest.keyClick(view, Qt.Key.Key_J)
        figures["label"].append(measured(lambda: QTest.keyClick(view, Qt.Key.Key_1)))
        figures["undo"].append(measured(undo.trigger))
        figures["redo"].append(measured(redo.trigger))
    for _ in range(4):
        figures["E"].append(measured(lambda: QTest.keyClick(view, Qt.Key.Key_E)))
    title = window.article.article.title
    print(
        f"on {title[0].lower()}{title[1:]} ({len(window.article.claims)} claims): "
        + ", ".join(
            f"{what} {statistics.median(h for h, _ in runs):.0f} ms "
            f"(longest gap after {statistics.median(g for _, g in runs):.0f} ms)"
            for what, runs in figures.items()
        )
    )


if __name__ == "__main__":
    main()
