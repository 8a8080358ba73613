"""What the use cases report back: plain data the CLI prints and the window shows.

These live in `core` (not beside the SQL or the service that fills them) so that the
window and the CLI can name them without reaching below the services layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.bidi import isolated
from annotator.core.model import Claim, ClaimLabel, stamp_moment
from annotator.core.text import counted
from annotator.core.titles import title_on_one_line

if TYPE_CHECKING:
    # Names only: the store imports this module for ImportReport, and the window's start-up
    # must not load the agreement code (see tests/ui/test_startup_imports.py).
    from annotator.core.agreement import AgreementReport, Figure, Scores, Span, Unit

__all__ = [
    "CHECK_HEADERS",
    "CheckedShare",
    "FigureCell",
    "GoldDecision",
    "ImportReport",
    "LabelConflict",
    "MergeConflict",
    "MergeReport",
    "ProjectStats",
    "RepeatedSource",
    "ReviewItem",
    "TeamStats",
    "agreement_cells",
    "agreement_rows",
    "check_rows",
    "gold_note",
]


def gold_note(decided: int, agreed: int, no_claim: int) -> str:
    """What the gold labels are made of, said after their total (nothing to say: nothing).

    Gold holds the spans everyone agreed on beside the reviewers' decisions, so the export and
    the release count them; a total of the decisions alone read 6 where the export wrote 9.
    "No claim" is a decision stored apart from the gold labels; left out, five decisions read
    as four gold labels, as if one had been lost. One wording for the report and the CLI.
    """
    parts = []
    if agreed:
        parts.append(f"{decided} decided in review, {agreed} everyone agreed on")
    if no_claim:
        parts.append(f"and {no_claim} 'no claim' decision{'' if no_claim == 1 else 's'}")
    return f" ({'; '.join(parts)})" if parts else ""


@dataclass(frozen=True)
class ImportReport:
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    joined_texts: int = 0
    """Articles made of several people's lines of one text (a Prodigy team's export)."""
    joined_people: int = 0
    """The people whose lines those articles joined."""
    repeated: int = 0
    """Of `duplicates`, the texts met earlier in this import, not in the project before it."""
    given: int = 0
    """Articles in the project before this import that it gave another person's labels."""
    differing: tuple[tuple[str, str], ...] = ()
    """(person, article title) of the labels skipped for a person the article holds labels of
    already, which are not the ones it holds (the person changed them since): never taken over
    the project's. The person is "" for labels that name no one."""
    conflicts: tuple[LabelConflict, ...] = ()
    """Labels not taken: an earlier line of this import gave the same person's span another label."""
    unnamed: tuple[tuple[str, str, int], ...] = ()
    """(file, the person its name may be or "", labels) of the labels this import stored as
    "imported"'s, their file naming no person: nothing else tells whose they are."""
    imported_in_all: int = 0
    """The labels stored as "imported"'s the project holds after this import, earlier imports'
    among them: the rename the import advises gives every one of them the name."""


@dataclass(frozen=True)
class LabelConflict:
    """One person's span labelled two ways by two lines of one import: the first line's label kept.

    Imported on two days, the project's label was kept and the later one said; in one import the
    whole import was refused, every other file and line with it.
    """

    person: str
    """"" for labels that name no one."""
    start: int
    end: int
    kept: str
    """The label (or "label, another note") kept, from the earlier line."""
    kept_at: str
    """The file and line it came from: "a.jsonl line 3"."""
    given: str
    given_at: str

    def words(self) -> str:
        """The conflict in one phrase: "alice's 0..31 at b.jsonl line 1 (opinion; factual at a.jsonl
        line 1 kept)".

        Labels naming no one are "no one's", as the store keeps them as "imported"'s."""
        whose = f"{self.person}'s" if self.person else "no one's"
        return (
            f"{whose} {self.start}..{self.end} at {self.given_at} ({self.given}; "
            f"{self.kept} at {self.kept_at} kept)"
        )


