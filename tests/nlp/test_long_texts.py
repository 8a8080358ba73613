"""Texts pre-annotation must analyse in pieces: over spaCy's million characters, or holding a run
of marks its tokenizer takes the square of its length on (`nlp.analyse.analysis_pieces`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.nlp import LoadedPipeline, analyse, analyse_texts
from annotator.nlp.analyse import LONGEST_MARKS, PIECE_CHARS, analysis_pieces

PARAGRAPH = (
    'Anne Hidalgo said: "We will open the bridge in Paris on Monday." Critics in London disagreed.\n\n'
)


SMALL_PIECE = 10_000
"""The piece's length the three pieces' run cuts at (`analyse.PIECE_CHARS`, read at each cut): a
text of three of them is cut and joined as one of three `PIECE_CHARS` is, in a tenth of the time."""


@pytest.mark.parametrize(
    ("chars", "piece_chars"),
    [
        pytest.param(1_000_000, PIECE_CHARS, marks=pytest.mark.slow, id="over spaCy's million"),  # a minute
        pytest.param(3 * SMALL_PIECE, SMALL_PIECE, id="three pieces"),
    ],
)
def test_a_text_over_a_million_characters_is_analysed_in_pieces(
    rules_pipeline: LoadedPipeline, monkeypatch: pytest.MonkeyPatch, chars: int, piece_chars: int
) -> None:
    """spaCy refused it (E088), and the import that pre-annotated it ended in an internal error.
    Cut as any text over a piece's length is: three pieces' worth shows the cutting, the
    million (run with the slow tests) spaCy's own limit."""
    monkeypatch.setattr(analyse, "PIECE_CHARS", piece_chars)
    count = chars // len(PARAGRAPH) + 50
    text = PARAGRAPH * count
    assert len(text) > (rules_pipeline.nlp.max_length if chars >= 1_000_000 else 2 * piece_chars)
    assert len(analysis_pieces(text)) >= 3
    (analysis,) = analyse_texts([text], pipeline=rules_pipeline)
    names = [text[e.start : e.end] for e in analysis.entities]
    per_paragraph = [
        text[e.start : e.end] for e in next(analyse_texts([PARAGRAPH], pipeline=rules_pipeline)).entities
    ]
    assert per_paragraph and names == per_paragraph * count
    assert [text[q.start : q.end] for q in analysis.quotes] == [
        '"We will open the bridge in Paris on Monday."'
    ] * count
    assert len(analysis.sentences) == 2 * count
    assert all(text[s:e].strip() == text[s:e] for s, e in analysis.sentences)


def test_a_run_of_marks_is_left_out_and_the_text_after_it_keeps_its_offsets(
    rules_pipeline: LoadedPipeline,
) -> None:
    run = "=" * (LONGEST_MARKS + 500)
    text = f"The mayor spoke. {run}\n{PARAGRAPH}"
    (analysis,) = analyse_texts([text], pipeline=rules_pipeline)
    run_at = text.index(run)
    assert all(e <= run_at or s >= run_at + len(run) for s, e in analysis.sentences)
    assert [text[e.start : e.end] for e in analysis.entities] == ["Monday"]
    assert [text[q.start : q.end] for q in analysis.quotes] == [
        '"We will open the bridge in Paris on Monday."'
    ]


def test_a_text_of_marks_alone_has_an_empty_analysis(rules_pipeline: LoadedPipeline) -> None:
    (analysis,) = analyse_texts(["*" * (LONGEST_MARKS * 3)], pipeline=rules_pipeline)
    assert (analysis.entities, analysis.quotes, analysis.candidates, analysis.sentences) == ((), (), (), ())


def test_texts_in_pieces_and_whole_texts_come_back_in_order(rules_pipeline: LoadedPipeline) -> None:
    """A text in pieces between whole ones: each analysis is its own text's."""
    texts = [
        "We met on Monday.",
        "=" * 2_000 + " We left on Tuesday.",
        "Friday too.",
        "On Sunday" + " x" * PIECE_CHARS,
    ]
    analyses = analyse_texts(texts, pipeline=rules_pipeline)
    found = [[text[e.start : e.end] for e in a.entities] for text, a in zip(texts, analyses, strict=True)]
    assert found == [["Monday"], ["Tuesday"], ["Friday"], ["Sunday"]]


def test_a_page_without_spaces_is_analysed_and_cut_anywhere_past_the_piece_length(
    rules_pipeline: LoadedPipeline,
) -> None:
    """Chinese has no spaces: its runs of letters are analysed (only runs of marks are left out),
    and a page longer than a piece is cut where it must be."""
    sentence = "東京都の知事は月曜日に新しい計画を発表した。"
    text = sentence * (PIECE_CHARS // len(sentence) + 10)
    pieces = analysis_pieces(text)
    assert len(pieces) == 2 and pieces[0] == (0, PIECE_CHARS) and pieces[-1][1] == len(text)
    (analysis,) = analyse_texts([text], pipeline=rules_pipeline)
    assert analysis.sentences and analysis.sentences[-1][1] == len(text)


MARKS = rf"(?:_|[^\w\s]){{{LONGEST_MARKS + 1},}}"
WORDS = st.sampled_from(
    ["word", "a", "Paris.", "\n", "\n\n", " ", "\t", "\u00a0", "=" * 40, "_" * 90, "x" * 900, "東京"]
)
LONG_RUN = st.sampled_from("*=_&😀").flatmap(
    lambda mark: st.integers(LONGEST_MARKS + 1, LONGEST_MARKS * 3).map(lambda n: mark * n)
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=40).map(" ".join) | LONG_RUN, max_size=6), st.integers(0, 3))
def test_pieces_are_in_order_short_and_leave_out_only_runs_of_marks_and_space(
    parts: list[str], padding: int
) -> None:
    text = "".join(parts) + ("lorem ipsum\n" * (PIECE_CHARS // 12 + 1)) * padding
    pieces = analysis_pieces(text)
    assert pieces
    previous_end = 0
    left_out = rf"(\s*{MARKS}\s*)+"
    for start, end in pieces:
        assert previous_end <= start <= end <= len(text)
        assert end - start <= PIECE_CHARS
        assert not re.search(MARKS, text[start:end])
        gap = text[previous_end:start]
        assert not gap or gap.isspace() or re.fullmatch(left_out, gap)
        previous_end = end
    tail = text[previous_end:]
    assert not tail or tail.isspace() or re.fullmatch(left_out, tail)
