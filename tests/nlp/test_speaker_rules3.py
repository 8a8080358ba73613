"""Speaker rules added for the third quotation tuning batch, each on a hand-built parse of the
kind the small English model gives (mistakes included), so the rule is tested without the model."""

from __future__ import annotations

from .parses import parsed
from .test_speaker_rules import said, speakers


def test_a_subject_split_at_its_hyphens_keeps_the_name_beside_it() -> None:
    text = 'Study co-author and geochemist Seth John remarked, "Lava contains no nitrate."'
    doc = parsed(
        text,
        """
        Study 1 compound NOUN
        co 8 nsubj NOUN
        - 8 nsubj NOUN
        author 8 nsubj NOUN
        and 3 cc CCONJ
        geochemist 3 conj NOUN
        Seth 7 compound PROPN
        John 3 appos PROPN
        remarked 8 ROOT VERB remark
        , 8 punct PUNCT
        " 8 punct PUNCT
        Lava 12 nsubj NOUN
        contains 8 ccomp VERB contain VBZ
        no 14 det DET
        nitrate 12 dobj NOUN
        . 8 punct PUNCT
        " 8 punct PUNCT
        """,
        PERSON=["Seth John"],
    )
    assert speakers(doc) == [said(text, "Seth John", "Seth John")]


def test_a_role_noun_opening_the_sentence_is_no_part_of_the_name() -> None:
    text = 'Voter Kitty Mak told reporters, "Every little step matters."'
    doc = parsed(
        text,
        """
        Voter 2 compound PROPN
        Kitty 2 compound PROPN
        Mak 3 nsubj PROPN
        told 3 ROOT VERB tell
        reporters 3 dobj NOUN reporter NNS
        , 3 punct PUNCT
        " 3 punct PUNCT
        Every 9 det DET
        little 9 amod ADJ
        step 10 nsubj NOUN
        matters 3 ccomp VERB matter VBZ
        . 3 punct PUNCT
        " 3 punct PUNCT
        """,
        ORG=["Voter Kitty Mak"],
    )
    assert speakers(doc) == [said(text, "Kitty Mak", "Kitty Mak")]


def test_the_first_of_two_surnames_resolves_to_the_full_name() -> None:
    text = 'Ricardo Rosselló Nevares resigned. Rosselló said, "I leave today."'
    doc = parsed(
        text,
        """
        Ricardo 2 compound PROPN
        Rosselló 2 compound PROPN
        Nevares 3 nsubj PROPN
        resigned 3 ROOT VERB resign
        . 3 punct PUNCT
        Rosselló 6 nsubj PROPN
        said 6 ROOT VERB say
        , 6 punct PUNCT
        " 6 punct PUNCT
        I 10 nsubj PRON i
        leave 6 ccomp VERB leave VBP
        today 10 npadvmod NOUN
        . 6 punct PUNCT
        " 6 punct PUNCT
        """,
        PERSON=["Ricardo Rosselló Nevares", "Rosselló@1"],
    )
    assert speakers(doc) == [said(text, "Rosselló", "Ricardo Rosselló Nevares", nth=1)]


def test_you_in_an_interviewer_s_statement_is_the_interviewee() -> None:
    text = '((WN)) Earlier you wrote "the city is precious." Why?\n\n((Ana Silva)) It is.'
    doc = parsed(
        text,
        """
        (( 5 punct PUNCT
        WN 5 npadvmod PROPN
        )) 5 punct PUNCT
        Earlier 5 advmod ADV
        you 5 nsubj PRON you
        wrote 5 ROOT VERB write
        " 9 punct PUNCT
        the 8 det DET
        city 9 nsubj NOUN
        is 5 ccomp AUX be
        precious 9 acomp ADJ
        . 5 punct PUNCT
        " 5 punct PUNCT
        Why 13 ROOT ADV why WRB
        ? 13 punct PUNCT
        \\n\\n 14 dep SPACE
        (( 21 punct PUNCT
        Ana 18 compound PROPN
        Silva 21 npadvmod PROPN
        )) 21 punct PUNCT
        It 21 nsubj PRON it
        is 21 ROOT AUX be
        . 21 punct PUNCT
        """,
        PERSON=["Ana Silva"],
    )
    assert speakers(doc) == [said(text, "you", "Ana Silva")]


def test_you_in_an_interviewer_s_question_reports_nothing() -> None:
    text = '((WN)) Could you tell us about "Plan B"?\n\n((Ana Silva)) Yes.'
    doc = parsed(
        text,
        """
        (( 5 punct PUNCT
        WN 5 npadvmod PROPN
        )) 5 punct PUNCT
        Could 5 aux AUX could MD
        you 5 nsubj PRON you
        tell 5 ROOT VERB tell VB
        us 5 dobj PRON we
        about 5 prep ADP
        " 10 punct PUNCT
        Plan 10 compound PROPN
        B 7 pobj PROPN
        " 10 punct PUNCT
        ? 5 punct PUNCT
        \\n\\n 12 dep SPACE
        (( 18 punct PUNCT
        Ana 16 compound PROPN
        Silva 18 npadvmod PROPN
        )) 18 punct PUNCT
        Yes 18 ROOT INTJ yes UH
        . 18 punct PUNCT
        """,
        PERSON=["Ana Silva"],
    )
    assert speakers(doc) == [None]


