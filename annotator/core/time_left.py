"""How long counted work has left, estimated from what it has done, in words a person reads once.

Pre-annotating 10,000 articles crept for minutes with only a percentage. The estimate is the
work's own pace so far (articles done over the time they took), said only once that pace means
something, and held steady: it counts down with the clock and is set again only when the pace
has changed enough to matter, so the words do not jump at every report. No clock is read here:
the caller passes the time, so the rules can be checked without waiting.
"""

from __future__ import annotations

__all__ = ["TimeLeft", "time_left_words"]


class TimeLeft:
    """The steadied seconds left of work counted in items (`update`), or None while unknown."""

    MIN_DONE = 5
    """Items done since the count began before any estimate: one slow first batch says little."""
    MIN_SECONDS = 3.0
    """Seconds of counted work before any estimate: work that ends sooner needs none."""
    SETTLE_SECONDS = 1.0
    """The count's first second sets where the pace is measured from: what is done at once then
    (articles found in the cache) is not work done at the pace of the rest."""
    TOLERANCE = 0.25
    """How far (a share of the estimate) a new estimate may stray from the countdown before it
    takes its place."""

    def __init__(self) -> None:
        self._total = 0
        self._last_done = 0
        self._first_at: float | None = None
        self._base: tuple[int, float] = (0, 0.0)  # (done, when): the pace is measured from here
        self._shown: tuple[float, float] | None = None  # (seconds left, when it was set)

    def reset(self) -> None:
        """Forget the pace: the work counts something else now (a later step of it)."""
        self._total, self._last_done, self._first_at, self._shown = 0, 0, None, None

    def update(self, done: int, total: int, now: float) -> float | None:
        """The seconds left, told `done` of `total` at `now` (seconds, any steady clock).

        A new total, or a count that goes back, is a new step of the work: its pace is
        measured afresh. None until `MIN_DONE` items and `MIN_SECONDS` have been counted, and
        once the work is done.
        """
        if total <= 0:
            self.reset()
            return None
        if total != self._total or done < self._last_done or self._first_at is None:
            self.reset()
            self._total, self._first_at, self._base = total, now, (done, now)
        elif now - self._first_at < self.SETTLE_SECONDS:
            self._base = (done, now)
        self._last_done = done
        base_done, base_at = self._base
        worked, took = done - base_done, now - base_at
        if done >= total or worked < self.MIN_DONE or took < self.MIN_SECONDS:
            return None
        estimate = (total - done) * took / worked
        if self._shown is not None:
            left, set_at = self._shown
            counting_down = max(left - (now - set_at), 0.0)
            if abs(estimate - counting_down) <= self.TOLERANCE * max(estimate, counting_down):
                return counting_down
        self._shown = (estimate, now)
        return estimate


def time_left_words(seconds: float) -> str:
    """ "about 3 minutes left", coarser the longer it is: to the minute under ten minutes, to
    five minutes under a hundred, then to the hour. An estimate is not more precise than that."""
    if seconds < 60:
        return "less than a minute left"
    minutes = seconds / 60
    if minutes < 9.5:
        whole = round(minutes)
        return f"about {whole} minute{'s' if whole != 1 else ''} left"
    if minutes < 97.5:
        return f"about {5 * round(minutes / 5)} minutes left"
    hours = round(minutes / 60)
    return f"about {hours} hours left"
