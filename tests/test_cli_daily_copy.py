"""Commands that change a project take the window's daily copy first.

A merge from the command line into the team's file, or an import into the wrong project,
was the one change with nothing to go back to: only the window made daily copies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import open_project
from annotator.cli import main
from annotator.services.backups import backups_of, backups_root

WIKINEWS = sorted((Path(__file__).parent / "data" / "wikinews").glob("*.txt"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def articles_in(path: Path) -> int:
    with open_project(path, create=False) as project:
        return len(project.article_ids())


def test_an_import_into_a_project_keeps_a_copy_of_it_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    code, _, _ = run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    assert code == 0
    # The project this run made had nothing to keep.
    assert backups_of(project) == []

    code, _, err = run(capsys, "import", str(project), str(WIKINEWS[1]), "--no-nlp")
    assert code == 0 and err == ""
    (copy,) = backups_of(project)
    assert articles_in(copy.path) == 1
    assert articles_in(project) == 2

    # One copy a day: the next command takes none.
    code, _, _ = run(capsys, "import", str(project), str(WIKINEWS[2]), "--no-nlp")
    assert code == 0 and backups_of(project) == [copy]


def test_a_merge_into_the_team_file_keeps_a_copy_of_it_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team, ana = tmp_path / "team.db", tmp_path / "ana.db"
    run(capsys, "import", str(team), str(WIKINEWS[0]), "--no-nlp")
    run(capsys, "import", str(ana), str(WIKINEWS[0]), "--no-nlp")
    with open_project(ana) as project:
        (article_id,) = project.article_ids()
        project.add_claim(article_id, 0, 6, "opinion", annotator="ana")

    code, _, _ = run(capsys, "merge", str(team), str(ana))
    assert code == 0
    (copy,) = backups_of(team)
    with open_project(copy.path, create=False) as before:
        assert before.claims() == []
    with open_project(team, create=False) as after:
        assert len(after.claims()) == 1


def test_a_copy_that_cannot_be_made_is_said_and_the_import_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    # The copies' folder cannot be made (a file where it should be: as a full disk, it fails).
    backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups_root().write_text("not a folder")
    code, _, err = run(capsys, "import", str(project), str(WIKINEWS[1]), "--no-nlp")
    assert code == 0
    assert err.startswith("annotator: warning: no daily copy: cannot copy p.db") and err.count("\n") == 1
    assert articles_in(project) == 2
