"""Item 4: merge validates every row it copies exactly as import validates input.

Offsets outside the text, floats, strings, BLOB text, non-object meta, labels outside the
three and huge blobs were copied into the team file (whose export then failed for good);
content hashes were taken from the file, so a crafted file could attach claims to another
text or pre-register a text; every cached analysis was copied; guidelines came in silently;
Cancel only worked between articles.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.errors import Cancelled, ProjectFileError
from annotator.core.text import content_hash
from annotator.services.merging import merge_files
from annotator.services.project import store_of
from tests.security.conftest import TEXT, descriptors_of, make_project, one_line, raw, run_main, snapshot

OTHER = "A completely different text about the weather in Lisbon this week."


def _edit(path: Path, *statements: str) -> None:
    conn = raw(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for statement in statements:
        conn.execute(statement)
    conn.close()


CRAFTED: dict[str, Callable[[Path], None]] = {
    "trigger": lambda p: _edit(p, "CREATE TRIGGER t AFTER INSERT ON claims BEGIN DELETE FROM claims; END"),
    "view in place of a table": lambda p: _edit(
        p,
        "DROP TABLE analysis_cache",
        "CREATE VIEW analysis_cache(content_hash, pipeline_name, pipeline_version, payload) AS"
        " WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
        " SELECT x, 'p', 'v', zeroblob(1e6) FROM c",
    ),
    "out-of-range span": lambda p: _edit(p, 'UPDATE claims SET "end" = 100000'),
    "forged hash": lambda p: _edit(p, f"UPDATE articles SET content_hash = '{content_hash(OTHER)}'"),
    "100 MB blob": lambda p: _edit(p, "UPDATE claims SET note = zeroblob(100 * 1024 * 1024)"),
    "float offset": lambda p: _edit(p, "UPDATE claims SET start = 1.5"),
    "string offset": lambda p: _edit(p, "UPDATE claims SET start = 'two'"),
    "BLOB text": lambda p: _edit(p, "UPDATE articles SET title = CAST('a title' AS BLOB)"),
    "non-object meta": lambda p: _edit(p, "UPDATE articles SET meta = '[1, 2]'"),
    "NaN in meta": lambda p: _edit(p, "UPDATE articles SET meta = '{\"x\": NaN}'"),
    "label outside the three": lambda p: _edit(p, "UPDATE claims SET label = 'maybe'"),
    "NUL in a note": lambda p: _edit(p, "UPDATE claims SET note = 'a' || char(0) || 'b'"),
    "claim of an annotator the file does not list": lambda p: _edit(
        p, "UPDATE claims SET annotator = 'ghost'"
    ),
    # A merge carries the file's renames into the team file (`store.merge._carry_renames`).
    "rename to gold": lambda p: _edit(p, "INSERT INTO renames(old, new) VALUES ('bo', 'gold')"),
    "rename of gold": lambda p: _edit(p, "INSERT INTO renames(old, new) VALUES ('gold', 'bo')"),
    "renames in a loop": lambda p: _edit(
        p, "INSERT INTO renames(old, new) VALUES ('bo', 'al'), ('al', 'bo')"
    ),
    "renames in a chain": lambda p: _edit(
        p, "INSERT INTO renames(old, new) VALUES ('bo', 'al'), ('al', 'cy')"
    ),
    "speaker name without a speaker": lambda p: _edit(
        p, "INSERT INTO quotes(article_id, start, \"end\", speaker_name) VALUES (1, 0, 5, 'x')"
    ),
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_a_crafted_source_is_refused_and_the_team_file_keeps_every_byte(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    source = make_project(tmp_path / "alice.db")
    CRAFTED[name](source)
    before = snapshot(team)
    result = run_main(capsys, "merge", str(team), str(source))
    assert result.returncode == 1, result.stderr
    line = one_line(result.stderr)
    assert str(source) in line
    assert snapshot(team) == before


def test_only_the_added_articles_cached_analyses_come_in(tmp_path: Path) -> None:
    team = make_project(tmp_path / "team.db", texts=(OTHER,))
    source = make_project(tmp_path / "alice.db", texts=(TEXT, OTHER))
    payload = '{"entities": [], "quotes": [], "candidates": [], "sentences": [[0, 5]]}'
    stray = content_hash("A text that is in neither file.")
    _edit(
        source,
        "INSERT INTO analysis_cache VALUES"
        f" ('{content_hash(TEXT)}', 'p', '1', '{payload}'),"
        f" ('{content_hash(OTHER)}', 'p', '1', '{payload}'),"
        f" ('{stray}', 'p', '1', '{payload}')",
    )
    with open_project(team) as project:
        merge_files(project, [source])
        cached = {row[0] for row in store_of(project).conn.execute("SELECT content_hash FROM analysis_cache")}
    assert cached == {content_hash(TEXT)}


def test_other_guidelines_are_a_conflict_and_are_not_copied(tmp_path: Path) -> None:
    team = make_project(tmp_path / "team.db")
    source = make_project(tmp_path / "alice.db")
    _edit(
        source, "INSERT INTO meta(key, value) VALUES ('guidelines', '# Ours\n<img src=\"file:///dev/zero\">')"
    )
    with open_project(team) as project:
        (report,) = merge_files(project, [source])
        assert project.get_meta("guidelines") is None
    assert [c.kind for c in report.conflicts] == ["guidelines"]


def test_cancel_stops_a_merge_at_any_stage(tmp_path: Path) -> None:
    """One article with thousands of claims: Cancel used to be asked only between articles."""
    team = make_project(tmp_path / "team.db", texts=(OTHER,))
    source = make_project(tmp_path / "alice.db")
    _edit(
        source,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
        ' INSERT INTO claims(article_id, start, "end", label, annotator, created_at, updated_at)'
        " SELECT 1, 0, 5 + i % 50, 'opinion', 'ann' || i, '2024', '2024' FROM n",
        "INSERT INTO annotators SELECT DISTINCT annotator, '2024' FROM claims WHERE annotator != 'ana'",
    )
    before = snapshot(team)
    asked = 0

    def cancel() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3  # past the single article, in the middle of the claims

    with open_project(team) as project, pytest.raises(Cancelled):
        merge_files(project, [source], cancel=cancel)
    assert snapshot(team) == before


def test_a_good_source_still_merges(tmp_path: Path) -> None:
    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    source = make_project(tmp_path / "alice.db")
    with open_project(team) as project:
        (report,) = merge_files(project, [source])
        assert report.articles_added == 1 and report.claims_added == 1
    with pytest.raises(ProjectFileError):
        _edit(source, "CREATE VIEW v AS SELECT 1")
        with open_project(team) as project:
            merge_files(project, [source])


ROW_OF_ITS_OWN: dict[str, tuple[str, str]] = {
    "claims": ("UPDATE claims SET label = 'maybe' WHERE id = 3", "claims row 3: "),
    "label_checks": (
        "INSERT INTO label_checks VALUES (1, 0, 12, 'ana', 'factual', 0.5), (1, 13, 20, 'ana', 'opinion', 7)",
        "label_checks row 2: ",
    ),
    "gold_no_claim": (
        "INSERT INTO gold_no_claim VALUES (1, 0, 12, 'dana', '2024'), (1, 13, 100000, 'dana', '2024')",
        "gold_no_claim row 2: ",
    ),
    "entities": (
        'INSERT INTO entities(article_id, start, "end", label, status, model)'
        " VALUES (1, 0, 3, 'ORG', 'suggested', 'm'), (1, 4, 12, 'ORG', 'maybe', 'm')",
        "entities row 2: ",
    ),
}


@pytest.mark.parametrize("table", sorted(ROW_OF_ITS_OWN))
def test_a_refusal_names_the_rows_own_id_not_its_articles(
    table: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every row here is in article 1: the message named `row 1` whichever row was bad."""
    source = make_project(tmp_path / "alice.db")
    with open_project(source) as project:
        project.add_claim(1, 13, 20, "opinion", annotator="ana")
        project.add_claim(1, 21, 30, "opinion", annotator="ana")
    statement, said = ROW_OF_ITS_OWN[table]
    _edit(source, statement)
    with open_project(tmp_path / "team.db") as team, pytest.raises(ProjectFileError) as refused:
        merge_files(team, [source])
    assert said in str(refused.value)
    if table == "claims":  # `annotator stats` names the same row
        assert said in one_line(run_main(capsys, "stats", str(source)).stderr)


