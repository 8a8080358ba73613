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


def test_one_name_reads_singular() -> None:
    """A file whose one decision was a name a person added said "1 names people added"."""
    report = MergeReport(source="alice.db")
    report.names = {"added": 1, "suggested": 1}

    said = report.summary()

    assert said.endswith("; 1 name people added; 1 name found by pre-annotation, not yet checked")


def test_several_read_plural() -> None:
    report = MergeReport(source="bob.db")
    report.articles_added = 3
    report.claims_added = 14
    report.gold_decisions = 2

    said = report.summary()

    assert said.startswith("bob.db: 3 new articles, 0 already there; 14 claims added, 0 already there")
    assert "2 gold decisions added" in said


def test_suggestions_replaced_by_names_are_said_only_when_there_are_some() -> None:
    """A merge takes another type's suggestion off a span the file brings a person's name on;
    "merged 2 names people added" did not tell that anything went."""
    report = MergeReport(source="alice.db")
    report.names = {"added": 2}
    assert "replaced" not in report.summary()

    report.suggestions_replaced = 1
    assert report.summary().endswith(
        "; 2 names people added; 1 suggestion of another type replaced by this file's names"
    )
    report.suggestions_replaced = 3
    assert "; 3 suggestions of another type replaced by this file's names" in report.summary()
    assert report.to_dict()["suggestions_replaced"] == 3
