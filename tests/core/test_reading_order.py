"""The article a project opens on: one rule for the window, the close record and the first paint."""

from __future__ import annotations

from typing import NamedTuple

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import ArticleStatus
from annotator.core.reading_order import first_to_open, next_undone


class Row(NamedTuple):
    id: int
    status: str


@given(st.lists(st.sampled_from(list(ArticleStatus)), max_size=8))
def test_a_project_opens_on_its_first_article_not_done_else_its_first(statuses: list[ArticleStatus]) -> None:
    listed = [Row(index + 10, status) for index, status in enumerate(statuses)]
    undone = [row.id for row in listed if row.status != ArticleStatus.DONE]
    expected = undone[0] if undone else (listed[0].id if listed else None)
    assert first_to_open(listed) == expected
    # The plain values a first paint reads from the file choose the same article.
    assert first_to_open([Row(row.id, str(row.status.value)) for row in listed]) == expected
    assert next_undone(listed, None) == (undone[0] if undone else None)
