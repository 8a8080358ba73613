"""Which article to open: the rule the window, the record of a clean close and the checked
first paint of a project share.

Standard library only, and no `core.model`: the first paint of a project opened for the first
time (`store.first_page`) picks its article with this module before the domain model loads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Protocol, TypeVar

DONE = "done"
"""`ArticleStatus.DONE`'s value (`core.model` defines the status from it)."""


class Listed(Protocol):
    """An article as the list holds it: an `ArticleSummary`, or its id and status alone."""

    @property
    def id(self) -> int: ...

    @property
    def status(self) -> str: ...


_L = TypeVar("_L", bound=Listed)


def next_undone(
    listed: Sequence[_L], after: int | None, shown: Callable[[_L], bool] | None = None
) -> int | None:
    """The first article after `after` (wrapping round) that is not done, in list order.

    `shown`: whether the list's search and filters show an article, when they hide some. D went
    on to the next article of the whole project and cleared them: a person working through
    their search's articles, or those still new, lost it at the first D.
    """
    ids = [item.id for item in listed]
    start = ids.index(after) if after in ids else -1
    following = chain(listed[start + 1 :], listed[: start + 1])
    return _first_not_done(following if shown is None else (item for item in following if shown(item)))


def first_to_open(listed: Iterable[Listed]) -> int | None:
    """The article a project opens on: the first not done in list order, else the first; None if empty.

    Reads `listed` only as far as that article: the first paint passes a database cursor.
    """
    items = iter(listed)
    head = next(items, None)
    if head is None:
        return None
    found = _first_not_done(chain((head,), items))
    return head.id if found is None else found


def _first_not_done(listed: Iterable[Listed]) -> int | None:
    return next((item.id for item in listed if item.status != DONE), None)
