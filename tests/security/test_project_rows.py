"""Hostile rows inside a project file whose schema is exactly the app's.

Whoever made the file could write rows that break its own CHECK and foreign-key constraints
(`PRAGMA ignore_check_constraints=ON`, `foreign_keys=OFF`) or hold the wrong types (SQLite's
flexible typing). Such rows made `stats` count a bad claim silently and `export` exit 3. Now a
row the app cannot show is refused with one line naming the table and row (exit 1), and a row
the app can do without (a cached analysis, a suggestion, a model) is ignored with one warning.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.errors import ProjectFileError
from annotator.core.model import Analysis, ClaimCandidate, Entity, PipelineInfo, Quote, Speaker
from annotator.core.suggestions import Suggestion
from annotator.services.project import store_of
from annotator.services.statistics import team_stats
from annotator.services.suggestions import article_suggestions, current_model
from annotator.store.merge import gold_decisions, set_gold
from annotator.store.suggestions import models, replace_suggestions, save_model
from annotator.ui import merge_pick
from tests.security.conftest import TEXT, descriptors_of, raw, run_main, snapshot
from tests.ui.conftest import open_window
from tests.ui.error_boxes import assert_plain

PIPE = PipelineInfo("test-pipeline", "1")

# The offscreen platform cannot raise windows (dialogs); that says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

# Each hostile row, as whoever crafted the file wrote it, with the table the refusal must name.
REFUSED = {
    "claim label": ("claims", "UPDATE claims SET label = 'xyz'"),
    "claim outside the text": ("claims", 'UPDATE claims SET "end" = 999999'),
    "claim of an unknown annotator": ("claims", "UPDATE claims SET annotator = 'bob'"),
    "claim of a missing article": ("claims", "UPDATE claims SET article_id = 99"),
    "claim offset as a decimal": ("claims", "UPDATE claims SET start = 1.5"),
    "claim start after end": ("claims", 'UPDATE claims SET start = 9, "end" = 3'),
    "claim note as bytes": ("claims", "UPDATE claims SET note = x'00ff'"),
    "article status": ("articles", "UPDATE articles SET status = 'archived'"),
    "article text with NUL": ("articles", "UPDATE articles SET text = text || char(0)"),
    "article forged hash": ("articles", "UPDATE articles SET content_hash = 'forged'"),
    "article title not UTF-8": ("articles", "UPDATE articles SET title = CAST(x'eda0bd' AS TEXT)"),
    "article meta not an object": ("articles", "UPDATE articles SET meta = '[1, 2]'"),
    "entity status": ("entities", "UPDATE entities SET status = 'maybe'"),
    "entity outside the text": ("entities", 'UPDATE entities SET "end" = 5000'),
    "accepted entity offset as text": ("entities", "UPDATE entities SET start = 'x', status = 'accepted'"),
    "quote kind": ("quotes", "UPDATE quotes SET kind = 'shouted'"),
    "speaker outside the text": ("quotes", "UPDATE quotes SET speaker_end = 5000"),
    "suggested quote kind": ("quotes", "UPDATE quotes SET suggested_kind = 'shouted'"),
    "suggested speaker of nothing": ("quotes", "UPDATE quotes SET suggested_speaker = 'Mallory'"),
    "suggested speaker as bytes": (
        "quotes",
        "UPDATE quotes SET suggested_kind = 'direct', suggested_speaker = x'00ff'",
    ),
    "candidate score": ("candidates", "UPDATE candidates SET score = 'high'"),
    "candidate reasons": ("candidates", "UPDATE candidates SET reasons = '{\"a\": 1}'"),
    "analysis of a missing article": ("analyses", "UPDATE analyses SET article_id = 77"),
    "analysis pipeline as bytes": ("analyses", "UPDATE analyses SET pipeline_name = x'6e6c70'"),
    "gold decision outside the text": ("gold_no_claim", 'UPDATE gold_no_claim SET "end" = 5000'),
    "annotator name": ("annotators", "UPDATE annotators SET name = 'a' || char(0) WHERE name = 'ana'"),
    "meta value as bytes": ("meta", "UPDATE meta SET value = x'0102' WHERE key = 'created_at'"),
    # A crafted rename would send a later merge's labels where nobody put them.
    "rename to gold": ("renames", "INSERT INTO renames(old, new) VALUES ('ana', 'Gold')"),
    "rename to a name with a line break": (
        "renames",
        "INSERT INTO renames(old, new) VALUES ('ana', 'a' || char(10))",
    ),
    "rename of a name to itself": ("renames", "INSERT INTO renames(old, new) VALUES ('ana', 'ana')"),
    "renames in a loop": ("renames", "INSERT INTO renames(old, new) VALUES ('ana', 'bo'), ('bo', 'ana')"),
}

# Rows `export` never reads (orphans of no article, candidates, a gold decision that is not a
# label): it exports the rest correctly; `stats` and the commands that read them refuse them.
NOT_EXPORTED = {
    "analysis of a missing article",
    "candidate reasons",
    "candidate score",
    "claim of a missing article",
    "gold decision outside the text",
}


def _genuine(path: Path) -> Path:
    """A small project with a row in every table: claim, entity, quote, candidate, analysis,
    cached analysis, gold decision, model and suggestion."""
    quote = Quote(13, 18, speaker=Speaker(4, 12, "the minister"))
    candidate = ClaimCandidate(0, 40, 0.8, ("number",))
    with open_project(path) as project:
        (article_id,) = project.import_texts([TEXT]).added
        project.add_claim(article_id, 0, 12, "factual", annotator="ana")
        store = store_of(project)
        store.save_analysis(
            article_id,
            Analysis(
                PIPE,
                entities=(Entity(4, 12, "ROLE"),),
                quotes=(quote,),
                candidates=(candidate,),
                sentences=((0, 40),),
            ),
        )
        set_gold(store, article_id, 41, 60, None, reviewer="rev")
        model = save_model(
            store,
            labels=["factual", "opinion"],
            architecture="tfidf-lr",
            spacy_version="3",
            config="{}",
            weights=b"",
            evaluation={"macro_f1": 0.5},
        )
        replace_suggestions(
            store, model.id, [Suggestion(article_id, 0, 40, "opinion", 0.7, 0.3, model.id, {"opinion": 0.7})]
        )
    return path


def _craft(path: Path, sql: str) -> None:
    conn = raw(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.executescript(sql)
    conn.close()


def _hostile(tmp_path: Path, case: str) -> tuple[Path, str]:
    table, sql = REFUSED[case]
    path = _genuine(tmp_path / "p.db")
    _craft(path, sql)
    return path, table


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_stats_refuses_a_bad_row_in_one_line_naming_it(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, table = _hostile(tmp_path, case)
    before = snapshot(path)
    result = run_main(capsys, "stats", str(path))
    assert result.returncode == 1, (result.stdout, result.stderr)
    line = _one_line(result.stderr)
    assert f"{table} row " in line and str(path) in line
    assert snapshot(path) == before


@pytest.mark.parametrize("case", sorted(set(REFUSED) - NOT_EXPORTED))
def test_export_refuses_a_bad_row_in_one_line_instead_of_an_internal_error(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, table = _hostile(tmp_path, case)
    out = tmp_path / "out.jsonl"
    result = run_main(capsys, "export", str(path), "-o", str(out))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert f"{table} row " in _one_line(result.stderr)
    assert not out.exists()


@pytest.mark.parametrize(
    "case",
    [
        "annotator name",
        "meta value as bytes",
        "rename to gold",
        "rename to a name with a line break",
        "rename of a name to itself",
        "renames in a loop",
    ],
)
def test_small_tables_are_checked_when_the_file_opens(case: str, tmp_path: Path) -> None:
    path, table = _hostile(tmp_path, case)
    before = snapshot(path)
    with pytest.raises(ProjectFileError, match=f"{table} row "):
        open_project(path, create=False)
    assert snapshot(path) == before


def test_reading_a_bad_row_names_table_and_row(tmp_path: Path) -> None:
    path, _ = _hostile(tmp_path, "claim label")
    with open_project(path, create=False) as project:
        with pytest.raises(ProjectFileError) as info:
            project.claims(1)
        assert "claims row 1: label 'xyz' is not one of" in str(info.value)
        assert "\n" not in str(info.value)


def test_a_gold_decision_outside_the_text_is_refused_by_review(tmp_path: Path) -> None:
    path, _ = _hostile(tmp_path, "gold decision outside the text")
    with (
        open_project(path, create=False) as project,
        pytest.raises(ProjectFileError, match="gold_no_claim row"),
    ):
        gold_decisions(store_of(project))


def test_a_forged_hash_cannot_make_a_genuine_import_a_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crafted row claims the hash of a text it does not hold; importing that text was skipped."""
    path = _genuine(tmp_path / "p.db")
    other = "A genuine article someone will import later."
    conn = raw(path)
    from annotator.core.text import content_hash

    conn.execute(
        "INSERT INTO articles(content_hash, text, created_at, updated_at) VALUES (?, 'decoy', 't', 't')",
        (content_hash(other),),
    )
    conn.close()
    source = tmp_path / "later.txt"
    source.write_text(other, encoding="utf-8")
    result = run_main(capsys, "import", str(path), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert "articles row 2: content_hash is not the hash of its text" in _one_line(result.stderr)


# -- rows the app can do without: ignored, with one warning ----------------------------------


def test_a_bad_suggestion_is_ignored_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _genuine(tmp_path / "p.db")
    _craft(path, "UPDATE claim_suggestions SET confidence = 7.5, scores = '[1, 2]'")
    with caplog.at_level(logging.WARNING, "annotator.rows"), open_project(path, create=False) as project:
        assert article_suggestions(project, 1) == []
        assert project.stats().claims == 1
    (record,) = [r for r in caplog.records if r.name == "annotator.rows"]
    assert "claim_suggestions row" in record.getMessage() and "ignored" in record.getMessage()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE claim_models SET labels = '[\"xyz\"]'",
        "UPDATE claim_models SET evaluation = '[]'",
        "UPDATE claim_models SET info = '{\"a\": \"' || hex(zeroblob(600000)) || '\"}'",
        "UPDATE claim_models SET evaluation = '{\"macro_f1\": NaN}'",
    ],
)
def test_a_bad_model_row_is_ignored_with_a_warning(
    sql: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _genuine(tmp_path / "p.db")
    _craft(path, sql)
    with caplog.at_level(logging.WARNING, "annotator.rows"), open_project(path, create=False) as project:
        assert current_model(project) is None
        assert models(store_of(project)) == []
    assert any("claim_models row 1" in r.getMessage() for r in caplog.records if r.name == "annotator.rows")


def test_a_bad_cached_analysis_is_ignored_with_a_warning_and_the_cli_still_reads_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """The cache is read only for the pipeline that wrote it (here a test's, which no command
    loads), so the warning is the store's to give; the commands that read the rest still work.
    This test once looked for the warning in `agreement`'s output, which never reads the cache,
    over an empty list of lines: it could not fail."""
    path = _genuine(tmp_path / "p.db")
    payload = {"entities": [[0, 9999, "ORG"]], "quotes": [], "candidates": [], "sentences": []}
    conn = raw(path)
    conn.execute("UPDATE analysis_cache SET payload = ?", (json.dumps(payload),))
    conn.close()
    with caplog.at_level(logging.WARNING), open_project(path, create=False) as project:
        digest = project.article(1).content_hash
        assert store_of(project).cached_analysis(digest, PIPE) is None
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and "analysis_cache row" in said[0] and "analysed again" in said[0], said
    result = run_main(capsys, "agreement", str(path))
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr


# -- the window ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["claim label", "article status", "annotator name"])
def test_the_window_refuses_a_file_it_cannot_list_with_one_message(
    case: str, qtbot: QtBot, tmp_path: Path
) -> None:
    path, table = _hostile(tmp_path, case)
    window = open_window(qtbot, None)
    window.guard(lambda: window.open_project(path, create=False))
    # The list is read in the pool: its refusal comes when the answer does, and closes the project.
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and f"{table} row " in box.detailedText() and "\n" not in box.text()
    assert_plain(box, path)
    qtbot.waitUntil(lambda: window.project is None)
    assert len(window.findChildren(QMessageBox, "errorBox")) == 1  # one message, not one per read
    box.close()
    window.close()


@pytest.mark.parametrize(
    "case", ["claim outside the text", "quote kind", "article forged hash", "accepted entity offset as text"]
)
def test_the_window_shows_a_message_for_an_article_it_cannot_show(
    case: str, qtbot: QtBot, tmp_path: Path
) -> None:
    path, table = _hostile(tmp_path, case)
    window = open_window(qtbot, None)
    window.guard(lambda: window.open_project(path, create=False))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None)
    box = window.findChild(QMessageBox, "errorBox")
    assert f"{table} row " in box.detailedText()
    assert_plain(box, path)
    assert window.article is None and window.view.toPlainText() == ""
    box.close()
    window.close()


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if "warning" not in line]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    return lines[0]


