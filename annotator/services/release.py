"""Release a project as a training dataset: splits, a dataset card, sources and checksums.

`plan_release` decides everything that can be decided without writing (which labels,
which articles go to which split, pseudonyms, ties, agreement), fast enough for the
window to preview it; `write_release` then writes the folder:

    README.md        dataset card (Hugging Face format: YAML header, then prose and tables)
    GUIDELINES.md    the project's labelling guidelines
    SOURCES.md       title, source, URL and licence of every article
    TIES.md          (majority only) spans left out because the vote was tied
    claims/SPLIT.jsonl     one claim a line with its sentence, for text classification
    articles/SPLIT.jsonl   Prodigy-style tasks, one article a line
    spacy/SPLIT.spacy, spacy/textcat_SPLIT.spacy   DocBins for `spacy train`
    SHA256SUMS       `sha256sum -c` checks every other file

The folder is written under a temporary name beside the destination and renamed at
the end, so an interrupted release leaves nothing under the name asked for. Replacing an
earlier release exchanges the two names in one step where the system can (Linux's
`renameat2`), so the name always holds a whole release, the old or the new; elsewhere it
takes two renames (the old one aside, the new one in), and a process killed between them
leaves the name empty until the next look at it (`recover_release_folder`, from
`check_release_folder`) puts the new one in, or the old one back. Both hidden folders carry
the process id, so the next release removes what is left. The same
project and options give byte-identical files: nothing depends on the clock, the
machine or the order rows come back in (the card's date is that of the newest label).
"""

from __future__ import annotations

import ctypes
import dataclasses
import errno
import hashlib
import json
import logging
import multiprocessing
import os
import random
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol
from urllib.parse import urlsplit

from annotator import __version__
from annotator.core.agreement import LABELS, AgreementReport, MatchMode, build_units, compute_agreement
from annotator.core.errors import Cancelled, InputFileError, UserError
from annotator.core.model import (
    GOLD_ANNOTATOR,
    AnnotatedArticle,
    Article,
    ArticleStatus,
    ArticleSummary,
    Claim,
    ClaimLabel,
    newest_stamp,
)
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.reports import GoldDecision, agreement_cells
from annotator.core.splits import SPLIT_NAMES, assign_splits, check_ratios, check_seed
from annotator.core.text import counted, sizes_over
from annotator.formats.readers import read_regular
from annotator.formats.writers import claims_jsonl_lines, prodigy_line
from annotator.nlp.tokenizer import tokenize, tokenizer_name
from annotator.services.adjudication import agreed_gold, with_agreed
from annotator.services.exporting import Tokenizer, keep_tokens, widened_notes
from annotator.services.guidelines import GUIDELINES_KEY, default_guidelines
from annotator.services.outputs import UMASK as _UMASK
from annotator.services.outputs import (
    LeftFolder,
    check_output_path,
    dead_folders_beside,
    moved_aside_name,
    part_prefix,
    remove_stale_parts,
)
from annotator.services.outputs import write_error as _os_error  # one way to word a failed write
from annotator.services.paths import project_stem

if TYPE_CHECKING:
    from annotator.formats.spacy_docbin import DocBinParts, WidenedClaim

log = logging.getLogger(__name__)

LABEL_MODES = ("gold", "majority", "all")
MAJORITY_ANNOTATOR = "majority"
NO_CLAIM = "no claim"
CHECKSUMS = "SHA256SUMS"
DEFAULT_LIMITATIONS = (
    "_Edit this section before publishing._ Say what the labels are for (for example, training "
    "a check-worthiness or claim-type classifier on news text), what they are not for, and what "
    "the data leaves out: the period, outlets and languages the articles come from, how the "
    "annotators were chosen and trained, and the labels' known weak spots (this card's "
    "inter-annotator agreement section shows where people disagreed). The labels say how a "
    "sentence was *presented*, not whether it is true."
)


class ReleaseSource(Protocol):
    """What a release reads from a project (`annotator.services.project.Project` provides it)."""

    @property
    def path(self) -> Path: ...

    def articles(self) -> list[ArticleSummary]: ...

    def article_count(self) -> int: ...

    def iter_annotated(
        self,
        *,
        status: ArticleStatus | str | None = None,
        tokenizer: str | None = None,
        claims: bool = True,
    ) -> Iterator[AnnotatedArticle]: ...

    def iter_claims(self) -> Iterator[Claim]: ...

    def reviewers(self) -> list[str]: ...

    def gold_decisions(self) -> list[GoldDecision]: ...

    def get_meta(self, key: str, default: str | None = None) -> str | None: ...


@dataclass(frozen=True)
class ReleaseOptions:
    """How to release: see `annotator release --help` for what each option means to a user."""

    seed: int = 0
    split: tuple[float, float, float] = (0.8, 0.1, 0.1)
    labels: str = "gold"
    pseudonymise: bool = False
    license: str = ""
    name: str = ""
    force: bool = False
    keep_paths: bool = False
    """Keep import paths and path-like metadata as recorded (they may name a user's folders)."""
    limitations: str = ""
    """Markdown for the card's "Intended use and limitations"; empty: a placeholder to edit."""
    match: MatchMode = "exact"
    """With gold labels: how the review matched spans, so the release counts as undecided
    what that review showed undecided (`adjudication.agreed_gold`)."""
    licence_advice: str = "release again with `--license SPDX`"
    """What the card tells whoever released without a licence to do, in the words of the place
    they released from: the command line's option by default; the window names its box, which
    is all a person there has (the card said "--license" to them too)."""

    def __post_init__(self) -> None:
        """Refuse a seed `--seed` and the window's box refuse, here where a script passes too:
        -3 made seed 3's split, and one above the box a release the window cannot repeat."""
        check_seed(self.seed)


@dataclass(frozen=True)
class Tie:
    """A span whose vote was tied, left out of a majority release."""

    article_id: int
    start: int
    end: int
    votes: Mapping[str, int]


@dataclass(frozen=True)
class SplitSummary:
    name: str
    articles: int
    claims: int
    labels: Mapping[str, int]


@dataclass(frozen=True)
class ReleasePlan:
    """Everything decided before writing; the window previews it, `write_release` writes it."""

    options: ReleaseOptions
    splits: Mapping[str, tuple[int, ...]]
    """Article ids per split, in id order (`assign_splits` sorts them): the order of the files."""
    claims: Mapping[int, tuple[Claim, ...]]
    pseudonyms: Mapping[str, str]
    annotator_claims: Mapping[str, int]
    agreement: AgreementReport
    """The team's and each pair's figures over the released articles (no per-article figures)."""
    ties: tuple[Tie, ...] = ()
    majority_no_claim: int = 0
    gold_agreed: int = 0
    """gold: claims that are spans every annotator of the article agreed on (no decision there)."""
    gold_undecided: int = 0
    """gold: disagreements in the released articles that no reviewer has decided yet."""
    articles_without_labels: int = 0
    titles: Mapping[int, str] = field(default_factory=dict)

    def summaries(self) -> list[SplitSummary]:
        result = []
        for name in SPLIT_NAMES:
            ids = self.splits.get(name, ())
            labels = Counter(c.label.value for a in ids for c in self.claims[a])
            result.append(
                SplitSummary(
                    name=name,
                    articles=len(ids),
                    claims=sum(labels.values()),
                    labels={label: labels.get(label, 0) for label in LABELS},
                )
            )
        return result

    @property
    def article_count(self) -> int:
        return sum(len(ids) for ids in self.splits.values())

    @property
    def claim_count(self) -> int:
        return sum(len(claims) for claims in self.claims.values())


