"""The read-only article, with entities, quotations and claims drawn over it.

Entities and quotations rarely change, so they are layout formats set by a
QSyntaxHighlighter from non-overlapping segments, merged for each paragraph from
the spans over it (no document edits; a long text's paragraphs when they are first
painted). Claims change with every key press, so they are ExtraSelections, which
cost nothing to replace (those near the view). The three never fight over a
property: claim = background, entity = text colour (a suggested entity with a
dashed underline in its colour, an accepted or added one bold and solid, a
rejected one not at all, or struck through and faint in entity mode),
quotation = italic and a bar in the left margin (plus a dotted underline where
no suggested entity's dashes need the underline). A claim's label also shows as a
line painted along the foot of its lines, solid, wavy or dotted (`claim_marks`),
below the underlines, which it leaves alone.

A model's suggested label for the current claim candidate is painted last, as a
dashed outline in the label colour and a dashed bar in the right margin, and only
where no person's claim overlaps the candidate: a person's label always wins.

The selection is translucent and leaves the text's own colours alone, so a selected
claim shows its label colour and a selected entity its type. Paragraphs are laid out
by `ParagraphLayout`: every paragraph is followed by the same gap, whether the file
separated paragraphs with one line break or with blank lines, and the text (and so
every offset) stays exactly as stored.
"""

from __future__ import annotations

import heapq
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TypeVar, cast

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLine,
)
from PySide6.QtWidgets import (
    QApplication,
    QTextEdit,
    QToolTip,
    QWidget,
)

from annotator.core.bidi import isolated
from annotator.core.entity_decisions import FROM_DECISIONS, entity_name
from annotator.core.model import (
    QUOTE_CORRECTED,
    AnnotatedArticle,
    Claim,
    ClaimLabel,
    Entity,
    EntityStatus,
    Quote,
    QuoteKind,
)
from annotator.services.labelling import claim_at, entity_at, own_claims, quote_at
from annotator.ui.claim_authors import status_text as claim_status_text
from annotator.ui.claim_marks import MARK_HEIGHT, mark_of, paint_mark
from annotator.ui.offsets import OffsetMap
from annotator.ui.palette import Scheme, blend, scheme_for
from annotator.ui.plain import tip as as_tip
from annotator.ui.reading import PageTitle, ReadingView, is_blank


def _tr(text: str) -> str:
    """Translate a string outside a QObject method (one context for the module's loose strings)."""
    return QCoreApplication.translate("annotator", text)


_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
"""Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...) and marks: a paragraph without
any is laid out in one direction, and a span of one of its lines is one stretch of it."""
_QUOTE_BAR_WIDTH = 4
_SUGGESTION_BAR_WIDTH = 4
_OUTLINE_ROOM = 2.0
"""Pixels between a selected or suggested span's words and its outline, on each side."""
_OUTLINE_WIDTH = 1.5
_MARK_GAP = 1.0
"""Pixels kept clear of the selection's outline above a claim's line (`_clear_of_claim_marks`)."""
_LAZY_FROM = 60_000
"""UTF-16 units: a longer text is highlighted lazily (`_SpanHighlighter`), a shorter one at once."""
_CLAIM_WINDOW = 16_384
"""UTF-16 units: claims are extra selections in whole chunks of this size round the view."""
REJECTED_STRENGTH = 0.8
"""How much of its type's colour a rejected name keeps over the page: faint, yet legible on a claim."""
SELECTION_ALPHA = 45
"""Opacity (of 255) of the selection's veil, so the claim colour under it shows through."""


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int  # UTF-16
    end: int
    entity: str | None
    quoted: bool
    status: EntityStatus = EntityStatus.SUGGESTED  # of `entity`


@dataclass(frozen=True, slots=True)
class Suggested:
    """A model's label for a claim candidate, as the reading view draws it."""

    start: int  # code points
    end: int
    label: ClaimLabel
    confidence: float


def merge_segments(
    entities: Iterable[tuple[int, int, str] | tuple[int, int, str, EntityStatus]],
    quotes: Iterable[tuple[int, int]],
) -> list[_Segment]:
    """Cut overlapping entity and quotation spans into disjoint segments.

    QSyntaxHighlighter.setFormat replaces rather than merges, so the merge is
    done here once: each segment knows its innermost entity (and that entity's
    status) and whether it is inside a quotation.
    """
    # Entities are told apart by their place in `entities`, not by label and status: ending
    # one took away the first active entity of its label and status, which could be another
    # one, so a paragraph merged alone (`_SpanHighlighter`) could look otherwise.
    events: dict[int, list[tuple[int, int]]] = {}  # place -> (+1 or -1, entity index or -1)
    keys: list[tuple[str, EntityStatus]] = []
    # The innermost of the entities over a place: the last begun, and of those begun together the
    # first to end; of one span, the last listed. The last begun alone took, of "The New York
    # Times" and "New York" in it, the longer, and the name added inside was drawn as the other.
    nesting: list[tuple[int, int, int]] = []
    for start, end, label, *rest in entities:
        if end > start:
            events.setdefault(start, []).append((1, len(keys)))
            events.setdefault(end, []).append((-1, len(keys)))
        nesting.append((start, -end, len(keys)))
        keys.append((label, rest[0] if rest else EntityStatus.SUGGESTED))
    for start, end in quotes:
        if end > start:
            events.setdefault(start, []).append((1, -1))
            events.setdefault(end, []).append((-1, -1))
    segments: list[_Segment] = []
    active_entities: list[int] = []
    quote_depth = 0
    points = sorted(events)
    for i, point in enumerate(points):
        for delta, index in events[point]:
            if index < 0:
                quote_depth += delta
            elif delta > 0:
                active_entities.append(index)
            else:
                active_entities.remove(index)
        if i + 1 < len(points) and (active_entities or quote_depth > 0):
            innermost = max(active_entities, key=nesting.__getitem__) if active_entities else None
            label, status = keys[innermost] if innermost is not None else (None, EntityStatus.SUGGESTED)
            segments.append(_Segment(point, points[i + 1], label, quote_depth > 0, status))
    return segments


