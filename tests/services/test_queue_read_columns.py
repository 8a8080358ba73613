"""The Suggestions panel's read of the whole queue takes the columns it shows: each
suggestion's label and confidence, not its scores, whose JSON was a third of the read on a
large project. Enter reads the candidate again, scores and all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core import suggestions as core_suggestions
from annotator.core.model import Analysis, ArticleDraft, ClaimCandidate, ClaimLabel, PipelineInfo
from annotator.core.suggestions import Suggestion
from annotator.services.project import Project, store_of
from annotator.services.suggestions import candidate_at, suggestion_queue, suggestion_queue_rows
from annotator.store import rows
from annotator.store.suggestions import replace_suggestions, save_model

TEXT = "One sentence here. Another one there. A third to end."
SPANS = [(0, 18), (19, 37), (38, 53)]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with open_project(tmp_path / "p.annotator.db") as proj:
        (article_id,) = proj.import_drafts([ArticleDraft(text=TEXT, title="t")]).added
        store = store_of(proj)
        store.save_analyses(
            [
                (
                    article_id,
                    Analysis(
                        PipelineInfo("hand", "1"),
                        candidates=tuple(ClaimCandidate(s, e, 0.5) for s, e in SPANS),
                    ),
                )
            ]
        )
        model = save_model(
            store,
            labels=["factual", "opinion"],
            architecture="hand",
            spacy_version="",
            config="{}",
            weights=b"",
            evaluation={},
        )
        replace_suggestions(
            store,
            model.id,
            [
                Suggestion(
                    article_id,
                    0,
                    18,
                    ClaimLabel.OPINION,
                    0.7,
                    0.3,
                    model.id,
                    {"factual": 0.3, "opinion": 0.7},
                ),
                Suggestion(
                    article_id,
                    38,
                    53,
                    ClaimLabel.FACTUAL,
                    0.9,
                    0.1,
                    model.id,
                    {"factual": 0.9, "opinion": 0.1},
                ),
            ],
        )
        yield proj


def test_the_panel_read_shows_labels_and_confidences_without_parsing_scores(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    original = rows.check_json

    def spy(value: object, what: str, *args: object, **kwargs: object) -> object:
        parsed.append(what)
        return original(value, what, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rows, "check_json", spy)
    for order in ("text", "uncertainty"):
        read = suggestion_queue_rows(project, order=order, unlabelled_only=True)  # type: ignore[arg-type]
        shown = [
            (i.start, i.suggestion.label, i.suggestion.confidence) if i.suggestion else (i.start,)
            for i in read
        ]
        expected = [(0, ClaimLabel.OPINION, 0.7), (19,), (38, ClaimLabel.FACTUAL, 0.9)]
        assert shown == (expected if order == "text" else [expected[0], expected[2], expected[1]])
    assert "scores" not in parsed
    # The same rows as the full read, but for the scores.
    full = suggestion_queue(project, unlabelled_only=True)
    assert [(i.start, i.end, i.human_label, i.text) for i in full] == [
        (i.start, i.end, i.human_label, i.text) for i in suggestion_queue_rows(project, unlabelled_only=True)
    ]
    # What Enter reads has them.
    again = candidate_at(project, full[0].article_id, 0, 18)
    assert again is not None and again.suggestion is not None
    assert dict(again.suggestion.scores) == {"factual": 0.3, "opinion": 0.7}
    assert "scores" in parsed


@pytest.mark.parametrize("order", ["uncertainty", "text"])
def test_the_read_finds_candidates_and_counts_hidden_suggestions_without_sorting_again(
    project: Project, monkeypatch: pytest.MonkeyPatch, order: str
) -> None:
    """The rows' text order and their confidences' order come with the read: sorting 184,000
    rows by their keys (and their confidences) held the GIL in the pool for 220-310 ms at each
    reload of the panel in "most useful first" order, and the window froze meanwhile."""
    store = store_of(project)
    (first,) = project.article_ids()
    (second,) = project.import_drafts([ArticleDraft(text=TEXT.replace("end", "fin"), title="u")]).added
    candidates = tuple(ClaimCandidate(s, e, 0.5) for s, e in SPANS)
    store.save_analyses([(second, Analysis(PipelineInfo("hand", "1"), candidates=candidates))])
    (model_id,) = {i.suggestion.model_id for i in suggestion_queue(project) if i.suggestion}
    replace_suggestions(
        store,
        model_id,
        [
            Suggestion(article_id, s, e, ClaimLabel.FACTUAL, confidence, uncertainty, model_id, {})
            for article_id, (s, e), confidence, uncertainty in (
                (first, SPANS[0], 0.9, 0.2),
                (first, SPANS[2], 0.4, 0.6),
                (second, SPANS[0], 0.7, 0.9),
                (second, SPANS[1], 0.6, 0.4),
                (second, SPANS[2], 0.5, 0.1),
            )
        ],
    )
    project.add_claim(second, 38, 53, ClaimLabel.OPINION, annotator="ann")  # left out: a gap

    def no_sort(*_args: object, **_kwargs: object) -> list[object]:
        raise AssertionError("sorted again in Python, holding the GIL")

    for unlabelled_only in (True, False):
        read = suggestion_queue_rows(project, order=order, unlabelled_only=unlabelled_only)  # type: ignore[arg-type]
        if order == "uncertainty":
            most_useful = [(second, 0), (first, 38), (second, 19), (first, 0)]
            assert [(i.article_id, i.start) for i in read][:4] == most_useful
        with monkeypatch.context() as patched:
            patched.setattr(core_suggestions, "sorted", no_sort, raising=False)
            read.index()  # what the panel does in the pool
            hidden = read.count_hidden(lambda confidence: confidence < 0.65)
        assert hidden == (2 if unlabelled_only else 3)
        in_text_order = sorted(range(len(read)), key=read.key)
        assert len(read) == (5 if unlabelled_only else 6)
        for row in range(len(read)):
            assert read.find(*read.key(row)) == row
        assert [read.find(*read.key(row)) for row in in_text_order] == in_text_order
        assert read.find(second, 38, 53) == (None if unlabelled_only else in_text_order[-1])
        assert read.find(second, 0, 17) is None
