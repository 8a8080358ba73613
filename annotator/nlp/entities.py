"""Entity fixes after the statistical recogniser: a spaCy component for what the small model gets
systematically wrong on news.

Registered as the pipeline component ``annotator_entity_fixes`` and added after ``ner`` by
`annotator.nlp.pipeline.load_pipeline`, so every consumer of ``doc.ents`` (pre-annotation,
speakers, exports) sees the same entities. Word lists live in `annotator.nlp.lang.en.entities`.

What it does, in order:

1. **Edges**: contraction fragments, possessive endings, punctuation, (for PERSON) titles and
   letters after a name are never part of an entity: "n’t" alone is dropped, "Merkel's" becomes
   "Merkel", "Mme Spanton" becomes "Spanton", "Kama Melly QC" becomes "Kama Melly". An entity
   must keep a letter or digit that is not part of a clitic, and a dash between spaces
   separates names ("Tesco — Netto Poland", "Labour Party - 203 seats"), and so does a
   preposition before a capitalised "The" ("Blues Incorporated for The Rolling Stones"), as an editor's square
   bracket in a quotation does ("Jerry [O'Connell]"); a word whose capital the editor put in
   brackets ("[S]evengill") is no name. No name ends in a lower-case preposition, conjunction or
   article ("Candace Windfall as" Catwoman), and no person's in a field of study ("Atmospheric
   Science" of "School of Marine and Atmospheric Science").
   An organisation of two words or more owning a second organisation's whole name is two
   ("House of Representatives' Committee on Ways and Means"), and the United States before an
   American party's name is a place ("U.S." + "Libertarian Party").
2. **Never names**: technology words ("AI" is never a place), idioms ("Pandora's box"),
   abbreviations of common nouns ("user ID"), a transcript's interviewer mark ("((WN))"), and a
   capitalised common word that only opens a sentence ("Photographs showed …").
3. **Longer names, cut right**: a person named after a place or a title is cut out of the longer
   entity ("Hong Kong Carrie Lam"), and a common given name and a surname typed ORG are a person
   ("Elijah Cummings", "Vermont Bernie Sanders"), and a capitalised word the parse makes part of
   a person's name is its first name ("Sadiq" + "Khan"); an organisation's name goes on with "of", "on"
   or "for" ("European Court" + "of Justice"), though not with "and" into a second
   organisation's whole name ("University of Washington and Stanford University", "Union of
   Montana and Rights Fund"), and one with
   a French, Spanish, Italian or German article or preposition in it goes on through such words
   ("Brigade de Recherche" + "et d’Intervention"), and starts with the capitalised words before it that the
   parse puts inside it ("CentOS" + "Governing Board", "Kataeb" + "Hezbollah"), a place of
   several words too ("United States" + "District Court"); a name ending in
   "Act" or "War" is a law or an event, one ending in "Linux" or "OS" a product ("Red Hat
   Enterprise Linux"), even when typed PERSON ("Rocky Linux"), and one ending in "Avenue" or
   "Airport" a facility, not a person or an organisation ("Karl Marx Avenue"). A name the model
   ends on a capitalised preposition goes on to the capitalised words after it ("Iraq Veterans
   Against" + "the War"), and its last word then names what it is about, not what it is.
   Capitalised words right after an organisation that end in a word for a kind of organisation
   are the rest of its name ("NASA" + "Jet Propulsion Laboratory"), and a lone given name joined
   by "and" to one named after a person is its start ("Bill" + "and Melinda Gates Foundation").
   A city after "University of <state>," is the campus, part of the name, when the article
   never names that city on its own ("University of California, Los Angeles"). A building's
   name followed by "for" and a name an appositive calls an event, or one the article names on
   its own, is a facility and an event ("Toronto Congress Centre" + "for Anime North").
   A common given name, surname particles and a surname typed ORG are a person too ("Maria de
   la Cruz").
4. **Organisations the article gives evidence for** (needs the parse): an appositive or a noun
   before the name that says what kind of organisation it is ("Graphcore, a British startup",
   "the Mexican company Cultura Colectiva"), a list under a plural of organisations ("companies
   like Anthropic and DeepMind"); or, twice over, a name that owns what organisations own
   ("Anthropic's confirmation") or is the subject of company verbs ("Anthropic has confirmed").
   Every mention of such a name becomes ORG, unless the article names a person that way; two
   weak clues do not unmake a place ("Hungary launched … Hungary licensed …"). A trade that
   people have as often as companies ("game developer Perttu Ahola") is no clue. A name written
   as an interviewee's speaker mark ("((Perttu Ahola)) Hi.") is a person on every mention.
   Likewise a name an appositive calls an event ("Furnal Equinox, an annual event", "Fan Expo
   Canada, a pop culture convention") is an EVENT on every mention.
   A news outlet is an organisation, never a person: a name ending in "news" ("told Wikinews",
   "Sky News"), a known outlet (`NEWS_OUTLETS`, ruled before the recogniser), a language's edition
   of one ("French Wikinews"), and capitalised words after a capitalised "The" where who heard or
   reported words goes ("told The Atlantic", "according to The Verge").
5. **Surnames**: once "Nancy Pelosi" is a PERSON, a lone "Pelosi" is too (and an untyped
   "Nancy Pelosi" is the whole name, not its last word), whatever the model
   said, except a place after a place preposition ("in Washington"); accents, hyphens and
   particles count ("Brudzinski", "al-Assad", "De La Fuente"). A person's name the model ends at
   the first hyphen of a hyphenated surname goes on to its end ("Chan" + "-o-cha").
6. **Acronyms** defined in brackets ("Federal Security Service (FSB)") take the type of what
   they abbreviate everywhere in the article, and so does one that spells a name of the article
   ("DRC" after "Democratic Republic of the Congo").
7. **Model numbers**: a maker followed by a model number is one PRODUCT ("Boeing 707"), and a
   ship is one after its prefix ("MV Namse Bangdzod"), on every mention of its name.
8. **Places**: a country or US state the model typed ORG is a GPE ("Hungary launched …"), or
   PERSON, unless a person the article names in full bears the name ("Michael Jordan"), and so
   is a city of 100,000 people or more where the text puts a place ("hospital officials in Omsk
   said") or gives it a governor or a mayor ("Chelyabinsk's governor"), by the GeoNames
   gazetteer in `annotator.nlp.lang.en.places`. A name the article calls
   an organisation ("Niger, a startup") keeps ORG, but acting like one does not make a country
   one ("Hungary launched … Hungary licensed …"). A city is a place only after "in", "near" and
   the like, not "at" or "from", which come before employers too ("engineers at Toyota"). A name
   there followed by a comma and a country or US state is a town of it, of any size ("in
   Chippewa Falls, Wisconsin", "between El Paso and Ciudad Juárez, Mexico").
9. **Places joined by "and"**: "Crete and Cyprus" typed as one name is two places when one of
   them is a country or a city of the gazetteer; the other takes the place type the article
   gives it elsewhere ("our biggest island Crete"), else GPE. "Trinidad and Tobago" stays whole.
10. **One type per name**: the mentions of one name in one article are one referent, so a name
   typed one way at least twice, and more often than any other way, takes that type on every
   mention ("Red Hat" ORG 36 times, PERSON 13 times). A lone surname typed PERSON counts for
   the full name ("Baloch said" for "Qandeel Baloch"), even one never typed PERSON when the
   surname is a person twice ("Tsvangirai" for "Morgan Tsvangirai").
   A first name listed with people ("daughters, Nadine, Ashley, and Toni") is a person, and a
   list of first names run into one organisation ("Deirdre, Wyatt & Zach") so many people.
   A place's people named after it ("ordinary Londoners", "American Samoans") are a NORP, and
   two names side by side that together name one ("American" + "Samoan") are one. People in a
   role are no organisation ("the Representatives who voted"); a people or party named before
   the role keeps its own type ("Republican" of "Republican Representatives"). A word the
   article uses before a common noun and as a plural group ("Houthi operations", "the Houthis
   who") is a NORP, except before a word for an organisation ("the Houthi movement").
11. **Titles**: a name right after a lower-case noun that says what kind of work or product it
   is ("the movie UglyDolls", "Xbox game Gears 5") is a WORK_OF_ART or a PRODUCT on that mention
   only, as a film and its title character share a name. The title is the whole run of
   capitalised words and the small words between them ("the radio show Imus in the Morning",
   "the album Band on the Run with …"), which the model cuts into people and pieces.
   Such a title with a lower-case word in it is the work on its other mentions too.
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
from spacy.attrs import IS_ALPHA, IS_LOWER, ORTH, POS, SENT_START, SPACY
from spacy.language import Language
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span
from spacy.tokens import Token as SpacyToken
from spacy.util import filter_spans

from annotator.nlp.lang.en.entities import (
    BROADCAST_WORDS,
    CLITICS,
    COMMON_ACRONYMS,
    COMPANY_VERBS,
    EDITIONS_BY_LANGUAGE,
    EVENT_HEADS,
    EVENT_NOUNS,
    FAC_HEADS,
    FIELD_NOUNS,
    FOREIGN_CONNECTORS,
    GIVEN_NAMES,
    IDIOMS,
    KNOWN_ORGS,
    LAND_NOUNS,
    LAW_HEADS,
    LOCAL_RULERS,
    NEWS_OUTLETS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_LIST_HEADS,
    ORG_NOUNS,
    ORG_POSSESSIONS,
    OUTLET_HEADS,
    OUTLET_SUFFIX,
    PERSON_TITLES,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    PORTFOLIO_TITLES,
    PRODUCT_HEADS,
    PRODUCT_NOUNS,
    ROLES_ORGANISATIONS_HAVE,
    RULERS_OF_PLACES,
    SERVICE_UNITS,
    SHIP_PREFIXES,
    SPEAKING_TO,
    STATION_PREFIXES,
    SURNAME_PARTICLES,
    TECH_WORDS,
    TELLING_WORDS,
    TITLE_OF,
    TITLE_WORDS,
    TRADE_NOUNS,
    VENUE_HEADS,
    WORK_NOUNS,
)
from annotator.nlp.lang.en.places import CITIES, COUNTRIES
from annotator.nlp.lang.en.referents import (
    DESCRIPTOR_NOUNS,
    INTERVIEW_MARK,
    INTERVIEWER_MARKS,
    NAME_SUFFIXES,
    POST_NOMINALS,
    ROLE_NOUNS,
)

COMPONENT = "annotator_entity_fixes"
RULER = "annotator_known_orgs"
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP"}
)
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,9}s?$")
_MODEL_NUMBER = re.compile(r"^(?:[A-Z]{0,2}-?\d{2,4}[A-Za-z]{0,3}|[A-Z]\d{1,4})s?$")
_LIST_PREPS = frozenset({"like", "including", "as"})
_NEEDS_A_LETTER = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_NAME_CONNECTORS = frozenset({"of", "on", "for"})


ORG_EVIDENCE = "annotator_org_evidence"
"""`doc.user_data` key: the names step 4 found organisation evidence for, for a later component
(`annotator.nlp.confidence`) that must not withhold them; that component removes the entry."""


log = logging.getLogger(__name__)


@Language.component(COMPONENT)
def entity_fixes(doc: Doc) -> Doc:
    """Set ``doc.ents`` to the fixed entities.

    A rule that fails on one text leaves that text the model's own entities (and a line in the
    log): an IndexError in one step on the last token of one article stopped the pre-annotation
    of a whole import, and the person saw spaCy's E040 message.
    """
    evidence: set[str] = set()
    try:
        fixed = fix_entities(doc, evidence=evidence)
    except Exception:
        log.exception("the entity rules failed on a text of %d tokens; the model's entities kept", len(doc))
        return doc
    doc.ents = fixed
    if evidence:  # only with a parse; nothing is left on the rule fallback's docs
        doc.user_data[ORG_EVIDENCE] = evidence
    return doc


def add_entity_fixes(nlp: Language) -> None:
    """Put the known-organisation ruler and the fixes right after the recogniser (or the rule
    fallback's entity ruler), once."""
    if COMPONENT in nlp.pipe_names:
        return
    # Before the recogniser, so it predicts around names it would otherwise mistype ("wrote
    # on Twitter" as a person) and keeps the longer names they sit in.
    before = "ner" if "ner" in nlp.pipe_names else None
    where: dict[str, str | bool] = {"before": before} if before else {"last": True}
    ruler = nlp.add_pipe("entity_ruler", name=RULER, **where)  # type: ignore[arg-type]
    known = (*KNOWN_ORGS, *NEWS_OUTLETS)
    ruler.add_patterns([{"label": "ORG", "pattern": name} for name in known])  # type: ignore[attr-defined]
    nlp.add_pipe(COMPONENT, after="ner" if before else RULER)


_ALL_BUT_ORG = frozenset({"PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT"})
# Two weak clues ("Hungary launched …", "Hungary licensed …") do not unmake a place or a people.
_WEAKLY_OVERRULED = _ALL_BUT_ORG - {"GPE", "LOC", "NORP"}


@dataclass
class FixTrace:
    """What each step of `fix_entities` left, for the audit of which step makes which entity
    (`benchmarks/org_fix_audit.py`); the pipeline passes none and pays nothing for it."""

    steps: list[tuple[str, list[Span]]] = field(default_factory=list)
    org_evidence: dict[str, set[str]] = field(default_factory=dict)
    """Per name given organisation evidence, the kinds of clue found (`_org_evidence`)."""

    def add(self, step: str, ents: list[Span]) -> None:
        self.steps.append((step, list(ents)))


def fix_entities(doc: Doc, *, evidence: set[str] | None = None, trace: FixTrace | None = None) -> list[Span]:
    """The entities of `doc` after the fixes described in the module docstring.

    `evidence`, when given, receives the names the article gives organisation evidence for;
    `trace`, when given, what each step left.
    """
    if trace is not None:
        trace.add("model", list(doc.ents))
    pieces = (
        piece
        for e in doc.ents
        for cut in _split_at_dashes(e)
        for part in _split_at_brackets(cut)
        for piece in _split_before_a_capital_the(part)
    )
    trimmed = (t for t in (_trim(e) for e in pieces) if t is not None)
    ents = [
        piece
        for t in trimmed
        for split in _split_at_possessives(t)
        for piece in _split_the_us_from_a_party(split)
        if _keep(piece)
    ]
    ents = _common_acronyms(doc, ents)
    ents = _common_words_opening_sentences(doc, ents)
    ents = _publications_told(doc, ents)
    if trace is not None:
        trace.add("edges and never-names", ents)
    ents = _person_tails(doc, ents)
    if doc.has_annotation("DEP"):
        ents = _first_names_left_out(doc, ents)
    if trace is not None:
        trace.add("person tails", ents)
    ents = _head_noun_tails(doc, ents)
    ents = _events_at_venues(doc, ents)
    ents = _org_tails(doc, ents)
    ents = _capitalised_preposition_tails(doc, ents)
    ents = _couples_named_in_orgs(doc, ents)
    ents = _university_campuses(doc, ents)
    if trace is not None:
        trace.add("org tails (of/on/for)", ents)
    if doc.has_annotation("DEP"):
        ents = _org_heads(doc, ents)
        if trace is not None:
            trace.add("org heads (words before)", ents)
    ents = [_by_last_word(e) for e in ents]
    orgs: set[str] = set()
    strong: set[str] = set()
    if doc.has_annotation("DEP"):
        strong, weak = _org_names(doc, ents, kinds=trace.org_evidence if trace is not None else None)
        orgs = strong | weak
        if evidence is not None:
            evidence.update(orgs)
        ents = _relabel(doc, ents, strong, "ORG", overrule=_ALL_BUT_ORG)
        if trace is not None:
            trace.add("org evidence, strong", ents)
        ents = _relabel(doc, ents, weak, "ORG", overrule=_WEAKLY_OVERRULED)
        if trace is not None:
            trace.add("org evidence, weak twice", ents)
        events = _event_names(doc, ents) - orgs
        ents = _relabel(doc, ents, events, "EVENT", overrule=_NOT_EVENTS)
        if trace is not None:
            trace.add("event appositives", ents)
        interviewees = _interviewees(doc)
        orgs -= interviewees
        people = (_person_names(doc, ents) - orgs) | interviewees
        ents = _relabel(
            doc,
            ents,
            people,
            "PERSON",
            overrule=frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT"}),
        )
        ents = _surnames(doc, ents, protected=orgs)
    ents = _acronyms(doc, ents)
    if trace is not None:
        trace.add("acronyms", ents)
    ents = _model_numbers(doc, ents)
    ents = _ships(doc, ents)
    ents = _places(doc, ents, protected=strong)
    if trace is not None:
        trace.add("places", ents)
    ents = _split_places_joined_by_and(ents)
    ents = _language_editions(doc, ents)
    ents = _hyphenated_surnames(doc, ents)
    ents = _one_type_per_name(doc, ents, protected=orgs)
    ents = _people_listed(doc, ents)
    ents = _demonyms(doc, ents)
    ents = _people_in_roles(doc, ents)
    ents = _peoples_named_in_plural(doc, ents)
    if doc.has_annotation("TAG"):
        ents = _titles_after_a_kind_noun(doc, ents)
    if trace is not None:
        trace.add("one type per name", ents)
    return sorted(filter_spans(ents), key=lambda e: e.start)


def _where(doc: Doc, words: Iterable[str]) -> list[int]:
    """Indices of the tokens written as one of `words`, found on the token hashes: a `doc[i]` per
    token makes a Python object each time, and the rules' scans over every token were most of
    their cost."""
    hashes = [doc.vocab.strings[w] for w in words]
    return [
        int(i)
        for i in numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), numpy.array(hashes, dtype=numpy.uint64)))
    ]


