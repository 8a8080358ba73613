"""Text from a file set among the program's own words, kept to itself in their direction.

A title or a file name may be written right to left (Arabic, Hebrew) or hold the controls that
steer the Unicode bidirectional algorithm; web pages carry them, and a hostile file may put one
in on purpose. An override (U+202E) or an embedding left open runs on to the end of the line,
and turned the program's words after the name round: "opened “\\u202eevil” (article 2 of 2)" showed
as "… opened “(2 fo 2 elcitra) ”live". Isolating the name (FIRST STRONG ISOLATE ... POP
DIRECTIONAL ISOLATE) ends whatever it opens where it ends, and lays it out in its own direction.
"""

from __future__ import annotations

import re
import unicodedata

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
_OPENS_AN_ISOLATE = frozenset("\u2066\u2067\u2068")

_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
"""The marks, embeddings, overrides and isolates of the bidirectional algorithm."""


def _needs_isolating(text: str) -> bool:
    if _CONTROLS.search(text):
        return True
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def isolated(text: str) -> str:
    """`text` as one isolated stretch, to be set among other words, where it holds a
    right-to-left letter or a bidirectional control; as it is otherwise.

    Every isolate the text opens is closed before the isolation's own end, and a close the
    text holds with nothing open is left out: it would end the isolation early, and an
    override after it ("\\u2069\\u202eevil") would turn the rest of the line round again.
    Embeddings and overrides need nothing: the isolation's end closes them.
    """
    if not _needs_isolating(text):
        return text
    kept: list[str] = []
    open_isolates = 0
    for char in text:
        if char in _OPENS_AN_ISOLATE:
            open_isolates += 1
        elif char == POP_DIRECTIONAL_ISOLATE:
            if not open_isolates:
                continue
            open_isolates -= 1
        kept.append(char)
    closes = POP_DIRECTIONAL_ISOLATE * (open_isolates + 1)
    return FIRST_STRONG_ISOLATE + "".join(kept) + closes
