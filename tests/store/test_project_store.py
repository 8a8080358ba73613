"""Store round trips, migrations, refusals and the undo/redo commands."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.commands import AddClaim, DeleteClaim, SetArticleStatus, SetEntityStatus, UpdateClaim
from annotator.core.errors import NotFoundError, ProjectFileError, ReadOnlyError, SpanError
from annotator.core.model import (
    Analysis,
    ArticleDraft,
    ArticleStatus,
    Claim,
    ClaimCandidate,
    ClaimDraft,
    ClaimLabel,
    Entity,
    EntityStatus,
    PipelineInfo,
    Quote,
    QuoteKind,
    Speaker,
)
from annotator.core.text import content_hash
from annotator.services.project import Project, store_of
from annotator.services.renaming import rename_annotator
from annotator.store.project_store import ProjectStore
from annotator.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.read_only_files import read_only_file
from tests.store.old_files import project_at, schema_at

TEXT = 'The minister said "prices rose 5% in May." Critics disagree.'
PIPE = PipelineInfo("en_core_web_sm", "3.8.0")


@pytest.fixture
def project(tmp_path: Path):
    with open_project(tmp_path / "p.db") as proj:
        yield proj


def _analysis() -> Analysis:
    return Analysis(
        pipeline=PIPE,
        entities=(Entity(30, 32, "PERCENT"), Entity(36, 39, "DATE")),
        quotes=(Quote(18, 42, QuoteKind.DIRECT, Speaker(4, 12, "minister")), Quote(43, 50, QuoteKind.SCARE)),
        candidates=(ClaimCandidate(0, 42, 0.8, ("number", "reported speech")),),
        sentences=((0, 42), (43, 60)),
    )


def test_every_entity_round_trips(project) -> None:
    report = project.import_drafts(
        [
            ArticleDraft(
                text=TEXT,
                title="Prices",
                source="https://example.org/a",
                meta={"date": "2019-01-07", "tags": ["economy"]},
                origin="a.txt",
                encoding="utf-16",
                claims=(ClaimDraft(43, 60, ClaimLabel.OPINION, annotator="ann", note="hedge"),),
            )
        ]
    )
    (article_id,) = report.added
    article = project.article(article_id)
    assert (article.text, article.title, article.source) == (TEXT, "Prices", "https://example.org/a")
    assert article.meta == {"date": "2019-01-07", "tags": ["economy"]}
    assert (article.origin, article.encoding) == ("a.txt", "utf-16")
    assert article.status is ArticleStatus.IN_PROGRESS  # it came with a claim

    store_of(project).save_analysis(article_id, _analysis())
    assert [(e.start, e.end, e.label, e.status) for e in project.entities(article_id)] == [
        (30, 32, "PERCENT", EntityStatus.SUGGESTED),
        (36, 39, "DATE", EntityStatus.SUGGESTED),
    ]
    quotes = project.quotes(article_id)
    assert [(q.start, q.end, q.kind, q.speaker) for q in quotes] == [
        (18, 42, QuoteKind.DIRECT, Speaker(4, 12, "minister")),
        (43, 50, QuoteKind.SCARE, None),
    ]
    assert quotes[0].model == "en_core_web_sm@3.8.0"
    (candidate,) = project.candidates(article_id)
    assert (candidate.start, candidate.end, candidate.score, candidate.reasons) == (
        0,
        42,
        0.8,
        ("number", "reported speech"),
    )
    assert store_of(project).cached_analysis(article.content_hash, PIPE) == _analysis()
    assert project.analysis_pipeline(article_id) == PIPE

    claim = project.add_claim(article_id, 0, 42, "factual", annotator="bob", note="check")
    assert project.claims(article_id) == [claim, *project.claims(article_id, annotator="ann")]
    assert project.annotators() == ["ann", "bob"]
    assert TEXT[claim.start : claim.end] == 'The minister said "prices rose 5% in May."'


def test_analysed_at_is_renewed_by_every_analysis_of_the_article(
    project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window tells a step whose entity rows another pre-annotation replaced by this stamp."""
    from annotator.store import project_store

    (article_id,) = project.import_texts([TEXT]).added
    assert project.analysed_at(article_id) is None
    monkeypatch.setattr(project_store, "now_iso", lambda: "2026-01-02T03:04:05.006Z")
    store_of(project).save_analysis(article_id, _analysis())
    assert project.analysed_at(article_id) == "2026-01-02T03:04:05.006Z"
    monkeypatch.setattr(project_store, "now_iso", lambda: "2026-01-02T03:04:05.007Z")
    store_of(project).save_analysis(article_id, _analysis())
    assert project.analysed_at(article_id) == "2026-01-02T03:04:05.007Z"
    assert project.analysed_at(article_id + 1) is None


def test_duplicates_are_skipped_and_counted(project) -> None:
    first = project.import_texts(["one\r\ntext", "two"])
    second = project.import_texts(["one\ntext", "\ufefftwo", "three"])
    assert len(first.added) == 2 and first.duplicates == 0
    assert len(second.added) == 1 and second.duplicates == 2
    assert project.article_count() == 3


def test_duplicates_are_found_across_the_lookup_chunks(project) -> None:
    # The project's hashes are asked for in chunks of 500: a text already there is found in
    # any chunk, and one repeated within the import is added once.
    project.import_texts([f"article {n}" for n in range(0, 1200, 7)])
    texts = [f"article {n}" for n in range(1200)] + ["article 1199", "article 3"]
    report = project.import_texts(texts)
    old = len(range(0, 1200, 7))
    assert (len(report.added), report.duplicates) == (1200 - old, old + 2)
    assert project.article_count() == 1200


def test_a_large_import_holds_little_besides_its_drafts(project) -> None:
    """What the store keeps per article until the import's one transaction ends is a few hundred
    bytes: it kept four empty sets and a dict for each (1.3 KB), and a 1,000,000-row CSV of short
    rows peaked at 2 GB, 0.75 GB of it that. Python's own allocations are counted, never time."""
    import tracemalloc

    project.import_texts(["first"])  # what the first import loads once is not counted
    count = 5_000
    drafts = [
        ArticleDraft(text=f"Row {n}: the minister said so.", title=f"t{n}", origin="rows.csv", line=n + 2)
        for n in range(count)
    ]
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        report = project.import_drafts(drafts)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(report.added) == count and project.article_count() == count + 1
    assert (peak - held) / count < 1_000


def test_a_large_import_read_as_it_goes_lets_go_of_each_text_once_written(project) -> None:
    """Drafts read as the store takes them are let go of a chunk at a time, and so is what the
    store knew of a text that came in one line with nothing but its article: kept until the
    transaction ended, that took 0.3 GB for a 1,000,000-row CSV. Python's own allocations are
    counted, never time."""
    import tracemalloc

    project.import_texts(["first"])  # what the first import loads once is not counted
    count = 30_000

    def drafts() -> Iterator[ArticleDraft]:
        for n in range(count):
            yield ArticleDraft(
                text=f"Row {n}: the minister said so.", title=f"t{n}", origin="rows.csv", line=n + 2
            )

    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        report = project.import_drafts(drafts())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(report.added) == count and project.article_count() == count + 1
    # A chunk of drafts and rows (a few MB) and each article's id: 450 bytes a row with every
    # text's state kept, 250 without.
    assert (peak - held) / count < 350


