"""Project files as an earlier release left them, for the tests of opening and migrating them."""

from __future__ import annotations

import sqlite3

from annotator.store.schema import MIGRATIONS


def schema_at(conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """Give an empty file the tables of schema `version`, as that release's migrations made them."""
    for step in range(1, version + 1):
        for statement in MIGRATIONS[step]:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    return conn
