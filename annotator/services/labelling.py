"""The labelling rules, outside Qt: what a key press does to a project.

Functions here take plain core objects (the article as shown, the caret or the
selection, in code points) and return an `Outcome`: the `core.commands` edit to
run, the span to select next, or a line to tell the person why nothing happened.
They never touch a widget or the database. The window maps its keys to them and
runs the command through its undo stack; `services.Project`'s scripting methods
and `services.suggestions.accept_suggestion` use the same ones, so a script and the
window behave the same (the first claim moves a new article to in progress, a
suggestion never replaces a person's claim).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from annotator.core.commands import (
    AddClaim,
    AddEntity,
    AddQuote,
    Batch,
    Command,
    CorrectQuote,
    DecideGold,
    DeleteClaim,
    EmptiedArticle,
    RemoveQuote,
    SetArticleStatus,
    SetEntityStatus,
    UpdateClaim,
)
from annotator.core.entity_decisions import (
    NOT_SUGGESTED,
    SUGGESTED_EVERYWHERE,
    TWO_TYPES,
    DecidedName,
    entity_name,
)
from annotator.core.errors import NO_REVIEWER, RESERVED_ANNOTATOR, UserError
from annotator.core.model import (
    ENTITY_OUTDATED,
    AnnotatedArticle,
    Article,
    ArticleStatus,
    Claim,
    ClaimCandidate,
    ClaimLabel,
    Entity,
    EntityStatus,
    LabelCheck,
    Quote,
    QuoteKind,
    Speaker,
    is_reserved_annotator,
)
from annotator.core.name_extent import name_extent
from annotator.core.reading_order import next_undone
from annotator.core.search import ends_before_a_particle, word_spans
from annotator.core.text import (
    counted,
    sentence_around,
    snap_to_words,
    strip_span,
    trim_to_name,
)

if TYPE_CHECKING:  # names only: their modules load with the review and the suggestions
    from annotator.core.reports import ReviewItem
    from annotator.core.suggestions import QueueItem

Span = tuple[int, int]

__all__ = [
    "CandidateStep",
    "Outcome",
    "accept_entity",
    "accept_suggestion",
    "add_entity",
    "add_every_occurrence",
    "add_quote",
    "adding_claim",
    "below_threshold",
    "claim_at",
    "claim_in_view",
    "claim_to_edit",
    "correct_quote",
    "correct_quotes",
    "decide_every_mention",
    "decide_gold",
    "deleting_claim",
    "entity_at",
    "label_span",
    "mark_done",
    "name_selected",
    "next_undone",
    "none_that_way",
    "not_yours",
    "own_claims",
    "quotation_span",
    "quote_at",
    "reject_entity",
    "remove_quote",
    "same_speaker",
    "speaker_choices",
    "step",
    "step_candidate",
    "step_entity",
    "undecide_gold",
]


@dataclass(frozen=True)
class CandidateStep:
    """The claim candidate J / K selected, and where it stands among the article's.

    Plain figures, not a sentence: the window words them in its translated words
    (`ui.candidate_words`), which a reason's name from the rules ("hedge", "attribution")
    and a raw score never were to an annotator.
    """

    candidate: ClaimCandidate
    number: int
    """1 for the first candidate in text order."""
    count: int
    hedges: tuple[str, ...] = ()
    """The hedge words the sentence holds, in text order (`hedge_words`): the window named
    "may" and "could" as examples, in a sentence that had "may" alone."""


@dataclass(frozen=True)
class Outcome:
    """What a key press comes to: an edit to run, a span to select, a caret to move, a message,
    or the candidate stepped to (`CandidateStep`), for the window to describe."""

    command: Command | None = None
    select: Span | None = None
    caret: int | None = None
    message: str = ""
    candidate: CandidateStep | None = None


# -- claims --------------------------------------------------------------------------------------


def adding_claim(article: Article, add: AddClaim) -> Command:
    """Adding a claim, with what it implies: the first claim moves a new article to in progress.

    A person's claim under the reviewers' name `gold` is refused: it would count as a decision.
    """
    if is_reserved_annotator(add.claim.annotator):
        raise UserError(RESERVED_ANNOTATOR)
    if article.status == ArticleStatus.NEW:
        return Batch([add, SetArticleStatus(article.id, ArticleStatus.IN_PROGRESS, started_by=add)])
    return add


def deleting_claim(article: Article, delete: DeleteClaim) -> Command:
    """Deleting a claim, with what it implies: an article in progress that it leaves with no
    claim goes back to new (`EmptiedArticle`), as the undo of its first claim puts it back."""
    if article.status == ArticleStatus.IN_PROGRESS:
        return Batch([delete, EmptiedArticle(article.id)])
    return delete


def claim_at(claims: Sequence[Claim], text: str, *, selection: Span | None, caret: int) -> Claim | None:
    """The smallest claim holding the selection (snapped to words) or the caret.

    A claim of the selection's words holds it too, whatever punctuation either has at its
    ends: a claim selected again with the comma or full stop after it (J's sentence, a drag a
    little too far) was held by none, so a label key added a second claim on the same words
    beside it, and Delete said there was no claim. The keys act on the person's own claims
    only: pass `own_claims`, or see `claim_to_edit`.
    """
    if selection is not None:
        start, end = snap_to_words(text, *selection)
        words = _words_of(text, start, end)
        inside = [
            c
            for c in claims
            if (c.start <= start and end <= c.end)
            or (c.start < end and start < c.end and _words_of(text, c.start, c.end) == words)
        ]
    else:
        inside = [c for c in claims if c.start <= caret < c.end]
    # Of two the same size, the one that starts later, or of two on one span the later given:
    # the claim the reading view shows on top there (`ui.article_view.drawn_claims`).
    ranked = [(c.end - c.start, -c.start, -k, c) for k, c in enumerate(inside)]
    return min(ranked, key=lambda r: r[:3])[3] if ranked else None


def own_claims(claims: Sequence[Claim], annotator: str) -> list[Claim]:
    """The claims a person may relabel, delete or annotate: their own.

    Another person's claim (in a shared project or a merged team file) or a reviewer's
    decision (`gold`) keeps its author's name, so a key that changed it put words in
    their mouth: agreement, the review and exports then said they had labelled it so.
    """
    return [c for c in claims if c.annotator == annotator]


SELECT_TO_LABEL = "select its words and press 1, 2 or 3 to add your own label"


def not_yours(claim: Claim, instead: str) -> str:
    """Why a key leaves someone else's claim alone, and what the person can do `instead`."""
    if is_reserved_annotator(claim.annotator):
        return f"This is the reviewers' decision (Team ▸ Review Disagreements changes it): {instead}"
    return f"This claim is {claim.annotator}'s: {instead}"


