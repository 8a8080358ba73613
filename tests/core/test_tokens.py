"""The stored token form: it round-trips, reproduces spaCy's tokens, and refuses damaged rows."""

from __future__ import annotations

import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Token
from annotator.core.tokens import TokenSpans
from annotator.nlp import tokenize

# Texts as a project stores them: any character but a lone surrogate (import refuses those).
TEXTS = st.text(
    alphabet=st.sampled_from(list("ab .,'’\"\n\t-😀é\u2028\u0301漢"))
    | st.characters(exclude_categories=("Cs",)),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_stored_tokens_are_the_tokenizers_tokens(text: str) -> None:
    tokens = tokenize(text)
    again = TokenSpans.decode(text, tokens.encode())
    assert again is not None and again == tokens
    # As Token objects they are what spaCy's Doc says, with ws True only for one following space.
    listed = list(again)
    assert [t.id for t in listed] == list(range(len(listed)))
    assert "".join(t.text + (" " if t.ws else "") for t in listed) == text
    assert all(text[t.start : t.end] == t.text and t.text for t in listed)
    assert again.words() == [t.text for t in listed] == again.words()
    assert TokenSpans.from_tokens(text, listed) == tokens


def test_tokens_are_a_sequence_of_token() -> None:
    tokens = tokenize("Hi there  you.")
    assert len(tokens) == 5 and tokens[0] == Token(0, 0, 2, "Hi", True)
    assert tokens[-1] == Token(4, 13, 14, ".", False)
    assert tokens[1:3] == [Token(1, 3, 8, "there", True), Token(2, 9, 10, " ", False)]
    assert list(TokenSpans("", [], [])) == [] and not TokenSpans("", [], [])


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"not zlib",
        zlib.compress(b"\x01\x02\x03"),  # not whole 32-bit numbers
        zlib.compress((4 * 2).to_bytes(4, "little") * 3),  # three 4-character tokens: too long
        zlib.compress((2 * 2 + 1).to_bytes(4, "little") + (2 * 2).to_bytes(4, "little")),  # "Hi" + "x"?
        zlib.compress(b"\x00" * 4 * 10_000),  # inflates past what the text could need
        zlib.compress((0).to_bytes(4, "little") + (9 * 2).to_bytes(4, "little")),  # an empty token
    ],
)
def test_damaged_or_foreign_rows_are_refused(payload: bytes) -> None:
    assert TokenSpans.decode("Hi xthere", payload) is None


def test_a_row_for_another_text_of_the_same_length_is_refused() -> None:
    # Tiles by length, but the "space" after the first token is not a space in this text.
    assert TokenSpans.decode("Hi-there", tokenize("Hi there").encode()) is None


def test_from_tokens_refuses_tokens_that_do_not_tile() -> None:
    with pytest.raises(ValueError, match="tile"):
        TokenSpans.from_tokens("ab cd", [Token(0, 0, 2, "ab", False), Token(1, 3, 5, "cd", False)])
