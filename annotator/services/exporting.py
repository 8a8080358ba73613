"""Export a project's labels to files other tools read (Prodigy, doccano, spaCy, spreadsheets).

Output is written to a temporary file in the destination folder and renamed into
place, so a crash, a full disk or a cancel never leaves a half-written file under
the name the user asked for. Existing files are only replaced with `force`, and
never a project, its companions or anything but a regular file (`services.outputs`).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from annotator.core.agreement import MatchMode
from annotator.core.errors import AnnotatorError, Cancelled, NoGoldLabelsError, UserError
from annotator.core.model import (
    GOLD_ANNOTATOR,
    AnnotatedArticle,
    ArticleStatus,
    ArticleSummary,
    Claim,
    ClaimLabel,
    PipelineInfo,
    Token,
)
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.reports import GoldDecision, labels_after
from annotator.core.settings import MAX_NAME_CHARS, annotator_name
from annotator.core.splits import check_seed
from annotator.core.text import counted, strip_span
from annotator.core.tokens import TokenSpans
from annotator.formats import EXPORT_FORMATS, WRITERS, format_chunks
from annotator.formats.writers import claims_off_tokens
from annotator.nlp.packages import RULES_PIPELINE, carried_pipeline, install_advice
from annotator.nlp.tokenizer import tokenize, tokenizer_name
from annotator.services.adjudication import agreed_gold, with_agreed
from annotator.services.outputs import (
    OutputPathError,
    atomic_write,
    atomic_write_all,
    check_output,
    check_output_path,
)
from annotator.services.project import Project, store_of
from annotator.store import ProjectStore

if TYPE_CHECKING:
    from annotator.formats.spacy_docbin import WidenedClaim  # a name only: the module imports spaCy

log = logging.getLogger(__name__)

Tokenizer = Callable[[str], Sequence[Token]]

_SPACY_PARTS = ("train", "dev", "textcat_train", "textcat_dev")


class ExportSource(Protocol):
    """What exporting needs from a project (`annotator.services.project.Project` provides it)."""

    def articles(self) -> list[ArticleSummary]: ...

    def iter_annotated(
        self, *, status: ArticleStatus | str | None = None, tokenizer: str | None = None
    ) -> Iterator[AnnotatedArticle]: ...

    def gold_decisions(self) -> list[GoldDecision]: ...

    def annotators(self) -> list[str]: ...


DEV_RATIO_RANGE = "a number above 0 and below 1 (the share of articles kept for dev, e.g. 0.2)"
"""What `ExportOptions.dev_ratio` may be, in the words `--dev-ratio` refuses a value with."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how. Claim filters (annotators, labels, since, gold) also drop
    articles left without claims; with no claim filter every article is exported."""

    format: str = "jsonl"
    force: bool = False
    annotators: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    status: str | None = None
    since: datetime | str | None = None
    """Only claims changed at or after this moment; text is read by `parse_since`."""
    gold: bool = False
    match: MatchMode = "exact"
    """With `gold`: how the review matched spans, so gold counts as undecided what it showed
    undecided (`adjudication.agreed_gold`)."""
    seed: int = 0
    dev_ratio: float = 0.2
    with_entities: bool = False
    """doccano: add entity spans to the `label` list beside the claims."""
    full_paths: bool = False
    """jsonl: `meta.import_file` is the imported file's full path, not only its name."""

    def __post_init__(self) -> None:
        """Refuse a dev share or a seed out of its range here, where the window, the command
        line and a script all pass: 0 was accepted and still put an article in dev (the split
        keeps one in dev and one in train from two articles on), while `--dev-ratio 0` is
        refused; a seed of -3 made seed 3's split, while `--seed -3` is refused."""
        ratio = self.dev_ratio
        if not (isinstance(ratio, int | float) and 0.0 < ratio < 1.0):
            raise ValueError(f"dev_ratio must be {DEV_RATIO_RANGE}, not {ratio!r}")
        check_seed(self.seed)

    @property
    def filters_claims(self) -> bool:
        return bool(self.annotators or self.labels or self.since or self.gold)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    articles: int
    claims: int
    files: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()
    """What the files hold that differs from the project (the CLI prints them, the window shows them)."""
    claim_rows: bool = False
    """The file has a line a claim and no article without one (`formats.writers.Writer.claim_rows`)."""

    def summary(self) -> str:
        where = ", ".join(str(p) for p in self.files) or str(self.path)
        said = (
            f"exported {counted(self.claims, 'claim')} from {counted(self.articles, 'article')} "
            f"as {self.format} to {where}"
        )
        return "; ".join((said, *self.notes))


