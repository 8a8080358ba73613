"""Names people decided on, carried to the next articles: rejected ones left out, added ones
suggested wherever they stand as whole words and nothing covers them."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import example, given
from hypothesis import strategies as st

from annotator.core.entity_decisions import (
    FROM_DECISIONS,
    NOT_SUGGESTED,
    PEOPLE_DISAGREE,
    SUGGESTED_EVERYWHERE,
    TWO_TYPES,
    EntityDecisions,
    apply_decisions,
    decided_names,
    entity_name,
    whole_words,
)
from annotator.core.model import Entity, EntityStatus

TEXT = "AI firms 🙂 such as Anthropic and DeepMind say AI is safe; Anthropic’s staff disagree. Anthropics."


def _at(name: str, label: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(name, start + 1)
    return Entity(start, start + len(name), label)


def test_a_name_rejected_and_never_accepted_is_left_out_with_that_type_only() -> None:
    decisions = EntityDecisions.from_mentions(
        [
            ("AI", "GPE", "rejected"),
            ("AI", "GPE", "rejected"),
            ("DeepMind", "PRODUCT", "rejected"),
            ("DeepMind", "PRODUCT", "accepted"),
        ]
    )
    assert decisions.rejected == {("AI", "GPE")}  # DeepMind was accepted once: people disagree
    suggested = [_at("AI", "GPE"), _at("AI", "GPE", 1), _at("AI", "ORG", 1), _at("DeepMind", "PRODUCT")]
    applied = apply_decisions(TEXT, suggested, decisions)
    assert applied.entities == (_at("AI", "ORG", 1), _at("DeepMind", "PRODUCT"))
    assert (applied.left_out, applied.suggested) == (2, 0)


def test_a_name_added_by_hand_is_suggested_at_each_free_whole_word_occurrence() -> None:
    decisions = EntityDecisions.from_mentions(
        [("Anthropic", "ORG", "added"), (" Anthropic\n", "ORG", "added")]
    )
    assert decisions.added == {("Anthropic", "ORG")}
    kept = _at("Anthropic", "PERSON", 1)  # the model's own (wrong) entity there is not overridden
    applied = apply_decisions(TEXT, [kept], decisions)
    first = _at("Anthropic", "ORG")
    assert applied.entities == (kept, Entity(first.start, first.end, "ORG", model=FROM_DECISIONS))
    assert applied.suggested == 1  # not inside "Anthropics"


def test_a_name_added_and_also_rejected_is_neither_carried_nor_dropped() -> None:
    decisions = EntityDecisions.from_mentions(
        [("Anthropic", "ORG", "added"), ("Anthropic", "ORG", "rejected")]
    )
    assert not decisions
    suggested = [_at("Anthropic", "ORG")]
    assert apply_decisions(TEXT, suggested, decisions).entities == tuple(suggested)


def test_the_longest_added_name_wins_where_two_overlap() -> None:
    text = "Maria Lopez Garcia met Lopez."
    decisions = EntityDecisions(added=frozenset({("Lopez", "PERSON"), ("Maria Lopez Garcia", "PERSON")}))
    spans = [(e.start, e.end) for e in apply_decisions(text, [], decisions).entities]
    assert spans == [(0, 18), (23, 28)]


NAMES = st.sampled_from(["AI", "Anthropic", "Shaw", "Zürich", "東京", "e\u0301clair"])
LABELS = st.sampled_from(["ORG", "GPE", "PERSON"])


@given(
    words=st.lists(st.one_of(NAMES, st.sampled_from(["and", "🙂", "said", "\n", "’s", "x"])), max_size=30),
    added=st.frozensets(st.tuples(NAMES, LABELS), max_size=4),
    rejected=st.frozensets(st.tuples(NAMES, LABELS), max_size=4),
)
def test_suggestions_from_decisions_read_their_name_and_never_overlap(
    words: list[str], added: frozenset[tuple[str, str]], rejected: frozenset[tuple[str, str]]
) -> None:
    text = " ".join(words)
    model = [Entity(s, s + len(w), "ORG") for s, w in _positions(text, words) if w in {"AI", "Shaw"}]
    applied = apply_decisions(text, model, EntityDecisions(rejected=rejected, added=added - rejected))
    new = [e for e in applied.entities if e.model == FROM_DECISIONS]
    assert all((text[e.start : e.end], e.label) in added for e in new)
    spans = sorted((e.start, e.end) for e in applied.entities)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    assert len(applied.entities) == len(model) - applied.left_out + applied.suggested


def _positions(text: str, words: list[str]) -> list[tuple[int, str]]:
    at, found = 0, []
    for word in words:
        found.append((text.index(word, at), word))
        at = found[-1][0] + len(word)
    return found


def test_a_name_added_with_two_types_is_left_to_people() -> None:
    decisions = EntityDecisions.from_mentions([("Georgia", "GPE", "added"), ("Georgia", "PERSON", "added")])
    assert decisions.added == {("Georgia", "GPE"), ("Georgia", "PERSON")}
    assert apply_decisions("Georgia voted.", [], decisions).entities == ()


def test_a_capitalised_word_running_on_is_a_longer_name_not_the_added_one() -> None:
    decisions = EntityDecisions(added=frozenset({("Wales", "GPE"), ("Parliament", "ORG")}))
    text = "North Wales Fire Service said the Canadian Parliament sat. Wales won. Parliament sat.\nWales too."
    found = [text[e.start : e.end] for e in apply_decisions(text, [], decisions).entities]
    assert found == ["Wales", "Parliament", "Wales"]  # after a full stop or a line break: no evidence


def test_a_capitalised_word_that_ends_the_sentence_before_is_no_longer_name() -> None:
    """A name ending a sentence or clause ("said Sam Altman.", "Sam Altman,") was read as the
    start of a longer name with the added one: Anthropic was suggested at none of the mentions
    that open a sentence after a name. An abbreviation's dot is part of the name before it."""
    decisions = EntityDecisions(
        added=frozenset({("Anthropic", "ORG"), ("Louis", "GPE"), ("Congress", "ORG")})
    )
    text = (
        "The deal was announced by Sam Altman. Anthropic said no. Asked about Sam Altman, Anthropic "
        "declined. “Ask Altman.” Anthropic replied: Altman: Anthropic. Trade in St. Louis grew. "
        "The U.S. Congress sat; Anthropic Labs opened."
    )
    found = [(e.start, text[e.start : e.end]) for e in apply_decisions(text, [], decisions).entities]
    starts = [i for i in range(len(text)) if text.startswith("Anthropic", i)][:-1]  # not "Anthropic Labs"
    assert found == [(at, "Anthropic") for at in starts] and len(starts) == 4


