"""A project file that leaves its path while open is saved again, whole, where it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from annotator.services.project import Project, open_project
from tests.other_process import claims_seen_by_another_process


def _labelled(path: Path) -> tuple[Project, int]:
    project = open_project(path)
    [article] = project.import_texts(["The minister said prices rose 5% in May."]).added
    project.add_claim(article, 0, 12, "factual", annotator="ana")
    return project, article


def test_a_deleted_project_is_saved_again_at_its_path(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    project, article = _labelled(path)
    path.unlink()  # the moved file's -wal and -shm stay under the old name
    project.add_claim(article, 13, 20, "opinion", annotator="ana")
    assert project.file_moved()
    assert project.save_where_it_was() == path
    assert claims_seen_by_another_process(path) == 2  # not the stale log replayed over it
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [path.name]


def test_a_path_another_file_took_is_never_written_over(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    project, _ = _labelled(path)
    path.rename(tmp_path / "elsewhere.annotator.db")
    path.write_text("someone else's file", encoding="utf-8")
    target = project.save_where_it_was()
    assert target != path and target.name.startswith("p (saved ") and target.parent == tmp_path
    assert path.read_text(encoding="utf-8") == "someone else's file"
    assert claims_seen_by_another_process(target) == 1


def test_a_long_named_project_is_saved_again_at_its_path_or_beside_it(tmp_path: Path) -> None:
    """A name as long as a project's may be (247 bytes, a title in Cyrillic): the copy made
    beside it (".<name>.saving-<pid>") or under a dated name was 'File name too long', and the
    window said the project was gone, with only Save a Copy As left."""
    name = "Заявления министров о бюджете " * 4
    while len(f"{name}.annotator.db".encode()) > 247:
        name = name[:-1]
    path = tmp_path / f"{name}.annotator.db"
    project, article = _labelled(path)
    path.unlink()
    project.add_claim(article, 13, 20, "opinion", annotator="ana")
    assert project.save_where_it_was() == path
    assert claims_seen_by_another_process(path) == 2

    project, _ = _labelled(tmp_path / "other" / path.name)
    moved = project.path
    moved.rename(tmp_path / "other" / "elsewhere.annotator.db")
    moved.write_text("someone else's file", encoding="utf-8")
    target = project.save_where_it_was()
    assert (
        target.parent == moved.parent and " (saved " in target.name and target.name.endswith(".annotator.db")
    )
    assert claims_seen_by_another_process(target) == 1


def test_an_older_copy_put_in_the_project_s_place_stays_as_it_was(tmp_path: Path) -> None:
    """An older copy restored by hand (`mv`, a file manager) over the open project: the moved
    file's write-ahead log stayed under the path's name, and whatever opened the restored copy
    next replayed the window's pages over it, a mix of two projects (claims of articles it
    does not have, or a damaged file)."""
    path = tmp_path / "p.annotator.db"
    project, article = _labelled(path)
    older = tmp_path / "older.annotator.db"
    project.save_copy(older)
    project.import_texts([f"Article {i}: the minister said prices rose {i}% in May. " * 30 for i in range(9)])
    for other in project.article_ids()[1:]:
        project.add_claim(other, 0, 7, "factual", annotator="ana")
    project.add_claim(article, 13, 20, "opinion", annotator="ana")
    older.replace(path)
    target = project.save_where_it_was()
    assert target != path and claims_seen_by_another_process(target) == 11
    assert claims_seen_by_another_process(path) == 1
    with open_project(path, create=False) as restored:
        assert restored.article_ids() == [article]
        assert [c.label for c in restored.claims(article)] == ["factual"]


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard links", "a disk without them"])
def test_a_second_copy_saved_in_the_same_minute_never_replaces_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    """Two windows of one project whose file another took the place of: both saved it under
    the same dated name, to the minute, and the second replaced the copy the first had said
    it saved and reopened, whose work from then on went to a file no longer in the folder."""
    path = tmp_path / "p.annotator.db"
    first, article = _labelled(path)
    second = open_project(path, create=False)
    path.rename(tmp_path / "elsewhere.annotator.db")
    path.write_text("someone else's file", encoding="utf-8")
    first.add_claim(article, 13, 20, "opinion", annotator="ana")
    if not hard_links:
        monkeypatch.setattr(os, "link", _no_hard_links)
    saved_first = first.save_where_it_was()
    with open_project(saved_first, create=False) as reopened:  # as the first window does
        saved_second = second.save_where_it_was()
        assert saved_second != saved_first and saved_second.parent == tmp_path
        assert saved_second.name.startswith("p (saved ") and saved_second.name.endswith(".annotator.db")
        assert claims_seen_by_another_process(saved_second) == 2
        reopened.add_claim(article, 21, 30, "opinion", annotator="ana")
        assert claims_seen_by_another_process(saved_first) == 3  # the first window's work is in the folder
    assert path.read_text(encoding="utf-8") == "someone else's file"


def _no_hard_links(source: object, target: object) -> None:
    raise OSError(errno.EPERM, "Operation not permitted")
