"""Small charts drawn with QPainter, so the dashboard needs no QtCharts (PySide6-Addons) or web view.

Each chart takes plain lists and dicts from `core.reports.TeamStats`; colours
are Okabe-Ito, and every series is also named in a legend, never colour alone.
Past eight series the colours come round again with another dash, marker and
hatch (`core.palette.series_style`), and the legend wraps into columns.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from annotator.core.bidi import isolated
from annotator.core.charts import (
    day_labels,
    labelled_points,
    nice_max,
    nice_max_with_room,
    side_by_side,
    tick_intervals,
    tick_labels,
)
from annotator.core.palette import GRAPHIC_CONTRAST, SeriesStyle, edge_colour, series_style
from annotator.ui.palette import blend, contrast, is_dark
from annotator.ui.plain import tip

__all__ = [
    "Bar",
    "BarChart",
    "LegendEntry",
    "LineChart",
    "StackedBarChart",
    "edge",
    "nice_max",
    "tick_intervals",
]

_DASHES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine}
_HATCHES = {"diagonal": Qt.BrushStyle.BDiagPattern, "cross": Qt.BrushStyle.DiagCrossPattern}


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: where it is drawn and what it says (`name` in full)."""

    name: str
    rect: QRectF
    shown: str


@dataclass(frozen=True)
class Bar:
    """One drawn bar: where, for which x label (`group`) and series, and its count."""

    rect: QRectF
    group: int
    name: str
    value: float


X_LABEL_WIDTH = 48
"""Pixels a thinned name under the x axis may take ("05-21", or a name's first letters)."""


