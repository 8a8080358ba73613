"""Text normalisation, hashing and span checks.

Normalisation happens once, on import, and is deliberately minimal: we strip a BOM
and unify line endings, and never reflow, trim or re-quote, because every stored
offset points into exactly this text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from annotator.core.abbreviations import NAME_ABBREVIATIONS
from annotator.core.errors import SpanError
from annotator.core.exclaimed_names import EXCLAIMED_NAMES

_BOM = "\ufeff"


def normalize_text(raw: str) -> str:
    """Strip leading BOMs and turn CRLF and lone CR into LF.

    Every leading BOM, not only the first: a stored text must normalise to itself (the store
    refuses to read back a row that does not), and "\ufeff\ufefftext" stripped once did not.
    """
    if raw.startswith(_BOM):
        raw = raw.lstrip(_BOM)
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return raw


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes that carry a BOM or are valid UTF-8; return (text, encoding).

    Legacy encodings need guessing (charset-normalizer), which belongs to
    `annotator.formats`; this raises UnicodeDecodeError so the caller can fall back.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    return data.decode("utf-8"), "utf-8"


def content_hash(text: str) -> str:
    """Hash of the normalised text; equal texts are the same article across projects."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def check_span(text: str, start: int, end: int) -> None:
    """Raise SpanError unless 0 <= start < end <= len(text)."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise SpanError(f"span offsets must be integers, got {start!r}..{end!r}")
    if not 0 <= start < end <= len(text):
        raise SpanError(f"span {start}..{end} is outside the text (length {len(text)}) or empty")


def check_span_text(text: str, start: int, end: int, expected: str) -> None:
    """Raise SpanError unless the span is valid and `text[start:end] == expected`."""
    check_span(text, start, end)
    actual = text[start:end]
    if actual != expected:
        raise SpanError(f"span {start}..{end} reads {actual!r}, expected {expected!r}")


_UNSEEN_SPACES = frozenset("\u200b\u2060\ufeff\u200e\u200f\u061c")
"""Zero-width space, word joiner, zero-width no-break space and the left-to-right, right-to-left
and Arabic letter marks: no white space to Python, but nothing shows of them. A page puts a
zero-width space after a word where a long line may break ("the war\u200b ended"), and a
Hebrew or Arabic one a direction mark after a word to keep what follows in order:
Ctrl+Shift+Right or a double-click on "war" took it, and the claim was saved as "war\u200b",
which a drag over the same word ("war") did not match."""


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A span clamped to the text, without the white space (and `_UNSEEN_SPACES`) at its ends
    (empty if that is all)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and (text[start].isspace() or text[start] in _UNSEEN_SPACES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _UNSEEN_SPACES):
        end -= 1
    return start, end


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole words and trim surrounding white space.

    Selections made by hand start and stop mid-word; annotators mean the word.
    Returns the input unchanged when the selection holds only white space.
    Chinese, Japanese, Thai, Lao, Khmer and Myanmar are written without spaces between
    words, so a run of their letters is a phrase or a whole clause: an edge of a
    selection there stays where the person put it (widening turned "北京" into
    "我今天去北京了", a place name into a clause).
    """
    start, end = strip_span(text, start, end)
    if start == end:
        return start, end
    while start > 0 and _same_word(text[start - 1], text[start]) and _joins_here(text, start - 1):
        start -= 1
    while end < len(text) and _same_word(text[end - 1], text[end]) and _joins_here(text, end):
        end += 1
    return start, end


def _joins_here(text: str, at: int) -> bool:
    """Whether the character at `at` may be taken into a widened selection: any but an apostrophe,
    hyphen or other joiner (`_IN_WORD`) that does not stand between two characters of a word.

    Such a mark joins "don't", "O’Brien" and "2018-19", but at a word's edge it is a quote mark
    or a dash: words selected inside ‘We will win’ were saved with the closing quote, and inside
    'a disaster' with both, which the person had not selected.
    """
    if text[at] not in _IN_WORD:
        return True
    return 0 < at < len(text) - 1 and _is_word_char(text[at - 1]) and _is_word_char(text[at + 1])


_SENTENCE_MARKS = frozenset(".,;:!?…")
_APOSTROPHES = frozenset("'‘’")
_QUOTE_MARKS = frozenset('"`´') | _APOSTROPHES
_BRACKETS = {
    "(": ")",
    "[": "]",
    "{": "}",
    "（": "）",
    "［": "］",
    "【": "】",
    "「": "」",
    "『": "』",
    "〈": "〉",
    "《": "》",
}


