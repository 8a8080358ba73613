"""Claim candidates: sentence spans, skipped fragments, scores and their reasons (rule pipeline)."""

from __future__ import annotations

import textwrap

import pytest

from annotator.nlp import LoadedPipeline, analyse_text


def test_facts_score_high_with_reasons(rules_pipeline: LoadedPipeline) -> None:
    text = "The company lost $5 million, or 12 percent, in 2019, according to its report."
    [c] = analyse_text(text, pipeline=rules_pipeline).candidates
    assert (c.start, c.end) == (0, len(text))
    assert c.reasons == ("percentage", "money", "date", "attribution")
    assert c.score == 0.8


def test_hedged_first_person_opinion_scores_zero(rules_pipeline: LoadedPipeline) -> None:
    text = "I think the new stadium might be a waste of time."
    [c] = analyse_text(text, pipeline=rules_pipeline).candidates
    assert c.reasons == ("hedge", "first-person opinion")
    assert c.score == 0.0


def test_comparison_and_plain_sentence(rules_pipeline: LoadedPipeline) -> None:
    text = "Prices rose more than wages did. The weather was pleasant and calm."
    first, second = analyse_text(text, pipeline=rules_pipeline).candidates
    assert first.reasons == ("comparison",) and first.score == 0.3
    assert second.reasons == () and second.score == 0.2


def test_dateline_and_short_fragments_are_skipped_but_sentences_kept(rules_pipeline: LoadedPipeline) -> None:
    text = (
        "Friday, January 4, 2019\u00a0\n\n\n"
        "An apartment building collapsed on Monday in the city.\n\nYes.\n\n"
    )
    analysis = analyse_text(text, pipeline=rules_pipeline)
    assert [text[s:e] for s, e in analysis.sentences] == [
        "Friday, January 4, 2019",
        "An apartment building collapsed on Monday in the city.",
        "Yes.",
    ]
    [c] = analysis.candidates
    assert text[c.start : c.end] == "An apartment building collapsed on Monday in the city."
    assert c.reasons == ("date",)


def test_reported_speech_reason(rules_pipeline: LoadedPipeline) -> None:
    text = '"We will rebuild the whole school," the head teacher told parents.'
    [c] = analyse_text(text, pipeline=rules_pipeline).candidates
    assert c.reasons == ("reported speech", "attribution")
    assert c.score == 0.4


def test_a_headline_heading_a_plain_text_is_not_a_candidate(rules_pipeline: LoadedPipeline) -> None:
    text = (
        "City council approves 12 km of new bike lanes\n\n"
        "The city council voted 7 to 2 on Tuesday to build 12 kilometres of bike lanes.\n"
    )
    [c] = analyse_text(text, pipeline=rules_pipeline).candidates
    assert text[c.start : c.end].startswith("The city council voted")


def test_a_first_line_that_ends_a_sentence_stays_a_candidate(rules_pipeline: LoadedPipeline) -> None:
    text = "The council voted 7 to 2 on Tuesday.\nIt will build 12 kilometres of bike lanes.\n"
    candidates = analyse_text(text, pipeline=rules_pipeline).candidates
    assert [text[c.start : c.end] for c in candidates] == [
        "The council voted 7 to 2 on Tuesday.",
        "It will build 12 kilometres of bike lanes.",
    ]


def test_a_headline_on_the_line_above_the_first_paragraph_is_not_a_candidate(
    rules_pipeline: LoadedPipeline,
) -> None:
    # An imported HTML page: its heading and paragraphs each on a line, with no blank line between.
    text = (
        "Harbour reopens after storm\n"
        "The harbour of Brest reopened on Monday after a week of repairs. "
        "Fishermen say the storm was the worst in twenty years.\n"
    )
    analysis = analyse_text(text, pipeline=rules_pipeline)
    assert [text[s:e] for s, e in analysis.sentences][:2] == [
        "Harbour reopens after storm",
        "The harbour of Brest reopened on Monday after a week of repairs.",
    ]
    assert [text[c.start : c.end] for c in analysis.candidates] == [
        "The harbour of Brest reopened on Monday after a week of repairs.",
        "Fishermen say the storm was the worst in twenty years.",
    ]


def test_a_sentence_wrapped_onto_the_next_line_stays_whole(rules_pipeline: LoadedPipeline) -> None:
    # A plain-text file wrapped at 60 columns: its first line ends in no mark, but is no headline.
    text = (
        "The city council voted on Tuesday to appoint the former\n"
        "John Smith as head of its transport committee.\n"
    )
    [c] = analyse_text(text, pipeline=rules_pipeline).candidates
    assert text[c.start : c.end] == text.strip()


def test_a_subheading_between_paragraphs_is_neither_glued_on_nor_a_candidate(
    rules_pipeline: LoadedPipeline,
) -> None:
    # An imported HTML page puts each h2/h3 on its own line, with single line breaks: the parser
    # glued "Reactions" onto the sentence below, so J stopped on heading and sentence as one.
    text = (
        "Harbour reopens after storm\n"
        "The harbour of Brest reopened on Monday after a week of repairs.\n"
        "Reactions\n"
        "The minister said the state would pay half of the cost of the repairs.\n"
        "What the fishermen lost\n"
        "About 40 boats were damaged, according to the regional fishing committee.\n"
    )
    analysis = analyse_text(text, pipeline=rules_pipeline)
    assert [text[s:e] for s, e in analysis.sentences] == [line for line in text.splitlines()]
    assert [text[c.start : c.end] for c in analysis.candidates] == [
        "The harbour of Brest reopened on Monday after a week of repairs.",
        "The minister said the state would pay half of the cost of the repairs.",
        "About 40 boats were damaged, according to the regional fishing committee.",
    ]


