"""How a merge report names the article a conflict is on."""

from __future__ import annotations

import pytest

from annotator.core.reports import MergeConflict


@pytest.mark.parametrize("title", ["   ", "\u200b", "\ufeff\u200b"])
def test_a_conflict_on_an_article_whose_title_shows_nothing_names_it_by_its_text(title: str) -> None:
    """A merge report said "article '   ': label differs", naming nothing a person could find."""
    said = str(MergeConflict("label", "ab" * 32, title, "factual or opinion"))
    assert said.startswith("article abababababab: label differs"), said


def test_a_conflict_names_a_title_with_a_line_break_on_one_line() -> None:
    said = str(MergeConflict("label", "ab" * 32, "Harbour\nreopens", "factual or opinion"))
    assert said.startswith("article 'Harbour reopens': label differs"), said