def test_texts_met_again_after_the_store_let_go_of_them_are_joined_as_before(project) -> None:
    """A text whose first line's row was written thousands of rows earlier, and let go of, is
    found in the table: again naming no one it is a repeated duplicate, with a person's claim
    it is joined, and with a status it is started further."""
    from annotator.store import project_store

    count = 2 * project_store._FLUSH_ARTICLES + 500
    texts = [f"Row {n}: the minister said so." for n in range(count)]
    claim = ClaimDraft(0, 3, ClaimLabel.OPINION, annotator="alice")

    def drafts() -> Iterator[ArticleDraft]:
        for n, text in enumerate(texts):
            yield ArticleDraft(text=text, origin="rows.jsonl", line=n + 1)
        yield ArticleDraft(text=texts[0], origin="rows.jsonl", line=count + 1)
        yield ArticleDraft(
            text=texts[1], origin="rows.jsonl", line=count + 2, claims=(claim,), annotator="alice"
        )
        yield ArticleDraft(
            text=texts[2],
            origin="rows.jsonl",
            line=count + 3,
            claims=(ClaimDraft(4, 7, ClaimLabel.FACTUAL),),
            status=ArticleStatus.DONE,
        )

    report = project.import_drafts(drafts())
    assert (len(report.added), report.duplicates, report.repeated) == (count, 1, 1)
    assert (report.joined_texts, report.joined_people) == (1, 2)
    first, second, third = report.added[:3]
    assert [(c.article_id, c.start, c.end, c.label, c.annotator) for c in project.claims()] == [
        (second, 0, 3, ClaimLabel.OPINION, "alice"),
        (third, 4, 7, ClaimLabel.FACTUAL, "imported"),
    ]
    assert [project.article(i).status for i in (first, second, third)] == [
        ArticleStatus.NEW,
        ArticleStatus.IN_PROGRESS,
        ArticleStatus.DONE,
    ]
    assert project.article_count() == count


def test_import_is_all_or_nothing(project) -> None:
    project.import_texts(["kept"])
    bad = ArticleDraft(text="short", claims=(ClaimDraft(0, 99, ClaimLabel.FACTUAL),))
    with pytest.raises(SpanError):
        project.import_drafts([ArticleDraft(text="would be added"), bad])
    assert [a.title for a in project.articles()] == [""]
    assert project.article(project.article_ids()[0]).text == "kept"


def test_a_bad_draft_after_thousands_of_rows_written_leaves_the_project_unchanged(project) -> None:
    """An import writes its rows as it goes, a few thousand at a time, in its one transaction: a
    draft the store refuses after 12,000 others (rows written) leaves none of them in the project."""
    from annotator.store import project_store

    project.import_texts(["kept"])
    count = 2 * project_store._FLUSH_ARTICLES + 2_000
    drafts = [
        ArticleDraft(text=f"Row {n}: the minister said so.", origin="rows.csv", line=n + 2)
        for n in range(count)
    ]
    bad = ArticleDraft(
        text="short", claims=(ClaimDraft(0, 99, ClaimLabel.FACTUAL),), origin="rows.csv", line=count + 2
    )
    with pytest.raises(SpanError, match=rf"^rows\.csv:{count + 2}: "):
        project.import_drafts([*drafts, bad])
    assert [project.article(i).text for i in project.article_ids()] == ["kept"]
    assert project.claims() == [] and project.article_count() == 1


def test_a_text_joined_by_another_persons_line_after_its_row_was_written_starts_in_progress(project) -> None:
    """The second person's line of a text comes thousands of rows after the first, whose row an
    import has written already: its claim starts the article, as if the two lines were next to
    each other."""
    from annotator.store import project_store

    text = "The minister said prices rose. Critics disagree."
    others = [ArticleDraft(text=f"Row {n}: filler.") for n in range(project_store._FLUSH_ARTICLES + 10)]
    report = project.import_drafts(
        [
            ArticleDraft(text=text, annotator="alice"),
            *others,
            ArticleDraft(text=text, annotator="bob", claims=(ClaimDraft(0, 30, ClaimLabel.FACTUAL, "bob"),)),
        ]
    )
    first = report.added[0]
    assert project.article(first).status is ArticleStatus.IN_PROGRESS
    assert [(c.start, c.end, c.annotator) for c in project.claims(first)] == [(0, 30, "bob")]
    assert {project.article(i).status for i in report.added[1:]} == {ArticleStatus.NEW}


def test_a_text_with_an_unpaired_surrogate_is_refused_in_one_line(project) -> None:
    # Its content hash was made before the text was checked: UnicodeEncodeError, a traceback.
    project.import_texts(["kept"])
    drafts = [ArticleDraft(text="fine"), ArticleDraft(text="a \ud800 b", origin="in.jsonl", line=2)]
    with pytest.raises(SpanError, match=r"^in\.jsonl:2: the text contains an unpaired surrogate"):
        project.import_drafts(drafts)
    assert [project.article(i).text for i in project.article_ids()] == ["kept"]


def test_claim_span_is_checked(project) -> None:
    (article_id,) = project.import_texts(["abc"]).added
    with pytest.raises(SpanError):
        project.add_claim(article_id, 2, 4, "factual", annotator="a")
    with pytest.raises(SpanError):
        project.add_claim(article_id, 2, 2, "factual", annotator="a")
    with pytest.raises(ValueError, match="'true'"):
        project.add_claim(article_id, 0, 1, "true", annotator="a")
    assert project.claims() == []


