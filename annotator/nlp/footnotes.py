"""Footnote marks glued to words: "the Secretary of the Treasury2 said" holds the name "Treasury"
and a note's number, which the tokenizer keeps as one word, so the name and a speaker resolved
to it carried the digit.

Registered as ``annotator_footnote_marks`` and put first in the pipeline by
`annotator.nlp.pipeline.load_pipeline`, so the tagger, the parser and the recogniser see the
name alone. A word splits only where nothing else reads it as one: letters in lower case after
at most a capital, one digit 1-9 after them, and the letters a word or name the pipeline knows
(the lemmatizer's word lists, the given names and places of `annotator.nlp.lang.en`) or one the
same text writes without the digit. "COVID19", "G20", "A380", "ARMv7", "4chan", "mp3" and
"celeron55" stay whole: capitals, a digit first, two digits or a short word.

Names whose digit belongs to them ("Python3", "Formula1", "Windows7") are words the pipeline
knows too, so two more things keep a word whole: the text writes it with the same digit more than
once (a note's number marks one place, a name recurs), or it is one of the names listed in
`annotator.nlp.lang.en.entities.NUMBERED_NAMES`. Where a mark stands says little: the one mark in
the tuning texts comes alone and before an adverb ("the Treasury2 recently,"), and a name is as
often followed by a verb or a full stop as a noun, which the tagger has not marked yet anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from annotator.nlp.lang.en.entities import GIVEN_NAMES, NUMBERED_NAMES
from annotator.nlp.lang.en.places import CITIES, COUNTRIES

COMPONENT = "annotator_footnote_marks"

_FOOTNOTED = re.compile(r"^([A-Za-z][a-z]{3,})([1-9])$")
"""A word of four letters or more, lower case after its first, and one digit glued after it."""


def _lemmatizer_words(nlp: Language) -> frozenset[str]:
    """The words of the lemmatizer's lists (WordNet's lemmas in the English pipelines), or none
    for a pipeline without them (the rule fallback)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    lists: Iterable[list[str]] = lookups.get_table("lemma_index").values()
    return frozenset(word for words in lists for word in words)


class FootnoteMarks:
    """Split a footnote's digit off the word it is glued to."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    def known(self, stem: str, doc: Doc) -> bool:
        if stem.lower() in self.words or stem in GIVEN_NAMES or stem in CITIES or stem in COUNTRIES:
            return True
        return any(tok.text == stem for tok in doc)  # "Treasury" elsewhere in the same text

    def __call__(self, doc: Doc) -> Doc:
        # Each distinct word matched once, from the token hashes: every text goes through here,
        # and a token object per word cost more than the matching.
        strings = doc.vocab.strings
        orth = doc.to_array(ORTH)
        glued = [h for h in set(orth.tolist()) if _FOOTNOTED.match(strings[h])]
        if not glued:
            return doc
        splits = []
        for h in glued:
            places = numpy.flatnonzero(orth == h)
            if len(places) > 1:
                continue  # "Python3" twice: a name, where a note's number marks one place
            tok = doc[int(places[0])]
            found = _FOOTNOTED.match(tok.text)
            if found is None or found.group(1) in NUMBERED_NAMES:
                continue
            if self.known(found.group(1), doc):
                splits.append((tok, len(found.group(1))))
        if not splits:
            return doc
        with doc.retokenize() as retokenizer:
            for tok, cut in sorted(splits, key=lambda split: split[0].i):
                # Each part its own head until the parser runs; this component runs before it.
                retokenizer.split(tok, [tok.text[:cut], tok.text[cut:]], heads=[(tok, 0), (tok, 1)])
        return doc


@Language.factory(COMPONENT)
def make_footnote_marks(nlp: Language, name: str) -> FootnoteMarks:
    return FootnoteMarks(_lemmatizer_words(nlp))


def add_footnote_marks(nlp: Language) -> None:
    """Put the footnote splitter first, before anything reads the tokens, once."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, first=True)
