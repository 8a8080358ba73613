"""A working day in the real window, offscreen: does anything grow? Prints figures; asserts nothing.

    .venv/bin/python benchmarks/soak_window.py [--cycles 300] [--every 25] [--warm-up 50]
        [--articles 200] [--export-every 50] [--more] [--team] [--pixmap-cache KB] [--show-types]
        [--tracemalloc]

An annotator keeps the window open all day. The project: the Wikinews articles repeated to
`--articles` (`large_project.py`), with hand-made suggestions (`bench_ui.hand_analysis`, no
spaCy) and two teammates' claims on a few candidates of each, so Team > Statistics has figures.
Each cycle, as a person would: open the next article, J to the next candidate and label it
(1/2/3 in turn), a note on every third claim, undo and redo, search the articles (Ctrl+F, a
word, Escape), entity mode on, J, off (E), and every fifth cycle open and close Preferences,
Keyboard Shortcuts, Export (its save dialog answered "cancel"; every `--export-every` cycles
a real export in the background) and Team > Statistics; then whatever the window started in
the background is let finish. With `--more`, every fifth cycle also opens and closes the
review, Entity Decisions, Release, About and the model's dialog, shows and hides the
Suggestions, Guidelines and article list panels, and makes the text larger and smaller.
With `--team`, the project also has a trained model and the Suggestions panel is opened at the
start and left open across every article change (its reads after each edit waited for), and
every cycle also merges a teammate's small file into the project through Team > Merge (three of
the project's articles with her labels and two of her own: added by the first merge, found
already merged by every later one, so the project keeps its size) and changes the theme light,
dark and light again in Preferences, as a person would.

Every `--every` cycles it prints the process's resident memory (`/proc/self/statm`), the
Python objects (`gc.get_objects()` after a collection) and the ten types that grew most since
the last report, `QApplication.allWidgets()`, the QObjects under the window (`findChildren`)
and the Python objects of the app's own QObject classes, open file descriptors and SQLite
connections (Python's `sqlite3.Connection` objects alive, and descriptors open on a project
file). At the end, each figure's slope per 100 cycles after `--warm-up` (least squares over
the reports), which is what a day would add.

Figures: 300 cycles, 200 articles, reports every 25, slopes after 50 cycles of warm-up, on a
shared two-core machine (one run each, 2-4 minutes); before and after tasks stopped being
kept by their pool (`ui.workers.Task.start_in`):

| per 100 cycles | before | after | after, `--more` |
|---|---|---|---|
| resident memory | +5,715 kB | +5,304 kB | +5,193 kB |
| resident memory, cycles 200-300 (every article seen) | +1,452 kB | +124 kB | +1,644 kB |
| Python objects | +2,506 | +1,467 | +1,414 |
| widgets (`allWidgets`) | +0.0 | +0.0 | +0.0 |
| QObjects under the window | +0.0 | +0.0 | -0.1 |
| Python objects of the app's QObject classes | +122 | +0.0 | +0.0 |
| open file descriptors | +0.0 | +0.0 | +0.3 (one more, once, near cycle 100) |
| SQLite connections, descriptors on the project | +0.0 | +0.0 | +0.0, +0.3 (the same one) |

What grew, and what held it:
- Every task run in a pool (a search, a list read, the statistics, an export), about 0.6 a
  cycle: `Task`, the wrapper of its freed `TaskSignals`, and its `threading.Event` with the
  lock, condition and deque inside. PySide made each QRunnable started on a pool the pool's
  child for as long as the pool, the global one for the whole session. Fixed: a task is no
  QRunnable, the pool gets its `run` and drops it once called
  (`tests/ui/test_task_signals_freed.py::test_a_finished_task_is_freed_itself`).

What still grows, and why it is left:
- The resident memory, while articles are opened for the first time (their text laid out,
  the claim list's kept row sizes, bounded at 10,000, SQLite's page cache); it levels off once
  each has been (the second row of the table). Python's own heap (`--tracemalloc`) grows
  about 1 MB every 100 cycles meanwhile, mostly those row sizes.
- The undo history (`ui.undo.EditStack`): each edit's command, the claims it saw and wrote
  and what it carried, about 10 objects an edit (the Python objects' slope, about 1,400 every
  100 cycles of 130 edits); the history a person can take back, cleared when another project
  is opened. It now keeps the last `UNDO_LIMIT` (1,000) steps, about 770 cycles of this one,
  so it levels off in a longer run (`benchmarks/bench_undo_history.py`: 1.9-3.1 MB at the limit).
- Dead weak references in the window's `sqlite3.Connection` (its list of cursors): Python
  prunes that list every 200 cursors.

With `--team`: 200 cycles, 200 articles, reports every 25, slopes after 50 cycles of warm-up
(one run each, 5.5 minutes, shared two-core machine; 200 merges and 400 theme changes made,
4,427 rows in the panel at the end); before and after a claim row kept its label's swatch
(`ClaimListModel._swatch`):

| per 100 cycles | before | after |
|---|---|---|
| resident memory | +4,369 kB | +2,856 kB |
| Python objects | +1,559 | +1,556 |
| widgets (`allWidgets`) | +0.0 | +0.0 |
| QObjects under the window | +0.0 | +0.0 |
| Python objects of the app's QObject classes | +0.0 | +0.0 |
| open file descriptors | +0.0 | +0.0 |
| SQLite connections, descriptors on the project | +0.0, +0.0 | +0.0, +0.0 |

What grew, and what held it:
- Qt's pixmap cache. The claim list gave a new swatch icon at every paint of a row, and Qt keeps
  the scaled copies of an icon's pixmap by the pixmap's key: each repaint of the claims (a label,
  the merge's article shown again, a theme change repainting everything) added entries until
  the cache's limit. Found with heaptrack (the peak heap of 120 cycles against 40: +2.3 MB in
  `QImageData::create`, from `QPixmap(int, int)` in a model's `data` under the delegate's
  `initStyleOption`). Fixed: one swatch a label and theme colour
  (`tests/ui/test_claim_list.py::test_each_paint_of_a_claim_row_is_given_the_same_swatch_of_its_label`).

What still grows, and why it is left:
- In the first 25 cycles the app's QObjects go 48 to 53 (features built on first use), the
  descriptors 18 to 22, three of them on the project file: SQLite keeps the descriptor of a
  pool connection closed while the window's connection holds its locks on the same file, and
  gives it to the next connection opened; they stay 22 and 8 to the end.
- The Python objects are the undo history and the claim list's row sizes, as above (per 25
  cycles: `QSize` +96, `Claim` +75, `_EditCommand` and `Carried` +33, `Batch`, `AddClaim` and
  `SetArticleStatus` +25), plus one `QTextFrame` wrapper a report, which the report's own walk
  leaves (two walks in a row make two).
- The rest of the resident memory, in native memory: not Python objects, not SQLite's own
  allocations (`sqlite3_memory_used` stays at 1,160 kB), not free memory glibc could give back
  (`malloc_trim` before each reading changed nothing). With the cycle cut down to one part at a
  time (50 articles, every one seen by cycle 50, slopes over cycles 50-200, before the fix): an
  article change with the panel open +2,153 kB every 100 cycles; with a merge +4,023 to
  +5,478, of which the window's side (the report box, the list and the panel read again)
  +4,907 and the merge's own work +2,217 to +2,714; with two theme changes +2,781 to +3,790;
  with both, +3,980 before the fix and +2,265 after, so what the merges and theme changes
  still add is within the runs' spread and the rest comes with the article changes themselves.

Where that native memory went, found later with glibc's `mallinfo2` (the C heap in use) read
at each report and the cycle cut down to one part at a time (60 articles, reports every 20):
- Not the article changes: 1,000 of them alone (50 articles, slopes after 100) added +1.9 kB
  of C heap and +44 kB resident every 100; with `--team`'s open panel (300, after 50) +20 kB
  and +530 kB. Nor the article view's document: it kept no undo step (now none is recorded).
- The dialogs opened and closed, in Qt's pixmap cache. One opened and closed each cycle
  (cycles 20-60) added to the C heap 187 kB a cycle (Preferences), 76 kB (Team > Statistics)
  and 21 kB (Keyboard Shortcuts); with `--pixmap-cache 0` 10, 10 and 8 kB, what the articles
  seen the first time add. Fusion keeps what it draws of a control in `QPixmapCache` under
  a key with the widget's palette, and once the app sets a palette (light and dark do, and
  the system theme on plain Fusion, `ui.theme`) each widget's palette is a copy of its own
  (`QPalette.cacheKey` differs widget by widget, dialog by dialog; without a palette set they
  share the app's): a new dialog's pixmaps are never found again and stay until the cache's
  limit, 10,240 kB, where they are dropped oldest first. So it stops: in 400 cycles,
  the C heap in use grew 14 MB to 31,878 kB at cycle 220, then stayed within 29,368-32,233
  (the cache dropping and filling again), and the resident memory went 124,872 kB at cycle
  220 to 125,964 at 400, against about 7 MB every 100 cycles before. Left as it is: bounded, and the
  cache serves the window's own widgets, which keep their palette.

  This script, 60 articles, 160 cycles, reports every 20, slopes after 60, one run each on the
  shared two-core machine, with Qt's limit and `--pixmap-cache 0`: resident memory +7,402 and
  +1,790 kB every 100 cycles; Python objects +404 and +483.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE = os.sysconf("SC_PAGE_SIZE")


def build(path: Path, articles: int) -> list[int]:
    """The project described above; its article ids in list order."""
    from annotator.services.project import open_project, store_of
    from annotator.store.project_store import now_iso
    from benchmarks.bench_ui import hand_analysis
    from benchmarks.large_project import build_large_project

    build_large_project(path, articles)
    rng = random.Random(1)
    with open_project(path) as project:
        store = store_of(project)
        ids = [a.id for a in project.articles()]
        store.save_analyses([(a, hand_analysis(store.article(a).text)) for a in ids])
        stamp = now_iso()
        with store.transaction():
            for who in ("alice", "bob"):
                store.conn.execute("INSERT INTO annotators(name, created_at) VALUES (?, ?)", (who, stamp))
            claims = []
            for a in ids:
                spans = store.conn.execute(
                    'SELECT start, "end" FROM candidates WHERE article_id = ? ORDER BY start', (a,)
                ).fetchall()
                for start, end in rng.sample(spans, min(3, len(spans))):
                    for who in ("alice", "bob"):
                        label = rng.choice(["factual", "opinion", "questionable"])
                        claims.append((a, start, end, label, who, stamp, stamp))
            store.conn.executemany(
                'INSERT INTO claims(article_id, start, "end", label, annotator, created_at, updated_at)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                claims,
            )
    return ids


def train(path: Path) -> None:
    """A model trained on the teammates' claims, so the Suggestions panel lists suggestions."""
    from annotator.services.project import open_project
    from annotator.services.suggestions import TrainOptions, train_claim_model

    with open_project(path) as project:
        train_claim_model(project, options=TrainOptions(min_per_class=5))  # a small --articles too


