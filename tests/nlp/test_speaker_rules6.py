"""Speaker rules of the sixth pass, written from the tuning batches, each on the parse the small
English model gives for the sentence (mistakes included), so the rule is tested without the model."""

from __future__ import annotations

from .parses import parsed
from .test_speaker_rules import said, speakers


def test_a_relative_object_named_by_the_quotation_is_the_subjects_wording() -> None:
    # "what the police declared a "…" attack": the quotation is the predicate the verb gives its
    # object, not a noun the verb merely reports, so the police said it.
    text = 'Officers shot him in what the police declared a "terrorist-related" attack.'
    doc = parsed(
        text,
        """
        Officers 1 nsubj NOUN officer NNS
        shot 1 ROOT VERB shoot
        him 1 dobj PRON
        in 1 prep ADP
        what 7 dobj PRON what WP
        the 6 det DET
        police 7 nsubj NOUN police NNS
        declared 3 pcomp VERB declare
        a 14 det DET
        " 14 punct PUNCT
        terrorist 12 npadvmod ADV terrorist RB
        - 12 punct PUNCT
        related 14 amod VERB relate VBN
        " 14 punct PUNCT
        attack 7 oprd NOUN
        . 1 punct PUNCT
        """,
    )
    assert speakers(doc) == [said(text, "the police", "police")]


def test_a_relative_object_the_verb_only_reports_still_gives_no_speaker() -> None:
    # "which the BBC noted" reports the noun; the quotation beside it is not the BBC's wording.
    text = 'The "emergency" law, which the BBC noted, passed.'
    doc = parsed(
        text,
        """
        The 4 det DET
        " 4 punct PUNCT
        emergency 4 compound NOUN
        " 4 punct PUNCT
        law 11 nsubj NOUN
        , 4 punct PUNCT
        which 9 dobj PRON which WDT
        the 8 det DET
        BBC 9 nsubj PROPN
        noted 4 relcl VERB note
        , 4 punct PUNCT
        passed 11 ROOT VERB pass
        . 11 punct PUNCT
        """,
        ORG=["BBC"],
    )
    assert speakers(doc) == [None]


def test_a_surname_resolves_to_the_full_name_the_model_tagged_short() -> None:
    # The model tags "Wanda Vázquez" and leaves her second surname "Garced" out of the entity;
    # "Vázquez said" later is still the full name the article gave.
    text = 'Wanda Vázquez Garced was sworn in. Vázquez said "I am ready."'
    doc = parsed(
        text,
        """
        Wanda 2 compound PROPN
        Vázquez 2 compound PROPN
        Garced 4 nsubjpass PROPN
        was 4 auxpass AUX be VBD
        sworn 4 ROOT VERB swear VBN
        in 4 prt ADP
        . 4 punct PUNCT
        Vázquez 8 nsubj PROPN
        said 8 ROOT VERB say
        " 8 punct PUNCT
        I 11 nsubj PRON
        am 8 ccomp AUX be VBP
        ready 11 acomp ADJ
        . 8 punct PUNCT
        " 8 punct PUNCT
        """,
        PERSON=["Wanda Vázquez", "Vázquez@1"],
    )
    assert speakers(doc) == [said(text, "Vázquez", "Wanda Vázquez Garced", nth=1)]


def test_a_pronoun_resolves_to_the_full_name_of_a_person_the_model_typed_org() -> None:
    # "study co-author Tak-Sing Wong" is tagged ORG and only the later "Wong" PERSON: the role
    # noun before the name says it is a person's, so "he" is Tak-Sing Wong, not "Wong".
    text = 'Co-author Tak-Sing Wong spoke. Wong is a professor. He said "it works."'
    doc = parsed(
        text,
        """
        Co 2 compound NOUN co
        - 2 punct PUNCT
        author 6 compound NOUN
        Tak 5 compound PROPN
        - 5 punct PUNCT
        Sing 6 compound PROPN
        Wong 7 nsubj PROPN
        spoke 7 ROOT VERB speak
        . 7 punct PUNCT
        Wong 10 nsubj PROPN
        is 10 ROOT AUX be
        a 12 det DET
        professor 10 attr NOUN
        . 10 punct PUNCT
        He 15 nsubj PRON
        said 15 ROOT VERB say
        " 15 punct PUNCT
        it 18 nsubj PRON
        works 15 ccomp VERB work VBZ
        . 15 punct PUNCT
        " 15 punct PUNCT
        """,
        ORG=["Tak-Sing Wong"],
        PERSON=["Wong@1"],
    )
    assert speakers(doc) == [said(text, "He", "Tak-Sing Wong")]


