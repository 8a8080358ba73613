"""The suggestion queue kept in columns gives back the rows it was given."""

from __future__ import annotations

import gc
import operator
from functools import partial

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import ClaimLabel
from annotator.core.suggestions import QueueItem, QueueRows, Suggestion

_labels = st.none() | st.sampled_from(list(ClaimLabel))


@st.composite
def _items(draw: st.DrawFn) -> list[QueueItem]:
    spans = draw(st.lists(st.tuples(st.integers(1, 4), st.integers(0, 50), st.integers(1, 9)), unique=True))
    items = []
    for article_id, start, length in spans:
        said = draw(_labels)
        suggestion = (
            None
            if said is None
            else Suggestion(
                article_id,
                start,
                start + length,
                said,
                draw(st.floats(0, 1)),
                draw(st.floats(0, 1)),
                draw(st.integers(1, 5)),
                {"factual": 0.5},
            )
        )
        items.append(
            QueueItem(
                article_id, start, start + length, draw(st.floats(0, 1)), suggestion, draw(_labels), "t"
            )
        )
    return items


@given(_items())
def test_every_row_comes_back_and_is_found_by_its_span(items: list[QueueItem]) -> None:
    rows = QueueRows.of(items)
    assert len(rows) == len(items)
    assert list(rows) == items
    assert list(rows.items(1)) == items[1:]
    for row, item in enumerate(items):
        assert rows.item(row) == item
        assert rows.find(item.article_id, item.start, item.end) == row
        assert rows.human_label(row) == item.human_label
        assert rows.suggested(row) == (
            (item.suggestion.label, item.suggestion.confidence) if item.suggestion is not None else None
        )
    assert rows.find(99, 0, 1) is None
    assert list(rows.suggestion_confidences()) == [i.suggestion.confidence for i in items if i.suggestion]


def test_the_rows_give_the_garbage_collector_nothing_to_walk() -> None:
    """184,000 QueueItems were walked by every full collection while the panel was open: the
    columns add a few objects for the collector, not one or more per row."""
    gc.collect()
    before = len(gc.get_objects())
    rows = QueueRows()
    for n in range(10_000):
        suggestion = Suggestion(1, n, n + 1, ClaimLabel.OPINION, 0.7, 0.3, 1, {"opinion": 0.7})
        rows.append(1, n, n + 1, 0.5, suggestion if n % 2 else None, ClaimLabel.FACTUAL, f"text {n}")
    rows.index()
    gc.collect()
    assert len(gc.get_objects()) - before < 100
    assert rows.item(9_999).suggestion is not None and rows.find(1, 5_000, 5_001) == 5_000


@given(_items(), st.data())
def test_orders_given_by_the_store_find_the_same_rows_right_or_wrong(
    items: list[QueueItem], data: st.DataObject
) -> None:
    """The places SQLite gives are put in place without a sort; places out of order (a file
    that orders otherwise) are caught and left to the sort: the answers stay the same. The
    confidences, sorted by bucket, count the hidden suggestions as one by one."""
    n = len(items)
    places = st.lists(st.integers(0, 3 * n + 1), min_size=n, max_size=n, unique=True)
    expected = QueueRows.of(items)
    by_key = sorted(range(n), key=expected.key)
    for text_places in ([by_key.index(row) * 2 + 1 for row in range(n)], data.draw(places)):
        rows = QueueRows.of(items)
        rows.index_by_places(text_places)
        for row, item in enumerate(items):
            assert rows.find(item.article_id, item.start, item.end) == row
        confidences = list(expected.suggestion_confidences())
        for threshold in (0.0, 0.5, 1.0, *confidences):
            below = partial(operator.gt, threshold)  # confidence < threshold
            assert rows.count_hidden(below) == sum(c < threshold for c in confidences)