def proper_nouns(doc: Doc) -> list[SpacyToken]:
    """The tokens tagged PROPN, in order, without making a Python object for every other token
    (the entity and the speaker rules scan for them)."""
    return [doc[int(i)] for i in numpy.flatnonzero(doc.to_array(POS) == PROPN)]


def _is_clitic(tok: SpacyToken) -> bool:
    return tok.text in CLITICS or tok.lower_ in CLITICS


_UNIT_SIGNS = frozenset({"%", "‰", "‱"})
"""Tokens spaCy counts as punctuation that belong to the number before them: "5%" is the
PERCENT entity, "5" alone is not."""


def _trailing_punct(tok: SpacyToken) -> bool:
    return tok.is_punct and tok.text not in _UNIT_SIGNS


_FUNCTION_WORDS = frozenset({"ADP", "CCONJ", "SCONJ", "DET"})
"""Parts of speech of a lower-case word that never ends a name."""

_SENTENCE_OPENERS = frozenset({"VERB", "ADP", "SCONJ", "ADV"})
"""Parts of speech of a capitalised first word the model runs into the name after it."""


def _trim(ent: Span) -> Span | None:
    """Drop clitics, punctuation and (for PERSON) titles at the edges; None when nothing is left."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].is_punct or doc[start].is_space or _is_clitic(doc[start])):
        start += 1
    while ent.label_ == "PERSON" and end - start > 1 and doc[start].lower_ in PERSON_TITLES:
        start += 1
    if (
        end - start > 1
        and ent.label_ in _NEEDS_A_LETTER
        and doc[start].is_sent_start
        and doc[start].pos_ in _SENTENCE_OPENERS
    ):
        start += 1  # "Following South Carolina's primary": the sentence's first word is no name's
    while end > start and (
        _is_clitic(doc[end - 1])
        or doc[end - 1].is_space
        or (_trailing_punct(doc[end - 1]) and doc[end - 1].text not in (".",))
        or (doc[end - 1].text == "." and end - start == 1)
        or (ent.label_ == "PERSON" and end - start > 2 and doc[end - 1].lower_ in POST_NOMINALS)
    ):
        end -= 1
    if start >= end:
        return None
    for i in range(start + 1, end):
        if doc[i].text == "(":
            end = i  # "World Health Organization (WHO": the acronym is an entity of its own
            break
    while end > start and (_trailing_punct(doc[end - 1]) or doc[end - 1].is_space):
        end -= 1
    # "Candace Windfall as" (Catwoman): the model runs a name into the lower-case preposition,
    # conjunction or article after it, which ends no name ("Iraq Veterans Against" keeps its
    # capitalised one).
    while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].pos_ in _FUNCTION_WORDS:
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    # A letter or digit outside a clitic: "’s" or "n't" alone is never an entity.
    if not any(ch.isalnum() for tok in span if not _is_clitic(tok) for ch in tok.text):
        return None
    # "Stefan W'" : an apostrophe glued to the last word is a possessive, not part of the name.
    last = doc[end - 1]
    if last.text[-1:] in ("'", "’") and len(last.text) > 1 and start < end:
        char_end = last.idx + len(last.text) - 1
        trimmed = doc.char_span(span.start_char, char_end, label=ent.label_)
        if trimmed is not None:
            return trimmed
    if start == ent.start and end == ent.end:
        return ent
    return Span(doc, start, end, label=ent.label_)


def _split_at_dashes(ent: Span) -> list[Span]:
    """``Tesco — Netto Poland``, ``Labour Party - 203``: a dash between spaces separates names."""
    doc = ent.doc
    cuts = [
        i
        for i in range(ent.start + 1, ent.end - 1)
        if doc[i].text in ("-", "–", "—") and doc[i - 1].whitespace_ and doc[i].whitespace_
    ]
    if not cuts:
        return [ent]
    bounds = [ent.start, *cuts, ent.end]
    return [
        Span(doc, lo + (lo != ent.start), hi, label=ent.label_)
        for lo, hi in itertools.pairwise(bounds)
        if hi - lo - (lo != ent.start) > 0
    ]


def _split_before_a_capital_the(ent: Span) -> list[Span]:
    """``Blues Incorporated for The Rolling Stones``: a capitalised "The" inside a sentence opens
    a name, so a name the model ran on through a lower-case preposition into one is two (not "of",
    as in "Friends of The Earth")."""
    doc = ent.doc
    cut = next(
        (
            i
            for i in range(ent.start + 1, ent.end - 2)
            if doc[i].is_lower and doc[i].pos_ == "ADP" and doc[i].lower_ != "of" and doc[i + 1].text == "The"
        ),
        None,
    )
    if cut is None:
        return [ent]
    return [Span(doc, ent.start, cut, label=ent.label_), Span(doc, cut + 1, ent.end, label=ent.label_)]


_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})


def _split_at_possessives(ent: Span) -> list[Span]:
    """``House of Representatives' Committee on Ways and Means``: an organisation of two words or
    more that owns a second organisation's whole name is two organisations, which the model runs
    into one. A one-word owner is most often part of the name ("People's Liberation Army")."""
    doc = ent.doc
    if ent.label_ != "ORG":
        return [ent]
    start = ent.start + (ent[0].lower_ == "the")
    cut = next(
        (
            i
            for i in range(start + 2, ent.end - 2)
            if doc[i].text in _POSSESSIVE_MARKS
            and _whole_org_name(doc[i + 1 : ent.end], inner=("and", "&", "on"))
        ),
        None,
    )
    if cut is None:
        return [ent]
    return [Span(doc, ent.start, cut, label="ORG"), Span(doc, cut + 1, ent.end, label="ORG")]


_US_NAMES = (("United", "States"), ("U.S.",), ("US",), ("U.S",), ("USA",), ("U.S.A.",))


def _split_the_us_from_a_party(ent: Span) -> list[Span]:
    """``U.S. Libertarian Party``, ``the United States Democratic Party``: the country before an
    American party's name is no part of it (the party is the "Libertarian Party"), though the
    model runs them together. Elsewhere a party may bear its country's name ("UK Independence
    Party", "Singapore Democratic Party"), so only the United States' names are cut off."""
    if ent.label_ != "ORG" or ent[-1].lower_ != "party":
        return [ent]
    doc = ent.doc
    start = ent.start + (ent[0].lower_ == "the")
    for words in _US_NAMES:
        end = start + len(words)
        if end + 2 <= ent.end and tuple(t.text for t in doc[start:end]) == words:
            if not all(t.is_title for t in doc[end : ent.end]):
                return [ent]
            return [Span(doc, start, end, label="GPE"), Span(doc, end, ent.end, label="ORG")]
    return [ent]


_EDITORIAL_CAPITAL = re.compile(r"^\[?\w\]\w")
"""``[S]evengill``, ``[I]t``: a quotation's first letter changed by the editor, inside one token."""


def _split_at_brackets(ent: Span) -> list[Span]:
    """``Jerry [O'Connell]``: a square bracket inside an entity is an editor's insertion into a
    quotation, which separates names; a word whose capital the editor put in brackets
    (``[S]evengill``) was lower case as said, so it makes no name."""
    doc = ent.doc
    if _EDITORIAL_CAPITAL.match(ent[0].text):
        return []
    cuts = [i for i in range(ent.start, ent.end) if doc[i].text in ("[", "]")]
    if not cuts:
        return [ent]
    bounds = [ent.start - 1, *cuts, ent.end]
    return [Span(doc, lo + 1, hi, label=ent.label_) for lo, hi in itertools.pairwise(bounds) if hi > lo + 1]


