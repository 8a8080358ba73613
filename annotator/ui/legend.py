"""The legend: what each colour means, and a switch per entity type.

Hiding a type is a reading aid (dates everywhere drown out people and places),
so the choice is remembered in settings rather than per article. The common types
have a switch in the row; every other type is in the "More types" menu beside them,
so the legend keeps its height whatever types an article has (it grew a row, and
pushed the text down, when an article brought new types).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLayout,
    QLayoutItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ClaimLabel
from annotator.ui.claim_marks import MarkStyle, mark_of, paint_mark
from annotator.ui.palette import Scheme, scheme_for


def _tr(text: str) -> str:
    """Translate a string outside a QObject method (one context for the module's loose strings)."""
    return QCoreApplication.translate("annotator", text)


# The spaCy English labels in the order people look for them; each has a switch in the row.
COMMON_ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE")
# The rest of the English models' labels, under "More types" (with any other type seen).
OTHER_ENTITY_LABELS = (
    "CARDINAL",
    "LANGUAGE",
    "LAW",
    "MONEY",
    "ORDINAL",
    "PERCENT",
    "PRODUCT",
    "QUANTITY",
    "TIME",
    "WORK_OF_ART",
)


def swatch(
    colour: QColor,
    *,
    size: int = 12,
    star: bool = False,
    ratio: float = 1.0,
    rim_when_selected: bool = True,
    on_dark: bool = False,
    rim: bool = True,
) -> QIcon:
    """A label's colour chip; with `star`, a five-pointed star in that colour, which marks a
    reviewer's gold label in the claim list wherever its row shows, By column or not.

    Drawn at `ratio` (the screen's device pixels per pixel) as well as at 1: a chip drawn at 1
    alone was blown up pixel by pixel beside text drawn at the screen's scale, a blocky star at 2
    and at 1.75 a rim of uneven width, one device pixel on one side and two on another.

    The rim, a shade darker than the chip, outlines a pale chip on a light page. On a dark page
    (`on_dark`) it is a shade lighter: away from the page, as on the light one. The darker shade
    there lay between a dark chip and the darker page, fainter against the page than the chip
    (1.3:1), a band round the chip that read as a focus ring; the lighter one stands 2:1 or more
    from the page, a shade off the fill. On a selected row (the selection lighter than both) the
    darker rim showed as a smudge round it: without `rim_when_selected` a selected row's chip
    is its fill alone. Without `rim`, every row's is: a chip that stands 3:1 from its row by
    its fill (`Scheme.chip_colour`) needs no outline.
    """
    icon = QIcon()
    for scale in sorted({1.0, ratio}):
        pixmap = _swatch_pixmap(colour, size=size, star=star, ratio=scale, rim=rim, on_dark=on_dark)
        icon.addPixmap(pixmap)
        # The same colour on a selected row: the style tinted it with the selection's, so the
        # selected claim's orange chip showed olive, a colour no label has.
        if not rim_when_selected:
            pixmap = _swatch_pixmap(colour, size=size, star=star, ratio=scale, rim=False)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def _swatch_pixmap(
    colour: QColor, *, size: int, star: bool, ratio: float, rim: bool = True, on_dark: bool = False
) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    rim_colour = colour.lighter(120) if on_dark else colour.darker(140)  # away from the page
    if not rim:
        painter.setPen(Qt.PenStyle.NoPen)
        if star:
            painter.drawPolygon(_star(size))
        else:  # as large as the chip with its rim, so selecting a row moves no edge inward
            painter.drawRoundedRect(QRectF(0, 0, size, size), 2, 2)
    elif star:
        painter.setPen(QPen(rim_colour, 1))
        painter.drawPolygon(_star(size))
    else:
        # The outline a whole number of device pixels wide, on device pixels: a logical pixel at
        # 1.75 is 1.75 device pixels, whose fraction would show as a blurred rim.
        width = max(1, round(ratio)) / ratio
        painter.setPen(QPen(rim_colour, width))
        inset = width / 2
        painter.drawRoundedRect(QRectF(inset, inset, size - width, size - width), 2, 2)
    painter.end()
    return pixmap


def _star(size: int) -> QPolygonF:
    """A five-pointed star filling a square of `size`, point up (the glyph ★ drawn, as fonts
    that lack it would show a box)."""
    centre, outer = (size - 1) / 2, (size - 1) / 2
    inner = outer * 0.45
    points = []
    for n in range(10):
        radius = outer if n % 2 == 0 else inner
        angle = math.pi / 2 + n * math.pi / 5
        points.append(QPointF(centre + radius * math.cos(angle), centre + 0.6 - radius * math.sin(angle)))
    return QPolygonF(points)


def label_text(label: ClaimLabel) -> str:
    """A label's name as people read it (`ClaimLabel.text`), through Qt's translation."""
    return _tr(label.text)


def style_sample(widget: QWidget, text: str, kind: str) -> QPixmap:
    """A word drawn the way the article draws it: `suggested` / `accepted` entity, `label`
    suggestion, `quotation`.

    Painted rather than rich text: Qt's rich text has no dashed or dotted underline. The
    quotation was rich text, underlined solid in the text's colour, where the article dots
    the line in the quotation colour (`article_view.entity_format`).
    """
    font = QFont(widget.font())
    if kind == "accepted":
        font.setBold(True)
    elif kind == "quotation":
        font.setItalic(True)
    metrics = QFontMetrics(font)
    ratio = widget.devicePixelRatioF()
    pad = 4 if kind == "label" else 0
    width, height = metrics.horizontalAdvance(text) + 2 * pad + 2, metrics.height() + 4
    pixmap = QPixmap(int(width * ratio), int(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(0, 0, 0, 0))
    colour = widget.palette().color(QPalette.ColorRole.WindowText)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QPointF(pad + 1, metrics.ascent() + 1), text)
    if kind == "suggested":
        painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
        y = metrics.ascent() + metrics.underlinePos() + 1.5
        painter.drawLine(QPointF(1, y), QPointF(width - 1, y))
    elif kind == "quotation":
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # dots, not a grey smear
        painter.setPen(QPen(scheme_for(widget.palette()).quote_colour(), 1, Qt.PenStyle.DotLine))
        y = metrics.ascent() + metrics.underlinePos() + 1
        painter.drawLine(QPointF(1, y), QPointF(width - 1, y))
    elif kind == "label":
        painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(0.75, 0.75, width - 1.5, height - 1.5), 3, 3)
    painter.end()
    return pixmap


