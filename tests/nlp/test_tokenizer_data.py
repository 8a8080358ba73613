"""The export tokenizer's language data is what the installed spaCy's blank English uses.

`annotator/nlp/lang/en/tokenizer_data.json` is generated from spaCy
(`python -m annotator.nlp.lang.en.make_tokenizer_data`); a spaCy upgrade that changes a prefix,
a suffix, an infix, the URL pattern or a special case fails here until the file is generated
again and the diff reviewed, so English tokenisation can never change silently.
"""

from __future__ import annotations

import json
import unicodedata

import spacy

from annotator.nlp.lang.en import make_tokenizer_data
from annotator.nlp.tokenizer import DATA, language_data, splits_like_export


def test_the_language_data_file_is_what_the_installed_spacy_gives() -> None:
    built = make_tokenizer_data.build()
    assert built["spacy_version"] == spacy.__version__
    stored = DATA.read_text("utf-8")
    if json.loads(stored)["derived"]["unicode_version"] == unicodedata.unidata_version:
        assert make_tokenizer_data.render(built) == stored  # byte for byte
    else:
        # Another Python's Unicode tables: the shortcuts proved with them are not taken here
        # (`RuleTokenizer` checks the version), but spaCy's own settings must be the same.
        ours, theirs = json.loads(make_tokenizer_data.render(built)), json.loads(stored)
        assert {k: v for k, v in ours.items() if k != "derived"} == {
            k: v for k, v in theirs.items() if k != "derived"
        }


def test_the_data_matches_the_blank_pipelines_tokenizer_setting_by_setting() -> None:
    tokenizer = spacy.blank("en").tokenizer
    data = language_data()
    assert data["prefix"] == tokenizer.prefix_search.__self__.pattern
    assert data["suffix"] == tokenizer.suffix_search.__self__.pattern
    assert data["infix"] == tokenizer.infix_finditer.__self__.pattern
    assert data["url_match"] == tokenizer.url_match.__self__.pattern
    assert data["token_match"] is None and tokenizer.token_match is None
    assert data["faster_heuristics"] == tokenizer.faster_heuristics
    assert data["special_cases"].keys() == tokenizer.rules.keys()
    assert splits_like_export(tokenizer)


def test_every_fast_path_was_proved() -> None:
    """The shortcuts the tokenizer takes are in the data, so the analysis ran on these patterns."""
    derived = language_data()["derived"]
    assert derived["plain_excluded"] == {"isalpha": "", "isdecimal": ""}  # no letter or digit is special
    assert derived["prefix_anchored"] is True
    assert "," in derived["suffix_single"] and "." not in derived["suffix_single"]
    assert derived["suffix_width"] >= 1 and derived["suffix_unbounded_last"] == "."
