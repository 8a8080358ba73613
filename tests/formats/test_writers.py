"""Writers: exact output for a hand-made article, span checks, Prodigy hashes, schema and pandas."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pandas as pd
import pytest
import srsly  # type: ignore[import-untyped]
from murmurhash import mrmr  # type: ignore[import-untyped]

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
from annotator.formats import format_lines, prodigy_task, simple_tokens
from annotator.formats.hashing import murmur3_32, prodigy_hashes
from annotator.formats.schemas import CLAIM_SCHEMA, TASK_SCHEMA, load_schema
from annotator.formats.writers import TokenIndex, context_bounds

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
        quotes=(Quote(21, 37, QuoteKind.DIRECT, Speaker(6, 14, "Ana Díaz")),),
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
    assert task["quotes"] == [
        {"start": 21, "end": 37, "kind": "direct", "speaker": {"start": 6, "end": 14, "name": "Ana Díaz"}}
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
        "label": [[22, 36, "factual"], [56, 70, "opinion"]],
        "meta": {"title": "Taxes", "source": "http://x", "article_id": 3},
    }
    [with_entities] = format_lines("doccano", [article()], with_entities=True)
    assert json.loads(with_entities)["label"] == [[22, 36, "factual"], [56, 70, "opinion"], [6, 14, "PERSON"]]


def test_csv_rows_with_newlines_read_back() -> None:
    item = article(claims=(Claim(3, 37, 70, ClaimLabel.QUESTIONABLE, "ann", note='a "quoted", note'),))
    data = "".join(format_lines("csv", [item]))
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert len(rows) == 1
    assert rows[0]["text"] == " Critics disagree.\nIt is 😀 wrong."
    assert rows[0]["note"] == 'a "quoted", note'
    assert rows[0]["article_id"] == "3" and rows[0]["label"] == "questionable" and rows[0]["claim_id"] == ""


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
