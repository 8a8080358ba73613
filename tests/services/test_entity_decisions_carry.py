"""A name people rejected (Shift+R) or added (Shift+A) in one article is left out of, or
suggested in, the articles pre-annotated after it; a person's own decisions never change.

The texts are the op-ed case of issue 14: "AI" tagged GPE in every technology story, and
"Anthropic" missed at every mention.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from annotator.core.commands import AddClaim, AddEntity, Command, SetEntityStatus
from annotator.core.entity_decisions import DECISIONS_CARRIED_META, FROM_DECISIONS, EntityDecisions
from annotator.core.errors import Cancelled, ProjectFileError
from annotator.core.model import Analysis, ArticleDraft, Claim, ClaimLabel, Entity, EntityStatus, PipelineInfo
from annotator.formats.writers import format_lines
from annotator.nlp import FALLBACK_NAME, LoadedPipeline, load_pipeline
from annotator.services import labelling
from annotator.services.importing import import_paths
from annotator.services.merging import merge_files
from annotator.services.preannotate import PIPELINE_META_KEY, DecisionsCarried, preannotate
from annotator.services.project import Project, open_project, store_of
from annotator.store import ProjectStore

PIPE = PipelineInfo("test", "1")
FIRST = "AI 🙂 worries regulators. Anthropic said AI needs rules, and Anthropic’s staff agree."
SECOND = "In Zürich, AI start-ups met. Anthropic was not there; AI was the theme. Anthropics is a typo."


def _ai_as_places(text: str) -> Analysis:
    """The small model's habit: every "AI" a place; and one real place."""
    entities = [Entity(i, i + 2, "GPE") for i in range(len(text)) if text.startswith("AI ", i)]
    if "Zürich" in text:
        entities.append(Entity(text.index("Zürich"), text.index("Zürich") + 6, "GPE"))
    return Analysis(PIPE, entities=tuple(entities))


def _run(store: ProjectStore, command: Command | None) -> None:
    assert command is not None
    store.execute(command)


def _decide_in_the_first_article(store: ProjectStore) -> None:
    """Article 1 is FIRST (imported here unless it is already): Shift+R on "AI", Shift+A on
    "Anthropic"."""
    store.import_drafts([ArticleDraft(text=FIRST, title="First")])
    store.save_analysis(1, _ai_as_places(FIRST))
    _decide(store)


def _decide(store: ProjectStore) -> None:
    """Shift+R on "AI" and Shift+A on "Anthropic" in article 1, FIRST, pre-annotated already."""
    article = store.annotated(1)
    ai = article.entities[0]
    _run(store, labelling.decide_every_mention(article.entities, FIRST, ai, EntityStatus.REJECTED).command)
    at = FIRST.index("Anthropic")
    _run(store, labelling.add_every_occurrence(store.annotated(1), (at, at + 9), "ORG").command)


def _entities(store: ProjectStore, article_id: int) -> list[tuple[str, str, str, str]]:
    text = store.article(article_id).text
    return [
        (text[e.start : e.end], e.label, e.status.value, e.model)
        for e in sorted(store.annotated(article_id).entities, key=lambda e: e.start)
    ]


def test_the_next_article_leaves_out_the_rejected_name_and_suggests_the_added_one(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "p.db") as store:
        _decide_in_the_first_article(store)
        store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        store.save_analysis(2, _ai_as_places(SECOND))
        assert _entities(store, 2) == [
            ("Zürich", "GPE", "suggested", "test@1"),
            ("Anthropic", "ORG", "suggested", FROM_DECISIONS),  # not inside "Anthropics"
        ]
        # The analysis cache keeps what the model found: the decisions apply afresh.
        assert store.cached_analysis(store.article(2).content_hash, PIPE) == _ai_as_places(SECOND)


def test_pre_annotating_the_decided_article_again_changes_none_of_its_decisions(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "p.db") as store:
        _decide_in_the_first_article(store)
        before = _entities(store, 1)
        assert [row[2] for row in before] == ["rejected", "added", "rejected", "added"]
        store.save_analysis(1, _ai_as_places(FIRST))
        assert _entities(store, 1) == before


def test_a_name_people_disagree_on_is_suggested_again(tmp_path: Path) -> None:
    """Rejected in one article, added by hand in another: it is theirs to decide mention by
    mention, so the model's suggestion comes back."""
    with ProjectStore(tmp_path / "p.db") as store:
        _decide_in_the_first_article(store)
        store.import_drafts([ArticleDraft(text="AI and more.", title="Third")])
        store.save_analysis(2, _ai_as_places("AI and more."))
        assert _entities(store, 2) == []  # left out: rejected in the first article
        _run(store, AddEntity(2, Entity(0, 2, "GPE", EntityStatus.ADDED)))
        store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        store.save_analysis(3, _ai_as_places(SECOND))
        assert [row[:2] for row in _entities(store, 3)][:3] == [
            ("Zürich", "GPE"),
            ("AI", "GPE"),
            ("Anthropic", "ORG"),
        ]


def test_a_rejection_that_only_moved_a_boundary_says_nothing_about_the_name(tmp_path: Path) -> None:
    """ "Iraq" rejected where a person added "Islamic State of Iraq": Iraq is still a place."""
    text = "The Islamic State of Iraq said Iraq is weak."
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=text, title="One")])
        at = text.index("Iraq")
        store.save_analysis(1, Analysis(PIPE, entities=(Entity(at, at + 4, "GPE"),)))
        _run(store, labelling.reject_entity(store.annotated(1).entities[0]).command)
        isil = text.index("Islamic")
        _run(store, AddEntity(1, Entity(isil, at + 4, "ORG", EntityStatus.ADDED)))
        assert store.entity_decisions().rejected == frozenset()
        store.import_drafts([ArticleDraft(text="Iraq votes.", title="Two")])
        store.save_analysis(2, Analysis(PIPE, entities=(Entity(0, 4, "GPE"),)))
        assert _entities(store, 2) == [("Iraq", "GPE", "suggested", "test@1")]


def test_an_article_pre_annotated_before_the_decisions_is_brought_up_to_them(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts(
            [ArticleDraft(text=FIRST, title="First"), ArticleDraft(text=SECOND, title="Second")]
        )
        store.save_analyses([(1, _ai_as_places(FIRST)), (2, _ai_as_places(SECOND))])
        zurich_id = next(e.id for e in store.annotated(2).entities if e.start == SECOND.index("Zürich"))
        _decide_in_the_first_article(store)
        assert store.carry_decisions(2, store.entity_decisions()) == (2, 1)
        assert _entities(store, 2) == [
            ("Zürich", "GPE", "suggested", "test@1"),
            ("Anthropic", "ORG", "suggested", FROM_DECISIONS),
        ]
        # Only the difference is written: the suggestion that stays keeps its id.
        assert (
            next(e.id for e in store.annotated(2).entities if e.start == SECOND.index("Zürich")) == zurich_id
        )
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 0)
        # People stop agreeing that "AI" is no place: the model's suggestions come back (from the cache).
        store.import_drafts([ArticleDraft(text="AI and more.", title="Third")])
        store.save_analysis(3, _ai_as_places("AI and more."))
        _run(store, AddEntity(3, Entity(0, 2, "GPE", EntityStatus.ADDED)))
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 2)
        assert [row[0] for row in _entities(store, 2)] == ["Zürich", "AI", "Anthropic", "AI"]
        # A person's decisions in the article itself are never touched.
        assert store.carry_decisions(1, store.entity_decisions()) == (0, 0)


