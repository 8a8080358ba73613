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
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, compress
from operator import add
from typing import overload

from annotator.core.model import Token

_ITEM = "I"  # unsigned 32-bit on every platform Python supports
# zlib level 1: 4x less time than level 6 (6 ms against 23 ms for 206,000 tokens, the cost of
# storing them after a first export) for a fifth more bytes (193 kB against 162 kB).
_LEVEL = 1


class TokenSpans(Sequence[Token]):
    """Tokens that tile `text`: token i is `text[starts[i]:ends[i]]`, then one space if `spaced[i]`.

    Behaves as a sequence of `Token` (built on demand) for code that wants objects; the
    writers read `starts`, `ends` and `spaced` directly.
    """

    __slots__ = ("_covered", "_tiled", "_values", "_words", "ends", "spaced", "starts", "text")

    def __init__(self, text: str, lengths: Sequence[int], spaced: Sequence[int]) -> None:
        self.text = text
        # 1 (or True) when one space follows: ints from a stored row, bools from Token objects.
        self.spaced: list[int] = spaced if isinstance(spaced, list) else list(spaced)
        # end_i = start_i + length_i; start_{i+1} = end_i + spaced_i. All C-level maps: a
        # stored article of 1,000 tokens is rebuilt without a Python loop per token.
        self.starts: list[int] = list(accumulate(map(add, lengths, self.spaced), initial=0))
        self._covered = self.starts.pop()
        self.ends: list[int] = list(map(add, self.starts, lengths))
        self._tiled: bool | None = None  # worked out once: every writer of an article asks
        self._values: Sequence[int] | None = None  # the stored form, when made from it

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
        if self._values is not None:
            values = array(_ITEM, self._values)
        else:
            lengths = map(int.__sub__, self.ends, self.starts)
            values = array(_ITEM, map(add, map((2).__mul__, lengths), self.spaced))
        if values.itemsize != 4:  # pragma: no cover - no such platform in use
            raise RuntimeError("array('I') is not 32 bits here")
        if array("H", [1]).tobytes() != b"\x01\x00":  # pragma: no cover
            values.byteswap()  # stored little-endian
        return zlib.compress(values.tobytes(), _LEVEL)

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
