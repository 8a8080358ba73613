"""Speaker rules of the fifth pass, written from the tuning batches, each on the parse the small
English model gives for the sentence (mistakes included), so the rule is tested without the model."""

from __future__ import annotations

import pytest

from annotator.core.model import Speaker

from .parses import parsed
from .test_speaker_rules import said, speakers


def test_the_company_is_the_last_organisation_that_acted_even_sentences_back() -> None:
    # Four sentences between "Hasbro hosted" and "the company noted": the window of the last
    # three sentences has no organisation, and "company" alone is nobody.
    text = "Hasbro hosted a panel. It sold helmets. They had lights. Fans came. "
    text += 'The company noted "it was plastic."'
    doc = parsed(
        text,
        """
        Hasbro 1 nsubj PROPN
        hosted 1 ROOT VERB host
        a 3 det DET
        panel 1 dobj NOUN
        . 1 punct PUNCT
        It 6 nsubj PRON
        sold 6 ROOT VERB sell
        helmets 6 dobj NOUN helmet NNS
        . 6 punct PUNCT
        They 10 nsubj PRON
        had 10 ROOT VERB have
        lights 10 dobj NOUN light NNS
        . 10 punct PUNCT
        Fans 14 nsubj NOUN fan NNS
        came 14 ROOT VERB come
        . 14 punct PUNCT
        The 17 det DET
        company 18 nsubj NOUN
        noted 18 ROOT VERB note
        " 18 punct PUNCT
        it 21 nsubj PRON
        was 18 ccomp AUX be VBD
        plastic 21 acomp ADJ
        . 18 punct PUNCT
        " 18 punct PUNCT
        """,
        ORG=["Hasbro"],
    )
    assert speakers(doc) == [said(text, "The company", "Hasbro")]


_COURT_ROWS = """
        The 2 det DET
        Supreme 2 compound PROPN
        Court 6 nsubj PROPN
        of 2 prep ADP
        Puerto 5 compound PROPN
        Rico 3 pobj PROPN
        ruled 6 ROOT VERB rule
        . 6 punct PUNCT
        The 10 det DET
        Supreme 10 compound PROPN
        Court 11 nsubj PROPN
        met 11 ROOT VERB meet
        . 11 punct PUNCT
        The 15 det DET
        Supreme 15 compound PROPN
        Court 16 nsubj PROPN
        voted 16 ROOT VERB vote
        . 16 punct PUNCT
        The 19 det DET
        {court} 20 nsubj {pos}
        said 20 ROOT VERB say
        " 20 punct PUNCT
        it 23 nsubj PRON
        is 20 ccomp AUX be VBZ
        void 23 acomp ADJ
        . 20 punct PUNCT
        " 20 punct PUNCT
"""

_COURTS = "The Supreme Court of Puerto Rico ruled. The Supreme Court met. The Supreme Court voted. "


@pytest.mark.parametrize(("court", "pos"), [("Court", "PROPN"), ("court", "NOUN")])
def test_the_court_is_the_fullest_name_of_the_court_named_most(court: str, pos: str) -> None:
    # "The Supreme Court" twice and "the Supreme Court of Puerto Rico" once: one court, three
    # mentions, and the convention gives its fullest name.
    text = _COURTS + f'The {court} said "it is void."'
    labels = ["Supreme Court of Puerto Rico", "Supreme Court@1", "Supreme Court@2"]
    if court == "Court":
        labels.append("Court@3")  # the model's ORG for the capitalised generic noun
    doc = parsed(text, _COURT_ROWS.format(court=court, pos=pos), ORG=labels)
    mention = said(text, "Court", "", 3) if court == "Court" else said(text, "The court", "")
    assert speakers(doc) == [Speaker(mention.start, mention.end, "Supreme Court of Puerto Rico")]