class ClaimChip(QLabel):
    """A claim label's chip: its colour, its key and name, and the line its claims have under
    them in the article (`claim_marks`), so the legend teaches the line as well as the colour."""

    def __init__(self, label: ClaimLabel, text: str, scheme: Scheme) -> None:
        super().__init__(text)
        self.label = label
        self.set_scheme(scheme)

    def set_scheme(self, scheme: Scheme) -> None:
        """The theme's colours, the legend's: the chip's own palette has its style sheet's
        background for the page, and a line worked out from it lost its contrast."""
        self.setStyleSheet(chip_style(scheme, self.label))
        self._mark_colour = scheme.mark_colour(self.label)
        self.update()

    def mark_span(self) -> tuple[float, float, float]:
        """Left, right and foot of the chip's line: under its text, at the foot of its box,
        where the article draws it at the foot of a line."""
        rect = self.contentsRect()
        return rect.left(), rect.right() + 1.0, self.height() - 1.0

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        left, right, bottom = self.mark_span()
        painter = QPainter(self)
        paint_mark(painter, mark_of(self.label), left, right, bottom, self._mark_colour)
        painter.end()


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps, so many entity types never get cut off.

    With `set_max_rows` it wraps only so far: what does not fit in those rows is hidden
    (folded), except the last item when `pinned`, which keeps its place at the end of the
    last row (the legend's "More types" button, which offers what was folded). On a small or
    scaled screen (1366x768 at 200%) the legend wrapped to six rows and left the article
    two lines.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 6,
        pinned: bool = False,
        folds: Callable[[], None] | None = None,
    ) -> None:
        """`folds` is called after a layout folded or unfolded a widget."""
        super().__init__(parent)
        self._folds = folds
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._pinned = pinned
        self._max_rows: int | None = None
        self._folded: set[QWidget] = set()
        self._heights: dict[tuple[int, int | None], int] = {}
        """Heights worked out, by width and rows, until the layout is invalidated: Qt asks
        for them again at every splitter move, size hint and event-loop turn, and each answer
        measured every item (110,000 times in 171 windows' short lives)."""
        self.setContentsMargins(0, 0, 0, 0)

    def invalidate(self) -> None:
        # Qt invalidates a layout whenever an item's size hint, the items or the text change.
        self._heights.clear()
        super().invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        self._heights.clear()
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        self._heights.clear()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        key = (width, self._max_rows)
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def height_for(self, width: int, rows: int) -> int:
        """The height at `width` wrapped to at most `rows` rows, whatever it is wrapped to now."""
        kept, self._max_rows = self._max_rows, rows
        try:
            return self._arrange(QRect(0, 0, width, 0), move=False)
        finally:
            self._max_rows = kept

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(self._hint(item) if self._max_rows is not None else item.minimumSize())
        return size

    def set_max_rows(self, rows: int | None) -> None:
        """Wrap to at most `rows` rows and fold the rest away; None wraps as far as it takes."""
        if rows == self._max_rows:
            return
        self._max_rows = rows
        if rows is None:
            # Emptied first: showing a widget lays its parent out again at once, in `_arrange`.
            folded, self._folded = self._folded, set()
            for widget in folded:
                widget.show()
            if folded and self._folds is not None:
                self._folds()
        self.invalidate()

    def rows(self, width: int, *, first: int | None = None, widths: Sequence[int] = ()) -> int:
        """How many rows the first `first` items (all by default) take at `width`, unfolded;
        the first items as wide as `widths` says, if it says (as they would be with other text)."""
        rows, x = 0, 0
        for at, item in enumerate(self._items[:first]):
            wide = widths[at] if at < len(widths) else self._hint(item).width()
            if rows == 0 or (x > 0 and x + wide > width - 1):
                rows, x = rows + 1, 0
            x += wide + self._spacing
        return rows

    def _hint(self, item: QLayoutItem) -> QSize:
        """The item's size when shown: Qt gives a hidden widget's item no size, and a folded
        widget must be measured as it would be shown, or it unfolds at once."""
        widget = item.widget()
        return widget.sizeHint() if widget is not None and self._max_rows is not None else item.sizeHint()

    def row_starts(self, width: int) -> list[int]:
        """Where each row after the first begins (items' indexes) when nothing is folded, with
        no item alone on the last row if the row above can spare one.

        Wrapped as far as each row fills, the legend's last style sample ("suggested label")
        took the second row alone at 1366 px, a line that read as apart from the rest. The
        row above gives it the item before it, when that leaves two or more there and both
        fit: the rows are as many, and no taller.
        """
        hints = [self._hint(item) for item in self._items]
        widths = [hint.width() for hint in hints]
        starts, x, line_height = [], 0, 0
        for at, hint in enumerate(hints):  # as `_arrange` wraps
            if line_height > 0 and x + hint.width() > width - 1:
                starts.append(at)
                x, line_height = 0, 0
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        if starts:
            last, above = starts[-1], starts[-2] if len(starts) > 1 else 0
            alone = last == len(widths) - 1
            together = widths[last - 1] + self._spacing + widths[last]
            if alone and last - above >= 3 and together <= width - 1:
                starts[-1] = last - 1
        return starts

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line_height, row = rect.x(), rect.y(), 0, 1
        pinned = self._items[-1] if self._pinned and self._items and self._max_rows is not None else None
        reserved = self._hint(pinned).width() + self._spacing if pinned is not None else 0
        # Folding keeps the rows as full as they go; unfolded, no item is left alone (`row_starts`).
        starts = set(self.row_starts(rect.width())) if self._max_rows is None else None
        folding, changed = False, False
        for at, item in enumerate(self._items):
            hint = self._hint(item)
            last_row = self._max_rows is not None and row >= self._max_rows
            if starts is not None:
                wraps = at in starts
            else:
                wraps = not folding and not last_row and x + hint.width() > rect.right() and line_height > 0
            if wraps:
                x, y = rect.x(), y + line_height + 2
                line_height, row = 0, row + 1
                last_row = self._max_rows is not None and row >= self._max_rows
            if item is not pinned and last_row and not folding:
                # The last row keeps room for the pinned item, even if nothing else then fits.
                crowded = line_height > 0 or pinned is not None
                folding = crowded and x + hint.width() > rect.right() - reserved
            if item is not pinned and folding:  # in order: a later, shorter item never jumps the gap
                if move:
                    changed |= self._fold(item, True)
                continue
            if move:
                changed |= self._fold(item, False)
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        if changed:
            if self._folds is not None:
                self._folds()
            QTimer.singleShot(0, self, self._settle)
        return y + line_height - rect.y()

    def _settle(self) -> None:
        """Lay the parent out once more, after a pass that folded or unfolded a widget.

        Showing a widget lays its parent out at once, inside the pass that showed it: that
        nested pass and the rest of the outer one left the rows' items where two different
        passes put them, the style samples over the entity switches (a legend widened from 318
        to 338 px). A pass of its own, with nothing left to fold, puts everything where
        one layout says."""
        self.invalidate()
        parent = self.parentWidget()
        if parent is not None:
            parent.updateGeometry()

    def _fold(self, item: QLayoutItem, folded: bool) -> bool:
        """Fold or unfold the item's widget: whether that changed anything."""
        widget = item.widget()
        if widget is None or (widget in self._folded) == folded:
            return False
        if folded:
            self._folded.add(widget)
        else:
            self._folded.discard(widget)
        widget.setVisible(not folded)
        return True