def test_the_decisions_are_read_again_only_when_decided_rows_change(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=FIRST, title="First")])
        store.save_analysis(1, _ai_as_places(FIRST))
        first = store.entity_decisions()
        assert store.entity_decisions() is first and not first
        ai = store.annotated(1).entities[0]
        command = labelling.reject_entity(ai).command
        _run(store, command)
        assert store.entity_decisions().rejected == {("AI", "GPE")}
        assert command is not None
        store.revert(command)
        assert not store.entity_decisions()
        # A decision made through another connection (another window, a merge) is seen too.
        with ProjectStore(tmp_path / "p.db") as other:
            at = FIRST.index("Anthropic")
            _run(other, AddEntity(1, Entity(at, at + 9, "ORG", EntityStatus.ADDED)))
        assert store.entity_decisions().added == {("Anthropic", "ORG")}


def test_only_the_articles_whose_decided_rows_changed_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit changes one article's decided rows; reading every article's again made each
    undo of an entity decision read the whole team's twice."""
    texts = [FIRST, SECOND, f"{SECOND} Again."]
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=t, title=f"a{i}") for i, t in enumerate(texts)])
        store.save_analyses([(i, _ai_as_places(t)) for i, t in enumerate(texts, start=1)])
        _decide(store)
        reject = _reject_first_ai(store, 2)
        store.execute(reject)
        assert store.entity_decisions().added == {("Anthropic", "ORG")}
        read: list[object] = []
        real = ProjectStore.decided_mentions

        def counted(self: ProjectStore, article_ids: Any = None) -> Any:
            read.append(None if article_ids is None else sorted(article_ids))
            return real(self, article_ids)

        monkeypatch.setattr(ProjectStore, "decided_mentions", counted)
        accept = _reject_first_ai(store, 3)
        assert isinstance(accept, SetEntityStatus)
        store.execute(dataclasses.replace(accept, status=EntityStatus.ACCEPTED))
        assert store.entity_decisions() == EntityDecisions.from_mentions(
            [("AI", "GPE", "rejected"), ("AI", "GPE", "accepted"), ("Anthropic", "ORG", "added")]
        )
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        store.revert(reject)  # article 2 holds no decided row any more
        store.conn.set_trace_callback(None)
        # No look at every article's decided rows: they were read after the accept, and only
        # this connection's edits wrote since, the undone one's article read again alone.
        assert sum("NOT INDEXED" in statement for statement in statements) == 0
        assert store.entity_decisions().rejected == frozenset()  # and the fingerprints agree
        # Another connection's edit, in the first article.
        with ProjectStore(tmp_path / "p.db") as other:
            at = FIRST.index("regulators")
            _run(other, AddEntity(1, Entity(at, at + 10, "NORP", EntityStatus.ADDED)))
        assert ("regulators", "NORP") in store.entity_decisions().added
        assert read == [[3], [2], [1]]  # the accept, the undo (its before was read already), the other edit
        with ProjectStore(tmp_path / "p.db") as fresh:
            assert fresh.entity_decisions() == store.entity_decisions()


def test_decisions_seen_before_an_edit_still_see_another_connection_and_a_rollback(tmp_path: Path) -> None:
    """After this connection's own edit only its article is read again, with no look at every
    article's fingerprints: not when another connection wrote before the edit, nor after an
    edit in a transaction that was rolled back."""
    texts = [FIRST, SECOND]
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=t, title=f"a{i}") for i, t in enumerate(texts)])
        store.save_analyses([(i, _ai_as_places(t)) for i, t in enumerate(texts, start=1)])
        assert not store.entity_decisions()
        with ProjectStore(tmp_path / "p.db") as other:
            at = FIRST.index("Anthropic")
            _run(other, AddEntity(1, Entity(at, at + 9, "ORG", EntityStatus.ADDED)))
        store.execute(_reject_first_ai(store, 2))
        assert store.entity_decisions() == EntityDecisions(
            rejected=frozenset({("AI", "GPE")}), added=frozenset({("Anthropic", "ORG")})
        )
        with pytest.raises(RuntimeError), store.transaction():
            store.execute(AddEntity(2, Entity(0, 2, "ORG", EntityStatus.ADDED)))
            raise RuntimeError
        assert store.entity_decisions().added == {("Anthropic", "ORG")}
        store.execute(AddEntity(2, Entity(0, 2, "ORG", EntityStatus.ADDED)))
        assert store.entity_decisions().added == {("Anthropic", "ORG"), ("In", "ORG")}


def test_an_article_opened_again_unchanged_is_not_carried_again_but_any_change_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the 1 MB article parsed its cached analysis and applied the decisions to its
    16,000 entities each time, though nothing had changed since it last followed them."""
    with ProjectStore(tmp_path / "p.db") as store:
        _decide_in_the_first_article(store)
        store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        store.save_analysis(2, _ai_as_places(SECOND))
        parsed: list[str] = []
        real = ProjectStore._cached_entities

        def counted(self: ProjectStore, *args: Any) -> Any:
            parsed.append("parsed")
            return real(self, *args)

        monkeypatch.setattr(ProjectStore, "_cached_entities", counted)
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 0)
        assert store.carry_decisions(1, store.entity_decisions()) == (0, 0)  # another article between
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 0)
        assert parsed == ["parsed", "parsed"]
        # The decisions change (the rejection of "AI" withdrawn in the first article): carried again.
        store.conn.execute("UPDATE entities SET status = 'accepted' WHERE status = 'rejected'")
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 2)
        assert [row[0] for row in _entities(store, 2)] == ["Zürich", "AI", "Anthropic", "AI"]
        # A suggestion of its own deleted (as a crafted or older file may hold): carried again.
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 0)
        store.conn.execute("DELETE FROM entities WHERE article_id = 2 AND model = ?", (FROM_DECISIONS,))
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 1)
        # Parsed each time but when nothing changed: neither on the second opening, nor right
        # after a carry's write, which left the entities following the decisions.
        assert len(parsed) == 4


def test_the_entities_a_carry_wrote_are_not_read_back_yet_another_programs_row_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the 1 MB article read its 16,000 entities again right after the carry's write
    (80 ms); the carry keeps what it wrote, with the ids the rows got."""
    with ProjectStore(tmp_path / "p.db") as store:
        _decide_in_the_first_article(store)
        store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        store.save_analysis(2, _ai_as_places(SECOND))
        store.conn.execute("UPDATE entities SET status = 'accepted' WHERE status = 'rejected'")
        store.entities(2)
        reads: list[str] = []
        real = ProjectStore.query_all

        def counted(self: ProjectStore, tables: tuple[str, ...], *args: Any) -> Any:
            reads.append(tables[0])
            return real(self, tables, *args)

        monkeypatch.setattr(ProjectStore, "query_all", counted)
        parse = ProjectStore._cached_entities

        def parsed(self: ProjectStore, *args: Any) -> Any:
            reads.append("analysis_cache")
            return parse(self, *args)

        monkeypatch.setattr(ProjectStore, "_cached_entities", parsed)
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 2)
        reads.clear()
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 0)  # opened again
        kept = store.entities(2)
        assert "entities" not in reads and "analysis_cache" not in reads
        with ProjectStore(tmp_path / "p.db") as fresh:
            assert kept == fresh.entities(2)
        assert [SECOND[e.start : e.end] for e in kept] == ["Zürich", "AI", "Anthropic", "AI"]
        # Another program writes a row no project holds: read again, and refused by name.
        conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE entities SET status = 'maybe' WHERE id = ?", (kept[1].id,))
        conn.close()
        with pytest.raises(ProjectFileError, match=f"entities row {kept[1].id}: entity status"):
            store.entities(2)


