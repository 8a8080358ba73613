"""Attribute quotations to speakers using the parse the pipeline already made.

Order of evidence, nearest first: a speech verb outside the quotation in the
sentences the quotation touches (``"…," said Smith``, ``Smith told me: "…"``),
then ``according to X``, then a speech verb in the next sentence of the same
paragraph or in the previous one when that ends with a colon. The verb's nominal
subject is the speaker; without a dependency parse (the rule fallback) the nearest
entity or pronoun beside the verb stands in. A personal pronoun is resolved to the
nearest preceding PERSON only when the recent sentences name just one person;
otherwise no speaker is better than a wrong one.

The speaker span is the mention that names the speaker (for a resolved pronoun,
the antecedent's mention), and `Speaker.name` is always a substring of it with
leading articles, titles and a possessive 's trimmed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span
from spacy.tokens import Token as SpacyToken

from annotator.core.model import QuoteKind, Speaker
from annotator.nlp.candidates import sentence_spans
from annotator.nlp.quotes import QuoteSpan

SPEECH_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "write",
        "note",
        "add",
        "state",
        "explain",
        "claim",
        "declare",
        "announce",
        "insist",
        "argue",
        "ask",
        "reply",
        "respond",
        "comment",
        "remark",
        "warn",
        "admit",
        "acknowledge",
        "confirm",
        "deny",
        "suggest",
        "report",
        "recall",
        "continue",
        "describe",
        "tweet",
        "post",
        "testify",
        "conclude",
        "agree",
        "exclaim",
        "answer",
        "predict",
        "promise",
        "complain",
        "urge",
        "stress",
        "emphasise",
        "emphasize",
        "observe",
        "indicate",
        "mention",
        "assert",
        "maintain",
        "concede",
        "vow",
        "pledge",
        "joke",
        "speak",
        "quip",
        "recount",
        "allege",
        "caution",
        "contend",
        "estimate",
    ]
)
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "tells": "tell",
    "wrote": "write",
    "writes": "write",
    "spoke": "speak",
    "written": "write",
    "spoken": "speak",
}

_PERSONAL = frozenset({"he", "she", "him", "her"})
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
_TITLES = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:mr|mrs|ms|dr|prof|sen|rep|gov|gen|lt|col|capt|sgt|st)\.?\s+"
    r"|(?:president|prime minister|minister|senator|governor|mayor|professor|judge|chancellor|"
    r"secretary|chairman|chairwoman|chief executive|ceo|king|queen|prince|princess|pope|"
    r"representative|congressman|congresswoman|general|detective|inspector|officer|spokesman|"
    r"spokeswoman|spokesperson)\s+(?=[A-Z]))*",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


def speech_lemma(token: SpacyToken) -> str | None:
    """The speech lemma a token stands for, using the lemmatizer when there is one."""
    lower = token.lower_
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    lemma = token.lemma_.lower() if token.lemma_ else ""
    if lemma in SPEECH_LEMMAS and (
        token.pos_ in ("VERB", "AUX", "") or token.tag_.startswith("VB") or lower != lemma
    ):
        # An inflected form ("tweeted") is a verb even when the tagger calls it a noun.
        return lemma
    if not lemma or not token.doc.has_annotation("LEMMA"):
        for suffix in ("s", "ed", "d", "es"):
            if lower.endswith(suffix) and lower[: -len(suffix)] in SPEECH_LEMMAS:
                return lower[: -len(suffix)]
        if lower in SPEECH_LEMMAS:
            return lower
    return None


def normalise_name(mention: str) -> str:
    """A name for grouping: no leading article or title, no possessive, single spaces."""
    name = " ".join(mention.split())
    name = _POSSESSIVE.sub("", name) if len(name) > 2 else name
    trimmed = _TITLES.sub("", name)
    if not trimmed.strip():
        trimmed = _ARTICLE.sub("", name)
    return trimmed.strip() or name


def _speaker_from_span(doc: Doc, start: int, end: int) -> Speaker | None:
    """Speaker over tokens [start, end), trimmed of punctuation at either side."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    cstart = doc[start].idx
    cend = doc[end - 1].idx + len(doc[end - 1].text)
    mention = doc.text[cstart:cend]
    name = normalise_name(mention)
    # Keep the name a substring of the mention so the span always reads as the name.
    if name not in mention:
        name = mention
    return Speaker(cstart, cend, name)


