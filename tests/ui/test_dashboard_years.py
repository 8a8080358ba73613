"""A team that labelled over more than one calendar year: the days under the charts name it."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt
from pytestqt.qtbot import QtBot

from annotator.formats.report import html_report
from annotator.services.project import Project, store_of
from annotator.ui.charts import LineChart
from annotator.ui.dashboard import DashboardDialog


def _from_may_to_may(team: Project) -> None:
    """Half the claims made on 1 May 2023 and half a year on, on 1 May 2024 (at midday UTC,
    the same local days anywhere)."""
    with store_of(team).transaction():
        store_of(team).conn.execute(
            "UPDATE claims SET created_at = CASE WHEN id % 2 THEN '2023-05-01T12:00:00Z'"
            " ELSE '2024-05-01T12:00:00Z' END"
        )


def _drawn_days(chart: LineChart, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, float, float, str]]:
    """(text asked for, centre, width, text drawn) of each day the chart writes under its plot."""
    drawn: list[tuple[str, float, float, str]] = []
    real = LineChart._x_label

    def record(self: LineChart, painter: Any, text: str, centre: float, plot: QRectF, width: float) -> None:
        if self is chart:
            shown = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(max(width, 24)))
            drawn.append((text, centre, width, shown))
        real(self, painter, text, centre, plot, width)

    monkeypatch.setattr(LineChart, "_x_label", record)
    chart.grab()
    monkeypatch.undo()
    return drawn


@pytest.mark.parametrize("width", [1100, 700])
def test_days_of_more_than_one_year_are_named_with_their_year(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """A year of work read "05-01" at both ends of the axis, as if it had all been one day's:
    where the days run over more than one year, each day under the axis names its year, whole."""
    _from_may_to_may(team)
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.resize(width, 820)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    board = dialog.dashboard
    assert board.stats is not None and len(board.stats.days) == 367
    for chart in (board.per_day, board.cumulative):
        drawn = _drawn_days(chart, monkeypatch)
        assert drawn[0][0] == "2023-05-01" and drawn[-1][0] == "2024-05-01"
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", text) for text, *_ in drawn)
        assert all(shown == text for text, _c, _w, shown in drawn)  # never "2023-…"
        for (_t, a, w, _s), (_t2, b, _w2, _s2) in pairwise(drawn):
            assert b - a >= w  # and never one over the next
    page = html_report(board.stats, title="Team")
    per_day = page[page.index("<svg") : page.index("</svg>")]
    named = re.findall(r'<text x="([\d.]+)" y="\d+" text-anchor="middle">([^<]*)</text>', per_day)
    assert named[0][1] == "2023-05-01" and named[-1][1] == "2024-05-01"
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", text) for _x, text in named)
    assert all(float(b) - float(a) >= 70 for (a, _), (b, _) in pairwise(named))  # 10 digits at 11 px
    dialog.close()


def test_days_of_one_year_are_still_named_by_month_and_day(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store_of(team).transaction():
        store_of(team).conn.execute(
            "UPDATE claims SET created_at = CASE WHEN id % 2 THEN '2024-01-01T12:00:00Z'"
            " ELSE '2024-12-31T12:00:00Z' END"
        )
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 820)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    board = dialog.dashboard
    drawn = _drawn_days(board.per_day, monkeypatch)
    assert drawn[0][0] == "01-01" and drawn[-1][0] == "12-31"
    assert board.stats is not None
    page = html_report(board.stats, title="Team")
    assert 'text-anchor="middle">12-31</text>' in page
    dialog.close()