def test_a_suggestion_a_carry_kept_back_for_a_redo_goes_at_the_next_carry(tmp_path: Path) -> None:
    """A carry that leaves a suggestion for an edit waiting to be redone does not record the
    article as following the decisions: the next carry without it still takes it away."""
    with ProjectStore(tmp_path / "p.db") as store:
        _decide_in_the_first_article(store)
        store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        store.save_analysis(2, _ai_as_places(SECOND))
        store.conn.execute("UPDATE entities SET status = 'accepted' WHERE status = 'rejected'")
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 2)
        store.conn.execute(
            "UPDATE entities SET status = 'rejected' WHERE status = 'accepted' AND article_id = 1"
        )
        ais = [e.id for e in store.entities(2) if SECOND[e.start : e.end] == "AI"]
        assert store.carry_decisions(2, store.entity_decisions(), keep=frozenset(ais[:1])) == (1, 0)
        assert store.carry_decisions(2, store.entity_decisions()) == (1, 0)
        assert [SECOND[e.start : e.end] for e in store.entities(2)] == ["Zürich", "Anthropic"]


def test_without_its_cached_analysis_an_article_is_carried_from_its_own_suggestions(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts(
            [ArticleDraft(text=FIRST, title="First"), ArticleDraft(text=SECOND, title="Second")]
        )
        store.save_analyses([(1, _ai_as_places(FIRST)), (2, _ai_as_places(SECOND))])
        store.conn.execute("DELETE FROM analysis_cache")
        _decide(store)
        assert store.carry_decisions(2, store.entity_decisions()) == (2, 1)
        assert _entities(store, 2) == [
            ("Zürich", "GPE", "suggested", "test@1"),
            ("Anthropic", "ORG", "suggested", FROM_DECISIONS),
        ]
        assert store.carry_decisions(2, store.entity_decisions()) == (0, 0)


def test_a_crafted_decided_row_is_no_ones_decision_and_pre_annotation_goes_on(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "p.db") as store:
        _decide_in_the_first_article(store)
        store.conn.execute("PRAGMA ignore_check_constraints = ON")  # as a crafted file has it
        store.conn.execute("UPDATE entities SET start = 'x' WHERE status = 'rejected'")
        assert store.entity_decisions().rejected == frozenset()  # the crafted rows count nowhere
        store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        store.save_analysis(2, _ai_as_places(SECOND))
        assert [row[0] for row in _entities(store, 2)] == ["Zürich", "AI", "Anthropic", "AI"]
        with pytest.raises(ProjectFileError, match="entities row"):
            store.carry_decisions(1, store.entity_decisions())
        # Pre-annotating the crafted article itself again does not trip over its rows either.
        store.conn.execute(
            "UPDATE entities SET \"end\" = 'y'"
            " WHERE id = (SELECT max(id) FROM entities WHERE status = 'added' AND article_id = 1)"
        )
        store.save_analysis(1, _ai_as_places(FIRST))


def _project_pre_annotated_before_the_decisions(tmp_path: Path, *also: str) -> tuple[Project, LoadedPipeline]:
    """FIRST, SECOND and `also` pre-annotated by a pipeline named PIPE, then decided on in
    FIRST; the returned pipeline carries PIPE's name, so Pre-annotate All finds all up to date."""
    project = open_project(tmp_path / "p.annotator")
    store = store_of(project)
    texts = (FIRST, SECOND, *also)
    store.import_drafts([ArticleDraft(text=text, title=f"t{i}") for i, text in enumerate(texts)])
    store.save_analyses([(i, _ai_as_places(text)) for i, text in enumerate(texts, start=1)])
    _decide_in_the_first_article(store)
    return project, dataclasses.replace(load_pipeline(FALLBACK_NAME), info=PIPE)


def test_pre_annotate_all_brings_every_article_pre_annotated_earlier_up_to_the_decisions(
    tmp_path: Path,
) -> None:
    """An article nobody opened since keeps its stale suggestions until then, and an export
    would write them as pre-annotation; Pre-annotate All (`annotator annotate`) carries."""
    project, pipeline = _project_pre_annotated_before_the_decisions(tmp_path)
    with project:
        calls: list[tuple[int, int, str]] = []
        report = preannotate(project, pipeline=pipeline, progress=lambda *call: calls.append(call))
        assert (report.analysed, report.from_cache, report.cancelled) == (0, 0, False)
        assert report.carried == DecisionsCarried(articles=1, left_out=2, added=1)
        # Nothing needed the model: the status bar leads with what changed.
        assert (
            report.summary() == "your team's entity decisions: 2 suggestions left out, 1 added in 1 article"
        )
        assert calls[-1] == (2, 2, "Applying your team's entity decisions")
        store = store_of(project)
        assert _entities(store, 2) == [
            ("Zürich", "GPE", "suggested", "test@1"),
            ("Anthropic", "ORG", "suggested", FROM_DECISIONS),
        ]
        # The window's line names the decisions in force; the command line's is as it was.
        held = "1 rejected name kept out of the suggestions; 1 added name suggested wherever it stands"
        assert report.window_summary() == (
            f"Your team's entity decisions: 2 suggestions left out, 1 added in 1 article; {held}"
        )
        again = preannotate(project, pipeline=pipeline)
        assert again.carried == DecisionsCarried()
        assert (
            again.window_summary()
            == f"Pre-annotated 0 articles with the model test; 2 already up to date; {held}"
        )
        assert (
            dataclasses.replace(again, names_held=(2, 3))
            .window_summary()
            .endswith(
                "; 2 rejected names kept out of the suggestions; 3 added names suggested wherever they stand"
            )
        )
        # Pre-annotating chosen articles (an import's) leaves the others to their opening.
        store.execute(AddEntity(1, Entity(0, 2, "GPE", EntityStatus.ADDED)))
        chosen = preannotate(project, [1], pipeline=pipeline)
        assert chosen.carried == DecisionsCarried() and chosen.names_held == (0, 0)
        assert [row[0] for row in _entities(store, 2)] == ["Zürich", "Anthropic"]


def test_a_cancel_while_carrying_keeps_the_articles_done(tmp_path: Path) -> None:
    project, pipeline = _project_pre_annotated_before_the_decisions(tmp_path, "AI rules. Anthropic agrees.")
    with project:
        store = store_of(project)

        def second_is_done() -> bool:  # the person presses Cancel once the second article is done
            return [row[0] for row in _entities(store, 2)] == ["Zürich", "Anthropic"]

        report = preannotate(project, pipeline=pipeline, cancel=second_is_done)
        assert report.cancelled and not report.carried.finished
        assert report.carried == DecisionsCarried(articles=1, left_out=2, added=1, finished=False)
        assert "(cancelled; finished articles were kept)" in report.summary()
        assert [row[:2] for row in _entities(store, 3)] == [("AI", "GPE")]  # left for its opening


def test_a_crafted_row_leaves_its_article_as_it_was_and_the_others_are_carried(tmp_path: Path) -> None:
    project, pipeline = _project_pre_annotated_before_the_decisions(tmp_path, "AI rules. Anthropic agrees.")
    with project:
        store = store_of(project)
        assert [row[:2] for row in _entities(store, 3)] == [("AI", "GPE")]
        store.conn.execute("PRAGMA ignore_check_constraints = ON")  # as a crafted file has it
        store.conn.execute("UPDATE entities SET start = 'x' WHERE article_id = 2 AND label = 'GPE'")
        report = preannotate(project, pipeline=pipeline)
        assert report.carried.skipped == 1 and "entities row" in report.carried.problem
        assert "1 article left as it was: " in report.summary()
        assert [row[:2] for row in _entities(store, 3)] == [("Anthropic", "ORG")]


def rules_project_decided_after_pre_annotation(path: Path, *, decide: bool = True) -> Path:
    """A project file whose pipeline is the rules fallback (a worker or the CLI loads it in a
    moment), FIRST and SECOND pre-annotated as if by it, then decided on in FIRST (unless not
    `decide`: for a person to decide in the window)."""
    rules = PipelineInfo(FALLBACK_NAME, load_pipeline(FALLBACK_NAME).info.version)
    with ProjectStore(path) as store:
        store.set_meta(PIPELINE_META_KEY, FALLBACK_NAME)
        store.import_drafts(
            [ArticleDraft(text=FIRST, title="First"), ArticleDraft(text=SECOND, title="Second")]
        )
        analyses = [
            (i, dataclasses.replace(_ai_as_places(t), pipeline=rules)) for i, t in ((1, FIRST), (2, SECOND))
        ]
        store.save_analyses(analyses)
        if decide:
            _decide(store)
    return path


def alice_and_a_team_file(folder: Path) -> tuple[Path, Path]:
    """alice.db: Alice rejected "AI" and added "Anthropic" in FIRST; team.db: FIRST and SECOND
    pre-annotated, nobody's decisions yet."""
    with ProjectStore(folder / "alice.db") as alice:
        _decide_in_the_first_article(alice)
    with ProjectStore(folder / "team.db") as team_store:
        team_store.import_drafts(
            [ArticleDraft(text=FIRST, title="First"), ArticleDraft(text=SECOND, title="Second")]
        )
        team_store.save_analyses([(1, _ai_as_places(FIRST)), (2, _ai_as_places(SECOND))])
    return folder / "alice.db", folder / "team.db"


def test_a_merge_carries_the_decisions_it_brings_to_the_team_files_articles(tmp_path: Path) -> None:
    """Alice rejected "AI" and added "Anthropic" in her copy; the team file had SECOND
    pre-annotated before. Right after the merge its suggestions follow her decisions, so an
    export then writes none the team has ruled out."""
    alice_and_a_team_file(tmp_path)
    with open_project(tmp_path / "team.db") as team:
        [report] = merge_files(team, [tmp_path / "alice.db"])
        assert report.carried is not None and (report.carried.left_out, report.carried.added) == (2, 1)
        assert report.summary().endswith(
            "\nYour team's entity decisions: 2 suggestions left out, 1 added in 1 article"
        )
        assert report.to_dict()["entity_decisions_carried"]["articles"] == 1
        assert _entities(store_of(team), 2) == [
            ("Zürich", "GPE", "suggested", "test@1"),
            ("Anthropic", "ORG", "suggested", FROM_DECISIONS),
        ]
        # Merging the same file again brings nothing new and changes nothing.
        [again] = merge_files(team, [tmp_path / "alice.db"])
        assert again.carried is None or not again.carried.articles


def test_a_type_a_teammate_accepted_leaves_no_other_types_suggestion_on_its_span(tmp_path: Path) -> None:
    """Alice accepted "Zürich" as GPE; the team file's newer analysis read it as LOC. The merge
    brings her decision into the article the team file has and rejects the LOC suggestion
    itself, as her A would have in one project (the carry after it, which a Cancel skips, finds
    nothing left there): left there, both were drawn and exported on one span."""
    with ProjectStore(tmp_path / "alice.db") as alice:
        alice.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        alice.save_analysis(1, _ai_as_places(SECOND))
        zurich = next(e for e in alice.entities(1) if e.label == "GPE" and e.end - e.start == 6)
        alice.execute(SetEntityStatus(zurich.id or 0, EntityStatus.ACCEPTED))
    as_loc = tuple(
        dataclasses.replace(e, label="LOC") if (e.start, e.end) == (zurich.start, zurich.end) else e
        for e in _ai_as_places(SECOND).entities
    )
    with ProjectStore(tmp_path / "team.db") as team_store:
        team_store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        team_store.save_analysis(1, Analysis(PipelineInfo(PIPE.name, "2"), entities=as_loc))
    with open_project(tmp_path / "team.db") as team:
        [report] = merge_files(team, [tmp_path / "alice.db"])
        assert report.entities_added == 1
        assert report.carried is not None and report.carried.left_out == 0
        on_zurich = [row for row in _entities(store_of(team), 1) if row[0] == "Zürich"]
        assert on_zurich == [("Zürich", "LOC", "rejected", "test@2"), ("Zürich", "GPE", "accepted", "test@1")]


def test_a_cancel_while_the_merge_carries_keeps_the_merge_and_says_nothing_false(tmp_path: Path) -> None:
    """The merge has committed when the carrying starts: a progress that raises `Cancelled`
    then stops the carrying only; "merge cancelled; the team file is unchanged" would be false."""
    alice_and_a_team_file(tmp_path)

    def press_cancel_while_carrying(_done: int, _total: int, message: str = "", /) -> None:
        if message == "Applying your team's entity decisions":  # the merge's own name the file
            raise Cancelled("cancelled")

    with open_project(tmp_path / "team.db") as team:
        [report] = merge_files(team, [tmp_path / "alice.db"], progress=press_cancel_while_carrying)
        assert report.entity_decisions and report.carried is None
        assert store_of(team).entity_decisions().rejected == {("AI", "GPE")}  # the merge stands
        assert [row[0] for row in _entities(store_of(team), 2)] == ["Zürich", "AI", "AI"]  # for its opening


def test_pre_annotate_all_walks_no_article_when_the_decisions_were_carried_everywhere_already(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, pipeline = _project_pre_annotated_before_the_decisions(tmp_path, "AI rules. Anthropic agrees.")
    with project:
        store = store_of(project)
        walked: list[int] = []
        real = ProjectStore.carry_decisions

        def counted(
            self: ProjectStore, article_id: int, decisions: object, *, keep: frozenset[int] = frozenset()
        ) -> tuple[int, int]:
            walked.append(article_id)
            return real(self, article_id, decisions, keep=keep)  # type: ignore[arg-type]

        monkeypatch.setattr(ProjectStore, "carry_decisions", counted)
        assert preannotate(project, pipeline=pipeline).carried.articles == 2
        assert walked == [1, 2, 3]
        walked.clear()
        assert preannotate(project, pipeline=pipeline).carried == DecisionsCarried()
        assert walked == []  # the same decisions: nothing to walk
        # A new decision: every article again.
        store.execute(AddEntity(3, Entity(0, 2, "GPE", EntityStatus.REJECTED)))
        preannotate(project, pipeline=pipeline)
        assert walked == [1, 2, 3]


def test_decisions_withdrawn_after_an_article_followed_them_are_carried_again(tmp_path: Path) -> None:
    """Undo brings the decisions back to ones carried everywhere before; an article opened in
    between followed the withdrawn ones, so the record of that earlier carry must not hold."""
    project, pipeline = _project_pre_annotated_before_the_decisions(tmp_path, "Zürich and AI again.")
    with project:
        store = store_of(project)
        preannotate(project, pipeline=pipeline)  # carried everywhere
        article = store.annotated(2)
        zurich = next(e for e in article.entities if SECOND[e.start : e.end] == "Zürich")
        reject = labelling.decide_every_mention(
            article.entities, SECOND, zurich, EntityStatus.REJECTED
        ).command
        assert reject is not None
        store.execute(reject)
        store.carry_decisions(3, store.entity_decisions())  # article 3 opened meanwhile
        assert "Zürich" not in [row[0] for row in _entities(store, 3)]
        store.revert(reject)  # Ctrl+Z: the decisions are the ones carried everywhere before
        preannotate(project, pipeline=pipeline)
        assert "Zürich" in [row[0] for row in _entities(store, 3)]


def test_articles_a_merge_brings_follow_decisions_carried_everywhere_before_it(tmp_path: Path) -> None:
    """The team's decisions were carried to every article; Bob's file brings a new article
    whose suggestions never saw them. The record of that carry must not hold after the merge."""
    alice_and_a_team_file(tmp_path)
    third = "AI again, in Bern."
    with ProjectStore(tmp_path / "bob.db") as bob:
        bob.import_drafts([ArticleDraft(text=third, title="Third")])
        bob.save_analyses([(1, _ai_as_places(third))])
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, [tmp_path / "alice.db"])  # carries "AI" out everywhere, and records it
        merge_files(team, [tmp_path / "bob.db"])
        store = store_of(team)
        [bobs] = [i for i in store.article_ids() if store.article(i).text == third]
        assert [row[:2] for row in _entities(store, bobs)] == []  # "AI" left out here too


def test_an_undone_decision_is_taken_back_where_it_was_carried_but_not_a_teammates(tmp_path: Path) -> None:
    """Ctrl+Z of Shift+A and Shift+R in the first article, after opening the second carried them
    there: the second article's suggestions follow at once, in the undo's transaction; the
    redo takes that back again; a teammate's rejection of the same name keeps carrying."""
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts(
            [ArticleDraft(text=FIRST, title="First"), ArticleDraft(text=SECOND, title="Second")]
        )
        store.save_analyses([(1, _ai_as_places(FIRST)), (2, _ai_as_places(SECOND))])
        start = _entities(store, 2)
        article = store.annotated(1)
        reject = labelling.decide_every_mention(
            article.entities, FIRST, article.entities[0], EntityStatus.REJECTED
        )
        assert reject.command is not None
        store.execute(reject.command)
        at = FIRST.index("Anthropic")
        add = labelling.add_every_occurrence(store.annotated(1), (at, at + 9), "ORG").command
        assert add is not None
        store.execute(add)
        store.carry_decisions(2, store.entity_decisions())  # the second article opened
        carried = [
            ("Zürich", "GPE", "suggested", "test@1"),
            ("Anthropic", "ORG", "suggested", FROM_DECISIONS),
        ]
        assert _entities(store, 2) == carried
        undone_add = store.revert(add)
        assert _entities(store, 2) == [("Zürich", "GPE", "suggested", "test@1")]
        undone_reject = store.revert(reject.command)
        assert _entities(store, 2) == start
        store.execute(reject.command, carried=undone_reject.carried)
        store.execute(add, carried=undone_add.carried)
        assert _entities(store, 2) == carried
        store.revert(add)
        store.revert(reject.command)
        # A teammate rejected "AI" in the second article too (a merge brought the row): the name
        # stays rejected when this person takes theirs back, and the teammate's row stays.
        store.execute(_reject_first_ai(store, 2))
        store.execute(reject.command)
        store.carry_decisions(2, store.entity_decisions())
        carried_by_both = [("Zürich", "GPE", "suggested", "test@1"), ("AI", "GPE", "rejected", "test@1")]
        assert _entities(store, 2) == carried_by_both
        store.revert(reject.command)
        assert _entities(store, 2) == carried_by_both


def _reject_first_ai(store: ProjectStore, article_id: int) -> Command:
    """R on the first "AI" of an article."""
    from annotator.core.commands import SetEntityStatus

    article = store.annotated(article_id)
    ai = next(
        e for e in article.entities if e.label == "GPE" and article.article.text[e.start : e.end] == "AI"
    )
    assert ai.id is not None
    return SetEntityStatus(ai.id, EntityStatus.REJECTED, seen=(article_id, ai))


def test_pre_annotate_all_leaves_the_suggestions_kept_and_carries_to_them_next_time(tmp_path: Path) -> None:
    """The window passes the suggestions its undone edits name (`keep`): they stay, and since
    the walk left them, it is not recorded as done; the next Pre-annotate All carries to them."""
    project, pipeline = _project_pre_annotated_before_the_decisions(tmp_path, "AI rules. Anthropic agrees.")
    with project:
        store = store_of(project)
        [ai] = [e for e in store.entities(3) if e.label == "GPE"]
        assert ai.id is not None
        preannotate(project, pipeline=pipeline, keep=frozenset({ai.id}))
        assert ai in store.entities(3)  # the redo that names it still finds it
        preannotate(project, pipeline=pipeline)
        assert [e for e in store.entities(3) if e.label == "GPE"] == []


def test_a_kept_suggestion_no_analysis_finds_is_not_exported_and_goes_at_the_next_pre_annotate_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A on "Zürich", Ctrl+Z, Pre-annotate All by a version that no longer finds it: the row
    stays for the redo. It was exported as the new version's suggestion, and, the decisions
    being carried everywhere already, every later Pre-annotate All left it until someone
    opened the article. Exports leave it out; the next Pre-annotate All not asked to keep it
    (the window closed, or its history cleared) removes it."""
    import json

    from annotator.services import preannotate as preannotate_service
    from annotator.services.exporting import ExportOptions, export

    project, pipeline = _project_pre_annotated_before_the_decisions(tmp_path)
    renewed = dataclasses.replace(pipeline, info=PipelineInfo(PIPE.name, "2"))

    def without_zurich(texts: Any, **_options: object) -> Any:
        for text in texts:
            analysis = _ai_as_places(text)
            kept = tuple(e for e in analysis.entities if text[e.start : e.end] != "Zürich")
            yield dataclasses.replace(analysis, pipeline=renewed.info, entities=kept), None

    def exported_names(article_id: int) -> list[str]:
        export(project, tmp_path / "out.jsonl", options=ExportOptions(format="jsonl", force=True))
        lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
        [line] = [line for line in lines if line["meta"]["article_id"] == article_id]
        return [line["text"][e["start"] : e["end"]] for e in line["entities"]]

    with project:
        store = store_of(project)
        preannotate(project, pipeline=pipeline)  # the decisions carried everywhere, and recorded
        [zurich] = [e for e in store.entities(2) if SECOND[e.start : e.end] == "Zürich"]
        assert zurich.id is not None
        accept = SetEntityStatus(zurich.id, EntityStatus.ACCEPTED, seen=(2, zurich))
        store.execute(accept)
        store.revert(accept)
        monkeypatch.setattr(preannotate_service, "analyse_texts_with_tokens", without_zurich)
        preannotate(project, pipeline=renewed, keep=frozenset({zurich.id}))
        assert zurich.id in [e.id for e in store.entities(2)]  # the redo that names it finds it
        assert "Zürich" in [row[0] for row in _entities(store, 2)]
        assert exported_names(2) == [row[0] for row in _entities(store, 2) if row[0] != "Zürich"]
        preannotate(project, pipeline=renewed)
        assert "Zürich" not in [row[0] for row in _entities(store, 2)]
        assert store.get_meta(DECISIONS_CARRIED_META) == store.entity_decisions().fingerprint


def test_an_outdated_suggestion_the_decisions_find_again_is_renewed_once_no_redo_names_it(
    tmp_path: Path,
) -> None:
    """An outdated row (`ENTITY_OUTDATED`, no export writes it) at a name people added: kept
    while a redo names it, one row at its span; then a carry puts the decisions' own in its
    place, which exports write. Left as it was, no carry would ever touch it again."""
    from annotator.core.model import ENTITY_OUTDATED

    with ProjectStore(tmp_path / "p.db") as store:
        _decide_in_the_first_article(store)
        store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        store.save_analysis(2, _ai_as_places(SECOND))
        [anthropic] = [e for e in store.entities(2) if e.model == FROM_DECISIONS]
        assert anthropic.id is not None
        store.conn.execute("UPDATE entities SET model = ? WHERE id = ?", (ENTITY_OUTDATED, anthropic.id))
        outdated = dataclasses.replace(anthropic, model=ENTITY_OUTDATED)
        assert store.carry_decisions(2, store.entity_decisions(), keep=frozenset({anthropic.id})) == (0, 0)
        assert [e for e in store.entities(2) if e.label == "ORG"] == [outdated]
        assert store.carry_decisions(2, store.entity_decisions()) == (1, 1)
        [renewed] = [e for e in store.entities(2) if e.label == "ORG"]
        assert (renewed.start, renewed.end, renewed.model) == (anthropic.start, anthropic.end, FROM_DECISIONS)


def test_an_undo_carries_at_once_to_a_bounded_number_of_articles_the_others_on_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Z of R on a name every article holds re-read each article's analysis in the undo,
    on the window's thread: 9 s on 10,000 articles. Only `UNDO_CARRIES_AT_ONCE` are done at
    once, the undone edit's article first; the others get the mentions back when opened, and
    Pre-annotate All walks them again."""
    from annotator.core.entity_decisions import DECISIONS_CARRIED_META
    from annotator.store import project_store

    monkeypatch.setattr(project_store, "UNDO_CARRIES_AT_ONCE", 2, raising=False)
    texts = [SECOND, f"{SECOND} Again.", f"{SECOND} Once more.", FIRST]
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=t, title=f"a{i}") for i, t in enumerate(texts)])
        store.save_analyses([(i, _ai_as_places(t)) for i, t in enumerate(texts, start=1)])
        start = [_entities(store, i) for i in (1, 2, 3, 4)]
        reject = _reject_first_ai(store, 4)
        store.execute(reject)
        for article_id in (1, 2, 3):  # each opened: the rejection carried there
            store.carry_decisions(article_id, store.entity_decisions())
            assert ("AI", "GPE", "suggested", "test@1") not in _entities(store, article_id)
        store.set_meta(DECISIONS_CARRIED_META, store.entity_decisions().fingerprint)
        walked: list[int] = []
        real = ProjectStore._carry

        def counted(self: ProjectStore, article_id: int, *args: Any, **kwargs: Any) -> Any:
            walked.append(article_id)
            return real(self, article_id, *args, **kwargs)

        monkeypatch.setattr(ProjectStore, "_carry", counted)
        store.revert(reject)
        assert walked == [4, 1]  # the undone edit's article first
        assert [_entities(store, i) for i in (1, 4)] == [start[0], start[3]]
        assert store.get_meta(DECISIONS_CARRIED_META) is None  # Pre-annotate All walks the rest
        for article_id in (2, 3):  # opened: the mentions come back
            store.carry_decisions(article_id, store.entity_decisions())
        assert [_entities(store, i) for i in (1, 2, 3, 4)] == start


