"""Merging project files: identity by content, conflicts reported, entity decisions kept, gold."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from annotator.core.commands import AddClaim, SetEntityStatus, UpdateClaim
from annotator.core.errors import NotFoundError, ProjectFileError, UserError
from annotator.core.model import (
    ENTITY_OUTDATED,
    GOLD_ANNOTATOR,
    Analysis,
    ArticleDraft,
    Claim,
    ClaimCandidate,
    ClaimLabel,
    Entity,
    EntityStatus,
    PipelineInfo,
    Quote,
)
from annotator.store import ProjectStore
from annotator.store.merge import (
    article_sentences,
    canonical_dump,
    clear_gold,
    gold_decisions,
    merge_project,
    set_gold,
)

TEXT = "Berlin said on Monday that taxes rise. Critics call it a scandal."
OTHER = "Paris hosts the summit. Nobody expects a deal."
PIPE = PipelineInfo("test", "1")


def _project(path: Path, *, title: str = "Taxes", meta: dict[str, str] | None = None) -> ProjectStore:
    store = ProjectStore(path)
    store.import_drafts([ArticleDraft(text=TEXT, title=title, meta=meta or {})])
    return store


def _claim(store: ProjectStore, start: int, end: int, label: str, who: str, note: str = "") -> None:
    store.execute(AddClaim(Claim(1, start, end, ClaimLabel(label), who, note=note)))


def test_same_article_is_one_article_and_claims_keep_annotators(tmp_path: Path) -> None:
    a = _project(tmp_path / "a.db")
    _claim(a, 0, 38, "factual", "alice")
    b = _project(tmp_path / "b.db")
    _claim(b, 0, 38, "opinion", "bob")
    b.import_drafts([ArticleDraft(text=OTHER, title="Summit")])
    b.execute(AddClaim(Claim(2, 0, 23, ClaimLabel.FACTUAL, "bob")))
    a.close()
    b.close()
    team = ProjectStore(tmp_path / "team.db")
    first = merge_project(team, tmp_path / "a.db")
    second = merge_project(team, tmp_path / "b.db")
    assert (first.articles_added, second.articles_added, second.articles_matched) == (1, 1, 1)
    rows = team.conn.execute(
        'SELECT a.title, c.start, c."end", c.label, c.annotator FROM claims c JOIN articles a'
        " ON a.id = c.article_id ORDER BY a.title, c.annotator"
    ).fetchall()
    assert rows == [
        ("Summit", 0, 23, "factual", "bob"),
        ("Taxes", 0, 38, "factual", "alice"),
        ("Taxes", 0, 38, "opinion", "bob"),
    ]
    assert not first.conflicts and not second.conflicts
    team.close()


def test_conflicts_are_reported_and_team_values_kept(tmp_path: Path) -> None:
    a = _project(tmp_path / "a.db", meta={"url": "x"})
    _claim(a, 0, 38, "factual", "alice", note="checked")
    b = _project(tmp_path / "b.db", title="Tax rise", meta={"url": "y"})
    _claim(b, 0, 38, "opinion", "alice", note="checked")
    a.close()
    b.close()
    team = ProjectStore(tmp_path / "team.db")
    merge_project(team, tmp_path / "a.db")
    report = merge_project(team, tmp_path / "b.db")
    assert sorted(c.kind for c in report.conflicts) == ["label", "meta", "title"]
    label = next(c for c in report.conflicts if c.kind == "label")
    assert label.detail == f"alice's claim at 0..38: team 'factual', {tmp_path / 'b.db'} 'opinion'"
    assert str(label).startswith("article 'Taxes': label differs")
    assert team.conn.execute("SELECT title, meta FROM articles").fetchall() == [("Taxes", '{"url": "x"}')]
    assert team.conn.execute("SELECT label FROM claims").fetchall() == [("factual",)]
    team.close()


def test_entities_suggestions_and_decisions_carry_over(tmp_path: Path) -> None:
    analysis = Analysis(
        pipeline=PIPE,
        entities=(Entity(0, 6, "GPE"), Entity(15, 21, "DATE")),
        quotes=(Quote(0, 10),),
        candidates=(ClaimCandidate(0, 38, 0.9, ("number",)),),
        sentences=((0, 39), (39, 65)),
    )
    a = _project(tmp_path / "a.db")
    a.save_analysis(1, analysis)
    b = _project(tmp_path / "b.db")
    b.save_analysis(1, analysis)
    ids = {e.label: e.id for e in b.entities(1)}
    b.execute(SetEntityStatus(ids["GPE"], EntityStatus.ACCEPTED))
    b.execute(SetEntityStatus(ids["DATE"], EntityStatus.REJECTED))
    with b.transaction():
        b.insert_entity(1, Entity(49, 56, "NORP", status=EntityStatus.ADDED))
    a.close()
    b.close()
    team = ProjectStore(tmp_path / "team.db")
    merge_project(team, tmp_path / "a.db")  # new article: everything comes along
    assert [(e.label, e.status) for e in team.entities(1)] == [
        ("GPE", EntityStatus.SUGGESTED),
        ("DATE", EntityStatus.SUGGESTED),
    ]
    assert len(team.quotes(1)) == 1 and len(team.candidates(1)) == 1
    assert article_sentences(team) == {1: [(0, 39), (39, 65)]}
    report = merge_project(team, tmp_path / "b.db")  # known article: only decisions
    assert (report.entity_decisions, report.entities_added) == (2, 1)
    assert report.suggestions_replaced == 0  # the names people decided were of the type suggested
    assert [(e.label, e.status) for e in team.entities(1)] == [
        ("GPE", EntityStatus.ACCEPTED),
        ("DATE", EntityStatus.REJECTED),
        ("NORP", EntityStatus.ADDED),
    ]
    assert len(team.quotes(1)) == 1  # suggestions of a known article are not duplicated
    before = canonical_dump(team)
    merge_project(team, tmp_path / "b.db")
    merge_project(team, tmp_path / "a.db")
    assert canonical_dump(team) == before
    team.close()


def test_an_outdated_suggestion_of_a_new_article_stays_behind_and_decisions_come(tmp_path: Path) -> None:
    """A suggestion kept in the source only for its window's redo, which no analysis there finds
    now (`ENTITY_OUTDATED`), means nothing in the team file, which has no such history: copied,
    the carry after the merge was the only thing that could take it away. A person's decision
    the new analysis no longer finds is still theirs and comes along, mark and all."""
    newer = PipelineInfo(PIPE.name, "2")
    source = _project(tmp_path / "a.db")
    source.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"), Entity(15, 21, "DATE"))))
    ids = {e.label: e.id or 0 for e in source.entities(1)}
    source.execute(SetEntityStatus(ids["DATE"], EntityStatus.ACCEPTED))
    renewed = Analysis(pipeline=newer, entities=(Entity(49, 56, "NORP"),))
    source.save_analyses([(1, renewed)], keep=frozenset({ids["GPE"]}))
    assert [(e.label, e.status.value, e.model) for e in source.entities(1)] == [
        ("GPE", "suggested", ENTITY_OUTDATED),
        ("DATE", "accepted", ENTITY_OUTDATED),
        ("NORP", "suggested", "test@2"),
    ]
    source.close()
    team = ProjectStore(tmp_path / "team.db")
    report = merge_project(team, tmp_path / "a.db")
    assert [(e.label, e.status.value, e.model) for e in team.entities(1)] == [
        ("DATE", "accepted", ENTITY_OUTDATED),
        ("NORP", "suggested", "test@2"),
    ]
    assert report.entities_added == 2
    team.close()


def _rows_at(store: ProjectStore, start: int, end: int) -> list[tuple[str, str]]:
    """Every row on the span of the first article, outdated ones too (reads leave those out)."""
    return [
        (str(row[0]), str(row[1]))
        for row in store.conn.execute(
            'SELECT label, status FROM entities WHERE article_id = 1 AND start = ? AND "end" = ? ORDER BY id',
            (start, end),
        )
    ]


def test_a_merged_decision_leaves_no_other_types_suggestion_on_its_span(tmp_path: Path) -> None:
    """The source accepted "Berlin" as GPE and added "Monday" as TIME; the team file's newer
    analysis suggests ORG and DATE there. The merge itself leaves the person's type alone
    standing on each span: the other type stood beside it, drawn and exported, until the carry
    after the merge (which a Cancel skips). It is rejected, as the person's own A would have
    rejected it in one project (deleted, it left the team file no decision). A rejection says
    only what a name is not, and a suggestion kept for a redo of the team's window (outdated)
    stays for it."""
    source = _project(tmp_path / "a.db")
    source.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"), Entity(27, 32, "NORP"))))
    ids = {e.label: e.id or 0 for e in source.entities(1)}
    source.execute(SetEntityStatus(ids["GPE"], EntityStatus.ACCEPTED))
    source.execute(SetEntityStatus(ids["NORP"], EntityStatus.REJECTED))
    with source.transaction():
        source.insert_entity(1, Entity(15, 21, "TIME", status=EntityStatus.ADDED))
    source.close()
    team = _project(tmp_path / "team.db")
    newer = PipelineInfo(PIPE.name, "2")
    team.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(15, 21, "PERCENT"),)))
    percent = team.entities(1)[0]
    command = SetEntityStatus(percent.id or 0, EntityStatus.ACCEPTED)
    team.execute(command)
    team.revert(command)  # waiting to be redone: kept, outdated, by the next analysis
    renewed = (Entity(0, 6, "ORG"), Entity(15, 21, "DATE"), Entity(27, 32, "ORG"))
    team.save_analyses([(1, Analysis(pipeline=newer, entities=renewed))], keep=frozenset({percent.id or 0}))
    assert _rows_at(team, 15, 21) == [("PERCENT", "suggested"), ("DATE", "suggested")]
    report = merge_project(team, tmp_path / "a.db")
    assert (report.entity_decisions, report.entities_added) == (0, 3)
    assert report.suggestions_replaced == 2  # ORG by GPE, DATE by TIME; not the outdated PERCENT
    assert _rows_at(team, 0, 6) == [("ORG", "rejected"), ("GPE", "accepted")]
    assert _rows_at(team, 15, 21) == [("PERCENT", "suggested"), ("DATE", "rejected"), ("TIME", "added")]
    assert _rows_at(team, 27, 32) == [("ORG", "suggested"), ("NORP", "rejected")]
    team.close()


def test_a_new_articles_decision_comes_without_another_type_suggested_beside_it(tmp_path: Path) -> None:
    """A source saved before its redo took the other type away holds both on one span; a new
    article comes whole, but for that suggestion."""
    source = _project(tmp_path / "a.db")
    source.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"),)))
    source.execute(SetEntityStatus(source.entities(1)[0].id or 0, EntityStatus.ACCEPTED))
    with source.transaction():
        source.conn.execute(
            'INSERT INTO entities(article_id, start, "end", label, status, model)'
            " VALUES (1, 0, 6, 'ORG', 'suggested', 'test@2')"
        )
    source.close()
    team = ProjectStore(tmp_path / "team.db")
    report = merge_project(team, tmp_path / "a.db")
    assert _rows_at(team, 0, 6) == [("GPE", "accepted")]
    # Said once, as replaced: not also among the names pre-annotation found.
    assert (report.suggestions_replaced, report.entities_added, report.names) == (1, 1, {"accepted": 1})
    team.close()


def test_a_decision_on_the_team_files_own_suggestion_takes_the_other_type_away(tmp_path: Path) -> None:
    """The team file suggests "Berlin" both as GPE and as ORG (saved before the rule); the
    source accepted the GPE, which the merge sets on the team's row: the ORG is rejected with it,
    as A on the GPE rejects it in one project."""
    source = _project(tmp_path / "a.db")
    source.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"),)))
    source.execute(SetEntityStatus(source.entities(1)[0].id or 0, EntityStatus.ACCEPTED))
    source.close()
    team = _project(tmp_path / "team.db")
    team.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"),)))
    with team.transaction():
        team.conn.execute(
            'INSERT INTO entities(article_id, start, "end", label, status, model)'
            " VALUES (1, 0, 6, 'ORG', 'suggested', 'test@1')"
        )
    report = merge_project(team, tmp_path / "a.db")
    assert (report.entity_decisions, report.entities_added, report.suggestions_replaced) == (1, 0, 1)
    assert _rows_at(team, 0, 6) == [("GPE", "accepted"), ("ORG", "rejected")]
    team.close()


def test_a_suggestion_the_team_rejected_already_is_not_rejected_a_second_time(tmp_path: Path) -> None:
    """The team file holds "Berlin" as an ORG rejected and suggested again (saved before
    pre-annotation kept rejected names out); the source accepted GPE: the suggestion goes, and
    one rejected ORG is left, not two, which Entity Decisions counted as two mentions."""
    source = _project(tmp_path / "a.db")
    source.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"),)))
    source.execute(SetEntityStatus(source.entities(1)[0].id or 0, EntityStatus.ACCEPTED))
    source.close()
    team = _project(tmp_path / "team.db")
    team.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "ORG"),)))
    with team.transaction():
        team.conn.execute(
            'INSERT INTO entities(article_id, start, "end", label, status, model)'
            " VALUES (1, 0, 6, 'ORG', 'rejected', 'test@1')"
        )
    report = merge_project(team, tmp_path / "a.db")
    assert report.suggestions_replaced == 1
    assert _rows_at(team, 0, 6) == [("ORG", "rejected"), ("GPE", "accepted")]
    team.close()


def names_replacing_the_teams_suggestions(folder: Path) -> tuple[Path, Path]:
    """(team.db, a.db): the source accepted "Berlin" as GPE and added "Monday" as TIME, where
    the team file suggests ORG and DATE; a merge replaces those two suggestions."""
    with _project(folder / "a.db") as source:
        source.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"),)))
        source.execute(SetEntityStatus(source.entities(1)[0].id or 0, EntityStatus.ACCEPTED))
        with source.transaction():
            source.insert_entity(1, Entity(15, 21, "TIME", status=EntityStatus.ADDED))
    with _project(folder / "team.db") as team:
        team.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "ORG"), Entity(15, 21, "DATE"))))
    return folder / "team.db", folder / "a.db"


def test_conflicting_entity_decisions_are_reported(tmp_path: Path) -> None:
    stores = []
    for name, status in (("a", EntityStatus.ACCEPTED), ("b", EntityStatus.REJECTED)):
        store = _project(tmp_path / f"{name}.db")
        store.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"),)))
        store.execute(SetEntityStatus(store.entities(1)[0].id or 0, status))
        store.close()
        stores.append(tmp_path / f"{name}.db")
    team = ProjectStore(tmp_path / "team.db")
    merge_project(team, stores[0])
    report = merge_project(team, stores[1])
    assert [(c.kind, c.detail) for c in report.conflicts] == [
        ("entity", f"GPE 'Berlin' at 0..6: the team file has it accepted, {stores[1]} rejected")
    ]
    assert team.entities(1)[0].status == EntityStatus.ACCEPTED
    team.close()


@pytest.mark.parametrize("status", [EntityStatus.ACCEPTED, EntityStatus.ADDED])
def test_a_name_given_another_type_in_the_source_is_a_conflict_and_the_team_type_stays_alone(
    tmp_path: Path, status: EntityStatus
) -> None:
    """The team file has "Berlin" accepted as ORG; b.db has it as GPE (accepted, or typed in).
    The merge put the GPE beside the ORG and said nothing: both stood, drawn and exported, a
    place and an organisation at once, which naming a span with a type never leaves in one
    project. The team's type stays alone and the report names the disagreement."""
    team = _project(tmp_path / "team.db")
    team.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "ORG"),)))
    team.execute(SetEntityStatus(team.entities(1)[0].id or 0, EntityStatus.ACCEPTED))
    with _project(tmp_path / "b.db") as source:
        if status is EntityStatus.ADDED:
            with source.transaction():
                source.insert_entity(1, Entity(0, 6, "GPE", status=EntityStatus.ADDED))
        else:
            source.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"),)))
            source.execute(SetEntityStatus(source.entities(1)[0].id or 0, status))
    report = merge_project(team, tmp_path / "b.db")
    assert _rows_at(team, 0, 6) == [("ORG", "accepted")]
    assert [(c.kind, c.detail) for c in report.conflicts] == [
        (
            "entity",
            f"'Berlin' at 0..6: the team file has it as ORG (accepted), {tmp_path / 'b.db'}"
            f" as GPE ({status.value})",
        )
    ]
    assert (report.entities_added, report.entity_decisions) == (0, 0)
    team.close()


