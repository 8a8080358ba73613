"""Every chart series stands 3:1 from the light page, as WCAG 1.4.11 asks of a graphic.

Yellow, orange and sky blue (the labels' factual and opinion among them) stood 1.3-2.3:1 from
the light page: their bars, lines and markers were hard to make out. Deeper colours would
merge for colour-blind eyes (`test_colour_vision.py`), so a faint series keeps its colour
inside a thin edge of a deeper shade of its hue; on the dark page every colour stands out alone.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.core.palette import GRAPHIC_CONTRAST, SeriesStyle, contrast_ratio, edge_colour, series_style
from annotator.formats.report import PAGE, svg_bar_chart, svg_line_chart, svg_stacked_bars
from annotator.ui.charts import BarChart, LineChart, edge
from annotator.ui.palette import contrast
from annotator.ui.theme import dark_palette, light_palette

LABELS = {label.value: label.colour for label in ClaimLabel}


def _page(theme: str) -> QColor:
    palette = dark_palette() if theme == "dark" else light_palette()
    return palette.color(palette.ColorRole.Base)


def _every_style(dark: bool) -> list[SeriesStyle]:
    """Three rounds of the series' colours, and the labels'."""
    return [series_style(k, dark=dark) for k in range(24)] + [SeriesStyle(c) for c in LABELS.values()]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_each_series_is_drawn_with_an_edge_that_stands_from_the_page(theme: str) -> None:
    page = _page(theme)
    for style in _every_style(theme == "dark"):
        outline = edge(style, page)
        drawn = outline or QColor(style.colour)
        assert contrast(drawn, page) >= GRAPHIC_CONTRAST, (style.colour, drawn.name())
        if outline is None:
            continue
        # Only a faint fill gets an edge, and the edge keeps its hue.
        assert contrast(QColor(style.colour), page) < GRAPHIC_CONTRAST
        assert abs(outline.hsvHue() - QColor(style.colour).hsvHue()) <= 6, (style.colour, outline.name())
    faint = {s.colour for s in _every_style(theme == "dark") if edge(s, page)}
    assert faint == (set() if theme == "dark" else {"#F0E442", "#E69F00", "#56B4E9"})


def _bar_edge_pixels(chart: BarChart | LineChart, name: str) -> tuple[QColor, QColor]:
    """The colours drawn at the left edge of a series's first bar, and in its middle."""
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    bar = next(b for b in chart.bars() if b.name == name)
    y = int(bar.rect.center().y() * ratio)
    left = round(bar.rect.left() * ratio)
    return QColor(image.pixel(left, y)), QColor(image.pixel(int(bar.rect.center().x() * ratio), y))


def test_a_faint_bar_has_a_deeper_edge_on_the_light_page(qtbot: QtBot) -> None:
    """The labels chart's factual bar (sky blue) and a day's bar of the eighth annotator (yellow)."""
    page = _page("light")
    labels = BarChart("Labels per annotator")
    qtbot.addWidget(labels)
    labels.setPalette(light_palette())
    labels.resize(640, 260)
    labels.set_data(["alice", "bob"], {label: [4, 6] for label in LABELS}, colours=LABELS)
    day = LineChart("Claims per day")
    qtbot.addWidget(day)
    day.setPalette(labels.palette())
    day.resize(640, 260)
    day.set_data(["2024-05-01"], {f"person {k}": [k + 3] for k in range(8)})
    for chart, name, colour in ((labels, "factual", LABELS["factual"]), (day, "person 7", "#F0E442")):
        rim, middle = _bar_edge_pixels(chart, name)
        assert middle.name().upper() == colour  # the fill keeps its colour
        assert contrast(rim, page) >= GRAPHIC_CONTRAST, (name, rim.name())


def test_a_faint_line_has_a_casing_and_its_markers_an_edge(qtbot: QtBot) -> None:
    chart = LineChart("Claims per day")
    qtbot.addWidget(chart)
    chart.setPalette(light_palette())
    chart.resize(640, 260)
    chart.set_data(
        ["2024-05-01", "2024-05-02"],
        {"blue": [2, 2], "yellow": [10, 10]},
        colours={"blue": "#0072B2", "yellow": "#F0E442"},
    )
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    a, b = chart.points()["yellow"]
    x = int((a.x() + b.x()) / 2 * ratio)
    y = round(a.y() * ratio)
    column = [QColor(image.pixel(x, row)) for row in range(y - 4, y + 5)]
    page = _page("light")
    assert "#F0E442" in [c.name().upper() for c in column]  # the line, in its own colour
    above = next(c for c in column if c != page)  # the first ink over the line: the casing
    assert contrast(above, page) >= GRAPHIC_CONTRAST, [c.name() for c in column]


def _strokes(svg: str, shape: str, colour: str) -> list[str]:
    """The stroke of each `shape` element filled with `colour` ("" for none)."""
    return re.findall(rf'<{shape} [^>]*fill="{colour}"(?: stroke="([^"]+)")?', svg)


def test_the_report_outlines_its_faint_bars_lines_and_markers() -> None:
    labels = svg_bar_chart("Labels", ["alice", "bob"], {v: [3, 4] for v in LABELS}, colours=LABELS)
    for label, colour in LABELS.items():
        strokes = _strokes(labels, "rect", colour)
        assert len(strokes) == 3  # two bars and the legend's box
        assert all(contrast_ratio(s or colour, PAGE) >= GRAPHIC_CONTRAST for s in strokes), (label, strokes)
    people = {f"person {k}": [k + 1, k + 2] for k in range(8)}
    for svg in (
        svg_stacked_bars("Per article", ["One", "Two"], people),
        svg_line_chart("Per day", ["2024-05-01"], {name: values[:1] for name, values in people.items()}),
    ):
        for colour in ("#F0E442", "#E69F00", "#56B4E9"):
            strokes = _strokes(svg, "rect", colour)
            assert strokes and all(contrast_ratio(s, PAGE) >= GRAPHIC_CONTRAST for s in strokes), colour
    lines = svg_line_chart("Per day", ["2024-05-01", "2024-05-02"], people)
    for colour in ("#F0E442", "#E69F00", "#56B4E9"):
        outline = edge_colour(colour, PAGE)
        assert outline and contrast_ratio(outline, PAGE) >= GRAPHIC_CONTRAST
        assert re.search(rf'<polyline [^>]*stroke="{outline}" stroke-width="4"', lines), colour
        assert re.search(rf'<line [^>]*stroke="{outline}" stroke-width="4"', lines), colour  # legend
        markers = _strokes(lines, "circle", colour)
        assert len(markers) == 3 and set(markers) == {outline}, (colour, markers)
