"""Renaming a person throughout a project (`services.renaming`): one person under two names
("alice" on one laptop, "Alice K" on another) counted as two in agreement, the dashboard and
exports, with no way to make them one."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.commands import AddClaim, DecideGold
from annotator.core.errors import ChangedMeanwhile, UserError
from annotator.core.model import Claim, ClaimLabel, LabelCheck
from annotator.services.merging import canonical_dump
from annotator.services.project import Project, store_of
from annotator.services.renaming import people, rename_annotator, renaming

TEXT = "The minister said prices rose 5% in May. Critics disagree strongly with that figure."


def _claim(
    project: Project, article: int, span: tuple[int, int], label: str, who: str, shown: float = 0
) -> None:
    check = LabelCheck(ClaimLabel.FACTUAL, shown) if shown else None
    project.execute(AddClaim(Claim(article, *span, ClaimLabel(label), who), shown=check))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """alice and "Alice K" both labelled the first sentence (alice later); alice alone the second;
    bob too; alice decided a gold label and a "no claim" as a reviewer."""
    opened = open_project(tmp_path / "team.db")
    (article,) = opened.import_texts([TEXT]).added
    _claim(opened, article, (0, 40), "factual", "Alice K", shown=0.7)
    _claim(opened, article, (0, 40), "opinion", "bob")
    time.sleep(0.002)  # alice's label on the same words is the later
    _claim(opened, article, (0, 40), "questionable", "alice", shown=0.9)
    _claim(opened, article, (41, 84), "opinion", "alice", shown=0.6)
    opened.execute(DecideGold(article, (0, 40), ClaimLabel.FACTUAL, reviewer="alice"))
    opened.execute(DecideGold(article, (41, 84), None, reviewer="alice"))
    yield opened
    opened.close()


def _dump(project: Project) -> tuple[object, ...]:
    """Every row a rename touches: `canonical_dump` leaves out the people and suggestion records."""
    conn = store_of(project).conn
    return (
        canonical_dump(project),
        conn.execute("SELECT name, created_at FROM annotators ORDER BY name").fetchall(),
        conn.execute("SELECT * FROM label_checks ORDER BY article_id, start, annotator").fetchall(),
    )


def _who(project: Project) -> list[tuple[int, int, str, str, str]]:
    return sorted((c.start, c.end, c.annotator, c.label.value, c.decided_by) for c in project.claims())


def test_two_names_of_one_person_become_one_the_later_claim_of_a_span_kept_and_undo_gives_all_back(
    project: Project,
) -> None:
    before = _dump(project)
    command = renaming(project, "alice", "Alice K")
    project.execute(command)
    assert _who(project) == [
        (0, 40, "Alice K", "questionable", ""),  # alice's, changed last, kept; Alice K's factual went
        (0, 40, "bob", "opinion", ""),
        (0, 40, "gold", "factual", "Alice K"),  # her review decision is hers under the new name
        (41, 84, "Alice K", "opinion", ""),
    ]
    assert project.annotators() == ["Alice K", "bob", "gold"]
    assert project.reviewers() == ["Alice K"]
    # The suggestion records follow the claims: the kept claim's, never the removed one's.
    checks = (
        store_of(project)
        .conn.execute('SELECT start, "end", annotator, confidence FROM label_checks ORDER BY start')
        .fetchall()
    )
    assert checks == [(0, 40, "Alice K", 0.9), (41, 84, "Alice K", 0.6)]
    assert people(project) == ["Alice K", "bob"]

    project.revert(command)  # Ctrl+Z: every row as it was, the removed claim under its own id
    assert _dump(project) == before
    project.execute(command)  # and Ctrl+Shift+Z again
    assert [c.annotator for c in project.claims()].count("alice") == 0


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("alice", "Gold", "kept for reviewers' decisions"),
        ("alice", "  ", "blank"),
        ("alice", "Ali\nce", "one line"),
        ("alice", "x" * 101, "at most 100 characters"),
        ("alice", " alice ", "has that name already"),
        ("carol", "Carol", "nobody is named 'carol' in team.db; its people are: Alice K, alice, bob"),
        ("gold", "Reviewers", "cannot be renamed"),
    ],
)
def test_a_refused_rename_says_why_and_leaves_the_project_as_it_was(
    project: Project, old: str, new: str, said: str
) -> None:
    before = _dump(project)
    with pytest.raises(UserError, match=said.replace("(", r"\(")):
        rename_annotator(project, old, new)
    assert _dump(project) == before


def test_a_rename_that_fails_half_way_leaves_the_project_as_it_was(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: the claims renamed before a failure on the last write are not left renamed."""
    before = _dump(project)
    store = store_of(project)
    write = type(store)._write

    def failing(self: object, sql: str, params: object = ()) -> object:
        if sql.startswith("DELETE FROM annotators"):
            raise UserError("the disk went away")
        return write(self, sql, params)  # type: ignore[arg-type]

    monkeypatch.setattr(type(store), "_write", failing)
    with pytest.raises(UserError, match="disk went away"):
        rename_annotator(project, "alice", "Alice K")
    monkeypatch.undo()
    assert _dump(project) == before


