"""The labelling rules without Qt: plain articles in, commands and selections out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.agreement import Unit
from annotator.core.commands import (
    AddClaim,
    Batch,
    DecideGold,
    SetArticleStatus,
    SetEntityStatus,
    UpdateClaim,
)
from annotator.core.errors import UserError
from annotator.core.model import (
    AnnotatedArticle,
    Article,
    ArticleStatus,
    ArticleSummary,
    Claim,
    ClaimCandidate,
    ClaimLabel,
    Entity,
    EntityStatus,
    LabelCheck,
    PipelineInfo,
)
from annotator.core.reports import GoldDecision, ReviewItem
from annotator.core.suggestions import QueueItem, Suggestion
from annotator.services import labelling
from annotator.services.project import open_project

TEXT = "Taxes rose by ten percent. The minister said it was unfair. Nobody agreed."
#       0         1         2         3         4         5         6         7
#       012345678901234567890123456789012345678901234567890123456789012345678901234


def shown(
    *,
    status: ArticleStatus = ArticleStatus.NEW,
    claims: tuple[Claim, ...] = (),
    candidates: tuple[ClaimCandidate, ...] = (),
    entities: tuple[Entity, ...] = (),
) -> AnnotatedArticle:
    article = Article(id=7, text=TEXT, title="Taxes", content_hash="x", status=status)
    return AnnotatedArticle(article, claims=claims, candidates=candidates, entities=entities)


def claim(start: int, end: int, label: ClaimLabel = ClaimLabel.FACTUAL, claim_id: int = 1) -> Claim:
    return Claim(7, start, end, label, "ana", id=claim_id)


def test_a_selection_becomes_a_claim_snapped_to_words_and_starts_a_new_article() -> None:
    outcome = labelling.label_span(shown(), ClaimLabel.OPINION, selection=(2, 8), caret=8, annotator="ana")
    assert isinstance(outcome.command, Batch)
    add, status = outcome.command.commands
    assert isinstance(add, AddClaim) and (add.claim.start, add.claim.end) == (0, 10)
    assert add.claim.label is ClaimLabel.OPINION and add.claim.annotator == "ana"
    assert isinstance(status, SetArticleStatus) and status.status is ArticleStatus.IN_PROGRESS
    # The new claim stays selected: it is the claim the next key acts on.
    assert outcome.select == (0, 10) and outcome.caret is None


def test_the_claim_just_made_is_the_one_the_next_key_relabels_or_deletes() -> None:
    made = labelling.label_span(shown(), ClaimLabel.FACTUAL, selection=(27, 58), caret=58, annotator="ana")
    assert made.select is not None
    saved = claim(*made.select, claim_id=5)
    article = shown(status=ArticleStatus.IN_PROGRESS, claims=(saved,))
    relabel = labelling.label_span(
        article, ClaimLabel.OPINION, selection=made.select, caret=58, annotator="ana"
    )
    assert isinstance(relabel.command, UpdateClaim) and relabel.command.claim_id == 5
    assert labelling.claim_at(article.claims, TEXT, selection=made.select, caret=58) == saved
    # K from the claim goes to the candidate before it, not the claim's own sentence.
    candidates = (ClaimCandidate(0, 26, 0.5), ClaimCandidate(27, 58, 0.5))
    back = labelling.step_candidate(
        shown(candidates=candidates, claims=(saved,)), selection=made.select, caret=58, direction=-1
    )
    assert back.select == (0, 26)


def test_the_claim_list_shows_the_claim_held_or_else_overlapped() -> None:
    short, other = claim(31, 39, claim_id=1), claim(0, 5, claim_id=2)
    claims = [short, other]
    assert labelling.claim_in_view(claims, TEXT, selection=None, caret=33) == short
    # J selects the whole sentence: the list shows the claim inside it.
    assert labelling.claim_in_view(claims, TEXT, selection=(27, 58), caret=58) == short
    assert labelling.claim_in_view(claims, TEXT, selection=(60, 74), caret=74) is None
    assert labelling.claim_in_view(claims, TEXT, selection=None, caret=45) is None


def test_in_an_article_in_progress_a_claim_is_just_added() -> None:
    outcome = labelling.label_span(
        shown(status=ArticleStatus.IN_PROGRESS), ClaimLabel.FACTUAL, selection=(0, 5), caret=5, annotator="a"
    )
    assert isinstance(outcome.command, AddClaim)


def test_a_key_on_an_existing_claim_relabels_it_and_the_same_label_changes_nothing_and_says_so() -> None:
    existing = claim(27, 58)
    article = shown(claims=(existing,))
    outcome = labelling.label_span(article, ClaimLabel.OPINION, selection=None, caret=30, annotator="ana")
    assert isinstance(outcome.command, UpdateClaim) and outcome.command.label is ClaimLabel.OPINION
    # The claim's words selected, with or without its full stop: the claim is relabelled.
    for words in ((27, 58), (27, 57), (26, 58)):
        again = labelling.label_span(article, ClaimLabel.OPINION, selection=words, caret=58, annotator="ana")
        assert isinstance(again.command, UpdateClaim), words
    same = labelling.label_span(article, ClaimLabel.FACTUAL, selection=None, caret=30, annotator="ana")
    assert same.command is None and same.message == "This claim is factual already"  # said, not silent


def test_a_key_never_changes_another_persons_claim_or_a_reviewers_decision() -> None:
    """In a shared project or a team file, 2 on bob's claim relabelled it under bob's name."""
    bobs = Claim(7, 27, 58, ClaimLabel.FACTUAL, "bob", id=1)
    gold = Claim(7, 0, 26, ClaimLabel.FACTUAL, "gold", id=2)
    article = shown(status=ArticleStatus.IN_PROGRESS, claims=(bobs, gold))
    at_caret = labelling.label_span(article, ClaimLabel.OPINION, selection=None, caret=30, annotator="ana")
    assert at_caret.command is None and "bob's" in at_caret.message
    picked = labelling.label_span(
        article, ClaimLabel.OPINION, selection=None, caret=30, annotator="ana", picked=bobs
    )
    assert picked.command is None and "bob's" in picked.message
    on_gold = labelling.label_span(article, ClaimLabel.OPINION, selection=None, caret=3, annotator="ana")
    assert on_gold.command is None and "reviewers' decision" in on_gold.message
    # The same words selected become the person's own claim beside bob's.
    same_words = labelling.label_span(
        article, ClaimLabel.OPINION, selection=(27, 58), caret=58, annotator="ana"
    )
    assert isinstance(same_words.command, AddClaim)
    assert (same_words.command.claim.start, same_words.command.claim.end) == (27, 58)
    assert same_words.command.claim.annotator == "ana"
    # N and Delete: none to act on, and why.
    found, why = labelling.claim_to_edit(
        article.claims, TEXT, selection=None, caret=30, annotator="ana", instead="not yours"
    )
    assert found is None and why == "This claim is bob's: not yours"
    assert labelling.claim_to_edit(article.claims, TEXT, selection=None, caret=30, annotator="bob") == (
        bobs,
        "",
    )
    # With the person's own claim on the same words, that one is the current claim.
    mine = Claim(7, 27, 58, ClaimLabel.OPINION, "ana", id=3)
    both = (bobs, mine)
    assert labelling.claim_to_edit(both, TEXT, selection=None, caret=30, annotator="ana") == (mine, "")
    assert labelling.claim_in_view(both, TEXT, selection=None, caret=30, annotator="ana") == mine


def test_without_a_selection_or_a_name_nothing_is_saved() -> None:
    nothing = labelling.label_span(shown(), ClaimLabel.FACTUAL, selection=None, caret=3, annotator="a")
    assert nothing.command is None and "Select some text" in nothing.message
    with pytest.raises(UserError, match="annotator name"):
        labelling.label_span(shown(), ClaimLabel.FACTUAL, selection=(0, 5), caret=5, annotator="")


def test_the_claim_at_a_position_is_the_smallest_holding_it() -> None:
    outer, inner = claim(0, 58, claim_id=1), claim(27, 58, claim_id=2)
    assert labelling.claim_at([outer, inner], TEXT, selection=None, caret=30) == inner
    assert labelling.claim_at([outer, inner], TEXT, selection=None, caret=3) == outer
    assert labelling.claim_at([outer, inner], TEXT, selection=None, caret=70) is None


def test_stepping_is_the_same_for_candidates_and_entities() -> None:
    candidates = (ClaimCandidate(27, 58, 0.9, ("said",)), ClaimCandidate(0, 26, 0.5))
    article = shown(candidates=candidates)
    first = labelling.step_candidate(article, selection=None, caret=0, direction=1)
    assert first.select == (0, 26) and first.candidate == labelling.CandidateStep(candidates[1], 1, 2)
    second = labelling.step_candidate(article, selection=first.select, caret=26, direction=1)
    assert second.select == (27, 58) and second.candidate == labelling.CandidateStep(candidates[0], 2, 2)
    assert labelling.step_candidate(article, selection=second.select, caret=58, direction=1).select == (
        27,
        58,
    )
    assert labelling.step_candidate(article, selection=second.select, caret=58, direction=-1).select == (
        0,
        26,
    )
    entities = [Entity(29, 37, "PERSON"), Entity(0, 5, "NORP")]
    assert labelling.step_entity(entities, TEXT, selection=None, caret=10, direction=1).select == (29, 37)
    assert labelling.step_entity(entities, TEXT, selection=None, caret=10, direction=-1).select == (0, 5)
    assert (
        "No claim candidates"
        in labelling.step_candidate(shown(), selection=None, caret=0, direction=1).message
    )
    # Pre-annotated, and no candidate found: pre-annotating again is no help.
    analysed = replace(shown(), pipeline=PipelineInfo("rules", "1"))
    assert labelling.step_candidate(analysed, selection=None, caret=0, direction=1).message == (
        "Pre-annotation found no likely claim in this article; select words and press 1-3"
    )
    assert (
        labelling.step_entity([], TEXT, selection=None, caret=0, direction=1).message
        == "No entities in this article"
    )


def test_no_candidate_or_entity_that_way_moves_nothing_and_says_so() -> None:
    """From past the last one J went back to it, and from before the first K went on to it:
    the selection moved the other way from the key, said as if it had gone on."""
    article = shown(candidates=(ClaimCandidate(0, 26, 0.5), ClaimCandidate(27, 58, 0.5)))
    past = labelling.step_candidate(article, selection=None, caret=65, direction=1)
    assert past.select is None and past.candidate is None
    assert past.message == "No claim candidate after here (K goes to the previous one)"
    # A phrase selected inside the last sentence: J does not select that sentence again.
    inside = labelling.step_candidate(article, selection=(31, 39), caret=39, direction=1)
    assert inside.select is None and "after here" in inside.message
    before = labelling.step_candidate(
        shown(candidates=(ClaimCandidate(27, 58, 0.5),)), selection=None, caret=10, direction=-1
    )
    assert before.select is None
    assert before.message == "No claim candidate before here (J goes to the next one)"
    # Held at the last (first) one, the key keeps it selected and says which it is.
    held = labelling.step_candidate(article, selection=(27, 58), caret=58, direction=1)
    assert held.select == (27, 58) and held.candidate is not None and held.candidate.number == 2
    held = labelling.step_candidate(article, selection=(0, 26), caret=26, direction=-1)
    assert held.select == (0, 26) and held.candidate is not None and held.candidate.number == 1
    entities = [Entity(0, 5, "NORP"), Entity(29, 37, "PERSON")]
    assert labelling.step_entity(entities, TEXT, selection=None, caret=70, direction=1) == labelling.Outcome(
        message="No entity after here (K goes to the previous one)"
    )
    assert labelling.step_entity(entities, TEXT, selection=(29, 37), caret=37, direction=1).select == (29, 37)


def test_entity_steps_say_which_entity_of_how_many_and_select_the_name_as_read() -> None:
    text = "Monday, May 6, 2019\xa0\n\n\nAt noon Ana Berg spoke."
    #       a DATE that spaCy ran on over the line breaks and into "At"
    dateline = Entity(0, text.index("noon") - 1, "DATE", id=1)
    ana = Entity(text.index("Ana"), text.index(" spoke"), "PERSON", status=EntityStatus.ACCEPTED, id=2)
    first = labelling.step_entity([ana, dateline], text, selection=None, caret=0, direction=1)
    assert first.select == (0, len("Monday, May 6, 2019"))
    assert first.message == "Entity 1 of 2: DATE, suggested"
    second = labelling.step_entity([ana, dateline], text, selection=first.select, caret=0, direction=1)
    assert second.message == "Entity 2 of 2: PERSON, accepted"
    # A and R find the entity from the name that was selected.
    assert labelling.entity_at([ana, dateline], text, selection=first.select, caret=19) == dateline
    assert labelling.entity_at([ana, dateline], text, selection=(0, dateline.end), caret=0) == dateline


@given(
    st.lists(st.integers(0, 200), min_size=1, max_size=20, unique=True),
    st.integers(0, 220),
    st.sampled_from([1, -1]),
)
def test_a_step_always_lands_on_a_span(starts: list[int], caret: int, direction: int) -> None:
    spans = sorted((s, s + 3) for s in starts)
    index = labelling.step(spans, selection=None, caret=caret, direction=direction)
    assert index is not None and 0 <= index < len(spans)
    if direction > 0 and any(s >= caret for s, _ in spans):
        assert spans[index][0] >= caret
    if direction < 0 and any(s < caret for s, _ in spans):
        assert spans[index][0] < caret


def test_next_undone_article_wraps_round_and_skips_done_ones() -> None:
    def summary(article_id: int, status: ArticleStatus) -> ArticleSummary:
        return ArticleSummary(article_id, "", "", status, 0, 0)

    listed = [summary(1, ArticleStatus.NEW), summary(2, ArticleStatus.DONE), summary(3, ArticleStatus.DONE)]
    assert labelling.next_undone(listed, after=2) == 1
    assert labelling.next_undone(listed, after=None) == 1
    assert labelling.next_undone([summary(1, ArticleStatus.DONE)], after=1) is None


def test_a_suggestion_never_replaces_a_persons_claim() -> None:
    suggestion = Suggestion(7, 27, 58, ClaimLabel.OPINION, 0.8, 0.2, 1)
    item = QueueItem(7, 27, 58, 0.9, suggestion, None)
    taken = labelling.accept_suggestion(shown(claims=(claim(30, 38),)), item, annotator="ana")
    assert taken.command is None and "never replaces" in taken.message
    accepted = labelling.accept_suggestion(shown(), item, annotator="ana")
    assert isinstance(accepted.command, Batch)
    add = accepted.command.commands[0]
    assert isinstance(add, AddClaim) and add.claim.label is ClaimLabel.OPINION
    bare = labelling.accept_suggestion(shown(), QueueItem(7, 27, 58, 0.9, None, None), annotator="a")
    assert bare.command is None and "press 1, 2 or 3" in bare.message


def test_only_a_suggestion_the_window_showed_goes_beside_the_claim() -> None:
    """Enter, given the person's threshold, refuses a hidden suggestion and says why (one exists)
    and records an accepted one as shown; a script (no threshold) records none; a label key
    records the shown suggestion only on exactly its span."""
    suggestion = Suggestion(7, 27, 58, ClaimLabel.FACTUAL, 0.574, 0.426, 1)
    item = QueueItem(7, 27, 58, 0.9, suggestion, None)
    hidden = labelling.accept_suggestion(shown(), item, annotator="ana", threshold=60)
    assert hidden.command is None and "less sure than your threshold" in hidden.message
    assert "Suggestions Panel" in hidden.message

    def added(outcome: labelling.Outcome) -> AddClaim:
        assert isinstance(outcome.command, Batch)
        add = outcome.command.commands[0]
        assert isinstance(add, AddClaim)
        return add

    check = LabelCheck(ClaimLabel.FACTUAL, 0.574)
    assert added(labelling.accept_suggestion(shown(), item, annotator="ana", threshold=50)).shown == check
    assert added(labelling.accept_suggestion(shown(), item, annotator="ana")).shown is None
    keyed = labelling.label_span(
        shown(),
        ClaimLabel.OPINION,
        selection=(27, 58),
        caret=58,
        annotator="ana",
        suggestion_shown=((27, 58), check),
    )
    assert added(keyed).shown == check
    inside = labelling.label_span(
        shown(),
        ClaimLabel.OPINION,
        selection=(27, 40),
        caret=40,
        annotator="ana",
        suggestion_shown=((27, 58), check),
    )
    assert added(inside).shown is None
    assert (
        added(
            labelling.label_span(shown(), ClaimLabel.OPINION, selection=(27, 58), caret=58, annotator="a")
        ).shown
        is None
    )


def test_entities_are_accepted_or_rejected_once() -> None:
    suggested = Entity(29, 37, "PERSON", id=4)
    assert labelling.entity_at([suggested], TEXT, selection=(29, 37), caret=37) == suggested
    assert labelling.entity_at([suggested], TEXT, selection=(29, 36), caret=36) is None
    assert labelling.entity_at([suggested], TEXT, selection=None, caret=30) == suggested
    accept = labelling.accept_entity(suggested).command
    assert isinstance(accept, SetEntityStatus) and accept.status is EntityStatus.ACCEPTED
    accepted = Entity(29, 37, "PERSON", status=EntityStatus.ACCEPTED, id=4)
    assert labelling.accept_entity(accepted).command is None
    reject = labelling.reject_entity(accepted).command
    assert isinstance(reject, SetEntityStatus) and reject.status is EntityStatus.REJECTED


def test_gold_decisions_are_commands_that_replace_and_undo() -> None:
    bo = Claim(7, 27, 50, ClaimLabel.FACTUAL, "bo")  # the unit was decided when bo's span was its span
    unit = Unit(7, (27, 58), {"bo": bo}, frozenset({"ana", "bo"}))
    item = ReviewItem(unit, "Taxes", TEXT, GoldDecision(7, 27, 50, ClaimLabel.FACTUAL, "cy"))
    command = labelling.decide_gold(item, ClaimLabel.OPINION, reviewer="dana")
    assert isinstance(command, DecideGold) and command.replaces == (27, 50)
    # Decided before the people re-cut their claims: the decision is still this one's, replaced.
    recut = ReviewItem(unit, "Taxes", TEXT, GoldDecision(7, 30, 58, ClaimLabel.FACTUAL, "cy"))
    command = labelling.decide_gold(recut, ClaimLabel.OPINION, reviewer="dana")
    assert command.replaces == (30, 58)
    undo = labelling.undecide_gold(item)
    assert undo is not None and undo.clear and undo.span == (27, 50)
    with pytest.raises(UserError, match="set your name in the review window") as raised:
        labelling.decide_gold(item, None, reviewer=" ")
    assert "--reviewer" not in str(raised.value)  # no command has such an option


def test_nobody_labels_under_the_reviewers_name(tmp_path: Path) -> None:
    """Claims of `gold` are decisions: a person's labels under it left agreement, showed as settled
    in the review and were exported by `export --gold`."""
    with open_project(tmp_path / "p.db") as project:
        (article_id,) = project.import_texts([TEXT]).added
        with pytest.raises(UserError, match="'gold' is kept for reviewers' decisions"):
            project.add_claim(article_id, 0, 26, "factual", annotator="gold")
        shown = project.annotated(article_id)
        with pytest.raises(UserError, match="Change Annotator Name"):
            labelling.label_span(shown, ClaimLabel.FACTUAL, selection=(0, 26), caret=26, annotator="gold")
        assert project.claims() == []
        project.add_claim(article_id, 0, 26, "factual", annotator="Goldie")  # only the name itself


def test_a_script_and_the_window_follow_the_same_rules(tmp_path: Path) -> None:
    with open_project(tmp_path / "p.db") as project:
        (article_id,) = project.import_texts([TEXT]).added
        project.add_claim(article_id, 0, 26, "factual", annotator="ana")
        assert project.article(article_id).status is ArticleStatus.IN_PROGRESS
        unit = Unit(article_id, (27, 58), {}, frozenset({"ana"}))
        item = ReviewItem(unit, "", TEXT)
        command = labelling.decide_gold(item, ClaimLabel.OPINION, reviewer="dana")
        project.execute(command)
        gold = project.claims(article_id, annotator="gold")
        assert [(c.start, c.end, c.label) for c in gold] == [(27, 58, ClaimLabel.OPINION)]
        project.revert(command)
        assert project.claims(article_id, annotator="gold") == []


def test_deleting_the_last_claim_puts_the_article_back_to_new_unless_another_claim_came_meanwhile(
    tmp_path: Path,
) -> None:
    """A deleted only claim left its article "in progress" with nothing on it. Another window's
    claim, added between the article being shown and the Delete, keeps it started; so does
    its undo, when that window started the article again meanwhile."""
    from annotator.core.commands import DeleteClaim

    path = tmp_path / "p.db"
    with open_project(path) as ana, open_project(path) as bo:
        (article_id,) = ana.import_texts([TEXT]).added
        mine = ana.add_claim(article_id, 0, 26, "factual", annotator="ana")
        assert mine.id is not None
        ana.delete_claim(mine.id)  # as a script deletes it
        assert ana.article(article_id).status is ArticleStatus.NEW

        mine = ana.add_claim(article_id, 0, 26, "factual", annotator="ana")
        assert mine.id is not None
        seen = ana.article(article_id)  # as the window shows it
        bos = bo.add_claim(article_id, 27, 58, "opinion", annotator="bo")
        delete = labelling.deleting_claim(seen, DeleteClaim(mine.id, seen=mine))
        ana.execute(delete)
        assert ana.article(article_id).status is ArticleStatus.IN_PROGRESS  # bo's claim is on it
        ana.revert(delete)
        assert bos.id is not None
        bo.delete_claim(bos.id)
        ana.execute(delete)  # the redo: nothing left on it now
        assert ana.article(article_id).status is ArticleStatus.NEW
        bo.add_claim(article_id, 27, 58, "opinion", annotator="bo")  # starts it again
        ana.revert(delete)
        assert ana.article(article_id).status is ArticleStatus.IN_PROGRESS
        assert len(ana.claims(article_id)) == 2


def test_undoing_a_gold_decision_never_wipes_out_another_reviewers_since(tmp_path: Path) -> None:
    """Two reviewers adjudicate the same team file: one's Ctrl+Z put back what was there before
    their own decision, silently replacing the decision the other had made since."""
    from annotator.core.errors import ChangedMeanwhile

    path = tmp_path / "team.db"
    with open_project(path) as dana, open_project(path) as eli:
        (article_id,) = dana.import_texts([TEXT]).added
        dana.add_claim(article_id, 27, 58, "factual", annotator="ana")
        item = ReviewItem(Unit(article_id, (27, 58), {}, frozenset({"ana", "bo"})), "", TEXT)
        mine = labelling.decide_gold(item, ClaimLabel.OPINION, reviewer="dana")
        dana.execute(mine)
        eli.execute(labelling.decide_gold(item, ClaimLabel.QUESTIONABLE, reviewer="eli"))
        with pytest.raises(ChangedMeanwhile, match=r"^The gold decision was changed elsewhere"):
            dana.revert(mine)
        (gold,) = dana.claims(article_id, annotator="gold")
        assert gold.label is ClaimLabel.QUESTIONABLE


def test_hedge_words_are_the_sentence_s_own_once_each_in_text_order() -> None:
    """J said "hedged (“may”, “could”)" of every hedged sentence, one with "may" alone too."""
    assert labelling.hedge_words("It may rain, and it MAY snow; it could, perhaps.") == (
        "may",
        "could",
        "perhaps",
    )
    assert labelling.hedge_words("The mayor said it would rain.") == ()  # whole words only
    assert labelling.hedge_words("Prices seem to rise, reportedly.") == ("seem", "reportedly")


def test_a_phrase_selected_inside_the_persons_own_claim_is_a_claim_of_its_own() -> None:
    """Any span is a claim: "said it was unfair" selected in a sentence labelled factual and
    labelled opinion relabelled the whole sentence, and the factual label was gone."""
    sentence = claim(27, 58)
    article = shown(status=ArticleStatus.IN_PROGRESS, claims=(sentence,))
    outcome = labelling.label_span(article, ClaimLabel.OPINION, selection=(40, 58), caret=58, annotator="ana")
    assert isinstance(outcome.command, AddClaim)
    added = outcome.command.claim
    assert (TEXT[added.start : added.end], added.label) == ("said it was unfair", ClaimLabel.OPINION)
    assert outcome.select == (added.start, added.end)
    # The new claim, still selected, is the one the next key relabels: not the sentence.
    nested = Claim(7, added.start, added.end, ClaimLabel.OPINION, "ana", id=2)
    both = shown(status=ArticleStatus.IN_PROGRESS, claims=(sentence, nested))
    relabel = labelling.label_span(
        both, ClaimLabel.QUESTIONABLE, selection=outcome.select, caret=58, annotator="ana"
    )
    assert isinstance(relabel.command, UpdateClaim) and relabel.command.claim_id == 2


def test_a_claim_selected_again_with_the_comma_or_full_stop_after_it_is_relabelled() -> None:
    """A claim dragged over up to its last word and selected again with the full stop after it
    (J's sentence, a drag a little too far) was not relabelled: 2 added a second claim on the
    same words beside the first, which kept its old label, and Delete said no claim was there."""
    existing = claim(27, 58)  # "The minister said it was unfair", without its full stop
    article = shown(status=ArticleStatus.IN_PROGRESS, claims=(existing,))
    for words in ((27, 59), (26, 60)):
        again = labelling.label_span(article, ClaimLabel.OPINION, selection=words, caret=58, annotator="ana")
        assert isinstance(again.command, UpdateClaim), words
        assert again.command.claim_id == existing.id and again.command.label is ClaimLabel.OPINION
    assert labelling.claim_to_edit(article.claims, TEXT, selection=(27, 59), caret=59, annotator="ana") == (
        existing,
        "",
    )
    # More words than the claim's are a claim of their own.
    wider = labelling.label_span(article, ClaimLabel.OPINION, selection=(27, 74), caret=74, annotator="ana")
    assert isinstance(wider.command, AddClaim)


def test_the_caret_in_a_name_inside_a_longer_one_means_the_inner_name_as_drawn() -> None:
    """The caret in "New York" of "The New York Times", both suggested, meant the first row,
    the ORG, while the window draws the GPE there: R struck out the newspaper."""
    text = "Reporters at The New York Times said so."
    times = Entity(text.index("The New"), text.index(" said"), "ORG", id=1)
    new_york = Entity(text.index("New"), text.index(" Times"), "GPE", id=2)
    caret = text.index("York")
    assert labelling.entity_at([times, new_york], text, selection=None, caret=caret) == new_york
    assert labelling.entity_at([new_york, times], text, selection=None, caret=caret) == new_york
    assert labelling.entity_at([times, new_york], text, selection=None, caret=text.index("Times")) == times
