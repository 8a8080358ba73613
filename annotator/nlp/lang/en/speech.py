"""Verbs that report words, and the forms that introduce a direct quotation."""

from __future__ import annotations

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
        "proclaim",
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
        "opine",
        "express",
        "underline",
        # What courts and inquiries say: "the court found his advice "was motivated by …"".
        "find",
        "rule",
        # Verbs that report words when a quotation is their complement: "called the stabbing
        # "…"", "talked of "…"", "the party informed the press", "wonders X".
        "call",
        "talk",
        "inform",
        "wonder",
        # Verbs of judging aloud, whose quoted complement is the subject's own wording:
        # "accused the network of "swindling"", "labeled the report as "fake news"".
        "accuse",
        "label",
        "hail",
        "praise",
        "laud",
        "denounce",
        "condemn",
        "criticise",
        "criticize",
        "thank",
        "apologise",
        "apologize",
        "characterise",
        "characterize",
        "dub",
        "refer",
        "term",
        "brand",
        "attack",
        "dismiss",
        "slam",
        "blast",
        "deride",
        "decry",
        "mock",
        # A document "reads" its text: "the statement read "…"" (its owner is the speaker).
        "read",
        # Words said aloud or judged aloud, from the second tuning batch: "protested by shouting
        # "shame on you!"", "Politico regarded the debate as "markedly more civil"".
        "shout",
        "chant",
        "yell",
        "regard",
    ]
)

BE_FORMS = frozenset(["am", "'m", "’m", "is", "'s", "’s", "are", "'re", "’re", "was", "were"])
QUOTATIVES = frozenset(["like"])
"""Spoken English introduces words with "be like" ("I was like, "…""): a form of "be", then one
of these and a comma, colon or quotation mark."""

EVIDENCE_VERBS = frozenset(
    ["suggest", "indicate", "show", "confirm", "find", "conclude", "predict", "estimate"]
)
"""Speech verbs whose subject may be the evidence rather than a speaker: "told Discover the
frequency of spiky skulls suggested …: "…"" is the teller's."""

IRREGULAR_FORMS = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "tells": "tell",
    "wrote": "write",
    "writes": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "reads": "read",
}
"""Word forms a lemmatizer-free pipeline cannot strip to their lemma."""

PARTICLE_VERBS = {"point": "out"}
"""Verbs that report words only with their particle: "pointed out", not "pointed at"."""

GOING_ON_VERBS = frozenset({"go on", "continue", "proceed"})
"""Verbs that, with a speech verb's to-infinitive, still report: "went on to say", "continued to
say". The parser hangs some of what was said on them rather than on the speech verb."""

PUBLISHING_VERBS = frozenset(
    {
        "issue",
        "release",
        "sign",
        "publish",
        "post",
        "send",
        "write",
        "make",
        "share",
        "tweet",
        "put",
        "deliver",
    }
)
"""Verbs whose subject owns the document they take: "the officials signed a letter saying …"."""

NAMING_VERBS = frozenset({"call", "dub", "term", "brand", "label", "refer"})
"""Speech lemmas that also give a thing its name: as a bare participle on a noun ("a programme
called "…"", "the scheme, dubbed "…"") the quotation is the thing's name, which nobody says."""

DOCUMENT_VERBS = frozenset({"read"})
"""Speech lemmas whose subject must be a document ("the sign read"), never a person."""


def surface_lemma(word: str) -> str | None:
    """The speech lemma of a word form by spelling alone ("said", "insisting"), for text without a tagger."""
    lower = word.lower()
    if lower in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[lower]
    if lower in SPEECH_LEMMAS:
        return lower
    for suffix, restore in (
        ("ing", ""),
        ("ing", "e"),
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("d", ""),
    ):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)] + restore
            if stem in SPEECH_LEMMAS:
                return stem
            if (
                suffix in ("ing", "ed")
                and len(stem) > 2
                and stem[-1] == stem[-2]
                and stem[:-1] in SPEECH_LEMMAS
            ):
                return stem[:-1]  # "quipped", "admitting"
    return None