def _interviewer_mark(ent: Span) -> bool:
    """``((WN))``: the interviewer's mark in a transcript is no mention of anyone."""
    if ent.text.lower() not in INTERVIEWER_MARKS:
        return False
    doc = ent.doc
    before = "".join(t.text_with_ws for t in doc[max(0, ent.start - 2) : ent.start])
    after = "".join(t.text for t in doc[ent.end : ent.end + 2])
    return before.endswith("((") and after.startswith("))")


_BRACKETS = {"(": ")", "[": "]"}


def _initials(span: Span) -> str:
    return "".join(word[0] for word in re.split(r"[\s\-]+", span.text) if word)


def _spelled_out_in_lower_case(tok: SpacyToken) -> bool:
    """``RPG [role-playing game]``, ``electric vehicle (EV)``: lower-case words in brackets after
    the acronym, or before it when it is in brackets, whose initials spell it."""
    doc = tok.doc
    letters = tok.text.removesuffix("s").lower()  # "EVs"
    most = 2 * len(letters) + 1  # words and the hyphens between them
    opening = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if opening is not None and opening.text in _BRACKETS:
        for end in range(opening.i + 2, min(opening.i + 2 + most, len(doc))):
            if doc[end].text == _BRACKETS[opening.text]:
                words = doc[opening.i + 1 : end]
                return words.text.islower() and _initials(words) == letters
    before = doc[tok.i - 1] if tok.i > 0 else None
    if (
        before is None
        or before.text not in _BRACKETS
        or opening is None
        or opening.text != _BRACKETS[before.text]
    ):
        return False
    for start in range(before.i - 1, max(before.i - 1 - most, -1), -1):
        words = doc[start : before.i]
        if words.text.islower() and _initials(words) == letters:
            return True
    return False


def _glosses_a_common_acronym(ent: Span) -> bool:
    """``IDEs [Integrated Development Environments]``, ``CV [Curriculum Vitæ]``: capitalised words
    in brackets right after an abbreviation of a common noun, whose initials spell it, say what
    it stands for (an organisation is introduced the other way round, "Name (ACRONYM)")."""
    doc = ent.doc
    if len(ent) < 2 or ent.start < 2 or ent.end >= len(doc):
        return False
    opening, acronym = doc[ent.start - 1], doc[ent.start - 2]
    if opening.text not in _BRACKETS or doc[ent.end].text != _BRACKETS[opening.text]:
        return False
    letters = acronym.text.removesuffix("s").lower()
    initials = _initials(ent).lower()
    return (
        (letters in COMMON_ACRONYMS or letters in NOT_NAMES)
        and bool(_ACRONYM.match(acronym.text))
        and initials in (letters, letters + "s")
    )


def _common_acronyms(doc: Doc, ents: list[Span]) -> list[Span]:
    """Abbreviations of common nouns are no names: one of `COMMON_ACRONYMS` ("IRL meet-ups"), or
    one the article spells out in lower case ("RPG [role-playing game]"), on every mention, unless
    the article gives it as the acronym of a name ("Independent Revenue League (IRL)"). What an
    abbreviation of `NOT_NAMES` stands for is no name either ("End of Life (EOL)")."""
    named: set[str] = set()
    common: set[str] = set()
    for ent in ents:
        if (
            len(ent) > 1
            and ent.end + 2 < len(doc)
            and doc[ent.end].text in _BRACKETS
            and doc[ent.end + 2].text == _BRACKETS[doc[ent.end].text]
        ):
            acronym = doc[ent.end + 1].text
            words = ent[1:] if ent[0].lower_ == "the" else ent
            if acronym.lower() in NOT_NAMES and _initials(words).lower() == acronym.lower():
                common.add(ent.text)
            else:
                named.add(acronym)
        elif len(ent) == 1 and _ACRONYM.match(ent.text) and _spelled_out_in_lower_case(ent[0]):
            common.add(ent.text)
        if _glosses_a_common_acronym(ent):
            common.add(ent.text)
    return [
        e
        for e in ents
        if not (
            (len(e) > 1 and e.text in common)
            or (
                len(e) == 1
                and _ACRONYM.match(e.text)
                and e.text not in named
                and (e.text in common or e.text.lower() in COMMON_ACRONYMS)
            )
        )
    ]


