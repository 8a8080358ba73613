"""Text helpers that need no model: normalisation, the extent of a name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text import name_extent, normalize_text


def test_a_name_stops_at_the_line_break_and_loses_white_space() -> None:
    text = "Saturday, June 1, 2019\xa0\n\n\nAt around noon"
    assert name_extent(text, 0, text.index("around") - 1) == (0, len("Saturday, June 1, 2019"))
    assert name_extent(" \n Ana Berg \n", 0, 13) == (3, 11)
    assert name_extent("Ana", 0, 3) == (0, 3)
    assert name_extent("  \n ", 0, 4)[0] == name_extent("  \n ", 0, 4)[1]


@given(st.text(alphabet="ab \n\xa0", max_size=20), st.integers(0, 20), st.integers(0, 20))
def test_a_name_extent_lies_inside_the_span_on_one_line(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    got_start, got_end = name_extent(text, start, end)
    assert start <= got_start <= got_end <= end
    name = text[got_start:got_end]
    assert "\n" not in name and name == name.strip()


@given(st.text(alphabet="a\ufeff\r\n", max_size=12))
def test_a_normalised_text_normalises_to_itself(raw: str) -> None:
    # What the store writes must pass its own read check (normalised text only).
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert normalize_text("\ufeff\ufefftext\r\n") == "text\n"
