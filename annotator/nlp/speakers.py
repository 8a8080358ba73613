"""Attribute quotations to speakers using the parse the pipeline already made.

A speaker is two things: the **mention** that attributes the quotation in the text ("he",
"the firm", "Sanders", "an Interpol spokesperson") and the **name** it resolves to, the
fullest name of the same referent in the article ("Bernie Sanders", "Anthropic"). Each
attribution also records the rule that made it, so the evaluation can count them per rule.

Attribution, nearest evidence first (rule names in brackets):

- a speech verb outside the quotation in the sentences it touches: its nominal subject
  (``verb_subject``), the agent of a passive ("was told by X", ``passive_agent``), or the
  name after a verb that opens its sentence ("Remarked scientist X, "…"", ``inverted_verb``);
  "according to X" (``according_to``);
- with no verb: a quotation after a colon belongs to "a statement from X" (``statement_of``),
  to the clause's subject (``colon_subject``) or to a bare noun phrase (``colon_noun``); a
  quotation that is the complement of a named subject's verb is that subject's wording
  ("X is "…"", ``named_complement``), and so is one in apposition to a name (``appositive``);
- then a speech verb in the next sentence of the same paragraph, or in the previous one when
  that ends with a colon (the rule name gets ``+next`` / ``+prev``);
- a speech verb the parser left without a subject takes the nearest name before it in its
  sentence (``name_before_verb``); a pull quote is credited after a dash (``dash_credit``);
  a quotation standing alone, with no speech verb near, goes on with the speaker of the one
  before it in the paragraph or the person the sentence before is about (``continues``);
- without a parse, the nearest entity or pronoun beside the verb (``surface``).

A quotation woven into the writer's sentence (`called it a "decent man"`) is attributed only
by a speech verb that governs it or stands just before it ("noting on Twitter "…""), or
"according to" in its sentence: a term that merely shares a sentence with "said" is not
someone's words. A quotation the text presents as a term ("the slogan "…"", a nickname between
a person's names, an unattributed title in title case) has no speaker.

Subjects that cannot speak are passed over: "He claimed a vaccine was near and said …" is his,
"Politico quoted Tim Manning as saying …" is Manning's, "the officials signed a letter saying
…" is the officials', "Bolsonaro opposed Macron's statement: "…"" is Bolsonaro's reply.

Places, media and documents never speak: a document subject ("the statement read", "an AEW
press release") gives its owner ("Stardom's", "AEW", "from the king", ``document_owner``) or
nobody; a relative "who" is a person, so "Dr. Shaw, a researcher at Cambridge, who told me:"
climbs past the place to the person.

Spoken English in interviews quotes with "be like" ("And I was like, "…""), which counts as a
speech verb; ""…", read the statement." speaks for whoever released the statement named before.

Resolution: a personal pronoun stands for the nearest preceding PERSON when the recent
sentences name only one, else for the nearest earlier subject that fits ("he"/"she": a person
or a role noun; "it": an organisation, provided no other person is named in between); "I" and
"we" in an interview's answers are the interviewee, and so is "you" in the interviewer's
statements (not in questions). A surname resolves to the first full name
with that surname (a longer form of it if there is one, or the full name with two surnames
that it is the first of: "Rosselló" → "Ricardo Rosselló Nevares"), a first name to the one full name
that begins with it, a title or role ("the president", "the commissioner") to the person the
article gives it, else (not for kin) to the person the last sentences are about; "the firm" /
"the commission" to the organisation it stands for, a short name or an acronym to the
organisation's full name ("Ford" to "Ford Motor Company"). Letters after a name ("QC") go.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span
from spacy.tokens import Token as SpacyToken

from annotator.core.model import Speaker
from annotator.nlp.candidates import sentence_spans
from annotator.nlp.entities import proper_nouns
from annotator.nlp.lang.en.entities import SURNAME_PARTICLES
from annotator.nlp.lang.en.referents import (
    BODY_NOUNS,
    CORPORATE_DESIGNATORS,
    DESCRIPTOR_NOUNS,
    DESCRIPTOR_SUFFIXES,
    DOCUMENT_NOUNS,
    FIRST_PERSON,
    GENERIC_BODY_NOUNS,
    GENERIC_NOUNS,
    HONORIFICS,
    INTERVIEW_MARK,
    INTERVIEWER_MARKS,
    KIN_NOUNS,
    MEDIUM_NOUNS,
    NAME_SUFFIXES,
    PARTITIVES,
    PEOPLE_NOUNS,
    PERSONAL_PRONOUNS,
    POST_NOMINALS,
    PRONOUN_GENDERS,
    QUESTION_OPENERS,
    ROLE_NOUNS,
    RULING_NOUNS,
    TITLE_NOUNS,
    TITLE_WORDS,
)
from annotator.nlp.lang.en.speech import (
    BE_FORMS,
    DOCUMENT_VERBS,
    EVIDENCE_VERBS,
    GOING_ON_VERBS,
    IRREGULAR_FORMS,
    NAMING_VERBS,
    PARTICLE_VERBS,
    PUBLISHING_VERBS,
    QUOTATIVES,
    SPEECH_LEMMAS,
)
from annotator.nlp.quotes import QuoteSpan

# WORK_OF_ART: the small model's label for many website and report names that speak.
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_ORG_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "NORP"})
_ORG_OWNERS = frozenset({"PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART"})
_TITLES = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:" + "|".join(HONORIFICS) + r")\.?\s+"
    # A title word goes only before a capitalised name, whatever the case of the title: the
    # secretary of a bureau is named by the whole phrase, not "of the … Bureau".
    r"|(?:" + "|".join(TITLE_WORDS) + r")\s+(?=(?-i:[A-Z])))*",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
_POSSESSIVE = re.compile(r"['’]s?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,9}s?$")
_TITLE_TOKENS = (
    frozenset(HONORIFICS) | {w for title in TITLE_WORDS for w in title.split()} | {"whip", "leader"}
)
_NEVER_SPEAKERS = frozenset({"you", "this", "that", "who", "which"})
_ROLE_PREFIXES = frozenset({"co", "ex", "vice", "deputy", "self"})
_ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w.'’&-]*|of|and|for|the|on|de|du|des|la|le|&)(?:\s+(?:[A-Z][\w.'’&-]*|of|and|for|the|on|de"
    r"|du|des|la|le|&))*)\s*\(([A-Z][A-Z&.]{1,9})\)"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker (or None) for one quotation and the rule that found it ("" when none did)."""

    speaker: Speaker | None
    rule: str = ""
    term: bool = False
    """The text presents the quotation as a name, title or term: a scare quote, whatever its form."""
    unnamed: bool = False
    """Someone the text does not name said it ("people are like "…""): said, so not a scare quote,
    though it has no speaker to show."""


@dataclass(frozen=True, slots=True)
class _Found:
    mention: Span
    referent: Span | str
    rule: str


def speech_lemma(token: SpacyToken) -> str | None:
    """The speech lemma a token stands for, using the lemmatizer when there is one."""
    lower = token.lower_
    if (
        token.lemma_.lower() == "deny"
        and any(c.dep_ == "auxpass" for c in token.children)
        and any(c.dep_ == "dobj" for c in token.children)
    ):
        # "businesses were being denied the right to serve "…"": refused a thing, which reports
        # no words; "the claims were denied" still does.
        return None
    for verb, particle in PARTICLE_VERBS.items():
        if lower in (verb, verb + "s", verb + "ed", verb + "ing") and token.i + 1 < len(token.doc):
            # "pointed out" reports words; "pointed" alone (at a map) does not.
            return f"{verb} {particle}" if token.doc[token.i + 1].lower_ == particle else None
    if lower in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[lower]
    if lower in BE_FORMS and token.i + 2 < len(token.doc):
        # Spoken English quotes with "be like": "And I'm like, "I am ex-Muslim."", "she's like
        # "you need to pray more"". The form of "be" carries the subject, as a speech verb does.
        nxt, after = token.doc[token.i + 1], token.doc[token.i + 2]
        if nxt.lower_ in QUOTATIVES and (after.text in (",", ":") or after.is_quote):
            return f"be {nxt.lower_}"
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
    """A name for grouping: no leading article or title, no possessive or letters after it
    ("Kama Melly QC"), single spaces."""
    name = " ".join(_ZERO_WIDTH.sub("", mention).split())
    name = _POSSESSIVE.sub("", name) if len(name) > 2 else name
    trimmed = _TITLES.sub("", name)
    if not trimmed.strip():
        trimmed = _ARTICLE.sub("", name)
    words = trimmed.split()
    while len(words) > 2 and words[-1].lower().rstrip(",") in POST_NOMINALS:
        words.pop()
    return " ".join(words) or name


@lru_cache(maxsize=1 << 14)
def _name_words(name: str) -> tuple[str, ...]:
    """Cached: each quotation's speaker is matched against every full name of its article."""
    return tuple(w for w in normalise_name(name).split() if w.lower() not in NAME_SUFFIXES)


def _surname_key(mention: str) -> str:
    words = _name_words(mention)
    return words[-1].lower() if words else ""


