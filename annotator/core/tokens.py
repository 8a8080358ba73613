"""An article's tokens in the compact form the project stores: one number per token.

spaCy's tokenizer tiles a text: every character is in a token except one space after
a token that has `whitespace_`, so the text is the tokens' text plus those spaces, in
order. A token is therefore fully described by its length and whether one space
follows it (`length * 2 + spaced`); starts are running sums. 206,000 tokens of 265
Wikinews articles take 825 kB this way (190 kB compressed) instead of a dataclass each,
and the Prodigy writer renders them without building one object per token.

Stored tokens come from a project file, which may be damaged or hostile: `decode`
refuses anything that does not tile the text exactly, so a bad row is tokenised again
rather than exported.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress
from operator import add
from typing import Any, TypeVar, overload

from annotator.core.model import Token

_ITEM = "I"  # unsigned 32-bit on every platform Python supports
# zlib level 1: 4x less time than level 6 (6 ms against 23 ms for 206,000 tokens, the cost of
# storing them after a first export) for a fifth more bytes (193 kB against 162 kB).
_LEVEL = 1

_V = TypeVar("_V")

# A token's length and space from its stored number below 256 (`length * 2 + spaced`), by table.
_LENGTH = bytes(value >> 1 for value in range(256))
_SPACED = bytes(value & 1 for value in range(256))
_R = TypeVar("_R", str, bytes)


class UnitTable:
    """What readers of one tokenizer's units work out once per distinct unit, for every text.

    A tokenizer that cuts a text at whitespace into units (a run of non-space and the space
    after it, or left-over whitespace) and splits each unit on its own gives a unit the same
    tokens wherever it stands, but for their offsets. So whatever a writer makes of a unit's
    tokens apart from their offsets (the Prodigy writer: their JSON, offsets left as `%d`)
    holds for every text of that tokenizer: it is kept here, under the writer's own name, and
    a text is rendered by C-level lookups of its units. The tokenizer empties the table when
    it empties its own caches.
    """

    __slots__ = ("_memos", "_values_of", "makers")

    def __init__(self, values_of: Callable[[str], Sequence[int]]) -> None:
        self._values_of = values_of  # a unit's tokens in the stored form (`length * 2 + spaced`)
        self._memos: dict[str, Memo[Any]] = {}
        self.makers: list[tuple[dict[str, Any], Callable[[str, Sequence[int]], Any]]] = []
        """(memo, make) of each reader: the tokenizer fills them with a text's new units once it
        has split them, which costs less than a missing key (no lookup of the unit's tokens)."""

    def memo(self, name: str, make: Callable[[str, Sequence[int]], _R]) -> dict[str, _R]:
        """Unit -> `make(unit, its tokens' values)`, each made the first time it is looked up.
        A reader keeps text or bytes under a name of its own (the Prodigy writer: both)."""
        found = self._memos.get(name)
        if found is None:
            values_of = self._values_of
            found = self._memos[name] = Memo(lambda unit: make(unit, values_of(unit)))
            self.makers.append((found, make))
        return found

    def clear(self) -> None:
        for memo in self._memos.values():
            memo.clear()


class Memo(dict[str, _V]):
    """A dict that makes a missing key's value once: a hit stays a C-level `dict.__getitem__`,
    so `map(memo.__getitem__, keys)` runs Python only for keys not seen before."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[str], _V]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> _V:
        value = self[key] = self._make(key)
        return value


class TokenSpans(Sequence[Token]):
    """Tokens that tile `text`: token i is `text[starts[i]:ends[i]]`, then one space if `spaced[i]`.

    Behaves as a sequence of `Token` (built on demand) for code that wants objects; the
    writers read `starts`, `ends` and `spaced` directly.

    Tokens made by a tokenizer of units (`from_units`) also keep the text's `units`, each
    unit's stored form (`unit_values`) and the tokenizer's `table`, so that a writer can render
    each distinct unit once for every text instead of each token of each text.
    """

    __slots__ = (
        "_covered",
        "_spaced",
        "_tiled",
        "_values",
        "_words",
        "ends",
        "starts",
        "table",
        "text",
        "unit_values",
        "units",
    )

    def __init__(self, text: str, lengths: Sequence[int], spaced: Sequence[int]) -> None:
        self.text = text
        # 1 (or True) when one space follows: ints from a stored row, bools from Token objects.
        self._spaced: list[int] | None = spaced if isinstance(spaced, list) else list(spaced)
        # end_i = start_i + length_i; start_{i+1} = end_i + spaced_i. All C-level maps: a
        # stored article of 1,000 tokens is rebuilt without a Python loop per token.
        self.starts: list[int] = list(accumulate(map(add, lengths, self._spaced), initial=0))
        self._covered = self.starts.pop()
        self.ends: list[int] = list(map(add, self.starts, lengths))
        self._tiled: bool | None = None  # worked out once: every writer of an article asks
        self._values: Sequence[int] | None = None  # the stored form, when made from it
        self.units: list[str] | None = None
        self.unit_values: list[Sequence[int]] = []
        self.table: UnitTable | None = None

    @classmethod
    def from_units(
        cls, text: str, units: list[str], unit_values: list[Sequence[int]], table: UnitTable
    ) -> TokenSpans:
        """From a tokenizer of units: `text` is `"".join(units)`, and unit i's tokens are
        `unit_values[i]` (the stored form, `length * 2 + spaced` per token).

        Offsets are one running sum over the lengths and spaces interleaved, read back as two
        slices: no Python loop, no object per token but its two offsets. When every unit's
        numbers are bytes (a tokenizer keeps them so for tokens of up to 127 characters), the
        lengths and spaces are the joined bytes through two `translate` tables, interleaved by
        slice assignment: 2.5 times less time than a cached layout per unit, chained. The stored
        form and the spaces are made only when asked for (storing the tokens, spaCy's writer).
        """
        spans = cls.__new__(cls)
        spans.text = text
        try:
            joined = b"".join(unit_values)  # type: ignore[arg-type]
        except TypeError:  # a unit with a longer token keeps its numbers as a tuple
            values = list(chain.from_iterable(unit_values))
            layout: bytearray | list[int] = [0, 0] * len(values)
            layout[0::2] = map((1).__rrshift__, values)
            layout[1::2] = map((1).__and__, values)
        else:
            layout = bytearray(2 * len(joined))
            layout[0::2] = joined.translate(_LENGTH)
            layout[1::2] = joined.translate(_SPACED)
        bounds = list(accumulate(layout, initial=0))
        spans._covered = bounds[-1]
        spans.starts = bounds[0:-1:2]
        spans.ends = bounds[1::2]
        spans._spaced = None
        spans._tiled = None
        spans._values = None
        spans.units = units
        spans.unit_values = unit_values
        spans.table = table
        return spans

    @property
    def spaced(self) -> list[int]:
        """1 where one space follows the token, else 0 (True/False for spans made from Tokens)."""
        if self._spaced is None:
            self._spaced = list(map((1).__and__, self.values()))
        return self._spaced

    def values(self) -> Sequence[int]:
        """The stored form: `length * 2 + spaced` per token."""
        if self._values is None:
            if self.units is not None:
                self._values = list(chain.from_iterable(self.unit_values))
            else:
                lengths = map(int.__sub__, self.ends, self.starts)
                self._values = list(map(add, map((2).__mul__, lengths), self.spaced))
        return self._values

    def _stored_bytes(self) -> bytes | bytearray:
        """`values()` as 32-bit little-endian numbers, uncompressed. Units whose numbers are
        `bytes` (the export tokenizer keeps them so) are joined and widened in C: each byte is
        the low byte of its number, the three others zero (slice assignment into zeros), with
        no list or array of 206,000 numbers first (1.3 ms where that took 2.7 ms)."""
        if self._values is None and self.units is not None:
            try:
                joined = b"".join(self.unit_values)  # type: ignore[arg-type]
            except TypeError:  # a unit's numbers held as a tuple
                pass
            else:
                widened = bytearray(4 * len(joined))
                widened[0::4] = joined
                return widened
        values = array(_ITEM, self.values())
        if values.itemsize != 4:  # pragma: no cover - no such platform in use
            raise RuntimeError("array('I') is not 32 bits here")
        if array("H", [1]).tobytes() != b"\x01\x00":  # pragma: no cover
            values.byteswap()  # stored little-endian
        return values.tobytes()

    @classmethod
    def from_values(cls, text: str, values: Sequence[int], words: list[str] | None = None) -> TokenSpans:
        """From the stored form (`length * 2 + spaced` per token), as a tokenizer made it for `text`.

        Kept as it came, so storing these tokens does not work them out again (`encode`); and
        the tokens' texts when the tokenizer has them (`words`), so no writer cuts them again.
        """
        spans = cls(text, list(map((1).__rrshift__, values)), list(map((1).__and__, values)))
        spans._values = values
        if words is not None:
            spans._words = words
        return spans

    @classmethod
    def from_tokens(cls, text: str, tokens: Iterable[Token]) -> TokenSpans:
        """From Token objects that tile `text` (raises ValueError when they do not)."""
        tokens = list(tokens)
        spans = cls(text, [t.end - t.start for t in tokens], [t.ws for t in tokens])
        if spans.starts != [t.start for t in tokens] or not spans.tiles():
            raise ValueError("the tokens do not tile the text")
        return spans

    def words(self) -> list[str]:
        """Each token's text, in order; made once, since every writer of an article needs them."""
        try:
            return self._words
        except AttributeError:
            self._words: list[str] = list(map(self.text.__getitem__, map(slice, self.starts, self.ends)))
            return self._words

    def tiles(self) -> bool:
        """True when the tokens and their spaces cover the text exactly (a stored row is checked)."""
        if self._tiled is None:
            self._tiled = self._tile_check()
        return self._tiled

    def _tile_check(self) -> bool:
        if self._covered != len(self.text):
            return False
        if self.starts and min(map(int.__sub__, self.ends, self.starts)) < 1:
            return False
        return self._spaces_are_spaces()

    def _spaces_are_spaces(self) -> bool:
        # C-level maps again: this runs on every stored row an export reads.
        return not "".join(map(self.text.__getitem__, compress(self.ends, self.spaced))).strip(" ")

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | Sequence[Token]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        start, end = self.starts[index], self.ends[index]
        return Token(index, start, end, self.text[start:end], bool(self.spaced[index]))

    def __iter__(self) -> Iterator[Token]:
        text = self.text
        for i, (start, end, ws) in enumerate(zip(self.starts, self.ends, self.spaced, strict=True)):
            yield Token(i, start, end, text[start:end], bool(ws))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TokenSpans):
            return (self.text, self.starts, self.ends, self.spaced) == (
                other.text,
                other.starts,
                other.ends,
                other.spaced,
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.text, len(self)))

    def __repr__(self) -> str:
        return f"TokenSpans({len(self)} tokens)"

    def encode(self) -> bytes:
        """The stored form: `length * 2 + spaced` per token, as 32-bit numbers, compressed."""
        return zlib.compress(self._stored_bytes(), _LEVEL)

    @classmethod
    def decode(cls, text: str, payload: bytes) -> TokenSpans | None:
        """Tokens stored by `encode` for `text`; None when the payload is damaged or not for this text."""
        try:
            inflater = zlib.decompressobj()
            # A text of n characters has at most n tokens of 4 bytes each: never inflate more.
            raw = inflater.decompress(payload, 4 * len(text) + 4)
        except (zlib.error, TypeError, ValueError):
            return None
        if inflater.unconsumed_tail or len(raw) % 4:
            return None
        values = array(_ITEM)
        values.frombytes(raw)
        if array("H", [1]).tobytes() != b"\x01\x00":  # pragma: no cover
            values.byteswap()
        lengths = list(map((1).__rrshift__, values))
        if lengths and min(lengths) < 1:
            return None
        spans = cls(text, lengths, list(map((1).__and__, values)))
        if spans._covered != len(text):
            return None
        if "".join(map(text.__getitem__, compress(spans.ends, spans.spaced))).strip(" "):
            return None
        spans._tiled = True  # every token is at least one character, and the spaces are spaces
        return spans