def build_merge_source(path: Path, team_ids: list[int], team_path: Path) -> None:
    """A teammate's small file for Team > Merge: three of the team's articles with carol's labels on
    their candidates, and two articles of her own. The first merge adds them; every later one
    finds them all merged already, so the team file stays the size it was and only the merge's
    own path (its read, report, list reload, the panel's reload) runs again."""
    from annotator.core.model import ArticleDraft
    from annotator.services.project import open_project, store_of
    from annotator.store.project_store import now_iso
    from benchmarks.bench_ui import hand_analysis

    with open_project(team_path, create=False) as team:
        shared = [team.article(a) for a in team_ids[:3]]
    drafts = [ArticleDraft(text=a.text, title=a.title, source="bench") for a in shared]
    drafts += [
        ArticleDraft(text=f"{a.text}\n\nCarol's copy {n}.", title=f"{a.title} (carol {n})", source="bench")
        for n, a in enumerate(shared[:2])
    ]
    with open_project(path) as project:
        added = project.import_drafts(drafts).added
        store = store_of(project)
        store.save_analyses([(a, hand_analysis(store.article(a).text)) for a in added])
        stamp = now_iso()
        with store.transaction():
            store.conn.execute("INSERT INTO annotators(name, created_at) VALUES (?, ?)", ("carol", stamp))
            for a in added:
                spans = store.conn.execute(
                    'SELECT start, "end" FROM candidates WHERE article_id = ? ORDER BY start LIMIT 4', (a,)
                ).fetchall()
                store.conn.executemany(
                    'INSERT INTO claims(article_id, start, "end", label, annotator, created_at, updated_at)'
                    " VALUES (?, ?, ?, 'opinion', 'carol', ?, ?)",
                    [(a, start, end, stamp, stamp) for start, end in spans],
                )


