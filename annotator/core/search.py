"""Finding words in article texts as the article list's search does: case folded, however the
accents are written, curly marks as straight ones, Arabic and Hebrew with or without their
vowel marks, Arabic and Persian letters as either keyboard types them, across the invisible
joiners and direction marks, from the start of a word.

Not in `core.text`, whose source is part of the pre-annotation rules' hash (`RULES_VERSION`):
a change here must not make every cached analysis be redone.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from annotator.core.korean_particles import KOREAN_PARTICLES
from annotator.core.text import written_without_spaces

_TYPED_ALIKE = {
    **{char: " " for char in map(chr, range(0x3001)) if char.isspace() and char != " "},
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u06cc\u0649", "\u064a"),
    "\u06a9": "\u0643",
    "\u06d5": "\u0647",
    **{chr(0x06F0 + digit): chr(0x0660 + digit) for digit in range(10)},
}
"""Characters a keyboard types otherwise, and what it types: a line break, a tab or a no-break
space as a space; curly apostrophes and quotation marks as straight ones. And the Arabic and
Persian forms of one letter as one: a Persian keyboard types "ی" (U+06CC) and "ک" (U+06A9) where
an Arabic one types "ي" or, at a word's end, "ى" and "ك", and the digits "۱۲" where it types
"١٢"; "ە" is a heh as "ه" is. Sites of either country write names of the other (and Persian ones
often with an Arabic keyboard), and a search from one keyboard found none of the other's."""

_ALIKE_BY_TYPED = {
    typed: tuple(c for c, t in _TYPED_ALIKE.items() if t == typed)
    for typed in dict.fromkeys(_TYPED_ALIKE.values())
}
_ALL_TYPED = "".join(_ALIKE_BY_TYPED)


def _alike(folded: str, needle: str) -> str:
    """`folded` with the characters of `_TYPED_ALIKE` written as typed, where `needle` (made
    alike) holds what they become; one character for one, so offsets stay.

    News sites write "wasn’t" and “green deal” with curly marks, and a text wraps "New York"
    over a line, while a keyboard types "wasn't", "\"green deal\"" and a space: the search
    found none of them. Replaced one by one (`str.translate` took 5 s on 50 million
    characters, these 0.4 s), and only for the marks the search holds.
    """
    for typed, written in _ALIKE_BY_TYPED.items():
        if typed in needle:
            for char in written:
                if char in folded:
                    folded = folded.replace(char, typed)
    return folded


_UNWRITTEN = re.compile(
    "[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640"
    "\u064b-\u0652\u0656-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]"
)
"""What Arabic and Hebrew texts may write or leave out of a word, and a keyboard leaves out:
the short vowels and other pointing (harakat, niqqud, cantillation) and the tatweel that
stretches a word ("محـــمد"). A site points a name ("مُحَمَّد") that a person types as its
letters, and the search found none of them. Not the hamza and madda marks (U+0653-U+0655):
they are letters' parts, which a decomposed "أ" writes as a mark."""


_INVISIBLE = "\u200c\u200e\u200f\u061c\u00ad\u200b\u2060"
"""What a text writes between letters and a keyboard leaves out, in any script: the zero-width
non-joiner of Persian ("می\u200cخواهم", typed as "میخواهم" as often as not) and the
left-to-right, right-to-left and Arabic letter marks that a right-to-left text puts between
its words to order them. A search typed one way found no text written the other, and a phrase
found none of its words with a mark between them. And where a page lets a line break: the soft
hyphen inside a word ("infor\u00admation"), the zero-width space after one ("war\u200b ended")
and the word joiner; a search for "information" or "war ended" found neither."""

_NON_JOINER = "\u200c"
"""The zero-width non-joiner, which Persian writes between the parts of a word ("رئیس\u200cجمهور",
president) where as many write a space: a search looks through a text both with it left out
and with it as a space (`_joined_and_spaced`), so "رئیسجمهور", "رئیس جمهور" and "جمهور" find
it, and a search typed with one finds the words written with a space."""

_SPACE_OR_NOTHING = _NON_JOINER + "\u200b"
"""Marks looked through both left out and as a space (`_joined_and_spaced`): the non-joiner, and
the zero-width space, which stands beside a space ("war\u200b ended", found left out) as often as
between two words of its own ("Thai\u200bwords", found as a space)."""

_LEFT_OUT = re.compile(_UNWRITTEN.pattern[:-1] + _INVISIBLE + "]")
"""What a search leaves out of itself: `_UNWRITTEN` and `_INVISIBLE`."""

