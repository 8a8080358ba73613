"""Finding words in article texts as the article list's search does: case folded, however the
accents are written, from the start of a word.

Not in `core.text`, whose source is part of the pre-annotation rules' hash (`RULES_VERSION`):
a change here must not make every cached analysis be redone.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from annotator.core.text import written_without_spaces


def folded_needles(needle: str) -> tuple[str, ...]:
    """The search, case folded, with its accents composed and decomposed (one form when they agree).

    Texts keep their characters as the file had them, and some (macOS, some sites) write "é"
    as "e" and a combining accent while a keyboard types one "é": "José" found no "José" written
    the other way. A text is written one way or the other, so both forms are looked for.
    """
    folded = needle.casefold()
    if not folded:
        return ()
    forms = (unicodedata.normalize("NFC", folded), unicodedata.normalize("NFD", folded))
    return tuple(dict.fromkeys(forms))


def folded_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where `needle` stands in the text, from the start of a word, ignoring case as
    `str.casefold` does and how accents are written (`folded_needles`), in code points.

    The same test as the article list's search of the texts (`holds`), so an article listed for
    a word always shows where the word is. From a word's start, not anywhere: a search for "AI"
    found every article, through "said" and "again", and "Iran" still finds "Iranian". Folding
    may lengthen a character ("ß" to "ss"); a match then covers the whole of each character it
    touches, and two matches inside one character are one place. A match never ends between a
    letter and its combining accent.
    """
    needles = folded_needles(needle)
    if not needles:
        return []
    folded = text.casefold()
    if len(folded) == len(text):  # each character folds to one: offsets are the text's
        origin: list[int] | None = None
    else:
        origin = [index for index, char in enumerate(text) for _ in char.casefold()]
    found: list[tuple[int, int]] = []
    for folded_needle in needles:
        for at in _word_starts(folded, folded_needle):
            end = at + len(folded_needle)
            start, stop = (at, end) if origin is None else (origin[at], origin[end - 1] + 1)
            while stop < len(text) and unicodedata.category(text[stop]).startswith("M"):
                stop += 1  # "cafe" selects "café" written with a combining accent, accent and all
            found.append((start, stop))
    spans: list[tuple[int, int]] = []
    for span in sorted(found):
        if not spans or spans[-1][1] <= span[0]:  # "s" twice in one "ß" is one place
            spans.append(span)
    return spans


def holds(text: str, needle: str) -> bool:
    """Whether `folded_spans` would find `needle` in the text (the store's scan of every text,
    the list's filter of titles: it stops at the first place)."""
    folded = text.casefold()
    return any(next(_word_starts(folded, form), None) is not None for form in folded_needles(needle))


def _word_starts(folded: str, folded_needle: str) -> Iterator[int]:
    """Where `folded_needle` stands in `folded` from a word's start, in order, none overlapping."""
    at = folded.find(folded_needle)
    while at >= 0:
        if starts_a_word(folded, at):
            yield at
            at = folded.find(folded_needle, at + len(folded_needle))
        else:
            at = folded.find(folded_needle, at + 1)


def word_spans(text: str, words: str) -> list[tuple[int, int]]:
    """Where `words` stand in the text from a word's start to a word's end (`starts_a_word` at
    both ends), in order, none overlapping: "Shaw" in "Shaw's", not in "Shawn" nor in "Shaw"
    with a combining accent after it.

    In scripts written without spaces between words every letter may start or end one, so a
    Chinese name, which always stands between other letters ("外交部长王毅说"), is found there:
    `core.text.whole_word_spans`, which wants no letter beside it, never found one.
    """
    found: list[tuple[int, int]] = []
    at = text.find(words) if words else -1
    while at >= 0:
        end = at + len(words)
        if starts_a_word(text, at) and (end == len(text) or starts_a_word(text, end)):
            found.append((at, end))
            at = text.find(words, end)
        else:
            at = text.find(words, at + 1)
    return found


def starts_a_word(text: str, index: int) -> bool:
    """Whether a search may match from `index`: not inside a word, where "ai" of "said" is.

    A match may start after anything that is not part of a word, at a character that is not
    (a search for "$5" or "“we"), and anywhere in scripts written without spaces between words
    (Chinese, Japanese, Thai…), where every character may start one.
    """
    if index <= 0:
        return True
    before, at = text[index - 1], text[index]
    if not _in_word(before) or not _in_word(at):
        return True
    return written_without_spaces(before) or written_without_spaces(at)


def _in_word(char: str) -> bool:
    # A combining mark belongs to the letter before it: "e\u0301t" is one word.
    return char.isalnum() or unicodedata.category(char).startswith("M")