def claim_to_edit(
    claims: Sequence[Claim],
    text: str,
    *,
    selection: Span | None,
    caret: int,
    annotator: str,
    picked: Claim | None = None,
    instead: str = "",
) -> tuple[Claim | None, str]:
    """The claim N or Delete acts on (`picked` in the list, else the person's own claim at the
    selection or caret), or None with why not when only someone else's claim is there."""
    if picked is not None:
        return (picked, "") if picked.annotator == annotator else (None, not_yours(picked, instead))
    mine = claim_at(own_claims(claims, annotator), text, selection=selection, caret=caret)
    if mine is not None:
        return mine, ""
    theirs = claim_at(claims, text, selection=selection, caret=caret)
    return None, not_yours(theirs, instead) if theirs is not None else ""


def claim_in_view(
    claims: Sequence[Claim], text: str, *, selection: Span | None, caret: int, annotator: str = ""
) -> Claim | None:
    """The claim the claim list shows as current: the one a key would act on (the person's
    own first), else the first one the selection overlaps (J on a sentence holding a
    shorter claim), else none."""
    held = claim_at(own_claims(claims, annotator), text, selection=selection, caret=caret) or claim_at(
        claims, text, selection=selection, caret=caret
    )
    if held is not None or selection is None:
        return held
    start, end = selection
    overlapping = sorted(
        (c for c in claims if c.start < end and start < c.end), key=lambda c: (c.start, c.end)
    )
    return overlapping[0] if overlapping else None


NO_WORDS_SELECTED = "Select some words first, or press J for the next candidate"


def label_span(
    shown: AnnotatedArticle,
    label: ClaimLabel,
    *,
    selection: Span | None,
    caret: int,
    annotator: str,
    picked: Claim | None = None,
    suggestion_shown: tuple[Span, LabelCheck] | None = None,
) -> Outcome:
    """A label key: relabel the claim under the caret (or `picked` in a list), else add the selection.

    A selection of the same words as a claim of the person's relabels that claim; any other
    selection becomes a new claim, snapped to whole words, also on someone else's claim
    (`own_claims`: theirs is never changed) and inside one of the person's own: a phrase
    selected in a sentence labelled factual is a claim of its own ("any span"), where it used to
    relabel the whole sentence. A selection without a letter or digit (a full stop, spaces) is
    no claim, and says so. The new claim comes back selected, so
    it is the current claim for the next key (2 relabels it, Delete deletes it, K goes
    to the candidate before it) until the person moves elsewhere.

    `suggestion_shown` is the label suggestion the window showed there (its span, label and
    confidence): a new claim on exactly that span records it (`AddClaim.shown`). Only the
    caller knows what was shown (the person's threshold, a model that failed its checks);
    without it nothing is recorded.
    """
    text = shown.article.text
    if picked is not None and picked.annotator != annotator:
        return Outcome(message=not_yours(picked, SELECT_TO_LABEL))
    target = picked or claim_at(own_claims(shown.claims, annotator), text, selection=selection, caret=caret)
    if target is not None and (
        selection is None or picked is not None or _same_words(text, selection, target)
    ):
        if target.id is None:
            return Outcome()
        if target.label == label:
            # Said: nothing changing and nothing said looked like a key that did not work.
            return Outcome(message=f"This claim is {label.value} already")
        return Outcome(UpdateClaim(target.id, label=label, seen=target))
    if selection is None:
        theirs = claim_at(shown.claims, text, selection=None, caret=caret)
        if theirs is not None:
            return Outcome(message=not_yours(theirs, SELECT_TO_LABEL))
        return Outcome(message="Select some text first, or press J for the next candidate")
    start, end = snap_to_words(text, *selection)
    if not any(char.isalnum() for char in text[start:end]):
        # A drag that slipped over a full stop alone saved a claim on "."; spaces alone (a
        # paragraph's gap) were left without a word, as if the key were broken.
        return Outcome(message=NO_WORDS_SELECTED)
    if not annotator:
        raise UserError("Set your annotator name first (File ▸ Change Annotator Name)")
    if is_reserved_annotator(annotator):
        raise UserError(f"{RESERVED_ANNOTATOR} (File ▸ Change Annotator Name)")
    seen = (
        suggestion_shown[1] if suggestion_shown is not None and suggestion_shown[0] == (start, end) else None
    )
    add = AddClaim(
        Claim(article_id=shown.article.id, start=start, end=end, label=label, annotator=annotator), shown=seen
    )
    return Outcome(adding_claim(shown.article, add), select=(start, end))


def _same_words(text: str, selection: Span, claim: Claim) -> bool:
    """Whether the selection, snapped to words, holds the claim's words and no others: J's
    sentence, the claim the last key left selected, or the claim's text less its full stop."""
    start, end = snap_to_words(text, *selection)
    return _words_of(text, start, end) == _words_of(text, claim.start, claim.end)


def _words_of(text: str, start: int, end: int) -> Span:
    """The span less the spaces and punctuation at its ends (the span itself if it has no word)."""
    inner_start, inner_end = start, end
    while inner_start < inner_end and not text[inner_start].isalnum():
        inner_start += 1
    while inner_end > inner_start and not text[inner_end - 1].isalnum():
        inner_end -= 1
    return (inner_start, inner_end) if inner_start < inner_end else (start, end)


BELOW_THRESHOLD = (
    "The model is less sure than your threshold here, so its suggestion is hidden; press 1, 2 or 3"
    " (Suggestions ▸ Suggestions Panel sets the threshold)"
)


NO_SUGGESTION = "No suggestion for this candidate; press 1, 2 or 3"


def below_threshold(confidence: float, threshold: int) -> bool:
    """Whether a suggestion this sure is hidden from a person whose threshold is `threshold` percent.

    By the whole percentage the window shows (`round`, as "{:.0%}" rounds): compared unrounded,
    "Hide suggestions below 60%" hid "Factual? 60%" (59.6% sure), and Enter refused it.
    """
    return round(confidence * 100) < threshold


def accept_suggestion(
    shown: AnnotatedArticle, item: QueueItem, *, annotator: str, threshold: int | None = None
) -> Outcome:
    """Enter on a candidate: its suggested label becomes a person's claim, unless a person was first.

    A person's label always wins: a candidate that overlaps any claim is left alone.
    `threshold` is the person's in the window (percent): a suggestion less sure than it is
    hidden, so there is nothing to accept, and one at or above it was shown, so it is
    recorded beside the claim. A script gives none: it accepts what it was handed, which
    nobody saw, so nothing is recorded.
    """
    if any(c.start < item.end and item.start < c.end for c in shown.claims):
        return Outcome(message="Already labelled by a person; a suggestion never replaces it")
    suggestion = item.suggestion
    if suggestion is None:
        return Outcome(message=NO_SUGGESTION)
    if threshold is not None and below_threshold(suggestion.confidence, threshold):
        return Outcome(message=BELOW_THRESHOLD)
    seen = (
        ((item.start, item.end), LabelCheck(suggestion.label, suggestion.confidence))
        if threshold is not None
        else None
    )
    return label_span(
        shown,
        suggestion.label,
        selection=(item.start, item.end),
        caret=item.start,
        annotator=annotator,
        suggestion_shown=seen,
    )