@dataclass(frozen=True)
class ProjectStats:
    articles: int
    by_status: Mapping[str, int]
    claims: int
    by_label: Mapping[str, int]
    by_annotator: Mapping[str, int]
    entities: int
    quotes: int
    candidates: int
    analysed: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "by_status": dict(self.by_status),
            "claims": self.claims,
            "by_label": dict(self.by_label),
            "by_annotator": dict(self.by_annotator),
            "entities": self.entities,
            "quotes": self.quotes,
            "candidates": self.candidates,
            "analysed": self.analysed,
        }


@dataclass(frozen=True)
class RepeatedSource:
    """A merge source that is the team file (`same_as` None) or a file named before it (`same_as`).

    Seen from the paths before anything opens, so the CLI and the window refuse it in their words.
    """

    source: Path
    same_as: Path | None


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """Something two files disagree on; the team file kept its own value."""

    # "title", "source", "meta", "label", "note", "decided_by", "claim" (the team's, not in the file),
    # "entity", "quote", "gold", "guidelines", "text" (a new article of a title the team file holds),
    # "rename" (a person renamed otherwise in the source's file than in the team file)
    kind: str
    content_hash: str
    title: str
    detail: str

    @property
    def both_kept(self) -> bool:
        """Whether both sides stand, not the team file's value alone: two texts are two
        articles, the new one came in beside the team's and nothing was kept out."""
        return self.kind == "text"

    def __str__(self) -> str:
        # Named as the window names it; a title of which nothing shows ("   ", U+200B) by its text.
        title = title_on_one_line(self.title)
        if not self.content_hash:  # of the project, not of an article (guidelines, a rename)
            where = "the team file"
        else:
            where = f"article {title!r}" if title else f"article {self.content_hash[:12]}"
        kept = "both are kept" if self.both_kept else "kept the team file's value"
        return f"{where}: {self.kind} differs ({self.detail}); {kept}"


@dataclass(frozen=True)
class DecisionsCarried:
    """Suggestions the team's entity decisions took out or added in articles analysed earlier."""

    articles: int = 0
    left_out: int = 0
    added: int = 0
    finished: bool = True
    """False when a cancel stopped it; the articles done so far keep their changes."""
    skipped: int = 0
    """Articles left as they were because the store refused one of their rows (a crafted file)."""
    problem: str = ""
    """The first refusal, naming the row."""

    def summary(self) -> str:
        said = (
            f"your team's entity decisions: {counted(self.left_out, 'suggestion')} left out, "
            f"{self.added} added"
            f" in {counted(self.articles, 'article')}"
        )
        if self.skipped:
            as_before = "it was" if self.skipped == 1 else "they were"
            said += f"; {counted(self.skipped, 'article')} left as {as_before}: {self.problem}"
        return said


