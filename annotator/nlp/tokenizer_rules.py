"""spaCy's rule-based tokenizer in plain Python, run on English language data, without spaCy.

A port of `spacy.tokenizer.Tokenizer` (spaCy 3.x, MIT licence, (c) Explosion AI; see
THIRD-PARTY-NOTICES.md): the text is cut at whitespace into pieces; each piece goes through the
affix loop of `Tokenizer._split_affixes` (a special case or `token_match` ends it; else a prefix
and a suffix are cut, each checked for a special case left behind) and `_attach_tokens` (special
case, `token_match` or `url_match`, else infix splits); then `_apply_special_cases` looks for
special cases once more over the tokens of the whole text. The settings are
`annotator/nlp/lang/en/tokenizer_data.json`, generated from spaCy's blank English and held equal
to it by tests/nlp/test_tokenizer_data.py; tests/nlp/test_tokenizer.py compares the tokens with
spaCy's on every text in tests/data and on hostile text.

Why not spaCy itself: importing it costs about 0.45 s, and a project's first Prodigy export must
tokenise every article. Why it is fast in Python: the work is per distinct piece, cached as spaCy
caches it; a piece of letters only or decimal digits only that is not a special case is one token
without any regular expression (the rules cannot match such a piece: the proof is
`make_tokenizer_data.plain_excluded`); and a whole text is put together from cached pieces by
C-level `map`s and one `findall`, not a Python loop per token: its units, each unit's numbers, and
the tokens' offsets in one running sum (`TokenSpans.from_units`), which also lets a writer render
each distinct unit once (`core.tokens.UnitTable`). The caches hold numbers as `bytes`, which the
garbage collector does not track (`_packed`). Other shortcuts, all proved
from the patterns by `make_tokenizer_data.affix_edges`: the prefix and suffix patterns are only
run on pieces whose first (last) character can start (end) a match, and a plain piece with one
character that always is a one-character suffix (`,`, `"`, `)` ...) is two tokens outright; a
character that is always a prefix or a suffix alone answers the search without its pattern. And
from `make_tokenizer_data.attach_edges`: the infix pattern is tried only where an infix can start,
and `url_match` only on a piece with a full stop.

Tokens are returned as `core.tokens.TokenSpans`, kept in spaCy's stored form (`length * 2 +
spaced` per token) and per unit.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import accumulate, chain, islice
from typing import Any

from annotator.core.tokens import Memo, TokenSpans, UnitTable

# A unit is a run of non-space characters with the one space after it, if any (spaCy's `spacy`
# flag: that space is not a token), or a run of whitespace that is left over (its own piece).
# `\s` is exactly `str.isspace`, which spaCy splits on (tests/nlp/test_tokenizer.py checks it).
_UNITS = re.compile(r"\S+ ?|\s+")

LONGEST_PIECE = 10_000
"""The longest piece (a run of non-space characters) split exactly as spaCy splits it. Its affix
loop cuts one character a round from a run of marks (`*`, `=`, `&`) and copies the rest each
time, so the time grows with the square of the run: 100,000 `=` took 2.9 s here (spaCy took 14 s
on 8,000), a million would take minutes. No word is this long; a crafted file's or a broken
page's run is cut into parts this long first (a million `=` in 5 s), and only there do the
tokens differ from spaCy's."""

Lengths = tuple[int, ...]
Numbers = bytes | tuple[int, ...]
"""What the caches keep per unit: small numbers as `bytes`, which the garbage collector does not
track; a tuple (which it does) only for a token longer than 127 characters."""


