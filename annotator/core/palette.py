"""The colours every picture of the project uses: the window, its charts and the HTML report.

Okabe-Ito (Okabe & Ito, 2008): its colours stay distinguishable under the common
colour-vision deficiencies. Colour is never the only cue; labels are also spelt out.
Plain hex strings, so `core` stays standard library only; `ui.palette` turns them
into Qt colours and blends them per theme.
"""

from __future__ import annotations

from typing import NamedTuple

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"

LIGHT_GREY = "#D9D9D9"
"""Black's stand-in on a dark page, where black cannot be seen."""

SERIES_COLOURS: tuple[str, ...] = (
    BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE, BLACK, YELLOW,
)  # fmt: skip
"""One colour per chart series (annotators, articles), in this order, on a light page.
Yellow, the faintest on white, comes last."""

DARK_SERIES_COLOURS: tuple[str, ...] = tuple(LIGHT_GREY if c == BLACK else c for c in SERIES_COLOURS)
"""The same on a dark page."""

DASHES = ("solid", "dash", "dot")
MARKERS = ("circle", "square", "triangle")
HATCHES = ("", "diagonal", "cross")
"""A series's line, point and bar fill after every round of the eight colours."""


class SeriesStyle(NamedTuple):
    """How one chart series is drawn: colour, and a line dash, point marker and bar hatch.

    A named tuple, not a dataclass: the window's theme reads this module before the first
    paint of a reopened project, which loads no `dataclasses` (`tests/ui/test_quick_start.py`).
    """

    colour: str
    dash: str = "solid"
    marker: str = "circle"
    hatch: str = ""


def series_style(index: int, *, dark: bool = False) -> SeriesStyle:
    """The style of the `index`-th series (from 0).

    Eight colours alone let the ninth annotator share the first one's and the two could
    not be told apart; each later round of colours also changes the dash, the marker and
    the hatch, so 24 series differ in something besides the colour.
    """
    colours = DARK_SERIES_COLOURS if dark else SERIES_COLOURS
    colour = colours[index % len(colours)]
    variant = (index // len(colours)) % len(DASHES)
    return SeriesStyle(colour, DASHES[variant], MARKERS[variant], HATCHES[variant])