def _common_words_opening_sentences(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Content is so easy to add … what content you add``: a word the model took for a name only
    where it opens a sentence, that the article writes in lower case elsewhere and never
    capitalised inside a sentence, is a common word (the tagger calls it a proper noun there, so
    `_keep` cannot tell)."""
    if not doc.has_annotation("SENT_START"):
        return ents
    # The words as hashes, read in one go: a token object per word was most of this step's time.
    alpha, is_lower, sent_start, orth = doc.to_array([IS_ALPHA, IS_LOWER, SENT_START, ORTH]).T
    words = (alpha == 1) & (sent_start != 1)
    lower = set(orth[words & (is_lower == 1)].tolist())
    inside = set(orth[words & (is_lower != 1)].tolist())
    strings = doc.vocab.strings
    return [
        e
        for e in ents
        if not (
            len(e) == 1
            and e.label_ in NAME_LABELS
            and e[0].is_sent_start
            and e[0].is_title
            and strings[e.text.lower()] in lower
            and strings[e.text] not in inside
        )
    ]


def _keep(ent: Span) -> bool:
    text = ent.text.lower()
    if text in TECH_WORDS or all(t.lower_ in TECH_WORDS or t.is_punct for t in ent):
        return False
    if ent.label_ in _NEEDS_A_LETTER and not any(ch.isalpha() for ch in ent.text):
        return False  # "48" of "Scottish National Party - 48 seats"
    if _interviewer_mark(ent):
        return False
    if ent.label_ == "PERSON" and ent[-1].lower_ in FIELD_NOUNS:
        return False  # "Atmospheric Science" of "School of Marine and Atmospheric Science"
    if ent.label_ in NAME_LABELS and (
        text in NOT_NAMES or not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in ent)
    ):
        return False  # "COVID-19", "UTC", "restraint": a disease, a time zone, a common word
    doc = ent.doc
    if (
        len(ent) == 1
        and ent.start >= 2
        and doc[ent.start - 1].lower_ == "of"
        and doc[ent.start - 2].lower_ in TITLE_OF
    ):
        return False  # "Secretary of State": part of a title
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("'s", "’s", "'", "’"):
        following = doc[ent.end + 1].lower_
        if (ent[-1].lower_, following) in IDIOMS:
            return False
    if (
        len(ent) == 1
        and ent.end < len(doc)
        and doc[ent.end].lower_ in PORTFOLIO_TITLES
        and not ent[0].is_upper
    ):
        return False  # "Interior Minister …", "Health Minister …": a portfolio, not a name
    # "Photographs showed …", "Escape rooms …": a common word that only opens a sentence.
    return not (
        len(ent) == 1
        and ent.label_ != "NORP"
        and ent[0].is_sent_start
        and doc.has_annotation("TAG")
        and ent[0].pos_ in ("NOUN", "ADJ", "VERB", "ADV")
        and not ent[0].is_upper
    )


def _name_span(doc: Doc, tok: SpacyToken, ents_at: dict[int, Span]) -> Span | None:
    """The name a proper-noun token belongs to: its entity, else its run of compound proper nouns."""
    ent = ents_at.get(tok.i)
    if ent is not None:
        return ent if len(ent) <= 4 else None
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return None
    start = tok.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
        start -= 1
    while start < tok.i and doc[start].lower_ in PERSON_TITLES:
        start += 1
    return doc[start : tok.i + 1]


def _key(span: Span) -> str:
    return " ".join(t.text for t in span)


_WEAK_CLUES = frozenset({"possessive", "company verb"})


def _org_evidence(doc: Doc, tok: SpacyToken, ents_at: dict[int, Span]) -> str | None:
    """The kind of organisation clue a proper noun has, if any; the possessive and the company
    verb are weak clues, the others strong."""
    head = tok.head
    # A common noun, not another name: in "Carl Hensman of the Bill and Melinda Gates
    # Foundation" the parse makes the foundation's name an appositive of the man's.
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in ORG_NOUNS for c in tok.children):
        return "appositive"  # "Graphcore, a British startup"
    if (
        tok.dep_ == "appos"
        and head.lemma_.lower() in ORG_NOUNS
        and head.pos_ == "NOUN"
        and _right_after(doc, head, _name_start(doc, tok, ents_at))
    ):
        return "appositive of"  # "the startup, Graphcore"
    if _listed_under_org_plural(tok):
        return "list"  # "companies like Anthropic and DeepMind"
    if tok.dep_ != "compound" and _org_noun_before(doc, tok, ents_at):
        return "noun before"  # "the Mexican company Cultura Colectiva", "chains Woolworths and Coles"
    if tok.dep_ == "poss" and head.lower_ in ORG_POSSESSIONS:
        return "possessive"  # "Anthropic's confirmation"
    if tok.dep_ == "nsubj" and head.lemma_.lower() in COMPANY_VERBS:
        return "company verb"  # "Anthropic has confirmed"
    return None


def _right_after(doc: Doc, noun: SpacyToken, start: int) -> bool:
    """Whether a name starting at token `start` follows `noun` with only punctuation between:
    ``"Our team" study co-author Tak-Sing Wong`` is no team, though the parse says so."""
    return noun.i < start and all(t.is_punct for t in doc[noun.i + 1 : start])


def _org_names(
    doc: Doc, ents: list[Span], *, kinds: dict[str, set[str]] | None = None
) -> tuple[set[str], set[str]]:
    """Names the article gives organisation evidence for (module docstring, step 3): those with
    strong evidence, and those with two weak clues only. `kinds`, when given, receives the kinds
    of clue found for each name."""
    ents_at = {i: e for e in ents for i in range(e.start, e.end)}
    strong: set[str] = set()
    weak: Counter[str] = Counter()
    for tok in proper_nouns(doc):
        evidence = _org_evidence(doc, tok, ents_at)
        if evidence is None:
            continue
        span = _name_span(doc, tok, ents_at)
        if span is None:
            continue
        key = _key(span)
        if kinds is not None:
            kinds.setdefault(key, set()).add(evidence)
        if evidence in _WEAK_CLUES:
            weak[key] += 1
        else:
            strong.add(key)
    strong = {k for k in strong if not _names_a_person(doc, ents, k)}
    twice = {k for k, n in weak.items() if n >= 2 and k not in strong}
    return strong, {k for k in twice if not _names_a_person(doc, ents, k)}


_NOT_EVENTS = frozenset({"ORG", "PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP"})


def _an_event_noun(tok: SpacyToken) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in EVENT_NOUNS


def _event_names(doc: Doc, ents: list[Span]) -> set[str]:
    """Names an appositive says are events ("Furnal Equinox, an annual event", "the festival,
    Glastonbury"), which the small model types ORG on every mention: the apposition is the
    article's own word for what the name is, as "Graphcore, a British startup" is for an
    organisation."""
    ents_at = {i: e for e in ents for i in range(e.start, e.end)}
    names: set[str] = set()
    for tok in proper_nouns(doc):
        head = tok.head
        if not (
            any(c.dep_ == "appos" and _an_event_noun(c) for c in tok.children)
            or (tok.dep_ == "appos" and _an_event_noun(head))
        ):
            continue
        span = _name_span(doc, tok, ents_at)
        if span is not None and len(span) > 1 and span[0].lower_ == "the":
            span = span[1:]
        if span is not None:
            names.add(_key(span))
    return names


def _org_noun_before(doc: Doc, tok: SpacyToken, ents_at: dict[int, Span]) -> bool:
    """A name right after a noun that says what kind of organisation it is, or a conjunct of one."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i and first.head.i < first.i:
        first = first.head
    start = _name_start(doc, first, ents_at)
    if start == 0:
        return False
    before = doc[start - 1]
    lemma = before.lemma_.lower()
    return before.pos_ == "NOUN" and lemma in ORG_NOUNS and lemma not in TRADE_NOUNS and before.is_lower


# "an attendee Ravi Tandel said": a noun describing a person before a name is a role too; not
# one that also names a kind of organisation ("the public broadcaster Radio Free Asia").
_ROLES_BEFORE_A_NAME = ROLE_NOUNS | (DESCRIPTOR_NOUNS - ORG_NOUNS)


def _person_names(doc: Doc, ents: list[Span]) -> set[str]:
    """Names that the article says are people, whatever the model said: for two proper nouns or
    more, a role in apposition ("Tomasz Kubiak, a fire service spokesman", "a fire service
    spokesman, Tomasz Kubiak,") or a role just before them ("officers Antoine Quirin and Nicolas
    Redouane", "spokesman Steffen Seibert"); for one, a
    role in apposition that only a person has ("Biden, the Democrats' nominee")."""
    ents_at = {i: e for e in ents for i in range(e.start, e.end)}
    names: set[str] = set()
    for tok in proper_nouns(doc):
        if tok.dep_ == "compound":
            continue
        span = _name_span(doc, tok, ents_at)
        if span is None or not all(_name_part(t) for t in span):
            continue
        if len(span) == 1:
            # "Biden, the Democrats' nominee, leads": one word is a person only by a role in
            # apposition after a comma that no organisation or country has ("Hungary, a member
            # of NATO"); a capitalised one is more often a misparsed title ("According to NPR,
            # former Vice President …", "Her Majesty the Queen").
            if span.text not in COUNTRIES and any(
                c.dep_ == "appos"
                and c.is_lower
                and c.i > tok.i + 1
                and doc[tok.i + 1].text == ","
                and c.lemma_.lower() in ROLE_NOUNS
                and c.lemma_.lower() not in ROLES_ORGANISATIONS_HAVE
                for c in tok.children
            ):
                names.add(_key(span))
            continue
        # The conjunction hangs on the name's last word: in "Presidents Ann Kerr of Ghana and
        # Ben Osei of Togo" the second name's head is a conjunct of the first's, its first word
        # a compound.
        head = tok
        while head.dep_ == "conj" and head.head.i != head.i and head.head.i < head.i:
            head = head.head
        first = doc[_name_start(doc, head, ents_at)] if head is not tok else span[0]
        before = doc[first.i - 1] if first.i > 0 else None
        role_before = before is not None and (
            before.lower_ in PERSON_TITLES
            or (before.lemma_.lower() in _ROLES_BEFORE_A_NAME and before.pos_ == "NOUN")
        )
        role_appos = any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in tok.children)
        # "a ministry spokesperson, Ann Kerr, said": the name in apposition to a role right
        # before it, which no organisation has (not "a sponsor, Acme Foods").
        appos_of_role = (
            tok.dep_ == "appos"
            and tok.head.pos_ == "NOUN"
            and tok.head.lemma_.lower() in ROLE_NOUNS
            and tok.head.lemma_.lower() not in ROLES_ORGANISATIONS_HAVE
            and _right_after(doc, tok.head, span.start)
        )
        if role_before or role_appos or appos_of_role:
            names.add(_key(span))
    return names


def _name_part(tok: SpacyToken) -> bool:
    """A proper noun, or the hyphen inside one ("Tak-Sing")."""
    return tok.pos_ == "PROPN" or (
        tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    )


def _interviewees(doc: Doc) -> set[str]:
    """Names of two capitalised words or more written as a transcript's speaker mark
    ("((Perttu Ahola)) Hi."), other than the interviewer's ("((WN))"): the people interviewed.
    The small model often finds no entity there, or an ORG, on every answer of an interview."""
    names: set[str] = set()
    if not _has_double_bracket(doc):
        return names  # no mark: spared `doc.text`, which joins every token anew
    for mark in INTERVIEW_MARK.finditer(doc.text):
        words = mark.group(1).split()
        if (
            len(words) >= 2
            and all(w.istitle() and w.isalpha() for w in words)
            and mark.group(1).lower() not in INTERVIEWER_MARKS
        ):
            names.add(" ".join(words))
    return names


def _has_double_bracket(doc: Doc) -> bool:
    """Whether ``((`` is in the text, told from the words and their spaces: in a token, or a
    token ending in ``(`` with no space after it and the next starting with one. News often
    has brackets, almost never doubled."""
    strings = doc.vocab.strings
    orth, space = doc.to_array([ORTH, SPACY]).T
    words = {h: strings[h] for h in set(orth.tolist())}
    if any("((" in w for w in words.values()):
        return True
    opens = numpy.array([h for h, w in words.items() if w.endswith("(")], dtype=numpy.uint64)
    starts = numpy.array([h for h, w in words.items() if w.startswith("(")], dtype=numpy.uint64)
    glued = numpy.isin(orth[:-1], opens) & (space[:-1] == 0) & numpy.isin(orth[1:], starts)
    return bool(glued.any())


def _name_start(doc: Doc, tok: SpacyToken, ents_at: dict[int, Span]) -> int:
    span = _name_span(doc, tok, ents_at)
    return span.start if span is not None else tok.i


def _listed_under_org_plural(tok: SpacyToken) -> bool:
    """``companies like X and Y``, ``rivals such as X``: X (or a conjunct of it) under such a plural."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.lower_ not in _LIST_PREPS:
        return False
    owner = prep.head
    if prep.lower_ == "as" and owner.lower_ == "such":
        owner = owner.head
    return owner.lower_ in ORG_LIST_HEADS


def _names_a_person(doc: Doc, ents: list[Span], key: str) -> bool:
    """True when a PERSON entity of two or more words contains the name, or a title precedes it."""
    words = key.split()
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > len(words):
            texts = [t.text for t in ent]
            if any(texts[i : i + len(words)] == words for i in range(len(texts) - len(words) + 1)):
                return True
    return any(
        doc[i - 1].lower_ in PERSON_TITLES and [t.text for t in doc[i : i + len(words)]] == words
        for i in _where(doc, words[:1])
        if i >= 1
    )


def _occurrences(doc: Doc, words: list[str]) -> Iterable[Span]:
    n = len(words)
    first = words[0]
    for i in _where(doc, [first]):
        if i + n <= len(doc) and [t.text for t in doc[i : i + n]] == words:
            yield doc[i : i + n]


def _relabel(
    doc: Doc, ents: list[Span], names: set[str], label: str, *, overrule: frozenset[str]
) -> list[Span]:
    """Label every mention of `names`, replacing entities of an `overrule` type on the same words."""
    if not names:
        return ents
    out = list(ents)
    for key in names:
        for occ in _occurrences(doc, key.split()):
            if _interviewer_mark(occ):
                continue  # "((WN)) How did you …" as a company-verb subject: still no name
            clashing = [e for e in out if e.start < occ.end and occ.start < e.end]
            if any(e.label_ not in overrule and e.label_ != label for e in clashing):
                continue
            if any(e.label_ == label and e.start <= occ.start and occ.end <= e.end for e in clashing):
                continue
            if any(len(e) > len(occ) and e.label_ != label for e in clashing):
                continue  # part of a longer name of another kind ("Anthropic Tower")
            out = [e for e in out if e not in clashing]
            out.append(Span(doc, occ.start, occ.end, label=label))
    return out


def _person_tails(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Hong Kong Carrie Lam`` (GPE), ``United States Representative Elijah Cummings`` (ORG): a
    longer entity that ends with a first name and the surname of a person named elsewhere, after a
    place named elsewhere or a title, is that place (or nothing) followed by the person."""
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and e[-1].text[:1].isupper()}
    full_names = {(e[0].text, e[1].text) for e in ents if e.label_ == "PERSON" and len(e) == 2}
    places = {e.text for e in ents if e.label_ in ("GPE", "LOC")}
    out: list[Span] = []
    for ent in ents:
        if ent.label_ == "ORG" and len(ent) == 2 and _given_name_and_surname(ent[0], ent[1]):
            out.append(Span(doc, ent.start, ent.end, label="PERSON"))  # "Elijah Cummings"
            continue
        if (
            ent.label_ == "ORG"
            and len(ent) in (3, 4)
            and all(t.lower_ in SURNAME_PARTICLES for t in ent[1:-1])
            and _given_name_and_surname(ent[0], ent[-1])
        ):
            out.append(Span(doc, ent.start, ent.end, label="PERSON"))  # "Maria de la Cruz"
            continue
        first = ent[-2] if len(ent) >= 3 else None
        given = ent.label_ in ("ORG", "GPE") and first is not None and _given_name_and_surname(first, ent[-1])
        # "President of Ukraine Volodymyr Zelenskyy": after "<title> of", a place and then a person.
        after_title_of = (
            ent.start >= 2
            and doc[ent.start - 1].lower_ == "of"
            and doc[ent.start - 2].lower_ in RULERS_OF_PLACES
            and first is not None
            and ent[-1].is_title
            and not any(t.lower_ in ORG_HEADS or t.lower_ in ("and", "&") for t in ent)
            and any(not t.is_stop for t in doc[ent.start : ent.end - 2])
        )
        if (
            ent.label_ == "PERSON"
            or first is None
            or (ent[-1].text not in surnames and not after_title_of and not given)
            or not (first.text[:1].isupper() and first.is_alpha)
            or first.lower_ in PERSON_TITLES
        ):
            out.append(ent)
            continue
        if after_title_of:
            out.append(Span(doc, first.i, ent.end, label="PERSON"))
            out.append(Span(doc, ent.start, first.i, label="GPE"))
            continue
        head_end = first.i
        while head_end > ent.start and (
            doc[head_end - 1].lower_ in ROLE_NOUNS or doc[head_end - 1].lower_ in PERSON_TITLES
        ):
            head_end -= 1  # "United States Representative": the title goes, the rest names no one
        head_start = ent.start
        while head_start < head_end and doc[head_start].is_stop:
            head_start += 1  # "the Oberster Gerichtshof" has no place or title before a name
        head = doc[head_start:head_end].text
        named = given or (first.text, ent[-1].text) in full_names  # "Vermont Bernie Sanders"
        if head_end == first.i and (not head or (head not in places and not named)):
            out.append(ent)  # "Red Hat Enterprise Linux", "Maya Rockeymoore Cummings": one name
            continue
        if head_end == first.i and given and _first_name_of(doc[head_start:head_end], places):
            out.append(Span(doc, head_start, ent.end, label="PERSON"))  # "Tynice Nichole Hall"
            continue
        out.append(Span(doc, first.i, ent.end, label="PERSON"))
        if head_end == first.i and (head in places or not given or _all_proper(doc[head_start:head_end])):
            out.append(Span(doc, head_start, head_end, label=ent.label_))  # not "Whistleblower"
    return out


def _first_name_of(head: Span, places: set[str]) -> bool:
    """One capitalised word before a common given name and a surname that can only be the
    person's own first name: no place (named in the article or in the gazetteer), no title, no
    word of an organisation's name. "Tynice Nichole Hall" is one person; "Ohio Bernie Moreno" a
    state and a senator."""
    if len(head) != 1:
        return False
    word = head[0]
    return (
        word.pos_ == "PROPN"  # not "Whistleblower Julian Assange"
        and word.is_title
        and word.is_alpha
        and word.text not in places
        and word.text not in COUNTRIES
        and word.text not in CITIES
        and word.lower_ not in ORG_HEADS
        and word.lower_ not in ORG_NOUNS
        and word.lower_ not in PERSON_TITLES
        and word.lower_ not in ROLE_NOUNS
    )


def _all_proper(span: Span) -> bool:
    return all(t.pos_ == "PROPN" for t in span)


def _given_name_and_surname(given: SpacyToken, surname: SpacyToken) -> bool:
    """``Elijah Cummings``: a common given name and a capitalised word that names no kind of
    organisation or place (not "Victor Hugo Avenue", "Kevin Smith Foundation"). The small model
    types such a name ORG wherever its context looks institutional ("the seat formerly held by
    Elijah Cummings"); organisation evidence in the article still makes it ORG afterwards."""
    word = surname.lower_
    return (
        given.text in GIVEN_NAMES
        and surname.is_title
        and surname.is_alpha
        and surname.text not in GIVEN_NAMES
        and word not in ORG_HEADS
        and word not in ORG_NOUNS
        and word not in FAC_HEADS
        and word not in PRODUCT_HEADS
        and word not in PLACE_HEADS
    )


