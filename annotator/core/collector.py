"""Python's cyclic garbage collector paused while data is made in bulk, from any thread.

The collector is process-wide: a full collection walks every object of the process and holds
the GIL throughout, so a collection set off by a worker thread's objects froze the window as
well. Work that makes many objects and no cycles (rows read into claims, agreement's units)
makes none of it garbage for the collector: it pauses the collector and lets it run on what is
left once done. Pauses nest and overlap, in one thread or several: the collector runs again
once the last one ends, and only if it was running when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_resume = False  # whether the collector ran when the first of the pauses under way began


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector does not run inside (nor in other threads meanwhile); it runs again after."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()
