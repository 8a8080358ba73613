"""Speaker rules of the eleventh pass, written from misses in the sixth tuning batch (NewsSD-ENG
news sentences), each on the parse the small English model gives for a made-up sentence of the
same shape (mistakes included), so the rule is tested without the model."""

from __future__ import annotations

from annotator.nlp.speakers import normalise_name

from .parses import parsed
from .test_speaker_rules import said, speakers


def test_a_title_read_as_a_proper_noun_is_named_with_whose_title_it_is() -> None:
    # The tagger calls "Secretary" a proper noun though no entity covers it: it is a role, and
    # "the Secretary" alone names nobody; the whole phrase does.
    text = 'The Secretary of the Treasury said: "Taxes will rise."'
    doc = parsed(
        text,
        """
        The 1 det DET the DT
        Secretary 5 nsubj PROPN Secretary NNP
        of 1 prep ADP of IN
        the 4 det DET the DT
        Treasury 2 pobj PROPN Treasury NNP
        said 5 ROOT VERB say VBD
        : 5 punct PUNCT : :
        " 5 punct PUNCT " ``
        Taxes 10 nsubj NOUN taxis NNS
        will 10 aux AUX will MD
        rise 5 ccomp VERB rise VB
        . 5 punct PUNCT . .
        " 5 punct PUNCT " ''
        """,
        ORG=["Treasury", "Taxes"],
    )
    assert speakers(doc) == [said(text, "The Secretary of the Treasury", "Secretary of the Treasury")]


def test_a_title_is_taken_off_a_name_only_before_a_capitalised_name() -> None:
    # The title pattern ignores case, and so took "secretary" off "the secretary of the Des
    # Moines Bureau" as if a name followed, leaving "of the Des Moines Bureau".
    assert normalise_name("the secretary of the Des Moines Bureau") == "secretary of the Des Moines Bureau"
    assert normalise_name("Secretary of the Treasury") == "Secretary of the Treasury"
    assert normalise_name("Secretary Jane Roe") == "Jane Roe"
    assert normalise_name("secretary Jane Roe") == "Jane Roe"


def test_a_second_who_clause_hung_on_a_thing_describes_the_first_ones_person() -> None:
    # "a man who praised tax cuts for the UK, who this time called Britain "…"": the parser hangs
    # the second clause on "UK", and climbing out of the preposition lands on "cuts", a thing;
    # both clauses are about the man, who is Jan Kowal.
    text = (
        "One of the guests was former judge Jan Kowal, a man who previously praised tax cuts for "
        'the UK, who this time called Britain "a den of thieves."'
    )
    doc = parsed(
        text,
        """
        One 4 nsubj NUM one CD
        of 0 prep ADP of IN
        the 3 det DET the DT
        guests 1 pobj NOUN guest NNS
        was 4 ROOT AUX be VBD
        former 6 amod ADJ former JJ
        judge 8 compound NOUN judge NN
        Jan 8 compound PROPN Jan NNP
        Kowal 4 attr PROPN Kowal NNP
        , 8 punct PUNCT , ,
        a 11 det DET a DT
        man 8 appos NOUN man NN
        who 14 nsubj PRON who WP
        previously 14 advmod ADV previously RB
        praised 11 relcl VERB praise VBD
        tax 16 compound NOUN tax NN
        cuts 14 dobj NOUN cut NNS
        for 16 prep ADP for IN
        the 19 det DET the DT
        UK 17 pobj PROPN UK NNP
        , 19 punct PUNCT , ,
        who 24 nsubj PRON who WP
        this 23 det DET this DT
        time 24 npadvmod NOUN time NN
        called 19 relcl VERB call VBD
        Britain 24 dobj PROPN Britain NNP
        " 28 punct PUNCT " ``
        a 28 det DET a DT
        den 24 oprd NOUN den NN
        of 28 prep ADP of IN
        thieves 29 pobj NOUN thief NNS
        . 4 punct PUNCT . .
        " 4 punct PUNCT " ''
        """,
        CARDINAL=["One"],
        PERSON=["Jan Kowal"],
        GPE=["UK", "Britain"],
    )
    assert speakers(doc) == [said(text, "Jan Kowal", "Jan Kowal")]


