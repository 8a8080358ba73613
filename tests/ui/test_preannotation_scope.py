"""Two pre-annotations asked for one project become one run, the wider of the two (`PreannotationScope`)."""

from __future__ import annotations

from collections.abc import Callable

from annotator.ui.transfers import PreannotationScope

ALL = PreannotationScope(everything=True)
OPENED = PreannotationScope(opened=True)


def _articles(*ids: int) -> PreannotationScope:
    return PreannotationScope(article_ids=frozenset(ids))


def _never_analysed(*ids: int) -> Callable[[], set[int]]:
    return lambda: set(ids)


def test_pre_annotate_all_covers_the_opening_s_run_and_an_import_s_not_the_reverse() -> None:
    never = _never_analysed(3, 4)
    assert ALL.covers(OPENED, started=True, never_analysed=never)
    assert ALL.covers(_articles(3), started=False, never_analysed=never)
    assert not OPENED.covers(ALL, started=False, never_analysed=never)
    assert not _articles(3).covers(ALL, started=False, never_analysed=never)
    assert OPENED.joined(ALL, never_analysed=never) == ALL
    assert _articles(3).joined(ALL, never_analysed=never) == ALL


def test_a_started_run_does_not_cover_articles_asked_for_after_its_list_was_read() -> None:
    never = _never_analysed(3, 4)
    assert not ALL.covers(_articles(3), started=True, never_analysed=never)
    assert not OPENED.covers(_articles(3), started=True, never_analysed=never)
    assert not _articles(3, 4).covers(_articles(3), started=True, never_analysed=never)
    assert _articles(3, 4).covers(_articles(3), started=False, never_analysed=never)


def test_the_opening_s_run_covers_an_import_s_articles_only_when_they_were_never_analysed() -> None:
    assert OPENED.covers(_articles(3, 4), started=False, never_analysed=_never_analysed(3, 4, 5))
    assert not OPENED.covers(_articles(3, 9), started=False, never_analysed=_never_analysed(3, 4))
    assert OPENED.joined(_articles(3), never_analysed=_never_analysed(3)) == OPENED
    # An article analysed by another pipeline: the opening's run would leave it, Pre-annotate All does it.
    assert OPENED.joined(_articles(9), never_analysed=_never_analysed(3)) == ALL


def test_two_imports_articles_join() -> None:
    joined = _articles(1, 2).joined(_articles(2, 3), never_analysed=_never_analysed())
    assert joined == _articles(1, 2, 3)
