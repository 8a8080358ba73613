"""A service's message in a box or a dialog's note reads as a sentence (`error_text.as_sentence`),
and nothing in it but the first letter and the stop is ever touched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.ui.error_text import as_sentence


def with_stop(text: str) -> str:
    """`text` with a full stop after its last character that is not a space."""
    body = text.rstrip()
    return body + "." + text[len(body) :]


ordinary_word = st.from_regex(r"[a-z]{1,12}", fullmatch=True)
rest = st.text(max_size=40)

path_like = st.one_of(
    st.from_regex(r"/[a-z]{1,8}(/[a-z.]{1,8}){0,3}", fullmatch=True),
    st.from_regex(r"[a-z]{1,8}\.[a-z]{1,4}:?", fullmatch=True),  # notes.txt, p.db:
    st.from_regex(r"[a-z]{1,8}:", fullmatch=True),  # the command line's "NAME: reason"
    st.from_regex(r"[A-Z]:\\[a-z]{1,8}", fullmatch=True),
    st.from_regex(r"~/[a-z]{1,8}", fullmatch=True),
    st.from_regex(r"--[a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}", fullmatch=True),  # a code: x.y
    st.from_regex(r"[a-z]{1,8}\[[0-9]\]", fullmatch=True),  # entities[0]
)
quoted_start = st.sampled_from(["'", '"', "“", "‘", "«", "`", "("])
digit_start = st.characters(categories=["Nd"])
upper_start = st.characters(categories=["Lu"])


@given(st.text())
def test_a_sentence_made_once_stays_as_it_is(text: str) -> None:
    once = as_sentence(text)
    assert as_sentence(once) == once


@given(st.text())
def test_only_the_first_letter_and_a_stop_may_change(text: str) -> None:
    """The inside, file names and all, is left as it was written."""
    said = as_sentence(text)
    if not text.strip():
        assert said == text
        return
    assert said[:1] in (text[:1], text[:1].upper())
    assert said[1:] in (text[1:], with_stop(text)[1:])


@given(st.text().filter(lambda t: t.strip()))
def test_what_is_said_ends_with_a_stop_or_another_end_of_a_sentence(text: str) -> None:
    ending = as_sentence(text).rstrip().rstrip("\"'”’»)]}")
    assert ending[-1:] in tuple(".!?…")


@given(st.one_of(path_like, quoted_start, digit_start, upper_start), st.sampled_from(["", " ", ": "]), rest)
def test_a_path_a_quote_a_number_or_a_capital_first_is_left_apart_from_the_stop(
    start: str, between: str, tail: str
) -> None:
    text = start + between + tail
    assert as_sentence(text) in (text, with_stop(text))


@given(ordinary_word, st.sampled_from([" ", ", ", "; "]), rest)
def test_an_ordinary_lowercase_first_word_gets_its_capital(word: str, between: str, tail: str) -> None:
    text = word + between + tail
    said = as_sentence(text)
    assert said[0] == word[0].upper() and said[1:] in (text[1:], with_stop(text)[1:])


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        (
            "the disk is full; nothing was imported: the list of files that cannot be read goes "
            "beside the project; make room on that disk, then import again",
            "The disk is full; nothing was imported: the list of files that cannot be read goes "
            "beside the project; make room on that disk, then import again.",
        ),
        (
            "/data/out holds files that are not part of an earlier release (for example notes.txt); "
            "it will not be replaced: choose a new or empty folder",
            "/data/out holds files that are not part of an earlier release (for example notes.txt); "
            "it will not be replaced: choose a new or empty folder.",
        ),
        (
            "nothing was imported: 2 files or lines cannot be read:\n  a.txt: empty\n  b.txt: empty\n"
            "Fix them; nothing else was found to import.",
            "Nothing was imported: 2 files or lines cannot be read:\n  a.txt: empty\n  b.txt: empty\n"
            "Fix them; nothing else was found to import.",
        ),
        ("its weights have 3 bytes", "Its weights have 3 bytes."),
        ("notes: does not exist", "notes: does not exist."),
        ("p.annotator.db: the disk is full", "p.annotator.db: the disk is full."),
        ("--since: not a date", "--since: not a date."),
        ("“CC BY” is not an SPDX identifier", "“CC BY” is not an SPDX identifier."),
        ("en-core-web-sm is not installed", "en-core-web-sm is not installed."),
        ("it said (see the log.)", "It said (see the log.)"),
        ("he answered “No?”", "He answered “No?”"),
        ("claim 7 was deleted…", "Claim 7 was deleted…"),
        ("label 'x' is unknown\n", "Label 'x' is unknown.\n"),
        ("Not undone: add a claim", "Not undone: add a claim."),
        ("", ""),
    ],
)
def test_service_messages_as_the_window_says_them(said: str, shown: str) -> None:
    assert as_sentence(said) == shown
