"""The row checks keep the values that passed, so repeated ones are checked once: a value
that did not pass, or a span that does not fit, is still refused after good rows."""

from __future__ import annotations

import pytest

from annotator.core.validate import InvalidValue
from annotator.store import rows


def test_an_entity_row_is_refused_after_good_rows_with_the_same_values() -> None:
    good = {"label": "PERSON", "status": "suggested", "model": "m"}
    for start in range(3):
        rows.check_entity(start=start, end=start + 2, length=10, **good)
    with pytest.raises(InvalidValue, match="outside the text"):
        rows.check_entity(start=9, end=12, length=10, **good)
    with pytest.raises(InvalidValue, match="entity status"):
        rows.check_entity(start=0, end=2, length=10, **{**good, "status": "maybe"})
    with pytest.raises(InvalidValue, match="entity label"):
        rows.check_entity(start=0, end=2, length=10, **{**good, "label": "   "})
    with pytest.raises(InvalidValue, match="model"):
        rows.check_entity(start=0, end=2, length=10, **{**good, "model": b"m"})


def test_a_candidate_row_is_refused_after_good_rows_with_the_same_reasons() -> None:
    good = {"score": 0.5, "reasons": '["number"]', "model": "m"}
    assert rows.check_candidate(start=0, end=2, length=10, **good) == ("number",)
    assert rows.check_candidate(start=1, end=3, length=10, **good) == ("number",)
    with pytest.raises(InvalidValue, match="outside the text"):
        rows.check_candidate(start=0, end=20, length=10, **good)
    with pytest.raises(InvalidValue, match="score"):
        rows.check_candidate(start=0, end=2, length=10, **{**good, "score": "high"})
    with pytest.raises(InvalidValue, match="reasons"):
        rows.check_candidate(start=0, end=2, length=10, **{**good, "reasons": "[1]"})
    with pytest.raises(InvalidValue, match="model"):
        rows.check_candidate(start=0, end=2, length=10, **{**good, "model": None})


def test_a_cached_analysis_with_a_bad_label_among_good_ones_is_refused() -> None:
    payload = '{"entities": [[0, 2, "ORG"], [3, 5, "ORG"], [6, 8, ""]], "quotes": [], "candidates": []}'
    with pytest.raises(InvalidValue, match="entity label"):
        rows.check_cached_analysis(pipeline_name="p", pipeline_version="1", payload=payload, length=10)
    payload = '{"entities": [[0, 2, "ORG"], [3, 5, ["ORG"]]], "quotes": [], "candidates": []}'
    with pytest.raises(InvalidValue, match="entity label must be text"):
        rows.check_cached_analysis(pipeline_name="p", pipeline_version="1", payload=payload, length=10)
