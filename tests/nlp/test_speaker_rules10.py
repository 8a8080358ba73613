"""Speaker rules of the tenth pass, written from misses in the tuning split, each on the parse the
small English model gives for a made-up sentence of the same shape (mistakes included), so the
rule is tested without the model."""

from __future__ import annotations

from .parses import parsed
from .test_speaker_rules import said, speakers


def test_she_stands_for_one_picked_out_of_a_group_of_people() -> None:
    # A pronoun resolves to the same referent however the text named it: "one of the victims" is
    # one person, the only one the sentence before is about, though the model reads "One" as a
    # number.
    text = (
        "One of the victims decided to speak. "
        'She said she did this to show others "there is nothing to hide".'
    )
    doc = parsed(
        text,
        """
        One 4 nsubj NUM one CD
        of 0 prep ADP
        the 3 det DET
        victims 1 pobj NOUN victim NNS
        decided 4 ROOT VERB decide
        to 6 aux PART to TO
        speak 4 xcomp VERB speak VB
        . 4 punct PUNCT . .
        She 9 nsubj PRON she
        said 9 ROOT VERB say
        she 11 nsubj PRON she
        did 9 ccomp VERB do
        this 11 dobj PRON this DT
        to 14 aux PART to TO
        show 11 advcl VERB show VB
        others 14 dobj NOUN other NNS
        " 18 punct PUNCT " ``
        there 18 expl PRON there EX
        is 14 ccomp VERB be VBZ
        nothing 18 attr PRON nothing NN
        to 21 aux PART to TO
        hide 19 relcl VERB hide VB
        " 21 punct PUNCT " ``
        . 9 punct PUNCT . .
        """,
        CARDINAL=["One"],
    )
    assert speakers(doc) == [said(text, "She", "One of the victims")]


def test_she_does_not_stand_for_a_number_of_things() -> None:
    # "One of the reasons" is no one: the pronoun stays unresolved rather than naming a thing.
    text = 'One of the reasons was cost. She said she did this to show others "there is nothing to hide".'
    doc = parsed(
        text,
        """
        One 4 nsubj NUM one CD
        of 0 prep ADP
        the 3 det DET
        reasons 1 pobj NOUN reason NNS
        was 4 ROOT AUX be VBD
        cost 4 attr NOUN
        . 4 punct PUNCT . .
        She 8 nsubj PRON she
        said 8 ROOT VERB say
        she 10 nsubj PRON she
        did 8 ccomp VERB do
        this 10 dobj PRON this DT
        to 13 aux PART to TO
        show 10 advcl VERB show VB
        others 13 dobj NOUN other NNS
        " 17 punct PUNCT " ``
        there 17 expl PRON there EX
        is 13 ccomp VERB be VBZ
        nothing 17 attr PRON nothing NN
        to 20 aux PART to TO
        hide 18 relcl VERB hide VB
        " 20 punct PUNCT " ``
        . 8 punct PUNCT . .
        """,
        CARDINAL=["One"],
    )
    assert speakers(doc) == [None]


def test_a_warning_read_out_speaks_for_whoever_issued_it() -> None:
    # A document never speaks: a weather service's warning, like its statement, gives the one
    # that issued it, named with the warning a sentence before.
    text = (
        "The flood warning issued by the Met Office covers Devon. "
        '"Heavy rain will cause flooding in low areas", read the warning.'
    )
    doc = parsed(
        text,
        """
        The 2 det DET
        flood 2 compound NOUN
        warning 8 nsubj NOUN
        issued 2 acl VERB issue VBN
        by 3 agent ADP
        the 7 det DET
        Met 7 compound PROPN
        Office 4 pobj PROPN
        covers 8 ROOT VERB cover VBZ
        Devon 8 dobj PROPN
        . 8 punct PUNCT . .
        " 15 punct PUNCT " ``
        Heavy 13 amod ADJ heavy JJ
        rain 15 nsubj NOUN
        will 15 aux AUX will MD
        cause 15 ROOT VERB cause VB
        flooding 15 dobj NOUN
        in 16 prep ADP
        low 19 amod ADJ low JJ
        areas 17 pobj NOUN area NNS
        " 15 punct PUNCT " ''
        , 15 punct PUNCT , ,
        read 15 conj VERB read VB
        the 24 det DET
        warning 22 dobj NOUN
        . 15 punct PUNCT . .
        """,
        ORG=["Met Office"],
        PERSON=["Devon"],
    )
    assert speakers(doc) == [said(text, "Met Office", "Met Office")]