def test_every_change_of_a_claim_is_stamped_after_the_one_before(
    project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge takes a claim's later `updated_at` as its author's later change: a relabel made
    after the clock was put back, or in the same millisecond, must still be stamped later."""
    from annotator.store import project_store

    (article_id,) = project.import_texts([TEXT]).added
    monkeypatch.setattr(project_store, "now_iso", lambda: "2027-01-01T00:00:00.000Z")
    claim = project.add_claim(article_id, 0, 12, "factual", annotator="ann")
    monkeypatch.setattr(project_store, "now_iso", lambda: "2026-01-01T00:00:00.000Z")  # put right
    project.execute(UpdateClaim(claim.id or 0, label=ClaimLabel.OPINION))
    assert project.claims()[0].updated_at == "2027-01-01T00:00:00.001Z"
    note = UpdateClaim(claim.id or 0, note="checked")
    project.execute(note)
    assert project.claims()[0].updated_at == "2027-01-01T00:00:00.002Z"
    monkeypatch.setattr(project_store, "now_iso", lambda: "2027-06-01T00:00:00.000Z")  # time caught up
    project.revert(note)
    assert project.claims()[0].updated_at == "2027-06-01T00:00:00.000Z"
    # A stamp nothing can follow (a crafted file's) leaves the clock's, never a traceback.
    assert project_store.stamp_after("9999-12-31T23:59:59.999999+00:00") == "2027-06-01T00:00:00.000Z"


def test_span_errors_name_the_article_or_file(project) -> None:
    (article_id,) = project.import_texts(["abc"]).added
    with pytest.raises(SpanError, match=rf"^article {article_id}: span 2\.\.4 is outside"):
        project.add_claim(article_id, 2, 4, "factual", annotator="a")
    with pytest.raises(SpanError, match=rf"^article {article_id}: span 0\.\.9 "):
        store_of(project).insert_entity(article_id, Entity(0, 9, "ORG"))
    bad = ArticleDraft(
        text="short", origin="in/news.jsonl", line=7, claims=(ClaimDraft(0, 99, ClaimLabel.FACTUAL),)
    )
    with pytest.raises(SpanError, match=r"^in/news\.jsonl:7: span 0\.\.99 "):
        project.import_drafts([bad])


def test_commands_undo_and_redo_are_saved(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with open_project(path) as project:
        (article_id,) = project.import_texts([TEXT]).added
        add = AddClaim(Claim(article_id, 0, 42, ClaimLabel.FACTUAL, "ann"))
        project.execute(add)
        assert add.created is not None
        claim_id = add.created.id
        relabel = UpdateClaim(claim_id, label=ClaimLabel.QUESTIONABLE, note="source?")
        project.execute(relabel)
        done = SetArticleStatus(article_id, ArticleStatus.DONE)
        project.execute(done)
        delete = DeleteClaim(claim_id)
        change = project.execute(delete)
        assert change.claims and change.article_ids == {article_id}
        assert project.claims() == []

        project.revert(delete)
        project.revert(done)
        project.revert(relabel)
    # Each undo was committed: a fresh connection sees it.
    with open_project(path) as project:
        (claim,) = project.claims()
        assert (claim.id, claim.label, claim.note) == (claim_id, ClaimLabel.FACTUAL, "")
        assert project.article(article_id).status is ArticleStatus.NEW
        project.revert(add)
        assert project.claims() == []
        project.execute(add)  # redo keeps the id, so later commands still refer to it
        assert [c.id for c in project.claims()] == [claim_id]
        project.execute(relabel)
        assert project.get_claim(claim_id).label is ClaimLabel.QUESTIONABLE


def test_an_undo_refuses_rows_another_writer_changed_since(tmp_path: Path) -> None:
    """Undo writes back what an edit found only if the row is still as the edit left it,
    otherwise the other writer's work would silently go. A row put back whose id was taken
    meanwhile gets a new one, so that redo goes ahead and leaves the other row alone."""
    from annotator.core.commands import AddEntity, AddQuote, CorrectQuote
    from annotator.core.errors import ChangedMeanwhile

    path = tmp_path / "p.db"
    with open_project(path) as mine, open_project(path) as theirs:
        (article_id,) = mine.import_texts([TEXT]).added
        store_of(mine).save_analysis(article_id, _analysis())
        status = SetArticleStatus(article_id, ArticleStatus.DONE)
        mine.execute(status)
        theirs.set_status(article_id, ArticleStatus.IN_PROGRESS)
        with pytest.raises(ChangedMeanwhile, match=r"^The article's status was changed elsewhere"):
            mine.revert(status)
        assert mine.article(article_id).status is ArticleStatus.IN_PROGRESS

        quote = mine.quotes(article_id)[0]
        assert quote.id is not None
        correct = CorrectQuote(quote.id, QuoteKind.PARTIAL, None)
        mine.execute(correct)
        theirs.execute(CorrectQuote(quote.id, QuoteKind.SCARE, None))
        with pytest.raises(ChangedMeanwhile, match=r"^The quotation was changed elsewhere"):
            mine.revert(correct)
        assert mine.quotes(article_id)[0].kind is QuoteKind.SCARE

        added = AddQuote(article_id, Quote(43, 50, QuoteKind.SCARE))
        mine.execute(added)
        mine.revert(added)
        other = AddQuote(article_id, Quote(52, 60, QuoteKind.SCARE))
        theirs.execute(other)  # given the free id
        assert added.created is not None and other.created is not None
        assert other.created.id == added.created.id
        mine.execute(added)  # the redo puts it back beside theirs, under a new id
        assert added.created.id is not None and added.created.id != other.created.id
        rows = {q.id: (q.start, q.end) for q in mine.quotes(article_id)}
        assert rows[added.created.id] == (43, 50) and rows[other.created.id] == (52, 60)
        mine.revert(added)  # and its undo takes back only this one
        rows = {q.id: (q.start, q.end) for q in mine.quotes(article_id)}
        assert added.created.id not in rows and rows[other.created.id] == (52, 60)

        entity = AddEntity(article_id, Entity(0, 3, "ORG"))
        mine.execute(entity)
        assert entity.created is not None and entity.created.id is not None
        store_of(theirs).save_analysis(article_id, _analysis())  # kept: a person added it
        theirs.execute(SetEntityStatus(entity.created.id, EntityStatus.REJECTED))
        with pytest.raises(ChangedMeanwhile, match=r"^The entity was changed elsewhere"):
            mine.revert(entity)
        assert [e.status for e in mine.entities(article_id) if e.id == entity.created.id] == [
            EntityStatus.REJECTED
        ]


def test_a_redo_refuses_rows_another_writer_changed_since_its_undo(tmp_path: Path) -> None:
    """A redo makes the edit again on the row as the undo left it; another writer's change in
    between (a label, a note, a status, a decision, a correction) is kept and the redo refused,
    as an undo is, rather than silently written over (or, for a delete, deleted)."""
    from annotator.core.agreement import Unit
    from annotator.core.commands import Command, CorrectQuote, RemoveQuote
    from annotator.core.errors import ChangedMeanwhile
    from annotator.core.reports import ReviewItem
    from annotator.services import labelling

    path = tmp_path / "p.db"
    with open_project(path) as mine, open_project(path) as theirs:
        (article_id,) = mine.import_texts([TEXT]).added
        store_of(mine).save_analysis(article_id, _analysis())
        claim = mine.add_claim(article_id, 0, 42, "opinion", annotator="ann")
        assert claim.id is not None
        quote = mine.quotes(article_id)[0]
        entity = mine.entities(article_id)[0]
        assert quote.id is not None and entity.id is not None
        item = ReviewItem(Unit(article_id, (43, 60), {}, frozenset({"ann", "bo"})), "", TEXT)

        def refused(command: Command, elsewhere: Callable[[], object], what: str) -> None:
            mine.execute(command)
            mine.revert(command)
            elsewhere()
            with pytest.raises(ChangedMeanwhile, match=rf"^{what} was changed elsewhere since"):
                mine.execute(command)

        refused(
            UpdateClaim(claim.id, label=ClaimLabel.FACTUAL, seen=claim),
            lambda: theirs.update_claim(claim.id, label="questionable"),
            "The claim",
        )
        assert mine.get_claim(claim.id).label is ClaimLabel.QUESTIONABLE
        refused(
            UpdateClaim(claim.id, note="mine", seen=mine.get_claim(claim.id)),
            lambda: theirs.update_claim(claim.id, note="theirs"),
            "The claim",
        )
        assert mine.get_claim(claim.id).note == "theirs"
        refused(
            DeleteClaim(claim.id, seen=mine.get_claim(claim.id)),
            lambda: theirs.update_claim(claim.id, label="factual"),
            "The claim",
        )
        assert mine.get_claim(claim.id).label is ClaimLabel.FACTUAL
        refused(
            SetArticleStatus(article_id, ArticleStatus.DONE),
            lambda: theirs.set_status(article_id, ArticleStatus.NEW),
            "The article's status",
        )
        assert mine.article(article_id).status is ArticleStatus.NEW
        refused(
            SetEntityStatus(entity.id, EntityStatus.REJECTED, seen=(article_id, entity)),
            lambda: theirs.execute(SetEntityStatus(entity.id, EntityStatus.ACCEPTED)),
            "The entity",
        )
        assert mine.entities(article_id)[0].status is EntityStatus.ACCEPTED
        seen = (article_id, quote.start, quote.end)
        refused(
            CorrectQuote(quote.id, QuoteKind.PARTIAL, None, seen=seen),
            lambda: theirs.execute(CorrectQuote(quote.id, QuoteKind.SCARE, None)),
            "The quotation",
        )
        assert mine.quotes(article_id)[0].kind is QuoteKind.SCARE
        refused(
            RemoveQuote(quote.id, seen=seen),
            lambda: theirs.execute(CorrectQuote(quote.id, QuoteKind.DIRECT, None)),
            "The quotation",
        )
        assert mine.quotes(article_id)[0].kind is QuoteKind.DIRECT
        refused(
            labelling.decide_gold(item, ClaimLabel.OPINION, reviewer="dana"),
            lambda: theirs.execute(labelling.decide_gold(item, ClaimLabel.QUESTIONABLE, reviewer="eli")),
            "The gold decision",
        )
        (gold,) = mine.claims(article_id, annotator="gold")
        assert gold.label is ClaimLabel.QUESTIONABLE


def test_a_redone_decision_follows_an_entity_put_back_under_a_new_id(tmp_path: Path) -> None:
    """An entity added by hand, then rejected; both undone; another article's pre-annotation
    takes the freed id. The redo of the add puts it back under a new id and says so
    (`Change.moved_entities`); the rejection, told, follows it rather than being refused."""
    from annotator.core.commands import AddEntity

    path = tmp_path / "p.db"
    with open_project(path) as mine, open_project(path) as theirs:
        article_id, other = mine.import_texts([TEXT, TEXT + " Again."]).added
        add = AddEntity(article_id, Entity(0, 3, "ORG"))
        mine.execute(add)
        assert add.created is not None and add.created.id is not None
        reject = SetEntityStatus(add.created.id, EntityStatus.REJECTED, seen=(article_id, add.created))
        mine.execute(reject)
        mine.revert(reject)
        mine.revert(add)
        store_of(theirs).save_analysis(other, _analysis())
        assert add.created.id in {e.id for e in theirs.entities(other)}
        change = mine.execute(add)
        assert [(old, moved_in) for old, moved_in, _ in change.moved_entities] == [
            (reject.entity_id, article_id)
        ]
        reject.follow(change)
        mine.execute(reject)
        assert [(e.start, e.status) for e in mine.entities(article_id)] == [(0, EntityStatus.REJECTED)]
        assert {e.status for e in mine.entities(other)} == {EntityStatus.SUGGESTED}
        mine.revert(reject)
        mine.revert(add)
        assert mine.entities(article_id) == []


def test_a_redo_goes_ahead_where_another_writer_made_the_same_change(tmp_path: Path) -> None:
    """A first claim also starts the article; after its undo another window labels the article
    too, which starts it as well. The redo would leave the status as it finds it, so nothing
    of the other window's is lost: it goes ahead rather than being refused. So does a
    rejection the other window made too."""
    from annotator.services import labelling

    path = tmp_path / "p.db"
    with open_project(path) as mine, open_project(path) as theirs:
        (article_id,) = mine.import_texts([TEXT]).added
        first = labelling.adding_claim(
            mine.article(article_id), AddClaim(Claim(article_id, 0, 42, ClaimLabel.FACTUAL, "ann"))
        )
        mine.execute(first)
        mine.revert(first)
        assert mine.article(article_id).status is ArticleStatus.NEW
        theirs.add_claim(article_id, 43, 60, "opinion", annotator="bo")
        mine.execute(first)
        assert sorted(c.annotator for c in mine.claims(article_id)) == ["ann", "bo"]
        assert mine.article(article_id).status is ArticleStatus.IN_PROGRESS

        store_of(mine).save_analysis(article_id, _analysis())
        entity = mine.entities(article_id)[0]
        assert entity.id is not None
        reject = SetEntityStatus(entity.id, EntityStatus.REJECTED, seen=(article_id, entity))
        mine.execute(reject)
        mine.revert(reject)
        theirs.execute(SetEntityStatus(entity.id, EntityStatus.REJECTED))
        mine.execute(reject)
        assert mine.entities(article_id)[0].status is EntityStatus.REJECTED


def test_a_redone_correction_or_decision_goes_ahead_where_another_writer_made_the_same(
    tmp_path: Path,
) -> None:
    """As a status or an entity decision: after the undo, another window made the very same
    quotation correction, removal or gold decision. The redo leaves the row as it finds it,
    so it goes ahead rather than saying the row was changed elsewhere."""
    from annotator.core.agreement import Unit
    from annotator.core.commands import Command, CorrectQuote, RemoveQuote
    from annotator.core.reports import GoldDecision, ReviewItem
    from annotator.services import labelling

    path = tmp_path / "p.db"
    with open_project(path) as mine, open_project(path) as theirs:
        (article_id,) = mine.import_texts([TEXT]).added
        store_of(mine).save_analysis(article_id, _analysis())
        quote = mine.quotes(article_id)[0]
        assert quote.id is not None
        seen = (article_id, quote.start, quote.end)
        item = ReviewItem(Unit(article_id, (43, 60), {}, frozenset({"ann", "bo"})), "", TEXT)

        def redone(command: Command, same: Command) -> None:
            mine.execute(command)
            mine.revert(command)
            theirs.execute(same)
            mine.execute(command)

        redone(
            CorrectQuote(quote.id, QuoteKind.PARTIAL, None, seen=seen),
            CorrectQuote(quote.id, QuoteKind.PARTIAL, None, seen=seen),
        )
        assert mine.quotes(article_id)[0].kind is QuoteKind.PARTIAL
        redone(RemoveQuote(quote.id, seen=seen), RemoveQuote(quote.id, seen=seen))
        assert quote.id not in [q.id for q in mine.quotes(article_id)]
        redone(
            labelling.decide_gold(item, ClaimLabel.OPINION, reviewer="dana"),
            labelling.decide_gold(item, ClaimLabel.OPINION, reviewer="dana"),
        )
        (gold,) = mine.claims(article_id, annotator="gold")
        assert gold.label is ClaimLabel.OPINION
        dana = GoldDecision(article_id, 43, 60, ClaimLabel.OPINION, "dana")
        decided = ReviewItem(item.unit, "", TEXT, dana)
        clear, same = labelling.undecide_gold(decided), labelling.undecide_gold(decided)
        assert clear is not None and same is not None
        redone(clear, same)
        assert mine.claims(article_id, annotator="gold") == []


def test_undoing_a_first_claim_leaves_the_article_started_while_another_claim_is_on_it(
    tmp_path: Path,
) -> None:
    """A first claim also starts its article. Another window labels the same article before
    its Ctrl+Z: the undo takes back this claim but leaves the article in progress, since a
    claim is still on it (the reading order and the progress figures count it as started).
    Once no other claim is left, the undo puts it back to new, as before."""
    from annotator.services import labelling

    path = tmp_path / "p.db"
    with open_project(path) as mine, open_project(path) as theirs:
        (article_id,) = mine.import_texts([TEXT]).added
        first = labelling.adding_claim(
            mine.article(article_id), AddClaim(Claim(article_id, 0, 42, ClaimLabel.FACTUAL, "ann"))
        )
        mine.execute(first)
        bo = theirs.add_claim(article_id, 43, 60, "opinion", annotator="bo")
        mine.revert(first)
        assert mine.claims(article_id) == [bo]
        assert mine.article(article_id).status is ArticleStatus.IN_PROGRESS
        # The redo and its undo again; then, with the other claim gone, back to new.
        mine.execute(first)
        assert mine.article(article_id).status is ArticleStatus.IN_PROGRESS
        assert bo.id is not None
        theirs.delete_claim(bo.id)
        mine.revert(first)
        assert mine.claims(article_id) == []
        assert mine.article(article_id).status is ArticleStatus.NEW


def test_entity_decisions_survive_reanalysis(project) -> None:
    (article_id,) = project.import_texts([TEXT]).added
    store_of(project).save_analysis(article_id, _analysis())
    percent = project.entities(article_id)[0]
    assert percent.id is not None
    command = SetEntityStatus(percent.id, EntityStatus.REJECTED)
    project.execute(command)
    store_of(project).save_analysis(article_id, _analysis())
    assert [(e.label, e.status) for e in project.entities(article_id)] == [
        ("PERCENT", EntityStatus.REJECTED),
        ("DATE", EntityStatus.SUGGESTED),
    ]
    project.revert(command)
    assert project.entities(article_id)[0].status is EntityStatus.SUGGESTED


def test_suggestions_an_undone_decision_names_survive_reanalysis(project) -> None:
    """`keep` spares those rows (ids and all), adds no second row at a kept span, and renews
    every other suggestion; without it the redo found its entity gone."""
    (article_id,) = project.import_texts([TEXT]).added
    store_of(project).save_analysis(article_id, _analysis())
    percent, date = project.entities(article_id)
    assert percent.id is not None and date.id is not None
    command = SetEntityStatus(percent.id, EntityStatus.ACCEPTED)
    project.execute(command)
    project.revert(command)
    renewed = replace(_analysis(), pipeline=PipelineInfo(PIPE.name, PIPE.version + ".1"))
    store_of(project).save_analyses([(article_id, renewed)], keep=frozenset({percent.id}))
    kept, new_date = project.entities(article_id)
    assert kept == percent
    assert (new_date.start, new_date.end, new_date.label) == (date.start, date.end, date.label)
    assert new_date.model == f"{PIPE.name}@{PIPE.version}.1"  # renewed
    project.execute(command)  # the redo
    assert project.entities(article_id)[0].status is EntityStatus.ACCEPTED


def _percent_kept_for_a_redo(project: Project) -> tuple[ProjectStore, int, Entity, SetEntityStatus]:
    """ "5%" accepted and the acceptance undone, then an analysis by a new version that no longer
    finds it saved with the row kept for the redo: the store, the article, the row as it was
    and the undone step."""
    (article_id,) = project.import_texts([TEXT]).added
    store = store_of(project)
    store.save_analysis(article_id, _analysis())
    percent = project.entities(article_id)[0]
    assert percent.id is not None
    command = SetEntityStatus(percent.id, EntityStatus.ACCEPTED)
    project.execute(command)
    project.revert(command)
    without_percent = replace(
        _analysis(), pipeline=PipelineInfo(PIPE.name, "3.9.0"), entities=_analysis().entities[1:]
    )
    store.save_analyses([(article_id, without_percent)], keep=frozenset({percent.id}))
    return store, article_id, percent, command


def test_a_kept_suggestion_the_new_analysis_no_longer_finds_is_not_exported(project) -> None:
    """Spared for the redo, "5%" is nothing the new analysis finds: exports (`iter_annotated`)
    wrote it as its suggestion. They leave it out now; the redo still finds it and the person's
    decision is exported; found again by a later analysis, it is a suggestion like the others."""
    from annotator.core.model import ENTITY_OUTDATED

    store, article_id, percent, command = _percent_kept_for_a_redo(project)

    def exported() -> list[tuple[int, int, str, str]]:
        return [(e.start, e.end, e.label, e.status.value) for a in store.iter_annotated() for e in a.entities]

    assert project.entities(article_id)[0] == replace(percent, model=ENTITY_OUTDATED)
    assert exported() == [(36, 39, "DATE", "suggested")]
    project.execute(command)  # the redo
    assert exported() == [(30, 32, "PERCENT", "accepted"), (36, 39, "DATE", "suggested")]
    project.revert(command)
    assert exported() == [(36, 39, "DATE", "suggested")]
    again = replace(_analysis(), pipeline=PipelineInfo(PIPE.name, "4.0.0"))
    store.save_analyses([(article_id, again)], keep=frozenset({percent.id}))
    assert project.entities(article_id)[0] == replace(percent, model=f"{PIPE.name}@4.0.0")
    assert exported() == [(30, 32, "PERCENT", "suggested"), (36, 39, "DATE", "suggested")]


def test_a_decision_the_new_analysis_no_longer_finds_undone_is_not_exported(project) -> None:
    """A on "5%", a new analysis without it (the decision stays, a person's work), Ctrl+Z: the
    row is a suggestion again, which exports wrote though nothing finds it now."""
    (article_id,) = project.import_texts([TEXT]).added
    store = store_of(project)
    store.save_analysis(article_id, _analysis())
    percent = project.entities(article_id)[0]
    assert percent.id is not None
    command = SetEntityStatus(percent.id, EntityStatus.ACCEPTED)
    project.execute(command)
    without_percent = replace(
        _analysis(), pipeline=PipelineInfo(PIPE.name, "3.9.0"), entities=_analysis().entities[1:]
    )
    store.save_analyses([(article_id, without_percent)])
    labels = [[(e.label, e.status.value) for e in a.entities] for a in store.iter_annotated()]
    assert labels == [[("PERCENT", "accepted"), ("DATE", "suggested")]]
    project.revert(command)
    assert [[e.label for e in a.entities] for a in store.iter_annotated()] == [["DATE"]]
    project.execute(command)  # the redo finds its row
    assert project.entities(article_id)[0].status is EntityStatus.ACCEPTED


def test_the_entity_counts_leave_out_an_outdated_suggestion_as_exports_do(project) -> None:
    """Spared for the redo, "5%" is nothing the new analysis finds and no export writes it; the
    dashboard's entity counts (`entity_checks`) still counted it as a suggestion nobody checked.
    The person's decision on it, redone, counts and is exported like any other."""
    store, _, _, command = _percent_kept_for_a_redo(project)

    def exported() -> list[tuple[str, str, int]]:
        counts = Counter((e.label, e.status.value) for a in store.iter_annotated() for e in a.entities)
        return [(label, status, n) for (label, status), n in sorted(counts.items())]

    assert store.entity_checks() == exported() == [("DATE", "suggested", 1)]
    project.execute(command)  # the redo
    assert store.entity_checks() == exported() == [("DATE", "suggested", 1), ("PERCENT", "accepted", 1)]
    project.revert(command)
    assert store.entity_checks() == exported() == [("DATE", "suggested", 1)]


def _date_decided_then_read_as_time(project: Project, status: EntityStatus) -> tuple[ProjectStore, int]:
    """ "May" accepted, rejected or added as DATE, then an analysis by a new version that calls
    it TIME saved: the store and the article."""
    (article_id,) = project.import_texts([TEXT]).added
    store = store_of(project)
    store.save_analysis(article_id, replace(_analysis(), entities=_analysis().entities[:1]))
    if status is EntityStatus.ADDED:
        with store.transaction():
            store.insert_entity(article_id, Entity(36, 39, "DATE", EntityStatus.ADDED))
    else:
        store.save_analysis(article_id, _analysis())
        date = project.entities(article_id)[1]
        project.execute(SetEntityStatus(date.id or 0, status))
    as_time = replace(
        _analysis(),
        pipeline=PipelineInfo(PIPE.name, "3.9.0"),
        entities=(Entity(30, 32, "PERCENT"), Entity(36, 39, "TIME")),
    )
    store.save_analyses([(article_id, as_time)])
    return store, article_id


def _exported(store: ProjectStore) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.label, e.status.value) for a in store.iter_annotated() for e in a.entities]


