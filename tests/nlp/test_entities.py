"""Entity fixes on hand-built parses: each doc is what the small English model gives for such a
sentence (its entities included, mistakes and all), so each rule is tested without the model."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from annotator.nlp import LoadedPipeline
from annotator.nlp.confidence import SCORER
from annotator.nlp.entities import COMPONENT, FixTrace, fix_entities

from .parses import parsed as parse_rows


def parsed(text: str, rows: str, **labels: list[str]) -> Doc:
    """The entity tests' sentences start after each full stop, as the small model splits them."""
    return parse_rows(text, rows, split_at_full_stops=True, **labels)


def ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in fix_entities(doc)]


def test_contraction_fragment_and_possessive_are_never_entities() -> None:
    text = "We don’t know Merkel's plan."
    doc = parsed(
        text,
        """
        We 2 nsubj PRON we
        do 2 aux AUX
        n’t 2 neg PART not
        know 2 ROOT VERB
        Merkel 6 poss PROPN
        's 4 case PART
        plan 3 dobj NOUN
        . 3 punct PUNCT
        """,
        GPE=["n’t"],
        PERSON=["Merkel's"],
    )
    assert ents(doc) == [("Merkel", "PERSON")]


def test_ai_is_never_a_place_and_pandoras_box_is_an_idiom() -> None:
    text = "AI opened Pandora’s box."
    doc = parsed(
        text,
        """
        AI 1 nsubj PROPN
        opened 1 ROOT VERB open
        Pandora 4 poss PROPN
        ’s 2 case PART
        box 1 dobj NOUN
        . 1 punct PUNCT
        """,
        GPE=["AI", "Pandora"],
    )
    assert ents(doc) == []


def test_common_word_opening_a_sentence_and_a_portfolio_are_not_names() -> None:
    text = "Photographs showed Interior Minister Jan Kos."
    doc = parsed(
        text,
        """
        Photographs 1 nsubj NOUN photograph
        showed 1 ROOT VERB show
        Interior 3 compound PROPN
        Minister 5 compound PROPN
        Jan 5 compound PROPN
        Kos 1 dobj PROPN
        . 1 punct PUNCT
        """,
        PERSON=["Photographs", "Jan Kos"],
        ORG=["Interior"],
    )
    assert ents(doc) == [("Jan Kos", "PERSON")]


def test_person_titles_are_trimmed() -> None:
    text = "Mme Spanton left."
    doc = parsed(
        text,
        """
        Mme 1 compound PROPN
        Spanton 2 nsubj PROPN
        left 2 ROOT VERB leave
        . 2 punct PUNCT
        """,
        PERSON=["Mme Spanton"],
    )
    assert ents(doc) == [("Spanton", "PERSON")]


@pytest.mark.parametrize(("amount", "sign"), [("5", "%"), ("3.5", "%"), ("2", "‰")])
def test_a_percentage_keeps_its_sign(amount: str, sign: str) -> None:
    """spaCy counts "%" as punctuation; trimming it left a PERCENT entity of "5"."""
    text = f"Prices rose {amount}{sign} today."
    doc = parsed(
        text,
        f"""
        Prices 1 nsubj NOUN price
        rose 1 ROOT VERB rise
        {amount} 3 nummod NUM
        {sign} 1 dobj NOUN
        today 1 npadvmod NOUN
        . 1 punct PUNCT
        """,
        PERCENT=[f"{amount}{sign}"],
        DATE=["today"],
    )
    assert ents(doc) == [(f"{amount}{sign}", "PERCENT"), ("today", "DATE")]


@pytest.mark.parametrize(
    ("name", "model_label"),
    [
        ("Graphcore", "PERSON"),  # the op-ed case: the model calls Graphcore a PERSON
        ("Niger", "ORG"),  # a country's name the article calls a startup keeps ORG against the gazetteer
    ],
)
def test_appositive_startup_makes_an_organisation(name: str, model_label: str) -> None:
    text = f"{name}, a British startup, agreed."
    doc = parsed(
        text,
        f"""
        {name} 6 nsubj PROPN
        , 0 punct PUNCT
        a 4 det DET
        British 4 amod ADJ british
        startup 0 appos NOUN
        , 0 punct PUNCT
        agreed 6 ROOT VERB agree
        . 6 punct PUNCT
        """,
        **{model_label: [name]},
        NORP=["British"],
    )
    assert ents(doc) == [(name, "ORG"), ("British", "NORP")]


def test_companies_like_x_and_y_are_organisations_everywhere() -> None:
    # The op-ed case: DeepMind as PERSON and Anthropic missed; the later mention follows.
    text = "Companies like Anthropic and DeepMind wait. Anthropic agreed."
    doc = parsed(
        text,
        """
        Companies 5 nsubj NOUN company
        like 0 prep ADP
        Anthropic 1 pobj PROPN
        and 2 cc CCONJ
        DeepMind 2 conj PROPN
        wait 5 ROOT VERB
        . 5 punct PUNCT
        Anthropic 8 nsubj PROPN
        agreed 8 ROOT VERB agree
        . 8 punct PUNCT
        """,
        PERSON=["DeepMind"],
    )
    assert ents(doc) == [("Anthropic", "ORG"), ("DeepMind", "ORG"), ("Anthropic", "ORG")]


def test_two_weak_clues_make_an_organisation_one_does_not() -> None:
    rows = """
        Anthropic 2 poss PROPN
        ’s 0 case PART
        confirmation 3 nsubj NOUN
        came 3 ROOT VERB come
        . 3 punct PUNCT
        Anthropic 7 nsubj PROPN
        has 7 aux AUX
        confirmed 7 ROOT VERB confirm
        it 7 dobj PRON
        . 7 punct PUNCT
        """
    text = "Anthropic’s confirmation came. Anthropic has confirmed it."
    assert ents(parsed(text, rows)) == [("Anthropic", "ORG"), ("Anthropic", "ORG")]
    one = "Anthropic’s confirmation came."
    assert ents(parsed(one, "\n".join(rows.strip().splitlines()[:5]))) == []


def test_a_named_person_is_not_made_an_organisation() -> None:
    text = "Ann Smith spoke. Smith’s confirmation came. Smith has confirmed it."
    doc = parsed(
        text,
        """
        Ann 1 compound PROPN
        Smith 2 nsubj PROPN
        spoke 2 ROOT VERB speak
        . 2 punct PUNCT
        Smith 6 poss PROPN
        ’s 4 case PART
        confirmation 7 nsubj NOUN
        came 7 ROOT VERB come
        . 7 punct PUNCT
        Smith 11 nsubj PROPN
        has 11 aux AUX
        confirmed 11 ROOT VERB confirm
        it 11 dobj PRON
        . 11 punct PUNCT
        """,
        PERSON=["Ann Smith"],
    )
    assert ents(doc) == [("Ann Smith", "PERSON"), ("Smith", "PERSON"), ("Smith", "PERSON")]


def test_lone_surname_of_a_named_person_is_a_person_but_not_a_place_after_in() -> None:
    text = "Nancy Pelosi won. Pelosi spoke in Pelosi."
    doc = parsed(
        text,
        """
        Nancy 1 compound PROPN
        Pelosi 2 nsubj PROPN
        won 2 ROOT VERB win
        . 2 punct PUNCT
        Pelosi 5 nsubj PROPN
        spoke 5 ROOT VERB speak
        in 5 prep ADP
        Pelosi 6 pobj PROPN
        . 5 punct PUNCT
        """,
        PERSON=["Nancy Pelosi"],
        GPE=["Pelosi@1", "Pelosi@2"],
    )
    assert ents(doc) == [("Nancy Pelosi", "PERSON"), ("Pelosi", "PERSON"), ("Pelosi", "GPE")]


def test_acronym_in_brackets_takes_the_type_of_its_name() -> None:
    text = "The Federal Security Service (FSB) spoke. FSB agents left."
    doc = parsed(
        text,
        """
        The 3 det DET
        Federal 3 compound PROPN
        Security 3 compound PROPN
        Service 8 nsubj PROPN
        ( 3 punct PUNCT
        FSB 3 appos PROPN
        ) 3 punct PUNCT
        spoke 8 ROOT VERB speak
        . 8 punct PUNCT
        FSB 10 compound PROPN
        agents 11 nsubj NOUN agent
        left 11 ROOT VERB leave
        . 11 punct PUNCT
        """,
        ORG=["Federal Security Service"],
    )
    assert ents(doc) == [("Federal Security Service", "ORG"), ("FSB", "ORG"), ("FSB", "ORG")]


def test_maker_and_model_number_are_one_product() -> None:
    text = "A Boeing 707 and an Airbus A300s flew."
    doc = parsed(
        text,
        """
        A 2 det DET
        Boeing 2 compound PROPN
        707 7 nsubj NUM
        and 2 cc CCONJ
        an 6 det DET
        Airbus 6 compound PROPN
        A300s 2 conj PROPN
        flew 7 ROOT VERB fly
        . 7 punct PUNCT
        """,
        ORG=["Boeing", "Airbus A300s"],
        PRODUCT=["707"],
    )
    assert ents(doc) == [("Boeing 707", "PRODUCT"), ("Airbus A300s", "PRODUCT")]


def test_fixes_run_in_the_rule_fallback_too(rules_pipeline: LoadedPipeline) -> None:
    assert COMPONENT in rules_pipeline.nlp.pipe_names
    doc = rules_pipeline.nlp("We don’t know what AI will do.")
    assert [e.text for e in doc.ents] == []


@pytest.mark.model
def test_model_pipeline_runs_the_fixes_after_ner(model_pipeline: LoadedPipeline) -> None:
    names = model_pipeline.nlp.pipe_names
    # Only the confidence scorer, which changes no entity, sits between them.
    assert names[names.index("ner") + 1 : names.index(COMPONENT)] == [SCORER]
    doc = model_pipeline.nlp("Graphcore, a British startup, said AI would change everything.")
    assert ("AI", "GPE") not in [(e.text, e.label_) for e in doc.ents]
    assert ("Graphcore", "ORG") in [(e.text, e.label_) for e in doc.ents]


def test_diseases_time_zones_lowercase_words_and_title_parts_are_not_names() -> None:
    text = "COVID-19 hit at 0100 UTC, said the Secretary of State with restraint."
    doc = parsed(
        text,
        """
        COVID-19 1 nsubj PROPN
        hit 1 ROOT VERB
        at 1 prep ADP
        0100 4 nummod NUM
        UTC 2 pobj PROPN
        , 6 punct PUNCT
        said 1 ccomp VERB say
        the 8 det DET
        Secretary 6 nsubj PROPN
        of 8 prep ADP
        State 9 pobj PROPN
        with 6 prep ADP
        restraint 11 pobj NOUN
        . 1 punct PUNCT
        """,
        ORG=["COVID-19", "UTC", "State", "restraint"],
    )
    assert ents(doc) == []


def test_an_acronym_in_brackets_is_cut_from_the_name_before_it() -> None:
    text = "The World Health Organization (WHO) spoke."
    doc = parsed(
        text,
        """
        The 3 det DET
        World 2 compound PROPN
        Health 3 compound PROPN
        Organization 7 nsubj PROPN
        ( 3 punct PUNCT
        WHO 3 appos PROPN
        ) 3 punct PUNCT
        spoke 7 ROOT VERB speak
        . 7 punct PUNCT
        """,
        ORG=["World Health Organization (WHO"],
    )
    assert ents(doc) == [("World Health Organization", "ORG"), ("WHO", "ORG")]


def test_a_role_before_or_beside_a_name_makes_it_a_person() -> None:
    text = "Officers Ana Lima and Tomas Kubiak, a fire spokesman, left."
    doc = parsed(
        text,
        """
        Officers 2 compound NOUN officer
        Ana 2 compound PROPN
        Lima 11 nsubj PROPN
        and 2 cc CCONJ
        Tomas 5 compound PROPN
        Kubiak 2 conj PROPN
        , 5 punct PUNCT
        a 9 det DET
        fire 9 compound NOUN
        spokesman 5 appos NOUN
        , 5 punct PUNCT
        left 11 ROOT VERB leave
        . 11 punct PUNCT
        """,
        ORG=["Ana Lima", "Tomas Kubiak"],
    )
    assert ents(doc) == [("Ana Lima", "PERSON"), ("Tomas Kubiak", "PERSON")]


@pytest.mark.model
def test_known_organisations_are_ruled_before_the_recogniser(model_pipeline: LoadedPipeline) -> None:
    names = model_pipeline.nlp.pipe_names
    assert names.index("annotator_known_orgs") < names.index("ner")
    doc = model_pipeline.nlp("She wrote on Twitter that the World Health Organization (WHO) was right.")
    found = {(e.text.removeprefix("the "), e.label_) for e in doc.ents}
    # Alone, the model calls Twitter a person and keeps "(WHO" inside the longer name.
    assert {("Twitter", "ORG"), ("World Health Organization", "ORG"), ("WHO", "ORG")} <= found


