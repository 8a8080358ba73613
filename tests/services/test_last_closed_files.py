"""The records a start reads before any window appears are read like any file the app did not
write: whatever is in their place, the start goes on (as a plain start)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

import pytest

from annotator.services import last_closed

T = TypeVar("T")


def _within(seconds: float, call: Callable[[], T]) -> T:
    """`call()`, failing the test (not hanging it) if it does not return in time."""
    answers: list[T] = []
    reader = threading.Thread(target=lambda: answers.append(call()), daemon=True)
    reader.start()
    reader.join(seconds)
    if not answers:
        # Let a reader stuck on a FIFO go: open it for writing once, so the thread ends.
        for path in (last_closed.record_path(), last_closed.window_record_path()):
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK) if path.exists() else None
            if fd is not None:
                os.close(fd)
        reader.join(5)
        pytest.fail(f"the start's read did not return within {seconds} s (every start would hang)")
    return answers[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_the_records_is_no_record_and_never_a_hang() -> None:
    """A FIFO at last-closed.json hung a plain `annotator` start before any window appeared."""
    last_closed.record_path().parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(last_closed.record_path())
    os.mkfifo(last_closed.window_record_path())
    assert _within(10, lambda: last_closed.reopening([])) is None
    assert _within(10, lambda: last_closed.first_opening([])) is None
