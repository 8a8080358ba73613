"""Edit commands with do and undo.

Every user edit is a command. A service applies it inside one transaction against
an `EditTarget` (the store implements it) and hands the returned `Change` to whoever
must refresh. Undo replays the inverse the same way, so an undo is saved just like
the edit it reverses. Commands remember what they need to undo (the id they
created, the value they replaced) after their first `apply`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar

from annotator.core.errors import ChangedMeanwhile, EntityGone, NotFoundError, QuoteGone
from annotator.core.model import (
    QUOTE_CORRECTED,
    QUOTE_REMOVED,
    ArticleStatus,
    Claim,
    ClaimLabel,
    Entity,
    EntityStatus,
    LabelCheck,
    Quote,
    QuoteKind,
    QuoteSuggestion,
    Speaker,
)

if TYPE_CHECKING:
    from annotator.core.reports import GoldDecision  # built only by a review decision


@dataclass(frozen=True)
class Carried:
    """Suggestions an undo rewrote to follow the entity decisions it changed (each as (article
    id, suggestion with its id and model)): the ones it removed and the ones it brought back.

    Why: opening an article carries a rejection to the name's other mentions, outside the
    history; the undo of the rejection brings them back, and its redo takes back exactly this,
    so Ctrl+Z then Ctrl+Y leaves the articles as the person saw them before. An acceptance (an
    edit, its redo, or the undo of a rejection) removes the other types' suggestions on its span
    the same way, and the step that takes it back puts them back.
    """

    removed: tuple[tuple[int, Entity], ...] = ()
    added: tuple[tuple[int, Entity], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)

    def __or__(self, other: Carried) -> Carried:
        return Carried(self.removed + other.removed, self.added + other.added)


@dataclass(frozen=True)
class Change:
    """What an edit touched, so views refresh only what they must."""

    article_ids: frozenset[int] = frozenset()
    claim_ids: frozenset[int] = frozenset()
    claims: bool = False
    entities: bool = False
    quotes: bool = False
    status: bool = False
    description: str = ""
    moved: tuple[tuple[int, Claim], ...] = ()
    """Claims put back under a new id because another writer took theirs: (old id, the claim
    as saved now). The history's other steps still name the old id; `Command.follow` moves them."""
    moved_entities: tuple[tuple[int, int, Entity], ...] = ()
    """Entities put back under a new id, as `moved`: (old id, article, the entity as saved now)."""
    moved_quotes: tuple[tuple[int, int, Quote], ...] = ()
    """Quotations put back under a new id, as `moved`: (old id, article, the quotation as saved
    now). Pre-annotation of other articles in the background takes freed ids too."""
    carried: Carried = Carried()
    """What a step wrote beside its command to follow the entity decisions (`Carried`): an
    undo's carrying, or the suggestions an acceptance took off its span; the next step on the
    same command (its redo, or its undo) takes it back."""
    spans: tuple[tuple[int, int, int], ...] = ()
    """Where in the text it wrote: (article, start, end) of each claim, entity and quotation
    it added, changed or took away. An undo or redo shows the first (`ui`): a step taken back
    out of view changed nothing the person could see."""
    renamed: tuple[str, str] | None = None
    """A person renamed (old name, new name; an undo's the other way round): the window's own
    name follows when it was the old one (`RenameAnnotator`)."""
    guidelines: bool = False
    """The project's guidelines changed (`SetGuidelines`): the panel showing them reads them again."""

    def __or__(self, other: Change) -> Change:
        return Change(
            article_ids=self.article_ids | other.article_ids,
            claim_ids=self.claim_ids | other.claim_ids,
            claims=self.claims or other.claims,
            entities=self.entities or other.entities,
            quotes=self.quotes or other.quotes,
            status=self.status or other.status,
            description=self.description or other.description,
            moved=self.moved + other.moved,
            moved_entities=self.moved_entities + other.moved_entities,
            moved_quotes=self.moved_quotes + other.moved_quotes,
            carried=self.carried | other.carried,
            spans=self.spans + other.spans,
            renamed=self.renamed or other.renamed,
            guidelines=self.guidelines or other.guidelines,
        )


class EditTarget(Protocol):
    """The writes a command may make; implemented by the store inside a transaction."""

    def insert_claim(self, claim: Claim) -> Claim: ...
    def record_label_check(self, claim: Claim, shown: LabelCheck | None) -> None: ...
    def get_claim(self, claim_id: int) -> Claim: ...
    def claims(self, article_id: int | None = None) -> list[Claim]: ...
    def replace_claim(self, claim: Claim) -> Claim: ...
    def remove_claim(self, claim: Claim) -> None: ...
    def get_article_status(self, article_id: int) -> ArticleStatus: ...
    def set_article_status(self, article_id: int, status: ArticleStatus) -> None: ...
    def get_entity(self, entity_id: int) -> tuple[int, Entity]: ...
    def entities_at(
        self, article_id: int, start: int, end: int, label: str | None = None
    ) -> list[Entity]: ...
    def insert_entity(self, article_id: int, entity: Entity) -> Entity: ...
    def replace_entity(self, article_id: int, entity: Entity) -> Entity: ...
    def remove_entity(self, article_id: int, entity: Entity) -> None: ...
    def get_quote(self, quote_id: int) -> tuple[int, Quote]: ...
    def quotes_at(self, article_id: int, start: int, end: int) -> list[Quote]: ...
    def replace_quote(self, article_id: int, quote: Quote) -> Quote: ...
    def insert_quote(self, article_id: int, quote: Quote) -> Quote: ...
    def remove_quote(self, article_id: int, quote: Quote) -> None: ...
    def gold_decision(self, article_id: int, start: int, end: int) -> GoldDecision | None: ...
    def set_gold(self, decision: GoldDecision) -> None: ...
    def clear_gold(self, article_id: int, start: int, end: int) -> None: ...
    def rename_person(self, old: str, new: str) -> PersonRenamed: ...
    def unrename_person(self, renamed: PersonRenamed) -> None: ...
    def person_rows(self, name: str) -> PersonRows: ...
    def renamed_to(self, name: str) -> frozenset[str]: ...
    def get_meta(self, key: str, default: str | None = None) -> str | None: ...
    def put_meta(self, key: str, value: str | None) -> None: ...


Row = tuple[object, ...]
"""A row a step names, as a key two steps share when they edit the same thing: ("claim", id),
("entity", id), ("entity at", article, start, end), ("quotation", id), ("quotation at",
article, start, end), ("status", article), ("gold", article, start, end), ("meta", key)."""