def flat(text: str, words: str, **labels: list[str]) -> Doc:
    """A doc of the given words, each its own head (no parse), with entities as in `parsed`."""
    rows = "\n".join(f"{w} {i} ROOT PROPN" for i, w in enumerate(words.split()))
    return parsed(text, rows, **labels)


def test_a_dash_between_spaces_separates_names_and_a_number_is_no_name() -> None:
    text = "From Tesco — Netto Poland has staff. Labour Party - 203 seats"
    doc = flat(
        text,
        "From Tesco — Netto Poland has staff . Labour Party - 203 seats",
        ORG=["Tesco — Netto Poland", "Labour Party - 203"],
    )
    assert ents(doc) == [("Tesco", "ORG"), ("Netto Poland", "ORG"), ("Labour Party", "ORG")]


def test_the_interviewers_mark_and_common_abbreviations_are_no_names() -> None:
    doc = flat("((WN)) user ID", "( ( WN ) ) user ID", ORG=["WN", "ID"])
    assert ents(doc) == []


def test_the_interviewers_mark_stays_no_name_when_it_looks_like_a_company_subject() -> None:
    """The Minetest interview: "((WN))" twice as the subject of a company verb had every mark
    put back as ORG after the mark itself was dropped."""
    text = "((WN)) has confirmed it. ((WN)) has confirmed that."
    rows = "\n".join(
        f"{word} {head} {dep} {pos}"
        for word, head, dep, pos in (
            ("(", 2, "punct", "PUNCT"),
            ("(", 2, "punct", "PUNCT"),
            ("WN", 6, "nsubj", "PROPN"),
            (")", 2, "punct", "PUNCT"),
            (")", 2, "punct", "PUNCT"),
            ("has", 6, "aux", "AUX"),
            ("confirmed", 6, "ROOT", "VERB confirm"),
            ("it", 6, "dobj", "PRON"),
            (".", 6, "punct", "PUNCT"),
            ("(", 11, "punct", "PUNCT"),
            ("(", 11, "punct", "PUNCT"),
            ("WN", 15, "nsubj", "PROPN"),
            (")", 11, "punct", "PUNCT"),
            (")", 11, "punct", "PUNCT"),
            ("has", 15, "aux", "AUX"),
            ("confirmed", 15, "ROOT", "VERB confirm"),
            ("that", 15, "dobj", "PRON"),
            (".", 15, "punct", "PUNCT"),
        )
    )
    assert ents(parsed(text, rows, ORG=["WN", "WN@1"])) == []


def test_an_organisation_noun_before_a_name_makes_it_an_organisation() -> None:
    text = "The Mexican company Cultura Colectiva and store chains Woolworths and Coles agreed."
    doc = parsed(
        text,
        """
        The 4 det DET
        Mexican 4 amod ADJ mexican
        company 4 compound NOUN company
        Cultura 4 compound PROPN
        Colectiva 13 nsubj PROPN
        and 4 cc CCONJ
        store 7 compound NOUN
        chains 8 compound NOUN chain
        Woolworths 4 conj PROPN
        and 8 cc CCONJ
        Coles 8 conj PROPN
        agreed 11 ROOT VERB agree
        . 11 punct PUNCT
        """.replace(" 13 nsubj", " 11 nsubj"),
        PERSON=["Cultura Colectiva", "Coles"],
        NORP=["Mexican"],
    )
    assert ents(doc) == [
        ("Mexican", "NORP"),
        ("Cultura Colectiva", "ORG"),
        ("Woolworths", "ORG"),
        ("Coles", "ORG"),
    ]


@pytest.mark.parametrize("model_label", ["GPE", "ORG"])
def test_two_weak_clues_do_not_make_a_place_an_organisation(model_label: str) -> None:
    # Company verbs are weak evidence: they neither unmake the model's GPE nor keep its ORG of a
    # country against the gazetteer.
    text = "Hungary launched it. Hungary licensed it."
    doc = parsed(
        text,
        """
        Hungary 1 nsubj PROPN
        launched 1 ROOT VERB launch
        it 1 dobj PRON
        . 1 punct PUNCT
        Hungary 5 nsubj PROPN
        licensed 5 ROOT VERB license
        it 5 dobj PRON
        . 5 punct PUNCT
        """,
        **{model_label: ["Hungary", "Hungary@1"]},
    )
    assert ents(doc) == [("Hungary", "GPE"), ("Hungary", "GPE")]


def test_a_person_named_after_a_place_or_a_title_is_cut_out_of_the_longer_name() -> None:
    text = (
        "In Hong Kong , Hong Kong Carrie Lam and United States Representative Ann Cole met . "
        "Lam and Cole left ."
    )
    doc = flat(
        text,
        text,
        GPE=["Hong Kong", "Hong Kong Carrie Lam"],
        ORG=["United States Representative Ann Cole"],
        PERSON=["Lam@1", "Cole@1"],
    )
    assert ents(doc) == [
        ("Hong Kong", "GPE"),
        ("Hong Kong", "GPE"),
        ("Carrie Lam", "PERSON"),
        ("Ann Cole", "PERSON"),  # the title goes, and "United States Representative" names no one
        ("Lam", "PERSON"),
        ("Cole", "PERSON"),
    ]
    # No place or title before it: "Red Hat Enterprise Linux" stays one name even if Linux is a
    # person (and, named for an operating system, a product).
    doc = flat(
        "Red Hat Enterprise Linux runs . Linux left .",
        "Red Hat Enterprise Linux runs . Linux left .",
        ORG=["Red Hat Enterprise Linux"],
        PERSON=["Linux@1"],
    )
    assert ents(doc) == [("Red Hat Enterprise Linux", "PRODUCT"), ("Linux", "PERSON")]


def test_an_organisations_name_goes_on_with_of_and_capitalised_words() -> None:
    text = "The European Court of Justice and the Supreme Court of the United Kingdom met on Monday."
    doc = flat(
        text,
        "The European Court of Justice and the Supreme Court of the United Kingdom met on Monday .",
        ORG=["European Court", "Supreme Court"],
        GPE=["United Kingdom"],
        DATE=["Monday"],
    )
    assert ents(doc) == [
        ("European Court of Justice", "ORG"),
        ("Supreme Court of the United Kingdom", "ORG"),
        ("Monday", "DATE"),
    ]


def test_an_organisation_named_as_a_war_or_an_act_is_an_event_or_a_law() -> None:
    text = "After the Libyan Civil War came the Tenure of Office Act ."
    doc = flat(text, text, ORG=["Libyan Civil War", "Tenure of Office Act"])
    assert ents(doc) == [("Libyan Civil War", "EVENT"), ("Tenure of Office Act", "LAW")]


def test_an_acronym_spelling_a_name_of_the_article_takes_its_type() -> None:
    text = "The Democratic Republic of the Congo grieves . The DRC health ministry"
    doc = flat(text, text, GPE=["Democratic Republic of the Congo"], ORG=["DRC"])
    assert ents(doc) == [("Democratic Republic of the Congo", "GPE"), ("DRC", "GPE")]


def test_a_surname_is_found_without_its_accents_with_its_hyphens_and_particles() -> None:
    text = "Joachim Brudziński , Bashar al-Assad , Rocky De La Fuente . Brudzinski , al-Assad , De La Fuente"
    words = text.replace("al-Assad", "al - Assad")
    doc = flat(
        text,
        words,
        PERSON=["Joachim Brudziński", "Bashar al-Assad", "Rocky De La Fuente"],
        ORG=["Brudzinski", "al-Assad@1", "De La Fuente@1"],
    )
    assert [e for e in ents(doc) if e[1] != "PERSON"] == []
    assert ents(doc)[3:] == [("Brudzinski", "PERSON"), ("al-Assad", "PERSON"), ("De La Fuente", "PERSON")]


def test_letters_after_a_name_are_not_part_of_it() -> None:
    text = "Prosecutor Kama Melly QC said so."
    doc = flat(text, "Prosecutor Kama Melly QC said so .", PERSON=["Kama Melly QC"])
    assert ents(doc) == [("Kama Melly", "PERSON")]


def test_after_a_title_and_of_a_place_and_a_person_are_cut_apart() -> None:
    text = "President of Ukraine Volodymyr Zelenskyy said so ."
    doc = flat(text, text, ORG=["Ukraine Volodymyr Zelenskyy"])
    assert ents(doc) == [("Ukraine", "GPE"), ("Volodymyr Zelenskyy", "PERSON")]


def test_a_trace_says_which_step_made_an_organisation_and_from_which_clue() -> None:
    text = "Graphcore , a British startup , grew ."
    doc = parsed(
        text,
        """
        Graphcore 6 nsubj PROPN
        , 0 punct PUNCT
        a 4 det DET
        British 4 amod ADJ british
        startup 0 appos NOUN startup
        , 0 punct PUNCT
        grew 6 ROOT VERB grow
        . 6 punct PUNCT
        """,
        PERSON=["Graphcore"],
        NORP=["British"],
    )
    trace = FixTrace()
    fix_entities(doc, trace=trace)
    labels = {step: {e.text: e.label_ for e in found}.get("Graphcore") for step, found in trace.steps}
    assert labels["model"] == "PERSON"
    assert labels["org tails (of/on/for)"] == "PERSON"
    assert labels["org evidence, strong"] == "ORG"
    assert trace.org_evidence == {"Graphcore": {"appositive"}}


def test_an_organisation_named_as_an_operating_system_is_a_product_and_so_is_its_acronym() -> None:
    text = "It is compatible with Red Hat Enterprise Linux ( RHEL ) . Later RHEL grew ."
    doc = flat(text, text, ORG=["Red Hat Enterprise Linux", "RHEL", "RHEL@1"])
    assert ents(doc) == [("Red Hat Enterprise Linux", "PRODUCT"), ("RHEL", "PRODUCT"), ("RHEL", "PRODUCT")]


def test_a_trade_noun_before_a_name_is_no_evidence_of_an_organisation() -> None:
    # The small model finds no entity in "video game developer Perttu Ahola"; "developer" is a
    # person's trade as often as a kind of company, so it must not make the name an ORG, while
    # "the Iranian airline Mahan Air" still does.
    text = "Finnish game developer Perttu Ahola discussed it with the Iranian airline Mahan Air ."
    doc = parsed(
        text,
        """
        Finnish 4 amod ADJ finnish
        game 3 compound NOUN game
        developer 4 compound NOUN developer
        Perttu 5 compound PROPN
        Ahola 6 nsubj PROPN
        discussed 6 ROOT VERB discuss
        it 6 dobj PRON
        with 6 prep ADP
        the 13 det DET
        Iranian 13 amod ADJ iranian
        airline 13 compound NOUN airline
        Mahan 13 compound PROPN
        Air 8 pobj PROPN
        . 6 punct PUNCT
        """,
        NORP=["Finnish", "Iranian"],
    )
    assert ents(doc) == [("Finnish", "NORP"), ("Iranian", "NORP"), ("Mahan Air", "ORG")]


def test_an_interviewees_speaker_mark_names_a_person_and_so_does_the_surname() -> None:
    # The small model types the interviewee's mark ORG on some answers and finds nothing on others.
    text = "((Perttu Ahola)) Hi. ((WN)) Why? ((Perttu Ahola)) Ahola wrote it."
    words = "( ( Perttu Ahola ) ) Hi . ( ( WN ) ) Why ? ( ( Perttu Ahola ) ) Ahola wrote it ."
    doc = flat(text, words, ORG=["Perttu Ahola", "Ahola@2"])
    assert ents(doc) == [("Perttu Ahola", "PERSON"), ("Perttu Ahola", "PERSON"), ("Ahola", "PERSON")]


def test_a_country_the_model_typed_organisation_is_a_place() -> None:
    # The model's own ORG for a country that acts ("Slovakia … reverted"), seen on the tuning batches.
    text = "Slovakia reverted it."
    doc = parsed(
        text,
        """
        Slovakia 1 nsubj PROPN
        reverted 1 ROOT VERB revert
        it 1 dobj PRON
        . 1 punct PUNCT
        """,
        ORG=["Slovakia"],
    )
    assert ents(doc) == [("Slovakia", "GPE")]


def test_a_city_is_a_place_after_in_but_not_after_at() -> None:
    # "at" and "from" come before employers too: Toyota is also a city of 400,000 people.
    text = "Officials in Omsk said it. Engineers at Toyota said it."
    doc = parsed(
        text,
        """
        Officials 3 nsubj NOUN official
        in 0 prep ADP
        Omsk 1 pobj PROPN
        said 3 ROOT VERB say
        it 3 dobj PRON
        . 3 punct PUNCT
        Engineers 9 nsubj NOUN engineer
        at 6 prep ADP
        Toyota 7 pobj PROPN
        said 9 ROOT VERB say
        it 9 dobj PRON
        . 9 punct PUNCT
        """,
        ORG=["Omsk", "Toyota"],
    )
    assert ents(doc) == [("Omsk", "GPE"), ("Toyota", "ORG")]


