"""Speaker attribution on small hand-built documents (no trained model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from annotator.core.model import Speaker
from annotator.nlp import LoadedPipeline
from annotator.nlp.quotes import find_quotes
from annotator.nlp.speakers import find_speakers, normalise_name

from .parses import at, surface_doc


def speakers(doc: Doc) -> list[Speaker | None]:
    return find_speakers(doc, find_quotes(doc.text))


def test_dependency_subject_of_inverted_said() -> None:
    words = ["“", "We", "won", ",", "”", "said", "Anna", "Smith", "."]
    doc = Doc(
        Vocab(),
        words=words,
        spaces=[False, True, False, False, True, True, True, False, False],
        heads=[5, 2, 5, 5, 5, 5, 7, 5, 5],
        deps=["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "compound", "nsubj", "punct"],
        pos=["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT"],
        lemmas=["“", "we", "win", ",", "”", "say", "Anna", "Smith", "."],
        ents=["O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert doc.text == "“We won,” said Anna Smith."
    assert speakers(doc) == [Speaker(15, 25, "Anna Smith")]


def test_dependency_subject_ignores_pronoun_inside_the_quote() -> None:
    # "We" inside the quotation is the subject of "won", never the speaker.
    words = ["The", "mayor", "told", "me", ":", '"', "We", "won", "the", "vote", '"']
    doc = Doc(
        Vocab(),
        words=words,
        spaces=[True, True, True, False, True, False, True, True, True, False, False],
        heads=[1, 2, 2, 2, 2, 7, 7, 2, 9, 7, 7],
        deps=["det", "nsubj", "ROOT", "dobj", "punct", "punct", "nsubj", "ccomp", "det", "dobj", "punct"],
        pos=["DET", "NOUN", "VERB", "PRON", "PUNCT", "PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT"],
        lemmas=["the", "mayor", "tell", "I", ":", '"', "we", "win", "the", "vote", '"'],
    )
    assert doc.text == 'The mayor told me: "We won the vote"'
    assert speakers(doc) == [Speaker(0, 9, "mayor")]


def test_surface_said_after_quote(rules_pipeline: LoadedPipeline) -> None:
    text = "“The bridge will open in May,” said Maria Lopez, the city engineer."
    doc = surface_doc(rules_pipeline, text, PERSON=["Maria Lopez"])
    assert speakers(doc) == [at(text, "Maria Lopez")]


def test_colon_introduction(rules_pipeline: LoadedPipeline) -> None:
    text = "Jo Anne Val Tilburg told me: “The seeps are minor resources today.”"
    doc = surface_doc(rules_pipeline, text, PERSON=["Jo Anne Val Tilburg"])
    assert speakers(doc) == [at(text, "Jo Anne Val Tilburg")]


def test_according_to(rules_pipeline: LoadedPipeline) -> None:
    text = 'According to Kelly Dittmar, "women hold fewer than 30 percent of seats."'
    doc = surface_doc(rules_pipeline, text, PERSON=["Kelly Dittmar"])
    assert speakers(doc) == [at(text, "Kelly Dittmar")]


def test_pronoun_resolves_to_the_only_person_nearby(rules_pipeline: LoadedPipeline) -> None:
    text = 'Firefighter Tom Okafor arrived first. He said "the roof was already gone by then."'
    doc = surface_doc(rules_pipeline, text, PERSON=["Tom Okafor"])
    # The mention is the pronoun as written; the name is the person it stands for.
    start = text.index("He said")
    assert speakers(doc) == [Speaker(start, start + 2, "Tom Okafor")]


def test_pronoun_with_two_people_nearby_is_left_open(rules_pipeline: LoadedPipeline) -> None:
    text = 'Tom Okafor met Ann Park at noon. He said "the roof was already gone by then."'
    doc = surface_doc(rules_pipeline, text, PERSON=["Tom Okafor", "Ann Park"])
    assert speakers(doc) == [None]


def test_no_speaker_named_and_scare_quotes_have_none(rules_pipeline: LoadedPipeline) -> None:
    text = 'The "reform" was passed. "Nobody expected this outcome at all."'
    doc = surface_doc(rules_pipeline, text)
    assert speakers(doc) == [None, None]


def test_speaker_in_following_sentence_of_same_paragraph_only(rules_pipeline: LoadedPipeline) -> None:
    text = '"We are ready for the storm." Mayor Ruiz said so twice.\n\n"Stay home tonight, everyone."'
    doc = surface_doc(rules_pipeline, text, PERSON=["Ruiz"])
    assert speakers(doc) == [at(text, "Ruiz"), None]


def test_normalise_name() -> None:
    assert normalise_name("President Donald Trump") == "Donald Trump"
    assert normalise_name("Dr. Tristan Smith") == "Tristan Smith"
    assert normalise_name("the Alachua Sheriff's Office") == "Alachua Sheriff's Office"
    assert normalise_name("Mendez's") == "Mendez"
    assert normalise_name("the  party") == "party"
    assert normalise_name("Professor") == "Professor"


def test_blank_vocab_doc_without_sentences_still_works() -> None:
    nlp = spacy.blank("en")
    doc = nlp('He said "nothing at all happened here today" and left.')
    assert speakers(doc) == [None]
