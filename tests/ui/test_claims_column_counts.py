"""The article list's Claims column counts the reviewers' decisions; the dashboard does not.

On a merged team file with gold labels, the same article showed two numbers, in the list and
in the statistics, and nothing said why. The list keeps counting what the article holds, and
says so where the two differ: in the header's tooltip and in each such cell's.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.model import GOLD_ANNOTATOR
from annotator.services.adjudication import decide, review_items
from annotator.services.project import Project
from annotator.services.statistics import team_stats
from annotator.ui.main_window import MainWindow
from annotator.ui.models import ID_ROLE
from annotator.ui.review import ReviewDialog
from tests.ui.conftest import open_window, select_words

TIP = Qt.ItemDataRole.ToolTipRole
CLAIMS = 2  # the Claims column


def _shown(tooltip: object) -> str | None:
    """A tooltip as the person reads it (the list's are escaped rich text)."""
    if tooltip is None:
        return None
    document = QTextDocument()
    document.setHtml(str(tooltip))
    return document.toPlainText()


def _header_tip(model: QAbstractItemModel) -> str | None:
    return _shown(model.headerData(CLAIMS, Qt.Orientation.Horizontal, TIP))


def _cells(window: MainWindow) -> dict[int, tuple[int, str | None]]:
    """Article id -> (the Claims cell, its tooltip), as the list's view asks its model."""
    model = window.article_list.model()
    cells = {}
    for row in range(model.rowCount()):
        cell = model.index(row, CLAIMS)
        cells[int(cell.data(ID_ROLE))] = (int(cell.data()), _shown(model.data(cell, TIP)))
    return cells


def test_a_team_file_with_gold_labels_says_what_the_claims_column_counts(qtbot: QtBot, team: Project) -> None:
    items = review_items(team)
    for item, label in zip(items, ("factual", "opinion", None), strict=False):
        decide(team, item, label, reviewer="dana")
    gold = [c.article_id for c in team.claims(annotator=GOLD_ANNOTATOR)]
    assert len(gold) == 2  # the "no claim" decision is no claim: nowhere in the count
    stats = team_stats(team)  # what the dashboard shows
    per_article = {article_id: sum(counts.values()) for article_id, _title, counts in stats.per_article}
    window = open_window(qtbot, team.path, annotator="dana")
    assert _header_tip(window.article_list.model()) == (
        "Claims in the article: every annotator's and the settled ones;"
        " the statistics count the annotators' alone"
    )
    cells = _cells(window)
    assert set(cells) == set(per_article)
    for article_id, (count, tooltip) in cells.items():
        settled = gold.count(article_id)
        # The cell counts the dashboard's claims of the article and the reviewers' decisions.
        assert count == per_article[article_id] + settled
        if settled:
            assert tooltip == f"{count} claims: {per_article[article_id]} by annotators, {settled} settled"
        else:
            assert tooltip is None  # nothing to tell apart: both places show the same number
    window.close()


def test_a_decision_made_in_the_review_shows_in_the_claims_column(qtbot: QtBot, team: Project) -> None:
    """The first decision of a team file: the header and the article's cell say it at once."""
    window = open_window(qtbot, team.path, annotator="dana")
    model = window.article_list.model()
    assert _header_tip(model) is None
    before = _cells(window)
    assert all(tooltip is None for _count, tooltip in before.values())
    window.registry["review"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog) and w.isVisible())
    qtbot.waitUntil(lambda: not dialog.loading, timeout=20_000)
    article_id = dialog.items[0].article_id
    dialog.press("2")  # opinion, for the first disagreement
    count = before[article_id][0] + 1
    qtbot.waitUntil(lambda: _cells(window)[article_id][0] == count)
    assert _cells(window)[article_id][1] == f"{count} claims: {count - 1} by annotators, 1 settled"
    assert _header_tip(model) is not None
    window.registry["undo"].trigger()  # no decision left: the list reads as before
    qtbot.waitUntil(lambda: _cells(window) == before)
    assert _header_tip(model) is None
    dialog.close()
    window.close()


def test_a_project_of_ones_own_says_nothing_more_of_its_claims(qtbot: QtBot, window: MainWindow) -> None:
    select_words(qtbot, window, 0, 2)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.article is not None
    shown = window.article.article.id
    cells = _cells(window)
    assert cells[shown] == (1, None)
    assert all(tooltip is None for _count, tooltip in cells.values())
    assert _header_tip(window.article_list.model()) is None
