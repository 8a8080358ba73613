"""The `spacy` export: DocBins that load, carry our spans, split by article, and train."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import spacy
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from annotator.core.model import (
    AnnotatedArticle,
    Article,
    ArticleDraft,
    Claim,
    ClaimLabel,
    Entity,
    EntityStatus,
)
from annotator.core.text import strip_span
from annotator.formats import format_chunks, format_lines, prodigy_task, read_path, simple_tokens
from annotator.formats.spacy_docbin import (
    SplitDocBins,
    WidenedClaim,
    _article_doc,
    _article_row,
    _ReleaseDocBin,
    article_words,
    build_docbins,
    span_bounds,
    split_ids,
)
from annotator.formats.tokens import words_and_spaces
from annotator.formats.writers import prodigy_line
from annotator.nlp import tokenize

FORMATS = Path(__file__).parents[1] / "data" / "formats"


def labelled_sample() -> list[AnnotatedArticle]:
    """The 20 Wikinews articles, every sentence of the first paragraph labelled in turn."""
    drafts = [d for d in read_path(FORMATS / "wikinews-20.jsonl") if isinstance(d, ArticleDraft)]
    items = []
    for i, d in enumerate(drafts, start=1):
        text = d.text
        start = text.index("\n\n\n") + 3
        while text[start].isspace():
            start += 1
        claims = []
        for n in range(3):
            end = text.find(". ", start)
            if end == -1:
                break
            claims.append(Claim(i, start, end + 1, list(ClaimLabel)[(i + n) % 3], "ann"))
            start = end + 2
        comma = text.index(",")
        entities = (
            Entity(0, comma, "DATE", EntityStatus.ACCEPTED),
            Entity(0, 3, "ORG", EntityStatus.REJECTED),
        )
        items.append(
            AnnotatedArticle(
                article=Article(id=i, text=text, title=d.title, content_hash=str(i)),
                claims=tuple(claims),
                entities=entities,
                tokens=simple_tokens(text) if i % 2 else (),
            )
        )
    return items


def test_split_by_article_is_seeded_and_disjoint() -> None:
    ids = list(range(1, 21))
    train, dev = split_ids(ids, dev_ratio=0.2, seed=7)
    assert (train, dev) == split_ids(list(reversed(ids)), dev_ratio=0.2, seed=7)
    assert len(dev) == 4 and sorted(train + dev) == ids
    assert split_ids(ids, dev_ratio=0.2, seed=8) != (train, dev)
    assert split_ids([5], dev_ratio=0.5, seed=0) == ([5], [])
    assert split_ids([5, 6], dev_ratio=0.0, seed=0)[1] != []  # two or more: always something to evaluate on


def write(tmp_path: Path, items: list[AnnotatedArticle]) -> dict[str, Path]:
    export = build_docbins(items, dev_ratio=0.25, seed=1)
    paths = {}
    for name, data in export.files.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    return paths


def test_docbins_load_with_spans_ents_and_cats(tmp_path: Path) -> None:
    items = labelled_sample()
    paths = write(tmp_path, items)
    vocab = Vocab()
    train = list(DocBin().from_disk(paths["train.spacy"]).get_docs(vocab))
    dev = list(DocBin().from_disk(paths["dev.spacy"]).get_docs(vocab))
    assert (len(train), len(dev)) == (15, 5)
    by_id = {item.article.id: item for item in items}
    ids = [doc.user_data["article_id"] for doc in train + dev]
    assert sorted(ids) == list(range(1, 21))
    for doc in train + dev:
        item = by_id[doc.user_data["article_id"]]
        assert doc.text == item.article.text
        # The sample's claims after a double space start on it, and an entity on a text's opening
        # line breaks: spans and ents leave edge white space out.
        assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["claims"]] == [
            (*strip_span(item.article.text, c.start, c.end), c.label.value) for c in item.claims
        ]
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
            (*strip_span(item.article.text, 0, item.article.text.index(",")), "DATE")
        ]
    cats = list(DocBin().from_disk(paths["textcat_train.spacy"]).get_docs(vocab))
    cats += list(DocBin().from_disk(paths["textcat_dev.spacy"]).get_docs(vocab))
    assert len(cats) == sum(len(item.claims) for item in items)
    first = next(
        d for d in cats if d.user_data["article_id"] == 1 and d.user_data["start"] == items[0].claims[0].start
    )
    assert first.text == items[0].article.text[items[0].claims[0].start : items[0].claims[0].end]
    assert first.cats == {"factual": 0.0, "opinion": 1.0, "questionable": 0.0}


@pytest.mark.model
def test_the_export_looks_up_msgpack_encoders_once_not_twice_a_doc(monkeypatch: pytest.MonkeyPatch) -> None:
    """srsly looks its encoders up on every pack, scanning every installed distribution's
    metadata, and `DocBin.add` packs twice a doc: that was two thirds of a 20,000-article spaCy
    export's time. The export pins them as a release does; the bytes stay the same."""
    import srsly

    registry = type(srsly.msgpack.msgpack_encoders)
    looked_up: list[int] = []
    get_all = registry.get_all

    def counted(self: object) -> object:
        if self is srsly.msgpack.msgpack_encoders:  # the class serves spaCy's registries too
            looked_up.append(1)
        return get_all(self)

    monkeypatch.setattr(registry, "get_all", counted)  # the class's: pinning shadows it on the object
    items = labelled_sample()
    build_docbins(items, dev_ratio=0.25, seed=1)
    # The few packs of `to_bytes` for the four files, none a doc.
    assert len(looked_up) <= 5, f"{len(looked_up)} look-ups for {len(items)} articles"