@pytest.mark.parametrize("status", [EntityStatus.ACCEPTED, EntityStatus.ADDED])
def test_a_new_type_where_a_person_said_what_the_name_is_is_no_second_entity_there(
    project, status: EntityStatus
) -> None:
    """ "May" is a DATE by a person's decision; the new analysis calls it TIME. Saved beside it,
    the TIME suggestion was shown and exported as a second entity on the same span; the
    person's decision stands alone, and opening the article (the carry, which works from the
    cached analysis) does not bring the TIME back either."""
    store, article_id = _date_decided_then_read_as_time(project, status)
    spans = [(e.start, e.end, e.label, e.status) for e in project.entities(article_id)]
    assert spans == [(30, 32, "PERCENT", EntityStatus.SUGGESTED), (36, 39, "DATE", status)]
    assert _exported(store) == [(30, 32, "PERCENT", "suggested"), (36, 39, "DATE", status.value)]
    assert store.carry_decisions(article_id, store.entity_decisions()) == (0, 0)
    assert [(e.start, e.end, e.label) for e in project.entities(article_id)] == [
        (30, 32, "PERCENT"),
        (36, 39, "DATE"),
    ]


def test_a_new_type_where_a_person_rejected_one_is_suggested_beside_the_rejection(project) -> None:
    """A rejection says what "May" is not: the new analysis' TIME there is no second entity
    (exports write the rejection as one, and the window draws it only in entity mode), so it is
    suggested, and the rejection stays as the person left it."""
    store, article_id = _date_decided_then_read_as_time(project, EntityStatus.REJECTED)
    spans = [(e.start, e.end, e.label, e.status) for e in project.entities(article_id)]
    assert spans == [
        (30, 32, "PERCENT", EntityStatus.SUGGESTED),
        (36, 39, "DATE", EntityStatus.REJECTED),
        (36, 39, "TIME", EntityStatus.SUGGESTED),
    ]
    assert _exported(store) == [
        (30, 32, "PERCENT", "suggested"),
        (36, 39, "DATE", "rejected"),
        (36, 39, "TIME", "suggested"),
    ]
    assert store.carry_decisions(article_id, store.entity_decisions()) == (0, 0)


