"""Find direct quotations by scanning characters; no model involved.

Span convention: a quotation span runs from its opening mark to its closing mark,
both included, so ``text[start:end]`` shows the reader exactly what was quoted and
which marks were used. A quotation continued over several paragraphs (each new
paragraph reopens with a quote mark, only the last one closes) is one span from the
first opening mark to the final closing mark. A block quotation whose later paragraphs
do not reopen with a mark (common on blogs) is one span too, provided a closing mark
with nothing open to close turns up within a few paragraphs; otherwise the unclosed
mark is dropped as before.

Typography beyond English: German „…“ (low-high) pairs, and a quotation opened with a
closing-style mark ” (as Arabic-script texts sometimes do, ” … ”).

Only the outermost quotation is reported: a single-quoted phrase inside double
quotes belongs to the double-quoted speech around it.

Why characters and not tokens: quote marks are typographic, the tokenizer splits
them inconsistently (``'s``, ``'90s``), and a scan is far cheaper than a second pass.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from annotator.core.model import QuoteKind
from annotator.nlp.lang.en.referents import TERM_CUES
from annotator.nlp.lang.en.speech import surface_lemma

# Opening mark -> the closing marks it accepts. Mixed typography is common
# (an opening curly quote closed by a straight one), so we are lenient.
_DOUBLE_OPEN = {'"': '"”“', "“": '”"“', "„": '“”"', "«": "»", "‹": "›", "”": '”"'}
_SINGLE_OPEN = {"'": "'’", "‘": "’'"}
_CONTINUATION_MARKS = frozenset("\"“„«‘'‹")
_SINGLE_MARKS = frozenset("'‘’")
_ALL_MARKS = frozenset('"“”„«»‹›') | _SINGLE_MARKS

# '90s, 'em, 'til, 'n' - an apostrophe standing for dropped letters, not a quote.
_ELISION = re.compile(r"['’‘](?:\d\d(?:s|\b)|em\b|til\b|n['’]|cause\b|tis\b)", re.IGNORECASE)
# A blank line (possibly holding spaces) separates paragraphs.
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")

MAX_SCARE_WORDS = 3
# How many words back a speech verb may stand from a quoted sentence it introduces.
SPEECH_VERB_WINDOW = 10
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=\S)")
_WORDS_BEFORE = re.compile(r"[\w’'-]+")
_TERM_CUE = re.compile(
    r"(?:^|\W)(?:" + "|".join(sorted((re.escape(c) for c in TERM_CUES), key=len, reverse=True)) + r")"
    r"(?:\s+(?:of|as))?(?:\s+(?:the|a|an))?\s*[,:]?\s*$",
    re.IGNORECASE,
)
# How many paragraphs after the opening one a block quotation without reopening marks may span.
MAX_BLOCK_PARAGRAPHS = 6


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation found in text: span including marks, kind by form, and how the text introduces it.

    `kind` is what the form alone says (short: scare, else direct); `woven` says the quotation
    continues the writer's own sentence (`called it a "decent man"`) rather than standing as an
    utterance (`said, "…"`); `term` says the text presents it as a term or title (`the slogan
    "…"`). The final kind also needs to know whether anyone said it: see `final_kind`.
    """

    start: int
    end: int
    kind: QuoteKind
    paragraphs: int = 1
    woven: bool = False
    term: bool = False

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1

    @property
    def short(self) -> bool:
        return self.kind is QuoteKind.SCARE


