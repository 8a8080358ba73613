"""Words that name who spoke: pronouns, roles, bodies, documents and titles."""

from __future__ import annotations

import re

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
"""Pronouns that stand for a person named earlier."""

PRONOUN_GENDERS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
"""A pronoun's antecedent can be an earlier pronoun of the same gender ("She left. She said …")."""

FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
"""In an interview's answers these stand for the interviewee."""

PARTITIVES = frozenset({"one", "some", "many", "several", "most", "both", "all", "few", "each"})
"""Words that, with "of", pick speakers out of a group: "one of the victims", "some of the
protesters" (a number with "of" does too: "two of the doctors")."""

QUESTION_OPENERS = frozenset(
    [
        *("can", "could", "would", "will", "do", "does", "did", "is", "are", "was", "were"),
        *("have", "has", "had", "should", "why", "what", "how", "when", "where", "which", "who"),
    ]
)
"""Words that open an interviewer's question, in which "you" is asked, not reported: "Could you
tell us about …?", "Why do you think "…"?"."""

INTERVIEWER_MARKS = frozenset({"wn", "wss", "wikinews", "q", "question", "interviewer"})
"""Speaker marks of the interviewer in a transcript ("((WN))"), never the interviewee."""

INTERVIEW_MARK = re.compile(r"\(\(([^()\n]{1,60})\)\)")
"""A transcript's speaker mark, its text in group 1: "((Sara Seager)) We wanted …", "((WN))"."""

ROLE_NOUNS = frozenset(
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
        "archbishop",
        "priest",
        "pope",
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
        "chancellor",
        "premier",
        "sheriff",
        # Added from the second tuning batch: roles news writers put before a name ("candidate
        # Brock Pierce", "commissioner Albert Muchanga", "Actress Denise Crosby") or use alone.
        "actor",
        "actress",
        "singer",
        "musician",
        "artist",
        "writer",
        "novelist",
        "poet",
        "comedian",
        "host",
        "presenter",
        "anchor",
        "candidate",
        "nominee",
        "contender",
        "commissioner",
        "councillor",
        "councilor",
        "legislator",
        "lawmaker",
        "congressman",
        "congresswoman",
        "representative",
        "delegate",
        "member",
        "deputy",
        "aide",
        "adviser",
        "advisor",
        "economist",
        "historian",
        "physician",
        "nurse",
        "surgeon",
        "engineer",
        "astronaut",
        "cosmonaut",
        "pilot",
        "athlete",
        "player",
        "designer",
        "photographer",
        "filmmaker",
        "producer",
        "businessman",
        "businesswoman",
        "entrepreneur",
        "executive",
        "ceo",
        "chairperson",
        "inspector",
        "detective",
        "soldier",
        "veteran",
        "worker",
        "employee",
        "volunteer",
        "organiser",
        "organizer",
        "protester",
        "campaigner",
        "advocate",
        "critic",
        "co-author",
        "coauthor",
        "co-founder",
        "cofounder",
        "scholar",
        "lecturer",
        "cardinal",
        "rabbi",
        "imam",
        "cleric",
        "pastor",
        "grandmother",
        "grandfather",
        "brother",
        "sister",
        "uncle",
        "aunt",
        "cousin",
        "colleague",
        "neighbour",
        "neighbor",
        "suspect",
        "defendant",
        "plaintiff",
        "citizen",
        "commentator",
        "columnist",
        "correspondent",
        "diplomat",
        "envoy",
        "consul",
        "magistrate",
        "solicitor",
        "barrister",
        "colonel",
        "lieutenant",
        "admiral",
        "astronomer",
        "biologist",
        "chemist",
        "physicist",
        "epidemiologist",
        "psychologist",
        "sociologist",
        "archaeologist",
        "specialist",
        "inventor",
        "architect",
        "chef",
    ]
)
"""Common nouns that name a person by role: "the head of the agency said … She added"."""