def test_spacy_train_runs_one_epoch_on_the_export(tmp_path: Path) -> None:
    """Marked `model`: it trains with spaCy (a blank pipeline, a few seconds) like other spaCy-heavy tests."""
    paths = write(tmp_path, labelled_sample())
    result = subprocess.run(
        [
            sys.executable, "-m", "spacy", "train", str(FORMATS / "spancat-tiny.cfg"),
            "--paths.train", str(paths["train.spacy"]), "--paths.dev", str(paths["dev.spacy"]),
            "--output", str(tmp_path / "model"),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "model" / "model-last" / "meta.json").exists()


# -- Docs from stored tokens -------------------------------------------------------------------------

# Words, punctuation that spaCy splits off or keeps (abbreviations, quotes, hyphens, URLs) and
# every kind of white space the tokenizer treats apart: spaces, runs of them, line breaks, tabs.
_PIECES = st.sampled_from(
    ["Mr.", "U.S.", "don't", "it's", "e-mail", "(5%)", '"Hi,"', "“No.”", "x", "said", "10km", "https://a.b/c?d=e",
     "😀", "…", "—", ".", ",", "'", '"', ")", "("]
)  # fmt: skip
_GAPS = st.sampled_from([" ", " ", " ", "", "  ", "\n", "\n\n", " \n ", "\t", "\u2028", "\u00a0"])
SPACY_TEXTS = st.lists(st.tuples(_PIECES, _GAPS), max_size=14).map(lambda ps: "".join(p + g for p, g in ps))


@lru_cache(maxsize=1)
def blank_en() -> spacy.language.Language:
    return spacy.blank("en")


def tokenizer_words(text: str) -> tuple[list[str], list[bool]]:
    doc = blank_en().make_doc(text)
    return [t.text for t in doc], [bool(t.whitespace_) for t in doc]


@settings(max_examples=200, deadline=None)
@given(SPACY_TEXTS)
def test_stored_tokens_give_the_words_and_spaces_token_objects_give(text: str) -> None:
    """Articles' Docs are built from stored tokens without a Token object each: same words, same spaces."""
    tokens = tokenize(text)
    assert words_and_spaces(text, tokens) == words_and_spaces(text, tuple(tokens)) == tokenizer_words(text)


def test_finishing_a_release_docbin_writes_what_spacy_writes() -> None:
    """`finish` is `DocBin.to_bytes`, byte for byte, emptying the bin as it goes (a release's peak memory)."""
    bins = SplitDocBins()
    for item in labelled_sample():
        bins.add(item)
    expected = bins.to_bytes()
    assert bins.finish() == expected
    assert not bins.articles.tokens and not bins.sentences.spaces
    empty = SplitDocBins()
    assert empty.finish() == SplitDocBins().to_bytes()


def test_an_export_docbin_packed_piece_by_piece_writes_what_spacy_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The export's files are compressed a piece at a time, asking for a Cancel between pieces:
    the bytes are `DocBin.to_bytes`'s, however many pieces."""
    from annotator.formats import spacy_docbin

    def built(**kwargs: object) -> dict[str, bytes]:
        bins = spacy_docbin.ExportDocBins()
        for item in labelled_sample():
            bins.add(item)
        return bins.finish(seed=4, **kwargs).files  # type: ignore[arg-type]

    expected = built()
    checks: list[int] = []
    monkeypatch.setattr(spacy_docbin, "_COMPRESS_PIECE", 1000)
    assert built(check=lambda: checks.append(1)) == expected
    assert len(checks) > 4 * 2 + 20  # before each file, its packing and each piece of its bytes


_OFFSETS = st.tuples(st.integers(-1, 50), st.integers(-1, 12)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=400, deadline=None)
@given(
    SPACY_TEXTS,
    st.lists(st.tuples(_OFFSETS, st.sampled_from(list(ClaimLabel))), max_size=5),
    st.lists(
        st.tuples(
            _OFFSETS, st.sampled_from(["ORG", "DATE", "ORG", "DATE", ""]), st.sampled_from(list(EntityStatus))
        ),
        max_size=4,
    ),
    st.booleans(),
)
def test_an_article_row_is_what_its_doc_would_store(
    text: str,
    claims: list[tuple[tuple[int, int], ClaimLabel]],
    entities: list[tuple[tuple[int, int], str, EntityStatus]],
    stored: bool,
) -> None:
    """Articles' DocBin rows are worked out without a Doc: the same bytes a Doc gives, or the Doc
    is made (offsets in white space, past the end, empty or overlapping spans, empty labels)."""
    item = AnnotatedArticle(
        article=Article(id=7, text=text, title="t", content_hash="h"),
        claims=tuple(Claim(7, a, b, label, "ann") for (a, b), label in claims if 0 <= a < b <= len(text)),
        entities=tuple(Entity(a, b, label, status) for (a, b), label, status in entities),
    )
    vocab = blank_en().vocab
    words, spaces = words_and_spaces(text, tokenize(text) if stored else simple_tokens(text))
    row_widened: list[WidenedClaim] = []
    row = _article_row(vocab, item, words, spaces, widened=row_widened)
    event("row" if row is not None else "left to a Doc")
    if row is None:  # whatever spaCy makes of it
        assert row_widened == []  # the Doc made instead reports them
        return
    with_doc = _ReleaseDocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
    doc_widened: list[WidenedClaim] = []
    try:
        with_doc.add(_article_doc(vocab, item, words, spaces, widened=doc_widened), words)
    except (IndexError, ValueError):
        raise AssertionError("a Doc refuses what the row accepted") from None
    without = _ReleaseDocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
    without.add_row(7, *row, words, spaces)
    assert without.to_bytes() == with_doc.to_bytes()
    assert row_widened == doc_widened  # a release says what an export says


def test_ordinary_articles_get_their_rows_without_a_doc() -> None:
    """The Doc-free row is the common case (claims on sentences, entities on words), not a rarity."""
    vocab = blank_en().vocab
    for item in labelled_sample():
        words, spaces = words_and_spaces(item.article.text, item.tokens or simple_tokens(item.article.text))
        row = _article_row(vocab, item, words, spaces)
        assert row is not None
        with_doc = _ReleaseDocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
        with_doc.add(_article_doc(vocab, item, words, spaces), words)
        without = _ReleaseDocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
        without.add_row(item.article.id, *row, words, spaces)
        assert without.to_bytes() == with_doc.to_bytes()


def _article(article_id: int, text: str, title: str, *spans: tuple[int, int]) -> AnnotatedArticle:
    claims = tuple(Claim(article_id, s, e, ClaimLabel.FACTUAL, "ann") for s, e in spans)
    return AnnotatedArticle(
        article=Article(id=article_id, text=text, title=title, content_hash=str(article_id)), claims=claims
    )


def test_claims_widened_to_whole_words_are_counted_with_the_first_example() -> None:
    """spaCy spans must be whole tokens, so a claim cut inside a word is exported wider: the
    export keeps doing so, and says how many and shows the first, so the person can check it."""
    first = "No one said so. It rained."
    second = "Everyone agreed. Then it stopped."
    items = [
        _article(3, first, "Talk", (first.index("one sai"), first.index("one sai") + 7), (16, 26)),
        _article(4, second, "Rain", (2, 16), (17, 21)),
    ]
    export = build_docbins(items, dev_ratio=0.5, seed=0)
    assert len(export.widened) == 2
    example = export.widened[0]
    assert (example.article_id, example.title, example.original, example.exported) == (
        3,
        "Talk",
        "one sai",
        "one said",
    )
    assert (export.widened[1].original, export.widened[1].exported) == ("eryone agreed.", "Everyone agreed.")
    # The spans themselves are widened as before.
    docs = list(DocBin().from_bytes(export.files["train.spacy"]).get_docs(Vocab()))
    docs += DocBin().from_bytes(export.files["dev.spacy"]).get_docs(Vocab())
    texts = {d.user_data["article_id"]: [s.text for s in d.spans["claims"]] for d in docs}
    assert texts[3] == ["one said", "It rained."]


def test_a_release_docbin_counts_the_claims_it_widened_as_an_export_does() -> None:
    """A release fills `SplitDocBins` (a Doc-free row for most articles), not `build_docbins`:
    it must find the same widened claims, or the release says nothing of them."""
    first = "No one said so. It rained."
    second = "Everyone agreed. Then it stopped."
    items = [
        _article(3, first, "Talk", (first.index("one sai"), first.index("one sai") + 7), (15, 26)),
        _article(4, second, "Rain", (2, 16), (17, 21)),
    ]
    bins = SplitDocBins()
    for item in items:
        bins.add(item)
    export = build_docbins(items, dev_ratio=0.5, seed=0)
    assert [(w.article_id, w.original, w.exported) for w in bins.widened] == [
        (3, "one sai", "one said"),
        (4, "eryone agreed.", "Everyone agreed."),
    ]
    assert sorted(bins.widened, key=lambda w: w.article_id) == sorted(
        export.widened, key=lambda w: w.article_id
    )


def test_a_token_aligned_export_reports_no_widened_claim() -> None:
    assert build_docbins(labelled_sample(), dev_ratio=0.25, seed=1).widened == ()


def test_white_space_at_a_claims_edges_is_left_out_not_reported_as_a_word_cut() -> None:
    """A claim read from a doccano or Prodigy file keeps the line break its selection ended on
    ("One said x.\\n" before a blank line). The DocBin span took the whole "\\n\\n" token, and the
    export said the claim "started or ended inside a word and was widened to whole words
    (first: 'One said x.' exported as 'One said x.')": a cut word the person could not find.
    White space at a claim's edges is no word: it is left out, as a single space already was."""
    text = "One said x.\n\nTwo said y.  Three said z."
    items = [_article(5, text, "Lines", (0, 12), (text.index(" Three"), len(text)))]
    export = build_docbins(items, dev_ratio=0.5, seed=0)
    bins = SplitDocBins()
    bins.add(items[0])
    assert export.widened == ()
    assert bins.widened == []
    (doc,) = DocBin().from_bytes(export.files["train.spacy"]).get_docs(Vocab())
    assert [s.text for s in doc.spans["claims"]] == ["One said x.", "Three said z."]
    (released,) = DocBin().from_bytes(bins.to_bytes()[0]).get_docs(Vocab())
    assert [s.text for s in released.spans["claims"]] == ["One said x.", "Three said z."]


def test_two_labels_of_one_sentence_make_one_textcat_doc_whatever_white_space_a_claim_took() -> None:
    """Alice labelled "One said x." opinion; Bob's doccano selection of it, factual, ended on
    the line break after it. The textcat files held two docs of that sentence, "One said x."
    (opinion 1.0, factual 0.0) and "One said x.\\n" (factual 1.0, opinion 0.0): the same
    sentence taught both ways. It is one doc with both labels, in the export and the release."""
    text = "One said x.\n\nTwo said y."
    item = AnnotatedArticle(
        article=Article(id=7, text=text, title="Lines", content_hash="7"),
        claims=(
            Claim(7, 0, 11, ClaimLabel.OPINION, "alice"),
            Claim(7, 0, 12, ClaimLabel.FACTUAL, "bob"),
        ),
    )
    export = build_docbins([item, _article(8, "Other text.", "Other")], dev_ratio=0.5, seed=0)
    part = "textcat_dev.spacy" if 7 in export.dev_ids else "textcat_train.spacy"
    bins = SplitDocBins()
    bins.add(item)
    for data in (export.files[part], bins.to_bytes()[1]):
        docs = list(DocBin().from_bytes(data).get_docs(Vocab()))
        assert [(d.text, d.cats) for d in docs] == [
            ("One said x.", {"factual": 1.0, "opinion": 1.0, "questionable": 0.0})
        ]


def test_a_release_leaves_out_a_claim_of_white_space_alone_as_an_export_does() -> None:
    """A release's DocBins (`SplitDocBins`) held the empty span and the space token's span an
    export did, and counted neither: both leave such claims out and list them, `exported` empty."""
    text = "One said this.   Two said that. Three."
    gap = text.index("   ")
    item = _article(
        9, text, "Gaps", (gap, gap + 3), (text.index(" Three"), text.index(" Three") + 1), (0, 14)
    )
    export = build_docbins([item], dev_ratio=0.5, seed=0)
    bins = SplitDocBins()
    bins.add(item)
    blank = [WidenedClaim(9, "Gaps", "   ", ""), WidenedClaim(9, "Gaps", " ", "")]
    assert list(export.widened) == blank and bins.widened == blank
    articles, sentences = bins.to_bytes()
    for data in (export.files["train.spacy"], articles):
        (doc,) = DocBin().from_bytes(data).get_docs(Vocab())
        assert [s.text for s in doc.spans["claims"]] == ["One said this."]
    for data in (export.files["textcat_train.spacy"], sentences):
        assert [d.text for d in DocBin().from_bytes(data).get_docs(Vocab())] == ["One said this."]


def test_white_space_at_an_entitys_edges_is_left_out_of_doc_ents() -> None:
    """An entity read from a doccano file keeps the line break or space its selection took
    ("Maria López\\n" before a blank line, " Acme Corp" after two spaces): `doc.ents` held
    "Maria López\\n\\n" and " Acme Corp", white-space tokens a trained recogniser then learns
    to start or end names with, and which `spacy debug data` warns of."""
    text = "Maria López\n\nsaid  Acme Corp won."
    item = AnnotatedArticle(
        article=Article(id=6, text=text, title="Names", content_hash="6"),
        entities=(
            Entity(0, 12, "PERSON", EntityStatus.ACCEPTED),
            Entity(text.index(" Acme"), text.index(" won"), "ORG", EntityStatus.ACCEPTED),
        ),
    )
    export = build_docbins([item], dev_ratio=0.5, seed=0)
    bins = SplitDocBins()
    bins.add(item)
    (doc,) = DocBin().from_bytes(export.files["train.spacy"]).get_docs(Vocab())
    (released,) = DocBin().from_bytes(bins.to_bytes()[0]).get_docs(Vocab())
    for made in (doc, released):
        assert [(e.text, e.label_) for e in made.ents] == [("Maria López", "PERSON"), ("Acme Corp", "ORG")]


def _both_docs(item: AnnotatedArticle) -> list[spacy.tokens.Doc]:
    """The article's Doc as `spacy` export writes it and as a release writes it (a Doc-free row)."""
    export = build_docbins([item], dev_ratio=0.5, seed=0)
    bins = SplitDocBins()
    bins.add(item)
    (exported,) = DocBin().from_bytes(export.files["train.spacy"]).get_docs(Vocab())
    (released,) = DocBin().from_bytes(bins.to_bytes()[0]).get_docs(Vocab())
    return [exported, released]


def test_a_name_a_person_added_inside_a_suggestion_is_kept_in_doc_ents() -> None:
    """A person marks "Smith" as PERSON inside the suggested ORG "John Smith Foundation", and
    corrects the suggested PERSON "Mr. Obama" by adding "Obama". Longest first, `doc.ents`
    kept both suggestions and dropped the person's names: NER was trained on the model's
    guess, not on the correction. A person's entity wins over a suggestion nobody decided."""
    text = "The John Smith Foundation paid Mr. Obama and Acme."
    at = text.index
    item = AnnotatedArticle(
        article=Article(id=1, text=text, title="t", content_hash="h"),
        entities=(
            Entity(at("John"), at(" paid"), "ORG"),
            Entity(at("Smith"), at(" Foundation"), "PERSON", EntityStatus.ADDED),
            Entity(at("Mr."), at(" and"), "PERSON"),
            Entity(at("Obama"), at(" and"), "PERSON", EntityStatus.ADDED),
            Entity(at("Acme"), len(text) - 1, "ORG"),
        ),
    )
    for doc in _both_docs(item):
        assert [(e.text, e.label_) for e in doc.ents] == [
            ("Smith", "PERSON"),
            ("Obama", "PERSON"),
            ("Acme", "ORG"),
        ]


def test_between_a_persons_own_entities_the_longer_is_kept() -> None:
    """Two overlapping entities a person accepted or added: longest first, as before."""
    text = "The John Smith Foundation paid."
    at = text.index
    item = AnnotatedArticle(
        article=Article(id=1, text=text, title="t", content_hash="h"),
        entities=(
            Entity(at("Smith"), at(" Foundation"), "PERSON", EntityStatus.ADDED),
            Entity(at("John"), at(" paid"), "ORG", EntityStatus.ACCEPTED),
        ),
    )
    for doc in _both_docs(item):
        assert [(e.text, e.label_) for e in doc.ents] == [("John Smith Foundation", "ORG")]


_BY_A_PERSON = (EntityStatus.ACCEPTED, EntityStatus.ADDED)


@settings(max_examples=300, deadline=None)
@given(
    SPACY_TEXTS,
    st.lists(
        st.tuples(_OFFSETS, st.sampled_from(["ORG", "PERSON"]), st.sampled_from(list(EntityStatus))),
        max_size=6,
    ),
)
# "Mr." and ". Mr" a person's, "Mr" a suggestion: ". Mr" goes for "Mr.", and the suggestion, in
# no kept entity's way, is kept beside it (overlapping ". Mr", which is no longer there).
@example(
    "Mr. Mr. ",
    [
        ((0, 3), "ORG", EntityStatus.ACCEPTED),
        ((2, 6), "ORG", EntityStatus.ACCEPTED),
        ((4, 6), "ORG", EntityStatus.SUGGESTED),
    ],
)
def test_doc_ents_never_overlap_and_never_drop_a_persons_entity_for_a_suggestion(
    text: str, entities: list[tuple[tuple[int, int], str, EntityStatus]]
) -> None:
    """In the export's and the release's DocBins alike: no token is in two entities, every
    entity is the text it covers, and an entity a person accepted or added is left out only
    for another of theirs, never for a suggestion nobody decided."""
    fitting = [(a, b, label, status) for (a, b), label, status in entities if 0 <= a < b <= len(text)]
    if not text.strip():
        return
    item = AnnotatedArticle(
        article=Article(id=1, text=text, title="t", content_hash="h"),
        entities=tuple(Entity(a, b, label, status) for a, b, label, status in fitting),
    )
    for doc in _both_docs(item):
        assert doc.text == text
        ents = list(doc.ents)
        for e in ents:
            assert e.text == text[e.start_char : e.end_char]
        tokens = [i for e in ents for i in range(e.start, e.end)]
        assert len(tokens) == len(set(tokens))
        kept = {(e.start, e.end, e.label_) for e in ents}
        persons = []
        for a, b, label, status in fitting:
            # As the export aligns it; white space alone after the last word gives no token.
            span = doc.char_span(*span_bounds(text, a, b), alignment_mode="expand")
            if status in _BY_A_PERSON and span is not None and len(span):
                persons.append((span.start, span.end, label))
        for first, end, label in persons:
            if (first, end, label) in kept:
                continue
            # Left out: only for an overlapping entity of a person's, kept in its place. A suggestion
            # may be kept beside that one, overlapping the entity left out but not the one kept.
            blocking = [k for k in kept if k[0] < end and first < k[1]]
            assert any(k in persons for k in blocking), (first, end, label, kept)


# -- Chinese and Japanese: no spaces between words ------------------------------------------------

_ZH = "新华社北京3月5日电 国家主席习近平5日在北京人民大会堂会见法国总统。习近平指出，北京市政府将加大投入。"
_JA = (
    "東京都の小池百合子知事は5日、記者会見で「新型コロナウイルスの感染者が増えている」と述べた。"
    "Appleの新製品も。"
)


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _cjk_articles() -> list[AnnotatedArticle]:
    zh_entities = (
        Entity(*_at(_ZH, "北京"), "GPE", EntityStatus.ACCEPTED),
        Entity(*_at(_ZH, "习近平"), "PERSON", EntityStatus.SUGGESTED),
        Entity(*_at(_ZH, "北京人民大会堂"), "FAC", EntityStatus.ADDED),
        Entity(*_at(_ZH, "法国"), "GPE", EntityStatus.ACCEPTED),
        Entity(*_at(_ZH, "习近平", 1), "PERSON", EntityStatus.ACCEPTED),
        Entity(*_at(_ZH, "北京市政府"), "ORG", EntityStatus.ACCEPTED),
    )
    ja_entities = (
        Entity(*_at(_JA, "東京都"), "GPE", EntityStatus.ACCEPTED),
        Entity(*_at(_JA, "小池百合子"), "PERSON", EntityStatus.SUGGESTED),
        Entity(*_at(_JA, "Apple"), "ORG", EntityStatus.ADDED),
    )
    return [
        AnnotatedArticle(
            article=Article(id=1, text=_ZH, title="新华社", content_hash="zh"),
            claims=(Claim(1, *_at(_ZH, "北京市政府将加大投入"), ClaimLabel.FACTUAL, "ann"),),
            entities=zh_entities,
            tokens=tokenize(_ZH),
        ),
        AnnotatedArticle(
            article=Article(id=2, text=_JA, title="共同", content_hash="ja"),
            claims=(Claim(2, *_at(_JA, "新型コロナウイルスの感染者が増えている"), ClaimLabel.OPINION, "a"),),
            entities=ja_entities,
            tokens=tokenize(_JA),
        ),
    ]


def test_names_and_claims_inside_a_chinese_or_japanese_clause_are_exported_as_labelled() -> None:
    """The export's tokenizer follows English rules: a Chinese or Japanese clause without spaces
    is one token, and "习近平" PERSON went out as the whole clause around it, "北京" GPE as
    "新华社北京3月5日电", a claim as its sentence, to be trained on. The export and the release
    write each as labelled, and report no claim widened."""
    items = _cjk_articles()
    export = build_docbins(items, dev_ratio=0.5, seed=0)
    docs = list(DocBin().from_bytes(export.files["train.spacy"]).get_docs(Vocab()))
    docs += DocBin().from_bytes(export.files["dev.spacy"]).get_docs(Vocab())
    bins = SplitDocBins()
    for item in items:
        bins.add(item)
    docs += DocBin().from_bytes(bins.finish()[0]).get_docs(Vocab())
    assert len(docs) == 4
    by_id = {item.article.id: item for item in items}
    for doc in docs:
        item = by_id[doc.user_data["article_id"]]
        text = item.article.text
        assert doc.text == text
        # Of overlapping names a person's longer one is kept: "北京人民大会堂" over "北京" inside it.
        kept = [e for e in item.entities if text[e.start : e.end] != "北京" or e.start < 10]
        assert [(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents] == [
            (text[e.start : e.end], e.start, e.end, e.label) for e in kept
        ]
        assert [(s.text, s.label_) for s in doc.spans["claims"]] == [
            (text[c.start : c.end], c.label.value) for c in item.claims
        ]
    assert export.widened == () and bins.widened == []


def _jsonl_tasks(item: AnnotatedArticle) -> list[dict[str, object]]:
    """The article's task as each route writes it: the object, the export's text lines and
    bytes, and the release's `articles/SPLIT.jsonl` line."""
    lines = [
        "".join(format_lines("jsonl", [item])),
        b"".join(format_chunks("jsonl", [item])).decode("utf-8"),  # type: ignore[arg-type]
        prodigy_line(item),
    ]
    return [prodigy_task(item), *map(json.loads, lines)]


def _joined(tokens: list[dict[str, object]]) -> str:
    """The text tokens stand for: each one's text, and its space but after the last."""
    return "".join(f"{t['text']}{' ' * bool(t['ws'])}" for t in tokens[:-1]) + str(tokens[-1]["text"])


def test_jsonl_tokens_of_a_chinese_or_japanese_claim_are_the_claim() -> None:
    """The export tokenizer makes a Chinese or Japanese clause one token: "北京市政府将加大投入"
    had its start and end, but `token_start` and `token_end` 1 (the whole clause), and no token
    of the task was its words. The Prodigy-style tasks cut their tokens where the DocBins cut
    their words: each span's tokens are its text, and the tokens rebuild the article."""
    for item in _cjk_articles():
        text = item.article.text
        for task in _jsonl_tasks(item):
            tokens: list[dict[str, object]] = task["tokens"]  # type: ignore[assignment]
            assert _joined(tokens) == text
            assert [t["id"] for t in tokens] == list(range(len(tokens)))
            assert [(t["text"], t["ws"]) for t in tokens] == list(zip(*article_words(item), strict=True))
            spans: list[dict[str, int]] = task["spans"]  # type: ignore[assignment]
            assert len(spans) == len(item.claims)
            for span in spans:
                named = tokens[span["token_start"] : span["token_end"] + 1]
                assert _joined(named) == text[span["start"] : span["end"]], (span, named)


def test_a_claim_cut_inside_an_english_word_is_still_widened_beside_chinese_text() -> None:
    """Only where the text has no spaces between words is a token cut at a span's edge: in
    English a cut word is a slip of the mouse, widened to the word and reported as before."""
    text = "No one said 北京 so."
    item = _article(5, text, "Mixed", (text.index("one sai"), text.index("one sai") + 7))
    export = build_docbins([item], dev_ratio=0.0, seed=0)
    assert [(w.original, w.exported) for w in export.widened] == [("one sai", "one said")]
    assert article_words(item) == words_and_spaces(text, simple_tokens(text))


_CJK_PIECES = st.sampled_from(
    ["北京", "习近平5日在", "北京市政府", "。", "，", "東京都の", "小池百合子", "「新型」", "ー", "々", "3月",
     "กินข้าว", "Apple", "said", "e\u0301", "😀", "(5%)", "\u0e34"]
)  # fmt: skip
CJK_TEXTS = st.lists(st.tuples(_CJK_PIECES, _GAPS), max_size=10).map(lambda ps: "".join(p + g for p, g in ps))


@settings(max_examples=400, deadline=None)
@given(
    CJK_TEXTS,
    st.lists(st.tuples(_OFFSETS, st.sampled_from(list(ClaimLabel))), max_size=4),
    st.lists(
        st.tuples(_OFFSETS, st.sampled_from(["ORG", "GPE", ""]), st.sampled_from(list(EntityStatus))),
        max_size=5,
    ),
    st.booleans(),
)
def test_words_cut_at_span_edges_give_the_same_bytes_with_and_without_a_doc(
    text: str,
    claims: list[tuple[tuple[int, int], ClaimLabel]],
    entities: list[tuple[tuple[int, int], str, EntityStatus]],
    stored: bool,
) -> None:
    """Cut at span edges, the words still reproduce the text, the release's Doc-free row still
    stores what a Doc would, and a claim whose edges are both beside a letter written without
    spaces goes out as labelled."""
    item = AnnotatedArticle(
        article=Article(id=7, text=text, title="t", content_hash="h"),
        claims=tuple(Claim(7, a, b, label, "ann") for (a, b), label in claims if 0 <= a < b <= len(text)),
        entities=tuple(
            Entity(a, b, label, status) for (a, b), label, status in entities if 0 <= a < b <= len(text)
        ),
        tokens=tokenize(text) if stored else (),
    )
    words, spaces = article_words(item)
    assert "".join(w + " " * s for w, s in zip(words, spaces, strict=True)) == text
    vocab = blank_en().vocab
    row_widened: list[WidenedClaim] = []
    row = _article_row(vocab, item, words, spaces, widened=row_widened)
    event("row" if row is not None else "left to a Doc")
    doc_widened: list[WidenedClaim] = []
    doc = _article_doc(vocab, item, words, spaces, widened=doc_widened)
    if row is not None:
        with_doc = _ReleaseDocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
        with_doc.add(doc, words)
        without = _ReleaseDocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
        without.add_row(7, *row, words, spaces)
        assert without.to_bytes() == with_doc.to_bytes()
        assert row_widened == doc_widened
    unspaced = "北京习近平日在市政府東京都の小池百合子新型ー々月กนขาว"  # letters, no marks
    for claim in item.claims:
        start, end = span_bounds(text, claim.start, claim.end)
        if start < end and all(
            text[at - 1] in unspaced and text[at] in unspaced for at in (start, end) if 0 < at < len(text)
        ):
            assert doc.char_span(start, end) is not None, (claim, words)


@settings(max_examples=300, deadline=None)
@given(
    CJK_TEXTS,
    st.lists(st.tuples(_OFFSETS, st.sampled_from(list(ClaimLabel))), max_size=4),
    st.lists(st.tuples(_OFFSETS, st.sampled_from(list(EntityStatus))), max_size=4),
    st.booleans(),
)
def test_jsonl_tokens_are_the_docbins_words(
    text: str,
    claims: list[tuple[tuple[int, int], ClaimLabel]],
    entities: list[tuple[tuple[int, int], EntityStatus]],
    stored: bool,
) -> None:
    """The Prodigy-style tasks and the DocBins tell of the same words, cut at the same span
    edges, and a claim whose edges are beside letters written without spaces is its tokens."""
    item = AnnotatedArticle(
        article=Article(id=7, text=text, title="t", content_hash="h"),
        claims=tuple(Claim(7, a, b, label, "ann") for (a, b), label in claims if 0 <= a < b <= len(text)),
        entities=tuple(Entity(a, b, "ORG", status) for (a, b), status in entities if 0 <= a < b <= len(text)),
        tokens=tokenize(text) if stored else (),
    )
    words = list(zip(*article_words(item), strict=True))
    unspaced = "北京习近平日在市政府東京都の小池百合子新型ー々月กนขาว"  # letters, no marks
    for task in _jsonl_tasks(item):
        tokens: list[dict[str, object]] = task["tokens"]  # type: ignore[assignment]
        assert [(t["text"], t["ws"]) for t in tokens] == words
        for span in task["spans"]:  # type: ignore[attr-defined]
            start, end = span["start"], span["end"]
            if span_bounds(text, start, end) == (start, end) and all(
                text[at - 1] in unspaced and text[at] in unspaced for at in (start, end) if 0 < at < len(text)
            ):
                named = tokens[span["token_start"] : span["token_end"] + 1]
                assert _joined(named) == text[start:end], (span, named)
