"""Writers: `AnnotatedArticle`s in, lines of JSONL or CSV out.

Writers are pure and deterministic: the same article always gives the same bytes
(claims and entities are sorted, database ids are left out of spans), which is
what makes "import what you exported, export again" byte-identical. Every span is
checked against the text first; a span that no longer fits stops the export with
an `ExportError` naming the article.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any

from annotator.core.errors import ExportError, SpanError
from annotator.core.model import (
    QUOTE_CORRECTED,
    AnnotatedArticle,
    Claim,
    Entity,
    EntityStatus,
    Quote,
    Token,
)
from annotator.core.offsets import OffsetMap
from annotator.core.text import check_span, sentence_around
from annotator.core.tokens import TokenSpans
from annotator.core.validate import plain_note
from annotator.formats.hashing import prodigy_hashes
from annotator.formats.readers import DOCCANO_SUGGESTED
from annotator.formats.tokens import export_tokens, simple_tokens

CSV_COLUMNS = (
    "article_id", "title", "claim_id", "start", "end", "label", "text", "annotator", "note", "created_at",
    "context",
)  # fmt: skip


# Characters that str.splitlines() (and some JSONL readers) treat as line breaks but json.dumps
# leaves raw with ensure_ascii=False; escaping them keeps one record a line for every reader.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _dumps(obj: Any) -> str:
    line = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _LINE_BREAKS.items():
        if char in line:
            line = line.replace(char, escape)
    return line


# --- ordering and checks ----------------------------------------------------------------------------


def sorted_claims(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.start, c.end, c.label.value, c.annotator, c.note))


def sorted_entities(entities: Iterable[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e.start, e.end, e.label, e.status.value))


def describe(item: AnnotatedArticle) -> str:
    title = item.article.title
    return f"article {item.article.id}" + (f" ({title!r})" if title else "")


def check_article(item: AnnotatedArticle) -> None:
    """Raise ExportError naming the article when any claim, entity or quote does not fit its text."""
    text = item.article.text
    spans: list[tuple[str, int, int]] = [("claim", c.start, c.end) for c in item.claims]
    spans += [("entity", e.start, e.end) for e in item.entities]
    for q in item.quotes:
        spans.append(("quote", q.start, q.end))
        if q.speaker is not None:
            spans.append(("quote speaker", q.speaker.start, q.speaker.end))
    for kind, start, end in spans:
        try:
            check_span(text, start, end)
        except SpanError as exc:
            raise ExportError(
                f"{describe(item)}: {kind} {start}..{end} does not fit the text ({exc}); "
                "open the article, delete or redo that span, and export again"
            ) from None


# --- tokens -----------------------------------------------------------------------------------------

_TOKEN_START = attrgetter("start")
_TOKEN_END = attrgetter("end")


class TokenIndex:
    """Finds the first and last token a character span touches, for Prodigy's inclusive token_end.

    Bisects the tokens themselves by key: a few spans per article do not pay for building
    lists of every token's start and end.
    """

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens

    def span(self, start: int, end: int) -> tuple[int, int]:
        tokens = self.tokens
        if not tokens:
            return 0, 0
        if isinstance(tokens, TokenSpans):  # ids are positions; bisect its offset lists
            first = min(bisect_right(tokens.ends, start), len(tokens) - 1)
            return first, max(bisect_left(tokens.starts, end) - 1, first)
        first = min(bisect_right(tokens, start, key=_TOKEN_END), len(tokens) - 1)
        last = max(bisect_left(tokens, end, key=_TOKEN_START) - 1, first)
        return tokens[first].id, tokens[last].id


# --- context ----------------------------------------------------------------------------------------


def context_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a claim (widened to cover it): the `context` of claim exports."""
    return sentence_around(text, start, end)


# --- Prodigy JSONL ----------------------------------------------------------------------------------


def _entity_dict(e: Entity) -> dict[str, Any]:
    return {"start": e.start, "end": e.end, "label": e.label, "status": e.status.value}


