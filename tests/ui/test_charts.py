"""Chart axes count things, so their ticks must be whole numbers."""

from __future__ import annotations

import html
import itertools
import re
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPointF, QRectF
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from annotator.core.agreement import LABELS, AgreementReport, Figure, Scores
from annotator.core.charts import tick_labels
from annotator.core.reports import TeamStats
from annotator.formats.report import html_report, svg_bar_chart, svg_line_chart
from annotator.ui.charts import BarChart, LineChart, StackedBarChart, nice_max, tick_intervals
from annotator.ui.plain import tip
from annotator.ui.theme import dark_palette, light_palette
from tests.ui.conftest import larger_font


@pytest.mark.parametrize(
    ("largest", "top", "intervals"),
    [
        (1, 1, 1),
        (2, 2, 2),
        (3, 3, 3),
        (5, 5, 5),
        (7, 8, 4),
        (14, 15, 5),
        (18, 20, 4),
        (41, 50, 5),
        (101, 120, 4),
        (130, 150, 5),
        (12_345, 15_000, 5),
    ],
)
def test_ticks_are_whole_numbers(largest: float, top: float, intervals: int) -> None:
    """The axis runs to the next round top, not the next 1, 2 or 5: 101 claims ran to 200, the
    bars in half the plot; and the ticks step by round numbers (15,000 by 3k, not 3.75k)."""
    assert nice_max(largest) == top
    assert tick_intervals(top) == intervals
    assert all(float(top * i / intervals).is_integer() for i in range(intervals + 1))


def _ink_columns(image: QImage, background: QColor, rows: range) -> set[int]:
    """The x of every column, in `rows`, where something other than the background was drawn."""
    return {
        x
        for x in range(image.width())
        for y in rows
        if QColor(image.pixel(x, y)).lightness() < background.lightness() - 60
    }


