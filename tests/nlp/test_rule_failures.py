"""A bug in a rule costs one text its fixes, never a whole pre-annotation run.

An IndexError in one entity step on the last token of one article stopped the pre-annotation
of a whole 200-article import, and the person saw spaCy's E040 message in an error box.
"""

from __future__ import annotations

import logging

import pytest

from annotator.nlp import LoadedPipeline, analyse
from annotator.nlp import entities as entity_rules
from annotator.nlp.analyse import analyse_texts

TEXTS = [
    'Angela Merkel visited Paris on Monday. "We will work together," Merkel said.',
    "Emmanuel Macron met her at the Elysee Palace.",
]


def _broken(*args: object, **kwargs: object) -> object:
    raise IndexError("[E040] Attempt to access token at 11, max length 10.")


def test_a_failing_entity_rule_leaves_the_text_its_model_entities(
    rules_pipeline: LoadedPipeline, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(entity_rules, "fix_entities", lambda doc, evidence: list(doc.ents))
    unfixed = list(analyse_texts(TEXTS, pipeline=rules_pipeline))
    monkeypatch.setattr(entity_rules, "fix_entities", _broken)
    with caplog.at_level(logging.ERROR):
        got = list(analyse_texts(TEXTS, pipeline=rules_pipeline))
    assert [a.entities for a in got] == [a.entities for a in unfixed]  # the recogniser's own
    assert [a.quotes for a in got] == [a.quotes for a in unfixed]
    assert "entity rules failed" in caplog.text


def test_a_failing_speaker_rule_leaves_the_quotations_without_speakers(
    rules_pipeline: LoadedPipeline, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(analyse, "attribute", _broken)
    with caplog.at_level(logging.ERROR):
        got = list(analyse_texts(TEXTS, pipeline=rules_pipeline))
    assert len(got) == len(TEXTS)
    assert [q.speaker for q in got[0].quotes] == [None]
    assert "speaker rules failed" in caplog.text