def _org_tails(doc: Doc, ents: list[Span]) -> list[Span]:
    """``European Court`` + ``of Justice``, ``High Court of England`` + ``and Wales``: an
    organisation's name goes on with "of", "on" or "for" (or "and" inside such a name) and
    capitalised words; the places or bodies the recogniser found in them become part of it."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for ent in ents:
        if ent.label_ != "ORG" or ent.end >= len(doc):
            continue
        words = [t.lower_ for t in ent]
        ends_with_head = words[-1] in ORG_HEADS
        has_prep_after_head = any(
            words[i] in ORG_HEADS and words[i + 1] in _NAME_CONNECTORS for i in range(len(words) - 1)
        )
        connector = doc[ent.end].lower_
        foreign = any(t.is_lower and t.lower_ in FOREIGN_CONNECTORS for t in ent[1:])
        if not (
            (connector in _NAME_CONNECTORS and ends_with_head)
            or (connector in ("and", "&") and has_prep_after_head)
            or (foreign and doc[ent.end].is_lower and connector in FOREIGN_CONNECTORS)
        ):
            continue
        end = ent.end + 1
        if end < len(doc) and doc[end].lower_ == "the" and connector != "and":
            end += 1
        last = None
        while end < len(doc):
            tok = doc[end]
            other = by_token.get(tok.i)
            if other is not None and other.label_ not in ("GPE", "ORG", "LOC", "NORP"):
                break  # a person, a date: "the Supreme Court on Monday"
            if tok.is_title or (tok.is_upper and tok.is_alpha) or (foreign and _elided_capital(tok)):
                last = end
            elif foreign and tok.is_lower and tok.lower_ in FOREIGN_CONNECTORS:
                pass  # "Brigade de Recherche" + "et d’Intervention", "… Statistique" + "et des Études"
            elif not (tok.lower_ in ("and", "of", "&") and last is not None):
                break
            end += 1
        if last is None:
            continue
        if connector in ("and", "&") and _whole_org_name(doc[ent.end + 1 : last + 1]):
            continue  # "University of Washington and Stanford University": two organisations
        # "Union" + "of Montana and Rights Fund": the name goes on to "Montana", and "and"
        # starts a second organisation's whole name.
        second = next(
            (
                j
                for j in range(ent.end + 2, last)
                if doc[j].lower_ in ("and", "&") and _whole_org_name(doc[j + 1 : last + 1])
            ),
            None,
        )
        if second is not None:
            last = second - 1
        absorbed = {by_token[i] for i in range(ent.end, last + 1) if i in by_token}
        if any(a.end > last + 1 for a in absorbed):
            continue  # the name would cut another entity in two
        out = [e for e in out if e not in absorbed and e is not ent]
        out.append(Span(doc, ent.start, last + 1, label="ORG"))
    return out


def _whole_org_name(words: Span, *, inner: tuple[str, ...] = ()) -> bool:
    """Capitalised words that make an organisation's name on their own: ending in a word for a
    kind of organisation ("Stanford University"), or starting with one and "of" or "for"
    ("University of Washington"); "Wales" of "High Court of England and Wales" is none. Words in
    `inner` may come between the capitalised ones too."""
    small = ("of", "for", "the", *inner)
    if len(words) < 2 or not all(t.text[:1].isupper() or t.lower_ in small for t in words):
        return False
    return words[-1].lower_ in ORG_HEADS or (
        words[0].lower_ in ORG_HEADS and words[1].lower_ in _NAME_CONNECTORS
    )


def _head_noun_tails(doc: Doc, ents: list[Span]) -> list[Span]:
    """``NASA`` + ``Jet Propulsion Laboratory``: capitalised words right after an organisation
    that end in a word naming a kind of organisation ("Laboratory", "Institute", "Council") are
    the rest of its name. The known-organisation ruler types "NASA" before the recogniser runs,
    and the recogniser then leaves the words after it untyped. Only words no entity holds, in
    the same sentence, and only when the head noun is the last capitalised word ("NASA
    Administrator Jim Bridenstine" has none)."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for ent in ents:
        if ent.label_ != "ORG":
            continue
        end = ent.end
        while (
            end < len(doc)
            and end not in by_token
            and not doc[end].is_sent_start
            and (doc[end].is_title or (doc[end].is_upper and doc[end].is_alpha))
        ):
            end += 1
        if end == ent.end or doc[end - 1].lower_ not in ORG_HEADS:
            continue
        out = [e for e in out if e is not ent]
        out.append(Span(doc, ent.start, end, label="ORG"))
    return out


def _events_at_venues(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Toronto Congress Centre`` + ``for`` + ``Anime North, a fan-run convention``: the small
    model runs a venue and the event held there into one organisation. When the words after
    "<Centre|Hall|Arena…> for" end the name and an appositive calls them an event, or the article
    names them on their own elsewhere, they are the event and the words before a facility;
    otherwise "for" goes on in one name ("Centre for Aviation")."""
    out = list(ents)
    for ent in ents:
        if ent.label_ not in ("ORG", "FAC"):
            continue
        cut = next(
            (
                t.i
                for t in ent[1:-1]
                if t.lower_ == "for" and doc[t.i - 1].lower_ in VENUE_HEADS and doc[t.i - 1].is_title
            ),
            None,
        )
        if cut is None or not all(t.is_title for t in doc[cut + 1 : ent.end]):
            continue
        event = doc[cut + 1 : ent.end]
        if event.text in COUNTRIES or event.text in CITIES:
            continue  # "Hall for Cornwall": a building named for a place
        called_an_event = any(c.dep_ == "appos" and _an_event_noun(c) for c in event[-1].children)
        if not (called_an_event or _named_alone(doc, event)):
            continue
        out = [e for e in out if e is not ent]
        out.append(Span(doc, ent.start, cut, label="FAC"))
        out.append(Span(doc, event.start, event.end, label="EVENT"))
    return out


def _named_alone(doc: Doc, name: Span) -> bool:
    """Whether the words of `name` appear elsewhere in `doc` as a name of their own: not right
    after "for" or a capitalised word, nor before a capitalised word ("The Aviation Herald")."""
    words = [t.text for t in name]
    for span in _occurrences(doc, words):
        if span.start == name.start:
            continue
        before = doc[span.start - 1] if span.start else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and (before.lower_ == "for" or (before.is_title and not before.is_sent_start)):
            continue
        if after is not None and after.is_title:
            continue
        return True
    return False


def _couples_named_in_orgs(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Bill`` + ``and`` + ``Melinda Gates Foundation``: a foundation named after a couple names
    them "<given> and <given> <surname> <head>", and the small model makes the first given name
    a person of its own and the rest the organisation. A lone common given name joined by "and"
    to an organisation of a name and a surname ending in a word for a kind of organisation is
    the start of that organisation's name."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for ent in ents:
        start = ent.start - 2
        if (
            ent.label_ != "ORG"
            or len(ent) < 3
            or start < 0
            or ent[-1].lower_ not in ORG_HEADS
            or not all(t.is_title and t.is_alpha for t in ent)
            or doc[ent.start - 1].lower_ != "and"
            or doc[start].text not in GIVEN_NAMES
            or (start > 0 and doc[start - 1].is_title and not doc[start - 1].is_sent_start)
        ):
            continue
        given = by_token.get(start)
        if given is not None and (given.label_ != "PERSON" or len(given) != 1):
            continue
        out = [e for e in out if e is not ent and e is not given]
        out.append(Span(doc, start, ent.end, label="ORG"))
    return out


def _university_campuses(doc: Doc, ents: list[Span]) -> list[Span]:
    """``University of California`` + ``,`` + ``Los Angeles``: a university of a state names its
    campuses after a comma, and the small model makes the campus a place of its own. A place
    after "University of <name>," that is no country or state and that the article never names
    on its own is the rest of the university's name; one the article names elsewhere ("Austin"
    of "in Austin") is where the university is."""
    campuses: list[tuple[Span, Span]] = []
    starts = {e.start: e for e in ents}
    for ent in ents:
        words = [t for t in ent if t.lower_ != "the"]
        place = starts.get(ent.end + 1)
        if (
            ent.label_ == "ORG"
            and len(words) >= 3
            and words[0].text == "University"
            and words[1].text == "of"
            and place is not None  # first: a name at the text's end has no token after it
            and doc[ent.end].text == ","
            and place.label_ == "GPE"
            and place.text not in COUNTRIES
        ):
            campuses.append((ent, place))
    if not campuses:
        return ents
    joined = {place.start for _, place in campuses}
    named_alone = {_key(e) for e in ents if e.label_ in ("GPE", "LOC") and e.start not in joined}
    out = list(ents)
    for ent, place in campuses:
        if _key(place) in named_alone:
            continue
        out = [e for e in out if e is not ent and e is not place]
        out.append(Span(doc, ent.start, place.end, label="ORG"))
    return out


def _title_preposition(tok: SpacyToken) -> bool:
    """``Against``, ``Without``: a capitalised preposition inside a sentence belongs to a name."""
    return tok.pos_ == "ADP" and tok.is_title and not tok.is_sent_start


def _capitalised_preposition_tails(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Iraq Veterans Against`` + ``the War``: an organisation's name the model ends on a
    capitalised preposition goes on, through "the", to the capitalised words after it."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for ent in ents:
        if ent.label_ != "ORG" or len(ent) < 2 or not _title_preposition(ent[-1]):
            continue
        end = ent.end + (1 if ent.end < len(doc) and doc[ent.end].lower_ == "the" else 0)
        last = None
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            last = end
            end += 1
        if last is None:
            continue
        absorbed = {by_token[i] for i in range(ent.end, last + 1) if i in by_token}
        if any(a.end > last + 1 or a.label_ not in ("GPE", "ORG", "LOC", "NORP") for a in absorbed):
            continue  # the name would cut another entity in two, or take in a person
        out = [e for e in out if e not in absorbed and e is not ent]
        out.append(Span(doc, ent.start, last + 1, label="ORG"))
    return out


def _elided_capital(tok: SpacyToken) -> bool:
    """``d’Intervention``, ``l'Économie``: an elided article or preposition and a capitalised word,
    one token, inside a French or Italian name."""
    text = tok.text
    return (
        len(text) > 2 and text[0] in "dlDL" and text[1] in "'’" and text[2:3].isupper() and text[2:].isalpha()
    )


_JOINABLE_BEFORE_ORG = frozenset({"ORG", "NORP", "GPE"})
_PERSONS_WORDS = PERSON_TITLES | ROLE_NOUNS | POST_NOMINALS


def _name_word_before(doc: Doc, end: int) -> int | None:
    """Where the word that ends at token `end` (exclusive) starts, when it is one capitalised word
    written without spaces ("CentOS", "Co-operative"), else None."""
    start = end - 1
    while start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_space:
        start -= 1
    first = doc[start]
    if not first.text[:1].isupper() or not any(t.is_alpha for t in doc[start:end]):
        return None
    if any(t.is_quote or t.text in ("'s", "’s", "'", "’", ".", ",", "(", ")") for t in doc[start:end]):
        return None
    return start


def _first_names_left_out(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Mayor of London Sadiq`` + ``Khan``, ``her aunt, Gertrude`` + ``Vanderbilt Whitney``: a
    capitalised proper noun right before a person, in no entity, that the parse makes part of
    that person's name (a compound of a word in it), is the person's first name, which the
    model left out. Not a title or a role ("Sheriff", "Coach"); before a name of two words only
    a common given name, since a rank the parse hangs on it is likelier ("Whip Dick Durbin",
    "Mufti Abdul Qawi")."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for ent in ents:
        if ent.label_ != "PERSON" or not ent.start or len(ent) > 2:
            continue
        first = doc[ent.start - 1]
        if (
            (len(ent) == 2 and first.text not in GIVEN_NAMES)
            or first.i in by_token
            or first.pos_ != "PROPN"
            or not first.is_title
            or not first.is_alpha
            or not first.whitespace_
            or first.lower_ in _PERSONS_WORDS
            or first.dep_ != "compound"
            or not ent.start <= first.head.i < ent.end
        ):
            continue
        out = [e for e in out if e is not ent]
        out.append(Span(doc, first.i, ent.end, label="PERSON"))
    return out


def _org_heads(doc: Doc, ents: list[Span]) -> list[Span]:
    """``CentOS`` + ``Governing Board``, ``Co-operative`` + ``Commonwealth Federation``, ``Kataeb``
    (NORP) + ``Hezbollah``: the small model often types only the last words of a longer
    organisation's name. Capitalised words just before an ORG that the parse makes modifiers
    inside it (compound, nmod, amod) are the start of the same name, and so is a one-word proper
    noun the model typed NORP, GPE or ORG there. Not across punctuation, a possessive, a quote or
    "of", not a title ("Minister", "MP"), a stop word ("The") or a sentence's first word (capitalised
    whatever it is), and not a demonym adjective ("Iranian"), which describes the organisation."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for ent in ents:
        if ent.label_ != "ORG" or ent.start == 0 or ent[0].lower_ == "the":
            continue
        start = ent.start
        absorbed: list[Span] = []
        while start > 0:
            word_start = _name_word_before(doc, start)
            if word_start is None:
                break
            covering = by_token.get(word_start)
            if (
                covering is not None
                and covering.start < word_start
                and covering.end == start
                and covering.label_ in _JOINABLE_BEFORE_ORG
                and all(t.pos_ == "PROPN" for t in covering)
            ):
                word_start = covering.start  # "United States" + "District Court": the place whole
            word = doc[word_start:start]
            if word[0].is_sent_start or word[0].is_stop or word.text.lower() in _PERSONS_WORDS:
                break  # "opponent MP Tanya Davies" (typed ORG): a title goes with a person
            if not all(start <= t.head.i < ent.end or word_start <= t.head.i < start for t in word):
                break  # the parse does not put it inside the name
            if word[-1].dep_ not in ("compound", "nmod", "amod"):
                break
            before = by_token.get(word_start - 1) if word_start > 0 else None
            if before is not None and before not in absorbed and before.label_ in NAME_LABELS:
                break  # "116th United" + "States": the name would cut another entity in two
            other = {by_token[i] for i in range(word_start, start) if i in by_token}
            if other:
                if len(other) > 1 or any(
                    o.start != word_start or o.end != start or o.label_ not in _JOINABLE_BEFORE_ORG
                    for o in other
                ):
                    break
                if not all(t.pos_ == "PROPN" for t in word):
                    break  # "Iranian" describes the organisation; "Kataeb" names it
                absorbed.extend(other)
            elif not (word[-1].pos_ in ("PROPN", "ADJ") or any(t.text == "-" for t in word)):
                break
            start = word_start
        if start == ent.start:
            continue
        out = [e for e in out if e is not ent and e not in absorbed]
        out.append(Span(doc, start, ent.end, label="ORG"))
        by_token.update({i: out[-1] for i in range(start, ent.end)})
    return out