@pytest.mark.parametrize("largest", [150_000, 2_500_000])
def test_large_counts_on_the_y_axis_are_whole_and_readable(qtbot: QtBot, largest: int) -> None:
    """A merged project's cumulative claims run to six or seven digits; no tick may lose digits."""
    chart = LineChart("Claims, cumulative")
    qtbot.addWidget(chart)
    chart.resize(560, 220)
    chart.set_data(["2024-05-01", "2024-05-02"], {"alice": [largest // 3, largest]})
    image = chart.grab().toImage()
    background = chart.palette().color(chart.palette().ColorRole.Base)
    _left, top, _right, bottom = chart.margins
    # Below the title the leftmost ink is the tick labels': cut off, they would touch the edge.
    ink = _ink_columns(image, background, range(top, image.height() - bottom))
    assert ink and min(ink) >= 2
    assert "e+" not in "".join(tick_labels(nice_max(largest), tick_intervals(nice_max(largest))))


def test_ticks_of_large_counts_read_as_the_numbers_they_stand_for() -> None:
    assert tick_labels(200_000, 4) == ["0", "50k", "100k", "150k", "200k"]
    assert tick_labels(5_000_000, 4) == ["0", "1.25M", "2.5M", "3.75M", "5M"]
    assert tick_labels(5_000, 4) == ["0", "1250", "2500", "3750", "5000"]
    svg = svg_line_chart("Claims, cumulative", ["2024-05-01"], {"alice": [2_500_000]})
    assert ">3M</text>" in svg and "e+06" not in svg


def _record_x_labels(
    monkeypatch: pytest.MonkeyPatch, chart_type: type[LineChart] | type[BarChart]
) -> list[tuple[str, float, float]]:
    """The labels `chart_type` draws under its x axis, as (text, centre, width), filled in as
    they are drawn (each still drawn as before)."""
    drawn: list[tuple[str, float, float]] = []
    real = chart_type._x_label

    def record(self: Any, painter: Any, text: str, centre: float, plot: Any, width: float) -> None:
        drawn.append((text, centre, width))
        real(self, painter, text, centre, plot, width)

    monkeypatch.setattr(chart_type, "_x_label", record)
    return drawn


@pytest.mark.parametrize("days", [8, 13, 22, 40])
def test_day_labels_never_overlap_the_last_day(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, days: int
) -> None:
    """The last day is always named; a thinned label right before it ran into it ("05-2105-22")."""
    chart = LineChart("Claims per day")
    qtbot.addWidget(chart)
    chart.resize(560, 220)
    xs = [f"2024-05-{d:02d}" for d in range(1, days + 1)]
    chart.set_data(xs, {"alice": list(range(days))})
    drawn = _record_x_labels(monkeypatch, LineChart)
    chart.grab()
    assert drawn[0][0] == "05-01" and drawn[-1][0] == xs[-1][5:]
    for (_, a, width), (_, b, _) in pairwise(drawn):
        assert b - a >= width, drawn
    svg = svg_line_chart("Claims per day", xs, {"alice": list(range(days))})
    named = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="\d+" text-anchor="middle">', svg)]
    assert len(named) >= 2 and all(b - a >= 40 for a, b in pairwise(named)), named


TEAM = [f"Annotator {chr(65 + k)}{'x' * (k % 3) * 6}" for k in range(20)]
"""Twenty people, some with names longer than the legend's room."""


def _contrast_with_page(colour: str, page: QColor) -> int:
    return abs(QColor(colour).lightness() - page.lightness())


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("chart_type", [LineChart, StackedBarChart])
def test_twenty_annotators_each_have_their_own_style_and_legend_line(
    qtbot: QtBot, theme: str, chart_type: type[LineChart | StackedBarChart]
) -> None:
    """From the ninth annotator on two people shared a colour, and the legend ran off the chart."""
    chart = chart_type("Claims per day")
    qtbot.addWidget(chart)
    chart.setPalette(dark_palette() if theme == "dark" else light_palette())
    chart.resize(577, 200)  # the dashboard's charts in a 1366x768 window
    chart.set_data(["2024-05-01", "2024-05-02"], {name: [k, k + 1] for k, name in enumerate(TEAM)})
    styles = chart.styles()
    drawn = {
        (s.colour, s.dash, s.marker) if chart_type is LineChart else (s.colour, s.hatch)
        for s in styles.values()
    }
    assert len(drawn) == len(TEAM)
    page = chart.palette().color(chart.palette().ColorRole.Base)
    assert all(_contrast_with_page(s.colour, page) > 40 for s in styles.values()), styles
    legend = chart.legend()
    assert [entry.name for entry in legend] == TEAM
    plot = chart.plot_rect()
    for entry in legend:
        assert QRectF(chart.rect()).contains(entry.rect), entry
        assert not entry.rect.intersects(plot), entry
    for a, b in itertools.combinations(legend, 2):
        assert not a.rect.intersects(b.rect), (a, b)
    assert plot.width() > chart.width() * 0.3
    assert not chart.grab().isNull()


def test_a_legend_too_long_for_the_chart_says_how_many_more(qtbot: QtBot) -> None:
    chart = LineChart("Claims per day")
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.set_data(["2024-05-01"], {f"person {k}": [k] for k in range(60)})
    legend = chart.legend()
    assert legend[-1].shown.startswith("+") and legend[-1].shown.endswith("more")
    assert legend[-1].name.splitlines() == [f"person {k}" for k in range(len(legend) - 1, 60)]
    assert all(QRectF(chart.rect()).contains(entry.rect) for entry in legend)


def test_the_report_tells_twenty_annotators_apart_and_names_them_all() -> None:
    series = {name: [k, k + 1] for k, name in enumerate(TEAM)}
    svg = svg_line_chart("Claims per day", ["2024-05-01", "2024-05-02"], series)
    height = float(re.search(r'<svg [^>]*height="(\d+)"', svg)[1])  # type: ignore[index]
    lines = re.findall(r'<polyline [^>]*stroke="([^"]+)" stroke-width="2"( stroke-dasharray="[^"]+")?', svg)
    assert len(set(lines)) == len(TEAM)
    names = re.findall(r'<text x="[\d.]+" y="([\d.]+)"><title>([^<]+)</title>', svg)
    assert [name for _y, name in names] == TEAM
    assert all(float(y) <= height for y, _name in names)


TITLES = [
    f"Dozens protest <b>&amp; “march”</b> downtown as the council votes on budget {k}" for k in range(12)
]


@pytest.mark.qt_log_ignore("This plugin does not support")  # the tooltip's raise(), offscreen
def test_article_bars_are_named_and_their_tooltips_give_the_title_and_counts(qtbot: QtBot) -> None:
    """Titles under the bars were cut to "Doz…", with no tooltip to tell the articles apart."""
    chart = StackedBarChart("Claims per article")
    qtbot.addWidget(chart)
    chart.resize(577, 200)
    chart.set_data(TITLES, {"alice": [3] * 12, "bob": [k for k in range(12)]})
    chart.show()
    named = chart.title_rects()
    assert len(named) == len(TITLES)
    for (_rect, shown), title in zip(named, TITLES, strict=True):
        assert len(shown) >= 24 and title.startswith(shown.rstrip("…")), shown
    for (a, _), (b, _) in pairwise(named):
        assert a.bottom() <= b.top() + 0.01
    bar = next(bar for bar in chart.bars() if bar.group == 5 and bar.name == "bob")
    pos = bar.rect.center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
    assert QToolTip.text() == tip(f"{TITLES[5]}\nbob: 5 of 8 claims")  # the title's <b> shown, not read
    title_pos = named[7][0].center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, title_pos, chart.mapToGlobal(title_pos)))
    assert QToolTip.text() == tip(f"{TITLES[7]}\n10 claims")
    QToolTip.hideText()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the tooltip's raise(), offscreen
def test_a_name_with_a_right_to_left_override_does_not_turn_a_bar_tip_round(qtbot: QtBot) -> None:
    """An override (U+202E) in an annotator's name or an article's title ran on through the
    figures after it: the tip "evil: 2 of 5 claims" read "smialc 5 fo 2 :live", in the window
    and in the report's bars."""
    rtl_title, rtl_name = "\u202etitle", "مريم\u202e evil"
    shown_title, shown_name = f"\u2068{rtl_title}\u2069", f"\u2068{rtl_name}\u2069"
    chart = StackedBarChart("Claims per article")
    qtbot.addWidget(chart)
    chart.resize(577, 200)
    chart.set_data([rtl_title], {rtl_name: [2], "bob": [3]})
    chart.show()
    bar = next(bar for bar in chart.bars() if bar.name == rtl_name)
    pos = bar.rect.center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
    assert QToolTip.text() == tip(f"{shown_title}\n{shown_name}: 2 of 5 claims")
    title_pos = chart.title_rects()[0][0].center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, title_pos, chart.mapToGlobal(title_pos)))
    assert QToolTip.text() == tip(f"{shown_title}\n5 claims")
    QToolTip.hideText()
    per_day = BarChart("Claims per day")
    qtbot.addWidget(per_day)
    per_day.resize(577, 200)
    per_day.set_data(["2024-05-01"], {rtl_name: [2]})
    (day_bar,) = per_day.bars()
    assert per_day.tooltip_at(day_bar.rect.center()) == f"2024-05-01\n{shown_name}: 2"
    page = html_report(_stats_of([rtl_title]), title="Report")
    assert f"<title>{shown_title}\nalice: 3 of 3 claims</title></rect>" in page


