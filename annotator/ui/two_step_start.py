"""The window's two-step start: what the first paint needs first, the rest right after it.

The window builds before its first paint only what that paint shows and what the first key
needs. This object sees that paint and posts one event at low priority, so whatever is
already queued with the paint (a key press, a timer) goes first; that event builds the rest
and runs what was left waiting for it (`when_painted`). `finish()` does the same sooner when
something needs it (a window never shown, a test).

A start whose project is checked in the pool first paints "Opening <name>…", and its article
only once the checks pass: the rest waits for that article's paint (`hold`, `release`), as it
waits for the first paint, so that it is not built and imported while the person waits for
the article.
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
        self._held = False
        self._repainting = False  # released: the application's paints are watched for the window's next
        self._waiting: list[Callable[[], None]] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        if not self._painted and watched is self.parent():
            self._painted = True
            watched.removeEventFilter(self)
            QCoreApplication.postEvent(self, QEvent(_FINISH), _LOW_PRIORITY)
        elif self._repainting and isinstance(watched, QWidget) and watched.window() is self.parent():
            # A paint of one of the window's widgets: the others updated with it are painted in
            # the same pass, before this event is taken.
            self._repainting = False
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            QCoreApplication.postEvent(self, QEvent(_FINISH), _LOW_PRIORITY)
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == _FINISH:
            if not (self._held or self._repainting):  # else built after the paint that follows `release`
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

    def hold(self) -> None:
        """Until `release`, the first paint does not build the rest (the article is not shown yet)."""
        if not self.finished:
            self._held = True

    def release(self) -> None:
        """If the first paint came while held, the rest is built after the window's next paint,
        which shows what it holds now (the article), as after the first paint; else after the
        first paint, as always.

        A paint of a child alone does not reach the window's own filter: the application's is
        watched until one of the window's widgets is painted."""
        self._held = False
        app = QCoreApplication.instance()
        if self._painted and not self.finished and not self._repainting and app is not None:
            self._repainting = True
            app.installEventFilter(self)

    def cancel(self) -> None:
        """The window closed before the rest was built: build nothing, run nothing that waited."""
        self.finished = True
        self._waiting.clear()
        app = QCoreApplication.instance()
        if self._repainting and app is not None:
            self._repainting = False
            app.removeEventFilter(self)

    def when_painted(self, work: Callable[[], None]) -> None:
        """Run `work` now if the rest is built, else once it is."""
        self._waiting.append(work)
        if self.finished:
            self._run_waiting()

    def _run_waiting(self) -> None:
        while self._waiting:
            self._guard(self._waiting.pop(0))