def test_an_undo_finds_its_own_article_past_the_first_ones_holding_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The articles holding the name are looked for only as far as the undo carries; the
    undone edit's article comes first however many stand before it, and the others still
    tell that some were left to their opening."""
    from annotator.core.entity_decisions import DECISIONS_CARRIED_META
    from annotator.store import project_store

    monkeypatch.setattr(project_store, "UNDO_CARRIES_AT_ONCE", 1, raising=False)
    texts = [f"{SECOND} Take {i}." for i in range(5)] + [FIRST]
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=t, title=f"a{i}") for i, t in enumerate(texts)])
        store.save_analyses([(i, _ai_as_places(t)) for i, t in enumerate(texts, start=1)])
        start = _entities(store, 6)
        reject = _reject_first_ai(store, 6)
        store.execute(reject)
        for article_id in range(1, 6):
            store.carry_decisions(article_id, store.entity_decisions())
        store.set_meta(DECISIONS_CARRIED_META, store.entity_decisions().fingerprint)
        walked: list[int] = []
        real = ProjectStore._carry

        def counted(self: ProjectStore, article_id: int, *args: Any, **kwargs: Any) -> Any:
            walked.append(article_id)
            return real(self, article_id, *args, **kwargs)

        monkeypatch.setattr(ProjectStore, "_carry", counted)
        store.revert(reject)
        assert walked == [6]
        assert _entities(store, 6) == start
        assert ("AI", "GPE", "suggested", "test@1") not in _entities(store, 1)  # left to its opening
        assert store.get_meta(DECISIONS_CARRIED_META) is None


def test_undoing_a_claim_does_not_read_the_entity_decisions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading them is a scan of every decided row (40–170 ms on 770,000 entity rows): only the
    undo of an entity decision needs them, to take back what carrying them did."""
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=FIRST, title="First")])
        store.save_analysis(1, _ai_as_places(FIRST))
        reads: list[str] = []
        read = store.entity_decisions

        def counted() -> EntityDecisions:
            reads.append("read")
            return read()

        monkeypatch.setattr(store, "entity_decisions", counted)
        claim = AddClaim(Claim(1, 0, 2, ClaimLabel.FACTUAL, "ann"))
        store.execute(claim)
        store.revert(claim)
        assert reads == []
        ai = store.annotated(1).entities[0]
        reject = labelling.reject_entity(ai).command
        _run(store, reject)
        assert reject is not None
        store.revert(reject)
        assert reads  # an entity decision's undo still reads them


