"""Pre-annotation with spaCy: the only package that imports spaCy (besides the DocBin writer).

Public API: `load_pipeline`, `LoadedPipeline`, `choose_pipeline_folder`, `KNOWN_PIPELINES`,
`analyse_texts`, `analyse_text`, `analyse_doc`, `find_quotes`, `tokenize`, `tokenize_texts`,
`tokenizer_name`.

Names load on first use (PEP 562): importing `annotator.nlp.tokenizer` to learn the stored
tokens' key, or the package to type a signature, must not import spaCy (about 1 s and 60 MB).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.nlp.analyse import analyse_doc, analyse_text, analyse_texts
    from annotator.nlp.packages import DEFAULT_PIPELINES, KNOWN_PIPELINES
    from annotator.nlp.pipeline import FALLBACK_NAME, LoadedPipeline, choose_pipeline_folder, load_pipeline
    from annotator.nlp.quotes import QuoteSpan, find_quotes
    from annotator.nlp.tokenizer import tokenize, tokenize_texts, tokenizer_name

_WHERE = {
    "analyse_doc": "analyse",
    "analyse_text": "analyse",
    "analyse_texts": "analyse",
    "DEFAULT_PIPELINES": "packages",
    "FALLBACK_NAME": "pipeline",
    "KNOWN_PIPELINES": "packages",
    "LoadedPipeline": "pipeline",
    "choose_pipeline_folder": "pipeline",
    "load_pipeline": "pipeline",
    "QuoteSpan": "quotes",
    "find_quotes": "quotes",
    "tokenize": "tokenizer",
    "tokenize_texts": "tokenizer",
    "tokenizer_name": "tokenizer",
}

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
    "tokenize_texts",
    "tokenizer_name",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