def test_a_claim_whose_annotator_is_missing_refuses_the_file(tmp_path: Path) -> None:
    """Edited with foreign keys off: the insert into the team file failed its foreign key, an
    internal error (exit 3) instead of the refusal `stats` gives the same file."""
    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    source = make_project(tmp_path / "alice.db")
    _edit(source, "UPDATE claims SET annotator = 'ghost'")
    before = snapshot(team)
    with open_project(team) as project, pytest.raises(ProjectFileError) as refused:
        merge_files(project, [source])
    said = "claims row 1: annotator 'ghost' is not one of the project's annotators; nothing was merged"
    assert str(refused.value) == f"{source}: {said}"
    assert snapshot(team) == before


def test_any_integrity_error_in_a_merge_refuses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule of the team file that no check of the source knows of is the source's fault too."""
    from annotator.store import merge

    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    source = make_project(tmp_path / "alice.db")
    _edit(source, "UPDATE claims SET annotator = 'ghost'")
    monkeypatch.setattr(merge, "_claim_check", lambda *_args: None)  # as if no check knew the rule
    before = snapshot(team)
    with (
        open_project(team) as project,
        pytest.raises(ProjectFileError, match="nothing was merged") as refused,
    ):
        merge_files(project, [source])
    assert str(source) in str(refused.value) and "FOREIGN KEY" in str(refused.value)
    assert snapshot(team) == before


