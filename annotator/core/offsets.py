"""The one place where code points meet UTF-16 code units.

Everything outside Qt widgets counts Unicode code points (Python `str` indices);
Qt counts UTF-16 code units, and so does doccano (JavaScript string indices), so
every character above U+FFFF (emoji, rare CJK, historic scripts) is two units on
their side. Widgets (through `annotator.ui.offsets`) and the doccano reader and
writer convert here, on the way in and on the way out, and nowhere else.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts between code-point and UTF-16 offsets of one text.

    Built once per article: it remembers only where the astral characters are,
    so pure-BMP texts (most news) cost nothing and every lookup is a bisect.
    """

    __slots__ = ("_astral", "_astral_u16", "cp_length", "u16_length")

    def __init__(self, text: str) -> None:
        self._astral: list[int] = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 index at which each astral character's high surrogate sits.
        self._astral_u16: list[int] = [cp + k for k, cp in enumerate(self._astral)]
        self.cp_length = len(text)
        self.u16_length = len(text) + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset `cp` (clamped to the text)."""
        cp = max(0, min(cp, self.cp_length))
        return cp + bisect_left(self._astral, cp)

    def to_code_point(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset `u16` (clamped).

        A position between the two halves of a surrogate pair rounds down to the
        start of that character, so a selection can never split an emoji.
        """
        u16 = max(0, min(u16, self.u16_length))
        before = bisect_left(self._astral_u16, u16)  # astral chars starting before u16
        return u16 - before

    def exact_code_point(self, u16: int) -> int | None:
        """Code-point offset of UTF-16 offset `u16`, or None where no character starts or ends.

        Unlike `to_code_point`, nothing is clamped or rounded: a file's offset past the text or
        between the two halves of a surrogate pair was counted some other way, and rounding it
        would put a label on the wrong characters unseen.
        """
        if not 0 <= u16 <= self.u16_length:
            return None
        cp = self.to_code_point(u16)
        return cp if self.to_utf16(cp) == u16 else None

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)

    def span_to_code_points(self, start: int, end: int) -> tuple[int, int]:
        """Code-point span of a UTF-16 span; a half-covered emoji at the end is included whole."""
        cp_start = self.to_code_point(start)
        cp_end = self.to_code_point(end)
        if self.to_utf16(cp_end) < min(end, self.u16_length):
            cp_end += 1
        return cp_start, cp_end


def utf16_length(text: str) -> int:
    """Length of `text` as Qt counts it."""
    return len(text) + len(_ASTRAL.findall(text))
