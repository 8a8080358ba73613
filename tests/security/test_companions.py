"""No output may take the name SQLite gives a project's companion files, however the project is named.

SQLite looks for `PROJECT-journal` at every opening: a folder made there by `export --format
spacy -o p.db-journal` or by `release p.db p.db-journal` made every later command on p.db fail
with "disk I/O error". And a project reached through a symlink or a hard link has companions
under its other names too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from tests.security.conftest import one_line, snapshot


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ("export", "{p}", "--format", "spacy", "-o", "{p}-journal"),
        ("export", "{p}", "--format", "spacy", "-o", "{p}-journal", "--force"),
        ("export", "{p}", "-o", "{p}-journal"),
        ("release", "{p}", "{p}-journal", "--labels", "all"),
    ],
)
def test_no_output_takes_the_name_of_the_projects_journal(
    command: tuple[str, ...], project_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project_path)
    code, err = run(capsys, *(part.format(p=project_path) for part in command))
    assert code == 1 and "project" in one_line(err), err
    assert not Path(f"{project_path}-journal").exists()
    assert snapshot(project_path) == before
    assert run(capsys, "stats", str(project_path)) == (0, "")
