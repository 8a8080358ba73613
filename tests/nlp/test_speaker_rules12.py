"""Speaker rules of the twelfth pass, written from failures of the behavioural checklist
(benchmarks/checklist_speakers.py), each on the parse the small English model gives for a
made-up sentence of the same shape, so the rule is tested without the model."""

from __future__ import annotations

from .parses import at, parsed
from .test_speaker_rules import said, speakers


def test_a_short_quotation_standing_as_its_own_sentence_is_said() -> None:
    # Three words or fewer read as a term, so the second quotation was never given the speaker
    # of the sentence before; standing alone as a whole sentence, it is her next utterance.
    text = '"We will not back down," Fatima Hassan added. "Families deserve answers."'
    doc = parsed(
        text,
        """
        " 10 punct PUNCT " ``
        We 4 nsubj PRON we PRP
        will 4 aux AUX will MD
        not 4 neg PART not RB
        back 10 ccomp VERB back VB
        down 4 prt ADP down RP
        , 10 punct PUNCT , ,
        " 10 punct PUNCT " ''
        Fatima 9 compound PROPN Fatima NNP
        Hassan 10 nsubj PROPN Hassan NNP
        added 10 ROOT VERB add VBD
        . 10 punct PUNCT . .
        " 14 punct PUNCT " ``
        Families 14 nsubj NOUN family NNS
        deserve 14 ROOT VERB deserve VBP
        answers 14 dobj NOUN answer NNS
        . 14 punct PUNCT . .
        " 14 punct PUNCT " ''
        """,
        PERSON=["Fatima Hassan"],
    )
    assert speakers(doc) == [at(text, "Fatima Hassan"), at(text, "Fatima Hassan")]


def test_a_short_quotation_inside_a_sentence_is_still_no_ones() -> None:
    # The same few words as a term within the writer's sentence stay a scare quote.
    text = 'Fatima Hassan added a line. The "open door" policy ended.'
    doc = parsed(
        text,
        """
        Fatima 1 compound PROPN Fatima NNP
        Hassan 2 nsubj PROPN Hassan NNP
        added 2 ROOT VERB add VBD
        a 4 det DET a DT
        line 2 dobj NOUN line NN
        . 2 punct PUNCT . .
        The 12 det DET the DT
        " 11 punct PUNCT " ``
        open 10 amod ADJ open JJ
        door 11 compound NOUN door NN
        " 11 punct PUNCT " ''
        policy 12 nsubj NOUN policy NN
        ended 12 ROOT VERB end VBD
        . 12 punct PUNCT . .
        """,
        PERSON=["Fatima Hassan"],
    )
    assert speakers(doc) == [None]


_VOLKOV_ROWS = """
        " 10 punct PUNCT " ``
        We 4 nsubj PRON we PRP
        will 4 aux AUX will MD
        not 4 neg PART not RB
        back 10 ccomp VERB back VB
        down 4 prt ADP down RP
        , 10 punct PUNCT , ,
        " 10 punct PUNCT " ''
        Dmitri 9 compound PROPN Dmitri NNP
        Volkov 10 nsubj PROPN Volkov NNP
        said 10 ROOT VERB say VBD
        . 10 punct PUNCT . .
"""

_MUCH_TO_DO_ROWS = """
        " {root} punct PUNCT " ``
        There {root} expl PRON there EX
        is {root} ROOT VERB be VBZ
        still {root} advmod ADV still RB
        much {root} attr ADJ much JJ
        to {do} aux PART to TO
        do {much} relcl VERB do VB
        . {root} punct PUNCT . .
        " {root} punct PUNCT " ''
"""


def _much_to_do(first: int) -> str:
    return _MUCH_TO_DO_ROWS.format(root=first + 2, much=first + 4, do=first + 6)


