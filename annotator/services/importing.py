"""Import files and folders into a project: all or nothing, or the good part with a report.

Every file is read, and every rejected file or line collected, before the import is
refused or taken, so the user hears about all problems at once instead of fixing them
one failed import at a time. The drafts go to the store as they are read, into one
transaction that a refusal rolls back, so a batch is either in the project or not at all.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import re
import shlex
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from annotator.core.errors import Cancelled, DiskFullError, InputFileError, NoArticlesFoundError, UserError
from annotator.core.model import ArticleDraft
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.reports import LabelConflict
from annotator.core.text import counted
from annotator.formats import DEFAULT_MAX_BYTES, READERS, imported_folder, iter_input_files, passed_over
from annotator.formats.readers import FloodedFileError, read_file
from annotator.formats.writers import spreadsheet_safe
from annotator.services.outputs import OutputPathError, WriteAdvice, atomic_write, check_output, write_error
from annotator.store.project_store import IMPORTED_ANNOTATOR

log = logging.getLogger(__name__)


_MESSAGE_LIMIT = 20


WINDOW_ADVICE: tuple[tuple[str, str], ...] = (
    # The window's limit is in Preferences (`Settings.max_import_bytes`).
    (
        "; split it, or raise the limit with --max-mb",
        "; split it into smaller files, or raise Largest file to import in Edit ▸ Preferences",
    ),
    (
        "; choose the text column with --text-column",
        "; the window reads an article's text from the column named “text”: rename the column "
        "that holds the text to “text” and import the file again",
    ),
)
"""(advice the readers give for the command line, what to do in the window instead)."""

WINDOW_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^looks like a binary file \(it contains NUL bytes\); import text, HTML, JSONL or CSV files, "
            r"and save UTF-16 text with a byte order mark$"
        ),
        "is not a text file (a picture, a program, or a Word or PDF document?); save the article as "
        "plain text (.txt) and import that",
    ),
    (
        re.compile(r"^the text contains a NUL character$"),
        "the text holds an invisible character that cannot be saved (a zero byte); remove it and "
        "import the file again",
    ),
    (
        re.compile(r"^'text' must be a string, got \w+$"),
        "the article's “text” is not in quotes (a number, a list or a true/false?); put the "
        "article's text in quotes",
    ),
    (
        re.compile(r"^expected a JSON object with a 'text' field, got \w+$"),
        'this line is not an article: each line must be like {{"text": "The article…"}}',
    ),
    (
        re.compile(r"^invalid JSON \((.*)\); each line must be one JSON object$"),
        'this line is not written correctly ({0}); each line must be like {{"text": "The article…"}}',
    ),
    (
        re.compile(r"^missing 'text' field$"),
        'this line has no “text”: each line must be like {{"text": "The article…"}}, with the '
        "article's words in “text”",
    ),
    (
        # A JSONL line's "text" or a CSV row's text cell: either way the line is in the file.
        re.compile(r"^empty text$"),
        "the article's text is empty, so there is nothing to label; fill in its text or remove the line",
    ),
    (
        re.compile(r"^the HTML cannot be parsed \(\w+: (.*)\)$"),
        "the web page cannot be read ({0})",
    ),
    (
        re.compile(r"^is not a regular file \(a pipe, a device or a socket\); import files$"),
        "is not an ordinary file (a device or a link between programs); import files saved on a disk",
    ),
)
"""(a reader's problem in a programmer's words, the window's words for it: a format string, "{0}"
the problem's detail).

"NUL bytes", "a JSON object", "a string, got int" and a parser's class name said nothing to
an annotator, and "missing 'text' field" or "empty text" not what to do about the line. The
command line keeps the readers' words; the window's file and line columns (and the report's)
still say where."""

_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def window_reason(reason: str, translate: Callable[[str], str] = str) -> str:
    """A rejection's reason as the window says it: no command-line option in its advice.

    The readers word their reasons for the command line, where the fix may be an option
    (`--text-column`); the window has no options. Such advice is replaced by what to do in the
    window or, naming an option the window does not know of, left out; the problem itself (the
    first part) always stays, in words for the window where the readers' are a programmer's
    (`WINDOW_PROBLEMS`). `translate` is the window's `tr` for the replacements.
    """
    for cli, window in WINDOW_ADVICE:
        reason = reason.replace(cli, translate(window))
    for pattern, words in WINDOW_PROBLEMS:
        if found := pattern.match(reason):
            return translate(words).format(*found.groups())
    problem, *advice = reason.split("; ")
    return "; ".join([problem, *(part for part in advice if not _OPTION.search(part))])


@dataclass(frozen=True)
class ReportAdvice:
    """What to do when the rejections' report cannot be written where it was to go."""

    new_name: str
    """The name is taken by a file the report must not replace."""
    refused: WriteAdvice
    """The disk refused the report: full, read-only, or for another reason of its own."""
    outcome: str
    """What became of the import then: the report is written before the articles, so none was."""


COMMAND_LINE_REPORT_ADVICE = ReportAdvice(
    new_name="give --report a new file name",
    refused=WriteAdvice(
        disk_full="free some space, or choose another place with --report",
        read_only="choose another folder with --report",
        other="choose another place with --report",
    ),
    outcome="nothing was imported (the report of rejected lines is written before the articles)",
)
WINDOW_REPORT_ADVICE = ReportAdvice(
    new_name="import again: the list of files that cannot be read, which goes beside the project, "
    "gets a new name each time",
    refused=WriteAdvice(
        disk_full="make room on that disk, then import again",
        read_only="import again once the project's folder can be written to",
        other="import again once that disk can be written to",
    ),
    outcome="nothing was imported (the list of files that cannot be read goes beside the project, "
    "and is written before the articles)",
)
"""The window names the report itself, beside the project, and has no `--report` to offer."""


def input_formats() -> list[tuple[str, tuple[str, ...]]]:
    """(name, file endings) of every format an import reads, for an open dialog and help texts."""
    seen: list[tuple[str, tuple[str, ...]]] = []
    for entry in READERS.values():
        if (entry.name, entry.extensions) not in seen:
            seen.append((entry.name, entry.extensions))
    return seen


class ImportTarget(Protocol):
    """What importing needs from a project (`annotator.services.project.Project` provides it)."""

    def import_drafts(self, drafts: Iterable[ArticleDraft]) -> _AddedReport: ...


class _AddedReport(Protocol):
    @property
    def added(self) -> list[int]: ...

    @property
    def duplicates(self) -> int: ...

    @property
    def joined_texts(self) -> int: ...

    @property
    def joined_people(self) -> int: ...

    @property
    def repeated(self) -> int: ...

    @property
    def given(self) -> int: ...

    @property
    def differing(self) -> tuple[tuple[str, str], ...]: ...

    @property
    def conflicts(self) -> tuple[LabelConflict, ...]: ...

    @property
    def imported_in_all(self) -> int: ...

    @property
    def unnamed(self) -> tuple[tuple[str, str, int], ...]: ...


class ImportRejectedError(UserError):
    """A batch refused because some files or lines are bad; nothing was imported.

    `rejections` holds every problem; the message lists the first few and says what to do.
    `readable` is how many articles were read fine: with none, there is no "rest" that
    --skip-bad could import, so the message does not offer it, and one problem is one line.
    """

    def __init__(self, rejections: Sequence[InputFileError], *, readable: int = 0) -> None:
        self.rejections = tuple(rejections)
        if len(self.rejections) == 1 and not readable:
            super().__init__(f"nothing was imported: {self.rejections[0]}")
            return
        shown = "\n".join(f"  {r}" for r in self.rejections[:_MESSAGE_LIMIT])
        more = len(self.rejections) - _MESSAGE_LIMIT
        if more > 0:
            shown += f"\n  ... and {more} more"
        advice = (
            "Fix them, or import the rest with --skip-bad (rejected lines go to a report file)."
            if readable
            else "Fix them; nothing else was found to import."
        )
        super().__init__(
            f"nothing was imported: {counted(len(self.rejections), 'file or line', 'files or lines')} "
            "cannot be read:\n"
            f"{shown}\n{advice}"
        )


_LABELS_SHOWN = 5
_LABEL_SHOWN_CHARS = 40


def left_out_label_words(labels: Sequence[tuple[str, int]]) -> str:
    """The left-out labels as a list to read: "'Fact' (2), 'Claim' (1)", the first few only.

    Each label is shown quoted and escaped (`repr`), cut short: it comes from the file, and a
    control character printed as it is could rewrite the terminal the summary goes to.
    """
    shown = ", ".join(f"{label[:_LABEL_SHOWN_CHARS]!r} ({count})" for label, count in labels[:_LABELS_SHOWN])
    more = len(labels) - _LABELS_SHOWN
    return shown + (f" and {counted(more, 'other label')}" if more > 0 else "")


def joined_words(people: int, texts: int) -> str:
    """What an import joined: "3 people's labels on 10 texts joined", a line of each person's a text."""
    return f"{people} people's labels on {counted(texts, 'text')} joined"


def given_words(articles: int) -> str:
    """What an import added to the project's articles: "2 articles given another person's labels"."""
    return f"{counted(articles, 'article')} given another person's labels"


_DIFFERING_SHOWN = 5


def differing_words(differing: Sequence[tuple[str, str]]) -> str:
    """The labels an import did not take, the project holding other labels of the same person:
    "'Taxes' by bob, 'Rain' by alice", the first few only ("" where there are none).

    Each title quoted and escaped (`repr`), as it comes from the file or the project.
    """
    return _listed(
        [
            f"{title[:_LABEL_SHOWN_CHARS]!r} by {person[:_LABEL_SHOWN_CHARS]}"
            for person, title in differing
            if person
        ]
    )


def unnamed_words(differing: Sequence[tuple[str, str]]) -> str:
    """The articles held already whose labels an import did not take, naming no one: "'Taxes'"."""
    return _listed([f"{title[:_LABEL_SHOWN_CHARS]!r}" for person, title in differing if not person])


def _listed(items: Sequence[str]) -> str:
    more = len(items) - _DIFFERING_SHOWN
    return ", ".join(items[:_DIFFERING_SHOWN]) + (f" and {more} more" if more > 0 else "")


CONFLICTS_SHOWN = 20
"""Conflicts a summary names one by one; the rest are counted."""


def conflict_words(conflicts: Sequence[LabelConflict]) -> str:
    """The labels an import did not take, an earlier line of it giving the same person's span
    another label, each with its files and lines ("" where there are none)."""
    if not conflicts:
        return ""
    shown = ", ".join(conflict.words() for conflict in conflicts[:CONFLICTS_SHOWN])
    more = len(conflicts) - CONFLICTS_SHOWN
    return (
        f"{counted(len(conflicts), 'label')} not taken, an earlier line of these files giving the same "
        f"person's span another label (the first kept; change it in the window if the other is right): "
        f"{shown}" + (f" and {more} more" if more > 0 else "")
    )


_FILES_SHOWN = 3


def unnamed_parts(unnamed: Sequence[tuple[str, str, int]]) -> tuple[int, list[str], str]:
    """Of the labels an import stored as "imported"'s, their file naming no person: how many,
    their files, and the name to give them: the files' own where they all may be
    one person's ("alice"), else "" (for `stored_unnamed_words` and the window).

    A doccano export of one person (`alice.jsonl`) imported alone was stored as "imported"'s
    without a word, and the next person's file compared in agreement against "imported"."""
    labels = sum(count for _file, _person, count in unnamed)
    files = list(dict.fromkeys(file for file, _person, _count in unnamed))
    people = {person for _file, person, _count in unnamed}
    return labels, files, people.pop() if len(people) == 1 else ""


def files_listed(names: Sequence[str]) -> str:
    """ "a.jsonl, b.jsonl, c.jsonl and 2 more": the first few of the files."""
    more = len(names) - _FILES_SHOWN
    return ", ".join(names[:_FILES_SHOWN]) + (f" and {more} more" if more > 0 else "")


def stored_unnamed_words(
    unnamed: Sequence[tuple[str, str, int]], project: Path | None, in_all: int = 0
) -> str:
    """The labels stored as "imported"'s and how to give them their person's name ("" if none).

    `in_all`: the project's labels by "imported" after the import. The rename advised names
    every one of them: where earlier imports stored some, that is said with it, or the advice
    "give them their name" gave this file's person the earlier files' labels too.
    """
    if not unnamed:
        return ""
    labels, names, person = unnamed_parts(unnamed)
    command = " ".join(
        [
            "annotator rename-annotator",
            shlex.quote(str(project)) if project is not None else "PROJECT",
            IMPORTED_ANNOTATOR,
            shlex.quote(person) if person else "NAME",
        ]
    )
    whose = "its file naming" if len(names) == 1 else "their files naming"
    stored = (
        f'{counted(labels, "label")} stored as by "{IMPORTED_ANNOTATOR}", {whose} no one '
        f"({files_listed(names)})"
    )
    if in_all > labels:
        return (
            f'{stored}; the project holds {counted(in_all, "label")} by "{IMPORTED_ANNOTATOR}" in all, '
            f'{in_all - labels:,} of them from earlier imports, and a rename of "{IMPORTED_ANNOTATOR}" '
            f"names them all: if all {in_all:,} are one person's, give them their name: {command}"
        )
    return f"{stored}; if these labels are one person's, give them their name: {command}"


def skipped_files(paths: Iterable[str | Path]) -> tuple[tuple[str, int, str], ...]:
    """(what, how many, what to do) of the files the folders among `paths` hold but an import
    does not read, the most first: "INCEpTION .xmi", 10, "export the documents…"."""
    counts: dict[tuple[str, str], int] = {}
    for path in paths:
        for what, why in passed_over(path):
            counts[what, why] = counts.get((what, why), 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    return tuple((what, count, why) for (what, why), count in ranked)


def skipped_words(skipped: Sequence[tuple[str, int, str]]) -> str:
    """ "12 files skipped: 10 INCEpTION .xmi (export … instead), 2 .pdf (not supported; …)", or ""."""
    if not skipped:
        return ""
    total = sum(count for _what, count, _why in skipped)
    return f"{counted(total, 'file')} in the folders skipped, as not read: {skipped_groups(skipped)}"


def skipped_groups(skipped: Sequence[tuple[str, int, str]], translate: Callable[[str], str] = str) -> str:
    """The kinds skipped with what to do, the kinds of one advice together: "3 INCEpTION .xmi, 1
    INCEpTION UIMA CAS .json (export … instead), 2 .pdf (not supported; …)"."""
    advice: dict[str, list[str]] = {}
    for what, count, why in skipped:
        advice.setdefault(why, []).append(f"{count} {what}")
    return ", ".join(f"{', '.join(kinds)} ({translate(why)})" for why, kinds in advice.items())


CHANGED_SINCE = (
    "not taken, as the project holds other labels of the same person (changed since? the project's are kept)"
)
UNNAMED_NOT_TAKEN = (
    "labels naming no one not taken, on articles the project holds already (to add them, name their "
    'person in the file: a line\'s "user" or a span\'s "annotator")'
)


def _left_out_labels(drafts: Iterable[ArticleDraft]) -> tuple[tuple[str, int], ...]:
    """Every label left out of the drafts with its number of spans, the most spans first."""
    totals: dict[str, int] = {}
    for draft in drafts:
        for label, count in draft.left_out_labels:
            totals[label] = totals.get(label, 0) + count
    return tuple(sorted(totals.items(), key=lambda item: -item[1]))


@dataclass(frozen=True)
class ImportResult:
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    rejected: tuple[InputFileError, ...] = ()
    files: int = 0
    report_path: Path | None = None
    left_out_labels: tuple[tuple[str, int], ...] = ()
    """(label, spans) the files labelled with neither a claim's label nor an entity's, not imported."""
    joined_texts: int = 0
    """Articles made of several people's lines of one text, each claim its person's."""
    joined_people: int = 0
    repeated: int = 0
    """Of `duplicates`, the texts met twice in the files themselves, not in the project before."""
    given: int = 0
    """Articles in the project before the import given another person's labels by it."""
    differing: tuple[tuple[str, str], ...] = ()
    """(person, title) of labels not taken: the article holds other labels of that person."""
    conflicts: tuple[LabelConflict, ...] = ()
    """Labels not taken: an earlier line of the import gave that person's span another label."""
    skipped: tuple[tuple[str, int, str], ...] = ()
    """(what, how many, what to do) of the folders' files of kinds an import does not read."""
    unnamed: tuple[tuple[str, str, int], ...] = ()
    """(file, the person its name may be or "", labels) of the labels stored as "imported"'s."""
    project_path: Path | None = None
    """The project imported into, for the command the summary gives (`stored_unnamed_words`)."""
    imported_in_all: int = 0
    """The labels by "imported" the project holds after the import (`ImportReport.imported_in_all`)."""

    @property
    def left_out_spans(self) -> int:
        return sum(count for _label, count in self.left_out_labels)

    def summary(self) -> str:
        text = f"imported {counted(len(self.added), 'article')} from {counted(self.files, 'file')}"
        if self.joined_texts:
            text += f"; {joined_words(self.joined_people, self.joined_texts)}"
        if self.given:
            text += f"; {given_words(self.given)}"
        if self.duplicates:
            text += f"; {counted(self.duplicates, 'duplicate')} skipped"
        if changed := differing_words(self.differing):
            text += f"; {CHANGED_SINCE}: {changed}"
        if unnamed := unnamed_words(self.differing):
            text += f"; {UNNAMED_NOT_TAKEN}: {unnamed}"
        if conflicted := conflict_words(self.conflicts):
            text += f"; {conflicted}"
        if self.left_out_labels:
            whose = "whose label is" if self.left_out_spans == 1 else "whose labels are"
            text += (
                f"; {counted(self.left_out_spans, 'span')} left out, {whose} none of factual, "
                f"opinion, questionable nor an entity's: {left_out_label_words(self.left_out_labels)}"
            )
        if skipped := skipped_words(self.skipped):
            text += f"; {skipped}"
        if stored := stored_unnamed_words(self.unnamed, self.project_path, self.imported_in_all):
            text += f"; {stored}"
        if self.rejected:
            text += f"; {len(self.rejected)} rejected"
            if self.report_path is not None:
                text += f" (listed in {self.report_path})"
        return text


def read_inputs(
    paths: Iterable[str | Path],
    *,
    text_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> tuple[list[ArticleDraft], list[InputFileError], int]:
    """Read every file under `paths`; return (drafts, rejections, number of files)."""
    listed = _listed_files(paths)
    files = [file for file, _ in listed]
    drafts, rejections = _read_files(
        listed, text_column=text_column, max_bytes=max_bytes, progress=progress, cancel=cancel
    )
    return drafts, rejections, len(files)


def _listed_files(paths: Iterable[str | Path]) -> list[tuple[Path, Path | None]]:
    """Every file under `paths`, with the folder it was listed from (None for a file named itself).

    An earlier rejection report found in a folder is left out: written there by `--report`
    (or beside a project kept in the folder), the next import of the folder read it, as an
    article when it was named `.txt`, or as one more rejected file that refused the import.
    A report named on its own is read, as the person asked.

    The paths are taken in the order of their names, as a folder's files are: where two files
    give one person's span two labels the first file's is kept, and which was first was the
    order files were picked or dropped in the window, another on each try.
    """
    listed: list[tuple[Path, Path | None]] = []
    for path in sorted(paths, key=lambda path: Path(path).parts):
        folder = imported_folder(path)
        for file in iter_input_files(path):
            if folder is not None and _is_report(file):
                log.info("%s: an earlier import's rejection report, not read as input", file)
                continue
            listed.append((file, folder))
    return listed


def _read_files(
    files: Sequence[tuple[Path, Path | None]],
    *,
    text_column: str | None,
    max_bytes: int,
    progress: ProgressFn | None,
    cancel: CancelFn | None,
) -> tuple[list[ArticleDraft], list[InputFileError]]:
    drafts: list[ArticleDraft] = []
    rejections: list[InputFileError] = []
    for done, (file, folder) in enumerate(files):
        if cancel is not None and cancel():
            raise Cancelled("import cancelled; nothing was imported")
        if progress is not None:
            progress(done, len(files))
        for result in read_file(file, text_column=text_column, max_bytes=max_bytes, within=folder):
            if isinstance(result, InputFileError):
                rejections.append(result)
            else:
                drafts.append(result)
    if progress is not None:
        progress(len(files), len(files))
    return _credit_people(drafts, rejections)


def _credit_people(
    drafts: list[ArticleDraft], rejections: list[InputFileError]
) -> tuple[list[ArticleDraft], list[InputFileError]]:
    """Whose labels each line is where several lines of one text name no one.

    doccano exports a team's labels as one file per annotator, named after them (`alice.jsonl`,
    `bob.jsonl`), each line naming no one: imported together, the first file's line of a text
    was the article and every other person's labels were "duplicates skipped". Where a text
    comes in lines of two or more such files, each of those files is its person's (every line of
    it, so that person's articles labelled alone are theirs too), and the store joins the lines
    into one article, each claim its person's, as it joins a Prodigy team's sessions.

    Two files of one name in two folders (`day1/alice.jsonl`, `day2/alice.jsonl`) are one
    person's: credited to them beside other people's files, and else both no one's, their lines
    joined as one person's (imported on two days, the later came in too; in one import it was
    refused).

    A doccano line giving a text again with other labels, naming no one, in the same file (two
    people's lines put in one) or in a file of another name, cannot be credited to anyone: the
    later line is refused, naming file and line, rather than its labels dropped as a duplicate.
    """
    # Only a text some doccano line (`file_person`) gives can be credited or refused: the others
    # are not grouped, which for a 1,000,000-row CSV was a list and a dict entry per row.
    doccano_texts = {draft.text for draft in drafts if not draft.annotator and draft.file_person}
    if not doccano_texts:
        return drafts, rejections
    unnamed: dict[str, list[ArticleDraft]] = {}
    for draft in drafts:
        if not draft.annotator and draft.text in doccano_texts:
            unnamed.setdefault(draft.text, []).append(draft)
    people: dict[str, str] = {}
    refused: set[int] = set()
    for lines in unnamed.values():
        if len(lines) < 2:
            continue
        by_file = {draft.origin: draft.file_person for draft in lines}
        if all(by_file.values()) and len(set(by_file.values())) > 1:
            people.update(by_file)
            continue
        for at, later in enumerate(lines[1:], start=1):
            # Against the file's own earlier line of the text, else the first file's.
            first = next((d for d in lines[:at] if d.origin == later.origin), lines[0])
            # doccano lines only (`file_person`): Prodigy sessions named by their start time are
            # one person's, who labelled a text again; the store takes what they added.
            doccano = first.file_person and later.file_person
            same_person = first.origin != later.origin and first.file_person == later.file_person
            if doccano and not same_person and later.claims and set(later.claims) != set(first.claims):
                refused.add(id(later))
                rejections.append(
                    InputFileError(later.origin, _unnamed_repeat(first, later), line=later.line)
                )
    if not people and not refused:
        return drafts, rejections
    credited: list[ArticleDraft] = []
    for draft in drafts:
        if id(draft) in refused:
            continue
        person = people.get(draft.origin, "") if not draft.annotator else ""
        if person:
            claims = tuple(replace(c, annotator=c.annotator or person) for c in draft.claims)
            draft = replace(draft, annotator=person, claims=claims)
        credited.append(draft)
    return credited, rejections


def _unnamed_repeat(first: ArticleDraft, later: ArticleDraft) -> str:
    """Why a line giving a text again with other labels, naming no one, is refused."""
    where = f"line {first.line}" if first.origin == later.origin else f"{first.origin} line {first.line}"
    if first.line is None:
        where = first.origin
    return (
        f"gives the text of {where} again with other labels, and neither line names whose labels "
        "they are, so one person's would be lost; give each line its person "
        '("user": "NAME"), or import each person\'s labels from a file of their own named after '
        "them (alice.jsonl, bob.jsonl), as doccano's export of one file per annotator is"
    )


def import_paths(
    project: ImportTarget,
    paths: Iterable[str | Path],
    *,
    skip_bad: bool = False,
    report_path: str | Path | None = None,
    text_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    for_window: bool = False,
) -> ImportResult:
    """Import files and folders in one transaction.

    Without `skip_bad`, any rejected file or line raises `ImportRejectedError` and the
    project is left untouched. With it, the good articles are imported and the rejected
    ones are written (path, line, reason) to `report_path`, by default a `.tsv` beside
    the project file. `for_window`: the import was started in the window, whose user opens
    that report from it, so its reasons give the window's advice (`window_reason`), not an
    option of the command line; so does a refusal to write the report (`WINDOW_REPORT_ADVICE`).
    """
    paths = list(paths)  # listed twice: their files, and those of their folders not read
    listed = _listed_files(paths)
    files = [file for file, _ in listed]
    project_path = getattr(project, "path", None)

    def settled(readable: int, rejections: list[InputFileError]) -> Path | None:
        # Once every file is read: refuse the batch, or write the report of what is left out.
        if rejections and not skip_bad:
            raise ImportRejectedError(rejections, readable=readable)
        if not readable and not rejections:
            said = skipped_words(skipped_files(paths))
            raise NoArticlesFoundError(
                "no articles found: give .txt, .md, .html, .jsonl, .csv or .tsv files, or folders of them"
                + (f" ({said})" if said else "")
            )
        written: Path | None = None
        if rejections:
            written = Path(report_path) if report_path is not None else _default_report_path(project)
            write_report(
                written,
                rejections,
                project=project_path if isinstance(project_path, Path) else None,
                inputs=files,
                reword=window_reason if for_window else None,
                advice=WINDOW_REPORT_ADVICE if for_window else COMMAND_LINE_REPORT_ADVICE,
            )
        if cancel is not None and cancel():
            raise Cancelled("import cancelled; nothing was imported")
        if progress is not None and readable:
            # The files are read, and their one transaction takes seconds for tens of thousands of
            # articles: the window's bar stood full and still for all that time, as if the import
            # had hung. No count of it is known, so the bar moves without one, and says what it does.
            progress(0, 0, f"Saving {readable:,} {'article' if readable == 1 else 'articles'}…")
        return written

    # The drafts go to the store as they are read, inside its transaction: held until every file
    # was read, a 1,000,000-row CSV's took 0.6 GB. A refusal raised once the files are read rolls
    # the transaction back. Crediting doccano files to their people needs every line of the
    # import (`_credit_people`), and a file left out whole its drafts: such an import is read
    # again, and held (`_ReadWhole`).
    stream = _Stream(
        listed,
        text_column=text_column,
        max_bytes=max_bytes,
        skip_bad=skip_bad,
        progress=progress,
        cancel=cancel,
    )
    try:
        report: _AddedReport | None = _saved(project, stream.drafts(settled))
        drafts_left_out, rejections, written = stream.left_out, stream.rejections, stream.written
    except _Settled as exc:
        raise exc.refusal from None
    except _ReadWhole:
        log.info(
            "doccano files to credit to their people, or a file left out whole: the import is read again"
        )
        drafts, rejections = _read_files(
            listed, text_column=text_column, max_bytes=max_bytes, progress=progress, cancel=cancel
        )
        written = settled(len(drafts), rejections)
        report = _saved(project, drafts) if drafts else None
        drafts_left_out = _left_out_labels(drafts)
        del drafts
    result = ImportResult(
        added=list(report.added) if report else [],
        duplicates=report.duplicates if report else 0,
        rejected=tuple(rejections),
        files=len(files),
        report_path=written,
        left_out_labels=drafts_left_out,
        joined_texts=report.joined_texts if report else 0,
        joined_people=report.joined_people if report else 0,
        repeated=report.repeated if report else 0,
        given=report.given if report else 0,
        differing=tuple(report.differing) if report else (),
        conflicts=tuple(report.conflicts) if report else (),
        skipped=skipped_files(paths),
        unnamed=tuple(report.unnamed) if report else (),
        imported_in_all=report.imported_in_all if report else 0,
        project_path=project_path if isinstance(project_path, Path) else None,
    )
    log.info("%s", result.summary())
    return result


def _saved(project: ImportTarget, drafts: Iterable[ArticleDraft]) -> _AddedReport | None:
    """The drafts in the project, in one transaction."""
    try:
        return project.import_drafts(drafts)
    except DiskFullError as exc:
        # The store's words ("your saved work is safe") left a person with a folder of pages
        # asking whether some of them were in: none are, the import is one transaction.
        where = getattr(project, "path", None)
        raise DiskFullError(
            f"{where if isinstance(where, Path) else 'the project'}: the disk is full, so no article "
            "was imported (the project is unchanged); free some space and import again"
        ) from exc


class _ReadWhole(Exception):  # noqa: N818 - a turn the import takes, not an error
    """The import needs every draft at once: a line may be credited to the person its file is
    named after (`_credit_people`), or a file with too many bad lines is left out of a
    `skip_bad` import, the drafts of it already written too."""


class _Settled(Exception):  # noqa: N818 - carries the refusal, it is not one
    """The refusal of an import once its files are read, carried out of the store's transaction
    as it was raised: a full disk refusing the report is not the store's full disk."""

    def __init__(self, refusal: Exception) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal


class _Stream:
    """The drafts of an import's files, read as the store takes them, with what was refused."""

    def __init__(
        self,
        files: Sequence[tuple[Path, Path | None]],
        *,
        text_column: str | None,
        max_bytes: int,
        skip_bad: bool,
        progress: ProgressFn | None,
        cancel: CancelFn | None,
    ) -> None:
        self.files = files
        self.skip_bad = skip_bad
        self.text_column = text_column
        self.max_bytes = max_bytes
        self.progress = progress
        self.cancel = cancel
        self.rejections: list[InputFileError] = []
        self.readable = 0
        self.written: Path | None = None
        self._left_out: dict[str, int] = {}

    @property
    def left_out(self) -> tuple[tuple[str, int], ...]:
        """Every label left out of the drafts with its number of spans, the most spans first."""
        return tuple(sorted(self._left_out.items(), key=lambda item: -item[1]))

    def drafts(self, settled: Callable[[int, list[InputFileError]], Path | None]) -> Iterator[ArticleDraft]:
        """Each draft read; `settled` is called once all are, and may refuse the import by raising."""
        for done, (file, folder) in enumerate(self.files):
            if self.cancel is not None and self.cancel():
                raise Cancelled("import cancelled; nothing was imported")
            if self.progress is not None:
                self.progress(done, len(self.files))
            for result in read_file(
                file, text_column=self.text_column, max_bytes=self.max_bytes, within=folder, as_read=True
            ):
                if isinstance(result, FloodedFileError) and self.skip_bad:
                    raise _ReadWhole
                if isinstance(result, InputFileError):
                    self.rejections.append(result)
                    continue
                if result.file_person and not result.annotator:
                    raise _ReadWhole
                self.readable += 1
                for label, count in result.left_out_labels:
                    self._left_out[label] = self._left_out.get(label, 0) + count
                # A batch with a refused line is rolled back: its later lines are read for their
                # refusals only, not written.
                if self.skip_bad or not self.rejections:
                    yield result
        if self.progress is not None:
            self.progress(len(self.files), len(self.files))
        try:
            self.written = settled(self.readable, self.rejections)
        except Exception as exc:
            raise _Settled(exc) from exc


def _default_report_path(project: object) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    project_path = getattr(project, "path", None)
    if isinstance(project_path, Path):
        return project_path.with_name(f"{project_path.stem}.import-rejected-{stamp}.tsv")
    return Path.cwd() / f"import-rejected-{stamp}.tsv"


_REPORT_HEADER = ("path", "line", "reason")


def write_report(
    path: Path,
    rejections: Sequence[InputFileError],
    *,
    project: Path | None = None,
    inputs: Sequence[Path] = (),
    reword: Callable[[str], str] | None = None,
    advice: ReportAdvice = COMMAND_LINE_REPORT_ADVICE,
) -> None:
    """A TSV of path, line and reason (through `reword` if given): opens in a spreadsheet, greps in a shell.

    Replaces an earlier report, but nothing else: not the project, one of its files or a
    special file, not one of the `inputs` being imported (`--report data.jsonl` replaced the
    data with its own rejects), and no other existing file. `import` has no --force (it
    writes one file besides the project, and would need it only for this), so an existing
    file is replaced only when it starts as a report does. A refusal says what to do in
    `advice`'s words.
    """
    real = check_output(path, project=project, force=True)
    for source in inputs:
        if _same_file(real, source):
            raise OutputPathError(
                f"{path} is one of the files being imported; the report would replace it: {advice.new_name}"
            )
    if os.path.lexists(real) and not _is_report(real):
        raise OutputPathError(
            f"{path} already exists and is not an import report; the report never replaces "
            f"another file: {advice.new_name}"
        )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(_REPORT_HEADER)
    for r in rejections:
        reason = r.reason if reword is None else reword(r.reason)
        # A folder imported as `.` names its files bare: a sender's `=HYPERLINK(...).txt` would
        # be a formula in the spreadsheet the report is opened in.
        writer.writerow(
            [spreadsheet_safe(r.path), "" if r.line is None else r.line, spreadsheet_safe(reason)]
        )
    # Of the kind every output's refusal is (a full disk, a read-only folder: the machine's),
    # in one sentence with the import's outcome and this advice in place of the outputs'.
    refused = functools.partial(write_error, what="report", outcome=advice.outcome, advice=advice.refused)
    atomic_write(real, [buffer.getvalue()], refused=refused)


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def _is_report(path: Path) -> bool:
    """Whether an existing file starts with a report's header line (an earlier report)."""
    header = ("\t".join(_REPORT_HEADER) + "\n").encode("utf-8")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        # Only a regular file is read: a device or a FIFO in a folder is the reader's to refuse.
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(header)) == header
    except OSError:
        return False
    finally:
        os.close(fd)
