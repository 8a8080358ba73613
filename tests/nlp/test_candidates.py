"""Claim candidates: sentence spans, skipped fragments, scores and their reasons (rule pipeline)."""

from __future__ import annotations

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
