"""How long the window's Ctrl+P waits before its first article is done, the first time and again.

    .venv/bin/python benchmarks/bench_warm_preannotation.py [--articles 10] [--rounds 3]

An annotator imports a few articles, presses Ctrl+P, imports more, presses Ctrl+P again. One
window (offscreen) opens a project of `--articles` Wikinews articles (indices 20 on, clear of the
evaluation sets), with the pre-annotation of imports and openings turned off so that each run is
the key's; each round presses Ctrl+P, waits for its end, then imports `--articles` more. Printed
for each Ctrl+P: the time from the key to the first article done (the progress past 0), to the
run's end, and whether the run said "Loading the language model…". "Model ready" is the first
count of articles, said once the pipeline is loaded; the first article comes with the first batch
(`services.preannotate.BATCH_CHARS`), here the whole round's.

A shared two-core machine (load 2-3), 10 articles a round, the small model, two runs each,
before and after the window kept one worker process with its pipeline loaded
(`ui.subprocess_work.WarmWorker`):
    before: Ctrl+P 1    model ready 2.6-4.8 s, first article 4.0-6.2 s, total 4.7-7.0 s, loaded
            Ctrl+P 2, 3 model ready 2.3-4.0 s, first article 3.6-6.8 s, total 4.2-7.7 s, loaded
    after:  Ctrl+P 1    model ready 2.6-5.8 s, first article 3.8-8.6 s, total 4.0-10.0 s, loaded
            Ctrl+P 2, 3 model ready 0.0 s,     first article 1.1-1.5 s, total 1.2-1.8 s
The first article after "model ready" is the first batch's parse (here all 10 articles).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.model import ArticleDraft
from annotator.services.project import open_project
from annotator.services.settings import Settings
from annotator.ui.subprocess_work import LOADING_MODEL

ARTICLES = Path(__file__).resolve().parent / "data" / "wikinews-articles.jsonl"
FIRST_ARTICLE = 20
"""Tests use indices 0-19; the evaluation sets use 196-264."""


def texts(start: int, count: int) -> list[str]:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()[
        FIRST_ARTICLE + start : FIRST_ARTICLE + start + count
    ]
    return [json.loads(line)["text"] for line in lines]


def wait(until: Callable[[], bool], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish in time")
        QCoreApplication.processEvents()
        time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10, help="articles each round adds")
    parser.add_argument("--rounds", type=int, default=3, help="Ctrl+P presses")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_HOME"] = str(Path(folder) / "home")  # no settings or backups of the user's
        from annotator.ui.main_window import MainWindow

        path = Path(folder) / "bench.annotator.db"
        with open_project(path) as project:
            project.import_drafts(
                ArticleDraft(text=t, title=f"a{i}") for i, t in enumerate(texts(0, args.articles))
            )
        window = MainWindow(Settings(annotator="bench"))
        window.show()
        window.activateWindow()
        wait(lambda: window.start_finished)
        window.auto_preannotate = False  # each run is the key's, not an import's or an opening's
        window.open_project(path)
        wait(lambda: not window.listing and not window.busy)
        transfers = window.transfers
        said: list[tuple[float, int, str]] = []
        shown = transfers._preannotation_progress

        def progress(done: int, total: int, message: str) -> None:
            said.append((time.monotonic(), done, message))
            shown(done, total, message)

        transfers._preannotation_progress = progress  # type: ignore[method-assign]
        for round_ in range(args.rounds):
            said.clear()
            started = time.monotonic()
            QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
            wait(lambda: window.preannotating)
            wait(lambda: not window.preannotating and not window.busy)
            ended = time.monotonic()
            ready = next((at for at, _d, message in said if message != LOADING_MODEL), float("nan"))
            first = next((at for at, done, _m in said if done > 0), float("nan"))
            loaded = any(message == LOADING_MODEL for _at, _d, message in said)
            print(
                f"Ctrl+P {round_ + 1}  model ready {ready - started:.1f} s, "
                f"first article {first - started:.1f} s, total {ended - started:.1f} s"
                + (", loaded the model" if loaded else ""),
                flush=True,
            )
            if round_ + 1 < args.rounds:
                more = Path(folder) / f"more-{round_}.jsonl"
                start = (round_ + 1) * args.articles
                more.write_text(
                    "".join(
                        json.dumps({"text": t, "title": f"b{start + i}"}) + "\n"
                        for i, t in enumerate(texts(start, args.articles))
                    ),
                    encoding="utf-8",
                )
                window.import_paths([more])
                wait(lambda: not window.busy and not window.listing)
        window.close()
        app.processEvents()


if __name__ == "__main__":
    main()