def test_a_truncated_source_is_refused_as_damaged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The end of the source's read snapshot failed on the damaged file as well, and that
    error hid the refusal: "internal error", exit 3."""
    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    whole = make_project(tmp_path / "alice.db")
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(whole.read_bytes()[:8192])
    before = snapshot(team)
    result = run_main(capsys, "merge", str(team), str(truncated))
    assert result.returncode == 1, result.stderr
    line = one_line(result.stderr)
    assert line.startswith(f"annotator: {truncated}: is damaged or not a project file"), line
    assert snapshot(team) == before


def test_a_value_that_is_not_utf8_is_refused_naming_its_row_as_stats_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes written into a note from outside: merge said only "claims: a value is not valid
    UTF-8 text", while `stats` and `export` of the same file said "claims row 3: note ...", so
    the person repairing the file had to look for the row with another command."""
    source = make_project(tmp_path / "alice.db")
    with open_project(source) as project:
        project.add_claim(1, 13, 20, "opinion", annotator="ana")
        project.add_claim(1, 21, 30, "opinion", annotator="ana")
    _edit(source, "UPDATE claims SET note = CAST(x'ff' AS TEXT) WHERE id = 3")
    stats_said = one_line(run_main(capsys, "stats", str(source)).stderr)
    assert "claims row 3: note is not UTF-8 text" in stats_said
    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    before = snapshot(team)
    result = run_main(capsys, "merge", str(team), str(source))
    assert result.returncode == 1
    said = one_line(result.stderr)
    assert f"{source}: claims row 3: note is not UTF-8 text" in said and "nothing was merged" in said
    assert snapshot(team) == before


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open files are listed by Linux's /proc")
@pytest.mark.parametrize(
    "crafted",
    [
        "UPDATE articles SET title = CAST(x'eda0bd' AS TEXT)",
        "UPDATE claims SET note = CAST(x'ff' AS TEXT)",
    ],
)
def test_a_source_refused_for_text_that_is_not_utf8_is_let_go_at_once(crafted: str, tmp_path: Path) -> None:
    """The read that failed left its statement alive in the refusal's traceback, and SQLite keeps
    a connection with a live statement open: for as long as the refusal lived (a cycle through
    its traceback, freed by Python's collector minutes later in a quiet window), the source and
    its deleted `-wal`/`-shm` stayed open."""
    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    source = make_project(tmp_path / "alice.db")
    _edit(source, crafted)
    before = snapshot(source)
    with (
        open_project(team) as project,
        pytest.raises(ProjectFileError, match="is not UTF-8 text") as refused,
    ):
        merge_files(project, [source])
    assert str(source) in str(refused.value)
    assert descriptors_of(source) == []  # while the refusal is still held
    assert snapshot(source) == before


# A value that is not UTF-8 text in the team file's own rows that a merge reads, with the row
# the refusal names (the team file's: written from outside, as a source's can be).
TEAM_NOT_UTF8 = {
    "article title": ("UPDATE articles SET title = CAST(x'eda0bd' AS TEXT)", "articles row 1: title"),
    "article source": ("UPDATE articles SET source = CAST(x'ff' AS TEXT)", "articles row 1: source"),
    "article meta": ("UPDATE articles SET meta = CAST(x'ff' AS TEXT)", "articles row 1: meta"),
    "claim note": ("UPDATE claims SET note = CAST(x'ff' AS TEXT)", "claims row 1: note"),
    "entity label": (
        'INSERT INTO entities(article_id, start, "end", label, status, model)'
        " VALUES (1, 0, 3, CAST(x'ff' AS TEXT), 'suggested', 'm')",
        "entities row 1: label",
    ),
}


