"""The `spacy` export: DocBins for `spacy train`, split into train and dev by article.

This is the one module outside `annotator.nlp` that imports spaCy (the import-linter
contract names it): a DocBin can only be written by spaCy. It needs only a blank
vocabulary, never a trained pipeline.

Claims go to `doc.spans["claims"]` (for spancat, which allows overlaps), entities
that were not rejected to `doc.ents`, where no token may be in two: of entities sharing a
token, a person's (accepted or added) is kept before a suggestion nobody decided, then the
longer, then the earlier, then the first listed (`kept_entities`). Spans are whole tokens: a
token of Chinese or Japanese text is cut where a span begins or ends inside it
(`formats.tokens.split_at_span_edges`, as the JSONL tasks' tokens are); elsewhere a span cut
inside a word is widened to it. For textcat, a second DocBin holds one Doc per sentence
containing a claim, with `doc.cats` set to 1.0 for every label a claim in it carries
(textcat_multilabel style).
"""

from __future__ import annotations

import random
import struct
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import Any

import numpy
import spacy
import srsly
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc, DocBin, Span

from annotator.core.model import AnnotatedArticle, ClaimLabel, Entity, EntityStatus
from annotator.formats.tokens import article_words, span_bounds
from annotator.formats.writers import check_article, context_bounds, sorted_claims

SPANS_KEY = "claims"
LABELS = tuple(label.value for label in ClaimLabel)


@dataclass(frozen=True)
class WidenedClaim:
    """A claim that started or ended inside a word, and the whole words it was exported as.

    spaCy spans are whole tokens, so such a claim is widened ("one sai" -> "one said"); the
    person exporting is told, since a claim cut short by a slip of the mouse goes out changed.
    """

    article_id: int
    title: str
    original: str
    exported: str
    """Empty for a claim of white space alone, which is left out (`blank_claim`)."""


def blank_claim(text: str, start: int, end: int) -> bool:
    """A claim of white space alone (a doccano selection of the gap between two sentences).

    It has no word to be a span of: in `doc.spans` it was an empty span, or a span of a space
    token, and `spacy debug data` stopped on the empty one ("math domain error"); in the textcat
    files it labelled the sentence around it. It is left out of the DocBins, and said so.
    """
    return text[start:end].isspace()


@dataclass(frozen=True)
class DocBinExport:
    """File name -> DocBin bytes, plus which article ids went where (so a split can be reproduced)."""

    files: dict[str, bytes]
    train_ids: tuple[int, ...]
    dev_ids: tuple[int, ...]
    widened: tuple[WidenedClaim, ...] = ()
    """Claims exported wider than labelled, or left out as white space alone, in the order written."""


