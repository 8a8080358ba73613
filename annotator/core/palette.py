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

GRAPHIC_CONTRAST = 3.0
"""WCAG 1.4.11's least contrast for a graphic that carries meaning: a bar, a line, a marker."""


def _luminance(hex_colour: str) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG's contrast ratio of two "#rrggbb" colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _shade(colour: str, towards: str, share: float) -> str:
    """`colour` mixed with `towards` (black or white) by `share`: the same hue, deeper or paler."""
    channels = (
        round(int(colour[i : i + 2], 16) * (1 - share) + int(towards[i : i + 2], 16) * share)
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{c:02X}" for c in channels)


def edge_colour(colour: str, page: str) -> str | None:
    """The outline a series drawn in `colour` needs on `page`, or None where its fill stands out alone.

    On the light page yellow stood 1.3:1 from it, orange and sky blue 2.2:1: their bars, lines and
    markers were hard to make out, where a graphic wants 3:1. Darker colours would merge for
    colour-blind eyes (`tests/ui/test_colour_vision.py`); a thin edge in a deeper (on a dark page,
    paler) shade of the same hue, 3:1 from the page, marks the shape and keeps the fill's colour.
    """
    if contrast_ratio(colour, page) >= GRAPHIC_CONTRAST:
        return None
    towards = "#000000" if contrast_ratio("#000000", page) >= contrast_ratio("#FFFFFF", page) else "#FFFFFF"
    for step in range(1, 41):
        edge = _shade(colour, towards, step / 40)
        if contrast_ratio(edge, page) >= GRAPHIC_CONTRAST:
            return edge
    return towards


TEXT_CONTRAST = 4.5
"""WCAG 1.4.3's least contrast for text of an ordinary size: a chart's numbers and names."""


def grid_colour(ink: str, page: str) -> str:
    """A chart's grid lines: `ink` (the text's colour) laid over `page`, as faint as stands 3:1 from it.

    Grid lines are what a count is read across to its axis by; WCAG 1.4.11 asks 3:1 of such a
    graphic. The HTML report's "#ddd" stood 1.4:1 from its white page. The window's charts take
    the same steps (`ui.charts.grid_colour`).
    """
    for step in range(20, 101, 5):
        colour = _shade(page, ink, step / 100)
        if contrast_ratio(colour, page) >= GRAPHIC_CONTRAST:
            return colour
    return ink


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