def drawn_claims(claims: Iterable[Claim], annotator: str = "") -> list[tuple[int, int, Claim]]:
    """The claim whose colour shows at each stretch of the text: (start, end, claim), in order.

    Claim backgrounds are opaque, so one claim shows where claims overlap: the one the keys
    act on there (`services.labelling.claim_at` on `own_claims`). Where the `annotator` has a
    claim, that is the smallest of their own: in a shared project, bob's phrase inside ana's
    sentence showed bob's colour (and the line under the text named bob's claim) while ana's
    2 relabelled her sentence. Elsewhere it is the smallest of all, so an inner claim shows
    inside an outer one; two claims that overlapped in part showed the one that started later
    while the keys changed the shorter. Of two the same size, the one that starts later, or
    of two on one span the later given. Adjacent stretches of one claim are one stretch.
    """
    claims = list(claims)
    under = _innermost(claims)
    mine = _innermost([c for c in claims if c.annotator == annotator])
    if not mine:
        return under
    drawn: list[tuple[int, int, Claim]] = []
    points = sorted({p for s, e, _ in under for p in (s, e)} | {p for s, e, _ in mine for p in (s, e)})
    i = j = 0
    for start, end in itertools.pairwise(points):
        while i < len(under) and under[i][1] <= start:
            i += 1
        while j < len(mine) and mine[j][1] <= start:
            j += 1
        if j < len(mine) and mine[j][0] <= start:
            claim = mine[j][2]
        elif i < len(under) and under[i][0] <= start:
            claim = under[i][2]
        else:
            continue
        if drawn and drawn[-1][1] == start and drawn[-1][2] is claim:
            drawn[-1] = (drawn[-1][0], end, claim)
        else:
            drawn.append((start, end, claim))
    return drawn


def _innermost(claims: list[Claim]) -> list[tuple[int, int, Claim]]:
    """The smallest claim at each stretch (`drawn_claims` without anyone's own claims first)."""
    order = sorted((c for c in claims if c.end > c.start), key=lambda c: (c.start, -c.end))
    points = sorted({c.start for c in order} | {c.end for c in order})
    drawn: list[tuple[int, int, Claim]] = []
    covering: list[tuple[int, int, int]] = []  # (length, -rank in `order`, end): the one shown
    i = 0
    for start, end in itertools.pairwise(points):
        while i < len(order) and order[i].start <= start:
            claim = order[i]
            heapq.heappush(covering, (claim.end - claim.start, -i, claim.end))
            i += 1
        while covering and covering[0][2] <= start:
            heapq.heappop(covering)  # ended; larger claims under it may still cover this stretch
        if not covering:
            continue
        claim = order[-covering[0][1]]
        if drawn and drawn[-1][1] == start and drawn[-1][2] is claim:
            drawn[-1] = (drawn[-1][0], end, claim)
        else:
            drawn.append((start, end, claim))
    return drawn


def entity_format(
    scheme: Scheme, entity: str | None, status: EntityStatus, *, quoted: bool = False
) -> QTextCharFormat:
    """The look of an entity of one status (and of a quotation), shared with the legend's samples.

    Status shows in weight and underline, never in colour alone: colour is the type.
    """
    fmt = QTextCharFormat()
    if quoted:
        fmt.setFontItalic(True)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(scheme.quote_colour())
    if entity is None:
        return fmt
    colour = scheme.entity_colour(entity)
    if status == EntityStatus.REJECTED:  # only drawn in entity mode, to be found and undone
        # Faint, not gone: at 55% of the colour a rejected name inside a claim was 1.5:1 (light,
        # on questionable) to 1.9:1 (dark) from it; at 80% it is 2.7:1 or more there and 4.6:1
        # on the page, still well under a kept name's, and struck through.
        fmt.setForeground(blend(colour, scheme.base, REJECTED_STRENGTH))
        fmt.setFontStrikeOut(True)
    elif status == EntityStatus.SUGGESTED:
        fmt.setForeground(colour)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(colour)
    else:  # accepted or added by a person
        fmt.setForeground(colour)
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


_Span = tuple[int, int, str, EntityStatus]
"""An entity as the highlighter draws it: UTF-16 start and end, label, status."""
_Spanning = TypeVar("_Spanning", bound=tuple[int, int, *tuple[object, ...]])
"""A highlighted span of any kind (an entity, a quotation): its start and end come first."""
_SPAN_OF = itemgetter(0, 1)
_START_OF = itemgetter(0)
_END_OF = itemgetter(1)


def _reach(spans: Sequence[tuple[int, int, *tuple[object, ...]]]) -> list[int]:
    """Running maximum of the spans' ends (sorted by start): the first span that may reach past
    a place is found by bisecting it."""
    reach, most = [], -1
    for span in spans:
        most = max(most, span[1])
        reach.append(most)
    return reach


def _over(
    spans: list[_Spanning], starts: list[int], reach: list[int], start: int, end: int
) -> list[_Spanning]:
    """The spans (sorted by start, with `starts` and `_reach`) that overlap [start, end), in order."""
    first, past = bisect_right(reach, start), bisect_left(starts, end)
    return [span for span in spans[first:past] if span[1] > start]