@dataclass(frozen=True)
class Figures:
    """What one report counts."""

    rss_kb: int
    python_objects: int
    widgets: int
    qobjects_under_window: int
    app_qobjects: int
    fds: int
    sqlite_connections: int
    project_fds: int


def _type_name(o: object) -> str:
    t = type(o)
    return f"{t.__module__}.{t.__qualname__}"


def measure(window: Any, project_path: Path) -> tuple[Figures, Counter[str]]:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    gc.collect()
    objects = gc.get_objects()
    types = Counter(_type_name(o) for o in objects)
    app_qobjects = sum(
        1 for o in objects if isinstance(o, QObject) and type(o).__module__.startswith("annotator.")
    )
    connections = sum(1 for o in objects if isinstance(o, sqlite3.Connection))
    fds = os.listdir("/proc/self/fd")
    project_fds = 0
    for fd in fds:
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith(str(project_path)):
                project_fds += 1
        except OSError:
            pass
    statm = Path("/proc/self/statm").read_text().split()
    figures = Figures(
        rss_kb=int(statm[1]) * PAGE // 1024,
        python_objects=len(objects),
        widgets=len(QApplication.allWidgets()),
        qobjects_under_window=len(window.findChildren(QObject)),
        app_qobjects=app_qobjects,
        fds=len(fds),
        sqlite_connections=connections,
        project_fds=project_fds,
    )
    del objects
    return figures, types


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares growth per 100 cycles."""
    n = len(points)
    if n < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return 100 * sum((x - mean_x) * (y - mean_y) for x, y in points) / var if var else 0.0


class Driver:
    """Keys and dialogs as a person gives them, and waits in a real event loop."""

    def __init__(self, app: Any, window: Any) -> None:
        self.app = app
        self.window = window

    def wait_until(self, done: Callable[[], bool], timeout_ms: int = 30_000) -> bool:
        # A QEventLoop with a polling timer, not a processEvents() busy loop (see bench_ui.py).
        from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

        if done():
            return True
        loop = QEventLoop()
        clock = QElapsedTimer()
        clock.start()
        poll = QTimer()
        poll.setInterval(5)
        poll.timeout.connect(lambda: loop.quit() if done() or clock.elapsed() > timeout_ms else None)
        poll.start()
        loop.exec()
        poll.stop()
        poll.deleteLater()
        return done()

    def spin(self, ms: int = 0) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop, loop.quit)
        loop.exec()

    def key(self, key: Any, modifiers: Any = None, widget: Any = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(
            widget or self.app.focusWidget() or self.window.view,
            key,
            modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier,
        )

    def activate(self) -> None:
        """Window shortcuts (the label keys) fire only in the active window: a closed dialog
        leaves none active offscreen, where no window manager gives it back."""
        self.window.activateWindow()
        self.wait_until(self.window.isActiveWindow, 5_000)

    def shown_dialogs(self) -> set[Any]:
        from PySide6.QtWidgets import QApplication, QDialog

        return {w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()}

    def open_and_close(self, action_id: str) -> None:
        """Trigger a dialog's action, wait for what it reads in the background, close it."""
        before = self.shown_dialogs()
        self.window.registry[action_id].trigger()
        if not self.wait_until(lambda: bool(self.shown_dialogs() - before), 10_000):
            return
        for dialog in self.shown_dialogs() - before:
            self.wait_until(lambda d=dialog: not getattr(d, "loading", False), 30_000)
            self.settle()
            dialog.reject()
        self.wait_until(lambda: not (self.shown_dialogs() - before))

    def settle(self, *, suggestions: bool = False) -> None:
        """What the window started in the background is finished and its answers shown; with
        `suggestions`, the open Suggestions panel's read too (an edit asks for it 200 ms later)."""
        from PySide6.QtCore import QThreadPool

        self.wait_until(lambda: not self.window.busy and not self.window.listing, 120_000)
        if suggestions:
            self.spin(self.window.suggestions.panel.EDIT_DELAY_MS)
            self.wait_until(lambda: not self.window.suggestions.panel.loading, 120_000)
        QThreadPool.globalInstance().waitForDone()
        self.spin(0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=300)
    parser.add_argument("--every", type=int, default=25, help="report every this many cycles")
    parser.add_argument("--warm-up", type=int, default=50, help="cycles left out of the slopes")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--export-every", type=int, default=50, help="a real export every this many cycles")
    parser.add_argument(
        "--more",
        action="store_true",
        help="every fifth cycle also the review, entity decisions, release, about and model dialogs,"
        " the Suggestions, Guidelines and article list panels shown and hidden, larger and smaller text",
    )
    parser.add_argument(
        "--team",
        action="store_true",
        help="a trained model, the Suggestions panel open throughout, and every cycle a merge of a small"
        " second project (Team > Merge) and the theme light, dark, light again through Preferences",
    )
    parser.add_argument(
        "--pixmap-cache",
        type=int,
        default=None,
        metavar="KB",
        help="Qt's pixmap cache limit (QPixmapCache, 10,240 kB by default; 0 keeps nothing)",
    )
    parser.add_argument("--show-types", action="store_true", help="the ten types that grew, at every report")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="Python's own heap, and the lines whose allocations grew most",
    )
    args = parser.parse_args()
    if args.tracemalloc:
        tracemalloc.start(8)

    home = tempfile.mkdtemp(prefix="annotator-soak-")
    os.environ["ANNOTATOR_HOME"] = home
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    import annotator.ui.save_dialog as save_dialog
    from annotator.core.settings import Settings
    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    if args.pixmap_cache is not None:
        from PySide6.QtGui import QPixmapCache

        QPixmapCache.setCacheLimit(args.pixmap_cache)
    project_path = Path(home) / "soak.annotator.db"
    t0 = time.perf_counter()
    ids = build(project_path, args.articles)
    merge_source = Path(home) / "carol.annotator.db"
    if args.team:
        train(project_path)
        build_merge_source(merge_source, ids, project_path)
        # Team > Merge's file dialog, answered with the teammate's file.
        QFileDialog.getOpenFileNames = staticmethod(  # type: ignore[method-assign]
            lambda *_a, **_k: ([str(merge_source)], "")
        )
    print(f"project: {len(ids)} articles, built in {time.perf_counter() - t0:.1f} s")

    exports = Path(home) / "exports"
    exports.mkdir()
    answer: dict[str, str] = {"path": ""}

    def ask_save_path(*_args: object, **_kwargs: object) -> tuple[str, str]:
        return (answer["path"], "JSON Lines (*.jsonl)") if answer["path"] else ("", "")

    save_dialog.ask_save_path = ask_save_path  # type: ignore[assignment]

    # With --team the theme goes light, dark, light: it starts light, so every cycle ends as it began.
    window = MainWindow(Settings(annotator="soak", theme="light" if args.team else "system"))
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    drive = Driver(app, window)
    drive.wait_until(lambda: window.start_finished)
    window.open_project(project_path)
    drive.settle()
    if args.team:
        window.registry["suggestions_panel"].trigger()
        drive.settle(suggestions=True)

    def accept_modal() -> None:
        """The export's "whose labels" question (a modal `exec()`): everyone's."""
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.accept()  # type: ignore[attr-defined]

    def note() -> None:
        before = drive.shown_dialogs()
        drive.key(Qt.Key.Key_N, widget=window.view)
        if drive.wait_until(lambda: bool(drive.shown_dialogs() - before), 5_000):
            (dialog,) = drive.shown_dialogs() - before
            dialog.edit.setPlainText("Needs a source.")
            dialog.accept()
            drive.activate()

    done_team = Counter[str]()

    def choose_theme(theme: str) -> None:
        """Preferences, its theme box, OK: what a person does (`apply_preferences`)."""
        before = drive.shown_dialogs()
        window.registry["preferences"].trigger()
        if not drive.wait_until(lambda: window.preferences_dialog is not None, 10_000):
            return
        dialog = window.preferences_dialog
        dialog.theme.setCurrentIndex(dialog.theme.findData(theme))
        dialog.accept()
        drive.wait_until(lambda: not (drive.shown_dialogs() - before))
        done_team["theme changes"] += window.settings.theme == theme
        drive.activate()

    def merge() -> None:
        """Team > Merge of the teammate's file, its report box closed once it shows."""
        earlier = window.team.merge_report
        window.registry["merge"].trigger()
        drive.wait_until(lambda: window.team.merge_report not in (None, earlier), 120_000)
        drive.settle(suggestions=True)
        report = window.team.merge_report
        if report is not None and report is not earlier:
            report.close()  # deletes itself on close
            done_team["merges"] += 1
        drive.activate()

    def cycle(n: int) -> None:
        drive.activate()
        if args.team and not window.suggestions.dock.isVisible():
            window.registry["suggestions_panel"].trigger()
        window.show_article(ids[n % len(ids)])
        window.view.setFocus()
        drive.key(Qt.Key.Key_J, widget=window.view)
        drive.key((Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)[n % 3], widget=window.view)
        if n % 3 == 0:
            note()
        drive.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, window.view)
        drive.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        drive.key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier, window.view)
        from PySide6.QtTest import QTest

        QTest.keyClicks(app.focusWidget() or window, ("council", "police", "vote")[n % 3])
        drive.spin(250)  # the search's delay, and its answer from the pool
        drive.settle(suggestions=args.team)
        drive.key(Qt.Key.Key_Escape)
        window.view.setFocus()
        drive.key(Qt.Key.Key_E, widget=window.view)
        drive.key(Qt.Key.Key_J, widget=window.view)
        drive.key(Qt.Key.Key_E, widget=window.view)
        if n % 5 == 0:
            drive.open_and_close("preferences")
            drive.open_and_close("shortcuts")
            real = args.export_every > 0 and n % args.export_every == 0
            answer["path"] = str(exports / f"soak-{n}.jsonl") if real else ""
            QTimer.singleShot(0, app, accept_modal)
            window.registry["export"].trigger()
            drive.settle()
            drive.open_and_close("statistics")
            if args.more:
                for action_id in ("review", "entity_decisions", "release", "about", "pipeline_choice"):
                    drive.open_and_close(action_id)
                panels = ("suggestions_panel", "guidelines_panel", "article_list")
                for panel in panels[1:] if args.team else panels:  # --team keeps Suggestions open
                    window.registry[panel].trigger()
                    drive.settle()
                    window.registry[panel].trigger()
                drive.activate()
                drive.key(Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier, window.view)
                drive.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier, window.view)
        if args.team:
            merge()
            for theme in ("dark", "light"):
                choose_theme(theme)
        drive.settle(suggestions=args.team)

    reports: list[tuple[int, Figures]] = []
    figures, types = measure(window, project_path)
    reports.append((0, figures))
    header = " ".join(f"{f.name:>22}" for f in fields(Figures))
    print(f"{'cycle':>6} {'s':>6} {header}")

    def show(n: int, figures: Figures, elapsed: float) -> None:
        print(
            f"{n:>6} {elapsed:>6.0f} " + " ".join(f"{getattr(figures, f.name):>22}" for f in fields(Figures))
        )

    show(0, figures, 0)
    start = time.perf_counter()
    heap: tracemalloc.Snapshot | None = None
    for n in range(1, args.cycles + 1):
        cycle(n)
        if n % args.every == 0:
            figures, now = measure(window, project_path)
            reports.append((n, figures))
            show(n, figures, time.perf_counter() - start)
            grew = [(name, now[name] - types[name]) for name in now if now[name] > types[name]]
            grew.sort(key=lambda item: -item[1])
            if args.show_types or n == args.cycles:
                print("        grew: " + ", ".join(f"{name} +{count}" for name, count in grew[:10]))
                ours = [(name, count) for name, count in grew if name.startswith(("annotator.", "PySide6."))]
                print(
                    "        of the app and Qt: " + ", ".join(f"{name} +{count}" for name, count in ours[:10])
                )
            types = now
            if args.tracemalloc:
                snapshot = tracemalloc.take_snapshot().filter_traces(
                    [tracemalloc.Filter(False, tracemalloc.__file__)]
                )
                if heap is not None:
                    print(f"        Python heap: {tracemalloc.get_traced_memory()[0] // 1024} kB")
                    for stat in snapshot.compare_to(heap, "traceback")[:5]:
                        print(f"        {stat.size_diff // 1024:+} kB {stat.count_diff:+} blocks:")
                        for line in stat.traceback.format()[-6:]:
                            print(f"            {line}")
                heap = snapshot

    soak_claims = (
        sum(1 for a in ids for c in window.project.claims(a) if c.annotator == "soak")
        if window.project
        else 0
    )
    print(
        f"done: {soak_claims} claims of the person's, {len(list(exports.iterdir()))} exports written"
        + "".join(f", {count} {what}" for what, count in done_team.items())
        + (
            f", {window.suggestions.panel.model.rowCount()} rows in the Suggestions panel"
            if args.team
            else ""
        )
    )
    print(f"\nslope per 100 cycles after {args.warm_up} cycles of warm-up:")
    kept = [(n, f) for n, f in reports if n >= args.warm_up]
    for f in fields(Figures):
        print(f"  {f.name:>22}: {slope([(n, getattr(figures, f.name)) for n, figures in kept]):+.1f}")
    window.close()


if __name__ == "__main__":
    main()