@dataclass
class MergeReport:
    source: str
    articles_added: int = 0
    articles_matched: int = 0
    claims_added: int = 0
    claims_unchanged: int = 0
    claims_updated: int = 0
    """People's claims the source holds a newer version of (label, note), which replaced the team's."""
    claims_newer_in_team: int = 0
    """People's claims the team file holds newer than the source does: kept as the team has them,
    and no conflict (a copy of the team file sent back)."""
    claims_made_after_source: int = 0
    """People's claims the team file holds and the source lacks, made after the source's last
    stamp of their author: never in the source (a copy of the team file taken before them), or
    deleted there since, which leaves no stamp to tell it by. Kept, as a merge never deletes;
    counted with the newer ones, they were said to be "newer in the team file", false of a
    claim its author had taken back."""
    claims_dated_ahead: int = 0
    """People's claims of the source stamped well after this computer's clock (`store.merge.
    CLOCK_SLACK`): made on a laptop whose clock ran ahead, they fall on days to come in "Claims
    per day", a release card dates its labels by them, and the coordinator is told why."""
    entities_added: int = 0
    entity_decisions: int = 0
    names: dict[str, int] = field(default_factory=dict)
    """The entity rows added or decided above, by what they now say (`EntityStatus` values):
    the report speaks of names found, checked and added, not of rows."""
    suggestions_replaced: int = 0
    """Suggestions of another type the team file held on the spans where the source brought a
    name a person accepted or added (`store.project_store.OTHER_TYPES_SUGGESTED_AT`), rejected
    as that person's acceptance rejects them in one project: the names above came in their
    place, which "N names people added" alone did not tell."""
    quote_corrections: int = 0
    gold_decisions: int = 0
    """Reviewers' decisions (gold labels and "no claim") the team file did not have."""
    decisions_to_look_at: int = 0
    """Decided spans this file brought a person's label to that differs from the decision and was
    made after it (`ReviewItem.came_after`): the decision is kept, and the review shows the span
    again; said nowhere, the lead took the span for settled though they never saw that label."""
    suggestions_left_out: int = 0
    """Suggestion rows of the source too large to read (a crafted file's), not merged: its
    articles came in without them, as opening it shows them (`ProjectStore.leave_out_oversized`)."""
    renamed: dict[str, str] = field(default_factory=dict)
    """People of the source under a name the team file has renamed since (old -> new, its
    `renames`): their labels came in under the new name, not as a second person again."""
    renames_carried: dict[str, str] = field(default_factory=dict)
    """The source's own renames (old -> new) the team file now records too, under the name it
    uses: a copy of that file handed out before the rename comes in under the new name."""
    renames_not_carried: dict[str, str] = field(default_factory=dict)
    """The source's renames whose old name the team file still has as a person: not recorded,
    as the record would leave that person's labels where they are; said with what to do."""
    conflicts: list[MergeConflict] = field(default_factory=list)
    carried: DecisionsCarried | None = None
    """On the last file's report: what the merged entity decisions then changed in the team
    file's articles (`services.merging.merge_files`)."""

    def summary(self, *, source: str = "") -> str:
        """What the merge of one file brought, naming it as `source` (else `self.source`).

        Names and conflicts are said when there are some: "no names; 0 conflicts" closed every
        merge of a file of labels alone, words a coordinator had to puzzle out to learn nothing.
        """
        parts = [
            f"{counted(self.articles_added, 'new article')}, {self.articles_matched} already there",
            f"{counted(self.claims_added, 'claim')} added, {self.claims_unchanged} already there",
        ]
        if self.claims_updated:
            parts.append(f"{counted(self.claims_updated, 'claim')} updated to this file's newer version")
        if self.claims_newer_in_team:
            parts.append(f"{counted(self.claims_newer_in_team, 'claim')} newer in the team file kept")
        if self.claims_made_after_source:
            parts.append(
                f"{counted(self.claims_made_after_source, 'claim')} not in this file, made after its"
                " author's last change there, kept (deleted there since, or never in it)"
            )
        for old, new in sorted(self.renamed.items()):
            parts.append(f"{old}'s labels came in as {new}'s ({old} was renamed {new} in the team file)")
        for old, new in sorted(self.renames_carried.items()):
            parts.append(
                f"{old} was renamed {new} in this file, which the team file now knows: an older copy's"
                f" labels by {old} will come in as {new}'s"
            )
        for old, new in sorted(self.renames_not_carried.items()):
            parts.append(
                f"{old} was renamed {new} in this file, but the team file still has {old} as a person:"
                f" rename {old} to {new} in the team file to make them one"
            )
        if self.claims_dated_ahead:
            parts.append(
                f"{counted(self.claims_dated_ahead, 'claim')} dated ahead of this computer's clock"
                " (the clock where they were made ran ahead)"
            )
        if names := self._names_said():
            parts.append(names)
        if self.suggestions_replaced:
            replaced = counted(self.suggestions_replaced, "suggestion")
            parts.append(f"{replaced} of another type replaced by this file's names")
        if self.quote_corrections:
            parts.append(counted(self.quote_corrections, "quotation correction"))
        if self.gold_decisions:
            parts.append(f"{counted(self.gold_decisions, 'gold decision')} added")
        if self.decisions_to_look_at:
            have = "has" if self.decisions_to_look_at == 1 else "have"
            parts.append(
                f"{counted(self.decisions_to_look_at, 'decided span')} {have} new labels to look at"
                " (Review Disagreements)"
            )
        if self.suggestions_left_out:
            parts.append(f"{counted(self.suggestions_left_out, 'suggestion')} too large to read left out")
        if self.conflicts:
            parts.append(counted(len(self.conflicts), "conflict"))
        said = f"{source or self.source}: " + "; ".join(parts)
        if self.carried is not None and (self.carried.articles or self.carried.skipped):
            line = self.carried.summary()
            said += "\n" + line[:1].upper() + line[1:]
        return said

    def count_name(self, status: str) -> None:
        self.names[status] = self.names.get(status, 0) + 1

    def _names_said(self) -> str:
        """The merged entities in a coordinator's words: what people decided on names, and the
        names pre-annotation found that nobody has checked yet ("341 entity rows/decisions"
        said nothing a coordinator could use)."""
        accepted, rejected, added, unchecked = (
            self.names.get(status, 0) for status in ("accepted", "rejected", "added", "suggested")
        )
        said = []
        if accepted or rejected:
            said.append(f"names people checked: {accepted} accepted, {rejected} rejected")
        if added:
            said.append(f"{counted(added, 'name')} people added")
        if unchecked:
            said.append(f"{counted(unchecked, 'name')} found by pre-annotation, not yet checked")
        return "; ".join(said)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "articles_added": self.articles_added,
            "articles_matched": self.articles_matched,
            "claims_added": self.claims_added,
            "claims_unchanged": self.claims_unchanged,
            "claims_updated": self.claims_updated,
            "claims_newer_in_team": self.claims_newer_in_team,
            **(
                {"claims_made_after_source": self.claims_made_after_source}
                if self.claims_made_after_source
                else {}
            ),
            **({"claims_dated_ahead": self.claims_dated_ahead} if self.claims_dated_ahead else {}),
            **({"renamed": dict(sorted(self.renamed.items()))} if self.renamed else {}),
            **(
                {"renames_carried": dict(sorted(self.renames_carried.items()))}
                if self.renames_carried
                else {}
            ),
            **(
                {"renames_not_carried": dict(sorted(self.renames_not_carried.items()))}
                if self.renames_not_carried
                else {}
            ),
            "entities_added": self.entities_added,
            "entity_decisions": self.entity_decisions,
            "names": dict(sorted(self.names.items())),
            "suggestions_replaced": self.suggestions_replaced,
            "quote_corrections": self.quote_corrections,
            "gold_decisions": self.gold_decisions,
            **({"suggestions_left_out": self.suggestions_left_out} if self.suggestions_left_out else {}),
            **({"entity_decisions_carried": asdict(self.carried)} if self.carried else {}),
            "conflicts": [
                {"kind": c.kind, "content_hash": c.content_hash, "title": c.title, "detail": c.detail}
                for c in self.conflicts
            ],
        }