@dataclass(frozen=True)
class ReleaseResult:
    path: Path
    plan: ReleasePlan
    files: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """What the files hold that differs from the project (claims widened to whole words in
    the spaCy files), as an export's notes: the CLI prints them, the window shows them."""

    def summary(self) -> str:
        parts = ", ".join(
            f"{s.name} {counted(s.articles, 'article')} / {counted(s.claims, 'claim')}"
            for s in self.plan.summaries()
        )
        ties = f"; {counted(len(self.plan.ties), 'tied span')} left out (TIES.md)" if self.plan.ties else ""
        what = f"{counted(self.plan.claim_count, 'claim')} ({self.plan.options.labels})"
        return "; ".join((f"released {what} to {self.path}: {parts}{ties}", *self.notes))


# -- options ---------------------------------------------------------------------------------------

_LICENSE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")


MAX_LIMITATIONS_BYTES = 1024 * 1024
"""A card section, not a book: a bigger `--limitations` file is refused unread."""


def read_limitations(path: Path) -> str:
    """The Markdown of `annotator release --limitations FILE`: UTF-8 text in a regular file.

    Read as every input is (`formats.readers.read_regular`), never with `Path.read_text`:
    a FIFO given there hung the release for ever, and /dev/zero ran it out of memory (exit
    3). The first check only words the common refusals for this option; the reader refuses
    whatever changes in between.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(
            path,
            "is not a regular file (a folder, a pipe or a device); give a Markdown file for --limitations",
        )
    if info.st_size > MAX_LIMITATIONS_BYTES:
        shown, limit = sizes_over(info.st_size, MAX_LIMITATIONS_BYTES)
        raise InputFileError(
            path, f"holds {shown}, over the {limit} a card's limitations section may hold; shorten it"
        )
    data = read_regular(path, MAX_LIMITATIONS_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            path, f"cannot be read as UTF-8 text (byte {exc.start} is not UTF-8); save it as UTF-8"
        ) from None


def is_spdx_identifier(licence: str) -> bool:
    """Whether `licence` is written as an SPDX identifier is (CC-BY-4.0, not "CC BY 4.0"), as a
    release's `license` must be: the dialog asks before it starts, in its own words."""
    return bool(_LICENSE_RE.match(licence))


def check_options(options: ReleaseOptions) -> None:
    if options.labels not in LABEL_MODES:
        raise UserError(f"unknown label choice {options.labels!r}; choose one of {', '.join(LABEL_MODES)}")
    try:
        check_ratios(options.split)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if options.license and not is_spdx_identifier(options.license):
        raise UserError(
            f"licence {options.license!r} is not an SPDX identifier such as CC-BY-4.0, CC-BY-SA-4.0 or MIT"
        )


# -- planning --------------------------------------------------------------------------------------


def pseudonyms_for(names: Iterable[str], *, seed: int, role: str = "annotator") -> dict[str, str]:
    """annotator-1, annotator-2, ... in a seeded order, so numbers do not give away alphabetical order."""
    order = sorted(set(names))
    random.Random(seed).shuffle(order)
    return {name: f"{role}-{i}" for i, name in enumerate(order, start=1)}


@lru_cache(maxsize=4)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Built once per set of names: a release replaces names in every claim's note."""
    names = tuple(sorted((n for n in names if n.strip()), key=lambda n: (-len(n), n)))
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)


def _written_as(found: str, name: str) -> bool:
    """Whether `found` (matched ignoring case) is the name: every capital of the name is a capital in it.

    Names such as Will, May, Mark or Rose are also ordinary words: "I will check" must not become
    "I annotator-1 check". Where the name has a capital, the word written without it is taken for
    the ordinary word; written with it (anywhere, even at a sentence start, or in capitals) it is
    taken for the name, erring on privacy. A name kept in lower case ("dana", a handle) is replaced
    however it is written, since the text gives nothing to tell it apart.
    """
    return len(found) != len(name) or not any(
        n.isupper() and f.islower() for f, n in zip(found, name, strict=True)
    )


def replace_names(text: str, pseudonyms: Mapping[str, str]) -> str:
    """Every annotator's name in free text (notes, guidelines) replaced by their pseudonym."""
    if not text:
        return text
    pattern = _name_pattern(tuple(pseudonyms))
    if pattern is None:
        return text
    lowered: dict[str, list[tuple[str, str]]] = {}
    for name, pseudonym in pseudonyms.items():
        lowered.setdefault(name.lower(), []).append((name, pseudonym))

    def replacement(match: re.Match[str]) -> str:
        found = match.group(0)
        candidates = lowered.get(found.lower())
        if candidates is None:  # a case folding lower() does not undo; keep the old caution
            return "annotator"
        for name, pseudonym in candidates:
            if _written_as(found, name):
                return pseudonym
        return found

    return pattern.sub(replacement, text)


def _majority(
    claims: list[Claim],
) -> tuple[dict[int, list[Claim]], list[Tie], int]:
    """One label per span by vote; an annotator who labelled the article but not the span votes "no claim"."""
    released: dict[int, list[Claim]] = {}
    ties: list[Tie] = []
    no_claim = 0
    for unit in build_units(claims, match="exact"):
        votes = Counter(c.label.value for c in unit.claims.values())
        missing = len(unit.annotators_on_article) - len(unit.claims)
        if missing:
            votes[NO_CLAIM] = missing
        ranked = votes.most_common()
        start, end = unit.span
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            ties.append(Tie(unit.article_id, start, end, dict(sorted(votes.items()))))
            continue
        winner = ranked[0][0]
        if winner == NO_CLAIM:
            no_claim += 1
            continue
        # Stamped with the newest vote, so the card's "labels as of" date covers it.
        stamp = newest_stamp(unit.claims.values())
        released.setdefault(unit.article_id, []).append(
            Claim(unit.article_id, start, end, ClaimLabel(winner), MAJORITY_ANNOTATOR, created_at=stamp)
        )
    return released, ties, no_claim