# -- moving --------------------------------------------------------------------------------------


def step(spans: Sequence[Span], *, selection: Span | None, caret: int, direction: int) -> int | None:
    """Index of the next (direction > 0) or previous span from the selection or caret; None if none.

    Stops at the last (first) span rather than wrapping, so holding J never jumps back.
    """
    if not spans:
        return None
    here = selection[0] if selection is not None else caret
    if direction > 0:
        threshold = here - (0 if selection is not None else 1)
        later = [i for i, (start, _end) in enumerate(spans) if start > threshold]
        return later[0] if later else len(spans) - 1
    earlier = [i for i, (start, _end) in enumerate(spans) if start < here]
    return earlier[-1] if earlier else 0


def none_that_way(span: Span, *, selection: Span | None, caret: int, direction: int) -> bool:
    """Whether `span`, the one `step` landed on, lies the other way from the key (or is the one
    the selection is inside), so no span is left that way: `step` falls back to the last (first)
    one. J from the end of an article went back up to its last candidate, and K from its top
    down to the first, said as if the key had gone on. Held at that span itself (the selection
    is it), the key stays there, as ever."""
    if selection == span:
        return False
    here = selection[0] if selection is not None else caret
    if direction > 0:
        return span[0] < here or (selection is not None and span[0] == here)
    return span[0] >= here


def hedge_words(sentence: str) -> tuple[str, ...]:
    """The words of `sentence` the candidate rules count as hedges, lower-cased, each once, in
    text order: the same list (`nlp.lang.en.candidates.HEDGES`) and the same whole, case-blind
    words as the rules' tokens, so the window names the words that lowered the score."""
    from annotator.nlp.lang.en.candidates import HEDGES

    found = (word.lower() for word in _WORDS.findall(sentence))
    return tuple(dict.fromkeys(word for word in found if word in HEDGES))


_WORDS = re.compile(r"[^\W\d_]+")
"""Runs of letters: a hedge is one word, and "may's" or "may-be" still hold "may" as a token."""


def step_candidate(shown: AnnotatedArticle, *, selection: Span | None, caret: int, direction: int) -> Outcome:
    """J / K in claim mode: select the next or previous claim candidate (a whole sentence)."""
    candidates = sorted(shown.candidates, key=lambda c: (c.start, c.end))
    index = step(
        [(c.start, c.end) for c in candidates], selection=selection, caret=caret, direction=direction
    )
    if index is None:
        if shown.pipeline is not None:
            # Pre-annotated, and no sentence found likely to hold a claim (a short article, a
            # list of names): "pre-annotate it first" sent the person to do again what was done.
            return Outcome(
                message="Pre-annotation found no likely claim in this article; select words and press 1-3"
            )
        return Outcome(message="No claim candidates in this article (pre-annotate it first)")
    candidate = candidates[index]
    if none_that_way((candidate.start, candidate.end), selection=selection, caret=caret, direction=direction):
        return Outcome(
            message="No claim candidate after here (K goes to the previous one)"
            if direction > 0
            else "No claim candidate before here (J goes to the next one)"
        )
    return Outcome(
        select=(candidate.start, candidate.end),
        candidate=CandidateStep(
            candidate,
            index + 1,
            len(candidates),
            hedges=hedge_words(shown.article.text[candidate.start : candidate.end])
            if "hedge" in candidate.reasons
            else (),
        ),
    )


def step_entity(
    entities: Sequence[Entity], text: str, *, selection: Span | None, caret: int, direction: int
) -> Outcome:
    """J / K in entity mode: select the next or previous (shown) entity, and say which it is.

    What is selected is the name as read (`core.name_extent`), not a stored span that
    ran on over a line break, so the selection and the line under the text show the name.
    A name with several entities (the type pre-annotation gave it, rejected, and the one a
    person typed) is one stop, named as A and R act on it (`entity_at`).
    """
    stops: dict[Span, Entity] = {}
    for e in entities:
        extent = name_extent(text, e.start, e.end)
        if extent[0] < extent[1] and (extent not in stops or _drawn_rank(e) < _drawn_rank(stops[extent])):
            stops[extent] = e
    ordered = sorted(stops.items(), key=lambda pair: pair[0])
    index = step([extent for extent, _e in ordered], selection=selection, caret=caret, direction=direction)
    if index is None:
        return Outcome(message="No entities in this article")
    (start, end), entity = ordered[index]
    if none_that_way((start, end), selection=selection, caret=caret, direction=direction):
        return Outcome(
            message="No entity after here (K goes to the previous one)"
            if direction > 0
            else "No entity before here (J goes to the next one)"
        )
    return Outcome(
        select=(start, end),
        message=f"Entity {index + 1} of {len(ordered)}: {entity.label}, {entity.status.value}",
    )


def mark_done(article_id: int) -> Command:
    """D: the article is done (the window then opens `next_undone`)."""
    return SetArticleStatus(article_id, ArticleStatus.DONE)


# -- entities ------------------------------------------------------------------------------------


def entity_at(entities: Sequence[Entity], text: str, *, selection: Span | None, caret: int) -> Entity | None:
    """The entity exactly selected (as its name reads, or as stored), or the one holding the caret.

    Of several there, the one drawn (`_drawn_rank`): after R on the type pre-annotation gave
    a name and the name typed with another, the first row was the rejected one, so R on the
    name did nothing and A accepted the type the person had rejected. Of two as standing, the
    innermost, as it is drawn ("New York" in "The New York Times").
    """
    if selection is not None:
        found = [e for e in entities if selection in ((e.start, e.end), name_extent(text, e.start, e.end))]
    else:
        found = [e for e in entities if e.start <= caret < e.end]
    return min(found, key=lambda e: (_drawn_rank(e), e.end - e.start), default=None)


def _drawn_rank(entity: Entity) -> int:
    """Which of the entities on one name a key means: a person's standing decision, then a
    suggestion, and a rejected one (drawn struck through, in entity mode only) last."""
    if entity.status == EntityStatus.REJECTED:
        return 2
    return 1 if entity.status == EntityStatus.SUGGESTED else 0


def _seen(article_id: int | None, entity: Entity) -> tuple[int, Entity] | None:
    return (article_id, entity) if article_id is not None else None