DESCRIPTOR_NOUNS = frozenset(
    [
        "voter",
        "witness",
        "eyewitness",
        "survivor",
        "passenger",
        "student",
        "worker",
        "volunteer",
        "attendee",
        "bystander",
        "resident",
        "protester",
        "protestor",
        "broadcaster",
        "presenter",
        "commentator",
    ]
)
"""Nouns that, with the role nouns, describe a person in a false title at the start of a
sentence and are no part of the name: "Voter Kitty Mak told The Atlantic"."""

DESCRIPTOR_SUFFIXES = ("ologist", "ographer", "icist", "ician", "ist")
"""Endings of the specialists' names used the same way: "Immunologist Kristian Andersen said"."""

GENERIC_NOUNS = frozenset({"people"})
"""Nouns that, standing bare ("people say", "people are like "…""), mean people in general:
no one the text names, so never a speaker; "some people", "people in Wuhan" are left to the rules."""

PEOPLE_NOUNS = frozenset(
    [
        "people",
        "person",
        "official",
        "officials",
        "authorities",
        "police",
        "lawmakers",
        "leaders",
        "members",
        "critics",
        "experts",
        "residents",
        "witnesses",
        "protesters",
        "supporters",
        "researchers",
        "scientists",
        "doctors",
        "family",
        "group",
        "team",
        "government",
        "campaign",
        "administration",
        "media",
        "representatives",
    ]
)
"""Nouns for people who can say something as a group: "officials said", "the family said"."""

KIN_NOUNS = frozenset(
    [
        "mother",
        "father",
        "wife",
        "husband",
        "son",
        "daughter",
        "brother",
        "sister",
        "grandmother",
        "grandfather",
        "uncle",
        "aunt",
        "cousin",
        "parent",
    ]
)
"""Roles of family: "the father" names whoever the article made a father, never the last person named."""

TITLE_NOUNS = frozenset(
    [
        "president",
        "minister",
        "prime minister",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "archbishop",
        "bishop",
        "governor",
        "mayor",
        "senator",
        "premier",
        "sheriff",
        "judge",
        "justice",
        "chairman",
        "chairwoman",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "ambassador",
        "general",
        "coach",
        "captain",
        "director",
    ]
)
"""Roles that also stand before a name as a title, so "the president" finds "President Donald Trump"."""

INSTITUTION_NOUNS = frozenset(
    [
        "ministry",
        "agency",
        "department",
        "court",
        "party",
        "organisation",
        "organization",
        "council",
        "committee",
        "office",
        "union",
        "commission",
        "board",
        "army",
        "service",
        "authority",
        "university",
        "institute",
        "foundation",
        "association",
        "federation",
        "bank",
        "school",
        "league",
    ]
)
"""Nouns for institutions, shared by the speaker rules ("the ministry said") and the entity
rules (a name ending in one goes on with "of": "European Court" + "of Justice")."""

BODY_NOUNS = INSTITUTION_NOUNS | frozenset(
    [
        "company",
        "government",
        "police",
        "group",
        "firm",
        "startup",
        "network",
        "community",
        "newspaper",
        "military",
        "palace",
        "administration",
        "airline",
        "hospital",
        "embassy",
        "church",
        "club",
        "team",
        "magazine",
        "station",
        "channel",
        "campaign",
        "website",
        "site",
        "blog",
    ]
)
"""Common nouns an "it" can stand for when it is the one that speaks; "the ministry" stands for
an organisation named before whose name has that noun ("the Emergencies Ministry")."""

GENERIC_BODY_NOUNS = frozenset(
    [
        "firm",
        "company",
        "startup",
        "start-up",
        "corporation",
        "organisation",
        "organization",
        "group",
        "charity",
        "nonprofit",
        "outlet",
        "business",
        "lab",
        "developer",
        "maker",
    ]
)
"""Nouns a writer uses for an organisation just named, whatever its name: "the firm noted"."""