def _quote_dict(q: Quote, text: str) -> dict[str, Any]:
    """A quotation; its speaker as the mention in the text ("he") and the name it resolves to."""
    speaker = None
    if q.speaker is not None:
        speaker = {
            "start": q.speaker.start,
            "end": q.speaker.end,
            "mention": text[q.speaker.start : q.speaker.end],
            "name": q.speaker.name,
        }
    status = quote_status(q)
    item = {"start": q.start, "end": q.end, "kind": q.kind.value, "speaker": speaker, "status": status}
    if q.suggested is not None and status == "corrected":
        # What pre-annotation had said before the person checked it: pairs of model and person
        # answers, for measuring or training speaker attribution. kind null: the finder missed it.
        kind = q.suggested.kind.value if q.suggested.kind is not None else None
        item["suggested"] = {"kind": kind, "speaker": q.suggested.speaker}
    return item


def quote_status(q: Quote) -> str:
    """Whose a quotation is, as `status` says it for entities: "corrected" when a person set its
    kind or speaker (here, or in the project an imported file came from), else "suggested"."""
    return "corrected" if q.model == QUOTE_CORRECTED else "suggested"


def article_meta(item: AnnotatedArticle, *, full_paths: bool = False) -> dict[str, Any]:
    """The task's `meta`. `import_file` is the imported file's name only: its full path names the
    annotator's laptop, user and folders, which an export shared with others should not.

    `article_status` (new, in_progress, done) is what an import of the file gives the article
    back: without it, a project's done articles came into a new one as new."""
    article = item.article
    meta: dict[str, Any] = dict(article.meta)
    origin = article.origin if full_paths else file_name(article.origin)
    meta.update(
        title=article.title,
        source=article.source,
        article_id=article.id,
        import_file=origin,
        article_status=article.status.value,
    )
    return meta


def file_name(origin: str) -> str:
    """The last part of a path written on any system (`C:\\Users\\ana\\a.txt` -> `a.txt`)."""
    return origin.replace("\\", "/").rsplit("/", 1)[-1]


def _claim_spans(item: AnnotatedArticle, tokens: Sequence[Token]) -> list[dict[str, Any]]:
    text = item.article.text
    index = TokenIndex(tokens)
    spans = []
    for c in sorted_claims(item.claims):
        token_start, token_end = index.span(c.start, c.end)
        spans.append(
            {
                "start": c.start,
                "end": c.end,
                "token_start": token_start,
                "token_end": token_end,
                "label": c.label.value,
                "text": text[c.start : c.end],
                "annotator": c.annotator,
                "note": c.note,
                **_shown(c),
            }
        )
    return spans


def claims_off_tokens(item: AnnotatedArticle) -> list[Claim]:
    """The claims whose `start` is not where a token of the task starts, or whose `end` not
    where one ends (a claim cut inside a word, or ending on the line break after it).

    Their `token_start` and `token_end` take in the whole tokens while `start` and `end` stay
    as labelled, and tools that rebuild a span from its characters (spaCy's `Doc.char_span`,
    strict by default; Prodigy's data-to-spacy) drop it without a word: the export says how many.
    """
    # The article's own tokens first: the task's are only ever cut further (`export_tokens`,
    # which is most of the time of this check), so a claim on their edges is on the task's.
    off = _off_edges(item.tokens or simple_tokens(item.article.text), sorted_claims(item.claims))
    return _off_edges(export_tokens(item), off) if off else []


def _off_edges(tokens: Sequence[Token], claims: list[Claim]) -> list[Claim]:
    if isinstance(tokens, TokenSpans):
        starts, ends = tokens.starts, tokens.ends
    else:
        starts = sorted(t.start for t in tokens)
        ends = sorted(t.end for t in tokens)
    return [c for c in claims if not (_holds(starts, c.start) and _holds(ends, c.end))]


def _holds(values: Sequence[int], value: int) -> bool:
    """Whether the sorted `values` hold `value`."""
    at = bisect_left(values, value)
    return at < len(values) and values[at] == value


def _shown(c: Claim) -> dict[str, Any]:
    """`suggested`: the label a trained model showed where the claim was made, and how sure it
    said it was; absent when none was shown (most claims, and every reviewer's gold one)."""
    if c.suggested is None:
        return {}
    return {"suggested": {"label": c.suggested.label.value, "confidence": round(c.suggested.confidence, 4)}}