class Command(ABC):
    """One undoable edit."""

    description: str = ""

    @abstractmethod
    def apply(self, target: EditTarget) -> Change:
        """Make the edit (also used for redo)."""

    @abstractmethod
    def revert(self, target: EditTarget) -> Change:
        """Undo the edit."""

    def follow(self, change: Change) -> None:
        """Another step of the history put rows back under new ids (`Change.moved`,
        `moved_entities`, `moved_quotes`): refer to them by those ids from now on, or this
        step's undo or redo would find the old id gone (or another row there) and be refused.
        Edits that name no row by id have nothing to follow."""
        return None

    def entity_ids(self) -> frozenset[int]:
        """The entity rows this edit names by id and finds as they were: while it waits to be
        redone, carrying the team's decisions to an opened article must leave them, or the
        redo would find its suggestion gone and be refused."""
        return frozenset()

    def rows(self) -> frozenset[Row] | None:
        """The rows this edit's undo and redo check and write (`Row`), by the ids it names now
        (after `follow`): two steps that share one depend on each other, since each checks the
        row as the other left it (`dependent_steps`). None when they cannot be known, which
        keeps a refused step from being dropped alone: the window clears the history then."""
        return None

    def decides_entities(self) -> bool:
        """Whether this edit can change the team's entity decisions (a status, a name added):
        only then does its undo read them to take back what carrying them did, a scan of every
        decided row that a claim's undo has no reason to pay."""
        return False


def dependent_steps(named: Sequence[frozenset[Row] | None], refused: int, *, undo: bool) -> list[int] | None:
    """The steps of a history (each as the rows it names, `Command.rows`, oldest first) that
    must go with step `refused` when its undo or redo is refused for a row deleted or changed
    elsewhere; None when that cannot be known, and the whole history must go instead.

    When dropping one step is safe: a refused step wrote nothing (its transaction rolled back)
    and every step checks, before it writes, that each row it names is as that step left it or
    found it (`_unchanged`). A step on other rows never met the refused step's rows, so it
    still applies, or is refused in its turn for its own rows. A step on the same row does not:
    its check compares the row with what the refused step would have left, and the file can
    match that by chance. Label a claim factual, relabel it opinion, then questionable, Ctrl+Z
    twice; another window makes it opinion; Ctrl+Shift+Z is refused for the first relabel (it
    finds opinion where its undo left factual), and the second alone would then find opinion,
    as it expects, and write questionable over the other person's label. So the steps that
    name a row the refused one names go with it, and the rows they name join in: in the redo
    direction every later step (they were made on what it left), in the undo direction every
    earlier one (they are taken back from what it took back). Steps the other way are not its
    dependents: they find the rows as they were and check them as before.

    Rows are named by the ids the steps hold now (`Command.follow` moved them with a row put
    back under a new id); an id SQLite gave to two claims in turn makes their steps look
    dependent, which drops more than it must, never less. A step whose rows are unknown (a
    command without `rows`) may name any row, so nothing past it can be told apart."""
    rows = named[refused]
    if rows is None:
        return None
    order = range(refused - 1, -1, -1) if undo else range(refused + 1, len(named))
    dependents: list[int] = []
    for index in order:
        step_rows = named[index]
        if step_rows is None:
            return None
        if step_rows & rows:
            dependents.append(index)
            rows = rows | step_rows
    return sorted(dependents)


def same_claim(one: Claim, other: Claim) -> bool:
    """Whether two claims are one row: the id, and what a row never changes (its article,
    annotator and creation time).

    Ids are SQLite row ids, handed out again once the highest is deleted, so in a project
    open in two places an id an undo remembers may by now be another person's claim.
    """
    return (one.id, one.article_id, one.annotator, one.created_at) == (
        other.id,
        other.article_id,
        other.annotator,
        other.created_at,
    )


def _still(target: EditTarget, claim_id: int, known: Claim | None) -> Claim:
    """The claim `claim_id` as saved now; if this command has met it before or was made from
    a claim a person saw (`known`), only while it is still that claim, not another that took
    its id."""
    try:
        current = target.get_claim(claim_id)
    except NotFoundError:
        if known is None:
            raise
        raise NotFoundError(GONE.format(claim_id), row="The claim") from None
    if known is not None and not same_claim(current, known):
        raise NotFoundError(GONE.format(claim_id), row="The claim")
    return current


def _followed(known: Claim | None, change: Change) -> Claim | None:
    """`known` under its new id if `change` put it back under one."""
    for old_id, claim in change.moved:
        if known is not None and known.id == old_id and same_claim(replace(known, id=claim.id), claim):
            return replace(known, id=claim.id)
    return known


def _new_entity_id(entity_id: int, article_id: int, entity: Entity, change: Change) -> int | None:
    """The id `change` put this entity (article, span and type) back under, if it did."""
    for old_id, moved_in, moved in change.moved_entities:
        if (old_id, moved_in, *_entity_key(moved)[:3]) == (entity_id, article_id, *_entity_key(entity)[:3]):
            return moved.id
    return None


def _new_quote_id(quote_id: int, where: tuple[int, int, int], change: Change) -> int | None:
    """The id `change` put this quotation (article and span) back under, if it did."""
    for old_id, moved_in, moved in change.moved_quotes:
        if (old_id, moved_in, moved.start, moved.end) == (quote_id, *where):
            return moved.id
    return None


GONE = "claim {0} was deleted, in another window or by a command; reopen the article to see it as saved"
"""What an edit of a claim that is no longer in the file says (the store says it too)."""

CHANGED_ELSEWHERE = (
    "{0} was changed elsewhere since (in another window, or by an import or a merge); it is left as it is now"
)


NOTE = "The claim's note"
"""The row a note's edit refuses by (`ChangedMeanwhile.row`) when another note was saved since."""


def _unchanged(what: str, found: object, left: object) -> None:
    """Undo writes back what an edit found, so it first checks that the row is still as the
    edit left it: otherwise it would silently wipe out what another window, an import or a
    merge saved since (their label, their decision), or delete a claim relabelled since.
    A redo makes the edit again over what the undo put back, so it checks the same way that
    the row is still as the undo left it.

    Which row is the edit's is settled first, by identity (`same_claim`, `_still`; for an
    entity or a quotation its article and span): a row whose id another took is gone, and a
    row put back gets a new id if its own was taken. This check is about the row's content.
    """
    if found != left:
        raise ChangedMeanwhile(CHANGED_ELSEWHERE.format(what), row=what)


def _claim_content(claim: Claim) -> tuple[object, ...]:
    """What an edit of a claim changes: its span, label and note."""
    return (claim.start, claim.end, ClaimLabel(claim.label), claim.note)


_Row = TypeVar("_Row")

NOT_AS_SEEN = (
    "The {0} is not the one shown any more: this article's suggestions were renewed since "
    "(by pre-annotation, another window or a merge). It is shown again as saved; press the key again"
)


NO_LONGER_FOUND = "entity {0} is no longer in its article: no row holds its name there with its type"
"""An undo or redo of a decision whose name the article no longer holds (`SetEntityStatus`)."""


def _gone(entity_id: int, article_id: int, entity: Entity) -> EntityGone:
    return EntityGone(
        NO_LONGER_FOUND.format(entity_id),
        article_id=article_id,
        start=entity.start,
        end=entity.end,
        label=entity.label,
    )


def _as_seen(what: str, found: object, seen: object) -> None:
    """An edit on a suggestion names its row by id; check that the row is still the one the
    person saw, since a renewed analysis deletes suggestion rows and SQLite reuses their ids
    (what `seen` is to a claim, with the entity's or quotation's article and span)."""
    if found != seen:
        raise ChangedMeanwhile(NOT_AS_SEEN.format(what))


