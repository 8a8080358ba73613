"""Pure round trips: what the writers write, the readers read back to the same claims, entities, quotes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from annotator.core.model import (
    AnnotatedArticle,
    Article,
    ArticleDraft,
    Claim,
    ClaimDraft,
    ClaimLabel,
    Entity,
    EntityStatus,
    Quote,
    QuoteKind,
    Speaker,
)
from annotator.formats import format_lines, read_bytes, read_path
from tests.formats.corpus import Doc, corpora

FORMATS = Path(__file__).parents[1] / "data" / "formats"


def input_jsonl(corpus: list[Doc]) -> bytes:
    """Our own input: raw (maybe CRLF) texts with spans in raw offsets, carrying their text."""
    lines = []
    for doc in corpus:
        raw = doc.raw()
        spans = [
            {
                "start": doc.raw_offset(s.start), "end": doc.raw_offset(s.end), "label": s.label,
                "annotator": s.annotator, "note": s.note,
                "text": raw[doc.raw_offset(s.start) : doc.raw_offset(s.end)],
            }
            for s in doc.claims
        ]  # fmt: skip
        entities = [
            {
                "start": doc.raw_offset(e.start),
                "end": doc.raw_offset(e.end),
                "label": e.label,
                "status": e.status,
            }
            for e in doc.entities
        ]
        quotes = [
            {
                "start": doc.raw_offset(q.start),
                "end": doc.raw_offset(q.end),
                "kind": q.kind,
                "speaker": None
                if q.speaker is None
                else {
                    "start": doc.raw_offset(q.speaker[0]),
                    "end": doc.raw_offset(q.speaker[1]),
                    "name": q.speaker[2],
                },
            }
            for q in doc.quotes
        ]
        task = {"text": raw, "spans": spans, "entities": entities, "quotes": quotes}
        lines.append(json.dumps(task, ensure_ascii=False))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def as_annotated(drafts: list[ArticleDraft]) -> list[AnnotatedArticle]:
    """What a project would hand the writers: ids assigned in order, empty annotators become 'imported'."""
    return [
        AnnotatedArticle(
            article=Article(
                id=i, text=d.text, title=d.title, content_hash=str(i), source=d.source, meta=d.meta
            ),
            claims=tuple(
                Claim(i, c.start, c.end, c.label, c.annotator or "imported", note=c.note) for c in d.claims
            ),
            entities=d.entities,
            quotes=d.quotes,
        )
        for i, d in enumerate(drafts, start=1)
    ]


def read_all(data: bytes, name: str) -> list[ArticleDraft]:
    results = list(read_bytes(data, name))
    assert all(isinstance(r, ArticleDraft) for r in results), [str(r) for r in results]
    return [r for r in results if isinstance(r, ArticleDraft)]


def spans_only(lines: str, keys: tuple[str, ...]) -> list[str]:
    return [
        json.dumps([json.loads(line)[k] for k in keys], ensure_ascii=False) for line in lines.splitlines()
    ]


def check_corpus(corpus: list[Doc]) -> None:
    drafts = read_all(input_jsonl(corpus), "in.jsonl")
    for doc, draft in zip(corpus, drafts, strict=True):
        assert draft.text == doc.text
        assert sorted((c.start, c.end, c.label.value, c.annotator, c.note) for c in draft.claims) == sorted(
            (s.start, s.end, s.label, s.annotator, s.note) for s in doc.claims
        )
        assert sorted((e.start, e.end, e.label, e.status.value) for e in draft.entities) == sorted(
            (e.start, e.end, e.label, e.status) for e in doc.entities
        )
        assert [
            (q.start, q.end, q.kind.value, q.speaker and (q.speaker.start, q.speaker.end, q.speaker.name))
            for q in draft.quotes
        ] == [(q.start, q.end, q.kind, q.speaker) for q in doc.quotes]
    first = "".join(format_lines("jsonl", as_annotated(drafts)))
    again = "".join(format_lines("jsonl", as_annotated(read_all(first.encode("utf-8"), "out.jsonl"))))
    keys = ("text", "spans", "entities", "quotes", "tokens")
    assert spans_only(again, keys) == spans_only(first, keys)
    # A doccano line names no annotator: two people's labels on one span would read back as one
    # person's two (refused) or, alike, as one label. One label per span keeps the round trip exact.
    one_per_span = [
        dataclasses.replace(d, claims=tuple({(c.start, c.end): c for c in reversed(d.claims)}.values()))
        for d in drafts
    ]
    doccano = "".join(format_lines("doccano", as_annotated(one_per_span), with_entities=True))
    doccano_again = "".join(
        format_lines(
            "doccano", as_annotated(read_all(doccano.encode("utf-8"), "d.jsonl")), with_entities=True
        )
    )
    assert doccano_again == doccano
    # doccano's view of that file: labels are JavaScript string slices, in UTF-16 code units.
    for line, draft in zip(doccano.splitlines(), one_per_span, strict=True):
        record = json.loads(line)
        units = record["text"].encode("utf-16-le")
        shown = sorted((units[2 * s : 2 * e].decode("utf-16-le"), label) for s, e, label in record["label"])
        spans = [(c.start, c.end, c.label.value) for c in draft.claims]
        spans += [(e.start, e.end, e.label) for e in draft.entities if e.status != EntityStatus.REJECTED]
        assert shown == sorted((draft.text[s:e], label) for s, e, label in spans)
    check_doccano_input(corpus)


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def check_doccano_input(corpus: list[Doc]) -> None:
    """Lines as doccano exports them (raw, maybe CRLF, text; UTF-16 offsets into it, both span
    layouts) read back to the claims on the same characters."""
    lines = []
    for doc in corpus:
        raw = doc.raw()
        one_per_span = {(c.start, c.end): c for c in doc.claims}.values()
        offsets = [(utf16(raw, doc.raw_offset(c.start)), utf16(raw, doc.raw_offset(c.end)), c.label)
                   for c in one_per_span]  # fmt: skip
        if len(lines) % 2:
            lines.append({"text": raw, "label": [list(o) for o in offsets]})
        else:
            entities = [{"id": i, "start_offset": s, "end_offset": e, "label": label}
                        for i, (s, e, label) in enumerate(offsets)]  # fmt: skip
            lines.append({"text": raw, "entities": entities})
    data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode("utf-8")
    for doc, draft in zip(corpus, read_all(data, "doccano.jsonl"), strict=True):
        assert draft.text == doc.text
        assert sorted((c.start, c.end, c.label.value) for c in draft.claims) == sorted(
            {(c.start, c.end, c.label) for c in {(c.start, c.end): c for c in doc.claims}.values()}
        )


@settings(max_examples=150, deadline=None)
@given(corpora())
def test_jsonl_and_doccano_round_trip(corpus: list[Doc]) -> None:
    check_corpus(corpus)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(corpora(max_size=8))
def test_jsonl_and_doccano_round_trip_long(corpus: list[Doc]) -> None:
    check_corpus(corpus)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_text_files_in_every_encoding_and_newline(tmp_path: Path, encoding: str, newline: str) -> None:
    text = "Title 🎉 中文\n\nعربي e\u0301 — “quote”.\nEnd."
    path = tmp_path / "a.txt"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    [draft] = read_all(path.read_bytes(), str(path))
    assert draft.text == text
    assert draft.encoding == {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}[encoding]


def test_sample_round_trip_with_claims() -> None:
    """The Wikinews sample, labelled, exported and read back: identical claims and entities."""
    drafts = [d for d in read_path(FORMATS / "wikinews-20.jsonl") if isinstance(d, ArticleDraft)]
    labelled = []
    for i, d in enumerate(drafts):
        first = d.text.index("\n\n\n") + 3
        end = d.text.index(".", first) + 1
        labelled.append(
            ArticleDraft(
                text=d.text,
                title=d.title,
                source=d.source,
                meta=d.meta,
                claims=(ClaimDraft(first, end, list(ClaimLabel)[i % 3], annotator="ann"),),
                entities=(Entity(0, d.text.index(","), "DATE", EntityStatus.ACCEPTED),),
                quotes=(  # in export order (start, end), as they come back
                    Quote(first, first + 2, QuoteKind.SCARE),
                    Quote(first, end, QuoteKind.DIRECT, Speaker(0, 3, "Fri")),
                ),
            )
        )
    exported = "".join(format_lines("jsonl", as_annotated(labelled)))
    back = read_all(exported.encode("utf-8"), "x.jsonl")
    assert [(d.text, d.title, d.source, d.claims, d.entities, d.quotes) for d in back] == [
        (d.text, d.title, d.source, d.claims, d.entities, d.quotes) for d in labelled
    ]
    assert back[0].meta["url"] == labelled[0].meta["url"]
    assert back[0].meta["article_id"] == 1