def test_a_kept_suggestion_the_new_analysis_gives_another_type_gives_way_to_it(project) -> None:
    """ "May" accepted as DATE and the acceptance undone, then a new analysis calls it TIME: the
    DATE row stays for the redo, marked outdated, and the TIME is suggested. The article's reads
    (`entities`, `annotated`: what the window draws and A and R act on) gave both, two
    suggestions on one span, the stale one first; they give the TIME alone, as exports do. The
    redo still finds its row, and takes the TIME away from the decision in its own transaction:
    left to the next carry (opening the article), both stood on the span, drawn and exported."""
    from annotator.core.model import ENTITY_OUTDATED

    (article_id,) = project.import_texts([TEXT]).added
    store = store_of(project)
    store.save_analysis(article_id, _analysis())
    date = project.entities(article_id)[1]
    command = SetEntityStatus(date.id or 0, EntityStatus.ACCEPTED)
    project.execute(command)
    project.revert(command)
    as_time = replace(
        _analysis(),
        pipeline=PipelineInfo(PIPE.name, "3.9.0"),
        entities=(Entity(30, 32, "PERCENT"), Entity(36, 39, "TIME")),
    )
    store.save_analyses([(article_id, as_time)], keep=frozenset({date.id or 0}))

    def read() -> list[tuple[int, int, str, str]]:
        return [(e.start, e.end, e.label, e.status.value) for e in project.entities(article_id)]

    shown = [(30, 32, "PERCENT", "suggested"), (36, 39, "TIME", "suggested")]
    assert read() == shown
    assert [
        (e.start, e.end, e.label, e.status.value) for e in project.annotated(article_id).entities
    ] == shown
    assert _exported(store) == shown
    assert store.get_entity(date.id or 0)[1] == replace(date, model=ENTITY_OUTDATED)
    redo = project.execute(command)
    redone = [(30, 32, "PERCENT", "suggested"), (36, 39, "DATE", "accepted")]
    assert read() == redone
    assert _exported(store) == redone
    assert store.carry_decisions(article_id, store.entity_decisions()) == (0, 0)
    assert read() == redone
    # Undone again with what the redo took away, the TIME is back beside the row kept for the
    # next redo, as before the redo: alone there, the stale DATE was shown and A accepted it.
    time = [(e.label, e.id) for _article, e in redo.carried.removed]
    assert [label for label, _id in time] == ["TIME"]
    project.revert(command, carried=redo.carried)
    assert read() == shown
    assert [(e.label, e.id) for e in project.entities(article_id) if e.start == 36] == time
    assert store.carry_decisions(article_id, store.entity_decisions(), keep=command.entity_ids()) == (0, 0)


