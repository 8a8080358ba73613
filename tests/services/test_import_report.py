"""The --skip-bad report replaces an earlier report and nothing else.

`import p.db mixed.jsonl --skip-bad --report mixed.jsonl` exited 0 with mixed.jsonl holding
only the report: the report was written with force, over any regular file. `import` has no
--force, so an existing file is replaced only when it is an earlier report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from tests.security.conftest import make_project, one_line, snapshot

MIXED = '{"text": "a good line one here"}\n{"text": 5}\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p.db")


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "mixed.jsonl"
    path.parent.mkdir()
    path.write_text(MIXED, encoding="utf-8")
    return path


def test_the_report_never_replaces_a_file_being_imported(
    project_path: Path, mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "report.tsv"
    link.symlink_to(mixed)
    before = snapshot(project_path)
    p = str(project_path)
    for inputs, report in ([mixed], mixed), ([mixed.parent], mixed), ([mixed], link):
        code, err = run(
            capsys, "import", p, *map(str, inputs), "--no-nlp", "--skip-bad", "--report", str(report)
        )
        assert code == 1 and "one of the files being imported" in one_line(err), err
        assert mixed.read_text("utf-8") == MIXED
        assert snapshot(project_path) == before  # refused before anything was imported


def test_the_report_replaces_an_earlier_report_but_no_other_file(
    project_path: Path, mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.tsv"
    notes.write_text("my own notes\n", encoding="utf-8")
    before = snapshot(project_path)
    p = str(project_path)
    code, err = run(capsys, "import", p, str(mixed), "--no-nlp", "--skip-bad", "--report", str(notes))
    assert code == 1 and "is not an import report" in one_line(err), err
    assert notes.read_text("utf-8") == "my own notes\n"
    assert snapshot(project_path) == before
    report = tmp_path / "rejected.tsv"
    for text in (MIXED, MIXED.replace("one", "two")):  # the second report replaces the first
        mixed.write_text(text, encoding="utf-8")
        code, err = run(capsys, "import", p, str(mixed), "--no-nlp", "--skip-bad", "--report", str(report))
        assert code == 0, err
    assert report.read_text("utf-8") == f"path\tline\treason\n{mixed}\t2\t'text' must be a string, got int\n"


def test_a_report_the_disk_refuses_says_the_window_s_advice_only_to_the_window(
    project_path: Path, mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window writes the report beside the project and has no --report: a full disk there
    told its user to "choose another place with --report". The command line keeps its words."""
    import errno
    import os

    from annotator.core.errors import DiskFullError
    from annotator.services import importing
    from annotator.services.project import open_project

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with open_project(project_path, create=False) as project:
        before = project.article_ids()
        monkeypatch.setattr(os, "replace", full)
        with pytest.raises(DiskFullError) as in_window:
            importing.import_paths(project, [mixed], skip_bad=True, for_window=True)
        with pytest.raises(DiskFullError) as on_command_line:
            importing.import_paths(project, [mixed], skip_bad=True)
        monkeypatch.undo()
        assert project.article_ids() == before
    assert "--" not in str(in_window.value) and str(in_window.value).endswith(
        "; make room on that disk, then import again"
    )
    assert str(on_command_line.value).endswith("; free some space, or choose another place with --report")


@pytest.mark.parametrize("name", ["rejected.txt", "rejected.tsv"])
def test_an_earlier_report_in_the_folder_imported_is_not_read_as_input(
    project_path: Path, mixed: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A report written into the folder being imported was read by the next import of it: as
    `rejected.txt` it became an article of the project, as `.tsv` one more rejected file
    ("no 'text' column"), which refused the import without --skip-bad."""
    folder = mixed.parent
    report = folder / name
    code, err = run(
        capsys, "import", str(project_path), str(folder), "--no-nlp", "--skip-bad", "--report", str(report)
    )
    assert code == 0, err
    assert report.read_text("utf-8").startswith("path\tline\treason\n")
    mixed.write_text('{"text": "a second good line here"}\n', encoding="utf-8")
    before = snapshot(project_path)
    code = main(["import", str(project_path), str(folder), "--no-nlp"])
    said = capsys.readouterr()
    assert code == 0, said.err
    assert said.out.startswith("imported 1 article from 1 file"), said.out
    assert snapshot(project_path) != before
