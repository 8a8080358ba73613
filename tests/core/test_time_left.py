"""The time left of counted work: said only once the pace means something, and steady."""

from __future__ import annotations

import pytest

from annotator.core.time_left import TimeLeft, time_left_words


def _fed(reports: list[tuple[int, int, float]]) -> list[float | None]:
    estimate = TimeLeft()
    return [estimate.update(done, total, now) for done, total, now in reports]


def test_nothing_is_said_before_five_items_and_three_seconds() -> None:
    # One item a second: five items at 5 s, but at 2 s only two.
    said = _fed([(0, 100, 0.0), (2, 100, 2.0), (4, 100, 4.0), (6, 100, 6.0)])
    assert said[:3] == [None, None, None]
    assert said[3] == pytest.approx(94.0)
    # Ten items in a second and a half: fast, but not long enough to mean anything.
    assert _fed([(0, 1000, 0.0), (10, 1000, 1.5), (20, 1000, 2.9)]) == [None, None, None]


def test_sub_second_work_never_gets_an_estimate() -> None:
    reports = [(done, 50, done * 0.015) for done in range(51)]
    assert set(_fed(reports)) == {None}


def test_the_estimate_counts_down_with_the_clock_and_does_not_jump_with_each_report() -> None:
    estimate = TimeLeft()
    estimate.update(0, 1000, 0.0)
    first = estimate.update(100, 1000, 10.0)  # ten items a second: 90 s left
    assert first == pytest.approx(90.0)
    # A slower and a faster report: the pace wobbles by a tenth, the countdown goes on.
    assert estimate.update(190, 1000, 20.0) == pytest.approx(80.0)
    assert estimate.update(310, 1000, 30.0) == pytest.approx(70.0)
    # The pace drops for good: the countdown (50 s) is left for the pace so far.
    estimate.update(330, 1000, 40.0)
    assert estimate.update(340, 1000, 50.0) == pytest.approx(660 * 50 / 340)


def test_items_done_at_once_when_the_count_begins_are_not_taken_for_the_pace() -> None:
    """Articles found in the cache come in a burst: counted, 5 a second looked like 90."""
    estimate = TimeLeft()
    estimate.update(0, 1000, 0.0)
    estimate.update(400, 1000, 0.1)  # the cache
    assert estimate.update(420, 1000, 4.1) == pytest.approx(580 / 5)


def test_a_new_total_or_a_count_that_goes_back_is_a_new_step() -> None:
    estimate = TimeLeft()
    estimate.update(0, 100, 0.0)
    assert estimate.update(50, 100, 10.0) is not None
    assert estimate.update(0, 600, 11.0) is None  # the label suggestions, counted by candidate
    assert estimate.update(3, 600, 15.0) is None  # not five yet
    assert estimate.update(100, 600, 21.0) == pytest.approx(50.0)
    assert estimate.update(600, 600, 27.0) is None  # done
    assert estimate.update(0, 0, 28.0) is None  # unknown total


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (12, "less than a minute left"),
        (61, "about 1 minute left"),
        (200, "about 3 minutes left"),
        (9 * 60 + 40, "about 10 minutes left"),
        (23 * 60, "about 25 minutes left"),
        (97 * 60, "about 95 minutes left"),
        (99 * 60, "about 2 hours left"),
        (5.4 * 3600, "about 5 hours left"),
    ],
)
def test_time_left_is_said_coarsely(seconds: float, words: str) -> None:
    assert time_left_words(seconds) == words
