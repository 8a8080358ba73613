"""Pre-annotation with spaCy: the only package that imports spaCy (besides the DocBin writer).

Public API: `load_pipeline`, `LoadedPipeline`, `analyse_texts`, `analyse_text`, `analyse_doc`,
`find_quotes`, `tokenize`.
"""

from annotator.nlp.analyse import analyse_doc, analyse_text, analyse_texts
from annotator.nlp.pipeline import (
    DEFAULT_PIPELINES,
    FALLBACK_NAME,
    KNOWN_PIPELINES,
    LoadedPipeline,
    choose_pipeline_folder,
    load_pipeline,
    tokenize,
)
from annotator.nlp.quotes import QuoteSpan, find_quotes

__all__ = [
    "DEFAULT_PIPELINES",
    "FALLBACK_NAME",
    "KNOWN_PIPELINES",
    "LoadedPipeline",
    "QuoteSpan",
    "analyse_doc",
    "analyse_text",
    "analyse_texts",
    "choose_pipeline_folder",
    "find_quotes",
    "load_pipeline",
    "tokenize",
]
