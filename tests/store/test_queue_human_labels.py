"""The person's label beside each queue candidate: found by bisecting one ordered read of the
claims, the same label the correlated subquery per candidate gave (the claim over the span that
starts first, then the lowest id), and "Unlabelled only" keeps exactly the candidates with none."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.model import Analysis, ArticleDraft, ClaimCandidate, ClaimLabel, PipelineInfo
from annotator.services.project import Project, store_of
from annotator.store.suggestions import queue

TEXT = "x" * 400


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    rng = random.Random(7)
    with open_project(tmp_path / "p.annotator.db") as proj:
        ids = proj.import_drafts(ArticleDraft(text=TEXT + f" {n}.", title=f"t{n}") for n in range(4)).added
        store = store_of(proj)
        pipeline = PipelineInfo("hand-made", "1")
        spans = sorted({(s, s + w) for s in range(0, 370, 3) for w in (1, 4, 9, 30)})
        store.save_analyses(
            (i, Analysis(pipeline, candidates=tuple(ClaimCandidate(s, e, 0.5) for s, e in spans)))
            for i in ids
        )
        labels = list(ClaimLabel)
        for i in ids[:3]:  # the last article has no claim at all
            # Nested, overlapping, touching and equal-start claims, in no order of start.
            for _ in range(25):
                start = rng.randrange(0, 330)
                end = start + rng.choice((1, 2, 5, 20, 60))
                proj.add_claim(i, start, end, rng.choice(labels), annotator=rng.choice(("ana", "ben")))
            proj.add_claim(i, 100, 140, ClaimLabel.OPINION, annotator="ana")
            proj.add_claim(i, 100, 105, ClaimLabel.FACTUAL, annotator="ben")  # same start, later id
            proj.add_claim(i, 10, 300, ClaimLabel.QUESTIONABLE, annotator="ben")  # around many
        yield proj


def _subquery_labels(project: Project) -> dict[tuple[int, int, int], str | None]:
    """What the queue read before: a subquery per candidate."""
    return {
        (a, s, e): label
        for a, s, e, label in store_of(project).conn.execute(
            'SELECT DISTINCT c.article_id, c.start, c."end",'
            " (SELECT h.label FROM claims h WHERE h.article_id = c.article_id"
            ' AND h.start < c."end" AND c.start < h."end" ORDER BY h.start, h.id LIMIT 1)'
            " FROM candidates c"
        )
    }


def test_each_candidate_shows_the_label_the_subquery_gave(project: Project) -> None:
    expected = _subquery_labels(project)
    found = queue(store_of(project))
    assert len(found) == len(expected)
    got = {(i.article_id, i.start, i.end): i.human_label for i in found}
    assert got == {key: ClaimLabel(v) if v else None for key, v in expected.items()}
    assert sum(v is not None for v in got.values()) > len(got) // 4  # the claims cover a good share
    # One article's read (what J / K and Enter use) says the same.
    article_id = found[0].article_id
    assert {
        (i.article_id, i.start, i.end): i.human_label for i in queue(store_of(project), article_id=article_id)
    } == {k: v for k, v in got.items() if k[0] == article_id}


def test_unlabelled_only_keeps_the_candidates_without_a_label(project: Project) -> None:
    expected = [k for k, v in sorted(_subquery_labels(project).items()) if v is None]
    for order in ("text", "uncertainty"):
        found = queue(store_of(project), order=order, unlabelled_only=True)  # type: ignore[arg-type]
        assert sorted((i.article_id, i.start, i.end) for i in found) == expected
        assert all(i.human_label is None for i in found)