class _Chart(QWidget):
    """Title, y axis with grid lines and a legend; subclasses draw the data."""

    margins = (44, 26, 110, 40)  # left, top, right, bottom
    """The least margins; with larger text the top and bottom grow to the font (`_top_margin`)."""
    legend_row = 16
    legend_text = 80
    """The widest a legend name is drawn at the least (twelve average letters with larger text);
    the tooltip has it whole."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.xs: list[str] = []
        self.series: dict[str, list[float]] = {}
        self.colours: dict[str, str] = {}
        self.drawn: list[tuple[QRectF, str]] = []
        """Where the last paint wrote each text, as the font laid it out, and the text."""
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._describe()

    def sizeHint(self) -> QSize:
        return QSize(480, 240)

    def set_data(
        self,
        xs: Sequence[str],
        series: Mapping[str, Sequence[float]],
        *,
        colours: Mapping[str, str] | None = None,
        title: str | None = None,
    ) -> None:
        """Show `series` over `xs`; `colours` fixes a series's colour (the labels have their own)."""
        self.xs = list(xs)
        self.series = {name: list(values) for name, values in series.items()}
        self.colours = dict(colours or {})
        if title is not None:
            self.title = title
        self._describe()
        self.update()

    def _describe(self) -> None:
        """Say in words what the chart draws: a screen reader finds nothing in painted pixels."""
        self.setAccessibleName(self.title)
        parts = [
            f"{name}: " + ", ".join(f"{x} {value:g}" for x, value in zip(self.xs, values, strict=False)) + "."
            for name, values in self.series.items()
        ]
        self.setAccessibleDescription(" ".join(parts) if self.xs and parts else self.tr("No data."))

    def styles(self) -> dict[str, SeriesStyle]:
        """Each series's colour, dash, marker and hatch, for the theme the chart is shown in."""
        dark = is_dark(self.palette())
        return {
            name: SeriesStyle(self.colours[name]) if name in self.colours else series_style(k, dark=dark)
            for k, name in enumerate(self.series)
        }

    def legend(self) -> list[LegendEntry]:
        """The legend's entries, in columns at the right as tall as the chart.

        One column ran below the chart from the twelfth annotator on, and the rest were
        cut off. Columns are added while the plot keeps half the width; names that still
        do not fit end in a "+N more" entry, whose tooltip names them.
        """
        names = list(self.series)
        if not names:
            return []
        metrics = self.fontMetrics()
        top = self._title_bottom()
        row = self._legend_row()
        rows = max(1, int((self.height() - top - 4) // row))
        widest = max(metrics.horizontalAdvance(name) for name in names)
        text_w = self._legend_text_width()
        column_w = 26 + min(widest, text_w) + 8
        most_columns = max(1, int((self.width() * 0.5 - 10) // column_w))
        columns = min(math.ceil(len(names) / rows), most_columns)
        if columns * rows < len(names):
            room = columns * rows - 1
            hidden = names[room:]
            names = [*names[:room], self.tr("+{0} more").format(len(hidden))]
        left = self.width() - columns * column_w
        entries = []
        for k, name in enumerate(names):
            rect = QRectF(left + (k // rows) * column_w, top + (k % rows) * row, column_w, row)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, text_w)
            full = name if name in self.series else "\n".join(list(self.series)[len(names) - 1 :])
            entries.append(LegendEntry(full, rect, shown))
        return entries

    def _legend_row(self) -> int:
        """A legend line's height: a line of text and a pixel either side, 16 at the least."""
        return max(self.legend_row, self.fontMetrics().height() + 2)

    def _legend_text_width(self) -> int:
        return max(self.legend_text, 12 * self.fontMetrics().averageCharWidth())

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _title_rect(self) -> QRectF:
        return QRectF(8, 4, max(0, self.width() - 16), QFontMetrics(self._title_font()).height())

    def _title_bottom(self) -> float:
        """Where the title's line ends, and the legend starts, a gap below."""
        return self._title_rect().bottom() + 2

    def _top_margin(self) -> float:
        """Above the plot: the title and half a line, for the top tick's number centred on the
        plot's top edge.

        Fixed at 26 pixels, with the text 1.3 times larger the top number ("20") was written
        into the title's line.
        """
        return max(self.margins[1], self._title_bottom() + math.ceil(self.fontMetrics().height() / 2))

    def _x_labels_top(self, plot: QRectF) -> float:
        """Where the names under the plot start: below the bottom tick's number ("0"), which is
        centred on the plot's bottom edge."""
        return plot.bottom() + math.ceil(self.fontMetrics().height() / 2) + 1

    def _bottom_margin(self) -> float:
        """Below the plot: half the "0", a line of names under the plot and a gap; 40 at the least."""
        height = self.fontMetrics().height()
        return max(self.margins[3], math.ceil(height / 2) + 1 + height + 4)

    def _text(self, painter: QPainter, rect: QRectF, flags: Qt.AlignmentFlag, text: str) -> None:
        """Write `text` in `rect` and note where its letters are (`drawn`): from the top of a
        capital to the bottom of a "g", the width the font gives it."""
        painter.drawText(rect, flags, text)
        box = painter.boundingRect(rect, flags, text)
        metrics = painter.fontMetrics()
        self.drawn.append((box.adjusted(0, metrics.ascent() - metrics.capHeight(), 0, 0), text))

    def _right_margin(self) -> float:
        legend = self.legend()
        return max(self.margins[2], self.width() - min(e.rect.left() for e in legend)) if legend else 20

    def _plot_rect(self, ticks: Sequence[str] = ()) -> QRectF:
        """The plot's area, its left margin widened to the widest tick label (with a larger font)."""
        left = self.margins[0]
        top, bottom = self._top_margin(), self._bottom_margin()
        right = self._right_margin()
        metrics = self.fontMetrics()
        left = max([left, *(metrics.horizontalAdvance(tick) + 10 for tick in ticks)])
        return QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))

    def _top_value(self) -> float:
        return nice_max(max((max(v) for v in self.series.values() if v), default=0.0))

    def _ticks(self) -> tuple[float, int, list[str]]:
        top_value = self._top_value()
        intervals = tick_intervals(top_value)
        return top_value, intervals, tick_labels(top_value, intervals)

    def plot_rect(self) -> QRectF:
        """Where the data is drawn, as the next paint will draw it."""
        return self._plot_rect(self._ticks()[2])

    def paintEvent(self, event: QPaintEvent) -> None:
        self.drawn = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(palette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.Base))
        top_value, intervals, ticks = self._ticks()
        plot = self.plot_rect()
        font = painter.font()
        painter.setFont(self._title_font())
        painter.setPen(text_colour)
        title = self._title_rect()
        # Elided: a long title ("Claims per article (12 of 5000, with most claims)") in a
        # narrow chart ran past its right edge.
        shown = painter.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideRight, int(title.width()))
        self._text(painter, title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, shown)
        painter.setFont(font)
        self._draw_axis(painter, plot, intervals, ticks, text_colour)
        if not self.series or not self.xs:
            self._text(painter, plot, Qt.AlignmentFlag.AlignCenter, self.tr("No claims yet"))
        else:
            self._draw_data(painter, plot, top_value, text_colour)
        styles = self.styles()
        for entry in self.legend():
            swatch = QRectF(entry.rect.left() + 4, entry.rect.center().y() - 5, 18, 10)
            if entry.name in styles:
                self._swatch(painter, swatch, styles[entry.name])
            painter.setPen(text_colour)
            text = entry.rect.adjusted(26, 0, 0, 0)
            self._text(painter, text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entry.shown)
        painter.end()

    def _draw_axis(
        self, painter: QPainter, plot: QRectF, intervals: int, ticks: Sequence[str], text_colour: QColor
    ) -> None:
        grid = grid_colour(text_colour, self.palette().color(self.palette().ColorRole.Base))
        metrics = QFontMetrics(painter.font())
        height = metrics.height()
        # A low plot with larger text wrote each number over the next: every other one (or
        # fewer) is written then, from 0 up; each grid line is still drawn.
        every = max(1, math.ceil((_ink_height(metrics) + 2) / (plot.height() / intervals)))
        for i, tick in enumerate(ticks):
            y = plot.bottom() - plot.height() * i / intervals
            painter.setPen(QPen(grid, 1))
            # On a pixel's middle: a 1 px line between two pixels was drawn half-strength in each.
            line_y = math.floor(y) + 0.5
            painter.drawLine(QPointF(plot.left(), line_y), QPointF(plot.right(), line_y))
            if i % every:
                continue
            painter.setPen(text_colour)
            self._text(
                painter,
                QRectF(0, y - height / 2, plot.left() - 6, height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                tick,
            )

    def _swatch(self, painter: QPainter, rect: QRectF, style: SeriesStyle) -> None:
        _fill(
            painter,
            QRectF(rect.left() + 4, rect.top(), 10, 10),
            style,
            self.palette().color(self.palette().ColorRole.Base),  # the page `paintEvent` lays under it
        )

    def _draw_data(self, painter: QPainter, plot: QRectF, top_value: float, text_colour: QColor) -> None:
        raise NotImplementedError

    def bars(self) -> list[Bar]:
        """The bars the next paint draws (none on a line chart)."""
        return []

    def _bar_tip(self, bar: Bar) -> str:
        # Names and titles isolated (`core.bidi`): an override (U+202E) in a name ran on through
        # its figures, and "alice: 2" read "2 :" after a name that turned the line round.
        return f"{isolated(self.xs[bar.group])}\n{isolated(bar.name)}: {bar.value:g}"

    def tooltip_at(self, pos: QPointF) -> str:
        """What the chart says of the point under the mouse: a bar's figures, or a legend name in full."""
        for bar in self.bars():
            if bar.rect.adjusted(-1, -1, 1, 1).contains(pos):
                return self._bar_tip(bar)
        for entry in self.legend():
            if entry.rect.contains(pos):
                return entry.name
        return ""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), tip(text), self)  # a title is a file's text
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _x_label(self, painter: QPainter, text: str, centre: float, plot: QRectF, width: float) -> None:
        metrics = QFontMetrics(painter.font())
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(max(width, 24)))
        # Kept within the chart: a whole date centred on the first day, in larger text, was
        # wider than the axis's margin and lost its first digits at the left edge.
        rect = QRectF(
            self._x_label_left(centre, plot, width), self._x_labels_top(plot), width, metrics.height()
        )
        self._text(painter, rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, shown)

    def _x_label_left(self, centre: float, plot: QRectF, width: float) -> float:
        """Where a name `width` wide, centred on `centre` under the plot, starts: kept within the
        chart, and left of the legend where it reaches down beside the names."""
        right = self._row_right(plot, self._x_labels_top(plot), self.fontMetrics().height())
        return min(max(centre - width / 2, 0.0), right - width)

    def _row_right(self, plot: QRectF, top: float, height: float) -> float:
        """How far right a text under the plot (a day, a count) may run: to the chart's edge, or
        to the plot's where the legend's lowest lines reach down beside it.

        With thirteen people the last day ("05-07"), centred on the plot's right end, was
        written over the legend's last line.
        """
        band = QRectF(plot.right(), top, max(0.0, self.width() - plot.right()), height)
        return plot.right() if any(e.rect.intersects(band) for e in self.legend()) else float(self.width())