def test_a_name_added_across_a_line_break_carries_as_the_whole_name_not_its_first_line(
    tmp_path: Path,
) -> None:
    """A hard-wrapped article (a Markdown file, a wire story) breaks "Washington Post" over two
    lines, and a labelled file brings it as a name a person added as ORG. It was carried as
    "Washington", its first line: the city was then suggested as an organisation in every
    other article, and Team ▸ Entity Decisions… named "Washington"."""
    wrapped = "Reporters at the Washington\nPost said so."
    at = wrapped.index("Washington")
    line = {
        "text": wrapped,
        "entities": [{"start": at, "end": at + len("Washington\nPost"), "label": "ORG", "status": "added"}],
    }
    (tmp_path / "labelled.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    with open_project(tmp_path / "p.db") as project:
        import_paths(project, [tmp_path / "labelled.jsonl"])
        store = store_of(project)
        assert store.entity_decisions().added == {("Washington Post", "ORG")}
        assert [(d.name, d.label) for d in project.decided_names()] == [("Washington Post", "ORG")]
        [added] = store.annotated(1).entities
        assert labelling.entity_decided(wrapped, added, EntityStatus.ADDED).startswith(
            "Added Washington Post"
        )
        other = "Washington voted. The Washington Post did not."
        store.import_drafts([ArticleDraft(text=other, title="Other")])
        store.save_analysis(2, Analysis(PIPE, entities=()))
        assert _entities(store, 2) == [("Washington Post", "ORG", "suggested", FROM_DECISIONS)]


BAKER_HERE = "The plan was praised by Tom Baker. Tom Baker agreed."
BAKER_THERE = "The praise came from Tom Baker again."


def _baker_read_two_ways(store: ProjectStore) -> None:
    """Article 1 suggests each "Tom Baker" both as GPE and as PERSON (two analyses saved into
    one file, or a merged one); article 2 suggests it as GPE, as the small model does."""
    store.import_drafts(
        [ArticleDraft(text=BAKER_HERE, title="Here"), ArticleDraft(text=BAKER_THERE, title="There")]
    )
    spans = [(i, i + 9) for i in range(len(BAKER_HERE)) if BAKER_HERE.startswith("Tom Baker", i)]
    both = tuple(Entity(s, e, label) for s, e in spans for label in ("GPE", "PERSON"))
    there = BAKER_THERE.index("Tom Baker")
    store.save_analyses(
        [(1, Analysis(PIPE, entities=both)), (2, Analysis(PIPE, entities=(Entity(there, there + 9, "GPE"),)))]
    )


@pytest.mark.parametrize("every", [False, True], ids=["A", "Shift+A"])
def test_accepting_one_of_two_types_suggested_on_a_name_rejects_the_other_and_carries_it(
    tmp_path: Path, every: bool
) -> None:
    """A (or Shift+A) on the PERSON of a name suggested both as PERSON and as GPE deleted the
    GPE: no decision was left, so the other article kept suggesting "Tom Baker" as a place,
    where typing PERSON on the name rejected the GPE and carried that. The GPE is rejected in
    the same step, not written by the doccano export, and one undo gives both suggestions back."""
    with ProjectStore(tmp_path / "p.db") as store:
        _baker_read_two_ways(store)
        article = store.annotated(1)
        person = next(e for e in article.entities if e.label == "PERSON")
        if every:
            outcome = labelling.decide_every_mention(
                article.entities, BAKER_HERE, person, EntityStatus.ACCEPTED, article_id=1
            )
            assert outcome.message == "Accepted 2 mentions of Tom Baker (PERSON), rejected as GPE"
        else:
            outcome = labelling.accept_entity(person, article=article)
            assert outcome.message == "Accepted Tom Baker (PERSON), rejected as GPE"
        assert outcome.command is not None
        said = labelling.entity_decided(
            BAKER_HERE, person, EntityStatus.ACCEPTED, outcome.message, edit=outcome.command
        )
        assert said.endswith(labelling.CARRIED_NOTE)
        before = _entities(store, 1)
        done = store.execute(outcome.command)
        mentions = 2 if every else 1
        assert [row[1:3] for row in _entities(store, 1)][: 2 * mentions] == [
            ("GPE", "rejected"),
            ("PERSON", "accepted"),
        ] * mentions
        assert store.entity_decisions().rejected == {("Tom Baker", "GPE")}
        store.carry_decisions(2, store.entity_decisions())  # the other article opened
        assert _entities(store, 2) == []
        record = json.loads(format_lines("doccano", [store.annotated(1)], with_entities=True).__next__())
        assert [label[2] for label in record["label"]].count("GPE") == 2 - mentions

        undone = store.revert(outcome.command, carried=done.carried)
        assert _entities(store, 1) == before
        assert not store.entity_decisions()
        assert _entities(store, 2) == [("Tom Baker", "GPE", "suggested", "test@1")]
        store.execute(outcome.command, carried=undone.carried)
        assert store.entity_decisions().rejected == {("Tom Baker", "GPE")}
        assert _entities(store, 2) == []


def _rows_on(store: ProjectStore, span: tuple[int, int]) -> list[tuple[int, str, str, str]]:
    """Every row of article 1 on `span`, with its id, type, status and model."""
    return [
        (int(row[0]), str(row[1]), str(row[2]), str(row[3]))
        for row in store.conn.execute(
            'SELECT id, label, status, model FROM entities WHERE article_id = 1 AND start = ? AND "end" = ?'
            " ORDER BY id",
            span,
        )
    ]


BAKER_FIRST = (BAKER_HERE.index("Tom Baker"), BAKER_HERE.index("Tom Baker") + 9)


@pytest.mark.parametrize("every", [False, True], ids=["A", "Shift+A"])
def test_a_type_typed_on_a_name_the_person_accepted_as_another_replaces_that_acceptance(
    tmp_path: Path, every: bool
) -> None:
    """ "Tom Baker" accepted as GPE, then typed PERSON: the GPE stayed accepted beside the added
    PERSON, so every export wrote the name as a place and a person at once. The PERSON replaces
    it in one step (the GPE rejected, and carried so), and one undo gives back exactly the rows
    there were, ids and all."""
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=BAKER_HERE, title="Here")])
        spans = [(i, i + 9) for i in range(len(BAKER_HERE)) if BAKER_HERE.startswith("Tom Baker", i)]
        store.save_analysis(1, Analysis(PIPE, entities=tuple(Entity(s, e, "GPE") for s, e in spans)))
        gpe = next(e for e in store.entities(1) if (e.start, e.end) == BAKER_FIRST)
        _run(store, labelling.accept_entity(gpe, article=store.annotated(1)).command)
        before = _rows_on(store, BAKER_FIRST)
        assert [row[1:3] for row in before] == [("GPE", "accepted")]

        typed = labelling.add_every_occurrence if every else labelling.add_entity
        outcome = typed(store.annotated(1), BAKER_FIRST, "PERSON")
        mentions = "1 mention of Tom Baker" if every else "Tom Baker"
        assert outcome.message == f"Added {mentions} (PERSON) in place of your GPE (now rejected)"
        assert outcome.command is not None
        done = store.execute(outcome.command)
        assert [row[1:3] for row in _rows_on(store, BAKER_FIRST)] == [
            ("GPE", "rejected"),
            ("PERSON", "added"),
        ]
        decisions = store.entity_decisions()
        assert (decisions.rejected, decisions.added) == ({("Tom Baker", "GPE")}, {("Tom Baker", "PERSON")})
        record = json.loads(format_lines("doccano", [store.annotated(1)], with_entities=True).__next__())
        assert [label[2] for label in record["label"] if tuple(label[:2]) == BAKER_FIRST] == ["PERSON"]

        undone = store.revert(outcome.command, carried=done.carried)
        assert _rows_on(store, BAKER_FIRST) == before
        store.execute(outcome.command, carried=undone.carried)
        assert [row[1:3] for row in _rows_on(store, BAKER_FIRST)] == [
            ("GPE", "rejected"),
            ("PERSON", "added"),
        ]