_LABEL = "entityLabel"
"""The property naming the type a legend switch (a box, a "More types" item) shows or hides."""


class Legend(QWidget):
    """Claim colours with their keys, the quotation style, and entity types that can be toggled."""

    hiddenChanged = Signal(frozenset)

    def __init__(self, parent: QWidget | None = None, *, hidden: Iterable[str] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setAccessibleName(self.tr("Legend"))
        self._hidden = set(hidden)
        self._boxes: dict[str, QCheckBox] = {}
        self._more: dict[str, QAction] = {}
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        # Flows too: with the style samples this row is wider than a narrow window.
        self._claims_row = FlowLayout(spacing=10)
        layout.addLayout(self._claims_row)
        # "More types" stays, at the end, and counts the hidden types the row folded into it.
        self._entity_row = FlowLayout(spacing=8, pinned=True, folds=self._update_more_text)
        layout.addLayout(self._entity_row)
        self._labels: list[ClaimChip] = []
        self._height_budget: int | None = None
        self._room: int | None = None  # the most the column can give the legend (`set_height_budget`)
        self._least = 0  # the legend's height folded its furthest at its width (`minimumSizeHint`)
        self._folded_actions: dict[str, QAction] = {}
        self._holding_changes = False  # switches set by `show_every_type`, which says the change once
        self._build()

    def _build(self) -> None:
        scheme = scheme_for(self.palette())
        for label in ClaimLabel:
            text = ClaimChip(label, chip_text(label), scheme)
            text.setAccessibleName(self.tr("Claim colour: {0}").format(label_text(label)))
            # The name of a chip that shows its key only (`_show_compact`), and its line in words.
            text.setToolTip(
                self.tr("{0}: key {1}; its claims have {2} under them").format(
                    label_text(label), label.key, mark_text(mark_of(label))
                )
            )
            self._claims_row.addWidget(text)
            self._labels.append(text)
        self._samples: list[tuple[QLabel, str, str]] = []
        for text, kind, tip in (
            (
                self.tr("quotation"),
                "quotation",
                self.tr(
                    "Quotations are italic, underlined and marked in the margin. Hover over one to see "
                    "its kind (a quotation, a partial quotation woven into the sentence, or a scare quote "
                    "no one is said to have said) and who said it"
                ),
            ),
            (
                self.tr("suggested"),
                "suggested",
                self.tr("An entity the model found: its type colour with a dashed underline"),
            ),
            (
                self.tr("accepted"),
                "accepted",
                self.tr(
                    "An entity a person accepted or added: bold. Rejected ones are not shown "
                    "(entity mode shows them struck through)"
                ),
            ),
            (
                self.tr("suggested label"),
                "label",
                self.tr(
                    "The model's label for the current candidate: a dashed outline in the label "
                    "colour; a person's label always replaces it"
                ),
            ),
        ):
            sample = QLabel()
            sample.setObjectName(f"legendSample_{kind}")
            sample.setToolTip(tip)
            sample.setAccessibleName(tip)
            sample.setPixmap(style_sample(self, text, kind))
            self._claims_row.addWidget(sample)
            self._samples.append((sample, text, kind))
        for label in COMMON_ENTITY_LABELS:
            self._add_entity_label(label, scheme)
        self.more_button = QToolButton()
        self.more_button.setObjectName("legendMore")
        self.more_button.setText(self.tr("More types"))
        self.more_button.setToolTip(self.tr("Show or hide the other entity types"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setAutoRaise(True)
        self.more_menu = QMenu(self.more_button)
        self.more_menu.setObjectName("legendMoreMenu")
        self.more_menu.aboutToShow.connect(self._fill_menu)  # with the switches folded at this width
        self.more_button.setMenu(self.more_menu)
        self._entity_row.addWidget(self.more_button)
        self._add_more_labels(OTHER_ENTITY_LABELS)

    def _add_entity_label(self, label: str, scheme: Scheme) -> None:
        box = QCheckBox(label)
        box.setObjectName(f"legend_{label}")
        box.setAccessibleName(self.tr("Show {0} entities").format(label))
        box.setChecked(label not in self._hidden)
        box.setStyleSheet(f"color: {scheme.entity_colour(label).name()}; font-weight: 600;")
        box.setProperty(_LABEL, label)
        box.toggled.connect(self._switch_toggled)
        self._entity_row.addWidget(box)
        self._boxes[label] = box

    def _add_more_labels(self, labels: Iterable[str]) -> None:
        """New types go into the menu, kept in alphabetical order; the row never changes.

        The button counts those of them hidden already (in the settings, from an earlier
        session): it read "More types" at every start, as if every type were shown.
        """
        new = set(labels) - set(self._boxes) - set(self._more)
        if not new:
            return
        for label in new:
            # No colour swatch: an icon takes the place of the check mark in many styles.
            # Owned by the legend, not the menu: `QMenu.clear` below deletes the actions it owns,
            # and the next article with a new type met a deleted C++ object.
            action = QAction(label, self)
            action.setObjectName(f"legend_{label}")
            action.setCheckable(True)
            action.setChecked(label not in self._hidden)
            action.setProperty(_LABEL, label)
            action.toggled.connect(self._switch_toggled)
            self._more[label] = action
        self._fill_menu()
        self._update_more_text()

    def _fill_menu(self) -> None:
        """The "More types" menu: the switches folded out of the row first, then the other types."""
        self.more_menu.clear()
        folded = [label for label, box in self._boxes.items() if box.isHidden()]
        names = folded + sorted(self._more)
        actions = [self._folded_action(label) for label in folded] + [
            self._more[label] for label in names[len(folded) :]
        ]
        for at, (action, text) in enumerate(zip(actions, with_mnemonics(names), strict=True)):
            if at == len(folded) and folded:
                self.more_menu.addSeparator()
            action.setText(text)
            self.more_menu.addAction(action)

    def _folded_action(self, label: str) -> QAction:
        """A menu item that stands for a switch folded out of the row, checked as the switch is."""
        action = self._folded_actions.get(label)
        if action is None:
            box = self._boxes[label]
            action = QAction(label, self)  # owned by the legend, as `_add_more_labels` says why
            action.setObjectName(f"legendFolded_{label}")
            action.setCheckable(True)
            action.toggled.connect(box.setChecked)
            box.toggled.connect(action.setChecked)
            self._folded_actions[label] = action
        action.setChecked(self._boxes[label].isChecked())
        return action

    def set_height_budget(self, pixels: int | None, *, room: int | None = None) -> None:
        """Take at most about `pixels` (at least a row of colours and a row of switches); None: any.

        The article below is what people read, so on a short window the legend folds: the style
        samples go first, then the entity switches, which move into the "More types" menu.
        With less than `room` pixels for the colours whole, each shows its key only (`_fit`).
        """
        self._height_budget, self._room = pixels, room
        self._fit(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())
        least = self._least_height(event.size().width())
        if least != self._least:
            self._least = least
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        """At least as tall as the rows folded their furthest at the legend's width: the claim
        colours whole, with their keys only (`_show_compact`), and a row for "More types" (see `_fit`).

        Qt's minimum is a row of each, and a short column (a short window, a large font on a
        small screen) gave the legend less than its rows took: they were laid over each other,
        "More types" over "3 Questionable". The article below gives way instead. Not the rows'
        height within the budget: the budget is a share of the column, which the legend's
        minimum makes taller, and the two would grow each other (a window 2280 px tall at 400%)."""
        hint = super().minimumSizeHint()
        # As wide as the colours with their names, whatever they show: a key-only chip that
        # narrowed the column's minimum would let the splitter take the width that named it.
        margins = self._layout.contentsMargins()
        named = max(self._chip_widths(compact=False)) + margins.left() + margins.right()
        return QSize(max(hint.width(), named), max(hint.height(), self._least))

    def _chip_widths(self, *, compact: bool) -> list[int]:
        """The claim colours' widths with their keys only, or with their names too."""
        widths = []
        for label, chip in zip(ClaimLabel, self._labels, strict=True):
            metrics, text = chip.fontMetrics(), chip_text(label, compact)
            # As QLabel measures its text: a fractional advance rounds otherwise.
            room = QRect(0, 0, 10000, 1000)
            shown, wanted = (metrics.boundingRect(room, 0, t).width() for t in (chip.text(), text))
            widths.append(chip.sizeHint().width() + wanted - shown)
        return widths

    def _least_height(self, width: int, *, compact: bool = True) -> int:
        """The legend's height at `width` folded its furthest (`_fit` with two lines), its colours
        showing their keys only (`compact`) or their names too."""
        margins = self._layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        widths = self._chip_widths(compact=compact)
        chips = self._claims_row.rows(inner, first=len(ClaimLabel), widths=widths)
        rows = self._claims_row.height_for(inner, chips) + self._entity_row.height_for(inner, 1)
        return rows + self._layout.spacing() + margins.top() + margins.bottom()

    def _show_compact(self, compact: bool) -> None:
        """The claim colours with their keys only, or with their names too.

        With twice the desktop's font on a 683 px wide column, "3 Questionable" took a row of its
        own beside the other two: four rows with "More types", and the window's least height came
        to 391 px, taller than a 768 px screen at 200% with its title bar. Keys only, they take one
        row; their names are in their tooltips, and on the claims they colour.
        """
        for label, chip in zip(ClaimLabel, self._labels, strict=True):
            text = chip_text(label, compact)
            if chip.text() != text:
                chip.setText(text)

    def _fit(self, width: int) -> None:
        """Give the two rows as many lines as the height budget allows at this width."""
        self._show_compact(self._room is not None and self._least_height(width, compact=False) > self._room)
        margins = self._layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        claims, entities = self._claims_row.rows(inner), self._entity_row.rows(inner)
        row_height = self.more_button.sizeHint().height() + 2
        lines = None if self._height_budget is None else max(2, self._height_budget // row_height)
        if lines is None or claims + entities <= lines:
            self._claims_row.set_max_rows(None)
            self._entity_row.set_max_rows(None)
        else:  # the claim colours whole, however narrow: they say which key gives which label
            chips = self._claims_row.rows(inner, first=len(ClaimLabel))
            claims = max(chips, min(claims, lines - 1))
            self._claims_row.set_max_rows(claims)
            self._entity_row.set_max_rows(max(1, lines - claims))

    def set_entity_labels(self, labels: Iterable[str]) -> None:
        """Make sure every type in the current article can be switched (in the menu, if not common)."""
        self._add_more_labels(labels)

    def set_hidden(self, label: str, hidden: bool) -> None:
        """Hide or show one entity type, as its switch would."""
        switch = self._boxes.get(label) or self._more.get(label)
        if switch is not None:
            switch.setChecked(not hidden)
        else:
            self._toggle(label, not hidden)

    def show_every_type(self) -> None:
        """Switch every hidden type back on, as their switches would, in one change.

        Shown one by one, each type was a change of its own: the window wrote the settings
        file and drew the article again for each, and a few hundred types hidden (a list a
        settings file may hold) froze it for seconds.
        """
        if not self._hidden:
            return
        self._holding_changes = True
        try:
            for label in sorted(self._hidden):
                self.set_hidden(label, False)
        finally:
            self._holding_changes = False
        self._update_more_text()
        self.hiddenChanged.emit(frozenset(self._hidden))

    def _switch_toggled(self, on: bool) -> None:
        """A type's box or menu item: a method, not a lambda holding the legend, which PySide
        kept for as long as the switch, which the legend owns (a cycle Python cannot free)."""
        self._toggle(str(self.sender().property(_LABEL)), on)

    def _toggle(self, label: str, on: bool) -> None:
        if on:
            self._hidden.discard(label)
        else:
            self._hidden.add(label)
        if self._holding_changes:
            return  # `show_every_type` says the change once
        self._update_more_text()
        self.hiddenChanged.emit(frozenset(self._hidden))

    def _update_more_text(self) -> None:
        """Count the hidden types the menu holds, folded switches included."""
        in_menu = set(self._more) | {label for label, box in self._boxes.items() if box.isHidden()}
        hidden_more = len(self._hidden & in_menu)
        self.more_button.setText(
            self.tr("More types ({0} hidden)").format(hidden_more) if hidden_more else self.tr("More types")
        )

    @property
    def hidden(self) -> frozenset[str]:
        return frozenset(self._hidden)

    def checkbox(self, label: str) -> QCheckBox:
        return self._boxes[label]

    def claim_chip(self, label: ClaimLabel) -> ClaimChip:
        """The chip that shows a claim label's colour, line and key."""
        return self._labels[list(ClaimLabel).index(label)]

    def changeEvent(self, event: QEvent) -> None:
        # A theme chosen in View ▸ Theme reaches the window before it reaches this widget: only
        # here does `self.palette()` hold the new colours (refreshing from the window's
        # PaletteChange drew the light chips, with the dark theme's light text on them).
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_colours()
        super().changeEvent(event)

    def refresh_colours(self) -> None:
        scheme = scheme_for(self.palette())
        for chip in self._labels:
            chip.set_scheme(scheme)
        for label, box in self._boxes.items():
            box.setStyleSheet(f"color: {scheme.entity_colour(label).name()}; font-weight: 600;")
        for sample, text, kind in self._samples:
            sample.setPixmap(style_sample(self, text, kind))


def chip_style(scheme: Scheme, label: ClaimLabel) -> str:
    """A claim chip's style sheet: the claim's colour, and room at its foot for the claim's line
    below the text (`ClaimChip`), as the article leaves it below the words."""
    return (
        f"background: {scheme.claim_background(label).name()}; padding: 0px 6px 3px 6px; border-radius: 3px;"
    )


def mark_text(style: MarkStyle) -> str:
    """The line under a claim in words, for the chip's tooltip."""
    return {
        MarkStyle.SOLID: _tr("a solid line"),
        MarkStyle.WAVE: _tr("a wavy line"),
        MarkStyle.DOTS: _tr("a dotted line"),
    }[style]


def chip_text(label: ClaimLabel, compact: bool = False) -> str:
    """A claim colour's text in the legend: its key and name, or its key only (`compact`)."""
    return label.key if compact else f"{label.key} {label_text(label)}"


def with_mnemonics(names: Sequence[str]) -> list[str]:
    """Menu texts for names read from data, each with an underlined letter no other has.

    Entity types come from the model and from files, so no fixed letters can be written down:
    each takes its first letter or digit that is still free (LANGUAGE L, LAW A), and a name
    whose letters are all taken goes without. A "&" in a name is shown as itself.
    """
    taken: set[str] = set()
    texts = []
    for name in names:
        escaped = name.replace("&", "&&")
        free = next((i for i, c in enumerate(name) if c.isalnum() and c.casefold() not in taken), None)
        if free is None:
            texts.append(escaped)
            continue
        taken.add(name[free].casefold())
        at = free + name[:free].count("&")  # the escaped name is longer by one per "&" before it
        texts.append(f"{escaped[:at]}&{escaped[at:]}")
    return texts
