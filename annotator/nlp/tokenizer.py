"""Prodigy-style tokens as spaCy's blank English tokenizer makes them, and the name they are stored under.

Exports need tokens whose ids match what Prodigy and `spacy train` make of the same text: spaCy's
blank English tokenizer. They are made here without spaCy (importing it alone takes 0.45 s): by
`tokenizer_rules.RuleTokenizer`, a port of spaCy's tokenizer algorithm, on blank English's
settings generated from the installed spaCy (`lang/en/tokenizer_data.json`; tests hold both equal
to spaCy, setting by setting and token by token). The project stores the result per text
(`core.tokens.TokenSpans`), keyed by `tokenizer_name()`: the spaCy release the settings come from,
since a new release may split text differently.

Pre-annotation has spaCy loaded anyway: when the pipeline's tokenizer has exactly these settings
(`splits_like_export`), its own `Doc` gives the tokens (`doc_tokens`) without a second tokenization.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from annotator.core.tokens import TokenSpans
from annotator.nlp.tokenizer_rules import RuleTokenizer

DATA = Path(__file__).resolve().parent / "lang" / "en" / "tokenizer_data.json"
CODE = DATA.with_name("tokenizer_code.json")


@lru_cache(maxsize=1)
def language_data() -> Mapping[str, Any]:
    """Blank English's tokenizer settings, as `lang/en/make_tokenizer_data.py` wrote them."""
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def tokenizer_name() -> str:
    """What made stored tokens: a new spaCy release may split text differently, so it is part of the key."""
    return f"spacy {language_data()['spacy_version']} blank:en"


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer() -> RuleTokenizer:
    """The export tokenizer, built once per process (2 ms; compiling its patterns would take 26 ms)."""
    data = language_data()
    return RuleTokenizer(data, compiled_patterns(data))


def compiled_patterns(data: Mapping[str, Any]) -> dict[str, re.Pattern[str]]:
    """The data's patterns, made from the regular-expression engine's code kept in
    `lang/en/tokenizer_code.json` (`make_tokenizer_data.compiled_patterns` says why), when that
    code was made by this Python's engine (minor version, engine magic, code size) for these very
    patterns; none otherwise, and the tokenizer compiles them (the same patterns, 26 ms).

    `_sre.compile` is the standard library's own last step of `re.compile`: it checks the code it
    is given, and `tests/nlp/test_tokenizer_data.py` holds each pattern made here equal to
    `re.compile`'s (pattern objects compare their code).
    """
    try:
        import _sre  # type: ignore[import-not-found]  # CPython's regular-expression engine

        stored = json.loads(CODE.read_text(encoding="utf-8"))
        if (stored["python"], stored["sre_magic"], stored["codesize"]) != (
            "{}.{}".format(*sys.version_info[:2]),
            _sre.MAGIC,
            _sre.CODESIZE,
        ):
            return {}
        made: dict[str, re.Pattern[str]] = {}
        for key, entry in stored["patterns"].items():
            source = data.get(key)
            if (
                not isinstance(source, str)
                or hashlib.sha256(source.encode("utf-8")).hexdigest() != entry["sha256"]
            ):
                continue
            made[key] = _sre.compile(
                source,
                entry["flags"],
                entry["code"],
                entry["groups"] - 1,
                entry["groupindex"],
                tuple(entry["indexgroup"]),
            )
        return made
    except (ImportError, OSError, ValueError, KeyError, TypeError, RuntimeError):
        return {}  # no such engine, no file, or not this file's shape: compile instead


def splits_like_export(tokenizer: object) -> bool:
    """True when `tokenizer` is a spaCy tokenizer with exactly the export tokenizer's settings.

    Then it splits every text as `tokenize` does (the settings are all a split depends on), and a
    pipeline's own `Doc` can give the tokens to store without tokenizing the text a second time.
    The trained English pipelines carry the same settings as `spacy.blank("en")`; a pipeline
    from a folder may not.
    """
    from spacy.attrs import ORTH
    from spacy.tokenizer import Tokenizer as SpacyTokenizer

    if not isinstance(tokenizer, SpacyTokenizer) or type(tokenizer) is not SpacyTokenizer:
        return False  # a subclass may split its own way
    data = language_data()

    def source(name: str) -> object:
        bound = getattr(tokenizer, name)
        return None if bound is None else getattr(getattr(bound, "__self__", None), "pattern", bound)

    # spaCy calls `search` for prefixes and suffixes, `finditer` for infixes, `match` otherwise.
    methods = {
        "prefix_search": ("prefix", "search"),
        "suffix_search": ("suffix", "search"),
        "infix_finditer": ("infix", "finditer"),
        "token_match": ("token_match", "match"),
        "url_match": ("url_match", "match"),
    }
    for name, (key, method) in methods.items():
        bound = getattr(tokenizer, name)
        if source(name) != data[key] or (bound is not None and getattr(bound, "__name__", None) != method):
            return False
    rules = {
        string: [str(piece.get(ORTH, piece.get("ORTH"))) for piece in pieces]
        for string, pieces in tokenizer.rules.items()
    }
    return bool(
        rules == data["special_cases"] and bool(tokenizer.faster_heuristics) == data["faster_heuristics"]
    )


def doc_tokens(text: str, doc: object) -> TokenSpans:
    """The tokens of a freshly tokenized `doc` of `text`, as `tokenize` gives them when the
    tokenizer `splits_like_export` (before any pipeline component could merge or split tokens)."""
    from spacy.attrs import LENGTH, SPACY

    # One array per attribute, straight from the Doc: no Python object per token. The text is
    # the one tokenized (spaCy's tokenizer keeps every character): `doc.text` would rebuild it
    # from a Token object per token.
    lengths, spaced = doc.to_array([LENGTH, SPACY]).reshape(-1, 2).T.tolist()  # type: ignore[attr-defined]
    return TokenSpans(text, lengths, spaced)


def tokenize_texts(texts: Iterable[str]) -> Iterator[TokenSpans]:
    """Tokens of each text, in order, as spaCy's blank English tokenizer splits them."""
    with _lock:
        tokenizer = _tokenizer()
    for text in texts:
        yield tokenizer.spans(text)


def tokenize(text: str) -> TokenSpans:
    """Split one text into Prodigy-style tokens (a sequence of `Token`)."""
    return next(tokenize_texts([text]))