def test_the_type_a_person_rejected_given_again_replaces_the_name_they_added_instead(tmp_path: Path) -> None:
    """GPE suggested, "Tom Baker" typed PERSON (the GPE rejected), then typed GPE again: the
    GPE was accepted and the added PERSON stood beside it. The PERSON is rejected now."""
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=BAKER_HERE, title="Here")])
        store.save_analysis(1, Analysis(PIPE, entities=(Entity(*BAKER_FIRST, "GPE"),)))
        _run(store, labelling.add_entity(store.annotated(1), BAKER_FIRST, "PERSON").command)
        before = _rows_on(store, BAKER_FIRST)
        assert [row[1:3] for row in before] == [("GPE", "rejected"), ("PERSON", "added")]

        outcome = labelling.add_entity(store.annotated(1), BAKER_FIRST, "GPE")
        assert outcome.message == "Accepted Tom Baker (GPE) in place of your PERSON (now rejected)"
        assert outcome.command is not None
        done = store.execute(outcome.command)
        assert [row[1:3] for row in _rows_on(store, BAKER_FIRST)] == [
            ("GPE", "accepted"),
            ("PERSON", "rejected"),
        ]
        store.revert(outcome.command, carried=done.carried)
        assert _rows_on(store, BAKER_FIRST) == before


