"""Correcting a quotation's kind and speaker: the rule that finds the mention, the store's
undoable edit, a new pre-annotation that keeps it, exports that say whose it is, and merges.

The text is the op-ed case of issue 14 (the pre-annotation gave "Cambridge" as the speaker),
with an emoji and an accent before the quotation, so code points and UTF-16 units differ.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.commands import CorrectQuote
from annotator.core.errors import ProjectFileError, UserError
from annotator.core.model import (
    QUOTE_CORRECTED,
    Analysis,
    ArticleDraft,
    Entity,
    PipelineInfo,
    Quote,
    QuoteKind,
    Speaker,
)
from annotator.services import labelling
from annotator.services.exporting import ExportOptions, export
from annotator.services.importing import import_paths
from annotator.services.project import open_project, store_of
from annotator.store import ProjectStore
from annotator.store.merge import merge_project

TEXT = (
    "Dr. Eleanor Shaw 🙂, a computational ethics researcher at Cambridge in Zürich, who told me: "
    "“We are not ready.” Later Shaw added: “Nobody is.” The firm called it “premature”."
)
QUOTE_START = TEXT.index("“We")
QUOTE_END = TEXT.index("”", QUOTE_START) + 1
CAMBRIDGE = TEXT.index("Cambridge")
PIPE = PipelineInfo("test", "1")


def _analysis() -> Analysis:
    wrong = Speaker(CAMBRIDGE, CAMBRIDGE + len("Cambridge"), "Cambridge")
    premature = TEXT.index("“premature”")
    nobody = TEXT.index("“Nobody")
    return Analysis(
        PIPE,
        entities=(
            Entity(4, 16, "PERSON"),
            Entity(CAMBRIDGE, CAMBRIDGE + 9, "GPE"),
            Entity(TEXT.index("Shaw added"), TEXT.index("Shaw added") + 4, "PERSON"),
        ),
        quotes=(
            Quote(QUOTE_START, QUOTE_END, QuoteKind.DIRECT, wrong),
            Quote(nobody, nobody + len("“Nobody is.”")),
            Quote(premature, premature + len("“premature”"), QuoteKind.SCARE),
        ),
    )


def _store(path: Path) -> ProjectStore:
    store = ProjectStore(path)
    store.import_drafts([ArticleDraft(text=TEXT, title="Op-ed")])
    store.save_analysis(1, _analysis())
    return store


def _quote(store: ProjectStore, start: int = QUOTE_START) -> Quote:
    return next(q for q in store.quotes(1) if q.start == start)


def test_the_nearest_mention_outside_the_quotation_is_the_speaker(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        article = store.annotated(1)
        quote = _quote(store)
        outcome = labelling.correct_quote(article, quote, QuoteKind.DIRECT, "Eleanor Shaw")
        assert isinstance(outcome.command, CorrectQuote)
        speaker = outcome.command.speaker
        assert speaker is not None and TEXT[speaker.start : speaker.end] == "Eleanor Shaw"
        # A name written only in part later on: its last word, the nearest one ("Shaw added").
        later = next(q for q in article.quotes if TEXT[q.start : q.end] == "“Nobody is.”")
        outcome = labelling.correct_quote(article, later, QuoteKind.DIRECT, "Eleanor  Shaw ")
        assert isinstance(outcome.command, CorrectQuote) and outcome.command.speaker is not None
        mention = outcome.command.speaker
        assert (mention.start, TEXT[mention.start : mention.end], mention.name) == (
            TEXT.index("Shaw added"),
            "Shaw",
            "Eleanor Shaw",
        )


def test_names_the_text_does_not_hold_are_refused_and_scare_quotes_have_no_speaker(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        article = store.annotated(1)
        quote = _quote(store)
        with pytest.raises(UserError, match="“Ada Lovelace” is not in this article"):
            labelling.correct_quote(article, quote, QuoteKind.DIRECT, "Ada Lovelace")
        # Words inside the quotation itself are not a mention of its speaker.
        with pytest.raises(UserError):
            labelling.correct_quote(article, quote, QuoteKind.DIRECT, "ready")
        outcome = labelling.correct_quote(article, quote, QuoteKind.SCARE, "Eleanor Shaw")
        assert isinstance(outcome.command, CorrectQuote) and outcome.command.speaker is None


def test_a_correction_is_saved_undone_and_kept_by_a_new_preannotation(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        before = _quote(store)
        command = labelling.correct_quote(
            store.annotated(1), before, QuoteKind.PARTIAL, "Eleanor Shaw"
        ).command
        assert command is not None
        change = store.execute(command)
        assert change.quotes and change.article_ids == {1}
        after = _quote(store)
        assert (after.kind, after.speaker and after.speaker.name, after.model) == (
            QuoteKind.PARTIAL,
            "Eleanor Shaw",
            QUOTE_CORRECTED,
        )
        assert after.by_person
        # Pre-annotating again (a new rules version) keeps the person's quotation, once.
        store.save_analysis(1, _analysis())
        at_span = [q for q in store.quotes(1) if q.start == QUOTE_START]
        assert len(at_span) == 1 and at_span[0].speaker == after.speaker
        # Confirming it again changes nothing; undo puts the model's back.
        again = labelling.correct_quote(store.annotated(1), at_span[0], QuoteKind.PARTIAL, "Eleanor Shaw")
        assert again.command is None and again.message == "Nothing changed"
        store.revert(command)
        restored = _quote(store)
        assert (restored.kind, restored.speaker, restored.model) == (
            before.kind,
            before.speaker,
            before.model,
        )


def test_a_correction_never_lands_on_another_quotation_that_took_the_shown_id(tmp_path: Path) -> None:
    """A new pre-annotation deletes the model's quotations and SQLite hands their ids to the new
    ones: W on the quotation as the window showed it must not correct the one now at its id."""
    from annotator.core.errors import ChangedMeanwhile

    with _store(tmp_path / "p.db") as store:
        shown = store.annotated(1)
        first = _quote(store)
        analysis = _analysis()
        store.save_analysis(1, Analysis(PIPE, analysis.entities, analysis.quotes[1:], (), ()))
        taken = next(q for q in store.quotes(1) if q.id == first.id)
        assert taken.start != first.start  # the id now names "Nobody is."
        for outcome in (
            labelling.correct_quote(shown, first, QuoteKind.PARTIAL, "Eleanor Shaw"),
            labelling.remove_quote(first, article_id=1),
        ):
            assert outcome.command is not None
            with pytest.raises(ChangedMeanwhile, match=r"^The quotation is not the one shown any more"):
                store.execute(outcome.command)
        assert next(q for q in store.quotes(1) if q.id == first.id) == taken


def test_exports_say_whose_quotation_it_is_and_read_it_back(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with _store(path) as store:
        command = labelling.correct_quote(
            store.annotated(1), _quote(store), QuoteKind.DIRECT, "Eleanor Shaw"
        ).command
        assert command is not None
        store.execute(command)
    out = tmp_path / "out.jsonl"
    with open_project(path) as project:
        export(project, out, options=ExportOptions(format="jsonl"))
    task = json.loads(out.read_text("utf-8"))
    statuses = {TEXT[q["start"] : q["end"]]: (q["status"], q["speaker"]) for q in task["quotes"]}
    status, speaker = statuses["“We are not ready.”"]
    assert status == "corrected" and (speaker["mention"], speaker["name"]) == ("Eleanor Shaw", "Eleanor Shaw")
    assert statuses["“premature”"] == ("suggested", None)
    with open_project(tmp_path / "again.db") as again:
        import_paths(again, [out])
        read = {TEXT[q.start : q.end]: q for q in again.quotes(1)}
    assert read["“We are not ready.”"].model == QUOTE_CORRECTED
    assert read["“premature”"].by_person and read["“premature”"].model != QUOTE_CORRECTED


def test_merge_brings_corrections_into_shared_articles_and_lists_clashes(tmp_path: Path) -> None:
    for name, speaker in (("alice.db", "Eleanor Shaw"), ("bob.db", "")):
        with _store(tmp_path / name) as store:
            command = labelling.correct_quote(
                store.annotated(1), _quote(store), QuoteKind.DIRECT, speaker
            ).command
            assert command is not None
            store.execute(command)
    with _store(tmp_path / "team.db") as team:
        first = merge_project(team, tmp_path / "alice.db")
        assert first.quote_corrections == 1 and not first.conflicts
        merged = [q for q in team.quotes(1) if q.start == QUOTE_START]
        assert len(merged) == 1 and merged[0].speaker is not None and merged[0].speaker.name == "Eleanor Shaw"
        assert merged[0].model == QUOTE_CORRECTED
        # Bob says nobody said it: the team keeps Alice's speaker and the merge says so.
        second = merge_project(team, tmp_path / "bob.db")
        assert second.quote_corrections == 0
        assert [c.kind for c in second.conflicts] == ["quote"]
        assert "Eleanor Shaw" in second.conflicts[0].detail
        assert _quote(team).speaker == merged[0].speaker
        # Merging the same file again changes nothing.
        assert merge_project(team, tmp_path / "alice.db").quote_corrections == 0


def test_the_offered_speakers_are_the_articles_names_without_places_rejected(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        names = labelling.speaker_choices(store.annotated(1))
    # Speakers first by where they occur, then people; "Cambridge" was a speaker and a GPE.
    assert names[:2] == ["Eleanor Shaw", "Cambridge"]
    assert "Shaw" in names


def test_scripts_and_the_window_share_one_project_path(tmp_path: Path) -> None:
    """`Project.execute` runs the same command as the window, in one transaction."""
    path = tmp_path / "p.db"
    _store(path).close()
    with open_project(path) as project:
        quote = next(q for q in project.quotes(1) if q.start == QUOTE_START)
        command = labelling.correct_quote(
            project.annotated(1), quote, QuoteKind.DIRECT, "Eleanor Shaw"
        ).command
        assert command is not None
        project.execute(command)
        assert store_of(project).quotes(1)[0].model == QUOTE_CORRECTED


def test_a_removed_quotation_stays_gone_through_preannotation_export_and_merge(tmp_path: Path) -> None:
    premature = TEXT.index("“premature”")
    with _store(tmp_path / "alice.db") as store:
        quote = _quote(store, premature)
        command = labelling.remove_quote(quote).command
        assert command is not None
        store.execute(command)
        assert all(q.start != premature for q in store.quotes(1))
        assert store.stats().quotes == 2
        # A new pre-annotation finds it again, and leaves it out.
        store.save_analysis(1, _analysis())
        assert all(q.start != premature for q in store.quotes(1))
        assert all(q.start != premature for q in next(store.iter_annotated()).quotes)
    out = tmp_path / "out.jsonl"
    with open_project(tmp_path / "alice.db") as project:
        export(project, out, options=ExportOptions(format="jsonl"))
    assert "“premature”" not in [
        TEXT[q["start"] : q["end"]] for q in json.loads(out.read_text("utf-8"))["quotes"]
    ]
    with _store(tmp_path / "team.db") as team:
        report = merge_project(team, tmp_path / "alice.db")
        assert report.quote_corrections == 1
        assert all(q.start != premature for q in team.quotes(1))
    with _store(tmp_path / "undo.db") as store:
        command = labelling.remove_quote(_quote(store, premature)).command
        assert command is not None
        store.execute(command)
        store.revert(command)
        assert _quote(store, premature).model == "test@1"


def test_an_added_quotation_takes_its_marks_and_is_kept(tmp_path: Path) -> None:
    text = "Shaw said the plan was ‘reckless’ and left. The firm said “no”."
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=text, title="Added")])
        store.save_analysis(1, Analysis(PIPE, quotes=(Quote(text.index("“no”"), text.index("“no”") + 4),)))
        article = store.annotated(1)
        words = text.index("reckless")
        outcome = labelling.add_quote(article, (words, words + len("reckless ")), QuoteKind.PARTIAL, "Shaw")
        assert outcome.select == (words - 1, words + len("reckless") + 1)
        with pytest.raises(UserError, match="overlaps a quotation"):
            labelling.add_quote(article, (text.index("said “"), text.index("“no”") + 2), QuoteKind.DIRECT, "")
        assert outcome.command is not None
        store.execute(outcome.command)
        added = _quote(store, words - 1)
        assert (text[added.start : added.end], added.kind, added.model) == (
            "‘reckless’",
            QuoteKind.PARTIAL,
            QUOTE_CORRECTED,
        )
        assert added.speaker is not None and text[added.speaker.start : added.speaker.end] == "Shaw"
        store.save_analysis(1, Analysis(PIPE, quotes=(Quote(text.index("“no”"), text.index("“no”") + 4),)))
        assert [q.start for q in store.quotes(1)] == [words - 1, text.index("“no”")]
        store.revert(outcome.command)
        assert [q.start for q in store.quotes(1)] == [text.index("“no”")]


def test_an_added_quotation_without_quote_marks_is_refused_unless_a_scare_quote(tmp_path: Path) -> None:
    """W on "roughly five miles" added a direct quotation with no speaker: words said by somebody
    come in marks, so a direct or partial quotation without them is a slip of the selection."""
    text = "The fire burned roughly five miles out. Shaw said “it spread fast” and left."
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=text, title="Unmarked")])
        article = store.annotated(1)
        words = (text.index("roughly"), text.index(" out."))
        for kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL):
            with pytest.raises(UserError, match="no quote marks: select the quoted words with their marks"):
                labelling.add_quote(article, words, kind, "")
        # A title or term may go unmarked; and marked words selected without their marks take them in.
        assert labelling.add_quote(article, words, QuoteKind.SCARE, "").command is not None
        inside = (text.index("it spread"), text.index("” and"))
        added = labelling.add_quote(article, inside, QuoteKind.DIRECT, "Shaw")
        assert added.command is not None and added.select == (inside[0] - 1, inside[1] + 1)


def test_a_hostile_correction_in_a_merge_source_is_refused_and_the_team_file_unchanged(
    tmp_path: Path,
) -> None:
    with _store(tmp_path / "mallory.db") as store:
        command = labelling.correct_quote(
            store.annotated(1), _quote(store), QuoteKind.DIRECT, "Eleanor Shaw"
        ).command
        assert command is not None
        store.execute(command)
    conn = sqlite3.connect(tmp_path / "mallory.db")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE quotes SET speaker_end = 5000 WHERE model = ?", (QUOTE_CORRECTED,))
    conn.commit()
    conn.close()
    with _store(tmp_path / "team.db") as team:
        before = team.quotes(1)
        with pytest.raises(ProjectFileError, match="quotes"):
            merge_project(team, tmp_path / "mallory.db")
        assert team.quotes(1) == before


def test_new_bounds_are_offered_only_where_they_run_into_no_other_quotation(tmp_path: Path) -> None:
    with _store(tmp_path / "p.db") as store:
        article = store.annotated(1)
        quote = _quote(store)
        nobody = TEXT.index("“Nobody")
        # The selected words, their marks taken in; the same bounds are no offer.
        assert labelling.bounds_offered(article, quote, (QUOTE_START + 1, QUOTE_END - 1)) is None
        told = TEXT.index("who told me")
        assert labelling.bounds_offered(article, quote, (told, QUOTE_END)) == (told, QUOTE_END)
        # Reaching into "Nobody is." would make two quotations overlap: no offer, and refused.
        assert labelling.bounds_offered(article, quote, (QUOTE_START, nobody + 3)) is None
        with pytest.raises(UserError, match="overlap another quotation"):
            labelling.rebound_quote(article, quote, (QUOTE_START, nobody + 3), QuoteKind.DIRECT, "")
        # One edit: the finder's quotation goes (and stays gone), the person's comes with its speaker.
        outcome = labelling.rebound_quote(article, quote, (told, QUOTE_END), QuoteKind.DIRECT, "Eleanor Shaw")
        assert outcome.command is not None
        store.execute(outcome.command)
        kept = {(q.start, q.end): q for q in store.quotes(1)}
        assert (QUOTE_START, QUOTE_END) not in kept
        person = kept[(told, QUOTE_END)]
        assert person.model == QUOTE_CORRECTED and person.speaker is not None
        assert (
            person.speaker.name == "Eleanor Shaw"
            and TEXT[person.speaker.start : person.speaker.end] == "Eleanor Shaw"
        )
        store.revert(outcome.command)
        assert (QUOTE_START, QUOTE_END) in {(q.start, q.end) for q in store.quotes(1)}
        assert (told, QUOTE_END) not in {(q.start, q.end) for q in store.quotes(1)}


def _floods(text: str) -> Analysis:
    """Starmer given both quotations: the first is Johnson's, "he said"."""
    ours, theirs = text.index('"We'), text.index('"Johnson')
    starmer = Speaker(text.index("Keir"), text.index("Keir") + len("Keir Starmer"), "Keir Starmer")
    return Analysis(
        PIPE,
        entities=(Entity(starmer.start, starmer.end, "PERSON"),),
        quotes=(
            Quote(ours, text.index(",", ours) + 2, QuoteKind.DIRECT, starmer),
            Quote(theirs, len(text), QuoteKind.DIRECT, starmer),
        ),
    )