def test_the_search_of_the_texts_skips_a_text_that_is_no_string_and_names_one_not_utf8(
    tmp_path: Path,
) -> None:
    from tests.security.conftest import make_project

    path = make_project(tmp_path / "p.annotator.db", texts=(TEXT, "Critics met in May."))
    conn = raw(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE articles SET text = 5 WHERE id = 1")
    conn.close()
    with open_project(path, create=False) as project:
        assert len(project.articles_containing("CRITICS")) == 1  # the other article, no error
    conn = raw(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE articles SET text = CAST(x'eda0bd' AS TEXT) WHERE id = 1")
    conn.close()
    with open_project(path, create=False) as project, pytest.raises(ProjectFileError, match="articles"):
        project.articles_containing("critics")


# A row whose article id is text or bytes (SQLite keeps what its INTEGER column cannot convert)
# belongs to no article, like an orphan of a deleted one: export leaves it out, as it does those.
NOT_AN_ARTICLE_ID = {
    "claims": "UPDATE claims SET article_id = 'one'",
    "claims (bytes)": "UPDATE claims SET article_id = x'01'",
    "entities": "UPDATE entities SET article_id = 'x'",
    "quotes": "UPDATE quotes SET article_id = 'x'",
    "label_checks": "INSERT INTO label_checks VALUES ('x', 0, 12, 'ana', 'factual', 0.5)",
}


@pytest.mark.parametrize("table", sorted(NOT_AN_ARTICLE_ID))
def test_export_leaves_out_a_row_whose_article_id_is_not_a_number(
    table: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _genuine(tmp_path / "p.db")
    _craft(path, NOT_AN_ARTICLE_ID[table])
    out = tmp_path / "out.jsonl"
    result = run_main(capsys, "export", str(path), "-o", str(out))
    assert result.returncode == 0, (result.stdout, result.stderr)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    exported = json.loads(line)
    assert exported["text"] == TEXT
    spans = {(span["start"], span["end"], span["label"]) for span in exported["spans"]}
    assert spans == (set() if table.startswith("claims") else {(0, 12, "factual")})


def test_the_window_refuses_a_file_with_a_hostile_long_name_in_a_box_that_fits(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = _genuine(tmp_path / "p.db")
    _craft(path, f'CREATE VIEW "{"v " * 300_000}" AS SELECT 1')
    window = open_window(qtbot, None)
    window.guard(lambda: window.open_project(path, create=False))
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "view" in box.detailedText() and str(path) in box.detailedText()
    assert_plain(box, path)
    assert box.sizeHint().height() < window.screen().availableGeometry().height()
    assert window.project is None
    box.close()
    window.close()


def test_many_bad_rows_of_one_table_are_said_in_a_few_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Every bad row was one warning: 500,000 suggestions outside the text froze the window for
    28 s opening the article, sending each to the status bar and the log (and a command to the
    terminal), though none of them is needed."""
    path = _genuine(tmp_path / "p.db")
    _craft(
        path,
        "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 2000)"
        " INSERT INTO claim_suggestions SELECT s.article_id, 1000 + v, 1001 + v, s.model_id, s.label,"
        " s.confidence, s.uncertainty, s.scores FROM claim_suggestions s, n",
    )
    with caplog.at_level(logging.WARNING, "annotator.rows"), open_project(path, create=False) as project:
        assert len(article_suggestions(project, 1)) == 1  # the genuine one
        assert len(article_suggestions(project, 1)) == 1
    said = [r.getMessage() for r in caplog.records if r.name == "annotator.rows"]
    assert 1 < len(said) <= 11
    assert all("claim_suggestions row" in line for line in said)
    assert "more" in said[-1] and "not listed" in said[-1]


# -- values too long to fetch: refused by size in SQLite, before Python reads them -------------

HUGE = {
    "claim note": ("claims row 1: note", "UPDATE claims SET note = hex(zeroblob(4000000))"),
    "claim note as bytes": ("claims row 1: note", "UPDATE claims SET note = zeroblob(8000000)"),
    "article title": ("articles row 1: title", "UPDATE articles SET title = hex(zeroblob(4000000))"),
    "annotator name": ("annotators row ", "UPDATE annotators SET name = hex(zeroblob(4000000))"),
    "meta value": ("meta row ", "UPDATE meta SET value = hex(zeroblob(4000000))"),
}


@pytest.mark.parametrize("case", sorted(HUGE))
def test_a_huge_value_is_refused_without_being_read_into_memory(case: str, tmp_path: Path) -> None:
    """A 300 MB note took 610 MB to refuse in `stats` and 1.8 GB in `export`: it was fetched
    whole before its size was checked. 8 MB here; none of it may reach Python."""
    import tracemalloc

    where, sql = HUGE[case]
    path = _genuine(tmp_path / "p.db")
    _craft(path, sql)
    tracemalloc.start()
    try:
        with (
            pytest.raises(ProjectFileError, match=where) as info,
            open_project(path, create=False) as project,
        ):
            project.stats()
            list(project.iter_annotated())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000
    assert "longer than the limit" in str(info.value)


@pytest.mark.parametrize("chars", [150, 5000])  # within 4 bytes a character of the limit, and beyond
def test_the_row_of_a_value_over_its_limit_is_named(
    chars: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite refuses a value past its length limit without saying which row holds it: the
    row is found again, so the refusal names it as the row rules do."""
    import annotator.store.checks as checks

    monkeypatch.setattr(checks, "MAX_FIELD_CHARS", 100, raising=False)
    path = _genuine(tmp_path / "p.db")
    with open_project(path, create=False) as project:
        project.add_claim(1, 13, 18, "opinion", annotator="ana")
    _craft(path, f"UPDATE claims SET note = substr(hex(zeroblob({chars})), 1, {chars}) WHERE id = 2")
    before = snapshot(path)
    with pytest.raises(ProjectFileError, match="claims row 2: note is longer than the limit of 100 "):
        open_project(path, create=False)
    assert snapshot(path) == before


def test_the_first_page_does_not_read_a_huge_title(tmp_path: Path) -> None:
    """The window's first paint reads an article before the open checks sizes."""
    import tracemalloc

    from annotator.store.first_page import first_page

    path = _genuine(tmp_path / "p.db")
    _craft(path, "UPDATE articles SET title = hex(zeroblob(4000000))")
    tracemalloc.start()
    try:
        page = first_page(path, max_chars=100_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert page is None
    assert peak < 2_000_000


# -- the large per-article tables: measured by each read, not at open --------------------------

HUGE_IN_AN_ARTICLE = {
    "entity label": (
        "entities row 1: label",
        "UPDATE entities SET label = hex(zeroblob(4000000)) WHERE id = 1",
    ),
    "entity offset": (
        "entities row 1: start",
        "UPDATE entities SET start = 'x' || hex(zeroblob(4000000)) WHERE id = 1",
    ),
    "quote speaker": (
        "quotes row 1: speaker_name",
        "UPDATE quotes SET speaker_name = hex(zeroblob(4000000)) WHERE id = 1",
    ),
    "candidate reasons": (
        "candidates row 1: reasons",
        "UPDATE candidates SET reasons = hex(zeroblob(4000000)) WHERE id = 1",
    ),
}


def _two_articles(path: Path) -> Path:
    """`_genuine`, and a second article with an entity, a quotation and a candidate of its own."""
    _genuine(path)
    with open_project(path, create=False) as project:
        (second,) = project.import_texts([TEXT + " Again."]).added
        store_of(project).save_analysis(
            second,
            Analysis(
                PIPE,
                entities=(Entity(4, 12, "ROLE"),),
                quotes=(Quote(13, 18),),
                candidates=(ClaimCandidate(0, 40, 0.8, ("number",)),),
                sentences=((0, 40),),
            ),
        )
    return path


@pytest.mark.parametrize("case", sorted(HUGE_IN_AN_ARTICLE))
def test_a_huge_suggestion_is_left_out_of_its_article_unread(
    case: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """One crafted row of suggestions refused its whole article: its text and its claims hid
    behind a row that pre-annotating the article again replaces. The article now reads with its
    text and claims, the row left out and named (in `left_out`, and once in the log), none of
    the 8 MB value reaching Python (nor all of it SQLite). Measuring every entity, quotation and
    candidate at open doubled the open of a large project, so each read measures its rows.
    The project's figures count what the window shows; exports still refuse the row by name:
    a file written without it would claim to be the whole project."""
    import tracemalloc

    where, sql = HUGE_IN_AN_ARTICLE[case]
    table = where.split()[0]
    path = _two_articles(tmp_path / "p.db")
    _craft(path, sql)
    tracemalloc.start()
    try:
        with caplog.at_level(logging.WARNING, "annotator.rows"), open_project(path, create=False) as project:
            other = project.annotated(2)
            assert (len(other.entities), len(other.quotes), len(other.candidates)) == (1, 1, 1)
            assert other.left_out == ()
            for _ in range(2):
                shown = project.annotated(1)
                assert shown.article.text == TEXT
                assert [(c.start, c.end, c.label.value) for c in shown.claims] == [(0, 12, "factual")]
                assert len(shown.left_out) == 1
                assert shown.left_out[0].startswith(where + " is longer than the limit")
                kept = {"entities": shown.entities, "quotes": shown.quotes, "candidates": shown.candidates}
                assert {name: len(rows) for name, rows in kept.items()} == {
                    name: 0 if name == table else 1 for name in kept
                }
            stats = project.stats()  # counts what the window shows
            team_stats(project)  # the dashboard's figures, with what pre-annotation got right
            counted = {"entities": stats.entities, "quotes": stats.quotes, "candidates": stats.candidates}
            assert counted == {name: 1 if name == table else 2 for name in counted}
            if not case.startswith("candidate"):  # exports do not read candidates
                with pytest.raises(ProjectFileError, match=where + " is longer than the limit"):
                    list(project.iter_annotated())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000
    said = [r.getMessage() for r in caplog.records if r.name == "annotator.rows"]
    assert len(said) == 1 and where.replace(":", " is ignored:") in said[0]
    assert "pre-annotating the article again replaces it" in said[0]


# A person's work in the same tables, or a row whose origin cannot be told: still refused.
HUGE_WORK_IN_AN_ARTICLE = {
    "accepted entity": (
        "entities row 1: label",
        "UPDATE entities SET label = hex(zeroblob(4000000)), status = 'accepted' WHERE id = 1",
    ),
    "corrected quotation": (
        "quotes row 1: speaker_name",
        "UPDATE quotes SET speaker_name = hex(zeroblob(4000000)), model = 'corrected' WHERE id = 1",
    ),
    "entity status": (
        "entities row 1: status",
        "UPDATE entities SET status = hex(zeroblob(4000000)) WHERE id = 1",
    ),
}


@pytest.mark.parametrize("case", sorted(HUGE_WORK_IN_AN_ARTICLE))
def test_a_huge_row_holding_a_persons_decision_still_refuses_its_article(case: str, tmp_path: Path) -> None:
    """Left out, a person's decision would be lost without anyone noticing; and pre-annotating
    again would not bring it back. The article is refused naming the row, as before."""
    where, sql = HUGE_WORK_IN_AN_ARTICLE[case]
    path = _two_articles(tmp_path / "p.db")
    _craft(path, sql)
    with open_project(path, create=False) as project:
        assert project.annotated(2).left_out == ()
        with pytest.raises(ProjectFileError, match=where + " is longer than the limit"):
            project.annotated(1)


def test_many_huge_suggestions_in_one_article_refuse_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Each row left out costs a search of the article's rows in SQLite: past a few, the file
    was made to be slow, not damaged by chance, and the article is refused as before."""
    import annotator.store.project_store as project_store

    monkeypatch.setattr(project_store, "MAX_LEFT_OUT_ROWS", 2)
    path = _two_articles(tmp_path / "p.db")
    huge = 'INSERT INTO entities(article_id, start, "end", label) VALUES (1, 0, 3, hex(zeroblob(400000)));'
    _craft(path, huge * 2)
    with caplog.at_level(logging.WARNING, "annotator.rows"), open_project(path, create=False) as project:
        shown = project.annotated(1)
        assert len(shown.left_out) == 2 and [e.label for e in shown.entities] == ["ROLE"]
    _craft(path, huge)
    with (
        open_project(path, create=False) as project,
        pytest.raises(ProjectFileError, match="entities row 5: label"),
    ):
        project.annotated(1)


def test_the_window_shows_an_article_with_a_huge_suggestion_and_says_what_was_left_out(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The window opens a project whose one entity row holds 8 MB: the article with that row
    shows its text and claims, without the entity, and the status bar says so in one message
    (before, an error box named the row and the article showed nothing)."""
    path = _two_articles(tmp_path / "p.db")
    with open_project(path, create=False) as project:
        project.add_claim(2, 0, 12, "opinion", annotator="ana")
    _craft(path, "UPDATE entities SET label = hex(zeroblob(4000000)) WHERE article_id = 2")
    window = open_window(qtbot, None)
    window.guard(lambda: window.open_project(path, create=False))
    qtbot.waitUntil(lambda: window.article is not None)
    assert window.article is not None and window.article.article.id == 1
    assert [e.label for e in window.article.entities] == ["ROLE"]
    for _ in range(2):  # said each time the article is shown
        window.statusBar().clearMessage()
        window.guard(lambda: window.show_article(2))
        assert window.findChild(QMessageBox, "errorBox") is None
        assert window.article is not None and window.article.article.id == 2
        assert window.view.toPlainText() == TEXT + " Again."
        assert [(c.start, c.end, c.label.value) for c in window.article.claims] == [(0, 12, "opinion")]
        # The row is left out; the analysis cache brings its suggestion back (`carry_decisions`).
        assert [(e.start, e.end, e.label) for e in window.article.entities] == [(4, 12, "ROLE")]
        said = window.statusBar().currentMessage()
        # In a person's words: no table, row or column ("entities row 2: label is longer …").
        assert said == (
            "Some highlights of this article were too large to read and are left out (1 entity); "
            "pre-annotating it again replaces them"
        )
    window.close()


@pytest.mark.parametrize("case", sorted(HUGE_IN_AN_ARTICLE))
def test_a_merge_leaves_a_huge_suggestion_of_the_source_out_unread(
    case: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """As opening the source leaves the row out of its article, a merge leaves it out of what
    it copies (it refused the whole file): its articles and claims come in, without that row,
    which the report counts and the log names; none of the 8 MB value reaches Python."""
    import tracemalloc

    from annotator.store.merge import merge_project

    where, sql = HUGE_IN_AN_ARTICLE[case]
    table = where.split()[0]
    source = _two_articles(tmp_path / "source.db")
    _craft(source, sql)
    tracemalloc.start()
    try:
        with caplog.at_level(logging.WARNING, "annotator.rows"), open_project(tmp_path / "team.db") as team:
            report = merge_project(store_of(team), source)
            copied = {
                name: store_of(team).conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in HUGE_TABLES
            }
            claims = [(c.article_id, c.start, c.end) for c in team.claims()]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000
    assert (report.articles_added, report.suggestions_left_out) == (2, 1)
    # The merge report is a coordinator's: no "rows".
    assert "1 suggestion too large to read left out" in report.summary()
    assert claims == [(1, 0, 12)]
    assert copied == {name: 1 if name == table else 2 for name in HUGE_TABLES}
    said = [r.getMessage() for r in caplog.records if r.name == "annotator.rows"]
    assert len(said) == 1 and where.replace(":", " is ignored:") in said[0] and "not merged" in said[0]


HUGE_TABLES = ("entities", "quotes", "candidates")


@pytest.mark.parametrize("case", sorted(HUGE_WORK_IN_AN_ARTICLE))
def test_a_merge_refuses_a_huge_row_of_a_persons_work_in_either_file_unread(
    case: str, tmp_path: Path
) -> None:
    """A person's decision is not left out (its loss would go unnoticed): the source holding one
    is refused, and so is a merge into a team file holding one in an article the source touches;
    the team file is unchanged, and none of the 8 MB value reaches Python."""
    import tracemalloc

    from annotator.store.merge import merge_project

    where, sql = HUGE_WORK_IN_AN_ARTICLE[case]
    for crafted in ("source", "team"):
        team, source = (
            _two_articles(tmp_path / f"team-{crafted}.db"),
            _two_articles(tmp_path / f"source-{crafted}.db"),
        )
        _craft(team if crafted == "team" else source, sql)
        before = snapshot(team)
        tracemalloc.start()
        try:
            with (
                pytest.raises(ProjectFileError, match=where + " is longer than the limit"),
                open_project(team, create=False) as project,
            ):
                merge_project(store_of(project), source)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 2_000_000
        assert snapshot(team) == before


def test_a_merge_into_a_team_file_with_a_huge_suggestion_leaves_that_row_as_it_is(tmp_path: Path) -> None:
    """The team file's own suggestion too large to read is left out of what the merge compares
    (it refused the merge); the source's decision on that name comes in as a row of its own."""
    from annotator.store.merge import merge_project

    team, source = _two_articles(tmp_path / "team.db"), _two_articles(tmp_path / "source.db")
    _craft(team, "UPDATE entities SET label = hex(zeroblob(4000000)) WHERE id = 2")
    _craft(source, "UPDATE entities SET status = 'accepted' WHERE id = 2")
    with open_project(team, create=False) as project:
        report = merge_project(store_of(project), source)
        shown = project.annotated(2)
    assert report.entities_added == 1
    assert [(e.start, e.end, e.label, e.status.value) for e in shown.entities] == [
        (4, 12, "ROLE", "accepted")
    ]
    assert shown.left_out == ("entities row 2: label is longer than the limit of 100,000 characters",)


def _a_huge_suggestion_beside_the_role(tmp_path: Path) -> tuple[Path, int]:
    """`_two_articles` with a suggestion of another, 8 MB type on the ROLE's span: (file, its row)."""
    path = _two_articles(tmp_path / "p.db")
    _craft(
        path,
        'INSERT INTO entities(article_id, start, "end", label, status, model)'
        " SELECT article_id, start, \"end\", hex(zeroblob(4000000)), 'suggested', model"
        " FROM entities WHERE id = 2",
    )
    (huge,) = [row[0] for row in raw(path).execute("SELECT id FROM entities WHERE length(label) > 100")]
    return path, huge


def test_an_acceptance_leaves_a_huge_suggestion_of_another_type_on_its_span_as_it_is(tmp_path: Path) -> None:
    """An acceptance takes another type's suggestion off its span, and gives what it took to its
    undo; one too large to read was fetched whole for that, then deleted. It is left out of the
    acceptance, as the article's reads leave it out, and stays as it is."""
    from annotator.core.commands import SetEntityStatus
    from annotator.core.model import EntityStatus

    path, huge = _a_huge_suggestion_beside_the_role(tmp_path)
    with open_project(path, create=False) as project:
        change = project.execute(SetEntityStatus(2, EntityStatus.ACCEPTED))
        shown = project.annotated(2)
    assert [(e.start, e.end, e.label, e.status.value) for e in shown.entities] == [
        (4, 12, "ROLE", "accepted")
    ]
    assert shown.left_out == ("entities row 3: label is longer than the limit of 100,000 characters",)
    assert not change.carried.removed
    assert raw(path).execute("SELECT length(label) FROM entities WHERE id = ?", (huge,)).fetchone() == (
        8_000_000,
    )


def test_a_name_added_by_hand_leaves_a_huge_suggestion_of_another_type_on_its_span_as_it_is(
    tmp_path: Path,
) -> None:
    """A name added by hand takes another type's suggestion off its span, as an acceptance
    does (`replace_entity`); one too large to read is left out of that, unread, and stays."""
    from annotator.core.commands import AddEntity

    path, huge = _a_huge_suggestion_beside_the_role(tmp_path)
    with open_project(path, create=False) as project:
        change = project.execute(AddEntity(2, Entity(4, 12, "PERSON")))
        shown = project.annotated(2)
    assert [(e.start, e.end, e.label, e.status.value) for e in shown.entities] == [(4, 12, "PERSON", "added")]
    assert shown.left_out == ("entities row 3: label is longer than the limit of 100,000 characters",)
    assert [(e.label, e.id) for _article, e in change.carried.removed] == [("ROLE", 2)]
    assert raw(path).execute("SELECT length(label) FROM entities WHERE id = ?", (huge,)).fetchone() == (
        8_000_000,
    )


def test_the_suggestions_queue_leaves_a_huge_candidate_out_unread(tmp_path: Path) -> None:
    """The Suggestions panel reads every candidate's span; one crafted as 8 MB is measured in
    SQLite before it is fetched and left out, as its article leaves it out (it refused the
    panel's whole queue); the other candidates are listed."""
    import tracemalloc

    from annotator.store.suggestions import all_candidates, queue

    path = _two_articles(tmp_path / "p.db")
    _craft(path, "UPDATE candidates SET start = 'x' || hex(zeroblob(4000000)) WHERE id = 1")
    with open_project(path, create=False) as project:
        store = store_of(project)
        tracemalloc.start()
        try:
            assert [row[:3] for row in all_candidates(store, [1, 2])] == [(2, 0, 40)]
            assert [row[:3] for row in all_candidates(store)] == [(2, 0, 40)]
            assert [(item.article_id, item.start, item.end) for item in queue(store)] == [(2, 0, 40)]
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 2_000_000


def test_the_window_merging_a_hostile_file_says_so_in_plain_words(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge runs in the pool: its refusal reached the box as the one line the command line
    prints, "claims row 1: …", where an open of the same file says it is damaged."""
    from PySide6.QtCore import QThreadPool

    source, table = _hostile(tmp_path, "claim label")
    team = _genuine(tmp_path / "team.db")
    before = snapshot(team)
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *_a, **_k: ([str(source)], ""))
    window = open_window(qtbot, team)
    pools = [QThreadPool.globalInstance(), window.runner.pool]
    try:
        window.team.merge()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=30_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None
        assert_plain(box, source)
        assert f"{table} row " in box.detailedText() and "nothing was merged" in box.detailedText()
        box.close()
    finally:
        window.close()
    # The window's own reads of the project (its suggestions, in its task runner's pool, not
    # only the global one) may still hold it open on a busy machine, and an open connection keeps
    # the -wal and -shm files beside it until it closes: the file itself must be as it was.
    # So the proof is what was written: the file's bytes as they were, and no write-ahead log
    # holding a page (a reader's -wal is empty, its -shm only an index).
    assert all(pool.waitForDone(60_000) for pool in pools)
    qtbot.waitUntil(lambda: snapshot(team).get("") == before.get(""), timeout=60_000)
    assert snapshot(team).get("-wal", b"") == b""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="open files are listed by Linux's /proc")
def test_the_window_lets_go_of_a_file_it_refused_to_merge(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal outlives the box that shows it (a cycle through its traceback, freed only when
    Python's collector comes by), and it held the read that failed: the refused file and its
    deleted `-wal`/`-shm` stayed open meanwhile (a file Windows will not let anyone replace or
    remove while it is open)."""
    from PySide6.QtCore import QThreadPool

    source, _ = _hostile(tmp_path, "article title not UTF-8")
    before = snapshot(source)
    team = _genuine(tmp_path / "team.db")
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *_a, **_k: ([str(source)], ""))
    window = open_window(qtbot, team)
    try:
        window.team.merge()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=30_000)
        assert all(pool.waitForDone(60_000) for pool in (QThreadPool.globalInstance(), window.runner.pool))
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None and "title is not UTF-8 text" in box.detailedText()
        assert descriptors_of(source) == []
        assert snapshot(source) == before
        box.close()
    finally:
        window.close()
