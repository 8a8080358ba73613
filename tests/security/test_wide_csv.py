"""A CSV row or header wider than any spreadsheet is refused by line, before its cells become metadata.

Each cell beyond the text became a metadata field: a 19 MB row of nine million cells built a
nine-million-key dictionary (2.9 GB) and then ran out of memory measuring it ("internal error").
Spreadsheets stop at 16,384 columns; a file wider than that is not a table of articles.
"""

from __future__ import annotations

from pathlib import Path

from annotator.formats.readers import MAX_CSV_FIELDS
from tests.security.conftest import run_cli
from tests.security.test_import_edges import _stored_texts, cli

GOOD = "The council approved the budget on Monday."


def test_a_row_with_more_cells_than_a_spreadsheet_has_columns_is_refused_by_line(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    source.write_text(
        f"title,text\nFine,{GOOD}\nWide,Another article." + ",x" * MAX_CSV_FIELDS + "\n", encoding="utf-8"
    )
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{source}:3: the row has {MAX_CSV_FIELDS + 2:,} fields, more than" in result.stderr
    assert _stored_texts(project) == []
    report = tmp_path / "r.tsv"
    result = run_cli("import", str(project), str(source), "--no-nlp", "--skip-bad", "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert _stored_texts(project) == [GOOD]


def test_a_header_with_more_columns_than_a_spreadsheet_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "wide-header.csv"
    source.write_text("text" + ",c" * MAX_CSV_FIELDS + f"\n{GOOD}\n", encoding="utf-8")
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert f"{source}:1: the header has {MAX_CSV_FIELDS + 1:,} columns, more than" in result.stderr
    assert _stored_texts(project) == []
