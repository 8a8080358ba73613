"""Fuzz every importer: arbitrary bytes never crash an import, and HTML never touches the network.

Readers promise to yield an `ArticleDraft` or an `InputFileError` for any input and never
raise; the import service promises an `AnnotatorError` (a message for the user) or a
result. Drafts that come out must be importable as they are: normalised text, spans
inside it. The default run tries a few hundred inputs per format; `make reliability`
(marker `slow`) tries 10,000 per format.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, InputFileError
from annotator.core.model import ArticleDraft, ClaimLabel
from annotator.core.text import check_span, normalize_text
from annotator.formats.readers import SUPPORTED_EXTENSIONS, read_bytes
from annotator.services.importing import import_paths
from annotator.services.project import open_project

SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


DEFAULT = 100
SLOW = 10_000
EXTENSIONS = sorted(SUPPORTED_EXTENSIONS)
# One extension per reader (.htm, .ndjson and .markdown share code with these).
READERS = [".txt", ".md", ".html", ".jsonl", ".csv", ".tsv"]

# -- inputs -------------------------------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=300) | st.sampled_from(
    ["", "\ufeff", "\r\n\r\n", "Title\r\n\r\nBody “quoted” 👩‍👩‍👧 e\u0301.", "\x00", "<p>", "a,b\n1"]
)
offsets = st.one_of(
    st.integers(-3, 400), st.none(), st.floats(allow_nan=True), st.text(max_size=3), st.booleans()
)
labels = st.sampled_from([*[label.value for label in ClaimLabel], "PERSON", "ORG", "", "bogus"]) | st.text(
    max_size=5
)
json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
json_any = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
)
span = st.fixed_dictionaries(
    {},
    optional={
        "start": offsets,
        "end": offsets,
        "label": labels,
        "text": st.text(max_size=10),
        "annotator": json_leaf,
        "note": json_leaf,
        "status": st.sampled_from(["accepted", "rejected", "added", "suggested", "x"]),
        "start_offset": offsets,
        "end_offset": offsets,
    },
)
task = st.fixed_dictionaries(
    {},
    optional={
        "text": texts | json_any,
        "title": json_leaf,
        "source": json_leaf,
        "meta": json_any,
        "id": json_leaf,
        "spans": st.lists(span, max_size=4) | json_any,
        "entities": st.lists(span, max_size=3) | st.lists(st.tuples(offsets, offsets, labels), max_size=3),
        "label": st.lists(st.tuples(offsets, offsets, labels), max_size=3) | json_any,
        "labels": st.lists(st.tuples(offsets, offsets, labels), max_size=3),
        "answer": st.sampled_from(["accept", "reject", "ignore", None]),
        "tokens": json_any,
    },
)


def _jsonl(objs: list[Any], crlf: bool) -> str:
    return ("\r\n" if crlf else "\n").join(json.dumps(o, ensure_ascii=False) for o in objs)


jsonl_docs = st.builds(_jsonl, st.lists(task | json_any, max_size=5), st.booleans())
csv_docs = st.lists(
    st.lists(texts | st.sampled_from(["text", "title", "label", '"', '""x"', "\t"]), min_size=1, max_size=4),
    max_size=6,
).map(lambda rows: "\n".join(",".join(row) for row in rows))
html_docs = st.builds(
    lambda title, body, extra: (
        f"<html><head><title>{title}</title></head><body>{extra}<article><p>{body}</p>"
        f"<p>{body}</p></article></body></html>"
    ),
    texts,
    texts,
    st.sampled_from(
        ["", "<script>fetch('http://example.com')</script>", "<table><tr><td>x", "<!--", "<p><b>"]
    ),
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])


@st.composite
def file_bytes(draw: st.DrawFn, extension: str) -> bytes:
    structured = {".jsonl": jsonl_docs, ".ndjson": jsonl_docs, ".csv": csv_docs, ".tsv": csv_docs}
    source = structured.get(extension, html_docs if extension in {".html", ".htm"} else texts)
    kind = draw(st.sampled_from(["bytes", "text", "structured", "structured"]))
    if kind == "bytes":
        return draw(st.binary(max_size=600))
    doc = draw(source if kind == "structured" else texts)
    if extension == ".tsv":
        doc = doc.replace(",", "\t")
    return doc.encode(draw(encodings), errors="replace")


# -- checks -------------------------------------------------------------------------------------


def _check_results(results: list[object]) -> None:
    for result in results:
        assert isinstance(result, ArticleDraft | InputFileError), type(result)
        if isinstance(result, InputFileError):
            assert str(result).strip()
            continue
        # The store normalises again on import; a draft that is not already normal would shift its spans.
        assert result.text == normalize_text(result.text), f"not normalised: {result.text[:20]!r}"
        for claim in result.claims:
            check_span(result.text, claim.start, claim.end)
            assert isinstance(claim.label, ClaimLabel)
        for entity in result.entities:
            check_span(result.text, entity.start, entity.end)


def _fuzz_reader(extension: str, examples: int) -> None:
    @fuzz_settings(examples)
    @given(data=file_bytes(extension))
    def run(data: bytes) -> None:
        with no_network():
            results = list(read_bytes(data, f"fuzz{extension}"))
            _check_results(results)

    run()


@pytest.mark.parametrize("extension", [".csv", ".tsv"])
def test_csv_text_cell_starting_with_bom(extension: str) -> None:
    _check_results(list(read_bytes(b"text\n\xef\xbb\xbfBody", f"x{extension}")))


def test_every_extension_has_a_fuzzed_reader() -> None:
    aliases = {".htm": ".html", ".ndjson": ".jsonl", ".markdown": ".md"}
    assert {aliases.get(e, e) for e in EXTENSIONS} == set(READERS), "a new format needs fuzzing here"


@pytest.mark.parametrize("extension", READERS)
def test_readers_never_raise(extension: str) -> None:
    _fuzz_reader(extension, DEFAULT)


@pytest.mark.slow
@pytest.mark.parametrize("extension", READERS)
def test_readers_never_raise_10000(extension: str) -> None:
    _fuzz_reader(extension, SLOW)


def _fuzz_import_service(examples: int) -> None:
    """Files on disk through `import_paths` into a real project: an AnnotatorError or a result."""

    @fuzz_settings(examples)
    @given(data=st.data(), extension=st.sampled_from(EXTENSIONS), skip_bad=st.booleans())
    def run(data: st.DataObject, extension: str, skip_bad: bool) -> None:
        content = data.draw(file_bytes(extension))
        with tempfile.TemporaryDirectory(dir=SCRATCH) as folder, no_network():
            file = Path(folder) / f"input{extension}"
            file.write_bytes(content)
            with open_project(Path(folder) / "p.db") as project:
                try:
                    result = import_paths(
                        project, [file], skip_bad=skip_bad, report_path=Path(folder) / "r.tsv"
                    )
                except AnnotatorError as exc:
                    assert str(exc).strip()
                    assert project.article_count() == 0, "a refused import must leave nothing behind"
                    return
                assert project.article_count() == len(result.added)
                for article_id in result.added:
                    annotated = project.annotated(article_id)
                    for claim in annotated.claims:
                        check_span(annotated.article.text, claim.start, claim.end)
                assert project.integrity_check() == "ok"

    run()


def test_import_service_never_crashes() -> None:
    _fuzz_import_service(DEFAULT // 2)


@pytest.mark.slow
def test_import_service_never_crashes_long() -> None:
    _fuzz_import_service(2_000)


# -- the network guard --------------------------------------------------------------------------


class NetworkAttemptError(AssertionError):
    pass


@contextmanager
def no_network() -> Iterator[list[str]]:
    """Fail on any attempt to resolve a name or open a connection; yields the attempts seen.

    Attempts are recorded as well as raised, so a library that swallows the exception
    still fails the test.
    """
    attempts: list[str] = []

    def refuse(what: str) -> Any:
        def guard(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise NetworkAttemptError(f"network access during import: {what}{args}")

        return guard

    patched = [
        (socket.socket, "connect"),
        (socket.socket, "connect_ex"),
        (socket.socket, "sendto"),
        (socket, "create_connection"),
        (socket, "getaddrinfo"),
        (socket, "gethostbyname"),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name in patched]
    for owner, name in patched:
        label = f"socket.{name}" if owner is socket.socket else name
        setattr(owner, name, refuse(label))
    try:
        yield attempts
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
    assert not attempts, f"import opened the network: {attempts}"


HOSTILE_HTML = """<!doctype html><html><head>
<base href="http://example.com/">
<title>Council votes on budget</title>
<meta http-equiv="refresh" content="0; url=http://example.com/next">
<link rel="stylesheet" href="http://example.com/style.css">
<link rel="canonical" href="https://example.com/story">
<script src="https://example.com/tracker.js"></script>
<script>fetch("http://example.com/beacon"); new Image().src = "http://example.com/px.gif";</script>
</head><body>
<iframe src="http://example.com/frame"></iframe>
<article><h1>Council votes on budget</h1>
<p>The council said on Monday that spending rose 5% last year, <img src="http://example.com/a.png">
according to figures it published. Critics called the figures “misleading”.</p>
<p><a href="http://example.com/more">More</a> coverage follows. 北京 👩‍👩‍👧 e\u0301.</p>
<object data="http://example.com/x.swf"></object><video src="http://example.com/v.mp4"></video>
</article></body></html>"""


def test_html_import_opens_no_connection(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(HOSTILE_HTML, encoding="utf-8")
    with no_network():
        results = list(read_bytes(page.read_bytes(), page))
        _check_results(results)
        assert any(isinstance(r, ArticleDraft) and "council" in r.text.lower() for r in results), results
        with open_project(tmp_path / "p.db") as project:
            result = import_paths(project, [page])
            assert len(result.added) == 1


def test_network_guard_catches_a_connection() -> None:
    """The guard itself must be able to fail, even when the caller swallows the error."""
    # The inner suppress plays a library that hides the failure.
    with (
        pytest.raises(AssertionError, match="opened the network"),
        no_network(),
        contextlib.suppress(NetworkAttemptError),
    ):
        socket.create_connection(("example.com", 80), timeout=0.01)