def _three_sentences(name: str) -> str:
    """Rows for "<two-word name> said it." three times over."""
    rows = []
    for k in range(3):
        base = 5 * k
        first, last = name.split()
        rows += [
            f"{first} {base + 1} compound PROPN",
            f"{last} {base + 2} nsubj PROPN",
            f"said {base + 2} ROOT VERB say",
            f"it {base + 2} dobj PRON",
            f". {base + 2} punct PUNCT",
        ]
    return "\n".join(rows)


def test_a_name_takes_the_type_most_of_its_mentions_have() -> None:
    text = "Red Hat said it. Red Hat said it. Red Hat said it."
    doc = parsed(text, _three_sentences("Red Hat"), ORG=["Red Hat", "Red Hat@2"], PERSON=["Red Hat@1"])
    assert ents(doc) == [("Red Hat", "ORG")] * 3


def test_a_name_typed_two_ways_equally_keeps_both() -> None:
    text = "Red Hat said it. Red Hat said it. Red Hat said it."
    doc = parsed(text, _three_sentences("Red Hat"), ORG=["Red Hat"], FAC=["Red Hat@1"])
    assert ents(doc) == [("Red Hat", "ORG"), ("Red Hat", "FAC")]


def test_a_surname_typed_person_votes_for_its_full_name() -> None:
    # Two ORGs of the full name against one PERSON; "Baloch" alone is a person twice more.
    text = "Qandeel Baloch said it. Qandeel Baloch said it. Qandeel Baloch said it. Baloch sang. Baloch sang."
    rows = (
        _three_sentences("Qandeel Baloch")
        + "\n"
        + "\n".join(
            f"{w} {h} {d} {p}"
            for w, h, d, p in [
                ("Baloch", 16, "nsubj", "PROPN"),
                ("sang", 16, "ROOT", "VERB"),
                (".", 16, "punct", "PUNCT"),
                ("Baloch", 19, "nsubj", "PROPN"),
                ("sang", 19, "ROOT", "VERB"),
                (".", 19, "punct", "PUNCT"),
            ]
        )
    )
    doc = parsed(
        text,
        rows,
        ORG=["Qandeel Baloch", "Qandeel Baloch@1"],
        PERSON=["Qandeel Baloch@2", "Baloch@3", "Baloch@4"],
    )
    assert ents(doc) == [("Qandeel Baloch", "PERSON")] * 3 + [("Baloch", "PERSON")] * 2


def test_a_role_before_a_hyphenated_name_makes_it_a_person() -> None:
    text = "Spokesman Man-kei Tam spoke."
    doc = parsed(
        text,
        """
        Spokesman 4 compound NOUN spokesman
        Man 3 compound PROPN
        - 3 punct PUNCT
        kei 4 compound PROPN
        Tam 5 nsubj PROPN
        spoke 5 ROOT VERB speak
        . 5 punct PUNCT
        """,
        ORG=["Man-kei Tam"],
    )
    assert ents(doc) == [("Man-kei Tam", "PERSON")]


def test_a_person_named_as_an_operating_system_is_a_product_and_lends_no_surname() -> None:
    # The CentOS interview: the model typed "Rocky Linux" PERSON, and its "surname" then made every
    # "Linux" of "CentOS Linux" a person (24 wrong PERSONs in one article of the tuning batches).
    text = "Rocky Linux will ship . Users of CentOS Linux wait ."
    doc = parsed(
        text,
        """
        Rocky 1 compound PROPN
        Linux 3 nsubj PROPN
        will 3 aux AUX
        ship 3 ROOT VERB
        . 3 punct PUNCT
        Users 9 nsubj NOUN user
        of 5 prep ADP
        CentOS 8 compound PROPN
        Linux 6 pobj PROPN
        wait 9 ROOT VERB
        . 9 punct PUNCT
        """,
        PERSON=["Rocky Linux"],
    )
    assert ents(doc) == [("Rocky Linux", "PRODUCT")]


def test_a_full_name_the_model_left_untyped_is_the_person_not_its_last_word() -> None:
    # The model typed "Red Hat" PERSON once and left another "Red Hat" without a type: the rule for
    # lone surnames must not cut "Hat" out of it as a person of its own.
    text = "Red Hat said it . They asked Red Hat ."
    doc = parsed(
        text,
        """
        Red 1 compound PROPN
        Hat 2 nsubj PROPN
        said 2 ROOT VERB say
        it 2 dobj PRON
        . 2 punct PUNCT
        They 6 nsubj PRON they
        asked 6 ROOT VERB ask
        Red 8 compound PROPN
        Hat 6 dobj PROPN
        . 6 punct PUNCT
        """,
        PERSON=["Red Hat"],
    )
    assert ents(doc) == [("Red Hat", "PERSON"), ("Red Hat", "PERSON")]


def test_a_country_the_model_typed_person_is_a_place_unless_a_person_bears_the_name() -> None:
    # "the same day Malawi confirmed its first infections": the model's PERSON, on the tuning batches.
    text = "Malawi confirmed it . Michael Jordan won . Jordan said it ."
    doc = parsed(
        text,
        """
        Malawi 1 nsubj PROPN
        confirmed 1 ROOT VERB confirm
        it 1 dobj PRON
        . 1 punct PUNCT
        Michael 5 compound PROPN
        Jordan 6 nsubj PROPN
        won 6 ROOT VERB win
        . 6 punct PUNCT
        Jordan 9 nsubj PROPN
        said 9 ROOT VERB say
        it 9 dobj PRON
        . 9 punct PUNCT
        """,
        PERSON=["Malawi", "Michael Jordan", "Jordan@1"],
    )
    assert ents(doc) == [("Malawi", "GPE"), ("Michael Jordan", "PERSON"), ("Jordan", "PERSON")]


def test_a_surname_typed_person_twice_makes_its_full_name_a_person_the_model_never_did() -> None:
    # "Mugabe won over Morgan Tsvangirai of the MDC": the one full mention typed ORG, while
    # "Tsvangirai" alone is a person three times in the same article of the tuning batches.
    text = "Mugabe beat Morgan Tsvangirai . Tsvangirai sang . Tsvangirai sang ."
    doc = flat(text, text, PERSON=["Mugabe", "Tsvangirai@1", "Tsvangirai@2"], ORG=["Morgan Tsvangirai"])
    assert ents(doc) == [
        ("Mugabe", "PERSON"),
        ("Morgan Tsvangirai", "PERSON"),
        ("Tsvangirai", "PERSON"),
        ("Tsvangirai", "PERSON"),
    ]


def test_capitalised_words_before_an_organisation_the_parse_puts_inside_it_start_its_name() -> None:
    text = (
        "Red Hat told the CentOS Governing Board and a Kataeb Hezbollah official"
        " of the Co-operative Commonwealth Federation."
    )
    doc = parsed(
        text,
        """
        Red 1 compound PROPN
        Hat 2 nsubj PROPN
        told 2 ROOT VERB tell
        the 6 det DET
        CentOS 6 compound PROPN
        Governing 6 compound PROPN
        Board 2 dobj PROPN
        and 6 cc CCONJ
        a 11 det DET
        Kataeb 10 compound PROPN
        Hezbollah 11 compound PROPN
        official 6 conj NOUN
        of 11 prep ADP
        the 18 det DET
        Co 18 amod ADJ
        - 18 amod ADJ
        operative 18 amod ADJ
        Commonwealth 18 compound PROPN
        Federation 12 pobj PROPN
        . 2 punct PUNCT
        """,
        ORG=["Red Hat", "Governing Board", "Hezbollah", "Commonwealth Federation"],
        NORP=["Kataeb"],
    )
    assert ents(doc) == [
        ("Red Hat", "ORG"),
        ("CentOS Governing Board", "ORG"),
        ("Kataeb Hezbollah", "ORG"),
        ("Co-operative Commonwealth Federation", "ORG"),
    ]


def test_a_demonym_a_title_a_sentence_start_or_a_possessive_does_not_join_an_organisation() -> None:
    text = (
        "Yesterday Labour met Iranian Hezbollah and Minister Smith Foundation."
        " Russia's Gazprom won. Opponent MP Tanya Davies said it."
    )
    doc = parsed(
        text,
        """
        Yesterday 1 compound PROPN
        Labour 2 nsubj PROPN
        met 2 ROOT VERB meet
        Iranian 4 amod ADJ
        Hezbollah 2 dobj PROPN
        and 4 cc CCONJ
        Minister 8 compound PROPN
        Smith 8 compound PROPN
        Foundation 4 conj PROPN
        . 2 punct PUNCT
        Russia 12 poss PROPN
        's 10 case PART
        Gazprom 13 nsubj PROPN
        won 13 ROOT VERB win
        . 13 punct PUNCT
        Opponent 18 compound NOUN opponent
        MP 18 compound PROPN
        Tanya 18 compound PROPN
        Davies 19 nsubj PROPN
        said 19 ROOT VERB say
        it 19 dobj PRON
        . 19 punct PUNCT
        """,
        ORG=["Labour", "Hezbollah", "Foundation", "Gazprom", "Tanya Davies"],
        NORP=["Iranian"],
        PERSON=["Smith"],
        GPE=["Russia"],
    )
    assert ents(doc) == [
        ("Labour", "ORG"),
        ("Iranian", "NORP"),
        ("Hezbollah", "ORG"),
        ("Smith", "PERSON"),
        ("Foundation", "ORG"),
        ("Russia", "GPE"),
        ("Gazprom", "ORG"),
        ("Tanya Davies", "PERSON"),
    ]


def test_a_name_ending_in_avenue_or_airport_is_a_facility() -> None:
    # "the explosion at Karl Marx Avenue" (PERSON), "Baghdad International Airport" (ORG).
    text = "Homes on Karl Marx Avenue near Baghdad International Airport and Marx Street Band ."
    doc = flat(
        text,
        text,
        PERSON=["Karl Marx Avenue"],
        ORG=["Baghdad International Airport", "Marx Street Band"],
    )
    assert ents(doc) == [
        ("Karl Marx Avenue", "FAC"),
        ("Baghdad International Airport", "FAC"),
        ("Marx Street Band", "ORG"),
    ]


def test_an_airlines_operations_permit_and_director_are_what_an_organisation_owns() -> None:
    # "restrict Mahan's operations", "revoked Mahan's permit": the model's PERSON, in the tuning batches.
    text = "Allies restrict Mahan's operations. Germany revoked Mahan's permit. Mahan's director left."
    doc = parsed(
        text,
        """
        Allies 1 nsubj NOUN ally
        restrict 1 ROOT VERB
        Mahan 4 poss PROPN
        's 2 case PART
        operations 1 dobj NOUN operation
        . 1 punct PUNCT
        Germany 7 nsubj PROPN
        revoked 7 ROOT VERB revoke
        Mahan 10 poss PROPN
        's 8 case PART
        permit 7 dobj NOUN
        . 7 punct PUNCT
        Mahan 14 poss PROPN
        's 12 case PART
        director 15 nsubj NOUN
        left 15 ROOT VERB leave
        . 15 punct PUNCT
        """,
        PERSON=["Mahan", "Mahan@1", "Mahan@2"],
        GPE=["Germany"],
    )
    assert ents(doc) == [("Mahan", "ORG"), ("Germany", "GPE"), ("Mahan", "ORG"), ("Mahan", "ORG")]


def test_a_city_with_a_governor_or_a_mayor_is_a_place_but_a_company_with_a_president_is_not() -> None:
    # "Chelyabinsk's governor has promised …": the model's ORG, in the tuning batches.
    text = "Chelyabinsk's governor promised it. Toyota's president said it."
    doc = parsed(
        text,
        """
        Chelyabinsk 2 poss PROPN
        's 0 case PART
        governor 3 nsubj NOUN
        promised 3 ROOT VERB promise
        it 3 dobj PRON
        . 3 punct PUNCT
        Toyota 8 poss PROPN
        's 6 case PART
        president 9 nsubj NOUN
        said 9 ROOT VERB say
        it 9 dobj PRON
        . 9 punct PUNCT
        """,
        ORG=["Chelyabinsk", "Toyota"],
    )
    assert ents(doc) == [("Chelyabinsk", "GPE"), ("Toyota", "ORG")]


def test_a_given_name_and_a_surname_typed_org_are_a_person() -> None:
    text = (
        "The seat held by Elijah Cummings is open . Senator from Vermont Bernie Sanders won . "
        "Sanders spoke . Morgan Stanley and the Tony Blair Institute agreed ."
    )
    doc = flat(
        text,
        text,
        ORG=[
            "Elijah Cummings",
            "Vermont Bernie Sanders",
            "Sanders@1",
            "Morgan Stanley",
            "Tony Blair Institute",
        ],
    )
    assert ents(doc) == [
        ("Elijah Cummings", "PERSON"),
        ("Vermont", "GPE"),  # the state the model ran into the name is a place again
        ("Bernie Sanders", "PERSON"),
        ("Sanders", "PERSON"),  # and so the lone surname is the person too
        ("Morgan Stanley", "ORG"),  # "Morgan" opens a bank's name as often as a person's
        ("Tony Blair Institute", "ORG"),  # named for a person, but an institute
    ]