def test_a_paragraph_that_is_a_quotation_alone_goes_on_with_the_last_speaker() -> None:
    # News runs one speaker's words over paragraphs; a quotation with no verb near it, alone in
    # the paragraph after a quotation of Volkov's, is his.
    text = '"We will not back down," Dmitri Volkov said.\n\n"There is still much to do."'
    doc = parsed(
        text,
        _VOLKOV_ROWS + "        \\n\\n 11 dep SPACE \\n\\n _SP\n" + _much_to_do(13),
        PERSON=["Dmitri Volkov"],
    )
    assert speakers(doc) == [at(text, "Dmitri Volkov"), at(text, "Dmitri Volkov")]


def test_a_person_named_after_the_last_quotation_ends_its_speakers_paragraphs() -> None:
    text = (
        '"We will not back down," Dmitri Volkov said. Anna Kowal disagreed.\n\n"There is still much to do."'
    )
    doc = parsed(
        text,
        _VOLKOV_ROWS
        + """
        Anna 13 compound PROPN Anna NNP
        Kowal 14 nsubj PROPN Kowal NNP
        disagreed 14 ROOT VERB disagree VBD
        . 14 punct PUNCT . .
        \\n\\n 15 dep SPACE \\n\\n _SP
        """
        + _much_to_do(17),
        PERSON=["Dmitri Volkov", "Anna Kowal"],
    )
    assert speakers(doc) == [at(text, "Dmitri Volkov"), None]


def _sharma_rows(subject: str, pos: str, tag: str) -> str:
    return f"""
        Arvind 2 compound PROPN Arvind NNP
        Kumar 2 compound PROPN Kumar NNP
        Sharma 3 nsubj PROPN Sharma NNP
        met 3 ROOT VERB meet VBD
        officials 3 dobj NOUN official NNS
        . 3 punct PUNCT . .
        " 15 punct PUNCT " ``
        This 8 nsubj PRON this DT
        is 15 ccomp AUX be VBZ
        a 11 det DET a DT
        difficult 11 amod ADJ difficult JJ
        day 8 attr NOUN day NN
        , 15 punct PUNCT , ,
        " 15 punct PUNCT " ''
        {subject} 15 nsubj {pos} {subject.lower()} {tag}
        said 15 ROOT VERB say VBD
        . 15 punct PUNCT . .
        """


def test_a_surname_resolves_to_the_first_name_the_model_left_out() -> None:
    # The model tags "Kumar Sharma" of "Arvind Kumar Sharma"; the parse joins "Arvind" to it.
    text = 'Arvind Kumar Sharma met officials. "This is a difficult day," Sharma said.'
    doc = parsed(text, _sharma_rows("Sharma", "PROPN", "NNP"), PERSON=["Kumar Sharma", "Sharma@1"])
    assert speakers(doc) == [said(text, "Sharma", "Arvind Kumar Sharma", 1)]


def test_a_pronoun_resolves_to_the_whole_name_of_a_person_tagged_in_part() -> None:
    text = 'Arvind Kumar Sharma met officials. "This is a difficult day," he said.'
    doc = parsed(text, _sharma_rows("he", "PRON", "PRP"), PERSON=["Kumar Sharma"])
    assert speakers(doc) == [said(text, "he", "Arvind Kumar Sharma")]


def test_a_verb_the_model_tagged_into_a_name_is_no_part_of_it() -> None:
    # The model tags "Amina Mohammed explained" as one person after the quotation.
    text = '"We will not back down," Amina Mohammed explained.'
    doc = parsed(
        text,
        """
        " 10 punct PUNCT " ``
        We 4 nsubj PRON we PRP
        will 4 aux AUX will MD
        not 4 neg PART not RB
        back 10 ccomp VERB back VB
        down 4 prt ADP down RP
        , 10 punct PUNCT , ,
        " 10 punct PUNCT " ''
        Amina 9 compound PROPN Amina NNP
        Mohammed 10 nsubj PROPN Mohammed NNP
        explained 10 ROOT VERB explain VBD
        . 10 punct PUNCT . .
        """,
        PERSON=["Amina Mohammed explained"],
    )
    assert speakers(doc) == [at(text, "Amina Mohammed")]