class SpeakerFinder:
    """Speaker attribution for the quotations of one parsed document."""

    def __init__(
        self,
        doc: Doc,
        quotes: Sequence[QuoteSpan],
        sentences: Sequence[tuple[int, int]] | None = None,
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # doc.text joins every token anew
        self.quotes = quotes
        self.has_deps = doc.has_annotation("DEP")
        # Sentences never cross a paragraph break, whatever the parser thought.
        self.sents: list[Span] = []
        for start, end in sentence_spans(doc) if sentences is None else sentences:
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
        self.quote_bounds = sorted((q.start, q.end) for q in quotes)
        self._qstarts = [b[0] for b in self.quote_bounds]
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        self.person_starts = [e.start_char for e in self.persons]
        self._acronyms: dict[str, str] | None = None
        self._people: list[tuple[int, str]] | None = None
        self._said: dict[int, _Found] = {}
        """What found each attributed quotation's speaker, by its start, for the ones after it."""

    # --- where things are ------------------------------------------------------------------

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self._qstarts, char) - 1
        return i >= 0 and self.quote_bounds[i][0] <= char < self.quote_bounds[i][1]

    def sent_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def _same_paragraph(self, a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return "\n" not in self.text[lo:hi]

    def _quote_tokens(self, quote: QuoteSpan) -> list[SpacyToken]:
        span = self.doc.char_span(*quote.inner, alignment_mode="expand")
        return [t for t in span or [] if not t.is_punct]

    # --- attribution -----------------------------------------------------------------------

    def attribute(self, quote: QuoteSpan) -> Attribution:
        if (
            quote.term
            or self._names_a_thing(quote)
            or self._nickname(quote)
            or self._named_by_participle(quote)
        ):
            return Attribution(None, term=True)
        found = self._find(quote)
        if found is None:
            # An unattributed quotation in title case is a title: "the "Reproductive Health Care
            # Reform Bill 2019"", "the panel "Breaking Into Comics"".
            return Attribution(
                None,
                term=_title_case(self.text[slice(*quote.inner)])
                or self._premodifier(quote)
                or self._listed_with_nouns(quote),
            )
        if found.referent == "":
            return Attribution(None, unnamed=True)
        mention = found.mention
        name = self._resolve(found.referent)
        if not name:
            return Attribution(None)
        self._said[quote.start] = found
        return Attribution(Speaker(mention.start_char, mention.end_char, name), found.rule)

    def _premodifier(self, quote: QuoteSpan) -> bool:
        """``governed under the "one country, two systems" model``: a quotation between a determiner
        or adjective and the noun it qualifies is a name used as a modifier. Asked only when no one
        is found to have said it, so "called it a "…" decision" stays its speaker's wording."""
        if not self.has_deps:
            return False
        inside = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if inside is None or not len(inside) or inside.start == 0 or inside.end >= len(self.doc):
            return False
        before, after = self.doc[inside.start - 1], self.doc[inside.end]
        return (
            before.pos_ in ("DET", "ADJ")
            and before.tag_ != "WDT"
            and after.tag_ in ("NN", "NNS", "NNP", "NNPS")
            and after.dep_ != "npadvmod"
            and not self.in_quote(after.idx)
        )

    def _listed_with_nouns(self, quote: QuoteSpan) -> bool:
        """``advocating for social justice, environmentalism, and "a consistent life ethic"``: a
        quotation joined to a list of plain nouns is one more item of it, a term. Asked only when
        no one is found to have said it, so "accused him of fraud and "…"" stays his accuser's."""
        if not self.has_deps:
            return False
        tokens = self._quote_tokens(quote)
        if any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return False  # "excitement and "the stress I'm putting on my body"" is someone's words
        heads = [t for t in tokens if not self.in_quote(t.head.idx)]
        return any(
            t.dep_ == "conj"
            and t.head.pos_ == "NOUN"
            and t.head.i < t.i
            and t.pos_ in ("NOUN", "ADJ", "PROPN")  # the model tags "ethic" ADJ
            for t in heads
        )

    def _nickname(self, quote: QuoteSpan) -> bool:
        """``Pasquale "Pat" Di Cicco``: a quoted word between the names of a person is a nickname."""
        before = self.text[max(0, quote.start - 30) : quote.start]
        after = self.text[quote.end : quote.end + 30]
        inner = self.text[slice(*quote.inner)].split()
        return (
            0 < len(inner) <= 2
            and re.search(r"\b[A-Z][\w.'’-]+ $", before) is not None
            and re.match(r" (?:[A-Z][\w'’-]+|d[aei]|de la|van|von) ", after) is not None
            and before.rstrip()[-1:].isalpha()
        )

    def _find(self, quote: QuoteSpan) -> _Found | None:
        first = self.sent_index(quote.start)
        last = self.sent_index(max(quote.start, quote.end - 1))
        own = list(range(first, last + 1))
        if quote.woven:
            if self._named_by_nobody(quote):
                return None
            return (
                self._from_governing(quote)
                or self._verb_just_before(quote)
                or self._from_sentences(own, quote, according_only=True)
                or self._colon_introduction(quote)
                or self._complement_of_named(quote)
            )
        credit = self._dash_credit(quote)
        if credit is not None:
            return credit
        groups: list[tuple[list[int], str]] = []
        if not quote.short:
            if last + 1 < len(self.sents) and self._same_paragraph(
                quote.end, self.sents[last + 1].start_char
            ):
                groups.append(([last + 1], "+next"))
            if first > 0:
                prev = self.sents[first - 1]
                prev_text = self.text[prev.start_char : quote.start].rstrip()
                if prev_text.endswith(":") or self._same_paragraph(prev.end_char, quote.start):
                    groups.append(([first - 1], "+prev"))
        # The quotation's own sentence outranks its neighbours: a colon clause or a named
        # subject governing the quotation there beats a speech verb in the next sentence.
        found = (
            self._from_sentences(own, quote)
            or self._colon_introduction(quote)
            or self._complement_of_named(quote)
        )
        for indices, suffix in groups:
            if found is not None:
                break
            found = self._from_sentences(indices, quote)
            if found is not None:
                found = _Found(found.mention, found.referent, found.rule + suffix)
        if found is None and not quote.short:
            found = self._continuation(quote, first)
        return found

    def _dash_credit(self, quote: QuoteSpan) -> _Found | None:
        """A pull quote credited after a dash: ``"…" — Aparna Garg, Mysore Divisional Railway Manager``."""
        after = re.match(r"[ \t\u00a0]*[—–][ \t\u00a0\u200d]*", self.text[quote.end : quote.end + 12])
        if after is None:
            return None
        start = quote.end + after.end()
        line_end = self.text.find("\n", start)
        credit = self.text[start : line_end if line_end >= 0 else len(self.text)].split(",")[0]
        words = credit.split()
        if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            return None
        span = self.doc.char_span(start, start + len(credit.rstrip()), alignment_mode="expand")
        return _Found(span, span, "dash_credit") if span is not None and len(span) else None

    def _continuation(self, quote: QuoteSpan, first: int) -> _Found | None:
        """A quotation standing alone with no speech verb near it goes on with the one the paragraph
        is about: the speaker of the quotation before it in the paragraph, else the person who is
        the subject of the sentence before (""… a "chance to face my demons". "I was in an
        extremely competitive program …""). A person subject named in between ends it."""
        if first == 0:
            return None
        prev = self.sents[first - 1]
        if not self._same_paragraph(prev.end_char, quote.start):
            return None
        own = self.sents[first]
        if any(speech_lemma(t) is not None for t in own if not self.in_quote(t.idx)):
            return None  # "He was told "…"": its sentence says how it was said, and not by whom
        earlier = [
            q for q in self.quote_bounds if q[1] <= quote.start and self._same_paragraph(q[1], quote.start)
        ]
        said = self._said.get(earlier[-1][0]) if earlier else None
        subjects = [
            t
            for t in prev
            if t.dep_ in ("nsubj", "nsubjpass")
            and not self.in_quote(t.idx)
            and (
                t.lower_ in PERSONAL_PRONOUNS or (t.i in self.ent_of and self.ent_of[t.i].label_ == "PERSON")
            )
        ]
        if said is not None and (not subjects or earlier[-1][1] > subjects[-1].idx):
            return _Found(said.mention, said.referent, "continues")
        if not subjects:
            return None
        found = self._found(subjects[0], "continues")
        return found

    def _verb_just_before(self, quote: QuoteSpan) -> _Found | None:
        """``recalls realizing "oh, …"``, ``noting on Twitter "[h]is venture …"``: a speech verb that
        introduces the quotation it stands before, whatever the parser hung the quotation on.
        Between them only a place or medium ("on Twitter"), "that", or a verb of thinking."""
        if not self.has_deps:
            return None
        i = self.doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
        if i is None or not len(i):
            return None
        j = i[0].i - 1
        for _ in range(6):
            if j < 0 or self.in_quote(self.doc[j].idx):
                return None
            tok = self.doc[j]
            if speech_lemma(tok) is not None and tok.pos_ in ("VERB", "AUX"):
                return self._subject(tok, quote)
            if not (
                tok.is_punct
                or tok.is_space
                or tok.dep_ in ("prep", "pobj", "det", "compound", "amod", "poss", "mark", "xcomp")
            ):
                return None
            j -= 1
        return None

    def _from_governing(self, quote: QuoteSpan) -> _Found | None:
        """The nearest speech verb above a woven quotation in the parse, and its subject."""
        if not self.has_deps:
            return self._from_sentences(
                list(range(self.sent_index(quote.start), self.sent_index(quote.end - 1) + 1)), quote
            )
        seen: set[int] = set()
        verbs: list[SpacyToken] = []
        for tok in self._quote_tokens(quote):
            node = tok
            while node.head.i != node.i:
                if (
                    node.pos_ in ("VERB", "AUX")
                    and node.dep_ == "conj"
                    and speech_lemma(node.head) is not None
                    and speech_lemma(node) is None
                    and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in node.children)
                ):
                    # A predicate beside the speech verb, sharing its subject: "describes … and
                    # questions the "…""; a clause with its own subject ("but "that she …"") is
                    # a second thing said.
                    break

                node = node.head
                if node.i in seen:
                    break
                seen.add(node.i)
                if not self.in_quote(node.idx) and speech_lemma(node) is not None:
                    verbs.append(node)
        verbs.sort(key=lambda v: self._depth_below(v, quote))
        # "The border issue is the "main difference" …, he added": a speech verb hanging off the
        # quotation's clause after it, behind a comma, reports the whole clause.
        for ancestor in seen:
            for child in self.doc[ancestor].children:
                if (
                    child.idx >= quote.end
                    and child.dep_ in ("parataxis", "ccomp", "advcl", "conj")
                    and speech_lemma(child) is not None
                    and child.i > 0
                    and self.doc[child.left_edge.i - 1].text == ","
                    and child not in verbs
                ):
                    verbs.append(child)
        for ancestor in sorted(seen):
            saying = self._went_on_to_say(self.doc[ancestor], quote)
            if saying is not None and saying not in verbs:
                verbs.append(saying)
        verbs.extend(v for v in self._participles_with_agent(quote) if v not in verbs)
        for verb in verbs:
            found = self._subject(verb, quote)
            if found is not None:
                return found
        return None

    def _went_on_to_say(self, verb: SpacyToken, quote: QuoteSpan) -> SpacyToken | None:
        """The speech verb of ``Schwartz went on to say he was not giving them … because they had
        "…"``: the parser hangs the reason clause on "went", beside "say", so "say" is no ancestor
        of the quotation; going on to say is saying, so "say" reports it."""
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        if " ".join([verb.lemma_.lower(), *particles[:1]]) not in GOING_ON_VERBS:
            return None
        for child in verb.children:
            if (
                child.dep_ in ("advcl", "xcomp")
                and child.idx < quote.start
                and not self.in_quote(child.idx)
                and speech_lemma(child) is not None
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            ):
                return child
        return None

    def _participles_with_agent(self, quote: QuoteSpan) -> list[SpacyToken]:
        """``the famous "Ich bin ein Berliner" stated by JFK``: a speech verb's past participle
        after the quotation, hung on it, names who said it in its agent. It is the quotation's
        child, not its ancestor, so the walk up the parse misses it; the model also hangs it
        on a closing guillemet it reads as a noun, so the marks count as the quotation's words.
        Without an agent ("a plan called "…"") it names a thing and is left to the term rules."""
        if not self.has_deps:
            return []
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        out = []
        for tok in span or []:
            for child in tok.children:
                agent = _agent(child) if child.dep_ == "acl" and child.tag_ == "VBN" else None
                if (
                    agent is not None
                    and child.idx >= quote.end
                    and speech_lemma(child) is not None
                    and not self.in_quote(agent.idx)
                ):
                    out.append(child)
        return out

    def _names_a_thing(self, quote: QuoteSpan) -> bool:
        """``his event, "Storm Area 51, They Can't Stop All of Us", was posted``: a quotation in
        apposition to a common noun is that thing's name or title, which nobody is quoted saying."""
        if not self.has_deps:
            return False
        heads = [t for t in self._quote_tokens(quote) if not self.in_quote(t.head.idx)]
        return any(
            t.dep_ == "appos"
            and t.head.pos_ == "NOUN"
            and t.head.lemma_.lower() not in ROLE_NOUNS
            and t.head.lemma_.lower() not in DOCUMENT_NOUNS  # "his statement, "…"" is his words
            and not self._object_complement(t.head, quote)
            for t in heads
        )

    def _object_complement(self, noun: SpacyToken, quote: QuoteSpan) -> bool:
        """``has called limited liability "one of man's greatest inventions"``: the parser reads the
        quotation as in apposition to the object of a speech verb, but with no comma between them
        and in plain words it is what the subject called the object, the subject's wording. A
        title-case quotation stays a name ("called the programme "Learning Together"")."""
        return (
            noun.dep_ == "dobj"
            and speech_lemma(noun.head) is not None
            and noun.i + 1 < len(self.doc)
            and self.doc[noun.i + 1].idx == quote.start
            and not _title_case(self.text[slice(*quote.inner)])
        )

    def _named_by_participle(self, quote: QuoteSpan) -> bool:
        """``a program at Fishmongers' Hall called "Learning Together"``: a naming verb standing as a
        bare past participle after a noun (no subject, object, auxiliary or agent of its own) gives
        the noun its name. The parser often takes "called" for a finite verb hung on the main one,
        whose subject would then be credited with a name nobody is quoted saying."""
        if not self.has_deps:
            return False
        for tok in self._quote_tokens(quote):
            if self.in_quote(tok.head.idx):
                continue
            verb = tok.head
            if verb.dep_ == "prep" and verb.head.i != verb.i:
                verb = verb.head  # "referred to as "…"" hangs the name on a preposition
            if not (
                speech_lemma(verb) in NAMING_VERBS
                and verb.tag_ in ("VBN", "VBD")
                and verb.dep_ in ("acl", "advcl")
                and verb.i > 0
                and self.doc[verb.i - 1].pos_ in ("NOUN", "PROPN")
                and verb.i < tok.i
            ):
                continue
            if any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "auxpass", "agent") for c in verb.children
            ):
                continue
            return _agent(verb) is None
        return False

    def _named_by_nobody(self, quote: QuoteSpan) -> bool:
        """``It was called the "breadbasket"``: the nearest speech verb above is a passive with no
        agent, so people the text does not name said it, and "according to CNN" beside it
        reports the naming rather than making it."""
        if not self.has_deps:
            return False
        for tok in self._quote_tokens(quote):
            node = tok
            while node.head.i != node.i:
                node = node.head
                if not self.in_quote(node.idx) and speech_lemma(node) is not None:
                    return _passive_without_agent(node)
        return False

    def _depth_below(self, verb: SpacyToken, quote: QuoteSpan) -> int:
        best = 10_000
        for tok in self._quote_tokens(quote):
            depth, node = 0, tok
            while node.head.i != node.i and node.i != verb.i:
                node, depth = node.head, depth + 1
            if node.i == verb.i:
                best = min(best, depth)
        return best

    def _from_sentences(
        self, indices: list[int], quote: QuoteSpan, *, according_only: bool = False
    ) -> _Found | None:
        verbs: list[tuple[int, SpacyToken]] = []
        for si in indices:
            for tok in self.sents[si]:
                if self.in_quote(tok.idx):
                    continue
                according = (
                    tok.lower_ == "according"
                    and tok.i + 1 < len(self.doc)
                    and self.doc[tok.i + 1].lower_ == "to"
                )
                if according or (not according_only and speech_lemma(tok) is not None):
                    verbs.append((self._distance(tok, quote), tok))
        for _, verb in sorted(verbs, key=lambda pair: pair[0]):
            found = self._subject(verb, quote)
            if found is not None:
                return found
        return None

    @staticmethod
    def _distance(tok: SpacyToken, quote: QuoteSpan) -> int:
        if tok.idx >= quote.end:
            return tok.idx - quote.end
        return max(0, quote.start - tok.idx)

    def _subject(self, verb: SpacyToken, quote: QuoteSpan) -> _Found | None:
        if verb.lower_ == "according":
            return self._mention_at(verb.i + 2)
        if not self.has_deps:
            return self._surface_subject(verb)
        inverted = self._document_after_quote(verb)
        if inverted is not None:
            # ""…", read the statement.": the document read out speaks for its owner, and "the
            # warning" is the one named before ("The orange warning issued by Met Éireann").
            owner = self._owner(inverted, depth=0) or self._earlier_owner(inverted)
            return self._found(owner, "document_owner") if owner is not None else None
        if (
            any(c.lower_ in ("which", "what", "whom") and c.dep_ in ("dobj", "oprd") for c in verb.children)
            or (verb.dep_ == "relcl" and any(c.lower_ == "that" and c.dep_ == "dobj" for c in verb.children))
        ) and not self._described_as(verb, quote):
            # "— which the BBC noted as unusual —": the verb reports the noun it describes,
            # not the quotation beside it.
            return None
        # A passive names the speaker in its agent: "he was told by X", "described by X as".
        agent = _agent(verb)
        if agent is not None and not self.in_quote(agent.idx):
            return self._found(self._named(agent), "passive_agent")
        quoted = _quoted_as_saying(verb)
        if quoted is not None and not self.in_quote(quoted.idx):
            # "Politico quoted Tim Manning as saying "…"": the one quoted, not the one quoting.
            return self._found(self._named(quoted), "verb_subject")
        subj = _nominal_subject(verb)
        if subj is not None and subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            subj = self._relative_antecedent(subj, verb)
            if subj is None:
                return None
        elif (
            subj is None and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN")
        ):
            # "hearing the American President saying "…""; a past participle is passive
            # ("a statement called …") and its head noun is no speaker.
            subj = verb.head
        elif (
            subj is None
            and verb.dep_ == "acl"
            and speech_lemma(verb) in DOCUMENT_VERBS
            and verb.head.lemma_.lower() in DOCUMENT_NOUNS
            and not self.in_quote(verb.head.idx)
        ):
            # "The summary of the decision read in part: "…"": past "read" looks like a participle
            # and the parser hangs it on the document as "the decision (that was) read"; the
            # document is what reads, and its owner the speaker (a reader would be its agent).
            subj = verb.head
        if subj is not None and subj.dep_ == "nsubjpass":
            # "he was told", "it was called the "breadbasket"": the subject of a passive heard
            # or was named by the words; its speaker is the agent or nobody.
            return None
        if (
            subj is not None
            and speech_lemma(verb) in DOCUMENT_VERBS
            and subj.lemma_.lower() not in DOCUMENT_NOUNS
        ):
            document = _document_of(subj)
            if document is not None and not self.in_quote(document.idx):
                # "Part of the judge's statement reads "…"": the document's owner.
                return self._found(document, "document_owner")
            return None  # "she read "…"" quotes a text she did not write
        if (
            subj is not None
            and not self.in_quote(subj.idx)
            and not _could_speak(subj)
            and verb.head.i != verb.i
            and (
                verb.dep_ in ("advcl", "conj")
                or (
                    verb.dep_ == "ccomp"
                    and speech_lemma(verb) in EVIDENCE_VERBS
                    and speech_lemma(verb.head) is not None
                )
            )
        ):
            # "The governor tweeted her reasoning saying, "…"", "Blackburn told Discover the
            # frequency of spiky skulls suggested …: "…"": a subject that cannot speak, under a
            # verb of its own speaker, gives way to that verb's subject.
            outer = _nominal_subject(verb.head)
            if outer is not None and _could_speak(outer) and not self.in_quote(outer.idx):
                return self._found(self._named(outer), "verb_subject")
        if subj is not None and not self.in_quote(subj.idx):
            return self._found(self._named(subj), "verb_subject")
        if (
            verb.dep_ == "advcl"
            and verb.tag_ == "VBG"
            and verb.i < verb.head.i
            and speech_lemma(verb.head) is not None
            and not self.in_quote(verb.head.idx)
            and _nominal_subject(verb.head) is None
            and self._depth_below(verb, quote) <= 2
        ):
            # "Calling it as "…", Anna Franowska of "Have no fear", a charity, told Reuters": the
            # participle opening the sentence is done by the main verb's speaker, whom the parser
            # left without a subject (it hung the name on the quotation as an apposition).
            return self._name_before(verb.head)
        if self._opens_clause(verb):
            # ""…," tweeted former executive Ken Gude": the parser may make the quotation the
            # subject and the speaker an object; the name after the verb is who spoke.
            return self._after_verb(verb)
        if (
            verb.dep_ in ("ROOT", "ccomp", "parataxis", "relcl")
            and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
            and self._depth_below(verb, quote) <= 2
        ):
            # "a recording in which someone, apparently Honcharuk, says …", parsed with "someone"
            # on "in": a relative clause's speaker is named inside it, after the noun it describes.
            return self._name_before(verb, after=verb.head.i if verb.dep_ == "relcl" else -1)
        return None

    def _document_after_quote(self, verb: SpacyToken) -> SpacyToken | None:
        """The document of ``"…", read the statement``: a document verb just after a quotation,
        its object a document noun, which the parser takes for what is read."""
        if speech_lemma(verb) not in DOCUMENT_VERBS or verb.i == 0:
            return None
        before = self.doc[verb.i - 1]
        if not (self.in_quote(before.idx) or (before.is_punct and self.in_quote(max(0, before.idx - 1)))):
            return None
        for child in verb.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in DOCUMENT_NOUNS and child.i > verb.i:
                return child
        return None

    def _earlier_owner(self, document: SpacyToken) -> SpacyToken | None:
        """The owner of the same document named before in the last few sentences.

        A ruling is also called the decision or the judgment: those names count as the same."""
        window_start = self._window_start(document.idx, sentences=4)
        names = {document.lemma_.lower()}
        if names & RULING_NOUNS:
            names |= RULING_NOUNS
        for i in range(document.i - 1, -1, -1):
            earlier = self.doc[i]
            if earlier.idx < window_start:
                break
            if earlier.lemma_.lower() in names and not self.in_quote(earlier.idx):
                owner = self._owner(earlier, depth=1)
                if owner is not None:
                    return owner
        return None

    def _described_as(self, verb: SpacyToken, quote: QuoteSpan) -> bool:
        """``the legal system, which the BBC describes as "marred by …"``, ``in what the police
        declared a "terrorist-related" attack``: the quotation is what the verb calls the noun,
        through its "as" or as the object's predicate, so the verb's subject said it."""
        return any(
            ((c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "oprd")
            and any(quote.start <= t.idx < quote.end for t in c.subtree)
            for c in verb.children
        )

    def _name_before(self, verb: SpacyToken, *, after: int = -1) -> _Found | None:
        """A speech verb the parser left without a subject (""Our team" study co-author Tak-Sing
        Wong said", "…, Anna Franowska of "Have no fear", a charity, told Reuters"): the nearest
        person or organisation named before it in its sentence, not inside a quotation or after a
        preposition; only after token `after`, when given."""
        sent = self.sents[self.sent_index(verb.idx)]
        for i in range(verb.i - 1, max(sent.start, after + 1) - 1, -1):
            tok = self.doc[i]
            if self.in_quote(tok.idx) or tok.dep_ == "pobj":
                continue
            ent = self.ent_of.get(i)
            if ent is not None and ent.label_ in ("PERSON", "ORG") and ent.root.i == i:
                found = self._found(tok, "name_before_verb")
                return found
        return None

    def _relative_antecedent(self, pronoun: SpacyToken, verb: SpacyToken) -> SpacyToken | None:
        """The noun a relative clause describes; "who" is a person, never the place beside it.

        The parser hangs "…, a researcher at Cambridge, who told me:" on the nearest noun,
        "Cambridge": climb out of the preposition and the apposition to the person.
        """
        node = verb.head
        if pronoun.lower_ == "who":
            for _ in range(6):
                ent = self.ent_of.get(node.i)
                if ent is not None and ent.label_ == "PERSON":
                    return node
                if ent is None and node.pos_ == "PROPN" and node.dep_ not in ("pobj",):
                    return node
                if node.dep_ == "pobj" and node.head.dep_ == "prep":
                    node = node.head.head
                elif node.dep_ == "appos" or (node.lemma_.lower() in ROLE_NOUNS and node.dep_ == "appos"):
                    node = node.head
                else:
                    break
            ent = self.ent_of.get(node.i)
            if ent is not None and ent.label_ in _PLACE_LABELS:
                return None
            earlier = next((a for a in node.ancestors if a.dep_ == "relcl"), None)
            earlier_who = (
                next((c for c in earlier.children if c.dep_ == "nsubj" and c.lower_ == "who"), None)
                if earlier is not None and ent is None and node.pos_ == "NOUN"
                else None
            )
            if earlier is not None and earlier_who is not None and not self._fits(node, animate=True):
                # "a man who advocated missile strikes on the UK, who this time called Britain
                # "…"": the parser hangs the second clause on the thing the first one ends
                # with; a thing is no "who", so both clauses describe the first one's person.
                return self._relative_antecedent(earlier_who, earlier)
            return node
        if node.dep_ == "pobj" and node.head.lower_ == "with" and node.head.head.pos_ in ("NOUN", "PROPN"):
            # "the community with 35,000 members, which asks people to join "if …"".
            return node.head.head
        return node

    def _opens_clause(self, verb: SpacyToken) -> bool:
        """Nothing but punctuation or a quotation before the verb in its sentence."""
        sent = self.sents[self.sent_index(verb.idx)]
        return all(t.is_punct or t.is_space or self.in_quote(t.idx) for t in self.doc[sent.start : verb.i])

    def _after_verb(self, verb: SpacyToken) -> _Found | None:
        """``Remarked Center for Biological Diversity scientist Tierra Curry, "…"``.

        The phrase after an inverted verb runs to the next punctuation; the person it
        ends with is the speaker, else the whole phrase if it is a name.
        """
        end = verb.i + 1
        while end < len(self.doc) and not self.doc[end].is_punct and not self.in_quote(self.doc[end].idx):
            end += 1
        phrase = self.doc[verb.i + 1 : end]
        if not len(phrase) or phrase[0].pos_ in ("PRON", "ADP") or phrase[0].lower_ in PERSONAL_PRONOUNS:
            return None  # "Speaking to Agence France-Presse, …": whom one speaks to is no speaker
        persons = [e for e in self.doc.ents if e.label_ == "PERSON" and e.start > verb.i and e.end <= end]
        if persons:
            span = _trimmed(self.doc, self._name_start(persons[-1]), persons[-1].end)
            return _Found(span, span, "inverted_verb") if span is not None else None
        if any(t.pos_ == "PROPN" or t.is_title for t in phrase):
            span = _trimmed(self.doc, phrase.start, phrase.end)
            return _Found(span, span, "inverted_verb") if span is not None else None
        return None

    def _mention_at(self, i: int) -> _Found | None:
        """The entity or noun phrase starting at token i (after 'according to')."""
        if i >= len(self.doc) or self.in_quote(self.doc[i].idx):
            return None
        tok = self.doc[i]
        if self.has_deps:
            # "according to Rutgers University political scholar Kelly Dittmar": the person.
            objects = [c for c in self.doc[i - 1].children if c.dep_ == "pobj"]
            if objects:
                return self._found(self._named(objects[0]), "according_to")
        if i in self.ent_of:
            return self._found(tok, "according_to")
        span = self._capitalised_run(i, forward=True)
        return _Found(span, span, "according_to") if span is not None else None

    def _found(self, tok: SpacyToken, rule: str) -> _Found | None:
        """The mention a token heads and what it refers to, under the rule that found it."""
        if tok.lemma_.lower() in DOCUMENT_NOUNS or tok.lower_ in DOCUMENT_NOUNS:
            owner = self._owner(tok, depth=0)
            if owner is None and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                # "The summary of the decision read: "…"": a definite document without an
                # owner is one the text named before, with its owner ("the court issued a ruling").
                # Only a named owner: "comments of their own" posted by a nameless user are no
                # one's to show.
                earlier = self._earlier_owner(tok)
                if earlier is not None and earlier.i in self.ent_of:
                    owner = earlier
            if owner is None:
                return None
            return self._found(owner, "document_owner")
        if tok.lemma_.lower() in MEDIUM_NOUNS:
            owner = self._owner(tok, depth=0)
            if owner is not None:
                return self._found(owner, "document_owner")
        hit = self._mention_for(tok)
        if hit is None:
            return None
        return _Found(hit[0], hit[1], rule)

    def _owner(self, document: SpacyToken, *, depth: int) -> SpacyToken | None:
        """Who a document speaks for: "Stardom's statement", "an AEW press release", "a tweet from X"."""
        if depth > 3:
            return None
        for child in document.children:
            if child.dep_ == "poss" and not self.in_quote(child.idx):
                return child
        for child in document.children:
            ent = self.ent_of.get(child.i)
            if child.dep_ in ("compound", "nmod", "amod") and ent is not None and ent.label_ in _ORG_OWNERS:
                return child
        candidates = [
            c for c in document.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of", "for")
        ]
        for acl in (c for c in document.children if c.dep_ == "acl"):
            candidates += [
                c for c in acl.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
            ]
        for prep in candidates:
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if self.in_quote(obj.idx):
                    continue
                if obj.lemma_.lower() in DOCUMENT_NOUNS:
                    return self._owner(obj, depth=depth + 1)
                return self._named(obj)
        if document.dep_ == "dobj" and document.head.lemma_.lower() in PUBLISHING_VERBS:
            # "the officials signed a letter saying …", "the NBA issued a statement saying …"
            subj = _nominal_subject(document.head)
            if subj is not None and not self.in_quote(subj.idx):
                if subj.lemma_.lower() in DOCUMENT_NOUNS:
                    return self._owner(subj, depth=depth + 1)
                return subj
        return None

    def _named(self, subj: SpacyToken) -> SpacyToken:
        """Prefer the person a subject phrase names: "his father, Abdullah Kurdi", "scholar Kelly Dittmar".

        Not one named in a clause about the subject ("The account for the show, which replaced
        Imus …"), nor the one a body is named after ("the Trump campaign"); a document subject
        stays a document, so its owner is found.
        """
        ent = self.ent_of.get(subj.i)
        if ent is not None and ent.label_ == "PERSON":
            return subj
        lemma = subj.lemma_.lower()
        if lemma in DOCUMENT_NOUNS or (lemma in BODY_NOUNS and subj.pos_ == "NOUN"):
            return subj
        for child in subj.children:
            if child.dep_ == "appos" and not self.in_quote(child.idx):
                named = self.ent_of.get(child.i)
                if named is not None and named.label_ == "PERSON":
                    return child
                if lemma in ROLE_NOUNS and child.pos_ == "PROPN" and (named is None or named.label_ == "ORG"):
                    # "a spokesperson, Morgan Ortagus," is a person, whatever the model called it.
                    return child
            if child.dep_ == "acl" and child.lemma_.lower() in ("name", "call") and child.tag_ == "VBN":
                # "A university student named Wong said": the name the phrase gives.
                for obj in child.children:
                    if obj.dep_ == "oprd" and obj.pos_ == "PROPN" and not self.in_quote(obj.idx):
                        return obj
        persons = [
            t
            for t in subj.subtree
            if t.i in self.ent_of
            and self.ent_of[t.i].label_ == "PERSON"
            and not self.in_quote(t.idx)
            and not (self.ent_of[t.i].end < len(self.doc) and self.doc[self.ent_of[t.i].end].tag_ == "POS")
            and not any(a.dep_ in ("relcl", "acl") for a in _ancestors_below(t, subj))
            # "The Wooster professor", "the Trump lawyer": a name modifying a common noun is not it
            and not (subj.pos_ == "NOUN" and self.ent_of[t.i].root.head.i == subj.i and t.dep_ == "compound")
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

    def _mention_for(self, tok: SpacyToken) -> tuple[Span, Span | str] | None:
        """(mention, referent) for a token that heads the speaker phrase, or None."""
        # "WHO said", "US officials": an acronym is a name, not the pronoun it spells.
        acronym = tok.text.isupper() and len(tok.text) > 1
        lower = "" if acronym else tok.lower_
        one = self.doc[tok.i : tok.i + 1]
        if lower in PERSONAL_PRONOUNS or lower in ("it", "its", "his"):
            antecedent = self._resolve_pronoun(tok)
            return (one, antecedent) if antecedent is not None else None
        if lower in FIRST_PERSON:
            interviewee = self._interviewee(tok)
            return (one, interviewee) if interviewee else None
        if lower == "you":
            addressee = self._addressee(tok)
            return (one, addressee) if addressee else None
        if lower in ("they", "their"):
            group = self._group_antecedent(tok)
            return (one, group) if group is not None else None
        # "One of the children said", "Some of the protesters said": people picked from a group.
        one_of = (lower in PARTITIVES or tok.like_num) and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.children
        )
        # "88 percent of teachers said": a share of people, as a poll reports them, is people.
        one_of = one_of or (lower in ("percent", "%") and _people_picked_from(tok))
        if (tok.pos_ == "PRON" and not one_of and not acronym) or lower in _NEVER_SPEAKERS:
            return None
        if lower in GENERIC_NOUNS and not any(True for _ in tok.children):
            # "people are like "…"": said by people in general, whom the text does not name; the
            # search ends here rather than crediting a speech verb further off.
            return one, ""
        ent = self.ent_of.get(tok.i)
        if one_of:
            ent = None  # "One of the children said": a person, not a number
        elif ent is not None and ent.label_ in _NUMERIC_LABELS:
            return None  # a date or number as subject is not a speaker
        if ent is not None:
            if ent.label_ in _PLACE_LABELS and tok.dep_ == "pobj":
                return None  # "a researcher at Cambridge": a place is where, not who
            # Any other name that speaks is a speaker, whatever the model called it
            # ("Schiff called it …" with Schiff taken for a place).
            span = _trimmed(self.doc, self._name_start(ent), _name_end(ent))
            return (span, span) if span is not None else None
        # A noun phrase: determiners and modifiers on the left, the head noun last.
        start = tok.i
        if self.has_deps:
            start = tok.left_edge.i
            # Do not reach back over punctuation or into a quotation.
            for j in range(tok.i - 1, start - 1, -1):
                hyphen = self.doc[j].text == "-" and not self.doc[j].whitespace_  # "three-judge"
                if (self.doc[j].is_punct and not hyphen) or self.in_quote(self.doc[j].idx):
                    start = j + 1
                    break
        end = tok.i + 1
        # "The Secretary of the Treasury said": a title the tagger took for a proper noun, with
        # no name in it, is a role like any other.
        title_read_as_name = tok.pos_ == "PROPN" and tok.lower_ in _TITLE_TOKENS
        if self.has_deps and (tok.pos_ in ("NOUN", "NUM", "PRON") or title_read_as_name):
            # "the head of the agency", "a spokesman for 10 Downing Street", "representatives
            # from Iran", "one of the children": a role is only a speaker together with whose it is.
            preps = ("of", "for", "from") if tok.lemma_.lower() in ROLE_NOUNS else ("of",)
            for child in tok.rights:
                if child.dep_ == "prep" and child.lower_ in preps:
                    stop = child.right_edge.i + 1
                    # "Some of the protesters Wikinews interviewed": the relative clause tells
                    # which ones; it is not part of the name.
                    clauses = [t.left_edge.i for t in child.subtree if t.dep_ == "relcl" and t.i > child.i]
                    stop = min([stop, *clauses])
                    if not any(t.is_punct or self.in_quote(t.idx) for t in self.doc[end:stop]):
                        end = stop
                    break
        span = _trimmed(self.doc, start, end)
        return (span, span) if span is not None else None

    def _name_start(self, ent: Span) -> int:
        """Where a speaker's name starts when the model left its first names out: "Mayor of
        London Sadiq Khan" tagged only "Khan", "an attendee Om Prakash" only "Prakash". A first name
        written with a hyphen before it is part of it whatever the parse; otherwise proper
        nouns the parser joins to the name, untagged and capitalised, belong to it; a title, a
        role or another entity ("London") ends it."""
        # Only a name cut to one or two words is extended, to three words at most: "Police Senior
        # Superintendent Yolanda Yu Hoi-kwan" tagged "Yu Hoi-kwan" is Yolanda Yu Hoi-kwan.
        room = 3 - len(ent.text.split())
        if not self.has_deps or room <= 0:
            return ent.start
        inside = range(ent.start, ent.end)
        start = ent.start
        if (
            start >= 3
            and self.doc[start - 2].text == "-"
            and not self.doc[start - 3].whitespace_
            and not self.doc[start - 2].whitespace_
            and self.doc[start - 3].is_title
            and self.doc[start - 1].is_alpha
            and self.doc[start - 3].lower_ not in _ROLE_PREFIXES  # "Co-author Zhao" is a role
            # "Secretary-General Jens Stoltenberg": a hyphenated title is no first name
            and self.doc[start - 1].lower_ not in _TITLE_TOKENS
            and not any(j in self.ent_of for j in range(start - 3, start))
        ):
            return start - 3  # "Man-kei Tam": a hyphenated first name, however it was parsed
        while start > 0 and ent.start - start < min(2, room):
            prev = self.doc[start - 1]
            if (
                prev.pos_ != "PROPN"
                or prev.dep_ != "compound"
                or prev.head.i not in inside
                or not prev.is_title
                or prev.i in self.ent_of
                or prev.lower_.rstrip(".") in _TITLE_TOKENS
                or prev.lower_ in ROLE_NOUNS
                or prev.lower_ in DESCRIPTOR_NOUNS
                or self.in_quote(prev.idx)
            ):
                break
            start -= 1
        return start

    # --- pronouns ---------------------------------------------------------------------------

    def _window_start(self, char: int, sentences: int = 2) -> int:
        """Where the last `sentences` sentences before `char` begin, not counting quoted ones."""
        si = self.sent_index(char)
        counted = 0
        while si > 0 and counted < sentences:
            si -= 1
            sent = self.sents[si]
            if not (
                self.in_quote(sent.start_char) and self.in_quote(max(sent.start_char, sent.end_char - 1))
            ):
                counted += 1
        return self.sents[si].start_char

    def _resolve_pronoun(self, tok: SpacyToken, depth: int = 0) -> Span | None:
        """The nearest preceding PERSON, if the last few sentences name only one person."""
        window_start = self._window_start(tok.idx)
        hi = bisect.bisect_left(self.person_starts, tok.idx)
        nearby = [
            p for p in self.persons[:hi] if p.start_char >= window_start and not self.in_quote(p.start_char)
        ]
        if tok.lower_ in ("it", "its"):
            return self._preceding_subject(tok, window_start, nearby, depth)
        gender = PRONOUN_GENDERS.get(tok.lower_)
        previous = self._nearest_subject(tok, window_start)
        if (
            previous is not None
            and gender is not None
            and depth < 4
            and PRONOUN_GENDERS.get(previous.lower_) == gender
        ):
            # "She told the court …. She told a guard, "…"": the topic carries on, and
            # the one person named in between (a man she named) is not the antecedent.
            return self._resolve_pronoun(previous, depth + 1)
        keys = {_surname_key(p.text) for p in nearby}
        if len(keys) == 1 and not self._named_after(previous, nearby[-1]):
            return nearby[-1]
        return self._preceding_subject(tok, window_start, nearby, depth)

    def _named_after(self, subject: SpacyToken | None, person: Span) -> bool:
        """Whether the nearest subject is a role named after the one person the model found, by
        a name it did not tag as a person: "…, a State Department spokesperson, Morgan Ortagus,
        indicated …: "…," he said" is Ortagus, not the one person named before."""
        if subject is None or subject.idx <= person.start_char or subject.lemma_.lower() not in ROLE_NOUNS:
            return False
        return any(
            c.dep_ == "appos" and c.pos_ == "PROPN" and not self.in_quote(c.idx) for c in subject.children
        )

    def _nearest_subject(self, tok: SpacyToken, window_start: int) -> SpacyToken | None:
        if not self.has_deps:
            return None
        for i in range(tok.i - 1, -1, -1):
            cand = self.doc[i]
            if cand.idx < window_start:
                return None
            if cand.dep_ not in ("nsubj", "nsubjpass") or self.in_quote(cand.idx):
                continue
            if cand.pos_ != "PRON" and _in_reported_clause(cand):
                # "He said Zelensky is "…"; "…", he added": the person he talked about is not
                # the topic; the one who said it is.
                continue
            if cand.pos_ == "PRON" or self._fits(cand, animate=True):
                return cand  # "The border issue is …, he added": the issue is no antecedent
        return None

    def _preceding_subject(
        self, tok: SpacyToken, window_start: int, persons: list[Span], depth: int = 0
    ) -> Span | None:
        """The nearest earlier subject a pronoun can stand for, if no other person competes with it.

        Subjects carry the topic from sentence to sentence ("Brudziński called it "…". He
        said …"), so the last fitting subject is the antecedent, though not one in a relative
        clause ("Mugabe agreed to a deal in which Tsvangirai became prime minister. "…," he
        declared"), and the source of "according to X" counts as a subject. A person named
        after it as a subject in turn makes the pronoun ambiguous and we give up; one named as
        an object or owner ("Pelosi called Trump's conduct …") does not.
        """
        if not self.has_deps:
            return None
        animate = tok.lower_ not in ("it", "its")
        fitting: list[SpacyToken] = []
        for i in range(tok.i - 1, -1, -1):
            cand = self.doc[i]
            if cand.idx < window_start:
                break
            if fitting and self.sent_index(cand.idx) != self.sent_index(fitting[0].idx):
                break
            if self.in_quote(cand.idx) or cand.pos_ == "PRON":
                continue
            # "According to Dr. Tom Frieden, the pandemic is "…". He said …": the source of a
            # sentence is its topic as much as a subject is.
            according = (
                cand.dep_ == "pobj" and cand.head.lower_ == "to" and cand.head.head.lower_ == "according"
            )
            # "Actor Brendan Fraser's appearance was … He quipped": the owner of the subject.
            owner = cand.dep_ == "poss" and cand.head.dep_ in ("nsubj", "nsubjpass")
            if (cand.dep_ in ("nsubj", "nsubjpass") or according or owner) and self._fits(
                cand, animate=animate
            ):
                fitting.append(cand)
        if not fitting:
            return None
        outside_relative = [c for c in fitting if not _in_relative_clause(c)]
        # "Hutchinson questioned the findings, saying Caudipteryx might have …. "However," he
        # told …": a subject inside the words someone reported is not the topic; the reporter is.
        topical = [c for c in outside_relative if not _in_reported_clause(c)]
        cand = (topical or outside_relative or fitting)[0]
        named = self._named(cand)
        key = _surname_key(named.text)
        for p in persons:
            if (
                p.start_char > cand.idx
                and _surname_key(p.text) != key
                and p.root.dep_ in ("nsubj", "nsubjpass")
                and not _in_relative_clause(p.root)
                and not _in_reported_clause(p.root)
            ):
                return None
        hit = self._mention_for(named)
        return hit[1] if hit is not None and not isinstance(hit[1], str) else None

    def _group_antecedent(self, tok: SpacyToken) -> Span | str | None:
        """What "they" stands for when they speak: the nearest earlier subject in the last two
        sentences that is a group: an organisation, a people, or a plural of people ("the foreign
        ministers … They said"). A person named as subject in between makes it no group's; "" when
        they are people in general ("people are like "…". And they're like "…"")."""
        if not self.has_deps:
            return None
        window_start = self._window_start(tok.idx)
        for i in range(tok.i - 1, -1, -1):
            cand = self.doc[i]
            if cand.idx < window_start:
                return None
            if cand.dep_ not in ("nsubj", "nsubjpass") or self.in_quote(cand.idx) or cand.pos_ == "PRON":
                continue
            ent = self.ent_of.get(i)
            lemma = cand.lemma_.lower()
            if ent is not None and ent.label_ == "PERSON":
                return None
            group = (
                (ent is not None and ent.label_ in ("ORG", "NORP"))
                or (cand.tag_ in ("NNS", "NNPS") and (lemma in PEOPLE_NOUNS or lemma in ROLE_NOUNS))
                or (cand.pos_ == "NOUN" and (lemma in BODY_NOUNS or lemma in GENERIC_BODY_NOUNS))
            )
            if group:
                hit = self._mention_for(cand)
                if hit is not None and hit[1] == "":
                    return ""  # "people are like "…". And they're like "…"": people in general
                return hit[1] if hit is not None and not isinstance(hit[1], str) else None
        return None

    def _fits(self, cand: SpacyToken, *, animate: bool) -> bool:
        ent = self.ent_of.get(cand.i)
        lemma = cand.lemma_.lower() or cand.lower_
        if animate:
            if cand.lower_ == "one" and _people_picked_from(cand):
                # "One of the victims decided … She said": one person, whom the model reads as
                # a number; "one of the reasons" is no one.
                return True
            if ent is not None:
                return ent.label_ == "PERSON"
            if cand.tag_ in ("NNS", "NNPS"):
                return False  # "Wong and three of his co-authors … He remarked": not the co-authors
            return cand.pos_ == "PROPN" or lemma in ROLE_NOUNS
        if ent is not None:
            return ent.label_ in ("ORG", "NORP", "GPE", "FAC")
        return cand.tag_ in ("NN", "NNP") and (lemma in BODY_NOUNS or cand.pos_ == "PROPN")

    def _interviewee(self, tok: SpacyToken) -> str | None:
        """The person answering in an interview transcript ("((Sara Seager)) We wanted …")."""
        marks = list(INTERVIEW_MARK.finditer(self.text, 0, tok.idx))
        if not marks:
            return None
        name = marks[-1].group(1).strip()
        return None if name.lower() in INTERVIEWER_MARKS else name

    def _addressee(self, tok: SpacyToken) -> str | None:
        """Who "you" is in an interviewer's question ("((WN)) On your website, you wrote "…""):
        the person who answers it. Elsewhere "you" is nobody in particular."""
        before = list(INTERVIEW_MARK.finditer(self.text, 0, tok.idx))
        if not before or before[-1].group(1).strip().lower() not in INTERVIEWER_MARKS:
            return None
        sent = self.sents[self.sent_index(tok.idx)]
        opening = re.match(r"\W*(\w+)", self.text[max(sent.start_char, before[-1].end()) : tok.idx])
        inverted = tok.i > 0 and self.doc[tok.i - 1].lower_ in QUESTION_OPENERS
        if opening is None or opening.group(1).lower() in QUESTION_OPENERS or inverted:
            # "Could you tell us about the 'Precision Policies'?", "… — could you tell us more
            # about it?" ask; they report nothing.
            return None
        for mark in INTERVIEW_MARK.finditer(self.text, tok.idx):
            name = mark.group(1).strip()
            if name.lower() not in INTERVIEWER_MARKS:
                return name
        return None

    # --- without a parse ----------------------------------------------------------------------

    def _surface_subject(self, verb: SpacyToken) -> _Found | None:
        """Without a parse: an entity or pronoun right before the verb, else a name right after it."""
        doc = self.doc
        for j in range(verb.i - 1, max(-1, verb.i - 5), -1):
            tok = doc[j]
            if self.in_quote(tok.idx) or tok.is_punct:
                break
            if (
                j in self.ent_of and self.ent_of[j].label_ in _SPEAKER_LABELS
            ) or tok.lower_ in PERSONAL_PRONOUNS:
                return self._found(tok, "surface")
            if tok.is_title and tok.i != self.sents[self.sent_index(tok.idx)].start:
                span = self._capitalised_run(j, forward=False)
                return _Found(span, span, "surface") if span is not None else None
        nxt = verb.i + 1
        if nxt < len(doc) and not self.in_quote(doc[nxt].idx):
            tok = doc[nxt]
            if (
                nxt in self.ent_of and self.ent_of[nxt].label_ in _SPEAKER_LABELS
            ) or tok.lower_ in PERSONAL_PRONOUNS:
                return self._found(tok, "surface")
            if tok.is_title:
                span = self._capitalised_run(nxt, forward=True)
                return _Found(span, span, "surface") if span is not None else None
        return None

    def _capitalised_run(self, i: int, *, forward: bool) -> Span | None:
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
        return _trimmed(doc, start, end + 1)

    # --- colon introductions and named complements --------------------------------------------

    def _colon_introduction(self, quote: QuoteSpan) -> _Found | None:
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
            if tok.lemma_.lower() in DOCUMENT_NOUNS or tok.lower_ in DOCUMENT_NOUNS:
                if (
                    tok.dep_ == "dobj"
                    and tok.head.lemma_.lower() not in PUBLISHING_VERBS
                    and _nominal_subject(tok.head) is not None
                ):
                    continue  # "Bolsonaro opposed Macron's statement: "…"": Bolsonaro's reply
                for child in tok.children:
                    if child.dep_ == "poss" and not self.in_quote(child.idx):
                        return self._found(self._named(child), "statement_of")
                    if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                        objects = [c for c in child.children if c.dep_ == "pobj"]
                        if objects and not self.in_quote(objects[0].idx):
                            return self._found(self._named(objects[0]), "statement_of")
        for tok in before:
            end = tok.right_edge.i + 1
            if tok.dep_ == "relcl" and end < len(self.doc) and self.doc[end].idx == colon:
                # "Thomas Gray, 24, who cited only his experience with rugby: "…"": the relative
                # clause that ends at the colon introduces the words of the person it describes.
                subj = _nominal_subject(tok)
                who = subj is not None and subj.lower_ == "who"
                antecedent = self._relative_antecedent(subj, tok) if subj is not None and who else None
                if antecedent is not None and not self.in_quote(antecedent.idx):
                    return self._found(self._named(antecedent), "colon_subject")
        heads = [t for t in before if t.head.i == t.i or t.head.idx >= colon]
        for head in heads:
            subj = _nominal_subject(head)
            if subj is not None and not self.in_quote(subj.idx):
                return self._found(self._named(subj), "colon_subject")
        # "In a statement, the ministry:": a bare noun phrase is the speaker.
        for head in heads:
            if head.pos_ in ("NOUN", "PROPN") and head.dep_ not in ("pobj", "npadvmod"):
                return self._found(self._named(head), "colon_noun")
        return None

    def _complement_of_named(self, quote: QuoteSpan) -> _Found | None:
        """``RSBNet is "a single stop source …"``, ``Sakhdwipi aims "to provide …"``.

        No speech verb anywhere near, but the quotation is an argument of a verb whose
        subject is a name: the words are that body's own (its website, its charter).
        Only names count, so a common-noun subject ("the pattern was "hectic"") never does.
        """
        if not self.has_deps:
            return None
        inside = self._quote_tokens(quote)
        heads = {t.head.i for t in inside if not self.in_quote(t.head.idx)}
        if not heads:
            # The quotation opens after the subject and takes its verb with it:
            # "Dalit Solidarity is "committed to …"", "X "works on a global level …"".
            roots = [t for t in inside if t.head.i == t.i]
            heads = {roots[0].i} if len(roots) == 1 else set()
        if len(heads) != 1:
            return None
        head = self.doc[heads.pop()]
        if self.sent_index(head.idx) != self.sent_index(quote.start) or _title_case(
            self.text[slice(*quote.inner)]
        ):
            return None  # a parse across a paragraph, or a title ("to pass the "… Bill 2019"")
        name_before = self._name_before_verb_read_as_noun(head, inside)
        if name_before is not None:
            return self._found(self._named(name_before), "named_complement")
        appositive = head.dep_ == "appos" or any(t.dep_ == "appos" and t.head.i == head.i for t in inside)
        if appositive and self._is_name(head):
            # "JatLand, "the online home for the Jats"".
            return self._found(head, "appositive")
        if head.pos_ not in ("VERB", "AUX"):
            return None
        subj = _nominal_subject(head)
        if subj is None or self.in_quote(subj.idx):
            return None
        if not self._is_name(subj):
            document = _document_of(subj) if head.lemma_ == "be" else None
            if document is not None:
                # "The first sentence of my blog post was "…"": the document's owner wrote it.
                return self._found(document, "named_complement")
            # "Another group, Brahmin Culture and Tradition, is "dedicated to …"".
            names = [c for c in subj.children if c.dep_ == "appos" and self._is_name(c)]
            if not names or self.in_quote(names[0].idx):
                return None
            subj = names[0]
        return self._found(self._named(subj), "named_complement")

    def _name_before_verb_read_as_noun(self, head: SpacyToken, inside: list[SpacyToken]) -> SpacyToken | None:
        """``Harbour Trust "partners with farmers …"``: the model reads a verb that opens the
        quotation as a plural noun ("partners", "works") and hangs the name before the mark on
        it as a modifier. A quotation that is the whole sentence's root that way, its first word
        followed by a preposition or a determiner as a verb's would be (a lone noun, "Harbour
        Trust "members"", is a term), is the named body's own description of itself, as when
        the verb is read right."""
        if (
            not inside
            or head.i != inside[0].i
            or head.dep_ != "ROOT"
            or head.tag_ != "NNS"
            or head.i < 2
            or not self.doc[head.i - 1].is_quote
            or head.i + 1 >= len(self.doc)
            or self.doc[head.i + 1].pos_ not in ("ADP", "DET")
        ):
            return None
        before = self.doc[head.i - 2]  # the word before the opening mark
        if before.head.i != head.i or before.dep_ not in ("nmod", "compound", "nsubj"):
            return None
        return before if self._is_name(before) else None

    def _is_name(self, tok: SpacyToken) -> bool:
        ent = self.ent_of.get(tok.i)
        if ent is not None:
            return ent.label_ in _SPEAKER_LABELS
        return tok.pos_ == "PROPN"

    # --- resolution: the fullest name of the referent -------------------------------------------

    def _resolve(self, referent: Span | str) -> str:
        if isinstance(referent, str):
            return self._full_person_name(referent)
        ent = self.ent_of.get(referent.root.i)
        if ent is not None and ent.label_ == "PERSON":
            return self._full_person_name(referent.text)
        if ent is not None and len(ent) <= 2 and not _ACRONYM.match(ent.text):
            # A surname the model took for something else: "Trump characterized …" as ORG.
            full = self._full_person_name(referent.text)
            if full != normalise_name(referent.text):
                return full
        if ent is not None and ent.label_ in _ORG_LABELS:
            return self._full_org_name(referent.text)
        if ent is not None:
            return normalise_name(referent.text)
        head = referent.root
        title = normalise_name(_ARTICLE.sub("", referent.text)).lower()
        lemma = head.lemma_.lower()
        if title in TITLE_NOUNS or (lemma in TITLE_NOUNS and _bare(referent)):
            holder = self._title_holder(title if title in TITLE_NOUNS else lemma, referent)
            if holder is not None:
                return self._full_person_name(holder)
        if (
            (lemma in TITLE_NOUNS or lemma in ROLE_NOUNS)
            and 1 < len(title.split()) <= 3
            and _no_name_in(referent)
        ):
            # "First Minister" after "First Minister Nicola Sturgeon": the whole title.
            holder = self._title_holder(title, referent)
            if holder is not None:
                return self._full_person_name(holder)
        if (
            lemma in ROLE_NOUNS
            and head.tag_ in ("NN", "NNP")
            and referent[0].lower_ == "the"
            and referent[-1].i == head.i
        ):
            # "The commissioner said", "The Wooster professor added": the person the article gave
            # that role, else the person the last sentences are about (not for kin, whose gender
            # the names do not tell: "The father said … The mother said").
            holder = self._title_holder(lemma, referent)
            if holder is not None:
                return self._full_person_name(holder)
            recent = (
                None
                if lemma in KIN_NOUNS
                else self._preceding_subject(head, self._window_start(head.idx), [], 0)
            )
            ent = self.ent_of.get(recent.root.i) if recent is not None else None
            if recent is not None and ent is not None and ent.label_ == "PERSON":
                return self._resolve(recent)
        named_org = self._org_with_words(referent)
        if named_org is not None:
            return named_org
        if head.lemma_.lower() in BODY_NOUNS and _no_name_in(referent):
            body = self._body_referent(head, generic=_bare(referent))
            if body is not None:
                return self._full_org_name(body.text)
        if (head.pos_ == "PROPN" or all(t.is_title for t in referent)) and len(referent) <= 4:
            full = self._full_person_name(referent.text)
            if full != normalise_name(referent.text):
                return full
            return self._full_org_name(referent.text)
        return normalise_name(referent.text)

    def _person_candidates(self) -> list[tuple[int, str]]:
        """(offset, name) for every full name in the text: PERSON entities, names the model typed
        otherwise after a role noun ("study co-author Tak-Sing Wong" as ORG), and proper-noun runs
        the model did not tag (after their last title: "Emergencies Minister Yevgeny Zinichev")."""
        if self._people is not None:
            return self._people
        out = []
        for ent in self.doc.ents:
            span = _trimmed(self.doc, ent.start, ent.end)
            if span is None or self.in_quote(ent.start_char) or len(_name_words(span.text)) < 2:
                continue
            if ent.label_ == "PERSON" or (
                self.has_deps and ent.label_ not in _NUMERIC_LABELS and self._after_role_noun(span)
            ):
                out.append((span.start_char, normalise_name(span.text)))
        if self.has_deps:
            for tok in proper_nouns(self.doc):
                if tok.dep_ == "compound" or self.in_quote(tok.idx) or tok.i in self.ent_of:
                    continue
                start = tok.i
                while start > 0 and (
                    (self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].dep_ == "compound")
                    or (
                        # "Tak-Sing Wong": a hyphen inside a first name
                        self.doc[start - 1].text == "-"
                        and not self.doc[start - 1].whitespace_
                        and start > 1
                        and not self.doc[start - 2].whitespace_
                        and self.doc[start - 2].pos_ == "PROPN"
                    )
                ):
                    start -= 1
                for j in range(tok.i, start - 1, -1):
                    # Another entity ends the name ("London" in "Mayor of London Sadiq Khan"),
                    # but not a person's: the model often tags "Wanda Vázquez" of "Wanda Vázquez
                    # Garced" and leaves out the second surname, which completes that name.
                    other = j in self.ent_of and j != tok.i and self.ent_of[j].label_ != "PERSON"
                    if self.doc[j].lower_.rstrip(".") in _TITLE_TOKENS or other:
                        start = j + 1
                        break
                run = self.doc[start : tok.i + 1]
                if 2 <= len(_name_words(run.text)) <= 4:
                    out.append((run.start_char, normalise_name(run.text)))
        self._people = sorted(out)
        return self._people

    def _after_role_noun(self, span: Span) -> bool:
        """A name of capitalised words that a role noun before it qualifies ("co-author Tak-Sing
        Wong", "spokesperson Morgan Ortagus") is a person's, whatever type the model gave it."""
        if not all(t.is_title or (t.text == "-" and not t.whitespace_) for t in span):
            return False
        return any(
            c.i < span.start
            and c.dep_ in ("compound", "amod", "nmod")
            and (c.lemma_.lower() in ROLE_NOUNS or c.lemma_.lower() in DESCRIPTOR_NOUNS)
            for c in span.root.children
        )

    def _full_person_name(self, mention: str) -> str:
        """The first full name in the article with the mention's surname (and all its words)."""
        mention_words = [w.lower() for w in _name_words(mention)]
        words = set(mention_words)
        surname = _surname_key(mention)
        if not surname:
            return normalise_name(mention)
        matches = [
            name
            for _, name in self._person_candidates()
            if _surname_key(name) == surname
            and words <= {w.lower() for w in _name_words(name)}
            # A fuller form of a name of two words or more keeps its first word ("Ann Park" ->
            # "Ann M. Park"); one with words before it is another name ("Dalit Voice" is not
            # "Indian Dalit Muslims Voice"), unless the mention is a surname with its particle
            # ("de Blasio" -> "Bill de Blasio").
            and (
                len(mention_words) < 2
                or mention_words[0] in SURNAME_PARTICLES
                or _name_words(name)[0].lower() == mention_words[0]
            )
        ]
        if not matches and len(words) == 1:
            # "Prime Minister Tuilaepa" after "Tuilaepa Sailele Malielegaoi": a name written
            # surname first, or a first name that only one full name of the article begins with.
            matches = [name for _, name in self._person_candidates() if _name_words(name)[0].lower() in words]
            if len({m.lower() for m in matches}) != 1:
                matches = []
        if not matches:
            matches = self._double_surname(words, surname)
        if not matches:
            return normalise_name(mention)
        best = matches[0]
        first = {w.lower() for w in _name_words(best)}
        for name in matches[1:]:
            # A longer form of the same name later on: "Joe Biden" … "Joseph R. Biden Jr." is
            # not it, but "Ann Park" … "Ann M. Park" is.
            if first <= {w.lower() for w in _name_words(name)} and len(name) > len(best):
                best = name
        longer = self._double_surname({w.lower() for w in _name_words(best)}, _surname_key(best))
        return longer[0] if longer else best

    def _double_surname(self, words: set[str], surname: str) -> list[str]:
        """The full name with two surnames that a mention shortens to its first one: "Rosselló"
        and "Wanda Vázquez" after "Ricardo Rosselló Nevares" and "Wanda Vázquez Garced". The
        mention's last word is a middle word of the one full name (of three words or more) that
        has all its words."""
        matches = {
            name.lower(): name
            for _, name in self._person_candidates()
            if len(full := [w.lower() for w in _name_words(name)]) >= 3
            and surname in full[1:-1]
            and words <= set(full)
        }
        return list(matches.values()) if len(matches) == 1 else []

    def _full_org_name(self, mention: str) -> str:
        """An acronym's expansion, else the longest organisation name that ends with the mention."""
        name = normalise_name(mention)
        expanded = self.acronyms().get(name)
        if expanded:
            return expanded
        inverted = self._department_of(name)
        if inverted is not None:
            return inverted
        words = name.split()
        if len(words) == 1 and name.lower() in BODY_NOUNS:
            named = self._org_named_with(name.lower())
            if named is not None:
                return named
        best = name
        for ent in self.doc.ents:
            if ent.label_ not in _ORG_LABELS or self.in_quote(ent.start_char):
                continue
            span = _trimmed(self.doc, ent.start, ent.end)  # without a false title ("Voter …")
            full = normalise_name(span.text if span is not None else ent.text)
            full_words = full.split()
            if len(full_words) <= len(best.split()):
                continue
            if full_words[-len(words) :] == words or (
                # "Ford" is "Ford Motor Company", not "Ford Foundation"
                full_words[: len(words)] == words and full_words[-1].lower() in CORPORATE_DESIGNATORS
            ):
                best = full
        return best

    def _department_of(self, name: str) -> str | None:
        """``The State Department`` after ``United States Department of State``: news writes a
        department or ministry both ways round, so the short form is the full name the article
        gives with its words after "of" (the longest, if several)."""
        short = re.fullmatch(r"((?:[A-Z][\w'’-]* )+)(Department|Ministry)", name)
        if short is None:
            return None
        pattern = re.compile(rf"\b{short[2]} of (?:the )?{re.escape(short[1].strip())}$")
        names = [
            normalise_name(ent.text)
            for ent in self.doc.ents
            if ent.label_ in _ORG_LABELS
            and not self.in_quote(ent.start_char)
            and pattern.search(normalise_name(ent.text))
        ]
        return max(names, key=len) if names else None

    def _org_named_with(self, noun: str) -> str | None:
        """The organisation a capitalised generic noun stands for ("The Department", "the
        Court"): the one named with that word, the one named most, then the fullest ("the Supreme
        Court of Puerto Rico" over "the Supreme Court")."""
        counts: Counter[str] = Counter()
        for ent in self.doc.ents:
            if ent.label_ == "ORG" and not self.in_quote(ent.start_char):
                full = normalise_name(ent.text)
                if len(full.split()) > 1 and noun in full.lower().split():
                    counts[full] += 1
        return _most_named(counts) if counts else None

    def acronyms(self) -> dict[str, str]:
        """Acronyms the article defines: "Federal Security Service (FSB)", "AEW (All Elite Wrestling)"."""
        if self._acronyms is None:
            self._acronyms = {}
            for m in _ACRONYM_DEFINITION.finditer(self.text):
                long, short = _ARTICLE.sub("", m.group(1).strip()), m.group(2)
                if len([w for w in long.split() if w[:1].isupper()]) >= 2:
                    self._acronyms.setdefault(short, _initials_match(long, short))
            for m in re.finditer(r"\b([A-Z][A-Z&]{1,9})\s*\(([^()\n]{5,80})\)", self.text):
                inner = m.group(2).strip()
                if len([w for w in inner.split() if w[:1].isupper()]) >= 2:
                    self._acronyms.setdefault(m.group(1), inner)
        return self._acronyms

    def _title_holder(self, title: str, mention: Span) -> str | None:
        """Who the article gives a title: "the president" → "President Donald Trump"."""
        title_words = title.split()
        n = len(title_words)
        holders: list[tuple[int, str]] = []
        for person in [*self.persons, *self._propn_names()]:
            if self.in_quote(person.start_char):
                continue
            before = [t.lower_ for t in self.doc[max(0, person.start - n) : person.start]]
            inside = [t.lower_ for t in person[:n]]
            root = person.root
            # "David Turpin, the father of …", "the father, David Turpin": the role in apposition.
            beside = n == 1 and (
                any(c.dep_ == "appos" and c.lemma_.lower() == title for c in root.children)
                or (root.dep_ == "appos" and root.head.lemma_.lower() == title)
            )
            if len(person) <= n and inside == title_words:
                continue  # the title alone ("President") is nobody's name
            if before == title_words or inside == title_words or beside:
                holders.append((person.start_char, person.text))
        if not holders:
            return None
        earlier = [h for h in holders if h[0] < mention.start_char]
        return (earlier[-1] if earlier else holders[0])[1]

    def _propn_names(self) -> list[Span]:
        if not self.has_deps:
            return []
        out = []
        for tok in proper_nouns(self.doc):
            if tok.dep_ != "compound" and tok.i not in self.ent_of:
                start = tok.i
                while (
                    start > 0
                    and self.doc[start - 1].pos_ == "PROPN"
                    and self.doc[start - 1].dep_ == "compound"
                ):
                    start -= 1
                out.append(self.doc[start : tok.i + 1])
        return out

    def _org_with_words(self, referent: Span) -> str | None:
        """An organisation the article names with all the words of a descriptive mention:
        "Day's animal foundation" → "Doris Day Animal Foundation"."""
        words = {
            t.lower_
            for t in referent
            if not (t.is_punct or t.is_stop or t.lower_ in ("'s", "’s")) and t.is_alpha
        }
        if len(words) < 2:
            return None
        for ent in self.doc.ents:
            if (
                ent.label_ in _ORG_LABELS
                and not self.in_quote(ent.start_char)
                and words <= {t.lower_ for t in ent}
                and len(ent) > len(words)
            ):
                return normalise_name(ent.text)
        return None

    def _body_referent(self, head: SpacyToken, *, generic: bool = True) -> Span | None:
        """The organisation "the firm" or "the commission" stands for: one named before it.

        An organisation whose name contains the noun comes first, the one the article names
        most ("the three-judge court" → "the Court of Session", named three times, rather than
        the Supreme Court named once); then, for a bare generic noun ("the firm"), the nearest
        organisation that was a subject in the last few sentences, then the nearest one there.
        """
        si = self.sent_index(head.idx)
        window_start = self.sents[max(0, si - 3)].start_char
        orgs = [
            e
            for e in self.doc.ents
            if e.label_ == "ORG" and e.end_char <= head.idx and not self.in_quote(e.start_char)
        ]
        noun = head.lemma_.lower()
        named = [e for e in orgs if noun in e.text.lower().split()]
        if named:
            most = _most_named(Counter(normalise_name(e.text) for e in named))
            return next(e for e in reversed(named) if normalise_name(e.text) == most)
        if noun not in GENERIC_BODY_NOUNS or not generic:
            return None
        recent = [e for e in orgs if e.start_char >= window_start]
        subjects = [e for e in recent if e.root.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[-1]
        if recent:
            return recent[-1]
        # None in the last sentences: "the company" still names one the article introduced, and
        # the last organisation that did something is the likeliest ("Hasbro hosted a panel. …
        # [four sentences] … Asked about sustainability, the company noted").
        earlier_subjects = [e for e in orgs if e.root.dep_ in ("nsubj", "nsubjpass")]
        return earlier_subjects[-1] if earlier_subjects else None


def _most_named(counts: Counter[str]) -> str:
    """The organisation named most, by its fullest name: a shorter name at the start or end of a
    longer one is the same organisation ("the Supreme Court" twice and "the Supreme Court of
    Puerto Rico" once are three mentions of the Supreme Court of Puerto Rico)."""
    grouped: Counter[str] = Counter()
    for name, n in counts.items():
        longer = [other for other in counts if len(other) > len(name) and _words_within(name, other)]
        grouped[max(longer, key=len) if longer else name] += n
    return max(grouped, key=lambda full: (grouped[full], len(full)))


def _words_within(short: str, long: str) -> bool:
    """Whether `short`'s words run, in order, at the start or the end of `long`'s."""
    a, b = short.split(), long.split()
    return b[: len(a)] == a or b[-len(a) :] == a


def _document_of(subj: SpacyToken) -> SpacyToken | None:
    """The document a subject is or is part of: "the statement", "the first sentence of my post"."""
    if subj.lemma_.lower() in DOCUMENT_NOUNS:
        return subj
    for prep in (c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if obj.lemma_.lower() in DOCUMENT_NOUNS:
                return obj
    return None


def _title_case(words: str) -> bool:
    """Every word of four letters or more capitalised, at least two of them: a title or a name."""
    if re.search(r"[.!?]\s+\S", words):
        return False  # sentences, however short: "Be Bold. Vote Gold."
    long = [w for w in re.findall(r"[^\W\d_][\w'’-]*", words) if len(w) >= 4]
    return len(long) >= 2 and all(w[0].isupper() for w in long)


def _ancestors_below(tok: SpacyToken, top: SpacyToken) -> list[SpacyToken]:
    """The heads between a token and an ancestor of it, that ancestor excluded."""
    out = []
    node = tok
    while node.i != top.i and node.head.i != node.i:
        node = node.head
        if node.i != top.i:
            out.append(node)
    return out


def _quoted_as_saying(verb: SpacyToken) -> SpacyToken | None:
    """The object of "quote X as saying" or "cite X as saying", for the verb "saying"."""
    head = verb.head
    if verb.tag_ != "VBG" or head.lower_ != "as" or head.head.lemma_.lower() not in ("quote", "cite"):
        return None
    objects = [c for c in head.head.children if c.dep_ == "dobj"]
    return objects[0] if objects else None


def _could_speak(tok: SpacyToken) -> bool:
    """Whether a subject can be who said something: a name, a pronoun, a person, body or document
    noun; not "the use of currencies" or "a vaccine" that a verb's clause is about."""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if tok.lower_ == "one" and any(c.lower_ == "of" for c in tok.children):
        return True  # "One of them even went as far as to say"
    lemma = tok.lemma_.lower()
    return (
        lemma in ROLE_NOUNS
        or lemma in DESCRIPTOR_NOUNS  # "an eyewitness", "a resident": people, who can speak
        or lemma in BODY_NOUNS
        or lemma in GENERIC_BODY_NOUNS
        or lemma in DOCUMENT_NOUNS
        or lemma in PEOPLE_NOUNS
    )


def _people_picked_from(tok: SpacyToken) -> bool:
    """Whether "of" after a partitive names people: "one of the victims", not "one of the reasons"."""
    return any(
        obj.tag_ in ("NNS", "NNPS")
        and (obj.lemma_.lower() in PEOPLE_NOUNS or obj.lemma_.lower() in ROLE_NOUNS)
        for prep in tok.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children
        if obj.dep_ == "pobj"
    )


def _is_passive(verb: SpacyToken) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _passive_without_agent(verb: SpacyToken) -> bool:
    return _is_passive(verb) and _agent(verb) is None


def _agent(verb: SpacyToken) -> SpacyToken | None:
    """The one a verb's "by" phrase names as doer: its agent, or, for a passive, a "by" phrase
    the parser hung on the verb's complement ("was announced to be a "pandemic" by the WHO",
    "was described as "reckless" by the police"), when it names someone who can speak."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if not _is_passive(verb):
        return None
    complements = [c for c in verb.children if c.dep_ in ("xcomp", "oprd", "attr", "acomp", "prep")]
    for _ in range(3):  # "to be a "…"", "as a "…"": a short chain of complements at most
        below: list[SpacyToken] = []
        for node in complements:
            if node.dep_ == "prep":
                if node.lower_ != "as":
                    continue
                below += [c for c in node.children if c.dep_ == "pobj"]
                continue
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ == "by":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and _could_speak(objects[0]):
                        return objects[0]
                elif child.dep_ in ("xcomp", "oprd", "attr", "acomp", "prep"):
                    below.append(child)
        complements = below
    return None


def _in_reported_clause(subject: SpacyToken) -> bool:
    """The subject of a clause a speech verb reports ("saying Caudipteryx might have …")."""
    verb = subject.head
    return verb.dep_ == "ccomp" and verb.head.i != verb.i and speech_lemma(verb.head) is not None


def _in_relative_clause(subject: SpacyToken) -> bool:
    """A subject inside a relative clause ("a deal in which Tsvangirai became prime minister")."""
    return any(t.dep_ == "relcl" for t in subject.ancestors)


def _initials_match(long: str, short: str) -> str:
    """The tail of a name whose capitalised words spell the acronym: "Kurdish-led Syrian
    Democratic Forces" for SDF is "Syrian Democratic Forces"; the whole name when none does."""
    words = long.split()
    letters = short.replace(".", "").replace("&", "").upper()
    for start in range(len(words)):
        initials = "".join(w[0] for w in words[start:] if w[:1].isupper())
        if initials == letters:
            return " ".join(words[start:])
    return long


def _no_name_in(span: Span) -> bool:
    """No proper noun or named entity among the words: "the three-judge court", not "the German court"."""
    return not any(
        (t.pos_ == "PROPN" or (t.ent_type_ and t.ent_type_ not in _NUMERIC_LABELS)) and t.i != span.root.i
        for t in span
    )


def _bare(span: Span) -> bool:
    """Only determiners before the head noun, and nothing after it: "the firm", not "the German firm"."""
    return all(t.pos_ == "DET" or t.i == span.root.i for t in span) or (
        span.text.lower().startswith("the ") and len(span) == 3 and span[1].lower_ == "prime"
    )


def _trimmed(doc: Doc, start: int, end: int) -> Span | None:
    """Tokens [start, end) without punctuation or a possessive ending at either side, nor a
    false title opening a name (`_false_title`)."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start >= 3 and _false_title(doc[start]) and all(t.pos_ == "PROPN" for t in doc[start + 1 : end]):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s", "'", "’")
    ):
        end -= 1
    return doc[start:end] if start < end else None


def _name_end(ent: Span) -> int:
    """Where a speaker's name ends when the model ran it into the phrase after it: "Crystal
    C'Bearing of the Northern Arapaho [tribal historic preservation office]" is cut before its
    "of", whose object lies beyond the entity; "Bank of America" keeps its "of"."""
    for tok in ent:
        if tok.dep_ == "prep" and tok.lower_ == "of" and tok.head.i < tok.i and tok.i > ent.start:
            objects = [c for c in tok.children if c.dep_ == "pobj"]
            if objects and objects[0].i >= ent.end:
                return tok.i
    return ent.end


def _false_title(tok: SpacyToken) -> bool:
    """A role or specialist's noun capitalised only because it opens the sentence, before a
    name: "Voter Kitty Mak", "Immunologist Kristian Andersen" (the model takes it into the name;
    a title such as "Professor" is removed with the others when names are compared)."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    opens = prev is None or prev.is_space or "\n" in prev.text or prev.is_sent_end or prev.is_quote
    lower = tok.lower_
    return (
        opens
        and tok.is_title
        and (
            lower in ROLE_NOUNS
            or lower in DESCRIPTOR_NOUNS
            or (len(lower) > 6 and lower.endswith(DESCRIPTOR_SUFFIXES))
        )
        and lower not in TITLE_NOUNS
    )


def _nominal_subject(verb: SpacyToken) -> SpacyToken | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # "said study co-author Professor Carl Lipo" parses as several subjects; the name
        # is the one that is a proper noun.
        proper = [c for c in subjects if c.pos_ == "PROPN"]
        if len(subjects) > 1 and proper:
            return proper[-1]
        return _hyphenated_head(subjects[0], subjects)
    if (
        verb.dep_ == "pcomp"
        and verb.head.lower_ in ("by", "after", "before", "while", "in")
        and verb.head.head.pos_ in ("VERB", "AUX")
    ):
        # "protested by shouting "…"", "responded after saying …": the doer of the main verb.
        main = verb.head.head
        if main.dep_ == "acl" and verb.head.lower_ == "by" and main.head.pos_ in ("NOUN", "PROPN"):
            # "Members of the House of Commons protested by shouting "…"" parsed with "protested"
            # as a participle on "Members" and "by" as its agent: "by" with a gerund is a means,
            # never a passive's agent, so the noun the verb hangs on is the one who did it.
            return main.head
        return _nominal_subject(main)
    # "…, he smiled and said": a conjoined verb shares its head's subject, and so does
    # a participle ("Trump congratulated Pelosi, saying, …").
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        if any(c.dep_ == "auxpass" for c in verb.children):
            # "Zimbabwe had a strong economy and was called the "breadbasket"": the shared
            # subject of a passive was named, it did not speak.
            return None
        # "One of them even went as far as to say": up through the words the verb hangs on.
        node = verb
        first: SpacyToken | None = None
        for _ in range(4):
            if (
                node.dep_ == "relcl"
                and (first is None or not _could_speak(first))
                and any(c.tag_ == "WRB" and c.i < node.i for c in node.children)
                and node.head.pos_ in ("NOUN", "PROPN")
                and _could_speak(node.head)
            ):
                # "An eyewitness described how the attack unfolded, stating "…"", parsed with
                # the "how" clause as relative to "eyewitness": what a clause opened by "how"
                # or "why" tells is what the one it hangs on described; the attack says nothing.
                return node.head
            if node.dep_ not in ("conj", "advcl", "xcomp", "advmod", "ccomp") or node.head.i == node.i:
                break
            if node.dep_ == "ccomp" and (first is None or speech_lemma(node.head) is None):
                break
            node = node.head
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            if subjects and (_could_speak(subjects[0]) or speech_lemma(node) is not None):
                return subjects[0]
            # "He claimed a vaccine was near and said …": the clause's own subject is no speaker;
            # the one who claimed is further up.
            first = first or (subjects[0] if subjects else None)
        return first
    return None


def _hyphenated_head(first: SpacyToken, subjects: list[SpacyToken]) -> SpacyToken:
    """The last piece of a word the tokenizer split at its hyphens: "Study co-author and
    geochemist Seth John remarked" parses "co", "-" and "author" as three subjects, and the
    phrase (with the name in apposition) hangs on "author"."""
    tok = first
    doc = tok.doc
    while (
        tok.i + 2 < len(doc)
        and not tok.whitespace_
        and doc[tok.i + 1].text == "-"
        and not doc[tok.i + 1].whitespace_
        and doc[tok.i + 2] in subjects
    ):
        tok = doc[tok.i + 2]
    return tok


def attribute(
    doc: Doc,
    quotes: Sequence[QuoteSpan],
    *,
    sentences: Sequence[tuple[int, int]] | None = None,
    text: str | None = None,
) -> list[Attribution]:
    """One attribution (speaker or None, and the rule) per quotation, in the order given.

    `sentences` (character spans, as `candidates.sentence_spans` gives them) and `text`
    (``doc.text``) save working them out again when the caller has them.
    """
    finder = SpeakerFinder(doc, quotes, sentences, text)
    return [finder.attribute(q) for q in quotes]


def find_speakers(doc: Doc, quotes: Sequence[QuoteSpan]) -> list[Speaker | None]:
    """One speaker (or None) per quotation, in the order given."""
    return [a.speaker for a in attribute(doc, quotes)]