def test_a_common_noun_before_a_given_name_and_surname_is_no_name() -> None:
    text = "Whistleblower Julian Assange was arrested ."
    rows = """Whistleblower 2 compound NOUN
Julian 2 compound PROPN
Assange 4 nsubjpass PROPN
was 4 auxpass AUX
arrested 4 ROOT VERB
. 4 punct PUNCT"""
    doc = parsed(text, rows, ORG=["Whistleblower Julian Assange"])
    assert ents(doc) == [("Julian Assange", "PERSON")]


def test_a_given_name_and_a_surname_stay_an_organisation_the_article_says_is_one() -> None:
    text = "John Lewis , a retailer , closed stores ."
    rows = """John 1 compound PROPN
Lewis 6 nsubj PROPN
, 1 punct PUNCT
a 4 det DET
retailer 1 appos NOUN
, 1 punct PUNCT
closed 6 ROOT VERB
stores 6 dobj NOUN
. 6 punct PUNCT"""
    assert ents(parsed(text, rows, ORG=["John Lewis"])) == [("John Lewis", "ORG")]


def test_a_foreign_organisation_name_goes_on_through_its_connectors() -> None:
    text = (
        "They worked for the Brigade de Recherche et d’Intervention , a unit . "
        "The Institut de la Statistique et des Études Économiques and the Banco de España "
        "and Ford and General Motors published ."
    )
    doc = flat(
        text,
        text,
        ORG=[
            "Brigade de Recherche",
            "Institut de la Statistique",
            "Études Économiques",
            "Banco de España",
            "Ford",
            "General Motors",
        ],
    )
    assert ents(doc) == [
        ("Brigade de Recherche et d’Intervention", "ORG"),
        ("Institut de la Statistique et des Études Économiques", "ORG"),
        ("Banco de España", "ORG"),  # an English "and" ends the name
        ("Ford", "ORG"),  # no foreign word in it: "and" joins nothing
        ("General Motors", "ORG"),
    ]


def test_an_abbreviation_of_a_common_noun_is_no_name_unless_the_article_makes_it_one() -> None:
    # The Minetest interview of the tuning batches: "some RPG [role-playing game] elements",
    # "electric vehicle [EV] conversions", "IRL meet-ups", all typed ORG by the small model.
    text = (
        "Some RPG [ role-playing game ] elements . Electric vehicle [ EV ] conversions and EVs . "
        "IRL meet-ups . The Independent Revenue League ( IRL ) met . Some PDQ [ pretty damn quick ] fixes ."
    )
    doc = flat(
        text,
        text,
        ORG=["RPG", "EV", "EVs", "IRL", "Independent Revenue League", "IRL@1", "PDQ"],
    )
    assert ents(doc) == [("IRL", "ORG"), ("Independent Revenue League", "ORG"), ("IRL", "ORG")]


def test_a_one_word_name_with_a_persons_role_in_apposition_is_a_person() -> None:
    # The small model's types and parse; "member" is a role a party has too, and a capitalised
    # "appositive" is a title misparsed.
    text = (
        "Biden, the Democrats' nominee, leads. Fidesz, a member of EPP, objected. "
        "According to NPR, Vice President Pence won."
    )
    doc = parsed(
        text,
        """
        Biden 7 nsubj PROPN
        , 0 punct PUNCT
        the 3 det DET
        Democrats 5 poss PROPN
        ' 3 case PART
        nominee 0 appos NOUN
        , 0 punct PUNCT
        leads 7 ROOT VERB lead
        . 7 punct PUNCT
        Fidesz 16 nsubj PROPN
        , 9 punct PUNCT
        a 12 det DET
        member 9 appos NOUN
        of 12 prep ADP
        EPP 13 pobj PROPN
        , 9 punct PUNCT
        objected 16 ROOT VERB object
        . 16 punct PUNCT
        According 25 prep VERB accord
        to 18 prep ADP
        NPR 19 pobj PROPN
        , 20 punct PUNCT
        Vice 23 compound PROPN
        President 20 appos PROPN
        Pence 23 appos PROPN
        won 25 ROOT VERB win
        . 25 punct PUNCT
        """,
        ORG=["Biden", "Fidesz", "EPP", "NPR"],
        PERSON=["Pence"],
        NORP=["Democrats"],
    )
    assert ents(doc) == [
        ("Biden", "PERSON"),
        ("Democrats", "NORP"),
        ("Fidesz", "ORG"),
        ("EPP", "ORG"),
        ("NPR", "ORG"),
        ("Pence", "PERSON"),
    ]


def test_a_city_with_a_governor_a_few_words_on_is_a_place() -> None:
    # The small model's types and parse, in the tuning batches: "Governor" hangs on "Klimov".
    text = "Chelyabinsk regional Deputy Governor Oleg Klimov spoke."
    doc = parsed(
        text,
        """
        Chelyabinsk 1 amod PROPN
        regional 5 amod ADJ
        Deputy 3 compound PROPN
        Governor 5 compound PROPN
        Oleg 5 compound PROPN
        Klimov 6 nsubj PROPN
        spoke 6 ROOT VERB speak
        . 6 punct PUNCT
        """,
        ORG=["Chelyabinsk"],
        PERSON=["Oleg Klimov"],
    )
    assert ents(doc) == [("Chelyabinsk", "GPE"), ("Oleg Klimov", "PERSON")]


def test_a_word_capitalised_only_where_it_opens_a_sentence_is_no_name_when_written_in_lower_case() -> None:
    # The Minetest interview of the tuning batches: "Content is so easy to add …" typed ORG.
    text = (
        "Content is easy to add . It matters what content you add . "
        "Apple said so . Shares of Apple rose . He ate an apple ."
    )
    rows, root = [], 0
    for i, word in enumerate(text.split()):
        root = i if i == 0 or text.split()[i - 1] == "." else root
        rows.append(f"{word} {root} {'ROOT' if i == root else 'dep'} {'PROPN' if word.istitle() else 'NOUN'}")
    doc = parsed(text, "\n".join(rows), ORG=["Content", "Apple", "Apple@1"])
    assert ents(doc) == [("Apple", "ORG"), ("Apple", "ORG")]


def test_what_an_abbreviation_of_a_common_noun_stands_for_is_no_name() -> None:
    # The CentOS interview of the tuning batches: "the End of Life [EOL]" typed ORG.
    text = "Why has the End of Life [ EOL ] moved ? The World Health Organization ( WHO ) said so ."
    doc = flat(text, text, ORG=["the End of Life", "World Health Organization", "WHO"])
    assert ents(doc) == [("World Health Organization", "ORG"), ("WHO", "ORG")]


def test_capitalised_words_glossing_a_common_abbreviation_are_no_name() -> None:
    # The Minetest interview of the tuning batches: both glosses typed ORG.
    text = (
        "I avoid slow IDEs [ Integrated Development Environments ] . It is on your CV [ Curriculum Vitæ ] . "
        "The NSA [ National Security Agency ] said so ."
    )
    doc = flat(
        text,
        text,
        ORG=["Integrated Development Environments", "Curriculum Vitæ", "NSA", "National Security Agency"],
    )
    assert ents(doc) == [("NSA", "ORG"), ("National Security Agency", "ORG")]


def test_a_military_station_named_after_its_place_is_a_facility() -> None:
    text = "The car came from RAF Croughton . The RAF Police said so ."
    doc = flat(text, text, ORG=["RAF Croughton", "RAF Police"])
    assert ents(doc) == [("RAF Croughton", "FAC"), ("RAF Police", "ORG")]


def test_a_sentences_first_word_run_into_a_name_is_cut_off() -> None:
    # The small model's entity and parse, in the tuning batches.
    text = "Following South Carolina's primary, Sanders led. United Airlines flew."
    doc = parsed(
        text,
        """
        Following 7 prep VERB follow
        South 2 compound PROPN
        Carolina 4 poss PROPN
        's 2 case PART
        primary 0 pobj NOUN
        , 7 punct PUNCT
        Sanders 7 nsubj PROPN
        led 7 ROOT VERB lead
        . 7 punct PUNCT
        United 10 compound PROPN
        Airlines 11 nsubj PROPN
        flew 11 ROOT VERB fly
        . 11 punct PUNCT
        """,
        GPE=["Following South Carolina"],
        PERSON=["Sanders"],
        ORG=["United Airlines"],
    )
    assert ents(doc) == [("South Carolina", "GPE"), ("Sanders", "PERSON"), ("United Airlines", "ORG")]


def test_a_name_an_island_qualifies_is_a_location_unless_it_is_a_country() -> None:
    # "our biggest island Crete": the small model's ORG, in the tuning batches.
    text = "Our biggest island Crete is ours . The island of Crete and the island of Cyprus ."
    doc = flat(text, text, ORG=["Crete", "Crete@1", "Cyprus"])
    assert ents(doc) == [("Crete", "LOC"), ("Crete", "LOC"), ("Cyprus", "GPE")]


def test_a_church_title_or_an_honorific_is_not_part_of_a_person() -> None:
    """The model runs "Cardinal" into the name after it, and a full name first written after
    "the Honorable" was carried, title and all, to every later mention of the surname."""
    text = "Cardinal Marc Ouellet said so . The Honorable Pedro Pierluisi Urrutia left . Urrutia left"
    doc = flat(text, text, PERSON=["Cardinal Marc Ouellet", "Honorable Pedro Pierluisi Urrutia"])
    assert ents(doc) == [
        ("Marc Ouellet", "PERSON"),
        ("Pedro Pierluisi Urrutia", "PERSON"),
        ("Urrutia", "PERSON"),
    ]


def test_an_editorial_bracket_in_a_quotation_separates_names_and_makes_none() -> None:
    """Quoted words carry the editor's brackets: "Jerry [O'Connell]" is two mentions, and the
    capital of "[S]evengill" is the editor's, not a name's."""
    text = "Jerry [ O'Connell ] and I talk . [ S]evengill sharks left ."
    doc = flat(text, text, PERSON=["Jerry [ O'Connell"], ORG=["S]evengill"])
    assert ents(doc) == [("Jerry", "PERSON"), ("O'Connell", "PERSON")]


def test_a_name_never_ends_in_a_lower_case_preposition_or_conjunction() -> None:
    """A photo caption of the fifth tuning batch: the model ran "as" into the cosplayer's name;
    a capitalised preposition inside a name stays ("Doctors Without Borders")."""
    text = "Cosplayer Candace Windfall as Catwoman . Doctors Without the Borders and more"
    doc = parsed(
        text,
        """
        Cosplayer 0 ROOT NOUN
        Candace 2 compound PROPN
        Windfall 0 appos PROPN
        as 2 prep ADP
        Catwoman 3 pobj NOUN
        . 0 punct PUNCT
        Doctors 6 ROOT PROPN
        Without 6 prep ADP
        the 9 det DET
        Borders 7 pobj PROPN
        and 9 cc CCONJ
        more 9 conj ADJ
        """,
        ORG=["Candace Windfall as", "Doctors Without the Borders and"],
    )
    assert ents(doc) == [("Candace Windfall", "PERSON"), ("Doctors Without the Borders", "ORG")]


def test_a_place_of_two_words_the_parse_puts_inside_an_organisation_is_part_of_its_name() -> None:
    """The model typed "United States" GPE and "District Court" ORG; one word before an
    organisation was joined already ("Kataeb" + "Hezbollah"), a place of two words was not."""
    text = "On Monday , United States District Court Judge Victor Marrero ruled ."
    doc = parsed(
        text,
        """
        On 10 prep ADP
        Monday 0 pobj PROPN
        , 10 punct PUNCT
        United 4 compound PROPN
        States 6 compound PROPN
        District 6 compound PROPN
        Court 7 compound PROPN
        Judge 9 compound PROPN
        Victor 9 compound PROPN
        Marrero 10 nsubj PROPN
        ruled 10 ROOT VERB rule
        . 10 punct PUNCT
        """,
        GPE=["United States"],
        ORG=["District Court"],
        PERSON=["Victor Marrero"],
    )
    assert ents(doc) == [("United States District Court", "ORG"), ("Victor Marrero", "PERSON")]


def test_a_name_an_appositive_calls_an_event_is_an_event_on_every_mention() -> None:
    """The fan conventions of the fifth tuning batch: the model types "Furnal Equinox" ORG on
    each mention, though the article says what it is."""
    text = "Toronto hosted Furnal Equinox , an annual event . Furnal Equinox raised funds ."
    doc = parsed(
        text,
        """
        Toronto 1 nsubj PROPN
        hosted 1 ROOT VERB host
        Furnal 3 compound PROPN
        Equinox 1 dobj PROPN
        , 3 punct PUNCT
        an 7 det DET
        annual 7 amod ADJ
        event 3 appos NOUN
        . 1 punct PUNCT
        Furnal 10 compound PROPN
        Equinox 11 nsubj PROPN
        raised 11 ROOT VERB raise
        funds 11 dobj NOUN fund
        . 11 punct PUNCT
        """,
        GPE=["Toronto"],
        ORG=["Furnal Equinox", "Furnal Equinox@1"],
    )
    assert ents(doc) == [("Toronto", "GPE"), ("Furnal Equinox", "EVENT"), ("Furnal Equinox", "EVENT")]