def trim_to_name(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the white space, sentence punctuation, quote marks and brackets at its edges
    that are no part of a name: "Monday." is "Monday", "(UN)" is "UN", "“Apple”," is "Apple".

    A selection made word by word with the keyboard (Shift+Ctrl+Right) takes the full stop or
    comma after the last word, and A added the entity "Monday." with it. An abbreviation keeps
    its dot: a word with a dot inside ("U.S.", "a.m."), a capital initial ("John F.") or one of
    `NAME_ABBREVIATIONS` ("Inc.", "Jr."); so do a leading dot before a letter (".NET"), a leading
    apostrophe before a digit ("'90s") and a bracket whose partner is inside the span ("Apple
    (AAPL)"). A "!" after capitalised words stays where it is part of the name
    (`_exclamation_in_name`: "Yahoo!", "Jeopardy!", "Mamma Mia!"); a "?" never does. Letters are
    never trimmed, and each rule reads only the text and where the span stands in it (the "!" rule the
    characters after the span too), never what was trimmed before, so trimming the result again
    changes nothing. Empty (start == end) when nothing is left.
    """
    start, end = strip_span(text, start, end)
    while start < end:
        if _wrapped_in_brackets(text, start, end):
            start, end = strip_span(text, start + 1, end - 1)
        elif _trims_first(text, start, end):
            start = strip_span(text, start + 1, end)[0]
        elif _trims_last(text, start, end):
            end = strip_span(text, start, end - 1)[1]
        else:
            break
    return start, end


def _is_quote(char: str) -> bool:
    return char in _QUOTE_MARKS or unicodedata.category(char) in ("Pi", "Pf")


def _partner(text: str, start: int, end: int, at: int) -> int | None:
    """Where the bracket at `at` is closed (or opened) within text[start:end], or None."""
    char = text[at]
    closers = {closer: opener for opener, closer in _BRACKETS.items()}
    if char in _BRACKETS:
        opener, closer, step, stop = char, _BRACKETS[char], 1, end
    elif char in closers:
        opener, closer, step, stop = closers[char], char, -1, start - 1
    else:
        return None
    depth = 0
    for index in range(at, stop, step):
        if text[index] == (opener if step == 1 else closer):
            depth += 1
        elif text[index] == (closer if step == 1 else opener):
            depth -= 1
            if depth == 0:
                return index
    return None


def _wrapped_in_brackets(text: str, start: int, end: int) -> bool:
    return end - start >= 2 and text[start] in _BRACKETS and _partner(text, start, end, start) == end - 1


def _trims_first(text: str, start: int, end: int) -> bool:
    first = text[start]
    following = text[start + 1] if start + 1 < end else ""
    if first == ".":
        return not following.isalnum()  # ".NET" is a name
    if first in _APOSTROPHES:
        return not following.isdigit()  # "'90s" is a decade
    if first in _SENTENCE_MARKS or _is_quote(first):
        return True
    category = unicodedata.category(first)
    if category == "Pe":
        return True
    return category == "Ps" and _partner(text, start, end, start) is None


def _trims_last(text: str, start: int, end: int) -> bool:
    last = text[end - 1]
    if last == ".":
        return not _abbreviation_before(text, start, end - 1)
    if last == "!":
        return not _exclamation_in_name(text, start, end - 1)
    if last in _SENTENCE_MARKS or _is_quote(last):
        return True
    category = unicodedata.category(last)
    if category == "Ps":
        return True
    return category == "Pe" and _partner(text, start, end, end - 1) is None


def _abbreviation_before(text: str, start: int, dot: int) -> bool:
    """Whether the word that ends at `dot` (within the span) is an abbreviation its dot belongs to."""
    word_start = dot
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot]
    while word and not word[0].isalnum():  # "(Inc." is "Inc"
        word = word[1:]
    if not word:
        return False
    return "." in word or (len(word) == 1 and word.isupper()) or word in NAME_ABBREVIATIONS


def _exclamation_in_name(text: str, start: int, mark: int) -> bool:
    """Whether the "!" at `mark`, the span's last character, is part of the name before it.

    Only a span of capitalised words on one line, the "!" straight after a letter, can keep it:
    "won!" of "He won!" is no name, nor is "boat Conception!" or "Yahoo?!". A title of several
    words carries the mark as a single word does ("Mamma Mia!", as "Yahoo!"), so both are read
    alike. Such a span keeps it when it is one of `EXCLAIMED_NAMES` (its words one space apart),
    wherever it stands, or when the text after the mark shows the sentence goes on, so the mark
    cannot have ended it: a possessive ("Yahoo!'s shares"), a comma ("Yahoo!, Google") or a
    space and a lower-case word ("Yahoo! said"). A capital or a line break after it may start a
    new sentence, so "Conception!" and "New York!" at a sentence's end lose their mark. A letter
    or digit straight after the mark ("Hi!There") makes the mark part of a longer string than
    the selection, no name's end, and it goes.
    """
    words = _NAME_WORD_GAP.split(text[start:mark])
    if not words[-1] or not words[-1][-1].isalpha():
        return False
    if not all(word[:1].isupper() and not any(char.isspace() for char in word) for word in words):
        return False
    after = text[mark + 1 : mark + 4]
    if after[:1].isalnum():
        return False
    if " ".join(words) in EXCLAIMED_NAMES:
        return True
    if after[:1] == "," or (after[:1] in _APOSTROPHES and after[1:2] == "s" and not after[2:3].isalnum()):
        return True
    return after[:1] in (" ", "\xa0") and after[1:2].islower()


_NAME_WORD_GAP = re.compile("[ \xa0]+")
"""What parts the words of a name on one line: spaces, a non-breaking one too ("Mamma\xa0Mia!")."""


def whole_word_spans(text: str, words: str) -> list[tuple[int, int]]:
    """Where `words` stand in the text as whole words ("Shaw" in "Shaw's", not in "Shawn")."""
    return [
        (m.start(), m.end())
        for m in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text)
        if not marked_at_edges(text, m.start(), m.end())
    ]


def marked_at_edges(text: str, start: int, end: int) -> bool:
    """Whether a combining mark stands just outside the span, so the span cuts a word in two.

    A regular expression's word class leaves out combining marks: "Jose" matched inside "José"
    written with a combining acute (NFD), and the span ended between the letter and its accent.
    """
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return any(unicodedata.category(char).startswith("M") for char in (before, after) if char)


def _is_word_char(char: str) -> bool:
    # Combining marks (category M*) belong to the letter before them; a soft hyphen and the
    # zero-width (non-)joiners stand inside a word ("infor\u00admation", Persian "می\u200cخواهم").
    return char.isalnum() or char in _IN_WORD or unicodedata.category(char).startswith("M")


_IN_WORD = "_'’-\u00ad\u200c\u200d"

_WITHOUT_SPACES = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u3005-\u3007\u3021-\u3029\u3031-\u3035"
    "\u3038-\u303c\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f]"
)
"""Letters of scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana and Han."""


def written_without_spaces(char: str) -> bool:
    """Whether `char` is a letter of a script that puts no spaces between words, where any
    letter may begin or end one (a selection there is kept as made; a search may start there)."""
    return _WITHOUT_SPACES.match(char) is not None


def _same_word(before: str, after: str) -> bool:
    """Whether two neighbouring characters are read as one word, so a selection between them widens."""
    if unicodedata.category(after).startswith("M") and not before.isspace():
        return True  # never part a letter from its mark
    if not (_is_word_char(before) and _is_word_char(after)):
        return False
    return _WITHOUT_SPACES.match(before) is None and _WITHOUT_SPACES.match(after) is None


# -- sentences ---------------------------------------------------------------------------------
# One punctuation splitter for everything that needs sentences without spaCy: an export's
# claim context, agreement's relaxed matching for articles never pre-annotated, and the
# suggestions' training examples. A sentence ends after . ! ? or … (and any closing quotes
# or brackets) followed by white space, and never runs across a line break. Other scripts'
# ends count too: the Devanagari danda and the Arabic question mark before white space, and
# the Chinese and Japanese full stops, which no space follows.

_SENTENCE_END = re.compile(r"[.!?…।॥؟۔]+[\"'”’»)\]]*(?=\s)|[。！？]+[”’」』）)\]]*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation and line breaks, without surrounding white space."""
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))

    line_start = 0
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        start = line_start
        for match in _SENTENCE_END.finditer(text, line_start, line_end):
            add(start, match.end())
            start = match.end()
        add(start, line_end)
        line_start = line_end + 1
    return spans


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding [start, end), widened to cover it, within the lines it spans."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    sent_start = para_start
    for match in _SENTENCE_END.finditer(text, para_start, start):
        sent_start = match.end()
    sent_end = para_end
    after = _SENTENCE_END.search(text, max(end - 1, para_start), para_end)
    if after:
        sent_end = after.end()
    while sent_start < start and text[sent_start].isspace():
        sent_start += 1
    return min(sent_start, start), max(sent_end, end)


