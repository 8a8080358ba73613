"""Make docs/screenshot-light.png and docs/screenshot-dark.png offscreen.

Run from the repository root:  .venv/bin/python docs/make_screenshots.py
Uses a Wikinews article from tests/data/ui, pre-annotated with the real pipeline,
with a few claims of each label, so the pictures show what annotators see.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator import open_project  # noqa: E402
from annotator.core.model import ArticleDraft, ClaimLabel  # noqa: E402
from annotator.core.settings import Settings  # noqa: E402
from annotator.services.preannotate import preannotate  # noqa: E402
from annotator.ui.app import apply_theme  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

DATA = ROOT / "tests" / "data" / "ui"
ARTICLES = [
    ("Dozens dead in California boat fire", "wn2019_095*"),
    ("Toronto serial killer Bruce McArthur pleads guilty to eight murders", "wn2019_022*"),
]
CLAIMS = [
    ("resulted in the death of all 33 passengers", ClaimLabel.FACTUAL),
    ("Five people, who were all crew, were rescued while the rest are presumed dead", ClaimLabel.FACTUAL),
    ("This is probably the worst-case scenario you can possibly have", ClaimLabel.OPINION),
    ("The fire started some time after 3 a.m. local time", ClaimLabel.QUESTIONABLE),
]


def build_project(folder: Path) -> Path:
    path = folder / "wikinews.annotator.db"
    with open_project(path) as project:
        drafts = [
            ArticleDraft(text=next(DATA.glob(pattern)).read_text("utf-8"), title=title, source="Wikinews")
            for title, pattern in ARTICLES
        ]
        report = project.import_drafts(drafts)
        preannotate(project, report.added)
        text = project.article(report.added[0]).text
        for phrase, label in CLAIMS:
            start = text.find(phrase)
            if start >= 0:
                project.add_claim(report.added[0], start, start + len(phrase), label, annotator="ada")
        project.update_claim(
            project.claims(report.added[0])[2].id, note="quote from the sheriff, not the paper"
        )
        project.set_status(report.added[0], "in_progress")
        project.set_status(report.added[1], "done")
    return path


def shoot(theme: str, project: Path, out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    window = MainWindow(Settings(annotator="ada", font_size=12))
    window.resize(1440, 880)
    window.splitter.setSizes([330, 760, 350])
    window.show()
    window.open_project(project)
    text = window.view.text
    start = text.find("The Conception was")
    window.view.select_span(start, start + len("The Conception was a 75 ft"))
    window.view.verticalScrollBar().setValue(0)
    app.processEvents()
    window.grab().save(str(out))
    window.close()
    print(f"wrote {out}")


def main() -> None:
    os.environ.setdefault("ANNOTATOR_HOME", tempfile.mkdtemp(prefix="annotator-shots-"))
    with tempfile.TemporaryDirectory() as tmp:
        project = build_project(Path(tmp))
        shoot("light", project, ROOT / "docs" / "screenshot-light.png")
        shoot("dark", project, ROOT / "docs" / "screenshot-dark.png")


if __name__ == "__main__":
    main()
