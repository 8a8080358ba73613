"""The window's two-step start: what the first paint needs first, the rest right after it.

The window builds before its first paint only what that paint shows and what the first key
needs. This object sees that paint and posts one event at low priority, so whatever is
already queued with the paint (a key press, a timer) goes first; that event builds the rest
and runs what was left waiting for it (`when_painted`). `finish()` does the same sooner when
something needs it (a window never shown, a test).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget

_FINISH = QEvent.Type(QEvent.registerEventType())
"""Posted at the window's first paint: build what that paint did not need."""
_LOW_PRIORITY = -1
"""`Qt.EventPriority.LowEventPriority`, as a number: the first use of any member of PySide6's `Qt`
namespace builds all its enums (12 ms), and this runs inside the first paint."""


class TwoStepStart(QObject):
    """Watches `window` for its first paint, then calls `build` once and runs the waiting work."""

    def __init__(
        self,
        window: QWidget,
        build: Callable[[], None],
        guard: Callable[[Callable[[], object]], None],
    ) -> None:
        super().__init__(window)
        self._build = build
        self._guard = guard  # the window's: an error in deferred work is one message, not a crash
        self._painted = False
        self.finished = False
        self._waiting: list[Callable[[], None]] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and watched is self.parent() and event.type() == QEvent.Type.Paint:
            self._painted = True
            watched.removeEventFilter(self)
            QCoreApplication.postEvent(self, QEvent(_FINISH), _LOW_PRIORITY)
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == _FINISH:
            self._guard(self.finish)
            return True
        return super().event(event)

    def finish(self) -> None:
        """Build the rest and run what waited for it (once; later calls do nothing)."""
        if self.finished:
            return
        self.finished = True
        self._build()
        self._run_waiting()

    def cancel(self) -> None:
        """The window closed before the rest was built: build nothing, run nothing that waited."""
        self.finished = True
        self._waiting.clear()

    def when_painted(self, work: Callable[[], None]) -> None:
        """Run `work` now if the rest is built, else once it is."""
        self._waiting.append(work)
        if self.finished:
            self._run_waiting()

    def _run_waiting(self) -> None:
        while self._waiting:
            self._guard(self._waiting.pop(0))
