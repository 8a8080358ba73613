"""How long each key typed in the article list's search box holds the window, offscreen.

    .venv/bin/python benchmarks/bench_search_keys.py [--articles 20000] [--rounds 3]

The list of a large project (`--articles` rows, the Wikinews titles repeated, each naming its
number, as `large_project.py` builds them) in a shown article panel; "police", "mayor" and
"xq" typed `--rounds` times, the box cleared between words. For each key: how long the key
held the window (the key event and the events it posted: the filter, the layout, the paint),
and for each word, how long the one filter once typing paused took. The baseline, in the same
process, is the panel filtering at each key (`FILTER_AT_EACH_KEY_ROWS` above the list's
length), as it did before a long list waited for typing to pause. Prints figures; asserts
nothing.

20,000 articles, 3 rounds, shared two-core machine: a key held the window median 84 ms,
longest 176 ms, filtered at each key; median 0.3 ms, longest 31 ms once typing pauses, the
rows filtered about 90 ms after the 120 ms pause, once a word.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from benchmarks.large_project import ARTICLES

WORDS = ("police", "mayor", "xq")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.core.model import ArticleStatus, ArticleSummary
    from annotator.ui.article_panel import ArticlePanel

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    summaries = [
        ArticleSummary(
            n + 1,
            f"{records[n % len(records)]['meta'].get('title') or 'a'} ({n})",
            "bench",
            ArticleStatus.NEW,
            0,
            100,
        )
        for n in range(args.articles)
    ]

    def measure(each_key: bool) -> tuple[list[float], list[float]]:
        """Per key, the ms it held the window; per word, the ms of the filter after the pause."""
        panel = ArticlePanel()
        if each_key:
            panel.FILTER_AT_EACH_KEY_ROWS = args.articles + 1  # type: ignore[misc]
        panel.resize(420, 720)
        panel.show()
        panel.set_articles(summaries)
        for _ in range(5):
            app.processEvents()
        panel.search.setFocus()
        keys: list[float] = []
        pauses: list[float] = []
        for _round in range(args.rounds):
            for word in WORDS:
                for char in word:
                    start = time.perf_counter()
                    QTest.keyClick(panel.search, char)
                    app.processEvents()
                    keys.append((time.perf_counter() - start) * 1000)
                if not each_key:
                    QTest.qWait(panel.FILTER_PAUSE_MS // 2)  # the pause, short of the filter
                    start = time.perf_counter()
                    while panel.count.text() == panel.tr("Filtering…"):
                        app.processEvents()
                    app.processEvents()
                    pauses.append((time.perf_counter() - start) * 1000 + panel.FILTER_PAUSE_MS // 2)
                panel.search.clear()
                app.processEvents()
        panel.close()
        panel.deleteLater()
        app.processEvents()
        return keys, pauses

    def figures(times: list[float]) -> str:
        return f"median {statistics.median(times):6.1f} ms, longest {max(times):6.1f} ms"

    baseline, _none = measure(each_key=True)
    keys, pauses = measure(each_key=False)
    print(f"{args.articles} articles, {args.rounds} rounds of {', '.join(WORDS)}")
    print(f"filtered at each key (baseline)  a key held the window {figures(baseline)}")
    print(f"filtered once typing pauses      a key held the window {figures(keys)}")
    print(f"                                 the pause and its filter {figures(pauses)}")
    print(f"ratio of the median key {statistics.median(keys) / statistics.median(baseline):.3f}")


if __name__ == "__main__":
    main()