class RuleTokenizer:
    """spaCy's tokenizer algorithm over one language's data (`lang/en/tokenizer_data.json`, as loaded)."""

    cache_limit = 100_000
    """Distinct units kept (about 25-30 MB with the Prodigy writer's renderings; 265 news articles
    have 26,000): past it the caches start again, so a long release does not grow the process
    without end (spaCy stops caching at 10,000)."""

    def __init__(
        self, data: Mapping[str, Any], patterns: Mapping[str, re.Pattern[str]] | None = None
    ) -> None:
        """`patterns`: the data's patterns already compiled, by key (`tokenizer.compiled_patterns`)."""

        def compiled(key: str) -> re.Pattern[str] | None:
            source: str | None = data[key]
            if source is None:
                return None
            found = (patterns or {}).get(key)
            return found if found is not None and found.pattern == source else re.compile(source)

        self._prefix = compiled("prefix")
        self._suffix = compiled("suffix")
        self._infix = compiled("infix")
        self._token_match = compiled("token_match")
        self._url_match = compiled("url_match")
        self._specials: dict[str, Lengths] = {
            string: tuple(map(len, pieces)) for string, pieces in data["special_cases"].items()
        }
        # The special-case matcher's patterns by their first token; and the first tokens of the
        # ones that can change something (their affix tokens differ from the special case's).
        self._patterns: dict[str, list[tuple[str, ...]]] = {}
        self._changing: set[str] = set()
        for string, pieces in data["matcher_patterns"].items():
            self._patterns.setdefault(pieces[0], []).append(tuple(pieces))
            if tuple(map(len, pieces)) != self._specials[string]:
                self._changing.add(pieces[0])
        # Shortcuts proved from the patterns when the data was made (`make_tokenizer_data`). They
        # hold on the Unicode tables they were proved with (`str.isalpha` and the regular
        # expressions' classes move with them): on another Python every piece takes the full rules.
        derived = data["derived"] if data["derived"]["unicode_version"] == unicodedata.unidata_version else {}
        excluded: dict[str, str] = derived.get("plain_excluded", {})
        self._plain_piece = _plain_test(excluded)
        self._prefix_at_start = self._prefix is not None and derived.get("prefix_anchored", False)
        self._prefix_first = frozenset(derived["prefix_first"]) if "prefix_first" in derived else None
        self._suffix_last = frozenset(derived["suffix_last"]) if "suffix_last" in derived else None
        self._suffix_width: int | None = derived.get("suffix_width")
        # Without `token_match` (a piece it matches skips the affix rules), and knowing which
        # characters a prefix can start with.
        proved = data["token_match"] is None and (self._prefix is None or self._prefix_first is not None)
        self._suffix_one = frozenset(derived.get("suffix_single", ""))
        self._suffix_single = self._suffix_one if proved else frozenset()
        # The characters before which each of these is a suffix alone, as code point bounds.
        self._suffix_after: dict[str, list[int]] = derived.get("suffix_after", {}) if proved else {}
        self._prefix_starts = self._prefix_first or frozenset()
        # Starting a piece, the characters of `prefix_first` but these are a prefix alone.
        longer = derived.get("prefix_longer")
        self._prefix_longer = None if longer is None or self._prefix_first is None else frozenset(longer)
        # Where an infix can start, and what a URL must hold (`make_tokenizer_data.attach_edges`).
        self._infix_first = frozenset(derived["infix_first"]) if "infix_first" in derived else None
        self._url_needs: str | None = derived.get("url_needs")
        # The same two for the suffix search alone, which needs no more than their proofs.
        self._suffix_after_any: dict[str, list[int]] = derived.get("suffix_after", {})
        self._suffix_unbounded = frozenset(derived.get("suffix_unbounded_last", ""))
        self._pieces: dict[str, Numbers] = Memo(lambda piece: _packed(self._split(piece)))
        self._units: dict[str, Numbers] = Memo(self._new_unit)
        self.table = UnitTable(self._values_of)
        """What readers of this tokenizer's units derive per unit (`core.tokens.UnitTable`)."""
        # Units whose tokens hold a special case the matcher would put back (rare): a text with
        # one gets the whole-text matcher pass, exactly as spaCy runs it.
        self._rematch: set[str] = set()
        self._lock = threading.Lock()

    # --- one text ---------------------------------------------------------------------------------

    def values(self, text: str) -> list[int]:
        """The tokens of `text` as `length * 2 + spaced`, one number per token, as spaCy splits it."""
        return list(self.spans(text).values())

    def spans(self, text: str) -> TokenSpans:
        """The tokens of `text`, as spans that keep the text's units and each unit's tokens.

        A unit's tokens depend on the unit alone, but for the rare special case the matcher puts
        back over a whole text: so a writer can render each distinct unit once (`TokenSpans.units`).
        """
        units = _UNITS.findall(text)
        cache = self._units
        with self._lock:  # the caches are shared: one text at a time per tokenizer
            if len(cache) > self.cache_limit:
                self._clear()
            # A unit not seen before is worked out by `_new_unit` (the memo's `__missing__`);
            # every other lookup stays in C.
            known = len(cache)
            unit_values: list[Sequence[int]] = list(map(cache.__getitem__, units))
            if len(cache) > known and self.table.makers:
                self._fill_table(len(cache) - known)
            if self._rematch and not self._rematch.isdisjoint(units):
                values, words = self._apply_special_cases(text, list(chain.from_iterable(unit_values)))
                return TokenSpans.from_values(text, values, words)
        return TokenSpans.from_units(text, units, unit_values, self.table)

    def _fill_table(self, count: int) -> None:
        """What the table's readers make of the last `count` units met (the newest keys of the
        cache, which keeps insertion order): one `map` per reader over a text's new units, not a
        loop over the readers in each unit's first look (4 ms less on 26,000 units)."""
        cache = self._units
        fresh = list(islice(reversed(cache.keys()), count))
        values = list(map(cache.__getitem__, fresh))
        for memo, make in self.table.makers:
            memo.update(zip(fresh, map(make, fresh, values), strict=True))

    def _values_of(self, unit: str) -> Numbers:
        """A unit's tokens in the stored form, for the table's readers (who hold no lock)."""
        with self._lock:
            return self._units[unit]

    def _clear(self) -> None:
        self._units.clear()
        self._pieces.clear()
        self._rematch.clear()
        self.table.clear()

    # --- one unit, one piece ----------------------------------------------------------------------

    def _new_unit(self, unit: str) -> Numbers:
        """A unit not seen before: its tokens in the stored form (packed, see `Numbers`). What
        the table's readers make of it is made after the text (`_fill_table`)."""
        spaced = unit[-1] == " " and not unit[0].isspace()
        piece = unit[:-1] if spaced else unit
        # Most pieces are a plain word, or a plain word and one punctuation mark, which take no
        # regular expression (`_split` says why that is spaCy's answer).
        lengths: Sequence[int]
        if piece in self._specials:
            lengths = self._specials[piece]
        elif self._plain_piece(piece):  # most units: one word, its numbers from a table
            value = 2 * len(piece) + spaced
            return _ONE_TOKEN[value] if value < 256 else _packed((value,))
        else:
            lengths = (
                self._plain_and_suffix(piece)
                or self._pieces.get(piece)
                or (self._long_piece(piece) if len(piece) > LONGEST_PIECE else self._new_piece(piece))
            )
        if len(lengths) == 1:
            if lengths[0] < 128:  # most units: one word, its numbers from a table
                return _ONE_TOKEN[2 * lengths[0] + spaced]
            return _packed((2 * lengths[0] + spaced,))
        if self._may_rematch(piece, lengths) and self._special_inside(piece, lengths):
            self._rematch.add(unit)
        if len(lengths) == 2 and lengths[0] < 128 and lengths[1] < 128:
            # The next most common unit: a word and a mark. Packed straight from the two.
            return bytes((2 * lengths[0], 2 * lengths[1] + spaced))
        numbers = [2 * n for n in lengths]
        numbers[-1] += spaced
        return _packed(numbers)

    def _plain_and_suffix(self, piece: str) -> Lengths | None:
        """A special case or a plain piece, then one character that is the piece's suffix alone
        whatever comes before it (`suffix_single`: `,` `"` `)` ...) or after the character before
        it (`suffix_after`: a full stop after a lowercase letter or a digit ...), and no prefix:
        `_split`'s answer, without a regular expression. None for any other piece."""
        if len(piece) < 2 or (piece[0] in self._prefix_starts and self._find_prefix(piece)):
            return None
        last = piece[-1]
        if last not in self._suffix_single:
            after = self._suffix_after.get(last)
            if after is None or not bisect_right(after, ord(piece[-2])) & 1:
                return None
        core = piece[:-1]
        if core in self._specials:
            return (*self._specials[core], 1)
        if self._plain_piece(core):
            return (len(core), 1)
        return None

    def _split(self, string: str) -> Lengths:
        """`_split_affixes` then `_attach_tokens` for one piece, with special cases (token lengths)."""
        settled = self._settled(string)
        return self._affixes(string) if settled is None else settled

    def _settled(self, string: str) -> Lengths | None:
        """A piece's tokens when no round of the affix loop is needed: empty, a special case, a
        plain piece, or a plain piece and a one-character suffix (`_plain_and_suffix`, which
        `_new_unit` asks first). None for a piece the loop must cut."""
        if not string:
            return ()
        specials = self._specials
        if string in specials:
            return specials[string]
        if self._plain_piece(string):
            return (len(string),)
        return self._plain_and_suffix(string)

    def _long_piece(self, piece: str) -> Lengths:
        """A piece over `LONGEST_PIECE`, cut into parts that long, each split as spaCy splits it."""
        parts = (piece[start : start + LONGEST_PIECE] for start in range(0, len(piece), LONGEST_PIECE))
        return tuple(chain.from_iterable(map(self._split, parts)))

    def _new_piece(self, piece: str) -> Numbers:
        """A unit's piece that `_new_unit` found to be no special case, not plain and not a plain
        piece and a mark: `_split` without asking those three again, kept in the pieces' cache."""
        found = self._pieces[piece] = _packed(self._affixes(piece))
        return found

    def _affixes(self, string: str) -> Lengths:
        """`_split` past its shortcuts: the affix loop, then `_attach` on what it leaves.

        A loop, as spaCy's is, not a call per round: a piece of a thousand `*` or `=` (a text's
        rule line) is a round per character, and a call per round ran out of Python's stack, so
        exporting such an article was an internal error. A rest met before as a piece of its own
        is taken from the cache; rests are not added to it, so a long run does not fill it with
        every one of its tails.
        """
        specials = self._specials
        pieces = self._pieces
        prefixes: list[int] = []
        suffixes: list[int] = []
        middle: Sequence[int]
        while True:
            if self._token_match is not None and self._token_match.match(string):
                middle = self._attach(string)
                break
            pre_len = self._find_prefix(string)
            if pre_len:
                minus_pre = string[pre_len:]
                if minus_pre and minus_pre in specials:
                    prefixes.append(pre_len)
                    middle = specials[minus_pre]
                    break
            suf_len = self._find_suffix(string[pre_len:])
            if suf_len:
                minus_suf = string[:-suf_len]
                if minus_suf and minus_suf in specials:
                    middle = specials[minus_suf]
                    suffixes.append(suf_len)
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                prefixes.append(pre_len)
                suffixes.append(suf_len)
                string = string[pre_len:-suf_len]
            elif pre_len:
                prefixes.append(pre_len)
                string = string[pre_len:]
            elif suf_len:
                suffixes.append(suf_len)
                string = string[:-suf_len]
            else:
                middle = self._attach(string)
                break
            known = pieces.get(string)
            if known is not None:
                middle = known
                break
            settled = self._settled(string)
            if settled is not None:
                middle = settled
                break
        suffixes.reverse()
        return (*prefixes, *middle, *suffixes)

    def _find_prefix(self, string: str) -> int:
        """`find_prefix`: the length of the prefix match, 0 for none."""
        if self._prefix is None:
            return 0
        if self._prefix_first is not None:
            if string[0] not in self._prefix_first:
                return 0
            if self._prefix_longer is not None and string[0] not in self._prefix_longer:
                return 1  # always a prefix of one character (proved)
        found = (self._prefix.match if self._prefix_at_start else self._prefix.search)(string)
        return 0 if found is None else found.end() - found.start()

    def _find_suffix(self, string: str) -> int:
        """`find_suffix`: the length of the suffix match, 0 for none."""
        if self._suffix is None or not string:
            return 0
        start = 0
        # `$` also matches before a newline that ends the string: a whitespace piece may end in
        # one, and then a match may end one character early. Such a piece is searched in full.
        last = string[-1]
        if last != "\n":
            if self._suffix_last is not None and last not in self._suffix_last:
                return 0
            # A character that is a suffix alone, always or after the one before it (proved).
            if last in self._suffix_one:
                return 1
            after = self._suffix_after_any.get(last)
            if after is not None and len(string) > 1 and bisect_right(after, ord(string[-2])) & 1:
                return 1
            if self._suffix_width is not None and string[-1] not in self._suffix_unbounded:
                start = max(0, len(string) - self._suffix_width)
        found = self._suffix.search(string, start)
        return 0 if found is None else found.end() - found.start()

    def _attach(self, string: str) -> Lengths:
        """`_attach_tokens` for what the affix loop left (not empty): one token, or infix splits."""
        if string in self._specials:
            return self._specials[string]
        if (self._token_match is not None and self._token_match.match(string)) or (
            self._url_match is not None
            and (self._url_needs is None or self._url_needs in string)
            and self._url_match.match(string)
        ):
            return (len(string),)
        if self._infix is None:
            return (len(string),)
        lengths: list[int] = []
        start = 0
        for match in self._infixes(self._infix, string):
            infix_start, infix_end = match.span()
            if infix_start == 0:  # spaCy skips an infix at the very start
                continue
            if infix_start != start:
                lengths.append(infix_start - start)
            if infix_start != infix_end:  # an empty infix splits without a token of its own
                lengths.append(infix_end - infix_start)
            start = infix_end
        if start < len(string):
            lengths.append(len(string) - start)
        return tuple(lengths)

    def _infixes(self, infix: re.Pattern[str], string: str) -> Iterable[re.Match[str]]:
        """`infix.finditer(string)`, tried only where a match can start (`infix_first`): a
        regular expression of many alternatives, tried at every position, was 2-3 us a piece."""
        first = self._infix_first
        if first is None:
            return infix.finditer(string)
        found: list[re.Match[str]] = []
        if first.isdisjoint(string):
            return found
        end = 0
        for position, char in enumerate(string):
            if position >= end and char in first:
                match = infix.match(string, position)
                if match is not None:
                    found.append(match)
                    end = match.end()  # never empty (proved): the next match starts after it
        return found

    # --- special cases over a whole text ----------------------------------------------------------

    def _matches(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """Every (start, end) token span equal to a matcher pattern, as spaCy's PhraseMatcher finds them."""
        found: list[tuple[int, int]] = []
        patterns = self._patterns
        for i, word in enumerate(words):
            for pattern in patterns.get(word, ()):
                end = i + len(pattern)
                if tuple(words[i:end]) == pattern:
                    found.append((i, end))
        return found

    def _may_rematch(self, piece: str, lengths: Sequence[int]) -> bool:
        """False when the matcher cannot change a piece of two tokens (most: a word and a mark),
        so that `_special_inside` need not look (it did for every "word." and "word,": 14 ms).

        A special case the matcher finds covers one token or both. Both make the piece, which is
        either no special case or a special case already split as it says. So one token alone
        would have to be a special case split otherwise than as that one token: a special case
        of more than one token.
        """
        if len(lengths) != 2:
            return True
        specials = self._specials
        first, second = piece[: lengths[0]], piece[lengths[0] :]
        return (first in specials and len(specials[first]) > 1) or (
            second in specials and len(specials[second]) > 1
        )

    def _special_inside(self, piece: str, lengths: Sequence[int]) -> bool:
        """Whether the matcher, run over this piece's tokens alone, would change one of them."""
        ends = list(accumulate(lengths))
        starts = [0, *ends[:-1]]
        words = list(map(piece.__getitem__, map(slice, starts, ends)))
        if self._changing.isdisjoint(words):
            return False
        for start, end in self._matches(words):
            special = self._specials.get(piece[starts[start] : ends[end - 1]])
            if special is not None and special != tuple(lengths[start:end]):
                return True
        return False

    def _apply_special_cases(self, text: str, values: list[int]) -> tuple[list[int], list[str]]:
        """`Tokenizer._apply_special_cases`: special cases found over the tokens of the whole text.

        Matches are kept longest first, then leftmost first, unless their first or last token is
        in a span seen before (every span marks its tokens seen, kept or not); a kept span whose
        text is a special case becomes that case's tokens, its last keeping the span's space.
        """
        lengths = [v >> 1 for v in values]
        spaced = [v & 1 for v in values]
        starts = list(accumulate(map(int.__add__, lengths, spaced), initial=0))[:-1]
        words = [text[s : s + n] for s, n in zip(starts, lengths, strict=True)]
        seen: set[int] = set()
        kept: list[tuple[int, int]] = []
        for start, end in sorted(self._matches(words), key=lambda m: (-(m[1] - m[0]), m[0])):
            if start not in seen and end - 1 not in seen:
                kept.append((start, end))
            seen.update(range(start, end))
        out: list[int] = []
        done = 0
        for start, end in sorted(kept):
            special = self._specials.get(text[starts[start] : starts[end - 1] + lengths[end - 1]])
            if special is None:
                continue
            out.extend(values[done:start])
            replaced = [2 * n for n in special]
            replaced[-1] += spaced[end - 1]
            out.extend(replaced)
            done = end
        out.extend(values[done:])
        starts = list(accumulate([(v >> 1) + (v & 1) for v in out], initial=0))
        return out, [text[s : s + (v >> 1)] for s, v in zip(starts, out, strict=False)]


_ONE_TOKEN = tuple(bytes((value,)) for value in range(256))
"""A unit of one token, by its value (`length * 2 + spaced`): its stored form, made once."""


def _packed(numbers: Sequence[int]) -> Numbers:
    """`numbers` as bytes when each is below 256 (nearly always), else as a tuple.

    Why: a tuple is a container the garbage collector tracks, and a dict that receives one is
    tracked again. 26,000 tuples going into the caches while 265 articles are tokenised made
    every young collection walk the caches (about 20 ms of collections); bytes are not tracked,
    and iterating them gives the same ints.
    """
    try:
        return bytes(numbers)
    except ValueError:
        return tuple(numbers)


def _plain_test(excluded: Mapping[str, str]) -> Callable[[str], bool]:
    """Whether a piece is made only of characters no pattern can match (`make_tokenizer_data.plain_excluded`):
    all of one kind (`str.isalpha`, `str.isdecimal`) and none of that kind's excluded characters.
    Called for most pieces, so the usual case (nothing excluded) is one or two C calls."""
    kinds = tuple(getattr(str, kind) for kind, chars in excluded.items() if not chars)
    some = tuple((getattr(str, kind), frozenset(chars)) for kind, chars in excluded.items() if chars)
    if not some and len(kinds) == 2:
        first, second = kinds
        return lambda piece: first(piece) or second(piece)

    def plain(piece: str) -> bool:
        return any(kind(piece) for kind in kinds) or any(
            kind(piece) and chars.isdisjoint(piece) for kind, chars in some
        )

    return plain
