"""What the window costs a laptop while nobody touches it, offscreen: CPU, queries, timers, processes.

    .venv/bin/python benchmarks/bench_idle.py [--articles 500] [--seconds 60] [--write-protected]

A project of `--articles` Wikinews articles with hand-made pre-annotation and two teammates'
claims (`bench_large_project.build`, no spaCy) is opened in the window, and the window is left
alone for `--seconds` in each state a person leaves it in: the article shown, the Suggestions
panel open, Team ▸ Statistics open, the review open, and the window minimized. For each:
the CPU time of this process and of the processes it started and saw end (`getrusage`), in ms
per minute; the SQLite statements the window's connection ran (`set_trace_callback`); the
timer events the application delivered (an event filter), by the timer's owner; and the
keeping processes started (`store.keeper`). With `--write-protected` (root only: a tmpfs
remounted read-only, as a write-protected stick or a read-only share is), the project lies
there. The daily backup's first copy (a minute after the opening) is put off, so that it is
not counted as idle. Prints figures; asserts nothing.

The look of the project watch every two seconds (`ui.project_watch`: a `stat`, a `waitpid`
and `PRAGMA data_version`) is all that wakes in every state: 15 statements, all of them
`PRAGMA data_version`, and 17-19 timer events in 30 s, no other query. Figures, 503 articles
(3,962 claims), `--seconds 30`, on the commit before and after a read-only project got no
keeping process and a keeper that ended before it held the project was no longer started
again, one run each, shared two-core machine:

| idle, CPU ms per minute: this process + its children | before | after |
|---|---|---|
| writable project, each state | 14-25 + 0 | 14-25 + 0 |
| write-protected stick, each state | 39-46 + 1,617-1,805 (15 keepers in 30 s) | 14-18 + 0 (none) |
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing


@contextmanager
def _disk(write_protected: bool) -> Iterator[Path]:
    """A folder for the project: a temporary one, or a tmpfs to be remounted read-only."""
    point = Path(tempfile.mkdtemp(prefix="annotator-idle-"))
    if not write_protected:
        yield point
        return
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(point)], check=True)
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--write-protected", action="store_true", help="the project on a read-only disk (root)"
    )
    args = parser.parse_args()
    os.environ["ANNOTATOR_HOME"] = tempfile.mkdtemp(prefix="annotator-bench-")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.core.settings import Settings
    from annotator.services.project import store_of
    from annotator.store import keeper
    from annotator.ui.main_window import MainWindow
    from benchmarks.bench_large_project import build

    app = QApplication.instance() or QApplication([])
    started: list[float] = []
    start = keeper.ProjectKeeper.start

    def counted_start(self: keeper.ProjectKeeper) -> None:
        started.append(time.perf_counter())
        start(self)

    keeper.ProjectKeeper.start = counted_start  # type: ignore[method-assign]

    class TimerCount(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.by_owner: collections.Counter[str] = collections.Counter()

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Timer:
                owner = watched.parent() if isinstance(watched, QTimer) else watched
                self.by_owner[type(owner).__name__ if owner is not None else "-"] += 1
            return False

    timers = TimerCount()

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    with _disk(args.write_protected) as disk:
        path = disk / "idle.annotator.db"
        build(path, args.articles)
        gc.collect()
        if args.write_protected:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        window = MainWindow(Settings(annotator="alice"))
        window.auto_preannotate = False
        window.resize(1366, 768)
        window.show()
        settle(300)
        window.open_project(path, create=False)
        while getattr(window, "listing", False):
            settle(5)
        window.daily_backup.stop()  # its first copy, a minute after the opening, is no idling
        for box in app.topLevelWidgets():
            if box is not window and box.isVisible():
                box.close()  # "read-only" said at the opening
        assert window.project is not None
        statements: collections.Counter[str] = collections.Counter()
        store_of(window.project).conn.set_trace_callback(lambda s: statements.update([s.split("\n")[0][:60]]))
        app.installEventFilter(timers)

        def idle(name: str, enter: Callable[[], None], leave: Callable[[], None]) -> None:
            enter()
            settle(5000)  # what opening it started has ended
            statements.clear()
            timers.by_owner.clear()
            keepers = len(started)
            own, children = (
                resource.getrusage(resource.RUSAGE_SELF),
                resource.getrusage(resource.RUSAGE_CHILDREN),
            )
            began = time.perf_counter()
            settle(int(args.seconds * 1000))
            minutes = (time.perf_counter() - began) / 60
            own_after = resource.getrusage(resource.RUSAGE_SELF)
            children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (own_after.ru_utime + own_after.ru_stime - own.ru_utime - own.ru_stime) * 1000 / minutes
            cpu_children = (
                (children_after.ru_utime + children_after.ru_stime - children.ru_utime - children.ru_stime)
                * 1000
                / minutes
            )
            print(
                f"{name:<22} CPU {cpu:6.0f} + {cpu_children:5.0f} (children) ms/min; "
                f"{sum(statements.values())} statements, {sum(timers.by_owner.values())} timer events, "
                f"{len(started) - keepers} keepers started"
            )
            print(f"{'':<22} statements: {dict(statements.most_common(4))}")
            print(f"{'':<22} timers by owner: {dict(timers.by_owner.most_common(4))}", flush=True)
            leave()
            settle(300)

        def close_dialogs() -> None:
            for dialog in app.topLevelWidgets():
                if dialog is not window and dialog.isVisible():
                    dialog.close()

        def nothing() -> None:
            pass

        suggestions = window.registry["suggestions_panel"]
        idle("article shown", nothing, nothing)
        idle("suggestions panel", suggestions.trigger, suggestions.trigger)
        idle("statistics", window.registry["statistics"].trigger, close_dialogs)
        idle("review", window.registry["review"].trigger, close_dialogs)
        idle("minimized", window.showMinimized, window.showNormal)
        window.close()
        settle(300)


if __name__ == "__main__":
    main()
