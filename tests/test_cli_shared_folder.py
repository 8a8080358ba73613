"""A command that changes a project in a synced folder says what that risks, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main

WIKINEWS = sorted((Path(__file__).parent / "data" / "wikinews").glob("*.txt"))


def test_an_import_into_a_synced_folder_warns_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "OneDrive - Contoso" / "team.db"
    project.parent.mkdir()
    assert main(["import", str(project), str(WIKINEWS[0]), "--no-nlp"]) == 0
    _, err = capsys.readouterr()
    warnings = [line for line in err.splitlines() if "synced folder" in line]
    assert warnings == [
        f"annotator: warning: {project} is in a synced folder (OneDrive - Contoso); let no other computer "
        "open it until this command ends, and share copies made with `annotator backup`"
    ]


def test_an_import_elsewhere_says_nothing_of_sharing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "p.db"), str(WIKINEWS[0]), "--no-nlp"]) == 0
    assert "synced" not in capsys.readouterr().err
