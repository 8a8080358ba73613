"""Where the window was and how its splitter was set, kept between runs.

Geometry lives in an INI file beside settings.json (QSettings only for geometry;
paths come from `services.paths`), never in the typed settings.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QByteArray, QDataStream, QObject, QRect, QSettings, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QFocusEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHeaderView,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyleOptionFocusRect,
    QTreeView,
    QWidget,
)

from annotator.services.window_file import usable_window_file
from annotator.ui.app_events import app_events

DEFAULT_SIZE = (1400, 860)

# What a window may take of the screen's free area when its preferred size does not fit: the
# rest leaves room for the title bar and frame, which the window manager adds outside it.
SCREEN_SHARE = (0.96, 0.90)


# The main window's three panes (article list, text, claims), as shares of their splitter's width:
# the list takes at most LIST_SHARE however long its titles at the font's size, the claims at
# least CLAIMS_SHARE, and the text at least TEXT_SHARE and its readable width (`shared_panes`).
LIST_SHARE = 1 / 3
CLAIMS_SHARE = 0.25
TEXT_SHARE = 1 / 3
DOCK_SHARE = 0.25  # of the window, for a dock (the suggestions panel) beside the three


def shared_panes(
    total: int, wanted: tuple[int, int], least: tuple[int, int, int], readable: tuple[int, int]
) -> list[int]:
    """The widths of the list, the text and the claims in a splitter `total` pixels wide.

    `wanted` are the list's and the claims' widths to keep if they fit; `least` the list's,
    the text's and the claims' minimums; `readable` the widths at which the text and the
    claims read comfortably. The list gets what it wants up to its share, the claims what
    they want, at least their share and their readable width, the text the rest. Reading the
    article is the task, so a text narrower than its share or its readable width then takes
    from the list and the claims, from each in proportion to what it has above its minimum.
    On a narrow window (683 pixels, a 1366x768 laptop at 200%) the list kept a third and the
    claims their readable width, an empty column a third of the window wide, while the text
    had 22 characters a line, and 11 with the suggestions panel open.
    """
    list_least, text_least, claims_least = least
    text_readable, claims_readable = readable
    listed = max(list_least, min(wanted[0], int(total * LIST_SHARE)))
    claims = max(claims_least, wanted[1], int(total * CLAIMS_SHARE), claims_readable)
    text_wanted = max(text_least, int(total * TEXT_SHARE), text_readable)
    short = text_wanted - (total - listed - claims)
    spare = (listed - list_least) + (claims - claims_least)
    if short > 0 and spare > 0:
        given = min(short, spare)
        from_list = given * (listed - list_least) // spare
        listed -= from_list
        claims -= given - from_list
    return [listed, max(total - listed - claims, text_least), claims]


def narrowed_panes(before: list[int], after: list[int], least: tuple[int, int], readable: int) -> list[int]:
    """The list's, the text's and the claims' widths once the splitter narrowed from `before` to `after`.

    Qt's splitter takes a narrower window's width from its stretching pane, the text, until
    the text is at its minimum: 1366 px narrowed to 683 left the text 122 px (8.7 characters a
    line) beside a list of 325 and claims of 228, where a window opened at 683 px gets 24. The
    text gets back what it lost below `readable` (or below its width before, if the person had
    dragged it narrower), from the list and the claims in proportion to what each has above its
    minimum in `least`. A resize that leaves the text its readable width changes nothing, so
    widths the person dragged are kept.
    """
    listed, text, claims = after
    short = min(before[1], readable) - text
    list_spare, claims_spare = max(listed - least[0], 0), max(claims - least[1], 0)
    spare = list_spare + claims_spare
    if short <= 0 or spare <= 0:
        return list(after)
    given = min(short, spare)
    from_list = given * list_spare // spare
    return [listed - from_list, text + given, claims - (given - from_list)]


def fitted_size(wanted: QSize, available: QRect) -> QSize:
    """`wanted`, shrunk to fit a screen's free area with room for the frame.

    A laptop's 1366x768 screen is smaller than the window's preferred size: without this the
    claims list and the status bar open past the screen's edge, out of reach.
    """
    width = min(wanted.width(), int(available.width() * SCREEN_SHARE[0]))
    height = min(wanted.height(), int(available.height() * SCREEN_SHARE[1]))
    return QSize(max(width, 1), max(height, 1))


def keep_on_screen(window: QWidget) -> bool:
    """Narrow `window` back onto its screen if a layout widened it past the edge: whether it did.

    Showing the suggestions panel on a laptop with a larger font laid the panel out at its
    minimum beside the panes at theirs, and Qt widened the window past the screen's right edge
    (1339 pixels of a 1311 window's room) before the panel was narrowed to its share.
    """
    if window.isMaximized() or window.isFullScreen():
        return False
    area = window.screen().availableGeometry()
    widest = fitted_size(QSize(window.width(), window.height()), area).width()
    if window.width() <= widest:
        return False
    window.resize(max(widest, window.minimumSizeHint().width()), window.height())
    frame = window.frameGeometry()
    if frame.right() > area.right():
        window.move(max(area.left(), window.x() - (frame.right() - area.right())), window.y())
    return True


def keep_bottom_on_screen(window: QWidget) -> bool:
    """Move `window` up if a layout made it taller past the screen's bottom edge: whether it did.

    A taller minimum (a wrapped legend's extra row, when an article's first claim narrowed the
    text's column) makes Qt grow the window downwards from where it stands: with twice the
    desktop's font on a 683x400 screen it grew from 361 to 391 px at y=20, and the status bar
    went past the bottom edge. The top edge stays on the screen first: the menus and the
    title bar are how the window is moved at all.
    """
    if window.isMaximized() or window.isFullScreen():
        return False
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if frame.bottom() <= area.bottom() or frame.top() <= area.top():
        return False
    up = min(frame.bottom() - area.bottom(), frame.top() - area.top())
    window.move(window.x(), window.y() - up)
    return True


def keep_frame_on_screen(window: QWidget) -> bool:
    """Move `window` so that its frame, title bar first, is on its screen: whether it did.

    A floating panel's stored place is where its content was (`panel_floating`);
    the frame the window manager adds around it is known only once it is shown, and a panel
    placed at the screen's edge had its border past it.
    """
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    right = max(min(area.right() - frame.right(), 0), area.left() - frame.left())
    down = max(min(area.bottom() - frame.bottom(), 0), area.top() - frame.top())
    if not right and not down:
        return False
    window.move(window.x() + right, window.y() + down)
    return True


def scrolled_form_height(
    area: QScrollArea, body: QWidget, layout: QBoxLayout, buttons: QWidget, width: int
) -> int:
    """The height a dialog of `width` needs to show `body`'s wrapped lines whole in the scroll
    `area` above its `buttons` (the About and Preferences dialogs): the area's own size hint
    guesses the lines' widths, and left a band of space or cut the last lines."""
    margins = layout.contentsMargins()
    edges = area.viewportMargins()  # room for the area's focus frame
    inner = width - margins.left() - margins.right() - edges.left() - edges.right()
    return (
        body.heightForWidth(inner)
        + edges.top()
        + edges.bottom()
        + layout.spacing()
        + buttons.sizeHint().height()
        + margins.top()
        + margins.bottom()
    )


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Give `widget` its preferred size, or as much as its screen has room for.

    Taller if its wrapped text needs more lines at that width: Qt's minimum size of a window
    ignores how many lines a wrapped label takes, so with a larger system font the layout
    squeezed those labels and cut their last lines off.
    """
    area = widget.screen().availableGeometry()
    size = fitted_size(QSize(width, height), area)
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():
        shown = max(size.width(), layout.totalMinimumSize().width())  # Qt widens it to its minimum
        needed = layout.totalMinimumHeightForWidth(shown)
        size = fitted_size(QSize(shown, max(size.height(), needed)), area)
    widget.resize(size)


def _fit_file_dialog(dialog: QWidget) -> None:
    """Shrinks Qt's own file dialog onto its screen as it opens (a platform's is left alone).

    Without a desktop's or a portal's dialog (X11 with a bare window manager, a kiosk) Qt shows
    its own, 636x412 at least in its pixels, whatever the screen: on a 1024x600 laptop at 150%
    (683x400) its file-type list and Cancel lay below the bottom edge, and Export's formats
    could not be chosen. Its own minimum is 323x178, so it can always be made to fit.
    """
    area = dialog.screen().availableGeometry()
    size = fitted_size(dialog.size(), area).expandedTo(dialog.minimumSizeHint())
    if size != dialog.size():
        dialog.resize(size)
    _fit_file_columns_as_they_load(dialog)


class _FileColumnsFitter(QObject):
    """Fits the detail list's columns of Qt's file dialog each time a folder's files are read
    (`fit_file_columns`): the sizes and types arrive after the names, folder by folder.

    A child of the list, so a dialog closed while a folder is read takes its slot with it.
    """

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        from PySide6.QtWidgets import QFileSystemModel

        model = view.model()
        if isinstance(model, QFileSystemModel):
            model.directoryLoaded.connect(self.folder_read)
        QTimer.singleShot(0, self, self.fit)

    @Slot(str)
    def folder_read(self, _folder: str) -> None:
        QTimer.singleShot(0, self, self.fit)  # after the view has laid out the new rows

    @Slot()
    def fit(self) -> None:
        view = self.parent()
        if isinstance(view, QTreeView):
            fit_file_columns(view)


def _fit_file_columns_as_they_load(dialog: QWidget) -> None:
    view = dialog.findChild(QTreeView)
    if view is not None and view.findChild(_FileColumnsFitter) is None:
        _FileColumnsFitter(view)


def fit_file_columns(view: QTreeView) -> None:
    """Widen the columns after the name to their widest cell, and narrow the name to what is left.

    Qt sizes them once, for "128.88 GB", "mp3Folder" and a short date, and the name for 26
    "w"s: in the dialog fitted to a 1024x600 laptop at 150% a project's size read "128…KiB"
    and its type "SQL…ase" beside names with room to spare. A name cut short keeps its start
    and end ("team (backup 202…33).annotator.db"); a person can still drag any column wider.
    """
    header = view.header()
    others = 0
    for column in range(1, header.count()):
        if header.isSectionHidden(column):
            continue
        widest = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        if header.sectionSize(column) < widest:
            header.resizeSection(column, widest)
        others += header.sectionSize(column)
    room = view.viewport().width() - others
    if header.sectionSize(0) > room:
        header.resizeSection(0, max(room, header.minimumSectionSize()))


def keep_file_dialogs_on_screen(app: QObject) -> None:
    """Make every file dialog of `app` fit its screen as it opens (`_fit_file_dialog`)."""
    from PySide6.QtWidgets import QFileDialog  # not before a file is asked for (`ui.quick_start`)

    events = app_events(app)
    events.file_dialog_type = QFileDialog
    events.fit_file_dialog = _fit_file_dialog


class PaneSplitter(QSplitter):
    """A splitter whose minimum size leaves out a pane folded to nothing (the article list).

    Qt's counts every pane's minimum, folded or not: with twice the desktop's font the list's
    (208 px), the text's and the claims' made the window 838 px at least, wider than a
    1366x768 laptop at 200% (683 px), even with the list folded away to give the text room.
    Its height too: the folded list's search box, filters and rows (292 px under X) made the
    window 358 px tall at least where the text and the claims needed 235, more than a 768 px
    screen at 200% leaves below a title bar.
    """

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.orientation() != Qt.Orientation.Horizontal:
            return hint
        panes = [self.widget(index) for index in range(self.count())]
        shown = [pane for pane in panes if pane is not None and not pane.isHidden()]
        sizes = self.sizes()
        folded = [pane for pane, width in zip(panes, sizes, strict=True) if width == 0 and pane in shown]
        if not folded:
            return hint
        width = hint.width() - sum(pane.minimumSizeHint().width() for pane in folded)
        unfolded = (pane for pane in shown if pane not in folded)
        least = (max(pane.minimumSizeHint().height(), pane.minimumHeight()) for pane in unfolded)
        height = max(least, default=0)
        return QSize(max(width, 0), min(hint.height(), height + 2 * self.frameWidth()))


class _FocusSign(QWidget):
    """The focus frame of a frameless scroll area, drawn over its content.

    The area has no frame of its own to draw the focus in (`theme.FocusFrameStyle` frames a
    list's or a text box's), and its content covers it: this sits on top, lets the mouse
    through, and asks the style for the focus frame a check box's text gets after Tab.
    """

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionFocusRect()
        option.initFrom(self)
        option.rect = self.rect()
        option.state |= QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        option.backgroundColor = self.palette().color(QPalette.ColorRole.Window)
        painter = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self)
        painter.end()


class _UpAndDown(QScrollArea):
    """A scroll area as wide as its content needs at least: it scrolls up and down only.

    A Tab stop while it has something to scroll (the arrows then reach a note below the last
    field), framed when Tab reaches it; with nothing to scroll, Tab passes it by. It was a stop
    either way and showed nothing: after Cancel the focus was nowhere to be seen.
    """

    _SIGN_WIDTH = 2
    """Room round the content for the focus frame (`theme.FocusFrameStyle`'s is 2 px): drawn
    over the content, it covered the first letters of the labels down its left side."""

    def __init__(self) -> None:
        super().__init__()
        edge = self._SIGN_WIDTH
        self.setViewportMargins(edge, edge, edge, edge)
        self._sign = _FocusSign(self)
        self.verticalScrollBar().rangeChanged.connect(self._stop_while_it_scrolls)
        self._stop_while_it_scrolls(0, 0)

    @Slot(int, int)
    def _stop_while_it_scrolls(self, _least: int, most: int) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if most > 0 else Qt.FocusPolicy.NoFocus)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
            self._sign.setGeometry(self.rect())
            self._sign.raise_()
            self._sign.show()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._sign.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._sign.setGeometry(self.rect())

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        shortest = super().minimumSizeHint()
        if content is None:
            return shortest
        width = content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width + 2 * (self.frameWidth() + self._SIGN_WIDTH), shortest.height())

    def sizeHint(self) -> QSize:
        """The content's whole size (Qt caps a scroll area's at 24 lines), for the dialog's to ask."""
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        edges = 2 * (self.frameWidth() + self._SIGN_WIDTH)
        return QSize(hint.width() + bar + edges, hint.height() + edges)


def scrolled(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area that gives it all its width, and all its height when
    the screen has it.

    For a dialog whose parts have a minimum height (charts, a form and a table) that a small
    or scaled screen lacks (a 1366x768 laptop at 125% leaves 588 pixels): the parts scroll
    up and down, and the dialog's buttons, kept outside, stay on the screen.
    """
    area = _UpAndDown()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


LIST_FOLDED_BY_WINDOW = "listFoldedByWindow"
LIST_WIDTH = "listWidth"
"""The folded list's width at its fold, which the splitter's state (a pane of 0) does not hold.
Files written before it have none: the list then comes back as a first start shows it."""
MAX_LIST_WIDTH = 1 << 14
"""Wider than any screen in logical pixels (an 8K one is 7680): a larger stored width is damage."""


class PanelKeys(NamedTuple):
    """Where window.ini keeps a side panel built after the first paint, which the window's
    `saveState` does not hold: it came back closed, docked and at its default width."""

    open: str
    """Whether it was open at close: someone who works from it opened it by mouse at every start.
    Files written before it have none: the panel then starts closed."""
    width: str
    """Its width, docked, at the last close it was open at (none: it opens at its default)."""
    floating: str
    """Where it floated at the last close it was open at (none: it was docked)."""
    height: str
    """Its height at the last close it was open at docked one above the other panel: the split
    the person dragged between them (none: the two open together share the height evenly)."""
    area: str
    """The window's side it was docked on at the last close it was open docked at ("left",
    "right", "top", "bottom"; none: the right, where it first opens)."""
    tabbed: str
    """Whether it was a tab with the other panel at that close: "front", "behind" or "no"
    (none: not tabbed)."""


SUGGESTIONS_PANEL = PanelKeys(
    "suggestionsPanel",
    "suggestionsPanelWidth",
    "suggestionsPanelFloating",
    "suggestionsPanelHeight",
    "suggestionsPanelArea",
    "suggestionsPanelTabbed",
)
GUIDELINES_PANEL = PanelKeys(
    "guidelinesPanel",
    "guidelinesPanelWidth",
    "guidelinesPanelFloating",
    "guidelinesPanelHeight",
    "guidelinesPanelArea",
    "guidelinesPanelTabbed",
)
"""The Guidelines panel, kept as the Suggestions panel is: open at close, it was closed at the
next start, and a person who reads the guidelines beside the text opened it again every time."""


class PanelAtClose(NamedTuple):
    """A side panel as the window closes: open or not, and its place if open (its width docked,
    its geometry floating; None when closed), and its height if docked one above the other panel
    (None: it is not, and what the last close kept stays); docked, the side it is on and whether
    it is a tab with the other panel (None: floating or closed, and what the last close kept stays)."""

    keys: PanelKeys
    open: bool
    place: int | QRect | None
    height: int | None = None
    area: str | None = None
    tabbed: str | None = None


DOCK_AREAS = ("left", "right", "top", "bottom")
"""The sides a panel is kept docked on, in window.ini's words (`panel_area`)."""
TABBED = ("front", "behind", "no")
"""Whether a docked panel is a tab with the other, in window.ini's words (`panel_tabbed`)."""


PANES_BEFORE_PANEL = (
    "listWidthBeforePanel",
    "claimsWidthBeforePanel",
    "windowWidthBeforePanel",
    "textSizeBeforePanel",
)
"""The list's and the claims' widths before the docked panel open at close took its room, and the
window's width and text size they went with (`ui.dock_room`). The splitter's state holds them as
the panel left them (the list 165 px instead of 290 at 1366x768): the panel, open again at the
next start, gave those back at its close. None are kept when no docked panel was open."""


class PanesBefore(NamedTuple):
    """The list's and the claims' widths before a docked panel took its room, and the window's
    width and the text's size then: the widths come back as they were only at both."""

    listed: int
    claims: int
    window_width: int
    font_size: int


MAXIMIZED = "maximized"
"""Whether the window was maximized at close. Qt's geometry holds it too, but is refused whole on
a screen of another width (`restore_window`). Files written before it have none: not maximized."""


def window_settings() -> QSettings:
    """window.ini, never read if it is not a file (`services.window_file.usable_window_file`)."""
    return QSettings(str(usable_window_file()), QSettings.Format.IniFormat)


def restore_window(window: QMainWindow, stored: QSettings | None = None) -> None:
    """Where the window was and how large, or the default size in the middle of the screen.

    Qt refuses a geometry saved on a screen of another width (a laptop taken off its large
    monitor, a changed resolution) and leaves the window as it was: it then opened at its
    smallest size in the screen's corner (780x414 on a 1366x768 laptop, the text a column of
    a few words). A refused or broken geometry gets the default size, as a first start does,
    maximized if the window was: maximized on a large monitor, it came back unmaximized on the
    laptop.
    """
    stored = stored or window_settings()
    geometry = stored.value("geometry")
    if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
        return
    area = window.screen().availableGeometry()
    size = fitted_size(QSize(*DEFAULT_SIZE), area)
    window.setGeometry(
        QRect(area.topLeft(), size).translated(
            (area.width() - size.width()) // 2, (area.height() - size.height()) // 2
        )
    )
    if _stored_yes(MAXIMIZED, stored):
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def restore_geometry(window: QMainWindow, splitter: QSplitter) -> list[int] | None:
    """The window's place and size, and the splitter's pane widths: those widths, if stored.

    Returned because the splitter's own `sizes()` are not the stored ones until it is shown.
    """
    stored = window_settings()
    restore_window(window, stored)
    state = stored.value("splitter")
    if not isinstance(state, QByteArray) or not splitter.restoreState(state):
        return None
    return stored_widths(state)


def stored_widths(state: QByteArray) -> list[int] | None:
    """The pane widths in a state `QSplitter.saveState` wrote (its marker, version, then sizes)."""
    stream = QDataStream(state)
    stream.readInt32()  # the marker and the version, which `restoreState` has checked
    stream.readInt32()
    count = stream.readUInt32()
    widths = [stream.readInt32() for _ in range(min(count, 16))]
    return widths if stream.status() == QDataStream.Status.Ok and len(widths) == count else None


def pane_widths_at_close() -> list[int] | None:
    """The list's, the text's and the claims' widths in the splitter's state the last close kept,
    if it holds three a window can use (each checked as the folded list's width is, a folded
    pane's 0 too): beside a docked panel open then, the panes as the person left them there
    (`MainWindow._reopen_panels`)."""
    state = window_settings().value("splitter")
    if not isinstance(state, QByteArray) or QDataStream(state).readInt32() != SPLITTER_MARKER:
        return None
    widths = stored_widths(state)
    if widths is None or len(widths) != 3 or not all(0 <= width <= MAX_LIST_WIDTH for width in widths):
        return None
    return widths


SPLITTER_MARKER = 0xFF
"""What a state `QSplitter.saveState` wrote begins with (Qt's `SplitterMagic`)."""


def restore_columns(header: QHeaderView) -> None:
    """The article list's column widths as the person left them (a narrower Source, say)."""
    state = window_settings().value("articleColumns")
    if isinstance(state, QByteArray):
        header.restoreState(state)  # checks the state first: a stale or broken one changes nothing


def save_geometry(
    window: QMainWindow,
    splitter: QSplitter,
    columns: QHeaderView,
    *,
    list_folded_by_window: bool,
    folded_list_width: int | None = None,
    panels: tuple[PanelAtClose, ...] = (),
    panes_before_panel: PanesBefore | None = None,
) -> None:
    """The window's place and size, its panes' widths and the article list's columns; whether
    the window folded the list away (`ListFold.folded_by_window_for_room`), which the splitter's
    state does not tell from a fold the person made; and a folded list's width at its fold
    (`ListFold.folded_width`), to show it at again after a restart (None: none kept); and whether
    each side panel was open, to open it again (none given: the window closed before it could
    open them, and what the last close kept stays); and where a panel was, if open: its width
    docked, or its geometry floating (None: what the last close kept stays, the docked width
    too while it floats, for when it is docked again); and the panes' widths before the docked
    panel open took its room, for the panel open again at the next start to give back (None:
    no panel open, or one beside widths the person dragged, and none are kept)."""
    stored = window_settings()
    stored.setValue("geometry", window.saveGeometry())
    stored.setValue(MAXIMIZED, window.isMaximized())
    # The splitter's state holds the widths of its last drag or `setSizes`, not those a resize
    # left since: a docked panel widened at the text's expense was kept with the text as wide
    # as before it, and the next start gave that width back to the text.
    splitter.setSizes(splitter.sizes())
    stored.setValue("splitter", splitter.saveState())
    stored.setValue("articleColumns", columns.saveState())
    stored.setValue(LIST_FOLDED_BY_WINDOW, list_folded_by_window)
    if folded_list_width is None:
        stored.remove(LIST_WIDTH)
    else:
        stored.setValue(LIST_WIDTH, folded_list_width)
    for panel in panels:
        stored.setValue(panel.keys.open, panel.open)
        if isinstance(panel.place, QRect):
            stored.setValue(panel.keys.floating, panel.place)
        elif panel.place is not None:
            stored.setValue(panel.keys.width, panel.place)
            stored.remove(panel.keys.floating)
        if panel.height is not None:
            stored.setValue(panel.keys.height, panel.height)
        if panel.area is not None:
            stored.setValue(panel.keys.area, panel.area)
        if panel.tabbed is not None:
            stored.setValue(panel.keys.tabbed, panel.tabbed)
    for key, value in zip(PANES_BEFORE_PANEL, panes_before_panel or (None,) * 4, strict=True):
        if value is None:
            stored.remove(key)
        else:
            stored.setValue(key, value)
    stored.sync()


def folded_list_width() -> int | None:
    """The folded list's width at its fold when the window closed last, if one was kept.

    The INI file gives text back ("300"); anything but a whole number of pixels from 1 to
    `MAX_LIST_WIDTH` (a hand-edited "-300", "wide", "300.5", a list) is no width. Digits are
    counted before they are read: Python refuses to read over 4,300 of them as a number.
    """
    return _stored_width(LIST_WIDTH)


def _stored_width(key: str, stored: QSettings | None = None, *, least: int = 1) -> int | None:
    """A width in window.ini, from `least` pixels, or None if it is none a window can use
    (`folded_list_width`)."""
    value = (stored or window_settings()).value(key)
    if (
        isinstance(value, str)
        and len(value) <= len(str(MAX_LIST_WIDTH))
        and value.isascii()
        and value.isdigit()
    ):
        value = int(value)
    if type(value) is not int or not least <= value <= MAX_LIST_WIDTH:
        return None
    return value


def panes_before_panel() -> PanesBefore | None:
    """The panes' widths before the docked panel open at the last close took its room, if kept;
    each checked as the folded list's width is (`folded_list_width`), a folded pane's 0 too. One
    the window cannot use leaves them all out, as files written before them have none: the
    panel's close then gives back the widths it found at this start."""
    stored = window_settings()
    listed, claims, window_width, font_size = PANES_BEFORE_PANEL
    kept = (
        _stored_width(listed, stored, least=0),
        _stored_width(claims, stored, least=0),
        _stored_width(window_width, stored),
        _stored_width(font_size, stored),
    )
    if kept[0] is None or kept[1] is None or kept[2] is None or kept[3] is None:
        return None
    return PanesBefore(kept[0], kept[1], kept[2], kept[3])


def panel_width(keys: PanelKeys) -> int | None:
    """A side panel's width, docked, at the last close it was open at, if one was kept; checked
    as the folded list's is (`folded_list_width`)."""
    return _stored_width(keys.width)


def panel_height(keys: PanelKeys) -> int | None:
    """A side panel's height, docked one above the other, at the last close both were open at,
    if one was kept; checked as the folded list's width is (`folded_list_width`)."""
    return _stored_width(keys.height)


def panel_area(keys: PanelKeys) -> str | None:
    """The side a panel was docked on at the last close it was open docked at, if one of
    `DOCK_AREAS` was kept: a hand-edited "middle" or a number is none."""
    value = window_settings().value(keys.area)
    return value if isinstance(value, str) and value in DOCK_AREAS else None


def panel_tabbed(keys: PanelKeys) -> str | None:
    """Whether a panel was a tab with the other at the last close it was open docked at, if one
    of `TABBED` was kept."""
    value = window_settings().value(keys.tabbed)
    return value if isinstance(value, str) and value in TABBED else None


def panel_floating(keys: PanelKeys, least: QSize) -> QRect | None:
    """Where a side panel floated at the last close it was open at: at least `least`
    in size, moved and shrunk onto the screen it lay most on, with room for its frame. None if
    it was docked, or the file holds no place a window can use: not a rectangle, an empty or a
    huge one, or one off every screen (a monitor since unplugged), where the panel would open
    out of reach.
    """
    rect = window_settings().value(keys.floating)
    if not isinstance(rect, QRect) or rect.isEmpty():
        return None
    corners = (rect.left(), rect.top(), rect.right(), rect.bottom())
    if (
        rect.width() > MAX_LIST_WIDTH
        or rect.height() > MAX_LIST_WIDTH
        or max(map(abs, corners)) > MAX_LIST_WIDTH
    ):
        return None
    from PySide6.QtGui import QGuiApplication

    areas = [screen.availableGeometry() for screen in QGuiApplication.screens()]
    shared = [(area.intersected(rect), area) for area in areas]
    overlap, area = max(
        shared, key=lambda pair: pair[0].width() * pair[0].height(), default=(QRect(), QRect())
    )
    if overlap.isEmpty():
        return None
    size = fitted_size(rect.size(), area).expandedTo(least).boundedTo(area.size())  # room for a frame
    left = min(max(rect.left(), area.left()), area.right() + 1 - size.width())
    top = min(max(rect.top(), area.top()), area.bottom() + 1 - size.height())
    return QRect(left, top, size.width(), size.height())


def list_folded_by_window() -> bool:
    """Whether the window, not the person, had folded the list away when it closed last: it
    comes back when there is room for it again, as it would have before the close."""
    return _stored_yes(LIST_FOLDED_BY_WINDOW)


def panel_open(keys: PanelKeys) -> bool:
    """Whether a side panel was open when the window closed last: it opens again once the
    window has painted, if a project is open (`MainWindow._build_features`)."""
    return _stored_yes(keys.open)


def _stored_yes(key: str, stored: QSettings | None = None) -> bool:
    value = (stored or window_settings()).value(key)
    return value is True or value == "true"  # as the INI file spells it; anything else is no