@dataclass(frozen=True, slots=True)
class GoldDecision:
    """What a reviewer decided for a span: a label, or None for "no claim"."""

    article_id: int
    start: int
    end: int
    label: ClaimLabel | None
    decided_by: str
    note: str = ""
    decided_at: str = field(default="", compare=False)
    """When it was decided ("" for one not yet stored): a person's label on the span made or
    changed after it is one the reviewer never saw (`ReviewItem.came_after`). Not compared, so a
    decision is the same decision whenever it was stored; kept by an undo that puts it back."""


def labels_after(decision: GoldDecision | None, claims: Iterable[Claim]) -> tuple[str, ...]:
    """Who, of `claims`' people, labelled otherwise than `decision` after it was decided, sorted.

    Empty when there is no decision, or its time is not known (a decision not stored yet).
    """
    decided = stamp_moment(decision.decided_at) if decision is not None else None
    if decision is None or decided is None:
        return ()
    return tuple(
        sorted(
            claim.annotator
            for claim in claims
            if not claim.is_gold
            and ClaimLabel(claim.label) != decision.label
            and (changed := claim.changed_at) is not None
            and changed > decided
        )
    )


@dataclass(frozen=True)
class ReviewItem:
    """One disagreement to adjudicate, with the article text around it and any decision made."""

    unit: Unit
    title: str
    text: str
    decision: GoldDecision | None = None

    @property
    def article_id(self) -> int:
        return self.unit.article_id

    @property
    def span(self) -> Span:
        return self.unit.span

    @property
    def came_after(self) -> tuple[str, ...]:
        """The people whose label here differs from the decision and was made or changed after it.

        A merge brings a file's labels as they were made, so a decision taken before carol's
        file came in, or before alice relabelled, stood as settled though the reviewer never
        saw the label that disputes it: the review skipped the span and gold kept the old
        decision. Such a decision is kept, and shown to be looked at again, until the reviewer
        decides the span again (which stamps it anew). Empty when there is no decision, or it
        names no time.
        """
        return labels_after(self.decision, self.unit.claims.values())

    def context(self, *, chars: int = 300) -> tuple[str, int, int]:
        """A window of about `chars` characters either side of the span, and the span's offsets
        inside it.

        The window is cut at whitespace, never inside a word ("n Saturday morning" read as a
        typo in the text), and "… " or " …" stands where text was left out, so a reviewer
        knows the context goes on.
        """
        text = self.text
        start, end = self.span
        left = max(0, start - chars)
        right = min(len(text), end + chars)
        if left > 0:
            while left < start and not text[left - 1].isspace():
                left += 1  # to the start of the next word
            while left < start and text[left].isspace():
                left += 1
        if right < len(text):
            while right > end and not text[right].isspace():
                right -= 1  # to the end of the word before
            while right > end and text[right - 1].isspace():
                right -= 1
        before = "… " if left > 0 else ""
        after = " …" if right < len(text) else ""
        shift = len(before) - left
        return before + text[left:right] + after, start + shift, end + shift