def test_a_surname_resolves_to_the_full_name_the_model_typed_as_an_organisation() -> None:
    # The model types "Oleksandr Petrenko" ORG and the later "Petrenko" PERSON: the person who
    # speaks by that surname is the one the full name names.
    text = 'Oleksandr Petrenko met officials. "This is a difficult day," Petrenko said.'
    doc = parsed(
        text,
        """
        Oleksandr 1 compound PROPN Oleksandr NNP
        Petrenko 2 nsubj PROPN Petrenko NNP
        met 2 ROOT VERB meet VBD
        officials 2 dobj NOUN official NNS
        . 2 punct PUNCT . .
        " 14 punct PUNCT " ``
        This 7 nsubj PRON this DT
        is 14 ccomp AUX be VBZ
        a 10 det DET a DT
        difficult 10 amod ADJ difficult JJ
        day 7 attr NOUN day NN
        , 14 punct PUNCT , ,
        " 14 punct PUNCT " ''
        Petrenko 14 nsubj PROPN Petrenko NNP
        said 14 ROOT VERB say VBD
        . 14 punct PUNCT . .
        """,
        ORG=["Oleksandr Petrenko"],
        PERSON=["Petrenko@1"],
    )
    assert speakers(doc) == [said(text, "Petrenko", "Oleksandr Petrenko", 1)]


def test_a_document_whose_verb_is_read_as_a_noun_speaks_for_its_owner() -> None:
    # The tagger takes "read" for a noun that "post" qualifies and hangs the owner on it; the
    # whole phrase was the speaker.
    text = 'Eleanor Shaw\'s post read: "We have asked for an independent inquiry."'
    doc = parsed(
        text,
        """
        Eleanor 1 compound PROPN Eleanor NNP
        Shaw 4 poss PROPN Shaw NNP
        's 1 case PART 's POS
        post 4 compound NOUN post NN
        read 4 ROOT NOUN read NN
        : 4 punct PUNCT : :
        " 4 punct PUNCT " ``
        We 9 nsubj PRON we PRP
        have 9 aux AUX have VBP
        asked 4 ccomp VERB ask VBN
        for 9 prep ADP for IN
        an 13 det DET an DT
        independent 13 amod ADJ independent JJ
        inquiry 10 pobj NOUN inquiry NN
        . 4 punct PUNCT . .
        " 4 punct PUNCT " ''
        """,
        PERSON=["Eleanor Shaw"],
    )
    assert speakers(doc) == [at(text, "Eleanor Shaw")]


def test_a_name_the_model_split_into_two_people_is_one_name() -> None:
    # The model tags "Arvind" and "Kumar Sharma" as two people; the parse joins them, and the
    # archbishop is the one person the whole name names.
    text = 'Archbishop Arvind Kumar Sharma met officials. "This is a difficult day," the archbishop said.'
    doc = parsed(
        text,
        """
        Archbishop 3 compound PROPN Archbishop NNP
        Arvind 3 compound PROPN Arvind NNP
        Kumar 3 compound PROPN Kumar NNP
        Sharma 4 nsubj PROPN Sharma NNP
        met 4 ROOT VERB meet VBD
        officials 4 dobj NOUN official NNS
        . 4 punct PUNCT . .
        " 17 punct PUNCT " ``
        This 9 nsubj PRON this DT
        is 17 ccomp AUX be VBZ
        a 12 det DET a DT
        difficult 12 amod ADJ difficult JJ
        day 9 attr NOUN day NN
        , 17 punct PUNCT , ,
        " 17 punct PUNCT " ''
        the 16 det DET the DT
        archbishop 17 nsubj NOUN archbishop NN
        said 17 ROOT VERB say VBD
        . 17 punct PUNCT . .
        """,
        PERSON=["Arvind", "Kumar Sharma"],
    )
    assert speakers(doc) == [said(text, "the archbishop", "Arvind Kumar Sharma")]
