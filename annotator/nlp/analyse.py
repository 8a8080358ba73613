"""Turn texts into `Analysis` objects: one `nlp.pipe` pass, then cheap rules on the result."""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TypeVar

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from annotator.core.model import Analysis, ClaimCandidate, Entity, EntityStatus, PipelineInfo, Quote, Speaker
from annotator.core.name_extent import name_extent
from annotator.core.tokens import TokenSpans
from annotator.nlp.candidates import score_sentences, sentence_spans
from annotator.nlp.confidence import shown_entities
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.quotes import final_kind, find_quotes
from annotator.nlp.speakers import Attribution, attribute
from annotator.nlp.tokenizer import doc_tokens, splits_like_export

log = logging.getLogger(__name__)

_Span = TypeVar("_Span", Entity, Quote, ClaimCandidate, Speaker)


def analyse_doc(doc: Doc, info: PipelineInfo, *, text: str | None = None) -> Analysis:
    """Everything pre-annotation finds in one processed document.

    `text` is the text the document was made of, when the caller has it: `doc.text` is rebuilt
    from a Python object per token on every read, so it is read at most once and handed on.
    """
    model = info.name
    if text is None:
        text = doc.text
    # A name never crosses a line break (a dateline's DATE swallowed the paragraph break).
    extents = ((name_extent(text, e.start_char, e.end_char), e.label_) for e in shown_entities(doc))
    entities = tuple(
        Entity(start, end, label, EntityStatus.SUGGESTED, model=model)
        for (start, end), label in extents
        if end > start
    )
    spans = find_quotes(text)
    sentences = sentence_spans(doc, text=text)
    try:
        attributions = attribute(doc, spans, sentences=sentences, text=text)
    except Exception:  # one text's quotations without speakers, not a whole import stopped
        log.exception("the speaker rules failed on a text of %d tokens; its quotations have none", len(doc))
        attributions = [Attribution(None) for _ in spans]
    quotes = tuple(
        Quote(
            q.start,
            q.end,
            final_kind(q, attributed=a.speaker is not None or a.unnamed, term=a.term),
            a.speaker,
            model=model,
        )
        for q, a in zip(spans, attributions, strict=True)
    )
    candidates = score_sentences(
        doc, sentences, model=model, quotes=[(q.start, q.end) for q in spans], text=text
    )
    return Analysis(
        pipeline=info,
        entities=entities,
        quotes=quotes,
        candidates=tuple(candidates),
        sentences=tuple(sentences),
    )


PIECE_CHARS = 100_000
"""The longest text analysed as one document; a longer one is analysed in pieces of at most this,
cut after a line break (else a space). spaCy refuses a text over a million characters (`nlp.
max_length`), which an article may hold (`core.limits.MAX_TEXT_CHARS`): pre-annotating one was an
internal error. News articles are a few thousand characters: they are never cut."""

LONGEST_MARKS = 100
"""The longest run of marks (characters neither letters, digits nor space, and `_`) analysed.
spaCy's tokenizer cuts such a run one mark a round, copying the rest each time: 1,000 `=` took
it 0.2 s, 4,000 took 3.4 s, 8,000 took 14 s, a million would take days, so a crafted file or a
broken page held pre-annotation there. Even a run of 100 costs it about 2 ms, so a file of
such runs still takes time, but time that grows with its length. No name, quotation or
sentence is made of marks, so a longer run is left out of the analysis; the text around it is
analysed. Runs of letters (a page of Chinese has no spaces) cost spaCy nothing like this."""

_LONG_RUN = re.compile(rf"(?:_|[^\w\s]){{{LONGEST_MARKS + 1},}}")


