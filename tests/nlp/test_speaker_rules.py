"""Speaker rules on hand-parsed sentences: each parse is what the small English model gives
for such a sentence (or a simplified form of it), so the rule is tested without the model."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from annotator.core.model import PipelineInfo, Speaker
from annotator.nlp import LoadedPipeline, analyse_doc
from annotator.nlp.quotes import find_quotes
from annotator.nlp.speakers import find_speakers, speech_lemma

from .parses import at, nth_start, parsed, surface_doc


def speakers(doc: Doc) -> list[Speaker | None]:
    quotes = find_quotes(doc.text)
    assert quotes
    return find_speakers(doc, quotes)


def said(text: str, mention: str, name: str, nth: int = 0) -> Speaker:
    """The speaker whose mention is the nth occurrence of `mention`, resolved to `name`."""
    start = nth_start(text, mention, nth)
    return Speaker(start, start + len(mention), name)


def kinds(doc: Doc) -> list[str]:
    return [q.kind.value for q in analyse_doc(doc, PipelineInfo("test", "0")).quotes]


def test_passive_speech_verb_names_the_speaker_in_its_agent() -> None:
    text = 'Jan Nowak arrived. He was told by Anna Kowal that "forty homes were lost tonight".'
    doc = parsed(
        text,
        """
        Jan 1 compound PROPN
        Nowak 2 nsubj PROPN
        arrived 2 ROOT VERB arrive
        . 2 punct PUNCT
        He 6 nsubjpass PRON he
        was 6 auxpass AUX be
        told 6 ROOT VERB tell
        by 6 agent ADP
        Anna 9 compound PROPN
        Kowal 7 pobj PROPN
        that 15 mark SCONJ
        " 15 punct PUNCT
        forty 13 nummod NUM
        homes 15 nsubjpass NOUN home
        were 15 auxpass AUX be
        lost 6 ccomp VERB lose
        tonight 15 npadvmod NOUN
        " 15 punct PUNCT
        . 6 punct PUNCT
        """,
        PERSON=["Jan Nowak", "Anna Kowal"],
    )
    assert speakers(doc) == [at(text, "Anna Kowal")]


def test_subject_of_passive_tell_heard_the_words_and_is_no_speaker() -> None:
    text = 'Jan Nowak arrived. He was told "forty homes were lost tonight".'
    doc = parsed(
        text,
        """
        Jan 1 compound PROPN
        Nowak 2 nsubj PROPN
        arrived 2 ROOT VERB arrive
        . 2 punct PUNCT
        He 6 nsubjpass PRON he
        was 6 auxpass AUX be
        told 6 ROOT VERB tell
        " 12 punct PUNCT
        forty 9 nummod NUM
        homes 12 nsubjpass NOUN home
        were 12 auxpass AUX be
        lost 6 ccomp VERB lose
        tonight 12 npadvmod NOUN
        " 12 punct PUNCT
        . 6 punct PUNCT
        """.replace(" 12 ", " 11 "),
        PERSON=["Jan Nowak"],
    )
    assert speakers(doc) == [None]


def test_verb_opening_its_sentence_has_the_speaker_after_it() -> None:
    text = 'Remarked scientist Tierra Curry, "This reprieve is a gift from the butterflies."'
    doc = parsed(
        text,
        """
        Remarked 1 amod VERB remark
        scientist 3 compound NOUN
        Tierra 3 compound PROPN
        Curry 3 ROOT PROPN
        , 3 punct PUNCT
        " 8 punct PUNCT
        This 7 det DET
        reprieve 8 nsubj NOUN
        is 3 appos AUX be
        a 10 det DET
        gift 8 attr NOUN
        from 10 prep ADP
        the 13 det DET
        butterflies 11 pobj NOUN butterfly
        . 8 punct PUNCT
        " 8 punct PUNCT
        """,
        PERSON=["Remarked scientist", "Tierra Curry"],
    )
    assert speakers(doc) == [at(text, "Tierra Curry")]


def test_according_to_prefers_the_person_over_their_institution() -> None:
    text = 'According to Rutgers University scholar Kelly Dittmar, "women hold far fewer seats today."'
    doc = parsed(
        text,
        """
        According 10 prep VERB accord
        to 0 prep ADP
        Rutgers 3 compound PROPN
        University 4 compound PROPN
        scholar 6 compound NOUN
        Kelly 6 compound PROPN
        Dittmar 1 pobj PROPN
        , 10 punct PUNCT
        " 10 punct PUNCT
        women 10 nsubj NOUN woman
        hold 10 ROOT VERB
        far 12 advmod ADV
        fewer 13 amod ADJ
        seats 10 dobj NOUN seat
        today 10 npadvmod NOUN
        . 10 punct PUNCT
        " 10 punct PUNCT
        """,
        ORG=["Rutgers University"],
        PERSON=["Kelly Dittmar"],
    )
    assert speakers(doc) == [at(text, "Kelly Dittmar")]


_MINISTRY = """
    The 2 det DET
    Emergencies 2 compound PROPN
    Ministry 3 nsubj PROPN
    sent 3 ROOT VERB send
    rescuers 3 dobj NOUN rescuer
    to 3 prep ADP
    the 7 det DET
    road 5 pobj NOUN
    . 3 punct PUNCT
    It 11 nsubj PRON it
    also 11 advmod ADV
    urged 11 ROOT VERB urge
    people 11 dobj NOUN person
    to 15 aux PART
    " 15 punct PUNCT
    comply 11 xcomp VERB
    with 15 prep ADP
    the 19 det DET
    established 19 amod VERB establish
    rules 16 pobj NOUN rule
    of 19 prep ADP
    the 22 det DET
    road 20 pobj NOUN
    . 15 punct PUNCT
    " 15 punct PUNCT
"""


_MINISTRY_TEXT = (
    'The Emergencies Ministry sent rescuers to the road. It also urged people to "comply with the '
    'established rules of the road."'
)


def test_it_stands_for_the_organisation_that_was_the_last_subject() -> None:
    text = _MINISTRY_TEXT
    doc = parsed(text, _MINISTRY, ORG=["Emergencies Ministry"])
    assert speakers(doc) == [said(text, "It", "Emergencies Ministry")]


def test_it_does_not_stand_for_a_person() -> None:
    text = _MINISTRY_TEXT
    doc = parsed(text, _MINISTRY, PERSON=["Emergencies Ministry"])
    assert speakers(doc) == [None]


_HEAD_OF_AGENCY = """
    The 1 det DET
    head 5 nsubj NOUN
    of 1 prep ADP
    the 4 det DET
    agency 2 pobj NOUN
    visited 5 ROOT VERB visit
    the 8 det DET
    flooded 8 amod VERB flood
    town 5 dobj NOUN
    . 5 punct PUNCT
    She 11 nsubj PRON she
    said 11 ROOT VERB say
    " 15 punct PUNCT
    we 15 nsubj PRON
    will 15 aux AUX
    publish 11 ccomp VERB
    all 18 predet DET
    the 18 det DET
    data 15 dobj NOUN datum
    next 20 amod ADJ
    week 15 npadvmod NOUN
    . 11 punct PUNCT
    " 11 punct PUNCT
"""


def test_she_stands_for_a_role_noun_subject() -> None:
    text = (
        'The head of the agency visited the flooded town. She said "we will publish all the data next week."'
    )
    doc = parsed(text, _HEAD_OF_AGENCY)
    assert speakers(doc) == [said(text, "She", "head of the agency")]


def test_she_is_left_open_when_the_last_subject_is_not_a_person() -> None:
    text = (
        'The team of the agency visited the flooded town. She said "we will publish all the data next week."'
    )
    doc = parsed(text, _HEAD_OF_AGENCY.replace("head", "team"))
    assert speakers(doc) == [None]


_TWO_PEOPLE = """
    Andrzej 1 compound PROPN
    Duda 2 nsubj PROPN
    visited 2 ROOT VERB visit
    the 4 det DET
    site 2 dobj NOUN
    while 9 mark SCONJ
    minister 8 compound NOUN
    Joachim 8 compound PROPN
    Brudzinski 9 nsubj PROPN
    travelled 2 advcl VERB travel
    to 9 prep ADP
    the 12 det DET
    brigade 10 pobj NOUN
    . 2 punct PUNCT
    He 15 nsubj PRON he
    tweeted 15 ROOT VERB tweet
    , 15 punct PUNCT
    " 19 punct PUNCT
    I 19 nsubj PRON i
    want 15 ccomp VERB
    to 21 aux PART
    express 19 xcomp VERB
    my 23 poss PRON
    sympathy 21 dobj NOUN
    . 15 punct PUNCT
    " 15 punct PUNCT
