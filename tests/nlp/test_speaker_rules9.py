"""Speaker rules of the ninth pass, written from the Global Voices tuning pages, each on the parse
the small English model gives for a made-up sentence of the same shape (mistakes included), so the
rule is tested without the model."""

from __future__ import annotations

from .parses import parsed
from .test_speaker_rules import said, speakers

_HARBOUR_VOICE = """
    Harbour 1 compound PROPN
    Voice 2 nsubj PROPN
    claims 2 ROOT VERB claim VBZ
    that 6 mark SCONJ
    the 5 det DET
    port 6 nsubj NOUN
    is 2 ccomp AUX be VBZ
    " 10 punct PUNCT
    the 10 det DET
    worst 10 amod ADJ
    place 6 attr NOUN
    for 10 prep ADP
    workers 11 pobj NOUN
    " 10 punct PUNCT
    today 6 npadvmod NOUN
    . 2 punct PUNCT
    Northern 19 compound ADJ
    Harbour 19 compound PROPN
    Workers 19 compound PROPN
    Voice 20 nsubj PROPN
    is 20 ROOT AUX be VBZ
    a 22 det DET
    forum 20 attr NOUN
    for 22 prep ADP
    dockers 23 pobj NOUN
    . 20 punct PUNCT
"""


def test_a_two_word_name_is_not_lengthened_at_its_front() -> None:
    # The model types the longer name PERSON; a person's fuller name keeps the first word of a
    # two-word mention ("Ann Park" -> "Ann M. Park"), so "Harbour Voice" is not "Northern Harbour
    # Workers Voice", another group named after it.
    text = (
        'Harbour Voice claims that the port is "the worst place for workers" today. '
        "Northern Harbour Workers Voice is a forum for dockers."
    )
    doc = parsed(text, _HARBOUR_VOICE, ORG=["Harbour Voice"], PERSON=["Northern Harbour Workers Voice"])
    assert speakers(doc) == [said(text, "Harbour Voice", "Harbour Voice")]


def test_a_surname_with_its_particle_still_takes_the_full_name() -> None:
    # "van Dijk" is one surname, not a name of two words: its full name starts before it.
    text = 'Marta van Dijk left the club. On Monday, van Dijk said "the team is stronger now".'
    doc = parsed(
        text,
        """
        Marta 1 compound PROPN
        van 2 compound PROPN
        Dijk 3 nsubj PROPN
        left 3 ROOT VERB leave VBD
        the 5 det DET
        club 3 dobj NOUN
        . 3 punct PUNCT
        On 12 prep ADP
        Monday 7 pobj PROPN
        , 12 punct PUNCT
        van 11 compound PROPN
        Dijk 12 nsubj PROPN
        said 12 ROOT VERB say VBD
        " 16 punct PUNCT
        the 15 det DET
        team 16 nsubj NOUN
        is 12 ccomp AUX be VBZ
        stronger 16 acomp ADJ
        now 16 advmod ADV
        " 16 punct PUNCT
        . 12 punct PUNCT
        """,
        PERSON=["Marta van Dijk", "van Dijk@1"],
    )
    assert speakers(doc) == [said(text, "van Dijk", "Marta van Dijk", nth=1)]


def test_a_verb_opening_the_quotation_read_as_a_plural_noun_keeps_its_named_subject() -> None:
    # The model reads "partners" as a plural noun, the sentence's root, and hangs the name before
    # the mark on it: the quotation is still the body's own description of itself.
    text = 'Green Harbour Network "partners with farmers in their quest for fair prices."'
    doc = parsed(
        text,
        """
        Green 1 compound PROPN
        Harbour 2 compound PROPN
        Network 4 nmod PROPN
        " 4 punct PUNCT
        partners 4 ROOT NOUN partner NNS
        with 4 prep ADP
        farmers 5 pobj NOUN
        in 4 prep ADP
        their 9 poss PRON their PRP$
        quest 7 pobj NOUN
        for 9 prep ADP
        fair 12 amod ADJ
        prices 10 pobj NOUN
        . 4 punct PUNCT
        " 4 punct PUNCT
        """,
        PERSON=["Green Harbour Network"],
    )
    assert speakers(doc) == [said(text, "Green Harbour Network", "Green Harbour Network")]


