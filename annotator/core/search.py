"""Finding words in article texts as the article list's search does: case folded, with or
without the accents of Latin and Greek letters however they are written, umlauts and "å" typed as
"ae", "oe", "ue", "aa" and "æ", "œ" as "ae", "oe", curly marks as straight ones, Arabic and Hebrew
with or without their vowel marks, Arabic and Persian letters as either keyboard types them,
across the invisible joiners and direction marks, from the start of a word.

Not in `core.text`, whose source is part of the pre-annotation rules' hash (`RULES_VERSION`):
a change here must not make every cached analysis be redone.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate, product

from annotator.core.korean_particles import KOREAN_PARTICLES
from annotator.core.text import written_without_spaces

_TYPED_ALIKE = {
    **{char: " " for char in map(chr, range(0x3001)) if char.isspace() and char != " "},
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u06cc\u0649", "\u064a"),
    "\u06a9": "\u0643",
    "\u06d5": "\u0647",
    **{chr(0x06F0 + digit): chr(0x0660 + digit) for digit in range(10)},
}
"""Characters a keyboard types otherwise, and what it types: a line break, a tab or a no-break
space as a space; curly apostrophes and quotation marks as straight ones, and the acute and grave
accents that keyboards without an apostrophe in reach type for one ("don´t", "don`t"). And the Arabic and
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


def _unaccented_letters() -> dict[str, str]:
    """Each Latin or Greek letter written with accents, as its letter without them ("é", "ñ",
    "ş", "ő", "ά" as "e", "n", "s", "o", "α"), and "ł", "ø", "đ", "ħ", "ı", "ŧ", which no accent
    makes, and Icelandic "ð", as the letter a keyboard without them types; Russian "ё" (and "ѐ",
    "ѝ") as "е", "и"."""
    bare = dict(zip("łøđðħıŧ", "loddhit", strict=True))
    for char in map(chr, range(0xC0, 0x2000)):
        name = unicodedata.name(char, "")
        parts = unicodedata.normalize("NFD", char)
        if (
            name.startswith(("LATIN", "GREEK"))
            and unicodedata.category(char).startswith("L")
            and len(parts) > 1
            and all(unicodedata.category(mark) == "Mn" for mark in parts[1:])
        ):
            bare[char] = parts[0]
    return {**bare, "\u0450": "\u0435", "\u0451": "\u0435", "\u045d": "\u0438"}


_UNACCENTED = _unaccented_letters()


_LIGATURES = {"æ": "ae", "œ": "oe", "þ": "th", "ĳ": "ij"}
"""Letters a keyboard without them types as two ("Ærø" as "AEro" or "Aero", "Œuvre" as
"Oeuvre", Icelandic "Þórður" as "Thordur", Dutch "ĳs" as "ijs"): folded so in the text and the
search alike, as case folding writes "ß" as "ss"."""


def _casefolded(text: str) -> str:
    """`text` case folded, its `_LIGATURES` written out: one character may become two."""
    folded = text.casefold()
    for ligature, letters in _LIGATURES.items():
        if ligature in folded:
            folded = folded.replace(ligature, letters)
    return folded


_UMLAUTS = {"ae": ("ä",), "oe": ("ö", "ø"), "ue": ("ü",), "aa": ("å",)}
"""How a keyboard without them types "ä", "ö", "ü", "ø" and "å": "Zuerich", "Duesseldorf",
"Malmoe", "Oeresund", and "Aarhus", "Aalborg" as Danish and Norwegian wrote "Århus" and "Ålborg"
until the 1940s, and many still do. Only the search is read so (`_umlaut_forms`), and only where
the text has the letter: a text's "ue" is no "ü" nor its "aa" (Dutch "Haag", "straat") an "å",
and "Zurich" or "Arhus" typed finds "Zürich" or "Århus" already, without the letter's marks. The
other way, a search holding one of the letters looks for it written out too (`_written_out`)."""

_UMLAUTED = "".join(letter for letters in _UMLAUTS.values() for letter in letters)
_MARKED_ON = {("a", "\u0308"): "ä", ("o", "\u0308"): "ö", ("u", "\u0308"): "ü", ("a", "\u030a"): "å"}
"""The letters of `_UMLAUTED` a text may write as a letter and a combining mark."""
_TYPED_UMLAUT = re.compile("[aou]e|aa")
_UMLAUT_FORMS_LIMIT = 4
"""At most so many of a search's "ae", "oe", "ue" and "aa" are read as the letter or not, each
way: 3 ** 4 forms, more than a name's few."""

_WRITTEN_OUT = str.maketrans({letter: typed for typed, letters in _UMLAUTS.items() for letter in letters})