def prodigy_task(item: AnnotatedArticle, *, full_paths: bool = False) -> dict[str, Any]:
    """One article as a Prodigy task, with our extras (entities, quotes, annotator, note) beside it."""
    check_article(item)
    text = item.article.text
    tokens = export_tokens(item)
    spans = _claim_spans(item, tokens)
    task: dict[str, Any] = {
        "text": text,
        "meta": article_meta(item, full_paths=full_paths),
        "tokens": [{"text": t.text, "start": t.start, "end": t.end, "id": t.id, "ws": t.ws} for t in tokens],
        "spans": spans,
        "entities": [_entity_dict(e) for e in sorted_entities(item.entities)],
        "quotes": [_quote_dict(q, text) for q in sorted(item.quotes, key=lambda q: (q.start, q.end))],
    }
    task["_input_hash"], task["_task_hash"] = prodigy_hashes(task)
    task["answer"] = "accept"
    return task


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


_TOKEN = '{"text":%s,"start":%d,"end":%d,"id":%d,"ws":%s}'
_TOKEN_NEXT = _TOKEN + ","
_WS = ("false", "true")


def _tokens_json(tokens: Sequence[Token]) -> str:
    """The `tokens` list exactly as `_json` writes it, ~10x faster.

    Tokens are most of a task (one per word), and building a dict per token for json.dumps
    was most of the export's own time; token text goes through json's own string encoder.
    Relies on the Token types: int offsets and a bool `ws` (both tokenizers make exactly these).
    Stored tokens (`TokenSpans`) go faster still: no object per token, and every step is a
    `map` over the offset lists, so the per-token work runs in C (3x less time on Wikinews).
    """
    if isinstance(tokens, TokenSpans):
        count = len(tokens.starts)
        if not count:
            return "[]"
        if tokens.units is not None and tokens.table is not None:
            return _unit_tokens_json(tokens, tokens.units, tokens.table.memo("prodigy", _unit_json))
        # One `%` over the whole list, its fields laid into one flat list by slice assignment:
        # no tuple or format call per token (1.5x less time than a `%` per token, and no
        # garbage-collector passes over 200,000 short-lived tuples).
        fields: list[object] = [None] * (5 * count)
        fields[0::5] = list(map(encode_basestring, tokens.words()))
        fields[1::5] = tokens.starts
        fields[2::5] = tokens.ends
        fields[3::5] = range(count)
        fields[4::5] = list(map(_WS.__getitem__, tokens.spaced))
        # The brackets go in with the template: `"[" + s[:-1] + "]"` copied all of it three times.
        return "".join(("[", _TOKEN_NEXT * (count - 1), _TOKEN, "]")) % tuple(fields)
    return (
        "["
        + ",".join(
            [
                f'{{"text":{encode_basestring(t.text)},"start":{t.start:d},"end":{t.end:d},"id":{t.id:d},'
                f'"ws":{"true" if t.ws else "false"}}}'
                for t in tokens
            ]
        )
        + "]"
    )


def _unit_json(unit: str, values: Sequence[int]) -> str:
    """One unit's tokens as `_tokens_json` writes them, their offsets and ids left as `%d`."""
    if len(values) == 1:  # most units: one word, with or without its space
        word = encode_basestring(unit[: values[0] >> 1])
        return _UNIT_TOKEN[values[0] & 1] % (word.replace("%", "%%") if "%" in word else word)
    if len(values) == 2 and "%" not in unit:  # the next most common: a word and a mark
        first, second = values
        middle = first >> 1
        return _UNIT_PAIR[second & 1] % (
            encode_basestring(unit[:middle]),
            encode_basestring(unit[middle : middle + (second >> 1)]),
        )
    parts = []
    start = 0
    for value in values:
        end = start + (value >> 1)
        parts.append(_UNIT_TOKEN[value & 1] % encode_basestring(unit[start:end]).replace("%", "%%"))
        start = end + (value & 1)
    return "".join(parts)


