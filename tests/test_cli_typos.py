"""Typos on the command line: the error names the command's own options and the one meant.

Python 3.11's argparse reports an unknown option of a command through the top-level parser:
`annotator export p.db -o x --formt csv` printed the top-level usage, which lists no option
of `export`, and no hint. A mistyped command (`annotator exprot p.db`) was taken for a window
start with two projects and said "unrecognized arguments: p.db".
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from annotator.cli import main
from tests.security.conftest import make_project, one_line


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    return capsys.readouterr().err


def test_a_mistyped_option_is_said_by_its_command_with_the_option_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    err = _usage_error(["export", str(project), "-o", str(tmp_path / "x"), "--formt", "csv"], capsys)
    assert "usage: annotator export" in err
    assert "annotator export: error: unrecognized arguments: --formt csv (did you mean --format?)" in err
    err = _usage_error(["stats", str(project), "--jsn"], capsys)
    assert "annotator stats: error: unrecognized arguments: --jsn (did you mean --json?)" in err
    err = _usage_error(["import", str(project), str(tmp_path), "--no-nlpp=1"], capsys)
    assert "(did you mean --no-nlp?)" in err
    assert not project.exists()


def test_an_unknown_option_far_from_any_is_said_without_a_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _usage_error(["agreement", str(tmp_path / "p.db"), "--zzzzzz"], capsys)
    assert err.rstrip().endswith("annotator agreement: error: unrecognized arguments: --zzzzzz")


def test_a_mistyped_command_is_said_to_be_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.db"
    for argv in (["exprot", str(project), "-o", "x.jsonl"], ["stat", str(project)], ["merg"]):
        err = _usage_error(argv, capsys)
        assert f"annotator: error: {argv[0]!r} is not a command" in err, err
        assert "did you mean" in err
    assert list(tmp_path.iterdir()) == []


def test_another_tools_word_for_a_command_names_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`annotator new p.db` (git's `init`, a menu's New) said "annotator open: error:
    unrecognized arguments: p.db", which tells a newcomer nothing about how a project is made."""
    project = tmp_path / "p.annotator.db"
    err = _usage_error(["new", str(project)], capsys)
    assert "annotator: error: 'new' is not a command, and no file has that name" in err, err
    assert "annotator import PROJECT FILE" in err
    assert "unrecognized arguments" not in err
    err = _usage_error(["status", str(project)], capsys)
    assert "did you mean 'stats'?" in err, err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_word_before_more_arguments_lists_the_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two arguments are no window start: the first was meant as a command, so name them all."""
    err = _usage_error(["zzzq", str(tmp_path / "p.db")], capsys)
    assert "'zzzq' is not a command, and no file has that name; the commands are: open, import," in err, err
    assert "unrecognized arguments" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_project_named_like_a_command_still_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a word that names no file is taken for a mistyped command."""
    import annotator.cli as cli

    opened: list[Path | None] = []
    monkeypatch.setattr(cli, "_run_reopened", lambda _args: None)
    monkeypatch.setitem(cli.SUBCOMMANDS, "open", lambda args: opened.append(args.project) or 0)
    monkeypatch.chdir(tmp_path)
    Path("stat").write_bytes(b"")
    Path("exports").mkdir()  # a new project is made only in a folder that is there
    assert main(["stat"]) == 0
    assert opened == [Path("stat")]
    for name in ("train.db", "exports/stats"):
        opened.clear()
        assert main([name]) == 0
        assert opened == [Path(name)]


def _commands_on(project: Path, tmp_path: Path) -> list[list[str]]:
    """Each command that needs an existing project, given `project` and what else it needs."""
    return [
        ["stats", str(project)],
        ["export", str(project), "-o", str(tmp_path / "out.jsonl")],
        ["release", str(project), str(tmp_path / "release")],
        ["backup", str(project), str(tmp_path / "copy.db")],
        ["agreement", str(project)],
        ["annotate", str(project)],
        ["train", str(project)],
    ]


def test_a_missing_project_with_a_close_name_beside_it_is_guessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing project was said only to "not exist": the reader had to find `alice.annotator.db` alone."""
    alice = make_project(tmp_path / "alice.annotator.db")
    make_project(tmp_path / "bob.annotator.db", annotator="bob")
    before = sorted(tmp_path.iterdir())
    for typed in ("alise.annotator.db", "alice.db", "Alice.sqlite"):
        for argv in _commands_on(tmp_path / typed, tmp_path):
            assert main(argv) == 1, argv
            err = one_line(capsys.readouterr().err)
            assert err == f"annotator: {tmp_path / typed}: does not exist; did you mean {alice}?", err
    assert main(["merge", str(tmp_path / "team.db"), str(alice), str(tmp_path / "bbo.db")]) == 1
    said = one_line(capsys.readouterr().err)
    assert (
        said
        == f"annotator: {tmp_path / 'bbo.db'}: does not exist; did you mean {tmp_path / 'bob.annotator.db'}?"
    )
    assert sorted(tmp_path.iterdir()) == before  # no team file, copy, export or release made


def test_a_missing_project_with_no_close_name_says_how_one_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names are compared without their ending: `b.db` is not a guess for `a.db`."""
    make_project(tmp_path / "b.db")
    monkeypatch.chdir(tmp_path)
    for typed in ("a.db", "my claims.annotator.db", "no-folder/b.db"):
        for argv in _commands_on(Path(typed), tmp_path):
            assert main(argv) == 1, argv
            err = one_line(capsys.readouterr().err)
            assert err.startswith(f"annotator: {typed}: does not exist; a project is made by importing"), err
            assert f"(annotator import {shlex.quote(typed)} FILES...)" in err
            assert err.endswith("or with File ▸ New Project… in the window")
    assert main(["merge", "team.db", "b.db", "zzz.db"]) == 1
    said = one_line(capsys.readouterr().err)
    assert said == "annotator: zzz.db: does not exist; check the path of the file to merge"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.db"]


