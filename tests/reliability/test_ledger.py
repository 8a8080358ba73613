"""The crash checker itself must be able to fail: feed it a lost, an invented and a changed write."""

from __future__ import annotations

import pytest

from tests.reliability._procs import Ledger, Row


def _ledger() -> Ledger:
    ledger = Ledger()
    for line in ["B add 1 0 5 factual ann:0", "A 7", "B add 1 2 9 opinion ann:1", "A 8", "B upd 7 opinion"]:
        ledger.feed(line, "ann")
    return ledger


SAVED = {7: Row(1, 0, 5, "factual", "ann", "ann:0"), 8: Row(1, 2, 9, "opinion", "ann", "ann:1")}


def test_exact_state_and_the_write_in_flight_both_pass() -> None:
    _ledger().check_and_settle(dict(SAVED), "ann")
    ledger = _ledger()
    ledger.check_and_settle({**SAVED, 7: Row(1, 0, 5, "opinion", "ann", "ann:0")}, "ann")
    assert ledger.expected[7].label == "opinion"


@pytest.mark.parametrize(
    "actual",
    [
        {8: SAVED[8]},  # an acknowledged claim lost
        {**SAVED, 9: Row(1, 0, 1, "factual", "ann", "ann:9")},  # a claim nobody wrote
        {**SAVED, 8: Row(1, 2, 9, "questionable", "ann", "ann:1")},  # a label nobody set
    ],
)
def test_losses_and_inventions_are_caught(actual: dict[int, Row]) -> None:
    with pytest.raises(AssertionError):
        _ledger().check_and_settle(actual, "ann")
