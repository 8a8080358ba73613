"""Speaker rules of the thirteenth pass: a pronoun agrees in gender with the person it stands
for (Lee et al. 2013), as a title or a given name tells it, each on the parse the small English
model gives for a made-up sentence of the same shape, so the rule is tested without the model."""

from __future__ import annotations

from annotator.core.model import Speaker

from .parses import parsed
from .test_speaker_rules import said, speakers


def _met_then_said(
    first: tuple[str, str], second: tuple[str, str], pronoun: str
) -> tuple[str, list[Speaker | None]]:
    """Two people met, then a pronoun speaks ("A B and C D met on Monday. "We agreed on a plan,"
    she said."), as the model parses it: the first person the subject, the second joined to it,
    both tagged PERSON (a title is not)."""
    titled = first[0] in ("Mr", "Ms")
    text = (
        f"{first[0]} {first[1]} and {second[0]} {second[1]} met on Monday. "
        f'"We agreed on a plan," {pronoun} said.'
    )
    doc = parsed(
        text,
        f"""
        {first[0]} 1 compound PROPN {first[0]} NNP
        {first[1]} 5 nsubj PROPN {first[1]} NNP
        and 1 cc CCONJ and CC
        {second[0]} 4 compound PROPN {second[0]} NNP
        {second[1]} 1 conj PROPN {second[1]} NNP
        met 5 ROOT VERB meet VBD
        on 5 prep ADP on IN
        Monday 6 pobj PROPN Monday NNP
        . 5 punct PUNCT . .
        " 11 punct PUNCT " ``
        We 11 nsubj PRON we PRP
        agreed 18 ccomp VERB agree VBD
        on 11 prep ADP on IN
        a 14 det DET a DT
        plan 12 pobj NOUN plan NN
        , 18 punct PUNCT , ,
        " 18 punct PUNCT " ''
        {pronoun} 18 nsubj PRON {pronoun} PRP
        said 18 ROOT VERB say VBD
        . 18 punct PUNCT . .
        """,
        PERSON=[first[1], second[1]] if titled else [" ".join(first), " ".join(second)],
        DATE=["Monday"],
    )
    return text, speakers(doc)


def test_she_is_the_woman_of_two_people_named_together() -> None:
    # The subject of the sentence before was the antecedent whatever its gender; "Thomas" is a
    # man's name and "Eleanor" a woman's, so "she" can only be Eleanor Shaw.
    text, found = _met_then_said(("Thomas", "Whitfield"), ("Eleanor", "Shaw"), "she")
    assert found == [said(text, "she", "Eleanor Shaw")]
    text, found = _met_then_said(("Thomas", "Whitfield"), ("Eleanor", "Shaw"), "he")
    assert found == [said(text, "he", "Thomas Whitfield")]


def test_a_title_tells_the_gender_when_no_given_name_does() -> None:
    text, found = _met_then_said(("Mr", "Whitfield"), ("Ms", "Raghavan"), "she")
    assert found == [said(text, "she", "Raghavan")]
    text, found = _met_then_said(("Ms", "Raghavan"), ("Mr", "Whitfield"), "he")
    assert found == [said(text, "he", "Whitfield")]


def test_a_person_of_unknown_gender_beside_one_of_the_other_gender_is_the_antecedent() -> None:
    # "Priya" is in no census list: unknown gender is no disagreement, and the man is ruled out.
    text, found = _met_then_said(("Thomas", "Whitfield"), ("Priya", "Raghavan"), "she")
    assert found == [said(text, "she", "Priya Raghavan")]


def test_she_after_two_men_is_neither_of_them() -> None:
    # Whoever she is, the text has not named her as a person; the subject before is a man.
    _, found = _met_then_said(("Thomas", "Whitfield"), ("James", "Cole"), "she")
    assert found == [None]


def test_with_no_gender_known_the_subject_before_is_still_the_antecedent() -> None:
    # Neither name tells a gender, so nothing is ruled out and the subject carries the topic.
    text, found = _met_then_said(("Kwame", "Mensah"), ("Priya", "Raghavan"), "she")
    assert found == [said(text, "she", "Kwame Mensah")]


def test_a_given_name_with_an_accent_tells_the_gender_its_census_spelling_does() -> None:
    # The census writes "Maria"; "María" is the same name.
    text, found = _met_then_said(("María", "Cruz"), ("Jorge", "Ortega"), "he")
    assert found == [said(text, "he", "Jorge Ortega")]


def test_the_verb_miss_before_a_name_is_no_title() -> None:
    # "miss" would make Kwame Mensah a woman and leave "he" to Priya Raghavan; neither name tells
    # a gender, so both stay and the pronoun is left open as before.
    text = 'Officials will miss Kwame Mensah and Priya Raghavan. "We agreed on a plan," he said.'
    doc = parsed(
        text,
        """
        Officials 2 nsubj NOUN official NNS
        will 2 aux AUX will MD
        miss 2 ROOT VERB miss VB
        Kwame 4 compound PROPN Kwame NNP
        Mensah 2 dobj PROPN Mensah NNP
        and 4 cc CCONJ and CC
        Priya 7 compound PROPN Priya NNP
        Raghavan 4 conj PROPN Raghavan NNP
        . 2 punct PUNCT . .
        " 11 punct PUNCT " ``
        We 11 nsubj PRON we PRP
        agreed 18 ccomp VERB agree VBD
        on 11 prep ADP on IN
        a 14 det DET a DT
        plan 12 pobj NOUN plan NN
        , 18 punct PUNCT , ,
        " 18 punct PUNCT " ''
        he 18 nsubj PRON he PRP
        said 18 ROOT VERB say VBD
        . 18 punct PUNCT . .
        """,
        PERSON=["Kwame Mensah", "Priya Raghavan"],
    )
    assert speakers(doc) == [None]