def test_two_places_joined_by_and_are_two_places_unless_a_country_is_so_named() -> None:
    """The small model's "Crete and Cyprus" ORG, in the first and fifth tuning batches: the
    name that is no country takes the type the article gives it elsewhere."""
    text = "Our biggest island Crete is ours . The sea between Crete and Cyprus . Trinidad and Tobago won"
    doc = flat(text, text, ORG=["Crete", "Crete and Cyprus", "Trinidad and Tobago"])
    assert ents(doc) == [
        ("Crete", "LOC"),
        ("Crete", "LOC"),
        ("Cyprus", "GPE"),
        ("Trinidad and Tobago", "GPE"),
    ]


def test_an_organisation_cut_after_a_capitalised_preposition_goes_on_and_stays_one() -> None:
    """The model stopped "Iraq Veterans Against the War" at "Against" in one article and, where
    it found the whole name, its last word made it an event, as "the Libyan Civil War" is."""
    text = "A protest with Veterans Against the War . Veterans Against the War met"
    doc = parsed(
        text,
        """
        A 1 det DET
        protest 1 ROOT NOUN
        with 1 prep ADP
        Veterans 2 pobj PROPN
        Against 3 prep ADP
        the 6 det DET
        War 4 pobj PROPN
        . 1 punct PUNCT
        Veterans 12 nsubj PROPN
        Against 8 prep ADP
        the 11 det DET
        War 9 pobj PROPN
        met 12 ROOT VERB meet
        """,
        ORG=["Veterans Against", "Veterans Against the War@1"],
    )
    assert ents(doc) == [("Veterans Against the War", "ORG"), ("Veterans Against the War", "ORG")]


def test_an_organisations_name_the_parse_hangs_on_a_person_gives_no_organisation_evidence() -> None:
    """ "Carl Hensman of the Bill and Melinda Gates Foundation, which …": the parse made the
    foundation's name an appositive of the man's, and "foundation" is an organisation noun, so
    the person became an organisation; an appositive says what a name is with a common noun."""
    text = "Carl Hensman of the Gates Foundation , which paid , said so ."
    doc = parsed(
        text,
        """
        Carl 1 compound PROPN
        Hensman 11 nsubj PROPN
        of 1 prep ADP
        the 5 det DET
        Gates 5 compound PROPN
        Foundation 1 appos PROPN foundation
        , 5 punct PUNCT
        which 8 nsubj PRON
        paid 5 relcl VERB pay
        , 11 punct PUNCT
        said 11 ROOT VERB say
        so 11 advmod ADV
        . 11 punct PUNCT
        """,
        PERSON=["Carl Hensman"],
        ORG=["Gates Foundation"],
    )
    assert ents(doc) == [("Carl Hensman", "PERSON"), ("Gates Foundation", "ORG")]


def test_a_name_the_parse_hangs_on_a_distant_organisation_noun_is_no_organisation() -> None:
    """ ""Our team" study co-author Tak-Sing Wong said": the parse made the co-author an
    appositive of "team"; "the startup, Graphcore" has only punctuation between noun and name."""
    text = "Our team study author Tak Wong said so ."
    doc = parsed(
        text,
        """
        Our 1 poss PRON
        team 6 nsubj NOUN
        study 3 nmod NOUN
        author 5 compound NOUN
        Tak 5 compound PROPN
        Wong 1 appos PROPN
        said 6 ROOT VERB say
        so 6 advmod ADV
        . 6 punct PUNCT
        """,
        PERSON=["Tak Wong"],
    )
    assert ents(doc) == [("Tak Wong", "PERSON")]


def test_a_name_right_after_a_kind_of_work_is_a_title_on_that_mention() -> None:
    """Photo captions of the fifth tuning batch: "the movie UglyDolls" was an organisation. A
    title that goes on past the model's entity ("Kim's Convenience") is the whole title."""
    text = "Stand for the movie UglyDolls . The sitcom Kim 's Convenience ."
    doc = parsed(
        text,
        """
        Stand 0 ROOT NOUN
        for 0 prep ADP
        the 3 det DET
        movie 4 compound NOUN
        UglyDolls 1 pobj PROPN
        . 0 punct PUNCT
        The 7 det DET
        sitcom 7 ROOT NOUN
        Kim 10 poss PROPN
        's 8 case PART
        Convenience 7 appos PROPN
        . 7 punct PUNCT
        """,
        ORG=["UglyDolls"],
        PERSON=["Kim"],
    )
    assert ents(doc) == [("UglyDolls", "WORK_OF_ART"), ("Kim 's Convenience", "WORK_OF_ART")]


def test_capitalised_words_ending_in_an_organisation_noun_go_on_from_an_organisation() -> None:
    """The fifth tuning batch's "the NASA Jet Propulsion Laboratory" was only "NASA": the known
    organisations' ruler types it before the recogniser, which leaves the rest untyped. Words
    that do not end in such a noun ("Administrator") stay out."""
    text = (
        "Vlada Stamenković of the NASA Jet Propulsion Laboratory spoke. "
        "NASA Administrator Jim Bridenstine spoke."
    )
    doc = parsed(
        text,
        """
        Vlada 1 compound PROPN
        Stamenković 8 nsubj PROPN
        of 1 prep ADP
        the 7 det DET
        NASA 7 compound PROPN
        Jet 7 compound PROPN
        Propulsion 7 compound PROPN
        Laboratory 2 pobj PROPN
        spoke 8 ROOT VERB speak
        . 8 punct PUNCT
        NASA 11 compound PROPN
        Administrator 13 compound PROPN
        Jim 13 compound PROPN
        Bridenstine 14 nsubj PROPN
        spoke 14 ROOT VERB speak
        . 14 punct PUNCT
        """,
        PERSON=["Vlada Stamenković", "Jim Bridenstine"],
        ORG=["NASA", "NASA@1"],
    )
    assert ents(doc) == [
        ("Vlada Stamenković", "PERSON"),
        ("NASA Jet Propulsion Laboratory", "ORG"),
        ("NASA", "ORG"),
        ("Jim Bridenstine", "PERSON"),
    ]


def test_a_field_of_study_is_never_a_person_and_the_school_goes_on_through_it() -> None:
    """The fifth tuning batch's "Rosenstiel School of Marine and Atmospheric Science" was cut
    at the "person" "Atmospheric Science"."""
    text = "Neil Hammerschlag of the Rosenstiel School of Marine and Atmospheric Science said so."
    doc = parsed(
        text,
        """
        Neil 1 compound PROPN
        Hammerschlag 12 nsubj PROPN
        of 1 prep ADP
        the 5 det DET
        Rosenstiel 5 compound PROPN
        School 2 pobj PROPN
        of 5 prep ADP
        Marine 6 pobj PROPN
        and 5 cc CCONJ
        Atmospheric 10 compound PROPN
        Science 5 conj PROPN
        said 12 ROOT VERB say
        so 12 advmod ADV
        . 12 punct PUNCT
        """,
        PERSON=["Neil Hammerschlag", "Atmospheric Science"],
        ORG=["the Rosenstiel School of Marine"],
    )
    assert ents(doc) == [
        ("Neil Hammerschlag", "PERSON"),
        ("the Rosenstiel School of Marine and Atmospheric Science", "ORG"),
    ]


def test_a_given_name_joined_by_and_to_a_foundation_named_after_a_couple_is_part_of_it() -> None:
    """The fifth tuning batch's "the Bill and Melinda Gates Foundation" was the person "Bill"
    and the organisation "Melinda Gates Foundation"."""
    text = "Carl Hensman of the Bill and Melinda Gates Foundation, which offered a contest, spoke."
    doc = parsed(
        text,
        """
        Carl 1 compound PROPN
        Hensman 15 nsubj PROPN
        of 1 prep ADP
        the 4 det DET
        Bill 2 pobj PROPN
        and 4 cc CCONJ
        Melinda 7 compound PROPN
        Gates 8 compound PROPN
        Foundation 1 appos PROPN
        , 8 punct PUNCT
        which 11 nsubj PRON
        offered 8 relcl VERB offer
        a 13 det DET
        contest 11 dobj NOUN
        , 15 punct PUNCT
        spoke 15 ROOT VERB speak
        . 15 punct PUNCT
        """,
        PERSON=["Carl Hensman", "Bill"],
        ORG=["Melinda Gates Foundation"],
    )
    assert ents(doc) == [("Carl Hensman", "PERSON"), ("Bill and Melinda Gates Foundation", "ORG")]


def test_a_campus_after_a_state_university_is_part_of_its_name_unless_named_alone() -> None:
    """The fifth tuning batch's "the University of California, Los Angeles" was a university and
    a city. A city the article names on its own ("Austin is hot") is where the university is."""
    text = (
        "Jo Tilburg of the University of California, Los Angeles disagreed. "
        "Ann Lee of the University of Texas, Austin agreed. Austin is hot."
    )
    doc = parsed(
        text,
        """
        Jo 1 compound PROPN
        Tilburg 10 npadvmod PROPN
        of 1 prep ADP
        the 4 det DET
        University 2 pobj PROPN
        of 4 prep ADP
        California 5 pobj PROPN
        , 10 punct PUNCT
        Los 9 compound PROPN
        Angeles 10 nsubj PROPN
        disagreed 10 ROOT VERB disagree
        . 10 punct PUNCT
        Ann 13 compound PROPN
        Lee 21 nsubj PROPN
        of 13 prep ADP
        the 16 det DET
        University 14 pobj PROPN
        of 16 prep ADP
        Texas 17 pobj PROPN
        , 21 punct PUNCT
        Austin 21 nsubj PROPN
        agreed 21 ROOT VERB agree
        . 21 punct PUNCT
        Austin 24 nsubj PROPN
        is 24 ROOT AUX be
        hot 24 acomp ADJ
        . 24 punct PUNCT
        """,
        PERSON=["Jo Tilburg", "Ann Lee"],
        ORG=["the University of California", "the University of Texas"],
        GPE=["Los Angeles", "Austin", "Austin@1"],
    )
    assert ents(doc) == [
        ("Jo Tilburg", "PERSON"),
        ("the University of California, Los Angeles", "ORG"),
        ("Ann Lee", "PERSON"),
        ("the University of Texas", "ORG"),
        ("Austin", "GPE"),
        ("Austin", "GPE"),
    ]


def test_an_event_named_after_a_venue_and_for_is_cut_from_the_venue() -> None:
    """The fifth tuning batch's "the Toronto Congress Centre for Anime North, a fan-run
    convention" was one organisation. A name the article does not call an event or name on its
    own goes on through "for" ("The Centre for Aviation")."""
    text = (
        "Fans descended on the Toronto Congress Centre for Anime North, a fan convention. "
        "The Centre for Aviation agreed."
    )
    doc = parsed(
        text,
        """
        Fans 1 nsubj NOUN fan
        descended 1 ROOT VERB descend
        on 1 prep ADP
        the 6 det DET
        Toronto 6 compound PROPN
        Congress 6 compound PROPN
        Centre 2 pobj PROPN
        for 1 prep ADP
        Anime 9 compound PROPN
        North 7 pobj PROPN
        , 9 punct PUNCT
        a 13 det DET
        fan 13 compound NOUN
        convention 9 appos NOUN
        . 1 punct PUNCT
        The 16 det DET
        Centre 19 nsubj PROPN
        for 16 prep ADP
        Aviation 17 pobj PROPN
        agreed 19 ROOT VERB agree
        . 19 punct PUNCT
        """,
        ORG=["the Toronto Congress Centre for Anime North", "The Centre for Aviation"],
    )
    assert ents(doc) == [
        ("the Toronto Congress Centre", "FAC"),
        ("Anime North", "EVENT"),
        ("The Centre for Aviation", "ORG"),
    ]


def test_a_venue_for_a_name_the_article_names_on_its_own_is_cut_there() -> None:
    text = "Fans came to the Metro Hall for Fan Days. Fan Days was fun."
    doc = parsed(
        text,
        """
        Fans 1 nsubj NOUN fan
        came 1 ROOT VERB come
        to 1 prep ADP
        the 5 det DET
        Metro 5 compound PROPN
        Hall 2 pobj PROPN
        for 1 prep ADP
        Fan 8 compound PROPN
        Days 6 pobj PROPN
        . 1 punct PUNCT
        Fan 11 compound PROPN
        Days 12 nsubj PROPN
        was 12 ROOT AUX be
        fun 12 acomp ADJ
        . 12 punct PUNCT
        """,
        FAC=["the Metro Hall for Fan Days"],
    )
    assert ents(doc) == [("the Metro Hall", "FAC"), ("Fan Days", "EVENT")]


