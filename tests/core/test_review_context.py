"""The text a reviewer reads around a disagreement (`ReviewItem.context`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.agreement import Unit
from annotator.core.reports import ReviewItem


def _item(text: str, span: tuple[int, int]) -> ReviewItem:
    return ReviewItem(Unit(1, span, {}, frozenset({"ana", "bo"})), "Boat fire", text)


def test_the_context_is_cut_between_words_and_says_where_it_goes_on() -> None:
    """A window of so many characters either side began "n Saturday morning" and ended mid-word."""
    text = "The fire broke out on Saturday morning. Officials said the boat sank. It was towed on Monday."
    start = text.index("Officials")
    end = text.index(" It was")
    shown, s, e = _item(text, (start, end)).context(chars=20)
    assert shown == "… Saturday morning. Officials said the boat sank. It was towed on …"
    assert shown[s:e] == "Officials said the boat sank."
    whole, s, e = _item(text, (start, end)).context(chars=200)
    assert (whole, whole[s:e]) == (text, "Officials said the boat sank.")


def test_a_word_longer_than_the_window_leaves_only_the_span() -> None:
    text = "x" * 50 + " A claim here. " + "y" * 50
    start = text.index("A claim")
    shown, s, e = _item(text, (start, start + len("A claim here."))).context(chars=10)
    assert shown == "… A claim here. …"
    assert shown[s:e] == "A claim here."


@given(
    st.text(alphabet="ab \n.", min_size=1, max_size=80),
    st.integers(0, 80),
    st.integers(0, 80),
    st.integers(0, 30),
)
def test_the_span_is_whole_and_no_word_is_cut(text: str, a: int, b: int, chars: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    shown, s, e = _item(text, (start, end)).context(chars=chars)
    assert shown[s:e] == text[start:end]
    before = "… " if shown.startswith("… ") and not text.startswith("… ") else ""
    body = shown[len(before) :].removesuffix(" …")
    left = start - (s - len(before))
    right = left + len(body)
    assert text[left:right] == body
    if shown.startswith("… "):
        assert left == start or text[left - 1].isspace()
    if shown.endswith(" …"):
        assert right == end or text[right].isspace()
