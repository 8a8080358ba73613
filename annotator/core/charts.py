"""Axis arithmetic shared by the window's charts (`ui.charts`) and the HTML report (`formats.report`)."""

from __future__ import annotations

import math

__all__ = ["nice_max", "tick_intervals"]


def nice_max(value: float) -> float:
    """The axis top: 1, 2 or 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def tick_intervals(top: float) -> int:
    """How many grid intervals to draw under `top` so every tick is a whole number.

    The charts count claims and articles: a tick at 3.75 claims reads as a bug.
    """
    for intervals in (4, 5, 2):
        if top / intervals >= 1 and float(top / intervals).is_integer():
            return intervals
    return 1
