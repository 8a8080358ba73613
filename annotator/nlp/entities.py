"""Entity fixes after the statistical recogniser: a spaCy component for what the small model gets
systematically wrong on news.

Registered as the pipeline component ``annotator_entity_fixes`` and added after ``ner`` by
`annotator.nlp.pipeline.load_pipeline`, so every consumer of ``doc.ents`` (pre-annotation,
speakers, exports) sees the same entities. Word lists live in `annotator.nlp.lang.en.entities`.

What it does, in order:

1. **Edges**: contraction fragments, possessive endings, punctuation and (for PERSON) titles are
   never part of an entity: "n’t" alone is dropped, "Merkel's" becomes "Merkel", "Mme Spanton"
   becomes "Spanton". An entity must keep a letter or digit that is not part of a clitic.
2. **Never names**: technology words ("AI" is never a place), idioms ("Pandora's box"), and a
   capitalised common word that only opens a sentence ("Photographs showed …").
3. **Organisations the article gives evidence for** (needs the parse): an appositive that says
   what kind of organisation a name is ("Graphcore, a British startup"), a list under a plural
   of organisations ("companies like Anthropic and DeepMind"); or, twice over, a name that owns
   what organisations own ("Anthropic's confirmation") or is the subject of company verbs
   ("Anthropic has confirmed"). Every mention of such a name becomes ORG, unless the article
   names a person that way.
4. **Surnames**: once "Nancy Pelosi" is a PERSON, a lone "Pelosi" is too, whatever the model
   said, except a place after a place preposition ("in Washington").
5. **Acronyms** defined in brackets ("Federal Security Service (FSB)") take the type of what
   they abbreviate everywhere in the article.
6. **Model numbers**: a maker followed by a model number is one PRODUCT ("Boeing 707").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.tokens import Token as SpacyToken
from spacy.util import filter_spans

from annotator.nlp.lang.en.entities import (
    CLITICS,
    COMPANY_VERBS,
    IDIOMS,
    KNOWN_ORGS,
    NOT_NAMES,
    ORG_LIST_HEADS,
    ORG_NOUNS,
    ORG_POSSESSIONS,
    PERSON_TITLES,
    PLACE_PREPOSITIONS,
    PORTFOLIO_TITLES,
    TECH_WORDS,
    TITLE_OF,
)
from annotator.nlp.lang.en.referents import NAME_SUFFIXES, ROLE_NOUNS

COMPONENT = "annotator_entity_fixes"
RULER = "annotator_known_orgs"
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP"}
)
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,9}s?$")
_MODEL_NUMBER = re.compile(r"^(?:[A-Z]{0,2}-?\d{2,4}[A-Za-z]{0,3}|[A-Z]\d{1,4})s?$")
_LIST_PREPS = frozenset({"like", "including", "as"})


@Language.component(COMPONENT)
def entity_fixes(doc: Doc) -> Doc:
    """Set ``doc.ents`` to the fixed entities."""
    doc.ents = fix_entities(doc)
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
    ruler.add_patterns([{"label": "ORG", "pattern": name} for name in KNOWN_ORGS])  # type: ignore[attr-defined]
    nlp.add_pipe(COMPONENT, after="ner" if before else RULER)


def fix_entities(doc: Doc) -> list[Span]:
    """The entities of `doc` after the fixes described in the module docstring."""
    ents = [t for t in (_trim(e) for e in doc.ents) if t is not None and _keep(t)]
    if doc.has_annotation("DEP"):
        orgs = _org_names(doc, ents)
        ents = _relabel(
            doc,
            ents,
            orgs,
            "ORG",
            overrule=frozenset({"PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT"}),
        )
        people = _person_names(doc, ents) - orgs
        ents = _relabel(
            doc,
            ents,
            people,
            "PERSON",
            overrule=frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT"}),
        )
        ents = _surnames(doc, ents, protected=orgs)
    ents = _acronyms(doc, ents)
    ents = _model_numbers(doc, ents)
    return sorted(filter_spans(ents), key=lambda e: e.start)


def _is_clitic(tok: SpacyToken) -> bool:
    return tok.text in CLITICS or tok.lower_ in CLITICS


def _trim(ent: Span) -> Span | None:
    """Drop clitics, punctuation and (for PERSON) titles at the edges; None when nothing is left."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].is_punct or doc[start].is_space or _is_clitic(doc[start])):
        start += 1
    while ent.label_ == "PERSON" and end - start > 1 and doc[start].lower_ in PERSON_TITLES:
        start += 1
    while end > start and (
        _is_clitic(doc[end - 1])
        or doc[end - 1].is_space
        or (doc[end - 1].is_punct and doc[end - 1].text not in (".",))
        or (doc[end - 1].text == "." and end - start == 1)
    ):
        end -= 1
    if start >= end:
        return None
    for i in range(start + 1, end):
        if doc[i].text == "(":
            end = i  # "World Health Organization (WHO": the acronym is an entity of its own
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
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


def _keep(ent: Span) -> bool:
    text = ent.text.lower()
    if text in TECH_WORDS or all(t.lower_ in TECH_WORDS or t.is_punct for t in ent):
        return False
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