def test_the_report_names_each_article_bar_in_full_and_escaped() -> None:
    page = html_report(_stats_of(TITLES), title="Report")
    title = "Dozens protest &lt;b&gt;&amp;amp; “march”&lt;/b&gt; downtown as the council votes on budget 5"
    assert f"<title>{title}\nbob: 5 of 8 claims</title></rect>" in page
    shown = re.findall(r'text-anchor="end"><title>[^<]*</title>([^<]+)</text>', page)
    assert len(shown) == len(TITLES) and all(len(html.unescape(s)) >= 30 for s in shown), shown
    assert "<b>" not in page.split("<body>")[1]


def _stats_of(titles: list[str]) -> TeamStats:
    per_article = tuple((k, t, {"alice": 3, "bob": k}) for k, t in enumerate(titles))
    none = Figure(None, 0)
    return TeamStats(
        annotators=("alice", "bob"),
        days=("2024-05-01",),
        per_day={"alice": (36,), "bob": (66,)},
        labels={n: dict.fromkeys(LABELS, 1) for n in ("alice", "bob")},
        per_article=per_article,
        agreement=AgreementReport(
            match="exact",
            annotators=("alice", "bob"),
            team=Scores(none, none, none),
            team_by_label={},
            pairs=(),
        ),
    )