def grid_colour(text: QColor, base: QColor) -> QColor:
    """The grid lines' colour: the text's laid over the page, as faint as stands 3:1 from it.

    At a fifth of the text's strength the lines stood 1.7:1 from the dark page (1.5:1 from the
    light one), and the counts could hardly be read off the plot; WCAG 1.4.11 asks 3:1 of a
    graphic one needs to read a chart.
    """
    for step in range(20, 101, 5):
        colour = blend(text, base, step / 100)
        if contrast(colour, base) >= GRAPHIC_CONTRAST:
            return colour
    return QColor(text)


def _ink_height(metrics: QFontMetrics) -> float:
    """How tall a line's letters are, a capital's top to a "g"'s tail: a line's height less the
    room the font keeps above capitals for accents. Lines this far apart do not touch."""
    return metrics.capHeight() + metrics.descent()


def edge(style: SeriesStyle, base: QColor) -> QColor | None:
    """The outline of a series's bars, lines and markers on the page `base`, where its colour
    alone stands under 3:1 from it (`core.palette.edge_colour`): yellow, orange and sky blue on
    the light page."""
    outline = edge_colour(style.colour, base.name())
    return QColor(outline) if outline else None


def _fill(painter: QPainter, rect: QRectF, style: SeriesStyle, base: QColor) -> None:
    """A bar or a legend box: the colour, or with a hatch a pale fill crossed by its lines;
    a faint colour within a 1 px border of its deeper shade."""
    colour = QColor(style.colour)
    outline = edge(style, base)
    if outline is not None:
        # On whole pixels: a 1 px edge between two pixels was drawn half-strength in each, as
        # faint as the fill it is there to mark.
        left, right = round(rect.left()), max(round(rect.right()), round(rect.left()) + 1)
        top, bottom = round(rect.top()), max(round(rect.bottom()), round(rect.top()) + 1)
        rect = QRectF(left, top, right - left, bottom - top)
    if style.hatch:
        painter.fillRect(rect, blend(colour, base, 0.35))
        painter.fillRect(rect, QBrush(colour, _HATCHES[style.hatch]))
        outline = outline or colour
    else:
        painter.fillRect(rect, colour)
    if outline is None:
        return
    painter.setPen(QPen(outline, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))


