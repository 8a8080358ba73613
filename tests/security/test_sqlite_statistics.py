"""SQLite's own statistics tables in a project: accepted exactly as SQLite makes them, and only so.

`ANALYZE;` or `PRAGMA optimize;` in the sqlite3 shell, DB Browser for SQLite, Datasette or
sqlite-utils' `db.analyze()` add `sqlite_stat1` to the file, and the exact-schema check refused
the genuine project everywhere: "is not an annotator project: it holds a table 'sqlite_stat1'
the app never makes". A table of that name that SQLite did not make, or anything hung on it,
is still refused with the words it was before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator import open_project
from annotator.cli import main
from annotator.core.errors import ProjectFileError
from annotator.services.merging import merge_files
from tests.security.conftest import TEXT, make_project, one_line, raw, snapshot

OTHER = "A completely different text about the weather in Lisbon this week."


def analyzed(path: Path) -> Path:
    """`path` with what a data scientist's `ANALYZE;` in the sqlite3 shell leaves in the file."""
    conn = raw(path)
    conn.execute("ANALYZE")
    assert conn.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0
    conn.close()
    return path


def _forge(path: Path, name: str, sql: str) -> None:
    """A table named `name` with the SQL `sql`, as only `writable_schema` can make one."""
    conn = raw(path)
    conn.execute("CREATE TABLE forged(a, b, c, d, e, f)")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET name = ?, tbl_name = ?, sql = ? WHERE name = 'forged'", (name, name, sql)
    )
    conn.close()


def _names(path: Path) -> set[str]:
    conn = raw(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_an_analyzed_project_opens_and_keeps_its_labels(tmp_path: Path) -> None:
    path = analyzed(make_project(tmp_path / "p.db"))
    with open_project(path, create=False) as project:
        (article,) = project.articles()
        assert [(c.start, c.end, c.label) for c in project.claims(article.id)] == [(0, 12, "factual")]


def test_the_cli_reads_and_exports_an_analyzed_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = analyzed(make_project(tmp_path / "p.db"))
    assert main(["stats", str(path)]) == 0, capsys.readouterr().err
    out = tmp_path / "out.jsonl"
    assert main(["export", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    (line,) = out.read_text("utf-8").splitlines()
    assert json.loads(line)["text"] == TEXT


def test_an_analyzed_source_merges_and_its_statistics_stay_out_of_the_team_file(tmp_path: Path) -> None:
    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    source = analyzed(make_project(tmp_path / "alice.db"))
    with open_project(team, create=False) as project:
        (report,) = merge_files(project, [source])
        assert report.articles_added == 1 and report.claims_added == 1
    assert "sqlite_stat1" not in _names(team)


def test_an_analyzed_team_file_takes_a_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = analyzed(make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo"))
    source = make_project(tmp_path / "alice.db")
    assert main(["merge", str(team), str(source)]) == 0, capsys.readouterr().err
    with open_project(team, create=False) as project:
        assert len(project.articles()) == 2


def test_sqlite_stat4_as_a_stat4_build_makes_it_is_accepted(tmp_path: Path) -> None:
    path = analyzed(make_project(tmp_path / "p.db"))
    _forge(path, "sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)")
    with open_project(path, create=False) as project:
        assert len(project.articles()) == 1


REFUSED = {
    "sqlite_stat1 with another column": (
        "CREATE TABLE sqlite_stat1(tbl,idx,stat,extra)",
        "it holds a table 'sqlite_stat1' the app never makes; it was refused unread",
    ),
    "sqlite_stat4 with other columns": (
        "CREATE TABLE sqlite_stat4(tbl,idx,stat)",
        "it holds a table 'sqlite_stat4' the app never makes; it was refused unread",
    ),
    "sqlite_stat3 of an old SQLite": (
        "CREATE TABLE sqlite_stat3(tbl,idx,neq,nlt,ndlt,sample)",
        "it holds a table 'sqlite_stat3' the app never makes; it was refused unread",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_statistics_table_sqlite_did_not_make_is_refused_as_before(case: str, tmp_path: Path) -> None:
    sql, said = REFUSED[case]
    path = make_project(tmp_path / "p.db")
    name = sql.split()[2].split("(")[0]
    _forge(path, name, sql)
    before = snapshot(path)
    with pytest.raises(ProjectFileError) as info:
        open_project(path, create=False)
    assert str(info.value) == f"{path}: is not an annotator project: {said}"
    assert snapshot(path) == before


def test_a_trigger_beside_sqlite_stat1_is_refused_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = analyzed(make_project(tmp_path / "p.db"))
    conn = raw(path)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON entities BEGIN DELETE FROM claims; END")
    conn.close()
    before = snapshot(path)
    assert main(["stats", str(path)]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"annotator: {path}: is not an annotator project: it holds a trigger ('wipe'), which the app"
        " never makes; it was refused unread"
    )
    assert snapshot(path) == before


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO sqlite_master VALUES ('trigger', 'wipe', 'sqlite_stat1', 0,"
        " 'CREATE TRIGGER wipe AFTER INSERT ON sqlite_stat1 BEGIN DELETE FROM claims; END')",
        "INSERT INTO sqlite_master VALUES ('index', 'by_table', 'sqlite_stat1', 0,"
        " 'CREATE INDEX by_table ON sqlite_stat1(tbl)')",
    ],
)
def test_an_object_hung_on_sqlite_stat1_is_refused(sql: str, tmp_path: Path) -> None:
    """A trigger SQLite itself will not read; an index the exact-schema check refuses."""
    path = analyzed(make_project(tmp_path / "p.db"))
    conn = raw(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(sql)
    conn.close()
    before = snapshot(path)
    with pytest.raises(ProjectFileError) as info:
        open_project(path, create=False)
    assert "not a project file" in str(info.value) or "not an annotator project" in str(info.value)
    assert snapshot(path) == before