def _written_out(folded: str) -> str:
    """`folded` (case folded, composed) with its "ä", "ö", "ü", "ø" and "å" written as a keyboard
    without them types them (`_UMLAUTS`): "århus" as "aarhus", "zürich" as "zuerich".

    A search typed with the letter found the name written out in none of the texts that write it
    so ("Århus" no "Aarhus", "Müller" no "Mueller"), while the name written out found the letter.
    The form is the search's own, so its places in the text are the text's code points; and the
    search without the letter's marks ("arhus") is looked for as before."""
    return folded.translate(_WRITTEN_OUT)


def _umlaut_forms(form: str) -> list[str]:
    """`form` (folded, without accents) with one or more of its "ae", "oe" and "ue" as the letter
    a keyboard types so (`_UMLAUTS`), each way: "duesseldorf" as "düsseldorf", "goethe
    duesseldorf" as "göthe duesseldorf", "goethe düsseldorf" and "göthe düsseldorf". Looked for in
    the text with its umlauts kept (`_unaccented_places`), so only a text's umlaut matches one."""
    places = [match.start() for match in _TYPED_UMLAUT.finditer(form)][:_UMLAUT_FORMS_LIMIT]
    forms: list[str] = []
    for choices in product(*[(form[at : at + 2], *_UMLAUTS[form[at : at + 2]]) for at in places]):
        if all(len(choice) == 2 for choice in choices):
            continue  # the form as typed
        pieces: list[str] = []
        done = 0
        for at, choice in zip(places, choices, strict=True):
            pieces += (form[done:at], choice)
            done = at + 2
        forms.append("".join(pieces) + form[done:])
    return forms


def _ends_a_word_only(needle: str) -> bool:
    """Whether `needle` is an umlaut form (`_umlaut_forms`) ending in the umlaut, which stands
    only where the text's word ends with it: "Malmoe" finds "Malmö", but "Joe" no "Jörg", "due"
    no "Düsseldorf" and "blue" no "Blüte", which a reader of English news would not want listed.
    A search typed with the umlaut has lost it (`folded_needles`): only such a form ends so."""
    return needle[-1:] in _UMLAUTED


_ACCENTS = "\u0300-\u036f\u1dc0-\u1dff"
"""The combining accents a text writes after its letter ("e\u0301" for "é"), as macOS and
some sites write them."""

_MAY_BE_ACCENTED = re.compile(f"[\u00c0-\u024f\u0370-\u03ff\u0450-\u045d{_ACCENTS}\u1e00-\u1fff]")
"""Where a letter of `_UNACCENTED` or an accent may stand: one class of a few ranges, which a
regular expression looks through at about 6 ns a character (the exact class of the 745
letters and the accents was slower). A text without one, as 84% of the news articles of
`benchmarks/bench_search.py`, is passed over in that one pass."""

_BEARS_ACCENTS = frozenset(
    char
    for char in map(chr, range(0x2000))
    if unicodedata.category(char).startswith("L")
    and unicodedata.name(char, "").startswith(("LATIN", "GREEK"))
)
"""The Latin and Greek letters whose combining accents a search leaves out."""

_STRESSED = frozenset("аеиоуыэюяё")
"""Russian vowels, whose stress marks (U+0300, U+0301) a search leaves out, as dictionaries and
Wikipedia write them ("ударе\u0301ние"); and "е", whose two dots (U+0308, "ё") most texts leave
out themselves. Not the breve of "й", the dots of Ukrainian "ї" nor the accent of Macedonian
"ѓ": letters of their own. Nor the marks of any other script: Japanese "が" is no "か", and
Devanagari's vowel signs are vowels."""


def _is_accent(char: str) -> bool:
    return "\u0300" <= char <= "\u036f" or "\u1dc0" <= char <= "\u1dff"


def _left_out_after(before: str, accent: str) -> bool:
    """Whether a search leaves out the combining `accent` written after `before`."""
    if before in _BEARS_ACCENTS:
        return True
    return before in _STRESSED and (accent in "\u0300\u0301" or (accent == "\u0308" and before == "е"))


def _unaccented(folded: str) -> str:
    """`folded` (case folded) without the accents of its Latin and Greek letters (`_UNACCENTED`,
    `_left_out_after`).

    A keyboard types "Jose", "Sao Paulo", "Zurich" and "naive" for names a site writes "José",
    "São Paulo", "Zürich" and "naïve", and the search found none of them; a search that holds
    an accent finds the name written without it, too, as a browser's search does.
    """
    return _unaccented_places(folded)[0]