def test_a_person_named_after_a_common_noun_is_the_speaker() -> None:
    text = 'A student named Wong said, "We never back down."'
    doc = parsed(
        text,
        """
        A 1 det DET
        student 4 nsubj NOUN
        named 1 acl VERB name VBN
        Wong 2 oprd PROPN
        said 4 ROOT VERB say
        , 4 punct PUNCT
        " 4 punct PUNCT
        We 9 nsubj PRON we
        never 9 neg ADV
        back 4 ccomp VERB back VBP
        down 9 prt ADP
        . 4 punct PUNCT
        " 4 punct PUNCT
        """,
        PERSON=["Wong"],
    )
    assert speakers(doc) == [said(text, "Wong", "Wong")]


def test_he_is_the_spokesperson_named_beside_the_role_whatever_the_model_called_the_name() -> None:
    text = (
        "NPR reported Adil Mahdi wanted troops out. "
        'A spokesperson, Morgan Ortagus, disagreed: "We await clarity," he said.'
    )
    doc = parsed(
        text,
        """
        NPR 1 nsubj PROPN
        reported 1 ROOT VERB report
        Adil 3 compound PROPN
        Mahdi 4 nsubj PROPN
        wanted 1 ccomp VERB want
        troops 4 dobj NOUN troop NNS
        out 4 prt ADP
        . 1 punct PUNCT
        A 9 det DET
        spokesperson 14 nsubj NOUN
        , 9 punct PUNCT
        Morgan 12 compound PROPN
        Ortagus 9 appos PROPN
        , 9 punct PUNCT
        disagreed 14 ROOT VERB disagree
        : 14 punct PUNCT
        " 18 punct PUNCT
        We 18 nsubj PRON we
        await 14 ccomp VERB await VBP
        clarity 18 dobj NOUN
        , 18 punct PUNCT
        " 18 punct PUNCT
        he 23 nsubj PRON he
        said 14 parataxis VERB say
        . 14 punct PUNCT
        """,
        ORG=["NPR", "Morgan Ortagus"],
        PERSON=["Adil Mahdi"],
    )
    assert speakers(doc) == [said(text, "he", "Morgan Ortagus")]


def test_he_is_not_the_subject_of_words_someone_else_reported() -> None:
    text = 'John Hutchinson questioned it, saying Caudipteryx might have flapped. "However," he told Science.'
    doc = parsed(
        text,
        """
        John 1 compound PROPN
        Hutchinson 2 nsubj PROPN
        questioned 2 ROOT VERB question
        it 2 dobj PRON
        , 2 punct PUNCT
        saying 2 advcl VERB say VBG
        Caudipteryx 9 nsubj PROPN
        might 9 aux AUX might MD
        have 9 aux AUX have VB
        flapped 5 ccomp VERB flap VBN
        . 2 punct PUNCT
        " 16 punct PUNCT
        However 16 advmod ADV
        , 16 punct PUNCT
        " 16 punct PUNCT
        he 16 nsubj PRON he
        told 16 ROOT VERB tell
        Science 16 dobj PROPN
        . 16 punct PUNCT
        """,
        PERSON=["John Hutchinson", "Caudipteryx"],
    )
    assert speakers(doc) == [said(text, "he", "John Hutchinson")]


def test_a_subject_that_cannot_speak_gives_way_to_its_speaker() -> None:
    text = 'Kay Ivey tweeted her reasoning saying, "I signed the law."'
    doc = parsed(
        text,
        """
        Kay 1 compound PROPN
        Ivey 2 nsubj PROPN
        tweeted 2 ROOT VERB tweet
        her 4 poss PRON her PRP$
        reasoning 5 nsubj NOUN
        saying 2 advcl VERB say VBG
        , 5 punct PUNCT
        " 5 punct PUNCT
        I 9 nsubj PRON i
        signed 5 ccomp VERB sign
        the 11 det DET
        law 9 dobj NOUN
        . 2 punct PUNCT
        " 2 punct PUNCT
        """,
        PERSON=["Kay Ivey"],
    )
    assert speakers(doc) == [said(text, "Kay Ivey", "Kay Ivey")]


def test_the_department_is_the_organisation_named_with_that_word() -> None:
    text = 'The California Department of Corrections met. The Department said, "An inmate was hurt."'
    doc = parsed(
        text,
        """
        The 2 det DET
        California 2 compound PROPN
        Department 5 nsubj PROPN
        of 2 prep ADP
        Corrections 3 pobj PROPN
        met 5 ROOT VERB meet
        . 5 punct PUNCT
        The 8 det DET
        Department 9 nsubj PROPN
        said 9 ROOT VERB say
        , 9 punct PUNCT
        " 9 punct PUNCT
        An 13 det DET
        inmate 15 nsubjpass NOUN
        was 15 auxpass AUX be
        hurt 9 ccomp VERB hurt VBN
        . 9 punct PUNCT
        " 9 punct PUNCT
        """,
        ORG=["The California Department of Corrections", "The Department"],
    )
    assert speakers(doc) == [said(text, "The Department", "California Department of Corrections")]


