"""A name added inside a longer one that begins with it ("New York" of "The New York Times")
is drawn as what it is, with its own type and status.

Entities drawn over one place were ordered by start, then end, and the last begun was taken
for the innermost: of two beginning together that is the longer one, so "New York" typed GPE
inside the ORG suggestion stayed drawn as the dashed ORG, and A looked as if it had done
nothing though the status bar said "Added New York (GPE)"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import Analysis, ArticleDraft, Entity, EntityStatus
from annotator.services.project import store_of
from annotator.ui.palette import scheme_for
from tests.ui.conftest import PIPELINE, open_window
from tests.ui.test_article_view import _format_at

TEXT = "Reporters at The New York Times said so on Monday. Others disagreed with them all."
TIMES = (TEXT.index("New York Times"), TEXT.index("New York Times") + len("New York Times"))
NEW_YORK = (TIMES[0], TIMES[0] + len("New York"))


def test_a_name_added_at_the_start_of_a_longer_one_is_drawn_with_its_own_type(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "nested.annotator.db"
    with open_project(path) as project:
        report = project.import_drafts([ArticleDraft(text=TEXT, title="Newspaper", source="test")])
        analysis = Analysis(PIPELINE, (Entity(*TIMES, "ORG"),), (), (), ())
        store_of(project).save_analyses([(report.added[0], analysis)])
    window = open_window(qtbot, path)
    try:
        view = window.view
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        view.select_span(*NEW_YORK)
        qtbot.keyClick(view, Qt.Key.Key_A)
        dialog = window.entities.entity_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.combo.setCurrentText("GPE")
        dialog.accept()
        assert window.article is not None
        assert [(e.start, e.end, e.label, e.status) for e in window.article.entities] == [
            (*NEW_YORK, "GPE", EntityStatus.ADDED),
            (*TIMES, "ORG", EntityStatus.SUGGESTED),
        ]

        scheme = scheme_for(view.palette())
        new_york = _format_at(view, NEW_YORK[0] + 1)
        assert new_york.foreground().color() == scheme.entity_colour("GPE")
        assert new_york.fontWeight() == QFont.Weight.Bold  # added by a person
        times = _format_at(view, TIMES[1] - 1)
        assert times.foreground().color() == scheme.entity_colour("ORG")
        assert times.fontWeight() != QFont.Weight.Bold
    finally:
        window.close()