def test_what_hangs_on_went_on_to_say_was_said() -> None:
    # "X went on to say …": the parser hangs the reason clause, with its two quotations, on
    # "went" beside "say", so no speech verb is above the second; going on to say is saying.
    text = (
        "Judge Anna Kowal sentenced the men. Kowal went on to say she was not giving them a longer "
        'sentence because they had "shown remorse" and "spared the victims having to testify again."'
    )
    doc = parsed(
        text,
        """
        Judge 2 compound PROPN
        Anna 2 compound PROPN
        Kowal 3 nsubj PROPN
        sentenced 3 ROOT VERB sentence
        the 5 det DET
        men 3 dobj NOUN man NNS
        . 3 punct PUNCT . .
        Kowal 8 nsubj PROPN
        went 8 ROOT VERB go
        on 8 prt ADP on RP
        to 11 aux PART to TO
        say 8 advcl VERB say VB
        she 15 nsubj PRON she
        was 15 aux AUX be VBD
        not 15 neg PART not RB
        giving 11 ccomp VERB give VBG
        them 15 dative PRON they
        a 19 det DET
        longer 19 amod ADJ long JJR
        sentence 15 dobj NOUN
        because 24 mark SCONJ because IN
        they 24 nsubj PRON they
        had 24 aux AUX have VBD
        " 24 punct PUNCT " ``
        shown 8 advcl VERB show VBN
        remorse 24 dobj NOUN
        " 24 punct PUNCT " ''
        and 24 cc CCONJ and CC
        " 29 punct PUNCT " ``
        spared 24 conj VERB spar
        the 31 det DET
        victims 32 nsubj NOUN victim NNS
        having 29 ccomp VERB have VBG
        to 34 aux PART to TO
        testify 32 xcomp VERB testify VB
        again 34 advmod ADV again RB
        . 8 punct PUNCT . .
        " 8 punct PUNCT " ''
        """,
        PERSON=["Anna Kowal", "Kowal@1"],
    )
    assert speakers(doc) == [
        said(text, "Kowal", "Anna Kowal", nth=1),
        said(text, "Kowal", "Anna Kowal", nth=1),
    ]


def test_going_on_without_saying_reports_nothing() -> None:
    # "went on to win": no one is said to have said the term in the clause beside it.
    text = 'Kowal went on to win because the team had a "secret weapon" and "luck of the Irish."'
    doc = parsed(
        text,
        """
        Kowal 1 nsubj PROPN
        went 1 ROOT VERB go
        on 1 prt ADP on RP
        to 4 aux PART to TO
        win 1 advcl VERB win VB
        because 8 mark SCONJ because IN
        the 7 det DET
        team 8 nsubj NOUN
        had 1 advcl VERB have VBD
        a 12 det DET
        " 12 punct PUNCT " ``
        secret 12 amod ADJ secret JJ
        weapon 8 dobj NOUN
        " 12 punct PUNCT " ''
        and 12 cc CCONJ and CC
        " 16 punct PUNCT " ``
        luck 12 conj NOUN
        of 16 prep ADP
        the 19 det DET
        Irish 17 pobj PROPN
        . 1 punct PUNCT . .
        " 1 punct PUNCT " ''
        """,
        NORP=["Irish"],
    )
    assert speakers(doc) == [None, None]


_RECORDING_ROWS = """
    The 1 det DET
    mayor 2 nsubj NOUN
    resigned 2 ROOT VERB resign
    after 2 prep ADP
    the 5 det DET
    leak 3 pobj NOUN
    of 5 prep ADP
    a 8 det DET
    recording 6 pobj NOUN
    in 17 prep ADP
    which 9 pobj PRON which WDT
    someone 9 prep PRON someone NN
    , 11 punct PUNCT , ,
    apparently 14 advmod ADV apparently RB
    Kowalski 11 appos PROPN
    , 17 punct PUNCT , ,
    clearly 17 advmod ADV clearly RB
    says 8 relcl VERB say VBZ
    Nowak 20 nsubj PROPN
    " 20 punct PUNCT " ``
    has 17 ccomp VERB have VBZ
    no 22 det DET
    idea 20 dobj NOUN
    how 25 advmod SCONJ how WRB
    budgets 25 nsubj NOUN budget NNS
    work 22 relcl VERB work VBP
    . 2 punct PUNCT . .
    " 2 punct PUNCT " ''
"""


def test_a_relative_speech_verb_left_without_a_subject_takes_the_name_in_its_clause() -> None:
    # "a recording in which someone, apparently Kowalski, says …": the parser hangs "someone"
    # on "in" and leaves "says" without a subject; the apposition names who says it.
    text = (
        "The mayor resigned after the leak of a recording in which someone, apparently Kowalski, "
        'clearly says Nowak "has no idea how budgets work."'
    )
    doc = parsed(text, _RECORDING_ROWS, PERSON=["Kowalski", "Nowak"])
    assert speakers(doc) == [said(text, "Kowalski", "Kowalski")]


def test_a_relative_speech_verb_does_not_reach_back_past_its_noun() -> None:
    # With no name inside the relative clause ("apparently a clerk"), the man who resigned, named
    # before the recording the clause describes, is not who speaks in it.
    text = (
        "Jan Kowal resigned after the leak of a recording in which someone, apparently a clerk, "
        'clearly says Nowak "has no idea how budgets work."'
    )
    doc = parsed(
        text,
        """
        Jan 1 compound PROPN
        Kowal 2 nsubj PROPN
        resigned 2 ROOT VERB resign
        after 2 prep ADP
        the 5 det DET
        leak 3 pobj NOUN
        of 5 prep ADP
        a 8 det DET
        recording 6 pobj NOUN
        in 18 prep ADP
        which 9 pobj PRON which WDT
        someone 9 prep PRON someone NN
        , 11 punct PUNCT , ,
        apparently 15 advmod ADV apparently RB
        a 15 det DET
        clerk 11 appos NOUN
        , 18 punct PUNCT , ,
        clearly 18 advmod ADV clearly RB
        says 8 relcl VERB say VBZ
        Nowak 21 nsubj PROPN
        " 21 punct PUNCT " ``
        has 18 ccomp VERB have VBZ
        no 23 det DET
        idea 21 dobj NOUN
        how 26 advmod SCONJ how WRB
        budgets 26 nsubj NOUN budget NNS
        work 23 relcl VERB work VBP
        . 2 punct PUNCT . .
        " 2 punct PUNCT " ''
        """,
        PERSON=["Jan Kowal", "Nowak"],
    )
    assert speakers(doc) == [None]
