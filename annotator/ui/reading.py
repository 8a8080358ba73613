"""The page an article is read on: its document, paragraph layout, fonts, margins and title.

`ui.article_view.ArticleView` draws highlights, claims and suggestions over this page;
the first paint of a reopened project (`ui.quick_start`) shows the same page with the
article's title and text before the rest of the window is built. Both lay the text out
with this code, so nothing moves when the full view takes the preview's place.

This module may import PySide6 and the standard library only, and touches no member of
PySide6's `Qt` namespace at run time: the first use of any of them makes PySide6 build
all 93 of that namespace's enums, 12 ms that the first paint of a reopened project does
not spend (`tests/ui/test_quick_start.py` lists what that paint may import).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QWidget

if TYPE_CHECKING:  # each PySide6 class builds its enums when first imported
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetrics, QPaintEvent, QResizeEvent, QTextBlock

READING_COLUMNS = 80
"""The reading column's width, in average characters of the reading font."""
READABLE_COLUMNS = 45
"""The narrowest line the window gives the text before the list's and the claims' widths, in
average characters: the short end of the 45-75 characters typographers hold comfortable."""
DOCUMENT_MARGIN = 14
PARAGRAPH_GAP = 0.6
"""The space after a paragraph, in lines of the reading font."""
TITLE_LINES = 3
"""The most lines the article's title takes over the text; a longer title ends in "…" there
(its tooltip and accessible name hold it whole)."""
TEXT_LINES_KEPT = 8
"""The lines of text a title's second and third lines leave the page at least: on a short
screen (a 1366x768 laptop at 200%) the title takes one line, as the text needs the room."""
TITLE_GAP = 0.5
"""The space above the title, in its lines."""
LONGEST_RUN_WRAPPED_AT_WORDS = 20_000
"""The longest run of characters without a space that the page still wraps at word boundaries.

Qt looks for a word boundary in such a run in time that grows as the square of its length:
200,000 characters of "x" or "-" held the window 2.6 s when the article opened, a million most
of a minute, and an article may hold 20 million (a page pasted with its data, a hostile file).
A text with a longer run is wrapped anywhere instead, whole; below it a run costs a few
milliseconds. Chinese or Japanese text has no spaces but breaks between its characters in
linear time, and has no paragraph this long in news."""
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{LONGEST_RUN_WRAPPED_AT_WORDS}}}")
# The look-behind starts a try at a run's first character only: each run is read once.

_SERIF_FAMILIES = ("Charter", "Georgia", "Noto Serif", "DejaVu Serif", "Liberation Serif", "Times New Roman")

# `Qt.AlignLeft | Qt.AlignBottom` and the forced text directions, as the ints `QPainter.drawText`
# takes (see the module's note on the `Qt` namespace).
_ALIGN_LEFT, _ALIGN_RIGHT, _ALIGN_BOTTOM = 0x1, 0x2, 0x40
_FORCE_LTR, _FORCE_RTL = 0x20000, 0x40000


def reading_font(point_size: int) -> QFont:
    """A serif font for long reading, falling back to the system's serif."""
    available = set(QFontDatabase.families())
    font = QFont()
    for family in _SERIF_FAMILIES:
        if family in available:
            font = QFont(family)
            break
    else:
        font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSize(point_size)
    return font


def title_font(point_size: int) -> QFont:
    """The article title's font: the reading font, larger and bold."""
    font = reading_font(point_size + 3)
    font.setBold(True)
    return font


