"""An option that does nothing without its companion is bad usage, said as argparse says it.

`import --report r.tsv` without --skip-bad refused a bad file and wrote no report, `stats
--force` without --html had nothing to overwrite, `export -o x.csv --seed 3` split nothing
and `--with-entities` added nothing outside doccano: each exited as if it had been heeded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from tests.security.conftest import make_project, snapshot


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    return capsys.readouterr().err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p.db")


def test_an_option_without_the_one_it_works_with_is_a_usage_error(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The minister said prices rose in May.\n", encoding="utf-8")
    report = tmp_path / "rejected.tsv"
    before = snapshot(project)
    for argv, said in (
        (
            ["import", str(project), str(article), "--no-nlp", "--report", str(report)],
            "annotator import: error: argument --report: not allowed without argument --skip-bad",
        ),
        (
            ["stats", str(project), "--force"],
            "annotator stats: error: argument --force: not allowed without argument --html",
        ),
    ):
        err = _usage_error(argv, capsys)
        assert f"usage: annotator {argv[0]}" in err and err.rstrip().endswith(said), err
    assert snapshot(project) == before
    assert not report.exists()


def test_a_window_screenshot_without_the_self_test_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.cli as cli

    monkeypatch.setattr(cli, "_run_reopened", lambda _args: None)
    monkeypatch.setitem(cli.SUBCOMMANDS, "open", lambda _args: pytest.fail("the window was opened"))
    shot = tmp_path / "shot.png"
    err = _usage_error(["--screenshot", str(shot)], capsys)
    assert err.rstrip().endswith("error: argument --screenshot: not allowed without argument --self-test")
    assert not shot.exists()


@pytest.mark.parametrize(
    ("output", "options", "said"),
    [
        (
            "claims.csv",
            ["--seed", "3"],
            "--seed: only allowed with argument --format spacy; "
            "this export's format is csv (no --format given)",
        ),
        (
            "claims.jsonl",
            ["--format", "doccano", "--dev-ratio", "0.3"],
            "--dev-ratio: only allowed with argument --format spacy; this export's format is doccano",
        ),
        (
            "claims.jsonl",
            ["--with-entities"],
            "--with-entities: only allowed with argument --format "
            "doccano; this export's format is jsonl (no --format given)",
        ),
        (
            "claims.csv",
            ["--format", "csv", "--full-paths"],
            "--full-paths: only allowed with argument --format jsonl; this export's format is csv",
        ),
    ],
)
def test_an_export_option_of_another_format_is_a_usage_error(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    output: str,
    options: list[str],
    said: str,
) -> None:
    out = tmp_path / output
    err = _usage_error(["export", str(project), "-o", str(out), *options], capsys)
    assert "usage: annotator export" in err
    assert err.rstrip().endswith(f"annotator export: error: argument {said}"), err
    assert not out.exists()


def test_an_export_option_of_its_own_format_is_heeded(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (
        ["-o", str(tmp_path / "news.spacy"), "--seed", "3", "--dev-ratio", "0.3"],
        ["-o", str(tmp_path / "folder"), "--format", "spacy", "--seed", "0"],
        ["-o", str(tmp_path / "d.jsonl"), "--format", "doccano", "--with-entities"],
        ["-o", str(tmp_path / "p.jsonl"), "--full-paths"],
    ):
        assert main(["export", str(project), *argv]) == 0, capsys.readouterr().err
    assert (tmp_path / "news.train.spacy").is_file() and (tmp_path / "folder" / "dev.spacy").is_file()
    assert (tmp_path / "d.jsonl").is_file() and (tmp_path / "p.jsonl").is_file()