"""


def test_he_stands_for_the_nearest_subject_person_when_no_one_comes_after() -> None:
    text = (
        "Andrzej Duda visited the site while minister Joachim Brudzinski travelled to the brigade. "
        'He tweeted, "I want to express my sympathy."'
    )
    doc = parsed(text, _TWO_PEOPLE, PERSON=["Andrzej Duda", "Joachim Brudzinski"])
    assert speakers(doc) == [said(text, "He", "Joachim Brudzinski")]


def test_a_person_named_as_an_object_does_not_compete_with_the_subject() -> None:
    text = (
        "Andrzej Duda visited the site while minister Joachim Brudzinski travelled to the brigade. "
        'He tweeted, "I want to express my sympathy."'
    )
    # Brudzinski as an object this time: the subject, Duda, carries the topic on.
    rows = _TWO_PEOPLE.replace("Brudzinski 9 nsubj", "Brudzinski 9 dobj")
    doc = parsed(text, rows, PERSON=["Andrzej Duda", "Joachim Brudzinski"])
    assert speakers(doc) == [said(text, "He", "Andrzej Duda")]


def test_colon_statement_from_someone_names_the_speaker() -> None:
    text = (
        "The palace issued the following statement from the king: "
        '"Involvement in politics is extremely inappropriate."'
    )
    # The parser hangs the colon clause under the quotation's root.
    doc = parsed(
        text,
        """
        The 1 det DET
        palace 2 nsubj NOUN
        issued 14 ccomp VERB issue
        the 5 det DET
        following 5 amod VERB follow
        statement 2 dobj NOUN
        from 5 prep ADP
        the 8 det DET
        king 6 pobj NOUN
        : 2 punct PUNCT
        " 14 punct PUNCT
        Involvement 14 nsubj NOUN
        in 11 prep ADP
        politics 12 pobj NOUN
        is 14 ROOT AUX be
        extremely 16 advmod ADV
        inappropriate 14 acomp ADJ
        . 14 punct PUNCT
        " 14 punct PUNCT
        """,
    )
    assert speakers(doc) == [Speaker(text.index("the king"), text.index("the king") + 8, "king")]


_COLON_UNDER_ROOT = """
        The 1 det DET
        study 2 nsubj NOUN
        outlined 11 ccomp VERB outline
        the 4 det DET
        link 2 dobj NOUN
        : 2 punct PUNCT
        " 11 punct PUNCT
        sevengill 8 compound NOUN
        sharks 11 nsubjpass NOUN shark
        were 11 auxpass AUX be
        only 11 advmod ADV
        seen 11 ROOT VERB see
        without 11 prep ADP
        white 14 amod ADJ
        sharks 12 pobj NOUN shark
        . 11 punct PUNCT
        " 11 punct PUNCT
        """


def test_colon_clause_subject_under_the_quotation_root() -> None:
    text = 'The skipper outlined the link: "sevengill sharks were only seen without white sharks."'
    doc = parsed(text, _COLON_UNDER_ROOT.replace("study", "skipper"))
    assert speakers(doc) == [said(text, "The skipper", "skipper")]


def test_a_document_without_an_owner_is_no_speaker() -> None:
    # A study, a report, a statement never speak; without an author named there is no speaker.
    text = 'The study outlined the link: "sevengill sharks were only seen without white sharks."'
    assert speakers(parsed(text, _COLON_UNDER_ROOT)) == [None]


def test_bare_noun_phrase_before_colon_is_the_speaker() -> None:
    text = 'In a statement, the ministry: "drivers must not forget the rules of the road."'
    doc = parsed(
        text,
        """
        In 5 prep ADP
        a 2 det DET
        statement 0 pobj NOUN
        , 5 punct PUNCT
        the 5 det DET
        ministry 11 nsubj NOUN
        : 5 punct PUNCT
        " 11 punct PUNCT
        drivers 11 nsubj NOUN driver
        must 11 aux AUX
        not 11 neg PART
        forget 11 ROOT VERB
        the 13 det DET
        rules 11 dobj NOUN rule
        of 13 prep ADP
        the 16 det DET
        road 14 pobj NOUN
        . 11 punct PUNCT
        " 11 punct PUNCT
        """.replace("drivers 11 nsubj", "drivers 11 nsubj").replace("ministry 11 nsubj", "ministry 11 dep"),
    )
    assert speakers(doc) == [Speaker(16, 28, "ministry")]


_NAMED_COMPLEMENT = """
    RSBNet 1 nsubj PROPN
    is 1 ROOT AUX be
    “ 5 punct PUNCT
    a 5 det DET
    complete 5 amod ADJ
    source 1 attr NOUN
    of 5 prep ADP
    information 6 pobj NOUN
    about 7 prep ADP
    the 10 det DET
    community 8 pobj NOUN
    . 1 punct PUNCT
    ” 1 punct PUNCT