_NOT_FACILITIES = frozenset({"PERSON", "ORG", "GPE"})
_NOT_OUTLETS = frozenset({"PERSON", "GPE", "PRODUCT", "WORK_OF_ART"})
_NOT_STATIONS = ORG_HEADS | ORG_NOUNS | SERVICE_UNITS


def _by_last_word(ent: Span) -> Span:
    """``the Tenure of Office Act`` is a law, ``the Libyan Civil War`` an event and ``Red Hat
    Enterprise Linux`` a product, not organisations. No one's name ends in "Linux" either: a
    PERSON so named is a product too, or its "surname" would make every "Linux" of the article a
    person (`_surnames`). A street, an airport or a bridge is a facility: the model types "Karl
    Marx Avenue" PERSON, and "Avenue" would then be a surname too; so is a military station named
    after its place ("RAF Croughton"), which the model types ORG, and a mall ("Cielo Vista Mall").
    A name ending in "Bulletin", "Herald" or "Times" is a news outlet, an organisation, where the
    model makes it a person ("according to Maritime Bulletin")."""
    if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].lower_ in PRODUCT_HEADS:
        return Span(ent.doc, ent.start, ent.end, label="PRODUCT")
    if ent.label_ in _NOT_OUTLETS and len(ent) >= 2 and ent[-1].lower_ in OUTLET_HEADS and ent[-1].is_title:
        return Span(ent.doc, ent.start, ent.end, label="ORG")  # "according to Maritime Bulletin"
    if ent.label_ in _NOT_OUTLETS and _outlet_news(ent):
        return Span(ent.doc, ent.start, ent.end, label="ORG")  # "told Wikinews", "Sky News"
    if ent.label_ in _NOT_FACILITIES and len(ent) >= 2 and ent[-1].lower_ in FAC_HEADS and ent[-1].is_title:
        return Span(ent.doc, ent.start, ent.end, label="FAC")
    if (
        ent.label_ in _NOT_FACILITIES
        and len(ent) >= 2
        and ent[0].text in STATION_PREFIXES
        and ent[-1].lower_ not in _NOT_STATIONS
        and ent[-1].is_title
    ):
        return Span(ent.doc, ent.start, ent.end, label="FAC")  # "RAF Croughton", not "RAF Police"
    if ent.label_ != "ORG" or len(ent) < 2:
        return ent
    before_last = ent[-3] if len(ent) >= 3 and ent[-2].lower_ == "the" else ent[-2]
    if _title_preposition(before_last):
        return ent  # "Iraq Veterans Against the War": the war is what the organisation opposes
    last = ent[-1].lower_
    label = (
        "LAW"
        if last in LAW_HEADS
        else "EVENT"
        if last in EVENT_HEADS
        else "PRODUCT"
        if last in PRODUCT_HEADS
        else None
    )
    return Span(ent.doc, ent.start, ent.end, label=label) if label else ent


def _outlet_news(ent: Span) -> bool:
    """``Wikinews``, ``Sky News``: a name ending in "news" is an outlet's, not a person's ("told
    Wikinews", "Wikinews attended"), though "News" alone is no name."""
    last = ent[-1]
    if not last.is_title or not last.lower_.endswith(OUTLET_SUFFIX):
        return False
    return len(ent) >= 2 or len(last) > len(OUTLET_SUFFIX)


def _language_editions(doc: Doc, ents: list[Span]) -> list[Span]:
    """``French Wikinews``: a language's adjective (typed NORP) right before an outlet with an
    edition per language names that edition, one organisation."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.end == ent.start
            and previous.label_ == "NORP"
            and len(previous) == 1
            and ent.text in EDITIONS_BY_LANGUAGE
        ):
            out[-1] = Span(doc, previous.start, ent.end, label="ORG")
            continue
        out.append(ent)
    return out


def _hyphen_glued(doc: Doc, i: int) -> bool:
    """Whether token `i` is a hyphen with a word glued to each side ("Chan" "-" "o")."""
    return (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_alpha
    )


def _second_surname(doc: Doc, tail: Span, names: set[str]) -> bool:
    """Whether the hyphen-glued words after a person's name are the rest of a surname: capitalised,
    no other person's name or a place ("the Jorgensen-Cohen ticket", "the Trump-Ukraine scandal"),
    and not a modifier of the noun after it."""
    parts = [t for t in tail if t.text != "-"]
    if not all(
        t.is_title and t.text not in names and t.text not in CITIES and t.text not in COUNTRIES for t in parts
    ):
        return False
    after = doc[tail.end] if tail.end < len(doc) else None
    return after is None or not (after.is_lower and after.pos_ == "NOUN")


def _hyphenated_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Chan`` + ``-o-cha``: the model ends a person's name at the first hyphen of a hyphenated
    surname. A name goes on through the hyphens glued to it when the article names a person with
    the whole word ("Prayuth Chan-o-cha") or every part after a hyphen is capitalised and no one
    else's name or a place ("Glawischnig-Piesczek", but not "the Jorgensen-Cohen ticket" of two
    people, "the Trump-Ukraine scandal", nor "Smith-led")."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    whole_words = {word for e in ents if e.label_ == "PERSON" for word in e.text.split() if "-" in word}
    names: set[str] = {t.text for e in ents if e.label_ == "PERSON" for t in e}
    out = list(ents)
    for ent in ents:
        if ent.label_ != "PERSON" or not ent[-1].is_title:
            continue
        end = ent.end
        while _hyphen_glued(doc, end):
            end += 2
        if end == ent.end:
            continue
        tail = doc[ent.end : end]
        if any(i in by_token for i in range(ent.end, end)):
            continue  # another name after the hyphen: "Biden-Harris" as the model typed it
        word_start = ent.end - 1
        while word_start >= ent.start + 2 and _hyphen_glued(doc, word_start - 1):
            word_start -= 2
        word = doc[word_start:end].text
        if word not in whole_words and not _second_surname(doc, tail, names):
            continue
        out = [e for e in out if e is not ent]
        out.append(Span(doc, ent.start, end, label="PERSON"))
    return out


def _told_the(doc: Doc, i: int) -> bool:
    """Whether the capitalised "The" at `i` opens who heard or reported words: "told The Atlantic",
    "according to The Verge", "in an interview with The Times"."""
    if i == 0 or doc[i].text != "The":
        return False  # a word before it: no sentence's first word
    before = doc[i - 1].lower_
    if before in TELLING_WORDS:
        return True
    if i < 2:
        return False
    if before == "to":
        return doc[i - 2].lower_ in SPEAKING_TO
    return before == "with" and doc[i - 2].lower_ in ("interview", "interviews")


_NOT_PUBLICATIONS = frozenset({"PERSON", "LOC", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT"})


def _publications_told(doc: Doc, ents: list[Span]) -> list[Span]:
    """``told The Atlantic``, ``according to The Verge``: capitalised words after a capitalised
    "The" in the middle of a sentence, where who heard or reported words goes, name a
    publication, an organisation; no person is "The" anyone. The model leaves them out or types
    the last word a place ("Atlantic") or a person."""
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for i in _where(doc, ["The"]):  # `_told_the` wants no other word
        if not 1 <= i < len(doc) - 1 or not _told_the(doc, i) or i in by_token:
            continue
        end = i + 1
        while end < len(doc) and (doc[end].is_title or doc[end].is_upper) and doc[end].is_alpha:
            end += 1
        if end == i + 1:
            continue
        inside = {by_token[j] for j in range(i + 1, end) if j in by_token}
        if any(e.start < i + 1 or e.end > end or e.label_ not in _NOT_PUBLICATIONS for e in inside):
            continue  # an organisation already, or a longer name the words belong to
        out = [e for e in out if e not in inside]
        out.append(Span(doc, i + 1, end, label="ORG"))
    return out


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    """A word without accents or case, so "Brudzinski" finds "Brudziński".

    Cached: `_surnames` folds every token of an article, and news repeats its words."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _surname_of(ent: Span) -> tuple[str, ...] | None:
    """The folded words of a person's surname: the last word of the name as written ("al-Assad" is
    three tokens), or None for a name of one word."""
    toks = [t for t in ent if t.lower_ not in NAME_SUFFIXES and not (t.is_punct and t.text != "-")]
    while toks and toks[-1].is_punct:
        toks.pop()
    if len(toks) < 2:
        return None
    start = len(toks) - 1
    while start > 0 and not toks[start - 1].whitespace_ and toks[start - 1].i == toks[start].i - 1:
        start -= 1
    while start > 1 and toks[start - 1].lower_ in SURNAME_PARTICLES:
        start -= 1  # "De La Fuente"
    if start == 0 or not toks[start].text[:1].isalpha():
        return None
    return tuple(_fold(t.text) for t in toks[start:])


def _surnames(doc: Doc, ents: list[Span], *, protected: set[str]) -> list[Span]:
    """A lone surname of a named person is that person (module docstring, step 4), spelt with or
    without its accents ("Brudzinski" after "Joachim Brudziński")."""
    surnames: set[tuple[str, ...]] = set()
    # The words before each surname in the full names: "Red Hat" left untyped by the model after a
    # "Red Hat" it typed PERSON is the full name again, not a "Hat" alone.
    given: defaultdict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    folded_protected = {tuple(_fold(w) for w in key.split()) for key in protected}
    for ent in ents:
        if ent.label_ == "PERSON":
            key = _surname_of(ent)
            if key is not None and key not in folded_protected and ent[-1].text[:1].isupper():
                surnames.add(key)
                words = tuple(_fold(t.text) for t in ent)
                at = max(j for j in range(len(words) - len(key) + 1) if words[j : j + len(key)] == key)
                if at:
                    given[key].add(words[:at])
    if not surnames:
        return ents
    lengths = sorted({len(k) for k in surnames}, reverse=True)
    firsts = {k[0] for k in surnames}
    # Folded once per distinct word, from the token hashes: no token object per word.
    strings = doc.vocab.strings
    orth = doc.to_array(ORTH).tolist()
    fold_of = {h: _fold(strings[h]) for h in set(orth)}
    folded = [fold_of[h] for h in orth]
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    taken: set[int] = set()
    for i in range(len(doc)):
        if folded[i] not in firsts:
            continue  # no surname starts here
        for n in lengths:
            # Near the end a slice is shorter than n and could match a shorter surname.
            if i + n > len(doc) or tuple(folded[i : i + n]) not in surnames or i in taken:
                continue
            first, last = doc[i], doc[i + n - 1]
            if not any(t.text[:1].isupper() for t in doc[i : i + n]):
                continue
            current = {by_token[j] for j in range(i, i + n) if j in by_token}
            if any(c.label_ == "PERSON" or c.start < i or c.end > i + n for c in current):
                continue  # already a person, or part of a longer name
            if last.pos_ not in ("PROPN", "NOUN", "") or (first.is_sent_start and last.pos_ == "NOUN"):
                continue
            prev = doc[i - 1] if i else None
            nxt = doc[i + n] if i + n < len(doc) else None
            if any(c.label_ in ("GPE", "LOC", "FAC") for c in current) and (
                (prev is not None and prev.lower_ in PLACE_PREPOSITIONS)
                or (nxt is not None and nxt.text == "," and by_token.get(i + n + 1) is not None)
            ):
                continue
            start = i
            for first_names in sorted(given.get(tuple(folded[i : i + n]), ()), key=len, reverse=True):
                k = len(first_names)
                if (
                    i >= k
                    and tuple(folded[i - k : i]) == first_names
                    and not any(j in by_token or j in taken for j in range(i - k, i))
                ):
                    start = i - k
                    break
            out = [e for e in out if e not in current]
            out.append(Span(doc, start, i + n, label="PERSON"))
            taken.update(range(start, i + n))
            break
    return out


