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


def test_the_decision_read_is_the_ruling_its_court_issued() -> None:
    # The model takes past "read" for a participle on "decision" ("the decision (that was) read")
    # and makes "summary" a subject inside the quotation; the decision is the ruling the court
    # issued two sentences before, so the court is the speaker.
    text = (
        "The Supreme Court of the United Kingdom issued a ruling. It sat for three days. "
        'The summary of the decision read: "The advice was unlawful."'
    )
    doc = parsed(
        text,
        """
        The 2 det DET
        Supreme 2 compound PROPN
        Court 7 nsubj PROPN
        of 2 prep ADP
        the 6 det DET
        United 6 compound PROPN
        Kingdom 3 pobj PROPN
        issued 7 ROOT VERB issue VBD
        a 9 det DET
        ruling 7 dobj NOUN
        . 7 punct PUNCT
        It 12 nsubj PRON
        sat 12 ROOT VERB sit VBD
        for 12 prep ADP
        three 15 nummod NUM
        days 13 pobj NOUN day NNS
        . 12 punct PUNCT
        The 18 det DET
        summary 27 nsubj NOUN
        of 18 prep ADP
        the 21 det DET
        decision 19 pobj NOUN
        read 21 acl VERB read VBN
        : 18 punct PUNCT
        " 27 punct PUNCT
        The 26 det DET
        advice 27 nsubj NOUN
        was 27 ROOT AUX be VBD
        unlawful 27 acomp ADJ
        . 27 punct PUNCT
        " 27 punct PUNCT
        """,
        ORG=["The Supreme Court of the United Kingdom"],
    )
    assert speakers(doc) == [
        said(text, "The Supreme Court of the United Kingdom", "Supreme Court of the United Kingdom")
    ]


def test_a_document_named_before_by_a_nameless_owner_gives_no_speaker() -> None:
    # "The comments" are the ones shared before, "of their own": a nameless user's, so the
    # quotation has no speaker to show (not "their own").
    text = 'A user shared an article with comments of their own. The comments called her a "corrupt oaf".'
    doc = parsed(
        text,
        """
        A 1 det DET
        user 2 nsubj NOUN
        shared 2 ROOT VERB share VBD
        an 4 det DET
        article 2 dobj NOUN
        with 2 prep ADP
        comments 5 pobj NOUN comment NNS
        of 6 prep ADP
        their 9 poss PRON their PRP$
        own 7 pobj ADJ own JJ
        . 2 punct PUNCT
        The 12 det DET
        comments 13 nsubj NOUN comment NNS
        called 13 ROOT VERB call VBD
        her 13 dobj PRON
        a 18 det DET
        " 18 punct PUNCT
        corrupt 18 amod ADJ
        oaf 13 oprd NOUN
        " 18 punct PUNCT
        . 13 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]