def _seen_row(what: str, lookup: Callable[[], _Row], before: object, seen: object) -> _Row:
    """The row an edit on a shown suggestion acts on; gone, it is told as not shown any more
    (the person saw it a moment ago), not by its id."""
    try:
        return lookup()
    except NotFoundError:
        if before is None and seen is not None:
            raise ChangedMeanwhile(NOT_AS_SEEN.format(what)) from None
        raise


def _entity_key(entity: Entity) -> tuple[object, ...]:
    return (entity.start, entity.end, entity.label, EntityStatus(entity.status))


def _put_back(was: Claim, saved: Claim, description: str) -> Change:
    """The change of a claim inserted again, saying if it had to take a new id."""
    change = _claim_change(saved, description)
    if was.id is None or was.id == saved.id:
        return change
    return replace(change, moved=((was.id, saved),))


def _claim_change(claim: Claim, description: str) -> Change:
    assert claim.id is not None
    return Change(
        article_ids=frozenset({claim.article_id}),
        claim_ids=frozenset({claim.id}),
        claims=True,
        description=description,
        spans=((claim.article_id, claim.start, claim.end),),
    )


def _entity_change(article_id: int, entity: Entity, description: str) -> Change:
    return Change(
        article_ids=frozenset({article_id}),
        entities=True,
        description=description,
        spans=((article_id, entity.start, entity.end),),
    )


def _quote_change(article_id: int, quote: Quote, description: str) -> Change:
    return Change(
        article_ids=frozenset({article_id}),
        quotes=True,
        description=description,
        spans=((article_id, quote.start, quote.end),),
    )


@dataclass
class AddClaim(Command):
    """Create a claim; redo re-creates it with the same id so later commands still refer to it."""

    claim: Claim
    shown: LabelCheck | None = None
    """The label suggestion the window showed for exactly this span as the person labelled it,
    recorded beside the claim (`label_checks`); None when none was shown (below the person's
    threshold, a model that failed its checks, a script), so nothing is recorded: a figure
    about labels given beside a suggestion must not count one nobody saw."""
    created: Claim | None = field(default=None, init=False)

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"Add {self.claim.label.value} claim"

    def apply(self, target: EditTarget) -> Change:
        to_insert = self.created if self.created is not None else self.claim
        self.created = target.insert_claim(to_insert)
        target.record_label_check(self.created, self.shown)
        return _put_back(to_insert, self.created, self.description)

    def revert(self, target: EditTarget) -> Change:
        assert self.created is not None and self.created.id is not None, "revert before apply"
        now = _still(target, self.created.id, self.created)
        _unchanged("The claim", _claim_content(now), _claim_content(self.created))
        target.remove_claim(self.created)
        return _claim_change(self.created, self.description)

    def follow(self, change: Change) -> None:
        self.created = _followed(self.created, change)

    def rows(self) -> frozenset[Row] | None:
        if self.created is None or self.created.id is None:
            return None
        return frozenset({("claim", self.created.id)})


@dataclass
class UpdateClaim(Command):
    """Change a claim's label and/or note (and span, for resizing)."""

    claim_id: int
    label: ClaimLabel | None = None
    note: str | None = None
    span: tuple[int, int] | None = None
    seen: Claim | None = None
    """The claim as the window showed it, which may be older than the file (another window
    can delete it and its id go to a new claim there): the edit applies only to that claim,
    and a new note only over the note it showed (`ChangedMeanwhile` with `NOTE` otherwise)."""
    before: Claim | None = field(default=None, init=False)
    after: Claim | None = field(default=None, init=False)

    @property
    def description(self) -> str:  # type: ignore[override]
        if self.label is not None:
            return f"Label claim as {self.label.value}"  # "label claim opinion" read as a typo
        return "Edit note" if self.note is not None else "Edit claim"

    def apply(self, target: EditTarget) -> Change:
        undone = self.before  # a redo: the claim as the undo left it
        self.before = _still(target, self.claim_id, undone or self.seen)
        if undone is not None:
            _unchanged("The claim", _claim_content(self.before), _claim_content(undone))
        elif self.note is not None and self.seen is not None:
            # A note is written whole over the one the person saw: with two windows on a
            # project, one's Save silently replaced the note the other had saved meanwhile.
            _unchanged(NOTE, self.before.note, self.seen.note)
        after = self.before
        if self.label is not None:
            after = replace(after, label=self.label)
        if self.note is not None:
            after = replace(after, note=self.note)
        if self.span is not None:
            after = replace(after, start=self.span[0], end=self.span[1])
        self.after = target.replace_claim(after)
        return _claim_change(self.after, self.description)

    def revert(self, target: EditTarget) -> Change:
        assert self.before is not None and self.after is not None, "revert before apply"
        now = _still(target, self.claim_id, self.before)
        _unchanged("The claim", _claim_content(now), _claim_content(self.after))
        return _claim_change(target.replace_claim(self.before), self.description)

    def follow(self, change: Change) -> None:
        known = self.before or self.seen
        if known is None or known.id != self.claim_id or (now := _followed(known, change)) is known:
            return
        assert now is not None and now.id is not None
        self.claim_id = now.id
        self.seen = _followed(self.seen, change)
        self.before = _followed(self.before, change)
        self.after = _followed(self.after, change)

    def rows(self) -> frozenset[Row] | None:
        return frozenset({("claim", self.claim_id)})


@dataclass
class DeleteClaim(Command):
    claim_id: int
    deleted: Claim | None = field(default=None, init=False)
    description: str = "Delete claim"
    seen: Claim | None = None
    """As `UpdateClaim.seen`."""

    def apply(self, target: EditTarget) -> Change:
        undone = self.deleted  # a redo: the claim as the undo put it back
        self.deleted = _still(target, self.claim_id, undone or self.seen)
        if undone is not None:
            _unchanged("The claim", _claim_content(self.deleted), _claim_content(undone))
        target.remove_claim(self.deleted)
        return _claim_change(self.deleted, self.description)

    def revert(self, target: EditTarget) -> Change:
        assert self.deleted is not None, "revert before apply"
        # Back under its id, or under a new one if another window's claim took it meanwhile.
        was = self.deleted
        self.deleted = target.insert_claim(was)
        assert self.deleted.id is not None
        self.claim_id = self.deleted.id
        return _put_back(was, self.deleted, self.description)

    def follow(self, change: Change) -> None:
        known = self.deleted or self.seen
        if known is None or known.id != self.claim_id or (now := _followed(known, change)) is known:
            return
        assert now is not None and now.id is not None
        self.claim_id = now.id
        self.seen = _followed(self.seen, change)
        self.deleted = _followed(self.deleted, change)

    def rows(self) -> frozenset[Row] | None:
        return frozenset({("claim", self.claim_id)})


