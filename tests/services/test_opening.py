"""The window's first project, opened on a thread while PySide6 loads (`services.opening`).

The thread runs the same `open_project` and article list as the window did: a genuine project
arrives usable from the window's thread, and a hostile one is refused with the same one line,
unchanged, leaving nothing behind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.errors import ProjectFileError
from annotator.services.opening import ProjectOpening
from tests.security.conftest import TEXT, make_project, snapshot
from tests.security.test_project_files import HOSTILE, _craft


def test_a_project_opened_on_a_thread_is_read_and_edited_from_this_one(tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.db", texts=(TEXT, TEXT + " More."))
    with open_project(path, create=False) as direct:
        expected = direct.articles()
    opening = ProjectOpening(path, create=False)
    project, summaries = opening.result()
    try:
        assert summaries == expected
        # A connection made on another thread refuses this one unless it was handed over.
        article = project.annotated(summaries[0].id)
        assert article.article.text == TEXT
        project.add_claim(summaries[1].id, 0, 12, "opinion", annotator="ana")
        assert [c.label.value for c in project.claims(summaries[1].id)] == ["factual", "opinion"]
    finally:
        project.close()
    opening.discard()  # taken: nothing left to close
    with pytest.raises(RuntimeError, match="already taken"):
        opening.result()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_refused_as_if_opened_here_and_left_unchanged(name: str, tmp_path: Path) -> None:
    path = make_project(tmp_path / "crafted.db")
    _craft(path, HOSTILE[name])
    before = snapshot(path)
    with pytest.raises(ProjectFileError) as direct:
        open_project(path, create=False)
    opening = ProjectOpening(path, create=False)
    with pytest.raises(ProjectFileError) as threaded:
        opening.result()
    assert str(threaded.value) == str(direct.value)
    assert snapshot(path) == before, "a refused file must keep every byte"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crafted.db"]


def test_an_opening_nobody_takes_is_closed(tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.db")
    opening = ProjectOpening(path, create=False)
    opening.discard()
    # Closed: this process holds no lock on it, so a new opening is not told it is shared.
    with open_project(path, create=False) as again:
        assert not again.opened_elsewhere


def test_a_missing_project_is_created_only_when_asked(tmp_path: Path) -> None:
    missing = tmp_path / "new.annotator.db"
    with pytest.raises(ProjectFileError, match="does not exist"):
        ProjectOpening(missing, create=False).result()
    assert not missing.exists()
    project, summaries = ProjectOpening(missing, create=True).result()
    project.close()
    assert summaries == [] and missing.is_file()
