"""The first paint of a project no record of a clean close matches: its article, read after the
open's own checks, on the page the window had at its last close.

`services.last_closed` lets the common start, reopening the project closed last, paint from a
record without reading the file. A start on any other project (never opened here, closed in
another window, changed since) takes this way: the window's part of the last close gives the
page's settings and sizes, and `store.first_page` reads the article the open will show, once
the file has passed the checks the open makes before it reads a row. Anything that is not
plainly fine (no window record, a changed settings file, a file the checks refuse or that
another window holds, an older schema, no article) returns None: the checked start runs as
before, and says what it says about the file.

Light on purpose (`last_closed`, `store.first_page` and what they import): it runs before
PySide6 loads, and `tests/ui/test_quick_start.py` lists what this first paint may import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from annotator.services.last_closed import (
    MAX_TEXT_CHARS,
    Place,
    Reopened,
    closed_last,
    first_opening,
    kept_place,
    left_at,
    place_fits,
)


def first_open(args: Sequence[str], *, meanwhile: Callable[[], object] | None = None) -> Reopened | None:
    """What to paint first for a window start with these arguments, read from the checked file.

    `meanwhile` (loading the window's modules) runs while SQLite checks every page of the file,
    if the start gets that far (`store.first_page`). The article open at the last clean close of
    this project is painted where it was left, if it still holds the same text (`left_at`).
    """
    found = first_opening(args)
    if found is None:
        return None
    target, window = found
    from annotator.store.first_page import first_page

    left = left_at(target)
    # The place kept for this project (a project closed before the last one), as the window
    # tries it next (`MainWindow._resume`): painted elsewhere, the window would jump to it.
    other = None if closed_last(target) else kept_place(target)
    page = first_page(
        target,
        max_chars=MAX_TEXT_CHARS,
        meanwhile=meanwhile,
        left=None if left is None else (left.article_id, left.text),
        kept=None if other is None else (other.article_id, other.content_hash, _reach(other.place)),
    )
    if page is None:
        return None
    place: Place | None = None
    if left is not None and (page.article_id, page.text) == (left.article_id, left.text):
        place = left.place
    elif other is not None and page.kept:
        if not place_fits(other.place, len(page.text)):
            return None  # not met: `first_page` read the article only if the place fits its text
        place = other.place
    try:
        project = target.resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return window.page(project, page.article_id, page.title, page.text, place)


def _reach(place: Place) -> int:
    """How long a text must be for the place to lie within it (`last_closed.place_fits`)."""
    return max(place.caret, place.top, 0 if place.selection is None else place.selection[1])
