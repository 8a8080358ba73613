"""Code points <-> UTF-16 code units, as Qt and doccano count them: exact conversion of a file's offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import OffsetMap

# Astral emoji (with skin tones and ZWJ), astral CJK, math letters, combining marks, CRLF.
PIECES = ["a", " ", "\U0001f389", "\U0001f3fb", "\u200d", "\U0001f468", "\U0002000b", "\U0001d538",
          "e", "\u0301", "\r\n", "北", "\U0001f1eb\U0001f1f7"]  # fmt: skip
texts = st.one_of(st.text(), st.lists(st.sampled_from(PIECES), max_size=40).map("".join))


@given(texts)
def test_exact_code_point_is_the_code_point_where_a_utf16_offset_falls_between_characters(text: str) -> None:
    units = OffsetMap(text)
    boundaries = {len(text[:cp].encode("utf-16-le")) // 2: cp for cp in range(len(text) + 1)}
    for u16 in range(-2, units.u16_length + 3):
        assert units.exact_code_point(u16) == boundaries.get(u16)


@given(texts)
def test_code_points_to_utf16_and_back_is_exact(text: str) -> None:
    units = OffsetMap(text)
    for cp in range(len(text) + 1):
        u16 = units.to_utf16(cp)
        assert text[:cp].encode("utf-16-le") == text.encode("utf-16-le")[: 2 * u16]
        assert units.exact_code_point(u16) == cp