"""


def test_quotation_as_complement_of_a_named_subject_is_its_wording() -> None:
    text = "RSBNet is “a complete source of information about the community.”"
    assert speakers(parsed(text, _NAMED_COMPLEMENT)) == [at(text, "RSBNet")]


def test_quotation_as_complement_of_a_common_noun_has_no_speaker() -> None:
    text = "Pattern is “a complete source of information about the community.”"
    rows = _NAMED_COMPLEMENT.replace("RSBNet 1 nsubj PROPN", "Pattern 1 nsubj NOUN")
    assert speakers(parsed(text, rows)) == [None]


def test_quotation_in_apposition_to_a_name_is_its_wording() -> None:
    text = "JatLand, “the online home for all Jats” is proud."
    doc = parsed(
        text,
        """
        JatLand 10 nsubj PROPN
        , 0 punct PUNCT
        “ 5 punct PUNCT
        the 5 det DET
        online 5 amod ADJ
        home 0 appos NOUN
        for 5 prep ADP
        all 8 det DET
        Jats 6 pobj PROPN
        ” 5 punct PUNCT
        is 10 ROOT AUX be
        proud 10 acomp ADJ
        . 10 punct PUNCT
        """.replace("JatLand 10", "JatLand 11").replace("is 10 ROOT", "is 10 ROOT"),
    )
    assert speakers(doc) == [at(text, "JatLand")]


def test_proper_noun_among_several_subjects_is_the_speaker() -> None:
    text = '"We found water near every statue site," said study co-author Carl Lipo.'
    doc = parsed(
        text,
        """
        " 2 punct PUNCT
        We 2 nsubj PRON we
        found 10 ccomp VERB find
        water 2 dobj NOUN
        near 3 prep ADP
        every 7 det DET
        statue 7 compound NOUN
        site 4 pobj NOUN
        , 10 punct PUNCT
        " 10 punct PUNCT
        said 10 ROOT VERB say
        study 12 compound NOUN
        co 10 nsubj NOUN
        - 10 nsubj NOUN
        author 16 compound NOUN
        Carl 16 compound PROPN
        Lipo 10 nsubj PROPN
        . 10 punct PUNCT
        """,
        PERSON=["Carl Lipo"],
    )
    assert speakers(doc) == [at(text, "Carl Lipo")]


def test_proper_noun_apposition_deep_in_the_subject_names_the_person() -> None:
    text = '"Walter was a brilliant scientist," said the university\'s chancellor, Pradeep Khosla.'
    doc = parsed(
        text,
        """
        " 2 punct PUNCT
        Walter 2 nsubj PROPN
        was 8 ccomp AUX be
        a 5 det DET
        brilliant 5 amod ADJ
        scientist 2 attr NOUN
        , 8 punct PUNCT
        " 8 punct PUNCT
        said 8 ROOT VERB say
        the 10 det DET
        university 12 poss NOUN
        's 10 case PART
        chancellor 8 nsubj NOUN
        , 12 punct PUNCT
        Pradeep 15 compound PROPN
        Khosla 12 appos PROPN
        . 8 punct PUNCT
        """,
    )
    assert speakers(doc) == [at(text, "Pradeep Khosla")]


def test_pointed_out_and_called_report_words(rules_pipeline: LoadedPipeline) -> None:
    text = (
        'Anna Kowal pointed out she had "given up every title long ago". '
        'Jan Nowak called the attack "an act of inexplicable barbarity."'
    )
    doc = surface_doc(rules_pipeline, text, PERSON=["Anna Kowal", "Jan Nowak"])
    assert find_speakers(doc, find_quotes(text)) == [at(text, "Anna Kowal"), at(text, "Jan Nowak")]
    pointing = rules_pipeline.nlp("She pointed at the map.")
    assert speech_lemma(pointing[1]) is None


@pytest.mark.model
def test_model_inverted_verb_and_passive_agent(model_pipeline: LoadedPipeline) -> None:
    text = (
        'Remarked Center for Biological Diversity scientist Tierra Curry, "This reprieve from bad news '
        'on monarchs is a thank-you from the butterflies."\n\n'
        "President Vladimir Putin flew to the city. In a meeting he was told by Emergencies Minister "
        'Yevgeny Zinichev of "presumably between 36 and 40 people under the rubble".'
    )
    doc = model_pipeline.nlp(text)
    found = find_speakers(doc, find_quotes(text))
    assert [s.name if s else None for s in found] == ["Tierra Curry", "Yevgeny Zinichev"]


def test_named_subject_in_the_quotations_own_sentence_beats_a_speech_verb_next() -> None:
    text = "RSBNet is “a complete source of information about the community.” Dalit Voice says so too."
    rows = (
        _NAMED_COMPLEMENT
        + """
        Dalit 14 compound PROPN
        Voice 15 nsubj PROPN
        says 15 ROOT VERB say
        so 15 advmod ADV
        too 15 advmod ADV
        . 15 punct PUNCT
    """
    )
    assert speakers(parsed(text, rows)) == [at(text, "RSBNet")]


def test_quotation_that_takes_the_verb_with_it_belongs_to_the_subject_outside() -> None:
    text = "Another group, Brahmin Culture, is “dedicated to uniting the community across the world.”"
    doc = parsed(
        text,
        """
        Another 1 det DET
        group 8 nsubjpass NOUN
        , 1 punct PUNCT
        Brahmin 4 compound PROPN
        Culture 1 appos PROPN
        , 1 punct PUNCT
        is 8 auxpass AUX be
        “ 8 punct PUNCT
        dedicated 8 ROOT VERB dedicate
        to 8 prep ADP
        uniting 9 pcomp VERB unite
        the 12 det DET
        community 10 dobj NOUN
        across 10 prep ADP
        the 15 det DET
        world 13 pobj NOUN
        . 8 punct PUNCT
        ” 8 punct PUNCT
        """,
        WORK_OF_ART=["Brahmin Culture"],
    )
    assert speakers(doc) == [at(text, "Brahmin Culture")]


def test_relative_pronoun_subject_is_the_noun_the_clause_describes() -> None:
    text = (
        "It lists the Rajput community with 35,481 members, which asks people to join "
        "“if your soul is Rajput by nature.”"
    )
    doc = parsed(
        text,
        """
        It 1 nsubj PRON it
        lists 1 ROOT VERB list
        the 4 det DET
        Rajput 4 compound PROPN
        community 1 dobj NOUN
        with 4 prep ADP
        35,481 7 nummod NUM
        members 5 pobj NOUN member
        , 7 punct PUNCT
        which 10 nsubj PRON
        asks 7 relcl VERB ask
        people 10 dobj NOUN person
        to 13 aux PART
        join 10 xcomp VERB
        “ 18 punct PUNCT
        if 18 mark SCONJ
        your 17 poss PRON
        soul 18 nsubj NOUN
        is 13 advcl AUX be
        Rajput 18 attr PROPN
        by 18 prep ADP
        nature 20 pobj NOUN
        . 1 punct PUNCT
        ” 1 punct PUNCT
        """,
    )
    assert speakers(doc) == [Speaker(text.index("the Rajput"), text.index(" with"), "Rajput community")]


def test_present_participle_speaks_for_the_noun_it_modifies() -> None:
    text = "They heard the old man saying «peace be upon you all»."
    doc = parsed(
        text,
        """
        They 1 nsubj PRON they
        heard 1 ROOT VERB hear
        the 4 det DET
        old 4 amod ADJ
        man 1 dobj NOUN
        saying 4 acl VERB say
        « 8 punct PUNCT
        peace 8 nsubj NOUN
        be 5 ccomp AUX be
        upon 8 prep ADP
        you 9 pobj PRON
        all 10 appos DET
        » 5 punct PUNCT
        . 1 punct PUNCT
        """,
    )
    assert speakers(doc) == [Speaker(text.index("the old"), text.index(" saying"), "old man")]


# --- Issue 14: speakers a journalist would name ---------------------------------------------


def test_op_ed_relative_who_climbs_past_the_place_to_the_person() -> None:
    # The op-ed case that gave "Cambridge": the parser hangs "who told me" on the place.
    text = (
        "Few people know the risk better than Dr. Eleanor Shaw, a researcher at Cambridge, "
        "who told me: “We cannot audit these systems.”"
    )
    doc = parsed(
        text,
        """
        Few 1 amod ADJ
        people 2 nsubj NOUN
        know 2 ROOT VERB
        the 4 det DET
        risk 2 dobj NOUN
        better 2 advmod ADV well
        than 5 prep ADP
        Dr. 9 compound PROPN
        Eleanor 9 compound PROPN
        Shaw 6 pobj PROPN
        , 9 punct PUNCT
        a 12 det DET
        researcher 9 appos NOUN
        at 12 prep ADP
        Cambridge 13 pobj PROPN
        , 14 punct PUNCT
        who 17 nsubj PRON
        told 14 relcl VERB tell
        me 17 dobj PRON I
        : 17 punct PUNCT
        “ 17 punct PUNCT
        We 24 nsubj PRON
        can 24 aux AUX
        not 24 neg PART
        audit 17 ccomp VERB
        these 26 det DET
        systems 24 dobj NOUN system
        . 2 punct PUNCT
        ” 2 punct PUNCT
        """,
        PERSON=["Eleanor Shaw"],
        GPE=["Cambridge"],
    )
    assert speakers(doc) == [said(text, "Eleanor Shaw", "Eleanor Shaw")]
    assert kinds(doc) == ["direct"]


_FIRM = """
    Anthropic 2 nsubj PROPN
    has 2 aux AUX have
    confirmed 2 ROOT VERB confirm
    the 4 det DET
    delay 2 dobj NOUN
    . 2 punct PUNCT
    In 12 prep ADP
    its 8 poss PRON
    announcement 6 pobj NOUN
    , 12 punct PUNCT
    the 11 det DET
    firm 12 nsubj NOUN
    noted 12 ROOT VERB note
    that 19 mark SCONJ
    “ 19 punct PUNCT
    no 16 det DET
    model 19 nsubj NOUN
    will 19 aux AUX
    ship 19 aux VERB
    untested 12 ccomp ADJ
    . 12 punct PUNCT
    ” 12 punct PUNCT
"""


_FIRM_TEXT = (
    "Anthropic has confirmed the delay. "
    "In its announcement, the firm noted that “no model will ship untested.”"
)


def test_op_ed_the_firm_is_the_organisation_it_stands_for() -> None:
    # The op-ed case that gave "firm": the mention stays "the firm", the name is Anthropic
    # (an organisation once the entity fixes have seen the article's evidence).
    text = _FIRM_TEXT
    doc = parsed(text, _FIRM, ORG=["Anthropic"])
    assert speakers(doc) == [said(text, "the firm", "Anthropic")]
    # A fragment after "noted that" is the firm's wording woven into the sentence.
    assert kinds(doc) == ["partial"]


def test_the_firm_without_an_organisation_named_is_just_the_firm() -> None:
    text = _FIRM_TEXT
    assert speakers(parsed(text, _FIRM)) == [said(text, "the firm", "firm")]


def test_short_attributed_quote_is_partial_with_its_speaker() -> None:
    text = 'Mayor Lina Ortiz called the plan a "costly mistake".'
    doc = parsed(
        text,
        """
        Mayor 2 compound PROPN
        Lina 2 compound PROPN
        Ortiz 3 nsubj PROPN
        called 3 ROOT VERB call
        the 5 det DET
        plan 3 dobj NOUN
        a 9 det DET
        " 9 punct PUNCT
        costly 9 amod ADJ
        mistake 3 oprd NOUN
        " 9 punct PUNCT
        . 3 punct PUNCT
        """,
        PERSON=["Lina Ortiz"],
    )
    assert speakers(doc) == [said(text, "Lina Ortiz", "Lina Ortiz")]
    assert kinds(doc) == ["partial"]


def test_a_term_the_text_presents_as_such_has_no_speaker() -> None:
    text = 'Critics chanted the slogan "Build it now" at the rally, the mayor said.'
    doc = parsed(
        text,
        """
        Critics 1 nsubj NOUN critic
        chanted 15 ccomp VERB chant
        the 3 det DET
        slogan 1 dobj NOUN
        " 5 punct PUNCT
        Build 3 acl VERB
        it 5 dobj PRON
        now 5 advmod ADV
        " 5 punct PUNCT
        at 5 prep ADP
        the 11 det DET
        rally 9 pobj NOUN
        , 15 punct PUNCT
        the 14 det DET
        mayor 15 nsubj NOUN
        said 15 ROOT VERB say
        . 15 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["scare"]


