"""The tokens an export writes: the Prodigy-style tasks' `tokens` and the spaCy DocBins' words.

Both are the article's tokens (the export tokenizer's, or `simple_tokens`), cut where a claim or
an entity begins or ends inside one in a script written without spaces between words
(`split_at_span_edges`): the two exports tell of the same words, and a span is whole tokens in
each. Here, not in either writer, since the DocBin writer imports spaCy and the JSONL one must not.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence

from annotator.core.model import AnnotatedArticle, EntityStatus, Token
from annotator.core.text import strip_span, written_without_spaces
from annotator.core.tokens import TokenSpans

_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]|\s+")


def simple_tokens(text: str) -> tuple[Token, ...]:
    """Words and punctuation marks, with white space kept the way spaCy keeps it.

    The export service fills tokens from the spaCy tokenizer; this fallback keeps the
    writers usable on their own (tests, benchmarks) and follows the same conventions:
    one trailing space is `ws=True`, any other white space is a token of its own.
    """
    # The pattern matches every character, so the pieces tile the text and offsets are running
    # sums; each Token is built once (a frozen dataclass costs ~1 us, a third of the time here).
    starts: list[int] = []
    pieces: list[str] = []
    spaced: list[bool] = []
    offset = 0
    for piece in _TOKEN_RE.findall(text):
        start = offset
        offset += len(piece)
        if piece.isspace():
            if pieces and not spaced[-1] and piece[0] == " ":
                spaced[-1] = True
                start, piece = start + 1, piece[1:]
            if not piece:
                continue
        starts.append(start)
        pieces.append(piece)
        spaced.append(False)
    return tuple(
        Token(i, start, start + len(piece), piece, ws)
        for i, (start, piece, ws) in enumerate(zip(starts, pieces, spaced, strict=True))
    )


def words_and_spaces(text: str, tokens: Sequence[Token]) -> tuple[list[str], list[bool]]:
    """spaCy words and spaces that reproduce `text` exactly, filling any gap the tokens leave."""
    if isinstance(tokens, TokenSpans) and tokens.text == text and tokens.tiles():
        # Tokens that tile the text leave no gap but their one space: words and spaces are
        # their slices and flags, as the loop below would make them, without a Token each.
        return list(tokens.words()), list(map(bool, tokens.spaced))
    words: list[str] = []
    spaces: list[bool] = []

    def fill(gap: str) -> None:
        # One space after a word becomes its trailing space; the rest is a word of its own.
        if gap.startswith(" ") and words and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)

    pos = 0
    for token in sorted(tokens, key=lambda t: t.start):
        if token.start < pos or token.end <= token.start:
            continue
        fill(text[pos : token.start])
        words.append(text[token.start : token.end])
        spaces.append(False)
        pos = token.end
    fill(text[pos:])
    return words, spaces


def span_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The characters a claim's or an entity's spaCy span is aligned to: its own, without the
    white space at its edges.

    A span read from a doccano or Prodigy file may end on the line break its selection took
    ("One said x.\n" before a blank line); aligned as it was, it took the whole "\n\n" token:
    a claim was reported as a word cut where none was, and `doc.ents` held names ending in
    line breaks. White space is no word of either (the window trims it from a selection); a
    span of white space alone keeps its bounds.
    """
    stripped = strip_span(text, start, end)
    return stripped if stripped[0] < stripped[1] else (start, end)


def article_words(item: AnnotatedArticle) -> tuple[list[str], list[bool]]:
    """The words and spaces of an article's Doc: its tokens, cut where a claim or an entity
    begins or ends inside one in a script written without spaces (`split_at_span_edges`)."""
    text = item.article.text
    words, spaces = words_and_spaces(text, item.tokens or simple_tokens(text))
    return split_at_span_edges(text, words, spaces, span_edges(item))


def span_edges(item: AnnotatedArticle) -> Iterator[tuple[int, int]]:
    """The characters each claim's and each entity's span is aligned to (`span_bounds`)."""
    text = item.article.text
    for start, end in [(c.start, c.end) for c in item.claims] + [
        (e.start, e.end) for e in item.entities if e.status != EntityStatus.REJECTED
    ]:
        if 0 <= start <= end <= len(text):
            yield span_bounds(text, start, end)


