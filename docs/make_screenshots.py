"""Make the window's screenshots in docs/ offscreen: light, dark, entity mode, paragraphs.

Run from the repository root:  .venv/bin/python docs/make_screenshots.py
Uses Wikinews articles from tests/data/ui, pre-annotated with the real pipeline, with a
few claims of each label, and a Global Voices page from tests/data/formats/html read by
the HTML reader (its paragraphs are separated by single line breaks), so the pictures
show what annotators see. Keys are pressed as a person would, into whatever has focus.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator import open_project  # noqa: E402
from annotator.core.commands import SetEntityStatus  # noqa: E402
from annotator.core.model import ArticleDraft, ClaimLabel, EntityStatus  # noqa: E402
from annotator.core.settings import Settings  # noqa: E402
from annotator.formats.readers import read_path  # noqa: E402
from annotator.services.preannotate import preannotate  # noqa: E402
from annotator.services.project import store_of  # noqa: E402
from annotator.store.suggestions import Suggestion, replace_suggestions, save_model  # noqa: E402
from annotator.ui.app import apply_theme  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

DATA = ROOT / "tests" / "data" / "ui"
HTML_PAGE = ROOT / "tests" / "data" / "formats" / "html" / "gv_index_3.html"  # Global Voices, CC BY 3.0
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
        drafts += [draft for draft in read_path(HTML_PAGE) if isinstance(draft, ArticleDraft)]
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
        # A few entities a person accepted, and one rejected (hidden outside entity mode).
        first = report.added[0]
        for entity in project.entities(first):
            name = text[entity.start : entity.end]
            if name in {"Santa Cruz Island", "Bill Brown", "Monica Rochester", "California"}:
                project.execute(SetEntityStatus(entity.id, EntityStatus.ACCEPTED))
            elif name == "earlier this week":
                project.execute(SetEntityStatus(entity.id, EntityStatus.REJECTED))
        # A trained model's label for one candidate, drawn where the cursor is.
        model = save_model(
            store_of(project),
            labels=["factual", "opinion"],
            architecture="demo",
            spacy_version="",
            config="",
            weights=b"",
            evaluation={},
        )
        suggested = [
            Suggestion(first, c.start, c.end, ClaimLabel.OPINION, 0.74, 0.4, model.id)
            for c in project.candidates(first)
            if text[c.start :].startswith("Authorities have not named")
        ]
        replace_suggestions(store_of(project), model.id, suggested)
        project.set_status(report.added[1], "done")
    return path


def press(app: QApplication, *keys: Qt.Key) -> None:
    """Keys into whatever has focus, as a person types them."""
    for key in keys:
        widget = app.focusWidget()
        assert widget is not None, "nothing has focus"
        QTest.keyClick(widget, key)
    app.processEvents()


def shoot(theme: str, project: Path, out: Path, *, scene: str = "claims") -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    window = MainWindow(Settings(annotator="ada", font_size=12))
    window.resize(1440, 880)
    window.show()
    window.activateWindow()
    window.open_project(project)
    app.processEvents()
    view = window.view
    if scene == "claims":
        press(app, Qt.Key.Key_J)  # the first candidate, with a claim in it: both show
    elif scene == "entities":
        press(app, Qt.Key.Key_E, Qt.Key.Key_J, Qt.Key.Key_J, Qt.Key.Key_J)
    elif scene == "paragraphs":
        page = next(s for s in window.article_model.summaries() if s.title.startswith("Iran"))
        window.select_article(page.id)
        view.setFocus()
        press(app, Qt.Key.Key_J, Qt.Key.Key_J, Qt.Key.Key_2)
    app.processEvents()
    window.grab().save(str(out))
    window.close()
    print(f"wrote {out}")


def main() -> None:
    os.environ.setdefault("ANNOTATOR_HOME", tempfile.mkdtemp(prefix="annotator-shots-"))
    with tempfile.TemporaryDirectory() as tmp:
        project = build_project(Path(tmp))
        docs = ROOT / "docs"
        shoot("light", project, docs / "screenshot-light.png")
        shoot("dark", project, docs / "screenshot-dark.png")
        shoot("light", project, docs / "screenshot-entity-mode.png", scene="entities")
        shoot("light", project, docs / "screenshot-paragraphs.png", scene="paragraphs")


if __name__ == "__main__":
    main()
