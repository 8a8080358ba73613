"""The line under a claim that names its label without colour: solid, wavy or dotted.

A claim's label shows as its background, and the three backgrounds, faint enough for the names
written on them, come within 5-7 CIEDE2000 of one another to a reader without red or blue cones
(10 is where colours stop being taken for one another). So each claim also has a line of its
own along the foot of its lines, which the article view and the legend's chips draw alike:
factual is solid (firm), opinion wavy, questionable dotted (broken).

Painted, not a text underline: a claim is an extra selection over the entities' formats, and an
underline set there replaced the suggested names' dashed underlines and the quotations' dotted
ones inside every claim. The mark sits at the foot of the line box, below those underlines, in
the label's hue deepened (or lightened) to 3:1 from the claim's background (`Scheme.mark_colour`).
"""

from __future__ import annotations

import math
from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from annotator.core.model import ClaimLabel


class MarkStyle(StrEnum):
    """The kinds of line under a claim."""

    SOLID = "solid"
    WAVE = "wave"
    DOTS = "dots"


CLAIM_MARKS: dict[ClaimLabel, MarkStyle] = {
    ClaimLabel.FACTUAL: MarkStyle.SOLID,
    ClaimLabel.OPINION: MarkStyle.WAVE,
    ClaimLabel.QUESTIONABLE: MarkStyle.DOTS,
}
"""Each label's line. A new label needs one of its own here (a test checks each differs)."""

MARK_HEIGHT = 4.0
"""Pixels the mark takes at the foot of a line: the wave's height, the dots' and the line's."""
_LINE_WIDTH = 1.5
_WAVE_PERIOD = 8.0
_DOT = 2.0
_DOT_STEP = 5.0


def mark_of(label: ClaimLabel) -> MarkStyle:
    """The line a label's claims have under them."""
    return CLAIM_MARKS[label]


def paint_mark(
    painter: QPainter, style: MarkStyle, left: float, right: float, bottom: float, colour: QColor
) -> None:
    """Draw a claim's mark from `left` to `right`, its lowest pixel at `bottom` (exclusive).

    The painter's state is kept: the article view draws many claims with one painter.
    """
    if right - left < 1:
        return
    painter.save()
    top = bottom - MARK_HEIGHT
    if style is MarkStyle.SOLID:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # one crisp band
        painter.fillRect(QRectF(left, bottom - _LINE_WIDTH - 0.5, right - left, _LINE_WIDTH), colour)
    elif style is MarkStyle.WAVE:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        middle, amplitude = top + MARK_HEIGHT / 2, (MARK_HEIGHT - _LINE_WIDTH) / 2
        path = QPainterPath(QPointF(left, middle))
        x = left
        while x < right:
            step = min(1.0, right - x)
            x += step
            path.lineTo(QPointF(x, middle - amplitude * math.sin(2 * math.pi * (x - left) / _WAVE_PERIOD)))
        painter.setPen(QPen(colour, _LINE_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    else:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # square dots, not grey blurs
        x = left
        while x + _DOT <= right + 0.01:
            painter.fillRect(QRectF(x, bottom - _DOT - 0.5, _DOT, _DOT), colour)
            x += _DOT_STEP
    painter.restore()