def test_list_items_stay_apart_and_candidates_and_the_heading_below_them_is_split_off(
    rules_pipeline: LoadedPipeline,
) -> None:
    # An HTML <ul> is imported one item a line, none with a full stop.
    text = (
        "About 40 boats were damaged, according to the regional fishing committee.\n"
        "- Twelve trawlers sank in the outer harbour\n"
        "- Nine boats lost their nets and gear\n"
        "- Three warehouses were flooded by the sea\n"
        "Background\n"
        "Brest was last hit by a storm of this strength in 1999, when the harbour closed for a month.\n"
    )
    analysis = analyse_text(text, pipeline=rules_pipeline)
    assert [text[s:e] for s, e in analysis.sentences] == [line for line in text.splitlines()]
    assert [text[c.start : c.end] for c in analysis.candidates] == [
        line for line in text.splitlines() if line != "Background"
    ]


@pytest.mark.parametrize("width", [72, 40])
def test_paragraphs_wrapped_at_a_fixed_width_keep_their_sentences_whole(
    rules_pipeline: LoadedPipeline, width: int
) -> None:
    # Lines without a mark, a few words long, inside a wrapped paragraph: each ends where it
    # does only because the next word did not fit, so none is a heading.
    first = (
        "The harbour of Brest reopened on Monday after a week of repairs, "
        "and fishermen say the storm was the worst they have seen in twenty years."
    )
    second = (
        "The port authority put the damage to the quays and its cranes at 4 million euros, "
        "and expects the work on the harbour to last until the middle of March."
    )
    text = textwrap.fill(f"{first} {second}", width) + "\n\n" + textwrap.fill(second, width) + "\n"
    analysis = analyse_text(text, pipeline=rules_pipeline)
    assert [" ".join(text[s:e].split()) for s, e in analysis.sentences] == [first, second, second]


def test_a_lead_in_ending_in_a_colon_is_not_glued_onto_the_quotation_below(
    rules_pipeline: LoadedPipeline,
) -> None:
    # An imported HTML page (Global Voices, tests/data/ATTRIBUTION.md) puts a lead-in and the
    # paragraph it quotes each on a line: the parser glued "Kamran writes:" onto the blogger's
    # words, so J stopped on both as one candidate, and a claim labelled there held the lead-in.
    text = (
        "Kamran writes:\n"
        "I am voting with the hope that not only the hardline government will change, but that we will "
        "build a more democratic society where women’s rights, a free press, free speech, and human rights "
        "are not a dream. Last 4 years proved our right can be in more danger than we could even imagine.\n"
        "Iranians also in 25 different cities all over the world came together "
        "and announced they will vote:\n"
        "Mohammad Ali Abtahi, former vice preisdent writes:\n"
        "Decreasing the wave of election boycott is one of the most important political events "
        "in this term.\n"
        "At Asia Times, Donald Kirk says:\n"
        "“The North Koreans also get offended every time a top-level American visitor visits the region, "
        "and one immediate complication of the trial is that it coincides with a trip to South Korea, China "
        "and Japan of a US delegation led by Deputy Secretary of State James Steinberg.\n"
    )
    analysis = analyse_text(text, pipeline=rules_pipeline)
    assert not [text[s:e] for s, e in analysis.sentences if "\n" in text[s:e]]
    # A lead-in of a few words is no candidate; one that reports who did what stays one.
    assert [text[c.start : c.end] for c in analysis.candidates] == [
        "I am voting with the hope that not only the hardline government will change, but that we will "
        "build a more democratic society where women’s rights, a free press, free speech, and human rights "
        "are not a dream.",
        "Last 4 years proved our right can be in more danger than we could even imagine.",
        "Iranians also in 25 different cities all over the world came together and announced they will vote:",
        "Mohammad Ali Abtahi, former vice preisdent writes:",
        "Decreasing the wave of election boycott is one of the most important political events in this term.",
        "At Asia Times, Donald Kirk says:",
        "“The North Koreans also get offended every time a top-level American visitor visits the region, and "
        "one immediate complication of the trial is that it coincides with a trip to South Korea, China and "
        "Japan of a US delegation led by Deputy Secretary of State James Steinberg.",
    ]


@pytest.mark.parametrize(
    ("width", "listing"),
    [
        (72, "The port authority of Brest listed three main reasons for the damage:"),
        (40, "The port authority listed the three causes of the damage:"),
    ],
)
def test_a_colon_where_a_fixed_width_wrap_fell_keeps_its_sentence_whole(
    rules_pipeline: LoadedPipeline, width: int, listing: str
) -> None:
    # The next word after the colon did not fit on the line: the wrap, not the writer, broke it.
    first = (
        "The harbour of Brest reopened on Monday after a week of repairs, "
        "and fishermen say the storm was the worst they have seen in twenty years."
    )
    second = f"{listing} the height of the waves, the wind and the age of the quays."
    third = "The repairs will cost 4 million euros: the state will pay half of it."
    text = textwrap.fill(f"{first} {second} {third}", width) + "\n"
    lines = text.splitlines()
    assert any(line.endswith("damage:") for line in lines)  # the wrap fell right after a colon
    assert any("euros: the" in line for line in lines)  # and another colon is inside a line
    analysis = analyse_text(text, pipeline=rules_pipeline)
    assert [" ".join(text[s:e].split()) for s, e in analysis.sentences] == [first, second, third]