@dataclass(frozen=True, slots=True)
class CheckedShare:
    """One line of "pre-annotation, as people checked it": of the suggestions people decided
    on, how many pre-annotation had right. The project's own text is the one held-out set
    every project has; these figures are measured on it."""

    what: str
    checked: int
    right: int
    added: int | None = None
    """What people added that pre-annotation missed (None where nothing can be missed)."""
    unchecked: int | None = None
    """Suggestions nobody has decided on yet (None where the line counts no suggestions)."""

    @property
    def share(self) -> float | None:
        return self.right / self.checked if self.checked else None


@dataclass(frozen=True)
class TeamStats:
    """What the dashboard and the HTML report show."""

    annotators: tuple[str, ...]
    days: tuple[str, ...]
    per_day: Mapping[str, tuple[int, ...]]  # annotator -> claims created on each of `days`, local time
    labels: Mapping[str, Mapping[str, int]]  # annotator -> label -> claims
    per_article: tuple[tuple[int, str, Mapping[str, int]], ...]  # (id, title, annotator -> claims)
    agreement: AgreementReport
    gold: int = 0
    """Gold labels the reviewers decided (a label each; "no claim" decisions are `no_claim`)."""
    agreed: int = 0
    """Gold labels nobody had to decide: spans every annotator agreed on (`agreed_gold`), which
    the export and the release hold beside the decisions."""
    no_claim: int = 0
    """Reviewers' "no claim" decisions: no gold label, yet a decision, named beside `gold` so
    the reviewers' decisions add up."""
    articles: int = 0
    claims: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)
    checks: tuple[CheckedShare, ...] = ()
    """Pre-annotation as people checked it (`services.statistics.preannotation_checks`)."""
    time_zone: str = ""
    """The zone `days` are counted in (the computer's own, e.g. "EST/EDT"), for the report to name."""

    def cumulative(self, annotator: str) -> tuple[int, ...]:
        total = 0
        result = []
        for count in self.per_day[annotator]:
            total += count
            result.append(total)
        return tuple(result)


# -- how the window and the HTML report show the figures --------------------------------------


def agreement_rows(report: AgreementReport) -> list[tuple[str, str, Scores]]:
    """(who, label or 'all', scores): the rows of the agreement table in the window and the report."""
    rows = [("team", "all", report.team)]
    rows += [("team", label, s) for label, s in report.team_by_label.items()]
    for pair in report.pairs:
        who = " vs ".join(pair.annotators)
        rows.append((who, "all", pair.overall))
        rows += [(who, label, s) for label, s in pair.by_label.items()]
    return rows