_POINTED_SCRIPTS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
"""Hebrew and Arabic letters: only a search holding one may stand across an `_UNWRITTEN` mark."""


def _joined_and_spaced(text: str) -> tuple[str, ...]:
    """`text`, and `text` with its non-joiners and zero-width spaces as spaces when it holds any
    (`_SPACE_OR_NOTHING`).

    One character for one, so places found in either are the text's. Left out alone, the
    non-joiner joined a word's parts into one, and a search for its second part ("جمهور" of
    "رئیس\u200cجمهور"), which found it before, stood inside a word and found nothing.
    """
    present = [mark for mark in _SPACE_OR_NOTHING if mark in text]
    if not present:
        return (text,)
    spaced = text
    for mark in present:
        spaced = spaced.replace(mark, " ")
    return (text, spaced)


def _invisible_left_out(folded: str) -> tuple[str, list[int]]:
    """`folded` without its `_INVISIBLE` marks, and where they were left out (`_place_before`).

    Cut with `str.split`, not a regular expression, whose pass over 50 MB of Persian cost 3.4 s
    where this costs under 1 s; a text in Latin letters alone (one byte a character) cannot hold
    a mark, which `in` knows at once.
    """
    present = [mark for mark in _INVISIBLE if mark in folded]
    if not present:
        return folded, []
    for mark in present[1:]:
        folded = folded.replace(mark, present[0])
    pieces = folded.split(present[0])
    return "".join(pieces), list(accumulate(map(len, pieces[:-1])))


def _unwritten_left_out(folded: str, needle: str) -> tuple[str, list[int]]:
    """`folded` without its `_UNWRITTEN` marks where the (folded) `needle` is Hebrew or Arabic,
    and where they were left out: the places of the shorter text that had one or more before
    them, once for each, in order (`_place_before`).

    Only for such a search: a text in another script holds no such mark, and looking through
    it for them cost a search of 50 MB of English 0.7 s.
    """
    if _POINTED_SCRIPTS.search(needle) is None or _UNWRITTEN.search(folded) is None:
        return folded, []
    left_out = [match.start() - count for count, match in enumerate(_UNWRITTEN.finditer(folded))]
    return _UNWRITTEN.sub("", folded), left_out


def _place_before(at: int, left_out: list[int]) -> int:
    """Where the character at `at` of a text without its `_UNWRITTEN` marks stood before."""
    return at + bisect_right(left_out, at) if left_out else at


def folded_needles(needle: str) -> tuple[str, ...]:
    """The search, case folded, with its accents composed and decomposed (one form when they agree),
    and its curly marks and other spaces as a keyboard types them (`_alike`).

    Texts keep their characters as the file had them, and some (macOS, some sites) write "é"
    as "e" and a combining accent while a keyboard types one "é": "José" found no "José" written
    the other way. A text is written one way or the other, so both forms are looked for.
    Arabic and Hebrew vowel marks and tatweel are left out (`_UNWRITTEN`), as from the text,
    and so are the invisible joiners and direction marks (`_INVISIBLE`).
    """
    if not _LEFT_OUT.sub("", needle):
        return ()
    forms: list[str] = []
    for typed in _joined_and_spaced(needle.casefold()):
        folded = _LEFT_OUT.sub("", typed)
        # Made alike once composed or decomposed: "ۀ" decomposes to "ە" and a mark, and "ە" is "ه".
        forms += (unicodedata.normalize("NFC", folded), unicodedata.normalize("NFD", folded))
    return tuple(dict.fromkeys(_alike(form, _ALL_TYPED) for form in forms))


