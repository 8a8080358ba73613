"""Code points <-> UTF-16: the one conversion between the store and Qt widgets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from annotator.core.text import normalize_text
from annotator.ui.article_view import ArticleView
from annotator.ui.offsets import OffsetMap, utf16_length

# News text plus what breaks naive offset code: emoji (with skin tones and ZWJ
# sequences), astral CJK, combining marks, RTL letters, non-breaking spaces, CRLF.
TRICKY = [
    *"ab Z.,'\"\n",
    "🎉", "👍", "🏽", "\u200d", "👨", "北", "京", "𠀋", "𝔸", "e", "\u0301", "\u0308",
    "ا", "ب", "\u00a0", "—", "…", "\r\n", "\r", "한", "🇫🇷",
]  # fmt: skip
tricky_text = st.lists(st.sampled_from(TRICKY), max_size=60).map("".join)


def reference_utf16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


@given(st.text())
def test_to_utf16_matches_utf16_encoding(text: str) -> None:
    offsets = OffsetMap(text)
    assert offsets.u16_length == utf16_length(text) == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        assert offsets.to_utf16(cp) == reference_utf16(text, cp)
        assert offsets.to_code_point(offsets.to_utf16(cp)) == cp


@given(st.text())
def test_utf16_positions_inside_a_pair_round_down(text: str) -> None:
    offsets = OffsetMap(text)
    previous = 0
    for u16 in range(offsets.u16_length + 1):
        cp = offsets.to_code_point(u16)
        assert offsets.to_utf16(cp) <= u16 < offsets.to_utf16(cp) + 2 or u16 == offsets.u16_length
        assert cp >= previous
        previous = cp


def test_span_conversion_never_splits_an_emoji() -> None:
    text = "a🎉b"
    offsets = OffsetMap(text)
    assert offsets.span_to_utf16(1, 2) == (1, 3)
    assert offsets.span_to_code_points(1, 2) == (1, 2)  # half an emoji selected -> the whole emoji
    assert offsets.span_to_code_points(2, 4) == (1, 3)
    assert offsets.to_utf16(99) == 4 and offsets.to_code_point(-5) == 0


@pytest.fixture
def view(qtbot: QtBot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    return widget


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tricky_text, st.data())
def test_selection_in_the_widget_is_the_same_text(view: ArticleView, raw: str, data: st.DataObject) -> None:
    """What Qt shows selected is exactly text[start:end] of the stored (normalised) text."""
    text = normalize_text(raw)
    view.set_article(text)
    assert view.document().characterCount() - 1 == utf16_length(text)
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    view.select_span(start, end)
    assert view.selected_span() == (start, end)
    on_screen = view.textCursor().selectedText().replace("\u2029", "\n")
    assert on_screen == text[start:end]