@pytest.mark.parametrize(
    ("elsewhere", "said"),
    [
        (
            lambda other, article: _claim(other, article, (41, 84), "factual", "Alice K"),
            "What Alice K labelled",
        ),
        (lambda other, article: rename_annotator(other, "Alice K", "Alice Kay"), "What Alice K labelled"),
        (lambda other, article: _claim(other, article, (41, 84), "factual", "alice"), "What alice labelled"),
    ],
    ids=["labelled as the new name", "renamed again", "labelled as the old name"],
)
def test_the_undo_of_a_rename_is_refused_when_another_window_changed_that_person_since(
    project: Project, tmp_path: Path, elsewhere: object, said: str
) -> None:
    """Ctrl+Z of a rename after another window labelled as the new name left that label to a
    person who no longer existed under it (two people again); after a second rename it put
    nothing back and said it was undone; after a label as the old name it failed on the clash."""
    article = project.article_ids()[0]
    _claim(project, article, (41, 84), "factual", "bob")  # bob's own words, no clash with alice's
    command = renaming(project, "alice", "Alice K")
    project.execute(command)
    with open_project(tmp_path / "team.db", create=False) as other:
        elsewhere(other, article)  # type: ignore[operator]
    before = _dump(project)
    with pytest.raises(ChangedMeanwhile, match=f"{said} was changed elsewhere since"):
        project.revert(command)
    assert _dump(project) == before


def test_a_merge_of_a_copy_handed_out_before_a_rename_brings_its_labels_in_under_the_new_name(
    project: Project, tmp_path: Path
) -> None:
    """alice was renamed "Alice K" in the team file; her own copy, handed out before, still
    says alice. Its merge brought alice back as a second person beside Alice K, labels and
    review decisions with her, and the rename was undone in all but name."""
    from annotator.services.merging import merge_files

    project.save_copy(tmp_path / "alice.db")  # handed out before the rename
    with open_project(tmp_path / "alice.db", create=False) as copy:
        article = copy.article_ids()[0]
        later = Claim(article, 41, 84, ClaimLabel.QUESTIONABLE, "alice")
        copy.execute(AddClaim(later))  # her label changed on her laptop
        copy.execute(DecideGold(article, (0, 40), ClaimLabel.OPINION, reviewer="alice"))
    rename_annotator(project, "alice", "Alice K")
    assert project.renames() == {"alice": "Alice K"}

    (report,) = merge_files(project, [tmp_path / "alice.db"])
    assert (
        "alice's labels came in as Alice K's (alice was renamed Alice K in the team file)" in report.summary()
    )
    assert report.to_dict()["renamed"] == {"alice": "Alice K"}
    assert project.annotators() == ["Alice K", "bob", "gold"]
    assert people(project) == ["Alice K", "bob"]
    assert "alice" not in {c.decided_by for c in project.claims()}
    assert "opinion (decided by Alice K)" in str(report.conflicts)  # her decision, by her name now


def test_renames_are_kept_flat_and_an_undo_gives_the_record_back(project: Project) -> None:
    """alice to "Alice K", then "Alice K" to Ann: a copy saying either old name is Ann's. Ann
    back to "Alice K" makes "Alice K" a name in use again, so it is no longer an old one."""
    rename_annotator(project, "alice", "Alice K")
    command = renaming(project, "Alice K", "Ann")
    project.execute(command)
    assert project.renames() == {"alice": "Ann", "Alice K": "Ann"}
    back = renaming(project, "Ann", "Alice K")
    project.execute(back)
    assert project.renames() == {"alice": "Alice K", "Ann": "Alice K"}
    project.revert(back)
    project.revert(command)
    assert project.renames() == {"alice": "Alice K"}


def bobs_files(folder: Path) -> tuple[Path, Path]:
    """(bob.db, bob-old.db): bob labelled as "bobby", a copy of his file was handed out, then
    he renamed bobby to bob in his own file and labelled again."""
    with open_project(folder / "bob.db") as bob:
        (article,) = bob.import_texts([TEXT]).added
        _claim(bob, article, (0, 40), "factual", "bobby")
        bob.save_copy(folder / "bob-old.db")
        rename_annotator(bob, "bobby", "bob")
        _claim(bob, article, (41, 84), "opinion", "bob")
        assert bob.renames() == {"bobby": "bob"}
    return folder / "bob.db", folder / "bob-old.db"