def _unaccented_places(folded: str, *, umlauts: bool = False) -> tuple[str, list[int]]:
    """`_unaccented(folded)`, and where combining accents were left out (`_place_before`): an
    accented letter stays one letter, a letter and its combining accents become one.

    With `umlauts`, "ä", "ö", "ü" and "ø" keep their marks, and "a", "o" or "u" with a combining
    diaeresis becomes the one letter (`_umlaut_forms` are looked for in that text)."""
    if folded.isascii():
        return folded, []
    pieces: list[str] = []
    left_out: list[int] = []
    done = after_accent = 0
    for match in _MAY_BE_ACCENTED.finditer(folded):
        at = match.start()
        char = folded[at]
        letter = _UNACCENTED.get(char)
        if umlauts and char in _UMLAUTED:
            continue
        if umlauts and at > done and (marked := _MARKED_ON.get((folded[at - 1], char))):
            pieces += (folded[done : at - 1], marked)
            left_out.append(at - len(left_out))
            after_accent = at + 1
        elif letter is not None:
            pieces += (folded[done:at], letter)
        elif _is_accent(char) and (
            at == after_accent > 0 or (at > 0 and _left_out_after(folded[at - 1], char))
        ):
            pieces.append(folded[done:at])  # and an accent after one left out goes too
            left_out.append(at - len(left_out))
            after_accent = at + 1
        else:
            continue
        done = at + 1
    pieces.append(folded[done:])
    return "".join(pieces), left_out


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


def _place_in(at: int, left_out: tuple[list[int], ...]) -> int:
    """Where the character at `at` of a text with characters left out step after step stood
    before the first step: `left_out` is what each step left out, the last step first."""
    for places in left_out:
        at = _place_before(at, places)
    return at


def _place_before(at: int, left_out: list[int]) -> int:
    """Where the character at `at` of a text without its `_UNWRITTEN` marks stood before."""
    return at + bisect_right(left_out, at) if left_out else at


@lru_cache(maxsize=64)
def folded_needles(needle: str) -> tuple[str, ...]:
    """The search, case folded, with its accents composed and decomposed (one form when they agree),
    the accents of Latin and Greek letters left out (`_unaccented`), and its curly marks and
    other spaces as a keyboard types them (`_alike`).

    Texts keep their characters as the file had them, and some (macOS, some sites) write "é"
    as "e" and a combining accent while a keyboard types one "é": "José" found no "José" written
    the other way. A text is written one way or the other, so both forms are looked for.
    Arabic and Hebrew vowel marks and tatweel are left out (`_UNWRITTEN`), as from the text,
    and so are the invisible joiners and direction marks (`_INVISIBLE`). "æ" and "œ" are
    written out (`_LIGATURES`), and so are "ä", "ö", "ü", "ø" and "å" in a form of their own
    (`_written_out`); the forms follow with "ae", "oe", "ue" and "aa" read as those letters
    (`_umlaut_forms`), which alone hold one.

    Kept for the last few searches: `holds` asks it of each text, and folding the same search
    again for each of 10,000 texts took 0.2 s of the list's search.
    """
    if not _LEFT_OUT.sub("", needle):
        return ()
    forms: list[str] = []
    for typed in _joined_and_spaced(_casefolded(needle)):
        folded = _LEFT_OUT.sub("", typed)
        # Made alike once composed or decomposed: "ۀ" decomposes to "ە" and a mark, and "ە" is "ه".
        composed = unicodedata.normalize("NFC", folded)
        forms += (composed, unicodedata.normalize("NFD", folded), _written_out(composed))
    plain = list(dict.fromkeys(_alike(_unaccented(form), _ALL_TYPED) for form in forms))
    return tuple(dict.fromkeys(plain + [umlauted for form in plain for umlauted in _umlaut_forms(form)]))