def export_formats() -> list[tuple[str, str, str]]:
    """(name, description, file ending) of each format, for a save dialog.

    spaCy's too: its four files take the name chosen as their prefix (`news.spacy` ->
    `news.train.spacy`, ..., `export_targets`). Left out, the window offered no spaCy export
    at all, though the README promises DocBins and `annotator export --format spacy` writes them.
    """
    return [(w.name, w.description, w.extension) for w in WRITERS.values()]


def export_targets(output: Path, fmt: str) -> list[Path]:
    """The files an export of format `fmt` to `output` writes: `output`, or spaCy's four files."""
    return _spacy_targets(output) if fmt == "spacy" else [output]


def format_for_output(output: Path, fmt: str | None) -> str:
    """The format an export to `output` writes: `fmt`, or without one the format the name's
    ending belongs to alone (`.csv`, `.spacy`), else `jsonl`.

    `export -o claims.csv` wrote JSON Lines into claims.csv, and `-o news.spacy` JSON Lines
    into a file spaCy cannot read, both with exit 0. A `fmt` whose files never end as the
    name does, when the name ends as another format's files do, is refused for the same
    reason: `--format doccano -o claims.csv` is a slip, not a wish.
    """
    suffix = output.suffix.lower()
    if fmt is None:
        owners = [w.name for w in WRITERS.values() if w.extension == suffix]
        return owners[0] if len(owners) == 1 else "jsonl"
    owners = clashing_formats(output, fmt)
    if owners:
        raise UserError(
            f"{output}: the name ends in {suffix}, as {', '.join(owners)} files do, but --format is "
            f"{fmt}; give --format {owners[0]}, or a name ending in {WRITERS[fmt].extension}"
        )
    return fmt


def clashing_formats(output: Path, fmt: str) -> list[str]:
    """The formats whose files end as `output` does when `fmt`'s never do (a slip: CSV written
    into `claims.jsonl`), else none."""
    suffix = output.suffix.lower()
    owners = [w.name for w in WRITERS.values() if w.extension == suffix]
    # spaCy's output may be a folder, and a folder's name is free.
    if owners and fmt not in owners and WRITERS[fmt].single_file:
        return owners
    return []


_FILE_ENDING = re.compile(r"\.[A-Za-z][A-Za-z0-9]*")
"""What ends a file name as a type: a dot, then a letter and letters or digits (".csv", ".mp3")."""


def with_format_ending(output: Path, fmt: str) -> Path:
    """`output`, with the file ending of `fmt` added when its name has none, for the window's Export.

    A dot alone does not make an ending: "claims 06.05.2024" or "claims v1.2" ended in ".2024"
    and ".2", so no ending was added and no spreadsheet or editor would open the file.
    """
    if _FILE_ENDING.fullmatch(output.suffix):
        return output
    return output.with_name(output.name + WRITERS[fmt].extension)


def export_file_ending(fmt: str) -> str:
    """How a proposed export file name of format `fmt` ends: "-doccano.jsonl", "-claims.csv".

    Each single-file format ends differently, so exporting a second format beside the first
    proposes a name of its own instead of the first file's.
    """
    writer = WRITERS[fmt]
    return f"-{writer.file_tag}{writer.extension}" if writer.file_tag else writer.extension


def renamed_for_format(name: str, old_fmt: str, new_fmt: str) -> str:
    """File name `name`, shown for `old_fmt`, with the ending of `new_fmt` instead.

    For the save dialog when the person picks another file type. The proposed name's part
    for the format goes too ("news-prodigy.jsonl" -> "news-doccano.jsonl"), also when the
    dialog itself has already swapped the suffix ("news-prodigy.csv", as Qt's does); a name
    typed with the old format's file ending keeps its words ("labels.jsonl" -> "labels.csv");
    a name with any other ending is the person's and kept as typed.
    """
    old, new = WRITERS[old_fmt], WRITERS[new_fmt]
    for extension in (old.extension, new.extension):
        if name.lower().endswith(extension) and len(name) > len(extension):
            stem = name[: -len(extension)]
            break
    else:
        return name
    tag = f"-{old.file_tag}" if old.file_tag else ""
    if tag and stem.endswith(tag) and len(stem) > len(tag):
        return stem[: -len(tag)] + export_file_ending(new_fmt)
    renamed = stem + new.extension
    return name if renamed.lower() == name.lower() else renamed  # "Labels.JSONL" as typed


