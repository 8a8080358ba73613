"""Prodigy-style tokens from spaCy's blank English tokenizer, and the name they are stored under.

Exports tokenise with the tokenizer alone (no model: a few MB, not the pipeline), so token
ids match what Prodigy and `spacy train` make of the same text. The project stores the
result per text (`core.tokens.TokenSpans`), keyed by `tokenizer_name()`, which reads the
installed spaCy version without importing spaCy: a warm export never pays for spaCy.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING

from annotator.core.tokens import TokenSpans

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer


@lru_cache(maxsize=1)
def tokenizer_name() -> str:
    """What made stored tokens: a new spaCy release may split text differently, so it is part of the key."""
    try:
        version = metadata.version("spacy")
    except metadata.PackageNotFoundError:  # a frozen bundle without dist-info
        from spacy import about

        version = about.__version__
    return f"spacy {version} blank:en"


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    """The tokenizer `spacy.blank("en")` has, built without the rest of a blank pipeline.

    Same settings, made the way spaCy's own tokenizer factory (`spacy.Tokenizer.v1`) makes
    them from `English.Defaults`, so the tokens are the same (tests/nlp/test_tokenizer.py
    compares both, setting by setting and token by token). Two things are left out because
    they cost time and do not move a token boundary: resolving a pipeline config (30 ms),
    and English lexeme attributes (`like_num`, norms, ...), which spaCy computes for every
    new word and which were a quarter of the time a first tokenization took. Only token
    lengths and spaces are read from it (`_spans`), so its bare vocabulary is never seen.
    """
    from spacy.lang.en import English
    from spacy.tokenizer import Tokenizer as SpacyTokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
    from spacy.vocab import Vocab

    defaults = English.Defaults
    prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
    return SpacyTokenizer(
        Vocab(),
        rules=defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
        suffix_search=compile_suffix_regex(suffixes).search if suffixes else None,
        infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


def _spans(text: str, doc: object) -> TokenSpans:
    from spacy.attrs import LENGTH, SPACY

    # One array per attribute, straight from the Doc: no Python object per token. The text is
    # the one tokenized (spaCy's tokenizer keeps every character): `doc.text` would rebuild it
    # from a Token object per token, which was a third of the time tokenizing took.
    lengths, spaced = doc.to_array([LENGTH, SPACY]).T.tolist()  # type: ignore[attr-defined]
    return TokenSpans(text, lengths, spaced)


def splits_like_export(tokenizer: object) -> bool:
    """True when `tokenizer` is a spaCy tokenizer with the export tokenizer's settings.

    Then it splits every text as `tokenize` does (the settings are all a split depends on, as
    tests/nlp/test_tokenizer.py shows setting by setting), and a pipeline's own `Doc` can give
    the tokens to store without tokenizing the text a second time. The trained English
    pipelines carry the same settings as `spacy.blank("en")`; a pipeline from a folder may not.
    """
    from spacy.tokenizer import Tokenizer as SpacyTokenizer

    if not isinstance(tokenizer, SpacyTokenizer) or type(tokenizer) is not SpacyTokenizer:
        return False  # a subclass may split its own way
    with _lock:
        ours = _tokenizer()

    def pattern(name: str, of: object) -> object:
        bound = getattr(of, name)
        return None if bound is None else getattr(bound, "__self__", bound)

    same_patterns = all(
        pattern(name, tokenizer) == pattern(name, ours)
        for name in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")
    )
    return (
        same_patterns
        and tokenizer.rules == ours.rules
        and tokenizer.faster_heuristics == ours.faster_heuristics
    )


def doc_tokens(text: str, doc: object) -> TokenSpans:
    """The tokens of a freshly tokenized `doc` of `text`, as `tokenize` gives them when the
    tokenizer `splits_like_export` (before any pipeline component could merge or split tokens)."""
    return _spans(text, doc)


def tokenize_texts(texts: Iterable[str]) -> Iterator[TokenSpans]:
    """Tokens of each text, in order, from the blank English tokenizer (loaded once per process)."""
    with _lock:
        tokenizer = _tokenizer()
    for text in texts:  # what `tokenizer.pipe` does, keeping each text beside its Doc
        yield _spans(text, tokenizer(text))


def tokenize(text: str) -> TokenSpans:
    """Split one text into Prodigy-style tokens (a sequence of `Token`)."""
    return next(tokenize_texts([text]))