def test_a_plural_noun_opening_a_quotation_is_not_read_as_a_verb_without_an_object() -> None:
    # The same parse, but nothing after the noun a verb would take ("partners with …"): a caption
    # naming the body's "members" is a term, nobody's words.
    text = 'Harbour Trust "members" today.'
    doc = parsed(
        text,
        """
        Harbour 1 compound PROPN
        Trust 3 nmod PROPN
        " 3 punct PUNCT
        members 3 ROOT NOUN member NNS
        " 3 punct PUNCT
        today 3 npadvmod NOUN
        . 3 punct PUNCT
        """,
        ORG=["Harbour Trust"],
    )
    assert speakers(doc) == [None]


_GUILLEMET_PARSE = """
    The 1 det DET
    motto 2 nsubj NOUN
    echoes 2 ROOT VERB echo VBZ
    the 4 det DET
    famous 2 dobj ADJ
    « 8 punct PUNCT « ``
    Peace 7 compound PROPN
    Now 8 compound PROPN
    » 2 dobj NOUN » NN
    stated 8 acl VERB state VBN
"""


def test_a_speech_participle_after_a_woven_quotation_names_its_speaker_in_the_agent() -> None:
    # The model reads the closing guillemet as a noun and hangs "stated by …" on it: the
    # participle is the quotation's child, not a verb above it, and its agent said the words.
    text = "The motto echoes the famous « Peace Now » stated by Anna Weber in Lyon."
    doc = parsed(
        text,
        _GUILLEMET_PARSE
        + """
        by 9 agent ADP
        Anna 12 compound PROPN
        Weber 10 pobj PROPN
        in 9 prep ADP
        Lyon 13 pobj PROPN
        . 2 punct PUNCT
        """,
        PERSON=["Anna Weber"],
        GPE=["Lyon"],
    )
    assert speakers(doc) == [said(text, "Anna Weber", "Anna Weber")]


def test_a_speech_participle_without_an_agent_names_nobody() -> None:
    text = "The motto echoes the famous « Peace Now » stated in Lyon."
    doc = parsed(
        text,
        _GUILLEMET_PARSE
        + """
        in 9 prep ADP
        Lyon 10 pobj PROPN
        . 2 punct PUNCT
        """,
        GPE=["Lyon"],
    )
    assert speakers(doc) == [None]


_ENERGY_DEPARTMENT = """
    The 12 det DET
    Energy 12 compound PROPN
    Department 13 nsubj PROPN
    said 13 ROOT VERB say VBD
    the 15 det DET
    plant 16 nsubj NOUN
    was 13 ccomp AUX be VBD
    " 16 punct PUNCT
    safe 16 acomp ADJ
    for 18 prep ADP
    now 19 pcomp ADV
    " 16 punct PUNCT
    . 13 punct PUNCT
"""


def test_a_department_written_the_short_way_is_its_full_name_with_of() -> None:
    # News writes "the Energy Department" and "the Department of Energy" for one body: the
    # short form resolves to the full name the article gives.
    text = (
        "The United States Department of Energy opened an inquiry. "
        'The Energy Department said the plant was "safe for now".'
    )
    doc = parsed(
        text,
        """
        The 3 det DET
        United 2 compound PROPN
        States 3 compound PROPN
        Department 6 nsubj PROPN
        of 3 prep ADP
        Energy 4 pobj PROPN
        opened 6 ROOT VERB open VBD
        an 8 det DET
        inquiry 6 dobj NOUN
        . 6 punct PUNCT
        """
        + _ENERGY_DEPARTMENT,
        ORG=["The United States Department of Energy", "The Energy Department"],
    )
    assert speakers(doc) == [said(text, "The Energy Department", "United States Department of Energy")]


def test_a_department_of_another_field_is_not_its_full_name() -> None:
    text = (
        "The United States Department of Labor opened an inquiry. "
        'The Energy Department said the plant was "safe for now".'
    )
    doc = parsed(
        text,
        """
        The 3 det DET
        United 2 compound PROPN
        States 3 compound PROPN
        Department 6 nsubj PROPN
        of 3 prep ADP
        Labor 4 pobj PROPN
        opened 6 ROOT VERB open VBD
        an 8 det DET
        inquiry 6 dobj NOUN
        . 6 punct PUNCT
        """
        + _ENERGY_DEPARTMENT,
        ORG=["The United States Department of Labor", "The Energy Department"],
    )
    assert speakers(doc) == [said(text, "The Energy Department", "Energy Department")]