def _check_options(options: ExportOptions) -> None:
    if options.format not in EXPORT_FORMATS:
        raise UserError(
            f"unknown export format {options.format!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )
    known = {label.value for label in ClaimLabel}
    for label in options.labels:
        if label not in known:
            raise UserError(f"unknown label {label!r}; choose from {', '.join(sorted(known))}")
    if options.status is not None and options.status not in {s.value for s in ArticleStatus}:
        raise UserError(
            f"unknown status {options.status!r}; choose from {', '.join(s.value for s in ArticleStatus)}"
        )
    _since_moment(options.since)


def _check_annotators(source: ExportSource, options: ExportOptions) -> None:
    """Refuse an `annotators` filter naming someone the project has never known.

    Such a name matches no claim, so the export wrote an empty file and said "exported 0
    claim(s)", as if the person had labelled nothing; a name typed with other capitals ("Ana"
    for "ana") is the usual slip, so the message lists the names there are. Any name the
    project holds is accepted, however long: one saved before names were held to
    `MAX_NAME_CHARS` is still someone's claims. An unknown name over that limit is a paste of
    something else, and the message gives its length instead of echoing a page of it.
    """
    if not options.annotators:
        return
    known = source.annotators()
    for name in options.annotators:
        if name not in known:
            given = (
                f"{name!r}" if len(name) <= MAX_NAME_CHARS else f"with the {len(name):,}-character name given"
            )
            raise UserError(
                f"--annotator: no annotator {given} in this project; "
                f"its annotators are {', '.join(known) or 'none yet'}"
            )


_YEAR_OR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")


def parse_since(value: str) -> datetime:
    """The moment a `--since` value names, in UTC: an ISO date or date-time (2024, 2024-05,
    2024-05-06, 2024-05-06T09:30, 2024-05-06T09:30+02:00); a time without an offset is UTC,
    as the project's own stamps are.

    Parsed, never compared as text: "notadate" sorted after every stamp and exported nothing,
    "2020-99-99" sorted before them and exported everything, and neither said a word.
    Raises ValueError with a message for the user.
    """
    text = value.strip()
    short = _YEAR_OR_MONTH.fullmatch(text)
    try:
        moment = datetime(int(short[1]), int(short[2] or 1), 1) if short else datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(
            f"{value!r} is not a date or time; give an ISO date such as 2024-05-06, "
            "or a date and time such as 2024-05-06T09:30 (UTC unless an offset is given)"
        ) from None


def _since_moment(since: datetime | str | None) -> datetime | None:
    """The moment of `since` in UTC, which each claim's stamps are compared with as moments
    (`Claim.changed_at`): a claim whose stamps name no time is never after it."""
    if since is None or since == "":
        return None
    if isinstance(since, str):
        try:
            since = parse_since(since)
        except ValueError as exc:
            raise UserError(f"--since: {exc}") from None
    elif since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return since.astimezone(UTC)


def select(
    source: ExportSource,
    options: ExportOptions,
    *,
    tokenizer: str | None = None,
    counts: dict[str, int] | None = None,
) -> Iterator[AnnotatedArticle]:
    """The articles an export writes, with their claims filtered, in article id order.

    With `tokenizer`, each article brings the tokens stored under that name, if any. With
    `counts`, counts["read"] counts the articles read, written or not (the export's progress);
    with `gold` too, counts["relabelled_since"] counts the decisions a person labelled
    otherwise after (`reports.labels_after`): gold keeps them, and the export says so.
    """
    since = _since_moment(options.since)
    decisions: dict[int, list[GoldDecision]] = defaultdict(list)
    if options.gold:
        for decision in source.gold_decisions():
            decisions[decision.article_id].append(decision)
    for item in source.iter_annotated(status=options.status, tokenizer=tokenizer):
        if counts is not None:
            counts["read"] = counts.get("read", 0) + 1
        claims = item.claims
        if options.gold:
            # Gold is the decisions and the spans everyone agreed on (`adjudication.agreed_gold`),
            # worked out article by article as they stream past.
            decided = [c for c in claims if c.annotator == GOLD_ANNOTATOR]
            if counts is not None:
                counts["relabelled_since"] = counts.get("relabelled_since", 0) + sum(
                    1
                    for d in decisions.get(item.article.id, ())
                    if labels_after(d, (c for c in claims if (c.start, c.end) == (d.start, d.end)))
                )
            agreed = agreed_gold(claims, decisions.get(item.article.id, ()), match=options.match).claims
            claims = tuple(with_agreed(decided, agreed.get(item.article.id, [])) if agreed else decided)
        if options.annotators:
            claims = tuple(c for c in claims if c.annotator in options.annotators)
        if options.labels:
            claims = tuple(c for c in claims if c.label.value in options.labels)
        if since is not None:
            claims = tuple(c for c in claims if (m := c.changed_at) is not None and m >= since)
        if options.filters_claims and not claims:
            continue
        yield dataclasses.replace(item, claims=claims) if claims != item.claims else item


def no_gold_labels(options: ExportOptions) -> str:
    """Why a gold export is refused when it holds no claim, and what to do about it.

    Refused, not written empty: an empty file said only "exported 0 claim(s)", and the next
    step (training, a release) learnt nothing from a file that looked like a result. The same
    rule as `release --labels gold`, whose empty release is refused too. An agreed span counts
    only once its article's disagreements are decided (`agreed_gold`): "nothing was agreed"
    was false for a team whose every article still had an open disagreement, and left them
    looking for the span they could see labelled alike.
    """
    chosen = [
        flag
        for flag, given in (
            ("--label", options.labels),
            ("--status", options.status),
            ("--since", options.since),
        )
        if given
    ]
    if chosen:
        return (
            f"no gold labels to export with {' '.join(chosen)}: none of the reviewers' decisions "
            "or agreed spans is among the claims chosen; nothing was written"
        )
    return (
        "no gold labels to export: no reviewer has given a label and no agreed span counts yet "
        "(gold is the reviewers' decisions other than 'no claim', and the spans every annotator "
        "of an article labelled alike, once that article's disagreements are decided); settle "
        "disagreements under Team > Review Disagreements; nothing was written"
    )


def _default_tokenizer() -> Tokenizer:
    """spaCy's blank English tokenizer, so token ids match what Prodigy and spacy train would make."""
    return tokenize


def export(
    source: ExportSource,
    output: str | Path,
    *,
    options: ExportOptions | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    tokenizer: Tokenizer | None = None,
) -> ExportResult:
    """Write the selected articles and claims to `output` in `options.format`.

    For `spacy`, `output` is a folder (created if needed) that receives `train.spacy`,
    `dev.spacy`, `textcat_train.spacy` and `textcat_dev.spacy`; a path ending in
    `.spacy` is used as a prefix instead (`out.spacy` -> `out.train.spacy`, ...), and one of
    such a set's files names that set (`out.dev.spacy` -> `out.train.spacy`, ...;
    `folder/dev.spacy` -> `folder/train.spacy`, ...).
    """
    options = options or ExportOptions()
    _check_options(options)
    _check_annotators(source, options)
    output = Path(output)
    targets = export_targets(output, options.format)
    project_path = getattr(source, "path", None)
    project_path = project_path if isinstance(project_path, Path) else None
    if targets[0].parent == output:
        # The spaCy files go into the folder `output`, made if missing: the folder is an output
        # too, and one named like a companion of the project (p.db-journal) broke the project.
        check_output_path(output, project_path=project_path)
        if output.exists() and not output.is_dir():
            # Else the first file's check said "OUT/train.spacy: ... (Not a directory)".
            raise OutputPathError(
                f"{output} is a file; the spaCy export writes four files into a folder: give a "
                "folder, or a name ending in .spacy to start their names"
            )
    targets = [check_output(t, project=project_path, force=options.force) for t in targets]
    needs_tokens = WRITERS[options.format].tokens
    # spaCy's tokenizer by default, so token ids match what Prodigy and spacy train would make;
    # its tokens are stored in the project, so only a text never tokenised before pays for it.
    stored_as = tokenizer_name() if needs_tokens and tokenizer is None else None
    # Tokens made here, by content hash, encoded as the store keeps them: encoded as each text is
    # met, so that its spans (two lists of numbers a token) are freed once its line is written.
    # Kept until the end, 265 articles' spans made every collection of young objects walk
    # hundreds of thousands of numbers (5 ms of a cold export's 0.25 s).
    fresh: dict[str, bytes] = {}
    total = _articles_to_read(source, options)
    counts = {
        "read": 0, "articles": 0, "claims": 0, "noted": 0, "not_analysed": 0, "by_rules": 0,
        "relabelled_since": 0, "off_tokens": 0, "blank": 0, "long_names": 0,
    }  # fmt: skip
    models: Counter[str] = Counter()  # articles by the trained pipeline that pre-annotated them
    first_off_tokens: list[tuple[int, str, str]] = []  # (article id, title, text) of the first
    first_blank: list[tuple[int, str]] = []  # (article id, title) of the first claim left out blank
    long_names: set[str] = set()  # names over the window's limit that a jsonl file writes

    def items() -> Iterator[AnnotatedArticle]:
        for item in select(source, options, tokenizer=stored_as, counts=counts):
            check()
            if progress is not None:
                # Articles read, not written: an article a claim filter leaves out is work done.
                progress(counts["read"] - 1, total)
            if tokenizer is not None and needs_tokens:
                item = dataclasses.replace(item, tokens=tokenizer(item.article.text))
            elif stored_as is not None and not item.tokens:
                digest = item.article.content_hash
                tokens = tokenize(item.article.text)  # a text met twice: its units are cached
                if digest not in fresh:
                    fresh[digest] = tokens.encode()
                item = dataclasses.replace(item, tokens=tokens)
            if WRITERS[options.format].read_back and item.claims:
                kept = tuple(c for c in item.claims if not _white_space_alone(item.article.text, c))
                if len(kept) < len(item.claims):
                    counts["blank"] += len(item.claims) - len(kept)
                    if not first_blank:
                        first_blank.append((item.article.id, item.article.title))
                    item = dataclasses.replace(item, claims=kept)
                    if options.filters_claims and not kept:
                        continue
            if options.format == "jsonl" and item.claims:
                longer = [
                    c.annotator for c in item.claims if len(annotator_name(c.annotator)) > MAX_NAME_CHARS
                ]
                counts["long_names"] += len(longer)
                long_names.update(longer)
                off = claims_off_tokens(item)
                counts["off_tokens"] += len(off)
                if off and not first_off_tokens:
                    text = item.article.text[off[0].start : off[0].end]
                    first_off_tokens.append((item.article.id, item.article.title, text))
            counts["articles"] += 1
            counts["claims"] += len(item.claims)
            counts["noted"] += sum(1 for claim in item.claims if claim.note.strip())
            counts["not_analysed"] += item.pipeline is None and not (item.entities or item.quotes)
            counts["by_rules"] += item.pipeline is not None and item.pipeline.name == RULES_PIPELINE
            if item.pipeline is not None and item.pipeline.name != RULES_PIPELINE:
                models[carried_pipeline(item.pipeline.name)] += 1
            yield item
        if options.gold and not counts["claims"]:
            # Raised before the file is renamed into place, so nothing is written (nor replaced).
            raise NoGoldLabelsError(no_gold_labels(options))

    def check() -> None:
        if cancel is not None and cancel():
            raise Cancelled("export cancelled; no file was written")

    notes: tuple[str, ...] = ()
    if options.format == "spacy":
        notes = _write_spacy(items(), targets, options, check)
    else:
        chunks = format_chunks(
            options.format, items(), with_entities=options.with_entities, full_paths=options.full_paths
        )
        atomic_write(targets[0], chunks)
    notes += _off_tokens_note(counts["off_tokens"], first_off_tokens)
    notes += _blank_claims_note(counts["blank"], first_blank)
    notes += _long_names_note(counts["long_names"], long_names)
    notes += _relabelled_since_note(counts["relabelled_since"])
    notes += _left_out_notes_note(counts["noted"], options)
    notes += _not_analysed_note(counts["not_analysed"], options)
    notes += _by_rules_note(counts["by_rules"], options)
    notes += _mixed_models_note(models, options)
    if stored_as is not None and fresh:
        keep_tokens(source, stored_as, fresh)
    if progress is not None:
        progress(total, total)
    result = ExportResult(
        path=output,
        format=options.format,
        articles=counts["articles"],
        claims=counts["claims"],
        files=tuple(targets),
        notes=notes,
        claim_rows=WRITERS[options.format].claim_rows,
    )
    log.info("%s", result.summary())
    return result


def _articles_to_read(source: ExportSource, options: ExportOptions) -> int:
    """How many articles an export reads: the progress total.

    Every article of the project was the total of an export of `--status done` articles too,
    so the bar stood at a fraction of the way and jumped to the end when the last was read.
    """
    articles = source.articles()
    if not options.status:
        return len(articles)
    return sum(1 for article in articles if article.status == options.status)


def _off_tokens_note(count: int, first: Sequence[tuple[int, str, str]]) -> tuple[str, ...]:
    """What a JSONL file holds for claims that start or end inside a word (or on white space).

    Their `start` and `end` are as labelled, and their `token_start` and `token_end` take in
    the whole tokens; a data scientist rebuilding spans from characters (spaCy's `char_span`,
    Prodigy's data-to-spacy) lost them without a word, as nothing said there were any.
    """
    if not count or not first:
        return ()
    article_id, title, text = first[0]
    where = f"article {article_id}" + (f" {_short(title)}" if title.strip() else "")
    them = "it" if count == 1 else "them"
    return (
        f"{counted(count, 'claim')} {'starts or ends' if count == 1 else 'start or end'} inside a "
        f"word or on white space (first: {where}, {_short(text)}): start and end are as labelled, "
        f"token_start and token_end take in the whole tokens, and tools that rebuild spans from "
        f"start and end (spaCy's Doc.char_span, Prodigy's data-to-spacy) drop {them}; "
        f"widen {them} to whole words in the article, or export spacy, which widens {them}",
    )


def _white_space_alone(text: str, claim: Claim) -> bool:
    """Whether a claim covers white space (or invisible marks) alone, as the import reads one."""
    start, end = strip_span(text, claim.start, claim.end)
    return start == end


def _blank_claims_note(count: int, first: Sequence[tuple[int, str]]) -> tuple[str, ...]:
    """What a file the import reads back lacks: the claims of white space alone it left out.

    A project kept such a claim from before the import refused them (a doccano selection of the
    gap between two sentences); written to the file, the import of that file refused the
    article's whole line, so a project's own export could not go into a new project.
    """
    if not count or not first:
        return ()
    article_id, title = first[0]
    where = f"article {article_id}" + (f" {_short(title)}" if title.strip() else "")
    was, them = ("was", "it") if count == 1 else ("were", "them")
    return (
        f"{counted(count, 'claim')} of white space alone {was} left out of the file, as an import "
        f"refuses {them} (first: {where}); open the article to delete or redo {them}",
    )


def _long_names_note(count: int, names: set[str]) -> tuple[str, ...]:
    """What an import of a jsonl file refuses: claims by a name over `MAX_NAME_CHARS`.

    A project saved before names were held to that limit may hold one, and the export writes
    it as the project holds it; the import, which refuses such a name as a paste of something
    else, refused the article's line ("spans[0].annotator is 152 characters long"), so the
    project's own export could not go into a new project and nothing had said so. The import's
    check stays (a hostile file's 100,000-character name); the file says what to change.
    """
    if not count:
        return ()
    first = _short(min(names, key=lambda name: (len(name), name)))
    people = f"a name over {MAX_NAME_CHARS} characters ({first})"
    if len(names) > 1:
        people = f"{len(names)} names over {MAX_NAME_CHARS} characters (first: {first})"
    is_, lines = ("is", "the line that holds it") if count == 1 else ("are", "the lines that hold them")
    return (
        f"{counted(count, 'claim')} {is_} by {people}, saved before names were held to that; an "
        f"import of this file refuses {lines}: give {'that person' if len(names) == 1 else 'each'} "
        f"a name of at most {MAX_NAME_CHARS} characters in the file, alike in every span's "
        '"annotator", before importing it',
    )


def _relabelled_since_note(count: int) -> tuple[str, ...]:
    """How many gold decisions a person labelled otherwise after: gold keeps the decision, which
    the reviewer has not seen that label against (the review lists them to look at again)."""
    if not count:
        return ()
    them = "it" if count == 1 else "them"
    return (
        f"{counted(count, 'gold decision')} kept though a label that differs came after"
        f" (Review Disagreements shows {them} to look at again)",
    )


def _left_out_notes_note(count: int, options: ExportOptions) -> tuple[str, ...]:
    """How many claims' notes a file with no place for notes (doccano, spaCy) left out.

    Exported to doccano, a team's notes ("check the coroner's count") were not in the file and
    the export's line said nothing of it: nobody knew to take them from another format.
    """
    writer = WRITERS[options.format]
    left_out_by = writer.notes
    if not count or not left_out_by:
        return ()
    whose = "the claim's note is" if count == 1 else f"the {count} claims' notes are"
    them = "it" if count == 1 else "them"
    # The spaCy export writes four files: "not in the file" left the reader asking which one.
    where = "the file" if writer.single_file else "the files"
    return (
        f"{whose} not in {where}, as {left_out_by} has no place for {them}; export jsonl,"
        f" claims-jsonl or csv to have {them}",
    )


def _not_analysed_note(count: int, options: ExportOptions) -> tuple[str, ...]:
    """What a file with entities lacks for articles not pre-annotated yet.

    An export asked while pre-annotation runs goes first (the window pauses it), and one from
    the command line may come before any: those articles' lines had no entities, and nothing
    told them apart from articles where the model found none. An article imported with the
    entities or quotations of the project it came from (our `jsonl` export) is not counted: its
    line holds them, and the note said the file had none.
    """
    writes = WRITERS[options.format].entities
    if not count or writes == "never" or (writes == "asked" and not options.with_entities):
        return ()
    these, them = ("1 article is", "it") if count == 1 else (f"{count} articles are", "them")
    return (
        f"{these} not pre-annotated yet, so the file has no entity suggestions for {them}; "
        "pre-annotate and export again to have them",
    )


def _by_rules_note(count: int, options: ExportOptions) -> tuple[str, ...]:
    """What a file with entities holds for articles the rule-based fallback pre-annotated.

    A project pre-annotated where the English model was missing has the simple rules'
    suggestions (fewer names, no speakers from the grammar), and a file writes them as it
    writes the model's: a data scientist took them for the model's.
    """
    writes = WRITERS[options.format].entities
    if not count or writes == "never" or (writes == "asked" and not options.with_entities):
        return ()
    these, them = ("1 article was", "it") if count == 1 else (f"{count} articles were", "them")
    return (
        f"{these} pre-annotated by simple rules, without the English model, so the file's entity "
        f"suggestions for {them} are fewer and weaker; once the model is installed "
        f"({install_advice(None)}), pre-annotate and export again to have the model's",
    )


def _mixed_models_note(models: Counter[str], options: ExportOptions) -> tuple[str, ...]:
    """What a file with entities holds when more than one trained pipeline pre-annotated its
    articles, and for how many each.

    A Pre-annotate All with another model (File ▸ Pre-annotation Model…) cancelled half way
    keeps the articles done, so some articles had the medium model's suggestions and the rest
    the small one's; the file wrote them alike, and a data scientist took them for one model's.
    """
    writes = WRITERS[options.format].entities
    if len(models) < 2 or writes == "never" or (writes == "asked" and not options.with_entities):
        return ()
    ranked = models.most_common()

    def named(name: str) -> str:
        plain = PipelineInfo(name, "").plain_name
        return f"the {plain} model's" if plain is not None else f"the model {name}'s"

    first, rest = ranked[0], ranked[1:]
    parts = [f"{named(first[0])} for {counted(first[1], 'article')}"]
    parts += [f"{named(name)} for {count}" for name, count in rest]
    return (
        f"the file's entity suggestions come from {len(models)} models: {', '.join(parts)}; "
        "pre-annotate all articles with the project's model and export again to have one "
        "model's throughout",
    )


def keep_tokens(source: object, name: str, tokens: Mapping[str, TokenSpans | bytes]) -> None:
    """Store the tokens an export or a release made, so the next one does not tokenise again.

    After the files are in place, in its own transaction: the export has succeeded whatever
    happens here, and a project that cannot be written only stays cold.
    """
    # Tokens are a cache the store keeps outside edit commands, like analyses (see `store_of`).
    store = store_of(source) if isinstance(source, Project) else source
    if not isinstance(store, ProjectStore):
        return
    try:
        store.store_tokens(name, tokens.items())
    except (AnnotatorError, OSError) as exc:
        log.warning("could not store the tokens of %s: %s", counted(len(tokens), "article"), exc)


def _spacy_targets(output: Path) -> list[Path]:
    # In any case, as `format_for_output` reads the ending: "News.SPACY" chose this format,
    # then became a folder of that name.
    if output.suffix.lower() == ".spacy":
        if output.stem.lower() in _SPACY_PARTS:  # "corpus/dev.spacy": a file of a folder's set
            return [output.parent / f"{part}.spacy" for part in _SPACY_PARTS]
        prefix = _spacy_set_prefix(output.stem)
        return [output.with_name(f"{prefix}.{part}.spacy") for part in _SPACY_PARTS]
    return [output / f"{part}.spacy" for part in _SPACY_PARTS]


def _spacy_set_prefix(stem: str) -> str:
    """The prefix of the set of files a name ending in `.spacy` names: `stem`, less a part's
    name if it is one file of such a set ("news.train" -> "news").

    The save dialog lists a set's four files, never "news.spacy": picking "news.train.spacy"
    to export over the set wrote a second set, "news.train.train.spacy" and its siblings,
    beside the first, left as it was for the next training to read.
    """
    for part in _SPACY_PARTS:
        ending = f".{part}"
        if stem.lower().endswith(ending) and len(stem) > len(ending):
            return stem[: -len(ending)]
    return stem


def _write_spacy(
    items: Iterable[AnnotatedArticle],
    targets: list[Path],
    options: ExportOptions,
    check: Callable[[], None],
) -> tuple[str, ...]:
    """Write the DocBins; returns the notes for the summary.

    Each article's Docs are made as it is read (`ExportDocBins`), between the export's progress
    reports and its checks for a Cancel: made after all were read, they were most of the time
    of a large export, with the progress bar full and a Cancel unheard. Packing them into the
    four files after the last article hears `check` too (`ExportDocBins.finish`).
    """
    # Imported here: spaCy is heavy, and only this format needs it.
    from annotator.formats.spacy_docbin import ExportDocBins

    bins = ExportDocBins()
    for item in items:
        bins.add(item)
    built = bins.finish(dev_ratio=options.dev_ratio, seed=options.seed, check=check)
    payloads = [built.files[f"{part}.spacy"] for part in _SPACY_PARTS]
    # All four or none: train and dev files of one export beside another's are a set no export made.
    atomic_write_all([(target, [payload]) for target, payload in zip(targets, payloads, strict=True)])
    return widened_notes(built.widened)


def widened_notes(widened: Sequence[WidenedClaim]) -> tuple[str, ...]:
    """What a summary says of claims written to the DocBins wider than labelled, and of claims
    of white space alone, left out of them (none of either: nothing).

    An export and a release widen alike (spaCy spans are whole tokens) and say so alike: the
    count and the first such claim, so a claim cut short by a slip of the mouse can be found.
    """
    notes = []
    wider = [w for w in widened if w.exported]
    if wider:
        first = wider[0]
        notes.append(
            f"{counted(len(wider), 'claim')} started or ended inside a word and "
            f"{'was' if len(wider) == 1 else 'were'} widened to whole "
            f"words, as spaCy spans must be (first: {_article(first)}, "
            f"{_short(first.original)} exported as {_short(first.exported)})"
        )
    blank = [w for w in widened if not w.exported]
    if blank:
        notes.append(
            f"{counted(len(blank), 'claim')} of white space alone "
            f"{'was' if len(blank) == 1 else 'were'} left out of the spaCy files, as it has no word "
            f"to be a span of (first: {_article(blank[0])}); open the article to delete or redo it"
        )
    return tuple(notes)


def _article(claim: WidenedClaim) -> str:
    title = claim.title
    return f"article {claim.article_id}" + (f" {_short(title)}" if title.strip() else "")


def _short(text: str, keep: int = 30) -> str:
    """`text` quoted on one line, its middle cut if long: a widened claim differs at its edges."""
    flat = " ".join(text.split())
    if len(flat) > 2 * keep + 1:
        flat = f"{flat[:keep]}…{flat[-keep:]}"
    return repr(flat)