def test_a_name_in_the_words_he_reported_is_not_whom_he_stands_for() -> None:
    # "He said Zelensky is "…"; "…", he added": the second "he" is the first one, the one who
    # said it (Honcharuk), not Zelensky, whom he talked about.
    text = 'Oleksiy Honcharuk resigned. He said Zelensky is "a model"; however, "to remove doubts, '
    text += 'I wrote an offer", he added.'
    doc = parsed(
        text,
        """
        Oleksiy 1 compound PROPN
        Honcharuk 2 nsubj PROPN
        resigned 2 ROOT VERB resign
        . 2 punct PUNCT
        He 5 nsubj PRON
        said 27 ccomp VERB say
        Zelensky 7 nsubj PROPN
        is 5 ccomp AUX be VBZ
        " 7 punct PUNCT
        a 10 det DET
        model 7 attr NOUN
        " 7 punct PUNCT
        ; 7 punct PUNCT
        however 17 advmod ADV
        , 17 punct PUNCT
        " 17 punct PUNCT
        to 17 aux PART
        remove 21 advcl VERB remove VB
        doubts 17 dobj NOUN doubt NNS
        , 21 punct PUNCT
        I 21 nsubj PRON
        wrote 27 ccomp VERB write
        an 23 det DET
        offer 21 dobj NOUN
        " 23 punct PUNCT
        , 27 punct PUNCT
        he 27 nsubj PRON
        added 27 ROOT VERB add
        . 27 punct PUNCT
        """,
        PERSON=["Oleksiy Honcharuk", "Zelensky"],
    )
    assert speakers(doc)[1] == said(text, "he", "Oleksiy Honcharuk")


def test_a_participle_under_a_relative_clause_gives_the_person_it_describes() -> None:
    # The model makes "how the attack unfolded" a relative clause of "eyewitness" and "stating"
    # hang from it: the attack says nothing; the eyewitness, a person, does.
    text = "An eyewitness described for news agency PA Media how the attack unfolded, stating, "
    text += '"I was crossing the road."'
    doc = parsed(
        text,
        """
        An 1 det DET
        eyewitness 1 ROOT NOUN
        described 1 acl VERB describe VBN
        for 2 prep ADP
        news 5 compound NOUN
        agency 7 compound NOUN
        PA 7 compound PROPN
        Media 3 pobj PROPN
        how 11 advmod SCONJ how WRB
        the 10 det DET
        attack 11 nsubj NOUN
        unfolded 1 relcl VERB unfold VBD
        , 11 punct PUNCT
        stating 11 advcl VERB state VBG
        , 13 punct PUNCT
        " 13 punct PUNCT
        I 18 nsubj PRON
        was 18 aux AUX be VBD
        crossing 13 ccomp VERB cross VBG
        the 20 det DET
        road 18 dobj NOUN
        . 1 punct PUNCT
        " 1 punct PUNCT
        """,
        ORG=["PA Media"],
    )
    assert speakers(doc) == [said(text, "An eyewitness", "eyewitness")]


def test_a_relative_clause_with_its_own_subject_does_not_speak_for_its_noun() -> None:
    # The parser hangs the answer's first clause on the interviewee's speaker mark as relative:
    # the maintainers' "upstream first" is a term, not words of Bowen's the clause describes.
    text = '((Rich Bowen)) RHEL maintainers try to do work "upstream first".'
    doc = parsed(
        text,
        """
        ( 3 punct PUNCT
        ( 3 punct PUNCT
        Rich 3 compound PROPN
        Bowen 3 ROOT PROPN
        ) 3 punct PUNCT
        ) 3 punct PUNCT
        RHEL 7 compound NOUN
        maintainers 8 nsubj NOUN maintainer NNS
        try 3 relcl VERB try VBP
        to 10 aux PART
        do 8 xcomp VERB do VB
        work 10 dobj NOUN
        " 14 punct PUNCT
        upstream 14 amod ADJ
        first 10 advmod ADV
        " 14 punct PUNCT
        . 8 punct PUNCT
        """,
        PERSON=["Rich Bowen"],
    )
    assert speakers(doc) == [None]