@dataclass
class SetArticleStatus(Command):
    article_id: int
    status: ArticleStatus
    started_by: AddClaim | None = None
    """The claim whose adding started the article (a first claim, `services.labelling.adding_claim`).
    Its undo puts the article back to new only while no other claim is on it: another window
    may have labelled the article meanwhile, and an article holding someone's claim that read
    as new would come first in the reading order again and count as not started."""
    before: ArticleStatus | None = field(default=None, init=False)

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"Mark article {self.status.value.replace('_', ' ')}"

    def apply(self, target: EditTarget) -> Change:
        found = target.get_article_status(self.article_id)
        redo = self.before is not None
        if redo and found != self.status:  # a redo: as the undo left it
            # (or as the redo leaves it: another window's first claim also starts the article)
            _unchanged("The article's status", found, self.before)
        if not (redo and self.started_by is not None):
            # A first claim's redo keeps what the first claim found (new): its undo checks
            # for other claims before it writes that back.
            self.before = found
        target.set_article_status(self.article_id, self.status)
        return Change(article_ids=frozenset({self.article_id}), status=True, description=self.description)

    def revert(self, target: EditTarget) -> Change:
        assert self.before is not None, "revert before apply"
        change = Change(article_ids=frozenset({self.article_id}), status=True, description=self.description)
        if self.started_by is not None and self._claimed_by_others(target, self.started_by.created):
            return change  # someone's claim is on it: it stays as it is (started, or even done)
        if self.started_by is not None and target.get_article_status(self.article_id) == self.before:
            # New again: its claim was deleted elsewhere (`EmptiedArticle`), which the claim's
            # own undo says; "the article's status was changed elsewhere" would blame the status.
            return change
        _unchanged("The article's status", target.get_article_status(self.article_id), self.status)
        target.set_article_status(self.article_id, self.before)
        return change

    def _claimed_by_others(self, target: EditTarget, own: Claim | None) -> bool:
        """Whether the article holds a claim other than the first claim being taken back
        (which a batch's undo has not removed yet: it undoes the status first)."""
        return any(own is None or not same_claim(claim, own) for claim in target.claims(self.article_id))

    def rows(self) -> frozenset[Row] | None:
        return frozenset({("status", self.article_id)})


@dataclass
class EmptiedArticle(Command):
    """An article whose last claim a deletion took goes back to new, unless it was marked done.

    An article is in progress from its first claim (`services.labelling.adding_claim`), whose
    undo puts it back to new; deleting that claim left it "in progress" with nothing on it,
    counted as started and passed over by a search for new articles. Runs after the deletion
    in one batch (`services.labelling.deleting_claim`), and reads the article then: a claim
    another window added meanwhile keeps it started. Its undo, before the claim comes back,
    starts the article again if it is still new (another window may have started it or
    marked it done since, which stays).
    """

    article_id: int
    emptied: bool = field(default=False, init=False)
    """Whether the last apply put the article back to new."""

    description = "Mark article new"

    def apply(self, target: EditTarget) -> Change:
        found = target.get_article_status(self.article_id)
        self.emptied = found == ArticleStatus.IN_PROGRESS and not target.claims(self.article_id)
        if self.emptied:
            target.set_article_status(self.article_id, ArticleStatus.NEW)
        return self._change()

    def revert(self, target: EditTarget) -> Change:
        if self.emptied and target.get_article_status(self.article_id) == ArticleStatus.NEW:
            target.set_article_status(self.article_id, ArticleStatus.IN_PROGRESS)
        return self._change()

    def _change(self) -> Change:
        return Change(
            article_ids=frozenset({self.article_id}), status=self.emptied, description=self.description
        )

    def rows(self) -> frozenset[Row] | None:
        return frozenset({("status", self.article_id)})


@dataclass
class SetEntityStatus(Command):
    """Accept or reject a suggested entity.

    `seen` is the entity as the window showed it (its article and the entity): suggestion
    rows are replaced by pre-annotation in the background, which may hand a shown id to
    another name, and deciding that one would carry the wrong name to every article.
    """

    entity_id: int
    status: EntityStatus
    seen: tuple[int, Entity] | None = None
    before: tuple[int, Entity] | None = field(default=None, init=False)

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"Mark entity {self.status.value}"

    def apply(self, target: EditTarget) -> Change:
        if self.before is not None:
            return self._redo(target, self.before)
        try:
            found = _seen_row("entity", partial(target.get_entity, self.entity_id), self.before, self.seen)
            if self.seen is not None:  # as `_still` for claims
                seen_in, entity = self.seen
                _as_seen(
                    "entity", (found[0], *_entity_key(found[1])[:3]), (seen_in, *_entity_key(entity)[:3])
                )
        except ChangedMeanwhile:
            renewed = self._renewed_as_shown(target)
            if renewed is None:
                raise
            found = renewed
        self.before = found
        article_id, entity = self.before
        target.replace_entity(article_id, replace(entity, status=self.status))
        return _entity_change(article_id, entity, self.description)

    def _renewed_as_shown(self, target: EditTarget) -> tuple[int, Entity] | None:
        """The row pre-annotation elsewhere (another window, `annotator annotate`) made anew for
        the name shown, when its own row is gone or its id now names another name: the one
        entity with the shown name's span and type, decided as the person saw it. A or R on a
        name after its article was re-analysed elsewhere said it was "not the one shown any
        more", though the same name stood there, as a redo already finds it (`_redo`). None
        when there is no such row, or more than one: the refusal stands."""
        if self.seen is None:
            return None
        article_id, shown = self.seen
        same = [
            e
            for e in target.entities_at(article_id, shown.start, shown.end, shown.label)
            if EntityStatus(e.status) == EntityStatus(shown.status)
        ]
        if len(same) != 1:
            return None
        (renewed,) = same
        if renewed.id is None:
            return None
        self.entity_id = renewed.id
        self.seen = (article_id, renewed)
        return article_id, renewed

    def _redo(self, target: EditTarget, undone: tuple[int, Entity]) -> Change:
        """The decision made again on the row its undo left, or, when pre-annotation in
        another window or process renewed that suggestion (it does not know this window's
        history, so nothing kept it), on the row the new analysis made for the same name: its
        article, span and type, which is all a person sees of it. The history follows it
        there (`Change.moved_entities`), so the undo after works on it too.

        Ctrl+Z, pre-annotation elsewhere, Ctrl+Shift+Z said the step no longer applied and
        cleared the whole history. The row must still be as the undo left it (a suggestion)
        or as this leaves it (someone made the same decision); a name the new analysis no
        longer finds is refused (`EntityGone`), and the window drops this step alone."""
        article_id, entity = undone
        found = self._row_to_redo(target, undone)
        if found.status != self.status:
            _unchanged("The entity", _entity_key(found), _entity_key(entity))
        decided = replace(found, status=self.status)
        target.replace_entity(article_id, decided)
        change = _entity_change(article_id, decided, self.description)
        self.before = (article_id, found)
        if found.id == self.entity_id or found.id is None:
            return change
        moved_from, self.entity_id = self.entity_id, found.id
        if self.seen is not None:
            self.seen = (self.seen[0], replace(self.seen[1], id=found.id))
        return replace(change, moved_entities=((moved_from, article_id, decided),))

    def _row_to_redo(self, target: EditTarget, undone: tuple[int, Entity]) -> Entity:
        """Its own row while its id still names this name; else the one row with the name."""
        article_id, entity = undone
        name = (article_id, *_entity_key(entity)[:3])
        try:
            found_in, found = target.get_entity(self.entity_id)
        except NotFoundError:
            pass
        else:
            if (found_in, *_entity_key(found)[:3]) == name:
                return found
        # Gone, or its id handed to another row: the same name, which `_redo` then checks as
        # it checks its own row (one decided otherwise since is refused, not taken over).
        same = target.entities_at(article_id, entity.start, entity.end, entity.label)
        if len(same) > 1:
            same = [e for e in same if EntityStatus(e.status) in (EntityStatus(entity.status), self.status)]
        if len(same) != 1:
            raise _gone(self.entity_id, article_id, entity)
        return same[0]

    def decides_entities(self) -> bool:
        return True

    def revert(self, target: EditTarget) -> Change:
        assert self.before is not None, "revert before apply"
        article_id, entity = self.before
        try:
            found_in, now = target.get_entity(self.entity_id)
        except NotFoundError:
            raise _gone(self.entity_id, article_id, entity) from None
        if (found_in, *_entity_key(now)[:3]) != (article_id, *_entity_key(entity)[:3]):
            raise _gone(self.entity_id, article_id, entity)  # its id handed to another name
        _unchanged(
            "The entity",
            (found_in, *_entity_key(now)),
            (article_id, *_entity_key(replace(entity, status=self.status))),
        )
        target.replace_entity(article_id, entity)
        return _entity_change(article_id, entity, self.description)

    def entity_ids(self) -> frozenset[int]:
        return frozenset({self.entity_id})

    def rows(self) -> frozenset[Row] | None:
        """Its id, and its name's span: a redo may take the row the new analysis made there."""
        known = self.before or self.seen
        if known is None:
            return frozenset({("entity", self.entity_id)})
        article_id, entity = known
        return frozenset({("entity", self.entity_id), ("entity at", article_id, entity.start, entity.end)})

    def follow(self, change: Change) -> None:
        known = self.before or self.seen
        if known is None or (new_id := _new_entity_id(self.entity_id, *known, change)) is None:
            return
        self.entity_id = new_id
        if self.seen is not None:
            self.seen = (self.seen[0], replace(self.seen[1], id=new_id))
        if self.before is not None:
            self.before = (self.before[0], replace(self.before[1], id=new_id))