def analysis_pieces(text: str) -> list[tuple[int, int]]:
    """Where each document of a text's analysis starts and ends: the whole text, nearly always.

    Runs of marks over `LONGEST_MARKS` are left out, and what is left is cut into pieces of at most
    `PIECE_CHARS` (`_cut`). Never empty: a text that is only such runs is one empty piece.
    """
    if len(text) <= PIECE_CHARS and _LONG_RUN.search(text) is None:
        return [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    start = 0
    for run in _LONG_RUN.finditer(text):
        pieces.extend(_cut(text, start, run.start()))
        start = run.end()
    pieces.extend(_cut(text, start, len(text)))
    return [piece for piece in pieces if not text[piece[0] : piece[1]].isspace()] or [(0, 0)]


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """`text[start:end]` in pieces of at most `PIECE_CHARS`, each ending after the last line break
    in its second half, else after the last space there, else (a page of Chinese) anywhere."""
    while end - start > PIECE_CHARS:
        half, limit = start + PIECE_CHARS // 2, start + PIECE_CHARS
        cut = text.rfind("\n", half, limit)
        if cut < 0:
            cut = max(text.rfind(space, half, limit) for space in (" ", "\t", "\r", "\u00a0", "\u3000"))
        cut = limit - 1 if cut < 0 else cut
        yield start, cut + 1
        start = cut + 1
    if end > start:
        yield start, end


def _joined(info: PipelineInfo, parts: list[tuple[int, Analysis]]) -> Analysis:
    """One text's analysis from its pieces' (each with where its piece starts): offsets moved."""

    def moved(spans: Iterable[_Span], offset: int) -> Iterator[_Span]:
        return (replace(span, start=span.start + offset, end=span.end + offset) for span in spans)

    return Analysis(
        pipeline=info,
        entities=tuple(e for offset, part in parts for e in moved(part.entities, offset)),
        quotes=tuple(
            replace(q, speaker=None if q.speaker is None else next(moved([q.speaker], offset)))
            for offset, part in parts
            for q in moved(part.quotes, offset)
        ),
        candidates=tuple(c for offset, part in parts for c in moved(part.candidates, offset)),
        sentences=tuple((s + offset, e + offset) for offset, part in parts for s, e in part.sentences),
    )


def analyse_texts(
    texts: Iterable[str], *, pipeline: LoadedPipeline, batch_size: int = 32
) -> Iterator[Analysis]:
    """Analyse texts lazily in order, batching them through `nlp.pipe`."""
    for analysis, _ in _analysed(texts, pipeline=pipeline, batch_size=batch_size, tokens=False):
        yield analysis


def analyse_texts_with_tokens(
    texts: Iterable[str],
    *,
    pipeline: LoadedPipeline,
    batch_size: int = 32,
    batch_chars: int | None = None,
    on_part: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[Analysis, TokenSpans | None]]:
    """`analyse_texts`, each analysis with the text's export tokens (`tokenizer.tokenize`).

    The tokens are read from the pipeline's own `Doc` as soon as it is tokenized, when the
    pipeline's tokenizer `splits_like_export`, so pre-annotation need not tokenize every text a
    second time to store its tokens (that was 4% of its time); otherwise they are None.
    `batch_chars` caps a batch's characters as well as its texts (`_batches`). `on_part(done,
    parts)` hears of each piece of a text analysed in pieces (`analysis_pieces`): such a text
    takes minutes, and a progress counted in texts stood still all that time.
    """
    yield from _analysed(
        texts, pipeline=pipeline, batch_size=batch_size, tokens=True, batch_chars=batch_chars, on_part=on_part
    )


def _analysed(
    texts: Iterable[str],
    *,
    pipeline: LoadedPipeline,
    batch_size: int,
    tokens: bool,
    batch_chars: int | None = None,
    on_part: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[Analysis, TokenSpans | None]]:
    """Each text's analysis (and tokens, when asked for), its pieces (`analysis_pieces`) going
    through `_pipe` as texts of their own. A text in pieces has no tokens from them: the
    tokens of a piece are not those of the text around it (export tokenizes such a text)."""
    info = pipeline.info
    waiting: deque[tuple[str, list[tuple[int, int]]]] = deque()

    def pieces() -> Iterator[str]:
        for text in texts:
            bounds = analysis_pieces(text)
            waiting.append((text, bounds))
            whole = bounds == [(0, len(text))]
            for start, end in bounds:
                yield text if whole else text[start:end]

    documents = _pipe(
        pieces(), pipeline=pipeline, batch_size=batch_size, tokens=tokens, batch_chars=batch_chars
    )
    for doc, piece, spans in documents:
        # `pieces` queued this text before its first piece reached `nlp.pipe`.
        text, bounds = waiting.popleft()
        if bounds == [(0, len(text))]:
            yield analyse_doc(doc, info, text=piece), spans
            continue
        parts = [(bounds[0][0], analyse_doc(doc, info, text=piece))]
        if on_part is not None:
            on_part(1, len(bounds))
        for start, _ in bounds[1:]:
            doc, piece, _ = next(documents)
            parts.append((start, analyse_doc(doc, info, text=piece)))
            if on_part is not None:
                on_part(len(parts), len(bounds))
        log.info("analysed a text of %d characters in %d pieces", len(text), len(bounds))
        yield _joined(info, parts), None


def _pipe(
    texts: Iterable[str],
    *,
    pipeline: LoadedPipeline,
    batch_size: int,
    tokens: bool,
    batch_chars: int | None = None,
) -> Iterator[tuple[Doc, str, TokenSpans | None]]:
    """`nlp.pipe` over texts, each processed `Doc` with its text and (when asked for, and the
    tokenizer `splits_like_export`) its export tokens, read before any component ran."""
    nlp = pipeline.nlp
    if not isinstance(nlp.tokenizer, Tokenizer):
        # Another kind of tokenizer may not keep every character: its `doc.text` is the text.
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield doc, doc.text, None
        return
    tokens = tokens and splits_like_export(nlp.tokenizer)
    made: deque[tuple[str, TokenSpans | None]] = deque()

    def docs(batch: Iterable[str]) -> Iterator[Doc]:
        for text in batch:
            doc = nlp.make_doc(text)  # what `nlp.pipe` does with a text
            made.append((text, doc_tokens(text, doc) if tokens else None))
            yield doc

    # spaCy's tokenizer keeps every character (`doc.text == text`), and `nlp.pipe` returns the
    # documents in order, so each text and its tokens wait in the queue for their document.
    if batch_chars is None:
        batches: Iterable[Iterable[str]] = [texts]
    else:
        batches = _batches(texts, size=batch_size, chars=batch_chars)
    for batch in batches:
        for doc in nlp.pipe(docs(batch), batch_size=batch_size):
            text, spans = made.popleft()
            yield doc, text, spans


def _batches(texts: Iterable[str], *, size: int, chars: int) -> Iterator[list[str]]:
    """Texts in order, in batches of at most `size` texts and `chars` characters (a longer text
    is a batch of its own). The parser's and recogniser's memory grows with a batch's length:
    a cap in characters lets short news articles go through in large batches, which the model
    runs faster, while a few long ones never sit in memory together."""
    batch: list[str] = []
    total = 0
    for text in texts:
        if batch and (len(batch) >= size or total + len(text) > chars):
            yield batch
            batch, total = [], 0
        batch.append(text)
        total += len(text)
    if batch:
        yield batch


def analyse_text(text: str, *, pipeline: LoadedPipeline) -> Analysis:
    """Analyse one text; for tests and one-off use (batches are much faster)."""
    return next(analyse_texts([text], pipeline=pipeline))