def accept_entity(
    entity: Entity, *, article_id: int | None = None, article: AnnotatedArticle | None = None
) -> Outcome:
    """A on an entity: accept it (nothing to do if it already is). Given the article shown,
    the edit is refused if the entity's id names another entity by then (`SetEntityStatus`),
    and the suggestions of another type on the entity's span are rejected in the same step,
    as a name typed there rejects them (`_type_changed`).

    A name a person added stands as it is: made "accepted", it read as one pre-annotation
    found, in the export's `status` and for the team's decisions, which then stopped
    suggesting it in the other articles.

    "Tom Baker" suggested both as GPE and as PERSON (two analyses, a merged file), A on the
    PERSON deleted the GPE: no decision was left, so every other article kept suggesting
    "Tom Baker" as a place, where typing PERSON on the name rejected the GPE and carried that.
    """
    if entity.id is None or entity.status in (EntityStatus.ACCEPTED, EntityStatus.ADDED):
        return Outcome()
    if article is not None and article_id is None:
        article_id = article.article.id
    accept = SetEntityStatus(entity.id, EntityStatus.ACCEPTED, seen=_seen(article_id, entity))
    if article is None:
        return Outcome(accept)
    span = (entity.start, entity.end)
    rejected = _type_changed(article.entities, span, entity.label)
    replaced = _decided_as_other(article.entities, span, entity.label)
    if not rejected and not replaced:
        return Outcome(accept)
    said = f"Accepted {_entity_name(article.article.text, entity)} ({entity.label})" + _displaced_said(
        rejected, replaced
    )
    commands = [*_rejections(article_id, replaced), *_rejections(article_id, rejected), accept]
    return Outcome(Batch(commands, text=said), message=said)


def reject_entity(entity: Entity, *, article_id: int | None = None) -> Outcome:
    """R on an entity: reject it, so it is no longer drawn (entity mode still shows it)."""
    if entity.id is None or entity.status == EntityStatus.REJECTED:
        return Outcome()
    return Outcome(SetEntityStatus(entity.id, EntityStatus.REJECTED, seen=_seen(article_id, entity)))


CARRIED_NOTE = "carried to other articles (Team ▸ Entity Decisions…)"
"""Said after a rejection or an addition: one key now reaches every article (Pre-annotate All,
merges, each opening), and a person should learn that when they press it, not later."""


def entity_decided(
    text: str, entity: Entity, status: EntityStatus, said: str = "", *, edit: Command | None = None
) -> str:
    """What the status bar says after A, R or an addition (`said`: the edit's own words, as
    Shift+R's "Rejected 3 mentions of AI (GPE)"), with what carries: a rejection or an
    addition reaches the other articles; accepting a suggestion changes nothing there, unless
    the acceptance (the `edit` run) rejected another type suggested on the same span."""
    if not said:
        verb = {EntityStatus.ACCEPTED: "Accepted", EntityStatus.REJECTED: "Rejected"}.get(status, "Added")
        said = f"{verb} {entity_name(text, entity.start, entity.end)} ({entity.label})"
    if status == EntityStatus.ACCEPTED and not _rejects(edit):
        return said
    return f"{said} — {CARRIED_NOTE}"


def _rejects(edit: Command | None) -> bool:
    """Whether `edit` rejects an entity (a step of it, for a `Batch`)."""
    if isinstance(edit, Batch):
        return any(_rejects(command) for command in edit.commands)
    return isinstance(edit, SetEntityStatus) and edit.status == EntityStatus.REJECTED


def decide_every_mention(
    entities: Sequence[Entity],
    text: str,
    entity: Entity,
    status: EntityStatus,
    *,
    article_id: int | None = None,
) -> Outcome:
    """Shift+A / Shift+R: the same decision for every mention of this name with this type in
    the article ("AI" typed GPE eight times is one key, not eight), as one edit and one undo.

    Mentions are the same name as read (`core.name_extent`, spaces folded), so "the
    Graphcore" and "Graphcore's" are not confused with other names; rejected mentions stay
    rejected when accepting, since a person decided those one by one, and added ones stay
    added (`accept_entity`).
    """
    name = _entity_name(text, entity)
    same = [
        e
        for e in entities
        if e.label == entity.label
        and e.id is not None
        and e.status != status
        and not (status == EntityStatus.ACCEPTED and e.status == EntityStatus.REJECTED and e.id != entity.id)
        and not (status == EntityStatus.ACCEPTED and e.status == EntityStatus.ADDED)
        and _entity_name(text, e) == name
    ]
    verb = "Accepted" if status == EntityStatus.ACCEPTED else "Rejected"
    left = _rejected_left(text, entity, name, entities) if status == EntityStatus.ACCEPTED else ""
    if not same:
        if left:
            return Outcome(message=f"Every mention of {name} ({entity.label}) is accepted already{left}")
        return Outcome(message=f"Every mention of {name} ({entity.label}) is {status.value} already")
    # An acceptance rejects the other types suggested on each mention's span, and replaces
    # another type the person gave it there, as A does.
    rejected: list[Entity] = []
    replaced: list[Entity] = []
    if status == EntityStatus.ACCEPTED:
        for e in same:
            rejected += _type_changed(entities, (e.start, e.end), e.label)
            replaced += _decided_as_other(entities, (e.start, e.end), e.label)
    commands: list[Command] = [
        *_rejections(article_id, replaced),
        *_rejections(article_id, rejected),
        *(SetEntityStatus(e.id, status, seen=_seen(article_id, e)) for e in same if e.id is not None),
    ]
    text_of_edit = f"{verb} {counted(len(same), 'mention')} of {name} ({entity.label})"
    text_of_edit += _displaced_said(rejected, replaced)
    return Outcome(Batch(commands, text=text_of_edit), message=text_of_edit + left)


def _rejected_left(text: str, entity: Entity, name: str, entities: Sequence[Entity]) -> str:
    """What Shift+A says of the mentions it leaves rejected: "Accepted 1 mention of Congress
    (ORG)" alone, with two more still struck through, read as a key that missed them."""
    left = sum(
        1
        for e in entities
        if e.label == entity.label
        and e.status == EntityStatus.REJECTED
        and e.id != entity.id
        and _entity_name(text, e) == name
    )
    if not left:
        return ""
    if left == 1:
        return "; 1 rejected mention stays rejected (A on it accepts it)"
    return f"; {left} rejected mentions stay rejected (A on one accepts it)"


def where_decided(decided: DecidedName, *, changeable: bool = True) -> str:
    """What the status bar says at the mention Team ▸ Entity Decisions… goes to: the decision,
    and, if it can be `changeable` (the project can be saved to), the key that stops it being carried."""
    what = f"{decided.name} ({decided.label})"
    if decided.carried == NOT_SUGGESTED:
        said = f"Rejected here: {what}, so it is not suggested elsewhere"
        return f"{said}; to stop that, accept it here (A)" if changeable else said
    if decided.carried == SUGGESTED_EVERYWHERE:
        said = f"Added here: {what}, so it is suggested wherever it stands"
        return f"{said}; to stop that, reject it here (R)" if changeable else said
    if decided.carried == TWO_TYPES:
        return f"Added here: {what}; added elsewhere with another type, so neither is carried"
    return f"Rejected here: {what}; kept elsewhere, so it is not carried"


