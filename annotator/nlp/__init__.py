"""Pre-annotation with spaCy: the only package that imports spaCy (besides the DocBin writer).

Public API: `load_pipeline`, `LoadedPipeline`, `analyse_texts`, `analyse_text`, `analyse_doc`,
`find_quotes`, `tokenize`.
"""

from annotator.nlp.analyse import analyse_doc, analyse_text, analyse_texts
from annotator.nlp.pipeline import DEFAULT_PIPELINES, FALLBACK_NAME, LoadedPipeline, load_pipeline, tokenize
from annotator.nlp.quotes import QuoteSpan, find_quotes

__all__ = [
    "DEFAULT_PIPELINES",
    "FALLBACK_NAME",
    "LoadedPipeline",
    "QuoteSpan",
    "analyse_doc",
    "analyse_text",
    "analyse_texts",
    "find_quotes",
    "load_pipeline",
    "tokenize",
]