# A token of a unit, by its `ws`: its text goes in first, its numbers later (`%%d`).
_UNIT_TOKEN = tuple('{"text":%s,"start":%%d,"end":%%d,"id":%%d,"ws":' + ws + "}," for ws in _WS)
# Two tokens of a unit, by the second's `ws` (the first is never followed by a space).
_UNIT_PAIR = tuple(_UNIT_TOKEN[0] + last for last in _UNIT_TOKEN)


def _unit_tokens_json(tokens: TokenSpans, units: list[str], memo: dict[str, str]) -> str:
    """`_tokens_json` for tokens that keep their units: each distinct unit is rendered once for
    every text (`_unit_json`, kept in the tokenizer's `UnitTable`), a text's tokens are its
    units' renderings joined, and their offsets and ids go in with one `%`.

    Per token, only its three numbers are made and formatted: its text, escaped, and its `ws`
    come with its unit (news has 3.5 times fewer units than tokens, and most units recur).
    """
    rendered = ["[", *map(memo.__getitem__, units)]
    rendered[-1] = rendered[-1][:-1] + "]"  # the last token's comma: the list ends there
    return "".join(rendered) % _unit_numbers(tokens)


def _unit_tokens_utf8(tokens: TokenSpans, units: list[str], memo: dict[str, bytes]) -> bytes:
    """`_unit_tokens_json`, UTF-8 encoded, from units rendered as bytes (`_unit_json_utf8`).

    Why: `bytes % numbers` formats the 600,000 offsets and ids of 265 news articles in a
    quarter less time than `str %`, and the line is then written without encoding its tokens
    (13 of its 14 parts): about 12 ms of a cold export's 0.30 s.
    """
    rendered = [b"[", *map(memo.__getitem__, units)]
    rendered[-1] = rendered[-1][:-1] + b"]"
    return b"".join(rendered) % _unit_numbers(tokens)


def _unit_json_utf8(unit: str, values: Sequence[int]) -> bytes:
    """`_unit_json`, UTF-8 encoded.

    The tokenizer makes this for every new unit of any text it splits once the writer has asked,
    so it must not raise: an unpaired surrogate (no stored text has one) passes here, and the
    line that holds it still fails to encode, as before, with its text (`_prodigy_chunks_utf8`).
    """
    return _unit_json(unit, values).encode("utf-8", "surrogatepass")


def _unit_numbers(tokens: TokenSpans) -> tuple[int, ...]:
    """Each token's start, end and id, in the order the units' renderings leave them as `%d`."""
    count = len(tokens.starts)
    numbers: list[int] = [0] * (3 * count)
    numbers[0::3] = tokens.starts
    numbers[1::3] = tokens.ends
    numbers[2::3] = range(count)
    return tuple(numbers)


def _tokens_utf8(tokens: Sequence[Token]) -> bytes:
    """`_tokens_json(tokens)` UTF-8 encoded, made as bytes when the tokens keep their units."""
    if (
        isinstance(tokens, TokenSpans)
        and tokens.starts
        and tokens.units is not None
        and tokens.table is not None
    ):
        return _unit_tokens_utf8(tokens, tokens.units, tokens.table.memo("prodigy-utf8", _unit_json_utf8))
    return _tokens_json(tokens).encode("utf-8")


def prodigy_line(item: AnnotatedArticle, *, full_paths: bool = False) -> str:
    """`prodigy_task(item)` as one JSONL line (no newline), byte for byte, without the token dicts."""
    return _prodigy_line(item, full_paths, "")


def _prodigy_line(item: AnnotatedArticle, full_paths: bool, end: str) -> str:
    """`prodigy_line`, and `end` after it. Its parts are joined once: a line is 13 times its text
    (the tokens), and each `+` or f-string over it copied it whole."""
    text, meta, tokens, tail, breaks = _prodigy_parts(item, full_paths)
    head = f'{{"text":{encode_basestring(text)},"meta":{meta},"tokens":'
    line = "".join((head, _tokens_json(tokens), tail, end))
    for char in breaks:
        line = line.replace(char, _LINE_BREAKS[char])
    return line