def plan_release(source: ReleaseSource, options: ReleaseOptions | None = None) -> ReleasePlan:
    """Choose the labels, pseudonyms and splits; reads the project, writes nothing."""
    options = options or ReleaseOptions()
    check_options(options)
    summaries = source.articles()
    all_claims = list(source.iter_claims())
    people = sorted({c.annotator for c in all_claims if c.annotator != GOLD_ANNOTATOR})
    pseudonyms = (
        pseudonyms_for(people, seed=options.seed) if options.pseudonymise else {name: name for name in people}
    )
    if options.pseudonymise:
        # A reviewer who labelled nothing owns no claim, yet their name stands in gold notes
        # and the guidelines ("ask Dana"); people keep their numbers, reviewers get their own.
        others = set(source.reviewers()) - set(people) - {GOLD_ANNOTATOR}
        pseudonyms.update(pseudonyms_for(others, seed=options.seed, role="reviewer"))

    def renamed(claim: Claim) -> Claim:
        note = replace_names(claim.note, pseudonyms) if options.pseudonymise else claim.note
        annotator = pseudonyms.get(claim.annotator, claim.annotator)
        if annotator == claim.annotator and note == claim.note:
            return claim
        return dataclasses.replace(claim, annotator=annotator, note=note)

    person_claims = [renamed(c) for c in all_claims if c.annotator != GOLD_ANNOTATOR]
    ties: list[Tie] = []
    no_claim = 0
    released: dict[int, list[Claim]] = {}
    agreed_count = undecided = 0
    if options.labels == "gold":
        for claim in all_claims:
            if claim.annotator == GOLD_ANNOTATOR:
                released.setdefault(claim.article_id, []).append(renamed(claim))
        agreed = agreed_gold(all_claims, source.gold_decisions(), match=options.match)
        for article_id, found in agreed.claims.items():
            released[article_id] = with_agreed(released.get(article_id, []), found)
        agreed_count, undecided = sum(map(len, agreed.claims.values())), agreed.undecided
    elif options.labels == "all":
        for claim in person_claims:
            released.setdefault(claim.article_id, []).append(claim)
    else:
        released, ties, no_claim = _majority(person_claims)
    # Agreement among the people whose work went into the released articles.
    agreement = compute_agreement((c for c in person_claims if c.article_id in released), per_article=False)
    counts = {a: Counter(c.label.value for c in claims) for a, claims in released.items()}
    chosen = assign_splits(counts, options.split, seed=options.seed)
    in_release = {a for ids in chosen for a in ids}
    return ReleasePlan(
        options=options,
        splits={name: tuple(ids) for name, ids in zip(SPLIT_NAMES, chosen, strict=True)},
        claims={a: tuple(released[a]) for a in sorted(released)},
        pseudonyms=pseudonyms,
        annotator_claims=dict(
            sorted(Counter(c.annotator for c in person_claims if c.article_id in in_release).items())
        ),
        agreement=agreement,
        ties=tuple(ties),
        majority_no_claim=no_claim,
        gold_agreed=agreed_count,
        gold_undecided=undecided,
        articles_without_labels=len(summaries) - len(in_release),
        titles={s.id: s.title for s in summaries},
    )


# -- privacy of metadata ---------------------------------------------------------------------------

_PATH_RE = re.compile(r"^(?:/|~[/\\]|[A-Za-z]:[\\/]|\\\\|file:)")


def _looks_like_path(value: str) -> bool:
    return bool(_PATH_RE.match(value)) and ("/" in value[1:] or "\\" in value)


def _file_name(value: str) -> str:
    value = value.removeprefix("file://")
    name = PureWindowsPath(value).name if "\\" in value else PurePosixPath(value).name
    return name


def _scrub(value: Any) -> Any:
    """Absolute paths in metadata (import folders, home directories) reduced to the file name."""
    if isinstance(value, str):
        return _file_name(value) if _looks_like_path(value) else value
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def released_article(article: Article, *, keep_paths: bool) -> Article:
    """The article as the release shows it: no folder names unless asked to keep them."""
    if keep_paths:
        return article
    return dataclasses.replace(
        article,
        origin=_file_name(article.origin) if article.origin else "",
        source=str(_scrub(article.source)),
        meta=_scrub(dict(article.meta)),
    )


# -- the card and the other Markdown files ---------------------------------------------------------


def _size_category(n: int) -> str:
    for limit, name in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
    ):
        if n < limit:
            return name
    return "1M<n<10M"


_MARKUP = re.compile(r"([\\`*_\[\]<>~&|])")
"""What Markdown reads as markup inside a line: emphasis, code, links, HTML tags, entities, pipes."""
_URL_MARKUP = re.compile(r"([\\`*\[\]<>~|])")
"""The same in an address, less `_` and `&` (`a_b?x=1&y=2`), which are plain there and which a
backslash would cut the address short at, where GitHub links bare addresses."""


def _cell(value: object, *, markup: re.Pattern[str] = _MARKUP) -> str:
    """A Markdown table cell (or list item) showing `value` as text: one line, markup escaped.

    Titles, sources, licences and names come from imported or merged files, and the card and
    SOURCES.md are rendered where they are published: `<T>` in "C# 10 <T> generics" vanished
    as an HTML tag, `*` made italics, and a title `[Click](https://...)` was a link there.
    """
    return markup.sub(r"\\\1", " ".join(str(value).split()))


