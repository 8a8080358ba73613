"""The export tokenizer splits text exactly as spaCy's blank English tokenizer does, without spaCy.

Stored tokens and every Prodigy export depend on it, so `tokenizer_rules.RuleTokenizer` (a port of
spaCy's algorithm) is compared with `spacy.blank("en").tokenizer` token by token and space by
space: on every article in tests/data, on hostile text (hypothesis), and on the rare paths
(special cases put back over a whole text, whitespace pieces, affixes around special cases).
tests/nlp/test_tokenizer_data.py holds its language data equal to spaCy's.
"""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import LENGTH, SPACY

from annotator.core.tokens import TokenSpans
from annotator.nlp.lang.en.make_tokenizer_data import plain_excluded
from annotator.nlp.tokenizer import _tokenizer, language_data, splits_like_export, tokenize, tokenize_texts
from annotator.nlp.tokenizer_rules import _UNITS, LONGEST_PIECE, RuleTokenizer

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def _blank() -> Any:
    return spacy.blank("en").tokenizer


def _reference(text: str) -> tuple[list[int], list[int]]:
    lengths, spaced = _blank()(text).to_array([LENGTH, SPACY]).reshape(-1, 2).T.tolist()
    return lengths, spaced


def _ours(spans: TokenSpans) -> tuple[list[int], list[int]]:
    return [e - s for s, e in zip(spans.starts, spans.ends, strict=True)], [int(s) for s in spans.spaced]


def _texts() -> list[tuple[str, str]]:
    """Every article text in tests/data: Wikinews (txt, jsonl), NewsSD rows, raw HTML pages (CRLF)."""
    found: list[tuple[str, str]] = []
    for path in sorted(DATA.rglob("*")):
        if path.suffix in {".txt", ".html", ".csv"}:
            found.append((str(path), path.read_bytes().decode("utf-8", "replace")))
        elif path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text("utf-8").splitlines()):
                row = json.loads(line) if line.strip() else {}
                if isinstance(row, dict) and isinstance(row.get("text"), str):
                    found.append((f"{path}:{n + 1}", row["text"]))
    return found


def test_same_tokens_as_spacy_on_every_test_article() -> None:
    texts = _texts()
    assert len(texts) > 30  # Wikinews articles, HTML pages, news sentences
    for (where, text), spans in zip(texts, tokenize_texts(t for _, t in texts), strict=True):
        assert _ours(spans) == _reference(text), where
        assert spans.words() == [t.text for t in _blank()(text)], where
        assert spans.tiles()


# What English tokenizer rules react to: contractions and abbreviations (special cases),
# URLs and e-mail addresses (url_match), units after numbers (suffixes), hyphens, dots and
# quotes between letters (infixes), emoji and ZWJ sequences, CJK, combining marks, every kind
# of whitespace next to spaces, and the special cases spaCy puts back over a whole text.
PIECES = [
    "don't", "Don't", "can't", "y'all", "'s", "’s", "’S", "dont", "Shes", "cannot", "gonna",
    "U.S.", "e.g.", "i.e.", "Mr.", "Mrs.", "a.m.", "10a.m.", "Jan.", "St.", "St.Kitts", "o.O", ":)",
    ":-)", "<3", "(:", "^_^", "and/or", "'em", "’cause", "Pony’’,", ":)</p>", "alt=''", "href=''",
    "https://en.wikinews.org/wiki/A_(b)?x=1&y=2", "www.example.com/x.", "mail@example.org",
    "192.168.0.1", "10km", "10km/h", "5.3%", "$20", "US$5", "20$", "°C.", "1,000", "3-4", "3+4",
    "well-known", "end.Start", "A.B.", "ab.", "AB.", "Ab.", "a..", "...", "…", "……", "--", "—", "–",
    "(", ")", "[", "]", '"', "'", "“", "”", "‘", "’", "«", "»", "„", "!", "?", "¿", ";", ":", ",", ".",
    "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "漢字", "東京都", "。", "，", "é", "e\u0301", "\u200d", "\u200b",
    "می\u200cشود،", "Ünïcödé", "١٢٣", "²", "½", "\u00a0", "\r\n", "\n", "\n\n\n", "\t", " ", "  ",
    "   ", " \n", "\n ", "\u2009", "\u3000", "word", "Word", "WORD", "2019", "A", "a", "I",
    "Avenue,", "Utah.", "Congress.", "US$5,", "A$1.", "C$,", "USA,", "(FSB),", '"Yes,', "ten-storey",
    "life-threatening.", "al-Assad,", "1,000.", "3-4,", "[who]", "((pl))Polish", "people[...]",
]  # fmt: skip
HOSTILE = st.lists(
    st.sampled_from(PIECES)
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=6)
    | st.text(st.sampled_from(" \n\t\u00a0.,'\"()-:/aB1"), max_size=6),
    max_size=25,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(HOSTILE)
