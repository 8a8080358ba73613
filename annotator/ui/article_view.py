"""The read-only article, with entities, quotations and claims drawn over it.

Entities and quotations rarely change, so they are layout formats set by a
QSyntaxHighlighter from pre-merged, non-overlapping segments (no document edits,
one pass per paragraph). Claims change with every key press, so they are
ExtraSelections, which cost nothing to replace. The three never fight over a
property: claim = background, entity = text colour and weight, quotation =
italic, dotted underline and a bar in the left margin.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.model import Claim, ClaimLabel, Entity, EntityStatus, Quote
from annotator.ui.offsets import OffsetMap
from annotator.ui.palette import Scheme, scheme_for

READING_COLUMNS = 80
_SERIF_FAMILIES = ("Charter", "Georgia", "Noto Serif", "DejaVu Serif", "Liberation Serif", "Times New Roman")
_QUOTE_BAR_WIDTH = 4


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


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int  # UTF-16
    end: int
    entity: str | None
    quoted: bool


def merge_segments(
    entities: Iterable[tuple[int, int, str]], quotes: Iterable[tuple[int, int]]
) -> list[_Segment]:
    """Cut overlapping entity and quotation spans into disjoint segments.

    QSyntaxHighlighter.setFormat replaces rather than merges, so the merge is
    done here once: each segment knows its innermost entity and whether it is
    inside a quotation.
    """
    events: dict[int, list[tuple[int, str | None, bool]]] = {}
    for start, end, label in entities:
        if end > start:
            events.setdefault(start, []).append((1, label, False))
            events.setdefault(end, []).append((-1, label, False))
    for start, end in quotes:
        if end > start:
            events.setdefault(start, []).append((1, None, True))
            events.setdefault(end, []).append((-1, None, True))
    segments: list[_Segment] = []
    active_entities: list[str] = []
    quote_depth = 0
    points = sorted(events)
    for i, point in enumerate(points):
        for delta, label, is_quote in events[point]:
            if is_quote:
                quote_depth += delta
            elif delta > 0 and label is not None:
                active_entities.append(label)
            elif label in active_entities:
                active_entities.remove(label)
        if i + 1 < len(points) and (active_entities or quote_depth > 0):
            segments.append(
                _Segment(
                    point, points[i + 1], active_entities[-1] if active_entities else None, quote_depth > 0
                )
            )
    return segments


class _SpanHighlighter(QSyntaxHighlighter):
    """Applies the merged segments paragraph by paragraph."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.segments: list[_Segment] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self.scheme: Scheme | None = None
        self._formats: dict[tuple[str | None, bool], QTextCharFormat] = {}

    def set_segments(self, segments: list[_Segment], scheme: Scheme) -> None:
        self.segments = segments
        self._starts = [s.start for s in segments]
        self._ends = [s.end for s in segments]
        if scheme != self.scheme:
            self._formats.clear()
        self.scheme = scheme

    def _format(self, entity: str | None, quoted: bool) -> QTextCharFormat:
        key = (entity, quoted)
        fmt = self._formats.get(key)
        if fmt is None:
            assert self.scheme is not None
            fmt = QTextCharFormat()
            if entity is not None:
                fmt.setForeground(self.scheme.entity_colour(entity))
                fmt.setFontWeight(QFont.Weight.DemiBold)
            if quoted:
                fmt.setFontItalic(True)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(self.scheme.quote_colour())
            self._formats[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:
        if not self.segments:
            return
        block = self.currentBlock()
        start = block.position()
        end = start + block.length() - 1  # UTF-16 units; `text` counts code points
        i = bisect_right(self._ends, start)
        while i < len(self.segments) and self._starts[i] < end:
            seg = self.segments[i]
            s, e = max(seg.start, start), min(seg.end, end)
            if e > s:
                self.setFormat(s - start, e - s, self._format(seg.entity, seg.quoted))
            i += 1


class ArticleView(QPlainTextEdit):
    """Shows one article and speaks code points to the rest of the window."""

    contextChanged = Signal(str)  # what is under the cursor: quotation and speaker, entity, claim

    def __init__(self, parent: QWidget | None = None, *, font_size: int = 13) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName(self.tr("Article text"))
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setCenterOnScroll(False)
        self.document().setDocumentMargin(14)
        self._highlighter = _SpanHighlighter(self.document())
        self._map = OffsetMap("")
        self._text = ""
        self._entities: list[Entity] = []
        self._quotes: list[Quote] = []
        self._quote_u16: list[tuple[int, int]] = []
        self._quote_starts: list[int] = []
        self._quote_reach: list[int] = []
        self._claims: list[Claim] = []
        self._hidden: frozenset[str] = frozenset()
        self._font_size = font_size
        self.setFont(reading_font(font_size))
        self.cursorPositionChanged.connect(self._emit_context)

    # --- content -------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    @property
    def offsets(self) -> OffsetMap:
        return self._map

    def set_article(
        self,
        text: str,
        *,
        entities: Sequence[Entity] = (),
        quotes: Sequence[Quote] = (),
        claims: Sequence[Claim] = (),
    ) -> None:
        """Show a new article; highlights are computed before the text goes in, so layout runs once."""
        self._text = text
        self._map = OffsetMap(text)
        self._entities = list(entities)
        self._quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        self._quote_u16 = [self._map.span_to_utf16(q.start, q.end) for q in self._quotes]
        self._quote_starts = [s for s, _ in self._quote_u16]
        # Running maximum of quotation ends: a paragraph holds a quotation iff some
        # quotation starting before its end reaches past its start.
        self._quote_reach: list[int] = []
        reach = -1
        for _, end in self._quote_u16:
            reach = max(reach, end)
            self._quote_reach.append(reach)
        self._claims = list(claims)
        self._highlighter.set_segments(self._segments(), scheme_for(self.palette()))
        self.setPlainText(text)
        self._apply_claims()
        self.verticalScrollBar().setValue(0)

    def set_entities(self, entities: Sequence[Entity]) -> None:
        self._entities = list(entities)
        self._rehighlight()

    def set_claims(self, claims: Sequence[Claim]) -> None:
        self._claims = list(claims)
        self._apply_claims()
        self._emit_context()

    def set_hidden_entity_labels(self, labels: Iterable[str]) -> None:
        hidden = frozenset(labels)
        if hidden != self._hidden:
            self._hidden = hidden
            self._rehighlight()

    @property
    def hidden_entity_labels(self) -> frozenset[str]:
        return self._hidden

    def set_font_size(self, point_size: int) -> None:
        self._font_size = max(6, min(point_size, 48))
        self.setFont(reading_font(self._font_size))
        self._update_margins()

    @property
    def font_size(self) -> int:
        return self._font_size

    def refresh_colours(self) -> None:
        """Re-resolve colours after a palette (theme) change."""
        self._rehighlight()
        self._apply_claims()

    def _segments(self) -> list[_Segment]:
        to16 = self._map.span_to_utf16
        entities = [
            (*to16(e.start, e.end), e.label)
            for e in self._entities
            if e.status != EntityStatus.REJECTED and e.label not in self._hidden
        ]
        entities.sort()
        return merge_segments(entities, self._quote_u16)

    def _rehighlight(self) -> None:
        self._highlighter.set_segments(self._segments(), scheme_for(self.palette()))
        self._highlighter.rehighlight()

    def _apply_claims(self) -> None:
        scheme = scheme_for(self.palette())
        selections = []
        doc = self.document()
        for claim in sorted(self._claims, key=lambda c: (c.start, -c.end)):
            s, e = self._map.span_to_utf16(claim.start, claim.end)
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(doc)
            cursor.setPosition(s)
            cursor.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(scheme.claim_background(claim.label))
            fmt.setProperty(QTextFormat.Property.UserProperty, claim.id or 0)
            sel.format = fmt  # type: ignore[attr-defined]
            selections.append(sel)
        self.setExtraSelections(selections)

    # --- selection in code points --------------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as a code-point span, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._map.span_to_code_points(cursor.selectionStart(), cursor.selectionEnd())

    def cursor_position(self) -> int:
        return self._map.to_code_point(self.textCursor().position())

    def select_span(self, start: int, end: int) -> None:
        """Select a code-point span and scroll it into view."""
        s, e = self._map.span_to_utf16(start, end)
        cursor = self.textCursor()
        cursor.setPosition(s)
        cursor.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def scroll_to(self, start: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_utf16(start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def position_at(self, point: QPoint) -> int:
        """Code-point offset under a viewport point."""
        return self._map.to_code_point(self.cursorForPosition(point).position())

    # --- what is under the cursor ----------------------------------------------------------------

    def describe(self, pos: int) -> str:
        """One line naming the quotation (and speaker), entity and claim at a code-point offset."""
        parts: list[str] = []
        for quote in self._quotes:
            if quote.start <= pos < quote.end:
                speaker = quote.speaker.name if quote.speaker else self.tr("unknown speaker")
                parts.append(self.tr("Quotation by {0}").format(speaker))
                break
        for entity in self._entities:
            if entity.start <= pos < entity.end and entity.status != EntityStatus.REJECTED:
                parts.append(
                    self.tr("{0}: {1} ({2})").format(
                        entity.label, self._text[entity.start : entity.end], entity.status.value
                    )
                )
                break
        for claim in self._claims:
            if claim.start <= pos < claim.end:
                parts.append(self.tr("Claim: {0} by {1}").format(_label_name(claim.label), claim.annotator))
                break
        return "  ·  ".join(parts)

    def _emit_context(self) -> None:
        self.contextChanged.emit(self.describe(self.cursor_position()))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.position_at(event.pos())  # type: ignore[attr-defined]
            tip = self.describe(pos)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # --- reading layout --------------------------------------------------------------------------

    def _update_margins(self) -> None:
        """Centre a column about 80 characters wide; narrower windows use the full width."""
        column = self.fontMetrics().averageCharWidth() * READING_COLUMNS + 2 * 14
        scrollbar = self.verticalScrollBar().sizeHint().width()
        spare = self.width() - scrollbar - column - 2 * self.frameWidth()
        side = max(0, spare // 2)
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_margins()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._quote_u16:
            return
        # A bar in the left margin beside every paragraph holding (part of) a quotation.
        painter = QPainter(self.viewport())
        colour = QColor(scheme_for(self.palette()).quote_colour())
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            rect = self.blockBoundingGeometry(block).translated(offset)
            if rect.top() > height:
                break
            b_start, b_end = block.position(), block.position() + block.length() - 1
            i = bisect_left(self._quote_starts, b_end)
            if i and self._quote_reach[i - 1] > b_start:
                painter.fillRect(
                    QRect(2, int(rect.top()) + 2, _QUOTE_BAR_WIDTH, int(rect.height()) - 4), colour
                )
            block = block.next()
        painter.end()


def _label_name(label: ClaimLabel) -> str:
    return {
        ClaimLabel.FACTUAL: QPlainTextEdit.tr("factual"),
        ClaimLabel.OPINION: QPlainTextEdit.tr("opinion"),
        ClaimLabel.QUESTIONABLE: QPlainTextEdit.tr("questionable"),
    }[label]
