"""What the daily copy of a project costs on a large file.

    .venv/bin/python benchmarks/bench_backup.py [--articles 10000]

The 265 Wikinews articles are repeated into a fresh project of `--articles` articles (each copy
made distinct), with one claim per article. The window copies a project once a day in the
thread pool through SQLite's online backup (`services.backups.back_up_if_due`); this times that
copy, and `copy_project` (what `annotator backup` runs: the copy and SQLite's quick_check),
against the baseline run in the same process: copying the file's bytes with `shutil.copyfile`,
which is what a person would do, and which can tear a file the window is writing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.services.project import open_project
from benchmarks.large_project import build_large_project


def best_of(times: int, action: object) -> float:
    spans = []
    for _ in range(times):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        spans.append(time.perf_counter() - start)
    return min(spans)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_HOME"] = str(Path(folder) / "home")  # the copies go under it
        from annotator.services import backups

        path = build_large_project(Path(folder) / "large.annotator.db", args.articles)
        with open_project(path, create=False) as project:
            for article_id in project.article_ids():
                project.add_claim(article_id, 0, 6, "factual", annotator="bench")
        size = path.stat().st_size
        n = 0

        def plain_copy() -> None:
            shutil.copyfile(path, Path(folder) / "plain.db")

        def project_copy() -> None:
            nonlocal n
            n += 1
            backups.copy_project(path, Path(folder) / f"copy{n}.annotator.db")

        baseline = best_of(3, plain_copy)
        copied = best_of(3, project_copy)
        start = time.perf_counter()
        daily = backups.back_up_if_due(path)
        daily_time = time.perf_counter() - start
        assert daily is not None
        print(f"{args.articles} articles, one claim each; project file {size / 1e6:.1f} MB")
        print(f"shutil.copyfile (baseline)         {baseline:6.3f} s")
        print(f"copy_project (annotator backup)     {copied:6.3f} s  ratio {copied / baseline:.1f}")
        print(f"back_up_if_due (the daily copy)     {daily_time:6.3f} s  ratio {daily_time / baseline:.1f}")


if __name__ == "__main__":
    main()
