"""Paths as a shell hands them over from a script: a quoted `~`, a name read from a Windows list.

These run the real command in a child process, in a folder of its own, as a user's shell does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.conftest import ROOT, make_project, snapshot


def _run(*argv: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *argv],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home)},
        cwd=cwd,
        check=False,
    )


@pytest.mark.skipif(os.name != "posix", reason="a shell that leaves a quoted ~ as it is")
@pytest.mark.parametrize(
    "argv",
    [
        ("export", "p.db", "-o", "~/claims.jsonl"),
        ("backup", "p.db", "~/copy.db"),
        ("stats", "p.db", "--html", "~/report.html"),
        ("import", "~/new.db", "article.txt", "--no-nlp"),
        ("import", "p.db", "~/article.txt", "--no-nlp"),
    ],
)
def test_a_quoted_tilde_is_refused_not_made_into_a_folder_named_tilde(
    argv: tuple[str, ...], tmp_path: Path
) -> None:
    """A script's `-o "~/claims.jsonl"` (the quotes keep the shell from expanding ~) made a folder
    named `~` in the current folder and wrote there, exit 0: the file was not in the home folder
    where the user looked, and a later `rm -rf ~` to clean up takes the home folder with it.
    `import "~/new.db"` made a new project there the same way."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    project = make_project(work / "p.db")
    (work / "article.txt").write_text("The mayor said taxes rose 4% last year.", encoding="utf-8")
    (home / "article.txt").write_text("The mayor said taxes rose 4% last year.", encoding="utf-8")
    before = snapshot(project)
    done = _run(*argv, cwd=work, home=home)
    said = done.stderr.decode()
    assert done.returncode == 1, said
    given = next(part for part in argv if part.startswith("~"))
    assert said.startswith(f"annotator: {given}: ") and said.count("\n") == 1, said
    assert f"{home}{given[1:]}" in said  # the path meant, to copy
    assert not (work / "~").exists()
    assert sorted(p.name for p in home.iterdir()) == ["article.txt"]
    assert snapshot(project) == before


def test_a_folder_named_tilde_that_is_there_is_used(tmp_path: Path) -> None:
    """A folder really named `~` (made on purpose, or by an earlier run) is a folder like any."""
    work, home = tmp_path / "work", tmp_path / "home"
    (work / "~").mkdir(parents=True)
    home.mkdir()
    make_project(work / "p.db")
    done = _run("export", "p.db", "-o", "~/claims.jsonl", cwd=work, home=home)
    assert done.returncode == 0, done.stderr
    assert (work / "~" / "claims.jsonl").is_file()


@pytest.mark.parametrize(
    ("name", "shown"), [("article.txt\r", "article.txt\\r"), ("\x1b[2Jarticle.txt", "\\x1b[2Jarticle.txt")]
)
def test_a_control_character_in_a_named_path_is_shown_not_obeyed_by_the_terminal(
    name: str, shown: str, tmp_path: Path
) -> None:
    """`while read f; do annotator import p.db "$f"; done < list.txt` over a list saved on Windows
    hands each name over with a carriage return at its end. The error printed it as it was, and
    the terminal went back to the line's start: ": does not exist; check the pathported: article.txt"
    is what a user read, with no sign of why a file that is there was not. An escape sequence in
    a name (`\\x1b[2J`) cleared the screen instead of being named."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    project = make_project(work / "p.db")
    (work / "article.txt").write_text("The mayor said taxes rose 4% last year.", encoding="utf-8")
    before = snapshot(project)
    done = _run("import", "p.db", name, "--no-nlp", cwd=work, home=home)
    assert done.returncode == 1
    assert (
        done.stderr.decode() == f"annotator: nothing was imported: {shown}: does not exist; check the path\n"
    )
    assert snapshot(project) == before


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "p.db", "-o", "claims.jsonl\r"),
        ("backup", "p.db", "copy.db\r"),
        ("stats", "p.db", "--html", "report.html\r"),
        ("release", "p.db", "release\r", "--labels", "all"),
    ],
)
def test_an_output_name_with_a_control_character_is_bad_usage_not_a_file_no_one_can_name(
    argv: tuple[str, ...], tmp_path: Path
) -> None:
    """`annotator export p.db -o "$(cat name.txt)"` with a name saved on Windows wrote
    `claims.jsonl\\r`, exit 0: `ls` showed `claims.jsonl?`, and the next step's `claims.jsonl`
    was not there. The summary's carriage return also sent the terminal back to its line's
    start, over "exported 1 claim"."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    project = make_project(work / "p.db")
    before = snapshot(project)
    done = _run(*argv, cwd=work, home=home)
    said = done.stderr.decode()
    assert done.returncode == 2, said
    assert "\r" not in said and "\\r" in said and "control character" in said, said
    assert done.stdout == b""
    assert sorted(p.name for p in work.iterdir()) == ["p.db"]
    assert snapshot(project) == before


def test_an_output_name_pasted_with_a_space_around_it_is_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export p.db -o "claims.csv "` wrote JSON Lines (".csv " is no format's ending) into a
    file `ls` showed as claims.csv, which `claims.csv` then did not name. A folder that is
    really named so stays usable."""
    from annotator.cli import main

    monkeypatch.chdir(tmp_path)
    make_project(tmp_path / "p.db")
    for argv, said in (
        (["export", "p.db", "-o", "claims.csv "], "'claims.csv ' ends in a space"),
        (["export", "p.db", "-o", "new /claims.csv"], "'new /claims.csv': 'new ' ends in a space"),
        (["backup", "p.db", " copy.db"], "' copy.db' starts with a space"),
        (["stats", "p.db", "--html", "r.html\u00a0"], "'r.html\\xa0' ends in a space"),
        (["release", "p.db", "rel\t ", "--labels", "all"], "control character"),
    ):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert said in err, (argv, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]
    (tmp_path / "odd ").mkdir()
    assert main(["export", "p.db", "-o", "odd /claims.csv"]) == 0
    assert (tmp_path / "odd " / "claims.csv").read_text("utf-8-sig").startswith("article_id")


def test_a_message_of_several_lines_keeps_its_lines(tmp_path: Path) -> None:
    """Showing a name's control characters must not flatten the import's list of rejected files
    into one line of `\\n`s: its line breaks and indents are the message's layout."""
    (tmp_path / "ok.txt").write_text("A sentence.\n", encoding="utf-8")
    for name in ("bad1.jsonl", "bad2.jsonl"):
        (tmp_path / name).write_text('{"text": 1}\n', encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    done = _run("import", "p.db", "ok.txt", "bad1.jsonl", "bad2.jsonl", "--no-nlp", cwd=tmp_path, home=home)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "\\n" not in err
    lines = err.splitlines()
    assert any(line.startswith("  bad1.jsonl:1:") for line in lines), err
    assert any(line.startswith("  bad2.jsonl:1:") for line in lines), err