def _yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _licence_of(meta: Mapping[str, Any]) -> str:
    for key in ("licence", "license", "rights"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _url_of(article: Article) -> str:
    for key in ("url", "canonical_url", "link"):
        value = article.meta.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return article.source if article.source.startswith(("http://", "https://")) else ""


@dataclass
class _Collected:
    """What writing the split files learns for the card and SOURCES.md."""

    sources: list[tuple[str, Article]] = field(default_factory=list)
    """(split, article) of every released article, its text left out."""
    pipelines: Counter[str] = field(default_factory=Counter)
    not_pre_annotated: int = 0
    """Released articles no pipeline has analysed yet (and that brought no entities or quotations
    of their own): their lines hold none, and their DocBins mark no word an entity."""


def dataset_name(source: ReleaseSource, options: ReleaseOptions) -> str:
    return options.name or project_stem(source.path)


def _agreed_sentence(n: int) -> str:
    """How many released claims are agreed spans, in words a reader expects ("0 of the claims are" is not)."""
    if n == 0:
        return "None of the claims is such an agreed span: every one was decided by a reviewer."
    if n == 1:
        return "1 of the claims is such an agreed span."
    return f"{n} of the claims are such agreed spans."


def _no_claim_spans(n: int) -> str:
    """The spans a majority voted "no claim", verb and all in the number read ("1 span ... are" was not)."""
    if n == 1:
        return '1 span the majority voted "no claim" is not a claim here'
    return f'{n} spans the majority voted "no claim" are not claims here'


def _unlabelled_articles(n: int, labels: str) -> str:
    """The articles left out for want of a label of the kind released; with every annotator's
    claims that is an article nobody labelled ("carries no all label" read as a slip)."""
    kind = "" if labels == "all" else f"{labels} "
    return f"{counted(n, 'article')} of the project {'carries' if n == 1 else 'carry'} no {kind}label"


def _released_articles(n: int) -> str:
    """The articles the agreement rests on, in the number read ("the 1 released articles" was not)."""
    return "1 released article" if n == 1 else f"{n} released articles"


def _not_pre_annotated(n: int) -> str:
    """The card's sentence on articles released before pre-annotation reached them."""
    these, were, their = ("1 article", "was", "its") if n == 1 else (f"{n} articles", "were", "their")
    return (
        f"{these} {were} not pre-annotated yet: {their} `entities` and `quotes` are empty and "
        f"`spacy/SPLIT.spacy` marks none of {their} words as an entity, not because {their} text "
        "names no one."
    )


def not_pre_annotated_note(n: int) -> tuple[str, ...]:
    """What a release made while pre-annotation was under way lacks, as an export says it."""
    if not n:
        return ()
    these, them = ("1 article is", "it") if n == 1 else (f"{n} articles are", "them")
    return (
        f"{these} not pre-annotated yet, so the release has no entity suggestions for {them}; "
        f"pre-annotate and release again to have {them}",
    )


def _claims_widened(n: int) -> str:
    if n == 1:
        return "the 1 claim that starts or ends inside a word is"
    return f"the {n} claims that start or end inside a word are"


def card(
    plan: ReleasePlan,
    *,
    name: str,
    splits_present: Sequence[str],
    pipelines: Mapping[str, int],
    licences: Sequence[str],
    guidelines_sha256: str,
    guidelines_changed: bool,
    widened: int = 0,
    not_pre_annotated: int = 0,
    no_licence: int = 0,
) -> str:
    """The dataset card: Hugging Face's YAML header, then what a reader needs to trust the labels.

    `widened`: claims the spaCy files hold wider than labelled, said under the files, since
    a model trained on them learns those spans and not the `claims/` ones.
    `not_pre_annotated`: released articles without entity suggestions yet (pre-annotation was
    under way): the pipelines' list alone left a reader to take them for articles naming no one.
    `no_licence`: released articles whose import recorded no licence.
    """
    options = plan.options
    summaries = {s.name: s for s in plan.summaries()}
    licence = options.license.lower() if options.license else "unknown"
    limitations = options.limitations.strip()
    if options.pseudonymise:
        # Written at release time, it names the team as readily as the guidelines do.
        limitations = replace_names(limitations, plan.pseudonyms)
        # So does the name: by default the project's, and an annotator's project is named after
        # them (`annotator merge TEAM.db alice.db bob.db`): alice.db's card was titled "alice".
        name = replace_names(name, plan.pseudonyms)
    # One line, as titles are: a name typed with a line break (`--name`, a pasted box) broke the
    # card's heading, and "---" on the next line of it made the rest a YAML-looking paragraph.
    name = " ".join(name.split())
    header = [
        "---",
        f"pretty_name: {_yaml_str(name)}",
        f"license: {licence}",
        "language:",
        "- en",
        "task_categories:",
        "- text-classification",
        "- token-classification",
        "size_categories:",
        f"- {_size_category(plan.claim_count)}",
        "configs:",
    ]
    for config, folder, default in (("claims", "claims", True), ("articles", "articles", False)):
        header.append(f"- config_name: {config}")
        if default:
            header.append("  default: true")
        header.append("  data_files:")
        for split in splits_present:
            header += [f"  - split: {split}", f"    path: {folder}/{split}.jsonl"]
    header.append("---")

    how = {
        "gold": "**gold**: the labels reviewers gave to disagreements, and the spans every annotator "
        "of an article marked alike (two or more annotators, the same span and label), which needed no "
        "review; where a reviewer decided such a span, the decision counts instead. Spans decided "
        f'"no claim" are not claims here. {_agreed_sentence(plan.gold_agreed)} An '
        "article with a disagreement still undecided is released only if a reviewer gave it a gold "
        f"label; its undecided spans ({plan.gold_undecided} in the released articles) are not claims here.",
        "majority": "**majority**: one label per span by majority vote over the annotators who labelled "
        'the article (one who labelled the article but not the span votes "no claim"); tied spans are '
        f"left out and listed in `TIES.md` ({len(plan.ties)}), and "
        f"{_no_claim_spans(plan.majority_no_claim)}.",
        "all": "**all**: every annotator's claims, each with its annotator; the same span may appear "
        "once per annotator, with different labels. Adjudicated (gold) labels are not included.",
    }[options.labels]
    # The heading shows the name as typed: `<draft>` vanished there as an HTML tag, `*x*` turned italic.
    lines = [*header, "", f"# {_cell(name)}", ""]
    lines += [
        f"Claims in news articles labelled **factual**, **opinion** or **questionable** with "
        f"annotator {__version__}. "
        # In the number read: a one-article release said "1 articles, 1 claims".
        f"{counted(plan.article_count, 'article')}, {counted(plan.claim_count, 'claim')}.",
        "",
        "## Labels",
        "",
        f"Labels used: {how}",
        "",
        "Offsets (`start`, `end`) are Unicode code points into the article text, end exclusive.",
        "",
        "## Splits",
        "",
        f"Whole articles go to one split each (never split across two), balanced on label counts "
        f"as far as the articles allow; split {'/'.join(f'{r:g}' for r in options.split)} "
        f"(train/validation/test) with seed {options.seed}.",
        "",
        "| split | articles | claims | " + " | ".join(LABELS) + " |",
        "|---|---:|---:|" + "---:|" * len(LABELS),
    ]
    for split in SPLIT_NAMES:
        s = summaries[split]
        lines.append(
            f"| {split} | {s.articles} | {s.claims} | " + " | ".join(str(s.labels[x]) for x in LABELS) + " |"
        )
    if plan.articles_without_labels:
        lines += [
            "",
            f"{_unlabelled_articles(plan.articles_without_labels, options.labels)} and "
            f"{'is' if plan.articles_without_labels == 1 else 'are'} not in the release.",
        ]
    lines += [
        "",
        "## Files",
        "",
        "| file | what |",
        "|---|---|",
        "| `claims/SPLIT.jsonl` | one claim a line: `text`, `label`, `context` (its sentence), `article_id`, "
        "`start`, `end`, `annotator`, `note`, `created_at` (config `claims`, the default) |",
        "| `articles/SPLIT.jsonl` | Prodigy-style tasks, one article a line: `text`, `meta`, `tokens`, "
        "`spans` (the claims), `entities`, `quotes` (config `articles`) |",
        '| `spacy/SPLIT.spacy` | spaCy DocBins of the articles: claims in `doc.spans["claims"]` (spancat), '
        "entities in `doc.ents` |",
        # More than one label where a sentence's claims differ, which `textcat` refuses (E895).
        "| `spacy/textcat_SPLIT.spacy` | one Doc per sentence with a claim, labels in `doc.cats`, "
        "more than one where its claims differ (textcat_multilabel) |",
        "| `GUIDELINES.md` | the labelling guidelines the annotators followed |",
        "| `SOURCES.md` | title, source, URL and licence of every article |",
        *(
            ["| `TIES.md` | spans left out because the vote was tied |"]
            if options.labels == "majority"
            else []
        ),
        f"| `{CHECKSUMS}` | SHA-256 of every file: `sha256sum -c {CHECKSUMS}` |",
        "",
        *(
            [
                f"spaCy spans are whole tokens, so in `spacy/SPLIT.spacy` {_claims_widened(widened)} "
                "widened to whole words; `claims/` and `articles/` keep every claim as labelled.",
                "",
            ]
            if widened
            else []
        ),
        "```python",
        "from datasets import load_dataset",
        'claims = load_dataset("path/to/this/folder")              # the claims config',
        'articles = load_dataset("path/to/this/folder", "articles")',
        "```",
        "",
        "## Inter-annotator agreement",
        "",
    ]
    agreement = plan.agreement
    if len(agreement.annotators) < 2:
        lines.append("Fewer than two annotators labelled the released articles: no agreement to report.")
    else:
        lines += [
            "Cohen's kappa (team: the mean over pairs), Krippendorff's alpha (nominal) and span F1, on "
            f"spans matched exactly, over the {_released_articles(plan.article_count)}. Each figure says "
            "what it rests on: shared spans are spans two or more annotators marked; the team's kappa "
            "counts the shared spans of every pair that has a kappa (a span three people marked is "
            "three label pairs); span "
            "F1 counts both annotators' claims, pair by pair. Gold labels are not counted.",
            "",
            "| annotators | label | kappa | alpha | span F1 |",
            "|---|---|---|---|---|",
        ]
        # The window's and the HTML report's cells: "0.299 (n=66)" beside "0.314 (n=24)" said
        # nothing of why the team's two figures rest on different counts.
        # Each n/a's reason once, in the table's order: the pairs' (the team's figures rest on
        # theirs, and say it in general words), else the team's.
        why_not: dict[str, dict[str, None]] = {"team": {}, "pairs": {}}
        for who, label, cells in agreement_cells(agreement):
            if who == "team" or label == "all":
                lines.append(f"| {_cell(who)} | {label} | " + " | ".join(_cell(c.text) for c in cells) + " |")
                reasons = why_not["team" if who == "team" else "pairs"]
                reasons.update((c.tip.removeprefix("n/a: "), None) for c in cells if c.value == "n/a")
        # The window and the HTML report say why on hovering; a card has no hovering, and a bare
        # "n/a on 0 label pairs" left the reader to guess between no span in common and
        # agreement no figure can tell from chance.
        said = why_not["pairs"] or why_not["team"]
        if said:
            lines += ["", "Why a figure is n/a (the team's rest on the pairs'):", ""]
            lines += [f"- {_cell(reason)}" for reason in said]  # a name keeps its own case
    lines += ["", "## Annotators", ""]
    if plan.annotator_claims:
        named = "pseudonymised" if options.pseudonymise else "as they named themselves"
        lines += [
            f"Claims per annotator in the released articles ({named}):",
            "",
            "| annotator | claims |",
            "|---|---:|",
        ]
        lines += [f"| {_cell(who)} | {n} |" for who, n in plan.annotator_claims.items()]
    else:
        lines.append("Only adjudicated labels; no annotator's own claims.")
    lines += ["", "## Pre-annotation", ""]
    if pipelines:
        lines.append(
            "Entities, quotations and claim candidates were suggested by a spaCy pipeline and rules "
            "(`model version+rules.` and a hash of the rule files) before people labelled:"
        )
        lines += [""] + [f"- `{p}`: {counted(n, 'article')}" for p, n in sorted(pipelines.items())]
        if not_pre_annotated:
            lines += ["", _not_pre_annotated(not_pre_annotated)]
    else:
        lines.append("The released articles were not pre-annotated.")
    lines += [
        "",
        "## Guidelines",
        "",
        f"`GUIDELINES.md`, SHA-256 `{guidelines_sha256}`"
        + (" (annotator names replaced by pseudonyms)." if guidelines_changed else "."),
        "",
        "## Sources and licences",
        "",
        "Every article's title, source and URL, and its licence where the import recorded one, are in "
        "`SOURCES.md`.",
    ]
    if licences:
        lines += ["", "Licences recorded:", ""] + [f"- {_cell(x)}" for x in licences]
        if no_licence:
            # Listed alone, the recorded licences read as covering every article: a reader took
            # CC BY for the whole set while some articles' terms were never recorded.
            lines.append(f"- none recorded: {counted(no_licence, 'article')} (see `SOURCES.md`)")
    lines += [
        "",
        f"Dataset licence: `{licence}`"
        + ("" if options.license else f" (none was chosen: {options.licence_advice})."),
        "",
        "## Intended use and limitations",
        "",
        (limitations or DEFAULT_LIMITATIONS),
        "",
        "## Provenance",
        "",
        f"Released with annotator {__version__}; labels as of {_labels_date(plan) or 'n/a'} "
        "(the newest label's date, in UTC). Released again from the same project with the same options, "
        "every file is byte-identical.",
        "",
    ]
    return "\n".join(lines)


def _labels_date(plan: ReleasePlan) -> str:
    """The UTC day of the newest label; stamps that name no time (a crafted file's) are left out.

    The card says it is UTC's: unsaid, a team in New York whose last label was made in the
    evening read that its labels were as of the next day.
    """
    moments = [m for claims in plan.claims.values() for c in claims if (m := c.changed_at) is not None]
    return max(moments).date().isoformat() if moments else ""


def sources_markdown(rows: Sequence[tuple[str, Article]]) -> str:
    lines = [
        "# Sources",
        "",
        "Every article in the release, where it came from, and its licence where the import recorded one.",
        "",
        "| article_id | split | title | source | URL | licence |",
        "|---:|---|---|---|---|---|",
    ]
    for split, article in sorted(rows, key=lambda r: r[1].id):
        url = _url_of(article)
        # A web source is its address: show its site here, the full address under URL.
        source = urlsplit(url).hostname or "" if article.source == url else article.source
        lines.append(
            f"| {article.id} | {split} | {_cell(article.title)} | {_cell(source)} | "
            f"{_cell(url, markup=_URL_MARKUP)} | {_cell(_licence_of(article.meta))} |"
        )
    return "\n".join(lines) + "\n"


def ties_markdown(plan: ReleasePlan) -> str:
    lines = [
        "# Tied spans",
        "",
        "Spans whose majority vote was tied; they are not in the release. Votes per label "
        '("no claim": annotators who labelled the article but not this span).',
        "",
        "| article_id | title | start | end | votes |",
        "|---:|---|---:|---:|---|",
    ]
    for tie in plan.ties:
        votes = ", ".join(f"{label} {n}" for label, n in tie.votes.items())
        title = _cell(plan.titles.get(tie.article_id, ""))
        lines.append(f"| {tie.article_id} | {title} | {tie.start} | {tie.end} | {votes} |")
    return "\n".join(lines) + "\n"


# -- writing ---------------------------------------------------------------------------------------


def placed_at(out_dir: Path) -> Path:
    """Where a release named `out_dir` is written: the folder a symlink names, as a file output
    is written to the file its link names (`outputs.check_output`).

    Written beside the link and renamed over it, a release to a link to an empty folder said
    "cannot write the file (Not a directory)", and one with --force to a link to an earlier
    release put a folder in the link's place and left that release as it was.
    """
    return Path(os.path.realpath(out_dir)) if out_dir.is_symlink() else out_dir


def check_release_folder(out_dir: Path, *, project_path: Path | None, force: bool) -> None:
    """Refuse a destination that is not a new or empty folder, or (with `force`) an earlier release.

    `force` replaces only a folder whose every file an earlier release listed in its
    SHA256SUMS: replacing means deleting, and a folder of someone's other files (or the
    one that holds the project) must never go.
    """
    check_output_path(out_dir, project_path=project_path)
    recover_release_folder(placed_at(out_dir))
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise UserError(f"{out_dir} is a file; give the name of a new or empty folder")
    present = sorted(p for p in out_dir.rglob("*") if not p.is_dir())
    if not present and not any(out_dir.iterdir()):
        return
    if not force:
        raise UserError(
            f"{out_dir} is not empty; choose a new folder, or pass --force to replace an earlier release"
        )
    if not present:
        # Only empty folders: "files that are not part of an earlier release (for example
        # SHA256SUMS)" named a file that is not there, in a folder holding no file at all.
        folder = min(p.name for p in out_dir.iterdir())
        raise UserError(
            f"{out_dir} holds folders that are not part of an earlier release (for example {folder}); "
            "it will not be replaced: choose a new or empty folder"
        )
    listed = _listed_files(out_dir) or set()
    strangers = [p for p in present if p.relative_to(out_dir).as_posix() not in listed]
    if not listed or strangers:
        example = strangers[0].relative_to(out_dir) if strangers else CHECKSUMS
        raise UserError(
            f"{out_dir} holds files that are not part of an earlier release (for example {example}); "
            "it will not be replaced: choose a new or empty folder"
        )


def recover_release_folder(out_dir: Path) -> Path | None:
    """Put a release back under `out_dir` when its replacement was killed between two renames;
    return the folder put back.

    Where names cannot be exchanged in one step, a replacement moves the earlier release
    aside (`.NAME.PID.XXXX-STAMP.old`, `moved_aside_name`) and then renames the new one
    (`.NAME.PID.XXXX.part`) in: a process killed in between left no release under the name,
    though both were whole. So when `out_dir` is missing and a dead process left both folders
    beside it, the new one goes in if it is complete (its SHA256SUMS, written last, lists
    files all there), else the old one goes back; of several such swaps, the latest stamp's.
    Folders moved aside before the stamp (`.NAME.PID.XXXX.old`) pair with a part by process
    id and order by change time. An `.old` folder alone is left alone: the new one took the name,
    and the old one may be half removed since (the name gone later is someone's doing).
    Nothing else is touched either: a name already taken (a dangling symlink too), symlinks,
    files, a live process's folders. What stays beside is removed by the next release
    (`remove_stale_parts`).
    """
    try:
        os.lstat(out_dir)
        return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    left = dead_folders_beside(out_dir)
    parts = {folder.path for folder in left if folder.kind == "part"}
    paired = [f for f in left if f.kind == "old" and f.replaced_by is not None and f.replaced_by in parts]
    if paired:  # named by `moved_aside_name`: each knows its part, and the stamps order the swaps
        latest = max(paired, key=lambda folder: folder.stamp or 0)
        replacement = latest.replaced_by
        chosen = replacement if replacement is not None and _is_complete(replacement) else latest.path
    elif (unpaired := _killed_swap_by_process(left)) is not None:
        chosen = unpaired
    else:
        return None
    try:
        os.rename(chosen, out_dir)
    except OSError as exc:
        log.warning("could not put %s back as %s: %s", chosen, out_dir, exc)
        return None
    log.info("put %s back as %s, left by a release killed while it replaced it", chosen, out_dir)
    return chosen


def _killed_swap_by_process(left: list[LeftFolder]) -> Path | None:
    """What to put back from folders moved aside under a name without its part's letters (as
    releases before the stamped names did): paired by process id, ordered by change time."""
    stopped = {folder.pid for folder in left if folder.kind == "part"}
    moved_aside = [f for f in left if f.kind == "old" and f.stamp is None and f.pid in stopped]
    if not moved_aside:
        return None
    old = max(moved_aside, key=_changed_at)  # several killed replacements: the latest one
    written = [f for f in left if f.kind == "part" and f.pid == old.pid and _is_complete(f.path)]
    return max(written, key=_changed_at).path if written else old.path


def _changed_at(folder: LeftFolder) -> float:
    try:
        return os.lstat(folder.path).st_ctime
    except OSError:
        return 0.0


def _is_complete(folder: Path) -> bool:
    """Whether a release's folder was written to the end: SHA256SUMS, renamed into place after
    every other file was written, is there and every file it lists too."""
    try:
        if not stat.S_ISREG(os.lstat(folder / CHECKSUMS).st_mode):
            return False
        listed = _listed_files(folder)
        if not listed:
            return False
        return all(stat.S_ISREG(os.lstat(folder / name).st_mode) for name in listed)
    except OSError:
        return False


def _listed_files(folder: Path) -> set[str] | None:
    try:
        text = (folder / CHECKSUMS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    names = {line.split("  ", 1)[1] for line in text.splitlines() if "  " in line}
    return names | {CHECKSUMS}


class _Folder:
    """The temporary folder a release is written into; remembers every file's SHA-256 for SHA256SUMS."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, str] = {}

    def write(self, name: str, chunks: Iterable[str | bytes]) -> None:
        with self.open(name) as handle:
            for chunk in chunks:
                handle.write(chunk)

    @contextmanager
    def open(self, name: str) -> Iterator[_HashedFile]:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as raw:
            handle = _HashedFile(raw)
            yield handle
            raw.flush()
            os.fsync(raw.fileno())
        self.files[name] = handle.digest.hexdigest()

    def checksums(self) -> str:
        return "".join(f"{digest}  {name}\n" for name, digest in sorted(self.files.items()))


class _HashedFile:
    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()

    def write(self, chunk: str | bytes) -> None:
        data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
        self.digest.update(data)
        self.raw.write(data)


def labelled_alone(authors: Sequence[str]) -> bool:
    """Whether one person owns every claim, with no reviewer's gold label among them.

    Gold's agreed spans need two annotators on an article, and a majority of one is that
    person's labels: such a project released nothing as gold, and the note sent its one
    annotator to settle disagreements there are none of.
    """
    return len(authors) == 1 and authors[0] != GOLD_ANNOTATOR


def labels_by_default(authors: Sequence[str]) -> str:
    """What a release takes when nobody chose: gold, or all where one person labelled every
    claim (`labelled_alone`), the window's and the command line's choice alike."""
    return "all" if labelled_alone(authors) else "gold"


def nothing_to_release(labels: str, *, voted_out: int = 0) -> str:
    """Why a release would be empty, and what to do about it.

    `voted_out`: majority spans tied or voted "no claim". Where every span was, the project had
    claims, yet it was told it had none and to label some articles first.
    """
    if labels == "majority" and voted_out:
        return (
            f"nothing to release: no span has a majority label ({counted(voted_out, 'span')} tied or "
            'voted "no claim"); settle the disagreements under Team > Review Disagreements and '
            "release with --labels gold, or release with --labels all"
        )
    if labels == "gold":
        return (
            "nothing to release: the project has no adjudicated (gold) labels (no reviewer's decision, "
            "and the spans every annotator of an article agreed on count once that article's "
            "disagreements are decided); settle disagreements under Team > Review Disagreements, "
            "or release with --labels majority or all"
        )
    return (
        f"nothing to release: the project has no claims to release as {labels!r}; label some articles first"
    )


CHUNK = 200
"""Articles per piece of work: small enough for steady progress and Cancel, big enough to amortise."""
PARALLEL_FROM = 2500
"""Releases of at least this many articles render in worker processes. Starting two costs
about 2 s of CPU (spaCy imported in each) and sending articles to them and files back about
0.3 ms an article, against 2.5 ms an article of rendering: below this size one process
finishes first even on an idle two-core machine (1,000 articles: 3.4 s of CPU in one, 6.5 s in three)."""


@dataclass(frozen=True)
class _Chunk:
    """Articles of one split, in id order, to render together."""

    split: str
    items: list[AnnotatedArticle]


@dataclass(frozen=True)
class _Rendered:
    """One chunk of articles as the files hold them, and the tokens it had to make."""

    split: str
    count: int
    tasks: bytes
    claims: bytes
    docbins: tuple[DocBinParts, DocBinParts]
    tokens: tuple[tuple[str, bytes], ...]
    """(content hash, `TokenSpans.encode()`) of texts that had no stored tokens, to store."""
    widened: tuple[WidenedClaim, ...] = ()
    """Claims the DocBins hold wider than labelled (whole words), in the order written."""


def _render(chunk: _Chunk, tokenizer: Tokenizer | None) -> _Rendered:
    """Render a chunk's Prodigy lines, claim lines and DocBins (in a worker for big releases).

    Articles bring their stored tokens; one without is tokenized here, and its tokens go
    back to be stored, as an export does. A `tokenizer` given by the caller replaces both.
    """
    from annotator.formats.spacy_docbin import SplitDocBins  # spaCy is heavy; only writing needs it

    bins = SplitDocBins()
    tasks: list[str] = []
    claims: list[str] = []
    fresh: list[tuple[str, bytes]] = []
    for item in chunk.items:
        if tokenizer is not None:
            item = dataclasses.replace(item, tokens=tokenizer(item.article.text))
        elif not item.tokens:
            tokens = tokenize(item.article.text)
            fresh.append((item.article.content_hash, tokens.encode()))
            item = dataclasses.replace(item, tokens=tokens)
        tasks.append(prodigy_line(item))
        claims.extend(claims_jsonl_lines([item]))
        bins.add(item)
    return _Rendered(
        split=chunk.split,
        count=len(chunk.items),
        tasks=("\n".join(tasks) + "\n").encode("utf-8") if tasks else b"",
        claims="".join(claims).encode("utf-8"),
        docbins=bins.parts(),
        tokens=tuple(fresh),
        widened=tuple(bins.widened),
    )


def _released_item(item: AnnotatedArticle, plan: ReleasePlan) -> AnnotatedArticle:
    article = released_article(item.article, keep_paths=plan.options.keep_paths)
    return dataclasses.replace(item, article=article, claims=plan.claims[article.id])


class _Renderer:
    """Renders chunks in order, here or in worker processes, with at most a few chunks in flight."""

    def __init__(
        self,
        workers: int,
        tokenizer: Tokenizer | None,
        cancel: CancelFn | None,
        pool: ProcessPoolExecutor | None = None,
    ) -> None:
        self.tokenizer = tokenizer
        self.cancel = cancel
        self.pool = pool
        if workers > 1 and pool is None:
            self.pool = _start_workers(workers)
        elif workers <= 1 and pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        self.window = 2 * workers

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled("release cancelled; nothing was written")

    def render(self, chunks: Iterable[_Chunk]) -> Iterator[_Rendered]:
        """Each chunk's rendering, in the order the chunks came."""
        if self.pool is None:
            for chunk in chunks:
                self.check()
                yield _render(chunk, self.tokenizer)
            return
        pending: deque[Future[_Rendered]] = deque()
        for chunk in chunks:
            self.check()
            pending.append(self.pool.submit(_render, chunk, self.tokenizer))
            while len(pending) >= self.window:
                yield self._next(pending)
        while pending:
            yield self._next(pending)

    def _next(self, pending: deque[Future[_Rendered]]) -> _Rendered:
        future = pending.popleft()
        while True:
            self.check()
            try:
                return future.result(timeout=0.1)
            except FuturesTimeout:
                continue

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _warm_up() -> None:
    """Import what rendering needs (spaCy, a blank vocabulary) before the first chunk comes."""
    from annotator.formats.spacy_docbin import SplitDocBins

    SplitDocBins()


def _start_workers(workers: int) -> ProcessPoolExecutor:
    """Worker processes, started and warming up (spaCy's import, ~1.5 s each) in the background."""
    pool = _new_pool(workers)
    with _ctrl_c_kept_from_new_processes():
        for _ in range(workers):
            pool.submit(_warm_up)  # the first starts every worker: a spawned pool starts them at once
    return pool


@contextmanager
def _ctrl_c_kept_from_new_processes() -> Iterator[None]:
    """Block SIGINT in this thread while workers start, so that they are born with it blocked.

    Ctrl+C at a terminal reaches every process of its group: each worker raised its own
    KeyboardInterrupt, and one caught importing or waiting for work printed its traceback
    above the release's one line saying it was stopped. Ctrl+C is the release's to handle (it
    closes the workers and removes its temporary folder); a signal that comes meanwhile waits
    here and is delivered once the block ends, not lost. `_end_with_parent` then ignores it.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    earlier = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, earlier)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_end_with_parent
    )


def _end_with_parent() -> None:
    """Run in each worker: end it when the process that started it is gone, however that ended.

    A worker waits on its call queue, and a spawned worker holds that queue's writing end
    too, so it never reads an end of file: a release killed mid-way (the crash campaign's
    SIGKILL, a laptop that slept and was killed) left both workers, spaCy loaded in each,
    running for good.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    # Ctrl+C is the release's (`_ctrl_c_kept_from_new_processes`); one that reached this
    # worker while it started, blocked until now, is dropped here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        parent.join()  # returns when the parent's end of its sentinel pipe closes
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker_count(total: int, workers: int | None) -> int:
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
    if multiprocessing.current_process().daemon:
        workers = 1  # the window's background process is a daemon, and daemons may not have children
    return workers


def _chunks(
    source: ReleaseSource, plan: ReleasePlan, collected: _Collected, *, tokenizer: str | None
) -> Iterator[_Chunk]:
    """The released articles in one read of the project, in id order, in chunks of one split each.

    Every split lists its articles in id order (`assign_splits` sorts them), so each split's
    files get them in the same order as when the splits were read one after the other.
    """
    split_of = {a: split for split, ids in plan.splits.items() for a in ids}
    pending: dict[str, list[AnnotatedArticle]] = {split: [] for split in plan.splits}
    for stored in source.iter_annotated(tokenizer=tokenizer, claims=False):  # the plan's claims
        split = split_of.get(stored.article.id)
        if split is None:
            continue
        item = _released_item(stored, plan)
        # SOURCES.md and the card need the metadata, not 40 MB of texts held to the end.
        collected.sources.append((split, dataclasses.replace(item.article, text="")))
        if item.pipeline is not None:
            collected.pipelines[f"{item.pipeline.name} {item.pipeline.version}"] += 1
        elif not (item.entities or item.quotes):
            collected.not_pre_annotated += 1
        items = pending[split]
        items.append(item)
        if len(items) >= CHUNK:
            yield _Chunk(split, items)
            pending[split] = []
    for split, items in pending.items():
        if items:
            yield _Chunk(split, items)


def write_release(
    source: ReleaseSource,
    plan: ReleasePlan,
    out_dir: str | Path,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    tokenizer: Tokenizer | None = None,
    workers: int | None = None,
    _pool: ProcessPoolExecutor | None = None,
) -> ReleaseResult:
    """Write the planned release to `out_dir` atomically (a temporary folder renamed at the end).

    The articles are read once, with the tokens the project stores (pre-annotation stores
    them); texts without are tokenized and their tokens stored after the release, as an
    export does. `tokenizer` replaces spaCy's (tests; nothing is stored then).
    `workers`: processes that render (default: two for a release of at least
    `PARALLEL_FROM` articles on a machine with two cores, else none); the files are the
    same bytes either way. `_pool`: workers `release` started while it planned (closed here).
    """
    options = plan.options
    out_dir = Path(out_dir)
    try:
        if not plan.claim_count:
            raise UserError(
                nothing_to_release(options.labels, voted_out=len(plan.ties) + plan.majority_no_claim)
            )
        check_release_folder(out_dir, project_path=source.path, force=options.force)
        total = plan.article_count
        workers = _worker_count(total, workers)
        # spaCy is heavy and only writing needs it; importing it takes seconds, so a Ctrl+C
        # then must close the workers too.
        from annotator.formats.spacy_docbin import SplitDocBins
    except BaseException:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
        raise

    stored_as = tokenizer_name() if tokenizer is None else None
    fresh: dict[str, bytes] = {}
    widened: list[WidenedClaim] = []
    placed = placed_at(out_dir)
    try:
        placed.parent.mkdir(parents=True, exist_ok=True)
        # A release killed while it wrote left its temporary folder for good: the name carries
        # the process id, as an export's temporary file does, so a later one removes it.
        remove_stale_parts(placed.parent, folders=True)
        tmp = Path(tempfile.mkdtemp(prefix=part_prefix(placed.name), suffix=".part", dir=placed.parent))
    except OSError as exc:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
        raise _os_error(out_dir, exc) from exc
    renderer = _Renderer(workers, tokenizer, cancel, _pool)
    try:
        folder = _Folder(tmp)
        collected = _Collected()
        done = 0
        present = [name for name in SPLIT_NAMES if plan.splits.get(name)]
        bins = {split: SplitDocBins() for split in present}
        with ExitStack() as files:
            tasks = {s: files.enter_context(folder.open(f"articles/{s}.jsonl")) for s in present}
            claims = {s: files.enter_context(folder.open(f"claims/{s}.jsonl")) for s in present}
            for rendered in renderer.render(_chunks(source, plan, collected, tokenizer=stored_as)):
                tasks[rendered.split].write(rendered.tasks)
                claims[rendered.split].write(rendered.claims)
                bins[rendered.split].merge(rendered.docbins)
                fresh.update(rendered.tokens)
                widened.extend(rendered.widened)
                done += rendered.count
                if progress is not None:
                    progress(done, total)
        for split in present:
            spans, sentences = bins.pop(split).finish()
            folder.write(f"spacy/{split}.spacy", [spans])
            folder.write(f"spacy/textcat_{split}.spacy", [sentences])

        guidelines = source.get_meta(GUIDELINES_KEY) or default_guidelines()
        released_guidelines = (
            replace_names(guidelines, plan.pseudonyms) if options.pseudonymise else guidelines
        )
        folder.write("GUIDELINES.md", [released_guidelines])
        folder.write("SOURCES.md", [sources_markdown(collected.sources)])
        if options.labels == "majority":
            folder.write("TIES.md", [ties_markdown(plan)])
        licences = sorted({_licence_of(a.meta) for _, a in collected.sources} - {""})
        folder.write(
            "README.md",
            [
                card(
                    plan,
                    name=dataset_name(source, options),
                    splits_present=present,
                    pipelines=collected.pipelines,
                    licences=licences,
                    guidelines_sha256=folder.files["GUIDELINES.md"],
                    guidelines_changed=released_guidelines != guidelines,
                    widened=sum(1 for w in widened if w.exported),
                    not_pre_annotated=collected.not_pre_annotated,
                    no_licence=sum(1 for _, a in collected.sources if not _licence_of(a.meta)),
                )
            ],
        )
        _write_checksums(tmp, folder.checksums())
        os.chmod(tmp, 0o777 & ~_UMASK)
        _swap_into_place(tmp, placed)
    except OSError as exc:
        renderer.close()
        shutil.rmtree(tmp, ignore_errors=True)
        raise _os_error(out_dir, exc) from exc
    except BaseException:
        renderer.close()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    renderer.close()
    if stored_as is not None and fresh:
        keep_tokens(source, stored_as, fresh)
    if progress is not None:
        progress(total, total)
    result = ReleaseResult(
        path=out_dir,
        plan=plan,
        files=(*sorted(folder.files), CHECKSUMS),
        notes=(*widened_notes(widened), *not_pre_annotated_note(collected.not_pre_annotated)),
    )
    log.info("%s", result.summary())
    return result


def _write_checksums(tmp: Path, checksums: str) -> None:
    """Write SHA256SUMS last, under another name renamed to it: a folder that holds it is whole,
    which is how `recover_release_folder` tells a finished release from one cut short."""
    writing = tmp / f"{CHECKSUMS}.writing"
    with open(writing, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(checksums)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(writing, tmp / CHECKSUMS)


RENAME_EXCHANGE = 2
"""`renameat2`'s flag to swap two names (linux/fs.h)."""
_AT_FDCWD = -100


@lru_cache(maxsize=1)
def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return None
    call.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    call.restype = ctypes.c_int
    return call


def exchange_names(first: Path, second: Path) -> bool:
    """Swap what two names hold in one step; False where the system cannot, to fall back on.

    Replacing a release by two renames leaves its name empty in between, and a release
    killed there left none at all; Linux's `renameat2(RENAME_EXCHANGE)` has no such moment.
    Python has no call for it, hence ctypes. False without the call (not Linux, a C library
    before glibc 2.28) or when the kernel or the file system does not take the flag (ENOSYS,
    EINVAL); any other failure is raised, as a rename's would be.
    """
    call = _renameat2()
    if call is None:
        return False
    if call(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _remove_moved_aside(path: Path) -> None:
    if path.is_symlink():  # an earlier release reached through a link: the link goes, not its target
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _swap_stamp(out_dir: Path) -> int:
    """Now in nanoseconds, or past every swap of `out_dir` left beside it if the clock went back:
    recovery takes the highest stamp for the latest swap."""
    earlier = [f.stamp for f in dead_folders_beside(out_dir, live_too=True) if f.stamp is not None]
    return max([time.time_ns(), *(stamp + 1 for stamp in earlier)])


def _swap_into_place(tmp: Path, out_dir: Path) -> None:
    """Rename the finished folder to `out_dir`; an earlier release there goes only after that succeeded."""
    if not out_dir.exists():
        os.rename(tmp, out_dir)
        return
    if not any(out_dir.iterdir()):
        out_dir.rmdir()
        os.rename(tmp, out_dir)
        return
    if exchange_names(tmp, out_dir):
        # The earlier release now has the temporary name, which carries the process id: killed
        # before it is removed, the next release removes it (`remove_stale_parts`).
        _remove_moved_aside(tmp)
        return
    # Killed between the renames, the name is left empty: the next look at it puts the new
    # folder in, or this one back (`recover_release_folder`). Killed later, this one stays
    # under a name carrying the process id, so the next release removes it.
    old = out_dir.parent / moved_aside_name(out_dir.name, tmp.name, _swap_stamp(out_dir))
    os.rename(out_dir, old)
    try:
        os.rename(tmp, out_dir)
    except OSError:
        os.rename(old, out_dir)
        raise
    _remove_moved_aside(old)


def release(
    source: ReleaseSource,
    out_dir: str | Path,
    *,
    options: ReleaseOptions | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    tokenizer: Tokenizer | None = None,
    workers: int | None = None,
) -> ReleaseResult:
    """Plan and write a release in one call (what `annotator release` does).

    Worker processes, when a project this big gets them, start while the plan is made (the
    agreement, the votes and the splits take a few seconds; so does importing spaCy in each).
    """
    options = options or ReleaseOptions()
    check_options(options)
    check_release_folder(Path(out_dir), project_path=source.path, force=options.force)
    count = _worker_count(source.article_count(), workers)
    pool = _start_workers(count) if count > 1 else None
    try:
        plan = plan_release(source, options)
    except BaseException:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        raise
    return write_release(
        source,
        plan,
        out_dir,
        progress=progress,
        cancel=cancel,
        tokenizer=tokenizer,
        workers=workers,  # decided again on the plan's count: the pool is closed if too few
        _pool=pool,
    )