def final_kind(span: QuoteSpan, *, attributed: bool, term: bool = False) -> QuoteKind:
    """Direct or partial when someone said it (by how the text introduces it), else scare by form.

    A quotation of any length that the text attributes is attributed; only words nobody is
    said to have said are scare quotes, and so is anything the text presents as a term (`term`:
    the parse found it names a thing, "her film, "Rain on the Hill", was …"). A
    longer quotation woven into the sentence is partial even when its speaker was not found.
    """
    if attributed:
        return QuoteKind.PARTIAL if span.woven else QuoteKind.DIRECT
    if term or span.term or (span.woven and span.short):
        return QuoteKind.SCARE
    if span.woven:
        # Four words or more woven into the sentence are someone's wording, even when the
        # rules cannot tell whose ("… called on drivers to "not forget that …"").
        return QuoteKind.PARTIAL
    return span.kind


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Split text into paragraphs: blank-line separated, or line separated when no line is blank.

    Hard-wrapped plain text and single-newline web exports both occur; a text with
    any blank line is taken to use blank lines for paragraphs.
    """
    spans: list[tuple[int, int]] = []
    if _BLANK_LINE.search(text):
        pos = 0
        for match in _BLANK_LINE.finditer(text):
            spans.append((pos, match.start()))
            pos = match.end()
        spans.append((pos, len(text)))
    else:
        pos = 0
        for line in text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    trimmed: list[tuple[int, int]] = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def _is_space_or_open(ch: str) -> bool:
    return ch.isspace() or ch in "([{—–-/" or ch in _ALL_MARKS


def _single_role(text: str, i: int, pstart: int, pend: int) -> str:
    """Classify a single quote mark as 'open', 'close', 'either' or 'apostrophe'."""
    prev = text[i - 1] if i > pstart else " "
    nxt = text[i + 1] if i + 1 < pend else " "
    if prev.isalnum() and nxt.isalnum():
        return "apostrophe"  # don’t, nation’s, O'Brien
    if _ELISION.match(text, i):
        return "apostrophe"
    can_open = _is_space_or_open(prev) and not nxt.isspace()
    can_close = not prev.isspace() and (not nxt.isalnum())
    if can_open and can_close:
        return "either"
    if can_open:
        return "open"
    if can_close:
        return "close"
    return "apostrophe"


def _double_role(text: str, i: int, pstart: int, pend: int) -> str:
    ch = text[i]
    if ch in "“„«‹":
        # Nothing follows in the paragraph: the mark cannot open anything ("… Korea. “").
        return "open" if i + 1 < pend else "close"
    if ch in "”»›":
        return "close"
    prev = text[i - 1] if i > pstart else " "
    nxt = text[i + 1] if i + 1 < pend else " "
    if _is_space_or_open(prev) and not nxt.isspace():
        return "open"
    if not prev.isspace() and (nxt.isspace() or not nxt.isalnum()):
        return "close"
    return "either"


@dataclass
class _Open:
    pos: int
    mark: str
    double: bool
    paragraphs: int = 1
    # Carried into a paragraph that did not reopen with a mark: only a real closing mark ends it.
    tentative: bool = False
    # Opened with a closing-style mark (” … ”): never carried over a paragraph break.
    reversed: bool = False


def find_quotes(text: str) -> list[QuoteSpan]:
    """Return the outermost quotations in text, in order, marks included."""
    found: list[QuoteSpan] = []
    paragraphs = paragraph_spans(text)
    carried: _Open | None = None  # a double quote left open at the end of a paragraph
    index = 0
    while index < len(paragraphs):
        pstart, pend = paragraphs[index]
        stack: list[_Open] = []
        skip = -1
        begin = pstart
        if carried is not None:
            first = _first_mark(text, pstart, pend)
            if first is not None and text[first] in _CONTINUATION_MARKS and _opens(text, first, pstart, pend):
                carried.paragraphs += 1
                stack.append(carried)
                skip = first
            else:
                block = _close_block(text, paragraphs, index, carried)
                if block is not None:
                    span, index = block
                    found.append(span)
                    pstart, pend = paragraphs[index]
                    begin = span.end
            carried = None
        _scan_paragraph(text, begin, pstart, pend, stack, found, skip)
        # A double quote still open at paragraph end continues if the next paragraph
        # reopens with a quote mark (the continued-paragraph convention), or as a block
        # quotation if a closing mark follows (see _close_block).
        open_doubles = [o for o in stack if o.double]
        if open_doubles and not open_doubles[0].reversed and index + 1 < len(paragraphs):
            carried = open_doubles[0]
        index += 1
    return [_introduced(text, span, paragraphs, found) for span in found]


def _introduced(
    text: str, span: QuoteSpan, paragraphs: list[tuple[int, int]], found: list[QuoteSpan]
) -> QuoteSpan:
    """The span with `woven` and `term` set from the words before its opening mark."""
    i = bisect.bisect_right([p[0] for p in paragraphs], span.start) - 1
    pstart = paragraphs[i][0] if i >= 0 else 0
    # Earlier quotations in the paragraph count as one word each: `said "…" and "…"`.
    before = ""
    cursor = pstart
    for other in found:
        if pstart <= other.start and other.end <= span.start:
            closed = text[other.end - 2 : other.end - 1] in (".", "!", "?")
            before += text[cursor : other.start] + ("Q." if closed else "Q")
            cursor = other.end
    before += text[cursor : span.start]
    # Only the sentence the quotation opens in counts.
    sentence = _SENTENCE_END.split(before)[-1]
    inner = text[span.start + 1 : span.end - 1]
    return replace(span, woven=_woven(sentence, inner), term=bool(_TERM_CUE.search(sentence)))


def _woven(sentence: str, inner: str) -> bool:
    """True when the quotation continues the writer's sentence instead of standing as an utterance.

    An utterance opens its sentence or follows a colon, comma or dash, or comes straight after
    a speech verb (`saying "the path …"`); a quoted sentence (capital, four words or more) a
    few words after a speech verb is one too (`told host Mika Brzezinski "No, it is not …"`,
    `wrote that "I've decided …"`). Anything else continues the writer's grammar.
    """
    stripped = sentence.rstrip()
    if not stripped or stripped[-1] in ":,;—–-([.!?" or stripped[-1] in _ALL_MARKS:
        return False
    words = _WORDS_BEFORE.findall(stripped)
    if not words:
        return False
    if surface_lemma(words[-1]) is not None:
        return False
    first = next((ch for ch in inner if ch.isalpha()), "")
    if first.isupper() and len(_WORD.findall(inner)) > MAX_SCARE_WORDS:
        window = words[-SPEECH_VERB_WINDOW:]
        if window[-1].lower() == "that" or any(surface_lemma(w) is not None for w in window):
            return False
    return True


def _scan_paragraph(
    text: str, begin: int, pstart: int, pend: int, stack: list[_Open], found: list[QuoteSpan], skip: int = -1
) -> None:
    for i in range(begin, pend):
        ch = text[i]
        if ch not in _ALL_MARKS or i == skip:
            continue
        if ch in _SINGLE_MARKS:
            _scan_single(text, i, pstart, pend, stack, found)
        else:
            _scan_double(text, i, pstart, pend, stack, found)


def _close_block(
    text: str, paragraphs: list[tuple[int, int]], index: int, carried: _Open
) -> tuple[QuoteSpan, int] | None:
    """Close a quotation left open before paragraph `index`, which did not reopen with a mark.

    Block quotations on the web often open once and close paragraphs later. The
    quotation runs on while each paragraph leaves nothing else open, until a closing
    mark with nothing else to close; quotations inside it are nested in it. Returns
    the span and the paragraph where it closed, or None (the mark stays unclosed).
    """
    opener = _Open(carried.pos, carried.mark, True, carried.paragraphs, tentative=True)
    for k in range(index, min(len(paragraphs), index + MAX_BLOCK_PARAGRAPHS)):
        pstart, pend = paragraphs[k]
        opener.paragraphs += 1
        stack = [opener]
        local: list[QuoteSpan] = []
        for i in range(pstart, pend):
            ch = text[i]
            if ch not in _ALL_MARKS:
                continue
            if ch in _SINGLE_MARKS:
                _scan_single(text, i, pstart, pend, stack, local)
            else:
                _scan_double(text, i, pstart, pend, stack, local)
            if not stack:
                span = local[-1] if local and local[-1].start == opener.pos else None
                return (span, k) if span is not None else None
        if len(stack) > 1:
            return None  # something else opened and stayed open: not a block quotation
    return None


def _opens(text: str, i: int, pstart: int, pend: int) -> bool:
    if text[i] in _SINGLE_MARKS:
        return _single_role(text, i, pstart, pend) in ("open", "either")
    return _double_role(text, i, pstart, pend) in ("open", "either")


def _first_mark(text: str, pstart: int, pend: int) -> int | None:
    i = pstart
    while i < pend and text[i].isspace():
        i += 1
    return i if i < pend and text[i] in _ALL_MARKS else None


def _emit(text: str, opener: _Open, end: int, stack: list[_Open], found: list[QuoteSpan]) -> None:
    """Close `opener` at `end` (exclusive); report it if it is outermost."""
    while stack and stack[-1] is not opener:
        stack.pop()
    if stack:
        stack.pop()
    if stack:
        return  # nested inside another quotation: the outer one is the quotation
    inner = text[opener.pos + 1 : end - 1]
    if not inner.strip():
        return
    found.append(QuoteSpan(opener.pos, end, _kind(inner), opener.paragraphs))


def _scan_double(
    text: str, i: int, pstart: int, pend: int, stack: list[_Open], found: list[QuoteSpan]
) -> None:
    ch = text[i]
    role = _double_role(text, i, pstart, pend)
    target = next((o for o in reversed(stack) if o.double), None)
    closes = target is not None and ch in _DOUBLE_OPEN[target.mark]
    if closes and target is not None and target.mark == "„" and ch == "“":
        # German „…“: the high mark closes unless it stands where a nested quote opens.
        role = "open" if text[i - 1].isspace() else "close"
    if (
        target is None
        and ch == "”"
        and _is_space_or_open(_prev(text, i, pstart))
        and _next_double(text, i, pend) in ("”", '"')
    ):
        # Nothing open, the mark starts a phrase and the next double mark can close it:
        # a quotation opened with a closing-style mark.
        stack.append(_Open(i, ch, True, reversed=True))
        return
    if closes and target is not None and target.tentative and role != "close":
        # A carried block quotation ends only at an unmistakable closing mark.
        closes = False
    if closes and target is not None and (role in ("close", "either") or ch == '"'):
        # A straight quote after an open straight quote closes it even when the
        # spacing is odd; writers forget spaces far more often than they nest
        # straight double quotes.
        if role == "open" and ch != '"' and not (target.mark == "„" and ch == "“"):
            stack.append(_Open(i, ch, True))
            return
        _emit(text, target, i + 1, stack, found)
        return
    if role in ("open", "either") and ch in _DOUBLE_OPEN:
        stack.append(_Open(i, ch, True))


def _prev(text: str, i: int, pstart: int) -> str:
    return text[i - 1] if i > pstart else " "


def _next_double(text: str, i: int, pend: int) -> str:
    """The next double quote mark after i in the paragraph, or "" if there is none."""
    return next(
        (text[j] for j in range(i + 1, pend) if text[j] in _ALL_MARKS and text[j] not in _SINGLE_MARKS), ""
    )


def _scan_single(
    text: str, i: int, pstart: int, pend: int, stack: list[_Open], found: list[QuoteSpan]
) -> None:
    role = _single_role(text, i, pstart, pend)
    if role == "apostrophe":
        return
    top = stack[-1] if stack else None
    if (
        top is not None
        and not top.double
        and role in ("close", "either")
        and text[i] in _SINGLE_OPEN[top.mark]
    ):
        if _plural_possessive(text, i, pend) and _closes_later(text, i, pstart, pend, top.mark):
            return  # ‘… our members’ ability to …’: the quotation closes at the later mark
        _emit(text, top, i + 1, stack, found)
        return
    if role in ("open", "either") and text[i] in _SINGLE_OPEN:
        stack.append(_Open(i, text[i], False))
    # Otherwise a trailing apostrophe (students', Jones') with nothing to close.


def _plural_possessive(text: str, i: int, pend: int) -> bool:
    """Whether the mark at `i` may be a plural's possessive: after an "s", before a space and a
    lower-case word ("members’ ability")."""
    return text[i - 1] in "sS" and i + 2 < pend and text[i + 1] == " " and text[i + 2].islower()


def _closes_later(text: str, i: int, pstart: int, pend: int, mark: str) -> bool:
    """Whether a later single mark in the paragraph closes a quotation opened with `mark`, with
    only apostrophes and other possessives' marks between: then the one at `i` is a possessive
    ("‘The railroads have taken away our members’ ability to …’"). A mark opening another
    quotation first, or none, leaves `i` the closing one ("‘experts’ say the ‘crisis’ …")."""
    for j in range(i + 1, pend):
        if text[j] not in _SINGLE_MARKS:
            continue
        role = _single_role(text, j, pstart, pend)
        if role == "apostrophe" or (role == "close" and _plural_possessive(text, j, pend)):
            continue
        return role == "close" and text[j] in _SINGLE_OPEN[mark]
    return False


def _kind(inner: str) -> QuoteKind:
    """Quotations of up to three words are scare quotes, unless a comma, ! or ? marks them as speech.

    American style puts the full stop inside the marks ("years."), so a period
    does not make a fragment a sentence; `"Absolutely," she said` is speech.
    """
    stripped = inner.strip()
    words = _WORD.findall(stripped)
    if 0 < len(words) <= MAX_SCARE_WORDS and stripped[-1] not in ",!?":
        return QuoteKind.SCARE
    return QuoteKind.DIRECT