def counted(count: int, noun: str, plural: str = "") -> str:
    """ "1 article", "3 articles": a count with its noun in the number people read, where
    "1 articles" and "claim(s)" in a report read as a machine's."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


_SIZE_UNITS = ("KB", "MB", "GB", "TB")
"""Steps of 1024, as `--max-mb` counts a megabyte."""


def byte_size(size: int, *, exact: bool = False) -> str:
    """ "20 MB", "10 KB", "512 bytes": a size of a file or a limit as people read it.

    Shown in MB with one decimal, a `--max-mb 0.01` limit read "0.0 MB", which no file is
    over. The unit is the largest that leaves at least 1 of it, so no size above 0 reads
    as 0; a whole figure drops its ".0" ("20 MB", as the limits are written). `exact` gives
    every byte ("20,971,521 bytes"), for two sizes that would otherwise read the same.
    """
    if exact or size < 1024:
        return f"{size:,} {'byte' if size == 1 else 'bytes'}"
    value = float(size)
    for unit in _SIZE_UNITS:
        value /= 1024
        if round(value, 1) < 1024 or unit == _SIZE_UNITS[-1]:
            break
    return f"{value:,.1f}".removesuffix(".0") + f" {unit}"


def sizes_over(size: int, limit: int) -> tuple[str, str]:
    """`size` and the `limit` it is over, as a refusal shows them: "20 MB, over the 20 MB
    limit" told a person nothing, so two sizes that read the same are given in bytes."""
    shown, limit_shown = byte_size(size), byte_size(limit)
    if shown == limit_shown:
        return byte_size(size, exact=True), byte_size(limit, exact=True)
    return shown, limit_shown