def test_a_warrant_speaks_for_the_body_named_on_it() -> None:
    # A warrant is a document: "The FBI warrants note" is the FBI's wording, not a speaker
    # called "FBI warrants".
    text = 'The FBI warrants note that, "Ann Lee wrote checks."'
    doc = parsed(
        text,
        """
        The 2 det DET the DT
        FBI 2 compound PROPN FBI NNP
        warrants 3 nsubj NOUN warrant NNS
        note 3 ROOT VERB note VBP
        that 9 mark SCONJ that IN
        , 9 punct PUNCT , ,
        " 9 punct PUNCT " ``
        Ann 8 compound PROPN Ann NNP
        Lee 9 nsubj PROPN Lee NNP
        wrote 3 ccomp VERB write VBD
        checks 9 dobj NOUN check NNS
        . 3 punct PUNCT . .
        " 3 punct PUNCT " ''
        """,
        ORG=["FBI"],
        PERSON=["Ann Lee"],
    )
    assert speakers(doc) == [said(text, "FBI", "FBI")]


def test_proclaimed_reports_words() -> None:
    text = 'Ann Lee spoke. This is what she meant when she proclaimed that "firms must earn trust."'
    doc = parsed(
        text,
        """
        Ann 1 compound PROPN Ann NNP
        Lee 2 nsubj PROPN Lee NNP
        spoke 2 ROOT VERB speak VBD
        . 2 punct PUNCT . .
        This 5 nsubj PRON this DT
        is 5 ROOT AUX be VBZ
        what 8 dobj PRON what WP
        she 8 nsubj PRON she PRP
        meant 5 ccomp VERB mean VBD
        when 11 advmod SCONJ when WRB
        she 11 nsubj PRON she PRP
        proclaimed 5 advcl VERB proclaim VBD
        that 16 mark SCONJ that IN
        " 16 punct PUNCT " ``
        firms 16 nsubj NOUN firm NNS
        must 16 aux AUX must MD
        earn 11 ccomp VERB earn VB
        trust 16 dobj NOUN trust NN
        . 5 punct PUNCT . .
        " 5 punct PUNCT " ''
        """,
        PERSON=["Ann Lee"],
    )
    assert speakers(doc) == [said(text, "she", "Ann Lee", 1)]


def test_a_share_of_people_in_a_poll_is_who_said_it() -> None:
    # "62 percent" is a number to the model, and a number is no speaker; a share of nurses is
    # nurses, as "one of the nurses" is one of them.
    text = 'In a new survey, 62 percent of nurses said work was "getting much harder" this year.'
    doc = parsed(
        text,
        """
        In 9 prep ADP in IN
        a 3 det DET a DT
        new 3 amod ADJ new JJ
        survey 0 pobj NOUN survey NN
        , 9 punct PUNCT , ,
        62 6 nummod NUM 62 CD
        percent 9 nsubj NOUN percent NN
        of 6 prep ADP of IN
        nurses 7 pobj NOUN nurse NNS
        said 9 ROOT VERB say VBD
        work 13 nsubj NOUN work NN
        was 13 aux AUX be VBD
        " 13 punct PUNCT " ``
        getting 9 ccomp VERB get VBG
        much 15 advmod ADV much RB
        harder 13 acomp ADJ hard JJR
        " 13 punct PUNCT " ''
        this 18 det DET this DT
        year 13 npadvmod NOUN year NN
        . 9 punct PUNCT . .
        """,
        PERCENT=["62 percent"],
        DATE=["this year"],
    )
    assert speakers(doc) == [said(text, "62 percent of nurses", "62 percent of nurses")]