def test_the_speakers_mention_is_not_taken_from_another_quotation(tmp_path: Path) -> None:
    """ "Johnson" in the words Starmer is quoted saying was nearer than "Boris Johnson" at the
    start, and became the mention of Johnson's own quotation: exports pointed into Starmer's
    words. Quoted words name who is spoken of, not who speaks; they are taken only when the
    name is nowhere else."""
    said = (
        " visited the flooded town of Tewkesbury on Monday, where hundreds of homes have been "
        'under water since the weekend. "We will rebuild," he said. '
        'Keir Starmer replied: "Johnson has promised this before."'
    )
    texts = ("Boris Johnson" + said, "The prime minister" + said)
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_drafts([ArticleDraft(text=text, title=f"Floods {i}") for i, text in enumerate(texts)])
        mentions = []
        for article_id, text in enumerate(texts, start=1):
            store.save_analysis(article_id, _floods(text))
            article = store.annotated(article_id)
            quote = next(q for q in article.quotes if text[q.start : q.end].startswith('"We'))
            outcome = labelling.correct_quote(article, quote, QuoteKind.DIRECT, "Boris Johnson")
            assert isinstance(outcome.command, CorrectQuote) and outcome.command.speaker is not None
            mention = outcome.command.speaker
            mentions.append((mention.start, text[mention.start : mention.end]))
    assert mentions[0] == (0, "Boris Johnson")
    # Named only in the other quotation, the name is found there rather than refused.
    assert mentions[1] == (texts[1].index("Johnson has"), "Johnson")


