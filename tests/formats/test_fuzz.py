"""Malformed input of every kind: readers answer with drafts or rejections, never an exception."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputFileError
from annotator.core.model import ArticleDraft
from annotator.formats import read_bytes

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
SPAN_VALUES = st.one_of(st.integers(-5, 60), st.text(max_size=3), st.none(), st.booleans(), st.floats())
KEYS = [
    "start",
    "end",
    "label",
    "text",
    "token_start",
    "annotator",
    "note",
    "status",
    "start_offset",
    "end_offset",
]
LABELS = st.sampled_from(["factual", "OPINION", "PERSON", "ORG", "", "weird", None, 3])


@st.composite
def task_lines(draw: st.DrawFn) -> str:
    text = draw(st.text(max_size=40))
    span = st.dictionaries(st.sampled_from(KEYS), SPAN_VALUES | LABELS, max_size=6)
    task: dict[str, object] = {"text": draw(st.one_of(st.just(text), JSON_VALUES))}
    for key in ("spans", "entities", "label", "labels", "meta", "title", "id", "answer", "tokens"):
        if draw(st.booleans()):
            task[key] = draw(
                st.one_of(
                    st.lists(span, max_size=4),
                    st.lists(st.lists(SPAN_VALUES | LABELS, max_size=4), max_size=3),
                    JSON_VALUES,
                )
            )
    line = json.dumps(task, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 4)) == 0:
        cut = draw(st.integers(0, len(line)))
        line = line[:cut] + draw(st.text(max_size=5))
    return line


jsonl_files = st.lists(st.one_of(task_lines(), st.text(max_size=30)), max_size=6).map(
    lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
)
csv_files = st.text(alphabet=st.sampled_from(list("ab ,;\t\"'\r\n\x00é🎉text")), max_size=200).map(
    lambda body: ("text,title\n" + body).encode("utf-8")
)
HTML_BITS = [
    "<html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<div class='entry'>", "</div>",
    "<script>", "</script>", "<!--", "-->", "<![CDATA[", "&amp;", "&#xD800;", "&#0;", "&bogus;", "<br/>",
    "<article>", "</article>", "<meta charset='cp1252'>", "<img src='http://127.0.0.1:9/x'>", "<<", ">>",
    "Some article text that is long enough to count as a paragraph of news. ", "\x00", "é", "中文",
]  # fmt: skip
html_files = st.lists(st.sampled_from(HTML_BITS) | st.text(max_size=10), max_size=40).map(
    lambda bits: "".join(bits).encode("utf-8", "surrogatepass")
)


def check(data: bytes, name: str) -> None:
    for result in read_bytes(data, name):
        assert isinstance(result, ArticleDraft | InputFileError)
        if isinstance(result, ArticleDraft):
            assert result.text.strip()
            assert "\r" not in result.text
            for span in (*result.claims, *result.entities):
                assert 0 <= span.start < span.end <= len(result.text)
        else:
            assert result.path == name
            assert str(result).startswith(name)


CASES = [
    (jsonl_files, "f.jsonl"),
    (csv_files, "f.csv"),
    (csv_files, "f.tsv"),
    (html_files, "f.html"),
    (st.binary(max_size=300), "f.txt"),
    (csv_files.map(lambda data: data.replace(b",", b"\t")), "f.txt"),  # a sheet saved as text
    (st.binary(max_size=300), "f.jsonl"),
    (st.binary(max_size=300), "f.csv"),
    (st.binary(max_size=300), "f.html"),
]


@pytest.mark.parametrize(("strategy", "name"), CASES, ids=[f"{n}-{i}" for i, (_, n) in enumerate(CASES)])
def test_fuzz_never_raises(strategy: st.SearchStrategy[bytes], name: str) -> None:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def run(data: bytes) -> None:
        check(data, name)

    run()


@pytest.mark.slow
@pytest.mark.parametrize(("strategy", "name"), CASES, ids=[f"{n}-{i}" for i, (_, n) in enumerate(CASES)])
def test_fuzz_never_raises_long(strategy: st.SearchStrategy[bytes], name: str) -> None:
    @settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def run(data: bytes) -> None:
        check(data, name)

    run()


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\x00", b"\xfe\xff\xd8\x00", b"\xef\xbb\xbf", b"[" * 100_000, b'{"text": "' + b"[" * 5 + b'"}'],
)
def test_edge_bytes(data: bytes) -> None:
    check(data, "e.jsonl")
    check(data, "e.txt")
