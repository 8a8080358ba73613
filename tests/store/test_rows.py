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


@pytest.mark.parametrize(
    ("part", "bad", "length", "reason"),
    [
        ("entities", '[true, 2, "ORG"]', 10, "entities start must be an integer"),
        ("entities", '[1.0, 2, "ORG"]', 10, "entities start must be an integer"),
        ("entities", '[4, 11, "ORG"]', 10, "outside the text"),
        ("entities", '[0, 2, "ORG"]', None, "belongs to an article the project does not hold"),
        ("candidates", "[5, 5, 0.5, []]", 10, "outside the text"),
        ("candidates", "[0, 2, true, []]", 10, "score must be a finite number"),
        ("candidates", '[0, 2, "0.5", []]', 10, "score must be a finite number"),
        ("sentences", '[0, "2"]', 10, "sentences end must be an integer"),
        ("sentences", "[-1, 2]", 10, "outside the text"),
    ],
)
def test_a_cached_analysis_with_a_bad_span_or_score_among_good_ones_is_refused(
    part: str, bad: str, length: int | None, reason: str
) -> None:
    """Spans that plainly fit are passed without a call each; the others are still refused."""
    good = {"entities": '[0, 2, "ORG"]', "candidates": "[0, 2, 0.5, []]", "sentences": "[0, 2]"}
    parts = {key: f"[{value}, {value}]" for key, value in good.items()}
    parts[part] = f"[{good[part]}, {bad}, {good[part]}]"
    payload = (
        f'{{"entities": {parts["entities"]}, "quotes": [], "candidates": {parts["candidates"]},'
        f' "sentences": {parts["sentences"]}}}'
    )
    with pytest.raises(InvalidValue, match=reason):
        rows.check_cached_analysis(pipeline_name="p", pipeline_version="1", payload=payload, length=length)
    if length is not None:
        payload_ok = payload.replace(bad, good[part])
        rows.check_cached_analysis(pipeline_name="p", pipeline_version="1", payload=payload_ok, length=length)
