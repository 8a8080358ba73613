"""Turn texts into `Analysis` objects: one `nlp.pipe` pass, then cheap rules on the result."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from annotator.core.model import Analysis, Entity, EntityStatus, PipelineInfo, Quote
from annotator.core.text import name_extent
from annotator.core.tokens import TokenSpans
from annotator.nlp.candidates import score_sentences, sentence_spans
from annotator.nlp.confidence import shown_entities
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.quotes import final_kind, find_quotes
from annotator.nlp.speakers import Attribution, attribute
from annotator.nlp.tokenizer import doc_tokens, splits_like_export

log = logging.getLogger(__name__)


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


def analyse_texts(
    texts: Iterable[str], *, pipeline: LoadedPipeline, batch_size: int = 32
) -> Iterator[Analysis]:
    """Analyse texts lazily in order, batching them through `nlp.pipe`."""
    for doc, text, _ in _pipe(texts, pipeline=pipeline, batch_size=batch_size, tokens=False):
        yield analyse_doc(doc, pipeline.info, text=text)


def analyse_texts_with_tokens(
    texts: Iterable[str], *, pipeline: LoadedPipeline, batch_size: int = 32, batch_chars: int | None = None
) -> Iterator[tuple[Analysis, TokenSpans | None]]:
    """`analyse_texts`, each analysis with the text's export tokens (`tokenizer.tokenize`).

    The tokens are read from the pipeline's own `Doc` as soon as it is tokenized, when the
    pipeline's tokenizer `splits_like_export`, so pre-annotation need not tokenize every text a
    second time to store its tokens (that was 4% of its time); otherwise they are None.
    `batch_chars` caps a batch's characters as well as its texts (`_batches`).
    """
    for doc, text, tokens in _pipe(
        texts, pipeline=pipeline, batch_size=batch_size, tokens=True, batch_chars=batch_chars
    ):
        yield analyse_doc(doc, pipeline.info, text=text), tokens


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
    return analyse_doc(pipeline.nlp(text), pipeline.info)