def test_a_name_added_where_another_type_is_suggested_takes_the_suggestion_off_its_span(project) -> None:
    """ "May" suggested as DATE, a person adds it as TIME: the DATE suggestion stood beside the
    added name, drawn and exported as a second entity on the span, until the next carry. The
    add takes it off in its own transaction, as an acceptance does; its undo gives it back,
    under its id, and the redo takes it off again."""
    from annotator.core.commands import AddEntity

    (article_id,) = project.import_texts([TEXT]).added
    store = store_of(project)
    store.save_analysis(article_id, _analysis())
    date = project.entities(article_id)[1]
    assert (date.start, date.end, date.label) == (36, 39, "DATE")

    def read() -> list[tuple[int, int, str, str]]:
        return [(e.start, e.end, e.label, e.status.value) for e in project.entities(article_id)]

    command = AddEntity(article_id, Entity(36, 39, "TIME"))
    change = project.execute(command)
    added = [(30, 32, "PERCENT", "suggested"), (36, 39, "TIME", "added")]
    assert read() == added
    assert _exported(store) == added
    assert [(e.label, e.id) for _article, e in change.carried.removed] == [("DATE", date.id)]
    undone = project.revert(command, carried=change.carried)
    assert read() == [(30, 32, "PERCENT", "suggested"), (36, 39, "DATE", "suggested")]
    assert project.entities(article_id)[1].id == date.id
    project.execute(command, carried=undone.carried)
    assert read() == added


def test_entities_kept_from_the_last_read_are_read_again_after_any_write(project, tmp_path: Path) -> None:
    """An article's entities are kept between two reads with no write between (opening an
    article read them twice): a write by this connection, by another one, or a rolled back
    one is seen by the next read."""
    (article_id,) = project.import_texts([TEXT]).added
    store = store_of(project)
    store.save_analysis(article_id, _analysis())
    first = project.entities(article_id)
    assert project.entities(article_id) == first
    first.clear()  # the caller's list is its own
    assert len(project.entities(article_id)) == 2
    project.execute(SetEntityStatus(project.entities(article_id)[0].id or 0, EntityStatus.ACCEPTED))
    assert project.entities(article_id)[0].status is EntityStatus.ACCEPTED
    with open_project(tmp_path / "p.db") as other:
        other.execute(SetEntityStatus(other.entities(article_id)[1].id or 0, EntityStatus.REJECTED))
    assert project.entities(article_id)[1].status is EntityStatus.REJECTED
    with pytest.raises(RuntimeError), store.transaction():
        store.conn.execute("DELETE FROM entities")
        assert project.entities(article_id) == []
        raise RuntimeError
    assert [e.status for e in project.entities(article_id)] == [EntityStatus.ACCEPTED, EntityStatus.REJECTED]


def test_a_few_articles_reads_are_kept_while_nothing_is_written(project, monkeypatch) -> None:
    """Going back to an article read its 16,000 entities and 8,900 candidates again (a 1 MB
    article) though another article's read came between and nothing was written."""
    ids = project.import_texts([TEXT, TEXT + " Again."]).added
    store = store_of(project)
    for article_id in ids:
        store.save_analysis(article_id, _analysis())
    fetched: list[str] = []
    for name in ("query", "query_all"):
        real = getattr(type(store), name)

        def counted(self, tables, sql, params=(), real=real):  # type: ignore[no-untyped-def]
            fetched.append(tables[0])
            return real(self, tables, sql, params)

        monkeypatch.setattr(type(store), name, counted)
    first = store.annotated(ids[0])
    store.annotated(ids[1])
    fetched.clear()
    again = store.annotated(ids[0])
    assert again == first
    assert "entities" not in fetched and "candidates" not in fetched
    project.execute(SetEntityStatus(again.entities[0].id or 0, EntityStatus.ACCEPTED))
    store.annotated(ids[1])  # read again after the write
    assert fetched.count("candidates") == 1
    assert store.annotated(ids[0]).entities[0].status is EntityStatus.ACCEPTED


def test_missing_ids_give_clear_errors(project) -> None:
    with pytest.raises(NotFoundError, match="article 7"):
        project.article(7)
    with pytest.raises(NotFoundError, match="claim 3"):
        project.delete_claim(3)


