"""View ▸ Article List: fold the article list away and back, from the keyboard too.

On a 1366x768 laptop at 200% (683 logical pixels) with the Suggestions panel open, the list's
minimum (160 px, its two filter boxes), the claims' and the panel's left the article 122 px,
about 9 characters a line. Folding the list by its splitter handle gave it 28, but nobody
finds a splitter handle. A folded list is a splitter pane of width 0, as dragging its handle
makes it: the splitter's saved state remembers it across restarts, as it remembers the widths,
and its width at the fold is kept beside that state (`folded_width`), to come back at.

A folded list is also disabled, so Tab does not land in its search box, 0 px wide, and typing
there does not filter a list nobody sees; Ctrl+F (`reveal_for_search`) shows it for the
search and folds it again when the focus goes back to the text.

The window folds the list by itself when a panel opens and leaves the text fewer than
`CRAMPED_COLUMNS` characters a line, and again when a narrower window or larger text does so
with a panel open (`narrowed`, `zoomed`): opened at 1366 px, the panel left the list its 289 px,
and the window narrowed to 683 px afterwards left the text 122 px, 8.7 characters a line. It
never shows the list by itself until the panel closes, so dragging the window's edge back and
forth does not fold and show it in turn.

Without a panel, a narrower window first takes the text's lost width back from the list and
the claims (`narrowed`, `geometry.narrowed_panes`): Qt's splitter took it all from the text,
and 1366 px narrowed to 683 left 8.7 characters a line where a window opened at 683 px has 24.
If the text is still cramped, the list folds, and comes back once the window is wide enough
for it and `ROOMY_COLUMNS` of text (`unfold_if_roomy`): a wider threshold than the folding
one, so a window edge dragged to and fro does not fold and show the list in turn. Larger text
(Ctrl++) is met by the same rules (`zoomed`): it narrows the text's lines as a narrower window
does, and smaller text again gives the list and the claims back the widths it took. A list
the window folded is remembered so across a restart (`folded_by_window_for_room`), apart from
one the person folded: the splitter's state alone tells them apart no more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from annotator.ui.actions import key_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from annotator.ui.main_window import MainWindow

CRAMPED_COLUMNS = 20
"""Fewer average characters a line than this, once a panel is shown, and the window folds the
list by itself (`fold_if_cramped`). A 683 px window without the panel leaves the text 24 with
the list, and a 1366 px one over 45 with the panel: neither folds."""


ROOMY_COLUMNS = CRAMPED_COLUMNS + 5
"""Characters a line the text keeps beside the list at its minimum before a list folded for a
narrow window (no panel open) comes back: more than `CRAMPED_COLUMNS`, or it would fold again."""


class ListFold(QObject):
    """Folds the window's article list and keeps View ▸ Article List's tick and the list's
    focusability in step with it, however it was folded (the action, the handle, a restart)."""

    def __init__(self, window: MainWindow, action: QAction) -> None:
        super().__init__(window)
        self._window = window
        self._action = action
        self._peeking = False  # shown for a search only: folded again when the focus leaves it
        self._claims_lent: int | None = None  # the claims' width, folded for the search's list
        self._folded_by_window = False  # folded by `fold_if_cramped`: shown again with the panel closed
        self._kept = False  # shown by the person (Ctrl+L, the handle): not folded for a resize or Ctrl++
        self._folded_for_width = False  # folded by `narrowed` with no panel: shown again when roomy
        self._before: list[int] | None = None  # the panes' widths before the splitter's last resize
        self._lent_to_text: tuple[int, int] | None = None  # the list's and claims' widths before Ctrl++
        self._width: int | None = None  # the list's width when it was last folded: shown again at it
        window.splitter.splitterMoved.connect(lambda _pos, _index: self._moved())
        window.splitter.installEventFilter(self)
        self._handle = window.splitter.handle(1)  # a drag that folds the list starts at its width
        self._handle.installEventFilter(self)
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
        """The action fired: its tick (already flipped by Qt) says what the person wants.

        A list that does not fit beside the text's and the claims' minimums stays folded, and
        the status bar says why: Qt widened the window for it, with twice the desktop's font
        and a first claim 842 px on a 683 px screen, the claims and the window's edge out of
        reach."""
        if self._action.isChecked() and self.folded and not self._fits():
            self._action.setChecked(False)
            self._say_no_room()
            return
        self._peeking = self._folded_by_window = self._folded_for_width = False
        self._kept = self._action.isChecked()
        self.set_shown(self._kept)
        self._give_claims_back()  # folded in the middle of a search that took their width

    def set_shown(self, shown: bool, *, keep_width: bool = True) -> None:
        """Show the list at the width it had when it was folded, taken back from the text where
        the text keeps its minimum (else sharing the panes again as a first start does), or fold
        it away, keeping its width unless `keep_width` is false (a list shown for a search only).

        Shown at its preferred width, a list folded at 500 px came back at that of a first start,
        and one folded at its minimum, Source and Claims given way, at its Title and Status only:
        about 190 px, whatever width the person had given it."""
        window = self._window
        splitter = window.splitter
        listed, text, claims = splitter.sizes()
        width = self._width
        room = text - window.centre.minimumSizeHint().width()
        if shown and listed == 0 and width is not None and width <= room:
            splitter.setSizes([width, text - width, claims])  # what folding gave the text, back
            self._unsay_folded()
        elif shown and listed == 0:
            window.share_panes(kept=(width or window.articles.preferred_width(), claims))
            self._unsay_folded()
        elif not shown and listed > 0:
            if keep_width:
                self._width = listed
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
        self._window.enable_panes()  # disabled while folded (or with no project open)
        self._window.splitter.updateGeometry()  # its minimum leaves a folded list out

    def reveal_for_search(self) -> bool:
        """Ctrl+F on a folded list: show it while the person searches (see `_focus_moved`), and
        say whether the search box can be searched in.

        A list with no room beside the text's and the claims' minimums takes the claims' width
        for the search, and gives it back when the search is over: shown as Ctrl+L shows it,
        Qt widened the window for it, with twice the desktop's font and a first claim 842 px on
        a 683 px screen. Nobody reads the claims while typing in the search box, and the text
        keeps its minimum. With no room even beside the text, the list stays folded and the
        search box, 0 px wide, does not take the keys (`_say_no_room`)."""
        if not self.folded:
            return True
        if not self._fits():
            return self._lend_claims()
        self.set_shown(True)
        self._peeking = True
        return True

    def _lend_claims(self) -> bool:
        """Show the list for a search in the claims' width (`reveal_for_search`), if it fits
        beside the text's minimum; say whether it did."""
        window = self._window
        splitter = window.splitter
        sizes = splitter.sizes()
        least = window.articles.minimumSizeHint().width()
        room = sum(sizes) - window.centre.minimumSizeHint().width()
        if len(sizes) != 3 or room < least or not splitter.isCollapsible(2):
            self._say_no_room()
            return False
        listed = max(least, min(window.articles.preferred_width(), room))
        self._claims_lent = sizes[2]
        splitter.setSizes([listed, sum(sizes) - listed, 0])  # a folded pane: not in the minimum
        self._peeking = True
        self.sync()
        return True

    def _give_claims_back(self) -> None:
        """The claims get back the width they lent a search's list, from the text."""
        lent, self._claims_lent = self._claims_lent, None
        splitter = self._window.splitter
        sizes = splitter.sizes()
        if lent is None or len(sizes) != 3 or sizes[2] != 0:
            return
        listed, text, _claims = sizes
        splitter.setSizes([listed, max(text - lent, 0), lent])
        self.sync()

    def _say_folded(self) -> None:
        """Say the list folded and the key that shows it again."""
        # Short: beside the status bar's project, model and progress, a 683 px window
        # showed "The article list is folded away" of a longer line, not the key.
        key = key_text(self._window.registry.specs["article_list"])
        self._window.status(self.tr("List folded: {0} shows it").format(key), 10000)

    def _unsay_folded(self) -> None:
        """The list is shown again: the status bar no longer says it is folded.

        The panel closed (F9 again, or tabbed away behind the other panel) brought the list
        back within the message's ten seconds, and the status bar said beside it that it was
        folded and that Ctrl+L, which would now fold it, showed it."""
        bar = self._window.statusBar()
        key = key_text(self._window.registry.specs["article_list"])
        if bar.currentMessage() == self.tr("List folded: {0} shows it").format(key):
            bar.clearMessage()

    def _say_no_room(self) -> None:
        self._window.status(self.tr("No room for the list: widen the window or make the text smaller"), 10000)

    def fold_if_cramped(self, *, for_panel: bool = True) -> bool:
        """Fold the list if the text is left fewer than `CRAMPED_COLUMNS` characters a line, and
        say so: whether it did. Called when a panel takes its width: a list the person showed
        beside an earlier panel is folded for this one too. Not `for_panel`, it is folded for a
        narrow window, and shown again when the window is wide enough (`unfold_if_roomy`)."""
        self._kept = False
        window = self._window
        if self.folded or window.centre.width() >= window.view.column_width(CRAMPED_COLUMNS):
            return False
        self.set_shown(False)
        if for_panel:
            self._folded_by_window = True
        else:
            self._folded_for_width = True
        self._say_folded()
        return True

    def narrowed(self) -> None:
        """The window narrowed: the text gets its lost width from the list and the claims first
        (`geometry.narrowed_panes`), then the list folds if the text is still cramped."""
        before, self._before = self._before, None
        self._lent_to_text = None  # widths from before the resize no longer fit it
        after = self._window.splitter.sizes()
        if before is not None and len(before) == len(after) == 3 and sum(before) > sum(after):
            self._give_text(before[1])
        self._fold_if_still_cramped()

    def text_columns(self) -> float:
        """The average characters a line the text pane holds at the article's font now."""
        view = self._window.view
        width = self._window.centre.width() - view.column_width(0)
        return width / max(view.fontMetrics().averageCharWidth(), 1)

    def zoomed(self, columns: float) -> None:
        """The article's font changed (Ctrl++, Ctrl+-) from one whose lines held `columns`
        characters: met as a resize is, the text's lines being as much shorter as a narrower
        window makes them. The text gets back the width to hold them (up to its readable width)
        from the list and the claims, then the list folds if it is still cramped; smaller text
        that leaves room beside the list brings back a list folded for the width.

        Only a panel's folding met larger text: without a panel, eight Ctrl++ on a 683 px
        window left the article 15 characters a line beside a list of 160 px.

        Smaller text brings the list back with `CRAMPED_COLUMNS` beside it, not `ROOMY_COLUMNS`:
        a font's size goes by steps, with no edge dragged to and fro to fold and show it in
        turn, and a 683 px window opens with 24 beside the list, so three Ctrl++ then three
        Ctrl+- left it folded until Ctrl+L.
        """
        smaller = self.text_columns() > columns  # the same width holds more of a smaller font
        sizes = self._window.splitter.sizes()
        if not smaller and self._lent_to_text is None and len(sizes) == 3 and sizes[0] > 0:
            self._lent_to_text = (sizes[0], sizes[2])
        self._give_text(self._window.view.column_width(int(columns)))
        self._fold_if_still_cramped()
        self.unfold_if_roomy(CRAMPED_COLUMNS if smaller else ROOMY_COLUMNS)
        if smaller:
            self._take_back_from_text()

    def _take_back_from_text(self) -> None:
        """Smaller text: the list and the claims get back the widths larger text took from them
        (`zoomed`), from what the text has above its readable width. Three Ctrl++ then three
        Ctrl+- left the list at its narrowest, its Source and Claims columns hidden, beside a
        text wider than it reads well, until the person dragged the handles back."""
        from annotator.ui.reading import READABLE_COLUMNS

        lent = self._lent_to_text
        splitter = self._window.splitter
        sizes = splitter.sizes()
        if lent is None or len(sizes) != 3 or self.folded:
            return
        listed, text, claims = sizes
        spare = max(text - self._window.view.column_width(READABLE_COLUMNS), 0)
        to_list = min(spare, max(lent[0] - listed, 0))
        to_claims = min(spare - to_list, max(lent[1] - claims, 0))
        if to_list or to_claims:
            splitter.setSizes([listed + to_list, text - to_list - to_claims, claims + to_claims])
        if listed + to_list >= lent[0] and claims + to_claims >= lent[1]:
            self._lent_to_text = None

    def _give_text(self, wanted: int) -> None:
        """The text gets back what it has below `wanted` and its readable width, from the list
        and the claims down to their minimums (`geometry.narrowed_panes`)."""
        from annotator.ui.geometry import narrowed_panes
        from annotator.ui.reading import READABLE_COLUMNS

        window = self._window
        splitter = window.splitter
        after = splitter.sizes()
        if len(after) != 3:
            return
        listed = 0 if self.folded else window.articles.minimumSizeHint().width()
        least = (listed, window.claims.minimumSizeHint().width())
        before = [after[0], wanted, after[2]]
        kept = narrowed_panes(before, after, least, window.view.column_width(READABLE_COLUMNS))
        if kept != after:
            splitter.setSizes(kept)

    def _fold_if_still_cramped(self) -> None:
        """Fold the list for a cramped text, for the panel if one is open, else for the width;
        not a list the person showed (Ctrl+L, its handle) nor one shown for a search."""
        if not self._kept and not self._peeking:
            self.fold_if_cramped(for_panel=self._panel_open())

    def folded_to_fit(self) -> None:
        """The window folded the list at a start, the panes' minimums being wider than the
        window: it comes back when the window is wide enough (`unfold_if_roomy`)."""
        self._folded_for_width = True
        self.sync()
        self._say_folded()

    @property
    def folded_width(self) -> int | None:
        """The width a folded list comes back at, if it has one: kept across a restart
        (`geometry.save_geometry`), where the splitter's state holds a folded pane as 0 wide."""
        return self._width if self.folded else None

    def folded_at_close(self, width: int | None) -> None:
        """The list folded at the last close comes back at `width`, its width at that fold.

        Kept within one run only, a list the person had widened to 520 px, folded, and shown
        again after a restart came back at the width a first start gives it. None (an older
        window file, a damaged width): it comes back as a first start shows it.
        """
        if width is not None and self.folded and self._width is None:
            self._width = width

    @property
    def folded_by_window_for_room(self) -> bool:
        """Whether the list is folded and the window folded it, for a narrow window, larger text
        or a panel, not the person (Ctrl+L, its handle): kept across a restart
        (`geometry.save_geometry`), which the splitter's state alone does not tell apart."""
        return self.folded and (self._folded_for_width or self._folded_by_window)

    def folded_by_window_at_close(self) -> None:
        """The list the window had folded at the last close is folded again: it comes back once
        the window is wide enough or the text small enough (`unfold_if_roomy`).

        Restored from the splitter's state alone, it read as the person's fold: reopened with
        twice the desktop's font, the list stayed folded beside 80 characters a line once the
        window was widened to 1366 px, until Ctrl+L. A panel is not open at a start, so a list
        folded for one is met as one folded for the width.
        """
        if self.folded:
            self._folded_for_width = True

    def unfold_if_roomy(self, columns: int = ROOMY_COLUMNS) -> None:
        """The window widened: a list folded for a narrow window comes back if the text keeps
        `columns` characters a line beside it at its minimum. Not while a panel is open: the
        panel's folding keeps it folded until the panel closes."""
        window = self._window
        if not self._folded_for_width or not self.folded or self._panel_open():
            return
        listed = window.articles.minimumSizeHint().width() + window.splitter.handleWidth()
        beside = window.centre.width() - listed
        if beside >= window.view.column_width(columns):
            self._folded_for_width = False
            self.set_shown(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the panes' widths from before the splitter resizes, for `narrowed`: by the time
        the window hears of its own resize, the splitter has shared the new width. And the list's
        width as a drag of its handle starts, which a drag that folds it leaves nowhere else."""
        kind = event.type()  # first: the splitter is not asked for while the window is deleted
        if kind == QEvent.Type.Resize and watched is self._window.splitter:
            self._before = self._window.splitter.sizes() if self._window.splitter.isVisible() else None
        elif kind == QEvent.Type.MouseButtonPress and watched is self._handle:
            listed = self._window.splitter.sizes()[0]
            if listed > 0:
                self._width = listed
        return False

    def _fits(self) -> bool:
        """Whether the list, the text and the claims fit at their minimums in the splitter's width."""
        window = self._window
        splitter = window.splitter
        total = splitter.width() - (splitter.count() - 1) * splitter.handleWidth()
        return (
            sum(part.minimumSizeHint().width() for part in (window.articles, window.centre, window.claims))
            <= total
        )

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
        # The person dragged a handle: theirs now, and no width is owed back for larger text.
        self._peeking = self._folded_by_window = self._folded_for_width = False
        self._lent_to_text = None
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
        self.set_shown(False, keep_width=False)
        self._give_claims_back()