def narrows(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Whether a text that holds none of the `folded_needles` `before` holds none of `after`
    either: a letter was typed onto each, and none `before` stood only at a word's end
    (`_ends_a_word_only`: "joe" is no "Jörg", "joer" is)."""
    return (
        len(after) == len(before)
        and all(new.startswith(old) for new, old in zip(after, before, strict=True))
        and not any(_ends_a_word_only(old) for old in before)
    )


def _umlauts_kept(needles: tuple[str, ...], unaccented: str) -> tuple[str, ...]:
    """The `_umlaut_forms` among `needles` that may stand in the text whose `_unaccented` form is
    `unaccented`: those whose letters without the umlauts' dots stand there. That text is the text
    with its umlauts kept, but for the dots: a text without "dusseldorf" holds no "düsseldorf", and
    the pass with the umlauts kept is left out for nearly every text."""
    return tuple(form for form, undotted in _umlaut_forms_of(needles) if undotted in unaccented)


@lru_cache(maxsize=64)
def _umlaut_forms_of(needles: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((form, _unaccented(form)) for form in needles if any(letter in form for letter in _UMLAUTED))


_MAY_HOLD_UMLAUTS = re.compile(f"[{_UMLAUTED}\u0308\u030a]")


def folded_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where `needle` stands in the text, from the start of a word, ignoring case as
    `str.casefold` does, the accents of Latin and Greek letters (`_unaccented`: "sao paulo" finds
    "São Paulo", and "José" finds "Jose") and curly or straight marks (`folded_needles`), in code
    points.

    The same test as the article list's search of the texts (`holds`), so an article listed for
    a word always shows where the word is. From a word's start, not anywhere: a search for "AI"
    found every article, through "said" and "again", and "Iran" still finds "Iranian". Folding
    may lengthen a character ("ß" to "ss"); a match then covers the whole of each character it
    touches, and two matches inside one character are one place. A match never ends between a
    letter and its combining accent. An Arabic or Hebrew word is found with or without its
    vowel marks, in the text or the search (`_UNWRITTEN`), and the place covers its marks; a
    Persian word with or without its non-joiners or with spaces for them, and words with
    direction marks between them
    (`_INVISIBLE`). Arabic and Persian forms of a letter are one (`_TYPED_ALIKE`). "Zuerich" finds
    "Zürich" and "Aarhus" "Århus" (`_umlaut_forms`), and back (`_written_out`); "Aero" finds
    "Ærø" (`_LIGATURES`)."""
    needles = folded_needles(needle)
    if not needles:
        return []
    folded = _casefolded(text)
    if len(folded) == len(text):  # each character folds to one: offsets are the text's
        origin: list[int] | None = None
    else:
        origin = [index for index, char in enumerate(text) for _ in _casefolded(char)]
    folded = _alike(folded, "".join(needles))
    found: list[tuple[int, int]] = []
    for written in _joined_and_spaced(folded):
        searched, invisible = _invisible_left_out(written)
        searched, unwritten = _unwritten_left_out(searched, needles[0])
        # Last, as the search loses its accents after its invisible marks (`folded_needles`):
        # "e", a soft hyphen and an accent is an "e" with its accent for both.
        bare, accents = _unaccented_places(searched)
        passes = [(bare, accents, needles)]
        if umlauted := _umlauts_kept(needles, bare):  # "zuerich" as "zürich", the text's umlauts kept
            passes.append((*_unaccented_places(searched, umlauts=True), umlauted))
        for unaccented, accents, forms in passes:
            left_out = (accents, unwritten, invisible)
            for folded_needle in forms:
                for at in _word_starts(unaccented, folded_needle):
                    first = _place_in(at, left_out)
                    last = _place_in(at + len(folded_needle) - 1, left_out)
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
    folded = _alike(_casefolded(text), "".join(needles))
    for searched in _joined_and_spaced(folded):
        for mark in _INVISIBLE:  # where they were is not wanted here (`_invisible_left_out`)
            if mark in searched:
                searched = searched.replace(mark, "")
        if pointed:
            searched = _UNWRITTEN.sub("", searched)
        bare = _unaccented(searched)
        if found_in(bare, needles):
            return True
        umlauted = _umlauts_kept(needles, bare)
        if umlauted and found_in(_unaccented_places(searched, umlauts=True)[0], umlauted):
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
    # line break (`_TYPED_ALIKE` makes it a space). With umlauts, once more with them kept, for
    # the `_umlaut_forms` of a search (which stand in no line without them).
    alike = _alike(_casefolded(text), _ALL_TYPED)
    lines = [_LEFT_OUT.sub("", written) for written in _joined_and_spaced(alike)]
    kept = [_unaccented_places(line, umlauts=True)[0] for line in lines if _MAY_HOLD_UMLAUTS.search(line)]
    return "\n".join([_unaccented(line) for line in lines] + kept)


def found_in(searchable_text: str, needles: tuple[str, ...]) -> bool:
    """Whether one of `folded_needles` stands in a `searchable` text from a word's start."""
    return any(next(_word_starts(searchable_text, form), None) is not None for form in needles)


def _word_starts(folded: str, folded_needle: str) -> Iterator[int]:
    """Where `folded_needle` stands in `folded` from a word's start (and to a word's end, for
    `_ends_a_word_only`), in order, none overlapping."""
    at = folded.find(folded_needle)
    to_the_end = _ends_a_word_only(folded_needle)
    while at >= 0:
        end = at + len(folded_needle)
        if starts_a_word(folded, at) and not (to_the_end and end < len(folded) and _in_word(folded[end])):
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