def test_a_relative_clause_ending_at_the_colon_gives_the_person_it_describes() -> None:
    # "…, who cited his experience with rugby: "…"": no speech verb, and the sentence's own
    # subject ("Another") is no name; the relative clause before the colon introduces Gray.
    text = "Another was tour manager Thomas Gray, 24, who cited his experience with rugby: "
    text += '"one in, all in".'
    doc = parsed(
        text,
        """
        Another 1 nsubj PRON another DT
        was 1 ROOT AUX be VBD
        tour 3 compound NOUN
        manager 5 compound NOUN
        Thomas 5 compound PROPN
        Gray 1 attr PROPN
        , 5 punct PUNCT
        24 5 appos NUM 24 CD
        , 5 punct PUNCT
        who 10 nsubj PRON who WP
        cited 5 relcl VERB cite VBD
        his 12 poss PRON his PRP$
        experience 10 dobj NOUN
        with 12 prep ADP
        rugby 13 pobj NOUN
        : 5 punct PUNCT
        " 5 punct PUNCT
        one 5 appos NUM one CD
        in 17 prep ADP
        , 18 punct PUNCT
        all 21 advmod PRON all DT
        in 1 prep ADP
        " 21 punct PUNCT
        . 1 punct PUNCT
        """,
        PERSON=["Thomas Gray"],
    )
    assert speakers(doc) == [said(text, "Thomas Gray", "Thomas Gray")]


def test_a_two_word_name_keeps_the_first_name_the_model_left_out() -> None:
    # The model tags "Yu Hoi-kwan" only; "Yolanda", joined to it and no title, is her name.
    text = 'Police Senior Superintendent Yolanda Yu Hoi-kwan said at a press conference: "The lives '
    text += 'were threatened."'
    doc = parsed(
        text,
        """
        Police 2 compound PROPN
        Senior 2 compound PROPN
        Superintendent 4 compound PROPN
        Yolanda 4 compound PROPN
        Yu 7 compound PROPN
        Hoi 7 compound PROPN
        - 7 punct PUNCT - HYPH
        kwan 8 nsubj PROPN
        said 8 ROOT VERB say
        at 8 prep ADP
        a 12 det DET
        press 12 compound NOUN
        conference 9 pobj NOUN
        : 8 punct PUNCT
        " 18 punct PUNCT
        The 16 det DET
        lives 18 nsubjpass NOUN life NNS
        were 18 auxpass AUX be VBD
        threatened 8 ccomp VERB threaten VBN
        . 8 punct PUNCT
        " 8 punct PUNCT
        """,
        PERSON=["Yu Hoi-kwan"],
    )
    assert speakers(doc) == [said(text, "Yolanda Yu Hoi-kwan", "Yolanda Yu Hoi-kwan")]


def test_a_hyphenated_title_before_a_two_word_name_is_not_a_first_name() -> None:
    text = 'NATO Secretary-General Jens Stoltenberg said: "I count on Turkey."'
    doc = parsed(
        text,
        """
        NATO 5 compound PROPN
        Secretary 3 compound PROPN
        - 3 punct PUNCT - HYPH
        General 5 compound PROPN
        Jens 5 compound PROPN
        Stoltenberg 6 nsubj PROPN
        said 6 ROOT VERB say
        : 6 punct PUNCT
        " 6 punct PUNCT
        I 10 nsubj PRON
        count 6 ccomp VERB count VBP
        on 10 prep ADP
        Turkey 11 pobj PROPN
        . 6 punct PUNCT
        " 6 punct PUNCT
        """,
        ORG=["NATO"],
        PERSON=["Jens Stoltenberg"],
        GPE=["Turkey"],
    )
    assert speakers(doc) == [said(text, "Jens Stoltenberg", "Jens Stoltenberg")]
