"""Chart axes count things, so their ticks must be whole numbers."""

from __future__ import annotations

import pytest

from annotator.ui.charts import nice_max, tick_intervals


@pytest.mark.parametrize(
    ("largest", "top", "intervals"),
    [(1, 1, 1), (2, 2, 2), (3, 5, 5), (5, 5, 5), (7, 10, 5), (14, 20, 4), (41, 50, 5), (130, 200, 4)],
)
def test_ticks_are_whole_numbers(largest: float, top: float, intervals: int) -> None:
    assert nice_max(largest) == top
    assert tick_intervals(top) == intervals
    assert all(float(top * i / intervals).is_integer() for i in range(intervals + 1))