def _marker(painter: QPainter, point: QPointF, marker: str, size: float) -> None:
    if marker == "square":
        painter.drawRect(QRectF(point.x() - size, point.y() - size, 2 * size, 2 * size))
    elif marker == "triangle":
        s = size * 1.3
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(point.x(), point.y() - s),
                    QPointF(point.x() - s, point.y() + s * 0.8),
                    QPointF(point.x() + s, point.y() + s * 0.8),
                ]
            )
        )
    else:
        painter.drawEllipse(point, size, size)


class LineChart(_Chart):
    """One line per series over the x labels (days); on a single day, a bar per series.

    A line of one point is a lone dot in the middle of the plot, its count hard to read off
    the axis and its day a month and day with no year. On one day each series is a short bar
    with its count written above it, and the day is named in full.
    """

    marker_size = 2.5
    """Half a data marker's width (a triangle's is 1.3 times it)."""

    day_bar_width = 36
    """The most room one series's bar takes on a chart of a single day (the bar and a gap)."""

    @property
    def one_day(self) -> bool:
        return len(self.xs) == 1 and bool(self.series)

    def _top_value(self) -> float:
        if self.one_day:
            return nice_max_with_room(max((max(v) for v in self.series.values() if v), default=0.0))
        return super()._top_value()

    def bars(self) -> list[Bar]:
        """A chart of a single day's bars, side by side in legend order around the day; else none."""
        if not self.one_day:
            return []
        top_value = self._top_value()
        plot = self.plot_rect()
        slot = min(self.day_bar_width, plot.width() * 0.6 / len(self.series))
        left = plot.center().x() - slot * len(self.series) / 2
        result = []
        for k, (name, values) in enumerate(self.series.items()):
            h = plot.height() * values[0] / top_value
            rect = QRectF(left + k * slot + 1, plot.bottom() - h, max(1.0, slot - 2), h)
            result.append(Bar(rect, 0, name, values[0]))
        return result

    def count_labels(self) -> list[tuple[QRectF, str]]:
        """Where each single-day bar's count is written, above it (none on a chart of several days).

        Where one count is wider than its bar (many people on a narrow chart) none is written:
        the counts that fit alone read as the only ones there were. Each bar's tooltip has its count.
        """
        metrics = self.fontMetrics()
        height = metrics.height()
        labels = []
        for bar in self.bars():
            text = f"{bar.value:g}"
            width = bar.rect.width() + 2  # the bar's share, its gap included
            # Nor where a count would reach the title: the room kept above the bars is a share
            # of a low plot, less than a line of larger text.
            if metrics.horizontalAdvance(text) > width or bar.rect.top() - height < self._title_bottom():
                return []
            labels.append((QRectF(bar.rect.left() - 1, bar.rect.top() - height, width, height), text))
        return labels

    def points(self) -> dict[str, list[QPointF]]:
        """Where each series's markers are drawn, as the next paint draws them.

        Annotators with the same count on a day drew each marker on the one before, so only
        the last one's showed, as if the others had not worked that day. Markers that
        coincide sit side by side, in legend order, centred on their day and within its share
        of the width; a count no one else has on that day stays on the day
        (`core.charts.side_by_side`, which the HTML report's chart uses too).
        """
        if not self.series or not self.xs or self.one_day:
            return {}
        top_value = self._top_value()
        plot = self.plot_rect()
        n = len(self.xs)
        room = plot.width() / (n - 1) if n > 1 else plot.width()  # between one day and the next
        points = {
            name: [
                QPointF(
                    plot.left() + (plot.width() * i / (n - 1) if n > 1 else plot.width() / 2),
                    plot.bottom() - plot.height() * v / top_value,
                )
                for i, v in enumerate(values)
            ]
            for name, values in self.series.items()
        }
        beside = 2 * self.marker_size * 1.3 + 1  # a triangle's width and a pixel between
        shifts = side_by_side(self.series, beside=beside, room=room)
        return {
            name: [QPointF(p.x() + dx, p.y()) for p, dx in zip(ps, shifts[name], strict=True)]
            for name, ps in points.items()
        }

    def _draw_data(self, painter: QPainter, plot: QRectF, top_value: float, text_colour: QColor) -> None:
        if self.one_day:
            self._draw_one_day(painter, plot, text_colour)
            return
        n = len(self.xs)

        def x_at(i: int) -> float:
            return plot.left() + (plot.width() * i / (n - 1) if n > 1 else plot.width() / 2)

        painter.setPen(text_colour)
        labels = day_labels(self.xs)
        # A whole date ("2023-05-01", days of more than one year) is wider than "05-21": fewer
        # days are named, each whole, never "2023-…" nor one over the next.
        metrics = QFontMetrics(painter.font())
        width = max(X_LABEL_WIDTH, max(metrics.horizontalAdvance(label) for label in labels) + 6)
        named = labelled_points(n, max(2, int(plot.width() // (width + 8))))
        # The last day moved left of the legend: the one before it is left out where they would touch.
        if len(named) > 1 and x_at(named[-2]) + width / 2 + 8 > self._x_label_left(x_at(n - 1), plot, width):
            named.pop(-2)
        for i in named:
            self._x_label(painter, labels[i], x_at(i), plot, width)
        points = self.points()
        for name, style in self.styles().items():
            self._line(painter, points[name], style, self.marker_size)

    line_width = 2
    casing_width = 4
    """A faint line's casing: its deeper shade, a pixel wide either side of the line."""

    def _line(self, painter: QPainter, points: Sequence[QPointF], style: SeriesStyle, size: float) -> None:
        colour = QColor(style.colour)
        outline = edge(style, self.palette().color(self.palette().ColorRole.Base))
        pen = QPen(colour, self.line_width, _DASHES[style.dash])
        if outline is not None:
            casing = QPen(outline, self.casing_width, _DASHES[style.dash])
            if style.dash != "solid":
                # Qt measures dashes in pen widths: the casing's must be the line's, in pixels, and
                # with flat ends a dash's gap stays open.
                casing.setDashPattern([d * self.line_width / self.casing_width for d in pen.dashPattern()])
                casing.setCapStyle(Qt.PenCapStyle.FlatCap)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(casing)
            for a, b in pairwise(points):
                painter.drawLine(a, b)
        painter.setPen(pen)
        for a, b in pairwise(points):
            painter.drawLine(a, b)
        painter.setPen(QPen(outline or colour, 1))
        painter.setBrush(colour)
        for point in points:
            _marker(painter, point, style.marker, size)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _draw_one_day(self, painter: QPainter, plot: QRectF, text_colour: QColor) -> None:
        styles = self.styles()
        base = self.palette().color(self.palette().ColorRole.Base)
        for bar in self.bars():
            _fill(painter, bar.rect, styles[bar.name], base)
        painter.setPen(text_colour)
        for rect, text in self.count_labels():
            self._text(painter, rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
        self._x_label(painter, self.xs[0], plot.center().x(), plot, plot.width())

    def _swatch(self, painter: QPainter, rect: QRectF, style: SeriesStyle) -> None:
        if self.one_day:  # the legend shows what the plot draws: a bar's fill
            super()._swatch(painter, rect, style)
            return
        y = rect.center().y()
        self._line(painter, [QPointF(rect.left(), y), QPointF(rect.right(), y)], style, 0)
        outline = edge(style, self.palette().color(self.palette().ColorRole.Base))
        painter.setPen(QPen(outline or QColor(style.colour), 1))
        painter.setBrush(QColor(style.colour))
        _marker(painter, rect.center(), style.marker, 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)


class BarChart(_Chart):
    """Grouped bars: one group per x label, one bar per series."""

    bar_step = 3
    """The least room a bar takes: two pixels of colour and one of gap."""

    def groups_drawn(self, plot: QRectF) -> tuple[int, float]:
        """How many groups (from the first) are drawn, and each one's width.

        Forty annotators' three labels in the dashboard's narrowest chart left each bar under a
        pixel; forced to one, each was drawn on its neighbours and only the last label's colour
        showed. Groups that would give a bar less than `bar_step` are left out, the first ones
        kept: under the plot's right end "+N more" says so, and its tooltip names them (`more_rect`).
        """
        n = len(self.xs)
        need = max(1, len(self.series)) * self.bar_step / 0.8  # the bars take 80% of a group
        shown = max(1, min(n, int(plot.width() // need)))
        return shown, plot.width() / shown

    def _more_text(self) -> str:
        return self.tr("+{0} more").format(len(self.xs) - self.groups_drawn(self.plot_rect())[0])

    def _more_width(self) -> float:
        """Room for "+N more" at the plot's right end, as wide as N's most digits need."""
        return self.fontMetrics().horizontalAdvance(self.tr("+{0} more").format(len(self.xs))) + 8

    def more_rect(self) -> QRectF | None:
        """Where "+N more" is written under the plot's right end, or None when every group is drawn."""
        plot = self.plot_rect()
        if self.groups_drawn(plot)[0] >= len(self.xs):
            return None
        width = self._more_width()
        return QRectF(plot.right() - width, self._x_labels_top(plot), width, self.fontMetrics().height())

    def bars(self) -> list[Bar]:
        if not self.series or not self.xs:
            return []
        top_value = self._top_value()
        plot = self.plot_rect()
        shown, group_w = self.groups_drawn(plot)
        bar_w = group_w * 0.8 / max(1, len(self.series))
        result = []
        for g in range(shown):
            gx = plot.left() + g * group_w + group_w * 0.1
            for k, (name, values) in enumerate(self.series.items()):
                h = plot.height() * values[g] / top_value
                rect = QRectF(gx + k * bar_w, plot.bottom() - h, max(1.0, bar_w - 1), h)
                result.append(Bar(rect, g, name, values[g]))
        return result

    def _draw_data(self, painter: QPainter, plot: QRectF, top_value: float, text_colour: QColor) -> None:
        styles = self.styles()
        base = self.palette().color(self.palette().ColorRole.Base)
        for bar in self.bars():
            _fill(painter, bar.rect, styles[bar.name], base)
        group_w = self.groups_drawn(plot)[1]
        painter.setPen(text_colour)
        for g, width in self.named_groups(plot):
            self._x_label(painter, self.xs[g], plot.left() + g * group_w + group_w / 2, plot, width)
        more = self.more_rect()
        if more is not None:
            self._text(
                painter, more, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, self._more_text()
            )

    def tooltip_at(self, pos: QPointF) -> str:
        """Over "+N more", the names of the groups left out; else a bar's figures or a legend name."""
        more = self.more_rect()
        if more is not None and more.contains(pos):
            return "\n".join(self.xs[self.groups_drawn(self.plot_rect())[0] :])
        return super().tooltip_at(pos)

    def named_groups(self, plot: QRectF) -> list[tuple[int, float]]:
        """Which groups are named under the bars, and the width each name may take.

        Thirty annotators left each name a group's 16 pixels, and each was drawn 24 wide, "A…"
        on "B…": too narrow for a name, every other group is left unnamed, as the days of the
        line chart are (each bar's tooltip and the dashboard's tables name them all).
        """
        shown, group_w = self.groups_drawn(plot)
        more = self.more_rect()
        if more is not None:
            # Only names clear of "+N more" under the plot's right end.
            room = more.left() - 4 - plot.left()
            half = max(group_w, X_LABEL_WIDTH) / 2
            shown = sum(1 for g in range(shown) if (g + 0.5) * group_w + half <= room)
        if group_w >= X_LABEL_WIDTH:
            return [(g, group_w) for g in range(shown)]
        most = max(2, int(shown * group_w // (X_LABEL_WIDTH + 8)))
        named = labelled_points(shown, most)
        # Never wider than the room between two names: two people in a narrow chart with larger
        # text had groups 45 pixels apart, and "alice" was drawn into "bob".
        gaps = [(b - a) * group_w - 4 for a, b in pairwise(named)]
        width = min([float(X_LABEL_WIDTH), *gaps])
        return [(g, width) for g in named]


class StackedBarChart(_Chart):
    """One horizontal bar per x label (an article), its series (annotators) laid end to end.

    Article titles under upright bars got the width of a group, three or four letters
    ("Doz…"); across, each title has a line and a share of the width, and the tooltip
    names it in full with the counts.
    """

    title_share = 0.45
    """The most of the width beside the legend the titles take (elided beyond, whole in the tooltip)."""

    def _top_value(self) -> float:
        totals = [sum(values[g] for values in self.series.values()) for g in range(len(self.xs))]
        return nice_max(max(totals, default=0.0))

    def _plot_rect(self, ticks: Sequence[str] = ()) -> QRectF:
        left = self.margins[0]
        top, bottom = self._top_margin(), self._bottom_margin()
        right = self._right_margin()
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(x) for x in self.xs), default=0) + 12
        left = max(left, min(widest, int((self.width() - right) * self.title_share)))
        return QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))

    def _top_margin(self) -> float:
        """Just the title above the plot: no count is written at the plot's top edge here."""
        return max(self.margins[1], self._title_bottom() + 4)

    def _bottom_margin(self) -> float:
        """The counts' axis: a gap and a line of text under the plot, and a gap below.

        Fixed at 26 pixels, with the text 1.3 times larger the counts were cut at the chart's
        lower edge.
        """
        return 4 + self.fontMetrics().height() + 6

    def title_rects(self) -> list[tuple[QRectF, str]]:
        """Where each x label is drawn, and the text drawn (elided to the title margin)."""
        if not self.series or not self.xs:
            return []
        plot = self.plot_rect()
        row = plot.height() / len(self.xs)
        metrics = self.fontMetrics()
        width = plot.left() - 8
        # Rows lower than a line of text (twelve articles in a low chart, larger text) wrote each
        # title over the next: then every other one (or fewer) is named; each bar's tooltip names it.
        every = max(1, math.ceil(_ink_height(metrics) / row))
        height = row * every
        return [
            (
                QRectF(2, plot.top() + (g + 0.5) * row - height / 2, width, height),
                metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(width)),
            )
            for g, title in enumerate(self.xs)
            if g % every == 0
        ]

    def bars(self) -> list[Bar]:
        if not self.series or not self.xs:
            return []
        top_value = self._top_value()
        plot = self.plot_rect()
        row = plot.height() / len(self.xs)
        result = []
        for g in range(len(self.xs)):
            x = plot.left()
            for name, values in self.series.items():
                w = plot.width() * values[g] / top_value
                if w > 0:
                    result.append(
                        Bar(QRectF(x, plot.top() + g * row + row * 0.15, w, row * 0.7), g, name, values[g])
                    )
                x += w
        return result

    def _bar_tip(self, bar: Bar) -> str:
        total = sum(values[bar.group] for values in self.series.values())
        return self.tr("{0}\n{1}: {2} of {3} claims").format(
            isolated(self.xs[bar.group]), isolated(bar.name), f"{bar.value:g}", f"{total:g}"
        )

    def tooltip_at(self, pos: QPointF) -> str:
        text = super().tooltip_at(pos)
        if text:
            return text
        plot = self.plot_rect()
        # By the row, not the title's rect: a row left unnamed in a low chart has its tooltip too.
        if self.series and self.xs and 2 <= pos.x() < plot.left() and plot.top() <= pos.y() < plot.bottom():
            g = min(len(self.xs) - 1, int((pos.y() - plot.top()) / (plot.height() / len(self.xs))))
            total = sum(values[g] for values in self.series.values())
            return self.tr("{0}\n{1} claims").format(isolated(self.xs[g]), f"{total:g}")
        return ""

    def _draw_axis(
        self, painter: QPainter, plot: QRectF, intervals: int, ticks: Sequence[str], text_colour: QColor
    ) -> None:
        """The counts run along the bottom; a tick label is left out where it would touch the last."""
        grid = grid_colour(text_colour, self.palette().color(self.palette().ColorRole.Base))
        metrics = QFontMetrics(painter.font())
        room = max(metrics.horizontalAdvance(t) for t in ticks) + 8
        every = max(1, math.ceil(room / (plot.width() / intervals)))
        right = self._row_right(plot, plot.bottom() + 4, metrics.height())
        counts: list[tuple[QRectF, str]] = []
        for i, tick in enumerate(ticks):
            x = plot.left() + plot.width() * i / intervals
            painter.setPen(QPen(grid, 1))
            line_x = math.floor(x) + 0.5  # on a pixel's middle, at full strength
            painter.drawLine(QPointF(line_x, plot.top()), QPointF(line_x, plot.bottom()))
            if i % every == 0:
                counts.append(
                    (QRectF(min(x - room / 2, right - room), plot.bottom() + 4, room, metrics.height()), tick)
                )
        # The last count moved left of the legend: the one before it is left out where they would touch.
        if len(counts) > 1 and counts[-2][0].right() > counts[-1][0].left():
            counts.pop(-2)
        painter.setPen(text_colour)
        for rect, tick in counts:
            self._text(painter, rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, tick)

    def _draw_data(self, painter: QPainter, plot: QRectF, top_value: float, text_colour: QColor) -> None:
        styles = self.styles()
        base = self.palette().color(self.palette().ColorRole.Base)
        for bar in self.bars():
            _fill(painter, bar.rect, styles[bar.name], base)
        painter.setPen(text_colour)
        for rect, shown in self.title_rects():
            self._text(painter, rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
