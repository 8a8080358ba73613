"""Writers: exact output for a hand-made article, span checks, Prodigy hashes, schema and pandas."""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from collections.abc import Sequence
from json.encoder import encode_basestring

import jsonschema
import pandas as pd
import pytest
import srsly  # type: ignore[import-untyped]
from hypothesis import example, given, settings
from hypothesis import strategies as st
from murmurhash import mrmr  # type: ignore[import-untyped]
from spacy.tokens import Doc
from spacy.vocab import Vocab

from annotator.core.errors import ExportError
from annotator.core.model import (
    AnnotatedArticle,
    Article,
    Claim,
    ClaimLabel,
    Entity,
    EntityStatus,
    Quote,
    QuoteKind,
    Speaker,
    Token,
)
from annotator.formats import format_chunks, format_lines, prodigy_task, simple_tokens
from annotator.formats.hashing import murmur3_32, prodigy_hashes
from annotator.formats.schemas import CLAIM_SCHEMA, TASK_SCHEMA, load_schema
from annotator.formats.writers import (
    TokenIndex,
    _json_string_utf8,
    _tokens_json,
    _tokens_utf8,
    claims_off_tokens,
    context_bounds,
    spreadsheet_safe,
    spreadsheet_value,
)
from annotator.nlp.tokenizer import language_data, tokenize
from annotator.nlp.tokenizer_rules import RuleTokenizer

TEXT = 'Mayor Ana Díaz said: "Taxes fell 5%." Critics disagree.\nIt is 😀 wrong.'


