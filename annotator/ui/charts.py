"""Small charts drawn with QPainter, so the dashboard needs no QtCharts (PySide6-Addons) or web view.

Each chart takes plain lists and dicts from `core.reports.TeamStats`; colours
are Okabe-Ito, and every series is also named in a legend, never colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from annotator.core.charts import labelled_points, nice_max, tick_intervals, tick_labels
from annotator.core.palette import SERIES_COLOURS


class _Chart(QWidget):
    """Title, y axis with grid lines and a legend; subclasses draw the data."""

    margins = (44, 26, 110, 40)  # left, top, right, bottom

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.xs: list[str] = []
        self.series: dict[str, list[float]] = {}
        self.colours: dict[str, str] = {}
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

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
        self.xs = list(xs)
        self.series = {name: list(values) for name, values in series.items()}
        self.colours = {
            name: (colours or {}).get(name, SERIES_COLOURS[k % len(SERIES_COLOURS)])
            for k, name in enumerate(self.series)
        }
        if title is not None:
            self.title = title
        self.update()

    def _plot_rect(self, ticks: Sequence[str] = ()) -> QRectF:
        """The plot's area, its left margin widened to the widest tick label (with a larger font)."""
        left, top, right, bottom = self.margins
        metrics = self.fontMetrics()
        left = max([left, *(metrics.horizontalAdvance(tick) + 10 for tick in ticks)])
        return QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))

    def _top_value(self) -> float:
        return nice_max(max((max(v) for v in self.series.values() if v), default=0.0))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(palette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.Base))
        top_value = self._top_value()
        intervals = tick_intervals(top_value)
        ticks = tick_labels(top_value, intervals)
        plot = self._plot_rect(ticks)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text_colour)
        painter.drawText(QRectF(8, 4, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        font.setBold(False)
        painter.setFont(font)
        grid = QColor(text_colour)
        grid.setAlpha(50)
        for i, tick in enumerate(ticks):
            y = plot.bottom() - plot.height() * i / intervals
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, y - 8, plot.left() - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                tick,
            )
        if not self.series or not self.xs:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No claims yet"))
        else:
            self._draw_data(painter, plot, top_value, text_colour)
        metrics = QFontMetrics(painter.font())
        for k, name in enumerate(self.series):
            y = plot.top() + 16 * k
            painter.fillRect(QRectF(plot.right() + 10, y + 2, 10, 10), QColor(self.colours[name]))
            painter.setPen(text_colour)
            painter.drawText(
                QPointF(plot.right() + 26, y + 11), metrics.elidedText(name, Qt.TextElideMode.ElideRight, 80)
            )
        painter.end()

    def _draw_data(self, painter: QPainter, plot: QRectF, top_value: float, text_colour: QColor) -> None:
        raise NotImplementedError

    def _x_label(self, painter: QPainter, text: str, centre: float, plot: QRectF, width: float) -> None:
        metrics = QFontMetrics(painter.font())
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(max(width, 24)))
        painter.drawText(
            QRectF(centre - width / 2, plot.bottom() + 4, width, 16), Qt.AlignmentFlag.AlignHCenter, shown
        )


class LineChart(_Chart):
    """One line per series over the x labels (days)."""

    def _draw_data(self, painter: QPainter, plot: QRectF, top_value: float, text_colour: QColor) -> None:
        n = len(self.xs)

        def x_at(i: int) -> float:
            return plot.left() + (plot.width() * i / (n - 1) if n > 1 else plot.width() / 2)

        painter.setPen(text_colour)
        for i in labelled_points(n, max(2, int(plot.width() // 56))):  # a label is 48 pixels wide
            label = self.xs[i]
            self._x_label(painter, label[5:] if len(label) == 10 else label, x_at(i), plot, 48)
        for name, values in self.series.items():
            colour = QColor(self.colours[name])
            points = [
                QPointF(x_at(i), plot.bottom() - plot.height() * v / top_value) for i, v in enumerate(values)
            ]
            painter.setPen(QPen(colour, 2))
            for a, b in pairwise(points):
                painter.drawLine(a, b)
            painter.setBrush(colour)
            for point in points:
                painter.drawEllipse(point, 2.5, 2.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)


class BarChart(_Chart):
    """Grouped bars: one group per x label, one bar per series."""

    def _draw_data(self, painter: QPainter, plot: QRectF, top_value: float, text_colour: QColor) -> None:
        group_w = plot.width() / max(1, len(self.xs))
        bar_w = group_w * 0.8 / max(1, len(self.series))
        for g, label in enumerate(self.xs):
            gx = plot.left() + g * group_w + group_w * 0.1
            for k, (name, values) in enumerate(self.series.items()):
                h = plot.height() * values[g] / top_value
                painter.fillRect(
                    QRectF(gx + k * bar_w, plot.bottom() - h, max(1.0, bar_w - 1), h),
                    QColor(self.colours[name]),
                )
            painter.setPen(text_colour)
            self._x_label(painter, label, gx + group_w * 0.4, plot, group_w)
