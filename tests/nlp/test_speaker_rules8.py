"""Speaker rules of the eighth pass, written from the fifth quotation tuning batch, each on the parse
the small English model gives for the sentence (mistakes included), so the rule is tested without
the model."""

from __future__ import annotations

from .parses import parsed
from .test_speaker_rules import kinds, said, speakers


def test_a_quotation_listed_with_plain_nouns_is_a_term() -> None:
    # Four words woven into the sentence with nobody said to have said them would be partial;
    # as one more item of a list of nouns they are a term.
    text = 'The party advocates for social justice, environmentalism, and "a consistent life ethic" today.'
    doc = parsed(
        text,
        """
        The 1 det DET
        party 2 nsubj NOUN
        advocates 2 ROOT VERB advocate VBZ
        for 2 prep ADP
        social 5 amod ADJ
        justice 3 pobj NOUN
        , 5 punct PUNCT
        environmentalism 5 conj NOUN
        , 7 punct PUNCT
        and 7 cc CCONJ
        " 14 punct PUNCT
        a 14 det DET
        consistent 13 amod ADJ
        life 14 compound NOUN
        ethic 7 conj ADJ ethic JJ
        " 14 punct PUNCT
        today 2 npadvmod NOUN
        . 2 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["scare"]


def test_a_listed_quotation_with_a_verb_is_someones_words() -> None:
    # A clause in the list ("the stress I'm putting on my body") is a person's wording, not a term.
    text = 'She felt both excitement and "the stress I am putting on my body" that day.'
    doc = parsed(
        text,
        """
        She 1 nsubj PRON she PRP
        felt 1 ROOT VERB feel VBD
        both 3 preconj CCONJ
        excitement 1 dobj NOUN
        and 3 cc CCONJ
        " 7 punct PUNCT
        the 7 det DET
        stress 3 conj NOUN
        I 10 nsubj PRON I PRP
        am 10 aux AUX be VBP
        putting 7 relcl VERB put VBG
        on 10 prep ADP
        my 13 poss PRON my PRP$
        body 11 pobj NOUN
        " 7 punct PUNCT
        that 16 det DET
        day 1 npadvmod NOUN
        . 1 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["partial"]


def test_a_listed_quotation_someone_is_said_to_have_said_stays_theirs() -> None:
    # The list rule is asked only when nobody is found: a speech verb governing the list keeps
    # its subject's wording.
    text = 'The minister denounced corruption, nepotism, and "a culture of total impunity".'
    doc = parsed(
        text,
        """
        The 1 det DET
        minister 2 nsubj NOUN
        denounced 2 ROOT VERB denounce VBD
        corruption 2 dobj NOUN
        , 3 punct PUNCT
        nepotism 3 conj NOUN
        , 5 punct PUNCT
        and 5 cc CCONJ
        " 10 punct PUNCT
        a 10 det DET
        culture 5 conj NOUN
        of 10 prep ADP
        total 13 amod ADJ
        impunity 11 pobj NOUN
        " 10 punct PUNCT
        . 2 punct PUNCT
        """,
    )
    assert speakers(doc) == [said(text, "The minister", "minister")]
    assert kinds(doc) == ["partial"]
