"""A merge's summary counts in the number people read: "1 new article", never "1 new articles"."""

from __future__ import annotations

from annotator.core.reports import MergeReport


def test_one_of_each_reads_singular() -> None:
    report = MergeReport(source="alice.db")
    report.articles_added = 1
    report.claims_added = 1
    report.quote_corrections = 1
    report.gold_decisions = 1

    said = report.summary()

    assert said.startswith("alice.db: 1 new article, 0 already there; 1 claim added, 0 already there")
    assert "1 quotation correction" in said
    assert "1 gold decision added" in said
    assert "articles" not in said and "claims" not in said and "corrections" not in said


def test_several_read_plural() -> None:
    report = MergeReport(source="bob.db")
    report.articles_added = 3
    report.claims_added = 14
    report.gold_decisions = 2

    said = report.summary()

    assert said.startswith("bob.db: 3 new articles, 0 already there; 14 claims added, 0 already there")
    assert "2 gold decisions added" in said
