"""Counts in what people read are in the number read: "1 article", "2 articles", never
"article(s)", which read as a machine's in status lines, dialogs, reports and the CLI."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from annotator.core.model import Entity, EntityStatus
from annotator.core.reports import DecisionsCarried
from annotator.services.exporting import ExportResult
from annotator.services.importing import ImportResult
from annotator.services.labelling import decide_every_mention
from annotator.ui.import_report import ImportOutcome

PACKAGE = Path(__file__).parent.parent / "annotator"
MACHINE_PLURAL = re.compile(r"[A-Za-z]\((?:s|es)\)")


def _strings_people_can_read(tree: ast.AST) -> list[str]:
    """Every string constant but docstrings (a bare string statement), which no one is shown."""
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_string_in_the_package_counts_with_a_parenthesised_plural() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for text in _strings_people_can_read(ast.parse(path.read_text("utf-8")))
        if MACHINE_PLURAL.search(text.replace("http(s)", "https"))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("added", "files", "duplicates", "said"),
    [
        (1, 1, 1, "imported 1 article from 1 file; 1 duplicate skipped"),
        (3, 2, 2, "imported 3 articles from 2 files; 2 duplicates skipped"),
    ],
)
def test_an_import_summary_counts_in_the_number_read(
    added: int, files: int, duplicates: int, said: str
) -> None:
    assert ImportResult(added=list(range(added)), duplicates=duplicates, files=files).summary() == said


@pytest.mark.parametrize(
    ("added", "files", "duplicates", "said"),
    [
        (1, 1, 1, "Imported 1 article from 1 file; 1 article already in the project skipped"),
        (3, 2, 2, "Imported 3 articles from 2 files; 2 articles already in the project skipped"),
    ],
)
def test_the_window_s_import_line_counts_in_the_number_read(
    added: int, files: int, duplicates: int, said: str
) -> None:
    assert ImportOutcome(added=added, files=files, duplicates=duplicates).status_line() == said


@pytest.mark.parametrize(
    ("claims", "articles", "said"),
    [
        (1, 1, "exported 1 claim from 1 article as jsonl"),
        (2, 3, "exported 2 claims from 3 articles as jsonl"),
    ],
)
def test_an_export_summary_counts_in_the_number_read(claims: int, articles: int, said: str) -> None:
    result = ExportResult(Path("out.jsonl"), "jsonl", articles, claims)
    assert result.summary() == f"{said} to out.jsonl"


@pytest.mark.parametrize(
    ("left_out", "articles", "skipped", "said"),
    [
        (1, 1, 1, "your team's entity decisions: 1 suggestion left out, 0 added in 1 article; "
         "1 article left as it was: row 3"),
        (2, 3, 2, "your team's entity decisions: 2 suggestions left out, 0 added in 3 articles; "
         "2 articles left as they were: row 3"),
    ],
)  # fmt: skip
def test_entity_decisions_count_in_the_number_read(
    left_out: int, articles: int, skipped: int, said: str
) -> None:
    carried = DecisionsCarried(articles=articles, left_out=left_out, skipped=skipped, problem="row 3")
    assert carried.summary() == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("AI rose.", "Rejected 1 mention of AI (GPE)"),
        ("AI rose. AI fell.", "Rejected 2 mentions of AI (GPE)"),
    ],
)
def test_every_mention_counts_in_the_number_read(text: str, said: str) -> None:
    mentions = [Entity(m.start(), m.end(), "GPE", id=i) for i, m in enumerate(re.finditer("AI", text), 1)]
    assert decide_every_mention(mentions, text, mentions[0], EntityStatus.REJECTED).message == said
