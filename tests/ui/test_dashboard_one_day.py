"""A team that labelled everything on one day: the per-day charts read as bars with their counts."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from annotator.formats.report import html_report
from annotator.services.project import Project, store_of
from annotator.ui.charts import LineChart
from annotator.ui.dashboard import DashboardDialog
from annotator.ui.theme import dark_palette, light_palette


def _on_days(team: Project, days: int) -> None:
    """Every claim made at midday (UTC) on one of `days` days (local days: one, or `days`, anywhere)."""
    with store_of(team).transaction():
        store_of(team).conn.execute(
            "UPDATE claims SET created_at = '2024-05-0' || (1 + id % ?) || 'T12:00:00Z'", (days,)
        )


def _shown(qtbot: QtBot, team: Project) -> DashboardDialog:
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 820)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    return dialog


def _day_labels(chart: LineChart, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The x labels the chart writes under its plot when painted."""
    drawn: list[str] = []
    real = LineChart._x_label

    def record(self: LineChart, painter: Any, text: str, centre: float, plot: QRectF, width: float) -> None:
        if self is chart:
            drawn.append(text)
        real(self, painter, text, centre, plot, width)

    monkeypatch.setattr(LineChart, "_x_label", record)
    chart.grab()
    monkeypatch.undo()
    return drawn


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_claims_of_a_single_day_are_bars_with_their_counts_and_the_day_in_full(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """Every claim made on one day drew one dot per annotator in the middle of an empty plot,
    the day "05-01" without its year: each annotator's count is a bar with the count above it."""
    _on_days(team, 1)
    dialog = _shown(qtbot, team)
    board = dialog.dashboard
    assert board.stats is not None
    (day,) = board.stats.days
    counts = {name: board.stats.per_day[name][0] for name in board.stats.annotators}
    assert counts == {"alice": 14, "bob": 14, "carol": 13}
    for chart in (board.per_day, board.cumulative):
        chart.setPalette(dark_palette() if theme == "dark" else light_palette())
        plot = chart.plot_rect()
        bars = chart.bars()
        assert [(bar.name, bar.value) for bar in bars] == list(counts.items())
        for bar in bars:
            assert bar.rect.bottom() == pytest.approx(plot.bottom())
            assert bar.rect.top() == pytest.approx(plot.bottom() - plot.height() * bar.value / 20)
            assert bar.rect.width() >= 20 and bar.rect.top() > plot.top()  # room for the count
        assert all(a.rect.right() <= b.rect.left() for a, b in pairwise(bars))
        middle = (bars[0].rect.left() + bars[-1].rect.right()) / 2
        assert middle == pytest.approx(plot.center().x(), abs=1)  # on the day
        labels = chart.count_labels()
        assert [text for _rect, text in labels] == ["14", "14", "13"]
        for (rect, _text), bar in zip(labels, bars, strict=True):
            assert rect.bottom() == pytest.approx(bar.rect.top())  # just above its own bar
            assert rect.top() >= plot.top() and rect.center().x() == pytest.approx(bar.rect.center().x())
        assert _day_labels(chart, monkeypatch) == [day]  # the year too
        assert chart.tooltip_at(bars[2].rect.center()) == f"{day}\ncarol: 13"
        assert not chart.points()  # no lone dots drawn over the bars
    dialog.close()


@pytest.mark.parametrize("days", [2, 9])
def test_claims_over_several_days_are_still_lines(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch, days: int
) -> None:
    _on_days(team, days)
    dialog = _shown(qtbot, team)
    chart = dialog.dashboard.per_day
    assert len(chart.xs) == days
    assert chart.bars() == [] and chart.count_labels() == []
    assert all(len(points) == days for points in chart.points().values())
    assert _day_labels(chart, monkeypatch)[0] == chart.xs[0][5:]  # month and day, as before
    dialog.close()


def _report_bars(svg: str) -> list[tuple[float, float, str]]:
    """(height, x, title) of each bar in the report's per-day chart."""
    return [
        (float(h), float(x), title)
        for x, h, title in re.findall(
            r'<rect x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="[^"]+">'
            r"<title>([^<]*)</title>",
            svg,
        )
    ]


def test_the_report_draws_a_single_day_as_bars_with_their_counts(qtbot: QtBot, team: Project) -> None:
    """The saved report drew the same lone dots; its chart of one day is the window's bars."""
    _on_days(team, 1)
    dialog = _shown(qtbot, team)
    stats = dialog.dashboard.stats
    assert stats is not None
    page = html_report(stats, title="Team")
    per_day = page[page.index("<svg") : page.index("</svg>")]
    bars = _report_bars(per_day)
    (day,) = stats.days
    assert [title for _h, _x, title in bars] == [
        f"{day}\n{name}: {n}" for name, n in (("alice", 14), ("bob", 14), ("carol", 13))
    ]
    assert bars[0][0] == bars[1][0] > bars[2][0] > 0
    assert re.findall(r'text-anchor="middle">(\d+)</text>', per_day) == ["14", "14", "13"]
    assert f'text-anchor="middle">{day}</text>' in per_day  # the day, in full
    assert "<polyline" not in per_day and "<circle" not in per_day
    dialog.close()


def test_the_report_draws_several_days_as_lines(qtbot: QtBot, team: Project) -> None:
    _on_days(team, 2)
    dialog = _shown(qtbot, team)
    stats = dialog.dashboard.stats
    assert stats is not None
    page = html_report(stats, title="Team")
    per_day = page[page.index("<svg") : page.index("</svg>")]
    assert _report_bars(per_day) == [] and per_day.count("<polyline") == 3
    assert f'text-anchor="middle">{stats.days[0][5:]}</text>' in per_day
    dialog.close()
