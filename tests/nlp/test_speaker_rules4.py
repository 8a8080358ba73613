"""Speaker rules added for the fourth quotation tuning batch (the former held-out split), each on
the parse the small English model gives for the sentence (mistakes included), so the rule is
tested without the model."""

from __future__ import annotations

import pytest

from annotator.nlp import LoadedPipeline

from .parses import parsed
from .test_speaker_rules import said, speakers


def test_a_name_cut_to_its_surname_keeps_its_first_name_and_its_own_referent() -> None:
    text = 'Usman Khan stabbed two people. Mayor of London Sadiq Khan said, "We are in awe."'
    doc = parsed(
        text,
        """
        Usman 1 compound PROPN
        Khan 2 nsubj PROPN
        stabbed 2 ROOT VERB stab
        two 4 nummod NUM
        people 2 dobj NOUN people NNS
        . 2 punct PUNCT
        Mayor 11 nsubj PROPN
        of 6 prep ADP
        London 10 compound PROPN
        Sadiq 10 compound PROPN
        Khan 7 pobj PROPN
        said 11 ROOT VERB say
        , 11 punct PUNCT
        " 11 punct PUNCT
        We 15 nsubj PRON
        are 11 ccomp AUX be VBP
        in 15 prep ADP
        awe 16 pobj PROPN
        . 11 punct PUNCT
        " 11 punct PUNCT
        """,
        PERSON=["Usman Khan", "Khan@1"],
        GPE=["London"],
    )
    # Without the first name, "Khan" resolved to the first Khan of the article: the attacker.
    assert speakers(doc) == [said(text, "Sadiq Khan", "Sadiq Khan")]


def test_a_first_name_the_model_left_out_and_mistyped_is_part_of_the_name() -> None:
    text = 'Speaking to Reuters, an attendee Om Prakash said, "We drink it."'
    doc = parsed(
        text,
        """
        Speaking 8 advcl VERB speak VBG
        to 0 prep ADP
        Reuters 1 pobj PROPN
        , 2 punct PUNCT
        an 7 det DET
        attendee 7 compound NOUN
        Om 7 compound PROPN
        Prakash 8 nsubj PROPN
        said 8 ROOT VERB say
        , 8 punct PUNCT
        " 8 punct PUNCT
        We 12 nsubj PRON
        drink 8 ccomp VERB drink VBP
        it 12 dobj PRON
        . 8 punct PUNCT
        " 8 punct PUNCT
        """,
        ORG=["Reuters", "Prakash"],
    )
    assert speakers(doc) == [said(text, "Om Prakash", "Om Prakash")]


def test_a_hyphenated_first_name_is_part_of_the_name_whatever_the_parse() -> None:
    text = '"Protests are not a crime," director of Amnesty International Man-kei Tam said.'
    doc = parsed(
        text,
        """
        " 16 punct PUNCT
        Protests 2 nsubj NOUN protest NNS
        are 16 ccomp AUX be VBP
        not 2 neg PART
        a 5 det DET
        crime 2 attr NOUN
        , 8 punct PUNCT
        " 8 punct PUNCT
        director 2 attr NOUN
        of 8 prep ADP
        Amnesty 14 compound PROPN
        International 14 compound PROPN
        Man 14 compound PROPN
        - 14 punct PUNCT
        kei 9 pobj PROPN
        Tam 16 nsubj PROPN
        said 16 ROOT VERB say
        . 16 punct PUNCT
        """,
        ORG=["Amnesty International"],
        PERSON=["Tam"],
    )
    assert speakers(doc) == [said(text, "Man-kei Tam", "Man-kei Tam")]


