"""How spans are matched between annotators is one option, named alike wherever it is offered."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from annotator.services.project import Project
from annotator.ui.dashboard import DashboardDialog
from annotator.ui.review import ReviewDialog


def _shown(dialog: QWidget, box: QComboBox) -> tuple[str, str, list[str], str]:
    """The text of the box's label, its tooltip, its items and the box's tooltip, as seen."""
    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is box]
    assert len(labels) == 1, [label.text() for label in labels]
    label = labels[0]
    assert label.isVisible() and box.isVisible()
    items = [box.itemText(i) for i in range(box.count())]
    return label.text(), label.toolTip(), items, box.toolTip()


def test_the_review_and_the_dashboard_name_the_span_match_alike(qtbot: QtBot, team: Project) -> None:
    """The review said "Match:" and the dashboard "Agreement on:" for the same choice, with
    different items and no word on either: a coordinator took them for two settings."""
    review = ReviewDialog(team, reviewer="dana")
    qtbot.addWidget(review)
    review.show()
    qtbot.waitUntil(lambda: not review.loading, timeout=20_000)
    board = DashboardDialog(team)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitUntil(lambda: not board.dashboard.loading, timeout=20_000)
    in_review = _shown(review, review.match_box)
    in_board = _shown(board, board.dashboard.match_box)
    assert in_review == in_board
    text, label_tip, _items, box_tip = in_review
    assert text.replace("&", "").rstrip(":")
    assert label_tip and label_tip == box_tip
    assert "relaxed" in box_tip.lower() and "exact" in box_tip.lower()
    review.close()
    board.close()