class ParagraphLayout(QPlainTextDocumentLayout):
    """QPlainTextEdit's layout with a gap after each paragraph and none for blank lines.

    An op-ed that separates paragraphs with one line break read as one wall of text,
    and Wikinews' three line breaks left gaps of two empty lines. Only the height of
    each paragraph's box changes: the document keeps the stored text, every block and
    every position, and painting, scrolling and hit-testing all go through this box.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.gap = 0
        self.set_font(document.defaultFont())

    def set_font(self, font: QFont) -> None:
        """The reading font changed: so does the gap (kept, as Qt asks for boxes many times a paint)."""
        self.gap = round(QFontMetricsF(font).lineSpacing() * PARAGRAPH_GAP)

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)
        _align_to_its_direction(block)
        if is_blank(block):
            rect.setHeight(0)
        elif block.next().isValid():
            rect.setHeight(rect.height() + self.gap)
        return rect


def _align_to_its_direction(block: QTextBlock) -> None:
    """Right-align a paragraph written right to left (Arabic, Hebrew), as a reader expects.

    QPlainTextEdit's layout gives every paragraph the document's alignment as it is, where
    the rich-text layout turns "leading" into right for a right-to-left paragraph: an Arabic
    paragraph was ragged on the right and its last full stop stood at the far left. The
    alignment only places each laid-out line (it changes no line break), so setting it on the
    paragraph's layout after Qt laid it out, here, where painting and hit-testing ask for
    the paragraph's box, is enough; Qt resets it at each new layout, and it is set again.
    """
    if not right_to_left(block.text()):
        return  # Qt's own alignment (left) is right, and its enums stay unbuilt (module note)
    layout = block.layout()
    if layout is None:
        return
    from PySide6.QtCore import Qt

    option = layout.textOption()
    if option.alignment() != Qt.AlignmentFlag.AlignRight:
        option.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.setTextOption(option)


def is_blank(block: QTextBlock) -> bool:
    """A paragraph with nothing to read (an empty line, or spaces only)."""
    length = block.length()  # counts the paragraph separator
    return length <= 1 or (length <= 16 and not block.text().strip())


class ReadingView(QPlainTextEdit):
    """A read-only page: a column about 80 characters wide, centred, with `title` above it.

    `title` shows the article's title, in the full view and in the first paint's preview
    alike; the page places it and sets its font.
    """

    def __init__(self, title: PageTitle, parent: QWidget | None = None, *, font_size: int = 13) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setCenterOnScroll(False)
        # The margins round the reading column (and the title above it) are the page too.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        document = QTextDocument(self)
        self._paragraphs = ParagraphLayout(document)
        document.setDocumentLayout(self._paragraphs)
        self.setDocument(document)
        # After `setDocument`: the widget's setting is the document's, and a new one records
        # undo steps. A read-only page has nothing to take back.
        self.setUndoRedoEnabled(False)
        document.setDocumentMargin(DOCUMENT_MARGIN)
        title.setParent(self)
        title.setForegroundRole(QPalette.ColorRole.Text)
        title.hide()
        self._title_widget = title
        self._font_size = font_size
        self._top_hold: _TopHold | None = None
        self._wrapping_anywhere = False  # Qt's default: at word boundaries (`setPlainText`)
        self.set_font_size(font_size)

    def minimumSizeHint(self) -> QSize:
        """Qt's, without room for a horizontal scroll bar, which a page wrapped at its width
        (within a word if it must) never shows.

        Qt keeps that room all the same: 28 px with twice the desktop's font under X, in a
        window whose least height (358 px on a 683 px screen) was then taller than a 768 px
        screen at 200% leaves it below the title bar.
        """
        hint = super().minimumSizeHint()
        if self.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap:
            return hint
        return QSize(hint.width(), hint.height() - self.horizontalScrollBar().sizeHint().height())

    def setPlainText(self, text: str) -> None:
        """The text, wrapped anywhere when it holds a run too long to wrap at word boundaries
        (`LONGEST_RUN_WRAPPED_AT_WORDS`)."""
        anywhere = len(text) >= LONGEST_RUN_WRAPPED_AT_WORDS and _LONG_RUN.search(text) is not None
        if anywhere != self._wrapping_anywhere:
            from PySide6.QtGui import QTextOption  # only then: its enums cost the first paint

            mode = QTextOption.WrapMode
            self.setWordWrapMode(mode.WrapAnywhere if anywhere else mode.WrapAtWordBoundaryOrAnywhere)
            self._wrapping_anywhere = anywhere
        super().setPlainText(text)

    def set_font_size(self, point_size: int) -> None:
        self._font_size = max(6, min(point_size, 48))
        font = reading_font(self._font_size)
        self.setFont(font)
        self._paragraphs.set_font(font)
        self._title_widget.setFont(title_font(self._font_size))
        self._update_margins()

    @property
    def font_size(self) -> int:
        return self._font_size

    def _show_title(self, shown: bool) -> None:
        self._title_widget.setVisible(shown)
        self._update_margins()

    def column_width(self, characters: int) -> int:
        """The page's width when its column holds `characters` average characters a line."""
        column = self.fontMetrics().averageCharWidth() * characters + 2 * DOCUMENT_MARGIN
        return column + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def _update_margins(self) -> None:
        """Centre a column about 80 characters wide (the full width when narrower), the title over it."""
        column = self.fontMetrics().averageCharWidth() * READING_COLUMNS + 2 * DOCUMENT_MARGIN
        scrollbar = self.verticalScrollBar().sizeHint().width()
        frame = self.frameWidth()
        spare = self.width() - scrollbar - column - 2 * frame
        side = max(0, spare // 2)
        top = 0
        title = self._title_widget
        if title.isVisibleTo(self):
            left = frame + side + DOCUMENT_MARGIN
            width = max(self.width() - scrollbar - 2 * frame - 2 * side - 2 * DOCUMENT_MARGIN, 0)
            top = title.lay_out(width, self._title_lines_room())
            title.setGeometry(left, frame, width, top)
        self.setViewportMargins(side, top, side, 0)

    def _title_lines_room(self) -> int:
        """How many lines the title may take: up to `TITLE_LINES`, while the text keeps
        `TEXT_LINES_KEPT` lines on the page, and always one."""
        spare = self.height() - 2 * self.frameWidth() - TEXT_LINES_KEPT * self.fontMetrics().lineSpacing()
        lines = int(spare / self._title_widget.fontMetrics().lineSpacing() - TITLE_GAP)
        return max(1, min(TITLE_LINES, lines))

    def top_position(self) -> int:
        """The position (UTF-16) of the first character of the page's top line: where a person
        was in the text, whatever the window's width (a scroll value counts wrapped lines)."""
        return self.cursorForPosition(QPoint(0, 1)).position()  # at 0, the line above ends

    def keep_top(self, position: int) -> None:
        """Scroll so that the line holding `position` (UTF-16) is the page's top line, and keep it
        there while the text is still being laid out (`_TopHold`): until the person scrolls or
        moves the caret, another text is shown, or `release_top`."""
        self.release_top()
        self._top_hold = _TopHold(self, position)

    def release_top(self) -> None:
        """Stop keeping a top line (another text is shown; the preview's page is replaced)."""
        if self._top_hold is not None:
            self._top_hold.stop()
            self._top_hold = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        self._show_caret_on_blank_line()

    def _show_caret_on_blank_line(self) -> None:
        """Scroll to the paragraph beside a caret the keys put on a blank line.

        `ParagraphLayout` gives a blank line no height, and Qt scrolls to the caret only in a
        paragraph whose box is not empty: Ctrl+End (most articles end in line breaks) put the
        caret at the end while the page stayed at the top, and the label keys then acted on a
        place nobody could see. The nearest paragraph with text (before the caret, else after
        it) is brought into view instead, the caret and its selection left where the keys put them.
        """
        caret = self.textCursor()
        block = caret.block()
        if not is_blank(block):
            return
        neighbour = block.previous()
        while neighbour.isValid() and is_blank(neighbour):
            neighbour = neighbour.previous()
        if not neighbour.isValid():
            neighbour = block.next()
            while neighbour.isValid() and is_blank(neighbour):
                neighbour = neighbour.next()
            if not neighbour.isValid():
                return
        shown = QTextCursor(neighbour)
        if neighbour.position() < block.position():
            shown.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        # The caret is moved there and back with the view's signals held, so nothing that follows
        # the caret (the status line, the suggestion outline) sees the detour.
        held = self.blockSignals(True)
        try:
            self.setTextCursor(shown)
            self.ensureCursorVisible()
            self.setTextCursor(caret)
        finally:
            self.blockSignals(held)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_margins()
        super().resizeEvent(event)
        # Qt shows or hides a scroll bar for the new size through a queued call, so the first
        # frame after a resize kept the old one: a maximized window reopened on a short article
        # drew a scroll bar that vanished a frame later. Setting the policy lays it out now.
        if self.isVisible():
            self.setVerticalScrollBarPolicy(self.verticalScrollBarPolicy())


class _TopHold:
    """Puts a text position on a reading view's top line, again each time the scroll range changes.

    The plain-text layout lays paragraphs out lazily and counts a paragraph not laid out yet as
    one line, so a freshly shown text has a scroll range far shorter than its length: a place
    deep in a long article was cut to the range's end. And the view keeps its top paragraph and
    the number of the line in it over a relayout, not the text there: the window, laid out at
    its final width only after it opened the project, showed another place. So the position is
    put on top again at every change of the range, until the person scrolls or moves the caret
    (their place wins from then on) or the holder lets go (`ReadingView.release_top`).
    """

    def __init__(self, view: QPlainTextEdit, position: int) -> None:
        self._view: QPlainTextEdit | None = view
        self._position = position
        bar = view.verticalScrollBar()
        bar.rangeChanged.connect(self._follow)
        bar.actionTriggered.connect(self.stop)
        view.cursorPositionChanged.connect(self.stop)
        self._follow()

    def _follow(self, *_range: int) -> None:
        view = self._view
        if view is None:
            return
        document = view.document()
        block = document.findBlock(self._position)
        if not block.isValid():
            self.stop()
            return
        document.documentLayout().blockBoundingRect(block)  # lays the paragraph out, for its lines
        line = block.layout().lineForTextPosition(self._position - block.position())
        within = line.lineNumber() if line.isValid() else 0
        view.verticalScrollBar().setValue(block.firstLineNumber() + within)

    def stop(self, *_action: int) -> None:
        view, self._view = self._view, None
        if view is not None:
            bar = view.verticalScrollBar()
            bar.rangeChanged.disconnect(self._follow)
            bar.actionTriggered.disconnect(self.stop)
            view.cursorPositionChanged.disconnect(self.stop)


class PageTitle(QWidget):
    """The article's title over the reading column: wrapped onto up to `TITLE_LINES` lines (as
    many as the text can spare, `ReadingView._title_lines_room`), the last ending in "…" if the
    title is longer still, the whole title in its tooltip.

    On one line a title at 150% scale was cut to "President Trump …", and only a mouse could
    show the rest; wrapped, a keyboard user reads it. Painted without a QLabel (a label's text
    format and alignment are `Qt` enums, see the module's note), by the first paint's preview and
    the full view alike: the same lines at the same height, so the text does not move when the
    full view takes the preview's place.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._most = TITLE_LINES  # as many lines as the page gives it (`lay_out`)

    def set_text(self, text: str) -> None:
        self._full = " ".join(text.split())  # white space runs (a file's line breaks) are one space
        self._follow_width()
        self.update()

    def text(self) -> str:
        """The whole title, not the part that is shown."""
        return self._full

    def lines(self) -> list[str]:
        """The title as shown at the present width, line by line."""
        return wrap_title(self._full, self.fontMetrics(), self.contentsRect().width(), self._most)

    def lay_out(self, width: int, most: int) -> int:
        """Take at most `most` lines from now on; the height the title needs at `width`: its
        lines, and a gap above them."""
        if most != self._most:
            self._most = most
            self._follow_width()
            self.update()
        count = max(len(wrap_title(self._full, self.fontMetrics(), width, most)), 1)
        return round(self.fontMetrics().lineSpacing() * (count + TITLE_GAP))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._follow_width()

    def _follow_width(self) -> None:
        """The tooltip holds the title whole when it is cut, else says nothing."""
        cut = " ".join(self.lines()) != self._full
        self.setToolTip(f"<p>{html.escape(self._full)}</p>" if cut else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        spacing = self.fontMetrics().lineSpacing()
        lines = self.lines()
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        # The lines sit at the bottom, on the text; each aligned by its own direction, as a
        # QLabel aligns by the text's first strong character, then forces it.
        top = rect.bottom() + 1 - spacing * len(lines)
        for number, line in enumerate(lines):
            rtl = right_to_left(line)
            flags = (_ALIGN_RIGHT | _FORCE_RTL if rtl else _ALIGN_LEFT | _FORCE_LTR) | _ALIGN_BOTTOM
            painter.drawText(rect.left(), top + number * spacing, rect.width(), spacing, flags, line)
        painter.end()


def wrap_title(title: str, metrics: QFontMetrics, width: int, most: int = TITLE_LINES) -> list[str]:
    """`title` broken between words into lines no wider than `width`, at most `most` of them.

    What does not fit ends in "…": the last line when the title needs more, and a word longer
    than a whole line (a web address). No line is ever wider than `width`.
    """
    lines: list[str] = []
    line = ""
    for word in title.split():
        joined = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(joined) > width:
            lines.append(line)
            line = word
        else:
            line = joined
    if line:
        lines.append(line)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [_elide(line, metrics, width) for line in lines]


def _elide(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text`, or as much of it as fits in `width` with "…" after it."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    fits, longest = 0, len(text)  # the most characters before "…" that fit: a binary search
    while fits < longest:
        middle = (fits + longest + 1) // 2
        if metrics.horizontalAdvance(text[:middle].rstrip() + "…") <= width:
            fits = middle
        else:
            longest = middle - 1
    return text[:fits].rstrip() + "…" if fits or metrics.horizontalAdvance("…") <= width else ""


def right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (as `QString::isRightToLeft`)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in {"R", "AL"}:
            return True
    return False
