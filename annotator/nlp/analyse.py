"""Turn texts into `Analysis` objects: one `nlp.pipe` pass, then cheap rules on the result."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from annotator.core.model import Analysis, Entity, EntityStatus, PipelineInfo, Quote
from annotator.core.text import name_extent
from annotator.nlp.candidates import score_sentences, sentence_spans
from annotator.nlp.pipeline import LoadedPipeline
from annotator.nlp.quotes import final_kind, find_quotes
from annotator.nlp.speakers import attribute


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


def analyse_text(text: str, *, pipeline: LoadedPipeline) -> Analysis:
    """Analyse one text; for tests and one-off use (batches are much faster)."""
    return analyse_doc(pipeline.nlp(text), pipeline.info)
