"""Give the keys back to the window a dialog came from, where no window manager does.

A window manager focuses a dialog's parent when the dialog closes. Without one (a kiosk, a bare
X session) nothing does: Qt still counts the closed dialog as the window with the focus, and
after the key table, Preferences or About went away, J, Ctrl+E and F1 went nowhere until a
click. So when the window that has the keys is hidden and was shown over another window, that
window asks for them back. A dialog closing while the person is in another program has not the
keys then (Qt's focus window is none), and takes nothing from that program.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow


class _FocusReturn(QObject):
    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app = app
        self._watched: QWindow | None = None
        self._shown_over: QWindow | None = None
        self._closed_with_the_keys: tuple[QWindow, QWindow] | None = None
        self._moved(app.focusWindow())
        app.focusWindowChanged.connect(self._moved)

    def _moved(self, now: QWindow | None) -> None:
        """Watch the window that has the keys, if it was shown over another."""
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.visibleChanged.disconnect(self._hidden)
        self._watched, self._shown_over = None, None
        if now is not None and not shiboken6.isValid(now):
            return  # a window deleted before the signal came (a dialog deleted on close)
        parent = now.transientParent() if now is not None else None
        if now is not None and parent is not None:
            self._watched, self._shown_over = now, parent
            now.visibleChanged.connect(self._hidden)

    def _hidden(self, visible: bool) -> None:
        watched, shown_over = self._watched, self._shown_over
        if visible or watched is None or shown_over is None or self._app.focusWindow() is not watched:
            return
        # After what closed the dialog is done: it may show another (a message box), which
        # takes the keys itself; a dialog deleted on close is gone by then.
        self._closed_with_the_keys = (watched, shown_over)
        QTimer.singleShot(0, self, self._give_back)

    def _give_back(self) -> None:
        if self._closed_with_the_keys is None:
            return
        closed, shown_over = self._closed_with_the_keys
        self._closed_with_the_keys = None
        now = self._app.focusWindow()
        if now is not None and now is not closed:
            return  # the keys went elsewhere already
        if shiboken6.isValid(closed) and closed.isVisible():
            return  # shown again
        modal = self._app.modalWindow()  # a dialog still waiting for an answer comes first
        target = modal if modal is not None and modal.isVisible() else shown_over
        if shiboken6.isValid(target) and target.isVisible():
            target.requestActivate()


_installed: _FocusReturn | None = None


def return_focus_after_dialogs(app: QGuiApplication) -> None:
    """Once per application: a closed dialog's parent takes the keys back (`_FocusReturn`)."""
    global _installed
    if _installed is None:
        _installed = _FocusReturn(app)