def test_annotators_with_the_same_count_on_a_day_are_all_seen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Equal counts on a day drew each marker on the one before, so only the last annotator's
    showed: coinciding markers sit side by side around their day, the others on it."""
    import annotator.ui.charts as charts

    chart = LineChart("Claims per day")
    qtbot.addWidget(chart)
    chart.resize(560, 240)
    series = {"alice": [1, 2, 2, 0, 3], "bob": [1, 2, 1, 0, 5], "carol": [0, 2, 4, 1, 3]}
    chart.set_data([f"2024-05-0{d}" for d in range(1, 6)], series)
    drawn: list[tuple[str, QPointF, float]] = []
    real = charts._marker

    def record(painter: Any, point: QPointF, marker: str, size: float) -> None:
        drawn.append((painter.brush().color().name(), QPointF(point), size))
        real(painter, point, marker, size)

    monkeypatch.setattr(charts, "_marker", record)
    chart.grab()
    colours = {name: style.colour.lower() for name, style in chart.styles().items()}
    legend = [entry.rect for entry in chart.legend()]
    drawn = [(c, p, size) for c, p, size in drawn if not any(rect.contains(p) for rect in legend)]
    markers = {name: [(p, size) for c, p, size in drawn if c == colours[name]] for name in series}
    assert all(len(points) == 5 for points in markers.values()), markers
    plot = chart.plot_rect()
    for day in range(5):
        day_x = plot.left() + plot.width() * day / 4
        by_count: dict[int, list[str]] = {}
        for name, values in series.items():
            by_count.setdefault(values[day], []).append(name)
        for count, names in by_count.items():
            points = [markers[name][day] for name in names]
            count_y = round(plot.bottom() - plot.height() * count / 5, 3)
            assert {round(p.y(), 3) for p, _ in points} == {count_y}
            if len(names) == 1:
                assert points[0][0].x() == pytest.approx(day_x)  # alone: on its day
                continue
            xs = sorted(p.x() for p, _ in points)
            size = max(s for _, s in points)
            assert all(b - a >= 2 * size for a, b in pairwise(xs)), (day, names, xs)  # side by side
            assert sum(xs) / len(xs) == pytest.approx(day_x)  # around their day
            assert xs[-1] - xs[0] < plot.width() / 4  # within the day's own room


@given(st.floats(min_value=0.001, max_value=1e9, allow_nan=False))
def test_the_axis_top_holds_the_value_with_whole_ticks_and_little_room_to_spare(value: float) -> None:
    top = nice_max(value)
    intervals = tick_intervals(top)
    assert value <= top < 2 * value or top == 1.0
    if top >= 1:
        assert all(float(top * i / intervals).is_integer() for i in range(intervals + 1))


@pytest.mark.parametrize("people", [3, 8, 30])
def test_names_under_the_bars_never_run_into_each_other(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, people: int
) -> None:
    """Thirty annotators' names under "Labels per annotator" were drawn 24 pixels wide in
    16-pixel groups, each over its neighbour; the report's drew 14 characters under each of
    eight groups 58 pixels apart."""
    names = [f"Annotator {k:02d}" for k in range(people)]
    series = {label: [k % 4 for k in range(people)] for label in LABELS}
    chart = BarChart("Labels per annotator")
    qtbot.addWidget(chart)
    chart.resize(560, 240)
    chart.set_data(names, series)
    drawn = _record_x_labels(monkeypatch, BarChart)
    chart.grab()
    assert drawn[0][0] == names[0] and drawn[-1][0] == names[-1]
    assert len(drawn) == people or people == 30
    metrics = chart.fontMetrics()
    for (_, a, width), (_, b, _) in pairwise(drawn):
        assert b - a >= width >= metrics.horizontalAdvance("Anno"), drawn
    svg = svg_bar_chart("Labels per annotator", names, series)
    named = re.findall(
        r'<text x="([\d.]+)" y="\d+" text-anchor="middle"><title>[^<]*</title>([^<]*)</text>', svg
    )
    assert named[0][1].startswith("Annot") and html.unescape(named[-1][1]) != ""
    for (a, shown), (b, _) in pairwise(named):
        assert float(b) - float(a) >= 7 * len(html.unescape(shown)), named


def test_two_names_under_narrow_groups_are_never_drawn_into_each_other(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people in a narrow chart, with larger text and counts in thousands: their groups
    were 45 pixels apart and each name was given 48, "alice" drawn into "bob"."""
    drawn = _record_x_labels(monkeypatch, BarChart)
    with larger_font(1.5):
        chart = BarChart("Labels per annotator")
        qtbot.addWidget(chart)
        chart.setMinimumSize(260, 130)
        chart.resize(260, 130)
        chart.set_data(["alice", "bob"], {label: [1200, 900] for label in LABELS})
        group = chart.plot_rect().width() / 2
        assert group < 48  # the groups are too narrow for a thinned name's usual room
        chart.grab()
    assert [text for text, _, _ in drawn] == ["alice", "bob"]
    (_, a, width), (_, b, _) = drawn
    assert b - a >= width, drawn


