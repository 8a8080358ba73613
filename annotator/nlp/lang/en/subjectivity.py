"""English cues of an author's opinion, from the NewsSD annotation guidelines (v2.0, October 2022).

What the annotators were told, and the word lists that follow from it:
- SUBJ 1, rhetorical questions and speculation that draws conclusions: a question mark at
  the end, `SPECULATION`;
- SUBJ 3, exhortations ("The West should arm Ukraine faster"): `EXHORTATION`;
- SUBJ 4 and 5, downgrading expressions, hyperbole: `DEGREE` (intensifiers and degree
  adverbs), superlatives, and two lexicons of evaluative words (`lexicons.SUBJECTIVE_WORDS`
  from Pattern, public domain; `lexicons.STRONG_SENTIMENT_WORDS` from VADER, MIT);
- SUBJ 2, sarcasm: scare quotes (a short phrase in single quotes inside the sentence);
- the author speaking: `FIRST_PERSON`, `SECOND_PERSON`; negation (`NEGATION`) is far more
  common in argument than in report;
- OBJ 3, reported opinion is objective: `REPORTING` (verbs of saying in the forms news
  text uses them), and quotation marks that open or close the sentence.

Word forms, not lemmas: the cues are read from text alone (no spaCy), so suggestions stay fast.
"""

from __future__ import annotations

from annotator.nlp.lang.en.lexicons import STRONG_SENTIMENT_WORDS, SUBJECTIVE_WORDS

__all__ = [
    "DEGREE",
    "EXHORTATION",
    "FEELING",
    "FIRST_PERSON",
    "NEGATION",
    "REPORTING",
    "SECOND_PERSON",
    "SPECULATION",
    "STRONG_SENTIMENT_WORDS",
    "SUBJECTIVE_WORDS",
    "SUPERLATIVE_SUFFIX",
    "SUPERLATIVE_WORDS",
]

FIRST_PERSON = frozenset(["i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"])
SECOND_PERSON = frozenset(["you", "your", "yours", "yourself", "yourselves"])
EXHORTATION = frozenset(["should", "must", "ought", "need", "needs", "shouldn't", "mustn't"])
SPECULATION = frozenset(
    [
        "may",
        "might",
        "could",
        "perhaps",
        "probably",
        "presumably",
        "apparently",
        "seem",
        "seems",
        "seemed",
        "surely",
        "arguably",
        "likely",
    ]
)
DEGREE = frozenset(
    [
        "very",
        "really",
        "truly",
        "simply",
        "absolutely",
        "utterly",
        "extremely",
        "so",
        "too",
        "quite",
        "rather",
        "hardly",
        "barely",
        "incredibly",
        "remarkably",
        "deeply",
        "highly",
        "entirely",
        "completely",
        "totally",
        "merely",
        "clearly",
        "obviously",
        "indeed",
        "certainly",
        "even",
        "just",
        "only",
        "particularly",
        "especially",
        "most",
        "least",
        "ever",
        "never",
    ]
)
NEGATION = frozenset(["not", "n't", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot"])
REPORTING = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "stated",
        "claimed",
        "claims",
        "argued",
        "argues",
        "noted",
        "explained",
        "announced",
        "reported",
        "according",
        "insisted",
        "warned",
        "wrote",
        "asked",
        "replied",
        "described",
        "called",
        "confirmed",
        "denied",
    ]
)
FEELING = frozenset(["felt", "feel", "feeling", "remember", "remembered", "saw", "loved", "was"])
"""After "I": the writer describing their own feelings, which the guidelines call objective (OBJ 2)."""
SUPERLATIVE_WORDS = frozenset(["most", "least", "best", "worst"])
SUPERLATIVE_SUFFIX = "est"