class _SpanHighlighter(QSyntaxHighlighter):
    """Draws entities and quotations paragraph by paragraph, each paragraph merged on its own.

    The look of a character depends only on the spans over it, in their order, so merging a
    paragraph's spans (`merge_segments`) draws it exactly as merging the whole text would:
    nothing is merged for the whole text, which on a 1 MB article took 100 ms each time it
    opened and each E.

    A long text (`_LAZY_FROM`) is not highlighted while it is set (`deferring`): the view
    highlights the paragraphs it is about to paint (`highlight`), so opening a 1 MB article
    does not wait for its 10,000 paragraphs, nor does a theme change. Nothing highlights the
    rest in the background: each paragraph highlighted alone is laid out again, at a cost of
    0.1-0.2 ms in `ParagraphLayout.blockBoundingRect`, 1-2 s for all of them, for nothing
    a reader sees. A paragraph not yet painted may be a line shorter or longer once its
    accepted entities are bold, which moves nothing in view.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.scheme: Scheme | None = None
        self._formats: dict[tuple[str | None, EntityStatus, bool], QTextCharFormat] = {}
        self.entities: list[_Span] = []
        self.quotes: list[tuple[int, int]] = []
        self._entity_starts: list[int] = []
        self._entity_reach: list[int] = []
        self._quote_starts: list[int] = []
        self._quote_reach: list[int] = []
        self.deferring = False
        self._done: bytearray | None = None  # per paragraph, while some are still to do
        self._left = 0  # how many are still to do

    def set_spans(self, entities: list[_Span], quotes: list[tuple[int, int]], scheme: Scheme) -> None:
        """What to draw: entities sorted by (start, end), a rejected one before others on one
        span; quotations sorted by start; all in UTF-16."""
        self.entities = entities
        self.quotes = quotes
        self._entity_starts = [e[0] for e in entities]
        self._entity_reach = _reach(entities)
        self._quote_starts = [q[0] for q in quotes]
        self._quote_reach = _reach(quotes)
        if scheme != self.scheme:
            self._formats.clear()
        self.scheme = scheme

    def segments_in(self, start: int, end: int) -> list[_Segment]:
        """The merged segments of the spans over [start, end) (UTF-16)."""
        entities = _over(self.entities, self._entity_starts, self._entity_reach, start, end)
        quotes = _over(self.quotes, self._quote_starts, self._quote_reach, start, end)
        return merge_segments(entities, quotes) if entities or quotes else []

    def _format(self, entity: str | None, status: EntityStatus, quoted: bool) -> QTextCharFormat:
        key = (entity, status, quoted)
        fmt = self._formats.get(key)
        if fmt is None:
            assert self.scheme is not None
            fmt = entity_format(self.scheme, entity, status, quoted=quoted)
            self._formats[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:
        if self.deferring:
            return  # left to `highlight`, when the paragraph is painted
        block = self.currentBlock()
        done = self._done
        if done is not None and not done[block.blockNumber()]:
            done[block.blockNumber()] = 1
            self._left -= 1
            if not self._left:
                self._done = None
        start = block.position()
        end = start + block.length() - 1  # UTF-16 units; `text` counts code points
        for seg in self.segments_in(start, end):
            s, e = max(seg.start, start), min(seg.end, end)
            if e > s:
                self.setFormat(s - start, e - s, self._format(seg.entity, seg.status, seg.quoted))

    @property
    def pending(self) -> bool:
        return self._done is not None

    def defer_all(self) -> None:
        """Every paragraph is to be highlighted again when it is painted (the text was just
        set, or every span's look changed)."""
        count = self.document().blockCount()
        self._done = bytearray(count)
        self._left = count

    def defer(self, numbers: Iterable[int]) -> None:
        """These paragraphs are to be highlighted again when they are painted (their spans
        changed); the others stay as they are."""
        done = self._done
        for number in numbers:
            if done is None:
                done = self._done = bytearray(b"\x01") * self.document().blockCount()
                self._left = 0
            if done[number]:
                done[number] = 0
                self._left += 1

    def drop_pending(self) -> None:
        """Another text is being set: what was left to do of the last one is not to be done."""
        self._done = None

    def highlight(self, block: QTextBlock) -> None:
        """Highlight a paragraph now unless it is done."""
        if self._done is not None and not self._done[block.blockNumber()]:
            self.rehighlightBlock(block)

    def finish(self) -> None:
        """Highlight every paragraph still to do, now."""
        block = self.document().firstBlock()
        while self._done is not None and block.isValid():
            self.highlight(block)
            block = block.next()


@dataclass(frozen=True)
class ViewPlace:
    """Where a person is in the shown text (`ArticleView.place`), in code points."""

    caret: int
    selection: tuple[int, int] | None
    scroll: int
    top: int = 0
    """The first character of the page's top line: the scroll as a place in the text, which
    holds at another width and before the text is laid out (a start, `restore_top`)."""


class ArticleView(ReadingView):
    """Shows one article and speaks code points to the rest of the window."""

    contextChanged = Signal(str)  # what is under the cursor: quotation and speaker, entity, claim
    escapePressed = Signal()  # Escape here: the window unselects the words a search selected
    # Whether a PaletteChange re-resolves the colours: not while being built (the state they
    # are drawn from does not exist yet), nor for the view's own `setPalette`.
    _follow_palette = False

    def __init__(self, parent: QWidget | None = None, *, font_size: int = 13) -> None:
        # The article's title, above the reading column and aligned with it (see `_update_margins`).
        title = PageTitle()
        super().__init__(title, parent, font_size=font_size)
        self.title = title
        self.setObjectName("articleView")
        self.setAccessibleName(self.tr("Article text"))
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setPlaceholderText(self.tr("No article to show: import some (Ctrl+I), or drop files here."))
        self._highlighter = _SpanHighlighter(self.document())
        self.title.setObjectName("articleTitle")
        self.title.setAccessibleDescription(self.tr("Article title"))
        self._said = ""  # what the line under the text says now (hover or cursor)
        self.viewport().setMouseTracking(True)
        self._map = OffsetMap("")
        self._text = ""
        self._entities: list[Entity] = []
        self._quotes: list[Quote] = []
        self._quote_u16: list[tuple[int, int]] = []
        self._quote_starts: list[int] = []
        self._quote_reach: list[int] = []
        self._claims: list[Claim] = []
        self._stretches: list[tuple[int, int, Claim]] = []  # UTF-16, `drawn_claims`
        self._stretch_ends: list[int] = []
        self._claims_shown_for: tuple[int, int] | None = None  # `_claims_window` when last set
        self._annotator = ""  # whose window: their own claims are drawn on top (`drawn_claims`)
        self._hidden: frozenset[str] = frozenset()
        self._show_rejected = False
        self._suggestions: list[Suggested] = []
        self._shown_suggestion: Suggested | None = None
        self._apply_selection_colours()
        self.cursorPositionChanged.connect(self._emit_context)
        self.cursorPositionChanged.connect(self._follow_suggestion)
        self.selectionChanged.connect(self._follow_suggestion)
        self._follow_palette = True

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
        title: str = "",
        annotator: str = "",
    ) -> None:
        """Show a new article; highlights are computed before the text goes in, so layout runs once.

        A title that is the text's own first line (a plain-text file's headline) is not shown
        above it as well: the article read as if it began twice. `annotator` is whose window
        it is: their own claims show on top (`drawn_claims`).
        """
        self.set_title("" if _first_line(text) == " ".join(title.split()) else title)
        self._text = text
        self._map = OffsetMap(text)
        self._entities = list(entities)
        self._keep_quotes(quotes)
        self._claims = list(claims)
        self._annotator = annotator
        self._suggestions = []
        self._shown_suggestion = None
        highlighter = self._highlighter
        highlighter.set_spans(self._entity_spans(), self._quote_u16, scheme_for(self.palette()))
        highlighter.drop_pending()
        self.release_top()  # a place kept for the text shown before
        highlighter.deferring = len(text) >= _LAZY_FROM  # code points: at most the UTF-16 length
        try:
            self.setPlainText(text)
        finally:
            highlighter.deferring = False
        if len(text) >= _LAZY_FROM:
            highlighter.defer_all()
        self._apply_claims()
        self.verticalScrollBar().setValue(0)

    def show_annotated(self, annotated: AnnotatedArticle, *, annotator: str = "") -> None:
        """Show an article as the project has it: title, text, entities, quotations and claims."""
        article = annotated.article
        self.set_article(
            article.text,
            entities=annotated.entities,
            quotes=annotated.quotes,
            claims=annotated.claims,
            title=article.title,
            annotator=annotator,
        )

    def set_title(self, title: str) -> None:
        """The article's title, shown above the text (plain text, wrapped, elided when long).

        Its accessible name is the whole title, which a screen reader says however much of it
        the page has room for."""
        self.title.set_text(title)
        self.title.setAccessibleName(self.title.text())
        self._show_title(bool(title.strip()))

    def _keep_quotes(self, quotes: Sequence[Quote]) -> None:
        self._quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        self._quote_u16 = [self._map.span_to_utf16(q.start, q.end) for q in self._quotes]
        self._quote_starts = [s for s, _ in self._quote_u16]
        # Running maximum of quotation ends: a paragraph holds a quotation iff some
        # quotation starting before its end reaches past its start.
        self._quote_reach = []
        reach = -1
        for _, end in self._quote_u16:
            reach = max(reach, end)
            self._quote_reach.append(reach)

    def set_entities(self, entities: Sequence[Entity]) -> None:
        """The same article's entities after a decision: redrawn, and the line under the text
        says the new status (it said "suggested" after R until the cursor moved)."""
        self._entities = list(entities)
        self._rehighlight()
        self._emit_context()

    def set_quotes(self, quotes: Sequence[Quote]) -> None:
        """The same article's quotations after a correction: redrawn, and the line under the
        text says the new speaker."""
        self._keep_quotes(quotes)
        self._rehighlight()
        self._emit_context()

    @property
    def quotes(self) -> list[Quote]:
        return list(self._quotes)

    def set_claims(self, claims: Sequence[Claim], *, annotator: str = "") -> None:
        """The article's claims after an edit, as `annotator` (whose window it is) sees them."""
        self._claims = list(claims)
        self._annotator = annotator
        self._apply_claims()
        self._follow_suggestion()
        self._emit_context()

    def set_suggestions(self, suggestions: Iterable[Suggested]) -> None:
        """The model's labels for this article's candidates; one is drawn at a time, at the selection.

        The line under the text says them again: after a raised threshold it went on naming a
        suggestion the outline, the panel and Enter no longer showed, until the caret moved.
        """
        self._suggestions = sorted(suggestions, key=lambda s: (s.start, s.end))
        self._follow_suggestion()
        self._emit_context()

    @property
    def shown_suggestion(self) -> Suggested | None:
        """The suggestion drawn now: the current candidate's, unless a person labelled any of it."""
        return self._shown_suggestion

    def suggestion_rects(self) -> list[QRectF]:
        """Viewport rectangles the shown suggestion's outline goes around, one per stretch of a line."""
        shown = self._shown_suggestion
        return self._span_rects(*self._map.span_to_utf16(shown.start, shown.end)) if shown is not None else []

    def selection_rects(self) -> list[QRectF]:
        """Viewport rectangles the selection's outline goes around."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return []
        return self._span_rects(cursor.selectionStart(), cursor.selectionEnd())

    def _span_rects(self, s: int, e: int) -> list[QRectF]:
        """Viewport rectangles around a UTF-16 span: one per line it is on, or, on a line that
        mixes directions, one per stretch of the line it covers.

        In the layout's own fractions of a pixel, `_OUTLINE_ROOM` beside the words each side and
        the line's full height: whole pixels put the box up to a pixel off its words, more than
        a device pixel at a scale of 1.75 (`_outline`).
        """
        rects: list[QRectF] = []
        for block, top in self._blocks_from(self.document().findBlock(s)):
            if block.position() >= e:
                break
            layout = block.layout()
            base = block.position()
            mixed = _RIGHT_TO_LEFT.search(block.text()) is not None
            # From the span's first line, not the paragraph's: in a transcript of one paragraph
            # every claim's rectangles went through its thousands of lines.
            first = layout.lineForTextPosition(s - base) if s > base else layout.lineAt(0)
            for i in range(first.lineNumber() if first.isValid() else 0, layout.lineCount()):
                line = layout.lineAt(i)
                ls, le = base + line.textStart(), base + line.textStart() + line.textLength()
                if ls >= e:
                    break
                a, b = max(s, ls), min(e, le)
                if b <= a:
                    continue
                y = top + layout.position().y() + line.y()
                a, b = a - base, b - base
                for x1, x2 in _stretches(line, a, b) if mixed else [_x_at_ends(line, a, b)]:
                    left = layout.position().x() + x1 - _OUTLINE_ROOM
                    rects.append(QRectF(left, y, x2 - x1 + 2 * _OUTLINE_ROOM, line.height()))
        return rects

    def _blocks_from(self, block: QTextBlock) -> Iterator[tuple[QTextBlock, float]]:
        """Each paragraph from `block` on with its top in the viewport, until past the bottom.

        One walk down, adding each paragraph's height: `blockBoundingGeometry` walks from
        the top of the view to its block on every call, which made painting quadratic.
        """
        if not block.isValid():
            return
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        height = self.viewport().height()
        while block.isValid() and top <= height:
            yield block, top
            top += self.blockBoundingRect(block).height()
            block = block.next()

    def _current_suggestion(self) -> Suggested | None:
        if not self._suggestions:
            return None
        span = self.selected_span()
        start, end = span if span is not None else (self.cursor_position(),) * 2
        for suggested in self._suggestions:
            if suggested.start > start:
                break
            if start < suggested.end and end <= suggested.end:
                if any(c.start < suggested.end and suggested.start < c.end for c in self._claims):
                    return None  # a person's label wins: nothing of the model's is drawn over it
                return suggested
        return None

    def _follow_suggestion(self) -> None:
        current = self._current_suggestion()
        if current != self._shown_suggestion:
            self._shown_suggestion = current
            self.viewport().update()

    def set_show_rejected(self, show: bool) -> None:
        """Entity mode draws rejected entities faintly, so they can be found and accepted again;
        the line under the text names them only while they are drawn (it named a rejected name
        after E had taken it away, until the caret moved)."""
        if show != self._show_rejected:
            self._show_rejected = show
            self._rehighlight()
            self._emit_context()

    def set_hidden_entity_labels(self, labels: Iterable[str]) -> None:
        hidden = frozenset(labels)
        if hidden != self._hidden:
            self._hidden = hidden
            self._rehighlight()

    @property
    def hidden_entity_labels(self) -> frozenset[str]:
        return self._hidden

    def changeEvent(self, event: QEvent) -> None:
        # A theme chosen in View ▸ Theme (or the system's) reaches this widget after the window:
        # only here does `self.palette()` hold the new colours. Refreshing from the window's
        # PaletteChange drew the old theme's claims under the new theme's text until the next
        # article was opened.
        if event.type() == QEvent.Type.PaletteChange and self._follow_palette:
            self.refresh_colours()
        super().changeEvent(event)

    def refresh_colours(self) -> None:
        """Re-resolve colours after a palette (theme) change."""
        self._apply_selection_colours()
        self._rehighlight()
        self._apply_claims()

    def _apply_selection_colours(self) -> None:
        """A selection that leaves the text's colours alone: a faint veil, and an outline.

        Qt paints the selection over the claims' backgrounds and repaints the text in
        one colour, so a selected claim hid its label and a selected entity its type.
        With no brush for the selected text, Qt draws the text as it is; the veil is
        the page's colour, faint, so a claim under it keeps its hue, a shade nearer the
        page. It was the text's colour, which took the claim towards the text: names in a
        selected claim, 4.5:1 on it, fell to 3.3:1 in the light theme and 3.0:1 in the
        dark one. `_paint_selection` draws the outline, which shows the selection.
        """
        palette = QPalette(self.palette())
        source = QApplication.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            colour = QColor(source.color(group, QPalette.ColorRole.Base))
            colour.setAlpha(SELECTION_ALPHA)
            palette.setColor(group, QPalette.ColorRole.Highlight, colour)
            palette.setBrush(group, QPalette.ColorRole.HighlightedText, QBrush(Qt.BrushStyle.NoBrush))
        following, self._follow_palette = self._follow_palette, False  # its PaletteChange is ours
        try:
            self.setPalette(palette)
        finally:
            self._follow_palette = following

    def _entity_spans(self) -> list[_Span]:
        """The entities drawn now, in UTF-16, in the order `merge_segments` wants them."""
        # A rejected span goes first among those over the same text, so an accepted entity over
        # it is the one drawn: rejected ones listed before the others, then a stable sort by
        # span alone. A key made by a lambda per entity held the opening of a 1 MB article
        # (16,000 entities) for 10-20 ms; the store gives them nearly in order already.
        hidden = self._hidden
        drawn = (
            [e for e in self._entities if e.status == EntityStatus.REJECTED and e.label not in hidden]
            if self._show_rejected
            else []
        )
        drawn += [e for e in self._entities if e.status != EntityStatus.REJECTED and e.label not in hidden]
        offsets = self._map
        if offsets.u16_length == offsets.cp_length:
            # No character outside the BMP: UTF-16 offsets are the code points (clamped as
            # `OffsetMap.to_utf16` does), without two calls per entity (16,000 on a 1 MB article).
            n = offsets.cp_length
            entities = [(e.start, e.end, e.label, e.status) for e in drawn]
            # Clamped only if some offset is outside the text (the store's never are): four
            # calls per entity were most of this list's time.
            offsets_seen = [*map(_START_OF, entities), *map(_END_OF, entities)]
            if offsets_seen and (min(offsets_seen) < 0 or max(offsets_seen) > n):
                entities = [(max(0, min(s, n)), max(0, min(e, n)), label, st) for s, e, label, st in entities]
        else:
            to16 = offsets.span_to_utf16
            entities = [(*to16(e.start, e.end), e.label, e.status) for e in drawn]
        entities.sort(key=_SPAN_OF)
        return entities

    def _rehighlight(self) -> None:
        """Highlight again the paragraphs whose entities or quotations are drawn differently now.

        Only those: E, an entity decision or a quotation's correction changes a few spans, and
        highlighting a 1 MB article's 16,000 entities again held the window for 175 ms. The
        highlighter merges each paragraph's spans alone, so one paragraph can be done alone.
        """
        highlighter = self._highlighter
        before = set(highlighter.entities).union(highlighter.quotes)
        scheme = scheme_for(self.palette())
        recoloured = scheme != highlighter.scheme
        highlighter.set_spans(self._entity_spans(), self._quote_u16, scheme)
        after = set(highlighter.entities).union(highlighter.quotes)
        changed = before.symmetric_difference(after)
        if recoloured or len(changed) > 2000:  # a theme, or a type hidden: most paragraphs
            if len(self._text) >= _LAZY_FROM:
                highlighter.defer_all()
                self.viewport().update()
            else:
                highlighter.rehighlight()
            return
        doc = self.document()
        numbers: set[int] = set()
        for span in changed:
            block = doc.findBlock(span[0])
            while block.isValid() and block.position() < span[1]:
                numbers.add(block.blockNumber())
                block = block.next()
        if len(self._text) >= _LAZY_FROM:
            # As it was opened: the paragraphs in view before they are drawn, the others as they
            # come. Shift+A on a name a 400,000-character report gives 354 times laid out and
            # highlighted again the 354 paragraphs, most far off the page, for 0.15-0.3 s.
            highlighter.defer(numbers)
            self.viewport().update()
            return
        for number in sorted(numbers):
            highlighter.rehighlightBlock(doc.findBlockByNumber(number))

    def finish_highlighting(self) -> None:
        """Highlight now every paragraph of a long text not painted yet."""
        self._highlighter.finish()

    def _apply_claims(self) -> None:
        """Work out the stretches drawn in one claim's colour (`drawn_claims`), and show those
        near the view (`_show_claims_near_view`).

        One extra selection per stretch, not per claim: Qt keeps the selections that did not
        change by matching each new one with an old one that starts at the same place, and
        works out where on the page every other one is, walking the paragraphs from the top
        of the view to it. Two people's claims on one sentence start at the same place, so
        most failed to match: a label on a long article with 800 such claims held the window
        for 160 ms. Stretches never start at the same place, so only the changed ones are
        measured.
        """
        to16 = self._map.span_to_utf16
        self._stretches = [
            (*to16(start, end), claim) for start, end, claim in drawn_claims(self._claims, self._annotator)
        ]
        self._stretch_ends = [e for _, e, _ in self._stretches]
        self._claims_shown_for = None
        self._show_claims_near_view()

    def _claims_window(self) -> tuple[int, int]:
        """The UTF-16 range whose claims are extra selections: the text in view, widened to
        whole chunks of `_CLAIM_WINDOW` and one chunk more each side, so scrolling changes it
        only now and then."""
        first = self._first_shown_position()
        viewport = self.viewport()
        last = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        return max(0, (first // _CLAIM_WINDOW - 1) * _CLAIM_WINDOW), (
            last // _CLAIM_WINDOW + 2
        ) * _CLAIM_WINDOW

    def _first_shown_position(self) -> int:
        """The UTF-16 position where the first line in view starts.

        Not its paragraph's start: in an article of one long paragraph (a transcript) that
        was the text's start however far down the page was, and every claim above the page
        was measured on each paint.
        """
        cursor = self.cursorForPosition(QPoint(0, 0))
        block = cursor.block()
        line = block.layout().lineForTextPosition(cursor.position() - block.position())
        number = line.lineNumber() if line.isValid() else 0
        # One line above: the foot of a line just above the page, where a claim's line is drawn,
        # may show along its top edge.
        if number > 0:
            return block.position() + block.layout().lineAt(number - 1).textStart()
        above = block.previous()
        if not above.isValid() or above.layout().lineCount() == 0:
            return block.position()
        return above.position() + above.layout().lineAt(above.layout().lineCount() - 1).textStart()

    def _show_claims_near_view(self) -> None:
        """The claims' stretches near the view as extra selections, unless they are already.

        Only those near the view: Qt measures where each new selection is on the page by
        walking paragraphs from the top of the view, and opening the 1 MB article with 800
        claims spent 200 ms there. Painting asks again (`paintEvent`), so scrolling, a
        resize or a jump brings the claims of the new place before it is drawn.
        """
        window = self._claims_window()
        if window == self._claims_shown_for:
            return
        self._claims_shown_for = window
        low, high = window
        scheme = scheme_for(self.palette())
        selections = []
        doc = self.document()
        for s, e, claim in itertools.islice(self._stretches, bisect_right(self._stretch_ends, low), None):
            if s >= high:
                break
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
        """Select a code-point span and scroll it into view, its first line always on the page.

        Qt scrolls to the caret, which a selection leaves at its end: K back to the candidate
        above showed the sentence's last line alone at the page's top, and J to a sentence
        taller than the page (at 150% on a laptop) showed its end, never where it starts.
        """
        s, e = self._map.span_to_utf16(start, end)
        cursor = self.textCursor()
        cursor.setPosition(s)
        cursor.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        first = QTextCursor(self.document())
        first.setPosition(s)
        if self.cursorRect(first).top() < 0:
            block = first.block()
            line = block.layout().lineForTextPosition(s - block.position())
            within = line.lineNumber() if line.isValid() else 0
            self.verticalScrollBar().setValue(block.firstLineNumber() + within)

    def unselect(self) -> None:
        """Drop the selection, the caret staying at its end: the place read is kept, and a
        label key then acts on the caret, not on words the person did not choose."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def place(self) -> ViewPlace:
        """Where the person is in the text: caret, selection and scroll."""
        return ViewPlace(
            self.cursor_position(),
            self.selected_span(),
            self.verticalScrollBar().value(),
            self._map.to_code_point(self.top_position()),
        )

    def restore_place(self, place: ViewPlace) -> None:
        """Put the caret, selection and scroll back after the same article is shown again (its
        pre-annotation finished in the background): showing it afresh puts the caret at the top,
        and the person lost their place in the middle of labelling. A span past the end of the
        text (another text) is dropped.

        A selection made backwards (a drag right to left, Shift+Left) comes back with its caret
        at its start: put back forwards, the next Shift+Left took a character off its end where
        it had added one before its start."""
        length = len(self.text)
        if place.selection is not None and place.selection[1] <= length:
            start, end = place.selection
            self.select_span(start, end)
            if place.caret == start:
                cursor = self.textCursor()
                cursor.setPosition(self._map.to_utf16(end))
                cursor.setPosition(self._map.to_utf16(start), QTextCursor.MoveMode.KeepAnchor)
                self.setTextCursor(cursor)
        elif place.caret <= length:
            cursor = self.textCursor()
            cursor.setPosition(self._map.to_utf16(place.caret))
            self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(place.scroll)

    def restore_top(self, place: ViewPlace) -> None:
        """Put the caret and selection back, and `place.top` on the page's top line: the place
        left at a close, shown by a start whose text is still being laid out (`keep_top`), at a
        width that may differ from the close's. The text is the one of that place."""
        self.restore_place(place)
        if place.top <= len(self.text):
            self.keep_top(self._map.to_utf16(place.top))

    def scroll_to(self, start: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_utf16(start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def in_view(self, position: int) -> bool:
        """Whether the character at code point `position` is on the page."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(min(position, len(self.text))))
        return self.viewport().rect().contains(self.cursorRect(cursor).center())

    def position_at(self, point: QPoint) -> int:
        """Code-point offset under a viewport point."""
        return self._map.to_code_point(self.cursorForPosition(point).position())

    # --- what is under the cursor ----------------------------------------------------------------

    def _describe_quote(self, quote: Quote) -> str:
        """Its kind and who said it, and whether a person corrected it (as entities say
        "suggested" or "accepted"), so the one left to check is the one without."""
        said = self._quote_said(quote)
        if quote.model != QUOTE_CORRECTED:
            return said
        suggested = quote.suggested
        name = quote.speaker.name if quote.speaker is not None else None
        if suggested is not None and suggested.kind is quote.kind and suggested.speaker == name:
            return self.tr("{0}, confirmed").format(said)
        return self.tr("{0}, corrected").format(said)

    def _quote_said(self, quote: Quote) -> str:
        """Its kind and who said it: the resolved name, and the words that say so when they differ
        ("Quotation by Donald Trump (“he”)").

        Each isolated (`core.bidi.isolated`): an Arabic name ran into the Arabic words after it,
        which read "Quotation by (”العلي“) محمد العلي", and an override in either turned the
        rest of the line round."""
        if quote.speaker is None:
            if quote.kind is QuoteKind.SCARE:
                return self.tr("Scare quote (no one is said to have said it)")
            return self.tr("Quotation, speaker unknown")
        name = quote.speaker.name
        mention = " ".join(self._text[quote.speaker.start : quote.speaker.end].split())
        if name in mention:
            who = isolated(name)
        else:
            who = self.tr("{0} (“{1}”)").format(isolated(name), isolated(mention))
        if quote.kind is QuoteKind.PARTIAL:
            return self.tr("Partial quotation by {0}").format(who)
        return self.tr("Quotation by {0}").format(who)

    def describe(self, pos: int, *, selection: tuple[int, int] | None = None) -> str:
        """One line naming the quotation (and speaker), entity and claim at a code-point offset.

        With the `selection` (code points) that `pos` begins, the claim named is the one holding
        it, which the label keys, N and Delete act on: a claim begun inside a shorter one, just
        labelled and left selected, was named by the shorter one's label drawn at its start.
        """
        parts: list[str] = []
        # The quotation W corrects (`quote_at`, the innermost): of a quotation imported inside
        # another, the line named the outer one's speaker while W opened on the inner one's.
        quote = quote_at(self._quotes, selection=None, caret=pos)
        if quote is not None:
            parts.append(self._describe_quote(quote))
        # The entity A and R act on (`entity_at`), which is the one drawn: the first row on the
        # place named the GPE a person had rejected under the PERSON they typed on the name.
        shown = self._show_rejected
        here = [
            e
            for e in self._entities
            if e.start <= pos < e.end and (shown or e.status != EntityStatus.REJECTED)
        ]
        entity = entity_at(here, self._text, selection=None, caret=pos)
        if entity is not None:
            # As the team's decisions name it: a name added over a line break is whole.
            # Isolated, as the speaker is (`_quote_said`): an override in it turned the line round.
            name = isolated(entity_name(self._text, entity.start, entity.end))
            if entity.model == FROM_DECISIONS and entity.status == EntityStatus.SUGGESTED:
                # Not the model's: a name people added elsewhere in the project.
                parts.append(
                    self.tr("{0}: {1} (suggested: your team added it elsewhere)").format(entity.label, name)
                )
            else:
                parts.append(self.tr("{0}: {1} ({2})").format(entity.label, name, entity.status.value))
        # The claim whose colour shows here (`drawn_claims`: the one the keys pick, the person's
        # own first): a phrase labelled inside a labelled sentence was named by the sentence's
        # label, and of two people's claims on one sentence the first was named while the
        # second's showed.
        holding = [c for c in self._claims if c.start <= pos < c.end]
        selected = self._claim_holding(selection) if selection is not None else None
        if selected is not None or holding:
            claim = selected or next(
                c for start, end, c in drawn_claims(holding, self._annotator) if start <= pos < end
            )
            said = claim_status_text(claim, _label_name(claim.label))
            if claim.note.strip():
                said = self.tr("{0}, with a note").format(said)
            parts.append(said)
        else:
            for suggested in self._suggestions:
                if suggested.start <= pos < suggested.end and not any(
                    c.start < suggested.end and suggested.start < c.end for c in self._claims
                ):
                    parts.append(
                        self.tr("Suggested by the model: {0} ({1:.0%})").format(
                            _label_name(suggested.label), suggested.confidence
                        )
                    )
                    break
        return "  ·  ".join(parts)

    def _claim_holding(self, selection: tuple[int, int]) -> Claim | None:
        """The claim the keys act on for a selection: the person's own holding it, else anyone's."""
        mine = claim_at(own_claims(self._claims, self._annotator), self._text, selection=selection, caret=0)
        return mine or claim_at(self._claims, self._text, selection=selection, caret=0)

    def _describe_caret(self) -> str:
        """What the line under the text says of the caret, or of the selection and its claim."""
        return self.describe(self.context_position(), selection=self.selected_span())

    def context_position(self) -> int:
        """Where the line under the text looks: the start of the selection, else the caret.

        After J the caret sits at the end of the selected span, which is outside it.
        """
        span = self.selected_span()
        return span[0] if span is not None else self.cursor_position()

    def _emit_context(self) -> None:
        """Say what is at the caret on the line under the text and to assistive technology.

        A claim is a colour and an underline, which a screen reader does not read: the view's
        accessible description names the claim, quotation and entity at the caret, and Qt tells
        the screen reader it changed (a DescriptionChanged event), so Orca says "Claim: opinion
        by tess" as the caret enters it. Hovering does not change it: only the caret is read.
        """
        self._said = self._describe_caret()
        self.setAccessibleDescription(self._said)  # sends DescriptionChanged only on a change
        self.contextChanged.emit(self._said)

    def _hover(self, point: QPoint | None) -> None:
        """The mouse names what it is over, as the cursor does; off the text, the cursor's again."""
        said = self.describe(self.position_at(point)) if point is not None else ""
        said = said or self._describe_caret()
        if said != self._said:
            self._said = said
            self.contextChanged.emit(said)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape is said here, not as a shortcut of the window's `to_text` added to the view: that
        one fired for an Escape a dialog was sent while the view kept the focus (a dialog not yet
        active, as offscreen), and took the key from the dialog."""
        if event.key() == Qt.Key.Key_Escape and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.escapePressed.emit()
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A press inside the selection begins a new selection there, as a press anywhere else.

        Qt begins dragging the selected text out instead, and this view leaves J's sentence and
        the claim just labelled selected: a drag over a phrase of it selected nothing, and the
        next label key relabelled the whole sentence. The caret goes to the press, which is in
        view, so nothing scrolls under the mouse; Shift+click still extends the selection.
        """
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not event.modifiers()
            and self.textCursor().hasSelection()
        ):
            self.setTextCursor(self.cursorForPosition(event.position().toPoint()))
        super().mousePressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseMove and not event.buttons():
            self._hover(event.position().toPoint())
        elif event.type() == QEvent.Type.Leave:
            self._hover(None)
        if event.type() == QEvent.Type.ToolTip:
            pos = self.position_at(event.pos())  # type: ignore[attr-defined]
            tip = self.describe(pos)
            if tip:
                # Speaker names and annotators come from files: shown as text, never as rich text.
                QToolTip.showText(event.globalPos(), as_tip(tip), self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._highlighter.pending:  # a long text: the paragraphs in view, before they are drawn
            for block, _top in self._blocks_from(self.firstVisibleBlock()):
                self._highlighter.highlight(block)
        self._show_claims_near_view()  # before Qt draws them: the view may have moved
        super().paintEvent(event)
        self._paint_selection()
        self._paint_claim_marks()  # over the selection's outline: a claim just labelled stays selected
        self._paint_suggestion()  # over the selection's outline: J selects a suggested candidate
        if not self._quote_u16:
            return
        # A bar in the left margin beside every paragraph holding (part of) a quotation.
        painter = QPainter(self.viewport())
        colour = QColor(scheme_for(self.palette()).quote_colour())
        for block, top in self._blocks_from(self.firstVisibleBlock()):
            b_start, b_end = block.position(), block.position() + block.length() - 1
            i = bisect_left(self._quote_starts, b_end)
            if i and self._quote_reach[i - 1] > b_start and not is_blank(block):
                lines = block.layout().boundingRect()  # the paragraph's lines, without the gap after it
                y = top + lines.top()
                painter.fillRect(QRect(2, int(y) + 2, _QUOTE_BAR_WIDTH, int(lines.height()) - 4), colour)
        painter.end()

    def claim_mark_runs(self) -> list[tuple[ClaimLabel, QRectF]]:
        """Where the lines under the claims in view go: each drawn stretch's label, and one
        viewport rectangle per line (or per stretch of a line mixing directions) it covers."""
        if not self._stretches:
            return []
        top = self._first_shown_position()
        viewport = self.viewport()
        bottom = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        runs = []
        for s, e, claim in itertools.islice(self._stretches, bisect_right(self._stretch_ends, top), None):
            if s > bottom:
                break
            # From the page's top: walking down from a long claim's start far above took every
            # paragraph between on each paint.
            for rect in self._span_rects(max(s, top), e):
                runs.append((claim.label, rect.adjusted(_OUTLINE_ROOM, 0, -_OUTLINE_ROOM, 0)))
        return runs

    def _paint_claim_marks(self) -> None:
        """Each claim's line along the foot of its lines (`claim_marks`): its label without colour."""
        runs = self.claim_mark_runs()
        if not runs:
            return
        scheme = scheme_for(self.palette())
        painter = QPainter(self.viewport())
        for label, rect in runs:
            paint_mark(
                painter, mark_of(label), rect.left(), rect.right(), rect.bottom(), scheme.mark_colour(label)
            )
        painter.end()

    def _paint_selection(self) -> None:
        """A solid outline around the selection, which Qt fills only faintly (`_apply_selection_colours`)."""
        rects = self.selection_rects()
        if not rects:
            return
        # The text's colour: unlike the highlight, it cannot be taken for a label's outline.
        colour = QColor(self.palette().color(QPalette.ColorRole.Text))
        colour.setAlpha(170)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, _OUTLINE_WIDTH)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setClipPath(self._clear_of_claim_marks(rects))
        for rect in rects:
            painter.drawRoundedRect(_outline(rect, pen), 3, 3)
        painter.end()

    def _clear_of_claim_marks(self, rects: list[QRectF]) -> QPainterPath:
        """The viewport less the foot of each claim's line the outline around `rects` would cross.

        The outline's bottom edge runs along the same pixels as the claim's line (`claim_marks`):
        it filled the gaps between a questionable claim's dots, so a claim just labelled, which
        stays selected, read as solid until the selection went. There the claim's line is the
        outline's foot.
        """
        bands = QPainterPath()
        bands.setFillRule(Qt.FillRule.WindingFill)  # runs that touch add up, not cancel out
        for _label, run in self.claim_mark_runs():
            if any(run.intersects(rect) for rect in rects):
                height = MARK_HEIGHT + _MARK_GAP
                bands.addRect(QRectF(run.left(), run.bottom() - height, run.width(), height))
        clear = QPainterPath()
        clear.addRect(QRectF(self.viewport().rect()))
        return clear.subtracted(bands) if not bands.isEmpty() else clear

    def _paint_suggestion(self) -> None:
        """A dashed outline in the suggested label's colour, and a dashed bar in the right margin.

        Dashes and an outline, never a fill: a person's claim is a solid background,
        so the two cannot be mistaken for each other even in grey.
        """
        shown = self._shown_suggestion
        rects = self.suggestion_rects() if shown is not None else []
        if shown is None or not rects:
            return
        colour = scheme_for(self.palette()).suggestion_colour(shown.label)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, _OUTLINE_WIDTH, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in rects:
            painter.drawRoundedRect(_outline(rect, pen), 3, 3)
        top, bottom = min(r.top() for r in rects), max(r.bottom() for r in rects)
        right = self.viewport().width() - _SUGGESTION_BAR_WIDTH - 2
        bar = QPen(colour, _SUGGESTION_BAR_WIDTH, Qt.PenStyle.DashLine, Qt.PenCapStyle.FlatCap)
        painter.setPen(bar)
        x = right + _SUGGESTION_BAR_WIDTH / 2
        painter.drawLine(QPointF(x, top + 2), QPointF(x, bottom - 1))
        painter.end()


def _outline(rect: QRectF, pen: QPen) -> QRectF:
    """The path a pen of its width follows to stay inside `rect`, the same on every side (a
    pixel off the right and bottom, as at a scale of 1, is most of two device pixels at 1.75)."""
    half = pen.widthF() / 2
    return rect.adjusted(half, half, -half, -half)


def _x_at(line: QTextLine, position: int) -> float:
    """PySide6 returns (x, position) from cursorToX; other bindings return x alone. PySide's
    stubs say `object`, so the cast names both."""
    found = cast("tuple[float, int] | float", line.cursorToX(position))
    return float(found[0] if isinstance(found, tuple) else found)


def _x_at_ends(line: QTextLine, start: int, end: int) -> tuple[float, float]:
    """Left and right x of a span of a line written in one direction."""
    x1, x2 = _x_at(line, start), _x_at(line, end)
    return min(x1, x2), max(x1, x2)


def _stretches(line: QTextLine, start: int, end: int) -> list[tuple[float, float]]:
    """Left and right x of each stretch of a line that a span of it covers, left to right.

    Where directions mix, the characters of one span are not one stretch of the line
    ("said الاقتصاد" of "said الاقتصاد قوي" is drawn as "said", then words that are not in
    it, then "الاقتصاد"), and the x of the caret at a change of direction may be either
    run's edge. Qt's glyph runs for the span cover, each, a run of one direction and font
    and know where on the line they are; runs that touch are one stretch.
    """
    runs = sorted(
        (rect.left(), rect.right())
        for rect in (run.boundingRect() for run in line.glyphRuns(start, end - start))
        if rect.width() > 0
    )
    if not runs:
        return [_x_at_ends(line, start, end)]
    stretches = [runs[0]]
    for left, right in runs[1:]:
        last_left, last_right = stretches[-1]
        if left <= last_right + 0.5:
            stretches[-1] = (last_left, max(last_right, right))
        else:
            stretches.append((left, right))
    return stretches


def _label_name(label: ClaimLabel) -> str:
    return _tr(label.text).lower()


def _first_line(text: str) -> str:
    """The text's first non-blank line, its white space collapsed as a title's is."""
    return " ".join(text.lstrip().split("\n", 1)[0].split())