def test_a_census_given_name_and_a_surname_typed_org_are_a_person() -> None:
    """The fifth tuning batch's "Candace Windfall" was an organisation: "Candace" is in the
    census list of given names, not in the hand list of international news."""
    text = "Candace Windfall said the council had failed."
    doc = parsed(
        text,
        """
        Candace 1 compound PROPN
        Windfall 2 nsubj PROPN
        said 2 ROOT VERB say
        the 4 det DET
        council 6 nsubj NOUN
        had 6 aux AUX
        failed 2 ccomp VERB fail
        . 2 punct PUNCT
        """,
        ORG=["Candace Windfall"],
    )
    assert ents(doc) == [("Candace Windfall", "PERSON")]


def test_a_surname_at_the_very_end_of_an_article_is_read_without_running_past_it() -> None:
    """With surnames of one and of three tokens in the article ("Smith", "al-Assad"), the
    three-token look at the last token took a one-token slice, matched "Smith" and read two
    tokens past the end: spaCy's E040 IndexError stopped the whole pre-annotation of an import."""
    from spacy.tokens import Span
    from spacy.vocab import Vocab

    from annotator.nlp.entities import _surnames

    words = ["Anna", "Smith", "met", "Bashar", "al", "-", "Assad", "and", "thanked", "Smith"]
    spaces = [True, True, True, True, False, False, True, True, True, False]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "CCONJ", "VERB", "PROPN"]
    doc = Doc(Vocab(), words=words, spaces=spaces, pos=pos)
    people = [Span(doc, 0, 2, label="PERSON"), Span(doc, 3, 7, label="PERSON")]
    found = _surnames(doc, people, protected=set())
    assert [(e.text, e.label_) for e in found if e.start == 9] == [("Smith", "PERSON")]


def test_a_state_university_at_the_very_end_of_a_text_is_read_without_running_past_it() -> None:
    """A text cut right after "the University of Bristol" (a headline, a caption, an article cut
    short on import): the campus look read the token after the name for its comma, past the
    end, and spaCy's E040 IndexError cost the text all its entity fixes."""
    text = "Scientists from the University of Bristol"
    doc = parsed(
        text,
        """
        Scientists 0 ROOT NOUN scientist
        from 0 prep ADP
        the 3 det DET
        University 1 pobj PROPN
        of 3 prep ADP
        Bristol 4 pobj PROPN
        """,
        ORG=["the University of Bristol"],
    )
    assert ents(doc) == [("the University of Bristol", "ORG")]


def test_a_name_right_after_a_band_noun_is_an_organisation_on_every_mention() -> None:
    """Sixth tuning batch: the small model types bands PERSON or PRODUCT ("the rock band Cream");
    a band is a group of people, ORG in OntoNotes, and the noun before the name says so."""
    text = "She played in the jazz band Frosty Mornings . Frosty Mornings split up ."
    doc = parsed(
        text,
        """
        She 1 nsubj PRON
        played 1 ROOT VERB play
        in 1 prep ADP
        the 5 det DET
        jazz 5 compound NOUN
        band 2 pobj NOUN
        Frosty 7 compound PROPN
        Mornings 5 appos PROPN
        . 1 punct PUNCT
        Frosty 10 compound PROPN
        Mornings 11 nsubj PROPN
        split 11 ROOT VERB
        up 11 prt ADP
        . 11 punct PUNCT
        """,
        PERSON=["Frosty Mornings", "Frosty Mornings@1"],
    )
    assert ents(doc) == [("Frosty Mornings", "ORG"), ("Frosty Mornings", "ORG")]


def test_a_name_where_a_place_goes_followed_by_a_country_or_state_is_a_place() -> None:
    """Sixth tuning batch: small towns "in Chippewa Falls, Wisconsin" and "between El Paso and
    Ciudad Juárez, Mexico" were people. A person followed by a state is left alone where no
    place preposition comes before ("John Reed, Texas senator")."""
    text = (
        "It happened in Maple Falls , Oregon . A bridge runs between Laredo and Nuevo Ortega , Mexico ."
        " He met John Reed , Texas senator ."
    )
    doc = parsed(
        text,
        """
        It 1 nsubj PRON
        happened 1 ROOT VERB happen
        in 1 prep ADP
        Maple 4 compound PROPN
        Falls 2 pobj PROPN
        , 4 punct PUNCT
        Oregon 4 appos PROPN
        . 1 punct PUNCT
        A 9 det DET
        bridge 10 nsubj NOUN
        runs 10 ROOT VERB run
        between 10 prep ADP
        Laredo 11 pobj PROPN
        and 12 cc CCONJ
        Nuevo 15 compound PROPN
        Ortega 12 conj PROPN
        , 15 punct PUNCT
        Mexico 15 appos PROPN
        . 10 punct PUNCT
        He 20 nsubj PRON
        met 20 ROOT VERB meet
        John 22 compound PROPN
        Reed 20 dobj PROPN
        , 22 punct PUNCT
        Texas 25 compound PROPN
        senator 22 appos NOUN
        . 20 punct PUNCT
        """,
        PERSON=["Maple Falls", "Nuevo Ortega", "John Reed"],
        GPE=["Oregon", "Laredo", "Mexico", "Texas"],
    )
    assert ents(doc) == [
        ("Maple Falls", "GPE"),
        ("Oregon", "GPE"),
        ("Laredo", "GPE"),
        ("Nuevo Ortega", "GPE"),
        ("Mexico", "GPE"),
        ("John Reed", "PERSON"),
        ("Texas", "GPE"),
    ]


def test_a_title_after_a_kind_of_work_runs_through_its_small_words() -> None:
    """Sixth tuning batch: the model cut titles after "radio show", "album" and "documentary"
    into a person and pieces ("Imus" in the Morning, "Band" on the Run, Beware of Mr. "Baker").
    The title runs on through "in the", "of", to its last capitalised word; "with" ends it, and
    a pronoun ("the book I wrote") starts none."""
    text = (
        "Her radio show Max in the Evening ran . He sang on the album Roads of Gold with Ann Lee ."
        " A documentary titled Beware of Sam Cole was filmed . She read the book I wrote ."
    )
    doc = parsed(
        text,
        """
        Her 2 poss PRON
        radio 2 compound NOUN
        show 7 nsubj NOUN
        Max 7 nsubj PROPN
        in 3 prep ADP
        the 6 det DET
        Evening 4 pobj NOUN evening
        ran 7 ROOT VERB run
        . 7 punct PUNCT
        He 10 nsubj PRON
        sang 10 ROOT VERB sing
        on 10 prep ADP
        the 14 det DET
        album 14 compound NOUN
        Roads 11 pobj PROPN
        of 14 prep ADP
        Gold 15 pobj PROPN
        with 10 prep ADP
        Ann 19 compound PROPN
        Lee 17 pobj PROPN
        . 10 punct PUNCT
        A 22 det DET
        documentary 29 nsubjpass NOUN
        titled 22 acl VERB title
        Beware 23 oprd PROPN
        of 24 prep ADP
        Sam 27 compound PROPN
        Cole 25 pobj PROPN
        was 29 auxpass AUX be
        filmed 29 ROOT VERB film
        . 29 punct PUNCT
        She 32 nsubj PRON
        read 32 ROOT VERB
        the 34 det DET
        book 32 dobj NOUN
        I 36 nsubj PRON
        wrote 34 relcl VERB write
        . 32 punct PUNCT
        """,
        PERSON=["Max", "Ann Lee", "Sam Cole"],
        TIME=["Evening"],
        WORK_OF_ART=["Roads of Gold"],
    )
    assert ents(doc) == [
        ("Max in the Evening", "WORK_OF_ART"),
        ("Roads of Gold", "WORK_OF_ART"),
        ("Ann Lee", "PERSON"),
        ("Beware of Sam Cole", "WORK_OF_ART"),
    ]


def test_a_ship_after_its_prefix_is_a_product_on_every_mention_of_its_name() -> None:
    """Sixth tuning batch: a missing tanker "MV …" was an organisation three times and its name
    without the prefix was missed; a ship is a vehicle, PRODUCT in OntoNotes."""
    text = "The ship MV Sea Lark vanished . Rescuers looked for Sea Lark near the coast ."
    doc = parsed(
        text,
        """
        The 1 det DET
        ship 5 nsubj NOUN
        MV 4 compound PROPN
        Sea 4 compound PROPN
        Lark 5 nsubj PROPN
        vanished 5 ROOT VERB vanish
        . 5 punct PUNCT
        Rescuers 8 nsubj NOUN rescuer
        looked 8 ROOT VERB look
        for 8 prep ADP
        Sea 11 compound PROPN
        Lark 9 pobj PROPN
        near 8 prep ADP
        the 14 det DET
        coast 12 pobj NOUN
        . 8 punct PUNCT
        """,
        ORG=["MV Sea Lark"],
        LOC=["Sea Lark@1"],
    )
    assert ents(doc) == [("MV Sea Lark", "PRODUCT"), ("Sea Lark", "PRODUCT")]


def test_an_organisation_goes_on_with_and_only_into_words_that_are_no_whole_name() -> None:
    """Sixth tuning batch: "researchers from the University of … and … University" became one
    organisation, as "High Court of England" + "and Wales" rightly does; words after "and" that
    end in a word for a kind of organisation are a second one."""
    text = "Researchers from the University of Oslo and Bergen University spoke ."
    doc = parsed(
        text,
        """
        Researchers 9 nsubj NOUN researcher
        from 0 prep ADP
        the 3 det DET
        University 1 pobj PROPN
        of 3 prep ADP
        Oslo 4 pobj PROPN
        and 3 cc CCONJ
        Bergen 8 compound PROPN
        University 3 conj PROPN
        spoke 9 ROOT VERB speak
        . 9 punct PUNCT
        """,
        ORG=["the University of Oslo", "Bergen University"],
    )
    assert ents(doc) == [("the University of Oslo", "ORG"), ("Bergen University", "ORG")]


def test_a_sheriffs_rank_before_a_surname_is_no_part_of_the_person() -> None:
    """Sixth tuning batch: "Sheriff Lee said" kept the rank in the person, as "Senator" is not."""
    text = "Sheriff Dan Lee spoke . Sheriff Lee said more ."
    doc = parsed(
        text,
        """
        Sheriff 2 compound PROPN
        Dan 2 compound PROPN
        Lee 3 nsubj PROPN
        spoke 3 ROOT VERB speak
        . 3 punct PUNCT
        Sheriff 6 compound PROPN
        Lee 7 nsubj PROPN
        said 7 ROOT VERB say
        more 7 dobj ADJ
        . 7 punct PUNCT
        """,
        PERSON=["Dan Lee", "Sheriff Lee"],
    )
    assert ents(doc) == [("Dan Lee", "PERSON"), ("Lee", "PERSON")]


def test_a_name_ending_in_an_outlets_word_is_an_organisation_and_a_mall_a_facility() -> None:
    """Sixth tuning batch: a news site quoted as a source ("according to … Bulletin") was a
    person, and a mall an organisation (the model types the mall of this sentence FAC, of the
    tuning sentence ORG, as here)."""
    text = "It was seen , according to Harbour Bulletin . The store , by the Sunrise Hills Mall , closed ."
    doc = parsed(
        text,
        """
        It 3 nsubjpass PRON
        was 3 auxpass AUX be
        seen 3 ROOT VERB see
        , 3 punct PUNCT
        according 3 prep VERB accord
        to 4 prep ADP
        Harbour 7 compound PROPN
        Bulletin 5 pobj PROPN
        . 2 punct PUNCT
        The 10 det DET
        store 18 nsubj NOUN
        , 18 punct PUNCT
        by 18 prep ADP
        the 16 det DET
        Sunrise 16 compound PROPN
        Hills 16 compound PROPN
        Mall 12 pobj PROPN
        , 18 punct PUNCT
        closed 18 ROOT VERB close
        . 18 punct PUNCT
        """,
        PERSON=["Harbour Bulletin"],
        ORG=["Sunrise Hills Mall"],
    )
    assert ents(doc) == [("Harbour Bulletin", "ORG"), ("Sunrise Hills Mall", "FAC")]


def test_a_title_with_a_lower_case_word_is_the_work_on_its_other_mentions() -> None:
    """Sixth tuning batch: a radio show found after "radio show" was a person's first name where
    it came again ("which replaced Imus in the Morning")."""
    text = "Her radio show Max in the Evening ran . A quiz replaced Max in the Evening ."
    doc = parsed(
        text,
        """
        Her 2 poss PRON
        radio 2 compound NOUN
        show 2 ROOT NOUN
        Max 2 appos PROPN
        in 3 prep ADP
        the 6 det DET
        Evening 4 pobj PROPN
        ran 2 appos VERB run
        . 2 punct PUNCT
        A 10 det DET
        quiz 11 nsubj NOUN
        replaced 11 ROOT VERB replace
        Max 11 dobj PROPN
        in 11 prep ADP
        the 15 det DET
        Evening 13 pobj NOUN evening
        . 11 punct PUNCT
        """,
        PERSON=["Max", "Max@1"],
        TIME=["Evening@1"],
    )
    assert ents(doc) == [("Max in the Evening", "WORK_OF_ART"), ("Max in the Evening", "WORK_OF_ART")]