def _prodigy_chunks_utf8(item: AnnotatedArticle, full_paths: bool) -> tuple[bytes, ...]:
    """`_prodigy_line(item, full_paths, "\n")` UTF-8 encoded, its tokens made as bytes, in three
    parts: what comes before the tokens, the tokens, the rest. The file takes them one after
    the other; joining them copied every line once more (13.7 MB for 265 news articles)."""
    text, meta, tokens, tail, breaks = _prodigy_parts(item, full_paths)
    head = b"".join((b'{"text":', _json_string_utf8(text), b',"meta":', meta.encode("utf-8"), b',"tokens":'))
    chunks = (head, _tokens_utf8(tokens), (tail + "\n").encode("utf-8"))
    if not breaks:
        return chunks
    # A character's UTF-8 bytes cannot start or end inside another's, so replacing them in the
    # bytes is replacing the character in the text.
    line = b"".join(chunks)
    for char in breaks:
        line = line.replace(char.encode("utf-8"), _LINE_BREAKS[char].encode("utf-8"))
    return (line,)


# What JSON escapes besides `\\`, `"` and the line feed: the other control characters.
_RARE_ESCAPES = bytes(range(0x0A)) + bytes(range(0x0B, 0x20))


def _json_string_utf8(text: str) -> bytes:
    """`encode_basestring(text)` UTF-8 encoded (the text of a Prodigy line), in a third of the time.

    A news text needs only `\\`, `"` and line feeds escaped: those are replaced in its UTF-8
    bytes, one C-level pass each (a character's bytes cannot start or end inside another's), where
    `encode_basestring` escapes the text character by character and the result is encoded after.
    A text with any other control character (a tab) takes `encode_basestring`.
    """
    encoded = text.encode("utf-8")
    if len(encoded.translate(None, _RARE_ESCAPES)) != len(encoded):
        return encode_basestring(text).encode("utf-8")
    if b"\\" in encoded:
        encoded = encoded.replace(b"\\", b"\\\\")
    return b'"' + encoded.replace(b'"', b'\\"').replace(b"\n", b"\\n") + b'"'


def _prodigy_parts(
    item: AnnotatedArticle, full_paths: bool
) -> tuple[str, str, Sequence[Token], str, list[str]]:
    """A Prodigy line in parts: its text (to be written as JSON), its meta's JSON, its tokens,
    what comes after the tokens, and the raw line breaks the line holds (to be escaped, see
    `_LINE_BREAKS`)."""
    check_article(item)
    text = item.article.text
    tokens = export_tokens(item)
    spans = _claim_spans(item, tokens)
    # The hashes read only "text" and "spans" (see hashing.INPUT_KEYS and TASK_KEYS).
    input_hash, task_hash = prodigy_hashes({"text": text, "spans": spans})
    entities = [_entity_dict(e) for e in sorted_entities(item.entities)]
    quotes = [_quote_dict(q, text) for q in sorted(item.quotes, key=lambda q: (q.start, q.end))]
    parts = (_json(article_meta(item, full_paths=full_paths)), _json(spans), _json(entities), _json(quotes))
    tail = (
        f',"spans":{parts[1]},"entities":{parts[2]},"quotes":{parts[3]},'
        f'"_input_hash":{input_hash:d},"_task_hash":{task_hash:d},"answer":"accept"}}'
    )
    # Tokens are pieces of the text, so a raw line break can only come from the text or the
    # small parts: look there instead of scanning the whole line (13 times the text) three times.
    breaks = [char for char in _LINE_BREAKS if char in text or any(char in part for part in parts)]
    return text, parts[0], tokens, tail, breaks


def prodigy_lines(items: Iterable[AnnotatedArticle], *, full_paths: bool = False) -> Iterator[str]:
    """JSONL lines (with their newline) for the default `jsonl` export."""
    for item in items:
        yield _prodigy_line(item, full_paths, "\n")


def prodigy_lines_utf8(items: Iterable[AnnotatedArticle], *, full_paths: bool = False) -> Iterator[bytes]:
    """`prodigy_lines`, UTF-8 encoded, as the export writes them to its file: each line in
    parts (`_prodigy_chunks_utf8`), so join them for whole lines."""
    for item in items:
        yield from _prodigy_chunks_utf8(item, full_paths)


