"""A merge source with a `-wal` beside it that is not its own: refused, with words that say so.

SQLite ties a `-wal` to its database by name only (the salts and checksums it checks are the
`-wal`'s own), so one left beside a copied file is read into it: another project's merged that
project's articles under the file's name, an older copy's merged the older labels in place of
the newer, without a word, and a non-project database's refused the file as "not an annotator
project".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.core.errors import ProjectFileError
from annotator.services.merging import merge_files
from annotator.services.project import open_project, store_of
from tests.security.conftest import make_project, one_line, snapshot
from tests.store.stray_wals import a_databases_wal, a_larger_projects_later_wal, another_projects_wal

TEXTS = [f"Article {i} says the minister lied about the prices. " * 3 for i in range(20)]


def _left_beside(source: Path, wal: Path) -> None:
    """Put `wal` (a `-wal` that holds pages) beside `source`, as a copy left it there."""
    assert wal.stat().st_size > 0
    shutil.copyfile(wal, source.with_name(source.name + "-wal"))


def _an_older_copys_wal(tmp_path: Path, source: Path) -> None:
    """`source` as its annotator sends it now, beside the `-wal` of a copy taken while she worked."""
    home = tmp_path / "alice"
    home.mkdir()
    with open_project(home / source.name) as alice:
        ids = alice.import_texts(TEXTS).added
        alice.add_claim(ids[0], 0, 7, "factual", annotator="alice")
        old_wal = tmp_path / "old-wal"
        shutil.copyfile(home / f"{source.name}-wal", old_wal)
        for article_id in ids[1:]:
            alice.add_claim(article_id, 0, 7, "opinion", annotator="alice")
    shutil.copyfile(home / source.name, source)
    _left_beside(source, old_wal)


@pytest.mark.parametrize(
    "stray", ["another project's", "an older copy's", "a database's", "a label of another project's"]
)
def test_a_wal_that_is_not_the_sources_own_refuses_the_merge_and_says_so(tmp_path: Path, stray: str) -> None:
    source = tmp_path / "a.annotator"
    if stray == "an older copy's":
        _an_older_copys_wal(tmp_path, source)
    else:
        make_project(source, texts=("Bob's only article, with his claim.",), annotator="bob")
        if stray == "a database's":
            wal = a_databases_wal(tmp_path)
        elif stray == "another project's":
            wal = another_projects_wal(tmp_path)
        else:  # her label and an import, without the page that names her project: merged unsaid
            wal = a_larger_projects_later_wal(tmp_path, growing=True)
        _left_beside(source, wal)
    team_path = make_project(tmp_path / "team.annotator", texts=("The team's article.",), annotator="dana")
    before = snapshot(team_path)
    with open_project(team_path) as team, pytest.raises(ProjectFileError) as refused:
        merge_files(team, [source])
    assert one_line(str(refused.value)) == (
        f"{source}: the file a.annotator-wal beside it does not belong to this copy of the project (it is "
        "left from another project or an older copy), and SQLite would read it into the project; nothing "
        "was merged. Move a.annotator-wal into another folder (keep it) and merge again"
    )
    assert snapshot(team_path) == before
    # Moved aside as told, the file merges as it is.
    source.with_name("a.annotator-wal").rename(tmp_path / "kept-wal")
    with open_project(team_path) as team:
        [report] = merge_files(team, [source])
    assert report.claims_added == (20 if stray == "an older copy's" else 1)


def test_a_copy_taken_with_its_own_wal_merges_the_work_in_the_wal(tmp_path: Path) -> None:
    """A file copied while its annotator worked, its `-wal` with it: the `-wal` is its own."""
    home = tmp_path / "alice"
    home.mkdir()
    source = tmp_path / "a.annotator"
    with open_project(home / "a.annotator") as alice:
        for article_id in alice.import_texts(TEXTS).added:
            alice.add_claim(article_id, 0, 7, "factual", annotator="alice")
        shutil.copyfile(home / "a.annotator", source)
        _left_beside(source, home / "a.annotator-wal")
    with open_project(tmp_path / "team.annotator") as team:
        [report] = merge_files(team, [source])
    assert (report.articles_added, report.claims_added) == (20, 20)


def test_the_wal_of_a_project_open_in_another_annotator_is_its_own(tmp_path: Path) -> None:
    """Open elsewhere, a project's file alone may hold a label newer than any read through its
    `-wal`: one checkpointed into the file and deleted since. The merge reads what is there now."""
    source = tmp_path / "a.annotator"
    with open_project(source) as alice:
        [article] = alice.import_texts(TEXTS[:1]).added
        alice.add_claim(article, 0, 7, "factual", annotator="alice")
        alice.add_claim(article, 8, 12, "opinion", annotator="alice")
        store_of(alice).conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        [newest] = [claim for claim in alice.claims(article) if claim.start == 8]
        alice.delete_claim(newest.id)
        with open_project(tmp_path / "team.annotator") as team:
            [report] = merge_files(team, [source])
    assert (report.articles_added, report.claims_added) == (1, 1)