@dataclass
class AddEntity(Command):
    """An entity a person added by hand (status `added`)."""

    article_id: int
    entity: Entity
    created: Entity | None = field(default=None, init=False)
    description: str = "Add entity"
    displaced: tuple[Entity, ...] = field(default=(), init=False)
    """The suggestions at its span that its last redo took away, for its undo to give back."""

    def apply(self, target: EditTarget) -> Change:
        to_insert = self.created or replace(self.entity, status=EntityStatus.ADDED)
        if self.created is not None:
            # A redo after pre-annotation (here, in another window or by `annotator annotate`)
            # suggested this span while the name was undone: the name went back beside the
            # suggestion, two entities on one name. A span a person named takes no suggestion
            # (`ProjectStore.save_analyses`), so the redo takes them away and its undo puts
            # them back.
            self.displaced = tuple(
                e
                for e in target.entities_at(self.article_id, to_insert.start, to_insert.end)
                if e.status == EntityStatus.SUGGESTED
            )
            for suggestion in self.displaced:
                target.remove_entity(self.article_id, suggestion)
        self.created = target.insert_entity(self.article_id, to_insert)
        change = _entity_change(self.article_id, self.created, self.description)
        if to_insert.id is None or to_insert.id == self.created.id:
            return change
        return replace(change, moved_entities=((to_insert.id, self.article_id, self.created),))

    def decides_entities(self) -> bool:
        return True

    def revert(self, target: EditTarget) -> Change:
        assert self.created is not None and self.created.id is not None, "revert before apply"
        found_in, now = target.get_entity(self.created.id)
        _unchanged("The entity", (found_in, *_entity_key(now)), (self.article_id, *_entity_key(self.created)))
        target.remove_entity(self.article_id, self.created)
        change = _entity_change(self.article_id, self.created, self.description)
        moved: list[tuple[int, int, Entity]] = []
        for suggestion in self.displaced:
            put_back = target.insert_entity(self.article_id, suggestion)  # its id, unless taken since
            if suggestion.id is not None and put_back.id != suggestion.id:
                moved.append((suggestion.id, self.article_id, put_back))
        return replace(change, moved_entities=tuple(moved)) if moved else change

    def follow(self, change: Change) -> None:
        created = self.created
        if created is None or created.id is None:
            return
        if (new_id := _new_entity_id(created.id, self.article_id, created, change)) is not None:
            self.created = replace(created, id=new_id)

    def rows(self) -> frozenset[Row] | None:
        """Its row, its span (a redo takes the suggestions there away) and those it took."""
        if self.created is None or self.created.id is None:
            return None
        named: set[Row] = {("entity", self.created.id), ("entity at", self.article_id, *self._span())}
        named.update(("entity", e.id) for e in self.displaced if e.id is not None)
        return frozenset(named)

    def _span(self) -> tuple[int, int]:
        entity = self.created or self.entity
        return entity.start, entity.end


