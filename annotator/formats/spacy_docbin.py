"""The `spacy` export: DocBins for `spacy train`, split into train and dev by article.

This is the one module outside `annotator.nlp` that imports spaCy (the import-linter
contract names it): a DocBin can only be written by spaCy. It needs only a blank
vocabulary, never a trained pipeline.

Claims go to `doc.spans["claims"]` (for spancat, which allows overlaps), entities
that were not rejected to `doc.ents` (overlaps resolved longest-first). For textcat,
a second DocBin holds one Doc per sentence containing a claim, with `doc.cats`
set to 1.0 for every label a claim in it carries (textcat_multilabel style).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from annotator.core.model import AnnotatedArticle, ClaimLabel, EntityStatus, Token
from annotator.formats.writers import check_article, context_bounds, simple_tokens, sorted_claims

SPANS_KEY = "claims"
LABELS = tuple(label.value for label in ClaimLabel)


@dataclass(frozen=True)
class DocBinExport:
    """File name -> DocBin bytes, plus which article ids went where (so a split can be reproduced)."""

    files: dict[str, bytes]
    train_ids: tuple[int, ...]
    dev_ids: tuple[int, ...]


def split_ids(ids: Sequence[int], *, dev_ratio: float, seed: int) -> tuple[list[int], list[int]]:
    """Shuffle article ids with `seed`; the first `dev_ratio` of them is dev, at least one of each if >= 2."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    n_dev = round(len(order) * dev_ratio)
    if len(order) >= 2:
        n_dev = min(max(n_dev, 1), len(order) - 1)
    return sorted(order[n_dev:]), sorted(order[:n_dev])


def _words(text: str, tokens: Sequence[Token]) -> tuple[list[str], list[bool]]:
    """spaCy words and spaces that reproduce `text` exactly, filling any gap the tokens leave."""
    words: list[str] = []
    spaces: list[bool] = []

    def fill(gap: str) -> None:
        # One space after a word becomes its trailing space; the rest is a word of its own.
        if gap.startswith(" ") and words and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)

    pos = 0
    for token in sorted(tokens, key=lambda t: t.start):
        if token.start < pos or token.end <= token.start:
            continue
        fill(text[pos : token.start])
        words.append(text[token.start : token.end])
        spaces.append(False)
        pos = token.end
    fill(text[pos:])
    return words, spaces


def article_doc(vocab: spacy.vocab.Vocab, item: AnnotatedArticle) -> Doc:
    text = item.article.text
    words, spaces = _words(text, item.tokens or simple_tokens(text))
    doc = Doc(vocab, words=words, spaces=spaces)
    claims = []
    for c in sorted_claims(item.claims):
        span = doc.char_span(c.start, c.end, label=c.label.value, alignment_mode="expand")
        if span is not None:
            claims.append(span)
    doc.spans[SPANS_KEY] = claims
    ents: list[Span] = []
    for e in item.entities:
        if e.status == EntityStatus.REJECTED:
            continue
        span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
        if span is not None:
            ents.append(span)
    doc.ents = filter_spans(ents)
    doc.user_data["article_id"] = item.article.id
    return doc


def sentence_docs(nlp: spacy.language.Language, item: AnnotatedArticle) -> list[Doc]:
    text = item.article.text
    by_sentence: dict[tuple[int, int], set[str]] = {}
    for c in item.claims:
        by_sentence.setdefault(context_bounds(text, c.start, c.end), set()).add(c.label.value)
    docs = []
    for (start, end), labels in sorted(by_sentence.items()):
        doc = nlp.make_doc(text[start:end])
        doc.cats = {label: 1.0 if label in labels else 0.0 for label in LABELS}
        doc.user_data["article_id"] = item.article.id
        doc.user_data["start"] = start
        docs.append(doc)
    return docs


def build_docbins(
    items: Sequence[AnnotatedArticle], *, dev_ratio: float = 0.2, seed: int = 0, lang: str = "en"
) -> DocBinExport:
    """Serialise articles into train/dev DocBins for spancat/NER and for textcat."""
    for item in items:
        check_article(item)
    nlp = spacy.blank(lang)
    train_ids, dev_ids = split_ids([i.article.id for i in items], dev_ratio=dev_ratio, seed=seed)
    dev = set(dev_ids)
    bins = {name: DocBin(store_user_data=True) for name in ("train", "dev", "textcat_train", "textcat_dev")}
    for item in items:
        part = "dev" if item.article.id in dev else "train"
        bins[part].add(article_doc(nlp.vocab, item))
        for doc in sentence_docs(nlp, item):
            bins[f"textcat_{part}"].add(doc)
    files = {f"{name}.spacy": docbin.to_bytes() for name, docbin in bins.items()}
    return DocBinExport(files=files, train_ids=tuple(train_ids), dev_ids=tuple(dev_ids))


class SplitDocBins:
    """One split's two DocBins (articles for spancat/NER, claim sentences for textcat), filled
    one article at a time, so a release of 10,000 articles never holds them all in memory."""

    def __init__(self, lang: str = "en") -> None:
        self.nlp = spacy.blank(lang)
        self.articles = DocBin(store_user_data=True)
        self.sentences = DocBin(store_user_data=True)

    def add(self, item: AnnotatedArticle) -> None:
        check_article(item)
        self.articles.add(article_doc(self.nlp.vocab, item))
        for doc in sentence_docs(self.nlp, item):
            self.sentences.add(doc)

    def to_bytes(self) -> tuple[bytes, bytes]:
        """(articles, sentences) as DocBin bytes; the same articles give the same bytes (sorted strings)."""
        return self.articles.to_bytes(), self.sentences.to_bytes()
