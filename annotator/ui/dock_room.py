"""The list's and the claims' widths a docked panel took its room from, given back when it closes.

A panel docked on the right (Guidelines, Suggestions) takes its width from the splitter, and the
window shares what is left (`MainWindow.dock_shown`): at 1366x768 the list went from 290 px to
165, its Source column hidden, and the claims' By column gave way. Closed, Qt gave the freed
width to the text alone, the splitter's stretching pane: the list and the claims stayed narrow
until the person dragged the handles, and the narrow list was what window.ini kept at close.

The widths are those just before the panel took its room, and they come back when the last
docked panel closes: as they were if the window and its text size are as they were, else
shared as a first start shares them, keeping what fits (`MainWindow.share_panes`). A splitter
the person dragged while the panel was open is theirs: nothing is given back. A list folded
(by the person) at the close stays folded; one shown by the person meanwhile keeps its width.
A floating panel took no room, and gives none back; one made to float after it opened docked
gave its room to the text, and the widths come back at its close as at a docked one's.

The Suggestions panel open at close opens again at the next start, beside the panes as it left
them: window.ini keeps the widths from before it opened (`geometry.PANES_BEFORE_PANEL`), and the
reopened panel takes those as its own (`take_before`), else its close gave back the narrow ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from annotator.ui.geometry import PanesBefore

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


class DockRoom(QObject):
    """Keeps the panes' widths from before a docked panel opened, for `give_back` at its close."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        # While a docked panel is open, unless the splitter was dragged.
        self._before: PanesBefore | None = None
        window.splitter.splitterMoved.connect(lambda _pos, _index: self._forget())

    def watch(self, dock: QDockWidget) -> None:
        dock.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The widths are read as the panel shows. The window's layout has given it its room by
        then, but from the text alone, the splitter's stretching pane: the list and the claims
        still have theirs (the window shares the rest after, `MainWindow.dock_shown`). A Show the
        window system sends (the window un-minimized) is no panel opening."""
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDockWidget)
            and not event.spontaneous()
            and not watched.isFloating()
        ):
            self._panel_shown(watched)
        return False

    def _panel_shown(self, dock: QDockWidget) -> None:
        window = self._window
        if self._before is not None or self._docked_panel_open(but=dock) or not window.isVisible():
            return  # the room was taken by the panel open already, or before the window was laid out
        sizes = window.splitter.sizes()
        if len(sizes) == 3:
            self._before = PanesBefore(sizes[0], sizes[2], window.width(), window.view.font_size)

    @property
    def before(self) -> PanesBefore | None:
        """The widths a docked panel open now will give back, for window.ini at close (None: no
        docked panel is open, or the person dragged a handle beside it)."""
        return self._before if self._docked_panel_open() else None

    def take_before(self, before: PanesBefore) -> None:
        """The panel opening again at a start gives back the widths from before it opened at the
        last run, not the narrow ones the splitter was left at (`geometry.panes_before_panel`)."""
        if not self._docked_panel_open():
            self._before = before

    def give_back(self) -> None:
        """A docked panel closed: the last one open gives the list and the claims back their widths.

        Once the window has laid itself out without it: Qt says a dock is hidden before the
        window's layout hears of it, so the splitter is still as narrow as the panel left it.
        """
        if self._before is not None:
            QTimer.singleShot(0, self, self._give_back_now)

    def _give_back_now(self) -> None:
        before = self._before
        window = self._window
        if before is None or self._docked_panel_open():
            return  # given back already, or a panel opened again meanwhile keeps the room
        self._before = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout = window.layout()
        if layout is not None:
            layout.activate()  # the splitter as wide as the window without the panel
        splitter = window.splitter
        sizes = splitter.sizes()
        if len(sizes) != 3 or sizes[2] == 0:
            return  # the claims lent to a search's list (`ListFold.reveal_for_search`): left so
        listed = 0 if sizes[0] == 0 else (before.listed or sizes[0])
        total = sum(sizes)
        text = total - listed - before.claims
        unchanged = before.window_width == window.width() and before.font_size == window.view.font_size
        if unchanged and text >= window.centre.minimumSizeHint().width():
            splitter.setSizes([listed, text, before.claims])
        else:
            window.share_panes(kept=(listed, before.claims), list_folded=listed == 0)
        window.list_fold.sync()

    def _forget(self) -> None:
        """The person dragged a handle while the panel was open: the widths are theirs now."""
        self._before = None

    def _docked_panel_open(self, *, but: QDockWidget | None = None) -> bool:
        docks = self._window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return any(dock is not but and dock.isVisible() and not dock.isFloating() for dock in docks)