def test_part_of_a_statement_speaks_for_the_statement_s_owner() -> None:
    text = 'Judge Gray Miller arrived. Part of the judge\'s statement reads "the draft is unfair."'
    doc = parsed(
        text,
        """
        Judge 2 compound PROPN
        Gray 2 compound PROPN
        Miller 3 nsubj PROPN
        arrived 3 ROOT VERB arrive
        . 3 punct PUNCT
        Part 11 nsubj NOUN part
        of 5 prep ADP
        the 8 det DET
        judge 10 poss NOUN
        's 8 case PART 's POS
        statement 6 pobj NOUN
        reads 11 ROOT VERB read VBZ
        " 11 punct PUNCT
        the 14 det DET
        draft 15 nsubj NOUN
        is 11 ccomp AUX be
        unfair 15 acomp ADJ
        . 11 punct PUNCT
        " 11 punct PUNCT
        """,
        PERSON=["Gray Miller"],
    )
    assert speakers(doc) == [said(text, "the judge", "Gray Miller")]


def test_what_a_relative_clause_describes_as_a_quotation_is_its_subject_s_wording() -> None:
    text = 'China has a legal system, which the BBC describes as "marred by torture."'
    doc = parsed(
        text,
        """
        China 1 nsubj PROPN
        has 1 ROOT VERB have VBZ
        a 4 det DET
        legal 4 amod ADJ
        system 1 dobj NOUN
        , 4 punct PUNCT
        which 9 dobj PRON which WDT
        the 8 det DET
        BBC 9 nsubj PROPN
        describes 4 relcl VERB describe VBZ
        as 9 prep ADP
        " 12 punct PUNCT
        marred 10 pcomp VERB mar VBN
        by 12 agent ADP
        torture 13 pobj NOUN
        . 1 punct PUNCT
        " 1 punct PUNCT
        """,
        ORG=["BBC"],
    )
    assert speakers(doc) == [said(text, "BBC", "BBC")]


def test_be_like_introduces_spoken_words() -> None:
    text = '((WN)) What then?\n\n((Zara Kay)) And I was like, "Think about it."'
    doc = parsed(
        text,
        """
        (( 3 punct PUNCT
        WN 3 npadvmod PROPN
        )) 3 punct PUNCT
        What 3 ROOT PRON what WP
        then 3 advmod ADV
        ? 3 punct PUNCT
        \\n\\n 5 dep SPACE
        (( 13 punct PUNCT
        Zara 9 compound PROPN
        Kay 13 npadvmod PROPN
        )) 13 punct PUNCT
        And 13 cc CCONJ
        I 13 nsubj PRON i
        was 13 ROOT AUX be VBD
        like 13 prep ADP
        , 13 punct PUNCT
        " 17 punct PUNCT
        Think 13 ccomp VERB think VB
        about 17 prep ADP
        it 18 pobj PRON
        . 17 punct PUNCT
        " 17 punct PUNCT
        """,
        PERSON=["Zara Kay"],
    )
    assert speakers(doc) == [said(text, "I", "Zara Kay")]


def test_a_statement_read_after_the_quotation_speaks_for_whoever_released_it() -> None:
    text = 'Task Force released a statement. "No troops were hurt," read the statement.'
    doc = parsed(
        text,
        """
        Task 1 compound PROPN
        Force 2 nsubj PROPN
        released 2 ROOT VERB release
        a 4 det DET
        statement 2 dobj NOUN
        . 2 punct PUNCT
        " 13 punct PUNCT
        No 8 det DET
        troops 10 nsubjpass NOUN troop NNS
        were 10 auxpass AUX be
        hurt 13 ccomp VERB hurt VBN
        , 13 punct PUNCT
        " 13 punct PUNCT
        read 13 ROOT VERB read VBD
        the 15 det DET
        statement 13 dobj NOUN
        . 13 punct PUNCT
        """,
        ORG=["Task Force"],
    )
    assert speakers(doc) == [said(text, "Task Force", "Task Force")]


def test_a_name_the_model_ran_into_the_affiliation_after_it_ends_before_of() -> None:
    text = '"We feel healed," Crystal Bearing of the tribal office told the crowd.'
    doc = parsed(
        text,
        """
        " 2 punct PUNCT
        We 2 nsubj PRON we
        feel 12 ccomp VERB feel VBP
        healed 2 acomp ADJ
        , 12 punct PUNCT
        " 12 punct PUNCT
        Crystal 7 compound PROPN
        Bearing 12 nsubj PROPN
        of 7 prep ADP
        the 11 det DET
        tribal 11 amod ADJ
        office 8 pobj NOUN
        told 12 ROOT VERB tell
        the 14 det DET
        crowd 12 dobj NOUN
        . 12 punct PUNCT
        """,
        WORK_OF_ART=["Crystal Bearing of the tribal"],
    )
    assert speakers(doc) == [said(text, "Crystal Bearing", "Crystal Bearing")]
