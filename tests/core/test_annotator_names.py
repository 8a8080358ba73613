"""One rule for a person's name (`annotator_name_problem`), whichever dialog or file it comes from."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.limits import MAX_FIELD_CHARS
from annotator.core.model import is_reserved_annotator
from annotator.core.settings import (
    MAX_NAME_CHARS,
    NameProblem,
    Settings,
    annotator_name,
    annotator_name_problem,
    usable_annotator,
)
from annotator.core.validate import check_text

PADDING = st.text(alphabet=" \t\n\r\u00a0\u2003", max_size=3)


def _problem(typed: str) -> NameProblem | None:
    refusal = annotator_name_problem(typed)
    return None if refusal is None else refusal.problem


@given(st.text())
def test_a_name_taken_is_one_the_store_keeps_and_no_reviewer_s(typed: str) -> None:
    if annotator_name_problem(typed) is not None:
        return
    name = annotator_name(typed)
    check_text(name, "name", empty=False)  # the store's own check of an annotator
    assert not is_reserved_annotator(name)
    assert len(name) <= MAX_NAME_CHARS
    assert name == name.strip() and not any(unicodedata.category(c) == "Cc" for c in name)
    assert any(unicodedata.category(c)[0] in "LNPS" for c in name)


@given(st.text(), PADDING, PADDING)
def test_spaces_and_line_breaks_around_a_name_change_nothing(typed: str, before: str, after: str) -> None:
    assert annotator_name_problem(before + typed + after) == annotator_name_problem(typed.strip())
    assert annotator_name(before + typed + after) == annotator_name(typed)


@given(st.text(), st.sampled_from(["\n", "\r", "\t", "\x01", "\x1b", "\x7f", "\u2028"]), st.text())
def test_a_control_character_inside_a_name_is_refused(head: str, control: str, tail: str) -> None:
    name = f"Ada{head}{control}{tail}L."
    assert _problem(name) in (NameProblem.CONTROL, NameProblem.UNSTORABLE)


@given(st.text(alphabet=" \t\n\r\x01\x02\x7f\u00a0\u200b\u2028", max_size=20))
def test_names_only_of_spaces_or_control_characters_are_refused(typed: str) -> None:
    assert _problem(typed) in (NameProblem.EMPTY, NameProblem.CONTROL)


@given(st.lists(st.booleans(), min_size=4, max_size=4), PADDING, PADDING)
def test_gold_in_any_capitals_is_the_reviewers_name(upper: list[bool], before: str, after: str) -> None:
    gold = "".join(c.upper() if u else c for c, u in zip("gold", upper, strict=True))
    assert _problem(before + gold + after) is NameProblem.RESERVED


@given(st.text())
def test_the_settings_file_keeps_exactly_the_names_the_dialogs_take(name: str) -> None:
    usable = name == "" or annotator_name_problem(name) is None
    assert usable_annotator(name) == usable
    assert Settings.from_json_dict({"annotator": name}).annotator == (annotator_name(name) if usable else "")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", NameProblem.EMPTY),
        ("   ", NameProblem.EMPTY),
        ("\u200b", NameProblem.EMPTY),
        ("\x01\x02", NameProblem.CONTROL),
        ("Ada\nLovelace", NameProblem.CONTROL),
        ("Ada\x00", NameProblem.UNSTORABLE),
        ("A" * (MAX_FIELD_CHARS + 1), NameProblem.UNSTORABLE),
        ("A" * 32_767, NameProblem.TOO_LONG),  # all a line edit keeps of a paste
        ("A" * (MAX_NAME_CHARS + 1), NameProblem.TOO_LONG),
        ("🙂" * (MAX_NAME_CHARS + 1), NameProblem.TOO_LONG),
        ("A" * MAX_NAME_CHARS, None),
        ("\n " + "🙂" * MAX_NAME_CHARS + " \n", None),  # counted once trimmed, in characters
        ("Gold", NameProblem.RESERVED),
        ("\uff47\uff4f\uff4c\uff44", NameProblem.RESERVED),  # fullwidth
        (" gold\n", NameProblem.RESERVED),
        ("Goldie", None),
        ("Ada L.", None),
        ("Ada L.\n", None),  # pasted with the line's end
        ("李小龍", None),
        ("Zoë ‍🙂", None),
    ],
)
def test_names_as_people_type_and_paste_them(typed: str, problem: NameProblem | None) -> None:
    assert _problem(typed) is problem


def test_a_refused_stored_name_says_what_the_store_says() -> None:
    refusal = annotator_name_problem("Ada\x00")
    assert refusal is not None and refusal.detail == "contains a NUL character"


@given(st.text())
def test_a_name_is_saved_in_one_unicode_form_whichever_it_was_typed_in(typed: str) -> None:
    """ "Zoë" typed as one character and as "e" with a combining diaeresis were two people."""
    for form in ("NFC", "NFD"):
        assert annotator_name(unicodedata.normalize(form, typed)) == annotator_name(typed)
    assert annotator_name("Zoe\u0308 ") == "Zo\u00eb"
