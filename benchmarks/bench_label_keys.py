"""Label keys on a long article in a large project, in the real window offscreen. Prints figures;
asserts nothing.

    .venv/bin/python benchmarks/bench_label_keys.py [--presses 30] [--sizes 300,3000,10000]

For each size, a project of that many claims: the Wikinews articles repeated
(`large_project.py`) with hand-made suggestions (`bench_ui.hand_analysis`), five teammates'
claims on their candidates, and one long article (20,000 words) holding a tenth of them. On
the long article, J and 1, `--presses` times: the time from the 1 to the claim saved, the
view and the claim list updated and every event the key left handled (what a fast
annotator's next key waits for). The baseline, in the same process: the same claim written
through the service alone (`Project.add_claim`, one transaction), on another article.

Figures (one run each on the shared two-core machine, in ms; the "before" run met more
load from other work, as its slower store writes show):

| claims (in the long article) | before: key median / max | write | after: key median / max | write |
|---|---|---|---|---|
| 300 (30) | 54 / 75 | 4.0 | 20 / 25 | 0.5 |
| 3,000 (300) | 53 / 87 | 4.0 | 45 / 74 | 0.9 |
| 10,000 (1,000) | 99 / 163 | 3.6 | 70 / 90 | 4.0 |

Before: every layout after the key fitted the claim list's label and By columns by going
through all the article's claims (about thirty times a key); after, the rows showing each
value are kept until the rows change (`ClaimListModel.rows_showing_each`). What still grows
is the article's own claims, not the project's: reading them again after the edit (which
shows what another window saved meanwhile), and Qt laying out the rows and drawing the text.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEAM = ("alice", "bob", "carol", "dan", "eve")


def build(path: Path, claims: int) -> int:
    """The project described above; the long article's id."""
    from annotator.core.model import ArticleDraft
    from annotator.services.project import open_project, store_of
    from annotator.store.project_store import now_iso
    from benchmarks.bench_ui import hand_analysis, long_text
    from benchmarks.large_project import build_large_project

    build_large_project(path, 40)
    rng = random.Random(1)
    with open_project(path) as project:
        store = store_of(project)
        (long_id,) = project.import_drafts([ArticleDraft(text=long_text(words=20_000), title="long")]).added
        ids = [a.id for a in project.articles()]
        store.save_analyses([(a, hand_analysis(store.article(a).text)) for a in ids])
        stamp = now_iso()

        def spans(article_id: int) -> list[tuple[int, int]]:
            return store.conn.execute(
                'SELECT start, "end" FROM candidates WHERE article_id = ? ORDER BY start', (article_id,)
            ).fetchall()

        with store.transaction():
            for who in TEAM:
                store.conn.execute("INSERT INTO annotators(name, created_at) VALUES (?, ?)", (who, stamp))
            rows = []
            # The long article's claims are on its second half: the keys label its first.
            second_half = spans(long_id)[len(spans(long_id)) // 2 :]
            for n in range(claims // 10):
                start, end = second_half[n // len(TEAM) % len(second_half)]
                rows.append((long_id, start, end, rng.choice(["factual", "opinion"]), TEAM[n % len(TEAM)]))
            others = {a: spans(a) for a in ids if a != long_id}
            n = 0
            while len(rows) < claims:
                article_id = list(others)[n % len(others)]
                places = others[article_id]
                start, end = places[n // len(others) % len(places)]
                rows.append(
                    (article_id, start, end, "factual", TEAM[n // len(others) // len(places) % len(TEAM)])
                )
                n += 1
            store.conn.executemany(
                'INSERT INTO claims(article_id, start, "end", label, annotator, created_at, updated_at)'
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(*row, stamp, stamp) for row in rows],
            )
    return long_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--sizes", default="300,3000,10000")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="annotator-label-keys-")
    os.environ["ANNOTATOR_HOME"] = home
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.core.settings import Settings
    from annotator.services.project import open_project
    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])

    def settle(window: MainWindow) -> None:
        # A real event loop, not a processEvents() busy loop (see bench_ui.py).
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(5)
        poll.timeout.connect(lambda: None if window.busy or window.listing else loop.quit())
        poll.start()
        loop.exec()
        poll.stop()

    for size in (int(s) for s in args.sizes.split(",")):
        path = Path(home) / f"claims-{size}.annotator.db"
        long_id = build(path, size)

        with open_project(path) as project:
            other = next(a.id for a in project.articles() if a.id != long_id)
            places = project.candidates(other)
            writes = []
            for start_end in places[: args.presses]:
                t0 = time.perf_counter()
                project.add_claim(other, start_end.start, start_end.end, "factual", annotator="baseline")
                writes.append(time.perf_counter() - t0)

        window = MainWindow(Settings(annotator="bench"))
        window.resize(1400, 860)
        window.show()
        window.open_project(path)
        settle(window)
        window.show_article(long_id)
        window.view.setFocus()
        window.activateWindow()
        app.processEvents()
        assert window.article is not None
        shown = len(window.article.claims)
        keys = []
        for _ in range(args.presses):
            QTest.keyClick(window.view, Qt.Key.Key_J)
            app.processEvents()
            before = len(window.article.claims)
            t0 = time.perf_counter()
            QTest.keyClick(window.view, Qt.Key.Key_1)
            app.processEvents()  # the layouts and the paint the key asked for
            keys.append(time.perf_counter() - t0)
            assert len(window.article.claims) == before + 1, "claim not saved"
        print(
            f"{size:,} claims ({shown:,} in the long article): label key median "
            f"{statistics.median(keys) * 1000:.1f} ms, max {max(keys) * 1000:.1f} ms; "
            f"baseline, the store write alone: median {statistics.median(writes) * 1000:.1f} ms"
        )
        window.close()
        window.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    main()