def test_same_tokens_as_spacy_on_hostile_text(text: str) -> None:
    assert _ours(tokenize(text)) == _reference(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_same_tokens_as_spacy_with_spaces_between(pieces: list[str]) -> None:
    """Pieces alone between spaces: what the special cases and the whole-text matcher see."""
    for text in (" ".join(pieces), "".join(pieces), "  ".join(pieces)):
        assert _ours(tokenize(text)) == _reference(text), text


def test_a_fresh_tokenizer_gives_what_a_warm_one_gives() -> None:
    """Results are cached per piece: the first sight of a piece and a cached one agree."""
    texts = [t for _, t in _texts()][:40]
    fresh = RuleTokenizer(language_data())
    warm = [fresh.values(t) for t in texts]
    assert [fresh.values(t) for t in reversed(texts)] == warm[::-1]
    assert warm == [RuleTokenizer(language_data()).values(t) for t in texts]


def test_a_full_cache_starts_again_and_splits_the_same() -> None:
    texts = [t for _, t in _texts()][:30]
    small = RuleTokenizer(language_data())
    small.cache_limit = 50
    assert [small.values(t) for t in texts] == [_tokenizer().values(t) for t in texts]
    assert len(small._units) < 3000  # started again on the way


def test_spans_keep_the_units_of_the_text_and_store_what_they_split() -> None:
    """Spans made unit by unit give the offsets, spaces and stored form of the whole text's
    tokens, also for a token too long for a byte (kept as a tuple) and a text the whole-text
    matcher changes (made from the numbers instead)."""
    tokenizer = RuleTokenizer(language_data())
    long_word = "x" * 300
    texts = [*(t for _, t in _texts()[:20]), f"A {long_word}, then words.", "Basseterre, St.Kitts and Nevis."]
    for text in texts:
        spans = tokenizer.spans(text)
        again = TokenSpans.decode(text, spans.encode())
        assert again == spans and again is not None
        assert list(again.values()) == list(spans.values()) == tokenizer.values(text)
        assert _ours(spans) == _reference(text)
        if spans.units is not None:
            assert "".join(spans.units) == text
    assert tokenizer.spans(texts[-1]).units is None  # the matcher's text


def test_the_caches_hold_nothing_the_garbage_collector_walks() -> None:
    """Tuples going into the caches made every young collection walk them (about 20 ms of a cold
    export of 265 articles): the numbers are kept as bytes, which the collector does not track."""
    tokenizer = RuleTokenizer(language_data())
    for _, text in _texts()[:20]:
        tokenizer.spans(text)
    for cache in (tokenizer._units, tokenizer._pieces):
        assert cache
        assert not any(map(gc.is_tracked, cache.values()))


def test_special_cases_are_put_back_over_the_whole_text() -> None:
    """spaCy's second look for special cases (`_apply_special_cases`): "St.Kitts" splits at the
    infix, and "St." is then found again over the tokens; the tokenizer takes that path."""
    tokenizer = RuleTokenizer(language_data())
    for text in ("Basseterre, St.Kitts and Nevis.", "It was :)</p> fine", "My Little Pony’’, said"):
        assert _ours(TokenSpans.from_values(text, tokenizer.values(text))) == _reference(text)
    assert tokenizer._rematch  # the whole-text pass ran


AFFIX_TEXT = st.text(st.sampled_from("aZé1٣.,'\"()$%+-°CFkm/h…\n\t ’s"), min_size=1, max_size=12) | st.text(
    st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8
)


@settings(max_examples=500, deadline=None)
@given(AFFIX_TEXT)
def test_the_affix_shortcuts_find_what_spacys_searches_find(string: str) -> None:
    """`find_prefix` and `find_suffix` with their proved shortcuts (first and last characters,
    a window at the end) give the length spaCy's full `search` gives."""
    ours, blank = _tokenizer(), _blank()
    assert ours._find_prefix(string) == blank.find_prefix(string)
    assert ours._find_suffix(string) == blank.find_suffix(string)


def _after(char: str) -> list[str]:
    bounds = language_data()["derived"]["suffix_after"][char]
    return [
        chr(point)
        for start, end in zip(bounds[::2], bounds[1::2], strict=True)
        for point in range(start, end)
    ]


@settings(max_examples=500, deadline=None)
@given(
    st.text(st.sampled_from("aZé1٣.,'\"()-’sT"), max_size=6),
    st.sampled_from(_after(".")) | st.characters(exclude_categories=("Cs",)),
    st.sampled_from([".", "+"]),
)
def test_a_suffix_after_a_listed_character_is_what_spacy_finds(core: str, before: str, last: str) -> None:
    """`suffix_after`: a full stop (or a plus) after a character listed with it is the piece's
    suffix alone; the tokenizer then splits the piece without a regular expression."""
    piece = core + before + last
    assert _ours(tokenize(piece)) == _reference(piece)
    found = _tokenizer()._plain_and_suffix(piece)
    if found is not None and piece not in language_data()["special_cases"]:  # taken after those
        assert _blank().find_suffix(piece) == 1
        assert list(found) == _reference(piece)[0]


def _derived(key: str) -> str:
    value: str = language_data()["derived"][key]
    return value


_PREFIX_FIRST = sorted(_derived("prefix_first"))
_AFFIX_CHARS = "aZé1٣.,'\"()$%+-°CFkm/h…’s[]“”«»"


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(_PREFIX_FIRST),
    st.text(st.sampled_from(_AFFIX_CHARS) | st.sampled_from(_PREFIX_FIRST), max_size=6),
)
def test_a_prefix_is_what_spacys_search_finds(first: str, rest: str) -> None:
    """`prefix_longer`: a piece starting with any other character of `prefix_first` (a quote, a
    bracket, a currency sign) has that character alone as its prefix, without the search."""
    string = first + rest
    assert _tokenizer()._find_prefix(string) == _blank().find_prefix(string)
    assert _ours(tokenize(string)) == _reference(string)