class _QuoteRewrite(Command):
    """An edit that rewrites one quotation row and undoes by writing back the row it found."""

    quote_id: int
    before: tuple[int, Quote] | None
    after: Quote | None = None
    seen: tuple[int, int, int] | None
    """The quotation's article and span as the window showed them (see `SetEntityStatus`)."""
    shown: Quote | None
    """The quotation as the window showed it (kind, speaker, whose it is): the first key follows
    it to the row renewed at its span only while that row is still in this state
    (`_renewed_as_shown`)."""

    @abstractmethod
    def rewritten(self, quote: Quote) -> Quote:
        """The row as the edit leaves it."""

    def apply(self, target: EditTarget) -> Change:
        if self.before is not None:
            return self._redo(target, self.before)
        try:
            found = _seen_row("quotation", partial(target.get_quote, self.quote_id), self.before, self.seen)
            if self.seen is not None:  # what the window showed, as `_still`
                _as_seen("quotation", (found[0], found[1].start, found[1].end), self.seen)
        except ChangedMeanwhile:
            renewed = self._renewed_as_shown(target)
            if renewed is None:
                raise
            found = renewed
        return self._rewrite(target, found)

    def _renewed_as_shown(self, target: EditTarget) -> tuple[int, Quote] | None:
        """The row pre-annotation elsewhere (another window, `annotator annotate`) made anew for
        the quotation shown, when its own row is gone or its id now names another quotation:
        the one quotation at the shown span, in the state the person saw. W on a shown
        quotation after its article was re-analysed elsewhere said it was "not the one shown any
        more", though the same quotation stood there, as a redo already finds it (`_redo`).
        None when there is no such row, or more than one: the refusal stands."""
        if self.seen is None or self.shown is None:
            return None
        article_id, start, end = self.seen
        same = target.quotes_at(article_id, start, end)
        if len(same) != 1 or _state(same[0]) != _state(self.shown):
            return None
        (renewed,) = same
        if renewed.id is None:
            return None
        self.quote_id = renewed.id
        return article_id, renewed

    def _rewrite(self, target: EditTarget, found: tuple[int, Quote]) -> Change:
        self.before = found
        article_id, quote = self.before
        target.replace_quote(article_id, self.rewritten(quote))
        self.after = target.get_quote(self.quote_id)[1]  # as read back, to compare at undo
        return _quote_change(article_id, quote, self.description)

    def _redo(self, target: EditTarget, undone: tuple[int, Quote]) -> Change:
        """The edit made again on the row its undo left, or, when pre-annotation in another
        window or process renewed that suggestion (nothing there kept it for this history),
        on the suggestion it made at the same span: the quotation a person sees there (as
        `SetEntityStatus._redo`). Ctrl+Z, Pre-annotate All elsewhere, Ctrl+Shift+Z said the
        quotation did not exist and cleared the whole history."""
        article_id, quote = undone
        try:
            found: tuple[int, Quote] | None = target.get_quote(self.quote_id)
        except NotFoundError:
            found = None
        if found is not None and (found[0], found[1].start, found[1].end) == (
            article_id,
            quote.start,
            quote.end,
        ):
            if found != (article_id, self.after):  # as the undo left it, or as the redo leaves it
                _unchanged("The quotation", found, undone)  # (another window made the same correction)
            return self._rewrite(target, found)
        same = target.quotes_at(article_id, quote.start, quote.end)
        if len(same) != 1:
            # Gone from its span (its id, if found, handed to another quotation): a renewed
            # analysis that no longer finds it, or a deletion; the window tells which.
            raise QuoteGone(
                f"quotation {self.quote_id} does not exist (any more)",
                article_id=article_id,
                start=quote.start,
                end=quote.end,
            )
        (renewed,) = same
        assert self.after is not None and renewed.id is not None
        if renewed.by_person and replace(renewed, id=self.after.id) != self.after:
            raise ChangedMeanwhile(
                CHANGED_ELSEWHERE.format("The quotation"), row="The quotation"
            )  # someone's
        moved_from, self.quote_id = self.quote_id, renewed.id
        if self.seen is not None:
            self.seen = (article_id, renewed.start, renewed.end)
        if renewed.by_person:  # the same edit made elsewhere: nothing to write
            self.before, self.after = (article_id, replace(quote, id=renewed.id)), renewed
            change = _quote_change(article_id, renewed, self.description)
        else:
            change = self._rewrite(target, (article_id, renewed))
        assert self.after is not None
        return replace(change, moved_quotes=((moved_from, article_id, self.after),))

    def revert(self, target: EditTarget) -> Change:
        assert self.before is not None and self.after is not None, "revert before apply"
        article_id, quote = self.before
        found_in, now = target.get_quote(self.quote_id)
        _unchanged("The quotation", (found_in, now), (article_id, self.after))
        target.replace_quote(article_id, quote)
        return _quote_change(article_id, quote, self.description)

    def follow(self, change: Change) -> None:
        known = (self.before[0], self.before[1].start, self.before[1].end) if self.before else self.seen
        if known is None or (new_id := _new_quote_id(self.quote_id, known, change)) is None:
            return
        self.quote_id = new_id
        if self.before is not None:
            self.before = (self.before[0], replace(self.before[1], id=new_id))
        if self.after is not None:
            self.after = replace(self.after, id=new_id)

    def rows(self) -> frozenset[Row] | None:
        """Its id, and its span: a redo may take the suggestion renewed there (`_redo`)."""
        known = (self.before[0], self.before[1].start, self.before[1].end) if self.before else self.seen
        if known is None:
            return frozenset({("quotation", self.quote_id)})
        return frozenset({("quotation", self.quote_id), ("quotation at", *known)})


@dataclass
class CorrectQuote(_QuoteRewrite):
    """A person's kind and speaker for a quotation; the quotation is theirs from then on
    (`QUOTE_CORRECTED`), so a new pre-annotation keeps it."""

    quote_id: int
    kind: QuoteKind
    speaker: Speaker | None
    seen: tuple[int, int, int] | None = None
    shown: Quote | None = None
    before: tuple[int, Quote] | None = field(default=None, init=False)
    description: str = "Correct quotation"

    def rewritten(self, quote: Quote) -> Quote:
        return replace(
            quote, kind=self.kind, speaker=self.speaker, model=QUOTE_CORRECTED, suggested=_as_suggested(quote)
        )


@dataclass
class RemoveQuote(_QuoteRewrite):
    """A quotation the finder was wrong about. The row stays as `QUOTE_REMOVED`, so a new
    pre-annotation does not bring it back; undo puts the row back as it was."""

    quote_id: int
    seen: tuple[int, int, int] | None = None
    shown: Quote | None = None
    before: tuple[int, Quote] | None = field(default=None, init=False)
    description: str = "Remove quotation"

    def rewritten(self, quote: Quote) -> Quote:
        return replace(quote, model=QUOTE_REMOVED, suggested=_as_suggested(quote))


def _state(quote: Quote) -> tuple[object, ...]:
    """What a person sees of a quotation at its span: its kind and speaker, and whose it is (a
    suggestion, whatever pipeline made it, or a person's correction, removal or import)."""
    return (quote.kind, quote.speaker, quote.model if quote.by_person else None, quote.suggested)


def _as_suggested(quote: Quote) -> QuoteSuggestion | None:
    """What pre-annotation said of `quote`, kept when a person first checks it; a quotation a
    person already had (checked, added or imported) keeps what it had."""
    if quote.by_person:
        return quote.suggested
    return QuoteSuggestion(quote.kind, quote.speaker.name if quote.speaker is not None else None)


@dataclass
class AddQuote(Command):
    """A quotation the finder missed, added by a person (`QUOTE_CORRECTED`: theirs)."""

    article_id: int
    quote: Quote
    created: Quote | None = field(default=None, init=False)
    description: str = "Add quotation"

    def apply(self, target: EditTarget) -> Change:
        to_insert = self.created or replace(
            self.quote, model=QUOTE_CORRECTED, suggested=QuoteSuggestion(kind=None)
        )
        inserted = target.insert_quote(self.article_id, to_insert)
        assert inserted.id is not None
        self.created = target.get_quote(inserted.id)[1]  # as read back, to compare at undo
        change = _quote_change(self.article_id, self.created, self.description)
        if to_insert.id is None or to_insert.id == inserted.id:
            return change
        return replace(change, moved_quotes=((to_insert.id, self.article_id, self.created),))

    def revert(self, target: EditTarget) -> Change:
        assert self.created is not None and self.created.id is not None, "revert before apply"
        found_in, now = target.get_quote(self.created.id)
        _unchanged("The quotation", (found_in, now), (self.article_id, self.created))
        target.remove_quote(self.article_id, self.created)
        return _quote_change(self.article_id, self.created, self.description)

    def follow(self, change: Change) -> None:
        created = self.created
        if created is None or created.id is None:
            return
        new_id = _new_quote_id(created.id, (self.article_id, created.start, created.end), change)
        if new_id is not None:
            self.created = replace(created, id=new_id)

    def rows(self) -> frozenset[Row] | None:
        created = self.created
        if created is None or created.id is None:
            return None
        return frozenset(
            {("quotation", created.id), ("quotation at", self.article_id, created.start, created.end)}
        )