def folded_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where `needle` stands in the text, from the start of a word, ignoring case as
    `str.casefold` does, how accents are written and curly or straight marks (`folded_needles`),
    in code points.

    The same test as the article list's search of the texts (`holds`), so an article listed for
    a word always shows where the word is. From a word's start, not anywhere: a search for "AI"
    found every article, through "said" and "again", and "Iran" still finds "Iranian". Folding
    may lengthen a character ("ß" to "ss"); a match then covers the whole of each character it
    touches, and two matches inside one character are one place. A match never ends between a
    letter and its combining accent. An Arabic or Hebrew word is found with or without its
    vowel marks, in the text or the search (`_UNWRITTEN`), and the place covers its marks; a
    Persian word with or without its non-joiners or with spaces for them, and words with
    direction marks between them
    (`_INVISIBLE`). Arabic and Persian forms of a letter are one (`_TYPED_ALIKE`).
    """
    needles = folded_needles(needle)
    if not needles:
        return []
    folded = _alike(text.casefold(), "".join(needles))
    if len(folded) == len(text):  # each character folds to one: offsets are the text's
        origin: list[int] | None = None
    else:
        origin = [index for index, char in enumerate(text) for _ in char.casefold()]
    found: list[tuple[int, int]] = []
    for written in _joined_and_spaced(folded):
        searched, invisible = _invisible_left_out(written)
        searched, unwritten = _unwritten_left_out(searched, needles[0])
        for folded_needle in needles:
            for at in _word_starts(searched, folded_needle):
                first = _place_before(_place_before(at, unwritten), invisible)
                last = _place_before(_place_before(at + len(folded_needle) - 1, unwritten), invisible)
                start, stop = (first, last + 1) if origin is None else (origin[first], origin[last] + 1)
                while stop < len(text) and unicodedata.category(text[stop]).startswith("M"):
                    stop += 1  # "cafe" selects "café" written with a combining accent, accent and all
                found.append((start, stop))
    spans: list[tuple[int, int]] = []
    for span in sorted(found):
        if not spans or spans[-1][1] <= span[0]:  # "s" twice in one "ß" is one place
            spans.append(span)
    return spans


def holds(text: str, needle: str) -> bool:
    """Whether `folded_spans` would find `needle` in the text (the store's scan of every text:
    it stops at the first place)."""
    needles = folded_needles(needle)
    if not needles:
        return False
    pointed = _POINTED_SCRIPTS.search(needles[0]) is not None
    for searched in _joined_and_spaced(_alike(text.casefold(), "".join(needles))):
        for mark in _INVISIBLE:  # where they were is not wanted here (`_invisible_left_out`)
            if mark in searched:
                searched = searched.replace(mark, "")
        if pointed:
            searched = _UNWRITTEN.sub("", searched)
        if found_in(searched, needles):
            return True
    return False


def searchable(text: str) -> str:
    """`text` as `found_in` looks in it: case folded, its curly marks and spaces as typed.

    Arabic and Hebrew vowel marks are left out, as a search of those scripts leaves them out of
    the text (`holds`), and the invisible joiners and direction marks, as any search does. Every
    mark made alike, whatever the search: one that the search does not hold is never part of a
    place found, and stands outside a word either way (`starts_a_word`). So the list
    folds each title once, not once for each row at each key (`ui.models.ArticleFilterModel`).
    """
    # A title is short: one pass. Written with non-joiners, it is looked through both ways
    # (`_joined_and_spaced`), one after the other on lines of their own, as no search holds a
    # line break (`_TYPED_ALIKE` makes it a space).
    alike = _alike(text.casefold(), _ALL_TYPED)
    return "\n".join(_LEFT_OUT.sub("", written) for written in _joined_and_spaced(alike))


def found_in(searchable_text: str, needles: tuple[str, ...]) -> bool:
    """Whether one of `folded_needles` stands in a `searchable` text from a word's start."""
    for form in needles:
        at = searchable_text.find(form)
        while at >= 0:
            if starts_a_word(searchable_text, at):
                return True
            at = searchable_text.find(form, at + 1)
    return False


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
        if starts_a_word(text, at) and (
            end == len(text) or starts_a_word(text, end) or ends_before_a_particle(text, end)
        ):
            found.append((at, end))
            at = text.find(words, end)
        else:
            at = text.find(words, at + 1)
    return found


_LONGEST_PARTICLE = max(map(len, KOREAN_PARTICLES))


def ends_before_a_particle(text: str, end: int) -> bool:
    """Whether what follows `end` to the word's end is one Korean particle (`KOREAN_PARTICLES`),
    so that a name may end there: "트럼프" in "트럼프는" and "서울" in "서울에서", not "미국" in
    "미국인" nor "한국" in "한국은행".

    Korean writes a particle onto the name it follows, so most mentions of a name are no word
    of their own: Shift+A on "트럼프" added the bare mentions only, and an added name was carried
    to none of the others. The name's span stops before the particle, which is no part of it.
    """
    tail_end = end
    while tail_end < len(text) and tail_end - end <= _LONGEST_PARTICLE and _in_word(text[tail_end]):
        tail_end += 1
    return unicodedata.normalize("NFC", text[end:tail_end]) in KOREAN_PARTICLES


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