_SUFFIX_LAST = sorted(_derived("suffix_single") + "".join(language_data()["derived"]["suffix_after"]))


@settings(max_examples=500, deadline=None)
@given(
    st.text(st.sampled_from(_AFFIX_CHARS) | st.characters(exclude_categories=("Cs",)), max_size=6),
    st.sampled_from(_SUFFIX_LAST),
)
def test_a_suffix_alone_is_what_spacys_search_finds(rest: str, last: str) -> None:
    """`suffix_single` and `suffix_after` in the suffix search itself: whatever comes before
    (a prefix, an infix, another mark), the search gives what spaCy's gives."""
    string = rest + last
    assert _tokenizer()._find_suffix(string) == _blank().find_suffix(string)
    assert _ours(tokenize(string)) == _reference(string)


_INFIX_PIECES = [*"aZé1٣-–—~.,:/<>=+*^…'’\"()%@#_", "...", "--", "---", "——", "……", "ab", "12"]
_INFIX_TEXT = st.lists(
    st.sampled_from(_INFIX_PIECES)
    | st.sampled_from(_derived("infix_first"))
    | st.characters(exclude_categories=("Cs",)),
    min_size=1,
    max_size=10,
).map("".join)


@settings(max_examples=800, deadline=None)
@given(_INFIX_TEXT)
def test_infixes_tried_where_one_can_start_are_what_finditer_finds(string: str) -> None:
    """`infix_first`: the infix pattern tried only at the characters a match can start with
    finds the matches spaCy's `infix_finditer` finds; `url_needs`: no URL without a full stop."""
    ours, blank = _tokenizer(), _blank()
    assert ours._infix is not None and ours._url_match is not None
    found = [m.span() for m in ours._infixes(ours._infix, string)]
    assert found == [m.span() for m in blank.infix_finditer(string)]
    if _derived("url_needs") not in string:
        assert blank.url_match(string) is None
    assert _ours(tokenize(string)) == _reference(string)