@pytest.mark.parametrize("case", sorted(TEAM_NOT_UTF8))
def test_a_team_file_holding_text_that_is_not_utf8_refuses_the_merge_naming_its_row(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every merge into such a team file ended in "internal error", exit 3, where `stats` of
    the same file named the row to repair."""
    crafted, where = TEAM_NOT_UTF8[case]
    team = make_project(tmp_path / "team.db")
    source = make_project(tmp_path / "alice.db", annotator="bo")
    _edit(team, crafted)
    before = snapshot(team), snapshot(source)
    result = run_main(capsys, "merge", str(team), str(source))
    assert result.returncode == 1, result.stderr
    said = one_line(result.stderr)
    assert f"{team}: {where} is not UTF-8 text" in said, said
    assert (snapshot(team), snapshot(source)) == before


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open files are listed by Linux's /proc")
def test_a_team_file_refused_for_text_that_is_not_utf8_is_closed_at_once(tmp_path: Path) -> None:
    """The team's read that failed lived on in the refusal's traceback, and SQLite does not
    close a connection while a statement of it lives: the window's merge, which opens the team
    file on its own connection, left it (and its -wal and -shm) open after it was closed."""
    team = make_project(tmp_path / "team.db")
    source = make_project(tmp_path / "alice.db", annotator="bo")
    _edit(team, TEAM_NOT_UTF8["article source"][0])
    with (
        pytest.raises(ProjectFileError, match="articles row 1: source is not UTF-8 text") as refused,
        open_project(team, create=False) as project,
    ):
        merge_files(project, [source])
    assert Path(refused.value.path) == team
    assert descriptors_of(team) == []  # while the refusal is still held


BAD_CACHES = {
    "entity outside the text": '\'{"entities": [[0, 9999, "ORG"]], "quotes": [], "candidates": []}\'',
    "not UTF-8": "CAST(x'eda0bd' AS TEXT)",
    "larger than any row": "zeroblob(65 * 1024 * 1024)",
}


@pytest.mark.parametrize("case", sorted(BAD_CACHES))
def test_a_bad_cached_analysis_is_left_out_of_a_merge_with_a_warning(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cache can be rebuilt: its bad row refused the whole merge ("nothing was merged"), while
    opening the same file only ignores it with a warning."""
    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    source = make_project(tmp_path / "alice.db", texts=(TEXT, "A third text, on the harbour."))
    good = '{"entities": [], "quotes": [], "candidates": [], "sentences": [[0, 5]]}'
    _edit(
        source,
        f"INSERT INTO analysis_cache VALUES ('{content_hash(TEXT)}', 'p', '1', {BAD_CACHES[case]}),"
        f" ('{content_hash('A third text, on the harbour.')}', 'p', '1', '{good}')",
    )
    result = run_main(capsys, "merge", str(team), str(source))
    assert result.returncode == 0, result.stderr
    (warning,) = result.stderr.strip().splitlines()
    assert str(source) in warning and "analysis_cache row 1 is ignored" in warning
    with open_project(team, create=False) as project:
        assert {c.annotator for c in project.claims()} == {"ana", "bo"}
        cached = {row[0] for row in store_of(project).conn.execute("SELECT content_hash FROM analysis_cache")}
    assert cached == {content_hash("A third text, on the harbour.")}


def test_many_bad_cached_analyses_of_a_merge_are_said_in_a_few_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = tuple(f"Article number {n} of the week." for n in range(15))
    team = make_project(tmp_path / "team.db", texts=(OTHER,), annotator="bo")
    source = make_project(tmp_path / "alice.db", texts=texts)
    bad = '\'{"entities": [[0, 9999, "ORG"]], "quotes": [], "candidates": []}\''
    _edit(
        source,
        "INSERT INTO analysis_cache VALUES "
        + ", ".join(f"('{content_hash(text)}', 'p', '1', {bad})" for text in texts),
    )
    result = run_main(capsys, "merge", str(team), str(source))
    assert result.returncode == 0, result.stderr
    said = result.stderr.strip().splitlines()
    assert len(said) == 11 and all("analysis_cache row" in line for line in said)
    assert "more analysis_cache rows are ignored" in said[-1]