def split_ids(ids: Sequence[int], *, dev_ratio: float, seed: int) -> tuple[list[int], list[int]]:
    """Shuffle article ids with `seed`; the first `dev_ratio` of them is dev, at least one of each if >= 2."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    n_dev = round(len(order) * dev_ratio)
    if len(order) >= 2:
        n_dev = min(max(n_dev, 1), len(order) - 1)
    return sorted(order[n_dev:]), sorted(order[:n_dev])


def kept_entities(spans: Sequence[tuple[int, int, bool]]) -> list[int]:
    """The indices of the entity spans (first token, end token, a person's) `doc.ents` keeps,
    in the order they start.

    A token is in one entity at most. A person's entity goes before a suggestion nobody
    decided, then the longer before the shorter, then the earlier, then the first listed.
    Longest first alone (spaCy's `filter_spans`) dropped "Smith", added as PERSON, for the
    suggested ORG "John Smith Foundation" around it, and a span a person corrected to a
    shorter one for the suggestion they corrected: NER was trained on the model's guess
    over the person's judgement. A span is checked token by token, since a suggestion
    after a shorter person's entity may hold it whole.
    """
    order = sorted(range(len(spans)), key=lambda i: (not spans[i][2], spans[i][0] - spans[i][1], spans[i][0]))
    kept: list[int] = []
    seen: set[int] = set()
    for i in order:
        first, end, _ = spans[i]
        if seen.isdisjoint(range(first, end)):
            kept.append(i)
            seen.update(range(first, end))
    return sorted(kept, key=lambda i: spans[i][0])


def decided_by_a_person(entity: Entity) -> bool:
    """Whether a person accepted or added the entity: it is kept before an overlapping suggestion."""
    return entity.status in (EntityStatus.ACCEPTED, EntityStatus.ADDED)


def article_doc(
    vocab: spacy.vocab.Vocab, item: AnnotatedArticle, *, widened: list[WidenedClaim] | None = None
) -> Doc:
    """The article as a Doc with its claims and entities; claims made wider go into `widened`."""
    return _article_doc(vocab, item, *article_words(item), widened=widened)


def _article_doc(
    vocab: spacy.vocab.Vocab,
    item: AnnotatedArticle,
    words: list[str],
    spaces: list[bool],
    *,
    widened: list[WidenedClaim] | None = None,
) -> Doc:
    doc = Doc(vocab, words=words, spaces=spaces)
    claims = []
    text = item.article.text
    for c in sorted_claims(item.claims):
        if blank_claim(text, c.start, c.end):
            if widened is not None:
                widened.append(WidenedClaim(item.article.id, item.article.title, text[c.start : c.end], ""))
            continue
        start, end = span_bounds(text, c.start, c.end)
        span = doc.char_span(start, end, label=c.label.value, alignment_mode="expand")
        if span is not None:
            claims.append(span)
            # Only widening is worth a word: the claim's edge spaces change no word of it.
            if widened is not None and (span.start_char < start or span.end_char > end):
                widened.append(
                    WidenedClaim(item.article.id, item.article.title, text[c.start : c.end], span.text)
                )
    doc.spans[SPANS_KEY] = claims
    ents: list[tuple[Span, bool]] = []
    for e in item.entities:
        if e.status == EntityStatus.REJECTED:
            continue
        span = doc.char_span(*span_bounds(text, e.start, e.end), label=e.label, alignment_mode="expand")
        if span is not None:
            ents.append((span, decided_by_a_person(e)))
    doc.ents = [ents[i][0] for i in kept_entities([(s.start, s.end, person) for s, person in ents])]
    doc.user_data["article_id"] = item.article.id
    return doc


def sentence_docs(nlp: spacy.language.Language, item: AnnotatedArticle) -> list[Doc]:
    text = item.article.text
    by_sentence: dict[tuple[int, int], set[str]] = {}
    for c in item.claims:
        if blank_claim(text, c.start, c.end):
            continue
        # The sentence of the claim's own characters (`span_bounds`), as its span in the article
        # Doc is: a claim ending on the line break a doccano selection took ("One said x.\n")
        # made a second doc of its sentence, "One said x.\n", whose cats said 0.0 for the label
        # another claim gave "One said x.": the same sentence trained both ways.
        bounds = span_bounds(text, c.start, c.end)
        by_sentence.setdefault(context_bounds(text, *bounds), set()).add(c.label.value)
    docs = []
    for (start, end), labels in sorted(by_sentence.items()):
        # Tokenized on its own, not cut from the article's tokens: the tokenizer's special cases
        # (emoticons, abbreviations) match across white space, so ":)U.S." after "(5%) " splits
        # differently from ":)U.S." alone.
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
    bins = ExportDocBins(lang)
    for item in items:
        bins.add(item)
    return bins.finish(dev_ratio=dev_ratio, seed=seed)


class ExportDocBins:
    """`build_docbins` one article at a time, for the export, which reads the articles as a stream.

    Each article's Docs are made and packed as it comes (`add`), so the export's progress and
    Cancel go on through the work: built after every article was read, a spaCy export of 20,000
    articles sat at a full progress bar for minutes, and a Cancel there was not heard until the
    files were written. The split into train and dev needs every exported id, so the packed
    articles wait in `finish` for it; the same articles give the same bytes as before.
    """

    def __init__(self, lang: str = "en") -> None:
        self.nlp = _blank(lang)
        self._encoders = dict(srsly.msgpack.msgpack_encoders.get_all())
        self._rows: list[tuple[int, DocBinParts, DocBinParts]] = []
        self.widened: list[WidenedClaim] = []

    def add(self, item: AnnotatedArticle) -> None:
        """Make and pack the article's Doc and its claim sentences' Docs."""
        check_article(item)
        articles = DocBin(store_user_data=True)
        sentences = DocBin(store_user_data=True)
        with _encoders_pinned(self._encoders):
            articles.add(article_doc(self.nlp.vocab, item, widened=self.widened))
            for doc in sentence_docs(self.nlp, item):
                sentences.add(doc)
        self._rows.append((item.article.id, _parts(articles), _parts(sentences)))

    def finish(
        self, *, dev_ratio: float = 0.2, seed: int = 0, check: Callable[[], None] | None = None
    ) -> DocBinExport:
        """The four files, the articles split into train and dev with `seed`.

        `check` is called between the steps of packing and compressing them (it raises to stop
        them): on 20,000 articles they take tens of seconds after the last article is read,
        and a Cancel there went unheard until the files were written.
        """
        train_ids, dev_ids = split_ids([row[0] for row in self._rows], dev_ratio=dev_ratio, seed=seed)
        dev = set(dev_ids)
        names = ("train", "dev", "textcat_train", "textcat_dev")
        bins = {name: DocBin(store_user_data=True) for name in names}
        rows, self._rows = self._rows, []
        for article_id, articles, sentences in rows:
            part = "dev" if article_id in dev else "train"
            _merge(bins[part], articles)
            _merge(bins[f"textcat_{part}"], sentences)
        # `_finish` writes what `DocBin.to_bytes` does, byte for byte, and hears `check`.
        files = {f"{name}.spacy": _finish(docbin, check) for name, docbin in bins.items()}
        return DocBinExport(
            files=files, train_ids=tuple(train_ids), dev_ids=tuple(dev_ids), widened=tuple(self.widened)
        )


@lru_cache(maxsize=2)
def _blank(lang: str) -> spacy.language.Language:
    """One blank pipeline per process: a release makes a SplitDocBins per chunk of articles."""
    return spacy.blank(lang)


@contextmanager
def _encoders_pinned(found: dict[str, Any]) -> Iterator[None]:
    """srsly looks up its msgpack encoders' entry points on every pack, scanning the metadata of
    every installed distribution (about a millisecond), and `DocBin.add` packs twice per doc:
    that was most of a release's time. Inside this block the encoders looked up once are used."""
    registry: Any = srsly.msgpack.msgpack_encoders
    registry.get_all = lambda: found  # shadows the method on this one registry object
    try:
        yield
    finally:
        del registry.get_all


class _ReleaseDocBin(DocBin):
    """A DocBin whose `add` collects only the strings these docs use: words, entity and span labels.

    spaCy's `add` reads nine strings off every token (tag, lemma, norm, morph, dep, ...)
    whatever `attrs` stores, one Python call each; for the words-entities-spans docs a
    release writes, that was two thirds of the DocBins' time. The rest is `DocBin.add` as
    spaCy 3.8 writes it; the release tests load these DocBins back and train on them.
    """

    def add(self, doc: Doc, words: Iterable[str] | None = None) -> None:
        """`words`: the doc's words, when the caller has them (no lookup per distinct word then)."""
        attrs: list[int | str] = [*self.attrs]
        array = doc.to_array(attrs)
        if len(array.shape) == 1:
            array = array.reshape((array.shape[0], 1))
        self.tokens.append(array)
        spaces = doc.to_array(SPACY)
        self.spaces.append(numpy.asarray(spaces.reshape((spaces.shape[0], 1)), dtype=bool))
        self.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
        strings = doc.vocab.strings
        if words is None:
            words = (strings[int(orth)] for orth in numpy.unique(doc.to_array(ORTH)))
        self.strings.update(words)
        self.strings.update(ent.label_ for ent in doc.ents)
        self.cats.append(doc.cats)
        if self.store_user_data:
            self.user_data.append(srsly.msgpack_dumps(doc.user_data))
        self.span_groups.append(doc.spans.to_bytes())
        for group in doc.spans.values():
            for span in group:
                self.strings.add(span.label_)
                if span.kb_id in strings:
                    self.strings.add(span.kb_id_)
                if span.id in strings:
                    self.strings.add(span.id_)

    def add_row(
        self,
        article_id: int,
        array: numpy.ndarray[Any, Any],
        span_groups: bytes,
        strings: set[str],
        words: list[str],
        spaces: list[bool],
    ) -> None:
        """What `add` stores for an article's Doc, from `_article_row` (the same bytes, no Doc)."""
        self.tokens.append(array)
        self.spaces.append(numpy.asarray(spaces, dtype=bool).reshape((len(spaces), 1)))
        self.flags.append({"has_unknown_spaces": False})
        self.strings.update(words)
        self.strings.update(strings)
        self.cats.append({})
        if self.store_user_data:
            self.user_data.append(srsly.msgpack_dumps({"article_id": article_id}))
        self.span_groups.append(span_groups)


_SPAN = struct.Struct(">QQQllll")  # one span in `SpanGroup.to_bytes`: id, kb_id, label, tokens, chars
_ORTHS: dict[str, int] = {}
"""Word -> its ORTH id (`StringStore.add`: a hash, or a symbol's number), the same in every vocabulary."""
_ORTHS_MAX = 1_000_000


class _UnusualArticleError(Exception):
    """An article `_article_row` leaves to a real Doc: an empty span or token, an empty label."""


def _orths(vocab: spacy.vocab.Vocab, words: list[str]) -> numpy.ndarray[Any, Any]:
    if len(_ORTHS) > _ORTHS_MAX:
        _ORTHS.clear()
    for word in set(words).difference(_ORTHS):
        _ORTHS[word] = vocab.strings.add(word)
    return numpy.fromiter(map(_ORTHS.__getitem__, words), dtype=numpy.uint64, count=len(words))


def _article_row(
    vocab: spacy.vocab.Vocab,
    item: AnnotatedArticle,
    words: list[str],
    spaces: list[bool],
    *,
    widened: list[WidenedClaim] | None = None,
) -> tuple[numpy.ndarray[Any, Any], bytes, set[str]] | None:
    """What `_ReleaseDocBin.add(_article_doc(...))` stores for an article, without making the Doc.

    (ORTH, ENT_IOB, ENT_TYPE per token, the span groups' bytes, the strings beyond the words),
    worked out as spaCy 3.8 does it: `Doc.char_span(alignment_mode="expand")` over the tokens'
    offsets, `kept_entities`, `Doc.ents` (outside tokens "O"), `SpanGroup.to_bytes`. A Doc was a
    Python call per word and half of a release's DocBin time. None for an article with an
    empty token, an empty span or label: those go through a real Doc, whatever spaCy does.
    Claims made wider go into `widened` (as `_article_doc` reports them), only for a row made.
    """
    lengths = list(map(len, words))
    if not lengths or min(lengths) < 1:
        return None
    starts = list(accumulate(map(add, lengths, spaces), initial=0))
    total = starts.pop()

    def token_range(start: int, end: int) -> tuple[int, int] | None:
        # `token_by_char`: the token whose characters or trailing space hold the offset.
        if not (0 <= start < total and 0 <= end - 1 < total):
            return None
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, end - 1) - 1
        if start == starts[first] + lengths[first]:  # "expand" leaves out the trailing space
            first += 1
        if first > last:
            raise _UnusualArticleError
        return first, last + 1

    strings: set[str] = set()
    spans: list[bytes] = []
    wider: list[WidenedClaim] = []  # kept only if the row is made: else the Doc reports them
    try:
        for c in sorted_claims(item.claims):
            if blank_claim(item.article.text, c.start, c.end):
                blank = item.article.text[c.start : c.end]
                wider.append(WidenedClaim(item.article.id, item.article.title, blank, ""))
                continue
            claim_start, claim_end = span_bounds(item.article.text, c.start, c.end)
            found = token_range(claim_start, claim_end)
            if found is not None:
                first, end = found
                label_id = vocab.strings.add(c.label.value)
                strings.update((c.label.value, ""))  # its label, and kb_id_ and id_ (0: "")
                char_end = starts[end - 1] + lengths[end - 1]
                spans.append(_SPAN.pack(0, 0, label_id, first, end, starts[first], char_end))
                if starts[first] < claim_start or char_end > claim_end:
                    text = item.article.text
                    wider.append(
                        WidenedClaim(
                            item.article.id,
                            item.article.title,
                            text[c.start : c.end],
                            text[starts[first] : char_end],
                        )
                    )
        ents: list[tuple[int, int, bool]] = []
        labels: list[str] = []
        for e in item.entities:
            if e.status == EntityStatus.REJECTED:
                continue
            if not e.label:
                raise _UnusualArticleError
            found = token_range(*span_bounds(item.article.text, e.start, e.end))
            if found is not None:
                ents.append((*found, decided_by_a_person(e)))
                labels.append(e.label)
    except _UnusualArticleError:
        return None
    kept = [(ents[i][0], ents[i][1], labels[i]) for i in kept_entities(ents)]
    array = numpy.zeros((len(words), 3), dtype=numpy.uint64)
    array[:, 0] = _orths(vocab, words)
    array[:, 1] = 2  # "O"
    for first, end, label in kept:
        array[first:end, 1] = 1  # "I"
        array[first, 1] = 3  # "B"
        array[first:end, 2] = vocab.strings.add(label)
        strings.add(label)
    group = srsly.msgpack_dumps({"name": SPANS_KEY, "attrs": {}, "spans": spans})
    if widened is not None:
        widened.extend(wider)
    return array, srsly.msgpack_dumps({group: [SPANS_KEY]}), strings


DocBinParts = tuple[list[Any], list[Any], set[str], list[Any], list[bytes], list[Any], list[Any]]
"""A DocBin's contents as plain lists (token and space arrays, strings, cats, span groups, flags,
user data): what a worker process sends back, pickled as they are. A DocBin pickles through
`to_bytes`, which compresses, and the receiver would only decompress it again."""


class SplitDocBins:
    """One split's two DocBins (articles for spancat/NER, claim sentences for textcat), filled
    one article at a time, so a release of 10,000 articles never holds them all in memory.

    Only the attributes the docs carry are stored (words, spaces, entities; spans, cats and
    user data go anyway): the default dozen attributes made the files and the time four times larger.
    """

    def __init__(self, lang: str = "en") -> None:
        self.nlp = _blank(lang)
        self.articles = _ReleaseDocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
        self.sentences = _ReleaseDocBin(attrs=["ORTH"], store_user_data=True)
        self._encoders = dict(srsly.msgpack.msgpack_encoders.get_all())
        self.widened: list[WidenedClaim] = []
        """Claims added wider than labelled (whole words) or left out (white space alone), in the
        order added: the release says so."""

    def parts(self) -> tuple[DocBinParts, DocBinParts]:
        """(articles, sentences) for `merge` in another process."""
        return _parts(self.articles), _parts(self.sentences)

    def merge(self, parts: tuple[DocBinParts, DocBinParts]) -> None:
        """Append another SplitDocBins' `parts()`: a release renders chunks in worker processes."""
        for docbin, docbin_parts in zip((self.articles, self.sentences), parts, strict=True):
            _merge(docbin, docbin_parts)

    def add(self, item: AnnotatedArticle) -> None:
        check_article(item)
        words, spaces = article_words(item)
        with _encoders_pinned(self._encoders):
            row = _article_row(self.nlp.vocab, item, words, spaces, widened=self.widened)
            if row is None:
                doc = _article_doc(self.nlp.vocab, item, words, spaces, widened=self.widened)
                self.articles.add(doc, words)
            else:
                self.articles.add_row(item.article.id, *row, words, spaces)
            for doc in sentence_docs(self.nlp, item):
                self.sentences.add(doc)

    def to_bytes(self) -> tuple[bytes, bytes]:
        """(articles, sentences) as DocBin bytes; the same articles give the same bytes (sorted strings)."""
        return self.articles.to_bytes(), self.sentences.to_bytes()

    def finish(self) -> tuple[bytes, bytes]:
        """`to_bytes()`, emptying the bins as it goes: the last step of a release.

        A train split of 8,000 articles holds 180 MB of token arrays, and `DocBin.to_bytes`
        keeps four copies of them alive at once (the arrays, their stack, its bytes, the
        packed message); this lets each go as soon as the next is made.
        """
        return _finish(self.articles), _finish(self.sentences)


_COMPRESS_PIECE = 4 << 20
"""Bytes compressed between two `check`s in `_finish`: about a tenth of a second."""


def _finish(docbin: DocBin, check: Callable[[], None] | None = None) -> bytes:
    """`DocBin.to_bytes` as spaCy 3.8 writes it, byte for byte, dropping what is no longer needed;
    with `check`, called before each step and between pieces of the compression."""
    if check is not None:
        check()
    lengths = [len(tokens) for tokens in docbin.tokens]
    tokens = numpy.vstack(docbin.tokens) if docbin.tokens else numpy.asarray([])
    spaces = numpy.vstack(docbin.spaces) if docbin.spaces else numpy.asarray([])
    docbin.tokens, docbin.spaces = [], []
    msg: dict[str, Any] = {
        "version": docbin.version,
        "attrs": docbin.attrs,
        "tokens": tokens.tobytes("C"),
        "spaces": spaces.tobytes("C"),
        "lengths": numpy.asarray(lengths, dtype="int32").tobytes("C"),
        "strings": sorted(docbin.strings),
        "cats": docbin.cats,
        "flags": docbin.flags,
        "span_groups": docbin.span_groups,
    }
    del tokens, spaces
    if docbin.store_user_data:
        msg["user_data"] = docbin.user_data
    if check is not None:
        check()
    packed = srsly.msgpack_dumps(msg)
    del msg
    if check is None:
        return zlib.compress(packed)
    # A compressor fed in pieces writes what `zlib.compress` writes at once (same level and
    # window, no flush between pieces): most of the time of the last stretch is here.
    compressor = zlib.compressobj()
    view = memoryview(packed)
    pieces = []
    for at in range(0, len(packed), _COMPRESS_PIECE):
        check()
        pieces.append(compressor.compress(view[at : at + _COMPRESS_PIECE]))
    pieces.append(compressor.flush())
    return b"".join(pieces)


def _merge(docbin: DocBin, parts: DocBinParts) -> None:
    """Append another DocBin's `_parts` to `docbin`, as adding its docs again would."""
    tokens, spaces, strings, cats, span_groups, flags, user_data = parts
    docbin.tokens.extend(tokens)
    docbin.spaces.extend(spaces)
    docbin.strings.update(strings)
    docbin.cats.extend(cats)
    docbin.span_groups.extend(span_groups)
    docbin.flags.extend(flags)
    docbin.user_data.extend(user_data)


def _parts(docbin: DocBin) -> DocBinParts:
    return (
        docbin.tokens,
        docbin.spaces,
        docbin.strings,
        docbin.cats,
        docbin.span_groups,
        docbin.flags,
        docbin.user_data,
    )