def test_units_split_at_whitespace_as_spacy_does() -> None:
    """`\\s` in a regular expression is exactly `str.isspace`, which spaCy's tokenizer splits on."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert [c for c in every if re.fullmatch(r"\s", c)] == [c for c in every if c.isspace()]
    assert _UNITS.findall("a  b\t c\n") == ["a ", " ", "b", "\t ", "c", "\n"]


def test_the_fast_path_proof_finds_what_a_pattern_can_match() -> None:
    """`plain_excluded` takes out of a kind the characters a pattern could match, and only those."""
    assert plain_excluded([r"^[a-c]x?"], "isalpha") == "abc"
    assert plain_excluded([r"(?<=[0-9])(?:km|m)$"], "isdecimal") == ""  # needs a letter after digits
    assert plain_excluded([r"(?<=[0-9])(?:km|m)$", r"q(?=[0-9])"], "isalpha") == ""
    assert plain_excluded([r"\.\.+$", r"[\u00e9é]"], "isalpha") == "é"
    with pytest.raises(ValueError):
        plain_excluded([r"(?=\w)"], "isalpha")  # an empty match: nothing to take out


def test_splits_like_export_knows_blank_english_and_nothing_else() -> None:
    assert splits_like_export(spacy.blank("en").tokenizer)
    changed = spacy.blank("en")
    changed.tokenizer.add_special_case("cannot", [{"ORTH": "cannot"}])
    assert not splits_like_export(changed.tokenizer)
    other = spacy.blank("en")
    other.tokenizer.infix_finditer = re.compile(r"-").finditer
    assert not splits_like_export(other.tokenizer)
    assert not splits_like_export(spacy.blank("de").tokenizer)
    assert not splits_like_export(_tokenizer())


def test_tokenizing_imports_no_spacy(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from annotator.nlp.tokenizer import tokenize, tokenizer_name\n"
        "assert len(tokenize(\"Mr. Smith didn't say 'U.S.' at https://x.org.\")) > 5\n"
        "print(tokenizer_name())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'thinc', 'numpy'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    name, modules = out.stdout.splitlines()
    assert name == f"spacy {spacy.__version__} blank:en"
    assert modules == "[]"


@pytest.mark.parametrize("mark", ["*", "=", "&", "_", "#"])
def test_a_rule_line_of_a_thousand_marks_splits_as_spacy_does(mark: str) -> None:
    """A mark spaCy cuts as a prefix is a round of the affix loop each: a loop, not a call per
    round (1,200 of them ran out of Python's stack, and the export was an internal error)."""
    text = f"Results below.\n{mark * 1_200}\nThe end."
    assert _ours(tokenize(text)) == _reference(text)


def test_a_run_longer_than_the_longest_piece_still_tiles_the_text() -> None:
    """Past `LONGEST_PIECE` a run is cut into parts first: every character is still in a token,
    each mark is one as spaCy makes it, and a plain run stays one token."""
    marks = "=" * (LONGEST_PIECE * 2 + 7)
    spans = tokenize(f"Hi {marks} there.")
    assert spans.tiles()
    assert spans.words() == ["Hi", *marks, "there", "."]
    letters = "a" * (LONGEST_PIECE + 1)
    assert tokenize(f"Hi {letters}.").words() == ["Hi", letters, "."]
