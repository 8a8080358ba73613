"""Outputs a tired evening gets wrong: a symlink loop, a folder that is not there yet, a file
where a folder is wanted. Each is refused (or written) in one line naming the path, exit 1
(or 0), and the project stays as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import open_project
from annotator.cli import main
from tests.security.conftest import ROOT, make_project, one_line, snapshot


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p.db")


def test_an_output_that_is_a_symlink_loop_is_refused_in_one_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`release p.db loop` and `export --format spacy -o loop` said "internal error" (exit 3):
    resolving the loop raised RuntimeError, which no check expected."""
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop-back")
    (tmp_path / "loop-back").symlink_to(loop)
    before = snapshot(project)
    for argv in (
        ["release", str(project), str(loop), "--labels", "all"],
        ["export", str(project), "-o", str(loop), "--format", "spacy"],
        ["export", str(project), "-o", str(loop)],
        ["stats", str(project), "--html", str(loop)],
        ["backup", str(project), str(loop)],
    ):
        assert main(argv) == 1, argv
        err = one_line(capsys.readouterr().err)
        assert f"{loop}: " in err and "symbolic links" in err, (argv, err)
    assert snapshot(project) == before
    assert loop.is_symlink()


def test_a_spacy_export_to_an_existing_file_says_it_wants_a_folder(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export --format spacy -o claims.jsonl` over an earlier JSONL export said
    "claims.jsonl/train.spacy: cannot be used as an output (Not a directory)"."""
    earlier = tmp_path / "claims.jsonl"
    earlier.write_text("mine\n", encoding="utf-8")
    assert main(["export", str(project), "-o", str(earlier), "--format", "spacy", "--force"]) == 1
    err = one_line(capsys.readouterr().err)
    assert err.startswith(f"annotator: {earlier} is a file;"), err
    assert "folder" in err and ".spacy" in err
    assert earlier.read_text("utf-8") == "mine\n"


def test_a_report_into_a_folder_not_made_yet_is_written_as_an_export_is(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export -o new/x.jsonl`, `import --report new/r.jsonl` and `release p.db new/rel` make the
    missing folder; `stats --html new/r.html` alone failed with "cannot write the report (No such
    file or directory); pick another place"."""
    report = tmp_path / "reports" / "june" / "team.html"
    assert main(["stats", str(project), "--html", str(report)]) == 0
    assert f"report written to {report}" in capsys.readouterr().err
    assert report.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_a_backup_into_a_folder_not_made_yet_is_written_as_every_other_output_is(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`backup p.db new/copy.db` said "new: no such folder; make it first, or choose another",
    where export, release, `stats --html` and `import --report` make the folder they write to.
    A copy refused by its checks makes none."""
    copy = tmp_path / "copies" / "june" / "p.db"
    assert main(["backup", str(project), str(copy)]) == 0, capsys.readouterr().err
    assert f"copied {project} to {copy}" in capsys.readouterr().out
    assert copy.read_bytes().startswith(b"SQLite format 3\x00")
    empty = tmp_path / "empty.db"
    empty.touch()
    assert main(["backup", str(empty), str(tmp_path / "later" / "e.db")]) == 1
    assert "is empty, not an annotator project" in one_line(capsys.readouterr().err)
    assert not (tmp_path / "later").exists()


def test_backup_of_a_folder_or_a_loop_says_what_it_is_not_that_it_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`backup` said "no such project file" of anything but a file: a folder that is there, or a
    symlink loop, sent the reader looking for a file that was not missing."""
    loop = tmp_path / "loop.db"
    loop.symlink_to(tmp_path / "back.db")
    (tmp_path / "back.db").symlink_to(loop)
    folder = tmp_path / "projects"
    folder.mkdir()
    for source, said in (
        (folder, f"{folder}: is not a regular file (a device, a pipe or a folder)"),
        (loop, f"{loop}: is a symbolic link that leads to no file"),
        (tmp_path / "missing.db", f"{tmp_path / 'missing.db'}: does not exist"),
    ):
        assert main(["backup", str(source), str(tmp_path / "copy.db")]) == 1
        assert said in one_line(capsys.readouterr().err)
    assert not (tmp_path / "copy.db").exists()


def test_an_input_that_is_a_link_leading_nowhere_is_called_one(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import p.db loop.txt` and `merge team.db loop.db` said the link "does not exist": `ls`
    shows it there, and the reader was sent to check a path that was right."""
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "back.txt")
    (tmp_path / "back.txt").symlink_to(loop)
    dangling = tmp_path / "moved.db"
    dangling.symlink_to(tmp_path / "gone" / "team.db")
    before = snapshot(project)
    for argv, given in (
        (["import", str(project), str(loop), "--no-nlp"], loop),
        (["merge", str(project), str(dangling)], dangling),
    ):
        assert main(argv) == 1
        err = one_line(capsys.readouterr().err)
        assert f"{given}: is a symbolic link that leads to no file" in err, err
    assert snapshot(project) == before


def test_a_project_path_that_is_a_link_leading_nowhere_is_called_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project named by a link to a moved file said "cannot be read (No such file or
    directory)", and by a loop "(Too many levels of symbolic links)": `ls` shows the link
    there. Imports and merges call such an input what it is; so does every command now."""
    from annotator.core.errors import missing_reason

    loop = tmp_path / "loop.db"
    loop.symlink_to(tmp_path / "back.db")
    (tmp_path / "back.db").symlink_to(loop)
    dangling = tmp_path / "moved.db"
    dangling.symlink_to(tmp_path / "gone" / "p.db")
    article = tmp_path / "article.txt"
    article.write_text("The minister said prices rose in May.\n", encoding="utf-8")
    other = make_project(tmp_path / "other.db")
    for link in (loop, dangling):
        for argv in (
            ["stats", str(link)],
            ["export", str(link), "-o", str(tmp_path / "out.jsonl")],
            ["import", str(link), str(article), "--no-nlp"],
            ["merge", str(link), str(other)],
            ["backup", str(link), str(tmp_path / "copy.db")],
        ):
            assert main(argv) == 1, argv
            err = one_line(capsys.readouterr().err)
            assert err == f"annotator: {link}: {missing_reason(link)}", (argv, err)
    assert not (tmp_path / "gone").exists() and not (tmp_path / "copy.db").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "article.txt",
        "back.db",
        "loop.db",
        "moved.db",
        "other.db",
    ]


def test_a_backup_the_disk_refuses_is_said_as_the_other_outputs_say_it(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`backup` into a read-only folder said "cannot write X: Read-only file system" as a user
    error, where every other output says "X: cannot write here (...); choose another folder" and
    tells the machine's refusal (read-only, full) apart from the user's mistake."""
    import errno
    import os

    from annotator.core.errors import ReadOnlyError
    from annotator.services.backups import copy_project

    def refused(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", refused)
    copy = tmp_path / "copy.db"
    with pytest.raises(ReadOnlyError):
        copy_project(project, copy)
    assert main(["backup", str(project), str(copy)]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"annotator: {copy}: cannot write here (Read-only file system); choose another folder"
    )
    assert not copy.exists()


@pytest.mark.parametrize(
    ("refusal", "kind", "said"),
    [
        ("EROFS", "ReadOnlyError", "cannot write here (Read-only file system)"),
        ("ENOSPC", "DiskFullError", "no space left on the disk (No space left on device)"),
    ],
)
def test_an_import_report_the_disk_refuses_says_in_one_sentence_that_nothing_was_imported(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    refusal: str,
    kind: str,
    said: str,
) -> None:
    """`import --skip-bad --report` into a read-only folder said "...; choose another folder;
    choose another place with --report" (advice twice), not whether anything was imported, and
    as a plain MachineError that no longer told a read-only folder from a full disk."""
    import errno
    import os

    from annotator.core import errors

    real_replace = os.replace

    def refused(source: str, target: str, *args: object, **kwargs: object) -> None:
        # Only the report's folder refuses: the daily copy before the import is written elsewhere.
        if Path(target).parent == report.parent:
            raise OSError(getattr(errno, refusal), os.strerror(getattr(errno, refusal)))
        real_replace(source, target, *args, **kwargs)  # type: ignore[arg-type]

    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text('{"text": "a good line one here"}\n{"text": 5}\n', encoding="utf-8")
    report = tmp_path / "reports" / "rejected.tsv"
    before = snapshot(project)
    monkeypatch.setattr(os, "replace", refused)
    argv = ["import", str(project), str(mixed), "--no-nlp", "--skip-bad", "--report", str(report)]
    with pytest.raises(getattr(errors, kind)):
        from annotator.services.importing import import_paths
        from annotator.services.project import open_project

        with open_project(project, create=False) as opened:
            import_paths(opened, [mixed], skip_bad=True, report_path=report)
    assert main(argv) == 1
    monkeypatch.undo()
    err = one_line(capsys.readouterr().err)
    advice = {
        "EROFS": "choose another folder with --report",
        "ENOSPC": "free some space, or choose another place with --report",
    }[refusal]
    assert err == (
        f"annotator: {report}: {said}, so nothing was imported (the report of rejected lines is "
        f"written before the articles); {advice}"
    )
    assert snapshot(project) == before
    assert not report.exists()


def test_an_export_without_format_takes_the_one_its_file_name_ends_in(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export -o claims.csv` wrote JSONL into claims.csv (the default format), and `-o x.spacy`
    JSONL into a file spaCy cannot read; both exited 0."""
    table = tmp_path / "claims.csv"
    assert main(["export", str(project), "-o", str(table)]) == 0
    assert "as csv to" in capsys.readouterr().out
    assert table.read_text("utf-8").splitlines()[0].startswith("article_id,") or "," in table.read_text(
        "utf-8"
    )
    assert not table.read_text("utf-8").startswith("{")
    bins = tmp_path / "news.spacy"
    assert main(["export", str(project), "-o", str(bins)]) == 0
    assert (tmp_path / "news.train.spacy").is_file() and not bins.exists()
    plain = tmp_path / "claims.jsonl"
    assert main(["export", str(project), "-o", str(plain)]) == 0
    assert plain.read_text("utf-8").startswith("{")


@pytest.mark.parametrize("picked", ["news.train.spacy", "news.textcat_dev.spacy", "News.Dev.SPACY"])
def test_a_spacy_export_to_a_file_of_a_set_writes_that_set_again(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], picked: str
) -> None:
    """`-o news.spacy` writes news.train.spacy and its three siblings; `-o news.train.spacy`
    (the name a script reads the set back by, or the file picked in the window's save dialog)
    wrote a second set, news.train.train.spacy and its siblings, beside the first."""
    parts = ("train", "dev", "textcat_train", "textcat_dev")
    assert main(["export", str(project), "-o", str(tmp_path / "news.spacy")]) == 0
    assert main(["export", str(project), "-o", str(tmp_path / picked), "--force"]) == 0
    prefix = picked.split(".")[0]
    said = capsys.readouterr().out.splitlines()[-1]
    assert said.startswith("exported ") and f"to {tmp_path / f'{prefix}.train.spacy'}, " in said
    expected = {f"news.{part}.spacy" for part in parts} | {f"{prefix}.{part}.spacy" for part in parts}
    assert {p.name for p in tmp_path.glob("*.spacy")} == expected


def test_a_spacy_export_to_a_file_of_a_folders_set_writes_that_set_again(
    project: Path, tmp_path: Path
) -> None:
    """`-o corpus --format spacy` writes corpus/train.spacy, ...; `-o corpus/train.spacy` wrote
    corpus/train.train.spacy and its siblings beside them."""
    folder = tmp_path / "corpus"
    assert main(["export", str(project), "-o", str(folder), "--format", "spacy"]) == 0
    assert main(["export", str(project), "-o", str(folder / "train.spacy"), "--force"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "dev.spacy",
        "textcat_dev.spacy",
        "textcat_train.spacy",
        "train.spacy",
    ]


def test_an_export_whose_name_ends_in_another_format_s_ending_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "claims.csv"
    assert main(["export", str(project), "-o", str(table), "--format", "doccano"]) == 1
    err = one_line(capsys.readouterr().err)
    assert err.startswith(
        f"annotator: {table}: the name ends in .csv, as csv files do, but --format is doccano"
    )
    assert not table.exists()
    assert main(["export", str(project), "-o", str(tmp_path / "claims.txt"), "--format", "csv"]) == 0


def test_an_output_under_a_file_says_that_file_is_no_folder(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o notes.txt/out.jsonl` (a file where a folder was meant) said "cannot be used as an
    output (Not a directory)", and an import making a project there "cannot create the folder
    (File exists)" as if the disk were read-only."""
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("The minister said prices rose in May.\n", encoding="utf-8")
    before = snapshot(project)
    for argv in (
        ["export", str(project), "-o", str(notes / "out.jsonl")],
        ["export", str(project), "-o", str(notes / "sub" / "out"), "--format", "spacy"],
        ["release", str(project), str(notes / "release"), "--labels", "all"],
        ["stats", str(project), "--html", str(notes / "r.html")],
        ["backup", str(project), str(notes / "b.db")],
        ["import", str(notes / "new.db"), str(article), "--no-nlp"],
        ["merge", str(notes / "team.db"), str(project)],
    ):
        assert main(argv) == 1, argv
        err = one_line(capsys.readouterr().err)
        assert f"{notes}: is a file, not a folder; choose another place" in err, (argv, err)
    assert notes.read_text("utf-8") == "mine\n"
    assert snapshot(project) == before


def test_a_text_over_the_article_limit_says_to_split_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 25-million-character line was "over the limit of 20,971,520" with no word on what to do,
    and raising --max-mb (the file's limit) could not help: the limit is an article's."""
    from annotator.formats import readers

    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 100)
    long = tmp_path / "long.txt"
    long.write_text("word " * 40, encoding="utf-8")
    assert main(["import", str(tmp_path / "p.db"), str(long), "--no-nlp", "--max-mb", "50"]) == 1
    err = one_line(capsys.readouterr().err)
    assert f"{long}: the text is 200 characters long, over the limit of 100" in err, err
    assert "an article may hold; split it into articles" in err
    assert not (tmp_path / "p.db").exists()


def test_a_file_over_the_import_size_limit_names_the_option_that_raises_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line said "raise the import size limit", a limit it calls --max-mb; the
    window, which has no options, says only to split the file."""
    from annotator.services.importing import window_reason

    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000, encoding="utf-8")
    assert main(["import", str(tmp_path / "p.db"), str(big), "--no-nlp", "--max-mb", "1"]) == 1
    err = one_line(capsys.readouterr().err)
    assert err.endswith("over the 1 MB limit; split it, or raise the limit with --max-mb"), err
    reason = err.split(f"{big}: ", 1)[1]
    assert window_reason(reason) == (
        "the file is 1.4 MB, over the 1 MB limit; split it into smaller files,"
        " or raise Largest file to import in Edit ▸ Preferences"
    )


@pytest.mark.parametrize(
    ("max_mb", "limit"),
    [("0.01", "10.2 KB"), ("0.0005", "524 bytes"), ("0.0000001", "1 byte"), ("0.049", "50.2 KB")],
)
def test_a_tiny_import_size_limit_is_shown_in_a_unit_that_reads_above_zero(
    tmp_path: Path, max_mb: str, limit: str
) -> None:
    """`--max-mb 0.01` refused a 60 KB file as "0.1 MB, over the 0.0 MB limit"."""
    article = tmp_path / "a.txt"
    article.write_text("The mayor said the budget is fair. " * 1750, encoding="utf-8")
    argv = ["import", str(tmp_path / "p.db"), str(article), "--no-nlp", "--max-mb", max_mb]
    done = subprocess.run(
        [sys.executable, "-m", "annotator", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1, done
    assert one_line(done.stderr) == (
        f"annotator: nothing was imported: {article}: the file is 59.8 KB, over the {limit} limit; "
        "split it, or raise the limit with --max-mb"
    )
    assert not (tmp_path / "p.db").exists()


def test_an_output_that_is_a_link_leading_nowhere_is_refused_and_nothing_is_made_where_it_points(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export -o out.jsonl` with out.jsonl a link into a folder not there (a share not mounted)
    made that folder and wrote the file where the link pointed; `stats --html` said "report
    written to r.html" of it. Every output refuses such a link, --force or not, naming the link
    and its target, and makes nothing anywhere."""
    gone = tmp_path / "share"
    outputs = {
        "out.jsonl": ["export", str(project), "--force", "-o"],
        "out.csv": ["export", str(project), "--format", "csv", "-o"],
        "sp": ["export", str(project), "--format", "spacy", "-o"],
        "r.html": ["stats", str(project), "--force", "--html"],
        "rel": ["release", str(project), "--labels", "all", "--force", "-o"],
        "copy.db": ["backup", str(project), "--force", "-o"],
    }
    before = snapshot(project)
    for name, argv in outputs.items():
        link = tmp_path / name
        link.symlink_to(gone / "june" / name)
        assert main([*argv, str(link)]) == 1, argv
        err = one_line(capsys.readouterr().err)
        assert err == (
            f"annotator: {link} is a symbolic link to {gone / 'june' / name}, which does not exist; "
            "nothing was written: remove the link, or choose another name"
        ), (argv, err)
        assert link.is_symlink()
    folder = tmp_path / "exports"
    folder.symlink_to(gone / "exports", target_is_directory=True)
    assert main(["export", str(project), "-o", str(folder / "out.jsonl")]) == 1
    err = one_line(capsys.readouterr().err)
    assert f"its folder {folder} is a symbolic link to {gone / 'exports'}, which does not exist" in err
    assert not gone.exists()
    assert snapshot(project) == before


def test_a_release_to_a_link_to_a_folder_is_written_in_that_folder_and_the_link_stays(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`release p.db latest` with latest a link to an empty folder said "latest: cannot write the
    file (Not a directory)"; with --force and a link to an earlier release, the new release
    took the link's place and the earlier one stayed as it was. A folder output follows its
    link as a file output does."""
    releases = tmp_path / "releases" / "june"
    releases.mkdir(parents=True)
    link = tmp_path / "latest"
    link.symlink_to(releases, target_is_directory=True)
    assert main(["release", str(project), str(link), "--labels", "all"]) == 0, capsys.readouterr().err
    assert f"to {link}:" in capsys.readouterr().out
    first = (releases / "SHA256SUMS").read_text("utf-8")
    with open_project(project) as opened:
        opened.add_claim(opened.article_ids()[0], 13, 19, "opinion", annotator="ana")
    assert main(["release", str(project), str(link), "--labels", "all", "--force"]) == 0
    assert link.is_symlink() and link.resolve() == releases.resolve()
    assert (releases / "SHA256SUMS").read_text("utf-8") != first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "p.db", "releases"]
    assert sorted(p.name for p in releases.parent.iterdir()) == ["june"]


def test_an_output_name_too_long_for_the_disk_says_by_how_much_and_which_name(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "cannot be used as an output (File name too long)" did not say of which name, nor by how
    much: a spaCy export's prefix of 240 letters is refused for the longest name made of it."""
    prefix = tmp_path / ("a" * 240)
    folder = "é" * 130
    for argv, said in (
        (["export", str(project), "-o", f"{prefix}.spacy", "--format", "spacy"], f"{prefix}.textcat_train"),
        (["release", str(project), str(tmp_path / ("b" * 256)), "--labels", "all"], "b" * 256),
        (["export", str(project), "-o", str(tmp_path / folder / "x.jsonl")], f"{folder}/x.jsonl"),
    ):
        assert main(argv) == 1, argv
        err = one_line(capsys.readouterr().err)
        assert said in err, err
        size = 256 if "b" * 256 in said else 260
        named = f"the folder name {folder[:20]}…" if folder in said else "the name"
        assert err.endswith(
            f": {named} is {size} bytes long, more than the 255 a name may have on this disk; "
            "choose a shorter name"
        ), err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]
