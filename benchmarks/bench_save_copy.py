"""How long File ▸ Save a Copy As… holds the window's thread on a large project.

    .venv/bin/python benchmarks/bench_save_copy.py [--articles 40000] [--project PATH]

The 265 Wikinews articles are repeated into a fresh project of `--articles` articles (40,000
make about 200 MB), or `--project` is used as it is. Before: the copy ran on the window's
thread, which it held for all of it (the baseline, measured in the same run: one
`Connection.backup` call of every page). After: it runs in a worker, `COPY_PAGES` pages a step,
and the window's thread only ticks every 5 ms meanwhile; its longest gap between two ticks is
what a person can feel. Also printed: what the steps cost the copy itself.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.services.project import open_project, store_of
from annotator.store import project_store
from benchmarks.large_project import build_large_project


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=40_000)
    parser.add_argument("--project", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = args.project or build_large_project(work / "large.annotator.db", args.articles)
        print(f"project: {path.stat().st_size / 1e6:.0f} MB, {project_store.COPY_PAGES} pages a step")
        with open_project(path, create=False) as project:
            conn = store_of(project).conn  # the project's own connection, which the copy reads
            held, stepped, gaps = [], [], []
            for n in range(args.repeat):
                whole = work / f"whole-{n}.db"
                start = time.perf_counter()
                with closing(sqlite3.connect(whole)) as copy:
                    conn.backup(copy)  # as before: one call, on the window's thread
                held.append(time.perf_counter() - start)
                whole.unlink()

                target = work / f"copy-{n}.annotator.db"
                done = threading.Event()

                def copy_in_worker(target: Path = target, done: threading.Event = done) -> None:
                    try:
                        project.save_copy(target)
                    finally:
                        done.set()

                worker = threading.Thread(target=copy_in_worker)
                start = last = time.perf_counter()
                worker.start()
                longest = 0.0
                while not done.is_set():  # the window's thread: an event loop ticking
                    time.sleep(0.005)
                    now = time.perf_counter()
                    longest, last = max(longest, now - last), now
                worker.join()
                stepped.append(time.perf_counter() - start)
                gaps.append(longest)
                target.unlink()
        print(f"before: window thread held {min(held):.3f}-{max(held):.3f} s (the whole copy)")
        print(
            f"after:  longest gap between 5 ms ticks {min(gaps) * 1000:.0f}-{max(gaps) * 1000:.0f} ms; "
            f"the copy in steps takes {min(stepped):.3f}-{max(stepped):.3f} s "
            f"({min(stepped) / min(held):.2f}x the single call)"
        )


if __name__ == "__main__":
    main()
