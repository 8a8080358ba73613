"""Text helpers that need no model: normalisation, the extent of a name."""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from annotator.core.exclaimed_names import EXCLAIMED_NAMES
from annotator.core.name_extent import name_extent
from annotator.core.search import (
    folded_needles,
    folded_spans,
    found_in,
    holds,
    narrows,
    searchable,
    starts_a_word,
    word_spans,
)
from annotator.core.text import (
    normalize_text,
    sentence_spans,
    snap_to_words,
    trim_to_name,
    whole_word_spans,
)
from annotator.core.titles import title_on_one_line


def test_a_name_stops_at_the_line_break_and_loses_white_space() -> None:
    text = "Saturday, June 1, 2019\xa0\n\n\nAt around noon"
    assert name_extent(text, 0, text.index("around") - 1) == (0, len("Saturday, June 1, 2019"))
    assert name_extent(" \n Ana Berg \n", 0, 13) == (3, 11)
    assert name_extent("Ana", 0, 3) == (0, 3)
    assert name_extent("  \n ", 0, 4)[0] == name_extent("  \n ", 0, 4)[1]


@given(st.text(alphabet="ab \n\xa0", max_size=20), st.integers(0, 20), st.integers(0, 20))
def test_a_name_extent_lies_inside_the_span_on_one_line(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    got_start, got_end = name_extent(text, start, end)
    assert start <= got_start <= got_end <= end
    name = text[got_start:got_end]
    assert "\n" not in name and name == name.strip()


@given(st.text(alphabet="a\ufeff\r\n", max_size=12))
def test_a_normalised_text_normalises_to_itself(raw: str) -> None:
    # What the store writes must pass its own read check (normalised text only).
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert normalize_text("\ufeff\ufefftext\r\n") == "text\n"


def test_a_folded_search_finds_the_word_in_any_case_and_spelling() -> None:
    text = "Die Straße, the STRASSE and 😀 ﬁne Fine — İstanbul"
    assert [text[a:b] for a, b in folded_spans(text, "strasse")] == ["Straße", "STRASSE"]
    assert [text[a:b] for a, b in folded_spans(text, "FINE")] == ["ﬁne", "Fine"]
    assert [text[a:b] for a, b in folded_spans(text, "i̇stanbul")] == ["İstanbul"]
    assert folded_spans(text, "") == [] and folded_spans("", "x") == []


FOLDING = st.text(alphabet=st.sampled_from("aAsSßẞﬁfiİi\u0307😀北 \r\n\u0301e'\u2019\"\u201c"), max_size=40)


def _typed(text: str) -> str:
    """As a keyboard types it: any space a space, curly apostrophes and quotation marks straight,
    and without the accents of Latin letters (`_bare`)."""
    straight = {"\u2019": "'", "\u201c": '"'}
    return "".join(" " if char.isspace() else straight.get(char, char) for char in _bare(text))


def _bare(text: str) -> str:
    """`text` without the accents of its Latin letters: decomposed, each combining mark after a
    Latin letter (or after another such mark) left out, and "ø", "ł" as "o", "l"."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text.translate(str.maketrans("øłØŁ", "olOL"))):
        if unicodedata.combining(char) and kept and unicodedata.name(kept[-1], "").startswith("LATIN"):
            continue
        kept.append(char)
    return "".join(kept)


def test_a_search_matches_from_the_start_of_a_word() -> None:
    text = "She said AI-powered tools again; Iranian officials paid $5 in 北京市. Cafe\u0301s"
    assert [text[a:b] for a, b in folded_spans(text, "ai")] == ["AI"]
    assert [text[a:b] for a, b in folded_spans(text, "IRAN")] == ["Iran"]
    assert [text[a:b] for a, b in folded_spans(text, "$5")] == ["$5"]
    # Chinese has no spaces between words: any character may start one.
    assert [text[a:b] for a, b in folded_spans(text, "京市")] == ["京市"]
    # The accent belongs to the letter before it: no word starts after it.
    assert len(text) - 1 not in [start for start, _ in folded_spans(text, "s")]
    # and a match never ends between a letter and its accent: "cafe" selects "Café".
    assert [text[a:b] for a, b in folded_spans(text, "cafe")] == ["Cafe\u0301"]
    assert holds(text, "tools") and not holds(text, "ools") and not holds(text, "")


@given(text=FOLDING, needle=FOLDING.filter(lambda n: n.casefold() != ""))
def test_each_span_found_holds_the_search_and_none_overlap(text: str, needle: str) -> None:
    spans = folded_spans(text, needle)
    folded, folded_needle = _typed(text.casefold()), _typed(needle.casefold())
    at_word_starts = [
        i for i in range(len(folded)) if folded.startswith(folded_needle, i) and starts_a_word(folded, i)
    ]
    assert bool(spans) == bool(at_word_starts) == holds(text, needle)
    if (
        len(folded) == len(text.casefold()) == len(text)
    ):  # offsets are the text's: each span is a word start found
        assert all(span[0] in at_word_starts for span in spans)
        # and each place from a word start is found, unless a place found before covers it
        assert all(any(a <= i < b for a, b in spans) for i in at_word_starts)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(folded_needle in _typed(text[a:b].casefold()) for a, b in spans)
    assert all(previous[1] <= span[0] for previous, span in itertools.pairwise(spans))


def test_whole_words_never_end_between_a_letter_and_its_accent() -> None:
    text = "Jose said. Later Jose\u0301 Garci\u0301a left. e\u0301Jose too."
    assert whole_word_spans(text, "Jose") == [(0, 4)]
    assert whole_word_spans(text, "Jose\u0301") == [(17, 22)]


def test_a_name_in_a_script_without_spaces_stands_between_other_letters() -> None:
    """A speaker's mention is found as a whole word, and a Chinese name never stands alone."""
    text = "外交部长王毅说：“不。”Trump说 Shawn Shaw's Jose\u0301 Jose"
    assert [text[a:b] for a, b in word_spans(text, "王毅")] == ["王毅"]
    assert word_spans(text, "Trump") == [(text.index("Trump"), text.index("Trump") + 5)]
    assert word_spans(text, "Shaw") == [(text.index("Shaw'"), text.index("Shaw'") + 4)]
    assert word_spans(text, "Jose") == [(len(text) - 4, len(text))]
    assert word_spans(text, "") == [] and word_spans("", "王毅") == []


def test_a_selection_widens_to_whole_words_but_not_across_a_script_without_spaces() -> None:
    def snapped(text: str, selected: str, *, trim: int = 0) -> str:
        start = text.index(selected)
        a, b = snap_to_words(text, start + trim, start + len(selected) - trim)
        return text[a:b]

    assert snapped("the mayor said", "ayo") == "mayor"
    assert snapped("He said the cafe\u0301 closed", "cafe") == "cafe\u0301"
    # Chinese, Japanese and Thai runs are clauses, not words: the selection stays as made.
    assert snapped("我今天去北京了。政府说经济增长了百分之五。", "北京") == "北京"
    assert snapped("我今天去北京了。政府说经济增长了百分之五。", "经济增长了百分之五") == "经济增长了百分之五"
    assert snapped("東京の天気は晴れです。", "東京") == "東京"
    assert snapped("นายกรัฐมนตรีกล่าวว่าเศรษฐกิจเติบโต", "นายกรัฐมนตรี") == "นายกรัฐมนตรี"
    assert snapped("The BBC中文 report", "BB") == "BBC"
    # A soft hyphen and a zero-width non-joiner are inside their word.
    assert snapped("The infor\u00admation was shared", "infor") == "infor\u00admation"
    assert snapped("Persian: می\u200cخواهم and", "می") == "می\u200cخواهم"


def test_a_selection_widens_over_an_apostrophe_inside_a_word_not_over_a_quote_mark_around_it() -> None:
    """Words selected inside single quotes (‘We will win’, 'a disaster') were saved with the
    closing quote, or with both straight ones, which the person had not selected: the claim
    list and the exports showed “We will win’”. An apostrophe or hyphen joins a word only
    between two of its letters; one at a selection's edge is kept when it was selected."""

    def snapped(text: str, selected: str, *, trim: int = 0) -> str:
        start = text.index(selected)
        a, b = snap_to_words(text, start + trim, start + len(selected) - trim)
        return text[a:b]

    assert snapped("‘We will win’ he said.", "We will win") == "We will win"
    assert snapped("‘We will win’ he said.", "e will wi") == "We will win"
    assert snapped("He called it ‘a disaster’. Then", "a disaster") == "a disaster"
    assert snapped("He called it 'a disaster'. Then", "a disaster") == "a disaster"
    assert snapped("She said -- as ever -- no", "as ever", trim=1) == "as ever"
    # Inside a word they still join it, whichever part of it was selected.
    assert snapped("They don't know O’Brien", "do") == "don't"
    assert snapped("They don't know O’Brien", "Bri") == "O’Brien"
    assert snapped("the 2018-19 season", "19") == "2018-19"
    assert snapped("a well-known name", "wel") == "well-known"
    # Selected with the word, a mark at its edge stays.
    assert snapped("the boats’ owners", "boats’") == "boats’"
    assert snapped("the '90s were", "'90") == "'90s"


def test_a_search_finds_a_word_whichever_way_its_accents_are_written() -> None:
    text = "Jose\u0301 left; José came."
    assert folded_spans(text, "josé") == [(0, 5), (12, 16)]
    assert folded_spans(text, "JOSE\u0301") == [(0, 5), (12, 16)]


def test_a_search_typed_without_accents_finds_the_names_written_with_them_and_back() -> None:
    """A keyboard types "Jose", "Sao Paulo", "Zurich" and "naive" where a site writes "José",
    "São Paulo" (or "Sa\u0303o", the tilde a combining mark), "Zürich" and "naïve": the search
    found none of them, nor "Łódź" typed "Lodz" or "İstanbul" typed "istanbul"."""
    text = "José left São Paulo for Zu\u0308rich; a naïve Jose, JOSE\u0301, Łódź. İstanbul. Горбачёв"
    assert [text[a:b] for a, b in folded_spans(text, "jose")] == ["José", "Jose", "JOSE\u0301"]
    assert [text[a:b] for a, b in folded_spans(text, "José")] == ["José", "Jose", "JOSE\u0301"]
    assert [text[a:b] for a, b in folded_spans(text, "sao paulo")] == ["São Paulo"]
    assert [text[a:b] for a, b in folded_spans(text, "sa\u0303o")] == ["São"]
    assert [text[a:b] for a, b in folded_spans(text, "zurich")] == ["Zu\u0308rich"]
    assert [text[a:b] for a, b in folded_spans(text, "Zürich")] == ["Zu\u0308rich"]
    assert [text[a:b] for a, b in folded_spans(text, "naive")] == ["naïve"]
    assert [text[a:b] for a, b in folded_spans(text, "lodz")] == ["Łódź"]
    assert [text[a:b] for a, b in folded_spans(text, "istanbul")] == ["İstanbul"]
    assert [text[a:b] for a, b in folded_spans(text, "горбачев")] == ["Горбачёв"]
    for needle in ("jose", "sao paulo", "zurich", "naive", "lodz", "istanbul", "горбачев"):
        assert holds(text, needle) and found_in(searchable(text), folded_needles(needle))
    # Still from a word's start: the accent is part of its word.
    assert folded_spans(text, "ulo") == [] and folded_spans("ajosé", "jose") == []
    # Across a soft hyphen inside the word.
    assert folded_spans("Zü\u00adrich", "zurich") == [(0, 7)]
    # Letters of their own in other scripts stay so: "й" is no "и", "が" no "か".
    assert not holds("мой", "мои") and not holds("ї", "і") and folded_spans("が", "か") == []


def test_a_search_typed_without_umlauts_ligatures_or_curly_marks_finds_the_names_written_with_them() -> None:
    """A keyboard without them types "Zuerich", "Duesseldorf", "Malmoe", "AEro" or "Aero" for
    the "Zürich", "Düsseldorf", "Malmö" and "Ærø" a site writes: the search found none of them,
    though it found "Zurich" and "Malmo"."""
    text = (
        "Zürich, Zu\u0308rich, ZÜRICH. Malmö; Ærø, ÆRØ. Düsseldorf Hauptstraße Straße Łódź São Paulo"
        " don’t Œuvre"
    )
    for typed, written in [
        ("Zuerich", ["Zürich", "Zu\u0308rich", "ZÜRICH"]),
        ("zurich", ["Zürich", "Zu\u0308rich", "ZÜRICH"]),
        ("Malmoe", ["Malmö"]),
        ("Malmo", ["Malmö"]),
        ("AErø", ["Ærø", "ÆRØ"]),
        ("Aero", ["Ærø", "ÆRØ"]),
        ("aeroe", ["Ærø", "ÆRØ"]),
        ("Duesseldorf", ["Düsseldorf"]),
        ("Dusseldorf", ["Düsseldorf"]),
        ("strasse", ["Straße"]),  # from a word's start: not inside "Hauptstraße"
        ("Lodz", ["Łódź"]),
        ("Sao Paulo", ["São Paulo"]),
        ("don't", ["don’t"]),
        ("oeuvre", ["Œuvre"]),
    ]:
        assert [text[a:b] for a, b in folded_spans(text, typed)] == written, typed
        assert holds(text, typed) and found_in(searchable(text), folded_needles(typed)), typed
    # Only where the text has the umlaut: its own "ue" and "u" stay themselves.
    assert folded_spans("Zurich, Israel, Goethe", "zuerich") == []
    assert [m for m in ("Israel", "Goethe") if holds(m, m.lower())] == ["Israel", "Goethe"]
    # An umlaut typed as two letters at the search's end stands at a word's end: "Joe" finds no
    # "Jörg", "due" no "Düsseldorf", "blue" no "Blüte", in the text, a title or a note.
    for typed, other in [("joe", "Jörg"), ("due", "Düsseldorf"), ("blue", "Blüte"), ("sue", "Südafrika")]:
        assert folded_spans(other, typed) == [] and not holds(other, typed), typed
        assert not found_in(searchable(other), folded_needles(typed)), typed
    # and a letter typed after it may find one: the list does not keep what it hid for "joe".
    assert not narrows(folded_needles("joe"), folded_needles("joer"))
    assert holds("Jörg", "joer") and narrows(folded_needles("zuer"), folded_needles("zueri"))


def test_a_danish_or_norwegian_name_is_found_typed_with_aa_or_with_its_a_ring() -> None:
    """Danish and Norwegian wrote "aa" for "å" until the 1940s, and a keyboard without "å" types it
    so: "Aarhus" found no "Århus", nor "Århus" the "Aarhus" a site (or the city itself) writes,
    while "Arhus" found it. The other letters the same way: "Müller" found no "Mueller"."""
    text = "Aarhus, Århus, A\u030arhus, ÅRHUS. Aalborg or Ålborg. Den Haag, straat. Mueller, Müller; Åre"
    aarhus = ["Aarhus", "Århus", "A\u030arhus", "ÅRHUS"]
    for typed, written in [
        ("Aarhus", aarhus),
        ("Århus", aarhus),
        ("A\u030arhus", aarhus),
        ("arhus", aarhus[1:]),  # as before: the letter without its ring, not the "aa"
        ("Aalborg", ["Aalborg", "Ålborg"]),
        ("ålborg", ["Aalborg", "Ålborg"]),
        ("Müller", ["Mueller", "Müller"]),
        ("Mueller", ["Mueller", "Müller"]),
        ("Haag", ["Haag"]),
        ("aare", ["Åre"]),
    ]:
        assert [text[a:b] for a, b in folded_spans(text, typed)] == written, typed
        assert holds(text, typed) and found_in(searchable(text), folded_needles(typed)), typed
    # A Dutch "aa" is no "å" where the text has none, and one typed at the search's end stands
    # at a word's end, as an umlaut does: "Maa" finds no "Målet", "Aa" no "Ålborg".
    assert folded_spans("Den Haag, straat, naar", "naar") == [(18, 22)]
    for typed, other in [("maa", "Målet"), ("aa", "Ålborg")]:
        assert folded_spans(other, typed) == [] and not holds(other, typed), typed
        assert not found_in(searchable(other), folded_needles(typed)), typed
    assert holds("Målet", "maal") and holds("på", "paa") and holds("paa", "på")


_BEFORE_A_NAME = st.lists(
    st.sampled_from([*"😀北京ßẞﬁİx -'’", "e\u0301", "x\u0308", "\u00ad"]), max_size=12
).map("".join)
_NAMES_TYPED = st.sampled_from(
    [
        ("Zürich", "zuerich"),
        ("Zu\u0308rich", "Zuerich"),
        ("Malmö", "malmoe"),
        ("Ærø", "AErø"),
        ("Ærø", "aero"),
        ("ÆRØ", "aeroe"),
        ("Düsseldorf", "duesseldorf"),
        ("Du\u0308sseldorf", "dusseldorf"),
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
        ("São Paulo", "sao paulo"),
        ("don’t", "don't"),
        ("Œuvre", "oeuvre"),
        ("Århus", "aarhus"),
        ("A\u030arhus", "AARHUS"),
        ("Aarhus", "Århus"),
        ("Mueller", "Müller"),
    ]
)


@given(before=_BEFORE_A_NAME, name_typed=_NAMES_TYPED, after=_BEFORE_A_NAME)
def test_a_name_typed_otherwise_is_found_exactly_where_it_stands_whatever_comes_before(
    before: str, name_typed: tuple[str, str], after: str
) -> None:
    """Folding lengthens "ß", "ẞ", "ﬁ", "İ" and "Æ" and leaves out combining accents and soft
    hyphens: the place found is still the name's own code points, neither shifted nor cut."""
    name, typed = name_typed
    text = f"{before} {name} {after}"
    start = len(before) + 1
    assert folded_spans(text, typed) == [(start, start + len(name))]
    assert holds(text, typed) and found_in(searchable(text), folded_needles(typed))


def test_a_search_finds_arabic_and_hebrew_words_with_or_without_their_vowel_marks() -> None:
    """Arabic and Hebrew write their short vowels as optional marks: a text points a name
    ("مُحَمَّد", "שָׁלוֹם") where a keyboard types the letters alone, or the other way round,
    and stretches a word with tatweel ("محـــمد"). None was found."""
    text = "قال مُحَمَّد إن محمد ثم محـــمد حضروا. אמר שָׁלוֹם ואז שלום."
    found = [text[a:b] for a, b in folded_spans(text, "محمد")]
    assert found == ["مُحَمَّد", "محمد", "محـــمد"]
    assert [text[a:b] for a, b in folded_spans(text, "مُحَمَّد")] == found
    assert [text[a:b] for a, b in folded_spans(text, "שלום")] == ["שָׁלוֹם", "שלום"]
    assert holds(text, "שָׁלוֹם") and holds("مُحَمَّد", "محمد") and holds("محمد", "مُحَمَّد")
    assert folded_spans(text, "\u064e") == []  # a mark alone is no word to look for
    assert folded_spans("ومحمد", "محمد") == []  # still from a word's start


ACCENTED = st.lists(
    st.sampled_from([*"aeonulzAEOZ -", *"éñüïøłÉÑäöÜåÅ", "\u0301", "\u0303", "\u0308", "\u030a", "\u00ad"])
).map("".join)


@given(text=ACCENTED, needle=ACCENTED.filter(lambda n: n[:1].isalpha()))
def test_each_span_found_without_accents_is_the_search_without_accents(text: str, needle: str) -> None:
    """Every place found is the search's words once both lose their accents, case and soft
    hyphens (or the umlauts and "å" of the place or the search are written "ae", "oe", "ue",
    "aa"), in the text's own code points; and every place from a word's start where the words
    stand without accents is found."""

    def bare(words: str) -> str:
        return _bare(words.casefold().replace("\u00ad", ""))

    def written_out(words: str) -> str:
        decomposed = unicodedata.normalize("NFD", words.casefold().replace("\u00ad", ""))
        return bare(re.sub("([aou])\u0308", r"\1e", decomposed).replace("a\u030a", "aa").replace("ø", "oe"))

    spans = folded_spans(text, needle)
    assert bool(spans) == holds(text, needle) == found_in(searchable(text), folded_needles(needle))
    # A place never ends before an accent: one written after its last character is its own.
    assert all(not unicodedata.combining(text[b]) for _, b in spans if b < len(text))
    wanted = (bare(_without_last_accents(needle)), written_out(needle))
    for a, b in spans:  # an umlaut or ring at the place's end written out, not left out
        place = (bare(_without_last_accents(text[a:b])), written_out(text[a:b]))
        assert any(words in place for words in wanted), (a, b)
    assert all(previous[1] <= span[0] for previous, span in itertools.pairwise(spans))
    bare_text, bare_needle = bare(text), bare(needle)
    places, at = [], bare_text.find(bare_needle)
    while at >= 0:
        if starts_a_word(bare_text, at):
            places.append(at)
            at = bare_text.find(bare_needle, at + len(bare_needle))
        else:
            at = bare_text.find(bare_needle, at + 1)
    if re.search("[aou]e|aa", bare_needle) is None and written_out(needle) == bare_needle:
        assert len(spans) == len(places)
    else:  # and where an umlaut stands for the search's "ae", "oe", "ue" or "aa", or the other way
        assert len(spans) >= min(len(places), 1)


def _without_last_accents(words: str) -> str:
    while words and unicodedata.combining(words[-1]):
        words = words[:-1]
    return words


POINTED = st.lists(
    st.sampled_from([*"محدابشלוםי ", "\u064e", "\u0651", "\u0640", "\u05b8", "\u05c1", "é", "e\u0301"])
).map("".join)


@given(text=POINTED, needle=POINTED.filter(lambda n: _without_points(n).strip() != ""))
def test_each_pointed_span_found_holds_the_search_without_its_points(text: str, needle: str) -> None:
    spans = folded_spans(text, needle)
    assert bool(spans) == holds(text, needle)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(_without_points(needle) in _without_points(text[a:b]) for a, b in spans)
    assert all(previous[1] <= span[0] for previous, span in itertools.pairwise(spans))


def _without_points(text: str) -> str:
    # Composed: "é" typed finds "e" and a combining accent written, as they are one letter.
    composed = unicodedata.normalize("NFC", text)
    return "".join(char for char in composed if char not in "\u064e\u0651\u0640\u05b8\u05c1")


def test_a_persian_keyboard_s_search_finds_an_arabic_keyboard_s_text_and_back() -> None:
    """A Persian keyboard types "ی" and "ک" where an Arabic one types "ي" (or "ى" at a word's end)
    and "ك", and "۱۴۰۲" where it types "١٤٠٢"; Persian writes "می\u200cخواهم" with a non-joiner
    that many type without; a right-to-left text puts direction marks between words. A search
    typed one way found none of the text written the other, in the list or with F3."""
    text = "قال كريمي إن علي\u200f و على می\u200cخواهم در سال ١٤٠٢ درباره\u200cی ۀ و تهران\u061c گفت"
    assert [text[a:b] for a, b in folded_spans(text, "کریمی")] == ["كريمي"]
    assert [text[a:b] for a, b in folded_spans(text, "علی")] == ["علي", "على"]
    assert [text[a:b] for a, b in folded_spans(text, "میخواهم")] == ["می\u200cخواهم"]
    assert folded_spans("میخواهم", "می\u200cخواهم") == [(0, 7)]
    assert [text[a:b] for a, b in folded_spans(text, "۱۴۰۲")] == ["١٤٠٢"]
    assert [text[a:b] for a, b in folded_spans(text, "علی و")] == ["علي\u200f و"]
    assert [text[a:b] for a, b in folded_spans(text, "تهران گفت")] == ["تهران\u061c گفت"]
    assert [text[a:b] for a, b in folded_spans(text, "ۀ")] == ["ۀ"]
    assert folded_spans("\u06d5\u0654", "ۀ") == [(0, 2)]  # written decomposed
    assert holds(text, "كريمي") and holds(text, "میخواهم") and holds("New\u200e York", "new york")
    for needle in ("کریمی", "میخواهم", "۱۴۰۲", "تهران گفت"):
        assert found_in(searchable(text), folded_needles(needle))  # the titles, as the texts
    assert folded_spans(text, "\u200c") == [] and not holds("وكريمي", "کریمی")  # from a word's start


def test_a_persian_search_reads_a_non_joiner_as_nothing_or_as_a_space() -> None:
    """Persian writes "رئیس\u200cجمهور" with a non-joiner, and as often with a space. Its second
    part, "جمهور", found nothing once the non-joiner was left out (the parts read as one word),
    and a search typed with a space found no text with a non-joiner, nor the other way round."""
    joined, spaced = "رئیس\u200cجمهور", "رئیس جمهور"
    text = f"گفت که {joined} آمد و {spaced} رفت"
    for needle in (joined, spaced, "رئیسجمهور"):
        assert holds(text, needle)
    assert [text[a:b] for a, b in folded_spans(text, spaced)] == [joined, spaced]
    assert [text[a:b] for a, b in folded_spans(text, joined)] == [joined, spaced]
    assert [text[a:b] for a, b in folded_spans(text, "جمهور")] == ["جمهور", "جمهور"]
    assert found_in(searchable(f"دیدار {joined}"), folded_needles("جمهور"))
    assert found_in(searchable(f"دیدار {spaced}"), folded_needles(joined))
    assert not holds("رئیسجمهور", "جمهور")  # written as one word, it is inside it


_VARIANTS = {
    "\u06cc": "\u064a",
    "\u0649": "\u064a",
    "\u06a9": "\u0643",
    "\u06d5": "\u0647",
    "\u06f4": "\u0664",
}
"""Persian letters and digits as the search reads them: as their Arabic forms."""
_LEFT_OUT = "\u200c\u200e\u200f\u061c\u064e\u0651\u0640"
PERSIAN = st.lists(st.sampled_from([*_VARIANTS, *_VARIANTS.values(), *_LEFT_OUT, *"مخوا ", "a", "A"]))
PERSIAN_TEXT = PERSIAN.map("".join)


def _as_searched(text: str, non_joiner: str = "") -> str:
    """A text as the search reads it: case folded, without marks, one form of each letter; its
    non-joiners left out, or written as `non_joiner` (a space: the search reads both)."""
    text = text.replace("\u200c", non_joiner)
    return "".join(_VARIANTS.get(char, char) for char in text.casefold() if char not in _LEFT_OUT)


@given(
    text=PERSIAN_TEXT,
    needle=PERSIAN_TEXT.filter(lambda n: any("\u0600" <= c <= "\u06ff" for c in _as_searched(n))),
)
def test_each_persian_or_arabic_span_found_holds_the_search_once_folded(text: str, needle: str) -> None:
    spans = folded_spans(text, needle)
    forms = [(_as_searched(text, j), _as_searched(needle, n)) for j in ("", " ") for n in ("", " ")]
    at_word_starts = [
        i
        for searched, wanted in forms
        for i in range(len(searched))
        if wanted.strip() and searched.startswith(wanted, i) and starts_a_word(searched, i)
    ]
    assert bool(spans) == bool(at_word_starts) == holds(text, needle)
    assert holds(text, needle) == found_in(searchable(text), folded_needles(needle))
    assert all(0 <= a < b <= len(text) for a, b in spans)
    for a, b in spans:
        assert any(wanted in _as_searched(text[a:b], j) for j in ("", " ") for _, wanted in forms)
    assert all(previous[1] <= span[0] for previous, span in itertools.pairwise(spans))


def test_a_search_typed_with_straight_marks_and_spaces_finds_curly_ones_and_line_breaks() -> None:
    # A keyboard types "wasn't" and a space; the site wrote "wasn’t", “green deal” and wrapped "New York".
    text = "The city’s budget wasn’t enough for the “green deal”.\nNew\nYork officials agreed."
    assert [text[a:b] for a, b in folded_spans(text, "WASN'T")] == ["wasn’t"]
    assert [text[a:b] for a, b in folded_spans(text, '"green deal"')] == ["“green deal”"]
    assert [text[a:b] for a, b in folded_spans(text, "new york officials")] == ["New\nYork officials"]
    assert holds(text, "city's budget") and holds(text, "city’s") and not holds(text, "wasnt")
    # Typed curly (a keyboard that makes them) finds them written straight.
    assert folded_spans("Don't go", "don’t") == [(0, 5)]
    assert folded_spans("Straße’s end", "STRASSE'S") == [(0, 8)]


def test_a_search_typed_with_an_accent_for_an_apostrophe_or_without_icelandic_letters_finds_them() -> None:
    """Keyboards without a straight apostrophe in reach type "´" or "`" for it ("don´t"), and
    one without Icelandic letters types "d" for "ð", "th" for "þ"; Dutch "ĳ" is typed "ij". The
    search found none of them."""
    text = "Þórður Guðjónsson don’t IJsselmeer ĳs Reykjavík’s Ísafjörður"
    for typed, written in [
        ("don´t", ["don’t"]),
        ("don`t", ["don’t"]),
        ("reykjavik´s", ["Reykjavík’s"]),
        ("Thordur", ["Þórður"]),
        ("gudjonsson", ["Guðjónsson"]),
        ("isafjordur", ["Ísafjörður"]),
        ("ijs", ["IJs", "ĳs"]),
    ]:
        assert [text[a:b] for a, b in folded_spans(text, typed)] == written, typed
        assert holds(text, typed) and found_in(searchable(text), folded_needles(typed)), typed
    # A text's own "´" and "`" are found by an apostrophe typed, too.
    assert folded_spans("Don´t and don`t", "don't") == [(0, 5), (10, 15)]


def test_sentences_end_at_the_full_stops_of_other_scripts() -> None:
    # An exported claim's context was a whole Chinese paragraph: 。 was no sentence end.
    def sentences(text: str) -> list[str]:
        return [text[a:b] for a, b in sentence_spans(text)]

    assert sentences("我今天去北京了。政府说“经济增长了。”然后") == [
        "我今天去北京了。",
        "政府说“经济增长了。”",
        "然后",
    ]
    assert sentences("यह सच है। वह गया।") == ["यह सच है।", "वह गया।"]
    assert sentences("هل هذا صحيح؟ نعم.") == ["هل هذا صحيح؟", "نعم."]
    assert sentences("He paid 3.5 million. She left") == ["He paid 3.5 million.", "She left"]


def _trimmed(text: str) -> str:
    start, end = trim_to_name(text, 0, len(text))
    return text[start:end]


def test_a_name_loses_the_sentence_s_punctuation_quotes_and_brackets_at_its_edges() -> None:
    assert _trimmed("Monday.") == "Monday"
    assert _trimmed(" Monday. ") == "Monday"
    assert _trimmed("Brown,") == "Brown"
    assert _trimmed("Santa Barbara;") == "Santa Barbara"
    assert _trimmed("Brown:") == "Brown"
    assert _trimmed("Conception!") == "Conception"
    assert _trimmed("Toronto?”") == "Toronto"
    assert _trimmed("“Apple”,") == "Apple"
    assert _trimmed('"Apple"') == "Apple"
    assert _trimmed("‘Brexit’") == "Brexit"
    assert _trimmed("«Le Monde»") == "Le Monde"
    assert _trimmed("(UN)") == "UN"
    assert _trimmed("(UN).") == "UN"
    assert _trimmed("UTC)") == "UTC"
    assert _trimmed("{1000 UTC)") == "1000 UTC"
    assert _trimmed("[Reuters]") == "Reuters"
    assert _trimmed("Brown…") == "Brown"


def test_an_abbreviation_keeps_its_dot() -> None:
    assert _trimmed("U.S.") == "U.S."
    assert _trimmed("the U.S.,") == "the U.S."
    assert _trimmed("3 a.m.") == "3 a.m."
    assert _trimmed("Apple Inc.") == "Apple Inc."
    assert _trimmed("Martin Luther King Jr.”") == "Martin Luther King Jr."
    assert _trimmed("John F.") == "John F."
    assert _trimmed("(Inc.)") == "Inc."
    assert (
        _trimmed("St. Louis.") == "St. Louis"
    )  # the abbreviation is inside; the full stop ends the sentence
    assert _trimmed("Plan b.") == "Plan b"  # a lower-case letter is no initial
    assert _trimmed("co.") == "co"  # lower case: a sentence's end, not "Company"


def test_what_belongs_to_a_name_at_its_edges_stays() -> None:
    assert _trimmed(".NET") == ".NET"
    assert _trimmed("'90s") == "'90s"
    assert _trimmed("Apple (AAPL)") == "Apple (AAPL)"
    assert _trimmed("(R) Corp") == "(R) Corp"
    assert _trimmed("$5 million") == "$5 million"
    assert _trimmed("#MeToo") == "#MeToo"
    assert _trimmed("Jean-Paul") == "Jean-Paul"


def _selected(text: str, selection: str) -> str:
    """What is left of the first `selection` in `text`, trimmed with the text after it in view."""
    start = text.index(selection)
    got_start, got_end = trim_to_name(text, start, start + len(selection))
    return text[got_start:got_end]


def test_a_name_written_with_an_exclamation_mark_keeps_it() -> None:
    assert _selected("Yahoo! said on Monday it would cut jobs.", "Yahoo!") == "Yahoo!"
    assert _selected("Shares of Yahoo! fell.", "Yahoo!") == "Yahoo!"
    assert _selected("Yahoo!'s shares fell.", "Yahoo!") == "Yahoo!"
    assert _selected("Yahoo!’s shares fell.", "Yahoo!") == "Yahoo!"
    assert _selected("Yahoo!, Google and Apple", "Yahoo!,") == "Yahoo!"
    assert _selected("She won on Jeopardy! in 2019.", "Jeopardy!") == "Jeopardy!"
    # A known name keeps it where the sentence ends after it, and inside quotes or brackets.
    assert _trimmed("Yahoo!") == "Yahoo!"
    assert _selected("He works at Yahoo! The firm is big.", "Yahoo!") == "Yahoo!"
    assert _trimmed("“Jeopardy!”") == "Jeopardy!"
    assert _trimmed("(Wham!)") == "Wham!"
    assert _trimmed("Yahoo!!") == "Yahoo!"  # the sentence's mark goes, the name's stays


def test_an_exclamation_mark_that_ends_a_sentence_is_trimmed() -> None:
    assert _trimmed("Conception!") == "Conception"
    assert _selected("They sank the Conception! Then they fled.", "Conception!") == "Conception"
    assert _selected("The Conception!\nIt sank.", "Conception!") == "Conception"
    assert _selected("He won! and then he left.", "won!") == "won"  # no name is lower case
    assert _selected("The boat Conception! sank.", "boat Conception!") == "boat Conception"
    assert _selected("Conception!! sank", "Conception!!") == "Conception"
    assert _selected("Hi!There said", "Hi!") == "Hi"  # the mark stands inside a longer string


def test_a_title_of_several_capitalised_words_keeps_its_exclamation_mark() -> None:
    assert _trimmed("Mamma Mia!") == "Mamma Mia!"
    assert _selected("We saw Mamma Mia! The show was long.", "Mamma Mia!") == "Mamma Mia!"
    assert _trimmed("“Mamma Mia!”,") == "Mamma Mia!"
    assert _selected("Mamma Mia!\nIt ran.", "Mamma Mia!") == "Mamma Mia!"  # a known name
    assert _selected("Mamma\xa0Mia! is on tour.", "Mamma\xa0Mia!") == "Mamma\xa0Mia!"
    assert _selected("Save Our Pubs! began in May.", "Save Our Pubs!") == "Save Our Pubs!"
    assert _selected("Save Our Pubs!, a campaign", "Save Our Pubs!,") == "Save Our Pubs!"
    assert _selected("Save Our Pubs!'s founder", "Save Our Pubs!") == "Save Our Pubs!"


def test_an_exclamation_mark_after_a_phrase_that_is_no_name_is_trimmed() -> None:
    assert _trimmed("He said no!") == "He said no"
    assert _selected("He said no! Then he left.", "said no!") == "said no"
    assert _selected("I love New York!", "New York!") == "New York"  # the sentence's mark
    assert _selected("I love New York! It is big.", "New York!") == "New York"
    assert _selected("Save Our\nPubs! began", "Save Our\nPubs!") == "Save Our\nPubs"  # two lines
    assert _selected("Save our Pubs! began", "Save our Pubs!") == "Save our Pubs"


_CAPITALISED_WORD = st.from_regex(r"[A-Z][a-z]{0,7}", fullmatch=True)
_LOWER_CASE_WORD = st.from_regex(r"[a-z]{1,8}", fullmatch=True)
_GOES_ON = st.sampled_from([" said", " is on", ", who", "'s shares", "’s own"])
_ENDS = st.sampled_from(["", " The end.", "\nNext", " It"])


@given(st.lists(_CAPITALISED_WORD, min_size=2, max_size=4), _GOES_ON)
def test_capitalised_words_keep_a_mark_the_sentence_goes_on_after(words: list[str], after: str) -> None:
    name = " ".join(words) + "!"
    assert _selected(f"Then {name}{after} more.", name) == name


@given(
    st.lists(_CAPITALISED_WORD | _LOWER_CASE_WORD, max_size=3),
    _LOWER_CASE_WORD,
    _GOES_ON | _ENDS,
)
def test_a_mark_after_a_lower_case_word_is_trimmed(words: list[str], last: str, after: str) -> None:
    phrase = " ".join([*words, last])
    assert _selected(f"He said {phrase}!{after}", f"{phrase}!") == phrase


@given(st.lists(_CAPITALISED_WORD, min_size=2, max_size=4), _ENDS)
def test_capitalised_words_that_are_no_known_name_lose_a_mark_that_may_end_the_sentence(
    words: list[str], after: str
) -> None:
    phrase = " ".join(words)
    assume(phrase not in EXCLAIMED_NAMES)
    assert _selected(f"I love {phrase}!{after}", f"{phrase}!") == phrase


def test_a_question_mark_is_never_part_of_a_name() -> None:
    assert _selected("Yahoo? said nobody.", "Yahoo?") == "Yahoo"
    assert _selected("Yahoo?! said nobody.", "Yahoo?!") == "Yahoo"
    assert _selected("Is it Jeopardy? It is.", "Jeopardy?") == "Jeopardy"


def test_a_span_of_punctuation_alone_trims_to_nothing() -> None:
    for text in (".", "“”", "( )", " , ", ""):
        start, end = trim_to_name(text, 0, len(text))
        assert start == end


@given(
    st.text(alphabet="abYM.I,;:!?… \xa0\n\"'“”‘’()[]{}«»", max_size=16) | st.text(max_size=16),
    st.integers(-2, 20),
    st.integers(-2, 20),
)
def test_trimming_gives_a_part_of_the_span_keeps_its_letters_and_changes_nothing_twice(
    text: str, a: int, b: int
) -> None:
    start, end = sorted((max(0, min(a, len(text))), max(0, min(b, len(text)))))
    got_start, got_end = trim_to_name(text, start, end)
    assert start <= got_start <= got_end <= end
    if any(char.isalpha() for char in text[start:end]):
        assert got_start < got_end
        letters = [i for i in range(start, end) if text[i].isalpha()]
        assert got_start <= letters[0] and letters[-1] < got_end  # no letter is trimmed
    assert trim_to_name(text, got_start, got_end) == (got_start, got_end)


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Harbour reopens", "Harbour reopens"),
        ("", ""),
        ("   ", ""),
        ("\u200b", ""),
        ("\ufeff\u200b \u2060", ""),
        ("\t\n", ""),
        ("Harbour\nreopens", "Harbour reopens"),
        ("Harbour\treopens  today ", "Harbour reopens today"),
        ("\u200bHarbour", "\u200bHarbour"),  # what shows is kept, with the marks among it
    ],
)
def test_a_title_is_named_on_one_line_and_empty_where_nothing_of_it_shows(title: str, named: str) -> None:
    assert title_on_one_line(title) == named
