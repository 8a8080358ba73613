"""The agreement table says what each figure's n counts, in the dashboard and the HTML report."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleDraft
from annotator.formats.report import html_report
from annotator.services.project import Project, open_project
from annotator.ui.dashboard import DashboardDialog
from tests.services.team_data import ARTICLES, span_of

# The merged team of `tests.services.team_data`: 15 sentences, each marked by two or three of
# alice (14 claims), bob (14) and carol (13); alice and bob both marked 13, each other pair 12.
TEAM = ("0.622 on 37 label pairs", "0.623 on 15 shared spans", "0.902 of 82 claims by pair")
ALICE_AND_BOB = ("0.639 on 13 shared spans", "0.651 on 13 shared spans", "0.929 of 28 claims")


def _row(dialog: DashboardDialog, who: str, label: str) -> int:
    table = dialog.dashboard.table
    return next(
        r
        for r in range(table.rowCount())
        if (table.item(r, 0).text(), table.item(r, 1).text()) == (who, label)
    )


def _shown(qtbot: QtBot, team: Project) -> DashboardDialog:
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 820)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    return dialog


@pytest.mark.qt_log_ignore("This plugin does not support")  # the tooltip's raise(), offscreen
def test_each_agreement_figure_says_what_its_n_counts(qtbot: QtBot, team: Project) -> None:
    """The team's kappa read "0.622 (n=37)" beside its alpha "0.623 (n=15)", with nothing saying
    that the one counts the labels of each pair on a span and the other the spans: each figure
    says what it rests on, and its tooltip says it in a sentence."""
    dialog = _shown(qtbot, team)
    table = dialog.dashboard.table
    for who, label, expected in (("team", "all", TEAM), ("alice vs bob", "all", ALICE_AND_BOB)):
        row = _row(dialog, who, label)
        shown = tuple(
            table.item(row, column).text().replace("\N{NO-BREAK SPACE}", " ") for column in (2, 3, 4)
        )
        assert shown == expected
    team_row = _row(dialog, "team", "all")
    tips = [html.unescape(re.sub("<[^>]+>", "", table.item(team_row, c).toolTip())) for c in (2, 3, 4)]
    assert "a span three people marked is three pairs of labels" in tips[0]
    assert "the 15 spans two or more people marked" in tips[1]
    assert "a claim counts once for each other person on its article" in tips[2]
    assert all(tip.count(".") == 1 and tip.endswith(".") for tip in tips), tips  # one sentence
    pair_row = _row(dialog, "alice vs bob", "factual")
    assert (
        table.item(pair_row, 2)
        .toolTip()
        .endswith("whether each said factual, over the 13 spans both alice and bob marked.</qt>")
    )
    # Hovered, as a coordinator reads it.
    cell = table.visualItemRect(table.item(team_row, 2)).center()
    viewport = table.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, cell, viewport.mapToGlobal(cell)))
    assert "three pairs of labels" in QToolTip.text()
    QToolTip.hideText()
    header = table.model().headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "label pairs" in str(header)
    dialog.close()


def test_the_report_says_what_each_agreement_figure_counts(qtbot: QtBot, team: Project) -> None:
    dialog = _shown(qtbot, team)
    stats = dialog.dashboard.stats
    assert stats is not None
    page = html_report(stats, title="Team")
    cells = re.findall(r'<td title="([^"]+)">([^<]+)</td>', page)
    shown = [html.unescape(text) for _tip, text in cells]
    assert shown[:3] == list(TEAM)
    assert shown[12:15] == list(ALICE_AND_BOB)  # after the team's four rows
    assert "three pairs of labels" in html.unescape(cells[0][0])
    assert "(n=" not in page
    dialog.close()


@pytest.fixture
def one_label_team(tmp_path: Path) -> Iterator[Project]:
    """alice and bob marked the same four sentences, all factual; carol labelled another article."""
    project = open_project(tmp_path / "one-label.db")
    first, second, _third = project.import_drafts(
        ArticleDraft(text=text, title=title) for title, text in ARTICLES
    ).added
    for sentence in range(4):
        start, end = span_of(0, sentence)
        for name in ("alice", "bob"):
            project.add_claim(first, start, end, "factual", annotator=name)
    start, end = span_of(1, 0)
    project.add_claim(second, start, end, "opinion", annotator="carol")
    yield project
    project.close()


def _tip(dialog: DashboardDialog, who: str, label: str, column: int) -> str:
    item = dialog.dashboard.table.item(_row(dialog, who, label), column)
    return html.unescape(re.sub("<[^>]+>", "", item.toolTip()))


def test_an_undefined_figure_says_why_it_is_na(qtbot: QtBot, one_label_team: Project) -> None:
    """alice and bob gave the four spans both marked the same label: the team's kappa read
    "n/a on 0 label pairs", and nothing told a team lead that this was perfect agreement on one
    label (kappa cannot tell it from chance) rather than nothing to compare; carol, who shared
    no article with anyone, read the same "n/a"."""
    dialog = _shown(qtbot, one_label_team)
    table = dialog.dashboard.table
    row = _row(dialog, "team", "all")
    assert table.item(row, 2).text().startswith("n/a")
    team_kappa = _tip(dialog, "team", "all", 2)
    assert "one and the same label" in team_kappa and "chance" in team_kappa, team_kappa
    pair_kappa = _tip(dialog, "alice vs bob", "all", 2)
    assert "on all 4 spans both alice and bob marked they gave one and the same label" in pair_kappa
    pair_alpha = _tip(dialog, "alice vs bob", "all", 3)
    assert "one and the same label" in pair_alpha, pair_alpha
    # Per label: nobody said opinion on the spans both marked.
    opinion = _tip(dialog, "alice vs bob", "opinion", 2)
    assert "neither said opinion" in opinion, opinion
    opinion_f1 = _tip(dialog, "alice vs bob", "opinion", 4)
    assert "neither marked an opinion claim" in opinion_f1, opinion_f1
    for column in (2, 3, 4):
        assert "labelled no article in common" in _tip(dialog, "alice vs carol", "all", column)
    stats = dialog.dashboard.stats
    assert stats is not None
    page = html.unescape(html_report(stats, title="Team"))
    assert "chance" in page.split("<table>")[0].split("Agreement (")[1]  # the paragraph says n/a
    assert team_kappa in page  # the same sentence on hover
    dialog.close()


def test_one_shared_span_reads_in_the_singular(qtbot: QtBot, tmp_path: Path) -> None:
    """alice and bob marked one sentence alike, alice one more: the table read "0.000 on 1 shared
    spans" and "on 1 label pairs", and the tips "over the 1 spans both alice and bob marked"."""
    project = open_project(tmp_path / "one-span.db")
    first, *_ = project.import_drafts(ArticleDraft(text=text, title=title) for title, text in ARTICLES).added
    start, end = span_of(0, 0)
    project.add_claim(first, start, end, "factual", annotator="alice")
    project.add_claim(first, start, end, "opinion", annotator="bob")
    start, end = span_of(0, 1)
    project.add_claim(first, start, end, "factual", annotator="alice")
    dialog = _shown(qtbot, project)
    table = dialog.dashboard.table
    shown = {
        who: tuple(
            table.item(_row(dialog, who, "all"), column).text().replace("\N{NO-BREAK SPACE}", " ")
            for column in (2, 3, 4)
        )
        for who in ("team", "alice vs bob")
    }
    assert shown == {
        "team": ("0.000 on 1 label pair", "0.000 on 1 shared span", "0.667 of 3 claims by pair"),
        "alice vs bob": ("0.000 on 1 shared span", "0.000 on 1 shared span", "0.667 of 3 claims"),
    }
    assert "over the 1 span both alice and bob marked." in _tip(dialog, "alice vs bob", "all", 2)
    assert "over the 1 span two or more people marked." in _tip(dialog, "team", "all", 3)
    assert "bob's 1 opinion claim," in _tip(dialog, "alice vs bob", "opinion", 4)
    dialog.close()
    project.close()
