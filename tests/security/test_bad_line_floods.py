"""A file of millions of bad lines is left out whole after the first thousand, not listed line by line.

A 20 MB JSONL of ten million lines that are not JSON is within the size limit. Each line became
a rejection kept in memory: the import took 3 GB and half a minute, and under a memory cap died
with "Fatal Python error" instead of a message. A file that bad is not in the format its name
says; one line naming it, and its first bad line, says more than ten million.
"""

from __future__ import annotations

from pathlib import Path

from annotator.formats.readers import MAX_BAD_LINES
from tests.security.test_import_edges import _stored_texts, cli

GOOD = "The council approved the budget on Monday."


def _flood(path: Path, bad_lines: int) -> Path:
    path.write_text('{"text": "' + GOOD + '"}\n' + "not json\n" * bad_lines, encoding="utf-8")
    return path


def test_a_file_of_more_bad_lines_than_the_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    flood = _flood(tmp_path / "flood.jsonl", 3 * MAX_BAD_LINES)
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(flood), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count(str(flood)) == 1
    assert f"{flood}: more than {MAX_BAD_LINES:,} lines cannot be read (the first, line 2: " in result.stderr
    assert _stored_texts(project) == []


def test_skip_bad_leaves_such_a_file_out_whole_and_imports_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    flood = _flood(folder / "flood.jsonl", MAX_BAD_LINES + 1)
    (folder / "fine.txt").write_text("A second article, about the harbour.", encoding="utf-8")
    project, report = tmp_path / "p.db", tmp_path / "rejected.tsv"
    result = cli("import", str(project), str(folder), "--no-nlp", "--skip-bad", "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert _stored_texts(project) == ["A second article, about the harbour."]
    rows = report.read_text("utf-8").splitlines()
    assert len(rows) == 2 and rows[1].startswith(f"{flood}\t\tmore than")


def test_bad_lines_up_to_the_limit_are_each_named_and_skip_bad_keeps_the_good_ones(tmp_path: Path) -> None:
    source = _flood(tmp_path / "some-bad.jsonl", MAX_BAD_LINES)
    project, report = tmp_path / "p.db", tmp_path / "rejected.tsv"
    result = cli("import", str(project), str(source), "--no-nlp", "--skip-bad", "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert _stored_texts(project) == [GOOD]
    assert len(report.read_text("utf-8").splitlines()) == 1 + MAX_BAD_LINES