def test_gold_decisions_and_guidelines_merge(tmp_path: Path) -> None:
    a = _project(tmp_path / "a.db")
    set_gold(a, 1, 0, 38, ClaimLabel.FACTUAL, reviewer="dana")
    set_gold(a, 1, 39, 65, None, reviewer="dana")
    a.set_meta("guidelines", "# Ours")
    a.close()
    team = ProjectStore(tmp_path / "team.db")
    team.set_meta("guidelines", "# Theirs")
    report = merge_project(team, tmp_path / "a.db")
    assert [(d.start, d.end, d.label, d.decided_by) for d in gold_decisions(team)] == [
        (0, 38, ClaimLabel.FACTUAL, "dana"),
        (39, 65, None, "dana"),
    ]
    assert [c.kind for c in report.conflicts] == ["guidelines"]
    assert team.get_meta("guidelines") == "# Theirs"
    team.close()


def test_set_gold_replaces_and_clear_removes(tmp_path: Path) -> None:
    store = _project(tmp_path / "p.db")
    set_gold(store, 1, 0, 38, ClaimLabel.FACTUAL, reviewer="dana")
    set_gold(store, 1, 0, 38, ClaimLabel.OPINION, reviewer="erin")
    assert [(c.label, c.annotator) for c in store.claims(annotator=GOLD_ANNOTATOR)] == [
        (ClaimLabel.OPINION, GOLD_ANNOTATOR)
    ]
    set_gold(store, 1, 0, 38, None, reviewer="erin")
    assert store.claims(annotator=GOLD_ANNOTATOR) == []
    clear_gold(store, 1, 0, 38)
    assert gold_decisions(store) == []
    with pytest.raises(NotFoundError):
        set_gold(store, 99, 0, 3, ClaimLabel.FACTUAL, reviewer="dana")
    with pytest.raises(UserError, match="set your name in the review window") as raised:
        set_gold(store, 1, 0, 3, ClaimLabel.FACTUAL, reviewer="")
    assert "--reviewer" not in str(raised.value)  # no command has such an option
    store.close()