@pytest.mark.model
def test_an_agency_is_not_run_into_the_name_of_its_director(model_pipeline: LoadedPipeline) -> None:
    doc = model_pipeline.nlp('"No," director of Amnesty International Man-kei Tam said.')
    # Alone, the model tags "Amnesty International Man-kei Tam" as one organisation.
    assert ("Amnesty International", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_an_acronym_that_spells_a_pronoun_is_a_name() -> None:
    text = 'The WHO said, "Wash your hands."'
    doc = parsed(
        text,
        """
        The 1 det DET
        WHO 2 nsubj PROPN
        said 2 ROOT VERB say
        , 2 punct PUNCT
        " 2 punct PUNCT
        Wash 2 xcomp VERB wash VB
        your 7 poss PRON your PRP$
        hands 5 dobj NOUN hand NNS
        . 2 punct PUNCT
        " 2 punct PUNCT
        """,
        ORG=["WHO"],
    )
    assert speakers(doc) == [said(text, "WHO", "WHO")]


def test_a_website_speaks_for_its_owner() -> None:
    text = 'The WHO\'s website said: "There is no cure."'
    doc = parsed(
        text,
        """
        The 1 det DET
        WHO 3 poss PROPN
        's 1 case PART 's POS
        website 4 nsubj NOUN
        said 4 ROOT VERB say
        : 4 punct PUNCT
        " 4 punct PUNCT
        There 8 expl PRON there EX
        is 4 ccomp VERB be VBZ
        no 10 det DET
        cure 8 attr NOUN
        . 4 punct PUNCT
        " 4 punct PUNCT
        """,
        ORG=["WHO"],
    )
    assert speakers(doc) == [said(text, "WHO", "WHO")]


def test_a_broadcaster_opening_the_sentence_is_no_part_of_the_name() -> None:
    text = 'Broadcaster Piers Morgan commented, "The guy is a chef."'
    doc = parsed(
        text,
        """
        Broadcaster 2 compound PROPN
        Piers 2 compound PROPN
        Morgan 3 nsubj PROPN
        commented 3 ROOT VERB comment
        , 3 punct PUNCT
        " 3 punct PUNCT
        The 7 det DET
        guy 9 nsubj NOUN
        is 3 ccomp AUX be VBZ
        a 11 det DET
        chef 9 attr NOUN
        . 3 punct PUNCT
        " 3 punct PUNCT
        """,
        PERSON=["Broadcaster Piers Morgan"],
    )
    assert speakers(doc) == [said(text, "Piers Morgan", "Piers Morgan")]


def test_a_religious_title_is_no_part_of_the_resolved_name() -> None:
    text = 'Swami Chakrapani organised the party. Chakrapani said, "It is an avatar."'
    doc = parsed(
        text,
        """
        Swami 1 compound PROPN
        Chakrapani 2 nsubj PROPN
        organised 2 ROOT VERB organise
        the 4 det DET
        party 2 dobj NOUN
        . 2 punct PUNCT
        Chakrapani 7 nsubj PROPN
        said 7 ROOT VERB say
        , 7 punct PUNCT
        " 7 punct PUNCT
        It 11 nsubj PRON
        is 7 ccomp AUX be VBZ
        an 13 det DET
        avatar 11 attr NOUN
        . 7 punct PUNCT
        " 7 punct PUNCT
        """,
        PERSON=["Swami Chakrapani", "Chakrapani@1"],
    )
    assert speakers(doc) == [said(text, "Chakrapani", "Chakrapani", nth=1)]


def test_a_hyphenated_role_before_a_surname_stays_out_of_the_name() -> None:
    text = 'Co-author Zhao said, "It flies."'
    doc = parsed(
        text,
        """
        Co 3 compound NOUN
        - 3 compound NOUN
        author 3 compound NOUN
        Zhao 4 nsubj PROPN
        said 4 ROOT VERB say
        , 4 punct PUNCT
        " 4 punct PUNCT
        It 8 nsubj PRON
        flies 4 ccomp VERB fly VBZ
        . 4 punct PUNCT
        " 4 punct PUNCT
        """,
        PERSON=["Zhao"],
    )
    assert speakers(doc) == [said(text, "Zhao", "Zhao")]
