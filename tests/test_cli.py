"""The command line as a user runs it: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator import open_project
from annotator.cli import main

WIKINEWS = sorted((Path(__file__).parent / "data" / "wikinews").glob("*.txt"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_twice_adds_no_duplicates_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    files = [str(p) for p in WIKINEWS]
    code, out, _ = run(capsys, "import", str(project), *files, "--no-nlp")
    assert code == 0
    assert f"imported {len(files)} article(s)" in out
    code, out, _ = run(capsys, "import", str(project), *files, "--no-nlp")
    assert code == 0
    assert f"imported 0 article(s) from {len(files)} file(s); {len(files)} duplicate(s) skipped" in out
    code, out, _ = run(capsys, "stats", str(project), "--json")
    assert code == 0
    assert json.loads(out)["articles"] == len(files)


def test_export_writes_jsonl_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        text = proj.article(article_id).text
        proj.add_claim(article_id, 0, 6, "opinion", annotator="ana")
    out_file = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "export", str(project), "-o", str(out_file))
    assert code == 0 and "exported 1 claim(s)" in out
    (task,) = [json.loads(line) for line in out_file.read_text("utf-8").splitlines()]
    assert task["text"] == text
    assert [(s["start"], s["end"], s["label"]) for s in task["spans"]] == [(0, 6, "opinion")]
    code, _, err = run(capsys, "export", str(project), "-o", str(out_file))
    assert code == 1 and "--force" in err and err.count("\n") == 1


def test_user_errors_are_one_line_with_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "stats", str(tmp_path / "missing.db"))
    assert (code, out) == (1, "")
    assert err == f"annotator: {tmp_path / 'missing.db'}: does not exist\n"
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    code, _, err = run(capsys, "stats", str(notes))
    assert code == 1 and "not an SQLite file" in err and "Traceback" not in err
    assert notes.read_text() == "not a database"


def test_a_rejected_first_import_leaves_no_project_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{broken\n', encoding="utf-8")
    project = tmp_path / "new.db"
    code, _, err = run(capsys, "import", str(project), str(bad), "--no-nlp")
    assert code == 1
    assert f"{bad}:2: invalid JSON" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]


def test_a_rejected_import_leaves_an_existing_project_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"title": "no text"}\n', encoding="utf-8")
    code, _, err = run(capsys, "import", str(project), str(bad), "--no-nlp")
    assert code == 1 and "missing 'text'" in err
    with open_project(project) as proj:
        assert proj.article_count() == 1


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["import"])
    assert exc.value.code == 2
    assert "required" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", ["open", "import", "export", "stats", "annotate", "merge", "agreement", "train"]
)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert f"usage: annotator {command}" in capsys.readouterr().out


def test_a_bug_gives_exit_3_and_goes_to_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.services import paths
    from annotator.services.project import Project

    def broken(self: Project) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(Project, "stats", broken)
    run(capsys, "import", str(tmp_path / "p.db"), str(WIKINEWS[0]), "--no-nlp")
    code, _, err = run(capsys, "stats", str(tmp_path / "p.db"))
    assert code == 3
    assert "internal error" in err and "Traceback" not in err
    assert "ZeroDivisionError: simulated bug" in paths.log_file().read_text("utf-8")