@dataclass
class Batch(Command):
    """Several commands as one edit and one transaction (e.g. a first claim also starts the article)."""

    commands: list[Command] = field(default_factory=list)
    text: str = ""

    @property
    def description(self) -> str:  # type: ignore[override]
        return self.text or (self.commands[0].description if self.commands else "")

    def apply(self, target: EditTarget) -> Change:
        change = Change(description=self.description)
        for command in self.commands:
            change = change | command.apply(target)
        return change

    def revert(self, target: EditTarget) -> Change:
        change = Change(description=self.description)
        for command in reversed(self.commands):
            change = change | command.revert(target)
        return change

    def follow(self, change: Change) -> None:
        for command in self.commands:
            command.follow(change)

    def entity_ids(self) -> frozenset[int]:
        return frozenset().union(*(command.entity_ids() for command in self.commands))

    def rows(self) -> frozenset[Row] | None:
        named: set[Row] = set()
        for command in self.commands:
            rows = command.rows()
            if rows is None:
                return None
            named |= rows
        return frozenset(named)

    def decides_entities(self) -> bool:
        return any(command.decides_entities() for command in self.commands)


@dataclass
class DecideGold(Command):
    """A reviewer's decision for a span: a gold label, or None for "no claim"; `clear` forgets it.

    Replaces whatever was decided at the span (and at `replaces`, where the same
    disagreement was decided before under another span); undo puts those back.
    """

    article_id: int
    span: tuple[int, int]
    label: ClaimLabel | None
    reviewer: str = ""
    replaces: tuple[int, int] | None = None
    clear: bool = False
    before: list[GoldDecision] = field(default_factory=list, init=False)
    applied: bool = field(default=False, init=False)
    """Whether this decision was made once, so an apply is a redo over what its undo put back."""

    @property
    def description(self) -> str:  # type: ignore[override]
        # Said after "Saved: ", "Undone: " and "Redone: ": the clearing (U in the review) was
        # "Undo gold decision", and its Ctrl+Z said "Undone: undo gold decision", which reads
        # as the decision gone when Ctrl+Z had just brought it back.
        if self.clear:
            return "Clear gold decision"
        if self.label is None:
            return "Decide gold label as no claim"
        return f"Decide gold label as {self.label.value}"

    def _spans(self) -> list[tuple[int, int]]:
        if self.replaces is None or self.replaces == self.span:
            return [self.span]
        return [self.span, self.replaces]

    def _change(self) -> Change:
        return Change(article_ids=frozenset({self.article_id}), claims=True, description=self.description)

    def rows(self) -> frozenset[Row] | None:
        return frozenset(("gold", self.article_id, start, end) for start, end in self._spans())

    def _leaves(self) -> list[GoldDecision]:
        """The decisions at `_spans` once this is applied (by whom, too: a redo over another
        reviewer's same label would put this reviewer's name on their decision)."""
        if self.clear:
            return []
        from annotator.core.reports import GoldDecision

        start, end = self.span
        return [GoldDecision(self.article_id, start, end, self.label, self.reviewer)]

    def apply(self, target: EditTarget) -> Change:
        target.get_article_status(self.article_id)  # a stale id fails before anything changes
        found = [target.gold_decision(self.article_id, start, end) for start, end in self._spans()]
        decided = [decision for decision in found if decision is not None]
        if self.applied and decided != self._leaves():  # a redo: the decisions as the undo left
            # them, or as the redo leaves them (another window made the same decision)
            _unchanged("The gold decision", decided, self.before)
        self.before = decided
        for start, end in self._spans():
            target.clear_gold(self.article_id, start, end)
        if not self.clear:
            start, end = self.span
            from annotator.core.reports import GoldDecision

            target.set_gold(GoldDecision(self.article_id, start, end, self.label, self.reviewer))
        self.applied = True
        return self._change()

    def revert(self, target: EditTarget) -> Change:
        start, end = self.span
        found = target.gold_decision(self.article_id, start, end)
        if self.clear:
            _unchanged("The gold decision", found, None)
        else:
            from annotator.core.reports import GoldDecision

            _unchanged(
                "The gold decision",
                found,
                GoldDecision(self.article_id, start, end, self.label, self.reviewer),
            )
        for start, end in self._spans():
            target.clear_gold(self.article_id, start, end)
        for decision in self.before:
            target.set_gold(decision)
        return self._change()


@dataclass(frozen=True)
class PersonRows:
    """Which rows name one person (`EditTarget.person_rows`): the ids of their claims and of the
    gold claims they decided, and their "no claim" decisions (article, start, end)."""

    claims: frozenset[int] = frozenset()
    decided: frozenset[int] = frozenset()
    no_claims: frozenset[tuple[int, int, int]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.claims or self.decided or self.no_claims)

    def followed(self, ids: Mapping[int, int]) -> PersonRows:
        """The same rows, claims put back under a new id (`Command.follow`) named by it."""
        return PersonRows(
            frozenset(ids.get(i, i) for i in self.claims),
            frozenset(ids.get(i, i) for i in self.decided),
            self.no_claims,
        )


@dataclass(frozen=True)
class PersonRenamed:
    """What renaming person `old` to `new` wrote (`EditTarget.rename_person`), for its undo."""

    old: str
    new: str
    claims: tuple[int, ...] = ()
    """The ids of the claims that were `old`'s and are `new`'s now."""
    decided: tuple[int, ...] = ()
    """The gold claims `old` had decided (`Claim.decided_by`)."""
    no_claims: tuple[tuple[int, int, int], ...] = ()
    """The "no claim" decisions (article, start, end) `old` had made."""
    checks: tuple[tuple[int, int, int], ...] = ()
    """The label suggestions recorded beside `old`'s claims (`label_checks`), now `new`'s."""
    dropped: tuple[Claim, ...] = ()
    """The claims taken away where both names had labelled one span (`kept_of_one_person`)."""
    dropped_checks: tuple[tuple[int, int, int, str, str, float], ...] = ()
    """The `label_checks` rows taken away with them (article, start, end, annotator, label,
    confidence): of a dropped claim, or of none."""
    created_at: str | None = None
    """When `old` first labelled (its `annotators` row), None for a reviewer who never did."""
    new_was_there: bool = False
    """Whether `new` was a person of the project already (a merge of two names of one person)."""
    article_ids: frozenset[int] = frozenset()
    renames: tuple[tuple[str, str], ...] = ()
    """The project's record of renames (old name, new name) the rename rewrote, as they were:
    its own row's, the new name's (a name in use again) and those that had led to `old`."""
    left: PersonRows = PersonRows()
    """The rows naming `new` as the rename left them: the undo puts `old` back only over these,
    and refuses if another window or program has since labelled or decided as either name,
    deleted one of these rows, or renamed the person again (`RenameAnnotator.revert`)."""
    led_to_new: frozenset[str] = frozenset()
    """The old names the project's record of renames led to `new` as the rename left them: a
    merge may record another since (its file's own rename), which the undo would leave naming
    `new` though `new` went back to `old` (`RenameAnnotator.revert`)."""