def test_a_share_of_things_is_no_speaker() -> None:
    text = 'In a new survey, 62 percent of firms said work was "getting much harder" this year.'
    doc = parsed(
        text,
        """
        In 9 prep ADP in IN
        a 3 det DET a DT
        new 3 amod ADJ new JJ
        survey 0 pobj NOUN survey NN
        , 9 punct PUNCT , ,
        62 6 nummod NUM 62 CD
        percent 9 nsubj NOUN percent NN
        of 6 prep ADP of IN
        firms 7 pobj NOUN firm NNS
        said 9 ROOT VERB say VBD
        work 13 nsubj NOUN work NN
        was 13 aux AUX be VBD
        " 13 punct PUNCT " ``
        getting 9 ccomp VERB get VBG
        much 15 advmod ADV much RB
        harder 13 acomp ADJ hard JJR
        " 13 punct PUNCT " ''
        this 18 det DET this DT
        year 13 npadvmod NOUN year NN
        . 9 punct PUNCT . .
        """,
        PERCENT=["62 percent"],
        DATE=["this year"],
    )
    assert speakers(doc) == [None]


_CALLED_LIABILITY = """
    The 1 det DET the DT
    Spectator 3 nsubj PROPN Spectator NNP
    has 3 aux AUX have VBZ
    called 3 ROOT VERB call VBN
    limited 5 amod ADJ limited JJ
    liability 3 dobj NOUN liability NN
    " 5 punct PUNCT " ``
"""


def test_what_the_subject_called_the_object_is_its_wording_not_a_name() -> None:
    # The model hangs the quotation on the object as an apposition, as for "his event, "Storm
    # Area 51"", a name nobody said; with no comma between them and in plain words, it is the
    # Spectator's judgement of limited liability.
    text = 'The Spectator has called limited liability "one of man\'s finest ideas".'
    doc = parsed(
        text,
        _CALLED_LIABILITY
        + """
        one 5 appos NUM one CD
        of 7 prep ADP of IN
        man 12 poss NOUN man NN
        's 9 case PART 's POS
        finest 12 amod ADJ fine JJS
        ideas 8 pobj NOUN idea NNS
        " 3 punct PUNCT " ''
        . 3 punct PUNCT . .
        """,
        CARDINAL=["one"],
        ORG=["Spectator"],
    )
    assert speakers(doc) == [said(text, "Spectator", "Spectator")]


def test_a_title_case_name_given_to_the_object_stays_a_name() -> None:
    text = 'The Spectator has called limited liability "One Great Modern Invention".'
    doc = parsed(
        text,
        _CALLED_LIABILITY
        + """
        One 10 nummod NUM one CD
        Great 10 compound PROPN Great NNP
        Modern 10 compound PROPN Modern NNP
        Invention 5 appos PROPN Invention NNP
        " 3 punct PUNCT " ''
        . 3 punct PUNCT . .
        """,
        CARDINAL=["One"],
        ORG=["Spectator"],
    )
    assert speakers(doc) == [None]


def test_being_denied_a_thing_reports_no_words() -> None:
    # "deny" reports words ("the claims were denied"), but a passive "denied the right" is a thing
    # refused: with no agent it made the quotations under it said by someone the text does not
    # name, hiding the one who complained.
    text = (
        'After the grant ended, Better Meals Now complained that "small kitchens" were being denied '
        'the right to cook "fresh food".'
    )
    doc = parsed(
        text,
        """
        After 3 mark SCONJ after IN
        the 2 det DET the DT
        grant 3 nsubj NOUN grant NN
        ended 8 advcl VERB end VBD
        , 8 punct PUNCT , ,
        Better 6 compound PROPN Better NNP
        Meals 8 nsubj PROPN Meals NNPS
        Now 8 advmod ADV now RB
        complained 8 ROOT VERB complain VBD
        that 16 mark SCONJ that IN
        " 16 punct PUNCT " ``
        small 12 amod ADJ small JJ
        kitchens 16 nsubjpass NOUN kitchen NNS
        " 12 punct PUNCT " ''
        were 16 aux AUX be VBD
        being 16 auxpass AUX be VBG
        denied 8 ccomp VERB deny VBN
        the 18 det DET the DT
        right 16 dobj NOUN right NN
        to 20 aux PART to TO
        cook 18 acl VERB cook VB
        " 23 punct PUNCT " ``
        fresh 23 amod ADJ fresh JJ
        food 20 dobj NOUN food NN
        " 16 punct PUNCT " ''
        . 8 punct PUNCT . .
        """,
        ORG=["Better Meals Now"],
    )
    speaker = said(text, "Better Meals Now", "Better Meals Now")
    assert speakers(doc) == [speaker, speaker]