def test_a_rename_made_in_a_merged_file_reaches_the_team_file_so_an_older_copy_comes_in_renamed(
    tmp_path: Path,
) -> None:
    """bob renamed "bobby" to bob in his own file. The team file learnt nothing of it, so a
    merge of the copy handed out before the rename brought bobby back beside bob: two people in
    agreement, the dashboard and every export."""
    from annotator.services.merging import merge_files

    new, old = bobs_files(tmp_path)
    with open_project(tmp_path / "team.db") as team:
        (report,) = merge_files(team, [new])
        assert team.renames() == {"bobby": "bob"}
        assert report.to_dict()["renames_carried"] == {"bobby": "bob"}
        assert "bobby was renamed bob in this file, which the team file now knows" in report.summary()
        (again,) = merge_files(team, [old])
        assert team.annotators() == ["bob"]
        assert "bobby's labels came in as bob's" in again.summary()
        assert _who(team) == [(0, 40, "bob", "factual", ""), (41, 84, "bob", "opinion", "")]


def test_a_merged_files_rename_the_team_file_cannot_take_is_said_and_the_team_files_kept(
    tmp_path: Path,
) -> None:
    """A rename the team file records otherwise, one that would undo the team's own, and one whose
    old name the team file still has as a person are not carried; each is said in plain words."""
    from annotator.services.merging import merge_files

    new, old = bobs_files(tmp_path)
    # The copy handed out before the rename came first: bobby is a person in the team file.
    with open_project(tmp_path / "first.db") as team:
        merge_files(team, [old])
        (report,) = merge_files(team, [new])
        assert team.renames() == {}
        assert team.annotators() == ["bob", "bobby"]
        assert report.renames_not_carried == {"bobby": "bob"}
        assert (
            "bobby was renamed bob in this file, but the team file still has bobby as a person:"
            " rename bobby to bob in the team file to make them one"
        ) in report.summary()
    # The team file renamed bobby otherwise: its own record stands, and the merge says so.
    with open_project(tmp_path / "other.db") as team:
        merge_files(team, [old])
        rename_annotator(team, "bobby", "Robert")
        (report,) = merge_files(team, [new])
        assert team.renames() == {"bobby": "Robert"}
        assert [str(c) for c in report.conflicts] == [
            f"the team file: rename differs (bobby was renamed Robert in the team file but bob in {new};"
            " bobby's labels come in as Robert's); kept the team file's value"
        ]
    # The team file renamed bob to bobby: bob's file's rename would make a loop.
    with open_project(tmp_path / "loop.db") as team:
        (article,) = team.import_texts([TEXT]).added
        _claim(team, article, (0, 40), "factual", "bob")
        rename_annotator(team, "bob", "bobby")
        (report,) = merge_files(team, [new])
        assert team.renames() == {"bob": "bobby"}
        assert [c.detail for c in report.conflicts] == [
            f"{new} renamed bobby to bob, but the team file renamed bob to bobby"
        ]
        with open_project(tmp_path / "loop.db", create=False):  # and it still opens
            pass


def test_the_undo_of_a_rename_is_refused_once_a_merge_recorded_another_name_for_it(tmp_path: Path) -> None:
    """The team renamed bobby to bob; a merge then carried robert's file's own rename of robert
    to bob. Ctrl+Z of the team's rename went ahead and left robert recorded as bob's old name,
    bob no longer a person: a later merge of robert's older copy filed his labels under bob."""
    from annotator.core.commands import DeleteClaim
    from annotator.services.merging import merge_files

    with open_project(tmp_path / "team.db") as team:
        (article,) = team.import_texts([TEXT]).added
        _claim(team, article, (0, 40), "factual", "bobby")
        team.save_copy(tmp_path / "robert.db")
        with open_project(tmp_path / "robert.db", create=False) as robert:
            _claim(robert, article, (41, 84), "opinion", "robert")
            rename_annotator(robert, "robert", "bob")
            (his,) = [c for c in robert.claims() if c.start == 41]
            assert his.id is not None
            robert.execute(DeleteClaim(his.id))  # nothing of his comes in: only the record
        command = renaming(team, "bobby", "bob")
        team.execute(command)
        (report,) = merge_files(team, [tmp_path / "robert.db"])
        assert report.renames_carried == {"robert": "bob"}
        before = (_dump(team), team.renames())

        with pytest.raises(ChangedMeanwhile) as refused:
            team.revert(command)
        assert str(refused.value) == (
            "To call bob bobby again, rename bob to bobby (Team ▸ Rename a Person…): the record of"
            " renames has since learnt that robert became bob too (by a merge or another window), and"
            " undone, a later merge would still file robert's labels under bob, not bobby"
        )
        assert (_dump(team), team.renames()) == before
        # The way it says: the record follows the rename back.
        rename_annotator(team, "bob", "bobby")
        assert team.renames() == {"robert": "bobby", "bob": "bobby"}
        assert people(team) == ["bobby"]