_EAST_ASIAN_MARKS = frozenset(
    map(chr, [*range(0x3000, 0x3040), *range(0xFE30, 0xFE50), *range(0xFF00, 0xFFF0)])
)
"""Chinese and Japanese punctuation and full-width forms ("。", "「", "，", "３"): written
between words without spaces too, so a span may begin or end beside one ("。Apple")."""


def _unspaced(char: str) -> bool:
    return written_without_spaces(char) or char in _EAST_ASIAN_MARKS


def _cuttable(text: str, at: int) -> bool:
    """Whether a word may be cut at offset `at`: beside a letter or a mark of a script written
    without spaces between words, and not before a combining mark (never part a letter from its mark)."""
    before, after = text[at - 1], text[at]
    return (_unspaced(before) or _unspaced(after)) and not unicodedata.category(after).startswith("M")


def split_at_span_edges(
    text: str, words: list[str], spaces: list[bool], spans: Iterable[tuple[int, int]]
) -> tuple[list[str], list[bool]]:
    """`words` (which reproduce `text` with `spaces`) cut at every span edge that falls inside
    one, where the text is Chinese, Japanese, Thai, Lao, Khmer or Myanmar.

    spaCy's blank English tokenizer splits on spaces and punctuation: in those scripts a
    token is a clause, and a span inside it went out as the whole clause ("习近平" PERSON as
    "国家主席习近平5日在北京人民大会堂会见法国总统。习近平指出，北京市政府", "北京" GPE as
    "新华社北京3月5日电"). Any letter there may begin or end a word, so the span's own edges
    are the word edges. Elsewhere a cut word is a slip of the mouse and the span is widened
    to whole words as before (and a claim so widened is reported).
    """
    return _cut_words(text, words, spaces, span_edge_cuts(text, spans))


def span_edge_cuts(text: str, spans: Iterable[tuple[int, int]]) -> list[int]:
    """The offsets, in order, where a word may be cut for a span to begin or end there (`_cuttable`)."""
    return sorted({at for span in spans for at in span if 0 < at < len(text) and _cuttable(text, at)})


def _cut_words(
    text: str, words: list[str], spaces: list[bool], cuts: list[int]
) -> tuple[list[str], list[bool]]:
    """`words` and `spaces` with every word that holds one of `cuts` cut there."""
    if not cuts:
        return words, spaces
    cut_words: list[str] = []
    cut_spaces: list[bool] = []
    start = 0
    for word, space in zip(words, spaces, strict=True):
        end = start + len(word)
        piece = start
        for at in cuts[bisect_right(cuts, start) : bisect_left(cuts, end)]:
            cut_words.append(text[piece:at])
            cut_spaces.append(False)
            piece = at
        cut_words.append(text[piece:end])
        cut_spaces.append(space)
        start = end + space
    return cut_words, cut_spaces


def export_tokens(item: AnnotatedArticle) -> Sequence[Token]:
    """The tokens of an article's Prodigy-style task: its tokens, cut where the DocBin's words are.

    A claim inside a Chinese or Japanese clause (one token to the export tokenizer) kept its
    start and end, but its `token_start` and `token_end` named the whole clause, and the task's
    tokens never had its words: a model trained on the tokens learnt the clause. Cut as
    `article_words` cuts, the span's tokens are exactly its text, and the JSONL and the DocBins
    agree. An article with no such cut keeps its tokens as they are (the export tokenizer's
    keep their units, which the writer renders once for every text).
    """
    text = item.article.text
    tokens = item.tokens or simple_tokens(text)
    cuts = span_edge_cuts(text, span_edges(item))
    if not cuts:
        return tokens
    words, spaces = words_and_spaces(text, tokens)
    cut_words, cut_spaces = _cut_words(text, words, spaces, cuts)
    if len(cut_words) == len(words):  # every edge already between two tokens
        return tokens
    return TokenSpans(text, list(map(len, cut_words)), cut_spaces)