def test_a_given_name_the_parse_puts_in_a_persons_name_is_part_of_it() -> None:
    """Sixth tuning batch: "her aunt, Gertrude Vanderbilt Whitney" and "Mayor of London Sadiq
    Khan" lost their first names. A rank the parse hangs on the name the same way stays out
    ("the Whip Dan Moss")."""
    text = "She lived with her aunt , Gertrude Vanderbilt Whitney , who paid . The Whip Dan Moss spoke ."
    doc = parsed(
        text,
        """
        She 1 nsubj PRON
        lived 1 ROOT VERB live
        with 1 prep ADP
        her 4 poss PRON
        aunt 2 pobj NOUN
        , 1 punct PUNCT
        Gertrude 8 compound PROPN
        Vanderbilt 8 compound PROPN
        Whitney 1 npadvmod PROPN
        , 8 punct PUNCT
        who 11 nsubj PRON
        paid 8 relcl VERB pay
        . 1 punct PUNCT
        The 16 det DET
        Whip 16 compound PROPN
        Dan 16 compound PROPN
        Moss 17 nsubj PROPN
        spoke 17 ROOT VERB speak
        . 17 punct PUNCT
        """,
        PERSON=["Vanderbilt Whitney", "Dan Moss"],
    )
    assert ents(doc) == [("Gertrude Vanderbilt Whitney", "PERSON"), ("Dan Moss", "PERSON")]


def test_first_names_listed_with_people_are_people() -> None:
    """Sixth tuning batch: one daughter of four listed by first name was an organisation, and
    three first names joined by "&" one organisation. A list with a single common first name in
    it ("Corwin, Ashley & Brody") is left as the model had it."""
    text = (
        "He leaves daughters , Nadine , Ashley , and Toni . Thanks to Nadine , Ashley & Brody ."
        " Thanks to Corwin , Ashley & Brody ."
    )
    doc = parsed(
        text,
        """
        He 1 nsubj PRON
        leaves 1 ROOT VERB leave
        daughters 1 dobj NOUN daughter
        , 2 punct PUNCT
        Nadine 2 conj PROPN
        , 4 punct PUNCT
        Ashley 4 conj PROPN
        , 6 punct PUNCT
        and 6 cc CCONJ
        Toni 6 conj PROPN
        . 1 punct PUNCT
        Thanks 11 ROOT NOUN thank
        to 11 prep ADP
        Nadine 12 pobj PROPN
        , 13 punct PUNCT
        Ashley 13 conj PROPN
        & 15 cc CCONJ
        Brody 15 conj PROPN
        . 11 punct PUNCT
        Thanks 19 ROOT NOUN thank
        to 19 prep ADP
        Corwin 20 pobj PROPN
        , 21 punct PUNCT
        Ashley 21 conj PROPN
        & 23 cc CCONJ
        Brody 23 conj PROPN
        . 19 punct PUNCT
        """,
        ORG=["Nadine", "Nadine , Ashley & Brody", "Corwin , Ashley & Brody"],
        PERSON=["Ashley", "Toni"],
    )
    assert ents(doc) == [
        ("Nadine", "PERSON"),
        ("Ashley", "PERSON"),
        ("Toni", "PERSON"),
        ("Nadine", "PERSON"),
        ("Ashley", "PERSON"),
        ("Brody", "PERSON"),
        ("Corwin , Ashley & Brody", "ORG"),
    ]


def test_a_preposition_before_a_capitalised_the_separates_two_names() -> None:
    """Sixth tuning batch: a drummer "was leaving <band> for The <band>", which the model ran into
    one organisation (on the tuning sentence; given here as it was there). "of The" goes on in
    a name ("Friends of The Earth")."""
    text = "Reid was leaving Blue Harbour for The Night Owls . Friends of The Earth spoke ."
    doc = parsed(
        text,
        """
        Reid 2 nsubj PROPN
        was 2 aux AUX be
        leaving 2 ROOT VERB leave
        Blue 4 compound PROPN
        Harbour 2 dobj PROPN
        for 2 prep ADP
        The 8 det DET
        Night 8 compound PROPN
        Owls 5 pobj PROPN
        . 2 punct PUNCT
        Friends 14 nsubj PROPN
        of 10 prep ADP
        The 13 det DET
        Earth 11 pobj PROPN
        spoke 14 ROOT VERB speak
        . 14 punct PUNCT
        """,
        PERSON=["Reid"],
        ORG=["Blue Harbour for The Night Owls", "Friends of The Earth"],
    )
    assert ents(doc) == [
        ("Reid", "PERSON"),
        ("Blue Harbour", "ORG"),
        ("The Night Owls", "ORG"),
        ("Friends of The Earth", "ORG"),
    ]


def test_a_places_people_named_after_it_are_a_norp() -> None:
    """Sixth tuning batch: a city's people ("…ers") were a person and a product."""
    text = "The patience of weary Londoners was tested ."
    doc = parsed(
        text,
        """
        The 1 det DET
        patience 6 nsubjpass NOUN
        of 1 prep ADP
        weary 4 amod ADJ
        Londoners 2 pobj PROPN
        was 6 auxpass AUX be
        tested 6 ROOT VERB test
        . 6 punct PUNCT
        """,
        PERSON=["Londoners"],
    )
    assert ents(doc) == [("Londoners", "NORP")]


def test_a_peoples_name_after_a_place_ending_in_a_is_a_norp_and_one_name() -> None:
    """Seventh tuning batch: a territory's people ("…ns") were an organisation on every mention,
    and one of them ("…n") two NORPs side by side. A city whose name is another city's with an
    "n" after it ("Handan", "Handa") stays a place."""
    text = "Many Sri Lankans voted . A South African won in Handan ."
    doc = parsed(
        text,
        """
        Many 2 amod ADJ many
        Sri 2 compound PROPN
        Lankans 3 nsubj PROPN
        voted 3 ROOT VERB vote
        . 3 punct PUNCT
        A 7 det DET
        South 7 compound PROPN
        African 8 nsubj PROPN
        won 8 ROOT VERB win
        in 8 prep ADP
        Handan 9 pobj PROPN
        . 8 punct PUNCT
        """,
        ORG=["Sri Lankans"],
        NORP=["South", "African"],
        GPE=["Handan"],
    )
    assert ents(doc) == [("Sri Lankans", "NORP"), ("South African", "NORP"), ("Handan", "GPE")]


def test_a_person_after_a_plural_title_or_in_apposition_to_a_role_is_a_person() -> None:
    """Seventh tuning batch: the second of two presidents listed after "Presidents" (its head a
    conjunct of the first's, its first word a compound) and a spokesperson named in apposition
    after a comma were organisations. A role organisations have too ("a sponsor, …") is no
    evidence."""
    text = (
        "Presidents Ann Kerr of Ghana and Bram Tolle of Togo signed . A ministry spokesperson ,"
        " Dana Welk , spoke . A sponsor , Kova Steel , paid ."
    )
    doc = parsed(
        text,
        """
        Presidents 2 compound NOUN president
        Ann 2 compound PROPN
        Kerr 10 nsubj PROPN
        of 2 prep ADP
        Ghana 3 pobj PROPN
        and 2 cc CCONJ
        Bram 7 compound PROPN
        Tolle 2 conj PROPN
        of 7 prep ADP
        Togo 8 pobj PROPN
        signed 10 ROOT VERB sign
        . 10 punct PUNCT
        A 14 det DET
        ministry 14 compound NOUN
        spokesperson 19 nsubj NOUN
        , 14 punct PUNCT
        Dana 17 compound PROPN
        Welk 14 appos PROPN
        , 14 punct PUNCT
        spoke 19 ROOT VERB speak
        . 19 punct PUNCT
        A 22 det DET
        sponsor 27 nsubj NOUN
        , 22 punct PUNCT
        Kova 25 compound PROPN
        Steel 22 appos PROPN
        , 22 punct PUNCT
        paid 27 ROOT VERB pay
        . 27 punct PUNCT
        """,
        PERSON=["Ann Kerr"],
        GPE=["Ghana", "Togo"],
        ORG=["Bram Tolle", "Dana Welk", "Kova Steel"],
    )
    assert ents(doc) == [
        ("Ann Kerr", "PERSON"),
        ("Ghana", "GPE"),
        ("Bram Tolle", "PERSON"),
        ("Togo", "GPE"),
        ("Dana Welk", "PERSON"),
        ("Kova Steel", "ORG"),
    ]


def test_a_given_name_particles_and_a_surname_typed_org_are_a_person() -> None:
    """Seventh tuning batch: a common given name and a surname with a particle between ("…
    De …") was an organisation, as two-word names were before the census names were read."""
    text = "The union's Lucia de la Fuente said it was unfair . Banco de Ribera said nothing ."
    doc = parsed(
        text,
        """
        The 2 det DET
        union 2 poss NOUN
        's 1 case PART
        Lucia 6 compound PROPN
        de 6 compound PROPN
        la 6 compound PROPN
        Fuente 7 nsubj PROPN
        said 7 ROOT VERB say
        it 9 nsubj PRON
        was 7 ccomp AUX be
        unfair 9 acomp ADJ
        . 7 punct PUNCT
        Banco 14 compound PROPN
        de 14 compound PROPN
        Ribera 15 nsubj PROPN
        said 15 ROOT VERB say
        nothing 15 dobj PRON
        . 15 punct PUNCT
        """,
        ORG=["Lucia de la Fuente", "Banco de Ribera"],
    )
    assert ents(doc) == [("Lucia de la Fuente", "PERSON"), ("Banco de Ribera", "ORG")]


def test_an_organisation_owning_another_organisations_whole_name_is_two() -> None:
    """Fifth and seventh tuning batches: a body and its committee or agency, joined by a
    possessive, were one organisation. A one-word owner is part of the name ("Farmers' Union of
    Wales"), and so is an owner before words that are no whole name ("… Trust's Hope Fundraiser")."""
    text = (
        "The Pacific League's Board on Fishing and Trade met . The Farmers' Mutual Trade Union met ."
        " The Harbour Arts Trust's Hope Fundraiser met ."
    )
    doc = parsed(
        text,
        """
        The 2 det DET
        Pacific 2 compound PROPN
        League 4 poss PROPN
        's 2 case PART
        Board 10 nsubj PROPN
        on 4 prep ADP
        Fishing 5 pobj PROPN
        and 6 cc CCONJ
        Trade 6 conj PROPN
        met 10 ROOT VERB meet
        . 10 punct PUNCT
        The 12 det DET
        Farmers 16 poss PROPN farmer
        ' 12 case PART
        Mutual 16 compound PROPN
        Trade 16 compound PROPN
        Union 17 nsubj PROPN
        met 17 ROOT VERB meet
        . 17 punct PUNCT
        The 22 det DET
        Harbour 21 compound PROPN
        Arts 22 compound PROPN
        Trust 25 poss PROPN
        's 22 case PART
        Hope 25 compound PROPN
        Fundraiser 26 nsubj PROPN
        met 26 ROOT VERB meet
        . 26 punct PUNCT
        """,
        ORG=[
            "The Pacific League's Board on Fishing and Trade",
            "The Farmers' Mutual Trade Union",
            "The Harbour Arts Trust's Hope Fundraiser",
        ],
    )
    assert ents(doc) == [
        ("The Pacific League", "ORG"),
        ("Board on Fishing and Trade", "ORG"),
        ("The Farmers' Mutual Trade Union", "ORG"),
        ("The Harbour Arts Trust's Hope Fundraiser", "ORG"),
    ]


def test_people_in_a_role_typed_as_an_organisation_are_no_organisation() -> None:
    """Second, fifth and seventh tuning batches: "the Representatives who …" and "Republican
    Representatives" were organisations. A word before the role that the article names as a
    people elsewhere keeps that type; "House of Delegates" stays an organisation."""
    text = "Two Greens won . Green Senators and the Senators of Ohio met the House of Delegates ."
    doc = parsed(
        text,
        """
        Two 1 nummod NUM two
        Greens 2 nsubj PROPN green
        won 2 ROOT VERB win
        . 2 punct PUNCT
        Green 5 compound PROPN
        Senators 11 nsubj PROPN senator
        and 5 cc CCONJ
        the 8 det DET
        Senators 5 conj PROPN senator
        of 8 prep ADP
        Ohio 9 pobj PROPN
        met 11 ROOT VERB meet
        the 13 det DET
        House 11 dobj PROPN
        of 13 prep ADP
        Delegates 14 pobj PROPN delegate
        . 11 punct PUNCT
        """,
        NORP=["Greens"],
        ORG=["Green Senators", "Senators@1", "House of Delegates"],
        GPE=["Ohio"],
    )
    assert ents(doc) == [
        ("Greens", "NORP"),
        ("Green", "NORP"),
        ("Ohio", "GPE"),
        ("House of Delegates", "ORG"),
    ]


