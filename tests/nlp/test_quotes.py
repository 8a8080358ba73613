"""Quotation finding on hand-written and real text; spans include the quote marks."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import QuoteKind
from annotator.nlp.quotes import find_quotes, paragraph_spans

WIKINEWS = Path(__file__).parent.parent / "data" / "wikinews"


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_straight_double_quote_span_includes_marks() -> None:
    text = 'Smith said "the plan failed badly" on Monday.'
    [q] = find_quotes(text)
    assert (q.start, q.end, q.kind) == (11, 34, QuoteKind.DIRECT)
    assert q.inner == (12, 33)


def test_curly_quotes_and_scare_quotes() -> None:
    text = "“We will win this,” she said. The ‘so-called’ experts disagreed."
    assert quoted(text) == ["“We will win this,”", "‘so-called’"]
    assert [q.kind for q in find_quotes(text)] == [QuoteKind.DIRECT, QuoteKind.SCARE]


def test_guillemets() -> None:
    text = "Le ministre a déclaré « nous ne partirons pas avant demain », puis il est parti."
    assert quoted(text) == ["« nous ne partirons pas avant demain »"]


def test_apostrophes_are_not_quotes() -> None:
    text = "The nation’s students' union don’t like the ’90s or the '80s, it's Jones' view."
    assert find_quotes(text) == []


def test_apostrophes_inside_a_quotation_do_not_end_it() -> None:
    text = "“I don’t think the nation’s ’90s policy worked,” he said."
    assert quoted(text) == ["“I don’t think the nation’s ’90s policy worked,”"]


def test_a_plurals_possessive_inside_a_single_quoted_quotation_does_not_end_it() -> None:
    """Sixth tuning batch: "‘The railroads have taken away our members’ ability …’" ended at
    "members’"; a mark after an "s" and before a lower-case word is a possessive when a later
    mark closes the quotation."""
    quotation = "‘Their bosses’ rules don’t let our drivers’ families see them, not Smith’s.’"
    text = f"The union said, {quotation} It left."
    assert quoted(text) == [quotation]
    assert [q.kind for q in find_quotes(text)] == [QuoteKind.DIRECT]


def test_a_quoted_plural_before_a_word_still_closes_its_quotation() -> None:
    assert quoted("The ‘experts’ say the ‘crisis’ is over.") == ["‘experts’", "‘crisis’"]
    assert quoted("He called them ‘experts’ but the ministers’ view differed.") == ["‘experts’"]
    assert quoted("They called it ‘the players’ union’ at once.") == ["‘the players’ union’"]


def test_single_inside_double_reports_the_outer_only() -> None:
    text = "She said \"they told me 'go home' and left,\" and walked off."
    assert quoted(text) == ["\"they told me 'go home' and left,\""]
    curly = "He wrote: “Voters said ‘enough is enough’ today.”"
    assert quoted(curly) == ["“Voters said ‘enough is enough’ today.”"]


def test_quotation_continued_over_paragraphs() -> None:
    text = (
        "The mayor spoke at length.\n\n"
        "“We have waited too long for this bridge.\n\n"
        "“It will be finished next year,” she said.\n\n"
        "Work starts in May."
    )
    [q] = find_quotes(text)
    assert text[q.start : q.end] == (
        "“We have waited too long for this bridge.\n\n“It will be finished next year,”"
    )
    assert q.paragraphs == 2


def test_unclosed_quote_without_continuation_is_dropped() -> None:
    text = '"This opens but never closes.\n\nThe next paragraph is narration with a "real quote" inside.'
    assert quoted(text) == ['"real quote"']


def test_straight_quotes_continued_over_paragraphs() -> None:
    text = '"First part.\n\n"Second part," he said.'
    assert quoted(text) == ['"First part.\n\n"Second part,"']


def test_scare_quote_word_limits() -> None:
    assert [q.kind for q in find_quotes('a "witch hunt" and "a plan that is long"')] == [
        QuoteKind.SCARE,
        QuoteKind.DIRECT,
    ]
    assert find_quotes('"Absolutely," she said.')[0].kind is QuoteKind.DIRECT


def test_empty_quotes_are_ignored() -> None:
    assert find_quotes('He typed "" and then " ".') == []


def test_no_quotes_in_real_article() -> None:
    text = next(WIKINEWS.glob("wn2019_063_*.txt")).read_text(encoding="utf-8")
    assert find_quotes(text) == []


def test_real_article_with_nested_single_quotes() -> None:
    text = next(WIKINEWS.glob("wn2019_007_*.txt")).read_text(encoding="utf-8")
    found = quoted(text)
    # Read by hand from the article: nine quotations, two of them scare quotes.
    assert found == [
        '"I can do it [call a national emergency] if I want. I may do it."',
        '"I never threaten anybody."',
        '"in the midst of a crisis on our southern border."',
        '"We are committed to keeping our border safe. We can do that best when government is open. '
        'We made that clear to the president."',
        "\"We made a plea to the president once again: don't hold hundreds of thousands of federal "
        'workers hostage"',
        '"So we told the president we needed the government open. He resisted."',
        '"a non-starter"',
        found[7],
        '"years."',
    ]
    assert found[7].startswith("\"I can just tell you, I don't know what he's basing")
    assert found[7].endswith('without any concern"')
    kinds = [q.kind for q in find_quotes(text)]
    assert kinds.count(QuoteKind.SCARE) == 2


def test_real_article_with_zero_width_joiner() -> None:
    text = next(WIKINEWS.glob("wn2019_022_*.txt")).read_text(encoding="utf-8")
    assert quoted(text) == [
        '"sexual in nature"',
        '"significant development"',
        '"some solace for the families and friends of the victims, and for the community more broadly,"',
    ]


def test_paragraphs_by_blank_lines_or_by_lines() -> None:
    assert paragraph_spans("a\n\n\nb c\n") == [(0, 1), (4, 7)]
    assert paragraph_spans("one\ntwo") == [(0, 3), (4, 7)]


_pieces = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'",
        "«",
        "»",
        " ",
        "\n",
        "\n\n",
        "word",
        "e\u0301",
        "👍🏽",
        "🇫🇷",
        "s",
        ".",
        ",",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_pieces, max_size=40).map("".join))
def test_spans_lie_inside_text_and_start_and_end_on_marks(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start] in "\"“„«‹'‘”"
        assert text[q.end - 1] in "\"”“»›'’"
        assert text[q.start + 1 : q.end - 1].strip()


def test_block_quotation_closing_paragraphs_later_without_reopening_marks() -> None:
    # Blog style: the quotation opens once and closes two paragraphs later.
    text = (
        "At the Times, Kim writes:\n"
        "“The talks stalled again on Monday, with a “final offer” on the table.\n"
        "Nobody expects the second round to go better.\n"
        "Both sides know it.”\n"
        "She then turns to the economy."
    )
    [q] = find_quotes(text)
    assert text[q.start : q.end] == (
        "“The talks stalled again on Monday, with a “final offer” on the table.\n"
        "Nobody expects the second round to go better.\nBoth sides know it.”"
    )
    assert q.paragraphs == 3
    assert q.kind == QuoteKind.DIRECT


def test_block_quotation_closed_by_a_stray_opening_style_mark_at_paragraph_end() -> None:
    text = "He says:\n“The first part.\nThe last part. “\nThen a “word” of narration."
    assert quoted(text) == ["“The first part.\nThe last part. “", "“word”"]


def test_unclosed_quote_does_not_swallow_later_paragraphs_with_their_own_quotes() -> None:
    text = '"Never closed.\n\nA "first" one.\n\nAnd a "second" one, "third" too.'
    assert quoted(text) == ['"first"', '"second"', '"third"']


def test_quotation_opened_with_a_closing_style_mark() -> None:
    # Arabic-script (and Swedish/Finnish) texts: ” … ”.
    text = "جاء أوباما إذن ليقبل العالم العربي الميت ” قبلة الموت”\nالحقيقة المرة"
    assert quoted(text) == ["” قبلة الموت”"]
    assert quoted("Det var ”helt fantastiskt bra, verkligen”, sa hon.") == [
        "”helt fantastiskt bra, verkligen”"
    ]


def test_stray_closing_style_mark_does_not_hide_a_later_quotation() -> None:
    assert quoted("A stray ” mark. Then “a real quotation, said aloud” here.") == [
        "“a real quotation, said aloud”"
    ]


def test_german_low_high_quotes() -> None:
    text = "Merkel sagte: „Wir schaffen das, ganz sicher.“ Dann ging sie. Ein „Wunder“ sei das nicht."
    assert quoted(text) == ["„Wir schaffen das, ganz sicher.“", "„Wunder“"]
    kinds = [q.kind for q in find_quotes(text)]
    assert kinds == [QuoteKind.DIRECT, QuoteKind.SCARE]