def test_release_and_backup_take_their_output_after_o_as_export_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export` teaches `-o`; `release p.db -o out` said only "unrecognized arguments: -o"."""
    project = make_project(tmp_path / "p.annotator.db")
    assert main(["release", str(project), "--labels", "all", "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "README.md").is_file()
    assert main(["backup", str(project), "--output", str(tmp_path / "copy.annotator.db")]) == 0
    assert (tmp_path / "copy.annotator.db").is_file()
    capsys.readouterr()
    err = _usage_error(["release", str(project), str(tmp_path / "a"), "-o", str(tmp_path / "b")], capsys)
    assert "annotator release: error: the output is given twice" in err, err
    err = _usage_error(["backup", str(project)], capsys)
    assert "annotator backup: error: the following arguments are required: OUT" in err, err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_release_and_backup_take_their_output_last_after_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`release p.db --labels all out` and `backup p.db --force copy.db` said "unrecognized
    arguments: out": argparse had taken the output as not given once the project was read.
    A mistyped option there still says so, and writes nothing."""
    project = make_project(tmp_path / "p.annotator.db")
    assert main(["release", str(project), "--labels", "all", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "README.md").is_file()
    copy = tmp_path / "copy.annotator.db"
    copy.write_text("mine", encoding="utf-8")
    assert main(["backup", str(project), "--force", str(copy)]) == 0
    assert copy.read_bytes().startswith(b"SQLite format 3\x00")
    capsys.readouterr()
    err = _usage_error(["backup", str(project), "-v", "-"], capsys)
    assert "annotator backup: error: argument OUT: '-' is not a file name" in err, err
    err = _usage_error(["release", str(project), "--lables", "all", str(tmp_path / "again")], capsys)
    assert "annotator release: error: unrecognized arguments: --lables" in err, err
    assert not (tmp_path / "again").exists()


def test_a_new_project_in_a_missing_folder_is_refused_naming_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`annotator nodir/x.annotator.db` made the folder `nodir` and a new project in it: a slip
    in a folder's name left a project where no one would look for it, and work went into it."""
    import annotator.cli as cli

    opened: list[Path | None] = []
    monkeypatch.setattr(cli, "_run_reopened", lambda _args: None)
    monkeypatch.setitem(cli.SUBCOMMANDS, "open", lambda args: opened.append(args.project) or 0)
    monkeypatch.chdir(tmp_path)
    Path("claims").mkdir()
    for typed, missing in (
        ("nodir/x.annotator.db", "nodir"),
        ("claims/march/week 1/x.annotator.db", "claims/march"),
    ):
        assert main([typed]) == 1, typed
        err = one_line(capsys.readouterr().err)
        assert err.startswith(f"annotator: {typed}: the folder {shlex.quote(missing)} does not exist;"), err
    assert opened == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims"]
    assert list(Path("claims").iterdir()) == []
    # A new project in a folder that is there still opens, to be made by the window.
    assert main(["claims/x.annotator.db"]) == 0
    assert opened == [Path("claims/x.annotator.db")]


def test_a_missing_file_of_articles_is_not_made_into_a_new_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`annotator articles.txt`, typed for a file of articles that was not there, made a new empty
    project named articles.txt and opened it without a word."""
    import annotator.cli as cli

    opened: list[Path | None] = []
    monkeypatch.setattr(cli, "_run_reopened", lambda _args: None)
    monkeypatch.setitem(cli.SUBCOMMANDS, "open", lambda args: opened.append(args.project) or 0)
    monkeypatch.chdir(tmp_path)
    for typed in ("articles.txt", "news.JSONL", "sheet.csv", "page.html"):
        assert main([typed]) == 1, typed
        err = one_line(capsys.readouterr().err)
        assert err.startswith(
            f"annotator: {typed}: does not exist, and a file of that ending holds articles"
        ), err
        assert f"annotator import PROJECT.annotator.db {typed}" in err, err
    assert opened == [] and list(tmp_path.iterdir()) == []
    assert main(["team.annotator.db"]) == 0  # a new project's name still opens, to be made
    assert opened == [Path("team.annotator.db")]
