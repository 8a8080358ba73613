"""Axis arithmetic shared by the window's charts (`ui.charts`) and the HTML report (`formats.report`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

__all__ = [
    "day_labels",
    "labelled_points",
    "nice_max",
    "nice_max_with_room",
    "side_by_side",
    "tick_intervals",
    "tick_labels",
]


_TOPS_IN_TENTHS = (10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100)
"""The axis tops, in tenths of a power of ten."""


def nice_max(value: float) -> float:
    """The axis top: the least of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 and 8 times a power of ten at
    or above `value` whose ticks are whole numbers (`tick_intervals`).

    With only 1, 2 and 5 a chart of 101 claims ran to 200, its bars in half the plot, and a
    day's 18 claims with room for their count (`nice_max_with_room`) ran to 50.
    """
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for tenths in _TOPS_IN_TENTHS:
        top = round(tenths * magnitude / 10, 9)
        if top >= value and (top <= 1 or tick_intervals(top) > 1):
            return float(top)
    return float(10 * magnitude)


COUNT_ROOM = 0.12
"""The share of a plot's height kept free above its tallest bar for the count written on it."""


def nice_max_with_room(value: float) -> float:
    """The axis top for bars with their counts written above them (a chart of one day).

    At `nice_max` a bar of the axis's top count reached the plot's top edge, and its count
    would have been written over the chart's title.
    """
    return nice_max(value / (1 - COUNT_ROOM))


_ROUND_STEPS = (1.0, 1.5, 2.0, 2.5, 3.0, 5.0)
"""A tick step's leading digits that read as round (15, 250, 3k), as a power of ten's multiple."""


def tick_intervals(top: float) -> int:
    """How many grid intervals to draw under `top` so every tick is a whole number, and a round
    one when a count of intervals gives that (15,000 in 5 steps of 3k, not 4 of 3.75k).

    The charts count claims and articles: a tick at 3.75 claims reads as a bug.
    """
    whole = [n for n in (4, 5, 3, 2) if top / n >= 1 and float(top / n).is_integer()]
    for intervals in whole:
        step = top / intervals
        if round(step / 10 ** math.floor(math.log10(step)), 6) in _ROUND_STEPS:
            return intervals
    return whole[0] if whole else 1


_UNITS = ((1_000_000, 1_000_000, "M"), (10_000, 1_000, "k"))
"""(from what axis top, divide by, suffix): four digits stay as they are."""


def tick_labels(top: float, intervals: int) -> list[str]:
    """The y axis's numbers, bottom to top, short enough for the axis's margin.

    A merged project counts tens of thousands of claims: "150000" lost its first digit to
    the margin and read as 50000, and `:g` wrote 2,500,000 as "2.5e+06", cut to "5e+06".
    From 10,000 up every tick takes the axis top's unit: 0, 2.5k, 5k, 7.5k, 10k.
    """
    scale, unit = next(((s, u) for least, s, u in _UNITS if top >= least), (1, ""))
    return [f"{top * i / intervals / scale:g}{unit if i else ''}" for i in range(intervals + 1)]


def day_labels(days: Sequence[str]) -> list[str]:
    """What the x axis says of each day: its month and day ("05-21") where every day falls in one
    year, else the whole date; text that is no ISO day (a crafted file's) as it is.

    A team that labelled from one May to the next read "05-01" at both ends of the axis, as
    if a year's work had been one day's, and a day of 2023 stood beside the same day of 2024.
    """
    years = {day[:4] for day in days if len(day) == 10}
    if len(years) > 1:
        return list(days)
    return [day[5:] if len(day) == 10 else day for day in days]


def labelled_points(count: int, most: int) -> list[int]:
    """Which of `count` evenly spaced x positions get a label: about `most`, evenly thinned,
    the first and the last always.

    A thinned label just before the last ran into it ("05-2105-22"), so one closer to the
    last than the thinning step is left out.
    """
    if count <= 0:
        return []
    every = max(1, math.ceil(count / max(1, most)))
    last = count - 1
    shown = [i for i in range(0, count, every) if last - i >= every]
    return [*shown, last] if shown or last else [last]


def side_by_side(
    series: Mapping[str, Sequence[float]], *, beside: float, room: float
) -> dict[str, list[float]]:
    """How far each series's marker moves along x at each point, so that equal values show.

    Annotators with the same count on a day drew each marker on the one before, so only the
    last one's showed, as if the others had not worked that day. Markers that coincide sit
    side by side, in the series' (legend) order, `beside` apart and centred on their day, but
    within `room * 0.8` (the day's share of the width); a value no one else has stays on its day.
    """
    shifts = {name: [0.0] * len(values) for name, values in series.items()}
    for i in range(max((len(values) for values in series.values()), default=0)):
        same: dict[float, list[str]] = {}
        for name, values in series.items():
            if i < len(values):
                same.setdefault(values[i], []).append(name)
        for names in same.values():
            if len(names) < 2:
                continue
            step = min(beside, room * 0.8 / (len(names) - 1))
            for k, name in enumerate(names):
                shifts[name][i] = (k - (len(names) - 1) / 2) * step
    return shifts