def test_a_gold_claim_read_back_names_its_reviewer_and_a_persons_names_none(tmp_path: Path) -> None:
    """The window names a gold label by who decided it; every way a claim is read carries it."""
    store = _project(tmp_path / "p.db")
    _claim(store, 0, 38, "opinion", "alice")
    set_gold(store, 1, 0, 38, ClaimLabel.FACTUAL, reviewer="dana")
    by_annotator = {c.annotator: c for c in store.claims(1)}
    assert by_annotator[GOLD_ANNOTATOR].decided_by == "dana"
    assert by_annotator[GOLD_ANNOTATOR].is_gold and not by_annotator["alice"].is_gold
    assert by_annotator["alice"].decided_by == ""
    gold_id = by_annotator[GOLD_ANNOTATOR].id
    assert gold_id is not None
    assert store.get_claim(gold_id).decided_by == "dana"
    assert [c.decided_by for c in store.annotated(1).claims] == ["", "dana"]
    store.close()


def test_refuses_missing_self_and_foreign_files(tmp_path: Path) -> None:
    team = _project(tmp_path / "team.db")
    with pytest.raises(ProjectFileError, match="does not exist"):
        merge_project(team, tmp_path / "nope.db")
    with pytest.raises(UserError, match="into itself"):
        merge_project(team, tmp_path / "team.db")
    junk = tmp_path / "junk.db"
    junk.write_text("not a database", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="not an annotator project"):
        merge_project(team, junk)
    team.close()