def test_a_new_pre_annotation_with_bounds_one_character_off_brings_back_no_checked_quotation(
    tmp_path: Path,
) -> None:
    """A corrected speaker and a removed quotation, then a new rules version whose quotations
    take one more character ("“premature”." with its full stop, the space before "“We"): the
    model's quotations stood beside the corrected one, "Cambridge" its speaker again, and the
    removed one came back, each overlapping the person's and exported with them."""
    premature = TEXT.index("“premature”")
    with _store(tmp_path / "p.db") as store:
        for command in (
            labelling.correct_quote(
                store.annotated(1), _quote(store), QuoteKind.DIRECT, "Eleanor Shaw"
            ).command,
            labelling.remove_quote(_quote(store, premature)).command,
        ):
            assert command is not None
            store.execute(command)
        first, nobody, scare = _analysis().quotes
        renewed = Analysis(
            PipelineInfo("test", "2"),
            _analysis().entities,
            (
                Quote(first.start - 1, first.end, first.kind, first.speaker),
                nobody,
                Quote(scare.start, scare.end + 1, scare.kind),
            ),
        )
        store.save_analysis(1, renewed)
        shown = store.annotated(1).quotes
        assert [(q.start, q.end) for q in shown] == [(QUOTE_START, QUOTE_END), (nobody.start, nobody.end)]
        assert shown[0].speaker is not None and shown[0].speaker.name == "Eleanor Shaw"
        assert shown[0].model == QUOTE_CORRECTED
