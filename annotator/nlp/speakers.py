"""Attribute quotations to speakers using the parse the pipeline already made.

Order of evidence, nearest first: a speech verb outside the quotation in the
sentences the quotation touches (``"…," said Smith``, ``Smith told me: "…"``),
then ``according to X``, then a speech verb in the next sentence of the same
paragraph or in the previous one when that ends with a colon. The verb's nominal
subject is the speaker; without a dependency parse (the rule fallback) the nearest
entity or pronoun beside the verb stands in. A personal pronoun is resolved to the
nearest preceding PERSON only when the recent sentences name just one person;
otherwise no speaker is better than a wrong one. Failing that, a pronoun subject
refers to the nearest preceding subject that fits it ("he"/"she": a person or a
role noun such as "the head of the agency"; "it": an organisation, a document or a
website), provided no other person is named in between.

Passives name the speaker in the agent ("he was told by X", "described by X as"),
and a verb that opens its sentence has its subject after it ("Remarked scientist X,
"…""). With no speech verb at all, a quotation introduced by a colon belongs to a
"statement from X" or to the clause's subject, and a quotation that is the
complement of a named subject's verb ("X aims "to …"", "X is "…"") is that
subject's own wording, as when an article quotes an organisation's website.

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
        # Verbs that report words when a quotation is their complement: "called the stabbing
        # "…"", "talked of "…"", "the party informed the press", "wonders X".
        "call",
        "talk",
        "inform",
        "wonder",
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
# Common nouns that name a person by role: "the head of the agency said … She added".
_ROLE_NOUNS = frozenset(
    [
        "head",
        "chief",
        "minister",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "president",
        "mayor",
        "leader",
        "secretary",
        "chairman",
        "chairwoman",
        "chair",
        "manager",
        "officer",
        "governor",
        "senator",
        "author",
        "researcher",
        "scientist",
        "professor",
        "teacher",
        "doctor",
        "lawyer",
        "judge",
        "witness",
        "victim",
        "mother",
        "father",
        "wife",
        "husband",
        "daughter",
        "son",
        "woman",
        "man",
        "girl",
        "boy",
        "king",
        "queen",
        "prince",
        "princess",
        "bishop",
        "priest",
        "founder",
        "owner",
        "editor",
        "reporter",
        "journalist",
        "blogger",
        "activist",
        "expert",
        "analyst",
        "ambassador",
        "commander",
        "general",
        "coach",
        "captain",
        "student",
        "resident",
        "survivor",
        "prosecutor",
        "attorney",
    ]
)
# Common nouns an "it" can stand for when it is the one that speaks.
_BODY_NOUNS = frozenset(
    [
        "ministry",
        "agency",
        "department",
        "company",
        "government",
        "police",
        "study",
        "report",
        "court",
        "party",
        "group",
        "organisation",
        "organization",
        "council",
        "committee",
        "office",
        "union",
        "commission",
        "board",
        "website",
        "site",
        "firm",
        "statement",
        "network",
        "community",
        "newspaper",
        "paper",
        "army",
        "military",
        "palace",
        "service",
        "authority",
        "administration",
        "university",
        "institute",
        "foundation",
        "association",
        "federation",
        "bank",
        "airline",
        "school",
        "hospital",
        "embassy",
        "church",
        "club",
        "team",
        "blog",
        "magazine",
        "station",
        "channel",
        "league",
    ]
)
# Nouns that carry someone's words: "the following statement from the king:".
_STATEMENT_NOUNS = frozenset(
    [
        "statement",
        "message",
        "words",
        "remarks",
        "comment",
        "comments",
        "letter",
        "post",
        "tweet",
        "note",
        "announcement",
        "declaration",
        "response",
        "reply",
        "speech",
        "address",
    ]
)
# WORK_OF_ART: the small model's label for many website and report names that speak.
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART"})
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
    if lower in ("point", "points", "pointed") and token.i + 1 < len(token.doc):
        # "pointed out" reports words; "pointed" alone (at a map) does not.
        return "point out" if token.doc[token.i + 1].lower_ == "out" else None
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
        # The quotation's own sentence outranks its neighbours: a colon clause or a named
        # subject governing the quotation there beats a speech verb in the next sentence.
        speaker = (
            self._from_sentences(groups[0], quote)
            or self._colon_introduction(quote)
            or self._complement_of_named(quote)
        )
        for group in groups[1:]:
            if speaker is not None:
                break
            speaker = self._from_sentences(group, quote)
        return speaker

    def _colon_introduction(self, quote: QuoteSpan) -> Speaker | None:
        """``X disagreed with these findings: "…"``: the subject of the clause before the colon.

        The parser often hangs the colon clause under the quotation's own root, so the
        clause is found as the tokens before the colon whose head lies beyond it.
        """
        if not self.has_deps or not self.text[: quote.start].rstrip().endswith(":"):
            return None
        colon = len(self.text[: quote.start].rstrip()) - 1
        sent = self.sents[self.sent_index(colon)]
        before = [t for t in sent if t.idx < colon and not self.in_quote(t.idx)]
        # "the following statement from the king:" names the speaker, not the issuer.
        for tok in before:
            if tok.lemma_.lower() in _STATEMENT_NOUNS or tok.lower_ in _STATEMENT_NOUNS:
                for child in tok.children:
                    if child.dep_ == "poss" and not self.in_quote(child.idx):
                        return self._mention_for(self._named(child))
                    if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                        objects = [c for c in child.children if c.dep_ == "pobj"]
                        if objects and not self.in_quote(objects[0].idx):
                            return self._mention_for(self._named(objects[0]))
        heads = [t for t in before if t.head.i == t.i or t.head.idx >= colon]
        for head in heads:
            subj = _nominal_subject(head)
            if subj is not None and not self.in_quote(subj.idx):
                return self._mention_for(self._named(subj))
        # "In a statement, the ministry:": a bare noun phrase is the speaker.
        for head in heads:
            if head.pos_ in ("NOUN", "PROPN") and head.dep_ not in ("pobj", "npadvmod"):
                return self._mention_for(self._named(head))
        return None

    def _complement_of_named(self, quote: QuoteSpan) -> Speaker | None:
        """``RSBNet is "a single stop source …"``, ``Sakhdwipi aims "to provide …"``.

        No speech verb anywhere near, but the quotation is an argument of a verb whose
        subject is a name: the words are that body's own (its website, its charter).
        Only names count, so a common-noun subject ("the pattern was "hectic"") never does.
        """
        if not self.has_deps:
            return None
        inside = [
            t for t in self.doc.char_span(*quote.inner, alignment_mode="expand") or [] if not t.is_punct
        ]
        heads = {t.head.i for t in inside if not self.in_quote(t.head.idx)}
        if not heads:
            # The quotation opens after the subject and takes its verb with it:
            # "Dalit Solidarity is "committed to …"", "X "works on a global level …"".
            roots = [t for t in inside if t.head.i == t.i]
            heads = {roots[0].i} if len(roots) == 1 else set()
        if len(heads) != 1:
            return None
        head = self.doc[heads.pop()]
        appositive = head.dep_ == "appos" or any(t.dep_ == "appos" and t.head.i == head.i for t in inside)
        if appositive and self._is_name(head):
            # "JatLand, "the online home for the Jats"".
            return self._mention_for(head)
        if head.pos_ not in ("VERB", "AUX"):
            return None
        subj = _nominal_subject(head)
        if subj is None or self.in_quote(subj.idx):
            return None
        if not self._is_name(subj):
            # "Another group, Brahmin Culture and Tradition, is "dedicated to …"".
            names = [c for c in subj.children if c.dep_ == "appos" and self._is_name(c)]
            if not names or self.in_quote(names[0].idx):
                return None
            subj = names[0]
        return self._mention_for(self._named(subj))

    def _is_name(self, tok: SpacyToken) -> bool:
        ent = self.ent_of.get(tok.i)
        if ent is not None:
            return ent.label_ in _SPEAKER_LABELS
        return tok.pos_ == "PROPN"

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
            # A passive names the speaker in its agent: "he was told by X", "described by X as".
            for child in verb.children:
                if child.dep_ == "agent":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and not self.in_quote(objects[0].idx):
                        return self._mention_for(self._named(objects[0]))
            subj = _nominal_subject(verb)
            if subj is not None and subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                # "the community with 35,000 members, which asks people to join "if …"": the
                # parser hangs the clause on the nearest noun; climb out of the "with" phrase.
                subj = verb.head
                if (
                    subj.dep_ == "pobj"
                    and subj.head.lower_ == "with"
                    and subj.head.head.pos_ in ("NOUN", "PROPN")
                ):
                    subj = subj.head.head
            elif (
                subj is None
                and verb.dep_ == "acl"
                and verb.tag_ == "VBG"
                and verb.head.pos_ in ("NOUN", "PROPN")
            ):
                # "hearing the American President saying "…""; a past participle is passive
                # ("a statement called …") and its head noun is no speaker.
                subj = verb.head
            if (
                subj is not None
                and subj.dep_ == "nsubjpass"
                and speech_lemma(verb) in ("tell", "ask", "inform")
            ):
                return None  # "he was told": the subject heard the words, it did not say them
            if subj is not None and not self.in_quote(subj.idx):
                return self._mention_for(self._named(subj))
            if subj is not None:
                return None
            if self._opens_clause(verb):
                return self._after_verb(verb)
        return self._surface_subject(verb, quote)

    def _opens_clause(self, verb: SpacyToken) -> bool:
        """Nothing but punctuation or a quotation before the verb in its sentence."""
        sent = self.sents[self.sent_index(verb.idx)]
        return all(t.is_punct or t.is_space or self.in_quote(t.idx) for t in self.doc[sent.start : verb.i])

    def _after_verb(self, verb: SpacyToken) -> Speaker | None:
        """``Remarked Center for Biological Diversity scientist Tierra Curry, "…"``.

        The phrase after an inverted verb runs to the next punctuation; the person it
        ends with is the speaker, else the whole phrase if it is a name.
        """
        end = verb.i + 1
        while end < len(self.doc) and not self.doc[end].is_punct and not self.in_quote(self.doc[end].idx):
            end += 1
        phrase = self.doc[verb.i + 1 : end]
        if not len(phrase) or phrase[0].pos_ == "PRON" or phrase[0].lower_ in _PERSONAL:
            return None
        persons = [e for e in self.doc.ents if e.label_ == "PERSON" and e.start > verb.i and e.end <= end]
        if persons:
            return _speaker_from_span(self.doc, persons[-1].start, persons[-1].end)
        if any(t.pos_ == "PROPN" or t.is_title for t in phrase):
            return _speaker_from_span(self.doc, phrase.start, phrase.end)
        return None

    def _mention_at(self, i: int, quote: QuoteSpan) -> Speaker | None:
        """The entity or noun phrase starting at token i (after 'according to')."""
        if i >= len(self.doc) or self.in_quote(self.doc[i].idx):
            return None
        tok = self.doc[i]
        if self.has_deps:
            # "according to Rutgers University political scholar Kelly Dittmar": the person.
            objects = [c for c in self.doc[i - 1].children if c.dep_ == "pobj"]
            if objects:
                return self._mention_for(self._named(objects[0]))
        if i in self.ent_of:
            return self._mention_for(tok)
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
        if persons:
            return persons[-1]
        # "University of California, San Diego's chancellor, Pradeep Khosla": a proper-noun
        # apposition deeper in the phrase names the person when the tagger missed it.
        for t in subj.subtree:
            if (
                t.dep_ == "appos"
                and t.pos_ == "PROPN"
                and t.i not in self.ent_of
                and t.head.pos_ == "NOUN"
                and not self.in_quote(t.idx)
            ):
                return t
        return subj

    def _mention_for(self, tok: SpacyToken) -> Speaker | None:
        if tok.lower_ in _PERSONAL or tok.lower_ == "it":
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
        end = tok.i + 1
        if self.has_deps and tok.pos_ == "NOUN":
            # "the head of the agency": a role is only a speaker together with whose it is.
            for child in tok.rights:
                if child.dep_ == "prep" and child.lower_ == "of":
                    stop = child.right_edge.i + 1
                    if not any(t.is_punct or self.in_quote(t.idx) for t in self.doc[end:stop]):
                        end = stop
                    break
        return _speaker_from_span(self.doc, start, end)

    def _resolve_pronoun(self, tok: SpacyToken) -> Speaker | None:
        """The nearest preceding PERSON, if the last few sentences name only one person."""
        si = self.sent_index(tok.idx)
        window_start = self.sents[max(0, si - 2)].start_char
        hi = bisect.bisect_left(self.person_starts, tok.idx)
        nearby = [
            p for p in self.persons[:hi] if p.start_char >= window_start and not self.in_quote(p.start_char)
        ]
        if tok.lower_ == "it":
            return self._preceding_subject(tok, window_start, nearby)
        keys = {_surname_key(p.text) for p in nearby}
        if len(keys) == 1:
            nearest = nearby[-1]
            return _speaker_from_span(self.doc, nearest.start, nearest.end)
        return self._preceding_subject(tok, window_start, nearby)

    def _preceding_subject(self, tok: SpacyToken, window_start: int, persons: list[Span]) -> Speaker | None:
        """The nearest earlier subject a pronoun can stand for, if no other person comes between.

        Subjects carry the topic from sentence to sentence ("Brudziński called it "…". He
        said …"), so the last fitting subject is the antecedent; a person named after it
        (as object, in a list) makes the pronoun ambiguous and we give up.
        """
        if not self.has_deps:
            return None
        animate = tok.lower_ in _PERSONAL
        for i in range(tok.i - 1, -1, -1):
            cand = self.doc[i]
            if cand.idx < window_start:
                break
            if cand.dep_ not in ("nsubj", "nsubjpass") or self.in_quote(cand.idx) or cand.pos_ == "PRON":
                continue
            if not self._fits(cand, animate=animate):
                continue
            named = self._named(cand)
            key = _surname_key(named.text)
            if any(p.start_char > cand.idx and _surname_key(p.text) != key for p in persons):
                return None
            return self._mention_for(named)
        return None

    def _fits(self, cand: SpacyToken, *, animate: bool) -> bool:
        ent = self.ent_of.get(cand.i)
        lemma = cand.lemma_.lower() or cand.lower_
        if animate:
            if ent is not None:
                return ent.label_ == "PERSON"
            return (cand.pos_ == "PROPN" and cand.tag_ != "NNPS") or lemma in _ROLE_NOUNS
        if ent is not None:
            return ent.label_ in ("ORG", "NORP", "GPE", "FAC")
        return cand.tag_ in ("NN", "NNP") and (lemma in _BODY_NOUNS or cand.pos_ == "PROPN")

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


def _surname_key(mention: str) -> str:
    words = normalise_name(mention).split()
    return words[-1].lower() if words else ""


def _nominal_subject(verb: SpacyToken) -> SpacyToken | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # "said study co-author Professor Carl Lipo" parses as several subjects; the name
        # is the one that is a proper noun.
        proper = [c for c in subjects if c.pos_ == "PROPN"]
        return proper[-1] if len(subjects) > 1 and proper else subjects[0]
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