def test_a_settled_gold_decision_is_never_overturned_by_a_merge(tmp_path: Path) -> None:
    """Another team's file decided the same spans otherwise: frank's "no claim" against dana's label
    went in beside it, and his label against her "no claim" too, and `export --gold` exported his."""
    team = _project(tmp_path / "team.db")
    set_gold(team, 1, 0, 38, ClaimLabel.OPINION, reviewer="dana")
    set_gold(team, 1, 39, 65, None, reviewer="dana")
    other = _project(tmp_path / "other.db")
    set_gold(other, 1, 0, 38, None, reviewer="frank")
    set_gold(other, 1, 39, 65, ClaimLabel.FACTUAL, reviewer="frank")
    set_gold(other, 1, 0, 5, None, reviewer="frank")  # a span the team has not decided
    other.close()
    report = merge_project(team, tmp_path / "other.db")
    assert [(d.start, d.end, d.label, d.decided_by) for d in gold_decisions(team)] == [
        (0, 5, None, "frank"),
        (0, 38, ClaimLabel.OPINION, "dana"),
        (39, 65, None, "dana"),
    ]
    src = report.source
    assert [(c.kind, c.detail) for c in report.conflicts] == [
        ("gold", f"decision at 39..65: team no claim (decided by dana), {src} factual (decided by frank)"),
        ("gold", f"decision at 0..38: team opinion (decided by dana), {src} no claim (decided by frank)"),
    ]
    assert (report.gold_decisions, report.claims_added) == (1, 0)
    assert "2 conflicts" in report.summary()
    team.close()