def test_the_decided_names_say_how_each_is_carried_and_where_it_was_decided() -> None:
    rows = [
        # article 1: "AI" rejected twice; "Anthropic" added; "Iraq" rejected where a person
        # kept the longer "Islamic State of Iraq" (a boundary fix, which carries nothing).
        (1, 0, 2, "AI", "GPE", "rejected"),
        (1, 10, 19, "Anthropic", "ORG", "added"),
        (1, 30, 32, "AI", "GPE", "rejected"),
        (1, 40, 60, "Islamic State of Iraq", "ORG", "added"),
        (1, 56, 60, "Iraq", "GPE", "rejected"),
        # article 2: "DeepMind" rejected as a product, accepted as one in article 3;
        # "Gemini" added with two types; "Paris" only accepted.
        (2, 0, 8, "DeepMind", "PRODUCT", "rejected"),
        (2, 20, 26, "Gemini", "PRODUCT", "added"),
        (2, 30, 35, "Paris", "GPE", "accepted"),
        (3, 0, 8, "DeepMind", "PRODUCT", "accepted"),
        (3, 10, 16, "Gemini", "ORG", "added"),
        (3, 20, 22, "AI", "GPE", "rejected"),
    ]
    named = {(n.name, n.label): n for n in decided_names(rows)}
    assert set(named) == {
        ("AI", "GPE"),
        ("Anthropic", "ORG"),
        ("Islamic State of Iraq", "ORG"),
        ("DeepMind", "PRODUCT"),
        ("Gemini", "PRODUCT"),
        ("Gemini", "ORG"),
    }
    ai = named[("AI", "GPE")]
    assert (ai.carried, ai.rejected, ai.kept, ai.articles, ai.where) == (NOT_SUGGESTED, 3, 0, 2, (1, 0, 2))
    assert named[("Anthropic", "ORG")].carried == SUGGESTED_EVERYWHERE
    assert named[("Anthropic", "ORG")].where == (1, 10, 19)
    deepmind = named[("DeepMind", "PRODUCT")]
    assert (deepmind.carried, deepmind.where) == (PEOPLE_DISAGREE, (2, 0, 8))
    assert named[("Gemini", "PRODUCT")].carried == named[("Gemini", "ORG")].carried == TWO_TYPES
    # What carries here is what `EntityDecisions` carries.
    decisions = EntityDecisions.from_mentions(
        [(name, label, status) for *_pos, name, label, status in rows if name != "Iraq"]
    )
    assert {k for k, n in named.items() if n.carried == NOT_SUGGESTED} == decisions.rejected
    assert {k for k, n in named.items() if n.carried in (SUGGESTED_EVERYWHERE, TWO_TYPES)} == decisions.added


def test_an_added_name_is_not_found_inside_a_letter_with_a_combining_accent() -> None:
    text = "Critics quoted Jose\u0301 again; Jose replied. e\u0301Jose"  # "José" written as e + U+0301
    applied = apply_decisions(text, [], EntityDecisions(added=frozenset({("Jose", "PERSON")})))
    plain = text.index("Jose ")
    assert [(e.start, e.end) for e in applied.entities] == [(plain, plain + 4)]