def name_selected(text: str, span: Span) -> Span:
    """The name a selection to add as an entity means: its whole words, less the punctuation
    at their edges (`trim_to_name`), and less a Korean particle the selection stopped before.

    Korean writes a particle onto the name it follows ("트럼프는"), and a name selected there
    to the letter was widened to the word, particle and all: Shift+A added "트럼프는", looked
    for no other mention of 트럼프 and carried "트럼프는" to the other articles. A selection
    that stops inside a word anywhere else still means the whole word.
    """
    start, end = strip_span(text, *span)
    snapped_start, snapped_end = snap_to_words(text, start, end)
    if start < end < snapped_end and ends_before_a_particle(text, end):
        snapped_end = end
    return trim_to_name(text, snapped_start, snapped_end)


def add_entity(article: AnnotatedArticle, span: Span, label: str) -> Outcome:
    """A on selected text that is no entity as selected, its type asked: the name added, or,
    where an entity of that span has the type given, that entity accepted.

    A selection made word by word ("Tom Baker " of Shift+Ctrl+Right) is no entity's exact
    span, so A asks a type even on a name pre-annotation found; given the type it was found
    with, a second entity went in beside the suggestion, counted twice by J and written twice
    by every export, once suggested and once added.

    Given another type, the suggestions of the span are rejected in the same step
    (`_type_changed`).
    """
    text = article.article.text
    start, end = name_selected(text, span)
    if start >= end:
        return Outcome(message="Select a name to add it")
    return _typed_on(article, (start, end), label)


def retype_entity(article: AnnotatedArticle, entity: Entity, label: str) -> Outcome:
    """T on an entity, its new type asked: the name on exactly the entity's span given `label`,
    as a type typed over a selection is (`add_entity`): the entity of that type there accepted
    (the type the person rejected there, taken back), or the name added with it; the other
    types standing on the span rejected in the same step.

    "Tom Baker" accepted as PERSON over a GPE the person had rejected: A and R mean the
    PERSON, the name drawn, and the GPE could be had back only by selecting the name with a
    character more and typing GPE."""
    return _typed_on(article, (entity.start, entity.end), label)


def _typed_on(article: AnnotatedArticle, span: Span, label: str) -> Outcome:
    """The name on `span` (already a name's extent) given the type `label`."""
    text = article.article.text
    start, end = span
    article_id = article.article.id
    what = f"{entity_name(text, start, end)} ({label})"
    same = _same_type_at(article.entities, (start, end), label)
    if same is None:
        added = AddEntity(article_id, Entity(start, end, label, EntityStatus.ADDED))
        rejected = _type_changed(article.entities, (start, end), label)
        replaced = _decided_as_other(article.entities, (start, end), label)
        if not rejected and not replaced:
            return Outcome(added, message=f"Added {what}")
        said = f"Added {what}" + _displaced_said(rejected, replaced)
        commands = [*_rejections(article_id, replaced), *_rejections(article_id, rejected), added]
        return Outcome(Batch(commands, text=said), message=said)
    if same.status in (EntityStatus.ACCEPTED, EntityStatus.ADDED):
        return Outcome(message=f"{what} is {same.status.value} already")
    accepted = accept_entity(same, article=article)
    return accepted if accepted.message else replace(accepted, message=f"Accepted {what}")


def other_types(entities: Sequence[Entity], entity: Entity) -> list[str]:
    """The other types on exactly `entity`'s span, which T offers: those the person rejected
    there first, then those still suggested or standing, each once."""
    others = [
        e
        for e in entities
        if (e.start, e.end) == (entity.start, entity.end)
        and e.label != entity.label
        and e.model != ENTITY_OUTDATED
    ]
    others.sort(key=lambda e: e.status != EntityStatus.REJECTED)
    return list(dict.fromkeys(e.label for e in others))


def decided_already(entities: Sequence[Entity], text: str, entity: Entity) -> str:
    """What A says on a name the person accepted or added already, where it did nothing and
    said nothing: with another type rejected on the same span, the key that takes it back."""
    said = f"{entity_name(text, entity.start, entity.end)} ({entity.label}) is {entity.status.value} already"
    rejected = {
        e.label
        for e in entities
        if (e.start, e.end) == (entity.start, entity.end) and e.status == EntityStatus.REJECTED
    }
    others = [label for label in other_types(entities, entity) if label in rejected]
    if not others:
        return said
    return f"{said}; to make it {' or '.join(others)} again, press T (Change Entity Type)"


def _type_changed(entities: Sequence[Entity], span: Span, label: str) -> list[Entity]:
    """The suggestions of other types on `span`, which a name typed there with `label` rejects,
    as does accepting the suggestion of `label` there (`accept_entity`).

    A type typed on a name pre-annotation read as another ("Paris" PERSON, typed GPE) says the
    name is not of that type: deleted rather than rejected, the suggestion left no decision,
    so the project's other articles kept suggesting "Paris" as a person, which kept the added
    place off the name there too. Rows kept only for a redo (`ENTITY_OUTDATED`) are no
    pre-annotation any more; the store keeps them as they are."""
    return [
        e
        for e in entities
        if (e.start, e.end) == span
        and e.label != label
        and e.status == EntityStatus.SUGGESTED
        and e.model != ENTITY_OUTDATED
        and e.id is not None
    ]


def _decided_as_other(entities: Sequence[Entity], span: Span, label: str) -> list[Entity]:
    """The person's own names of other types on exactly `span` (accepted or added), which a
    name typed or accepted there with `label` replaces: they are rejected in the same step.

    "Tom Baker" accepted as GPE, then typed PERSON: both stood, and every export wrote the
    name as a place and as a person at once; only the other types' suggestions were rejected.
    A name of another extent ("Baker" in "Tom Baker") is another name, and stays."""
    return [
        e
        for e in entities
        if (e.start, e.end) == span
        and e.label != label
        and e.status in (EntityStatus.ACCEPTED, EntityStatus.ADDED)
        and e.id is not None
    ]


def _displaced_said(rejected: Sequence[Entity], replaced: Sequence[Entity]) -> str:
    """What the status line adds of the other types a decision took off its span: the person's
    own names it replaced ("in place of your GPE (now rejected)"), then the suggestions it
    rejected (", rejected as ORG"), each type named once.

    Shift+A over mentions where one held the person's GPE and another a GPE suggestion said
    "in place of your GPE (now rejected), rejected as GPE": a type both replaced and rejected
    is said once, as "GPE, yours and suggested"."""
    mine = {e.label for e in replaced}
    suggested = {e.label for e in rejected}
    both = mine & suggested
    places = [f"your {', '.join(sorted(mine - both))}"] if mine - both else []
    places += [f"{', '.join(sorted(both))}, yours and suggested"] if both else []
    said = f" in place of {' and of '.join(places)} (now rejected)" if places else ""
    others = sorted(suggested - both)
    return said + (f", rejected as {', '.join(others)}" if others else "")