def test_the_same_no_claim_by_another_reviewer_is_a_conflict_as_for_gold_labels(tmp_path: Path) -> None:
    team = _project(tmp_path / "team.db")
    set_gold(team, 1, 39, 65, None, reviewer="dana")
    set_gold(team, 1, 0, 38, ClaimLabel.OPINION, reviewer="dana")
    other = _project(tmp_path / "other.db")
    set_gold(other, 1, 39, 65, None, reviewer="frank")
    set_gold(other, 1, 0, 38, ClaimLabel.OPINION, reviewer="frank")
    other.close()
    report = merge_project(team, tmp_path / "other.db")
    assert [c.kind for c in report.conflicts] == ["gold", "gold"]
    assert all("frank" in c.detail and "dana" in c.detail for c in report.conflicts)
    assert [d.decided_by for d in gold_decisions(team)] == ["dana", "dana"]
    same = _project(tmp_path / "same.db")
    set_gold(same, 1, 39, 65, None, reviewer="dana")
    set_gold(same, 1, 0, 38, ClaimLabel.OPINION, reviewer="dana")
    same.close()
    before = canonical_dump(team)
    again = merge_project(team, tmp_path / "same.db")
    assert (again.conflicts, again.gold_decisions) == ([], 0)
    assert canonical_dump(team) == before
    team.close()