def test_forty_people_in_the_narrowest_labels_chart_have_bars_of_their_own(qtbot: QtBot) -> None:
    """Forty annotators' three labels in the dashboard's narrowest chart left each bar under a
    pixel; forced to one, each was drawn on its neighbours and only the last label's colour
    showed. The first people's bars are drawn apart, and "+N more" names the rest."""
    names = [f"Annotator {k:02d}" for k in range(40)]
    chart = BarChart("Labels per annotator")
    qtbot.addWidget(chart)
    chart.setMinimumSize(260, 130)  # the dashboard's least (`CHART_MIN_WIDTH`, `CHART_MIN_HEIGHT`)
    chart.resize(260, 130)
    chart.set_data(names, {label: [1 + k % 4 for k in range(40)] for label in LABELS})
    chart.grab()
    bars = sorted(chart.bars(), key=lambda bar: bar.rect.left())
    for a, b in pairwise(bars):
        assert a.rect.right() < b.rect.left(), (a, b)  # a gap between any two bars
    groups = {bar.group for bar in bars}
    assert groups == set(range(len(groups))) and all(
        {bar.name for bar in bars if bar.group == g} == set(LABELS) for g in groups
    )
    hidden = names[len(groups) :]
    assert hidden
    texts = [text for _, text in chart.drawn]
    assert f"+{len(hidden)} more" in texts
    more = chart.more_rect()
    assert more is not None and chart.rect().toRectF().contains(more)
    assert chart.tooltip_at(more.center()) == "\n".join(hidden)
    for (a, first), (b, second) in itertools.combinations(chart.drawn, 2):
        assert not a.intersects(b), (first, a, second, b)


@pytest.mark.parametrize("kind", ["line", "stacked"])
def test_the_last_day_or_count_under_the_plot_stays_clear_of_the_legend(qtbot: QtBot, kind: str) -> None:
    """With thirteen people the legend reached down beside the names under the plot, and the last
    day ("05-07"), centred on the plot's right end, was written over its last line: the last
    day (or count) ends at the plot's right end then, the one before it left out if they touch."""
    names = [f"Annotator {k:02d}" for k in range(13 if kind == "line" else 40)]
    chart: LineChart | StackedBarChart
    if kind == "line":
        chart = LineChart("Claims per day")
        days = [f"2024-05-{d:02d}" for d in range(1, 8)]
        chart.set_data(days, {n: [k + d for d in range(len(days))] for k, n in enumerate(names)})
        last = "05-07"
    else:
        chart = StackedBarChart("Claims per article")
        chart.set_data(
            [f"Article {i}" for i in range(5)], {n: [k + i for i in range(5)] for k, n in enumerate(names)}
        )
        last = "1000"
    qtbot.addWidget(chart)
    chart.resize(480 if kind == "line" else 352, 240)
    chart.grab()
    plot = chart.plot_rect()
    # The texts under the plot (the legend's own start right of it).
    under = [
        (rect, text)
        for rect, text in chart.drawn
        if rect.top() > plot.bottom() and rect.left() < plot.right()
    ]
    assert last in [text for _, text in under]
    for rect, text in under:
        for entry in chart.legend():
            assert not rect.intersects(entry.rect), (text, rect, entry.shown, entry.rect)
    for (a, first), (b, second) in itertools.combinations(under, 2):
        assert not a.intersects(b), (first, a, second, b)