def test_stats_counts(project) -> None:
    ids = project.import_texts(["a b", "c d", "e f"]).added
    project.add_claim(ids[0], 0, 1, "factual", annotator="x")
    project.add_claim(ids[0], 2, 3, "opinion", annotator="y")
    project.set_status(ids[1], "done")
    stats = project.stats()
    assert stats.to_dict() == {
        "articles": 3,
        # A script's first claim starts the article, as a key press in the window does.
        "by_status": {"new": 1, "in_progress": 1, "done": 1},
        "claims": 2,
        "by_label": {"factual": 1, "opinion": 1, "questionable": 0},
        "by_annotator": {"x": 1, "y": 1},
        "entities": 0,
        "quotes": 0,
        "candidates": 0,
        "analysed": 0,
    }
    summaries = project.articles()
    assert [(s.claim_count, s.labels) for s in summaries] == [
        (2, frozenset({ClaimLabel.FACTUAL, ClaimLabel.OPINION})),
        (0, frozenset()),
        (0, frozenset()),
    ]


def test_pragmas(project) -> None:
    conn = store_of(project).conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert project.schema_version == SCHEMA_VERSION


def test_migrates_a_version_1_file(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles(id, content_hash, text, created_at, updated_at)"
        " VALUES (1, ?, 'old text', 't', 't')",
        (content_hash("old text"),),
    )
    conn.execute("INSERT INTO annotators(name, created_at) VALUES ('ann', 't')")
    conn.execute(
        'INSERT INTO claims(article_id, start, "end", label, annotator, created_at, updated_at)'
        " VALUES (1, 0, 3, 'opinion', 'ann', 't', 't')"
    )
    conn.commit()
    conn.close()
    with open_project(path) as project:
        assert project.schema_version == SCHEMA_VERSION
        (claim,) = project.claims()
        assert (claim.start, claim.end, claim.label) == (0, 3, ClaimLabel.OPINION)
        # the v2 table exists
        assert store_of(project).cached_analysis(content_hash("old text"), PIPE) is None
        assert project.integrity_check() == "ok"


def test_migrates_a_version_4_file_keeping_its_quotes_and_accepting_partial(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path)
    schema_at(conn, 4)
    text = 'He said "yes" and "no way".'
    conn.execute(
        "INSERT INTO articles(id, content_hash, text, created_at, updated_at) VALUES (1, ?, ?, 't', 't')",
        (content_hash(text), text),
    )
    conn.execute(
        'INSERT INTO quotes(id, article_id, start, "end", kind, speaker_start, speaker_end, speaker_name,'
        " model) VALUES (7, 1, 8, 13, 'scare', NULL, NULL, NULL, 'm'),"
        " (8, 1, 18, 26, 'direct', 0, 2, 'He', 'm')"
    )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO quotes(article_id, start, \"end\", kind) VALUES (1, 0, 2, 'partial')")
    conn.commit()
    conn.close()
    with open_project(path) as project:
        assert project.schema_version == SCHEMA_VERSION >= 5
        assert [(q.id, q.start, q.end, q.kind, q.speaker) for q in project.quotes(1)] == [
            (7, 8, 13, QuoteKind.SCARE, None),
            (8, 18, 26, QuoteKind.DIRECT, Speaker(0, 2, "He")),
        ]
        store_of(project).save_analyses(
            [(1, Analysis(PIPE, quotes=(Quote(8, 13, QuoteKind.PARTIAL, Speaker(0, 2, "Ann Lee")),)))]
        )
        assert [(q.kind, q.speaker) for q in project.quotes(1)] == [
            (QuoteKind.PARTIAL, Speaker(0, 2, "Ann Lee"))
        ]
        assert project.integrity_check() == "ok"
        master = store_of(project).conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        indexes = {r[0] for r in master}
        assert "quotes_article" in indexes


def _claims_as_read(project: Project) -> list[tuple[int, str, str, str, str, str]]:
    text = project.article(1).text
    return [
        (c.id, text[c.start : c.end], c.label.value, c.annotator, c.note, c.created_at)
        for c in sorted(project.claims(), key=lambda c: c.id)
    ]


def _as_sqlite_reads(path: Path) -> tuple[object, ...]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("PRAGMA user_version").fetchone()[0],
            conn.execute(
                'SELECT id, start, "end", label, annotator, note, created_at FROM claims'
            ).fetchall(),
            conn.execute("SELECT * FROM quotes").fetchall(),
            conn.execute("SELECT * FROM annotators").fetchall(),
        )
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_older_file_is_updated_whole_and_kept_as_it_was_beside_it(tmp_path: Path, version: int) -> None:
    """An update cannot be undone (the release that made the file refuses it after), and the
    daily copy is taken after the opening: a colleague's file was updated and no copy of it as
    their release could open it was kept anywhere."""
    path = tmp_path / "team.annotator.db"
    claims = project_at(path, version)
    before = _as_sqlite_reads(path)
    with open_project(path, create=False) as project:
        assert project.schema_version == SCHEMA_VERSION
        assert _claims_as_read(project) == claims
        assert project.annotators() == ["ana", "bo 𝔅", "gold"]
        assert (project.quotes(1)[0].id, project.quotes(1)[0].speaker) == (5, Speaker(0, 12, "Der Minister"))
        kept = project.copy_before_update
    assert kept == tmp_path / "team (before update).annotator.db"
    assert _as_sqlite_reads(kept) == before
    with open_project(path, create=False) as again:  # already updated: no second copy
        assert again.copy_before_update is None
    assert sorted(p.name for p in tmp_path.glob("*.db")) == [
        "team (before update).annotator.db",
        "team.annotator.db",
    ]