def test_an_article_of_a_title_the_team_holds_with_other_text_is_said(tmp_path: Path) -> None:
    """Bob's copy of the article had "four million" where alice's had "4 million": merged, the
    team file held two "Taxes" articles, alice's claim on one and bob's on the other, never
    compared in agreement or the review, and the report said only "1 new article". Both stay
    (an article is its text), and the report names the title as a conflict to look at."""
    a = _project(tmp_path / "a.db")
    _claim(a, 0, 38, "factual", "alice")
    b = ProjectStore(tmp_path / "b.db")
    b.import_drafts([ArticleDraft(text=TEXT.replace("Monday", "Tuesday"), title="Taxes")])
    _claim(b, 0, 39, "opinion", "bob")
    c = ProjectStore(tmp_path / "c.db")  # holds both: two articles that share a title, known apart
    c.import_drafts([ArticleDraft(text=TEXT, title="Taxes"), ArticleDraft(text=OTHER, title="Taxes")])
    for store in (a, b, c):
        store.close()
    team = ProjectStore(tmp_path / "team.db")
    merge_project(team, tmp_path / "a.db")
    report = merge_project(team, tmp_path / "b.db")
    assert report.articles_added == 1
    assert [str(conflict) for conflict in report.conflicts] == [
        f"article 'Taxes': text differs (the team file holds an article of this title with other"
        f" text; {tmp_path / 'b.db'} brought this one as another article, and their claims are"
        " not compared); both are kept"
    ]
    assert team.conn.execute("SELECT count(*) FROM articles WHERE title = 'Taxes'").fetchone() == (2,)
    assert not merge_project(team, tmp_path / "c.db").conflicts
    team.close()


def test_a_merge_says_how_many_decided_spans_got_a_label_after_their_decision(tmp_path: Path) -> None:
    """alice relabelled after the lead decided, and carol labelled otherwise after it: the merge
    said "1 claim updated, 1 added" and the lead took the decisions for settled."""
    people = []
    for who, label in (("alice", "factual"), ("bob", "opinion")):
        own = _project(tmp_path / f"{who}.db")
        _claim(own, 0, 38, label, who)
        _claim(own, 39, 65, "opinion", who)
        own.close()
        people.append(tmp_path / f"{who}.db")
    team = ProjectStore(tmp_path / "team.db")
    for path in people:
        merge_project(team, path)
    set_gold(team, 1, 0, 38, ClaimLabel.FACTUAL, reviewer="lead")
    set_gold(team, 1, 39, 65, ClaimLabel.OPINION, reviewer="lead")
    time.sleep(0.01)  # the labels below are stamped after the decisions, to the millisecond
    alice = ProjectStore(people[0])
    (first,) = [c for c in alice.claims_of([1]) if c.start == 0]
    alice.execute(UpdateClaim(first.id or 0, label=ClaimLabel.QUESTIONABLE))  # changed her mind
    alice.close()
    carol = _project(tmp_path / "carol.db")
    _claim(carol, 0, 38, "questionable", "carol")
    _claim(carol, 39, 65, "opinion", "carol")  # agrees with the decision: nothing to look at
    carol.close()
    said = [merge_project(team, path) for path in (people[0], tmp_path / "carol.db")]
    assert [report.decisions_to_look_at for report in said] == [1, 1]
    assert "1 decided span has new labels to look at (Review Disagreements)" in said[0].summary()
    # Kept as decided until the lead decides again.
    assert [(d.start, d.label) for d in gold_decisions(team)] == [
        (0, ClaimLabel.FACTUAL),
        (39, ClaimLabel.OPINION),
    ]
    team.close()


