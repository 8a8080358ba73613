"""What paragraph spacing costs the reading view, offscreen. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_reading.py [--runs 9]

`ui.reading.ParagraphLayout` gives every paragraph the same gap (and blank lines
none) by answering Qt's calls for each paragraph's box from Python. The baseline is the
same view laid out by Qt's own QPlainTextDocumentLayout, measured in the same run, the two
alternating so a busy machine slows both alike:

1. switch to and render a 5,000-word and a 100,000-character article with all highlights
2. scroll through the 100,000-character article a page at a time, each page rendered
3. J through 40 candidates (select, scroll into view, render)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ui import hand_analysis, long_text  # noqa: E402


def main() -> None:
    from PySide6.QtWidgets import QApplication, QPlainTextDocumentLayout

    from annotator.ui import reading
    from annotator.ui.article_view import ArticleView

    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 9
    app = QApplication.instance() or QApplication([])
    texts = {"5,000 words": long_text(words=5000), "100,000 chars": long_text(chars=100_000)}
    analyses = {name: hand_analysis(text) for name, text in texts.items()}

    class QtLayout(QPlainTextDocumentLayout):
        """Qt's own layout, as the view had before paragraph gaps."""

        def set_font(self, font: object) -> None:
            pass

    def make(paragraphs: bool) -> ArticleView:
        original = reading.ParagraphLayout
        if not paragraphs:
            reading.ParagraphLayout = QtLayout  # type: ignore[misc, assignment]
        try:
            view = ArticleView(font_size=13)
        finally:
            reading.ParagraphLayout = original  # type: ignore[misc]
        view.resize(760, 800)
        view.show()
        app.processEvents()
        return view

    views = {"paragraph gaps": make(True), "Qt's layout (baseline)": make(False)}

    def show(view: ArticleView, name: str) -> None:
        a = analyses[name]
        view.set_article(texts[name], entities=a.entities, quotes=a.quotes, title=name)
        view.viewport().repaint()

    def switch(view: ArticleView, name: str) -> float:
        show(view, "5,000 words" if name != "5,000 words" else "100,000 chars")
        t0 = time.perf_counter()
        show(view, name)
        return time.perf_counter() - t0

    def scroll(view: ArticleView) -> float:
        show(view, "100,000 chars")
        bar = view.verticalScrollBar()
        pages = 0
        t0 = time.perf_counter()
        while bar.value() < bar.maximum() and pages < 400:
            bar.setValue(bar.value() + bar.pageStep())
            view.viewport().repaint()
            pages += 1
        return (time.perf_counter() - t0) / max(pages, 1)

    def step(view: ArticleView) -> float:
        show(view, "5,000 words")
        spans = sorted((c.start, c.end) for c in analyses["5,000 words"].candidates)[:40]
        t0 = time.perf_counter()
        for start, end in spans:
            view.select_span(start, end)
            view.viewport().repaint()
        return (time.perf_counter() - t0) / len(spans)

    cases: list[tuple[str, Callable[[ArticleView], float]]] = [
        *((f"switch + render {name}", lambda v, n=name: switch(v, n)) for name in texts),
        ("scroll 100,000 chars, per page rendered", scroll),
        ("J to the next candidate (select, scroll, render), per key", step),
    ]
    for label, case in cases:
        times: dict[str, list[float]] = {name: [] for name in views}
        for _ in range(runs):
            for name, view in views.items():
                times[name].append(case(view))
        medians = {name: statistics.median(t) * 1000 for name, t in times.items()}
        new, base = medians["paragraph gaps"], medians["Qt's layout (baseline)"]
        print(
            f"{label}: {new:.2f} ms with paragraph gaps, {base:.2f} ms with Qt's layout "
            f"(ratio {new / base:.2f}; medians of {runs})"
        )
    for view in views.values():
        view.close()


if __name__ == "__main__":
    main()
