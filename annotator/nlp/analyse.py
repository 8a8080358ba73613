"""Turn texts into `Analysis` objects: one `nlp.pipe` pass, then cheap rules on the result."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from annotator.core.model import Analysis, Entity, EntityStatus, PipelineInfo, Quote
from annotator.core.text import name_extent
from annotator.core.tokens import TokenSpans
from annotator.nlp.candidates import score_sentences, sentence_spans
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.quotes import final_kind, find_quotes
from annotator.nlp.speakers import attribute
from annotator.nlp.tokenizer import doc_tokens, splits_like_export


def analyse_doc(doc: Doc, info: PipelineInfo) -> Analysis:
    """Everything pre-annotation finds in one processed document."""
    model = info.name
    text = doc.text  # rebuilt from every token on each read: read once, handed on
    # A name never crosses a line break (a dateline's DATE swallowed the paragraph break).
    extents = ((name_extent(text, e.start_char, e.end_char), e.label_) for e in doc.ents)
    entities = tuple(
        Entity(start, end, label, EntityStatus.SUGGESTED, model=model)
        for (start, end), label in extents
        if end > start
    )
    spans = find_quotes(text)
    sentences = sentence_spans(doc, text=text)
    attributions = attribute(doc, spans, sentences=sentences, text=text)
    quotes = tuple(
        Quote(
            q.start,
            q.end,
            final_kind(q, attributed=a.speaker is not None, term=a.term),
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
    for doc in pipeline.nlp.pipe(texts, batch_size=batch_size):
        yield analyse_doc(doc, pipeline.info)


def analyse_texts_with_tokens(
    texts: Iterable[str], *, pipeline: LoadedPipeline, batch_size: int = 32
) -> Iterator[tuple[Analysis, TokenSpans | None]]:
    """`analyse_texts`, each analysis with the text's export tokens (`tokenizer.tokenize`).

    The tokens are read from the pipeline's own `Doc` as soon as it is tokenized, when the
    pipeline's tokenizer `splits_like_export`, so pre-annotation need not tokenize every text a
    second time to store its tokens (that was 4% of its time); otherwise they are None.
    """
    nlp = pipeline.nlp
    if not splits_like_export(nlp.tokenizer):
        for analysis in analyse_texts(texts, pipeline=pipeline, batch_size=batch_size):
            yield analysis, None
        return
    tokens: deque[TokenSpans] = deque()

    def docs() -> Iterator[Doc]:
        for text in texts:
            doc = nlp.make_doc(text)  # what `nlp.pipe` does with a text
            tokens.append(doc_tokens(text, doc))
            yield doc

    # `nlp.pipe` returns documents in order, so the tokens queue up in the same order.
    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield analyse_doc(doc, pipeline.info), tokens.popleft()


def analyse_text(text: str, *, pipeline: LoadedPipeline) -> Analysis:
    """Analyse one text; for tests and one-off use (batches are much faster)."""
    return analyse_doc(pipeline.nlp(text), pipeline.info)
