"""Which steps of a history go with one whose undo or redo was refused for its row
(`core.commands.dependent_steps`): the steps on the same rows in the direction it was
replayed, and the rows those name in turn; never a step on other rows.

The store tests show why: a later step on the same claim, replayed alone, can pass its own
check by chance and write over another person's label."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.commands import (
    AddClaim,
    Command,
    DecideGold,
    DeleteClaim,
    RemoveQuote,
    Row,
    SetArticleStatus,
    SetEntityStatus,
    UpdateClaim,
    dependent_steps,
)
from annotator.core.errors import ChangedMeanwhile, NotFoundError
from annotator.core.model import ArticleStatus, Claim, ClaimLabel, EntityStatus
from annotator.services.project import Project

TEXTS = ["Prices rose five percent in May, the minister said.", "Rain fell all week in the north."]

CLAIM = frozenset({("claim", 1)})
OTHER = frozenset({("claim", 2)})
STATUS = frozenset({("status", 1)})


def _rows(*steps: frozenset[Row] | None) -> list[frozenset[Row] | None]:
    return list(steps)


def test_a_redo_takes_every_later_step_on_its_row_and_none_before() -> None:
    history = _rows(CLAIM, CLAIM, OTHER, CLAIM, CLAIM)
    assert dependent_steps(history, 1, undo=False) == [3, 4]


def test_an_undo_takes_every_earlier_step_on_its_row_and_none_after() -> None:
    history = _rows(CLAIM, OTHER, CLAIM, CLAIM)
    assert dependent_steps(history, 2, undo=True) == [0]


def test_the_rows_of_a_dependent_step_join_in() -> None:
    """A first claim also starts its article (one step on both rows): a later step on the
    article's status depends on it through that step, though it names no claim."""
    history = _rows(CLAIM, CLAIM | STATUS, OTHER, STATUS, OTHER)
    assert dependent_steps(history, 0, undo=False) == [1, 3]


def test_a_step_on_other_rows_alone_leaves_the_rest() -> None:
    assert dependent_steps(_rows(OTHER, CLAIM, OTHER), 1, undo=False) == []
    assert dependent_steps(_rows(OTHER, CLAIM, OTHER), 1, undo=True) == []


def test_rows_not_known_leave_nothing_to_drop_alone() -> None:
    """A step that cannot say its rows may depend on any step: the history goes as a whole."""
    assert dependent_steps(_rows(None, CLAIM), 1, undo=False) == []  # before it: not in the way
    assert dependent_steps(_rows(CLAIM, None), 0, undo=False) is None
    assert dependent_steps(_rows(CLAIM, None), 1, undo=False) is None
    assert dependent_steps(_rows(None, CLAIM), 1, undo=True) is None


def test_a_command_without_rows_cannot_be_dropped_alone() -> None:
    class Unknown(Command):
        def apply(self, target: object) -> object:  # type: ignore[override]
            raise NotImplementedError

        def revert(self, target: object) -> object:  # type: ignore[override]
            raise NotImplementedError

    assert Unknown().rows() is None


@pytest.fixture
def two_windows(tmp_path: Path) -> Iterator[tuple[Project, Project]]:
    path = tmp_path / "p.annotator.db"
    with open_project(path) as mine:
        mine.import_texts(TEXTS)
        with open_project(path, create=False) as theirs:
            yield mine, theirs


def _add(project: Project, article_id: int, start: int, end: int) -> AddClaim:
    add = AddClaim(Claim(article_id, start, end, ClaimLabel.FACTUAL, annotator="tester"))
    project.execute(add)
    return add


def test_each_claim_command_names_its_claim_by_its_id(two_windows: tuple[Project, Project]) -> None:
    mine, _ = two_windows
    add = _add(mine, 1, 0, 6)
    assert add.created is not None and add.created.id is not None
    claim_id = add.created.id
    relabel = UpdateClaim(claim_id, label=ClaimLabel.OPINION, seen=add.created)
    delete = DeleteClaim(claim_id, seen=add.created)
    assert add.rows() == relabel.rows() == delete.rows() == frozenset({("claim", claim_id)})
    assert SetArticleStatus(1, ArticleStatus.DONE).rows() == frozenset({("status", 1)})
    assert DecideGold(1, (0, 6), ClaimLabel.FACTUAL, replaces=(0, 9)).rows() == frozenset(
        {("gold", 1, 0, 6), ("gold", 1, 0, 9)}
    )
    assert SetEntityStatus(7, EntityStatus.ACCEPTED).rows() == frozenset({("entity", 7)})
    assert RemoveQuote(3).rows() == frozenset({("quotation", 3)})


def test_a_later_step_on_the_claim_would_pass_its_check_by_chance(
    two_windows: tuple[Project, Project],
) -> None:
    """Factual, opinion, questionable, Ctrl+Z twice; another window makes it opinion. The
    first relabel's redo is refused; the second's alone finds opinion, as it expects, and
    writes questionable over the other person's label. So it goes with the first."""
    mine, theirs = two_windows
    add = _add(mine, 1, 0, 6)
    assert add.created is not None and add.created.id is not None
    claim_id = add.created.id
    first = UpdateClaim(claim_id, label=ClaimLabel.OPINION, seen=add.created)
    mine.execute(first)
    second = UpdateClaim(claim_id, label=ClaimLabel.QUESTIONABLE, seen=mine.get_claim(claim_id))
    mine.execute(second)
    elsewhere = _add(mine, 2, 0, 4)  # a step on another claim, after
    mine.revert(elsewhere)
    mine.revert(second)
    mine.revert(first)
    theirs.update_claim(claim_id, label="opinion")

    with pytest.raises(ChangedMeanwhile):
        mine.execute(first)
    history = [add, first, second, elsewhere]
    assert dependent_steps([step.rows() for step in history], 1, undo=False) == [2]
    # What dropping the first alone would do: the second passes its check and overwrites.
    mine.execute(second)
    assert mine.get_claim(claim_id).label is ClaimLabel.QUESTIONABLE
    # The step on the other claim is independent and applies as it is.
    mine.execute(elsewhere)


def test_an_undo_refused_for_a_deleted_claim_takes_its_chain_and_leaves_the_other_claim(
    two_windows: tuple[Project, Project],
) -> None:
    """Add, relabel and note one claim, then add another; the first is deleted elsewhere. The
    note's undo is refused, and the add and relabel before it, which name that claim, go with
    it; the other claim's step stays, and its undo still applies."""
    mine, theirs = two_windows
    add = _add(mine, 1, 0, 6)
    assert add.created is not None and add.created.id is not None
    claim_id = add.created.id
    relabel = UpdateClaim(claim_id, label=ClaimLabel.OPINION, seen=add.created)
    mine.execute(relabel)
    note = UpdateClaim(claim_id, note="source?", seen=mine.get_claim(claim_id))
    mine.execute(note)
    other = _add(mine, 2, 0, 4)
    mine.revert(other)
    theirs.delete_claim(claim_id)

    with pytest.raises(NotFoundError) as refused:
        mine.revert(note)
    assert refused.value.row == "The claim"
    history = [add, relabel, note, other]
    assert dependent_steps([step.rows() for step in history], 2, undo=True) == [0, 1]
    mine.execute(other)  # its redo checks its own claim only
    assert [c.article_id for c in mine.claims()] == [2]
