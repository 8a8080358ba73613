"""Is this file exactly one of our projects? Checks made before anything reads or writes it.

A project file may come from anyone (mail, a shared folder), and SQLite runs what a
file carries: triggers fire on our writes, views stand in for tables. So a file is
accepted only when its schema is exactly the one the app's own migrations build for
its `user_version` (tables, columns, indexes; no triggers, no views), compared with a
schema built at run time in an in-memory database, never with a hand-kept copy: a new
migration elsewhere needs no edit here.
"""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

from annotator.core.errors import ProjectFileError
from annotator.store.schema import MIGRATIONS, SCHEMA_VERSION

SchemaEntry = tuple[str, str, str, str | None]
"""(type, name, table, SQL with white space collapsed) of one `sqlite_master` row."""


def harden(conn: sqlite3.Connection) -> None:
    """Settings every connection to a file we did not make ourselves needs first.

    `trusted_schema=OFF` stops functions with side effects from running inside schema
    objects; the exact-schema check below then makes sure there are no such objects.
    """
    conn.execute("PRAGMA trusted_schema = OFF")


def _normalised(row: tuple[str, str, str, str | None]) -> SchemaEntry:
    kind, name, table, sql = row
    return kind, name, table, " ".join(sql.split()) if sql is not None else None


@cache
def expected_schema(version: int) -> frozenset[SchemaEntry]:
    """The schema the app's migrations build for `version`, made in an in-memory database."""
    conn = sqlite3.connect(":memory:")
    try:
        for step in range(1, version + 1):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
        return frozenset(
            _normalised(row) for row in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        )
    finally:
        conn.close()


def file_schema(conn: sqlite3.Connection) -> frozenset[SchemaEntry]:
    return frozenset(
        _normalised(row) for row in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    )


def check_schema(conn: sqlite3.Connection, path: Path) -> int:
    """Return the file's schema version, or raise `ProjectFileError` unless it is exactly ours."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not isinstance(version, int) or version < 0:
        raise ProjectFileError(path, f"is not an annotator project (schema version {version})")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            path,
            f"was made by a newer version of annotator (schema {version}, this version reads up to "
            f"{SCHEMA_VERSION}); please update annotator",
        )
    found = file_schema(conn)
    if version == 0:
        if found:
            raise ProjectFileError(path, "is an SQLite file but not an annotator project")
        return 0
    expected = expected_schema(version)
    if found != expected:
        raise ProjectFileError(path, f"is not an annotator project: {_difference(found, expected)}")
    return version


def _difference(found: frozenset[SchemaEntry], expected: frozenset[SchemaEntry]) -> str:
    """The first thing that differs, in words: a trigger, a view, a changed or missing table."""
    expected_names = {(e[0], e[1]): e for e in expected}
    for kind, name, _table, _sql in sorted(found - expected, key=lambda e: (e[0] != "trigger", e[1])):
        if kind in ("trigger", "view"):
            return f"it holds a {kind} ({name!r}), which the app never makes; it was refused unread"
        if (kind, name) in expected_names:
            return f"{kind} {name!r} is not the one the app makes; it was refused unread"
        return f"it holds a {kind} {name!r} the app never makes; it was refused unread"
    missing = sorted(e[1] for e in expected - found)
    return f"{', '.join(missing)} missing; the file is damaged or was not made by annotator"


def check_indexes(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose indexes disagree with their tables.

    `quick_check` reads every page but not whether an index holds exactly its table's
    rows, and a stale index hides rows from every query that uses it (claims vanish).
    Counting each index against its table costs a fraction of `integrity_check`.
    """
    tables: dict[str, int] = {}
    for name, table in conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"):
        if table not in tables:
            tables[table] = conn.execute(f'SELECT count(*) FROM "{table}" NOT INDEXED').fetchone()[0]
        entries = conn.execute(f'SELECT count(*) FROM "{table}" INDEXED BY "{name}"').fetchone()[0]
        if entries != tables[table]:
            raise ProjectFileError(
                path,
                f"is damaged (index {name} holds {entries} rows, table {table} {tables[table]}); "
                "restore it from a backup",
            )
