"""The colours every picture of the project uses: the window, its charts and the HTML report.

Okabe-Ito (Okabe & Ito, 2008): its colours stay distinguishable under the common
colour-vision deficiencies. Colour is never the only cue; labels are also spelt out.
Plain hex strings, so `core` stays standard library only; `ui.palette` turns them
into Qt colours and blends them per theme.
"""

from __future__ import annotations

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"

SERIES_COLOURS: tuple[str, ...] = (
    BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE, YELLOW, BLACK,
)  # fmt: skip
"""One colour per chart series (annotators, articles), in this order."""