def test_shift_a_over_a_type_the_person_gave_one_mention_and_was_suggested_at_another_says_it_once(
    tmp_path: Path,
) -> None:
    """ "Tom Baker" read both as GPE and as PERSON twice; the first accepted as GPE, then
    Shift+A on its PERSON: the status line said "in place of your GPE (now rejected), rejected
    as GPE", the one type twice. It is named once, with whose it was."""
    with ProjectStore(tmp_path / "p.db") as store:
        _baker_read_two_ways(store)
        first = [e for e in store.entities(1) if (e.start, e.end) == BAKER_FIRST]
        gpe = next(e for e in first if e.label == "GPE")
        _run(store, labelling.accept_entity(gpe, article=store.annotated(1)).command)
        article = store.annotated(1)
        person = next(e for e in article.entities if (e.start, e.end) == BAKER_FIRST and e.label == "PERSON")
        assert person.status == EntityStatus.REJECTED  # rejected by accepting the GPE
        outcome = labelling.decide_every_mention(
            article.entities, BAKER_HERE, person, EntityStatus.ACCEPTED, article_id=1
        )
        assert outcome.message == (
            "Accepted 2 mentions of Tom Baker (PERSON) in place of GPE, yours and suggested (now rejected)"
        )
        _run(store, outcome.command)
        assert (
            sorted(row[1:3] for row in _entities(store, 1))
            == [("GPE", "rejected")] * 2 + [("PERSON", "accepted")] * 2
        )


