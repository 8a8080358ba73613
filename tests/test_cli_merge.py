"""`annotator merge TEAM ...` into a team file that did not exist: refused, it leaves none behind.

A rejected merge into a new team file left an empty 128 KB project there (so did `merge
self.db self.db`), which the next merge then took for a team file; a rejected first import
already removed what it had made.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator import open_project
from annotator.cli import main
from annotator.services.backups import all_backups, backups_of, backups_root
from annotator.services.merging import canonical_dump
from tests.security.conftest import make_project, one_line, snapshot
from tests.store.test_merge import names_replacing_the_teams_suggestions


def test_a_refused_merge_into_a_new_team_file_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("junk\n")
    team = tmp_path / "NEW.db"
    assert main(["merge", str(team), str(bad)]) == 1
    assert "not an SQLite file" in one_line(capsys.readouterr().err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]


def test_a_refused_merge_into_an_existing_team_file_keeps_it_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = make_project(tmp_path / "team.db")
    before = snapshot(team)
    bad = tmp_path / "bad.db"
    bad.write_text("junk\n")
    assert main(["merge", str(team), str(bad)]) == 1
    assert "not an SQLite file" in one_line(capsys.readouterr().err)
    assert snapshot(team) == before
    # The copy taken before it is removed: listed, it spoke of a merge that never was.
    assert all_backups() == []
    assert list(backups_root().rglob("*.annotator.db")) == []
    assert list(backups_root().rglob("*.json")) == [
        backups_root() / f"{team.stem}-{_digest(team)}" / "project.json"
    ]


def _digest(project: Path) -> str:
    from annotator.services.backups import folder_for

    return folder_for(project).name.rsplit("-", 1)[1]


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with open_project(path, create=False) as project:
        return canonical_dump(project)


def test_a_merge_keeps_the_team_file_as_it_was_and_says_how_to_go_back_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A merge cannot be undone: a lead who merged another team's file, or last week's copy,
    had only the daily copy, if one was recent, and was not told of it."""
    team = make_project(tmp_path / "team.db", texts=("The team's article.",), annotator="dana")
    alice = make_project(tmp_path / "alice.db", annotator="alice")
    before = _rows(team)
    assert main(["merge", str(team), str(alice)]) == 0
    out = capsys.readouterr().out.splitlines()
    (copy,) = backups_of(team)
    assert copy.before_merge is not None and copy.before_merge.names == ("alice.db",)
    assert _rows(copy.path) == before != _rows(team)
    restored = tmp_path / "team-before-merge.annotator.db"
    assert out[-2:] == [
        f"a copy of team.db as it was before this merge is kept: {copy.path}",
        f"to go back to it, make a project file from that copy: annotator backup {copy.path} "
        f"{restored} (or, in the window, File > Restore from a Backup…); the merge stays in team.db",
    ]
    # The command it gives makes the team file as it was.
    assert main(["backup", str(copy.path), str(restored)]) == 0
    assert _rows(restored) == before
    capsys.readouterr()

    # With --json, stdout is the JSON alone; the way back is said on stderr.
    bob = make_project(tmp_path / "bob.db", texts=("Bob's article.",), annotator="bob")
    assert main(["merge", str(team), str(bob), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("[") and "annotator backup" not in captured.out
    newest = backups_of(team)[0]
    assert newest.before_merge is not None and newest.before_merge.names == ("bob.db",)
    assert captured.err.startswith(
        f"annotator: note: a copy of team.db as it was before this merge is kept: {newest.path}\n"
    )


def test_a_merge_whose_copy_cannot_be_made_is_refused_and_leaves_the_team_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The daily copy that failed was a warning, and the merge went on: the one change nothing
    undoes was made with no way back, for want of space a person could have freed first."""
    team = make_project(tmp_path / "team.db", texts=("The team's article.",), annotator="dana")
    alice = make_project(tmp_path / "alice.db", annotator="alice")
    before = snapshot(team)
    # The copies' folder cannot be made (a file where it should be: as a full disk, it fails).
    backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups_root().write_text("not a folder")
    assert main(["merge", str(team), str(alice)]) == 1
    message = one_line(capsys.readouterr().err)
    assert message.startswith(
        f"annotator: nothing was merged: cannot copy team.db into {backups_root()}{os.sep}team-"
    ), message
    assert message.endswith(
        "That copy is the way back from the merge: free some space there, or make it a folder you "
        "can write to, then merge again"
    ), message
    assert snapshot(team) == before


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The error line of a usage error (exit 2), after argparse's usage line."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    usage, error = capsys.readouterr().err.strip().splitlines()
    assert usage.startswith("usage: annotator merge")
    return error


def test_a_source_named_twice_or_the_team_file_as_a_source_is_refused_before_anything_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`merge team.db alice.db ./alice.db` merged alice twice, the second time "0 claims added,
    1 already there", and exited 0: a slip for bob's file went unseen. The team file as a source
    was refused only once opened (exit 1), and a new team file was made and removed for it."""
    monkeypatch.chdir(tmp_path)
    make_project(Path("alice.db"), annotator="alice")
    make_project(Path("bob.db"), texts=("Another text, with a claim.",), annotator="bob")
    team = make_project(Path("team.db"), annotator="dana")
    Path("link.db").symlink_to("alice.db")
    Path("team-link.db").symlink_to("team.db")
    before = {name: snapshot(Path(name)) for name in ("alice.db", "bob.db", "team.db")}
    prefix = "annotator merge: error: argument PROJECT: "
    for sources, said in (
        (["alice.db", "bob.db", "alice.db"], "alice.db is named twice"),
        (["alice.db", "./alice.db", "bob.db"], "alice.db is named twice"),
        (["bob.db", "alice.db", "link.db"], "alice.db and link.db are one file"),
        (["alice.db", str(tmp_path / "alice.db")], f"alice.db and {tmp_path / 'alice.db'} are one file"),
    ):
        error = _usage_error(["merge", str(team), *sources], capsys)
        assert error == f"{prefix}{said}; name each project to merge once", error
    for team_path, sources, said in (
        ("team.db", ["alice.db", "team.db"], "team.db is the team file"),
        ("team.db", ["team-link.db"], "team-link.db is the team file team.db"),
        ("new.db", ["alice.db", "./new.db"], "new.db is the team file"),
    ):
        error = _usage_error(["merge", team_path, *sources], capsys)
        assert error == f"{prefix}{said}; a project cannot be merged into itself", error
    assert {name: snapshot(Path(name)) for name in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "alice.db",
        "bob.db",
        "link.db",
        "team-link.db",
        "team.db",
    ]


def test_the_report_says_how_many_suggestions_the_files_names_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The merge took the team's ORG and DATE off the spans the source named GPE and TIME,
    and its report named only the names: a coordinator could not tell that two had gone."""
    team, source = names_replacing_the_teams_suggestions(tmp_path)
    assert main(["merge", str(team), str(source)]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line.startswith(f"{source}: 0 new articles, 1 already there;")
    assert first_line.endswith("; 2 suggestions of another type replaced by this file's names")


def test_a_leftover_journal_beside_a_source_is_told_as_a_merges_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The advice said "open the project again; otherwise restore the project from a backup": the
    lead merging a colleague's file has neither the file to open nor its backups."""
    alice = make_project(tmp_path / "alice.db", annotator="alice")
    (tmp_path / "alice.db-journal").write_text("garbage\n")
    team = make_project(tmp_path / "team.db", texts=("The team's article.",), annotator="dana")
    before = {path: snapshot(path) for path in (alice, team)}
    assert main(["merge", str(team), str(alice)]) == 1
    message = one_line(capsys.readouterr().err)
    assert message.endswith(
        "move alice.db-journal into another folder (keep it) and merge again; otherwise ask for "
        "another copy of the project; nothing was merged"
    ), message
    assert {path: snapshot(path) for path in (alice, team)} == before


def test_rename_annotator_counts_the_old_names_claims_once_where_both_names_labelled_a_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where both names labelled one span and the old name's claim was the later, the rename
    keeps it and removes the new name's: the line said "2 claims" of the one claim renamed."""
    from tests.security.conftest import raw, run_main

    team = make_project(tmp_path / "team.db", annotator="alice")
    with open_project(team, create=False) as project:
        project.add_claim(project.article_ids()[0], 0, 12, "opinion", annotator="Alice K")
    conn = raw(team)
    conn.execute(
        "UPDATE claims SET created_at = '2020-01-01T00:00:00Z', updated_at = '2020-01-01T00:00:00Z'"
        " WHERE annotator = 'Alice K'"
    )
    conn.close()
    done = run_main(capsys, "rename-annotator", str(team), "alice", "Alice K")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "renamed alice to Alice K: 1 claim\n"
        "1 span labelled under both names: the claim changed last is kept, the other removed\n"
    )
    with open_project(team, create=False) as project:
        assert [(c.annotator, c.label.value) for c in project.claims()] == [("Alice K", "factual")]


def test_rename_annotator_makes_two_names_of_one_person_one_and_refuses_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """alice labelled as "alice" on one laptop and "Alice K" on another: after the merge the team
    file counted two people, and nothing could make them one."""
    from tests.security.conftest import run_main

    team = make_project(tmp_path / "team.db", annotator="alice")
    with open_project(team, create=False) as project:
        project.add_claim(project.article_ids()[0], 41, 60, "opinion", annotator="Alice K")
    done = run_main(capsys, "rename-annotator", str(team), "alice", "Alice K")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "renamed alice to Alice K: 1 claim\n"
    with open_project(team, create=False) as project:
        assert [c.annotator for c in project.claims()] == ["Alice K", "Alice K"]
        assert project.annotators() == ["Alice K"]
    before = snapshot(team)
    for old, new, said in (
        (
            "Alice K",
            "GOLD",
            "'GOLD' reads as 'gold', the name kept for reviewers' decisions; choose another name",
        ),
        ("alice", "Ann", "nobody is named 'alice' in team.db; its people are: Alice K"),
    ):
        refused = run_main(capsys, "rename-annotator", str(team), old, new)
        assert (refused.returncode, refused.stdout) == (1, "")
        assert one_line(refused.stderr) == f"annotator: {said}"
    assert snapshot(team) == before
    with pytest.raises(SystemExit) as usage:  # NEW left out: bad usage, as every command's
        run_main(capsys, "rename-annotator", str(team), "Alice K")
    assert usage.value.code == 2