def _rejections(article_id: int | None, entities: Sequence[Entity]) -> list[Command]:
    return [
        SetEntityStatus(e.id, EntityStatus.REJECTED, seen=_seen(article_id, e))
        for e in entities
        if e.id is not None
    ]


def _same_type_at(entities: Sequence[Entity], span: Span, label: str) -> Entity | None:
    """The entity of `span` with the type `label`: a person's acceptance or addition before
    their rejection, and that before a suggestion."""
    same = [e for e in entities if (e.start, e.end) == span and e.label == label]
    return min(
        same,
        key=lambda e: (e.status == EntityStatus.SUGGESTED, e.status == EntityStatus.REJECTED),
        default=None,
    )


def add_every_occurrence(article: AnnotatedArticle, span: Span, label: str) -> Outcome:
    """Shift+A on selected text that is no entity: the name, and every other whole-word
    occurrence of it that no entity covers yet, added with one type (the op-ed's "Anthropic",
    missed at all three mentions, is one key). Occurrences inside an entity a person has not
    rejected are left alone: A and R decide those; so is one a person rejected with this very
    type, as Shift+A on an entity leaves it (`decide_every_mention`). The selected name, found
    already with this type, is accepted (`add_entity`), not added a second time.

    A whole word as the search reads one (`core.search.word_spans`): a Chinese or Japanese
    name always stands between other letters ("国家主席习近平5日"), and looked for with no
    letter beside it, Shift+A added the mention selected and none of the others."""
    text = article.article.text
    start, end = name_selected(text, span)
    name = text[start:end]
    if not name.strip():
        return Outcome(message="Select a name to add it")
    standing = [e for e in article.entities if e.status != EntityStatus.REJECTED]
    spans = {
        (s, e)
        for s, e in word_spans(text, name)
        if not any(entity.start < e and s < entity.end for entity in standing)
        and _same_type_at(article.entities, (s, e), label) is None
    }
    selected = add_entity(article, (start, end), label)
    adds = _same_type_at(article.entities, (start, end), label) is None
    if adds:
        spans.add((start, end))
    else:
        spans.discard((start, end))
    article_id = article.article.id
    # The selected name typed over another type rejects it there, suggested or the person's
    # own, as A does (`add_entity`).
    rejected = _type_changed(article.entities, (start, end), label) if adds else []
    replaced = _decided_as_other(article.entities, (start, end), label) if adds else []
    commands: list[Command] = [
        *_rejections(article_id, replaced),
        *_rejections(article_id, rejected),
        *(AddEntity(article_id, Entity(s, e, label, EntityStatus.ADDED)) for s, e in sorted(spans)),
    ]
    shown = " ".join(name.split())
    if adds:
        said = f"Added {counted(len(spans), 'mention')} of {shown} ({label})" + _displaced_said(
            rejected, replaced
        )
    elif not commands:
        return selected
    elif selected.command is None:  # the selected name has this type already
        said = f"Added {counted(len(commands), 'other mention')} of {shown} ({label})"
    else:
        commands.insert(0, selected.command)
        # The acceptance rejects other types on the name selected (`accept_entity`).
        displaced = _displaced_said(
            _type_changed(article.entities, (start, end), label),
            _decided_as_other(article.entities, (start, end), label),
        )
        also = f"{displaced}," if displaced else ""
        said = f"Accepted {shown} ({label}){also} and added {counted(len(commands) - 1, 'other mention')}"
    return Outcome(Batch(commands, text=said), message=said)


def _entity_name(text: str, entity: Entity) -> str:
    return entity_name(text, entity.start, entity.end)


# -- quotations ----------------------------------------------------------------------------------

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
"""Entity types offered as speakers: people and organisations speak; "the Syrian government"
and "the French" are GPE and NORP in the model's scheme, and speak too."""