# --- one claim a line / row -------------------------------------------------------------------------


def claim_record(item: AnnotatedArticle, c: Claim) -> dict[str, Any]:
    """One claim with its sentence; call `check_article` first."""
    text = item.article.text
    ctx_start, ctx_end = context_bounds(text, c.start, c.end)
    return {
        "text": text[c.start : c.end],
        "label": c.label.value,
        "article_id": item.article.id,
        "start": c.start,
        "end": c.end,
        "context": text[ctx_start:ctx_end],
        "annotator": c.annotator,
        "note": c.note,
        "created_at": c.created_at,
        **_shown(c),
    }


def claim_records(item: AnnotatedArticle) -> Iterator[dict[str, Any]]:
    check_article(item)
    for c in sorted_claims(item.claims):
        yield claim_record(item, c)


def claims_jsonl_lines(items: Iterable[AnnotatedArticle]) -> Iterator[str]:
    for item in items:
        for record in claim_records(item):
            yield _dumps(record) + "\n"


_FORMULA_MARKS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
"""Characters that open a formula: the ASCII four and their full-width forms (U+FF1D, U+FF0B,
U+FF0D, U+FF20), which Excel and LibreOffice fold to ASCII, so `＝HYPERLINK(...)` ran too."""


def spreadsheet_safe(value: str) -> str:
    """A cell Excel and LibreOffice show as text: one starting like a formula gets a leading `'`.

    `=HYPERLINK(...)` or `=cmd|...` in a title or a claim would otherwise be evaluated when the
    CSV is opened (the OWASP "CSV injection" advice). The `'` is the usual mark, which the
    spreadsheets hide; programs reading the CSV see it, so the README says so. A formula mark
    counts after leading white space too (LibreOffice's import can trim spaces), and a cell
    opening with a tab or a carriage return is quoted whatever follows, as OWASP advises.

    A value that is already `'`s before a formula mark (a note "'=A1 is wrong") gets one more,
    so the added `'` can always be told from the text's own: `spreadsheet_value` takes it off.
    """
    if _formula_like(value.lstrip("'")):
        return "'" + value
    return value


def spreadsheet_value(cell: str) -> str:
    """The value `spreadsheet_safe` was given: its cell without the `'` it added.

    Without the `'` added before a value's own ones, "'=A1" in the file was either "=A1" or
    "'=A1", and a reader removing the mark changed every note or claim of the second kind.
    """
    if cell.startswith("'") and _formula_like(cell.lstrip("'")):
        return cell[1:]
    return cell


def _formula_like(value: str) -> bool:
    return value.startswith(("\t", "\r")) or value.lstrip()[:1] in _FORMULA_MARKS