def test_a_role_keeps_the_body_it_comes_from() -> None:
    # "representatives from Iran" are not any representatives: as with "a spokesman for …",
    # the role is a speaker together with whom it represents.
    text = 'Representatives from Iran acknowledged it was "human error".'
    doc = parsed(
        text,
        """
        Representatives 3 nsubj NOUN representative NNS
        from 0 prep ADP
        Iran 1 pobj PROPN
        acknowledged 3 ROOT VERB acknowledge
        it 5 nsubj PRON
        was 3 ccomp AUX be VBD
        " 8 punct PUNCT
        human 8 amod ADJ
        error 5 attr NOUN
        " 8 punct PUNCT
        . 3 punct PUNCT
        """,
        GPE=["Iran"],
    )
    assert speakers(doc) == [said(text, "Representatives from Iran", "Representatives from Iran")]


def test_a_passive_names_its_speaker_in_a_by_phrase_hung_on_its_complement() -> None:
    # The parser hangs "by the World Health Organization" on "pandemic", not on "announced":
    # the passive still has its agent, who said it.
    text = 'COVID-19 was announced to be a "pandemic" by the World Health Organization.'
    doc = parsed(
        text,
        """
        COVID-19 2 nsubjpass NOUN
        was 2 auxpass AUX be VBD
        announced 2 ROOT VERB announce VBN
        to 4 aux PART
        be 2 xcomp AUX be VB
        a 7 det DET
        " 7 punct PUNCT
        pandemic 4 attr ADJ
        " 7 punct PUNCT
        by 7 prep ADP
        the 13 det DET
        World 13 compound PROPN
        Health 13 compound PROPN
        Organization 9 pobj PROPN
        . 2 punct PUNCT
        """,
        ORG=["World Health Organization"],
    )
    assert speakers(doc) == [said(text, "World Health Organization", "World Health Organization")]


def test_a_passive_by_phrase_of_a_thing_is_no_speaker() -> None:
    # "by far" is no agent: the naming stays nobody's.
    text = 'It was called the "best" by far.'
    doc = parsed(
        text,
        """
        It 2 nsubjpass PRON
        was 2 auxpass AUX be VBD
        called 2 ROOT VERB call VBN
        the 5 det DET
        " 5 punct PUNCT
        best 2 oprd ADJ
        " 5 punct PUNCT
        by 5 prep ADP
        far 7 pobj ADV
        . 2 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]


def test_by_with_a_gerund_is_a_means_so_the_noun_the_verb_hangs_on_spoke() -> None:
    # The parser makes "protested" a participle on "Members" and "by shouting" its agent; "by"
    # with a gerund is how they protested, so the members shouted the words.
    text = 'Members of the House protested by shouting "shame on you!" and left.'
    doc = parsed(
        text,
        """
        Members 14 nsubj NOUN member NNS
        of 0 prep ADP
        the 3 det DET
        House 1 pobj PROPN
        protested 0 acl VERB protest VBN
        by 4 agent ADP
        shouting 5 pcomp VERB shout VBG
        " 6 punct PUNCT
        shame 6 dobj NOUN
        on 8 prep ADP
        you 9 pobj PRON
        ! 0 punct PUNCT
        " 0 punct PUNCT
        and 0 cc CCONJ
        left 14 ROOT VERB leave
        . 14 punct PUNCT
        """,
        ORG=["House"],
    )
    assert speakers(doc) == [said(text, "Members of the House", "Members of the House")]


def test_some_of_a_group_speak_without_the_clause_that_picks_them_out() -> None:
    # "Some of the protesters Wikinews interviewed said": "some of" picks speakers out of a group
    # as "one of" does, and the relative clause saying which is no part of their name.
    text = 'Some of the protesters Wikinews interviewed said they came to "defend Europe".'
    doc = parsed(
        text,
        """
        Some 6 nsubj PRON some DT
        of 0 prep ADP
        the 3 det DET
        protesters 1 pobj NOUN protester NNS
        Wikinews 5 nsubj PROPN
        interviewed 3 relcl VERB interview
        said 6 ROOT VERB say
        they 8 nsubj PRON
        came 6 ccomp VERB come
        to 12 aux PART
        " 12 punct PUNCT
        defend 8 advcl VERB defend VB
        Europe 12 dobj PROPN
        " 12 punct PUNCT
        . 6 punct PUNCT
        """,
        ORG=["Wikinews"],
        LOC=["Europe"],
    )
    assert speakers(doc) == [said(text, "Some of the protesters", "Some of the protesters")]
