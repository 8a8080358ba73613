"""The export tokenizer's language data is what the installed spaCy's blank English uses.

`annotator/nlp/lang/en/tokenizer_data.json` is generated from spaCy
(`python -m annotator.nlp.lang.en.make_tokenizer_data`); a spaCy upgrade that changes a prefix,
a suffix, an infix, the URL pattern or a special case fails here until the file is generated
again and the diff reviewed, so English tokenisation can never change silently.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import bisect
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
import spacy

from annotator.nlp.lang.en import make_tokenizer_data
from annotator.nlp.tokenizer import CODE, DATA, compiled_patterns, language_data, splits_like_export
from annotator.nlp.tokenizer_rules import RuleTokenizer


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
    bounds = derived["suffix_after"]["."]  # after a lowercase letter, not after another full stop
    assert all(bisect.bisect_right(bounds, ord(c)) % 2 for c in "az09")
    assert not any(bisect.bisect_right(bounds, ord(c)) % 2 for c in ".AZ")
    # Starting a piece, a quote or a bracket is a prefix alone; "U" may start "US$", "." "...".
    assert set(derived["prefix_longer"]) <= set(derived["prefix_first"])
    assert {"U", ".", "+"} <= set(derived["prefix_longer"]) and not {'"', "(", "["} & set(
        derived["prefix_longer"]
    )
    # An infix starts at a mark, never at a letter or a digit; a URL holds a full stop.
    assert "-" in derived["infix_first"] and not any(c.isalnum() for c in derived["infix_first"])
    assert derived["url_needs"] == "."


def test_the_patterns_code_is_what_this_python_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tokenizer_code.json` keeps what `re.compile` makes of each pattern, so a start does not
    compile them (26 ms). Made by this Python's engine, it is used, and each pattern equals
    `re.compile`'s (pattern objects compare their code); made by another, or damaged, or for
    other patterns, it is not, and the tokenizer compiles the patterns itself."""
    data = language_data()
    stored = json.loads(CODE.read_text("utf-8"))
    here = ("{}.{}".format(*sys.version_info[:2]), _sre.MAGIC, _sre.CODESIZE)
    made = compiled_patterns(data)
    if (stored["python"], stored["sre_magic"], stored["codesize"]) != here:
        assert made == {}  # another Python: its engine's code may differ
        return
    assert make_tokenizer_data.render_code(
        make_tokenizer_data.compiled_patterns(dict(data))
    ) == CODE.read_text("utf-8")
    assert made.keys() == {key for key in make_tokenizer_data.PATTERN_KEYS if data[key] is not None}
    for key, pattern in made.items():
        assert pattern == re.compile(data[key])
    # Another engine, a damaged file, other patterns: nothing is used.
    other = dict(stored, sre_magic=stored["sre_magic"] + 1)
    broken = dict(stored, patterns={"prefix": {"sha256": "x"}})
    for content in (json.dumps(other), json.dumps(broken), "{", ""):
        (tmp_path / "code.json").write_text(content, "utf-8")
        monkeypatch.setattr("annotator.nlp.tokenizer.CODE", tmp_path / "code.json")
        assert compiled_patterns(data) == {}
    monkeypatch.undo()
    assert compiled_patterns({**data, "suffix": data["suffix"] + "|x$"}).keys() == made.keys() - {"suffix"}
    tokenizer = RuleTokenizer(data, {"prefix": re.compile("elsewhere")})  # a pattern not the data's
    assert tokenizer._prefix is not None and tokenizer._prefix.pattern == data["prefix"]