def csv_lines(items: Iterable[AnnotatedArticle]) -> Iterator[str]:
    """CSV text, header first, one claim a row; fields with line breaks are quoted (RFC 4180).

    A note goes without its control characters (`plain_note`): CSV has no escape for them, and
    an ESC sequence in one drove the terminal that printed the file. The title, the claim's
    text and its context are the article's, as imported, and keep what it had: the offsets
    in the row count their characters."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return value

    writer.writerow(CSV_COLUMNS)
    yield flush()
    cell = spreadsheet_safe
    for item in items:
        claims = {(c.start, c.end, c.label.value, c.annotator, c.note): c for c in item.claims}
        for record in claim_records(item):
            claim = claims[
                (record["start"], record["end"], record["label"], record["annotator"], record["note"])
            ]
            writer.writerow(
                [
                    record["article_id"],
                    cell(item.article.title),
                    "" if claim.id is None else claim.id,
                    record["start"],
                    record["end"],
                    record["label"],
                    cell(record["text"]),
                    cell(record["annotator"]),
                    cell(plain_note(record["note"])),
                    record["created_at"],
                    cell(record["context"]),
                ]
            )
            yield flush()


# --- doccano ----------------------------------------------------------------------------------------


def doccano_record(item: AnnotatedArticle, *, with_entities: bool = False) -> dict[str, Any]:
    """`{"text", "label": [[start, end, label], ...]}` as doccano's sequence-labelling import reads it.

    doccano counts offsets as JavaScript does, in UTF-16 code units (its default; the project
    setting "Count grapheme clusters as one character" is off), so every character above U+FFFF
    (an emoji, rare CJK) is two: code points would move each label after one a unit to the left
    there. A text without such characters is written as before, code points being the units.

    A span and label is written once, however many people gave it (an annotator and the
    reviewer's decision, or two annotators): the line names nobody, and doccano showed the
    same label twice on the span.

    `meta.article_status` is the article's status, as the jsonl export writes it: without it, a
    project's done articles came back from a doccano file as in progress or new. doccano keeps
    a line's other keys (`meta` among them) and writes them back in its own export, and the
    import reads the status from there as it does from a jsonl line.
    """
    check_article(item)
    article = item.article
    units = OffsetMap(article.text)
    triples = [(*units.span_to_utf16(c.start, c.end), c.label.value) for c in sorted_claims(item.claims)]
    suggested: list[tuple[int, int, str]] = []
    if with_entities:
        for e in sorted_entities(item.entities):
            if e.status is EntityStatus.REJECTED:
                continue
            triple = (*units.span_to_utf16(e.start, e.end), e.label)
            triples.append(triple)
            if e.status is EntityStatus.SUGGESTED:
                suggested.append(triple)
    meta: dict[str, Any] = {
        "title": article.title,
        "source": article.source,
        "article_id": article.id,
        "article_status": article.status.value,
    }
    if suggested:
        # doccano's label has no place for a status: without this, every suggestion nobody
        # decided came back from the file as accepted by a person (`readers._doccano_suggested`).
        meta[DOCCANO_SUGGESTED] = [list(triple) for triple in dict.fromkeys(suggested)]
    return {"text": article.text, "label": [list(triple) for triple in dict.fromkeys(triples)], "meta": meta}


def doccano_lines(items: Iterable[AnnotatedArticle], *, with_entities: bool = False) -> Iterator[str]:
    for item in items:
        yield _dumps(doccano_record(item, with_entities=with_entities)) + "\n"


# --- the registry: one entry per export format ----------------------------------------------------

LinesFn = Callable[[Iterable[AnnotatedArticle], bool], Iterator[str]]
"""`lines(items, with_entities)`: articles in, lines of text out."""
EncodedFn = Callable[[Iterable[AnnotatedArticle], bool, bool], Iterator[bytes]]
"""`encoded(items, with_entities, full_paths)`: the text `format_lines` gives, UTF-8 encoded, in
chunks that need not be whole lines (joined, they are the lines)."""


@dataclass(frozen=True)
class Writer:
    """One export format: its name on the command line, what people call it, and how to write it."""

    name: str
    description: str
    extension: str
    lines: LinesFn | None
    """None for a binary format written elsewhere (`spacy`: `formats.spacy_docbin`, which imports spaCy)."""
    tokens: bool = False
    """The format carries spaCy tokens, so the export tokenizes each article first."""
    single_file: bool = True
    """Written to one file; the others' files are named by a prefix ending in `extension`
    (the window's export dialog), or put in a folder."""
    encoded: EncodedFn | None = None
    """The lines made as UTF-8 bytes (in chunks), for a format that makes them faster so: an
    export's file is written from these (`format_chunks`)."""
    file_tag: str = ""
    """What a proposed file name says of the format ("news-doccano.jsonl"): three formats end
    in `.jsonl`, so a name from the project's alone sent a second export over the first."""
    claim_rows: bool = False
    """One line (or row) a claim: an article with no claim is not in the file, so what an export
    wrote is said in claims ("Exported 2 claims (from 7 articles)"), not in articles."""
    entities: str = "never"
    """Whether the file holds the articles' entities: "always", "asked" (`with_entities`) or
    "never"; an export says so when some articles have no suggestions yet (`services.exporting`)."""
    notes: str = ""
    """What the claims' notes are left out by, for a format with no place for them ("doccano"),
    so an export says how many it left out (`services.exporting`); empty where the file has them."""
    read_back: bool = False
    """The import reads the file back (`formats.readers`): a claim it refuses, one of white space
    alone, is left out of the file, so a project's export goes into a new project whole."""
    byte_order_mark: bool = False
    """The file starts with a UTF-8 byte-order mark. Excel reads a CSV without one in the
    machine's legacy code page, so "café" or a curly quote came out as "cafÃ©" or "â€œ"; the
    mark is how spreadsheets tell UTF-8 apart (Python reads it with `utf-8-sig`)."""


def _prodigy(items: Iterable[AnnotatedArticle], _with_entities: bool) -> Iterator[str]:
    return prodigy_lines(items)


def _prodigy_utf8(
    items: Iterable[AnnotatedArticle], _with_entities: bool, full_paths: bool
) -> Iterator[bytes]:
    return prodigy_lines_utf8(items, full_paths=full_paths)


def _claims_jsonl(items: Iterable[AnnotatedArticle], _with_entities: bool) -> Iterator[str]:
    return claims_jsonl_lines(items)


def _doccano(items: Iterable[AnnotatedArticle], with_entities: bool) -> Iterator[str]:
    return doccano_lines(items, with_entities=with_entities)


def _csv(items: Iterable[AnnotatedArticle], _with_entities: bool) -> Iterator[str]:
    return csv_lines(items)


WRITERS: dict[str, Writer] = {
    w.name: w
    for w in (
        Writer(
            "jsonl",
            "Prodigy-style JSON Lines",
            ".jsonl",
            _prodigy,
            tokens=True,
            encoded=_prodigy_utf8,
            file_tag="prodigy",
            entities="always",
            read_back=True,
        ),
        Writer(
            "claims-jsonl",
            "Claims only, JSON Lines",
            ".jsonl",
            _claims_jsonl,
            file_tag="claims",
            claim_rows=True,
        ),
        Writer(
            "doccano",
            "doccano JSON Lines",
            ".jsonl",
            _doccano,
            file_tag="doccano",
            entities="asked",
            notes="doccano",
            read_back=True,
        ),
        Writer(
            "csv",
            "CSV, one claim a row",
            ".csv",
            _csv,
            byte_order_mark=True,
            file_tag="claims",
            claim_rows=True,
        ),
        Writer(
            "spacy",
            "spaCy DocBin files",
            ".spacy",
            None,
            tokens=True,
            single_file=False,
            entities="always",
            notes="spaCy's DocBin format",
        ),
    )
}
"""Every export format, in the order the CLI and the window list them.

The CLI's `--format` choices, the window's export dialog and the export service all
read this, so a new format is its lines function above plus one entry here.
"""

EXPORT_FORMATS = tuple(WRITERS)


def format_lines(
    fmt: str, items: Iterable[AnnotatedArticle], *, with_entities: bool = False, full_paths: bool = False
) -> Iterator[str]:
    """Lines of text for every format except binary ones (`spacy`, see `spacy_docbin`)."""
    writer = WRITERS.get(fmt)
    if writer is None or writer.lines is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if full_paths and fmt == "jsonl":
        return prodigy_lines(items, full_paths=True)  # the one format that names the imported file
    return writer.lines(items, with_entities)


def format_chunks(
    fmt: str, items: Iterable[AnnotatedArticle], *, with_entities: bool = False, full_paths: bool = False
) -> Iterator[str] | Iterator[bytes]:
    """What an export writes to its file: `format_lines`, or the same lines already UTF-8
    encoded where the format makes them so (`Writer.encoded`), then in chunks that join into
    the lines; a CSV's starts with a byte-order mark (`Writer.byte_order_mark`)."""
    writer = WRITERS.get(fmt)
    if writer is not None and writer.encoded is not None:
        return writer.encoded(items, with_entities, full_paths)
    lines = format_lines(fmt, items, with_entities=with_entities, full_paths=full_paths)
    if writer is not None and writer.byte_order_mark:
        return itertools.chain(("\ufeff",), lines)
    return lines
