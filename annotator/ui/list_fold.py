"""View ▸ Article List: fold the article list away and back, from the keyboard too.

On a 1366x768 laptop at 200% (683 logical pixels) with the Suggestions panel open, the list's
minimum (160 px, its two filter boxes), the claims' and the panel's left the article 122 px,
about 9 characters a line. Folding the list by its splitter handle gave it 28, but nobody
finds a splitter handle. A folded list is a splitter pane of width 0, as dragging its handle
makes it: the splitter's saved state remembers it across restarts, as it remembers the widths.

A folded list is also disabled, so Tab does not land in its search box, 0 px wide, and typing
there does not filter a list nobody sees; Ctrl+F (`reveal_for_search`) shows it for the
search and folds it again when the focus goes back to the text.

The window folds the list by itself when a panel opens and leaves the text fewer than
`CRAMPED_COLUMNS` characters a line, and again when a narrower window or larger text does so
with a panel open (`fold_if_narrowed`): opened at 1366 px, the panel left the list its 289 px,
and the window narrowed to 683 px afterwards left the text 122 px, 8.7 characters a line. It
never shows the list by itself until the panel closes, so dragging the window's edge back and
forth does not fold and show it in turn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from annotator.ui.actions import key_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from annotator.ui.main_window import MainWindow

CRAMPED_COLUMNS = 20
"""Fewer average characters a line than this, once a panel is shown, and the window folds the
list by itself (`fold_if_cramped`). A 683 px window without the panel leaves the text 24 with
the list, and a 1366 px one over 45 with the panel: neither folds."""


class ListFold(QObject):
    """Folds the window's article list and keeps View ▸ Article List's tick and the list's
    focusability in step with it, however it was folded (the action, the handle, a restart)."""

    def __init__(self, window: MainWindow, action: QAction) -> None:
        super().__init__(window)
        self._window = window
        self._action = action
        self._peeking = False  # shown for a search only: folded again when the focus leaves it
        self._folded_by_window = False  # folded by `fold_if_cramped`: shown again with the panel closed
        self._kept = False  # shown by the person (Ctrl+L, the handle): not folded for a resize or Ctrl++
        window.splitter.splitterMoved.connect(lambda _pos, _index: self._moved())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    @property
    def folded(self) -> bool:
        return self._window.splitter.sizes()[0] == 0

    @property
    def folded_by_window(self) -> bool:
        """Whether the window folded the list for a panel (`fold_if_cramped`) and it is still folded."""
        return self._folded_by_window and self.folded

    def toggle(self) -> None:
        """The action fired: its tick (already flipped by Qt) says what the person wants."""
        self._peeking = self._folded_by_window = False
        self._kept = self._action.isChecked()
        self.set_shown(self._kept)

    def set_shown(self, shown: bool) -> None:
        """Show the list (sharing the panes again as a first start does) or fold it away."""
        window = self._window
        splitter = window.splitter
        listed, text, claims = splitter.sizes()
        if shown and listed == 0:
            window.share_panes(kept=(window.articles.preferred_width(), claims))
        elif not shown and listed > 0:
            inside = self._holds_focus()
            splitter.setSizes([0, listed + text, claims])
            if inside:
                window.view.setFocus()
        self.sync()

    def sync(self) -> None:
        """The action's tick and the list's enabling, after the splitter's widths changed."""
        folded = self.folded
        if self._action.isChecked() == folded:
            self._action.setChecked(not folded)
        self._window.articles.setEnabled(not folded)

    def reveal_for_search(self) -> None:
        """Ctrl+F on a folded list: show it while the person searches (see `_focus_moved`)."""
        if self.folded:
            self.set_shown(True)
            self._peeking = True

    def fold_if_cramped(self) -> bool:
        """Fold the list if the text is left fewer than `CRAMPED_COLUMNS` characters a line, and
        say so: whether it did. Called when a panel takes its width: a list the person showed
        beside an earlier panel is folded for this one too."""
        self._kept = False
        window = self._window
        if self.folded or window.centre.width() >= window.view.column_width(CRAMPED_COLUMNS):
            return False
        self.set_shown(False)
        self._folded_by_window = True
        window.status(
            # Short: beside the status bar's project, model and progress, a 683 px window
            # showed "The article list is folded away" of a longer line, not the key.
            self.tr("List folded: {0} shows it").format(key_text(window.registry.specs["article_list"])),
            10000,
        )
        return True

    def fold_if_narrowed(self) -> None:
        """The window narrowed or the text grew (Ctrl++): fold the list as for a panel opened now
        if a panel is open and the text is cramped. Not a list the person showed, with Ctrl+L or
        its handle, beside the panel, nor one shown for a search: they chose the list."""
        if self._kept or self._peeking or not self._panel_open():
            return
        self.fold_if_cramped()

    def _panel_open(self) -> bool:
        """Whether a docked panel (suggestions, guidelines) takes its width beside the panes."""
        docks = self._window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return any(dock.isVisible() and not dock.isFloating() for dock in docks)

    def unfold_if_folded_by_window(self) -> None:
        """A panel closed: a list the window folded for it comes back; one the person folded stays."""
        if self.folded_by_window:
            self.set_shown(True)
        self._folded_by_window = False

    def _moved(self) -> None:
        if not self.folded and not self._action.isChecked():
            self._kept = True  # dragged out of its fold: shown as Ctrl+L shows it
        self._peeking = self._folded_by_window = False  # the person dragged a handle: theirs now
        self.sync()

    def _holds_focus(self) -> bool:
        focused = QApplication.focusWidget()
        articles = self._window.articles
        return focused is not None and (focused is articles or articles.isAncestorOf(focused))

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The search is over once the focus is elsewhere in the window (Escape, Return, a click
        in the text): a list shown only for it folds again."""
        if not self._peeking or new is None or new.window() is not self._window or self._holds_focus():
            return
        self._peeking = False
        self.set_shown(False)
