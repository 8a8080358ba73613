"""A column's limit counts characters, whatever the bytes: the size checks compare a value's
bytes first and count its characters only past the limit (`checks._longer_than`), so a value
of many-byte characters within the limit must pass, and one character more must not, in
either of the encodings SQLite may store a file's text in."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.store import checks

LIMIT = 10


@pytest.fixture
def limited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "MAX_FIELD_CHARS", LIMIT)


def _table(encoding: str, value: object) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"PRAGMA encoding = '{encoding}'")
    conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body)")
    conn.execute("INSERT INTO notes(body) VALUES ('short')")
    conn.execute("INSERT INTO notes(body) VALUES (?)", (value,))
    return conn


WITHIN = {
    "two-byte letters": "é" * LIMIT,
    "four-byte letters": "😀" * LIMIT,
    "plain letters": "a" * LIMIT,
    "bytes": b"\x00" * LIMIT,
    "a long number": 10**9,  # ten digits
}
OVER = {
    "two-byte letters": "é" * (LIMIT + 1),
    "four-byte letters": "😀" * (LIMIT + 1),
    "plain letters": "a" * (LIMIT + 1),
    "bytes": b"\x00" * (LIMIT + 1),
    "a long number": 10**10,  # eleven
}


@pytest.mark.usefixtures("limited")
@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16le"])
@pytest.mark.parametrize("case", sorted(WITHIN))
def test_a_value_of_as_many_characters_as_the_limit_passes(encoding: str, case: str) -> None:
    with _table(encoding, WITHIN[case]) as conn:
        assert checks.oversized(conn, "notes", ["id", "body"]) is None


@pytest.mark.usefixtures("limited")
@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16le"])
@pytest.mark.parametrize("case", sorted(OVER))
def test_one_character_more_is_found_and_its_row_named(encoding: str, case: str) -> None:
    with _table(encoding, OVER[case]) as conn:
        assert checks.oversized(conn, "notes", ["id", "body"]) == (
            2,
            f"body is longer than the limit of {LIMIT} characters",
        )