def _acronyms(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Federal Security Service (FSB)``: the acronym takes the type of the name everywhere. An
    acronym the recogniser found that spells a name of the article (``DRC`` after "Democratic
    Republic of the Congo") takes that name's type too."""
    defined: dict[str, str] = {}
    spelled: dict[str, str] = {}
    for ent in ents:
        if len(ent) < 2:
            continue
        initials = "".join(t.text[0] for t in ent if t.text[:1].isupper() and t.is_alpha)
        if len(initials) >= 2 and ent.label_ in ("GPE", "ORG", "LOC", "NORP"):
            spelled.setdefault(initials, ent.label_)
        if ent.end + 2 >= len(doc):
            continue
        opening, acronym, closing = doc[ent.end], doc[ent.end + 1], doc[ent.end + 2]
        if opening.text == "(" and closing.text == ")" and _ACRONYM.match(acronym.text):
            defined[acronym.text] = ent.label_
    out = list(ents)
    for ent in ents:
        label = spelled.get(ent.text)
        if len(ent) == 1 and label and ent.label_ != label and ent.text not in defined and ent.text.isupper():
            out.remove(ent)
            out.append(Span(doc, ent.start, ent.end, label=label))
    if not defined:
        return out
    by_token = {i: e for e in out for i in range(e.start, e.end)}
    for tok in (doc[i] for i in _where(doc, defined)):
        label = defined[tok.text]
        current = by_token.get(tok.i)
        if current is not None and (len(current) > 1 or current.label_ == label):
            continue
        if current is not None:
            out.remove(current)
        out.append(Span(doc, tok.i, tok.i + 1, label=label))
    return out


def _model_numbers(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Boeing 707``, ``Airbus A300s``: a maker and a model number are one product."""
    out = list(ents)
    by_token: dict[int, list[Span]] = defaultdict(list)
    for ent in ents:
        for i in range(ent.start, ent.end):
            by_token[i].append(ent)
    for ent in ents:
        if ent.label_ == "ORG" and 1 < len(ent) <= 3 and _MODEL_NUMBER.match(ent[-1].text):
            out.remove(ent)  # the model took "Airbus A300s" for the maker
            out.append(Span(doc, ent.start, ent.end, label="PRODUCT"))
            continue
        if ent.label_ != "ORG" or len(ent) > 2 or ent.end >= len(doc):
            continue
        nxt = doc[ent.end]
        if not _MODEL_NUMBER.match(nxt.text) or ent[-1].whitespace_ == "":
            continue
        for other in by_token.get(nxt.i, []):
            if other in out:
                out.remove(other)
        if ent in out:
            out.remove(ent)
        out.append(Span(doc, ent.start, ent.end + 1, label="PRODUCT"))
    return out


_CITY_PREPOSITIONS = PLACE_PREPOSITIONS - {"at", "from", "to"}
_TYPED_ONCE_PER_NAME = NAME_LABELS - {"LAW"}


def _place_name(ent: Span) -> str:
    return _key(ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent)


def _has_a_local_ruler(ent: Span) -> bool:
    """``Chelyabinsk's governor``, ``Chelyabinsk regional Deputy Governor``: a governor or a mayor
    is a place's, so a city so named is the place even where the model typed it ORG."""
    doc = ent.doc
    if doc.has_annotation("DEP"):
        root = ent.root
        if root.dep_ in ("poss", "compound", "nmod") and root.head.lower_ in LOCAL_RULERS:
            return True
    after = ent.end + (1 if ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s") else 0)
    # Up to three words between: "Chelyabinsk regional Deputy Governor Oleg Klimov", which the
    # parse hangs on the governor's name, not on "Governor".
    for i in range(after, min(after + 4, len(doc))):
        if doc[i].lower_ in LOCAL_RULERS:
            return True
        if not doc[i].is_alpha or doc[i].ent_iob_ == "B":
            return False
    return False


def _named_as_land(ent: Span) -> bool:
    """``our biggest island Crete``, ``the island of Crete``: a name a land noun qualifies is a
    location, not an organisation; a country or a city keeps its type ("the island of Cyprus")."""
    doc = ent.doc
    name = _place_name(ent)
    if name in COUNTRIES or name in CITIES:
        return False
    before = doc[ent.start - 1] if ent.start else None
    if before is not None and before.lower_ == "of" and ent.start >= 2:
        before = doc[ent.start - 2]
    return before is not None and before.is_lower and before.lemma_ in LAND_NOUNS


_PLACE_LIST_OPENERS = frozenset({"between"})
"""Prepositions that take two places joined by "and": "between El Paso and Ciudad Juárez"."""


def _where_a_place_goes(ent: Span, ents_at: dict[int, Span]) -> bool:
    """Right after "in", "near" and the like, or after "and" joining it to a place that follows
    such a preposition ("between El Paso and …", "in Gilroy and …")."""
    doc = ent.doc
    if not ent.start:
        return False
    openers = _CITY_PREPOSITIONS | _PLACE_LIST_OPENERS
    if doc[ent.start - 1].lower_ in openers:
        return True
    other = ents_at.get(ent.start - 2) if doc[ent.start - 1].lower_ == "and" else None
    return (
        other is not None
        and other.label_ in ("GPE", "LOC")
        and other.start > 0
        and doc[other.start - 1].lower_ in openers
    )


def _placed_in_a_country(ent: Span, ents_at: dict[int, Span]) -> bool:
    """``in Chippewa Falls, Wisconsin``, ``between El Paso and Ciudad Juárez, Mexico``: a name where
    a place goes, followed by a comma and a country or US state that ends the phrase, is a town
    of that country, whatever the model typed it (the small model makes many a small town a
    person)."""
    doc = ent.doc
    comma = ent.end
    if comma + 1 >= len(doc) or doc[comma].text != "," or not _where_a_place_goes(ent, ents_at):
        return False
    for end in range(comma + 2, min(comma + 5, len(doc) + 1)):
        if _key(doc[comma + 1 : end]) in COUNTRIES:
            return end == len(doc) or not doc[end].text[:1].isupper()
    return False


def _places(doc: Doc, ents: list[Span], *, protected: set[str]) -> list[Span]:
    """A country, or a city where places go, is a GPE even when it acts (module docstring, step 8)."""
    # Words of the people the article names in full: "Jordan" after "Michael Jordan" is him.
    person_words = {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    ents_at = {i: e for e in ents for i in range(e.start, e.end)}
    out = []
    for ent in ents:
        if (
            ent.label_ == "PERSON"
            and ent.text in COUNTRIES
            and not any(t.text in person_words for t in ent)
            and not (ent.start and doc[ent.start - 1].lower_ in PERSON_TITLES)
        ):
            ent = Span(doc, ent.start, ent.end, label="GPE")  # "the same day Malawi confirmed"
        if ent.label_ == "ORG" and _key(ent) not in protected:
            name = _place_name(ent)
            prev = doc[ent.start - 1] if ent.start else None
            nxt = doc[ent.end] if ent.end < len(doc) else None
            where_places_go = (
                prev is not None
                and prev.lower_ in _CITY_PREPOSITIONS
                and not (nxt is not None and nxt.lower_ in ("'s", "’s"))
            )
            if name in COUNTRIES or (name in CITIES and (where_places_go or _has_a_local_ruler(ent))):
                ent = Span(doc, ent.start, ent.end, label="GPE")
        if (
            ent.label_ in ("ORG", "PERSON")
            and _key(ent) not in protected
            and _placed_in_a_country(ent, ents_at)
        ):
            ent = Span(doc, ent.start, ent.end, label="GPE")
        if ent.label_ in ("ORG", "PERSON", "GPE") and _key(ent) not in protected and _named_as_land(ent):
            ent = Span(doc, ent.start, ent.end, label="LOC")
        out.append(ent)
    return out


_NAMED_HEADS = ORG_HEADS | PRODUCT_HEADS | LAW_HEADS | EVENT_HEADS


def _split_places_joined_by_and(ents: list[Span]) -> list[Span]:
    """``Crete and Cyprus`` (ORG): two capitalised names joined by "and", one of them a country or
    a city of the gazetteer, are two places, not one name ("the sea between Crete and Cyprus").
    The other takes the place type the article gives it elsewhere ("our biggest island Crete",
    LOC), else GPE. A country named so whole ("Trinidad and Tobago") stays, and so does a name
    with any other lower-case word or a head word in it ("High Court of England and Wales",
    "Bill and Melinda Gates Foundation")."""
    placed = {_key(e): e.label_ for e in ents if e.label_ in ("GPE", "LOC")}
    out: list[Span] = []
    for ent in ents:
        doc = ent.doc
        ands = [i for i in range(ent.start + 1, ent.end - 1) if doc[i].lower_ == "and"]
        name = _place_name(ent)
        if len(ands) != 1 or name in COUNTRIES or name in CITIES:
            out.append(ent)
            continue
        start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
        parts = [doc[start : ands[0]], doc[ands[0] + 1 : ent.end]]
        known = [_key(p) in COUNTRIES or _key(p) in CITIES for p in parts]
        if not any(known) or any(
            not t.text[:1].isupper() or t.lower_ in _NAMED_HEADS for p in parts for t in p
        ):
            out.append(ent)
            continue
        out.extend(
            Span(doc, p.start, p.end, label="GPE" if k else placed.get(_key(p), "GPE"))
            for p, k in zip(parts, known, strict=True)
        )
    return out


_KIND_NOUNS = {**dict.fromkeys(WORK_NOUNS, "WORK_OF_ART"), **dict.fromkeys(PRODUCT_NOUNS, "PRODUCT")}
_NAMING_WORDS = frozenset({"titled", "entitled", "called", "named"})
_LONGEST_TITLE = 12


def _kind_of_title(tok: SpacyToken) -> str | None:
    """The type a lower-case noun gives the title after it: "film", "album", "talk show"."""
    if tok.pos_ != "NOUN" or not tok.is_lower:
        return None
    lemma = tok.lemma_.lower()
    if lemma == "show":
        before = tok.doc[tok.i - 1] if tok.i else None
        return "WORK_OF_ART" if before is not None and before.lower_ in BROADCAST_WORDS else None
    return _KIND_NOUNS.get(lemma)


def _title_end(doc: Doc, start: int, *, listed: bool) -> int:
    """Where a title starting at `start` ends: capitalised words, and the lower-case words of
    `TITLE_WORDS` and glued hyphens between them ("Imus in the Morning", "Shang-Chi and the
    Legend of the Ten Rings"), a number only right after a capitalised word ("Area 51"). After a
    plural ("the memoirs X and Y") "and" separates titles. `start` itself when no title starts
    there."""
    end = start
    for i in range(start, min(start + _LONGEST_TITLE, len(doc))):
        tok = doc[i]
        capital = tok.text[:1].isupper() and tok.pos_ != "PRON" and not tok.is_punct
        if capital or (i > start and tok.like_num and end == i):
            end = i + 1
        elif i == start or not (
            (tok.lower_ in TITLE_WORDS and not (listed and tok.lower_ == "and"))
            or (tok.text == "-" and not tok.whitespace_ and not doc[i - 1].whitespace_)
        ):
            break
    return end


def _titles_after_a_kind_noun(doc: Doc, ents: list[Span]) -> list[Span]:
    """``the movie UglyDolls``, ``the film Alien``, ``Xbox game Gears 5``: a name right after a
    lower-case noun that says what kind of work or product it is (or after that noun and
    "titled"), is one, on that mention only (after one type per name): a film and its title
    character share a name ("Hellboy"). The title is the whole run of capitalised words and the
    small words between them, which the model often cuts or splits ("the talk show Doris Day's
    Best Friends", "the album Band on the Run"); without an entity of the model's at its start it
    must be two capitalised words at least. An entity that runs on past the title is left as it
    was."""
    starting = {e.start: e for e in ents}
    out = list(ents)
    pos, is_lower = doc.to_array([POS, IS_LOWER]).T
    # `_kind_of_title` wants a lower-case noun: no token object for any other word.
    nouns = numpy.flatnonzero((pos[:-1] == NOUN) & (is_lower[:-1] == 1))
    for tok in (doc[int(i)] for i in nouns):
        label = _kind_of_title(tok)
        if label is None:
            continue
        start = tok.i + 1
        if doc[start].lower_ in _NAMING_WORDS and start + 1 < len(doc):
            start += 1
        end = _title_end(doc, start, listed=tok.tag_ == "NNS")
        ent = starting.get(start)
        capitals = sum(1 for t in doc[start:end] if t.text[:1].isupper())
        if end == start or (ent is None and capitals < 2):
            continue
        if ent is not None and (ent.label_ not in NAME_LABELS or (ent.label_ == label and ent.end == end)):
            continue
        inside = [e for e in out if e.start < end and start < e.end]
        if any(e.start < start or e.end > end for e in inside):
            continue
        out = [e for e in out if e not in inside]
        out.append(Span(doc, start, end, label=label))
    return _titles_named_again(doc, out)


def _titles_named_again(doc: Doc, ents: list[Span]) -> list[Span]:
    """``which replaced Imus in the Morning``: a title found after a kind noun that has a
    lower-case word in it is no one's name, so its other mentions are the work too, where the
    model made a person of its first word. A one-word or all-capitalised title may be its
    character's or its subject's name ("Hellboy", "Tom Jones") and stays on its mention."""
    titles = {
        _key(e): e.label_
        for e in ents
        if e.label_ in ("WORK_OF_ART", "PRODUCT") and len(e) >= 3 and any(t.is_lower for t in e[1:-1])
    }
    out = list(ents)
    for key, label in titles.items():
        for occ in _occurrences(doc, key.split()):
            inside = [e for e in out if e.start < occ.end and occ.start < e.end]
            if any(e.start < occ.start or e.end > occ.end for e in inside) or any(
                e.start == occ.start and e.end == occ.end for e in inside
            ):
                continue
            out = [e for e in out if e not in inside]
            out.append(Span(doc, occ.start, occ.end, label=label))
    return out


def _ships(doc: Doc, ents: list[Span]) -> list[Span]:
    """``MV Namse Bangdzod``, ``HMS Belfast``: capitalised words after a ship prefix are a ship,
    PRODUCT, whatever the model typed them (ORG, mostly), and so is the name without its prefix
    elsewhere in the article ("looking for Namse Bangdzod"), which the model misses or types a
    place."""
    names: list[list[str]] = []
    for i in _where(doc, SHIP_PREFIXES):
        if i == len(doc) - 1:
            continue
        tok = doc[i]
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 4 and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        if end > tok.i + 1:
            names.append([t.text for t in doc[tok.i + 1 : end]])
    if not names:
        return ents
    out = list(ents)
    for words in names:
        mentions = [
            (occ.start - 1 if occ.start and doc[occ.start - 1].text in SHIP_PREFIXES else occ.start, occ.end)
            for occ in _occurrences(doc, words)
        ]
        for start, end in mentions:
            clashing = [e for e in out if e.start < end and start < e.end]
            if any(e.start < start or e.end > end for e in clashing):
                continue  # part of a longer name
            out = [e for e in out if e not in clashing]
            out.append(Span(doc, start, end, label="PRODUCT"))
    return out


def _demonym_of_a_place(ent: Span) -> bool:
    """``Londoners``, ``a Londoner``, ``New Yorkers``: a place of the gazetteer with "er" or "ers"
    after it names its people, and so does one ending in "a" with "n" or "ns" after it
    (``Kenyans``, ``American Samoans``), unless that is a place's own name too ("Handan")."""
    last = ent[-1].text
    if ent.text in CITIES or ent.text in COUNTRIES:
        return False
    for ending in ("ers", "er", "ns", "n"):
        if last.endswith(ending) and len(last) > len(ending) + 2:
            place = last[: -len(ending)]
            if ending.startswith("n") and not place.endswith("a"):
                continue  # "Benin" is no people of "Beni"
            name = " ".join([t.text for t in ent[:-1]] + [place])
            if name in CITIES or name in COUNTRIES:
                return True
    return False


def _demonyms(doc: Doc, ents: list[Span]) -> list[Span]:
    """A place's people named after it ("ordinary Londoners", "American Samoans") are a NORP, which
    the model types a person, a product or an organisation, or cuts in two ("American" +
    "Samoan"): two names side by side that together name a place's people are one NORP."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        previous = out[-1] if out else None
        if previous is not None and previous.end == ent.start and previous.label_ in ("NORP", "GPE", "ORG"):
            joined = Span(doc, previous.start, ent.end, label="NORP")
            if _demonym_of_a_place(joined):
                out[-1] = joined
                continue
        if ent.label_ in ("PERSON", "PRODUCT", "ORG", "GPE") and _demonym_of_a_place(ent):
            ent = Span(doc, ent.start, ent.end, label="NORP")
        out.append(ent)
    return out


def _peoples_named_in_plural(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Houthi military spokesperson``, ``the Houthi rebellion``, ``the Houthis who …``: a word
    the article uses both before a common noun and in the plural as a group ("the Xs") names a
    people, movement or faith, a NORP, where the model types the word an organisation and the
    plural a person. Organisations are seldom written in the plural ("the Googles")."""
    if not doc.has_annotation("DEP"):
        return ents
    plurals = {
        tok.text[:-1]
        for tok in proper_nouns(doc)
        if tok.i >= 1
        and tok.text.endswith("s")
        and len(tok.text) > 3
        and tok.text[:-1].istitle()
        and doc[tok.i - 1].lower_ == "the"
    }
    modifiers = {
        e.text
        for e in ents
        if e.label_ == "ORG"
        and len(e) == 1
        and e.text in plurals
        and e[0].dep_ in ("compound", "amod")
        and e[0].head.pos_ == "NOUN"
        and not _names_an_organisation_noun(e[0])
    }
    if not modifiers:
        return ents
    return [
        Span(doc, e.start, e.end, label="NORP")
        if len(e) == 1
        and e.label_ in ("ORG", "PERSON")
        and (e.text in modifiers or e.text[:-1] in modifiers)
        and not _names_an_organisation_noun(e[0])
        else e
        for e in ents
    ]


def _names_an_organisation_noun(tok: SpacyToken) -> bool:
    """``the Houthi movement``: a word naming a kind of organisation after it is its name."""
    return tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in ORG_NOUNS


_ROLES = frozenset(w.lower() for w in ROLE_NOUNS | PERSON_TITLES)


def _plural_role(tok: SpacyToken) -> bool:
    """``Representatives``, ``Senators``: the plural of a person's role or title."""
    word = tok.lower_
    return word.endswith("s") and word not in _ROLES and (word[:-1] in _ROLES or tok.lemma_.lower() in _ROLES)


def _people_in_roles(doc: Doc, ents: list[Span]) -> list[Span]:
    """``the Representatives who voted``, ``Republican Representatives attacked``: people in a
    role, which the model types an organisation for the "House of Representatives" it knows. The
    role goes; a word before it that the article names as a people or a party elsewhere
    ("194 Republicans") is that, else nothing is left of the name."""
    peoples = {e.text for e in ents if e.label_ == "NORP"}
    out: list[Span] = []
    for ent in ents:
        if (
            ent.label_ != "ORG"
            or not _plural_role(ent[-1])
            or any(t.lower_ == "of" or t.lower_ in ORG_HEADS for t in ent)
        ):
            out.append(ent)
            continue
        rest = ent[1:-1] if ent[0].lower_ == "the" else ent[:-1]
        if len(rest) == 1 and (rest.text in peoples or rest.text + "s" in peoples):
            out.append(Span(doc, rest.start, rest.end, label="NORP"))
        elif len(rest):
            out.append(ent)  # "Royal Commissioners": no evidence what the rest is
    return out


_LIST_MARKS = frozenset({",", "and", "&"})


def _people_listed(doc: Doc, ents: list[Span]) -> list[Span]:
    """``four daughters, Nadine, Ashley, Elizabeth, and Toni``, ``for Deirdre, Wyatt & Zach``: one
    word in a list of people's first names is a person too, where the model typed it an
    organisation, and a list it ran into one organisation is so many people. A word counts as a
    first name when it is a common given name or a person of one word elsewhere in the article."""
    people = {e.text for e in ents if e.label_ == "PERSON" and len(e) == 1}

    def first_name(tok: SpacyToken) -> bool:
        return tok.is_title and tok.is_alpha and (tok.text in GIVEN_NAMES or tok.text in people)

    starting = {e.start: e for e in ents}
    ending = {e.end: e for e in ents}
    out: list[Span] = []
    for ent in ents:
        if ent.label_ not in ("ORG", "WORK_OF_ART", "PRODUCT"):
            out.append(ent)
            continue
        words = [t for t in ent if t.text not in _LIST_MARKS]
        marks = [t for t in ent if t.text in _LIST_MARKS]
        if len(ent) == 1 and first_name(ent[0]):
            neighbours = []
            for gap in (1, 2):
                before = ending.get(ent.start - gap)
                after = starting.get(ent.end + gap)
                if before is not None and all(t.text in _LIST_MARKS for t in doc[before.end : ent.start]):
                    neighbours.append(before)
                if after is not None and all(t.text in _LIST_MARKS for t in doc[ent.end : after.start]):
                    neighbours.append(after)
            if any(n.label_ == "PERSON" and len(n) == 1 for n in neighbours):
                out.append(Span(doc, ent.start, ent.end, label="PERSON"))
                continue
        elif (
            marks
            and len(words) >= 2
            and all(t.is_title and t.is_alpha for t in words)
            and sum(first_name(t) for t in words) >= 2
            and not any(t.text in COUNTRIES or t.text in CITIES for t in words)
            and all(ent[i].text in _LIST_MARKS for i in range(1, len(ent), 2))
        ):
            out.extend(Span(doc, t.i, t.i + 1, label="PERSON") for t in words)
            continue
        out.append(ent)
    return out


def _personal_name_shape(words: list[str]) -> bool:
    """Capitalised words only, the last no head of another kind of name: "Morgan Tsvangirai", not
    "Associates of Navalny" or "Oracle Linux" (whose "Linux" the model may type PERSON alone),
    nor a ship named after a person ("USS John Lewis", whose surname is a person's elsewhere)."""
    return (
        all(w[:1].isupper() and w.isalpha() for w in words)
        and words[-1].lower() not in _NAMED_HEADS
        and words[0] not in SHIP_PREFIXES
    )


def _one_type_per_name(doc: Doc, ents: list[Span], *, protected: set[str]) -> list[Span]:
    """Every mention of a name takes the type most of its mentions have (module docstring, step 9)."""
    types: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for ent in ents:
        if ent.label_ in _TYPED_ONCE_PER_NAME:
            types[_key(ent)][ent.label_] += 1
    for key, counts in types.items():
        # A lone surname the article types PERSON speaks for a full name typed PERSON at least
        # once: "Baloch said" six times outvotes two ORGs of "Qandeel Baloch". Typed PERSON twice,
        # it speaks for a full name the model never typed so: "Tsvangirai" after "Morgan
        # Tsvangirai of the MDC" (ORG).
        words = key.split()
        lone = types.get(words[-1], Counter())["PERSON"] if len(words) > 1 else 0
        if ("PERSON" in counts and len(counts) > 1) or (
            "PERSON" not in counts and lone >= 2 and _personal_name_shape(words)
        ):
            counts["PERSON"] += lone
    majority: dict[str, str] = {}
    for key, counts in types.items():
        if len(counts) < 2 or key in protected:
            continue
        (label, n), (_, runner_up) = counts.most_common(2)
        if n >= 2 and n > runner_up:
            majority[key] = label
    if not majority:
        return ents
    return [
        Span(doc, e.start, e.end, label=majority[_key(e)])
        if e.label_ in _TYPED_ONCE_PER_NAME and majority.get(_key(e), e.label_) != e.label_
        else e
        for e in ents
    ]
