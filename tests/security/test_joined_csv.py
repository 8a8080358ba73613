"""Two CSV files joined into one: the second's header is refused as a row, its BOM kept out of titles.

`cat a.csv b.csv` (or a spreadsheet export appended to another) leaves the second file's
byte order mark and header in the middle. The header became an article whose text was the
word "text", and the BOM the first character of the next title.
"""

from __future__ import annotations

from pathlib import Path

from annotator import open_project
from tests.security.conftest import run_cli
from tests.security.test_import_edges import cli

BOM = "\ufeff"


def _joined(tmp_path: Path) -> Path:
    source = tmp_path / "joined.csv"
    first = f"{BOM}title,text\nBudget,The council approved the budget on Monday.\n"
    second = f"{BOM}title,text\n{BOM}Harbour,The harbour reopened after the storm.\n"
    source.write_bytes((first + second).encode("utf-8"))
    return source


def test_a_second_header_is_refused_naming_its_line(tmp_path: Path) -> None:
    source = _joined(tmp_path)
    result = cli("import", str(tmp_path / "p.db"), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert f"{source}:3: the row repeats the header" in result.stderr


def test_skip_bad_imports_both_files_articles_with_clean_titles(tmp_path: Path) -> None:
    source, project = _joined(tmp_path), tmp_path / "p.db"
    result = run_cli(
        "import", str(project), str(source), "--no-nlp", "--skip-bad", "--report", str(tmp_path / "r.tsv")
    )
    assert result.returncode == 0, result.stderr
    with open_project(project, create=False) as opened:
        found = sorted((a.title, a.text) for a in map(opened.article, opened.article_ids()))
    assert found == [
        ("Budget", "The council approved the budget on Monday."),
        ("Harbour", "The harbour reopened after the storm."),
    ]
