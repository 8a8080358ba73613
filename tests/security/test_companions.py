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


def test_a_project_reached_by_a_link_keeps_the_companions_of_all_its_names(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export link.db -o p.db-journal` (link.db -> p.db) wrote where SQLite looks for p.db's
    journal, and p.db no longer opened; so did a hard link's own name (h.db-journal)."""
    from tests.security.conftest import make_project

    link = tmp_path / "link.db"
    link.symlink_to(project_path.name)
    hard = tmp_path / "h.db"
    hard.hardlink_to(project_path)
    other = make_project(tmp_path / "other.db")
    p = str(project_path)
    before = snapshot(project_path), snapshot(other)
    attempts = [
        ("export", str(link), "-o", p + "-journal"),
        ("export", str(link), "-o", p + "-wal"),
        ("export", str(hard), "-o", p + "-wal"),
        ("export", p, "-o", f"{hard}-journal"),
        ("export", p, "-o", f"{link}.lock"),
        ("export", p, "-o", f"{other}-journal"),
        ("export", str(hard), "--format", "spacy", "-o", p + "-shm"),
        ("stats", str(link), "--html", p + "-journal"),
        ("release", str(hard), p + "-journal", "--labels", "all"),
    ]
    for argv in attempts:
        code, err = run(capsys, *argv)
        assert code == 1 and "project" in one_line(err), (argv, err)
        assert not Path(argv[-1] if argv[0] != "release" else argv[2]).exists(), argv
    assert (snapshot(project_path), snapshot(other)) == before
    code, err = run(capsys, "export", p, "-o", str(tmp_path / "notes.lock"))  # no project called notes
    assert code == 0, err
    assert run(capsys, "stats", str(link)) == (0, "")
