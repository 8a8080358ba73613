"""The label and chart colours stay apart for the common colour-vision deficiencies.

About 1 in 12 men see red and green poorly. Each colour is passed through Machado, Oliveira
and Fernandes's (2009) simulation at full severity, in linear RGB, and each pair must stay
10 or more apart in CIEDE2000, where about 2 is the least a person with normal sight notices.
The claim's faint background in the text does not reach this (the names written in it hold
it near the page's colour); the claim list, the legend and the tooltip spell the label out.
"""

from __future__ import annotations

import itertools
import math

import pytest

from annotator.core.model import ClaimLabel
from annotator.core.palette import DARK_SERIES_COLOURS, SERIES_COLOURS

_Rgb = tuple[float, float, float]

MACHADO: dict[str, tuple[_Rgb, _Rgb, _Rgb]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)
    ),
}  # fmt: skip


def _linear(hex_colour: str) -> _Rgb:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return red, green, blue


def _seen(hex_colour: str, deficiency: str) -> _Rgb:
    """The colour as the deficiency shows it, in linear RGB clipped to the screen's gamut."""
    rgb = _linear(hex_colour)
    red, green, blue = (
        min(1.0, max(0.0, sum(m * v for m, v in zip(row, rgb, strict=True)))) for row in MACHADO[deficiency]
    )
    return red, green, blue


def _lab(rgb: _Rgb) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _ciede2000(first: _Rgb, second: _Rgb) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation)."""
    (l1, a1, b1), (l2, a2, b2) = _lab(first), _lab(second)
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    big_dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    mean_l, mean_cp = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        mean_h = h1 + h2
    elif abs(h1 - h2) <= 180:
        mean_h = (h1 + h2) / 2
    else:
        mean_h = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(mean_h - 30))
        + 0.24 * math.cos(math.radians(2 * mean_h))
        + 0.32 * math.cos(math.radians(3 * mean_h + 6))
        - 0.20 * math.cos(math.radians(4 * mean_h - 63))
    )
    s_l = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    s_c, s_h = 1 + 0.045 * mean_cp, 1 + 0.015 * mean_cp * t
    r_t = (
        -math.sin(math.radians(60 * math.exp(-(((mean_h - 275) / 25) ** 2))))
        * 2
        * math.sqrt(mean_cp**7 / (mean_cp**7 + 25**7))
    )
    dl, dc, dhh = (l2 - l1) / s_l, (c2 - c1) / s_c, big_dh / s_h
    return math.sqrt(dl**2 + dc**2 + dhh**2 + r_t * dc * dhh)


def test_the_difference_is_ciede2000() -> None:
    """Black and white are 100 apart, as their lightness is; a colour is 0 from itself."""
    assert _ciede2000(_linear("#000000"), _linear("#ffffff")) == pytest.approx(100, abs=0.01)
    assert _ciede2000(_linear("#56b4e9"), _linear("#56b4e9")) == 0


@pytest.mark.parametrize("deficiency", sorted(MACHADO))
@pytest.mark.parametrize(
    "colours",
    [
        pytest.param(tuple(label.colour for label in ClaimLabel), id="labels"),
        pytest.param(SERIES_COLOURS, id="series-light"),
        pytest.param(DARK_SERIES_COLOURS, id="series-dark"),
    ],
)
def test_colours_stay_apart_for_colour_blind_eyes(deficiency: str, colours: tuple[str, ...]) -> None:
    """Closest now, for labels and series alike: orange (opinion) and reddish purple
    (questionable) for tritanopia, 10.9; for deuteranopia, the series's orange and yellow, 11.6."""
    for first, second in itertools.combinations(colours, 2):
        seen = _ciede2000(_seen(first, deficiency), _seen(second, deficiency))
        assert seen >= 10, (first, second, round(seen, 1))
