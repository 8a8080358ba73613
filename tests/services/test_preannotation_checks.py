"""How often pre-annotation was right, on what people checked in the project: what a quotation
was before a person checked it is kept, survives undo, re-annotation, merges and older files,
and the figures count it.

The text is the op-ed of issue 14 (`test_quote_correction`): pre-annotation gave "Cambridge"
as the first quotation's speaker, found a second quotation with no speaker and a scare quote.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from annotator.core.errors import ProjectFileError, UserError
from annotator.core.model import QUOTE_CORRECTED, Entity, EntityStatus, QuoteKind, QuoteSuggestion
from annotator.core.text import content_hash
from annotator.formats.schemas import TASK_SCHEMA, load_schema
from annotator.services import labelling
from annotator.services.exporting import ExportOptions, export
from annotator.services.importing import import_paths
from annotator.services.project import Project
from annotator.services.statistics import CheckedShare, preannotation_checks
from annotator.store import ProjectStore
from annotator.store.merge import merge_project
from annotator.store.schema import SCHEMA_VERSION
from tests.services.test_quote_correction import QUOTE_START, TEXT, _analysis, _quote, _store
from tests.store.old_files import schema_at

NOBODY = TEXT.index("“Nobody")
PREMATURE = TEXT.index("“premature”")


def _check_the_quotations(store: ProjectStore) -> None:
    """Speaker corrected (Cambridge -> Eleanor Shaw), a speaker given to a quotation that had
    none, the scare quote removed, and one the finder missed added."""
    for quote, kind, name in (
        (_quote(store), QuoteKind.DIRECT, "Eleanor Shaw"),
        (_quote(store, NOBODY), QuoteKind.DIRECT, "Eleanor Shaw"),
    ):
        command = labelling.correct_quote(store.annotated(1), quote, kind, name).command
        assert command is not None
        store.execute(command)
    removal = labelling.remove_quote(_quote(store, PREMATURE)).command
    assert removal is not None
    store.execute(removal)
    missed = TEXT.index("Later Shaw")
    added = labelling.add_quote(
        store.annotated(1), (missed, missed + len("Later")), QuoteKind.SCARE, ""
    ).command
    assert added is not None
    store.execute(added)


def _lines(path: Path) -> dict[str, CheckedShare]:
    with Project(path, create=False) as project:
        return {line.what: line for line in preannotation_checks(project)}


def test_the_figures_count_what_people_decided(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        entities = {e.start: e for e in store.annotated(1).entities}
        for entity, status in (
            (entities[4], EntityStatus.ACCEPTED),
            (entities[TEXT.index("Cambridge")], EntityStatus.REJECTED),
        ):
            command = (
                labelling.accept_entity if status is EntityStatus.ACCEPTED else labelling.reject_entity
            )(entity).command
            assert command is not None
            store.execute(command)
        store.execute(
            labelling.add_every_occurrence(
                store.annotated(1), (TEXT.index("Zürich"), TEXT.index("Zürich") + 6), "GPE"
            ).command
        )  # type: ignore[arg-type]
        nothing_checked = _lines(tmp_path / "p.db")
        assert nothing_checked["Quotations found"] == CheckedShare(
            "Quotations found", 0, 0, added=0, unchecked=3
        )
        assert nothing_checked["Speakers"].share is None
        _check_the_quotations(store)
        # A quotation confirmed as it was (W, Enter) is a check too: the first one, corrected
        # again to the same speaker, changes nothing, and counts once.
        again = labelling.correct_quote(store.annotated(1), _quote(store), QuoteKind.DIRECT, "Eleanor Shaw")
        assert again.command is None and again.message == "Nothing changed"

    lines = _lines(tmp_path / "p.db")
    assert lines["PERSON entities"] == CheckedShare(
        "PERSON entities", checked=1, right=1, added=0, unchecked=1
    )
    assert lines["GPE entities"] == CheckedShare("GPE entities", checked=1, right=0, added=1, unchecked=0)
    # Three found, two kept (the scare quote removed), one added that the finder missed.
    assert lines["Quotations found"] == CheckedShare(
        "Quotations found", checked=3, right=2, added=1, unchecked=0
    )
    assert lines["Quotation kinds"] == CheckedShare("Quotation kinds", checked=2, right=2)
    # "Cambridge" was wrong, and so was no speaker at all.
    assert lines["Speakers"] == CheckedShare("Speakers", checked=2, right=0)


def test_a_confirmed_quotation_counts_as_right(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        outcome = labelling.correct_quote(store.annotated(1), _quote(store), QuoteKind.DIRECT, "Cambridge")
        assert outcome.message == "Quotation confirmed: direct, speaker Cambridge"
        assert outcome.command is not None  # unchanged, but a person's now
        store.execute(outcome.command)
        confirmed = _quote(store)
        assert confirmed.model == QUOTE_CORRECTED
        assert confirmed.suggested == QuoteSuggestion(QuoteKind.DIRECT, "Cambridge")
    lines = _lines(tmp_path / "p.db")
    assert lines["Speakers"] == CheckedShare("Speakers", checked=1, right=1)
    assert lines["Quotations found"].unchecked == 2


def test_what_preannotation_said_survives_a_second_correction_undo_and_reannotation(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        first = labelling.correct_quote(
            store.annotated(1), _quote(store), QuoteKind.DIRECT, "Eleanor Shaw"
        ).command
        assert first is not None
        store.execute(first)
        second = labelling.correct_quote(store.annotated(1), _quote(store), QuoteKind.PARTIAL, "Shaw").command
        assert second is not None
        store.execute(second)
        # The second correction keeps what pre-annotation said, not what the person said first.
        assert _quote(store).suggested == QuoteSuggestion(QuoteKind.DIRECT, "Cambridge")
        store.save_analysis(1, _analysis())
        assert _quote(store).suggested == QuoteSuggestion(QuoteKind.DIRECT, "Cambridge")
        store.revert(second)
        assert _quote(store).suggested == QuoteSuggestion(QuoteKind.DIRECT, "Cambridge")
        store.revert(first)
        assert _quote(store).suggested is None and _quote(store).model != QUOTE_CORRECTED


def test_merges_carry_what_preannotation_said(tmp_path: Path) -> None:
    with _store(tmp_path / "alice.db") as alice:
        _check_the_quotations(alice)
    with _store(tmp_path / "team.db") as team:
        report = merge_project(team, tmp_path / "alice.db")
        assert report.quote_corrections == 4
    assert _lines(tmp_path / "team.db") == _lines(tmp_path / "alice.db")
    # A new team file takes the articles whole, with the same record.
    ProjectStore(tmp_path / "empty.db").close()
    with ProjectStore(tmp_path / "empty.db") as empty:
        merge_project(empty, tmp_path / "alice.db")
    assert _lines(tmp_path / "empty.db") == _lines(tmp_path / "alice.db")


def test_a_merge_source_with_a_suggested_speaker_but_no_quotation_is_refused(tmp_path: Path) -> None:
    with _store(tmp_path / "mallory.db") as store:
        _check_the_quotations(store)
    conn = sqlite3.connect(tmp_path / "mallory.db")
    conn.execute("UPDATE quotes SET suggested_speaker = 'Somebody' WHERE suggested_kind = 'missed'")
    conn.commit()
    conn.close()
    with _store(tmp_path / "team.db") as team:
        before = team.quotes(1)
        with pytest.raises(ProjectFileError, match=r"quotes row .*suggested speaker"):
            merge_project(team, tmp_path / "mallory.db")
        assert team.quotes(1) == before


def test_a_file_from_before_the_record_opens_and_merges_with_nothing_recorded(tmp_path: Path) -> None:
    """A v6 file's corrections are the person's, but nobody knows what pre-annotation said."""
    path = tmp_path / "v6.db"
    conn = sqlite3.connect(path)
    schema_at(conn, 6)
    conn.execute(
        "INSERT INTO articles(id, content_hash, title, source, text, meta, created_at, updated_at)"
        " VALUES (1, ?, 'Op-ed', '', ?, '{}', '2026-01-01', '2026-01-01')",
        (content_hash(TEXT), TEXT),
    )
    conn.execute(
        'INSERT INTO quotes(article_id, start, "end", kind, model) VALUES (1, ?, ?, ?, ?)',
        (QUOTE_START, TEXT.index("”", QUOTE_START) + 1, "direct", QUOTE_CORRECTED),
    )
    conn.commit()
    conn.close()
    with _store(tmp_path / "team.db") as team:
        assert merge_project(team, path).quote_corrections == 1
        assert _quote(team).model == QUOTE_CORRECTED and _quote(team).suggested is None
    with ProjectStore(path) as old:
        assert old.schema_version == SCHEMA_VERSION and _quote(old).suggested is None
    assert "Quotations found" not in _lines(path)  # nothing suggested, nothing known to be checked


def test_entities_a_file_brought_in_are_not_counted_as_preannotation(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        store.execute(labelling.accept_entity(store.annotated(1).entities[0]).command)  # type: ignore[arg-type]
        store.insert_entity(
            1, Entity(TEXT.index("Zürich"), TEXT.index("Zürich") + 6, "GPE", EntityStatus.ACCEPTED)
        )
    lines = _lines(tmp_path / "p.db")
    assert lines["GPE entities"].checked == 0  # the imported one (no model) is nobody's suggestion
    assert lines["PERSON entities"].right == 1


def test_q_offers_only_the_quotations_nobody_checked(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        quotes = store.annotated(1).quotes
        first = labelling.step_quote_to_check(quotes, selection=None, caret=0, direction=1)
        assert first.select == (QUOTE_START, TEXT.index("”", QUOTE_START) + 1)
        assert first.message == (
            "Quotation 1 of 3 to check: direct, by Cambridge (W corrects it; W, Enter confirms it)"
        )
        last = labelling.step_quote_to_check(quotes, selection=None, caret=len(TEXT), direction=-1)
        assert last.select is not None and TEXT[last.select[0] : last.select[1]] == "“premature”"
        assert last.message is not None and "scare, nobody said to have said it" in last.message
        _check_the_quotations(store)
        quotes = store.annotated(1).quotes
        done = labelling.step_quote_to_check(quotes, selection=None, caret=0, direction=1)
        assert (done.select, done.message) == (None, "Every quotation in this article is checked")
    assert labelling.step_quote_to_check((), selection=None, caret=0, direction=1).message == (
        "No quotations in this article"
    )


def test_q_and_shift_q_do_not_turn_back_at_the_ends(tmp_path: Path) -> None:
    """Shift+Q with no quotation to check before the cursor used to move forward to the first
    one, and then stay there saying nothing new; as J and K stop at the ends, it stays put and
    the status bar says there is none that way (and Q likewise after the last)."""
    with _store(tmp_path / "p.db") as store:
        quotes = store.annotated(1).quotes
        first = (QUOTE_START, TEXT.index("”", QUOTE_START) + 1)
        back = labelling.step_quote_to_check(quotes, selection=None, caret=NOBODY - 1, direction=-1)
        assert back.select == first
        for selection, caret in ((first, first[1]), (None, 0), (None, QUOTE_START)):
            none = labelling.step_quote_to_check(quotes, selection=selection, caret=caret, direction=-1)
            assert (none.select, none.message) == (
                None,
                "No quotation left to check before here (Q goes to the next one)",
            )
        last = (PREMATURE, PREMATURE + len("“premature”"))
        for selection, caret in ((last, last[1]), (None, len(TEXT))):
            none = labelling.step_quote_to_check(quotes, selection=selection, caret=caret, direction=1)
            assert (none.select, none.message) == (
                None,
                "No quotation left to check after here (Shift+Q goes to the previous one)",
            )
        onward = labelling.step_quote_to_check(quotes, selection=first, caret=first[1], direction=1)
        assert onward.select is not None and onward.select[0] == NOBODY


def test_exports_carry_what_preannotation_said_and_read_it_back(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        _check_the_quotations(store)
    out = tmp_path / "out.jsonl"
    with Project(tmp_path / "p.db", create=False) as project:
        export(project, out, options=ExportOptions(format="jsonl"))
    task = json.loads(out.read_text("utf-8"))
    jsonschema.validate(task, load_schema(TASK_SCHEMA))
    said = {TEXT[q["start"] : q["end"]]: q.get("suggested") for q in task["quotes"]}
    assert said["“We are not ready.”"] == {"kind": "direct", "speaker": "Cambridge"}
    assert said["“Nobody is.”"] == {"kind": "direct", "speaker": None}
    assert said["Later"] == {"kind": None, "speaker": None}  # the finder missed it
    with Project(tmp_path / "again.db") as again:
        import_paths(again, [out])
    assert _lines(tmp_path / "again.db")["Speakers"] == _lines(tmp_path / "p.db")["Speakers"]


@pytest.mark.parametrize(
    ("suggested", "status", "message"),
    [
        ({"kind": "shouted", "speaker": None}, "corrected", "suggested.kind is 'shouted'"),
        (
            {"kind": None, "speaker": "Mallory"},
            "corrected",
            "suggested.speaker must be a string, and only with",
        ),
        ({"kind": "direct", "speaker": 7}, "corrected", "suggested.speaker must be a string"),
        ({"kind": "direct", "speaker": None, "run": "rm -rf"}, "corrected", "must be an object with kind"),
        ({"kind": "direct", "speaker": None}, "suggested", "belongs only to a corrected quotation"),
    ],
)
def test_a_file_with_a_bad_suggested_record_is_refused_naming_the_line(
    tmp_path: Path, suggested: object, status: str, message: str
) -> None:
    end = TEXT.index("”", QUOTE_START) + 1
    quote = {"start": QUOTE_START, "end": end, "kind": "direct", "speaker": None, "status": status}
    lines = [
        json.dumps({"text": "A first article."}),
        json.dumps({"text": TEXT, "quotes": [{**quote, "suggested": suggested}]}),
    ]
    source = tmp_path / "hostile.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project(tmp_path / "p.db") as project:
        with pytest.raises(UserError) as refused:
            import_paths(project, [source])
        assert project.article_ids() == []
    assert "hostile.jsonl:2" in str(refused.value) and message in str(refused.value)