def kept_of_one_person(claims: Sequence[Claim], new: str) -> Claim:
    """Of the claims two names of one person made on one span, the one a rename keeps.

    The one changed last: both are the same person's judgement of the same words, and the later
    is what they think now, as a merge takes the later of two versions of one claim. A tie (or
    no time to tell by) keeps the claim of `new`, the name kept. Refusing instead left a lead
    stuck: only a claim's own author may delete it, so the lead could not settle the clash.
    """
    never = datetime.min.replace(tzinfo=UTC)
    return max(claims, key=lambda c: (c.changed_at or never, c.annotator == new))


@dataclass
class RenameAnnotator(Command):
    """Put every claim, decision and record of person `old` under the name `new`, in one step.

    Where `new` is a person of the project already, the two become one; where both had labelled
    one span, one claim is kept (`kept_of_one_person`). Undo puts each row back under `old`,
    the claims taken away among them.
    """

    old: str
    new: str
    done: PersonRenamed | None = field(default=None, init=False)
    undone: tuple[PersonRows, PersonRows] | None = field(default=None, init=False)
    """The rows naming `old` and `new` as the last undo left them: a redo renames only over
    these (`apply`)."""

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"Rename {self.old} to {self.new}"

    def _change(self, renamed: tuple[str, str]) -> Change:
        assert self.done is not None
        return Change(
            article_ids=self.done.article_ids, claims=True, description=self.description, renamed=renamed
        )

    def apply(self, target: EditTarget) -> Change:
        if self.undone is not None:
            # A redo renames every row of `old` there is now: a claim labelled since as the old
            # name (in another window, by an import) would be swept under the new one unseen,
            # and after a rename elsewhere there is nothing of `old` left to rename. As the undo
            # does, it goes ahead only over the rows as the undo left them.
            was_old, was_new = self.undone
            _unchanged(f"What {self.old} labelled", target.person_rows(self.old), was_old)
            _unchanged(f"What {self.new} labelled", target.person_rows(self.new), was_new)
        self.done = target.rename_person(self.old, self.new)
        return self._change((self.old, self.new))

    def revert(self, target: EditTarget) -> Change:
        assert self.done is not None
        # Only over the rows as the rename left them: a claim labelled since as the new name
        # would be left to it while the person went back to the old one (two people again), one
        # labelled as the old name clashes with the claims put back, and after a second rename
        # nothing at all is under the new name to put back, yet the undo said it was done.
        _unchanged(f"What {self.new} labelled", target.person_rows(self.new), self.done.left)
        _unchanged(f"What {self.old} labelled", bool(target.person_rows(self.old)), False)
        # A name recorded since as `new`'s (a merged file's own rename, "robert" to bob) would
        # stay `new`'s once the undo made `new` `old` again: a later merge of that file's older
        # copy filed its labels under a name nobody had any more. A rename back takes it along.
        led = target.renamed_to(self.new)
        if led != self.done.led_to_new:
            since = ", ".join(sorted(led - self.done.led_to_new)) or "a name"
            # No `row`: the window says these words, which say what to do, not "changed elsewhere".
            raise ChangedMeanwhile(
                f"To call {self.new} {self.old} again, rename {self.new} to {self.old} (Team ▸ Rename"
                f" a Person…): the record of renames has since learnt that {since} became {self.new}"
                f" too (by a merge or another window), and undone, a later merge would still file"
                f" {since}'s labels under {self.new}, not {self.old}"
            )
        target.unrename_person(self.done)
        change = self._change((self.new, self.old))
        for claim in self.done.dropped:
            change = change | _put_back(claim, target.insert_claim(claim), self.description)
        self.undone = (target.person_rows(self.old), target.person_rows(self.new))
        return replace(change, claim_ids=frozenset(), spans=())

    def follow(self, change: Change) -> None:
        if self.done is None or not change.moved:
            return
        ids = {old_id: claim.id for old_id, claim in change.moved if claim.id is not None}
        dropped = tuple(_followed(claim, change) or claim for claim in self.done.dropped)
        self.done = replace(
            self.done,
            claims=tuple(ids.get(i, i) for i in self.done.claims),
            decided=tuple(ids.get(i, i) for i in self.done.decided),
            dropped=dropped,
            left=self.done.left.followed(ids),
        )
        if self.undone is not None:
            was_old, was_new = self.undone
            self.undone = (was_old.followed(ids), was_new.followed(ids))

    def rows(self) -> frozenset[Row] | None:
        if self.done is None:
            return None
        named: set[Row] = {("person", self.old), ("person", self.new)}
        named |= {("claim", i) for i in (*self.done.claims, *self.done.decided)}
        named |= {("claim", c.id) for c in self.done.dropped}
        named |= {("gold", *key) for key in self.done.no_claims}
        return frozenset(named)


GUIDELINES_META = "guidelines"
"""The `meta` key the project's own guidelines are stored under (none: the shipped ones show)."""


@dataclass
class SetGuidelines(Command):
    """Store `markdown` as the project's guidelines, in one step; undo puts back what they were.

    `stored` is what the project held under `GUIDELINES_META` when the person chose (None: no
    guidelines of its own). Each step checks the row is as the step before left it: another
    window may have saved its own guidelines meanwhile, which an undo or redo would otherwise
    replace unseen.

    `description` names the step on the history ("Undo …") and has no default: core cannot
    tell an edit from a reset to the shipped text, and a step made without one was called a
    reset whatever it stored. (`field()`: a bare annotation would take `Command.description`,
    "", as its default.)
    """

    markdown: str
    stored: str | None
    description: str = field()

    def _change(self) -> Change:
        return Change(guidelines=True, description=self.description)

    def _put(self, target: EditTarget, expected: str | None, value: str | None) -> Change:
        if target.get_meta(GUIDELINES_META) != expected:
            raise ChangedMeanwhile(
                "the guidelines were changed in another window since; open the Guidelines panel to"
                " see them as saved",
                row="The text of the guidelines",  # "… was changed elsewhere since"
            )
        target.put_meta(GUIDELINES_META, value)
        return self._change()

    def apply(self, target: EditTarget) -> Change:
        return self._put(target, self.stored, self.markdown)

    def revert(self, target: EditTarget) -> Change:
        return self._put(target, self.markdown, self.stored)

    def rows(self) -> frozenset[Row] | None:
        return frozenset({("meta", GUIDELINES_META)})