DOCUMENT_NOUNS = frozenset(
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
        "release",
        "report",
        "study",
        "paper",
        "decision",
        "ruling",
        "opinion",
        "document",
        "notice",
        "bulletin",
        "account",
        "page",
        "profile",
        "video",
        "interview",
        "book",
        "memoir",
        "essay",
        "article",
        "column",
        "sign",
        "banner",
        "poster",
        "fact",
        "figure",
        "record",
        "data",
        "datum",
        "filing",
        "estimate",
        "summary",
        "judgment",
        "judgement",
        "verdict",
        "finding",
        "order",
        "description",
        "invitation",
        "petition",
        "complaint",
        # Court papers that quote what investigators found: "The FBI warrants note that, "…"".
        "warrant",
        "affidavit",
        "indictment",
        "proclamation",
        "decree",
        "memo",
        "manifesto",
        "warning",
        "advisory",
    ]
)
"""Things that carry someone's words and never speak themselves: "the statement read", "its
press release", "a tweet from X". Their owner (X's, from X, by X) is the speaker, or nobody."""

RULING_NOUNS = frozenset(["decision", "ruling", "judgment", "judgement", "verdict"])
"""Names a news text uses in turn for one court's ruling: "the court issued a ruling … The
summary of the decision read: "…"" is the court's."""

MEDIUM_NOUNS = frozenset(["website", "site", "blog", "channel", "feed", "newsletter", "podcast"])
"""Media someone publishes on. One with an owner speaks for that owner ("The WHO's website
said", "the agency's Telegram channel said"); one without (an outlet's "the website said") is
left to the other rules, as a body that speaks."""

TERM_CUES = frozenset(
    [
        "term",
        "word",
        "phrase",
        "slogan",
        "hashtag",
        "name",
        "nickname",
        "title",
        "label",
        "description",
        "expression",
        "motto",
        "headline",
        "caption",
        "so-called",
        "known as",
        "nicknamed",
        "titled",
        "entitled",
        "named",
        "designation",
    ]
)
"""Words that present the next quotation as a term or title, which nobody is said to have said."""

NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
"""Words after a surname that are not the surname: "Robert Downey Jr."."""

POST_NOMINALS = frozenset({"qc", "kc", "mp", "msp", "mep", "obe", "mbe", "cbe", "phd", "md", "esq", "esq."})
"""Letters after a name that are a rank or an honour, not part of it: "Kama Melly QC"."""

CORPORATE_DESIGNATORS = frozenset(
    {
        "company",
        "co",
        "co.",
        "corporation",
        "corp",
        "corp.",
        "inc",
        "inc.",
        "incorporated",
        "group",
        "holdings",
        "ltd",
        "ltd.",
        "limited",
        "plc",
        "llc",
        "ag",
        "sa",
        "gmbh",
    }
)
"""Last words of a company's full name after its short name: "Ford" is "Ford Motor Company"."""

HONORIFICS = (
    "mr",
    "mrs",
    "ms",
    "mme",
    "mlle",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "capt",
    "sgt",
    "st",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "fr",
    "cllr",
)
"""Abbreviated titles before a name; a trailing full stop is optional."""

TITLE_WORDS = (
    "president",
    "prime minister",
    "minister",
    "senator",
    "governor",
    "mayor",
    "professor",
    "judge",
    "justice",
    "chancellor",
    "secretary",
    "chairman",
    "chairwoman",
    "chief executive",
    "ceo",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "archbishop",
    "bishop",
    "representative",
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "general",
    "detective",
    "inspector",
    "superintendent",
    "commander",
    "speaker",
    "officer",
    "constable",
    "sergeant",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "coach",
    "captain",
    "doctor",
    "director",
    "cardinal",
    "rabbi",
    "imam",
    "ayatollah",
    "sheikh",
    "father",
    "sister",
    "commissioner",
    "councillor",
    "ambassador",
    "lead",
    "pastor",
    "reverend",
    "swami",
    "guru",
    "mufti",
    "maulana",
)
"""Titles written in full before a name ("Prime Minister Igor Matovič", "Cardinal Marc Ouellet")."""
