"""Hand-built docs for the rule tests: each is what the small English model gives for a sentence
(its parse and entities, mistakes and all), so a rule is tested without loading the model. One
builder serves the speaker and the entity tests, so both read parses written the same way."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from annotator.core.model import Speaker
from annotator.nlp import LoadedPipeline
from annotator.nlp.speakers import normalise_name

# English lexical attributes (lower case, punctuation) without any trained component.
_VOCAB = spacy.blank("en").vocab
_TAGS = {"NOUN": "NN", "PROPN": "NNP", "VERB": "VBD", "PRON": "PRP", "AUX": "VBZ", "DET": "DT", "ADP": "IN"}


def nth_start(text: str, needle: str, nth: int = 0) -> int:
    """Where the nth (0-based) occurrence of `needle` starts in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start


def set_ents(doc: Doc, labels: dict[str, list[str]]) -> Doc:
    """Entities by label, each given as ``"text"`` or ``"text@n"`` for its n-th occurrence."""
    spans = []
    for label, names in labels.items():
        for name in names:
            name, _, nth = name.partition("@")  # "Silva@1": the second occurrence
            start = nth_start(doc.text, name, int(nth or 0))
            span = doc.char_span(start, start + len(name), label=label)
            assert span is not None, name
            spans.append(span)
    doc.ents = spans
    return doc


def parsed(text: str, rows: str, *, split_at_full_stops: bool = False, **labels: list[str]) -> Doc:
    """A doc from one token a line: ``word head dep pos [lemma [tag]]``, head as an absolute index
    (the tag defaults to the usual one for the part of speech; a paragraph break is written \\n).
    Sentences follow the parse unless `split_at_full_stops`, which starts one after each ".";
    entities as `set_ents` takes them."""
    words: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    pos: list[str] = []
    lemmas: list[str] = []
    explicit_tags: dict[int, str] = {}
    for line in rows.strip().splitlines():
        if not line.strip():
            continue
        word, head, dep, tag, *rest = line.split()
        if len(rest) > 1:
            explicit_tags[len(words)] = rest[1]
        words.append(word.replace("\\n", "\n"))
        heads.append(int(head))
        deps.append(dep)
        pos.append(tag)
        lemmas.append(rest[0] if rest else word.lower())
    spaces: list[bool] = []
    cursor = 0
    for word in words:
        cursor = text.index(word, cursor) + len(word)
        spaces.append(text[cursor : cursor + 1] == " ")
    sent_starts: list[bool | int | None] | None = None
    if split_at_full_stops:
        sent_starts = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=[
            explicit_tags.get(i, _TAGS.get(p, p) if w != "saying" else "VBG")
            for i, (p, w) in enumerate(zip(pos, words, strict=True))
        ],
        lemmas=lemmas,
        sent_starts=sent_starts,
    )
    assert doc.text == text
    return set_ents(doc, labels)


def surface_doc(rules: LoadedPipeline, text: str, **labels: list[str]) -> Doc:
    """A tokenised, sentence-split doc with the named entities given per label; no parse."""
    doc = rules.nlp.make_doc(text)
    doc = rules.nlp.get_pipe("sentencizer")(doc)
    return set_ents(doc, labels)


def at(text: str, name: str, nth: int = 0) -> Speaker:
    """The speaker whose mention is the nth occurrence of `name`, resolved to that name."""
    start = nth_start(text, name, nth)
    return Speaker(start, start + len(name), normalise_name(name))
