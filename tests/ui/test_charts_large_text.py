"""The dashboard's charts with the larger text people set on their desktops, at any size they get.

At 175% with text 1.3 times larger the top number of the y axis ("20") was written into the
chart's title, and the counts under "Claims per article" were cut at its lower edge: the
margins were fixed pixels for a 9-point font. A scale factor shrinks the screen in Qt's
logical pixels (the charts get their least size, 260x130), and larger text makes every line
taller: the charts are drawn at the least size and a roomy one, with text 1 to 1.5 times larger.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from annotator.core.agreement import LABELS
from annotator.core.palette import GRAPHIC_CONTRAST
from annotator.ui.charts import BarChart, LineChart, StackedBarChart
from annotator.ui.dashboard import CHART_MIN_HEIGHT, CHART_MIN_WIDTH
from annotator.ui.palette import contrast
from annotator.ui.theme import dark_palette, light_palette
from tests.ui.conftest import larger_font

DAYS = [f"2024-05-{d:02d}" for d in range(1, 8)]
PEOPLE = {"alice": [3, 5, 8, 12, 18, 2, 7], "bob": [1, 2, 3, 4, 5, 6, 7]}
ARTICLES = [f"Council votes on the budget, part {k}" for k in range(12)]


def _charts() -> list[LineChart | BarChart | StackedBarChart]:
    per_day = LineChart("Claims per day (local time)")
    per_day.set_data(DAYS, PEOPLE)
    one_day = LineChart("Claims per day (local time)")
    one_day.set_data(DAYS[:1], {"alice": [18], "bob": [4]})
    labels = BarChart("Labels per annotator")
    labels.set_data(["alice", "bob"], {label: [4, 20] for label in LABELS})
    per_article = StackedBarChart("Claims per article (12 of 40, with most claims)")
    per_article.set_data(ARTICLES, {"alice": list(range(12)), "bob": [3] * 12})
    return [per_day, one_day, labels, per_article]


def _overlap(a: QRectF, b: QRectF) -> bool:
    both = a.intersected(b)
    return both.width() > 0.5 and both.height() > 0.5


@pytest.mark.parametrize("size", [(CHART_MIN_WIDTH, CHART_MIN_HEIGHT), (577, 200), (700, 330)])
@pytest.mark.parametrize("factor", [1.0, 1.3, 1.5])
def test_every_text_of_a_chart_is_inside_it_and_clear_of_the_others(
    qtbot: QtBot, factor: float, size: tuple[int, int]
) -> None:
    with larger_font(factor):
        for chart in _charts():
            qtbot.addWidget(chart)
            chart.setMinimumSize(CHART_MIN_WIDTH, CHART_MIN_HEIGHT)
            chart.resize(*size)
            chart.grab()
            drawn = chart.drawn
            texts = [text for _rect, text in drawn]
            assert chart.title[:8] in texts[0] and "0" in texts, texts
            area = QRectF(chart.rect())
            for rect, text in drawn:
                assert area.contains(rect), (chart.title, text, rect, area)
            for (a, first), (b, second) in combinations(drawn, 2):
                assert not _overlap(a, b), (chart.title, first, a, second, b)


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_grid_lines_and_axis_numbers_stand_3_to_1_from_the_page(qtbot: QtBot, theme: str) -> None:
    """On the dark page the grid lines stood 1.7:1 from it, hard to follow to the axis."""
    chart = LineChart("Claims per day (local time)")
    qtbot.addWidget(chart)
    chart.setPalette(dark_palette() if theme == "dark" else light_palette())
    chart.resize(577, 240)
    chart.set_data(DAYS[:2], {"alice": [0, 20]})  # 0 to 20 in 4 steps, the line by the bottom at the left
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    page = chart.palette().color(chart.palette().ColorRole.Base)
    plot = chart.plot_rect()
    x = int((plot.left() + 6) * ratio)
    # The grid lines above the bottom one: the strongest ink in each pixel row around each.
    for i in range(1, 5):
        y = plot.bottom() - plot.height() * i / 4
        rows = range(int((y - 2) * ratio), int((y + 2) * ratio) + 1)
        ink = max((QColor(image.pixel(x, row)) for row in rows), key=lambda c: contrast(c, page))
        assert contrast(ink, page) >= GRAPHIC_CONTRAST, (i, ink.name(), page.name())
    text = chart.palette().color(chart.palette().ColorRole.WindowText)
    assert contrast(text, page) >= GRAPHIC_CONTRAST
