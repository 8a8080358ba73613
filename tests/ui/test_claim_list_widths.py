"""The claim list's short columns after a label key: measured from the rows once, not per layout.

The label and By columns are as wide as their widest value, and the panel's minimum width
follows them, so every layout after a label key asked which rows show each value: about
thirty times a key, each going through every claim of the article. On a long article of
1,000 claims that was 22 ms of each key's wait. The answer is kept until the rows change;
these tests hold that it is then always what going through the rows again gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeView
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import Claim, ClaimLabel
from annotator.ui import models
from annotator.ui.claim_panel import ClaimPanel
from annotator.ui.models import ClaimListModel
from tests.ui.conftest import open_window

TEXT = "One claim here. Two claims there. Three more. Four and five. Six at the end."
LABELS = (ClaimLabel.FACTUAL, ClaimLabel.OPINION, ClaimLabel.QUESTIONABLE)


def _claim(claim_id: int, start: int, label: ClaimLabel, who: str) -> Claim:
    return Claim(start=start, end=start + 5, label=label, annotator=who, id=claim_id, article_id=1)


def _fresh(claims: list[Claim]) -> dict[int, list[int] | None]:
    """What a model given these claims at once answers: every row gone through."""
    model = ClaimListModel()
    model.set_claims(TEXT, claims)
    return {column: model.rows_showing_each(column) for column in range(4)}


def test_the_rows_showing_each_value_follow_every_edit_as_a_fresh_list_would(qtbot: QtBot) -> None:
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    claims = [_claim(i + 1, i * 3, ClaimLabel.FACTUAL, "al") for i in range(8)]
    edits = [
        claims,
        # A new row with a label none had, then a name none had: both columns widen.
        [*claims[:3], _claim(20, 10, ClaimLabel.QUESTIONABLE, "al"), *claims[3:]],
        [*claims[:3], _claim(20, 10, ClaimLabel.QUESTIONABLE, "Maximiliana Wolff-Ostrowska"), *claims[3:]],
        # Relabelled in place, then the only row of its name and label removed: both narrow.
        [*claims[:3], _claim(20, 10, ClaimLabel.OPINION, "Maximiliana Wolff-Ostrowska"), *claims[3:]],
        claims,
        claims[2:],  # rows removed from the top: the first row of each value moves
        [],
        claims,
    ]
    for shown in edits:
        panel.show_claims(TEXT, shown)
        QApplication.processEvents()  # the layouts that ask, before and after the rows changed
        assert {column: panel.model.rows_showing_each(column) for column in range(4)} == _fresh(shown)
        for column in (0, 3):
            assert panel.list.named_width(column) == QTreeView.sizeHintForColumn(panel.list, column)
    # Another article: the rows are all new, under the same ids.
    other = [_claim(i + 1, i * 2, LABELS[i % 3], ("al", "bo")[i % 2]) for i in range(6)]
    panel.show_claims(TEXT + " Another.", other)
    QApplication.processEvents()
    assert panel.model.rows_showing_each(0) == [0, 1, 2]
    assert panel.model.rows_showing_each(3) == [0, 1]


@pytest.fixture
def long_article(project_path: Path) -> Path:
    """The first article with a claim of three people on every candidate."""
    with open_project(project_path) as project:
        article = project.articles()[0]
        for who in ("alice", "bob", "carol"):
            for candidate in project.candidates(article.id):
                project.add_claim(article.id, candidate.start, candidate.end, "factual", annotator=who)
    return project_path


def test_after_a_label_key_measuring_the_panel_again_goes_through_no_claim(
    qtbot: QtBot, long_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each layout of the list fits its label and By columns to their values (and the panel's
    minimum width follows them): with the rows unchanged since the last, none of them goes
    through the claims again."""
    window = open_window(qtbot, long_article)
    assert window.article is not None
    claims = len(window.article.claims)
    assert claims > 50
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    QApplication.processEvents()  # the layouts the label asked for
    assert window.article is not None and len(window.article.claims) == claims + 1
    named = 0
    by_text = models.by_text

    def counted(claim: Claim) -> str:
        nonlocal named
        named += 1
        return by_text(claim)

    monkeypatch.setattr(models, "by_text", counted)
    tree = window.claims.list
    widths = {(tree.sizeHintForColumn(0), tree.sizeHintForColumn(3)) for _ in range(3)}
    assert len(widths) == 1
    # The By cells measured are one a name (four here), not one a claim.
    assert named < claims
    window.close()
