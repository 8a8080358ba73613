"""The suggestion queue's candidate texts: cut in Python from each article's text read once,
the same code point slices SQLite's `substr` gave (which walked the text from its start for
every row, the square of an article's length)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator import open_project
from annotator.core.model import Analysis, ArticleDraft, ClaimCandidate, ClaimLabel, PipelineInfo
from annotator.core.suggestions import Suggestion
from annotator.services.project import Project, store_of
from annotator.store.suggestions import all_candidates, queue, replace_suggestions, save_model

TEXTS = [
    # Astral emoji, a family joined by ZWJ, a flag, mathematical letters: two UTF-16 units, four bytes.
    "😀 Emoji first. 👩\u200d👩\u200d👧 family, 🇫🇷 flag, 𝒳 and 𝔜 end here.",
    # CJK and Hangul: three UTF-8 bytes each.
    "中文句子。日本語の文です。한국어 문장입니다. Mixed 中 and ascii.",
    # Combining marks that no composition folds (q́, stacked marks), a right-to-left run.
    "q\u0301 a\u0308\u0304 z\u0351\u0352\u0357 done. "
    "\u05e9\u05dc\u05d5\u05dd \u200fעולם\u200f last \U0010fffd.",
    "plain ASCII sentence one. And two.",
]


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans that start and end everywhere, inside grapheme clusters and surrogate pairs' code points too."""
    for start in range(len(text)):
        for width in (1, 2, 3, 7, 19):
            if start + width <= len(text):
                yield start, start + width


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with open_project(tmp_path / "p.annotator.db") as proj:
        ids = proj.import_drafts(ArticleDraft(text=t, title=f"t{n}") for n, t in enumerate(TEXTS)).added
        store = store_of(proj)
        pipeline = PipelineInfo("hand-made", "1")
        store.save_analyses(
            (i, Analysis(pipeline, candidates=tuple(ClaimCandidate(s, e, 0.5) for s, e in _spans(t))))
            for i, t in zip(ids, TEXTS, strict=True)
        )
        # A person's claim and a suggestion on one candidate of each article: they ride beside the text.
        for i in ids:
            proj.add_claim(i, 2, 9, ClaimLabel.OPINION, annotator="ana")
        model = save_model(
            store,
            labels=["factual", "opinion"],
            architecture="hand-made",
            spacy_version="",
            config="{}",
            weights=b"",
            evaluation={},
        )
        replace_suggestions(
            store,
            model.id,
            [Suggestion(i, 0, 7, ClaimLabel.FACTUAL, 0.8, 0.2, model.id, {"factual": 0.8}) for i in ids],
        )
        yield proj


def _old_slices(project: Project) -> list[tuple[int, int, int, Any]]:
    """What the queue read before, with SQLite cutting the text."""
    return list(
        store_of(project).conn.execute(
            'SELECT c.article_id, c.start, c."end", substr(a.text, c.start + 1, c."end" - c.start)'
            " FROM candidates c JOIN articles a ON a.id = c.article_id"
            ' GROUP BY c.article_id, c.start, c."end" ORDER BY c.article_id, c.start, c."end"'
        )
    )


def test_the_queue_cuts_the_same_code_points_sqlite_did(project: Project) -> None:
    store = store_of(project)
    old = _old_slices(project)
    assert len(old) > 500
    assert [(i.article_id, i.start, i.end, i.text) for i in queue(store)] == old
    assert all_candidates(store) == old
    first = old[0][0]
    assert [(i.article_id, i.start, i.end, i.text) for i in queue(store, article_id=first)] == [
        row for row in old if row[0] == first
    ]
    assert all_candidates(store, [first]) == [row for row in old if row[0] == first]
    for article_id, start, end, text in old[::37]:
        (one,) = queue(store, article_id=article_id, span=(start, end))
        assert one.text == text
    # The suggestion and the person's label are still those of their rows.
    by_span = {(i.article_id, i.start, i.end): i for i in queue(store)}
    item = by_span[(first, 0, 7)]
    assert item.suggestion is not None and item.suggestion.label is ClaimLabel.FACTUAL
    assert item.human_label is ClaimLabel.OPINION  # overlaps the claim at 2..9
    unlabelled = queue(store, unlabelled_only=True, order="uncertainty")
    assert unlabelled and all(i.human_label is None for i in unlabelled)
    assert {(i.article_id, i.start, i.end, i.text) for i in unlabelled} <= set(old)


def test_each_article_text_is_read_once_not_once_per_candidate(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reads that name the articles' text: one per chunk of articles, none per candidate."""
    store = store_of(project)
    reads: list[str] = []
    original = type(store).query

    def spying(self: Any, tables: tuple[str, ...], sql: str, params: Any = ()) -> Any:
        reads.append(sql)
        return original(self, tables, sql, params)

    monkeypatch.setattr(type(store), "query", spying)
    items = queue(store)
    assert len(items) > 500
    assert not any("substr" in sql for sql in reads)
    assert sum("text" in sql.split("FROM")[0] for sql in reads) == 1


def test_a_candidate_outside_its_text_is_still_a_bad_row(project: Project) -> None:
    from annotator.core.errors import ProjectFileError

    store = store_of(project)
    store.conn.execute('UPDATE candidates SET "end" = 10000 WHERE id = (SELECT min(id) FROM candidates)')
    with pytest.raises(ProjectFileError, match="candidates row"):
        queue(store)