ZOE_NFC = "Zo\u00eb"
ZOE_NFD = "Zoe\u0308"


def test_a_name_in_another_unicode_form_merges_in_as_the_same_person(tmp_path: Path) -> None:
    """Zoë's file from a laptop that wrote her name with a combining diaeresis came in as a second
    "Zoë": her labels already in the team file were added again under it, the review showed two
    "Zoë" rows and agreement measured "Zoë vs Zoë"."""
    team = _project(tmp_path / "team.db")
    _claim(team, 0, 38, "factual", ZOE_NFC)
    source = _project(tmp_path / "zoe.db")
    _claim(source, 0, 38, "factual", ZOE_NFD)
    _claim(source, 39, 65, "opinion", ZOE_NFD)
    source.close()
    report = merge_project(team, tmp_path / "zoe.db")
    assert team.annotators() == [ZOE_NFC]
    rows = team.conn.execute('SELECT start, "end", label, annotator FROM claims ORDER BY start').fetchall()
    assert rows == [(0, 38, "factual", ZOE_NFC), (39, 65, "opinion", ZOE_NFC)]
    assert (report.claims_added, report.claims_unchanged, report.conflicts) == (1, 1, [])
    again = merge_project(team, tmp_path / "zoe.db")
    assert (again.claims_added, again.claims_unchanged, again.conflicts) == (0, 2, [])
    assert team.conn.execute("SELECT count(*) FROM claims").fetchone() == (2,)
    # The team file of an earlier version holds the name as it came: merged in, the name stays
    # that one person, and one form in the source does not add the other.
    old = _project(tmp_path / "old.db")
    _claim(old, 0, 38, "factual", ZOE_NFD)
    report = merge_project(old, tmp_path / "team.db")
    assert old.annotators() == [ZOE_NFD]
    assert (report.claims_added, report.claims_unchanged, report.conflicts) == (1, 1, [])
    old.close()
    team.close()
    # A file holding both forms (labelled before and after this version) brings one person.
    both = _project(tmp_path / "both.db")
    _claim(both, 0, 38, "factual", ZOE_NFC)
    _claim(both, 0, 38, "opinion", ZOE_NFD)
    both.close()
    fresh = ProjectStore(tmp_path / "fresh.db")
    report = merge_project(fresh, tmp_path / "both.db")
    assert fresh.conn.execute("SELECT label, annotator FROM claims").fetchall() == [("factual", ZOE_NFC)]
    assert report.claims_added == 1 and [c.kind for c in report.conflicts] == ["label"]
    fresh.close()


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("a" * 101, "a name 101 characters long; a person's name takes at most 100"),
        ("GOLD", "the name 'GOLD' reads as 'gold', the name kept for reviewers' decisions"),
    ],
)
def test_a_name_the_window_refuses_refuses_the_file_and_leaves_the_team_file_as_it_was(
    tmp_path: Path, name: str, said: str
) -> None:
    """A merge checked only the store's 100,000 characters: a pasted page came in as a person's
    name, and "GOLD" as one more annotator beside the reviewers' decisions, names the window
    and an import refuse."""
    source = _project(tmp_path / "source.db")
    _claim(source, 0, 38, "factual", "alice")
    _claim(source, 39, 65, "opinion", name)
    source.close()
    team = _project(tmp_path / "team.db")
    before = canonical_dump(team)
    with pytest.raises(ProjectFileError) as refused:
        merge_project(team, tmp_path / "source.db")
    assert refused.value.reason == f"annotators row 2: {said}; nothing was merged"
    assert "import" in refused.value.hint
    assert canonical_dump(team) == before
    team.close()


