"""Metadata the store would refuse to read back is refused where it comes in: too deep, too long.

A JSONL line whose `meta` nested 980 lists was imported, and the project then refused its own
article for good ("meta is not valid JSON (maximum recursion depth exceeded ...)"): export,
stats and the window all stopped at that row. How deep Python can go depends on how deep the
reader already is, so the window failed at depths the command line still read. Import, merge
and the store now share one limit far below either.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.limits import MAX_JSON_DEPTH, MAX_META_CHARS
from tests.security.conftest import TEXT, make_project, raw, run_cli, snapshot
from tests.security.test_import_edges import _stored_texts, cli


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _jsonl_line(meta_value: str, text: str = "The council approved the budget on Monday.") -> str:
    return '{"text": "' + text + '", "meta": {"x": ' + meta_value + "}}\n"


def test_a_jsonl_line_with_metadata_nested_too_deep_is_refused_naming_its_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl_line("1") + _jsonl_line(_nested(980), "Another article."), encoding="utf-8")
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{source}:2: " in result.stderr and f"the limit of {MAX_JSON_DEPTH} levels" in result.stderr
    assert _stored_texts(project) == []
    result = run_cli(
        "import", str(project), str(source), "--no-nlp", "--skip-bad", "--report", str(tmp_path / "r.tsv")
    )
    assert result.returncode == 0, result.stderr
    result = run_cli("export", str(project), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr


def test_metadata_nested_up_to_the_limit_is_kept(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    value = _nested(MAX_JSON_DEPTH - 2)  # inside {"x": ...}, itself inside the meta object
    source.write_text(_jsonl_line(value), encoding="utf-8")
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(source), "--no-nlp")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out.jsonl"
    assert run_cli("export", str(project), "-o", str(out)).returncode == 0
    assert json.loads(out.read_text("utf-8"))["meta"]["x"] == json.loads(value)


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 900])
def test_a_merge_source_with_metadata_nested_too_deep_is_refused_and_the_team_keeps_every_byte(
    depth: int, tmp_path: Path
) -> None:
    team = make_project(tmp_path / "team.db", texts=("A team article about the harbour and its cranes.",))
    source = make_project(tmp_path / "source.db", texts=(TEXT,), annotator="bo")
    conn = raw(source)
    conn.execute("UPDATE articles SET meta = ?", (json.dumps({"x": json.loads(_nested(depth - 1))}),))
    conn.close()
    before = snapshot(team)
    result = run_cli("merge", str(team), str(source))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "articles row 1" in result.stderr and "nests lists and objects deeper" in result.stderr
    assert snapshot(team) == before


def test_a_jsonl_line_whose_metadata_is_longer_than_the_store_reads_is_refused_naming_its_line(
    tmp_path: Path,
) -> None:
    """A line with a million fields beside its text was imported, and the store then refused the
    article on every read ("meta is longer than the limit"): the project could not be exported."""
    source = tmp_path / "in.jsonl"
    many_fields = {f"k{i}": 1 for i in range(MAX_META_CHARS // 8)}
    source.write_text(
        _jsonl_line("1") + json.dumps({"text": "Another article.", **many_fields}) + "\n", encoding="utf-8"
    )
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert f"{source}:2: the metadata is " in result.stderr
    assert f"over the limit of {MAX_META_CHARS:,}" in result.stderr
    assert _stored_texts(project) == []
    report = tmp_path / "r.tsv"
    result = run_cli("import", str(project), str(source), "--no-nlp", "--skip-bad", "--report", str(report))
    assert result.returncode == 0, result.stderr
    result = run_cli("export", str(project), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr


def test_the_store_refuses_to_write_metadata_it_would_not_read_back(tmp_path: Path) -> None:
    from annotator import open_project
    from annotator.core.errors import UserError
    from annotator.core.model import ArticleDraft

    with open_project(tmp_path / "p.db") as project:
        for meta in ({"x": "y" * MAX_META_CHARS}, {"x": json.loads(_nested(MAX_JSON_DEPTH))}):
            with pytest.raises(UserError, match="metadata"):
                project.import_drafts([ArticleDraft(text="The council approved the budget.", meta=meta)])
        assert project.article_ids() == []


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: {"x": "y" * n},
        lambda n: {"x": "\x01" * (n // 6 + 1)},  # each written as a six-character escape
        lambda n: {"x": [True] * (n // 6 + 1)},
        lambda n: {"x": [None] * (n // 6 + 1)},
        lambda n: {"x": [10**30] * (n // 30)},
        lambda n: {"x": [1.0000000000000002e-300] * (n // 20)},
        lambda n: {f"k{i}": False for i in range(n // 10)},
    ],
)
def test_metadata_just_over_the_length_limit_is_refused_whatever_it_holds(shape: object) -> None:
    """The import's check estimates the length before writing the JSON out: never too low."""
    from annotator.core.validate import InvalidValue, check_meta_value

    meta = shape(MAX_META_CHARS)  # type: ignore[operator]
    assert len(json.dumps(meta, ensure_ascii=False, sort_keys=True)) > MAX_META_CHARS
    with pytest.raises(InvalidValue, match="over the limit"):
        check_meta_value(meta)
