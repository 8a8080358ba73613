"""The HTML report's line chart, as a reader of the saved file sees its markers."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from annotator.core.palette import series_style
from annotator.formats.report import svg_line_chart


def _markers(svg: str, colour: str) -> list[tuple[float, float]]:
    """The centres of one series's data markers (the legend's sits right of the plot)."""
    found = [
        (float(x), float(y))
        for x, y in re.findall(rf'<circle cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+" fill="{colour}"/>', svg)
    ]
    found += [
        (float(x) + float(w) / 2, float(y) + float(h) / 2)
        for x, y, w, h in re.findall(
            rf'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="{colour}"/>', svg
        )
    ]
    found += [
        (float(x), float(y))
        for x, y in re.findall(rf'<polygon points="([\d.]+),([\d.]+) [^"]*" fill="{colour}"/>', svg)
    ]
    return sorted(p for p in found if p[0] < 640 - 130 + 10)  # the legend starts 12 px right


def test_annotators_with_the_same_count_on_a_day_all_show_in_the_report() -> None:
    """Equal counts on a day drew each marker on the one before in the saved report, so only
    the last annotator's showed: as in the window, coinciding markers sit side by side around
    their day, and a count no one else has stays on its day."""
    series = {"alice": [1, 2, 2, 0, 3], "bob": [1, 2, 1, 0, 5], "carol": [0, 2, 4, 1, 3]}
    svg = svg_line_chart("Claims per day", [f"2024-05-0{d}" for d in range(1, 6)], series)
    left, plot_w = 48, 640 - 48 - 130
    markers = {name: _markers(svg, series_style(k).colour) for k, name in enumerate(series)}
    assert all(len(points) == 5 for points in markers.values()), markers
    for day in range(5):
        day_x = left + plot_w * day / 4
        by_count: dict[int, list[str]] = {}
        for name, values in series.items():
            by_count.setdefault(values[day], []).append(name)
        for names in by_count.values():
            xs = sorted(markers[name][day][0] for name in names)
            assert len({markers[name][day][1] for name in names}) == 1
            if len(names) == 1:
                assert xs[0] == pytest.approx(day_x, abs=0.1)  # alone: on its day
                continue
            assert all(b - a >= 5 for a, b in pairwise(xs)), (day, names, xs)  # side by side
            assert sum(xs) / len(xs) == pytest.approx(day_x, abs=0.1)  # around their day
            assert xs[-1] - xs[0] < plot_w / 4  # within the day's own room
