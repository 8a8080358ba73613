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