def test_an_article_the_team_file_had_as_new_is_in_progress_once_people_s_claims_come_in(
    tmp_path: Path,
) -> None:
    """A lead imported the articles and handed out copies; merged back, the labelled articles
    still read "new" in the list and in `stats` though they held the people's claims, and
    came first again as not started."""
    third = "A third text. It stays as the lead marked it."
    team = _project(tmp_path / "team.db")
    team.import_drafts([ArticleDraft(text=OTHER, title="Summit"), ArticleDraft(text=third, title="Third")])
    team.set_status(3, "done")
    alice = _project(tmp_path / "alice.db")  # the same articles, as the copy handed out holds them
    alice.import_drafts([ArticleDraft(text=OTHER, title="Summit"), ArticleDraft(text=third, title="Third")])
    _claim(alice, 0, 38, "factual", "alice")
    alice.execute(AddClaim(Claim(3, 0, 13, ClaimLabel.FACTUAL, "alice")))
    alice.set_status(1, "in_progress")
    alice.close()
    merge_project(team, tmp_path / "alice.db")
    statuses = dict(team.conn.execute("SELECT title, status FROM articles").fetchall())
    assert statuses == {"Taxes": "in_progress", "Summit": "new", "Third": "done"}  # the lead's "done" stays
    assert team.stats().by_status == {"new": 1, "in_progress": 1, "done": 1}
    team.close()


def test_a_name_accepted_in_one_file_and_added_in_another_is_no_conflict(tmp_path: Path) -> None:
    """alice added "Berlin" as GPE by hand, bob accepted pre-annotation's GPE there: both say it
    is a place, and the report listed "team added, source accepted" as a conflict to settle."""
    with _project(tmp_path / "a.db") as alice, alice.transaction():
        alice.insert_entity(1, Entity(0, 6, "GPE", status=EntityStatus.ADDED))
    with _project(tmp_path / "b.db") as bob:
        bob.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "GPE"),)))
        bob.execute(SetEntityStatus(bob.entities(1)[0].id or 0, EntityStatus.ACCEPTED))
    team = ProjectStore(tmp_path / "team.db")
    merge_project(team, tmp_path / "a.db")
    report = merge_project(team, tmp_path / "b.db")
    assert report.conflicts == []
    assert _rows_at(team, 0, 6) == [("GPE", "added")]
    team.close()


@pytest.mark.parametrize("retyped_first", [False, True], ids=["rejected first", "added first"])
def test_a_name_retyped_in_the_source_over_the_teams_type_is_one_conflict(
    tmp_path: Path, retyped_first: bool
) -> None:
    """The team file accepted "Berlin" as PERSON; bob retyped it ORG in his file (PERSON
    rejected, ORG added). The report listed two conflicts for his one decision, one per row,
    and counted both in its summary and `--json`."""
    team = _project(tmp_path / "team.db")
    team.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "PERSON"),)))
    team.execute(SetEntityStatus(team.entities(1)[0].id or 0, EntityStatus.ACCEPTED))
    with _project(tmp_path / "b.db") as bob:
        _claim(bob, 0, 38, "factual", "bob")
        if retyped_first:  # the rows in the other order: the ORG's first
            with bob.transaction():
                bob.insert_entity(1, Entity(0, 6, "ORG", status=EntityStatus.ADDED))
                bob.insert_entity(1, Entity(0, 6, "PERSON", status=EntityStatus.REJECTED))
        else:
            bob.save_analysis(1, Analysis(pipeline=PIPE, entities=(Entity(0, 6, "PERSON"),)))
            bob.execute(SetEntityStatus(bob.entities(1)[0].id or 0, EntityStatus.REJECTED))
            with bob.transaction():
                bob.insert_entity(1, Entity(0, 6, "ORG", status=EntityStatus.ADDED))
        assert sorted((e.label, e.status.value) for e in bob.entities(1)) == [
            ("ORG", "added"),
            ("PERSON", "rejected"),
        ]
    report = merge_project(team, tmp_path / "b.db")
    assert [(c.kind, c.detail) for c in report.conflicts] == [
        (
            "entity",
            f"'Berlin' at 0..6: the team file has it as PERSON (accepted), {tmp_path / 'b.db'} (bob)"
            " as ORG (added, PERSON rejected)",
        )
    ]
    assert report.summary().endswith("; 1 conflict")
    assert len(report.to_dict()["conflicts"]) == 1
    assert _rows_at(team, 0, 6) == [("PERSON", "accepted")]
    team.close()