@dataclass(frozen=True)
class FigureCell:
    """An agreement figure as the window and the report show it: `value`, then `counts`, what it
    rests on in words ("on 15 shared spans", "on 42 label pairs"), and `tip`, that in a sentence."""

    value: str
    counts: str
    tip: str

    @property
    def text(self) -> str:
        return f"{self.value} {self.counts}"


def _value(figure: Figure) -> str:
    return "n/a" if figure.value is None else f"{figure.value:.3f}"


def _pair_cells(
    names: tuple[str, str], label: str, scores: Scores, *, share_an_article: bool
) -> tuple[FigureCell, ...]:
    """A pair's kappa and alpha rest on the same items, the spans both marked (matched one to
    one, `core.agreement._pair_scores`); its F1's n is both people's claims on the articles both
    labelled, a span both marked counted once for each."""
    a, b = names
    shared = scores.kappa.items
    said = "the labels they gave" if label == "all" else f"whether each said {label}"
    claim = "claim" if label == "all" else f"{label} claim"
    kappa_tip = f"Cohen's kappa on {said}, over the {counted(shared, 'span')} both {a} and {b} marked."
    both = f"{counted(scores.alpha.items, 'span')} both {a} and {b} marked"
    alpha_tip = f"Krippendorff's alpha on {said}, over the {both}."
    f1_tip = (
        f"The share of {a}'s and {b}'s {counted(scores.f1.items, claim)}, on the articles both labelled, "
        f"that the other marked too{'' if label == 'all' else f' as {label}'}."
    )
    if not share_an_article:
        kappa_tip = alpha_tip = f1_tip = f"n/a: {a} and {b} labelled no article in common."
    else:
        if scores.kappa.value is None:
            kappa_tip = _pair_undefined("kappa", names, label, scores)
        if scores.alpha.value is None:
            alpha_tip = _pair_undefined("alpha", names, label, scores)
        if scores.f1.value is None:
            f1_tip = f"n/a: neither marked {_a(label)} {label} claim on the articles both labelled."
    return (
        FigureCell(_value(scores.kappa), f"on {counted(shared, 'shared span')}", kappa_tip),
        FigureCell(_value(scores.alpha), f"on {counted(scores.alpha.items, 'shared span')}", alpha_tip),
        FigureCell(_value(scores.f1), f"of {counted(scores.f1.items, 'claim')}", f1_tip),
    )


def _a(word: str) -> str:
    """The article a label takes: "an opinion claim", "a factual claim"."""
    return "an" if word[:1] in "aeiou" else "a"


def _pair_undefined(figure: str, names: tuple[str, str], label: str, scores: Scores) -> str:
    """Why a pair's kappa or alpha is n/a, in a sentence.

    "n/a" alone read as "nothing to compare" for two people who gave every span both marked
    the same label: agreement then cannot be told from chance, which is what both figures
    measure (`core.agreement.cohen_kappa`), while span F1 still says how far they agreed.
    """
    a, b = names
    n = scores.kappa.items
    if n == 0:
        return f"n/a: {a} and {b} marked no span in common."
    spans = {1: "the span", 2: "both spans"}.get(n, f"all {n} spans")
    chance = f"so chance alone would agree as much and {figure} cannot tell them apart"
    if label == "all":
        return f"n/a: on {spans} both {a} and {b} marked they gave one and the same label, {chance}."
    if scores.f1.value:  # both said it on a span they both marked, so on every one
        return f"n/a: both said {label} on {spans} both {a} and {b} marked, {chance}."
    return f"n/a: neither said {label} on any of the {n} spans both {a} and {b} marked, {chance}."


