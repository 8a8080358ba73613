"""Speaker rules of the seventh pass, written from the tuning batches, each on the parse the small
English model gives for the sentence (mistakes included), so the rule is tested without the model."""

from __future__ import annotations

from .parses import parsed
from .test_speaker_rules import kinds, said, speakers


def test_a_thing_called_by_a_bare_participle_has_a_name_nobody_said() -> None:
    # The model takes "called" for a finite verb hung on "hosting", which would credit the
    # university with the programme's name; a bare participle after a noun names the noun.
    text = 'The University of Cambridge was hosting a program at the hall called "Learning Together".'
    doc = parsed(
        text,
        """
        The 1 det DET
        University 5 nsubj PROPN
        of 1 prep ADP
        Cambridge 2 pobj PROPN
        was 5 aux AUX be VBD
        hosting 5 ROOT VERB host VBG
        a 7 det DET
        program 5 dobj NOUN
        at 7 prep ADP
        the 10 det DET
        hall 8 pobj NOUN
        called 5 advcl VERB call VBD
        " 13 punct PUNCT
        Learning 11 oprd VERB learn VBG
        Together 13 advmod ADV together RB
        " 11 punct PUNCT
        . 5 punct PUNCT
        """,
        ORG=["The University of Cambridge"],
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["scare"]


def test_a_naming_verb_with_its_own_object_is_still_the_subjects_wording() -> None:
    # "called it "…"": the verb has an object, so its subject is the one calling it that.
    text = 'The minister called it "unjust".'
    doc = parsed(
        text,
        """
        The 1 det DET
        minister 2 nsubj NOUN
        called 2 ROOT VERB call VBD
        it 2 dobj PRON
        " 5 punct PUNCT
        unjust 2 oprd ADJ
        " 5 punct PUNCT
        . 2 punct PUNCT
        """,
    )
    assert speakers(doc) == [said(text, "The minister", "minister")]


def test_a_quotation_qualifying_the_noun_after_it_is_a_term() -> None:
    # Four words woven into the sentence with nobody said to have said them would be partial;
    # between "the" and the noun they qualify they are the model's name.
    text = 'The territory is governed under the "one country, two systems" model.'
    doc = parsed(
        text,
        """
        The 1 det DET
        territory 3 nsubjpass NOUN
        is 3 auxpass AUX be VBZ
        governed 3 ROOT VERB govern VBN
        under 3 prep ADP
        the 8 det DET
        " 8 punct PUNCT
        one 8 nummod NUM
        country 4 pobj NOUN
        , 8 punct PUNCT
        two 11 nummod NUM
        systems 13 nmod NOUN system NNS
        " 11 punct PUNCT
        model 8 appos NOUN
        . 3 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["scare"]


def test_a_quotation_before_a_noun_of_time_qualifies_nothing() -> None:
    # "the "…" Saturday": the noun after the quotation says when, it is not what the words name.
    text = 'Crowds gathered for the "march for our lives and rights" Saturday.'
    doc = parsed(
        text,
        """
        Crowds 1 nsubj NOUN crowd NNS
        gathered 1 ROOT VERB gather VBD
        for 1 prep ADP
        the 5 det DET
        " 5 punct PUNCT
        march 2 pobj NOUN
        for 5 prep ADP
        our 8 poss PRON our PRP$
        lives 6 pobj NOUN life NNS
        and 8 cc CCONJ
        rights 8 conj NOUN right NNS
        " 5 punct PUNCT
        Saturday 1 npadvmod PROPN
        . 1 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["partial"]


PEOPLE_STARTED_TO_SAY = """
    {first} {head} {dep} {pos}
    people 2 nsubj NOUN people NNS
    started 10 ccomp VERB start VBD
    to 4 aux PART to TO
    say 2 xcomp VERB say VB
    , 4 punct PUNCT
    " 10 punct PUNCT
    well 10 intj INTJ well UH
    , 10 punct PUNCT
    you 10 nsubj PRON
    care 10 ROOT VERB care VBP
    about 10 prep ADP
    your 13 poss PRON your PRP$
    kids 11 pobj NOUN kid NNS
    . 10 punct PUNCT
    " 10 punct PUNCT
"""


def test_people_in_general_are_no_speaker() -> None:
    # An interviewee telling what people say: nobody the text names said it.
    text = 'Then people started to say, "well, you care about your kids."'
    doc = parsed(text, PEOPLE_STARTED_TO_SAY.format(first="Then", head=2, dep="advmod", pos="ADV"))
    assert speakers(doc) == [None]


def test_people_the_text_picks_out_still_speak() -> None:
    text = 'Some people started to say, "well, you care about your kids."'
    doc = parsed(text, PEOPLE_STARTED_TO_SAY.format(first="Some", head=1, dep="det", pos="DET"))
    assert speakers(doc) == [said(text, "Some people", "Some people")]


def test_words_people_in_general_said_are_said_and_no_one_else_s() -> None:
    # Short as it is, the quotation was said (direct, not scare), and the "I" who asks is not
    # who said it.
    text = 'Every time I ask, people are like, "Yeah, but..."'
    doc = parsed(
        text,
        """
        Every 1 det DET
        time 6 npadvmod NOUN
        I 3 nsubj PRON I PRP
        ask 1 relcl VERB ask VBP
        , 6 punct PUNCT
        people 6 nsubj NOUN people NNS
        are 6 ROOT AUX be VBP
        like 6 prep ADP like IN
        , 6 punct PUNCT
        " 6 punct PUNCT
        Yeah 6 intj INTJ yeah UH
        , 10 punct PUNCT
        but 6 cc CCONJ
        ... 6 punct PUNCT
        " 6 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["direct"]


def test_they_who_are_people_in_general_said_it_unnamed() -> None:
    # "they" stands for the people in general of the sentence before: still said, still no one's.
    text = 'People are like, "He is my god." And they are like, "Yeah, but..."'
    doc = parsed(
        text,
        """
        People 1 nsubj NOUN people NNS
        are 1 ROOT AUX be VBP
        like 1 prep ADP like IN
        , 1 punct PUNCT
        " 6 punct PUNCT
        He 6 nsubj PRON he PRP
        is 1 ccomp AUX be VBZ
        my 8 poss PRON my PRP$
        god 6 attr NOUN
        . 6 punct PUNCT
        " 6 punct PUNCT
        And 13 cc CCONJ
        they 13 nsubj PRON they PRP
        are 13 ROOT AUX be VBP
        like 13 prep ADP like IN
        , 13 punct PUNCT
        " 13 punct PUNCT
        Yeah 13 intj INTJ yeah UH
        , 17 punct PUNCT
        but 13 cc CCONJ
        ... 13 punct PUNCT
        " 13 punct PUNCT
        """,
    )
    assert speakers(doc) == [None, None]
    assert kinds(doc) == ["direct", "direct"]


def test_an_opening_participle_is_done_by_the_main_verbs_speaker() -> None:
    # The model hangs the name on the quotation as an apposition and leaves "told" without a
    # subject: "Calling" is done by whoever told Reuters, the name before the verb.
    text = 'Calling it as "just another apology", Anna Franowska, a campaigner, told Reuters "it was late".'
    doc = parsed(
        text,
        """
        Calling 15 advcl VERB call VBG
        it 0 dobj PRON
        as 0 prep ADP
        " 6 punct PUNCT
        just 6 advmod ADV
        another 6 det DET
        apology 2 pobj NOUN
        " 6 punct PUNCT
        , 6 punct PUNCT
        Anna 10 compound PROPN
        Franowska 6 appos PROPN
        , 10 punct PUNCT
        a 13 det DET
        campaigner 10 appos NOUN
        , 15 punct PUNCT
        told 15 ROOT VERB tell VBD
        Reuters 15 dobj PROPN
        " 19 punct PUNCT
        it 19 nsubj PRON
        was 15 ccomp AUX be VBD
        late 19 acomp ADJ
        " 19 punct PUNCT
        . 15 punct PUNCT
        """,
        PERSON=["Anna Franowska"],
        ORG=["Reuters"],
    )
    franowska = said(text, "Anna Franowska", "Anna Franowska")
    assert speakers(doc) == [franowska, franowska]