def article(**changes: object) -> AnnotatedArticle:
    base = AnnotatedArticle(
        article=Article(
            id=3,
            text=TEXT,
            title="Taxes",
            content_hash="h",
            source="http://x",
            meta={"k": "v"},
            origin="a.txt",
        ),
        claims=(
            Claim(3, 56, 70, ClaimLabel.OPINION, "bo", note="emoji", created_at="2024-01-02T00:00:00.000Z"),
            Claim(3, 22, 36, ClaimLabel.FACTUAL, "ann", id=9, created_at="2024-01-01T00:00:00.000Z"),
        ),
        entities=(
            Entity(6, 14, "PERSON", EntityStatus.ACCEPTED, id=1),
            Entity(0, 5, "TITLE", EntityStatus.REJECTED),
        ),
        quotes=(Quote(21, 37, QuoteKind.DIRECT, Speaker(0, 14, "Ana María Díaz")),),
    )
    return AnnotatedArticle(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_simple_tokens_follow_spacy_whitespace_rules() -> None:
    tokens = simple_tokens("Hi  there.\n\nOK")
    assert tokens == (
        Token(0, 0, 2, "Hi", True),
        Token(1, 3, 4, " ", False),
        Token(2, 4, 9, "there", False),
        Token(3, 9, 10, ".", False),
        Token(4, 10, 12, "\n\n", False),
        Token(5, 12, 14, "OK", False),
    )
    assert "".join(t.text + (" " if t.ws else "") for t in tokens) == "Hi  there.\n\nOK"


def test_token_index_is_inclusive_and_covers_partial_tokens() -> None:
    index = TokenIndex(simple_tokens("Alpha beta gamma."))
    assert index.span(0, 5) == (0, 0)
    assert index.span(6, 16) == (1, 2)
    assert index.span(7, 12) == (1, 2)  # starts and ends inside tokens: the covering tokens


def test_prodigy_task_exact() -> None:
    task = prodigy_task(article())
    assert task["meta"] == {
        "k": "v",
        "title": "Taxes",
        "source": "http://x",
        "article_id": 3,
        "import_file": "a.txt",
        "article_status": "new",
    }
    assert task["spans"] == [
        {
            "start": 22, "end": 36, "token_start": 6, "token_end": 10, "label": "factual",
            "text": "Taxes fell 5%.", "annotator": "ann", "note": "",
        },
        {
            "start": 56, "end": 70, "token_start": 16, "token_end": 20, "label": "opinion",
            "text": "It is 😀 wrong.", "annotator": "bo", "note": "emoji",
        },
    ]  # fmt: skip
    assert task["entities"] == [
        {"start": 0, "end": 5, "label": "TITLE", "status": "rejected"},
        {"start": 6, "end": 14, "label": "PERSON", "status": "accepted"},
    ]
    # The speaker as the text attributes the quotation and the fullest name it resolves to.
    speaker = {"start": 0, "end": 14, "mention": "Mayor Ana Díaz", "name": "Ana María Díaz"}
    assert task["quotes"] == [
        {"start": 21, "end": 37, "kind": "direct", "speaker": speaker, "status": "suggested"}
    ]
    assert task["answer"] == "accept"
    assert [t["text"] for t in task["tokens"]][6:11] == ["Taxes", "fell", "5", "%", "."]
    assert list(task) == [
        "text", "meta", "tokens", "spans", "entities", "quotes", "_input_hash", "_task_hash", "answer",
    ]  # fmt: skip


def test_prodigy_hashes_match_prodigys_recipe() -> None:
    task = prodigy_task(article())
    # Prodigy: murmurhash of srsly.json_dumps(values, sort_keys=True), task hash prefixed by the input hash.
    input_hash = mrmr.hash(srsly.json_dumps({"text": TEXT}, sort_keys=True))
    task_hash = mrmr.hash(str(input_hash) + srsly.json_dumps({"spans": task["spans"]}, sort_keys=True))
    assert (task["_input_hash"], task["_task_hash"]) == (input_hash, task_hash)
    plain = '{"text":"x"}'
    assert prodigy_hashes({"text": "x"}) == (mrmr.hash(plain), mrmr.hash(f"{mrmr.hash(plain)}{plain}"))


@pytest.mark.parametrize("value", [b"", b"a", b"ab", b"abc", b"abcd", "héllo 🎉 中文".encode(), b"x" * 1001])
def test_pure_python_murmur_matches_the_c_one(value: bytes) -> None:
    assert (
        murmur3_32(value) == mrmr.hash_bytes(value)
        if hasattr(mrmr, "hash_bytes")
        else mrmr.hash(value.decode())
    )


def test_given_tokens_are_used() -> None:
    tokens = (Token(0, 0, len(TEXT), TEXT, False),)
    task = prodigy_task(article(tokens=tokens))
    assert task["tokens"] == [{"text": TEXT, "start": 0, "end": len(TEXT), "id": 0, "ws": False}]
    assert [(s["token_start"], s["token_end"]) for s in task["spans"]] == [(0, 0), (0, 0)]


def test_jsonl_is_deterministic_and_order_independent() -> None:
    one = "".join(format_lines("jsonl", [article()]))
    flipped = article(claims=tuple(reversed(article().claims)), entities=tuple(reversed(article().entities)))
    assert "".join(format_lines("jsonl", [flipped])) == one
    assert one.endswith("\n") and one.count("\n") == 1
    assert "😀" in one  # written as UTF-8, not \u escapes


def test_claims_jsonl_exact() -> None:
    lines = [json.loads(x) for x in format_lines("claims-jsonl", [article()])]
    assert lines == [
        {
            "text": "Taxes fell 5%.", "label": "factual", "article_id": 3, "start": 22, "end": 36,
            "context": 'Mayor Ana Díaz said: "Taxes fell 5%."', "annotator": "ann", "note": "",
            "created_at": "2024-01-01T00:00:00.000Z",
        },
        {
            "text": "It is 😀 wrong.", "label": "opinion", "article_id": 3, "start": 56, "end": 70,
            "context": "It is 😀 wrong.", "annotator": "bo", "note": "emoji",
            "created_at": "2024-01-02T00:00:00.000Z",
        },
    ]  # fmt: skip
    validator = jsonschema.Draft202012Validator(load_schema(CLAIM_SCHEMA))
    for line in lines:
        validator.validate(line)


@pytest.mark.parametrize(
    ("text", "start", "end", "context"),
    [
        ("One. Two three. Four.", 5, 8, "Two three."),
        ("One. Two three. Four.", 0, 4, "One."),
        ("A claim across. Two sentences here. End", 2, 25, "A claim across. Two sentences here."),
        ("Para one.\nLast line without stop", 12, 16, "Last line without stop"),
        ("He said “No way!” Then left.", 9, 12, "He said “No way!”"),
    ],
)
def test_context_bounds(text: str, start: int, end: int, context: str) -> None:
    s, e = context_bounds(text, start, end)
    assert text[s:e] == context


def test_doccano_exact() -> None:
    [line] = format_lines("doccano", [article()])
    assert json.loads(line) == {
        "text": TEXT,
        "label": [[22, 36, "factual"], [56, 71, "opinion"]],  # 56..70 in code points: 😀 is two units
        "meta": {"title": "Taxes", "source": "http://x", "article_id": 3, "article_status": "new"},
    }
    [with_entities] = format_lines("doccano", [article()], with_entities=True)
    assert json.loads(with_entities)["label"] == [[22, 36, "factual"], [56, 71, "opinion"], [6, 14, "PERSON"]]


def test_a_doccano_line_lists_a_span_and_label_once_whoever_gave_it() -> None:
    """An annotator's label and the reviewer's decision on one span (or two annotators' alike)
    were two equal triples on the line, and doccano showed the label twice on the span."""
    item = article(
        claims=(
            Claim(3, 22, 36, ClaimLabel.FACTUAL, "ann"),
            Claim(3, 22, 36, ClaimLabel.FACTUAL, "gold"),
            Claim(3, 22, 36, ClaimLabel.FACTUAL, "bo", note="same"),
            Claim(3, 22, 36, ClaimLabel.OPINION, "cy"),
            Claim(3, 56, 70, ClaimLabel.OPINION, "bo"),
        ),
        entities=(
            Entity(6, 14, "PERSON", EntityStatus.ACCEPTED),
            Entity(6, 14, "PERSON", EntityStatus.ADDED),
        ),
    )
    [line] = format_lines("doccano", [item], with_entities=True)
    assert json.loads(line)["label"] == [
        [22, 36, "factual"], [22, 36, "opinion"], [56, 71, "opinion"], [6, 14, "PERSON"],
    ]  # fmt: skip


def test_claims_off_tokens_are_those_spacy_char_span_would_drop() -> None:
    """The JSONL export counts the claims whose start and end are not token edges of the task:
    cut inside a word, or ending on white space. A claim inside a Chinese clause is not one:
    the task's tokens are cut at its edges."""
    text = "No one said so. 习近平指出，北京市政府"
    claims = (
        Claim(1, 3, 10, ClaimLabel.OPINION, "ann"),  # "one sai"
        Claim(1, 0, 6, ClaimLabel.FACTUAL, "ann"),  # "No one"
        Claim(1, 0, 7, ClaimLabel.FACTUAL, "bo"),  # "No one "
        Claim(1, 16, 19, ClaimLabel.FACTUAL, "ann"),  # "习近平"
    )
    item = article(article=Article(id=1, text=text, title="t", content_hash="h"), claims=claims, quotes=())
    off = claims_off_tokens(item)
    assert [text[c.start : c.end] for c in off] == ["No one ", "one sai"]
    task = prodigy_task(item)
    # What spaCy makes of the task's tokens and spans (strict alignment, its default).
    doc = Doc(Vocab(), words=[t["text"] for t in task["tokens"]], spaces=[t["ws"] for t in task["tokens"]])
    dropped = [s["text"] for s in task["spans"] if doc.char_span(s["start"], s["end"]) is None]
    assert dropped == ["No one ", "one sai"]


FIREMEN = "\U0001f468\U0001f3fb\u200d\U0001f692 firemen drive firetrucks"
"""doccano's own example (doccano issue #2290): "firetrucks" is 19..29 in Python, 22..32 in doccano."""


def test_doccano_offsets_are_utf16_code_units_as_doccano_counts_them() -> None:
    item = article(
        article=Article(id=1, text=FIREMEN, title="t", content_hash="h"),
        claims=(Claim(1, 19, 29, ClaimLabel.FACTUAL, "ann"), Claim(1, 0, 4, ClaimLabel.OPINION, "ann")),
        entities=(Entity(5, 12, "NORP", EntityStatus.ACCEPTED),),
        quotes=(),
    )
    assert FIREMEN[19:29] == "firetrucks"
    [line] = format_lines("doccano", [item], with_entities=True)
    labels = json.loads(line)["label"]
    assert labels == [[0, 7, "opinion"], [22, 32, "factual"], [8, 15, "NORP"]]
    # What doccano's browser shows: JavaScript's String.prototype.slice over UTF-16 code units.
    units = FIREMEN.encode("utf-16-le")
    assert [units[2 * s : 2 * e].decode("utf-16-le") for s, e, _ in labels] == [
        "\U0001f468\U0001f3fb\u200d\U0001f692", "firetrucks", "firemen",
    ]  # fmt: skip


_BMP = st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"], exclude_characters="\x85\u2028\u2029")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_BMP, min_size=1), st.data())
def test_doccano_lines_of_texts_without_astral_characters_are_unchanged(
    text: str, data: st.DataObject
) -> None:
    """Inside the Basic Multilingual Plane a code point is one UTF-16 unit: the line is the same
    bytes the code-point offsets gave before."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    claims = (Claim(1, start, end, ClaimLabel.FACTUAL, "ann"),)
    entities = (Entity(start, end, "ORG", EntityStatus.ACCEPTED),)
    item = article(
        article=Article(id=1, text=text, title="t", content_hash="h"),
        claims=claims,
        entities=entities,
        quotes=(),
    )
    [line] = format_lines("doccano", [item], with_entities=True)
    record = {"text": text, "label": [[start, end, "factual"], [start, end, "ORG"]],
              "meta": {"title": "t", "source": "", "article_id": 1,
                       "article_status": "new"}}  # fmt: skip
    assert line == json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_csv_rows_with_newlines_read_back() -> None:
    item = article(claims=(Claim(3, 37, 70, ClaimLabel.QUESTIONABLE, "ann", note='a "quoted", note'),))
    data = "".join(format_lines("csv", [item]))
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert len(rows) == 1
    assert rows[0]["text"] == " Critics disagree.\nIt is 😀 wrong."
    assert rows[0]["note"] == 'a "quoted", note'
    assert rows[0]["article_id"] == "3" and rows[0]["label"] == "questionable" and rows[0]["claim_id"] == ""


# A spreadsheet runs a cell as a formula when, past any leading white space, it opens with one of
# these; Excel and LibreOffice fold the full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20) to them.
FORMULA_MARKS = "=+-@\uff1d\uff0b\uff0d\uff20"


@pytest.mark.parametrize(
    "cell",
    ["\uff1dHYPERLINK(\"http://x.example\")", "\uff0b1+1", "\uff0d1+1", "\uff20SUM(1)",
     " \uff1d1+1", "\t\uff1d1+1", "\r\uff0b1", "  =1+1", "\u3000\uff20SUM(1)", "=1", "\tplain"],
)  # fmt: skip
def test_a_cell_starting_like_a_formula_is_written_as_text(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@given(
    lead=st.text(alphabet=" \t\r\n\u00a0\u3000", max_size=4),
    mark=st.sampled_from(FORMULA_MARKS),
    rest=st.text(max_size=20),
)
def test_every_formula_mark_after_any_white_space_is_quoted(lead: str, mark: str, rest: str) -> None:
    assert spreadsheet_safe(lead + mark + rest) == "'" + lead + mark + rest


@given(st.text(max_size=30))
@example("\t0")  # a tab first is quoted whatever follows
@example("  Ada")
def test_the_guard_only_adds_a_quote_and_leaves_no_cell_formula_like(value: str) -> None:
    cell = spreadsheet_safe(value)
    assert cell in (value, "'" + value)
    assert cell.lstrip()[:1] not in set(FORMULA_MARKS) and not cell.startswith(("\t", "\r"))
    if value.lstrip(" ")[:1].isalnum():  # words, after spaces at most: no tab or CR first
        assert cell == value


# The README's recipe for taking the guard's `'` off a column with pandas.
README_UNQUOTE = r"^'(?='*(?:[\t\r]|\s*[=+\-@＝＋－＠]))"


@given(st.text(alphabet=st.sampled_from([*"'\t\r \u3000a1", *FORMULA_MARKS]) | st.characters(), max_size=12))
@example("'=A1 is wrong")
@example("''+1")
@example("'Tis")
def test_the_value_comes_back_from_its_cell_with_the_readmes_rule(value: str) -> None:
    """A note "'=A1 is wrong" was written as it was, and "=A1 is wrong" as "'=A1 is wrong":
    the same cell, so whoever took the guard's `'` off (as the README says to get the values)
    changed the first note. A value's own `'`s before a formula mark now get one more."""
    cell = spreadsheet_safe(value)
    assert spreadsheet_value(cell) == value
    assert re.sub(README_UNQUOTE, "", cell) == value
    assert cell.lstrip("'")[:1] not in set(FORMULA_MARKS) or cell.startswith("'")


def test_notes_with_and_without_their_own_quote_read_back_from_the_csv_apart() -> None:
    notes = ("=A1 is wrong", "'=A1 is wrong", "'Tis so")
    claims = tuple(Claim(3, 37, 70, ClaimLabel.QUESTIONABLE, f"ann{i}", note=n) for i, n in enumerate(notes))
    data = "".join(format_lines("csv", [article(claims=claims)]))
    frame = pd.read_csv(io.StringIO(data), keep_default_na=False)
    assert sorted(frame["note"].str.replace(README_UNQUOTE, "", regex=True)) == sorted(notes)


def test_a_note_s_control_characters_are_not_written_into_the_csv() -> None:
    """A note imported (or saved by an earlier version) with an ESC sequence in it went raw into
    the CSV, where it drove the terminal that `cat` printed the file to (here: cleared it). The
    CSV's note keeps its words, tab and line breaks, and the formula guard still sees what
    the control hid; JSON exports keep the note whole, escaped."""
    notes = ("\x1b[2J\x1b[31mCheck\x07 the\tcount\x9b1m\r\nwith the coroner\x7f.", "\x1b=cmd|' /C calc'!A0")
    claims = tuple(Claim(3, 37, 70, ClaimLabel.QUESTIONABLE, f"ann{i}", note=n) for i, n in enumerate(notes))
    data = "".join(format_lines("csv", [article(claims=claims)]))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", data)
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert {row["annotator"]: row["note"] for row in rows} == {
        "ann0": "[2J[31mCheck the\tcount1m\nwith the coroner.",
        "ann1": "'=cmd|' /C calc'!A0",
    }
    lines = format_lines("claims-jsonl", [article(claims=claims)])
    assert sorted(json.loads(line)["note"] for line in lines) == sorted(notes)


@pytest.mark.parametrize("fmt", ["jsonl", "claims-jsonl", "doccano", "csv"])
@pytest.mark.parametrize(
    ("bad", "what"),
    [
        ({"claims": (Claim(3, 60, 99, ClaimLabel.FACTUAL, "x"),)}, "claim 60..99"),
        ({"entities": (Entity(5, 5, "ORG"),)}, "entity 5..5"),
        ({"quotes": (Quote(0, 3, speaker=Speaker(-1, 2, "?")),)}, "quote speaker -1..2"),
    ],
)
def test_bad_span_stops_export_naming_the_article(fmt: str, bad: dict[str, object], what: str) -> None:
    with pytest.raises(ExportError) as info:
        "".join(format_lines(fmt, [article(**bad)]))
    assert str(info.value).startswith(f"article 3 ('Taxes'): {what} does not fit the text")


def test_unknown_format() -> None:
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        format_lines("xml", [])


def test_jsonl_validates_and_loads_in_pandas() -> None:
    items = [
        article(),
        article(
            article=Article(id=4, text="Short one.", title="", content_hash="h2"),
            claims=(),
            entities=(),
            quotes=(),
        ),
    ]
    data = "".join(format_lines("jsonl", items))
    validator = jsonschema.Draft202012Validator(load_schema(TASK_SCHEMA))
    for line in data.splitlines():
        validator.validate(json.loads(line))
    frame = pd.read_json(io.StringIO(data), lines=True)
    assert list(frame["text"]) == [TEXT, "Short one."]
    assert [len(s) for s in frame["spans"]] == [2, 0]
    assert list(frame["answer"]) == ["accept", "accept"]


def test_schema_rejects_a_wrong_task() -> None:
    task = prodigy_task(article())
    task["spans"][0]["label"] = "FACT"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(task, load_schema(TASK_SCHEMA))


# --- the fast jsonl path writes exactly what json.dumps of the task dict writes --------------------------

_ODD_PIECES = [
    *"ab \"\\/\n\t\r\x00\x1f\x7f\x85\u2028\u2029é😀中\u200d\ufeff’'.,",
    "  ",
    "\n\n",
    "word",
    "don’t",
    "\ud800",
    "%",
    "%d",
    "100%,",
    "x" * 130,  # a token too long for one byte of the export tokenizer's caches
]
_ODD_TEXT = st.lists(st.sampled_from(_ODD_PIECES), min_size=1, max_size=30).map("".join)


def _old_simple_tokens(text: str) -> tuple[Token, ...]:
    """The first implementation, kept as the reference the faster one must match."""
    tokens: list[Token] = []
    for match in re.finditer(r"\w+(?:['’]\w+)*|[^\w\s]|\s+", text):
        start, piece = match.start(), match.group()
        if piece.isspace():
            if tokens and not tokens[-1].ws and piece.startswith(" ") and tokens[-1].end == start:
                last = tokens[-1]
                tokens[-1] = Token(id=last.id, start=last.start, end=last.end, text=last.text, ws=True)
                start, piece = start + 1, piece[1:]
            if not piece:
                continue
        tokens.append(Token(id=len(tokens), start=start, end=start + len(piece), text=piece, ws=False))
    return tuple(tokens)


def _old_token_span(tokens: tuple[Token, ...], start: int, end: int) -> tuple[int, int]:
    if not tokens:
        return 0, 0
    ends, starts = [t.end for t in tokens], [t.start for t in tokens]
    first = min(bisect.bisect_right(ends, start), len(tokens) - 1)
    last = max(bisect.bisect_left(starts, end) - 1, first)
    return tokens[first].id, tokens[last].id


@st.composite
def odd_articles(draw: st.DrawFn) -> AnnotatedArticle:
    text = draw(_ODD_TEXT)
    n = len(text)

    def span() -> tuple[int, int]:
        start = draw(st.integers(0, n - 1))
        return start, draw(st.integers(start + 1, n))

    claims = []
    for _ in range(draw(st.integers(0, 3))):
        s, e = span()
        claims.append(
            Claim(1, s, e, draw(st.sampled_from(list(ClaimLabel))), draw(_ODD_TEXT), note=draw(_ODD_TEXT))
        )
    entities = [
        Entity(*span(), draw(st.sampled_from(["ORG", "X\u2028"]))) for _ in range(draw(st.integers(0, 2)))
    ]
    quotes = [
        Quote(*span(), speaker=Speaker(*span(), draw(_ODD_TEXT)) if draw(st.booleans()) else None)
        for _ in range(draw(st.integers(0, 2)))
    ]
    meta = draw(st.dictionaries(_ODD_TEXT, st.one_of(_ODD_TEXT, st.integers(), st.none()), max_size=3))
    # No tokens (the writer's own), Token objects, or the export tokenizer's spans, which the
    # writer renders unit by unit.
    tokens = draw(st.sampled_from([(), _old_simple_tokens(text), tokenize(text)]))
    return AnnotatedArticle(
        article=Article(id=1, text=text, title=draw(_ODD_TEXT), content_hash="h", meta=meta, origin="o"),
        claims=tuple(claims),
        entities=tuple(entities),
        quotes=tuple(quotes),
        tokens=tokens,
    )


@settings(max_examples=150, deadline=None)
@given(odd_articles())
def test_fast_jsonl_line_is_json_dumps_of_the_task(item: AnnotatedArticle) -> None:
    expected = json.dumps(prodigy_task(item), ensure_ascii=False, separators=(",", ":"))
    for char, escape in {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}.items():
        expected = expected.replace(char, escape)
    assert "".join(format_lines("jsonl", [item])) == expected + "\n"
    # What the export writes: the same line made as UTF-8 bytes (its tokens formatted as bytes).
    try:
        encoded = (expected + "\n").encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate: refused as writing the text line was
        with pytest.raises(UnicodeEncodeError):
            b"".join(format_chunks("jsonl", [item]))  # type: ignore[arg-type]
    else:
        assert b"".join(format_chunks("jsonl", [item])) == encoded  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(_ODD_TEXT, st.data())
def test_simple_tokens_and_token_index_match_the_reference(text: str, data: st.DataObject) -> None:
    tokens = simple_tokens(text)
    assert tokens == _old_simple_tokens(text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assert TokenIndex(tokens).span(start, end) == _old_token_span(tokens, start, end)
    assert TokenIndex(()).span(0, 1) == (0, 0)


def _reference_tokens_json(tokens: Sequence[Token]) -> str:
    return json.dumps(
        [{"text": t.text, "start": t.start, "end": t.end, "id": t.id, "ws": t.ws} for t in tokens],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def test_tokens_rendered_per_unit_survive_a_cache_that_starts_again() -> None:
    """The rendering of each unit is kept with the tokenizer's caches and emptied with them; a
    text tokenised before the writer first asked, or after the caches started again, still
    renders every unit (looked up, or made as it is met)."""
    texts = [f"Text {n}: 50% of {'word ' * n}said “yes,” don’t.\n\n{'%d' * n} {n}." for n in range(40)]
    tokenizer = RuleTokenizer(language_data())
    tokenizer.cache_limit = 30
    first = tokenizer.spans(texts[0])  # before any writer keeps renderings
    assert _tokens_json(first) == _reference_tokens_json(first)
    for text in texts:
        spans = tokenizer.spans(text)
        assert spans.units is not None  # the path under test
        assert _tokens_json(spans) == _reference_tokens_json(spans)
    assert len(tokenizer._units) < 200  # started again on the way


def test_tokens_rendered_as_bytes_match_the_text_rendering() -> None:
    """Units rendered as UTF-8 (the export's file) give the text rendering's bytes, before and
    after the tokenizer's caches start again, and a unit with an unpaired surrogate does not
    stop the tokenizer (the table is filled for every text it splits)."""
    texts = [f"Text {n}: 50% of {'word ' * n}said “yes,” don’t.\n\n{'%d' * n} {n}." for n in range(40)]
    tokenizer = RuleTokenizer(language_data())
    tokenizer.cache_limit = 30
    for text in texts:
        spans = tokenizer.spans(text)
        assert _tokens_utf8(spans) == _reference_tokens_json(spans).encode("utf-8")
    assert len(tokenizer._units) < 200  # started again on the way
    assert tokenizer.spans("a \ud800b c").units is not None


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",))) | _ODD_TEXT.filter(lambda t: "\ud800" not in t))
def test_a_text_made_json_as_bytes_is_encode_basestring_encoded(text: str) -> None:
    """The text of a Prodigy line escaped in its UTF-8 bytes (`\\`, `"`, line feeds) is what
    `encode_basestring` gives, encoded; a text with another control character takes that."""
    assert _json_string_utf8(text) == encode_basestring(text).encode("utf-8")