def test_an_older_read_only_file_is_refused_saying_it_must_be_updated(tmp_path: Path) -> None:
    """A read-only project of this version opens (and refuses saves); an older one must be
    updated first, and was refused as "on a read-only disk or in a read-only folder" when the
    folder was writable, with no word of why."""
    path = tmp_path / "old.annotator.db"
    project_at(path, 3)
    before = path.read_bytes()
    with read_only_file(path), pytest.raises(ReadOnlyError, match="earlier version") as info:
        open_project(path, create=False)
    assert "must be updated" in str(info.value) and "copy it somewhere writable" in str(info.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["old.annotator.db"]


def _refused(path: Path, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match=match) as info:
        open_project(path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == before


def test_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_project(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _refused(path, "newer version")


def test_refuses_a_non_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n")
    _refused(path, "not an SQLite file")


def test_refuses_another_apps_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    _refused(path, "not an annotator project")


def test_refuses_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    with open_project(path) as project:
        project.import_texts([f"article number {i} " * 50 for i in range(200)])
    data = bytearray(path.read_bytes())
    # Keep the header, scribble over the pages behind it.
    data[4096 : 4096 * 4] = b"\x13\x37" * (4096 * 3 // 2)
    path.write_bytes(bytes(data))
    _refused(path, "damaged")


def test_second_instance_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with open_project(path) as first:
        assert not first.opened_elsewhere
        # flock is per open file description, so a second open in this process is "another instance".
        with open_project(path) as second:
            assert second.opened_elsewhere
            second.import_texts(["written by the second"])
        assert first.article_count() == 1


@pytest.mark.parametrize("second_name", ["link.db", "folder-link/p.db", "sub/../p.db"])
def test_a_second_instance_through_another_name_of_the_project_is_detected(
    tmp_path: Path, second_name: str
) -> None:
    """A project opened through a link to it (a link on the desktop to the file in a shared
    folder) took its lock beside the link, not beside the file: the second window on the same
    file did not say that another window had it open, nor that their edits meet only on a
    refresh. A link to its folder and a path with ".." were told apart already."""
    path = tmp_path / "p.db"
    (tmp_path / "link.db").symlink_to("p.db")
    (tmp_path / "folder-link").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub").mkdir()
    with open_project(path) as first:
        with open_project(tmp_path / second_name, create=False) as second:
            assert second.opened_elsewhere
        assert store_of(first).lock.path.exists()  # still held by the first
    with open_project(tmp_path / second_name, create=False) as alone:
        assert not alone.opened_elsewhere
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder-link", "link.db", "p.db", "sub"]


def test_imported_quotes_survive_pre_annotation(project) -> None:
    """A corrected export re-imported keeps its quotes when the model runs over it again."""
    corrected = Quote(18, 42, QuoteKind.DIRECT, Speaker(0, 12, "The minister"), model="imported")
    (article_id,) = project.import_drafts([ArticleDraft(text=TEXT, quotes=(corrected,))]).added
    store_of(project).save_analysis(article_id, _analysis())
    assert [(q.start, q.end, q.speaker, q.model) for q in project.quotes(article_id)] == [
        (18, 42, Speaker(0, 12, "The minister"), "imported"),
        (43, 50, None, "en_core_web_sm@3.8.0"),
    ]


def test_a_failed_opening_releases_the_instance_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.store.project_store import ProjectStore

    path = tmp_path / "p.db"

    def broken_migration(self: ProjectStore, from_version: int) -> None:
        raise RuntimeError("simulated failure while creating the schema")

    monkeypatch.setattr(ProjectStore, "_migrate", broken_migration)
    with pytest.raises(RuntimeError, match="simulated"):
        open_project(path)
    monkeypatch.undo()
    with open_project(path) as project:
        assert not project.opened_elsewhere


def test_the_schema_accepts_every_label(tmp_path: Path) -> None:
    """A label added to `ClaimLabel` needs a migration that widens the CHECKs; this notices one missing."""
    with open_project(tmp_path / "labels.db") as project:
        tables = dict(
            store_of(project).conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        )
    for table in ("claims", "claim_suggestions"):
        for label in ClaimLabel:
            assert f"'{label.value}'" in tables[table], (table, label)


def test_a_name_or_note_longer_than_a_row_may_hold_is_refused_and_the_project_still_opens(
    tmp_path: Path,
) -> None:
    """An annotator name from a hand-edited settings file, or a note pasted from a whole document,
    over 100,000 characters was saved; the project then refused to open, every label in it."""
    path = tmp_path / "p.db"
    with open_project(path) as proj:
        [article_id] = proj.import_texts([TEXT]).added
        kept = proj.add_claim(article_id, 0, 12, ClaimLabel.FACTUAL, annotator="ada")
        with pytest.raises(SpanError, match="annotator is 100,001 characters long, over the limit"):
            proj.add_claim(article_id, 19, 41, ClaimLabel.FACTUAL, annotator="a" * 100_001)
        with pytest.raises(SpanError, match="note is 100,001 characters long, over the limit"):
            proj.update_claim(kept.id, note="n" * 100_001)
        proj.update_claim(kept.id, note="n" * 100_000)  # the limit itself is fine
    with open_project(path, create=False) as again:
        assert [(c.annotator, len(c.note)) for c in again.claims()] == [("ada", 100_000)]


def test_a_redone_decision_never_lands_on_another_suggestion_that_took_its_id(tmp_path: Path) -> None:
    """R (or W), Ctrl+Z; pre-annotation renews the article meanwhile and SQLite hands the row's
    id to another suggestion: Ctrl+Y rejected that name instead (and carried the rejection to
    every article), or corrected another quotation. It is refused as gone from its span."""
    import dataclasses

    from annotator.core.errors import EntityGone, QuoteGone

    path = tmp_path / "p.db"
    with open_project(path) as mine, open_project(path) as theirs:
        (article_id,) = mine.import_texts([TEXT]).added
        store_of(mine).save_analysis(article_id, _analysis())
        first = mine.entities(article_id)[0]
        assert first.id is not None
        decide = SetEntityStatus(first.id, EntityStatus.REJECTED, seen=(article_id, first))
        mine.execute(decide)
        mine.revert(decide)
        analysis = _analysis()
        fewer = dataclasses.replace(analysis, entities=analysis.entities[1:])
        store_of(theirs).save_analysis(article_id, fewer)
        (renewed,) = mine.entities(article_id)
        assert renewed.id == first.id and renewed.label != first.label  # the id names another name
        with pytest.raises(EntityGone, match=r"^entity \d+ is no longer in its article"):
            mine.execute(decide)
        assert mine.entities(article_id) == [renewed]

        from annotator.core.commands import CorrectQuote

        quote = mine.quotes(article_id)[0]
        assert quote.id is not None
        correct = CorrectQuote(quote.id, QuoteKind.PARTIAL, None, seen=(article_id, quote.start, quote.end))
        mine.execute(correct)
        mine.revert(correct)
        store_of(theirs).save_analysis(article_id, dataclasses.replace(analysis, quotes=analysis.quotes[1:]))
        (other,) = mine.quotes(article_id)
        assert other.id == quote.id and other.start != quote.start
        # Gone from its span, as the entity: the window tells the renewal from a deletion.
        with pytest.raises(QuoteGone, match=r"^quotation \d+ does not exist") as gone:
            mine.execute(correct)
        assert (gone.value.article_id, gone.value.start, gone.value.end) == (
            article_id,
            quote.start,
            quote.end,
        )
        assert mine.quotes(article_id) == [other]


def test_the_article_to_open_is_the_first_not_done_as_the_whole_list_picks_it(project) -> None:
    """What a project being opened shows while its list is read in the pool must be what the
    list, once come, would have picked (`core.reading_order.first_to_open`)."""
    from annotator.core.reading_order import first_to_open

    assert project.first_to_open() is None  # no article
    ids = project.import_texts(["One.", "Two.", "Three."]).added
    for done in ([], [ids[0]], [ids[0], ids[1]], ids):
        for article_id in ids:
            project.set_status(article_id, ArticleStatus.DONE if article_id in done else ArticleStatus.NEW)
        assert project.first_to_open() == first_to_open(project.articles())
    assert project.first_to_open() == ids[0]  # all done: the first


def test_claims_by_an_annotator_added_between_the_names_and_the_claims_read_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The names are read before the claims: another process's first gold decision (or a merge)
    adds its annotator and its claims in one commit between the two reads, and the review's
    read failed on "annotator 'gold' is not one of the project's annotators"."""
    path = tmp_path / "p.db"
    with open_project(path) as project:
        [article_id] = project.import_drafts([ArticleDraft(text=TEXT, title="t")]).added
        project.add_claim(article_id, 0, 12, "factual", annotator="alice")
    with ProjectStore(path) as reader:
        before = reader.annotator_names()
        with open_project(path, create=False) as other:
            other.add_claim(article_id, 13, 17, "opinion", annotator="erin")
        real = reader.annotator_names
        answers = iter([before])
        monkeypatch.setattr(reader, "annotator_names", lambda: next(answers, None) or real())
        assert sorted(c.annotator for c in reader.claims()) == ["alice", "erin"]


def test_a_version_8_file_migrates_to_remember_renames_and_keeps_its_people(tmp_path: Path) -> None:
    """Version 9 remembers each rename (old name -> new) for later merges: an older file gains
    the record empty, and its people and their claims stay as they were."""
    path = tmp_path / "v8.db"
    claims = project_at(path, 8)
    with open_project(path) as project:
        assert project.schema_version == SCHEMA_VERSION >= 9
        assert project.renames() == {}
        assert sorted({c.annotator for c in project.claims()}) == sorted({c[3] for c in claims})
        rename_annotator(project, "ana", "Ana B")
        assert project.renames() == {"ana": "Ana B"}
