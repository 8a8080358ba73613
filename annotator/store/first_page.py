"""The article a project opens on, read for its first paint from a file that passed the checks.

A project opened for the first time (no record of a clean close matches it,
`services.last_closed`) still paints its article before the rest of the program loads
(`services.first_open`, `ui.quick_start`). No byte of a row is read before the checks the
full open makes before it reads a row, with the same functions (`store.checks`): a regular
file with SQLite's header, a read-only connection with `trusted_schema=OFF`, the app's exact
schema (no trigger, no view), `quick_check` and every index against its table, all in one
read transaction. Then two reads: the ids and statuses in list order, as far as the article the
window picks (`core.reading_order`), and that article's title and text, only if both are
text and the text within the limit. The full open then runs every check again, and every
row rule (`store.rows`) on what it reads.

This quick read steps aside (None) rather than decide anything the full open decides: a file
that is missing, empty, refused by a check, of an older schema (the open migrates it), held by
another instance (its lock file), being written (a write-ahead log with content), read-only or
in a read-only folder, or with no article; the checked start then opens it as before and says
what it says. Only `store.checks` (sqlite3, `core.errors`, `store.schema`, `store.lock`) loads.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from annotator.core.errors import AnnotatorError
from annotator.core.limits import MAX_FIELD_CHARS
from annotator.core.reading_order import first_to_open
from annotator.store.checks import (
    SQLITE_MAGIC,
    check_structure,
    read_header,
    read_only_connection,
    read_snapshot,
)
from annotator.store.lock import InstanceLock
from annotator.store.schema import SCHEMA_VERSION

LIST_ORDER = "ORDER BY id"
"""The article list's order (`ProjectStore.articles`), in which the first article to open is chosen."""


class FirstPage(NamedTuple):
    """What the first paint of a project shows of it."""

    article_id: int
    title: str
    text: str
    kept: bool = False
    """Whether it is the article of the kept place, its text's hash matching (`first_page`'s `kept`)."""


class _Listed(NamedTuple):
    id: int
    status: str


def first_page(
    path: Path,
    *,
    max_chars: int,
    meanwhile: Callable[[], object] | None = None,
    left: tuple[int, str] | None = None,
    kept: tuple[int, str, int] | None = None,
) -> FirstPage | None:
    """The article `path` opens on, read after the open's own checks; None to leave it to the open.

    `meanwhile` runs while `quick_check` reads the file (`checks.check_structure`), if it gets
    that far; the caller checks whether it ran. `left` is the article open at the last clean
    close and its text then (`services.last_closed.left_at`): the window opens on it if it still
    holds that text (`MainWindow.open_project`), and so does the first paint, or the window
    would jump to another article right after it. `kept`, tried when `left` does not hold, is
    the article of the place kept for this project, its text's hash and how far into the text the
    place reaches (`last_closed.kept_place`), used the same way; when that article is too long
    to paint, None (the window opens on it).
    """
    if not _may_read_first(path):
        return None
    try:
        if read_header(path) != SQLITE_MAGIC:
            return None  # empty (a new project) or not SQLite: the open decides and says
        with read_only_connection(path) as conn, read_snapshot(conn):
            if check_structure(conn, path, meanwhile=meanwhile) != SCHEMA_VERSION:
                return None  # an older project: the open migrates it first
            # Its sizes are checked by the open that follows; meanwhile no value larger than
            # a page or a title may be (a crafted 300 MB title): SQLite refuses it unread.
            conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 4 * max(max_chars, MAX_FIELD_CHARS))
            if left is not None:
                same = conn.execute(
                    "SELECT title, text FROM articles WHERE id = ?"
                    " AND typeof(title) = 'text' AND typeof(text) = 'text' AND text = ?",
                    left,
                ).fetchone()
                if same is not None:
                    return FirstPage(left[0], same[0], same[1])
            if kept is not None:
                found = conn.execute(
                    "SELECT title, text, length(text) <= ? FROM articles WHERE id = ?"
                    " AND typeof(title) = 'text' AND typeof(text) = 'text'",
                    (max_chars, kept[0]),
                ).fetchone()
                if found is not None and len(found[1]) >= kept[2] and _text_hash(found[1]) == kept[1]:
                    # Too long to paint first: no first paint, rather than another article
                    # the window would then leave for this one.
                    return FirstPage(kept[0], found[0], found[1], kept=True) if found[2] else None
            # Read only as far as the article chosen (the statuses sit after the texts in a row).
            rows = conn.execute(f"SELECT id, status FROM articles {LIST_ORDER}")
            try:
                article_id = first_to_open(_Listed(*row) for row in rows)
            finally:
                rows.close()
            if article_id is None:
                return None
            row = conn.execute(
                "SELECT title, text FROM articles WHERE id = ?"
                " AND typeof(title) = 'text' AND typeof(text) = 'text' AND length(text) <= ?",
                (article_id, max_chars),
            ).fetchone()
    except (AnnotatorError, sqlite3.Error, OSError, ValueError):
        return None
    if row is None:
        return None
    return FirstPage(article_id, row[0], row[1])


def _text_hash(text: str) -> str:
    """`core.text.content_hash` of a stored (normalised) text, computed: the file's own column
    is not trusted before the open's row rules, and may be stale after an edit by hand."""
    import hashlib  # only for a project with a kept place

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _may_read_first(path: Path) -> bool:
    """Whether nothing but the checks can stop the open: no other instance, no pending log, writable."""
    if InstanceLock(path).path.exists():
        return False  # another window has it open (or left its lock): the open says so
    try:
        if os.stat(f"{path}-wal").st_size > 0:
            return False  # changes not yet in the file: being written right now
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        return False
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
