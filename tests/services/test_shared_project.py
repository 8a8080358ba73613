"""One project open in two places: a window's undo and redo never touch another's labels.

Claim ids are SQLite row ids, which are handed out again once the highest is deleted: after
an undo in one window, the next label made in another window (or by a script) takes the same
number. The second "window" here is another process, as on a team laptop.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.commands import NOTE, AddClaim, AddEntity, AddQuote, DeleteClaim, UpdateClaim
from annotator.core.errors import ChangedMeanwhile, NotFoundError
from annotator.core.model import Claim, ClaimLabel, Entity, Quote
from annotator.services.project import Project, open_project
from tests.other_process import (
    add_entity_in_another_process,
    delete_in_another_process,
    label_in_another_process,
)

FIRST = "Alpha said the sky is blue. Beta thinks it is green. Gamma is here."
SECOND = "Second article is here. It has words."


@pytest.fixture
def window(tmp_path: Path) -> Iterator[Project]:
    project = open_project(tmp_path / "p.db")
    project.import_texts([FIRST, SECOND])
    yield project
    project.close()


def _bob_labels(project: Project) -> int:
    """Bob, in another window, labels the second article's first sentence; the claim's id."""
    return label_in_another_process(project.path, 1, (0, 23), "opinion", "bob")


def _bobs(project: Project) -> list[Claim]:
    return project.claims(annotator="bob")


def _label(project: Project, start: int, end: int) -> AddClaim:
    add = AddClaim(Claim(project.article_ids()[0], start, end, ClaimLabel.FACTUAL, "alice"))
    project.execute(add)
    return add


def test_undo_of_a_label_leaves_the_claim_that_took_its_number(window: Project) -> None:
    add = _label(window, 0, 27)
    assert add.created is not None
    delete_in_another_process(window.path, add.created.id)  # seen and deleted there
    assert _bob_labels(window) == add.created.id  # the number is free again
    with pytest.raises(NotFoundError):
        window.revert(add)  # Ctrl+Z here
    assert [c.annotator for c in _bobs(window)] == ["bob"]


def test_redo_of_a_label_whose_number_was_taken_saves_it_beside(window: Project) -> None:
    add = _label(window, 0, 27)
    window.revert(add)
    bobs = _bob_labels(window)
    window.execute(add)  # Ctrl+Y here
    assert add.created is not None and add.created.id != bobs
    assert sorted((c.annotator, c.label) for c in window.claims()) == [
        ("alice", ClaimLabel.FACTUAL),
        ("bob", ClaimLabel.OPINION),
    ]
    window.revert(add)  # and its undo takes back only this window's label
    assert [c.annotator for c in window.claims()] == ["bob"]


def test_undo_of_a_delete_whose_number_was_taken_brings_the_claim_back(window: Project) -> None:
    add = _label(window, 0, 27)
    assert add.created is not None
    delete = DeleteClaim(add.created.id)
    window.execute(delete)
    _bob_labels(window)
    window.revert(delete)
    assert sorted(c.annotator for c in window.claims()) == ["alice", "bob"]
    window.execute(delete)  # redo deletes this window's claim again, not the other one
    assert [c.annotator for c in window.claims()] == ["bob"]


def test_undo_of_a_relabel_never_writes_into_another_article(window: Project) -> None:
    add = _label(window, 53, 67)
    assert add.created is not None
    relabel = UpdateClaim(add.created.id, label=ClaimLabel.OPINION)
    window.execute(relabel)
    delete_in_another_process(window.path, add.created.id)
    _bob_labels(window)
    with pytest.raises(NotFoundError):
        window.revert(relabel)
    [bob] = window.claims()  # every row still reads (a span past its text would refuse)
    assert (bob.annotator, bob.start, bob.end, bob.label) == ("bob", 0, 23, ClaimLabel.OPINION)


def test_a_note_is_written_only_over_the_note_the_window_showed(window: Project) -> None:
    """A note saved in another window while this one's note dialog was open was replaced by
    this one's Save, unseen; a relabel, which leaves the note alone, still goes through."""
    add = _label(window, 0, 27)
    assert add.created is not None
    shown = add.created
    with open_project(window.path) as other:
        other.update_claim(shown.id, note="Check the date.")
    with pytest.raises(ChangedMeanwhile) as refused:
        window.execute(UpdateClaim(shown.id, note="Needs a source.", seen=shown))
    assert refused.value.row == NOTE
    assert [c.note for c in window.claims()] == ["Check the date."]
    window.execute(UpdateClaim(shown.id, label=ClaimLabel.OPINION, seen=shown))
    now = window.get_claim(shown.id)
    window.execute(UpdateClaim(shown.id, note="Needs a source.", seen=now))  # Save again, as read
    assert [(c.label, c.note) for c in window.claims()] == [(ClaimLabel.OPINION, "Needs a source.")]


def test_redo_and_undo_of_an_added_entity_leave_the_one_another_window_added(window: Project) -> None:
    first, second = window.article_ids()
    add = AddEntity(first, Entity(0, 5, "PERSON"))
    window.execute(add)
    window.revert(add)
    theirs = add_entity_in_another_process(window.path, 1, (0, 6), "ORG")
    window.execute(add)  # redo: the id it had is the other window's entity now
    window.revert(add)
    assert window.entities(first) == []
    assert [(e.id, e.label) for e in window.entities(second)] == [(theirs, "ORG")]


def test_redo_and_undo_of_an_added_quotation_leave_the_one_another_window_added(window: Project) -> None:
    first, second = window.article_ids()
    add = AddQuote(first, Quote(28, 52))
    window.execute(add)
    window.revert(add)
    with open_project(window.path, create=False) as other:  # its own connection, as another window
        theirs = AddQuote(second, Quote(0, 23))
        other.execute(theirs)
    window.execute(add)
    window.revert(add)
    assert window.quotes(first) == []
    assert [(q.start, q.end) for q in window.quotes(second)] == [(0, 23)]