def _team_cells(label: str, scores: Scores, *, pairs_share_articles: bool) -> tuple[FigureCell, ...]:
    """The team's three figures count three different things (`core.agreement._team_scores`):
    kappa, a mean over the pairs, each pair's shared spans added up (a span three people marked
    is three pairs of labels); alpha, the spans two or more people marked, once each; F1, each
    pair's claims added up (a claim counts once for each other person on its article)."""
    said = "the labels people gave" if label == "all" else f"whether each said {label}"
    claims = "claims" if label == "all" else f"{label} claims"
    kappa_tip = (
        f"The mean of every pair's kappa on {said}; n adds up the spans each pair both marked "
        "(a pair whose kappa is n/a left out), so a span three people marked is three pairs of labels."
    )
    marked = f"{counted(scores.alpha.items, 'span')} two or more people marked"
    alpha_tip = f"Krippendorff's alpha on {said}, over the {marked}."
    f1_tip = (
        f"The share of {claims} the other person of a pair marked too, over every pair; n adds up "
        "each pair's claims, so a claim counts once for each other person on its article."
    )
    one_label = (
        "gave the spans both marked one and the same label"
        if label == "all"
        else f"both said {label} on every span both marked, or neither on any"
    )
    if not pairs_share_articles:
        kappa_tip = alpha_tip = f1_tip = "n/a: no two people labelled an article in common."
    else:
        if scores.kappa.value is None:
            kappa_tip = (
                "n/a: no pair's kappa can be worked out, as each pair marked no span in common or "
                f"{one_label}, so chance alone would agree as much."
            )
        if scores.alpha.value is None:
            alpha_tip = (
                "n/a: no span was marked by two or more people."
                if scores.alpha.items == 0
                else f"n/a: on the {marked}, everyone gave "
                + (
                    "one and the same label"
                    if label == "all"
                    else f"{label} to all of them, or nobody to any"
                )
                + ", so chance alone would agree as much and alpha cannot tell them apart."
            )
        if scores.f1.value is None:
            f1_tip = f"n/a: nobody marked {_a(label)} {label} claim on an article two people labelled."
    return (
        FigureCell(_value(scores.kappa), f"on {counted(scores.kappa.items, 'label pair')}", kappa_tip),
        FigureCell(_value(scores.alpha), f"on {counted(scores.alpha.items, 'shared span')}", alpha_tip),
        FigureCell(_value(scores.f1), f"of {counted(scores.f1.items, 'claim')} by pair", f1_tip),
    )


def agreement_cells(report: AgreementReport) -> list[tuple[str, str, tuple[FigureCell, ...]]]:
    """The agreement table as the window and the report show it: (who, label or 'all', the
    kappa, alpha and span F1 cells), in `agreement_rows`' order.

    "0.622 (n=15)" beside "0.598 (n=24)" gave no word on what either n counted, and the
    team's kappa and alpha count different things.
    """
    # Whoever shares an article has claims on it, so F1 of all labels has an n exactly then.
    team_shares = report.team.f1.items > 0
    rows: list[tuple[str, str, tuple[FigureCell, ...]]] = [
        ("team", "all", _team_cells("all", report.team, pairs_share_articles=team_shares))
    ]
    rows += [
        ("team", label, _team_cells(label, s, pairs_share_articles=team_shares))
        for label, s in report.team_by_label.items()
    ]
    for pair in report.pairs:
        # Each name isolated (`core.bidi`): an override in one (U+202E) ran on through " vs " and
        # the other name, and "مريم\u202e evil vs zoë" read "ëoz sv live مريم", in the cell and in
        # every tip that names the pair.
        a, b = (isolated(name) for name in pair.annotators)
        who = f"{a} vs {b}"
        shares = pair.overall.f1.items > 0
        rows.append((who, "all", _pair_cells((a, b), "all", pair.overall, share_an_article=shares)))
        rows += [
            (who, label, _pair_cells((a, b), label, s, share_an_article=shares))
            for label, s in pair.by_label.items()
        ]
    return rows


CHECK_HEADERS = ("Pre-annotation", "Checked", "Right", "Share right", "Added", "Not checked")
"""The columns of the checks table in the window and the report."""


def check_rows(checks: tuple[CheckedShare, ...]) -> list[tuple[str, ...]]:
    """The checks table's cells, as the window and the HTML report show them."""
    return [
        (
            line.what,
            str(line.checked),
            str(line.right),
            "n/a" if line.share is None else f"{line.share:.3f}",
            "" if line.added is None else str(line.added),
            "" if line.unchecked is None else str(line.unchecked),
        )
        for line in checks
    ]
