"""Speaker rules of the fifth pass, written from the tuning batches, each on the parse the small
English model gives for the sentence (mistakes included), so the rule is tested without the model."""

from __future__ import annotations

from .parses import parsed
from .test_speaker_rules import said, speakers


def test_the_company_is_the_last_organisation_that_acted_even_sentences_back() -> None:
    # Four sentences between "Hasbro hosted" and "the company noted": the window of the last
    # three sentences has no organisation, and "company" alone is nobody.
    text = "Hasbro hosted a panel. It sold helmets. They had lights. Fans came. "
    text += 'The company noted "it was plastic."'
    doc = parsed(
        text,
        """
        Hasbro 1 nsubj PROPN
        hosted 1 ROOT VERB host
        a 3 det DET
        panel 1 dobj NOUN
        . 1 punct PUNCT
        It 6 nsubj PRON
        sold 6 ROOT VERB sell
        helmets 6 dobj NOUN helmet NNS
        . 6 punct PUNCT
        They 10 nsubj PRON
        had 10 ROOT VERB have
        lights 10 dobj NOUN light NNS
        . 10 punct PUNCT
        Fans 14 nsubj NOUN fan NNS
        came 14 ROOT VERB come
        . 14 punct PUNCT
        The 17 det DET
        company 18 nsubj NOUN
        noted 18 ROOT VERB note
        " 18 punct PUNCT
        it 21 nsubj PRON
        was 18 ccomp AUX be VBD
        plastic 21 acomp ADJ
        . 18 punct PUNCT
        " 18 punct PUNCT
        """,
        ORG=["Hasbro"],
    )
    assert speakers(doc) == [said(text, "The company", "Hasbro")]
