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


@given(
    st.lists(st.tuples(st.sampled_from(list(ArticleStatus)), st.booleans()), min_size=1, max_size=8),
    st.integers(0, 7),
)
def test_next_undone_of_those_shown_is_the_first_shown_one_after_this_one(
    rows: list[tuple[ArticleStatus, bool]], at: int
) -> None:
    listed = [Row(index + 10, status) for index, (status, _) in enumerate(rows)]
    shown = {row.id for row, (_, is_shown) in zip(listed, rows, strict=True) if is_shown}
    after = listed[at % len(listed)].id
    position = at % len(listed)
    round_from_here = listed[position + 1 :] + listed[: position + 1]
    expected = next((r.id for r in round_from_here if r.id in shown and r.status != ArticleStatus.DONE), None)
    assert next_undone(listed, after, lambda row: row.id in shown) == expected