def test_a_woven_quote_needs_a_speech_verb_above_it() -> None:
    # "said" in the next sentence governs nothing in the first: "new" is a scare quote.
    text = 'Residents admired the "new" bridge. Officials said it opened on time.'
    doc = parsed(
        text,
        """
        Residents 1 nsubj NOUN resident
        admired 1 ROOT VERB admire
        the 6 det DET
        " 6 punct PUNCT
        new 6 amod ADJ
        " 6 punct PUNCT
        bridge 1 dobj NOUN
        . 1 punct PUNCT
        Officials 9 nsubj NOUN official
        said 9 ROOT VERB say
        it 11 nsubj PRON
        opened 9 ccomp VERB open
        on 11 prep ADP
        time 12 pobj NOUN
        . 9 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["scare"]


_STATEMENT_READ = """
    The 1 det DET
    ministry 3 poss NOUN
    ’s 1 case PART
    statement 4 nsubj NOUN
    read 4 ROOT VERB
    : 4 punct PUNCT
    " 4 punct PUNCT
    Roads 9 nsubj NOUN road
    will 9 aux AUX
    close 4 ccomp VERB
    at 9 prep ADP
    noon 10 pobj NOUN
    . 4 punct PUNCT
    " 4 punct PUNCT
"""


def test_a_document_speaks_for_its_owner() -> None:
    text = 'The ministry’s statement read: "Roads will close at noon."'
    doc = parsed(text, _STATEMENT_READ, ORG=["ministry"])
    assert speakers(doc) == [said(text, "ministry", "ministry")]


def test_the_subject_of_a_passive_was_named_and_did_not_speak() -> None:
    text = 'The valley was called the "breadbasket" of the region.'
    doc = parsed(
        text,
        """
        The 1 det DET
        valley 3 nsubjpass NOUN
        was 3 auxpass AUX be
        called 3 ROOT VERB call
        the 6 det DET
        " 6 punct PUNCT
        breadbasket 3 oprd NOUN
        " 6 punct PUNCT
        of 6 prep ADP
        the 10 det DET
        region 8 pobj NOUN
        . 3 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]


def test_a_title_resolves_to_the_person_who_holds_it() -> None:
    text = 'President Ana Silva visited the port. The president said "we will rebuild it."'
    doc = parsed(
        text,
        """
        President 2 compound PROPN
        Ana 2 compound PROPN
        Silva 3 nsubj PROPN
        visited 3 ROOT VERB visit
        the 5 det DET
        port 3 dobj NOUN
        . 3 punct PUNCT
        The 8 det DET
        president 9 nsubj NOUN
        said 9 ROOT VERB say
        " 9 punct PUNCT
        we 13 nsubj PRON
        will 13 aux AUX
        rebuild 9 ccomp VERB
        it 13 dobj PRON
        . 9 punct PUNCT
        " 9 punct PUNCT
        """,
        PERSON=["Ana Silva"],
    )
    assert speakers(doc) == [said(text, "The president", "Ana Silva")]


_SURNAME = """
    Ana 1 compound PROPN
    Silva 2 nsubj PROPN
    visited 2 ROOT VERB visit
    the 4 det DET
    port 2 dobj NOUN
    . 2 punct PUNCT
    Silva 7 nsubj PROPN
    said 7 ROOT VERB say
    " 7 punct PUNCT
    we 11 nsubj PRON
    will 11 aux AUX
    rebuild 7 ccomp VERB
    it 11 dobj PRON
    . 7 punct PUNCT
    " 7 punct PUNCT
"""


def test_a_surname_resolves_to_the_full_name() -> None:
    text = 'Ana Silva visited the port. Silva said "we will rebuild it."'
    doc = parsed(text, _SURNAME, PERSON=["Ana Silva", "Silva@1"])
    assert speakers(doc) == [said(text, "Silva", "Ana Silva", nth=1)]


def test_an_acronym_resolves_to_the_name_it_abbreviates() -> None:
    text = 'The Port Workers Union (PWU) met on Monday. The PWU said "we will strike."'
    doc = parsed(
        text,
        """
        The 3 det DET
        Port 2 compound PROPN
        Workers 3 compound PROPN
        Union 7 nsubj PROPN
        ( 3 punct PUNCT
        PWU 3 appos PROPN
        ) 3 punct PUNCT
        met 7 ROOT VERB meet
        on 7 prep ADP
        Monday 8 pobj PROPN
        . 7 punct PUNCT
        The 12 det DET
        PWU 13 nsubj PROPN
        said 13 ROOT VERB say
        " 13 punct PUNCT
        we 17 nsubj PRON
        will 17 aux AUX
        strike 13 ccomp VERB
        . 13 punct PUNCT
        " 13 punct PUNCT
        """,
        ORG=["Port Workers Union", "PWU@1"],
    )
    assert speakers(doc) == [said(text, "PWU", "Port Workers Union", nth=1)]


def test_a_short_name_resolves_to_the_organisations_full_name() -> None:
    text = 'Ana Silva visited the port. Silva said "we will rebuild it."'.replace("Ana Silva", "Port Silva")
    doc = parsed(text, _SURNAME.replace("Ana", "Port"), ORG=["Port Silva", "Silva@1"])
    assert speakers(doc) == [said(text, "Silva", "Port Silva", nth=1)]


def test_a_pronoun_follows_the_same_pronoun_before_it() -> None:
    # Two people named, so "the only person nearby" cannot decide; "She … She said" can.
    text = 'Ana Silva met Tom Ruiz. She thanked him. She said "it was a good day."'
    doc = parsed(
        text,
        """
        Ana 1 compound PROPN
        Silva 2 nsubj PROPN
        met 2 ROOT VERB meet
        Tom 4 compound PROPN
        Ruiz 2 dobj PROPN
        . 2 punct PUNCT
        She 7 nsubj PRON
        thanked 7 ROOT VERB thank
        him 7 dobj PRON he
        . 7 punct PUNCT
        She 11 nsubj PRON
        said 11 ROOT VERB say
        " 11 punct PUNCT
        it 14 nsubj PRON
        was 11 ccomp AUX be
        a 17 det DET
        good 17 amod ADJ
        day 14 attr NOUN
        . 11 punct PUNCT
        " 11 punct PUNCT
        """,
        PERSON=["Ana Silva", "Tom Ruiz"],
    )
    assert speakers(doc) == [said(text, "She", "Ana Silva", nth=1)]


def test_a_pronoun_skips_the_subject_of_a_relative_clause() -> None:
    text = 'Ana Silva backed a deal in which Tom Ruiz became mayor. "It works," she said.'
    doc = parsed(
        text,
        """
        Ana 1 compound PROPN
        Silva 2 nsubj PROPN
        backed 2 ROOT VERB back
        a 4 det DET
        deal 2 dobj NOUN
        in 9 prep ADP
        which 5 pobj PRON
        Tom 8 compound PROPN
        Ruiz 9 nsubj PROPN
        became 4 relcl VERB become
        mayor 9 attr NOUN
        . 2 punct PUNCT
        " 14 punct PUNCT
        It 14 nsubj PRON
        works 18 ccomp VERB work
        , 18 punct PUNCT
        " 18 punct PUNCT
        she 18 nsubj PRON
        said 18 ROOT VERB say
        . 18 punct PUNCT
        """,
        PERSON=["Ana Silva", "Tom Ruiz"],
    )
    assert speakers(doc) == [said(text, "she", "Ana Silva")]
    assert kinds(doc) == ["direct"]


def test_the_source_of_according_to_is_a_pronouns_antecedent() -> None:
    text = 'According to Dr. Tom Ruiz, the risk is "unprecedented." He said "no virus ever spread this fast."'
    doc = parsed(
        text,
        """
        According 8 prep VERB accord
        to 0 prep ADP
        Dr. 4 compound PROPN
        Tom 4 compound PROPN
        Ruiz 1 pobj PROPN
        , 8 punct PUNCT
        the 7 det DET
        risk 8 nsubj NOUN
        is 8 ROOT AUX be
        " 8 punct PUNCT
        unprecedented 8 acomp ADJ
        . 8 punct PUNCT
        " 8 punct PUNCT
        He 14 nsubj PRON
        said 14 ROOT VERB say
        " 14 punct PUNCT
        no 17 det DET
        virus 19 nsubj NOUN
        ever 19 advmod ADV
        spread 14 ccomp VERB
        this 19 dobj PRON
        fast 19 advmod ADV
        . 14 punct PUNCT
        " 14 punct PUNCT
        """,
        PERSON=["Tom Ruiz"],
    )
    assert speakers(doc) == [said(text, "Tom Ruiz", "Tom Ruiz"), said(text, "He", "Tom Ruiz")]
    assert kinds(doc) == ["partial", "direct"]