class SpeakerFinder:
    """Speaker attribution for the quotations of one parsed document."""

    def __init__(self, doc: Doc, quotes: Sequence[QuoteSpan]) -> None:
        self.doc = doc
        self.text = doc.text
        self.quotes = quotes
        self.has_deps = doc.has_annotation("DEP")
        # Sentences never cross a paragraph break, whatever the parser thought.
        self.sents: list[Span] = []
        for start, end in sentence_spans(doc):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                self.sents.append(span)
        if not self.sents:
            self.sents = [doc[:]]
        self.sent_starts = [s.start_char for s in self.sents]
        self.ent_of: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        self.person_starts = [e.start_char for e in self.persons]
        self.quote_bounds = sorted((q.start, q.end) for q in quotes)
        self._qstarts = [b[0] for b in self.quote_bounds]

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self._qstarts, char) - 1
        return i >= 0 and self.quote_bounds[i][0] <= char < self.quote_bounds[i][1]

    def sent_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def find(self, quote: QuoteSpan) -> Speaker | None:
        if quote.kind is not QuoteKind.DIRECT:
            return None
        first = self.sent_index(quote.start)
        last = self.sent_index(max(quote.start, quote.end - 1))
        groups: list[list[int]] = [list(range(first, last + 1))]
        if last + 1 < len(self.sents) and self._same_paragraph(quote.end, self.sents[last + 1].start_char):
            groups.append([last + 1])
        if first > 0:
            prev = self.sents[first - 1]
            prev_text = self.text[prev.start_char : quote.start].rstrip()
            if prev_text.endswith(":") or self._same_paragraph(prev.end_char, quote.start):
                groups.append([first - 1])
        for group in groups:
            speaker = self._from_sentences(group, quote)
            if speaker is not None:
                return speaker
        return self._colon_introduction(quote)

    def _colon_introduction(self, quote: QuoteSpan) -> Speaker | None:
        """``X disagreed with these findings: "…"``: the subject of the clause before the colon."""
        if not self.has_deps or not self.text[: quote.start].rstrip().endswith(":"):
            return None
        colon = len(self.text[: quote.start].rstrip()) - 1
        sent = self.sents[self.sent_index(colon)]
        roots = [t for t in sent if t.idx < colon and t.dep_ == "ROOT" and not self.in_quote(t.idx)]
        for root in roots:
            subj = _nominal_subject(root)
            if subj is not None and not self.in_quote(subj.idx):
                return self._mention_for(self._named(subj))
        return None

    def _same_paragraph(self, a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return "\n" not in self.text[lo:hi]

    def _from_sentences(self, indices: list[int], quote: QuoteSpan) -> Speaker | None:
        verbs: list[tuple[int, SpacyToken]] = []
        for si in indices:
            sent = self.sents[si]
            for tok in sent:
                if self.in_quote(tok.idx):
                    continue
                if (
                    tok.lower_ == "according"
                    and tok.i + 1 < len(self.doc)
                    and self.doc[tok.i + 1].lower_ == "to"
                ) or speech_lemma(tok) is not None:
                    verbs.append((self._distance(tok, quote), tok))
        for _, verb in sorted(verbs, key=lambda pair: pair[0]):
            speaker = self._subject(verb, quote)
            if speaker is not None:
                return speaker
        return None

    @staticmethod
    def _distance(tok: SpacyToken, quote: QuoteSpan) -> int:
        if tok.idx >= quote.end:
            return tok.idx - quote.end
        return max(0, quote.start - tok.idx)

    def _subject(self, verb: SpacyToken, quote: QuoteSpan) -> Speaker | None:
        if verb.lower_ == "according":
            return self._mention_at(verb.i + 2, quote)
        if self.has_deps:
            subj = _nominal_subject(verb)
            if subj is not None and not self.in_quote(subj.idx):
                return self._mention_for(self._named(subj))
            if subj is not None:
                return None
        return self._surface_subject(verb, quote)

    def _mention_at(self, i: int, quote: QuoteSpan) -> Speaker | None:
        """The entity or noun phrase starting at token i (after 'according to')."""
        if i >= len(self.doc) or self.in_quote(self.doc[i].idx):
            return None
        tok = self.doc[i]
        if i in self.ent_of:
            return self._mention_for(tok)
        if self.has_deps:
            objects = [c for c in self.doc[i - 1].children if c.dep_ == "pobj"]
            if objects:
                return self._mention_for(self._named(objects[0]))
        return self._capitalised_run(i, forward=True)

    def _named(self, subj: SpacyToken) -> SpacyToken:
        """Prefer the person a subject phrase names: "his father, Abdullah Kurdi", "scholar Kelly Dittmar"."""
        ent = self.ent_of.get(subj.i)
        if ent is not None and ent.label_ == "PERSON":
            return subj
        for child in subj.children:
            if child.dep_ == "appos" and not self.in_quote(child.idx):
                named = self.ent_of.get(child.i)
                if named is not None and named.label_ == "PERSON":
                    return child
        persons = [
            t
            for t in subj.subtree
            if t.i in self.ent_of
            and self.ent_of[t.i].label_ == "PERSON"
            and not self.in_quote(t.idx)
            and not (self.ent_of[t.i].end < len(self.doc) and self.doc[self.ent_of[t.i].end].tag_ == "POS")
        ]
        return persons[-1] if persons else subj

    def _mention_for(self, tok: SpacyToken) -> Speaker | None:
        if tok.lower_ in _PERSONAL:
            return self._resolve_pronoun(tok)
        if tok.pos_ == "PRON" or tok.lower_ in ("i", "we", "they", "it", "you", "this", "that", "who"):
            return None
        ent = self.ent_of.get(tok.i)
        if ent is not None and ent.label_ in _SPEAKER_LABELS:
            return _speaker_from_span(self.doc, ent.start, ent.end)
        if ent is not None:
            return None  # a date or number as subject is not a speaker
        # A noun phrase: determiners and modifiers on the left, the head noun last.
        start = tok.i
        if self.has_deps:
            start = tok.left_edge.i
            # Do not reach back over punctuation or into a quotation.
            for j in range(tok.i - 1, start - 1, -1):
                if self.doc[j].is_punct or self.in_quote(self.doc[j].idx):
                    start = j + 1
                    break
        return _speaker_from_span(self.doc, start, tok.i + 1)

    def _resolve_pronoun(self, tok: SpacyToken) -> Speaker | None:
        """The nearest preceding PERSON, if the last few sentences name only one person."""
        si = self.sent_index(tok.idx)
        window_start = self.sents[max(0, si - 2)].start_char
        hi = bisect.bisect_left(self.person_starts, tok.idx)
        nearby = [
            p for p in self.persons[:hi] if p.start_char >= window_start and not self.in_quote(p.start_char)
        ]
        if not nearby:
            return None
        keys = {normalise_name(p.text).split()[-1].lower() for p in nearby if normalise_name(p.text).split()}
        if len(keys) != 1:
            return None
        nearest = nearby[-1]
        return _speaker_from_span(self.doc, nearest.start, nearest.end)

    def _surface_subject(self, verb: SpacyToken, quote: QuoteSpan) -> Speaker | None:
        """Without a parse: an entity or pronoun right before the verb, else a name right after it."""
        doc = self.doc
        for j in range(verb.i - 1, max(-1, verb.i - 5), -1):
            tok = doc[j]
            if self.in_quote(tok.idx) or tok.is_punct:
                break
            if j in self.ent_of and self.ent_of[j].label_ in _SPEAKER_LABELS:
                return self._mention_for(tok)
            if tok.lower_ in _PERSONAL:
                return self._resolve_pronoun(tok)
            if tok.is_title and tok.i != self.sents[self.sent_index(tok.idx)].start:
                return self._capitalised_run(j, forward=False)
        nxt = verb.i + 1
        if nxt < len(doc) and not self.in_quote(doc[nxt].idx):
            tok = doc[nxt]
            if nxt in self.ent_of and self.ent_of[nxt].label_ in _SPEAKER_LABELS:
                return self._mention_for(tok)
            if tok.lower_ in _PERSONAL:
                return self._resolve_pronoun(tok)
            if tok.is_title:
                return self._capitalised_run(nxt, forward=True)
        return None

    def _capitalised_run(self, i: int, *, forward: bool) -> Speaker | None:
        doc = self.doc
        if i >= len(doc) or not doc[i].is_title:
            return None
        start = end = i
        if forward:
            while end + 1 < len(doc) and doc[end + 1].is_title and not self.in_quote(doc[end + 1].idx):
                end += 1
        else:
            while start - 1 >= 0 and doc[start - 1].is_title and not self.in_quote(doc[start - 1].idx):
                start -= 1
        return _speaker_from_span(doc, start, end + 1)


def _nominal_subject(verb: SpacyToken) -> SpacyToken | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    # "…, he smiled and said": a conjoined verb shares its head's subject, and so does
    # a participle ("Trump congratulated Pelosi, saying, …").
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                return child
    return None


def find_speakers(doc: Doc, quotes: Sequence[QuoteSpan]) -> list[Speaker | None]:
    """One speaker (or None) per quotation, in the order given."""
    finder = SpeakerFinder(doc, quotes)
    return [finder.find(q) for q in quotes]
