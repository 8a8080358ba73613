"""Sizes as people read them: a tiny `--max-mb` limit read "0.0 MB", which no file is over."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from annotator.core.text import byte_size, sizes_over

MB = 1024 * 1024
SHOWN = re.compile(r"^(?P<figure>[0-9][0-9,]*(?:\.[0-9])?) (?P<unit>bytes?|KB|MB|GB|TB)$")
SCALE = {"byte": 1, "bytes": 1, "KB": 1024, "MB": MB, "GB": 1024 * MB, "TB": MB * MB}


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (512, "512 bytes"),
        (1023, "1,023 bytes"),
        (1024, "1 KB"),
        (10 * 1024, "10 KB"),
        (int(0.01 * MB), "10.2 KB"),
        (MB - 1, "1 MB"),
        (MB, "1 MB"),
        (int(1.4 * MB), "1.4 MB"),
        (20 * MB, "20 MB"),
        (64 * MB, "64 MB"),
        (1024 * 1024 * MB, "1 TB"),
    ],
)
def test_a_size_reads_in_the_unit_that_shows_it(size: int, shown: str) -> None:
    assert byte_size(size) == shown


def test_exact_gives_every_byte() -> None:
    assert byte_size(20 * MB + 1, exact=True) == "20,971,521 bytes"
    assert byte_size(1, exact=True) == "1 byte"


@given(st.integers(min_value=1, max_value=1024 * 1024 * 1024 * MB))
@example(313_600)  # 306.25 KB, a tie shown as 306.2: exactly half a tenth, give or take a float's error
def test_a_size_above_zero_never_reads_as_zero(size: int) -> None:
    shown = byte_size(size)
    match = SHOWN.match(shown)
    assert match is not None, shown
    figure = float(match["figure"].replace(",", ""))
    assert figure > 0 and not shown.startswith("0"), shown
    # Within the rounding of one decimal, and no more than 1024 of a unit but the last.
    assert abs(figure * SCALE[match["unit"]] - size) <= (0.05 + 1e-9) * SCALE[match["unit"]]
    assert figure <= 1024 or match["unit"] in ("bytes", "TB"), shown


@given(st.floats(min_value=0.000001, max_value=0.05))
def test_a_tiny_max_mb_limit_is_shown_in_bytes_or_kb(max_mb: float) -> None:
    shown = byte_size(max(1, int(max_mb * MB)))
    assert "0.0" not in shown and not shown.endswith("MB"), shown


@given(st.integers(min_value=0, max_value=1024 * MB), st.integers(min_value=1, max_value=1024 * MB))
def test_a_size_over_a_limit_never_reads_the_same_as_the_limit(extra: int, limit: int) -> None:
    shown, limit_shown = sizes_over(limit + 1 + extra, limit)
    assert shown != limit_shown