def test_a_name_typed_inside_a_name_the_person_accepted_leaves_that_one_standing(tmp_path: Path) -> None:
    """Only a name on exactly the same span is replaced: "Baker" typed GPE inside "Tom Baker"
    accepted as PERSON is another name, and both stand, as before."""
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=BAKER_HERE, title="Here")])
        store.save_analysis(1, Analysis(PIPE, entities=(Entity(*BAKER_FIRST, "PERSON"),)))
        _run(store, labelling.accept_entity(store.entities(1)[0], article=store.annotated(1)).command)
        baker = (BAKER_FIRST[0] + 4, BAKER_FIRST[1])
        outcome = labelling.add_entity(store.annotated(1), baker, "GPE")
        assert outcome.message == "Added Baker (GPE)"
        _run(store, outcome.command)
        assert [row[1:3] for row in _entities(store, 1)] == [("PERSON", "accepted"), ("GPE", "added")]


def test_a_merge_leaves_the_team_files_suggestion_under_a_persons_type_rejected_as_one_project_would(
    tmp_path: Path,
) -> None:
    """Alice typed PERSON on "Tom Baker" in her own file (her model read GPE); the team file's
    newer analysis reads it as ORG. The merge deleted the ORG rather than reject it: the team
    file held no decision about it, so its Entity Decisions, its carry to the other mentions and
    articles, and every export saw another state than if Alice had typed PERSON in the team file
    itself. Now they see the same; the rejected ORG is never written as a label."""
    spans = [(i, i + 9) for i in range(len(BAKER_HERE)) if BAKER_HERE.startswith("Tom Baker", i)]
    there = BAKER_THERE.index("Tom Baker")
    newer = PipelineInfo(PIPE.name, "2")

    def read_as(store: ProjectStore, label: str, pipeline: PipelineInfo) -> None:
        store.import_drafts(
            [ArticleDraft(text=BAKER_HERE, title="Here"), ArticleDraft(text=BAKER_THERE, title="There")]
        )
        here = Analysis(pipeline, entities=tuple(Entity(s, e, label) for s, e in spans))
        elsewhere = Analysis(pipeline, entities=(Entity(there, there + 9, label),))
        store.save_analyses([(1, here), (2, elsewhere)])

    with ProjectStore(tmp_path / "alice.db") as alice:
        read_as(alice, "GPE", PIPE)
        _run(alice, labelling.add_entity(alice.annotated(1), spans[0], "PERSON").command)
    with ProjectStore(tmp_path / "team.db") as team_store:
        read_as(team_store, "ORG", newer)
    # The same decision made in one project: the team file as it was, Alice typing PERSON there.
    with ProjectStore(tmp_path / "one.db") as one:
        read_as(one, "ORG", newer)
        outcome = labelling.add_entity(one.annotated(1), spans[0], "PERSON")
        assert outcome.message == "Added Tom Baker (PERSON), rejected as ORG"
        _run(one, outcome.command)
        for article_id in (1, 2):
            one.carry_decisions(article_id, one.entity_decisions())
        in_one = [one.annotated(i) for i in (1, 2)]
        decided_in_one = one.entity_decisions()

    with open_project(tmp_path / "team.db") as team:
        [report] = merge_files(team, [tmp_path / "alice.db"])
        assert report.suggestions_replaced == 1
        store = store_of(team)
        assert store.entity_decisions().rejected == decided_in_one.rejected | {("Tom Baker", "GPE")}
        assert store.entity_decisions().added == decided_in_one.added == {("Tom Baker", "PERSON")}
        assert [row[1:3] for row in _rows_on(store, spans[0])] == [
            ("ORG", "rejected"),
            ("GPE", "rejected"),
            ("PERSON", "added"),
        ]
        merged = [store.annotated(i) for i in (1, 2)]
        assert list(format_lines("doccano", merged, with_entities=True)) == list(
            format_lines("doccano", in_one, with_entities=True)
        )
        record = json.loads(next(format_lines("jsonl", merged[:1])))
        assert [(e["label"], e["status"]) for e in record["entities"] if e["start"] == spans[0][0]] == [
            ("GPE", "rejected"),
            ("ORG", "rejected"),
            ("PERSON", "added"),
        ]
        labelled = json.loads(next(format_lines("doccano", merged[:1], with_entities=True)))["label"]
        assert [label[2] for label in labelled if tuple(label[:2]) == spans[0]] == ["PERSON"]