@given(st.text(alphabet="ab \n\u00a0\t.", max_size=12), st.integers(-3, 15), st.integers(-3, 15))
def test_a_mentions_name_is_its_words_with_spaces_and_line_breaks_collapsed(
    text: str, start: int, end: int
) -> None:
    """A name a person selected over a line break is the whole name, not its first line."""
    start = max(0, min(start, len(text)))
    assert entity_name(text, start, end) == " ".join(text[start : max(start, end)].split())


@given(
    standing=st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1])), max_size=12
    )
)
def test_an_added_name_is_suggested_exactly_where_no_standing_span_overlaps_it(
    standing: list[tuple[int, int]],
) -> None:
    """Nested, repeated and empty spans included: the overlap test is a bisection over the
    spans, not a walk over each (`apply_decisions` on a 1 MB article)."""
    text = "Shaw x Shaw x Shaw x Shaw x Shaw x Shaw x Shaw"
    decisions = EntityDecisions(added=frozenset({("Shaw", "PERSON")}))
    found = [(e.start, e.end) for e in apply_decisions(text, [], decisions, standing=standing).entities]
    free = [
        (at, at + 4) for at in range(0, len(text), 7) if not any(s < at + 4 and at < e for s, e in standing)
    ]
    assert found == free


@given(
    st.text(alphabet="ab _.\nÅé1", max_size=40),
    # A name has a character other than a space: people add no name of spaces alone.
    st.lists(st.text(alphabet="ab _.Åé1", min_size=1, max_size=4).filter(str.strip), min_size=1, max_size=4),
)
@example(text="aa b", names=["a b", "b"])  # "b" starts a word inside the "a b" refused before it
@example(text="a ba a", names=["a b", "a"])  # "a b" runs on into "ba": "a" from the same place
def test_added_names_are_found_where_a_look_behind_would_find_them(text: str, names: list[str]) -> None:
    """The pattern leaves "starts a word" and "ends one" to `whole_words`, which finds what the
    pattern with `(?<!\\w)` in front and `(?!\\w)` after found with `finditer`: names inside
    one another, overlapping, after a refused place, next to letters outside ASCII."""
    decisions = EntityDecisions(added=frozenset((name, "ORG") for name in names))
    pattern, _types = decisions.added_names
    assert pattern is not None
    looked_behind = re.compile(r"(?<!\w)" + pattern.pattern + r"(?!\w)")
    assert [m.span() for m in whole_words(pattern, text)] == [m.span() for m in looked_behind.finditer(text)]


def test_a_name_added_in_chinese_or_japanese_is_suggested_between_other_letters() -> None:
    """A Chinese or Japanese name always has letters beside it ("国家主席习近平5日", "トランプ氏"),
    and a name people added was looked for with none beside it: suggested nowhere. It is found
    where the search finds it; a Latin name beside Chinese ("Trump说") too, and English is
    read as before ("Trumps", "Trump_")."""
    decisions = EntityDecisions(
        added=frozenset({("习近平", "PERSON"), ("トランプ", "PERSON"), ("Trump", "PERSON")})
    )
    chinese = "新华社上海3月6日电 国家主席习近平6日致信祝贺。习近平指出，Trump说的不对。"
    japanese = "トランプ大統領は5日、記者会見した。トランプ氏は「関税を上げる」と述べた。"
    english = "Trumps and Trump_ are not Trump."
    expected = {chinese: ["习近平", "习近平", "Trump"], japanese: ["トランプ"] * 2, english: ["Trump"]}
    for text, names in expected.items():
        found = apply_decisions(text, [], decisions).entities
        assert [text[e.start : e.end] for e in found] == names
        assert {(e.label, e.status, e.model) for e in found} == {
            ("PERSON", EntityStatus.SUGGESTED, FROM_DECISIONS)
        }


def test_a_name_added_in_korean_is_suggested_before_its_particles() -> None:
    """Korean writes a particle onto the name it follows, and a name people added was
    suggested only where it stood alone: 트럼프 in "트럼프 대통령", never in 트럼프는, 트럼프의,
    nor 서울 in 서울에서. It is suggested before one of the common particles, the particle
    left out of the span; 미국 inside 미국인 (인 is no particle) and 한국 inside 한국은행 (the
    particle must end the word) are other words."""
    decisions = EntityDecisions(
        added=frozenset({("트럼프", "PERSON"), ("서울", "GPE"), ("미국", "GPE"), ("한국", "GPE")})
    )
    text = (
        "미국 정부는 트럼프의 발언을 설명했다. 서울에서 열린 회의에서 트럼프는 침묵했고, "
        "미국인 기자들과 한국은행 관계자들은 트럼프를 기다렸다. 미국과 한국도 트럼프처럼."
    )
    found = apply_decisions(text, [], decisions).entities
    named = [(text[e.start : e.end], text[e.end]) for e in sorted(found, key=lambda e: e.start)]
    assert named == [
        ("미국", " "),
        ("트럼프", "의"),
        ("서울", "에"),
        ("트럼프", "는"),
        ("트럼프", "를"),
        ("미국", "과"),
        ("한국", "도"),
        ("트럼프", "처"),
    ]
