"""`check_json` walks the parsed strings only when the text holds an escape that can make an
unstorable one; these are what the walk is for, and must still be refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.validate import InvalidValue, check_json, check_span


@pytest.mark.parametrize(
    "text",
    [
        '["a\\u0000b"]',
        '{"\\u0000": 1}',
        '["\\uD800"]',
        '{"k": ["x", {"y": "\\udfff"}]}',
        '["\\ude00\\ud83d"]',  # the halves of a pair, the wrong way round
    ],
)
def test_an_escaped_nul_or_unpaired_surrogate_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue, match=r"NUL|surrogate"):
        check_json(text, "meta", list if text.startswith("[") else dict, 1000)


def test_plain_and_escaped_text_is_taken() -> None:
    assert check_json('["\\u00e9t\\u00e9", "\\ud83d\\ude00", "\\\\u0000", "a\\nb"]', "meta", list, 1000) == [
        "été",
        "😀",
        "\\u0000",
        "a\nb",
    ]


@given(st.integers(-3, 12), st.integers(-3, 12))
def test_a_span_is_taken_exactly_when_it_fits(start: int, end: int) -> None:
    if 0 <= start < end <= 10:
        assert check_span(start, end, 10, "claim") == (start, end)
    else:
        with pytest.raises(InvalidValue, match="outside the text"):
            check_span(start, end, 10, "claim")


@pytest.mark.parametrize(("start", "end"), [(True, 2), (0, 1.0), ("0", 2), (None, 2)])
def test_a_span_that_is_not_two_integers_is_refused(start: object, end: object) -> None:
    with pytest.raises(InvalidValue, match="must be an integer"):
        check_span(start, end, 10, "claim")