def _org_names(doc: Doc, ents: list[Span]) -> set[str]:
    """Names the article gives organisation evidence for (see the module docstring, step 3)."""
    ents_at = {i: e for e in ents for i in range(e.start, e.end)}
    strong: set[str] = set()
    weak: Counter[str] = Counter()
    for tok in doc:
        if tok.pos_ != "PROPN":
            continue
        head = tok.head
        evidence = None
        if any(c.dep_ == "appos" and c.lemma_.lower() in ORG_NOUNS for c in tok.children):
            evidence = "strong"  # "Graphcore, a British startup"
        elif tok.dep_ == "appos" and head.lemma_.lower() in ORG_NOUNS and head.pos_ == "NOUN":
            evidence = "strong"  # "the startup, Graphcore"
        elif _listed_under_org_plural(tok):
            evidence = "strong"  # "companies like Anthropic and DeepMind"
        elif tok.dep_ == "poss" and head.lower_ in ORG_POSSESSIONS:
            evidence = "weak"  # "Anthropic's confirmation"
        elif tok.dep_ == "nsubj" and head.lemma_.lower() in COMPANY_VERBS:
            evidence = "weak"  # "Anthropic has confirmed"
        if evidence is None:
            continue
        span = _name_span(doc, tok, ents_at)
        if span is None:
            continue
        key = _key(span)
        if evidence == "strong":
            strong.add(key)
        else:
            weak[key] += 1
    names = strong | {k for k, n in weak.items() if n >= 2}
    return {k for k in names if not _names_a_person(doc, ents, k)}


def _person_names(doc: Doc, ents: list[Span]) -> set[str]:
    """Names of two proper nouns or more that the article says are people, whatever the model said:
    a role in apposition ("Tomasz Kubiak, a fire service spokesman") or a role just before them
    ("officers Antoine Quirin and Nicolas Redouane", "spokesman Steffen Seibert")."""
    ents_at = {i: e for e in ents for i in range(e.start, e.end)}
    names: set[str] = set()
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ == "compound":
            continue
        span = _name_span(doc, tok, ents_at)
        if span is None or len(span) < 2 or not all(t.pos_ == "PROPN" for t in span):
            continue
        first = span[0]
        while first.dep_ == "conj" and first.head.i != first.i and first.head.i < first.i:
            first = doc[_name_start(doc, first.head, ents_at)]
        before = doc[first.i - 1] if first.i > 0 else None
        role_before = before is not None and (
            before.lower_ in PERSON_TITLES or (before.lemma_.lower() in ROLE_NOUNS and before.pos_ == "NOUN")
        )
        role_appos = any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in tok.children)
        if role_before or role_appos:
            names.add(_key(span))
    return names


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
        doc[i].text == words[0]
        and doc[i - 1].lower_ in PERSON_TITLES
        and [t.text for t in doc[i : i + len(words)]] == words
        for i in range(1, len(doc))
    )


def _occurrences(doc: Doc, words: list[str]) -> Iterable[Span]:
    n = len(words)
    for i in range(len(doc) - n + 1):
        if doc[i].text == words[0] and [t.text for t in doc[i : i + n]] == words:
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


def _surname_of(ent: Span) -> SpacyToken | None:
    toks = [t for t in ent if t.lower_ not in NAME_SUFFIXES and not t.is_punct]
    return toks[-1] if len(toks) >= 2 else None


def _surnames(doc: Doc, ents: list[Span], *, protected: set[str]) -> list[Span]:
    """A lone surname of a named person is that person (module docstring, step 4)."""
    surnames = {}
    for ent in ents:
        if ent.label_ == "PERSON":
            tok = _surname_of(ent)
            if tok is not None and tok.text[:1].isupper() and tok.text not in protected:
                surnames[tok.text] = ent
    if not surnames:
        return ents
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for tok in doc:
        if tok.text not in surnames:
            continue
        current = by_token.get(tok.i)
        if current is not None and (current.label_ == "PERSON" or len(current) > 1):
            continue
        if tok.pos_ not in ("PROPN", "NOUN", "") or (tok.is_sent_start and tok.pos_ == "NOUN"):
            continue
        prev = doc[tok.i - 1] if tok.i else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            current is not None
            and current.label_ in ("GPE", "LOC", "FAC")
            and (
                (prev is not None and prev.lower_ in PLACE_PREPOSITIONS)
                or (nxt is not None and nxt.text == "," and by_token.get(tok.i + 2) is not None)
            )
        ):
            continue
        if current is not None:
            out.remove(current)
        out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    return out


def _acronyms(doc: Doc, ents: list[Span]) -> list[Span]:
    """``Federal Security Service (FSB)``: the acronym takes the type of the name everywhere."""
    defined: dict[str, str] = {}
    for ent in ents:
        if len(ent) < 2 or ent.end + 2 >= len(doc):
            continue
        opening, acronym, closing = doc[ent.end], doc[ent.end + 1], doc[ent.end + 2]
        if opening.text == "(" and closing.text == ")" and _ACRONYM.match(acronym.text):
            defined[acronym.text] = ent.label_
    if not defined:
        return ents
    out = list(ents)
    by_token = {i: e for e in ents for i in range(e.start, e.end)}
    for tok in doc:
        label = defined.get(tok.text)
        if label is None:
            continue
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