_INTERVIEW = """
        (( 6 punct PUNCT
        WN 6 npadvmod PROPN
        )) 6 punct PUNCT
        What 6 dobj PRON
        did 6 aux AUX do
        you 6 nsubj PRON
        decide 6 ROOT VERB
        ? 6 punct PUNCT
        \\n\\n 7 dep SPACE
        (( 14 punct PUNCT
        Ana 11 compound PROPN
        Silva 14 npadvmod PROPN
        )) 14 punct PUNCT
        We 14 nsubj PRON we
        said 14 ROOT VERB say
        " 14 punct PUNCT
        never 17 neg ADV
        again 14 advmod ADV
        . 14 punct PUNCT
        " 14 punct PUNCT
"""


def test_we_in_an_interview_answer_is_the_interviewee() -> None:
    text = '((WN)) What did you decide?\n\n((Ana Silva)) We said "never again."'
    doc = parsed(text, _INTERVIEW, PERSON=["Ana Silva"])
    assert speakers(doc) == [said(text, "We", "Ana Silva")]


def test_a_quotation_in_apposition_to_a_thing_is_its_title() -> None:
    text = 'Ana Silva says her film, "Rain on the Hill", was shot in May.'
    doc = parsed(
        text,
        """
        Ana 1 compound PROPN
        Silva 2 nsubj PROPN
        says 2 ROOT VERB say
        her 4 poss PRON
        film 14 nsubjpass NOUN
        , 4 punct PUNCT
        " 7 punct PUNCT
        Rain 4 appos NOUN
        on 7 prep ADP
        the 10 det DET
        Hill 8 pobj PROPN
        " 7 punct PUNCT
        , 14 punct PUNCT
        was 14 auxpass AUX be
        shot 2 ccomp VERB shoot
        in 14 prep ADP
        May 15 pobj PROPN
        . 2 punct PUNCT
        """,
        PERSON=["Ana Silva"],
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["scare"]


def test_a_passive_without_agent_names_by_nobody_even_beside_according_to() -> None:
    text = 'The town was once called the "jewel" of the coast, according to the Herald.'
    doc = parsed(
        text,
        """
        The 1 det DET
        town 4 nsubjpass NOUN
        was 4 auxpass AUX be
        once 4 advmod ADV
        called 4 ROOT VERB call
        the 7 det DET
        " 7 punct PUNCT
        jewel 4 oprd NOUN
        " 7 punct PUNCT
        of 7 prep ADP
        the 11 det DET
        coast 9 pobj NOUN
        , 4 punct PUNCT
        according 4 prep VERB accord
        to 13 prep ADP
        the 16 det DET
        Herald 14 pobj PROPN
        . 4 punct PUNCT
        """,
        ORG=["Herald"],
    )
    assert speakers(doc) == [None]


def test_a_speech_verb_after_the_clause_attributes_a_woven_quote() -> None:
    text = 'Ana Silva visited the farms. The river is the "main problem" for the farmers, she added.'
    doc = parsed(
        text,
        """
        Ana 1 compound PROPN
        Silva 2 nsubj PROPN
        visited 2 ROOT VERB visit
        the 4 det DET
        farms 2 dobj NOUN farm
        . 2 punct PUNCT
        The 7 det DET
        river 8 nsubj NOUN
        is 19 ccomp AUX be
        the 12 det DET
        " 12 punct PUNCT
        main 12 amod ADJ
        problem 8 attr NOUN
        " 12 punct PUNCT
        for 12 prep ADP
        the 16 det DET
        farmers 14 pobj NOUN farmer
        , 19 punct PUNCT
        she 19 nsubj PRON
        added 19 ROOT VERB add
        . 19 punct PUNCT
        """,
        PERSON=["Ana Silva"],
    )
    # "The river" is the nearest subject, but no antecedent for "she".
    assert speakers(doc) == [said(text, "she", "Ana Silva")]
    assert kinds(doc) == ["partial"]


def test_a_described_body_is_the_organisation_the_article_names_most() -> None:
    text = (
        "The Court of Session met. The Court of Session ruled. The Supreme Court waits. "
        'The three-judge court found the order "was unlawful."'
    )
    doc = parsed(
        text,
        """
        The 1 det DET
        Court 4 nsubj PROPN
        of 1 prep ADP
        Session 2 pobj PROPN
        met 4 ROOT VERB meet
        . 4 punct PUNCT
        The 7 det DET
        Court 10 nsubj PROPN
        of 7 prep ADP
        Session 8 pobj PROPN
        ruled 10 ROOT VERB rule
        . 10 punct PUNCT
        The 15 det DET
        Supreme 14 compound PROPN
        Court 15 compound PROPN
        waits 15 ROOT NOUN wait
        . 15 punct PUNCT
        The 21 det DET
        three 20 nummod NUM
        - 20 punct PUNCT
        judge 21 compound NOUN
        court 22 nsubj NOUN
        found 22 ROOT VERB find
        the 24 det DET
        order 26 nsubj NOUN
        " 26 punct PUNCT
        was 22 ccomp AUX be
        unlawful 26 acomp ADJ
        . 22 punct PUNCT
        " 22 punct PUNCT
        """,
        ORG=["Court of Session", "Court of Session@1", "Supreme Court"],
        CARDINAL=["three"],
    )
    assert speakers(doc) == [said(text, "The three-judge court", "Court of Session")]


def test_a_descriptive_mention_resolves_to_the_organisation_with_its_words() -> None:
    text = (
        'The Ruiz Animal Foundation opened a shelter. Ruiz’s animal foundation said "every dog gets a bed."'
    )
    doc = parsed(
        text,
        """
        The 3 det DET
        Ruiz 3 compound PROPN
        Animal 3 compound PROPN
        Foundation 4 nsubj PROPN
        opened 4 ROOT VERB open
        a 6 det DET
        shelter 4 dobj NOUN
        . 4 punct PUNCT
        Ruiz 11 poss NOUN
        ’s 8 case PART
        animal 11 compound NOUN
        foundation 12 nsubj NOUN
        said 12 ROOT VERB say
        " 12 punct PUNCT
        every 15 det DET
        dog 16 nsubj NOUN
        gets 12 ccomp VERB get
        a 18 det DET
        bed 16 dobj NOUN
        . 12 punct PUNCT
        " 12 punct PUNCT
        """,
        ORG=["The Ruiz Animal Foundation"],
    )
    assert speakers(doc) == [said(text, "Ruiz’s animal foundation", "Ruiz Animal Foundation")]


def test_one_of_a_group_is_a_speaker_not_a_number() -> None:
    text = 'One of the nurses said, "We worked all night."'
    doc = parsed(
        text,
        """
        One 4 nsubj NUM
        of 0 prep ADP
        the 3 det DET
        nurses 1 pobj NOUN nurse
        said 4 ROOT VERB say
        , 4 punct PUNCT
        " 4 punct PUNCT
        We 8 nsubj PRON
        worked 4 ccomp VERB work
        all 10 det DET
        night 8 npadvmod NOUN
        . 4 punct PUNCT
        " 4 punct PUNCT
        """,
        CARDINAL=["One"],
    )
    assert speakers(doc) == [said(text, "One of the nurses", "One of the nurses")]


def test_a_summary_speaks_for_its_owner() -> None:
    text = 'The court’s summary read: "The order is void."'
    doc = parsed(
        text,
        """
        The 1 det DET
        court 3 poss NOUN
        ’s 1 case PART
        summary 4 nsubj NOUN
        read 4 ROOT NOUN
        : 4 punct PUNCT
        " 4 punct PUNCT
        The 8 det DET
        order 9 nsubj NOUN
        is 4 ccomp AUX be
        void 9 acomp ADJ
        . 4 punct PUNCT
        " 4 punct PUNCT
        """,
    )
    assert speakers(doc) == [said(text, "The court", "court")]


# Rules from the second tuning batch (issue 14, second pass). Each parse is the small English
# model's for the sentence (its entity mistakes included, where the rule is about them).


def test_letters_after_a_name_are_not_part_of_the_resolved_name() -> None:
    text = 'Prosecutor Kama Melly QC said the victims were "ripe and vulnerable".'
    doc = parsed(
        text,
        """
        Prosecutor 1 compound PROPN
        Kama 3 compound PROPN
        Melly 3 compound PROPN
        QC 4 nsubj PROPN
        said 4 ROOT VERB say
        the 6 det DET
        victims 7 nsubj NOUN victim NNS
        were 4 ccomp AUX be VBD
        " 7 punct PUNCT
        ripe 7 acomp ADJ
        and 9 cc CCONJ
        vulnerable 9 conj ADJ
        " 7 punct PUNCT
        . 4 punct PUNCT
        """,
        ORG=["Kama Melly QC"],
    )
    assert speakers(doc) == [said(text, "Kama Melly QC", "Kama Melly")]


def test_the_role_resolves_to_the_person_given_it_before_the_name() -> None:
    text = 'AU commissioner Albert Muchanga spoke. The commissioner said, "We are ready."'
    doc = parsed(
        text,
        """
        AU 1 compound PROPN
        commissioner 3 compound NOUN
        Albert 3 compound PROPN
        Muchanga 4 nsubj PROPN
        spoke 4 ROOT VERB speak
        . 4 punct PUNCT
        The 7 det DET
        commissioner 8 nsubj NOUN
        said 8 ROOT VERB say
        , 8 punct PUNCT
        " 8 punct PUNCT
        We 12 nsubj PRON
        are 8 ccomp AUX be
        ready 12 acomp ADJ
        . 8 punct PUNCT
        " 8 punct PUNCT
        """,
        ORG=["AU"],
        PERSON=["Albert Muchanga"],
    )
    assert speakers(doc) == [said(text, "The commissioner", "Albert Muchanga")]


def test_a_role_nobody_was_given_is_the_person_just_quoted_but_kin_is_not() -> None:
    text = (
        '"Warm water is attacking the shelves," said co-author Karen Alley. '
        'The Wooster professor added, "We need to know."'
    )
    doc = parsed(
        text,
        """
        " 9 punct PUNCT
        Warm 2 amod ADJ
        water 4 nsubj NOUN
        is 4 aux AUX be
        attacking 9 ccomp VERB attack VBG
        the 6 det DET
        shelves 4 dobj NOUN shelf NNS
        , 9 punct PUNCT
        " 9 punct PUNCT
        said 9 ROOT VERB say
        co 9 nsubj NOUN
        - 14 compound NOUN
        author 14 compound NOUN
        Karen 14 compound PROPN
        Alley 9 nsubj PROPN
        . 9 punct PUNCT
        The 18 det DET
        Wooster 18 compound PROPN
        professor 19 nsubj NOUN
        added 19 ROOT VERB add
        , 19 punct PUNCT
        " 19 punct PUNCT
        We 23 nsubj PRON
        need 19 ccomp VERB need VBP
        to 25 aux PART to TO
        know 23 xcomp VERB know VB
        . 19 punct PUNCT
        " 19 punct PUNCT
        """,
        # The model's mistake: the university's name as a person.
        PERSON=["Karen Alley", "Wooster"],
    )
    assert speakers(doc)[1] == said(text, "The Wooster professor", "Karen Alley")
    text = 'Ann Turpin and David Turpin were charged. The mother said "I love them."'
    doc = parsed(
        text,
        """
        Ann 1 compound PROPN
        Turpin 6 nsubjpass PROPN
        and 1 cc CCONJ
        David 4 compound PROPN
        Turpin 1 conj PROPN
        were 6 auxpass AUX be VBD
        charged 6 ROOT VERB charge VBN
        . 6 punct PUNCT
        The 9 det DET
        mother 10 nsubj NOUN
        said 10 ROOT VERB say
        " 10 punct PUNCT
        I 13 nsubj PRON
        love 10 ccomp VERB love VBP
        them 13 dobj PRON they
        . 10 punct PUNCT
        " 10 punct PUNCT
        """,
        PERSON=["Ann Turpin", "David Turpin"],
    )
    # Which Turpin is the mother, the names do not say: the last person named is not taken.
    assert speakers(doc) == [said(text, "The mother", "mother")]


def test_a_company_short_name_resolves_to_its_full_name_with_a_designator() -> None:
    text = 'Ford Motor Company confirmed it. Ford said the matter "currently focuses on testing".'
    doc = parsed(
        text,
        """
        Ford 2 compound PROPN
        Motor 2 compound PROPN
        Company 3 nsubj PROPN
        confirmed 3 ROOT VERB confirm
        it 3 dobj PRON
        . 3 punct PUNCT
        Ford 7 nsubj PROPN
        said 7 ROOT VERB say
        the 9 det DET
        matter 12 nsubj NOUN
        " 12 punct PUNCT
        currently 12 advmod ADV
        focuses 7 ccomp VERB focus VBZ
        on 12 prep ADP
        testing 13 pobj NOUN
        " 12 punct PUNCT
        . 7 punct PUNCT
        """,
        ORG=["Ford Motor Company", "Ford@1"],
    )
    assert speakers(doc) == [said(text, "Ford", "Ford Motor Company", nth=1)]


def test_a_first_name_only_one_full_name_begins_with_resolves_to_it() -> None:
    text = 'Tuilaepa Sailele Malielegaoi spoke. Prime Minister Tuilaepa called on "village councils" to help.'
    doc = parsed(
        text,
        """
        Tuilaepa 2 compound PROPN
        Sailele 2 compound PROPN
        Malielegaoi 3 nsubj PROPN
        spoke 3 ROOT VERB speak
        . 3 punct PUNCT
        Prime 6 compound PROPN
        Minister 7 compound PROPN
        Tuilaepa 8 nsubj PROPN
        called 8 ROOT VERB call
        on 8 prep ADP
        " 12 punct PUNCT
        village 12 compound NOUN
        councils 9 pobj NOUN council NNS
        " 12 punct PUNCT
        to 15 aux PART to TO
        help 12 relcl VERB help VB
        . 8 punct PUNCT
        """,
        PERSON=["Tuilaepa Sailele Malielegaoi", "Tuilaepa@1"],
    )
    assert speakers(doc) == [said(text, "Tuilaepa", "Tuilaepa Sailele Malielegaoi", nth=1)]


def test_quoted_as_saying_names_the_one_quoted() -> None:
    text = 'Politico quoted Tim Manning as saying "FEMA has an important role".'
    doc = parsed(
        text,
        """
        Politico 1 nsubj PROPN
        quoted 1 ROOT VERB quote
        Tim 3 compound PROPN
        Manning 1 dobj PROPN
        as 1 prep ADP
        saying 4 pcomp VERB say
        " 8 punct PUNCT
        FEMA 8 nsubj PROPN
        has 5 ccomp VERB have VBZ
        an 11 det DET
        important 11 amod ADJ
        role 8 dobj NOUN
        " 1 punct PUNCT
        . 1 punct PUNCT
        """,
        ORG=["Politico", "FEMA"],
        PERSON=["Tim Manning"],
    )
    assert speakers(doc) == [said(text, "Tim Manning", "Tim Manning")]


def test_a_speech_verb_left_without_a_subject_takes_the_name_before_it() -> None:
    text = (
        'Calling it "just another apology", Anna Franowska of "Have no fear", an abuse victim charity, '
        'told Reuters "it almost appears as if the statement was prepared before".'
    )
    doc = parsed(
        text,
        """
        Calling 22 csubj VERB call VBG
        it 0 dobj PRON
        " 5 punct PUNCT
        just 5 advmod ADV
        another 5 det DET
        apology 0 oprd NOUN
        " 5 punct PUNCT
        , 5 punct PUNCT
        Anna 9 compound PROPN
        Franowska 5 appos PROPN
        of 5 prep ADP
        " 12 punct PUNCT
        Have 10 pcomp AUX have VB
        no 14 det DET
        fear 12 dobj NOUN
        " 14 punct PUNCT
        , 14 punct PUNCT
        an 20 det DET
        abuse 20 compound NOUN
        victim 20 compound NOUN
        charity 14 appos NOUN
        , 5 punct PUNCT
        told 22 ROOT VERB tell
        Reuters 22 dobj PROPN
        " 27 punct PUNCT
        it 27 nsubj PRON
        almost 27 advmod ADV
        appears 22 ccomp VERB appear VBZ
        as 33 mark SCONJ
        if 33 mark SCONJ
        the 31 det DET
        statement 33 nsubjpass NOUN
        was 33 auxpass AUX be VBD
        prepared 27 advcl VERB prepare VBN
        before 33 prep ADP
        " 27 punct PUNCT
        . 22 punct PUNCT
        """,
        PERSON=["Anna Franowska"],
        ORG=["Reuters"],
    )
    franowska = said(text, "Anna Franowska", "Anna Franowska")
    # The charity's name in quotation marks, hanging under her name, is nobody's words.
    assert speakers(doc) == [franowska, None, franowska]


def test_the_one_spoken_to_after_speaking_to_is_no_speaker() -> None:
    text = 'Speaking to Agence France-Presse, the president of the league, Jamel Msallem, said, "We agree."'
    doc = parsed(
        text,
        """
        Speaking 16 advcl VERB speak VBG
        to 0 prep ADP
        Agence 5 compound PROPN
        France 5 compound PROPN
        - 5 punct PUNCT
        Presse 1 pobj PROPN
        , 5 punct PUNCT
        the 8 det DET
        president 5 appos NOUN
        of 8 prep ADP
        the 11 det DET
        league 9 pobj NOUN
        , 5 punct PUNCT
        Jamel 14 compound PROPN
        Msallem 5 appos PROPN
        , 5 punct PUNCT
        said 16 ROOT VERB say
        , 16 punct PUNCT
        " 16 punct PUNCT
        We 20 nsubj PRON
        agree 16 ccomp VERB agree VBP
        . 16 punct PUNCT
        " 16 punct PUNCT
        """,
        ORG=["Agence France-Presse"],
        PERSON=["Jamel Msallem"],
    )
    assert speakers(doc) == [said(text, "Jamel Msallem", "Jamel Msallem")]


def test_who_signed_the_letter_saying_it_is_the_speaker() -> None:
    text = 'Fifty former officials signed a letter saying the report "has all the earmarks of an operation."'
    doc = parsed(
        text,
        """
        Fifty 2 nummod NUM fifty CD
        former 2 amod ADJ
        officials 3 nsubj NOUN official NNS
        signed 3 ROOT VERB sign
        a 5 det DET
        letter 3 dobj NOUN
        saying 5 acl VERB say
        the 8 det DET
        report 10 nsubj NOUN
        " 10 punct PUNCT
        has 6 ccomp VERB have VBZ
        all 13 predet DET all PDT
        the 13 det DET
        earmarks 10 dobj NOUN earmark NNS
        of 13 prep ADP
        an 16 det DET
        operation 14 pobj NOUN
        . 3 punct PUNCT
        " 3 punct PUNCT
        """,
        CARDINAL=["Fifty"],
    )
    assert speakers(doc) == [said(text, "Fifty former officials", "Fifty former officials")]


def test_a_reply_to_a_statement_before_a_colon_is_the_replier_s() -> None:
    text = 'Jair Bolsonaro opposed Macron\'s statement: "The suggestion evokes a colonialist mentality."'
    doc = parsed(
        text,
        """
        Jair 1 compound PROPN
        Bolsonaro 2 nsubj PROPN
        opposed 2 ROOT VERB oppose
        Macron 5 poss PROPN
        's 3 case PART 's POS
        statement 2 dobj NOUN
        : 5 punct PUNCT
        " 5 punct PUNCT
        The 9 det DET
        suggestion 10 nsubj NOUN
        evokes 5 acl VERB evoke VBZ
        a 13 det DET
        colonialist 13 amod ADJ
        mentality 10 dobj NOUN
        . 2 punct PUNCT
        " 2 punct PUNCT
        """,
        PERSON=["Jair Bolsonaro", "Macron"],
    )
    assert speakers(doc) == [said(text, "Jair Bolsonaro", "Jair Bolsonaro")]


def test_a_body_named_after_a_person_is_the_body() -> None:
    text = 'The Trump campaign described Taylor as "just another arrogant swamp bro".'
    doc = parsed(
        text,
        """
        The 2 det DET
        Trump 2 compound PROPN
        campaign 3 nsubj NOUN
        described 3 ROOT VERB describe
        Taylor 3 dobj PROPN
        as 3 prep ADP
        " 5 punct PUNCT
        just 11 advmod ADV
        another 11 det DET
        arrogant 11 amod ADJ
        swamp 11 amod ADJ
        bro 5 pobj NOUN
        " 3 punct PUNCT
        . 3 punct PUNCT
        """,
        PERSON=["Trump", "Taylor"],
    )
    assert speakers(doc) == [said(text, "The Trump campaign", "Trump campaign")]


def test_a_clause_subject_that_cannot_speak_is_passed_over_for_the_one_who_said_it() -> None:
    text = 'Okey Oramah said the use of currencies "costs Africa billions," further saying, "It hurts trade."'
    doc = parsed(
        text,
        """
        Okey 1 compound PROPN
        Oramah 2 nsubj PROPN
        said 2 ROOT VERB say
        the 4 det DET
        use 8 nsubj NOUN
        of 4 prep ADP
        currencies 5 pobj NOUN currency NNS
        " 8 punct PUNCT
        costs 2 ccomp VERB cost VBZ
        Africa 10 compound PROPN
        billions 8 dobj NOUN billion NNS
        , 8 punct PUNCT
        " 8 punct PUNCT
        further 14 advmod ADV far RB
        saying 8 advcl VERB say
        , 14 punct PUNCT
        " 14 punct PUNCT
        It 18 nsubj PRON
        hurts 14 ccomp VERB hurt VBZ
        trade 18 dobj NOUN
        . 2 punct PUNCT
        " 2 punct PUNCT
        """,
        PERSON=["Okey Oramah"],
        LOC=["Africa"],
    )
    oramah = said(text, "Okey Oramah", "Okey Oramah")
    assert speakers(doc) == [oramah, oramah]


def test_an_unattributed_title_in_title_case_is_a_scare_quote() -> None:
    text = 'The parliament voted to pass the "Reproductive Health Care Reform Bill 2019".'
    doc = parsed(
        text,
        """
        The 1 det DET
        parliament 2 nsubj NOUN
        voted 2 ROOT VERB vote
        to 4 aux PART to TO
        pass 2 xcomp VERB pass VB
        the 11 det DET
        " 11 punct PUNCT
        Reproductive 8 compound PROPN
        Health 10 compound PROPN
        Care 10 compound PROPN
        Reform 11 compound PROPN
        Bill 4 dobj PROPN
        2019 11 nummod NUM 2019 CD
        " 2 punct PUNCT
        . 2 punct PUNCT
        """,
    )
    assert speakers(doc) == [None]
    assert kinds(doc) == ["scare"]


def test_he_does_not_stand_for_a_plural_subject() -> None:
    text = 'Tak Wong met Ann Lee. The researchers left. He remarked, "My goal is to invent things."'
    doc = parsed(
        text,
        """
        Tak 1 compound PROPN
        Wong 2 nsubj PROPN
        met 2 ROOT VERB meet
        Ann 4 compound PROPN
        Lee 2 dobj PROPN
        . 2 punct PUNCT
        The 7 det DET
        researchers 8 nsubj NOUN researcher NNS
        left 8 ROOT VERB leave
        . 8 punct PUNCT
        He 11 nsubj PRON
        remarked 11 ROOT VERB remark
        , 11 punct PUNCT
        " 11 punct PUNCT
        My 15 poss PRON my PRP$
        goal 16 nsubj NOUN
        is 11 ccomp AUX be
        to 18 aux PART to TO
        invent 16 xcomp VERB invent VB
        things 18 dobj NOUN thing NNS
        . 11 punct PUNCT
        " 11 punct PUNCT
        """,
        PERSON=["Tak Wong", "Ann Lee"],
    )
    assert speakers(doc) == [said(text, "He", "Tak Wong")]


def test_a_pull_quote_credited_after_a_dash() -> None:
    text = '"More women are getting into technical fields." — Aparna Garg, Railway Manager'
    doc = parsed(
        text,
        """
        " 4 punct PUNCT
        More 2 amod ADJ More JJR
        women 4 nsubj NOUN woman NNS
        are 4 aux AUX be VBP
        getting 4 ROOT VERB get VBG
        into 4 prep ADP
        technical 7 amod ADJ
        fields 5 pobj NOUN field NNS
        . 4 punct PUNCT
        " 4 punct PUNCT
        — 12 punct PUNCT — :
        Aparna 12 compound PROPN
        Garg 12 ROOT PROPN
        , 12 punct PUNCT
        Railway 15 compound PROPN
        Manager 12 appos PROPN
        """,
        WORK_OF_ART=["Aparna Garg, Railway"],
    )
    assert speakers(doc) == [said(text, "Aparna Garg", "Aparna Garg")]


def test_a_quotation_standing_alone_goes_on_with_the_person_the_paragraph_is_about() -> None:
    text = (
        'Tipton was cast as a singer. She looked at the role as a "chance to face my demons". '
        '"I was in an extremely competitive program in high school."'
    )
    doc = parsed(
        text,
        """
        Tipton 2 nsubjpass PROPN
        was 2 auxpass AUX be VBD
        cast 2 ROOT VERB cast VBN
        as 2 prep ADP
        a 5 det DET
        singer 3 pobj NOUN
        . 2 punct PUNCT
        She 8 nsubj PRON
        looked 8 ROOT VERB look
        at 8 prep ADP
        the 11 det DET
        role 9 pobj NOUN
        as 11 prep ADP
        a 15 det DET
        " 15 punct PUNCT
        chance 12 pobj NOUN
        to 17 aux PART to TO
        face 15 acl VERB face VB
        my 19 poss PRON my PRP$
        demons 17 dobj NOUN demon NNS
        " 8 punct PUNCT
        . 8 punct PUNCT
        " 24 punct PUNCT
        I 24 nsubj PRON
        was 24 ROOT AUX be VBD
        in 24 prep ADP
        an 29 det DET
        extremely 28 advmod ADV
        competitive 29 amod ADJ
        program 25 pobj NOUN
        in 29 prep ADP
        high 32 amod ADJ
        school 30 pobj NOUN
        . 24 punct PUNCT
        " 24 punct PUNCT
        """,
        PERSON=["Tipton"],
    )
    assert speakers(doc) == [None, said(text, "She", "Tipton")]


def test_a_quoted_nickname_between_the_names_of_a_person_is_a_scare_quote() -> None:
    text = 'Gloria Vanderbilt married agent Pasquale "Pat" Di Cicco, according to her memoirs.'
    doc = parsed(
        text,
        """
        Gloria 1 compound PROPN
        Vanderbilt 2 nsubj PROPN
        married 2 ROOT VERB marry
        agent 9 nmod NOUN
        Pasquale 9 nmod PROPN
        " 9 punct PUNCT
        Pat 9 nmod PROPN
        " 9 punct PUNCT
        Di 9 compound PROPN
        Cicco 2 dobj PROPN
        , 2 punct PUNCT
        according 2 prep VERB accord VBG
        to 11 prep ADP
        her 14 poss PRON her PRP$
        memoirs 12 pobj NOUN memoir NNS
        . 2 punct PUNCT
        """,
        PERSON=["Gloria Vanderbilt", 'Pasquale "Pat" Di Cicco'],
    )
    # Without the rule, "according to her memoirs" gave the nickname to Gloria Vanderbilt.
    assert speakers(doc) == [None]
    assert kinds(doc) == ["scare"]


def test_my_blog_post_in_an_interview_answer_is_the_interviewee_s() -> None:
    text = '((Rich Bowen)) The first sentence of my blog post was "The future of the project is Stream."'
    doc = parsed(
        text,
        """
        ( 3 punct PUNCT ( -LRB-
        ( 3 punct PUNCT ( -LRB-
        Rich 3 compound PROPN
        Bowen 3 ROOT PROPN
        ) 3 punct PUNCT ) -RRB-
        ) 3 punct PUNCT ) -RRB-
        The 8 det DET
        first 8 amod ADJ
        sentence 13 nsubj NOUN
        of 8 prep ADP
        my 12 poss PRON my PRP$
        blog 12 compound NOUN
        post 9 pobj NOUN
        was 13 ROOT AUX be VBD
        " 13 punct PUNCT
        The 16 det DET
        future 20 nsubj NOUN
        of 16 prep ADP
        the 19 det DET
        project 17 pobj NOUN
        is 13 ccomp AUX be
        Stream 20 attr PROPN
        . 13 punct PUNCT
        " 13 punct PUNCT
        """,
        PERSON=["Rich Bowen"],
    )
    assert speakers(doc) == [said(text, "my", "Rich Bowen")]


def test_a_speech_verb_just_before_a_woven_quotation_introduces_it() -> None:
    text = (
        'NASA mourned him. It credited him, noting on Twitter "his venture began the history of spacewalks".'
    )
    doc = parsed(
        text,
        """
        NASA 1 nsubj PROPN
        mourned 1 ROOT VERB mourn
        him 1 dobj PRON he
        . 1 punct PUNCT
        It 5 nsubj PRON
        credited 5 ROOT VERB credit
        him 5 dobj PRON he
        , 5 punct PUNCT
        noting 5 advcl VERB note VBG
        on 8 prep ADP
        Twitter 9 pobj PROPN
        " 14 punct PUNCT
        his 13 poss PRON his PRP$
        venture 14 nsubj NOUN
        began 5 ccomp VERB begin
        the 16 det DET
        history 14 dobj NOUN
        of 16 prep ADP
        spacewalks 17 pobj NOUN spacewalk NNS
        " 14 punct PUNCT
        . 5 punct PUNCT
        """,
        ORG=["NASA", "Twitter"],
    )
    assert speakers(doc) == [said(text, "It", "NASA")]


def test_shouting_reports_words() -> None:
    text = 'Members of the House of Commons protested by shouting "shame on you!"'
    doc = parsed(
        text,
        """
        Members 6 nsubj NOUN member NNS
        of 0 prep ADP
        the 3 det DET
        House 1 pobj PROPN
        of 3 prep ADP
        Commons 4 pobj PROPN
        protested 6 ROOT VERB protest
        by 6 prep ADP
        shouting 7 pcomp VERB shout VBG
        " 8 punct PUNCT
        shame 8 dobj NOUN
        on 10 prep ADP
        you 11 pobj PRON
        ! 8 punct PUNCT
        " 8 punct PUNCT
        """,
        ORG=["the House of Commons"],
    )
    assert speakers(doc) == [said(text, "Members of the House of Commons", "Members of the House of Commons")]


def test_their_statement_is_the_group_named_before() -> None:
    text = (
        'The government of Samoa issued a statement. Their statement also read "the law violates our rights."'
    )
    doc = parsed(
        text,
        """
        The 1 det DET
        government 4 nsubj NOUN
        of 1 prep ADP
        Samoa 2 pobj PROPN
        issued 4 ROOT VERB issue
        a 6 det DET
        statement 4 dobj NOUN
        . 4 punct PUNCT
        Their 9 poss PRON their PRP$
        statement 11 nsubj NOUN
        also 11 advmod ADV
        read 11 ROOT VERB
        " 11 punct PUNCT
        the 14 det DET
        law 15 nsubj NOUN
        violates 11 ccomp VERB violate VBZ
        our 17 poss PRON our PRP$
        rights 15 dobj NOUN right NNS
        . 11 punct PUNCT
        " 11 punct PUNCT
        """,
        ORG=["Samoa"],
    )
    assert speakers(doc) == [said(text, "Their", "government of Samoa")]


def test_a_title_of_several_words_resolves_to_its_holder() -> None:
    text = 'First Minister Nicola Sturgeon welcomed it. The First Minister said, "It is a good day."'
    doc = parsed(
        text,
        """
        First 1 compound PROPN
        Minister 3 compound PROPN
        Nicola 3 compound PROPN
        Sturgeon 4 nsubj PROPN
        welcomed 4 ROOT VERB welcome
        it 4 dobj PRON
        . 4 punct PUNCT
        The 9 det DET
        First 9 compound PROPN
        Minister 10 nsubj PROPN
        said 10 ROOT VERB say
        , 10 punct PUNCT
        " 10 punct PUNCT
        It 14 nsubj PRON
        is 10 ccomp AUX be
        a 17 det DET
        good 17 amod ADJ
        day 14 attr NOUN
        . 10 punct PUNCT
        " 10 punct PUNCT
        """,
        PERSON=["Nicola Sturgeon"],
    )
    assert speakers(doc) == [said(text, "The First Minister", "Nicola Sturgeon")]


def test_he_can_stand_for_the_owner_of_the_subject_before() -> None:
    text = (
        "Ann Yar left. Actor Brendan Fraser's appearance was brief. "
        'He quipped "I still have dust in my shoes."'
    )
    doc = parsed(
        text,
        """
        Ann 1 compound PROPN
        Yar 2 nsubj PROPN
        left 2 ROOT VERB leave
        . 2 punct PUNCT
        Actor 6 compound NOUN
        Brendan 6 compound PROPN
        Fraser 8 poss PROPN
        's 6 case PART 's POS
        appearance 9 nsubj NOUN
        was 9 ROOT AUX be VBD
        brief 9 acomp ADJ
        . 9 punct PUNCT
        He 13 nsubj PRON
        quipped 13 ROOT VERB quip
        " 13 punct PUNCT
        I 17 nsubj PRON
        still 17 advmod ADV
        have 13 ccomp VERB have VBP
        dust 17 dobj NOUN
        in 17 prep ADP
        my 21 poss PRON my PRP$
        shoes 19 pobj NOUN shoe NNS
        . 13 punct PUNCT
        " 13 punct PUNCT
        """,
        PERSON=["Ann Yar", "Brendan Fraser"],
    )
    assert speakers(doc) == [said(text, "He", "Brendan Fraser")]


def test_a_decree_speaks_for_whoever_signed_it() -> None:
    text = 'The decree signed by Pope Francis read "The crimes offend Our Lord."'
    doc = parsed(
        text,
        """
        The 1 det DET
        decree 6 nsubj NOUN
        signed 1 acl VERB sign VBN
        by 2 agent ADP
        Pope 5 compound PROPN
        Francis 3 pobj PROPN
        read 6 ROOT VERB
        " 6 punct PUNCT
        The 9 det DET
        crimes 10 nsubj NOUN crime NNS
        offend 6 ccomp VERB offend VBP
        Our 12 poss PRON our PRP$
        Lord 10 dobj PROPN
        . 6 punct PUNCT
        " 6 punct PUNCT
        """,
        PERSON=["Francis"],
    )
    assert speakers(doc) == [said(text, "Francis", "Francis")]