def test_a_lone_capitalised_state_is_no_organisation() -> None:
    """Fifth and seventh tuning batches: "State" alone before a plural of people was an
    organisation; "Islamic State" keeps its name."""
    text = "State lawmakers warned that Islamic State had grown ."
    doc = parsed(
        text,
        """
        State 1 compound PROPN
        lawmakers 2 nsubj NOUN lawmaker
        warned 2 ROOT VERB warn
        that 6 mark SCONJ
        Islamic 5 compound PROPN
        State 6 nsubj PROPN
        had 7 aux AUX have
        grown 2 ccomp VERB grow
        . 2 punct PUNCT
        """,
        ORG=["State", "Islamic State"],
    )
    assert ents(doc) == [("Islamic State", "ORG")]


def test_an_organisation_going_on_with_of_stops_before_and_a_second_whole_name() -> None:
    """Seventh tuning batch: a union "of <state>" went on through "and" into the next
    organisation's whole name; "High Court of Erin and Mor", with no such name after "and",
    stays one."""
    text = "The Dairy Union of Kerry and Coastal Fishing League sued . The High Court of Erin and Mor ruled ."
    doc = parsed(
        text,
        """
        The 2 det DET
        Dairy 2 compound PROPN
        Union 9 nsubj PROPN
        of 2 prep ADP
        Kerry 3 pobj PROPN
        and 4 cc CCONJ
        Coastal 8 compound PROPN
        Fishing 8 compound PROPN
        League 4 conj PROPN
        sued 9 ROOT VERB sue
        . 9 punct PUNCT
        The 13 det DET
        High 13 compound PROPN
        Court 18 nsubj PROPN
        of 13 prep ADP
        Erin 14 pobj PROPN
        and 15 cc CCONJ
        Mor 15 conj PROPN
        ruled 18 ROOT VERB rule
        . 18 punct PUNCT
        """,
        ORG=["The Dairy Union", "Coastal Fishing League", "The High Court"],
        GPE=["Kerry", "Erin", "Mor"],
    )
    assert ents(doc) == [
        ("The Dairy Union of Kerry", "ORG"),
        ("Coastal Fishing League", "ORG"),
        ("The High Court of Erin and Mor", "ORG"),
    ]


def test_a_ship_named_after_a_person_keeps_its_prefix_and_type() -> None:
    """Seventh tuning batch: a rescue ship named after a person the article names often became
    that person with its prefix, the surname outvoting the ship; the person stays a person."""
    text = "Lena Brandt drowned . Brandt was three . Brandt had fled . Their ship , MV Lena Brandt , sailed ."
    doc = parsed(
        text,
        """
        Lena 1 compound PROPN
        Brandt 2 nsubj PROPN
        drowned 2 ROOT VERB drown
        . 2 punct PUNCT
        Brandt 5 nsubj PROPN
        was 5 ROOT AUX be
        three 5 attr NUM
        . 5 punct PUNCT
        Brandt 10 nsubj PROPN
        had 10 aux AUX have
        fled 10 ROOT VERB flee
        . 10 punct PUNCT
        Their 13 poss PRON
        ship 19 nsubj NOUN
        , 13 punct PUNCT
        MV 17 compound PROPN
        Lena 17 compound PROPN
        Brandt 13 appos PROPN
        , 13 punct PUNCT
        sailed 19 ROOT VERB sail
        . 19 punct PUNCT
        """,
        PERSON=["Lena Brandt", "Brandt@1", "Brandt@2", "Lena Brandt@1"],
        ORG=["MV"],
    )
    assert ents(doc) == [
        ("Lena Brandt", "PERSON"),
        ("Brandt", "PERSON"),
        ("Brandt", "PERSON"),
        ("MV Lena Brandt", "PRODUCT"),
    ]


def test_a_word_used_as_a_modifier_and_as_a_plural_group_is_a_norp() -> None:
    """Seventh tuning batch: a movement's people, named before common nouns ("… military
    spokesperson", "… rebellion") and as "the …s who", were organisations and a person. Before
    "movement" the word is the organisation's name; a company named before a noun, never in the
    plural, stays an organisation."""
    text = (
        "A Zorani military spokesperson spoke . Aid reached the Zoranis who fled ."
        " The Zorani movement grew . Tarvel executives agreed ."
    )
    doc = parsed(
        text,
        """
        A 3 det DET
        Zorani 3 compound PROPN
        military 3 amod ADJ
        spokesperson 4 nsubj NOUN
        spoke 4 ROOT VERB speak
        . 4 punct PUNCT
        Aid 7 nsubj NOUN
        reached 7 ROOT VERB reach
        the 9 det DET
        Zoranis 7 dobj PROPN zorani
        who 11 nsubj PRON
        fled 9 relcl VERB flee
        . 7 punct PUNCT
        The 15 det DET
        Zorani 15 compound PROPN
        movement 16 nsubj NOUN
        grew 16 ROOT VERB grow
        . 16 punct PUNCT
        Tarvel 19 compound PROPN
        executives 20 nsubj NOUN executive
        agreed 20 ROOT VERB agree
        . 20 punct PUNCT
        """,
        ORG=["Zorani", "Zorani@2", "Tarvel"],
        PERSON=["Zoranis"],
    )
    assert ents(doc) == [
        ("Zorani", "NORP"),
        ("Zoranis", "NORP"),
        ("Zorani", "ORG"),
        ("Tarvel", "ORG"),
    ]


def test_the_united_states_before_an_american_partys_name_is_a_place() -> None:
    """Third, fourth and fifth tuning batches: "U.S. <…> Party" was one organisation; the party's
    name has no country in it. Another country's party may bear its name."""
    text = "The U.S. Green Party met . The UK Independence Party met ."
    doc = parsed(
        text,
        """
        The 3 det DET
        U.S. 3 compound PROPN
        Green 3 compound PROPN
        Party 4 nsubj PROPN
        met 4 ROOT VERB meet
        . 4 punct PUNCT
        The 9 det DET
        UK 9 compound PROPN
        Independence 9 compound PROPN
        Party 10 nsubj PROPN
        met 10 ROOT VERB meet
        . 10 punct PUNCT
        """,
        ORG=["The U.S. Green Party", "The UK Independence Party"],
    )
    assert ents(doc) == [("U.S.", "GPE"), ("Green Party", "ORG"), ("The UK Independence Party", "ORG")]


def test_a_describing_noun_right_before_a_name_makes_it_a_person() -> None:
    """Sixth tuning batch: "an attendee <given name> <surname> said" was an organisation; a
    noun that describes a person ("passenger", "attendee") before a name is a role as much as
    "spokesman" is."""
    text = "A passenger Ravi Tandel said the crew left ."
    doc = parsed(
        text,
        """
        A 1 det DET
        passenger 3 nmod NOUN
        Ravi 3 compound PROPN
        Tandel 4 nsubj PROPN
        said 4 ROOT VERB say
        the 6 det DET
        crew 7 nsubj NOUN
        left 4 ccomp VERB leave
        . 4 punct PUNCT
        """,
        ORG=["Ravi Tandel"],
    )
    assert ents(doc) == [("Ravi Tandel", "PERSON")]


def test_the_publishers_own_name_and_a_name_ending_in_news_are_organisations() -> None:
    """Tuning batches 4 and 5: the model typed the publisher a person where an interviewee
    "told Wikinews" something or "Wikinews attended" (9 mentions)."""
    text = "Lena Ortiz told Wikinews she watched Sky News."
    doc = flat(
        text,
        "Lena Ortiz told Wikinews she watched Sky News .",
        PERSON=["Lena Ortiz", "Wikinews", "Sky News"],
    )
    assert ents(doc) == [("Lena Ortiz", "PERSON"), ("Wikinews", "ORG"), ("Sky News", "ORG")]


def test_news_alone_is_no_outlet() -> None:
    doc = flat("Breaking News hurt Newsome.", "Breaking News hurt Newsome .", PERSON=["Newsome"])
    assert ents(doc) == [("Newsome", "PERSON")]


def test_words_after_a_capitalised_the_where_a_source_goes_name_a_publication() -> None:
    """Tuning batches 2, 3, 6 and 7: "told The Atlantic", "according to The Verge" were left
    out or typed a place; a person is never "The" anyone."""
    text = "Kitty Mak told The Atlantic she left, according to The Verge. Ana said to The Times so."
    doc = flat(
        text,
        "Kitty Mak told The Atlantic she left , according to The Verge . Ana said to The Times so .",
        PERSON=["Kitty Mak", "Ana"],
        LOC=["Atlantic"],
    )
    assert ents(doc) == [
        ("Kitty Mak", "PERSON"),
        ("Atlantic", "ORG"),
        ("Verge", "ORG"),
        ("Ana", "PERSON"),
        ("Times", "ORG"),
    ]


def test_a_capitalised_the_elsewhere_names_no_publication() -> None:
    text = "He went to The Hague and saw The Crown. She told The New York Times."
    doc = flat(
        text,
        "He went to The Hague and saw The Crown . She told The New York Times .",
        GPE=["The Hague"],
        WORK_OF_ART=["Crown"],
        ORG=["The New York Times"],
    )
    assert ents(doc) == [("The Hague", "GPE"), ("Crown", "WORK_OF_ART"), ("The New York Times", "ORG")]


@pytest.mark.model
def test_known_news_outlets_are_ruled_before_the_recogniser(model_pipeline: LoadedPipeline) -> None:
    text = "After the convention, Mancini told Wikinews the costume was heavy. Wikinews attended."
    doc = model_pipeline.nlp(text)
    # Alone, the model calls the first a person and leaves the second out.
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Wikinews"] == [("Wikinews", "ORG")] * 2


def test_a_hyphenated_surname_cut_at_its_first_hyphen_is_whole() -> None:
    """Tuning batch 7: "against Chan-o-cha" was the person "Chan"; the article named "Prayuth
    Chan-o-cha" before. A surname of capitalised parts is whole without that help."""
    text = "Voters backed Prayuth Chan-o-cha. Nobody ran against Chan-o-cha. Eva Glawischnig-Piesczek spoke."
    doc = flat(
        text,
        "Voters backed Prayuth Chan - o - cha . Nobody ran against Chan - o - cha . "
        "Eva Glawischnig - Piesczek spoke .",
        PERSON=["Prayuth Chan-o-cha", "Chan@1", "Eva Glawischnig"],
    )
    assert ents(doc) == [
        ("Prayuth Chan-o-cha", "PERSON"),
        ("Chan-o-cha", "PERSON"),
        ("Eva Glawischnig-Piesczek", "PERSON"),
    ]


def test_two_peoples_names_or_a_common_word_after_a_hyphen_stay_apart() -> None:
    text = "Spike Cohen joined the Jo Jorgensen-Cohen ticket, a Smith-led group and a Trump-Ukraine call."
    doc = flat(
        text,
        "Spike Cohen joined the Jo Jorgensen - Cohen ticket , a Smith - led group "
        "and a Trump - Ukraine call .",
        PERSON=["Spike Cohen", "Jo Jorgensen", "Smith", "Trump"],
    )
    assert ents(doc) == [
        ("Spike Cohen", "PERSON"),
        ("Jo Jorgensen", "PERSON"),
        ("Cohen", "PERSON"),  # the lone surname of a person named in full
        ("Smith", "PERSON"),
        ("Trump", "PERSON"),
    ]


def test_a_language_before_an_outlet_with_editions_names_one_organisation() -> None:
    """Tuning batch 4: "A correspondent from French Wikinews" was a people and an outlet."""
    text = "A correspondent from French Wikinews called."
    doc = flat(text, "A correspondent from French Wikinews called .", NORP=["French"], ORG=["Wikinews"])
    assert ents(doc) == [("French Wikinews", "ORG")]


def test_a_place_named_for_a_given_name_keeps_its_head_word() -> None:
    """The small model found "Santa Barbara County" whole; the given-name rule took "Barbara"
    for a first name and "County" for a surname and cut a person out of the county."""
    text = "It is bad , said Santa Barbara County Sheriff Bill Brown . Grace Valley is in Marion County ."
    doc = flat(
        text,
        text,
        GPE=["Santa Barbara County", "Marion County"],
        PERSON=["Bill Brown"],
        LOC=["Grace Valley"],
    )
    assert ents(doc) == [
        ("Santa Barbara County", "GPE"),
        ("Bill Brown", "PERSON"),
        ("Grace Valley", "LOC"),
        ("Marion County", "GPE"),
    ]


def test_an_unknown_first_name_before_a_given_name_and_surname_stays_in_the_person() -> None:
    """ "Tynice Nichole Hall" (ORG): a middle name that is a common given name does not make the
    first name, which names no place or title, an organisation of its own."""
    text = "Tynice Nichole Hall was convicted in Texas . Ohio Bernie Moreno voted ."
    doc = flat(text, text, ORG=["Tynice Nichole Hall", "Ohio Bernie Moreno"], GPE=["Texas"])
    assert ents(doc) == [
        ("Tynice Nichole Hall", "PERSON"),
        ("Texas", "GPE"),
        ("Ohio", "GPE"),  # a place of the gazetteer before a name is still cut off
        ("Bernie Moreno", "PERSON"),
    ]
