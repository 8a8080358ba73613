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