def quote_at(quotes: Sequence[Quote], *, selection: Span | None, caret: int) -> Quote | None:
    """The quotation a key acts on: the innermost one holding the selection's start or the caret."""
    position = selection[0] if selection is not None else caret
    inside = [q for q in quotes if q.start <= position < q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def speaker_choices(article: AnnotatedArticle) -> list[str]:
    """Names to offer for a quotation's speaker: the article's speakers, then its people and
    organisations as the text writes them (longest first within a referent, rejected ones left
    out), each once, in order of first appearance."""
    text = article.article.text
    found: dict[str, int] = {}
    for quote in article.quotes:
        if quote.speaker is not None and quote.speaker.name.strip():
            found.setdefault(quote.speaker.name, quote.speaker.start)
    for entity in article.entities:
        if entity.label in SPEAKER_LABELS and entity.status != EntityStatus.REJECTED:
            name = _entity_name(text, entity)
            if name:
                found.setdefault(name, entity.start)
    return sorted(found, key=lambda name: (found[name], -len(name)))


def correct_quote(article: AnnotatedArticle, quote: Quote, kind: QuoteKind, speaker_name: str) -> Outcome:
    """A person's kind and speaker for a quotation, the speaker given by name.

    Nobody said a scare quote, so it has no speaker. The mention is where the text names the
    speaker: the current mention when the name is the current speaker's (it may be "he"),
    else an occurrence of the name or of its last word ("Shaw" for "Eleanor Shaw") outside
    the quotation (`_nearest_mention`). A name the text does not hold is refused: a speaker
    is always someone the article names.
    """
    if quote.id is None:
        return Outcome(message="This quotation is not saved yet; pre-annotate the article first")
    speaker = _speaker_named(article.article.text, quote, kind, speaker_name, _quoted(article, quote))
    unchanged = kind is quote.kind and speaker == quote.speaker
    if unchanged and quote.by_person:
        return Outcome(message="Nothing changed")
    what = f"speaker {speaker.name}" if speaker is not None else "no speaker"
    # A suggestion confirmed as it stands is a person's from then on, and counts as one
    # pre-annotation had right (`services.statistics.preannotation_checks`).
    said = "Quotation confirmed" if unchanged else "Quotation"
    seen = (article.article.id, quote.start, quote.end)
    return Outcome(
        CorrectQuote(quote.id, kind, speaker, seen=seen, shown=quote), message=f"{said}: {kind.value}, {what}"
    )


def _quoted(article: AnnotatedArticle, quote: Quote) -> list[Span]:
    """The spans of the article's quotations other than `quote`."""
    return [(q.start, q.end) for q in article.quotes if q is not quote and q.id != quote.id]


def _speaker_named(
    text: str, quote: Quote, kind: QuoteKind, speaker_name: str, quoted: Sequence[Span] = ()
) -> Speaker | None:
    """The speaker a person names for a quotation of `kind`: none for a scare quote or no name,
    the current one if the name is its name, else the name at `_nearest_mention` (`quoted`:
    the other quotations' spans)."""
    name = " ".join(speaker_name.split())
    if kind is QuoteKind.SCARE or not name:
        return None
    if quote.speaker is not None and quote.speaker.name == name:
        return quote.speaker
    mention = _nearest_mention(text, quote, name, quoted)
    if mention is None:
        raise UserError(
            f"“{name}” is not in this article outside the quotation; "
            "give the speaker's name as the article writes it"
        )
    return Speaker(mention[0], mention[1], name)


_OPENING_MARKS = "\"“‘«„‚'‹»›「『"
_CLOSING_MARKS = "\"”’»“'‘›«‹」』"
"""The marks a quotation opens and closes with, in every language's way: German closes „ with “
and ‚ with ‘, and writes guillemets the other way round (»so«), Japanese and Chinese write 「」
and 『』. W refused a quotation in those as words "without quote marks", marks and all."""


_STOPS_BEFORE_A_CLOSING_MARK = ".,!?;:…"
"""What may stand between a quotation's last word and its closing mark (`“Why?”`, `“… again.”`)."""


def quotation_span(text: str, selection: Span) -> Span:
    """The quotation a selection stands for: without the spaces at its ends, with the quote
    marks just around it, and the stop between the last word and the closing mark.

    Words selected as a person selects them end before the stop: `“Why` was saved of `“Why?”`,
    and bounds offered ticked for a quotation the finder cut short lost their `.”`, a mark at
    one end only, unlike every quotation the finder gives.
    """
    start, end = strip_span(text, *selection)
    if start == end:
        return start, end
    if start > 0 and text[start] not in _OPENING_MARKS and text[start - 1] in _OPENING_MARKS:
        start -= 1
    if text[end - 1] not in _CLOSING_MARKS:
        stops = end
        while stops < min(len(text), end + 3) and text[stops] in _STOPS_BEFORE_A_CLOSING_MARK:
            stops += 1
        if stops < len(text) and text[stops] in _CLOSING_MARKS:
            end = stops + 1
    return start, end


def _has_quote_marks(text: str, span: Span) -> bool:
    """Whether a quotation span has a quote mark at either end (`quotation_span` takes in those
    just around a selection). One end is enough: a quotation running over paragraphs opens each
    with a mark and closes only the last."""
    start, end = span
    return start < end and (text[start] in _OPENING_MARKS or text[end - 1] in _CLOSING_MARKS)


def add_quote(article: AnnotatedArticle, span: Span, kind: QuoteKind, speaker_name: str) -> Outcome:
    """W on selected text outside any quotation: a quotation the finder missed, with its kind
    and speaker as `correct_quote` gives them. The span takes in the quote marks just around the
    selection (a quotation's span includes its marks, as the finder's do); one that overlaps a
    quotation is refused, since that one is corrected instead, and so is a direct or partial
    quotation without quote marks."""
    text = article.article.text
    start, end = quotation_span(text, span)
    if start == end:
        return Outcome(message="Select the quoted words to add a quotation")
    if any(q.start < end and start < q.end for q in article.quotes):
        raise UserError("the selection overlaps a quotation; put the cursor in it and press W to correct it")
    if kind is not QuoteKind.SCARE and not _has_quote_marks(text, (start, end)):
        # Words without marks said by somebody are almost always a slip of the selection (W on
        # "roughly five miles" added a direct quotation). A title or term may go unmarked.
        raise UserError(
            "These words have no quote marks: select the quoted words with their marks "
            "(a title or term without marks is a scare quote)"
        )
    speaker = _speaker_named(
        text, Quote(start, end, kind), kind, speaker_name, [(q.start, q.end) for q in article.quotes]
    )
    what = f"speaker {speaker.name}" if speaker is not None else "no speaker"
    added = AddQuote(article.article.id, Quote(start, end, kind, speaker))
    return Outcome(added, select=(start, end), message=f"Quotation added: {kind.value}, {what}")


def quote_for_selection(quotes: Sequence[Quote], selection: Span) -> Quote | None:
    """The one quotation a selection overlaps, for a selection that starts outside every
    quotation: the finder began it too late, and the person selects from where it starts."""
    start, end = selection
    overlapping = [q for q in quotes if q.start < end and start < q.end]
    return overlapping[0] if len(overlapping) == 1 else None


def bounds_offered(article: AnnotatedArticle, quote: Quote, selection: Span | None) -> Span | None:
    """The bounds W offers a quotation from the selection (`quotation_span`: its quote marks
    taken in): None when there is no selection, when it gives the same bounds, or when it
    would run into another quotation."""
    if selection is None:
        return None
    start, end = quotation_span(article.article.text, selection)
    same = (start, end) == (quote.start, quote.end)
    if start == end or same or not (start < quote.end and quote.start < end):
        return None
    if any(q.start < end and start < q.end for q in article.quotes if q is not quote and q.id != quote.id):
        return None
    return start, end


def bounds_ticked(quote: Quote, bounds: Span) -> bool:
    """Whether W's offered bounds start ticked, so Enter saves them: only when they hold the
    whole quotation and more (the finder cut it short) and not the words that attribute it.

    The sentence J selects often holds a whole quotation and who said it (`"We are treating
    it as a domestic terrorism case, …," said Bash.`): ticked, W then Enter, meant to confirm
    the quotation, took "said Bash." into it. Quoted words never hold their speaker's mention.
    """
    start, end = bounds
    if not (start <= quote.start and quote.end <= end):
        return False
    speaker = quote.speaker
    return (
        speaker is None
        or speaker.end <= start
        or end <= speaker.start
        or (quote.start <= speaker.start and speaker.end <= quote.end)
    )


def rebound_quote(
    article: AnnotatedArticle,
    quote: Quote,
    bounds: Span,
    kind: QuoteKind,
    speaker_name: str,
    *,
    also: Sequence[Quote] = (),
) -> Outcome:
    """W with new bounds: the finder's quotation is removed (so a new pre-annotation does not
    bring it back, and the figures count it as one the finder got wrong) and the person's is
    added with the kind and speaker given, as one edit and one undo step; the quotations
    `also` get the same speaker, as in `correct_quotes`."""
    if quote.id is None:
        return Outcome(message="This quotation is not saved yet; pre-annotate the article first")
    start, end = bounds
    if any(q.start < end and start < q.end for q in article.quotes if q.id != quote.id):
        raise UserError("the new bounds overlap another quotation")
    text = article.article.text
    speaker = _speaker_named(
        text, replace(quote, start=start, end=end), kind, speaker_name, _quoted(article, quote)
    )
    what = f"speaker {speaker.name}" if speaker is not None else "no speaker"
    said = f"Quotation bounds changed: {kind.value}, {what}"
    commands: list[Command] = [
        RemoveQuote(quote.id, seen=(article.article.id, quote.start, quote.end), shown=quote),
        AddQuote(article.article.id, Quote(start, end, kind, speaker)),
    ]
    if speaker is not None:
        for other in also:
            command = correct_quote(article, other, other.kind, speaker.name).command
            if command is not None:
                commands.append(command)
    return Outcome(Batch(commands, text=said), select=(start, end), message=said)


def remove_quote(quote: Quote, *, article_id: int | None = None) -> Outcome:
    """A quotation the finder was wrong about: it goes, and a new pre-annotation leaves it out.
    Given the article shown, refused if the id names another quotation by then."""
    if quote.id is None:
        return Outcome()
    seen = (article_id, quote.start, quote.end) if article_id is not None else None
    return Outcome(RemoveQuote(quote.id, seen=seen, shown=quote), message="Quotation removed")


def step_quote_to_check(
    quotes: Sequence[Quote], *, selection: Span | None, caret: int, direction: int
) -> Outcome:
    """Q / Shift+Q: select the next or previous quotation nobody has checked, and say what
    pre-annotation made of it. W then corrects it, or W, Enter confirms it, and Q goes on: a
    person checks an article's quotations in order, and the project's speaker figures
    (`services.statistics.preannotation_checks`) count the right ones, not only the wrong."""
    to_check = sorted((q for q in quotes if not q.by_person), key=lambda q: (q.start, q.end))
    index = step([(q.start, q.end) for q in to_check], selection=selection, caret=caret, direction=direction)
    if index is None:
        return Outcome(
            message="Every quotation in this article is checked"
            if quotes
            else "No quotations in this article"
        )
    quote = to_check[index]
    here = selection[0] if selection is not None else caret
    # `step` falls back to the first (last) one when none lies that way, even one the other way:
    # Shift+Q moved forward, then stayed there saying nothing new. As J and K stop at the ends
    # rather than wrap, nothing moves, and the status bar says there is none that way.
    if direction < 0 and quote.start >= here:
        return Outcome(message="No quotation left to check before here (Q goes to the next one)")
    if direction > 0 and (quote.start < here or (selection is not None and quote.start == here)):
        return Outcome(message="No quotation left to check after here (Shift+Q goes to the previous one)")
    said = f"by {quote.speaker.name}" if quote.speaker is not None else "nobody said to have said it"
    return Outcome(
        select=(quote.start, quote.end),
        message=f"Quotation {index + 1} of {len(to_check)} to check: {quote.kind.value}, {said}"
        " (W corrects it; W, Enter confirms it)",
    )


def same_speaker(article: AnnotatedArticle, quote: Quote) -> list[Quote]:
    """The article's other quotations the pre-annotation gave the same speaker name: a wrong
    speaker is often wrong for a whole interview. Quotations a person decided are not offered."""
    if quote.speaker is None:
        return []
    name = quote.speaker.name
    return [
        q
        for q in article.quotes
        if q.id != quote.id and q.speaker is not None and q.speaker.name == name and not q.by_person
    ]


def correct_quotes(
    article: AnnotatedArticle,
    quote: Quote,
    kind: QuoteKind,
    speaker_name: str,
    *,
    also: Sequence[Quote] = (),
) -> Outcome:
    """`correct_quote`, and the same speaker for the quotations `also` (each keeps its kind and
    gets its own mention), as one edit and one undo. Naming nobody applies to this one only."""
    first = correct_quote(article, quote, kind, speaker_name)
    name = " ".join(speaker_name.split())
    if not also or kind is QuoteKind.SCARE or not name:
        return first
    commands = [first.command] if first.command is not None else []
    for other in also:
        command = correct_quote(article, other, other.kind, name).command
        if command is not None:
            commands.append(command)
    # Counted by what is saved, not by whether this quotation changed: one a person had
    # checked already, with one other given its speaker, is still one other to correct.
    if not commands or commands == [first.command]:
        return first
    said = f"{len(commands)} quotation{'s' if len(commands) > 1 else ''}: speaker {name}"
    return Outcome(Batch(commands, text=said), message=said)


def _nearest_mention(text: str, quote: Quote, name: str, quoted: Sequence[Span] = ()) -> Span | None:
    """The occurrence, outside the quotation, of the name or of its last word: outside the
    other quotations (`quoted`) first, then in the quotation's own sentence (`Shaw, a
    researcher at Cambridge, who told me: “…”` names its speaker there, however long the
    apposition), then the nearest; of two as near (the surname inside the full name), the
    longer. A whole word as the search reads one (`core.search.word_spans`): in Chinese or
    Japanese a name stands between other letters.

    Quoted words name who is spoken of, not who speaks: "Johnson" in `Starmer replied:
    "Johnson has promised this before."` was nearer than "Boris Johnson" further up, and became
    the mention of Johnson's own quotation. They are taken only when the name is nowhere else."""
    sentence_start, sentence_end = sentence_around(text, quote.start, quote.end)
    if text[quote.start : quote.end].rstrip("\"”’'»").endswith((".", "!", "?")):
        sentence_end = min(sentence_end, quote.end)  # `… told me: “We are not ready.” Later …`
    spans = [
        (start, end)
        for wanted in dict.fromkeys((name, name.split()[-1]))
        for start, end in word_spans(text, wanted)
        if end <= quote.start or quote.end <= start
    ]

    def distance(span: Span) -> tuple[bool, bool, int, int]:
        gap = quote.start - span[1] if span[1] <= quote.start else span[0] - quote.end
        in_words_quoted = any(start < span[1] and span[0] < end for start, end in quoted)
        outside = span[0] < sentence_start or sentence_end < span[1]
        return in_words_quoted, outside, gap, span[0] - span[1]

    return min(spans, key=distance) if spans else None


# -- adjudication --------------------------------------------------------------------------------


def decide_gold(item: ReviewItem, label: ClaimLabel | None, *, reviewer: str) -> DecideGold:
    """A review key: the gold label (or "no claim", None) for a disagreement, replacing an earlier one."""
    if not reviewer.strip():
        raise UserError(NO_REVIEWER)
    earlier = item.decision
    # The review gives each decision to one unit only (`adjudication._decisions_for`), so the
    # earlier one is this disagreement's, also when the people re-cut their claims since.
    replaces = (earlier.start, earlier.end) if earlier is not None else None
    return DecideGold(item.article_id, item.span, label, reviewer=reviewer, replaces=replaces)


def undecide_gold(item: ReviewItem) -> DecideGold | None:
    """U in the review: forget the decision on this disagreement (None if there is none)."""
    decision = item.decision
    if decision is None:
        return None
    return DecideGold(item.article_id, (decision.start, decision.end), None, reviewer="", clear=True)
