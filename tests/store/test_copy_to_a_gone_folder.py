"""A copy whose folder no longer exists is said to be that, not a read-only disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import ProjectFileError
from annotator.services.project import open_project


def test_a_copy_into_a_missing_folder_says_the_folder_is_gone(tmp_path: Path) -> None:
    with open_project(tmp_path / "p.annotator.db") as project, pytest.raises(ProjectFileError) as raised:
        project.save_copy(tmp_path / "Ordner ü" / "copy.annotator.db")
    said = str(raised.value)
    assert "Ordner ü no longer exists" in said
    assert "read-only" not in said
